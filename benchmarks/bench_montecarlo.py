"""Benchmark of the Monte Carlo page's core: trials per second, memory, zone maps.

Measured side by side in one run:

1. ``regviz.experiments.montecarlo.simulate`` with one penalty at a time (sampling + exact solve +
   counting, 1,000,000 trials): trials per second for L1, L2 and elastic net; next to
   it the solver alone (``solve_constrained`` on the same problems, in the same
   16,384-problem batches) and the sampling alone, to show the overhead.
2. A per-trial ``scipy.optimize.minimize`` loop (SLSQP, analytic gradients; L1 as the 4
   linear constraints ±β₁ ± β₂ ≤ t, L2 as t² − ‖β‖² ≥ 0) on the first trials of the
   *same* design, extrapolated per trial; printed: both rates and the ratio.
3. End to end as on the page: 1,000,000 trials of all three penalties with a progress
   callback — wall time; then the same run under ``tracemalloc`` for its peak traced
   memory, and the process's peak resident size (``ru_maxrss``).
4. Zone map at 400 × 400 (L1 + L2 as on the issue, and all three balls as on the page).
5. The explained.ai reproduction (5,000 trials per penalty, 100 boundary points and
   exact) and the page's boundary sweep.

Targets (issue 5): ≥ 1,000,000 trials/s per penalty for L1 and L2 on one core;
≥ 100× the scipy loop; 1,000,000 trials × 3 penalties ≤ 5 s with peak memory ≤ 300 MB;
zone map 400 × 400 ≤ 1 s. The machine may be shared: timings are best of a few repeats.

Run ``python benchmarks/bench_montecarlo.py`` (or ``--quick`` for a smoke run).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from harness import best_of, traced_peak
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from regviz.core.geometry import solve_constrained  # noqa: E402
from regviz.experiments.explainedai import boundary_sweep, reproduce  # noqa: E402
from regviz.experiments.montecarlo import RNG_BLOCK, sample_problems, simulate  # noqa: E402
from regviz.experiments.zones import zone_map  # noqa: E402

PENALTIES = ("l1", "l2", "elasticnet")
TARGET_RATE = 1.0e6
TARGET_RATIO = 100.0
TARGET_END_TO_END_S = 5.0
TARGET_PEAK_MB = 300.0
TARGET_ZONE_S = 1.0
SIGNS = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])


def scipy_solve(center: np.ndarray, hessian: np.ndarray, penalty: str, t: float) -> np.ndarray:
    """One trial by SLSQP with analytic gradients (the per-trial reference loop)."""
    if penalty == "l1":
        cons = {"type": "ineq", "fun": lambda b: t - SIGNS @ b, "jac": lambda b: -SIGNS}
    else:
        cons = {
            "type": "ineq",
            "fun": lambda b: np.atleast_1d(t * t - b @ b),
            "jac": lambda b: -2.0 * b[None],
        }
    return minimize(
        lambda b: 0.5 * (b - center) @ hessian @ (b - center),
        np.zeros(2),
        jac=lambda b: hessian @ (b - center),
        method="SLSQP",
        constraints=[cons],
        options={"ftol": 1e-14, "maxiter": 500},
    ).x


def main(quick: bool = False) -> dict[str, float]:
    """Run every measurement, print figures and ratios, and return them."""
    n = 200_000 if quick else 1_000_000
    n_scipy = 40 if quick else 400
    repeats = 1 if quick else 3
    results: dict[str, float] = {}
    print(f"Monte Carlo benchmark ({'quick' if quick else 'full'}): {n:,} trials per run")

    # 1. Throughput per penalty, and where the time goes.
    start = time.perf_counter()
    centers, hessians = sample_problems(n, seed=0)
    sampling_s = time.perf_counter() - start
    results["sampling_rate"] = n / sampling_s
    print(f"\n1. Sampling alone: {n / sampling_s / 1e6:6.2f} M trials/s")
    for p in PENALTIES:
        sim_s = best_of(repeats, lambda p=p: simulate(n, seed=0, penalties=(p,), keep=0))

        def solver_only(p=p):
            for s in range(0, n, RNG_BLOCK):
                solve_constrained(centers[s : s + RNG_BLOCK], hessians[s : s + RNG_BLOCK], p, 1.0)

        solve_s = best_of(repeats, solver_only)
        results[f"rate_{p}"] = n / sim_s
        results[f"solver_rate_{p}"] = n / solve_s
        target = f"  (target ≥ {TARGET_RATE / 1e6:.1f} M/s)" if p != "elasticnet" else ""
        print(
            f"   {p:>10}: simulate {n / sim_s / 1e6:6.2f} M trials/s, solver alone "
            f"{n / solve_s / 1e6:6.2f} M/s, overhead {100 * (sim_s / solve_s - 1):5.1f} %" + target
        )

    # 2. The per-trial scipy loop on the first trials of the same design.
    print(f"\n2. Per-trial scipy SLSQP loop on {n_scipy} of the same trials:")
    for p in ("l1", "l2"):
        start = time.perf_counter()
        worst = 0.0
        exact = solve_constrained(centers[:n_scipy], hessians[:n_scipy], p, 1.0)
        for i in range(n_scipy):
            worst = max(
                worst, float(np.abs(scipy_solve(centers[i], hessians[i], p, 1.0) - exact[i]).max())
            )
        scipy_rate = n_scipy / (time.perf_counter() - start)
        ratio = results[f"rate_{p}"] / scipy_rate
        results[f"scipy_rate_{p}"] = scipy_rate
        results[f"ratio_{p}"] = ratio
        print(
            f"   {p:>10}: scipy {scipy_rate:8.0f} trials/s; simulate is {ratio:8.0f}× faster "
            f"(target ≥ {TARGET_RATIO:.0f}×); largest |β_scipy − β_exact| = {worst:.1e}"
        )

    # 3. End to end, all three penalties, with a progress callback as on the page.
    calls: list[float] = []
    e2e_s = best_of(repeats, lambda: simulate(n, seed=0, progress=calls.append, keep=6_000))
    results["end_to_end_s"] = e2e_s
    results["end_to_end_s_per_million"] = e2e_s * 1e6 / n
    peak = traced_peak(lambda: simulate(n, seed=0, keep=6_000))
    results["peak_traced_mb"] = peak / 1e6
    # ru_maxrss (kB on Linux) is a process's peak resident size: measure it in a fresh
    # interpreter that runs only the page's call, after and before the imports.
    probe = (
        "import resource, sys; sys.path.insert(0, sys.argv[2]);"
        "from regviz.experiments.montecarlo import simulate;"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
        "simulate(int(sys.argv[1]), seed=0, keep=6_000);"
        "print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    root = str(Path(__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", probe, str(n), root], capture_output=True, text=True, check=True
    ).stdout.split()
    results["rss_after_imports_mb"] = int(out[0]) / 1e3
    results["max_rss_mb"] = int(out[1]) / 1e3
    print(
        f"\n3. End to end, {n:,} trials × 3 penalties: {e2e_s:.2f} s "
        f"(→ {results['end_to_end_s_per_million']:.2f} s per million; target ≤ "
        f"{TARGET_END_TO_END_S:.0f} s), {len(calls) // repeats} progress reports per run; "
        f"peak traced memory {peak / 1e6:.1f} MB (target ≤ {TARGET_PEAK_MB:.0f} MB), "
        f"peak RSS of a fresh process running only this call {results['max_rss_mb']:.0f} MB "
        f"({results['rss_after_imports_mb']:.0f} MB of it after the imports)"
    )

    # 4. Zone maps.
    zone_2 = best_of(3, lambda: zone_map(resolution=400, penalties=("l1", "l2")))
    zone_3 = best_of(3, lambda: zone_map(resolution=400, penalties=("l1", "l2", "elasticnet")))
    results["zone_l1_l2_s"], results["zone_all_s"] = zone_2, zone_3
    print(
        f"\n4. Zone map 400×400: L1 + L2 {zone_2:.3f} s, all three balls {zone_3:.3f} s "
        f"(target ≤ {TARGET_ZONE_S:.0f} s)"
    )

    # 5. The explained.ai reproduction.
    art_b = best_of(repeats, lambda: reproduce("general", method="boundary"))
    art_e = best_of(repeats, lambda: reproduce("general", method="exact"))
    sweep = best_of(1, lambda: boundary_sweep("general", (100, 400, 1_600, 6_400)))
    results["article_boundary_s"], results["article_exact_s"] = art_b, art_e
    results["article_sweep_s"] = sweep
    print(
        f"\n5. explained.ai, 5,000 trials × 2 penalties: 100 boundary points {art_b:.3f} s, "
        f"exact {art_e:.3f} s; sweep N = 100…6,400: {sweep:.2f} s"
    )

    print("\nSummary against the targets:")
    checks = {
        "L1 ≥ 1 M trials/s": results["rate_l1"] >= TARGET_RATE,
        "L2 ≥ 1 M trials/s": results["rate_l2"] >= TARGET_RATE,
        "≥ 100× scipy (L1)": results["ratio_l1"] >= TARGET_RATIO,
        "≥ 100× scipy (L2)": results["ratio_l2"] >= TARGET_RATIO,
        "1e6 × 3 penalties ≤ 5 s": results["end_to_end_s_per_million"] <= TARGET_END_TO_END_S,
        "peak memory ≤ 300 MB": max(results["peak_traced_mb"], results["max_rss_mb"])
        <= TARGET_PEAK_MB,
        "zone map 400×400 ≤ 1 s": zone_2 <= TARGET_ZONE_S,
    }
    for name, ok in checks.items():
        print(f"   {'met    ' if ok else 'MISSED '} {name}")
    return results


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
