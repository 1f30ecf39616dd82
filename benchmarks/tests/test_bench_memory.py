"""Smoke test of benchmarks/bench_memory.py: ``--quick`` (one small upload, one heavy page).

Runs the benchmark as a subprocess (its own server, Chromium and event loop), reads the
JSON it writes and checks the numbers are plausible. No timing assertions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from e2e_helpers import browser_skip_reason  # noqa: E402

pytestmark = pytest.mark.e2e


def test_bench_memory_quick_reports_peak_and_idle(tmp_path):
    reason = browser_skip_reason()
    if reason:
        print(f"skipped: {reason}")
        pytest.skip(reason)
    out, raw = tmp_path / "RESULTS_memory.md", tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_memory.py"), "--quick",
         "--out", str(out), "--json", str(raw)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    data = json.loads(raw.read_text())
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
    text = out.read_text()
    assert "## Against the targets (issue 12)" in text and "## Per step" in text
    assert "load average" in text and "streamlit" in text
    assert f"≤ {data['peak_target_mb']} MB" in text and f"≤ {data['idle_target_mb']} MB" in text
