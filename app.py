"""regviz — entry point: page setup, navigation, the shared sidebar and the home page.

Run with ``streamlit run app.py``. Every page lives in ``pages/`` and is listed
explicitly in :data:`PAGES`; the sidebar drawn here (classroom mode, reset)
frames every page.
"""

from __future__ import annotations

import streamlit as st

from regviz.conventions import LAMBDA_HELP

# (file, title, material icon, url path, one-line description for the home page).
PAGES: list[tuple[str, str, str, str, str]] = [
    # PAGE LIST — one line per page, in the order of the sidebar.
    ("pages/geometry.py", "Geometry: diamond vs circle", ":material/change_history:", "geometry", "Loss contours touch the L1 diamond at a corner (exact zero) and the L2 circle anywhere."),  # noqa: E501
    ("pages/paths.py", "Coefficient paths", ":material/timeline:", "paths", "Every coefficient as λ moves: lasso zeroes them one by one, ridge only shrinks; CV picks λ."),  # noqa: E501
    ("pages/overfitting.py", "Overfitting", ":material/ssid_chart:", "overfitting", "Drag λ from overfit to underfit: errors, fit, coefficients, bias–variance."),  # noqa: E501
    ("pages/monte_carlo.py", "Monte Carlo: how often is a coefficient zero?", ":material/scatter_plot:", "monte-carlo", "A million random problems solved exactly: how often L1, L2 and elastic net zero a coefficient, and where."),  # noqa: E501
    ("pages/sample_complexity.py", "Why sparsity needs fewer samples", ":material/query_stats:", "sample-complexity", "Ng (2004) reproduced: with many irrelevant features L1 stays near the Bayes error, L2 drifts to 0.5."),  # noqa: E501
    ("pages/bayesian.py", "Bayesian view: priors and MAP", ":material/casino:", "bayesian", "Laplace and Gaussian priors: the MAP is the lasso or ridge solution, the mean is never 0."),  # noqa: E501
    ("pages/claims.py", "Claim checker", ":material/fact_check:", "claims", "Common statements about L1 and L2, each with a live experiment and a computed verdict."),  # noqa: E501
    ("pages/optimizer.py", "Optimizer view: how iterates reach zero", ":material/footprint:", "optimizer", "Subgradient descent hops around 0, ISTA and coordinate descent land on it, weight decay only shrinks."),  # noqa: E501
    ("pages/one_lambda.py", "One λ, three views", ":material/join_inner:", "one-lambda", "One λ drives the constraint picture, the coefficient path and the error curve: t(λ) = ‖β̂(λ)‖ links them."),  # noqa: E501
]


def reset_to_defaults() -> None:
    """Forget every widget value and URL parameter except classroom mode."""
    for key in list(st.session_state.keys()):
        if key != "classroom" and not str(key).startswith("_"):
            del st.session_state[key]
    for key in list(st.query_params.keys()):
        if key != "classroom":
            del st.query_params[key]


def shared_sidebar() -> None:
    """Controls that frame every page: classroom mode and reset."""
    # Accept the short form ?classroom=1 that teachers type by hand.
    if st.query_params.get("classroom") in {"1", "yes", "on"}:
        st.query_params["classroom"] = "true"
        st.session_state["classroom"] = True
    with st.sidebar:
        st.toggle(
            "Classroom mode",
            key="classroom",
            bind="query-params",
            help="Bigger fonts and thicker lines for a projector; hides secondary controls. "
            "Share it as ?classroom=1 in the link.",
        )
        st.button(
            "Reset to defaults",
            on_click=reset_to_defaults,
            icon=":material/restart_alt:",
            help="Put every control of this page back to its default value.",
        )
        with st.expander("What λ means here"):
            st.caption(LAMBDA_HELP)


def home(pages: list[st.Page]) -> None:
    """The home page: what L1 and L2 penalize, the λ convention, a link to each page."""
    st.title("regviz — L1 vs L2 regularization, made visible")
    st.markdown(
        "Regularization adds a penalty on the size of the coefficients β to a model's loss. "
        "**L1 (lasso)** penalizes the sum of absolute values ‖β‖₁ and sets some "
        "coefficients to *exactly* zero; **L2 (ridge)** penalizes the sum of squares ‖β‖₂² "
        "and shrinks every coefficient without zeroing any. Each page below shows *why*, "
        "computed live."
    )
    st.markdown("**One objective everywhere** (scikit-learn's ElasticNet convention):")
    st.latex(
        r"\min_{\beta,\,b}\ \frac{1}{2n}\lVert y - X\beta - b\rVert_2^2"
        r" + \lambda\Big[r\,\lVert\beta\rVert_1 + \tfrac{1}{2}(1-r)\,\lVert\beta\rVert_2^2\Big]"
    )
    st.markdown(
        "r = `l1_ratio`: r = 1 is the lasso, r = 0 is ridge, in between the elastic net. "
        "The intercept b is never penalized. λ equals scikit-learn's `alpha` for `Lasso` "
        "and `ElasticNet`; the same ridge model is `Ridge(alpha = n·λ)`."
    )
    st.subheader("Pages")
    descriptions = {entry[1]: entry[4] for entry in PAGES}
    for page in pages:
        st.page_link(page, label=f"**{page.title}** — {descriptions.get(page.title, '')}")


def build_navigation() -> st.navigation:
    """Build the router over every page in :data:`PAGES`, with the home page first."""
    pages = [
        st.Page(path, title=title, icon=icon, url_path=url_path)
        for path, title, icon, url_path, _ in PAGES
    ]
    home_page = st.Page(lambda: home(pages), title="Home", icon=":material/home:", default=True)
    return st.navigation([home_page, *pages])


st.set_page_config(
    page_title="regviz — L1 vs L2 regularization",
    page_icon=":material/blur_on:",
    layout="wide",
)
navigation = build_navigation()
shared_sidebar()
navigation.run()
