"""Geometry: loss contours touching the diamond (L1) or the circle (L2)."""

from __future__ import annotations

import streamlit as st

from regviz.experiments.geometry_scenes import (
    BudgetSweep,
    GeometryScene,
    alt_text,
    budget_sweep,
    code_snippet,
    describe_comparison,
    describe_data,
    describe_scene,
    geometry_scenes,
    loss_for,
    solution_metrics,
    solution_table,
)
from regviz.figures.geometry import KEY, make_geometry_figure
from regviz.ui.frame import open_page
from regviz.ui.specs.geometry import SPEC

page = open_page(SPEC)
v = page.controls()


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def compute_scenes(
    penalties: tuple[str, ...],
    t: float | None,
    lam: float | None,
    l1_ratio: float,
    q: float,
    show_path: bool,
    loss_settings: tuple,
) -> tuple[GeometryScene, ...]:
    """Loss, solutions, contours and paths for the current controls (scalars in, cached)."""
    source, c1, c2, kappa, angle, n, rho, seed = loss_settings
    loss = loss_for(source, c1=c1, c2=c2, kappa=kappa, angle=angle, n=n, rho=rho, seed=seed)
    return geometry_scenes(
        loss, penalties, t=t, lam=lam, l1_ratio=l1_ratio, q=q, show_path=show_path
    )


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def compute_sweep(penalty: str, l1_ratio: float, q: float, loss_settings: tuple) -> BudgetSweep:
    """The Play frames: the same problem for budgets from 0 to the optimum (cached)."""
    source, c1, c2, kappa, angle, n, rho, seed = loss_settings
    loss = loss_for(source, c1=c1, c2=c2, kappa=kappa, angle=angle, n=n, rho=rho, seed=seed)
    return budget_sweep(loss, penalty, l1_ratio=l1_ratio, q=q)


lq = not v.side_by_side and v.penalty == "lq"
penalties = ("l1", "l2") if v.side_by_side else (v.penalty,)
by_budget = v.mode == "t" or lq
loss_settings = (v.source, v.c1, v.c2, v.kappa, v.angle, int(v.n), v.rho, int(v.seed))
scenes = page.run(
    compute_scenes,
    penalties,
    float(v.t) if by_budget else None,
    None if by_budget else float(v.lam),
    float(v.l1_ratio),
    float(v.q),
    bool(v.path),
    loss_settings,
    what="This setting cannot be drawn",
)

columns = st.columns(len(scenes), gap="small")
height = 440 if page.classroom else 520  # with the Play bar under the plot
for column, scene in zip(columns, scenes, strict=True):
    sweep = compute_sweep(scene.penalty, float(v.l1_ratio), float(v.q), loss_settings)
    figure = make_geometry_figure(
        scene,
        show_path=v.path,
        classroom=page.classroom,
        height=height,
        sweep=sweep,
        dark=page.dark,
    )
    page.figure(figure, key=f"figure_{scene.penalty}", alt=alt_text([scene]), place=column)
    # Side by side, four numbers in half the width would be cut short: two rows of two.
    page.readouts(solution_metrics(scene), place=column, per_row=2 if v.side_by_side else 4)

st.caption(KEY)
page.presets()
if v.side_by_side:
    page.notes(describe_comparison(scenes))
for scene in scenes:
    page.notes(("**" + scene.name + ".** " if v.side_by_side else "") + describe_scene(scene))
if v.source == "data":
    page.notes(describe_data(scenes[0].loss, n=int(v.n), rho=v.rho, coef=(v.c1, v.c2)))
page.download_table(solution_table, scenes, name="solutions")
page.code(code_snippet(scenes, source=v.source, data=v))
page.done()
