"""Figures of the Overfitting page: error curves, the fitted curve, coefficients, bias–variance.

Every builder takes a result of :mod:`regviz.experiments.overfit` or
:mod:`regviz.experiments.biasvariance`
and the λ chosen on the slider, and returns a styled ``go.Figure``. Penalties are told
apart by colour (:func:`regviz.figures.common.penalty_color`), the kinds of error by line dash,
so the legend shows the dashes in neutral grey.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.core.conventions import PENALTY_NAMES
from regviz.experiments.biasvariance import BiasVariance
from regviz.experiments.overfit import ErrorCurves
from regviz.figures.common import DATA_COLOR, TRUTH_COLOR, apply_style, penalty_color, rgba

LAMBDA_AXIS_TITLE = "λ (log scale; stronger penalty →)"
NEUTRAL = "#8C8C8C"
FIGURE_HEIGHT = 460
_DASH = {"train": "dot", "cv": "dash", "test": "solid"}


def _legend_key(name: str, *, dash: str = "solid", mode: str = "lines") -> dict:
    """A legend-only grey entry that explains a line style shared by all panels."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": mode,
        "name": name,
        "line": {"color": NEUTRAL, "dash": dash},
        "marker": {"color": NEUTRAL, "symbol": "circle-open"},
        "showlegend": True,
    }


def _log_range(values: Sequence[np.ndarray], *, floor: float, ceiling: float) -> list[float]:
    finite = np.concatenate([np.ravel(v)[np.isfinite(np.ravel(v))] for v in values])
    low = max(float(finite.min()) * 0.8, floor)
    high = min(float(finite.max()) * 1.25, ceiling)
    if high <= low:
        high = low * 10
    return [float(np.log10(low)), float(np.log10(high))]


def _axis_names(col: int) -> tuple[str, str]:
    """Trace axis references ("x", "y") for panel 1, ("x2", "y2") for panel 2, ..."""
    suffix = "" if col == 1 else str(col)
    return f"x{suffix}", f"y{suffix}"


def _panels_layout(
    titles: Sequence[str], *, x_range: list[float], y_range: list[float], y_title: str
) -> dict:
    """Side-by-side log-log panels with one shared y axis, built as one layout dict.

    Building the whole layout at once (instead of ``make_subplots`` + ``add_vline``) keeps
    a figure under ~10 ms, which matters because every λ-slider move redraws it.
    """
    count = len(titles)
    gap = 0.04
    width = (1.0 - gap * (count - 1)) / count
    layout: dict = {"annotations": [], "shapes": []}
    for col, title in enumerate(titles, start=1):
        x_name, y_name = _axis_names(col)
        left = (col - 1) * (width + gap)
        layout[x_name.replace("x", "xaxis")] = {
            "domain": [left, left + width],
            "type": "log",
            "range": x_range,
            "title": {"text": LAMBDA_AXIS_TITLE},
            "anchor": y_name,
        }
        layout[y_name.replace("y", "yaxis")] = {
            "type": "log",
            "range": y_range,
            "anchor": x_name,
            **(
                {"title": {"text": y_title}}
                if col == 1
                else {"matches": "y", "showticklabels": False}
            ),
        }
        layout["annotations"].append(
            {
                "text": f"<b>{title}</b>",
                "x": left + width / 2,
                "y": 1.0,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
            }
        )
    return layout


def _vline(col: int, x: float, *, dash: str, color: str, width: float) -> dict:
    """A vertical line at data value ``x`` across panel ``col``.

    Shapes take data values on a log axis; annotations take log10 values.
    """
    x_name, y_name = _axis_names(col)
    return {
        "type": "line",
        "xref": x_name,
        "yref": f"{y_name} domain",
        "x0": float(x),
        "x1": float(x),
        "y0": 0,
        "y1": 1,
        "line": {"dash": dash, "color": color, "width": width},
    }


def make_error_curves_figure(
    curves: ErrorCurves,
    *,
    lam: float,
    penalties: Sequence[str] = ("l2", "l1"),
    classroom: bool = False,
) -> go.Figure:
    """Training, CV (± 1 SE) and test error versus λ, one panel per penalty.

    The λ minimizing CV error (dashed vertical) and the λ minimizing test error (solid
    vertical) are marked; left of the CV optimum is shaded and labelled "overfit" (too
    little penalty), the right end "underfit" (too much). The slider's λ is a thin grey line.

    Parameters
    ----------
    curves : ErrorCurves
        Result of :func:`regviz.experiments.overfit.error_curves`.
    lam : float
        The λ chosen on the slider.
    penalties : sequence of str
        Which penalties of ``curves`` to draw, side by side with a shared y axis.
    classroom : bool, default False
        Projector styling.

    Returns
    -------
    go.Figure
    """
    penalties = [p for p in penalties if p in curves.penalties]
    if not penalties:
        raise ValueError("Choose at least one penalty that was fitted.")
    lambdas = curves.lambdas
    y_var = float(np.var(curves.data.y_train)) or 1.0
    results = [curves.penalties[p] for p in penalties]
    y_range = _log_range(
        [r.train_mse for r in results]
        + [r.test_mse for r in results]
        + [r.cv_mse for r in results],
        floor=1e-3 * y_var,
        ceiling=30 * y_var,
    )
    x_range = [float(np.log10(lambdas[0])), float(np.log10(lambdas[-1]))]
    layout = _panels_layout(
        [PENALTY_NAMES[p] for p in penalties],
        x_range=x_range,
        y_range=y_range,
        y_title="mean squared error (log scale)",
    )
    k_folds = curves.n_folds
    traces: list[dict] = []
    for col, (penalty, result) in enumerate(zip(penalties, results, strict=True), start=1):
        x_name, y_name = _axis_names(col)
        color = penalty_color(penalty)
        name = PENALTY_NAMES[penalty]
        low = np.maximum(result.cv_mse - result.cv_se, 10 ** y_range[0])
        high = result.cv_mse + result.cv_se
        traces.append(
            {
                "type": "scatter",
                "x": np.concatenate([lambdas, lambdas[::-1]]),
                "y": np.concatenate([high, low[::-1]]),
                "fill": "toself",
                "fillcolor": rgba(color, 0.15),
                "line": {"width": 0, "color": color},
                "hoverinfo": "skip",
                "showlegend": False,
                "name": f"{name}: CV ± 1 SE",
                "xaxis": x_name,
                "yaxis": y_name,
            }
        )
        for kind, values, label in (
            ("train", result.train_mse, "training error"),
            ("cv", result.cv_mse, f"{k_folds}-fold CV error"),
            ("test", result.test_mse, "test error"),
        ):
            traces.append(
                {
                    "type": "scatter",
                    "x": lambdas,
                    "y": values,
                    "mode": "lines",
                    "name": f"{name}: {label}",
                    "line": {"color": color, "dash": _DASH[kind]},
                    "showlegend": False,
                    "hovertemplate": f"{label}<br>λ=%{{x:.3g}}<br>MSE=%{{y:.4g}}"
                    f"<extra>{name}</extra>",
                    "xaxis": x_name,
                    "yaxis": y_name,
                }
            )
        lam_cv = float(lambdas[result.best_cv_index])
        lam_test = float(lambdas[result.best_test_index])
        layout["shapes"] += [
            # The overfit regime: everything left of the CV optimum.
            {
                "type": "rect",
                "xref": x_name,
                "yref": f"{y_name} domain",
                "x0": float(lambdas[0]),
                "x1": lam_cv,
                "y0": 0,
                "y1": 1,
                "fillcolor": NEUTRAL,
                "opacity": 0.1,
                "line": {"width": 0},
                "layer": "below",
            },
            _vline(col, lam_cv, dash="dash", color=color, width=2),
            _vline(col, lam_test, dash="solid", color=color, width=2),
            _vline(col, lam, dash="solid", color=NEUTRAL, width=1),
        ]
        for x_log, text, anchor in (
            (x_range[0], "← overfit", "left"),
            (x_range[1], "underfit →", "right"),
        ):
            layout["annotations"].append(
                {
                    "x": x_log,
                    "y": 0.98,
                    "xref": x_name,
                    "yref": f"{y_name} domain",
                    "text": text,
                    "showarrow": False,
                    "xanchor": anchor,
                    "yanchor": "top",
                    "font": {"color": NEUTRAL},
                }
            )
        layout["annotations"].append(
            {
                "x": float(np.log10(lam_cv)),
                "y": 0.02,
                "xref": x_name,
                "yref": f"{y_name} domain",
                "text": f"best CV λ = {lam_cv:.2g}",
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
                "textangle": -90,
                "font": {"color": color},
            }
        )
    traces += [
        _legend_key("training error", dash=_DASH["train"]),
        _legend_key(
            f"{k_folds}-fold CV error, band ± 1 SE (dashed vertical: its minimum)", dash=_DASH["cv"]
        ),
        _legend_key("test error on fresh data (solid vertical: its minimum)", dash=_DASH["test"]),
    ]
    layout.update(
        height=FIGURE_HEIGHT,
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0},
        title={"text": f"Error versus λ — {curves.features.label}, n = {curves.data.n}"},
    )
    return apply_style(go.Figure(data=traces, layout=layout), classroom=classroom)


def make_fit_figure(
    curves: ErrorCurves,
    *,
    lam: float,
    penalties: Sequence[str] = ("l2", "l1"),
    classroom: bool = False,
) -> go.Figure:
    """The training data, the true function and each penalty's fit at λ.

    The unregularized least-squares fit is drawn faint for contrast. The y range is set
    from the data, so wild unregularized wiggles leave the frame instead of rescaling it.

    Parameters
    ----------
    curves : ErrorCurves
    lam : float
        The λ chosen on the slider (the nearest grid λ is drawn).
    penalties : sequence of str
    classroom : bool, default False

    Returns
    -------
    go.Figure
    """
    k = curves.index_of(lam)
    data = curves.data
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=curves.x_grid,
            y=curves.ols_curve,
            mode="lines",
            name="no penalty (least squares)",
            line={"color": penalty_color("ols"), "width": 1.5},
            opacity=0.6,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=curves.x_grid,
            y=curves.truth_grid,
            mode="lines",
            name="true function",
            line={"color": TRUTH_COLOR, "dash": "dash"},
        )
    )
    for penalty in penalties:
        if penalty in curves.penalties:
            fig.add_trace(
                go.Scatter(
                    x=curves.x_grid,
                    y=curves.penalties[penalty].curve[:, k],
                    mode="lines",
                    name=f"{PENALTY_NAMES[penalty]}",
                    line={"color": penalty_color(penalty), "width": 3},
                )
            )
    fig.add_trace(
        go.Scatter(
            x=data.x_train,
            y=data.y_train,
            mode="markers",
            name=f"training data (n = {data.n})",
            marker={"color": DATA_COLOR, "line": {"width": 1, "color": "#333333"}},
        )
    )
    span = np.concatenate([data.y_train, curves.truth_grid])
    pad = 0.25 * (float(span.max() - span.min()) or 1.0)
    fig.update_xaxes(title_text="x", range=[-0.02, 1.02])
    fig.update_yaxes(title_text="y", range=[float(span.min()) - pad, float(span.max()) + pad])
    fig.update_layout(
        height=FIGURE_HEIGHT,
        title={"text": f"Fits at λ = {curves.lambdas[k]:.3g}"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
    )
    return apply_style(fig, classroom=classroom)


def make_coefficient_figure(
    curves: ErrorCurves,
    *,
    lam: float,
    penalties: Sequence[str] = ("l2", "l1"),
    classroom: bool = False,
) -> go.Figure:
    """Bars of |β_j| at λ for each penalty; exact zeros marked with a cross at 0.

    Parameters
    ----------
    curves : ErrorCurves
    lam : float
    penalties : sequence of str
    classroom : bool, default False

    Returns
    -------
    go.Figure
    """
    k = curves.index_of(lam)
    fig = go.Figure()
    index = np.arange(1, curves.features.size + 1)
    top = 0.0
    for penalty in penalties:
        if penalty not in curves.penalties:
            continue
        beta = curves.penalties[penalty].coefs[:, k]
        magnitude = np.abs(beta)
        top = max(top, float(magnitude.max()))
        color = penalty_color(penalty)
        zeros = beta == 0.0
        name = PENALTY_NAMES[penalty]
        fig.add_trace(
            go.Bar(
                x=index,
                y=magnitude,
                name=f"{name}: {int(zeros.sum())} of {beta.size} exactly 0",
                marker={"color": color},
                hovertemplate="j=%{x}<br>|β|=%{y:.3g}<extra>" + name + "</extra>",
            )
        )
        if zeros.any():
            fig.add_trace(
                go.Scatter(
                    x=index[zeros],
                    y=np.zeros(int(zeros.sum())),
                    mode="markers",
                    name=f"{name}: exactly 0",
                    marker={"color": color, "symbol": "x", "size": 11},
                    hovertemplate="j=%{x}: exactly 0<extra>" + name + "</extra>",
                    showlegend=False,
                )
            )
    unit = "degree" if curves.features.basis in {"legendre", "monomial"} else "basis function"
    fig.update_xaxes(title_text=f"feature j ({unit})", dtick=1)
    fig.update_yaxes(title_text="|β_j| (standardized features)", range=[0, (top or 1.0) * 1.15])
    fig.update_layout(
        barmode="group",
        height=FIGURE_HEIGHT,
        title={"text": f"Coefficient sizes at λ = {curves.lambdas[k]:.3g} (× = exactly zero)"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
    )
    return apply_style(fig, classroom=classroom)


def make_bias_variance_figure(
    results: Mapping[str, BiasVariance],
    *,
    lam: float | None = None,
    classroom: bool = False,
) -> go.Figure:
    """bias², variance, noise, their sum and the measured test error versus λ.

    One panel per penalty, shared log y axis. The sum (solid) should run through the
    measured expected test error (open circles) up to Monte Carlo error.

    Parameters
    ----------
    results : mapping of penalty name to BiasVariance
    lam : float, optional
        The slider's λ, drawn as a thin grey line.
    classroom : bool, default False

    Returns
    -------
    go.Figure
    """
    if not results:
        raise ValueError("Give at least one bias–variance result.")
    penalties = list(results)
    first = results[penalties[0]]
    noise = max(first.noise, 1e-6)
    y_range = _log_range(
        [np.concatenate([r.bias2, r.variance, r.expected_test_mse]) for r in results.values()],
        floor=noise * 1e-3,
        ceiling=max(noise, 0.1) * 300,
    )
    x_range = [float(np.log10(first.lambdas[0])), float(np.log10(first.lambdas[-1]))]
    layout = _panels_layout(
        [PENALTY_NAMES[p] for p in penalties],
        x_range=x_range,
        y_range=y_range,
        y_title="squared error (log scale)",
    )
    styles = (("bias²", "dash"), ("variance", "dot"), ("bias² + variance + noise", "solid"))
    traces: list[dict] = []
    for col, penalty in enumerate(penalties, start=1):
        x_name, y_name = _axis_names(col)
        result = results[penalty]
        color = penalty_color(penalty)
        name = PENALTY_NAMES[penalty]
        axes = {"xaxis": x_name, "yaxis": y_name, "showlegend": False}
        for (label, dash), values in zip(
            styles, (result.bias2, result.variance, result.total), strict=True
        ):
            traces.append(
                {
                    "type": "scatter",
                    "x": result.lambdas,
                    "y": values,
                    "mode": "lines",
                    "name": f"{name}: {label}",
                    "line": {"color": color, "dash": dash},
                    "hovertemplate": f"{label}<br>λ=%{{x:.3g}}<br>%{{y:.4g}}<extra>{name}</extra>",
                    **axes,
                }
            )
        traces.append(
            {
                "type": "scatter",
                "x": result.lambdas[[0, -1]],
                "y": [result.noise, result.noise],
                "mode": "lines",
                "name": "noise σ²",
                "line": {"color": NEUTRAL, "dash": "dashdot", "width": 1.5},
                "hoverinfo": "skip",
                **axes,
            }
        )
        traces.append(
            {
                "type": "scatter",
                "x": result.lambdas,
                "y": result.expected_test_mse,
                "mode": "markers",
                "name": f"{name}: measured test error",
                "marker": {"color": color, "symbol": "circle-open", "size": 6},
                "hovertemplate": "measured test MSE<br>λ=%{x:.3g}<br>%{y:.4g}<extra>"
                + name
                + "</extra>",
                **axes,
            }
        )
        if lam is not None:
            layout["shapes"].append(_vline(col, lam, dash="solid", color=NEUTRAL, width=1))
    traces += [_legend_key(label, dash=dash) for label, dash in styles]
    traces += [
        _legend_key("noise σ²", dash="dashdot"),
        _legend_key(f"measured expected test error (B = {first.n_sets})", mode="markers"),
    ]
    layout.update(
        height=FIGURE_HEIGHT,
        title={"text": f"Bias–variance over {first.n_sets} fresh training sets"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0},
    )
    return apply_style(go.Figure(data=traces, layout=layout), classroom=classroom)
