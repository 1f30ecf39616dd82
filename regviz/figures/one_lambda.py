"""The figure of the "One λ, three views" page: one model, three pictures, one cursor.

Left: the 2-D picture — loss contours of the training data, the penalty ball of budget
t(λ), and the solution where the two touch. Middle: the coefficient path against λ with
t(λ) = ‖β̂(λ)‖, and a cursor at the chosen λ. Right: training and test error against λ
with the same cursor.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.core.conventions import PENALTY_NAMES
from regviz.core.penalties import ball_boundary
from regviz.experiments.onelambda import LambdaPath, LambdaPoint
from regviz.figures.common import DATA_COLOR, TRUTH_COLOR, apply_style, loss_ellipses, penalty_color

LAMBDA_AXIS_TITLE = "λ (log scale; stronger penalty →)"
FIGURE_HEIGHT = 500
CONTOUR_COLOR = "rgba(128,128,128,0.55)"
CURSOR_COLOR = "#7F7F7F"
_COEF_DASH = ("solid", "dash")


def _budget_name(penalty: str) -> str:
    return "‖β̂‖₁" if penalty == "l1" else "‖β̂‖₂"


def _geometry_window(path: LambdaPath) -> list[float]:
    center = path.loss.center
    extent = float(max(np.max(np.abs(center)), np.max(np.abs(path.betas)), 0.5))
    return [-1.25 * extent, 1.25 * extent]


def make_one_lambda_figure(
    path: LambdaPath, point: LambdaPoint, *, classroom: bool = False
) -> go.Figure:
    """Three linked views of the model selected by one λ.

    Parameters
    ----------
    path : LambdaPath
        Fits over the λ grid (for the path and error curves, and the bowl).
    point : LambdaPoint
        The model at the chosen λ.
    classroom : bool, default False
        Projector styling.

    Returns
    -------
    go.Figure
        Three panels sharing the cursor λ; the geometry panel has equal axes.
    """
    color = penalty_color(path.penalty)
    name = PENALTY_NAMES[path.penalty]
    budget_name = _budget_name(path.penalty)
    fig = make_subplots(
        rows=1,
        cols=3,
        column_widths=[0.36, 0.32, 0.32],
        horizontal_spacing=0.07,
        subplot_titles=[
            f"Constrained: {budget_name} ≤ t = {point.budget:.3g}",
            f"Coefficient path ({name})",
            "Training and test error",
        ],
    )
    lim = _geometry_window(path)
    loss = path.loss
    rings = loss_ellipses(loss, lim, n_levels=10)
    fig.add_trace(
        go.Scatter(
            x=rings[:, 0],
            y=rings[:, 1],
            mode="lines",
            name="training loss contours",
            line={"color": CONTOUR_COLOR, "width": 1},
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    # The one contour that touches the ball, through β̂(λ).
    d = point.beta - loss.center
    radius = float(np.sqrt(d @ loss.hessian @ d))
    values, vectors = np.linalg.eigh(loss.hessian)
    theta = np.linspace(0.0, 2.0 * np.pi, 181)
    unit = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    touching = loss.center + radius * unit @ (vectors @ np.diag(values**-0.5) @ vectors.T)
    fig.add_trace(
        go.Scatter(
            x=touching[:, 0],
            y=touching[:, 1],
            mode="lines",
            name="contour through β̂",
            line={"color": DATA_COLOR, "width": 2},
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    ball = ball_boundary(path.penalty, t=point.budget, n_points=361)
    fig.add_trace(
        go.Scatter(
            x=ball[:, 0],
            y=ball[:, 1],
            mode="lines",
            name=f"ball {budget_name} ≤ t(λ)",
            line={"color": color, "width": 2.5},
            fill="toself",
            fillcolor="rgba(128,128,128,0.12)",
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=path.betas[:, 0],
            y=path.betas[:, 1],
            mode="lines",
            name="β̂ for every λ",
            line={"color": color, "width": 1.5, "dash": "dot"},
            hoverinfo="skip",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[loss.center[0]],
            y=[loss.center[1]],
            mode="markers",
            name="least squares (λ = 0)",
            marker={"symbol": "x", "size": 11, "color": TRUTH_COLOR},
            hovertemplate="least squares (%{x:.3g}, %{y:.3g})<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=[point.beta[0]],
            y=[point.beta[1]],
            mode="markers",
            name=f"β̂(λ = {point.lam:.3g})",
            marker={"symbol": "diamond", "size": 15, "color": color, "line": {"width": 1.5}},
            hovertemplate="β̂ = (%{x:.4g}, %{y:.4g})<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.update_xaxes(range=lim, title_text="β₁", zeroline=True, constrain="domain", row=1, col=1)
    fig.update_yaxes(
        range=lim, title_text="β₂", zeroline=True, scaleanchor="x", scaleratio=1, row=1, col=1
    )

    # Middle: the path, with t(λ) and the cursor.
    lam = path.lambdas
    coef_values = np.concatenate([path.betas.ravel(), path.budgets, [0.0]])
    low, high = float(coef_values.min()), float(coef_values.max())
    pad = 0.08 * (high - low or 1.0)
    for j in (0, 1):
        fig.add_trace(
            go.Scatter(
                x=lam,
                y=path.betas[:, j],
                mode="lines",
                name=f"β̂{'₁₂'[j]}(λ)",
                line={"color": color, "dash": _COEF_DASH[j]},
                hovertemplate=f"λ = %{{x:.3g}}<br>β{'₁₂'[j]} = %{{y:.4g}}<extra></extra>",
            ),
            row=1,
            col=2,
        )
    fig.add_trace(
        go.Scatter(
            x=lam,
            y=path.budgets,
            mode="lines",
            name=f"t(λ) = {budget_name}",
            line={"color": TRUTH_COLOR, "dash": "dot"},
            hovertemplate="λ = %{x:.3g}<br>t = %{y:.4g}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        go.Scatter(
            x=[point.lam] * 3,
            y=[point.beta[0], point.beta[1], point.budget],
            mode="markers",
            name="at the chosen λ",
            marker={"size": 11, "color": color, "line": {"width": 1.5, "color": "white"}},
            hovertemplate="%{y:.4g}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    _cursor(fig, point.lam, [low - pad, high + pad], col=2)
    fig.update_xaxes(type="log", title_text=LAMBDA_AXIS_TITLE, row=1, col=2)
    fig.update_yaxes(title_text="coefficient / budget", range=[low - pad, high + pad], row=1, col=2)

    # Right: errors.
    errors = np.concatenate([path.train_mse, path.test_mse, [point.train_mse, point.test_mse]])
    e_low, e_high = float(errors.min()), float(errors.max())
    e_pad = 0.08 * (e_high - e_low or 1.0)
    for label, values, dash, value in (
        ("training error", path.train_mse, "dot", point.train_mse),
        ("test error", path.test_mse, "solid", point.test_mse),
    ):
        fig.add_trace(
            go.Scatter(
                x=lam,
                y=values,
                mode="lines",
                name=label,
                line={"color": color, "dash": dash},
                hovertemplate=f"λ = %{{x:.3g}}<br>{label} %{{y:.4g}}<extra></extra>",
            ),
            row=1,
            col=3,
        )
        fig.add_trace(
            go.Scatter(
                x=[point.lam],
                y=[value],
                mode="markers",
                showlegend=False,
                marker={"size": 11, "color": color, "line": {"width": 1.5, "color": "white"}},
                hovertemplate=f"{label} %{{y:.4g}}<extra></extra>",
            ),
            row=1,
            col=3,
        )
    _cursor(fig, point.lam, [e_low - e_pad, e_high + e_pad], col=3)
    fig.update_xaxes(type="log", title_text=LAMBDA_AXIS_TITLE, row=1, col=3)
    fig.update_yaxes(
        title_text="mean squared error", range=[e_low - e_pad, e_high + e_pad], row=1, col=3
    )
    fig.update_layout(
        height=FIGURE_HEIGHT + (120 if classroom else 0),
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0.0},
    )
    return apply_style(fig, classroom=classroom)


def _cursor(fig: go.Figure, lam: float, y_range: list[float], *, col: int) -> None:
    fig.add_trace(
        go.Scatter(
            x=[lam, lam],
            y=y_range,
            mode="lines",
            name="chosen λ",
            showlegend=col == 2,
            line={"color": CURSOR_COLOR, "width": 1.5, "dash": "dashdot"},
            hovertemplate=f"λ = {lam:.3g}<extra></extra>",
        ),
        row=1,
        col=col,
    )
