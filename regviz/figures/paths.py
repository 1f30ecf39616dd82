"""Figures of the Coefficient paths page: one figure per penalty, paths over λ, CV below.

Pure functions: results from :mod:`regviz.experiments.paths` and
:mod:`regviz.experiments.crossval` in, a ``plotly.graph_objects.Figure`` out. Each figure
holds one penalty: its coefficient paths on top and its cross-validation curve below, on
one λ axis (log scale, increasing to the right; ticks at powers of ten). The number of
non-zero coefficients runs along the top axis, as in glmnet's ``plot``. Several penalties
are drawn as several figures with the same λ range and the same coefficient range (the
page puts them side by side; on a phone they stack), so lasso and ridge compare directly.

Each feature has its own shade of its penalty's colour (:func:`feature_shades`: every
shade ≥ 3:1 against the plot background of the visitor's theme), and its name is written
at the least-penalized end of its line, spread apart so names never overlap
(:func:`regviz.figures.common.spread_labels`). Text takes the theme's font colour: colours
are for lines only.

The figures are assembled as plain trace and layout dictionaries, styled as data
(:func:`regviz.figures.common.style_spec`), Play added as data, and handed to ``go.Figure``
once without plotly's property validation: the page rebuilds them on every move of the λ
control, and plotly's object model (validation, each layout change) was most of that cost.
The tests validate every variant.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.core.conventions import PENALTY_NAMES
from regviz.core.grids import format_lambda
from regviz.experiments.crossval import CVCurve
from regviz.experiments.paths import CoefficientPath, l1_norm_fraction
from regviz.figures import common as style
from regviz.figures.common import (
    LEGEND_BELOW,
    merge,
    place_end_labels,
    plain_figure,
    play_controls,
    style_spec,
)

X_AXES = ("lambda", "norm")
UNITS = ("original", "standardized")

LAMBDA_TITLE = "λ"
NORM_TITLE = "‖β‖₁ / max ‖β‖₁"
COUNT_TITLE = "non-zero coefficients"
COEF_TITLES = {"standardized": "coef. per SD", "original": "coef. per unit"}
HEIGHT = 500
CLASSROOM_HEIGHT = 430
MAX_LABELS = 15  # names written at the line ends (the largest ones when more would crowd)
LABEL_CHARS = 12  # longer names are shortened at the line end (hover shows them whole)
MAX_LINES = 40  # more features than this: lines grouped by shade into one trace each
MAX_POINTS = 3500  # path points per figure (λ values are thinned for many features)
N_SHADES = 8  # shades (and traces) used when lines are grouped
LAMBDA_LINE = {"color": style.PENALTY_COLORS["ols"], "width": 2.5, "dash": "dash"}
PATHS_DOMAIN = (0.42, 1.0)
CV_DOMAIN = (0.0, 0.3)


def feature_shades(color: str, n: int, *, dark: bool = False) -> list[str]:
    """``n`` shades of one colour, dark to light, each ≥ 3:1 against the plot background.

    The ramp mixes the colour with black (up to 45 %) and with white (up to 65 %) and
    keeps the part that shows on the theme's background: on white the darker half, on
    Streamlit's dark background the lighter half.

    Examples
    --------
    >>> shades = feature_shades("#D55E00", 5)
    >>> len(shades), min(style.contrast_ratio(s, style.LIGHT_BACKGROUND) for s in shades) >= 3
    (5, True)
    >>> dark = feature_shades("#0072B2", 5, dark=True)
    >>> min(style.contrast_ratio(s, style.DARK_BACKGROUND) for s in dark) >= 3
    True
    """
    base = np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    steps = np.linspace(-0.45, 0.65, 45)
    candidates = []
    for t in steps:
        target = 0.0 if t < 0 else 255.0
        rgb = base + (target - base) * abs(t)
        candidates.append("#" + "".join(f"{int(round(v)):02x}" for v in rgb))
    background = style.DARK_BACKGROUND if dark else style.LIGHT_BACKGROUND
    usable = [c for c in candidates if style.contrast_ratio(c, background) >= 3.0]
    if n <= 1:
        # The penalty's own colour when it shows, else the usable shade nearest to it.
        middle = int(np.argmin(np.abs(steps)))
        nearest = min(usable, key=lambda c: abs(candidates.index(c) - middle))
        return [nearest][: max(n, 0)]
    picks = np.linspace(0, len(usable) - 1, n).round().astype(int)
    return [usable[i] for i in picks]


def make_paths_figure(
    path: CoefficientPath,
    cv: CVCurve | None,
    *,
    lam: float,
    feature_names: Sequence[str],
    x_axis: str = "lambda",
    units: str = "standardized",
    true_coef: np.ndarray | None = None,
    at_lambda: np.ndarray | None = None,
    lam_range: tuple[float, float] | None = None,
    coef_range: tuple[float, float] | None = None,
    cv_range: tuple[float, float] | None = None,
    classroom: bool = False,
    dark: bool = False,
    height: int | None = None,
    width: int = 460,
    play: bool = False,
) -> go.Figure:
    """One penalty: coefficient paths on top, the cross-validation curve below, one x axis.

    Parameters
    ----------
    path : CoefficientPath
    cv : CVCurve or None
        Drawn below when given (same λ grid as ``path``).
    lam : float
        The λ picked on the page: a dashed line through both panels.
    feature_names : sequence of str
        One per coefficient: on hover, and at the end of the lines.
    x_axis : {"lambda", "norm"}, default "lambda"
        λ on a log scale, or ‖β‖₁ / max ‖β‖₁ of the penalized coefficients.
    units : {"standardized", "original"}, default "standardized"
        Coefficients per one standard deviation of x, or per unit of x.
    true_coef : ndarray or None
        Synthetic data: features whose true coefficient is zero are grey and dotted.
    at_lambda : ndarray or None
        The exact coefficients at ``lam`` (units of X): a dot where each line meets the
        λ line.
    lam_range, coef_range, cv_range : pair of float or None
        Shared ranges (several figures side by side); the path's own when None.
    classroom, dark : bool
        Projector sizes; the visitor's theme (for the line shades).
    height : int or None
        Pixels; 500 (430 in classroom mode) when None.
    width : int, default 460
        About how wide the figure will be drawn (pixels): how many λ ticks, legend rows
        and how long a title fit.
    play : bool, default False
        Add ▶ Play: frames that sweep the λ line (and its dots) across the path grid,
        played by the browser (:data:`PLAY_FRAMES` at most).

    Returns
    -------
    go.Figure
        Axes ``x``/``y`` hold the paths, ``x2``/``y2`` the CV curve and ``x3`` (``x2``
        without CV) is the top axis with the non-zero counts.

    Examples
    --------
    >>> from regviz.experiments.datasets import load_bundled
    >>> from regviz.experiments.paths import coefficient_path
    >>> data = load_bundled("diabetes")
    >>> fig = make_paths_figure(coefficient_path(data.X, data.y), None, lam=1.0,
    ...                         feature_names=data.feature_names)
    >>> fig.layout.xaxis.type, fig.layout.xaxis.dtick
    ('log', 1)
    """
    _check_options(x_axis, units, feature_names, path)
    two_rows = cv is not None
    font = style.CLASSROOM_FONT_SIZE if classroom else style.FONT_SIZE
    height = height or (CLASSROOM_HEIGHT if classroom else HEIGHT)
    coefs = _coefs(path, units)
    y_range = coef_range or _padded(coefs.min(), coefs.max())
    x = _x_values(path, x_axis)
    if x_axis == "lambda":
        low, high = lam_range or (path.lambdas[-1], path.lambdas[0])
        span = np.log10(high) - np.log10(low)
        x_range = [float(np.log10(low) - 0.02 * span), float(np.log10(high) + 0.02 * span)]
    else:
        x_range = [-0.02, 1.02]
    shades = _line_colors(path, coefs, true_coef, dark=dark)
    where = {"xaxis": "x", "yaxis": "y"}
    line_x, line_y = x, coefs
    if x_axis == "lambda" and path.penalty != "l2" and 10 ** x_range[1] > x[0]:
        # The lasso and the elastic net are exactly zero from λ_max up: draw it so.
        line_x, line_y = np.r_[10 ** x_range[1], x], np.c_[np.zeros(len(coefs)), coefs]
    line_x, line_y = _thin(line_x, line_y)
    traces = _path_traces(path, line_y, line_x, feature_names, shades, true_coef, x_axis, where)
    x_lam = _x_at(path, lam, x_axis)
    moving = [len(traces)]  # the λ line, its dots and the λ line through the CV panel
    traces.append(_vertical(x_lam, y_range, "λ (chosen)", LAMBDA_LINE, "lam", False, where))
    if at_lambda is not None:
        moving.append(len(traces))
        traces.append(
            _dots_at_lambda(x_lam, _in_units(path, at_lambda, units), feature_names, shades, where)
        )
    # Names at the least-penalized end: left of the plot on the λ axis, right on the norm axis.
    end = int(np.argmin(path.lambdas))
    legend_font = round(font * 0.8)
    plot_width = max(width - 130, 120)
    legend_rows = _legend_rows(two_rows, true_coef, legend_font, plot_width)
    dtick = _decades_per_tick(x_range, font, plot_width) if x_axis == "lambda" else None
    margin = {
        "t": round(2.6 * font) + 8,
        "b": round(2.5 * font + legend_rows * 1.5 * legend_font) + 6,
        "l": 8,
        "r": 8,
    }
    panel_px = (height - margin["t"] - margin["b"]) * (
        (PATHS_DOMAIN[1] - PATHS_DOMAIN[0]) if two_rows else 1.0
    )
    label_font = max(12, round(font * 0.8))
    labels, room = _end_labels(
        coefs[:, end], feature_names, true_coef, y_range, panel_px, label_font,
        right=x_axis == "norm",
    )  # fmt: skip
    axis_side = "left" if x_axis == "norm" else "right"
    layout: dict = {
        "xaxis": {**_x_layout(x_axis, x_range, dtick), "anchor": "y"},
        "yaxis": {
            "domain": list(PATHS_DOMAIN) if two_rows else [0.0, 1.0],
            "range": list(y_range),
            "title": {"text": COEF_TITLES[units], "standoff": 4},
            "zeroline": True,
            "anchor": "x",
            "side": axis_side,
            "automargin": True,
            "nticks": 5,
        },
    }
    count_axis = "x3" if two_rows else "x2"
    if two_rows:
        cv_range = cv_range or _cv_range([cv])
        traces += _cv_traces(path, cv, x, x_lam, cv_range)
        moving.append(len(traces) - 1)
        layout["xaxis"].update(matches="x2", showticklabels=False)
        layout["xaxis2"] = {
            **_x_layout(x_axis, x_range, dtick),
            "anchor": "y2",
            "title": {"text": LAMBDA_TITLE if x_axis == "lambda" else NORM_TITLE, "standoff": 2},
        }
        layout["yaxis2"] = {
            "domain": list(CV_DOMAIN),
            "range": list(cv_range),
            "anchor": "x2",
            "side": axis_side,
            "automargin": True,
            "nticks": 3,
            # 6k rather than 6000: a narrower margin (phones need the plot width).
            "tickformat": "~s" if cv_range[1] >= 1000 else "",
        }
    else:
        layout["xaxis"]["title"] = {"text": LAMBDA_TITLE if x_axis == "lambda" else NORM_TITLE}
    traces.append(_count_anchor(x, count_axis))
    title = f"{_panel_name(path)}: {COUNT_TITLE}"
    if len(title) * 0.5 * font > plot_width + 60:  # a narrow figure: a shorter title
        title = f"{_panel_name(path, short=True)}: non-zero"
    layout["xaxis" + count_axis[1:]] = _count_axis(path, x, x_axis, x_range, title, dtick)
    margin["r" if x_axis == "norm" else "l"] = room
    layout.update(
        height=height,
        # Below everything, in the figure's bottom margin (sized for it above).
        legend=LEGEND_BELOW | {"xanchor": "left"},
        hovermode="closest",
    )
    spec = style_spec({"data": traces, "layout": layout}, classroom=classroom)
    # The names go in after the styling, which would set them in the figure's font size.
    merge(
        layout,
        {"margin": margin, "legend": {"font": {"size": legend_font}}, "annotations": labels},
    )
    if play:
        how = {"x_axis": x_axis, "units": units, "font": font, "classroom": classroom,
               "plot_width": plot_width, "x_range": x_range}  # fmt: skip
        _add_play(spec, path, how, lam, moving, at_lambda is not None)
    return plain_figure(spec)


def make_paths_figures(
    paths: Mapping[str, CoefficientPath],
    cvs: Mapping[str, CVCurve],
    *,
    lam: float,
    feature_names: Sequence[str],
    x_axis: str = "lambda",
    units: str = "standardized",
    true_coef: np.ndarray | None = None,
    at_lambda: Mapping[str, np.ndarray] | None = None,
    lam_range: tuple[float, float] | None = None,
    classroom: bool = False,
    dark: bool = False,
    height: int | None = None,
    main_width: int = 930,
    play: bool = False,
) -> list[go.Figure]:
    """One figure per penalty, on one λ range and one coefficient range (and one CV range).

    The page puts them side by side in columns, so the same λ and the same coefficient
    size sit at the same place in every figure; on a phone they stack.

    Parameters
    ----------
    paths, cvs : mapping of penalty → result
        In the order to draw; ``cvs`` may lack a penalty (then no CV panel for it).
    at_lambda : mapping of penalty → ndarray or None
        Exact coefficients at ``lam`` (units of X).
    lam_range : pair of float or None
        The λ range of the axis; the union of the paths' grids when None.
    main_width : int, default 930
        About how wide the row of figures is (pixels; the main column at 1280 px).
    Other parameters as in :func:`make_paths_figure`.

    Returns
    -------
    list of go.Figure
    """
    penalties = list(paths)
    if lam_range is None:
        lam_range = (
            min(float(p.lambdas[-1]) for p in paths.values()),
            max(float(p.lambdas[0]) for p in paths.values()),
        )
    coef_range = _padded(
        min(_coefs(p, units).min() for p in paths.values()),
        max(_coefs(p, units).max() for p in paths.values()),
    )
    cv_range = _cv_range([cvs[p] for p in penalties if p in cvs]) if cvs else None
    return [
        make_paths_figure(
            paths[penalty],
            cvs.get(penalty),
            lam=lam,
            feature_names=feature_names,
            x_axis=x_axis,
            units=units,
            true_coef=true_coef,
            at_lambda=None if at_lambda is None else at_lambda[penalty],
            lam_range=lam_range,
            coef_range=coef_range,
            cv_range=cv_range,
            classroom=classroom,
            dark=dark,
            height=height,
            width=main_width // len(penalties) - 10,
            play=play,
        )
        for penalty in penalties
    ]


# --------------------------------------------------------------------------- ▶ Play
PLAY_FRAMES = 40
PLAY_SPEEDS = (("▶ Play", 150), ("▶ Slow", 450))


def play_indices(n_lambdas: int, n_frames: int = PLAY_FRAMES) -> np.ndarray:
    """Which points of a decreasing λ grid Play shows, in playing order (λ increasing).

    Examples
    --------
    >>> play_indices(100, 5).tolist()
    [99, 74, 50, 25, 0]
    """
    steps = np.unique(np.linspace(0, n_lambdas - 1, min(n_frames, n_lambdas)).round().astype(int))
    return steps[::-1]


def _add_play(
    spec: dict,
    path: CoefficientPath,
    how: dict,
    lam: float,
    moving: list[int],
    dots: bool,
) -> None:
    """Add to the figure written as plain data ``spec``, in place: frames that sweep the λ
    line (labelled with its λ) over the grid; Play, Slow, Pause and, where it fits, a λ
    slider above the non-zero-count axis.

    ``how`` holds ``x_axis``, ``units``, ``font``, ``classroom``, ``plot_width`` and
    ``x_range``.
    """
    font, classroom = how["font"], how["classroom"]
    order = play_indices(len(path.lambdas))
    x = _x_values(path, how["x_axis"])[order]
    coefs = _coefs(path, how["units"])[:, order].astype(np.float32)
    lams = path.lambdas[order]
    # Plotly redraws a frame's traces, not its layout: λ is written on the λ line itself.
    x_range = how["x_range"]
    middle = (x_range[0] + x_range[1]) / 2

    def on_the_line(xv: float, lam_k: float) -> dict:
        right_half = (np.log10(xv) if how["x_axis"] == "lambda" else xv) > middle
        return {"type": "scatter", "x": [xv, xv], "text": ["", f"λ = {format_lambda(lam_k)}"],
                "textposition": "bottom left" if right_half else "bottom right"}  # fmt: skip

    frames = []
    for k, xv in enumerate(x.astype(float)):
        data = [on_the_line(xv, float(lams[k]))]
        if dots:
            data.append(
                {"type": "scatter", "x": np.full(len(coefs), xv, np.float32), "y": coefs[:, k]}
            )
        data += [{"type": "scatter", "x": [xv, xv]}] * (len(moving) - len(data))
        frames.append({"name": str(k), "traces": moving, "data": data})
    # The slider is labelled at the powers of ten only: the title tells the exact λ.
    logs = np.log10(lams)
    labels = [""] * len(order)
    for decade in np.unique(np.round(logs)):
        k = int(np.argmin(np.abs(logs - decade)))
        labels[k] = f"{10.0**decade:g}"
    start = int(np.argmin(np.abs(logs - np.log10(max(lam, 1e-300)))))
    layout = spec["layout"]
    margin = layout["margin"]
    row = round(2.6 * font) + 8
    height = layout["height"] + (0 if classroom else row)  # a projector has no room to grow
    plot_px = height - margin["t"] - row - margin["b"]
    # Buttons, then the λ slider where it fits, then the title "λ = …" at the right.
    buttons_px = sum(0.55 * font * max(len(label), 3) + 22 for label, _ in PLAY_SPEEDS)
    buttons_px += 0.55 * font * 3 + 22
    slider_x = (buttons_px + 10) / how["plot_width"]
    slider_len = 1.0 - slider_x
    controls = play_controls(
        [str(k) for k in range(len(order))], labels, classroom=classroom, speeds=PLAY_SPEEDS,
        active=start, slider_x=slider_x,
    )  # fmt: skip
    lift = 1.0 + margin["t"] / plot_px  # above the count axis and its title
    controls["updatemenus"][0].update(
        y=lift, yanchor="bottom", pad={"b": 8, "t": 0, "l": 0, "r": 0}
    )
    if slider_len * how["plot_width"] >= 6 * font:
        controls["sliders"][0].update(
            y=lift, yanchor="bottom", len=slider_len, pad={"t": 0, "b": 8},
            currentvalue={"visible": False},
        )  # fmt: skip
    else:  # no room for a slider: the page's own λ control does its job
        controls.pop("sliders")
    merge(layout, {**controls, "height": height, "margin": {"t": margin["t"] + row}})
    start_line = on_the_line(float(_x_at(path, lam, how["x_axis"])), float(lam))
    spec["data"][moving[0]].update(
        mode="lines+text", text=start_line["text"], textposition=start_line["textposition"],
        textfont={"size": round(font * 0.9)},  # the theme's text colour
    )  # fmt: skip
    spec["frames"] = frames


# --------------------------------------------------------------------------- traces


def _legend_rows(two_rows: bool, true_coef: np.ndarray | None, font: int, width: float) -> int:
    """Rows the horizontal legend takes under a plot ``width`` pixels wide."""
    items = (["CV error", "λ_min", "λ_1se"] if two_rows else []) + (
        ["truly non-zero feature", "truly zero feature"] if true_coef is not None else []
    )
    if not items:
        return 0
    rows, used = 1, 0.0
    for item in [len(text) * 0.5 * font + 45 for text in items]:
        if used and used + item > width:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def _line_colors(
    path: CoefficientPath, coefs: np.ndarray, true_coef: np.ndarray | None, *, dark: bool
) -> list[str]:
    """One shade per feature (grey for truly zero ones); neighbours at the labelled end
    get contrasting shades."""
    coloured = np.arange(coefs.shape[0])
    if true_coef is not None:
        coloured = coloured[np.asarray(true_coef) != 0]
    colors = [style.TRUTH_COLOR] * coefs.shape[0]
    if coloured.size == 0:
        return colors
    shades = feature_shades(style.penalty_color(path.penalty), min(coloured.size, 12), dark=dark)
    end = coefs[coloured, int(np.argmin(path.lambdas))]
    # Interleave the ramp along the end values: 0, 6, 1, 7, ... for 12 shades.
    half = (len(shades) + 1) // 2
    pairs = zip(range(half), range(half, len(shades)), strict=False)
    interleaved = [s for pair in pairs for s in pair]
    interleaved += [i for i in range(len(shades)) if i not in interleaved]
    for rank, j in enumerate(coloured[np.argsort(end, kind="stable")]):
        colors[j] = shades[interleaved[rank % len(shades)]]
    return colors


def _path_traces(
    path: CoefficientPath,
    coefs: np.ndarray,
    x: np.ndarray,
    names: Sequence[str],
    colors: list[str],
    true_coef: np.ndarray | None,
    x_axis: str,
    where: dict,
) -> list[dict]:
    """One line per feature (grouped by colour when there are many)."""
    x32 = np.asarray(x, dtype=np.float32)
    y32 = np.asarray(coefs, dtype=np.float32)
    truly_zero = np.zeros(len(names), bool) if true_coef is None else np.asarray(true_coef) == 0
    traces: list[dict] = []
    if true_coef is not None and truly_zero.any():
        traces.append(
            _grouped(x32, y32[truly_zero], "truly zero feature", "noise", where)
            | {"line": {"color": style.TRUTH_COLOR, "dash": "dot", "width": 1.2}}
        )
    keep = np.flatnonzero(~truly_zero)
    lam_hover = "λ = %{x:.3g}" if x_axis == "lambda" else "λ = %{customdata:.3g}"
    legend = "truly non-zero feature" if true_coef is not None else None
    if keep.size > MAX_LINES:
        for color in dict.fromkeys(colors[j] for j in keep):
            members = [j for j in keep if colors[j] == color]
            trace = _grouped(x32, y32[members], legend or "features", "signal", where)
            trace["line"] = {"color": color}
            trace["showlegend"] = legend is not None and not any(
                t.get("legendgroup") == "signal" for t in traces
            )
            traces.append(trace)
        return traces
    for count, j in enumerate(keep):
        trace = {
            "type": "scatter",
            "x": x32,
            "y": y32[j],
            "mode": "lines",
            "name": legend or _plain(names[j]),
            "legendgroup": "signal",
            "showlegend": legend is not None and count == 0,
            "line": {"color": colors[j]},
            "hovertemplate": f"<b>{_plain(names[j])}</b><br>{lam_hover}<br>"
            "coefficient = %{y:.4g}<extra></extra>",
            **where,
        }
        if x_axis != "lambda":
            trace["customdata"] = np.asarray(path.lambdas, dtype=np.float32)
        traces.append(trace)
    return traces


def _thin(x: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every k-th λ (and both ends) so that all lines together stay within MAX_POINTS."""
    stride = int(np.ceil(ys.size / MAX_POINTS))
    if stride <= 1:
        return x, ys
    keep = np.unique(np.r_[np.arange(0, x.size, stride), x.size - 1])
    return x[keep], ys[:, keep]


def _grouped(x: np.ndarray, ys: np.ndarray, name: str, group: str, where: dict) -> dict:
    """Many lines as one trace, separated by gaps (one colour, no hover)."""
    gap = np.full(1, np.nan, dtype=np.float32)
    xs = np.concatenate([np.concatenate([x, gap]) for _ in range(len(ys))]) if len(ys) else x[:0]
    yv = np.concatenate([np.concatenate([row, gap]) for row in ys]) if len(ys) else x[:0]
    return {
        "type": "scatter",
        "x": xs.astype(np.float32),
        "y": yv.astype(np.float32),
        "mode": "lines",
        "name": name,
        "legendgroup": group,
        "showlegend": True,
        "hoverinfo": "skip",
        "connectgaps": False,
        **where,
    }


def _dots_at_lambda(
    x_lam: float, values: np.ndarray, names: Sequence[str], colors: list[str], where: dict
) -> dict:
    """The exact coefficients at the chosen λ: one dot per feature on the λ line."""
    return {
        "type": "scatter",
        "x": np.full(len(values), x_lam, dtype=np.float32),
        "y": np.asarray(values, dtype=np.float32),
        "mode": "markers",
        "marker": {"color": colors, "size": 7, "line": {"width": 0}},
        "text": [_plain(n) for n in names],
        "hovertemplate": "<b>%{text}</b> at the chosen λ<br>coefficient = %{y:.4g}<extra></extra>",
        "showlegend": False,
        **where,
    }


def _end_labels(
    ends: np.ndarray,
    names: Sequence[str],
    true_coef: np.ndarray | None,
    y_range: tuple[float, float],
    panel_px: float,
    font: int,
    *,
    right: bool,
) -> tuple[list[dict], int]:
    """Names at the line ends, spread apart; the biggest ones when not all fit.

    Annotations just outside the plot (left of it on the λ axis, right of it on the norm
    axis), in the theme's text colour. Returns them and the margin in pixels they need.
    """
    candidates = np.arange(len(names))
    if true_coef is not None:
        candidates = candidates[np.asarray(true_coef)[candidates] != 0]
    picked, y = place_end_labels(
        ends[candidates], y_range=y_range, plot_px=panel_px, font=font, limit=MAX_LABELS
    )
    chosen = [int(candidates[j]) for j in picked]
    if not chosen:
        return [], 8
    text = [_short(names[j]) for j in chosen]
    labels = [
        {
            "text": label,
            "xref": "x domain",
            "x": 1.0 if right else 0.0,
            "xanchor": "left" if right else "right",
            "xshift": 4 if right else -4,
            "yref": "y",
            "y": float(value),
            "showarrow": False,
            "font": {"size": font},
        }
        for label, value in zip(text, y, strict=True)
    ]
    return labels, int(max(len(t) for t in text) * font * 0.62) + 14


def _cv_traces(
    path: CoefficientPath, cv: CVCurve, x: np.ndarray, x_lam: float, y_range: tuple[float, float]
) -> list[dict]:
    """CV mean error in a ±1 SE band, λ_min and λ_1se, and the chosen λ."""
    color = style.penalty_color(cv.penalty)
    where = {"xaxis": "x2", "yaxis": "y2"}
    x32 = np.asarray(x, dtype=np.float32)
    band = {"type": "scatter", "x": x32, "mode": "lines", "line": {"width": 0},
            "showlegend": False, "hoverinfo": "skip", "legendgroup": "cv", **where}  # fmt: skip
    traces: list[dict] = [
        band | {"y": np.asarray(cv.mean_mse - cv.se_mse, dtype=np.float32)},
        band
        | {
            "y": np.asarray(cv.mean_mse + cv.se_mse, dtype=np.float32),
            "fill": "tonexty",
            "fillcolor": style.rgba(color, 0.25),
        },
        {
            "type": "scatter",
            "x": x32,
            "y": np.asarray(cv.mean_mse, dtype=np.float32),
            "mode": "lines",
            "name": "CV error",
            "legendgroup": "cv",
            "line": {"color": color},
            "customdata": np.asarray(cv.se_mse, dtype=np.float32),
            "hovertemplate": ("λ = %{x:.3g}<br>" if x is path.lambdas else "")
            + "CV error = %{y:.4g} ± %{customdata:.2g}<extra></extra>",
            **where,
        },
    ]
    for index, label, dash in ((cv.index_min, "λ_min", "dot"), (cv.index_1se, "λ_1se", "dashdot")):
        line = {"color": style.TRUTH_COLOR, "dash": dash, "width": 1.5}
        trace = _vertical(float(x[index]), y_range, label, line, label, True, where)
        trace["hovertemplate"] = f"{label} = {cv.lambdas[index]:.4g}<extra></extra>"
        traces.append(trace)
    traces.append(_vertical(x_lam, y_range, "λ (chosen)", LAMBDA_LINE, "lam", False, where))
    return traces


def _vertical(
    x: float, y_range: Sequence[float], name: str, line: dict, group: str, legend: bool, where: dict
) -> dict:
    return {
        "type": "scatter",
        "x": [x, x],
        "y": [float(y_range[0]), float(y_range[1])],
        "mode": "lines",
        "name": name,
        "legendgroup": group,
        "showlegend": legend,
        "line": line,
        "hoverinfo": "skip",
        **where,
    }


def _count_anchor(x: np.ndarray, axis: str) -> dict:
    """An invisible point: plotly draws an overlaying axis only when a trace uses it."""
    return {
        "type": "scatter",
        "x": [float(x[0])],
        "y": [None],
        "xaxis": axis,
        "yaxis": "y",
        "mode": "markers",
        "showlegend": False,
        "hoverinfo": "skip",
    }


def _count_axis(
    path: CoefficientPath,
    x: np.ndarray,
    x_axis: str,
    x_range: list[float],
    title: str,
    dtick: int | None,
) -> dict:
    """glmnet's top axis: the number of non-zero coefficients above the λ ticks."""
    if x_axis == "lambda":
        # Above the bottom axis's powers of ten; the lasso and the elastic net are all zero
        # above their grid, ridge keeps every coefficient.
        start, stop = int(np.ceil(x_range[0])), int(np.floor(x_range[1]))
        where = 10.0 ** np.arange(start, stop + 1, dtick or 1)
        logs = np.log10(path.lambdas)
        nearest = np.abs(logs[None, :] - np.log10(where)[:, None]).argmin(axis=1)
        counts = path.n_nonzero[nearest].copy()
        if path.penalty != "l2":
            counts[where > path.lambdas[0] * 1.0001] = 0
    else:
        picks = np.unique(np.linspace(0, x.size - 1, 6).round().astype(int))
        where, counts = x[picks], path.n_nonzero[picks]
    return {
        "overlaying": "x",
        "matches": "x",
        "side": "top",
        "anchor": "y",
        "type": "log" if x_axis == "lambda" else "linear",
        "range": x_range,
        "tickmode": "array",
        "tickvals": [float(v) for v in where],
        "ticktext": [str(int(c)) for c in counts],
        "tickangle": 0,
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


def _plain(name: str) -> str:
    """A feature name as plain text for plotly (which renders some HTML, links included)."""
    return html.escape(str(name), quote=False)


def _short(name: str) -> str:
    text = str(name)
    text = text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"
    return _plain(text)


def _coefs(path: CoefficientPath, units: str) -> np.ndarray:
    return path.standardized_coefs if units == "standardized" else path.coefs


def _in_units(path: CoefficientPath, coef: np.ndarray, units: str) -> np.ndarray:
    return np.asarray(coef) * path.x_scale if units == "standardized" else np.asarray(coef)


def _x_values(path: CoefficientPath, x_axis: str) -> np.ndarray:
    return path.lambdas if x_axis == "lambda" else l1_norm_fraction(path)


def _x_at(path: CoefficientPath, lam: float, x_axis: str) -> float:
    if x_axis == "lambda":
        return float(lam)
    # Interpolate the norm fraction in log λ; the grid is decreasing, np.interp wants increasing.
    fraction = l1_norm_fraction(path)
    return float(np.interp(np.log(lam), np.log(path.lambdas[::-1]), fraction[::-1]))


def _x_layout(x_axis: str, x_range: list[float], dtick: int | None) -> dict:
    if x_axis == "lambda":
        # Ticks at powers of ten only (every dtick-th), level: no minor labels to run into
        # the major ones, none turned on its side.
        return {
            "type": "log",
            "range": x_range,
            "dtick": dtick or 1,
            "exponentformat": "power",
            "tickangle": 0,
        }
    return {"type": "linear", "range": x_range}


def _decades_per_tick(x_range: list[float], font: int, plot_width: float) -> int:
    """Every how many powers of ten a λ tick fits (a label like 10⁻² is ~2.4 fonts wide)."""
    decades = int(np.floor(x_range[1]) - np.ceil(x_range[0])) + 1
    fit = max(2, int(plot_width // (2.4 * font)))
    return max(1, int(np.ceil(decades / fit)))


def _padded(lo: float, hi: float) -> tuple[float, float]:
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    return float(lo - 0.06 * span), float(hi + 0.06 * span)


def _cv_range(cvs: Sequence[CVCurve]) -> tuple[float, float]:
    return _padded(
        min(float(np.min(c.mean_mse - c.se_mse)) for c in cvs),
        max(float(np.max(c.mean_mse + c.se_mse)) for c in cvs),
    )


def _panel_name(path: CoefficientPath, *, short: bool = False) -> str:
    label = PENALTY_NAMES[path.penalty]
    if path.penalty == "elasticnet" and not short:
        label += f", r = {path.l1_ratio:g}"
    return label
