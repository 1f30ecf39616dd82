"""AppTest of app.py: the home page renders, links every page, and the shared sidebar works."""

from __future__ import annotations

import ast
from pathlib import Path

from apptest_helpers import APP_PATH
from streamlit.testing.v1 import AppTest


def _app() -> AppTest:
    return AppTest.from_file(APP_PATH, default_timeout=60)


def test_home_renders_without_exception():
    at = _app().run()
    assert not at.exception
    assert "L1 vs L2" in at.title[0].value


def test_classroom_short_form_in_url_turns_the_toggle_on():
    at = _app()
    at.query_params["classroom"] = "1"
    at.run()
    assert not at.exception
    assert at.toggle(key="classroom").value is True


def test_reset_link_reopens_the_page_and_keeps_classroom_mode():
    at = _app().run()
    assert not at.exception
    links = [m.value for m in at.sidebar.markdown if "Reset to defaults" in m.value]
    assert len(links) == 1 and 'href="."' in links[0]
    at.toggle(key="classroom").set_value(True).run()
    links = [m.value for m in at.sidebar.markdown if "Reset to defaults" in m.value]
    assert 'href=".?classroom=1"' in links[0]


def test_every_page_url_is_its_file_stem():
    # Before app.py has run once, Streamlit resolves a deep link by file name.
    tree = ast.parse(Path(APP_PATH).read_text())
    pages = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "PAGES"
    )
    entries = [ast.literal_eval(element) for element in pages.elts]
    assert entries, "app.py lists no pages"
    for file, _title, _icon, url_path, _description in entries:
        assert url_path == Path(file).stem, file
        assert (Path(APP_PATH).parent / file).is_file(), file
