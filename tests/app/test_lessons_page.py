"""AppTest of lesson mode: every step of every lesson — predict, reveal, next — runs clean."""

from __future__ import annotations

import pytest
from apptest_helpers import APP_PATH, plotly_specs
from streamlit.testing.v1 import AppTest

from regviz.experiments.lessons import LESSONS
from regviz.ui.lesson_mode import step_link


def _open_step(lesson_slug: str, step: int) -> AppTest:
    at = AppTest.from_file(APP_PATH, default_timeout=300)
    at.query_params["lesson"] = lesson_slug
    at.query_params["step"] = str(step)
    at.run()
    path, _ = step_link(next(x for x in LESSONS if x.slug == lesson_slug), step - 1)
    at.switch_page(path).run()
    assert not at.exception
    return at


def test_lessons_page_lists_every_step():
    at = AppTest.from_file(APP_PATH, default_timeout=120).run()
    at.switch_page("pages/lessons.py").run()
    assert not at.exception
    assert at.title[0].value == "Guided lessons"
    assert [s.value for s in at.subheader] == [lesson.title for lesson in LESSONS]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_walk_every_step_predict_reveal_next(lesson):
    at = _open_step(lesson.slug, 1)
    for index, step in enumerate(lesson.steps):
        slug = step.page
        if index and lesson.steps[index - 1].page != slug:
            # Next switched to another page with ?lesson=…&step=… (checked below); AppTest
            # follows a switch once, so the walk goes on from that step's link.
            assert at.query_params.get("step") == str(index + 1)
            at = _open_step(lesson.slug, index + 1)
        assert not at.exception, f"step {index + 1}"
        assert any(step.question in m.value for m in at.markdown), f"step {index + 1}"
        assert not any("What to notice" in c.value for c in at.caption), "answer shown early"
        assert plotly_specs(at), "the figure is drawn (blurred) before the reveal"
        pick = at.radio(key=f"{slug}_lesson_{lesson.slug}_{index}")
        wrong = next(k for k in step.choices if k != step.answer(step.state))
        pick.set_value(wrong).run()
        at.button(key=f"{slug}_lesson_reveal").click().run()
        assert not at.exception, f"step {index + 1} after reveal"
        told = [w.value for w in at.warning] + [s.value for s in at.success]
        label = step.choices[step.answer({**_page_values(at, slug), **step.state})]
        assert any(label in text for text in told), (label, told)
        assert any("What to notice" in c.value for c in at.caption) or step.page != "geometry"
        if index + 1 < len(lesson.steps):
            at.button(key=f"{slug}_lesson_next").click().run()
            assert not at.exception


def _page_values(at: AppTest, slug: str) -> dict:
    from regviz.ui.specs import spec_for

    return dict(spec_for(slug).defaults)


def test_a_step_link_sets_the_state_and_the_answer_follows_the_sliders():
    at = _open_step("corners", 2)  # the lasso alone with t = 2.3: no zero
    assert at.slider(key="geometry_t").value == 2.3
    at.radio(key="geometry_lesson_corners_1").set_value("yes").run()
    at.button(key="geometry_lesson_reveal").click().run()
    assert any("**No**" in w.value for w in at.warning)
    # Shrink the ball: now the corner is touched, and the computed answer follows.
    at.slider(key="geometry_t").set_value(1.0).run()
    assert any("**Yes**" in s.value for s in at.success)
