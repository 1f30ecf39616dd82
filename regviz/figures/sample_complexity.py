"""Figure of the sample-complexity page: test error versus number of features (Ng 2004).

One panel per setting of the true θ, L1 and L2 curves with ±1 standard-error bars, the
Bayes error as a dashed grey line, and an optional cursor at one feature count.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.core.conventions import PENALTY_NAMES
from regviz.experiments.samplecomplexity import SETTING_LABELS, SETTINGS, SampleComplexityResult
from regviz.figures.common import TRUTH_COLOR, apply_style, penalty_color

METRICS: dict[str, tuple[str, str, str]] = {
    # metric: (mean column, standard-error column, axis title)
    "error": ("error_mean", "error_se", "test 0/1 error"),
    "log_loss": ("log_loss_mean", "log_loss_se", "test log-loss (nats)"),
}
FIGURE_HEIGHT = 480
SHORT_LABELS = {
    "one": "(i) θ₁ = 10",
    "three": "(ii) θ₁..₃ = 10/√3",
    "exponential": "(iii) θᵢ ∝ ½^(i−1)",
}


def _y_range(result: SampleComplexityResult, metric: str) -> list[float]:
    mean, se, _ = METRICS[metric]
    top = float((result.summary[mean] + result.summary[se]).max())
    if metric == "error":
        return [0.0, max(0.55, top * 1.05)]
    bottom = float(result.summary["bayes_log_loss"].min())
    return [0.0, max(0.8, top * 1.05, bottom * 1.2)]


def make_sample_complexity_figure(
    result: SampleComplexityResult,
    *,
    n_train: int,
    metric: str = "error",
    settings: Sequence[str] | None = None,
    cursor: int | None = None,
    classroom: bool = False,
) -> go.Figure:
    """Test error (or log-loss) of L1 and L2 logistic regression versus number of features.

    Parameters
    ----------
    result : SampleComplexityResult
        Summary of a run (the shipped full run or a live reduced run).
    n_train : int
        Number of training examples m whose curves are drawn.
    metric : {"error", "log_loss"}, default "error"
    settings : sequence of str or None
        Settings to draw, one panel each; default: every setting in ``result``.
    cursor : int or None
        A feature count to mark with a vertical grey line.
    classroom : bool, default False

    Returns
    -------
    go.Figure
    """
    if metric not in METRICS:
        raise ValueError(f"Unknown metric {metric!r}; expected 'error' or 'log_loss'.")
    summary = result.summary
    rows = summary[summary.n_train == n_train]
    if rows.empty:
        raise ValueError(f"There are no results for m = {n_train} training examples.")
    present = [s for s in SETTINGS if s in set(rows.setting)]
    settings = present if settings is None else [s for s in settings if s in present]
    if not settings:
        raise ValueError("None of the chosen settings is in these results.")
    mean_col, se_col, y_title = METRICS[metric]
    bayes_col = "bayes_error" if metric == "error" else "bayes_log_loss"
    x_max = float(rows.n_features.max())
    fig = make_subplots(
        rows=1,
        cols=len(settings),
        shared_yaxes=True,
        horizontal_spacing=0.04,
        subplot_titles=[SHORT_LABELS.get(s, s) for s in settings],
    )
    for col, setting in enumerate(settings, start=1):
        for penalty in ("l1", "l2"):
            curve = result.curve(setting, n_train, penalty)
            fig.add_trace(
                go.Scatter(
                    x=curve.n_features,
                    y=curve[mean_col],
                    error_y={"type": "data", "array": curve[se_col], "visible": True},
                    mode="lines+markers",
                    name=f"{PENALTY_NAMES[penalty]} logistic regression",
                    legendgroup=penalty,
                    showlegend=col == 1,
                    line={"color": penalty_color(penalty)},
                    marker={"color": penalty_color(penalty)},
                    customdata=curve[["nonzero_mean", "n_repeats"]].to_numpy(),
                    hovertemplate=(
                        f"{PENALTY_NAMES[penalty]}<br>d = %{{x}} features<br>"
                        f"{y_title} = %{{y:.3f}} ± %{{error_y.array:.3f}}<br>"
                        "non-zero weights: %{customdata[0]:.1f}<br>"
                        "repeats: %{customdata[1]}<extra></extra>"
                    ),
                ),
                row=1,
                col=col,
            )
        bayes = rows[rows.setting == setting].sort_values("n_features")
        fig.add_trace(
            go.Scatter(
                x=bayes.n_features,
                y=bayes[bayes_col],
                mode="lines",
                name="Bayes (true θ)",
                legendgroup="bayes",
                showlegend=col == 1,
                line={"color": TRUTH_COLOR, "dash": "dash"},
                hovertemplate=f"Bayes {y_title} = %{{y:.3f}}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        if cursor is not None:
            fig.add_vline(
                x=cursor, line={"color": TRUTH_COLOR, "width": 1, "dash": "dot"}, row=1, col=col
            )
        fig.update_xaxes(title_text="number of features d", range=[0, x_max * 1.03], row=1, col=col)
    fig.update_yaxes(title_text=y_title, range=_y_range(result, metric), row=1, col=1)
    fig.update_layout(
        height=FIGURE_HEIGHT + (120 if classroom else 0),
        title=f"m = {n_train} training examples · error bars ±1 standard error",
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        hovermode="closest",
    )
    return apply_style(fig, classroom=classroom)


def setting_label(setting: str) -> str:
    """The long label of a setting, for captions."""
    return SETTING_LABELS.get(setting, setting)
