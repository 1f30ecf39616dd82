"""The app around the pages: navigation, the shared sidebar, the home page and the route.

``app.py`` calls :func:`run_app`, which lists every page of :data:`regviz.ui.specs.SPECS`
with ``st.navigation``, frames it (classroom mode, deep links) and runs it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from regviz.core.conventions import LAMBDA_HELP
from regviz.ui import frame
from regviz.ui.memory import freeze_imported_objects, return_freed_memory
from regviz.ui.specs import ROUTE, SPECS, spec_for
from regviz.ui.watcher import remember_module_paths

ROOT = Path(__file__).resolve().parents[2]
SESSION_STARTED = "_regviz_session_started"


LESSONS_PAGE = "pages/lessons.py"


def build_pages() -> dict[str, st.Page]:
    """One ``st.Page`` per spec (and the lessons index), keyed by script path; the url
    path is the slug, the file's stem."""
    pages = {
        spec.path: st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.slug)
        for spec in SPECS
    }
    pages[LESSONS_PAGE] = st.Page(
        LESSONS_PAGE, title="Guided lessons", icon=":material/school:", url_path="lessons"
    )
    return pages


def follow_deep_link(pages: dict[str, st.Page]) -> None:
    """Finish a shared link that reached a page before this router had ever run."""
    target = st.session_state.pop(frame.DEEP_LINK, None)
    if target is None:
        return
    path, params = target
    page = pages.get(Path(path).as_posix())
    if page is not None:
        flat = {key: values[-1] for key, values in params.items() if values}
        _start_classroom(params)
        st.switch_page(page, query_params=flat)


def _start_classroom(params: dict[str, list[str]]) -> None:
    raws = params.get(frame.CLASSROOM)
    if raws:
        on = raws[-1].strip().lower() in {"1", "true", "yes", "on"}
        st.session_state[frame.CLASSROOM_ON] = on


def _classroom_changed() -> None:
    st.session_state[frame.CLASSROOM_ON] = bool(st.session_state[frame.CLASSROOM])


def shared_sidebar() -> None:
    """Classroom mode (read from a link at the start of a session) and the λ convention."""
    if SESSION_STARTED not in st.session_state:
        st.session_state[SESSION_STARTED] = True
        _start_classroom({key: st.query_params.get_all(key) for key in st.query_params})
    st.session_state[frame.CLASSROOM] = frame.classroom_on()
    with st.sidebar:
        st.toggle(
            "Classroom mode",
            key=frame.CLASSROOM,
            on_change=_classroom_changed,
            help="Big text and figures for a projector; secondary controls are hidden. "
            "Share it by adding ?classroom=1 to a link.",
        )
        st.radio(
            "Figure downloads",
            list(frame.FIGURE_FORMATS),
            key=frame.FIGURE_FORMAT,
            horizontal=True,
            help="What the camera button above each figure saves, at 1920×1080: PNG for "
            "slides, SVG to edit or scale without blur.",
        )
        with st.expander("What λ means here"):
            st.caption(LAMBDA_HELP)


def home() -> None:
    """The home page: what the penalties do, a suggested route, every page."""
    st.html(frame.css.page_css(classroom=frame.classroom_on()))
    st.title("regviz — L1 vs L2 regularization, made visible")
    st.markdown(
        "Regularization adds a penalty on the size of the coefficients β to a model's loss. "
        "**L1 (lasso)** penalizes ‖β‖₁ and sets some coefficients to *exactly* zero; "
        "**L2 (ridge)** penalizes ‖β‖₂² and shrinks every coefficient without zeroing any. "
        "Every page shows *why*, computed live and exactly."
    )
    route, preview = st.columns([3, 2], gap="large")
    with route:
        st.page_link(
            LESSONS_PAGE,
            label="New here? Take a guided lesson: predict, then reveal",
            icon=":material/school:",
        )
        st.subheader("Start here: a route through the ideas")
        for step, slug in enumerate(ROUTE, start=1):
            spec = spec_for(slug)
            st.page_link(spec.path, label=f"{step}. {spec.title}", icon=spec.icon)
            st.caption(spec.question)
    with preview:
        from regviz.ui.home_preview import preview_figure  # heavy imports only here

        figure, alt = preview_figure(classroom=frame.classroom_on(), dark=frame.theme_is_dark())
        st.plotly_chart(
            figure,
            key="home_preview",
            alt=alt,
            config={"displayModeBar": False, "staticPlot": True},
        )
        st.caption(alt)
    st.subheader("Every page")
    for spec in SPECS:
        st.page_link(spec.path, label=spec.title, icon=spec.icon, help=spec.question)
    with st.expander("One objective everywhere: what λ means"):
        st.latex(
            r"\min_{\beta,\,b}\ \frac{1}{2n}\lVert y - X\beta - b\rVert_2^2"
            r" + \lambda\Big[r\,\lVert\beta\rVert_1 + \tfrac{1}{2}(1-r)\,\lVert\beta\rVert_2^2\Big]"
        )
        st.markdown(
            "r = `l1_ratio`: r = 1 is the lasso, r = 0 is ridge, in between the elastic net. "
            "The intercept b is never penalized. λ equals scikit-learn's `alpha` for `Lasso` "
            "and `ElasticNet`; the same ridge model is `Ridge(alpha = n·λ)`."
        )


def run_app() -> None:
    """Set up the page, navigate, frame and run the chosen page (``app.py`` calls this)."""
    # Community Cloud starts apps with its own error setting (a traceback with server
    # paths); a visitor should read a sentence, never a traceback.
    st.set_option("client.showErrorDetails", "none")
    return_freed_memory()  # the allocator setting, made once per process
    remember_module_paths()  # each visitor's watcher scan: a lookup per module
    freeze_imported_objects()  # after new imports: the full collection after each run skips them
    st.set_page_config(
        page_title="regviz — L1 vs L2 regularization",
        page_icon=":material/blur_on:",
        layout="wide",
    )
    pages = build_pages()
    home_page = st.Page(home, title="Home", icon=":material/home:", default=True)
    lessons = pages.pop(LESSONS_PAGE)
    on_route = [pages[spec_for(slug).path] for slug in ROUTE]
    further = [page for page in pages.values() if page not in on_route]
    # Sections say where to start; expanded, so no page hides behind "View more".
    navigation = st.navigation(
        {"Start": [home_page, lessons], "The route": on_route, "Going further": further},
        expanded=True,
    )
    pages[LESSONS_PAGE] = lessons
    # Pages check this key to know they were reached through this router.
    st.session_state[frame.ROUTER_FLAG] = True
    follow_deep_link(pages)
    shared_sidebar()
    st.session_state.pop(frame.PAGE_OBJECT, None)
    try:
        navigation.run()
    finally:
        frame.after_run()
