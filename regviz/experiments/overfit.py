"""Overfitting in one dimension: data, basis features, and error curves over λ.

A degree-15 polynomial fitted to 30 noisy points interpolates the noise; a penalty
pulls it back to a smooth curve and, when too strong, flattens it to the mean of y.
This module builds everything the Overfitting page shows, without streamlit:

- :func:`make_dataset` draws n training points and a large fresh test set from a
  known truth (sine, cubic polynomial, step, absolute value, or pure noise).
- :class:`FeatureSpec` turns x ∈ [0, 1] into basis features: Legendre polynomials
  (default) or monomials of t = 2x − 1 ∈ [−1, 1], cubic B-splines, or Gaussian bumps.
- :func:`error_curves` fits ridge, lasso and elastic net over a whole λ grid with
  exact path solvers (one SVD for ridge, the LARS–lasso homotopy for the lasso, an
  active-set solver for the elastic net) and
  returns training, test and k-fold cross-validation error for every λ.
- The Overfitting page's settings (:data:`DEFAULTS`, :data:`PRESETS`, the λ range) and
  everything it says with a number (``describe_*``, ``*_alt_text``, :func:`code_snippet`).

scikit-learn is imported inside the functions that fit, so importing this module (for its
data, features and words) does not load it.

λ convention
------------
regviz minimizes scikit-learn's ElasticNet objective (see :mod:`regviz.core.conventions`)::

    (1/2n)·‖y − Zβ − b‖² + λ·[ r·‖β‖₁ + ½(1 − r)·‖β‖₂² ]

where **Z holds the standardized features**: every basis column is centered and scaled
to unit standard deviation on the rows being fitted (the training rows, or the training
part of a cross-validation fold). The intercept b is never penalized. So λ here equals
scikit-learn's ``alpha`` of ``Lasso``/``ElasticNet`` fitted on ``StandardScaler()``
output, and ridge is ``Ridge(alpha=n·λ)`` on the same Z. Coefficients are reported in
standardized units, so bars of different features are comparable.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
from numpy.polynomial import legendre

from regviz.core.conventions import PENALTY_NAMES
from regviz.core.grids import format_lambda, lambda_grid

if TYPE_CHECKING:  # biasvariance imports this module; only its type is needed here
    import pandas as pd

    from regviz.experiments.biasvariance import BiasVariance

# Steps of the elastic net's active-set solver per λ (it needs a handful; each step
# lowers the objective, so the limit only guards against round-off loops).
ENET_MAX_STEPS = 500

TRUTHS: dict[str, str] = {
    "sine": "Sine wave sin(2πx)",
    "polynomial": "Cubic polynomial",
    "step": "Step (jump at x = 0.5)",
    "abs": "Absolute value (V shape)",
    "zero": "Pure noise (truth is 0)",
}

BASES: dict[str, str] = {
    "legendre": "Legendre polynomials",
    "monomial": "Monomials t, t², …",
    "spline": "Cubic B-splines",
    "rbf": "Gaussian bumps (RBF)",
}

FIT_PENALTIES = ("l2", "l1", "elasticnet")
MAX_DEGREE = 20


def true_function(truth: str, x: np.ndarray) -> np.ndarray:
    """Evaluate the noiseless truth f(x) on x ∈ [0, 1].

    Parameters
    ----------
    truth : str
        One of :data:`TRUTHS`: ``"sine"`` sin(2πx); ``"polynomial"`` the Legendre
        polynomial P₃(2x − 1) = (5t³ − 3t)/2, a cubic that is *sparse* in the Legendre
        basis; ``"step"`` −1 left of 0.5 and +1 right of it; ``"abs"`` 2|2x − 1| − 1;
        ``"zero"`` the constant 0 (every pattern in the data is noise).
    x : ndarray
        Inputs in [0, 1], any shape.

    Returns
    -------
    ndarray
        f(x), same shape as ``x``, values in [−1, 1].
    """
    x = np.asarray(x, dtype=float)
    t = 2.0 * x - 1.0
    if truth == "sine":
        return np.sin(2.0 * np.pi * x)
    if truth == "polynomial":
        return 0.5 * (5.0 * t**3 - 3.0 * t)
    if truth == "step":
        return np.where(x < 0.5, -1.0, 1.0)
    if truth == "abs":
        return 2.0 * np.abs(t) - 1.0
    if truth == "zero":
        return np.zeros_like(x)
    raise ValueError(f"Unknown true function {truth!r}; choose one of {', '.join(TRUTHS)}.")


# Each truth as the numpy expression of x that :func:`true_function` evaluates (for the
# page's "show me the code" snippet, which draws the same data without regviz).
TRUTH_CODE: dict[str, str] = {
    "sine": "np.sin(2 * np.pi * x)",
    "polynomial": "0.5 * (5 * (2 * x - 1) ** 3 - 3 * (2 * x - 1))",
    "step": "np.where(x < 0.5, -1.0, 1.0)",
    "abs": "2 * np.abs(2 * x - 1) - 1",
    "zero": "0.0 * x",
}


@dataclass(frozen=True)
class Dataset:
    """Training and test data drawn from one truth: y = f(x) + σ·ε, x ~ Uniform(0, 1).

    Attributes
    ----------
    x_train, y_train : ndarray, shape (n,)
        The n training points.
    x_test, y_test : ndarray, shape (n_test,)
        A large fresh test set from the same distribution, never used for fitting.
    f_test : ndarray, shape (n_test,)
        The noiseless truth at ``x_test``.
    truth : str
        Name of the true function (a key of :data:`TRUTHS`).
    noise : float
        Noise standard deviation σ.
    seed : int
        Seed of the random generator that drew everything.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    f_test: np.ndarray
    truth: str
    noise: float
    seed: int

    @property
    def n(self) -> int:
        """Number of training points."""
        return int(self.x_train.size)


def make_dataset(
    truth: str = "sine",
    *,
    n: int = 30,
    noise: float = 0.3,
    n_test: int = 5_000,
    seed: int = 0,
) -> Dataset:
    """Draw n training points and a fresh test set from y = f(x) + σ·ε.

    Parameters
    ----------
    truth : str, default "sine"
        A key of :data:`TRUTHS`.
    n : int, default 30
        Number of training points (at least 2).
    noise : float, default 0.3
        Noise standard deviation σ ≥ 0.
    n_test : int, default 5000
        Size of the test set; large so test error is close to expected error.
    seed : int, default 0
        Seed of ``numpy.random.default_rng``; the same seed gives the same data.

    Returns
    -------
    Dataset

    Examples
    --------
    >>> data = make_dataset("sine", n=20, seed=1)
    >>> data.x_train.shape, data.y_test.shape
    ((20,), (5000,))
    """
    true_function(truth, np.zeros(1))  # validates the name with a plain message
    if n < 2:
        raise ValueError("Draw at least 2 training points.")
    if n_test < 1:
        raise ValueError("The test set needs at least 1 point.")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError("The noise level σ must be a number ≥ 0.")
    rng = np.random.default_rng(seed)
    x_train = rng.uniform(0.0, 1.0, n)
    y_train = true_function(truth, x_train) + noise * rng.standard_normal(n)
    x_test = rng.uniform(0.0, 1.0, n_test)
    f_test = true_function(truth, x_test)
    y_test = f_test + noise * rng.standard_normal(n_test)
    return Dataset(x_train, y_train, x_test, y_test, f_test, truth, float(noise), int(seed))


@dataclass(frozen=True)
class FeatureSpec:
    """How x ∈ [0, 1] becomes a row of basis features (no constant column).

    Attributes
    ----------
    basis : str, default "legendre"
        ``"legendre"``: P₁(t)…P_d(t) with t = 2x − 1 ∈ [−1, 1], nearly orthogonal for
        uniform x (standardized condition number ~5 at degree 15). ``"monomial"``:
        t, t², …, t^d — the same span, so the same least-squares *predictions*, but
        strongly correlated columns (condition number ~10⁵ at degree 15), which changes
        what the lasso selects (and slows coordinate descent). ``"spline"``: ``size``
        cubic B-splines with knots spread evenly on [0, 1]. ``"rbf"``: ``size``
        Gaussian bumps centred evenly on [0, 1] with width = their spacing.
    size : int, default 15
        The polynomial degree d (number of features) for polynomial bases; the
        number of basis functions for splines and bumps. At most 20.
    """

    basis: str = "legendre"
    size: int = 15

    def __post_init__(self) -> None:
        if self.basis not in BASES:
            raise ValueError(f"Unknown basis {self.basis!r}; choose one of {', '.join(BASES)}.")
        low = 3 if self.basis == "spline" else (2 if self.basis == "rbf" else 1)
        if not low <= int(self.size) <= MAX_DEGREE:
            raise ValueError(
                f"{BASES[self.basis]} need between {low} and {MAX_DEGREE} features; "
                f"got {self.size}."
            )

    @property
    def label(self) -> str:
        """A short human-readable name, e.g. ``"Legendre polynomials, degree 15"``."""
        unit = "degree" if self.basis in {"legendre", "monomial"} else "functions:"
        return f"{BASES[self.basis]}, {unit} {self.size}"

    def transform(self, x: np.ndarray) -> np.ndarray:
        """Return the basis features of x, shape ``x.shape + (size,)``.

        Parameters
        ----------
        x : ndarray
            Inputs in [0, 1], any shape.

        Returns
        -------
        ndarray
            Feature matrix (unstandardized); the last axis indexes the features.
        """
        x = np.asarray(x, dtype=float)
        d = int(self.size)
        t = 2.0 * x - 1.0
        if self.basis == "legendre":
            return legendre.legvander(t, d)[..., 1:]
        if self.basis == "monomial":
            return t[..., None] ** np.arange(1, d + 1)
        if self.basis == "rbf":
            centers = np.linspace(0.0, 1.0, d)
            width = centers[1] - centers[0]
            return np.exp(-0.5 * ((x[..., None] - centers) / width) ** 2)
        # Splines: knots fixed on [0, 1] (not learned from the sample) so that every
        # training set and the test set share one basis. B-splines sum to 1, which
        # duplicates the intercept, so the bias column is dropped.
        from sklearn.preprocessing import SplineTransformer

        knots = np.linspace(0.0, 1.0, d - 1)[:, None]
        spline = SplineTransformer(knots=knots, degree=3, include_bias=False)
        spline.fit(knots)
        flat = spline.transform(x.reshape(-1, 1))
        return flat.reshape(x.shape + (d,))


def slider_lambdas(
    log10_min: float = -5.0, log10_max: float = 2.0, step: float = 0.1
) -> np.ndarray:
    """λ = 10^k for k = log10_min, log10_min + step, …, log10_max (increasing).

    The page's λ slider moves in the same steps, so every slider position is a grid point
    (a thin wrapper of :func:`regviz.core.grids.lambda_grid`).

    Examples
    --------
    >>> slider_lambdas(-2, 0, 1).tolist()
    [0.01, 0.1, 1.0]
    """
    if not log10_max > log10_min or step <= 0:
        raise ValueError("The λ grid needs log10_max > log10_min and a positive step.")
    return lambda_grid(10.0**log10_min, 10.0**log10_max, per_decade=1.0 / step, decreasing=False)


@dataclass(frozen=True)
class PathFit:
    """Coefficients for every λ of a grid, fitted on one set of rows.

    Attributes
    ----------
    coefs : ndarray, shape (p, n_lambdas)
        β for each λ (columns follow the increasing λ grid), in standardized units.
    intercepts : ndarray, shape (n_lambdas,)
        b for each λ; with centered standardized features it is the mean of y.
    means, scales : ndarray, shape (p,)
        Column means and standard deviations used to standardize the features.
    converged : bool
        False when the elastic net's solver stopped on round-off before its optimality
        check passed for some λ (the ridge and lasso paths are exact).
    """

    coefs: np.ndarray
    intercepts: np.ndarray
    means: np.ndarray
    scales: np.ndarray
    converged: bool = True

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Predictions for raw feature rows, shape (m, n_lambdas)."""
        z = (features - self.means) / self.scales
        return z @ self.coefs + self.intercepts


def _standardize(features: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    means = features.mean(axis=0)
    scales = features.std(axis=0)
    # A column that is constant on these rows carries no information; scale 1 keeps it 0.
    scales = np.where(scales > 1e-12, scales, 1.0)
    return (features - means) / scales, means, scales


def ridge_coefs_svd(z: np.ndarray, y_centered: np.ndarray, lambdas: np.ndarray) -> np.ndarray:
    """Ridge coefficients for all λ at once from one SVD of the centered design.

    Solves (ZᵀZ + nλI)β = Zᵀy, i.e. β(λ) = V·diag(s / (s² + nλ))·Uᵀy — the minimizer of
    (1/2n)‖y − Zβ‖² + (λ/2)‖β‖², which is ``Ridge(alpha=n·λ, fit_intercept=False)``.

    Parameters
    ----------
    z : ndarray, shape (n, p)
        Centered design.
    y_centered : ndarray, shape (n,)
        Centered response.
    lambdas : ndarray, shape (n_lambdas,)
        Penalty strengths λ ≥ 0 (any order).

    Returns
    -------
    ndarray, shape (p, n_lambdas)
    """
    n = z.shape[0]
    u, s, vt = np.linalg.svd(z, full_matrices=False)
    # Singular values at round-off level would blow up at λ = 0; treat them as exact zeros
    # (the minimum-norm least-squares solution), exactly like np.linalg.lstsq.
    keep = s > s.max(initial=0.0) * max(z.shape) * np.finfo(float).eps
    s_safe = np.where(keep, s, 1.0)
    shrink = np.where(keep[:, None], s[:, None] / (s_safe[:, None] ** 2 + n * lambdas), 0.0)
    return vt.T @ (shrink * (u.T @ y_centered)[:, None])


def lasso_coefs_lars(z: np.ndarray, y_centered: np.ndarray, lambdas: np.ndarray) -> np.ndarray:
    """Exact lasso coefficients for all λ at once, from the LARS–lasso homotopy.

    The lasso path β(λ) of (1/2n)‖y − Zβ‖² + λ‖β‖₁ is piecewise linear in λ; scikit-learn's
    ``lars_path(method="lasso")`` returns its knots (its ``alphas`` are this λ), and every
    λ in between is a linear interpolation — exact up to round-off, with exact zeros, and
    no iteration limit — where the design is in general position. On degenerate designs
    (more basis functions than points, splines with no point under them) scikit-learn's
    LARS drops regressors and can stop early, far from the solution: the page uses
    :func:`lasso_coefs_exact`, which checks every λ and repairs those. Coordinate descent
    (``lasso_path`` at tol 1e-6, 5000 sweeps) was
    measured here up to 2× off in CV error at λ ≈ 1e-5 on degree-15 Legendre features,
    where it stops at its iteration limit, and 20–70× slower than this on the page's
    problems (p ≤ 20 features).

    Parameters
    ----------
    z : ndarray, shape (n, p)
        Centered design.
    y_centered : ndarray, shape (n,)
        Centered response.
    lambdas : ndarray, shape (n_lambdas,)
        Penalty strengths λ ≥ 0 (any order).

    Returns
    -------
    ndarray, shape (p, n_lambdas)
        ``Lasso(alpha=λ, fit_intercept=False)`` on the same ``z``, for each λ.

    Examples
    --------
    >>> z = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> lasso_coefs_lars(z, np.array([2.0, 1.0, -2.0, -1.0]), np.array([0.0, 0.5, 2.0]))
    array([[2., 1., 0.],
           [1., 0., 0.]])
    """
    from sklearn.linear_model import lars_path

    lambdas = np.asarray(lambdas, dtype=float)
    alphas, _, path = lars_path(
        z, y_centered, Xy=z.T @ y_centered, Gram=z.T @ z, method="lasso", alpha_min=0.0
    )
    # Knots from the largest λ (all zero) down; np.interp wants increasing x and holds
    # the end values outside: all zeros above the largest knot.
    knots, values = alphas[::-1], path[:, ::-1]
    return np.stack([np.interp(lambdas, knots, row) for row in values])


KKT_RTOL = 1e-6
"""Optimality tolerance of :func:`lasso_optimal`, relative to max |zᵀy|/n."""


def lasso_optimal(
    z: np.ndarray, y_centered: np.ndarray, coefs: np.ndarray, lambdas: np.ndarray
) -> np.ndarray:
    """Which columns of ``coefs`` solve the lasso at their λ (the KKT conditions).

    β minimizes (1/2n)‖y − Zβ‖² + λ‖β‖₁ exactly when the correlation g = Zᵀ(y − Zβ)/n
    equals λ·sign(βⱼ) on every non-zero coefficient and |gⱼ| ≤ λ on every zero one;
    both are checked to :data:`KKT_RTOL` of the largest |Zᵀy|/n.

    Returns
    -------
    ndarray of bool, shape (n_lambdas,)

    Examples
    --------
    >>> z = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> y = np.array([2.0, 1.0, -2.0, -1.0])
    >>> lasso_optimal(z, y, np.array([[2.0, 1.0], [1.0, 1.0]]), np.array([0.0, 0.5])).tolist()
    [True, False]
    """
    n = len(y_centered)
    c = z.T @ y_centered / n
    tol = KKT_RTOL * max(float(np.max(np.abs(c), initial=0.0)), 1e-300)
    g = c[:, None] - (z.T @ (z @ coefs)) / n
    active = coefs != 0.0
    lams = np.asarray(lambdas, dtype=float)[None, :]
    on_active = np.where(active, np.abs(g - lams * np.sign(coefs)), 0.0)
    on_zero = np.where(active, 0.0, np.abs(g) - lams)
    return np.all(on_active <= tol, axis=0) & np.all(on_zero <= tol, axis=0)


def lasso_coefs_exact(
    z: np.ndarray, y_centered: np.ndarray, lambdas: np.ndarray
) -> tuple[np.ndarray, bool]:
    """Exact lasso coefficients for every λ: the LARS path, checked and repaired.

    :func:`lasso_coefs_lars` gives every λ at once; :func:`lasso_optimal` checks each.
    Where LARS went wrong (degenerate designs: a Cholesky pivot near 0 makes it drop
    regressors or stop early, up to thousands of times the optimal objective at small λ
    on 8 points and 20 splines) the λ is solved again by the active-set solver
    (:func:`_feature_sign`, started from LARS's answer) on ZᵀZ/n plus a ridge of
    10⁻¹² of its mean diagonal, which keeps every step's system solvable and changes the
    objective only by ½·10⁻¹²·(mean diagonal)·‖β‖².

    Returns
    -------
    coefs : ndarray, shape (p, n_lambdas)
        ``Lasso(alpha=λ, fit_intercept=False)`` on the same ``z``, for each λ.
    converged : bool
        False if a repaired λ still fails the check.

    Examples
    --------
    >>> z = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> coefs, ok = lasso_coefs_exact(z, np.array([2.0, 1.0, -2.0, -1.0]), np.array([0.5, 2.0]))
    >>> np.round(coefs, 12).tolist(), ok
    ([[1.0, 0.0], [0.0, 0.0]], True)
    """
    from sklearn.exceptions import ConvergenceWarning

    lambdas = np.asarray(lambdas, dtype=float)
    with warnings.catch_warnings():  # LARS's warnings would go to the server log: checked here
        warnings.simplefilter("ignore", ConvergenceWarning)
        coefs = lasso_coefs_lars(z, y_centered, lambdas)
    wrong = ~lasso_optimal(z, y_centered, coefs, lambdas)
    if not wrong.any():
        return coefs, True
    n, p = z.shape
    gram, c = z.T @ z / n, z.T @ y_centered / n
    h = gram + 1e-12 * max(float(np.trace(gram)) / p, 1e-300) * np.eye(p)
    for k in np.flatnonzero(wrong):  # each from LARS's answer: most are near the solution
        if lambdas[k] == 0.0:
            coefs[:, k] = np.linalg.lstsq(z, y_centered, rcond=None)[0]
        else:
            coefs[:, k] = _feature_sign(h, c, lambdas[k], coefs[:, k])[0]
    return coefs, bool(np.all(lasso_optimal(z, y_centered, coefs[:, wrong], lambdas[wrong])))


def _enet_objective(h: np.ndarray, c: np.ndarray, a: float, beta: np.ndarray) -> float:
    return float(0.5 * beta @ h @ beta - c @ beta + a * np.abs(beta).sum())


def _feature_sign(
    h: np.ndarray, c: np.ndarray, a: float, beta: np.ndarray
) -> tuple[np.ndarray, bool]:
    """Minimize ½βᵀHβ − cᵀβ + a‖β‖₁ (H positive definite) from a warm start.

    Feature-sign search (Lee, Battle, Raina & Ng 2006): guess the signs, solve the
    quadratic on the nonzero coefficients exactly, and walk towards that solution only as
    far as the objective keeps falling (checking each point where a coefficient crosses
    zero); add the zero coefficient that violates optimality most. Every step lowers the
    objective, so the search ends, at the exact minimizer (up to round-off).
    """
    beta = np.array(beta, dtype=float)
    tol = 1e-11 * max(float(np.max(np.abs(c), initial=0.0)), a, 1e-300)
    for _ in range(ENET_MAX_STEPS):
        # Round-off residues (equal columns that crossed zero together) are zeros.
        beta[np.abs(beta) <= 1e-13 * np.max(np.abs(beta), initial=0.0)] = 0.0
        theta = np.sign(beta)
        grad = h @ beta - c
        active = beta != 0.0
        if np.all(np.abs(grad[active] + a * theta[active]) <= tol):
            slack = np.where(active, -np.inf, np.abs(grad) - a)
            i = int(np.argmax(slack))
            if slack[i] <= tol:
                return beta, True
            theta[i], active[i] = -np.sign(grad[i]), True
        idx = np.flatnonzero(active)
        old = beta[idx]
        new = np.linalg.solve(h[np.ix_(idx, idx)], c[idx] - a * theta[idx])
        if np.all(np.sign(new) == theta[idx]):
            # Still in the orthant of the guessed signs: the exact minimizer there.
            beta[idx] = new
            continue
        points = [new]
        crossing = np.flatnonzero((old != 0.0) & (np.sign(new) != np.sign(old)))
        steps = old[crossing] / (old[crossing] - new[crossing])
        for t in steps:
            point = old + t * (new - old)
            # Every coefficient that crosses here is exactly 0 (equal columns cross together).
            point[crossing[np.abs(steps - t) <= 1e-12]] = 0.0
            points.append(point)
        candidates = []
        for point in points:
            candidate = beta.copy()
            candidate[idx] = point
            candidates.append(candidate)
        values = [_enet_objective(h, c, a, candidate) for candidate in candidates]
        best = int(np.argmin(values))
        current = _enet_objective(h, c, a, beta)
        if values[best] > current + 1e-15 * (abs(current) + 1.0):
            return beta, False  # round-off: no step lowers the objective any more
        beta = candidates[best]
    return beta, False


def enet_coefs_exact(
    z: np.ndarray, y_centered: np.ndarray, lambdas: np.ndarray, l1_ratio: float
) -> tuple[np.ndarray, bool]:
    """Exact elastic-net coefficients for every λ (warm-started from the largest λ down).

    Minimizes (1/2n)‖y − Zβ‖² + λ·[r‖β‖₁ + ½(1 − r)‖β‖²] for each λ with an active-set
    solver (:func:`_feature_sign`) on the Gram matrix, which is exact up to round-off and
    gives exact zeros. For the page's problems (p ≤ 20 features) it was measured ~20×
    faster than coordinate descent (``enet_path`` at tol 1e-6), which stops at its
    iteration limit for λ ≈ 1e-5 on degree-15 features.

    Parameters
    ----------
    z : ndarray, shape (n, p)
        Centered design.
    y_centered : ndarray, shape (n,)
        Centered response.
    lambdas : ndarray, shape (n_lambdas,)
        Penalty strengths λ ≥ 0 (any order); λ = 0 is least squares (minimum norm).
    l1_ratio : float
        r in (0, 1): the ridge part λ(1 − r) keeps every problem with λ > 0 strictly
        convex.

    Returns
    -------
    coefs : ndarray, shape (p, n_lambdas)
        ``ElasticNet(alpha=λ, l1_ratio=r, fit_intercept=False)`` on the same ``z``.
    converged : bool
        False if round-off stopped the solver before its optimality check passed.

    Examples
    --------
    >>> z = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    >>> coefs, ok = enet_coefs_exact(z, np.array([2.0, 1.0, -2.0, -1.0]), np.array([0.5]), 0.5)
    >>> np.round(coefs.ravel(), 4).tolist(), ok
    ([1.0, 0.3333], True)
    """
    lambdas = np.asarray(lambdas, dtype=float)
    if not 0.0 < l1_ratio < 1.0:
        raise ValueError("The elastic-net mix r must be strictly between 0 and 1.")
    if np.any(lambdas < 0):
        raise ValueError("λ must be ≥ 0.")
    n, p = z.shape
    gram, c = z.T @ z / n, z.T @ y_centered / n
    coefs = np.zeros((p, lambdas.size))
    beta, converged = np.zeros(p), True
    for k in np.argsort(lambdas)[::-1]:
        lam = lambdas[k]
        if lam == 0.0:
            coefs[:, k] = np.linalg.lstsq(z, y_centered, rcond=None)[0]
            continue
        h = gram + lam * (1.0 - l1_ratio) * np.eye(p)
        beta, ok = _feature_sign(h, c, lam * l1_ratio, beta)
        converged = converged and ok
        coefs[:, k] = beta
    return coefs, converged


def fit_path(
    features: np.ndarray,
    y: np.ndarray,
    penalty: str,
    lambdas: np.ndarray,
    *,
    l1_ratio: float = 0.5,
) -> PathFit:
    """Fit one penalty over a whole increasing λ grid on the given rows.

    Parameters
    ----------
    features : ndarray, shape (n, p)
        Raw basis features; they are standardized on these rows before fitting.
    y : ndarray, shape (n,)
        Responses.
    penalty : {"l2", "l1", "elasticnet", "ols"}
        Ridge (one SVD), lasso (the exact LARS–lasso path, checked: :func:`lasso_coefs_exact`),
        elastic net (an exact active-set solver, :func:`enet_coefs_exact`) or plain least
        squares (minimum-norm, the same value for every λ).
    lambdas : ndarray, shape (n_lambdas,)
        Increasing penalty strengths.
    l1_ratio : float, default 0.5
        r of the elastic net (ignored otherwise).

    Returns
    -------
    PathFit
    """
    z, means, scales = _standardize(np.asarray(features, dtype=float))
    y = np.asarray(y, dtype=float)
    y_mean = float(y.mean())
    yc = y - y_mean
    lambdas = np.asarray(lambdas, dtype=float)
    converged = True
    if penalty == "l2":
        coefs = ridge_coefs_svd(z, yc, lambdas)
    elif penalty == "ols":
        beta = np.linalg.lstsq(z, yc, rcond=None)[0]
        coefs = np.repeat(beta[:, None], lambdas.size, axis=1)
    elif penalty == "l1" or penalty == "elasticnet" and l1_ratio == 1.0:
        coefs, converged = lasso_coefs_exact(z, yc, lambdas)
    elif penalty == "elasticnet":
        coefs, converged = enet_coefs_exact(z, yc, lambdas, l1_ratio)
    else:
        raise ValueError(f"Unknown penalty {penalty!r}; use 'l2', 'l1', 'elasticnet' or 'ols'.")
    intercepts = np.full(lambdas.size, y_mean)
    return PathFit(coefs, intercepts, means, scales, converged)


def _mse(y: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    return np.mean((y[:, None] - predictions) ** 2, axis=0)


def _mse_by_gram(features: np.ndarray, y: np.ndarray, fit: PathFit) -> np.ndarray:
    """mean((y − ŷ)²) for every λ of a fit, from p×p sums instead of m×L predictions.

    With z the standardized rows, ŷ = zβ + b, so the error is mean((y − b)²) − 2(zᵀ(y − b)/m)ᵀβ
    + βᵀ(zᵀz/m)β: for the large test set (m = 5000 rows, 71 λ) ~4× less work than
    predicting every point, equal up to round-off.
    """
    z = (features - fit.means) / fit.scales
    m, b, beta = y.size, fit.intercepts, fit.coefs
    residual2 = np.mean(y**2) - 2 * b * y.mean() + b**2
    cross = (z.T @ y / m) @ beta - b * (z.mean(axis=0) @ beta)
    return residual2 - 2 * cross + np.einsum("pl,pl->l", beta, (z.T @ z / m) @ beta)


@dataclass(frozen=True)
class PenaltyCurves:
    """Errors and fits of one penalty over the λ grid.

    Attributes
    ----------
    penalty : str
        ``"l2"``, ``"l1"`` or ``"elasticnet"``.
    train_mse, test_mse : ndarray, shape (n_lambdas,)
        Mean squared error on the training rows and on the fresh test set.
    cv_mse, cv_se : ndarray, shape (n_lambdas,)
        k-fold cross-validation error: mean over folds and its standard error
        (standard deviation over folds / √k).
    coefs : ndarray, shape (p, n_lambdas)
        Coefficients fitted on all training rows, standardized units.
    intercepts : ndarray, shape (n_lambdas,)
    curve : ndarray, shape (n_grid, n_lambdas)
        The fitted function on :attr:`ErrorCurves.x_grid` for every λ, so a slider move
        needs no refit.
    converged : bool
        False if the solver stopped before its optimality check passed for some λ of
        the fit on all training rows (see :attr:`PathFit.converged`).
    cv_converged : bool
        The same for the fits on the cross-validation folds (smaller row sets are often
        worse conditioned, so tiny λ can need more sweeps there).
    """

    penalty: str
    train_mse: np.ndarray
    test_mse: np.ndarray
    cv_mse: np.ndarray
    cv_se: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    curve: np.ndarray
    converged: bool
    cv_converged: bool

    @property
    def best_cv_index(self) -> int:
        """Index of the λ with the smallest cross-validation error (largest λ on ties)."""
        return _argmin_last(self.cv_mse)

    @property
    def best_test_index(self) -> int:
        """Index of the λ with the smallest test error (largest λ on ties)."""
        return _argmin_last(self.test_mse)

    @property
    def n_zero(self) -> np.ndarray:
        """Number of coefficients exactly 0.0 at each λ."""
        return np.sum(self.coefs == 0.0, axis=0)


def _argmin_last(values: np.ndarray) -> int:
    # Ties (a flat all-zero lasso region) resolve to the simplest model, the largest λ.
    reversed_index = int(np.argmin(values[::-1]))
    return values.size - 1 - reversed_index


@dataclass(frozen=True)
class ErrorCurves:
    """Everything the Overfitting page draws for one data set and one basis.

    Attributes
    ----------
    data : Dataset
    features : FeatureSpec
    lambdas : ndarray, shape (n_lambdas,)
        Increasing λ grid.
    penalties : Mapping[str, PenaltyCurves]
        One entry per fitted penalty.
    l1_ratio : float
        r of the elastic net.
    n_folds : int
    x_grid, truth_grid : ndarray, shape (n_grid,)
        A fine grid on [0, 1] and the truth on it, for drawing curves.
    ols_curve : ndarray, shape (n_grid,)
        The unregularized (minimum-norm least-squares) fit on the grid.
    ols_train_mse, ols_test_mse : float
        Errors of that unregularized fit.
    condition_number : float
        Condition number of the standardized training features.
    """

    data: Dataset
    features: FeatureSpec
    lambdas: np.ndarray
    penalties: Mapping[str, PenaltyCurves]
    l1_ratio: float
    n_folds: int
    x_grid: np.ndarray
    truth_grid: np.ndarray
    ols_curve: np.ndarray
    ols_train_mse: float
    ols_test_mse: float
    condition_number: float

    def index_of(self, lam: float) -> int:
        """Index of the grid λ closest to ``lam`` on the log scale."""
        return int(np.argmin(np.abs(np.log10(self.lambdas) - np.log10(lam))))


def _check_folds(n: int, n_folds: int) -> None:
    if n_folds < 2:
        raise ValueError("Cross-validation needs at least 2 folds.")
    if n < 2 * n_folds:
        raise ValueError(
            f"{n_folds}-fold cross-validation needs at least {2 * n_folds} training points "
            f"(each fold must keep 2 or more); you have {n}. Use more points or fewer folds."
        )


def error_curves(
    data: Dataset,
    features: FeatureSpec | None = None,
    *,
    lambdas: np.ndarray | None = None,
    penalties: tuple[str, ...] = FIT_PENALTIES,
    l1_ratio: float = 0.5,
    n_folds: int = 5,
    n_grid: int = 200,
) -> ErrorCurves:
    """Training, test and k-fold CV error over a λ grid for ridge, lasso and elastic net.

    Each penalty is fitted once per row set with an exact path solver (one SVD for all λ
    for ridge, :func:`lasso_coefs_exact` and :func:`enet_coefs_exact` otherwise): on all
    training rows and on the training part of each of the k folds, with the features
    standardized on those rows each time (no information leaks from validation rows).

    Parameters
    ----------
    data : Dataset
    features : FeatureSpec, optional
        Defaults to Legendre polynomials of degree 15.
    lambdas : ndarray, optional
        Increasing λ grid; defaults to :func:`slider_lambdas`.
    penalties : tuple of str
        Any of ``"l2"``, ``"l1"``, ``"elasticnet"``.
    l1_ratio : float, default 0.5
        r of the elastic net, in (0, 1].
    n_folds : int, default 5
        Folds of the (shuffled, seeded by ``data.seed``) ``KFold`` split.
    n_grid : int, default 200
        Points of the drawing grid on [0, 1] (a curve across a figure needs no more).

    Returns
    -------
    ErrorCurves

    Examples
    --------
    >>> curves = error_curves(make_dataset(n=30, seed=0), FeatureSpec("legendre", 15))
    >>> ridge = curves.penalties["l2"]
    >>> bool(ridge.train_mse[0] <= ridge.train_mse[-1])
    True
    """
    features = features or FeatureSpec()
    lambdas = slider_lambdas() if lambdas is None else np.asarray(lambdas, dtype=float)
    if lambdas.ndim != 1 or lambdas.size < 2 or np.any(np.diff(lambdas) <= 0):
        raise ValueError("Give at least two λ values in increasing order.")
    if lambdas[0] < 0:
        raise ValueError("λ must be ≥ 0.")
    if not 0 < l1_ratio <= 1:
        raise ValueError("The elastic-net ratio r must be in (0, 1].")
    _check_folds(data.n, n_folds)
    from sklearn.model_selection import KFold

    phi_train = features.transform(data.x_train)
    phi_test = features.transform(data.x_test)
    x_grid = np.linspace(0.0, 1.0, n_grid)
    phi_grid = features.transform(x_grid)
    y = data.y_train
    folds = list(KFold(n_folds, shuffle=True, random_state=data.seed).split(phi_train))

    results: dict[str, PenaltyCurves] = {}
    for penalty in penalties:
        full = fit_path(phi_train, y, penalty, lambdas, l1_ratio=l1_ratio)
        fold_mse = np.empty((n_folds, lambdas.size))
        cv_converged = True
        for k, (fit_rows, val_rows) in enumerate(folds):
            fold = fit_path(phi_train[fit_rows], y[fit_rows], penalty, lambdas, l1_ratio=l1_ratio)
            fold_mse[k] = _mse(y[val_rows], fold.predict(phi_train[val_rows]))
            cv_converged = cv_converged and fold.converged
        results[penalty] = PenaltyCurves(
            penalty=penalty,
            train_mse=_mse(y, full.predict(phi_train)),
            test_mse=_mse_by_gram(phi_test, data.y_test, full),
            cv_mse=fold_mse.mean(axis=0),
            cv_se=fold_mse.std(axis=0, ddof=1) / np.sqrt(n_folds),
            coefs=full.coefs,
            intercepts=full.intercepts,
            curve=full.predict(phi_grid),
            converged=full.converged,
            cv_converged=cv_converged,
        )

    ols = fit_path(phi_train, y, "ols", lambdas[:1])
    z_train = (phi_train - ols.means) / ols.scales
    return ErrorCurves(
        data=data,
        features=features,
        lambdas=lambdas,
        penalties=results,
        l1_ratio=float(l1_ratio),
        n_folds=int(n_folds),
        x_grid=x_grid,
        truth_grid=true_function(data.truth, x_grid),
        ols_curve=ols.predict(phi_grid)[:, 0],
        ols_train_mse=float(_mse(y, ols.predict(phi_train))[0]),
        ols_test_mse=float(_mse(data.y_test, ols.predict(phi_test))[0]),
        condition_number=float(np.linalg.cond(z_train)),
    )


@dataclass(frozen=True)
class BasisComparison:
    """How much the choice of basis (Legendre vs monomial) changes two fits.

    Attributes
    ----------
    lam : float
        The λ of the lasso fits.
    ols_max_change : float
        Largest change of the least-squares prediction on [0, 1] between the bases
        (round-off only when p < n: both bases span the same polynomials).
    lasso_max_change : float
        Largest change of the lasso prediction on [0, 1] between the bases.
    lasso_nonzero : Mapping[str, int]
        Number of non-zero lasso coefficients in each basis.
    condition_number : Mapping[str, float]
        Condition number of the standardized training features in each basis, plus
        ``"monomial on [0, 1]"`` for raw powers of x that are not mapped to [−1, 1].
    lasso_converged : Mapping[str, bool]
        Whether the lasso solver converged in each basis (always, it is exact).
    """

    lam: float
    ols_max_change: float
    lasso_max_change: float
    lasso_nonzero: Mapping[str, int]
    condition_number: Mapping[str, float]
    lasso_converged: Mapping[str, bool]


def compare_bases(data: Dataset, degree: int, lam: float, *, n_grid: int = 300) -> BasisComparison:
    """Fit least squares and the lasso in the Legendre and the monomial basis.

    The two bases span the same polynomials of degree ≤ d, so plain least squares
    predicts the same curve in both; the lasso penalizes *coefficients*, which mean
    different things in the two bases, so its curve and its zeros change.

    Parameters
    ----------
    data : Dataset
    degree : int
        Polynomial degree d.
    lam : float
        λ of the lasso fits (> 0).
    n_grid : int, default 300
        Points on [0, 1] where the predictions are compared.

    Returns
    -------
    BasisComparison
    """
    if lam <= 0:
        raise ValueError("Compare the bases at a λ > 0.")
    x_grid = np.linspace(0.0, 1.0, n_grid)
    lams = np.array([float(lam)])
    ols_pred, lasso_pred, nonzero, cond, conv = {}, {}, {}, {}, {}
    for basis in ("legendre", "monomial"):
        spec = FeatureSpec(basis, degree)
        phi, phi_grid = spec.transform(data.x_train), spec.transform(x_grid)
        ols_pred[basis] = fit_path(phi, data.y_train, "ols", lams).predict(phi_grid)[:, 0]
        lasso = fit_path(phi, data.y_train, "l1", lams)
        lasso_pred[basis] = lasso.predict(phi_grid)[:, 0]
        nonzero[basis] = int(np.count_nonzero(lasso.coefs[:, 0]))
        conv[basis] = lasso.converged
        cond[basis] = float(np.linalg.cond(_standardize(phi)[0]))
    raw = data.x_train[:, None] ** np.arange(1, degree + 1)
    cond["monomial on [0, 1]"] = float(np.linalg.cond(_standardize(raw)[0]))
    return BasisComparison(
        lam=float(lam),
        ols_max_change=float(np.max(np.abs(ols_pred["legendre"] - ols_pred["monomial"]))),
        lasso_max_change=float(np.max(np.abs(lasso_pred["legendre"] - lasso_pred["monomial"]))),
        lasso_nonzero=nonzero,
        condition_number=cond,
        lasso_converged=conv,
    )


def combine_curves(parts: Sequence[ErrorCurves]) -> ErrorCurves:
    """Error curves of several penalties, each fitted on its own, as one result.

    A page caches each penalty's curves separately (the elastic-net mix r then refits the
    elastic net only) and combines them here. Every part must come from the same data,
    basis, λ grid and folds.

    Examples
    --------
    >>> data = make_dataset(n=20, seed=0)
    >>> grid = slider_lambdas(-3, 0, 1)
    >>> parts = [error_curves(data, FeatureSpec("legendre", 5), lambdas=grid, penalties=(p,))
    ...          for p in ("l2", "l1")]
    >>> list(combine_curves(parts).penalties)
    ['l2', 'l1']
    """
    if not parts:
        raise ValueError("Give the curves of at least one penalty.")
    first = parts[0]
    penalties: dict[str, PenaltyCurves] = {}
    l1_ratio = first.l1_ratio
    for part in parts:
        same = (
            part.features == first.features
            and part.n_folds == first.n_folds
            and np.array_equal(part.lambdas, first.lambdas)
            and np.array_equal(part.data.x_train, first.data.x_train)
            and np.array_equal(part.data.y_train, first.data.y_train)
        )
        if not same:
            raise ValueError(
                "Curves from different data, bases, λ grids or folds cannot be combined."
            )
        penalties.update(part.penalties)
        if "elasticnet" in part.penalties:
            l1_ratio = part.l1_ratio
    return replace(first, penalties=penalties, l1_ratio=l1_ratio)


# --------------------------------------------------------------------------- the page

LAMBDA_LOW, LAMBDA_HIGH, LAMBDA_PER_DECADE = 1e-5, 100.0, 10
"""The range and density of the page's λ control. The page fits on exactly the values
that control offers, so every position of the slider is a point of the λ grid."""

# Which penalties the page compares, by the value of its "view" control.
VIEWS: dict[str, tuple[str, ...]] = {
    "l1_l2": ("l2", "l1"),
    "with_enet": ("l2", "l1", "elasticnet"),
}
VIEW_NAMES: dict[str, str] = {"l1_l2": "L1 vs L2", "with_enet": "L1, L2 and elastic net"}

# The page's defaults and presets, by control name (regviz.ui.specs.overfitting): a degree-15
# polynomial fitted to 30 noisy points of a sine wave, ridge next to the lasso.
DEFAULTS: dict[str, object] = {
    "lam": 0.01,
    "view": "l1_l2",
    "truth": "sine",
    "n": 30,
    "noise": 0.3,
    "degree": 15,
    "basis": "legendre",
    "seed": 0,
    "folds": 5,
    "r": 0.5,
    "b": 100,
}

PRESETS: dict[str, dict[str, object]] = {
    # 15 points and degree 12: least squares runs wild between the points.
    "Classic overfit": {**DEFAULTS, "n": 15, "degree": 12},
    # 500 points: the same flexible model hardly overfits, so λ matters much less.
    "Lots of data": {**DEFAULTS, "n": 500},
    # Nothing to find: the best model is the flat line at the mean of y.
    "Pure noise": {**DEFAULTS, "truth": "zero", "noise": 1.0},
}


# --------------------------------------------------------------------------- words and code


def _at(curves: ErrorCurves, lam: float) -> tuple[int, str]:
    k = curves.index_of(lam)
    return k, format_lambda(float(curves.lambdas[k]))


def error_table(curves: ErrorCurves) -> pd.DataFrame:
    """The numbers of the error-curves figure: one row per penalty and λ of the grid.

    Parameters
    ----------
    curves : ErrorCurves
        From :func:`error_curves` (the penalties it fitted, in order).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``penalty`` and ``λ`` (increasing); the mean squared errors drawn:
        ``training error (MSE)``, ``k-fold CV error (MSE)`` with its standard error over
        the folds (``CV standard error``, the ± 1 SE band) and ``test error (MSE)``, and
        ``CV's pick`` (True on the λ cross-validation picks, the filled diamond).

    Examples
    --------
    >>> curves = error_curves(make_dataset(n=30, seed=0), lambdas=slider_lambdas(-4, 1, 0.5))
    >>> table = error_table(curves)
    >>> table.shape, list(table.index.names)  # 3 penalties × 11 λ
    ((33, 5), ['penalty', 'λ'])
    >>> list(table.columns)[:2]
    ['training error (MSE)', '5-fold CV error (MSE)']
    """
    import pandas as pd

    parts = []
    for penalty, result in curves.penalties.items():
        picked = np.zeros(len(curves.lambdas), dtype=bool)
        picked[result.best_cv_index] = True
        parts.append(
            pd.DataFrame(
                {
                    "training error (MSE)": result.train_mse,
                    f"{curves.n_folds}-fold CV error (MSE)": result.cv_mse,
                    "CV standard error": result.cv_se,
                    "test error (MSE)": result.test_mse,
                    "CV's pick": picked,
                },
                index=pd.MultiIndex.from_arrays(
                    [[PENALTY_NAMES[penalty]] * len(curves.lambdas), curves.lambdas],
                    names=["penalty", "λ"],
                ),
            )
        )
    return pd.concat(parts)


def describe_curves(curves: ErrorCurves, lam: float) -> str:
    """ "What to notice" under the fit and the error curves (ridge and the lasso).

    Parameters
    ----------
    curves : ErrorCurves
        With at least ``"l2"`` and ``"l1"`` fitted.
    lam : float
        The λ on the slider (its nearest grid point is described).

    Returns
    -------
    str

    Examples
    --------
    >>> curves = error_curves(make_dataset(n=30, seed=0), lambdas=slider_lambdas(-4, 1, 0.5))
    >>> describe_curves(curves, 0.01).startswith("Without a penalty the fit has training error")
    True
    """
    k, lam_text = _at(curves, lam)
    ridge, lasso = curves.penalties["l2"], curves.penalties["l1"]
    p = curves.features.size
    best_ridge, best_lasso = ridge.best_cv_index, lasso.best_cv_index
    ridge_zero = int(ridge.n_zero[k])
    ridge_text = (
        f"ridge sets none (its smallest |β| is {float(np.min(np.abs(ridge.coefs[:, k]))):.2g})"
        if ridge_zero == 0
        else f"ridge sets {ridge_zero}"
    )
    notes = [
        f"Without a penalty the fit has training error {curves.ols_train_mse:.3g} but test "
        f"error {curves.ols_test_mse:.3g} (the noise alone costs σ² = "
        f"{curves.data.noise**2:.3g}).",
        f"Cross-validation picks λ = {format_lambda(float(curves.lambdas[best_ridge]))} for "
        f"ridge (test error {ridge.test_mse[best_ridge]:.3g}) and λ = "
        f"{format_lambda(float(curves.lambdas[best_lasso]))} for the lasso (test error "
        f"{lasso.test_mse[best_lasso]:.3g}); the best possible test errors are "
        f"{ridge.test_mse.min():.3g} and {lasso.test_mse.min():.3g}.",
        f"At λ = {lam_text} the lasso sets {int(lasso.n_zero[k])} of {p} coefficients to "
        f"exactly 0; {ridge_text}.",
    ]
    last = curves.lambdas.size - 1
    if best_ridge == last and best_lasso == last:
        notes.append("The best model here is the flat line at the mean of y: there is no pattern.")
    return " ".join(notes)


def describe_convergence(curves: ErrorCurves) -> str | None:
    """A sentence when a solver stopped before its optimality check (None when none did).

    Examples
    --------
    >>> curves = error_curves(make_dataset(n=30, seed=0), lambdas=slider_lambdas(-2, 1, 0.5))
    >>> describe_convergence(curves) is None
    True
    """
    slow = [PENALTY_NAMES[p] for p, c in curves.penalties.items() if not c.converged]
    if not slow:
        return None
    return (
        f"The solver for {' and '.join(slow)} stopped on round-off before its optimality "
        f"check passed for some λ: the standardized {BASES[curves.features.basis].lower()} "
        f"have condition number {curves.condition_number:.2g} here, so those fits are "
        "accurate to fewer digits."
    )


def _errors_at(curves: ErrorCurves, k: int) -> str:
    return "; ".join(
        f"{PENALTY_NAMES[p]} training error {c.train_mse[k]:.3g}, test error {c.test_mse[k]:.3g}"
        for p, c in curves.penalties.items()
    )


def fit_alt_text(curves: ErrorCurves, lam: float) -> str:
    """Text alternative of the fit figure: the data, and each fit's errors at λ.

    Examples
    --------
    >>> curves = error_curves(make_dataset(n=30, seed=0), lambdas=slider_lambdas(-4, 1, 0.5))
    >>> fit_alt_text(curves, 0.01).split(";")[0]
    'Fitted curves at λ = 0.01 to 30 noisy points (truth: sine wave sin(2πx))'
    """
    k, lam_text = _at(curves, lam)
    truth = TRUTHS[curves.data.truth]
    return (
        f"Fitted curves at λ = {lam_text} to {curves.data.n} noisy points (truth: "
        f"{truth[0].lower() + truth[1:]}); {curves.features.label}: "
        f"{_errors_at(curves, k)}. Without a penalty (least squares): training error "
        f"{curves.ols_train_mse:.3g}, test error {curves.ols_test_mse:.3g}."
    )


def errors_alt_text(curves: ErrorCurves, lam: float) -> str:
    """Text alternative of the error-curve figure: where CV puts λ, and the cursor's errors.

    Examples
    --------
    >>> curves = error_curves(make_dataset(n=30, seed=0), lambdas=slider_lambdas(-4, 1, 0.5))
    >>> "cross-validation picks λ" in errors_alt_text(curves, 0.01)
    True
    """
    k, lam_text = _at(curves, lam)
    picks = "; ".join(
        f"for {PENALTY_NAMES[p]} cross-validation picks λ = "
        f"{format_lambda(float(curves.lambdas[c.best_cv_index]))} (test error "
        f"{c.test_mse[c.best_cv_index]:.3g})"
        for p, c in curves.penalties.items()
    )
    return (
        f"Training, {curves.n_folds}-fold cross-validation and test error against λ from "
        f"{format_lambda(float(curves.lambdas[0]))} to {format_lambda(float(curves.lambdas[-1]))} "
        f"(log scales): {picks}. At the cursor, λ = {lam_text}: {_errors_at(curves, k)}."
    )


def coefficients_alt_text(curves: ErrorCurves, lam: float) -> str:
    """Text alternative of the coefficient bars: exact zeros and the largest |β| at λ.

    Examples
    --------
    >>> curves = error_curves(make_dataset(n=30, seed=0), lambdas=slider_lambdas(-4, 1, 0.5))
    >>> "L1 (lasso) 15 of 15 exactly zero" in coefficients_alt_text(curves, 10.0)
    True
    """
    k, lam_text = _at(curves, lam)
    p = curves.features.size
    parts = []
    for penalty, c in curves.penalties.items():
        size = float(np.max(np.abs(c.coefs[:, k])))
        largest = f", largest |β| {size:.2g}" if size > 0 else ""
        parts.append(f"{PENALTY_NAMES[penalty]} {int(c.n_zero[k])} of {p} exactly zero{largest}")
    return f"Coefficient sizes at λ = {lam_text} (standardized features): " + "; ".join(parts) + "."


def describe_bases(comparison: BasisComparison) -> str:
    """The basis comparison (Legendre vs monomials) as three Markdown bullets.

    Examples
    --------
    >>> describe_bases(compare_bases(make_dataset(n=40, seed=1), 10, 3e-3))[:16]
    '- Least squares:'
    """
    cond = comparison.condition_number
    return (
        f"- Least squares: the two bases change the fitted curve by at most "
        f"**{comparison.ols_max_change:.1e}** — the same polynomials, the same fit.\n"
        f"- Lasso at λ = {format_lambda(comparison.lam)}: the curve changes by up to "
        f"**{comparison.lasso_max_change:.3g}**; it keeps "
        f"{comparison.lasso_nonzero['legendre']} Legendre vs "
        f"{comparison.lasso_nonzero['monomial']} monomial coefficients, because the penalty "
        "acts on coefficients, and a coefficient means something different in each basis.\n"
        f"- Condition number of the standardized features: Legendre {cond['legendre']:.2g}, "
        f"monomials of t ∈ [−1, 1] {cond['monomial']:.2g}, raw monomials of x ∈ [0, 1] "
        f"{cond['monomial on [0, 1]']:.2g}."
    )


def describe_bias_variance(results: Mapping[str, BiasVariance]) -> str:
    """ "What to notice" under the bias–variance figures.

    Parameters
    ----------
    results : mapping of penalty name to BiasVariance
        From :func:`regviz.experiments.biasvariance.bias_variance`.

    Returns
    -------
    str
    """
    checks = []
    for penalty, result in results.items():
        ratio = np.abs(result.gap) / np.maximum(result.mc_se, 1e-300)
        worst = int(np.argmax(ratio))
        best = result.best_index
        checks.append(
            f"{PENALTY_NAMES[penalty]}: lowest bias² + variance at λ = "
            f"{format_lambda(float(result.lambdas[best]))} (bias² {result.bias2[best]:.3g}, "
            f"variance {result.variance[best]:.3g}); bias² + variance + noise matches the "
            f"measured test error to within {ratio[worst]:.1f} Monte Carlo standard errors at "
            "worst."
        )
    return "Small λ: low bias, high variance. Large λ: the reverse. " + " ".join(checks)


def bias_variance_alt_text(result: BiasVariance) -> str:
    """Text alternative of one penalty's bias–variance figure.

    Parameters
    ----------
    result : BiasVariance

    Returns
    -------
    str
    """
    best = result.best_index
    low, high = format_lambda(float(result.lambdas[0])), format_lambda(float(result.lambdas[-1]))
    return (
        f"{PENALTY_NAMES[result.penalty]}, {result.n_sets} fresh training sets: from λ = {low} "
        f"to {high} bias² goes from {result.bias2[0]:.3g} to {result.bias2[-1]:.3g} and "
        f"variance from {result.variance[0]:.3g} to {result.variance[-1]:.3g}; bias² + "
        f"variance + noise (σ² = {result.noise:.3g}) is smallest, {result.total[best]:.3g}, "
        f"at λ = {format_lambda(float(result.lambdas[best]))}."
    )


def code_snippet(curves: ErrorCurves, lam: float) -> str:
    """Runnable scikit-learn code that reproduces each fit's training and test error at λ.

    It draws the same data with numpy (the same seed and order of draws as
    :func:`make_dataset`), builds the same basis features, and fits ``Ridge(alpha=n·λ)``,
    ``Lasso(alpha=λ)`` and ``ElasticNet(alpha=λ, l1_ratio=r)`` on the standardized
    features, as the page does. It leaves ``errors = {penalty: (train, test)}``.

    Examples
    --------
    >>> curves = error_curves(make_dataset(n=30, seed=0), lambdas=slider_lambdas(-4, 1, 0.5))
    >>> namespace = {}
    >>> exec(code_snippet(curves, 0.01), namespace)  # doctest: +ELLIPSIS
    L2 (ridge): training error ..., test error ...
    L1 (lasso): training error ..., test error ...
    >>> ridge = curves.penalties["l2"]
    >>> k = curves.index_of(0.01)
    >>> bool(np.isclose(namespace["errors"]["l2"][1], ridge.test_mse[k]))
    True
    """
    data, spec = curves.data, curves.features
    lam = float(curves.lambdas[curves.index_of(lam)])
    d = spec.size
    lines = [
        "import numpy as np",
        "from sklearn.linear_model import ElasticNet, Lasso, Ridge",
        "from sklearn.pipeline import make_pipeline",
        "from sklearn.preprocessing import StandardScaler",
        "",
        f"# The page's data: y = f(x) + σ·ε, {data.n} training points, a fresh test set.",
        f"rng = np.random.default_rng({data.seed})",
        f"f = lambda x: {TRUTH_CODE[data.truth]}",
        f"x = rng.uniform(0, 1, {data.n})",
        f"y = f(x) + {data.noise!r} * rng.standard_normal({data.n})",
        f"x_test = rng.uniform(0, 1, {data.x_test.size})",
        f"y_test = f(x_test) + {data.noise!r} * rng.standard_normal({data.x_test.size})",
        "",
    ]
    if spec.basis == "legendre":
        lines += [
            "from numpy.polynomial import legendre",
            f"# P₁ … P_{d} of t = 2x − 1 (no constant: the intercept is not penalized)",
            f"features = lambda x: legendre.legvander(2 * x - 1, {d})[:, 1:]",
        ]
    elif spec.basis == "monomial":
        lines.append(f"features = lambda x: (2 * x - 1)[:, None] ** np.arange(1, {d + 1})")
    else:
        lines += [
            "from regviz.experiments.overfit import FeatureSpec",
            f"features = FeatureSpec({spec.basis!r}, {d}).transform",
        ]
    models = {
        "l2": "Ridge(alpha=len(x) * lam)",
        "l1": "Lasso(alpha=lam, tol=1e-10, max_iter=200_000)",
        "elasticnet": f"ElasticNet(alpha=lam, l1_ratio={curves.l1_ratio!r}, tol=1e-10, "
        "max_iter=200_000)",
    }
    lines += [
        "X, X_test = features(x), features(x_test)",
        "",
        f"lam = {lam!r}  # λ = scikit-learn's alpha; Ridge minimizes n·(our loss): alpha = n·λ",
        "models = {",
        *(f"    {p!r}: {models[p]}," for p in curves.penalties),
        "}",
        f"names = {{{', '.join(f'{p!r}: {PENALTY_NAMES[p]!r}' for p in curves.penalties)}}}",
        "errors = {}",
        "for penalty, model in models.items():",
        "    # λ acts on standardized features: scale them on the training points",
        "    fit = make_pipeline(StandardScaler(), model).fit(X, y)",
        "    train = np.mean((y - fit.predict(X)) ** 2)",
        "    test = np.mean((y_test - fit.predict(X_test)) ** 2)",
        "    errors[penalty] = (train, test)",
        '    print(f"{names[penalty]}: training error {train:.4g}, test error {test:.4g}")',
    ]
    return "\n".join(lines)
