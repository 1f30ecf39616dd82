"""K-fold cross-validation along a λ path, with glmnet's λ_min and λ_1se.

For each fold, :func:`regviz.experiments.paths.coefficient_path` is fitted once on the training
rows over the whole λ grid (warm starts for the lasso and elastic net, one SVD for
ridge), and the held-out rows are predicted at every λ at once. The folds come from
scikit-learn's :class:`~sklearn.model_selection.KFold`. Standardization, when asked
for, is learned on each training fold only, so no information leaks from the held-out
rows.

- mean error: the mean over folds of the held-out mean squared error (MSE);
- standard error: the standard deviation of the fold MSEs divided by √k;
- λ_min: the λ with the smallest mean error;
- λ_1se: the largest λ whose mean error is within one standard error of the minimum
  (glmnet's "one-standard-error rule": the simplest model that is statistically as
  good as the best).

Coordinate descent gets up to :data:`CV_MAX_ITER` sweeps per λ (10× scikit-learn's
default: on strongly correlated data, ρ = 0.9 with n = 200 and p = 50, it cured all 142
non-converged fold fits of a 100-λ lasso grid for ~3× the time, and costs nothing where
1,000 suffice). Fits that still stop at the limit are counted
(:attr:`CVCurve.n_not_converged`) and :func:`describe_convergence` says so; scikit-learn's
``ConvergenceWarning`` never reaches the log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import KFold

from regviz.core.conventions import PENALTIES
from regviz.core.stats import standard_error
from regviz.experiments.paths import CoefficientPath, coefficient_path, glmnet_grid

Progress = Callable[[float], None] | None

CV_MAX_ITER = 10_000
"""Coordinate-descent sweeps allowed per λ in the cross-validation fits."""


@dataclass(frozen=True, eq=False)
class CVCurve:
    """Cross-validated prediction error along a λ grid.

    Attributes
    ----------
    lambdas : ndarray of shape (n_lambdas,)
        The grid, decreasing.
    fold_mse : ndarray of shape (n_folds, n_lambdas)
        Held-out mean squared error of each fold at each λ.
    mean_mse : ndarray of shape (n_lambdas,)
        Mean of ``fold_mse`` over folds.
    se_mse : ndarray of shape (n_lambdas,)
        Standard error of that mean: std over folds (ddof=1) / √n_folds.
    index_min, index_1se : int
        Grid positions of λ_min and λ_1se.
    penalty : str
    l1_ratio : float
    n_not_converged : int
        Fold fits (one per fold and λ) where coordinate descent stopped at its iteration
        limit: their held-out errors are approximate.
    fold_not_converged : ndarray of int, shape (n_folds,)
        The same per fold: how many of its λ values stopped early.
    """

    lambdas: np.ndarray
    fold_mse: np.ndarray
    mean_mse: np.ndarray
    se_mse: np.ndarray
    index_min: int
    index_1se: int
    penalty: str
    l1_ratio: float
    n_not_converged: int = 0
    fold_not_converged: np.ndarray | None = None

    @property
    def n_fold_fits(self) -> int:
        """Fold fits behind the curve: folds × λ values."""
        return int(self.fold_mse.size)

    @property
    def lambda_min(self) -> float:
        """λ with the smallest cross-validated error."""
        return float(self.lambdas[self.index_min])

    @property
    def lambda_1se(self) -> float:
        """Largest λ with error within one standard error of the minimum."""
        return float(self.lambdas[self.index_1se])


def one_se_rule(lambdas: np.ndarray, mean: np.ndarray, se: np.ndarray) -> tuple[int, int]:
    """glmnet's choice of λ_min and λ_1se on a grid.

    Parameters
    ----------
    lambdas : ndarray of shape (n_lambdas,)
        Decreasing.
    mean, se : ndarray of shape (n_lambdas,)
        Mean cross-validated error and its standard error.

    Returns
    -------
    (index_min, index_1se) : tuple of int
        ``index_min`` minimizes ``mean`` (the largest λ among ties); ``index_1se`` is the
        largest λ with ``mean <= mean[index_min] + se[index_min]``.

    Examples
    --------
    >>> one_se_rule(np.array([3.0, 2.0, 1.0]), np.array([5.0, 2.5, 2.0]), np.array([1, 1, 1.0]))
    (2, 1)
    """
    lambdas = np.asarray(lambdas, dtype=float)
    if np.any(np.diff(lambdas) >= 0):
        raise ValueError("The λ grid must be strictly decreasing.")
    index_min = int(np.argmin(mean))
    threshold = mean[index_min] + se[index_min]
    # The grid is decreasing, so the first index under the threshold is the largest λ.
    index_1se = int(np.flatnonzero(mean <= threshold)[0])
    return index_min, index_1se


def cross_validate_path(
    X: np.ndarray,
    y: np.ndarray,
    penalty: str = "l1",
    lambdas: np.ndarray | None = None,
    l1_ratio: float = 0.5,
    standardize: bool = True,
    *,
    n_folds: int = 5,
    seed: int = 0,
    progress: Progress = None,
    max_iter: int = CV_MAX_ITER,
) -> CVCurve:
    """K-fold cross-validated MSE ± 1 SE along a λ grid, with λ_min and λ_1se.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    penalty : {"l1", "l2", "elasticnet"}, default "l1"
    lambdas : array-like or None
        The grid (sorted into decreasing order); ``None`` uses
        :func:`regviz.experiments.paths.glmnet_grid` on the full data.
    l1_ratio : float, default 0.5
        r for the elastic net.
    standardize : bool, default True
        Standardize within each training fold.
    n_folds : int, default 5
        Number of folds k, 2 ≤ k ≤ n.
    seed : int, default 0
        Seed of the shuffled :class:`~sklearn.model_selection.KFold` split.
    progress : callable or None
        Called with the finished fraction (0–1] after each fold.
    max_iter : int, default CV_MAX_ITER
        Coordinate-descent sweeps allowed per λ (lasso and elastic net).

    Returns
    -------
    CVCurve
        With ``n_not_converged``, the fold fits that stopped at ``max_iter``.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> X, y = load_diabetes(return_X_y=True)
    >>> cv = cross_validate_path(X, y, "l1")
    >>> bool(cv.lambda_1se >= cv.lambda_min)
    True
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if not 2 <= n_folds <= X.shape[0]:
        raise ValueError(f"The number of folds must be between 2 and {X.shape[0]}.")
    if lambdas is None:
        lambdas = glmnet_grid(X, y, penalty=penalty, l1_ratio=l1_ratio, standardize=standardize)
    lambdas = np.sort(np.asarray(lambdas, dtype=float))[::-1]
    folds = KFold(n_splits=n_folds, shuffle=True, random_state=seed)
    fold_mse = np.empty((n_folds, lambdas.size))
    stopped = np.zeros(n_folds, dtype=int)
    for i, (train, test) in enumerate(folds.split(X)):
        path = coefficient_path(
            X[train],
            y[train],
            penalty,
            lambdas,
            l1_ratio=l1_ratio,
            standardize=standardize,
            max_iter=max_iter,
        )
        residuals = y[test, None] - path.predict(X[test])
        fold_mse[i] = np.mean(residuals**2, axis=0)
        stopped[i] = path.n_not_converged
        if progress is not None:
            progress((i + 1) / n_folds)
    mean = fold_mse.mean(axis=0)
    se = standard_error(fold_mse, axis=0)
    index_min, index_1se = one_se_rule(lambdas, mean, se)
    return CVCurve(
        lambdas=lambdas,
        fold_mse=fold_mse,
        mean_mse=mean,
        se_mse=se,
        index_min=index_min,
        index_1se=index_1se,
        penalty=penalty,
        l1_ratio=path.l1_ratio,
        n_not_converged=int(stopped.sum()),
        fold_not_converged=stopped,
    )


def convergence_note(n_not_converged: int, n_fits: int, what: str = "fits") -> str | None:
    """A sentence saying how many fits stopped at the iteration limit, or None if none did.

    Examples
    --------
    >>> convergence_note(0, 500) is None
    True
    >>> convergence_note(12, 500, "cross-validation fold fits")[:60]
    'Coordinate descent stopped at its iteration limit in 12 of 5'
    """
    if n_not_converged <= 0:
        return None
    return (
        f"Coordinate descent stopped at its iteration limit in {n_not_converged} of {n_fits} "
        f"{what}: those coefficients, and any error computed from them, are approximate."
    )


def describe_convergence(
    path: CoefficientPath | None = None, cv: CVCurve | None = None
) -> str | None:
    """What the Paths page says when fits did not converge (None when all did).

    Counts the λ values of the fit on all rows and the fold fits of the cross-validation
    that stopped at the iteration limit, and in how many folds.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> X, y = load_diabetes(return_X_y=True)
    >>> describe_convergence(cv=cross_validate_path(X, y, "l1")) is None
    True
    """
    parts = []
    if path is not None and path.n_not_converged:
        parts.append(
            convergence_note(path.n_not_converged, path.lambdas.size, "λ values of the full fit")
        )
    if cv is not None and cv.n_not_converged:
        text = convergence_note(cv.n_not_converged, cv.n_fold_fits, "cross-validation fold fits")
        if cv.fold_not_converged is not None:
            folds = int(np.count_nonzero(cv.fold_not_converged))
            text += f" ({folds} of the {cv.fold_mse.shape[0]} folds are affected.)"
        parts.append(text)
    return " ".join(p for p in parts if p) or None


@dataclass(frozen=True, eq=False)
class PathStudy:
    """Paths and CV curves of several penalties on the same data.

    Attributes
    ----------
    paths : dict of str → CoefficientPath
    cv : dict of str → CVCurve
        Keyed by penalty (``"l1"``, ``"l2"``, ``"elasticnet"``).
    """

    paths: dict[str, CoefficientPath]
    cv: dict[str, CVCurve]


def study_paths(
    X: np.ndarray,
    y: np.ndarray,
    penalties: Sequence[str] = PENALTIES,
    *,
    l1_ratio: float = 0.5,
    standardize: bool = True,
    n_lambdas: int = 100,
    eps: float | None = None,
    n_folds: int = 5,
    seed: int = 0,
    progress: Progress = None,
    max_iter: int = CV_MAX_ITER,
) -> PathStudy:
    """Path on the full data plus k-fold CV, for each penalty, on its glmnet-style grid.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    penalties : sequence of str, default all three
    l1_ratio : float, default 0.5
        r for the elastic net.
    standardize : bool, default True
    n_lambdas : int, default 100
    eps : float or None
        λ_min / λ_max of the grid (see :func:`regviz.experiments.paths.glmnet_grid`).
    n_folds : int, default 5
    seed : int, default 0
        Seed of the fold split (the same folds for every penalty).
    progress : callable or None
        Called with the finished fraction (0–1] as the work proceeds.
    max_iter : int, default CV_MAX_ITER
        Coordinate-descent sweeps allowed per λ, for the full fit and the folds.

    Returns
    -------
    PathStudy

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> X, y = load_diabetes(return_X_y=True)
    >>> study = study_paths(X, y, ("l1",), n_lambdas=20)
    >>> study.cv["l1"].n_not_converged, study.paths["l1"].n_not_converged
    (0, 0)
    """
    paths: dict[str, CoefficientPath] = {}
    curves: dict[str, CVCurve] = {}
    # A path and its k fold paths cost about the same each: k + 1 steps per penalty.
    steps = len(penalties) * (n_folds + 1)
    done = 0

    def fold_progress(fraction: float) -> None:
        if progress is not None:
            progress(min(1.0, (done + fraction * n_folds) / steps))

    for penalty in penalties:
        grid = glmnet_grid(
            X,
            y,
            penalty=penalty,
            l1_ratio=l1_ratio,
            n_lambdas=n_lambdas,
            eps=eps,
            standardize=standardize,
        )
        paths[penalty] = coefficient_path(
            X, y, penalty, grid, l1_ratio, standardize, max_iter=max_iter
        )
        done += 1
        fold_progress(0.0)
        curves[penalty] = cross_validate_path(
            X,
            y,
            penalty,
            grid,
            l1_ratio,
            standardize,
            n_folds=n_folds,
            seed=seed,
            progress=fold_progress,
            max_iter=max_iter,
        )
        done += n_folds
    return PathStudy(paths=paths, cv=curves)
