"""Overfitting in one dimension: data, basis features, and error curves over λ.

A degree-15 polynomial fitted to 30 noisy points interpolates the noise; a penalty
pulls it back to a smooth curve and, when too strong, flattens it to the mean of y.
This module builds everything the Overfitting page shows, without streamlit:

- :func:`make_dataset` draws n training points and a large fresh test set from a
  known truth (sine, cubic polynomial, step, absolute value, or pure noise).
- :class:`FeatureSpec` turns x ∈ [0, 1] into basis features: Legendre polynomials
  (default) or monomials of t = 2x − 1 ∈ [−1, 1], cubic B-splines, or Gaussian bumps.
- :func:`error_curves` fits ridge, lasso and elastic net over a whole λ grid with
  path functions (one SVD for ridge, ``lasso_path``/``enet_path`` for the others) and
  returns training, test and k-fold cross-validation error for every λ.

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
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.polynomial import legendre
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import enet_path, lasso_path
from sklearn.model_selection import KFold
from sklearn.preprocessing import SplineTransformer

from regviz.core.conventions import CD_TOL
from regviz.core.grids import lambda_grid

# Coordinate descent (tolerance: regviz.core.conventions.CD_TOL). The fits run on the
# Gram matrix (precompute=True): same coefficients to ~1e-9 here, measured 2.2x faster
# for n = 30, p = 15, because a sweep costs p² instead of n·p.
CD_MAX_ITER = 5_000

TRUTHS: dict[str, str] = {
    "sine": "Sine wave  sin(2πx)",
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

# Classroom presets: the settings each one changes (everything else keeps its value).
PRESETS: dict[str, dict[str, object]] = {
    "Classic overfit": {"truth": "sine", "n": 15, "noise": 0.3, "degree": 12, "basis": "legendre"},
    "Lots of data": {"truth": "sine", "n": 500, "noise": 0.3, "degree": 15, "basis": "legendre"},
    "Pure noise": {"truth": "zero", "n": 30, "noise": 1.0, "degree": 15, "basis": "legendre"},
}
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
        what the lasso selects and slows coordinate descent. ``"spline"``: ``size``
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
        False when coordinate descent stopped at its iteration limit for some λ.
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
        Ridge (one SVD), lasso (``lasso_path``), elastic net (``enet_path``) or plain
        least squares (minimum-norm, the same value for every λ).
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
    elif penalty in {"l1", "elasticnet"}:
        descending = lambdas[::-1]  # path functions want λ from large to small
        # The arrays are validated here, so skip scikit-learn's per-λ re-validation
        # (check_input=False, which wants Fortran order): same result, ~30 % less time.
        z = np.asfortranarray(z)
        with warnings.catch_warnings():
            # Non-convergence is reported through ``converged`` instead.
            warnings.simplefilter("ignore", ConvergenceWarning)
            if penalty == "l1":
                out = lasso_path(
                    z,
                    yc,
                    alphas=descending,
                    tol=CD_TOL,
                    max_iter=CD_MAX_ITER,
                    precompute=True,
                    check_input=False,
                    return_n_iter=True,
                )
            else:
                out = enet_path(
                    z,
                    yc,
                    l1_ratio=l1_ratio,
                    alphas=descending,
                    tol=CD_TOL,
                    max_iter=CD_MAX_ITER,
                    precompute=True,
                    check_input=False,
                    return_n_iter=True,
                )
        coefs = out[1][:, ::-1]
        converged = bool(max(out[3]) < CD_MAX_ITER)
    else:
        raise ValueError(f"Unknown penalty {penalty!r}; use 'l2', 'l1', 'elasticnet' or 'ols'.")
    intercepts = np.full(lambdas.size, y_mean)
    return PathFit(coefs, intercepts, means, scales, converged)


def _mse(y: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    return np.mean((y[:, None] - predictions) ** 2, axis=0)


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
        False if coordinate descent hit its iteration limit for some λ of the fit on
        all training rows.
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
    n_grid: int = 300,
) -> ErrorCurves:
    """Training, test and k-fold CV error over a λ grid for ridge, lasso and elastic net.

    Each penalty is fitted once per row set with a path function (one SVD for all λ
    for ridge, ``lasso_path``/``enet_path`` with ``tol=1e-6`` otherwise): on all training
    rows and on the training part of each of the k folds, with the features
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
    n_grid : int, default 300
        Points of the drawing grid on [0, 1].

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
            test_mse=_mse(data.y_test, full.predict(phi_test)),
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
        Whether coordinate descent converged in each basis.
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
