"""AppTest of the Overfitting page: the fit next to its error curves, driven by λ itself.

The λ control offers exactly the points of the fit's λ grid (the cursor reads the curves,
never between them); presets, links (old ``ovf_*`` ones too) and the code snippet follow
the page's state; the bias–variance study runs only on its button. Tampered links, Reset and
a failing core call: test_page_contract.
"""

from __future__ import annotations

import json
from functools import partial

import numpy as np
import page_checks as check
import pytest
import streamlit as st
from apptest_helpers import chart_alt, charts, notes, open_clean, plotly_specs, run_snippet
from apptest_helpers import decoded as _array
from apptest_helpers import figure as _figure

from regviz.experiments.overfit import DEFAULTS, LAMBDA_HIGH, LAMBDA_LOW, PRESETS
from regviz.ui.specs.overfitting import SPEC

RUN_STUDY = "overfitting_run_study"
# A small study keeps the tests quick (B = 20 training sets instead of 100).
SMALL_STUDY = {"b": "20"}


_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


def _trace(figure: dict, name: str) -> dict:
    return next(t for t in figure["data"] if t.get("name") == name)


def _error_at(at, name: str, lam: float) -> float:
    """The value of a trace of the error figure at λ (an exact grid point)."""
    trace = _trace(_figure(at, 1), name)
    x, y = _array(trace["x"]), _array(trace["y"])
    (index,) = np.flatnonzero(x == np.float32(lam))
    return float(y[index])


def _run_study(at) -> None:
    """Press "Run the bias–variance study" unless a stored study is already drawn."""
    if [b for b in at.button if b.key == RUN_STUDY]:
        at.button(key=RUN_STUDY).click().run()
        assert not at.exception


def test_page_opens_with_the_fit_before_the_error_curves():
    st.cache_resource.clear()  # no stored bias–variance study
    at = _page()
    assert at.title[0].value.startswith("Overfitting")
    specs = plotly_specs(at)
    assert len(specs) == 3  # fit, errors, coefficients; bias–variance waits for its button
    fit, errors = _figure(at, 0), _figure(at, 1)
    # the fit names its λ in the plot (the title cannot follow ▶ Play's frames)
    assert fit["layout"]["title"]["text"] == "Fits as λ grows"
    assert [t["text"] for t in fit["data"] if t.get("mode") == "text"] == [["λ = 0.01"]]
    assert len(fit["frames"]) >= 10
    assert errors["layout"]["title"]["text"].startswith("Errors: ")
    assert errors["layout"]["xaxis"]["type"] == "log"
    names = [t.get("name", "") for t in errors["data"]]
    assert "L2 (ridge): test error" in names and "L1 (lasso): 5-fold CV error" in names
    lam = at.select_slider(key="overfitting_lam")
    assert "λ" in lam.label and lam.value == DEFAULTS["lam"]
    assert "0.01" in lam.options and "1.0×10⁻⁵" in lam.options and "100" in lam.options
    assert any(text.startswith("**What to notice.** Without a penalty") for text in notes(at))
    assert at.button(key=RUN_STUDY)
    assert not at.error
    # Live text alternatives state the numbers.
    alts = [chart_alt(chart) for chart in charts(at)]
    assert alts[0].startswith("Fitted curves at λ = 0.01") and "test error" in alts[0]
    assert "cross-validation picks λ" in alts[1]


def test_the_three_figures_every_slider_redraws_are_redrawn_in_place():
    check.kept_mounted(_page(), SPEC)


def test_lambda_moves_the_cursor_and_the_fit_and_lands_on_the_grid():
    at = _page()
    before = plotly_specs(at)
    at.select_slider(key="overfitting_lam").set_value(1e-4).run()
    assert not at.exception
    after = plotly_specs(at)
    assert after[0] != before[0] and after[1] != before[1]
    assert "λ = 1.0×10⁻⁴" in notes(at)[0]
    assert at.query_params["lam"] == "0.0001"
    errors = _figure(at, 1)
    assert errors["layout"]["shapes"][0]["x0"] == pytest.approx(1e-4)
    # Every position of the slider is a point of the curves' λ grid.
    x = _array(_trace(errors, "L2 (ridge): test error")["x"])
    offered = SPEC.control("lam").options()
    assert len(at.select_slider(key="overfitting_lam").options) == len(offered)
    np.testing.assert_array_equal(x, np.asarray(offered, dtype=np.float32))
    assert offered[0] == LAMBDA_LOW and offered[-1] == LAMBDA_HIGH


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state_and_redraw(index):
    at = _page({"lam": "1", "noise": "0.5", "view": "with_enet"})
    before = plotly_specs(at)
    check.preset_sets_its_full_state(at, SPEC, index)
    assert plotly_specs(at)[0] != before[0]


def test_fixed_seed_gives_identical_figures():
    first = _page({"seed": "7"})
    st.cache_data.clear()  # recompute from scratch rather than reuse the cached curves
    second = _page({"seed": "7"})
    assert plotly_specs(first) == plotly_specs(second)
    second.number_input(key="overfitting_seed").set_value(8).run()
    assert plotly_specs(second)[0] != plotly_specs(first)[0]


def test_too_few_points_for_the_folds_shows_a_plain_message():
    at = _page()
    at.slider(key="overfitting_n").set_value(6).run()
    at.slider(key="overfitting_folds").set_value(10).run()
    assert not at.exception
    assert at.error
    assert "needs at least 20 training points" in at.error[0].value
    assert not plotly_specs(at)


def test_elastic_net_view_and_monomial_basis():
    at = _page()
    assert not [s for s in at.slider if s.key == "overfitting_r"]  # only with the elastic net
    at.radio(key="overfitting_view").set_value("with_enet").run()
    at.selectbox(key="overfitting_basis").set_value("monomial").run()
    assert not at.exception
    names = [t.get("name", "") for t in _figure(at, 1)["data"]]
    assert "Elastic net: test error" in names
    assert "Monomials t, t², …" in chart_alt(charts(at)[0])
    before = plotly_specs(at)
    at.slider(key="overfitting_r").set_value(0.8).run()
    assert not at.exception
    assert plotly_specs(at)[1] != before[1]


def test_classroom_mode_hides_secondary_controls():
    at = _page({"classroom": "true"})
    assert [s.key for s in at.select_slider] == ["overfitting_lam"]
    keys = {s.key for s in at.slider}
    assert "overfitting_n" in keys
    check.classroom_hides_the_details(at, SPEC)  # hides the folds k and B
    assert len(plotly_specs(at)) == 3


def test_bias_variance_runs_on_its_button_and_then_follows_lambda_for_free():
    st.cache_resource.clear()  # studies are shared by every visitor: start with none
    at = _page(SMALL_STUDY)
    at.button(key=RUN_STUDY).click().run()
    assert not at.exception
    specs = plotly_specs(at)
    assert len(specs) == 5  # fit, errors, coefficients, ridge and lasso bias–variance
    for spec in specs[3:]:
        figure = json.loads(spec)
        assert figure["layout"]["title"]["text"].startswith("Bias–variance")
        assert any("(B = 20)" in t.get("name", "") for t in figure["data"])  # legend
    assert any("Monte Carlo standard errors" in text for text in notes(at))
    assert "fresh training sets" in chart_alt(charts(at)[3])
    assert not [b for b in at.button if b.key == RUN_STUDY]
    # Another visitor with the same settings sees the stored study at once.
    assert len(plotly_specs(_page(SMALL_STUDY))) == 5
    # λ moves only the cursor of the stored study.
    at.select_slider(key="overfitting_lam").set_value(0.1).run()
    assert len(plotly_specs(at)) == 5
    assert _figure(at, 3)["layout"]["shapes"][0]["x0"] == pytest.approx(0.1)
    # Other data: the study must run again.
    at.slider(key="overfitting_n").set_value(40).run()
    assert len(plotly_specs(at)) == 3
    assert at.button(key=RUN_STUDY)


def test_a_link_sets_the_controls_and_old_links_still_work():
    new = {"lam": "0.001", "n": "50", "truth": "step"}
    check.link_opens(SPEC, new, {"lam": 0.001, "n": 50, "truth": "step"})
    # Links from before the page frame: ovf_… names and the radio's label.
    old = {"ovf_n": "50", "ovf_truth": "abs", "ovf_noise": "0.5", "ovf_degree": "10",
           "ovf_basis": "monomial", "ovf_seed": "3", "ovf_folds": "4", "ovf_r": "0.3",
           "ovf_b": "50", "ovf_view": "L1, L2 and elastic net"}  # fmt: skip
    shown = {"n": 50, "truth": "abs", "noise": 0.5, "degree": 10, "basis": "monomial",
             "seed": 3, "folds": 4, "r": 0.3, "b": 50, "view": "with_enet"}  # fmt: skip
    check.link_opens(SPEC, old, shown)


def test_old_log_lambda_links_open_the_same_lambda():
    # The old slider carried log₁₀ λ: ovf_lam=-2 is λ = 0.01, ovf_lam=1 is λ = 10.
    check.link_opens(SPEC, {"ovf_lam": "-2"}, {"lam": pytest.approx(0.01)})
    check.link_opens(SPEC, {"ovf_lam": "1"}, {"lam": pytest.approx(10)})
    bad = _page({"ovf_lam": "banana"})
    assert bad.select_slider(key="overfitting_lam").value == DEFAULTS["lam"]
    assert bad.info


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"lam": "0.1", "view": "with_enet", "r": "0.7", "n": "40", "truth": "step"},
        {"lam": "0.0032", "basis": "spline", "degree": "8", "seed": "5"},
    ],
)
def test_code_snippet_reproduces_the_errors_on_screen(query):
    at = _page(query)
    lam = at.select_slider(key="overfitting_lam").value
    errors = run_snippet(at)["errors"]
    assert set(errors) == ({"l2", "l1", "elasticnet"} if "view" in query else {"l2", "l1"})
    names = {"l2": "L2 (ridge)", "l1": "L1 (lasso)", "elasticnet": "Elastic net"}
    for penalty, (train, test) in errors.items():
        # Ridge is exact (one SVD); coordinate descent stops at tol = 1e-6 on the page.
        rel = 1e-5 if penalty == "l2" else 2e-3
        shown_train = _error_at(at, f"{names[penalty]}: training error", lam)
        shown_test = _error_at(at, f"{names[penalty]}: test error", lam)
        assert train == pytest.approx(shown_train, rel=rel)
        assert test == pytest.approx(shown_test, rel=rel)


MOVES = {"lam": 0.1, "view": "with_enet", "truth": "step", "n": 60, "noise": 0.6, "degree": 10,
         "basis": "spline", "seed": 2, "folds": 4, "b": 30}  # fmt: skip


@pytest.mark.parametrize(("name", "value"), MOVES.items(), ids=list(MOVES))
def test_every_move_ships_at_most_250_kb_of_figures(name, value):
    at = _page(SMALL_STUDY)
    _run_study(at)  # the heaviest view: every figure drawn
    # A move of the data, or of B, drops the study's figures: it must run again.
    check.move_within_budget(at, SPEC, name, value, same_figures=False)
