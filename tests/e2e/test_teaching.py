"""Teaching in a real browser: lessons step by step, Play without the server, the keyboard.

- every step of every lesson opens from its link, takes a prediction, reveals the computed
  answer and offers the next step, with no exception;
- ▶ Play on Geometry animates the figure in the browser: its frames advance while the page
  script does not run again;
(the keyboard check, a control within five Tab presses, runs in ``test_pages.py`` on the
same page load as the figure check).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from e2e_helpers import (
    PageEntry,
    count_reruns,
    exception_texts,
    open_and_wait,
    read_pages,
    wait_for_figure,
    wait_until_idle,
)

from regviz.experiments.lessons import LESSONS

pytestmark = pytest.mark.e2e

PAGES = read_pages()


def _browser_steps(lesson) -> list[int]:
    """The first step on each page a lesson visits, and its last step: every page and the
    lesson's end in a real browser (the AppTest walk checks every step's answer)."""
    firsts: dict[str, int] = {}
    for index, step in enumerate(lesson.steps):
        firsts.setdefault(step.page, index)
    return sorted({*firsts.values(), len(lesson.steps) - 1})


STEPS = [
    pytest.param(lesson, index, id=f"{lesson.slug}-{index + 1}")
    for lesson in LESSONS
    for index in _browser_steps(lesson)
]


def _entry(slug: str) -> PageEntry:
    return next(p for p in PAGES if p.url_path == slug)


@pytest.mark.parametrize(("lesson", "index"), STEPS)
def test_lesson_step_predict_reveal_next(e2e_server, e2e_page, lesson, index):
    page = e2e_page
    step = lesson.steps[index]
    query = urlencode({"lesson": lesson.slug, "step": index + 1})
    open_and_wait(page, e2e_server.url(_entry(step.page), query))
    where = f"{lesson.slug} step {index + 1}"
    assert not exception_texts(page), where
    panel = page.locator(".st-key-lesson_panel").first
    assert step.question in panel.inner_text(), where
    reveal = panel.get_by_role("button", name="Reveal")
    assert reveal.is_disabled(), f"{where}: Reveal before a prediction"
    panel.get_by_test_id("stRadioOption").first.click()
    wait_until_idle(page)
    reveal.click()
    from playwright.sync_api import expect

    expect(panel, f"{where}: no computed answer").to_contain_text(
        re.compile("Right:|The page says"), timeout=60_000
    )
    wait_until_idle(page)
    told = panel.inner_text()
    labels = list(step.choices.values())
    assert any(label in told for label in labels), f"{where}: no answer among {labels}"
    assert not exception_texts(page), where
    if index + 1 < len(lesson.steps):
        assert panel.get_by_role("button", name="Next step →").count() == 1, where


def test_play_animates_geometry_without_rerunning_the_page(e2e_server, e2e_page):
    page = e2e_page
    open_and_wait(page, e2e_server.url(_entry("geometry")))
    wait_for_figure(page)
    read = """() => {
      const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
      const last = gd.data[gd.data.length - 1];
      return {title: gd.layout.title.text, x: Number(last.x[0]), frames: (gd._transitionData
        && gd._transitionData._frames || []).length};
    }"""
    before = page.evaluate(read)
    assert before["frames"] >= 10, "the figure carries no animation frames"
    count_reruns(page)
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.locator(".updatemenu-button").filter(has_text="Play").first.click()
    seen = {before["title"]}
    for _ in range(40):
        page.wait_for_timeout(150)
        seen.add(page.evaluate(read)["title"])
    assert len(seen) >= 4, f"the frames did not advance: {seen}"
    assert page.evaluate("() => window.__regvizRuns || 0") == 0, "Play reran the page script"
