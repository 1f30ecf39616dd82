"""Smoke test of benchmarks/bench_browser.py: ``--quick`` on the Geometry page in a real browser.

Runs the benchmark as a subprocess (its own event loop and Chromium), reads the JSON it
writes and checks the numbers are plausible. No timing assertions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from layout_audit import browser_skip_reason  # noqa: E402

pytestmark = pytest.mark.e2e


def test_bench_browser_quick_measures_geometry(tmp_path):
    reason = browser_skip_reason()
    if reason:
        print(f"skipped: {reason}")
        pytest.skip(reason)
    out, raw = tmp_path / "RESULTS_browser.md", tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_browser.py"),
            "--quick",
            "--pages",
            "geometry",
            "--app-dir",
            str(ROOT),
            "--out",
            str(out),
            "--json",
            str(raw),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    data = json.loads(raw.read_text())
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
    text = out.read_text()
    assert "## Summary per page" in text and "geometry" in text
    assert "nproc" in text and "load average" in text
