"""AppTest of the sample-complexity page (Ng 2004): full results, cursor, live run, links."""

from __future__ import annotations

import json
import re
from functools import partial

import page_checks as check
import pytest
from apptest_helpers import charts, notes, open_clean, plotly_specs, run_snippet

from regviz.experiments.samplecomplexity import (
    DEFAULTS,
    FULL_FEATURES,
    PRESETS,
    SETTINGS,
    load_results,
    nearest_point,
)
from regviz.figures.sample_complexity import CLASSROOM_HEIGHT
from regviz.ui.specs.sample_complexity import SPEC

KEY = "sample_complexity_"
RUN = "sample_complexity_run"


_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


def _notice(at) -> str:
    return next(text for text in notes(at) if text.startswith("**What to notice.**"))


def _state(at) -> dict:
    return {
        "m": at.segmented_control(key=KEY + "m").value,
        "features": at.select_slider(key=KEY + "features").value,
        "metric": at.radio(key=KEY + "metric").value,
        "live_setting": at.selectbox(key=KEY + "live_setting").value,
        "live_n_train": at.slider(key=KEY + "live_n_train").value,
        "live_max_features": at.slider(key=KEY + "live_max_features").value,
        "live_n_points": at.slider(key=KEY + "live_n_points").value,
        "live_repeats": at.slider(key=KEY + "live_repeats").value,
        "live_seed": at.number_input(key=KEY + "live_seed").value,
    }


def test_page_renders_the_full_results() -> None:
    at = _page()
    assert not at.error
    specs = plotly_specs(at)
    assert len(specs) == len(SETTINGS)  # one figure per setting; the live run waits for Run
    titles = [json.loads(spec)["layout"]["title"]["text"] for spec in specs]
    assert titles == ["(i) 1 relevant feature", "(ii) 3 relevant features",
                      "(iii) decaying weights"]  # fmt: skip
    for spec in specs:
        legend = json.loads(spec)["layout"]["legend"]
        assert legend["orientation"] == "h" and legend["y"] < 0  # below the plot
    notice = _notice(at)
    assert "Bayes" in notice and "d = 1000" in notice
    assert any("Settings of this run" in c.value for c in at.caption)
    assert at.info and "Press **Run**" in at.info[0].value
    assert _state(at) == DEFAULTS


def test_main_controls_sit_in_the_main_column_and_the_measure_in_the_sidebar() -> None:
    at = _page()
    assert KEY + "m" in [w.key for w in at.main.segmented_control]
    assert KEY + "features" in [w.key for w in at.main.select_slider]
    assert list(at.select_slider(key=KEY + "features").options) == [str(d) for d in FULL_FEATURES]
    assert [w.key for w in at.sidebar.radio] == [KEY + "metric"]
    assert not at.sidebar.slider  # every slider drives a figure from the main column


def test_feature_slider_moves_the_cursor_and_the_notice() -> None:
    at = _page()
    before = plotly_specs(at)
    at.select_slider(key=KEY + "features").set_value(100).run()
    assert not at.exception
    after = plotly_specs(at)
    assert all(a != b for a, b in zip(after, before, strict=True))  # every cursor moved
    assert "d = 100:" in _notice(at)
    assert at.query_params["features"] == "100"


def test_training_size_switches_every_figure_and_the_alt_text() -> None:
    at = _page()
    before = plotly_specs(at)
    at.segmented_control(key=KEY + "m").set_value(200).run()
    assert not at.exception
    assert all(a != b for a, b in zip(plotly_specs(at), before, strict=True))
    assert "with m = 200" in _notice(at)
    alts = [chart.proto.alt for chart in charts(at)]
    assert all("m = 200 training examples" in alt for alt in alts)
    l2 = nearest_point(load_results(), "one", 200, 1000).loc["l2"]
    assert f"L2 {l2.error_mean:.3f}" in alts[0]


def test_log_loss_view() -> None:
    at = _page()
    at.radio(key=KEY + "metric").set_value("log_loss").run()
    assert not at.exception
    assert all("log-loss" in spec for spec in plotly_specs(at))


def test_quick_live_run_draws_a_fourth_figure() -> None:
    at = _page()
    at.slider(key=KEY + "live_repeats").set_value(2).run()
    assert len(plotly_specs(at)) == len(SETTINGS)  # moving a setting runs nothing
    at.button(key=RUN).click().run()
    assert not at.exception
    assert len(plotly_specs(at)) == len(SETTINGS) + 1
    assert not at.info  # the prompt to press Run is replaced by the result
    assert any("Live run of (i)" in text for text in notes(at))
    live = charts(at)[-1].proto
    assert "at d = 1000: L1" in live.alt and "m = 100 training examples" in live.alt
    # The finished run stays while the main figure's controls move.
    at.select_slider(key=KEY + "features").set_value(30).run()
    assert len(plotly_specs(at)) == len(SETTINGS) + 1
    # Other live settings need Run again; going back is instant (the run is kept).
    at.slider(key=KEY + "live_repeats").set_value(1).run()
    assert len(plotly_specs(at)) == len(SETTINGS) and "Press **Run**" in at.info[0].value
    at.slider(key=KEY + "live_repeats").set_value(2).run()
    assert len(plotly_specs(at)) == len(SETTINGS) + 1


def test_too_big_live_run_gives_a_clear_message() -> None:
    at = _page()
    at.slider(key=KEY + "live_repeats").set_value(40).run()
    at.slider(key=KEY + "live_n_points").set_value(8).run()
    assert not at.exception
    assert at.error and "too many" in at.error[0].value
    assert len(plotly_specs(at)) == len(SETTINGS)  # the full run stays on screen


def test_a_link_sets_the_controls_and_old_ng_links_still_work() -> None:
    at = _page({"features": "100", "m": "200", "live_setting": "three"})
    assert at.select_slider(key=KEY + "features").value == 100
    assert at.segmented_control(key=KEY + "m").value == 200
    assert at.selectbox(key=KEY + "live_setting").value == "three"
    old = _page(
        {
            "ng_features": "250",
            "ng_m": "200",
            "ng_metric": "log_loss",
            "ng_live_setting": "exponential",
            "ng_live_n_train": "150",
            "ng_live_max_features": "500",
            "ng_live_n_points": "4",
            "ng_live_repeats": "5",
            "ng_live_seed": "7",
        }
    )
    assert not [info for info in old.info if "link" in info.value]  # nothing refused
    assert _state(old) == {
        "m": 200,
        "features": 200,  # old links named any d; the numbers were read at the nearest
        "metric": "log_loss",
        "live_setting": "exponential",
        "live_n_train": 150,
        "live_max_features": 500,
        "live_n_points": 4,
        "live_repeats": 5,
        "live_seed": 7,
    }
    assert "d = 200:" in _notice(old)
    assert all('"x0":200' in spec.replace(" ", "") for spec in plotly_specs(old))  # the cursor
    assert _page({"ng_features": "999"}).select_slider(key=KEY + "features").value == 1000
    assert all("log-loss" in spec for spec in plotly_specs(old))


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index) -> None:
    at = _page({"features": "500", "m": "200", "live_repeats": "7", "live_seed": "3"})
    expected = check.preset_sets_its_full_state(at, SPEC, index)
    assert _state(at) == expected


def test_reset_puts_every_control_back() -> None:
    at = _page({"features": "500", "m": "200", "metric": "log_loss", "live_repeats": "7"})
    assert at.query_params["features"] == "500"
    check.reset_restores_defaults(at, SPEC)
    assert _state(at) == DEFAULTS


@pytest.mark.parametrize(("m", "d"), [(100, 1000), (200, 30)])
def test_code_snippet_reproduces_the_plotted_numbers(m, d) -> None:
    at = _page({"m": str(m), "features": str(d)})
    namespace = run_snippet(at)
    point = namespace["point"]
    notice = _notice(at)
    for setting in SETTINGS:
        rows = point[point.setting == setting].set_index("penalty")
        for penalty, name in (("l1", "L1"), ("l2", "L2")):
            shown = f"{name} {rows.loc[penalty].error_mean:.3f} ± {rows.loc[penalty].error_se:.3f}"
            assert shown in notice, (setting, shown)
    # One fresh training set of setting (i): its errors scatter around the plotted means by
    # the spread over training sets (√repeats standard errors) plus its 5,000-point test set.
    plotted = nearest_point(load_results(), "one", m, d)
    for penalty, name in (("l1", "L1"), ("l2", "L2")):
        row = plotted.loc[penalty]
        spread = row.error_se * row.n_repeats**0.5 + 0.5 / 5_000**0.5
        assert abs(namespace["errors"][name] - row.error_mean) < 5 * spread
    if d >= 100:
        assert namespace["errors"]["L1"] < namespace["errors"]["L2"]


def test_every_move_ships_at_most_250_kB() -> None:
    at = _page()
    at.button(key=RUN).click().run()  # the live figure on screen too
    moves = [
        ("select_slider", "features", 10),
        ("segmented_control", "m", 200),
        ("radio", "metric", "log_loss"),
        ("selectbox", "live_setting", "three"),
        ("slider", "live_n_train", 110),
        ("slider", "live_max_features", 990),
        ("slider", "live_n_points", 4),
        ("slider", "live_repeats", 4),
        ("number_input", "live_seed", 1),
    ]
    for kind, name, value in moves:
        before = plotly_specs(at)
        getattr(at, kind)(key=KEY + name).set_value(value).run()
        assert not at.exception and not at.error
        changed = [s for s in plotly_specs(at) if s not in before]
        assert sum(map(len, changed)) <= check.MAX_MOVE_BYTES, (name, sum(map(len, changed)))
    assert re.search(r"features=10\b", "&".join(f"{k}={v}" for k, v in at.query_params.items()))


def test_classroom_mode_hides_secondary_controls_and_lowers_the_figures() -> None:
    at = _page({"classroom": "1"})
    assert not at.error
    assert not at.radio and not at.number_input  # the measure and the seed stay at defaults
    check.classroom_hides_the_details(at, SPEC)
    heights = [json.loads(spec)["layout"]["height"] for spec in plotly_specs(at)]
    assert heights == [CLASSROOM_HEIGHT] * len(SETTINGS)
    assert at.segmented_control(key=KEY + "m").value == DEFAULTS["m"]
