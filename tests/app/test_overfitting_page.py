"""AppTest of the Overfitting page: renders, the λ slider and presets drive it, errors are plain."""

from __future__ import annotations

import json

import pytest
import streamlit as st
from apptest_helpers import open_page, plotly_specs

PAGE = "pages/overfitting.py"
# The bias–variance panel refits 100 training sets per penalty; most tests switch it off
# through its URL parameter to stay fast, one test keeps it on.
NO_BV = {"ovf_bv": "false"}


def test_page_renders_every_figure_with_bias_variance():
    at = open_page(PAGE)
    assert not at.exception
    assert at.title[0].value.startswith("Overfitting")
    specs = plotly_specs(at)
    assert len(specs) == 4  # errors, fit, coefficients, bias–variance
    assert "Error versus λ" in json.loads(specs[0])["layout"]["title"]["text"]
    assert "Bias–variance" in json.loads(specs[3])["layout"]["title"]["text"]
    captions = " ".join(c.value for c in at.caption)
    assert "What to notice" in captions and "Monte Carlo standard errors" in captions
    assert not at.error


def test_lambda_slider_changes_the_main_figure_and_the_fit():
    at = open_page(PAGE, query=NO_BV)
    before = plotly_specs(at)
    assert len(before) == 3
    at.slider(key="ovf_lam").set_value(-4.0).run()
    assert not at.exception
    after = plotly_specs(at)
    assert after[0] != before[0]  # the λ marker moved
    assert after[1] != before[1]  # the fitted curves changed
    assert "λ = 0.0001" in at.caption[0].value


@pytest.mark.parametrize(
    ("button", "expected"),
    [
        ("ovf_preset_classic_overfit", {"ovf_n": 15, "ovf_degree": 12}),
        ("ovf_preset_lots_of_data", {"ovf_n": 500, "ovf_degree": 15}),
        ("ovf_preset_pure_noise", {"ovf_n": 30, "ovf_degree": 15}),
    ],
)
def test_each_preset_sets_its_values_and_redraws(button, expected):
    at = open_page(PAGE, query=NO_BV)
    before = plotly_specs(at)
    at.button(key=button).click().run()
    assert not at.exception
    for key, value in expected.items():
        assert at.slider(key=key).value == value
    assert plotly_specs(at)[0] != before[0]
    if button.endswith("pure_noise"):
        assert at.selectbox(key="ovf_truth").value == "zero"


def test_fixed_seed_gives_identical_figures():
    first = open_page(PAGE, query={**NO_BV, "ovf_seed": "7"})
    st.cache_data.clear()  # recompute from scratch rather than reuse the cached curves
    second = open_page(PAGE, query={**NO_BV, "ovf_seed": "7"})
    assert not first.exception and not second.exception
    assert plotly_specs(first) == plotly_specs(second)
    second.number_input(key="ovf_seed").set_value(8).run()
    assert plotly_specs(second)[0] != plotly_specs(first)[0]


def test_too_few_points_for_the_folds_shows_a_plain_message():
    at = open_page(PAGE, query=NO_BV)
    at.slider(key="ovf_n").set_value(6).run()
    at.slider(key="ovf_folds").set_value(10).run()
    assert not at.exception
    assert at.error
    assert "needs at least 20 training points" in at.error[0].value
    assert not plotly_specs(at)


def test_elastic_net_view_and_monomial_basis():
    at = open_page(PAGE, query=NO_BV)
    at.radio(key="ovf_view").set_value("L1, L2 and elastic net").run()
    at.selectbox(key="ovf_basis").set_value("monomial").run()
    assert not at.exception
    layout = json.loads(plotly_specs(at)[0])["layout"]
    assert "xaxis3" in layout  # a third panel for the elastic net
    assert "Monomials" in layout["title"]["text"]


def test_classroom_mode_hides_secondary_controls():
    at = open_page(PAGE, query={**NO_BV, "classroom": "true"})
    assert not at.exception
    keys = {s.key for s in at.slider}
    assert "ovf_lam" in keys and "ovf_folds" not in keys
    assert len(plotly_specs(at)) == 3
