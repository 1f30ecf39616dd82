"""L2 vs weight decay: SGD + L2, SGD + weight decay, Adam + L2 and AdamW with the same λ."""

from __future__ import annotations

import streamlit as st

from regviz.experiments.weightdecay import (
    OPTIMIZER_NAMES,
    PLAY_LAMBDAS,
    UPDATE_RULES,
    alt_text,
    code_snippet,
    describe_weight_decay,
    final_weights,
    kept_table,
    weight_decay_experiment,
)
from regviz.figures.weight_decay import make_decay_figure, make_kept_figure
from regviz.ui.frame import open_page
from regviz.ui.specs.weight_decay import SPEC

page = open_page(SPEC)
v = page.controls()

# The controls are the experiment's keyword arguments (its DEFAULTS name them). ▶ Play's
# frames, every λ of PLAY_LAMBDAS, train in the same loop (about the cost of one λ).
compute = st.cache_data(max_entries=64, ttl=3600, show_spinner=False)(weight_decay_experiment)
result = page.run(compute, **v, play_lams=PLAY_LAMBDAS, what="This setting cannot be trained")

# Classroom: the panels one under the other, the full width of a projector; else side by
# side (Streamlit stacks columns on a phone).
places = (st.container(), st.container()) if page.classroom else st.columns([3, 2], gap="medium")
kept = make_kept_figure(result, classroom=page.classroom, sweep=result.sweep)
page.figure(kept, key="main", alt=alt_text(result), place=places[0])
decay = make_decay_figure(result, classroom=page.classroom)
page.figure(decay, key="decay", alt=alt_text(result), place=places[1])

# The four update rules side by side (stacked on a phone), each with its final weights.
for column, key in zip(st.columns(4), result.optimizers, strict=True):
    column.markdown(f"**{OPTIMIZER_NAMES[key]}**")
    rule = UPDATE_RULES[key].replace(";   ", "\n").replace(",   ", "\n")  # one statement a line
    column.code(rule, language=None, wrap_lines=True)
    column.caption(final_weights(result, key))

page.presets()
page.notes(describe_weight_decay(result))
page.download_table(kept_table, result, name="kept")
page.code(code_snippet(result))
page.done()
