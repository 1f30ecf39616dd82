"""Benchmark of the exact batched 3-D solvers against scipy's SLSQP, in one run.

Measured side by side, on the same random problems:

1. ``regviz.core.geometry3d.solve_constrained_3d`` and ``solve_penalized_3d`` on
   N = 100,000 problems per call, for L1, L2 and the elastic net: problems per second
   (best of a few calls).
2. A per-problem ``scipy.optimize.minimize(method="SLSQP")`` loop with analytic
   gradients on a subsample of the *same* problems: constrained, the octahedron as its
   8 linear constraints sᵀβ ≤ t, the sphere as t² − ‖β‖² ≥ 0, the elastic-net ball as
   its 8 smooth pieces; penalized, on the split β = u − v (u, v ≥ 0), which makes ‖β‖₁
   smooth. Printed: both rates, their ratio, and the largest distance between the two
   answers (a check that both solved the same problem).
3. Memory: the tracemalloc peak of one constrained call at N = 1e5 and 1e6. The solver's
   temporaries are bounded by its chunks; what grows with N is the answer (24 B per
   problem) and a few numbers per problem (~75 B per problem in all).

The load average (1, 5, 15 min) is printed before, during and after: the machine is
shared, so rates measured under load are lower bounds. Both sides run with one BLAS
thread: SLSQP calls BLAS on 3-vectors, and on a busy machine a threaded BLAS made each
of its calls ~30× slower, which would flatter the ratio. Target (issue 16): ≥ 200,000 problems/s for
L1 and L2.

Run ``python benchmarks/bench_geometry3d.py`` (or ``--quick`` for a smoke run).
"""

from __future__ import annotations

import os
import sys
import time
from functools import partial
from itertools import product
from pathlib import Path

import numpy as np
from harness import best_of, load_average, print_row, traced_growth, traced_peak
from scipy.optimize import minimize
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from regviz.core.geometry3d import solve_constrained_3d, solve_penalized_3d  # noqa: E402
from regviz.experiments.montecarlo3d import rotations_from_quaternions  # noqa: E402

PENALTIES = ("l1", "l2", "elasticnet")
FORMS = ("constrained", "penalized")
MIX = 0.5  # the elastic-net ball mix (constrained) and l1_ratio (penalized)
TARGET_RATE = {"l1": 2e5, "l2": 2e5}
SIGNS = np.array(list(product((1.0, -1.0), repeat=3)))
_line = partial(print_row, widths=(42, 16))  # this script's columns


# --------------------------------------------------------------------------- problems


def random_problems(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    """N random problems: centers, SPD Hessians (κ 1–20, random rotation), budgets, λ.

    Centers ~ N(0, 1.5²) per coordinate, budgets ~ U(0.2, 1.5) and λ log-uniform in
    [0.1, 3], so most problems bind and the solvers have real work to do.
    """
    rng = np.random.default_rng(seed)
    centers = 1.5 * rng.standard_normal((n, 3))
    rot = rotations_from_quaternions(rng.standard_normal((n, 4)))
    kappa = rng.uniform(1.0, 20.0, n)
    eig = rng.uniform(0.2, 2.0, n)[:, None] * np.stack(
        [np.ones(n), kappa ** rng.uniform(0, 1, n), kappa], axis=1
    )
    h = np.einsum("nij,nj,nkj->nik", rot, eig, rot)
    return {
        "centers": centers,
        "hessians": 0.5 * (h + np.swapaxes(h, 1, 2)),
        "budgets": rng.uniform(0.2, 1.5, n),
        "lams": 10 ** rng.uniform(-1.0, np.log10(3.0), n),
    }


def solve_batched(form: str, penalty: str, p: dict[str, np.ndarray]) -> np.ndarray:
    if form == "constrained":
        return solve_constrained_3d(p["centers"], p["hessians"], penalty, p["budgets"], MIX)
    return solve_penalized_3d(p["centers"], p["hessians"], penalty, p["lams"], MIX)


def time_batched(
    form: str, penalty: str, p: dict[str, np.ndarray], repeats: int
) -> tuple[float, np.ndarray]:
    """Best-of-``repeats`` problems per second of one batched call, and its answers."""
    beta = solve_batched(form, penalty, p)  # warm-up
    best = best_of(repeats, lambda: solve_batched(form, penalty, p))
    return len(p["centers"]) / best, beta


# --------------------------------------------------------------------------- scipy


def _constraints(penalty: str, t: float) -> list[dict]:
    """SLSQP inequality constraints (fun ≥ 0) with analytic Jacobians."""
    if penalty == "l2":
        return [{"type": "ineq", "fun": lambda b: t * t - b @ b, "jac": lambda b: -2.0 * b}]
    r = 1.0 if penalty == "l1" else MIX
    return [
        {
            "type": "ineq",
            "fun": lambda b: t - r * (SIGNS @ b) - (1.0 - r) * (b @ b),
            "jac": lambda b: -r * SIGNS - 2.0 * (1.0 - r) * b[None],
        }
    ]


def slsqp_constrained(penalty: str, c: np.ndarray, h: np.ndarray, t: float) -> np.ndarray:
    """One constrained problem by SLSQP, from β = 0 (feasible)."""
    return minimize(
        lambda b: 0.5 * (b - c) @ h @ (b - c),
        np.zeros(3),
        jac=lambda b: h @ (b - c),
        method="SLSQP",
        constraints=_constraints(penalty, t),
        options={"ftol": 1e-12, "maxiter": 200},
    ).x


def slsqp_penalized(penalty: str, c: np.ndarray, h: np.ndarray, lam: float) -> np.ndarray:
    """One penalized problem by SLSQP on the split β = u − v, u, v ≥ 0."""
    l1 = {"l1": lam, "l2": 0.0, "elasticnet": lam * MIX}[penalty]
    sq = {"l1": 0.0, "l2": lam, "elasticnet": lam * (1.0 - MIX)}[penalty]

    def objective(z: np.ndarray) -> float:
        b = z[:3] - z[3:]
        return 0.5 * (b - c) @ h @ (b - c) + l1 * z.sum() + 0.5 * sq * b @ b

    def gradient(z: np.ndarray) -> np.ndarray:
        g = h @ (z[:3] - z[3:] - c) + sq * (z[:3] - z[3:])
        return np.concatenate([g + l1, -g + l1])

    z = minimize(
        objective,
        np.zeros(6),
        jac=gradient,
        method="SLSQP",
        bounds=[(0.0, None)] * 6,
        options={"ftol": 1e-12, "maxiter": 200},
    ).x
    return z[:3] - z[3:]


def time_scipy(
    form: str, penalty: str, p: dict[str, np.ndarray], n: int
) -> tuple[float, np.ndarray]:
    """Problems per second of the per-problem SLSQP loop on the first n problems."""
    out = np.empty((n, 3))
    start = time.perf_counter()
    for k in range(n):
        c, h = p["centers"][k], p["hessians"][k]
        if form == "constrained":
            out[k] = slsqp_constrained(penalty, c, h, float(p["budgets"][k]))
        else:
            out[k] = slsqp_penalized(penalty, c, h, float(p["lams"][k]))
    return n / (time.perf_counter() - start), out


# --------------------------------------------------------------------------- memory


def peak_memory(penalty: str, n: int, seed: int = 1) -> float:
    """tracemalloc peak (bytes) of one constrained call on n problems (inputs excluded)."""
    p = random_problems(n, seed)
    return traced_peak(lambda: solve_batched("constrained", penalty, p))


# --------------------------------------------------------------------------- main


def main(quick: bool = False) -> dict:
    """Run every measurement, print it, and return the figures.

    Parameters
    ----------
    quick : bool, default False
        Smaller sizes for a smoke test (N = 5,000, 10 SLSQP problems, 1 repeat, memory
        at 1e4 vs 1e5). The full run uses N = 100,000, 300 SLSQP problems, 3 repeats,
        memory at 1e5 vs 1e6.

    Returns
    -------
    dict
        ``rate[(form, penalty)]``, ``scipy_rate[...]``, ``ratio[...]``,
        ``max_diff[...]``, ``memory[penalty]`` = (peak_small, peak_large, n_small,
        n_large), ``load`` = (before, after) load averages.
    """
    with threadpool_limits(limits=1):
        return _measure(quick)


def _measure(quick: bool) -> dict:
    n = 5_000 if quick else 100_000
    n_scipy = 10 if quick else 300
    repeats = 1 if quick else 3
    n_mem = (10_000, 100_000) if quick else (100_000, 1_000_000)
    problems = random_problems(n, seed=0)
    results: dict = {"rate": {}, "scipy_rate": {}, "ratio": {}, "max_diff": {}}
    before = os.getloadavg()
    load = load_average(digits=1)
    print(f"Load average (1, 5, 15 min) before: {load} on {os.cpu_count()} CPUs (shared)")
    print(f"Batched exact 3-D solvers vs a per-problem SLSQP loop (N = {n:,} per call;")
    print("one BLAS thread for both)")
    for form in FORMS:
        for penalty in PENALTIES:
            key = (form, penalty)
            rate, beta = time_batched(form, penalty, problems, repeats)
            scipy_rate, beta_scipy = time_scipy(form, penalty, problems, n_scipy)
            results["rate"][key] = rate
            results["scipy_rate"][key] = scipy_rate
            results["ratio"][key] = rate / scipy_rate
            results["max_diff"][key] = float(np.abs(beta[:n_scipy] - beta_scipy).max())
            target = TARGET_RATE.get(penalty)
            print(f" {form} {penalty}")
            _line(
                "batched exact solver",
                f"{rate:,.0f} /s",
                f"(target ≥ {target:,.0f} /s)" if target else "(no target)",
            )
            _line(f"SLSQP loop ({n_scipy} problems)", f"{scipy_rate:,.0f} /s")
            _line("ratio batched / SLSQP", f"{rate / scipy_rate:,.0f}×")
            _line("max |β_exact − β_SLSQP| on the subsample", f"{results['max_diff'][key]:.1e}")
            _line("load average now (1 min)", f"{os.getloadavg()[0]:.1f}")
    print(f"Memory: tracemalloc peak of one constrained call, N = {n_mem[0]:,} vs {n_mem[1]:,}")
    results["memory"] = traced_growth(peak_memory, PENALTIES, n_mem)
    for penalty, (small, large, *_) in results["memory"].items():
        _line(
            penalty,
            f"{small / 1e6:.1f} → {large / 1e6:.1f} MB",
            f"({large / n_mem[1]:.0f} B/problem at N = {n_mem[1]:,})",
        )
    after = os.getloadavg()
    print(f"Load average (1, 5, 15 min) after: {load_average(digits=1)}")
    results["load"] = (before, after)
    return results


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
