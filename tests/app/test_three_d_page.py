"""AppTest of the Three coefficients page: 3-D balls side by side, controls, links, Monte Carlo."""

from __future__ import annotations

from functools import partial

import numpy as np
import page_checks as check
import pytest
from apptest_helpers import chart_alt, charts, notes, open_clean, plotly_specs, run_snippet
from apptest_helpers import decoded as _decoded
from apptest_helpers import figure as _figure

import regviz.experiments.montecarlo3d
from regviz.experiments.geometry3d_scenes import (
    DEFAULTS,
    PRESETS,
    alt_text,
    scenes_for_settings,
    sweeps_for_settings,
)
from regviz.experiments.montecarlo3d import MOVE_TRIALS
from regviz.ui.specs.three_d import SPEC

_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


def _solution_trace(figure: dict) -> dict:
    return next(tr for tr in figure["data"] if tr.get("name", "").startswith("β̂"))


def _beta_drawn(figure: dict) -> np.ndarray:
    trace = _solution_trace(figure)
    return np.array([_decoded(trace[axis])[0] for axis in "xyz"], dtype=float)


def _chart_alts(at) -> list[str]:
    return [chart_alt(chart) for chart in charts(at)]


def _shown_betas(at) -> list[tuple[str, str]]:
    """(value, note) of each β̂ under the figures: an exact zero is ("0", "exactly")."""
    return [(m.value, m.delta) for m in at.metric if m.label.startswith("β̂")]


def _mc_caption(at) -> str:
    return next(text for text in notes(at) if "In 2-D the diamond" in text)


def test_page_opens_with_the_octahedron_next_to_the_sphere():
    at = _page()
    assert at.title[0].value == "Three coefficients: octahedron vs sphere"
    assert DEFAULTS["side_by_side"] is True
    left, right, bars = _figure(at, 0), _figure(at, 1), _figure(at, 2)
    assert left["layout"]["title"]["text"].startswith("L1 (lasso)")
    assert right["layout"]["title"]["text"].startswith("L2 (ridge)")
    for figure in (left, right):
        assert [tr["type"] for tr in figure["data"]][:3] == ["mesh3d", "scatter3d", "mesh3d"]
        assert figure["layout"]["scene"]["aspectmode"] == "cube"
        assert figure["layout"]["height"] == 480
    # β̂ is marked with its zeros: at the default the octahedron is touched on an edge.
    l1, l2 = scenes_for_settings(DEFAULTS)
    assert l1.n_zero == 1 and l2.n_zero == 0
    assert "1 of 3 coefficients exactly 0" in _solution_trace(left)["name"]
    assert _solution_trace(left)["text"] == ["β̂: β₃ = 0"]
    assert "no coefficient exactly 0" in _solution_trace(right)["name"]
    assert _shown_betas(at)[2] == ("0", "exactly")
    assert ("0", "exactly") not in _shown_betas(at)[3:]
    # Live text alternatives and "What to notice" come from the experiment's functions.
    alts = _chart_alts(at)
    assert "one coefficient is exactly zero (β₃)" in alts[0]
    assert "no coefficient is exactly zero" in alts[1]
    assert alts[2].startswith(f"Bars over {MOVE_TRIALS:,} random bowls")
    assert any("Same bowl, side by side" in text for text in notes(at))
    assert any("β₃ = 0 exactly" in text for text in notes(at))
    # The Monte Carlo is linked to the 2-D run of the same design.
    assert "in 3-D the octahedron zeroes at least one of three" in _mc_caption(at)
    assert bars["data"][0]["name"] == "L1 (lasso)"


def test_the_3d_scenes_are_redrawn_in_place_and_the_counts_are_not():
    at = _page()
    check.kept_mounted(at, SPEC)
    one_ball = _page({"side_by_side": "0", "penalty": "elasticnet"})
    check.kept_mounted(one_ball, SPEC)


def test_main_controls_sit_above_the_figures_and_the_monte_carlo_has_its_own():
    at = _page()
    order = [f"{element.type}:{getattr(element, 'key', '') or ''}" for element in at.main]
    # The 3-D figures are kept mounted in the browser (a live chart), the bars are plotly's.
    first_chart = order.index("bidi_component:three_d_figure_l1")
    for key in ("radio:three_d_mode", "slider:three_d_t", "toggle:three_d_side_by_side"):
        assert order.index(key) < first_chart, key
    # Presets and notes come after the figures; the Monte Carlo controls sit above its chart.
    assert order.index("button:three_d_preset_0") > order.index("bidi_component:three_d_figure_l2")
    bars = order.index("plotly_chart:three_d_montecarlo")
    assert order.index("button:three_d_preset_0") < order.index("subheader:")
    for key in ("slider:three_d_mc_spread", "selectbox:three_d_mc_kappa", "radio:three_d_mc_eps"):
        if key in order:
            assert order.index("subheader:") < order.index(key) < bars, key


# Moved one after another on one page, as a student moves them.
TOP_MOVES = {"t": 0.5, "c1": 1.0, "c2": 0.3, "c3": 1.5, "kappa": 2.0, "yaw": 40.0, "pitch": 10.0,
             "roll": 30.0, "middle": 0.9, "mode": "lam", "lam": 0.5, "side_by_side": False,
             "penalty": "elasticnet", "l1_ratio": 0.8}  # fmt: skip
MC_MOVES = {"mc_spread": 3.0, "mc_kappa": "10-100", "mc_rotation": "aligned",
            "mc_centers": "gaussian", "mc_mix": 0.8, "mc_eps": 0.1, "mc_seed": 3}  # fmt: skip


def test_every_main_control_changes_the_figures_within_250_kB():
    at = _page()
    for name, value in TOP_MOVES.items():
        # One ball at a time draws one 3-D figure instead of two.
        check.move_within_budget(at, SPEC, name, value, same_figures=False)
        assert name in at.query_params, f"{name} is not in the link"


def test_every_monte_carlo_control_changes_its_figure_within_250_kB():
    at = _page()
    top = plotly_specs(at)[:2]
    for name, value in MC_MOVES.items():
        before = plotly_specs(at)[2]
        check.move_within_budget(at, SPEC, name, value)
        assert plotly_specs(at)[2] != before, f"moving {name} did not change the Monte Carlo"
        assert plotly_specs(at)[:2] == top, f"{name} redrew the 3-D figures"


def test_lambda_mode_shows_lambda_itself_and_the_matching_budget():
    at = _page({"mode": "lam", "lam": "2"})
    lam = at.select_slider(key="three_d_lam")
    assert "λ" in lam.label and "0.01" in lam.options and "10" in lam.options
    assert lam.value == 2.0
    assert _figure(at, 0)["layout"]["title"]["text"].endswith("λ = 2")


def test_a_link_sets_the_controls():
    link = {"t": "2.5", "side_by_side": "0", "penalty": "l2", "mc_spread": "4"}
    at = check.link_opens(SPEC, link, {"t": 2.5, "penalty": "l2", "mc_spread": 4.0})
    assert len(plotly_specs(at)) == 2  # one ball, and the Monte Carlo
    assert _figure(at, 0)["layout"]["title"]["text"].startswith("L2 (ridge): t = 2.50")


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    name = list(PRESETS)[index]
    at = _page({"t": "3.0", "side_by_side": "0", "kappa": "15", "mc_spread": "5"})
    check.preset_sets_its_full_state(at, SPEC, index)
    assert at.slider(key="three_d_mc_spread").value == 2.0  # presets leave the Monte Carlo be
    # The figures show the preset's solutions, with their zeros.
    for index_, scene in enumerate(scenes_for_settings(PRESETS[name])):
        assert np.allclose(_beta_drawn(_figure(at, index_)), scene.beta, atol=1e-6)


@pytest.mark.parametrize(
    "query", [{}, {"mode": "lam", "lam": "0.5"}, {"side_by_side": "0", "penalty": "elasticnet"}]
)
def test_code_snippet_reproduces_the_page_numbers(query, capsys):
    at = _page(query)
    assert "from regviz import solve_constrained_3d" in at.code[0].value
    namespace = run_snippet(at)
    betas = list(namespace["beta"].values())
    shown = _shown_betas(at)
    expected = [(f"{b:.3f}", "") if b != 0 else ("0", "exactly") for beta in betas for b in beta]
    assert expected == shown
    for index, beta in enumerate(betas):
        assert np.allclose(_beta_drawn(_figure(at, index)), beta, atol=1e-6)
    assert "exact zeros:" in capsys.readouterr().out


def test_alt_text_follows_the_state():
    at = _page()
    assert _chart_alts(at)[:2] == [alt_text([scene]) for scene in scenes_for_settings(DEFAULTS)]
    at.slider(key="three_d_t").set_value(0.2).run()
    l1, l2 = scenes_for_settings({"t": 0.2})
    assert _chart_alts(at)[:2] == [alt_text([l1]), alt_text([l2])]
    assert "β̂ = (0.07, 0.13, 0.00)" in _chart_alts(at)[0]


def test_the_large_run_is_one_button_away(monkeypatch):
    monkeypatch.setattr(regviz.experiments.montecarlo3d, "LARGE_TRIALS", 20_000)
    at = _page({"mc_seed": "17"})
    assert f"{MOVE_TRIALS:,} random bowls" in _chart_alts(at)[2]
    at.button(key="three_d_run_large").click().run()
    assert not at.exception
    assert "20,000 random bowls" in _chart_alts(at)[2]
    at.slider(key="three_d_t").set_value(0.5).run()  # kept for this design
    assert "20,000 random bowls" in _chart_alts(at)[2]


def test_classroom_mode_hides_secondary_controls_and_sizes_for_a_projector():
    at = _page({"classroom": "1"})
    keys = [s.key for s in at.slider]
    assert "three_d_roll" not in keys and "three_d_middle" not in keys
    assert not [n for n in at.number_input if n.key == "three_d_mc_seed"]
    assert _figure(at, 0)["layout"]["height"] == 400


def test_animate_gives_each_ball_frames_within_the_byte_budget():
    at = _page()
    assert at.toggle(key="three_d_play").value is False
    assert "frames" not in _figure(at, 0) and "frames" not in _figure(at, 1)
    # Turning it on resends both 3-D figures, now with frames: one move, ≤ 250 kB.
    check.move_within_budget(at, SPEC, "play", True)
    assert "play" in at.query_params  # a link opens with Play
    sweeps = sweeps_for_settings(DEFAULTS)
    for index, sweep in enumerate(sweeps):
        figure = _figure(at, index)
        assert len(figure["frames"]) == len(sweep.frames)
        assert figure["layout"]["sliders"][0]["active"] == sweep.active
        assert figure["layout"]["updatemenus"][0]["buttons"][0]["args"][1]["frame"]["redraw"]
        np.testing.assert_allclose(_beta_drawn(figure), sweep.current.beta, atol=1e-6)
    # The metrics and notes still describe the page's own setting.
    assert _shown_betas(at)[2] == ("0", "exactly")
    # With Play on, a move of t stays within the budget too, and the frames follow it.
    check.move_within_budget(at, SPEC, "t", 2.0)
    moved = sweeps_for_settings({"t": 2.0})
    assert _figure(at, 0)["layout"]["sliders"][0]["active"] == moved[0].active
    at.toggle(key="three_d_play").set_value(False).run()
    assert not at.exception
    assert "frames" not in _figure(at, 0)


def test_animate_in_lambda_mode_sweeps_lambda():
    at = _page({"play": "1", "mode": "lam", "lam": "0.5", "side_by_side": "0"})
    figures = [_figure(at, 0)]
    (sweep,) = sweeps_for_settings({"mode": "lam", "lam": 0.5, "side_by_side": False})
    assert sweep.by == "lam" and len(figures[0]["frames"]) == len(sweep.frames)
    titles = [frame["layout"]["title"]["text"] for frame in figures[0]["frames"]]
    assert "λ = 0.01" in titles[0] and "λ = 10" in titles[-1]
