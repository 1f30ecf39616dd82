"""Bayesian view: a Laplace prior makes the MAP the lasso, a Gaussian prior makes it ridge."""

from __future__ import annotations

import streamlit as st

from regviz.experiments.bayes import (
    MAPPING_INTRO,
    MAPPING_LATEX,
    alt_text,
    code_snippet,
    describe_bayes,
    describe_mapping,
    estimates_table,
    page_sweeps,
    page_views,
)
from regviz.figures.bayesian import make_bayes_panel
from regviz.ui.frame import open_page
from regviz.ui.specs.bayesian import SPEC

page = open_page(SPEC)
v = page.controls()

# Cached on exactly the settings that change them: ▶ Play's frames apart from the prior sd,
# so a move of the prior sd computes no frame again.
cache = st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
two = int(v.dims) == 2
play = bool(v.play)
settings = {
    "dims": int(v.dims),
    "c1": float(v.c1),
    "c2": float(v.c2) if two else 0.0,  # one coefficient: β̂₂ and ρ play no part
    "rho": float(v.rho) if two else 0.0,
    "sigma": float(v.sigma),
    "n": int(v.n),
}
what = "These settings do not define a posterior"
sweeps = page.run(cache(page_sweeps), **settings, what=what) if play else (None, None)
# With ▶ Play the figures open on the page's own prior sd, in the window of every frame.
half_width = sweeps[0].half_width if play else None
prior_sd = float(v.prior_sd)
views = page.run(cache(page_views), **settings, prior_sd=prior_sd, half_width=half_width, what=what)

for column, view, sweep in zip(st.columns(len(views), gap="small"), views, sweeps, strict=True):
    figure = make_bayes_panel(view, classroom=page.classroom, dark=page.dark, sweep=sweep)
    page.figure(figure, key=view.prior, alt=alt_text(view), place=column)

page.presets()
page.notes(describe_bayes(views))
page.download_table(estimates_table, views, name="estimates")
st.subheader("The exact mapping to λ")
st.markdown(MAPPING_INTRO)
st.latex(MAPPING_LATEX)
st.markdown(describe_mapping(views))
page.code(code_snippet(views))
page.done()
