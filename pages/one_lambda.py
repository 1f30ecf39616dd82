"""One λ, three views: the 2-D constraint picture, the coefficient path and the error curve."""

from __future__ import annotations

import streamlit as st

from regviz.experiments.onelambda import (
    alt_texts,
    at_lambda,
    code_snippet,
    data_and_path,
    describe_point,
    metrics,
    path_table,
    play_lambdas,
    sweep,
)
from regviz.figures.one_lambda import (
    KEY,
    make_constraint_figure,
    make_error_figure,
    make_path_figure,
    make_play_figure,
)
from regviz.ui.frame import open_page
from regviz.ui.specs.one_lambda import SPEC

page = open_page(SPEC)
v = page.controls()

# Every setting but λ: a move of λ reuses the data and the path.
settings = {name: v[name] for name in SPEC.defaults if name not in ("lam", "play")}
compute_path = st.cache_data(max_entries=32, ttl=3600, show_spinner=False)(data_and_path)
data, path = page.run(
    compute_path, **settings, what="These settings do not give a dataset the model can be fitted on"
)
point = page.run(at_lambda, data, path, float(v.lam), what="This λ cannot be fitted")


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def play_frames(**settings):
    """The model at every λ Play shows, once per setting but λ."""
    return sweep(*compute_path(**settings), play_lambdas())


if v.play:  # one figure whose frames the browser plays: the three views move together
    frames = play_frames(**settings)
    figure = make_play_figure(
        path, frames, chosen=point, classroom=page.classroom, stacked=page.phone
    )
    page.figure(figure, key="animated", alt=" ".join(alt_texts(path, point)))
else:  # three figures side by side on a wide screen; on a phone they stack
    builders = (make_constraint_figure, make_path_figure, make_error_figure)
    columns = st.columns(3, gap="small")
    for column, build, key, alt in zip(
        columns, builders, ("constraint", "path", "error"), alt_texts(path, point), strict=True
    ):
        page.figure(build(path, point, classroom=page.classroom), key=key, alt=alt, place=column)
st.caption(KEY)
page.readouts(metrics(path, point))

page.presets()
page.notes(describe_point(path, point))
page.download_table(path_table, path, name="path")
page.code(code_snippet(lam=v.lam, **settings))
page.done()
