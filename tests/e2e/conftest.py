"""Fixtures for the browser tests: one Streamlit server and one Chromium per test module.

Module scope, not session scope: Playwright's sync API keeps an asyncio loop marked as
running in the main thread while it is alive, which would break any later test that
starts an event loop (or Playwright) of its own; it is closed right after the module.

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


@pytest.fixture(scope="module")
def e2e_server() -> Iterator[StreamlitServer]:
    """``streamlit run app.py`` on a free port for the module, stopped at teardown."""
    reason = browser_skip_reason()
    if reason:
        pytest.skip(reason)
    server = StreamlitServer(log_path=ARTIFACTS / "streamlit-server.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def e2e_browser(e2e_server: StreamlitServer):
    """One headless Debian Chromium for the module."""
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
