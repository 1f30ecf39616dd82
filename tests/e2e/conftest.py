"""Fixtures for the browser tests: one Streamlit server and one Chromium for the session.

Deliberately not pytest-playwright's fixtures (they would look for a Playwright-downloaded
browser): Debian's ``/usr/bin/chromium`` is launched directly. Without Chromium or the
playwright package every test here is skipped with the reason printed by ``-ra``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e_helpers import (
    ARTIFACTS,
    VIEWPORT,
    StreamlitServer,
    browser_skip_reason,
    launch_browser,
)


@pytest.fixture(scope="session")
def e2e_server() -> Iterator[StreamlitServer]:
    """``streamlit run app.py`` on a free port for the whole session, stopped at teardown."""
    reason = browser_skip_reason()
    if reason:
        pytest.skip(reason)
    server = StreamlitServer(log_path=ARTIFACTS / "streamlit-server.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def e2e_browser(e2e_server: StreamlitServer):
    """One headless Debian Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def e2e_page(e2e_browser):
    """A fresh browser context (own cookies, own Streamlit session) and page per test.

    Uncaught JavaScript errors are collected in ``page.js_errors`` for failure messages.
    """
    context = e2e_browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.js_errors = errors  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()
