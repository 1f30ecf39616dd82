"""AppTest of the L2 vs weight decay page: λ and the scale spread drive the figures, the four
update rules sit side by side, links and presets set its state, and the code snippet
reproduces the final weights on screen (tampered links, Reset and a failing core call:
test_page_contract)."""

from __future__ import annotations

import re
from functools import partial

import numpy as np
import page_checks as check
import pytest
from apptest_helpers import assert_light, notes, open_clean, plotly_specs, run_snippet
from apptest_helpers import figure as _figure

from regviz.experiments.weightdecay import OPTIMIZER_NAMES, PRESETS, UPDATE_RULES
from regviz.ui.specs.weight_decay import SPEC

_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


def _weights(at) -> dict[str, list[float]]:
    """The final weights under each update rule, read from the page's captions."""
    captions = [c.value for c in at.caption if c.value.startswith("w = (")]
    names = [
        m.value.strip("*") for m in at.markdown if m.value.strip("*") in OPTIMIZER_NAMES.values()
    ]
    assert len(captions) == len(names) == 4
    return {
        name: [float(x) for x in re.match(r"w = \(([^)]*)\)", text).group(1).split(", ")]
        for name, text in zip(names, captions, strict=True)
    }


def test_page_opens_with_the_figures_and_the_four_update_rules():
    at = _page()
    assert at.title[0].value == "L2 vs weight decay under Adam"
    kept, decay = _figure(at, 0), _figure(at, 1)
    assert [t["type"] for t in kept["data"]].count("bar") == 4
    assert kept["layout"]["barmode"] == "group"
    assert decay["layout"]["yaxis"]["type"] == "log"
    # SGD + weight decay's hatched bars are filled (visible on either theme).
    hatched = [t for t in kept["data"] if t.get("marker", {}).get("pattern", {}).get("shape")]
    assert hatched and all(t["marker"]["pattern"]["fillmode"] == "overlay" for t in hatched)
    rules = [c.value for c in at.code if "←" in c.value]
    assert len(rules) == 4
    for key, rule in zip(OPTIMIZER_NAMES, rules, strict=True):
        assert rule.replace("\n", "") == UPDATE_RULES[key].replace(";   ", "").replace(",   ", "")
    assert set(_weights(at)) == set(OPTIMIZER_NAMES.values())
    assert any("What to notice" in text and "AdamW" in text for text in notes(at))
    assert_light(at, check.MAX_MOVE_BYTES)


def test_lambda_slider_shows_lambda_and_changes_the_figures():
    at = _page()
    lam = at.select_slider(key="weight_decay_lam")
    assert "λ" in lam.label and "0.3" in lam.options and "3" in lam.options
    before = plotly_specs(at)
    lam.set_value(0.03).run()
    assert not at.exception
    after = plotly_specs(at)
    assert after[0] != before[0] and after[1] != before[1]
    assert at.query_params["lam"] == "0.03"
    assert any("same λ = 0.03" in text for text in notes(at))
    assert_light(at, check.MAX_MOVE_BYTES)


def test_scale_spread_changes_the_figures():
    at = _page()
    spread = at.select_slider(key="weight_decay_scale_decades")
    assert "×0.32 … ×3.2" in spread.options
    before = plotly_specs(at)
    spread.set_value(2.0).run()
    assert not at.exception
    assert plotly_specs(at)[0] != before[0]
    assert at.query_params["scale_decades"] == "2"
    assert "×10" in _figure(at)["data"][0]["x"]
    assert_light(at, check.MAX_MOVE_BYTES)


@pytest.mark.parametrize(
    ("name", "value"), [("n_steps", 3000), ("lr_adam", 0.03), ("n_features", 10), ("seed", 7)]
)
def test_each_sidebar_control_changes_the_figures(name, value):
    at = _page()
    check.move_changes_the_first_figure(at, SPEC, name, value)
    assert float(at.query_params[name]) == value
    assert_light(at, check.MAX_MOVE_BYTES)


def test_training_steps_are_capped():
    at = _page()
    steps = at.select_slider(key="weight_decay_n_steps")
    assert max(int(o) for o in steps.options) <= 3000


def test_a_link_sets_lambda_and_the_spread():
    check.link_opens(
        SPEC, {"lam": "0.03", "scale_decades": "2"}, {"lam": 0.03, "scale_decades": 2.0}
    )


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    at = _page({"lam": "0.001", "scale_decades": "3", "n_features": "3", "n_steps": "500"})
    check.preset_sets_its_full_state(at, SPEC, index)


def test_classroom_hides_the_seed_but_keeps_the_main_controls():
    at = _page({"classroom": "1"})
    assert at.select_slider(key="weight_decay_lam")
    assert at.select_slider(key="weight_decay_scale_decades")
    check.classroom_hides_the_details(at, SPEC)  # hides the seed


@pytest.mark.parametrize(
    "query",
    [{}, {"lam": "0.03", "scale_decades": "2"}, {"n_features": "3", "n_steps": "500", "seed": "4"}],
)
def test_code_snippet_reproduces_the_final_weights_on_screen(query, capsys):
    at = _page(query)
    namespace = run_snippet(at, containing="import numpy")
    assert "AdamW" in capsys.readouterr().out
    shown = _weights(at)
    order = np.argsort(namespace["scales"], kind="stable")
    for name, key in (("Adam + L2", "w_adam"), ("AdamW", "w_adamw")):
        assert [f"{w:.3f}" for w in namespace[key][order]] == [f"{w:.3f}" for w in shown[name]]
