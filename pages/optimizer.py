"""Optimizer view: subgradient, proximal (ISTA), weight decay and coordinate descent iterates."""

from __future__ import annotations

import streamlit as st

from regviz.experiments.optimizers import (
    alt_text,
    code_snippet,
    describe_distances,
    describe_runs,
    describe_zero_hits,
    iterates_table,
    runs_for_settings,
)
from regviz.figures.optimizer import (
    KEY,
    make_coordinate_figure,
    make_distance_figure,
    make_method_figure,
    view_range,
)
from regviz.ui.frame import open_page
from regviz.ui.specs.optimizer import SPEC

page = open_page(SPEC)
v = page.controls()

compute_runs = st.cache_data(max_entries=64, ttl=3600, show_spinner=False)(runs_for_settings)
loss, runs = page.run(compute_runs, dict(v), what="These settings cannot be optimized")

# One figure per method, two per row on a wide screen; on a phone they stack.
lim = view_range(runs, loss)
for row in (runs[:2], runs[2:]):
    columns = st.columns(2, gap="small")
    for column, run in zip(columns, row, strict=True):
        figure = make_method_figure(run, loss, lim, classroom=page.classroom)
        page.figure(figure, key=f"method_{run.method}", alt=alt_text(run), place=column)
st.caption(KEY)

page.presets()
page.notes(describe_runs(runs))
page.download_table(iterates_table(runs), name="iterates")
left, right = st.columns(2, gap="small")
page.figure(
    make_distance_figure(runs, classroom=page.classroom),
    key="distance",
    alt=describe_distances(runs),
    place=left,
)
page.figure(
    make_coordinate_figure(runs, classroom=page.classroom),
    key="coordinate",
    alt=describe_zero_hits(runs),
    place=right,
)
page.code(code_snippet(**{name: v[name] for name in SPEC.defaults}))
page.done()
