"""Figures of the Optimizer page: one animated figure per method, and two convergence plots.

Each method figure shows the loss contours, the penalty ball through the exact answer
(★), the start (×) and the trail of iterates. It opens at step 0 (the start only); its
▶ Play button and step slider sit at the top of the figure, so they are on screen
with the plot. Plotly animation frames replay the trail in the browser: playing costs
the server nothing. The frames are lean — every step early on (where the iterates
move), then fewer; thinned trails; float32 arrays — so a settings change ships little.

The four method figures share one view window (:func:`view_range`), so they compare
side by side on a wide screen and stack, each at full width, on a phone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.core.losses import QuadraticLoss
from regviz.core.penalties import ball_boundary, constraint_value
from regviz.experiments.optimizers import METHOD_SHORT, OptimizerRun, end_label
from regviz.figures import common as style
from regviz.figures.common import TRUTH_COLOR, f32, outline, penalty_color, plain_figure, rgba

MAX_FRAMES = 30
FRAME_TRAIL_POINTS = 40
CONTOUR_LEVELS = 8
DISTANCE_FLOOR = 1e-16
CONTOUR_COLOR = "rgba(128,128,128,0.55)"
FRAME_MS = 200
PLAY_SPEEDS = (("▶ Play", FRAME_MS), ("▶ Slow", 3 * FRAME_MS))
# The step slider starts right of the Play, Slow and Pause buttons.
SLIDER_X, CLASSROOM_SLIDER_X = 0.56, 0.6
_DASHES = {"subgradient": "dot", "ista": "solid", "gd_l2": "solid", "cd": "dash"}
_SYMBOLS = {"subgradient": "circle", "ista": "diamond", "gd_l2": "square", "cd": "triangle-up"}
COORD_NAMES = ("β₁", "β₂")
KEY = (
    "× start · ★ exact answer (solve_penalized) · shaded: the penalty ball through the answer "
    "(diamond for L1, circle for L2) · grey rings: loss contours · large dot: the current "
    "iterate. Press ▶ Play (or drag the step slider) at the top of each figure."
)


def frame_steps(n_steps: int, max_frames: int = MAX_FRAMES) -> list[int]:
    """The steps the animation shows: every step early on, then spaced out geometrically.

    The iterates move most in the first steps, so those get one frame each; later steps
    share the remaining frames. Always 0 and the last step.

    Examples
    --------
    >>> frame_steps(5)
    [0, 1, 2, 3, 4, 5]
    >>> steps = frame_steps(100)
    >>> steps[:16] == list(range(16)), steps[-1], len(steps) <= MAX_FRAMES
    (True, 100, True)
    """
    n = int(n_steps)
    if n + 1 <= max_frames:
        return list(range(n + 1))
    dense = max_frames // 2
    tail = np.geomspace(dense, n, max_frames - dense).round().astype(int)
    return sorted(set(range(dense)) | {int(s) for s in tail} | {n})


def trail_index(step: int, max_points: int = FRAME_TRAIL_POINTS) -> np.ndarray:
    """Which iterates a frame's trail passes through: all early ones, then evenly thinned.

    Examples
    --------
    >>> trail_index(3).tolist()
    [0, 1, 2, 3]
    >>> index = trail_index(300, max_points=10)
    >>> index[:5].tolist(), int(index[-1]), len(index) <= 10
    ([0, 1, 2, 3, 4], 300, True)
    """
    step = int(step)
    if step + 1 <= max_points:
        return np.arange(step + 1)
    dense = max_points // 2
    rest = np.linspace(dense, step, max_points - dense).round().astype(int)
    return np.unique(np.r_[np.arange(dense), rest, step])


def view_range(runs: Sequence[OptimizerRun], loss: QuadraticLoss) -> list[float]:
    """A square window holding the start, the unpenalized optimum, every answer and 0."""
    points = np.vstack(
        [np.zeros(2), loss.center]
        + [r.iterates[:1] for r in runs]
        + [r.solution[None] for r in runs]
    )
    low, high = float(points.min()), float(points.max())
    pad = 0.15 * max(high - low, 1.0)
    return [low - pad, high + pad]


def _trail(run: OptimizerRun, step: int) -> dict:
    path = run.iterates[trail_index(min(step, run.n_steps))]
    return {"x": f32(path[:, 0]), "y": f32(path[:, 1])}


def _head(run: OptimizerRun, step: int) -> dict:
    """The current iterate, as a one-point trace."""
    beta = run.iterates[min(step, run.n_steps)]
    return {"x": [float(beta[0])], "y": [float(beta[1])]}


def _rings(loss: QuadraticLoss, lim: Sequence[float]) -> np.ndarray:
    """Loss contours with every other point (61 per ring is smooth at this size)."""
    rings = style.loss_ellipses(loss, lim, n_levels=CONTOUR_LEVELS).reshape(CONTOUR_LEVELS, -1, 2)
    thinned = rings[:, :-1:2]  # points 0, 2, …, 120 (the ring closes), without the gap row
    gaps = np.full((CONTOUR_LEVELS, 1, 2), np.nan)
    return np.concatenate([thinned, gaps], axis=1).reshape(-1, 2)


def make_method_figure(
    run: OptimizerRun,
    loss: QuadraticLoss,
    lim: Sequence[float],
    *,
    classroom: bool = False,
    height: int | None = None,
    max_frames: int = MAX_FRAMES,
    sweep: Sequence[OptimizerRun] | None = None,
) -> go.Figure:
    """One optimizer's iterates on the loss contours, animated step by step from step 0
    (or, with a ``sweep``, run to the end and animated over λ).

    Parameters
    ----------
    run : OptimizerRun
        The method's iterates (and its exact answer).
    loss : QuadraticLoss
        The bowl, for the contours.
    lim : sequence of 2 floats
        The view window on both axes (:func:`view_range`, shared by the four figures).
    classroom : bool, default False
        Projector styling.
    height : int, optional
        Figure height in pixels (default 470, 500 in classroom mode).
    max_frames : int, default 30
        At most this many animation frames (:func:`frame_steps`).
    sweep : sequence of OptimizerRun, optional
        The same method at several λ (:func:`~regviz.experiments.optimizers.runs_over_lambda`).
        Then the figure shows every step at the run's λ, and its frames are the sweep:
        the whole run, the ball and the exact answer at each λ, with λ written in the plot.

    Returns
    -------
    go.Figure
        Drawn at step 0, with ``frames`` (one per shown step), ▶ Play / ❚❚ Pause and a
        step slider above the plot; with a sweep, drawn at the last step with one frame
        per λ and a λ slider.

    Examples
    --------
    >>> from regviz.experiments.optimizers import DEFAULTS, runs_for_settings, runs_over_lambda
    >>> loss, runs = runs_for_settings(DEFAULTS)
    >>> lim = view_range(runs, loss)
    >>> len(make_method_figure(runs[1], loss, lim).frames) == len(frame_steps(100))
    True
    >>> sweep = runs_over_lambda(DEFAULTS)[1]
    >>> fig = make_method_figure(runs[1], loss, lim, sweep=sweep)
    >>> len(fig.frames), fig.layout.sliders[0].currentvalue.prefix
    (17, 'λ = ')
    """
    color = penalty_color(run.penalty)
    shown = run.n_steps if sweep is not None else 0  # the step the figure opens at
    rings = _rings(loss, lim)
    # Plain dicts: validated once, by the figure (trace objects would be validated twice).
    traces = [
        outline(rings, name="loss contours", line={"color": CONTOUR_COLOR, "width": 1}),
        outline(
            _ball(run),
            name=f"{run.penalty.upper()} ball through the answer",
            line={"color": color, "width": 2},
            fill="toself",
            fillcolor=rgba(color, 0.1),
        ),
        dict(
            type="scatter",
            **_answer(run),
            mode="markers",
            name="exact answer",
            marker={"symbol": "star", "size": 16, "color": color, "line": {"width": 1}},
            hovertemplate="exact answer<br>β = (%{x:.4g}, %{y:.4g})<extra></extra>",
        ),
        dict(
            type="scatter",
            x=[float(run.iterates[0, 0])],
            y=[float(run.iterates[0, 1])],
            mode="markers",
            name="start",
            marker={"symbol": "x", "size": 11, "color": TRUTH_COLOR},
            hoverinfo="skip",
        ),
        dict(
            type="scatter",
            **_trail(run, shown),
            mode="lines+markers",
            name="iterates",
            line={"color": color, "dash": _DASHES[run.method], "width": 1.5},
            marker={"size": 5, "color": color, "symbol": _SYMBOLS[run.method]},
            hovertemplate="β = (%{x:.4g}, %{y:.4g})<extra></extra>",
        ),
        dict(
            type="scatter",
            **_head(run, shown),
            mode="markers",
            name="current iterate",
            marker={"size": 13, "color": color, "line": {"width": 2, "color": TRUTH_COLOR}},
            hovertemplate="current β = (%{x:.3g}, %{y:.3g})<extra></extra>",
        ),
    ]
    layout = {
        "title": {
            "text": METHOD_SHORT[run.method],
            "x": 0.0,
            "xanchor": "left",
            "y": 1.0,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 6},
        },
        "showlegend": False,
        "xaxis": {
            "range": list(lim),
            "title": {"text": "β₁", "standoff": 2},
            "zeroline": True,
            "constrain": "domain",
        },
        "yaxis": {
            "range": list(lim),
            "title": {"text": "β₂", "standoff": 2},
            "zeroline": True,
            "scaleanchor": "x",
            "scaleratio": 1,
            "constrain": "domain",
        },
        "height": height or (455 if classroom else 450),
    }
    # Plain data, styled as data, made a figure once: plotly's objects would validate the
    # six traces and their frames again at each step (~40 ms of a figure's ~45).
    spec = style.style_spec({"data": traces, "layout": layout}, classroom=classroom)
    # Room above the plot for the title, the Play button and the step slider.
    style.merge(spec["layout"], {"margin": {"t": 132 if classroom else 100, "b": 10}})
    if sweep is not None:
        return _with_lambda_frames(spec, run, sweep, lim, classroom)
    steps = frame_steps(run.n_steps, max_frames)
    # Frames and their controls are plain data added after styling: validating hundreds
    # of trace objects would be most of the page's cost per settings change.
    spec["frames"] = [
        {
            "name": str(step),
            "traces": [4, 5],
            "data": [
                {"type": "scatter", **_trail(run, step)},
                {"type": "scatter", **_head(run, step)},
            ],
        }
        for step in steps
    ]
    names = [str(step) for step in steps]
    spec["layout"].update(
        style.play_controls(
            names,
            names,
            classroom=classroom,
            prefix="step ",
            speeds=PLAY_SPEEDS,
            slider_x=CLASSROOM_SLIDER_X if classroom else SLIDER_X,
        )  # fmt: skip
    )
    return plain_figure(spec)


def _ball(run: OptimizerRun) -> np.ndarray:
    """The penalty's ball through the run's exact answer."""
    budget = float(constraint_value(run.solution, run.penalty))
    return ball_boundary(run.penalty, t=budget, n_points=5 if run.penalty == "l1" else 121)


def _answer(run: OptimizerRun) -> dict:
    return {"x": [float(run.solution[0])], "y": [float(run.solution[1])]}


def _with_lambda_frames(
    spec: dict,
    run: OptimizerRun,
    sweep: Sequence[OptimizerRun],
    lim: Sequence[float],
    classroom: bool,
) -> go.Figure:
    """The figure ``spec`` (drawn at the run's last step) with one frame per λ of ``sweep``."""
    # Plotly redraws a frame's traces, not its title: λ and the end point are a text.
    spec["data"].append(
        dict(
            type="scatter", x=[lim[0] + 0.03 * (lim[1] - lim[0])], y=[lim[0]], mode="text",
            text=[end_label(run)], textposition="top right", showlegend=False, hoverinfo="skip",
            textfont={"size": style.CLASSROOM_FONT_SIZE if classroom else style.FONT_SIZE},
        )
    )  # fmt: skip
    spec["frames"] = [
        {
            "name": str(k),
            "traces": [1, 2, 4, 5, 6],
            "data": [
                {"type": "scatter", "x": f32(_ball(other)[:, 0]), "y": f32(_ball(other)[:, 1])},
                {"type": "scatter", **_answer(other)},
                {"type": "scatter", **_trail(other, other.n_steps)},
                {"type": "scatter", **_head(other, other.n_steps)},
                {"type": "scatter", "text": [end_label(other)]},
            ],
        }
        for k, other in enumerate(sweep)
    ]
    lams = np.array([other.lam for other in sweep])
    spec["layout"].update(
        style.play_controls(
            [str(k) for k in range(len(sweep))],
            [f"{lam:g}" for lam in lams],
            classroom=classroom,
            prefix="λ = ",
            speeds=PLAY_SPEEDS,
            active=int(np.argmin(np.abs(lams - run.lam))),
            slider_x=CLASSROOM_SLIDER_X if classroom else SLIDER_X,
        )  # fmt: skip
    )
    return plain_figure(spec)


def make_distance_figure(
    runs: Sequence[OptimizerRun], *, classroom: bool = False, height: int | None = None
) -> go.Figure:
    """‖βₖ − β̂‖ against the step, log scale; a distance of exactly 0 is drawn at 10⁻¹⁶.

    Parameters
    ----------
    runs : sequence of OptimizerRun
        The runs to compare (one line each).
    classroom : bool, default False
        Projector styling.
    height : int, optional
        Figure height in pixels.

    Returns
    -------
    go.Figure
    """
    traces = [
        dict(
            type="scatter",
            y=f32(np.maximum(run.distance, DISTANCE_FLOOR)),
            x0=0,
            dx=1,
            mode="lines",
            name=METHOD_SHORT[run.method],
            line={"color": penalty_color(run.penalty), "dash": _DASHES[run.method]},
            hovertemplate="step %{x}<br>distance %{y:.2e}<extra></extra>",
        )
        for run in runs
    ]
    layout = {
        # The axis is named in the title: a y-axis title would cost a phone's plot width.
        "title": {"text": "Distance ‖βₖ − β̂‖ to the answer"},
        "xaxis": {"title": {"text": "step k"}},
        "yaxis": {
            "type": "log",
            "exponentformat": "power",
            "dtick": 4,
            "range": [float(np.log10(DISTANCE_FLOOR)) - 0.5, 1.0],
        },
        "legend": style.LEGEND_BELOW,
        "height": height or (560 if classroom else 400),
    }
    return _convergence_figure(traces, layout, classroom)


def _convergence_figure(traces: list[dict], layout: dict, classroom: bool) -> go.Figure:
    """A styled line chart with its legend below, from plain data (see make_method_figure)."""
    spec = style.style_spec({"data": traces, "layout": layout}, classroom=classroom)
    style.merge(spec["layout"], {"margin": {"b": 10}})  # the legend below makes its own room
    return plain_figure(spec)


def zero_coordinate(runs: Sequence[OptimizerRun]) -> int:
    """The first coordinate the L1 answer sets to 0 (β₂ if none)."""
    l1_runs = [r for r in runs if r.penalty == "l1"]
    zeros = [j for j in (0, 1) if l1_runs and l1_runs[0].solution[j] == 0.0]
    return zeros[0] if zeros else 1


def make_coordinate_figure(
    runs: Sequence[OptimizerRun],
    *,
    classroom: bool = False,
    height: int | None = None,
    coordinate: int | None = None,
) -> go.Figure:
    """One coordinate of the L1 methods step by step, zoomed on the last four fifths.

    There subgradient descent hops across 0 while ISTA and coordinate descent sit on it.
    Only the zoomed steps are sent.

    Parameters
    ----------
    runs : sequence of OptimizerRun
        The runs; only the L1 ones are drawn.
    classroom : bool, default False
        Projector styling.
    height : int, optional
        Figure height in pixels.
    coordinate : int, optional
        0 for β₁, 1 for β₂ (default :func:`zero_coordinate`).

    Returns
    -------
    go.Figure
    """
    j = zero_coordinate(runs) if coordinate is None else int(coordinate)
    l1_runs = [r for r in runs if r.penalty == "l1"]
    longest = max(r.n_steps for r in runs)
    start = longest // 5
    traces = [
        dict(
            type="scatter",
            y=f32(run.iterates[start:, j]),
            x0=start,
            dx=1,
            mode="lines+markers",
            name=METHOD_SHORT[run.method],
            line={"color": penalty_color(run.penalty), "dash": _DASHES[run.method]},
            marker={"size": 4, "symbol": _SYMBOLS[run.method]},
            hovertemplate=f"step %{{x}}<br>{COORD_NAMES[j]} = %{{y:.3e}}<extra></extra>",
        )
        for run in l1_runs
    ]
    tail = [np.abs(r.iterates[start:, j]) for r in l1_runs]
    span = max((float(t.max()) for t in tail), default=1.0)
    span = 1.15 * span if span > 0 else 1.0
    layout = {
        "title": {"text": f"{COORD_NAMES[j]} step by step (L1, zoomed)"},
        "xaxis": {"title": {"text": "step k"}, "range": [start, longest]},
        "yaxis": {"range": [-span, span], "exponentformat": "e"},
        "legend": style.LEGEND_BELOW,
        "height": height or (560 if classroom else 400),
    }
    return _convergence_figure(traces, layout, classroom)
