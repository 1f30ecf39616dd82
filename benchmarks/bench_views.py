"""Benchmark of the Bayesian, Optimizer and One-λ pages: time per widget change.

Measured side by side in one run, for each page configuration:

1. the core call on a cache miss, the figure build, and the JSON serialization that
   ``st.plotly_chart`` performs (``plotly.io.to_json(fig, validate=False)``), each the
   median of several repeats; their total against the 300 ms budget of issue 7, and the
   CPU time of the same pipeline (``time.process_time``), which a busy shared machine
   inflates far less than wall time;
2. (full run only) a whole Streamlit rerun after moving the page's first slider, in
   AppTest (script + widgets + figure + serialization, no browser);
3. reference ratios that explain the design choices:
   - Bayesian: the 2-D posterior mean by the page's grid rule vs scipy's ``dblquad``;
   - Optimizer: distance to the exact answer after the same number of steps, ISTA vs
     subgradient descent;
   - One λ: the exact 2-D solver over the page's 161-λ grid vs a loop of scikit-learn
     ``Lasso`` fits on the same grid.

Run ``python benchmarks/bench_views.py`` (or ``--quick`` for a smoke run). The machine
is shared with other work, so absolute times are pessimistic; the load average is printed.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import plotly.io as pio
from harness import timed
from scipy import integrate

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from regviz.core.losses import QuadraticLoss  # noqa: E402
from regviz.experiments.bayes import (  # noqa: E402
    bayes_view,
    correlated_hessian,
    log_posterior,
    posterior_summary,
    prior_scale_for_sd,
)
from regviz.experiments.onelambda import at_lambda, fit_path, make_two_feature_data  # noqa: E402
from regviz.experiments.optimizers import run_all, runs_for_settings  # noqa: E402
from regviz.figures.bayesian import make_bayes_panel  # noqa: E402
from regviz.figures.one_lambda import (  # noqa: E402
    make_constraint_figure,
    make_error_figure,
    make_path_figure,
)
from regviz.figures.optimizer import (  # noqa: E402
    make_coordinate_figure,
    make_distance_figure,
    make_method_figure,
    view_range,
)

BUDGET_MS = 300.0


def _median_ms(func: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Median wall time (ms) over ``repeats`` calls, and what the last call returned."""
    wall_s, _, result = timed(func, repeats)
    return 1e3 * wall_s, result


def _json_ms(figures: list, repeats: int) -> tuple[float, int]:
    ms, sizes = _median_ms(lambda: [pio.to_json(f, validate=False) for f in figures], repeats)
    return ms, sum(len(s) for s in sizes)


def bayes_configs() -> dict[str, Callable[[], tuple]]:
    def one():
        return tuple(
            bayes_view([1.0], [[1.0]], prior=p, prior_sd=0.5, sigma=2.0, n=20)
            for p in ("laplace", "gaussian")
        )

    def two():
        return tuple(
            bayes_view([1.0, 0.2], correlated_hessian(0.3), prior=p, prior_sd=0.5, sigma=2.0, n=20)
            for p in ("laplace", "gaussian")
        )

    return {"Bayesian, one coefficient": one, "Bayesian, two coefficients": two}


def _row(
    core: Callable[[], object], figures: Callable[[object], list], repeats: int
) -> dict[str, float]:
    """Wall time of core, figures and JSON separately, and the CPU time of all three."""
    core_ms, result = _median_ms(core, repeats)
    fig_ms, figs = _median_ms(lambda: figures(result), repeats)
    json_ms, size = _json_ms(figs, repeats)

    def whole() -> None:
        for fig in figures(core()):
            pio.to_json(fig, validate=False)

    return {
        "core": core_ms,
        "figure": fig_ms,
        "json": json_ms,
        "total": core_ms + fig_ms + json_ms,
        "cpu": 1e3 * timed(whole, repeats).cpu_s,  # less sensitive to a busy machine
        "bytes": size,
    }


def measure_pages(repeats: int, n_steps_list: tuple[int, ...]) -> dict[str, dict[str, float]]:
    """Compute / figure / JSON milliseconds for each page configuration (a cache miss)."""
    rows: dict[str, dict[str, float]] = {}
    # The figures each page draws: one per prior (Bayesian), one per method plus the
    # distance and the coordinate figures (Optimizer), three (One λ).
    for name, compute in bayes_configs().items():
        rows[name] = _row(compute, lambda views: [make_bayes_panel(v) for v in views], repeats)

    def optimizer_figures(result: tuple) -> list:
        loss, runs = result
        lim = view_range(runs, loss)
        methods = [make_method_figure(run, loss, lim) for run in runs]
        return [*methods, make_distance_figure(runs), make_coordinate_figure(runs)]

    for n_steps in n_steps_list:
        rows[f"Optimizer, {n_steps} steps"] = _row(
            lambda n_steps=n_steps: runs_for_settings({"steps": n_steps}),
            optimizer_figures,
            repeats,
        )

    def new_data():
        fresh = make_two_feature_data(seed=1)
        path = fit_path(fresh, "l1")
        return path, at_lambda(fresh, path, 0.3)

    def one_figure(result):
        return [
            make(*result) for make in (make_constraint_figure, make_path_figure, make_error_figure)
        ]

    rows["One λ, data change (path refit)"] = _row(new_data, one_figure, repeats)
    data = make_two_feature_data()
    path = fit_path(data, "l1")
    rows["One λ, λ change (path cached)"] = _row(
        lambda: (path, at_lambda(data, path, 0.25)), one_figure, repeats
    )
    return rows


def reference_ratios(quick: bool) -> dict[str, float]:
    """Side-by-side measurements behind the design choices."""
    out: dict[str, float] = {}
    # Bayesian: grid rule vs scipy dblquad for one 2-D posterior mean coordinate.
    center, hessian, sigma, n = np.array([0.6, 0.05]), np.diag([1.0, 2.0]), 1.0, 15
    scale = prior_scale_for_sd("laplace", 0.4)
    grid_ms, summary = _median_ms(
        lambda: posterior_summary(center, hessian, sigma, n, "laplace", scale), 3
    )

    def dblquad_mean() -> float:
        def density(b2, b1):
            return np.exp(log_posterior([b1, b2], center, hessian, sigma, n, "laplace", scale))

        box = (-2.0, 2.0)
        mass = integrate.dblquad(density, *box, *box, epsabs=1e-10)[0]
        first = integrate.dblquad(lambda b2, b1: b1 * density(b2, b1), *box, *box, epsabs=1e-10)
        return first[0] / mass

    quad_ms, quad_mean = _median_ms(dblquad_mean, 1)
    out["bayes_grid_ms"] = grid_ms
    out["bayes_dblquad_ms"] = quad_ms
    out["bayes_speedup"] = quad_ms / grid_ms
    out["bayes_mean_diff"] = abs(float(summary.mean[0]) - quad_mean)

    # Optimizer: distance after the same steps.
    loss = QuadraticLoss.from_bowl([2.0, 0.5], condition_number=4.0, angle_deg=30.0)
    runs = {r.method: r for r in run_all(loss, 1.0, 100, (-1.5, 2.5))}
    out["subgradient_distance_100"] = float(runs["subgradient"].distance[-1])
    out["ista_distance_100"] = float(runs["ista"].distance[-1])

    # One λ: exact 2-D path vs a loop of sklearn Lasso fits on the same grid.
    from sklearn.linear_model import Lasso

    data = make_two_feature_data()
    exact_ms, path = _median_ms(lambda: fit_path(data, "l1"), 3)
    lams = path.lambdas[:: 8 if quick else 1]

    def sklearn_loop():
        return np.array(
            [Lasso(alpha=lam, tol=1e-10).fit(data.X_train, data.y_train).coef_ for lam in lams]
        )

    loop_ms, coefs = _median_ms(sklearn_loop, 1)
    loop_ms *= len(path.lambdas) / len(lams)
    out["path_exact_ms"] = exact_ms
    out["path_sklearn_loop_ms"] = loop_ms
    out["path_speedup"] = loop_ms / exact_ms
    out["path_max_diff"] = float(np.max(np.abs(coefs - path.betas[:: 8 if quick else 1])))
    return out


def apptest_reruns(repeats: int) -> dict[str, float]:
    """Median wall time of a full AppTest rerun after moving each page's first slider
    (keys ``<slug>_<name>``; One λ's λ is a select slider over λ values)."""
    sys.path.insert(0, str(ROOT / "tests" / "app"))
    from apptest_helpers import open_page

    moves = {
        "pages/bayesian.py": ("slider", "bayesian_c1", (0.4, 1.2, 0.45, 1.25, 0.5)),
        "pages/optimizer.py": ("slider", "optimizer_lam", (1.5, 0.8, 1.55, 0.85, 1.6)),
        "pages/one_lambda.py": ("select_slider", "one_lambda_lam", (0.1, 1.0, 0.032, 3.2, 0.01)),
    }
    out = {}
    for page, (kind, key, values) in moves.items():
        at = open_page(page)
        times = []
        for k in range(repeats):
            start = time.perf_counter()
            getattr(at, kind)(key=key).set_value(values[k % len(values)]).run()
            times.append(1e3 * (time.perf_counter() - start))
            assert not at.exception
        out[page] = statistics.median(times)
    return out


def main(quick: bool = False) -> dict:
    """Run the benchmark, print a table, return the numbers."""
    repeats = 3 if quick else 7
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"bench_views — load average {load:.2f} on {os.cpu_count()} CPUs (shared machine)")
    rows = measure_pages(repeats, (100,) if quick else (100, 300))
    print(
        f"\n{'page configuration (wall ms)':36s} {'core':>9s} {'figure':>9s} {'json':>9s} "
        f"{'total':>9s} {'÷300ms':>7s} {'CPU':>9s} {'÷300ms':>7s} {'JSON kB':>8s}"
    )
    for name, row in rows.items():
        print(
            f"{name:36s} {row['core']:7.1f}ms {row['figure']:7.1f}ms {row['json']:7.1f}ms "
            f"{row['total']:7.1f}ms {row['total'] / BUDGET_MS:7.2f} {row['cpu']:7.1f}ms "
            f"{row['cpu'] / BUDGET_MS:7.2f} {row['bytes'] / 1e3:8.0f}"
        )
    ratios = reference_ratios(quick)
    print("\nreference ratios (measured side by side)")
    print(
        f"  Bayesian 2-D posterior mean: grid {ratios['bayes_grid_ms']:.1f} ms vs scipy dblquad "
        f"{ratios['bayes_dblquad_ms']:.0f} ms → ratio dblquad / grid = "
        f"{ratios['bayes_speedup']:.0f}× (|difference| {ratios['bayes_mean_diff']:.1e})"
    )
    print(
        f"  Optimizer after 100 steps: subgradient {ratios['subgradient_distance_100']:.1e} vs "
        f"ISTA {ratios['ista_distance_100']:.1e} from the exact answer"
    )
    print(
        f"  One λ path (161 λ): exact 2-D {ratios['path_exact_ms']:.2f} ms vs sklearn Lasso loop "
        f"{ratios['path_sklearn_loop_ms']:.0f} ms → ratio loop / exact = "
        f"{ratios['path_speedup']:.0f}× (max |Δβ| {ratios['path_max_diff']:.1e})"
    )
    reruns = {}
    if not quick:
        reruns = apptest_reruns(5)
        print("\nfull Streamlit rerun after moving the first slider (AppTest, median of 5)")
        for page, ms in reruns.items():
            print(f"  {page:28s} {ms:7.1f} ms   ÷300ms = {ms / BUDGET_MS:.2f}")
    return {"rows": rows, "ratios": ratios, "reruns": reruns, "load": load}


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
