"""Overfitting: train, test and cross-validation error as λ changes, and bias–variance."""

from __future__ import annotations

import numpy as np
import streamlit as st

from regviz.core.conventions import L1_RATIO_HELP, LAMBDA_HELP, PENALTY_NAMES
from regviz.experiments.biasvariance import BiasVariance, bias_variance
from regviz.experiments.overfit import (
    BASES,
    MAX_DEGREE,
    PRESETS,
    TRUTHS,
    BasisComparison,
    ErrorCurves,
    FeatureSpec,
    compare_bases,
    error_curves,
    make_dataset,
    slider_lambdas,
)
from regviz.figures.overfitting import (
    make_bias_variance_figure,
    make_coefficient_figure,
    make_error_curves_figure,
    make_fit_figure,
)

if "_regviz_router" not in st.session_state:  # a shared link opened before app.py ever ran
    st.session_state["_regviz_deep_link"] = (__file__, st.query_params.to_dict())
    st.switch_page("app.py")

LOG_LAMBDA_MIN, LOG_LAMBDA_MAX, LOG_LAMBDA_STEP = -5.0, 2.0, 0.1
VIEWS = {"L1 vs L2": ("l2", "l1"), "L1, L2 and elastic net": ("l2", "l1", "elasticnet")}

classroom = st.session_state.get("classroom", False)


def apply_preset(name: str) -> None:
    """Write a preset's settings into the widgets' session state (runs before the rerun)."""
    for setting, value in PRESETS[name].items():
        st.session_state[f"ovf_{setting}"] = value


@st.cache_data(max_entries=24, show_spinner=False)
def cached_curves(
    truth: str,
    n: int,
    noise: float,
    seed: int,
    basis: str,
    degree: int,
    n_folds: int,
    l1_ratio: float,
) -> ErrorCurves:
    data = make_dataset(truth, n=n, noise=noise, seed=seed)
    lambdas = slider_lambdas(LOG_LAMBDA_MIN, LOG_LAMBDA_MAX, LOG_LAMBDA_STEP)
    return error_curves(
        data, FeatureSpec(basis, degree), lambdas=lambdas, n_folds=n_folds, l1_ratio=l1_ratio
    )


@st.cache_data(max_entries=24, show_spinner=False)
def cached_basis_comparison(
    truth: str, n: int, noise: float, seed: int, degree: int, lam: float
) -> BasisComparison:
    return compare_bases(make_dataset(truth, n=n, noise=noise, seed=seed), degree, lam)


def bias_variance_with_memo(
    truth: str,
    n: int,
    noise: float,
    seed: int,
    basis: str,
    degree: int,
    penalty: str,
    l1_ratio: float,
    n_sets: int,
    progress,
) -> BiasVariance:
    """Bias–variance, remembered per session.

    Not ``st.cache_data``: it replays every element call made during the first run,
    and the live progress-bar updates target a bar created outside the cached function,
    which cannot be replayed. The results are tiny (a few arrays of ~70 numbers), so a
    short per-session memo costs nothing.
    """
    memo = st.session_state.setdefault("_ovf_bv_memo", {})
    key = (truth, n, noise, seed, basis, degree, penalty, l1_ratio, n_sets)
    if key not in memo:
        memo[key] = bias_variance(
            truth,
            n=n,
            noise=noise,
            features=FeatureSpec(basis, degree),
            penalty=penalty,
            lambdas=slider_lambdas(LOG_LAMBDA_MIN, LOG_LAMBDA_MAX, LOG_LAMBDA_STEP),
            l1_ratio=l1_ratio,
            n_sets=n_sets,
            seed=seed,
            progress=progress,
        )
        while len(memo) > 12:
            memo.pop(next(iter(memo)))
    return memo[key]


st.title("Overfitting: too little penalty, too much, and just right")
st.markdown(
    "**What you are looking at.** A handful of noisy points drawn from a known curve are "
    "fitted with a flexible model: a polynomial of high degree (or splines, or bumps). "
    "With no penalty it chases the noise (*overfit*: tiny training error, large error on "
    "fresh data); with a huge penalty it flattens to the mean of y (*underfit*). Drag λ "
    "and watch the training, cross-validation and test errors, the fitted curves and the "
    "coefficients of L2 (ridge) and L1 (lasso) side by side, on the same data."
)

preset_columns = st.columns(len(PRESETS))
for column, (name, settings) in zip(preset_columns, PRESETS.items(), strict=True):
    column.button(
        name,
        key=f"ovf_preset_{name.lower().replace(' ', '_')}",
        on_click=apply_preset,
        args=(name,),
        help=f"Set n = {settings['n']}, degree {settings['degree']}, "
        f"truth: {TRUTHS[str(settings['truth'])].lower()}, σ = {settings['noise']}.",
        use_container_width=True,
    )

with st.sidebar:
    st.header("Overfitting")
    truth = st.selectbox(
        "True function",
        list(TRUTHS),
        format_func=TRUTHS.get,
        key="ovf_truth",
        bind="query-params",
        help="The curve the data come from. 'Pure noise' has no pattern at all.",
    )
    n = st.slider(
        "Training points n",
        min_value=6,
        max_value=500,
        value=30,
        key="ovf_n",
        bind="query-params",
        help="How many noisy points the model is fitted to.",
    )
    noise = st.slider(
        "Noise σ",
        min_value=0.0,
        max_value=2.0,
        value=0.3,
        step=0.05,
        key="ovf_noise",
        bind="query-params",
        help="Standard deviation of the noise added to the true curve (same units as y).",
    )
    degree = st.slider(
        "Degree / number of basis functions",
        min_value=1,
        max_value=MAX_DEGREE,
        value=15,
        key="ovf_degree",
        bind="query-params",
        help="Polynomial degree d (d features), or how many splines / bumps.",
    )
    basis = st.selectbox(
        "Basis",
        list(BASES),
        format_func=BASES.get,
        key="ovf_basis",
        bind="query-params",
        help="How x becomes features. x is mapped to t = 2x − 1 in [−1, 1]. Legendre "
        "polynomials are nearly uncorrelated; monomials t, t², … span the same curves but "
        "are strongly correlated, which changes the lasso (not least squares).",
    )
    if not classroom:
        seed = st.number_input(
            "Random seed",
            min_value=0,
            max_value=10_000,
            value=0,
            step=1,
            key="ovf_seed",
            bind="query-params",
            help="Same seed, same data and same pictures.",
        )
        n_folds = st.slider(
            "Cross-validation folds k",
            min_value=2,
            max_value=10,
            value=5,
            key="ovf_folds",
            bind="query-params",
            help="k-fold cross-validation: fit on k − 1 parts, measure error on the left-out "
            "part, average over the k parts.",
        )
        l1_ratio = st.slider(
            "Elastic-net mix r",
            min_value=0.05,
            max_value=0.95,
            value=0.5,
            step=0.05,
            key="ovf_r",
            bind="query-params",
            help=L1_RATIO_HELP,
        )
        n_sets = st.slider(
            "Training sets B for bias–variance",
            min_value=10,
            max_value=300,
            value=100,
            step=10,
            key="ovf_b",
            bind="query-params",
            help="How many fresh training sets are drawn to measure bias² and variance.",
        )
    else:
        seed = st.session_state.get("ovf_seed", 0)
        n_folds = st.session_state.get("ovf_folds", 5)
        l1_ratio = st.session_state.get("ovf_r", 0.5)
        n_sets = st.session_state.get("ovf_b", 100)

slider_column, view_column = st.columns([3, 1])
log_lam = slider_column.slider(
    "log₁₀ λ — penalty strength (right: stronger)",
    min_value=LOG_LAMBDA_MIN,
    max_value=LOG_LAMBDA_MAX,
    value=-2.0,
    step=LOG_LAMBDA_STEP,
    format="%.1f",
    key="ovf_lam",
    bind="query-params",
    help=LAMBDA_HELP + " Here λ penalizes the coefficients of the standardized features "
    "(each feature centered and scaled to standard deviation 1 on the training points).",
)
view = view_column.radio(
    "Compare",
    list(VIEWS),
    key="ovf_view",
    bind="query-params",
    help="Show ridge and lasso, or add the elastic net with mix r.",
)
penalties = VIEWS[view]
lam = float(10.0**log_lam)

try:
    curves = cached_curves(
        truth, int(n), float(noise), int(seed), basis, int(degree), int(n_folds), float(l1_ratio)
    )
except ValueError as error:
    st.error(f"These settings cannot be fitted: {error}")
    st.stop()

st.plotly_chart(
    make_error_curves_figure(curves, lam=lam, penalties=penalties, classroom=classroom),
    key="ovf_errors_chart",
    alt="Training, cross-validation and test error versus λ for each penalty, with the best "
    "λ marked and the overfit and underfit regions labelled.",
)

fit_column, coef_column = st.columns(2)
with fit_column:
    st.plotly_chart(
        make_fit_figure(curves, lam=lam, penalties=penalties, classroom=classroom),
        key="ovf_fit_chart",
        alt="The training data, the true curve and each penalty's fitted curve at the chosen λ.",
    )
with coef_column:
    st.plotly_chart(
        make_coefficient_figure(curves, lam=lam, penalties=penalties, classroom=classroom),
        key="ovf_coef_chart",
        alt="Bar chart of the size of every coefficient at the chosen λ, per penalty.",
    )

# What to notice: every number below comes from the current result.
k = curves.index_of(lam)
ridge, lasso = curves.penalties["l2"], curves.penalties["l1"]
p = curves.features.size
lasso_zero = int(lasso.n_zero[k])
ridge_smallest = float(np.min(np.abs(ridge.coefs[:, k])))
best_ridge, best_lasso = ridge.best_cv_index, lasso.best_cv_index
notes = [
    f"Without a penalty the fit has training error {curves.ols_train_mse:.3g} but test error "
    f"{curves.ols_test_mse:.3g} (the noise alone costs σ² = {noise**2:.3g}).",
    f"Cross-validation picks λ = {curves.lambdas[best_ridge]:.2g} for ridge (test error "
    f"{ridge.test_mse[best_ridge]:.3g}) and λ = {curves.lambdas[best_lasso]:.2g} for the lasso "
    f"(test error {lasso.test_mse[best_lasso]:.3g}); the best possible test errors are "
    f"{ridge.test_mse.min():.3g} and {lasso.test_mse.min():.3g}.",
    f"At λ = {curves.lambdas[k]:.2g} the lasso sets {lasso_zero} of {p} coefficients to exactly "
    f"0; ridge sets none (its smallest |β| is {ridge_smallest:.2g}).",
]
if best_ridge == curves.lambdas.size - 1 and best_lasso == curves.lambdas.size - 1:
    notes.append("The best model here is the flat line at the mean of y: there is no pattern.")
st.caption("**What to notice.** " + " ".join(notes))

if not lasso.converged:
    st.info(
        f"Coordinate descent for the lasso stopped at its iteration limit for some small λ: "
        f"the {BASES[basis].lower()} are strongly correlated here (condition number "
        f"{curves.condition_number:.2g}). That slowness is one reason the basis matters."
    )

if basis in {"legendre", "monomial"} and not classroom:
    with st.expander("Does the basis matter? Legendre vs monomials at this λ"):
        try:
            comparison = cached_basis_comparison(
                truth, int(n), float(noise), int(seed), int(degree), lam
            )
        except ValueError as error:
            st.error(f"The bases cannot be compared here: {error}")
        else:
            cond = comparison.condition_number
            st.markdown(
                f"- Least squares: the two bases change the fitted curve by at most "
                f"**{comparison.ols_max_change:.1e}** — the same polynomials, the same fit.\n"
                f"- Lasso at λ = {lam:.2g}: the curve changes by up to "
                f"**{comparison.lasso_max_change:.3g}**; it keeps "
                f"{comparison.lasso_nonzero['legendre']} Legendre vs "
                f"{comparison.lasso_nonzero['monomial']} monomial coefficients, because the "
                f"penalty acts on coefficients, and a coefficient means something different "
                f"in each basis.\n"
                f"- Condition number of the standardized features: Legendre "
                f"{cond['legendre']:.2g}, monomials of t ∈ [−1, 1] {cond['monomial']:.2g}, raw "
                f"monomials of x ∈ [0, 1] {cond['monomial on [0, 1]']:.2g}."
            )

st.subheader("Bias–variance trade-off")
show_bv = st.toggle(
    "Compute the bias–variance decomposition",
    value=True,
    key="ovf_bv",
    bind="query-params",
    help="Refit on B fresh training sets of the same size to measure bias² (systematic error) "
    "and variance (how much the fit moves from one data set to the next).",
)
if show_bv:
    bar = st.progress(0.0, text=f"Fitting {int(n_sets)} fresh training sets…")
    results: dict[str, BiasVariance] = {}
    try:
        for done, penalty in enumerate(penalties):

            def report(fraction: float, done: int = done) -> None:
                bar.progress(min((done + fraction) / len(penalties), 1.0))

            results[penalty] = bias_variance_with_memo(
                truth,
                int(n),
                float(noise),
                int(seed),
                basis,
                int(degree),
                penalty,
                float(l1_ratio),
                int(n_sets),
                report,
            )
    except ValueError as error:
        bar.empty()
        st.error(f"The bias–variance decomposition cannot run with these settings: {error}")
        st.stop()
    bar.empty()
    st.plotly_chart(
        make_bias_variance_figure(results, lam=lam, classroom=classroom),
        key="ovf_bv_chart",
        alt="Bias squared, variance, noise and their sum versus λ, with the measured test error.",
    )
    checks = []
    for penalty, result in results.items():
        worst = int(np.argmax(np.abs(result.gap) / result.mc_se))
        best = result.best_index
        checks.append(
            f"{PENALTY_NAMES[penalty]}: lowest bias² + variance at λ = "
            f"{result.lambdas[best]:.2g} (bias² {result.bias2[best]:.3g}, variance "
            f"{result.variance[best]:.3g}); bias² + variance + noise matches the measured test "
            f"error to within {abs(result.gap[worst]) / result.mc_se[worst]:.1f} Monte Carlo "
            f"standard errors at worst."
        )
    st.caption(
        "**What to notice.** Small λ: low bias, high variance. Large λ: the reverse. "
        + " ".join(checks)
    )
