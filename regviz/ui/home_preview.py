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


@st.cache_resource(max_entries=1, ttl=3600, show_spinner=False)
def _scenes():
    d = DEFAULTS
    loss = loss_for(
        "bowl", c1=d["c1"], c2=d["c2"], kappa=d["kappa"], angle=d["angle"], n=d["n"],
        rho=d["rho"], seed=d["seed"],
    )  # fmt: skip
    return geometry_scenes(loss, ("l1", "l2"), t=float(d["t"]))


def preview_figure(*, classroom: bool) -> tuple[go.Figure, str]:
    """The figure and a sentence saying what it shows (computed, never typed in)."""
    scenes = _scenes()
    return make_preview_figure(scenes, classroom=classroom), describe_comparison(scenes)
