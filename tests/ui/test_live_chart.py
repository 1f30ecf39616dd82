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
    spec = json.loads(pio.to_json(fig, validate=False))
    assert spec["layout"].pop("template")  # plotly.py gives every figure one
    payload = json.loads(sent)
    # The figure as st.plotly_chart would send it, but for the template, which the browser
    # side takes from Streamlit's theme.
    assert payload["figure"] == spec
    assert len(sent) < len(pio.to_json(fig, validate=False))
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


def test_only_figures_with_a_3d_scene_carry_the_code_that_rests_the_scene():
    # The component's code travels with every update of every live chart: the resting of
    # 3-D scenes is left out of the 2-D charts' code.
    flat, solid = live_chart.script(three_d=False), live_chart.script(three_d=True)
    for code in (flat, solid):
        assert "__" not in code.replace("__proto__", "")  # every placeholder filled
        assert "Plotly.react" in code and "unstop()" in code and "settle(" in code
    assert "_stopped" in solid and "_stopped" not in flat
    assert len(live_chart.compact(flat)) < len(live_chart.compact(solid))
    assert live_chart.has_scene(_figure(0.5))
    assert not live_chart.has_scene(go.Figure(go.Scatter(x=[0, 1], y=[1, 0])))


def _two_charts_script() -> None:
    import plotly.graph_objects as go
    import streamlit as st

    from regviz.ui.live_chart import live_chart

    z = st.slider("z", 0.0, 1.0, 0.5)
    solid = go.Figure(go.Scatter3d(x=[0.0, 1.0], y=[0.0, 1.0], z=[0.0, z], mode="lines"))
    live_chart(solid, key="solid", alt="3-D", config={})
    live_chart(go.Figure(go.Scatter(x=[0, 1], y=[0, z])), key="flat", alt="2-D", config={})


def test_a_3d_figure_is_drawn_by_the_3d_variant():
    at = AppTest.from_function(_two_charts_script, default_timeout=60)
    at.run()
    assert not at.exception
    names = [e.proto.component_name for e in at.main if e.type == "bidi_component"]
    assert names == [live_chart.NAMES[1], live_chart.NAMES[0]]
