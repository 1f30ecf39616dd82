"""Figure of L2 vs weight decay under SGD and Adam: what each optimizer keeps of every weight.

A pure function: a :class:`regviz.experiments.weightdecay.WeightDecayResult` in, a
``plotly.graph_objects.Figure`` out, assembled from plain dictionaries and validated once.
Left panel: grouped bars, per feature (ordered by scale), of the fraction of the
least-squares weight each optimizer kept, with the exact ridge solution as a grey tick.
Right panel: the relative decay per step the regularizer applied to each weight (log
axis): flat for SGD and AdamW, falling with the gradient scale for Adam + L2.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from regviz.experiments.weightdecay import OPTIMIZER_NAMES, WeightDecayResult
from regviz.figures import common as style
from regviz.figures.common import apply_style

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
KEPT_TITLE = "wⱼ / ŵⱼ (ŵ = least squares)"
DECAY_TITLE = "decay per step (log scale)"
KEPT_PANEL = "Share of each weight kept"
DECAY_PANEL = "Relative decay per step applied by the regularizer"
FEATURE_TITLE = "feature (its scale)"


def make_weight_decay_figure(result: WeightDecayResult, *, classroom: bool = False) -> go.Figure:
    """Per feature: the share of each weight kept, and the decay per step, for four optimizers.

    Parameters
    ----------
    result : WeightDecayResult
    classroom : bool, default False
        Larger fonts and lines for a projector.

    Returns
    -------
    go.Figure
        Traces, in order: one bar trace per optimizer (axes x/y), the exact ridge ticks
        (x/y), one line per optimizer of the decay per step (axes x2/y2). Legend entries are
        grouped per optimizer.
    """
    r = result
    labels = list(r.feature_labels)
    order = np.argsort(r.scales)
    labels = [labels[j] for j in order]
    kept = r.kept[:, order]
    decay = r.decay_per_step[:, order]
    traces: list[dict] = []
    for i, key in enumerate(r.optimizers):
        traces.append(
            {
                "type": "bar", "x": labels, "y": kept[i].astype(np.float32),
                "name": OPTIMIZER_NAMES[key], "legendgroup": key,
                "marker": {
                    "color": OPTIMIZER_COLORS[key],
                    "pattern": {"shape": BAR_PATTERNS[key], "fgcolor": "white"},
                },
                "xaxis": "x", "yaxis": "y",
                "hovertemplate": "%{x}: keeps %{y:.1%}<extra>" + OPTIMIZER_NAMES[key] + "</extra>",
            }
        )  # fmt: skip
    traces.append(
        {
            "type": "scatter", "mode": "markers", "x": labels,
            "y": r.ridge_kept[order].astype(np.float32), "name": RIDGE_NAME,
            "marker": {
                "symbol": "line-ew", "size": 40, "color": style.TRUTH_COLOR,
                "line": {"width": 3, "color": style.TRUTH_COLOR},
            },
            "xaxis": "x", "yaxis": "y",
            "hovertemplate": "%{x}: ridge keeps %{y:.1%}<extra></extra>",
        }
    )  # fmt: skip
    for i, key in enumerate(r.optimizers):
        traces.append(
            {
                "type": "scatter", "mode": "lines+markers", "x": labels,
                "y": decay[i].astype(np.float32), "name": OPTIMIZER_NAMES[key],
                "legendgroup": key, "showlegend": False,
                "line": {"color": OPTIMIZER_COLORS[key], "dash": LINE_DASHES[key]},
                "marker": {"color": OPTIMIZER_COLORS[key], "size": style.MARKER_SIZE},
                "xaxis": "x2", "yaxis": "y2",
                "hovertemplate": (
                    "%{x}: decays %{y:.2g} per step<extra>" + OPTIMIZER_NAMES[key] + "</extra>"
                ),
            }
        )  # fmt: skip
    positive = decay[decay > 0]
    lo, hi = (float(positive.min()), float(positive.max())) if positive.size else (1e-6, 1.0)
    decay_range = [np.log10(lo) - 0.25, np.log10(hi) + 0.25]
    decay_ticks = _ticks_125(10 ** decay_range[0], 10 ** decay_range[1])
    top = max(1.05, float(np.max(kept)) + 0.05)
    bottom = min(0.0, float(np.min(kept)) - 0.05)
    layout = {
        "barmode": "group",
        "xaxis": {"domain": [0.0, 0.56], "title": {"text": FEATURE_TITLE}, "anchor": "y"},
        "yaxis": {"range": [bottom, top], "title": {"text": KEPT_TITLE}, "anchor": "x",
                  "tickformat": ".0%"},
        "xaxis2": {"domain": [0.68, 1.0], "title": {"text": FEATURE_TITLE}, "anchor": "y2"},
        "yaxis2": {"type": "log", "range": decay_range, "tickvals": decay_ticks,
                   "ticktext": [f"{v:.0e}".replace("e-0", "e-") for v in decay_ticks],
                   "title": {"text": DECAY_TITLE}, "anchor": "x2"},
        "annotations": [
            {"text": KEPT_PANEL, "x": 0.28, "y": 1.0, "xref": "paper", "yref": "paper",
             "showarrow": False, "xanchor": "center", "yanchor": "bottom"},
            {"text": DECAY_PANEL, "x": 0.84, "y": 1.0, "xref": "paper", "yref": "paper",
             "showarrow": False, "xanchor": "center", "yanchor": "bottom"},
        ],
        "title": {
            "text": (
                f"Same λ = {r.lam:g}, four optimizers, {r.n_steps} steps: what each keeps of "
                "every weight"
            ),
            "y": 0.98,
        },
        "legend": {"orientation": "h", "y": -0.28 if classroom else -0.2, "x": 0},
        "height": 640 if classroom else 500,
        "hovermode": "closest",
    }  # fmt: skip
    fig = apply_style(go.Figure(data=traces, layout=layout), classroom=classroom)
    return fig.update_layout(margin_t=120 if classroom else 80)


def _ticks_125(lo: float, hi: float) -> list[float]:
    """1, 2, 5 × 10^k between lo and hi; only the decades when the range is wide."""
    decades = range(int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi))) + 1)
    mantissas = (1,) if np.log10(hi / lo) > 3 else (1, 2, 5)
    return [m * 10.0**k for k in decades for m in mantissas if lo <= m * 10.0**k <= hi]
