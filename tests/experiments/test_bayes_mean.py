"""The posterior mean against independent quadrature, over the whole slider range.

References, none of which uses regviz's integrator:

- two coefficients: nested ``scipy.integrate.quad`` on the raw 2-D density, broken at 0
  and at the conditional center (hard corners); a brute-force tensor Gauss–Legendre rule
  on panels graded towards 0 and the MAP along each axis (randomized settings); the
  Gaussian-prior closed form (P + I/τ²)⁻¹Pĉ;
- one coefficient: ``scipy.integrate.quad`` with a break at 0.

The slider ranges are those of ``pages/bayesian.py``: β̂ᵢ ∈ [−3, 3] (step 0.05),
σ ∈ [0.1, 5], n ∈ [1, 500], prior sd ∈ [0.05, 3] (step 0.05), ρ ∈ [−0.9, 0.9]
(step 0.05); the hard corners go to ρ = ±0.95.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy import integrate

from regviz.core.quadrature import adaptive_gauss_kronrod
from regviz.experiments.bayes import (
    BayesView,
    bayes_view,
    correlated_hessian,
    describe_bayes,
    estimate_labels,
    map_estimate,
    posterior_summary,
    prior_scale_for_sd,
    zero_by_symmetry,
)

# The issue asks for 1e-3; the integrator reaches ~1e-9, so hold it to 1e-6.
RTOL = 1e-6


def _nested_quad_mean(c, h, sigma, n, prior, scale, epsrel=1e-9):
    """Posterior mean of two coefficients by nested scipy quad on the raw density."""
    c1, c2 = map(float, c)
    P = np.asarray(h, float) * n / sigma**2
    p11, p12, p22 = float(P[0, 0]), float(P[0, 1]), float(P[1, 1])
    mode = map_estimate(c, h, sigma, n, prior, scale)
    laplace = prior == "laplace"

    def log_post(b1, b2):
        d1, d2 = b1 - c1, b2 - c2
        q = -0.5 * (p11 * d1 * d1 + 2 * p12 * d1 * d2 + p22 * d2 * d2)
        if laplace:
            return q - (abs(b1) + abs(b2)) / scale
        return q - (b1 * b1 + b2 * b2) / (2 * scale * scale)

    peak = log_post(*mode)
    # The log posterior is at least as curved as the log likelihood: beyond ±10 of its
    # standard deviations from the MAP the density is below e⁻⁵⁰ of the peak.
    w = np.sqrt(100.0 * np.diag(np.linalg.inv(P)))
    lo1, hi1 = mode[0] - w[0], mode[0] + w[0]
    lo2, hi2 = mode[1] - w[1], mode[1] + w[1]

    def inner(b2):
        mu = c1 - p12 / p11 * (b2 - c2)
        points = sorted({p for p in (0.0, mu) if lo1 < p < hi1}) or None
        kw = {"points": points, "limit": 500, "epsabs": 0.0, "epsrel": epsrel}

        def f(b1):
            return math.exp(log_post(b1, b2) - peak)

        z = integrate.quad(f, lo1, hi1, **kw)[0]
        m = integrate.quad(lambda b1: b1 * f(b1), lo1, hi1, **kw)[0]
        return np.array([z, m, b2 * z])

    points = sorted({p for p in (0.0, float(mode[1])) if lo2 < p < hi2})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", integrate.IntegrationWarning)
        out = integrate.quad_vec(inner, lo2, hi2, points=points, epsabs=0, epsrel=epsrel)[0]
    return out[1:] / out[0]


def _graded_nodes(centers, smallest, lo, hi, order=24):
    steps = smallest * 2.0 ** np.arange(60)
    steps = steps[steps < 2 * (hi - lo)]
    edges = [lo, hi] + [m + d for m in centers for d in np.concatenate([[0.0], steps, -steps])]
    edges = np.unique(np.clip(edges, lo, hi))
    x, w = np.polynomial.legendre.leggauss(order)
    a, b = edges[:-1], edges[1:]
    nodes = (0.5 * (a + b))[:, None] + 0.5 * (b - a)[:, None] * x
    return nodes.ravel(), (0.5 * (b - a)[:, None] * w).ravel()


def _tensor_mean(c, h, sigma, n, prior, scale):
    """Brute force: a tensor Gauss–Legendre rule on the raw 2-D density.

    Along each axis, 24-point panels graded geometrically towards 0 (the prior's kink)
    and the MAP, from a quarter of the narrower of the prior scale and the conditional
    likelihood sd; the box is the MAP ± 10 likelihood standard deviations.
    """
    c = np.asarray(c, float)
    P = np.asarray(h, float) * n / sigma**2
    mode = map_estimate(c, h, sigma, n, prior, scale)
    half = np.sqrt(100.0 * np.diag(np.linalg.inv(P)))
    (x1, w1), (x2, w2) = (
        _graded_nodes(
            [0.0, mode[j]],
            0.25 * min(scale, 1 / np.sqrt(P[j, j])),
            mode[j] - half[j],
            mode[j] + half[j],
        )
        for j in range(2)
    )
    d1, d2 = x1[None, :] - c[0], x2[:, None] - c[1]
    q = -0.5 * (P[0, 0] * d1**2 + 2 * P[0, 1] * d1 * d2 + P[1, 1] * d2**2)
    if prior == "laplace":
        q = q - (np.abs(x1)[None, :] + np.abs(x2)[:, None]) / scale
    else:
        q = q - (x1[None, :] ** 2 + x2[:, None] ** 2) / (2 * scale**2)
    f = np.exp(q - q.max()) * w2[:, None] * w1[None, :]
    z = f.sum()
    return np.array([(f * x1[None, :]).sum() / z, (f * x2[:, None]).sum() / z])


def _quad_mean_1d(c, s2, prior, scale):
    def log_density(beta):
        log_prior = -abs(beta) / scale if prior == "laplace" else -(beta**2) / (2 * scale**2)
        return -((beta - c) ** 2) / (2 * s2) + log_prior

    mode = float(map_estimate([c], [[1.0]], np.sqrt(s2), 1, prior, scale)[0])
    peak = log_density(mode)
    lo, hi = mode - 10 * np.sqrt(s2), mode + 10 * np.sqrt(s2)
    points = sorted({p for p in (0.0, mode, c) if lo < p < hi})
    kw = {"points": points, "limit": 500, "epsabs": 0.0, "epsrel": 1e-11}
    z = integrate.quad(lambda b: math.exp(log_density(b) - peak), lo, hi, **kw)[0]
    m = integrate.quad(lambda b: b * math.exp(log_density(b) - peak), lo, hi, **kw)[0]
    return m / z


def _assert_close(mean, reference, scale):
    """Relative error ≤ RTOL, or absolute (against the prior scale) where the mean is ~0."""
    np.testing.assert_allclose(mean, reference, rtol=RTOL, atol=1e-9 * scale)


HARD_CORNERS = [
    # (c, rho, sigma, n, prior_sd): weak data, a tight prior, strong correlation ...
    ((1.0, 0.2), 0.3, 5.0, 1, 0.05),  # the page's default estimates
    ((3.0, -1.0), -0.9, 5.0, 1, 0.05),  # the audit's example: 4.8e-10 shown, 3.7e-4 true
    ((0.4, 0.2), 0.95, 5.0, 1, 0.05),
    ((-3.0, 3.0), -0.95, 5.0, 2, 0.1),
    # ... strong data, a wide prior (the likelihood is the narrow one) ...
    ((0.05, -0.05), 0.95, 0.1, 500, 3.0),
    # ... and both narrow at once, near the kink.
    ((0.02, 0.01), -0.5, 0.1, 500, 0.05),
]


@pytest.mark.parametrize(("c", "rho", "sigma", "n", "sd"), HARD_CORNERS)
def test_hard_corners_match_nested_scipy_quadrature(c, rho, sigma, n, sd):
    h = correlated_hessian(rho)
    b = prior_scale_for_sd("laplace", sd)
    summary = posterior_summary(c, h, sigma, n, "laplace", b)
    reference = _nested_quad_mean(c, h, sigma, n, "laplace", b)
    _assert_close(summary.mean, reference, b)
    assert np.all(summary.error < 1e-9 * max(b, np.abs(summary.mean).max()))


def test_the_audit_example_is_now_right():
    """σ = 5, n = 1, prior sd 0.05, ρ = −0.9, β̂ = (3, −1): the old grid gave 4.9e-10."""
    b = prior_scale_for_sd("laplace", 0.05)
    summary = posterior_summary([3.0, -1.0], correlated_hessian(-0.9), 5.0, 1, "laplace", b)
    assert summary.mean[1] == pytest.approx(-3.6988e-4, rel=1e-4)
    assert summary.mean[0] == pytest.approx(3.8988e-4, rel=1e-4)


def _random_settings(count: int, seed: int) -> list[tuple]:
    rng = np.random.default_rng(seed)
    settings = []
    for _ in range(count):
        c = tuple(round(rng.uniform(-3, 3) / 0.05) * 0.05 for _ in range(2))
        sigma = round(rng.uniform(0.1, 5.0), 1)
        # Half the draws at small n, where the data are weak and the old grid failed.
        n = int(rng.integers(1, 11)) if rng.random() < 0.5 else int(rng.integers(1, 501))
        sd = round(rng.uniform(0.05, 3.0) / 0.05) * 0.05
        rho = round(rng.uniform(-0.9, 0.9) / 0.05) * 0.05
        settings.append((c, rho, sigma, n, sd))
    return settings


@pytest.mark.parametrize(("c", "rho", "sigma", "n", "sd"), _random_settings(40, seed=11))
def test_random_slider_settings_match_a_tensor_gauss_legendre_reference(c, rho, sigma, n, sd):
    h = correlated_hessian(rho)
    for prior in ("laplace", "gaussian"):
        scale = prior_scale_for_sd(prior, sd)
        summary = posterior_summary(c, h, sigma, n, prior, scale)
        _assert_close(summary.mean, _tensor_mean(c, h, sigma, n, prior, scale), scale)
        assert summary.n_evaluations <= 5_000  # the page calls this per slider move
    # The Gaussian prior in closed form: mean = (P + I/τ²)⁻¹Pĉ.
    precision = n * h / sigma**2
    expected = np.linalg.solve(precision + np.eye(2) / sd**2, precision @ np.array(c))
    gaussian = posterior_summary(c, h, sigma, n, "gaussian", sd)
    np.testing.assert_allclose(gaussian.mean, expected, rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize(("c", "rho", "sigma", "n", "sd"), _random_settings(3, seed=5))
def test_random_settings_match_nested_scipy_quadrature_too(c, rho, sigma, n, sd):
    h = correlated_hessian(rho)
    b = prior_scale_for_sd("laplace", sd)
    summary = posterior_summary(c, h, sigma, n, "laplace", b)
    _assert_close(summary.mean, _nested_quad_mean(c, h, sigma, n, "laplace", b), b)


@pytest.mark.parametrize(("c", "rho", "sigma", "n", "sd"), _random_settings(30, seed=3))
@pytest.mark.parametrize("prior", ["laplace", "gaussian"])
def test_one_coefficient_matches_scipy_quad_over_the_slider_range(c, rho, sigma, n, sd, prior):
    scale = prior_scale_for_sd(prior, sd)
    summary = posterior_summary([c[0]], [[1.0]], sigma, n, prior, scale)
    expected = _quad_mean_1d(c[0], sigma**2 / n, prior, scale)
    _assert_close(summary.mean, [expected], scale)


def test_normalizer_matches_a_direct_integral():
    """log_normalizer turns the unnormalized posterior into a density (2-D Laplace)."""
    c, h, sigma, n, b = (0.4, -0.3), correlated_hessian(0.6), 2.0, 3, 0.2
    P = n * h / sigma**2

    def f(b1, b2):
        d = np.array([b1, b2]) - c
        return math.exp(-0.5 * d @ P @ d - (abs(b1) + abs(b2)) / b) / (2 * b) ** 2

    z = integrate.dblquad(lambda b2, b1: f(b1, b2), -8, 8, -8, 8, epsrel=1e-9)[0]
    summary = posterior_summary(c, h, sigma, n, "laplace", b)
    assert summary.log_normalizer == pytest.approx(math.log(z), abs=1e-6)


# ------------------------------------------------------------------------------ symmetry


@pytest.mark.parametrize(
    ("c", "rho", "expected"),
    [
        ((0.7, 0.0), 0.0, (False, True)),  # ĉ₂ = 0, uncorrelated: β₂ → −β₂
        ((0.0, 0.7), 0.0, (True, False)),
        ((0.7, 0.0), 0.3, (False, False)),  # ĉ₂ = 0 but correlated: no symmetry
        ((0.0, 0.0), 0.6, (True, True)),  # ĉ = 0: β → −β
        ((0.7, -0.7), 0.0, (False, False)),
        ((0.0, 0.0), 0.0, (True, True)),
        ((0.0, 0.0), -0.9 + 18 * 0.05, (True, True)),  # slider round-off (ρ ≈ 1e-16)
        ((0.7, -0.9 + 18 * 0.05), -0.9 + 18 * 0.05, (False, True)),
    ],
)
def test_zero_by_symmetry(c, rho, expected):
    assert zero_by_symmetry(c, correlated_hessian(rho)) == expected


@pytest.mark.parametrize("prior", ["laplace", "gaussian"])
@pytest.mark.parametrize(("c", "rho"), [((0.7, 0.0), 0.0), ((0.0, 0.0), 0.6), ((0.0, -1.2), 0.0)])
def test_symmetric_coordinates_have_mean_exactly_zero(prior, c, rho):
    h = correlated_hessian(rho)
    summary = posterior_summary(c, h, 2.0, 5, prior, 0.3)
    for j, zero in enumerate(zero_by_symmetry(c, h)):
        if zero:
            assert summary.mean[j] == 0.0 and summary.exact_zero[j]
            # And the independent reference agrees it is 0 (to its own accuracy).
            assert abs(_tensor_mean(c, h, 2.0, 5, prior, 0.3)[j]) < 1e-12


def test_without_symmetry_the_mean_is_not_zero_even_when_the_map_is():
    """ĉ₂ = 0 with correlated features: the MAP's β₂ is 0, the mean's is not."""
    c, h = (0.8, 0.0), correlated_hessian(0.5)
    b = prior_scale_for_sd("laplace", 0.5)
    summary = posterior_summary(c, h, 2.0, 20, "laplace", b)
    assert map_estimate(c, h, 2.0, 20, "laplace", b)[1] == 0.0
    assert summary.exact_zero == (False, False)
    reference = _nested_quad_mean(c, h, 2.0, 20, "laplace", b)
    assert abs(reference[1]) > 1e-3
    _assert_close(summary.mean, reference, b)


# ----------------------------------------------------------------- captions and labels


def _views(c, rho=0.3, **kwargs) -> list[BayesView]:
    settings = {"prior_sd": 0.5, "sigma": 2.0, "n": 20} | kwargs
    h = [[1.0]] if len(c) == 1 else correlated_hessian(rho)
    return [bayes_view(c, h, prior=p, **settings) for p in ("laplace", "gaussian")]


def test_caption_says_exactly_zero_by_symmetry_when_it_is():
    text = describe_bayes(_views([0.8, 0.0], rho=0.0))
    assert "posterior mean of β₂ is exactly 0 too, by symmetry" in text
    assert "uncorrelated (ρ = 0)" in text
    assert "not zero" not in text


def test_caption_for_a_zero_estimate_names_the_full_reflection():
    text = describe_bayes(_views([0.0, 0.0], rho=0.6))
    assert "posterior means of β₁ and β₂ are exactly 0 too, by symmetry" in text
    assert "both coefficients change sign" in text
    one = describe_bayes(_views([0.0]))
    assert "exactly 0 too, by symmetry" in one and "symmetric about 0" in one


def test_caption_gives_the_nonzero_mean_with_its_value():
    views = _views([0.8, 0.0], rho=0.5)
    text = describe_bayes(views)
    mean = views[0].summary.mean[1]
    assert views[0].map[1] == 0.0 and mean != 0.0
    assert f"posterior mean of β₂ is {mean:.3g} — not zero" in text
    assert "by symmetry" not in text


def test_caption_when_the_map_keeps_every_coefficient():
    text = describe_bayes(_views([2.0, -2.0], n=400))
    assert "keeps every coefficient" in text and "**exactly 0**" not in text


def test_caption_never_says_never_exactly_zero():
    for c, rho in [([0.8, 0.0], 0.0), ([0.0, 0.0], 0.3), ([0.4, 0.2], 0.3), ([0.0], 0.0)]:
        assert "never" not in describe_bayes(_views(c, rho=rho))


def test_labels_print_exact_zeros_as_zero():
    laplace, gaussian = _views([0.8, 0.0], rho=0.0)
    assert estimate_labels(laplace).map.endswith(", 0)")
    assert estimate_labels(laplace).mean.endswith("0 (symmetry))")
    assert estimate_labels(gaussian).map.startswith("MAP = ridge solution = (")
    laplace, _ = _views([0.4, 0.2], rho=0.3)
    assert "symmetry" not in estimate_labels(laplace).mean


def test_quadrature_helper_is_exact_on_polynomials_and_reports_its_error():
    res = adaptive_gauss_kronrod(lambda x: np.array([x**5, np.ones_like(x)]), [-1.0, 2.0])
    np.testing.assert_allclose(res.integral, [(64 - 1) / 6, 3.0], rtol=1e-14)
    assert res.converged and res.n_panels == 1
