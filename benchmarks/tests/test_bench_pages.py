"""Smoke test of benchmarks/bench_pages.py: quick mode (home page only) in a real browser."""

from __future__ import annotations

import threading

import pytest
from bench_loader import load_bench, needs_browser

pytestmark = [pytest.mark.e2e, needs_browser]


def test_bench_pages_quick_measures_the_home_page(capsys):
    bench = load_bench("bench_pages")
    # Playwright's sync API refuses to start inside a running event loop, which the e2e
    # fixtures' browser (session-scoped) leaves in this thread: run the bench in its own.
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["results"] = bench.main(quick=True)
        except BaseException as error:  # noqa: BLE001 - re-raised in the test thread
            outcome["error"] = error

    worker = threading.Thread(target=run, name="bench_pages")
    worker.start()
    worker.join(timeout=300)
    assert not worker.is_alive(), "bench_pages --quick did not finish within 5 minutes"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    results = outcome["results"]
    assert [r.name for r in results] == ["home"]
    home = results[0]
    # Generous bounds only: the machine is shared.
    assert 0 < home.ready_s < 120
    assert home.cold_figure_s is None  # the home page draws no figure
    assert 20 < home.server_start_mb <= home.peak_first_mb < 2000
    table = capsys.readouterr().out
    assert "| page |" in table and "Home" in table
