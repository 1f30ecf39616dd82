"""Smoke test of benchmarks/bench_geometry3d.py: it runs and its figures are sane (no timing)."""

from __future__ import annotations

from bench_loader import load_bench


def test_quick_benchmark_runs_and_reports_sane_figures(capsys):
    bench = load_bench("bench_geometry3d")
    results = bench.main(quick=True)
    printed = capsys.readouterr().out
    assert "ratio batched / SLSQP" in printed and "Load average" in printed
    for form in bench.FORMS:
        for penalty in bench.PENALTIES:
            key = (form, penalty)
            # Orders of magnitude only: the machine is shared and timings are not asserted.
            assert results["rate"][key] > 0 and results["scipy_rate"][key] > 0
            assert results["ratio"][key] > 1
            # Both methods solved the same problems (SLSQP is accurate to ~1e-6 here).
            assert results["max_diff"][key] < 1e-4
    for small, large, _, n_large in results["memory"].values():
        # Chunking: 10× the problems costs far less than 10× the peak memory.
        assert large < 5 * small
        assert large / n_large < 2_000  # bytes per problem
    before, after = results["load"]
    assert len(before) == len(after) == 3
