"""Run every benchmark in this folder, one fresh process each, and record what they print.

Usage::

    python benchmarks/run_all.py            # full runs, writes benchmarks/RESULTS.md
    python benchmarks/run_all.py --quick    # smoke runs, prints only

The browser benchmarks (``bench_browser.py``, ``bench_memory.py``) write their own
results files and are run on their own. Each other ``bench_*.py`` prints its own figures
and the ratios it measured side by side in one run; this script only adds the machine,
the versions and the load average around each run, so that numbers taken on a busy
machine are read as such.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
PACKAGES = ("numpy", "scipy", "scikit-learn", "plotly", "streamlit")
# Browser benchmarks: a real server and Chromium for many minutes, each writing its own
# results file (RESULTS_browser.md, RESULTS_memory.md); run them on their own.
OWN_RESULTS = {"bench_browser.py", "bench_memory.py"}


def machine_summary() -> str:
    """One line naming the machine, Python and the library versions."""
    versions = ", ".join(f"{name} {version(name)}" for name in PACKAGES)
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{versions}"
    )


def run_one(script: Path, quick: bool) -> tuple[str, float, tuple[float, float, float]]:
    """Run one benchmark script; return its output, its wall time and the load before it."""
    load = os.getloadavg()
    start = time.perf_counter()
    command = [sys.executable, str(script)] + (["--quick"] if quick else [])
    done = subprocess.run(command, capture_output=True, text=True, cwd=HERE.parent, check=False)
    output = done.stdout + (f"\n[stderr]\n{done.stderr[-2000:]}" if done.returncode else "")
    return output, time.perf_counter() - start, load


def main(quick: bool = False) -> int:
    scripts = sorted(p for p in HERE.glob("bench_*.py") if p.name not in OWN_RESULTS)
    sections = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `python benchmarks/run_all.py`"
        f"{' --quick' if quick else ''}.",
        f"Machine: {machine_summary()}.",
        "",
    ]
    failures = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        output, seconds, load = run_one(script, quick)
        print(output, flush=True)
        failures += "[stderr]" in output
        sections += [
            f"## {script.stem}",
            "",
            f"Load average before the run: {load[0]:.2f}; the run took {seconds:.0f} s.",
            "",
            "```",
            output.rstrip(),
            "```",
            "",
        ]
    if not quick:
        RESULTS.write_text("\n".join(sections))
        print(f"wrote {RESULTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke runs; write nothing")
    sys.exit(main(quick=parser.parse_args().quick))
