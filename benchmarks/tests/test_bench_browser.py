"""Smoke test of benchmarks/bench_browser.py: ``--quick`` on the Geometry page in a real browser;
and the copy of the app its server runs from.

Runs the benchmark as a subprocess (its own event loop and Chromium), reads the JSON it
writes and checks the numbers are plausible. No timing assertions.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from bench_loader import ROOT, load_bench, needs_browser, run_quick


@pytest.mark.e2e
@needs_browser
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


def test_the_server_runs_from_a_copy_laid_out_as_on_community_cloud(tmp_path):
    bench = load_bench("bench_browser")
    checkout = tmp_path / "checkout"
    (checkout / "pkg").mkdir(parents=True)
    (checkout / "pkg" / "mod.py").write_text("X = 1\n")
    (checkout / "app.py").write_text("import pkg.mod\n")
    (checkout / ".venv" / "lib").mkdir(parents=True)
    (checkout / ".venv" / "lib" / "site.py").write_text("Y = 2\n")
    (checkout / ".gitignore").write_text(".venv/\n")
    git = ["git", "-C", str(checkout), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "app.py", ".gitignore"], check=True)
    subprocess.run([*git, "commit", "-qm", "app"], check=True)
    copy = bench.deployed_copy(checkout)
    try:
        files = {p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()}
        assert {"app.py", ".gitignore", "pkg/mod.py"} <= files  # untracked, not ignored: kept
        assert not any(name.startswith((".venv", ".git/")) for name in files)
        assert any(name.startswith("pkg/__pycache__/mod.") for name in files)  # compiled
    finally:
        shutil.rmtree(copy)
