"""Shared helpers for the AppTest suites: every test starts the real app.py.

Import them in a test module with ``from apptest_helpers import open_page, plotly_specs``.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP_PATH = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(page: str | None = None, *, query: dict[str, str] | None = None) -> AppTest:
    """Run app.py and switch to ``page`` (e.g. ``"pages/geometry.py"``); return the AppTest."""
    at = AppTest.from_file(APP_PATH, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def plotly_specs(at: AppTest) -> list[str]:
    """The JSON spec of every plotly chart on the page, in order."""
    return [chart.proto.spec for chart in at.get("plotly_chart")]


def notes(at: AppTest) -> list[str]:
    """Every caption and markdown text on the page (where "What to notice" lives)."""
    return [c.value for c in at.caption] + [m.value for m in at.markdown]
