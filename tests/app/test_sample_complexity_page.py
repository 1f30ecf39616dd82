"""AppTest of the sample-complexity page (Ng 2004): full results, cursor, live run, bad input."""

from __future__ import annotations

from apptest_helpers import open_page, plotly_specs

PAGE = "pages/sample_complexity.py"


def test_page_renders_the_full_results() -> None:
    at = open_page(PAGE)
    assert not at.exception
    assert not at.error
    assert len(plotly_specs(at)) == 1  # the live run waits for the Run button
    notice = next(md.value for md in at.markdown if md.value.startswith("**What to notice"))
    assert "Bayes" in notice and "d = 1000" in notice
    assert any("Settings of this run" in c.value for c in at.caption)
    assert at.info and "Press **Run**" in at.info[0].value


def test_feature_slider_moves_the_cursor_and_the_notice() -> None:
    at = open_page(PAGE)
    before = plotly_specs(at)[0]
    at.slider(key="ng_features").set_value(100).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before
    assert any("d = 100:" in md.value for md in at.markdown)


def test_log_loss_view() -> None:
    at = open_page(PAGE)
    at.radio(key="ng_metric").set_value("log_loss").run()
    assert not at.exception
    assert "log-loss" in plotly_specs(at)[0]


def test_quick_live_run_draws_a_second_figure() -> None:
    at = open_page(PAGE)
    at.button(key="ng_preset_quick").click().run()
    at.slider(key="ng_live_repeats").set_value(2).run()
    at.button(key="ng_run").click().run()
    assert not at.exception
    assert len(plotly_specs(at)) == 2
    assert not at.info  # the prompt to press Run is replaced by the result
    assert any("What to notice (live)" in md.value for md in at.markdown)


def test_too_big_live_run_gives_a_clear_message() -> None:
    at = open_page(PAGE)
    at.slider(key="ng_live_repeats").set_value(40).run()
    at.slider(key="ng_live_n_points").set_value(8).run()
    assert not at.exception
    assert at.error and "too many" in at.error[0].value
