"""Claim: "L1 produces sparse solutions, L2 does not."

Fit lasso and ridge with the same λ to p features of which only k matter, and count the
coefficients that are *exactly* 0.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from regviz.experiments.claims.common import (
    Claim,
    Number,
    Verdict,
    check_lambda,
    lasso_fit_counted,
    ridge_fit,
    solver_note,
    sparse_data_code,
    sparse_regression_data,
)

if TYPE_CHECKING:
    import pandas as pd


def sparse_verdict(lasso_zeros: int, ridge_zeros: int) -> Verdict:
    """The rule of the claim "L1 produces sparse solutions, L2 does not".

    Examples
    --------
    >>> sparse_verdict(3, 0).value, sparse_verdict(0, 0).value, sparse_verdict(3, 1).value
    ('true', 'half-true', 'false')
    """
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
    >>> from sklearn.linear_model import Lasso
    >>> X, y, _ = sparse_regression_data(seed=0)
    >>> lam0, warned = lasso_zero_threshold(X, y)
    >>> def fit(lam):
    ...     return Lasso(alpha=lam, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    >>> bool(np.any(fit(1.01 * lam0) == 0)), bool(np.all(fit(0.99 * lam0) != 0)), warned
    (True, True, 0)
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import lars_path

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
    lam = check_lambda(lam)
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
        f"lasso has at least one exact zero {always}." + solver_note(not_converged)
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


def numbers(ev: SparseEvidence) -> tuple[Number, ...]:
    """The key numbers: exact zeros of each fit and ridge's smallest coefficient.

    Examples
    --------
    >>> [n.text for n in numbers(check_sparse(seed=0))]
    ['11 of 20', '0 of 20', '0.0048']
    """
    p = ev.lasso_coef.size
    smallest = float(np.abs(ev.ridge_coef).min())
    return (
        Number("lasso_zeros", "lasso: exact zeros", ev.lasso_zeros, f"{ev.lasso_zeros} of {p}"),
        Number("ridge_zeros", "ridge: exact zeros", ev.ridge_zeros, f"{ev.ridge_zeros} of {p}"),
        Number("ridge_smallest", "smallest |ridge β|", smallest, f"{smallest:.2g}"),
    )


def table(ev: SparseEvidence) -> pd.DataFrame:
    """The figure's bars: true, lasso and ridge coefficients per feature, and the exact zeros.

    Examples
    --------
    >>> t = table(check_sparse(seed=0))
    >>> t.shape, list(t.columns), int(t["lasso exactly 0"].sum())
    ((20, 4), ['truth', 'lasso (L1)', 'ridge (L2)', 'lasso exactly 0'], 11)
    """
    import pandas as pd

    return pd.DataFrame(
        {
            "truth": ev.beta_true,
            "lasso (L1)": ev.lasso_coef,
            "ridge (L2)": ev.ridge_coef,
            "lasso exactly 0": ev.lasso_coef == 0.0,
        },
        index=pd.RangeIndex(1, ev.lasso_coef.size + 1, name="feature"),
    )


def alt_text(ev: SparseEvidence) -> str:
    """What the figure shows, with its numbers (for screen readers).

    Examples
    --------
    >>> alt_text(check_sparse(seed=0))[:60]
    'Bars of the true, lasso and ridge coefficients of 20 feature'
    """
    p = ev.lasso_coef.size
    return (
        f"Bars of the true, lasso and ridge coefficients of {p} features at λ = {ev.lam:.3g} "
        f"({int(np.sum(ev.beta_true != 0))} truly matter): the lasso sets {ev.lasso_zeros} "
        f"to exactly 0, ridge {ev.ridge_zeros}."
    )


def code_snippet(ev: SparseEvidence, seed: int) -> str:
    """scikit-learn code counting the same exact zeros on the same data.

    Examples
    --------
    >>> exec(code_snippet(check_sparse(seed=0), 0), {})
    lasso zeros: 11 ridge zeros: 0 smallest |ridge β|: 0.0048
    """
    k = int(np.sum(ev.beta_true != 0))
    p = ev.lasso_coef.size
    return "\n".join(
        [
            "import numpy as np",
            "from sklearn.linear_model import Lasso, Ridge",
            "",
            f"# The data: {p} Gaussian features, the first {k} matter.",
            sparse_data_code(seed=seed, p=p, k=k),
            "",
            f"lam = {ev.lam!r}  # λ = Lasso's alpha; the same ridge is Ridge(alpha=n·λ)",
            "lasso = Lasso(alpha=lam, tol=1e-10, max_iter=100_000).fit(X, y)",
            "ridge = Ridge(alpha=len(y) * lam).fit(X, y)",
            "lasso_zeros = int(np.sum(lasso.coef_ == 0.0))",
            "ridge_zeros = int(np.sum(ridge.coef_ == 0.0))",
            "ridge_smallest = float(np.abs(ridge.coef_).min())",
            'print("lasso zeros:", lasso_zeros, "ridge zeros:", ridge_zeros,',
            '      "smallest |ridge β|:", f"{ridge_smallest:.2g}")',
        ]
    )


CLAIM = Claim(
    id="sparse",
    statement="L1 produces sparse solutions, L2 does not.",
    rule="TRUE if, at the chosen λ, the lasso has at least one coefficient exactly 0 and "
    "ridge has none; HALF-TRUE if neither has an exact zero (the lasso needs a larger "
    "λ to zero anything); FALSE if ridge has an exact zero.",
    experiment="Fit lasso and ridge with the same λ to p features of which only k matter; "
    "count coefficients that are exactly 0.",
    check=check_sparse,
    verdict=sparse_verdict,
    controls=("lam", "k"),
    flip={"k": 20, "lam": 0.001},
    flip_note="every feature matters and λ is tiny",
    figure="make_sparse_figure",
    numbers=numbers,
    alt=alt_text,
    code=code_snippet,
    table=table,
)
