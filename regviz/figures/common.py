"""Shared by every figure: the palette (one colour per penalty), sizes and styling.

The palette is Okabe & Ito's (2008), safe for the common forms of colour blindness
and readable on both the light and the dark Streamlit theme. :func:`apply_style` sets
fonts, line widths and margins for screen or projector (classroom mode).
"""

from __future__ import annotations

import base64
import functools
import struct
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from regviz.core.losses import QuadraticLoss

PENALTY_COLORS = {
    "l1": "#D55E00",  # vermillion
    "l2": "#0072B2",  # blue
    "elasticnet": "#009E73",  # bluish green
    "ols": "#CC79A7",  # reddish purple
    "lq": "#E69F00",  # orange
}

# Neutral colours that stay visible on white and on Streamlit's dark background.
TRUTH_COLOR = "#7F7F7F"
DATA_COLOR = "#56B4E9"  # sky blue
HIGHLIGHT_COLOR = "#F0E442"  # yellow

# Viridis, colour-blind safe and sequential, as hex colours from dark purple to yellow.
VIRIDIS = (
    "#440154", "#482878", "#3e4989", "#31688e", "#26828e",
    "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725",
)  # fmt: skip

# Figure sizes: normal screen and classroom (projector) mode.
FONT_SIZE = 14
CLASSROOM_FONT_SIZE = 22
LINE_WIDTH = 2.0
CLASSROOM_LINE_WIDTH = 4.0
MARKER_SIZE = 9
CLASSROOM_MARKER_SIZE = 15

# A horizontal legend in the figure's bottom margin (container coordinates): it never sits
# beside the plot, where a narrow column (or a phone) would lose the plot's width to it.
LEGEND_BELOW = {"orientation": "h", "yref": "container", "y": 0.0, "yanchor": "bottom", "x": 0.0}


def penalty_color(penalty: str) -> str:
    """Return the fixed colour of a penalty (``"l1"``, ``"l2"``, ``"elasticnet"``, ...).

    Parameters
    ----------
    penalty : str
        A key of :data:`PENALTY_COLORS`.

    Returns
    -------
    str
        A hex colour.
    """
    try:
        return PENALTY_COLORS[penalty]
    except KeyError:
        known = ", ".join(PENALTY_COLORS)
        raise ValueError(f"Unknown penalty {penalty!r}; expected one of {known}.") from None


THREE_D_TRACES = frozenset(
    {"scatter3d", "mesh3d", "surface", "cone", "streamtube", "volume", "isosurface"}
)
"""plotly trace types drawn in a 3-D scene."""


def has_scene(fig: go.Figure | Mapping[str, Any]) -> bool:
    """Whether ``fig`` (a figure, or one written as plain data) draws a 3-D scene.

    Examples
    --------
    >>> has_scene(go.Figure(go.Mesh3d())), has_scene(go.Figure(go.Scatter()))
    (True, False)
    >>> has_scene({"data": [{"type": "surface"}]})
    True
    """
    if isinstance(fig, Mapping):
        types = [trace.get("type", "scatter") for trace in fig.get("data", ())]
    else:
        types = [trace.type for trace in fig.data]
    return any(kind in THREE_D_TRACES for kind in types)


def apply_style(fig: go.Figure, *, classroom: bool = False, traces: bool = True) -> go.Figure:
    """Set fonts, line widths and margins for screen or projector.

    Colours of the background and grid are left to the Streamlit theme, so the
    same figure reads well in light and dark mode.

    Parameters
    ----------
    fig : go.Figure
        The figure to style.
    classroom : bool, default False
        Larger fonts, thicker lines and bigger markers for a projector.
    traces : bool, default True
        Also set line widths and marker sizes (False for traces copied from figures
        that were styled already).

    Returns
    -------
    go.Figure
        The styled figure (a new one: :func:`style_spec` applied to ``fig.to_dict()``).
    """
    return plain_figure(style_spec(fig.to_dict(), classroom=classroom, traces=traces))


def plain_figure(spec: Mapping[str, Any]) -> go.Figure:
    """A figure from plain data (``{"data": [...], "layout": {...}, "frames": [...]}``),
    not validated.

    Making a figure, plotly validates every property of every trace and frame: most of a
    slider move's server time on a page that rebuilds several figures. The figure tests
    validate each builder's output instead (``go.Figure(fig.to_dict())`` raises on a
    misspelt property).

    Examples
    --------
    >>> fig = plain_figure({"data": [{"type": "bar", "y": [1, 2]}], "layout": {"height": 300}})
    >>> fig.data[0].type, fig.layout.height
    ('bar', 300)
    """
    return go.Figure(spec, _validate=False)


def merge(target: dict, updates: Mapping[str, Any]) -> dict:
    """Merge ``updates`` into the plain-data figure part ``target`` the way plotly's
    ``update_layout`` does: nested dicts merge, anything else replaces; returns ``target``.

    A nested dict that changes is copied first, so constants shared between figures (e.g.
    :data:`LEGEND_BELOW`) are never changed. A title given as a string becomes
    ``{"text": ...}``, as plotly reads it.

    Examples
    --------
    >>> layout = {"title": "Loss", "legend": LEGEND_BELOW}
    >>> merge(layout, {"title": {"font": {"size": 14}}, "legend": {"y": 1.0}})["title"]
    {'text': 'Loss', 'font': {'size': 14}}
    >>> layout["legend"]["y"], LEGEND_BELOW["y"]
    (1.0, 0.0)
    """
    for key, value in updates.items():
        if isinstance(value, Mapping):
            old = target.get(key)
            if isinstance(old, str):
                old = {"text": old}
            target[key] = merge(dict(old) if isinstance(old, Mapping) else {}, value)
        else:
            target[key] = value
    return target


def steady_ticks(low: float, high: float, most: int = 8) -> dict:
    """Axis ticks every 1, 2 or 5 × 10ᵏ from 0, the finest with at most ``most`` steps
    over [low, high], as axis layout entries.

    With automatic ticks, plotly picks the tick step from the axis's length in pixels,
    which its automatic margins change when the end labels stick out: a move of a slider
    can then flip the axis between two sets of ticks and redraw the figure two or three
    times (on the Bayesian page, −3…3 one move and −2, 0, 2 the next). Ticks fixed by the
    range alone are drawn once.

    Examples
    --------
    >>> steady_ticks(-3.0, 3.0)
    {'tickmode': 'linear', 'tick0': 0.0, 'dtick': 1.0}
    >>> steady_ticks(-6.0, 6.0)["dtick"], steady_ticks(0.0, 0.4)["dtick"]
    (2.0, 0.05)
    """
    span = float(high) - float(low)
    if not np.isfinite(span) or span <= 0:
        raise ValueError(f"An axis needs low < high, got [{low}, {high}].")
    decade = 10.0 ** np.floor(np.log10(span / most))
    step = next(m * decade for m in (1.0, 2.0, 5.0, 10.0) if span / (m * decade) <= most)
    return {"tickmode": "linear", "tick0": 0.0, "dtick": float(f"{step:.12g}")}


def layout_axes(
    layout: Mapping[str, Any], prefixes: tuple[str, ...] = ("xaxis", "yaxis")
) -> list[str]:
    """The axes of a layout written as plain data, as ``update_xaxes`` and ``update_yaxes``
    select them: the first axis of each prefix always, and every numbered one the layout
    holds (``("scene",)`` for 3-D scenes). One :func:`merge` can then set them all.

    Examples
    --------
    >>> layout_axes({"yaxis2": {}, "height": 300})
    ['xaxis', 'yaxis', 'yaxis2']
    >>> layout_axes({}, ("scene",))
    ['scene']
    """
    names = set(prefixes) | {
        name for name in layout if name.startswith(prefixes) and layout[name] is not None
    }
    # "xaxis", "yaxis" and "scene" are five letters: the number, if any, follows.
    return sorted(names, key=lambda name: (name[0], int(name[5:] or 1)))


def merge_fonts(
    layout: dict, font: Mapping[str, Any], *, title: Mapping[str, Any] | None = None
) -> dict:
    """Merge the font properties ``font`` into every text of a layout written as plain data:
    its font, legend, annotations and each axis's ticks and title; the figure's title gets
    ``title`` (default ``font``). Returns ``layout``.

    Examples
    --------
    >>> layout = merge_fonts({"annotations": [{"text": "β₂ = 0"}]}, {"color": "#FAFAFA"})
    >>> layout["annotations"][0]["font"], layout["xaxis"]["tickfont"], sorted(layout)[:3]
    ({'color': '#FAFAFA'}, {'color': '#FAFAFA'}, ['annotations', 'font', 'legend'])
    """
    axis = {"tickfont": font, "title": {"font": font}}
    merge(
        layout,
        {
            "font": font,
            "legend": {"font": font},
            **dict.fromkeys(layout_axes(layout), axis),
            "title": {"font": title or font},
        },
    )
    for note in layout.get("annotations", ()):
        merge(note, {"font": font})
    return layout


@functools.cache
def styled_parts(trace_type: str) -> frozenset[str]:
    """Which of ``line`` and ``marker`` a trace type has, as :func:`apply_style` finds
    them on a trace object.

    Examples
    --------
    >>> sorted(styled_parts("scatter")), sorted(styled_parts("heatmap"))
    (['line', 'marker'], [])
    """
    trace = go.Figure({"data": [{"type": trace_type}]}).data[0]
    return frozenset(part for part in ("line", "marker") if getattr(trace, part, None) is not None)


def style_spec(spec: dict, *, classroom: bool = False, traces: bool = True) -> dict:
    """:func:`apply_style` for a figure written as plain data (``{"data": [...], "layout":
    {...}}``), in place; returns ``spec``.

    The result is what :func:`apply_style` makes of ``go.Figure(spec)``, without plotly's
    object model, which costs ~20 ms a figure on a page that builds several at each move.

    Examples
    --------
    >>> spec = {"data": [{"type": "scatter", "y": [1, 2], "mode": "markers"}], "layout": {}}
    >>> trace = style_spec(spec, classroom=True)["data"][0]
    >>> trace["line"]["width"], trace["marker"]["size"], spec["layout"]["font"]["size"]
    (4.0, 15, 22)
    """
    font = CLASSROOM_FONT_SIZE if classroom else FONT_SIZE
    width = CLASSROOM_LINE_WIDTH if classroom else LINE_WIDTH
    marker = CLASSROOM_MARKER_SIZE if classroom else MARKER_SIZE
    layout = spec.setdefault("layout", {})
    merge(layout, {"margin": {"l": 10, "r": 10, "t": 50, "b": 10}})
    merge(layout, {"hoverlabel": {"font": {"size": font}}})
    merge_fonts(layout, {"size": font}, title={"size": round(font * 1.15)})
    if not traces:
        return spec
    scale = CLASSROOM_LINE_WIDTH / LINE_WIDTH if classroom else 1.0
    for trace in spec.get("data", ()):
        known = styled_parts(trace.get("type", "scatter"))
        if "line" in known:
            line = trace["line"] = dict(trace.get("line") or {})
            line["width"] = width if line.get("width") is None else line["width"] * scale
        if "marker" in known and "markers" in (trace.get("mode") or ""):
            dot = trace["marker"] = dict(trace.get("marker") or {})
            if not _is_array(dot.get("size")):
                dot["size"] = marker if dot.get("size") is None else dot["size"] * scale
    return spec


# Neutral greys for Play buttons and step sliders: plotly's default near-white rail glares
# on a dark theme.
NEUTRAL_FILL = "rgba(128,128,128,0.18)"
NEUTRAL_LINE = "rgba(128,128,128,0.7)"


PLAY_AND_SLOW = (("▶ Play", 180), ("▶ Slow", 500))
"""The two Play speeds of a λ sweep (milliseconds per frame)."""


def play_controls(
    names: Sequence[str],
    labels: Sequence[str],
    *,
    classroom: bool = False,
    prefix: str = "",
    speeds: Sequence[tuple[str, int]] = (("▶ Play", 200),),
    active: int = 0,
    slider_x: float | None = None,
    redraw: bool = False,
) -> dict:
    """▶ Play (one button per speed), ❚❚ Pause and a step slider, side by side above the
    plot, as layout entries for a figure whose ``frames`` are named ``names``.

    Playing replays the frames in the browser: no rerun, no server work per frame. The
    slider shows the current frame's label after ``prefix`` (e.g. ``"λ = "``).

    Parameters
    ----------
    names, labels : sequence of str
        The frames' names, and what the slider shows for each.
    classroom : bool, default False
        Projector font sizes.
    prefix : str
        Before the current label.
    speeds : sequence of (label, milliseconds per frame)
        One Play button each (e.g. a normal and a slow one).
    active : int, default 0
        The slider's position before anything plays (the frame the figure shows).
    slider_x : float or None
        Where the slider starts (paper fraction), right of the buttons.
    redraw : bool, default False
        Redraw the whole plot at every frame. 2-D scatter frames need no redraw; 3-D
        (WebGL) traces such as meshes do not move without one.

    Returns
    -------
    dict
        ``{"updatemenus": [...], "sliders": [...]}`` for ``layout.update``.

    Examples
    --------
    >>> ctl = play_controls(["0", "1"], ["a", "b"], prefix="t = ")
    >>> [b["label"] for b in ctl["updatemenus"][0]["buttons"]]
    ['▶ Play', '❚❚']
    >>> ctl["sliders"][0]["currentvalue"]["prefix"], len(ctl["sliders"][0]["steps"])
    ('t = ', 2)
    """
    font = CLASSROOM_FONT_SIZE if classroom else FONT_SIZE

    def motion(duration: int) -> dict:
        return {
            "frame": {"duration": duration, "redraw": redraw},
            "transition": {"duration": 0},
            "fromcurrent": True,
            "mode": "immediate",
        }

    pause = motion(0)
    buttons = [
        {"label": label, "method": "animate", "args": [None, motion(ms)]} for label, ms in speeds
    ]
    buttons.append({"label": "❚❚", "method": "animate", "args": [[None], pause]})
    if slider_x is None:
        slider_x = min(0.12 + 0.13 * len(speeds), 0.5) + (0.06 if classroom else 0.0)
    return {
        "updatemenus": [
            {
                "type": "buttons",
                "direction": "left",
                "x": 0.0,
                "y": 1.0,
                "xanchor": "left",
                "yanchor": "bottom",
                "pad": {"b": 12 if classroom else 10, "t": 0, "l": 0, "r": 0},
                "showactive": False,
                "font": {"size": font},
                "bgcolor": NEUTRAL_FILL,
                "bordercolor": NEUTRAL_LINE,
                "buttons": buttons,
            }
        ],
        "sliders": [
            {
                "active": int(active),
                "x": slider_x,
                "len": 1.0 - slider_x,
                "y": 1.0,
                "yanchor": "bottom",
                "pad": {"t": 0, "b": 4},
                "ticklen": 3,
                "minorticklen": 0,
                "bgcolor": NEUTRAL_FILL,
                "bordercolor": NEUTRAL_LINE,
                "activebgcolor": NEUTRAL_LINE,
                "tickcolor": NEUTRAL_LINE,
                "font": {"size": max(font - 6, 10)},
                "currentvalue": {"prefix": prefix, "font": {"size": font}, "offset": 4},
                "steps": [
                    {"label": label, "method": "animate", "args": [[name], pause]}
                    for name, label in zip(names, labels, strict=True)
                ],
            }
        ],
    }


def column_title(text: str, *, classroom: bool = False) -> dict:
    """A title for a figure drawn in a column: left-aligned at the top of the figure, and
    (outside classroom mode) below the chart toolbar, which a narrow column overlaps.

    Examples
    --------
    >>> column_title("Paths")["pad"], column_title("Paths", classroom=True)["pad"]
    ({'t': 36}, {'t': 8})
    """
    return {
        "text": text,
        "x": 0.01,
        "xref": "container",
        "xanchor": "left",
        "y": 1,
        "yanchor": "top",
        "pad": {"t": 8 if classroom else 36},
    }


def label_gap(y_span: float, plot_px: float, font: float, *, lines: float = 1.45) -> float:
    """The distance, in data units of a y axis spanning ``y_span`` over ``plot_px`` pixels,
    that keeps text labels of ``font`` pixels ``lines`` lines apart (for :func:`spread_labels`).

    Examples
    --------
    >>> label_gap(10.0, 290.0, 20.0)
    1.0
    """
    return y_span * font * lines / max(plot_px, 1.0)


def _is_array(value: object) -> bool:
    return isinstance(value, list | tuple) or hasattr(value, "shape")


def f32(values: object) -> np.ndarray:
    """Values as a contiguous float32 array: plotly ships those as compact base64 typed
    arrays, and single precision is far finer than a pixel.

    Examples
    --------
    >>> f32([1, 2.5]).dtype, f32([1, 2.5]).tolist()
    (dtype('float32'), [1.0, 2.5])
    """
    return np.ascontiguousarray(values, dtype=np.float32)


def outline(points: np.ndarray, *, name: str, line: dict, **extra: object) -> dict:
    """A polyline (an (n, 2) array: a ring, a ball, a path) as a plotly line trace
    without hover: contours and outlines are read by eye, the markers carry the numbers.

    Examples
    --------
    >>> trace = outline(np.zeros((3, 2)), name="ring", line={"width": 1}, fill="toself")
    >>> trace["mode"], trace["hoverinfo"], trace["fill"], trace["x"].dtype
    ('lines', 'skip', 'toself', dtype('float32'))
    """
    points = np.asarray(points)
    return {
        "type": "scatter",
        "x": f32(points[:, 0]),
        "y": f32(points[:, 1]),
        "mode": "lines",
        "name": name,
        "line": line,
        "hoverinfo": "skip",
        **extra,
    }


def rgba(hex_color: str, alpha: float) -> str:
    """``"#RRGGBB"`` with an opacity, as plotly's ``"rgba(r,g,b,a)"``.

    Examples
    --------
    >>> rgba("#0072B2", 0.5)
    'rgba(0,114,178,0.5)'
    """
    red, green, blue = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def loss_ellipses(loss: QuadraticLoss, lim: Sequence[float], n_levels: int = 12) -> np.ndarray:
    """Level curves of the bowl as one polyline (rings separated by NaN rows).

    {β : (β − c)ᵀH(β − c) = r²} is the unit circle mapped by H^(−1/2), shifted to c; the
    radii r are evenly spaced up to the farthest corner of the view. Drawn as scatter
    lines rather than a contour trace, because plotly erases contour traces while an
    animation plays without full redraws.
    """
    values, vectors = np.linalg.eigh(loss.hessian)
    inv_sqrt = vectors @ np.diag(1.0 / np.sqrt(values)) @ vectors.T
    corners = np.array([[x, y] for x in lim for y in lim]) - loss.center
    r_max = float(np.sqrt(np.max(np.einsum("ni,ij,nj->n", corners, loss.hessian, corners))))
    theta = np.linspace(0.0, 2.0 * np.pi, 121)
    circle = np.stack([np.cos(theta), np.sin(theta)], axis=1) @ inv_sqrt
    gap = np.full((1, 2), np.nan)
    rings = [
        np.vstack([loss.center + r * circle, gap])
        for r in np.linspace(r_max / n_levels, r_max, n_levels)
    ]
    return np.round(np.vstack(rings), 5)


def relative_luminance(hex_color: str) -> float:
    """WCAG relative luminance of ``"#RRGGBB"`` (0 for black, 1 for white).

    Examples
    --------
    >>> relative_luminance("#ffffff"), relative_luminance("#000000")
    (1.0, 0.0)
    """
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two hex colours (1 to 21).

    Examples
    --------
    >>> round(contrast_ratio("#0072B2", "#ffffff"), 2)
    5.19
    """
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# The plot backgrounds of Streamlit's light and dark themes.
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#0e1117"


def contour_colors(n: int, *, dark: bool = False) -> list[str]:
    """``n`` Viridis colours, low to high, all ≥ 3:1 against the theme's plot background.

    Viridis runs from near black to pale yellow: on white its yellows vanish, on
    Streamlit's dark background its purples do. Each theme keeps the part that shows.

    Examples
    --------
    >>> colors = contour_colors(5, dark=True)
    >>> min(contrast_ratio(c, DARK_BACKGROUND) for c in colors) >= 3
    True
    """
    background = DARK_BACKGROUND if dark else LIGHT_BACKGROUND
    usable = [c for c in VIRIDIS if contrast_ratio(c, background) >= 3.0]
    if n <= 1:
        return usable[:1]
    positions = np.linspace(0, len(usable) - 1, n)
    return [usable[int(round(x))] for x in positions]


def place_end_labels(
    ends: np.ndarray,
    *,
    y_range: tuple[float, float],
    plot_px: float,
    font: float,
    limit: int | None = None,
) -> tuple[list[int], np.ndarray]:
    """Which line ends to name and where: the largest ``|ends|`` whose names fit 1.45
    lines apart (at most ``limit``), in index order, and their label heights spread apart
    half a line inside the axis (so no name runs into the tick labels above or below).

    Examples
    --------
    >>> named, y = place_end_labels(
    ...     np.array([0.1, -5.0, 2.0, 0.0]), y_range=(-6.0, 6.0), plot_px=50.0, font=10.0
    ... )
    >>> named, y.round(2).tolist()
    ([1, 2], [-4.26, 2.0])
    """
    span = y_range[1] - y_range[0]
    gap = label_gap(span, plot_px, font)
    fits = int(max(0.0, span / gap - 0.5)) if gap > 0 else len(ends)
    if limit is not None:
        fits = min(fits, limit)
    order = np.argsort(-np.abs(np.asarray(ends, dtype=float)), kind="stable")
    named = sorted(int(j) for j in order[:fits])
    low, high = y_range[0] + gap / 2, y_range[1] - gap / 2
    return named, spread_labels(np.asarray(ends, dtype=float)[named], gap=gap, low=low, high=high)


def spread_labels(y: np.ndarray, *, gap: float, low: float, high: float) -> np.ndarray:
    """Label positions near ``y`` at least ``gap`` apart, within [low, high], order kept.

    Labels are pushed up past their lower neighbours, then down below the top and their
    upper neighbours: the smallest moves that separate them (when they fit at all).

    Examples
    --------
    >>> spread_labels(np.array([0.0, 0.1, 5.0, 0.05]), gap=1.0, low=-10, high=10)
    array([-0.95,  1.05,  5.  ,  0.05])
    """
    y = np.asarray(y, dtype=float)
    if y.size == 0:
        return y.copy()
    order = np.argsort(y, kind="stable")
    ys = np.clip(y[order], low, high)
    # Centre each cluster of crowded labels on its members, then separate.
    for i in range(1, ys.size):
        ys[i] = max(ys[i], ys[i - 1] + gap)
    clusters = np.cumsum(np.r_[True, np.diff(ys) > gap * 1.0000001])
    wanted = np.clip(y[order], low, high)
    for c in np.unique(clusters):
        members = clusters == c
        ys[members] -= (ys[members] - wanted[members]).mean()
    for i in range(1, ys.size):
        ys[i] = max(ys[i], ys[i - 1] + gap)
    ys[-1] = min(ys[-1], high)
    for i in range(ys.size - 2, -1, -1):
        ys[i] = min(ys[i], ys[i + 1] - gap)
    ys[0] = max(ys[0], low)
    for i in range(1, ys.size):
        ys[i] = max(ys[i], ys[i - 1] + gap)
    out = np.empty_like(ys)
    out[order] = np.round(ys, 10)
    return out


def png_data_uri(rgba: np.ndarray) -> str:
    """An RGBA image (uint8, shape (h, w, 4), first row on top) as a PNG data URI.

    For maps of a few flat colours (zones, classes) a PNG is a few kB where the same
    grid as numbers is tens of kB, and the browser draws one image instead of a heatmap.

    Examples
    --------
    >>> image = np.zeros((2, 3, 4), dtype=np.uint8); image[..., 3] = 255
    >>> uri = png_data_uri(image)
    >>> uri.startswith("data:image/png;base64,iVBORw0KGgo")
    True
    """
    image = np.ascontiguousarray(rgba, dtype=np.uint8)
    if image.ndim != 3 or image.shape[2] != 4:
        raise ValueError(f"Expected an (h, w, 4) RGBA array; got shape {image.shape}.")
    height, width = image.shape[:2]

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    # Each row starts with filter type 0 (none); flat colours compress well without one.
    rows = np.concatenate([np.zeros((height, 1), np.uint8), image.reshape(height, -1)], axis=1)
    png = b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),
            chunk(b"IDAT", zlib.compress(rows.tobytes(), 9)),
            chunk(b"IEND", b""),
        )
    )
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def rgba_bytes(color: str) -> tuple[int, int, int, int]:
    """``"#RRGGBB"`` or ``"rgba(r,g,b,a)"`` as four bytes (alpha 0–255).

    Examples
    --------
    >>> rgba_bytes("#0072B2"), rgba_bytes("rgba(127,127,127,0.5)")
    ((0, 114, 178, 255), (127, 127, 127, 128))
    """
    if color.startswith("#"):
        return (*(int(color[i : i + 2], 16) for i in (1, 3, 5)), 255)
    red, green, blue, alpha = (float(v) for v in color[color.index("(") + 1 : -1].split(","))
    return int(red), int(green), int(blue), int(round(255 * alpha))
