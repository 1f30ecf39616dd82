"""Claim checker: common statements about L1 and L2, each with a live experiment."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from regviz.core.conventions import LAMBDA_HELP
from regviz.experiments.claims import CHECKS, CLAIMS, DESIGNS, FLIP_SETTINGS, Verdict
from regviz.figures.claims import make_claim_figure

if "_regviz_router" not in st.session_state:  # a shared link opened before app.py ever ran
    st.session_state["_regviz_deep_link"] = (__file__, st.query_params.to_dict())
    st.switch_page("app.py")

classroom = st.session_state.get("classroom", False)

BADGES = {
    Verdict.TRUE: ":green-badge[:material/check: TRUE]",
    Verdict.FALSE: ":red-badge[:material/close: FALSE]",
    Verdict.HALF_TRUE: ":orange-badge[:material/contrast: HALF-TRUE]",
}
# Default λ of each claim's experiment (the check functions' defaults).
DEFAULT_LAMBDA = {
    "sparse": 0.1,
    "binary": 0.1,
    "gradient": 0.1,
    "unique": 0.05,
    "collinearity": 0.5,
    "proportion": 0.5,
    "outliers": 0.2,
}


@st.cache_data(max_entries=128, show_spinner=False)
def cached_check(claim: str, seed: int, params: tuple[tuple[str, object], ...]) -> object:
    return CHECKS[claim](seed=seed, **dict(params))


@st.cache_data(max_entries=1, show_spinner=False)
def default_verdicts() -> pd.DataFrame:
    rows = []
    for key, info in CLAIMS.items():
        evidence = CHECKS[key](seed=0)
        rows.append(
            {"claim": info.statement, "verdict (defaults, seed 0)": evidence.verdict.upper()}
        )
    return pd.DataFrame(rows)


def apply_settings(claim: str, settings: dict[str, object]) -> None:
    """Write a claim's settings into its widgets (runs before the rerun)."""
    for name, value in settings.items():
        if name == "lam":
            st.session_state[f"claim_{claim}_loglam"] = round(math.log10(float(value)), 1)
        else:
            st.session_state[f"claim_{claim}_{name}"] = value


def lambda_slider(claim: str) -> float:
    log_lam = st.slider(
        "log₁₀ λ (stronger penalty →)",
        min_value=-3.0,
        max_value=0.5,
        value=round(math.log10(DEFAULT_LAMBDA[claim]), 1),
        step=0.1,
        key=f"claim_{claim}_loglam",
        bind="query-params",
        help=LAMBDA_HELP,
    )
    # Two significant digits: the slider's 10^-1.3 reads as λ = 0.05, not 0.0501.
    return float(f"{10.0**log_lam:.2g}")


st.title("Claim checker")
st.markdown(
    "**What you are looking at.** Statements about L1 (lasso) and L2 (ridge) that articles "
    "and forum answers repeat, each put to a small experiment run live on this page. The "
    "verdict — true, false or half-true — is *computed* from the numbers of the run by the "
    "rule shown under it, never typed in: change the data or the settings and the verdict "
    "may change with the evidence."
)

keys = list(CLAIMS)
with st.sidebar:
    st.header("Claim checker")
    claim = st.selectbox(
        "Claim",
        keys,
        format_func=lambda key: CLAIMS[key].statement,
        key="claim_which",
        bind="query-params",
        help="The statement to test.",
    )
    seed = st.slider(
        "Random seed of the data",
        min_value=0,
        max_value=50,
        value=0,
        key="claim_seed",
        bind="query-params",
        help="Draws a different data set for the experiment.",
    )
    params: dict[str, object] = {"lam": lambda_slider(claim)}
    if claim == "sparse":
        params["k"] = st.slider(
            "Features that truly matter (of 20)",
            min_value=1,
            max_value=20,
            value=5,
            key="claim_sparse_k",
            bind="query-params",
            help="The other features have true weight 0.",
        )
    elif claim == "gradient":
        params["n_iter"] = st.slider(
            "Iterations",
            min_value=1,
            max_value=5000,
            value=1000,
            key="claim_gradient_n_iter",
            bind="query-params",
            help="Iterations of ISTA and of subgradient descent.",
        )
    elif claim in ("unique", "collinearity"):
        params["correlation"] = st.slider(
            "Correlation of features 1 and 2",
            min_value=0.0 if claim == "collinearity" else 0.9,
            max_value=0.999 if claim == "collinearity" else 1.0,
            value=0.995 if claim == "collinearity" else 1.0,
            step=0.001,
            format="%.3f",
            key=f"claim_{claim}_correlation",
            bind="query-params",
            help="1.000 makes feature 2 an exact copy of feature 1."
            if claim == "unique"
            else "How strongly the two relevant features move together.",
        )
    elif claim == "proportion":
        params["design"] = st.radio(
            "Design of the features",
            list(DESIGNS),
            index=2,
            format_func=DESIGNS.get,
            key="claim_proportion_design",
            bind="query-params",
            help="The claim holds exactly for orthonormal features only.",
        )
        if params["design"] == "correlated":
            params["correlation"] = st.slider(
                "Correlation between features",
                min_value=0.0,
                max_value=0.99,
                value=0.7,
                step=0.01,
                key="claim_proportion_correlation",
                bind="query-params",
                help="Every pair of features has this correlation.",
            )
    elif claim == "outliers":
        params["outlier_size"] = st.slider(
            "Outlier distance (noise units σ)",
            min_value=0,
            max_value=40,
            value=20,
            key="claim_outliers_outlier_size",
            bind="query-params",
            help="How far above the line the last point is moved. 0 means no outlier.",
        )

info = CLAIMS[claim]
st.subheader(f"“{info.statement}”")
if claim in FLIP_SETTINGS and not classroom:
    flip = FLIP_SETTINGS[claim]
    st.button(
        "Show a setting where the evidence changes",
        key="claim_flip",
        on_click=apply_settings,
        args=(claim, flip),
        icon=":material/swap_horiz:",
        help="Sets " + ", ".join(f"{k} = {v}" for k, v in flip.items()) + ".",
    )

try:
    evidence = cached_check(claim, seed, tuple(sorted(params.items())))
    figure = make_claim_figure(evidence, classroom=classroom)
except ValueError as exc:
    st.error(f"This experiment cannot run with these settings: {exc}")
    st.stop()

st.markdown(f"### Verdict: {BADGES[evidence.verdict]}")
st.plotly_chart(
    figure,
    key="claim_chart",
    alt=f"Evidence for the claim: {info.statement}",
)
st.markdown(f"**What to notice.** {evidence.summary}")
st.caption(f"**Experiment.** {info.experiment}  \n**Rule for the verdict.** {info.rule}")

if not classroom:
    with st.expander("All claims at a glance (default settings, seed 0)"):
        st.dataframe(default_verdicts(), hide_index=True)
