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

from regviz.experiments.geometry3d_scenes import (
    Ball3DScene,
    PlaySweep3D,
    TriangleMesh,
    zero_label,
    zero_tag,
)
from regviz.experiments.montecarlo3d import MonteCarlo3DResult
from regviz.figures.common import (
    CLASSROOM_FONT_SIZE,
    FONT_SIZE,
    apply_style,
    f32,
    merge,
    penalty_color,
    plain_figure,
    play_controls,
    style_spec,
)

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
# ▶ Play: milliseconds per frame (each frame redraws the WebGL scene).
PLAY_SPEEDS = (("▶ Play", 300), ("▶ Slow", 800))
SLIDER_ROW = 30  # a narrow figure's step slider, on a row of its own below the buttons
# Where the step slider starts beside the buttons (paper fraction), for a half-width
# column of a laptop screen (~400 px; ~460 px for the larger buttons of classroom mode).
SLIDER_X = 0.5
CLASSROOM_SLIDER_X = 0.58
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
    beta: np.ndarray,
    *,
    name: str,
    color: str,
    symbol: str,
    text: str | None = None,
    named_hover: bool = True,
) -> go.Scatter3d:
    b = f32(beta)
    # Without <extra>, plotly shows the trace's current name beside the hover box: a
    # frame that renames β̂ then needs no hover template of its own.
    extra = "<extra></extra>" if named_hover else ""
    hover = f"{name}<br>" if named_hover else ""
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
        hovertemplate=f"{hover}β₁ = %{{x:.4f}}<br>β₂ = %{{y:.4f}}<br>β₃ = %{{z:.4f}}{extra}",
    )


def _scene_traces(
    scene: Ball3DScene,
    *,
    first: bool,
    dark: bool = False,
    level_set: TriangleMesh | None = None,
    play: bool = False,
) -> list[go.BaseTraceType]:
    """The traces of one panel, from the back (ball) to the front (markers).

    ``level_set`` stands in for a missing level set (β̂ = c) in a Play figure, whose
    frames need the trace. With ``play`` β̂'s marker has no text (a scene annotation
    carries its tag: see :func:`_solution_tag`).
    """
    color = penalty_color(scene.penalty)
    if level_set is None:
        level_set = scene.level_set
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
    if level_set is not None:
        traces.append(
            _mesh(
                level_set,
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
            scene.beta,
            name=zero_label(scene),
            color=color,
            symbol="circle",
            text=None if play else zero_tag(scene),
            named_hover=not play,
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
    traces = _scene_traces(scene, first=True, dark=dark)
    spec = _ball_spec(traces, scene, panel_title(scene), classroom, height, legend)
    return plain_figure(spec)


def _ball_spec(
    traces: Sequence[go.BaseTraceType],
    scene: Ball3DScene,
    title: str,
    classroom: bool,
    height: int | None,
    legend: bool,
    top: int = 40,
) -> dict:
    """A ball figure as plain data, styled: laid out and styled through plotly's objects,
    the figure's meshes would be validated again at each call (~0.1 s a figure)."""
    layout = {
        "scene": _scene_layout(scene, classroom=classroom),
        "title": {"text": title},
        "height": height or (CLASSROOM_HEIGHT if classroom else FIGURE_HEIGHT),
        "uirevision": UIREVISION,
        "showlegend": legend,
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
    }
    data = [trace.to_plotly_json() for trace in traces]
    spec = style_spec({"data": data, "layout": layout}, classroom=classroom)
    merge(spec["layout"], {"margin": {"l": 24, "r": 0, "t": top, "b": 0}})
    return spec


def make_ball_3d_play_figure(
    sweep: PlaySweep3D,
    *,
    classroom: bool = False,
    dark: bool = False,
    height: int | None = None,
    legend: bool = False,
    narrow: bool = False,
) -> go.Figure:
    """The 3-D ball figure with ▶ Play: the ball grows (or shrinks) and β̂ slides over its
    vertices, edges and faces as the budget t (or λ) sweeps, in the browser.

    The figure first shows the page's own setting (``sweep.current``). Each frame redraws
    the ball, its outline, the loss level set through β̂ and β̂, and names t and λ in the
    title (:func:`panel_title`) and β̂'s zeros beside it
    (:func:`regviz.experiments.geometry3d_scenes.zero_tag`). A frame sends only vertex
    coordinates (float32); the triangles of every frame are the first one's.

    Notes
    -----
    3-D frames are played with ``redraw`` on (WebGL traces move only when redrawn), which
    also redraws each frame's title and scene annotations. β̂'s tag is a scene annotation,
    not the marker's text: plotly.js draws 3-D trace text too small once a frame changes it
    (plotly.js issue 5754).

    Parameters
    ----------
    sweep : PlaySweep3D
        From :func:`regviz.experiments.geometry3d_scenes.play_sweeps_3d`.
    classroom : bool, default False
        Larger fonts, lines, markers and buttons for a projector.
    dark : bool, default False
        The visitor's theme is dark: a lighter loss ellipsoid.
    height : int or None
        Pixels of the scene and its title, as in :func:`make_ball_3d_figure`; the row of
        Play / Slow / ❚❚ and the step slider is added above the scene.
    legend : bool, default False
        A legend below the scene.
    narrow : bool, default False
        A phone: the step slider gets a row of its own below the buttons.

    Returns
    -------
    go.Figure
        The traces of :func:`make_ball_3d_figure` (the level set always present, a single
        point where β̂ = c), ``frames`` named ``"0"``, ``"1"``, ... and Play / Slow / ❚❚
        with a step slider between the title and the scene.

    Examples
    --------
    >>> from regviz.experiments.geometry3d_scenes import Bowl3D, play_sweeps_3d
    >>> sweep = play_sweeps_3d(Bowl3D.from_shape([2.0, 1.0, 0.5]), ("l1",), t=1.0)[0]
    >>> fig = make_ball_3d_play_figure(sweep)
    >>> len(fig.frames), fig.layout.sliders[0].active == sweep.active
    (15, True)
    >>> for frame in (fig.frames[0], fig.frames[-1]):
    ...     print(frame.layout.title.text, "|", frame.layout.scene.annotations[0].text)
    <b>L1 (lasso): t = 0.00 ↔ λ = 2</b> | β̂: β₁ = β₂ = β₃ = 0
    <b>L1 (lasso): t = 3.50 ↔ λ = 0</b> | β̂: no zero
    """
    scene = sweep.current
    # One triangle list for every frame's level set; a frame where β̂ = c (no level set)
    # draws it as the single point c.
    template = next((f.level_set for f in sweep.frames if f.level_set is not None), None)
    font = CLASSROOM_FONT_SIZE if classroom else FONT_SIZE
    # Pixels from the top: the title, the buttons (and on a phone the slider), the scene.
    title_px, buttons_px = round(2.4 * font) + 8, round(2.4 * font) + 8
    row = buttons_px + (SLIDER_ROW if narrow else 0)
    base_height = height or (CLASSROOM_HEIGHT if classroom else FIGURE_HEIGHT)
    plot_px = base_height - title_px  # the figure has no bottom margin
    traces = _scene_traces(
        scene, first=True, dark=dark, level_set=_level_set_or_point(scene, template), play=True
    )
    spec = _ball_spec(
        traces, scene, _bold_title(scene), classroom, base_height + row, legend,
        top=title_px + row,
    )  # fmt: skip
    moving = [0, 1, 2, len(traces) - 1] if template is not None else [0, 1, len(traces) - 1]
    frames = [
        {
            "name": str(k),
            "traces": moving,
            "data": _frame_data(frame, template),
            "layout": {
                "title": {"text": _bold_title(frame)},
                "scene": {"annotations": [_solution_tag(frame, font)]},
            },
        }
        for k, frame in enumerate(sweep.frames)
    ]
    # No step labels: plotly shows only every few (never both ends); the title names t.
    labels = [""] * len(frames)
    slider_x = 0.0 if narrow else (CLASSROOM_SLIDER_X if classroom else SLIDER_X)
    controls = play_controls(
        [f["name"] for f in frames], labels, classroom=classroom, speeds=PLAY_SPEEDS,
        active=sweep.active, slider_x=slider_x, redraw=True,
    )  # fmt: skip
    menu, slider = controls["updatemenus"][0], controls["sliders"][0]

    def below_title(px: float) -> float:  # paper y, px below the title
        return 1.0 + (row - px) / plot_px

    menu.update(y=below_title(0), yanchor="top", pad={"t": 0, "b": 0, "l": 0, "r": 0})
    slider.update(
        y=below_title(buttons_px if narrow else 0), yanchor="top", pad={"t": 0, "b": 0},
        currentvalue={"visible": False}, len=0.97 - slider_x,
    )  # fmt: skip
    # The title stays at the top of the figure; the Play row sits between it and the scene.
    merge(
        spec["layout"],
        {
            **controls,
            "title": {"y": 1.0, "yanchor": "top", "yref": "container", "pad": {"t": 10}},
            "scene": {"annotations": [_solution_tag(scene, font)]},
        },
    )
    # Frames are plain data added after styling: validating them would cost more than
    # computing them.
    spec["frames"] = frames
    return plain_figure(spec)


def _bold_title(scene: Ball3DScene) -> str:
    """:func:`panel_title` in bold, as Streamlit's theme draws a figure's first title (a
    frame's title would otherwise be drawn in the regular weight)."""
    return f"<b>{panel_title(scene)}</b>"


def _solution_tag(scene: Ball3DScene, font: int) -> dict:
    """β̂'s zeros as a scene annotation just above it (in the theme's text colour)."""
    x, y, z = (float(b) for b in np.float32(scene.beta))
    return {
        "x": x, "y": y, "z": z, "text": zero_tag(scene), "showarrow": False,
        "yanchor": "bottom", "yshift": 8, "font": {"size": font},
    }  # fmt: skip


def _level_set_or_point(scene: Ball3DScene, template: TriangleMesh | None) -> TriangleMesh | None:
    """The scene's level set, or (β̂ = c) the mesh ``template`` collapsed onto c."""
    if scene.level_set is not None or template is None:
        return scene.level_set
    points = np.broadcast_to(scene.loss.center, template.vertices.shape)
    return TriangleMesh(np.array(points), template.faces)


def _frame_data(scene: Ball3DScene, template: TriangleMesh | None) -> list[dict]:
    """What one Play frame changes in its traces, in the order of the moving traces:
    vertices, and β̂'s name (shown by the legend and the hover box)."""

    def xyz(points: np.ndarray) -> dict:
        v = f32(points)
        return {"x": v[:, 0], "y": v[:, 1], "z": v[:, 2]}

    data = [
        {"type": "mesh3d", **xyz(scene.ball.vertices)},
        {"type": "scatter3d", **xyz(scene.outline)},
    ]
    if template is not None:
        level_set = _level_set_or_point(scene, template)
        data.append({"type": "mesh3d", **xyz(level_set.vertices)})  # type: ignore[union-attr]
    b = [float(x) for x in np.float32(scene.beta)]
    data.append(
        {"type": "scatter3d", "x": b[0:1], "y": b[1:2], "z": b[2:3], "name": zero_label(scene)}
    )
    return data


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
