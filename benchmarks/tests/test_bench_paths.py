"""Smoke test of benchmarks/bench_paths.py: it runs, and its figures are sane (no tight timing)."""

from __future__ import annotations

from bench_loader import load_bench


def test_bench_paths_quick_runs_and_reports_sane_figures(capsys):
    module = load_bench("bench_paths")
    out = module.main(quick=True)
    printed = capsys.readouterr().out
    assert "ridge SVD speed-up" in printed and "λ slider only" in printed
    # Generous bounds: the machine is shared, so only order-of-magnitude failures count.
    assert 0 < out["widget_change_s"] < 10.0
    assert 0 < out["slider_only_s"] < 2.0
    assert 0 < out["synthetic_s"] < 30.0
    assert out["ridge_svd_speedup"] > 0  # a ratio of two timings: reported, not judged here
    assert out["ridge_max_abs_diff"] < 1e-8
