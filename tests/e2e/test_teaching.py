"""Teaching in a real browser: lessons step by step, Play without the server, the keyboard.

- every lesson is walked from its first step's link to its last: each step takes a
  prediction, reveals the computed answer and moves on with "Next step →" (to another page
  where the lesson goes there), with no exception; a step link opens its step directly;
- ▶ Play on Geometry, One λ, Coefficient paths, Overfitting and Early stopping animates
  the figure in the browser: its frames advance while the page script does not run again;
(the keyboard check, a control within five Tab presses, runs in ``test_pages.py`` on the
same page load as the figure check).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from e2e_helpers import (
    ARTIFACTS,
    CHARTS,
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


def _entry(slug: str) -> PageEntry:
    return next(p for p in PAGES if p.url_path == slug)


def _predict_and_reveal(page, lesson, index: int) -> None:
    """On step ``index``: the question shows, Reveal waits for a prediction, the computed
    answer appears after it."""
    from playwright.sync_api import expect

    step = lesson.steps[index]
    where = f"{lesson.slug} step {index + 1}"
    panel = page.locator(".st-key-lesson_panel").first
    expect(panel, f"{where}: not on this step").to_contain_text(step.question, timeout=60_000)
    assert not exception_texts(page), where
    reveal = panel.get_by_role("button", name="Reveal")
    assert reveal.is_disabled(), f"{where}: Reveal before a prediction"
    panel.get_by_test_id("stRadioOption").first.click()
    wait_until_idle(page)
    reveal.click()
    expect(panel, f"{where}: no computed answer").to_contain_text(
        re.compile("Right:|The page says"), timeout=60_000
    )
    wait_until_idle(page)
    told = panel.inner_text()
    labels = list(step.choices.values())
    assert any(label in told for label in labels), f"{where}: no answer among {labels}"
    assert not exception_texts(page), where


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_lesson_walk_predict_reveal_next(e2e_server, e2e_page, lesson):
    """Every step of the lesson, from its first link, moving on with "Next step →" (the
    next step may be on another page)."""
    page = e2e_page
    first = lesson.steps[0]
    query = urlencode({"lesson": lesson.slug, "step": 1})
    open_and_wait(page, e2e_server.url(_entry(first.page), query))
    for index in range(len(lesson.steps)):
        _predict_and_reveal(page, lesson, index)
        if index + 1 < len(lesson.steps):
            panel = page.locator(".st-key-lesson_panel").first
            panel.get_by_role("button", name="Next step →").click()
            wait_until_idle(page)


def test_a_step_link_opens_that_step(e2e_server, e2e_page):
    """A teacher projects step 4 in classroom mode: its link opens that step (on its own
    page) directly. The projector's view is saved to
    ``test-artifacts/e2e/lesson-step-classroom.png``."""
    lesson = LESSONS[1]
    index = min(3, len(lesson.steps) - 1)
    query = urlencode({"lesson": lesson.slug, "step": index + 1, "classroom": 1})
    e2e_page.set_viewport_size({"width": 1280, "height": 720})
    open_and_wait(e2e_page, e2e_server.url(_entry(lesson.steps[index].page), query))
    wait_for_figure(e2e_page)
    wait_until_idle(e2e_page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    e2e_page.screenshot(path=str(ARTIFACTS / "lesson-step-classroom.png"))
    _predict_and_reveal(e2e_page, lesson, index)
    e2e_page.screenshot(path=str(ARTIFACTS / "lesson-step-classroom-revealed.png"))


PLAY_PAGES = [
    ("geometry", ""),
    ("one_lambda", "play=1"),
    ("paths", "play=1"),
    ("overfitting", ""),
    ("early_stopping", ""),
    ("weight_decay", ""),
    ("optimizer", "play=1"),
    ("three_d", "play=1"),
    ("claims", "play=1"),
    ("bayesian", "play=1"),
]
# Frames a page's figure carries at least: the claim checker plays λ every half decade
# (8 frames from 0.001 to 3.2); every other page at least 10.
MIN_FRAMES = {"claims": 8}


@pytest.mark.parametrize(("slug", "query"), PLAY_PAGES, ids=[slug for slug, _ in PLAY_PAGES])
def test_play_animates_without_rerunning_the_page(e2e_server, e2e_page, slug, query):
    """▶ Play on Geometry, on One λ (all three views in one figure), on Coefficient paths,
    on Overfitting, on Early stopping, on Weight decay, on Optimizer (over λ), on Three
    coefficients, on the Claim checker and on Bayesian: the figure's frames advance (the text on its
    traces names the current t or λ; a 3-D figure, redrawn at every frame, names them in
    its title) while the page script does not run again."""
    page = e2e_page
    open_and_wait(page, e2e_server.url(_entry(slug), query))
    wait_for_figure(page)
    wait_until_idle(page)
    read = """() => {
      const gd = document.querySelector('__CHARTS__').querySelector('.js-plotly-plot');
      const texts = gd.data.map((t) => (t.text && t.text.join ? t.text.join('|') : ''));
      // 3-D frames redraw the whole figure, title included (2-D frames do not: there a
      // title that changed in memory is not what the screen shows).
      if (gd.layout.scene) texts.push(gd.layout.title && gd.layout.title.text);
      return {title: texts.join(';'), frames: (gd._transitionData
        && gd._transitionData._frames || []).length};
    }""".replace("__CHARTS__", CHARTS)
    before = page.evaluate(read)
    assert before["frames"] >= MIN_FRAMES.get(slug, 10), f"{slug}: too few animation frames"
    count_reruns(page)
    chart = page.locator(CHARTS).first
    chart.locator(".updatemenu-button").filter(has_text="Play").first.click()
    seen = {before["title"]}
    for _ in range(40):
        page.wait_for_timeout(150)
        seen.add(page.evaluate(read)["title"])
    assert len(seen) >= 4, f"{slug}: the frames did not advance: {seen}"
    assert page.evaluate("() => window.__regvizRuns || 0") == 0, f"{slug}: Play reran the page"


def test_the_csv_download_arrives_in_the_browser(e2e_server, e2e_page):
    """The CSV is written when the button is pressed (not on every page load): pressing it
    in a real browser downloads a file of the page's numbers."""
    page = e2e_page
    open_and_wait(page, e2e_server.url(_entry("weight_decay"), ""))
    wait_for_figure(page)
    wait_until_idle(page)
    button = page.get_by_role("button", name="Download the numbers (CSV)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "regviz-weight_decay-kept.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    header, first = text.splitlines()[:2]
    assert header.startswith("feature,scale,") and "AdamW" in header
    assert len(first.split(",")) == len(header.split(","))
