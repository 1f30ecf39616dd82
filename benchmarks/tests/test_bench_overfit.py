"""Smoke test of benchmarks/bench_overfit.py: quick mode runs and reports sane numbers."""

from __future__ import annotations

from pathlib import Path

from bench_loader import load_bench

ROOT = Path(__file__).resolve().parents[2]


def test_bench_overfit_quick_reports_timings_and_ratios(capsys):
    results = load_bench("bench_overfit").main(quick=True)
    out = capsys.readouterr().out
    assert "Ratios" in out and "bias–variance ridge" in out
    # Generous bounds only: the machine is shared, so no tight timing assertions.
    assert 0 < results["slider_main_s"] < 2.0
    assert 0 < results["widget_change_s"] < 30.0
    assert 0 < results["bias_variance_l2_s"] < 60.0
    # Paths and the batched closed form must beat one fit per λ, even on a busy machine.
    assert results["error_curves_ratio"] > 1.5
    assert results["bias_variance_l2_ratio"] > 1.5
