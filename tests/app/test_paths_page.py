"""AppTest of the Coefficient paths page: figures, λ control, views, synthetic truth, CSV.

Streamlit 1.67's AppTest supports ``st.file_uploader`` (``set_value((name, bytes, mime))``),
so every bad-CSV case is uploaded through the real widget; the page must show ``st.error``
(or an ``st.info`` notice for the cases it can repair) and keep running.
"""

from __future__ import annotations

import json

import numpy as np
import page_checks as check
import pytest
import streamlit as st
from apptest_helpers import chart_alt, charts, notes, open_page, plotly_specs, run_snippet
from apptest_helpers import figures as _figures
from streamlit import config

import regviz.experiments.crossval
import regviz.experiments.datasets
from regviz.experiments.paths import DEFAULTS, PRESETS
from regviz.figures.common import PENALTY_COLORS, TRUTH_COLOR
from regviz.ui.specs.paths import SPEC

PAGE = "pages/paths.py"


def _csv(header: str, rows: list[str]) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


GOOD_ROWS = [f"{i},{(i * 7) % 5},{(i * i) % 11},{2 * i + (i % 3)}" for i in range(40)]
GOOD = _csv("a,b,c,y", GOOD_ROWS)

# Cases the page must refuse with a message: bytes, a phrase of that message, and the
# feature columns the visitor then picks (None: the file is refused as it is).
REFUSED = {
    "empty file": (b"", "empty", None),
    "no numeric columns": (
        _csv("name,city", [f"n{i},c{i % 3}" for i in range(12)]),
        "no numeric column",
        None,
    ),
    "fewer than 10 rows": (_csv("a,b,c,y", GOOD_ROWS[:5]), "only 5 data rows", None),
    "binary file": (b"PK\x03\x04\x00\x00" * 50, "binary", None),
    # The constant column is not selected by default (nothing is, so the page asks for a
    # feature); picking it by hand is refused with its own sentence.
    "only a constant feature": (
        _csv("a,y", [f"{i},3" for i in range(15)]),
        "Every chosen feature is constant",
        ["y"],
    ),
    "too few complete rows": (
        _csv("a,y", [f"{i},{i if i < 6 else ''}" for i in range(15)]),
        "Only 6 rows",
        ["y"],
    ),
}

# Cases the page repairs, saying what it did: bytes and a phrase of the notice.
REPAIRED = {
    "non-numeric columns": (
        _csv("a,b,c,y,colour,name", [f"{r},{'rgb'[i % 3]},id{i}" for i, r in enumerate(GOOD_ROWS)]),
        "one-hot encoded",
    ),
    "missing values": (
        _csv("a,b,c,y", [r if i % 10 else f"{i},,1,{i}" for i, r in enumerate(GOOD_ROWS)]),
        "Dropped 4 of 40 rows",
    ),
    "constant column": (
        _csv("a,b,c,y,k", [f"{r},7" for r in GOOD_ROWS]),
        "same value in every row",
    ),
    "duplicated column names": (
        _csv("a,b,a,y", GOOD_ROWS),
        "renamed",
    ),
    "non-UTF-8 text": (
        "größe,b,c,y\n".encode("cp1252") + "\n".join(GOOD_ROWS).encode(),
        "not UTF-8",
    ),
}


@pytest.fixture(scope="module")
def paths_at():
    at = open_page(PAGE)
    assert not at.exception
    return at


def _texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def _lines(fig: dict) -> list[dict]:
    """The feature lines of a paths figure (one scatter per feature)."""
    return [
        t
        for t in fig["data"]
        if t.get("hovertemplate", "").startswith("<b>") and "λ =" in t["hovertemplate"]
    ]


def _labels(fig: dict) -> list[dict]:
    """The feature names written at the line ends (annotations beside the paths panel)."""
    return [a for a in fig["layout"].get("annotations", []) if a.get("yref") == "y"]


def _bytes(at) -> int:
    return sum(len(spec) for spec in plotly_specs(at))


def _upload(at, name: str, data: bytes):
    at.file_uploader(key="paths_csv").set_value((name, data, "text/csv")).run()
    return at


def _csv_page(**query):
    at = open_page(PAGE, query={"source": "csv", **query})
    assert not at.exception
    return at


# --------------------------------------------------------------------------- default view


def test_default_page_draws_lasso_and_ridge_side_by_side(paths_at):
    at = paths_at
    assert at.title[0].value == "Coefficient paths"
    assert DEFAULTS["view"] == "compare" and DEFAULTS["units"] == "standardized"
    lasso, ridge = _figures(at)
    for fig, name in ((lasso, "L1 (lasso)"), (ridge, "L2 (ridge)")):
        names = {t.get("name") for t in fig["data"]}
        assert {"CV error", "λ_min", "λ_1se"} <= names
        # glmnet's top axis: the count of non-zero coefficients, named by the penalty.
        top = [
            v for k, v in fig["layout"].items() if k.startswith("xaxis") and v.get("side") == "top"
        ]
        assert top and top[0]["title"]["text"] == f"{name}: non-zero coefficients"
        # Per 1 SD of x, on one λ axis ticking at powers of ten.
        assert fig["layout"]["yaxis"]["title"]["text"] == "coef. per SD"
        assert fig["layout"]["xaxis2"]["type"] == "log" and fig["layout"]["xaxis2"]["dtick"] == 1
    # The two figures share their ranges: the same λ and size sit at the same place.
    for axis in ("xaxis2", "yaxis", "yaxis2"):
        assert lasso["layout"][axis]["range"] == ridge["layout"][axis]["range"]
    notice = " ".join(notes(at))
    assert "What to notice" in notice and "λ_1se" in notice
    assert not at.error
    lam = at.select_slider(key="paths_lam")
    assert "λ" in lam.label and float(lam.value) > 0


def test_each_feature_has_its_own_shade_and_names_do_not_overlap(paths_at):
    for fig in _figures(paths_at):
        colors = [t["line"]["color"] for t in _lines(fig)]
        assert len(colors) == 10 and len(set(colors)) == 10
        labels = _labels(fig)
        y = np.sort([label["y"] for label in labels])
        span = np.diff(fig["layout"]["yaxis"]["range"])[0]
        assert len(y) >= 5 and np.diff(y).min() > 0.05 * span
        # No colour of ours: Streamlit's theme gives text its own font colour.
        assert all(label["font"].get("color", "#31333F") == "#31333F" for label in labels)


def test_no_coloured_text_in_the_figures(paths_at):
    for spec in plotly_specs(paths_at):
        assert "<span" not in spec
        fig = json.loads(spec)
        texts = [fig["layout"].get("font", {}), fig["layout"].get("legend", {}).get("font", {})]
        texts += [t.get("textfont", {}) for t in fig["data"]]
        texts += [a.get("font", {}) for a in fig["layout"].get("annotations", [])]
        for key, axis in fig["layout"].items():
            if key.startswith(("xaxis", "yaxis")):
                texts += [axis.get("tickfont", {}), axis.get("title", {}).get("font", {})]
        # Colours are for lines: text keeps the theme's font colour (Streamlit sets it).
        ours = {c.lower() for c in PENALTY_COLORS.values()} | {TRUTH_COLOR.lower()}
        assert all(str(font.get("color", "")).lower() not in ours for font in texts)


def test_live_alt_text_states_the_numbers(paths_at):
    check.kept_mounted(paths_at, SPEC, every_figure=True)
    alts = [chart_alt(chart) for chart in charts(paths_at)]
    lam = paths_at.select_slider(key="paths_lam").value
    assert alts[0].startswith("L1 (lasso)") and alts[1].startswith("L2 (ridge)")
    assert all(f"At λ = {float(lam):.3g}" in alt for alt in alts)
    assert "exactly zero" in alts[0]


def test_moving_lambda_changes_figures_and_table_but_refits_nothing(paths_at, monkeypatch):
    def no_refit(*args, **kwargs):
        raise AssertionError("moving λ must not refit a path")

    before_fig = plotly_specs(paths_at)[0]
    before_table = paths_at.dataframe[0].value.copy()
    monkeypatch.setattr(regviz.experiments.crossval, "study_paths", no_refit)
    lam = paths_at.select_slider(key="paths_lam")
    lam.set_value(float(lam.options[0])).run()
    assert not paths_at.exception and not paths_at.error
    assert plotly_specs(paths_at)[0] != before_fig
    after_table = paths_at.dataframe[0].value
    # At the smallest λ the lasso keeps every diabetes coefficient.
    assert (after_table.iloc[:, 0] != 0).all()
    assert not before_table.equals(after_table)
    assert _bytes(paths_at) <= check.MAX_MOVE_BYTES


def test_axis_and_units_options_change_the_figure():
    at = open_page(PAGE, query={"view": "l1"})
    before = plotly_specs(at)[0]
    at.radio(key="paths_x_axis").set_value("norm").run()
    at.radio(key="paths_units").set_value("original").run()
    assert not at.exception
    after = plotly_specs(at)[0]
    assert after != before
    layout = json.loads(after)["layout"]
    assert layout["yaxis"]["title"]["text"] == "coef. per unit"
    assert layout["xaxis2"]["title"]["text"] == "‖β‖₁ / max ‖β‖₁"
    assert at.query_params["units"] == "original" and at.query_params["x_axis"] == "norm"


def test_all_three_penalties_side_by_side():
    at = open_page(PAGE)
    at.selectbox(key="paths_view").set_value("all").run()
    assert not at.exception
    figures = _figures(at)
    assert len(figures) == 3
    colors = {t.get("line", {}).get("color") for fig in figures for t in fig["data"]}
    assert {"#D55E00", "#0072B2", "#009E73"} <= colors
    assert len(at.dataframe[0].value.columns) == 3
    assert at.slider(key="paths_l1_ratio").value == DEFAULTS["l1_ratio"]
    before = plotly_specs(at)[2]
    at.slider(key="paths_l1_ratio").set_value(0.8).run()
    assert not at.exception and plotly_specs(at)[2] != before


def test_synthetic_data_reports_true_and_false_positives():
    at = open_page(PAGE)
    at.selectbox(key="paths_source").set_value("synthetic").run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels == ["True positives", "False positives", "Missed"]
    assert at.metric[0].value.endswith("of 5")
    assert "true β" in at.dataframe[0].value.columns
    names = {t.get("name") for t in _figures(at)[0]["data"]}
    assert {"truly zero feature", "truly non-zero feature"} <= names
    check.move_changes_the_first_figure(at, SPEC, "rho", 0.7)


def test_data_with_nothing_to_fit_gives_a_message_not_a_traceback():
    at = open_page(PAGE, query={"source": "synthetic"})
    at.slider(key="paths_k").set_value(0).run()
    at.slider(key="paths_sigma").set_value(0.0).run()  # y = 0 exactly
    assert not at.exception
    assert "nothing to fit" in _texts(at.error)
    assert not at.get("progress")


def test_a_failing_fit_shows_a_sentence_not_a_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("/srv/secret/path.py exploded")

    monkeypatch.setattr(regviz.experiments.crossval, "study_paths", broken)
    st.cache_data.clear()
    at = open_page(PAGE)
    assert not at.exception
    assert "Something went wrong" in _texts(at.error) and "/srv" not in _texts(at.error)
    assert not plotly_specs(at)
    st.cache_data.clear()


# --------------------------------------------------------------------------- CSV upload


def test_csv_upload_every_bad_case_gives_a_message_and_the_app_keeps_running():
    at = _csv_page()
    assert "No file yet" in _texts(at.info) and not plotly_specs(at)
    # Widgets are looked up again after every run: the old handles go stale.
    for case, (data, phrase, choose) in REFUSED.items():
        _upload(at, f"{case}.csv", data)
        assert not at.exception, case
        if choose is not None:
            assert "Choose at least one feature" in _texts(at.error), case
            assert "y" not in at.selectbox(key="paths_target").options, case
            at.multiselect(key="paths_features").set_value(choose).run()
            assert not at.exception, case
        assert phrase in _texts(at.error), case
        assert not plotly_specs(at), case
    for case, (data, phrase) in REPAIRED.items():
        _upload(at, f"{case}.csv", data)
        assert not at.exception, case
        assert not at.error, (case, _texts(at.error))
        assert phrase in _texts(at.info), case
        assert len(plotly_specs(at)) == 2, case
    # And a clean file afterwards works: the app kept running.
    _upload(at, "good.csv", GOOD)
    assert not at.exception and not at.error and len(plotly_specs(at)) == 2
    at.selectbox(key="paths_target").set_value("a").run()
    assert not at.exception and not at.error
    assert at.multiselect(key="paths_features").value == ["b", "c", "y"]
    # The file's columns never go into the link (a link cannot carry the file).
    assert {"target", "features", "csv"}.isdisjoint(at.query_params)


def test_csv_utf16_empty_columns_and_huge_targets():
    at = _csv_page()
    utf16 = "\n".join(["a,b,c,y,empty", *[f"{r}," for r in GOOD_ROWS]]) + "\n"
    _upload(at, "utf16.csv", utf16.encode("utf-16"))
    assert not at.exception and not at.error and len(plotly_specs(at)) == 2
    assert "empty" not in at.multiselect(key="paths_features").options
    assert "no values were dropped" in _texts(at.info)
    huge = _csv("a,y", [f"{i},{'-' if i % 2 else ''}{i + 1}e307" for i in range(15)])
    _upload(at, "huge.csv", huge)
    assert not at.exception
    assert at.selectbox(key="paths_target").value == "a"  # the huge column is not the default
    at.selectbox(key="paths_target").set_value("y").run()
    assert not at.exception
    error = _texts(at.error)
    assert "target column 'y'" in error and "too large to square" in error


def test_csv_over_a_cap_is_named_and_markup_in_a_file_is_inert():
    at = _csv_page()
    rows = "\n".join(f"{i},{i % 7}" for i in range(50_001))
    _upload(at, "long.csv", ("a,y\n" + rows + "\n").encode())
    assert not at.exception
    assert "50,000" in _texts(at.error) and not plotly_specs(at)
    evil = "![x](https://example.invalid/x.png)"
    _upload(
        at,
        "evil.csv",
        _csv(
            f"a,b,y,{evil}",
            [f"{r.split(',')[0]},{r.split(',')[1]},{r.split(',')[3]},5" for r in GOOD_ROWS],
        ),
    )
    assert not at.exception and plotly_specs(at)
    notices = _texts(at.info)
    assert "x.png" in notices and "![" not in notices and "https://" not in notices


def test_the_same_file_twice_is_parsed_once(monkeypatch):
    calls = []
    real = regviz.experiments.datasets.read_csv

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(regviz.experiments.datasets, "read_csv", counting)
    unique = _csv("a,b,c,y", [*GOOD_ROWS, "999,1,2,3"])
    at = _csv_page()
    _upload(at, "first.csv", unique)
    _upload(at, "second name.csv", unique)
    assert not at.exception and not at.error and len(calls) == 1


def test_csv_over_the_upload_limit_is_refused():
    # The browser enforces server.maxUploadSize before upload; AppTest does not, so the page
    # checks it again. A 1 MB limit keeps the test file small.
    old = config.get_option("server.maxUploadSize")
    config.set_option("server.maxUploadSize", 1)
    try:
        at = _csv_page()
        assert "over 1 MB" in _texts(at.info)
        big = GOOD + b"1,2,3,4\n" * 200_000
        _upload(at, "big.csv", big)
        assert not at.exception
        assert "over the upload limit of 1 MB" in _texts(at.error)
    finally:
        config.set_option("server.maxUploadSize", old)


# --------------------------------------------------------------------------- frame


def test_classroom_mode_hides_secondary_controls_and_presets_work():
    at = open_page(PAGE, query={"classroom": "1"})
    assert not at.exception and at.session_state["_regviz_classroom"] is True
    check.classroom_hides_the_details(at, SPEC)  # hides folds, standardize, x axis
    assert len(plotly_specs(at)) == 2
    assert all(json.loads(s)["layout"]["height"] <= 430 for s in plotly_specs(at))


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index):
    at = open_page(PAGE, query={"view": "l2", "units": "original", "folds": "7"})
    expected = check.preset_sets_its_full_state(at, SPEC, index)
    assert len(plotly_specs(at)) == {"compare": 2, "all": 3}.get(expected["view"], 1)


def test_a_link_sets_the_view_and_lambda():
    at = check.link_opens(SPEC, {"view": "l2", "lam": "0.5"}, {"view": "l2", "lam": 0.5})
    assert "L2 (ridge): non-zero coefficients" in plotly_specs(at)[0]


def test_old_links_still_open_the_same_figure():
    # Streamlit wrote option widgets to the URL by their shown label.
    at = open_page(PAGE, query={"paths_penalty": "L2 (ridge)", "paths_source": "wine"})
    assert not at.exception
    assert at.selectbox(key="paths_view").value == "l2"
    assert at.selectbox(key="paths_source").value == "wine"
    old = open_page(PAGE, query={"paths_compare": "true", "paths_units": "per unit of x"})
    assert old.selectbox(key="paths_view").value == "all"
    assert old.radio(key="paths_units").value == "original"
    synthetic = open_page(
        PAGE, query={"paths_source": "synthetic", "paths_n": "300", "paths_k": "8"}
    )
    assert (
        synthetic.slider(key="paths_n").value == 300 and synthetic.slider(key="paths_k").value == 8
    )
    # Links carried log₁₀ λ: they open at the nearest λ the control offers (10^1.5 ≈ 32).
    logged = open_page(PAGE, query={"paths_log_lambda": "1.5", "paths_penalty": "L1 (lasso)"})
    assert not logged.exception and not logged.info and plotly_specs(logged)
    assert float(logged.select_slider(key="paths_lam").value) == 32.0
    outside = open_page(PAGE, query={"paths_log_lambda": "9"})  # λ = 10⁹: beyond the data
    assert (
        not outside.exception and plotly_specs(outside) and "cannot be used" in _texts(outside.info)
    )


# --------------------------------------------------------------------------- teaching


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"view": "all", "units": "original", "l1_ratio": "0.3"},
        {"source": "synthetic", "standardize": "0", "view": "l1"},
    ],
)
def test_code_snippet_reproduces_the_coefficient_table(query):
    at = open_page(PAGE, query=query)
    assert not at.exception
    namespace = run_snippet(at)
    table = at.dataframe[0].value
    for name, values in namespace["coefs"].items():
        shown = table[name].to_numpy()
        scale = np.abs(shown).max()
        np.testing.assert_allclose(values, shown, rtol=1e-3, atol=1e-4 * scale)
        assert ((values == 0) == (shown == 0)).all(), name


# --------------------------------------------------------------------------- speed


def test_every_control_moves_within_the_byte_budget():
    at = open_page(PAGE)
    moves = [
        ("lam", lambda a: a.select_slider(key="paths_lam").set_value(0.5)),
        ("units", lambda a: a.radio(key="paths_units").set_value("original")),
        ("view", lambda a: a.selectbox(key="paths_view").set_value("l1")),
        ("x_axis", lambda a: a.radio(key="paths_x_axis").set_value("norm")),
        ("view", lambda a: a.selectbox(key="paths_view").set_value("all")),
        ("l1_ratio", lambda a: a.slider(key="paths_l1_ratio").set_value(0.9)),
        ("standardize", lambda a: a.toggle(key="paths_standardize").set_value(False)),
        ("folds", lambda a: a.slider(key="paths_folds").set_value(10)),
        ("source", lambda a: a.selectbox(key="paths_source").set_value("wine")),
        ("source", lambda a: a.selectbox(key="paths_source").set_value("synthetic")),
        ("lam", lambda a: a.select_slider(key="paths_lam").set_value(100.0)),
    ]
    for name, move in moves:
        move(at).run()
        assert not at.exception and not at.error, name
        assert 0 < _bytes(at) <= check.MAX_MOVE_BYTES, (name, _bytes(at))
    # Every synthetic slider at its largest value (three figures: the most bytes), and back.
    for name, largest in (("n", 2000), ("p", 300), ("k", 50), ("rho", 0.95), ("sigma", 5.0)):
        at.slider(key=f"paths_{name}").set_value(largest).run()
        assert not at.exception and not at.error, name
        assert 0 < _bytes(at) <= check.MAX_MOVE_BYTES, (name, _bytes(at))
        at.slider(key=f"paths_{name}").set_value(DEFAULTS[name]).run()
    at.number_input(key="paths_seed").set_value(10_000).run()
    assert not at.exception and 0 < _bytes(at) <= check.MAX_MOVE_BYTES


def test_animate_adds_play_frames_to_every_figure(paths_at):
    at = paths_at
    at.toggle(key="paths_play").set_value(True).run()
    assert not at.exception
    figures = [json.loads(spec) for spec in plotly_specs(at)]
    assert len(figures) == 2 and all(len(f["frames"]) >= 10 for f in figures)
    assert all(f["layout"]["updatemenus"][0]["buttons"][0]["label"] == "▶ Play" for f in figures)
    at.toggle(key="paths_play").set_value(False).run()
    assert all("frames" not in json.loads(spec) for spec in plotly_specs(at))
