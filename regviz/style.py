"""One colour per penalty across every page, and the sizes used on a projector.

The palette is Okabe & Ito's (2008), safe for the common forms of colour blindness
and readable on both the light and the dark Streamlit theme.
"""

from __future__ import annotations

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

# A sequential, colour-blind-safe scale for loss contours.
CONTOUR_COLORSCALE = "Viridis"

# Figure sizes: normal screen and classroom (projector) mode.
FONT_SIZE = 14
CLASSROOM_FONT_SIZE = 22
LINE_WIDTH = 2.0
CLASSROOM_LINE_WIDTH = 4.0
MARKER_SIZE = 9
CLASSROOM_MARKER_SIZE = 15


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
