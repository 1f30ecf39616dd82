"""AppTest of the Three coefficients page: 3-D balls side by side, controls, links, Monte Carlo."""

from __future__ import annotations

import numpy as np
import pytest
import streamlit as st
from apptest_helpers import assert_inert_notices, notes, open_clean, open_page, plotly_specs
from apptest_helpers import decoded as _decoded
from apptest_helpers import figure as _figure

import regviz.experiments.geometry3d_scenes
import regviz.experiments.montecarlo3d
from regviz.experiments.geometry3d_scenes import (
    DEFAULTS,
    PRESETS,
    alt_text,
    scenes_for_settings,
)
from regviz.experiments.montecarlo3d import MOVE_TRIALS

PAGE = "pages/three_d.py"
MAX_MOVE_BYTES = 250_000


def _page(query: dict[str, str] | None = None):
    return open_clean(PAGE, query)


def _solution_trace(figure: dict) -> dict:
    return next(tr for tr in figure["data"] if tr.get("name", "").startswith("β̂"))


def _beta_drawn(figure: dict) -> np.ndarray:
    trace = _solution_trace(figure)
    return np.array([_decoded(trace[axis])[0] for axis in "xyz"], dtype=float)


def _chart_alts(at) -> list[str]:
    return [chart.proto.alt for chart in at.get("plotly_chart")]


def _shown_betas(at) -> list[str]:
    return [m.value for m in at.metric if m.label.startswith("β̂")]


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
    assert _shown_betas(at)[2] == "0 (exactly)" and "0 (exactly)" not in _shown_betas(at)[3:]
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


def test_main_controls_sit_above_the_figures_and_the_monte_carlo_has_its_own():
    at = _page()
    order = [f"{element.type}:{getattr(element, 'key', '') or ''}" for element in at.main]
    first_chart = order.index("plotly_chart:three_d_figure_l1")
    for key in ("radio:three_d_mode", "slider:three_d_t", "toggle:three_d_side_by_side"):
        assert order.index(key) < first_chart, key
    # Presets and notes come after the figures; the Monte Carlo controls sit above its chart.
    assert order.index("button:three_d_preset_0") > order.index("plotly_chart:three_d_figure_l2")
    bars = order.index("plotly_chart:three_d_montecarlo")
    assert order.index("button:three_d_preset_0") < order.index("subheader:")
    for key in ("slider:three_d_mc_spread", "selectbox:three_d_mc_kappa", "radio:three_d_mc_eps"):
        if key in order:
            assert order.index("subheader:") < order.index(key) < bars, key


TOP_MOVES = [
    ("slider", "three_d_t", 0.5),
    ("slider", "three_d_c1", 1.0),
    ("slider", "three_d_c2", 0.3),
    ("slider", "three_d_c3", 1.5),
    ("slider", "three_d_kappa", 2.0),
    ("slider", "three_d_yaw", 40.0),
    ("slider", "three_d_pitch", 10.0),
    ("slider", "three_d_roll", 30.0),
    ("slider", "three_d_middle", 0.9),
    ("radio", "three_d_mode", "lam"),
    ("select_slider", "three_d_lam", 0.5),
    ("toggle", "three_d_side_by_side", False),
    ("radio", "three_d_penalty", "elasticnet"),
    ("slider", "three_d_l1_ratio", 0.8),
]
MC_MOVES = [
    ("slider", "three_d_mc_spread", 3.0),
    ("selectbox", "three_d_mc_kappa", "10-100"),
    ("radio", "three_d_mc_rotation", "aligned"),
    ("radio", "three_d_mc_centers", "gaussian"),
    ("slider", "three_d_mc_mix", 0.8),
    ("select_slider", "three_d_mc_eps", 0.1),
    ("number_input", "three_d_mc_seed", 3),
]


def _move(at, kind: str, key: str, value) -> tuple[bool, int]:
    """Move one control: did the figures change, and how many bytes of figures were re-sent
    (Streamlit sends only the charts whose JSON changed)."""
    before = plotly_specs(at)
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception, key
    after = plotly_specs(at)
    sent = sum(len(spec) for spec in after if spec not in before)
    return after != before, sent


def test_every_main_control_changes_the_figures_within_250_kB():
    at = _page()
    for kind, key, value in TOP_MOVES:
        changed, sent = _move(at, kind, key, value)
        assert changed, f"moving {key} changed no figure"
        assert sent <= MAX_MOVE_BYTES, f"{key}: {sent} bytes"
        name = key.removeprefix("three_d_")
        assert name in at.query_params, f"{key} is not in the link"


def test_every_monte_carlo_control_changes_its_figure_within_250_kB():
    at = _page()
    top = plotly_specs(at)[:2]
    for kind, key, value in MC_MOVES:
        before = plotly_specs(at)[2]
        changed, sent = _move(at, kind, key, value)
        assert plotly_specs(at)[2] != before, f"moving {key} did not change the Monte Carlo"
        assert sent <= MAX_MOVE_BYTES, f"{key}: {sent} bytes"
        assert plotly_specs(at)[:2] == top, f"{key} redrew the 3-D figures"


def test_lambda_mode_shows_lambda_itself_and_the_matching_budget():
    at = _page({"mode": "lam", "lam": "2"})
    lam = at.select_slider(key="three_d_lam")
    assert "λ" in lam.label and "0.01" in lam.options and "10" in lam.options
    assert lam.value == 2.0
    assert _figure(at, 0)["layout"]["title"]["text"].endswith("λ = 2")


def test_a_link_sets_the_controls():
    at = _page({"t": "2.5", "side_by_side": "0", "penalty": "l2", "mc_spread": "4"})
    assert at.slider(key="three_d_t").value == 2.5
    assert at.radio(key="three_d_penalty").value == "l2"
    assert at.slider(key="three_d_mc_spread").value == 4.0
    assert len(plotly_specs(at)) == 2  # one ball, and the Monte Carlo
    assert _figure(at, 0)["layout"]["title"]["text"].startswith("L2 (ridge): t = 2.50")


@pytest.mark.parametrize(
    "query",
    [
        {"mc_seed": "inf"},
        {"mc_seed": "-inf"},
        {"mc_seed": "9" * 400},
        {"t": "banana"},
        {"t": "1e400"},
        {"c1": "inf"},
        {"lam": "nan", "mode": "lam"},
        {"penalty": "![x](https://example.invalid/x.png)"},
        {"mc_kappa": "![x](https://example.invalid/x.png)"},
        {"evil": "<script>alert(1)</script>" * 300},
    ],
)
def test_tampered_links_fall_back_with_an_inert_notice(query):
    at = _page(query)
    assert len(plotly_specs(at)) == 3
    assert_inert_notices(at, query)


def test_reset_puts_every_control_back():
    at = _page({"t": "3.0", "side_by_side": "0", "c1": "-1", "mc_spread": "5"})
    at.button(key="three_d_reset").click().run()
    assert not at.exception
    assert at.slider(key="three_d_t").value == DEFAULTS["t"]
    assert at.slider(key="three_d_c1").value == DEFAULTS["c1"]
    assert at.toggle(key="three_d_side_by_side").value is DEFAULTS["side_by_side"]
    assert at.slider(key="three_d_mc_spread").value == 2.0
    assert dict(at.query_params) == {}


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    name = list(PRESETS)[index]
    at = _page({"t": "3.0", "side_by_side": "0", "kappa": "15", "mc_spread": "5"})
    at.button(key=f"three_d_preset_{index}").click().run()
    assert not at.exception
    expected = {**DEFAULTS, **PRESETS[name]}
    for key in ("t", "c1", "c2", "c3", "kappa", "yaw", "pitch"):
        assert at.slider(key=f"three_d_{key}").value == expected[key], key
    assert at.toggle(key="three_d_side_by_side").value is expected["side_by_side"]
    assert at.slider(key="three_d_mc_spread").value == 2.0
    # The figures show the preset's solutions, with their zeros.
    for index_, scene in enumerate(scenes_for_settings(PRESETS[name])):
        assert np.allclose(_beta_drawn(_figure(at, index_)), scene.beta, atol=1e-6)


@pytest.mark.parametrize(
    "query", [{}, {"mode": "lam", "lam": "0.5"}, {"side_by_side": "0", "penalty": "elasticnet"}]
)
def test_code_snippet_reproduces_the_page_numbers(query, capsys):
    at = _page(query)
    code = next(c.value for c in at.code)
    assert "from regviz import solve_constrained_3d" in code
    namespace: dict = {}
    exec(compile(code, "snippet", "exec"), namespace)
    betas = list(namespace["beta"].values())
    shown = _shown_betas(at)
    expected = [f"{b:.3f}" if b != 0 else "0 (exactly)" for beta in betas for b in beta]
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


def test_a_failing_core_call_shows_an_error_not_a_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("The bowl is flat.")

    monkeypatch.setattr(regviz.experiments.geometry3d_scenes, "loss_for_3d", broken)
    st.cache_resource.clear()
    at = open_page(PAGE, query={"c1": "1.3"})
    assert not at.exception
    assert at.error and "cannot be drawn" in at.error[0].value
    assert not plotly_specs(at)
