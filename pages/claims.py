"""Claim checker: common statements about L1 and L2, each put to a live experiment."""

from __future__ import annotations

import streamlit as st

from regviz.experiments.claims import (
    CLAIMS,
    DEFAULTS,
    Verdict,
    alt_text,
    at_flip,
    chosen_settings,
    claim_sweep,
    claim_table,
    flip_preset,
    has_lambda,
    verdict_heading,
    verdict_table,
)
from regviz.figures.claims import claim_play_frames, make_claim_figure, make_claim_play_figure
from regviz.ui.frame import apply_state, open_page
from regviz.ui.specs.claims import CLAIM, OWN, SPEC

page = open_page(SPEC)
v = page.controls(CLAIM)  # the chooser: a full row, the statement readable
page.controls()  # the seed, in the sidebar
# The verdict, the chosen claim's own settings and its numbers stacked beside the figure
# (above it on a phone): on a projector all of it is on the first screen.
verdict_column, figure_column = st.columns([1, 2.4], gap="medium")
verdict_box = verdict_column.container()
with verdict_column:
    for control in SPEC.controls:
        if control.section == OWN:
            page.control(control.name)  # drawn only for the chosen claim


@st.cache_data(max_entries=128, ttl=3600, show_spinner=False)
def evidence_for(claim: str, seed: int, settings: tuple[tuple[str, object], ...]) -> object:
    """The claim's experiment at these settings (scalars in, cached)."""
    return CLAIMS[claim].run(seed=seed, **dict(settings))


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def play_frames(
    claim: str, seed: int, settings: tuple[tuple[str, object], ...], classroom: bool
) -> object:
    """▶ Play's frames: the claim at every λ of the sweep, once per setting but λ."""
    return claim_play_frames(claim_sweep(claim, seed, dict(settings)), classroom=classroom)


@st.cache_data(max_entries=1, ttl=3600, show_spinner=False)
def all_verdicts() -> list[dict[str, str]]:
    """Every claim at its defaults (computed once per server)."""
    return verdict_table()


claim_id, settings = chosen_settings(v)
claim = CLAIMS[claim_id]
evidence = page.run(
    evidence_for,
    claim_id,
    int(v.seed),
    tuple(settings.items()),
    what="This experiment cannot run with these settings",
)

# The verdict in a box of its colour (the text itself stays in the theme's colours).
BOX = {Verdict.TRUE: verdict_box.success, Verdict.FALSE: verdict_box.error}
ICON = {Verdict.TRUE: ":material/check:", Verdict.FALSE: ":material/close:"}
BOX.get(evidence.verdict, verdict_box.warning)(
    verdict_heading(evidence), icon=ICON.get(evidence.verdict, ":material/contrast:")
)
# Where the verdict flips (that claim's preset: a full state), and back again.
preset = flip_preset(claim_id)
if preset is not None:
    back = at_flip(v)
    verdict_column.button(
        "Back to default" if back else "Where it flips",
        key=f"{SPEC.slug}_preset_{list(SPEC.presets).index(preset)}",
        on_click=apply_state,
        args=(SPEC, {**DEFAULTS, "which": claim_id} if back else SPEC.preset_values(preset)),
        icon=":material/swap_horiz:",
        help="Every setting back to its default, this claim kept."
        if back
        else SPEC.preset_help[preset],
    )
for number in claim.numbers(evidence):
    verdict_column.metric(number.label, number.text)
if v.play and has_lambda(claim_id):  # ▶ Play: the figure at every λ, played in the browser
    not_lam = tuple((name, value) for name, value in settings.items() if name != "lam")
    frames = page.run(
        play_frames,
        claim_id,
        int(v.seed),
        not_lam,
        page.classroom,
        what="This experiment cannot run at every λ with these settings",
    )
    figure = make_claim_play_figure(evidence, frames, classroom=page.classroom, stacked=page.phone)
else:
    figure = make_claim_figure(evidence, classroom=page.classroom)
page.figure(figure, key="main", alt=alt_text(evidence), place=figure_column)

page.notes(evidence.summary)
st.caption(f"**Experiment.** {claim.experiment}  \n**Rule for the verdict.** {claim.rule}")
page.download_table(claim_table, evidence, name=claim_id)
page.code(claim.code(evidence, int(v.seed)))
if not page.classroom:  # runs the seven experiments only when opened (once per server)
    label = "All claims at a glance (default settings, seed 0)"
    with st.expander(label, key=f"{SPEC.slug}_glance", on_change="rerun") as glance:
        if glance.open:
            st.table(all_verdicts())
page.done()
