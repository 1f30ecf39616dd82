"""Figures of the coefficient-path page: paths over λ with the CV curve below.

Pure functions: results from :mod:`regviz.experiments.paths` /
:mod:`regviz.experiments.crossval` in, a
``plotly.graph_objects.Figure`` out. The x axis is either λ on a log scale (increasing
to the right, as the axis title says) or glmnet's ‖β‖₁ / max ‖β‖₁. The number of
non-zero coefficients runs along the top axis, as in glmnet's ``plot``.

The figures are assembled as plain trace and layout dictionaries and validated once by
``go.Figure``: the page rebuilds them on every move of the λ slider, and plotly's
incremental ``add_trace``/``update_*`` calls cost several times more.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.core.conventions import PENALTY_NAMES
from regviz.experiments.crossval import CVCurve
from regviz.experiments.paths import CoefficientPath, l1_norm_fraction
from regviz.figures import common as style
from regviz.figures.common import apply_style

X_AXES = ("lambda", "norm")
UNITS = ("original", "standardized")

LAMBDA_TITLE = "λ (log scale, increasing →: stronger penalty to the right)"
NORM_TITLE = "‖β‖₁ / max ‖β‖₁ (0 = all coefficients zero, 1 = least penalized)"
COUNT_TITLE = "number of non-zero coefficients"
# Feature names are written at the end of each line only when they stay readable.
MAX_LABELLED_FEATURES = 15
LAMBDA_LINE = {"color": style.PENALTY_COLORS["ols"], "width": 2.5, "dash": "dash"}


def make_paths_figure(
    path: CoefficientPath,
    cv: CVCurve | None,
    *,
    lam: float,
    feature_names: Sequence[str],
    x_axis: str = "lambda",
    units: str = "original",
    true_coef: np.ndarray | None = None,
    classroom: bool = False,
) -> go.Figure:
    """Coefficient paths (top) and the cross-validation curve (below) on one x axis.

    Parameters
    ----------
    path : CoefficientPath
    cv : CVCurve or None
        Drawn in a second row when given (same λ grid as ``path``).
    lam : float
        The λ picked on the page: a vertical line in both rows.
    feature_names : sequence of str
        One per coefficient, shown on hover and at the end of each line.
    x_axis : {"lambda", "norm"}, default "lambda"
        log λ, or ‖β‖₁ / max ‖β‖₁ of the penalized coefficients.
    units : {"original", "standardized"}, default "original"
        Coefficients per unit of x, or per one standard deviation of x.
    true_coef : ndarray or None
        For synthetic data: features whose true coefficient is zero are drawn grey
        and dotted, so the truly non-zero ones stand out.
    classroom : bool, default False

    Returns
    -------
    go.Figure
        Axes ``x``/``y`` hold the paths, ``x2``/``y2`` the CV curve, ``x3`` (or ``x2``
        without CV) is the top axis with the non-zero counts.
    """
    _check_options(x_axis, units, feature_names, path)
    two_rows = cv is not None
    coefs = _coefs(path, units)
    y_range = _padded(coefs.min(), coefs.max())
    if x_axis == "lambda":
        # Extra room on the left for the feature names at the least-penalized end.
        left = 0.1 if len(feature_names) <= MAX_LABELLED_FEATURES else 0.03
        x_range = _log_range(path.lambdas[-1], path.lambdas[0], left=left)
    else:
        x_range = [-0.02, 1.1]
    traces = _path_traces(
        path, coefs, lam=lam, names=feature_names, x_axis=x_axis, true_coef=true_coef,
        y_range=y_range, show_legend=True, label_ends=True, axes=("x", "y"),
    )  # fmt: skip
    title_x = {"text": LAMBDA_TITLE if x_axis == "lambda" else NORM_TITLE}
    layout: dict = {
        "xaxis": {**_x_axis_layout(x_axis, x_range), "anchor": "y"},
        "yaxis": {
            "domain": [0.43, 1.0] if two_rows else [0.0, 1.0],
            "range": list(y_range),
            "title": {"text": _coef_title(units)},
            "zeroline": True,
            "anchor": "x",
        },
    }
    count_axis = "x3" if two_rows else "x2"
    if two_rows:
        cv_range = _cv_range([cv])
        traces += _cv_traces(
            path, cv, lam=lam, x_axis=x_axis, y_range=cv_range, show_legend=True,
            value_in_legend=True, axes=("x2", "y2"),
        )  # fmt: skip
        layout["xaxis"].update(matches="x2", showticklabels=False)
        layout["xaxis2"] = {**_x_axis_layout(x_axis, x_range), "anchor": "y2", "title": title_x}
        k = cv.fold_mse.shape[0]
        layout["yaxis2"] = {
            "domain": [0.0, 0.35],
            "range": list(cv_range),
            "title": {"text": f"CV mean squared error ({k}-fold, ±1 SE)"},
            "anchor": "x2",
        }
    else:
        layout["xaxis"]["title"] = title_x
    traces.append(_count_anchor_trace(path, x_axis, count_axis, "y"))
    layout[_layout_key(count_axis)] = _count_axis(path, x_axis, x_range, base="x", y="y")
    name = PENALTY_NAMES[path.penalty]
    if path.penalty == "elasticnet":
        name += f" (r = {path.l1_ratio:g})"
    layout.update(
        height=760 if two_rows else 520,
        title={"text": f"{name} coefficient paths", "y": 0.99},
        legend={"orientation": "h", "y": -0.12, "x": 0},
        hovermode="closest",
        margin={"t": 110},
    )
    return apply_style(go.Figure(data=traces, layout=layout), classroom=classroom)


def make_compare_figure(
    paths: dict[str, CoefficientPath],
    cvs: dict[str, CVCurve],
    *,
    lam: float,
    feature_names: Sequence[str],
    units: str = "original",
    true_coef: np.ndarray | None = None,
    classroom: bool = False,
) -> go.Figure:
    """Lasso, ridge and elastic net side by side: paths on top, CV curves below.

    All panels share one log-λ axis range, and each row shares its y axis, so the
    same λ and the same coefficient size sit at the same place in every panel.

    Parameters
    ----------
    paths, cvs : dict of penalty → result
        From :func:`regviz.experiments.crossval.study_paths`; ``cvs`` may be empty.
    lam : float
        The λ picked on the page, drawn in every panel.
    feature_names : sequence of str
    units : {"original", "standardized"}, default "original"
    true_coef : ndarray or None
    classroom : bool, default False

    Returns
    -------
    go.Figure
        Paths of column c on axes ``x{c}``/``y{c}``, CV curves on ``x{C+c}``/``y{C+c}``.
    """
    penalties = [p for p in ("l1", "l2", "elasticnet") if p in paths]
    for penalty in penalties:
        _check_options("lambda", units, feature_names, paths[penalty])
    n_cols = len(penalties)
    gap = 0.03
    width = (1.0 - gap * (n_cols - 1)) / n_cols
    x_range = _log_range(
        min(p.lambdas[-1] for p in paths.values()), max(p.lambdas[0] for p in paths.values())
    )
    coef_range = _padded(
        min(_coefs(p, units).min() for p in paths.values()),
        max(_coefs(p, units).max() for p in paths.values()),
    )
    cv_range = _cv_range(list(cvs.values())) if cvs else None
    traces: list[dict] = []
    layout: dict = {}
    for col, penalty in enumerate(penalties, start=1):
        path = paths[penalty]
        domain = [(col - 1) * (width + gap), (col - 1) * (width + gap) + width]
        top, bottom = _axis_name(col), _axis_name(n_cols + col)
        traces += _path_traces(
            path, _coefs(path, units), lam=lam, names=feature_names, x_axis="lambda",
            true_coef=true_coef, y_range=coef_range, show_legend=col == 1, label_ends=False,
            axes=(f"x{top}", f"y{top}"),
        )  # fmt: skip
        layout[f"xaxis{top}"] = {
            **_x_axis_layout("lambda", x_range), "domain": domain, "anchor": f"y{top}",
            "matches": "x", "showticklabels": False,
        }  # fmt: skip
        layout[f"yaxis{top}"] = {
            "domain": [0.45, 1.0], "range": list(coef_range), "anchor": f"x{top}",
            "matches": "y", "showticklabels": col == 1, "zeroline": True,
        }  # fmt: skip
        count = str(2 * n_cols + col)
        traces.append(_count_anchor_trace(path, "lambda", f"x{count}", f"y{top}"))
        layout[f"xaxis{count}"] = _count_axis(
            path, "lambda", x_range, base=f"x{top}", y=f"y{top}",
            title=_panel_title(path) + " · non-zero coefficients",
        )  # fmt: skip
        layout[f"xaxis{bottom}"] = {
            **_x_axis_layout("lambda", x_range), "domain": domain, "anchor": f"y{bottom}",
            "matches": "x", "title": {"text": "λ (log scale, increasing →)"},
        }  # fmt: skip
        layout[f"yaxis{bottom}"] = {
            "domain": [0.0, 0.35], "anchor": f"x{bottom}", "matches": f"y{n_cols + 1}",
            "showticklabels": col == 1,
        }  # fmt: skip
        if penalty in cvs:
            traces += _cv_traces(
                path, cvs[penalty], lam=lam, x_axis="lambda", y_range=cv_range,
                show_legend=col == 1, value_in_legend=False, axes=(f"x{bottom}", f"y{bottom}"),
            )  # fmt: skip
            layout[f"yaxis{bottom}"]["range"] = list(cv_range)
    layout["xaxis"].pop("matches")
    layout["yaxis"].pop("matches")
    layout["yaxis"]["title"] = {"text": _coef_title(units)}
    layout[f"yaxis{n_cols + 1}"]["title"] = {"text": "CV mean squared error"}
    layout[f"yaxis{n_cols + 1}"].pop("matches")
    layout.update(height=780, legend={"orientation": "h", "y": -0.12, "x": 0}, margin={"t": 80})
    return apply_style(go.Figure(data=traces, layout=layout), classroom=classroom)


# --------------------------------------------------------------------------- traces


def _path_traces(
    path: CoefficientPath,
    coefs: np.ndarray,
    *,
    lam: float,
    names: Sequence[str],
    x_axis: str,
    true_coef: np.ndarray | None,
    y_range: tuple[float, float],
    show_legend: bool,
    label_ends: bool,
    axes: tuple[str, str],
) -> list[dict]:
    """One line per feature, the chosen-λ line and (optionally) names at the line ends."""
    x = _x_values(path, x_axis)
    color = style.penalty_color(path.penalty)
    truly_zero = np.zeros(len(names), dtype=bool) if true_coef is None else true_coef == 0
    where = {"xaxis": axes[0], "yaxis": axes[1]}
    traces: list[dict] = []
    legend_done = {"signal": False, "noise": False}
    for j, name in enumerate(names):
        kind = "noise" if truly_zero[j] else "signal"
        if true_coef is None:
            legend_name, group = "one line per feature", "features"
        elif kind == "signal":
            legend_name, group = "truly non-zero feature", "signal"
        else:
            legend_name, group = "truly zero feature", "noise"
        line = {"color": color, "dash": "solid"}
        if kind == "noise":
            line = {"color": style.TRUTH_COLOR, "dash": "dot", "width": 1.2}
        traces.append(
            {
                "type": "scatter",
                "x": x,
                "y": coefs[j],
                "mode": "lines",
                "name": legend_name,
                "legendgroup": group,
                "showlegend": show_legend and not legend_done[kind],
                "line": line,
                "customdata": path.lambdas,
                "hovertemplate": f"<b>{name}</b><br>λ = %{{customdata:.4g}}<br>"
                "coefficient = %{y:.4g}<extra></extra>",
                **where,
            }
        )
        legend_done[kind] = True
    x_lam = _x_at(path, lam, x_axis)
    traces.append(
        {
            "type": "scatter",
            "x": [x_lam, x_lam],
            "y": list(y_range),
            "mode": "lines",
            "name": f"chosen λ = {lam:.3g}",
            "legendgroup": "lam",
            "showlegend": show_legend,
            "line": LAMBDA_LINE,
            "hoverinfo": "skip",
            **where,
        }
    )
    if label_ends and len(names) <= MAX_LABELLED_FEATURES:
        # One text trace rather than one annotation per name: far cheaper to build.
        end = int(np.argmin(path.lambdas)) if x_axis == "lambda" else int(np.argmax(x))
        traces.append(
            {
                "type": "scatter",
                "x": np.full(len(names), x[end]),
                "y": coefs[:, end],
                "text": list(names),
                "mode": "text",
                "textposition": "middle right" if x_axis == "norm" else "middle left",
                "cliponaxis": False,
                "showlegend": False,
                "hoverinfo": "skip",
                **where,
            }
        )
    return traces


def _cv_traces(
    path: CoefficientPath,
    cv: CVCurve,
    *,
    lam: float,
    x_axis: str,
    y_range: tuple[float, float],
    show_legend: bool,
    value_in_legend: bool,
    axes: tuple[str, str],
) -> list[dict]:
    """CV mean error with ±1 SE bars, λ_min and λ_1se, and the chosen λ."""
    x = _x_values(path, x_axis)
    color = style.penalty_color(cv.penalty)
    where = {"xaxis": axes[0], "yaxis": axes[1]}
    k = cv.fold_mse.shape[0]
    traces: list[dict] = [
        {
            "type": "scatter",
            "x": x,
            "y": cv.mean_mse,
            "mode": "lines+markers",
            "name": f"{k}-fold CV error ± 1 SE",
            "legendgroup": "cv",
            "showlegend": show_legend,
            "line": {"color": color},
            "marker": {"size": 4, "color": color},
            "error_y": {"type": "data", "array": cv.se_mse, "thickness": 1, "width": 0},
            "customdata": cv.lambdas,
            "hovertemplate": "λ = %{customdata:.4g}<br>CV MSE = %{y:.4g}<extra></extra>",
            **where,
        }
    ]
    markers = (
        (cv.index_min, "λ_min", "dot", "lowest CV error"),
        (cv.index_1se, "λ_1se", "dashdot", "one-standard-error rule"),
    )
    for index, label, dash, meaning in markers:
        value = cv.lambdas[index]
        traces.append(
            {
                "type": "scatter",
                "x": [x[index], x[index]],
                "y": list(y_range),
                "mode": "lines",
                "name": f"{label} = {value:.3g}" if value_in_legend else f"{label} ({meaning})",
                "legendgroup": label,
                "showlegend": show_legend,
                "line": {"color": style.TRUTH_COLOR, "dash": dash, "width": 1.5},
                "hovertemplate": f"{label} = {value:.4g}<extra></extra>",
                **where,
            }
        )
    x_lam = _x_at(path, lam, x_axis)
    traces.append(
        {
            "type": "scatter",
            "x": [x_lam, x_lam],
            "y": list(y_range),
            "mode": "lines",
            "legendgroup": "lam",
            "showlegend": False,
            "line": LAMBDA_LINE,
            "hoverinfo": "skip",
            **where,
        }
    )
    return traces


def _count_anchor_trace(path: CoefficientPath, x_axis: str, xaxis: str, yaxis: str) -> dict:
    """An invisible point: plotly draws an overlaying axis only when a trace uses it."""
    x = _x_values(path, x_axis)
    return {
        "type": "scatter",
        "x": [x[0]],
        "y": [None],
        "xaxis": xaxis,
        "yaxis": yaxis,
        "mode": "markers",
        "showlegend": False,
        "hoverinfo": "skip",
    }


def _count_axis(
    path: CoefficientPath,
    x_axis: str,
    x_range: list[float],
    *,
    base: str,
    y: str,
    title: str = COUNT_TITLE,
) -> dict:
    """glmnet's top axis: the number of non-zero coefficients at a few positions."""
    x = _x_values(path, x_axis)
    picks = np.unique(np.linspace(0, x.size - 1, 8).round().astype(int))
    return {
        "overlaying": base,
        "matches": base,
        "side": "top",
        "anchor": y,
        "type": "log" if x_axis == "lambda" else "linear",
        "range": x_range,
        "tickmode": "array",
        "tickvals": [float(v) for v in x[picks]],
        "ticktext": [str(int(c)) for c in path.n_nonzero[picks]],
        "title": {"text": title, "standoff": 2},
        "showgrid": False,
    }


# --------------------------------------------------------------------------- helpers


def _check_options(x_axis: str, units: str, names: Sequence[str], path: CoefficientPath) -> None:
    if x_axis not in X_AXES:
        raise ValueError(f"x_axis must be one of {X_AXES} (got {x_axis!r}).")
    if units not in UNITS:
        raise ValueError(f"units must be one of {UNITS} (got {units!r}).")
    if len(names) != path.coefs.shape[0]:
        raise ValueError(f"Got {len(names)} feature names for {path.coefs.shape[0]} coefficients.")


def _axis_name(index: int) -> str:
    """Plotly calls the first axis ``x``/``xaxis`` and the others ``x2``/``xaxis2``, ..."""
    return "" if index == 1 else str(index)


def _layout_key(axis: str) -> str:
    return "xaxis" + axis[1:]


def _coefs(path: CoefficientPath, units: str) -> np.ndarray:
    return path.standardized_coefs if units == "standardized" else path.coefs


def _x_values(path: CoefficientPath, x_axis: str) -> np.ndarray:
    return path.lambdas if x_axis == "lambda" else l1_norm_fraction(path)


def _x_at(path: CoefficientPath, lam: float, x_axis: str) -> float:
    if x_axis == "lambda":
        return float(lam)
    # Interpolate the norm fraction in log λ; the grid is decreasing, np.interp wants increasing.
    fraction = l1_norm_fraction(path)
    return float(np.interp(np.log(lam), np.log(path.lambdas[::-1]), fraction[::-1]))


def _x_axis_layout(x_axis: str, x_range: list[float]) -> dict:
    if x_axis == "lambda":
        return {"type": "log", "range": x_range, "exponentformat": "power"}
    return {"type": "linear", "range": x_range}


def _log_range(lo: float, hi: float, *, left: float = 0.03) -> list[float]:
    """Plotly log axes take their range in log10 units; pad 3 % (``left`` on the left)."""
    a, b = np.log10(lo), np.log10(hi)
    span = b - a
    return [float(a - left * span), float(b + 0.03 * span)]


def _padded(lo: float, hi: float) -> tuple[float, float]:
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    return float(lo - 0.06 * span), float(hi + 0.06 * span)


def _cv_range(cvs: Sequence[CVCurve]) -> tuple[float, float]:
    return _padded(
        min(float(np.min(c.mean_mse - c.se_mse)) for c in cvs),
        max(float(np.max(c.mean_mse + c.se_mse)) for c in cvs),
    )


def _coef_title(units: str) -> str:
    if units == "standardized":
        return "coefficient per 1 SD of x (units of y)"
    return "coefficient (units of y per unit of x)"


def _panel_title(path: CoefficientPath) -> str:
    color = style.penalty_color(path.penalty)
    label = PENALTY_NAMES[path.penalty]
    if path.penalty == "elasticnet":
        label += f", r = {path.l1_ratio:g}"
    return f"<span style='color:{color}'><b>{label}</b></span>"
