"""Figures of the Monte Carlo page: zero fractions, where solutions land, zones, histograms.

Every builder takes a result of :mod:`regviz.experiments.montecarlo`,
:mod:`regviz.experiments.explainedai`, :mod:`regviz.experiments.zones` or
:mod:`regviz.experiments.highdim` and returns one styled ``go.Figure``. Figures that were
panels side by side (the three balls, the three zone maps, the two explained.ai clouds, the
two p-feature charts) are built one at a time, so the page can put them in columns that
stack on a phone. Penalties are told apart by colour (:func:`regviz.figures.common.penalty_color`);
text keeps the theme's font colour. Arrays go out as float32 (or uint8 for zone classes),
points are thinned to what the eye resolves, zone maps are heatmaps.

Each figure is written as plain data (``{"data": [...], "layout": {...}}``), styled as data
(:func:`regviz.figures.common.style_spec`) and made a ``go.Figure`` once, unvalidated, as
the Optimizer's and the Geometry page's: plotly's object model would validate each trace and
layout change again (most of a page view's figure-building time).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.core.penalties import ball_boundary
from regviz.core.stats import Proportion
from regviz.experiments.explainedai import (
    ARTICLE_BUDGET,
    ARTICLE_HALF_WIDTH,
    ARTICLE_PENALTIES,
    ARTICLE_RATES,
    ArticleRun,
    BoundarySweep,
    has_zero,
)
from regviz.experiments.highdim import HighDimResult
from regviz.experiments.montecarlo import LOG_HIST_EDGES, MonteCarloResult, reads_epsilon
from regviz.experiments.zones import INSIDE, NONZERO, ZERO, ZoneMap
from regviz.figures.common import (
    LEGEND_BELOW,
    TRUTH_COLOR,
    f32,
    merge,
    penalty_color,
    plain_figure,
    png_data_uri,
    rgba,
    rgba_bytes,
    style_spec,
)

SHORT_NAMES = {"l1": "L1 (lasso)", "l2": "L2 (ridge)", "elasticnet": "Elastic net"}
TINY_NAMES = {"l1": "L1", "l2": "L2", "elasticnet": "Elastic net"}
# Points drawn per cloud: enough to see the shape, a few kB as float32.
CLOUD_POINTS = 1_500
# Neutral marks (ball outlines, error bars, the ε line): ≥ 4:1 on the light and dark theme.
NEUTRAL = TRUTH_COLOR
INSIDE_FILL = rgba(TRUTH_COLOR, 0.55)
NO_ZERO_FILL = rgba(TRUTH_COLOR, 0.12)
ZONE_KEY = (
    "Zone maps: each point is a loss center c. Dark grey — c is inside the ball (the penalty "
    "does nothing); light — the ball binds and both coefficients stay non-zero; coloured — "
    "the ball binds and a coefficient is zero. The outline is the ball."
)


def figure_height(classroom: bool, *, wide: bool = True) -> int:
    """Height of a figure: a wide one fits under one row of controls at 1280×720 in class;
    a narrow (square) one leaves a plot ≥ 280 px wide when it fills a 390-px phone.

    Examples
    --------
    >>> figure_height(True), figure_height(False), figure_height(False, wide=False)
    (400, 460, 460)
    """
    if wide:
        return 400 if classroom else 460
    return 420 if classroom else 460


def _two_lines(name: str, detail: str) -> str:
    """A narrow figure's title: the ball's name, then its number (fits a third of a page)."""
    return f"{name}<br>{detail}"


def _style(
    traces: list[dict], layout: dict, *, classroom: bool, height: int, legend: bool = True
) -> go.Figure:
    """Style the figure written as plain data (``traces``, ``layout``), make it a figure."""
    merge(layout, {"height": height, "showlegend": legend})
    if legend:
        merge(layout, {"legend": LEGEND_BELOW})  # merged: a copy, the constant stays as it is
    spec = style_spec({"data": traces, "layout": layout}, classroom=classroom)
    # Room for the legend under the x title (style_spec sets a 10 px bottom margin).
    bottom = (110 if classroom else 80) if legend else 10
    lines = 1 + str(layout["title"].get("text") or "").count("<br>")
    # Each title line, then room for the top tick label that overhangs the plot.
    merge(
        layout,
        {
            "margin": {"b": bottom, "t": (32 if classroom else 24) * lines + 44},
            # Only the buttons a learner needs; upright at the right edge, clear of the title.
            "modebar": {"orientation": "v", "remove": ["select2d", "lasso2d", "autoScale2d"]},
        },
    )
    return plain_figure(spec)


def _error_bars(props: Sequence[Proportion], scale: float = 100.0) -> dict:
    return {
        "type": "data",
        "symmetric": False,
        "array": [round(scale * (q.high - q.fraction), 4) for q in props],
        "arrayminus": [round(scale * (q.fraction - q.low), 4) for q in props],
        "thickness": 2,
        "width": 6,
        "color": NEUTRAL,
    }


def _pct(q: Proportion, digits: int = 1) -> str:
    return f"{100 * q.fraction:.{digits}f} %" if q.total else "–"


def _interval(q: Proportion) -> str:
    return f"{100 * q.fraction:.2f} % [{100 * q.low:.2f}, {100 * q.high:.2f}]"


def _ring(penalty: str, t: float, l1_ratio: float = 0.5, n_points: int = 241) -> np.ndarray:
    """Outline of the ball meeting the axes at ±t (the elastic-net ball scaled by t)."""
    return f32(t * ball_boundary(penalty, 1.0, l1_ratio, n_points=n_points))


def _add_ring(
    traces: list[dict], penalty: str, t: float, l1_ratio: float = 0.5, *, width: float = 2
) -> None:
    """Append the ball's outline (:func:`_ring`) to ``traces``: a thin neutral line, out of
    the legend and the hover."""
    ring = _ring(penalty, t, l1_ratio)
    traces.append(
        {
            "type": "scatter",
            "x": ring[:, 0],
            "y": ring[:, 1],
            "mode": "lines",
            "line": {"color": NEUTRAL, "width": width},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )


def _square_axes(
    layout: dict, lim: float, x_title: str, y_title: str, dtick: float | None = None
) -> None:
    # Equal axes; the square sits right under the title (spare height goes below it). A
    # little room around the box keeps the end tick labels off the title.
    pad = 1.04 * lim
    ticks = {} if dtick is None else {"dtick": dtick}
    merge(
        layout,
        {
            "xaxis": {
                "range": [-pad, pad],
                "title": {"text": x_title},
                "zeroline": True,
                "constrain": "domain",
                **ticks,
            },
            "yaxis": {
                "range": [-pad, pad],
                **ticks,
                "title": {"text": y_title},
                "zeroline": True,
                "scaleanchor": "x",
                "scaleratio": 1,
                "constrain": "domain",
                "constraintoward": "top",
            },
        },
    )


def _penalty_square(
    traces: list[dict],
    penalty: str,
    detail: str,
    lim: float,
    titles: tuple[str, str],
    classroom: bool,
    dtick: float | None = None,
) -> go.Figure:
    """One ball's square panel, no legend: the ball's name over ``detail`` as its title,
    equal axes to ±``lim`` titled ``titles`` (see :func:`_square_axes`)."""
    layout = {"title": {"text": _two_lines(SHORT_NAMES[penalty], detail)}}
    _square_axes(layout, lim, *titles, dtick=dtick)
    height = figure_height(classroom, wide=False)
    return _style(traces, layout, classroom=classroom, height=height, legend=False)


# --------------------------------------------------------------------------- fractions


def make_zero_fraction_figure(result: MonteCarloResult, *, classroom: bool = False) -> go.Figure:
    """Bar chart: the share of binding trials with a zero, per penalty, with 95 % CIs.

    Two bars per penalty: an exact 0.0, and |βᵢ| < ε·t. The headline rule is exact
    for L1 and elastic net, near for L2.
    """
    pens = result.penalties
    names = [SHORT_NAMES[p] for p in pens]
    colors = [penalty_color(p) for p in pens]
    eps = result.design.epsilon
    traces = []
    for rule, label, fill in (
        ("exact_zero", "a coefficient exactly 0", colors),
        ("near_zero", f"a coefficient below ε·t (ε = {eps:g})", [rgba(c, 0.35) for c in colors]),
    ):
        props = [getattr(result.outcomes[p], rule) for p in pens]
        traces.append(
            dict(
                type="bar",
                x=names,
                y=[round(100 * q.fraction, 4) for q in props],
                error_y=_error_bars(props),
                marker={"color": fill, "line": {"color": colors, "width": 2}},
                name=label,
                text=[_pct(q) for q in props],
                textposition="outside",
                cliponaxis=False,
                hovertext=[
                    f"{_interval(q)} of {result.outcomes[p].binding:,} binding trials"
                    for p, q in zip(pens, props, strict=True)
                ],
                hoverinfo="text+x",
            )
        )
    title = f"Zero coefficients in {result.n_trials:,} random problems"
    return _percent_bars(traces, title, "% of binding trials", classroom)


# --------------------------------------------------------------------------- solutions


def make_solution_figure(
    result: MonteCarloResult,
    penalty: str,
    *,
    limit: int = CLOUD_POINTS,
    classroom: bool = False,
) -> go.Figure:
    """Where one ball's constrained solutions land; the axis points sized by their counts.

    The first ``limit`` binding trials of the kept sample are drawn; solutions exactly on an
    axis are gathered into one marker per point (its size and label: how many land there).
    """
    t, r = result.design.t, result.design.l1_ratio
    out = result.outcomes[penalty]
    beta = out.sample_solutions[~out.sample_inside][:limit]
    color = penalty_color(penalty)
    traces: list[dict] = []
    _add_ring(traces, penalty, t, r, width=1.5)
    off_axis = ~np.any(beta == 0.0, axis=1)
    traces.append(
        dict(
            # Drawn with WebGL: a change of the title alone (ε moves ridge's) restyles every
            # one of ~1,500 SVG markers; in WebGL it is one redraw (ε move in the browser:
            # 0.67-1.04 -> 0.56-0.61 CPU-s, benchmarks/bench_browser.py, same session).
            type="scattergl",
            x=f32(beta[off_axis, 0]),
            y=f32(beta[off_axis, 1]),
            mode="markers",
            marker={"color": rgba(color, 0.3), "size": 5},
            name="solutions",
            showlegend=False,
            hovertemplate="β₁ = %{x:.3f}<br>β₂ = %{y:.3f}<extra></extra>",
        )
    )
    on_axis = beta[~off_axis]
    if len(on_axis):
        points, counts = np.unique(on_axis, axis=0, return_counts=True)
        traces.append(
            dict(
                type="scatter",
                x=f32(points[:, 0]),
                y=f32(points[:, 1]),
                mode="markers+text",
                marker={
                    "color": color,
                    "size": f32(8 + 26 * np.sqrt(counts / max(len(beta), 1))),
                    "line": {"color": NEUTRAL, "width": 1},
                },
                text=[f"{c:,}" for c in counts],
                # Above the corners on the β₁ axis, right of those on the β₂ axis: clear of
                # the tick labels and of the plot's edges.
                textposition=["top center" if x != 0.0 else "middle right" for x in points[:, 0]],
                cliponaxis=False,
                name="exactly on an axis",
                showlegend=False,
                hovertemplate="%{text} solutions exactly here<extra></extra>",
            )
        )
    rule = out.near_zero if reads_epsilon(penalty) else out.exact_zero
    where = "within ε·t of 0" if reads_epsilon(penalty) else "with an exact 0"
    detail = f"{_pct(rule)} {where}" if out.binding else "the ball never binds"
    return _penalty_square(traces, penalty, detail, 1.4 * t, ("β₁", "β₂"), classroom, dtick=t)


# --------------------------------------------------------------------------- histogram


def make_smaller_coefficient_figure(
    result: MonteCarloResult,
    *,
    penalties: Sequence[str] = ("l2", "l1"),
    classroom: bool = False,
) -> go.Figure:
    """Histogram of log10(smaller |βᵢ| / t) over binding trials, exact zeros as a bar.

    L2 piles up *near* zero (a tail towards 1e-3, 1e-4 …) but has (almost) no exact
    zeros; L1 puts its mass into the "exactly 0" bar.
    """
    pens = [p for p in penalties if p in result.outcomes]
    centers = f32(0.5 * (LOG_HIST_EDGES[:-1] + LOG_HIST_EDGES[1:]))
    zero_x = float(LOG_HIST_EDGES[0]) - 0.75
    traces = []
    for p in pens:
        out = result.outcomes[p]
        total = max(out.binding, 1)
        color = penalty_color(p)
        traces.append(
            dict(
                type="bar",
                x=centers,
                y=f32(100 * out.log_hist_counts / total),
                width=float(LOG_HIST_EDGES[1] - LOG_HIST_EDGES[0]),
                marker={"color": rgba(color, 0.55), "line": {"color": color, "width": 0.5}},
                name=TINY_NAMES[p],
                legendgroup=p,
                hovertemplate="log10(|β|/t) ≈ %{x:.1f}: %{y:.2f} %<extra></extra>",
            )
        )
        traces.append(
            dict(
                type="bar",
                x=[zero_x],
                y=[round(100 * out.exact_zero.count / total, 4)],
                width=0.5,
                marker={"color": color},
                name=f"{TINY_NAMES[p]}: exactly 0",
                legendgroup=p,
                hovertemplate="exactly 0: %{y:.2f} %<extra></extra>",
            )
        )
    ticks = list(range(int(LOG_HIST_EDGES[0]), 1, 2))
    layout: dict = {
        "barmode": "overlay",
        "title": {"text": "The smaller coefficient |βᵢ|/t"},
        "xaxis": {
            "title": {"text": "smaller |βᵢ|/t (log; left bar: exactly 0)"},
            "tickvals": [zero_x, *ticks],
            "ticktext": ["0", *[f"1e{k}" if k else "1" for k in ticks]],
            "range": [zero_x - 0.5, 0.2],
        },
        "yaxis": {"title": {"text": "% of binding trials"}},
    }
    eps = result.design.epsilon
    if eps > 0:
        # The ε·t line over the plot's full height, named at its top left (what plotly's
        # add_vline with annotation_position="top left" writes).
        x = float(np.log10(eps))
        where = {"xref": "x", "yref": "y domain"}
        layout["shapes"] = [
            {
                "type": "line",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                **where,
                "line": {"color": NEUTRAL, "dash": "dash", "width": 2},
            }
        ]
        layout["annotations"] = [
            {"text": f"ε = {eps:g}", "showarrow": False, "x": x, "y": 1, **where}
            | {"xanchor": "right", "yanchor": "top"}
        ]
    return _style(traces, layout, classroom=classroom, height=figure_height(classroom))


# --------------------------------------------------------------------------- zones


def make_zone_figure(zones: ZoneMap, penalty: str, *, classroom: bool = False) -> go.Figure:
    """The plane of loss centers for one ball: inside / no zero / a zero, as one image.

    The classes are three flat colours, sent as a PNG (a few kB, one image for the browser
    to draw, where a heatmap of the same grid is ~50 kB of numbers); the image covers the
    grid cells exactly (``x0``, ``dx``); :data:`ZONE_KEY` says what the shades mean.
    """
    colors = np.zeros((3, 4), dtype=np.uint8)
    colors[INSIDE], colors[NONZERO] = rgba_bytes(INSIDE_FILL), rgba_bytes(NO_ZERO_FILL)
    colors[ZERO] = rgba_bytes(penalty_color(penalty))
    classes = np.asarray(zones.classes[penalty], dtype=np.intp)
    b1, b2 = zones.b1, zones.b2
    traces = [
        dict(
            type="image",
            # Row k of the image is drawn at y0 + k·dy: row 0, the lowest c₂, at the bottom
            # of this upward c₂ axis.
            source=png_data_uri(colors[classes]),
            x0=float(b1[0]),
            dx=float(b1[1] - b1[0]),
            y0=float(b2[0]),
            dy=float(b2[1] - b2[0]),
            hovertemplate="center c = (%{x:.2f}, %{y:.2f})<extra></extra>",
        )
    ]
    _add_ring(traces, penalty, zones.t, zones.l1_ratio)
    rule = f"|βᵢ| < {zones.epsilon:g}·t" if reads_epsilon(penalty) else "exactly 0"
    fraction = zones.fraction(penalty)
    share = (
        "the ball holds every center" if np.isnan(fraction) else f"{100 * fraction:.1f} % {rule}"
    )
    titles = ("center c₁", "center c₂")
    return _penalty_square(traces, penalty, share, float(b1[-1]), titles, classroom)


# --------------------------------------------------------------------------- explained.ai


def make_article_comparison_figure(
    boundary_run: ArticleRun, exact_run: ArticleRun, *, classroom: bool = False
) -> go.Figure:
    """L1 and L2 zero rates: the article's numbers, its method reproduced, the exact solver."""
    variant = boundary_run.variant
    groups = [
        ("published", None),
        (f"its method, N = {boundary_run.n_boundary:,}", boundary_run),
        ("exact solver", exact_run),
    ]
    traces = []
    for p in ARTICLE_PENALTIES:
        ys = [
            100 * (ARTICLE_RATES[variant][p] if run is None else run.zero[p].fraction)
            for _, run in groups
        ]
        props = [None if run is None else run.zero[p] for _, run in groups]
        traces.append(
            dict(
                type="bar",
                x=[label for label, _ in groups],
                y=[round(y, 4) for y in ys],
                name=SHORT_NAMES[p],
                marker={"color": penalty_color(p)},
                error_y={
                    **_error_bars([q for q in props if q is not None]),
                    "array": [
                        0 if q is None else round(100 * (q.high - q.fraction), 4) for q in props
                    ],
                    "arrayminus": [
                        0 if q is None else round(100 * (q.fraction - q.low), 4) for q in props
                    ],
                },
                text=[f"{y:.1f} %" for y in ys],
                textposition="outside",
                cliponaxis=False,
            )
        )
    title = f"explained.ai, “{variant}”: {exact_run.n_trials:,} trials per ball"
    return _percent_bars(traces, title, "% of trials with a zero", classroom)


def _percent_bars(traces: list[dict], title: str, y_title: str, classroom: bool) -> go.Figure:
    """Grouped bars of percentages on a 0–105 % axis (room for the labels above 100 %)."""
    layout = {
        "barmode": "group",
        "title": {"text": title},
        "yaxis": {"title": {"text": y_title}, "range": [0, 105]},
        "uniformtext": {"mode": "hide", "minsize": 10},
    }
    return _style(traces, layout, classroom=classroom, height=figure_height(classroom))


def make_boundary_sweep_figure(sweep: BoundarySweep, *, classroom: bool = False) -> go.Figure:
    """Zero rate of the boundary method against the number of boundary points, with CIs.

    Dashed lines: the exact solver on the same trials.
    """
    traces = []
    ns = sweep.n_boundary.astype(float)
    for p in ARTICLE_PENALTIES:
        color = penalty_color(p)
        props = sweep.boundary[p]
        traces.append(
            dict(
                type="scatter",
                x=ns.tolist(),
                y=[round(100 * q.fraction, 4) for q in props],
                error_y=_error_bars(props),
                mode="lines+markers",
                line={"color": color},
                name=f"{TINY_NAMES[p]}: N points",
            )
        )
        ex = sweep.exact[p]
        traces.append(
            dict(
                type="scatter",
                x=[float(ns[0]), float(ns[-1])],
                y=[round(100 * ex.fraction, 4)] * 2,
                mode="lines",
                line={"color": color, "dash": "dash"},
                name=f"{TINY_NAMES[p]}: exact",
            )
        )
    layout = {
        "title": {"text": "More boundary points: L2 “zeros” vanish"},
        "xaxis": {
            "title": {"text": "boundary points N (log scale)"},
            "type": "log",
            "tickvals": ns.tolist(),
            "ticktext": [f"{int(v):,}" for v in ns],
        },
        "yaxis": {"title": {"text": "% of trials with a zero"}, "range": [0, 105]},
    }
    return _style(traces, layout, classroom=classroom, height=figure_height(classroom))


def make_article_cloud_figure(
    run: ArticleRun, penalty: str, *, limit: int = CLOUD_POINTS, classroom: bool = False
) -> go.Figure:
    """The article's "min cloud" for one ball: loss centers coloured by a zero in the solution."""
    centers = run.sample_centers[penalty][:limit]
    zero = has_zero(run.sample_solutions[penalty][:limit])
    groups = ((~zero, "no zero", rgba(TRUTH_COLOR, 0.5)), (zero, "a zero", penalty_color(penalty)))
    traces = [
        dict(
            type="scatter",
            x=f32(centers[mask, 0]),
            y=f32(centers[mask, 1]),
            mode="markers",
            marker={"color": fill, "size": 4},
            name=name,
            hovertemplate="center (%{x:.2f}, %{y:.2f})<extra></extra>",
        )
        for mask, name, fill in groups
    ]
    _add_ring(traces, penalty, ARTICLE_BUDGET)
    title = _two_lines(SHORT_NAMES[penalty], f"{_pct(run.zero[penalty])} with a zero")
    layout = {"title": {"text": title}}
    _square_axes(layout, ARTICLE_HALF_WIDTH, "center c₁", "center c₂")
    height = figure_height(classroom, wide=False) + 40
    return _style(traces, layout, classroom=classroom, height=height)


# --------------------------------------------------------------------------- p features


def make_highdim_figure(result: HighDimResult, panel: str, *, classroom: bool = False) -> go.Figure:
    """Against the number of features p: ``panel`` "problems" (problems with a zero, with
    CIs) or "coefficients" (share of zero coefficients, ± 1 s.e.)."""
    traces = []
    ps = result.p_values.tolist()
    series = (
        ("l1", "lasso: exactly 0", result.lasso_any_zero, result.lasso_zero_share,
         result.lasso_zero_share_se),
        ("l2", f"ridge: |βⱼ| < {result.epsilon:g}·‖β‖₂", result.ridge_any_near_zero,
         result.ridge_near_share, result.ridge_near_share_se),
    )  # fmt: skip
    for p, label, props, share, se in series:
        if panel == "problems":
            y = [round(100 * q.fraction, 4) for q in props]
            errors = _error_bars(props)
        else:
            y = [round(100 * float(s), 4) for s in share]
            errors = {
                "type": "data",
                "array": [round(100 * float(e), 4) for e in np.nan_to_num(se)],
            }
        traces.append(
            dict(
                type="scatter", x=ps, y=y, error_y=errors, mode="lines+markers",
                line={"color": penalty_color(p)}, name=label,
            )
        )  # fmt: skip
    title = "Problems with a zero" if panel == "problems" else "Coefficients at zero"
    layout = {
        "title": {"text": title},
        "xaxis": {"title": {"text": "number of features p"}},
        "yaxis": {
            "title": {"text": "% of problems" if panel == "problems" else "% of coefficients"},
            "range": [0, 105],
        },
    }
    height = figure_height(classroom, wide=False)
    return _style(traces, layout, classroom=classroom, height=height)


__all__ = [
    "CLOUD_POINTS",
    "ZONE_KEY",
    "figure_height",
    "make_article_cloud_figure",
    "make_article_comparison_figure",
    "make_boundary_sweep_figure",
    "make_highdim_figure",
    "make_smaller_coefficient_figure",
    "make_solution_figure",
    "make_zero_fraction_figure",
    "make_zone_figure",
]
