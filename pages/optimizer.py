"""Optimizer view: subgradient, proximal (ISTA), weight decay and coordinate descent iterates."""

from __future__ import annotations

import streamlit as st

from regviz.experiments.optimizers import (
    DEFAULTS,
    alt_text,
    code_snippet,
    describe_distances,
    describe_runs,
    describe_zero_hits,
    iterates_table,
    runs_for_settings,
    runs_over_lambda,
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

settings = {name: v[name] for name in DEFAULTS}
cache = st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
loss, runs = page.run(cache(runs_for_settings), settings, what="These settings cannot be optimized")
sweeps = [None] * len(runs)
if v.play:  # ▶ Play sweeps λ: every λ's runs, cached apart from λ
    not_lam = {name: value for name, value in settings.items() if name != "lam"}
    sweeps = page.run(cache(runs_over_lambda), not_lam, what="These settings cannot be optimized")

# One figure per method, two per row on a wide screen; on a phone they stack.
lim = view_range(runs + tuple(run for sweep in sweeps if sweep for run in sweep), loss)
for row in ((0, 1), (2, 3)):
    columns = st.columns(2, gap="small")
    for column, i in zip(columns, row, strict=True):
        run = runs[i]
        figure = make_method_figure(run, loss, lim, classroom=page.classroom, sweep=sweeps[i])
        page.figure(
            figure,
            key=f"method_{run.method}",
            alt=alt_text(run),
            place=column,
        )
st.caption(KEY)

page.presets()
page.notes(describe_runs(runs))
page.download_table(iterates_table, runs, name="iterates")
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
page.code(code_snippet(**settings))
page.done()
