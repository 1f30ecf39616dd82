"""Figures of the Bayesian page: prior × likelihood → posterior, MAP and posterior mean.

One figure per prior (Laplace → lasso, Gaussian → ridge); the page puts them in
columns, so on a phone they stack. With one coefficient a figure shows densities over
β; with two, exact contour lines over (β₁, β₂) (:func:`regviz.experiments.bayes.
density_contours`: no grid is sent). The prior is drawn in neutral grey (dotted), the
likelihood in the least-squares colour (dashed: it peaks at the least-squares estimate)
and the posterior in the colour of the matching penalty. The MAP (◆) and the posterior
mean (○) are printed next to their markers. Text takes the theme's colour (the page
frame sets it); colours are for lines and markers only, each ≥ 3:1 against the plot
background in both themes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.experiments.bayes import (
    DENSITIES,
    BayesView,
    density_contours,
    marker_labels,
    panel_title,
)
from regviz.figures.common import (
    DARK_BACKGROUND,
    LIGHT_BACKGROUND,
    PENALTY_COLORS,
    TRUTH_COLOR,
    apply_style,
    penalty_color,
)

# Heights: one main-controls row above the figures leaves this much on a 1280×720
# projector (classroom) and a 1440×900 screen; two coefficients need a square plot.
HEIGHTS = {(1, False): 440, (1, True): 410, (2, False): 500, (2, True): 450}

LIKELIHOOD_COLOR = PENALTY_COLORS["ols"]  # the likelihood peaks at the least-squares point
STYLE = {  # density -> (colour or None for the penalty's, dash, legend name)
    "prior": (TRUTH_COLOR, "dot", "prior"),
    "likelihood": (LIKELIHOOD_COLOR, "dash", "likelihood"),
    "posterior": (None, "solid", "posterior"),
}

# Plotly's toolbar (modebar) covers the top ~34 px of a figure (measured in Chromium, 1.67's
# classroom CSS): the title starts below it, so a long title never runs under the icons.
TOOLBAR_PX = {False: 34, True: 44}

# The band above the densities (1-D) where the MAP and mean markers sit, as multiples of
# the highest density: the curves end at 1, the labels never meet them.
TOP_ROW, LOW_ROW, Y_TOP = 1.3, 1.12, 1.45


def line_colors(view: BayesView) -> dict[str, str]:
    """The colour of each density's lines (the posterior's is the penalty's)."""
    return {name: color or penalty_color(view.penalty) for name, (color, _, _) in STYLE.items()}


def _label_side(x: float, away_from: float | None, lo: float, hi: float) -> int:
    """+1 to print a label right of x, −1 left: away from the other marker, unless
    that runs off the plot's edge (then inwards)."""
    frac = (x - lo) / (hi - lo)
    if away_from is None or away_from == x:
        side = 1 if frac <= 0.5 else -1
    else:
        side = 1 if x > away_from else -1
    if side > 0 and frac > 0.6:
        return -1
    if side < 0 and frac < 0.4:
        return 1
    return side


def _label(x: float, y: float, text: str, side: int) -> dict:
    return {
        "x": x,
        "y": y,
        "text": text,
        "showarrow": False,
        "xanchor": "left" if side > 0 else "right",
        "xshift": 12 * side,
        "yanchor": "middle",
    }


def _marker(symbol: str, size: object, color: str, halo: str) -> dict:
    edge = color if "open" in symbol else halo  # a filled marker gets a halo
    return {"symbol": symbol, "size": size, "color": color, "line": {"width": 2, "color": edge}}


def _one_coefficient(view: BayesView, dark: bool) -> tuple[list[dict], dict]:
    """Densities over β, the MAP and mean lines, their labels in the band above."""
    beta = view.axes[0].astype(np.float32)
    colors = line_colors(view)
    densities = {
        "prior": view.prior_density,
        "likelihood": view.likelihood_density,
        "posterior": view.posterior_density,
    }
    traces = []
    for name in DENSITIES:
        _, dash, legend = STYLE[name]
        traces.append(
            {
                "type": "scatter",
                "x": beta,
                "y": densities[name].astype(np.float32),
                "mode": "lines",
                "name": legend,
                "line": {"color": colors[name], "dash": dash},
                "hovertemplate": "β = %{x:.3f}<br>density %{y:.3g}<extra>" + legend + "</extra>",
            }
        )
    peak = float(max(d.max() for d in densities.values()))
    lo, hi = float(view.axes[0][0]), float(view.axes[0][-1])
    color, halo = colors["posterior"], DARK_BACKGROUND if dark else LIGHT_BACKGROUND
    labels = marker_labels(view)
    beta_map, mean = float(view.map[0]), float(view.summary.mean[0])
    marks = [(beta_map, labels[0], "diamond", "solid", mean if len(labels) > 1 else None)]
    if len(labels) > 1:
        marks.append((mean, labels[1], "circle-open", "dashdot", beta_map))
    sides = [_label_side(x, other, lo, hi) for x, _, _, _, other in marks]
    rows = [TOP_ROW, LOW_ROW]
    if len(marks) > 1 and sides[1] == (1 if beta_map > mean else -1):
        rows = [LOW_ROW, TOP_ROW]  # the mean's label points at the MAP's line: on top
    notes = []
    for (x, text, symbol, dash, _), side, row in zip(marks, sides, rows, strict=False):
        traces.append(
            {
                "type": "scatter",
                "x": [x, x],
                "y": [0.0, row * peak],
                "mode": "lines+markers",
                "showlegend": False,
                "line": {"color": color, "dash": dash, "width": 2},
                "marker": _marker(symbol, [0, 10], color, halo),
                "hovertemplate": f"{text}<extra></extra>",
            }
        )
        notes.append(_label(x, row * peak, text, side))
    layout = {
        "annotations": notes,
        "xaxis": {"title": {"text": "coefficient β"}, "range": [lo, hi]},
        "yaxis": {"title": {"text": "density"}, "range": [0.0, Y_TOP * peak]},
    }
    return traces, layout


def _emptiest_corner(points: np.ndarray, lim: Sequence[float]) -> tuple[int, int]:
    """(x side, y side), each ±1: the corner of the square view whose label box (60 % of
    the width, 22 % of the height) holds the fewest drawn points; top left on a tie."""
    lo, hi = lim
    span = hi - lo
    best, corner = None, (-1, 1)
    for y_side in (1, -1):
        for x_side in (-1, 1):
            if x_side < 0:
                in_x = points[:, 0] <= lo + 0.6 * span
            else:
                in_x = points[:, 0] >= hi - 0.6 * span
            if y_side > 0:
                in_y = points[:, 1] >= hi - 0.22 * span
            else:
                in_y = points[:, 1] <= lo + 0.22 * span
            count = int(np.count_nonzero(in_x & in_y))
            if best is None or count < best:
                best, corner = count, (x_side, y_side)
    return corner


def _two_coefficients(view: BayesView, dark: bool) -> tuple[list[dict], dict]:
    """Exact contour lines, the least-squares ✕, the MAP and mean markers; their numbers
    in one block in the emptiest corner (next to markers among the contours they would
    cross the lines)."""
    colors = line_colors(view)
    traces, drawn = [], []
    for name in DENSITIES:
        _, dash, legend = STYLE[name]
        lines = density_contours(view, name)
        drawn.append(lines[np.isfinite(lines).all(axis=1)])
        traces.append(
            {
                "type": "scatter",
                "x": lines[:, 0].astype(np.float32),
                "y": lines[:, 1].astype(np.float32),
                "mode": "lines",
                "name": legend,
                "line": {"color": colors[name], "dash": dash},
                "hoverinfo": "skip",
            }
        )
    traces.append(
        {
            "type": "scatter",
            "x": [float(view.center[0])],
            "y": [float(view.center[1])],
            "mode": "markers",
            "name": "least squares",
            "showlegend": False,  # the likelihood's centre; the intro names the ✕
            "marker": {"symbol": "x", "size": 9, "color": LIKELIHOOD_COLOR},
            "hovertemplate": "least squares β̂ = (%{x:.3g}, %{y:.3g})<extra></extra>",
        }
    )
    lim = [float(view.axes[0][0]), float(view.axes[0][-1])]
    labels = marker_labels(view)
    color, halo = colors["posterior"], DARK_BACKGROUND if dark else LIGHT_BACKGROUND
    points = [(view.map, "◆ " + labels[0], "diamond", 10)]
    if len(labels) > 1:
        points.append((view.summary.mean, "○ " + labels[1], "circle-open", 9))
    for beta, text, symbol, size in points:
        traces.append(
            {
                "type": "scatter",
                "x": [float(beta[0])],
                "y": [float(beta[1])],
                "mode": "markers",
                "showlegend": False,
                "marker": _marker(symbol, size, color, halo),
                "hovertemplate": f"{text}<extra></extra>",
            }
        )
        drawn.append(np.asarray(beta, float)[None, :])
    drawn.append(view.center[None, :])
    x_side, y_side = _emptiest_corner(np.vstack(drawn), lim)
    block = {
        "x": 0.01 if x_side < 0 else 0.99,
        "y": 0.99 if y_side > 0 else 0.01,
        "xref": "x domain",
        "yref": "y domain",
        "text": "<br>".join(text for _, text, _, _ in points),
        "showarrow": False,
        "align": "left" if x_side < 0 else "right",
        "xanchor": "left" if x_side < 0 else "right",
        "yanchor": "top" if y_side > 0 else "bottom",
    }
    layout = {
        "annotations": [block],
        "xaxis": {"title": {"text": "β₁"}, "range": lim, "zeroline": True, "constrain": "domain"},
        "yaxis": {
            "title": {"text": "β₂"},
            "range": lim,
            "zeroline": True,
            "scaleanchor": "x",
            "scaleratio": 1,
        },
    }
    return traces, layout


def make_bayes_panel(
    view: BayesView, *, classroom: bool = False, dark: bool = False, height: int | None = None
) -> go.Figure:
    """Prior, likelihood and posterior for one prior, with the MAP and mean printed.

    Parameters
    ----------
    view : BayesView
        One coefficient (densities over β) or two (contour lines over (β₁, β₂)).
    classroom : bool, default False
        Projector styling.
    dark : bool, default False
        Streamlit's dark theme (the markers' halo takes its background).
    height : int, optional
        Figure height in px (default from :data:`HEIGHTS`).

    Returns
    -------
    go.Figure
        Title: the prior, its penalty and λ (:func:`~regviz.experiments.bayes.panel_title`);
        the legend under the plot; fixed axis ranges, so the view stays put while a slider
        moves.
    """
    draw = _one_coefficient if view.n_coef == 1 else _two_coefficients
    traces, layout = draw(view, dark)
    layout |= {
        # The title sits under the band where plotly's toolbar appears.
        "title": {
            "text": panel_title(view),
            "x": 0.02,
            "xanchor": "left",
            "yref": "container",
            "y": 1.0,
            "yanchor": "top",
            "pad": {"t": TOOLBAR_PX[classroom]},
        },
        "height": height or HEIGHTS[(view.n_coef, classroom)],
        "hovermode": "closest",
        "legend": {
            "orientation": "h",
            "yref": "container",
            "y": 0.0,
            "yanchor": "bottom",
            "x": 0.0,
            "xanchor": "left",
        },
    }
    fig = apply_style(go.Figure(data=traces, layout=layout), classroom=classroom)
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 86 if classroom else 62, "b": 105 if classroom else 75}
    )
    return fig


def make_bayes_figure(
    views: Sequence[BayesView], *, classroom: bool = False, dark: bool = False
) -> go.Figure:
    """Every view side by side in one figure (for notebooks and benchmarks; the page
    draws :func:`make_bayes_panel` once per column so that a phone stacks them)."""
    if not views:
        raise ValueError("Give at least one Bayesian view to draw.")
    panels = [make_bayes_panel(v, classroom=classroom, dark=dark) for v in views]
    fig = make_subplots(
        rows=1, cols=len(panels), subplot_titles=[p.layout.title.text for p in panels]
    )
    for col, panel in enumerate(panels, start=1):
        for trace in panel.data:
            trace.showlegend = col == 1 and trace.showlegend is not False
            fig.add_trace(trace, row=1, col=col)
        suffix = "" if col == 1 else str(col)
        for note in panel.layout.annotations:
            domain = " domain" if (note.xref or "").endswith("domain") else ""
            fig.add_annotation(note, xref=f"x{suffix}{domain}", yref=f"y{suffix}{domain}")
        fig.update_xaxes(panel.layout.xaxis, row=1, col=col)
        yaxis = panel.layout.yaxis.to_plotly_json()
        if "scaleanchor" in yaxis:
            yaxis["scaleanchor"] = f"x{suffix}"
        fig.update_yaxes(yaxis, row=1, col=col)
    fig.update_layout(height=panels[0].layout.height, legend=panels[0].layout.legend)
    return apply_style(fig, classroom=classroom)
