"""AppTest of the Claim checker page: a chooser, each claim's own controls beside its
computed verdict and figure, links old (``claim_*``) and new, the flip presets, the live
alt text and the code snippet that reproduces the numbers (tampered links, Reset and a
failing core call: test_page_contract)."""

from __future__ import annotations

import json
from functools import partial

import page_checks as check
import pytest
from apptest_helpers import charts, notes, open_clean, plotly_specs, run_snippet

from regviz.core.grids import format_lambda
from regviz.experiments.claims import (
    CLAIMS,
    DEFAULTS,
    DESIGNS,
    PRESETS,
    alt_text,
    flip_preset,
    has_lambda,
    play_lambdas,
    verdict_heading,
)
from regviz.ui.specs.claims import SPEC

BOXES = ("success", "error", "warning")


_page = partial(open_clean, SPEC.path)  # _page(query): open the page from a link


def open_claim(claim: str):
    """Open the page and pick ``claim`` in the chooser."""
    at = _page()
    at.selectbox(key="claims_which").set_value(claim).run()
    assert not at.exception
    return at


def _verdict(at) -> str:
    """The verdict box's text (the box is green, red or amber by the verdict)."""
    texts = [box.value for kind in BOXES for box in getattr(at, kind) if box.value.startswith("##")]
    assert len(texts) == 1, texts
    return texts[0]


def _errors(at) -> list[str]:
    """Error messages other than a FALSE verdict's red box."""
    return [e.value for e in at.error if not e.value.startswith("## ")]


def _expected(claim: str, seed: int = 0, **settings):
    return CLAIMS[claim].run(seed=seed, **settings)


def test_page_renders_with_a_figure_and_a_verdict() -> None:
    at = _page()
    assert at.title[0].value == SPEC.title
    assert len(plotly_specs(at)) == 1
    evidence = _expected("sparse")
    assert _verdict(at) == verdict_heading(evidence) == "## TRUE"  # a heading: big text
    assert at.success and _verdict(at) == at.success[0].value  # green for TRUE
    assert any("What to notice" in text for text in notes(at))
    assert [(m.label, m.value) for m in at.metric] == [
        (n.label, n.text) for n in CLAIMS["sparse"].numbers(evidence)
    ]
    assert charts(at)[0].proto.alt == alt_text(evidence)
    assert alt_text(evidence).endswith("Verdict: TRUE.")


def test_lambda_control_shows_lambda_itself() -> None:
    lam = _page().select_slider(key="claims_sparse_lam")
    assert "λ" in lam.label
    assert lam.options[0] == "0.001" and lam.options[-1] == "3.2" and "0.5" in lam.options
    assert lam.value == DEFAULTS["sparse_lam"] == 0.1


def test_seed_slider_changes_the_main_figure() -> None:
    at = _page()
    check.move_changes_the_first_figure(at, SPEC, "seed", 7)
    assert at.query_params["seed"] == "7"
    assert charts(at)[0].proto.alt == alt_text(_expected("sparse", 7))


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_every_claim_renders(claim: str) -> None:
    at = open_claim(claim)
    assert not _errors(at)
    assert len(plotly_specs(at)) == 1
    chooser = at.selectbox(key="claims_which")
    assert chooser.value == claim
    assert CLAIMS[claim].statement in chooser.options  # the statement, in full, is chosen
    evidence = _expected(claim)
    assert _verdict(at) == f"## {evidence.verdict.label}"
    box = {"TRUE": at.success, "FALSE": at.error, "HALF-TRUE": at.warning}[evidence.verdict.label]
    assert [b.value for b in box if b.value.startswith("##")] == [_verdict(at)]
    # Only the chosen claim's own controls are drawn, main one first.
    own = [k for k in (s.key for s in [*at.slider, *at.select_slider, *at.selectbox]) if k]
    for other in CLAIMS:
        if other != claim:
            assert not [k for k in own if k.startswith(f"claims_{other}_")], other
    assert f"claims_{claim}_lam" in own
    assert any(evidence.summary in text for text in notes(at))
    assert any(CLAIMS[claim].rule in text for text in notes(at))


def test_flip_button_changes_the_verdict_and_goes_back() -> None:
    at = open_claim("proportion")
    assert _verdict(at) == "## FALSE"
    index = list(PRESETS).index(flip_preset("proportion"))
    at.button(key=f"claims_preset_{index}").click().run()
    assert not at.exception
    assert _verdict(at) == "## TRUE"
    assert at.selectbox(key="claims_proportion_design").value == "orthonormal"
    assert at.query_params["proportion_design"] == "orthonormal"
    back = at.button(key=f"claims_preset_{index}")
    assert back.label.startswith("Back")
    back.click().run()
    assert _verdict(at) == "## FALSE"
    assert at.selectbox(key="claims_which").value == "proportion"


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_their_full_state(index: int) -> None:
    claim = list(PRESETS.values())[index]["which"]
    # Somewhere else first: another seed and another λ for that claim.
    at = _page({"which": claim, "seed": "9", f"{claim}_lam": "0.02"})
    expected = check.preset_sets_its_full_state(at, SPEC, index)
    assert expected["seed"] == 0
    for setting, value in CLAIMS[claim].flip.items():
        if setting != "lam":  # the preset shows the settings that flip the verdict
            assert expected[f"{claim}_{setting}"] == value
    flipped = _expected(claim, **CLAIMS[claim].flip)
    assert _verdict(at) == f"## {flipped.verdict.label}" != f"## {_expected(claim).verdict.label}"


def test_the_outlier_slider_starts_where_the_check_does() -> None:
    """The old slider offered 0, which the experiment refuses: now it starts at 1 σ."""
    at = open_claim("outliers")
    size = at.slider(key="claims_outliers_outlier_size")
    assert (size.min, size.max, size.value) == (1, 40, 20)
    size.set_value(1).run()
    assert not at.exception and not _errors(at)
    assert _verdict(at) == f"## {_expected('outliers', outlier_size=1).verdict.label}"
    # An old link asking for no outlier falls back, with a notice instead of an error.
    old = _page({"claim_which": "outliers", "claim_outliers_outlier_size": "0"})
    assert old.slider(key="claims_outliers_outlier_size").value == 20
    assert old.info and "0" in old.info[0].value
    assert not _errors(old)


def test_a_link_sets_the_controls() -> None:
    link = {"which": "gradient", "gradient_n_iter": "20", "gradient_lam": "0.01"}
    at = check.link_opens(SPEC, link, {"gradient_n_iter": 20, "gradient_lam": 0.01})
    assert _verdict(at) == f"## {_expected('gradient', n_iter=20, lam=0.01).verdict.label}"
    assert dict(at.query_params) == {
        "which": "gradient",
        "gradient_n_iter": "20",
        "gradient_lam": "0.01",
    }


def test_old_links_still_open_the_same_figure() -> None:
    statement = CLAIMS["sparse"].statement
    old = _page({"claim_which": statement, "claim_seed": "7", "claim_sparse_loglam": "-2.0",
                 "claim_sparse_k": "12"})  # fmt: skip
    assert old.selectbox(key="claims_which").value == "sparse"
    assert old.slider(key="claims_seed").value == 7
    assert old.select_slider(key="claims_sparse_lam").value == 0.01  # 10^-2.0
    assert old.slider(key="claims_sparse_k").value == 12
    assert not old.info
    new = _page({"which": "sparse", "seed": "7", "sparse_lam": "0.01", "sparse_k": "12"})
    assert plotly_specs(old) == plotly_specs(new)
    # Every claim's old log₁₀ λ, the old radio label of the design, the old λ rounding.
    old = _page({"claim_which": CLAIMS["proportion"].statement,
                 "claim_proportion_design": DESIGNS["scaled"],
                 "claim_proportion_loglam": "-0.3"})  # fmt: skip
    assert old.selectbox(key="claims_proportion_design").value == "scaled"
    assert old.select_slider(key="claims_proportion_lam").value == 0.5  # 10^-0.3 read as 0.5
    old = _page({"claim_which": "outliers", "claim_outliers_outlier_size": "35",
                 "claim_outliers_loglam": "0.5"})  # fmt: skip
    assert old.slider(key="claims_outliers_outlier_size").value == 35
    assert old.select_slider(key="claims_outliers_lam").value == 3.2


MOVES = [
    ("sparse", "lam", 0.01),
    ("sparse", "k", 12),
    ("sparse", "seed", 3),
    ("binary", "lam", 0.32),
    ("gradient", "n_iter", 5000),
    ("gradient", "lam", 0.01),
    ("unique", "correlation", 0.99),
    ("unique", "lam", 0.5),
    ("collinearity", "correlation", 0.5),
    ("collinearity", "lam", 0.05),
    ("proportion", "design", "scaled"),
    ("proportion", "correlation", 0.3),
    ("proportion", "lam", 2.0),
    ("outliers", "outlier_size", 35),
    ("outliers", "lam", 3.2),
]


@pytest.mark.parametrize(("claim", "setting", "value"), MOVES)
def test_every_move_changes_the_figure_within_250_kB(claim, setting, value) -> None:
    at = open_claim(claim)
    name = setting if setting == "seed" else f"{claim}_{setting}"  # the seed is shared
    check.move_within_budget(at, SPEC, name, value)
    assert not _errors(at)


def test_choosing_a_claim_ships_at_most_250_kB() -> None:
    at = _page({"gradient_n_iter": "5000"})
    at.selectbox(key="claims_which").set_value("gradient").run()
    assert len(plotly_specs(at)[0]) <= check.MAX_MOVE_BYTES


@pytest.mark.parametrize(
    ("query", "claim", "seed", "settings"),
    [
        ({}, "sparse", 0, {}),
        ({"which": "binary", "binary_lam": "0.032"}, "binary", 0, {"lam": 0.032}),
        ({"which": "gradient", "gradient_n_iter": "300", "seed": "4"}, "gradient", 4,
         {"n_iter": 300}),
        ({"which": "unique", "unique_correlation": "0.95"}, "unique", 0, {"correlation": 0.95}),
        ({"which": "collinearity", "seed": "2"}, "collinearity", 2, {}),
        ({"which": "proportion", "proportion_design": "scaled"}, "proportion", 0,
         {"design": "scaled"}),
        ({"which": "outliers", "outliers_lam": "3.2", "outliers_outlier_size": "5"},
         "outliers", 0, {"lam": 3.2, "outlier_size": 5}),
    ],
)  # fmt: skip
def test_code_snippet_reproduces_the_numbers_on_the_page(query, claim, seed, settings) -> None:
    at = _page(query)
    evidence = _expected(claim, seed, **settings)
    numbers = CLAIMS[claim].numbers(evidence)
    assert [(m.label, m.value) for m in at.metric] == [(n.label, n.text) for n in numbers]
    namespace = run_snippet(at)  # it prints what it found
    for number, metric in zip(numbers, at.metric, strict=True):
        assert namespace[number.name] == pytest.approx(number.value, rel=1e-6, abs=1e-9)
        assert metric.value == number.text


def test_classroom_mode_keeps_the_figure_and_the_verdict() -> None:
    at = _page({"classroom": "1", "which": "binary"})
    assert _verdict(at) == "## FALSE"
    figure = json.loads(plotly_specs(at)[0])
    assert figure["layout"]["height"] == 400
    assert not [e for e in at.expander if "at a glance" in e.label]
    assert [b for b in at.button if b.key and b.key.startswith("claims_preset")] == []  # none
    at = _page({"classroom": "1", "which": "sparse"})
    assert [b.key for b in at.button if b.key and b.key.startswith("claims_preset")]


def test_all_claims_at_a_glance() -> None:
    at = _page()
    assert not at.table  # closed: the seven experiments have not run
    at.session_state["claims_glance"] = True  # the visitor opens it
    at.run()
    table = at.table[0].value
    assert list(table["claim"]) == [c.statement for c in CLAIMS.values()]
    assert list(table["verdict"]) == [_expected(k).verdict.label for k in CLAIMS]


# ----------------------------------------------------------------------------- ▶ Play


def _frames(at) -> list[dict]:
    return json.loads(plotly_specs(at)[0]).get("frames", [])


def _frame_heads(at) -> list[str]:
    """Each frame's text above the data: "λ = … · VERDICT"."""
    return [frame["data"][-1]["text"][0].split("<br>")[0] for frame in _frames(at)]


def _assert_play(at, claim: str, seed: int = 0, **settings) -> None:
    """Frames, light, and each frame's verdict that of its own λ's experiment."""
    assert not at.exception and not _errors(at)
    assert at.toggle(key="claims_play").value is True
    assert len(plotly_specs(at)[0]) <= check.MAX_MOVE_BYTES
    own = {**CLAIMS[claim].control_defaults, **settings}
    lams = sorted({*play_lambdas(claim, own), own["lam"]})
    frames = _frames(at)
    assert [float(frame["name"]) for frame in frames] == lams
    for lam, head in zip(lams, _frame_heads(at), strict=True):
        verdict = _expected(claim, seed, **{**own, "lam": lam}).verdict.label
        assert head == f"<b>λ = {format_lambda(lam)} · {verdict}</b>"
    slider = json.loads(plotly_specs(at)[0])["layout"]["sliders"][0]
    assert float(frames[slider["active"]]["name"]) == own["lam"]  # it opens on the slider's λ


def test_play_is_off_by_default_and_the_figure_has_no_frames() -> None:
    at = _page()
    assert at.toggle(key="claims_play").value is False
    assert not _frames(at)


def test_animate_lambda_plays_the_verdict_of_every_lambda() -> None:
    at = _page()
    at.toggle(key="claims_play").set_value(True).run()
    _assert_play(at, "sparse")
    assert at.query_params["play"] in ("1", "true", "True")
    heads = _frame_heads(at)
    assert "HALF-TRUE" in heads[0] and "HALF" not in heads[-1]  # the verdict flips with λ
    assert _verdict(at) == "## TRUE"  # the box keeps the slider's λ
    at.toggle(key="claims_play").set_value(False).run()
    assert not at.exception and not _frames(at)


def test_the_toggle_sits_with_the_claim_own_settings() -> None:
    for claim in CLAIMS:
        at = open_claim(claim)
        assert at.toggle(key="claims_play").label == "▶ Animate λ"
    # Only claims with a λ offer it (today: all of them).
    assert all(has_lambda(claim) for claim in CLAIMS)
    names = [c.name for c in SPEC.controls if c.section == "own"]
    assert names.index("play") == len(names) - 1  # after the last claim's λ


def test_a_lambda_move_with_play_on_recomputes_no_frame(monkeypatch) -> None:
    import regviz.experiments.claims as claims

    calls = []
    real = claims.claim_sweep
    monkeypatch.setattr(claims, "claim_sweep", lambda *a, **k: calls.append(a) or real(*a, **k))
    at = _page({"which": "binary", "seed": "41", "play": "1"})  # a seed no other test uses
    _assert_play(at, "binary", 41)
    assert len(calls) == 1
    at.select_slider(key="claims_binary_lam").set_value(0.05).run()
    _assert_play(at, "binary", 41, lam=0.05)
    at.select_slider(key="claims_binary_lam").set_value(3.2).run()
    _assert_play(at, "binary", 41, lam=3.2)
    assert len(calls) == 1  # the frames came from the cache: λ is not part of their key


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_switching_claims_with_play_on(claim: str) -> None:
    at = _page({"play": "1"})
    at.selectbox(key="claims_which").set_value(claim).run()
    _assert_play(at, claim)


@pytest.mark.parametrize(("claim", "setting", "value"), MOVES)
def test_every_move_with_play_on_stays_within_250_kB(claim, setting, value) -> None:
    at = _page({"which": claim, "play": "1"})
    name = setting if setting == "seed" else f"{claim}_{setting}"
    check.move_within_budget(at, SPEC, name, value)
    seed = value if setting == "seed" else 0
    _assert_play(at, claim, seed, **({} if setting == "seed" else {setting: value}))


def test_play_after_the_flip_preset() -> None:
    at = _page({"which": "proportion", "play": "1"})
    heads = set(_frame_heads(at))
    assert any("FALSE" in h for h in heads) and any("HALF-TRUE" in h for h in heads)
    index = list(PRESETS).index(flip_preset("proportion"))
    at.button(key=f"claims_preset_{index}").click().run()
    assert not at.exception
    assert at.toggle(key="claims_play").value is False  # a preset is a full state
    at.toggle(key="claims_play").set_value(True).run()
    _assert_play(at, "proportion", design="orthonormal")
    assert all(h.endswith("· TRUE</b>") for h in _frame_heads(at))  # TRUE at every λ
