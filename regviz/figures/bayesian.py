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

A panel is written as plain data (``{"data": [...], "layout": {...}}``), styled as data
(:func:`regviz.figures.common.style_spec`) and made a ``go.Figure`` once, unvalidated:
plotly's object model would validate each trace and layout change again, most of the
server's time when a slider moves. :func:`make_bayes_figure` (notebooks, not the page)
assembles subplots from panels on plotly's objects.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.experiments.bayes import (
    DENSITIES,
    BayesView,
    PriorSweep,
    density_contours,
    marker_labels,
    panel_title,
    sd_lambda_text,
)
from regviz.figures import common as style
from regviz.figures.common import (
    apply_style,
    f32,
    merge,
    penalty_color,
    plain_figure,
    steady_ticks,
    style_spec,
)

# Heights: one main-controls row above the figures leaves this much on a 1280×720
# projector (classroom) and a 1440×900 screen; two coefficients need a square plot.
HEIGHTS = {(1, False): 440, (1, True): 400, (2, False): 500, (2, True): 450}

LIKELIHOOD_COLOR = style.PENALTY_COLORS["ols"]  # the likelihood peaks at the least-squares point
STYLE = {  # density -> (colour or None for the penalty's, dash, legend name)
    "prior": (style.TRUTH_COLOR, "dot", "prior"),
    "likelihood": (LIKELIHOOD_COLOR, "dash", "likelihood"),
    "posterior": (None, "solid", "posterior"),
}

# Plotly's toolbar (modebar) covers the top ~34 px of a figure (measured in Chromium, 1.67's
# classroom CSS): the title starts below it, so a long title never runs under the icons.
TOOLBAR_PX = {False: 34, True: 44}

# The band above the densities (1-D) where the MAP and mean markers sit, as multiples of
# the highest density: the curves end at 1, the labels never meet them.
TOP_ROW, LOW_ROW, Y_TOP = 1.3, 1.12, 1.45
# With ▶ Play a row above them holds the prior sd and its λ (hanging from PLAY_TEXT_ROW).
PLAY_Y_TOP, PLAY_TEXT_ROW = 1.7, 1.68
# ▶ Play's row between the title and the plot is the font size plus this many px.
PLAY_ROW_PAD = 28
# ▶ Play's fixed left margin (1-D): PLAY_LEFT[0]·font + PLAY_LEFT[1] px holds the axis
# title and four-character density ticks ("0.15"); the automatic margin measured 70 px at
# 14 px type and 94 px at 22.
PLAY_LEFT = (3.0, 26)


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


def _halo(dark: bool) -> str:
    """The page's background colour: the halo that sets a filled marker off the lines."""
    return style.DARK_BACKGROUND if dark else style.LIGHT_BACKGROUND


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
    color, halo = colors["posterior"], _halo(dark)
    marks = _marks(view.map[0], view.summary.mean[0], marker_labels(view), lo, hi)
    notes = []
    for x, text, symbol, dash, side, row in marks:
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
        "xaxis": {"title": {"text": "coefficient β"}, "range": [lo, hi], **steady_ticks(lo, hi)},
        "yaxis": {"title": {"text": "density"}, "range": [0.0, Y_TOP * peak]},
    }
    return traces, layout


def _marks(
    beta_map: float, mean: float, labels: Sequence[str], lo: float, hi: float
) -> list[tuple[float, str, str, str, int, float]]:
    """(x, text, symbol, dash, side, row) of the MAP's mark and, with two labels, the
    mean's: each label on the side away from the other line (inwards at an edge), and the
    one that points at the other line on the top row."""
    beta_map, mean = float(beta_map), float(mean)
    marks = [(beta_map, labels[0], "diamond", "solid", mean if len(labels) > 1 else None)]
    if len(labels) > 1:
        marks.append((mean, labels[1], "circle-open", "dashdot", beta_map))
    sides = [_label_side(x, other, lo, hi) for x, _, _, _, other in marks]
    rows = [TOP_ROW, LOW_ROW]
    if len(marks) > 1 and sides[1] == (1 if beta_map > mean else -1):
        rows = [LOW_ROW, TOP_ROW]  # the mean's label points at the MAP's line: on top
    return [
        (x, text, symbol, dash, side, row)
        for (x, text, symbol, dash, _), side, row in zip(marks, sides, rows, strict=False)
    ]


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
    color, halo = colors["posterior"], _halo(dark)
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
        "xaxis": {
            "title": {"text": "β₁"},
            "range": lim,
            "zeroline": True,
            "constrain": "domain",
            **steady_ticks(*lim),
        },
        "yaxis": {
            "title": {"text": "β₂"},
            "range": lim,
            **steady_ticks(*lim),
            "zeroline": True,
            "scaleanchor": "x",
            "scaleratio": 1,
        },
    }
    return traces, layout


def _no_hover_text(x: float, y: float, text: str, position: str, **extra: object) -> dict:
    """A text trace: one string at one point, drawn in the theme's text colour."""
    return {
        "type": "scatter",
        "mode": "text",
        "x": [x],
        "y": [y],
        "text": [text],
        "textposition": position,
        "showlegend": False,
        "hoverinfo": "skip",
        "cliponaxis": False,
        **extra,
    }


def _play_marks(marks: list, peak: float, halo: str, color: str) -> tuple[list[dict], list[dict]]:
    """The MAP and mean marks of a 1-D play figure: whole traces and their frame updates.

    A mark is a vertical line from the axis to its row (a multiple of the frame's highest
    density ``peak``), the marker on top and its label beside the marker (trace text: a
    frame cannot move an annotation).
    """
    traces, updates = [], []
    for x, text, symbol, dash, side, row in marks:
        position = "middle right" if side > 0 else "middle left"
        update = {
            "x": [x, x],
            "y": [0.0, row * peak],
            "text": ["", text],
            "textposition": ["middle center", position],
        }
        updates.append(update)
        traces.append(
            update
            | {
                "type": "scatter",
                "mode": "lines+markers+text",
                "showlegend": False,
                "cliponaxis": False,
                "line": {"color": color, "dash": dash, "width": 2},
                "marker": _marker(symbol, [0, 10], color, halo),
                "hoverinfo": "skip",
            }
        )
    return traces, updates


def _one_coefficient_play(
    view: BayesView, sweep: PriorSweep, dark: bool
) -> tuple[list[dict], dict, list[dict]]:
    """The 1-D figure with a frame per prior sd: prior, posterior, marks and texts move;
    each frame sets its own density axis (a tight prior's spike is tens of times taller
    than a wide one's: one shared axis would flatten the wide frames to a few pixels)."""
    traces, layout = _one_coefficient(view, dark)
    lo, hi = -sweep.half_width, sweep.half_width
    color, halo = line_colors(view)["posterior"], _halo(dark)
    text_x = lo + 0.01 * (hi - lo)

    def moving(
        peak: float, beta_map: float, mean: float, labels: Sequence[str], text: str
    ) -> tuple[list[dict], list[dict], dict]:
        """The marks' traces, their frame updates and the sd ↔ λ text, for one state."""
        marks = _marks(beta_map, mean, labels, lo, hi)
        traces, updates = _play_marks(marks, peak, halo, color)
        said = _no_hover_text(text_x, PLAY_TEXT_ROW * peak, text, "bottom right")
        return traces, updates, said

    peak = max(float(np.max(t["y"])) for t in traces[:3])
    text = sd_lambda_text(view.prior_sd, view.lam)
    mark_traces, _, said = moving(
        peak, view.map[0], view.summary.mean[0], marker_labels(view), text
    )
    traces = traces[:3] + mark_traces + [said]
    layout = {
        "xaxis": layout["xaxis"] | {"range": [lo, hi], **steady_ticks(lo, hi)},
        "yaxis": layout["yaxis"] | {"range": [0.0, PLAY_Y_TOP * peak]},
    }
    frames = []
    for k in range(sweep.n_frames):
        prior_line, posterior_line = sweep.prior_lines[k], sweep.posterior_lines[k]
        peak = float(sweep.peaks[k])
        _, updates, said = moving(
            peak, sweep.maps[k, 0], sweep.means[k, 0], sweep.labels[k], sweep.texts[k]
        )
        data = [
            {"x": f32(prior_line[:, 0]), "y": f32(prior_line[:, 1])},
            {"x": f32(posterior_line[:, 0]), "y": f32(posterior_line[:, 1])},
            *updates,
            {"y": said["y"], "text": said["text"]},
        ]
        frames.append(
            {
                "name": str(k),
                "traces": [0, 2, *range(3, len(traces))],
                "data": data,
                "layout": {"yaxis": {"range": [0.0, PLAY_Y_TOP * peak]}},
            }
        )
    return traces, layout, frames


def _block_text(text: str, labels: Sequence[str]) -> str:
    """The 2-D corner block: the sd and λ, then the MAP (◆) and the mean (○)."""
    marks = ("◆ ", "○ ")[: len(labels)]
    return "<br>".join([text, *(mark + label for mark, label in zip(marks, labels, strict=True))])


def _two_coefficients_play(
    view: BayesView, sweep: PriorSweep, dark: bool
) -> tuple[list[dict], dict, list[dict]]:
    """The 2-D figure with a frame per prior sd: prior and posterior contours, the MAP
    and mean markers and the corner block move; the likelihood and ✕ stay."""
    traces, layout = _two_coefficients(view, dark)
    lim = [-sweep.half_width, sweep.half_width]
    for axis in ("xaxis", "yaxis"):
        layout[axis].update(range=lim, **steady_ticks(*lim))
    n_marks = len(marker_labels(view))
    drawn = [traces[i] for i in (0, 1, 2)]
    points = [np.column_stack([t["x"], t["y"]]) for t in drawn]
    points += [line for lines in (sweep.prior_lines, sweep.posterior_lines) for line in lines]
    points += [sweep.maps, sweep.means, view.map[None, :], view.summary.mean[None, :]]
    points = np.vstack(points).astype(float)
    x_side, y_side = _emptiest_corner(points[np.isfinite(points).all(axis=1)], lim)
    position = ("top" if y_side < 0 else "bottom") + (" right" if x_side < 0 else " left")
    text = _block_text(sd_lambda_text(view.prior_sd, view.lam), marker_labels(view))
    pad = 0.01 * (lim[1] - lim[0])
    corner = (lim[0] + pad if x_side < 0 else lim[1] - pad, lim[1] if y_side > 0 else lim[0])
    traces = traces[: 4 + n_marks] + [_no_hover_text(*corner, text, position)]
    del layout["annotations"]  # the corner block is the text trace (a frame can move it)
    moving = [0, 2, *range(4, 4 + n_marks), 4 + n_marks]
    frames = []
    for k in range(sweep.n_frames):
        marks = [sweep.maps[k], sweep.means[k]][:n_marks]
        frames.append(
            {
                "name": str(k),
                "traces": moving,
                "data": [
                    {"x": f32(sweep.prior_lines[k][:, 0]), "y": f32(sweep.prior_lines[k][:, 1])},
                    {
                        "x": f32(sweep.posterior_lines[k][:, 0]),
                        "y": f32(sweep.posterior_lines[k][:, 1]),
                    },
                    *({"x": [float(b[0])], "y": [float(b[1])]} for b in marks),
                    {"text": [_block_text(sweep.texts[k], sweep.labels[k])]},
                ],
            }
        )
    return traces, layout, frames


def make_bayes_panel(
    view: BayesView,
    *,
    classroom: bool = False,
    dark: bool = False,
    height: int | None = None,
    sweep: PriorSweep | None = None,
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
        Figure height in px (default from :data:`HEIGHTS`; ▶ Play's row is added).
    sweep : PriorSweep, optional
        The same prior and settings at the sds of ▶ Play
        (:func:`~regviz.experiments.bayes.prior_sweep`, drawn on a window at least as wide
        as the view's). The figure gets one frame per sd, played in the browser by ▶ Play,
        ▶ Slow and ❚❚ between the title and the plot: the prior and posterior
        (and the MAP, the mean and their numbers) move; the prior sd and its λ are written
        in the plot, and the title, which no frame changes, leaves λ out. With one
        coefficient each frame sets its own density axis.

    Returns
    -------
    go.Figure
        Title: the prior, its penalty and λ (:func:`~regviz.experiments.bayes.panel_title`);
        the legend under the plot; fixed axis ranges, so the view stays put while a slider
        moves. With a sweep, ``frames`` named ``"0"``, ``"1"``, … in the sweep's order.

    Examples
    --------
    >>> from regviz.experiments.bayes import DEFAULTS, page_sweeps, page_views
    >>> settings = {k: v for k, v in DEFAULTS.items() if k != "prior_sd"}
    >>> laplace = page_sweeps(**settings)[0]
    >>> view = page_views(**DEFAULTS, half_width=laplace.half_width)[0]
    >>> fig = make_bayes_panel(view, sweep=laplace)
    >>> len(fig.frames), fig.layout.title.text, fig.data[-1].text
    (12, 'Laplace prior → lasso', ('prior sd 0.5 ↔ λ = 1.13',))
    >>> fig.frames[0].data[-1].text, fig.frames[-1].data[-1].text
    (('prior sd 3 ↔ λ = 0.189',), ('prior sd 0.05 ↔ λ = 11.3',))
    """
    if sweep is not None and (sweep.prior != view.prior or sweep.n_coef != view.n_coef):
        raise ValueError("The sweep must be of the view's prior and number of coefficients.")
    frames: list[dict] = []
    if sweep is None:
        draw = _one_coefficient if view.n_coef == 1 else _two_coefficients
        traces, layout = draw(view, dark)
    else:
        draw_play = _one_coefficient_play if view.n_coef == 1 else _two_coefficients_play
        traces, layout, frames = draw_play(view, sweep, dark)
    layout |= {
        # The title sits under the band where plotly's toolbar appears.
        "title": {
            "text": panel_title(view, with_lambda=sweep is None),
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
    spec = style_spec({"data": traces, "layout": layout}, classroom=classroom)
    margin = {"l": 10, "r": 10, "t": 86 if classroom else 62, "b": 105 if classroom else 75}
    merge(layout, {"margin": margin})
    if sweep is not None:
        _add_play_row(spec, frames, classroom, steady_left=view.n_coef == 1)
    return plain_figure(spec)


def _add_play_row(spec: dict, frames: list[dict], classroom: bool, steady_left: bool) -> None:
    """Give the styled figure ``spec`` (plain data) its frames and a row of ▶ Play, ▶ Slow
    and ❚❚ between the title and the plot (the figure grows by the row; the plot keeps its
    size).

    Buttons only: a half-width column has no room for a step slider beside them (it would
    run into them on a narrow laptop), a row of its own would cost a projector's height,
    and the page's own slider picks any prior sd. Frames are played with ``redraw``: a
    frame that changes the density axis (1-D) and is not redrawn left plotly.js drawing
    the MAP and mean lines where an earlier frame had put them (seen in Chromium); a
    redraw of these few hundred points is cheap. ``steady_left`` fixes the left margin
    (the density tick labels change width from frame to frame, and with an automatic
    margin the β axis would shift sideways as Play runs).
    """
    font = style.CLASSROOM_FONT_SIZE if classroom else style.FONT_SIZE
    row = font + PLAY_ROW_PAD  # the buttons (measured 33 px tall at 14 px, 35 at 22) and a gap
    layout = spec["layout"]
    margin, height = layout["margin"], layout["height"]
    plot_px = height - margin["t"] - margin["b"]
    names = [frame["name"] for frame in frames]
    controls = style.play_controls(
        names, names, classroom=classroom, speeds=style.PLAY_AND_SLOW, redraw=True
    )
    menu = controls["updatemenus"][0]
    # The row's top edge: `row` px above the plot, just under the title.
    menu.update(y=1.0 + row / plot_px, yanchor="top", pad={"t": 0, "b": 0, "l": 0, "r": 0})
    merge(
        layout, {"updatemenus": [menu], "height": height + row, "margin": {"t": margin["t"] + row}}
    )
    if steady_left:
        left = round(PLAY_LEFT[0] * font + PLAY_LEFT[1])
        merge(layout, {"margin": {"l": left}, "yaxis": {"automargin": False}})  # its one y axis
    spec["frames"] = frames  # plain data: validating them would cost more than a move


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
