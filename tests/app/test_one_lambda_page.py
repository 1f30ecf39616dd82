"""AppTest of the One λ page: renders, the λ slider moves all three views, errors are plain."""

from __future__ import annotations

import streamlit as st
from apptest_helpers import open_page, plotly_specs

PAGE = "pages/one_lambda.py"


def _notice(at) -> str:
    return next(c.value for c in at.caption if "What to notice" in c.value)


def test_page_renders_figure_metrics_and_caption():
    at = open_page(PAGE)
    assert not at.exception
    assert len(plotly_specs(at)) == 1
    assert [m.label for m in at.metric][:2] == ["λ", "t(λ) = ‖β̂‖₁"]
    assert "the same model" in _notice(at)


def test_lambda_slider_changes_the_main_figure_and_the_budget():
    at = open_page(PAGE)
    before, budget = plotly_specs(at)[0], at.metric[1].value
    at.slider(key="one_loglam").set_value(0.6).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before
    assert at.metric[1].value != budget
    assert "Both coefficients are exactly 0" in _notice(at)


def test_ridge_preset_switches_the_ball():
    at = open_page(PAGE)
    at.button(key="one_preset_2").click().run()
    assert not at.exception
    assert at.radio(key="one_penalty").value == "l2"
    assert "‖β̂‖₂" in at.metric[1].label


def test_core_failure_is_shown_as_a_plain_error(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("The two features are collinear.")

    st.cache_data.clear()
    monkeypatch.setattr("regviz.experiments.onelambda.make_two_feature_data", broken)
    at = open_page(PAGE, query={"one_rho": "0.35"})
    assert not at.exception
    assert at.error and "fitted" in at.error[0].value
    st.cache_data.clear()


def test_classroom_mode_hides_secondary_controls():
    at = open_page(PAGE, query={"classroom": "1"})
    assert not at.exception
    assert "one_n" not in [s.key for s in at.slider]
    assert not at.number_input
