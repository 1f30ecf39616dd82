"""Early stopping ≈ ridge: gradient descent stopped after t steps, laid over the ridge path."""

from __future__ import annotations

import streamlit as st

from regviz.experiments.earlystopping import (
    EarlyStoppingResult,
    alt_text,
    code_snippet,
    coefficients_table,
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
steps = steps_up_to(int(v.n_steps))  # ▶ Play moves t through the slider's own values
trajectory = make_trajectory_figure(result, classroom=page.classroom, play_steps=steps)
page.figure(trajectory, key="trajectory", alt=alt_text(result, "trajectory"), place=places[0])
filters = make_filter_figure(result, classroom=page.classroom)
page.figure(filters, key="filters", alt=alt_text(result, "filters"), place=places[1])
page.readouts(summary(result))

page.presets()
page.notes(describe_early_stopping(result))
page.download_table(coefficients_table, result, name="coefficients")
page.code(code_snippet(result))
page.done()
