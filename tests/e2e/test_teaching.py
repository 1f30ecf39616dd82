"""Teaching in a real browser: lessons step by step, Play without the server, the keyboard.

- every step of every lesson opens from its link, takes a prediction, reveals the computed
  answer and offers the next step, with no exception;
- ▶ Play on Geometry animates the figure in the browser: its frames advance while the page
  script does not run again;
- from the top of the main column, a control that drives the main figure is at most five
  Tab presses away on every page.
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
from regviz.ui.specs import spec_for

pytestmark = pytest.mark.e2e

PAGES = read_pages()
STEPS = [
    pytest.param(lesson, index, id=f"{lesson.slug}-{index + 1}")
    for lesson in LESSONS
    for index in range(len(lesson.steps))
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


FOCUSED_CONTROL_JS = """() => {
  const el = document.activeElement;
  if (!el || el.closest('[data-testid="stSidebar"]')) return null;
  const ids = ['stSlider', 'stRadio', 'stSelectbox', 'stToggle', 'stCheckbox',
               'stNumberInput', 'stSegmentedControl', 'stButtonGroup', 'stMultiSelect'];
  for (const id of ids) { if (el.closest(`[data-testid="${id}"]`)) return id; }
  return null;
}"""


@pytest.mark.parametrize("entry", PAGES, ids=lambda e: e.name)
def test_main_control_within_five_tab_presses(e2e_server, e2e_page, entry):
    page = e2e_page
    open_and_wait(page, e2e_server.url(entry))
    wait_for_figure(page)
    wait_until_idle(page)
    # Start where a reader starts: a click on the page title moves the keyboard's
    # starting point to the top of the main column.
    page.locator('[data-testid="stMain"] h1').first.click()
    reached = None
    for _ in range(5):
        page.keyboard.press("Tab")
        reached = page.evaluate(FOCUSED_CONTROL_JS)
        if reached:
            break
    assert reached, f"{entry.name}: no control of the figure within 5 Tab presses"
    assert spec_for(entry.url_path).controls, entry.name
