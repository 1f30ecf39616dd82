"""Smoke test of benchmarks/bench_deep.py: it runs, and its figures are sane (no tight timing)."""

from __future__ import annotations

from bench_loader import load_bench


def test_bench_deep_quick_runs_and_reports_sane_figures(capsys):
    module = load_bench("bench_deep")
    out = module.main(quick=True)
    printed = capsys.readouterr().out
    assert "load average" in printed and "figure JSON bytes" in printed
    # Generous bounds: the machine is shared, so only order-of-magnitude failures count.
    for key in ("es_experiment", "es_rerun", "wd_experiment", "wd_rerun"):
        assert 0 < out[f"{key}_cpu_s"] < 5.0, key
    assert out["es_experiment_cpu_s"] <= out["es_rerun_cpu_s"] * 1.5
    for key in ("es_trajectory_bytes", "es_filter_bytes", "wd_figure_bytes"):
        assert 1_000 < out[key] < 200_000, key
