"""AppTest of the Optimizer page: opens at step 0 with Play on top, every control changes
the run, links (old and new) open the same figures, the code reproduces the numbers."""

from __future__ import annotations

import re
from functools import partial

import numpy as np
import page_checks as check
import pytest
from apptest_helpers import chart_alt, charts, open_clean, plotly_specs, run_snippet
from apptest_helpers import figures as _figures
from apptest_helpers import what_to_notice as _notice

from regviz.core.losses import QuadraticLoss
from regviz.experiments.optimizers import DEFAULTS, METHODS, PRESETS, run_all
from regviz.ui.specs.optimizer import SPEC

SLIDER_MOVES = {
    "lam": 2.5,
    "kappa": 10.0,
    "steps": 300,
    "c1": 1.0,
    "c2": 1.0,
    "angle": 0,
    "step_scale": 0.5,
    "start_1": 0.0,
    "start_2": 0.0,
}


_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


def _runs(values: dict):
    loss = QuadraticLoss.from_bowl(
        [values["c1"], values["c2"]], condition_number=values["kappa"], angle_deg=values["angle"]
    )
    start = (values["start_1"], values["start_2"])
    return run_all(loss, values["lam"], values["steps"], start, values["step_scale"])


def test_page_opens_at_step_0_with_play_above_each_method_figure():
    at = _page()
    assert at.title[0].value == SPEC.title
    figures = _figures(at)
    assert len(figures) == len(METHODS) + 2  # one per method, then distance and coordinate
    for figure, method in zip(figures[: len(METHODS)], METHODS, strict=True):
        assert figure.get("frames"), f"{method}: the figure must carry animation frames"
        layout = figure["layout"]
        (menu,) = layout["updatemenus"]
        (slider,) = layout["sliders"]
        assert [b["label"] for b in menu["buttons"]][0] == "▶ Play"
        # Play and the step slider sit above the plotting area (paper y ≥ 1).
        assert menu["y"] >= 1.0 and menu["yanchor"] == "bottom"
        assert slider["y"] >= 1.0 and slider["yanchor"] == "bottom"
        # Opens at step 0: the slider is at its first step, the trail is the start only.
        assert slider["active"] == 0 and slider["steps"][0]["label"] == "0"
        assert figure["frames"][0]["name"] == "0"
        assert layout["yaxis"]["scaleanchor"] == "x"
    alts = [chart_alt(chart) for chart in charts(at)]
    assert alts[0].startswith("Subgradient (L1), λ = 1:") and "never exactly 0" in alts[0]
    assert "exactly 0 from step" in alts[1]
    notice = _notice(at)
    assert "exactly" in notice and "multiplies β by 0.800" in notice


def test_every_figure_is_redrawn_in_place():
    check.kept_mounted(_page(), SPEC, every_figure=True)


def test_lambda_slider_changes_every_figure_and_the_url():
    at = _page()
    before = plotly_specs(at)
    at.slider(key="optimizer_lam").set_value(2.5).run()
    assert not at.exception
    after = plotly_specs(at)
    assert all(a != b for a, b in zip(after, before, strict=True))
    assert at.query_params["lam"] == "2.5"
    assert "λ = 2.5" in chart_alt(charts(at)[0])


@pytest.mark.parametrize("name, value", list(SLIDER_MOVES.items()))
def test_every_slider_move_ships_at_most_250_kB(name, value):
    check.move_within_budget(_page(), SPEC, name, value)


def test_animate_lambda_gives_each_method_figure_lambda_frames():
    at = _page()
    at.toggle(key="optimizer_play").set_value(True).run()
    assert not at.exception and at.query_params["play"] in ("1", "true", "True")
    figures = _figures(at)[: len(METHODS)]
    for figure in figures:
        (slider,) = figure["layout"]["sliders"]
        assert slider["currentvalue"]["prefix"] == "λ = " and len(figure["frames"]) == 17
    before = [f["frames"] for f in figures]
    # λ moves the figures' opening state, not their frames (cached apart from λ).
    at.slider(key="optimizer_lam").set_value(2.5).run()
    after = _figures(at)[: len(METHODS)]
    assert [f["frames"] for f in after] == before
    assert all("λ = 2.5: ends at" in str(f["data"]) for f in after)
    check.move_within_budget(at, SPEC, "kappa", 10.0)


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    at = _page({"lam": "3.0", "steps": "20", "kappa": "7.5"})
    expected = check.preset_sets_its_full_state(at, SPEC, index)
    assert f"after {expected['steps']} steps" in _notice(at)


def test_preset_then_step_count_changes_the_run():
    at = _page()
    at.button(key="optimizer_preset_2").click().run()
    assert not at.exception
    assert at.slider(key="optimizer_kappa").value == 20.0
    at.slider(key="optimizer_steps").set_value(300).run()
    assert not at.exception
    assert "after 300 steps" in _notice(at)


def test_a_link_sets_the_controls_and_old_links_still_work():
    check.link_opens(SPEC, {"lam": "0.5", "steps": "40"}, {"lam": 0.5, "steps": 40})
    # Every old name is understood (no notice).
    old = {"opt_lam": "1.55", "opt_kappa": "12", "opt_step": "0.5", "opt_start1": "0.3",
           "opt_start2": "-1", "opt_angle": "-45", "opt_steps": "60"}  # fmt: skip
    shown = {"lam": 1.55, "kappa": 12.0, "step_scale": 0.5, "start_1": 0.3, "start_2": -1.0,
             "angle": -45}  # fmt: skip
    assert "after 60 steps" in _notice(check.link_opens(SPEC, old, shown))


@pytest.mark.parametrize(
    "query",
    [{}, {"lam": "0.3", "steps": "35", "step_scale": "1.5"}, {"c2": "-2", "kappa": "1"}],
)
def test_code_snippet_reproduces_the_numbers_on_the_page(query, capsys):
    at = _page(query)
    namespace = run_snippet(at)
    values = {**DEFAULTS, **{k: type(DEFAULTS[k])(float(v)) for k, v in query.items()}}
    runs = {run.method: run for run in _runs(values)}
    # The exact answers ★ and ISTA's last iterate, zeros bit for bit.
    np.testing.assert_allclose(namespace["lasso"], runs["ista"].solution, atol=1e-12)
    np.testing.assert_allclose(namespace["ridge"], runs["gd_l2"].solution, atol=1e-12)
    np.testing.assert_allclose(namespace["ista_beta"], runs["ista"].iterates[-1], atol=1e-12)
    assert np.all((namespace["ista_beta"] == 0.0) == (runs["ista"].iterates[-1] == 0.0))
    np.testing.assert_allclose(namespace["decay_beta"], runs["gd_l2"].iterates[-1], atol=1e-12)
    # … and the numbers the page prints: the decay factor and the final distances.
    notice = _notice(at)
    assert f"multiplies β by {namespace['decay']:.3f}" in notice
    ista_distance = float(np.linalg.norm(namespace["ista_beta"] - namespace["lasso"]))
    shown = re.search(r"ISTA \(L1\) (0 \(exactly\)|[0-9.e+-]+)[;.]", notice).group(1)
    if ista_distance == 0.0:
        assert shown == "0 (exactly)"
    else:
        assert float(shown) == pytest.approx(ista_distance, rel=0.06, abs=1e-15)


def test_classroom_mode_hides_secondary_controls():
    at = _page({"classroom": "1"})
    keys = [s.key for s in at.slider]
    assert "optimizer_lam" in keys and "optimizer_steps" in keys
    check.classroom_hides_the_details(at, SPEC)  # hides the step size, start, angle
    assert len(plotly_specs(at)) == len(METHODS) + 2
