"""AppTest of the Geometry page: it renders in every mode and its controls change the figure."""

from __future__ import annotations

import json

import pytest
import streamlit as st
from apptest_helpers import assert_inert_notices, notes, open_clean, open_page, plotly_specs
from apptest_helpers import figure as _figure

import regviz.experiments.geometry_scenes
from regviz.experiments.geometry_scenes import DEFAULTS, PRESETS
from regviz.ui.frame import FIGURE_FORMAT

PAGE = "pages/geometry.py"


def _page(query: dict[str, str] | None = None):
    return open_clean(PAGE, query)


def _trace_names(at) -> list[str]:
    return [trace.get("name", "") for trace in _figure(at)["data"]]


def test_page_opens_side_by_side_on_the_same_loss():
    at = _page()
    assert at.title[0].value == "Geometry: diamond vs circle"
    assert DEFAULTS["side_by_side"] is True
    left, right = _figure(at, 0), _figure(at, 1)
    assert left["layout"]["yaxis"]["scaleanchor"] == "x"
    assert left["layout"]["title"]["text"].startswith("L1 (lasso)")
    assert right["layout"]["title"]["text"].startswith("L2 (ridge)")
    # The diamond's exact zero is called out; both t and λ are shown.
    assert any("β₂ = 0 exactly" in a["text"] for a in left["layout"]["annotations"])
    labels = [m.label for m in at.metric]
    assert "budget t" in labels and "penalty λ" in labels
    assert any("Same loss, side by side" in text for text in notes(at))


def test_budget_slider_changes_the_figure_and_the_url():
    at = _page()
    before = plotly_specs(at)[0]
    at.slider(key="geometry_t").set_value(0.5).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before
    assert at.query_params["t"] == "0.5"


@pytest.mark.parametrize("penalty", ["l2", "elasticnet", "lq"])
def test_each_penalty_renders_and_changes_the_figure(penalty):
    at = _page({"side_by_side": "0"})
    before = plotly_specs(at)[0]
    at.radio(key="geometry_penalty").set_value(penalty).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before
    if penalty == "elasticnet":
        before = plotly_specs(at)[0]
        at.slider(key="geometry_l1_ratio").set_value(0.8).run()
        assert not at.exception and plotly_specs(at)[0] != before
    if penalty == "lq":
        assert at.radio(key="geometry_mode").disabled
        assert any("not convex" in text for text in notes(at))
        before = plotly_specs(at)[0]
        at.slider(key="geometry_q").set_value(1.5).run()
        assert not at.exception and plotly_specs(at)[0] != before


def test_lambda_mode_shows_lambda_itself_and_changes_the_figure():
    at = _page()
    at.radio(key="geometry_mode").set_value("lam").run()
    assert not at.exception
    lam = at.select_slider(key="geometry_lam")
    assert "λ" in lam.label and "0.01" in lam.options and "10" in lam.options
    before = plotly_specs(at)[0]
    lam.set_value(2.5).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before
    assert [m.value for m in at.metric if m.label == "penalty λ"] == ["2.5", "2.5"]


def test_one_ball_at_a_time_draws_one_figure():
    at = _page()
    at.toggle(key="geometry_side_by_side").set_value(False).run()
    assert not at.exception
    assert len(plotly_specs(at)) == 1
    assert not at.radio(key="geometry_penalty").disabled


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    name = list(PRESETS)[index]
    at = _page({"t": "3.0", "side_by_side": "0"})
    at.button(key=f"geometry_preset_{index}").click().run()
    assert not at.exception
    expected = {**DEFAULTS, **PRESETS[name]}
    assert at.toggle(key="geometry_side_by_side").value is expected["side_by_side"]
    assert at.slider(key="geometry_t").value == expected["t"]
    assert len(plotly_specs(at)) == (2 if expected["side_by_side"] else 1)
    if expected["source"] == "data":
        assert at.radio(key="geometry_source").value == "data"


def test_data_mode_renders_and_its_controls_change_the_figure():
    at = _page({"source": "data"})
    assert any("Data mode" in text for text in notes(at))
    before = plotly_specs(at)[0]
    at.slider(key="geometry_rho").set_value(-0.5).run()
    assert not at.exception and plotly_specs(at)[0] != before
    before = plotly_specs(at)[0]
    at.number_input(key="geometry_seed").set_value(11).run()
    assert not at.exception and plotly_specs(at)[0] != before


def test_path_toggle_removes_the_path_overlay():
    at = _page()
    assert any("solution path" in name for name in _trace_names(at))
    at.toggle(key="geometry_path").set_value(False).run()
    assert not at.exception
    assert not any("solution path" in name for name in _trace_names(at))


def test_shareable_link_sets_the_budget_and_old_links_still_work():
    assert _page({"t": "2.5"}).slider(key="geometry_t").value == 2.5
    old = _page({"geo_t": "2.5", "geo_penalty": "L2 (ridge)", "geo_side_by_side": "false"})
    assert old.slider(key="geometry_t").value == 2.5
    assert old.radio(key="geometry_penalty").value == "l2"


@pytest.mark.parametrize(
    "query",
    [
        {"seed": "inf", "source": "data"},
        {"seed": "-inf", "source": "data"},
        {"seed": "9" * 400, "source": "data"},
        {"t": "banana"},
        {"t": "1e400"},
        {"lam": "nan", "mode": "lam"},
        {"penalty": "![x](https://example.invalid/x.png)"},
        {"evil": "<script>alert(1)</script>" * 300},
    ],
)
def test_tampered_links_fall_back_with_an_inert_notice(query):
    at = _page(query)
    assert plotly_specs(at)
    assert_inert_notices(at, query)


def test_reset_puts_every_control_back():
    at = _page({"t": "3.0", "side_by_side": "0", "path": "0"})
    at.button(key="geometry_reset").click().run()
    assert not at.exception
    assert at.slider(key="geometry_t").value == DEFAULTS["t"]
    assert at.toggle(key="geometry_side_by_side").value is DEFAULTS["side_by_side"]
    assert dict(at.query_params) == {}


def test_code_snippet_reproduces_the_solution():
    at = _page()
    code = next(c.value for c in at.code)
    namespace: dict = {}
    exec(compile(code, "snippet", "exec"), namespace)  # prints β̂ for both balls
    beta = namespace["beta"]
    shown = [m.value for m in at.metric if m.label.startswith("β̂")]
    assert [f"{b:.3f}" if b != 0 else "0 (exactly)" for b in beta] == shown[2:]


def test_a_failing_core_call_shows_an_error_not_a_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("The features are collinear.")

    monkeypatch.setattr(regviz.experiments.geometry_scenes, "loss_for", broken)
    st.cache_data.clear()
    at = open_page(PAGE)
    assert not at.exception
    assert at.error and "cannot be drawn" in at.error[0].value
    assert not plotly_specs(at)


def test_the_numbers_download_as_csv():
    at = _page()
    buttons = at.get("download_button")
    assert buttons, "no download button"
    assert "CSV" in buttons[0].proto.label


def test_the_figure_download_format_follows_the_sidebar_choice() -> None:
    # The choice is the shared sidebar's radio (app.py's part of the page, which AppTest's
    # element tree does not list), stored under FIGURE_FORMAT.
    at = open_clean("pages/geometry.py")
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    assert configs and {c["toImageButtonOptions"]["format"] for c in configs} == {"png"}
    at.session_state[FIGURE_FORMAT] = "SVG"
    at.run()
    assert not at.exception
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    assert {c["toImageButtonOptions"]["format"] for c in configs} == {"svg"}
    assert {c["toImageButtonOptions"]["width"] for c in configs} == {1920}
