"""Smoke test of benchmarks/bench_montecarlo.py: it runs and its figures are sane (loose bounds)."""

from __future__ import annotations

from bench_loader import load_bench


def test_quick_benchmark_runs_and_reports_plausible_figures(capsys):
    module = load_bench("bench_montecarlo")
    results = module.main(quick=True)
    out = capsys.readouterr().out
    assert "Summary against the targets" in out and "scipy" in out
    # Generous bounds only: the machine is shared, timings are pessimistic.
    for p in ("l1", "l2", "elasticnet"):
        assert results[f"rate_{p}"] > 2e4
    assert results["ratio_l1"] > 5 and results["ratio_l2"] > 5
    assert results["peak_traced_mb"] < 1000
    assert results["zone_l1_l2_s"] < 20
