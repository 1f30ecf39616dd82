"""Claim: "L1 gives binary 0/1 weights."

Fit the lasso to features with true weights of many sizes and look at the weights it
keeps: they are shrunken least-squares weights, not switched-on ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from regviz.experiments.claims.common import (
    Claim,
    Number,
    Verdict,
    check_lambda,
    lasso_fit,
    sparse_data_code,
    sparse_regression_data,
)

if TYPE_CHECKING:
    import pandas as pd

P, K = 12, 6  # features, and how many of them matter


def binary_verdict(nonzero_values: np.ndarray, *, tol: float = 1e-6) -> Verdict:
    """The rule of the claim "L1 gives binary 0/1 weights".

    Examples
    --------
    >>> binary_verdict(np.array([1.0, -1.0])).value, binary_verdict(np.array([0.3])).value
    ('true', 'false')
    >>> binary_verdict(np.array([])).value
    'half-true'
    """
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

    Examples
    --------
    >>> ev = check_binary(seed=0)
    >>> ev.verdict.value, ev.n_nonzero, ev.n_not_unit
    ('false', 7, 7)
    """
    lam = check_lambda(lam)
    X, y, beta = sparse_regression_data(seed=seed, p=P, k=K)
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


def numbers(ev: BinaryEvidence) -> tuple[Number, ...]:
    """The key numbers: how many weights are kept, how many are not ±1, the largest.

    Examples
    --------
    >>> [n.text for n in numbers(check_binary(seed=0))]
    ['7 of 12', '7', '2.820']
    """
    largest = float(np.abs(ev.lasso_coef).max())
    return (
        Number(
            "n_nonzero",
            "lasso: non-zero weights",
            ev.n_nonzero,
            f"{ev.n_nonzero} of {ev.lasso_coef.size}",
        ),
        Number("n_not_unit", "of them not ±1", ev.n_not_unit, str(ev.n_not_unit)),
        Number("largest", "largest |weight|", largest, f"{largest:.3f}"),
    )


def table(ev: BinaryEvidence) -> pd.DataFrame:
    """The figure's bars: true and lasso weights per feature.

    Examples
    --------
    >>> t = table(check_binary(seed=0))
    >>> list(t.columns), t.index.name, len(t) == check_binary(seed=0).beta_true.size
    (['truth', 'lasso (L1)'], 'feature', True)
    """
    import pandas as pd

    return pd.DataFrame(
        {"truth": ev.beta_true, "lasso (L1)": ev.lasso_coef},
        index=pd.RangeIndex(1, ev.lasso_coef.size + 1, name="feature"),
    )


def alt_text(ev: BinaryEvidence) -> str:
    """What the figure shows, with its numbers (the registry adds the verdict).

    Examples
    --------
    >>> alt_text(check_binary(seed=0)).endswith("of them are not ±1.")
    True
    """
    kept = np.abs(ev.lasso_coef[ev.lasso_coef != 0.0])
    sizes = f" from {kept.min():.2f} to {kept.max():.2f}" if kept.size else ""
    return (
        f"Bars of the true and the lasso weights of {ev.lasso_coef.size} features at "
        f"λ = {ev.lam:.3g}, dashed lines at ±1: the lasso keeps {ev.n_nonzero} weights"
        f"{sizes}; {ev.n_not_unit} of them are not ±1."
    )


def code_snippet(ev: BinaryEvidence, seed: int) -> str:
    """scikit-learn code giving the same non-zero weights.

    Examples
    --------
    >>> exec(code_snippet(check_binary(seed=0), 0), {})
    non-zero: 7 not ±1: 7 largest: 2.820
    """
    return "\n".join(
        [
            "import numpy as np",
            "from sklearn.linear_model import Lasso",
            "",
            f"# The data: {P} Gaussian features, the first {K} matter (weights 3 … 0.5).",
            sparse_data_code(seed=seed, p=P, k=K),
            "",
            f"lasso = Lasso(alpha={ev.lam!r}, tol=1e-10, max_iter=100_000).fit(X, y)",
            "kept = lasso.coef_[lasso.coef_ != 0.0]",
            "n_nonzero = int(kept.size)",
            "n_not_unit = int(np.sum(np.abs(np.abs(kept) - 1.0) > 1e-6))",
            "largest = float(np.abs(lasso.coef_).max())",
            'print("non-zero:", n_nonzero, "not ±1:", n_not_unit, "largest:", f"{largest:.3f}")',
        ]
    )


CLAIM = Claim(
    id="binary",
    statement="L1 gives binary 0/1 weights.",
    rule="TRUE if every non-zero lasso coefficient equals ±1 (to 10⁻⁶); FALSE if at least "
    "one non-zero coefficient is not ±1; HALF-TRUE if every coefficient is 0 "
    "(nothing left to judge: only the in/out pattern is binary).",
    experiment="Fit the lasso to features with true weights of many sizes and look at the "
    "non-zero weights.",
    check=check_binary,
    verdict=binary_verdict,
    controls=("lam",),
    figure="make_binary_figure",
    numbers=numbers,
    alt=alt_text,
    code=code_snippet,
    table=table,
)
