"""The Claim checker page, declared: a claim chooser and each claim's own settings.

Every claim is defined once, in its module under :mod:`regviz.experiments.claims`; the
defaults of its settings and the presets (one per claim whose verdict flips) come from
that registry. A claim's controls are named ``<claim>_<setting>`` (its record lists the
settings in ``Claim.controls``) and are shown only while that claim is chosen.
"""

from __future__ import annotations

from dataclasses import replace

from regviz.experiments.claims import (
    CLAIMS,
    DEFAULTS,
    DESIGNS,
    LAMBDA_RANGE,
    OUTLIER_RANGE,
    PRESETS,
    PROPORTION_DESIGN_HELP,
    SEED_RANGE,
    flip_preset,
    has_lambda,
)
from regviz.ui.controls import Choice, LogSlider, Slider
from regviz.ui.spec import PageSpec, from_log10
from regviz.ui.specs import common

CLAIM = "claim"  # the chooser's section: a row of its own, wide enough for a statement
OWN = "own"  # the chosen claim's settings: stacked beside the figure, next to the verdict


def _for(claim: str):
    """Shown only while ``claim`` is the chosen one."""
    return lambda values: values["which"] == claim


def _own(claim: str, setting: str, **fields):
    """A control of one claim's setting: beside its verdict, only while it is chosen."""
    kind = fields.pop("kind", Slider)
    fields.setdefault("visible", _for(claim))
    return kind(name=f"{claim}_{setting}", where="main", section=OWN, **fields)


def _lam(claim: str) -> LogSlider:
    low, high = LAMBDA_RANGE
    return _own(claim, "lam", kind=common.lambda_slider, low=low, high=high)


def _count(claim: str, setting: str, *, label: str, high: int, help: str) -> Slider:
    return _own(claim, setting, label=label, low=1, high=high, step=1, integer=True, help=help)


def _correlation(claim: str, low: float, high: float, help: str) -> Slider:
    label = "Correlation of features 1 and 2"
    return _own(
        claim, "correlation", label=label, low=low, high=high, step=0.001, fmt="%.3f", help=help
    )


SPEC = PageSpec(
    slug="claims",
    title="Claim checker",
    icon=":material/fact_check:",
    question="Which common statements about L1 and L2 are true, and when?",
    intro=(
        "Statements about L1 (lasso) and L2 (ridge) that articles and forum answers "
        "repeat, each put to a small experiment run live on this page. The verdict — "
        "true, false or half-true — is *computed* from the numbers of the run by the rule "
        "shown under it, never typed in: change the data or the settings and the verdict "
        "may change with the evidence."
    ),
    controls=(
        Choice(
            name="which",
            label="Claim",
            options={key: claim.statement for key, claim in CLAIMS.items()},
            widget="select",
            where="main",
            section=CLAIM,
            help="The statement to test.",
        ),
        _count(
            "sparse",
            "k",
            label="Features that truly matter (of 20)",
            high=20,
            help="The other features have true weight 0.",
        ),
        _lam("sparse"),
        _lam("binary"),
        _count(
            "gradient",
            "n_iter",
            label="Iterations",
            high=5000,
            help="Iterations of ISTA and of subgradient descent.",
        ),
        _lam("gradient"),
        _correlation("unique", 0.9, 1.0, "1.000 makes feature 2 an exact copy of feature 1."),
        _lam("unique"),
        _correlation(
            "collinearity", 0.0, 0.999, "How strongly the two relevant features move together."
        ),
        _lam("collinearity"),
        _own(
            "proportion",
            "design",
            kind=Choice,
            label="Design of the features",
            options=DESIGNS,
            widget="select",
            help=PROPORTION_DESIGN_HELP,
        ),
        _own(
            "proportion",
            "correlation",
            label="Correlation between features",
            low=0.0,
            high=0.99,
            step=0.01,
            help="Every pair of features has this correlation.",
            visible=lambda v: v["which"] == "proportion" and v["proportion_design"] == "correlated",
        ),
        _lam("proportion"),
        _own(
            "outliers",
            "outlier_size",
            label="Outlier distance (noise units σ)",
            low=OUTLIER_RANGE[0],
            high=OUTLIER_RANGE[1],
            step=1,
            integer=True,
            help="How far above the line the last point is moved (at least 1 σ: without "
            "an outlier there is nothing to resist).",
        ),
        _lam("outliers"),
        # Last of the claim's own settings: right under its λ, whichever claim is chosen.
        replace(
            common.animate_lambda_toggle(
                "The claim's figure with ▶ Play: λ steps from 0.001 to 3.2 in your browser "
                "(no waiting for the server), and each step writes the verdict that λ's "
                "experiment computes — watch it change."
            ),
            section=OWN,
            visible=lambda values: has_lambda(values["which"]),
        ),
        Slider(
            name="seed",
            label="Random seed of the data",
            low=SEED_RANGE[0],
            high=SEED_RANGE[1],
            step=1,
            integer=True,
            help="Draws a different data set for the experiment.",
        ),
    ),
    defaults={**DEFAULTS, **common.ANIMATION_OFF},
    presets=PRESETS,
    preset_help={
        flip_preset(key): f"Sets {claim.flip_note}: the evidence, and with it the verdict, changes."
        for key, claim in CLAIMS.items()
        if claim.flip
    },
    legacy_prefix="claim_",
    # Old links gave λ as log₁₀ λ (claim_sparse_loglam=-1.3): the same λ, shown as itself.
    legacy_values={f"claim_{key}_loglam": (f"{key}_lam", from_log10) for key in CLAIMS},
)
