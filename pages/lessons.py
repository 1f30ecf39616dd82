"""Guided lessons: predict, then reveal — each step opens a page in a prepared state."""

from __future__ import annotations

import streamlit as st

from regviz.experiments.lessons import LESSONS
from regviz.ui import css, frame
from regviz.ui.lesson_mode import step_link
from regviz.ui.specs import spec_for

frame.follow_guard_path("pages/lessons.py")
st.html(css.page_css(classroom=frame.classroom_on()))
st.title("Guided lessons")
st.markdown(
    "Each step opens a page in a prepared state and asks a question **before** you see the "
    "answer: predict, press *Reveal*, read why, go on. The answers are computed from what the "
    "page shows, so you may move the sliders and ask again. Every step is a link: a teacher "
    "can project step 3 while the class opens the same step on their phones."
)
for lesson in LESSONS:
    with st.container(border=True):
        st.subheader(lesson.title)
        st.caption(lesson.summary)
        for index, step in enumerate(lesson.steps):
            path, params = step_link(lesson, index)
            st.page_link(
                path,
                label=f"{index + 1}. {step.question}",
                icon=spec_for(step.page).icon,
                query_params=params,
            )
