"""The Bayesian reading of L1 and L2: Laplace and Gaussian priors, MAP = lasso / ridge.

Model: y = Xβ + b + ε with n rows, noise ε ~ N(0, σ²·I), a flat prior on the
intercept b, and independent priors on the coefficients:

- Laplace with scale b_L: p(βⱼ) = exp(−|βⱼ|/b_L) / (2 b_L)   (variance 2 b_L²);
- Gaussian with variance τ²: p(βⱼ) = exp(−βⱼ²/(2τ²)) / √(2πτ²).

The log posterior is, up to a constant,

    −‖y − Xβ − b‖² / (2σ²) − ‖β‖₁ / b_L       (Laplace)
    −‖y − Xβ − b‖² / (2σ²) − ‖β‖₂² / (2τ²)    (Gaussian).

Multiplying by −σ²/n (which does not move the maximizer) gives regviz's objective
(1/2n)‖y − Xβ − b‖² + λ·P(β) (:mod:`regviz.core.conventions`) with

    λ = σ² / (n · b_L)   for the lasso  (P = ‖β‖₁),
    λ = σ² / (n · τ²)    for ridge      (P = ½‖β‖₂²),  i.e. scikit-learn's Ridge(alpha = σ²/τ²).

The often quoted "λ = σ²/b" and "λ = σ²/τ²" hold for the objectives
½‖y − Xβ‖² + λ‖β‖₁ and ‖y − Xβ‖² + λ‖β‖₂² (no 1/n): the factor 1/n is the price of
averaging the loss over rows. With the intercept profiled out (flat prior), the
likelihood in β is the centered bowl of :meth:`regviz.core.losses.QuadraticLoss.from_data`:
log p(y | β) = −(n/σ²)·(L(β) − L_min) + const, with L(β) = ½(β − c)ᵀH(β − c) + L_min.

So the MAP estimate *is* the penalized solution (exact zeros included), while the
posterior *mean* is an average over a density that is positive everywhere: it is
exactly zero only by symmetry — in a coordinate βⱼ whose estimate ĉⱼ is 0 and whose
feature is uncorrelated with the other one (Hⱼₖ = 0), or in every coordinate when
ĉ = 0 (:func:`zero_by_symmetry`). Otherwise the posterior puts more probability on one
side of 0 than on the other and the mean is not 0, however small.

The posterior mean is computed in closed form where one exists (one coefficient; a
Gaussian prior) and otherwise (two coefficients, Laplace prior) by integrating one
coefficient in closed form and the other by adaptive Gauss–Kronrod quadrature in the
posterior's own scale, with an error estimate (:func:`posterior_summary`).
:func:`describe_bayes` and :func:`estimate_labels` turn the result into the page's
sentences and the numbers printed on the figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from regviz.core.geometry import solve_penalized
from regviz.core.penalties import soft_threshold
from regviz.core.quadrature import adaptive_gauss_kronrod

if TYPE_CHECKING:
    import pandas as pd

Array = NDArray[np.float64]

PRIORS = ("laplace", "gaussian")
_SUBSCRIPTS = "₁₂"
PRIOR_NAMES = {"laplace": "Laplace", "gaussian": "Gaussian"}
PENALTY_OF_PRIOR = {"laplace": "l1", "gaussian": "l2"}


def check_prior(prior: str) -> str:
    """Return ``prior`` if it is ``"laplace"`` or ``"gaussian"``, else raise ``ValueError``."""
    if prior not in PRIORS:
        raise ValueError(
            f"Unknown prior {prior!r}: choose 'laplace' (lasso) or 'gaussian' (ridge)."
        )
    return prior


def _check_positive(value: float, name: str) -> float:
    value = float(value)
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive number; got {value}.")
    return value


def _check_data(sigma: float, n: float) -> tuple[float, float]:
    """The noise level σ and the number of observations n, each checked positive."""
    return (
        _check_positive(sigma, "The noise level σ"),
        _check_positive(n, "The number of observations n"),
    )


def prior_scale_for_sd(prior: str, prior_sd: float) -> float:
    """The scale parameter of a prior with standard deviation ``prior_sd``.

    Laplace(b) has variance 2b², so b = sd/√2; a Gaussian's scale is τ = sd itself.
    Comparing the two priors at the same standard deviation keeps the contest fair.

    Examples
    --------
    >>> round(prior_scale_for_sd("laplace", 2.0**0.5), 12)
    1.0
    """
    check_prior(prior)
    sd = _check_positive(prior_sd, "The prior standard deviation")
    return float(sd / np.sqrt(2.0)) if prior == "laplace" else sd


def lambda_for_prior(prior: str, scale: float, sigma: float, n: int) -> float:
    """regviz's λ whose penalized solution equals the MAP estimate.

    Parameters
    ----------
    prior : {"laplace", "gaussian"}
        The prior on each coefficient.
    scale : float
        The Laplace scale b (for ``"laplace"``) or the Gaussian standard deviation τ.
    sigma : float
        The noise standard deviation σ.
    n : int
        The number of observations.

    Returns
    -------
    float
        σ²/(n·b) for Laplace (lasso), σ²/(n·τ²) for Gaussian (ridge).

    Examples
    --------
    >>> lambda_for_prior("laplace", 0.5, 1.0, 10)
    0.2
    >>> lambda_for_prior("gaussian", 0.5, 1.0, 10)
    0.4
    """
    check_prior(prior)
    scale = _check_positive(scale, "The prior scale")
    sigma, n = _check_data(sigma, n)
    if prior == "laplace":
        return sigma**2 / (n * scale)
    return sigma**2 / (n * scale**2)


def log_prior(beta: ArrayLike, prior: str, scale: float) -> Array:
    """The normalized log density of independent priors, summed over the last axis."""
    check_prior(prior)
    scale = _check_positive(scale, "The prior scale")
    b = np.asarray(beta, dtype=float)
    p = b.shape[-1]
    if prior == "laplace":
        return -np.sum(np.abs(b), axis=-1) / scale - p * np.log(2.0 * scale)
    return -np.sum(b * b, axis=-1) / (2.0 * scale**2) - 0.5 * p * np.log(2.0 * np.pi * scale**2)


def _quadratic(beta: Array, center: Array, hessian: Array) -> Array:
    d = beta - center
    return np.einsum("...i,ij,...j->...", d, hessian, d)


def log_likelihood(
    beta: ArrayLike, center: ArrayLike, hessian: ArrayLike, sigma: float, n: int
) -> Array:
    """The log likelihood in β, up to a constant: −(n/2σ²)·(β − c)ᵀH(β − c).

    ``center`` c and ``hessian`` H are those of the averaged loss (1/2n)‖y − Xβ − b‖²
    (see :meth:`regviz.core.losses.QuadraticLoss.from_data`); shapes (p,) and (p, p).
    """
    sigma = _check_positive(sigma, "The noise level σ")
    c = np.asarray(center, dtype=float)
    h = np.asarray(hessian, dtype=float)
    return -(n / (2.0 * sigma**2)) * _quadratic(np.asarray(beta, dtype=float), c, h)


def log_posterior(
    beta: ArrayLike,
    center: ArrayLike,
    hessian: ArrayLike,
    sigma: float,
    n: int,
    prior: str,
    scale: float,
) -> Array:
    """Unnormalized log posterior: log likelihood + log prior."""
    return log_likelihood(beta, center, hessian, sigma, n) + log_prior(beta, prior, scale)


def map_estimate(
    center: ArrayLike, hessian: ArrayLike, sigma: float, n: int, prior: str, scale: float
) -> Array:
    """The exact MAP estimate, computed as the penalized solution at the matching λ.

    For one coefficient (p = 1) the lasso is a soft-threshold, S(c, λ/h), and ridge
    the shrink h·c/(h + λ); for two coefficients the exact 2-D solver
    :func:`regviz.core.geometry.solve_penalized` is used. Laplace zeros are exactly 0.0.

    Parameters
    ----------
    center : array_like, shape (p,), p in {1, 2}
        The least-squares estimate c.
    hessian : array_like, shape (p, p)
        H = XcᵀXc / n.
    sigma, n, prior, scale
        As in :func:`lambda_for_prior`.

    Returns
    -------
    ndarray, shape (p,)
    """
    c, h = _check_problem(center, hessian)
    lam = lambda_for_prior(prior, scale, sigma, n)
    penalty = PENALTY_OF_PRIOR[prior]
    if len(c) == 1:
        curvature = h[0, 0]
        if penalty == "l1":
            return np.atleast_1d(soft_threshold(c, lam / curvature))
        return c * curvature / (curvature + lam)
    return solve_penalized(c, h, penalty, lam)


def _check_problem(center: ArrayLike, hessian: ArrayLike) -> tuple[Array, Array]:
    c = np.atleast_1d(np.asarray(center, dtype=float))
    h = np.atleast_2d(np.asarray(hessian, dtype=float))
    if c.ndim != 1 or len(c) not in (1, 2) or h.shape != (len(c), len(c)):
        raise ValueError("The Bayesian view handles one or two coefficients (a matching H).")
    if not (np.all(np.isfinite(c)) and np.all(np.isfinite(h))):
        raise ValueError("The estimate and the curvature must be finite numbers.")
    if not np.allclose(h, h.T) or np.any(np.linalg.eigvalsh(h) <= 0):
        raise ValueError(
            "The curvature H must be symmetric positive definite: the two features may not be "
            "perfectly correlated."
        )
    return c, h


def _grid_points(axes: list[Array]) -> Array:
    mesh = np.meshgrid(*axes, indexing="xy")
    return np.stack(mesh, axis=-1)


# --------------------------------------------------------------------- the posterior mean

_LOG_SQRT_2PI = 0.5 * np.log(2.0 * np.pi)
_EPS = np.finfo(float).eps
# The relative tolerance of the adaptive quadrature (2-D Laplace), against ∫|f|.
QUADRATURE_RTOL = 1e-10
# Mass of the 2-D posterior beyond the integration interval is below e^(−_TAIL) of its
# peak value times the likelihood's volume (see _laplace_2d).
_TAIL = 50.0
# Below this size (relative to the other numbers in play) an estimate or an off-diagonal
# curvature counts as exactly 0 for the symmetry test: slider values such as
# −0.9 + 18 · 0.05 arrive as ~1e-16, not as 0.
SYMMETRY_TOL = 1e-12


def _mills_ratio(x: Array) -> Array:
    """φ(x)/Φ(x), accurate for every x (through the scaled complementary error function)."""
    from scipy import special  # here, not at the top: the router imports this module

    return np.sqrt(2.0 / np.pi) / special.erfcx(-x / np.sqrt(2.0))


def _laplace_1d(mu: Array, s: float, b: float) -> tuple[Array, Array, Array]:
    """One coefficient with likelihood kernel exp(−(β − μ)²/2s²) and a Laplace(b) prior.

    On each side of 0 the posterior is a Gaussian with mean m± = μ ∓ s²/b, truncated
    to that side; the posterior is the mixture of the two truncated normals, with
    weights from log Φ (no underflow however far the pieces are from 0).

    Returns
    -------
    log_z, mean, rounding : ndarray
        log ∫ exp(−(β − μ)²/2s²)·p(β) dβ (p the normalized prior), the posterior mean,
        and a bound on its floating-point error (cancellations included).
    """
    from scipy import special

    mu = np.asarray(mu, dtype=float)
    x_pos = mu / s - s / b  # m₊/s: the positive piece is N(m₊, s²) on β > 0
    x_neg = -(mu / s + s / b)  # −m₋/s: the negative piece is N(m₋, s²) on β < 0
    log_a_pos = -mu / b + special.log_ndtr(x_pos)
    log_a_neg = mu / b + special.log_ndtr(x_neg)
    top = np.maximum(log_a_pos, log_a_neg)
    w_pos, w_neg = np.exp(log_a_pos - top), np.exp(log_a_neg - top)
    total = w_pos + w_neg
    mills_pos, mills_neg = _mills_ratio(x_pos), _mills_ratio(x_neg)
    mean_pos = s * (x_pos + mills_pos)  # E[β | β > 0] = m₊ + s·φ(m₊/s)/Φ(m₊/s)
    mean_neg = -s * (x_neg + mills_neg)  # E[β | β < 0] = m₋ − s·φ(m₋/s)/Φ(−m₋/s)
    mean = (w_pos * mean_pos + w_neg * mean_neg) / total
    log_z = np.log(s / (2.0 * b)) + _LOG_SQRT_2PI + s * s / (2.0 * b * b) + top + np.log(total)
    # x + φ(x)/Φ(x) cancels for x ≪ 0, the two pieces cancel in the mixture, and the
    # weights carry the rounding of log values as large as |log a|: bound all three.
    cancelled = w_pos * s * (np.abs(x_pos) + mills_pos) + w_neg * s * (np.abs(x_neg) + mills_neg)
    pieces = w_pos * np.abs(mean_pos) + w_neg * np.abs(mean_neg)
    log_rounding = 1.0 + np.abs(log_a_pos) + np.abs(log_a_neg)
    rounding = 8.0 * _EPS * (cancelled + log_rounding * pieces) / total
    return log_z, mean, rounding


def _gaussian_1d(mu: Array, s: float, tau: float) -> tuple[Array, Array]:
    """log ∫ exp(−(β − μ)²/2s²)·N(β; 0, τ²) dβ and the posterior mean μτ²/(τ² + s²)."""
    mu = np.asarray(mu, dtype=float)
    v = s * s + tau * tau
    log_z = np.log(s) - 0.5 * np.log(v) - mu * mu / (2.0 * v)
    return log_z, mu * tau * tau / v


def zero_by_symmetry(center: ArrayLike, hessian: ArrayLike) -> tuple[bool, ...]:
    """Which coordinates have a posterior mean of exactly 0 by symmetry.

    With independent priors that are symmetric about 0 (Laplace and Gaussian both are),
    the posterior ∝ exp(−½(β − c)ᵀP(β − c))·p(β₁)·p(β₂) is unchanged by

    - the reflection βⱼ → −βⱼ of one coordinate exactly when Hⱼₖ = 0 (k ≠ j) and
      ĉⱼ = 0: the quadratic form then has no term linking βⱼ to the other coefficient
      and no term linear in βⱼ. The mean of βⱼ equals minus itself: it is 0.
    - the full reflection β → −β exactly when ĉ = 0: every mean is 0.

    No other sign change of coordinates leaves it unchanged, so for every other
    setting no symmetry forces a zero (the mean can still cross 0 as a setting moves,
    on a curve of settings; it is then 0 only by coincidence, not exactly).
    Values below ``SYMMETRY_TOL`` relative to their scale count as 0 (slider round-off).

    Parameters
    ----------
    center : array_like, shape (p,), p in {1, 2}
        The least-squares estimate ĉ.
    hessian : array_like, shape (p, p)
        H = XcᵀXc/n.

    Returns
    -------
    tuple of bool, length p

    Examples
    --------
    >>> zero_by_symmetry([0.7, 0.0], [[1.0, 0.0], [0.0, 1.0]])
    (False, True)
    >>> zero_by_symmetry([0.7, 0.0], [[1.0, 0.3], [0.3, 1.0]])
    (False, False)
    >>> zero_by_symmetry([0.0, 0.0], [[1.0, 0.3], [0.3, 1.0]])
    (True, True)
    """
    c, h = _check_problem(center, hessian)
    scale = max(1.0, float(np.max(np.abs(c))))
    zero_c = np.abs(c) <= SYMMETRY_TOL * scale
    if np.all(zero_c):
        return (True,) * len(c)
    if len(c) == 1:
        return (bool(zero_c[0]),)
    decoupled = abs(h[0, 1]) <= SYMMETRY_TOL * np.sqrt(h[0, 0] * h[1, 1])
    return tuple(bool(zero_c[j] and decoupled) for j in range(2))


@dataclass(frozen=True)
class PosteriorSummary:
    """The posterior mean and normalizer, with an error estimate.

    Attributes
    ----------
    mean : ndarray, shape (p,)
        The posterior mean E[β | y]. Exactly 0.0 where :attr:`exact_zero` says so.
    grid_step : ndarray, shape (p,)
        Kept for old callers: the narrowest quadrature panel along the integrated
        coordinate (2-D Laplace), 0 where the mean is a closed form.
    log_normalizer : float
        log ∫ exp(log posterior) dβ, to turn the unnormalized posterior into a density.
    error : ndarray, shape (p,)
        Estimated absolute error of ``mean``: the Gauss–Kronrod error estimate of the
        quadrature plus a bound on floating-point cancellation (closed forms: rounding
        only). 0.0 where the mean is 0 by symmetry.
    exact_zero : tuple of bool
        Coordinates whose mean is exactly 0 by symmetry (:func:`zero_by_symmetry`).
    method : str
        How the mean was computed, in words.
    n_evaluations : int
        Evaluations of the integrand (0 for closed forms).
    """

    mean: Array
    grid_step: Array
    log_normalizer: float
    error: Array = field(default_factory=lambda: np.zeros(0))
    exact_zero: tuple[bool, ...] = ()
    method: str = ""
    n_evaluations: int = 0


def _likelihood_precision(hessian: Array, sigma: float, n: int) -> Array:
    return hessian * (n / sigma**2)


def _summary_1d(c: Array, precision: Array, prior: str, scale: float) -> tuple:
    s = float(1.0 / np.sqrt(precision[0, 0]))
    if prior == "laplace":
        log_z, mean, rounding = _laplace_1d(c[0], s, scale)
        method = "closed form (a mixture of two truncated normals, split at 0)"
    else:
        log_z, mean = _gaussian_1d(c[0], s, scale)
        rounding = 4.0 * _EPS * abs(mean)
        method = "closed form (a Gaussian prior gives a Gaussian posterior)"
    # log_z above integrates exp(−(β − c)²/2s²)·p(β): the same as log_normalizer.
    return np.atleast_1d(mean), np.atleast_1d(rounding), float(log_z), method, 0, np.zeros(1)


def _gaussian_2d(c: Array, precision: Array, tau: float) -> tuple:
    posterior_precision = precision + np.eye(2) / tau**2
    mean = np.linalg.solve(posterior_precision, precision @ c)
    marginal = np.linalg.inv(precision) + tau**2 * np.eye(2)  # c ~ N(0, P⁻¹ + τ²I)
    _, logdet_p = np.linalg.slogdet(precision)
    _, logdet_m = np.linalg.slogdet(marginal)
    log_z = -0.5 * logdet_p - 0.5 * logdet_m - 0.5 * c @ np.linalg.solve(marginal, c)
    cond = np.linalg.cond(posterior_precision)
    rounding = 16.0 * _EPS * cond * (np.abs(mean) + np.linalg.norm(mean))
    method = "closed form (a Gaussian prior gives a Gaussian posterior)"
    return mean, rounding, float(log_z), method, 0, np.zeros(2)


def _graded_breakpoints(centers: list[float], smallest: float, lo: float, hi: float) -> Array:
    """Breakpoints at each center ± smallest·2ᵏ, k = 0, 1, …, clipped to [lo, hi]."""
    steps = smallest * 2.0 ** np.arange(0, int(np.ceil(np.log2((hi - lo) / smallest))) + 2)
    points = [np.array([lo, hi])]
    for middle in centers:
        if lo < middle < hi:
            points.append(np.array([middle]))
        points.append(middle + steps)
        points.append(middle - steps)
    all_points = np.concatenate(points)
    return np.unique(all_points[(all_points >= lo) & (all_points <= hi)])


def _laplace_2d(c: Array, precision: Array, b: float, mode: Array) -> tuple:
    """2-D Laplace posterior: β₁ integrated in closed form, β₂ by adaptive quadrature.

    For fixed β₂ = t the posterior in β₁ is exp(−½P₁₁(β₁ − μ(t))²)·p(β₁), a 1-D
    problem solved exactly by :func:`_laplace_1d` (μ(t) = ĉ₁ − (P₁₂/P₁₁)(t − ĉ₂)).
    What is left is the β₂-marginal g(t) = exp(−½(t − ĉ₂)²/v₂)·p(t)·Z₁(μ(t)), with
    v₂ = (P⁻¹)₂₂: log-concave, smooth on each side of the prior's kink at 0. It is
    integrated (with t·g and E[β₁ | t]·g) by adaptive Gauss–Kronrod quadrature,
    split at 0 and started from panels graded geometrically around the MAP, around 0
    and around the β₂ where β₁'s conditional problem changes regime, down to a quarter
    of the narrower of the prior scale b and the likelihood's conditional sd
    1/√P₂₂ — so the panels adapt to the narrower of prior and likelihood.
    The interval is the MAP ± √(2·_TAIL·v₂): the log posterior is at least as curved as
    the log likelihood, so beyond it the density is below e^(−_TAIL) of its peak.
    """
    p11, p12, p22 = precision[0, 0], precision[0, 1], precision[1, 1]
    s1 = float(1.0 / np.sqrt(p11))
    v2 = float(np.linalg.inv(precision)[1, 1])
    half = float(np.sqrt(2.0 * _TAIL * v2))
    lo, hi = float(mode[1]) - half, float(mode[1]) + half
    slope = p12 / p11

    def log_g_parts(t: Array) -> tuple[Array, Array, Array]:
        mu = c[0] - slope * (t - c[1])
        log_z1, mean1, rounding1 = _laplace_1d(mu, s1, b)
        log_g = -0.5 * (t - c[1]) ** 2 / v2 - np.abs(t) / b - np.log(2.0 * b) + log_z1
        return log_g, mean1, rounding1

    centers = [float(mode[1]), 0.0]
    if slope != 0.0:  # (p₁₂ ≠ 0 can still give a slope that underflows to 0)
        # Where β₁'s conditional center μ(t) crosses 0 and ±s₁²/b (the regimes of _laplace_1d).
        for mu_star in (0.0, s1 * s1 / b, -s1 * s1 / b):
            with np.errstate(over="ignore"):  # a subnormal slope: the crossing is at ±∞
                crossing = c[1] - (mu_star - c[0]) / slope
            if np.isfinite(crossing):  # far beyond the interval when the slope is tiny
                centers.append(float(crossing))
    smallest = 0.25 * min(b, 1.0 / np.sqrt(p22))
    breakpoints = _graded_breakpoints(centers, smallest, lo, hi)
    reference = float(np.max(log_g_parts(breakpoints)[0]))

    def integrand(t: Array) -> Array:
        log_g, mean1, rounding1 = log_g_parts(t)
        g = np.exp(log_g - reference)
        return np.stack([g, mean1 * g, t * g, rounding1 * g])

    def tolerance(integrals: Array) -> list[float]:
        # ∫E[β₁ | t]·g cannot be resolved below the rounding of E[β₁ | t] itself (the
        # fourth component, carried along without a tolerance of its own).
        return [0.0, float(integrals[3]), 0.0, np.inf]

    result = adaptive_gauss_kronrod(integrand, breakpoints, rtol=QUADRATURE_RTOL, atol=tolerance)
    z, n1, n2, rounding = result.integral
    mean = np.array([n1, n2]) / z
    error = (result.error[1:3] + np.abs(mean) * result.error[0]) / z + rounding / z
    error = error + 8.0 * _EPS * result.abs_integral[1:3] / z  # summation of the panels
    method = (
        "β₁ in closed form, β₂ by adaptive Gauss–Kronrod quadrature "
        f"({result.n_evaluations} evaluations, split at 0)"
    )
    step = np.array([0.0, float(np.min(np.diff(breakpoints)))])
    log_z = reference + float(np.log(z))
    return mean, error, log_z, method, result.n_evaluations, step


def posterior_summary(
    center: ArrayLike,
    hessian: ArrayLike,
    sigma: float,
    n: int,
    prior: str,
    scale: float,
    n_grid: int | None = None,
) -> PosteriorSummary:
    """Posterior mean and normalizer, accurate over the whole range of settings.

    - One coefficient: closed forms. A Gaussian prior gives a Gaussian posterior; a
      Laplace prior gives, on each side of 0, a Gaussian truncated to that side, so the
      posterior is a mixture of two truncated normals (weights from log Φ, so nothing
      underflows however narrow the prior or wide the likelihood).
    - Two coefficients, Gaussian prior: closed form (mean = (P + I/τ²)⁻¹Pĉ).
    - Two coefficients, Laplace prior: β₁ in closed form given β₂, then β₂ by adaptive
      Gauss–Kronrod quadrature split at the prior's kink at 0, on panels graded from the
      narrower of the prior scale and the likelihood's sd (see :func:`_laplace_2d`),
      refined until the estimated relative error is below 10⁻¹⁰.

    Where the posterior is symmetric in a coordinate (:func:`zero_by_symmetry`), that
    coordinate's mean is returned as exactly 0.0.

    Parameters
    ----------
    center, hessian, sigma, n, prior, scale
        As in :func:`map_estimate`.
    n_grid : int, optional
        Not used any more (the integration adapts itself); accepted so old calls work.

    Returns
    -------
    PosteriorSummary
        With ``error``, the estimated absolute error of the mean.

    Examples
    --------
    >>> summary = posterior_summary([0.3], [[1.0]], sigma=1.0, n=10, prior="laplace", scale=0.1)
    >>> bool(summary.mean[0] > 0.0)  # the MAP is 0 here; the mean is not
    True
    >>> h = [[1.0, 0.3], [0.3, 1.0]]  # weak data, a tight prior: the hard corner
    >>> weak = posterior_summary([1.0, 0.2], h, 5.0, 1, "laplace", scale=0.05 / 2**0.5)
    >>> [f"{m:.4g}" for m in weak.mean], bool(weak.error.max() < 1e-10)
    (['0.000106', '4.998e-05'], True)
    """
    c, h = _check_problem(center, hessian)
    check_prior(prior)
    sigma, n = _check_data(sigma, n)
    scale = _check_positive(scale, "The prior scale")
    precision = _likelihood_precision(h, sigma, n)
    if len(c) == 1:
        parts = _summary_1d(c, precision, prior, scale)
    elif prior == "gaussian":
        parts = _gaussian_2d(c, precision, scale)
    else:
        parts = _laplace_2d(c, precision, scale, map_estimate(c, h, sigma, n, prior, scale))
    mean, error, log_z, method, n_evals, step = parts
    mean = np.array(mean, dtype=float)
    error = np.array(error, dtype=float)
    exact = zero_by_symmetry(c, h)
    for j, is_zero in enumerate(exact):
        if is_zero:
            mean[j], error[j] = 0.0, 0.0
    return PosteriorSummary(
        mean=mean,
        grid_step=np.asarray(step, dtype=float),
        log_normalizer=log_z,
        error=error,
        exact_zero=exact,
        method=method,
        n_evaluations=int(n_evals),
    )


@dataclass(frozen=True)
class BayesView:
    """Everything one panel of the Bayesian page shows, for one prior.

    Attributes
    ----------
    prior : str
        ``"laplace"`` or ``"gaussian"``.
    penalty : str
        The matching penalty, ``"l1"`` or ``"l2"``.
    scale : float
        Laplace scale b or Gaussian standard deviation τ.
    sigma, n : float, int
        Noise level and number of observations.
    lam : float
        The λ (regviz convention) whose penalized solution is the MAP.
    center, hessian : ndarray
        Least-squares estimate c, shape (p,), and H, shape (p, p).
    axes : list of ndarray
        The display grid, one array per coordinate.
    prior_density, likelihood_density, posterior_density : ndarray
        Normalized densities on the display grid: shape (m,) for p = 1, (m, m) (rows
        along β₂) for p = 2. The likelihood is normalized as a density in β.
    map : ndarray, shape (p,)
        The exact MAP = the penalized solution.
    grid_map : ndarray, shape (p,)
        The display-grid point of largest posterior density: a brute-force check of
        the MAP that does not use the solver (accurate to one display-grid step).
    summary : PosteriorSummary
        Posterior mean (closed form or adaptive quadrature), its error estimate and
        which coordinates are exactly 0 by symmetry.
    """

    prior: str
    penalty: str
    scale: float
    sigma: float
    n: int
    lam: float
    center: Array
    hessian: Array
    axes: list[Array]
    prior_density: Array
    likelihood_density: Array
    posterior_density: Array
    map: Array
    grid_map: Array
    summary: PosteriorSummary

    @property
    def n_coef(self) -> int:
        """Number of coefficients, 1 or 2."""
        return len(self.center)

    @property
    def prior_sd(self) -> float:
        """The prior standard deviation: b·√2 (Laplace) or τ (Gaussian)."""
        return float(self.scale * np.sqrt(2.0)) if self.prior == "laplace" else self.scale


def display_half_width(
    center: ArrayLike, hessian: ArrayLike, sigma: float, n: int, prior_sd: float
) -> float:
    """Half-width of a symmetric square view showing the prior, c and the posterior.

    The likelihood's spread is shown only up to the prior's scale (or 1): with very
    weak data the likelihood is far wider than the prior and the posterior, and showing
    all of it would squash the posterior into a few pixels.
    """
    c, h = _check_problem(center, hessian)
    return _window(c, h, sigma, n, widest_sd=prior_sd, narrowest_sd=prior_sd)


def _window(
    c: Array, h: Array, sigma: float, n: int, *, widest_sd: float, narrowest_sd: float
) -> float:
    """ĉ and the likelihood to 3.5 of its sd, the likelihood capped at 3 sds of the widest
    prior (or 1), and 3 sds of the narrowest prior, rounded up to a multiple of ½."""
    like_sd = float(np.max(np.sqrt(np.diag(np.linalg.inv(h)) * sigma**2 / n)))
    spread = min(3.5 * like_sd, max(3.0 * widest_sd, 1.0))
    half = max(3.0 * narrowest_sd, float(np.max(np.abs(c))) + spread, 0.5)
    # Round up to a "nice" number so the axes stay put while sliders move a little.
    return float(np.ceil(half * 2.0) / 2.0)


def display_axis(
    half_width: float, n_even: int, features: Sequence[tuple[float, float]], n_packed: int = 41
) -> Array:
    """An axis on [−w, w]: ``n_even`` even points plus ``n_packed`` around each feature.

    Each feature (x, width) adds points on x ± 6·width, so a density of that width is
    drawn smoothly however narrow it is; the even points always include 0 (odd
    ``n_even``), where the Laplace prior has its kink.

    Examples
    --------
    >>> axis = display_axis(1.0, 5, [(0.3, 0.001)], n_packed=3)
    >>> axis.tolist()
    [-1.0, -0.5, 0.0, 0.294, 0.3, 0.306, 0.5, 1.0]
    """
    pieces = [np.linspace(-half_width, half_width, n_even)]
    for x, width in features:
        if width > 0 and np.isfinite(x):
            pieces.append(np.linspace(x - 6.0 * width, x + 6.0 * width, n_packed))
    axis = np.unique(np.concatenate(pieces))
    return axis[(axis >= -half_width) & (axis <= half_width)]


def bayes_view(
    center: ArrayLike,
    hessian: ArrayLike,
    *,
    prior: str,
    prior_sd: float,
    sigma: float,
    n: int,
    half_width: float | None = None,
    n_display: int | None = None,
) -> BayesView:
    """Prior, likelihood and posterior of one or two coefficients, with MAP and mean.

    Parameters
    ----------
    center : array_like, shape (p,), p in {1, 2}
        The least-squares estimate c (what the data alone say).
    hessian : array_like, shape (p, p)
        H = XcᵀXc/n (1 for one standardized feature; [[1, ρ], [ρ, 1]] for two
        standardized features with correlation ρ).
    prior : {"laplace", "gaussian"}
        The prior on each coefficient.
    prior_sd : float
        The prior standard deviation (Laplace scale b = sd/√2, Gaussian τ = sd).
    sigma : float
        Noise standard deviation σ.
    n : int
        Number of observations.
    half_width : float, optional
        Half-width of the display window (default: :func:`display_half_width`).
    n_display : int, optional
        Evenly spaced display grid points per coordinate (default 241 for p = 1, 91 for
        p = 2). For p = 1 the axis also gets points packed around 0, the least-squares
        estimate and the MAP (:func:`display_axis`), so a narrow prior or posterior is
        drawn with enough points.

    Returns
    -------
    BayesView

    Raises
    ------
    ValueError
        For a non-positive σ, n or prior sd, an unknown prior, or an H that is not
        symmetric positive definite.

    Examples
    --------
    >>> v = bayes_view([0.1], [[1.0]], prior="laplace", prior_sd=0.5, sigma=1.0, n=20)
    >>> v.map.tolist(), bool(v.summary.mean[0] > 0)
    ([0.0], True)
    """
    c, h = _check_problem(center, hessian)
    check_prior(prior)
    sigma, n_float = _check_data(sigma, n)
    n_obs = int(n_float)
    scale = prior_scale_for_sd(prior, prior_sd)
    lam = lambda_for_prior(prior, scale, sigma, n_obs)
    p = len(c)
    if half_width is None:
        half_width = display_half_width(c, h, sigma, n_obs, prior_sd)
    if n_display is None:
        n_display = 241 if p == 1 else 91
    beta_map = map_estimate(c, h, sigma, n_obs, prior, scale)
    if p == 1:
        like_sd = float(sigma / np.sqrt(n_obs * h[0, 0]))
        axis = display_axis(
            half_width, int(n_display), [(0.0, scale), (c[0], like_sd), (beta_map[0], like_sd)]
        )
    else:
        axis = np.linspace(-half_width, half_width, int(n_display))
    axes = [axis] * p
    points = _grid_points(axes) if p == 2 else axis[:, None]
    summary = posterior_summary(c, h, sigma, n_obs, prior, scale)
    covariance = np.linalg.inv(h) * sigma**2 / n_obs
    log_like_norm = -0.5 * p * np.log(2.0 * np.pi) - 0.5 * np.log(np.linalg.det(covariance))
    loglike = log_likelihood(points, c, h, sigma, n_obs) + log_like_norm
    logprior = log_prior(points, prior, scale)
    logpost = loglike - log_like_norm + logprior - summary.log_normalizer
    best = np.unravel_index(int(np.argmax(logpost)), logpost.shape)
    return BayesView(
        prior=prior,
        penalty=PENALTY_OF_PRIOR[prior],
        scale=scale,
        sigma=sigma,
        n=n_obs,
        lam=lam,
        center=c,
        hessian=h,
        axes=axes,
        prior_density=np.exp(logprior),
        likelihood_density=np.exp(loglike),
        posterior_density=np.exp(logpost),
        map=beta_map,
        grid_map=points[best].reshape(p),
        summary=summary,
    )


def correlated_hessian(correlation: float) -> Array:
    """H = [[1, ρ], [ρ, 1]]: the Gram matrix / n of two standardized features.

    Examples
    --------
    >>> correlated_hessian(0.5).tolist()
    [[1.0, 0.5], [0.5, 1.0]]
    """
    rho = float(correlation)
    if not (np.isfinite(rho) and -1.0 < rho < 1.0):
        raise ValueError(
            f"The correlation between the features must lie strictly between −1 and 1; got {rho}."
        )
    return np.array([[1.0, rho], [rho, 1.0]])


# ----------------------------------------------------------------- contours (two coefficients)

# Contour levels below each density's peak, in log units: e⁻¹, e⁻³ and e⁻⁵ of the peak
# hold about 63 %, 95 % and 99.3 % of a 2-D Gaussian's mass.
CONTOUR_DROPS = (1.0, 3.0, 5.0)
# Points per drawn ellipse: smooth on a projector, light to send.
RING_POINTS = 121

DENSITIES = ("prior", "likelihood", "posterior")


def _ellipse(center: Array, precision: Array, radius2: float, n_points: int) -> Array:
    """Points of {β : (β − m)ᵀQ(β − m) = r²}, a closed polyline of ``n_points`` points."""
    theta = np.linspace(0.0, 2.0 * np.pi, n_points)
    unit = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    return center + unit @ _ellipse_map(precision, radius2).T


def _ellipse_map(precision: Array, radius2: float) -> Array:
    """M with {β : (β − m)ᵀQ(β − m) = r²} = {m + M·(cos θ, sin θ)}."""
    values, vectors = np.linalg.eigh(precision)
    return np.sqrt(radius2) * vectors / np.sqrt(values)


def _ellipse_arcs(
    center: Array, precision: Array, radius2: float, signs: Array, n_points: int
) -> list[Array]:
    """The arcs of the ellipse (β − m)ᵀQ(β − m) = r² inside the orthant {sⱼβⱼ ≥ 0}.

    The ellipse is β(θ) = m + M·(cos θ, sin θ). It meets the axis βⱼ = 0 where
    Mⱼ₀ cos θ + Mⱼ₁ sin θ = −mⱼ, i.e. at θ = φⱼ ± arccos(−mⱼ/Rⱼ) (Rⱼ, φⱼ the modulus and
    angle of (Mⱼ₀, Mⱼ₁)). Between consecutive crossings the ellipse stays in one
    orthant; each arc inside is sampled afresh, ending exactly on the axes.
    """
    m = _ellipse_map(precision, radius2)
    crossings = []
    for j in range(2):
        modulus, phase = float(np.hypot(m[j, 0], m[j, 1])), float(np.arctan2(m[j, 1], m[j, 0]))
        ratio = -center[j] / modulus
        if abs(ratio) < 1.0:
            spread = float(np.arccos(ratio))
            crossings += [(phase - spread, j), (phase + spread, j)]
    if not crossings:
        ring = _ellipse(center, precision, radius2, n_points)  # all in one orthant
        return [ring] if np.all(ring[0] * signs >= 0.0) else []
    angles = sorted((a % (2.0 * np.pi), j) for a, j in crossings)
    arcs = []
    for k, (start, axis_start) in enumerate(angles):
        stop, axis_stop = angles[(k + 1) % len(angles)]
        if stop <= start:
            stop += 2.0 * np.pi
        middle = 0.5 * (start + stop)
        probe = center + m @ np.array([np.cos(middle), np.sin(middle)])
        if not np.all(probe * signs >= 0.0):
            continue
        count = max(16, int(np.ceil(n_points * (stop - start) / (2.0 * np.pi))))
        theta = np.linspace(start, stop, count)
        arc = center + np.stack([np.cos(theta), np.sin(theta)], axis=1) @ m.T
        arc[0, axis_start] = 0.0  # exactly on the axis it crosses
        arc[-1, axis_stop] = 0.0
        arcs.append(arc)
    return arcs


def _join(pieces: Sequence[Array]) -> Array:
    """Polylines as one array, separated by rows of NaN (one plotly trace)."""
    if not pieces:
        return np.empty((0, 2))
    gap = np.full((1, 2), np.nan)
    return np.vstack([np.vstack([piece, gap]) for piece in pieces])[:-1]


def density_contours(
    view: BayesView,
    which: str,
    drops: Sequence[float] = CONTOUR_DROPS,
    n_points: int = RING_POINTS,
) -> Array:
    """Exact contour lines of one density of a two-coefficient view.

    Level k is where the log density is ``drops[k]`` below its peak. Every curve is
    known in closed form, so no grid is contoured (and nothing is lost at the Laplace
    kinks):

    - Laplace prior: diamonds |β₁| + |β₂| = d·b; Gaussian prior: circles of radius τ√(2d).
    - Likelihood: ellipses (β − ĉ)ᵀP(β − ĉ) = 2d, with P = n·H/σ².
    - Gaussian posterior: ellipses around its mean with precision P + I/τ².
    - Laplace posterior: in each quadrant s the log posterior is
      −½(β − mₛ)ᵀP(β − mₛ) + kₛ with mₛ = ĉ − P⁻¹s/b, so each level is a union of
      ellipse arcs, each clipped to its quadrant; the peak is the exact MAP.

    Parameters
    ----------
    view : BayesView
        With two coefficients.
    which : {"prior", "likelihood", "posterior"}
    drops : sequence of float
        Log-density drops below the peak, one closed level each.
    n_points : int
        Points per ellipse.

    Returns
    -------
    ndarray, shape (m, 2)
        The levels as polylines separated by rows of NaN.

    Examples
    --------
    >>> v = bayes_view([1.0, 0.0], np.eye(2), prior="laplace", prior_sd=2**0.5, sigma=1.0,
    ...                n=1)
    >>> density_contours(v, "prior", drops=[1.0]).tolist()  # |β₁| + |β₂| = b = 1
    [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0], [1.0, 0.0]]
    """
    if view.n_coef != 2:
        raise ValueError("Contour lines are drawn for two coefficients.")
    if which not in DENSITIES:
        raise ValueError(f"Unknown density {which!r}: choose one of {', '.join(DENSITIES)}.")
    return _contour_lines(
        view.center, view.hessian, view.sigma, view.n, view.prior, view.scale, view.map,
        which, drops, n_points,
    )  # fmt: skip


def _contour_lines(
    c: Array,
    hessian: Array,
    sigma: float,
    n: int,
    prior: str,
    b: float,
    beta_map: Array,
    which: str,
    drops: Sequence[float],
    n_points: int,
) -> Array:
    """:func:`density_contours` from the numbers it needs (no display grid, no view)."""
    precision = _likelihood_precision(hessian, sigma, n)
    pieces: list[Array] = []
    for drop in drops:
        if which == "prior" and prior == "laplace":
            r = drop * b
            pieces.append(np.array([[r, 0.0], [0.0, r], [-r, 0.0], [0.0, -r], [r, 0.0]]))
        elif which == "prior":
            pieces.append(_ellipse(np.zeros(2), np.eye(2), 2.0 * drop * b * b, n_points))
        elif which == "likelihood":
            pieces.append(_ellipse(c, precision, 2.0 * drop, n_points))
        elif prior == "gaussian":
            posterior = precision + np.eye(2) / b**2
            mean = np.linalg.solve(posterior, precision @ c)
            pieces.append(_ellipse(mean, posterior, 2.0 * drop, n_points))
        else:
            pieces.extend(_laplace_posterior_level(c, precision, b, beta_map, drop, n_points))
    return _join(pieces)


def _laplace_posterior_level(
    c: Array, precision: Array, b: float, mode: Array, drop: float, n_points: int
) -> list[Array]:
    def log_post(beta: Array) -> float:
        d = beta - c
        return float(-0.5 * d @ precision @ d - np.sum(np.abs(beta)) / b)

    level = log_post(mode) - drop
    base = 0.5 * float(c @ precision @ c)
    pieces = []
    for signs in ((1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0)):
        s = np.array(signs)
        center = c - np.linalg.solve(precision, s) / b
        top = 0.5 * float(center @ precision @ center) - base  # the quadratic's own peak
        if top <= level:
            continue
        pieces.extend(_ellipse_arcs(center, precision, 2.0 * (top - level), s, n_points))
    return pieces


# ----------------------------------------------------------------- sentences and labels

INTRO = (
    "Treat the coefficients as unknowns with a *prior* belief: a **Laplace** prior (a sharp "
    "peak at 0, first figure) or a **Gaussian** prior (a smooth bump, second figure), both "
    "with the same standard deviation. The data's *likelihood* pulls towards the "
    "least-squares estimate; multiplying prior and likelihood gives the *posterior*. Its "
    "peak, the MAP estimate (◆), is exactly the lasso (Laplace) or ridge (Gaussian) solution "
    "for a λ fixed by the noise, the sample size and the prior scale. Its *mean* (○) is an "
    "average over a density that is positive everywhere: it is exactly zero only by symmetry "
    "(an estimate of 0 for a feature uncorrelated with the other), otherwise it is not zero. "
    "With two coefficients the figures show contour lines (✕: the least-squares estimate)."
)
"""The Bayesian page's "what you are looking at" paragraph (no computed numbers)."""

_COEF_NAMES = {1: ("β",), 2: ("β₁", "β₂")}
_HAT_NAMES = {1: ("β̂",), 2: ("β̂₁", "β̂₂")}


def format_coefficients(values: ArrayLike) -> str:
    """A coefficient vector as short text: exact zeros as 0, others to 3 significant digits.

    Examples
    --------
    >>> format_coefficients([0.0, 0.000484123])
    '(0, 0.000484)'
    >>> format_coefficients([-1.23456])
    '-1.23'
    """
    parts = ["0" if v == 0.0 else f"{v:.3g}" for v in np.atleast_1d(np.asarray(values, float))]
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"


@dataclass(frozen=True)
class EstimateLabels:
    """The numbers printed on the Bayesian figure for one panel.

    Attributes
    ----------
    map : str
        E.g. ``"MAP = lasso solution = (0.62, 0)"``.
    mean : str
        E.g. ``"posterior mean = (0.55, 0.000233)"``; a mean that is 0 by symmetry
        reads ``0 (symmetry)``.
    """

    map: str
    mean: str


def estimate_labels(view: BayesView) -> EstimateLabels:
    """The MAP and posterior-mean texts to print on one panel of the Bayesian figure.

    Parameters
    ----------
    view : BayesView

    Returns
    -------
    EstimateLabels

    Examples
    --------
    >>> v = bayes_view([0.8, 0.0], [[1.0, 0.0], [0.0, 1.0]], prior="laplace", prior_sd=0.5,
    ...                sigma=2.0, n=20)
    >>> labels = estimate_labels(v)
    >>> labels.map
    'MAP = lasso solution = (0.234, 0)'
    >>> labels.mean
    'posterior mean = (0.381, 0 (symmetry))'
    """
    solution = "lasso solution" if view.prior == "laplace" else "ridge solution"
    parts = [
        "0 (symmetry)" if zero else format_coefficients([m])
        for m, zero in zip(view.summary.mean, view.summary.exact_zero, strict=True)
    ]
    mean = parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"
    return EstimateLabels(
        map=f"MAP = {solution} = {format_coefficients(view.map)}",
        mean=f"posterior mean = {mean}",
    )


def marker_labels(view: BayesView) -> tuple[str, ...]:
    """The short texts printed next to the MAP (◆) and posterior-mean (○) markers.

    Two texts for a Laplace prior (MAP, mean); one for a Gaussian prior, whose posterior
    is Gaussian so that its mean *is* its MAP. Exact zeros read 0; a mean that is 0 by
    symmetry reads ``0 (symmetry)`` (``0 by symmetry`` inside a pair).

    Examples
    --------
    >>> one = dict(prior_sd=0.5, sigma=2.0, n=10)
    >>> marker_labels(bayes_view([1.0], [[1.0]], prior="laplace", **one))
    ('MAP = 0 exactly', 'mean = 0.332')
    >>> marker_labels(bayes_view([1.0], [[1.0]], prior="gaussian", **one))
    ('MAP = mean = 0.385',)
    >>> marker_labels(bayes_view([1.0, 0.0], np.eye(2), prior="laplace", **one | {"n": 20}))
    ('MAP = (0.434, 0)', 'mean = (0.518, 0 by symmetry)')
    """
    return _marker_texts(view.prior, view.map, view.summary.mean, view.summary.exact_zero)


def _marker_texts(
    prior: str, beta_map: Array, mean: Array, exact_zero: Sequence[bool]
) -> tuple[str, ...]:
    """:func:`marker_labels` from the numbers (a view's, or one frame of a prior sweep's)."""
    n_coef = len(beta_map)
    shown = format_coefficients(beta_map)
    if prior == "gaussian":
        return (f"MAP = mean = {shown}",)
    exactly = " exactly" if n_coef == 1 and beta_map[0] == 0.0 else ""
    symmetric = "0 (symmetry)" if n_coef == 1 else "0 by symmetry"
    parts = [
        symmetric if zero else format_coefficients([m])
        for m, zero in zip(mean, exact_zero, strict=True)
    ]
    mean_text = parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"
    return (f"MAP = {shown}{exactly}", f"mean = {mean_text}")


def panel_title(view: BayesView, *, with_lambda: bool = True) -> str:
    """The title of one figure: the prior, its penalty and the λ they share.

    ``with_lambda=False`` leaves λ out: while ▶ Play runs, a 2-D figure's title stays
    as it was, so λ is written in the plot instead (:func:`sd_lambda_text`).

    Examples
    --------
    >>> view = bayes_view([1.0], [[1.0]], prior="laplace", prior_sd=0.5, sigma=2.0, n=10)
    >>> panel_title(view)
    'Laplace prior → lasso, λ = 1.13'
    >>> panel_title(view, with_lambda=False)
    'Laplace prior → lasso'
    """
    penalty = "lasso" if view.prior == "laplace" else "ridge"
    title = f"{PRIOR_NAMES[view.prior]} prior → {penalty}"
    return f"{title}, λ = {view.lam:.3g}" if with_lambda else title


def sd_lambda_text(prior_sd: float, lam: float) -> str:
    """The prior standard deviation and the λ it equals, as one frame of ▶ Play shows them.

    Examples
    --------
    >>> sd_lambda_text(0.5, lambda_for_prior("laplace", 0.5 / 2**0.5, 2.0, 10))
    'prior sd 0.5 ↔ λ = 1.13'
    >>> sd_lambda_text(3.0, 0.0444444)
    'prior sd 3 ↔ λ = 0.0444'
    """
    return f"prior sd {float(prior_sd):.3g} ↔ λ = {float(lam):.3g}"


def _scale_text(view: BayesView) -> str:
    return f"b = {view.scale:.3g}" if view.prior == "laplace" else f"τ = {view.scale:.3g}"


def alt_text(view: BayesView) -> str:
    """A text alternative for one figure, with its live numbers (for screen readers).

    Examples
    --------
    >>> v = bayes_view([1.0], [[1.0]], prior="laplace", prior_sd=0.5, sigma=2.0, n=10)
    >>> alt_text(v)  # doctest: +NORMALIZE_WHITESPACE
    'Laplace prior (b = 0.354) = lasso with λ = 1.13, one coefficient: prior, likelihood
    and posterior densities. The MAP (the lasso solution) is exactly 0; the posterior mean
    is 0.332, not 0.'
    """
    penalty = "lasso" if view.prior == "laplace" else "ridge"
    shape = (
        "one coefficient: prior, likelihood and posterior densities"
        if view.n_coef == 1
        else "two coefficients: contour lines of prior, likelihood and posterior"
    )
    head = f"{PRIOR_NAMES[view.prior]} prior ({_scale_text(view)}) = {penalty} with λ = "
    head += f"{view.lam:.3g}, {shape}."
    names = _COEF_NAMES[view.n_coef]
    zeros = [names[j] for j, b in enumerate(view.map) if b == 0.0]
    if view.n_coef == 1:
        found = "is exactly 0" if zeros else f"is {format_coefficients(view.map)}"
    else:
        found = f"is {format_coefficients(view.map)}"
        if zeros:
            found += f": {' and '.join(zeros)} exactly 0"
    mean = marker_labels(view)[-1].removeprefix("mean = ")
    if view.prior == "gaussian":
        tail = f" The MAP (the ridge solution) {found}; the posterior mean is the same."
    else:
        nonzero = "" if "symmetry" in mean or all(view.summary.mean == 0.0) else ", not 0"
        tail = f" The MAP (the lasso solution) {found}; the posterior mean is {mean}{nonzero}."
    return head + tail


MAPPING_INTRO = (
    "With noise variance σ², n rows and regviz's objective (1/2n)‖y − Xβ − b‖² + λ·P(β), the "
    "log posterior −‖y − Xβ − b‖²/(2σ²) − ‖β‖₁/b (Laplace) or − ‖β‖₂²/(2τ²) (Gaussian), "
    "multiplied by σ²/n, is minus that objective with"
)
"""The words before the λ ↔ prior formula on the Bayesian page (no computed numbers)."""

MAPPING_LATEX = (
    r"\lambda_{\text{lasso}} = \frac{\sigma^2}{n\,b}, \qquad "
    r"\lambda_{\text{ridge}} = \frac{\sigma^2}{n\,\tau^2}."
)
"""The λ ↔ prior mapping as a LaTeX formula (see :func:`lambda_for_prior`)."""


def estimates_table(views: Sequence[BayesView]) -> pd.DataFrame:
    """The numbers of the Bayesian panels: one row per prior and coefficient.

    Parameters
    ----------
    views : sequence of BayesView
        The panels drawn (from :func:`page_views`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``prior`` (Laplace, Gaussian) and ``coefficient`` (β₁, β₂); columns
        ``penalty``, ``prior scale (b or τ)``, ``λ``, ``least squares c``, ``MAP = penalized
        solution`` (◆), ``posterior mean`` (○), ``posterior mean error estimate`` and
        ``mean 0 by symmetry``.

    Examples
    --------
    >>> laplace, gaussian = page_views(**DEFAULTS)
    >>> table = estimates_table([laplace, gaussian])
    >>> table.index.tolist()
    [('Laplace', 'β₁'), ('Gaussian', 'β₁')]
    >>> float(table.loc[("Laplace", "β₁"), "MAP = penalized solution"])  # 0, as the lasso
    0.0
    """
    import pandas as pd

    rows, index = [], []
    for view in views:
        for j in range(view.n_coef):
            index.append((PRIOR_NAMES[view.prior], f"β{_SUBSCRIPTS[j]}"))
            rows.append(
                {
                    "penalty": "lasso" if view.penalty == "l1" else "ridge",
                    "prior scale (b or τ)": float(view.scale),
                    "λ": float(view.lam),
                    "least squares c": float(view.center[j]),
                    "MAP = penalized solution": float(view.map[j]),
                    "posterior mean": float(view.summary.mean[j]),
                    "posterior mean error estimate": float(view.summary.error[j]),
                    "mean 0 by symmetry": bool(view.summary.exact_zero[j]),
                }
            )
    return pd.DataFrame(
        rows, index=pd.MultiIndex.from_tuples(index, names=["prior", "coefficient"])
    )


def describe_mapping(views: Sequence[BayesView]) -> str:
    """The λ ↔ prior mapping with the current numbers filled in.

    λ = σ²/(n·b) for a Laplace prior (lasso), σ²/(n·τ²) for a Gaussian prior (ridge),
    from :func:`lambda_for_prior`; scikit-learn's ``Lasso(alpha=λ)`` and
    ``Ridge(alpha=n·λ)``.

    Examples
    --------
    >>> views = [bayes_view([1.0], [[1.0]], prior=p, prior_sd=0.5, sigma=2.0, n=10)
    ...          for p in PRIORS]
    >>> describe_mapping(views)  # doctest: +NORMALIZE_WHITESPACE
    'Here σ = 2 and n = 10. The Laplace prior with b = 0.354 gives **λ = 2²/(10·0.354) =
    1.13** — scikit-learn Lasso(alpha=1.13). The Gaussian prior with τ = 0.5 gives
    **λ = 2²/(10·0.5²) = 1.6** — scikit-learn Ridge(alpha=16), since n·λ = σ²/τ². (The
    textbook λ = σ²/b and λ = σ²/τ² belong to objectives without the 1/n.)'
    """
    if not views:
        raise ValueError("Give at least one view to describe.")
    first = views[0]
    sigma, n = f"{first.sigma:g}", first.n
    parts = [f"Here σ = {sigma} and n = {n}."]
    for view in views:
        lam = lambda_for_prior(view.prior, view.scale, view.sigma, view.n)
        scale = f"{view.scale:.3g}"
        if view.prior == "laplace":
            parts.append(
                f"The Laplace prior with b = {scale} gives **λ = {sigma}²/({n}·{scale}) = "
                f"{lam:.3g}** — scikit-learn Lasso(alpha={lam:.3g})."
            )
        else:
            parts.append(
                f"The Gaussian prior with τ = {scale} gives **λ = {sigma}²/({n}·{scale}²) = "
                f"{lam:.3g}** — scikit-learn Ridge(alpha={n * lam:.3g}), since n·λ = σ²/τ²."
            )
    parts.append("(The textbook λ = σ²/b and λ = σ²/τ² belong to objectives without the 1/n.)")
    return " ".join(parts)


def _symmetry_reason(view: BayesView, j: int) -> str:
    names, hats = _COEF_NAMES[view.n_coef], _HAT_NAMES[view.n_coef]
    if view.n_coef == 1:
        return f"{hats[0]} = 0, so the posterior is symmetric about 0"
    scale = max(1.0, float(np.max(np.abs(view.center))))
    if np.all(np.abs(view.center) <= SYMMETRY_TOL * scale):
        return "β̂ = (0, 0), so the posterior is unchanged when both coefficients change sign"
    return (
        f"{hats[j]} = 0 and the two features are uncorrelated (ρ = 0), so the posterior is "
        f"unchanged when {names[j]} changes sign"
    )


def _mean_phrase(view: BayesView, j: int) -> str:
    mean, error = float(view.summary.mean[j]), float(view.summary.error[j])
    if abs(mean) <= error:
        return (
            f"{mean:.2g}, within the integration error ({error:.1g}) of 0, although no "
            "symmetry makes it exactly 0 here"
        )
    return (
        f"{mean:.3g} — not zero: the posterior puts more probability on one side of 0 than "
        "on the other"
    )


def _grid_step_at(axis: Array, x: float) -> float:
    """The larger of the two grid steps next to the grid point ``x``."""
    k = int(np.argmin(np.abs(axis - x)))
    steps = np.diff(axis)[max(k - 1, 0) : k + 1]
    return float(np.max(steps))


def describe_bayes(views: Sequence[BayesView]) -> str:
    """The Bayesian page's "what to notice" caption (after that heading), from its views.

    It gives the MAP (= lasso / ridge solution) and the posterior mean of each prior,
    says which Laplace-MAP coefficients are exactly 0 and what the posterior mean is
    there — exactly 0 *by symmetry* when :func:`zero_by_symmetry` says so (with the
    reason), otherwise its value — and how close a brute-force search of the plotted
    grid comes to the solver's MAP.

    Parameters
    ----------
    views : sequence of BayesView
        The page's panels (a Laplace one, a Gaussian one, or both).

    Returns
    -------
    str

    Examples
    --------
    >>> views = [bayes_view([0.8, 0.0], [[1.0, 0.0], [0.0, 1.0]], prior=p, prior_sd=0.5,
    ...                     sigma=2.0, n=20) for p in ("laplace", "gaussian")]
    >>> "exactly 0 too, by symmetry" in describe_bayes(views)
    True
    """
    by_prior = {v.prior: v for v in views}
    if not by_prior:
        raise ValueError("Give at least one view to describe.")
    sentences: list[str] = []
    parts: list[str] = []
    if "laplace" in by_prior:
        labels = estimate_labels(by_prior["laplace"])
        parts.append(f"Laplace {labels.map}, {labels.mean}")
    if "gaussian" in by_prior:
        labels = estimate_labels(by_prior["gaussian"])
        parts.append(
            f"Gaussian {labels.map}, {labels.mean} (for a Gaussian prior the posterior is "
            "Gaussian, so mean and MAP coincide)"
        )
    sentences.append("; ".join(parts) + ".")
    lap = by_prior.get("laplace")
    if lap is not None:
        names = _COEF_NAMES[lap.n_coef]
        zeros = [j for j, b in enumerate(lap.map) if b == 0.0]
        if zeros:
            zero_names = " and ".join(names[j] for j in zeros)
            symmetric = [j for j in zeros if lap.summary.exact_zero[j]]
            clauses = [
                f"the posterior mean of {names[j]} is {_mean_phrase(lap, j)}"
                for j in zeros
                if not lap.summary.exact_zero[j]
            ]
            reasons: dict[str, list[str]] = {}
            for j in symmetric:
                reasons.setdefault(_symmetry_reason(lap, j), []).append(names[j])
            for reason, coefs in reasons.items():
                subject = (
                    f"the posterior mean of {coefs[0]} is"
                    if len(coefs) == 1
                    else f"the posterior means of {' and '.join(coefs)} are"
                )
                clauses.append(f"{subject} exactly 0 too, by symmetry: {reason}")
            sentences.append(
                f"The Laplace MAP sets {zero_names} to **exactly 0**; " + "; ".join(clauses) + "."
            )
        else:
            sentences.append(
                "The data are strong enough here that the Laplace MAP keeps every coefficient; "
                "weaken them (smaller |β̂|, fewer observations, more noise or a tighter prior) "
                "and it snaps to exactly 0 once λ reaches the data's pull."
            )
        grid_error = float(np.max(np.abs(lap.grid_map - lap.map)))
        steps = zip(lap.axes, lap.grid_map, strict=True)
        grid_step = max(_grid_step_at(axis, x) for axis, x in steps)
        where = (
            "exactly at the solver's answer"
            if grid_error == 0.0
            else f"within {grid_error:.2g} of the solver's answer"
        )
        sentences.append(
            f"A brute-force search of a grid, without the solver, finds the Laplace peak "
            f"{where} (grid step there {grid_step:.2g})."
        )
    return " ".join(sentences)


# --------------------------------------------------------------------------- the page

# The Bayesian page's defaults and presets, by control name (regviz.ui.specs.bayesian).
# "c1", "c2" are the least-squares estimates, "rho" the correlation of the two features
# (two coefficients only). The page opens on its point: weak data, where the Laplace MAP
# (the lasso) is exactly 0 while the posterior mean and the ridge solution are not.
DEFAULTS: dict[str, object] = {
    "c1": 1.0,
    "prior_sd": 0.5,
    "dims": 1,
    "c2": 0.2,
    "sigma": 2.0,
    "n": 10,
    "rho": 0.3,
}

# The defaults of the page before the page frame, where they differ: links made then
# (bay_… parameters) left these out and still mean them.
LEGACY_DEFAULTS: dict[str, object] = {"n": 20}

PRESETS: dict[str, dict[str, object]] = {
    # λ = σ²/(n·b) = 1.13 exceeds |β̂| = 1: the lasso is exactly 0; the mean is 0.33.
    "weak data": {**DEFAULTS},
    # Twice the data: λ halves, the MAP leaves 0 (0.43), still below the mean.
    "more data": {**DEFAULTS, "n": 20},
    # Much more, and less noisy, data: MAP, mean and least squares nearly agree.
    "strong data": {**DEFAULTS, "sigma": 1.0, "n": 400},
    # Two correlated features: the lasso keeps β₁ and sets β₂ to exactly 0.
    "two coefficients": {**DEFAULTS, "dims": 2, "n": 20},
    # β̂₂ = 0 and uncorrelated features: the posterior mean of β₂ is 0 by symmetry.
    "symmetry": {**DEFAULTS, "dims": 2, "n": 20, "c2": 0.0, "rho": 0.0},
}


def page_views(
    *,
    dims: int,
    c1: float,
    c2: float,
    rho: float,
    sigma: float,
    n: int,
    prior_sd: float,
    half_width: float | None = None,
) -> tuple[BayesView, BayesView]:
    """The page's two views (Laplace, Gaussian) for its control values.

    One coefficient uses β̂ = c1 and H = 1 (``c2`` and ``rho`` are ignored); two use
    β̂ = (c1, c2) and H = [[1, ρ], [ρ, 1]]. ``half_width`` sets the display window
    (default :func:`display_half_width`; with ▶ Play, the sweep's :attr:`PriorSweep.half_width`).

    Examples
    --------
    >>> laplace, gaussian = page_views(**DEFAULTS)
    >>> laplace.map.tolist(), gaussian.map.round(3).tolist()
    ([0.0], [0.385])
    """
    center, hessian = _page_problem(dims, c1, c2, rho)
    hw = half_width
    return tuple(  # type: ignore[return-value]
        bayes_view(center, hessian, prior=prior, prior_sd=prior_sd, sigma=sigma, n=n, half_width=hw)
        for prior in PRIORS
    )


def _page_problem(dims: int, c1: float, c2: float, rho: float) -> tuple[list[float], Array]:
    """The page's least-squares estimate ĉ and H for its controls."""
    if dims == 1:
        return [c1], np.array([[1.0]])
    if dims == 2:
        return [c1, c2], correlated_hessian(rho)
    raise ValueError(f"The page shows one or two coefficients, not {dims}.")


def code_snippet(views: Sequence[BayesView]) -> str:
    """Runnable code reproducing the page's MAPs and posterior means.

    The MAP comes from scikit-learn — ``Lasso(alpha=λ)`` and ``Ridge(alpha=n·λ)`` at the
    mapped λ — fitted on data built to have the page's least-squares estimate ĉ and
    H = XᵀX/n (every such data set has the same posterior); with one row and two
    features no such data exist, and :func:`regviz.solve_penalized` solves the bowl
    instead. The posterior means come from :func:`regviz.posterior_summary`.

    Examples
    --------
    >>> code = code_snippet(page_views(**DEFAULTS))
    >>> namespace = {}
    >>> exec(code, namespace)
    Laplace prior, λ = 1.1314
      MAP = [0.] posterior mean = [0.332]
    Gaussian prior, λ = 1.6
      MAP = [0.3846] posterior mean = [0.3846]
    """
    first = views[0]
    c, h = first.center, first.hessian
    p = len(c)
    # The Gaussian prior's τ is the prior sd itself (a Laplace view alone: b·√2).
    sds = [v.scale if v.prior == "gaussian" else float(np.sqrt(2.0) * v.scale) for v in views]
    prior_sd = sds[-1]
    rows = ", ".join("[" + ", ".join(repr(float(x)) for x in row) + "]" for row in h)
    data = first.n >= p  # enough rows for data with XᵀX/n = H
    lines = ["import numpy as np"]
    if data:
        lines.append("from sklearn.linear_model import Lasso, Ridge")
    lines += [
        "from regviz import posterior_summary" + ("" if data else ", solve_penalized"),
        "",
        "# The page's settings: least-squares estimate ĉ, H = XᵀX/n, noise σ, rows n, prior sd.",
        f"c = np.array([{', '.join(repr(float(x)) for x in c)}])",
        f"H = np.array([{rows}])",
        f"sigma, n, prior_sd = {first.sigma!r}, {first.n!r}, {prior_sd!r}",
        "b, tau = prior_sd / np.sqrt(2), prior_sd  # Laplace scale b, Gaussian sd τ",
        "lam_lasso = sigma**2 / (n * b)  # λ = σ²/(n·b)",
        "lam_ridge = sigma**2 / (n * tau**2)  # λ = σ²/(n·τ²)",
        "",
    ]
    if data:
        lines += [
            "# Any data with XᵀX/n = H and least-squares estimate ĉ have this posterior.",
            "Q, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((n, len(c))))",
            "X = np.sqrt(n) * Q @ np.linalg.cholesky(H).T",
            "y = X @ c",
            "lasso = Lasso(alpha=lam_lasso, fit_intercept=False, tol=1e-12, max_iter=100_000)",
            "map_laplace = lasso.fit(X, y).coef_  # the MAP under the Laplace prior",
            "map_gaussian = Ridge(alpha=n * lam_ridge, fit_intercept=False).fit(X, y).coef_",
        ]
    else:
        lines += [
            "# One row cannot have XᵀX/n = H for two features: solve the bowl itself.",
            'map_laplace = solve_penalized(c, H, penalty="l1", lam=lam_lasso)',
            'map_gaussian = solve_penalized(c, H, penalty="l2", lam=lam_ridge)',
        ]
    lines += [
        'mean_laplace = posterior_summary(c, H, sigma, n, "laplace", scale=b).mean',
        'mean_gaussian = posterior_summary(c, H, sigma, n, "gaussian", scale=tau).mean',
        'print("Laplace prior, λ =", round(lam_lasso, 4))',
        'print("  MAP =", map_laplace.round(4), "posterior mean =", mean_laplace.round(4))',
        'print("Gaussian prior, λ =", round(lam_ridge, 4))',
        'print("  MAP =", map_gaussian.round(4), "posterior mean =", mean_gaussian.round(4))',
    ]
    return "\n".join(lines)


# ------------------------------------------------------- ▶ Play: a sweep over the prior sd

PRIOR_SD_SWEEP: tuple[float, ...] = (3.0, 2.0, 1.4, 1.0, 0.7, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.05)
"""The prior standard deviations ▶ Play shows, widest first (so λ grows as it plays): about
log-spaced over the slider's range 0.05 … 3, each a value the slider itself offers."""

# Points of a 1-D frame's curves: even points over the window, and points packed around
# the prior's kink at 0 (its scale wide) and around the MAP (the likelihood's sd wide).
SWEEP_EVEN = 121
SWEEP_PACKED = 41
# Points per ellipse of a 2-D frame's contours (the page's own figure uses RING_POINTS).
SWEEP_RING_POINTS = 61


@dataclass(frozen=True)
class PriorSweep:
    """One panel of the Bayesian page at every prior sd of a sweep: what ▶ Play shows.

    Only what the frames draw is computed: the prior and posterior curves (the
    likelihood does not depend on the prior), the MAP and the posterior mean; no display
    grid of densities, no brute-force peak.

    Attributes
    ----------
    prior, penalty : str
        ``"laplace"``/``"l1"`` or ``"gaussian"``/``"l2"``.
    sds, scales, lams : ndarray, shape (k,)
        Per frame: the prior sd, the prior scale (b = sd/√2 or τ = sd) and the λ of the
        matching penalized problem (:func:`lambda_for_prior`).
    center, hessian : ndarray
        ĉ, shape (p,), and H, shape (p, p).
    sigma, n : float, int
        Noise level and number of observations.
    half_width : float
        Every frame is drawn on [−w, w] (:func:`sweep_half_width`).
    maps, means : ndarray, shape (k, p)
        Per frame: the exact MAP (= the lasso / ridge solution) and the posterior mean
        (exactly 0.0 in the coordinates :attr:`exact_zero` names).
    exact_zero : tuple of bool
        Coordinates whose mean is 0 by symmetry (:func:`zero_by_symmetry`; the same in
        every frame: it depends on ĉ and H only).
    prior_lines, posterior_lines : tuple of ndarray, each shape (m, 2)
        Per frame: p = 1, the curve (β, density) (normalized densities); p = 2, the
        contour lines (β₁, β₂) of :func:`density_contours`, polylines separated by NaN.
    peaks : ndarray, shape (k,)
        p = 1: per frame, the highest of the prior, likelihood and posterior densities
        (to scale the frame's density axis); p = 2: zeros.
    texts : tuple of str
        Per frame: the prior sd and its λ (:func:`sd_lambda_text`).
    labels : tuple of tuple of str
        Per frame: the MAP and mean texts (:func:`marker_labels`).
    """

    prior: str
    penalty: str
    sds: Array
    scales: Array
    lams: Array
    center: Array
    hessian: Array
    sigma: float
    n: int
    half_width: float
    maps: Array
    means: Array
    exact_zero: tuple[bool, ...]
    prior_lines: tuple[Array, ...]
    posterior_lines: tuple[Array, ...]
    peaks: Array
    texts: tuple[str, ...]
    labels: tuple[tuple[str, ...], ...]

    @property
    def n_coef(self) -> int:
        """Number of coefficients, 1 or 2."""
        return len(self.center)

    @property
    def n_frames(self) -> int:
        """Number of frames (prior sds)."""
        return len(self.sds)


def sweep_half_width(
    center: ArrayLike, hessian: ArrayLike, sigma: float, n: int, sds: Sequence[float]
) -> float:
    """Half-width of one window for every frame of a prior sweep.

    It holds the least-squares estimate and the likelihood to 3.5 of its sd, capped at 3
    sds of the widest prior (as :func:`display_half_width` does for one sd); every
    posterior then lies inside too (its mean is between 0 and ĉ, its spread at most the
    likelihood's or, with a capped likelihood, the widest prior's), and so does each
    prior up to 3 sds while that fits. A prior wider than the window is nearly flat over
    it and runs off its sides: with the window of the widest prior a tight prior's
    posterior would be a few pixels wide.

    Examples
    --------
    >>> sweep_half_width([1.0], [[1.0]], sigma=2.0, n=10, sds=PRIOR_SD_SWEEP)
    3.5
    >>> sweep_half_width([1.0], [[1.0]], sigma=5.0, n=1, sds=PRIOR_SD_SWEEP)  # weak data
    10.0
    """
    c, h = _check_problem(center, hessian)
    sigma, n = _check_data(sigma, n)
    sds = np.asarray(sds, dtype=float)
    if sds.size == 0 or not np.all(np.isfinite(sds) & (sds > 0)):
        raise ValueError("A prior sweep needs positive prior standard deviations.")
    return _window(c, h, sigma, n, widest_sd=float(np.max(sds)), narrowest_sd=float(np.min(sds)))


def _sweep_1d(
    c: float,
    curvature: float,
    sigma: float,
    n: int,
    prior: str,
    scales: Array,
    lams: Array,
    half: float,
) -> tuple[Array, Array, list[Array], list[Array], Array]:
    """Every frame of one coefficient at once: (k, m) arrays, one row per prior scale
    (``lams`` the λ of each, :func:`lambda_for_prior`)."""
    s = float(sigma / np.sqrt(n * curvature))  # the likelihood's sd in β
    if prior == "laplace":
        maps = soft_threshold(c, lams / curvature)
        log_z, means, _ = _laplace_1d(np.full_like(scales, c), s, scales)
    else:
        maps = c * curvature / (curvature + lams)
        log_z, means = _gaussian_1d(np.full_like(scales, c), s, scales)
    unit = np.linspace(-1.0, 1.0, SWEEP_PACKED)
    even = np.broadcast_to(np.linspace(-half, half, SWEEP_EVEN), (len(scales), SWEEP_EVEN))
    beta = np.concatenate(
        [even, 6.0 * scales[:, None] * unit, maps[:, None] + 6.0 * s * unit], axis=1
    )
    beta = np.sort(np.clip(beta, -half, half), axis=1)
    b = scales[:, None]
    if prior == "laplace":
        log_p = -np.abs(beta) / b - np.log(2.0 * b)
        prior_peak = 1.0 / (2.0 * scales)
    else:
        log_p = -beta * beta / (2.0 * b * b) - 0.5 * np.log(2.0 * np.pi * b * b)
        prior_peak = 1.0 / (scales * np.sqrt(2.0 * np.pi))
    prior_density = np.exp(log_p)
    posterior = np.exp(-((beta - c) ** 2) / (2.0 * s * s) + log_p - log_z[:, None])
    like_peak = 1.0 / (s * np.sqrt(2.0 * np.pi))
    peaks = np.maximum(np.maximum(prior_peak, like_peak), posterior.max(axis=1))
    prior_lines = [np.stack([x, y], axis=1) for x, y in zip(beta, prior_density, strict=True)]
    post_lines = [np.stack([x, y], axis=1) for x, y in zip(beta, posterior, strict=True)]
    return maps[:, None], means[:, None], prior_lines, post_lines, peaks


def prior_sweep(
    center: ArrayLike,
    hessian: ArrayLike,
    *,
    prior: str,
    sigma: float,
    n: int,
    sds: Sequence[float] = PRIOR_SD_SWEEP,
    half_width: float | None = None,
) -> PriorSweep:
    """One prior's panel at every prior sd of ``sds``: the frames of ▶ Play.

    One coefficient: all frames at once, vectorised over the sds — closed-form MAP
    (soft-threshold / shrinkage at λ = σ²/(n·b) or σ²/(n·τ²)), closed-form posterior mean
    and normalizer (:func:`posterior_summary`'s formulas) and the prior and posterior
    densities on each frame's own β grid (even points plus points packed around 0 and
    the MAP, so a tight prior's spike is drawn smoothly). Two coefficients: per sd, the
    exact MAP, the posterior mean (:func:`posterior_summary`) and the exact contour lines
    of prior and posterior (:func:`density_contours`, with fewer points per ellipse).

    Parameters
    ----------
    center, hessian : array_like
        ĉ, shape (p,), and H, shape (p, p), p in {1, 2}.
    prior : {"laplace", "gaussian"}
    sigma : float
        Noise standard deviation σ.
    n : int
        Number of observations.
    sds : sequence of float
        The prior standard deviations, one frame each, in the order played.
    half_width : float, optional
        The window [−w, w] (default :func:`sweep_half_width`).

    Returns
    -------
    PriorSweep

    Examples
    --------
    >>> sweep = prior_sweep([1.0], [[1.0]], prior="laplace", sigma=2.0, n=10)
    >>> sweep.n_frames, sweep.texts[0], sweep.texts[-1]
    (12, 'prior sd 3 ↔ λ = 0.189', 'prior sd 0.05 ↔ λ = 11.3')
    >>> sweep.labels[0], sweep.labels[-1]
    (('MAP = 0.811', 'mean = 0.841'), ('MAP = 0 exactly', 'mean = 0.0062'))
    """
    c, h = _check_problem(center, hessian)
    check_prior(prior)
    sigma, n_float = _check_data(sigma, n)
    n_obs = int(n_float)
    sd_values = np.asarray(sds, dtype=float)
    if half_width is None:
        half_width = sweep_half_width(c, h, sigma, n_obs, sd_values)
    half = _check_positive(half_width, "The half-width of the window")
    scales = np.array([prior_scale_for_sd(prior, sd) for sd in sd_values])
    lams = np.array([lambda_for_prior(prior, b, sigma, n_obs) for b in scales])
    exact = zero_by_symmetry(c, h)
    if len(c) == 1:
        maps, means, prior_lines, post_lines, peaks = _sweep_1d(
            float(c[0]), float(h[0, 0]), sigma, n_obs, prior, scales, lams, half
        )
    else:
        maps = np.array([map_estimate(c, h, sigma, n_obs, prior, b) for b in scales])
        means = np.array([posterior_summary(c, h, sigma, n_obs, prior, b).mean for b in scales])
        prior_lines, post_lines = [], []
        problem = (c, h, sigma, n_obs, prior)
        for b, beta_map in zip(scales, maps, strict=True):
            for which, lines in (("prior", prior_lines), ("posterior", post_lines)):
                level = (which, CONTOUR_DROPS, SWEEP_RING_POINTS)
                lines.append(_contour_lines(*problem, float(b), beta_map, *level))
        peaks = np.zeros(len(scales))
    means = np.where(np.array(exact)[None, :], 0.0, means)
    return PriorSweep(
        prior=prior,
        penalty=PENALTY_OF_PRIOR[prior],
        sds=sd_values,
        scales=scales,
        lams=lams,
        center=c,
        hessian=h,
        sigma=sigma,
        n=n_obs,
        half_width=half,
        maps=maps,
        means=means,
        exact_zero=exact,
        prior_lines=tuple(prior_lines),
        posterior_lines=tuple(post_lines),
        peaks=peaks,
        texts=tuple(sd_lambda_text(sd, lam) for sd, lam in zip(sd_values, lams, strict=True)),
        labels=tuple(_marker_texts(prior, m, mu, exact) for m, mu in zip(maps, means, strict=True)),
    )


def page_sweeps(
    *,
    dims: int,
    c1: float,
    c2: float,
    rho: float,
    sigma: float,
    n: int,
    sds: Sequence[float] = PRIOR_SD_SWEEP,
) -> tuple[PriorSweep, PriorSweep]:
    """The page's two prior sweeps (Laplace, Gaussian) for its controls, prior sd aside.

    Both share one window, so the two panels keep the same axes.

    Examples
    --------
    >>> settings = {k: v for k, v in DEFAULTS.items() if k != "prior_sd"}
    >>> laplace, gaussian = page_sweeps(**settings)
    >>> laplace.half_width == gaussian.half_width, gaussian.labels[-1]
    (True, ('MAP = mean = 0.00621',))
    """
    center, hessian = _page_problem(dims, c1, c2, rho)
    half = sweep_half_width(center, hessian, sigma, n, sds)
    return tuple(  # type: ignore[return-value]
        prior_sweep(center, hessian, prior=p, sigma=sigma, n=n, sds=sds, half_width=half)
        for p in PRIORS
    )
