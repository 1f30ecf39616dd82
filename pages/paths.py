"""Coefficient paths: every coefficient as λ moves, with cross-validation below."""

from __future__ import annotations

import streamlit as st

from regviz.experiments import datasets as ds
from regviz.experiments import paths as ex
from regviz.experiments.crossval import PathStudy, study_paths
from regviz.figures.common import HIGHLIGHT_COLOR
from regviz.figures.paths import make_paths_figures
from regviz.ui.frame import open_page
from regviz.ui.specs.paths import SPEC, lambda_bounds

page = open_page(SPEC)
v = page.controls("data")  # the sidebar: where the data come from
limits = ds.UploadLimits(max_bytes=int(st.get_option("server.maxUploadSize")) * 2**20)
FIT = "Cannot fit these data"


@st.cache_data(max_entries=3, ttl=1800, show_spinner=False)
def cached_table(key: str, max_bytes: int, _raw: bytes) -> ds.CsvTable:
    """An uploaded CSV, parsed once per distinct content (``key`` is its hash)."""
    try:
        return ds.read_csv(_raw, limits=ds.UploadLimits(max_bytes=max_bytes))
    except Exception as error:  # noqa: BLE001 - the visitor reads the refusal's sentence
        raise ValueError(ex.plain_text(ds.explain_refusal(error))) from None


@st.cache_data(max_entries=6, ttl=1800, show_spinner=False)
def cached_data(
    source: str, synthetic: tuple, csv: tuple, standardize: bool, _raw: bytes = b""
) -> tuple[ds.Dataset, tuple[float, float]]:
    """The data set, and the λ range every penalty's grid fits in."""
    if source == "synthetic":
        data = ds.make_synthetic(*synthetic)
    elif source == "csv":
        key, max_bytes, target, features, name = csv
        try:
            table = cached_table(key, max_bytes, _raw)
            data = ds.dataset_from_table(table, target, features, name=name)
        except ValueError as error:
            raise ValueError(ex.plain_text(ds.explain_refusal(error))) from None
    else:
        data = ds.load_bundled(source)
    return data, ex.lambda_span(data.X, data.y, standardize=standardize)


@st.cache_data(max_entries=24, ttl=3600, show_spinner=False)
def cached_study(
    data_key: tuple, _data: ds.Dataset, penalty: str, l1_ratio: float, standardize: bool, k: int
) -> PathStudy:
    """One penalty's path on all rows and its k-fold CV curve. The progress bar is created
    and emptied in here, so a cache hit replays nothing visible."""
    bar = st.progress(0.0, text="Fitting the path and cross-validating…")
    try:
        return study_paths(
            _data.X, _data.y, (penalty,), l1_ratio=l1_ratio, standardize=standardize,
            n_lambdas=ex.N_LAMBDAS, n_folds=k, progress=bar.progress,
        )  # fmt: skip
    finally:
        bar.empty()


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def cached_at(data_key: tuple, _data: ds.Dataset, lam: float, l1_ratio: float, standardize: bool):
    """Exact coefficients of the three penalties at λ: one cheap fit each, no path."""
    return ex.coefficients_at(_data.X, _data.y, lam, l1_ratio=l1_ratio, standardize=standardize)


# --------------------------------------------------------------------------- data
raw, csv, settings = b"", (), {}
if v.source == "csv":
    upload = st.sidebar.file_uploader(
        "CSV file", type=["csv", "txt", "tsv"], key="paths_csv", help=ds.upload_help(limits)
    )
    if upload is None:
        st.info(ds.no_file_message(limits), icon=":material/upload_file:")
        st.stop()  # the frame still shows its notices and writes the URL
    raw = upload.getvalue()
    memo = st.session_state.get("_paths_upload")
    if memo is None or memo[0] != upload.file_id:  # hash each upload once, not every run
        key = ds.content_key(raw)
        if memo is None or memo[1] != key:  # another file: its own default columns
            for name in ("paths_target", "paths_features", "_paths_target"):
                st.session_state.pop(name, None)
        st.session_state["_paths_upload"] = memo = (upload.file_id, key)
    table = page.run(cached_table, memo[1], limits.max_bytes, raw)
    # The file's columns are not URL-bound: a link cannot carry the file.
    target = st.sidebar.selectbox(
        "Column to predict (target)",
        table.target_candidates,
        index=table.target_candidates.index(table.default_target),
        key="paths_target",
        help="A numeric column with at least two different values.",
    )
    if st.session_state.get("_paths_target") != target:  # a new target: its own features
        st.session_state.pop("paths_features", None)
    st.session_state["_paths_target"] = target
    features = st.sidebar.multiselect(
        "Feature columns",
        [c for c in table.columns if c != target],
        default=table.default_features(target),
        key="paths_features",
        help="Columns used to predict the target (empty or constant ones are not selected).",
    )
    csv = (memo[1], limits.max_bytes, target, tuple(features), upload.name)
    settings = {"file": upload.name, "target": target, "features": features}

lam_place, view_place = st.columns([1, 1], gap="medium")  # the main row, above the figure
with view_place:
    v = page.controls()
synthetic = ()
if v.source == "synthetic":
    settings = ex.synthetic_settings(v)
    synthetic = tuple(settings.values())
what = "" if v.source == "csv" else FIT
data, span = page.run(cached_data, v.source, synthetic, csv, bool(v.standardize), raw, what=what)
data_key = (v.source, synthetic, csv)

# --------------------------------------------------------------------------- compute
shown = ex.VIEW_PENALTIES[v.view]
needed = shown if data.true_coef is None or "l1" in shown else (*shown, "l1")


def study(penalty: str) -> PathStudy:
    r = float(v.l1_ratio) if penalty == "elasticnet" else 0.5  # r only matters there
    args = (data_key, data, penalty, r, bool(v.standardize), int(v.folds))
    return page.run(cached_study, *args, what=FIT)


studies = {penalty: study(penalty) for penalty in needed}
start = studies[ex.first_penalty(v.view)].cv[ex.first_penalty(v.view)].lambda_1se
with lam_place:
    lam = page.control("lam", **lambda_bounds(span, start))
at = cached_at(data_key, data, float(lam), float(v.l1_ratio), bool(v.standardize))
result = ex.PathsAtLambda(
    lam=float(lam),
    shown=shown,
    paths={p: studies[p].paths[p] for p in needed},
    cvs={p: studies[p].cv[p] for p in needed},
    coefs=at,
    feature_names=data.feature_names,
    units=v.units,
    true_coef=data.true_coef,
    l1_ratio=float(v.l1_ratio),
)

# --------------------------------------------------------------------------- figures
figures = make_paths_figures(
    {p: result.paths[p] for p in shown},
    {p: result.cvs[p] for p in shown},
    lam=result.lam,
    feature_names=data.feature_names,
    x_axis=v.x_axis if len(shown) == 1 else "lambda",
    units=v.units,
    true_coef=data.true_coef,
    at_lambda=at,
    lam_range=span,
    classroom=page.classroom,
    dark=page.dark,
    play=bool(v.play),
)
columns = st.columns(len(shown), gap="small")
for column, penalty, figure in zip(columns, shown, figures, strict=True):
    page.figure(figure, key=f"figure_{penalty}", alt=ex.alt_text(result, penalty), place=column)
page.presets()
page.notes(ex.describe_paths(result))
if stopped := ex.describe_convergence(result):
    page.notes(stopped)
for notice in data.notices:
    st.info(ex.plain_text(notice), icon=":material/info:")

# --------------------------------------------------------------------------- details
table_col, order_col = st.columns([3, 2], gap="medium")
table = ex.coefficient_table(result)
table_col.subheader(ex.table_title(result))
table_col.dataframe(
    table.style.format("{:.4g}").map(
        lambda x: f"background-color: {HIGHLIGHT_COLOR}; color: #000000" if x == 0 else ""
    ),
    key="paths_table",
    height=min(36 * (len(table) + 1) + 3, 480),
)
table_col.caption("Highlighted cells are exactly zero.")
page.download_table(table, name="coefficients", place=table_col)
entering = next((p for p in needed if p != "l2"), None)
order_col.subheader("Order of entry")
if entering is None:
    order_col.caption("Ridge has no entry order: every coefficient is non-zero at every λ.")
else:
    order = ex.entry_table(result.paths[entering], data.feature_names)
    order_col.dataframe(order, key="paths_entry_order", height=min(36 * (len(order) + 1) + 3, 480))
    order_col.caption(
        "Read from the right (large λ) to the left: the first features to enter are the ones "
        "the penalty finds most useful."
    )

if data.true_coef is not None:
    cv = result.cvs["l1"]
    found = ex.support_recovery(result.paths["l1"].coefs[:, cv.index_1se], data.true_coef)
    st.subheader("Did the lasso find the true features?")
    page.readouts(ex.support_metrics(found))
    st.caption(ex.describe_support(found, cv.lambda_1se, len(data.feature_names)))

page.code(ex.code_snippet(result, source=v.source, settings=settings, standardize=v.standardize))
page.done()
