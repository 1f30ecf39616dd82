"""Smoke test of benchmarks/bench_paths.py: it runs, and its figures are sane (no tight timing)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_paths.py"


def test_bench_paths_quick_runs_and_reports_sane_figures(capsys):
    spec = importlib.util.spec_from_file_location("bench_paths", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.main(quick=True)
    printed = capsys.readouterr().out
    assert "ridge SVD speed-up" in printed and "λ slider only" in printed
    # Generous bounds: the machine is shared, so only order-of-magnitude failures count.
    assert 0 < out["widget_change_s"] < 10.0
    assert 0 < out["slider_only_s"] < 2.0
    assert out["slider_only_s"] < out["widget_change_s"]
    assert 0 < out["synthetic_s"] < 30.0
    assert out["ridge_svd_speedup"] > 2.0
    assert out["ridge_max_abs_diff"] < 1e-8
