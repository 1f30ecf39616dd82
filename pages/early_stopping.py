"""Early stopping ≈ ridge: gradient descent stopped after t steps, laid over the ridge path."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from regviz.experiments.earlystopping import (
    EarlyStoppingResult,
    alt_text,
    code_snippet,
    describe_early_stopping,
    early_stopping_on,
    summary,
)
from regviz.figures.early_stopping import make_filter_figure, make_trajectory_figure
from regviz.ui.frame import open_page
from regviz.ui.specs.early_stopping import SPEC, steps_up_to

page = open_page(SPEC)
v = page.controls()  # the sidebar: data set, step size, trajectory length
t = page.control("t", values=steps_up_to(int(v.n_steps)))  # the main control, above the figures


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def compute(dataset: str, step_scale: float, n_steps: int, t: int) -> EarlyStoppingResult:
    """Gradient descent for T steps and ridge at λ = 1/(η·t) for every t (cached)."""
    return early_stopping_on(dataset, step_scale=step_scale, n_steps=n_steps, t=t)


def fit_to_column(fig: go.Figure, *, title: str, **layout) -> go.Figure:
    """Short titles, log ticks at powers of ten, the legend in the bottom margin (none on a
    projector): the figures fit a column at any font size. Belongs in
    regviz/figures/early_stopping.py (kept here: that module is outside this page's brief)."""
    big = page.classroom
    return fig.update_layout(
        # Left-aligned; below the toolbar (top right) where a column is narrow.
        title={
            "text": title,
            "x": 0.01,
            "xref": "container",
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 8 if big else 36},
        },
        height=450 if big else 630,
        margin={"t": 110 if big else 116, "b": 75 if big else 150},
        showlegend=not big,
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"},
        xaxis_dtick=1,
        **layout,
    )


result = page.run(
    compute,
    str(v.dataset),
    float(v.step_scale),
    int(v.n_steps),
    int(t),
    what="This setting cannot be drawn",
)

# Classroom: the figures one under the other, each the full width of a projector; else
# side by side (Streamlit stacks columns on a phone).
places = (st.container(), st.container()) if page.classroom else st.columns(2, gap="medium")
trajectory = fit_to_column(
    make_trajectory_figure(result, classroom=page.classroom),
    title="Gradient descent (dashed) on the ridge path",
    xaxis_title_text="λ (log scale)",
    xaxis2_title_text="steps t = 1/(η·λ)",
    yaxis_title_text="coefficient (per SD of x)",
)
decades = [v for v in trajectory.layout.xaxis2.tickvals if float(np.log10(v)).is_integer()]
trajectory.update_layout(xaxis2={"tickvals": decades, "ticktext": [f"{v:g}" for v in decades]})
page.figure(trajectory, key="trajectory", alt=alt_text(result, "trajectory"), place=places[0])
filters = fit_to_column(
    make_filter_figure(result, classroom=page.classroom),
    title="Share of each eigen-direction kept",
    xaxis_title_text="eigenvalue d of XᵀX/n",
    yaxis_title_text="filter factor",
)
page.figure(filters, key="filters", alt=alt_text(result, "filters"), place=places[1])
for column, (label, value) in zip(st.columns(4), summary(result), strict=True):
    column.metric(label, value)

page.presets()
page.notes(describe_early_stopping(result))
page.code(code_snippet(result))
page.done()
