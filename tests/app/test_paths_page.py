"""AppTest of the Coefficient paths page: figure, λ slider, compare mode, synthetic truth, CSV.

Streamlit 1.67's AppTest supports ``st.file_uploader`` (``set_value((name, bytes, mime))``),
so every bad-CSV case is uploaded through the real widget; the page must show ``st.error``
(or an ``st.info`` notice for the cases it can repair) and keep running.
"""

from __future__ import annotations

import json

import pytest
from apptest_helpers import open_page, plotly_specs
from streamlit import config

PAGE = "pages/paths.py"


def _csv(header: str, rows: list[str]) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


GOOD_ROWS = [f"{i},{(i * 7) % 5},{(i * i) % 11},{2 * i + (i % 3)}" for i in range(40)]
GOOD = _csv("a,b,c,y", GOOD_ROWS)

# Cases the page must refuse with a message: bytes and a phrase of that message.
REFUSED = {
    "empty file": (b"", "empty"),
    "no numeric columns": (
        _csv("name,city", [f"n{i},c{i % 3}" for i in range(12)]),
        "no numeric column",
    ),
    "fewer than 10 rows": (_csv("a,b,c,y", GOOD_ROWS[:5]), "only 5 data rows"),
    "binary file": (b"PK\x03\x04\x00\x00" * 50, "binary"),
    "only a constant feature": (
        _csv("a,y", [f"{i},3" for i in range(15)]),
        "Every chosen feature is constant",
    ),
    "too few complete rows": (
        _csv("a,y", [f"{i},{i if i < 6 else ''}" for i in range(15)]),
        "Only 6 rows",
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
        "constant column",
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


def test_default_page_draws_paths_and_cv(paths_at):
    assert paths_at.title[0].value == "Coefficient paths"
    specs = plotly_specs(paths_at)
    assert len(specs) == 1
    spec = json.loads(specs[0])
    names = {t.get("name") for t in spec["data"]}
    assert "5-fold CV error ± 1 SE" in names
    assert any(str(n).startswith("λ_1se") for n in names)
    # glmnet's top axis: the count of non-zero coefficients.
    top = [v for k, v in spec["layout"].items() if k.startswith("xaxis") and v.get("side") == "top"]
    assert top and top[0]["title"]["text"] == "number of non-zero coefficients"
    notice = _texts(paths_at.caption)
    assert "What to notice" in notice and "λ_1se" in notice
    assert not paths_at.error


def test_moving_lambda_changes_the_figure_and_the_table(paths_at):
    before_fig = plotly_specs(paths_at)[0]
    before_table = paths_at.dataframe[0].value.copy()
    slider = paths_at.slider(key="paths_log_lambda")
    slider.set_value(slider.min).run()
    assert not paths_at.exception
    assert plotly_specs(paths_at)[0] != before_fig
    after_table = paths_at.dataframe[0].value
    # At the smallest λ the lasso keeps every diabetes coefficient.
    assert (after_table.iloc[:, 0] != 0).all()
    assert not before_table.equals(after_table)


def test_axis_and_units_options_change_the_figure(paths_at):
    before = plotly_specs(paths_at)[0]
    paths_at.radio(key="paths_x_axis").set_value("norm").run()
    paths_at.radio(key="paths_units").set_value("standardized").run()
    assert not paths_at.exception
    after = plotly_specs(paths_at)[0]
    assert after != before
    layout = json.loads(after)["layout"]
    titles = [
        v.get("title", {}).get("text", "") for k, v in layout.items() if k.startswith("yaxis")
    ]
    assert "coefficient per 1 SD of x (units of y)" in titles
    assert layout["xaxis2"]["title"]["text"].startswith("‖β‖₁ / max ‖β‖₁")


def test_compare_mode_puts_three_penalties_side_by_side():
    at = open_page(PAGE)
    at.toggle(key="paths_compare").set_value(True).run()
    assert not at.exception
    spec = json.loads(plotly_specs(at)[0])
    colors = {t.get("line", {}).get("color") for t in spec["data"]}
    assert {"#D55E00", "#0072B2", "#009E73"} <= colors
    assert "xaxis6" in spec["layout"]  # 2 rows × 3 columns
    assert len(at.dataframe[0].value.columns) == 3


def test_synthetic_data_reports_true_and_false_positives():
    at = open_page(PAGE)
    at.selectbox(key="paths_source").set_value("synthetic").run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels == ["True positives", "False positives", "Missed"]
    assert at.metric[0].value.endswith("of 5")
    assert "true β" in at.dataframe[0].value.columns
    before = plotly_specs(at)[0]
    at.slider(key="paths_rho").set_value(0.7).run()
    assert not at.exception and plotly_specs(at)[0] != before


def test_csv_upload_every_bad_case_gives_a_message_and_the_app_keeps_running():
    at = open_page(PAGE)
    at.selectbox(key="paths_source").set_value("csv").run()
    assert not at.exception
    assert "upload a CSV file" in _texts(at.warning)
    # Widgets are looked up again after every run: the old handles go stale.
    for case, (data, phrase) in REFUSED.items():
        at.file_uploader(key="paths_csv").set_value((f"{case}.csv", data, "text/csv")).run()
        assert not at.exception, case
        assert phrase in _texts(at.error), case
        assert not plotly_specs(at), case
        if case == "only a constant feature":
            # Predicting the constant column instead is refused too.
            at.selectbox(key="paths_target").set_value("y").run()
            assert not at.exception
            assert "same value in every row" in _texts(at.error)
    for case, (data, phrase) in REPAIRED.items():
        at.file_uploader(key="paths_csv").set_value((f"{case}.csv", data, "text/csv")).run()
        assert not at.exception, case
        assert not at.error, (case, _texts(at.error))
        assert phrase in _texts(at.info), case
        assert len(plotly_specs(at)) == 1, case
    # And a clean file afterwards works: the app kept running.
    at.file_uploader(key="paths_csv").set_value(("good.csv", GOOD, "text/csv")).run()
    assert not at.exception and not at.error and len(plotly_specs(at)) == 1
    at.selectbox(key="paths_target").set_value("a").run()
    assert not at.exception and not at.error


def test_csv_over_the_upload_limit_is_refused():
    # The browser enforces server.maxUploadSize before upload; AppTest does not, so the page
    # checks it again. A 1 MB limit keeps the test file small.
    old = config.get_option("server.maxUploadSize")
    config.set_option("server.maxUploadSize", 1)
    try:
        at = open_page(PAGE)
        at.selectbox(key="paths_source").set_value("csv").run()
        big = GOOD + b"1,2,3,4\n" * 200_000
        at.file_uploader(key="paths_csv").set_value(("big.csv", big, "text/csv")).run()
        assert not at.exception
        assert "over the upload limit of 1 MB" in _texts(at.error)
    finally:
        config.set_option("server.maxUploadSize", old)


def test_classroom_mode_hides_secondary_controls_and_presets_work():
    at = open_page(PAGE, query={"classroom": "1"})
    assert not at.exception and at.session_state["classroom"] is True
    keys = {w.key for w in [*at.slider, *at.toggle]}
    assert "paths_folds" not in keys and "paths_standardize" not in keys
    assert len(plotly_specs(at)) == 1
    at.button(key="paths_preset_compare").click().run()
    assert not at.exception and at.toggle(key="paths_compare").value is True
    at.button(key="paths_preset_classic").click().run()
    assert not at.exception and at.toggle(key="paths_compare").value is False
    assert at.radio(key="paths_units").value == "standardized"


def test_a_shared_link_opens_ridge_with_its_lambda():
    # Streamlit writes option widgets to the URL by their shown label.
    at = open_page(PAGE, query={"paths_penalty": "L2 (ridge)", "paths_log_lambda": "1.5"})
    assert not at.exception
    assert at.slider(key="paths_log_lambda").value == pytest.approx(1.5)
    assert "L2 (ridge) coefficient paths" in plotly_specs(at)[0]


def test_data_with_nothing_to_fit_gives_a_message_not_a_traceback():
    at = open_page(PAGE)
    at.selectbox(key="paths_source").set_value("synthetic").run()
    at.slider(key="paths_k").set_value(0).run()
    at.slider(key="paths_sigma").set_value(0.0).run()  # y = 0 exactly
    assert not at.exception
    assert "nothing to fit" in _texts(at.error)
    assert not at.get("progress")
