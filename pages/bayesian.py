"""Bayesian view: a Laplace prior makes the MAP the lasso, a Gaussian prior makes it ridge."""

from __future__ import annotations

import numpy as np
import streamlit as st

from regviz.core.conventions import LAMBDA_HELP
from regviz.experiments.bayes import BayesView, bayes_view, correlated_hessian
from regviz.figures.bayesian import make_bayes_figure

if "_regviz_router" not in st.session_state:  # a shared link opened before app.py ever ran
    st.session_state["_regviz_deep_link"] = (__file__, st.query_params.to_dict())
    st.switch_page("app.py")

classroom = st.session_state.get("classroom", False)

PRESETS = {
    "The classic picture": {"c1": 1.0, "c2": 0.2, "sigma": 2.0, "n": 20, "prior_sd": 0.5},
    "Weak data: the MAP is exactly 0": {
        "c1": 0.4,
        "c2": 0.2,
        "sigma": 2.0,
        "n": 10,
        "prior_sd": 0.5,
    },
    "Strong data: the prior hardly matters": {
        "c1": 1.0,
        "c2": 0.2,
        "sigma": 1.0,
        "n": 400,
        "prior_sd": 0.5,
    },
}


def apply_preset(name: str) -> None:
    """Write a preset's settings into the widgets' session state (runs before the rerun)."""
    for setting, value in PRESETS[name].items():
        st.session_state[f"bay_{setting}"] = value


@st.cache_data(max_entries=64, show_spinner=False)
def cached_views(
    n_coef: int, c1: float, c2: float, correlation: float, sigma: float, n: int, prior_sd: float
) -> tuple[BayesView, BayesView]:
    if n_coef == 1:
        center, hessian = [c1], [[1.0]]
    else:
        center, hessian = [c1, c2], correlated_hessian(correlation)
    return tuple(
        bayes_view(center, hessian, prior=prior, prior_sd=prior_sd, sigma=sigma, n=n)
        for prior in ("laplace", "gaussian")
    )


def fmt(beta: np.ndarray) -> str:
    """A coefficient vector as a short readable string, exact zeros shown as 0."""
    parts = ["0" if b == 0.0 else f"{b:.3g}" for b in beta]
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"


st.title("Bayesian view: priors and MAP")
st.markdown(
    "**What you are looking at.** Treat the coefficients as unknowns with a *prior* belief: "
    "a **Laplace** prior (a sharp peak at 0) or a **Gaussian** prior (a smooth bump), both "
    "with the same standard deviation. The data's *likelihood* pulls towards the "
    "least-squares estimate; multiplying prior and likelihood gives the *posterior*. Its "
    "peak, the MAP estimate, is exactly the lasso (Laplace) or ridge (Gaussian) solution for "
    "a λ fixed by the noise, the sample size and the prior scale. Its *mean*, an average over "
    "a density that is positive everywhere, is never exactly zero."
)

preset_columns = st.columns(len(PRESETS))
for column, name in zip(preset_columns, PRESETS, strict=True):
    column.button(
        name,
        key=f"bay_preset_{list(PRESETS).index(name)}",
        on_click=apply_preset,
        args=(name,),
        help="Set the sliders to this example.",
        use_container_width=True,
    )

with st.sidebar:
    st.header("Bayesian view")
    c1 = st.slider(
        "Least-squares estimate β̂₁ (what the data alone say)",
        min_value=-3.0,
        max_value=3.0,
        value=1.0,
        step=0.05,
        key="bay_c1",
        bind="query-params",
        help="Where the likelihood peaks: the unpenalized (OLS) estimate of β₁.",
    )
    n_coef = st.radio(
        "Coefficients",
        [1, 2],
        index=0,
        format_func=lambda k: "one (β)" if k == 1 else "two (β₁, β₂)",
        horizontal=True,
        key="bay_dims",
        bind="query-params",
        help="One coefficient: densities over β. Two: contour lines over (β₁, β₂).",
    )
    c2 = 0.2
    correlation = 0.3
    if n_coef == 2:
        c2 = st.slider(
            "Least-squares estimate β̂₂",
            min_value=-3.0,
            max_value=3.0,
            value=0.2,
            step=0.05,
            key="bay_c2",
            bind="query-params",
            help="Where the likelihood peaks along β₂.",
        )
    sigma = st.slider(
        "Noise level σ",
        min_value=0.1,
        max_value=5.0,
        value=2.0,
        step=0.1,
        key="bay_sigma",
        bind="query-params",
        help="Standard deviation of the noise in y = Xβ + b + ε. More noise: a wider likelihood.",
    )
    n = st.slider(
        "Observations n",
        min_value=1,
        max_value=500,
        value=20,
        key="bay_n",
        bind="query-params",
        help="Number of data rows. More data: a narrower likelihood and a smaller λ.",
    )
    prior_sd = st.slider(
        "Prior standard deviation",
        min_value=0.05,
        max_value=3.0,
        value=0.5,
        step=0.05,
        key="bay_prior_sd",
        bind="query-params",
        help="Both priors get this standard deviation: Laplace scale b = sd/√2, Gaussian τ = sd. "
        "A tighter prior means a larger λ: λ = σ²/(n·b) for the lasso, σ²/(n·τ²) for ridge. "
        + LAMBDA_HELP,
    )
    if n_coef == 2 and not classroom:
        correlation = st.slider(
            "Correlation between the two features ρ",
            min_value=-0.9,
            max_value=0.9,
            value=0.3,
            step=0.05,
            key="bay_rho",
            bind="query-params",
            help="Standardized features with correlation ρ: H = XᵀX/n = [[1, ρ], [ρ, 1]] "
            "tilts the likelihood's ellipses.",
        )

try:
    laplace, gaussian = cached_views(int(n_coef), c1, c2, correlation, sigma, int(n), prior_sd)
except ValueError as error:
    st.error(f"These settings do not define a posterior: {error}")
    st.stop()

fig = make_bayes_figure([laplace, gaussian], classroom=classroom)
st.plotly_chart(
    fig,
    key="bay_main",
    alt="Prior, likelihood and posterior for a Laplace and a Gaussian prior, with the MAP "
    "estimate and the posterior mean marked.",
)

st.subheader("The exact mapping to λ")
st.markdown(
    "With noise variance σ², n rows and regviz's objective "
    "(1/2n)‖y − Xβ − b‖² + λ·P(β), the log posterior −‖y − Xβ − b‖²/(2σ²) − ‖β‖₁/b "
    "(Laplace) or − ‖β‖₂²/(2τ²) (Gaussian), multiplied by σ²/n, is minus that objective "
    "with"
)
st.latex(
    r"\lambda_{\text{lasso}} = \frac{\sigma^2}{n\,b}, \qquad "
    r"\lambda_{\text{ridge}} = \frac{\sigma^2}{n\,\tau^2}"
    r"\quad(\text{scikit-learn: } \texttt{Lasso(alpha=}\lambda_{\text{lasso}}\texttt{)},\ "
    r"\texttt{Ridge(alpha=}\sigma^2/\tau^2\texttt{)})."
)
st.markdown(
    f"Here σ = {sigma:g}, n = {int(n)}: Laplace b = {laplace.scale:.3g} gives "
    f"**λ = {sigma:g}²/({int(n)}·{laplace.scale:.3g}) = {laplace.lam:.4g}**; Gaussian "
    f"τ = {gaussian.scale:.3g} gives **λ = {sigma:g}²/({int(n)}·{gaussian.scale:.3g}²) = "
    f"{gaussian.lam:.4g}**. (The textbook λ = σ²/b and λ = σ²/τ² belong to objectives "
    "without the 1/n.)"
)

zeros = [j for j, b in enumerate(laplace.map) if b == 0.0]
names = ["β"] if laplace.n_coef == 1 else ["β₁", "β₂"]
grid_error = float(np.max(np.abs(laplace.grid_map - laplace.map)))
grid_step = float(laplace.axes[0][1] - laplace.axes[0][0])
if zeros:
    zero_names = " and ".join(names[j] for j in zeros)
    mean_there = ", ".join(f"{laplace.summary.mean[j]:.3g}" for j in zeros)
    sparsity = (
        f"The Laplace MAP sets {zero_names} to **exactly 0**, while the posterior mean there "
        f"is {mean_there}: small, but not zero, because the posterior puts probability on "
        "both sides of 0."
    )
else:
    sparsity = (
        "The data are strong enough here that the Laplace MAP keeps every coefficient; weaken "
        "them (smaller |β̂|, fewer observations, more noise or a tighter prior) and it snaps "
        "to exactly 0 once λ reaches the data's pull."
    )
st.caption(
    f"**What to notice.** Laplace MAP = lasso solution = {fmt(laplace.map)}, posterior mean "
    f"= {fmt(laplace.summary.mean)}; Gaussian MAP = ridge solution = {fmt(gaussian.map)}, "
    f"posterior mean = {fmt(gaussian.summary.mean)} (for a Gaussian prior the posterior is "
    f"Gaussian, so mean and MAP coincide). {sparsity} A brute-force search of the plotted "
    f"grid finds the Laplace peak within {grid_error:.2g} of the solver's answer (grid step "
    f"{grid_step:.2g})."
)
