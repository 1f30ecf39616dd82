"""Figures of the "One λ, three views" page: one model, three pictures, one λ.

Three separate figures, so they sit side by side on a wide screen and stack on a phone:

- :func:`make_constraint_figure` — the 2-D picture: loss contours of the training data,
  the penalty ball of budget t(λ), and the solution where the two touch;
- :func:`make_path_figure` — the coefficient path against λ, with t(λ) = ‖β̂(λ)‖ and a
  cursor at the chosen λ;
- :func:`make_error_figure` — training and test error against λ, with the same cursor.

Arrays go out as float32 (compact in the browser); no legend sits at the side.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from regviz.core.penalties import ball_boundary
from regviz.experiments.onelambda import LOG_LAMBDA_RANGE, LambdaPath, LambdaPoint
from regviz.figures.common import (
    DATA_COLOR,
    LEGEND_BELOW,
    TRUTH_COLOR,
    apply_style,
    loss_ellipses,
    penalty_color,
    rgba,
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


def _f32(values: np.ndarray) -> np.ndarray:
    """Plotly ships float32 numpy arrays as compact base64 typed arrays."""
    return np.asarray(values, dtype=np.float32)


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


def make_constraint_figure(
    path: LambdaPath, point: LambdaPoint, *, classroom: bool = False, height: int | None = None
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

    Returns
    -------
    go.Figure
        Equal axes with fixed ranges.
    """
    color = penalty_color(path.penalty)
    lim = _geometry_window(path)
    loss = path.loss
    rings = loss_ellipses(loss, lim, n_levels=10)
    # The one contour that touches the ball, through β̂(λ).
    d = point.beta - loss.center
    radius = float(np.sqrt(d @ loss.hessian @ d))
    values, vectors = np.linalg.eigh(loss.hessian)
    theta = np.linspace(0.0, 2.0 * np.pi, 121)
    unit = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    touching = loss.center + radius * unit @ (vectors @ np.diag(values**-0.5) @ vectors.T)
    ball = ball_boundary(path.penalty, t=point.budget, n_points=5 if path.penalty == "l1" else 121)
    traces = [
        go.Scatter(
            x=_f32(rings[:, 0]),
            y=_f32(rings[:, 1]),
            mode="lines",
            name="training loss contours",
            line={"color": CONTOUR_COLOR, "width": 1},
            hoverinfo="skip",
        ),
        go.Scatter(
            x=_f32(touching[:, 0]),
            y=_f32(touching[:, 1]),
            mode="lines",
            name="contour through β̂",
            line={"color": DATA_COLOR, "width": 2},
            hoverinfo="skip",
        ),
        go.Scatter(
            x=_f32(ball[:, 0]),
            y=_f32(ball[:, 1]),
            mode="lines",
            name=f"ball {_budget_name(path.penalty)} ≤ t(λ)",
            line={"color": color, "width": 2.5},
            fill="toself",
            fillcolor=rgba(color, 0.12),
            hoverinfo="skip",
        ),
        go.Scatter(
            x=_f32(path.betas[:, 0]),
            y=_f32(path.betas[:, 1]),
            mode="lines",
            name="β̂ for every λ",
            line={"color": color, "width": 1.5, "dash": "dot"},
            hoverinfo="skip",
        ),
        go.Scatter(
            x=[float(loss.center[0])],
            y=[float(loss.center[1])],
            mode="markers",
            name="least squares (λ = 0)",
            marker={"symbol": "x", "size": 11, "color": TRUTH_COLOR},
            hovertemplate="least squares (%{x:.3g}, %{y:.3g})<extra></extra>",
        ),
        go.Scatter(
            x=[float(point.beta[0])],
            y=[float(point.beta[1])],
            mode="markers",
            name=f"β̂(λ = {point.lam:.3g})",
            marker={"symbol": "diamond", "size": 15, "color": color, "line": {"width": 1.5}},
            hovertemplate="β̂ = (%{x:.4g}, %{y:.4g})<extra></extra>",
        ),
    ]
    fig = go.Figure(
        traces,
        layout={
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
    )
    return apply_style(fig, classroom=classroom)


def _cursor(lam: float, y_range: list[float], *, name: str = "chosen λ") -> go.Scatter:
    return go.Scatter(
        x=[lam, lam],
        y=y_range,
        mode="lines",
        name=name,
        showlegend=False,
        line={"color": CURSOR_COLOR, "width": 1.5, "dash": "dashdot"},
        hovertemplate=f"λ = {lam:.3g}<extra></extra>",
    )


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
    color = penalty_color(path.penalty)
    lam = _f32(path.lambdas)
    coef_values = np.concatenate([path.betas.ravel(), path.budgets, [0.0]])
    low, high = float(coef_values.min()), float(coef_values.max())
    pad = 0.08 * (high - low or 1.0)
    y_range = [low - pad, high + pad]
    fig = go.Figure()
    for j in (0, 1):
        fig.add_trace(
            go.Scatter(
                x=lam,
                y=_f32(path.betas[:, j]),
                mode="lines",
                name=f"β̂{'₁₂'[j]}",
                line={"color": color, "dash": _COEF_DASH[j]},
                hovertemplate=f"λ = %{{x:.3g}}<br>β{'₁₂'[j]} = %{{y:.4g}}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=lam,
            y=_f32(path.budgets),
            mode="lines",
            name="t(λ)",
            line={"color": TRUTH_COLOR, "dash": "dot"},
            hovertemplate="λ = %{x:.3g}<br>t = %{y:.4g}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[point.lam] * 3,
            y=[float(point.beta[0]), float(point.beta[1]), point.budget],
            mode="markers",
            name="at the chosen λ",
            showlegend=False,
            marker={"size": 11, "color": color, "line": {"width": 1.5, "color": TRUTH_COLOR}},
            hovertemplate="%{y:.4g}<extra></extra>",
        )
    )
    fig.add_trace(_cursor(point.lam, y_range))
    fig.update_layout(
        title={"text": "Coefficient path"},
        xaxis=_lambda_axis(classroom),
        yaxis={"title": {"text": "β̂ and t"}, "range": y_range},
        legend=LEGEND_BELOW,
        height=_height(classroom, height),
    )
    return apply_style(fig, classroom=classroom)


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
    color = penalty_color(path.penalty)
    lam = _f32(path.lambdas)
    errors = np.concatenate([path.train_mse, path.test_mse, [point.train_mse, point.test_mse]])
    e_low, e_high = float(errors.min()), float(errors.max())
    e_pad = 0.08 * (e_high - e_low or 1.0)
    y_range = [e_low - e_pad, e_high + e_pad]
    fig = go.Figure()
    for label, values, dash, value in (
        ("training", path.train_mse, "dot", point.train_mse),
        ("test", path.test_mse, "solid", point.test_mse),
    ):
        fig.add_trace(
            go.Scatter(
                x=lam,
                y=_f32(values),
                mode="lines",
                name=label,
                line={"color": color, "dash": dash},
                hovertemplate=f"λ = %{{x:.3g}}<br>{label} MSE %{{y:.4g}}<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[point.lam],
                y=[value],
                mode="markers",
                showlegend=False,
                name=f"{label} error at the chosen λ",
                marker={"size": 11, "color": color, "line": {"width": 1.5, "color": TRUTH_COLOR}},
                hovertemplate=f"{label} MSE %{{y:.4g}}<extra></extra>",
            )
        )
    fig.add_trace(_cursor(point.lam, y_range))
    fig.update_layout(
        title={"text": "Training and test error"},
        xaxis=_lambda_axis(classroom),
        yaxis={"title": {"text": "mean squared error"}, "range": y_range},
        legend=LEGEND_BELOW,
        height=_height(classroom, height),
    )
    return apply_style(fig, classroom=classroom)
