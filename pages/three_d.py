"""Three coefficients: the octahedron and the sphere against one 3-D bowl; a 3-D Monte Carlo."""

from __future__ import annotations

import threading

import plotly.graph_objects as go
import streamlit as st

from regviz.experiments.geometry3d_scenes import DEFAULTS as SCENE_DEFAULTS
from regviz.experiments.geometry3d_scenes import (
    Ball3DScene,
    alt_text,
    code_snippet,
    describe_comparison_3d,
    describe_scene_3d,
    scenes_for_settings,
    solution_table_3d,
    sweeps_for_settings,
)
from regviz.experiments.geometry_scenes import coefficient_metrics
from regviz.experiments.montecarlo3d import (
    KAPPA_RANGES,
    LARGE_TRIALS,
    MOVE_TRIALS,
    MonteCarlo3DResult,
    alt_text_3d,
    describe_result_3d,
    simulate_3d,
)
from regviz.figures.three_d import (
    make_ball_3d_figure,
    make_ball_3d_play_figure,
    make_montecarlo_3d_figure,
)
from regviz.ui.frame import open_page
from regviz.ui.specs.three_d import SPEC

page = open_page(SPEC)
v = page.controls()


@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def drawn(
    settings: dict, play: bool, classroom: bool, dark: bool, phone: bool
) -> tuple[tuple[Ball3DScene, ...], tuple[go.Figure, ...]]:
    """Scenes and their figures for the current controls, built once and shared read-only
    by every visitor (a Monte Carlo move then redraws nothing up here). With ``play`` the
    figures carry the ▶ Play frames, which the browser then plays on its own."""
    scenes = scenes_for_settings(settings)
    if play:
        figures = tuple(
            make_ball_3d_play_figure(sweep, classroom=classroom, dark=dark, narrow=phone)
            for sweep in sweeps_for_settings(settings)
        )
    else:
        figures = tuple(
            make_ball_3d_figure(scene, classroom=classroom, dark=dark) for scene in scenes
        )
    return scenes, figures


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def small_run(seed: int, design: tuple[tuple[str, object], ...]) -> MonteCarlo3DResult:
    """The run every control move gets: MOVE_TRIALS random bowls, with the 2-D comparison."""
    return simulate_3d(MOVE_TRIALS, seed, keep=0, **dict(design))


@st.cache_resource(max_entries=1, ttl=3600)  # bounded store inside
def large_runs() -> tuple[dict, threading.Lock]:
    """Large runs already made, shared by every visitor (results are read-only)."""
    return {}, threading.Lock()


scenes, figures = page.run(
    drawn,
    {name: v[name] for name in SCENE_DEFAULTS},
    bool(v.play),
    page.classroom,
    page.dark,
    bool(v.play) and page.phone,  # a phone's Play figure puts its slider on a row of its own
    what="This bowl cannot be drawn",
)

columns = st.columns(len(scenes), gap="small")
for column, scene, figure in zip(columns, scenes, figures, strict=True):
    page.figure(
        figure,
        key=f"figure_{scene.penalty}",
        alt=alt_text([scene]),
        place=column,
    )
    page.readouts(coefficient_metrics(scene.beta), place=column)
st.caption(
    "Coloured: the ball and (lines) where it meets the planes βᵢ = 0. Grey: the loss "
    "ellipsoid through β̂. ◆ the unpenalized optimum c, ● β̂. β₃ points up. Drag to turn."
)
page.presets()
if v.side_by_side:
    page.notes(describe_comparison_3d(scenes))
for scene in scenes:
    page.notes(("**" + scene.name + ".** " if v.side_by_side else "") + describe_scene_3d(scene))
page.download_table(solution_table_3d, scenes, name="solutions")
page.code(code_snippet(scenes, mode=v.mode))

st.subheader("Many random bowls: how often are 0, 1 or 2 coefficients exactly zero?")
mc = page.controls("montecarlo")
design = {
    "center_distribution": mc.mc_centers,
    "center_scale": float(mc.mc_spread),
    "condition_min": KAPPA_RANGES[mc.mc_kappa][0],
    "condition_max": KAPPA_RANGES[mc.mc_kappa][1],
    "rotation": mc.mc_rotation,
    "l1_ratio": float(mc.mc_mix),
    "epsilon": float(mc.mc_eps),
}
seed, settings = int(mc.mc_seed), tuple(sorted(design.items()))
store, lock = large_runs()
result = store.get((seed, settings))
if result is None:
    result = page.run(small_run, seed, settings, what="This random design cannot be simulated")
    slot = st.empty()  # the button, gone once the large run is done
    if slot.button(
        f"Run {LARGE_TRIALS:,} random bowls",
        key="three_d_run_large",
        help="Every control move solves a small run (its intervals are about ±1 %). This "
        "one takes a few seconds and narrows them about 5×; it stays here for this design.",
    ):
        bar = st.progress(0.0, text="Solving random bowls under three balls, in 3-D and 2-D…")
        result = page.run(
            simulate_3d,
            LARGE_TRIALS,
            seed,
            keep=0,
            progress=lambda done: bar.progress(min(done, 1.0)),
            what="This random design cannot be simulated",
            **design,
        )
        with lock:
            store[seed, settings] = result
            while len(store) > 16:
                store.pop(next(iter(store)))
        bar.empty()
        slot.empty()
bars = make_montecarlo_3d_figure(result, classroom=page.classroom)
page.figure(bars, key="montecarlo", alt=alt_text_3d(result))
page.notes(describe_result_3d(result))
st.page_link("pages/monte_carlo.py", label="The 2-D Monte Carlo", icon=":material/scatter_plot:")
page.done()
