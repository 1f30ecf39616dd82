"""AppTest of the Optimizer page: renders the animation, λ changes it, errors are plain."""

from __future__ import annotations

import json

import streamlit as st
from apptest_helpers import open_page, plotly_specs

PAGE = "pages/optimizer.py"


def _notice(at) -> str:
    return next(c.value for c in at.caption if "What to notice" in c.value)


def test_page_renders_animated_figure_and_caption():
    at = open_page(PAGE)
    assert not at.exception
    specs = plotly_specs(at)
    assert len(specs) == 2
    main = json.loads(specs[0])
    assert main.get("frames"), "the main figure must carry animation frames"
    assert main["layout"]["sliders"] and main["layout"]["updatemenus"]
    notice = _notice(at)
    assert "What to notice" in notice and "exactly" in notice


def test_lambda_slider_changes_the_main_figure():
    at = open_page(PAGE)
    before = plotly_specs(at)[0]
    at.slider(key="opt_lam").set_value(2.5).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before


def test_preset_and_step_count_change_the_run():
    at = open_page(PAGE)
    at.button(key="opt_preset_2").click().run()
    assert not at.exception
    assert at.slider(key="opt_kappa").value == 20.0
    at.slider(key="opt_steps").set_value(300).run()
    assert not at.exception
    assert "after 300 steps" in _notice(at)


def test_core_failure_is_shown_as_a_plain_error(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("The step-size factor must lie strictly between 0 and 2.")

    st.cache_data.clear()
    monkeypatch.setattr("regviz.experiments.optimizers.run_all", broken)
    at = open_page(PAGE, query={"opt_lam": "1.55"})
    assert not at.exception
    assert at.error and "cannot be optimized" in at.error[0].value
    st.cache_data.clear()


def test_classroom_mode_hides_secondary_controls():
    at = open_page(PAGE, query={"classroom": "1"})
    assert not at.exception
    keys = [s.key for s in at.slider]
    assert "opt_lam" in keys and "opt_step" not in keys and "opt_start1" not in keys
