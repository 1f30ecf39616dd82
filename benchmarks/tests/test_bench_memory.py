"""Smoke test of benchmarks/bench_memory.py: ``--quick`` (one small upload, one heavy page).

Runs the benchmark as a subprocess (its own server, Chromium and event loop), reads the
JSON it writes and checks the numbers are plausible. No timing assertions.
"""

from __future__ import annotations

import pytest
from bench_loader import needs_browser, run_quick

pytestmark = [pytest.mark.e2e, needs_browser]


def test_bench_memory_quick_reports_peak_and_idle(tmp_path):
    data, text = run_quick("bench_memory", tmp_path)
    steps = data["steps"]
    assert [s["visitor"] for s in steps] == ["-", "A", "A", "-", "D"]
    for step in steps:
        assert step["settled"], step
        assert not step["exceptions"], step
        # Resident memory of a Python process with numpy and Streamlit: tens of MB at
        # least, and far below the machine's memory.
        assert 30 < step["rss_after_mb"] < 4096, step
        assert step["peak_rss_mb"] >= step["rss_after_mb"] - 1e-9
        assert step["hwm_after_mb"] >= step["peak_rss_mb"] - 1, step  # polled ≤ kernel peak
    upload, heavy = steps[1], steps[2]
    assert upload["outcome"].startswith(("1 charts", "2 charts", "3 charts")), upload
    assert not heavy["outcome"].startswith("0 charts"), heavy
    # The server grew while pages computed, and the kernel's peak bounds everything.
    assert upload["rss_after_mb"] > steps[0]["rss_after_mb"]
    assert data["peak_mb"] >= max(s["rss_after_mb"] for s in steps) - 1
    assert 30 < data["idle_mb"] <= data["peak_mb"] + 1
    assert "## Against the targets (issue 12)" in text and "## Per step" in text
    assert "load average" in text and "streamlit" in text
    assert f"≤ {data['peak_target_mb']} MB" in text and f"≤ {data['idle_target_mb']} MB" in text
