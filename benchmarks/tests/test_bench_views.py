"""Smoke test of benchmarks/bench_views.py: it runs and its figures are sane (no timing)."""

from __future__ import annotations

from bench_loader import load_bench


def test_quick_benchmark_runs_and_reports_sane_figures(capsys):
    results = load_bench("bench_views").main(quick=True)
    printed = capsys.readouterr().out
    assert "÷300ms" in printed and "reference ratios" in printed
    rows = results["rows"]
    assert {"Bayesian, two coefficients", "Optimizer, 100 steps"} <= set(rows)
    for row in rows.values():
        # Generous: the machine is shared, so only "seconds, not minutes" is checked.
        assert 0 < row["total"] < 10_000 and 0 < row["cpu"] < 10_000
        assert row["bytes"] < 3_000_000  # what the browser receives stays small
    ratios = results["ratios"]
    assert ratios["bayes_mean_diff"] < 1e-3  # grid and dblquad agree
    assert ratios["path_max_diff"] < 1e-6  # exact 2-D path = sklearn Lasso
    assert ratios["ista_distance_100"] < 1e-10 < 1e-4 < ratios["subgradient_distance_100"]
