"""Every page as the room meets it: a projector, a phone and a dark system theme.

Three visits per page (one Chromium context per setting, pages visited in turn):

- **classroom** — 1280×720 with ``?classroom=1``: the main figure is entirely on the first
  screen, a control in the main column (not a button, not the sidebar) too, the base text
  (prose, labels, metrics, captions) is at least 20 px, and no two texts inside a figure
  overlap;
- **phone** — 390×844 (a phone's viewport and touch): no horizontal overflow, every
  plotting area at least 280 px wide, and a control that drives the figure in the main
  column (no need to open the sidebar);
- **dark** — 1440×900 with a dark system theme: the app background is dark, every text
  has at least 4.5:1 contrast against what is behind it, and no figure text overlaps.

In every setting no text is cut short with "…" (a page link, a button, a toggle's label, a
number under a figure, a page name in the sidebar), nor on an older 1024×768 projector in
classroom mode (**xga**), where the columns are narrowest; the home page and the lessons
index are checked for that too.

The measurements come from :func:`layout_audit.measure_layout`; a screenshot of every page
in every setting is kept in ``test-artifacts/layout/<setting>/<page>.png``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e_helpers import ARTIFACTS, read_pages
from layout_audit import (
    MIN_CONTRAST,
    MIN_PLOT_WIDTH_PX,
    MIN_TEXT_PX,
    SETTINGS,
    PageRef,
    audit_page,
    new_context,
)
from layout_audit import read_pages as read_all_pages

pytestmark = pytest.mark.e2e

PAGES = [PageRef(p.name, p.url_path, p.title, p.file) for p in read_pages()]
LAYOUT_ARTIFACTS = ARTIFACTS.parent / "layout"
# The pages no spec declares (the home page, the lessons index), found in app.py's source.
OTHER_PAGES = [ref for ref in read_all_pages() if ref.name not in {p.name for p in PAGES}]


@pytest.fixture(scope="module")
def contexts(e2e_browser) -> Iterator[dict]:
    """One browser context per setting, shared by the pages of this module."""
    made = {
        name: new_context(e2e_browser, SETTINGS[name])
        for name in ("classroom", "phone", "dark", "xga")
    }
    try:
        yield made
    finally:
        for context in made.values():
            context.close()


def _audit(contexts, server, ref: PageRef, setting: str):
    page = contexts[setting].new_page()
    try:
        report = audit_page(page, server, ref, SETTINGS[setting], artifacts=LAYOUT_ARTIFACTS)
    finally:
        page.close()
    assert report.error is None, f"{ref.name} ({setting}): {report.error}"
    assert report.settled, f"{ref.name} ({setting}) did not settle"
    assert not report.exceptions, f"{ref.name} ({setting}): {report.exceptions}"
    cut = _cut_short(report.raw)  # in every setting, every text is shown whole
    assert not cut, f"{ref.name} ({setting}): text cut short: {cut[:5]}"
    return report.raw


def _cut_short(raw) -> list[str]:
    return [
        f"{c['where']}: {c['text']!r} ({c['shown_px']} of {c['needs_px']} px)"
        for c in raw["truncated_texts"]
    ]


def _overlaps(raw) -> list[str]:
    return [
        f"{o.get('a', o)!r} × {o.get('b', '')!r}" if isinstance(o, dict) else str(o)
        for o in raw.get("overlaps") or []
    ]


@pytest.mark.parametrize("ref", PAGES, ids=lambda r: r.name)
def test_projector_figure_and_control_above_the_fold_big_text_no_overlaps(
    e2e_server, contexts, ref
):
    raw = _audit(contexts, e2e_server, ref, "classroom")
    height = SETTINGS["classroom"].height
    top, figure_height = raw["figure_top"], raw["figure_height"]
    assert top is not None, f"{ref.name}: no figure in the main column"
    assert 0 <= top and top + figure_height <= height + 1, (
        f"{ref.name}: the main figure spans y = {top:.0f}…{top + figure_height:.0f} px, "
        f"beyond the {height} px projector screen"
    )
    first = raw["first_main_control"]
    assert first is not None and first["kind"] != "button" and first["top"] < height, (
        f"{ref.name}: no control of the figure in the main column above the fold ({first})"
    )
    assert raw["min_text"]["px"] >= MIN_TEXT_PX, f"{ref.name}: {raw['min_text']}"
    assert not _overlaps(raw), f"{ref.name}: overlapping figure text: {_overlaps(raw)[:5]}"


@pytest.mark.parametrize("ref", PAGES, ids=lambda r: r.name)
def test_phone_no_overflow_wide_plots_control_in_main_column(e2e_server, contexts, ref):
    raw = _audit(contexts, e2e_server, ref, "phone")
    assert not raw["overflow"], f"{ref.name}: the page scrolls sideways on a phone"
    assert raw["min_plot"] is not None, f"{ref.name}: no plotting area measured"
    assert raw["min_plot"]["px"] >= MIN_PLOT_WIDTH_PX, f"{ref.name}: {raw['min_plot']}"
    assert raw["controls_main"] >= 1, f"{ref.name}: every control is in the sidebar"


@pytest.mark.parametrize("ref", PAGES, ids=lambda r: r.name)
def test_dark_theme_is_followed_and_every_text_reads(e2e_server, contexts, ref):
    raw = _audit(contexts, e2e_server, ref, "dark")
    assert raw["app_background_luminance"] < 0.2, f"{ref.name}: the app stayed light"
    worst = raw["worst_contrast"]
    assert worst["ratio"] >= MIN_CONTRAST, f"{ref.name}: {worst}"
    assert not _overlaps(raw), f"{ref.name}: overlapping figure text: {_overlaps(raw)[:5]}"


@pytest.mark.parametrize("ref", PAGES, ids=lambda r: r.name)
def test_small_projector_reads_every_label_whole(e2e_server, contexts, ref):
    raw = _audit(contexts, e2e_server, ref, "xga")
    assert not raw["overflow"], f"{ref.name}: the page scrolls sideways at 1024×768"


@pytest.mark.parametrize("setting", ["classroom", "phone", "dark", "xga"])
@pytest.mark.parametrize("ref", OTHER_PAGES, ids=lambda r: r.name)
def test_home_and_lessons_index_show_every_link_whole(e2e_server, contexts, ref, setting):
    raw = _audit(contexts, e2e_server, ref, setting)
    assert not raw["overflow"], f"{ref.name} ({setting}): the page scrolls sideways"
