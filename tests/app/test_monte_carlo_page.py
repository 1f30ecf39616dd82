"""AppTest of the Monte Carlo page: renders, reacts to its controls, reports bad input."""

from __future__ import annotations

import json

import pytest
from apptest_helpers import open_page, plotly_specs

PAGE = "pages/monte_carlo.py"


@pytest.fixture(scope="module")
def mc_page():
    at = open_page(PAGE)
    assert not at.exception
    return at


def test_page_renders_every_figure(mc_page):
    assert mc_page.title[0].value == "Monte Carlo: how often is a coefficient zero?"
    specs = plotly_specs(mc_page)
    assert len(specs) == 8
    main = json.loads(specs[0])
    assert [trace["type"] for trace in main["data"]] == ["bar", "bar"]
    assert "100,000" in main["layout"]["title"]["text"]
    # The caption's numbers come from the result: L1's exact-zero percentage appears in both.
    l1_exact = main["data"][0]["text"][0]
    assert any(l1_exact.replace(" ", "") in c.value.replace(" ", "") for c in mc_page.caption)
    assert not mc_page.error


def test_first_slider_changes_the_main_figure(mc_page):
    before = plotly_specs(mc_page)[0]
    mc_page.slider(key="mc_scale").set_value(4.0).run()
    assert not mc_page.exception
    assert plotly_specs(mc_page)[0] != before


def test_zone_map_slider_changes_the_zone_map(mc_page):
    before = plotly_specs(mc_page)[3]
    mc_page.slider(key="mc_zone_kappa").set_value(30.0).run()
    assert not mc_page.exception
    assert plotly_specs(mc_page)[3] != before


def test_article_toggle_and_presets(mc_page):
    cloud_before = plotly_specs(mc_page)[5]
    mc_page.toggle(key="mc_art_boundary").set_value(False).run()
    assert not mc_page.exception
    assert plotly_specs(mc_page)[5] != cloud_before
    mc_page.button(key="mc_art_preset_orthogonal").click().run()
    assert not mc_page.exception
    assert mc_page.radio(key="mc_art_variant").value == "orthogonal"
    assert "orthogonal" in json.loads(plotly_specs(mc_page)[4])["layout"]["title"]["text"]


def test_preset_sets_round_bowls(mc_page):
    mc_page.button(key="mc_preset_0").click().run()
    assert not mc_page.exception
    assert tuple(mc_page.select_slider(key="mc_kappa").value) == (1.0, 1.0)


def test_zero_budget_shows_a_plain_error():
    at = open_page(PAGE)
    at.slider(key="mc_t").set_value(0.0).run()
    assert not at.exception
    assert at.error and "budget t = 0" in at.error[0].value


def test_classroom_mode_hides_secondary_controls():
    at = open_page(PAGE, query={"classroom": "1"})
    assert not at.exception
    keys = {w.key for w in at.slider}
    assert "mc_scale" in keys and "mc_t" not in keys and "mc_mix" not in keys


def test_query_parameter_sets_a_control():
    at = open_page(PAGE, query={"mc_scale": "3.5"})
    assert not at.exception
    assert at.slider(key="mc_scale").value == 3.5


def test_run_a_million_toggle(mc_page):
    mc_page.toggle(key="mc_million").set_value(True).run()
    assert not mc_page.exception
    title = json.loads(plotly_specs(mc_page)[0])["layout"]["title"]["text"]
    assert "1,000,000" in title
