"""AppTest of the Monte Carlo page: renders, reacts to its controls, reports bad input."""

from __future__ import annotations

import json
from functools import partial

import page_checks as check
import pytest
from apptest_helpers import chart_alt, charts, notes, open_clean, plotly_specs, run_snippet
from apptest_helpers import figure as _figure

from regviz.experiments.montecarlo import DEFAULTS, PRESETS, alt_text, describe_result
from regviz.ui.specs.monte_carlo import SPEC

DEFAULT_FIGURES = 8  # zero fractions, three balls, histogram, three zone maps
SIMULATE = "monte_carlo_design_run"  # the Simulate button under the main design row
SIMULATE_MORE = "monte_carlo_more_run"  # the Simulate button of the sidebar design form
ARTICLE_RUN = "monte_carlo_article_run"  # the Run button of the article's section
HIGHDIM_RUN = "monte_carlo_highdim_run"  # the Run button of the p-feature section


_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


@pytest.fixture(scope="module")
def mc_page():
    return _page()


def _chart_keys(at) -> list[str]:
    return [chart.proto.id.rsplit("-", 1)[-1] for chart in charts(at)]


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


def test_the_figures_live_controls_redraw_are_kept_mounted(mc_page):
    # The spec names them by the page's figure keys: a renamed figure must not fall out.
    check.kept_mounted(mc_page, SPEC)


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
    at = _page({"scale": "3", "eps": "0.03", "zone_kappa": "20"})
    check.preset_sets_its_full_state(at, SPEC, index)


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
    check.classroom_hides_the_details(at, SPEC)  # hides t and the ball mix
    assert at.select_slider(key="monte_carlo_eps").value == DEFAULTS["eps"]


def test_a_link_sets_a_control():
    at = check.link_opens(SPEC, {"scale": "3.5"}, {"scale": 3.5})
    assert _figure(at, 5)["data"][0]["x0"] == pytest.approx(-3.5)


@pytest.mark.parametrize(
    "query, name, expected",
    [
        ({"mc_scale": "3.5"}, "scale", 3.5),
        ({"mc_kappa": ["1", "10"]}, "kappa", (1.0, 10.0)),
        ({"mc_kappa": ["2", "50"]}, "kappa", (2.0, 50.0)),
        ({"mc_eps": "0.03"}, "eps", 0.03),
        ({"mc_center_dist": "gaussian"}, "center_dist", "gaussian"),
        ({"mc_zone_kappa": "12"}, "zone_kappa", 12.0),
        ({"mc_art_variant": "symmetric"}, "art_variant", "symmetric"),
        ({"mc_hd_strength": "0.4"}, "hd_strength", 0.4),
    ],
)
def test_old_links_still_open_the_same_figure(query, name, expected):
    at = check.link_opens(SPEC, query, {name: expected})  # nothing fell back
    if "mc_art_variant" in query:  # a link into the article's section opens it
        assert at.toggle(key="monte_carlo_article").value is True
        assert "symmetric" in _figure(at, DEFAULT_FIGURES)["layout"]["title"]["text"]
    if "mc_hd_strength" in query:
        assert at.toggle(key="monte_carlo_highdim").value is True
        assert len(plotly_specs(at)) == DEFAULT_FIGURES + 2


def test_code_snippet_reproduces_the_fractions():
    at = _page({"scale": "1.5", "seed": "7"})
    assert "from regviz import simulate" in at.code[0].value
    namespace = run_snippet(at)
    # The snippet's own result gives the page's sentence and the chart's live alt text.
    assert describe_result(namespace["res"]) in " ".join(notes(at))
    assert chart_alt(charts(at)[0]) == alt_text(namespace["res"])


@pytest.mark.parametrize(
    ("name", "value", "submit"),
    [
        ("scale", 3.0, SIMULATE),
        ("kappa", (1.0, 100.0), SIMULATE),
        ("eps", 0.03, None),  # live: read off the same run
        ("center_dist", "gaussian", SIMULATE_MORE),
        ("rotation", "fixed", SIMULATE_MORE),
        ("t", 2.0, SIMULATE_MORE),
        ("mix", 0.7, SIMULATE_MORE),
        ("seed", 5, SIMULATE_MORE),
        ("zone_kappa", 30.0, None),
        ("zone_angle", 60.0, None),
    ],
)
def test_every_move_ships_at_most_250_kB(name, value, submit):
    check.move_within_budget(_page(), SPEC, name, value, submit=submit)


@pytest.mark.parametrize(
    ("name", "value", "submit"),
    [("art_boundary", False, None), ("art_variant", "symmetric", ARTICLE_RUN),
     ("art_n", 400, ARTICLE_RUN), ("art_trials", 20_000, ARTICLE_RUN)],
)  # fmt: skip
def test_every_article_move_ships_at_most_250_kB(name, value, submit):
    at = _page({"article": "1"})
    check.move_within_budget(at, SPEC, name, value, submit=submit)


@pytest.mark.parametrize(
    ("name", "value"), [("hd_strength", 0.4), ("hd_corr", 0.6), ("hd_problems", 50)]
)
def test_every_p_feature_move_ships_at_most_250_kB(name, value):
    at = _page({"highdim": "1"})
    check.move_within_budget(at, SPEC, name, value, submit=HIGHDIM_RUN)


def test_a_first_visit_ships_at_most_600_kB():
    assert sum(len(s) for s in plotly_specs(_page())) <= 600_000


def test_run_a_million_toggle():
    at = _page()
    check.move_within_budget(at, SPEC, "million", True, submit=SIMULATE)
    title = _figure(at)["layout"]["title"]["text"]
    assert "1,000,000" in title


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
    measures nothing (only the current ε is measured while the visitor waits). The
    default and preset designs ship theirs, so this opens another design."""
    import threading

    import regviz.experiments.zones as zones
    from regviz.experiments.montecarlo import NEAR_EPSILONS
    from regviz.ui.background import shelf

    def wait_for_the_background():
        for thread in threading.enumerate():
            if thread.name == "regviz-fill-later":
                thread.join(120)

    wait_for_the_background()  # a page an earlier test opened may still be filling the shelf
    shelf.clear()
    measured = []
    original = zones.design_zero_fractions_by_epsilon

    def counting(design, epsilons, **kwargs):
        measured.extend(epsilons)
        return original(design, epsilons, **kwargs)

    monkeypatch.setattr(zones, "design_zero_fractions_by_epsilon", counting)
    at = _page({"scale": "1.5"})
    assert measured[:1] == [DEFAULTS["eps"]]
    wait_for_the_background()
    assert sorted(measured) == sorted(NEAR_EPSILONS)
    at.select_slider(key="monte_carlo_eps").set_value(0.1).run()
    assert not at.exception and sorted(measured) == sorted(NEAR_EPSILONS)
    assert any("0.1" in text for text in notes(at))


def test_the_default_design_measures_no_zone_average(monkeypatch):
    """Every visitor's default view reads the shipped averages: nothing is measured, at
    the current ε or in the background."""
    import threading

    import regviz.experiments.zones as zones
    from regviz.ui.background import shelf

    for thread in threading.enumerate():
        if thread.name == "regviz-fill-later":
            thread.join(120)
    shelf.clear()
    measured = []

    def counting(*args, **kwargs):
        measured.append(args)
        raise AssertionError("measured a shipped average")

    monkeypatch.setattr(zones, "design_zero_fractions", counting)
    at = _page()
    for thread in threading.enumerate():
        if thread.name == "regviz-fill-later":
            thread.join(120)
    at.select_slider(key="monte_carlo_eps").set_value(0.1).run()
    assert not at.exception and measured == []
    assert any("0.1" in text for text in notes(at))
