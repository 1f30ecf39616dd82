"""AppTest of the One λ page: three figures move with one λ control (shown as λ itself),
links old and new, presets, and the scikit-learn snippet giving the same model (tampered
links, Reset and a failing core call: test_page_contract)."""

from __future__ import annotations

import re
from functools import partial

import numpy as np
import page_checks as check
import pytest
from apptest_helpers import chart_alt, charts, open_clean, plotly_specs, run_snippet
from apptest_helpers import figures as _figures
from apptest_helpers import what_to_notice as _notice

from regviz.experiments.onelambda import (
    DEFAULTS,
    PRESETS,
    at_lambda,
    fit_path,
    make_two_feature_data,
    play_lambdas,
)
from regviz.ui.specs.one_lambda import SPEC

_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


def _point(values: dict):
    data = make_two_feature_data(
        int(values["n"]), correlation=values["rho"], noise=values["noise"], seed=int(values["seed"])
    )
    path = fit_path(data, values["penalty"])
    return path, at_lambda(data, path, values["lam"])


def test_page_renders_three_figures_metrics_and_caption():
    at = _page()
    assert at.title[0].value == SPEC.title
    figures = _figures(at)
    assert len(figures) == 3  # constraint picture, path, errors: separate, they stack
    assert figures[0]["layout"]["yaxis"]["scaleanchor"] == "x"
    assert figures[1]["layout"]["xaxis"]["type"] == "log"
    assert [m.label for m in at.metric][:2] == ["λ", "t(λ) = ‖β̂‖₁"]
    assert at.metric[0].value == "0.32"
    assert "the same model" in _notice(at)
    alts = [chart_alt(chart) for chart in charts(at)]
    assert "β₂ is exactly 0" in alts[0] and "at λ = 0.32" in alts[1] and "test MSE" in alts[2]


def test_the_three_views_are_redrawn_in_place():
    check.kept_mounted(_page(), SPEC, every_figure=True)


def test_lambda_control_shows_lambda_itself():
    at = _page()
    lam = at.select_slider(key="one_lambda_lam")
    assert "λ" in lam.label
    assert lam.options[0] == "0.001" and lam.options[-1] == "10" and "0.32" in lam.options
    assert lam.value == DEFAULTS["lam"]


def test_lambda_moves_all_three_figures_and_the_budget():
    at = _page()
    before, budget = plotly_specs(at), at.metric[1].value
    at.select_slider(key="one_lambda_lam").set_value(4.0).run()
    assert not at.exception
    after = plotly_specs(at)
    assert all(a != b for a, b in zip(after, before, strict=True))
    assert at.metric[1].value != budget
    assert "Both coefficients are exactly 0" in _notice(at)
    assert at.query_params["lam"] == "4"
    for figure in _figures(at)[1:]:
        cursor = next(t for t in figure["data"] if t.get("name") == "chosen λ")
        assert cursor["x"] == [4.0, 4.0]


@pytest.mark.parametrize(
    "name, value",
    [("lam", 1.0), ("penalty", "l2"), ("rho", 0.2), ("noise", 1.0), ("n", 50), ("seed", 3)],
)
def test_every_control_move_changes_the_figures_within_250_kB(name, value):
    check.move_within_budget(_page(), SPEC, name, value)


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    at = _page({"lam": "0.01", "penalty": "l2", "rho": "-0.5", "noise": "0.5", "n": "40"})
    check.preset_sets_its_full_state(at, SPEC, index)


def test_ridge_preset_switches_the_ball():
    at = _page()
    at.button(key="one_lambda_preset_2").click().run()
    assert not at.exception
    assert at.radio(key="one_lambda_penalty").value == "l2"
    assert "‖β̂‖₂" in at.metric[1].label
    assert _figures(at)[0]["layout"]["title"]["text"].startswith("‖β‖₂ ≤ t")


def test_a_link_sets_the_controls_and_old_links_still_work():
    check.link_opens(SPEC, {"lam": "0.05", "penalty": "l2"}, {"lam": 0.05, "penalty": "l2"})
    old = {"one_penalty": "l2", "one_rho": "0.35", "one_noise": "1.5", "one_n": "40",
           "one_seed": "7"}  # fmt: skip
    check.link_opens(SPEC, old, {"penalty": "l2", "rho": 0.35, "noise": 1.5, "n": 40, "seed": 7})


def test_an_old_log_lambda_link_opens_the_same_lambda():
    # one_loglam carried log₁₀ λ: the spec converts it to λ itself.
    old = {"one_loglam": "-2", "one_penalty": "l2"}
    check.link_opens(SPEC, old, {"lam": pytest.approx(0.01), "penalty": "l2"})
    bad = _page({"one_loglam": "banana"})
    assert bad.select_slider(key="one_lambda_lam").value == DEFAULTS["lam"]
    assert bad.info


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"penalty": "l2"},
        {"lam": "0.05", "rho": "-0.3", "n": "60", "seed": "2"},
        {"lam": "5", "penalty": "l1"},
    ],
)
def test_code_snippet_gives_the_same_model_with_scikit_learn(query, capsys):
    at = _page(query)
    namespace = run_snippet(at)
    values = {**DEFAULTS}
    for key, raw in query.items():
        values[key] = raw if key == "penalty" else type(DEFAULTS[key])(float(raw))
    path, point = _point(values)
    np.testing.assert_allclose(namespace["beta"], point.beta, atol=1e-7)
    assert np.all((np.abs(namespace["beta"]) < 1e-12) == (point.beta == 0.0))
    np.testing.assert_allclose(namespace["twin"], point.beta, atol=1e-7)
    # … and the numbers the page shows.
    shown = {m.label: m.value for m in at.metric}
    assert f"{namespace['t']:.3g}" == shown[[k for k in shown if k.startswith("t(λ)")][0]]
    assert f"{namespace['train_mse']:.3g}" == shown["training MSE"]
    assert f"{namespace['test_mse']:.3g}" == shown["test MSE"]
    fit = re.search(r"β̂ = \(([^,]+), ([^)]+)\)", _notice(at))
    assert [float(fit.group(1)), float(fit.group(2))] == pytest.approx(
        namespace["beta"].tolist(), rel=1e-3, abs=1e-9
    )


def test_classroom_mode_hides_secondary_controls():
    at = _page({"classroom": "1"})
    check.classroom_hides_the_details(at, SPEC)  # hides n and the seed
    assert not at.number_input
    assert at.select_slider(key="one_lambda_lam").value == DEFAULTS["lam"]
    assert len(plotly_specs(at)) == 3


def test_animate_draws_one_figure_whose_frames_play_the_three_views():
    at = _page({"play": "1"})
    figures = _figures(at)
    assert len(figures) == 1 and len(figures[0]["frames"]) >= 30
    nearest = lambda lam: int(np.argmin(abs(np.log(play_lambdas() / lam))))  # noqa: E731
    assert figures[0]["layout"]["sliders"][0]["active"] == nearest(0.32)
    assert len(plotly_specs(at)[0]) < check.MAX_MOVE_BYTES
    at.select_slider(key="one_lambda_lam").set_value(3.2).run()
    assert not at.exception
    moved = _figures(at)[0]
    assert moved["layout"]["sliders"][0]["active"] == nearest(3.2)
    assert [m.value for m in at.metric][0] == "3.2"
    at.toggle(key="one_lambda_play").set_value(False).run()
    assert len(_figures(at)) == 3  # back to three figures side by side
