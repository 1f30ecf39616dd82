"""Optimizer view: subgradient, proximal (ISTA), weight decay and coordinate descent iterates."""

from __future__ import annotations

import streamlit as st

from regviz.core.conventions import LAMBDA_HELP
from regviz.core.losses import QuadraticLoss
from regviz.experiments.optimizers import METHOD_NAMES, OptimizerRun, describe_zeros, run_all
from regviz.figures.optimizer import make_convergence_figure, make_optimizer_figure

if "_regviz_router" not in st.session_state:  # a shared link opened before app.py ever ran
    st.session_state["_regviz_deep_link"] = (__file__, st.query_params.to_dict())
    st.switch_page("app.py")

classroom = st.session_state.get("classroom", False)

PRESETS = {
    "The classic picture": {"lam": 1.0, "c1": 2.0, "c2": 0.5, "kappa": 4.0, "angle": 30},
    "Round bowl": {"lam": 1.0, "c1": 2.0, "c2": 0.5, "kappa": 1.0, "angle": 0},
    "Narrow valley (slow)": {"lam": 0.5, "c1": 2.0, "c2": 1.0, "kappa": 20.0, "angle": 45},
}


def apply_preset(name: str) -> None:
    """Write a preset's settings into the widgets' session state (runs before the rerun)."""
    for setting, value in PRESETS[name].items():
        st.session_state[f"opt_{setting}"] = value


@st.cache_data(max_entries=64, show_spinner=False)
def cached_runs(
    lam: float,
    c1: float,
    c2: float,
    kappa: float,
    angle: float,
    n_steps: int,
    step_scale: float,
    start_1: float,
    start_2: float,
) -> tuple[QuadraticLoss, tuple[OptimizerRun, ...]]:
    loss = QuadraticLoss.from_bowl([c1, c2], condition_number=kappa, angle_deg=angle)
    return loss, run_all(loss, lam, n_steps, (start_1, start_2), step_scale)


st.title("Optimizer view: how iterates reach zero")
st.markdown(
    "**What you are looking at.** Four optimizers minimize the same bowl-shaped loss plus a "
    "penalty, starting from the same point (×). **Subgradient descent** treats |β| like any "
    "function and kicks by λ·sign(β): near 0 it keeps hopping across. **Proximal gradient "
    "(ISTA)** takes a gradient step and then *soft-thresholds*: it subtracts a constant ηλ "
    "and snaps anything smaller to exactly 0. **Gradient descent with L2** multiplies β by a "
    "factor (1 − ηλ) each step (*weight decay*): it shrinks but never reaches 0. **Coordinate "
    "descent** solves exactly for one coefficient at a time. The star is the exact answer; "
    "press ▶ Play or drag the step slider under the figure."
)

preset_columns = st.columns(len(PRESETS))
for column, name in zip(preset_columns, PRESETS, strict=True):
    column.button(
        name,
        key=f"opt_preset_{list(PRESETS).index(name)}",
        on_click=apply_preset,
        args=(name,),
        help="Set the bowl and λ to this example.",
        use_container_width=True,
    )

with st.sidebar:
    st.header("Optimizer view")
    lam = st.slider(
        "λ (penalty strength)",
        min_value=0.0,
        max_value=4.0,
        value=1.0,
        step=0.05,
        key="opt_lam",
        bind="query-params",
        help=LAMBDA_HELP,
    )
    c1 = st.slider(
        "Bowl center β̂₁ (least squares)",
        min_value=-3.0,
        max_value=3.0,
        value=2.0,
        step=0.1,
        key="opt_c1",
        bind="query-params",
        help="Where the loss is lowest without a penalty.",
    )
    c2 = st.slider(
        "Bowl center β̂₂",
        min_value=-3.0,
        max_value=3.0,
        value=0.5,
        step=0.1,
        key="opt_c2",
        bind="query-params",
        help="Where the loss is lowest without a penalty.",
    )
    kappa = st.slider(
        "Elongation (condition number κ)",
        min_value=1.0,
        max_value=30.0,
        value=4.0,
        step=0.5,
        key="opt_kappa",
        bind="query-params",
        help="Ratio of the steepest to the flattest curvature; 1 is a round bowl. Large κ "
        "makes every gradient method slow.",
    )
    n_steps = st.slider(
        "Steps",
        min_value=5,
        max_value=300,
        value=100,
        step=5,
        key="opt_steps",
        bind="query-params",
        help="How many iterations each method takes (coordinate descent: one coordinate per step).",
    )
    angle, step_scale, start_1, start_2 = 30, 1.0, -1.5, 2.5
    if not classroom:
        angle = st.slider(
            "Bowl rotation (degrees)",
            min_value=-90,
            max_value=90,
            value=30,
            step=5,
            key="opt_angle",
            bind="query-params",
            help="Direction of the long axis of the ellipses, from the β₁ axis.",
        )
        step_scale = st.slider(
            "Step size (× 1/L)",
            min_value=0.1,
            max_value=1.9,
            value=1.0,
            step=0.1,
            key="opt_step",
            bind="query-params",
            help="L is the largest curvature of the bowl. Steps below 2/L converge; "
            "subgradient descent uses this times 1/√(k+1) at step k.",
        )
        start_1 = st.slider(
            "Start β₁",
            min_value=-3.0,
            max_value=3.0,
            value=-1.5,
            step=0.1,
            key="opt_start1",
            bind="query-params",
            help="Where every method starts.",
        )
        start_2 = st.slider(
            "Start β₂",
            min_value=-3.0,
            max_value=3.0,
            value=2.5,
            step=0.1,
            key="opt_start2",
            bind="query-params",
            help="Where every method starts.",
        )

try:
    loss, runs = cached_runs(
        lam, c1, c2, kappa, float(angle), int(n_steps), step_scale, start_1, start_2
    )
except ValueError as error:
    st.error(f"These settings cannot be optimized: {error}")
    st.stop()

st.plotly_chart(
    make_optimizer_figure(runs, loss, classroom=classroom),
    key="opt_main",
    alt="Four panels: iterates of subgradient descent, ISTA, gradient descent with L2 and "
    "coordinate descent on the loss contours, with the penalty ball and the exact answer.",
)
st.plotly_chart(
    make_convergence_figure(runs, classroom=classroom),
    key="opt_convergence",
    alt="Distance of each method's iterate to the exact answer, and the coefficient that the "
    "lasso sets to zero, step by step.",
)

by_method = {run.method: run for run in runs}
ridge = by_method["gd_l2"]
decay = 1.0 - ridge.step * ridge.lam
zero_sentences = describe_zeros(runs)
if not zero_sentences:
    zero_sentences = [
        "The lasso answer here has no zero coefficient (raise λ or move the bowl toward an "
        "axis to see one)."
    ]
distances = "; ".join(
    f"{METHOD_NAMES[run.method].split(' (')[0]} {run.distance[-1]:.1e}" for run in runs
)
st.caption(
    "**What to notice.** "
    + " ".join(zero_sentences)
    + f" Weight decay multiplies β by {decay:.3f} before each gradient step (η = "
    f"{ridge.step:.3g}, λ = {ridge.lam:g}), so its coefficients shrink by a proportion and "
    f"the ridge answer ({ridge.solution[0]:.3g}, {ridge.solution[1]:.3g}) has no zero. "
    f"Distance to the exact answer after {runs[0].n_steps} steps: {distances}."
)
