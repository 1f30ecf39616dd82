"""No ConvergenceWarning reaches the log from regviz.experiments; non-convergence is counted."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import ConvergenceWarning

from regviz.experiments import claims, highdim, samplecomplexity
from regviz.experiments.claims import common as claims_common
from regviz.experiments.crossval import (
    CV_MAX_ITER,
    convergence_note,
    cross_validate_path,
    describe_convergence,
    study_paths,
)
from regviz.experiments.datasets import make_synthetic
from regviz.experiments.paths import glmnet_grid


def _convergence_warnings(func, *args, **kwargs) -> list:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        func(*args, **kwargs)
    return [w for w in caught if issubclass(w.category, ConvergenceWarning)]


HARD = make_synthetic(n_samples=200, n_features=50, rho=0.9)


@pytest.mark.parametrize(
    ("func", "kwargs"),
    [
        (claims.check_sparse, {"seed": 0, "k": 20, "lam": 0.001}),
        (claims.check_sparse, {"seed": 12, "k": 18}),
        (claims.check_binary, {"seed": 3, "lam": 0.001}),
        (claims.check_gradient, {"seed": 1, "lam": 0.001, "n_iter": 30}),
        (claims.check_unique, {"seed": 2, "correlation": 0.999}),
        (claims.check_outliers, {"seed": 5, "lam": 3.2, "outlier_size": 40}),
        (claims.check_collinearity, {"seed": 0, "n_sets": 20}),
        (claims.check_proportion, {"seed": 0}),
        (highdim.simulate_highdim, {"p_values": (50,), "n_problems": 5, "correlation": 0.99}),
        (
            samplecomplexity.run_trial,
            {"setting": "one", "n_features": 200, "n_train": 40, "seed": 0, "n_eval": 2_000},
        ),  # fmt: skip
        (cross_validate_path, {"X": HARD.X, "y": HARD.y, "penalty": "l1", "max_iter": 100}),
        (study_paths, {"X": HARD.X, "y": HARD.y, "penalties": ("elasticnet",), "max_iter": 100}),
    ],
)
def test_no_convergence_warning_escapes(func, kwargs):
    assert _convergence_warnings(func, **kwargs) == []


def test_cv_counts_fold_fits_that_stop_early_and_says_so():
    grid = glmnet_grid(HARD.X, HARD.y, penalty="l1")
    short = cross_validate_path(HARD.X, HARD.y, "l1", grid, max_iter=1_000)
    assert short.n_not_converged > 100  # measured: 142 of 500 fold fits
    assert short.fold_not_converged.sum() == short.n_not_converged
    text = describe_convergence(cv=short)
    assert f"in {short.n_not_converged} of 500 cross-validation fold fits" in text
    # The default gives coordinate descent enough sweeps on the same data.
    default = cross_validate_path(HARD.X, HARD.y, "l1", grid)
    assert default.n_not_converged == 0 and describe_convergence(cv=default) is None
    assert CV_MAX_ITER >= 10_000
    # Where both converged they agree; the short run's CV error is off where it stopped.
    assert np.max(np.abs(short.mean_mse - default.mean_mse) / default.mean_mse) > 1e-4


def test_convergence_note_counts():
    assert convergence_note(0, 10) is None
    assert convergence_note(3, 10, "fits").startswith(
        "Coordinate descent stopped at its iteration limit in 3 of 10 fits"
    )


def test_claims_count_lasso_fits_that_stop_early(monkeypatch):
    monkeypatch.setattr(claims_common, "CD_MAX_ITER", 1)  # where the fits read it
    X, y, _ = claims.sparse_regression_data(seed=0)
    assert claims.lasso_fit_counted(X, y, 0.001)[2] == 1
    evidence = claims.check_sparse(seed=0, lam=0.001)
    assert evidence.n_not_converged == 1
    assert "stopped at its iteration limit in 1 fit(s)" in evidence.summary
    assert _convergence_warnings(claims.check_sparse, seed=0, lam=0.001) == []


def test_highdim_counts_lasso_fits_that_stop_early(monkeypatch):
    monkeypatch.setattr(highdim, "LASSO_MAX_ITER", 1)
    result = highdim.simulate_highdim((10,), n_problems=4, correlation=0.9)
    assert result.n_not_converged == 4
    assert highdim.simulate_highdim((10,), n_problems=4).n_not_converged == 4
    monkeypatch.undo()
    assert highdim.simulate_highdim((10,), n_problems=4).n_not_converged == 0


def test_sample_complexity_counts_liblinear_fits_that_stop_early(monkeypatch, tmp_path):
    original = samplecomplexity.make_model

    def one_iteration(penalty, C):
        model = original(penalty, C)
        model.max_iter = 1
        return model

    monkeypatch.setattr(samplecomplexity, "make_model", one_iteration)
    rows = samplecomplexity.run_trial("one", 20, 40, 0, n_eval=1_000)
    assert all(r["n_not_converged"] > 0 for r in rows)
    summary = samplecomplexity.summarize(pd.DataFrame(rows), n_bayes=1_000)
    assert summary["not_converged"].tolist() == [r["n_not_converged"] for r in rows]
    # The extra column is written and read back without breaking the shipped format.
    result = samplecomplexity.SampleComplexityResult(summary, {"repeats": "1"})
    path = samplecomplexity.save_results(result, tmp_path / "run.csv")
    assert list(samplecomplexity.load_results(path).summary.columns) == list(
        samplecomplexity.SUMMARY_COLUMNS
    )
