"""The Optimizer page, declared: four optimizers on one bowl, and which of them hit zero."""

from __future__ import annotations

from regviz.core.conventions import LAMBDA_HELP
from regviz.experiments.optimizers import DEFAULTS, LAMBDA_RANGE, METHODS, PRESETS
from regviz.ui.controls import Slider
from regviz.ui.spec import PageSpec
from regviz.ui.specs import common

BOWL = "Shape of the bowl"
START = "Steps, start and step size"


def _bowl_center(k: int, label: str) -> Slider:
    """Coordinate k of the bowl's center: where least squares would put β."""
    return common.coefficient_slider(
        f"c{k}", label, "Where the loss is lowest without a penalty.", group=BOWL
    )


def _start(k: int) -> Slider:
    """Coordinate k of the point every method starts from."""
    sub = "₁₂"[k - 1]
    return common.coefficient_slider(
        f"start_{k}", f"Start β{sub}", "Where every method starts.", group=START, secondary=True
    )


SPEC = PageSpec(
    slug="optimizer",
    title="Optimizer view: how iterates reach zero",
    icon=":material/footprint:",
    question="Why do some optimizers land exactly on zero and others never do?",
    intro=(
        "Four optimizers minimize the same bowl-shaped loss plus a penalty, starting from "
        "the same point (×). **Subgradient descent** treats |β| like any function and kicks "
        "by λ·sign(β): near 0 it keeps hopping across. **Proximal gradient (ISTA)** takes a "
        "gradient step and then *soft-thresholds*: it subtracts a constant ηλ and snaps "
        "anything smaller to exactly 0. **Gradient descent with L2** multiplies β by a factor "
        "(1 − ηλ) each step (*weight decay*): it shrinks but never reaches 0. **Coordinate "
        "descent** solves exactly for one coefficient at a time. The star is the exact "
        "answer. Each figure opens at step 0: press ▶ Play at its top, or drag its step slider."
    ),
    controls=(
        Slider(
            name="lam",
            label="Penalty λ",
            low=LAMBDA_RANGE[0],
            high=LAMBDA_RANGE[1],
            step=0.05,
            where="main",
            help=LAMBDA_HELP,
        ),
        Slider(
            name="kappa",
            label="Elongation of the bowl κ",
            low=1.0,
            high=30.0,
            step=0.5,
            where="main",
            help="Ratio of the steepest to the flattest curvature; 1 is a round bowl. Large κ "
            "makes every gradient method slow.",
        ),
        common.animate_lambda_toggle(
            "Each figure's ▶ Play sweeps λ from 0 to 4 instead of the steps: the whole run, "
            "the ball and the exact answer at each λ, played in your browser. Watch ISTA's "
            "end point reach the axis as λ grows while weight decay's only shrinks."
        ),
        _bowl_center(1, "Bowl center β̂₁ (least squares)"),
        _bowl_center(2, "Bowl center β̂₂"),
        common.rotation_slider(
            "angle",
            "Bowl rotation (degrees)",
            "Direction of the long axis of the ellipses, from the β₁ axis.",
            integer=True,
            group=BOWL,
            secondary=True,
        ),
        Slider(
            name="steps",
            label="Steps",
            low=5,
            high=300,
            step=5,
            integer=True,
            group=START,
            help="How many iterations each method takes (coordinate descent: one coordinate "
            "per step).",
        ),
        Slider(
            name="step_scale",
            label="Step size (× 1/L)",
            low=0.1,
            high=1.9,
            step=0.1,
            group=START,
            secondary=True,
            help="L is the largest curvature of the bowl. Steps below 2/L converge; "
            "subgradient descent uses this times 1/√(k+1) at step k.",
        ),
        _start(1),
        _start(2),
    ),
    defaults={**DEFAULTS, **common.ANIMATION_OFF},
    presets=PRESETS,
    preset_help={
        "the classic picture": "A tilted bowl whose lasso answer has β₂ = 0: ISTA and "
        "coordinate descent land on it, subgradient descent hops across it.",
        "round bowl": "Round contours: every gradient method heads straight for its answer.",
        "narrow valley (slow)": "A long, thin valley (κ = 20): every gradient method crawls.",
    },
    legacy_prefix="opt_",
    legacy_names={"step": "step_scale", "start1": "start_1", "start2": "start_2"},
    # Every control redraws the four method figures and the two plots under them: in place.
    kept_mounted=frozenset({*(f"method_{method}" for method in METHODS), "distance", "coordinate"}),
)
