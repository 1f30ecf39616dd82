"""Speed of the Overfitting page's core, measured against one-fit-per-λ references.

Run ``python benchmarks/bench_overfit.py`` (``--quick`` for a fast smoke run). Measured side
by side in one run (median of repeats, wall clock, on whatever else the machine is doing):

Each figure is printed as wall time and as CPU time of this process (the machine may be
shared: wall time then includes waiting for a core, CPU time does not).

1. **Widget change** — error curves for 60 λ × 3 penalties (ridge, lasso, elastic net)
   with 5-fold CV on n = 30, Legendre degree 15: :func:`regviz.experiments.overfit.error_curves`
   (one SVD / one ``lasso_path`` / one ``enet_path`` per row set) plus the three figures,
   against a loop of scikit-learn ``Ridge``/``Lasso``/``ElasticNet`` fits, one per λ
   (StandardScaler pipelines, ``tol=1e-6`` like ours). Target: ≤ 300 ms.
2. **λ slider only** — curves cached, so only the figures are rebuilt: the main error
   figure alone and all four figures of the page. Target: ≤ 30 ms.
3. **Bias–variance, B = 100 over 60 λ** — ridge closed form for all B sets at once
   (batched SVD) against a loop of ``Ridge`` fits (one per set and λ); lasso with one
   ``lasso_path`` per set against a loop of ``Lasso`` fits. Target: ≤ 3 s.

Quick mode uses fewer λ, sets and repeats for the references so it finishes in seconds.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from harness import timed
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, Lasso, Ridge
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from regviz.experiments.biasvariance import bias_variance, draw_training_sets  # noqa: E402
from regviz.experiments.overfit import FeatureSpec, error_curves, make_dataset, slider_lambdas  # noqa: E402
from regviz.figures.overfitting import (  # noqa: E402
    make_bias_variance_figure,
    make_coefficient_figure,
    make_error_curves_figure,
    make_fit_figure,
)

N, DEGREE, FOLDS = 30, 15, 5
TARGETS = {"widget_change_s": 0.3, "slider_main_s": 0.03, "bias_variance_l2_s": 3.0}


def _timed(
    results: dict[str, float],
    key: str,
    work: Callable[[], object],
    repeats: int,
    scale: float = 1.0,
) -> None:
    """Store the median wall time under ``key`` and the CPU time under ``key + '_cpu'``.

    On a shared machine wall time includes waiting for a core; CPU time does not, so the
    table prints both.
    """
    wall_s, cpu_s, _ = timed(work, repeats)
    results[key] = wall_s * scale
    results[key.removesuffix("_s") + "_cpu_s"] = cpu_s * scale


def _sklearn_model(penalty: str, lam: float, n: int):
    if penalty == "l2":
        model = Ridge(alpha=n * lam)
    elif penalty == "l1":
        model = Lasso(alpha=lam, tol=1e-6, max_iter=5_000)
    else:
        model = ElasticNet(alpha=lam, l1_ratio=0.5, tol=1e-6, max_iter=5_000)
    return make_pipeline(StandardScaler(), model)


def _loop_error_curves(data, spec: FeatureSpec, lambdas: np.ndarray) -> None:
    """The reference: train/test/CV error with one scikit-learn fit per λ and row set."""
    phi, phi_test = spec.transform(data.x_train), spec.transform(data.x_test)
    folds = list(KFold(FOLDS, shuffle=True, random_state=data.seed).split(phi))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for penalty in ("l2", "l1", "elasticnet"):
            for lam in lambdas:
                model = _sklearn_model(penalty, lam, data.n).fit(phi, data.y_train)
                model.predict(phi_test)
                for fit_rows, val_rows in folds:
                    fold = _sklearn_model(penalty, lam, fit_rows.size)
                    fold.fit(phi[fit_rows], data.y_train[fit_rows]).predict(phi[val_rows])


def _loop_bias_variance(penalty: str, lambdas: np.ndarray, n_sets: int, n_eval: int) -> None:
    """The reference: one scikit-learn fit per training set and λ."""
    spec = FeatureSpec("legendre", DEGREE)
    x_sets, y_sets = draw_training_sets("sine", n=N, noise=0.3, n_sets=n_sets, seed=0)
    phi_eval = spec.transform(np.random.default_rng(0).uniform(0, 1, n_eval))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for b in range(n_sets):
            phi = spec.transform(x_sets[b])
            for lam in lambdas:
                _sklearn_model(penalty, lam, N).fit(phi, y_sets[b]).predict(phi_eval)


def main(quick: bool = False) -> dict[str, float]:
    """Measure the Overfitting core and print figures and ratios.

    Parameters
    ----------
    quick : bool, default False
        Fewer repeats and smaller reference loops (a smoke run of a few seconds).

    Returns
    -------
    dict of str to float
        Timings in seconds (keys ending in ``_s``) and speed-up ratios (``_ratio``).
    """
    repeats = 2 if quick else 7
    lambdas = slider_lambdas(-5, 2, 7 / 59)  # 60 λ
    assert lambdas.size == 60
    spec = FeatureSpec("legendre", DEGREE)
    data = make_dataset("sine", n=N, noise=0.3, seed=0)
    lam = 1e-2

    def widget_change() -> None:
        fresh = make_dataset("sine", n=N, noise=0.3, seed=0)
        curves = error_curves(fresh, spec, lambdas=lambdas, n_folds=FOLDS)
        make_error_curves_figure(curves, lam=lam)
        make_fit_figure(curves, lam=lam)
        make_coefficient_figure(curves, lam=lam)

    error_curves(data, spec, lambdas=lambdas)  # warm imports and BLAS
    results: dict[str, float] = {}
    _timed(results, "widget_change_s", widget_change, repeats)
    _timed(
        results,
        "error_curves_core_s",
        lambda: error_curves(data, spec, lambdas=lambdas, n_folds=FOLDS),
        repeats,
    )
    ref_lambdas = lambdas[::12] if quick else lambdas
    _timed(
        results,
        "error_curves_loop_s",
        lambda: _loop_error_curves(data, spec, ref_lambdas),
        1,
        scale=lambdas.size / ref_lambdas.size,
    )
    results["error_curves_ratio"] = results["error_curves_loop_s"] / results["error_curves_core_s"]

    curves = error_curves(data, spec, lambdas=lambdas, n_folds=FOLDS)
    n_sets = 10 if quick else 100
    bv = {
        p: bias_variance(penalty=p, lambdas=lambdas, n_sets=n_sets, n_eval=2_000)
        for p in ("l2", "l1")
    }
    slider_values = iter(np.tile(lambdas, 50))
    _timed(
        results,
        "slider_main_s",
        lambda: make_error_curves_figure(curves, lam=next(slider_values)),
        repeats * 3,
    )

    def slider_all() -> None:
        value = next(slider_values)
        make_error_curves_figure(curves, lam=value)
        make_fit_figure(curves, lam=value)
        make_coefficient_figure(curves, lam=value)
        make_bias_variance_figure(bv, lam=value)

    _timed(results, "slider_all_figures_s", slider_all, repeats * 3)

    bv_repeats = 1 if quick else 3
    for penalty in ("l2", "l1", "elasticnet"):
        _timed(
            results,
            f"bias_variance_{penalty}_s",
            lambda penalty=penalty: bias_variance(
                penalty=penalty, lambdas=lambdas, n_sets=n_sets, n_eval=2_000
            ),
            bv_repeats,
            scale=100 / n_sets,
        )
    ref_sets = 2 if quick else 20
    for penalty in ("l2", "l1"):
        _timed(
            results,
            f"bias_variance_{penalty}_loop_s",
            lambda p=penalty: _loop_bias_variance(p, lambdas, ref_sets, 2_000),
            1,
            scale=100 / ref_sets,
        )
        results[f"bias_variance_{penalty}_ratio"] = (
            results[f"bias_variance_{penalty}_loop_s"] / results[f"bias_variance_{penalty}_s"]
        )
    _print_table(results, quick=quick)
    return results


def _print_table(results: dict[str, float], *, quick: bool) -> None:
    ms = 1000.0
    rows = [
        ("Widget change: curves 60 λ × 3 penalties, 5-fold CV, + 3 figures", "widget_change_s"),
        ("  of which the core error_curves()", "error_curves_core_s"),
        ("  reference: one sklearn fit per λ and row set", "error_curves_loop_s"),
        ("λ slider only: main error figure", "slider_main_s"),
        ("λ slider only: all four figures", "slider_all_figures_s"),
        ("Bias–variance B=100 × 60 λ, ridge (batched SVD)", "bias_variance_l2_s"),
        ("  reference: one sklearn Ridge fit per set and λ (*)", "bias_variance_l2_loop_s"),
        ("Bias–variance B=100 × 60 λ, lasso (lasso_path per set)", "bias_variance_l1_s"),
        ("  reference: one sklearn Lasso fit per set and λ (*)", "bias_variance_l1_loop_s"),
        (
            "Bias–variance B=100 × 60 λ, elastic net (enet_path per set)",
            "bias_variance_elasticnet_s",
        ),
    ]
    print(f"bench_overfit ({'quick' if quick else 'full'}; n={N}, degree {DEGREE}, 60 λ)")
    print(f"{'':<66} {'wall':>10}    {'CPU':>10}")
    for label, key in rows:
        target = TARGETS.get(key)
        suffix = f"   (target ≤ {target * ms:.0f} ms)" if target else ""
        cpu = results[key.removesuffix("_s") + "_cpu_s"]
        print(f"{label:<66} {results[key] * ms:10.1f} ms {cpu * ms:10.1f} ms{suffix}")
    sets = "2" if quick else "20"
    print(f"(*) timed on {sets} training sets and scaled to B = 100", end="")
    print(
        "; quick mode also times the error-curve reference on 5 λ and scales to 60."
        if quick
        else "."
    )
    print("Ratios (reference / regviz, same run):")
    print(f"  error curves, paths vs per-λ fits      {results['error_curves_ratio']:8.1f}×")
    print(f"  bias–variance ridge, batched vs loop   {results['bias_variance_l2_ratio']:8.1f}×")
    print(f"  bias–variance lasso, paths vs loop     {results['bias_variance_l1_ratio']:8.1f}×")
    print(
        "  slider vs widget change                "
        f"{results['widget_change_s'] / results['slider_main_s']:8.1f}×"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run")
    main(quick=parser.parse_args().quick)
