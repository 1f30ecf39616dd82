"""Smoke test of benchmarks/bench_overfit.py: quick mode runs and reports sane numbers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_bench():
    spec = importlib.util.spec_from_file_location(
        "bench_overfit", ROOT / "benchmarks" / "bench_overfit.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_overfit"] = module
    spec.loader.exec_module(module)
    return module


def test_bench_overfit_quick_reports_timings_and_ratios(capsys):
    results = _load_bench().main(quick=True)
    out = capsys.readouterr().out
    assert "Ratios" in out and "bias–variance ridge" in out
    # Generous bounds only: the machine is shared, so no tight timing assertions.
    assert 0 < results["slider_main_s"] < 2.0
    assert 0 < results["widget_change_s"] < 30.0
    assert 0 < results["bias_variance_l2_s"] < 60.0
    # Paths and the batched closed form must beat one fit per λ, even on a busy machine.
    assert results["error_curves_ratio"] > 1.5
    assert results["bias_variance_l2_ratio"] > 1.5
