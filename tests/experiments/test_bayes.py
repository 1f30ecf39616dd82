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
    DEFAULTS,
    DENSITIES,
    LEGACY_DEFAULTS,
    PRESETS,
    alt_text,
    bayes_view,
    code_snippet,
    correlated_hessian,
    density_contours,
    describe_bayes,
    describe_mapping,
    display_axis,
    lambda_for_prior,
    log_likelihood,
    log_posterior,
    log_prior,
    map_estimate,
    marker_labels,
    page_views,
    panel_title,
    posterior_summary,
    prior_scale_for_sd,
)


def _data(seed: int, n: int = 40, correlation: float = 0.4):
    rng = np.random.default_rng(seed)
    cov = [[1.0, correlation], [correlation, 1.0]]
    X = rng.multivariate_normal([0.5, -1.0], cov, size=n)
    y = X @ np.array([0.8, 0.1]) + 2.0 + rng.normal(scale=1.0, size=n)
    return X, y


def _map_of(X, y, sigma: float, prior: str, scale: float) -> np.ndarray:
    """The MAP for the data's own least-squares bowl (n = its number of rows)."""
    loss = QuadraticLoss.from_data(X, y)
    return map_estimate(loss.center, loss.hessian, sigma, len(y), prior, scale)


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
    beta_map = _map_of(X, y, sigma, "laplace", b)
    lam = sigma**2 / (n * b)
    lasso = Lasso(alpha=lam, tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(beta_map, lasso.coef_, atol=1e-7)
    # Exact zeros where the lasso has them.
    assert np.all((beta_map == 0.0) == (np.abs(lasso.coef_) < 1e-10))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("tau", [0.05, 0.3, 3.0])
def test_gaussian_map_is_sklearn_ridge_with_alpha_sigma2_over_tau2(seed, tau):
    X, y = _data(seed)
    sigma = 0.8
    beta_map = _map_of(X, y, sigma, "gaussian", tau)
    ridge = Ridge(alpha=sigma**2 / tau**2).fit(X, y)  # = Ridge(alpha = n·λ), λ = σ²/(nτ²)
    np.testing.assert_allclose(beta_map, ridge.coef_, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("prior", ["laplace", "gaussian"])
def test_map_maximizes_the_full_log_posterior_with_intercept(seed, prior):
    """Independent of the bowl: maximize over (β, intercept) on the raw residuals."""
    X, y = _data(seed, n=25)
    sigma, scale = 1.0, 0.15

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
    beta_map = _map_of(X, y, sigma, prior, scale)
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


# --------------------------------------------------------------------- the page's state


def test_the_page_opens_where_the_laplace_map_is_exactly_zero():
    laplace, gaussian = page_views(**DEFAULTS)
    # Independent of the solver: one coefficient, H = 1, so the lasso is 0 iff |β̂| ≤ λ.
    lam = DEFAULTS["sigma"] ** 2 / (DEFAULTS["n"] * DEFAULTS["prior_sd"] / np.sqrt(2))
    assert abs(DEFAULTS["c1"]) <= lam
    assert laplace.map.tolist() == [0.0]
    # … while the posterior mean and the ridge solution are clearly not 0.
    assert laplace.summary.mean[0] > 0.1 and gaussian.map[0] > 0.1
    assert not laplace.summary.exact_zero[0]


def test_presets_are_full_states_that_show_what_their_names_say():
    assert set(LEGACY_DEFAULTS) <= set(DEFAULTS)
    for name, values in PRESETS.items():
        assert set(values) == set(DEFAULTS), name
    weak = page_views(**PRESETS["weak data"])[0]
    assert weak.map[0] == 0.0
    assert page_views(**PRESETS["more data"])[0].map[0] != 0.0
    strong = page_views(**PRESETS["strong data"])[0]
    assert abs(strong.map[0] - strong.center[0]) < 0.01
    two = page_views(**PRESETS["two coefficients"])[0]
    assert two.map[0] != 0.0 and two.map[1] == 0.0 and two.summary.mean[1] != 0.0
    symmetric = page_views(**PRESETS["symmetry"])[0]
    assert symmetric.map[1] == 0.0 and symmetric.summary.exact_zero == (False, True)
    assert symmetric.summary.mean[1] == 0.0


def test_page_views_use_one_or_two_coefficients():
    one = page_views(**DEFAULTS | {"c2": 2.5, "rho": -0.9})
    assert one[0].n_coef == 1 and one[0].map.tolist() == page_views(**DEFAULTS)[0].map.tolist()
    two = page_views(**DEFAULTS | {"dims": 2, "rho": 0.5})
    np.testing.assert_allclose(two[0].hessian, [[1.0, 0.5], [0.5, 1.0]])
    assert [v.prior for v in two] == ["laplace", "gaussian"]
    with pytest.raises(ValueError, match="one or two"):
        page_views(**DEFAULTS | {"dims": 3})


def test_display_axis_resolves_a_narrow_posterior():
    # n = 500, σ = 0.1: the likelihood's sd is 0.0045, far below an even grid's step.
    view = bayes_view([1.0], [[1.0]], prior="laplace", prior_sd=0.5, sigma=0.1, n=500)
    axis = view.axes[0]
    sd = 0.1 / np.sqrt(500)
    assert np.count_nonzero(np.abs(axis - 1.0) <= 2 * sd) >= 10
    assert 0.0 in axis and np.all(np.diff(axis) > 0)
    # The drawn posterior integrates to 1 on this uneven axis (it is normalized).
    assert np.trapezoid(view.posterior_density, axis) == pytest.approx(1.0, abs=1e-3)
    even = display_axis(2.0, 5, [])
    assert even.tolist() == [-2.0, -1.0, 0.0, 1.0, 2.0]


# --------------------------------------------------------------------- exact contour lines


def _log_density(view, which, beta):
    if which == "prior":
        return log_prior(beta, view.prior, view.scale)
    if which == "likelihood":
        return log_likelihood(beta, view.center, view.hessian, view.sigma, view.n)
    return log_posterior(
        beta, view.center, view.hessian, view.sigma, view.n, view.prior, view.scale
    )


@settings(max_examples=40, deadline=None)
@given(
    c1=st.floats(-3, 3),
    c2=st.floats(-3, 3),
    rho=st.floats(-0.9, 0.9),
    sigma=st.floats(0.1, 5),
    n=st.integers(1, 500),
    sd=st.floats(0.05, 3),
    prior=st.sampled_from(["laplace", "gaussian"]),
)
def test_contours_lie_on_their_levels_below_each_peak(c1, c2, rho, sigma, n, sd, prior):
    view = bayes_view([c1, c2], correlated_hessian(rho), prior=prior, prior_sd=sd, sigma=sigma, n=n)
    # Each density's peak, found without the contour code: 0 (prior), ĉ (likelihood),
    # the MAP (posterior; checked against the solver elsewhere).
    peaks = {"prior": np.zeros(2), "likelihood": view.center, "posterior": view.map}
    for which in DENSITIES:
        top = float(_log_density(view, which, peaks[which]))
        for drop in (1.0, 3.0, 5.0):
            lines = density_contours(view, which, drops=[drop])
            points = lines[np.isfinite(lines).all(axis=1)]
            assert len(points) >= 5
            values = _log_density(view, which, points)
            scale = max(1.0, abs(top))
            np.testing.assert_allclose(values, top - drop, atol=1e-9 * scale)


def test_laplace_posterior_contours_are_closed_curves_made_of_arcs():
    view = bayes_view(
        [1.0, 0.2], correlated_hessian(0.3), prior="laplace", prior_sd=0.5, sigma=2.0, n=20
    )
    lines = density_contours(view, "posterior", drops=[3.0])
    pieces = np.split(lines, np.flatnonzero(np.isnan(lines[:, 0])))
    pieces = [p[np.isfinite(p).all(axis=1)] for p in pieces]
    ends = np.vstack([np.vstack([p[0], p[-1]]) for p in pieces])
    # Every arc starts and ends on an axis (its quadrant's edge) …
    assert np.all(np.min(np.abs(ends), axis=1) == 0.0)
    # … where another arc continues: together they close the level curve.
    for end in ends:
        assert np.sum(np.all(np.abs(ends - end) < 1e-9, axis=1)) == 2
    # Where the posterior crosses an axis, its level curve has a kink: the arcs keep the
    # corner (no grid smooths it).
    assert len(pieces) >= 2


def test_prior_contours_are_diamonds_and_circles():
    laplace, gaussian = (
        bayes_view([0.5, 0.5], np.eye(2), prior=p, prior_sd=1.0, sigma=1.0, n=5)
        for p in ("laplace", "gaussian")
    )
    diamond = density_contours(laplace, "prior", drops=[2.0])
    np.testing.assert_allclose(np.abs(diamond).sum(axis=1), 2.0 * laplace.scale)
    circle = density_contours(gaussian, "prior", drops=[2.0])
    np.testing.assert_allclose(np.hypot(*circle.T), 2.0 * gaussian.scale)
    with pytest.raises(ValueError, match="two coefficients"):
        density_contours(
            bayes_view([0.5], [[1.0]], prior="laplace", prior_sd=1.0, sigma=1.0, n=5), "prior"
        )
    with pytest.raises(ValueError, match="Unknown density"):
        density_contours(laplace, "evidence")


# --------------------------------------------------------------------- words on the page


def test_marker_labels_title_and_alt_text_follow_the_state():
    one = dict(prior_sd=0.5, sigma=2.0, n=10)
    laplace = bayes_view([1.0], [[1.0]], prior="laplace", **one)
    assert marker_labels(laplace) == ("MAP = 0 exactly", f"mean = {laplace.summary.mean[0]:.3g}")
    assert panel_title(laplace) == "Laplace prior → lasso, λ = 1.13"
    assert "is exactly 0" in alt_text(laplace) and "not 0" in alt_text(laplace)
    moved = bayes_view([2.0], [[1.0]], prior="laplace", **one)
    assert marker_labels(moved)[0] == f"MAP = {moved.map[0]:.3g}"
    assert "exactly" not in alt_text(moved)
    centered = bayes_view([0.0], [[1.0]], prior="laplace", **one)
    assert marker_labels(centered) == ("MAP = 0 exactly", "mean = 0 (symmetry)")
    assert "not 0" not in alt_text(centered)
    gaussian = bayes_view([1.0], [[1.0]], prior="gaussian", **one)
    assert marker_labels(gaussian) == (f"MAP = mean = {gaussian.map[0]:.3g}",)
    assert panel_title(gaussian) == "Gaussian prior → ridge, λ = 1.6"
    assert "the posterior mean is the same" in alt_text(gaussian)
    two = bayes_view([1.0, 0.0], np.eye(2), prior="laplace", prior_sd=0.5, sigma=2.0, n=20)
    assert marker_labels(two)[1].endswith(", 0 by symmetry)")
    assert "β₂ exactly 0" in alt_text(two) and "contour lines" in alt_text(two)


@settings(max_examples=25, deadline=None)
@given(
    c=st.floats(-3, 3),
    sigma=st.floats(0.1, 5),
    n=st.integers(1, 500),
    sd=st.floats(0.05, 3),
)
def test_mapping_sentence_states_the_tested_lambdas(c, sigma, n, sd):
    views = page_views(dims=1, c1=c, c2=0.0, rho=0.0, sigma=sigma, n=n, prior_sd=sd)
    text = describe_mapping(views)
    lasso = lambda_for_prior("laplace", sd / np.sqrt(2), sigma, n)
    ridge = lambda_for_prior("gaussian", sd, sigma, n)
    assert f"= {lasso:.3g}**" in text and f"Lasso(alpha={lasso:.3g})" in text
    assert f"= {ridge:.3g}**" in text and f"Ridge(alpha={n * ridge:.3g})" in text
    # The caption (after the frame's "What to notice." heading) does not repeat it.
    caption = describe_bayes(views)
    assert not caption.startswith("**What to notice")
    laplace = views[0]
    mean = f"posterior mean = {laplace.summary.mean[0]:.3g}"
    assert mean in caption or laplace.summary.exact_zero[0]


@settings(max_examples=12, deadline=None)
@given(
    dims=st.sampled_from([1, 2]),
    c1=st.sampled_from([-2.0, -0.35, 0.0, 0.4, 1.0, 2.5]),
    c2=st.sampled_from([-1.0, 0.0, 0.2]),
    rho=st.sampled_from([-0.9, 0.0, 0.3, 0.9]),
    sigma=st.sampled_from([0.1, 1.0, 2.0, 5.0]),
    n=st.sampled_from([1, 2, 3, 10, 500]),
    sd=st.sampled_from([0.05, 0.5, 3.0]),
)
def test_code_snippet_reproduces_the_views_with_scikit_learn(dims, c1, c2, rho, sigma, n, sd):
    views = page_views(dims=dims, c1=c1, c2=c2, rho=rho, sigma=sigma, n=n, prior_sd=sd)
    namespace: dict = {}
    exec(compile(code_snippet(views), "snippet", "exec"), namespace)
    laplace, gaussian = views
    np.testing.assert_allclose(namespace["map_laplace"], laplace.map, atol=1e-7)
    assert np.all((np.abs(namespace["map_laplace"]) < 1e-12) == (laplace.map == 0.0))
    np.testing.assert_allclose(namespace["map_gaussian"], gaussian.map, rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(namespace["mean_laplace"], laplace.summary.mean, rtol=1e-12)
    np.testing.assert_allclose(namespace["mean_gaussian"], gaussian.summary.mean, rtol=1e-12)


# --------------------------------------------------------------------------- the CSV


def test_estimates_table_holds_the_map_and_mean_of_each_panel():
    from regviz.experiments.bayes import estimates_table

    one = page_views(**{**DEFAULTS, "dims": 1})
    table = estimates_table(one)
    assert list(table.index.names) == ["prior", "coefficient"]
    assert table.index.tolist() == [("Laplace", "β₁"), ("Gaussian", "β₁")]
    laplace, gaussian = table.loc["Laplace"].iloc[0], table.loc["Gaussian"].iloc[0]
    c = float(DEFAULTS["c1"])
    assert laplace["least squares c"] == c
    # One coefficient, H = 1: the lasso soft-thresholds c, ridge divides it by 1 + λ.
    lam = laplace["λ"]
    assert laplace["MAP = penalized solution"] == pytest.approx(np.sign(c) * max(abs(c) - lam, 0))
    assert gaussian["MAP = penalized solution"] == pytest.approx(c / (1 + gaussian["λ"]))
    for row, view in zip((laplace, gaussian), one, strict=True):
        assert row["posterior mean"] == view.summary.mean[0]
        assert row["penalty"] == ("lasso" if view.prior == "laplace" else "ridge")
    # The posterior mean of the Laplace panel, by quadrature over the log posterior.
    view = one[0]
    spread = 12 * view.sigma / np.sqrt(view.n)

    def density(b: float) -> float:
        log = log_posterior(
            [b], view.center, view.hessian, view.sigma, view.n, "laplace", view.scale
        )
        return float(np.exp(np.squeeze(log)))

    limits = (min(c - spread, -spread), max(c + spread, spread))
    norm = integrate.quad(density, *limits, points=[0.0], limit=200)[0]
    mean = integrate.quad(lambda b: b * density(b), *limits, points=[0.0], limit=200)[0]
    assert laplace["posterior mean"] == pytest.approx(mean / norm, rel=1e-6, abs=1e-9)
    two = estimates_table(page_views(**{**DEFAULTS, "dims": 2}))
    assert len(two) == 4 and two.loc[("Laplace", "β₂")]["least squares c"] == DEFAULTS["c2"]
    wider = estimates_table(page_views(**{**DEFAULTS, "dims": 1, "prior_sd": 2.0}))
    assert (wider["λ"] < table["λ"]).all()
