"""AppTest of the Monte Carlo page: renders, reacts to its controls, reports bad input."""

from __future__ import annotations

import json

import pytest
import streamlit as st
from apptest_helpers import assert_inert_notices, notes, open_clean, open_page, plotly_specs
from apptest_helpers import figure as _figure

import regviz.experiments.montecarlo
from regviz.experiments.montecarlo import DEFAULTS, PRESETS, alt_text, describe_result
from regviz.ui.specs.monte_carlo import SPEC

PAGE = "pages/monte_carlo.py"
MAX_MOVE_BYTES = 250_000
DEFAULT_FIGURES = 8  # zero fractions, three balls, histogram, three zone maps
SIMULATE = "monte_carlo_design_run"  # the Simulate button under the main design row
SIMULATE_MORE = "monte_carlo_more_run"  # the Simulate button of the sidebar design form


def _page(query: dict | None = None):
    return open_clean(PAGE, query)


@pytest.fixture(scope="module")
def mc_page():
    return _page()


def _chart_keys(at) -> list[str]:
    return [chart.proto.id.rsplit("-", 1)[-1] for chart in at.get("plotly_chart")]


def _changed_bytes(before: list[str], after: list[str]) -> int:
    return sum(len(s) for i, s in enumerate(after) if i >= len(before) or s != before[i])


def test_page_renders_every_figure(mc_page):
    assert mc_page.title[0].value == "Monte Carlo: how often is a coefficient zero?"
    specs = plotly_specs(mc_page)
    assert len(specs) == DEFAULT_FIGURES
    main = json.loads(specs[0])
    assert [trace["type"] for trace in main["data"]] == ["bar", "bar"]
    assert "100,000" in main["layout"]["title"]["text"]
    # The caption's numbers come from the result: L1's exact-zero percentage appears in both.
    l1_exact = main["data"][0]["text"][0]
    assert any(l1_exact.replace(" ", "") in c.value.replace(" ", "") for c in mc_page.caption)
    assert not mc_page.error


def test_the_main_controls_sit_above_the_main_figure(mc_page):
    # The design row (spread, κ, a million) and its Simulate button come before any chart.
    keys = [w.key for w in mc_page.main.get("slider")] + [w.key for w in mc_page.toggle]
    assert "monte_carlo_scale" in keys and "monte_carlo_million" in keys
    assert mc_page.select_slider(key="monte_carlo_kappa").value == DEFAULTS["kappa"]
    assert mc_page.button(key=SIMULATE).label == "Simulate"
    assert _chart_keys(mc_page)[0] == "monte_carlo_fractions"


def test_first_slider_changes_the_main_figure_when_simulate_is_pressed(mc_page):
    before = plotly_specs(mc_page)[0]
    mc_page.slider(key="monte_carlo_scale").set_value(4.0)
    mc_page.run()  # a form: nothing runs until Simulate
    assert plotly_specs(mc_page)[0] == before
    mc_page.slider(key="monte_carlo_scale").set_value(4.0)
    mc_page.button(key=SIMULATE).click().run()
    assert not mc_page.exception
    assert plotly_specs(mc_page)[0] != before
    assert mc_page.query_params["scale"] == "4"
    # The zone maps follow the Monte Carlo's box: centers in [−4t, 4t]².
    zone = _figure(mc_page, 5)
    assert zone["data"][0]["x0"] == pytest.approx(-4.0)


def test_kappa_range_moves_as_a_pair():
    at = _page()
    at.select_slider(key="monte_carlo_kappa").set_value((1.0, 100.0))
    at.button(key=SIMULATE).click().run()
    assert not at.exception
    assert tuple(at.select_slider(key="monte_carlo_kappa").value) == (1.0, 100.0)
    assert at.query_params["kappa"] == ["1", "100"]


def test_epsilon_is_live_and_reads_the_same_run():
    at = _page()
    before = plotly_specs(at)
    at.select_slider(key="monte_carlo_eps").set_value(0.1).run()  # no Simulate needed
    assert not at.exception
    after = plotly_specs(at)
    main = json.loads(after[0])
    assert main["data"][1]["name"] == "a coefficient below ε·t (ε = 0.1)"
    assert main["data"][0]["y"] == json.loads(before[0])["data"][0]["y"]  # exact zeros stay
    assert after[5] == before[5] and after[7] == before[7]  # L1, elastic-net zones: no ε
    assert after[6] != before[6]  # the circle's slivers widen
    assert at.query_params["eps"] == "0.1"
    assert any("within ε·t = 0.1·t" in text for text in notes(at))


def test_zone_map_slider_changes_only_the_zone_maps(mc_page):
    before = plotly_specs(mc_page)
    mc_page.slider(key="monte_carlo_zone_kappa").set_value(30.0).run()
    assert not mc_page.exception
    after = plotly_specs(mc_page)
    changed = [i for i, (a, b) in enumerate(zip(after, before, strict=True)) if a != b]
    assert changed == [5, 6, 7]
    assert any("condition number 30" in text for text in notes(mc_page))


def test_zone_caption_compares_the_zone_average_with_the_monte_carlo():
    at = _page()
    text = next(t for t in notes(at) if "For this bowl" in t)
    assert "Averaged over the same random bowls as the Monte Carlo" in text
    assert "[−2·t, 2·t]²" in text


def test_article_section_opens_on_demand_and_reacts():
    at = _page()
    assert len(plotly_specs(at)) == DEFAULT_FIGURES  # closed: nothing computed or sent
    at.toggle(key="monte_carlo_article").set_value(True).run()
    assert not at.exception
    assert len(plotly_specs(at)) == DEFAULT_FIGURES + 4
    assert any("The article reported 72 % (L1) vs 5 % (L2)" in t for t in notes(at))
    cloud_before = plotly_specs(at)[9]
    at.toggle(key="monte_carlo_art_boundary").set_value(False).run()
    assert not at.exception
    assert plotly_specs(at)[9] != cloud_before
    at.radio(key="monte_carlo_art_variant").set_value("orthogonal")
    at.button(key="monte_carlo_article_run").click().run()
    assert not at.exception
    assert at.radio(key="monte_carlo_art_variant").value == "orthogonal"
    assert "orthogonal" in _figure(at, DEFAULT_FIGURES)["layout"]["title"]["text"]


def test_p_feature_section_opens_on_demand():
    at = _page()
    at.toggle(key="monte_carlo_highdim").set_value(True).run()
    assert not at.exception
    assert len(plotly_specs(at)) == DEFAULT_FIGURES + 2
    assert any(t.startswith("**What to notice.** With p = 50 features") for t in notes(at))


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    name = list(PRESETS)[index]
    at = _page({"scale": "3", "eps": "0.03", "zone_kappa": "20"})
    at.button(key=f"monte_carlo_preset_{index}").click().run()
    assert not at.exception
    expected = SPEC.preset_values(name)
    assert tuple(at.select_slider(key="monte_carlo_kappa").value) == expected["kappa"]
    assert at.slider(key="monte_carlo_scale").value == expected["scale"]
    assert at.select_slider(key="monte_carlo_eps").value == expected["eps"]
    assert at.radio(key="monte_carlo_center_dist").value == expected["center_dist"]
    assert at.slider(key="monte_carlo_zone_kappa").value == expected["zone_kappa"]


def test_zero_budget_shows_a_plain_error():
    at = _page()
    at.slider(key="monte_carlo_t").set_value(0.0)
    at.button(key=SIMULATE_MORE).click().run()
    assert not at.exception
    assert at.error and "budget t = 0" in at.error[0].value


def test_classroom_mode_hides_secondary_controls():
    at = _page({"classroom": "1"})
    keys = {w.key for w in at.slider}
    assert "monte_carlo_scale" in keys
    assert "monte_carlo_t" not in keys and "monte_carlo_mix" not in keys
    assert at.select_slider(key="monte_carlo_eps").value == DEFAULTS["eps"]


def test_a_link_sets_a_control():
    at = _page({"scale": "3.5"})
    assert at.slider(key="monte_carlo_scale").value == 3.5
    assert _figure(at, 5)["data"][0]["x0"] == pytest.approx(-3.5)


@pytest.mark.parametrize(
    "query, key, kind, expected",
    [
        ({"mc_scale": "3.5"}, "monte_carlo_scale", "slider", 3.5),
        ({"mc_kappa": ["1", "10"]}, "monte_carlo_kappa", "select_slider", (1.0, 10.0)),
        ({"mc_kappa": ["2", "50"]}, "monte_carlo_kappa", "select_slider", (2.0, 50.0)),
        ({"mc_eps": "0.03"}, "monte_carlo_eps", "select_slider", 0.03),
        ({"mc_center_dist": "gaussian"}, "monte_carlo_center_dist", "radio", "gaussian"),
        ({"mc_zone_kappa": "12"}, "monte_carlo_zone_kappa", "slider", 12.0),
        ({"mc_art_variant": "symmetric"}, "monte_carlo_art_variant", "radio", "symmetric"),
        ({"mc_hd_strength": "0.4"}, "monte_carlo_hd_strength", "slider", 0.4),
    ],
)
def test_old_links_still_open_the_same_figure(query, key, kind, expected):
    at = _page(query)
    value = getattr(at, kind)(key=key).value
    assert (tuple(value) if isinstance(expected, tuple) else value) == expected
    assert not at.info  # nothing fell back
    if "mc_art_variant" in query:  # a link into the article's section opens it
        assert at.toggle(key="monte_carlo_article").value is True
        assert "symmetric" in _figure(at, DEFAULT_FIGURES)["layout"]["title"]["text"]
    if "mc_hd_strength" in query:
        assert at.toggle(key="monte_carlo_highdim").value is True
        assert len(plotly_specs(at)) == DEFAULT_FIGURES + 2


@pytest.mark.parametrize(
    "query",
    [
        {"mc_seed": "inf"},
        {"mc_seed": "-inf"},
        {"mc_seed": "9" * 400},
        {"seed": "1e400"},
        {"scale": "banana"},
        {"t": "1e400"},
        {"kappa": "nan"},
        {"mc_art_variant": "![x](https://example.invalid/x.png)"},
        {"evil": "<script>alert(1)</script>" * 300},
    ],
)
def test_tampered_links_fall_back_with_an_inert_notice(query):
    at = _page(query)
    assert len(plotly_specs(at)) >= DEFAULT_FIGURES
    assert at.number_input(key="monte_carlo_seed").value == DEFAULTS["seed"]
    assert_inert_notices(at, query)


def test_reset_puts_every_control_back():
    at = _page({"scale": "3", "zone_kappa": "20", "article": "1"})
    at.button(key="monte_carlo_reset").click().run()
    assert not at.exception
    assert at.slider(key="monte_carlo_scale").value == DEFAULTS["scale"]
    assert at.slider(key="monte_carlo_zone_kappa").value == 4.0
    assert at.toggle(key="monte_carlo_article").value is False
    assert dict(at.query_params) == {}
    assert len(plotly_specs(at)) == DEFAULT_FIGURES


def test_code_snippet_reproduces_the_fractions():
    at = _page({"scale": "1.5", "seed": "7"})
    code = next(c.value for c in at.code)
    assert "from regviz import simulate" in code
    namespace: dict = {}
    exec(compile(code, "snippet", "exec"), namespace)
    # The snippet's own result gives the page's sentence and the chart's live alt text.
    assert describe_result(namespace["res"]) in " ".join(notes(at))
    assert at.get("plotly_chart")[0].proto.alt == alt_text(namespace["res"])


@pytest.mark.parametrize(
    ("kind", "key", "value", "submit"),
    [
        ("slider", "scale", 3.0, SIMULATE),
        ("select_slider", "kappa", (1.0, 100.0), SIMULATE),
        ("select_slider", "eps", 0.03, None),  # live: read off the same run
        ("radio", "center_dist", "gaussian", SIMULATE_MORE),
        ("radio", "rotation", "fixed", SIMULATE_MORE),
        ("slider", "t", 2.0, SIMULATE_MORE),
        ("slider", "mix", 0.7, SIMULATE_MORE),
        ("number_input", "seed", 5, SIMULATE_MORE),
        ("slider", "zone_kappa", 30.0, None),
        ("slider", "zone_angle", 60.0, None),
    ],
)
def test_every_move_ships_at_most_250_kB(kind, key, value, submit):
    at = _page()
    before = plotly_specs(at)
    getattr(at, kind)(key=f"monte_carlo_{key}").set_value(value)
    if submit:
        at.button(key=submit).click()
    at.run()
    assert not at.exception
    after = plotly_specs(at)
    assert after != before, f"moving {key} changed no figure"
    assert _changed_bytes(before, after) <= MAX_MOVE_BYTES


@pytest.mark.parametrize(
    ("kind", "key", "value", "submit"),
    [
        ("toggle", "art_boundary", False, None),
        ("radio", "art_variant", "symmetric", "monte_carlo_article_run"),
        ("select_slider", "art_n", 400, "monte_carlo_article_run"),
        ("select_slider", "art_trials", 20_000, "monte_carlo_article_run"),
    ],
)
def test_every_article_move_ships_at_most_250_kB(kind, key, value, submit):
    at = _page({"article": "1"})
    before = plotly_specs(at)
    getattr(at, kind)(key=f"monte_carlo_{key}").set_value(value)
    if submit:
        at.button(key=submit).click()
    at.run()
    assert not at.exception
    after = plotly_specs(at)
    assert after != before and _changed_bytes(before, after) <= MAX_MOVE_BYTES


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [
        ("slider", "hd_strength", 0.4),
        ("slider", "hd_corr", 0.6),
        ("select_slider", "hd_problems", 50),
    ],
)
def test_every_p_feature_move_ships_at_most_250_kB(kind, key, value):
    at = _page({"highdim": "1"})
    before = plotly_specs(at)
    getattr(at, kind)(key=f"monte_carlo_{key}").set_value(value)
    at.button(key="monte_carlo_highdim_run").click().run()
    assert not at.exception
    after = plotly_specs(at)
    assert after != before and _changed_bytes(before, after) <= MAX_MOVE_BYTES


def test_a_first_visit_ships_at_most_600_kB():
    assert sum(len(s) for s in plotly_specs(_page())) <= 600_000


def test_run_a_million_toggle():
    at = _page()
    before = plotly_specs(at)
    at.toggle(key="monte_carlo_million").set_value(True)
    at.button(key=SIMULATE).click().run()
    assert not at.exception
    title = _figure(at)["layout"]["title"]["text"]
    assert "1,000,000" in title
    assert _changed_bytes(before, plotly_specs(at)) <= MAX_MOVE_BYTES


def test_a_failing_core_call_shows_an_error_not_a_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("The design is broken.")

    monkeypatch.setattr(regviz.experiments.montecarlo, "simulate", broken)
    st.cache_data.clear()
    at = open_page(PAGE)
    assert not at.exception
    assert at.error and "cannot be simulated" in at.error[0].value
    assert not plotly_specs(at)
    st.cache_data.clear()


def test_epsilon_rebuilds_only_the_figures_that_read_it(monkeypatch):
    """ε decides ridge's zeros only: a move rebuilds (and the browser redraws) the L2
    solution and zone figures, not the lasso's or the elastic net's."""
    import regviz.figures.monte_carlo as figures

    at = _page()
    built = []
    for name in ("make_solution_figure", "make_zone_figure"):
        original = getattr(figures, name)

        def counting(*args, _original=original, _name=name, **kwargs):
            built.append((_name, args[1]))
            return _original(*args, **kwargs)

        monkeypatch.setattr(figures, name, counting)
    before = plotly_specs(at)
    at.select_slider(key="monte_carlo_eps").set_value(0.1).run()
    assert not at.exception
    assert sorted(built) == [("make_solution_figure", "l2"), ("make_zone_figure", "l2")]
    after = plotly_specs(at)
    assert after[1] == before[1] and after[3] == before[3] and after[2] != before[2]


def test_the_other_epsilons_are_measured_after_the_page_has_drawn(monkeypatch):
    """The zone averages at the other ε are shelved in the background: a move of ε then
    measures nothing (only the current ε is measured while the visitor waits)."""
    import threading

    import regviz.experiments.zones as zones
    from regviz.experiments.montecarlo import NEAR_EPSILONS
    from regviz.ui.background import shelf

    shelf.clear()
    measured = []
    original = zones.design_zero_fractions_by_epsilon

    def counting(design, epsilons, **kwargs):
        measured.extend(epsilons)
        return original(design, epsilons, **kwargs)

    monkeypatch.setattr(zones, "design_zero_fractions_by_epsilon", counting)
    at = _page()
    assert measured[:1] == [DEFAULTS["eps"]]
    for thread in threading.enumerate():
        if thread.name == "regviz-fill-later":
            thread.join(120)
    assert sorted(measured) == sorted(NEAR_EPSILONS)
    at.select_slider(key="monte_carlo_eps").set_value(0.1).run()
    assert not at.exception and sorted(measured) == sorted(NEAR_EPSILONS)
    assert any("0.1" in text for text in notes(at))
