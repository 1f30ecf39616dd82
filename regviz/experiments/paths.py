"""Coefficient paths: every coefficient as a function of the penalty strength λ.

One objective everywhere (scikit-learn's ElasticNet objective, see
:mod:`regviz.core.conventions`)::

    (1/2n)·‖y − Xβ − b‖² + λ·[ r·‖β‖₁ + ½(1 − r)·‖β‖₂² ]

- Lasso (r = 1) and elastic net (0 < r < 1): scikit-learn's ``lasso_path`` /
  ``enet_path``, coordinate descent with warm starts along a decreasing λ grid.
- Ridge (r = 0): one SVD of the centred X serves every λ at once,
  β(λ) = V·diag(s / (s² + nλ))·Uᵀy — the same model as ``Ridge(alpha=n·λ)``.

``lasso_path``/``enet_path`` fit no intercept, so X and y are centred here and the
intercept is recovered as b = ȳ − x̄·β. With ``standardize=True`` (the default) each
feature is also divided by its standard deviation before the penalty is applied —
otherwise a feature measured in grams would be penalized 1000× less than the same
feature measured in kilograms — and the coefficients are mapped back to the units of X.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from regviz.core.conventions import CD_TOL, PENALTIES, PENALTY_NAMES
from regviz.core.grids import lambda_grid
from regviz.core.readouts import Readout

if TYPE_CHECKING:  # crossval imports this module; its curve is only read here
    import pandas as pd

    from regviz.experiments.crossval import CVCurve

__all__ = [
    "RIDGE_L1_RATIO",
    "CoefficientPath",
    "lambda_max",
    "glmnet_grid",
    "coefficient_path",
    "entry_order",
    "l1_norm_fraction",
    "SupportRecovery",
    "support_recovery",
]


# One BLAS thread for the matrix work here: the matrices are small, the app serves several
# sessions at once, and a multi-threaded OpenBLAS on a busy 2-core machine made one
# 1000×200 SVD take 1.5–3 s instead of 30 ms (measured, threads spinning for a core).
# Created on first use, so importing this module loads neither threadpoolctl nor sklearn.
@functools.cache
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


RIDGE_L1_RATIO = 1e-3
"""glmnet's rule for the top of a ridge λ grid: λ_max as if r were 0.001."""


@dataclass(frozen=True, eq=False)
class CoefficientPath:
    """Coefficients of a penalized linear model along a decreasing grid of λ.

    Attributes
    ----------
    lambdas : ndarray of shape (n_lambdas,)
        Penalty strengths, decreasing.
    coefs : ndarray of shape (n_features, n_lambdas)
        ``coefs[:, k]`` is β at ``lambdas[k]``, in the units of X as given to the fit.
    intercepts : ndarray of shape (n_lambdas,)
        Unpenalized intercept b at each λ, in the units of y.
    penalty : str
        ``"l1"``, ``"l2"`` or ``"elasticnet"``.
    l1_ratio : float
        r used for the fit (1 for the lasso, 0 for ridge).
    standardize : bool
        Whether each feature was scaled to unit standard deviation before penalizing.
    x_mean, x_scale : ndarray of shape (n_features,)
        Column means and standard deviations (population, ddof=0) of X; a constant
        column gets scale 1.
    n_samples : int
        Number of rows n of the data.
    n_not_converged : int
        How many λ stopped at the iteration limit before reaching the tolerance.
    """

    lambdas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    penalty: str
    l1_ratio: float
    standardize: bool
    x_mean: np.ndarray
    x_scale: np.ndarray
    n_samples: int
    n_not_converged: int = 0

    @property
    def standardized_coefs(self) -> np.ndarray:
        """Coefficients per one standard deviation of each feature, ``coefs · sd(x)``."""
        return self.coefs * self.x_scale[:, None]

    @property
    def penalized_coefs(self) -> np.ndarray:
        """The coefficients the penalty acts on (standardized when ``standardize``)."""
        return self.standardized_coefs if self.standardize else self.coefs

    @property
    def n_nonzero(self) -> np.ndarray:
        """Number of exactly non-zero coefficients at each λ, shape (n_lambdas,)."""
        return np.count_nonzero(self.coefs, axis=0)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Predictions for new rows at every λ, shape (n_rows, n_lambdas)."""
        return np.asarray(X, dtype=float) @ self.coefs + self.intercepts


def _check_penalty(penalty: str, l1_ratio: float) -> float:
    """Validate the penalty name and return the effective r."""
    if penalty not in PENALTIES:
        raise ValueError(f"Unknown penalty {penalty!r}; choose one of {', '.join(PENALTIES)}.")
    if penalty == "l1":
        return 1.0
    if penalty == "l2":
        return 0.0
    if not 0.0 < l1_ratio <= 1.0:
        raise ValueError(f"For the elastic net, l1_ratio must be in (0, 1] (got {l1_ratio}).")
    return float(l1_ratio)


def _check_data(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D table (rows × features), got {X.ndim} dimension(s).")
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(f"y must be one value per row of X ({X.shape[0]} rows); got {y.shape}.")
    if X.shape[0] < 2 or X.shape[1] < 1:
        raise ValueError("Need at least 2 rows and 1 feature to fit a model.")
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("X and y must not contain missing or infinite values.")
    return X, y


def _center_and_scale(
    X: np.ndarray, standardize: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the centred (and optionally scaled) X, the column means and the scales."""
    x_mean = X.mean(axis=0)
    x_scale = X.std(axis=0)
    # A constant column has no spread to divide by; it stays zero after centring anyway.
    x_scale = np.where(x_scale > 0, x_scale, 1.0)
    Xc = X - x_mean
    if standardize:
        Xc = Xc / x_scale
    return Xc, x_mean, x_scale


def lambda_max(
    X: np.ndarray, y: np.ndarray, *, l1_ratio: float = 1.0, standardize: bool = True
) -> float:
    """Smallest λ at which every coefficient of the (elastic-net) lasso is exactly zero.

    λ_max = max_j |x̃_jᵀ(y − ȳ)| / (n·r), with x̃_j the centred (and, if
    ``standardize``, scaled) feature j. For ridge (r = 0) no finite λ zeroes the
    coefficients; pass glmnet's r = 0.001 (:data:`RIDGE_L1_RATIO`) to get the top of a
    ridge grid.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    l1_ratio : float, default 1.0
        r in (0, 1].
    standardize : bool, default True

    Returns
    -------
    float
    """
    X, y = _check_data(X, y)
    if not 0.0 < l1_ratio <= 1.0:
        raise ValueError(f"l1_ratio must be in (0, 1] for λ_max (got {l1_ratio}).")
    Xc, _, _ = _center_and_scale(X, standardize)
    correlation = np.abs(Xc.T @ (y - y.mean())).max() / X.shape[0]
    return float(correlation / l1_ratio)


def glmnet_grid(
    X: np.ndarray,
    y: np.ndarray,
    *,
    penalty: str = "l1",
    l1_ratio: float = 0.5,
    n_lambdas: int = 100,
    eps: float | None = None,
    standardize: bool = True,
) -> np.ndarray:
    """A glmnet-style grid: n log-spaced λ from λ_max down to eps·λ_max.

    For the lasso and elastic net, λ_max is the smallest λ at which every coefficient
    is zero (:func:`lambda_max`). For ridge the top follows glmnet (λ_max computed with
    r = 0.001, where ridge coefficients are ≈ 0), and the bottom is extended down to
    the lasso's smallest λ, so that ridge too reaches (nearly) least squares.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    penalty : {"l1", "l2", "elasticnet"}, default "l1"
    l1_ratio : float, default 0.5
        r for the elastic net (ignored otherwise).
    n_lambdas : int, default 100
        Number of grid points (at least 2).
    eps : float or None
        Ratio λ_min / λ_max (of the lasso). ``None`` uses 1e-3 when n > p
        (scikit-learn's default) and 1e-2 otherwise (glmnet's). glmnet goes down to 1e-4
        when n > p; on correlated designs that last decade, where the fit is visually
        least squares already, doubles the coordinate-descent time.
    standardize : bool, default True

    Returns
    -------
    ndarray of shape (n_lambdas,)
        Decreasing.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> X, y = load_diabetes(return_X_y=True)
    >>> grid = glmnet_grid(X, y, n_lambdas=5)
    >>> bool(grid[0] > grid[-1])
    True
    """
    r = _check_penalty(penalty, l1_ratio)
    X, y = _check_data(X, y)
    if n_lambdas < 2:
        raise ValueError(f"A grid needs at least 2 values of λ (got {n_lambdas}).")
    if eps is None:
        eps = 1e-3 if X.shape[0] > X.shape[1] else 1e-2
    if not 0.0 < eps < 1.0:
        raise ValueError(f"eps must be between 0 and 1 (got {eps}).")
    lasso_top = lambda_max(X, y, l1_ratio=1.0, standardize=standardize)
    if lasso_top == 0.0:
        raise ValueError("y is constant or uncorrelated with every feature: nothing to fit.")
    if r == 0.0:
        top, bottom = lasso_top / RIDGE_L1_RATIO, eps * lasso_top
    else:
        top = lasso_top / r
        bottom = eps * top
    return lambda_grid(bottom, top, n=n_lambdas)


def coefficient_path(
    X: np.ndarray,
    y: np.ndarray,
    penalty: str = "l1",
    lambdas: np.ndarray | None = None,
    l1_ratio: float = 0.5,
    standardize: bool = True,
    *,
    tol: float = CD_TOL,
    max_iter: int = 1_000,
) -> CoefficientPath:
    """Fit a penalized linear model at every λ of a grid.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Features (finite).
    y : ndarray of shape (n_samples,)
        Target (finite).
    penalty : {"l1", "l2", "elasticnet"}, default "l1"
        Lasso, ridge or elastic net.
    lambdas : array-like or None
        Penalty strengths (positive; sorted into decreasing order). ``None`` uses
        :func:`glmnet_grid` with 100 values.
    l1_ratio : float, default 0.5
        r for the elastic net, in (0, 1]; ignored for "l1" (r = 1) and "l2" (r = 0).
    standardize : bool, default True
        Scale each feature to unit standard deviation before penalizing, then map the
        coefficients back to the units of X.
    tol : float, default 1e-6
        Coordinate-descent tolerance (lasso and elastic net).
    max_iter : int, default 1000
        Coordinate-descent iteration limit per λ.

    Returns
    -------
    CoefficientPath

    Notes
    -----
    With ``standardize=False``, ``coefs[:, k]`` is the model scikit-learn fits with
    ``Lasso(alpha=lambdas[k])``, ``ElasticNet(alpha=lambdas[k], l1_ratio=r)`` or
    ``Ridge(alpha=n * lambdas[k])`` on the same X, y (up to the solver tolerance).

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> X, y = load_diabetes(return_X_y=True)
    >>> path = coefficient_path(X, y, penalty="l1")
    >>> path.coefs.shape
    (10, 100)
    >>> int(path.n_nonzero[0])
    0
    """
    r = _check_penalty(penalty, l1_ratio)
    X, y = _check_data(X, y)
    if lambdas is None:
        lambdas = glmnet_grid(X, y, penalty=penalty, l1_ratio=l1_ratio, standardize=standardize)
    lambdas = np.sort(np.atleast_1d(np.asarray(lambdas, dtype=float)))[::-1]
    if lambdas.size == 0 or not np.all(np.isfinite(lambdas)) or lambdas[-1] <= 0:
        raise ValueError("Every λ must be a positive, finite number.")
    n_samples = X.shape[0]
    Xc, x_mean, x_scale = _center_and_scale(X, standardize)
    y_mean = y.mean()
    yc = y - y_mean
    n_not_converged = 0
    with _blas().limit(limits=1, user_api="blas"):
        if r == 0.0:
            coefs = _ridge_path_svd(Xc, yc, lambdas)
        else:
            coefs, n_not_converged = _coordinate_descent_path(Xc, yc, lambdas, r, tol, max_iter)
    if standardize:
        coefs = coefs / x_scale[:, None]
    # Coordinate descent can return -0.0; adding 0.0 makes every exact zero print as "0".
    coefs = coefs + 0.0
    intercepts = y_mean - x_mean @ coefs
    return CoefficientPath(
        lambdas=lambdas,
        coefs=coefs,
        intercepts=intercepts,
        penalty=penalty,
        l1_ratio=r,
        standardize=standardize,
        x_mean=x_mean,
        x_scale=x_scale,
        n_samples=n_samples,
        n_not_converged=n_not_converged,
    )


def _ridge_path_svd(Xc: np.ndarray, yc: np.ndarray, lambdas: np.ndarray) -> np.ndarray:
    """β(λ) = V·diag(s / (s² + nλ))·Uᵀy for every λ, from one thin SVD of centred X."""
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    n_samples = Xc.shape[0]
    uty = U.T @ yc
    shrink = s[:, None] / (s[:, None] ** 2 + n_samples * lambdas[None, :])
    return Vt.T @ (shrink * uty[:, None])


def _coordinate_descent_path(
    Xc: np.ndarray, yc: np.ndarray, lambdas: np.ndarray, r: float, tol: float, max_iter: int
) -> tuple[np.ndarray, int]:
    """Lasso / elastic-net path by scikit-learn's coordinate descent with warm starts."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import enet_path, lasso_path

    n_samples, n_features = Xc.shape
    # The inputs are checked here once (finite float64, X in Fortran order as the solver
    # wants): with the default check_input=True scikit-learn re-validates the Gram matrix
    # for every λ, which was 70 % of a 300×60 lasso path with 5-fold CV (measured).
    Xc = np.asfortranarray(Xc, dtype=np.float64)
    yc = np.ascontiguousarray(yc, dtype=np.float64)
    options: dict = {"alphas": lambdas, "tol": tol, "max_iter": max_iter, "check_input": False}
    if n_samples > n_features:
        # With more rows than features, coordinate descent on the Gram matrix XᵀX is
        # 3–10× faster (measured on 1000×200); X is centred already, as it must be.
        options["precompute"] = np.ascontiguousarray(Xc.T @ Xc)
        options["Xy"] = np.ascontiguousarray(Xc.T @ yc)
    else:
        options["precompute"] = False
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        if r == 1.0:
            _, coefs, _ = lasso_path(Xc, yc, **options)
        else:
            _, coefs, _ = enet_path(Xc, yc, l1_ratio=r, **options)
    n_not_converged = sum(issubclass(w.category, ConvergenceWarning) for w in caught)
    return np.asarray(coefs, dtype=float), n_not_converged


def entry_order(path: CoefficientPath) -> list[tuple[int, float]]:
    """Features in the order they first become non-zero as λ decreases.

    Parameters
    ----------
    path : CoefficientPath

    Returns
    -------
    list of (feature index, entry λ)
        The entry λ is the largest grid λ at which the coefficient is non-zero.
        Features that never leave zero on the grid are left out.
    """
    active = path.coefs != 0
    entered = active.any(axis=1)
    first = np.argmax(active, axis=1)
    order = sorted(np.flatnonzero(entered), key=lambda j: (first[j], j))
    return [(int(j), float(path.lambdas[first[j]])) for j in order]


def l1_norm_fraction(path: CoefficientPath) -> np.ndarray:
    """‖β(λ)‖₁ / max over the grid of ‖β‖₁, for the coefficients the penalty acts on.

    This is glmnet's alternative x axis: 0 where every coefficient is zero, 1 at the
    least-penalized end of the grid.

    Returns
    -------
    ndarray of shape (n_lambdas,)
    """
    norms = np.abs(path.penalized_coefs).sum(axis=0)
    top = norms.max()
    return norms / top if top > 0 else norms


@dataclass(frozen=True)
class SupportRecovery:
    """How a fitted coefficient vector's non-zeros match the true ones (synthetic data).

    Attributes
    ----------
    selected : int
        Number of non-zero fitted coefficients.
    true_positives : int
        Truly non-zero features that were kept.
    false_positives : int
        Truly zero features that were kept.
    missed : int
        Truly non-zero features set to zero.
    n_true : int
        Number of truly non-zero features.
    """

    selected: int
    true_positives: int
    false_positives: int
    missed: int
    n_true: int


def support_recovery(coef: np.ndarray, true_coef: np.ndarray) -> SupportRecovery:
    """Compare the exact zeros of ``coef`` with those of ``true_coef``.

    Parameters
    ----------
    coef, true_coef : ndarray of shape (n_features,)

    Returns
    -------
    SupportRecovery

    Examples
    --------
    >>> support_recovery(np.array([1.0, 0.0, 0.3]), np.array([2.0, 1.0, 0.0]))
    SupportRecovery(selected=2, true_positives=1, false_positives=1, missed=1, n_true=2)
    """
    coef = np.asarray(coef)
    true_coef = np.asarray(true_coef)
    if coef.shape != true_coef.shape:
        raise ValueError(f"Shapes differ: {coef.shape} fitted vs {true_coef.shape} true.")
    kept, truth = coef != 0, true_coef != 0
    return SupportRecovery(
        selected=int(kept.sum()),
        true_positives=int((kept & truth).sum()),
        false_positives=int((kept & ~truth).sum()),
        missed=int((~kept & truth).sum()),
        n_true=int(truth.sum()),
    )


# --------------------------------------------------------------------------- the page
#
# The Coefficient paths page shows, for the data the learner picks, each penalty's path
# and k-fold cross-validation curve (computed once per setting and cached), and at the λ
# the learner picks the exact coefficients of all three penalties (one cheap fit each),
# so moving λ never refits a path.

VIEW_PENALTIES: dict[str, tuple[str, ...]] = {
    "compare": ("l1", "l2"),
    "all": ("l1", "l2", "elasticnet"),
    "l1": ("l1",),
    "l2": ("l2",),
    "elasticnet": ("elasticnet",),
}
"""The penalties each view of the page draws, one figure each, side by side."""

N_LAMBDAS = 100
"""λ values per path: smooth lines at the width of a figure."""

DEFAULTS: dict[str, Any] = {
    # Lasso and ridge side by side on one λ axis, per 1 SD of x: the contrast of the page.
    "view": "compare",
    "source": "diabetes",
    # Synthetic data: n rows, p features, k truly non-zero, correlation ρ, noise σ, seed.
    "n": 200,
    "p": 50,
    "k": 5,
    "rho": 0.3,
    "sigma": 1.0,
    "seed": 0,
    "l1_ratio": 0.5,
    "x_axis": "lambda",
    "units": "standardized",
    "standardize": True,
    "folds": 5,
    # λ starts at λ_1se of the first penalty drawn; its range comes from the data.
    "lam": None,
}
"""Every setting of the Coefficient paths page, at its default."""

PRESETS: dict[str, dict[str, Any]] = {
    # Lasso beside ridge on the diabetes data, per 1 SD of x: zeros against shrinkage.
    "lasso vs ridge side by side": {**DEFAULTS},
    # glmnet's classic figure: the lasso alone on the diabetes data.
    "the classic picture": {**DEFAULTS, "view": "l1"},
    # 5 true features among 50 correlated ones: which does the lasso keep at λ_1se?
    "can the lasso find the truth?": {
        **DEFAULTS,
        "view": "l1",
        "source": "synthetic",
        "n": 100,
        "p": 50,
        "k": 5,
        "rho": 0.5,
        "sigma": 1.0,
    },
    # All three penalties, the elastic net halfway between.
    "all three penalties": {**DEFAULTS, "view": "all"},
}
"""Examples one click away; each is a full state over :data:`DEFAULTS`."""

_WORDS = {"l1": "the lasso", "l2": "ridge", "elasticnet": "the elastic net"}


@dataclass(frozen=True, eq=False)
class PathsAtLambda:
    """What the page shows at one λ.

    Attributes
    ----------
    lam : float
        The λ the learner picked.
    shown : tuple of str
        The penalties drawn, in order (keys of ``paths`` and ``cvs``).
    paths : mapping of str to CoefficientPath
    cvs : mapping of str to CVCurve
        Each drawn penalty's path on all rows and its cross-validation curve.
    coefs : mapping of str to ndarray
        Exact coefficients of every penalty (``"l1"``, ``"l2"``, ``"elasticnet"``) at
        ``lam``, in the units of X (see :func:`coefficients_at`).
    feature_names : tuple of str
    units : {"standardized", "original"}
        How the page reports coefficients: per 1 SD of x, or per unit of x.
    true_coef : ndarray or None
        The coefficients that generated y (synthetic data).
    l1_ratio : float
        r of the elastic net.
    """

    lam: float
    shown: tuple[str, ...]
    paths: Mapping[str, CoefficientPath]
    cvs: Mapping[str, CVCurve]
    coefs: Mapping[str, np.ndarray]
    feature_names: tuple[str, ...]
    units: str = "standardized"
    true_coef: np.ndarray | None = None
    l1_ratio: float = 0.5

    @property
    def x_scale(self) -> np.ndarray:
        """Standard deviations of the features (population)."""
        return self.paths[self.shown[0]].x_scale

    def in_units(self, coef: np.ndarray) -> np.ndarray:
        """Coefficients (units of X) in the units the page reports."""
        return coef * self.x_scale if self.units == "standardized" else np.asarray(coef)


def coefficients_at(
    X: np.ndarray, y: np.ndarray, lam: float, *, l1_ratio: float = 0.5, standardize: bool = True
) -> dict[str, np.ndarray]:
    """Exact coefficients of the lasso, ridge and the elastic net at one λ (one fit each).

    Not read off a path's grid: λ may lie between grid points.

    Examples
    --------
    >>> from regviz.experiments.datasets import load_bundled
    >>> data = load_bundled("diabetes")
    >>> coefs = coefficients_at(data.X, data.y, 1.0)
    >>> int((coefs["l1"] == 0).sum()), int((coefs["l2"] == 0).sum())
    (3, 0)
    """
    return {
        penalty: coefficient_path(X, y, penalty, [lam], l1_ratio, standardize).coefs[:, 0]
        for penalty in PENALTIES
    }


def lambda_span(X: np.ndarray, y: np.ndarray, *, standardize: bool = True) -> tuple[float, float]:
    """The λ range the page offers for these data: every penalty's grid fits in it.

    From the lasso's smallest grid λ up to the top of the ridge grid (glmnet's rule,
    1000 × the lasso's λ_max), rounded out to powers of ten: lasso and ridge share one λ
    axis that ends at its ticks, the λ control offers round values (0.01, 0.5, 2, ...)
    and keeps its range when the learner switches penalty.

    Examples
    --------
    >>> from regviz.experiments.datasets import load_bundled
    >>> data = load_bundled("diabetes")
    >>> lambda_span(data.X, data.y)
    (0.01, 100000.0)
    """
    grid = glmnet_grid(X, y, penalty="l2", n_lambdas=2, standardize=standardize)
    low, high = np.floor(np.log10(grid[-1])), np.ceil(np.log10(grid[0]))
    return float(10.0**low), float(10.0**high)


def synthetic_settings(values: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments of :func:`regviz.experiments.datasets.make_synthetic`, in its order,
    from the page's values (k at most p).

    Examples
    --------
    >>> synthetic_settings({**DEFAULTS, "p": 3})
    {'n': 200, 'p': 3, 'k': 3, 'rho': 0.3, 'sigma': 1.0, 'seed': 0}
    """
    p = int(values["p"])
    return {
        "n": int(values["n"]),
        "p": p,
        "k": min(int(values["k"]), p),
        "rho": float(values["rho"]),
        "sigma": float(values["sigma"]),
        "seed": int(values["seed"]),
    }


def first_penalty(view: str) -> str:
    """The penalty whose λ_1se the λ control starts at (the first one drawn).

    Examples
    --------
    >>> first_penalty("compare"), first_penalty("l2")
    ('l1', 'l2')
    """
    return VIEW_PENALTIES[view][0]


def _count(values: np.ndarray) -> int:
    return int(np.count_nonzero(values))


def describe_paths(result: PathsAtLambda) -> str:
    """ "What to notice": zeros against shrinkage at λ, and what cross-validation picks.

    Examples
    --------
    >>> result = _example()
    >>> print(describe_paths(result))  # doctest: +ELLIPSIS +NORMALIZE_WHITESPACE
    At λ = 1 the lasso keeps 7 of 10 coefficients and sets 3 to exactly zero; ridge at
    the same λ keeps all 10 non-zero (the smallest in size is 0.28, shrunk but not
    zero); the elastic net (r = 0.5) keeps 10. Cross-validation picks, for the lasso,
    λ_min = 0.846 (8 non-zero, CV error 2972) and λ_1se = 5.19 (5 non-zero, CV error
    3096); for ridge, ... λ_1se is the simpler model, within one standard error of the
    best.
    """
    p = len(result.feature_names)
    kept = {penalty: _count(result.coefs[penalty]) for penalty in PENALTIES}
    ridge = np.abs(result.in_units(result.coefs["l2"]))
    if kept["l2"] == p:
        ridge_text = (
            f"keeps all {p} non-zero (the smallest in size is {ridge.min():.2g}, shrunk but "
            "not zero)"
        )
    else:
        ridge_text = f"keeps {kept['l2']} of {p} non-zero"
    text = (
        f"At λ = {result.lam:.3g} the lasso keeps {kept['l1']} of {p} coefficients and sets "
        f"{p - kept['l1']} to exactly zero; ridge at the same λ {ridge_text}; the elastic "
        f"net (r = {result.l1_ratio:g}) keeps {kept['elasticnet']}."
    )
    picks = []
    for penalty in result.shown:
        cv, path = result.cvs[penalty], result.paths[penalty]
        at_min, at_1se = path.n_nonzero[cv.index_min], path.n_nonzero[cv.index_1se]
        picks.append(
            f"for {_WORDS[penalty]}, λ_min = {cv.lambda_min:.3g} ({at_min} non-zero, CV error "
            f"{cv.mean_mse[cv.index_min]:.4g}) and λ_1se = {cv.lambda_1se:.3g} ({at_1se} "
            f"non-zero, CV error {cv.mean_mse[cv.index_1se]:.4g})"
        )
    return (
        text
        + " Cross-validation picks, "
        + "; ".join(picks)
        + ". λ_1se is the simpler model, within one standard error of the best."
    )


def describe_convergence(result: PathsAtLambda) -> str:
    """A sentence per drawn penalty whose fits stopped at the iteration limit ("" if none).

    The counting and wording are :func:`regviz.experiments.crossval.describe_convergence`'s;
    here each sentence is prefixed with its penalty, as several are drawn side by side.

    Examples
    --------
    >>> describe_convergence(_example())
    ''
    """
    from regviz.experiments.crossval import describe_convergence as one_penalty

    sentences = []
    for penalty in result.shown:
        text = one_penalty(result.paths[penalty], result.cvs[penalty])
        if text:
            sentences.append(f"{PENALTY_NAMES[penalty]}: {text}")
    return " ".join(sentences)


def alt_text(result: PathsAtLambda, penalty: str) -> str:
    """A text alternative for one penalty's figure, with the numbers it shows.

    Examples
    --------
    >>> print(alt_text(_example(), "l1"))  # doctest: +NORMALIZE_WHITESPACE
    L1 (lasso): paths of 10 coefficients against λ (log axis), per 1 SD of x, with the
    5-fold cross-validation error below. At λ = 1: 7 non-zero, 3 exactly zero. The CV
    error is lowest at λ_min = 0.846; λ_1se = 5.19.
    """
    cv = result.cvs[penalty]
    p = len(result.feature_names)
    kept = _count(result.coefs[penalty])
    units = "per 1 SD of x" if result.units == "standardized" else "per unit of x"
    return (
        f"{PENALTY_NAMES[penalty]}: paths of {p} coefficients against λ (log axis), {units}, "
        f"with the {cv.fold_mse.shape[0]}-fold cross-validation error below. At λ = "
        f"{result.lam:.3g}: {kept} non-zero, {p - kept} exactly zero. The CV error is lowest "
        f"at λ_min = {cv.lambda_min:.3g}; λ_1se = {cv.lambda_1se:.3g}."
    )


def table_title(result: PathsAtLambda) -> str:
    """The heading of the coefficient table.

    Examples
    --------
    >>> table_title(_example())
    'Coefficients at λ = 1, per 1 SD of x'
    """
    units = "per 1 SD of x" if result.units == "standardized" else "per unit of x"
    return f"Coefficients at λ = {result.lam:.3g}, {units}"


def coefficient_table(result: PathsAtLambda) -> pd.DataFrame:
    """Every penalty's exact coefficients at λ (the drawn ones first), and the truth.

    Examples
    --------
    >>> list(coefficient_table(_example()).columns)
    ['L1 (lasso)', 'L2 (ridge)', 'Elastic net']
    """
    import pandas as pd

    order = [*result.shown, *[p for p in PENALTIES if p not in result.shown]]
    columns = {PENALTY_NAMES[p]: result.in_units(result.coefs[p]) for p in order}
    if result.true_coef is not None:
        columns["true β"] = result.in_units(result.true_coef)
    return pd.DataFrame(columns, index=pd.Index(result.feature_names, name="feature"))


def entry_table(path: CoefficientPath, feature_names: Sequence[str]) -> pd.DataFrame:
    """The order in which features enter as λ decreases, with the λ where each enters.

    Examples
    --------
    >>> result = _example()
    >>> first = entry_table(result.paths["l1"], result.feature_names).iloc[0]
    >>> first["feature"], round(float(first["enters at λ"]), 2)
    ('bmi', 42.12)
    """
    import pandas as pd

    order = entry_order(path)
    return pd.DataFrame(
        {
            "feature": [feature_names[j] for j, _ in order],
            "enters at λ": [float(v) for _, v in order],
        },
        index=pd.RangeIndex(1, len(order) + 1, name="step"),
    )


def support_metrics(found: SupportRecovery) -> list[Readout]:
    """The three numbers of the "did it find the truth" report, each with a tooltip.

    Examples
    --------
    >>> support_metrics(SupportRecovery(6, 5, 1, 0, 5))[0][:2]
    ('True positives', '5 of 5')
    """
    return [
        Readout(
            "True positives",
            f"{found.true_positives} of {found.n_true}",
            help="Truly non-zero features the lasso keeps at λ_1se.",
        ),
        Readout(
            "False positives",
            str(found.false_positives),
            help="Truly zero features the lasso keeps at λ_1se.",
        ),
        Readout(
            "Missed",
            str(found.missed),
            help="Truly non-zero features the lasso sets to zero at λ_1se.",
        ),
    ]


def describe_support(found: SupportRecovery, lambda_1se: float, n_features: int) -> str:
    """The sentence under the "did it find the truth" report.

    Examples
    --------
    >>> print(describe_support(SupportRecovery(6, 5, 1, 0, 5), 0.12, 50))
    ... # doctest: +NORMALIZE_WHITESPACE
    At λ_1se = 0.12 the lasso selects 6 features: 5 of the 5 truly non-zero ones and 1
    of the 45 truly zero ones. In the figure, truly zero features are grey and dotted.
    """
    return (
        f"At λ_1se = {lambda_1se:.3g} the lasso selects {found.selected} features: "
        f"{found.true_positives} of the {found.n_true} truly non-zero ones and "
        f"{found.false_positives} of the {n_features - found.n_true} truly zero ones. In the "
        "figure, truly zero features are grey and dotted."
    )


def data_code(source: str, settings: Mapping[str, Any]) -> list[str]:
    """Lines of Python that build the page's data set (``data``) for the snippet.

    ``settings`` holds the synthetic settings (``n``, ``p``, ``k``, ``rho``, ``sigma``,
    ``seed``) or, for an upload, ``file``, ``target`` and ``features``.

    Examples
    --------
    >>> data_code("wine", {})
    ['from regviz.experiments.datasets import load_bundled', "data = load_bundled('wine')"]
    """
    if source == "synthetic":
        s = settings
        return [
            "from regviz.experiments.datasets import make_synthetic",
            f"data = make_synthetic({int(s['n'])}, {int(s['p'])}, {int(s['k'])}, "
            f"{float(s['rho'])!r}, {float(s['sigma'])!r}, {int(s['seed'])})",
        ]
    if source == "csv":
        return [
            "from regviz.experiments.datasets import dataset_from_table, read_csv",
            f"with open({str(settings['file'])!r}, 'rb') as file:  # the file you uploaded",
            "    table = read_csv(file.read())",
            f"data = dataset_from_table(table, {str(settings['target'])!r}, "
            f"{[str(f) for f in settings['features']]!r})",
        ]
    return [
        "from regviz.experiments.datasets import load_bundled",
        f"data = load_bundled({source!r})",
    ]


def code_snippet(
    result: PathsAtLambda, *, source: str, settings: Mapping[str, Any], standardize: bool = True
) -> str:
    """Runnable scikit-learn code that reproduces the coefficient table at the current λ.

    The page's λ is scikit-learn's ``alpha`` for ``Lasso`` and ``ElasticNet``; the same
    ridge model is ``Ridge(alpha=n·λ)``. The snippet standardizes as the page does, fits,
    maps back, and leaves the table's columns in ``coefs``.

    Examples
    --------
    >>> result = _example()
    >>> code = code_snippet(result, source="diabetes", settings={})
    >>> namespace = {}
    >>> exec(code, namespace)  # doctest: +ELLIPSIS
    L1 (lasso) ...
    >>> table = coefficient_table(result)
    >>> bool(np.allclose(namespace["coefs"]["L1 (lasso)"], table["L1 (lasso)"], atol=1e-4))
    True
    """
    order = [*result.shown, *[p for p in PENALTIES if p not in result.shown]]
    models = {
        "l1": "Lasso(alpha=lam, tol=1e-10, max_iter=100_000)",
        "l2": "Ridge(alpha=n * lam)",
        "elasticnet": f"ElasticNet(alpha=lam, l1_ratio={result.l1_ratio!r}, tol=1e-10, "
        "max_iter=100_000)",
    }
    per_sd = result.units == "standardized"
    lines = [
        "import numpy as np",
        "from sklearn.linear_model import ElasticNet, Lasso, Ridge",
        "",
        *data_code(source, settings),
        "X, y = data.X, data.y",
        "n = len(y)",
        f"lam = {float(result.lam)!r}  # λ = alpha of Lasso and ElasticNet; Ridge(alpha=n·λ)",
    ]
    if standardize:
        lines += [
            "# As the page does: scale each feature to SD 1 (population SD), fit, map back.",
            "sd = X.std(axis=0)",
            "sd[sd == 0] = 1.0",
            "Z = (X - X.mean(axis=0)) / sd",
        ]
    else:
        lines += ["sd = X.std(axis=0)", "Z = X  # not standardized: the units decide"]
    lines += ["models = {"]
    lines += [f"    {PENALTY_NAMES[p]!r}: {models[p]}," for p in order]
    lines += [
        "}",
        "coefs = {}",
        "for name, model in models.items():",
        "    beta = model.fit(Z, y).coef_" + (" / sd  # per unit of x" if standardize else ""),
        "    coefs[name] = beta * sd  # per 1 SD of x" if per_sd else "    coefs[name] = beta",
        "    print(name, np.round(coefs[name], 4))",
    ]
    return "\n".join(lines)


_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>!#|~$])")


def plain_text(text: object) -> str:
    """A sentence that may quote file content, made inert for Markdown.

    Column names from an uploaded file end up in notices and refusals; Streamlit renders
    those as Markdown. Here every character that Markdown (or Streamlit's extensions:
    math, coloured text) acts on is escaped, line breaks become spaces, and a zero-width
    space breaks what would turn into a link (``://``, ``www.``, an ``@``). The text reads
    the same.

    Examples
    --------
    >>> plain_text("Column '![x](https://host/x.png)' dropped.")
    "Column '\\\\!\\\\[x\\\\](https:\\u200b//host/x.png)' dropped."
    >>> plain_text("one-hot encoded as 2 column(s)")
    'one-hot encoded as 2 column(s)'
    """
    flat = " ".join(str(text).split())
    escaped = _MARKDOWN_ACTIVE.sub(r"\\\1", flat)
    escaped = escaped.replace("://", ":\u200b//").replace("@", "\u200b@")
    return re.sub(r"(?i)\bw(ww\.)", "w\u200b\\1", escaped)


@functools.cache
def _example() -> PathsAtLambda:
    """Lasso and ridge on the diabetes data at λ = 1 (for the examples above)."""
    from regviz.experiments.crossval import study_paths
    from regviz.experiments.datasets import load_bundled

    data = load_bundled("diabetes")
    study = study_paths(data.X, data.y, ("l1", "l2"))
    return PathsAtLambda(
        lam=1.0,
        shown=("l1", "l2"),
        paths=study.paths,
        cvs=study.cv,
        coefs=coefficients_at(data.X, data.y, 1.0),
        feature_names=data.feature_names,
    )
