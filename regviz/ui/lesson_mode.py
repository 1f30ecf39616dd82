"""Lesson mode: the frame's predict → reveal → next panel on top of any page.

A step's link is ``<page>?lesson=<slug>&step=<n>`` (n from 1). On arrival the page takes
the step's state; the question sits above the figure, which stays blurred (and its
"What to notice" hidden) until the learner has predicted and pressed Reveal. The answer
and its reason are computed from the page's current values by the lesson's functions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from regviz.experiments.lessons import LESSONS, Lesson, Step, lesson_for
from regviz.ui.spec import PageSpec

LESSON = "_regviz_lesson"  # {"lesson": slug, "step": index from 0, "page": slug, "revealed": bool}

BLUR = """<style>
[data-testid="stPlotlyChart"], [data-testid="stMetric"] { filter: blur(9px); }
</style>"""


def _step_of(info: Mapping[str, Any]) -> tuple[Lesson, Step]:
    lesson = lesson_for(info["lesson"])
    return lesson, lesson.steps[info["step"]]


def active(slug: str) -> dict[str, Any] | None:
    """The lesson state if a lesson step is running on this page."""
    info = st.session_state.get(LESSON)
    return info if info is not None and info.get("page") == slug else None


def read_link(spec: PageSpec, params: Mapping[str, list[str]], apply: Callable) -> bool:
    """Start the step a link names (``?lesson=…&step=…``) if it belongs to this page."""
    raw_lesson, raw_step = params.get("lesson"), params.get("step")
    if not raw_lesson:
        if (info := st.session_state.get(LESSON)) is not None and info.get("page") != spec.slug:
            st.session_state.pop(LESSON, None)  # the learner left the lesson's page
        return False
    try:
        lesson = lesson_for(raw_lesson[-1].strip())
        index = int((raw_step or ["1"])[-1]) - 1
        step = lesson.steps[index]
    except (KeyError, ValueError, IndexError):
        return False
    if index < 0 or step.page != spec.slug:
        return False
    start(spec, lesson, index, apply)
    return True


def start(spec: PageSpec, lesson: Lesson, index: int, apply: Callable) -> None:
    """Put this page into step ``index`` of ``lesson`` (before its widgets exist)."""
    step = lesson.steps[index]
    apply(spec, {**spec.defaults, **step.state})
    st.session_state[LESSON] = {
        "lesson": lesson.slug,
        "step": index,
        "page": spec.slug,
        "revealed": False,
    }


def hides_answers(slug: str) -> bool:
    """True while a step on this page waits for the learner's prediction."""
    info = active(slug)
    return info is not None and not info["revealed"]


def url_params(slug: str) -> dict[str, str]:
    info = active(slug)
    if info is None:
        return {}
    return {"lesson": info["lesson"], "step": str(info["step"] + 1)}


def _reveal() -> None:
    st.session_state[LESSON]["revealed"] = True


def _leave() -> None:
    st.session_state.pop(LESSON, None)


def panel(spec: PageSpec, values: Mapping[str, Any], apply: Callable, place: Any) -> None:
    """The question, the choices, Reveal, the computed answer and Next (in ``place``)."""
    info = active(spec.slug)
    if info is None:
        return
    lesson, step = _step_of(info)
    index, total = info["step"], len(lesson.steps)
    with place, st.container(border=True, key="lesson_panel"):
        st.caption(f"Lesson: **{lesson.title}** — step {index + 1} of {total}")
        st.markdown(f"#### {step.question}")
        pick = st.radio(
            "Your prediction",
            options=list(step.choices),
            format_func=step.choices.get,
            index=None,
            horizontal=True,
            key=f"{spec.slug}_lesson_{lesson.slug}_{index}",
        )
        if not info["revealed"]:
            st.html(BLUR)
            st.button(
                "Reveal",
                key=f"{spec.slug}_lesson_reveal",
                on_click=_reveal,
                disabled=pick is None,
                help="Predict first, then see what the page computes.",
            )
            return
        answer = step.answer(values)
        label = step.choices[answer]
        if pick == answer:
            st.success(f"Right: **{label}**. {step.why(values)}", icon=":material/check:")
        else:
            st.warning(f"The page says **{label}**. {step.why(values)}", icon=":material/info:")
        columns = st.columns(2)
        if index + 1 < total:
            columns[0].button(
                "Next step →",
                key=f"{spec.slug}_lesson_next",
                on_click=_next,
                args=(spec, lesson, index + 1, apply),
            )
        else:
            columns[0].markdown(f"**End of “{lesson.title}”.**")
        columns[1].button("Leave the lesson", key=f"{spec.slug}_lesson_leave", on_click=_leave)


GOTO = "_regviz_lesson_goto"  # a step on another page, to switch to on the next run


def _next(spec: PageSpec, lesson: Lesson, index: int, apply: Callable) -> None:
    """Next step: on this page right away; on another page through :func:`follow`."""
    if lesson.steps[index].page == spec.slug:
        start(spec, lesson, index, apply)
    else:
        st.session_state.pop(LESSON, None)
        st.session_state[GOTO] = step_link(lesson, index)


def follow() -> None:
    """Switch to the page of the next step, if the learner asked for one on another page."""
    target = st.session_state.pop(GOTO, None)
    if target is not None:
        path, params = target
        st.switch_page(path, query_params=params)


def step_link(lesson: Lesson, index: int) -> tuple[str, dict[str, str]]:
    """Where step ``index`` (from 0) of a lesson lives: page path and query parameters.

    Examples
    --------
    >>> step_link(lesson_for("corners"), 0)
    ('pages/geometry.py', {'lesson': 'corners', 'step': '1'})
    """
    step = lesson.steps[index]
    return f"pages/{step.page}.py", {"lesson": lesson.slug, "step": str(index + 1)}


__all__ = [
    "LESSONS",
    "active",
    "follow",
    "hides_answers",
    "panel",
    "read_link",
    "step_link",
    "url_params",
]
