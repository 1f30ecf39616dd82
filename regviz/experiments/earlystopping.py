"""Early stopping ≈ ridge: gradient descent from zero, stopped after t steps, on least squares.

The data are the Coefficient paths data with each feature standardized (centred, divided
by its population standard deviation, as :func:`regviz.experiments.paths.coefficient_path`
does with ``standardize=True``) and y centred, so the intercept is ȳ and drops out. All
coefficients here are *standardized* (per one standard deviation of each feature) — the
units the penalty acts on.

Gradient descent minimizes the least-squares loss of regviz's one convention,

    f(β) = (1/2n)·‖y − Xβ‖²,   ∇f(β) = −(1/n)·Xᵀ(y − Xβ) = Aβ − c,

with A = XᵀX/n and c = Xᵀy/n, from β₀ = 0 with a constant step η:

    β_{t+1} = β_t − η·(Aβ_t − c).

**Closed form (the 1/n scaling).** Write the thin SVD X = U·diag(s)·Vᵀ. The eigenvalues of
A = XᵀX/n are dᵢ = sᵢ²/n (not sᵢ²), with eigenvectors the columns of V. The error
β_t − β̂ (β̂ the minimum-norm least-squares solution V·diag(1/s)·Uᵀy) is multiplied by
(I − ηA) at every step, so

    β_t = V·diag( φᵢ(t) / sᵢ )·Uᵀy,   φᵢ(t) = 1 − (1 − η·dᵢ)^t = 1 − (1 − η·sᵢ²/n)^t.

**Ridge in the same units.** Ridge in regviz's convention minimizes
(1/2n)‖y − Xβ‖² + (λ/2)‖β‖², i.e. (A + λI)β = c, so

    β_ridge(λ) = V·diag( ψᵢ(λ) / sᵢ )·Uᵀy,   ψᵢ(λ) = dᵢ/(dᵢ + λ) = sᵢ²/(sᵢ² + nλ),

the same spectral form with a different filter (the same as ``Ridge(alpha=n·λ)`` and as
:func:`regviz.experiments.paths.coefficient_path` with ``penalty="l2"``).

**The mapping λ ≈ 1/(η·t).** Both filters are functions of u = η·t·dᵢ (GD, in the
small-step limit: φ ≈ 1 − e^(−u)) and of dᵢ/λ (ridge). With λ = 1/(η·t), in the units of
the eigenvalues of XᵀX/n (equivalently nλ = n/(η·t) against sᵢ²), the ridge filter is
ψ = u/(1 + u), and for u ≪ 1 both filters are ≈ u = η·t·dᵢ: a direction is kept once
dᵢ ≳ λ = 1/(η·t) and shrunk away below it.

**How close (the sense in which it holds).** For 0 ≤ η·dᵢ ≤ 1 (a step η ≤ 1/L with
L = max dᵢ, which this module requires),

    1 − (1 − x)^t ≥ 1 − e^(−xt) ≥ xt/(1 + xt),

so φᵢ(t) ≥ ψᵢ(1/(η·t)) in *every* direction: stopped gradient descent shrinks each
direction a little less than its matched ridge. The gap Δ(t) = maxᵢ(φᵢ − ψᵢ) is at most
max_u[1 − e^(−u) − u/(1 + u)] ≈ 0.204 (at u ≈ 2.5) in the small-step limit (and at most
0.275 for η·dᵢ ≤ 1/2, 0.5 for η·dᵢ ≤ 1), and since β_t − β_ridge = V·diag(φ − ψ)·Vᵀβ̂,

    ‖β_t − β_ridge(1/(η·t))‖₂ ≤ Δ(t)·‖β̂‖₂.

Raising λ above 1/(η·t) lowers every ψᵢ and so widens every gap: the ridge solution
closest to β_t always has λ ≤ 1/(η·t).

The result reports the relative distance ‖β_t − β_ridge(λ)‖₂ / ‖β_t‖₂ at the matched
λ = 1/(η·t) and at the λ that minimizes it (a 1-D search), to show how good the
approximation is on the data at hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from regviz.core.grids import lambda_grid
from regviz.core.readouts import Readout
from regviz.experiments.paths import CoefficientPath, coefficient_path

if TYPE_CHECKING:
    import pandas as pd

Array = NDArray[np.float64]

__all__ = [
    "DEFAULTS",
    "PRESETS",
    "MAX_STEPS",
    "GRADIENT_FLOW_GAP",
    "EarlyStoppingResult",
    "standardize",
    "lipschitz_constant",
    "gradient_descent_path",
    "gd_filter",
    "ridge_filter",
    "matched_lambda",
    "gd_closed_form",
    "ridge_closed_form",
    "early_stopping",
    "early_stopping_on",
    "describe_early_stopping",
    "summary",
    "coefficients_table",
    "alt_text",
    "code_snippet",
]

MAX_STEPS = 20_000
"""Largest number of gradient-descent steps accepted (keeps one run well under 0.2 s)."""

GRADIENT_FLOW_GAP = 0.2036321888
"""max over u ≥ 0 of 1 − e^(−u) − u/(1 + u) (at u ≈ 2.513): the largest difference between
the gradient-descent and matched-ridge filter factors in the small-step limit."""

# The page's defaults and presets, by parameter name (one place for them).
DEFAULTS: dict[str, object] = {
    "dataset": "diabetes",
    "step_scale": 0.5,
    "n_steps": 5000,
    "t": 30,
}

PRESETS: dict[str, dict[str, object]] = {
    # A few steps: everything is shrunk strongly, GD and ridge nearly coincide (both ≈ η·t·d).
    "a few steps": {**DEFAULTS, "t": 3},
    # The default: the large-eigenvalue directions are fitted, the small ones not yet.
    "early stopping": {**DEFAULTS},
    # Many steps: every direction is fitted, GD and ridge both reach least squares.
    "run to convergence": {**DEFAULTS, "t": 5000},
    # The largest safe step η = 1/L: the top direction is fitted in one step.
    "largest step (η = 1/L)": {**DEFAULTS, "step_scale": 1.0},
    # Other data: wine chemistry, better conditioned than diabetes.
    "wine data": {**DEFAULTS, "dataset": "wine", "t": 10, "n_steps": 2000},
}


@dataclass(frozen=True, eq=False)
class EarlyStoppingResult:
    """Gradient descent from zero on least squares, next to ridge at the matched λ.

    All coefficients are standardized (per one standard deviation of each feature).

    Attributes
    ----------
    dataset : str
        Name of the data set.
    feature_names : tuple of str
        One per coefficient.
    n_samples : int
        Rows n.
    step_scale : float
        η·L, the step as a fraction of 1/L (in (0, 1]).
    eta : float
        Step size η = step_scale / L.
    lipschitz : float
        L, the largest eigenvalue of XᵀX/n.
    n_steps : int
        T, the length of the recorded trajectory.
    t : int
        The current step (1 ≤ t ≤ T).
    eigenvalues : ndarray of shape (r,)
        dᵢ = sᵢ²/n, the eigenvalues of XᵀX/n, decreasing (r = min(n, p)).
    trajectory : ndarray of shape (T + 1, p)
        β₀ = 0, β₁, ..., β_T from gradient descent.
    matched_lambdas : ndarray of shape (T + 1,)
        λ = 1/(η·t) for every t (``inf`` at t = 0).
    matched_ridge : ndarray of shape (T + 1, p)
        Ridge coefficients at ``matched_lambdas`` (0 at t = 0).
    distance : ndarray of shape (T + 1,)
        ‖β_t − β_ridge(1/(η·t))‖₂ / ‖β_t‖₂ (0 at t = 0).
    gd_filter : ndarray of shape (r,)
        φᵢ = 1 − (1 − η·dᵢ)^t at the current t.
    ridge_filter : ndarray of shape (r,)
        ψᵢ = dᵢ/(dᵢ + λ) at λ = 1/(η·t).
    best_lambda : float
        The λ whose ridge solution is closest to β_t (1-D search on log λ).
    best_distance : float
        ‖β_t − β_ridge(best_lambda)‖₂ / ‖β_t‖₂.
    least_squares : ndarray of shape (p,)
        The (minimum-norm) least-squares coefficients β̂, where both paths end.
    ridge_path : CoefficientPath
        Ridge on a λ grid covering the matched λ of t = 1 … T, from
        :func:`regviz.experiments.paths.coefficient_path` (standardized data, so its
        ``coefs`` are standardized coefficients).
    """

    dataset: str
    feature_names: tuple[str, ...]
    n_samples: int
    step_scale: float
    eta: float
    lipschitz: float
    n_steps: int
    t: int
    eigenvalues: Array
    trajectory: Array
    matched_lambdas: Array
    matched_ridge: Array
    distance: Array
    gd_filter: Array
    ridge_filter: Array
    best_lambda: float
    best_distance: float
    least_squares: Array
    ridge_path: CoefficientPath

    @property
    def lam(self) -> float:
        """The matched λ = 1/(η·t) at the current t."""
        return float(self.matched_lambdas[self.t])

    @property
    def beta_gd(self) -> Array:
        """β_t, the gradient-descent iterate at the current t."""
        return self.trajectory[self.t]

    @property
    def beta_ridge(self) -> Array:
        """Ridge coefficients at the matched λ = 1/(η·t)."""
        return self.matched_ridge[self.t]

    @property
    def matched_distance(self) -> float:
        """‖β_t − β_ridge(1/(η·t))‖₂ / ‖β_t‖₂ at the current t."""
        return float(self.distance[self.t])

    @property
    def filter_gap(self) -> float:
        """Δ(t) = maxᵢ(φᵢ − ψᵢ) ≥ 0 at the current t."""
        return float(np.max(self.gd_filter - self.ridge_filter))


# --------------------------------------------------------------------------- building blocks


def standardize(X: ArrayLike, y: ArrayLike) -> tuple[Array, Array]:
    """Centre and scale each feature (population sd; a constant column stays 0) and centre y.

    The same preprocessing as :func:`regviz.experiments.paths.coefficient_path` with
    ``standardize=True``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)

    Returns
    -------
    Xs : ndarray of shape (n_samples, n_features)
    yc : ndarray of shape (n_samples,)

    Examples
    --------
    >>> Xs, yc = standardize([[1.0, 0.0], [3.0, 0.0]], [1.0, 2.0])
    >>> Xs.tolist(), yc.tolist()
    ([[-1.0, 0.0], [1.0, 0.0]], [-0.5, 0.5])
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(
            f"X must be rows × features and y one value per row; got {X.shape} and {y.shape}."
        )
    if X.shape[0] < 2 or not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("Need at least 2 rows of finite numbers in X and y.")
    scale = X.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    return (X - X.mean(axis=0)) / scale, y - y.mean()


def lipschitz_constant(X: ArrayLike) -> float:
    """L = the largest eigenvalue of XᵀX/n, the Lipschitz constant of ∇f.

    Examples
    --------
    >>> lipschitz_constant([[1.0, 0.0], [0.0, 2.0]])
    2.0
    """
    X = np.asarray(X, dtype=float)
    s_max = np.linalg.norm(X, ord=2)
    return float(s_max**2 / X.shape[0])


def gradient_descent_path(X: ArrayLike, y: ArrayLike, eta: float, n_steps: int) -> Array:
    """Run gradient descent on (1/2n)‖y − Xβ‖² from β = 0 and record every iterate.

    β_{t+1} = β_t − η·(Aβ_t − c), A = XᵀX/n, c = Xᵀy/n (the gradient in Gram form: the
    same numbers as −(1/n)·Xᵀ(y − Xβ_t), at p×p cost per step).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Features as they enter the loss (here: standardized).
    y : array-like of shape (n_samples,)
        Target (here: centred).
    eta : float
        Step size, 0 < η ≤ 2/L for convergence (this module uses η ≤ 1/L).
    n_steps : int
        T ≥ 0.

    Returns
    -------
    ndarray of shape (n_steps + 1, n_features)
        Row t is β_t; row 0 is zero.

    Examples
    --------
    >>> gradient_descent_path([[1.0], [1.0]], [2.0, 2.0], eta=0.5, n_steps=2).ravel().tolist()
    [0.0, 1.0, 1.5]
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, p = X.shape
    gram = X.T @ X / n
    c = X.T @ y / n
    out = np.zeros((int(n_steps) + 1, p))
    beta = np.zeros(p)
    for step in range(1, int(n_steps) + 1):
        beta = beta - eta * (gram @ beta - c)
        out[step] = beta
    return out


def gd_filter(d: ArrayLike, eta: float, t: ArrayLike) -> Array:
    """Gradient descent's spectral filter φ = 1 − (1 − η·d)^t (broadcasting d against t).

    Computed as −expm1(t·log1p(−η·d)) where 0 ≤ η·d ≤ 1, accurate also when η·d is tiny
    (≈ η·t·d, no cancellation); as the plain power elsewhere.

    Parameters
    ----------
    d : array-like
        Eigenvalues of XᵀX/n (≥ 0).
    eta : float
        Step size.
    t : array-like of int
        Step counts (≥ 0).

    Returns
    -------
    ndarray
        In [0, 1] when 0 ≤ η·d ≤ 1.

    Examples
    --------
    >>> gd_filter([1.0, 0.5], eta=0.5, t=2).round(12)
    array([0.75  , 0.4375])
    """
    x = eta * np.asarray(d, dtype=float)
    t = np.asarray(t, dtype=float)
    x, t = np.broadcast_arrays(x, t)
    inside = (x >= 0.0) & (x <= 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        stable = -np.expm1(t * np.log1p(-np.clip(x, 0.0, 1.0)))
        direct = 1.0 - (1.0 - x) ** t
    out = np.where(inside, stable, direct)
    return np.where(t == 0, 0.0, out)


def ridge_filter(d: ArrayLike, lam: ArrayLike) -> Array:
    """Ridge's spectral filter ψ = d/(d + λ) in regviz's λ convention (d = s²/n).

    ``lam = inf`` gives 0; ``lam = 0`` gives 1 where d > 0.

    Examples
    --------
    >>> ridge_filter([1.0, 3.0], lam=1.0).tolist()
    [0.5, 0.75]
    """
    d = np.asarray(d, dtype=float)
    lam = np.asarray(lam, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(np.isinf(lam), 0.0, d / (d + lam))
    return np.nan_to_num(out, nan=0.0)


def matched_lambda(eta: float, t: ArrayLike) -> Array:
    """λ = 1/(η·t), the ridge penalty that early stopping after t steps of size η mimics.

    In regviz's λ convention (eigenvalues of XᵀX/n); ``inf`` at t = 0.

    Examples
    --------
    >>> matched_lambda(0.5, [0, 1, 4]).tolist()
    [inf, 2.0, 0.5]
    """
    t = np.asarray(t, dtype=float)
    with np.errstate(divide="ignore"):
        return 1.0 / (eta * t)


def _svd(X: Array, y: Array) -> tuple[Array, Array, Array]:
    """Singular values s, Uᵀy and Vᵀ of the thin SVD."""
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return s, U.T @ y, Vt


def _spectral_coefs(filters: Array, s: Array, uty: Array, Vt: Array) -> Array:
    """V·diag(filter/s)·Uᵀy for each row of ``filters`` (shape (k, r)) → (k, p)."""
    weight = np.divide(filters, s, out=np.zeros_like(filters), where=s > 0)
    return (weight * uty) @ Vt


def gd_closed_form(X: ArrayLike, y: ArrayLike, eta: float, steps: ArrayLike) -> Array:
    """β_t = V·diag((1 − (1 − η·s²/n)^t)/s)·Uᵀy for each t, from one SVD of X.

    Parameters
    ----------
    X, y : array-like
        As for :func:`gradient_descent_path`.
    eta : float
    steps : array-like of int
        The t values.

    Returns
    -------
    ndarray of shape (len(steps), n_features)

    Examples
    --------
    >>> gd_closed_form([[1.0], [1.0]], [2.0, 2.0], eta=0.5, steps=[0, 1, 2]).ravel().round(12)
    array([0. , 1. , 1.5])
    """
    X = np.asarray(X, dtype=float)
    s, uty, Vt = _svd(X, np.asarray(y, dtype=float))
    d = s**2 / X.shape[0]
    filters = gd_filter(d[None, :], eta, np.atleast_1d(steps)[:, None])
    return _spectral_coefs(filters, s, uty, Vt)


def ridge_closed_form(X: ArrayLike, y: ArrayLike, lambdas: ArrayLike) -> Array:
    """Ridge β(λ) = V·diag(s/(s² + nλ))·Uᵀy for each λ (``inf`` gives 0).

    The minimizer of (1/2n)‖y − Xβ‖² + (λ/2)‖β‖² (no intercept: centre the data first).

    Returns
    -------
    ndarray of shape (len(lambdas), n_features)

    Examples
    --------
    >>> ridge_closed_form([[1.0], [1.0]], [2.0, 2.0], [1.0]).ravel().tolist()
    [1.0]
    """
    X = np.asarray(X, dtype=float)
    s, uty, Vt = _svd(X, np.asarray(y, dtype=float))
    d = s**2 / X.shape[0]
    filters = ridge_filter(d[None, :], np.atleast_1d(lambdas)[:, None])
    return _spectral_coefs(filters, s, uty, Vt)


def _relative_distance(beta: Array, other: Array) -> Array:
    """‖beta − other‖/‖beta‖ row by row (0 where beta is 0)."""
    size = np.linalg.norm(beta, axis=-1)
    gap = np.linalg.norm(beta - other, axis=-1)
    return np.divide(gap, size, out=np.zeros_like(gap), where=size > 0)


def _best_lambda(
    beta: Array, lam0: float, d: Array, s: Array, uty: Array, Vt: Array
) -> tuple[float, float]:
    """The λ whose ridge solution is closest to ``beta``: a log grid, then a bounded search."""

    def distance(log_lam: Array) -> Array:
        ridge = _spectral_coefs(ridge_filter(d[None, :], np.exp(log_lam)[:, None]), s, uty, Vt)
        return _relative_distance(beta[None, :], ridge)

    grid = np.log(lam0) + np.linspace(-4.0, 4.0, 81) * np.log(10.0)
    values = distance(grid)
    k = int(np.argmin(values))
    low, high = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
    from scipy.optimize import minimize_scalar  # here: the router imports this module

    found = minimize_scalar(
        lambda v: float(distance(np.array([v]))[0]),
        bounds=(low, high),
        method="bounded",
        options={"xatol": 1e-9},
    )
    if found.fun <= values[k]:
        return float(np.exp(found.x)), float(found.fun)
    return float(np.exp(grid[k])), float(values[k])


# --------------------------------------------------------------------------- the experiment


def early_stopping(
    X: ArrayLike,
    y: ArrayLike,
    *,
    n_steps: int = int(DEFAULTS["n_steps"]),
    t: int = int(DEFAULTS["t"]),
    step_scale: float = float(DEFAULTS["step_scale"]),
    feature_names: tuple[str, ...] | None = None,
    dataset: str = "data",
    n_lambdas: int = 100,
) -> EarlyStoppingResult:
    """Gradient descent from zero on standardized least squares, against ridge at λ = 1/(η·t).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Features in their own units (standardized here).
    y : array-like of shape (n_samples,)
        Target (centred here).
    n_steps : int, default 5000
        T, the length of the recorded trajectory (1 … :data:`MAX_STEPS`).
    t : int, default 30
        The current step, 1 ≤ t ≤ T: the filters and the best-matching λ are for β_t.
    step_scale : float, default 0.5
        η·L in (0, 1]: the step as a fraction of 1/L, L the largest eigenvalue of XᵀX/n.
        Up to 1/L every filter factor stays in [0, 1] and grows with t.
    feature_names : tuple of str or None
        Names of the columns (default x1, x2, ...).
    dataset : str, default "data"
        Name of the data, for the description.
    n_lambdas : int, default 100
        Points of the ridge path drawn behind the trajectory.

    Returns
    -------
    EarlyStoppingResult

    Examples
    --------
    >>> from regviz.experiments.datasets import load_bundled
    >>> data = load_bundled("diabetes")
    >>> res = early_stopping(data.X, data.y, n_steps=200, t=20)
    >>> res.trajectory.shape
    (201, 10)
    >>> bool(res.best_distance <= res.matched_distance)
    True
    """
    Xs, yc = standardize(X, y)
    n, p = Xs.shape
    if not 1 <= int(n_steps) <= MAX_STEPS:
        raise ValueError(f"The number of steps must be between 1 and {MAX_STEPS} (got {n_steps}).")
    if not 1 <= int(t) <= int(n_steps):
        raise ValueError(f"The current step t must be between 1 and {n_steps} (got {t}).")
    if not (np.isfinite(step_scale) and 0.0 < step_scale <= 1.0):
        raise ValueError(
            f"The step must be a fraction of 1/L in (0, 1] (got {step_scale}); beyond 1/L the "
            "filter factors overshoot 1 and oscillate."
        )
    if feature_names is None:
        feature_names = tuple(f"x{j + 1}" for j in range(p))
    if len(feature_names) != p:
        raise ValueError(f"Give one feature name per column ({p}), got {len(feature_names)}.")
    n_steps, t = int(n_steps), int(t)
    lipschitz = lipschitz_constant(Xs)
    if lipschitz == 0.0:
        raise ValueError("Every feature is constant: there is nothing to fit.")
    eta = float(step_scale) / lipschitz

    trajectory = gradient_descent_path(Xs, yc, eta, n_steps)
    s, uty, Vt = _svd(Xs, yc)
    d = s**2 / n
    steps = np.arange(n_steps + 1)
    lambdas = matched_lambda(eta, steps)
    matched = _spectral_coefs(ridge_filter(d[None, :], lambdas[:, None]), s, uty, Vt)
    distance = _relative_distance(trajectory, matched)
    least_squares = _spectral_coefs(np.ones((1, len(s))), s, uty, Vt)[0]
    best_lambda, best_distance = _best_lambda(trajectory[t], float(lambdas[t]), d, s, uty, Vt)

    grid = lambda_grid(0.5 * float(lambdas[n_steps]), 2.0 * float(lambdas[1]), n=n_lambdas)
    ridge_path = coefficient_path(Xs, yc, "l2", grid, standardize=False)

    return EarlyStoppingResult(
        dataset=dataset,
        feature_names=tuple(feature_names),
        n_samples=n,
        step_scale=float(step_scale),
        eta=eta,
        lipschitz=lipschitz,
        n_steps=n_steps,
        t=t,
        eigenvalues=d,
        trajectory=trajectory,
        matched_lambdas=lambdas,
        matched_ridge=matched,
        distance=distance,
        gd_filter=gd_filter(d, eta, t),
        ridge_filter=ridge_filter(d, lambdas[t]),
        best_lambda=best_lambda,
        best_distance=best_distance,
        least_squares=least_squares,
        ridge_path=ridge_path,
    )


def early_stopping_on(dataset: str = str(DEFAULTS["dataset"]), **settings) -> EarlyStoppingResult:
    """:func:`early_stopping` on one of the bundled data sets (the page's entry point).

    Parameters
    ----------
    dataset : str, default "diabetes"
        A key of :data:`regviz.experiments.datasets.BUNDLED`.
    **settings
        ``n_steps``, ``t``, ``step_scale`` (see :func:`early_stopping`).

    Returns
    -------
    EarlyStoppingResult

    Examples
    --------
    >>> res = early_stopping_on("linnerud", n_steps=50, t=5)
    >>> res.feature_names
    ('Chins', 'Situps', 'Jumps')
    """
    from regviz.experiments.datasets import load_bundled  # pandas: only when loading

    data = load_bundled(dataset)
    return early_stopping(
        data.X, data.y, feature_names=data.feature_names, dataset=data.name, **settings
    )


def describe_early_stopping(result: EarlyStoppingResult) -> str:
    """The page's "what to notice" sentences, with the numbers of this result.

    Examples
    --------
    >>> res = early_stopping_on("diabetes", n_steps=100, t=10)
    >>> "λ = 1/(η·t)" in describe_early_stopping(res)
    True
    """
    r = result
    kept = int(np.sum(r.eigenvalues > r.lam))
    n_dirs = len(r.eigenvalues)
    ratio = r.best_lambda * r.eta * r.t
    best = "the same" if ratio > 0.995 else "a smaller"
    if kept == n_dirs:
        split = (
            f"All {n_dirs} eigenvalues d of XᵀX/n exceed λ, so both filters exceed ½ in every "
            "direction: both fits are close to least squares."
        )
    elif kept == 0:
        split = (
            f"All {n_dirs} eigenvalues d of XᵀX/n are below λ, so both shrink every "
            "direction strongly towards zero."
        )
    else:
        split = (
            f"In the {kept} of {n_dirs} eigen-directions of XᵀX/n with eigenvalue d > λ both "
            f"filters exceed ½ (mostly fitted); the other {n_dirs - kept} are shrunk towards "
            "zero."
        )
    steps = "step" if r.t == 1 else "steps"
    sentences = [
        f"After t = {r.t} {steps} of size η = {r.eta:.3g} (η·t = {r.eta * r.t:.3g}), gradient "
        f"descent from zero is {_percent(r.matched_distance)} away from ridge at "
        f"λ = 1/(η·t) = {r.lam:.3g} (distance ‖β_GD − β_ridge‖/‖β_GD‖).",
        split,
        f"Gradient descent's filter 1 − (1 − η·d)^t is the sharper one and lies above "
        f"ridge's d/(d + λ) in every direction (by at most {r.filter_gap:.2f}), so the "
        f"closest ridge solution has {best} λ = {r.best_lambda:.3g} = {ratio:.2f}/(η·t), "
        f"{_percent(r.best_distance)} away.",
    ]
    return " ".join(sentences)


def _percent(value: float) -> str:
    if value < 0.001:
        return "less than 0.1 %"
    return f"{100 * value:.1f} %" if value < 0.1 else f"{100 * value:.0f} %"


# --------------------------------------------------------------------------- the page's words

# How the page's data sets are loaded with scikit-learn alone (as load_bundled does).
_SNIPPET_DATA = {
    "diabetes": [
        "from sklearn.datasets import load_diabetes",
        "",
        "X, y = load_diabetes(return_X_y=True)",
    ],
    "wine": [
        "from sklearn.datasets import load_wine",
        "",
        "data = load_wine()  # predict alcohol (column 0) from the 12 other measurements",
        "X, y = np.delete(data.data, 0, axis=1), data.data[:, 0]",
    ],
    "linnerud": [
        "from sklearn.datasets import load_linnerud",
        "",
        "data = load_linnerud()  # predict body weight from chin-ups, sit-ups and jumps",
        "X, y = data.data, data.target[:, 0]",
    ],
}


def summary(result: EarlyStoppingResult) -> tuple[Readout, ...]:
    """The numbers shown under the figures.

    Examples
    --------
    >>> res = early_stopping_on("diabetes", n_steps=100, t=10)
    >>> [r.label for r in summary(res)]
    ['steps t', 'step size η', 'λ = 1/(η·t)', 'GD vs ridge']
    """
    r = result
    return (
        Readout("steps t", f"{r.t}"),
        Readout("step size η", f"{r.eta:.3g}"),
        Readout("λ = 1/(η·t)", f"{r.lam:.3g}"),
        Readout("GD vs ridge", f"{_percent(r.matched_distance)} apart"),
    )


def coefficients_table(result: EarlyStoppingResult) -> pd.DataFrame:
    """The coefficients the figure marks at the current t, one row per feature.

    Parameters
    ----------
    result : EarlyStoppingResult

    Returns
    -------
    pandas.DataFrame
        Indexed by ``feature``; columns ``steps t`` and ``λ = 1/(η·t)`` (the same on every
        row), ``gradient descent at the current t`` (β_t), ``ridge at λ = 1/(η·t)`` and
        ``least squares`` (where both paths end), all per standard deviation of the feature.

    Examples
    --------
    >>> res = early_stopping_on("diabetes", n_steps=100, t=10)
    >>> table = coefficients_table(res)
    >>> len(table), table.index.name, int(table["steps t"].iloc[0])
    (10, 'feature', 10)
    >>> bool((table["gradient descent at the current t"] == res.beta_gd).all())
    True
    """
    import pandas as pd

    r = result
    return pd.DataFrame(
        {
            "steps t": r.t,
            "λ = 1/(η·t)": r.lam,
            "gradient descent at the current t": r.beta_gd,
            "ridge at λ = 1/(η·t)": r.beta_ridge,
            "least squares": r.least_squares,
        },
        index=pd.Index(r.feature_names, name="feature"),
    )


def alt_text(result: EarlyStoppingResult, figure: str = "trajectory") -> str:
    """A text alternative for one of the page's figures, with its current numbers.

    Parameters
    ----------
    result : EarlyStoppingResult
    figure : {"trajectory", "filters"}
        The trajectory over the ridge path, or the two spectral filters.

    Examples
    --------
    >>> res = early_stopping_on("linnerud", n_steps=50, t=5)
    >>> alt_text(res).startswith("Gradient descent after t = 5 steps")
    True
    >>> "eigen-directions" in alt_text(res, "filters")
    True
    """
    r = result
    steps = "step" if r.t == 1 else "steps"
    if figure == "trajectory":
        largest = int(np.argmax(np.abs(r.beta_gd)))
        return (
            f"Gradient descent after t = {r.t} {steps} of size η = {r.eta:.3g}, drawn over the "
            f"ridge path of the {r.dataset} data at λ = 1/(η·t) = {r.lam:.3g}: its "
            f"{len(r.feature_names)} standardized coefficients are {_percent(r.matched_distance)} "
            f"away from ridge at that λ and {_percent(r.best_distance)} from the closest ridge "
            f"solution (λ = {r.best_lambda:.3g}). Largest coefficient: "
            f"{r.feature_names[largest]} = {r.beta_gd[largest]:.3g} (ridge "
            f"{r.beta_ridge[largest]:.3g})."
        )
    if figure == "filters":
        kept = int(np.sum(r.eigenvalues > r.lam))
        return (
            f"Filter factors in the {len(r.eigenvalues)} eigen-directions of XᵀX/n after "
            f"t = {r.t} {steps}: gradient descent keeps between {r.gd_filter.min():.2f} and "
            f"{r.gd_filter.max():.2f} of each least-squares component, ridge at "
            f"λ = {r.lam:.3g} between {r.ridge_filter.min():.2f} and {r.ridge_filter.max():.2f}; "
            f"gradient descent keeps more in every direction, by at most {r.filter_gap:.2f}. "
            f"{kept} eigenvalues lie above d = λ."
        )
    raise ValueError(f"Unknown figure {figure!r}; choose 'trajectory' or 'filters'.")


def code_snippet(result: EarlyStoppingResult) -> str:
    """Runnable numpy + scikit-learn code that reproduces the page's λ and distance.

    Gradient descent for t steps on the standardized data, then ``Ridge(alpha=n·λ)`` at
    λ = 1/(η·t); it prints λ and the relative distance the page shows. Bundled data sets
    only (loaded with scikit-learn as the page loads them).

    Examples
    --------
    >>> res = early_stopping_on("linnerud", n_steps=50, t=5)
    >>> namespace = {}
    >>> exec(code_snippet(res), namespace)  # doctest: +ELLIPSIS
    λ = 1/(η·t) = ...
    >>> bool(abs(namespace["distance"] - res.matched_distance) < 1e-9)
    True
    """
    r = result
    if r.dataset not in _SNIPPET_DATA:
        raise ValueError(f"No snippet for the data set {r.dataset!r}.")
    lines = [
        "import numpy as np",
        "from sklearn.linear_model import Ridge",
        *_SNIPPET_DATA[r.dataset],
        "",
        "# Standardize each feature (population SD) and centre y, as the page does.",
        "Xs = (X - X.mean(axis=0)) / X.std(axis=0)",
        "yc = y - y.mean()",
        "n = len(yc)",
        "L = np.linalg.norm(Xs, 2) ** 2 / n  # largest eigenvalue of XᵀX/n",
        f"eta = {r.step_scale!r} / L  # the step size η",
        f"t = {r.t}  # the number of steps",
        "",
        "# Gradient descent on (1/2n)‖yc − Xs·β‖² from β = 0, stopped after t steps.",
        "beta = np.zeros(Xs.shape[1])",
        "for _ in range(t):",
        "    beta = beta - eta * Xs.T @ (Xs @ beta - yc) / n",
        "",
        "# Ridge at the matched λ = 1/(η·t); scikit-learn's Ridge uses alpha = n·λ.",
        "lam = 1 / (eta * t)",
        "ridge = Ridge(alpha=n * lam, fit_intercept=False).fit(Xs, yc).coef_",
        "distance = np.linalg.norm(beta - ridge) / np.linalg.norm(beta)",
        'print("λ = 1/(η·t) =", round(lam, 4))',
        'print("gradient descent:", np.round(beta, 3).tolist())',
        'print("ridge:           ", np.round(ridge, 3).tolist())',
        'print(f"apart: {100 * distance:.1f} %")',
    ]
    return "\n".join(lines)
