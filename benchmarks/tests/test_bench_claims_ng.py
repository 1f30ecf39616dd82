"""Smoke test of benchmarks/bench_claims_ng.py (generous bounds only, shared machine)."""

from __future__ import annotations

from bench_loader import load_bench


def test_benchmark_runs_quickly_and_reports_every_claim(capsys) -> None:
    module = load_bench("bench_claims_ng")
    result = module.main(quick=True)
    printed = capsys.readouterr().out
    assert len(result["claims"]) == 7
    for compute, figure in result["claims"].values():
        assert 0 < compute < 10 and 0 < figure < 10
    assert 0 < result["ng"]["Quick (≈ 3 s)"] < 60
    assert "live preset" in printed and "budget" in printed
