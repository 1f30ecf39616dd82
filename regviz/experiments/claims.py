"""Claim checker: common statements about L1 and L2, each tested by a live experiment.

Every claim has a function ``check_<claim>(*, seed=0, ...)`` that runs a small seeded
experiment and returns a frozen dataclass holding the numbers, a :class:`Verdict` and a
sentence of evidence. The verdict is never written by hand: a small pure function
``<claim>_verdict(...)`` turns the measured numbers into TRUE, FALSE or HALF-TRUE by the
rule stated in :data:`CLAIMS`, so a different experiment can give a different verdict.

All penalized fits follow regviz's one λ convention (:mod:`regviz.core.conventions`)::

    (1/2n)·‖y − Xβ − b‖² + λ·[ r·‖β‖₁ + ½(1 − r)·‖β‖₂² ]

so the lasso is ``Lasso(alpha=λ)`` and ridge is ``Ridge(alpha=n·λ)``.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import (
    HuberRegressor,
    Lasso,
    LinearRegression,
    QuantileRegressor,
    Ridge,
    lars_path,
    lasso_path,
)

from regviz.core.conventions import CD_TOL, sklearn_ridge_alpha
from regviz.core.geometry import solve_penalized
from regviz.core.proximal import ista

# The claims compare zero patterns and slopes to many digits: their coordinate-descent
# fits run 10,000× tighter than the app's CD_TOL (regviz.core.conventions).
EXACT_CD_TOL = CD_TOL * 1e-4
CD_MAX_ITER = 100_000
ZERO_TOL = 0.0  # a coefficient counts as zero only when it is exactly 0.0


class Verdict(StrEnum):
    """The computed verdict on a claim."""

    TRUE = "true"
    FALSE = "false"
    HALF_TRUE = "half-true"


@dataclass(frozen=True)
class ClaimInfo:
    """What a claim says and the rule that turns the evidence into a verdict."""

    key: str
    statement: str
    rule: str
    experiment: str


CLAIMS: dict[str, ClaimInfo] = {
    info.key: info
    for info in (
        ClaimInfo(
            "sparse",
            "L1 produces sparse solutions, L2 does not.",
            "TRUE if, at the chosen λ, the lasso has at least one coefficient exactly 0 and "
            "ridge has none; HALF-TRUE if neither has an exact zero (the lasso needs a larger "
            "λ to zero anything); FALSE if ridge has an exact zero.",
            "Fit lasso and ridge with the same λ to p features of which only k matter; "
            "count coefficients that are exactly 0.",
        ),
        ClaimInfo(
            "binary",
            "L1 gives binary 0/1 weights.",
            "TRUE if every non-zero lasso coefficient equals ±1 (to 10⁻⁶); FALSE if at least "
            "one non-zero coefficient is not ±1; HALF-TRUE if every coefficient is 0 "
            "(nothing left to judge: only the in/out pattern is binary).",
            "Fit the lasso to features with true weights of many sizes and look at the "
            "non-zero weights.",
        ),
        ClaimInfo(
            "gradient",
            "L1 can't be optimized with gradient methods because it isn't differentiable.",
            "FALSE if proximal gradient descent (ISTA: a gradient step, then "
            "soft-thresholding) reaches the lasso optimum of scikit-learn's coordinate "
            "descent to a relative objective gap ≤ 10⁻⁶ with the same exact zeros; "
            "TRUE only if it stalls: after at least 20 iterations the gap is still above 10⁻¹ "
            "and the second half of the run did not halve it; HALF-TRUE otherwise (it has "
            "not got there within the iterations allowed, which says nothing about "
            "gradients failing).",
            "Run ISTA and plain subgradient descent on a lasso problem and track the gap "
            "to the optimum.",
        ),
        ClaimInfo(
            "unique",
            "L2 has one solution, L1 can have many.",
            "TRUE if lasso fits started differently end at different coefficients "
            "(spread > 10⁻³ of their size) with equal objective (relative difference "
            "≤ 10⁻⁸) while every ridge solver agrees (spread ≤ 10⁻⁶); FALSE if the ridge "
            "fits differ; HALF-TRUE otherwise: the lasso fits agree (a unique lasso "
            "solution), or they differ at unequal cost — a solver that did not finish, not "
            "a second solution.",
            "Feature 2 is a copy of feature 1 (or strongly correlated with it). Solve the "
            "same lasso and ridge problems from different starts and feature orders.",
        ),
        ClaimInfo(
            "collinearity",
            "L2 handles collinearity by sharing weight between correlated features, L1 picks one.",
            "TRUE if ridge splits the weight evenly (mean imbalance |β₁−β₂|/(|β₁|+|β₂|) "
            "≤ 0.25) and the lasso keeps exactly one of the two in ≥ 50 % of the data sets; "
            "HALF-TRUE if only one of the two halves holds; FALSE if neither does.",
            "Two correlated features that matter equally (y = x₁ + x₂ + noise); fit "
            "lasso and ridge exactly on 200 data sets.",
        ),
        ClaimInfo(
            "proportion",
            "Ridge shrinks all coefficients by the same proportion.",
            "TRUE if the ratios ridge/least-squares of all coefficients agree to 10⁻⁶ (they "
            "do exactly when XᵀX ∝ I: orthogonal features of equal length, orthonormal ones "
            "included); HALF-TRUE if they differ but all lie in [0, 1] (every coefficient "
            "shrinks, by different proportions); FALSE if some coefficient grows or flips "
            "sign.",
            "Fit least squares and ridge on an orthonormal, an orthogonal-but-unequally-"
            "scaled or a correlated design, and divide coefficient by coefficient.",
        ),
        ClaimInfo(
            "outliers",
            "L1 regularization is robust to outliers.",
            "The outlier's pull on a fit is how far its slope moves when the outlier moves "
            "1 σ further. FALSE if the outlier pulls the lasso at least half as hard as "
            "least squares; TRUE if no harder than the L1-loss (least absolute deviation) "
            "fit; HALF-TRUE in between. If λ has set the lasso's slope to 0 even with the "
            "outlier, the pull is measured from the outlier distance where the slope leaves "
            "0: a zero slope ignores every point, it does not resist one.",
            "Add one outlier to a straight-line data set; compare how far it drags least "
            "squares, the lasso (L1 penalty), and the L1 loss (least absolute deviation, "
            "plus Huber).",
        ),
    )
}


# ----------------------------------------------------------------------------- helpers


def _check_seed(seed: int) -> int:
    if int(seed) != seed or seed < 0:
        raise ValueError("The seed must be a whole number of at least 0.")
    return int(seed)


def _check_lambda(lam: float) -> float:
    lam = float(lam)
    if not np.isfinite(lam) or lam < 0:
        raise ValueError("λ must be a finite number of at least 0.")
    return lam


def _check_correlation(rho: float, *, allow_one: bool = False) -> float:
    rho = float(rho)
    high = 1.0 if allow_one else 0.999
    if not np.isfinite(rho) or not (0.0 <= rho <= high):
        raise ValueError(f"The correlation must lie between 0 and {high}.")
    return rho


def lasso_fit_counted(X: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, float, int]:
    """Lasso coefficients, intercept and 1 if coordinate descent hit its limit, else 0.

    scikit-learn's ``ConvergenceWarning`` is caught here (it would go to the server log);
    non-convergence is read off the iteration count instead and reported by the checks.

    Examples
    --------
    >>> X, y, _ = sparse_regression_data(seed=0)
    >>> coef, intercept, not_converged = lasso_fit_counted(X, y, 0.1)
    >>> not_converged
    0
    """
    if lam == 0:
        model = LinearRegression().fit(X, y)
        return model.coef_.copy(), float(model.intercept_), 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = Lasso(alpha=lam, tol=EXACT_CD_TOL, max_iter=CD_MAX_ITER).fit(X, y)
    return model.coef_.copy(), float(model.intercept_), int(model.n_iter_ >= CD_MAX_ITER)


def lasso_fit(X: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, float]:
    """Lasso coefficients and intercept at λ (scikit-learn ``Lasso(alpha=λ)``, tight tol).
    Examples
    --------
    >>> X, y, _ = sparse_regression_data(seed=0)
    >>> coef, intercept = lasso_fit(X, y, 0.1)
    >>> int(np.sum(coef == 0.0))
    11
    """
    coef, intercept, _ = lasso_fit_counted(X, y, lam)
    return coef, intercept


def _solver_note(n_not_converged: int) -> str:
    """A sentence when some coordinate-descent fit stopped at its iteration limit."""
    if n_not_converged == 0:
        return ""
    return (
        f" (Coordinate descent stopped at its iteration limit in {n_not_converged} fit(s): "
        "the numbers above are approximate.)"
    )


def ridge_fit(X: np.ndarray, y: np.ndarray, lam: float, solver: str = "auto") -> np.ndarray:
    """Ridge coefficients at λ: ``Ridge(alpha=n·λ)`` (regviz's convention)."""
    alpha = sklearn_ridge_alpha(lam, X.shape[0])
    return Ridge(alpha=alpha, solver=solver, tol=1e-12).fit(X, y).coef_.copy()


def lasso_objective(X: np.ndarray, y: np.ndarray, beta: np.ndarray, lam: float) -> float:
    """(1/2n)‖yc − Xc·β‖² + λ‖β‖₁ on centered data (the intercept profiled out)."""
    xc, yc = X - X.mean(axis=0), y - y.mean()
    r = yc - xc @ beta
    return float(r @ r / (2 * len(y)) + lam * np.abs(beta).sum())


def ridge_objective(X: np.ndarray, y: np.ndarray, beta: np.ndarray, lam: float) -> float:
    """(1/2n)‖yc − Xc·β‖² + (λ/2)‖β‖² on centered data."""
    xc, yc = X - X.mean(axis=0), y - y.mean()
    r = yc - xc @ beta
    return float(r @ r / (2 * len(y)) + 0.5 * lam * beta @ beta)


def sparse_regression_data(
    *, seed: int, n: int = 60, p: int = 20, k: int = 5, noise: float = 1.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gaussian features, the first k with true weights of varied size, the rest 0.

    Returns
    -------
    (X, y, beta_true)
    """
    if not (1 <= k <= p):
        raise ValueError("The number of relevant features must be between 1 and p.")
    if n < 5:
        raise ValueError("At least 5 data points are needed.")
    rng = np.random.default_rng(_check_seed(seed))
    X = rng.standard_normal((n, p))
    beta = np.zeros(p)
    beta[:k] = rng.choice([-1.0, 1.0], size=k) * np.linspace(3.0, 0.5, k)
    y = X @ beta + noise * rng.standard_normal(n)
    return X, y, beta


# ------------------------------------------------------------------- 1. sparse solutions


def sparse_verdict(lasso_zeros: int, ridge_zeros: int) -> Verdict:
    """The rule of the claim "L1 produces sparse solutions, L2 does not"."""
    if ridge_zeros > 0:
        return Verdict.FALSE
    return Verdict.TRUE if lasso_zeros > 0 else Verdict.HALF_TRUE


@dataclass(frozen=True)
class SparseEvidence:
    """Exact zeros of lasso and ridge fitted with the same λ.

    ``first_zero_lambda`` is λ₀: the lasso has at least one exact zero for every
    λ ≥ λ₀ (from the exact LARS path, :func:`lasso_zero_threshold`).
    """

    lam: float
    beta_true: np.ndarray
    lasso_coef: np.ndarray
    ridge_coef: np.ndarray
    lasso_zeros: int
    ridge_zeros: int
    first_zero_lambda: float
    verdict: Verdict
    summary: str
    n_not_converged: int = 0


def lasso_zero_threshold(X: np.ndarray, y: np.ndarray) -> tuple[float, int]:
    """λ₀: the lasso (with intercept) has an exact zero for every λ ≥ λ₀, and not just below.

    Computed from the exact, piecewise-linear lasso path (LARS with the lasso
    modification): between two knots the active set is fixed, so a coefficient is
    exactly 0 on the whole open interval when it is 0 at both ends. Going down from
    λ_max, λ₀ is the upper knot of the first interval where every coefficient is
    non-zero (0.0 when there is no such interval: a zero at every λ > 0). A path that
    drops a coefficient and picks it up again can have zeros at some λ < λ₀ as well;
    λ₀ is where they stop for good.

    Parameters
    ----------
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)

    Returns
    -------
    (float, int)
        λ₀ in regviz's convention (scikit-learn's ``Lasso(alpha=λ)``), and the number of
        warnings LARS raised (degenerate active sets), 0 on well-conditioned data.

    Examples
    --------
    >>> X, y, _ = sparse_regression_data(seed=0)
    >>> lam0, warned = lasso_zero_threshold(X, y)
    >>> def fit(lam):
    ...     return Lasso(alpha=lam, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    >>> bool(np.any(fit(1.01 * lam0) == 0)), bool(np.all(fit(0.99 * lam0) != 0)), warned
    (True, True, 0)
    """
    xc, yc = X - X.mean(axis=0), y - y.mean()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        alphas, _, coefs = lars_path(xc, yc, method="lasso")
    warned = sum(issubclass(w.category, ConvergenceWarning) for w in caught)
    for k in range(len(alphas) - 1):
        zero_on_interval = (coefs[:, k] == 0.0) & (coefs[:, k + 1] == 0.0)
        if not zero_on_interval.any():
            return float(alphas[k]), warned
    return 0.0, warned


def check_sparse(*, seed: int = 0, lam: float = 0.1, k: int = 5, p: int = 20) -> SparseEvidence:
    """Count exact zeros of the lasso and of ridge at the same λ.

    Parameters
    ----------
    seed : int
    lam : float
        λ in regviz's convention (lasso ``alpha``; ridge ``alpha = n·λ``).
    k : int
        Number of features that truly matter (of ``p``).
    p : int
        Number of features.

    Returns
    -------
    SparseEvidence

    Examples
    --------
    >>> ev = check_sparse(seed=0)
    >>> ev.verdict.value, ev.lasso_zeros, ev.ridge_zeros
    ('true', 11, 0)
    """
    lam = _check_lambda(lam)
    X, y, beta = sparse_regression_data(seed=seed, p=p, k=k)
    lasso_coef, _, not_converged = lasso_fit_counted(X, y, lam)
    ridge_coef = ridge_fit(X, y, lam)
    lasso_zeros = int(np.sum(lasso_coef == 0.0))
    ridge_zeros = int(np.sum(ridge_coef == 0.0))
    first_zero, _ = lasso_zero_threshold(X, y)
    verdict = sparse_verdict(lasso_zeros, ridge_zeros)
    always = (
        "for every λ > 0"
        if first_zero == 0.0
        else f"for every λ ≥ {first_zero:.3g} (read off the exact lasso path)"
    )
    summary = (
        f"At λ = {lam:.3g}, the lasso set {lasso_zeros} of {p} coefficients to exactly 0 "
        f"({k} features truly matter); ridge set {ridge_zeros} to exactly 0 — its smallest "
        f"coefficient is {np.abs(ridge_coef).min():.2g}, small but not zero. On this data the "
        f"lasso has at least one exact zero {always}." + _solver_note(not_converged)
    )
    return SparseEvidence(
        lam,
        beta,
        lasso_coef,
        ridge_coef,
        lasso_zeros,
        ridge_zeros,
        first_zero,
        verdict,
        summary,
        not_converged,
    )


# ---------------------------------------------------------------------- 2. binary weights


def binary_verdict(nonzero_values: np.ndarray, *, tol: float = 1e-6) -> Verdict:
    """The rule of the claim "L1 gives binary 0/1 weights"."""
    values = np.abs(np.asarray(nonzero_values, dtype=float))
    if values.size == 0:
        return Verdict.HALF_TRUE
    return Verdict.TRUE if np.all(np.abs(values - 1.0) <= tol) else Verdict.FALSE


@dataclass(frozen=True)
class BinaryEvidence:
    """The non-zero lasso weights, next to the true weights."""

    lam: float
    beta_true: np.ndarray
    lasso_coef: np.ndarray
    n_nonzero: int
    n_not_unit: int
    distinct_magnitudes: int
    verdict: Verdict
    summary: str


def check_binary(*, seed: int = 0, lam: float = 0.1) -> BinaryEvidence:
    """Are the lasso's non-zero weights all ±1?

    Parameters
    ----------
    seed : int
    lam : float
        λ in regviz's convention.

    Returns
    -------
    BinaryEvidence
    """
    lam = _check_lambda(lam)
    X, y, beta = sparse_regression_data(seed=seed, p=12, k=6)
    coef, _ = lasso_fit(X, y, lam)
    nonzero = coef[coef != 0.0]
    not_unit = int(np.sum(np.abs(np.abs(nonzero) - 1.0) > 1e-6))
    distinct = int(np.unique(np.round(np.abs(nonzero), 3)).size)
    verdict = binary_verdict(nonzero)
    if nonzero.size:
        detail = (
            f"its {nonzero.size} non-zero weights range from {np.abs(nonzero).min():.3f} to "
            f"{np.abs(nonzero).max():.3f} in absolute value ({distinct} different sizes); "
            f"{not_unit} of them are not ±1."
        )
    else:
        detail = "every weight is 0: λ is so large that nothing is left."
    summary = (
        f"At λ = {lam:.3g} the lasso zeroes {coef.size - nonzero.size} of {coef.size} weights, "
        f"and {detail} The lasso selects *and* estimates: the kept weights are the "
        "least-squares ones pulled towards 0, not switched on to 1."
    )
    return BinaryEvidence(lam, beta, coef, int(nonzero.size), not_unit, distinct, verdict, summary)


# -------------------------------------------------------------- 3. gradient methods


def gradient_verdict(
    ista_gap: float,
    same_zeros: bool,
    *,
    converged_tol: float = 1e-6,
    stalled: float = 0.1,
    halfway_gap: float | None = None,
    n_iter: int | None = None,
) -> Verdict:
    """The rule of the claim "L1 can't be optimized with gradient methods".

    FALSE when ISTA reached the optimum (gap ≤ ``converged_tol``, same exact zeros).
    TRUE only when it *stalls*: after at least :data:`MIN_STALL_ITER` iterations the gap
    is still above ``stalled`` and the second half of the run did not even halve it
    (``ista_gap > halfway_gap / 2``). A run that is merely too short to have arrived —
    or whose progress is not given — is HALF-TRUE, not evidence that gradients fail.

    Examples
    --------
    >>> gradient_verdict(0.6, False, halfway_gap=0.61, n_iter=1000).value
    'true'
    >>> gradient_verdict(0.6, False, halfway_gap=1.3, n_iter=2).value  # just too few steps
    'half-true'
    """
    if ista_gap <= converged_tol and same_zeros:
        return Verdict.FALSE
    if (
        halfway_gap is not None
        and n_iter is not None
        and n_iter >= MIN_STALL_ITER
        and ista_gap > stalled
        and ista_gap > 0.5 * halfway_gap
    ):
        return Verdict.TRUE
    return Verdict.HALF_TRUE


# Fewer iterations than this cannot show that a method stalls, only that it is not done.
MIN_STALL_ITER = 20


@dataclass(frozen=True)
class GradientEvidence:
    """Objective gaps of ISTA and subgradient descent on a lasso problem, per iteration."""

    lam: float
    iterations: np.ndarray
    ista_gap: np.ndarray
    subgradient_gap: np.ndarray
    ista_coef: np.ndarray
    subgradient_coef: np.ndarray
    reference_coef: np.ndarray
    ista_zeros: int
    subgradient_zeros: int
    reference_zeros: int
    same_zeros: bool
    verdict: Verdict
    summary: str


def ista_on_data(
    X: np.ndarray, y: np.ndarray, lam: float, n_iter: int
) -> tuple[np.ndarray, np.ndarray]:
    """ISTA (:func:`regviz.core.proximal.ista`) on (1/2n)‖y − Xβ‖² + λ‖β‖₁ (X, y centered).

    Returns
    -------
    (beta, objective per iteration)
    """
    n = len(y)
    iterates = ista(X.T @ X / n, X.T @ y / n, lam, n_iter)[1:]
    residuals = y[None, :] - iterates @ X.T
    history = np.einsum("ij,ij->i", residuals, residuals) / (2 * n) + lam * np.abs(iterates).sum(1)
    return iterates[-1], history


def subgradient_descent(
    X: np.ndarray, y: np.ndarray, lam: float, n_iter: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Plain subgradient descent (sign(β) as the derivative of |β|), step 1/(L·√(k+1)).

    Returns
    -------
    (last beta, best objective so far per iteration, best beta)
    """
    n = len(y)
    gram, xty = X.T @ X / n, X.T @ y / n
    lipschitz = np.linalg.eigvalsh(gram)[-1]
    beta = np.zeros(X.shape[1])
    best_beta, best = beta.copy(), np.inf
    history = np.empty(n_iter)
    for i in range(n_iter):
        beta = beta - (gram @ beta - xty + lam * np.sign(beta)) / (lipschitz * np.sqrt(i + 1))
        r = y - X @ beta
        value = r @ r / (2 * n) + lam * np.abs(beta).sum()
        if value < best:
            best, best_beta = value, beta.copy()
        history[i] = best
    return beta, history, best_beta


def check_gradient(*, seed: int = 0, lam: float = 0.1, n_iter: int = 1000) -> GradientEvidence:
    """Solve a lasso with gradient-type methods and compare with coordinate descent.

    Parameters
    ----------
    seed : int
    lam : float
        λ in regviz's convention.
    n_iter : int
        Iterations of ISTA and of subgradient descent.

    Returns
    -------
    GradientEvidence

    Examples
    --------
    >>> check_gradient(seed=0, n_iter=200).verdict.value
    'false'
    """
    lam = _check_lambda(lam)
    if int(n_iter) != n_iter or not (1 <= n_iter <= 20_000):
        raise ValueError("The number of iterations must be between 1 and 20,000.")
    X, y, _ = sparse_regression_data(seed=seed, n=80, p=20, k=5)
    xc, yc = X - X.mean(axis=0), y - y.mean()
    reference, _, not_converged = lasso_fit_counted(X, y, lam)
    ista_coef, ista_hist = ista_on_data(xc, yc, lam, int(n_iter))
    sub_last, sub_hist, _ = subgradient_descent(xc, yc, lam, int(n_iter))
    optimum = min(lasso_objective(X, y, reference, lam), ista_hist.min(), sub_hist.min())
    scale = max(abs(optimum), 1e-12)
    ista_gap = np.maximum((ista_hist - optimum) / scale, 0.0)
    sub_gap = np.maximum((sub_hist - optimum) / scale, 0.0)
    same = bool(np.array_equal(ista_coef == 0.0, reference == 0.0))
    verdict = gradient_verdict(
        float(ista_gap[-1]),
        same,
        halfway_gap=float(ista_gap[(len(ista_gap) - 1) // 2]),
        n_iter=int(n_iter),
    )
    ref_zeros = int(np.sum(reference == 0.0))
    summary = (
        f"After {int(n_iter)} iterations ISTA (gradient step + soft-thresholding) is within a "
        f"relative gap of {ista_gap[-1]:.1e} of the optimum and has {int(np.sum(ista_coef == 0))} "
        f"exact zeros ({'the same' if same else 'not the same'} as coordinate descent's "
        f"{ref_zeros}); plain subgradient descent is at {sub_gap[-1]:.1e} with "
        f"{int(np.sum(sub_last == 0))} exact zeros — it zig-zags around 0 instead of landing."
        + (
            f" {int(n_iter)} iterations are too few to tell arriving late from stalling."
            if verdict is Verdict.HALF_TRUE and int(n_iter) < MIN_STALL_ITER
            else ""
        )
        + _solver_note(not_converged)
    )
    return GradientEvidence(
        lam,
        np.arange(1, int(n_iter) + 1),
        ista_gap,
        sub_gap,
        ista_coef,
        sub_last,
        reference,
        int(np.sum(ista_coef == 0.0)),
        int(np.sum(sub_last == 0.0)),
        ref_zeros,
        same,
        verdict,
        summary,
    )


# ------------------------------------------------------------------- 4. unique solutions


def unique_verdict(
    lasso_spread: float, lasso_objective_spread: float, ridge_spread: float
) -> Verdict:
    """The rule of the claim "L2 has one solution, L1 can have many".

    Spreads are relative: coefficient spreads divided by the coefficients' size,
    objective spreads by the objective.
    """
    if ridge_spread > 1e-6:
        return Verdict.FALSE
    if lasso_spread > 1e-3 and lasso_objective_spread <= 1e-8:
        return Verdict.TRUE
    return Verdict.HALF_TRUE


@dataclass(frozen=True)
class UniqueEvidence:
    """Lasso and ridge solutions on a design whose feature 2 copies feature 1."""

    lam: float
    correlation: float
    lasso_labels: tuple[str, ...]
    lasso_pairs: np.ndarray  # (runs, 2): weights of features 1 and 2
    lasso_objectives: np.ndarray
    ridge_labels: tuple[str, ...]
    ridge_pairs: np.ndarray
    ridge_objectives: np.ndarray
    lasso_spread: float
    lasso_objective_spread: float
    ridge_spread: float
    verdict: Verdict
    summary: str
    n_not_converged: int = 0


def _lasso_from(
    xc: np.ndarray, yc: np.ndarray, lam: float, init: np.ndarray, order: np.ndarray
) -> tuple[np.ndarray, int]:
    """Coordinate descent from ``init`` with the features visited in ``order``.

    Returns the coefficients and 1 if the iteration limit was reached, else 0.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        _, coefs, _, n_iter = lasso_path(
            xc[:, order],
            yc,
            alphas=[lam],
            coef_init=init[order],
            tol=1e-14,
            max_iter=CD_MAX_ITER,
            return_n_iter=True,
        )
    beta = np.empty_like(init)
    beta[order] = coefs[:, 0]
    return beta, int(np.max(n_iter) >= CD_MAX_ITER)


def check_unique(*, seed: int = 0, lam: float = 0.05, correlation: float = 1.0) -> UniqueEvidence:
    """Solve one lasso and one ridge problem several ways on (near-)duplicated features.

    Parameters
    ----------
    seed : int
    lam : float
        λ > 0 in regviz's convention.
    correlation : float
        Correlation of feature 2 with feature 1; 1.0 makes it an exact copy.

    Returns
    -------
    UniqueEvidence

    Examples
    --------
    >>> check_unique(seed=0).verdict.value
    'true'
    """
    lam = _check_lambda(lam)
    if lam == 0:
        raise ValueError("Choose λ > 0: without a penalty the duplicated problem has no answer.")
    rho = _check_correlation(correlation, allow_one=True)
    rng = np.random.default_rng(_check_seed(seed))
    n, p = 60, 5
    X = rng.standard_normal((n, p))
    X[:, 1] = rho * X[:, 0] + np.sqrt(max(0.0, 1.0 - rho * rho)) * X[:, 1]
    beta_true = np.array([2.0, 0.0, -1.0, 0.5, 0.0])
    y = X @ beta_true + rng.standard_normal(n)
    xc, yc = X - X.mean(axis=0), y - y.mean()
    natural, reversed_order = np.arange(p), np.arange(p)[::-1]
    ridge_start = ridge_fit(X, y, lam)
    fits = {
        "coordinate descent from 0": _lasso_from(xc, yc, lam, np.zeros(p), natural),
        "coordinate descent, features reversed": _lasso_from(
            xc, yc, lam, np.zeros(p), reversed_order
        ),
        "coordinate descent from the ridge fit": _lasso_from(xc, yc, lam, ridge_start, natural),
    }
    lasso_runs = {name: beta for name, (beta, _) in fits.items()}
    not_converged = sum(flag for _, flag in fits.values())
    ridge_runs = {
        f"Ridge solver '{solver}'": ridge_fit(X, y, lam, solver=solver)
        for solver in ("svd", "cholesky", "lsqr")
    }
    lasso_betas = np.array(list(lasso_runs.values()))
    ridge_betas = np.array(list(ridge_runs.values()))
    lasso_obj = np.array([lasso_objective(X, y, b, lam) for b in lasso_betas])
    ridge_obj = np.array([ridge_objective(X, y, b, lam) for b in ridge_betas])
    size = max(float(np.abs(lasso_betas[:, :2]).sum(axis=1).max()), 1e-12)
    lasso_spread = float(np.ptp(lasso_betas[:, :2], axis=0).max() / size)
    lasso_obj_spread = float(np.ptp(lasso_obj) / max(abs(lasso_obj.min()), 1e-12))
    ridge_size = max(float(np.abs(ridge_betas[:, :2]).sum(axis=1).max()), 1e-12)
    ridge_spread = float(np.ptp(ridge_betas, axis=0).max() / ridge_size)
    verdict = unique_verdict(lasso_spread, lasso_obj_spread, ridge_spread)
    pairs = ", ".join(f"({b[0]:.2f}, {b[1]:.2f})" for b in lasso_betas)
    kind = "an exact copy of" if rho == 1.0 else f"correlated {rho:.3f} with"
    unequal_cost = lasso_spread > 1e-3 and lasso_obj_spread > 1e-8
    summary = (
        f"Feature 2 is {kind} feature 1. Three lasso fits give (β₁, β₂) = {pairs}, objectives "
        f"equal to a relative {lasso_obj_spread:.0e}; three ridge solvers agree to a relative "
        f"{ridge_spread:.0e}, all at ({ridge_betas[0, 0]:.2f}, {ridge_betas[0, 1]:.2f})"
        + (
            ". With an exact copy, every split of the same total β₁ + β₂ costs the same "
            "L1 penalty, while the L2 penalty is smallest for the even split."
            if rho == 1.0
            else "."
        )
        + (
            " The lasso fits differ but not at equal cost: that is a solver that stopped "
            "early, not a second solution."
            if unequal_cost
            else ""
        )
        + _solver_note(not_converged)
    )
    return UniqueEvidence(
        lam,
        rho,
        tuple(lasso_runs),
        lasso_betas[:, :2].copy(),
        lasso_obj,
        tuple(ridge_runs),
        ridge_betas[:, :2].copy(),
        ridge_obj,
        lasso_spread,
        lasso_obj_spread,
        ridge_spread,
        verdict,
        summary,
        not_converged,
    )


# ----------------------------------------------------------------------- 5. collinearity


def collinearity_verdict(ridge_imbalance: float, lasso_picks_one: float) -> Verdict:
    """The rule of "L2 shares weight between correlated features, L1 picks one"."""
    shares = ridge_imbalance <= 0.25
    picks = lasso_picks_one >= 0.5
    if shares and picks:
        return Verdict.TRUE
    if shares or picks:
        return Verdict.HALF_TRUE
    return Verdict.FALSE


@dataclass(frozen=True)
class CollinearityEvidence:
    """Exact 2-D lasso and ridge fits on many data sets of two correlated features."""

    lam: float
    correlation: float
    lasso_betas: np.ndarray  # (n_sets, 2)
    ridge_betas: np.ndarray
    ridge_imbalance: float
    lasso_imbalance: float
    lasso_picks_one: float
    lasso_keeps_both: float
    verdict: Verdict
    summary: str


def _imbalance(betas: np.ndarray) -> np.ndarray:
    total = np.abs(betas).sum(axis=1)
    return np.divide(
        np.abs(betas[:, 0] - betas[:, 1]), total, out=np.zeros(len(betas)), where=total > 0
    )


def check_collinearity(
    *, seed: int = 0, lam: float = 0.5, correlation: float = 0.995, n_sets: int = 200
) -> CollinearityEvidence:
    """Fit lasso and ridge exactly (2-D solver) on ``n_sets`` data sets y = x₁ + x₂ + ε.

    Parameters
    ----------
    seed : int
    lam : float
        λ in regviz's convention.
    correlation : float
        Correlation of the two features, in [0, 0.999].
    n_sets : int
        Number of independent data sets of 50 points.

    Returns
    -------
    CollinearityEvidence
    """
    lam = _check_lambda(lam)
    rho = _check_correlation(correlation)
    rng = np.random.default_rng(_check_seed(seed))
    n = 50
    z = rng.standard_normal((n_sets, n, 2))
    x1 = z[..., 0]
    x2 = rho * x1 + np.sqrt(1.0 - rho * rho) * z[..., 1]
    X = np.stack([x1, x2], axis=-1)
    y = x1 + x2 + rng.standard_normal((n_sets, n))
    xc = X - X.mean(axis=1, keepdims=True)
    yc = y - y.mean(axis=1, keepdims=True)
    # The least-squares loss of each data set is the bowl ½(β − c)ᵀH(β − c) + const.
    hessians = np.einsum("snj,snk->sjk", xc, xc) / n
    centers = np.linalg.solve(hessians, np.einsum("snj,sn->sj", xc, yc)[..., None] / n)[..., 0]
    lasso = solve_penalized(centers, hessians, "l1", lam=lam)
    ridge = solve_penalized(centers, hessians, "l2", lam=lam)
    zeros = (lasso == 0.0).sum(axis=1)
    picks_one = float(np.mean(zeros == 1))
    keeps_both = float(np.mean(zeros == 0))
    ridge_imb = float(_imbalance(ridge).mean())
    lasso_imb = float(_imbalance(lasso).mean())
    verdict = collinearity_verdict(ridge_imb, picks_one)
    summary = (
        f"Over {n_sets} data sets with correlation {rho:.3f} and λ = {lam:.3g}: ridge's mean "
        f"imbalance |β₁−β₂|/(|β₁|+|β₂|) is {ridge_imb:.2f} (0 = perfectly shared), the "
        f"lasso's {lasso_imb:.2f}. The lasso keeps exactly one of the two in "
        f"{picks_one:.0%} of the data sets and both in {keeps_both:.0%}."
    )
    return CollinearityEvidence(
        lam, rho, lasso, ridge, ridge_imb, lasso_imb, picks_one, keeps_both, verdict, summary
    )


# ---------------------------------------------------------------- 6. same proportion


DESIGNS: dict[str, str] = {
    "orthonormal": "orthonormal features (XᵀX/n = I)",
    "scaled": "orthogonal features of unequal scales",
    "correlated": "correlated features",
}


PROPORTION_DESIGN_HELP = (
    "The claim holds exactly when XᵀX ∝ I — orthogonal features of equal length, "
    "orthonormal ones included — and fails otherwise."
)
"""Help text for the claim page's choice of design."""


def common_shrinkage(X: np.ndarray, lam: float, *, rtol: float = 1e-9) -> float | None:
    """The one factor ridge shrinks every coefficient by, if there is one.

    With the intercept unpenalized, ridge at λ solves (XcᵀXc + nλI)β = Xcᵀy with Xc the
    centered features. When XcᵀXc/n = c·I (orthogonal features of equal length) this is
    β = c/(c + λ)·β_OLS: one factor for all. Otherwise the factors differ (they are the
    eigenvalue ratios sᵢ/(sᵢ + λ) along the eigenvectors, not along the features).

    Returns
    -------
    float or None
        c/(c + λ), or None when XcᵀXc is not proportional to I (to ``rtol``).

    Examples
    --------
    >>> X = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]]) * 2.0
    >>> common_shrinkage(X, 4.0)  # XᵀX/n = 4·I: every coefficient × 4/(4 + 4)
    0.5
    >>> common_shrinkage(X * [1.0, 2.0], 4.0) is None
    True
    """
    c = gram_scale(X, rtol=rtol)
    return None if c is None else c / (c + float(lam))


def gram_scale(X: np.ndarray, *, rtol: float = 1e-9) -> float | None:
    """c when the centered features have XcᵀXc/n = c·I (to ``rtol``), else None.

    Examples
    --------
    >>> gram_scale(np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]]))
    1.0
    """
    xc = X - X.mean(axis=0)
    gram = xc.T @ xc / X.shape[0]
    c = float(np.mean(np.diag(gram)))
    if c <= 0 or np.max(np.abs(gram - c * np.eye(X.shape[1]))) > rtol * c:
        return None
    return c


def proportion_verdict(ratios: np.ndarray, *, tol: float = 1e-6) -> Verdict:
    """The rule of the claim "ridge shrinks all coefficients by the same proportion"."""
    ratios = np.asarray(ratios, dtype=float)
    if np.ptp(ratios) <= tol:
        return Verdict.TRUE
    if np.all((ratios >= 0.0) & (ratios <= 1.0 + tol)):
        return Verdict.HALF_TRUE
    return Verdict.FALSE


@dataclass(frozen=True)
class ProportionEvidence:
    """Ridge coefficient divided by least-squares coefficient, feature by feature."""

    lam: float
    design: str
    correlation: float
    ols_coef: np.ndarray
    ridge_coef: np.ndarray
    ratios: np.ndarray
    orthonormal_ratio: float  # 1 / (1 + λ), the common ratio of an orthonormal design
    verdict: Verdict
    summary: str
    common_ratio: float | None = None  # c/(c + λ) when XᵀX/n = c·I, else None


def check_proportion(
    *, seed: int = 0, lam: float = 0.5, design: str = "correlated", correlation: float = 0.7
) -> ProportionEvidence:
    """Compare ridge with least squares coefficient by coefficient.

    Parameters
    ----------
    seed : int
    lam : float
        λ in regviz's convention (ridge ``alpha = n·λ``).
    design : {"orthonormal", "scaled", "correlated"}
    correlation : float
        Pairwise correlation of the features when ``design == "correlated"``.

    Returns
    -------
    ProportionEvidence

    Examples
    --------
    >>> ev = check_proportion(seed=0, design="orthonormal", lam=0.5)
    >>> ev.verdict.value, round(ev.common_ratio, 4)
    ('true', 0.6667)
    """
    lam = _check_lambda(lam)
    if design not in DESIGNS:
        raise ValueError(f"Unknown design {design!r}; choose one of {', '.join(DESIGNS)}.")
    rho = _check_correlation(correlation)
    rng = np.random.default_rng(_check_seed(seed))
    n, p = 50, 5
    z = rng.standard_normal((n, p))
    if design == "correlated":
        X = np.sqrt(rho) * rng.standard_normal((n, 1)) + np.sqrt(1.0 - rho) * z
    else:
        q, _ = np.linalg.qr(z - z.mean(axis=0))  # centered, orthonormal columns
        X = np.sqrt(n) * q
        if design == "scaled":
            X = X * np.array([0.3, 0.6, 1.0, 1.5, 2.5])
    beta_true = np.array([3.0, -2.0, 1.5, 1.0, -0.5])
    y = X @ beta_true + rng.standard_normal(n)
    ols = LinearRegression().fit(X, y).coef_
    ridge = ridge_fit(X, y, lam)
    ratios = ridge / ols
    verdict = proportion_verdict(ratios)
    common = 1.0 / (1.0 + lam)
    shared = common_shrinkage(X, lam)
    scale = gram_scale(X)
    if scale is not None:
        why = (
            f"Here XᵀX/n = {scale:.3g}·I, so every coefficient is multiplied by the same "
            f"c/(c + λ) = {scale:.3g}/({scale:.3g} + {lam:.3g}) = {scale / (scale + lam):.3f}."
        )
    else:
        why = (
            "Here XᵀX is not proportional to I, and a common factor needs XᵀX ∝ I "
            f"(orthogonal features of equal length; orthonormal ones give 1/(1 + λ) = "
            f"{common:.3f})."
        )
    summary = (
        f"With {DESIGNS[design]} and λ = {lam:.3g}, ridge/least-squares ratios run from "
        f"{ratios.min():.3f} to {ratios.max():.3f}. {why}"
        + (
            " Some coefficient grows or changes sign: with correlated features ridge moves "
            "weight between them instead of scaling each one down."
            if verdict is Verdict.FALSE
            else ""
        )
    )
    return ProportionEvidence(
        lam,
        design,
        rho if design == "correlated" else 0.0,
        ols,
        ridge,
        ratios,
        common,
        verdict,
        summary,
        shared,
    )


# ------------------------------------------------------------------------- 7. outliers


def outliers_verdict(lasso_shift: float, lad_shift: float, ols_shift: float) -> Verdict:
    """The rule of the claim "L1 regularization is robust to outliers".

    The arguments are the outlier's *pulls* (how far one more σ of outlier moves each
    fitted slope; :func:`check_outliers` measures them), named shifts for old callers.
    FALSE when the lasso is pulled at least half as hard as least squares, TRUE when no
    harder than the least-absolute-deviation fit (up to 10⁻⁹ of the least-squares pull),
    HALF-TRUE in between.

    Examples
    --------
    >>> outliers_verdict(0.05, 0.05, 0.05).value  # pulled like least squares
    'false'
    >>> outliers_verdict(0.0, 0.0, 0.05).value  # not pulled at all, like the L1 loss
    'true'
    """
    if ols_shift <= 0:
        raise ValueError("The outlier does not move least squares: nothing to compare.")
    if lasso_shift >= 0.5 * ols_shift:
        return Verdict.FALSE
    if lasso_shift <= lad_shift + 1e-9 * ols_shift:
        return Verdict.TRUE
    return Verdict.HALF_TRUE


@dataclass(frozen=True)
class OutlierEvidence:
    """Slopes of straight-line fits with and without one outlier."""

    lam: float
    outlier_size: float
    x: np.ndarray
    y: np.ndarray  # with the outlier (the last point)
    y_clean: np.ndarray
    fits: dict[str, tuple[float, float]]  # name -> (slope, intercept) with the outlier
    clean_fits: dict[str, tuple[float, float]]
    shifts: dict[str, float]  # how far the outlier moved each slope from its clean fit
    verdict: Verdict
    summary: str
    pulls: dict[str, float] | None = None  # slope change per extra σ of outlier
    pull_size: float | None = None  # outlier distance where the lasso's pull was measured


OUTLIER_MODELS = (
    "least squares",
    "lasso (L1 penalty)",
    "least absolute deviation (L1 loss)",
    "Huber loss",
)


def _line_fits(x: np.ndarray, y: np.ndarray, lam: float) -> dict[str, tuple[float, float]]:
    X = x[:, None]
    fits: dict[str, tuple[float, float]] = {}
    ols = LinearRegression().fit(X, y)
    fits["least squares"] = (float(ols.coef_[0]), float(ols.intercept_))
    slope, intercept = lasso_fit(X, y, lam)
    fits["lasso (L1 penalty)"] = (float(slope[0]), intercept)
    lad = QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(X, y)
    fits["least absolute deviation (L1 loss)"] = (float(lad.coef_[0]), float(lad.intercept_))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        huber = HuberRegressor(alpha=0.0, max_iter=1000).fit(X, y)
    fits["Huber loss"] = (float(huber.coef_[0]), float(huber.intercept_))
    return fits


def _clean_line_data(seed: int, n: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """Thirty points around the line y = 1 + 1.5·x with unit noise, x sorted."""
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-2.0, 2.0, n))
    return x, 1.0 + 1.5 * x + rng.standard_normal(n)


@functools.lru_cache(maxsize=64)
def _clean_line_fits(seed: int, lam: float) -> dict[str, tuple[float, float]]:
    # The fits without the outlier do not depend on its size: remember them, so moving
    # the outlier slider refits only the contaminated data.
    return _line_fits(*_clean_line_data(seed), lam)


def check_outliers(
    *, seed: int = 0, lam: float = 0.2, outlier_size: float = 20.0
) -> OutlierEvidence:
    """How far does one outlier drag the lasso, least squares and the L1 loss?

    Parameters
    ----------
    seed : int
    lam : float
        λ of the lasso, in regviz's convention.
    outlier_size : float
        How far the last point is moved up, in units of the noise σ = 1 (≥ 1).

    Returns
    -------
    OutlierEvidence

    Examples
    --------
    >>> ev = check_outliers(seed=0, lam=3.2, outlier_size=5)  # the slope is 0 at 5 σ ...
    >>> ev.verdict.value, bool(ev.pull_size > 5)  # ... so the pull is measured further out
    ('false', True)
    """
    lam = _check_lambda(lam)
    if not np.isfinite(outlier_size) or outlier_size < 1:
        raise ValueError(
            "Move the outlier at least 1 σ away from the line: without an outlier there is "
            "nothing to be robust to."
        )
    x, y_clean = _clean_line_data(_check_seed(seed))
    y = y_clean.copy()
    y[-1] += float(outlier_size)  # the point with the largest x: the most leverage
    fits, clean = _line_fits(x, y, lam), dict(_clean_line_fits(int(seed), lam))
    shifts = {name: abs(fits[name][0] - clean[name][0]) for name in OUTLIER_MODELS}
    size = float(outlier_size)
    lasso_size = lasso_pull_distance(x, y_clean, lam, size)
    further = _line_fits(x, _moved(y_clean, size + 1.0), lam)
    pulls = {name: abs(further[name][0] - fits[name][0]) for name in OUTLIER_MODELS}
    if lasso_size != size:  # the lasso slope is 0 here: measure where it leaves 0
        at = lasso_fit(x[:, None], _moved(y_clean, lasso_size), lam)[0][0]
        beyond = lasso_fit(x[:, None], _moved(y_clean, lasso_size + 1.0), lam)[0][0]
        pulls["lasso (L1 penalty)"] = abs(float(beyond - at))
    verdict = outliers_verdict(
        pulls["lasso (L1 penalty)"],
        pulls["least absolute deviation (L1 loss)"],
        pulls["least squares"],
    )
    ratio = pulls["lasso (L1 penalty)"] / pulls["least squares"]
    dead_zone = (
        f" (λ = {lam:.3g} sets the lasso slope to 0 until the outlier is {lasso_size - 1:.0f} σ "
        "away; measured beyond that, since a zero slope ignores every point rather than "
        "resisting one)"
        if lasso_size != size
        else ""
    )
    summary = (
        f"One outlier {outlier_size:.0f} σ above the line moves the least-squares slope by "
        f"{shifts['least squares']:.3f}, the lasso slope (λ = {lam:.3g}) by "
        f"{shifts['lasso (L1 penalty)']:.3f}, the least-absolute-deviation slope by "
        f"{shifts['least absolute deviation (L1 loss)']:.3f} and Huber's by "
        f"{shifts['Huber loss']:.3f}. Moving it 1 σ further moves the least-squares slope "
        f"by {pulls['least squares']:.3f}, the lasso slope by "
        f"{pulls['lasso (L1 penalty)']:.3f} ({ratio:.0%} of that{dead_zone}) and the "
        f"L1-loss slope by {pulls['least absolute deviation (L1 loss)']:.3f}. "
        "The L1 *penalty* shrinks coefficients by a constant "
        "but lets every point pull with its squared residual; the L1 *loss* is what caps "
        "an outlier's pull."
    )
    return OutlierEvidence(
        lam,
        float(outlier_size),
        x,
        y,
        y_clean,
        fits,
        clean,
        shifts,
        verdict,
        summary,
        pulls,
        lasso_size,
    )


def _moved(y_clean: np.ndarray, size: float) -> np.ndarray:
    y = y_clean.copy()
    y[-1] += size
    return y


def lasso_pull_distance(x: np.ndarray, y_clean: np.ndarray, lam: float, size: float) -> float:
    """The outlier distance at which to measure the outlier's pull on the lasso slope.

    ``size`` itself when the lasso's slope is non-zero there; otherwise the distance
    one σ past the point where the outlier drags the slope out of 0. With one feature
    (and an intercept) the lasso slope is non-zero exactly when |Σ(xᵢ − x̄)(yᵢ − ȳ)|/n > λ,
    and moving the last point up by s changes that sum by s·(x_last − x̄).

    Examples
    --------
    >>> x = np.array([-1.0, 0.0, 1.0]); y = np.array([0.0, 0.0, 0.0])
    >>> lasso_pull_distance(x, y, 0.1, 5.0), lasso_pull_distance(x, y, 1.0, 0.5)
    (5.0, 4.0)
    """
    n = x.size
    dx = x - x.mean()
    lever = float(dx[-1])
    start = float(dx @ (_moved(y_clean, size) - _moved(y_clean, size).mean())) / n
    if abs(start) > lam or lever == 0.0:
        return float(size)
    # The sum grows with s at rate lever/n (lever > 0: the last point has the largest x).
    escape = size + (lam - start) * n / lever if lever > 0 else size + (start + lam) * n / -lever
    return float(escape + 1.0)


# Settings under which the evidence changes and the verdict flips (keyword arguments of
# the check functions); claims without an entry keep their verdict for every setting.
FLIP_SETTINGS: dict[str, dict[str, float | int | str]] = {
    "sparse": {"k": 20, "lam": 0.001},
    "gradient": {"n_iter": 20},
    "unique": {"correlation": 0.99},
    "collinearity": {"correlation": 0.8},
    "proportion": {"design": "orthonormal"},
}

CHECKS: dict[str, Callable[..., object]] = {
    "sparse": check_sparse,
    "binary": check_binary,
    "gradient": check_gradient,
    "unique": check_unique,
    "collinearity": check_collinearity,
    "proportion": check_proportion,
    "outliers": check_outliers,
}
