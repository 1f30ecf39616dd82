"""AppTest of the Bayesian page: it renders, its sliders change the figure, errors are plain."""

from __future__ import annotations

import streamlit as st
from apptest_helpers import open_page, plotly_specs

PAGE = "pages/bayesian.py"


def _notice(at) -> str:
    return next(c.value for c in at.caption if "What to notice" in c.value)


def test_page_renders_figure_and_mapping():
    at = open_page(PAGE)
    assert not at.exception
    assert len(plotly_specs(at)) >= 1
    assert "Bayesian" in at.title[0].value
    notice = _notice(at)
    assert "What to notice" in notice and "posterior mean" in notice


def test_first_slider_changes_the_main_figure():
    at = open_page(PAGE)
    before = plotly_specs(at)[0]
    at.slider(key="bay_c1").set_value(-0.5).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before


def test_two_coefficients_and_weak_data_preset_show_an_exact_zero():
    at = open_page(PAGE)
    at.radio(key="bay_dims").set_value(2).run()
    assert not at.exception
    assert at.slider(key="bay_c2") is not None
    at.button(key="bay_preset_1").click().run()
    assert not at.exception
    assert "exactly 0" in _notice(at)


def test_core_failure_is_shown_as_a_plain_error(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("The noise level σ must be a positive number; got 0.")

    st.cache_data.clear()
    monkeypatch.setattr("regviz.experiments.bayes.bayes_view", broken)
    at = open_page(PAGE, query={"bay_c1": "0.55"})
    assert not at.exception
    assert at.error and "posterior" in at.error[0].value
    st.cache_data.clear()


def test_classroom_mode_hides_the_correlation_control():
    at = open_page(PAGE, query={"classroom": "1"})
    at.radio(key="bay_dims").set_value(2).run()
    assert not at.exception
    assert "bay_rho" not in [s.key for s in at.slider]
