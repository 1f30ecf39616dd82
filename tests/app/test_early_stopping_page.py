"""AppTest of the Early stopping ≈ ridge page: the step slider drives both figures, links,
presets set its state, and the code snippet reproduces the numbers on screen (tampered
links, Reset and a failing core call: test_page_contract)."""

from __future__ import annotations

from functools import partial

import page_checks as check
import pytest
from apptest_helpers import assert_light, notes, open_clean, plotly_specs, run_snippet
from apptest_helpers import figure as _figure

from regviz.experiments.earlystopping import DEFAULTS, PRESETS
from regviz.ui.specs.early_stopping import SPEC, STEP_VALUES

_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_both_figures_are_redrawn_in_place():
    check.kept_mounted(_page(), SPEC, every_figure=True)


def test_page_opens_with_both_figures_and_the_mapping():
    at = _page()
    assert at.title[0].value == "Early stopping ≈ ridge"
    assert len(plotly_specs(at)) == 2
    trajectory, filters = _figure(at, 0), _figure(at, 1)
    names = [trace.get("name", "") for trace in trajectory["data"]]
    assert any("ridge path" in name for name in names)
    assert any("gradient descent" in name for name in names)
    assert trajectory["layout"]["xaxis2"]["side"] == "top"  # the steps axis
    assert any("1 − (1 − η·d)^t" in trace.get("name", "") for trace in filters["data"])
    shown = _metrics(at)
    assert shown["steps t"] == str(DEFAULTS["t"])
    assert "λ = 1/(η·t)" in shown
    assert any("What to notice" in text and "λ = 1/(η·t)" in text for text in notes(at))
    assert_light(at, check.MAX_MOVE_BYTES)


def test_step_slider_is_the_main_control_and_moves_both_figures():
    at = _page()
    slider = at.select_slider(key="early_stopping_t")
    assert slider.options[0] == "1" and slider.options[-1] == str(DEFAULTS["n_steps"])
    before = plotly_specs(at)
    lam_before = _metrics(at)["λ = 1/(η·t)"]
    slider.set_value(300).run()
    assert not at.exception
    after = plotly_specs(at)
    assert after[0] != before[0] and after[1] != before[1]
    assert _metrics(at)["steps t"] == "300"
    assert float(_metrics(at)["λ = 1/(η·t)"]) < float(lam_before)  # more steps, weaker λ
    assert at.query_params["t"] == "300"
    assert_light(at, check.MAX_MOVE_BYTES)


@pytest.mark.parametrize(
    ("name", "value"), [("dataset", "wine"), ("step_scale", 1.0), ("n_steps", 20_000)]
)
def test_each_secondary_control_changes_the_figures(name, value):
    at = _page()
    check.move_changes_the_first_figure(at, SPEC, name, value)
    url = at.query_params[name]
    assert (url == value) if name == "dataset" else float(url) == value
    assert_light(at, check.MAX_MOVE_BYTES)


def test_a_shorter_trajectory_limits_the_step_slider():
    at = _page({"t": "5000"})
    at.select_slider(key="early_stopping_n_steps").set_value(1000).run()
    assert not at.exception
    slider = at.select_slider(key="early_stopping_t")
    assert max(int(o) for o in slider.options) == 1000
    assert slider.value <= 1000


def test_a_link_sets_the_steps():
    at = check.link_opens(
        SPEC, {"t": "100", "dataset": "linnerud"}, {"t": 100, "dataset": "linnerud"}
    )
    assert _metrics(at)["steps t"] == "100"


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    at = _page({"t": "7", "step_scale": "0.25", "dataset": "linnerud", "n_steps": "20000"})
    expected = check.preset_sets_its_full_state(at, SPEC, index)
    assert _metrics(at)["steps t"] == str(expected["t"])


def test_classroom_hides_the_trajectory_length_but_keeps_the_main_control():
    at = _page({"classroom": "1"})
    assert at.select_slider(key="early_stopping_t")
    check.classroom_hides_the_details(at, SPEC)  # hides the trajectory length T
    assert len(plotly_specs(at)) == 2


@pytest.mark.parametrize(
    "query",
    [{}, {"t": "3", "dataset": "wine"}, {"t": "1000", "step_scale": "1", "dataset": "linnerud"}],
)
def test_code_snippet_reproduces_the_numbers_on_screen(query, capsys):
    at = _page(query)
    namespace = run_snippet(at, containing="Ridge")
    printed = capsys.readouterr().out
    shown = _metrics(at)
    assert f"{namespace['lam']:.3g}" == shown["λ = 1/(η·t)"]
    assert f"{namespace['eta']:.3g}" == shown["step size η"]
    assert str(namespace["t"]) == shown["steps t"]
    percent = shown["GD vs ridge"].split(" %")[0]
    digits = len(percent.split(".")[1]) if "." in percent else 0
    assert f"{100 * namespace['distance']:.{digits}f}" == percent
    assert "apart:" in printed


def test_every_step_value_is_offered_and_light():
    at = _page()
    slider = at.select_slider(key="early_stopping_t")
    assert [int(o) for o in slider.options] == [t for t in STEP_VALUES if t <= DEFAULTS["n_steps"]]
    for t in (1, 5000):
        slider.set_value(t).run()
        assert not at.exception
        assert_light(at, check.MAX_MOVE_BYTES)
