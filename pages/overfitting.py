"""Overfitting: the fit and its train / CV / test error as λ moves; bias–variance on demand."""

from __future__ import annotations

import threading

import numpy as np
import streamlit as st

from regviz.experiments.biasvariance import BiasVariance, bias_variance
from regviz.experiments.overfit import (
    VIEWS,
    ErrorCurves,
    FeatureSpec,
    bias_variance_alt_text,
    code_snippet,
    coefficients_alt_text,
    combine_curves,
    compare_bases,
    describe_bases,
    describe_bias_variance,
    describe_convergence,
    describe_curves,
    error_curves,
    error_table,
    errors_alt_text,
    fit_alt_text,
    make_dataset,
)
from regviz.figures.overfitting import (
    make_bias_variance_figure,
    make_coefficient_figure,
    make_error_curves_figure,
    make_fit_figure,
)
from regviz.ui.frame import open_page
from regviz.ui.specs.overfitting import SPEC

page = open_page(SPEC)
v = page.controls()
# The fit's λ grid is the slider's own values, so the cursor reads the curves exactly.
GRID = np.array(SPEC.control("lam").options())
STUDY_GRID = GRID[::2]  # bias–variance: every other λ, enough for its smooth curves


@st.cache_data(max_entries=96, ttl=3600, show_spinner=False)
def fitted(penalty: str, data: tuple, basis: str, degree: int, folds: int, r: float) -> ErrorCurves:
    """One penalty over the whole λ grid: fit, CV and test error (a λ move reuses it)."""
    truth, n, noise, seed = data
    return error_curves(
        make_dataset(truth, n=n, noise=noise, seed=seed),
        FeatureSpec(basis, degree),
        lambdas=GRID,
        penalties=(penalty,),
        n_folds=folds,
        l1_ratio=r,
    )


def all_fitted(
    penalties: tuple[str, ...], data: tuple, basis: str, degree: int, folds: int, r: float
) -> ErrorCurves:
    # r matters to the elastic net only: ridge and the lasso stay cached when it moves.
    parts = [
        fitted(p, data, basis, degree, folds, r if p == "elasticnet" else 1.0) for p in penalties
    ]
    return combine_curves(parts)


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def bases_compared(data: tuple, degree: int, lam: float):
    truth, n, noise, seed = data
    return compare_bases(make_dataset(truth, n=n, noise=noise, seed=seed), degree, lam)


@st.cache_resource(max_entries=1, ttl=3600)  # bounded store inside
def studies() -> tuple[dict, threading.Lock]:
    """Bias–variance studies already run, shared by every visitor (results are read-only)."""
    return {}, threading.Lock()


penalties = VIEWS[v.view]
data = (v.truth, int(v.n), float(v.noise), int(v.seed))
curves = page.run(
    all_fitted,
    penalties,
    data,
    v.basis,
    int(v.degree),
    int(v.folds),
    float(v.r),
    what="These settings cannot be fitted",
)

# The intuitive picture first: the fitted curves, then what they cost on fresh data.
height = 440 if page.classroom else 480  # with the fit's Play row above its plot
left, right = st.columns(2, gap="small")
style = {"lam": v.lam, "penalties": penalties, "classroom": page.classroom, "height": height}
fit = make_fit_figure(curves, **style, play=True)  # ▶ Play sweeps λ in the browser
page.figure(fit, key="fit", alt=fit_alt_text(curves, v.lam), place=left)
page.figure(
    make_error_curves_figure(curves, **style),
    key="errors",
    alt=errors_alt_text(curves, v.lam),
    place=right,
)
page.presets()
words, coefficients = st.columns(2, gap="small")
with words:
    page.notes(describe_curves(curves, v.lam))
    if (slow := describe_convergence(curves)) is not None:
        st.caption(slow)
    page.download_table(error_table, curves, name="errors")
    page.code(code_snippet(curves, v.lam))
    if v.basis in {"legendre", "monomial"} and not page.classroom:
        with st.expander("Does the basis matter? Legendre vs monomials at this λ"):
            comparison = page.run(
                bases_compared,
                data,
                int(v.degree),
                float(v.lam),
                what="The bases cannot be compared here",
            )
            st.markdown(describe_bases(comparison))
page.figure(
    make_coefficient_figure(curves, **style),
    key="coefficients",
    alt=coefficients_alt_text(curves, v.lam),
    place=coefficients,
)

st.subheader("Bias–variance trade-off")
b = page.controls("bias_variance").b
store, lock = studies()
key = (data, v.basis, int(v.degree), int(b))
wanted = {p: key + (p, float(v.r) if p == "elasticnet" else None) for p in penalties}
results: dict[str, BiasVariance] = {p: store[k] for p, k in wanted.items() if k in store}
missing = [p for p in penalties if p not in results]
slot = st.empty()  # the button, gone once the study is done
if missing and slot.button(
    "Run the bias–variance study",
    key="overfitting_run_study",
    help="Refit B fresh training sets of the same size for each penalty to measure bias² "
    "(systematic error) and variance (how much the fit moves from one data set to the "
    "next). Takes a few seconds; the result stays here for these settings.",
):
    bar = st.progress(0.0, text="Fitting fresh training sets…")
    for done, penalty in enumerate(missing):

        def report(fraction: float, done: int = done) -> None:
            bar.progress(min((done + fraction) / len(missing), 1.0))

        results[penalty] = page.run(
            bias_variance,
            v.truth,
            n=int(v.n),
            noise=float(v.noise),
            features=FeatureSpec(v.basis, int(v.degree)),
            penalty=penalty,
            lambdas=STUDY_GRID,
            l1_ratio=float(v.r),
            n_sets=int(b),
            seed=int(v.seed),
            progress=report,
            what="The bias–variance study cannot run with these settings",
        )
        with lock:
            store[wanted[penalty]] = results[penalty]
            while len(store) > 48:
                store.pop(next(iter(store)))
    bar.empty()
    slot.empty()
if len(results) == len(penalties):
    for start in range(0, len(penalties), 2):
        row = penalties[start : start + 2]
        for column, penalty in zip(st.columns(2, gap="small"), row, strict=False):
            result = results[penalty]
            # Below the fold even on a projector: the full height, room for its legend.
            figure = make_bias_variance_figure(
                {penalty: result}, lam=v.lam, classroom=page.classroom
            )
            page.figure(
                figure,
                key=f"bias_variance_{penalty}",
                alt=bias_variance_alt_text(result),
                place=column,
            )
    page.notes(describe_bias_variance(results))
else:
    st.caption(
        "Draw B fresh training sets like this one, fit each, and split the test error "
        "into bias² (how far the average fit is from the truth), variance (how much the fit "
        "moves from set to set) and the noise no model removes."
    )
page.done()
