"""regviz — entry point: page setup, navigation, the shared sidebar and the home page.

Run with ``streamlit run app.py``. Every page lives in ``pages/`` and is listed
explicitly in :data:`PAGES`; the sidebar drawn here (classroom mode, reset)
frames every page.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from regviz.core.conventions import LAMBDA_HELP

ROOT = Path(__file__).resolve().parent

# (file, title, material icon, url path, ...). The url path must equal the file's stem:
# on a freshly started server Streamlit's legacy pages/ discovery resolves the very first
# deep link by file name, before this router exists (tests/app/test_home.py checks it).
# (file, title, material icon, url path, one-line description for the home page).
PAGES: list[tuple[str, str, str, str, str]] = [
    # PAGE LIST — one line per page, in the order of the sidebar.
    (
        "pages/geometry.py",
        "Geometry: diamond vs circle",
        ":material/change_history:",
        "geometry",
        "Loss contours touch the L1 diamond at a corner (exact zero) and the L2 circle anywhere.",
    ),  # noqa: E501
    (
        "pages/paths.py",
        "Coefficient paths",
        ":material/timeline:",
        "paths",
        "Every coefficient as λ moves: lasso zeroes them one by one, ridge only shrinks; CV picks λ.",
    ),  # noqa: E501
    (
        "pages/overfitting.py",
        "Overfitting",
        ":material/ssid_chart:",
        "overfitting",
        "Drag λ from overfit to underfit: errors, fit, coefficients, bias–variance.",
    ),  # noqa: E501
    (
        "pages/monte_carlo.py",
        "Monte Carlo: how often is a coefficient zero?",
        ":material/scatter_plot:",
        "monte_carlo",
        "A million random problems solved exactly: how often L1, L2 and elastic net zero a coefficient, and where.",
    ),  # noqa: E501
    (
        "pages/sample_complexity.py",
        "Why sparsity needs fewer samples",
        ":material/query_stats:",
        "sample_complexity",
        "Ng (2004) reproduced: with many irrelevant features L1 stays near the Bayes error, L2 drifts to 0.5.",
    ),  # noqa: E501
    (
        "pages/bayesian.py",
        "Bayesian view: priors and MAP",
        ":material/casino:",
        "bayesian",
        "Laplace and Gaussian priors: the MAP is the lasso or ridge solution, the mean is never 0.",
    ),  # noqa: E501
    (
        "pages/claims.py",
        "Claim checker",
        ":material/fact_check:",
        "claims",
        "Common statements about L1 and L2, each with a live experiment and a computed verdict.",
    ),  # noqa: E501
    (
        "pages/optimizer.py",
        "Optimizer view: how iterates reach zero",
        ":material/footprint:",
        "optimizer",
        "Subgradient descent hops around 0, ISTA and coordinate descent land on it, weight decay only shrinks.",
    ),  # noqa: E501
    (
        "pages/one_lambda.py",
        "One λ, three views",
        ":material/join_inner:",
        "one_lambda",
        "One λ drives the constraint picture, the coefficient path and the error curve: t(λ) = ‖β̂(λ)‖ links them.",
    ),  # noqa: E501
]


RESET_STYLE = (
    "display:inline-block;padding:0.4rem 0.8rem;border:1px solid rgba(128,128,128,0.4);"
    "border-radius:0.5rem;text-decoration:none;color:inherit;"
)


def reset_link(current: st.Page) -> None:
    """A "Reset to defaults" link that reopens the current page in a fresh session.

    Widgets mirrored in the URL keep their value in the browser across reruns,
    and their URL parameters cannot be deleted from Python; reloading the page at
    its clean address is the one reset that restores every default. Classroom
    mode is carried over.
    """
    href = current.url_path or "."
    if st.session_state.get("classroom"):
        href += "?classroom=1"
    st.markdown(
        f'<a href="{href}" target="_self" style="{RESET_STYLE}" '
        'title="Put every control of this page back to its default value.">'
        "↺ Reset to defaults</a>",
        unsafe_allow_html=True,
    )


def shared_sidebar(current: st.Page) -> None:
    """Controls that frame every page: classroom mode and reset."""
    # Accept the short form ?classroom=1 that teachers type by hand.
    if st.query_params.get("classroom") in {"1", "yes", "on"}:
        st.query_params["classroom"] = "true"
        st.rerun()
    with st.sidebar:
        st.toggle(
            "Classroom mode",
            key="classroom",
            bind="query-params",
            help="Bigger fonts and thicker lines for a projector; hides secondary controls. "
            "Share it as ?classroom=1 in the link.",
        )
        reset_link(current)
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


def follow_deep_link(pages: dict[str, st.Page]) -> None:
    """Finish a shared link that reached a page before app.py had ever run.

    On a freshly started server, Streamlit's legacy ``pages/`` discovery runs a
    deep-linked page file on its own (without this router). Each page's guard then
    records where it was going and switches here; now that the navigation exists,
    go on to that page with the link's query parameters.
    """
    target = st.session_state.pop("_regviz_deep_link", None)
    if target is not None:
        path, params = target
        page = pages.get(Path(path).resolve().relative_to(ROOT).as_posix())
        if page is not None:
            st.switch_page(page, query_params=params)


def _link_value_used(value: object, raw: str) -> bool:
    """Did a widget take the value a link gave it (compared as text, or as numbers)?"""
    if str(value) == raw or raw in str(value):
        return True
    try:
        return float(value) == float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def report_ignored_link_values(link: dict[str, str], page_key: str) -> None:
    """Say which values of a shared link were invalid and fell back to their defaults.

    Streamlit drops a URL value that its widget cannot take, silently; this compares
    the link as opened with what the page's widgets hold after the first run.
    Checked once per page and session: later reruns change the URL themselves.
    """
    flag = f"_regviz_link_checked_{page_key}"
    if flag in st.session_state or not link:
        return
    st.session_state[flag] = True
    now = st.query_params.to_dict()
    ignored = [
        key
        for key, raw in link.items()
        if key != "classroom"
        and key in st.session_state
        and now.get(key) != raw
        and not _link_value_used(st.session_state[key], raw)
    ]
    if ignored:
        st.toast(
            "This link had values the page cannot use, so their defaults are shown: "
            + ", ".join(f"{key}={link[key]!r}" for key in ignored),
            icon=":material/link_off:",
            duration="long",
        )


def build_pages() -> dict[str, st.Page]:
    """One st.Page per entry of :data:`PAGES`, keyed by its file path."""
    return {
        path: st.Page(path, title=title, icon=icon, url_path=url_path)
        for path, title, icon, url_path, _ in PAGES
    }


st.set_page_config(
    page_title="regviz — L1 vs L2 regularization",
    page_icon=":material/blur_on:",
    layout="wide",
)
pages = build_pages()
home_page = st.Page(
    lambda: home(list(pages.values())), title="Home", icon=":material/home:", default=True
)
navigation = st.navigation([home_page, *pages.values()])
# Pages check this key to know they were reached through this router.
st.session_state["_regviz_router"] = True
follow_deep_link(pages)
shared_sidebar(navigation)
link = st.query_params.to_dict()
try:
    navigation.run()
finally:
    report_ignored_link_values(link, navigation.url_path)
