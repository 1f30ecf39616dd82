"""The checks every page's AppTest makes, written once: presets, reset, links, tampered
links, classroom mode, the byte budget of a move and a failing core call.

Import the module as ``check`` and call a check with the page's own data, then add what
only that page shows::

    import page_checks as check

    def test_presets_set_their_full_state(index):
        at = _page({"lam": "2.5", "seed": "5"})
        expected = check.preset_sets_its_full_state(at, SPEC, index)

Each check asserts what its name says, reads the page's controls from its spec
(:mod:`regviz.ui.specs`) and returns what the page needs for its own further checks. The
tampered links, Reset and the failing core call are run for every page at once, over a
table of the pages' own data, in ``test_page_contract``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
import streamlit as st
from apptest_helpers import (
    assert_inert_notices,
    assert_shown,
    charts,
    control_widget,
    drawn_values,
    open_clean,
    open_page,
    plotly_specs,
)
from streamlit.testing.v1 import AppTest

from regviz.ui.live_chart import THEME_CHART_KEY
from regviz.ui.spec import PageSpec


def assert_shows(
    at: AppTest, spec: PageSpec, state: Mapping[str, Any], *, classroom: bool = False
) -> None:
    """The page shows ``state``: each control the spec shows for it is drawn, and each drawn
    control shows its value in ``state``.

    Controls of a section the page did not draw are not expected (Monte Carlo's article
    opens on its toggle); a value of None is chosen by the page from its data (the λ the
    Paths page starts at), so it is not compared. In ``classroom`` mode no secondary
    control may be drawn (its value still applies, from the link or the defaults).
    """
    drawn = drawn_values(at, spec)
    sections = {spec.control(name).section for name in drawn}
    for control in spec.controls:
        if classroom and control.secondary:
            assert control.name not in drawn, f"{control.name} is drawn in classroom mode"
            continue
        expected = state[control.name]
        if control.section in sections and control.is_visible(state):
            assert control.name in drawn, f"{control.name} is not drawn"
        if control.name in drawn and expected is not None:
            assert_shown(control.name, drawn[control.name], expected)


def preset_sets_its_full_state(at: AppTest, spec: PageSpec, index: int) -> dict[str, Any]:
    """Press preset ``index`` on an opened page: it runs cleanly and every control shows the
    preset's full state (its values over the defaults). Returns that state."""
    at.button(key=spec.key(f"preset_{index}")).click().run()
    assert not at.exception, at.exception
    expected = spec.preset_values(list(spec.presets)[index])
    assert_shows(at, spec, expected)
    return expected


def reset_restores_defaults(at: AppTest, spec: PageSpec) -> None:
    """Press Reset on an opened page: it runs cleanly, every control shows its default and
    the link is bare again."""
    at.button(key=spec.key("reset")).click().run()
    assert not at.exception, at.exception
    assert_shows(at, spec, spec.defaults)
    assert dict(at.query_params) == {}


def classroom_hides_the_details(
    at: AppTest, spec: PageSpec, state: Mapping[str, Any] | None = None
) -> None:
    """On a page in classroom mode: no secondary control is drawn, and every other control
    shows ``state`` (the defaults unless given) as :func:`assert_shows` checks it."""
    assert_shows(at, spec, spec.defaults if state is None else state, classroom=True)


def link_opens(spec: PageSpec, query: dict[str, Any], expected: Mapping[str, Any]) -> AppTest:
    """Open the page from the link ``query``: it runs cleanly, with no notice, and the named
    controls show ``expected`` (control name → value). Returns the AppTest."""
    at = open_clean(spec.path, query)
    assert not at.info, [info.value for info in at.info]
    for name, value in expected.items():
        shown = control_widget(at, spec, name).value
        assert_shown(name, tuple(shown) if isinstance(shown, list) else shown, value)
    return at


# A parameter no page knows, carrying 7 kB of HTML; Markdown that would show an image.
UNKNOWN_SCRIPT = {"evil": "<script>alert(1)</script>" * 300}
IMAGE = "![x](https://example.invalid/x.png)"


def impossible_numbers(name: str, **rest: str) -> list[dict[str, str]]:
    """Links giving ``name`` numbers no control takes: inf, −inf and 400 digits (``rest``
    rides along, e.g. the data source that shows a seed)."""
    return [{name: text, **rest} for text in ("inf", "-inf", "9" * 400)]


def link_notices(at: AppTest) -> list[str]:
    """The notices the page frame gives about a link (the ones with its link_off icon)."""
    return [info.value for info in at.info if info.proto.icon == ":material/link_off:"]


def tampered_link_falls_back(
    page: str, query: dict[str, Any], *, quotes_html: bool = False
) -> AppTest:
    """Open ``page`` from a tampered link: it runs cleanly and draws a figure, the frame
    says what it did not use, and every notice is short and inert (see
    :func:`assert_inert_notices`). Returns the AppTest.

    Besides, an image's ``![`` stands only where a code span opens, and ``<script>``
    stands nowhere — unless ``quotes_html``: a page whose notice quotes a link's HTML value
    inside a code span, where it is plain text.
    """
    at = open_clean(page, query)
    assert plotly_specs(at), f"no figure for {query}"
    assert link_notices(at), f"no notice for {query}"
    assert_inert_notices(at, query)
    for text in (info.value for info in at.info):
        assert "![" not in text.replace("`![", "")
        assert quotes_html or "<script>" not in text
    return at


def kept_mounted(at: AppTest, spec: PageSpec, *, every_figure: bool = False) -> None:
    """The figures the spec's ``kept_mounted`` names (by figure key) are drawn by the live
    chart, which the browser redraws in place; none of them is an ordinary chart; with
    ``every_figure``, no figure on the page is. The hidden chart that carries the theme the
    live ones copy is on the page. A renamed figure key fails here (with ``every_figure``,
    or when it was the only one) instead of silently falling back to an ordinary chart."""
    assert spec.kept_mounted, "the spec keeps no figure mounted"
    names = {f"{spec.slug}_{key}" for key in spec.kept_mounted}
    live = {chart.key for chart in charts(at) if chart.type == "bidi_component"}
    ordinary = {chart.key for chart in charts(at) if chart.type == "plotly_chart"}
    assert live, "no figure is kept mounted"
    assert live <= names, f"kept mounted but not in the spec: {live - names}"
    assert not ordinary & names, f"ordinary charts the spec keeps mounted: {ordinary & names}"
    assert not (every_figure and ordinary), f"ordinary charts: {ordinary}"
    carriers = [e for e in at.main if e.type == "plotly_chart" and e.key == THEME_CHART_KEY]
    assert len(carriers) == 1, "no theme carrier"


def move_changes_the_first_figure(at: AppTest, spec: PageSpec, name: str, value: Any) -> None:
    """Move control ``name`` to ``value``: the page runs cleanly and its first figure
    changes."""
    before = plotly_specs(at)[0]
    control_widget(at, spec, name).set_value(value).run()
    assert not at.exception, at.exception
    assert plotly_specs(at)[0] != before, f"moving {name} left the first figure as it was"


# What one move may send again (the figures whose JSON changed), on every page: 250 kB.
MAX_MOVE_BYTES = 250_000


def move_within_budget(
    at: AppTest,
    spec: PageSpec,
    name: str,
    value: Any,
    max_bytes: int = MAX_MOVE_BYTES,
    *,
    submit: str | None = None,
    same_figures: bool = True,
) -> list[str]:
    """Move control ``name`` to ``value``: the page runs cleanly, some figure changes, and
    the figures sent again (those whose JSON changed, new ones included) total at most
    ``max_bytes`` (every page's budget :data:`MAX_MOVE_BYTES` unless given). Returns the
    figures after the move.

    ``submit`` is the key of the form button pressed with the move (a control in a form
    applies only then). The page draws as many figures as before, unless ``same_figures``
    is False (a move that may add or remove a figure).
    """
    before = plotly_specs(at)
    control_widget(at, spec, name).set_value(value)
    if submit:
        at.button(key=submit).click()
    at.run()
    assert not at.exception, at.exception
    after = plotly_specs(at)
    assert after != before, f"moving {name} changed no figure"
    if same_figures:
        assert len(after) == len(before), f"moving {name} drew {len(after)} figures"
    sent = sum(len(s) for i, s in enumerate(after) if i >= len(before) or s != before[i])
    assert sent <= max_bytes, f"{name}: {sent:,} bytes"
    return after


def failing_core_call_shows_an_error(
    monkeypatch: pytest.MonkeyPatch,
    page: str,
    target: str,
    *,
    reason: str,
    says: str,
    query: dict[str, str] | None = None,
) -> AppTest:
    """Make the core call ``target`` (``"module.function"``) raise ``ValueError(reason)``:
    the page then shows an error saying ``says`` and no figure, never a traceback.

    Streamlit's caches are emptied before (a stored result would skip the broken call)
    and after (no later test sees what the broken call left). Returns the AppTest.
    """

    def broken(*args, **kwargs):
        raise ValueError(reason)

    monkeypatch.setattr(target, broken)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = open_page(page, query=query)
        assert not at.exception, at.exception
        assert at.error and says in at.error[0].value, [error.value for error in at.error]
        assert not plotly_specs(at)
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
    return at
