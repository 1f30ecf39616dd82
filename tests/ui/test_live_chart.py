"""The live chart: the figure it ships, and an element identity that a new figure keeps."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
from streamlit.testing.v1 import AppTest

from regviz.ui import live_chart


def _figure(z: float, height: int | None = None) -> go.Figure:
    fig = go.Figure(go.Scatter3d(x=[0.0, 1.0], y=[0.0, 1.0], z=[0.0, z], mode="lines"))
    if height is not None:
        fig.update_layout(height=height)
    return fig


def test_the_payload_is_the_figure_its_height_text_and_configuration():
    fig = _figure(0.5, height=480)
    sent = live_chart.figure_payload(fig, alt="A line.", config={"displaylogo": False})
    spec = pio.to_json(fig, validate=False)
    assert spec.encode() in sent  # the figure's bytes exactly as st.plotly_chart sends them
    payload = json.loads(sent)
    assert payload["figure"] == json.loads(spec)
    assert payload["height"] == 480
    assert payload["alt"] == "A line."
    assert payload["config"] == {"displaylogo": False}
    assert payload["chunk"] == live_chart.plotly_chunk()
    unsized = json.loads(live_chart.figure_payload(_figure(0.5), alt="", config={}))
    assert unsized["height"] == live_chart.DEFAULT_HEIGHT


def test_this_streamlit_ships_the_chart_code_the_component_can_load():
    # The fallback when no ordinary chart has loaded plotly.js: a newer Streamlit that
    # renamed its chart chunk would make this fail, and the component rely on the page.
    name = live_chart.plotly_chunk()
    assert name is not None and name.startswith("PlotlyChart.") and name.endswith(".js")


def _script() -> None:
    import plotly.graph_objects as go
    import streamlit as st

    from regviz.ui.live_chart import live_chart

    z = st.slider("z", 0.0, 1.0, 0.5)
    fig = go.Figure(go.Scatter3d(x=[0.0, 1.0], y=[0.0, 1.0], z=[0.0, z], mode="lines"))
    live_chart(fig, key="chart", alt=f"A line up to {z:g}.", config={})


def _chart(at: AppTest):
    (chart,) = [e for e in at.main if e.type == "bidi_component"]
    return chart.proto.id, json.loads(chart.proto.bytes)


def test_a_new_figure_keeps_the_element_so_the_browser_updates_it_in_place():
    at = AppTest.from_function(_script, default_timeout=60)
    at.run()
    assert not at.exception
    element, payload = _chart(at)
    at.slider[0].set_value(0.9).run()
    assert not at.exception
    element_after, payload_after = _chart(at)
    assert element_after == element  # same identity: the browser keeps the chart mounted
    assert payload_after["figure"]["data"][0]["z"] != payload["figure"]["data"][0]["z"]
    assert payload_after["alt"] == "A line up to 0.9."
