"""Smoke test of benchmarks/bench_browser.py: ``--quick`` on the Geometry page in a real browser.

Runs the benchmark as a subprocess (its own event loop and Chromium), reads the JSON it
writes and checks the numbers are plausible. No timing assertions.
"""

from __future__ import annotations

import pytest
from bench_loader import ROOT, needs_browser, run_quick

pytestmark = [pytest.mark.e2e, needs_browser]


def test_bench_browser_quick_measures_geometry(tmp_path):
    data, text = run_quick("bench_browser", tmp_path, "--pages", "geometry", "--app-dir", str(ROOT))
    (page,) = data["pages"]
    assert page["name"] == "geometry"
    for visit in (page["cold"], page["warm"]):
        assert visit["settled"], visit
        assert visit["server_cpu_s"] >= 0 and visit["browser_cpu_s"] >= 0
        assert visit["ws_bytes"] > 0 and visit["static_http_bytes"] > 0
    assert page["moves"], "the Geometry page has sliders: at least one must have been moved"
    for move in page["moves"]:
        assert move["server_cpu_s"] >= 0 and move["browser_cpu_s"] >= 0
        if move["settled"]:
            assert move["ws_bytes"] > 0, move
    assert "## Summary per page" in text and "geometry" in text
    assert "nproc" in text and "load average" in text
