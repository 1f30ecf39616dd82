"""Why sparsity needs fewer samples: Ng (2004), Figure 1, from a shipped full run and live."""

from __future__ import annotations

import streamlit as st

from regviz.experiments import samplecomplexity as sc
from regviz.figures.sample_complexity import CONFIG, KEY, make_setting_figure, y_range
from regviz.ui.frame import open_page
from regviz.ui.specs.sample_complexity import LIVE, SPEC

page = open_page(SPEC)
v = page.controls()


@st.cache_data(max_entries=1, ttl=3600, show_spinner=False)
def full_run() -> sc.SampleComplexityResult:
    """The shipped full run (100 training sets per point), read once from its CSV."""
    return sc.load_results()


@st.cache_resource(max_entries=256, ttl=3600, show_spinner=False)
def drawn(setting: str, m: int, metric: str, cursor: int, classroom: bool, dark: bool):
    """One setting's figure of the full run, shared while its inputs stay (Streamlit only
    reads it; building costs more than sending). ``dark``: the frame colours its text."""
    full = full_run()
    limits = y_range(full, metric)  # one scale for the three settings
    return make_setting_figure(
        full, setting, n_train=m, metric=metric, cursor=cursor, classroom=classroom, y_limits=limits
    )


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def live_run(plan: sc.LivePlan) -> sc.SampleComplexityResult:
    """A reduced run on fresh data (a progress bar while it runs; kept for going back)."""
    bar = st.progress(0.0, text="Fitting L1 and L2 models…")
    try:
        return sc.run_live(plan, progress=lambda done: bar.progress(done))
    finally:
        bar.empty()


full = page.run(full_run, what="The shipped results of the full experiment could not be read")
m, d, metric = int(v.m), int(v.features), v.metric
# Ng's three settings side by side on a wide screen; on a phone they stack.
for column, setting in zip(st.columns(len(sc.SETTINGS), gap="small"), sc.SETTINGS, strict=True):
    room = (page.classroom, page.dark)
    figure = page.run(drawn, setting, m, metric, d, *room, what="These results cannot be drawn")
    alt = sc.alt_text(full, setting, m, d, metric)
    page.figure(figure, key=f"full_{setting}", alt=alt, place=column, config=CONFIG)
st.caption(KEY)
page.presets()
page.notes(sc.describe_full_run(full, m, d))
st.caption(sc.describe_run_settings(full))
page.download_table(sc.curves_table, full, m, metric, name="curves")
page.code(sc.code_snippet(full, m, d))

# --- the same experiment, smaller and live: its settings, then an explicit Run
st.subheader("Run it yourself (a reduced version, live)")
st.markdown(sc.LIVE_INTRO)
page.controls(LIVE)
plan = page.run(
    sc.live_plan,
    v.live_setting,
    int(v.live_n_train),
    int(v.live_max_features),
    int(v.live_n_points),
    int(v.live_repeats),
    int(v.live_seed),
    what="This live run cannot be done",
)
ran = st.session_state.setdefault("sample_complexity_live_runs", set())
if st.button(
    "Run",
    key="sample_complexity_run",
    icon=":material/play_arrow:",
    help="Train L1 and L2 logistic regression on fresh data for every point.",
):
    ran.add(plan)
if plan in ran:
    live = page.run(live_run, plan, what="This live run failed")
    live_figure = make_setting_figure(
        live, plan.setting, n_train=plan.n_train, metric=metric, classroom=page.classroom
    )
    live_alt = sc.alt_text(live, plan.setting, plan.n_train, plan.features[-1], metric)
    page.figure(live_figure, key="live", alt=live_alt, config=CONFIG)
    page.notes(sc.describe_live_run(live, plan.setting, plan.n_train, plan.features))
else:
    st.info(sc.describe_live_plan(plan), icon=":material/play_arrow:")
page.done()
