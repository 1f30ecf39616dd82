"""Figures of the Optimizer page: animated iterate trails on the loss contours, convergence.

The main figure has one panel per method (2 × 2), each with the loss contours, the
penalty ball through the exact answer, the answer itself and the trail of iterates.
Plotly animation frames replay the trail step by step (play / pause buttons and a
step slider); the figure as drawn shows the final step, so a still image is complete.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.core.losses import QuadraticLoss
from regviz.core.penalties import ball_boundary, constraint_value
from regviz.experiments.optimizers import METHOD_NAMES, OptimizerRun
from regviz.figures.common import TRUTH_COLOR, apply_style, loss_ellipses, penalty_color

FIGURE_HEIGHT = 950
MAX_FRAMES = 30
FRAME_TRAIL_POINTS = 80
_DASHES = {"subgradient": "dot", "ista": "solid", "gd_l2": "solid", "cd": "dash"}
_SYMBOLS = {"subgradient": "circle", "ista": "diamond", "gd_l2": "square", "cd": "triangle-up"}
DISTANCE_FLOOR = 1e-16
CONTOUR_COLOR = "rgba(128,128,128,0.55)"


def frame_steps(n_steps: int, max_frames: int = MAX_FRAMES) -> list[int]:
    """Steps shown by the animation: every step if few, else evenly spaced, always 0 and last."""
    count = min(int(n_steps) + 1, int(max_frames))
    return sorted({int(round(s)) for s in np.linspace(0, n_steps, count)})


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


def _cell(index: int) -> tuple[int, int]:
    return index // 2 + 1, index % 2 + 1


def _trail(run: OptimizerRun, step: int, max_points: int | None = None) -> dict:
    """The iterates up to ``step`` (at most ``max_points`` of them, always the last)."""
    index = np.arange(step + 1)
    if max_points is not None and step + 1 > max_points:
        # Animation frames carry a thinned trail: 30 frames × 4 traces × 300 points would
        # cost more to build and send than the rest of the page.
        index = np.unique(np.r_[np.linspace(0, step, max_points).round().astype(int), step])
    path = np.round(run.iterates[index], 8)
    return {"x": path[:, 0], "y": path[:, 1]}


def _head(run: OptimizerRun, step: int) -> dict:
    """The current iterate, as a one-point trace."""
    return {"x": [float(run.iterates[step, 0])], "y": [float(run.iterates[step, 1])]}


def make_optimizer_figure(
    runs: Sequence[OptimizerRun],
    loss: QuadraticLoss,
    *,
    classroom: bool = False,
    max_frames: int = MAX_FRAMES,
) -> go.Figure:
    """Iterate trails of up to four optimizers on the loss contours, animated by step.

    Parameters
    ----------
    runs : sequence of OptimizerRun
        One per panel (at most four), all on ``loss`` with the same λ and start.
    loss : QuadraticLoss
        The bowl, for the contours.
    classroom : bool, default False
        Projector styling.
    max_frames : int, default 30
        At most this many animation frames (steps are sampled evenly).

    Returns
    -------
    go.Figure
        With ``frames`` (one per sampled step), a play / pause menu and a step slider.
    """
    if not 1 <= len(runs) <= 4:
        raise ValueError("Draw between one and four optimizer runs.")
    rows = 1 if len(runs) <= 2 else 2
    cols = 1 if len(runs) == 1 else 2
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=[METHOD_NAMES[r.method] for r in runs],
        horizontal_spacing=0.08,
        vertical_spacing=0.14,
    )
    lim = view_range(runs, loss)
    rings = loss_ellipses(loss, lim)
    moving: list[int] = []
    axes: dict[str, dict] = {}
    for i, run in enumerate(runs):
        row, col = _cell(i)
        color = penalty_color(run.penalty)
        first = i == 0
        fig.add_trace(
            go.Scatter(
                x=rings[:, 0],
                y=rings[:, 1],
                mode="lines",
                name="loss contours",
                legendgroup="contours",
                showlegend=first,
                line={"color": CONTOUR_COLOR, "width": 1},
                hoverinfo="skip",
            ),
            row=row,
            col=col,
        )
        budget = float(constraint_value(run.solution, run.penalty))
        ball = ball_boundary(run.penalty, t=budget, n_points=361)
        fig.add_trace(
            go.Scatter(
                x=ball[:, 0],
                y=ball[:, 1],
                mode="lines",
                name=f"penalty ball through the answer ({run.penalty.upper()})",
                legendgroup=f"ball-{run.penalty}",
                showlegend=first or run.penalty == "l2",
                line={"color": color, "width": 2},
                fill="toself",
                fillcolor="rgba(128,128,128,0.08)",
                hoverinfo="skip",
            ),
            row=row,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=[run.solution[0]],
                y=[run.solution[1]],
                mode="markers",
                name="exact answer (solve_penalized)",
                legendgroup="answer",
                showlegend=first,
                marker={"symbol": "star", "size": 16, "color": color, "line": {"width": 1}},
                hovertemplate="exact answer<br>β = (%{x:.4g}, %{y:.4g})<extra></extra>",
            ),
            row=row,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=[run.iterates[0, 0]],
                y=[run.iterates[0, 1]],
                mode="markers",
                name="start",
                legendgroup="start",
                showlegend=first,
                marker={"symbol": "x", "size": 11, "color": TRUTH_COLOR},
                hoverinfo="skip",
            ),
            row=row,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                **_trail(run, run.n_steps),
                mode="lines+markers",
                name=METHOD_NAMES[run.method],
                showlegend=False,
                line={"color": color, "dash": _DASHES[run.method], "width": 1.5},
                marker={
                    "size": 5,
                    "color": color,
                    "symbol": _SYMBOLS[run.method],
                },
                hovertemplate="β = (%{x:.4g}, %{y:.4g})<extra></extra>",
            ),
            row=row,
            col=col,
        )
        moving.append(len(fig.data) - 1)
        fig.add_trace(
            go.Scatter(
                **_head(run, run.n_steps),
                mode="markers",
                name="current iterate",
                legendgroup="current",
                showlegend=first,
                marker={"size": 13, "color": color, "line": {"width": 2, "color": "white"}},
                hovertemplate="current β = (%{x:.3g}, %{y:.3g})<extra></extra>",
            ),
            row=row,
            col=col,
        )
        moving.append(len(fig.data) - 1)
        suffix = "" if i == 0 else str(i + 1)
        # One layout update for all axes below: per-panel update_xaxes calls are slow.
        axes[f"xaxis{suffix}"] = {
            "range": lim,
            "title": {"text": "β₁"},
            "zeroline": True,
            "constrain": "domain",
        }
        axes[f"yaxis{suffix}"] = {
            "range": lim,
            "title": {"text": "β₂"},
            "zeroline": True,
            "scaleanchor": f"x{suffix}",
            "scaleratio": 1,
        }

    steps = frame_steps(max(r.n_steps for r in runs), max_frames)
    fig.update_layout(axes)
    # Frames carry only the moving traces (trail and current iterate), with thinned trails
    # and constant marker sizes: per-point marker arrays made validation the page's cost.
    frames = [
        {
            "name": str(step),
            "traces": moving,
            "data": [
                {"type": "scatter", **part}
                for run in runs
                for part in (
                    _trail(run, min(step, run.n_steps), FRAME_TRAIL_POINTS),
                    _head(run, min(step, run.n_steps)),
                )
            ],
        }
        for step in steps
    ]
    fig.frames = frames
    play = {
        "frame": {"duration": 150, "redraw": False},
        "fromcurrent": True,
        "transition": {"duration": 0},
    }
    pause = {
        "frame": {"duration": 0, "redraw": False},
        "mode": "immediate",
        "transition": {"duration": 0},
    }
    fig.update_layout(
        height=FIGURE_HEIGHT + (160 if classroom else 0) if rows == 2 else 480,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.06, "x": 0.0},
        margin={"b": 90},
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0.0,
                "y": -0.04,
                "xanchor": "left",
                "yanchor": "top",
                "showactive": False,
                "buttons": [
                    {
                        "label": "▶ Play",
                        "method": "animate",
                        "args": [None, {**play, "frame": {"duration": 150, "redraw": False}}],
                    },
                    {"label": "❚❚ Pause", "method": "animate", "args": [[None], pause]},
                ],
            }
        ],
        sliders=[
            {
                "active": len(steps) - 1,
                "x": 0.18,
                "len": 0.82,
                "y": -0.02,
                "yanchor": "top",
                "currentvalue": {"prefix": "step "},
                "steps": [
                    {"label": str(s), "method": "animate", "args": [[str(s)], pause]} for s in steps
                ],
            }
        ],
    )
    fig = apply_style(fig, classroom=classroom)
    # apply_style resets the margins: keep room below for the play button and step slider.
    fig.update_layout(margin={"b": 110, "t": 90})
    return fig


def make_convergence_figure(
    runs: Sequence[OptimizerRun], *, classroom: bool = False, coordinate: int | None = None
) -> go.Figure:
    """How each method approaches the answer: distance (log scale) and one coordinate.

    Left: ‖βₖ − β̂‖ against the step; distances of exactly 0 are drawn at
    :data:`DISTANCE_FLOOR`. Right: the signed value of ``coordinate`` (by default the
    first coordinate that the L1 answer sets to 0) for the L1 methods, zoomed on the last
    four fifths of the run, where subgradient descent hops across 0 and ISTA and
    coordinate descent sit on it.

    Parameters
    ----------
    runs : sequence of OptimizerRun
        The runs to compare.
    classroom : bool, default False
        Projector styling.
    coordinate : int, optional
        0 for β₁, 1 for β₂.

    Returns
    -------
    go.Figure
    """
    names = ("β₁", "β₂")
    l1_runs = [r for r in runs if r.penalty == "l1"]
    if coordinate is None:
        zeros = [j for j in (0, 1) if l1_runs and l1_runs[0].solution[j] == 0.0]
        coordinate = zeros[0] if zeros else 1
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=[
            "Distance to the exact answer",
            f"{names[coordinate]} step by step (L1 methods, zoomed)",
        ],
        horizontal_spacing=0.12,
    )
    for run in runs:
        steps = np.arange(run.n_steps + 1)
        style = {"color": penalty_color(run.penalty), "dash": _DASHES[run.method]}
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=np.maximum(run.distance, DISTANCE_FLOOR),
                mode="lines",
                name=METHOD_NAMES[run.method],
                legendgroup=run.method,
                line=style,
                hovertemplate="step %{x}<br>distance %{y:.2e}<extra></extra>",
            ),
            row=1,
            col=1,
        )
        if run.penalty == "l1":
            fig.add_trace(
                go.Scatter(
                    x=steps,
                    y=run.iterates[:, coordinate],
                    mode="lines+markers",
                    name=METHOD_NAMES[run.method],
                    legendgroup=run.method,
                    showlegend=False,
                    line=style,
                    marker={"size": 4, "symbol": _SYMBOLS[run.method]},
                    hovertemplate=f"step %{{x}}<br>{names[coordinate]} = %{{y:.3e}}<extra></extra>",
                ),
                row=1,
                col=2,
            )
    longest = max(r.n_steps for r in runs)
    start = longest // 5
    tail = [np.abs(r.iterates[start:, coordinate]) for r in l1_runs]
    span = max((float(t.max()) for t in tail), default=1.0)
    span = 1.15 * span if span > 0 else 1.0
    fig.update_xaxes(title_text="step k", row=1, col=1)
    fig.update_yaxes(
        title_text="‖βₖ − β̂‖ (log scale)",
        type="log",
        exponentformat="power",
        range=[np.log10(DISTANCE_FLOOR) - 0.5, 1.0],
        row=1,
        col=1,
    )
    fig.update_xaxes(title_text="step k", range=[start, longest], row=1, col=2)
    fig.update_yaxes(title_text=names[coordinate], range=[-span, span], row=1, col=2)
    fig.update_layout(
        height=400 + (80 if classroom else 0),
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0.0},
    )
    return apply_style(fig, classroom=classroom)
