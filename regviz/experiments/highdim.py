"""Does the 2-D picture hold with p features? Lasso vs ridge at matched ‖β‖₂.

Random regression problems with p features are fitted with scikit-learn's
:class:`~sklearn.linear_model.Lasso` and :class:`~sklearn.linear_model.Ridge`, and
the zero coefficients are counted.

Design of one problem (seeded)
    n rows of X ~ N(0, Σ) with equal correlation ρ between every pair of features;
    a *dense* true β* ~ N(0, I) (every feature matters, so a zero comes from the
    penalty, not from a sparse truth); y = Xβ* + σ·sd(Xβ*)·noise (σ = ``noise``).

Matched size
    The lasso is fitted at λ = s·λ_max (s = ``strength`` in (0, 1); λ_max is the
    smallest λ that zeroes every coefficient, max|Xcᵀyc|/n). Ridge is then fitted at
    the λ that gives it the **same Euclidean norm ‖β‖₂** as the lasso solution. The
    L2 norm is matched (not the L1 norm) because ridge's ‖β(λ)‖₂ falls strictly as λ
    grows, so the match is unique; it is found from one SVD of centered X and the
    ridge fit itself is ``Ridge(alpha=n·λ)`` (regviz's λ convention).

Counting
    Lasso: coefficients exactly 0.0 (coordinate descent, ``tol=1e-6``, writes exact
    zeros). Ridge: exactly 0.0 (practically never) and "near zero",
    |βⱼ| < ε·‖β‖₂, the p-dimensional version of the 2-D rule |βᵢ| < ε·t.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from regviz.core.conventions import sklearn_ridge_alpha
from regviz.core.stats import Proportion, standard_error

Array = NDArray[np.float64]

MAX_FEATURES = 50


@dataclass(frozen=True)
class HighDimResult:
    """Zero counts of lasso vs ridge at matched ‖β‖₂, for several numbers of features.

    Attributes
    ----------
    p_values : ndarray of int
        Numbers of features p.
    n_problems, n_samples, seed : int
    strength, correlation, noise, epsilon : float
        The design (see the module docstring).
    lasso_any_zero : list[Proportion]
        Per p: problems where the lasso has at least one coefficient exactly 0.0.
    ridge_any_near_zero : list[Proportion]
        Per p: problems where ridge has some |βⱼ| < ε·‖β‖₂.
    ridge_any_exact_zero : list[Proportion]
        Per p: problems where ridge has a coefficient exactly 0.0.
    lasso_zero_share, ridge_near_share : ndarray
        Per p: mean over problems of the share of coefficients that are zero
        (lasso, exact) or near zero (ridge).
    lasso_zero_share_se, ridge_near_share_se : ndarray
        Their standard errors over problems.
    max_norm_mismatch : float
        Largest relative gap between the two ‖β‖₂ over all problems (a check).
    n_not_converged : int
        Lasso fits that stopped at the iteration limit (their zeros may be approximate).
    """

    p_values: NDArray[np.int64]
    n_problems: int
    n_samples: int
    seed: int
    strength: float
    correlation: float
    noise: float
    epsilon: float
    lasso_any_zero: list[Proportion]
    ridge_any_near_zero: list[Proportion]
    ridge_any_exact_zero: list[Proportion]
    lasso_zero_share: Array
    ridge_near_share: Array
    lasso_zero_share_se: Array
    ridge_near_share_se: Array
    max_norm_mismatch: float
    n_not_converged: int = 0


def random_regression(
    rng: np.random.Generator, n_samples: int, p: int, correlation: float, noise: float
) -> tuple[Array, Array]:
    """One random problem (X, y): equicorrelated Gaussian features, dense truth."""
    common = rng.standard_normal((n_samples, 1))
    X = np.sqrt(1.0 - correlation) * rng.standard_normal((n_samples, p))
    X += np.sqrt(correlation) * common
    signal = X @ rng.standard_normal(p)
    y = signal + noise * max(float(np.std(signal)), 1e-12) * rng.standard_normal(n_samples)
    return X, y


def ridge_lambda_for_norm(X: Array, y: Array, target_norm: float) -> float:
    """The λ (regviz convention) at which ridge's ‖β‖₂ equals ``target_norm``.

    Uses one eigendecomposition of XcᵀXc = V·diag(s²)·Vᵀ (the SVD of centered X):
    β(λ) = V·diag(1/(s² + nλ))·Vᵀ·Xcᵀyc, whose norm falls strictly in λ. Returns 0
    when even least squares is shorter than the target.
    """
    from scipy.optimize import brentq  # imported on use: the page runs this mode on demand

    n = len(y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    s2, v = np.linalg.eigh(Xc.T @ Xc)
    z = v.T @ (Xc.T @ yc)
    keep = s2 > 1e-12 * s2.max()
    s2, z = s2[keep], z[keep]

    def norm(mu: float) -> float:
        return float(np.hypot.reduce(z / (s2 + mu)))

    if norm(0.0) <= target_norm:
        return 0.0
    hi = s2.max()
    while norm(hi) > target_norm:
        hi *= 10.0
    log_mu = brentq(
        lambda lm: np.log(norm(np.exp(lm))) - np.log(target_norm),
        np.log(hi) - 60.0,
        np.log(hi),
        xtol=1e-13,
        rtol=1e-14,
    )
    return float(np.exp(log_mu)) / n


LASSO_MAX_ITER = 100_000


def fit_pair_counted(X: Array, y: Array, strength: float) -> tuple[Array, Array, int]:
    """:func:`fit_pair`, plus 1 if the lasso stopped at its iteration limit (else 0).

    scikit-learn's ``ConvergenceWarning`` is caught (it would go to the server log) and
    non-convergence is read off the iteration count instead.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X, y = random_regression(rng, 50, 5, 0.3, 1.0)
    >>> fit_pair_counted(X, y, 0.2)[2]
    0
    """
    # Imported on use: scikit-learn takes seconds to import, and only this mode needs it.
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import Lasso, Ridge

    n = len(y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    lam_max = float(np.abs(Xc.T @ yc).max()) / n
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        lasso = Lasso(alpha=strength * lam_max, tol=1e-6, max_iter=LASSO_MAX_ITER).fit(X, y)
    target = float(np.linalg.norm(lasso.coef_))
    lam_ridge = ridge_lambda_for_norm(X, y, target)
    ridge = Ridge(alpha=sklearn_ridge_alpha(lam_ridge, n)).fit(X, y)
    return lasso.coef_.copy(), ridge.coef_.copy(), int(lasso.n_iter_ >= LASSO_MAX_ITER)


def fit_pair(X: Array, y: Array, strength: float) -> tuple[Array, Array]:
    """Lasso at λ = strength·λ_max, and ridge at the λ giving the same ‖β‖₂.

    Examples
    --------
    >>> X, y = random_regression(np.random.default_rng(0), 50, 5, 0.3, 1.0)
    >>> lasso, ridge = fit_pair(X, y, 0.2)
    >>> bool(abs(np.linalg.norm(lasso) - np.linalg.norm(ridge)) < 1e-6)
    True
    """
    lasso, ridge, _ = fit_pair_counted(X, y, strength)
    return lasso, ridge


def _share_stats(shares: list[float]) -> tuple[float, float]:
    arr = np.asarray(shares)
    se = float(standard_error(arr)) if len(arr) > 1 else float("nan")
    return float(arr.mean()), se


def simulate_highdim(
    p_values: Iterable[int] = (2, 5, 10, 20, 50),
    *,
    n_problems: int = 50,
    n_samples: int = 100,
    strength: float = 0.2,
    correlation: float = 0.3,
    noise: float = 1.0,
    epsilon: float = 0.01,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
) -> HighDimResult:
    """Fit lasso and matched-norm ridge to random p-feature problems; count zeros.

    Parameters
    ----------
    p_values : iterable of int, default (2, 5, 10, 20, 50)
        Numbers of features, each 2 ≤ p ≤ 50.
    n_problems : int, default 50
        Random problems per p.
    n_samples : int, default 100
        Rows per problem.
    strength : float, default 0.2
        Lasso λ as a fraction of λ_max, in (0, 1).
    correlation : float, default 0.3
        Correlation ρ in [0, 1) between every pair of features.
    noise : float, default 1.0
        Noise sd relative to the sd of the true signal.
    epsilon : float, default 0.01
        Ridge "near zero": |βⱼ| < ε·‖β‖₂.
    seed : int, default 0
    progress : callable, optional
        Called with the fraction done after each problem.

    Returns
    -------
    HighDimResult

    Examples
    --------
    >>> res = simulate_highdim((5,), n_problems=3)
    >>> res.n_not_converged, res.lasso_any_zero[0].total
    (0, 3)
    """
    ps = np.array(sorted({int(p) for p in p_values}), dtype=np.int64)
    if len(ps) == 0 or ps.min() < 2 or ps.max() > MAX_FEATURES:
        raise ValueError(f"Numbers of features must be between 2 and {MAX_FEATURES}.")
    if not 0.0 < strength < 1.0:
        raise ValueError(f"The lasso strength must be strictly between 0 and 1; got {strength}.")
    if not 0.0 <= correlation < 1.0:
        raise ValueError(f"The correlation must be in [0, 1); got {correlation}.")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"The noise level must be zero or positive; got {noise}.")
    if not (np.isfinite(epsilon) and 0 <= epsilon < 1):
        raise ValueError(f"ε must be between 0 and 1; got {epsilon}.")
    if int(n_problems) < 1 or int(n_samples) < 3:
        raise ValueError("Use at least 1 problem and 3 samples.")

    lasso_any, ridge_near_any, ridge_exact_any = [], [], []
    lasso_share, ridge_share, lasso_se, ridge_se = [], [], [], []
    mismatch = 0.0
    not_converged = 0
    total, done = len(ps) * int(n_problems), 0
    for p in ps:
        rng = np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=(int(p),)))
        counts = [0, 0, 0]
        shares_l, shares_r = [], []
        for _ in range(int(n_problems)):
            X, y = random_regression(rng, int(n_samples), int(p), correlation, noise)
            b_lasso, b_ridge, stopped = fit_pair_counted(X, y, strength)
            not_converged += stopped
            n_l, n_r = np.linalg.norm(b_lasso), np.linalg.norm(b_ridge)
            mismatch = max(mismatch, abs(n_r - n_l) / max(n_l, 1e-300))
            lasso_zero = b_lasso == 0.0
            ridge_near = np.abs(b_ridge) < epsilon * n_r
            counts[0] += bool(lasso_zero.any())
            counts[1] += bool(ridge_near.any())
            counts[2] += bool((b_ridge == 0.0).any())
            shares_l.append(float(lasso_zero.mean()))
            shares_r.append(float(ridge_near.mean()))
            done += 1
            if progress is not None:
                progress(done / total)
        lasso_any.append(Proportion(counts[0], int(n_problems)))
        ridge_near_any.append(Proportion(counts[1], int(n_problems)))
        ridge_exact_any.append(Proportion(counts[2], int(n_problems)))
        (ml, sl), (mr, sr) = _share_stats(shares_l), _share_stats(shares_r)
        lasso_share.append(ml)
        lasso_se.append(sl)
        ridge_share.append(mr)
        ridge_se.append(sr)
    return HighDimResult(
        p_values=ps,
        n_problems=int(n_problems),
        n_samples=int(n_samples),
        seed=int(seed),
        strength=float(strength),
        correlation=float(correlation),
        noise=float(noise),
        epsilon=float(epsilon),
        lasso_any_zero=lasso_any,
        ridge_any_near_zero=ridge_near_any,
        ridge_any_exact_zero=ridge_exact_any,
        lasso_zero_share=np.array(lasso_share),
        ridge_near_share=np.array(ridge_share),
        lasso_zero_share_se=np.array(lasso_se),
        ridge_near_share_se=np.array(ridge_se),
        max_norm_mismatch=float(mismatch),
        n_not_converged=int(not_converged),
    )


# --------------------------------------------------------------------------- the page

P_VALUES = (2, 5, 10, 20, 50)
"""Numbers of features of the Monte Carlo page's p-feature mode."""

DEFAULTS: dict[str, object] = {
    "highdim": False,
    "hd_strength": 0.2,
    "hd_corr": 0.3,
    "hd_problems": 20,
}
"""The p-feature section of the Monte Carlo page: closed until asked for; 20 problems per p."""


def describe_highdim(result: HighDimResult) -> str:
    """What to notice under the p-feature charts.

    Examples
    --------
    >>> result = simulate_highdim((2, 10), n_problems=3)
    >>> describe_highdim(result).startswith("With p = 10 features the lasso zeroes")
    True
    """
    last_lasso = result.lasso_any_zero[-1]
    exact_ridge = sum(q.count for q in result.ridge_any_exact_zero)
    return (
        f"With p = {int(result.p_values[-1])} features the lasso zeroes "
        f"{100 * result.lasso_zero_share[-1]:.1f} % of the coefficients (at least one in "
        f"{100 * last_lasso.fraction:.0f} % of problems), although every true coefficient is "
        f"non-zero; ridge at the same ‖β‖₂ has {100 * result.ridge_near_share[-1]:.1f} % below "
        f"ε·‖β‖₂ and exactly zero in {exact_ridge} problems. With p = "
        f"{int(result.p_values[0])}: lasso {100 * result.lasso_zero_share[0]:.1f} %, ridge "
        f"{100 * result.ridge_near_share[0]:.1f} %."
    )


def highdim_alt_text(result: HighDimResult, panel: str) -> str:
    """A text alternative of one p-feature chart: ``panel`` "problems" or "coefficients".

    Examples
    --------
    >>> result = simulate_highdim((2, 10), n_problems=3)
    >>> highdim_alt_text(result, "coefficients").split(" (")[0]
    'Share of coefficients that are zero against the number of features p'
    """
    ps = [int(p) for p in result.p_values]
    if panel == "problems":
        lasso = [100 * q.fraction for q in result.lasso_any_zero]
        ridge = [100 * q.fraction for q in result.ridge_any_near_zero]
        head = "Share of problems with at least one zero coefficient"
    else:
        lasso = [100 * float(x) for x in result.lasso_zero_share]
        ridge = [100 * float(x) for x in result.ridge_near_share]
        head = "Share of coefficients that are zero"
    pairs = "; ".join(
        f"p = {p}: lasso {a:.1f} %, ridge {b:.1f} %"
        for p, a, b in zip(ps, lasso, ridge, strict=True)
    )
    return (
        f"{head} against the number of features p (lasso exactly 0, ridge below "
        f"{result.epsilon:g}·‖β‖₂): {pairs}."
    )
