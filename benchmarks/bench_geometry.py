"""Benchmark of the exact batched 2-D solvers and of the Geometry page's compute.

Measured side by side in one run:

1. ``regviz.core.geometry.solve_constrained`` on N = 100,000 problems per call (constrained
   form, L1, L2 and elastic net): problems per second.
2. A per-problem ``scipy.optimize.minimize`` loop (SLSQP, analytic gradients) on a
   subsample of the *same* problems, extrapolated per problem: L1 written as the 4 linear
   constraints ±β₁ ± β₂ ≤ t, L2 as t² − ‖β‖² ≥ 0, the elastic net as its 4 smooth
   pieces t − r(±β₁ ± β₂) − (1 − r)‖β‖² ≥ 0. Printed: both rates and their ratio, and the
   largest distance between the two answers (a check that both solved the same problem).
3. Memory: the tracemalloc peak of one call at N = 1e5 and N = 1e6 (it should grow
   linearly, a few tens of bytes per problem).
4. The Geometry page: all compute for one widget change (loss grid + solve + λ↔t +
   tangent contour + solution path), per page configuration; the figure build is
   timed separately.

Targets (issue 2): L1 ≥ 1.5 M problems/s, L2 ≥ 1.0 M/s, ≥ 300× scipy; page ≤ 50 ms.

Run ``python benchmarks/bench_geometry.py`` (or ``--quick`` for a smoke run).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
from harness import best_of, load_average, print_row, traced_growth, traced_peak
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from regviz.core.geometry import solve_constrained  # noqa: E402
from regviz.experiments.geometry_scenes import DEFAULTS, geometry_scenes, loss_for  # noqa: E402
from regviz.figures.geometry import make_geometry_figure  # noqa: E402

PENALTIES = ("l1", "l2", "elasticnet")
ELASTICNET_MIX = 0.5  # the mix r of the elastic-net ball r‖β‖₁ + (1 − r)‖β‖₂² ≤ t
TARGET_RATE = {"l1": 1.5e6, "l2": 1.0e6}
TARGET_RATIO = 300.0
TARGET_PAGE_MS = 50.0


# --------------------------------------------------------------------------- problems


def random_problems(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """N random problems: centers, SPD Hessians (condition number 1–20, any rotation), budgets.

    Centers ~ N(0, 1.5²) per coordinate and budgets ~ U(0.2, 1.5), so most centers lie
    outside the ball and the solver has real work to do.
    """
    rng = np.random.default_rng(seed)
    centers = 1.5 * rng.standard_normal((n, 2))
    kappa = rng.uniform(1.0, 20.0, n)
    phi = rng.uniform(0.0, np.pi, n)
    scale = rng.uniform(0.2, 2.0, n)
    cos, sin = np.cos(phi), np.sin(phi)
    small, large = scale, scale * kappa
    hessians = np.empty((n, 2, 2))
    hessians[:, 0, 0] = small * cos**2 + large * sin**2
    hessians[:, 1, 1] = small * sin**2 + large * cos**2
    hessians[:, 0, 1] = hessians[:, 1, 0] = (small - large) * cos * sin
    budgets = rng.uniform(0.2, 1.5, n)
    return centers, hessians, budgets


def _binding_fraction(centers: np.ndarray, budgets: np.ndarray, penalty: str) -> float:
    if penalty == "l1":
        g = np.abs(centers).sum(axis=1)
    elif penalty == "l2":
        g = np.hypot(centers[:, 0], centers[:, 1])
    else:
        r = ELASTICNET_MIX
        g = r * np.abs(centers).sum(axis=1) + (1 - r) * (centers**2).sum(axis=1)
    return float(np.mean(g > budgets))


# --------------------------------------------------------------------------- batched


def time_batched(
    penalty: str, centers: np.ndarray, hessians: np.ndarray, budgets: np.ndarray, repeats: int
) -> tuple[float, np.ndarray]:
    """Best-of-``repeats`` problems per second of one batched call, and its answers."""
    beta = solve_constrained(centers, hessians, penalty, budgets, ELASTICNET_MIX)  # warm-up
    best = best_of(
        repeats, lambda: solve_constrained(centers, hessians, penalty, budgets, ELASTICNET_MIX)
    )
    return len(centers) / best, beta


# --------------------------------------------------------------------------- scipy


def _linear_piece(s: np.ndarray, t: float, r: float) -> dict:
    """The smooth constraint t − r·sᵀβ − (1 − r)‖β‖² ≥ 0 for one sign pattern s."""
    return {
        "type": "ineq",
        "fun": lambda b: t - r * (s @ b) - (1.0 - r) * (b @ b),
        "jac": lambda b: -r * s - 2.0 * (1.0 - r) * b,
    }


def _scipy_constraints(penalty: str, t: float) -> list[dict]:
    """SLSQP inequality constraints (fun ≥ 0) with analytic Jacobians.

    L1: the 4 linear constraints ±β₁ ± β₂ ≤ t (r = 1). Elastic net: its 4 smooth pieces,
    one per sign pattern (their minimum is exactly t − r‖β‖₁ − (1 − r)‖β‖²).
    L2: t² − ‖β‖² ≥ 0.
    """
    signs = [np.array(s) for s in ((1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0))]
    if penalty == "l2":
        return [{"type": "ineq", "fun": lambda b: t * t - b @ b, "jac": lambda b: -2.0 * b}]
    r = 1.0 if penalty == "l1" else ELASTICNET_MIX
    return [_linear_piece(s, t, r) for s in signs]


def solve_scipy(penalty: str, center: np.ndarray, hessian: np.ndarray, t: float) -> np.ndarray:
    """One problem by SLSQP: ½(β − c)ᵀH(β − c) with its gradient, from β = 0 (feasible)."""

    def loss(b: np.ndarray) -> float:
        d = b - center
        return 0.5 * d @ hessian @ d

    def grad(b: np.ndarray) -> np.ndarray:
        return hessian @ (b - center)

    result = minimize(
        loss,
        np.zeros(2),
        jac=grad,
        method="SLSQP",
        constraints=_scipy_constraints(penalty, t),
        options={"ftol": 1e-12, "maxiter": 200},
    )
    return result.x


def time_scipy(
    penalty: str, centers: np.ndarray, hessians: np.ndarray, budgets: np.ndarray
) -> tuple[float, np.ndarray]:
    """Problems per second of the per-problem SLSQP loop, and its answers."""
    out = np.empty_like(centers)
    start = time.perf_counter()
    for k in range(len(centers)):
        out[k] = solve_scipy(penalty, centers[k], hessians[k], float(budgets[k]))
    return len(centers) / (time.perf_counter() - start), out


# --------------------------------------------------------------------------- memory


def peak_memory(penalty: str, n: int, seed: int = 1) -> float:
    """tracemalloc peak (bytes) of one batched call on n problems (inputs excluded)."""
    centers, hessians, budgets = random_problems(n, seed)
    return traced_peak(
        lambda: solve_constrained(centers, hessians, penalty, budgets, ELASTICNET_MIX)
    )


# --------------------------------------------------------------------------- page


def page_configurations() -> dict[str, dict]:
    """The Geometry page's heaviest widget states (path overlay on)."""
    base = {k: DEFAULTS[k] for k in ("c1", "c2", "kappa", "angle", "n", "rho", "seed")}
    return {
        "L1, t": {"source": "bowl", "penalties": ("l1",), "t": 1.0},
        "L2, t": {"source": "bowl", "penalties": ("l2",), "t": 1.0},
        "elastic net, t": {"source": "bowl", "penalties": ("elasticnet",), "t": 1.0},
        "elastic net, λ": {"source": "bowl", "penalties": ("elasticnet",), "lam": 1.0},
        "Lq q=0.5, t": {"source": "bowl", "penalties": ("lq",), "t": 1.0, "q": 0.5},
        "L1 | L2, t": {"source": "bowl", "penalties": ("l1", "l2"), "t": 1.0},
        "L1 | L2, λ, data": {"source": "data", "penalties": ("l1", "l2"), "lam": 1.0},
    } | {"_base": base}


def time_page(repeats: int) -> dict[str, tuple[float, float]]:
    """Median compute and figure-build time (ms) per page configuration.

    Each repeat moves the budget (or λ) a little, as one slider step does, so nothing
    is reused from the previous call.
    """
    configs = page_configurations()
    base = configs.pop("_base")
    results = {}
    for name, cfg in configs.items():
        compute_ms, figure_ms = [], []
        for k in range(repeats):
            step = 0.05 * (k % 7)
            start = time.perf_counter()
            loss = loss_for(cfg["source"], **base)
            scenes = geometry_scenes(
                loss,
                cfg["penalties"],
                t=cfg["t"] + step if "t" in cfg else None,
                lam=cfg["lam"] + step if "lam" in cfg else None,
                l1_ratio=0.5,
                q=cfg.get("q", 1.0),
                show_path=True,
            )
            compute_ms.append(1e3 * (time.perf_counter() - start))
            start = time.perf_counter()
            for scene in scenes:  # the page draws one figure per ball, in columns
                make_geometry_figure(scene, show_path=True)
            figure_ms.append(1e3 * (time.perf_counter() - start))
        results[name] = (float(np.median(compute_ms)), float(np.median(figure_ms)))
    return results


# --------------------------------------------------------------------------- main


def main(quick: bool = False) -> dict:
    """Run every measurement, print it, and return the figures.

    Parameters
    ----------
    quick : bool, default False
        Smaller sizes for a smoke test (N = 20,000, 40 scipy problems, memory at 1e4 vs
        1e5, 3 page repeats). The full run uses N = 100,000, 500 scipy problems,
        memory at 1e5 vs 1e6 and 30 page repeats.

    Returns
    -------
    dict
        ``rate[penalty]``, ``scipy_rate[penalty]``, ``ratio[penalty]``,
        ``max_diff[penalty]``, ``memory`` {penalty: (peak_small, peak_large, n_small,
        n_large)}, ``page`` {configuration: (compute_ms, figure_ms)}.
    """
    n = 20_000 if quick else 100_000
    n_scipy = 40 if quick else 500
    repeats = 3 if quick else 7
    n_mem = (10_000, 100_000) if quick else (100_000, 1_000_000)
    page_repeats = 3 if quick else 30

    centers, hessians, budgets = random_problems(n, seed=0)
    results: dict = {"rate": {}, "scipy_rate": {}, "ratio": {}, "max_diff": {}}

    load = load_average(digits=1)
    print(f"Load average (1, 5, 15 min): {load} on {os.cpu_count()} CPUs — shared machine")
    print(f"Batched exact solver vs scipy SLSQP loop (constrained form, N = {n:,} per call)")
    for penalty in PENALTIES:
        rate, beta = time_batched(penalty, centers, hessians, budgets, repeats)
        sub = slice(0, n_scipy)
        scipy_rate, beta_scipy = time_scipy(penalty, centers[sub], hessians[sub], budgets[sub])
        max_diff = float(np.abs(beta[sub] - beta_scipy).max())
        ratio = rate / scipy_rate
        results["rate"][penalty] = rate
        results["scipy_rate"][penalty] = scipy_rate
        results["ratio"][penalty] = ratio
        results["max_diff"][penalty] = max_diff
        target = TARGET_RATE.get(penalty)
        print(f" {penalty} (binding in {100 * _binding_fraction(centers, budgets, penalty):.0f} %)")
        print_row(
            "batched exact solver",
            f"{rate / 1e6:.2f} M/s",
            f"(target ≥ {target / 1e6:.1f} M/s)" if target else "(no target)",
        )
        print_row(f"scipy SLSQP loop ({n_scipy} problems)", f"{scipy_rate:,.0f} /s")
        print_row("ratio batched / scipy", f"{ratio:,.0f}×", f"(target ≥ {TARGET_RATIO:.0f}×)")
        print_row("max |β_exact − β_scipy| on the subsample", f"{max_diff:.1e}")

    print(f"Memory: tracemalloc peak of one call, N = {n_mem[0]:,} vs {n_mem[1]:,}")
    results["memory"] = traced_growth(peak_memory, PENALTIES, n_mem)
    for penalty, (small, large, *_) in results["memory"].items():
        print_row(
            f"{penalty}",
            f"{small / 1e6:.1f} → {large / 1e6:.1f} MB",
            f"(×{large / small:.1f} for ×{n_mem[1] // n_mem[0]} problems; "
            f"{large / n_mem[1]:.0f} B/problem)",
        )

    print(f"Geometry page: compute per widget change (median of {page_repeats}; path on)")
    results["page"] = time_page(page_repeats)
    for name, (compute_ms, figure_ms) in results["page"].items():
        print_row(
            name,
            f"{compute_ms:.1f} ms",
            f"(target ≤ {TARGET_PAGE_MS:.0f} ms; figure build {figure_ms:.1f} ms, not counted)",
        )
    return results


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
