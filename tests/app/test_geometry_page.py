"""AppTest of the Geometry page: it renders in every mode and its controls change the figure."""

from __future__ import annotations

from functools import partial

import page_checks as check
import pytest
from apptest_helpers import chart_config, charts, notes, open_clean, plotly_specs, run_snippet
from apptest_helpers import figure as _figure

from regviz.experiments.geometry_scenes import DEFAULTS, PRESETS
from regviz.ui.frame import FIGURE_FORMAT
from regviz.ui.specs.geometry import SPEC

_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


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
    check.move_changes_the_first_figure(at, SPEC, "t", 0.5)
    assert at.query_params["t"] == "0.5"


@pytest.mark.parametrize("penalty", ["l2", "elasticnet", "lq"])
def test_each_penalty_renders_and_changes_the_figure(penalty):
    at = _page({"side_by_side": "0"})
    check.move_changes_the_first_figure(at, SPEC, "penalty", penalty)
    if penalty == "elasticnet":
        check.move_changes_the_first_figure(at, SPEC, "l1_ratio", 0.8)
    if penalty == "lq":
        assert at.radio(key="geometry_mode").disabled
        assert any("not convex" in text for text in notes(at))
        check.move_changes_the_first_figure(at, SPEC, "q", 1.5)


def test_lambda_mode_shows_lambda_itself_and_changes_the_figure():
    at = _page()
    at.radio(key="geometry_mode").set_value("lam").run()
    assert not at.exception
    lam = at.select_slider(key="geometry_lam")
    assert "λ" in lam.label and "0.01" in lam.options and "10" in lam.options
    check.move_changes_the_first_figure(at, SPEC, "lam", 2.5)
    assert [m.value for m in at.metric if m.label == "penalty λ"] == ["2.5", "2.5"]


def test_every_panel_is_redrawn_in_place_side_by_side_or_alone():
    at = _page()
    check.kept_mounted(at, SPEC, every_figure=True)
    assert len(charts(at)) == 2
    at.toggle(key="geometry_side_by_side").set_value(False).run()
    for penalty in ("l1", "l2", "elasticnet", "lq"):
        at.radio(key="geometry_penalty").set_value(penalty).run()
        assert not at.exception
        check.kept_mounted(at, SPEC, every_figure=True)
        assert [chart.key for chart in charts(at)] == [f"geometry_figure_{penalty}"]


def test_one_ball_at_a_time_draws_one_figure():
    at = _page()
    at.toggle(key="geometry_side_by_side").set_value(False).run()
    assert not at.exception
    assert len(plotly_specs(at)) == 1
    assert not at.radio(key="geometry_penalty").disabled


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    at = _page({"t": "3.0", "side_by_side": "0"})
    expected = check.preset_sets_its_full_state(at, SPEC, index)
    assert len(plotly_specs(at)) == (2 if expected["side_by_side"] else 1)


def test_data_mode_renders_and_its_controls_change_the_figure():
    at = _page({"source": "data"})
    assert any("Data mode" in text for text in notes(at))
    check.move_changes_the_first_figure(at, SPEC, "rho", -0.5)
    check.move_changes_the_first_figure(at, SPEC, "seed", 11)


def test_path_toggle_removes_the_path_overlay():
    at = _page()
    assert any("solution path" in name for name in _trace_names(at))
    at.toggle(key="geometry_path").set_value(False).run()
    assert not at.exception
    assert not any("solution path" in name for name in _trace_names(at))


def test_shareable_link_sets_the_budget_and_old_links_still_work():
    check.link_opens(SPEC, {"t": "2.5"}, {"t": 2.5})
    old = {"geo_t": "2.5", "geo_penalty": "L2 (ridge)", "geo_side_by_side": "false"}
    check.link_opens(SPEC, old, {"t": 2.5, "penalty": "l2"})


def test_code_snippet_reproduces_the_solution():
    at = _page()
    beta = run_snippet(at)["beta"]  # it prints β̂ for both balls
    shown = [(m.value, m.delta) for m in at.metric if m.label.startswith("β̂")]
    assert [(f"{b:.3f}", "") if b != 0 else ("0", "exactly") for b in beta] == shown[2:]


def test_the_numbers_download_as_csv():
    at = _page()
    buttons = at.get("download_button")
    assert buttons, "no download button"
    assert "CSV" in buttons[0].proto.label


def test_the_figure_download_format_follows_the_sidebar_choice() -> None:
    # The choice is the shared sidebar's radio (app.py's part of the page, which AppTest's
    # element tree does not list), stored under FIGURE_FORMAT.
    at = _page()
    configs = [chart_config(chart) for chart in charts(at)]
    assert configs and {c["toImageButtonOptions"]["format"] for c in configs} == {"png"}
    at.session_state[FIGURE_FORMAT] = "SVG"
    at.run()
    assert not at.exception
    configs = [chart_config(chart) for chart in charts(at)]
    assert {c["toImageButtonOptions"]["format"] for c in configs} == {"svg"}
    assert {c["toImageButtonOptions"]["width"] for c in configs} == {1920}
