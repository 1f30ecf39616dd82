"""Claim checker: common statements about L1 and L2, each tested by a live experiment.

One module per claim, one registry (:data:`CLAIMS`)::

    claims/
      common.py        Verdict, the Claim record, Number, checks of settings, data, fits
      sparse.py        "L1 produces sparse solutions, L2 does not."
      binary.py        "L1 gives binary 0/1 weights."
      gradient.py      "L1 can't be optimized with gradient methods …"
      unique.py        "L2 has one solution, L1 can have many."
      collinearity.py  "L2 … shares weight between correlated features, L1 picks one."
      proportion.py    "Ridge shrinks all coefficients by the same proportion."
      outliers.py      "L1 regularization is robust to outliers."

Each claim module defines its experiment ``check_<claim>(*, seed=0, ...)`` (a frozen
evidence dataclass with the numbers, a :class:`Verdict` and a sentence of evidence), the
rule ``<claim>_verdict(...)`` that turns the measured numbers into TRUE, FALSE or
HALF-TRUE, its key numbers, a text alternative, runnable code — and one :class:`Claim`
record naming all of them, its settings the page offers, where its verdict flips, and
its figure builder. The verdict is never written by hand: a different experiment can
give a different verdict.

Examples
--------
>>> CLAIMS["proportion"].run(seed=0).verdict.label
'FALSE'
>>> CLAIMS["proportion"].run(seed=0, **CLAIMS["proportion"].flip).verdict.label
'TRUE'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from regviz.core.grids import format_lambda, nice_log_values
from regviz.experiments.claims import (
    binary,
    collinearity,
    gradient,
    outliers,
    proportion,
    sparse,
    unique,
)
from regviz.experiments.claims.binary import BinaryEvidence, binary_verdict, check_binary
from regviz.experiments.claims.collinearity import (
    CollinearityEvidence,
    check_collinearity,
    collinearity_verdict,
)
from regviz.experiments.claims.common import (
    CD_MAX_ITER,
    EXACT_CD_TOL,
    LAMBDA_RANGE,
    SEED_RANGE,
    ZERO_TOL,
    Claim,
    Number,
    Verdict,
    lasso_fit,
    lasso_fit_counted,
    lasso_objective,
    ridge_fit,
    ridge_objective,
    sparse_regression_data,
)
from regviz.experiments.claims.gradient import (
    MIN_STALL_ITER,
    GradientEvidence,
    check_gradient,
    gradient_verdict,
    ista_on_data,
    subgradient_descent,
)
from regviz.experiments.claims.outliers import (
    OUTLIER_MODELS,
    OUTLIER_RANGE,
    OutlierEvidence,
    check_outliers,
    lasso_pull_distance,
    outliers_verdict,
)
from regviz.experiments.claims.proportion import (
    DESIGNS,
    PROPORTION_DESIGN_HELP,
    ProportionEvidence,
    check_proportion,
    common_shrinkage,
    gram_scale,
    proportion_verdict,
)
from regviz.experiments.claims.sparse import (
    SparseEvidence,
    check_sparse,
    lasso_zero_threshold,
    sparse_verdict,
)
from regviz.experiments.claims.unique import UniqueEvidence, check_unique, unique_verdict

if TYPE_CHECKING:
    import pandas as pd

CLAIMS: dict[str, Claim] = {
    claim.id: claim
    for claim in (
        sparse.CLAIM,
        binary.CLAIM,
        gradient.CLAIM,
        unique.CLAIM,
        collinearity.CLAIM,
        proportion.CLAIM,
        outliers.CLAIM,
    )
}
"""The registry: every claim, in the order the page offers them."""


def claim_of(evidence: object) -> Claim:
    """The claim whose experiment produced ``evidence`` (its module is named by the claim).

    Examples
    --------
    >>> claim_of(check_binary(seed=0)).id
    'binary'
    """
    module = type(evidence).__module__
    claim = CLAIMS.get(module.rsplit(".", 1)[-1]) if module.startswith(__name__ + ".") else None
    if claim is None:
        raise ValueError(f"No claim made evidence of type {type(evidence).__name__}.")
    return claim


# ----------------------------------------------------------------------------- the page


def control_name(claim: str, setting: str) -> str:
    """The page control of a claim's setting: ``"<claim>_<setting>"``.

    Examples
    --------
    >>> control_name("outliers", "outlier_size")
    'outliers_outlier_size'
    """
    return f"{claim}_{setting}"


DEFAULTS: dict[str, Any] = {
    "which": next(iter(CLAIMS)),
    "seed": 0,
    **{
        control_name(claim.id, setting): value
        for claim in CLAIMS.values()
        for setting, value in claim.control_defaults.items()
    },
}
"""The claim page's defaults: the first claim, seed 0, every claim's own settings."""


def flip_preset(claim: str) -> str | None:
    """The name of the preset that opens ``claim`` where its verdict flips (None: none).

    Examples
    --------
    >>> flip_preset("proportion"), flip_preset("outliers")
    ('proportion: orthonormal features', None)
    """
    found = CLAIMS[claim]
    return f"{found.id}: {found.flip_note}" if found.flip else None


PRESETS: dict[str, dict[str, Any]] = {
    flip_preset(claim.id): {
        "which": claim.id,
        **{control_name(claim.id, s): value for s, value in claim.flip.items()},
    }
    for claim in CLAIMS.values()
    if claim.flip
}
"""One preset per claim with a flip: the claim chosen, at the settings where it flips."""


def chosen_settings(values: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The chosen claim and its settings, read from the page's values.

    Examples
    --------
    >>> chosen_settings({**DEFAULTS, "which": "gradient", "gradient_n_iter": 20})
    ('gradient', {'n_iter': 20, 'lam': 0.1})
    """
    claim = CLAIMS[values["which"]]
    return claim.id, {s: values[control_name(claim.id, s)] for s in claim.controls}


def at_flip(values: Mapping[str, Any]) -> bool:
    """Are the chosen claim's settings those of its flip preset?

    Examples
    --------
    >>> flipped = {**DEFAULTS, **PRESETS[flip_preset("sparse")]}
    >>> at_flip(DEFAULTS), at_flip(flipped)
    (False, True)
    """
    claim, settings = chosen_settings(values)
    flip = CLAIMS[claim].flip
    return bool(flip) and all(settings.get(s) == v for s, v in flip.items())


def verdict_heading(evidence: Any) -> str:
    """The verdict as a Markdown heading for the page (big on a projector).

    Examples
    --------
    >>> verdict_heading(check_sparse(seed=0))
    '## TRUE'
    """
    return f"## {evidence.verdict.label}"


def alt_text(evidence: Any) -> str:
    """The live text alternative of a claim's figure: what it shows, its numbers, the verdict.

    Examples
    --------
    >>> alt_text(check_sparse(seed=0)).endswith("ridge 0. Verdict: TRUE.")
    True
    """
    return f"{claim_of(evidence).alt(evidence)} Verdict: {evidence.verdict.label}."


def claim_table(evidence: Any) -> pd.DataFrame:
    """The numbers a claim's figure shows, as a table (the claim's own ``table``).

    Parameters
    ----------
    evidence : object
        What a claim's experiment returned (``CLAIMS[id].run(...)``).

    Returns
    -------
    pandas.DataFrame
        One row per point, bar or line of the figure, the index named; columns named as
        the figure's legend and axes.

    Examples
    --------
    >>> claim_table(check_sparse(seed=0)).columns.tolist()
    ['truth', 'lasso (L1)', 'ridge (L2)', 'lasso exactly 0']
    >>> claim_table(check_gradient(seed=0, n_iter=20)).index.name
    'iteration'
    """
    return claim_of(evidence).table(evidence)


def verdict_table() -> list[dict[str, str]]:
    """Every claim and its verdict at the default settings, seed 0.

    Examples
    --------
    >>> [row["verdict"] for row in verdict_table()]
    ['TRUE', 'FALSE', 'FALSE', 'TRUE', 'TRUE', 'FALSE', 'FALSE']
    """
    return [
        {"claim": claim.statement, "verdict": claim.run(seed=0).verdict.label}
        for claim in CLAIMS.values()
    ]


# ----------------------------------------------------------------------------- ▶ Play


PLAY_LAMBDAS: tuple[float, ...] = nice_log_values(*LAMBDA_RANGE)[::5]
"""λ ▶ Play steps through: every half decade of the page's λ slider, 0.001 … 3.2 (8 values,
each one the slider offers)."""


def has_lambda(claim: str) -> bool:
    """Does the claim's page section offer a λ (and with it ▶ Animate λ)?

    Examples
    --------
    >>> all(has_lambda(key) for key in CLAIMS)
    True
    """
    return "lam" in CLAIMS[claim].controls


PLAY_WORK = 5_000
"""What one ▶ Play sweep may cost, in units of a claim's ``play_work`` setting: 5,000
iterations of the gradient claim (~0.1 CPU-s): all 8 λ up to 625 iterations, 5 at the
default 1,000, only the two ends from 1,667 on."""


def play_lambdas(claim: str, settings: Mapping[str, Any]) -> tuple[float, ...]:
    """The λ values ▶ Play sweeps for a claim at these settings: :data:`PLAY_LAMBDAS`, or
    fewer of them, spread over the same range, when the claim's runs are long
    (``Claim.play_work``: at most :data:`PLAY_WORK` in all, and at least the two ends).

    Examples
    --------
    >>> play_lambdas("sparse", {"k": 5}) == PLAY_LAMBDAS
    True
    >>> play_lambdas("gradient", {"n_iter": 1000}), play_lambdas("gradient", {"n_iter": 5000})
    ((0.001, 0.01, 0.1, 0.32, 3.2), (0.001, 3.2))
    """
    work = CLAIMS[claim].play_work
    count = len(PLAY_LAMBDAS)
    if work:
        count = max(2, min(count, PLAY_WORK // max(int(settings[work]), 1)))
    picks = np.unique(np.round(np.linspace(0, len(PLAY_LAMBDAS) - 1, count)).astype(int))
    return tuple(PLAY_LAMBDAS[k] for k in picks)


@dataclass(frozen=True)
class ClaimSweep:
    """One claim's experiment at every λ of a grid, the other settings fixed.

    Attributes
    ----------
    claim : str
        The claim's id (a key of :data:`CLAIMS`).
    lams : tuple of float
        The λ values, in the order of ``evidences``.
    evidences : tuple
        ``CLAIMS[claim].run(seed=seed, **settings, lam=λ)`` for each λ: each holds its own
        verdict.
    """

    claim: str
    lams: tuple[float, ...]
    evidences: tuple[Any, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """The verdict at each λ, as the page shows it (``"TRUE"``, ...)."""
        return tuple(evidence.verdict.label for evidence in self.evidences)


def claim_sweep(
    claim: str,
    seed: int,
    settings: Mapping[str, Any],
    lams: Sequence[float] | None = None,
) -> ClaimSweep:
    """Run one claim's experiment at every λ of ``lams``: the verdict as λ moves.

    Parameters
    ----------
    claim : str
        A key of :data:`CLAIMS` whose settings include ``lam`` (:func:`has_lambda`).
    seed : int
        The data's seed.
    settings : mapping
        The claim's other settings (a ``lam`` in it is ignored).
    lams : sequence of float, optional
        The λ values; by default those ▶ Play shows (:func:`play_lambdas`).

    Returns
    -------
    ClaimSweep

    Raises
    ------
    ValueError
        When the claim has no λ.

    Examples
    --------
    >>> sweep = claim_sweep("sparse", 0, {"k": 5}, lams=(0.001, 0.1))
    >>> sweep.labels, [ev.lasso_zeros for ev in sweep.evidences]
    (('HALF-TRUE', 'TRUE'), [0, 11])
    """
    if not has_lambda(claim):
        raise ValueError(f"The claim {claim!r} has no λ to sweep.")
    fixed = {name: value for name, value in settings.items() if name != "lam"}
    lams = tuple(float(lam) for lam in (play_lambdas(claim, fixed) if lams is None else lams))
    found = CLAIMS[claim]
    return ClaimSweep(claim, lams, tuple(found.run(seed=seed, **fixed, lam=lam) for lam in lams))


def play_text(evidence: Any, *, sep: str = " · ") -> str:
    """The text a ▶ Play frame writes in its plot: λ, the verdict there and the claim's
    key number for it (``Claim.play_number``).

    Parameters
    ----------
    evidence : object
        What a claim's experiment returned at that λ.
    sep : str
        Before the key number (``"<br>"`` in a figure: on a line of its own).

    Examples
    --------
    >>> play_text(check_sparse(seed=0))
    'λ = 0.1 · TRUE · lasso: exact zeros 11 of 20'
    >>> play_text(check_outliers(seed=0, lam=3.2), sep="<br>")
    'λ = 3.2 · FALSE<br>pull on the lasso 0.038'
    """
    claim = claim_of(evidence)
    key = claim.numbers(evidence)[claim.play_number]
    head = f"λ = {format_lambda(evidence.lam)} · {evidence.verdict.label}"
    return f"{head}{sep}{key.label} {key.text}"


__all__ = [
    "CD_MAX_ITER",
    "CLAIMS",
    "DEFAULTS",
    "DESIGNS",
    "EXACT_CD_TOL",
    "LAMBDA_RANGE",
    "MIN_STALL_ITER",
    "OUTLIER_MODELS",
    "OUTLIER_RANGE",
    "PLAY_LAMBDAS",
    "PLAY_WORK",
    "PRESETS",
    "PROPORTION_DESIGN_HELP",
    "SEED_RANGE",
    "ZERO_TOL",
    "BinaryEvidence",
    "Claim",
    "ClaimSweep",
    "CollinearityEvidence",
    "GradientEvidence",
    "Number",
    "OutlierEvidence",
    "ProportionEvidence",
    "SparseEvidence",
    "UniqueEvidence",
    "Verdict",
    "alt_text",
    "at_flip",
    "binary_verdict",
    "check_binary",
    "check_collinearity",
    "check_gradient",
    "check_outliers",
    "check_proportion",
    "check_sparse",
    "check_unique",
    "chosen_settings",
    "claim_of",
    "claim_sweep",
    "claim_table",
    "collinearity_verdict",
    "common_shrinkage",
    "control_name",
    "flip_preset",
    "gradient_verdict",
    "gram_scale",
    "has_lambda",
    "ista_on_data",
    "lasso_fit",
    "lasso_fit_counted",
    "lasso_objective",
    "lasso_pull_distance",
    "lasso_zero_threshold",
    "outliers_verdict",
    "play_lambdas",
    "play_text",
    "proportion_verdict",
    "ridge_fit",
    "ridge_objective",
    "sparse_regression_data",
    "sparse_verdict",
    "subgradient_descent",
    "unique_verdict",
    "verdict_heading",
    "verdict_table",
]
