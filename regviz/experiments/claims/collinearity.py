"""Claim: "L2 handles collinearity by sharing weight between correlated features, L1 picks one."

Two correlated features that matter equally (y = x₁ + x₂ + noise): lasso and ridge are
fitted exactly (the 2-D solver of :mod:`regviz.core.geometry`) on many data sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from regviz.core.geometry import solve_penalized
from regviz.experiments.claims.common import (
    Claim,
    Number,
    Verdict,
    check_correlation,
    check_lambda,
    check_seed,
)

if TYPE_CHECKING:
    import pandas as pd

N = 50  # points per data set


def collinearity_verdict(ridge_imbalance: float, lasso_picks_one: float) -> Verdict:
    """The rule of "L2 shares weight between correlated features, L1 picks one".

    Examples
    --------
    >>> collinearity_verdict(0.1, 0.6).value, collinearity_verdict(0.5, 0.1).value
    ('true', 'false')
    """
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


def imbalance(betas: np.ndarray) -> np.ndarray:
    """|β₁ − β₂| / (|β₁| + |β₂|) per row (0 for a row of zeros): 0 = shared evenly.

    Examples
    --------
    >>> imbalance(np.array([[1.0, 1.0], [2.0, 0.0], [0.0, 0.0]])).tolist()
    [0.0, 1.0, 0.0]
    """
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

    Examples
    --------
    >>> ev = check_collinearity(seed=0)
    >>> ev.verdict.value, ev.lasso_picks_one > 0.5
    ('true', True)
    """
    lam = check_lambda(lam)
    rho = check_correlation(correlation)
    rng = np.random.default_rng(check_seed(seed))
    z = rng.standard_normal((n_sets, N, 2))
    x1 = z[..., 0]
    x2 = rho * x1 + np.sqrt(1.0 - rho * rho) * z[..., 1]
    X = np.stack([x1, x2], axis=-1)
    y = x1 + x2 + rng.standard_normal((n_sets, N))
    xc = X - X.mean(axis=1, keepdims=True)
    yc = y - y.mean(axis=1, keepdims=True)
    # The least-squares loss of each data set is the bowl ½(β − c)ᵀH(β − c) + const.
    hessians = np.einsum("snj,snk->sjk", xc, xc) / N
    centers = np.linalg.solve(hessians, np.einsum("snj,sn->sj", xc, yc)[..., None] / N)[..., 0]
    lasso = solve_penalized(centers, hessians, "l1", lam=lam)
    ridge = solve_penalized(centers, hessians, "l2", lam=lam)
    zeros = (lasso == 0.0).sum(axis=1)
    picks_one = float(np.mean(zeros == 1))
    keeps_both = float(np.mean(zeros == 0))
    ridge_imb = float(imbalance(ridge).mean())
    lasso_imb = float(imbalance(lasso).mean())
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


def numbers(ev: CollinearityEvidence) -> tuple[Number, ...]:
    """The key numbers: ridge's imbalance, how often the lasso keeps one or both.

    Examples
    --------
    >>> [n.label for n in numbers(check_collinearity(seed=0))]
    ['ridge: imbalance', 'lasso keeps one', 'lasso keeps both']
    """
    return (
        Number(
            "ridge_imbalance", "ridge: imbalance", ev.ridge_imbalance, f"{ev.ridge_imbalance:.2f}"
        ),
        Number("picks_one", "lasso keeps one", ev.lasso_picks_one, f"{ev.lasso_picks_one:.0%}"),
        Number("keeps_both", "lasso keeps both", ev.lasso_keeps_both, f"{ev.lasso_keeps_both:.0%}"),
    )


def table(ev: CollinearityEvidence) -> pd.DataFrame:
    """The figure's points: (β₁, β₂) of ridge and the lasso on every data set (truth (1, 1)).

    Examples
    --------
    >>> ev = check_collinearity(seed=0)
    >>> t = table(ev)
    >>> list(t.index.names), list(t.columns), len(t) == 2 * len(ev.lasso_betas)
    (['penalty', 'data set'], ['β₁', 'β₂'], True)
    """
    import pandas as pd

    n_sets = len(ev.lasso_betas)
    index = pd.MultiIndex.from_arrays(
        [["ridge (L2)"] * n_sets + ["lasso (L1)"] * n_sets, np.tile(np.arange(1, n_sets + 1), 2)],
        names=["penalty", "data set"],
    )
    betas = np.concatenate([ev.ridge_betas, ev.lasso_betas])
    return pd.DataFrame({"β₁": betas[:, 0], "β₂": betas[:, 1]}, index=index)


def alt_text(ev: CollinearityEvidence) -> str:
    """What the figure shows, with its numbers (the registry adds the verdict).

    Examples
    --------
    >>> alt_text(check_collinearity(seed=0)).startswith("Scatter of (β₁, β₂) from 200")
    True
    """
    return (
        f"Scatter of (β₁, β₂) from {len(ev.lasso_betas)} data sets, truth (1, 1), correlation "
        f"{ev.correlation:.3f}, λ = {ev.lam:.3g}: ridge points sit near the diagonal (mean "
        f"imbalance {ev.ridge_imbalance:.2f}); the lasso keeps one feature in "
        f"{ev.lasso_picks_one:.0%} of them, both in {ev.lasso_keeps_both:.0%}."
    )


def code_snippet(ev: CollinearityEvidence, seed: int) -> str:
    """numpy data and regviz's exact 2-D solver (scikit-learn's Lasso agrees on each set).

    Examples
    --------
    >>> exec(code_snippet(check_collinearity(seed=0), 0), {})  # doctest: +ELLIPSIS
    ridge imbalance: 0... lasso keeps one: ... both: ...
    """
    n_sets = len(ev.lasso_betas)
    return "\n".join(
        [
            "import numpy as np",
            "from regviz import solve_penalized",
            "",
            f"# {n_sets} data sets of {N} points: y = x₁ + x₂ + noise, corr(x₁, x₂) = ρ.",
            f"rng = np.random.default_rng({int(seed)})",
            f"rho, lam, n = {ev.correlation!r}, {ev.lam!r}, {N}",
            f"z = rng.standard_normal(({n_sets}, n, 2))",
            "x1, x2 = z[..., 0], rho * z[..., 0] + np.sqrt(1 - rho**2) * z[..., 1]",
            "X = np.stack([x1, x2], axis=-1)",
            f"y = x1 + x2 + rng.standard_normal(({n_sets}, n))",
            "xc, yc = X - X.mean(axis=1, keepdims=True), y - y.mean(axis=1, keepdims=True)",
            "# Each data set's least-squares loss is the bowl ½(β − c)ᵀH(β − c) + const.",
            'H = np.einsum("snj,snk->sjk", xc, xc) / n',
            'c = np.linalg.solve(H, np.einsum("snj,sn->sj", xc, yc)[..., None] / n)[..., 0]',
            'lasso = solve_penalized(c, H, "l1", lam=lam)  # = Lasso(alpha=lam) on each set',
            'ridge = solve_penalized(c, H, "l2", lam=lam)  # = Ridge(alpha=n * lam)',
            "",
            "share = np.abs(ridge[:, 0] - ridge[:, 1]) / np.abs(ridge).sum(axis=1)",
            "ridge_imbalance = float(share.mean())",
            "zeros = (lasso == 0.0).sum(axis=1)",
            "picks_one, keeps_both = float(np.mean(zeros == 1)), float(np.mean(zeros == 0))",
            'print("ridge imbalance:", round(ridge_imbalance, 3), "lasso keeps one:",',
            '      f"{picks_one:.0%}", "both:", f"{keeps_both:.0%}")',
        ]
    )


CLAIM = Claim(
    id="collinearity",
    statement="L2 handles collinearity by sharing weight between correlated features, "
    "L1 picks one.",
    rule="TRUE if ridge splits the weight evenly (mean imbalance |β₁−β₂|/(|β₁|+|β₂|) "
    "≤ 0.25) and the lasso keeps exactly one of the two in ≥ 50 % of the data sets; "
    "HALF-TRUE if only one of the two halves holds; FALSE if neither does.",
    experiment="Two correlated features that matter equally (y = x₁ + x₂ + noise); fit "
    "lasso and ridge exactly on 200 data sets.",
    check=check_collinearity,
    verdict=collinearity_verdict,
    controls=("correlation", "lam"),
    flip={"correlation": 0.8},
    flip_note="a weaker correlation (0.8)",
    figure="make_collinearity_figure",
    numbers=numbers,
    alt=alt_text,
    code=code_snippet,
    table=table,
)
