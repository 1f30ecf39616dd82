"""AppTest of the Geometry page: it renders in every mode and its widgets change the figure."""

from __future__ import annotations

import json

import pytest
import streamlit as st
from apptest_helpers import open_page, plotly_specs

import regviz.experiments.geometry_scenes

PAGE = "pages/geometry.py"


def _page():
    at = open_page(PAGE)
    assert not at.exception
    return at


def _figure(at) -> dict:
    specs = plotly_specs(at)
    assert specs, "the page draws no plotly figure"
    return json.loads(specs[0])


def _trace_names(at) -> list[str]:
    return [trace.get("name", "") for trace in _figure(at)["data"]]


def test_page_renders_with_figure_and_caption():
    at = _page()
    assert at.title[0].value == "Geometry: diamond vs circle"
    figure = _figure(at)
    assert figure["layout"]["yaxis"]["scaleanchor"] == "x"
    assert "What to notice" in [h.value for h in at.subheader]
    # Default: the classic picture for L1, with its exact zero called out and both t and λ.
    assert any("β₂ = 0 exactly" in a["text"] for a in figure["layout"]["annotations"])
    labels = [m.label for m in at.metric]
    assert "budget t" in labels and "penalty λ" in labels


def test_budget_slider_changes_the_figure():
    at = _page()
    before = plotly_specs(at)[0]
    at.slider(key="geo_t").set_value(0.5).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before


@pytest.mark.parametrize("penalty", ["l2", "elasticnet", "lq"])
def test_each_penalty_renders_and_changes_the_figure(penalty):
    at = _page()
    before = plotly_specs(at)[0]
    at.radio(key="geo_penalty").set_value(penalty).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before
    if penalty == "elasticnet":
        mix = at.slider(key="geo_l1_ratio")
        before = plotly_specs(at)[0]
        mix.set_value(0.8).run()
        assert not at.exception and plotly_specs(at)[0] != before
    if penalty == "lq":
        assert at.radio(key="geo_mode").disabled
        assert any("not convex" in c.value for c in at.caption)
        before = plotly_specs(at)[0]
        at.slider(key="geo_q").set_value(1.5).run()
        assert not at.exception and plotly_specs(at)[0] != before


def test_lambda_mode_shows_a_lambda_slider_that_changes_the_figure():
    at = _page()
    at.radio(key="geo_mode").set_value("lam").run()
    assert not at.exception
    assert "λ" in at.slider(key="geo_lam").label
    before = plotly_specs(at)[0]
    at.slider(key="geo_lam").set_value(3.0).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before
    assert [m.value for m in at.metric if m.label == "penalty λ"] == ["3"]


def test_side_by_side_draws_two_panels():
    at = _page()
    at.toggle(key="geo_side_by_side").set_value(True).run()
    assert not at.exception
    layout = _figure(at)["layout"]
    assert layout["yaxis2"]["scaleanchor"] == "x2"
    assert at.radio(key="geo_penalty").disabled
    assert any("side by side" in m.value for m in at.markdown)


@pytest.mark.parametrize("preset", ["the_classic_picture", "round_bowl", "correlated_features"])
def test_presets_render_side_by_side(preset):
    at = _page()
    at.button(key=f"geo_preset_{preset}").click().run()
    assert not at.exception
    assert at.toggle(key="geo_side_by_side").value is True
    assert "xaxis2" in _figure(at)["layout"]
    if preset == "correlated_features":
        assert at.radio(key="geo_source").value == "data"


def test_data_mode_renders_and_its_sliders_change_the_figure():
    at = _page()
    at.radio(key="geo_source").set_value("data").run()
    assert not at.exception
    assert any("Data mode" in c.value for c in at.caption)
    before = plotly_specs(at)[0]
    at.slider(key="geo_rho").set_value(-0.5).run()
    assert not at.exception and plotly_specs(at)[0] != before
    before = plotly_specs(at)[0]
    at.number_input(key="geo_seed").set_value(11).run()
    assert not at.exception and plotly_specs(at)[0] != before


def test_path_toggle_removes_the_path_overlay():
    at = _page()
    assert any("solution path" in name for name in _trace_names(at))
    at.toggle(key="geo_path").set_value(False).run()
    assert not at.exception
    assert not any("solution path" in name for name in _trace_names(at))


def test_shareable_link_sets_the_budget():
    at = open_page(PAGE, query={"geo_t": "2.5"})
    assert not at.exception
    assert at.slider(key="geo_t").value == 2.5


def test_a_failing_core_call_shows_an_error_not_a_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("The features are collinear.")

    monkeypatch.setattr(regviz.experiments.geometry_scenes, "loss_for", broken)
    st.cache_data.clear()
    at = open_page(PAGE)
    assert not at.exception
    assert at.error and "cannot be drawn" in at.error[0].value
    assert not plotly_specs(at)
