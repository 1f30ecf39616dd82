"""Figures of the Overfitting page: the fit, the error curves, coefficients, bias–variance.

Every builder takes a result of :mod:`regviz.experiments.overfit` or
:mod:`regviz.experiments.biasvariance` and the λ chosen on the slider, and returns one
single-panel ``go.Figure`` (a page puts figures side by side in columns, which stack on a
phone). Penalties are told apart by colour (:func:`regviz.figures.common.penalty_color`),
the kinds of error by line dash, so the legend shows the dashes in neutral grey. Arrays go
to plotly as float32 (compact typed arrays); curves carry no more points than a figure
can show.

Each figure is written as plain data (``{"data": [...], "layout": {...}}``), styled as data
(:func:`regviz.figures.common.style_spec`) and made a ``go.Figure`` once, unvalidated, as
the Optimizer's and the Monte Carlo page's: plotly's object model would validate each
style and layout change again (most of a λ move's figure-building time).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.core.conventions import PENALTY_NAMES
from regviz.experiments.biasvariance import BiasVariance
from regviz.experiments.overfit import ErrorCurves, format_lambda
from regviz.figures import common as style
from regviz.figures.common import f32, merge, penalty_color, plain_figure, rgba, style_spec

LAMBDA_AXIS_TITLE = "λ (stronger penalty →)"
NEUTRAL = "#8C8C8C"
FIGURE_HEIGHT = 460
SHORT_NAMES = {"l2": "ridge", "l1": "lasso", "elasticnet": "e-net"}
_DASH = {"train": "dot", "cv": "dash", "test": "solid"}
# Modebar buttons that mean nothing here; fewer buttons keep it clear of the titles.
PLAY_FRAMES = 36  # every other λ of the page's grid
_MODEBAR = {"remove": ["select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d"]}


def _legend(classroom: bool) -> dict:
    """Below the plot, clear of the axis title (which is taller on a projector)."""
    return {"orientation": "h", "yanchor": "top", "y": -0.42 if classroom else -0.2, "x": 0}


def _styled(traces: list[dict], layout: dict, *, title: str, height: int, classroom: bool) -> dict:
    """The figure as plain data in the page's frame (its title, ``height`` pixels, the legend
    below, the modebar trimmed), styled for screen or projector (fonts, lines, margins)."""
    layout = {
        "height": height,
        "title": {"text": title},
        **layout,
        "legend": _legend(classroom),
        "modebar": _MODEBAR,
    }
    return style_spec({"data": traces, "layout": layout}, classroom=classroom)


def _legend_key(name: str, *, dash: str = "solid", mode: str = "lines", symbol: str = "") -> dict:
    """A legend-only grey entry that explains a line or marker style."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": mode,
        "name": name,
        "line": {"color": NEUTRAL, "dash": dash},
        "marker": {"color": NEUTRAL, "symbol": symbol or "circle-open", "size": 10},
        "showlegend": True,
    }


def _lambda_curve(
    x: np.ndarray,
    values: np.ndarray,
    name: str,
    label: str,
    *,
    color: str,
    dash: str,
    y_hover: str = "",
) -> dict:
    """One penalty's curve against λ (its colour; the dash tells the kind of curve), out
    of the legend: the hover names the curve (``label``) and the penalty (``name``).

    Examples
    --------
    >>> trace = _lambda_curve(np.ones(2), np.ones(2), "ridge", "test error", color="red",
    ...                       dash="dot", y_hover="MSE=")
    >>> trace["name"], trace["hovertemplate"]
    ('ridge: test error', 'test error<br>λ=%{x:.2g}<br>MSE=%{y:.3g}<extra>ridge</extra>')
    """
    return {
        "type": "scatter",
        "x": x,
        "y": f32(values),
        "mode": "lines",
        "name": f"{name}: {label}",
        "line": {"color": color, "dash": dash},
        "showlegend": False,
        "hovertemplate": f"{label}<br>λ=%{{x:.2g}}<br>{y_hover}%{{y:.3g}}<extra>{name}</extra>",
    }


def _log_range(
    values: Sequence[np.ndarray], *, floor: float, ceiling: float, headroom: float = 1.25
) -> list[float]:
    finite = np.concatenate([np.ravel(v)[np.isfinite(np.ravel(v))] for v in values])
    low = max(float(finite.min()) * 0.8, floor)
    high = min(float(finite.max()) * headroom, ceiling)
    if high <= low:
        high = low * 10
    return [float(np.log10(low)), float(np.log10(high))]


def _lambda_axis(lambdas: np.ndarray, classroom: bool) -> dict:
    """A log λ axis ticked at powers of ten only (no minor labels to collide).

    On a projector every other power of ten, level, and the title is just λ: eight
    labels of 22 px would turn on their side and push into the legend.
    """
    return {
        "type": "log",
        "range": [float(np.log10(lambdas[0])), float(np.log10(lambdas[-1]))],
        "dtick": 2 if classroom else 1,
        "tickangle": 0,
        "exponentformat": "power",
        "title": {"text": "λ" if classroom else LAMBDA_AXIS_TITLE},
    }


def _log_y_axis(y_range: list[float], title: str, classroom: bool) -> dict:
    """Powers of ten when the view spans decades (every other one when they would crowd a
    projector's 22-px labels); within about a decade plotly's own nice ticks."""
    span = y_range[1] - y_range[0]
    if span < 1.2:
        return {"type": "log", "range": y_range, "title": {"text": title}}
    step = 2 if classroom and span > 3.5 else 1
    return {
        "type": "log",
        "range": y_range,
        "title": {"text": title},
        "dtick": step,
        "exponentformat": "power",
    }


def _cursor(lam: float) -> dict:
    """The slider's λ: a thin grey vertical line across the plot."""
    return {
        "type": "line",
        "xref": "x",
        "yref": "y domain",
        "x0": float(lam),
        "x1": float(lam),
        "y0": 0,
        "y1": 1,
        "line": {"color": NEUTRAL, "width": 1.5},
    }


def _colour_key(penalties: Sequence[str]) -> str:
    """Penalty names in their colours, for a title that doubles as the colour legend."""
    return " · ".join(
        f"<span style='color:{penalty_color(p)}'>{SHORT_NAMES.get(p, p)}</span>" for p in penalties
    )


def make_error_curves_figure(
    curves: ErrorCurves,
    *,
    lam: float,
    penalties: Sequence[str] = ("l2", "l1"),
    classroom: bool = False,
    height: int = FIGURE_HEIGHT,
) -> go.Figure:
    """Training, CV (± 1 SE) and test error versus λ, every penalty in one panel.

    Colour is the penalty, dash the kind of error. A filled diamond marks the λ that
    cross-validation picks (smallest CV error), an open circle the λ with the smallest
    test error; the slider's λ is a thin grey line. "← overfit" and "underfit →" label
    the two ends.

    Parameters
    ----------
    curves : ErrorCurves
        Result of :func:`regviz.experiments.overfit.error_curves`.
    lam : float
        The λ chosen on the slider.
    penalties : sequence of str
        Which penalties of ``curves`` to draw.
    classroom : bool, default False
        Projector styling.
    height : int, default 460
        Figure height in pixels.

    Returns
    -------
    go.Figure
    """
    penalties = [p for p in penalties if p in curves.penalties]
    if not penalties:
        raise ValueError("Choose at least one penalty that was fitted.")
    lambdas = curves.lambdas
    x = f32(lambdas)
    y_var = float(np.var(curves.data.y_train)) or 1.0
    results = [curves.penalties[p] for p in penalties]
    y_range = _log_range(
        [r.train_mse for r in results]
        + [r.test_mse for r in results]
        + [r.cv_mse for r in results],
        floor=1e-3 * y_var,
        ceiling=100 * y_var,
        headroom=6.0,  # room above the curves for "← overfit" and "underfit →"
    )
    k_folds = curves.n_folds
    traces: list[dict] = []
    for penalty, result in zip(penalties, results, strict=True):
        color = penalty_color(penalty)
        name = PENALTY_NAMES[penalty]
        low = np.maximum(result.cv_mse - result.cv_se, 10 ** y_range[0])
        traces.append(
            {
                "type": "scatter",
                "x": np.concatenate([x, x[::-1]]),
                "y": f32(np.concatenate([result.cv_mse + result.cv_se, low[::-1]])),
                "fill": "toself",
                "fillcolor": rgba(color, 0.1),
                "line": {"width": 0, "color": color},
                "hoverinfo": "skip",
                "showlegend": False,
                "name": f"{name}: CV ± 1 SE",
            }
        )
        for kind, values, label in (
            ("train", result.train_mse, "training error"),
            ("cv", result.cv_mse, f"{k_folds}-fold CV error"),
            ("test", result.test_mse, "test error"),
        ):
            traces.append(
                _lambda_curve(x, values, name, label, color=color, dash=_DASH[kind], y_hover="MSE=")
            )
        best = result.best_cv_index
        traces.append(
            {
                "type": "scatter",
                "x": f32(lambdas[[best]]),
                "y": f32(result.cv_mse[[best]]),
                "mode": "markers",
                "marker": {"color": color, "symbol": "diamond", "size": 9},
                "showlegend": False,
                "name": f"{name}: CV's pick",
                "hovertemplate": "CV's pick<br>λ=%{x:.2g}<br>CV error=%{y:.3g}<extra>"
                + name
                + "</extra>",
            }
        )
    traces += [
        _legend_key("training", dash=_DASH["train"]),
        _legend_key("CV ± 1 SE", dash=_DASH["cv"]),
        _legend_key("test", dash=_DASH["test"]),
        _legend_key("CV's pick", mode="markers", symbol="diamond"),
    ]
    annotations = [
        {
            "x": x_paper,
            "y": 1.0,
            "xref": "paper",
            "yref": "paper",
            "text": text,
            "showarrow": False,
            "xanchor": anchor,
            "yanchor": "top",
        }
        for x_paper, text, anchor in ((0.0, "← overfit", "left"), (1.0, "underfit →", "right"))
    ]
    layout = {
        "xaxis": _lambda_axis(lambdas, classroom),
        "yaxis": _log_y_axis(y_range, "mean squared error", classroom),
        "shapes": [_cursor(lam)],
        "annotations": annotations,
    }
    title = f"Errors: {_colour_key(penalties)}"
    spec = _styled(traces, layout, title=title, height=height, classroom=classroom)
    # Its right end needs no margin (the last tick sits a decade inside): on a 390-px
    # phone those pixels keep the plotting area ≥ 280 px wide.
    merge(spec["layout"], {"margin": {"r": 2}})
    return plain_figure(spec)


def make_fit_figure(
    curves: ErrorCurves,
    *,
    lam: float,
    penalties: Sequence[str] = ("l2", "l1"),
    classroom: bool = False,
    height: int = FIGURE_HEIGHT,
    play: bool = False,
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
    height : int, default 460
    play : bool, default False
        Add ▶ Play: frames that sweep λ over the grid (the fits go from wiggly to flat),
        played by the browser; the current λ is written in the plot.

    Returns
    -------
    go.Figure
    """
    k = curves.index_of(lam)
    data = curves.data
    x = f32(curves.x_grid)
    traces: list[dict] = [
        {
            "type": "scatter",
            "x": x,
            "y": f32(curves.ols_curve),
            "mode": "lines",
            "name": "λ = 0",
            "line": {"color": penalty_color("ols"), "width": 1.5},
            "opacity": 0.6,
        },
        {
            "type": "scatter",
            "x": x,
            "y": f32(curves.truth_grid),
            "mode": "lines",
            "name": "truth",
            "line": {"color": style.TRUTH_COLOR, "dash": "dash"},
        },
    ]
    for penalty in penalties:
        if penalty in curves.penalties:
            traces.append(
                {
                    "type": "scatter",
                    "x": x,
                    "y": f32(curves.penalties[penalty].curve[:, k]),
                    "mode": "lines",
                    "name": SHORT_NAMES[penalty],
                    "line": {"color": penalty_color(penalty), "width": 3},
                }
            )
    traces.append(
        {
            "type": "scatter",
            "x": f32(data.x_train),
            "y": f32(data.y_train),
            "mode": "markers",
            "name": "data",
            "marker": {"color": style.DATA_COLOR, "line": {"width": 1, "color": "#333333"}},
        }
    )
    span = np.concatenate([data.y_train, curves.truth_grid])
    pad = 0.25 * (float(span.max() - span.min()) or 1.0)
    layout = {
        "xaxis": {"title": {"text": "x"}, "range": [-0.02, 1.02]},
        "yaxis": {
            "title": {"text": "y"},
            "range": [float(span.min()) - pad, float(span.max()) + pad],
        },
    }
    if not play:
        title = f"Fits at λ = {format_lambda(float(curves.lambdas[k]))}"
        return plain_figure(
            _styled(traces, layout, title=title, height=height, classroom=classroom)
        )
    shown = [p for p in penalties if p in curves.penalties]
    moving = [2 + i for i in range(len(shown))] + [len(traces)]
    # Plotly redraws a frame's traces, not its title: λ is a text in the plot.
    top = layout["yaxis"]["range"][1]
    traces.append(
        {"type": "scatter", "x": [0.0], "y": [top], "mode": "text", "showlegend": False,
         "text": [_lambda_label(curves, k)], "textposition": "bottom right", "hoverinfo": "skip"}
    )  # fmt: skip
    order = np.unique(np.linspace(0, len(curves.lambdas) - 1, PLAY_FRAMES).round().astype(int))
    frames = [
        {
            "name": str(f),
            "traces": moving,
            "data": [{"type": "scatter", "y": f32(curves.penalties[p].curve[:, i])} for p in shown]
            + [{"type": "scatter", "text": [_lambda_label(curves, int(i))]}],
        }
        for f, i in enumerate(order)
    ]
    spec = _styled(traces, layout, title="Fits as λ grows", height=height, classroom=classroom)
    font = style.CLASSROOM_FONT_SIZE if classroom else style.FONT_SIZE
    # Play, Slow and Pause only: a half-width figure has no room for a slider as well,
    # and the page's own λ slider picks any λ.
    controls = style.play_controls([str(f) for f in range(len(order))], [""] * len(order),
                                   classroom=classroom, speeds=style.PLAY_AND_SLOW)  # fmt: skip
    menu = controls["updatemenus"][0] | {"y": 1.0, "yanchor": "bottom"}
    margin_t = spec["layout"]["margin"]["t"] + round(2.6 * font)
    merge(spec["layout"], {"updatemenus": [menu], "margin": {"t": margin_t}})
    spec["frames"] = frames
    return plain_figure(spec)


def _lambda_label(curves: ErrorCurves, k: int) -> str:
    return f"λ = {format_lambda(float(curves.lambdas[k]))}"


def make_coefficient_figure(
    curves: ErrorCurves,
    *,
    lam: float,
    penalties: Sequence[str] = ("l2", "l1"),
    classroom: bool = False,
    height: int = FIGURE_HEIGHT,
) -> go.Figure:
    """Bars of |βⱼ| at λ for each penalty; exact zeros marked with a cross at 0.

    Parameters
    ----------
    curves : ErrorCurves
    lam : float
    penalties : sequence of str
    classroom : bool, default False
    height : int, default 460

    Returns
    -------
    go.Figure
    """
    k = curves.index_of(lam)
    index = np.arange(1, curves.features.size + 1)
    top = 0.0
    traces: list[dict] = []
    for penalty in penalties:
        if penalty not in curves.penalties:
            continue
        beta = curves.penalties[penalty].coefs[:, k]
        magnitude = np.abs(beta)
        top = max(top, float(magnitude.max()))
        color = penalty_color(penalty)
        zeros = beta == 0.0
        name = PENALTY_NAMES[penalty]
        traces.append(
            {
                "type": "bar",
                "x": index,
                "y": f32(magnitude),
                "name": f"{SHORT_NAMES[penalty]}: {int(zeros.sum())} of {beta.size} exactly 0 (×)",
                "marker": {"color": color},
                "hovertemplate": "j=%{x}<br>|β|=%{y:.3g}<extra>" + name + "</extra>",
            }
        )
        if zeros.any():
            traces.append(
                {
                    "type": "scatter",
                    "x": index[zeros],
                    "y": np.zeros(int(zeros.sum()), dtype=np.float32),
                    "mode": "markers",
                    "name": f"{name}: exactly 0",
                    "marker": {"color": color, "symbol": "x", "size": 11},
                    "hovertemplate": "j=%{x}: exactly 0<extra>" + name + "</extra>",
                    "showlegend": False,
                }
            )
    unit = "degree" if curves.features.basis in {"legendre", "monomial"} else "basis function"
    layout = {
        "barmode": "group",
        "xaxis": {"title": {"text": f"feature j ({unit})"}, "dtick": 1 if index.size <= 12 else 2},
        "yaxis": {"title": {"text": "|βⱼ|, standardized"}, "range": [0, (top or 1.0) * 1.15]},
    }
    title = f"|βⱼ| at λ = {format_lambda(float(curves.lambdas[k]))}"
    return plain_figure(_styled(traces, layout, title=title, height=height, classroom=classroom))


def make_bias_variance_figure(
    results: Mapping[str, BiasVariance],
    *,
    lam: float | None = None,
    classroom: bool = False,
    height: int = FIGURE_HEIGHT,
) -> go.Figure:
    """bias², variance, noise, their sum and the measured test error versus λ, one panel.

    A page draws one figure per penalty (``{penalty: result}``) in columns; several
    results in one call share the panel, told apart by colour. The sum (solid) should run
    through the measured expected test error (open circles) up to Monte Carlo error.

    Parameters
    ----------
    results : mapping of penalty name to BiasVariance
    lam : float, optional
        The slider's λ, drawn as a thin grey line.
    classroom : bool, default False
    height : int, default 460

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
        floor=noise * 1e-2,  # smaller parts are ≈ 0 next to the noise
        ceiling=max(noise, 0.1) * 300,
    )
    styles = (("bias²", "dash"), ("variance", "dot"), ("bias² + variance + noise", "solid"))
    traces: list[dict] = [
        {
            "type": "scatter",
            "x": f32(first.lambdas[[0, -1]]),
            "y": f32([first.noise, first.noise]),
            "mode": "lines",
            "name": "noise σ²",
            "line": {"color": NEUTRAL, "dash": "dashdot", "width": 1.5},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    for penalty in penalties:
        result = results[penalty]
        color = penalty_color(penalty)
        name = PENALTY_NAMES[penalty]
        x = f32(result.lambdas)
        for (label, dash), values in zip(
            styles, (result.bias2, result.variance, result.total), strict=True
        ):
            traces.append(_lambda_curve(x, values, name, label, color=color, dash=dash))
        traces.append(
            {
                "type": "scatter",
                "x": x,
                "y": f32(result.expected_test_mse),
                "mode": "markers",
                "name": f"{name}: measured test error (B = {result.n_sets})",
                "marker": {"color": color, "symbol": "circle-open", "size": 5},
                "hovertemplate": "measured test MSE<br>λ=%{x:.2g}<br>%{y:.3g}<extra>"
                + name
                + "</extra>",
                "showlegend": False,
            }
        )
    # Short legend words (the hover names the lines in full): two or three rows at 22 px.
    traces += [
        _legend_key("bias²", dash="dash"),
        _legend_key("variance", dash="dot"),
        _legend_key("sum + σ²", dash="solid"),
        _legend_key("noise σ²", dash="dashdot"),
        _legend_key("measured", mode="markers"),
    ]
    layout = {
        "xaxis": _lambda_axis(first.lambdas, classroom),
        "yaxis": _log_y_axis(y_range, "squared error", classroom),
        "shapes": [] if lam is None else [_cursor(lam)],
    }
    title = f"Bias–variance: {_colour_key(penalties)}"
    return plain_figure(_styled(traces, layout, title=title, height=height, classroom=classroom))
