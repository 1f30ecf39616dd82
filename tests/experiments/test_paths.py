"""Tests of regviz.experiments.paths against independent scikit-learn fits."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge

from regviz.experiments.paths import (
    coefficient_path,
    entry_order,
    glmnet_grid,
    l1_norm_fraction,
    lambda_max,
    support_recovery,
)

PENALTIES = ("l1", "elasticnet", "l2")


def _diabetes():
    return load_diabetes(return_X_y=True)


def _synthetic(n=200, p=50, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) * rng.uniform(0.5, 3.0, p) + rng.uniform(-2, 2, p)
    beta = np.zeros(p)
    beta[:8] = rng.uniform(-3, 3, 8)
    y = X @ beta + 1.5 + rng.standard_normal(n)
    return X, y


DATA = {"diabetes": _diabetes, "synthetic 200x50": _synthetic}


def _reference(penalty, lam, n, l1_ratio=0.5):
    if penalty == "l1":
        return Lasso(alpha=lam, tol=1e-14, max_iter=10**7)
    if penalty == "elasticnet":
        return ElasticNet(alpha=lam, l1_ratio=l1_ratio, tol=1e-14, max_iter=10**7)
    return Ridge(alpha=n * lam)


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("penalty", PENALTIES)
def test_every_column_equals_an_individual_sklearn_fit(data, penalty):
    X, y = DATA[data]()
    # A tight solver tolerance, so that the comparison tests the model, not the stopping rule.
    path = coefficient_path(X, y, penalty, standardize=False, tol=1e-12, max_iter=10**6)
    assert path.coefs.shape == (X.shape[1], 100)
    for k, lam in enumerate(path.lambdas):
        model = _reference(penalty, lam, X.shape[0]).fit(X, y)
        np.testing.assert_allclose(path.coefs[:, k], model.coef_, rtol=0, atol=1e-6)
        np.testing.assert_allclose(path.intercepts[k], model.intercept_, rtol=0, atol=1e-6)


@pytest.mark.parametrize("penalty", ["l1", "elasticnet"])
def test_default_tolerance_is_close_to_the_exact_fit(penalty):
    """With the default tol=1e-6 the path agrees to 1e-4 of the largest coefficient."""
    X, y = _diabetes()
    path = coefficient_path(X, y, penalty, standardize=False)
    for k in range(0, 100, 11):
        model = _reference(penalty, path.lambdas[k], X.shape[0]).fit(X, y)
        scale = np.abs(model.coef_).max() + 1.0
        assert np.abs(path.coefs[:, k] - model.coef_).max() <= 1e-4 * scale


@pytest.mark.parametrize("penalty", PENALTIES)
def test_standardized_fit_equals_sklearn_on_scaled_x_mapped_back(penalty):
    X, y = _synthetic(seed=3)
    path = coefficient_path(X, y, penalty, standardize=True, tol=1e-12, max_iter=10**6)
    sd = X.std(axis=0)
    Xs = (X - X.mean(axis=0)) / sd
    for k in (0, 30, 60, 99):
        model = _reference(penalty, path.lambdas[k], X.shape[0]).fit(Xs, y)
        np.testing.assert_allclose(path.coefs[:, k] * sd, model.coef_, atol=1e-6)
        np.testing.assert_allclose(path.predict(X)[:, k], model.predict(Xs), atol=1e-6)


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("standardize", [True, False])
def test_lasso_is_all_zero_from_lambda_max_up(data, standardize):
    X, y = DATA[data]()
    top = lambda_max(X, y, standardize=standardize)
    path = coefficient_path(X, y, "l1", [top, 1.5 * top, 10 * top], standardize=standardize)
    assert np.all(path.coefs == 0.0)
    np.testing.assert_allclose(path.intercepts, y.mean())
    below = coefficient_path(X, y, "l1", [0.99 * top], standardize=standardize)
    assert np.count_nonzero(below.coefs) >= 1


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("penalty", PENALTIES)
def test_tiny_lambda_approaches_least_squares(data, penalty):
    X, y = DATA[data]()
    assert X.shape[0] > X.shape[1]
    ols = LinearRegression().fit(X, y)
    path = coefficient_path(X, y, penalty, [1e-9], tol=1e-12, max_iter=10**6)
    np.testing.assert_allclose(path.coefs[:, 0], ols.coef_, rtol=1e-4, atol=1e-3)
    np.testing.assert_allclose(path.intercepts[0], ols.intercept_, rtol=1e-4, atol=1e-3)


def test_lambdas_come_back_decreasing_and_exact_zeros_are_counted():
    X, y = _diabetes()
    path = coefficient_path(X, y, "l1", [0.1, 10.0, 1.0])
    np.testing.assert_array_equal(path.lambdas, [10.0, 1.0, 0.1])
    assert list(path.n_nonzero) == sorted(path.n_nonzero)
    # Exact zeros are +0.0 (coordinate descent can return -0.0, shown as "-0" in tables).
    assert not np.any(np.signbit(path.coefs) & (path.coefs == 0))
    ridge = coefficient_path(X, y, "l2", [0.1, 10.0, 1.0])
    assert np.all(ridge.n_nonzero == X.shape[1])


def test_lambda_grid_is_glmnet_like():
    X, y = _diabetes()
    grid = glmnet_grid(X, y, penalty="l1", n_lambdas=50, eps=1e-4)
    assert grid.shape == (50,) and np.all(np.diff(grid) < 0)
    np.testing.assert_allclose(grid[0], lambda_max(X, y))
    np.testing.assert_allclose(grid[-1] / grid[0], 1e-4)
    np.testing.assert_allclose(np.diff(np.log(grid)), np.log(grid[1] / grid[0]))
    enet = glmnet_grid(X, y, penalty="elasticnet", l1_ratio=0.25)
    np.testing.assert_allclose(enet[0], 4 * grid[0])
    ridge = glmnet_grid(X, y, penalty="l2")
    np.testing.assert_allclose(ridge[0], 1000 * grid[0])
    # Ridge at the top of its grid is essentially zero.
    top = coefficient_path(X, y, "l2", ridge[:1])
    assert np.abs(top.standardized_coefs).max() < 1e-2 * np.abs(y - y.mean()).max()


def test_entry_order_and_norm_fraction():
    X, y = _diabetes()
    path = coefficient_path(X, y, "l1")
    order = entry_order(path)
    entries = [lam for _, lam in order]
    assert entries == sorted(entries, reverse=True)
    assert order[0][0] == 2  # bmi is the first feature the lasso lets in on diabetes
    fraction = l1_norm_fraction(path)
    assert fraction[0] == 0.0 and fraction.max() == 1.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"penalty": "l3"}, "Unknown penalty"),
        ({"penalty": "elasticnet", "l1_ratio": 0.0}, "l1_ratio"),
        ({"lambdas": [-1.0]}, "positive"),
    ],
)
def test_invalid_input_raises_a_plain_sentence(kwargs, message):
    X, y = _diabetes()
    with pytest.raises(ValueError, match=message):
        coefficient_path(X, y, **kwargs)


def test_missing_values_are_refused():
    X, y = _diabetes()
    X = X.copy()
    X[0, 0] = np.nan
    with pytest.raises(ValueError, match="missing"):
        coefficient_path(X, y)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(5, 40), p=st.integers(1, 30))
def test_ridge_norm_shrinks_as_lambda_grows(seed, n, p):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = rng.standard_normal(n)
    path = coefficient_path(X, y, "l2", np.geomspace(1e3, 1e-3, 30))
    norms = np.linalg.norm(path.penalized_coefs, axis=0)
    # λ decreases along the grid, so the norm must not decrease.
    assert np.all(np.diff(norms) >= -1e-10 * (1 + norms[:-1]))


def test_support_recovery_counts_hits_false_alarms_and_misses():
    found = support_recovery(np.array([0.5, 0.0, -2.0, 0.0, 1e-12]), np.array([1, 3, 0, 0, 2.0]))
    assert (found.selected, found.true_positives, found.false_positives) == (3, 2, 1)
    assert (found.missed, found.n_true) == (1, 3)
    with pytest.raises(ValueError, match="Shapes differ"):
        support_recovery(np.zeros(3), np.zeros(4))
