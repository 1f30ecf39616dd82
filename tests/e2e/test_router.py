"""Shared links and reset, as a visitor meets them on a freshly started server.

A fresh server matters: until app.py has run once, Streamlit's legacy ``pages/``
discovery would run a deep-linked page file on its own, without the router and
its sidebar. Each page's guard sends such a visit through app.py and on to the page.
"""

from __future__ import annotations

import pytest
from e2e_helpers import (
    ARTIFACTS,
    StreamlitServer,
    all_pages,
    browser_skip_reason,
    exception_texts,
    launch_browser,
    move_first_slider,
    open_and_wait,
    slider_value,
    wait_until_idle,
)

pytestmark = pytest.mark.e2e

# A page whose file name has an underscore: the case legacy discovery used to miss.
FIRST_PAGE = next(p for p in all_pages() if "_" in p.url_path)


@pytest.fixture(scope="module")
def fresh_server():
    reason = browser_skip_reason()
    if reason:
        pytest.skip(reason)
    with StreamlitServer(log_path=ARTIFACTS / "router-server.log") as server:
        yield server


def test_deep_link_on_a_fresh_server_runs_through_the_router(fresh_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_and_wait(page, fresh_server.url(FIRST_PAGE, "classroom=1"))
            page.wait_for_timeout(1000)
            wait_until_idle(page)
            assert not exception_texts(page)
            # The router's sidebar (titles from PAGES, classroom mode, reset) is there ...
            nav = " ".join(page.get_by_test_id("stSidebarNavLink").all_inner_texts())
            assert FIRST_PAGE.title.split(":")[0] in nav
            assert page.get_by_text("Classroom mode").count() == 1
            # ... on the page the link named, not on the home page.
            assert page.url.split("?")[0].rstrip("/").endswith(FIRST_PAGE.url_path)
            assert page.get_by_role("heading", level=1).first.inner_text().strip() != ""
            assert page.get_by_role("switch").first.is_checked()

            # Reset reopens the page with every control at its default, classroom kept.
            default = slider_value(page)
            move_first_slider(page)
            wait_until_idle(page)
            assert slider_value(page) != default
            page.get_by_role("button", name="Reset to defaults").click()
            page.wait_for_timeout(1000)
            wait_until_idle(page)
            assert slider_value(page) == default
            assert page.get_by_role("switch").first.is_checked()
            assert not exception_texts(page)
        finally:
            browser.close()
