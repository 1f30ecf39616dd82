"""Figures of the claim checker: one builder per claim, and a dispatcher.

Each builder takes the evidence dataclass of :mod:`regviz.experiments.claims` and returns a styled
``go.Figure``; :func:`make_claim_figure` picks the right one.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from regviz.experiments.claims import (
    BinaryEvidence,
    CollinearityEvidence,
    GradientEvidence,
    OutlierEvidence,
    ProportionEvidence,
    SparseEvidence,
    UniqueEvidence,
)
from regviz.figures.common import (
    DATA_COLOR,
    HIGHLIGHT_COLOR,
    TRUTH_COLOR,
    apply_style,
    penalty_color,
)

FIGURE_HEIGHT = 460
LASSO, RIDGE = "L1 (lasso)", "L2 (ridge)"


def _feature_labels(count: int) -> list[str]:
    return [f"x{j + 1}" for j in range(count)]


def _finish(fig: go.Figure, *, title: str, classroom: bool) -> go.Figure:
    fig.update_layout(
        title=title,
        height=FIGURE_HEIGHT + (160 if classroom else 40),
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
    )
    apply_style(fig, classroom=classroom)
    # The legend sits below the x-axis title: leave room for two or three rows of it.
    fig.update_layout(margin={"b": 140 if classroom else 100})
    return fig


def make_sparse_figure(evidence: SparseEvidence, *, classroom: bool = False) -> go.Figure:
    """True, lasso and ridge coefficients side by side; exact zeros marked with ✕."""
    labels = _feature_labels(evidence.beta_true.size)
    fig = go.Figure()
    fig.add_bar(x=labels, y=evidence.beta_true, name="true weight", marker_color=TRUTH_COLOR)
    fig.add_bar(x=labels, y=evidence.lasso_coef, name=LASSO, marker_color=penalty_color("l1"))
    fig.add_bar(x=labels, y=evidence.ridge_coef, name=RIDGE, marker_color=penalty_color("l2"))
    zero = evidence.lasso_coef == 0.0
    fig.add_scatter(
        x=np.asarray(labels)[zero],
        y=np.zeros(int(zero.sum())),
        mode="markers",
        name="lasso weight exactly 0",
        marker={"symbol": "x", "color": penalty_color("l1"), "size": 10},
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text="feature")
    fig.update_yaxes(title_text="coefficient")
    return _finish(
        fig,
        title=f"λ = {evidence.lam:.3g}: lasso zeros {evidence.lasso_zeros}, "
        f"ridge zeros {evidence.ridge_zeros}",
        classroom=classroom,
    )


def make_binary_figure(evidence: BinaryEvidence, *, classroom: bool = False) -> go.Figure:
    """True and lasso weights, with dashed lines at ±1 (where binary weights would sit)."""
    labels = _feature_labels(evidence.beta_true.size)
    fig = go.Figure()
    fig.add_bar(x=labels, y=evidence.beta_true, name="true weight", marker_color=TRUTH_COLOR)
    fig.add_bar(x=labels, y=evidence.lasso_coef, name=LASSO, marker_color=penalty_color("l1"))
    for level in (-1.0, 1.0):
        fig.add_hline(y=level, line={"dash": "dash", "color": TRUTH_COLOR, "width": 1})
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text="feature")
    fig.update_yaxes(title_text="coefficient (dashed: ±1)")
    return _finish(
        fig,
        title=f"λ = {evidence.lam:.3g}: {evidence.n_not_unit} of {evidence.n_nonzero} "
        "non-zero lasso weights are not ±1",
        classroom=classroom,
    )


def make_gradient_figure(evidence: GradientEvidence, *, classroom: bool = False) -> go.Figure:
    """Relative objective gap per iteration of ISTA and subgradient descent (log scale)."""
    floor = 1e-16
    fig = go.Figure()
    fig.add_scatter(
        x=evidence.iterations,
        y=np.maximum(evidence.ista_gap, floor),
        mode="lines",
        name="ISTA: gradient step + soft-threshold",
        line={"color": penalty_color("l1")},
    )
    fig.add_scatter(
        x=evidence.iterations,
        y=np.maximum(evidence.subgradient_gap, floor),
        mode="lines",
        name="subgradient descent (best so far)",
        line={"color": TRUTH_COLOR, "dash": "dash"},
    )
    fig.update_xaxes(title_text="iteration", type="log")
    fig.update_yaxes(
        title_text="relative gap to the optimum (log)",
        type="log",
        range=[-16.5, 1],
        exponentformat="power",
    )
    return _finish(
        fig,
        title=f"λ = {evidence.lam:.3g}: ISTA ends with {evidence.ista_zeros} exact zeros, "
        f"subgradient with {evidence.subgradient_zeros}",
        classroom=classroom,
    )


def make_unique_figure(evidence: UniqueEvidence, *, classroom: bool = False) -> go.Figure:
    """(β₁, β₂) of every lasso and ridge fit; the dotted segment: equally good lasso splits."""
    fig = go.Figure()
    total = float(evidence.lasso_pairs[0].sum())
    if evidence.correlation == 1.0:
        # With an exact copy, every split of the same sum (same signs) is optimal.
        fig.add_scatter(
            x=[total, 0.0],
            y=[0.0, total],
            mode="lines",
            name="every split with the same β₁ + β₂",
            line={"color": penalty_color("l1"), "dash": "dot", "width": 1.5},
        )
    symbols = ("circle", "square", "diamond")
    for label, pair, value, symbol in zip(
        evidence.lasso_labels,
        evidence.lasso_pairs,
        evidence.lasso_objectives,
        symbols,
        strict=False,
    ):
        fig.add_scatter(
            x=[pair[0]],
            y=[pair[1]],
            mode="markers",
            name=f"lasso: {label}",
            marker={"color": penalty_color("l1"), "symbol": symbol, "size": 14},
            hovertemplate=f"objective {value:.12f}<extra>{label}</extra>",
        )
    fig.add_scatter(
        x=evidence.ridge_pairs[:, 0],
        y=evidence.ridge_pairs[:, 1],
        mode="markers",
        name="ridge: three solvers (ring)",
        marker={
            "color": penalty_color("l2"),
            "symbol": "circle-open",
            "size": 26,
            "line": {"width": 3},
        },
    )
    values = np.concatenate([evidence.lasso_pairs.ravel(), evidence.ridge_pairs.ravel(), [0.0]])
    low, high = float(values.min()), float(values.max())
    pad = 0.1 * max(high - low, 0.5)
    axis_range = [low - pad, high + pad]
    fig.update_xaxes(title_text="β₁ (feature 1)", range=axis_range)
    fig.update_yaxes(title_text="β₂ (feature 2)", range=axis_range, scaleanchor="x")
    return _finish(
        fig,
        title=f"λ = {evidence.lam:.3g}, correlation {evidence.correlation:.3f}",
        classroom=classroom,
    )


def make_collinearity_figure(
    evidence: CollinearityEvidence, *, classroom: bool = False
) -> go.Figure:
    """(β₁, β₂) of lasso and ridge on every data set; the truth is (1, 1)."""
    fig = go.Figure()
    fig.add_scatter(
        x=evidence.ridge_betas[:, 0],
        y=evidence.ridge_betas[:, 1],
        mode="markers",
        name=RIDGE,
        marker={"color": penalty_color("l2"), "size": 6, "opacity": 0.6},
    )
    fig.add_scatter(
        x=evidence.lasso_betas[:, 0],
        y=evidence.lasso_betas[:, 1],
        mode="markers",
        name=LASSO,
        marker={"color": penalty_color("l1"), "size": 6, "opacity": 0.6},
    )
    fig.add_scatter(
        x=[1.0],
        y=[1.0],
        mode="markers",
        name="truth (1, 1)",
        marker={
            "color": HIGHLIGHT_COLOR,
            "symbol": "star",
            "size": 16,
            "line": {"color": TRUTH_COLOR, "width": 1},
        },
    )
    both = np.concatenate([evidence.lasso_betas.ravel(), evidence.ridge_betas.ravel()])
    low, high = min(float(both.min()), 0.0), max(float(both.max()), 1.2)
    pad = 0.05 * (high - low)
    fig.update_xaxes(title_text="β₁", range=[low - pad, high + pad], zeroline=True)
    fig.update_yaxes(title_text="β₂", range=[low - pad, high + pad], scaleanchor="x", zeroline=True)
    return _finish(
        fig,
        title=f"correlation {evidence.correlation:.3f}, λ = {evidence.lam:.3g}: lasso keeps "
        f"one feature in {evidence.lasso_picks_one:.0%} of data sets",
        classroom=classroom,
    )


def make_proportion_figure(evidence: ProportionEvidence, *, classroom: bool = False) -> go.Figure:
    """Ratio ridge / least squares per coefficient, with the orthonormal ratio 1/(1 + λ)."""
    labels = _feature_labels(evidence.ratios.size)
    fig = go.Figure()
    fig.add_bar(
        x=labels,
        y=evidence.ratios,
        name="ridge ÷ least squares",
        marker_color=penalty_color("l2"),
        customdata=np.column_stack([evidence.ols_coef, evidence.ridge_coef]),
        hovertemplate="ratio %{y:.4f}<br>least squares %{customdata[0]:.3f}"
        "<br>ridge %{customdata[1]:.3f}<extra></extra>",
    )
    fig.add_hline(
        y=evidence.orthonormal_ratio,
        line={"dash": "dash", "color": TRUTH_COLOR, "width": 1.5},
        annotation_text=f"1/(1+λ) = {evidence.orthonormal_ratio:.3f}",
        annotation_position="top left",
    )
    low = min(0.0, float(evidence.ratios.min()) - 0.1)
    high = max(1.1, float(evidence.ratios.max()) + 0.1)
    fig.update_xaxes(title_text="coefficient")
    fig.update_yaxes(title_text="ridge coefficient ÷ least-squares coefficient", range=[low, high])
    return _finish(
        fig, title=f"λ = {evidence.lam:.3g}, {evidence.design} design", classroom=classroom
    )


OUTLIER_STYLES = {
    "least squares": (penalty_color("ols"), "solid"),
    "lasso (L1 penalty)": (penalty_color("l1"), "solid"),
    "least absolute deviation (L1 loss)": (penalty_color("elasticnet"), "solid"),
    "Huber loss": (penalty_color("lq"), "dot"),
}


def make_outliers_figure(evidence: OutlierEvidence, *, classroom: bool = False) -> go.Figure:
    """The data with its outlier, and the lines of every fit (dashed grey: lasso, clean)."""
    x, y = evidence.x, evidence.y
    fig = go.Figure()
    fig.add_scatter(x=x[:-1], y=y[:-1], mode="markers", name="data", marker={"color": DATA_COLOR})
    fig.add_scatter(
        x=x[-1:],
        y=y[-1:],
        mode="markers",
        name="outlier",
        marker={
            "color": HIGHLIGHT_COLOR,
            "symbol": "star",
            "size": 16,
            "line": {"color": TRUTH_COLOR, "width": 1},
        },
    )
    grid = np.array([x.min(), x.max()])
    slope, intercept = evidence.clean_fits["lasso (L1 penalty)"]
    fig.add_scatter(
        x=grid,
        y=intercept + slope * grid,
        mode="lines",
        name="lasso without the outlier",
        line={"color": TRUTH_COLOR, "dash": "dash"},
    )
    for name, (slope, intercept) in evidence.fits.items():
        color, dash = OUTLIER_STYLES[name]
        fig.add_scatter(
            x=grid,
            y=intercept + slope * grid,
            mode="lines",
            name=f"{name}: slope {slope:.2f}",
            line={"color": color, "dash": dash},
        )
    fig.update_xaxes(title_text="x")
    fig.update_yaxes(title_text="y")
    return _finish(
        fig,
        title=f"outlier +{evidence.outlier_size:.0f} σ: slope moved by "
        f"{evidence.shifts['least squares']:.2f} (least squares), "
        f"{evidence.shifts['lasso (L1 penalty)']:.2f} (lasso), "
        f"{evidence.shifts['least absolute deviation (L1 loss)']:.2f} (L1 loss)",
        classroom=classroom,
    )


_BUILDERS = {
    SparseEvidence: make_sparse_figure,
    BinaryEvidence: make_binary_figure,
    GradientEvidence: make_gradient_figure,
    UniqueEvidence: make_unique_figure,
    CollinearityEvidence: make_collinearity_figure,
    ProportionEvidence: make_proportion_figure,
    OutlierEvidence: make_outliers_figure,
}


def make_claim_figure(evidence: object, *, classroom: bool = False) -> go.Figure:
    """The figure of any claim's evidence."""
    try:
        builder = _BUILDERS[type(evidence)]
    except KeyError:
        raise ValueError(f"No figure for evidence of type {type(evidence).__name__}.") from None
    return builder(evidence, classroom=classroom)
