"""Smoke test of benchmarks/bench_montecarlo.py: it runs and its figures are sane (loose bounds)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_montecarlo.py"


def test_quick_benchmark_runs_and_reports_plausible_figures(capsys):
    spec = importlib.util.spec_from_file_location("bench_montecarlo", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results = module.main(quick=True)
    out = capsys.readouterr().out
    assert "Summary against the targets" in out and "scipy" in out
    # Generous bounds only: the machine is shared, timings are pessimistic.
    for p in ("l1", "l2", "elasticnet"):
        assert results[f"rate_{p}"] > 2e4
    assert results["ratio_l1"] > 5 and results["ratio_l2"] > 5
    assert results["peak_traced_mb"] < 1000
    assert results["zone_l1_l2_s"] < 20
