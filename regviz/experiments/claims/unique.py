"""Claim: "L2 has one solution, L1 can have many."

Feature 2 is a copy of feature 1 (or strongly correlated with it). The same lasso and
ridge problems are solved from different starts and feature orders.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from regviz.experiments.claims import common
from regviz.experiments.claims.common import (
    Claim,
    Number,
    Verdict,
    check_correlation,
    check_lambda,
    check_seed,
    lasso_objective,
    ridge_fit,
    ridge_objective,
    solver_note,
)

if TYPE_CHECKING:
    import pandas as pd

N, P = 60, 5
BETA_TRUE = (2.0, 0.0, -1.0, 0.5, 0.0)
RIDGE_SOLVERS = ("svd", "cholesky", "lsqr")


def unique_verdict(
    lasso_spread: float, lasso_objective_spread: float, ridge_spread: float
) -> Verdict:
    """The rule of the claim "L2 has one solution, L1 can have many".

    Spreads are relative: coefficient spreads divided by the coefficients' size,
    objective spreads by the objective.

    Examples
    --------
    >>> unique_verdict(0.5, 1e-12, 0.0).value, unique_verdict(0.5, 1e-3, 0.0).value
    ('true', 'half-true')
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
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import lasso_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        _, coefs, _, n_iter = lasso_path(
            xc[:, order],
            yc,
            alphas=[lam],
            coef_init=init[order],
            tol=1e-14,
            max_iter=common.CD_MAX_ITER,
            return_n_iter=True,
        )
    beta = np.empty_like(init)
    beta[order] = coefs[:, 0]
    return beta, int(np.max(n_iter) >= common.CD_MAX_ITER)


def duplicated_data(seed: int, rho: float) -> tuple[np.ndarray, np.ndarray]:
    """Five Gaussian features, the second one ``rho·x₁ + √(1 − ρ²)·z`` (a copy at ρ = 1).

    Examples
    --------
    >>> X, y = duplicated_data(0, 1.0)
    >>> bool(np.array_equal(X[:, 0], X[:, 1])), X.shape
    (True, (60, 5))
    """
    rng = np.random.default_rng(check_seed(seed))
    X = rng.standard_normal((N, P))
    X[:, 1] = rho * X[:, 0] + np.sqrt(max(0.0, 1.0 - rho * rho)) * X[:, 1]
    y = X @ np.array(BETA_TRUE) + rng.standard_normal(N)
    return X, y


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
    lam = check_lambda(lam)
    if lam == 0:
        raise ValueError("Choose λ > 0: without a penalty the duplicated problem has no answer.")
    rho = check_correlation(correlation, allow_one=True)
    X, y = duplicated_data(seed, rho)
    xc, yc = X - X.mean(axis=0), y - y.mean()
    natural, reversed_order = np.arange(P), np.arange(P)[::-1]
    ridge_start = ridge_fit(X, y, lam)
    fits = {
        "coordinate descent from 0": _lasso_from(xc, yc, lam, np.zeros(P), natural),
        "coordinate descent, features reversed": _lasso_from(
            xc, yc, lam, np.zeros(P), reversed_order
        ),
        "coordinate descent from the ridge fit": _lasso_from(xc, yc, lam, ridge_start, natural),
    }
    lasso_runs = {name: beta for name, (beta, _) in fits.items()}
    not_converged = sum(flag for _, flag in fits.values())
    ridge_runs = {
        f"Ridge solver '{solver}'": ridge_fit(X, y, lam, solver=solver) for solver in RIDGE_SOLVERS
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
        + solver_note(not_converged)
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


def numbers(ev: UniqueEvidence) -> tuple[Number, ...]:
    """The key numbers: how far the lasso fits (and their costs) and the ridge fits differ.

    Examples
    --------
    >>> [n.text for n in numbers(check_unique(seed=0))][0]
    '1'
    """
    return (
        Number("lasso_spread", "lasso fits differ by", ev.lasso_spread, f"{ev.lasso_spread:.2g}"),
        Number(
            "lasso_cost_spread",
            "their costs differ by",
            ev.lasso_objective_spread,
            f"{ev.lasso_objective_spread:.0e}",
        ),
        Number("ridge_spread", "ridge fits differ by", ev.ridge_spread, f"{ev.ridge_spread:.0e}"),
    )


def table(ev: UniqueEvidence) -> pd.DataFrame:
    """The figure's points: (β₁, β₂) and the objective of every lasso start and ridge solver.

    Examples
    --------
    >>> t = table(check_unique(seed=0))
    >>> t.shape, list(t.index.names), list(t.columns)
    ((6, 3), ['penalty', 'fit'], ['β₁', 'β₂', 'objective'])
    """
    import pandas as pd

    index = pd.MultiIndex.from_tuples(
        [("lasso (L1)", label) for label in ev.lasso_labels]
        + [("ridge (L2)", label) for label in ev.ridge_labels],
        names=["penalty", "fit"],
    )
    pairs = np.concatenate([ev.lasso_pairs, ev.ridge_pairs])
    return pd.DataFrame(
        {
            "β₁": pairs[:, 0],
            "β₂": pairs[:, 1],
            "objective": np.concatenate([ev.lasso_objectives, ev.ridge_objectives]),
        },
        index=index,
    )


def alt_text(ev: UniqueEvidence) -> str:
    """What the figure shows, with its numbers (the registry adds the verdict).

    Examples
    --------
    >>> alt_text(check_unique(seed=0))[:40]
    'Points (β₁, β₂) of three lasso fits: (2.'
    """
    pairs = ", ".join(f"({b[0]:.2f}, {b[1]:.2f})" for b in ev.lasso_pairs)
    ridge = ev.ridge_pairs[0]
    return (
        f"Points (β₁, β₂) of three lasso fits: {pairs}, and of three ridge solvers, all at "
        f"({ridge[0]:.2f}, {ridge[1]:.2f}); correlation {ev.correlation:.3f}, "
        f"λ = {ev.lam:.3g}."
    )


def code_snippet(ev: UniqueEvidence, seed: int) -> str:
    """scikit-learn code solving the same lasso from three starts and ridge three ways.

    Examples
    --------
    >>> exec(code_snippet(check_unique(seed=0), 0), {})  # doctest: +ELLIPSIS
    lasso (β₁, β₂): [[...]] ridge (β₁, β₂): [[...]]
    """
    return "\n".join(
        [
            "import numpy as np",
            "from sklearn.linear_model import Ridge, lasso_path",
            "",
            f"# Feature 2 = {ev.correlation!r}·feature 1 + noise (a copy when 1.0).",
            f"rng = np.random.default_rng({int(seed)})",
            f"X = rng.standard_normal(({N}, {P}))",
            f"rho = {ev.correlation!r}",
            "X[:, 1] = rho * X[:, 0] + np.sqrt(max(0.0, 1.0 - rho * rho)) * X[:, 1]",
            f"y = X @ np.array({list(BETA_TRUE)!r}) + rng.standard_normal({N})",
            "xc, yc = X - X.mean(axis=0), y - y.mean()  # the intercept, profiled out",
            f"lam, n = {ev.lam!r}, len(y)",
            "",
            "def lasso_from(start, order):  # coordinate descent from `start`, in `order`",
            "    coef = lasso_path(xc[:, order], yc, alphas=[lam], coef_init=start[order],",
            "                      tol=1e-14, max_iter=100_000)[1][:, 0]",
            "    beta = np.empty(len(order))",
            "    beta[order] = coef",
            "    return beta",
            "",
            "def cost(beta):  # the lasso objective",
            "    r = yc - xc @ beta",
            "    return r @ r / (2 * n) + lam * np.abs(beta).sum()",
            "",
            "ridge = [Ridge(alpha=n * lam, solver=s, tol=1e-12).fit(X, y).coef_",
            f"         for s in {RIDGE_SOLVERS!r}]",
            f"natural, reverse = np.arange({P}), np.arange({P})[::-1]",
            f"lasso = np.array([lasso_from(np.zeros({P}), natural),",
            f"                  lasso_from(np.zeros({P}), reverse),",
            "                  lasso_from(ridge[0], natural)])",
            "costs = np.array([cost(b) for b in lasso])",
            "",
            "def size(betas):  # how large (β₁, β₂) get (not 0: all zero at a huge λ)",
            "    return max(np.abs(betas[:, :2]).sum(axis=1).max(), 1e-12)",
            "",
            "lasso_spread = np.ptp(lasso[:, :2], axis=0).max() / size(lasso)",
            "lasso_cost_spread = np.ptp(costs) / max(abs(costs.min()), 1e-12)",
            "ridge = np.array(ridge)",
            "ridge_spread = np.ptp(ridge, axis=0).max() / size(ridge)",
            'print("lasso (β₁, β₂):", lasso[:, :2].round(3).tolist(),',
            '      "ridge (β₁, β₂):", ridge[:, :2].round(3).tolist())',
        ]
    )


CLAIM = Claim(
    id="unique",
    statement="L2 has one solution, L1 can have many.",
    rule="TRUE if lasso fits started differently end at different coefficients "
    "(spread > 10⁻³ of their size) with equal objective (relative difference "
    "≤ 10⁻⁸) while every ridge solver agrees (spread ≤ 10⁻⁶); FALSE if the ridge "
    "fits differ; HALF-TRUE otherwise: the lasso fits agree (a unique lasso "
    "solution), or they differ at unequal cost — a solver that did not finish, not "
    "a second solution.",
    experiment="Feature 2 is a copy of feature 1 (or strongly correlated with it). Solve the "
    "same lasso and ridge problems from different starts and feature orders.",
    check=check_unique,
    verdict=unique_verdict,
    controls=("correlation", "lam"),
    flip={"correlation": 0.99},
    flip_note="feature 2 is no longer an exact copy (correlation 0.99)",
    figure="make_unique_figure",
    numbers=numbers,
    alt=alt_text,
    code=code_snippet,
    table=table,
)
