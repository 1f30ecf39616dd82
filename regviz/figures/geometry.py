"""Figures of the Geometry page: loss contours touching the diamond, the circle, the Lq ball.

Pure builders: a :class:`regviz.experiments.geometry_scenes.GeometryScene` (or two) in, a plotly
figure out. Each panel draws

- the loss contours at log-spaced levels (exact ellipses, colours readable in either theme),
- the penalty ball of budget t, in the penalty's colour,
- the loss contour through the solution β̂ (the ellipse L(β) = L(β̂), computed from H),
- optionally the solution path as t grows from 0 to the unpenalized optimum,
- the unpenalized optimum (OLS) and the solution β̂, with its coordinates on hover,
- an annotation "β₂ = 0 exactly" whenever a coefficient of β̂ is exactly 0.0,

on equally scaled axes (the diamond looks like a diamond) with fixed ranges.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.experiments.geometry_scenes import (
    BudgetSweep,
    GeometryScene,
    contour_rings,
    format_lambda,
)
from regviz.figures import common as style
from regviz.figures.common import apply_style, f32, outline, plain_figure, play_controls, rgba

AXIS_TITLES = ("β₁", "β₂")
CONTOUR_NAME = "loss contours (log-spaced)"
TANGENT_NAME = "contour through β̂"
PATH_NAME = "solution path, t: 0 → OLS"
OLS_NAME = "OLS (no penalty)"
KEY = (
    "Thin coloured rings: loss contours (log-spaced). Dashed: the contour through β̂. "
    "Dotted: the solution path as t grows from 0. ✖ OLS: the fit without penalty."
)


def _coef(value: float) -> str:
    return "0 (exactly)" if value == 0.0 else f"{value:.4f}"


def _color(scene: GeometryScene) -> str:
    return style.penalty_color(scene.penalty)


def zero_annotation_text(scene: GeometryScene) -> str | None:
    """The call-out for exact zeros of β̂ ("β₂ = 0 exactly"), or None if there is none."""
    names = [f"β{'₁₂'[k]}" for k in range(2) if scene.zeroed[k]]
    if not names:
        return None
    return " = ".join(names) + " = 0 exactly"


def panel_title(scene: GeometryScene) -> str:
    """A short title: the penalty, the budget t and the matching λ."""
    if scene.penalty == "lq":
        return f"{scene.name}: budget t = {scene.t:.2f}"
    return f"{scene.name}: t = {scene.t:.2f} ↔ λ = {format_lambda(scene.lam)}"


def _path_with_breaks(path: np.ndarray) -> np.ndarray:
    """Insert a gap where the path jumps (non-convex Lq balls), so no false segment is drawn."""
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    typical = np.median(steps[steps > 0]) if np.any(steps > 0) else 0.0
    jumps = np.flatnonzero(steps > 8.0 * typical) if typical > 0 else np.array([], dtype=int)
    if jumps.size == 0:
        return path
    return np.insert(path, jumps + 1, np.nan, axis=0)


def _scene_traces(
    scene: GeometryScene, *, show_path: bool, first: bool, dark: bool = False
) -> list[dict]:
    """The traces of one panel, from the back (contours) to the front (markers).

    The last three traces are, in order, the ball, the contour through β̂ and β̂: the
    Play animation replaces exactly those (see :func:`_frames`).
    """
    color = _color(scene)
    rings = contour_rings(scene.loss, scene.levels)
    traces: list[dict] = [
        outline(
            ring,
            name=CONTOUR_NAME,
            line={"color": ring_color, "width": 1.2},
            legendgroup="contours",
            showlegend=first and k == 0,
        )
        for k, (ring, ring_color) in enumerate(
            zip(rings, style.contour_colors(len(rings), dark=dark)[::-1], strict=True)
        )
    ]
    if show_path and scene.path is not None:
        path = _path_with_breaks(scene.path)
        traces.append(
            outline(
                path,
                name=PATH_NAME,
                line={"color": color, "width": 2.0, "dash": "dot"},
                legendgroup="path",
                showlegend=first,
                connectgaps=False,
            )
        )
    c = scene.loss.center
    traces.append(
        dict(
            type="scatter",
            x=[float(c[0])],
            y=[float(c[1])],
            mode="markers+text",
            marker={"color": style.penalty_color("ols"), "size": 11, "symbol": "x"},
            text=["OLS"],
            textposition="top left",
            name=OLS_NAME,
            legendgroup="ols",
            showlegend=first,
            hovertext=[f"OLS (no penalty)<br>β₁ = {c[0]:.4f}<br>β₂ = {c[1]:.4f}"],
            hoverinfo="text",
        )
    )
    tangent = scene.tangent if scene.tangent is not None else np.empty((0, 2))
    b = scene.beta
    lam_line = "" if scene.penalty == "lq" else f"<br>λ = {format_lambda(scene.lam)}"
    traces += [
        outline(
            scene.ball,
            name=f"{scene.name} ball",
            line={"color": color, "width": 2.5},
            fill="toself",
            fillcolor=rgba(color, 0.15),
        ),
        outline(
            tangent,
            name=TANGENT_NAME,
            line={"color": color, "width": 2.0, "dash": "dash"},
            legendgroup="tangent",
            showlegend=first,
        ),
        dict(
            type="scatter",
            x=[float(b[0])],
            y=[float(b[1])],
            # With an exact zero the call-out names β̂ itself, so the marker needs no label.
            mode="markers" if any(scene.zeroed) else "markers+text",
            marker={"color": color, "size": 14, "symbol": "circle"},
            text=["β̂"],
            textposition="bottom left",
            name=f"β̂ {scene.name} = ({b[0]:.2f}, {b[1]:.2f})",
            hovertext=[
                f"solution β̂ ({scene.name})<br>β̂₁ = {_coef(b[0])}<br>β̂₂ = {_coef(b[1])}"
                f"<br>t = {scene.t:.4g}{lam_line}"
            ],
            hoverinfo="text",
        ),
    ]
    return traces


def _zero_annotation(scene: GeometryScene, xref: str, yref: str) -> dict | None:
    text = zero_annotation_text(scene)
    if text is None:
        return None
    b = scene.beta
    # Put the text on the side of β̂ away from the optimum, clear of the contours and the
    # path that crowd between the two (screen y points down).
    away = b - scene.loss.center
    norm = float(np.hypot(*away))
    ux, uy = (away / norm) if norm > 0 else (1.0 / np.sqrt(2.0), -1.0 / np.sqrt(2.0))
    ax, ay = 70.0 * ux, -70.0 * uy
    return {
        "x": float(b[0]),
        "y": float(b[1]),
        "xref": xref,
        "yref": yref,
        "text": f"<b>β̂: {text}</b>",
        "showarrow": True,
        "arrowhead": 2,
        "arrowcolor": _color(scene),
        "ax": ax,
        "ay": ay,
        "name": "zero",
    }


def _equal_axes(half_width: float, n_panels: int) -> dict[str, dict]:
    """Same fixed range on every axis, and 1:1 scale within each panel (layout entries)."""
    axes: dict[str, dict] = {}
    for k in range(1, n_panels + 1):
        suffix = "" if k == 1 else str(k)
        axes[f"xaxis{suffix}"] = {
            "range": [-half_width, half_width],
            "title": {"text": AXIS_TITLES[0]},
            "constrain": "domain",
            "zeroline": True,
        }
        axes[f"yaxis{suffix}"] = {
            "range": [-half_width, half_width],
            "title": {"text": AXIS_TITLES[1] if k == 1 else ""},
            "scaleanchor": f"x{suffix}",
            "scaleratio": 1,
            "constrain": "domain",
            "zeroline": True,
        }
    return axes


def make_geometry_figure(
    scene: GeometryScene,
    *,
    show_path: bool = True,
    classroom: bool = False,
    height: int | None = None,
    sweep: BudgetSweep | None = None,
    dark: bool = False,
) -> go.Figure:
    """Loss contours, one penalty ball, the solution and its tangent contour.

    Parameters
    ----------
    scene : GeometryScene
        The computed scene (see :func:`regviz.experiments.geometry_scenes.geometry_scene`).
    show_path : bool, default True
        Draw the solution path if the scene has one.
    classroom : bool, default False
        Larger fonts, thicker lines (projector).
    height : int, optional
        Figure height in pixels (default 480, 400 in classroom mode).
    sweep : BudgetSweep, optional
        Frames for a Play button: the ball grows from t = 0 and β̂ slides along the path,
        in the browser (no server work per frame).
    dark : bool, default False
        Contour colours for Streamlit's dark theme.

    Returns
    -------
    go.Figure
        Equal axis scaling, fixed axis ranges [−w, w] covering the ball and the optimum.
    """
    traces = _scene_traces(scene, show_path=show_path, first=True, dark=dark)
    # No legend: it would squeeze the plot on a phone and crowd a projector. The ball is
    # named in the title, OLS and β̂ are labelled on the plot, and the page's key line
    # (:data:`KEY`) explains the dashed and dotted curves.
    layout = {
        # One view for every frame and both panels (the largest balls of the sweep may
        # reach past it; the path of β̂ never does).
        **_equal_axes(scene.half_width, 1),
        "title": {"text": panel_title(scene), "x": 0.02, "xanchor": "left"},
        "height": height or (400 if classroom else 480),
        "showlegend": False,
        "hovermode": "closest",
    }
    annotation = _zero_annotation(scene, "x", "y")
    if annotation is not None:
        layout["annotations"] = [annotation]
    # Plain data, styled as data, made a figure once: plotly's objects would validate the
    # traces and the Play frames again (~three quarters of a move's server time here).
    spec = {"data": traces, "layout": layout}
    if sweep is not None:
        _add_play(spec, scene, sweep, n_static=len(traces) - 3, classroom=classroom)
    style.style_spec(spec, classroom=classroom)
    top = (60 if classroom else 45) + (50 if sweep is not None else 0)
    style.merge(spec["layout"], {"margin": {"l": 10, "r": 10, "t": top, "b": 10}})
    if sweep is not None:
        title = {"y": 1.0, "yanchor": "top", "yref": "container", "pad": {"t": 8}}
        style.merge(spec["layout"], {"title": title})
    return plain_figure(spec)


def _frame_title(scene: GeometryScene, t: float, lam: float) -> str:
    if scene.penalty == "lq" or not np.isfinite(lam):
        return f"{scene.name}: t = {t:.2f}"
    return f"{scene.name}: t = {t:.2f} ↔ λ = {format_lambda(lam)}"


def _add_play(
    spec: dict, scene: GeometryScene, sweep: BudgetSweep, n_static: int, classroom: bool
) -> None:
    """Frames over the budget t and a Play / Slow / Pause menu above the plot (in ``spec``)."""
    moving = [n_static, n_static + 1, n_static + 2]
    frames = []
    for k, (t, lam, beta, ball, tangent) in enumerate(
        zip(sweep.budgets, sweep.lams, sweep.betas, sweep.balls, sweep.tangents, strict=True)
    ):
        frames.append(
            {
                "name": str(k),
                "data": [
                    {"type": "scatter", "x": f32(ball[:, 0]), "y": f32(ball[:, 1])},
                    {"type": "scatter", "x": f32(tangent[:, 0]), "y": f32(tangent[:, 1])},
                    # Plotly redraws a frame's traces, not its title: β̂ carries t and λ.
                    {
                        "type": "scatter",
                        "x": [float(beta[0])],
                        "y": [float(beta[1])],
                        "mode": "markers+text",
                        "text": [_frame_title(scene, float(t), float(lam)).split(": ", 1)[1]],
                        "textposition": "bottom left" if beta[0] >= 0 else "bottom right",
                    },
                ],
                "traces": moving,
                "layout": {"title": {"text": _frame_title(scene, float(t), float(lam))}},
            }
        )
    spec["frames"] = frames

    # Play / Slow / Pause sit in the figure's top margin, under the title: above the plot,
    # so a teacher finds them without scrolling; β̂'s label shows the current t and λ.
    controls = play_controls(
        [frame["name"] for frame in frames], [""] * len(frames), classroom=classroom,
        speeds=(("▶ Play", 150), ("▶ Slow", 450)),
    )  # fmt: skip
    spec["layout"]["updatemenus"] = [controls["updatemenus"][0] | {"pad": {"t": 0, "b": 6, "r": 6}}]


def make_preview_figure(scenes: Sequence[GeometryScene], *, classroom: bool = False) -> go.Figure:
    """A small, static L1 | L2 picture for the home page (no legend, no contour grid).

    Parameters
    ----------
    scenes : sequence of GeometryScene
        Usually the diamond and the circle on one loss.
    classroom : bool, default False
        Larger fonts (projector).

    Returns
    -------
    go.Figure
    """
    fig = make_subplots(
        rows=1, cols=len(scenes), subplot_titles=[s.name for s in scenes], horizontal_spacing=0.04
    )
    for k, scene in enumerate(scenes, start=1):
        color = _color(scene)
        tangent = scene.tangent if scene.tangent is not None else np.empty((0, 2))
        c, b = scene.loss.center, scene.beta
        for trace in (
            go.Scatter(x=scene.ball[:, 0].astype(np.float32), y=scene.ball[:, 1].astype(np.float32),
                       mode="lines", fill="toself", fillcolor=rgba(color, 0.15),
                       line={"color": color}),
            go.Scatter(x=tangent[:, 0].astype(np.float32), y=tangent[:, 1].astype(np.float32),
                       mode="lines", line={"color": style.TRUTH_COLOR, "dash": "dash"}),
            go.Scatter(x=[c[0]], y=[c[1]], mode="markers",
                       marker={"symbol": "x", "color": style.penalty_color("ols"), "size": 10}),
            go.Scatter(x=[b[0]], y=[b[1]], mode="markers", marker={"color": color, "size": 12}),
        ):  # fmt: skip
            fig.add_trace(trace, row=1, col=k)
    half = max(s.half_width for s in scenes)
    fig.update_xaxes(range=[-half, half], zeroline=True, showticklabels=False, constrain="domain")
    fig.update_yaxes(range=[-half, half], zeroline=True, showticklabels=False, constrain="domain")
    for k in range(1, len(scenes) + 1):
        suffix = "" if k == 1 else str(k)
        fig.layout[f"yaxis{suffix}"].scaleanchor = f"x{suffix}"
    fig.update_layout(height=260, showlegend=False, margin={"l": 5, "r": 5, "t": 40, "b": 5})
    return apply_style(fig, classroom=classroom)
