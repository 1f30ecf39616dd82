"""Figures of the coefficient-path page: paths over λ with the CV curve below.

Pure functions: results from :mod:`regviz.paths` / :mod:`regviz.crossval` in, a
``plotly.graph_objects.Figure`` out. The x axis is either λ on a log scale (increasing
to the right, as the axis title says) or glmnet's ‖β‖₁ / max ‖β‖₁. The number of
non-zero coefficients runs along the top axis, as in glmnet's ``plot``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz import style
from regviz.conventions import PENALTY_NAMES
from regviz.crossval import CVCurve
from regviz.figures.common import apply_style
from regviz.paths import CoefficientPath, l1_norm_fraction

X_AXES = ("lambda", "norm")
UNITS = ("original", "standardized")

LAMBDA_TITLE = "λ (log scale, increasing →: stronger penalty to the right)"
NORM_TITLE = "‖β‖₁ / max ‖β‖₁ (0 = all coefficients zero, 1 = least penalized)"
# Feature names are written at the end of each line only when they stay readable.
MAX_LABELLED_FEATURES = 15


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
    """
    _check_options(x_axis, units, feature_names, path)
    rows = 2 if cv is not None else 1
    fig = make_subplots(
        rows=rows,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        row_heights=[0.62, 0.38] if rows == 2 else [1.0],
    )
    x_range = _add_path_panel(
        fig, path, lam=lam, names=feature_names, x_axis=x_axis, units=units,
        true_coef=true_coef, row=1, col=1, show_legend=True,
    )  # fmt: skip
    if cv is not None:
        _add_cv_panel(fig, path, cv, lam=lam, x_axis=x_axis, row=2, col=1, show_legend=True)
    _add_count_axis(fig, path, x_axis=x_axis, x_range=x_range, base=1, axis_number=rows + 1)
    for row in range(1, rows + 1):
        fig.update_xaxes(_x_axis_layout(x_axis, x_range), row=row, col=1)
    fig.update_xaxes(title_text=LAMBDA_TITLE if x_axis == "lambda" else NORM_TITLE, row=rows)
    fig.update_yaxes(title_text=_coef_title(units), row=1, col=1)
    fig.update_layout(
        height=760 if rows == 2 else 520,
        title={
            "text": f"{PENALTY_NAMES[path.penalty]} coefficient paths"
            + (f" (r = {path.l1_ratio:g})" if path.penalty == "elasticnet" else ""),
            "y": 0.99,
        },
        legend={"orientation": "h", "y": -0.12, "x": 0},
        hovermode="closest",
        margin={"t": 110},
    )
    return apply_style(fig, classroom=classroom)


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
        From :func:`regviz.crossval.study_paths`.
    lam : float
        The λ picked on the page, drawn in every panel.
    feature_names : sequence of str
    units : {"original", "standardized"}, default "original"
    true_coef : ndarray or None
    classroom : bool, default False

    Returns
    -------
    go.Figure
    """
    penalties = [p for p in ("l1", "l2", "elasticnet") if p in paths]
    for penalty in penalties:
        _check_options("lambda", units, feature_names, paths[penalty])
    fig = make_subplots(
        rows=2,
        cols=len(penalties),
        shared_xaxes="all",
        shared_yaxes="rows",
        horizontal_spacing=0.03,
        vertical_spacing=0.1,
        row_heights=[0.62, 0.38],
    )
    lo = min(p.lambdas[-1] for p in paths.values())
    hi = max(p.lambdas[0] for p in paths.values())
    x_range = _log_range(lo, hi)
    coef_range = _padded(
        min(_coefs(p, units).min() for p in paths.values()),
        max(_coefs(p, units).max() for p in paths.values()),
    )
    cv_range = _padded(
        min(float(np.min(c.mean_mse - c.se_mse)) for c in cvs.values()),
        max(float(np.max(c.mean_mse + c.se_mse)) for c in cvs.values()),
    ) if cvs else None  # fmt: skip
    for col, penalty in enumerate(penalties, start=1):
        _add_path_panel(
            fig, paths[penalty], lam=lam, names=feature_names, x_axis="lambda", units=units,
            true_coef=true_coef, row=1, col=col, show_legend=col == 1, y_range=coef_range,
            label_ends=False,
        )  # fmt: skip
        if penalty in cvs:
            _add_cv_panel(
                fig, paths[penalty], cvs[penalty], lam=lam, x_axis="lambda", row=2, col=col,
                show_legend=col == 1, y_range=cv_range, value_in_legend=False,
            )  # fmt: skip
    for col, penalty in enumerate(penalties, start=1):
        _add_count_axis(
            fig, paths[penalty], x_axis="lambda", x_range=x_range, base=col,
            axis_number=2 * len(penalties) + col,
            title=_panel_title(paths[penalty]) + " · non-zero coefficients",
        )  # fmt: skip
    fig.update_xaxes(_x_axis_layout("lambda", x_range))
    fig.update_xaxes(title_text="λ (log scale, increasing →)", row=2)
    fig.update_yaxes(title_text=_coef_title(units), row=1, col=1)
    fig.update_yaxes(title_text="CV mean squared error", row=2, col=1)
    fig.update_layout(
        height=780,
        legend={"orientation": "h", "y": -0.12, "x": 0},
        margin={"t": 80},
    )
    return apply_style(fig, classroom=classroom)


# --------------------------------------------------------------------------- panels


def _add_path_panel(
    fig: go.Figure,
    path: CoefficientPath,
    *,
    lam: float,
    names: Sequence[str],
    x_axis: str,
    units: str,
    true_coef: np.ndarray | None,
    row: int,
    col: int,
    show_legend: bool,
    y_range: tuple[float, float] | None = None,
    label_ends: bool = True,
) -> list[float]:
    """Draw one line per feature, the λ line and end labels; return the x range."""
    coefs = _coefs(path, units)
    x = _x_values(path, x_axis)
    color = style.penalty_color(path.penalty)
    truly_zero = np.zeros(len(names), dtype=bool) if true_coef is None else true_coef == 0
    legend_done = {"signal": False, "noise": False}
    for j, name in enumerate(names):
        kind = "noise" if truly_zero[j] else "signal"
        if true_coef is None:
            legend_name, group = "one line per feature", "features"
        elif kind == "signal":
            legend_name, group = "truly non-zero feature", "signal"
        else:
            legend_name, group = "truly zero feature", "noise"
        fig.add_trace(
            go.Scatter(
                x=x,
                y=coefs[j],
                mode="lines",
                name=legend_name,
                legendgroup=group,
                showlegend=show_legend and not legend_done[kind],
                line={
                    "color": style.TRUTH_COLOR if kind == "noise" else color,
                    "dash": "dot" if kind == "noise" else "solid",
                    "width": 1.2 if kind == "noise" else None,
                },
                customdata=path.lambdas,
                hovertemplate=f"<b>{name}</b><br>λ = %{{customdata:.4g}}<br>"
                "coefficient = %{y:.4g}<extra></extra>",
            ),
            row=row,
            col=col,
        )
        legend_done[kind] = True
    y_lo, y_hi = y_range or _padded(coefs.min(), coefs.max())
    x_lam = _x_at(path, lam, x_axis)
    fig.add_trace(
        go.Scatter(
            x=[x_lam, x_lam],
            y=[y_lo, y_hi],
            mode="lines",
            name=f"chosen λ = {lam:.3g}",
            legendgroup="lam",
            showlegend=show_legend,
            line={"color": style.PENALTY_COLORS["ols"], "width": 2.5, "dash": "dash"},
            hoverinfo="skip",
        ),
        row=row,
        col=col,
    )
    fig.update_yaxes(range=[y_lo, y_hi], zeroline=True, zerolinewidth=1, row=row, col=col)
    if label_ends and len(names) <= MAX_LABELLED_FEATURES:
        end = int(np.argmin(path.lambdas)) if x_axis == "lambda" else int(np.argmax(x))
        for j, name in enumerate(names):
            fig.add_annotation(
                x=np.log10(x[end]) if x_axis == "lambda" else x[end],
                y=coefs[j, end],
                text=name,
                showarrow=False,
                xanchor="left" if x_axis == "norm" else "right",
                font={"size": 11},
                row=row,
                col=col,
            )
    if x_axis == "lambda":
        return _log_range(path.lambdas[-1], path.lambdas[0])
    return [-0.02, 1.08]


def _add_cv_panel(
    fig: go.Figure,
    path: CoefficientPath,
    cv: CVCurve,
    *,
    lam: float,
    x_axis: str,
    row: int,
    col: int,
    show_legend: bool,
    y_range: tuple[float, float] | None = None,
    value_in_legend: bool = True,
) -> None:
    """CV mean error with ±1 SE bars, λ_min and λ_1se, and the chosen λ."""
    x = _x_values(path, x_axis)
    color = style.penalty_color(cv.penalty)
    k = cv.fold_mse.shape[0]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=cv.mean_mse,
            mode="lines+markers",
            name=f"{k}-fold CV error ± 1 SE",
            legendgroup="cv",
            showlegend=show_legend,
            line={"color": color},
            marker={"size": 4, "color": color},
            error_y={"type": "data", "array": cv.se_mse, "thickness": 1, "width": 0},
            customdata=cv.lambdas,
            hovertemplate="λ = %{customdata:.4g}<br>CV MSE = %{y:.4g}<extra></extra>",
        ),
        row=row,
        col=col,
    )
    y_lo, y_hi = y_range or _padded(
        float(np.min(cv.mean_mse - cv.se_mse)), float(np.max(cv.mean_mse + cv.se_mse))
    )
    markers = (
        (cv.index_min, "λ_min", "dot", "lowest CV error"),
        (cv.index_1se, "λ_1se", "dashdot", "one-standard-error rule"),
    )
    for index, label, dash, meaning in markers:
        fig.add_trace(
            go.Scatter(
                x=[x[index], x[index]],
                y=[y_lo, y_hi],
                mode="lines",
                name=f"{label} = {cv.lambdas[index]:.3g}"
                if value_in_legend
                else f"{label} ({meaning})",
                legendgroup=label,
                showlegend=show_legend,
                line={"color": style.TRUTH_COLOR, "dash": dash, "width": 1.5},
                hovertemplate=f"{label} = {cv.lambdas[index]:.4g}<extra></extra>",
            ),
            row=row,
            col=col,
        )
    x_lam = _x_at(path, lam, x_axis)
    fig.add_trace(
        go.Scatter(
            x=[x_lam, x_lam],
            y=[y_lo, y_hi],
            mode="lines",
            legendgroup="lam",
            showlegend=False,
            line={"color": style.PENALTY_COLORS["ols"], "width": 2.5, "dash": "dash"},
            hoverinfo="skip",
        ),
        row=row,
        col=col,
    )
    fig.update_yaxes(range=[y_lo, y_hi], row=row, col=col)
    if col == 1:
        fig.update_yaxes(title_text=f"CV mean squared error ({k}-fold, ±1 SE)", row=row, col=col)


def _add_count_axis(
    fig: go.Figure,
    path: CoefficientPath,
    *,
    x_axis: str,
    x_range: list[float],
    base: int,
    axis_number: int,
    title: str = "number of non-zero coefficients",
) -> None:
    """glmnet's top axis: the number of non-zero coefficients at a few positions."""
    x = _x_values(path, x_axis)
    counts = path.n_nonzero
    picks = np.unique(np.linspace(0, x.size - 1, 8).round().astype(int))
    positions = np.log10(x[picks]) if x_axis == "lambda" else x[picks]
    name = f"x{axis_number}"
    base_name = "x" if base == 1 else f"x{base}"
    y_name = "y" if base == 1 else f"y{base}"
    # An invisible trace makes plotly draw the overlaying axis.
    fig.add_trace(
        go.Scatter(
            x=[x[picks[0]]],
            y=[None],
            xaxis=name,
            yaxis=y_name,
            showlegend=False,
            hoverinfo="skip",
            mode="markers",
        )
    )
    fig.layout[f"xaxis{axis_number}"] = {
        "overlaying": base_name,
        "side": "top",
        "type": "log" if x_axis == "lambda" else "linear",
        "range": x_range,
        "matches": base_name,
        "tickmode": "array",
        "tickvals": [10**p for p in positions] if x_axis == "lambda" else list(positions),
        "ticktext": [str(int(c)) for c in counts[picks]],
        "title": {"text": title, "standoff": 2},
        "showgrid": False,
        "anchor": y_name,
    }


# --------------------------------------------------------------------------- helpers


def _check_options(x_axis: str, units: str, names: Sequence[str], path: CoefficientPath) -> None:
    if x_axis not in X_AXES:
        raise ValueError(f"x_axis must be one of {X_AXES} (got {x_axis!r}).")
    if units not in UNITS:
        raise ValueError(f"units must be one of {UNITS} (got {units!r}).")
    if len(names) != path.coefs.shape[0]:
        raise ValueError(f"Got {len(names)} feature names for {path.coefs.shape[0]} coefficients.")


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


def _log_range(lo: float, hi: float) -> list[float]:
    """Plotly log axes take their range in log10 units; pad 3 % on each side."""
    a, b = np.log10(lo), np.log10(hi)
    pad = 0.03 * (b - a)
    return [float(a - pad), float(b + pad)]


def _padded(lo: float, hi: float) -> tuple[float, float]:
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    return float(lo - 0.06 * span), float(hi + 0.06 * span)


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
