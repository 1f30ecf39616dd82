"""Monte Carlo: how often does each penalty set a coefficient to exactly zero?"""

from __future__ import annotations

from functools import partial

import streamlit as st

from regviz.core.conventions import PENALTIES
from regviz.experiments import explainedai as ai
from regviz.experiments import highdim as hd
from regviz.experiments import montecarlo as mc
from regviz.experiments import zones as zn
from regviz.figures import monte_carlo as figures
from regviz.ui.background import shelf
from regviz.ui.frame import open_page
from regviz.ui.specs import monte_carlo as spec

page = open_page(spec.SPEC)
# A link naming a setting of an on-demand section opens it (old links showed every section).
linked = {spec.SPEC.url_name(name) for name in st.query_params}
for toggle, names in (("article", spec.ARTICLE_NAMES), ("highdim", spec.HIGHDIM_NAMES)):
    if linked & set(names) and toggle not in linked:
        st.session_state[spec.SPEC.key(toggle)] = True


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def simulated(settings: tuple) -> mc.MonteCarloResult:
    """The Monte Carlo for one design, seed and trial count (a progress bar while it runs)."""
    bar = st.progress(0.0, text="Solving random problems under three balls …")
    try:
        keep = 2 * figures.CLOUD_POINTS
        return mc.simulate(keep=keep, progress=lambda done: bar.progress(done), **dict(settings))
    finally:
        bar.empty()


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def averaged_corners(design: tuple) -> zn.DesignZeroFractions:
    """The diamond's and the elastic net's exact zone areas averaged over the design's
    bowls (what the Monte Carlo estimates; no ε in them)."""
    with st.spinner("Measuring the zones over the design's bowls …"):
        return zn.corner_averages(mc.make_design(**dict(design)))  # shipped for the presets


def zone_average(design: tuple, fixed, eps: float) -> zn.DesignZeroFractions:
    """All three averages at one ε: the corners' (``fixed``) with the circle's slivers,
    measured per ε (pure: the background thread runs it too)."""
    return zn.average_at_epsilon(mc.make_design(**dict(design)), eps, fixed)


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def mapped(design: tuple, eps: float, kappa: float, angle: float) -> zn.ZoneMap:
    """The zone map of one bowl on the design's box of centers."""
    design_ = mc.make_design(**dict(design), epsilon=eps)
    return zn.zone_map_for_design(design_, kappa, angle, resolution=zn.MAP_RESOLUTION)


@st.cache_data(max_entries=24, ttl=3600, show_spinner=False)
def article(variant: str, method: str, n_boundary: int, n_trials: int) -> ai.ArticleRun:
    keep = figures.CLOUD_POINTS
    return ai.reproduce(variant, method=method, n_boundary=n_boundary, n_trials=n_trials, keep=keep)


@st.cache_data(max_entries=12, ttl=3600, show_spinner=False)
def swept(variant: str, n_trials: int) -> ai.BoundarySweep:
    return ai.boundary_sweep(variant, ai.SWEEP_POINTS, n_trials=n_trials)


def reproduced(variant: str, n_boundary: int, n_trials: int) -> tuple:
    """The article's method at N points, the exact solver and the sweep (each cached apart)."""
    exact = article(variant, "exact", ai.ARTICLE_N_BOUNDARY, n_trials)
    return article(variant, "boundary", n_boundary, n_trials), exact, swept(variant, n_trials)


@st.cache_data(max_entries=12, ttl=3600, show_spinner=False)
def features(strength: float, corr: float, problems: int, eps: float, seed: int):
    bar = st.progress(0.0, text="Fitting lasso and ridge …")
    try:
        return hd.simulate_highdim(
            hd.P_VALUES, n_problems=problems, strength=strength, correlation=corr, epsilon=eps,
            seed=seed, progress=lambda done: bar.progress(min(done, 1.0)),
        )  # fmt: skip
    finally:
        bar.empty()


def run_form(key: str, section: str, label: str) -> None:
    """A section's settings that need a new run: they apply when its button is pressed."""
    with st.form(f"monte_carlo_{key}_form", border=False, enter_to_submit=False):
        # The button keeps a fifth of the row: "Simulate" whole on a 1024-px projector.
        left, right = st.columns([4, 1], vertical_alignment="bottom")
        with left:
            page.controls(section)
        right.form_submit_button(label, key=f"monte_carlo_{key}_run", use_container_width=True)


def show(key: str, inputs: tuple, build, alt: str, place=None) -> None:
    """Draw the figure ``build()`` makes, rebuilt only when its inputs change: building a
    figure costs more than the rest of a rerun (kept per session: the frame recolours it)."""
    built = st.session_state.setdefault("_monte_carlo_figures", {})
    stamp = (inputs, page.classroom, page.dark)
    if key not in built or built[key][0] != stamp:
        built[key] = (stamp, build())
    page.figure(built[key][1], key=key, alt=alt, place=place)


def figure_row(builders: dict, alts: dict, key: str, inputs: tuple | dict) -> None:
    """Figures side by side (they stack on a phone), one per penalty or panel; ``inputs``
    may differ per figure (a dict), so a figure that a change leaves alone is not redrawn."""
    for column, name in zip(st.columns(len(builders), gap="small"), builders, strict=True):
        mine = inputs[name] if isinstance(inputs, dict) else inputs
        show(f"{key}_{name}", mine, builders[name], alts[name], place=column)


# --- the main Monte Carlo: its design above the chart, the rest in the sidebar; ε is read
# off the run (every run counts each offered ε), so it moves live.
run_form("design", "top", "Simulate")
with st.sidebar:
    page.control("eps")
with st.sidebar.form("monte_carlo_more_form", border=False, enter_to_submit=False):
    st.markdown("**More of the random design**")
    for name in spec.DESIGN_NAMES:
        page.control(name)
    st.form_submit_button("Simulate", key="monte_carlo_more_run", use_container_width=True)
v, room = page.values, {"classroom": page.classroom}
settings, eps = mc.simulation_settings(v), float(v.eps)
design = tuple((k, x) for k, x in settings.items() if k not in ("n_trials", "seed"))
run = page.run(simulated, tuple(settings.items()), what="This design cannot be simulated")
result, view = mc.with_epsilon(run, eps), (settings, eps)
show(
    "fractions",
    view,
    partial(figures.make_zero_fraction_figure, result, **room),
    mc.alt_text(result),
)
page.presets()
page.notes(mc.describe_result(result))
page.download_table(mc.zero_fraction_table, result, name="zero-fractions")
page.code(mc.code_snippet(result))

st.subheader("Where the solutions land")
figure_row(
    {p: partial(figures.make_solution_figure, result, p, **room) for p in PENALTIES},
    {p: mc.solutions_alt_text(result, p, figures.CLOUD_POINTS) for p in PENALTIES},
    "solutions",
    {p: (settings, mc.reads_epsilon(p) and eps) for p in PENALTIES},  # ε: only L2 reads it
)
page.notes(mc.describe_solutions(result))
st.subheader("Near zero is not zero: the smaller coefficient")
histogram = partial(figures.make_smaller_coefficient_figure, result, **room)
show("histogram", view, histogram, mc.histogram_alt_text(result))
page.notes(mc.describe_histogram(result))

# --- zones of loss centers for one bowl, on the Monte Carlo's box of centers
st.subheader("Zones: which loss centers give a zero?")
page.controls("zones")
bowl = (float(v.zone_kappa), float(v.zone_angle))
zones = page.run(mapped, design, eps, *bowl, what="This bowl shape cannot be mapped")
averages = shelf("monte_carlo_zone_averages", 64)  # shared by every visitor
corners = page.run(averaged_corners, design, what="The zone areas cannot be averaged")
with st.spinner("Measuring the zones over the design's bowls …"):
    measure = partial(zone_average, design, corners, eps)
    work = partial(averages.get_or_compute, (design, eps), measure)
    average = page.run(work, what="The zone areas cannot be averaged")
figure_row(
    {p: partial(figures.make_zone_figure, zones, p, **room) for p in PENALTIES},
    {p: zn.zones_alt_text(zones, p) for p in PENALTIES},
    "zones",
    {p: (design, mc.reads_epsilon(p) and eps, bowl) for p in PENALTIES},
)
st.caption(figures.ZONE_KEY)
page.notes(zn.describe_zones(zones, result, average))

# --- explained.ai's simulation, on demand
st.subheader("explained.ai's simulation, reproduced — and its 100-point boundary")
st.markdown(spec.ARTICLE_INTRO)
page.controls("article")
if v.article:
    run_form("article", "article_run", "Run")
    run_settings = (v.art_variant, int(v.art_n), int(v.art_trials))
    boundary, exact, sweep = page.run(reproduced, *run_settings, what="The reproduction failed")
    comparison = partial(figures.make_article_comparison_figure, boundary, exact, **room)
    show("comparison", run_settings, comparison, ai.article_alt_text(boundary, exact))
    page.notes(ai.describe_article(boundary, exact))
    cloud = boundary if v.art_boundary else exact
    figure_row(
        {p: partial(figures.make_article_cloud_figure, cloud, p, **room) for p in ("l1", "l2")},
        {p: ai.cloud_alt_text(cloud, p, figures.CLOUD_POINTS) for p in ("l1", "l2")},
        "article_cloud",
        (*run_settings, bool(v.art_boundary)),
    )
    sweep_figure = partial(figures.make_boundary_sweep_figure, sweep, **room)
    show("sweep", (v.art_variant, int(v.art_trials)), sweep_figure, ai.sweep_alt_text(sweep))
    page.notes(ai.describe_sweep(sweep))

# --- p features, on demand
st.subheader("With p features: lasso vs ridge at the same ‖β‖₂")
st.markdown(spec.HIGHDIM_INTRO)
page.controls("highdim")
if v.highdim:
    run_form("highdim", "highdim_run", "Run")
    fit_settings = (float(v.hd_strength), float(v.hd_corr), int(v.hd_problems))
    fit = (*fit_settings, eps, int(v.seed))
    wide = page.run(features, *fit, what="The p-feature experiment could not run")
    panels = ("problems", "coefficients")
    figure_row(
        {k: partial(figures.make_highdim_figure, wide, k, **room) for k in panels},
        {k: hd.highdim_alt_text(wide, k) for k in panels},
        "highdim",
        fit,
    )
    page.notes(hd.describe_highdim(wide))
# The zone averages at the other ε, measured now that the page is drawn: a move of ε finds
# them ready.
averages.fill_later(
    {(design, e): partial(zone_average, design, corners, e) for e in mc.NEAR_EPSILONS}
)
page.done()
