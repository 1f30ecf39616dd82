"""The One λ page, declared: one model seen as a constraint, a path point and an error."""

from __future__ import annotations

from regviz.core.conventions import PENALTY_NAMES
from regviz.experiments.onelambda import DEFAULTS, LAMBDA_RANGE, PRESETS
from regviz.ui.controls import Choice, Slider
from regviz.ui.spec import PageSpec, from_log10
from regviz.ui.specs import common

DATA = "The data"

SPEC = PageSpec(
    slug="one_lambda",
    title="One λ, three views",
    icon=":material/join_inner:",
    question="How are the constraint picture, the coefficient path and the error curve one "
    "and the same model?",
    intro=(
        "One dataset with two features, one λ, one fitted model — drawn three ways. "
        "**Left:** the training loss as contours around the least-squares point (×) and the "
        "penalty *ball* of size t(λ) = ‖β̂(λ)‖; the model sits where the smallest contour "
        "touches the ball (the *constrained* form). **Middle:** the same coefficients on the "
        "path as λ varies (the *penalized* form), with the budget t(λ) dotted. **Right:** "
        "where that model lands on the training and test error curves. Move λ and all three "
        "move together."
    ),
    controls=(
        common.lambda_slider(*LAMBDA_RANGE, per_decade=20),
        Choice(
            name="penalty",
            label="Penalty",
            options={"l1": PENALTY_NAMES["l1"], "l2": PENALTY_NAMES["l2"]},
            where="main",
            help="L1: the ball is a diamond ‖β‖₁ ≤ t. L2: a circle ‖β‖₂ ≤ t.",
        ),
        common.animate_lambda_toggle(
            "The three views in one figure with ▶ Play: λ sweeps from 0.001 to 10 in "
            "your browser (no waiting for the server) and all three move together."
        ),
        Slider(
            name="rho",
            label="Correlation between the features ρ",
            low=-0.9,
            high=0.9,
            step=0.05,
            group=DATA,
            help="Correlated features tilt and stretch the loss contours.",
        ),
        Slider(
            name="noise",
            label="Noise σ",
            low=0.0,
            high=4.0,
            step=0.1,
            group=DATA,
            help="Noise in y. More noise: least squares overfits more and a penalty helps more.",
        ),
        Slider(
            name="n",
            label="Training points n",
            low=6,
            high=200,
            step=1,
            integer=True,
            group=DATA,
            secondary=True,
            help="Rows the model is fitted on (the test set has 2,000 fresh rows).",
        ),
        common.random_seed("Draw a different dataset from the same distribution.", group=DATA),
    ),
    defaults={**DEFAULTS, **common.ANIMATION_OFF},
    presets=PRESETS,
    preset_help={
        "the classic picture": "A moderate λ: the diamond is touched at a corner (β₂ = 0).",
        "too much penalty": "λ so large that the budget shrinks to nothing: both "
        "coefficients are 0.",
        "ridge, same data": "The same data and λ with the circle: no exact zero.",
    },
    # Old links: one_penalty, one_rho, one_noise, one_n, one_seed open the same view. The
    # old one_loglam (log₁₀ λ) has no control of that meaning: the page shows its default
    # λ and a notice names the parameter.
    legacy_prefix="one_",
    legacy_values={"one_loglam": ("lam", from_log10)},  # older links carried log₁₀ λ
    # Every control redraws the three views, in place (▶ Play's single figure is an
    # ordinary chart: plotly.js plays its frames).
    kept_mounted=frozenset({"constraint", "path", "error"}),
)
