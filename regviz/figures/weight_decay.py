"""Figures of L2 vs weight decay under SGD and Adam: what each optimizer keeps of every weight.

Pure functions: a :class:`regviz.experiments.weightdecay.WeightDecayResult` in, a
``plotly.graph_objects.Figure`` out. Each figure is written as plain data (traces and layout
as dictionaries), styled as data (:func:`regviz.figures.common.style_spec`) and made a
``go.Figure`` once, unvalidated: plotly's object model would validate each trace and layout
change again, most of the server's time when a slider moves.

Two figures, drawn side by side on a wide screen (stacked on a phone or a projector):

- :func:`make_kept_figure`: grouped bars, per feature (ordered by scale), of the fraction
  of the least-squares weight each optimizer kept, with the exact ridge solution as a grey
  tick; the legend (one entry per optimizer) is below it.
- :func:`make_decay_figure`: the relative decay per step the regularizer applied to each
  weight (log axis): flat for SGD and AdamW, falling with the gradient scale for Adam + L2.
  Its lines have the colours of the bars and no legend of their own.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from regviz.experiments.weightdecay import OPTIMIZER_NAMES, LambdaSweep, WeightDecayResult
from regviz.figures import common as style
from regviz.figures.common import (
    CLASSROOM_FONT_SIZE,
    FONT_SIZE,
    PLAY_AND_SLOW,
    f32,
    merge,
    plain_figure,
    play_controls,
    style_spec,
)

# Okabe–Ito colours, one per optimizer. SGD + L2 is the L2 penalty proper (its page-wide
# colour); SGD + weight decay, the same update, a lighter blue; Adam + L2 orange; AdamW
# bluish green.
OPTIMIZER_COLORS = {
    "sgd_l2": style.penalty_color("l2"),
    "sgd_wd": "#56B4E9",
    "adam_l2": "#E69F00",
    "adamw": "#009E73",
}
# SGD + weight decay draws over SGD + L2 (identical): a pattern keeps both visible.
BAR_PATTERNS = {"sgd_l2": "", "sgd_wd": "/", "adam_l2": "", "adamw": ""}
LINE_DASHES = {"sgd_l2": "solid", "sgd_wd": "dash", "adam_l2": "solid", "adamw": "solid"}

RIDGE_NAME = "exact ridge at λ"
KEPT_TITLE = "wⱼ / ŵⱼ"
DECAY_TITLE = "decay per step"
KEPT_PANEL = "Share of each weight kept"
DECAY_PANEL = "Decay per step, by weight"
FEATURE_TITLE = "feature (its scale)"
HEIGHT, CLASSROOM_HEIGHT = 550, 450


def make_kept_figure(
    result: WeightDecayResult,
    *,
    classroom: bool = False,
    height: int | None = None,
    sweep: LambdaSweep | None = None,
) -> go.Figure:
    """Per feature: the share of its least-squares weight each of the four optimizers kept.

    Parameters
    ----------
    result : WeightDecayResult
    classroom : bool, default False
        Larger fonts and lines for a projector (the feature scales on the ticks replace
        the x axis title).
    height : int or None
        Pixels; 550 (450 in classroom mode) when None.
    sweep : LambdaSweep or None
        With a sweep of the same settings (:func:`~regviz.experiments.weightdecay.kept_by_lambda`),
        ▶ Play / ▶ Slow / ❚❚ above the plot replay it in the browser: one frame per λ of
        the sweep, the bars and ridge ticks at that λ and λ written in the plot.

    Returns
    -------
    go.Figure
        Traces, in order: one bar trace per optimizer, then the exact ridge ticks (and,
        with a sweep, the λ label).

    Examples
    --------
    >>> from regviz.experiments.weightdecay import weight_decay_experiment
    >>> fig = make_kept_figure(weight_decay_experiment(n_steps=50))
    >>> [tr.type for tr in fig.data]
    ['bar', 'bar', 'bar', 'bar', 'scatter']
    """
    r = result
    order, labels = _feature_order(r)
    kept = r.kept[:, order]
    traces: list[dict] = [
        {
            "type": "bar", "x": labels, "y": kept[i].astype(np.float32),
            "name": OPTIMIZER_NAMES[key], "legendgroup": key,
            "marker": {
                "color": OPTIMIZER_COLORS[key],
                # Overlay: SGD + weight decay's hatching over its own colour, not white.
                "pattern": {"shape": BAR_PATTERNS[key], "fgcolor": "white",
                            "fillmode": "overlay"},
            },
            "hovertemplate": "%{x}: keeps %{y:.1%}<extra>" + OPTIMIZER_NAMES[key] + "</extra>",
        }
        for i, key in enumerate(r.optimizers)
    ]  # fmt: skip
    traces.append(
        {
            "type": "scatter", "mode": "markers", "x": labels,
            "y": r.ridge_kept[order].astype(np.float32), "name": RIDGE_NAME,
            "marker": {
                "symbol": "line-ew", "size": 40, "color": style.TRUTH_COLOR,
                "line": {"width": 3, "color": style.TRUTH_COLOR},
            },
            "hovertemplate": "%{x}: ridge keeps %{y:.1%}<extra></extra>",
        }
    )  # fmt: skip
    shown = kept if sweep is None else np.concatenate([kept.ravel(), sweep.kept.ravel()])
    top = max(1.05, float(np.max(shown)) + 0.05)
    bottom = min(0.0, float(np.min(shown)) - 0.05)
    if sweep is not None:
        top += 0.15  # a line of room above the bars for the λ label
    y_axis = {"range": [bottom, top], "title": {"text": KEPT_TITLE}, "tickformat": ".0%"}
    if sweep is None:
        return plain_figure(_panel(traces, y_axis, KEPT_PANEL, classroom, height))
    # Plotly redraws a frame's traces, not its title: λ is a text in the plot.
    traces.append(
        {"type": "scatter", "mode": "text", "x": [labels[0]], "y": [top],
         "text": [_lambda_label(r.lam)], "textposition": "bottom right",
         "showlegend": False, "hoverinfo": "skip"}
    )  # fmt: skip
    spec = _panel(traces, y_axis, "Share of each weight kept, as λ grows", classroom, height)
    _add_frames(spec, sweep, order, r.lam, classroom)
    return plain_figure(spec)


def _lambda_label(lam: float) -> str:
    return f"λ = {lam:.2g}"


def _add_frames(
    spec: dict, sweep: LambdaSweep, order: np.ndarray, lam: float, classroom: bool
) -> None:
    """Give the styled figure ``spec`` (plain data) one animation frame per λ of ``sweep``
    and the Play buttons above it."""
    n_bars = len(sweep.optimizers)
    frames = [
        {
            "name": str(f),
            "traces": list(range(n_bars + 2)),
            "data": [{"type": "bar", "y": f32(sweep.kept[f, i, order])} for i in range(n_bars)]
            + [{"type": "scatter", "y": f32(sweep.ridge_kept[f, order])},
               {"type": "scatter", "text": [_lambda_label(float(value))]}],
        }
        for f, value in enumerate(sweep.lams)
    ]  # fmt: skip
    names = [frame["name"] for frame in frames]
    # Buttons only: the page's λ slider picks any λ, and a half-width column has no room
    # for a second slider. Play starts from the frame nearest the slider's λ.
    nearest = int(np.argmin(np.abs(np.log(sweep.lams) - np.log(max(lam, 1e-12)))))
    controls = play_controls(
        names, names, classroom=classroom, speeds=PLAY_AND_SLOW, active=nearest
    )
    font = CLASSROOM_FONT_SIZE if classroom else FONT_SIZE
    menu = controls["updatemenus"][0] | {"x": 1.0, "xanchor": "right"}
    layout = spec["layout"]
    merge(layout, {"updatemenus": [menu], "margin": {"t": layout["margin"]["t"] + round(font)}})
    spec["frames"] = frames  # plain data: validating them would cost more than a move


def make_decay_figure(
    result: WeightDecayResult, *, classroom: bool = False, height: int | None = None
) -> go.Figure:
    """Per feature: the relative decay per step the regularizer applied, for four optimizers.

    Parameters
    ----------
    result : WeightDecayResult
    classroom : bool, default False
    height : int or None
        Pixels; 550 (450 in classroom mode) when None.

    Returns
    -------
    go.Figure
        One line per optimizer (log y axis), in the legend groups of
        :func:`make_kept_figure` and with no legend entries of its own.

    Examples
    --------
    >>> from regviz.experiments.weightdecay import weight_decay_experiment
    >>> make_decay_figure(weight_decay_experiment(n_steps=50)).layout.yaxis.type
    'log'
    """
    r = result
    order, labels = _feature_order(r)
    decay = r.decay_per_step[:, order]
    traces = [
        {
            "type": "scatter", "mode": "lines+markers", "x": labels,
            "y": decay[i].astype(np.float32), "name": OPTIMIZER_NAMES[key],
            "legendgroup": key, "showlegend": False,
            "line": {"color": OPTIMIZER_COLORS[key], "dash": LINE_DASHES[key]},
            "marker": {"color": OPTIMIZER_COLORS[key], "size": style.MARKER_SIZE},
            "hovertemplate": (
                "%{x}: decays %{y:.2g} per step<extra>" + OPTIMIZER_NAMES[key] + "</extra>"
            ),
        }
        for i, key in enumerate(r.optimizers)
    ]  # fmt: skip
    positive = decay[decay > 0]
    lo, hi = (float(positive.min()), float(positive.max())) if positive.size else (1e-6, 1.0)
    decay_range = [np.log10(lo) - 0.25, np.log10(hi) + 0.25]
    decay_ticks = _ticks_125(10 ** decay_range[0], 10 ** decay_range[1])
    y_axis = {
        "type": "log", "range": decay_range, "tickvals": decay_ticks,
        "ticktext": [f"{v:.0e}".replace("e-0", "e-") for v in decay_ticks],
        "title": {"text": DECAY_TITLE},
    }  # fmt: skip
    return plain_figure(_panel(traces, y_axis, DECAY_PANEL, classroom, height))


def _feature_order(result: WeightDecayResult) -> tuple[np.ndarray, list[str]]:
    """Features ordered by their scale, and their labels in that order."""
    order = np.argsort(result.scales)
    return order, [result.feature_labels[j] for j in order]


def _panel(
    traces: list[dict], y_axis: dict, heading: str, classroom: bool, height: int | None
) -> dict:
    """One panel as plain data, styled for a column: short heading, legend in the bottom
    margin."""
    layout = {
        "barmode": "group",
        # Classroom: the feature scales on the ticks say it; room for the plot instead.
        "xaxis": {"title": {"text": "" if classroom else FEATURE_TITLE}},
        "yaxis": y_axis,
        "title": style.column_title(heading, classroom=classroom),
        "legend": style.LEGEND_BELOW,  # style_spec merges into a copy: the constant stays
        "height": height or (CLASSROOM_HEIGHT if classroom else HEIGHT),
        "hovermode": "closest",
    }
    spec = style_spec({"data": traces, "layout": layout}, classroom=classroom)
    merge(
        layout,
        {"margin": {"l": 2, "r": 6, "t": 66 if classroom else 86, "b": 115 if classroom else 130}},
    )
    return spec


def _ticks_125(lo: float, hi: float) -> list[float]:
    """1, 2, 5 × 10^k between lo and hi; only the decades when the range is wide."""
    decades = range(int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi))) + 1)
    mantissas = (1,) if np.log10(hi / lo) > 3 else (1, 2, 5)
    return [m * 10.0**k for k in decades for m in mantissas if lo <= m * 10.0**k <= hi]
