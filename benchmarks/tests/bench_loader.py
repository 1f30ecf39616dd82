"""Shared by the benchmark smoke tests: import a benchmark script as a module, or run one."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"
# What a script finds when it runs: its own folder (``harness``), and the browser helpers.
for _folder in (ROOT / "tests" / "e2e", BENCHMARKS):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

from e2e_helpers import browser_skip_reason  # noqa: E402

_NO_BROWSER = browser_skip_reason()
# For the smoke tests that drive Chromium: skipped, with the reason, where it is missing.
needs_browser = pytest.mark.skipif(_NO_BROWSER is not None, reason=str(_NO_BROWSER))


def load_bench(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` as a module, registered in ``sys.modules`` under ``name``
    (dataclasses defined in the script look their module up there)."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_quick(name: str, tmp_path: Path, *args: str) -> tuple[dict[str, Any], str]:
    """Run ``benchmarks/<name>.py --quick`` as a subprocess (its own server, Chromium and
    event loop), writing into ``tmp_path``; return the JSON it wrote and its Markdown."""
    out, raw = tmp_path / f"{name}.md", tmp_path / f"{name}.json"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / f"{name}.py"), "--quick", *args,
         "--out", str(out), "--json", str(raw)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(raw.read_text()), out.read_text()
