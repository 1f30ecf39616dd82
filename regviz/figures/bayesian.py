"""Figures of the Bayesian page: prior × likelihood → posterior, MAP and posterior mean.

One panel per prior (Laplace → lasso, Gaussian → ridge), side by side. With one
coefficient the panels show densities over β; with two, contour lines over (β₁, β₂).
The prior is drawn in neutral grey, the likelihood in the data colour and the
posterior in the colour of the matching penalty.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.core.conventions import PENALTY_NAMES
from regviz.experiments.bayes import PRIOR_NAMES, BayesView
from regviz.figures.common import DATA_COLOR, TRUTH_COLOR, apply_style, penalty_color

FIGURE_HEIGHT = 470
_MEAN_COLOR = "#7F7F7F"


def _panel_title(view: BayesView) -> str:
    scale = f"b = {view.scale:.3g}" if view.prior == "laplace" else f"τ = {view.scale:.3g}"
    return f"{PRIOR_NAMES[view.prior]} prior ({scale}) → {PENALTY_NAMES[view.penalty]}"


def _fmt(beta: np.ndarray) -> str:
    return "(" + ", ".join(f"{b:.3g}" for b in beta) + ")"


def _one_coefficient(fig: go.Figure, view: BayesView, col: int, show_legend: bool) -> None:
    beta = view.axes[0]
    color = penalty_color(view.penalty)
    curves = (
        ("prior", view.prior_density, TRUTH_COLOR, "dot"),
        ("likelihood (data)", view.likelihood_density, DATA_COLOR, "dash"),
        ("posterior", view.posterior_density, color, "solid"),
    )
    for name, density, line_color, dash in curves:
        fig.add_trace(
            go.Scatter(
                x=beta,
                y=density,
                mode="lines",
                name=name,
                legendgroup=name,
                showlegend=show_legend,
                line={"color": line_color, "dash": dash},
                hovertemplate="β = %{x:.3f}<br>density %{y:.3f}<extra>" + name + "</extra>",
            ),
            row=1,
            col=col,
        )
    peak = float(
        max(view.posterior_density.max(), view.likelihood_density.max(), view.prior_density.max())
    )
    mode_value, mean_value = float(view.map[0]), float(view.summary.mean[0])
    fig.add_trace(
        go.Scatter(
            x=[mode_value, mode_value],
            y=[0.0, 1.08 * peak],
            mode="lines+markers",
            name="MAP = penalized solution",
            legendgroup="map",
            showlegend=show_legend,
            line={"color": color, "width": 3},
            marker={"symbol": "diamond", "size": [0, 12], "color": color},
            hovertemplate=f"MAP = {mode_value:.4g}<br>λ = {view.lam:.3g}<extra></extra>",
        ),
        row=1,
        col=col,
    )
    fig.add_trace(
        go.Scatter(
            x=[mean_value, mean_value],
            y=[0.0, 1.0 * peak],
            mode="lines+markers",
            name="posterior mean",
            legendgroup="mean",
            showlegend=show_legend,
            line={"color": _MEAN_COLOR, "dash": "dashdot", "width": 3},
            marker={"symbol": "circle", "size": [0, 10], "color": _MEAN_COLOR},
            hovertemplate=f"posterior mean = {mean_value:.4g}<extra></extra>",
        ),
        row=1,
        col=col,
    )
    fig.update_xaxes(title_text="coefficient β", range=[beta[0], beta[-1]], row=1, col=col)
    fig.update_yaxes(title_text="density", range=[0.0, 1.15 * peak], row=1, col=col)


def _two_coefficients(fig: go.Figure, view: BayesView, col: int, show_legend: bool) -> None:
    color = penalty_color(view.penalty)
    for name, density, line_color, dash in (
        ("prior", view.prior_density, TRUTH_COLOR, "dot"),
        ("likelihood (data)", view.likelihood_density, DATA_COLOR, "dash"),
        ("posterior", view.posterior_density, color, "solid"),
    ):
        # Contours of the log density are evenly spaced, which plotly requires: the
        # levels e⁻¹, e⁻³, e⁻⁵ of the peak hold roughly the top 60 %, 95 % and 99 %.
        with np.errstate(divide="ignore"):
            log_density = np.log(density)
        top = float(log_density.max())
        log_density = np.round(np.maximum(log_density, top - 50.0), 3)
        fig.add_trace(
            go.Contour(
                x=view.axes[0],
                y=view.axes[1],
                z=log_density,
                name=name,
                legendgroup=name,
                showlegend=show_legend,
                showscale=False,
                autocontour=False,
                contours={"coloring": "none", "start": top - 5.0, "end": top - 1.0, "size": 2.0},
                line={"color": line_color, "dash": dash, "width": 2},
                hoverinfo="skip",
            ),
            row=1,
            col=col,
        )
    points = (
        ("least squares", view.center, DATA_COLOR, "x", 11),
        ("MAP = penalized solution", view.map, color, "diamond", 15),
        ("posterior mean", view.summary.mean, _MEAN_COLOR, "circle", 12),
    )
    for name, beta, marker_color, symbol, size in points:
        fig.add_trace(
            go.Scatter(
                x=[beta[0]],
                y=[beta[1]],
                mode="markers",
                name=name,
                legendgroup=name,
                showlegend=show_legend,
                marker={
                    "symbol": symbol,
                    "size": size,
                    "color": marker_color,
                    "line": {"width": 1.5, "color": "white"},
                },
                hovertemplate=f"{name}<br>β = {_fmt(beta)}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    lim = [float(view.axes[0][0]), float(view.axes[0][-1])]
    axis = "x" if col == 1 else f"x{col}"
    fig.update_xaxes(title_text="β₁", range=lim, zeroline=True, row=1, col=col)
    fig.update_yaxes(
        title_text="β₂", range=lim, zeroline=True, scaleanchor=axis, scaleratio=1, row=1, col=col
    )


def make_bayes_figure(views: Sequence[BayesView], *, classroom: bool = False) -> go.Figure:
    """Prior, likelihood and posterior for each prior, side by side.

    Parameters
    ----------
    views : sequence of BayesView
        One per panel (typically the Laplace and the Gaussian view of the same data),
        all with the same number of coefficients (1 or 2).
    classroom : bool, default False
        Projector styling.

    Returns
    -------
    go.Figure
        One column per view; markers (or vertical lines) at the MAP, which equals the
        penalized solution, and at the posterior mean.
    """
    if not views:
        raise ValueError("Give at least one Bayesian view to draw.")
    fig = make_subplots(
        rows=1,
        cols=len(views),
        subplot_titles=[_panel_title(v) for v in views],
        horizontal_spacing=0.08,
    )
    for col, view in enumerate(views, start=1):
        draw = _one_coefficient if view.n_coef == 1 else _two_coefficients
        draw(fig, view, col, show_legend=col == 1)
    fig.update_layout(
        height=FIGURE_HEIGHT + (120 if classroom else 0),
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0.0},
        hovermode="closest",
    )
    return apply_style(fig, classroom=classroom)
