"""Figures of three coefficients: the octahedron vs the sphere, and the 3-D Monte Carlo.

Pure builders: a :class:`regviz.experiments.geometry3d_scenes.Ball3DScene` (or two), or a
:class:`regviz.experiments.montecarlo3d.MonteCarlo3DResult`, in; a plotly figure out.
A 3-D panel draws, in one rotatable scene with equal axes,

- the penalty ball of budget t as a translucent mesh in the penalty's colour, with the
  lines where it meets the coordinate planes (the octahedron's 12 edges),
- the loss level set through β̂ — the ellipsoid L(β) = L(β̂) — touching the ball,
- the unpenalized optimum (OLS) and the solution β̂, labelled with how many of its
  coefficients are exactly 0.

Arrays go to plotly as float32 (vertex coordinates) and small unsigned integers
(triangle indices), which plotly ships as compact typed arrays.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.experiments.geometry3d_scenes import Ball3DScene, TriangleMesh, zero_label, zero_tag
from regviz.experiments.montecarlo3d import MonteCarlo3DResult
from regviz.figures.common import apply_style, f32, penalty_color

AXIS_TITLES = ("β₁", "β₂", "β₃")
LEVEL_SET_NAME = "loss level set through β̂"
OUTLINE_NAME = "where the ball meets βᵢ = 0"
OLS_NAME = "OLS (no penalty)"
FIGURE_HEIGHT = 480  # a half-width column; 400 in classroom mode (above the fold at 720 px)
CLASSROOM_HEIGHT = 400
SIDE_BY_SIDE_HEIGHT = 560
LEVEL_SET_COLOR = "#8C8C8C"
# On a dark background the grey ellipsoid is lighter and less transparent to stay visible.
DARK_LEVEL_SET = {"color": "#D0D0D0", "opacity": 0.4}
# Keep the camera where the viewer turned it when the figure is redrawn with new data.
UIREVISION = "three-d"
# Seen from the front right, β̂ and the optimum ◆ rarely line up with the eye.
CAMERA = {"eye": {"x": 1.65, "y": -1.65, "z": 1.1}, "center": {"x": 0, "y": 0, "z": -0.1}}
ZERO_BAR_LABELS = ("0 zeros", "1 zero", "2 zeros")
SHORT_NAMES = {"l1": "L1 (lasso)", "l2": "L2 (ridge)", "elasticnet": "Elastic net"}


def _indices(faces: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    dtype = np.uint16 if faces.size == 0 or faces.max() < 2**16 else np.uint32
    f = faces.astype(dtype)
    return f[:, 0], f[:, 1], f[:, 2]


def _mesh(mesh: TriangleMesh, *, name: str, color: str, opacity: float, **kwargs) -> go.Mesh3d:
    i, j, k = _indices(mesh.faces)
    v = f32(mesh.vertices)
    return go.Mesh3d(
        x=v[:, 0],
        y=v[:, 1],
        z=v[:, 2],
        i=i,
        j=j,
        k=k,
        name=name,
        color=color,
        opacity=opacity,
        showlegend=True,
        hoverinfo="skip",
        **kwargs,
    )


def _point(
    beta: np.ndarray, *, name: str, color: str, symbol: str, text: str | None = None
) -> go.Scatter3d:
    b = f32(beta)
    return go.Scatter3d(
        x=b[0:1],
        y=b[1:2],
        z=b[2:3],
        mode="markers+text" if text else "markers",
        name=name,
        text=[text] if text else None,
        textposition="top center",
        marker={
            "color": color,
            "size": 7,
            "symbol": symbol,
            "line": {"width": 1, "color": "white"},
        },
        hovertemplate=(
            f"{name}<br>β₁ = %{{x:.4f}}<br>β₂ = %{{y:.4f}}<br>β₃ = %{{z:.4f}}<extra></extra>"
        ),
    )


def _scene_traces(scene: Ball3DScene, *, first: bool, dark: bool = False) -> list[go.BaseTraceType]:
    """The traces of one panel, from the back (ball) to the front (markers)."""
    color = penalty_color(scene.penalty)
    traces: list[go.BaseTraceType] = [
        _mesh(
            scene.ball,
            name=f"{scene.name} ball",
            color=color,
            opacity=0.35,
            flatshading=scene.penalty == "l1",
            lighting={"ambient": 0.6, "diffuse": 0.6, "specular": 0.1},
        ),
        go.Scatter3d(
            x=f32(scene.outline[:, 0]),
            y=f32(scene.outline[:, 1]),
            z=f32(scene.outline[:, 2]),
            mode="lines",
            name=OUTLINE_NAME,
            line={"color": color, "width": 3},
            hoverinfo="skip",
            showlegend=first,
        ),
    ]
    if scene.level_set is not None:
        traces.append(
            _mesh(
                scene.level_set,
                name=LEVEL_SET_NAME,
                color=LEVEL_SET_COLOR,
                opacity=0.25,
                lighting={"ambient": 0.7, "diffuse": 0.4, "specular": 0.05},
            ).update(DARK_LEVEL_SET if dark else {})
        )
        traces[-1].showlegend = first
    ols = _point(scene.loss.center, name=OLS_NAME, color=penalty_color("ols"), symbol="diamond")
    ols.showlegend = first
    traces.append(ols)
    # The marker says which coefficients are 0; the legend and hover give the full label.
    traces.append(
        _point(
            scene.beta, name=zero_label(scene), color=color, symbol="circle", text=zero_tag(scene)
        )
    )
    return traces


def _scene_layout(scene: Ball3DScene, *, classroom: bool = False) -> dict:
    # Tick and axis-title sizes of their own (apply_style sizes 2-D axes only), small
    # enough that the labels of a half-width scene do not collide.
    ticks, titles = (15, 20) if classroom else (11, 14)
    axis = {
        "range": list(scene.axis_range), "zeroline": True, "showspikes": False, "nticks": 5,
        "tickfont": {"size": ticks},
    }  # fmt: skip
    return {
        **{
            f"{xyz}axis": {**axis, "title": {"text": title, "font": {"size": titles}}}
            for xyz, title in zip("xyz", AXIS_TITLES, strict=True)
        },
        "aspectmode": "cube",
        "camera": CAMERA,
        "uirevision": UIREVISION,
    }


def panel_title(scene: Ball3DScene) -> str:
    """A short title: the penalty, the budget t and the matching λ."""
    lam = "∞" if np.isinf(scene.lam) else f"{scene.lam:.3g}"
    return f"{scene.name}: t = {scene.t:.2f} ↔ λ = {lam}"


def make_ball_3d_figure(
    scene: Ball3DScene,
    *,
    classroom: bool = False,
    dark: bool = False,
    height: int | None = None,
    legend: bool = False,
) -> go.Figure:
    """The ball, the loss ellipsoid touching it at β̂, and β̂ with its zeros, in 3-D.

    Sized for a half-width column, seen from the front right (where β̂ and the optimum
    rarely line up with the eye).

    Parameters
    ----------
    scene : Ball3DScene
        From :func:`regviz.experiments.geometry3d_scenes.ball_scene_3d`.
    classroom : bool, default False
        Larger fonts, lines and markers for a projector.
    dark : bool, default False
        The visitor's theme is dark: a lighter loss ellipsoid.
    height : int or None
        Pixels; 480 (400 in classroom mode) when None.
    legend : bool, default False
        A legend below the scene (off: the page's caption is the key, and β̂'s marker
        says which coefficients are zero).

    Returns
    -------
    go.Figure
        Traces, back to front: the ball (Mesh3d), its outline on the coordinate planes,
        the loss level set through β̂ (Mesh3d, absent when β̂ = c), OLS, β̂ (named
        :func:`regviz.experiments.geometry3d_scenes.zero_label`, its marker tagged
        :func:`~regviz.experiments.geometry3d_scenes.zero_tag`).

    Examples
    --------
    >>> from regviz.experiments.geometry3d_scenes import Bowl3D, ball_scene_3d
    >>> scene = ball_scene_3d(Bowl3D.from_shape([2.0, 1.0, 0.5]), "l1", t=1.0)
    >>> [tr.type for tr in make_ball_3d_figure(scene).data]
    ['mesh3d', 'scatter3d', 'mesh3d', 'scatter3d', 'scatter3d']
    """
    fig = go.Figure(_scene_traces(scene, first=True, dark=dark))
    fig.update_layout(
        scene=_scene_layout(scene, classroom=classroom),
        title={"text": panel_title(scene)},
        height=height or (CLASSROOM_HEIGHT if classroom else FIGURE_HEIGHT),
        uirevision=UIREVISION,
        showlegend=legend,
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
    )
    fig = apply_style(fig, classroom=classroom)
    return fig.update_layout(margin={"l": 24, "r": 0, "t": 40, "b": 0})


def make_side_by_side_3d_figure(
    scenes: Sequence[Ball3DScene], *, classroom: bool = False
) -> go.Figure:
    """Two (or more) 3-D panels side by side, e.g. L1 | L2 on the same bowl.

    One ``scene`` per panel (subplot type "scene"), all with the same cube of axes.

    Examples
    --------
    >>> from regviz.experiments.geometry3d_scenes import Bowl3D, ball_scenes_3d
    >>> scenes = ball_scenes_3d(Bowl3D.from_shape([2.0, 1.0, 0.5]), ("l1", "l2"), t=1.0)
    >>> fig = make_side_by_side_3d_figure(scenes)
    >>> fig.layout.scene.domain.x[1] <= fig.layout.scene2.domain.x[0]
    True
    """
    if not scenes:
        raise ValueError("Give at least one scene.")
    fig = make_subplots(
        rows=1,
        cols=len(scenes),
        specs=[[{"type": "scene"}] * len(scenes)],
        subplot_titles=[panel_title(s) for s in scenes],
        horizontal_spacing=0.02,
    )
    for col, scene in enumerate(scenes, start=1):
        for trace in _scene_traces(scene, first=col == 1):
            fig.add_trace(trace, row=1, col=col)
        key = "scene" if col == 1 else f"scene{col}"
        fig.update_layout({key: _scene_layout(scene, classroom=classroom)})
    fig.update_layout(
        height=SIDE_BY_SIDE_HEIGHT,
        uirevision=UIREVISION,
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
    )
    return apply_style(fig, classroom=classroom)


def make_montecarlo_3d_figure(result: MonteCarlo3DResult, *, classroom: bool = False) -> go.Figure:
    """Bars: the share of binding trials with 0, 1 and 2 zeros, per penalty, with 95 % CIs.

    L1 and the elastic net count exact zeros, L2 counts |βᵢ| < ε·t (the sphere gives no
    exact zero); the legend says which. No title: the page's heading asks the question
    (the number of bowls is in the hover text's counts).

    Examples
    --------
    >>> from regviz.experiments.montecarlo3d import simulate_3d
    >>> fig = make_montecarlo_3d_figure(simulate_3d(2_000, seed=0, compare_2d=False))
    >>> [tr.name for tr in fig.data]
    ['L1 (lasso)', 'L2 (ridge), |βᵢ| < 0.01·t', 'Elastic net']
    """
    fig = go.Figure()
    for p, o in result.outcomes.items():
        name = SHORT_NAMES[p]
        if p == "l2":
            name += f", |βᵢ| < {result.design.epsilon:g}·t"
        shares = o.zeros
        fig.add_trace(
            go.Bar(
                x=list(ZERO_BAR_LABELS),
                y=[100 * q.fraction for q in shares],
                name=name,
                marker_color=penalty_color(p),
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [100 * (q.high - q.fraction) for q in shares],
                    "arrayminus": [100 * (q.fraction - q.low) for q in shares],
                    "thickness": 2,
                    "width": 8,
                },
                customdata=[[q.count, q.total, 100 * q.low, 100 * q.high] for q in shares],
                hovertemplate=(
                    "%{x}: %{y:.1f} % (%{customdata[0]:,} of %{customdata[1]:,}; "
                    "95 % CI %{customdata[2]:.1f}–%{customdata[3]:.1f} %)<extra>"
                    f"{name}</extra>"
                ),
            )
        )
    fig.update_layout(
        barmode="group",
        xaxis_title="zeros in β̂ (among trials where the ball binds)",
        yaxis={"title": {"text": "share of trials (%)"}, "range": [0, 100]},
        height=420,
        legend={"orientation": "h", "y": -0.25, "yanchor": "top", "x": 0},
    )
    return apply_style(fig, classroom=classroom).update_layout(margin_t=10)
