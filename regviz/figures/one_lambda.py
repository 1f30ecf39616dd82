"""Figures of the "One λ, three views" page: one model, three pictures, one λ.

Three separate figures, so they sit side by side on a wide screen and stack on a phone:

- :func:`make_constraint_figure` — the 2-D picture: loss contours of the training data,
  the penalty ball of budget t(λ), and the solution where the two touch;
- :func:`make_path_figure` — the coefficient path against λ, with t(λ) = ‖β̂(λ)‖ and a
  cursor at the chosen λ;
- :func:`make_error_figure` — training and test error against λ, with the same cursor.

Arrays go out as float32 (compact in the browser); no legend sits at the side.

Each figure is written as plain data (``{"data": [...], "layout": {...}}``), styled as data
(:func:`regviz.figures.common.style_spec`) and made a ``go.Figure`` once, unvalidated: every
move of λ rebuilds the three views (or the Play figure), and plotly's object model would
validate each trace and layout change again (most of the time a move takes).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.core.penalties import ball_boundary
from regviz.experiments.onelambda import LOG_LAMBDA_RANGE, LambdaPath, LambdaPoint
from regviz.figures import common as style
from regviz.figures.common import (
    TRUTH_COLOR,
    f32,
    merge,
    outline,
    penalty_color,
    plain_figure,
    rgba,
    style_spec,
)

LAMBDA_AXIS_TITLE = "λ (log scale) →"
CONTOUR_COLOR = "rgba(128,128,128,0.55)"
CURSOR_COLOR = "#7F7F7F"
_COEF_DASH = ("solid", "dash")
KEY = (
    "Left: × least squares (λ = 0) · ◆ β̂(λ) · dotted: β̂ for every λ · blue ring: the loss "
    "contour through β̂ · shaded: the ball of budget t(λ). Middle and right: the dash-dotted "
    "line is the chosen λ."
)


def _height(classroom: bool, height: int | None) -> int:
    return height or (400 if classroom else 420)


def _budget_name(penalty: str) -> str:
    return "‖β‖₁" if penalty == "l1" else "‖β‖₂"


def _geometry_window(path: LambdaPath) -> list[float]:
    center = path.loss.center
    extent = float(max(np.max(np.abs(center)), np.max(np.abs(path.betas)), 0.5))
    return [-1.25 * extent, 1.25 * extent]


def _lambda_axis(classroom: bool) -> dict:
    """A log λ axis ticked at powers of ten only (no minor labels to collide)."""
    low, high = LOG_LAMBDA_RANGE
    exponents = range(int(low), int(high) + 1, 2 if classroom else 1)
    values = [10.0**e for e in exponents]
    return {
        "type": "log",
        "range": [low - 0.05, high + 0.05],
        "tickvals": values,
        "ticktext": [f"{v:g}" for v in values],
        "title": {"text": LAMBDA_AXIS_TITLE},
    }


def _touching_contour(path: LambdaPath, point: LambdaPoint, n_points: int) -> np.ndarray:
    """The one loss contour that touches the ball: the ellipse through β̂(λ)."""
    loss = path.loss
    d = point.beta - loss.center
    radius = float(np.sqrt(d @ loss.hessian @ d))
    values, vectors = np.linalg.eigh(loss.hessian)
    theta = np.linspace(0.0, 2.0 * np.pi, n_points)
    unit = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    return loss.center + radius * unit @ (vectors @ np.diag(values**-0.5) @ vectors.T)


def _ball(path: LambdaPath, point: LambdaPoint, n_points: int) -> np.ndarray:
    """The penalty ball of budget t(λ): a diamond's 4 corners, or a circle."""
    return ball_boundary(
        path.penalty, t=point.budget, n_points=5 if path.penalty == "l1" else n_points
    )


def make_constraint_figure(
    path: LambdaPath,
    point: LambdaPoint,
    *,
    classroom: bool = False,
    height: int | None = None,
    ring_points: int = 121,
) -> go.Figure:
    """The constrained form: contours, the ball ‖β‖ ≤ t(λ) and β̂(λ) where they touch.

    Parameters
    ----------
    path : LambdaPath
        Fits over the λ grid (the bowl, and β̂ for every λ as a dotted line).
    point : LambdaPoint
        The model at the chosen λ.
    classroom : bool, default False
        Projector styling.
    height : int, optional
        Figure height in pixels.
    ring_points : int, default 121
        Points on the touching contour and on the circle.

    Returns
    -------
    go.Figure
        Equal axes with fixed ranges.
    """
    spec = _constraint_spec(
        path, point, classroom=classroom, height=height, ring_points=ring_points
    )
    return plain_figure(spec)


def _constraint_spec(
    path: LambdaPath,
    point: LambdaPoint,
    *,
    classroom: bool,
    height: int | None,
    ring_points: int,
) -> dict:
    """:func:`make_constraint_figure` as plain data, styled."""
    color = penalty_color(path.penalty)
    lim = _geometry_window(path)
    loss = path.loss
    rings = style.loss_ellipses(loss, lim, n_levels=10)
    touching = _touching_contour(path, point, ring_points)
    ball = _ball(path, point, ring_points)
    ball_name = f"ball {_budget_name(path.penalty)} ≤ t(λ)"
    traces = [
        outline(rings, name="training loss contours", line={"color": CONTOUR_COLOR, "width": 1}),
        outline(touching, name="contour through β̂", line={"color": style.DATA_COLOR, "width": 2}),
        outline(
            ball,
            name=ball_name,
            line={"color": color, "width": 2.5},
            fill="toself",
            fillcolor=rgba(color, 0.12),
        ),
        outline(
            path.betas, name="β̂ for every λ", line={"color": color, "width": 1.5, "dash": "dot"}
        ),
        {
            "type": "scatter",
            "x": [float(loss.center[0])],
            "y": [float(loss.center[1])],
            "mode": "markers",
            "name": "least squares (λ = 0)",
            "marker": {"symbol": "x", "size": 11, "color": TRUTH_COLOR},
            "hovertemplate": "least squares (%{x:.3g}, %{y:.3g})<extra></extra>",
        },
        {
            "type": "scatter",
            "x": [float(point.beta[0])],
            "y": [float(point.beta[1])],
            "mode": "markers",
            "name": f"β̂(λ = {point.lam:.3g})",
            "marker": {"symbol": "diamond", "size": 15, "color": color, "line": {"width": 1.5}},
            "hovertemplate": "β̂ = (%{x:.4g}, %{y:.4g})<extra></extra>",
        },
    ]
    spec = {
        "data": traces,
        "layout": {
            "title": {"text": f"{_budget_name(path.penalty)} ≤ t = {point.budget:.3g}"},
            "showlegend": False,
            "xaxis": {
                "range": lim,
                "title": {"text": "β₁"},
                "zeroline": True,
                "constrain": "domain",
            },
            "yaxis": {
                "range": lim,
                "title": {"text": "β₂"},
                "zeroline": True,
                "scaleanchor": "x",
                "scaleratio": 1,
                "constrain": "domain",
            },
            "height": _height(classroom, height),
        },
    }
    return style_spec(spec, classroom=classroom)


def _padded_range(values: np.ndarray) -> list[float]:
    """The y range of a λ panel: the values' span with 8 % to spare on each side, so the
    markers at the ends are not cut (a flat curve gets a span of 1)."""
    low, high = float(values.min()), float(values.max())
    pad = 0.08 * (high - low or 1.0)
    return [low - pad, high + pad]


def _cursor(lam: float, y_range: list[float], *, name: str = "chosen λ") -> dict:
    return {
        "type": "scatter",
        "x": [lam, lam],
        "y": y_range,
        "mode": "lines",
        "name": name,
        "showlegend": False,
        "line": {"color": CURSOR_COLOR, "width": 1.5, "dash": "dashdot"},
        "hovertemplate": f"λ = {lam:.3g}<extra></extra>",
    }


def make_path_figure(
    path: LambdaPath, point: LambdaPoint, *, classroom: bool = False, height: int | None = None
) -> go.Figure:
    """The penalized form: β̂₁(λ), β̂₂(λ) and the budget t(λ), with a cursor at λ.

    Parameters
    ----------
    path : LambdaPath
        Fits over the λ grid.
    point : LambdaPoint
        The model at the chosen λ (the cursor and its markers).
    classroom : bool, default False
        Projector styling.
    height : int, optional
        Figure height in pixels.

    Returns
    -------
    go.Figure
        λ on a log axis (stronger penalty to the right); legend below the plot.
    """
    return plain_figure(_path_spec(path, point, classroom=classroom, height=height))


def _path_spec(
    path: LambdaPath, point: LambdaPoint, *, classroom: bool, height: int | None
) -> dict:
    """:func:`make_path_figure` as plain data, styled."""
    color = penalty_color(path.penalty)
    lam = f32(path.lambdas)
    y_range = _padded_range(np.concatenate([path.betas.ravel(), path.budgets, [0.0]]))
    traces = [
        {
            "type": "scatter",
            "x": lam,
            "y": f32(path.betas[:, j]),
            "mode": "lines",
            "name": f"β̂{'₁₂'[j]}",
            "line": {"color": color, "dash": _COEF_DASH[j]},
            "hovertemplate": f"λ = %{{x:.3g}}<br>β{'₁₂'[j]} = %{{y:.4g}}<extra></extra>",
        }
        for j in (0, 1)
    ]
    traces.append(
        {
            "type": "scatter",
            "x": lam,
            "y": f32(path.budgets),
            "mode": "lines",
            "name": "t(λ)",
            "line": {"color": TRUTH_COLOR, "dash": "dot"},
            "hovertemplate": "λ = %{x:.3g}<br>t = %{y:.4g}<extra></extra>",
        }
    )
    traces.append(
        {
            "type": "scatter",
            "x": [point.lam] * 3,
            "y": [float(point.beta[0]), float(point.beta[1]), point.budget],
            "mode": "markers",
            "name": "at the chosen λ",
            "showlegend": False,
            "marker": {"size": 11, "color": color, "line": {"width": 1.5, "color": TRUTH_COLOR}},
            "hovertemplate": "%{y:.4g}<extra></extra>",
        }
    )
    return _lambda_panel(traces, point, y_range, "Coefficient path", "β̂ and t", classroom, height)


def make_error_figure(
    path: LambdaPath, point: LambdaPoint, *, classroom: bool = False, height: int | None = None
) -> go.Figure:
    """Training and test error against λ, with the chosen model marked on both curves.

    Parameters
    ----------
    path : LambdaPath
        Fits over the λ grid (their errors).
    point : LambdaPoint
        The model at the chosen λ.
    classroom : bool, default False
        Projector styling.
    height : int, optional
        Figure height in pixels.

    Returns
    -------
    go.Figure
    """
    return plain_figure(_error_spec(path, point, classroom=classroom, height=height))


def _error_spec(
    path: LambdaPath, point: LambdaPoint, *, classroom: bool, height: int | None
) -> dict:
    """:func:`make_error_figure` as plain data, styled."""
    color = penalty_color(path.penalty)
    lam = f32(path.lambdas)
    errors = np.concatenate([path.train_mse, path.test_mse, [point.train_mse, point.test_mse]])
    y_range = _padded_range(errors)
    traces = []
    for label, values, dash, value in (
        ("training", path.train_mse, "dot", point.train_mse),
        ("test", path.test_mse, "solid", point.test_mse),
    ):
        traces.append(
            {
                "type": "scatter",
                "x": lam,
                "y": f32(values),
                "mode": "lines",
                "name": label,
                "line": {"color": color, "dash": dash},
                "hovertemplate": f"λ = %{{x:.3g}}<br>{label} MSE %{{y:.4g}}<extra></extra>",
            }
        )
        traces.append(
            {
                "type": "scatter",
                "x": [point.lam],
                "y": [value],
                "mode": "markers",
                "showlegend": False,
                "name": f"{label} error at the chosen λ",
                "marker": {
                    "size": 11,
                    "color": color,
                    "line": {"width": 1.5, "color": TRUTH_COLOR},
                },
                "hovertemplate": f"{label} MSE %{{y:.4g}}<extra></extra>",
            }
        )
    title, y_title = "Training and test error", "mean squared error"
    return _lambda_panel(traces, point, y_range, title, y_title, classroom, height)


def _lambda_panel(
    traces: list[dict],
    point: LambdaPoint,
    y_range: list[float],
    title: str,
    y_title: str,
    classroom: bool,
    height: int | None,
) -> dict:
    """A panel against λ as plain data: the cursor at the chosen λ, the log λ axis, titles,
    styling."""
    traces.append(_cursor(point.lam, y_range))
    layout = {
        "title": {"text": title},
        "xaxis": _lambda_axis(classroom),
        "yaxis": {"title": {"text": y_title}, "range": y_range},
        "legend": dict(style.LEGEND_BELOW),  # a copy: the styling gives it a font
        "height": _height(classroom, height),
    }
    return style_spec({"data": traces, "layout": layout}, classroom=classroom)


# --------------------------------------------------------------------------- ▶ Play
# The traces each frame moves, by panel: the touching contour, the ball and β̂ on the left;
# the markers and the cursor in the middle; the two error markers and the cursor right.
_MOVING = ((1, 2, 5), (3, 4), (1, 3, 4))
PLAY_RING_POINTS = 61  # 61 points per ring: smooth at this size, light in 40 frames


def _budget_text(path: LambdaPath, point: LambdaPoint) -> str:
    return f"t(λ) = {point.budget:.3g}"


def _cursor_text(lam: float) -> dict:
    """The λ line's label at its top, on the side with room (the axis ends at 10)."""
    return {
        "x": [lam, lam],
        "text": ["", f"λ = {lam:.3g}"],
        "textposition": "bottom left" if lam > 0.3 else "bottom right",
    }


def _moving_traces(path: LambdaPath, point: LambdaPoint) -> list[dict]:
    """What the frame at ``point`` changes, in the order of the moving trace indices.

    Plotly redraws the traces of a frame, not its layout: the changing numbers (λ at the
    cursors, t in the picture) are text on traces, not titles."""
    touching = _touching_contour(path, point, PLAY_RING_POINTS)
    ball = _ball(path, point, PLAY_RING_POINTS)
    lam = point.lam
    b1, b2 = (float(b) for b in point.beta)
    cursor = {"type": "scatter", **_cursor_text(lam)}
    return [
        {"type": "scatter", "x": f32(touching[:, 0]), "y": f32(touching[:, 1])},
        {"type": "scatter", "x": f32(ball[:, 0]), "y": f32(ball[:, 1])},
        {"type": "scatter", "x": [b1], "y": [b2]},
        {"type": "scatter", "x": [lam] * 3, "y": [b1, b2, point.budget]},
        cursor,
        {"type": "scatter", "x": [lam], "y": [point.train_mse]},
        {"type": "scatter", "x": [lam], "y": [point.test_mse]},
        cursor,
        {"type": "scatter", "text": [_budget_text(path, point)]},
    ]


def make_play_figure(
    path: LambdaPath,
    points: Sequence[LambdaPoint],
    *,
    chosen: LambdaPoint,
    classroom: bool = False,
    stacked: bool = False,
) -> go.Figure:
    """The three views in one figure, with ▶ Play sweeping λ: the ball shrinks, β̂ slides
    to zero, and the cursors cross the path and the error curves together.

    The frames are computed once (``points``) and replayed by the browser: playing costs
    the server nothing.

    Parameters
    ----------
    path : LambdaPath
        Fits over the λ grid.
    points : sequence of LambdaPoint
        One frame each, in playing order (increasing λ).
    chosen : LambdaPoint
        The model at the page's λ: what the figure shows before anything plays.
    classroom : bool, default False
        Projector styling.
    stacked : bool, default False
        The three panels one above the other (a phone), else side by side.

    Returns
    -------
    go.Figure
        Three subplots, ``frames`` named ``"0"``, ``"1"``, ... and Play / Slow / Pause with
        a λ slider above the plots.

    Examples
    --------
    >>> from regviz.experiments.onelambda import data_and_path, play_lambdas, sweep
    >>> data, path = data_and_path(penalty="l1", n=15, rho=0.7, noise=2.0, seed=0)
    >>> points = sweep(data, path, play_lambdas())
    >>> fig = make_play_figure(path, points, chosen=points[20])
    >>> len(fig.frames), fig.layout.sliders[0].active
    (41, 20)
    """
    panels = (
        _constraint_spec(
            path, chosen, classroom=classroom, height=None, ring_points=PLAY_RING_POINTS
        ),
        _path_spec(path, chosen, classroom=classroom, height=None),
        _error_spec(path, chosen, classroom=classroom, height=None),
    )
    font = style.CLASSROOM_FONT_SIZE if classroom else style.FONT_SIZE
    rows, cols = (3, 1) if stacked else (1, 3)
    titles = (f"{_budget_name(path.penalty)} ≤ t(λ)", "Coefficient path", "Training and test error")
    # A copy: the styling below writes into the axes and the titles' fonts.
    layout = copy.deepcopy(_subplot_grid(rows, cols, titles, 0.12 if classroom else 0.09))
    traces: list[dict] = []
    offsets = []
    for k, panel in enumerate(panels):
        # Subplot k (row by row): axes x, y for the first, then x2, y2 and x3, y3.
        number = "" if k == 0 else str(k + 1)
        offsets.append(len(traces))
        for trace in panel["data"]:
            trace["showlegend"] = bool(k and trace.get("showlegend") is not False)
            traces.append(trace | {"xaxis": f"x{number}", "yaxis": f"y{number}"})
        merge(layout, {f"xaxis{number}": _copy_axis(panel["layout"]["xaxis"])})
        merge(layout, {f"yaxis{number}": _copy_axis(panel["layout"]["yaxis"])})
    merge(layout, {"yaxis": {"scaleanchor": "x", "scaleratio": 1}})  # the picture stays round
    moving = [offsets[k] + index for k, indices in enumerate(_MOVING) for index in indices]
    label_font = {"size": font}  # the theme's text colour: readable on light and dark
    for index in (offsets[1] + 4, offsets[2] + 4):  # the λ lines carry their value
        traces[index].update(mode="lines+text", textfont=label_font, **_cursor_text(chosen.lam))
    lim = _geometry_window(path)
    traces.append(
        {
            "type": "scatter",
            "x": [lim[0]],
            "y": [lim[1]],
            "mode": "text",
            "text": [_budget_text(path, chosen)],
            "textposition": "bottom right",
            "textfont": label_font,
            "showlegend": False,
            "hoverinfo": "skip",
            "xaxis": "x",
            "yaxis": "y",
        }
    )
    moving.append(len(traces) - 1)
    frames = [
        {"name": str(k), "traces": moving, "data": _moving_traces(path, point)}
        for k, point in enumerate(points)
    ]
    start = int(np.argmin([abs(np.log(p.lam) - np.log(max(chosen.lam, 1e-12))) for p in points]))
    # Pixels, top to bottom: Play and the λ slider (one row; two on a phone), the panel
    # titles, the panels, the λ axes and the legend (none in classroom mode: the page's
    # key line is right below).
    title_px, row_px, names_px = 6, round(2.6 * font) + 8, round(1.7 * font)
    top = title_px + row_px * (2 if stacked else 1) + names_px
    bottom = round(3.6 * font) + (0 if classroom else round(2.0 * font))
    panel_px = 330 if stacked else (190 if classroom else 330)
    height = rows * panel_px + (rows - 1) * round(5 * font) + top + bottom
    merge(
        layout,
        {"height": height, "showlegend": not classroom, "legend": style.LEGEND_BELOW,
         "hovermode": "closest"},
    )  # fmt: skip
    # The panels' traces were styled already: only the layout takes the styling here.
    spec = style_spec({"data": traces, "layout": layout}, classroom=classroom, traces=False)
    merge(layout, {"margin": {"l": 10, "r": 10, "t": top, "b": bottom}})
    plot_px = height - top - bottom
    decades = {f"{10.0**e:g}" for e in range(-3, 2)}
    labels = [f"{p.lam:g}" if f"{p.lam:g}" in decades else "" for p in points]
    controls = style.play_controls(
        [str(k) for k in range(len(points))],
        labels,
        classroom=classroom,
        speeds=style.PLAY_AND_SLOW,
        active=start,
        slider_x=0.0 if stacked else (0.36 if classroom else 0.26),
    )

    # Paper y of a row's top edge, counted down from the top of the figure.
    def below_title(px: float) -> float:
        return 1.0 + (top - title_px - px) / plot_px

    menu, slider = controls["updatemenus"][0], controls["sliders"][0]
    menu.update(y=below_title(0), yanchor="top", pad={"t": 0, "b": 0, "l": 0, "r": 0})
    slider.update(
        y=below_title(row_px if stacked else 0), yanchor="top", pad={"t": 0, "b": 0},
        currentvalue={"visible": False},
    )  # fmt: skip
    merge(layout, controls)
    # Frames are plain data added after styling: validating them would cost more than
    # computing them.
    spec["frames"] = frames
    return plain_figure(spec)


@functools.cache
def _subplot_grid(rows: int, cols: int, titles: tuple[str, ...], spacing: float) -> dict:
    """The axes (domains, anchors) and panel titles of plotly's ``make_subplots`` grid, as
    plain layout data: made once per grid, not at every move of λ."""
    layout = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=titles,
        horizontal_spacing=spacing,
        vertical_spacing=0.1,
    ).to_dict()["layout"]
    return {key: value for key, value in layout.items() if key != "template"}


def _copy_axis(axis: dict) -> dict:
    """A panel's axis settings for a subplot (its place and anchors are the subplot's)."""
    settings = dict(axis)
    for key in ("domain", "anchor", "scaleanchor", "overlaying"):
        settings.pop(key, None)
    return settings
