"""Tests of regviz.experiments.crossval against scikit-learn's own cross-validation."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNetCV, LassoCV, Ridge
from sklearn.model_selection import KFold

from regviz.experiments.crossval import cross_validate_path, one_se_rule, study_paths
from regviz.experiments.datasets import make_synthetic
from regviz.experiments.paths import glmnet_grid, support_recovery


@pytest.fixture(scope="module")
def diabetes():
    return load_diabetes(return_X_y=True)


@pytest.mark.parametrize("penalty", ["l1", "elasticnet"])
def test_cv_error_matches_sklearn_cv_on_the_same_folds(diabetes, penalty):
    X, y = diabetes
    grid = glmnet_grid(X, y, penalty=penalty, n_lambdas=30, standardize=False)
    folds = KFold(5, shuffle=True, random_state=7)
    if penalty == "l1":
        reference = LassoCV(alphas=grid, cv=folds, tol=1e-10, max_iter=10**6)
    else:
        reference = ElasticNetCV(alphas=grid, l1_ratio=0.5, cv=folds, tol=1e-10, max_iter=10**6)
    reference.fit(X, y)
    cv = cross_validate_path(X, y, penalty, grid, standardize=False, n_folds=5, seed=7)
    # mse_path_ is (n_alphas, n_folds) on the same decreasing grid and the same folds.
    np.testing.assert_allclose(cv.fold_mse, reference.mse_path_.T, rtol=1e-4)
    assert cv.lambda_min == pytest.approx(reference.alpha_)


def test_ridge_cv_matches_a_loop_of_ridge_fits(diabetes):
    X, y = diabetes
    grid = np.geomspace(10.0, 1e-3, 12)
    cv = cross_validate_path(X, y, "l2", grid, standardize=False, n_folds=4, seed=1)
    for i, (train, test) in enumerate(KFold(4, shuffle=True, random_state=1).split(X)):
        for k, lam in enumerate(grid):
            model = Ridge(alpha=len(train) * lam).fit(X[train], y[train])
            mse = np.mean((y[test] - model.predict(X[test])) ** 2)
            assert cv.fold_mse[i, k] == pytest.approx(mse, rel=1e-9)
    np.testing.assert_allclose(cv.se_mse, cv.fold_mse.std(axis=0, ddof=1) / 2.0)


def test_one_se_rule_on_a_hand_made_curve():
    lambdas = np.array([5.0, 4.0, 3.0, 2.0, 1.0])
    mean = np.array([9.0, 6.0, 5.5, 5.0, 5.2])
    se = np.array([1.0, 1.0, 1.0, 0.6, 1.0])
    # Minimum at λ = 2 (5.0); within 5.0 + 0.6 = 5.6: λ = 3 (5.5) is the largest.
    assert one_se_rule(lambdas, mean, se) == (3, 2)
    with pytest.raises(ValueError, match="decreasing"):
        one_se_rule(lambdas[::-1], mean, se)


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_lambda_1se_is_never_below_lambda_min(diabetes, penalty):
    X, y = diabetes
    cv = cross_validate_path(X, y, penalty)
    assert cv.lambda_1se >= cv.lambda_min
    assert cv.mean_mse[cv.index_1se] <= cv.mean_mse[cv.index_min] + cv.se_mse[cv.index_min]
    # The CV error at λ_min is well below the error of predicting the mean.
    assert cv.mean_mse[cv.index_min] < 0.7 * np.var(y)


def test_study_reports_progress_up_to_one(diabetes):
    X, y = diabetes
    seen: list[float] = []
    study = study_paths(X, y, n_lambdas=20, n_folds=3, progress=seen.append)
    assert set(study.paths) == set(study.cv) == {"l1", "l2", "elasticnet"}
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
    assert len(seen) >= 9
    for penalty, path in study.paths.items():
        np.testing.assert_array_equal(path.lambdas, study.cv[penalty].lambdas)


def test_too_many_folds_is_refused(diabetes):
    X, y = diabetes
    with pytest.raises(ValueError, match="folds"):
        cross_validate_path(X[:8], y[:8], n_folds=9)


def test_lasso_at_lambda_1se_finds_a_clear_sparse_truth():
    data = make_synthetic(400, 40, n_informative=5, rho=0.2, noise=0.5, seed=11)
    study = study_paths(data.X, data.y, penalties=("l1", "l2"))
    lasso, cv = study.paths["l1"], study.cv["l1"]
    found = support_recovery(lasso.coefs[:, cv.index_1se], data.true_coef)
    assert found.true_positives == 5 and found.missed == 0
    assert found.false_positives <= 5
    # Ridge keeps every feature at its λ_1se: no selection at all.
    ridge = support_recovery(study.paths["l2"].coefs[:, study.cv["l2"].index_1se], data.true_coef)
    assert ridge.selected == 40
