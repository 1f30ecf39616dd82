"""Figures of the sample-complexity page: test error versus number of features (Ng 2004).

One figure per setting of the true θ (the page puts them side by side; they stack on a
phone): L1 and L2 curves with ±1 standard-error bars, the Bayes error as a dashed grey
line, and an optional dotted cursor at the feature count read off.

The figure is written as plain data, styled as data
(:func:`regviz.figures.common.style_spec`) and made a ``go.Figure`` once, unvalidated:
plotly's object model would validate every trace and layout change (the tests validate
the result instead).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.experiments.samplecomplexity import METRIC_COLUMNS, SETTINGS, SampleComplexityResult
from regviz.figures.common import (
    CLASSROOM_FONT_SIZE,
    TRUTH_COLOR,
    f32,
    merge,
    penalty_color,
    plain_figure,
    style_spec,
)

FIGURE_HEIGHT = 420
CLASSROOM_HEIGHT = 400
# Fixed margins (px) so the legend's place under the x-axis title is known in advance:
# (top, bottom, space from the plot's foot to the legend's top) for screen and projector.
MARGINS = {False: (50, 80, 48), True: (50, 112, 68)}
# Right margin: room for half of the last tick label ("1000") past the plot's edge.
RIGHT = {False: 12, True: 20}
# The toolbar keeps only the camera (PNG for slides): a narrow figure's title stays clear.
CONFIG = {"modeBarButtons": [["toImage"]]}
TITLES = {
    "one": "(i) 1 relevant feature",
    "three": "(ii) 3 relevant features",
    "exponential": "(iii) decaying weights",
}
LEGEND_NAMES = {"l1": "L1", "l2": "L2"}
KEY = (
    "Orange: L1-regularized, blue: L2-regularized logistic regression; dashed grey: the "
    "Bayes error (the true θ); dotted: the feature count d read off. Error bars: ±1 standard "
    "error over the training sets of each point."
)


def y_range(result: SampleComplexityResult, metric: str = "error") -> list[float]:
    """One y range for every setting's figure (so the three read on the same scale).

    Examples
    --------
    >>> from regviz.experiments.samplecomplexity import load_results
    >>> y_range(load_results())
    [0.0, 0.55]
    """
    mean, se, bayes, _ = METRIC_COLUMNS[metric]
    top = float((result.summary[mean] + result.summary[se]).max())
    if metric == "error":
        return [0.0, round(max(0.55, top * 1.05), 3)]
    return [0.0, round(max(0.8, top * 1.05, float(result.summary[bayes].max()) * 1.2), 3)]


def make_setting_figure(
    result: SampleComplexityResult,
    setting: str,
    *,
    n_train: int,
    metric: str = "error",
    cursor: int | None = None,
    classroom: bool = False,
    y_limits: Sequence[float] | None = None,
) -> go.Figure:
    """Test error (or log-loss) of L1 and L2 logistic regression versus d, one setting.

    Parameters
    ----------
    result : SampleComplexityResult
        Summary of a run (the shipped full run or a live reduced run).
    setting : {"one", "three", "exponential"}
    n_train : int
        Number of training examples m whose curves are drawn.
    metric : {"error", "log_loss"}, default "error"
    cursor : int or None
        A feature count to mark with a dotted vertical line.
    classroom : bool, default False
        Projector fonts and lines, a lower figure.
    y_limits : (float, float) or None
        The y range (default: :func:`y_range` of ``result``), shared by the page's figures.

    Returns
    -------
    go.Figure

    Examples
    --------
    >>> from regviz.experiments.samplecomplexity import load_results
    >>> fig = make_setting_figure(load_results(), "one", n_train=100, cursor=500)
    >>> [trace.name for trace in fig.data], fig.layout.title.text
    (['L1', 'L2', 'Bayes'], '(i) 1 relevant feature')
    """
    if metric not in METRIC_COLUMNS:
        raise ValueError(f"Unknown metric {metric!r}; expected 'error' or 'log_loss'.")
    if setting not in SETTINGS:
        raise ValueError(f"Unknown setting {setting!r}.")
    summary = result.summary
    rows = summary[(summary.n_train == n_train) & (summary.setting == setting)]
    if rows.empty:
        raise ValueError(f"There are no results for this setting with m = {n_train}.")
    mean_col, se_col, bayes_col, y_title = METRIC_COLUMNS[metric]
    # Traces and layout as plain data, styled as data and made a figure once, unvalidated
    # (plotly's objects would validate each trace and every update).
    traces = []
    for penalty in ("l1", "l2"):
        curve = result.curve(setting, n_train, penalty)
        name = LEGEND_NAMES[penalty]
        traces.append(
            {
                "type": "scatter",
                "x": curve.n_features.to_numpy(dtype=np.int32),
                "y": f32(curve[mean_col]),
                "error_y": {"type": "data", "array": f32(curve[se_col]), "visible": True},
                "mode": "lines+markers",
                "name": name,
                "line": {"color": penalty_color(penalty)},
                "marker": {"color": penalty_color(penalty)},
                "customdata": f32(curve[["nonzero_mean", "n_repeats"]].to_numpy()),
                "hovertemplate": (
                    f"{name}<br>d = %{{x}} features<br>"
                    f"{y_title} = %{{y:.3f}} ± %{{error_y.array:.3f}}<br>"
                    "non-zero weights: %{customdata[0]:.1f}<br>"
                    "repeats: %{customdata[1]}<extra></extra>"
                ),
            }
        )
    bayes = rows[rows.penalty == "l1"].sort_values("n_features")
    traces.append(
        {
            "type": "scatter",
            "x": bayes.n_features.to_numpy(dtype=np.int32),
            "y": f32(bayes[bayes_col]),
            "mode": "lines",
            "name": "Bayes",
            "line": {"color": TRUTH_COLOR, "dash": "dash"},
            "hovertemplate": f"Bayes {y_title} = %{{y:.3f}}<extra></extra>",
        }
    )
    x_max = float(rows.n_features.max())
    height = CLASSROOM_HEIGHT if classroom else FIGURE_HEIGHT
    top, bottom, gap = MARGINS[classroom]
    layout = {
        "height": height,
        "title": {"text": TITLES[setting], "x": 0.02, "xanchor": "left"},
        "xaxis": {
            "title": {"text": "features d", "standoff": 4},
            "range": [0, x_max * 1.04],
            "tickvals": _x_ticks(x_max),
        },
        "yaxis": {
            "title": {"text": y_title},
            "range": list(y_limits) if y_limits is not None else y_range(result, metric),
            "nticks": 6,
        },
        # One row under the x-axis title. Plotly lets a legend below the plot use the
        # width of the plot and its left margin only when it starts left of the plot
        # (x < 0); placed in the plot's units, its pixel offset follows from the margins.
        "legend": {
            "orientation": "h",
            "xref": "paper",
            "yref": "paper",
            "x": -0.12,
            "xanchor": "left",
            "y": -gap / (height - top - bottom),
            "yanchor": "top",
        },
        "hovermode": "closest",
    }
    if cursor is not None:  # the feature count read off: a dotted line across the plot
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "x",
                "yref": "y domain",
                "x0": cursor,
                "x1": cursor,
                "y0": 0,
                "y1": 1,
                "line": {"color": TRUTH_COLOR, "width": 1.5, "dash": "dot"},
            }
        ]
    spec = style_spec({"data": traces, "layout": layout}, classroom=classroom)
    merge(spec["layout"], {"margin": {"t": top, "b": bottom, "r": RIGHT[classroom]}})
    if classroom:  # the title at the text size: it fits a third of a projector's width
        merge(spec["layout"], {"title": {"font": {"size": CLASSROOM_FONT_SIZE}}})
    return plain_figure(spec)


def _x_ticks(x_max: float) -> list[float]:
    """Three or four round feature counts up to ``x_max`` (labels that fit a narrow plot).

    Examples
    --------
    >>> _x_ticks(1000), _x_ticks(60)
    ([0, 500, 1000], [0, 20, 40, 60])
    """
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if x_max / step <= 3.5:
            return [k * step for k in range(int(x_max // step) + 1)]
    return [0, x_max]
