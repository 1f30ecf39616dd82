"""Early stopping ≈ ridge: gradient descent against its closed form, ridge against
scikit-learn, the two spectral filters against their limits, and the documented bounds."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import minimize_scalar
from sklearn.linear_model import Ridge

from regviz.experiments.datasets import BUNDLED, load_bundled
from regviz.experiments.earlystopping import (
    DEFAULTS,
    GRADIENT_FLOW_GAP,
    MAX_STEPS,
    PRESETS,
    alt_text,
    code_snippet,
    describe_early_stopping,
    early_stopping,
    early_stopping_on,
    gd_closed_form,
    gd_filter,
    gradient_descent_path,
    lipschitz_constant,
    matched_lambda,
    ridge_closed_form,
    ridge_filter,
    standardize,
    summary,
)
from regviz.experiments.paths import coefficient_path


@pytest.fixture(scope="module")
def default():
    return early_stopping_on()


def _relative_rows(a: np.ndarray, b: np.ndarray) -> float:
    """max over rows of ‖a − b‖/‖b‖ (rows where b = 0 must match exactly)."""
    size = np.linalg.norm(b, axis=1)
    gap = np.linalg.norm(a - b, axis=1)
    assert np.all(gap[size == 0] == 0)
    return float(np.max(gap[size > 0] / size[size > 0]))


def _eigh_reference(X: np.ndarray, y: np.ndarray, eta: float, steps: np.ndarray) -> np.ndarray:
    """β_t from the eigendecomposition of A = XᵀX/n: Q·diag((1 − (1 − ηλ)^t)/λ)·Qᵀc.

    Independent of the module's SVD code; directions with λ = 0 get the limit η·t·(Qᵀc).
    """
    n = X.shape[0]
    values, Q = np.linalg.eigh(X.T @ X / n)
    qc = Q.T @ (X.T @ y / n)
    out = []
    for t in steps:
        factor = np.where(
            values > 1e-14 * max(values.max(), 1e-300),
            (1.0 - (1.0 - eta * values) ** t) / np.where(values > 0, values, 1.0),
            eta * t,
        )
        out.append(Q @ (factor * qc))
    return np.array(out)


# --------------------------------------------------------------------------- closed form


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_gd_trajectory_matches_the_closed_form_spectral_filter(name):
    res = early_stopping_on(name)
    data = load_bundled(name)
    Xs, yc = standardize(data.X, data.y)
    steps = np.arange(res.n_steps + 1)
    closed = gd_closed_form(Xs, yc, res.eta, steps)
    assert _relative_rows(res.trajectory, closed) <= 1e-10
    reference = _eigh_reference(Xs, yc, res.eta, [1, 2, 7, res.t, res.n_steps])
    assert _relative_rows(res.trajectory[[1, 2, 7, res.t, res.n_steps]], reference) <= 1e-10


def test_closed_form_in_the_units_of_the_docstring(default):
    """β_t = V·diag((1 − (1 − η·s²/n)^t)/s)·Uᵀy, written out with the raw SVD."""
    data = load_bundled("diabetes")
    Xs, yc = standardize(data.X, data.y)
    U, s, Vt = np.linalg.svd(Xs, full_matrices=False)
    n = Xs.shape[0]
    t = default.t
    beta = Vt.T @ ((1 - (1 - default.eta * s**2 / n) ** t) / s * (U.T @ yc))
    np.testing.assert_allclose(default.beta_gd, beta, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(default.eigenvalues, s**2 / n, rtol=1e-12)
    assert default.lipschitz == pytest.approx((s**2 / n).max(), rel=1e-12)
    assert default.eta == pytest.approx(DEFAULTS["step_scale"] / default.lipschitz)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 12),
    p=st.integers(1, 6),
    seed=st.integers(0, 2**16),
    step_scale=st.floats(0.05, 1.0),
    n_steps=st.integers(1, 200),
    collinear=st.booleans(),
)
def test_gd_equals_closed_form_on_random_data(n, p, seed, step_scale, n_steps, collinear):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    if collinear and p > 1:
        X[:, -1] = X[:, 0] + 1e-3 * rng.standard_normal(n)
    y = rng.standard_normal(n)
    Xs, yc = standardize(X, y)
    L = lipschitz_constant(Xs)
    assume(L > 1e-8 and np.linalg.norm(Xs.T @ yc) > 1e-8)
    eta = step_scale / L
    gd = gradient_descent_path(Xs, yc, eta, n_steps)
    closed = gd_closed_form(Xs, yc, eta, np.arange(n_steps + 1))
    assert _relative_rows(gd, closed) <= 1e-10
    np.testing.assert_allclose(
        gd[[1, n_steps]], _eigh_reference(Xs, yc, eta, [1, n_steps]), rtol=1e-8, atol=1e-10
    )


def test_first_rows_and_the_matched_lambda_convention(default):
    assert np.all(default.trajectory[0] == 0) and np.all(default.matched_ridge[0] == 0)
    assert np.isinf(default.matched_lambdas[0])
    t = np.arange(1, default.n_steps + 1)
    np.testing.assert_allclose(default.matched_lambdas[1:], 1.0 / (default.eta * t), rtol=1e-14)
    assert default.lam == pytest.approx(1.0 / (default.eta * default.t))
    np.testing.assert_array_equal(matched_lambda(2.0, [0, 1]), [np.inf, 0.5])


# --------------------------------------------------------------------------- ridge


@pytest.mark.parametrize("t", [1, 30, 700, 5000])
def test_matched_ridge_equals_scikit_learn_ridge_with_alpha_n_lambda(default, t):
    data = load_bundled("diabetes")
    Xs, yc = standardize(data.X, data.y)
    lam = default.matched_lambdas[t]
    fit = Ridge(alpha=Xs.shape[0] * lam, fit_intercept=False, solver="svd").fit(Xs, yc)
    np.testing.assert_allclose(default.matched_ridge[t], fit.coef_, rtol=1e-9, atol=1e-9)


def test_ridge_path_is_the_coefficient_paths_ridge_on_standardized_data(default):
    data = load_bundled("diabetes")
    path = default.ridge_path
    # The page's own path (standardize=True) gives the same standardized coefficients.
    page = coefficient_path(data.X, data.y, "l2", path.lambdas)
    np.testing.assert_allclose(path.coefs, page.standardized_coefs, rtol=1e-9, atol=1e-9)
    Xs, yc = standardize(data.X, data.y)
    np.testing.assert_allclose(
        ridge_closed_form(Xs, yc, path.lambdas), path.coefs.T, rtol=1e-9, atol=1e-9
    )
    # The grid covers every matched λ of t = 1 … T.
    assert path.lambdas.min() < default.matched_lambdas[-1]
    assert path.lambdas.max() > default.matched_lambdas[1]


def test_both_paths_end_at_least_squares(default):
    data = load_bundled("diabetes")
    Xs, yc = standardize(data.X, data.y)
    ols = np.linalg.lstsq(Xs, yc, rcond=None)[0]
    np.testing.assert_allclose(default.least_squares, ols, rtol=1e-8)
    far = early_stopping_on(n_steps=MAX_STEPS, t=MAX_STEPS)
    assert np.linalg.norm(far.beta_gd - ols) / np.linalg.norm(ols) < 1e-3


# --------------------------------------------------------------------------- the filters

d_values = st.floats(0.0, 1.0)


@settings(max_examples=200, deadline=None)
@given(x=d_values, t1=st.integers(0, 10_000), t2=st.integers(0, 10_000))
def test_gd_filter_lies_in_unit_interval_and_grows_with_t(x, t1, t2):
    t1, t2 = sorted((t1, t2))
    f1, f2 = gd_filter(x, 1.0, t1), gd_filter(x, 1.0, t2)
    assert 0.0 <= f1 <= f2 <= 1.0


@settings(max_examples=200, deadline=None)
@given(d=st.floats(0.0, 1e3), lam1=st.floats(1e-6, 1e6), lam2=st.floats(1e-6, 1e6))
def test_ridge_filter_lies_in_unit_interval_and_falls_with_lambda(d, lam1, lam2):
    lam1, lam2 = sorted((lam1, lam2))
    assert 0.0 <= ridge_filter(d, lam2) <= ridge_filter(d, lam1) <= 1.0


def test_filter_factors_of_the_result_are_in_unit_interval_and_monotone_in_t():
    previous = None
    for t in (1, 2, 5, 30, 300, 3000):
        res = early_stopping_on(n_steps=3000, t=t)
        for f in (res.gd_filter, res.ridge_filter):
            assert np.all((0.0 <= f) & (f <= 1.0))
        if previous is not None:
            assert np.all(res.gd_filter >= previous[0]) and np.all(res.ridge_filter >= previous[1])
        previous = (res.gd_filter, res.ridge_filter)


@settings(max_examples=200, deadline=None)
@given(u=st.floats(1e-9, 1e-3), t=st.integers(1, 1000))
def test_small_eta_t_d_both_filters_are_eta_t_d(u, t):
    """With x = η·d and u = η·t·d ≪ 1: GD ≈ u (error ≤ u²/2), ridge at 1/(η·t) ≈ d/λ = u."""
    x = u / t
    gd = float(gd_filter(x, 1.0, t))
    ridge = float(ridge_filter(x, 1.0 / t))  # d = x, η = 1, λ = 1/t
    assert abs(gd - u) <= 0.5 * u * u + 1e-15 * u
    assert abs(ridge - u) <= u * u + 1e-15 * u
    assert x / (1.0 / t) == pytest.approx(u)


def test_filters_are_accurate_for_tiny_directions():
    # 1 − (1 − 1e-12)^3 = 3e-12 − 3e-24 + …: no cancellation in the stable form.
    assert gd_filter(1e-12, 1.0, 3) == pytest.approx(3e-12, rel=1e-9)
    assert gd_filter(1.0, 1.0, 0) == 0.0 and gd_filter(1.0, 1.0, 5) == 1.0


@settings(max_examples=300, deadline=None)
@given(x=st.floats(0.0, 1.0), t=st.integers(1, 5000))
def test_gd_filter_is_at_least_the_matched_ridge_filter(x, t):
    """1 − (1 − x)^t ≥ 1 − e^(−xt) ≥ xt/(1 + xt) (η = 1, d = x, λ = 1/t)."""
    gd = float(gd_filter(x, 1.0, t))
    ridge = float(ridge_filter(x, 1.0 / t))
    assert gd >= -np.expm1(-x * t) - 1e-15 >= ridge - 2e-15
    if x <= 0.5:
        assert gd - ridge <= 0.2749 + 1e-12
    assert gd - ridge <= 0.5 + 1e-12


def test_gradient_flow_gap_constant():
    found = minimize_scalar(
        lambda u: -(-np.expm1(-u) - u / (1 + u)), bounds=(0.1, 10), method="bounded",
        options={"xatol": 1e-12},
    )  # fmt: skip
    assert GRADIENT_FLOW_GAP == pytest.approx(-found.fun, abs=1e-9)
    # Small steps approach it from below, and never exceed it by more than O(η·d).
    x = 1e-4
    t = np.arange(1, 200_000, 7)
    gap = gd_filter(x, 1.0, t) - ridge_filter(x, 1.0 / t)
    assert gap.max() == pytest.approx(GRADIENT_FLOW_GAP, abs=1e-3)


# --------------------------------------------------------------------------- closeness


@pytest.mark.parametrize("step_scale", [0.1, 0.5, 1.0])
def test_distance_is_bounded_by_the_filter_gap_times_least_squares(step_scale):
    res = early_stopping_on(step_scale=step_scale, n_steps=3000, t=10)
    d = res.eigenvalues
    t = np.arange(1, res.n_steps + 1)
    gaps = gd_filter(d[None, :], res.eta, t[:, None]) - ridge_filter(
        d[None, :], res.matched_lambdas[1:, None]
    )
    assert gaps.min() >= -1e-12  # GD shrinks every direction less than the matched ridge
    absolute = np.linalg.norm(res.trajectory[1:] - res.matched_ridge[1:], axis=1)
    bound = gaps.max(axis=1) * np.linalg.norm(res.least_squares)
    assert np.all(absolute <= bound * (1 + 1e-9) + 1e-12)
    relative = absolute / np.linalg.norm(res.trajectory[1:], axis=1)
    np.testing.assert_allclose(res.distance[1:], relative, rtol=1e-12)
    assert res.filter_gap == pytest.approx(gaps[res.t - 1].max())


@pytest.mark.parametrize("t", [1, 3, 30, 300, 5000])
def test_best_lambda_is_no_larger_than_matched_and_no_farther(t):
    res = early_stopping_on(t=t)
    assert res.best_lambda <= res.lam * (1 + 1e-9)
    assert res.best_distance <= res.matched_distance + 1e-12
    data = load_bundled("diabetes")
    Xs, yc = standardize(data.X, data.y)

    def distance(lam: float) -> float:
        ridge = ridge_closed_form(Xs, yc, [lam])[0]
        return float(np.linalg.norm(res.beta_gd - ridge) / np.linalg.norm(res.beta_gd))

    assert distance(res.best_lambda) == pytest.approx(res.best_distance, rel=1e-9, abs=1e-14)
    for factor in (0.5, 0.9, 0.99, 1.01, 1.1, 2.0):
        assert distance(res.best_lambda * factor) >= res.best_distance - 1e-9


def test_matched_ridge_is_close_at_the_default(default):
    """At the defaults the approximation is within ~20 %, and a 1-D search halves it."""
    assert default.matched_distance < 0.2
    assert default.best_distance < 0.6 * default.matched_distance


# --------------------------------------------------------------------------- the page's API


def test_description_uses_the_computed_numbers(default):
    text = describe_early_stopping(default)
    assert f"t = {default.t} steps" in text
    assert f"λ = 1/(η·t) = {default.lam:.3g}" in text
    assert f"{default.best_lambda:.3g}" in text
    assert f"{100 * default.matched_distance:.0f} %" in text
    kept = int(np.sum(default.eigenvalues > default.lam))
    assert f"{kept} of {len(default.eigenvalues)} eigen-directions" in text
    assert f"{default.filter_gap:.2f}" in text


def test_description_branches():
    one = describe_early_stopping(early_stopping_on(t=1))
    assert "t = 1 step " in one and "are below λ" in one
    many = describe_early_stopping(early_stopping_on(t=5000))
    assert "close to least squares" in many


def test_presets_use_only_known_settings_and_run():
    for name, preset in PRESETS.items():
        assert set(preset) == set(DEFAULTS), name
        settings_ = {k: v for k, v in preset.items() if k != "dataset"}
        res = early_stopping_on(str(preset["dataset"]), **settings_)
        assert res.t == preset["t"] and res.n_steps == preset["n_steps"]
        assert describe_early_stopping(res)


def test_result_is_frozen(default):
    with pytest.raises(dataclasses.FrozenInstanceError):
        default.t = 3


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"t": 0}, "between 1 and"),
        ({"t": 6000}, "between 1 and"),
        ({"n_steps": MAX_STEPS + 1}, "between 1 and"),
        ({"step_scale": 1.5}, "fraction of 1/L"),
        ({"step_scale": 0.0}, "fraction of 1/L"),
    ],
)
def test_invalid_settings_raise_plain_sentences(kwargs, message):
    with pytest.raises(ValueError, match=message):
        early_stopping_on(**kwargs)


def test_constant_features_cannot_be_fitted():
    with pytest.raises(ValueError, match="constant"):
        early_stopping(np.ones((5, 2)), np.arange(5.0), n_steps=5, t=1)


@settings(max_examples=25, deadline=None)
@given(
    X=arrays(np.float64, (8, 3), elements=st.floats(-5, 5)),
    y=arrays(np.float64, (8,), elements=st.floats(-5, 5)),
    t=st.integers(1, 40),
)
def test_result_invariants_on_random_data(X, y, t):
    Xs, yc = standardize(X, y)
    assume(lipschitz_constant(Xs) > 1e-6 and np.linalg.norm(Xs.T @ yc) > 1e-6)
    res = early_stopping(X, y, n_steps=40, t=t)
    assert np.all(res.gd_filter >= res.ridge_filter - 1e-12)
    assert np.all((res.gd_filter >= 0) & (res.gd_filter <= 1 + 1e-15))
    assert res.best_lambda <= res.lam * (1 + 1e-9)
    assert res.best_distance <= res.matched_distance + 1e-12


# --------------------------------------------------------------------------- alt text, code


def test_summary_states_the_mapping(default):
    shown = {r.label: r.value for r in summary(default)}
    assert shown["steps t"] == str(default.t)
    assert shown["step size η"] == f"{default.eta:.3g}"
    assert float(shown["λ = 1/(η·t)"]) == pytest.approx(1 / (default.eta * default.t), rel=5e-3)
    assert shown["GD vs ridge"] == f"{100 * default.matched_distance:.0f} % apart"


def test_alt_text_states_the_current_numbers(default):
    text = alt_text(default)
    assert f"t = {default.t} steps" in text and f"λ = 1/(η·t) = {default.lam:.3g}" in text
    assert f"{100 * default.matched_distance:.0f} %" in text
    largest = int(np.argmax(np.abs(default.beta_gd)))
    assert f"{default.feature_names[largest]} = {default.beta_gd[largest]:.3g}" in text
    filters = alt_text(default, "filters")
    assert f"at most {default.filter_gap:.2f}" in filters
    assert f"{int(np.sum(default.eigenvalues > default.lam))} eigenvalues lie above" in filters
    assert alt_text(early_stopping_on(t=1, n_steps=10)).startswith(
        "Gradient descent after t = 1 step "
    )
    with pytest.raises(ValueError, match="Unknown figure"):
        alt_text(default, "bars")


@pytest.mark.parametrize(
    ("dataset", "t", "step_scale"),
    [("diabetes", 30, 0.5), ("diabetes", 3, 1.0), ("wine", 10, 0.5), ("linnerud", 300, 0.25)],
)
def test_code_snippet_reproduces_the_result_with_scikit_learn(dataset, t, step_scale, capsys):
    res = early_stopping_on(dataset, t=t, step_scale=step_scale, n_steps=max(t, 100))
    namespace: dict = {}
    exec(compile(code_snippet(res), "snippet", "exec"), namespace)
    assert "apart:" in capsys.readouterr().out
    assert namespace["lam"] == pytest.approx(res.lam, rel=1e-12)
    np.testing.assert_allclose(namespace["beta"], res.beta_gd, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(namespace["ridge"], res.beta_ridge, rtol=1e-7, atol=1e-9)
    assert namespace["distance"] == pytest.approx(res.matched_distance, rel=1e-6)


def test_code_snippet_needs_a_bundled_data_set():
    X, y = np.random.default_rng(0).standard_normal((20, 3)), np.arange(20.0)
    with pytest.raises(ValueError, match="No snippet"):
        code_snippet(early_stopping(X, y, n_steps=10, t=5))


# --------------------------------------------------------------------------- the CSV


def test_coefficients_table_is_gd_ridge_and_least_squares_at_the_current_t():
    from regviz.experiments.earlystopping import coefficients_table

    data = load_bundled("diabetes")
    Xs, yc = standardize(data.X, data.y)
    tables = {}
    for t in (3, 30):
        result = early_stopping_on("diabetes", n_steps=100, t=t)
        table = coefficients_table(result)
        tables[t] = table
        assert table.index.name == "feature" and list(table.index) == list(data.feature_names)
        assert (table["steps t"] == t).all() and (table["λ = 1/(η·t)"] == result.lam).all()
        assert result.lam == pytest.approx(1 / (result.eta * t))
        # Gradient descent from 0, t steps, written out here.
        beta = np.zeros(Xs.shape[1])
        for _ in range(t):
            beta -= result.eta * Xs.T @ (Xs @ beta - yc) / len(yc)
        np.testing.assert_allclose(table["gradient descent at the current t"], beta, atol=1e-9)
        ridge = Ridge(alpha=len(yc) * result.lam, fit_intercept=False, solver="svd").fit(Xs, yc)
        np.testing.assert_allclose(table["ridge at λ = 1/(η·t)"], ridge.coef_, atol=1e-9)
        ols = np.linalg.lstsq(Xs, yc, rcond=None)[0]
        np.testing.assert_allclose(table["least squares"], ols, rtol=1e-8, atol=1e-8)
    assert not np.allclose(tables[3].iloc[:, 2:4], tables[30].iloc[:, 2:4])
