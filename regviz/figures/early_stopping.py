"""Figures of early stopping ≈ ridge: the trajectory on the ridge path, and the two filters.

Pure functions: an :class:`regviz.experiments.earlystopping.EarlyStoppingResult` in, a
``plotly.graph_objects.Figure`` out. Figures are written as plain trace and layout
dictionaries, styled as data (:func:`regviz.figures.common.style_spec`) and made a
``go.Figure`` once, unvalidated (plotly's object model would validate each trace and layout
change again, most of the server's time when a slider moves); arrays go out as float32,
and the trajectory is thinned to log-spaced steps (what the eye resolves on a log axis).

Both figures fit a half-width column at any font size: short titles, log ticks at powers
of ten, the legend in the bottom margin (none in classroom mode, where the figures stand
one under the other at 450 px, above the fold of a projector), feature names spread apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.experiments.earlystopping import EarlyStoppingResult, gd_filter, ridge_filter
from regviz.figures import common as style
from regviz.figures.common import (
    LEGEND_BELOW,
    column_title,
    merge,
    place_end_labels,
    plain_figure,
    play_controls,
    style_spec,
)

# Okabe–Ito orange: gradient descent (ridge keeps the L2 colour of every page).
GD_COLOR = "#E69F00"
RIDGE_COLOR = style.penalty_color("l2")

RIDGE_NAME = "ridge path β(λ)"
GD_NAME = "gradient descent, drawn at λ = 1/(η·t)"
CURRENT_GD_NAME = "gradient descent at the current t"
CURRENT_RIDGE_NAME = "ridge at λ = 1/(η·t)"
TRAJECTORY_HEADING = "Gradient descent (dashed) on the ridge path"
LAMBDA_TITLE = "λ (log scale)"
STEPS_TITLE = "steps t = 1/(η·λ)"
COEF_TITLE = "coefficient (per SD of x)"

GD_FILTER_NAME = "gradient descent 1 − (1 − η·d)^t"
RIDGE_FILTER_NAME = "ridge d/(d + λ)"
GD_FACTORS_NAME = "gradient descent, each eigen-direction"
RIDGE_FACTORS_NAME = "ridge, each eigen-direction"
FILTER_HEADING = "Share of each eigen-direction kept"
EIGEN_TITLE = "eigenvalue d of XᵀX/n"
FILTER_TITLE = "filter factor"

MAX_TRAJECTORY_POINTS = 100
MAX_LABELLED_FEATURES = 15
N_FILTER_POINTS = 200
HEIGHT, CLASSROOM_HEIGHT = 630, 450
PLAY_SPEEDS = (("▶ Play", 220), ("▶ Slow", 600))


def thinned_steps(n_steps: int, current: int, n_points: int = MAX_TRAJECTORY_POINTS) -> np.ndarray:
    """About ``n_points`` log-spaced steps in 1 … n_steps, always including ``current``.

    Examples
    --------
    >>> thinned_steps(10, 3).tolist()
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    >>> len(thinned_steps(5000, 30)) <= 101
    True
    """
    steps = np.unique(np.round(np.geomspace(1, n_steps, n_points)).astype(int))
    return np.union1d(steps, [current])


def make_trajectory_figure(
    result: EarlyStoppingResult,
    *,
    classroom: bool = False,
    height: int | None = None,
    play_steps: Sequence[int] | None = None,
) -> go.Figure:
    """The gradient-descent trajectory laid over the ridge path, both against λ.

    Every gradient-descent iterate β_t is drawn at λ = 1/(η·t) (its step count on the top
    axis), so the two families of curves can be compared coefficient by coefficient. The
    current t is marked on both: gradient descent (filled) and ridge at the matched λ
    (ring), joined by a vertical line.

    Parameters
    ----------
    result : EarlyStoppingResult
    classroom : bool, default False
        Larger fonts and lines for a projector, and no legend (the title says which line
        is which).
    height : int or None
        Pixels; 630 (450 in classroom mode) when None.
    play_steps : sequence of int or None
        Add ▶ Play: frames that move the current t through these steps (the iterate, the
        matched ridge solution and the line joining them, labelled with t), played by
        the browser.

    Returns
    -------
    go.Figure
        Traces, in order: one ridge line per feature, one gradient-descent line per
        feature, the feature names (when at most 15; at the least-penalized end of the
        ridge lines, spread apart so that they do not overlap), the current
        gradient-descent iterate, the matched ridge solution, and an invisible anchor of
        the top axis.

    Examples
    --------
    >>> from regviz.experiments.earlystopping import early_stopping_on
    >>> fig = make_trajectory_figure(early_stopping_on(), classroom=True)
    >>> fig.layout.height, fig.layout.showlegend, fig.layout.xaxis.dtick
    (450, False, 1)
    """
    r = result
    p = len(r.feature_names)
    path = r.ridge_path
    lam_lo, lam_hi = float(path.lambdas.min()), float(path.lambdas.max())
    log_lo, log_hi = np.log10(lam_lo), np.log10(lam_hi)
    span = log_hi - log_lo
    labelled = p <= MAX_LABELLED_FEATURES
    x_range = [log_lo - (0.14 if labelled else 0.03) * span, log_hi + 0.03 * span]
    steps = thinned_steps(r.n_steps, r.t)
    gd_x = r.matched_lambdas[steps].astype(np.float32)
    coefs = np.concatenate([path.coefs.ravel(), r.trajectory[steps].ravel()])
    y_range = _padded(float(coefs.min()), float(coefs.max()))
    height = height or (CLASSROOM_HEIGHT if classroom else HEIGHT)
    margin = {"t": 110 if classroom else 116, "b": 75 if classroom else 150}
    font = style.CLASSROOM_FONT_SIZE if classroom else style.FONT_SIZE
    row = round(2.6 * font) + 6  # the Play buttons' row, under the heading
    if play_steps is not None:
        margin["t"] += row  # before the end labels are spaced for the plot's height

    traces: list[dict] = []
    ridge_x = path.lambdas.astype(np.float32)
    for j, name in enumerate(r.feature_names):
        traces.append(
            {
                "type": "scatter", "mode": "lines", "x": ridge_x,
                "y": path.coefs[j].astype(np.float32),
                "name": RIDGE_NAME, "legendgroup": "ridge", "showlegend": j == 0,
                "line": {"color": RIDGE_COLOR, "width": 2.0},
                "hovertemplate": f"{name}<br>λ = %{{x:.3g}}<br>β = %{{y:.3g}}<extra>ridge</extra>",
            }
        )  # fmt: skip
    for j, name in enumerate(r.feature_names):
        traces.append(
            {
                "type": "scatter", "mode": "lines", "x": gd_x,
                "y": r.trajectory[steps, j].astype(np.float32),
                "customdata": steps.astype(np.int16),
                "name": GD_NAME, "legendgroup": "gd", "showlegend": j == 0,
                "line": {"color": GD_COLOR, "width": 2.0, "dash": "dash"},
                "hovertemplate": (
                    f"{name}<br>t = %{{customdata}} (λ = 1/(η·t) = %{{x:.3g}})"
                    "<br>β = %{y:.3g}<extra>gradient descent</extra>"
                ),
            }
        )  # fmt: skip
    if labelled:
        # One text trace rather than one annotation per name: far cheaper to build.
        end = int(np.argmin(path.lambdas))
        # The biggest coefficients are named when not every name fits.
        named, label_y = place_end_labels(
            path.coefs[:, end], y_range=y_range, plot_px=height - margin["t"] - margin["b"],
            font=font,
        )  # fmt: skip
        traces.append(
            {
                "type": "scatter", "mode": "text",
                "x": np.full(len(named), path.lambdas[end], dtype=np.float32),
                "y": label_y.astype(np.float32),
                "text": [r.feature_names[j] for j in named],
                "textposition": "middle left", "cliponaxis": False, "showlegend": False,
                "hoverinfo": "skip",
            }
        )  # fmt: skip
    lam = r.lam
    traces.append(
        {
            "type": "scatter", "mode": "markers",
            "x": np.full(p, lam, dtype=np.float32), "y": r.beta_gd.astype(np.float32),
            "text": list(r.feature_names),
            "name": f"{CURRENT_GD_NAME} = {r.t}",
            "marker": {"color": GD_COLOR, "size": style.MARKER_SIZE, "symbol": "circle"},
            "hovertemplate": "%{text}<br>β_t = %{y:.3g}<extra>gradient descent</extra>",
        }
    )  # fmt: skip
    traces.append(
        {
            "type": "scatter", "mode": "markers",
            "x": np.full(p, lam, dtype=np.float32), "y": r.beta_ridge.astype(np.float32),
            "text": list(r.feature_names),
            "name": f"{CURRENT_RIDGE_NAME} = {lam:.3g}",
            "marker": {
                "color": RIDGE_COLOR, "size": style.MARKER_SIZE + 5, "symbol": "circle-open",
                "line": {"width": 2.5},
            },
            "hovertemplate": "%{text}<br>β_ridge = %{y:.3g}<extra>ridge</extra>",
        }
    )  # fmt: skip
    traces.append(
        {
            "type": "scatter", "mode": "markers", "x": [float(r.t)], "y": [None],
            "xaxis": "x2", "yaxis": "y", "showlegend": False, "hoverinfo": "skip",
        }
    )  # fmt: skip

    # The top axis shows t = 1/(η·λ): in log10 units, log t = −log η − log λ (reversed).
    minus_log_eta = -np.log10(r.eta)
    top_range = [minus_log_eta - x_range[0], minus_log_eta - x_range[1]]
    top_ticks = _log_ticks(10.0 ** top_range[1], 10.0 ** top_range[0])
    layout = {
        "xaxis": {
            "type": "log", "range": x_range, "exponentformat": "power", "dtick": 1,
            "title": {"text": LAMBDA_TITLE},
        },
        "xaxis2": {
            "type": "log", "overlaying": "x", "side": "top", "anchor": "y",
            "range": top_range, "tickvals": top_ticks, "ticktext": [f"{v:g}" for v in top_ticks],
            "title": {"text": STEPS_TITLE, "standoff": 4}, "showgrid": False,
        },
        "yaxis": {"range": list(y_range), "title": {"text": COEF_TITLE}, "zeroline": True},
        "shapes": [
            {
                "type": "line", "xref": "x", "yref": "paper", "x0": lam, "x1": lam,
                "y0": 0, "y1": 1, "line": {"color": style.TRUTH_COLOR, "width": 1.5,
                                            "dash": "dot"},
            }
        ],
        "hovermode": "closest",
    }  # fmt: skip
    if play_steps is None:
        spec = _fit_to_column(traces, layout, TRAJECTORY_HEADING, classroom, height, margin)
        return plain_figure(spec)
    # Plotly redraws a frame's traces, not its shapes or titles: the λ line becomes a
    # trace labelled with t, and the frames move it with the two sets of markers.
    layout.pop("shapes")
    moving = [len(traces) - 3, len(traces) - 2, len(traces)]
    traces.append(_t_line(r, r.t, y_range))
    frames = []
    for k, step in enumerate(s for s in play_steps if 1 <= s <= r.n_steps):
        at = float(r.matched_lambdas[step])
        frames.append(
            {"name": str(k), "traces": moving, "data": [
                {"type": "scatter", "x": np.full(p, at, np.float32),
                 "y": r.trajectory[step].astype(np.float32)},
                {"type": "scatter", "x": np.full(p, at, np.float32),
                 "y": r.matched_ridge[step].astype(np.float32)},
                _t_line(r, step, y_range),
            ]}
        )  # fmt: skip
    spec = _fit_to_column(traces, layout, TRAJECTORY_HEADING, classroom, height, margin)
    controls = play_controls(
        [f["name"] for f in frames], [""] * len(frames), classroom=classroom, speeds=PLAY_SPEEDS
    )
    plot_px = height - margin["t"] - margin["b"]
    top_axis_px = margin["t"] - row - (round(1.9 * font) + (8 if classroom else 36))
    menu = controls["updatemenus"][0] | {"yanchor": "bottom", "y": 1.0 + top_axis_px / plot_px}
    merge(spec["layout"], {"updatemenus": [menu]})
    spec["frames"] = frames  # plain data: validating them would cost more than a move
    return plain_figure(spec)


def _t_line(r: EarlyStoppingResult, step: int, y_range: Sequence[float]) -> dict:
    """The line at λ = 1/(η·t), labelled with t at its top."""
    at = float(r.matched_lambdas[step])
    return {
        "type": "scatter", "mode": "lines+text", "x": [at, at],
        "y": [float(y_range[0]), float(y_range[1])], "text": ["", f"t = {step}"],
        "textposition": "bottom right", "showlegend": False, "hoverinfo": "skip",
        "line": {"color": style.TRUTH_COLOR, "width": 1.5, "dash": "dot"},
    }  # fmt: skip


def make_filter_figure(
    result: EarlyStoppingResult, *, classroom: bool = False, height: int | None = None
) -> go.Figure:
    """Filter factors per eigen-direction: 1 − (1 − η·d)^t against d/(d + λ), λ = 1/(η·t).

    Both methods keep, in the eigen-direction of XᵀX/n with eigenvalue d, the fraction
    "filter factor" of the least-squares component. The curves are the two filters as
    functions of d; the markers are the data's own eigenvalues; the dotted line is d = λ.

    Parameters
    ----------
    result : EarlyStoppingResult
    classroom : bool, default False
        Larger fonts and lines for a projector, and no legend.
    height : int or None
        Pixels; 630 (450 in classroom mode) when None.

    Returns
    -------
    go.Figure
        Traces, in order: the gradient-descent filter curve, the ridge filter curve, the
        gradient-descent factors and the ridge factors at the data's eigenvalues.
    """
    r = result
    d = r.eigenvalues
    lam = r.lam
    d_pos = d[d > 0]
    lo = min(float(d_pos.min()), lam) / 3.0
    hi = max(float(d_pos.max()), lam) * 3.0
    grid = np.geomspace(lo, hi, N_FILTER_POINTS)
    # Beyond d = 1/η a gradient step would overshoot; the curve stops there.
    gd_grid = grid[grid <= 1.0 / r.eta]
    hover = "d = %{x:.3g}<br>factor = %{y:.3f}<extra>%{fullData.name}</extra>"
    traces = [
        {
            "type": "scatter", "mode": "lines", "x": gd_grid.astype(np.float32),
            "y": gd_filter(gd_grid, r.eta, r.t).astype(np.float32), "name": GD_FILTER_NAME,
            "line": {"color": GD_COLOR, "width": 2.5, "dash": "dash"}, "hovertemplate": hover,
        },
        {
            "type": "scatter", "mode": "lines", "x": grid.astype(np.float32),
            "y": ridge_filter(grid, lam).astype(np.float32), "name": RIDGE_FILTER_NAME,
            "line": {"color": RIDGE_COLOR, "width": 2.5}, "hovertemplate": hover,
        },
        {
            "type": "scatter", "mode": "markers", "x": d_pos.astype(np.float32),
            "y": r.gd_filter[d > 0].astype(np.float32), "name": GD_FACTORS_NAME,
            "marker": {"color": GD_COLOR, "size": style.MARKER_SIZE, "symbol": "circle"},
            "hovertemplate": hover,
        },
        {
            "type": "scatter", "mode": "markers", "x": d_pos.astype(np.float32),
            "y": r.ridge_filter[d > 0].astype(np.float32), "name": RIDGE_FACTORS_NAME,
            "marker": {
                "color": RIDGE_COLOR, "size": style.MARKER_SIZE + 5, "symbol": "circle-open",
                "line": {"width": 2.5},
            },
            "hovertemplate": hover,
        },
    ]  # fmt: skip
    layout = {
        "xaxis": {
            "type": "log", "range": [np.log10(lo), np.log10(hi)], "exponentformat": "power",
            "dtick": 1, "title": {"text": EIGEN_TITLE},
        },
        "yaxis": {"range": [-0.04, 1.06], "title": {"text": FILTER_TITLE}},
        "shapes": [
            {
                "type": "line", "xref": "x", "yref": "paper", "x0": lam, "x1": lam,
                "y0": 0, "y1": 1,
                "line": {"color": style.TRUTH_COLOR, "width": 1.5, "dash": "dot"},
            }
        ],
        "annotations": [
            {
                "x": np.log10(lam), "y": 1.0, "xref": "x", "yref": "paper",
                "text": f"d = λ = {lam:.3g}", "showarrow": False, "xanchor": "left",
                "yanchor": "bottom",
            }
        ],
        "hovermode": "closest",
    }  # fmt: skip
    height = height or (CLASSROOM_HEIGHT if classroom else HEIGHT)
    margin = {"t": 110 if classroom else 116, "b": 75 if classroom else 150}
    spec = _fit_to_column(traces, layout, FILTER_HEADING, classroom, height, margin)
    return plain_figure(spec)


def _fit_to_column(
    traces: list[dict], layout: dict, heading: str, classroom: bool, height: int, margin: dict
) -> dict:
    """The figure as plain data, styled, with the short heading, size and legend of a
    column figure."""
    layout |= {
        "title": column_title(heading, classroom=classroom),
        "height": height,
        "showlegend": not classroom,
        "legend": LEGEND_BELOW,  # style_spec merges into a copy: the constant stays
    }
    spec = style_spec({"data": traces, "layout": layout}, classroom=classroom)
    # Room for the title (above the top axis) and the legend (style_spec's margins are slim).
    merge(layout, {"margin": margin})
    return spec


def _log_ticks(lo: float, hi: float) -> list[float]:
    """Powers of ten between lo and hi (1, 3, 10, 30, ... when fewer than two fit): the top
    axis is reversed, so plotly's own log ticks come out as bare minor digits.

    Examples
    --------
    >>> _log_ticks(0.5, 2000.0), _log_ticks(2.0, 40.0)
    ([1.0, 10.0, 100.0, 1000.0], [3.0, 10.0, 30.0])
    """
    decades = range(int(np.floor(np.log10(max(lo, 1e-12)))), int(np.ceil(np.log10(hi))) + 1)
    powers = [10.0**k for k in decades if lo <= 10.0**k <= hi]
    if len(powers) >= 2:
        return powers
    return [v for v in (m * 10.0**k for k in decades for m in (1, 3)) if lo <= v <= hi]


def _padded(lo: float, hi: float) -> tuple[float, float]:
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    return lo - 0.06 * span, hi + 0.06 * span
