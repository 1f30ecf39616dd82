"""Every page in a real headless Chromium: it runs, draws its figure, reacts to its slider.

The pages come from :data:`regviz.ui.specs.SPECS`, so a newly declared page is tested
without editing this file. One Streamlit server and one browser
serve all tests of this module; each test gets its own browser context (its own Streamlit
session). A screenshot of each page lands in ``test-artifacts/e2e/<url_path>.png``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from e2e_helpers import (
    HOME,
    PageEntry,
    SliderMove,
    control_within_tabs,
    exception_texts,
    figure_fingerprint,
    move_first_slider,
    open_and_wait,
    read_pages,
    screenshot,
    slider_value,
    wait_for_figure,
    wait_for_figure_change,
    wait_until_idle,
)

from regviz.ui import live_chart

pytestmark = pytest.mark.e2e

PAGES = read_pages()
TAMPERED = "banana"
TAMPERED_PAGES = {"geometry", "monte_carlo", "overfitting", "three_d"}
RESET_LABEL = re.compile("Reset to defaults")


@dataclass(frozen=True)
class LinkState:
    """The first slider's default and moved value, and the URL parameters the move added."""

    default: str
    move: SliderMove
    added: dict[str, str]


# Filled by the figure test so the link test need not move the slider again (saves a
# page load and a rerun per page); the link test moves it itself when run alone.
LINK_STATES: dict[str, LinkState] = {}


def _params(entries: list[PageEntry]) -> list:
    if not entries:
        return [pytest.param(None, marks=pytest.mark.skip(reason="no page in app.py PAGES yet"))]
    return [pytest.param(entry, id=entry.name) for entry in entries]


def _no_exception(page, where: str) -> None:
    boxes = exception_texts(page)
    js = getattr(page, "js_errors", [])
    assert not boxes, f"{where}: Streamlit shows an exception:\n" + "\n---\n".join(boxes)
    assert not [e for e in js if "plotly" in e.lower()], f"{where}: plotly JS errors: {js}"


def _query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def _url_changes(page, before: dict[str, str]) -> dict[str, str]:
    """URL parameters added or changed since ``before`` (the client rewrites the URL after
    the rerun, so give it a moment)."""
    added: dict[str, str] = {}
    for _ in range(30):
        added = {k: v for k, v in _query(page.url).items() if before.get(k) != v}
        if added:
            break
        page.wait_for_timeout(100)
    # One key press is one rerun (several could leave the URL at an earlier value on a
    # busy machine); still, wait until the URL has stopped changing.
    for _ in range(50):
        wait_until_idle(page)
        page.wait_for_timeout(500)
        settled = {k: v for k, v in _query(page.url).items() if before.get(k) != v}
        if settled == added:
            break
        added = settled
    return added


def test_home_page_links_every_page(e2e_server, e2e_page):
    page = e2e_page
    try:
        open_and_wait(page, e2e_server.url(HOME))
        _no_exception(page, "home")
        assert page.locator("h1").first.inner_text().strip(), "home page has no title"
        # On a busy machine the links can arrive after the script reports it has finished:
        # wait for the last of them (a budget of work, not a short timeout).
        links = page.get_by_test_id("stPageLink")
        links.nth(len(PAGES) - 1).wait_for(state="attached", timeout=120_000)
        linked = " ".join(links.all_inner_texts())
        for entry in PAGES:
            assert entry.title in linked, f"home page must link {entry.title!r}"
        for entry in PAGES:
            assert page.get_by_test_id("stSidebarNav").get_by_text(entry.title).count(), (
                f"sidebar navigation misses {entry.title!r}"
            )
    finally:
        screenshot(page, HOME)


@pytest.mark.parametrize("entry", _params(PAGES))
def test_page_draws_figure_and_first_slider_changes_it(e2e_server, e2e_page, entry):
    page = e2e_page
    where = f"page {entry.name!r} ({entry.file})"
    try:
        open_and_wait(page, e2e_server.url(entry))
        _no_exception(page, where)
        wait_for_figure(page)
        _no_exception(page, where)
        before = figure_fingerprint(page)
        assert before is not None, f"{where}: the main plotly figure is not drawn"
        # The keyboard: a control that drives the figure is at most five Tabs away.
        wait_until_idle(page)
        assert control_within_tabs(page, 5), f"{where}: no control within 5 Tab presses"

        assert page.get_by_test_id("stSlider").count(), f"{where}: no st.slider on the page"
        default, query_before = slider_value(page), _query(page.url)
        move = move_first_slider(page, presses=1)
        assert move.after != move.before, f"{where}: slider {move.label!r} did not move"
        after = wait_for_figure_change(page, before)
        wait_until_idle(page)
        _no_exception(page, f"{where} after moving {move.label!r}")
        assert figure_fingerprint(page) is not None, f"{where}: figure gone after the slider"
        LINK_STATES[entry.name] = LinkState(default, move, _url_changes(page, query_before))
        assert after != before, (
            f"{where}: moving slider {move.label!r} from {move.before} to {move.after} "
            "did not change the main (first) plotly figure"
        )
    finally:
        screenshot(page, entry)


@pytest.mark.parametrize("entry", _params(PAGES))
def test_shareable_link_sets_first_slider_and_tampered_value_falls_back(
    e2e_server, e2e_page, entry
):
    page = e2e_page
    where = f"page {entry.name!r} ({entry.file})"
    state = LINK_STATES.get(entry.name)
    if state is None:
        open_and_wait(page, e2e_server.url(entry))
        wait_for_figure(page)
        _no_exception(page, where)
        default, query_before = slider_value(page), _query(page.url)
        move = move_first_slider(page, presses=1)
        wait_until_idle(page)
        state = LinkState(default, move, _url_changes(page, query_before))
    default, move, added = state.default, state.move, state.added
    assert added, (
        f"{where}: moving slider {move.label!r} did not change the URL "
        "(is it created with bind='query-params'?)"
    )
    assert len(added) == 1, f"{where}: one slider move changed several URL params: {added}"
    ((key, value),) = added.items()

    # A teacher's link: a fresh session opened with only that parameter.
    open_and_wait(page, e2e_server.url(entry, urlencode({key: value})))
    wait_for_figure(page)
    _no_exception(page, f"{where} opened with ?{key}={value}")
    assert slider_value(page) == move.after, (
        f"{where}: ?{key}={value} should set slider {move.label!r} to {move.after}, "
        f"it shows {slider_value(page)}"
    )

    # A tampered link falls back to the default instead of crashing (in the browser on a
    # few pages; the AppTest fuzz opens tampered links on every page).
    if entry.name not in TAMPERED_PAGES:
        return
    open_and_wait(page, e2e_server.url(entry, urlencode({key: TAMPERED})))
    notices = " ".join(page.get_by_test_id("stAlert").all_inner_texts())
    assert TAMPERED in notices, f"{where}: no notice that ?{key}={TAMPERED} was ignored"
    wait_for_figure(page)
    _no_exception(page, f"{where} opened with ?{key}={TAMPERED}")
    assert figure_fingerprint(page) is not None, f"{where}: no figure with ?{key}={TAMPERED}"
    assert slider_value(page) == default, (
        f"{where}: ?{key}={TAMPERED} should fall back to the default {default}, "
        f"slider {move.label!r} shows {slider_value(page)}"
    )


@pytest.mark.parametrize("entry", _params(PAGES[:1]))
def test_classroom_link_and_reset_button(e2e_server, e2e_page, entry):
    """``?classroom=1`` turns classroom mode on; "Reset to defaults" undoes a slider move
    without an exception and keeps classroom mode (checked on the first page only: the
    toggle and the button live in app.py's shared sidebar)."""
    page = e2e_page
    where = f"page {entry.name!r} with ?classroom=1"
    open_and_wait(page, e2e_server.url(entry, "classroom=1"))
    wait_for_figure(page)
    _no_exception(page, where)
    from playwright.sync_api import expect

    toggle = page.get_by_test_id("stSidebar").get_by_label("Classroom mode", exact=True)
    # The short form is rewritten by app.py and may cost one more rerun: wait for it.
    expect(toggle, f"{where}: the classroom toggle is off").to_be_checked(timeout=20_000)
    wait_until_idle(page)

    default = slider_value(page)
    move = move_first_slider(page)
    wait_until_idle(page)
    assert slider_value(page) != default, f"{where}: slider {move.label!r} did not move"
    # A button (rerun) or a link (reload at the clean address): accept either.
    reset = page.get_by_test_id("stSidebar").get_by_text(RESET_LABEL).first
    if reset.evaluate("(el) => Boolean(el.closest('a'))"):
        with page.expect_navigation():
            reset.click()
    else:
        reset.click()
        page.wait_for_timeout(300)
    wait_until_idle(page)
    wait_for_figure(page)
    _no_exception(page, f"{where} after 'Reset to defaults'")
    assert slider_value(page) == default, (
        f"{where}: 'Reset to defaults' left slider {move.label!r} at {slider_value(page)}, "
        f"default {default}"
    )
    expect(toggle, f"{where}: 'Reset to defaults' turned classroom mode off").to_be_checked()


# Marks each live chart and its WebGL canvas; later, says which marks survived.
_MARK_LIVE_JS = """
() => Array.from(document.querySelectorAll('.__CLASS__')).map((gd, k) => {
  gd.__regvizMark = k;
  const canvas = gd.querySelector('canvas');
  if (canvas) canvas.__regvizMark = k;
  return k;
})
""".replace("__CLASS__", live_chart.CLASS)
_READ_LIVE_JS = """
() => Array.from(document.querySelectorAll('.__CLASS__')).map((gd) => ({
  element: gd.__regvizMark === undefined ? null : gd.__regvizMark,
  canvas: (gd.querySelector('canvas') || {}).__regvizMark,
  title: gd.layout && gd.layout.title && gd.layout.title.text,
}))
""".replace("__CLASS__", live_chart.CLASS)


def test_three_d_figures_are_updated_in_place_not_drawn_anew(e2e_server, e2e_page):
    """A slider move on the Three coefficients page redraws its 3-D figures in the same
    element and WebGL context (Plotly.react), which is what keeps a move cheap for the
    visitor's browser; the figures still show the new solution."""
    entry = next(e for e in PAGES if e.name == "three_d")
    page = e2e_page
    open_and_wait(page, e2e_server.url(entry))
    wait_for_figure(page)
    wait_until_idle(page)
    _no_exception(page, "three_d")
    marked = page.evaluate(_MARK_LIVE_JS)
    assert len(marked) == 2, f"expected the two 3-D figures as live charts, found {marked}"
    before = page.evaluate(_READ_LIVE_JS)
    fingerprint = figure_fingerprint(page)
    move = move_first_slider(page, presses=1)
    assert move.after != move.before
    wait_for_figure_change(page, fingerprint)
    wait_until_idle(page)
    _no_exception(page, f"three_d after moving {move.label!r}")
    after = page.evaluate(_READ_LIVE_JS)
    assert [a["element"] for a in after] == [0, 1], "a 3-D figure was mounted anew"
    assert [a["canvas"] for a in after] == [0, 1], "a 3-D figure got a new WebGL canvas"
    assert [a["title"] for a in after] != [b["title"] for b in before], (
        f"moving {move.label!r} left the 3-D figures' titles as they were"
    )


_SCENES_RESTING_JS = """
() => {
  const gls = Array.from(document.querySelectorAll('.__CLASS__'))
    .map((gd) => gd._fullLayout && gd._fullLayout.scene && gd._fullLayout.scene._scene)
    .map((scene) => scene && scene.glplot);
  return gls.length === 2 && gls.every((gl) => gl && gl._stopped === true);
}
""".replace("__CLASS__", live_chart.CLASS)
_CAMERA_JS = """
() => document.querySelector('.__CLASS__')._fullLayout.scene._scene.getCamera().eye
""".replace("__CLASS__", live_chart.CLASS)


def test_three_d_scenes_rest_when_still_and_still_follow_changes(e2e_server, e2e_page):
    """A 3-D scene of plotly.js polls for something to draw at every animation frame; the
    live chart stops it once the figure stands still (the browser then does nothing), and
    the stopped scenes still draw a new figure and still turn under the mouse."""
    entry = next(e for e in PAGES if e.name == "three_d")
    page = e2e_page
    open_and_wait(page, e2e_server.url(entry))
    wait_for_figure(page)
    wait_until_idle(page)
    page.wait_for_function(_SCENES_RESTING_JS, timeout=60_000)
    panel = page.locator(f".{live_chart.CLASS}").first
    panel.scroll_into_view_if_needed()
    page.wait_for_function(_SCENES_RESTING_JS, timeout=60_000)
    resting = panel.screenshot()

    fingerprint = figure_fingerprint(page)
    move = move_first_slider(page, presses=2)
    wait_for_figure_change(page, fingerprint)
    wait_until_idle(page)
    page.wait_for_function(_SCENES_RESTING_JS, timeout=60_000)
    moved = panel.screenshot()
    assert moved != resting, f"moving {move.label!r} did not redraw the resting 3-D scene"

    eye = page.evaluate(_CAMERA_JS)
    box = panel.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 16):
        page.mouse.move(x + 8 * step, y + 2 * step)
    page.mouse.up()
    page.wait_for_function(_SCENES_RESTING_JS, timeout=60_000)
    assert page.evaluate(_CAMERA_JS) != eye, "dragging did not turn the resting 3-D scene"
    assert panel.screenshot() != moved, "the turned scene was not drawn"
    _no_exception(page, "three_d after turning a scene")


# Counts what plotly.js asks each 3-D scene to do while it is stopped: a stopped scene
# ignores it, so a draw or a change of traces would be lost.
_COUNT_LOST_JS = """
() => {
  window.regvizLost = { lost: 0, asked: 0 };
  for (const gd of document.querySelectorAll('.__CLASS__')) {
    const gl = gd._fullLayout.scene._scene.glplot;
    for (const name of ['redraw', 'add', 'remove', 'update']) {
      const original = gl[name];
      gl[name] = function (...args) {
        window.regvizLost.asked += 1;
        if (gl._stopped) window.regvizLost.lost += 1;
        return original.apply(this, args);
      };
    }
  }
}
""".replace("__CLASS__", live_chart.CLASS)
_LAST_FRAME_SHOWN_JS = """
() => {
  const gd = document.querySelector('.__CLASS__');
  const frames = gd._transitionData && gd._transitionData._frames;
  return frames && frames.length > 1 && !gd._transitionData._animationRaf
    && gd._fullLayout._currentFrame === String(frames[frames.length - 1].name);
}
""".replace("__CLASS__", live_chart.CLASS)


def test_three_d_resting_scenes_miss_nothing_plotly_asks(e2e_server, e2e_page):
    """Stopped scenes are woken for everything plotly.js draws: ▶ Play's frames (which
    run longer than a scene stays awake) and a new figure after a slider move."""
    entry = next(e for e in PAGES if e.name == "three_d")
    page = e2e_page
    open_and_wait(page, e2e_server.url(entry, "play=1"))
    wait_for_figure(page)
    wait_until_idle(page)
    page.wait_for_function(_SCENES_RESTING_JS, timeout=60_000)
    page.evaluate(_COUNT_LOST_JS)
    panel = page.locator(f".{live_chart.CLASS}").first
    panel.scroll_into_view_if_needed()
    panel.locator(".updatemenu-button").filter(has_text="Play").first.click()
    page.wait_for_function(_LAST_FRAME_SHOWN_JS, timeout=120_000)
    page.wait_for_function(_SCENES_RESTING_JS, timeout=60_000)
    fingerprint = figure_fingerprint(page)
    move_first_slider(page, presses=1)
    wait_for_figure_change(page, fingerprint)
    wait_until_idle(page)
    page.wait_for_function(_SCENES_RESTING_JS, timeout=60_000)
    counted = page.evaluate("() => window.regvizLost")
    assert counted["asked"] > 0, "the scenes were asked to draw nothing: the test saw no frame"
    assert counted["lost"] == 0, f"stopped scenes ignored {counted['lost']} of {counted}"
    _no_exception(page, "three_d after ▶ Play and a move")


_ISTA = ".st-key-optimizer_method_ista .__CLASS__".replace("__CLASS__", live_chart.CLASS)
# The ISTA figure's trail as plotly draws it (points, step-slider position), after marking
# its contour trace so that a later read says whether plotly still holds the same object.
_TRAIL_JS = """
(mark) => {
  const gd = document.querySelector('__ISTA__');
  const kept = window.regvizContours === gd.data[0];
  if (mark) window.regvizContours = gd.data[0];
  return { points: gd._fullData[4].x.length, active: gd.layout.sliders[0].active, kept };
}
""".replace("__ISTA__", _ISTA)
_LAST_STEP_JS = """
() => {
  const gd = document.querySelector('__ISTA__');
  const names = gd.layout.sliders[0].steps.map((step) => step.args[0][0]);
  return window.Plotly.animate(gd, [names[names.length - 1]],
    { frame: { duration: 0, redraw: false }, transition: { duration: 0 }, mode: "immediate" });
}
""".replace("__ISTA__", _ISTA)


def test_live_chart_keeps_unchanged_traces_and_replaces_played_ones(e2e_server, e2e_page):
    """A move that changes only a figure's frames (the Optimizer's Steps) hands plotly the
    traces it already holds, so they are not recalculated; after the figure played its
    frames, the traces the frames changed are drawn from the new figure (step 0)."""
    entry = next(e for e in PAGES if e.name == "optimizer")
    page = e2e_page
    open_and_wait(page, e2e_server.url(entry))
    page.wait_for_selector(_ISTA, timeout=60_000)
    page.wait_for_function(f"() => !!document.querySelector('{_ISTA}')._fullData")
    wait_until_idle(page)
    thumb = (
        page.get_by_test_id("stSlider")
        .filter(has_text="Steps")
        .first.locator('input[type="range"], [role="slider"]')
        .first
    )

    def move_steps() -> dict:
        last = f"() => document.querySelector('{_ISTA}').layout.sliders[0].steps.at(-1).label"
        before = page.evaluate(last)
        thumb.focus()
        thumb.press("ArrowRight")
        # The figure has its new frames once its step slider ends at the new step count.
        page.wait_for_function(f"(before) => ({last})() !== before", arg=before, timeout=60_000)
        wait_until_idle(page)
        return page.evaluate(_TRAIL_JS, False)

    assert page.evaluate(_TRAIL_JS, True)["points"] == 1  # opens at step 0: the start only
    moved = move_steps()
    assert moved["kept"], "a Steps move recalculated the unchanged contour trace"
    assert moved["points"] == 1 and moved["active"] == 0
    page.evaluate(_LAST_STEP_JS)
    played = page.evaluate(_TRAIL_JS, True)
    assert played["points"] > 1 and played["active"] > 0, played
    after_play = move_steps()
    assert after_play["points"] == 1 and after_play["active"] == 0, (
        f"after playing, a Steps move left the played trail on screen: {after_play}"
    )
    _no_exception(page, "optimizer after Steps moves")
