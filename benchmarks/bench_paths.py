"""Speed of the Coefficient paths page's core, measured side by side in one run.

Run ``python benchmarks/bench_paths.py`` (``--quick`` for a fast smoke run). Every figure
is the median of several repeats, printed as wall time and as CPU time of this process
(on a shared machine wall time includes waiting for a core; CPU time does not).

1. **Widget change, diabetes** — what the page recomputes when data or model settings
   change: paths on 100 λ for lasso, ridge and elastic net plus 5-fold CV of each
   (:func:`regviz.experiments.crossval.study_paths`), the exact coefficients at the chosen λ and the
   figure. Target: ≤ 300 ms of compute.
2. **λ slider only, diabetes** — the paths and CV curves come from the cache (a
   ``st.cache_data`` hit unpickles them: timed here as a pickle round trip), so only the
   exact coefficients at the new λ (three one-λ fits) and the figure are new. Target: ≤ 30 ms.
3. **Synthetic 1000 × 200** (10 true features, ρ = 0.3) — all three paths + 5-fold CV.
   Target: ≤ 2 s; the page shows a progress bar while it runs (over 0.5 s).
4. **Ridge path by one SVD vs a loop of ``Ridge`` fits** over the same 100 λ on diabetes
   (standardized, ``Ridge(alpha=n·λ)``), with the largest coefficient difference.
   Target: SVD ≥ 10× faster.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from harness import timed
from sklearn.linear_model import Ridge

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from regviz.core.conventions import PENALTIES  # noqa: E402
from regviz.experiments.crossval import study_paths  # noqa: E402
from regviz.experiments.datasets import load_bundled, make_synthetic  # noqa: E402
from regviz.experiments.paths import coefficient_path, glmnet_grid  # noqa: E402
from regviz.figures.paths import make_paths_figure, make_paths_figures  # noqa: E402

TARGETS = {
    "widget_change_s": 0.3,
    "slider_only_s": 0.03,
    "synthetic_s": 2.0,
    "ridge_svd_speedup": 10.0,
}


def _exact_at(X: np.ndarray, y: np.ndarray, lam: float) -> dict[str, np.ndarray]:
    """What the page computes for the coefficient table at one λ."""
    return {p: coefficient_path(X, y, p, [lam]).coefs[:, 0] for p in PENALTIES}


def main(quick: bool = False) -> dict[str, float]:
    """Run every measurement, print a table, and return the figures.

    Parameters
    ----------
    quick : bool, default False
        Fewer repeats and a smaller synthetic problem (300 × 60), for the smoke test.

    Returns
    -------
    dict of str → float
        Wall seconds (``*_s``), CPU seconds (``*_cpu_s``) and ratios.
    """
    repeats = 2 if quick else 7
    out: dict[str, float] = {}
    diabetes = load_bundled("diabetes")
    X, y = diabetes.X, diabetes.y

    # 1. A widget change: all three paths + 5-fold CV, exact fits at λ, the figure.
    def widget_change() -> object:
        study = study_paths(X, y, n_lambdas=100, n_folds=5)
        lam = study.cv["l1"].lambda_1se
        _exact_at(X, y, lam)
        make_paths_figure(
            study.paths["l1"], study.cv["l1"], lam=lam, feature_names=diabetes.feature_names
        )
        return study

    study_wall, study_cpu, study = timed(
        lambda: study_paths(X, y, n_lambdas=100, n_folds=5), repeats
    )
    out["paths_cv_s"], out["paths_cv_cpu_s"] = study_wall, study_cpu
    out["widget_change_s"], out["widget_change_cpu_s"], _ = timed(widget_change, repeats)

    # 2. λ slider only: cache hit (pickle round trip), exact fits at the new λ, the figure.
    blob = pickle.dumps(study)
    lams = np.geomspace(study.paths["l1"].lambdas[0], study.paths["l1"].lambdas[-1], 9)[1:-1]
    position = iter(np.resize(lams, 10 * repeats))

    def slider_only(figure: str) -> Callable[[], object]:
        def work() -> object:
            cached = pickle.loads(blob)
            lam = float(next(position))
            _exact_at(X, y, lam)
            if figure == "single":
                return make_paths_figure(
                    cached.paths["l1"], cached.cv["l1"], lam=lam,
                    feature_names=diabetes.feature_names,
                )  # fmt: skip
            return make_paths_figures(
                cached.paths, cached.cv, lam=lam, feature_names=diabetes.feature_names
            )

        return work

    out["cache_hit_s"], _, _ = timed(lambda: pickle.loads(blob), repeats)
    out["exact_at_lambda_s"], _, _ = timed(lambda: _exact_at(X, y, float(lams[3])), repeats)
    out["slider_only_s"], out["slider_only_cpu_s"], _ = timed(slider_only("single"), repeats)
    out["slider_compare_s"], out["slider_compare_cpu_s"], _ = timed(slider_only("compare"), repeats)

    # 3. Synthetic 1000 × 200, all three paths + 5-fold CV.
    n, p = (300, 60) if quick else (1000, 200)
    synthetic = make_synthetic(n, p, n_informative=10, rho=0.3, noise=1.0, seed=0)
    out["synthetic_s"], out["synthetic_cpu_s"], big = timed(
        lambda: study_paths(synthetic.X, synthetic.y, n_lambdas=100, n_folds=5),
        1 if not quick else 1,
    )
    out["synthetic_not_converged"] = float(sum(q.n_not_converged for q in big.paths.values()))

    # 4. Ridge: one SVD against a loop of Ridge fits, same 100 λ, standardized X.
    grid = glmnet_grid(X, y, penalty="l2", n_lambdas=100)
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)

    def ridge_loop() -> np.ndarray:
        return np.column_stack([Ridge(alpha=X.shape[0] * lam).fit(Xs, y).coef_ for lam in grid])

    out["ridge_svd_s"], _, svd = timed(lambda: coefficient_path(Xs, y, "l2", grid), repeats)
    out["ridge_loop_s"], _, loop = timed(ridge_loop, max(1, repeats // 2))
    out["ridge_svd_speedup"] = out["ridge_loop_s"] / out["ridge_svd_s"]
    out["ridge_max_abs_diff"] = float(np.abs(svd.coefs - loop).max())

    _print(out, n, p)
    return out


def _print(out: dict[str, float], n: int, p: int) -> None:
    ms = 1e3
    rows = [
        ("diabetes: 3 paths + 5-fold CV (100 λ)", out["paths_cv_s"], out["paths_cv_cpu_s"], None),
        (
            "diabetes: widget change (+ exact fits at λ + figure)",
            out["widget_change_s"], out["widget_change_cpu_s"], TARGETS["widget_change_s"],
        ),
        ("  of which: cache hit (unpickle results)", out["cache_hit_s"], None, None),
        ("  of which: exact coefficients at λ (3 fits)", out["exact_at_lambda_s"], None, None),
        (
            "diabetes: λ slider only (cache hit + exact fits + figure)",
            out["slider_only_s"], out["slider_only_cpu_s"], TARGETS["slider_only_s"],
        ),
        (
            "diabetes: λ slider only, compare mode",
            out["slider_compare_s"], out["slider_compare_cpu_s"], None,
        ),
        (
            f"synthetic {n}×{p}: 3 paths + 5-fold CV",
            out["synthetic_s"], out["synthetic_cpu_s"], TARGETS["synthetic_s"],
        ),
        ("ridge path, one SVD (100 λ)", out["ridge_svd_s"], None, None),
        ("ridge, loop of 100 Ridge fits", out["ridge_loop_s"], None, None),
    ]  # fmt: skip
    print(f"{'measurement':60s} {'wall ms':>9s} {'cpu ms':>9s} {'target ms':>10s}")
    for label, wall, cpu, target in rows:
        cpu_text = f"{cpu * ms:9.1f}" if cpu is not None else f"{'':9s}"
        target_text = f"{target * ms:10.0f}" if target is not None else ""
        print(f"{label:60s} {wall * ms:9.1f} {cpu_text} {target_text}")
    print(
        f"ridge SVD speed-up over the Ridge loop: {out['ridge_svd_speedup']:.0f}× "
        f"(target ≥ {TARGETS['ridge_svd_speedup']:.0f}×), "
        f"max |Δβ| = {out['ridge_max_abs_diff']:.1e}"
    )
    print(
        f"slider-only / widget-change ratio: {out['slider_only_s'] / out['widget_change_s']:.2f}; "
        f"synthetic over 0.5 s (progress bar shown): {out['synthetic_s'] > 0.5}; "
        f"λ values stopped at the iteration limit: {int(out['synthetic_not_converged'])}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller problem")
    main(quick=parser.parse_args().quick)
