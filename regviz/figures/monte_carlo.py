"""Figures of the Monte Carlo page: zero fractions, where solutions land, zones, histograms.

Every builder takes a result of :mod:`regviz.experiments.montecarlo`,
:mod:`regviz.experiments.explainedai`, :mod:`regviz.experiments.zones` or
:mod:`regviz.experiments.highdim` and returns a styled ``go.Figure``.
Penalties are told apart by colour (:func:`regviz.figures.common.penalty_color`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.core.conventions import PENALTY_NAMES
from regviz.core.penalties import ball_boundary
from regviz.core.stats import Proportion
from regviz.experiments.explainedai import (
    ARTICLE_BUDGET,
    ARTICLE_HALF_WIDTH,
    ARTICLE_RATES,
    ArticleRun,
    BoundarySweep,
    has_zero,
)
from regviz.experiments.highdim import HighDimResult
from regviz.experiments.montecarlo import LOG_HIST_EDGES, MonteCarloResult
from regviz.experiments.zones import INSIDE, ZERO, ZoneMap
from regviz.figures.common import TRUTH_COLOR, apply_style, penalty_color, rgba

FIGURE_HEIGHT = 460
NEUTRAL = "#8C8C8C"
# Legends go under the plot: above it they would collide with the title.
LEGEND_BELOW = {"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0}
SHORT_NAMES = {"l1": "L1 (lasso)", "l2": "L2 (ridge)", "elasticnet": "Elastic net"}


def _error_bars(props: Sequence[Proportion], scale: float = 100.0) -> dict:
    return {
        "type": "data",
        "symmetric": False,
        "array": [scale * (q.high - q.fraction) for q in props],
        "arrayminus": [scale * (q.fraction - q.low) for q in props],
        "thickness": 2,
        "width": 8,
    }


def _pct(q: Proportion) -> str:
    return f"{100 * q.fraction:.1f} % [{100 * q.low:.1f}, {100 * q.high:.1f}]"


def _unit_ball(penalty: str, t: float, l1_ratio: float, n_points: int = 721) -> np.ndarray:
    """Boundary of the ball meeting the axes at ±t (the elastic-net ball scaled by t)."""
    return t * ball_boundary(penalty, 1.0, l1_ratio, n_points=n_points)


def _add_ball_outline(fig: go.Figure, ring: np.ndarray, col: int, lim: float) -> None:
    """Outline a ball on a zone-map panel and give the panel square, equal axes."""
    fig.add_trace(
        go.Scatter(
            x=ring[:, 0],
            y=ring[:, 1],
            mode="lines",
            line={"color": "black", "width": 1.5},
            hoverinfo="skip",
            showlegend=False,
        ),
        row=1,
        col=col,
    )
    fig.update_xaxes(range=[-lim, lim], title_text="center c₁", row=1, col=col)
    fig.update_yaxes(
        range=[-lim, lim],
        title_text="center c₂" if col == 1 else None,
        scaleanchor=f"x{'' if col == 1 else col}",
        scaleratio=1,
        row=1,
        col=col,
    )


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
    exact = [result.outcomes[p].exact_zero for p in pens]
    near = [result.outcomes[p].near_zero for p in pens]
    fig = go.Figure()
    fig.add_bar(
        x=names,
        y=[100 * q.fraction for q in exact],
        error_y=_error_bars(exact),
        marker={"color": colors},
        name="a coefficient exactly 0",
        text=[f"{100 * q.fraction:.1f} %" for q in exact],
        textposition="outside",
        hovertext=[_pct(q) for q in exact],
        hoverinfo="text+x",
    )
    fig.add_bar(
        x=names,
        y=[100 * q.fraction for q in near],
        error_y=_error_bars(near),
        marker={"color": [rgba(c, 0.35) for c in colors], "line": {"color": colors, "width": 2}},
        name=f"a coefficient below ε·t (ε = {eps:g})",
        text=[f"{100 * q.fraction:.1f} %" for q in near],
        textposition="outside",
        hovertext=[_pct(q) for q in near],
        hoverinfo="text+x",
    )
    n_binding = ", ".join(f"{SHORT_NAMES[p]}: {result.outcomes[p].binding:,}" for p in pens)
    fig.update_layout(
        barmode="group",
        height=FIGURE_HEIGHT,
        title=f"How often is a coefficient zero? {result.n_trials:,} random problems "
        "(error bars: 95 % Wilson intervals)",
        yaxis={"title": "share of trials where the ball binds (%)", "range": [0, 105]},
        xaxis={"title": f"penalty (trials where the ball binds — {n_binding})"},
        legend=LEGEND_BELOW,
    )
    return apply_style(fig, classroom=classroom)


# --------------------------------------------------------------------------- scatter


def make_solution_scatter_figure(
    result: MonteCarloResult,
    *,
    penalties: Sequence[str] | None = None,
    max_points: int = 4_000,
    classroom: bool = False,
) -> go.Figure:
    """Where the constrained solutions land on each ball; corner counts annotated.

    Only binding trials of the kept sample are drawn (at most ``max_points`` per ball).
    """
    pens = tuple(penalties or result.penalties)
    t, r = result.design.t, result.design.l1_ratio
    fig = make_subplots(
        rows=1,
        cols=len(pens),
        subplot_titles=[SHORT_NAMES[p] for p in pens],
        horizontal_spacing=0.06,
    )
    lim = 1.45 * t
    for col, p in enumerate(pens, start=1):
        out = result.outcomes[p]
        beta = out.sample_solutions[~out.sample_inside][:max_points]
        color = penalty_color(p)
        ring = _unit_ball(p, t, r)
        fig.add_trace(
            go.Scatter(
                x=ring[:, 0],
                y=ring[:, 1],
                mode="lines",
                line={"color": NEUTRAL, "width": 1},
                hoverinfo="skip",
                showlegend=False,
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=beta[:, 0],
                y=beta[:, 1],
                mode="markers",
                marker={"color": rgba(color, 0.25), "size": 5},
                name=f"{SHORT_NAMES[p]} solutions",
                showlegend=False,
                hovertemplate="β₁ = %{x:.4f}<br>β₂ = %{y:.4f}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        zero = np.any(beta == 0.0, axis=1)
        share = zero.mean() if len(beta) else 0.0
        axis_pts = beta[zero]
        if len(axis_pts):
            corners, counts = np.unique(axis_pts, axis=0, return_counts=True)
            fig.add_trace(
                go.Scatter(
                    x=corners[:, 0],
                    y=corners[:, 1],
                    mode="markers+text",
                    marker={
                        "color": color,
                        "size": 8 + 30 * np.sqrt(counts / max(len(beta), 1)),
                        "line": {"color": "white", "width": 1},
                    },
                    text=[f"{c:,}" for c in counts],
                    textposition="middle right",
                    name=f"{SHORT_NAMES[p]}: exact zeros",
                    showlegend=False,
                    hovertemplate="exactly on an axis: %{text} solutions<extra></extra>",
                ),
                row=1,
                col=col,
            )
        fig.add_annotation(
            text=f"{100 * share:.1f} % of the {len(beta):,} shown exactly on an axis",
            x=0.0,
            y=-1.32 * t,
            showarrow=False,
            row=1,
            col=col,
        )
        fig.update_xaxes(range=[-lim, lim], title_text="β₁", row=1, col=col, zeroline=True)
        fig.update_yaxes(
            range=[-lim, lim],
            title_text="β₂" if col == 1 else None,
            scaleanchor=f"x{'' if col == 1 else col}",
            scaleratio=1,
            row=1,
            col=col,
            zeroline=True,
        )
    fig.update_layout(
        height=FIGURE_HEIGHT,
        title="Where the solutions land (marker size at an axis point ∝ how many land there)",
    )
    return apply_style(fig, classroom=classroom)


# --------------------------------------------------------------------------- histogram


def make_smaller_coefficient_figure(
    result: MonteCarloResult,
    *,
    penalties: Sequence[str] = ("l2", "l1"),
    classroom: bool = False,
) -> go.Figure:
    """Histogram of log10(smaller |βᵢ| / t) over binding trials, exact zeros as a bar.

    L2 piles up *near* zero (a tail towards 1e-3, 1e-4 …) but has (almost) no
    exact zeros; L1 puts its mass into the "exactly 0" bar.
    """
    pens = [p for p in penalties if p in result.outcomes]
    centers = 0.5 * (LOG_HIST_EDGES[:-1] + LOG_HIST_EDGES[1:])
    zero_x = LOG_HIST_EDGES[0] - 0.75
    fig = go.Figure()
    for p in pens:
        out = result.outcomes[p]
        total = max(out.binding, 1)
        color = penalty_color(p)
        fig.add_bar(
            x=centers,
            y=100 * out.log_hist_counts / total,
            width=LOG_HIST_EDGES[1] - LOG_HIST_EDGES[0],
            marker={"color": rgba(color, 0.55), "line": {"color": color, "width": 0.5}},
            name=f"{SHORT_NAMES[p]}: smaller |βᵢ|/t",
            hovertemplate="log10(|β|/t) ≈ %{x:.1f}: %{y:.2f} %<extra></extra>",
        )
        fig.add_bar(
            x=[zero_x],
            y=[100 * out.exact_zero.count / total],
            width=0.5,
            marker={"color": color},
            name=f"{SHORT_NAMES[p]}: exactly 0 ({100 * out.exact_zero.fraction:.1f} %)",
            hovertemplate="exactly 0: %{y:.2f} %<extra></extra>",
        )
    eps = result.design.epsilon
    if eps > 0:
        fig.add_vline(
            x=float(np.log10(eps)),
            line={"color": TRUTH_COLOR, "dash": "dash", "width": 2},
            annotation_text=f"ε = {eps:g}",
            annotation_position="top",
        )
    ticks = list(range(int(LOG_HIST_EDGES[0]), 1))
    fig.update_layout(
        barmode="overlay",
        height=FIGURE_HEIGHT,
        title="The smaller coefficient: L2 piles up near zero, L1 lands exactly on it",
        xaxis={
            "title": "smaller |βᵢ| / t (log scale; left bar: exactly 0)",
            "tickvals": [zero_x, *ticks],
            "ticktext": ["0", *[f"1e{k}" if k else "1" for k in ticks]],
            "range": [zero_x - 0.5, 0.2],
        },
        yaxis={"title": "share of binding trials (%)"},
        legend=LEGEND_BELOW,
    )
    return apply_style(fig, classroom=classroom)


# --------------------------------------------------------------------------- zones


def make_zone_map_figure(zones: ZoneMap, *, classroom: bool = False) -> go.Figure:
    """The plane of loss centers, coloured by inside / no zero / zero, one panel per ball."""
    pens = tuple(zones.classes)
    titles = []
    for p in pens:
        rule = f"|βᵢ| < {zones.epsilon:g}·t" if p == "l2" else "exactly 0"
        titles.append(f"{SHORT_NAMES[p]}: {100 * zones.fraction(p):.1f} % {rule}")
    fig = make_subplots(rows=1, cols=len(pens), subplot_titles=titles, horizontal_spacing=0.06)
    lim = float(zones.b1[-1])
    for col, p in enumerate(pens, start=1):
        color = penalty_color(p)
        scale = [
            [0.0, "rgba(140,140,140,0.55)"],
            [0.333, "rgba(140,140,140,0.55)"],
            [0.334, "rgba(140,140,140,0.12)"],
            [0.666, "rgba(140,140,140,0.12)"],
            [0.667, color],
            [1.0, color],
        ]
        fig.add_trace(
            go.Heatmap(
                x=zones.b1,
                y=zones.b2,
                z=zones.classes[p],
                zmin=INSIDE - 0.5,
                zmax=ZERO + 0.5,
                colorscale=scale,
                showscale=False,
                hovertemplate="center c = (%{x:.2f}, %{y:.2f})<br>zone %{z}: 0 inside, 1 no zero, "
                "2 a zero<extra></extra>",
            ),
            row=1,
            col=col,
        )
        ring = _unit_ball(p, zones.t, zones.l1_ratio)
        _add_ball_outline(fig, ring, col, lim)
    # Legend entries for the three zones (the heatmaps have none).
    for name, clr in (
        ("center inside the ball", "rgba(140,140,140,0.55)"),
        ("ball binds, no zero", "rgba(140,140,140,0.12)"),
        ("ball binds, a zero (penalty colour)", penalty_color(pens[0])),
    ):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": clr},
                name=name,
            )
        )
    kappa = np.linalg.cond(zones.hessian)
    fig.update_layout(
        height=FIGURE_HEIGHT + 40,
        title=f"Zones of loss centers for one bowl shape (condition number {kappa:.3g})",
        legend=LEGEND_BELOW,
    )
    return apply_style(fig, classroom=classroom)


# --------------------------------------------------------------------------- explained.ai


def make_article_comparison_figure(
    boundary_run: ArticleRun, exact_run: ArticleRun, *, classroom: bool = False
) -> go.Figure:
    """L1 and L2 zero rates: the article's numbers, its method reproduced, the exact solver."""
    variant = boundary_run.variant
    groups = [
        ("explained.ai (published)", None),
        (f"its method, {boundary_run.n_boundary:,} boundary points", boundary_run),
        ("exact solver", exact_run),
    ]
    fig = go.Figure()
    for p in ("l1", "l2"):
        color = penalty_color(p)
        xs, ys, props = [], [], []
        for label, run in groups:
            xs.append(label)
            if run is None:
                ys.append(100 * ARTICLE_RATES[variant][p])
                props.append(None)
            else:
                ys.append(100 * run.zero[p].fraction)
                props.append(run.zero[p])
        fig.add_bar(
            x=xs,
            y=ys,
            name=SHORT_NAMES[p],
            marker={"color": color},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [0 if q is None else 100 * (q.high - q.fraction) for q in props],
                "arrayminus": [0 if q is None else 100 * (q.fraction - q.low) for q in props],
                "thickness": 2,
            },
            text=[f"{y:.1f} %" for y in ys],
            textposition="outside",
        )
    fig.update_layout(
        barmode="group",
        height=FIGURE_HEIGHT,
        title=f"explained.ai's “{variant}” simulation, {exact_run.n_trials:,} trials per "
        "penalty (95 % Wilson intervals)",
        yaxis={"title": "trials with a zero coefficient (%)", "range": [0, 105]},
        xaxis={"title": "how the constrained optimum was found"},
        legend=LEGEND_BELOW,
    )
    return apply_style(fig, classroom=classroom)


def make_boundary_sweep_figure(sweep: BoundarySweep, *, classroom: bool = False) -> go.Figure:
    """Zero rate of the boundary method against the number of boundary points, with CIs.

    Dashed lines: the exact solver on the same trials.
    """
    fig = go.Figure()
    ns = sweep.n_boundary.astype(float)
    for p in ("l1", "l2"):
        color = penalty_color(p)
        props = sweep.boundary[p]
        fig.add_scatter(
            x=ns,
            y=[100 * q.fraction for q in props],
            error_y=_error_bars(props),
            mode="lines+markers",
            line={"color": color},
            name=f"{SHORT_NAMES[p]}: N boundary points",
        )
        ex = sweep.exact[p]
        fig.add_scatter(
            x=[ns[0], ns[-1]],
            y=[100 * ex.fraction] * 2,
            mode="lines",
            line={"color": color, "dash": "dash"},
            name=f"{SHORT_NAMES[p]}: exact ({100 * ex.fraction:.1f} %)",
        )
    fig.update_layout(
        height=FIGURE_HEIGHT,
        title="More boundary points: the L2 “zeros” vanish, the L1 zeros stay",
        xaxis={
            "title": "number of boundary points N (log scale)",
            "type": "log",
            "tickvals": ns.tolist(),
            "ticktext": [f"{int(v):,}" for v in ns],
        },
        yaxis={"title": "trials with a zero coefficient (%)", "range": [0, 105]},
        legend=LEGEND_BELOW,
    )
    return apply_style(fig, classroom=classroom)


def make_article_cloud_figure(run: ArticleRun, *, classroom: bool = False) -> go.Figure:
    """The article's "min cloud": loss centers coloured by whether the solution has a zero."""
    how = f"{run.n_boundary:,} boundary points" if run.method == "boundary" else "exact solver"
    titles = [f"{SHORT_NAMES[p]}: {100 * run.zero[p].fraction:.1f} % zeros" for p in ("l1", "l2")]
    fig = make_subplots(rows=1, cols=2, subplot_titles=titles, horizontal_spacing=0.06)
    lim = ARTICLE_HALF_WIDTH
    for col, p in enumerate(("l1", "l2"), start=1):
        centers, beta = run.sample_centers[p], run.sample_solutions[p]
        zero = has_zero(beta)
        color = penalty_color(p)
        for mask, name, clr, size in (
            (~zero, "no zero", "rgba(140,140,140,0.35)", 4),
            (zero, "a zero", color, 5),
        ):
            fig.add_trace(
                go.Scattergl(
                    x=centers[mask, 0],
                    y=centers[mask, 1],
                    mode="markers",
                    marker={"color": clr, "size": size},
                    name=f"{SHORT_NAMES[p]}: {name}",
                    hovertemplate="center (%{x:.2f}, %{y:.2f})<extra></extra>",
                ),
                row=1,
                col=col,
            )
        ring = ball_boundary(p, ARTICLE_BUDGET, n_points=361)
        _add_ball_outline(fig, ring, col, lim)
    fig.update_layout(
        height=FIGURE_HEIGHT + 40,
        title=f"Loss centers coloured by a zero in the solution ({how}, “{run.variant}” design)",
        legend=LEGEND_BELOW,
    )
    return apply_style(fig, classroom=classroom)


# --------------------------------------------------------------------------- p features


def make_highdim_figure(result: HighDimResult, *, classroom: bool = False) -> go.Figure:
    """Per number of features p: problems with a zero (CIs) and the share of zero coefficients."""
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=[
            "problems with at least one zero coefficient",
            "share of coefficients that are zero (± 1 s.e.)",
        ],
        horizontal_spacing=0.1,
    )
    ps = result.p_values
    series = (
        (
            "l1",
            "lasso: exactly 0",
            result.lasso_any_zero,
            result.lasso_zero_share,
            result.lasso_zero_share_se,
        ),
        (
            "l2",
            f"ridge: |βⱼ| < {result.epsilon:g}·‖β‖₂",
            result.ridge_any_near_zero,
            result.ridge_near_share,
            result.ridge_near_share_se,
        ),
    )
    for p, label, props, share, se in series:
        color = penalty_color(p)
        fig.add_trace(
            go.Scatter(
                x=ps,
                y=[100 * q.fraction for q in props],
                error_y=_error_bars(props),
                mode="lines+markers",
                line={"color": color},
                name=label,
            ),
            row=1,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=ps,
                y=100 * share,
                error_y={"type": "data", "array": 100 * np.nan_to_num(se)},
                mode="lines+markers",
                line={"color": color},
                name=label,
                showlegend=False,
            ),
            row=1,
            col=2,
        )
    for col in (1, 2):
        fig.update_xaxes(title_text="number of features p", row=1, col=col)
        fig.update_yaxes(range=[0, 105], row=1, col=col)
    fig.update_yaxes(title_text="% of problems", row=1, col=1)
    fig.update_yaxes(title_text="% of coefficients", row=1, col=2)
    fig.update_layout(
        height=FIGURE_HEIGHT,
        title=f"p features, {result.n_problems} random problems per p: lasso vs ridge at the "
        "same ‖β‖₂",
        legend=LEGEND_BELOW,
    )
    return apply_style(fig, classroom=classroom)


__all__ = [
    "PENALTY_NAMES",
    "make_article_cloud_figure",
    "make_article_comparison_figure",
    "make_boundary_sweep_figure",
    "make_highdim_figure",
    "make_smaller_coefficient_figure",
    "make_solution_scatter_figure",
    "make_zero_fraction_figure",
    "make_zone_map_figure",
]
