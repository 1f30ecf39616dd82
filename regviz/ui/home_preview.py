"""The home page's small live figure: the diamond and the circle on one loss."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from regviz.experiments.geometry_scenes import (
    DEFAULTS,
    describe_comparison,
    geometry_scenes,
    loss_for,
)
from regviz.figures.geometry import make_preview_figure
from regviz.ui.frame import readable_text


@st.cache_resource(max_entries=1, ttl=3600, show_spinner=False)
def _scenes():
    d = DEFAULTS
    loss = loss_for(
        "bowl", c1=d["c1"], c2=d["c2"], kappa=d["kappa"], angle=d["angle"], n=d["n"],
        rho=d["rho"], seed=d["seed"],
    )  # fmt: skip
    return geometry_scenes(loss, ("l1", "l2"), t=float(d["t"]))


@st.cache_resource(max_entries=4, ttl=3600, show_spinner=False)
def preview_figure(*, classroom: bool, dark: bool) -> tuple[go.Figure, str]:
    """The figure, its text coloured for the theme, and a sentence saying what it shows
    (computed, never typed in).

    The same for every visitor with the same theme and mode, so built once and shared
    read-only (drawing a figure only reads it).
    """
    scenes = _scenes()
    figure = readable_text(make_preview_figure(scenes, classroom=classroom), dark=dark)
    return figure, describe_comparison(scenes)
