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
posterior *mean*, an average over a density that is positive everywhere, is never
exactly zero (except by symmetry when c = 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from regviz.core.geometry import solve_penalized
from regviz.core.penalties import soft_threshold

Array = NDArray[np.float64]

PRIORS = ("laplace", "gaussian")
PRIOR_NAMES = {"laplace": "Laplace", "gaussian": "Gaussian"}
PENALTY_OF_PRIOR = {"laplace": "l1", "gaussian": "l2"}

# Half-width of the integration box, in posterior standard deviations. The posterior is
# log-concave with curvature at least the likelihood's precision P, so its density is
# below exp(−½·dᵀPd) times its peak: 12 standard deviations leave < e⁻⁷² outside.
_BOX_SDS = 12.0


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
    sigma = _check_positive(sigma, "The noise level σ")
    n = _check_positive(n, "The number of observations n")
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


def _box_axes(middle: Array, hessian: Array, sigma: float, n: int, n_grid: int) -> list[Array]:
    """Per-coordinate grids of ±12 posterior standard deviations around ``middle``."""
    covariance = np.linalg.inv(hessian) * sigma**2 / n
    half = _BOX_SDS * np.sqrt(np.diag(covariance))
    return [np.linspace(m - w, m + w, n_grid) for m, w in zip(middle, half, strict=True)]


def _grid_points(axes: list[Array]) -> Array:
    mesh = np.meshgrid(*axes, indexing="xy")
    return np.stack(mesh, axis=-1)


@dataclass(frozen=True)
class PosteriorSummary:
    """Numerical integrals of a posterior on a fine grid.

    Attributes
    ----------
    mean : ndarray, shape (p,)
        The posterior mean E[β | y].
    grid_step : ndarray, shape (p,)
        The spacing of the grid along each coordinate.
    log_normalizer : float
        log ∫ exp(log posterior) dβ, to turn the unnormalized posterior into a density.
    """

    mean: Array
    grid_step: Array
    log_normalizer: float


def posterior_summary(
    center: ArrayLike,
    hessian: ArrayLike,
    sigma: float,
    n: int,
    prior: str,
    scale: float,
    n_grid: int | None = None,
) -> PosteriorSummary:
    """Posterior mean and normalizer by numerical integration (trapezoid rule) on a grid.

    The grid spans ±12 posterior standard deviations (of the likelihood alone, an
    upper bound) around the exact MAP, where essentially all the mass lies. The kink
    of the Laplace prior at 0 limits the trapezoid rule to second order: the default
    grids give about 6 significant digits for one coefficient and 3–4 for two.

    Parameters
    ----------
    center, hessian, sigma, n, prior, scale
        As in :func:`map_estimate`.
    n_grid : int, optional
        Points per coordinate; default 8001 for one coefficient, 401 for two.

    Returns
    -------
    PosteriorSummary

    Examples
    --------
    >>> summary = posterior_summary([0.3], [[1.0]], sigma=1.0, n=10, prior="laplace", scale=0.1)
    >>> bool(summary.mean[0] > 0.0)  # the MAP is 0 here; the mean is not
    True
    """
    c, h = _check_problem(center, hessian)
    p = len(c)
    if n_grid is None:
        n_grid = 8001 if p == 1 else 401
    mode = map_estimate(c, h, sigma, n, prior, scale)
    axes = _box_axes(mode, h, sigma, n, int(n_grid))
    points = _grid_points(axes) if p == 2 else axes[0][:, None]
    logp = log_posterior(points, c, h, sigma, n, prior, scale)
    peak = float(logp.max())
    density = np.exp(logp - peak)

    def integrate(values: Array) -> float:
        if p == 1:
            return float(np.trapezoid(values, axes[0]))
        return float(np.trapezoid(np.trapezoid(values, axes[0], axis=1), axes[1]))

    mass = integrate(density)
    mean = np.array([integrate(density * points[..., j]) for j in range(p)]) / mass
    step = np.array([ax[1] - ax[0] for ax in axes])
    return PosteriorSummary(mean, step, peak + float(np.log(mass)))


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
        Posterior mean and grid maximum from numerical integration.
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


def display_half_width(
    center: ArrayLike, hessian: ArrayLike, sigma: float, n: int, prior_sd: float
) -> float:
    """Half-width of a symmetric square view showing the prior, c and the posterior.

    The likelihood's spread is shown only up to the prior's scale (or 1): with very
    weak data the likelihood is far wider than the prior and the posterior, and showing
    all of it would squash the posterior into a few pixels.
    """
    c, h = _check_problem(center, hessian)
    like_sd = float(np.max(np.sqrt(np.diag(np.linalg.inv(h)) * sigma**2 / n)))
    spread = min(3.5 * like_sd, max(3.0 * prior_sd, 1.0))
    half = max(3.0 * prior_sd, float(np.max(np.abs(c))) + spread, 0.5)
    # Round up to a "nice" number so the axes stay put while sliders move a little.
    return float(np.ceil(half * 2.0) / 2.0)


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
        Display grid points per coordinate (default 801 for p = 1, 91 for p = 2).

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
    sigma = _check_positive(sigma, "The noise level σ")
    n_obs = int(_check_positive(n, "The number of observations n"))
    scale = prior_scale_for_sd(prior, prior_sd)
    lam = lambda_for_prior(prior, scale, sigma, n_obs)
    p = len(c)
    if half_width is None:
        half_width = display_half_width(c, h, sigma, n_obs, prior_sd)
    if n_display is None:
        n_display = 801 if p == 1 else 91
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
        map=map_estimate(c, h, sigma, n_obs, prior, scale),
        grid_map=points[best].reshape(p),
        summary=summary,
    )


def correlated_hessian(correlation: float) -> Array:
    """H = [[1, ρ], [ρ, 1]]: the Gram matrix / n of two standardized features."""
    rho = float(correlation)
    if not (np.isfinite(rho) and -1.0 < rho < 1.0):
        raise ValueError(
            f"The correlation between the features must lie strictly between −1 and 1; got {rho}."
        )
    return np.array([[1.0, rho], [rho, 1.0]])
