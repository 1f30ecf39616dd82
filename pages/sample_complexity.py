"""Why sparsity needs fewer samples: Ng (2004), Figure 1, from a shipped full run and live."""

from __future__ import annotations

from collections import OrderedDict

import streamlit as st

from regviz.experiments.samplecomplexity import (
    LIVE_N_BAYES,
    LIVE_N_EVAL,
    LIVE_PRESETS,
    MAX_LIVE_TRIALS,
    SETTING_LABELS,
    SETTINGS,
    SampleComplexityResult,
    check_live_budget,
    live_feature_grid,
    load_results,
    nearest_point,
    run_experiment,
)
from regviz.figures.sample_complexity import METRICS, make_sample_complexity_figure, setting_label

if "_regviz_router" not in st.session_state:  # a shared link opened before app.py ever ran
    st.session_state["_regviz_deep_link"] = (__file__, st.query_params.to_dict())
    st.switch_page("app.py")

classroom = st.session_state.get("classroom", False)
METRIC_NAMES = {"error": "0/1 error", "log_loss": "log-loss"}
LIVE_STORE_SIZE = 16


@st.cache_data(max_entries=1, show_spinner=False)
def cached_full_results() -> SampleComplexityResult:
    return load_results()


@st.cache_resource(show_spinner=False)
def live_store() -> OrderedDict:
    """Finished live runs, shared by every visitor, newest last.

    Not ``st.cache_data``: the run drives a progress bar created outside it, which a
    cached function cannot replay. Results are tiny tables, so keeping 16 costs nothing.
    """
    return OrderedDict()


def apply_live_preset(name: str) -> None:
    """Copy a preset into the live-run widgets (runs before the rerun)."""
    for setting, value in LIVE_PRESETS[name].items():
        st.session_state[f"ng_live_{setting}"] = value


def notice_for(result: SampleComplexityResult, setting: str, n_train: int, d: int) -> str:
    """One computed sentence about the L1 and L2 errors at the feature count nearest d."""
    rows = nearest_point(result, setting, n_train, d)
    l1, l2 = rows.loc["l1"], rows.loc["l2"]
    return (
        f"{setting_label(setting).split(':')[0]}, d = {int(l1.n_features)}: "
        f"L1 {l1.error_mean:.3f} ± {l1.error_se:.3f} "
        f"(≈ {l1.nonzero_mean:.0f} non-zero weights), "
        f"L2 {l2.error_mean:.3f} ± {l2.error_se:.3f}, Bayes {l1.bayes_error:.3f}."
    )


st.title("Why sparsity needs fewer samples")
st.markdown(
    "**What you are looking at.** A reproduction of Andrew Ng's experiment (ICML 2004, "
    "*Feature selection, L1 vs. L2 regularization, and rotational invariance*, Figure 1). "
    "Inputs are d standard normal features; the label is drawn from a logistic model that "
    "uses only a few of them, and the other features are pure noise. L1- and "
    "L2-regularized logistic regression are trained on m = 100 or 200 examples, and their "
    "error on fresh data is plotted against the total number of features d. Ng proved that "
    "L1 needs a number of examples growing only like log d, while L2 — like every "
    "rotationally invariant method — needs a number growing like d: watch L2 drift towards "
    "a coin flip (0.5) as irrelevant features pile up, while L1 stays near the Bayes error "
    "(the best any classifier can do)."
)

try:
    full = cached_full_results()
except ValueError as exc:
    st.error(f"The shipped results of the full experiment could not be read: {exc}")
    st.stop()

train_sizes = sorted({int(m) for m in full.summary.n_train})
d_min, d_max = int(full.summary.n_features.min()), int(full.summary.n_features.max())

with st.sidebar:
    st.header("Sample complexity")
    cursor = st.slider(
        "Number of features d to read off",
        min_value=d_min,
        max_value=d_max,
        value=d_max,
        step=1,
        key="ng_features",
        bind="query-params",
        help="Moves the dotted line; the caption below the figure reads the errors at the "
        "computed feature count closest to it.",
    )
    n_train = st.radio(
        "Training examples m",
        train_sizes,
        index=0,
        key="ng_m",
        bind="query-params",
        horizontal=True,
        help="The number of training examples of every fit (30 % of them are held out to "
        "choose the regularization strength, then the model is refitted on all of them).",
    )
    metric = "error"
    if not classroom:
        metric = st.radio(
            "Measure on the test set",
            list(METRICS),
            format_func=METRIC_NAMES.get,
            key="ng_metric",
            bind="query-params",
            horizontal=True,
            help="0/1 error: fraction of test points misclassified. Log-loss: the average "
            "−log of the probability given to the true label (punishes confident mistakes).",
        )

try:
    figure = make_sample_complexity_figure(
        full, n_train=n_train, metric=metric, cursor=cursor, classroom=classroom
    )
except ValueError as exc:
    st.error(f"These results cannot be drawn: {exc}")
    st.stop()
st.plotly_chart(
    figure,
    key="ng_full_chart",
    alt="Test error versus number of features for L1 and L2 logistic regression in three "
    "settings, with the Bayes error as a dashed line.",
)

meta = full.metadata
st.caption(
    f"**Settings of this run.** {meta.get('repeats', '?')} independent training sets per "
    f"point (error bars: ±1 standard error over them); m ∈ {{{meta.get('train_sizes', '?')}}}; "
    f"d ∈ {{{meta.get('features', '?')}}}; C chosen by {meta.get('C_choice', '?')}, from "
    f"C ∈ {{{meta.get('C_grid', '?')}}}; solver {meta.get('solvers', '?')}; test error: "
    f"{meta.get('test_set', '?')} (the same distribution as a d-dimensional test set); "
    f"Bayes error: {meta.get('bayes_test_set', '?')}. Run with `{meta.get('command', '?')}` "
    f"on {meta.get('jobs', '?')} cores in {meta.get('elapsed_seconds', '?')} s "
    f"(started {meta.get('started_utc', '?')} UTC)."
)

notices = [notice_for(full, setting, n_train, cursor) for setting in SETTINGS]
first = nearest_point(full, "one", n_train, d_min)
last = nearest_point(full, "one", n_train, d_max)
st.markdown(
    "**What to notice.** " + " ".join(notices) + f" In setting (i), going from "
    f"d = {int(first.loc['l1'].n_features)} to d = {int(last.loc['l1'].n_features)} "
    f"features raises L1's error by {last.loc['l1'].error_mean - first.loc['l1'].error_mean:+.3f} "
    f"but L2's by {last.loc['l2'].error_mean - first.loc['l2'].error_mean:+.3f}: with "
    f"m = {n_train} examples, only the sparse model can find the few features that matter."
)

st.subheader("Run it yourself (a reduced version, live)")
st.markdown(
    "The same experiment, smaller: fewer feature counts and repeats, and a test set of "
    f"{LIVE_N_EVAL:,} points instead of 100,000. Pick a preset or your own settings and "
    f"press **Run**; at most {MAX_LIVE_TRIALS} training sets at m ≤ 100, fewer for larger m "
    "(about 20 s). Finished runs are kept, so going back to earlier settings is instant."
)
preset_columns = st.columns(len(LIVE_PRESETS) + 1)
for column, name in zip(preset_columns, LIVE_PRESETS, strict=False):
    column.button(
        name,
        key=f"ng_preset_{name.split()[0].lower()}",
        on_click=apply_live_preset,
        args=(name,),
        help="Set the live-run controls to this preset; then press Run.",
        use_container_width=True,
    )

quick = LIVE_PRESETS["Quick (≈ 3 s)"]
controls = st.columns(3)
live_setting = controls[0].selectbox(
    "Setting of the true θ",
    list(SETTINGS),
    format_func=SETTING_LABELS.get,
    key="ng_live_setting",
    bind="query-params",
    help="Which features carry signal; all three settings have the same Bayes error.",
)
live_m = controls[0].slider(
    "Training examples m",
    min_value=20,
    max_value=200,
    value=quick["n_train"],
    step=10,
    key="ng_live_n_train",
    bind="query-params",
    help="Examples per training set (30 % of them choose C on a hold-out).",
)
live_max_d = controls[1].slider(
    "Largest number of features",
    min_value=10,
    max_value=1000,
    value=quick["max_features"],
    step=10,
    key="ng_live_max_features",
    bind="query-params",
    help="The feature counts run evenly from 3 up to this number.",
)
live_points = controls[1].slider(
    "Feature counts",
    min_value=2,
    max_value=8,
    value=quick["n_points"],
    key="ng_live_n_points",
    bind="query-params",
    help="How many values of d are tried between 3 and the largest.",
)
live_repeats = controls[2].slider(
    "Repeats per point",
    min_value=1,
    max_value=40,
    value=quick["repeats"],
    key="ng_live_repeats",
    bind="query-params",
    help="Independent training sets per point; error bars are ±1 standard error over them.",
)
live_seed = 0
if not classroom:
    live_seed = controls[2].number_input(
        "Seed",
        min_value=0,
        max_value=10_000,
        value=0,
        step=1,
        key="ng_live_seed",
        bind="query-params",
        help="Change it to draw different training sets.",
    )

try:
    check_live_budget(live_points, live_repeats, live_m)
    features = live_feature_grid(live_max_d, live_points, live_setting)
except ValueError as exc:
    st.error(str(exc))
    st.stop()

live_key = (live_setting, live_m, tuple(features), live_repeats, int(live_seed))
store = live_store()
run_clicked = st.button(
    "Run",
    key="ng_run",
    type="primary",
    icon=":material/play_arrow:",
    help="Train L1 and L2 logistic regression on fresh data for every point.",
)
if run_clicked and live_key not in store:
    bar = st.progress(0.0, text="Fitting L1 and L2 models…")
    try:
        store[live_key] = run_experiment(
            settings=[live_setting],
            features=features,
            train_sizes=[live_m],
            repeats=live_repeats,
            seed=int(live_seed),
            n_eval=LIVE_N_EVAL,
            n_bayes=LIVE_N_BAYES,
            progress=lambda fraction: bar.progress(
                fraction, text=f"Fitting L1 and L2 models… {fraction:.0%}"
            ),
        )
    except ValueError as exc:
        bar.empty()
        st.error(f"This live run cannot be done: {exc}")
        st.stop()
    bar.empty()
    while len(store) > LIVE_STORE_SIZE:
        store.popitem(last=False)

live = store.get(live_key)
if live is None:
    st.info(
        f"Press **Run** to train on d ∈ {{{', '.join(map(str, features))}}} features with "
        f"m = {live_m} examples, {live_repeats} repeats per point."
    )
else:
    st.plotly_chart(
        make_sample_complexity_figure(live, n_train=live_m, metric=metric, classroom=classroom),
        key="ng_live_chart",
        alt="Live run: test error versus number of features for L1 and L2.",
    )
    small, large = features[0], features[-1]
    a, b = (
        nearest_point(live, live_setting, live_m, small),
        nearest_point(live, live_setting, live_m, large),
    )
    gap = b.loc["l2"].error_mean - b.loc["l1"].error_mean
    st.markdown(
        f"**What to notice (live).** Run in {live.metadata['elapsed_seconds']} s. "
        f"At d = {small}: L1 {a.loc['l1'].error_mean:.3f}, L2 {a.loc['l2'].error_mean:.3f}; "
        f"at d = {large}: L1 {b.loc['l1'].error_mean:.3f} ± {b.loc['l1'].error_se:.3f}, "
        f"L2 {b.loc['l2'].error_mean:.3f} ± {b.loc['l2'].error_se:.3f} — L2 is "
        f"{'worse' if gap > 0 else 'not worse'} by {abs(gap):.3f} "
        f"({abs(gap) / max(b.loc['l2'].error_se + b.loc['l1'].error_se, 1e-12):.1f} "
        "combined standard errors)."
    )
