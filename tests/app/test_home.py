"""AppTest of app.py: the home page renders, suggests a route, links every page, frames them."""

from __future__ import annotations

from pathlib import Path

from apptest_helpers import APP_PATH
from streamlit.testing.v1 import AppTest

from regviz.ui.specs import ROUTE, SPECS


def _app() -> AppTest:
    return AppTest.from_file(APP_PATH, default_timeout=120)


def test_home_renders_with_route_and_live_figure():
    at = _app().run()
    assert not at.exception
    assert "L1 vs L2" in at.title[0].value
    assert at.get("plotly_chart"), "the home page shows a small live figure"
    # The caption under the figure is computed from it (the comparison sentence).
    assert any("Same loss, side by side" in c.value for c in at.caption)
    subheaders = [s.value for s in at.subheader]
    assert any("route" in s for s in subheaders)
    assert len(ROUTE) >= 4


def test_classroom_short_form_in_url_turns_classroom_mode_on():
    at = _app()
    at.query_params["classroom"] = "1"
    at.run()
    assert not at.exception
    assert at.toggle(key="classroom").value is True


def test_classroom_toggle_survives_a_page_switch():
    at = _app().run()
    at.toggle(key="classroom").set_value(True).run()
    at.switch_page("pages/geometry.py").run()
    assert not at.exception
    assert at.session_state["_regviz_classroom"] is True
    assert at.query_params["classroom"] == "1"


def test_every_page_url_is_its_file_stem_and_exists():
    # Before app.py has run once, Streamlit resolves a deep link by file name.
    assert SPECS
    for spec in SPECS:
        assert Path(spec.path).stem == spec.slug
        assert (Path(APP_PATH).parent / spec.path).is_file(), spec.path
