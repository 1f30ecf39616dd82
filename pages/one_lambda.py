"""One λ, three views: the 2-D constraint picture, the coefficient path and the error curve."""

from __future__ import annotations

import streamlit as st

from regviz.experiments.onelambda import (
    LambdaPath,
    TwoFeatureData,
    alt_texts,
    at_lambda,
    code_snippet,
    describe_point,
    fit_path,
    make_two_feature_data,
    metrics,
)
from regviz.figures.one_lambda import (
    KEY,
    make_constraint_figure,
    make_error_figure,
    make_path_figure,
)
from regviz.ui.frame import open_page
from regviz.ui.specs.one_lambda import SPEC

page = open_page(SPEC)
v = page.controls()


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def compute_path(
    penalty: str, n_train: int, correlation: float, noise: float, seed: int
) -> tuple[TwoFeatureData, LambdaPath]:
    """The data and the exact fits over the λ grid (reused while only λ moves)."""
    data = make_two_feature_data(n_train, correlation=correlation, noise=noise, seed=seed)
    return data, fit_path(data, penalty)


data, path = page.run(
    compute_path,
    v.penalty,
    int(v.n),
    float(v.rho),
    float(v.noise),
    int(v.seed),
    what="These settings do not give a dataset the model can be fitted on",
)
point = page.run(at_lambda, data, path, float(v.lam), what="This λ cannot be fitted")

# Three figures side by side on a wide screen; on a phone they stack.
builders = (make_constraint_figure, make_path_figure, make_error_figure)
columns = st.columns(3, gap="small")
for column, build, key, alt in zip(
    columns, builders, ("constraint", "path", "error"), alt_texts(path, point), strict=True
):
    page.figure(build(path, point, classroom=page.classroom), key=key, alt=alt, place=column)
st.caption(KEY)
for column, (label, value) in zip(st.columns(4), metrics(path, point), strict=True):
    column.metric(label, value)

page.presets()
page.notes(describe_point(path, point))
page.code(code_snippet(**{name: v[name] for name in SPEC.defaults}))
page.done()
