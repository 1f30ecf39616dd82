"""Styling shared by every figure: fonts, line widths, classroom (projector) mode."""

from __future__ import annotations

import plotly.graph_objects as go

from regviz import style


def apply_style(fig: go.Figure, *, classroom: bool = False) -> go.Figure:
    """Set fonts, line widths and margins for screen or projector, in place.

    Colours of the background and grid are left to the Streamlit theme, so the
    same figure reads well in light and dark mode.

    Parameters
    ----------
    fig : go.Figure
        The figure to style.
    classroom : bool, default False
        Larger fonts, thicker lines and bigger markers for a projector.

    Returns
    -------
    go.Figure
        The same figure, for chaining.
    """
    font = style.CLASSROOM_FONT_SIZE if classroom else style.FONT_SIZE
    width = style.CLASSROOM_LINE_WIDTH if classroom else style.LINE_WIDTH
    marker = style.CLASSROOM_MARKER_SIZE if classroom else style.MARKER_SIZE
    fig.update_layout(
        font={"size": font},
        legend={"font": {"size": font}},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hoverlabel={"font": {"size": font}},
    )
    fig.update_annotations(font_size=font)
    # Streamlit's theme sets its own tick and title sizes; name them explicitly so a
    # projector gets big axis labels too.
    fig.update_xaxes(tickfont_size=font, title_font_size=font)
    fig.update_yaxes(tickfont_size=font, title_font_size=font)
    fig.update_layout(title_font_size=round(font * 1.15))
    scale = style.CLASSROOM_LINE_WIDTH / style.LINE_WIDTH if classroom else 1.0
    for trace in fig.data:
        line = getattr(trace, "line", None)
        if line is not None:
            # Lines drawn at a deliberate width keep their proportions, scaled up in class.
            trace.line.width = width if line.width is None else line.width * scale
        mode = getattr(trace, "mode", None) or ""
        mk = getattr(trace, "marker", None)
        if mk is not None and "markers" in mode and not _is_array(mk.size):
            trace.marker.size = marker if mk.size is None else mk.size * scale
    return fig


def _is_array(value: object) -> bool:
    return isinstance(value, list | tuple) or hasattr(value, "shape")
