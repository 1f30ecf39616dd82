"""Tests of regviz.experiments.overfit: data, basis features, path fits and error curves.

Every fit is checked against an independent scikit-learn reference (a StandardScaler +
Ridge/Lasso/ElasticNet pipeline, fitted one λ at a time).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.polynomial import legendre
from sklearn.linear_model import ElasticNet, Lasso, Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from regviz.experiments.overfit import (
    PRESETS,
    TRUTHS,
    FeatureSpec,
    compare_bases,
    error_curves,
    fit_path,
    make_dataset,
    ridge_coefs_svd,
    slider_lambdas,
    true_function,
)
from regviz.figures.overfitting import (
    make_coefficient_figure,
    make_error_curves_figure,
    make_fit_figure,
)

SMALL_GRID = slider_lambdas(-4, 1, 0.25)


def _sklearn_model(penalty: str, lam: float, n: int, l1_ratio: float = 0.5):
    """The same model in scikit-learn's own parametrization (λ convention of DESIGN.md)."""
    if penalty == "l2":
        model = Ridge(alpha=n * lam)
    elif penalty == "l1":
        model = Lasso(alpha=lam, tol=1e-10, max_iter=200_000)
    else:
        model = ElasticNet(alpha=lam, l1_ratio=l1_ratio, tol=1e-10, max_iter=200_000)
    return make_pipeline(StandardScaler(), model)


# --- data -------------------------------------------------------------------------------


@pytest.mark.parametrize("truth", list(TRUTHS))
def test_dataset_shapes_seed_and_noise_level(truth):
    a = make_dataset(truth, n=25, noise=0.5, n_test=20_000, seed=3)
    b = make_dataset(truth, n=25, noise=0.5, n_test=20_000, seed=3)
    c = make_dataset(truth, n=25, noise=0.5, n_test=20_000, seed=4)
    assert a.x_train.shape == (25,) and a.y_test.shape == (20_000,)
    np.testing.assert_array_equal(a.y_train, b.y_train)
    assert not np.array_equal(a.y_train, c.y_train)
    assert np.all((a.x_train >= 0) & (a.x_train <= 1))
    np.testing.assert_allclose(a.f_test, true_function(truth, a.x_test))
    # The test residual is pure noise: its variance is σ² (SE of a variance ≈ σ²·√(2/m)).
    assert np.var(a.y_test - a.f_test) == pytest.approx(0.25, abs=4 * 0.25 * np.sqrt(2 / 20_000))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"truth": "cosine"}, "Unknown true function"),
        ({"n": 1}, "at least 2"),
        ({"noise": -1.0}, "σ"),
    ],
)
def test_dataset_rejects_bad_input_with_plain_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_dataset(**kwargs)


def test_presets_are_valid_settings():
    assert {"Classic overfit", "Lots of data", "Pure noise"} <= set(PRESETS)
    assert PRESETS["Classic overfit"]["n"] == 15 and PRESETS["Classic overfit"]["degree"] == 12
    assert PRESETS["Lots of data"]["n"] == 500
    assert PRESETS["Pure noise"]["truth"] == "zero"


# --- features ---------------------------------------------------------------------------


def test_legendre_features_match_numpy_legendre_polynomials():
    x = np.linspace(0, 1, 11)
    features = FeatureSpec("legendre", 6).transform(x)
    for degree in range(1, 7):
        coefficients = np.zeros(degree + 1)
        coefficients[degree] = 1.0
        np.testing.assert_allclose(
            features[:, degree - 1], legendre.legval(2 * x - 1, coefficients)
        )


@pytest.mark.parametrize(("basis", "size"), [("spline", 8), ("rbf", 8), ("monomial", 5)])
def test_feature_shapes_keep_leading_axes(basis, size):
    x = np.random.default_rng(0).uniform(0, 1, (3, 7))
    features = FeatureSpec(basis, size).transform(x)
    assert features.shape == (3, 7, size)
    np.testing.assert_allclose(features[1], FeatureSpec(basis, size).transform(x[1]))


def test_conditioning_legendre_vs_monomials_at_degree_15():
    """The numbers DESIGN.md reports: ~5 for Legendre, ~1e11 for raw monomials on [0, 1]."""
    data = make_dataset(n=200, seed=0)
    cond = compare_bases(data, 15, 1e-3).condition_number
    assert cond["legendre"] < 20
    assert cond["monomial"] > 1e3
    assert cond["monomial on [0, 1]"] > 1e9


def test_basis_matters_for_lasso_but_not_for_least_squares():
    comparison = compare_bases(make_dataset(n=40, seed=1), 10, 3e-3)
    assert comparison.ols_max_change < 1e-6
    assert comparison.lasso_max_change > 1e-2


@pytest.mark.parametrize(("basis", "size"), [("spline", 2), ("rbf", 1), ("legendre", 21)])
def test_feature_spec_rejects_bad_sizes(basis, size):
    with pytest.raises(ValueError, match="features"):
        FeatureSpec(basis, size)


# --- fits against scikit-learn ----------------------------------------------------------


@pytest.mark.parametrize("lam", [1e-4, 0.05, 3.0])
def test_ridge_svd_matches_sklearn_ridge(lam):
    rng = np.random.default_rng(0)
    z = rng.standard_normal((30, 8))
    z -= z.mean(axis=0)
    y = rng.standard_normal(30)
    y -= y.mean()
    ours = ridge_coefs_svd(z, y, np.array([lam]))[:, 0]
    reference = Ridge(alpha=30 * lam, fit_intercept=False).fit(z, y).coef_
    np.testing.assert_allclose(ours, reference, atol=1e-10)


@pytest.mark.parametrize("penalty", ["l2", "l1", "elasticnet"])
@pytest.mark.parametrize("basis", ["legendre", "spline"])
def test_fit_path_predictions_match_sklearn_pipeline(penalty, basis):
    data = make_dataset("sine", n=40, noise=0.3, seed=2)
    spec = FeatureSpec(basis, 8)
    phi, phi_test = spec.transform(data.x_train), spec.transform(data.x_test[:200])
    lambdas = np.array([1e-3, 1e-2, 0.1])
    fit = fit_path(phi, data.y_train, penalty, lambdas, l1_ratio=0.3)
    assert fit.converged
    ours = fit.predict(phi_test)
    # Coordinate descent stops at a duality gap of tol·‖y‖² = 1e-6·‖y‖² (the reference runs
    # to 1e-10): an objective gap ε moves β by up to √(2ε/μ), μ the smallest curvature,
    # measured ~1e-4 at λ = 1e-3. Ridge is exact (SVD), so it gets a round-off bound.
    atol = 1e-9 if penalty == "l2" else 1e-3
    for k, lam in enumerate(lambdas):
        model = _sklearn_model(penalty, lam, data.n, l1_ratio=0.3).fit(phi, data.y_train)
        np.testing.assert_allclose(ours[:, k], model.predict(phi_test), atol=atol)
        np.testing.assert_allclose(fit.coefs[:, k], model[-1].coef_, atol=atol)


def test_lasso_zeros_are_exact_and_grow_with_lambda():
    curves = error_curves(make_dataset(n=30, seed=0), lambdas=SMALL_GRID)
    zeros = curves.penalties["l1"].n_zero
    assert zeros[-1] == 15  # above λ_max every coefficient is exactly 0.0
    assert zeros[-1] > zeros[0]
    assert curves.penalties["l2"].n_zero.max() == 0


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(10, 60),
    degree=st.integers(1, 20),
    noise=st.floats(0.0, 2.0),
    truth=st.sampled_from(list(TRUTHS)),
)
def test_ridge_training_error_never_decreases_with_lambda(seed, n, degree, noise, truth):
    """Exact property: more penalty can only fit the training rows worse (or equally)."""
    data = make_dataset(truth, n=n, noise=noise, n_test=10, seed=seed)
    phi = FeatureSpec("legendre", degree).transform(data.x_train)
    fit = fit_path(phi, data.y_train, "l2", slider_lambdas(-6, 4, 0.2))
    train_mse = np.mean((data.y_train[:, None] - fit.predict(phi)) ** 2, axis=0)
    # Round-off only: relative 1e-9 of the largest error.
    assert np.all(np.diff(train_mse) >= -1e-9 * max(train_mse.max(), 1e-300))


@pytest.mark.parametrize("penalty", ["l2", "l1", "elasticnet"])
def test_fit_tends_to_the_mean_of_y_at_large_lambda(penalty):
    data = make_dataset("sine", n=30, seed=5)
    phi = FeatureSpec("legendre", 15).transform(data.x_train)
    fit = fit_path(phi, data.y_train, penalty, np.array([1e-2, 1e3, 1e8]))
    grid_prediction = fit.predict(FeatureSpec("legendre", 15).transform(np.linspace(0, 1, 50)))
    # Distance to the flat line ȳ shrinks as λ grows; ridge gets there like 1/λ.
    distance = np.max(np.abs(grid_prediction - data.y_train.mean()), axis=0)
    assert distance[0] > 0.1
    assert distance[2] < 1e-5
    assert np.all(np.diff(distance) <= 0)  # the lasso is exactly flat beyond λ_max


# --- error curves -----------------------------------------------------------------------


@pytest.mark.parametrize("penalty", ["l2", "l1"])
def test_cv_and_test_error_match_sklearn_reference(penalty):
    data = make_dataset("abs", n=30, noise=0.4, seed=7)
    spec = FeatureSpec("legendre", 10)
    curves = error_curves(data, spec, lambdas=SMALL_GRID, n_folds=5)
    result = curves.penalties[penalty]
    # Lasso: coordinate descent at tol=1e-6 vs a 1e-10 reference (see the test above).
    rel = 1e-9 if penalty == "l2" else 1e-3
    phi, phi_test = spec.transform(data.x_train), spec.transform(data.x_test)
    folds = list(KFold(5, shuffle=True, random_state=data.seed).split(phi))
    for k in (0, 8, 16):
        lam = SMALL_GRID[k]
        fold_errors = []
        for fit_rows, val_rows in folds:
            model = _sklearn_model(penalty, lam, fit_rows.size)
            model.fit(phi[fit_rows], data.y_train[fit_rows])
            fold_errors.append(
                mean_squared_error(data.y_train[val_rows], model.predict(phi[val_rows]))
            )
        assert result.cv_mse[k] == pytest.approx(np.mean(fold_errors), rel=rel)
        assert result.cv_se[k] == pytest.approx(np.std(fold_errors, ddof=1) / np.sqrt(5), rel=rel)
        full = _sklearn_model(penalty, lam, data.n).fit(phi, data.y_train)
        assert result.test_mse[k] == pytest.approx(
            mean_squared_error(data.y_test, full.predict(phi_test)), rel=rel
        )
        assert result.train_mse[k] == pytest.approx(
            mean_squared_error(data.y_train, full.predict(phi)), rel=rel
        )


def test_regularization_helps_in_the_classic_overfit_setting():
    # 20 points, degree 15: least squares nearly interpolates and explodes between points.
    curves = error_curves(make_dataset("sine", n=20, noise=0.3, seed=0), n_folds=4)
    for result in curves.penalties.values():
        assert result.test_mse.min() < 0.01 * curves.ols_test_mse
        assert result.train_mse[0] < result.test_mse[0]  # small λ: overfit


def test_best_index_prefers_the_simplest_model_on_ties():
    curves = error_curves(make_dataset("zero", n=30, noise=1.0, seed=0), lambdas=SMALL_GRID)
    lasso = curves.penalties["l1"]
    flat = np.flatnonzero(lasso.n_zero == 15)
    # In the all-zero region the CV error is constant; a tie picks the largest λ.
    if lasso.cv_mse[flat].min() == lasso.cv_mse.min():
        assert lasso.best_cv_index == SMALL_GRID.size - 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_folds": 10}, "needs at least 20 training points"),
        ({"n_folds": 1}, "at least 2 folds"),
        ({"lambdas": np.array([1.0, 0.1])}, "increasing"),
        ({"l1_ratio": 0.0}, "ratio"),
    ],
)
def test_error_curves_reject_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        error_curves(make_dataset(n=12, seed=0), **kwargs)


# --- figures ----------------------------------------------------------------------------


def _figures(seed: int, lam: float = 0.01) -> list[str]:
    curves = error_curves(make_dataset(n=30, seed=seed), lambdas=SMALL_GRID)
    return [
        make_error_curves_figure(curves, lam=lam).to_json(),
        make_fit_figure(curves, lam=lam).to_json(),
        make_coefficient_figure(curves, lam=lam).to_json(),
    ]


def test_fixed_seed_gives_identical_figures():
    assert _figures(seed=11) == _figures(seed=11)
    assert _figures(seed=11) != _figures(seed=12)


def test_error_figure_has_one_panel_per_penalty_and_marks_the_best_lambda():
    curves = error_curves(make_dataset(n=30, seed=0), lambdas=SMALL_GRID)
    fig = make_error_curves_figure(curves, lam=0.1, penalties=("l2", "l1", "elasticnet"))
    assert fig.layout.xaxis3.type == "log"
    assert "stronger penalty" in fig.layout.xaxis.title.text
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    best_cv = curves.penalties["l1"].best_cv_index
    assert any(s.xref == "x2" and s.x0 == pytest.approx(SMALL_GRID[best_cv]) for s in lines)
    texts = [a.text for a in fig.layout.annotations]
    assert "← overfit" in texts and "underfit →" in texts


def test_coefficient_figure_marks_exact_lasso_zeros():
    curves = error_curves(make_dataset(n=30, seed=0), lambdas=SMALL_GRID)
    k = 12
    fig = make_coefficient_figure(curves, lam=SMALL_GRID[k], penalties=("l2", "l1"))
    zero_markers = [t for t in fig.data if t.type == "scatter"]
    n_zero = int(curves.penalties["l1"].n_zero[k])
    assert n_zero > 0
    assert len(zero_markers) == 1 and len(zero_markers[0].x) == n_zero
    assert "0 of 15 exactly 0" in fig.data[0].name
