"""Figures of the claim checker: one builder per claim, found through the claim registry.

Each claim's record (:data:`regviz.experiments.claims.CLAIMS`) names its builder here
(``Claim.figure``); :func:`make_claim_figure` looks it up by that name, so no second
table lists the claims. Builders are pure: evidence in, a styled ``go.Figure`` out.
Text takes the theme's colour (the page frame sets it): colours mark lines, markers and
bars only. Arrays go out as float32; long runs are thinned to what the eye resolves.

Each figure is written as plain data (``{"data": [...], "layout": {...}}``), styled as data
(:func:`regviz.figures.common.style_spec`) and made a ``go.Figure`` once, unvalidated, as
the Optimizer's and the Monte Carlo page's: plotly's object model would validate each
trace and layout change again (most of a move's figure-building time, and of the ▶ Play
frames'). The tests validate every builder's figure instead.
"""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go

from regviz.core.grids import format_lambda
from regviz.experiments.claims import (
    BinaryEvidence,
    ClaimSweep,
    CollinearityEvidence,
    GradientEvidence,
    OutlierEvidence,
    ProportionEvidence,
    SparseEvidence,
    UniqueEvidence,
    claim_of,
    play_text,
)
from regviz.figures import common as style
from regviz.figures.common import (
    TRUTH_COLOR,
    f32,
    layout_axes,
    merge,
    penalty_color,
    plain_figure,
    rgba,
    style_spec,
)

HEIGHT = {False: 460, True: 400}  # normal screen, classroom (projector)
LASSO, RIDGE = "lasso (L1)", "ridge (L2)"
GAP_POINTS = 400  # iterations drawn at most, log-spaced
_DASHED = {"dash": "dash", "color": TRUTH_COLOR, "width": 1.5}  # a level to compare with
_STAR = {
    "symbol": "star",
    "size": 16,
    "color": "#F0E442",
    "line": {"color": TRUTH_COLOR, "width": 2},
}


def _features(count: int) -> np.ndarray:
    return np.arange(1, count + 1, dtype=np.float32)


def _finish(
    traces: list[dict], layout: dict, *, title: str, classroom: bool, styled: bool = True
) -> go.Figure:
    """Title, height and legend below, styled (fonts, lines, margins); the figure, made
    once from the plain data, unvalidated."""
    # LEGEND_BELOW is merged: a copy, the constant stays as it is.
    merge(
        layout,
        {"title": {"text": title}, "height": HEIGHT[classroom], "legend": style.LEGEND_BELOW},
    )
    spec = {"data": traces, "layout": layout}
    # Unstyled: a ▶ Play frame takes only the data and the words, at a third of the cost.
    if styled:
        style_spec(spec, classroom=classroom)
    return plain_figure(spec)


def _bars(x: np.ndarray, y: np.ndarray, name: str, color: str) -> dict:
    """One bar per feature, in one colour."""
    return {"type": "bar", "x": x, "y": f32(y), "name": name, "marker": {"color": color}}


def _feature_bars_layout(count: int, y_title: str) -> dict:
    """Bars grouped by feature (1 … ``count`` across), ``y_title`` up."""
    return {
        "barmode": "group",
        "bargap": 0.15,
        "xaxis": {"title": {"text": "feature"}, "dtick": 5 if count > 12 else 1},
        "yaxis": {"title": {"text": y_title}},
    }


def _hline(y: float, line: dict) -> dict:
    """A horizontal line across the plot at ``y``, as plotly's ``add_hline`` writes it."""
    return {
        "type": "line",
        "xref": "x domain",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": y,
        "y1": y,
        "line": line,
    }


def make_sparse_figure(
    evidence: SparseEvidence, *, classroom: bool = False, styled: bool = True
) -> go.Figure:
    """True, lasso and ridge coefficients side by side; the lasso's exact zeros marked ✕.

    Examples
    --------
    >>> from regviz.experiments.claims import check_sparse
    >>> [t.name for t in make_sparse_figure(check_sparse(seed=0)).data]
    ['truth', 'lasso (L1)', 'ridge (L2)', 'lasso exactly 0']
    """
    x = _features(evidence.beta_true.size)
    zero = evidence.lasso_coef == 0.0
    traces = [
        _bars(x, evidence.beta_true, "truth", TRUTH_COLOR),
        _bars(x, evidence.lasso_coef, LASSO, penalty_color("l1")),
        _bars(x, evidence.ridge_coef, RIDGE, penalty_color("l2")),
        {
            "type": "scatter",
            "x": x[zero],
            "y": np.zeros(int(zero.sum()), dtype=np.float32),
            "mode": "markers",
            "name": "lasso exactly 0",
            "marker": {
                "symbol": "x-thin",
                "size": 10,
                "line": {"width": 2, "color": penalty_color("l1")},
            },
        },
    ]
    layout = _feature_bars_layout(x.size, "coefficient")
    return _finish(
        traces,
        layout,
        title=f"Coefficients at λ = {evidence.lam:.3g}",
        classroom=classroom,
        styled=styled,
    )


def make_binary_figure(
    evidence: BinaryEvidence, *, classroom: bool = False, styled: bool = True
) -> go.Figure:
    """True and lasso weights, with dashed lines at ±1 (where binary weights would sit).

    Examples
    --------
    >>> from regviz.experiments.claims import check_binary
    >>> len(make_binary_figure(check_binary(seed=0)).layout.shapes)
    2
    """
    x = _features(evidence.beta_true.size)
    traces = [
        _bars(x, evidence.beta_true, "truth", TRUTH_COLOR),
        _bars(x, evidence.lasso_coef, LASSO, penalty_color("l1")),
    ]
    layout = _feature_bars_layout(x.size, "weight (dashed: ±1)")
    layout["shapes"] = [_hline(level, _DASHED) for level in (-1.0, 1.0)]
    return _finish(
        traces,
        layout,
        title=f"Lasso weights at λ = {evidence.lam:.3g}",
        classroom=classroom,
        styled=styled,
    )


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


def make_gradient_figure(
    evidence: GradientEvidence, *, classroom: bool = False, styled: bool = True
) -> go.Figure:
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
    traces = [
        {
            "type": "scatter",
            "x": x,
            "y": f32(np.maximum(evidence.ista_gap[keep], floor)),
            "mode": "lines",
            "name": "ISTA (gradient + soft-threshold)",
            "line": {"color": penalty_color("l1")},
        },
        {
            "type": "scatter",
            "x": x,
            "y": f32(np.maximum(evidence.subgradient_gap[keep], floor)),
            "mode": "lines",
            "name": "subgradient (best so far)",
            "line": {"color": TRUTH_COLOR, "dash": "dash"},
        },
    ]
    top = max(1.0, float(np.log10(max(evidence.iterations.size, 10))))
    layout = {
        "xaxis": {"title": {"text": "iteration"}, "type": "log", "dtick": 1, "range": [0, top]},
        "yaxis": {"type": "log", "range": [-16.5, 1], "dtick": 4, "exponentformat": "power"},
    }
    # The y axis is named in the title: a phone keeps ≥ 280 px for the plot beside "10⁻¹⁶".
    return _finish(
        traces,
        layout,
        title=f"Gap to the lasso optimum, λ = {evidence.lam:.3g}",
        classroom=classroom,
        styled=styled,
    )


def _add_pairs(traces: list[dict], pairs: np.ndarray, **trace: Any) -> None:
    """Mark each row (β₁, β₂) of ``pairs`` as a point of the coefficient plane."""
    traces.append(
        {"type": "scatter", "x": f32(pairs[:, 0]), "y": f32(pairs[:, 1]), "mode": "markers"} | trace
    )


def _beta_plane_axes(layout: dict, axis_range: list[float], **extra: Any) -> None:
    """β₁ across, β₂ up, both over ``axis_range`` at the same scale (circles stay round)."""
    merge(
        layout,
        {
            "xaxis": {"title": {"text": "β₁"}, "range": list(axis_range), **extra},
            "yaxis": {
                "title": {"text": "β₂"},
                "range": list(axis_range),
                "scaleanchor": "x",
                **extra,
            },
        },
    )


def make_unique_figure(
    evidence: UniqueEvidence, *, classroom: bool = False, styled: bool = True
) -> go.Figure:
    """(β₁, β₂) of every lasso and ridge fit; dotted: the equally good lasso splits.

    Examples
    --------
    >>> from regviz.experiments.claims import check_unique
    >>> [t.name for t in make_unique_figure(check_unique(seed=0)).data]
    ['same β₁ + β₂', 'lasso, 3 starts', 'ridge, 3 solvers']
    """
    traces: list[dict] = []
    total = float(evidence.lasso_pairs[0].sum())
    if evidence.correlation == 1.0:
        # With an exact copy, every split of the same sum (same signs) is optimal.
        traces.append(
            {
                "type": "scatter",
                "x": [total, 0.0],
                "y": [0.0, total],
                "mode": "lines",
                "name": "same β₁ + β₂",
                "line": {"color": penalty_color("l1"), "dash": "dot", "width": 1.5},
            }
        )
    _add_pairs(
        traces,
        evidence.lasso_pairs,
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
    _add_pairs(
        traces,
        evidence.ridge_pairs,
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
    layout: dict = {}
    _beta_plane_axes(layout, [low - pad, high + pad])
    title = (
        "Feature 2 = feature 1"
        if evidence.correlation == 1.0
        else f"Correlation {evidence.correlation:.3f}"
    )
    return _finish(traces, layout, title=title, classroom=classroom, styled=styled)


def make_collinearity_figure(
    evidence: CollinearityEvidence, *, classroom: bool = False, styled: bool = True
) -> go.Figure:
    """(β₁, β₂) of lasso and ridge on every data set; the truth is (1, 1).

    Examples
    --------
    >>> from regviz.experiments.claims import check_collinearity
    >>> [t.name for t in make_collinearity_figure(check_collinearity(seed=0)).data]
    ['ridge (L2)', 'lasso (L1)', 'truth (1, 1)']
    """
    traces: list[dict] = []
    for name, betas, penalty in (
        (RIDGE, evidence.ridge_betas, "l2"),
        (LASSO, evidence.lasso_betas, "l1"),
    ):
        _add_pairs(
            traces, betas, name=name, marker={"color": rgba(penalty_color(penalty), 0.6), "size": 6}
        )
    traces.append(
        {
            "type": "scatter",
            "x": [1.0],
            "y": [1.0],
            "mode": "markers",
            "name": "truth (1, 1)",
            "marker": _STAR,
        }
    )
    both = np.concatenate([evidence.lasso_betas.ravel(), evidence.ridge_betas.ravel()])
    low, high = min(float(both.min()), 0.0), max(float(both.max()), 1.2)
    pad = 0.05 * (high - low)
    layout: dict = {}
    _beta_plane_axes(layout, [round(low - pad, 3), round(high + pad, 3)], zeroline=True)
    return _finish(
        traces,
        layout,
        title=f"{len(evidence.lasso_betas)} data sets, correlation {evidence.correlation:.3f}",
        classroom=classroom,
        styled=styled,
    )


def make_proportion_figure(
    evidence: ProportionEvidence, *, classroom: bool = False, styled: bool = True
) -> go.Figure:
    """Ratio ridge ÷ least squares per coefficient, with the orthonormal ratio 1/(1 + λ).

    Examples
    --------
    >>> from regviz.experiments.claims import check_proportion
    >>> fig = make_proportion_figure(check_proportion(seed=0))
    >>> fig.layout.annotations[0].text
    '1/(1 + λ) = 0.667'
    """
    traces = [
        {
            "type": "bar",
            "x": _features(evidence.ratios.size),
            "y": f32(evidence.ratios),
            "name": "ridge ÷ least squares",
            "showlegend": False,
            "marker": {"color": penalty_color("l2")},
            "customdata": np.column_stack([evidence.ols_coef, evidence.ridge_coef]).astype(
                np.float32
            ),
            "hovertemplate": "ratio %{y:.4f}<br>least squares %{customdata[0]:.3f}"
            "<br>ridge %{customdata[1]:.3f}<extra></extra>",
        }
    ]
    ratio = evidence.orthonormal_ratio
    low = min(0.0, float(evidence.ratios.min()) - 0.1)
    high = max(1.15, float(evidence.ratios.max()) + 0.15)
    layout = {
        "shapes": [_hline(ratio, _DASHED)],
        # Named at the line's top left (what add_hline's annotation_position="top left"
        # writes).
        "annotations": [
            {
                "text": f"1/(1 + λ) = {ratio:.3f}",
                "showarrow": False,
                "xref": "x domain",
                "x": 0,
                "xanchor": "left",
                "yref": "y",
                "y": ratio,
                "yanchor": "bottom",
            }
        ],
        "xaxis": {"title": {"text": "coefficient"}, "dtick": 1},
        "yaxis": {"title": {"text": "ridge ÷ least squares"}, "range": [low, high]},
    }
    return _finish(
        traces,
        layout,
        title=f"{evidence.design.capitalize()} design, λ = {evidence.lam:.3g}",
        classroom=classroom,
        styled=styled,
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


def _add_fit_line(
    traces: list[dict],
    grid: np.ndarray,
    slope: float,
    intercept: float,
    *,
    name: str,
    line: dict,
    fit: str,
) -> None:
    """The line ``intercept + slope·x`` over ``grid``; its hover gives the slope of ``fit``."""
    traces.append(
        {
            "type": "scatter",
            "x": f32(grid),
            "y": f32(intercept + slope * grid),
            "mode": "lines",
            "name": name,
            "line": line,
            "hovertemplate": f"slope {slope:.3f}<extra>{fit}</extra>",
        }
    )


def make_outliers_figure(
    evidence: OutlierEvidence, *, classroom: bool = False, styled: bool = True
) -> go.Figure:
    """The data with its outlier (★) and every fit's line; dashed: the lasso without it.

    Examples
    --------
    >>> from regviz.experiments.claims import check_outliers
    >>> [t.name for t in make_outliers_figure(check_outliers(seed=0)).data][2:]
    ['least squares', 'lasso (L1 penalty)', 'LAD (L1 loss)', 'Huber', 'lasso, no ★']
    """
    x, y = evidence.x, evidence.y
    traces = [
        {
            "type": "scatter",
            "x": f32(x[:-1]),
            "y": f32(y[:-1]),
            "mode": "markers",
            "name": "data",
            "showlegend": False,
            "marker": {"color": TRUTH_COLOR, "size": 7},
        },
        {
            "type": "scatter",
            "x": f32(x[-1:]),
            "y": f32(y[-1:]),
            "mode": "markers",
            "name": "outlier",
            "showlegend": False,
            "marker": _STAR,
        },
    ]
    grid = np.array([x.min(), x.max()])
    for name, (slope, intercept) in evidence.fits.items():
        label, line = OUTLIER_STYLES[name]
        _add_fit_line(traces, grid, slope, intercept, name=label, line=line, fit=name)
    slope, intercept = evidence.clean_fits["lasso (L1 penalty)"]
    _add_fit_line(
        traces, grid, slope, intercept, name="lasso, no ★",
        line={"color": penalty_color("l1"), "dash": "dash"}, fit="lasso without the outlier",
    )  # fmt: skip
    layout = {"xaxis": {"title": {"text": "x"}}, "yaxis": {"title": {"text": "y"}}}
    return _finish(
        traces,
        layout,
        title=f"One outlier (★) {evidence.outlier_size:.0f} σ above the line",
        classroom=classroom,
        styled=styled,
    )


def make_claim_figure(
    evidence: object, *, classroom: bool = False, styled: bool = True
) -> go.Figure:
    """The figure of any claim's evidence: the builder its claim record names.

    ``styled=False`` leaves out the fonts, line widths and margins (what a ▶ Play frame
    takes is only the data and the words).

    Examples
    --------
    >>> from regviz.experiments.claims import CLAIMS
    >>> fig = make_claim_figure(CLAIMS["binary"].run(seed=0))
    >>> fig.layout.title.text
    'Lasso weights at λ = 0.1'
    """
    builder = getattr(sys.modules[__name__], claim_of(evidence).figure)
    return builder(evidence, classroom=classroom, styled=styled)


# ----------------------------------------------------------------------------- ▶ Play

PLAY_KEYS = ("x", "y", "text", "customdata", "hovertemplate")
"""What a frame carries of each trace: the numbers and words that move with λ (the styles
stay those of the figure)."""

Extent = tuple[float, float, bool]
"""An axis's (low, high) in axis units (log₁₀ on a log axis), and whether the builder fixed
it (True) or it was read off the data (False)."""


@dataclass(frozen=True)
class ClaimFrames:
    """The ▶ Play frames of one claim's figure over a λ sweep: plain data (cacheable).

    Attributes
    ----------
    lams : tuple of float
        λ of each frame, increasing.
    frames : tuple of dict
        Plotly frames named ``f"{λ:g}"``: the moving part of every trace (:data:`PLAY_KEYS`)
        and, last, the text of λ, the verdict and the key number; the title, shapes and
        annotations of the figure at that λ.
    kinds : tuple of str
        The figure's trace types, in order (the same at every λ).
    extents : tuple
        Per frame, the (x, y) :data:`Extent` of its figure (None: nothing drawn).
    """

    lams: tuple[float, ...]
    frames: tuple[dict, ...]
    kinds: tuple[str, ...]
    extents: tuple[tuple[Extent | None, Extent | None], ...]


def _kinds(fig: go.Figure) -> tuple[str, ...]:
    return tuple(trace.type for trace in fig.data)


def _extent(fig: go.Figure, letter: str) -> Extent | None:
    """Where the figure's data (or the range its builder set) lie on the x or y axis."""
    axis = fig.layout[f"{letter}axis"]
    if axis.range is not None:
        low, high = axis.range
        return float(low), float(high), True
    parts = [np.zeros(1)] if letter == "y" and "bar" in _kinds(fig) else []
    for trace in fig.data:
        values = trace[letter]
        if values is not None:
            parts.append(np.asarray(values, dtype=float).ravel())
    values = np.concatenate(parts) if parts else np.zeros(0)
    values = values[np.isfinite(values)]
    if axis.type == "log":
        values = np.log10(values[values > 0])
    if values.size == 0:
        return None
    return float(values.min()), float(values.max()), False


def _frame(fig: go.Figure, evidence: Any) -> dict:
    """One frame: the figure of ``evidence`` as data that moves, and its words."""
    data = [
        {"type": trace.type, **{k: trace[k] for k in PLAY_KEYS if trace[k] is not None}}
        for trace in fig.data
    ]
    # λ and the verdict in bold, the key number on a line of its own.
    data.append({"type": "scatter", "text": [f"<b>{play_text(evidence, sep='</b><br>')}"]})
    # In bold, as Streamlit's theme draws a figure's first title (a frame's title would
    # otherwise be drawn in the regular weight).
    layout: dict[str, Any] = {"title": {"text": f"<b>{fig.layout.title.text}</b>"}}
    for part in ("shapes", "annotations"):
        if fig.layout[part]:
            layout[part] = [item.to_plotly_json() for item in fig.layout[part]]
    return {"name": f"{evidence.lam:g}", "data": data, "layout": layout}


def claim_play_frames(sweep: ClaimSweep, *, classroom: bool = False) -> ClaimFrames:
    """The ▶ Play frames of a claim's figure: its own figure at every λ of the sweep.

    Each frame writes "λ = … · VERDICT" and the claim's key number in the plot: the verdict
    is the one that λ's experiment computed (``evidence.verdict``).

    Parameters
    ----------
    sweep : ClaimSweep
        The claim at every λ (:func:`~regviz.experiments.claims.claim_sweep`).
    classroom : bool, default False
        Projector styling (as the figure they will be attached to).

    Returns
    -------
    ClaimFrames

    Raises
    ------
    ValueError
        If the claim's figure has other traces at some λ (frames could not replay it).

    Examples
    --------
    >>> from regviz.experiments.claims import claim_sweep
    >>> frames = claim_play_frames(claim_sweep("sparse", 0, {}, lams=(0.001, 0.1)))
    >>> [f["name"] for f in frames.frames], frames.frames[1]["data"][-1]["text"]
    (['0.001', '0.1'], ['<b>λ = 0.1 · TRUE</b><br>lasso: exact zeros 11 of 20'])
    """
    figures = [make_claim_figure(ev, classroom=classroom, styled=False) for ev in sweep.evidences]
    kinds = {_kinds(fig) for fig in figures}
    if len(kinds) != 1:
        raise ValueError(f"The {sweep.claim} figure changes its traces with λ: no frames.")
    order = np.argsort(sweep.lams, kind="stable")
    return ClaimFrames(
        lams=tuple(float(sweep.lams[k]) for k in order),
        frames=tuple(_frame(figures[k], sweep.evidences[k]) for k in order),
        kinds=kinds.pop(),
        extents=tuple((_extent(figures[k], "x"), _extent(figures[k], "y")) for k in order),
    )


def _play_range(extents: list[Extent | None], *, band: float = 0.0) -> list[float] | None:
    """One axis range that holds every frame (None: the axis may keep autorange).

    Ranges the builder fixed are joined as they are; ranges read off the data get 5 %
    padding, and ``band`` (a fraction of the span) is added on top for the text.
    """
    found = [e for e in extents if e is not None]
    if not found:
        return None
    fixed = any(e[2] for e in found)
    if not band and not fixed and len({e[:2] for e in found}) == 1:
        return None  # the same at every λ: let plotly place it
    low, high = min(e[0] for e in found), max(e[1] for e in found)
    span = high - low if high > low else 1.0
    if not fixed:
        low, high = low - 0.05 * span, high + 0.05 * span
        span *= 1.1
    return [low, high + band * span]


def make_claim_play_figure(
    evidence: object,
    frames: ClaimFrames,
    *,
    classroom: bool = False,
    stacked: bool = False,
) -> go.Figure:
    """The claim's figure at ``evidence`` with ▶ Play frames over λ, played in the browser.

    The figure opens on the frame of ``evidence.lam`` (added to the frames when the sweep
    does not have it). The axes hold every frame; above the data, each frame writes
    λ, its verdict and its key number.

    Parameters
    ----------
    evidence : object
        The claim's experiment at the chosen λ (what the page shows).
    frames : ClaimFrames
        :func:`claim_play_frames` of the same claim, seed and settings.
    classroom : bool, default False
        Projector styling.
    stacked : bool, default False
        Play buttons and the λ slider on two rows (a phone's narrow figure).

    Returns
    -------
    go.Figure

    Examples
    --------
    >>> from regviz.experiments.claims import check_sparse, claim_sweep
    >>> frames = claim_play_frames(claim_sweep("sparse", 0, {}, lams=(0.001, 0.1)))
    >>> fig = make_claim_play_figure(check_sparse(seed=0, lam=0.01), frames)
    >>> [f.name for f in fig.frames], fig.layout.sliders[0].active
    (['0.001', '0.01', '0.1'], 1)
    >>> fig.data[-1].text
    ('<b>λ = 0.01 · HALF-TRUE</b><br>lasso: exact zeros 0 of 20',)
    """
    fig = make_claim_figure(evidence, classroom=classroom)
    if _kinds(fig) != frames.kinds:
        raise ValueError("These frames belong to another claim's figure.")
    lams, frame_list = list(frames.lams), list(frames.frames)
    extents = list(frames.extents)
    lam = float(evidence.lam)
    if lam not in lams:
        at = bisect.bisect(lams, lam)
        lams.insert(at, lam)
        frame_list.insert(at, _frame(fig, evidence))
        extents.insert(at, (_extent(fig, "x"), _extent(fig, "y")))
    font = style.CLASSROOM_FONT_SIZE if classroom else style.FONT_SIZE
    # Pixels, top to bottom: the title, Play and the λ slider (one row; two on a phone),
    # the text (two lines) above the data, the data as tall as without Play, the x axis
    # and the legend.
    row_px = round(2.6 * font) + 8
    top = round(2.2 * font) + row_px * (2 if stacked else 1)
    gap_px = round(0.4 * font)  # between the slider's labels and the text
    text_px = gap_px + 2 * round(1.3 * font) + 6
    height = HEIGHT[classroom] + (top - 50) + text_px  # style_spec's top margin is 50
    plot_px = height - top - round(5.5 * font)
    band = text_px / max(plot_px - text_px, 1)
    x_range = _play_range([e[0] for e in extents])
    y_range = _play_range([e[1] for e in extents], band=band)
    # The claim's figure as plain data (styled already), changed as data from here on.
    spec = fig.to_dict()
    layout = spec["layout"]
    fixed = {"autorange": False}
    if x_range is not None:
        merge(layout, dict.fromkeys(layout_axes(layout, ("xaxis",)), {"range": x_range} | fixed))
    merge(layout, dict.fromkeys(layout_axes(layout, ("yaxis",)), {"range": y_range} | fixed))
    spec["data"].append(
        {
            "type": "scatter",
            "x": [0.01],
            "y": [1.0 - gap_px / plot_px],
            "xaxis": "x2",
            "yaxis": "y2",
            "mode": "text",
            "text": frame_list[lams.index(lam)]["data"][-1]["text"],
            "textposition": "bottom right",
            "textfont": {"size": font},
            "showlegend": False,
            "hoverinfo": "skip",
            "cliponaxis": False,
        }
    )
    overlay = {"range": [0, 1], "visible": False, "fixedrange": True}
    merge(
        layout,
        {
            "xaxis2": {**overlay, "overlaying": "x"},
            "yaxis2": {**overlay, "overlaying": "y"},
            "height": height,
            "margin": {"t": top},
            "title": {"y": 1.0, "yref": "container", "yanchor": "top", "pad": {"t": 8}},
        },
    )
    controls = style.play_controls(
        [f["name"] for f in frame_list],
        [format_lambda(v) for v in lams],
        classroom=classroom,
        prefix="λ = ",
        speeds=style.PLAY_AND_SLOW,
        active=lams.index(lam),
        slider_x=0.0 if stacked else (0.5 if classroom else None),  # clear of the buttons
        redraw=True,  # the titles, and proportion's 1/(1 + λ) line, move with λ
    )
    # λ is written in the title and above the data: the slider needs no label of its own.
    controls["sliders"][0]["currentvalue"] = {"visible": False}
    if stacked:  # the slider on a row of its own, under the buttons
        menu = controls["updatemenus"][0]
        menu.update(y=1.0 + row_px / max(plot_px, 1), yanchor="bottom")
    spec["frames"] = frame_list
    layout.update(controls)
    return plain_figure(spec)
