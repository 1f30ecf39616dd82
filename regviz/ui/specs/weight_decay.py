"""The L2 vs weight decay page, declared: four optimizers, one λ, features of unequal scales."""

from __future__ import annotations

from regviz.experiments.weightdecay import DEFAULTS, LAMBDA_RANGE, PRESETS
from regviz.ui.controls import LogSlider, Slider, Steps
from regviz.ui.spec import PageSpec
from regviz.ui.specs import common

# Spread D of the feature scales: feature j is scaled by 10^(aⱼ), aⱼ evenly spaced over
# [−D/2, D/2].
SCALE_SPREADS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
# Training steps K offered: 5000 steps cost ~0.10–0.12 CPU-s of training (λ and ▶ Play's
# 13 λ in one loop), ~0.3 with the figures and a real server's rerun, so the largest offered
# is 3000 (~0.07–0.1 s of training).
TRAINING_STEPS = (500, 1000, 2000, 3000)


def spread_label(decades: float) -> str:
    """The scales a spread of ``decades`` gives, as the slider shows them.

    Examples
    --------
    >>> spread_label(1.0), spread_label(0.0)
    ('×0.32 … ×3.2', 'all ×1')
    """
    if decades == 0:
        return "all ×1"
    return f"×{10 ** (-decades / 2):.2g} … ×{10 ** (decades / 2):.2g}"


SPEC = PageSpec(
    slug="weight_decay",
    title="L2 vs weight decay under Adam",
    icon=":material/speed:",
    question="Is weight decay the same as an L2 penalty? Under SGD yes — under Adam, no.",
    intro=(
        "Four optimizers fit the same linear regression on the same minibatches with the "
        "same λ: **SGD + L2** and **Adam + L2** add the penalty's gradient λw to the loss "
        "gradient; **SGD + weight decay** and **AdamW** instead shrink every weight by a "
        "fixed share η·λ per step. The features have deliberately unequal scales, so their "
        "gradients differ in size. Under SGD the two are the same update. Adam divides its "
        "whole gradient — the penalty's λw included — by a running gradient scale √v̂, so "
        "Adam + L2 decays the large-gradient weights *less*; AdamW (Loshchilov & Hutter, "
        "2019) decouples the decay and shrinks every weight alike. The bars show the share "
        "of the least-squares weight each optimizer kept; grey ticks are the exact ridge "
        "solution at λ."
    ),
    controls=(
        LogSlider(
            name="lam",
            label="Penalty / decay λ",
            low=LAMBDA_RANGE[0],
            high=LAMBDA_RANGE[1],
            where="main",
            help="The same λ for all four: an L2 penalty (λ/2)‖w‖² added to the loss, or "
            "a decay of η·λ per step (λ counted per unit learning rate, as PyTorch's "
            "weight_decay).",
        ),
        Steps(
            name="scale_decades",
            label="Spread of the feature scales",
            values=SCALE_SPREADS,
            fmt=spread_label,
            where="main",
            help="Feature j is a standard normal column times its scale; the scales are "
            "evenly spaced on a log axis. A feature's gradient grows with its scale.",
        ),
        Steps(
            name="n_steps",
            label="Training steps K",
            values=TRAINING_STEPS,
            help="Minibatch steps of every optimizer (32 rows each, the same rows for all).",
        ),
        LogSlider(
            name="lr_adam",
            label="Adam's learning rate η",
            low=0.0003,
            high=0.03,
            help="η of Adam + L2 and AdamW (SGD uses half of 1/L, L the largest curvature "
            "of the loss). AdamW's decay per step is η·λ.",
        ),
        Slider(
            name="n_features",
            label="Number of features p",
            low=2,
            high=10,
            step=1,
            integer=True,
            help="Features, from the smallest scale to the largest.",
        ),
        common.random_seed("The same seed always draws the same data and minibatches.", high=9999),
    ),
    defaults=DEFAULTS,
    presets=PRESETS,
    preset_help={
        "unequal scales": "Features ×0.32 … ×3.2: Adam + L2 follows ridge, AdamW shrinks "
        "every weight alike.",
        "equal scales": "One scale for all features: the four optimizers end close together.",
        "very unequal scales": "×0.1 … ×10: the contrast grows; plain SGD has not converged "
        "on the smallest-scale features.",
        "weak penalty": "λ = 0.03: every weight is kept almost fully, except the "
        "smallest-scale ones under the L2 penalty.",
    },
)
