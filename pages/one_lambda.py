"""One λ, three views: the 2-D constraint picture, the coefficient path and the error curve."""

from __future__ import annotations

import math

import streamlit as st

from regviz.core.conventions import LAMBDA_HELP, PENALTY_NAMES
from regviz.experiments.onelambda import (
    LOG_LAMBDA_RANGE,
    LambdaPath,
    TwoFeatureData,
    at_lambda,
    fit_path,
    make_two_feature_data,
)
from regviz.figures.one_lambda import make_one_lambda_figure

if "_regviz_router" not in st.session_state:  # a shared link opened before app.py ever ran
    st.session_state["_regviz_deep_link"] = (__file__, st.query_params.to_dict())
    st.switch_page("app.py")

classroom = st.session_state.get("classroom", False)

PRESETS = {
    "The classic picture": {"loglam": -0.5, "penalty": "l1", "rho": 0.7, "noise": 2.0},
    "Too much penalty": {"loglam": 0.5, "penalty": "l1", "rho": 0.7, "noise": 2.0},
    "Ridge, same data": {"loglam": -0.5, "penalty": "l2", "rho": 0.7, "noise": 2.0},
}


def apply_preset(name: str) -> None:
    """Write a preset's settings into the widgets' session state (runs before the rerun)."""
    for setting, value in PRESETS[name].items():
        st.session_state[f"one_{setting}"] = value


@st.cache_data(max_entries=32, show_spinner=False)
def cached_path(
    penalty: str, n_train: int, correlation: float, noise: float, seed: int
) -> tuple[TwoFeatureData, LambdaPath]:
    data = make_two_feature_data(n_train, correlation=correlation, noise=noise, seed=seed)
    return data, fit_path(data, penalty)


st.title("One λ, three views")
st.markdown(
    "**What you are looking at.** One dataset with two features, one λ, one fitted model — "
    "drawn three ways. **Left:** the training loss as contours around the least-squares "
    "point (×) and the penalty *ball* of size t(λ) = ‖β̂(λ)‖; the model sits where the "
    "smallest contour touches the ball (the *constrained* form). **Middle:** the same "
    "coefficients on the path as λ varies (the *penalized* form), with the budget t(λ) "
    "dotted. **Right:** where that model lands on the training and test error curves. "
    "Move λ and all three move together."
)

preset_columns = st.columns(len(PRESETS))
for column, name in zip(preset_columns, PRESETS, strict=True):
    column.button(
        name,
        key=f"one_preset_{list(PRESETS).index(name)}",
        on_click=apply_preset,
        args=(name,),
        help="Set λ, the penalty and the data to this example.",
        use_container_width=True,
    )

with st.sidebar:
    st.header("One λ, three views")
    log_lam = st.slider(
        "λ (penalty strength), as log₁₀ λ",
        min_value=LOG_LAMBDA_RANGE[0],
        max_value=LOG_LAMBDA_RANGE[1],
        value=-0.5,
        step=0.05,
        key="one_loglam",
        bind="query-params",
        help=LAMBDA_HELP + " The slider moves log₁₀ λ: −1 is λ = 0.1, 0 is λ = 1.",
    )
    penalty = st.radio(
        "Penalty",
        ["l1", "l2"],
        format_func=PENALTY_NAMES.get,
        horizontal=True,
        key="one_penalty",
        bind="query-params",
        help="L1: the ball is a diamond ‖β‖₁ ≤ t. L2: a circle ‖β‖₂ ≤ t.",
    )
    correlation = st.slider(
        "Correlation between the features ρ",
        min_value=-0.9,
        max_value=0.9,
        value=0.7,
        step=0.05,
        key="one_rho",
        bind="query-params",
        help="Correlated features tilt and stretch the loss contours.",
    )
    noise = st.slider(
        "Noise σ",
        min_value=0.0,
        max_value=4.0,
        value=2.0,
        step=0.1,
        key="one_noise",
        bind="query-params",
        help="Noise in y. More noise: least squares overfits more and a penalty helps more.",
    )
    n_train, seed = 15, 0
    if not classroom:
        n_train = st.slider(
            "Training points n",
            min_value=6,
            max_value=200,
            value=15,
            key="one_n",
            bind="query-params",
            help="Rows the model is fitted on (the test set has 2,000 fresh rows).",
        )
        seed = st.number_input(
            "Random seed",
            min_value=0,
            max_value=10_000,
            value=0,
            step=1,
            key="one_seed",
            bind="query-params",
            help="Draw a different dataset from the same distribution.",
        )

lam = 10.0**log_lam
try:
    data, path = cached_path(penalty, int(n_train), correlation, noise, int(seed))
    point = at_lambda(data, path, lam)
except ValueError as error:
    st.error(f"These settings do not give a dataset the model can be fitted on: {error}")
    st.stop()

st.plotly_chart(
    make_one_lambda_figure(path, point, classroom=classroom),
    key="one_main",
    alt="Left: loss contours, the penalty ball of budget t(λ) and the solution. Middle: the "
    "coefficient path with a cursor at λ. Right: training and test error with the same cursor.",
)

norm = "‖β̂‖₁" if penalty == "l1" else "‖β̂‖₂"
ball_norm = "‖β‖₁" if penalty == "l1" else "‖β‖₂"
columns = st.columns(4)
columns[0].metric("λ", f"{lam:.3g}")
columns[1].metric(f"t(λ) = {norm}", f"{point.budget:.3g}")
columns[2].metric("training MSE", f"{point.train_mse:.3g}")
columns[3].metric("test MSE", f"{point.test_mse:.3g}")

zeros = [f"β{'₁₂'[j]}" for j in (0, 1) if point.beta[j] == 0.0]
if len(zeros) == 2:
    sparsity = " Both coefficients are exactly 0: the budget t has shrunk to nothing."
elif zeros:
    sparsity = f" {zeros[0]} is exactly 0: the contour touches the diamond at a corner."
elif penalty == "l1":
    sparsity = " No coefficient is zero yet: the contour touches an edge of the diamond."
else:
    sparsity = " Ridge's circle has no corners, so no coefficient is exactly 0."
best = path.best_test_lambda
direction = (
    "less penalty would fit the test data better"
    if best < lam
    else "more penalty would fit the test data better"
)
if abs(log_lam - math.log10(best)) < 0.03:
    direction = "this is (about) the best λ for the test data"
st.caption(
    f"**What to notice.** At λ = {lam:.3g} the penalized fit is β̂ = ({point.beta[0]:.4g}, "
    f"{point.beta[1]:.4g}) with {norm} = t = {point.budget:.4g}; solving the *constrained* "
    f"problem {ball_norm} ≤ {point.budget:.4g} instead gives "
    f"({point.constrained_beta[0]:.4g}, "
    f"{point.constrained_beta[1]:.4g}) — the same model (largest difference "
    f"{point.forms_gap:.1e}).{sparsity} Its test error is {point.test_mse:.3g} against "
    f"{point.train_mse:.3g} in training; the lowest test error on this grid is "
    f"{path.test_mse.min():.3g} at λ = {best:.3g}, so {direction}."
)
