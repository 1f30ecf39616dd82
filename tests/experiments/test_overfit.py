"""Tests of regviz.experiments.overfit: data, basis features, path fits and error curves.

Every fit is checked against an independent scikit-learn reference (a StandardScaler +
Ridge/Lasso/ElasticNet pipeline, fitted one λ at a time) and, for the exact lasso and
elastic-net solvers, against the optimality (KKT) conditions themselves.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import replace

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
    BASES,
    DEFAULTS,
    FIT_PENALTIES,
    LAMBDA_HIGH,
    LAMBDA_LOW,
    PRESETS,
    TRUTH_CODE,
    TRUTHS,
    VIEW_NAMES,
    VIEWS,
    FeatureSpec,
    _standardize,
    bias_variance_alt_text,
    code_snippet,
    coefficients_alt_text,
    combine_curves,
    compare_bases,
    describe_bases,
    describe_bias_variance,
    describe_convergence,
    describe_curves,
    enet_coefs_exact,
    error_curves,
    errors_alt_text,
    fit_alt_text,
    fit_path,
    format_lambda,
    lasso_coefs_exact,
    lasso_coefs_lars,
    lasso_optimal,
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
    # Ours are exact (SVD, LARS path, active set); the reference's coordinate descent
    # stops at a duality gap of 1e-10·‖y‖², which moves β by up to √(2ε/μ) (μ the smallest
    # curvature): ~1e-6 here. Ridge gets a round-off bound.
    atol = 1e-9 if penalty == "l2" else 1e-6
    for k, lam in enumerate(lambdas):
        model = _sklearn_model(penalty, lam, data.n, l1_ratio=0.3).fit(phi, data.y_train)
        np.testing.assert_allclose(ours[:, k], model.predict(phi_test), atol=atol)
        np.testing.assert_allclose(fit.coefs[:, k], model[-1].coef_, atol=atol)


def test_lasso_zeros_are_exact_and_grow_with_lambda(curves):
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
    # Lasso: an exact path vs coordinate descent at 1e-10 (see the test above).
    rel = 1e-9 if penalty == "l2" else 1e-6
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


def test_error_figure_draws_every_penalty_in_one_panel_and_marks_the_best_lambda(curves):
    fig = make_error_curves_figure(curves, lam=0.1, penalties=("l2", "l1", "elasticnet"))
    assert fig.layout.xaxis.type == "log" and "xaxis2" not in fig.to_dict()["layout"]
    assert "stronger penalty" in fig.layout.xaxis.title.text
    best_cv = curves.penalties["l1"].best_cv_index
    pick = next(t for t in fig.data if t.name == "L1 (lasso): CV's pick")
    assert pick.x[0] == pytest.approx(SMALL_GRID[best_cv], rel=1e-6)  # float32
    assert pick.y[0] == pytest.approx(curves.penalties["l1"].cv_mse[best_cv], rel=1e-6)
    assert pick.marker.symbol == "diamond"
    assert {t.name for t in fig.data} >= {"Elastic net: test error", "L2 (ridge): 5-fold CV error"}
    texts = [a.text for a in fig.layout.annotations]
    assert "← overfit" in texts and "underfit →" in texts
    assert fig.layout.shapes[0].x0 == pytest.approx(0.1)  # the slider's λ


def test_coefficient_figure_marks_exact_lasso_zeros(curves):
    k = 12
    fig = make_coefficient_figure(curves, lam=SMALL_GRID[k], penalties=("l2", "l1"))
    zero_markers = [t for t in fig.data if t.type == "scatter"]
    n_zero = int(curves.penalties["l1"].n_zero[k])
    assert n_zero > 0
    assert len(zero_markers) == 1 and len(zero_markers[0].x) == n_zero
    assert "0 of 15 exactly 0" in fig.data[0].name


# --- exact lasso and elastic-net paths -----------------------------------------------------


def _problem(basis: str, degree: int, n: int, seed: int):
    data = make_dataset("sine", n=n, noise=0.3, seed=seed)
    z = StandardScaler().fit_transform(FeatureSpec(basis, degree).transform(data.x_train))
    return z, data.y_train - data.y_train.mean()


def _kkt_violation(z, y, beta, l1_weight, l2_weight):
    """Largest violation of the optimality conditions of (1/2n)‖y − zβ‖² + a‖β‖₁ + (b/2)‖β‖².

    Nonzero β_j: gradient_j + a·sign(β_j) = 0; zero β_j: |gradient_j| ≤ a — an independent
    certificate of the minimizer, whatever solver produced it.
    """
    grad = z.T @ (z @ beta - y) / len(y) + l2_weight * beta
    active = beta != 0
    on = np.abs(grad[active] + l1_weight * np.sign(beta[active]))
    off = np.abs(grad[~active]) - l1_weight
    return max(on.max(initial=0.0), off.max(initial=0.0))


@pytest.mark.parametrize(
    ("basis", "degree", "n", "seed"),
    [("legendre", 15, 30, 0), ("monomial", 15, 30, 2), ("legendre", 12, 15, 0), ("rbf", 20, 10, 1)],
)
def test_lasso_path_is_exact_and_matches_sklearn(basis, degree, n, seed):
    z, y = _problem(basis, degree, n, seed)
    lambdas = slider_lambdas(-5, 2, 0.5)
    coefs = lasso_coefs_lars(z, y, lambdas)
    for k, lam in enumerate(lambdas):
        assert _kkt_violation(z, y, coefs[:, k], lam, 0.0) < 1e-9
    for lam in (1e-3, 0.05, 1.0):
        ours = lasso_coefs_lars(z, y, np.array([lam]))[:, 0]
        reference = Lasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=500_000).fit(z, y)
        np.testing.assert_allclose(ours, reference.coef_, atol=1e-6)
        assert np.array_equal(ours == 0.0, reference.coef_ == 0.0)
    assert np.all(coefs[:, -1] == 0.0)  # λ = 100 is above λ_max: every coefficient exactly 0


def _degenerate(basis: str, degree: int, n: int, seed: int, truth: str):
    """Centered data with the page's own standardization (a constant column stays 0)."""
    data = make_dataset(truth, n=n, noise=0.5, seed=seed)
    z, _, _ = _standardize(FeatureSpec(basis, degree).transform(data.x_train))
    return z, data.y_train - data.y_train.mean()


def _lasso_objective(z, y, beta, lam):
    return 0.5 * np.mean((y - z @ beta) ** 2) + lam * np.abs(beta).sum()


@pytest.mark.parametrize(
    ("basis", "degree", "n", "seed", "truth"),
    [
        ("spline", 20, 8, 2, "step"),
        ("spline", 20, 8, 1, "sine"),
        ("rbf", 15, 6, 1, "sine"),
        ("monomial", 20, 12, 0, "step"),
    ],
)
def test_the_lasso_stays_exact_where_lars_breaks_down(basis, degree, n, seed, truth):
    """8 points, 20 splines: scikit-learn's LARS drops degenerate regressors and stops
    early, far from the lasso; the page's lasso is checked at every λ and repaired."""
    z, y = _degenerate(basis, degree, n, seed, truth)
    lambdas = slider_lambdas(-5, 2, 0.2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # LARS's own ConvergenceWarnings
        raw = lasso_coefs_lars(z, y, lambdas)
        coefs, converged = lasso_coefs_exact(z, y, lambdas)
    assert not lasso_optimal(z, y, raw, lambdas).all()  # the breakdown this test is about
    assert converged
    for k, lam in enumerate(lambdas):
        assert _kkt_violation(z, y, coefs[:, k], lam, 0.0) < 1e-6 * np.abs(z.T @ y / n).max()
    for lam in (1e-5, 1e-3, 0.05):
        k = int(np.argmin(np.abs(lambdas - lam)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # coordinate descent may stop at its limit here
            reference = Lasso(alpha=lambdas[k], fit_intercept=False, tol=1e-14, max_iter=100_000)
            reference.fit(z, y)
        ours, theirs = (
            _lasso_objective(z, y, b, lambdas[k]) for b in (coefs[:, k], reference.coef_)
        )
        assert ours <= theirs * (1 + 1e-9) + 1e-15


@settings(max_examples=25, deadline=None)
@given(
    basis=st.sampled_from(["legendre", "monomial", "spline", "rbf"]),
    degree=st.integers(3, 20),  # splines need at least 3
    n=st.integers(6, 40),
    seed=st.integers(0, 1_000),
)
def test_every_lasso_on_the_page_passes_its_optimality_check(basis, degree, n, seed):
    z, y = _degenerate(basis, degree, n, seed, "step")
    lambdas = slider_lambdas(-5, 2, 0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        coefs, converged = lasso_coefs_exact(z, y, lambdas)
    assert converged
    scale = max(float(np.abs(z.T @ y / n).max()), 1e-300)
    for k, lam in enumerate(lambdas):
        assert _kkt_violation(z, y, coefs[:, k], lam, 0.0) <= 1e-6 * scale


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(8, 60),
    degree=st.integers(1, 20),
    r=st.floats(0.05, 0.95),
    basis=st.sampled_from(list(BASES)),
)
def test_elastic_net_solver_meets_the_optimality_conditions(seed, n, degree, r, basis):
    degree = max(degree, 3)  # splines need 3 functions
    z, y = _problem(basis, degree, n, seed)
    lambdas = slider_lambdas(-5, 2, 0.25)
    coefs, converged = enet_coefs_exact(z, y, lambdas, r)
    assert converged
    scale = max(np.abs(z.T @ y).max() / n, 1e-12)
    for k, lam in enumerate(lambdas):
        assert _kkt_violation(z, y, coefs[:, k], lam * r, lam * (1 - r)) < 1e-9 * scale


def test_elastic_net_solver_matches_sklearn_elasticnet():
    z, y = _problem("legendre", 15, 30, 0)
    for lam in (1e-4, 0.01, 0.3):
        ours = enet_coefs_exact(z, y, np.array([lam]), 0.3)[0][:, 0]
        reference = ElasticNet(alpha=lam, l1_ratio=0.3, fit_intercept=False, tol=1e-13)
        reference.fit(z, y)
        np.testing.assert_allclose(ours, reference.coef_, atol=1e-7)


def test_elastic_net_with_mix_one_is_the_lasso():
    data = make_dataset(n=30, seed=3)
    phi = FeatureSpec("legendre", 10).transform(data.x_train)
    lambdas = slider_lambdas(-3, 0, 0.5)
    enet = fit_path(phi, data.y_train, "elasticnet", lambdas, l1_ratio=1.0)
    lasso = fit_path(phi, data.y_train, "l1", lambdas)
    np.testing.assert_array_equal(enet.coefs, lasso.coefs)


# --- the page's settings, words and code ----------------------------------------------------


def test_defaults_and_presets_are_full_states_of_the_same_settings():
    for name, preset in PRESETS.items():
        assert set(preset) == set(DEFAULTS), name
        assert preset != DEFAULTS
    assert set(VIEWS) == set(VIEW_NAMES) and DEFAULTS["view"] in VIEWS
    assert all({"l2", "l1"} <= set(penalties) for penalties in VIEWS.values())
    assert LAMBDA_LOW <= DEFAULTS["lam"] <= LAMBDA_HIGH


@pytest.mark.parametrize("truth", list(TRUTHS))
def test_truth_code_is_the_true_function(truth):
    x = np.linspace(0, 1, 101)
    np.testing.assert_allclose(eval(TRUTH_CODE[truth], {"np": np, "x": x}), true_function(truth, x))


def test_combine_curves_joins_penalties_fitted_apart():
    data = make_dataset(n=30, seed=0)
    parts = [
        error_curves(data, lambdas=SMALL_GRID, penalties=(p,), l1_ratio=0.3)
        for p in ("l2", "l1", "elasticnet")
    ]
    together = error_curves(data, lambdas=SMALL_GRID, l1_ratio=0.3)
    combined = combine_curves(parts)
    assert list(combined.penalties) == ["l2", "l1", "elasticnet"] and combined.l1_ratio == 0.3
    for penalty in together.penalties:
        np.testing.assert_array_equal(
            combined.penalties[penalty].cv_mse, together.penalties[penalty].cv_mse
        )
    other = error_curves(make_dataset(n=30, seed=1), lambdas=SMALL_GRID, penalties=("l1",))
    with pytest.raises(ValueError, match="cannot be combined"):
        combine_curves([parts[0], other])


@pytest.fixture(scope="module")
def curves():
    return error_curves(make_dataset(n=30, seed=0), lambdas=SMALL_GRID)


def test_format_lambda_reads_like_the_slider():
    assert [format_lambda(v) for v in (1e-5, 0.0013, 0.5, 100.0, 0.0)] == [
        "1.0×10⁻⁵",
        "0.0013",
        "0.5",
        "100",
        "0",
    ]


def test_describe_curves_states_the_numbers_of_the_result(curves):
    k = curves.index_of(0.1)
    text = describe_curves(curves, 0.1)
    ridge, lasso = curves.penalties["l2"], curves.penalties["l1"]
    assert f"training error {curves.ols_train_mse:.3g}" in text
    assert f"λ = {format_lambda(SMALL_GRID[ridge.best_cv_index])} for ridge" in text
    assert f"the lasso sets {int(lasso.n_zero[k])} of 15 coefficients" in text
    assert "ridge sets none" in text and "flat line" not in text


def test_describe_curves_says_when_the_flat_line_wins():
    noise = error_curves(make_dataset("zero", n=30, noise=1.0, seed=2), lambdas=SMALL_GRID)
    if all(c.best_cv_index == SMALL_GRID.size - 1 for c in noise.penalties.values()):
        assert "flat line at the mean of y" in describe_curves(noise, 0.1)


def test_alt_texts_state_the_errors_at_the_cursor(curves):
    k = curves.index_of(0.01)
    ridge = curves.penalties["l2"]
    fit_text = fit_alt_text(curves, 0.01)
    assert f"L2 (ridge) training error {ridge.train_mse[k]:.3g}" in fit_text
    errors_text = errors_alt_text(curves, 0.01)
    assert f"cursor, λ = {format_lambda(SMALL_GRID[k])}" in errors_text
    assert f"test error {ridge.test_mse[k]:.3g}" in errors_text
    assert "15 of 15 exactly zero" in coefficients_alt_text(curves, 100.0)


def test_describe_convergence_is_silent_for_exact_solvers_and_speaks_otherwise(curves):
    assert describe_convergence(curves) is None
    stuck = replace(
        curves,
        penalties={
            **curves.penalties,
            "elasticnet": replace(curves.penalties["elasticnet"], converged=False),
        },
    )
    assert describe_convergence(stuck).startswith("The solver for Elastic net stopped")


def test_describe_bases_lists_the_comparison():
    comparison = compare_bases(make_dataset(n=40, seed=1), 10, 3e-3)
    text = describe_bases(comparison)
    assert f"{comparison.lasso_max_change:.3g}" in text and text.count("\n- ") == 2


def test_bias_variance_words_state_the_study():
    from regviz.experiments.biasvariance import bias_variance

    result = bias_variance("sine", n=30, n_sets=10, n_eval=200, lambdas=SMALL_GRID, seed=0)
    text = describe_bias_variance({"l2": result})
    best = result.best_index
    assert f"lowest bias² + variance at λ = {format_lambda(SMALL_GRID[best])}" in text
    assert "Monte Carlo standard errors" in text
    alt = bias_variance_alt_text(result)
    assert (
        alt.startswith("L2 (ridge), 10 fresh training sets") and f"{result.total[best]:.3g}" in alt
    )


@pytest.mark.parametrize(
    ("basis", "penalties", "lam"),
    [
        ("legendre", ("l2", "l1"), 0.01),
        ("monomial", FIT_PENALTIES, 3e-3),
        ("rbf", FIT_PENALTIES, 0.1),
    ],
)
def test_code_snippet_reproduces_training_and_test_error(basis, penalties, lam):
    data = make_dataset("abs", n=25, noise=0.4, seed=4)
    result = error_curves(
        data, FeatureSpec(basis, 10), lambdas=SMALL_GRID, penalties=penalties, l1_ratio=0.3
    )
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec(compile(code_snippet(result, lam), "snippet", "exec"), namespace)
    k = result.index_of(lam)
    assert set(namespace["errors"]) == set(penalties)
    for penalty, (train, test) in namespace["errors"].items():
        rel = 1e-9 if penalty == "l2" else 1e-6
        assert train == pytest.approx(result.penalties[penalty].train_mse[k], rel=rel)
        assert test == pytest.approx(result.penalties[penalty].test_mse[k], rel=rel)
    assert "test error" in printed.getvalue()


# --------------------------------------------------------------------------- the CSV


def test_error_table_holds_every_drawn_error_and_cvs_pick():
    from regviz.experiments.overfit import error_table

    lambdas = slider_lambdas(-4, 1, 0.5)
    data = make_dataset(n=30, seed=0)
    curves = error_curves(data, lambdas=lambdas, penalties=("l2", "l1"), n_folds=5)
    table = error_table(curves)
    assert list(table.index.names) == ["penalty", "λ"] and len(table) == 2 * len(lambdas)
    for penalty, name in (("l2", "L2 (ridge)"), ("l1", "L1 (lasso)")):
        rows = table.loc[name]
        result = curves.penalties[penalty]
        np.testing.assert_array_equal(rows.index, lambdas)
        np.testing.assert_array_equal(rows["training error (MSE)"], result.train_mse)
        np.testing.assert_array_equal(rows["5-fold CV error (MSE)"], result.cv_mse)
        np.testing.assert_array_equal(rows["CV standard error"], result.cv_se)
        np.testing.assert_array_equal(rows["test error (MSE)"], result.test_mse)
        assert rows["CV's pick"].sum() == 1
        picked = float(rows.index[rows["CV's pick"]][0])
        assert rows["5-fold CV error (MSE)"].min() == rows.loc[picked, "5-fold CV error (MSE)"]
    # Ridge's training and test error at one λ, from scikit-learn on the same features.
    lam, spec = float(lambdas[4]), FeatureSpec()
    phi, phi_test = spec.transform(data.x_train), spec.transform(data.x_test)
    model = _sklearn_model("l2", lam, data.n).fit(phi, data.y_train)
    row = table.loc[("L2 (ridge)", lam)]
    train = mean_squared_error(data.y_train, model.predict(phi))
    assert row["training error (MSE)"] == pytest.approx(train, rel=1e-8)
    test = mean_squared_error(data.y_test, model.predict(phi_test))
    assert row["test error (MSE)"] == pytest.approx(test, rel=1e-8)


def test_error_table_follows_the_settings():
    from regviz.experiments.overfit import error_table

    lambdas = slider_lambdas(-4, 1, 0.5)
    tables = [
        error_table(error_curves(make_dataset(n=30, seed=seed), lambdas=lambdas, penalties=("l2",)))
        for seed in (0, 1)
    ]
    assert len(tables[0]) == len(lambdas)
    assert not np.allclose(tables[0]["test error (MSE)"], tables[1]["test error (MSE)"])
