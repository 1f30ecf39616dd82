"""The Early stopping page, declared: gradient descent stopped after t steps against ridge."""

from __future__ import annotations

from regviz.core.conventions import LAMBDA_HELP
from regviz.experiments.datasets import BUNDLED
from regviz.experiments.earlystopping import DEFAULTS, PRESETS
from regviz.ui.controls import Choice, Slider, Steps
from regviz.ui.spec import PageSpec

# Steps t offered on the slider: about four per decade, so the slider moves evenly on the
# log axes the figures use; the largest offered is the recorded trajectory's length T.
STEP_VALUES = (
    1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700,
    1000, 1500, 2000, 3000, 5000, 7000, 10_000, 15_000, 20_000,
)  # fmt: skip
TRAJECTORY_LENGTHS = (1000, 2000, 5000, 10_000, 20_000)


def steps_up_to(n_steps: int) -> tuple[int, ...]:
    """The values the t slider offers when the trajectory is ``n_steps`` long.

    Examples
    --------
    >>> steps_up_to(1000)[-3:]
    (500, 700, 1000)
    """
    return tuple(t for t in STEP_VALUES if t <= n_steps)


SPEC = PageSpec(
    slug="early_stopping",
    title="Early stopping ≈ ridge",
    icon=":material/timer:",
    question="Why does stopping gradient descent early act like an L2 penalty?",
    intro=(
        "Gradient descent starts at β = 0 and walks downhill on the least-squares loss "
        "(1/2n)‖y − Xβ‖² of standardized data, t steps of size η. Stopped early, it has "
        "not yet reached least squares: its coefficients (dashed, orange) are shrunk — and "
        "they follow the **ridge path** (blue) closely, each step count t matching the "
        "penalty **λ ≈ 1/(η·t)** (the top axis counts steps). The reason is in the second "
        "figure: in each eigen-direction of XᵀX/n (eigenvalue d), t steps keep the share "
        "1 − (1 − η·d)^t of the least-squares fit, ridge keeps d/(d + λ). Both keep the "
        "directions with d above λ and shrink the ones below; gradient descent's filter is "
        "only the sharper of the two."
    ),
    controls=(
        Steps(
            name="t",
            label="Gradient-descent steps t",
            values=STEP_VALUES,
            where="main",
            section="t",
            dynamic=True,
            help="How many steps of size η gradient descent takes from β = 0 before it "
            "stops. More steps = weaker implicit penalty: the matched ridge has "
            "λ = 1/(η·t). " + LAMBDA_HELP,
        ),
        Choice(
            name="dataset",
            label="Data set",
            options=BUNDLED,
            widget="select",
            help="The Coefficient paths data; every feature is standardized (centred, "
            "divided by its standard deviation) and y centred.",
        ),
        Slider(
            name="step_scale",
            label="Step size η (as a fraction of 1/L)",
            low=0.05,
            high=1.0,
            step=0.05,
            help="η·L, with L the largest eigenvalue of XᵀX/n: up to η = 1/L every step "
            "shrinks the error in every direction without overshooting. A smaller step "
            "needs more steps for the same λ = 1/(η·t).",
        ),
        Steps(
            name="n_steps",
            label="Trajectory drawn up to T steps",
            values=TRAJECTORY_LENGTHS,
            secondary=True,
            help="How far the dashed gradient-descent curves (and the ridge path behind "
            "them) are drawn; the t slider goes up to T.",
        ),
    ),
    defaults=DEFAULTS,
    presets=PRESETS,
    preset_help={
        "a few steps": "t = 3: everything is still shrunk strongly; gradient descent and "
        "ridge nearly coincide (both ≈ η·t·d).",
        "early stopping": "The default: the large-eigenvalue directions are fitted, the "
        "small ones not yet.",
        "run to convergence": "t = 5000: every direction is fitted; both reach least squares.",
        "largest step (η = 1/L)": "The largest safe step: the top eigen-direction is fitted "
        "in one step.",
        "wine data": "Wine chemistry (12 features), better conditioned than diabetes.",
    },
    # Both figures change with every slider: they are redrawn in place.
    kept_mounted=frozenset({"trajectory", "filters"}),
)
