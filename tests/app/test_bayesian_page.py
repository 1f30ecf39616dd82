"""AppTest of the Bayesian page: it opens where the Laplace MAP is exactly 0, its controls
change the figures within the byte budget, links old and new, presets, and the
scikit-learn snippet reproducing the MAP and the posterior mean (tampered links, Reset and a
failing core call: test_page_contract)."""

from __future__ import annotations

import json
from functools import partial

import numpy as np
import page_checks as check
import pytest
from apptest_helpers import chart_alt, charts, open_clean, plotly_specs, run_snippet

from regviz.experiments.bayes import (
    DEFAULTS,
    PRESETS,
    PRIOR_SD_SWEEP,
    lambda_for_prior,
    page_sweeps,
    page_views,
)
from regviz.ui.specs.bayesian import SPEC

_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


def _notice(at) -> str:
    return next(c.value for c in at.caption if "What to notice" in c.value)


def _figures(at) -> list[dict]:
    return [json.loads(spec) for spec in plotly_specs(at)]


def _printed(figure: dict) -> list[str]:
    """The texts printed on a figure (its annotations)."""
    return [note["text"] for note in figure["layout"].get("annotations", [])]


def _values(query: dict[str, str]) -> dict:
    values = dict(DEFAULTS)
    for key, raw in query.items():
        values[key] = type(DEFAULTS[key])(float(raw))
    return values


def test_page_renders_figure_and_mapping():
    at = _page()
    assert "Bayesian" in at.title[0].value
    figures = _figures(at)
    assert len(figures) == 2  # Laplace and Gaussian: separate figures, they stack on a phone
    notice = _notice(at)
    assert "What to notice" in notice and "posterior mean" in notice
    assert notice.count("What to notice") == 1
    assert any("The exact mapping to λ" in s.value for s in at.subheader)
    assert at.latex and "\\lambda_{\\text{lasso}}" in at.latex[0].value


def test_page_opens_where_the_laplace_map_is_exactly_zero_and_prints_map_and_mean():
    laplace, gaussian = page_views(**DEFAULTS)
    assert laplace.map[0] == 0.0  # computed: the point of the page, at its default
    assert gaussian.map[0] != 0.0 and laplace.summary.mean[0] != 0.0
    at = _page()
    left, right = _figures(at)
    assert left["layout"]["title"]["text"].startswith("Laplace prior → lasso")
    assert right["layout"]["title"]["text"].startswith("Gaussian prior → ridge")
    assert "MAP = 0 exactly" in _printed(left)
    assert f"mean = {laplace.summary.mean[0]:.3g}" in _printed(left)
    assert f"MAP = mean = {gaussian.map[0]:.3g}" in _printed(right)
    assert "sets β to **exactly 0**" in _notice(at)
    # Printed in the theme's colour: no figure text is given a colour of its own here
    # (the frame sets the theme's text colour on every annotation).
    colors = {note.get("font", {}).get("color") for note in left["layout"]["annotations"]}
    assert colors == {"#31333F"}
    # Legends sit under the plot.
    assert left["layout"]["legend"]["orientation"] == "h"
    assert left["layout"]["legend"]["y"] == 0 and left["layout"]["legend"]["yanchor"] == "bottom"


def test_both_panels_are_redrawn_in_place():
    check.kept_mounted(_page(), SPEC, every_figure=True)


def test_live_text_alternatives_state_the_numbers():
    at = _page()
    laplace_alt, gaussian_alt = (chart_alt(chart) for chart in charts(at))
    assert "is exactly 0" in laplace_alt and "λ = 1.13" in laplace_alt
    assert "0.332" in laplace_alt and "0.385" in gaussian_alt
    at.slider(key="bayesian_c1").set_value(2.0).run()
    laplace_alt = chart_alt(charts(at)[0])
    assert "is exactly 0" not in laplace_alt
    assert f"is {page_views(**(DEFAULTS | {'c1': 2.0}))[0].map[0]:.3g}" in laplace_alt


def test_first_slider_changes_the_main_figure():
    at = _page()
    check.move_changes_the_first_figure(at, SPEC, "c1", -0.5)
    assert at.query_params["c1"] == "-0.5"


def test_two_coefficients_and_weak_data_preset_show_an_exact_zero():
    at = _page()
    at.radio(key="bayesian_dims").set_value(2).run()
    assert not at.exception
    assert at.slider(key="bayesian_c2") is not None
    assert "exactly 0" in _notice(at)
    at.button(key="bayesian_preset_3").click().run()  # two coefficients, n = 20
    assert not at.exception
    assert "The Laplace MAP sets β₂ to **exactly 0**" in _notice(at)
    at.button(key="bayesian_preset_0").click().run()  # weak data
    assert not at.exception
    assert "exactly 0" in _notice(at)


def test_a_mean_of_exactly_zero_by_symmetry_is_said_on_the_plot_and_in_the_caption():
    at = _page({"dims": "2", "n": "20", "c2": "0", "rho": "0"})
    notice = _notice(at)
    assert "posterior mean of β₂ is exactly 0 too, by symmetry" in notice
    assert "uncorrelated (ρ = 0)" in notice
    assert any("0 by symmetry" in text for text in _printed(_figures(at)[0]))
    at.slider(key="bayesian_rho").set_value(0.3).run()
    notice = _notice(at)
    assert "by symmetry" not in notice and "not zero" in notice


def test_the_lambda_mapping_is_stated_with_the_current_numbers():
    at = _page({"sigma": "3", "n": "40", "prior_sd": "0.7"})
    text = " ".join(m.value for m in at.markdown)
    lasso = lambda_for_prior("laplace", 0.7 / np.sqrt(2), 3.0, 40)
    ridge = lambda_for_prior("gaussian", 0.7, 3.0, 40)
    assert f"= {lasso:.3g}**" in text and f"Lasso(alpha={lasso:.3g})" in text
    assert f"= {ridge:.3g}**" in text and f"Ridge(alpha={40 * ridge:.3g})" in text
    assert "λ = σ²/(n·b)" in SPEC.control("prior_sd").help
    assert "Ridge(alpha = n·λ)" in SPEC.control("prior_sd").help  # LAMBDA_HELP


ONE_COEFFICIENT_MOVES = [("c1", 0.55), ("prior_sd", 0.35), ("dims", 2), ("sigma", 2.6), ("n", 37)]
TWO_COEFFICIENT_MOVES = [("c1", -0.7), ("c2", 0.45), ("prior_sd", 1.5), ("sigma", 4.0),
                         ("n", 300), ("rho", -0.85)]  # fmt: skip


@pytest.mark.parametrize(
    "setup, name, value",
    [({}, *move) for move in ONE_COEFFICIENT_MOVES]
    + [({"dims": "2"}, *move) for move in TWO_COEFFICIENT_MOVES],
)
def test_every_control_move_changes_the_figures_within_250_kB(setup, name, value):
    check.move_within_budget(_page(setup), SPEC, name, value)


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    at = _page({"c1": "-2", "prior_sd": "2", "sigma": "0.5", "n": "200"})
    expected = check.preset_sets_its_full_state(at, SPEC, index)
    assert expected["play"] is False  # a preset is a setting; Play is a way of looking
    laplace = page_views(**{k: v for k, v in expected.items() if k != "play"})[0]
    assert ("**exactly 0**" in _notice(at)) == bool(np.any(laplace.map == 0.0))


def test_a_link_sets_the_controls_and_old_links_still_work():
    new = {"c1": "0.55", "dims": "2", "rho": "-0.4"}
    check.link_opens(SPEC, new, {"c1": 0.55, "dims": 2, "rho": -0.4})
    # Links from before the page frame: bay_… names and the radio's label.
    old = {"bay_c1": "0.55", "bay_dims": "two (β₁, β₂)", "bay_c2": "-0.3", "bay_sigma": "1.5",
           "bay_n": "40", "bay_prior_sd": "0.8", "bay_rho": "0.6"}  # fmt: skip
    shown = {"dims": 2, "c1": 0.55, "c2": -0.3, "sigma": 1.5, "n": 40, "prior_sd": 0.8, "rho": 0.6}
    check.link_opens(SPEC, old, shown)


def test_an_old_link_keeps_the_old_defaults_it_left_out():
    # The page opened at n = 20 before the frame; an old link without bay_n meant 20.
    check.link_opens(SPEC, {"bay_sigma": "3"}, {"sigma": 3.0, "n": 20})
    assert _page({"sigma": "3"}).slider(key="bayesian_n").value == DEFAULTS["n"]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"c1": "0.3", "n": "1"},
        {"dims": "2", "n": "20"},
        {"dims": "2", "n": "20", "c2": "0", "rho": "0"},
        {"dims": "2", "n": "1", "sigma": "5", "prior_sd": "0.05", "rho": "0.9"},
        {"dims": "2", "c1": "-2", "c2": "1.5", "rho": "-0.6", "n": "250", "sigma": "0.3"},
    ],
)
def test_code_snippet_reproduces_the_map_and_the_posterior_mean(query, capsys):
    at = _page(query)
    namespace = run_snippet(at)
    code = at.code[0].value
    laplace, gaussian = page_views(**_values(query))
    np.testing.assert_allclose(namespace["map_laplace"], laplace.map, atol=1e-7)
    assert np.all((np.abs(namespace["map_laplace"]) < 1e-12) == (laplace.map == 0.0))
    np.testing.assert_allclose(namespace["map_gaussian"], gaussian.map, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(namespace["mean_laplace"], laplace.summary.mean, rtol=1e-12)
    np.testing.assert_allclose(namespace["mean_gaussian"], gaussian.summary.mean, rtol=1e-12)
    assert namespace["lam_lasso"] == pytest.approx(laplace.lam, rel=1e-12)
    assert namespace["lam_ridge"] == pytest.approx(gaussian.lam, rel=1e-12)
    # … and what the page prints: the figures' labels and the caption.
    printed = " ".join(_printed(_figures(at)[0]))
    for value, exact in zip(namespace["mean_laplace"], laplace.summary.exact_zero, strict=True):
        assert (value == 0.0 and exact) or f"{value:.3g}" in printed
    if laplace.n >= laplace.n_coef:  # data with XᵀX/n = H exist: scikit-learn fits them
        assert "Lasso(alpha=lam_lasso" in code and "Ridge(alpha=n * lam_ridge" in code
    else:
        assert 'solve_penalized(c, H, penalty="l1", lam=lam_lasso)' in code
    assert "posterior_summary(c, H, sigma, n," in code


def test_classroom_mode_hides_the_correlation_control():
    at = _page({"classroom": "1"})
    at.radio(key="bayesian_dims").set_value(2).run()
    assert not at.exception
    check.classroom_hides_the_details(at, SPEC, {**SPEC.defaults, "dims": 2})  # hides ρ
    assert at.slider(key="bayesian_c1").value == DEFAULTS["c1"]
    assert len(plotly_specs(at)) == 2


# ------------------------------------------------------------------ ▶ Animate (issue 15)


def _frames(figure: dict) -> list:
    return figure.get("frames") or []


def test_animate_gives_each_panel_frames_within_the_byte_budget():
    at = _page()
    assert at.toggle(key="bayesian_play").value is False
    assert not any(_frames(f) for f in _figures(at))  # off: the page as it was
    # Turning it on resends both figures, now with frames: one move, ≤ 250 kB.
    check.move_within_budget(at, SPEC, "play", True)
    assert "play" in at.query_params  # a link opens with Play
    sweeps = page_sweeps(**{k: v for k, v in DEFAULTS.items() if k != "prior_sd"})
    for figure, sweep in zip(_figures(at), sweeps, strict=True):
        frames = _frames(figure)
        assert len(frames) == sweep.n_frames == len(PRIOR_SD_SWEEP)
        said = [frame["data"][-1]["text"][0] for frame in frames]
        assert said == list(sweep.texts) and len(set(said)) == len(said)
        assert figure["layout"]["updatemenus"][0]["buttons"][0]["label"] == "▶ Play"
    help_text = SPEC.control("play").help  # names the sweep's ends
    assert f"from {PRIOR_SD_SWEEP[0]:g} to {PRIOR_SD_SWEEP[-1]:g}" in help_text
    # The notes, numbers and code still describe the page's own prior sd.
    assert "sets β to **exactly 0**" in _notice(at)
    at.toggle(key="bayesian_play").set_value(False).run()
    assert not at.exception
    assert not any(_frames(f) for f in _figures(at))


@pytest.mark.parametrize("dims", [1, 2])
def test_with_animate_on_a_prior_sd_move_keeps_the_frames_and_stays_in_budget(dims):
    at = _page({"play": "true", "dims": str(dims)})
    before = [_frames(f) for f in _figures(at)]
    assert all(len(frames) == len(PRIOR_SD_SWEEP) for frames in before)
    check.move_within_budget(at, SPEC, "prior_sd", 1.5)
    after = _figures(at)
    assert [_frames(f) for f in after] == before  # nothing recomputed, nothing changed
    laplace = page_views(**DEFAULTS | {"dims": dims, "prior_sd": 1.5})[0]
    assert f"λ = {laplace.lam:.3g}" in after[0]["data"][-1]["text"][0]
    # Another setting moves the frames too.
    check.move_within_budget(at, SPEC, "c1", -0.5)
    assert [_frames(f) for f in _figures(at)] != before


@pytest.mark.parametrize("setup", [{"classroom": "1"}, {"dims": "2", "n": "1", "sigma": "5"}])
def test_animate_runs_cleanly_in_class_and_on_weak_data(setup):
    at = _page({"play": "true", **setup})
    figures = _figures(at)
    assert len(figures) == 2 and all(len(_frames(f)) == len(PRIOR_SD_SWEEP) for f in figures)
    assert sum(len(spec) for spec in plotly_specs(at)) <= check.MAX_MOVE_BYTES
