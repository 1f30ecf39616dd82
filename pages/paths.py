"""Coefficient paths: every coefficient as λ moves, with cross-validation below."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from regviz.core.conventions import L1_RATIO_HELP, LAMBDA_HELP, PENALTIES, PENALTY_NAMES
from regviz.experiments.crossval import CVCurve, cross_validate_path
from regviz.experiments.datasets import (
    BUNDLED,
    Dataset,
    dataset_from_table,
    load_bundled,
    make_synthetic,
    read_csv,
)
from regviz.experiments.paths import (
    CoefficientPath,
    coefficient_path,
    entry_order,
    glmnet_grid,
    support_recovery,
)
from regviz.figures import common as style
from regviz.figures.paths import make_compare_figure, make_paths_figure

if "_regviz_router" not in st.session_state:  # a shared link opened before app.py ever ran
    st.session_state["_regviz_deep_link"] = (__file__, st.query_params.to_dict())
    st.switch_page("app.py")

SOURCES = {**BUNDLED, "synthetic": "Synthetic (you choose the truth)", "csv": "Upload a CSV"}
N_LAMBDAS = 100

classroom = st.session_state.get("classroom", False)

st.title("Coefficient paths")
st.markdown(
    "**What you are looking at.** Each line is one coefficient of a linear model, drawn "
    "against the penalty strength λ. Move λ to the right and the penalty grows: the "
    "**lasso (L1)** sets coefficients to *exactly* zero one by one (the count of non-zero "
    "coefficients runs along the top axis), while **ridge (L2)** shrinks them all together "
    "and never reaches zero. Below, k-fold cross-validation estimates the prediction error "
    "at each λ; λ_min has the lowest error and λ_1se is the largest λ within one standard "
    "error of it — the simplest model that predicts about as well."
)
with st.expander("Why the features are standardized first"):
    st.markdown(
        "The penalty charges every coefficient the same price per unit of size. If BMI were "
        "measured in g/m² instead of kg/m², its coefficient would be 1000× smaller and the "
        "penalty would barely touch it — the units, not the data, would decide which feature "
        "survives. Scaling each feature to standard deviation 1 before penalizing makes the "
        "choice independent of units (glmnet and most textbooks do this). The coefficients "
        "are then mapped back, so you can still read them per unit of x — or per 1 standard "
        "deviation of x, which makes features comparable on one axis."
    )


def preset_classic() -> None:
    """The classic glmnet picture: lasso on the diabetes data."""
    st.session_state.update(
        paths_source="diabetes",
        paths_penalty="l1",
        paths_compare=False,
        paths_x_axis="lambda",
        paths_units="standardized",
        paths_standardize=True,
    )
    st.session_state.pop("paths_log_lambda", None)


def preset_compare() -> None:
    """Lasso, ridge and elastic net side by side on the diabetes data."""
    st.session_state.update(paths_source="diabetes", paths_compare=True, paths_units="standardized")
    st.session_state.pop("paths_log_lambda", None)


def preset_truth() -> None:
    """Synthetic data with 5 true features among 50: does the lasso find them?"""
    st.session_state.update(
        paths_source="synthetic",
        paths_penalty="l1",
        paths_compare=False,
        paths_n=100,
        paths_p=50,
        paths_k=5,
        paths_rho=0.5,
        paths_sigma=1.0,
    )
    st.session_state.pop("paths_log_lambda", None)


preset_cols = st.columns(3)
preset_cols[0].button(
    "The classic picture",
    key="paths_preset_classic",
    on_click=preset_classic,
    help="Lasso paths on the diabetes data, as glmnet draws them.",
    icon=":material/show_chart:",
)
preset_cols[1].button(
    "Lasso vs ridge side by side",
    key="paths_preset_compare",
    on_click=preset_compare,
    help="All three penalties on shared axes.",
    icon=":material/view_column:",
)
preset_cols[2].button(
    "Can the lasso find the truth?",
    key="paths_preset_truth",
    on_click=preset_truth,
    help="Synthetic data: 5 truly non-zero coefficients among 50 correlated features.",
    icon=":material/search:",
)

lambda_area = st.container()
controls, main = st.columns([1, 3], gap="medium")


# Cache keys are small: an uploaded file is identified by its upload id, not hashed (up to
# 20 MB per call); arguments starting with "_" are not hashed by st.cache_data.
@st.cache_data(max_entries=8, show_spinner=False)
def cached_table(file_id: str, max_bytes: int, _data: bytes):
    """Read an uploaded CSV once per upload."""
    return read_csv(_data, max_bytes=max_bytes)


@st.cache_data(max_entries=16, show_spinner=False)
def cached_dataset(source: str, synthetic: tuple, csv_key: tuple, _raw: bytes = b"") -> Dataset:
    """The data set for the chosen source."""
    if source == "synthetic":
        n, p, k, rho, sigma, seed = synthetic
        return make_synthetic(n, p, k, rho, sigma, seed)
    if source == "csv":
        file_id, max_bytes, target, features, name = csv_key
        table = cached_table(file_id, max_bytes, _raw)
        return dataset_from_table(table, target, features, name=name)
    return load_bundled(source)


@st.cache_data(max_entries=48, show_spinner=False)
def cached_penalty(
    data_key: tuple,
    _data: Dataset,
    penalty: str,
    l1_ratio: float,
    standardize: bool,
    n_folds: int,
) -> tuple[CoefficientPath, CVCurve]:
    """Path on the full data and k-fold CV curve for one penalty, on its own λ grid.

    The progress bar is created and emptied inside this cached function, so that on a
    cache hit Streamlit replays "create, then empty" and nothing flickers.
    """
    data = _data
    name = PENALTY_NAMES[penalty]
    bar = st.progress(0.0, text=f"{name}: fitting the path on all rows…")
    try:
        grid = glmnet_grid(
            data.X,
            data.y,
            penalty=penalty,
            l1_ratio=l1_ratio,
            n_lambdas=N_LAMBDAS,
            standardize=standardize,
        )
        path = coefficient_path(data.X, data.y, penalty, grid, l1_ratio, standardize)
        bar.progress(1 / (n_folds + 1), text=f"{name}: {n_folds}-fold cross-validation…")

        def on_fold(fraction: float) -> None:
            bar.progress(
                (1 + fraction * n_folds) / (n_folds + 1), text=f"{name}: cross-validation…"
            )

        cv = cross_validate_path(
            data.X, data.y, penalty, grid, l1_ratio, standardize, n_folds=n_folds, seed=0,
            progress=on_fold,
        )  # fmt: skip
    finally:
        bar.empty()
    return path, cv


@st.cache_data(max_entries=256, show_spinner=False)
def cached_coefs_at(
    data_key: tuple,
    _data: Dataset,
    l1_ratio: float,
    standardize: bool,
    lam: float,
) -> dict[str, np.ndarray]:
    """Exact coefficients of all three penalties at one λ (not interpolated)."""
    data = _data
    return {
        penalty: coefficient_path(data.X, data.y, penalty, [lam], l1_ratio, standardize).coefs[:, 0]
        for penalty in PENALTIES
    }


# --------------------------------------------------------------------------- controls
with controls:
    source = st.selectbox(
        "Data",
        list(SOURCES),
        format_func=SOURCES.get,
        key="paths_source",
        bind="query-params",
        help="Real data bundled with scikit-learn (no download), synthetic data with a known "
        "truth, or your own CSV file.",
    )
    synthetic: tuple = ()
    csv_key: tuple = ()
    if source == "synthetic":
        n = st.slider(
            "Samples n",
            20,
            2000,
            200,
            10,
            key="paths_n",
            bind="query-params",
            help="Number of rows of simulated data.",
        )
        p = st.slider(
            "Features p",
            2,
            300,
            50,
            key="paths_p",
            bind="query-params",
            help="Number of features (columns).",
        )
        k = st.slider(
            "Truly non-zero coefficients k",
            0,
            50,
            5,
            key="paths_k",
            bind="query-params",
            help="How many of the p features really influence y.",
        )
        rho = st.slider(
            "Feature correlation ρ",
            0.0,
            0.95,
            0.3,
            0.05,
            key="paths_rho",
            bind="query-params",
            help="Every pair of features has this correlation.",
        )
        if classroom:
            sigma, seed = 1.0, 0
        else:
            sigma = st.slider(
                "Noise σ",
                0.0,
                5.0,
                1.0,
                0.1,
                key="paths_sigma",
                bind="query-params",
                help="Standard deviation of the noise added to y.",
            )
            seed = st.number_input(
                "Seed",
                0,
                10_000,
                0,
                key="paths_seed",
                bind="query-params",
                help="The same seed gives the same data.",
            )
        synthetic = (int(n), int(p), int(min(k, p)), float(rho), float(sigma), int(seed))
    elif source == "csv":
        max_mb = int(st.get_option("server.maxUploadSize"))
        upload = st.file_uploader(
            "CSV file",
            type=["csv"],
            key="paths_csv",
            help=f"A table with a header row, one row per observation, up to {max_mb} MB. "
            "Pick the column to predict below.",
        )
        if upload is None:
            st.warning("No file yet: upload a CSV file to see its coefficient paths.")
            st.stop()
        raw = upload.getvalue()
        try:
            table = cached_table(upload.file_id, max_mb * 1024 * 1024, raw)
        except ValueError as error:
            st.error(f"Cannot use this file: {error}")
            st.stop()
        except Exception:  # noqa: BLE001 — a student sees a sentence, never a traceback
            st.error("Cannot read this file as a CSV table. Check that it is plain text.")
            st.stop()
        # A new file starts with its own defaults: last column as target, all others as features.
        file_signature = (upload.file_id, upload.name, upload.size)
        if st.session_state.get("_paths_csv_file") != file_signature:
            st.session_state.pop("paths_target", None)
            st.session_state.pop("paths_features", None)
        st.session_state["_paths_csv_file"] = file_signature
        target = st.selectbox(
            "Column to predict (target)",
            table.target_candidates,
            index=table.target_candidates.index(table.default_target),
            key="paths_target",
            help="A numeric column; the others can be features.",
        )
        if st.session_state.get("_paths_csv_target") != target:
            st.session_state.pop("paths_features", None)
        st.session_state["_paths_csv_target"] = target
        options = [c for c in table.frame.columns if c != target]
        features = st.multiselect(
            "Feature columns",
            options,
            default=options,
            key="paths_features",
            help="Columns used to predict the target.",
        )
        csv_key = (upload.file_id, max_mb * 1024 * 1024, target, tuple(features), upload.name)

    compare = st.toggle(
        "Compare lasso, ridge and elastic net",
        key="paths_compare",
        bind="query-params",
        help="All three penalties side by side on shared axes.",
    )
    penalty = "l1"
    if not compare:
        penalty = st.segmented_control(
            "Penalty",
            list(PENALTIES),
            default="l1",
            format_func=PENALTY_NAMES.get,
            key="paths_penalty",
            bind="query-params",
            required=True,
            help="L1 zeroes coefficients; L2 only shrinks them; the elastic net mixes both.",
        )
        penalty = penalty or "l1"
    l1_ratio = 0.5
    if compare or penalty == "elasticnet":
        l1_ratio = st.slider(
            "Elastic-net mix r (l1_ratio)",
            0.05,
            1.0,
            0.5,
            0.05,
            key="paths_l1_ratio",
            bind="query-params",
            help=L1_RATIO_HELP,
        )
    x_axis = st.radio(
        "x axis",
        ["lambda", "norm"],
        key="paths_x_axis",
        bind="query-params",
        horizontal=True,
        format_func={"lambda": "log λ", "norm": "‖β‖₁ / max ‖β‖₁"}.get,
        disabled=compare,
        help="glmnet offers both: λ on a log scale, or the size of the coefficient vector "
        "relative to its largest size on the path.",
    )
    units = st.radio(
        "Coefficient units",
        ["original", "standardized"],
        key="paths_units",
        bind="query-params",
        horizontal=True,
        format_func={"original": "per unit of x", "standardized": "per 1 SD of x"}.get,
        help="Per unit of each feature as given, or per one standard deviation of it "
        "(comparable across features).",
    )
    standardize, n_folds = True, 5
    if not classroom:
        standardize = st.toggle(
            "Standardize features before penalizing",
            value=True,
            key="paths_standardize",
            bind="query-params",
            help="Scale every feature to standard deviation 1 so the penalty does not depend "
            "on units. Turn off to see the units decide.",
        )
        n_folds = st.slider(
            "Cross-validation folds k",
            3,
            10,
            5,
            key="paths_folds",
            bind="query-params",
            help="k-fold CV: each fold is held out once.",
        )

# --------------------------------------------------------------------------- compute
data_key = (source, synthetic, csv_key)
try:
    data = cached_dataset(source, synthetic, csv_key, raw if source == "csv" else b"")
except ValueError as error:
    st.error(f"Cannot use these data: {error}")
    st.stop()
for notice in data.notices:
    controls.info(notice, icon=":material/info:")

needed = list(PENALTIES) if compare else [penalty]
if data.true_coef is not None and "l1" not in needed:
    needed.append("l1")  # the true/false-positive report uses the lasso at λ_1se
results: dict[str, tuple[CoefficientPath, CVCurve]] = {}
try:
    with main:
        for name in needed:
            results[name] = cached_penalty(data_key, data, name, l1_ratio, standardize, n_folds)
except ValueError as error:
    st.error(f"Cannot fit these data: {error}")
    st.stop()

shown = ["l1", "l2", "elasticnet"] if compare else [penalty]
lam_lo = min(results[p][0].lambdas[-1] for p in shown)
lam_hi = max(results[p][0].lambdas[0] for p in shown)
default_cv = results["l1" if compare else penalty][1]
lo, hi = float(np.floor(np.log10(lam_lo) * 100) / 100), float(np.ceil(np.log10(lam_hi) * 100) / 100)
default = float(np.clip(round(np.log10(default_cv.lambda_1se), 2), lo, hi))
# New data or a new penalty means a new λ grid: start again at its λ_1se. (A λ kept from
# before may even lie outside the new slider range, which Streamlit refuses.)
grid_context = (source, synthetic, csv_key[2:], compare, penalty, l1_ratio, standardize, n_folds)
previous_context = st.session_state.get("_paths_grid_context")
kept = st.session_state.get("paths_log_lambda")
if (previous_context is not None and previous_context != grid_context) or (
    kept is not None and not lo <= kept <= hi
):
    st.session_state.pop("paths_log_lambda", None)
st.session_state["_paths_grid_context"] = grid_context
with lambda_area:
    log_lam = st.slider(
        "log₁₀ λ — penalty strength (starts at λ_1se)",
        lo,
        hi,
        default,
        0.01,
        key="paths_log_lambda",
        bind="query-params",
        help=LAMBDA_HELP,
    )
lam = float(10**log_lam)
exact = cached_coefs_at(data_key, data, l1_ratio, standardize, round(lam, 12))

# --------------------------------------------------------------------------- figure
names = data.feature_names
with main:
    if compare:
        fig = make_compare_figure(
            {p: results[p][0] for p in shown},
            {p: results[p][1] for p in shown},
            lam=lam,
            feature_names=names,
            units=units,
            true_coef=data.true_coef,
            classroom=classroom,
        )
    else:
        fig = make_paths_figure(
            results[penalty][0],
            results[penalty][1],
            lam=lam,
            feature_names=names,
            x_axis=x_axis,
            units=units,
            true_coef=data.true_coef,
            classroom=classroom,
        )
    st.plotly_chart(
        fig,
        key="paths_figure",
        alt="Coefficient paths: one line per feature against λ, with the cross-validated "
        "error curve below on the same λ axis.",
    )

    # What to notice — every number below comes from the current result.
    p_total = len(names)
    nonzero = {p: int(np.count_nonzero(exact[p])) for p in PENALTIES}
    main_cv = results["l1" if compare else penalty][1]
    main_path = results["l1" if compare else penalty][0]
    smallest_ridge = float(np.min(np.abs(exact["l2"])))
    st.caption(
        f"**What to notice.** At λ = {lam:.3g} the lasso keeps {nonzero['l1']} of {p_total} "
        f"coefficients and sets {p_total - nonzero['l1']} to exactly zero; ridge at the same λ "
        f"keeps all {nonzero['l2']} non-zero (its smallest is {smallest_ridge:.2g}, shrunk but "
        f"not zero); the elastic net keeps {nonzero['elasticnet']}. "
        f"Cross-validation ({PENALTY_NAMES[main_cv.penalty]}) picks λ_min = "
        f"{main_cv.lambda_min:.3g} with {int(main_path.n_nonzero[main_cv.index_min])} non-zero "
        f"coefficients (CV error {main_cv.mean_mse[main_cv.index_min]:.4g}) and λ_1se = "
        f"{main_cv.lambda_1se:.3g} with {int(main_path.n_nonzero[main_cv.index_1se])} "
        f"(CV error {main_cv.mean_mse[main_cv.index_1se]:.4g}): a simpler model, within one "
        f"standard error of the best."
    )
    unconverged = sum(results[p][0].n_not_converged for p in needed)
    if unconverged:
        st.caption(
            f"Coordinate descent stopped at its iteration limit for {unconverged} λ value(s) "
            "(strongly correlated features, small λ); those points are close, not exact."
        )

# --------------------------------------------------------------------------- details
table_col, order_col = st.columns([3, 2], gap="medium")
with table_col:
    st.subheader(f"Coefficients at λ = {lam:.3g}")
    scale = results[needed[0]][0].x_scale if units == "standardized" else np.ones(len(names))
    # The penalty on show first, then the others at the same λ for comparison.
    column_order = [*shown, *[p for p in PENALTIES if p not in shown]]
    columns = {PENALTY_NAMES[p]: exact[p] * scale for p in column_order}
    if data.true_coef is not None:
        columns["true β"] = data.true_coef * scale
    table = pd.DataFrame(columns, index=pd.Index(names, name="feature"))
    st.dataframe(
        table.style.format("{:.4g}").map(
            lambda v: f"background-color: {style.HIGHLIGHT_COLOR}; color: #000000" if v == 0 else ""
        ),
        key="paths_table",
        height=min(36 * (len(names) + 1) + 3, 480),
    )
    st.caption(
        "Highlighted cells are exactly zero. Units: "
        + ("per 1 standard deviation of x." if units == "standardized" else "per unit of x.")
    )

with order_col:
    order_penalty = "l1" if compare or penalty == "l2" else penalty
    if order_penalty in results:
        order = entry_order(results[order_penalty][0])
        st.subheader(f"Order of entry — {PENALTY_NAMES[order_penalty]}")
        if penalty == "l2" and not compare:
            st.caption("Ridge has no entry order: every coefficient is non-zero at every λ.")
        st.dataframe(
            pd.DataFrame(
                {"feature": [names[j] for j, _ in order], "enters at λ": [v for _, v in order]},
                index=pd.RangeIndex(1, len(order) + 1, name="step"),
            ),
            key="paths_entry_order",
            height=min(36 * (len(order) + 1) + 3, 480),
        )
        st.caption(
            "Read from the right (large λ) to the left: the first features the "
            "lasso lets in are the ones it finds most useful."
        )
    else:
        st.subheader("Order of entry")
        st.caption("Ridge has no entry order: every coefficient is non-zero at every λ.")

if data.true_coef is not None:
    lasso_path_, lasso_cv = results["l1"]
    found = support_recovery(lasso_path_.coefs[:, lasso_cv.index_1se], data.true_coef)
    st.subheader("Did the lasso find the true features?")
    metric_cols = st.columns(3)
    metric_cols[0].metric(
        "True positives",
        f"{found.true_positives} of {found.n_true}",
        help="Truly non-zero features the lasso keeps at λ_1se.",
    )
    metric_cols[1].metric(
        "False positives",
        found.false_positives,
        help="Truly zero features the lasso keeps at λ_1se.",
    )
    metric_cols[2].metric(
        "Missed",
        found.missed,
        help="Truly non-zero features the lasso sets to zero at λ_1se.",
    )
    st.caption(
        f"At λ_1se = {lasso_cv.lambda_1se:.3g} the lasso selects {found.selected} features: "
        f"{found.true_positives} of the {found.n_true} truly non-zero ones and "
        f"{found.false_positives} of the {len(names) - found.n_true} truly zero ones. In the "
        "figure, truly zero features are grey and dotted."
    )
