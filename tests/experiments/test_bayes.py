"""Tests of bayes: MAP = lasso / ridge at λ = σ²/(n·b), σ²/(n·τ²); posterior means."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize, stats
from sklearn.linear_model import Lasso, Ridge

from regviz.core.losses import QuadraticLoss
from regviz.experiments.bayes import (
    bayes_view,
    correlated_hessian,
    lambda_for_prior,
    log_posterior,
    map_estimate,
    posterior_summary,
    prior_scale_for_sd,
)
from regviz.figures.bayesian import make_bayes_figure


def _data(seed: int, n: int = 40, correlation: float = 0.4):
    rng = np.random.default_rng(seed)
    cov = [[1.0, correlation], [correlation, 1.0]]
    X = rng.multivariate_normal([0.5, -1.0], cov, size=n)
    y = X @ np.array([0.8, 0.1]) + 2.0 + rng.normal(scale=1.0, size=n)
    return X, y


def test_lambda_mapping_formulas():
    assert lambda_for_prior("laplace", 0.5, 2.0, 8) == pytest.approx(4.0 / (8 * 0.5))
    assert lambda_for_prior("gaussian", 0.5, 2.0, 8) == pytest.approx(4.0 / (8 * 0.25))
    assert prior_scale_for_sd("laplace", 1.0) == pytest.approx(1 / np.sqrt(2))
    # Laplace(b) has variance 2b²: the sd-matched scale reproduces the sd.
    b = prior_scale_for_sd("laplace", 0.7)
    assert np.sqrt(stats.laplace(scale=b).var()) == pytest.approx(0.7)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("b", [0.02, 0.1, 1.0])
def test_laplace_map_is_sklearn_lasso_with_lambda_sigma2_over_n_b(seed, b):
    X, y = _data(seed)
    n, sigma = len(y), 1.3
    loss = QuadraticLoss.from_data(X, y)
    beta_map = map_estimate(loss.center, loss.hessian, sigma, n, "laplace", b)
    lam = sigma**2 / (n * b)
    lasso = Lasso(alpha=lam, tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(beta_map, lasso.coef_, atol=1e-7)
    # Exact zeros where the lasso has them.
    assert np.all((beta_map == 0.0) == (np.abs(lasso.coef_) < 1e-10))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("tau", [0.05, 0.3, 3.0])
def test_gaussian_map_is_sklearn_ridge_with_alpha_sigma2_over_tau2(seed, tau):
    X, y = _data(seed)
    n, sigma = len(y), 0.8
    loss = QuadraticLoss.from_data(X, y)
    beta_map = map_estimate(loss.center, loss.hessian, sigma, n, "gaussian", tau)
    ridge = Ridge(alpha=sigma**2 / tau**2).fit(X, y)  # = Ridge(alpha = n·λ), λ = σ²/(nτ²)
    np.testing.assert_allclose(beta_map, ridge.coef_, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("prior", ["laplace", "gaussian"])
def test_map_maximizes_the_full_log_posterior_with_intercept(seed, prior):
    """Independent of the bowl: maximize over (β, intercept) on the raw residuals."""
    X, y = _data(seed, n=25)
    sigma, scale = 1.0, 0.15
    n = len(y)

    def negative_log_posterior(theta):
        beta, b0 = theta[:2], theta[2]
        residual = y - X @ beta - b0
        if prior == "laplace":
            log_prior = -np.abs(beta).sum() / scale
        else:
            log_prior = -(beta**2).sum() / (2 * scale**2)
        return residual @ residual / (2 * sigma**2) - log_prior

    start = np.array([0.3, 0.3, y.mean()])
    best = optimize.minimize(
        negative_log_posterior,
        start,
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 40_000, "maxfev": 40_000},
    )
    loss = QuadraticLoss.from_data(X, y)
    beta_map = map_estimate(loss.center, loss.hessian, sigma, n, prior, scale)
    np.testing.assert_allclose(beta_map, best.x[:2], atol=2e-5)
    assert negative_log_posterior(np.r_[beta_map, y.mean() - X.mean(0) @ beta_map]) <= (
        best.fun + 1e-9
    )


def _quad_mean_1d(c: float, s2_like: float, prior: str, scale: float) -> float:
    """Posterior mean of one coefficient by scipy's adaptive quadrature."""

    def log_density(beta):
        log_prior = -abs(beta) / scale if prior == "laplace" else -(beta**2) / (2 * scale**2)
        return -((beta - c) ** 2) / (2 * s2_like) + log_prior

    peak = max(log_density(c), log_density(0.0))
    lo, hi = min(c, 0.0) - 15 * np.sqrt(s2_like), max(c, 0.0) + 15 * np.sqrt(s2_like)
    z = integrate.quad(lambda b: np.exp(log_density(b) - peak), lo, hi, points=[0.0, c])[0]
    m = integrate.quad(lambda b: b * np.exp(log_density(b) - peak), lo, hi, points=[0.0, c])[0]
    return m / z


def _closed_form_laplace_mean(c: float, s: float, b: float) -> float:
    """Mixture of two truncated normals (the posterior is Gaussian on each side of 0)."""
    m_pos, m_neg = c - s * s / b, c + s * s / b
    log_w_pos = (m_pos**2 - c**2) / (2 * s * s) + stats.norm.logcdf(m_pos / s)
    log_w_neg = (m_neg**2 - c**2) / (2 * s * s) + stats.norm.logcdf(-m_neg / s)
    mean_pos = m_pos + s * np.exp(stats.norm.logpdf(m_pos / s) - stats.norm.logcdf(m_pos / s))
    mean_neg = m_neg - s * np.exp(stats.norm.logpdf(m_neg / s) - stats.norm.logcdf(-m_neg / s))
    w = np.exp(np.array([log_w_pos, log_w_neg]) - max(log_w_pos, log_w_neg))
    return float((w[0] * mean_pos + w[1] * mean_neg) / w.sum())


@pytest.mark.parametrize("c", [-2.0, -0.3, 0.05, 0.4, 1.5])
@pytest.mark.parametrize("n", [3, 20, 200])
@pytest.mark.parametrize("prior", ["laplace", "gaussian"])
def test_one_coefficient_posterior_mean_matches_quadrature(c, n, prior):
    sigma, h, scale = 1.5, 1.3, 0.4
    summary = posterior_summary([c], [[h]], sigma, n, prior, scale)
    s2 = sigma**2 / (n * h)
    expected = _quad_mean_1d(c, s2, prior, scale)
    assert summary.mean[0] == pytest.approx(expected, rel=1e-5, abs=1e-8)
    if prior == "laplace":
        assert summary.mean[0] == pytest.approx(
            _closed_form_laplace_mean(c, np.sqrt(s2), scale), rel=1e-5, abs=1e-8
        )


@pytest.mark.parametrize("c", [(0.6, 0.05), (-1.0, 0.3), (0.1, -0.1)])
def test_two_coefficient_laplace_mean_factorizes_for_uncorrelated_features(c):
    sigma, n, scale = 1.0, 15, 0.3
    hessian = np.diag([1.0, 2.0])
    summary = posterior_summary(c, hessian, sigma, n, "laplace", scale)
    expected = [
        _quad_mean_1d(c[j], sigma**2 / (n * hessian[j, j]), "laplace", scale) for j in (0, 1)
    ]
    # Uncorrelated features: the posterior factorizes into two 1-D problems.
    np.testing.assert_allclose(summary.mean, expected, rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("correlation", [-0.7, 0.0, 0.5])
def test_two_coefficient_gaussian_mean_equals_closed_form(correlation):
    sigma, n, tau = 1.2, 12, 0.5
    c = np.array([0.9, -0.4])
    hessian = correlated_hessian(correlation)
    precision = n * hessian / sigma**2
    expected = np.linalg.solve(precision + np.eye(2) / tau**2, precision @ c)
    summary = posterior_summary(c, hessian, sigma, n, "gaussian", tau)
    np.testing.assert_allclose(summary.mean, expected, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(map_estimate(c, hessian, sigma, n, "gaussian", tau), expected)


@settings(max_examples=25, deadline=None)
@given(
    c=st.floats(-0.5, 0.5).filter(lambda v: abs(v) > 1e-3),
    n=st.integers(1, 30),
)
def test_weak_data_laplace_map_is_exactly_zero_but_the_mean_is_not(c, n):
    sigma, scale = 2.0, 0.2
    lam = lambda_for_prior("laplace", scale, sigma, n)
    beta_map = map_estimate([c], [[1.0]], sigma, n, "laplace", scale)
    mean = posterior_summary([c], [[1.0]], sigma, n, "laplace", scale).mean[0]
    if abs(c) <= lam:
        assert beta_map[0] == 0.0
    assert mean != 0.0 and np.sign(mean) == np.sign(c)


def test_densities_are_normalized_and_grid_peak_matches_map():
    view = bayes_view(
        [0.8, 0.1], correlated_hessian(0.3), prior="laplace", prior_sd=0.5, sigma=2.0, n=20
    )
    b1, b2 = view.axes

    def total(z):
        return np.trapezoid(np.trapezoid(z, b1, axis=1), b2)

    assert total(view.posterior_density) == pytest.approx(1.0, abs=2e-2)
    assert total(view.likelihood_density) == pytest.approx(1.0, abs=2e-2)
    assert view.map[1] == 0.0
    assert np.max(np.abs(view.grid_map - view.map)) <= (b1[1] - b1[0]) * 1.01
    # The unnormalized log posterior peaks at the MAP.
    points = view.map + np.array([[1e-3, 0.0], [-1e-3, 0.0], [0.0, 1e-3], [0.0, -1e-3]])
    args = (view.center, view.hessian, view.sigma, view.n, "laplace", view.scale)
    assert np.all(log_posterior(points, *args) < log_posterior(view.map, *args))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sigma": 0.0},
        {"n": 0},
        {"prior_sd": -1.0},
        {"prior": "cauchy"},
        {"sigma": float("nan")},
    ],
)
def test_invalid_settings_raise_value_error(kwargs):
    settings_ = {"prior": "laplace", "prior_sd": 0.5, "sigma": 1.0, "n": 10} | kwargs
    with pytest.raises(ValueError):
        bayes_view([0.5], [[1.0]], **settings_)


def test_correlation_of_one_is_rejected():
    with pytest.raises(ValueError, match="between"):
        correlated_hessian(1.0)


@pytest.mark.parametrize("n_coef", [1, 2])
def test_figure_has_one_panel_per_prior_and_marks_the_map(n_coef):
    center, hessian = ([0.3], [[1.0]]) if n_coef == 1 else ([0.3, 0.1], correlated_hessian(0.2))
    views = [
        bayes_view(center, hessian, prior=p, prior_sd=0.5, sigma=2.0, n=10)
        for p in ("laplace", "gaussian")
    ]
    fig = make_bayes_figure(views)
    titles = [a.text for a in fig.layout.annotations]
    assert "Laplace" in titles[0] and "Gaussian" in titles[1]
    maps = [t for t in fig.data if t.name == "MAP = penalized solution"]
    assert len(maps) == 2
    assert maps[0].x[0] == views[0].map[0]
    if n_coef == 2:
        assert fig.layout.yaxis.scaleanchor == "x"
