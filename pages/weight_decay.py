"""L2 vs weight decay: SGD + L2, SGD + weight decay, Adam + L2 and AdamW with the same λ."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from regviz.experiments.weightdecay import (
    OPTIMIZER_NAMES,
    UPDATE_RULES,
    WeightDecayResult,
    alt_text,
    code_snippet,
    describe_weight_decay,
    final_weights,
    weight_decay_experiment,
)
from regviz.figures.weight_decay import make_weight_decay_figure
from regviz.ui.frame import open_page
from regviz.ui.specs.weight_decay import SPEC

page = open_page(SPEC)
v = page.controls()


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def compute(
    lam: float, scale_decades: float, n_steps: int, lr_adam: float, n_features: int, seed: int
) -> WeightDecayResult:
    """The four optimizers trained side by side on the same minibatches (cached)."""
    return weight_decay_experiment(
        lam=lam,
        scale_decades=scale_decades,
        n_steps=n_steps,
        lr_adam=lr_adam,
        n_features=n_features,
        seed=seed,
    )


def split_panels(fig: go.Figure) -> tuple[go.Figure, go.Figure]:
    """The figure's two panels as two figures, side by side (stacked on a phone), with
    short titles, the legend in the bottom margin and SGD + weight decay's hatched bars
    filled. Belongs in regviz/figures/weight_decay.py (kept here: that module is outside
    this page's brief)."""
    fig.update_traces(marker_pattern_fillmode="overlay", selector={"type": "bar"})
    big = page.classroom
    base = fig.layout.to_plotly_json()
    axes = ("xaxis", "yaxis", "xaxis2", "yaxis2", "annotations", "title", "legend")
    common = {key: value for key, value in base.items() if key not in axes}
    common |= {
        "height": 450 if big else 550,
        "margin": {"l": 2, "r": 6, "t": 66 if big else 86, "b": 115 if big else 130},
        "legend": {**base["legend"], "yref": "container", "y": 0, "yanchor": "bottom"},
    }
    panels = []
    for axis, title, y_title in (
        ("", "Share of each weight kept", "wⱼ / ŵⱼ"),
        ("2", "Decay per step, by weight", "decay per step"),
    ):
        traces = [t for t in fig.data if (t.xaxis or "x") == f"x{axis}"]
        for trace in traces:
            trace.update(xaxis="x", yaxis="y", showlegend=axis == "" and trace.showlegend)
        x_axis = {**base[f"xaxis{axis}"], "domain": [0, 1], "anchor": "y"}
        if big:  # the feature scales on the ticks say it; room for the plot instead
            x_axis["title"] = {"text": ""}
        y_axis = {**base[f"yaxis{axis}"], "anchor": "x"}
        y_axis["title"] = {**y_axis["title"], "text": y_title}
        # Left-aligned; below the toolbar (top right) where a column is narrow.
        title = {"text": title, "x": 0.01, "xref": "container", "xanchor": "left", "y": 1,
                 "yanchor": "top", "pad": {"t": 8 if big else 36}}  # fmt: skip
        panels.append(
            go.Figure(traces, common | {"xaxis": x_axis, "yaxis": y_axis, "title": title})
        )
    return panels[0], panels[1]


result = page.run(
    compute,
    float(v.lam),
    float(v.scale_decades),
    int(v.n_steps),
    float(v.lr_adam),
    int(v.n_features),
    int(v.seed),
    what="This setting cannot be trained",
)

kept, decay = split_panels(make_weight_decay_figure(result, classroom=page.classroom))
# Classroom: the panels one under the other, the full width of a projector; else side by
# side (Streamlit stacks columns on a phone).
places = (st.container(), st.container()) if page.classroom else st.columns([3, 2], gap="medium")
page.figure(kept, key="main", alt=alt_text(result), place=places[0])
page.figure(decay, key="decay", alt=alt_text(result), place=places[1])

# The four update rules side by side (stacked on a phone), each with its final weights.
for column, key in zip(st.columns(4), result.optimizers, strict=True):
    column.markdown(f"**{OPTIMIZER_NAMES[key]}**")
    rule = UPDATE_RULES[key].replace(";   ", "\n").replace(",   ", "\n")  # one statement a line
    column.code(rule, language=None, wrap_lines=True)
    column.caption(final_weights(result, key))

page.presets()
page.notes(describe_weight_decay(result))
page.code(code_snippet(result))
page.done()
