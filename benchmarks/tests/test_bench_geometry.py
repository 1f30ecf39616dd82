"""Smoke test of benchmarks/bench_geometry.py: it runs and its figures are sane (no timing)."""

from __future__ import annotations

from bench_loader import load_bench


def test_quick_benchmark_runs_and_reports_sane_figures(capsys):
    results = load_bench("bench_geometry").main(quick=True)
    printed = capsys.readouterr().out
    assert "ratio batched / scipy" in printed and "Geometry page" in printed
    for penalty in ("l1", "l2", "elasticnet"):
        # Generous bounds: the machine is shared, so only orders of magnitude are checked.
        assert results["rate"][penalty] > 2e4
        assert results["ratio"][penalty] > 10
        # Both methods solved the same problems (SLSQP is accurate to ~1e-6 here).
        assert results["max_diff"][penalty] < 1e-4
        small, large, n_small, n_large = results["memory"][penalty]
        # Memory grows at most linearly: 10× the problems, not much more than 10× the peak.
        assert large < 15 * small * n_large / (10 * n_small)
        assert large / n_large < 2_000  # bytes per problem
    for compute_ms, _ in results["page"].values():
        assert compute_ms < 1_000
