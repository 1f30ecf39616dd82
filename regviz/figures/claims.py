"""Figures of the claim checker: one builder per claim, found through the claim registry.

Each claim's record (:data:`regviz.experiments.claims.CLAIMS`) names its builder here
(``Claim.figure``); :func:`make_claim_figure` looks it up by that name, so no second
table lists the claims. Builders are pure: evidence in, a styled ``go.Figure`` out.
Text takes the theme's colour (the page frame sets it): colours mark lines, markers and
bars only. Arrays go out as float32; long runs are thinned to what the eye resolves.
"""

from __future__ import annotations

import sys

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
    claim_of,
)
from regviz.figures.common import (
    LEGEND_BELOW,
    TRUTH_COLOR,
    apply_style,
    f32,
    penalty_color,
    rgba,
)

HEIGHT = {False: 460, True: 400}  # normal screen, classroom (projector)
LASSO, RIDGE = "lasso (L1)", "ridge (L2)"
GAP_POINTS = 400  # iterations drawn at most, log-spaced
_STAR = {
    "symbol": "star",
    "size": 16,
    "color": "#F0E442",
    "line": {"color": TRUTH_COLOR, "width": 2},
}


def _features(count: int) -> np.ndarray:
    return np.arange(1, count + 1, dtype=np.float32)


def _finish(fig: go.Figure, *, title: str, classroom: bool) -> go.Figure:
    fig.update_layout(title=title, height=HEIGHT[classroom], legend=LEGEND_BELOW)
    return apply_style(fig, classroom=classroom)


def make_sparse_figure(evidence: SparseEvidence, *, classroom: bool = False) -> go.Figure:
    """True, lasso and ridge coefficients side by side; the lasso's exact zeros marked ✕.

    Examples
    --------
    >>> from regviz.experiments.claims import check_sparse
    >>> [t.name for t in make_sparse_figure(check_sparse(seed=0)).data]
    ['truth', 'lasso (L1)', 'ridge (L2)', 'lasso exactly 0']
    """
    x = _features(evidence.beta_true.size)
    fig = go.Figure()
    fig.add_bar(x=x, y=f32(evidence.beta_true), name="truth", marker_color=TRUTH_COLOR)
    fig.add_bar(x=x, y=f32(evidence.lasso_coef), name=LASSO, marker_color=penalty_color("l1"))
    fig.add_bar(x=x, y=f32(evidence.ridge_coef), name=RIDGE, marker_color=penalty_color("l2"))
    zero = evidence.lasso_coef == 0.0
    fig.add_scatter(
        x=x[zero],
        y=np.zeros(int(zero.sum()), dtype=np.float32),
        mode="markers",
        name="lasso exactly 0",
        marker={
            "symbol": "x-thin",
            "size": 10,
            "line": {"width": 2, "color": penalty_color("l1")},
        },
    )
    fig.update_layout(barmode="group", bargap=0.15)
    fig.update_xaxes(title_text="feature", dtick=5 if x.size > 12 else 1)
    fig.update_yaxes(title_text="coefficient")
    return _finish(fig, title=f"Coefficients at λ = {evidence.lam:.3g}", classroom=classroom)


def make_binary_figure(evidence: BinaryEvidence, *, classroom: bool = False) -> go.Figure:
    """True and lasso weights, with dashed lines at ±1 (where binary weights would sit).

    Examples
    --------
    >>> from regviz.experiments.claims import check_binary
    >>> len(make_binary_figure(check_binary(seed=0)).layout.shapes)
    2
    """
    x = _features(evidence.beta_true.size)
    fig = go.Figure()
    fig.add_bar(x=x, y=f32(evidence.beta_true), name="truth", marker_color=TRUTH_COLOR)
    fig.add_bar(x=x, y=f32(evidence.lasso_coef), name=LASSO, marker_color=penalty_color("l1"))
    for level in (-1.0, 1.0):
        fig.add_hline(y=level, line={"dash": "dash", "color": TRUTH_COLOR, "width": 1.5})
    fig.update_layout(barmode="group", bargap=0.15)
    fig.update_xaxes(title_text="feature", dtick=1)
    fig.update_yaxes(title_text="weight (dashed: ±1)")
    return _finish(fig, title=f"Lasso weights at λ = {evidence.lam:.3g}", classroom=classroom)


def thin_log(count: int, points: int = GAP_POINTS) -> np.ndarray:
    """Indices 0 … count − 1, log-spaced, at most ``points`` of them, the last included.

    Examples
    --------
    >>> thin_log(5).tolist(), int(thin_log(5000).size) <= 400, int(thin_log(5000)[-1])
    ([0, 1, 2, 3, 4], True, 4999)
    """
    if count <= points:
        return np.arange(count)
    return np.unique(np.round(np.geomspace(1, count, points)).astype(int) - 1)


def make_gradient_figure(evidence: GradientEvidence, *, classroom: bool = False) -> go.Figure:
    """Relative gap to the optimum per iteration of ISTA and subgradient descent (log-log).

    Examples
    --------
    >>> from regviz.experiments.claims import check_gradient
    >>> fig = make_gradient_figure(check_gradient(seed=0, n_iter=5000))
    >>> len(fig.data[0].x) <= 400
    True
    """
    floor = 1e-16
    keep = thin_log(evidence.iterations.size)
    x = f32(evidence.iterations[keep])
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=f32(np.maximum(evidence.ista_gap[keep], floor)),
        mode="lines",
        name="ISTA (gradient + soft-threshold)",
        line={"color": penalty_color("l1")},
    )
    fig.add_scatter(
        x=x,
        y=f32(np.maximum(evidence.subgradient_gap[keep], floor)),
        mode="lines",
        name="subgradient (best so far)",
        line={"color": TRUTH_COLOR, "dash": "dash"},
    )
    top = max(1.0, float(np.log10(max(evidence.iterations.size, 10))))
    fig.update_xaxes(title_text="iteration", type="log", dtick=1, range=[0, top])
    fig.update_yaxes(
        type="log",
        range=[-16.5, 1],
        dtick=4,
        exponentformat="power",
    )
    # The y axis is named in the title: a phone keeps ≥ 280 px for the plot beside "10⁻¹⁶".
    return _finish(
        fig, title=f"Gap to the lasso optimum, λ = {evidence.lam:.3g}", classroom=classroom
    )


def make_unique_figure(evidence: UniqueEvidence, *, classroom: bool = False) -> go.Figure:
    """(β₁, β₂) of every lasso and ridge fit; dotted: the equally good lasso splits.

    Examples
    --------
    >>> from regviz.experiments.claims import check_unique
    >>> [t.name for t in make_unique_figure(check_unique(seed=0)).data]
    ['same β₁ + β₂', 'lasso, 3 starts', 'ridge, 3 solvers']
    """
    fig = go.Figure()
    total = float(evidence.lasso_pairs[0].sum())
    if evidence.correlation == 1.0:
        # With an exact copy, every split of the same sum (same signs) is optimal.
        fig.add_scatter(
            x=[total, 0.0],
            y=[0.0, total],
            mode="lines",
            name="same β₁ + β₂",
            line={"color": penalty_color("l1"), "dash": "dot", "width": 1.5},
        )
    fig.add_scatter(
        x=f32(evidence.lasso_pairs[:, 0]),
        y=f32(evidence.lasso_pairs[:, 1]),
        mode="markers",
        name="lasso, 3 starts",
        marker={
            "color": penalty_color("l1"),
            "symbol": ["circle", "square", "diamond"][: len(evidence.lasso_pairs)],
            "size": 14,
        },
        customdata=[
            [label, value]
            for label, value in zip(evidence.lasso_labels, evidence.lasso_objectives, strict=True)
        ],
        hovertemplate="%{customdata[0]}<br>objective %{customdata[1]:.12f}<extra></extra>",
    )
    fig.add_scatter(
        x=f32(evidence.ridge_pairs[:, 0]),
        y=f32(evidence.ridge_pairs[:, 1]),
        mode="markers",
        name="ridge, 3 solvers",
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
    fig.update_xaxes(title_text="β₁", range=axis_range)
    fig.update_yaxes(title_text="β₂", range=axis_range, scaleanchor="x")
    title = (
        "Feature 2 = feature 1"
        if evidence.correlation == 1.0
        else f"Correlation {evidence.correlation:.3f}"
    )
    return _finish(fig, title=title, classroom=classroom)


def make_collinearity_figure(
    evidence: CollinearityEvidence, *, classroom: bool = False
) -> go.Figure:
    """(β₁, β₂) of lasso and ridge on every data set; the truth is (1, 1).

    Examples
    --------
    >>> from regviz.experiments.claims import check_collinearity
    >>> [t.name for t in make_collinearity_figure(check_collinearity(seed=0)).data]
    ['ridge (L2)', 'lasso (L1)', 'truth (1, 1)']
    """
    fig = go.Figure()
    for name, betas, penalty in (
        (RIDGE, evidence.ridge_betas, "l2"),
        (LASSO, evidence.lasso_betas, "l1"),
    ):
        fig.add_scatter(
            x=f32(betas[:, 0]),
            y=f32(betas[:, 1]),
            mode="markers",
            name=name,
            marker={"color": rgba(penalty_color(penalty), 0.6), "size": 6},
        )
    fig.add_scatter(x=[1.0], y=[1.0], mode="markers", name="truth (1, 1)", marker=_STAR)
    both = np.concatenate([evidence.lasso_betas.ravel(), evidence.ridge_betas.ravel()])
    low, high = min(float(both.min()), 0.0), max(float(both.max()), 1.2)
    pad = 0.05 * (high - low)
    axis_range = [round(low - pad, 3), round(high + pad, 3)]
    fig.update_xaxes(title_text="β₁", range=axis_range, zeroline=True)
    fig.update_yaxes(title_text="β₂", range=axis_range, scaleanchor="x", zeroline=True)
    return _finish(
        fig,
        title=f"{len(evidence.lasso_betas)} data sets, correlation {evidence.correlation:.3f}",
        classroom=classroom,
    )


def make_proportion_figure(evidence: ProportionEvidence, *, classroom: bool = False) -> go.Figure:
    """Ratio ridge ÷ least squares per coefficient, with the orthonormal ratio 1/(1 + λ).

    Examples
    --------
    >>> from regviz.experiments.claims import check_proportion
    >>> fig = make_proportion_figure(check_proportion(seed=0))
    >>> fig.layout.annotations[0].text
    '1/(1 + λ) = 0.667'
    """
    fig = go.Figure()
    fig.add_bar(
        x=_features(evidence.ratios.size),
        y=f32(evidence.ratios),
        name="ridge ÷ least squares",
        showlegend=False,
        marker_color=penalty_color("l2"),
        customdata=np.column_stack([evidence.ols_coef, evidence.ridge_coef]).astype(np.float32),
        hovertemplate="ratio %{y:.4f}<br>least squares %{customdata[0]:.3f}"
        "<br>ridge %{customdata[1]:.3f}<extra></extra>",
    )
    fig.add_hline(
        y=evidence.orthonormal_ratio,
        line={"dash": "dash", "color": TRUTH_COLOR, "width": 1.5},
        annotation_text=f"1/(1 + λ) = {evidence.orthonormal_ratio:.3f}",
        annotation_position="top left",
    )
    low = min(0.0, float(evidence.ratios.min()) - 0.1)
    high = max(1.15, float(evidence.ratios.max()) + 0.15)
    fig.update_xaxes(title_text="coefficient", dtick=1)
    fig.update_yaxes(title_text="ridge ÷ least squares", range=[low, high])
    return _finish(
        fig,
        title=f"{evidence.design.capitalize()} design, λ = {evidence.lam:.3g}",
        classroom=classroom,
    )


# Least squares is drawn wide and light under the others: where the lasso follows it,
# both stay visible.
OUTLIER_STYLES = {
    "least squares": ("least squares", {"color": rgba(penalty_color("ols"), 0.55), "width": 7}),
    "lasso (L1 penalty)": ("lasso (L1 penalty)", {"color": penalty_color("l1")}),
    "least absolute deviation (L1 loss)": (
        "LAD (L1 loss)",
        {"color": penalty_color("elasticnet")},
    ),
    "Huber loss": ("Huber", {"color": TRUTH_COLOR, "dash": "dot"}),
}


def make_outliers_figure(evidence: OutlierEvidence, *, classroom: bool = False) -> go.Figure:
    """The data with its outlier (★) and every fit's line; dashed: the lasso without it.

    Examples
    --------
    >>> from regviz.experiments.claims import check_outliers
    >>> [t.name for t in make_outliers_figure(check_outliers(seed=0)).data][2:]
    ['least squares', 'lasso (L1 penalty)', 'LAD (L1 loss)', 'Huber', 'lasso, no ★']
    """
    x, y = evidence.x, evidence.y
    fig = go.Figure()
    fig.add_scatter(
        x=f32(x[:-1]),
        y=f32(y[:-1]),
        mode="markers",
        name="data",
        showlegend=False,
        marker={"color": TRUTH_COLOR, "size": 7},
    )
    fig.add_scatter(
        x=f32(x[-1:]),
        y=f32(y[-1:]),
        mode="markers",
        name="outlier",
        showlegend=False,
        marker=_STAR,
    )
    grid = np.array([x.min(), x.max()])
    for name, (slope, intercept) in evidence.fits.items():
        label, line = OUTLIER_STYLES[name]
        fig.add_scatter(
            x=f32(grid),
            y=f32(intercept + slope * grid),
            mode="lines",
            name=label,
            line=line,
            hovertemplate=f"slope {slope:.3f}<extra>{name}</extra>",
        )
    slope, intercept = evidence.clean_fits["lasso (L1 penalty)"]
    fig.add_scatter(
        x=f32(grid),
        y=f32(intercept + slope * grid),
        mode="lines",
        name="lasso, no ★",
        line={"color": penalty_color("l1"), "dash": "dash"},
        hovertemplate=f"slope {slope:.3f}<extra>lasso without the outlier</extra>",
    )
    fig.update_xaxes(title_text="x")
    fig.update_yaxes(title_text="y")
    return _finish(
        fig,
        title=f"One outlier (★) {evidence.outlier_size:.0f} σ above the line",
        classroom=classroom,
    )


def make_claim_figure(evidence: object, *, classroom: bool = False) -> go.Figure:
    """The figure of any claim's evidence: the builder its claim record names.

    Examples
    --------
    >>> from regviz.experiments.claims import CLAIMS
    >>> fig = make_claim_figure(CLAIMS["binary"].run(seed=0))
    >>> fig.layout.title.text
    'Lasso weights at λ = 0.1'
    """
    builder = getattr(sys.modules[__name__], claim_of(evidence).figure)
    return builder(evidence, classroom=classroom)
