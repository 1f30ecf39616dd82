"""The claim registry: every claim defined once, in its own module; the page's defaults and
presets read from it; each claim's key numbers, text alternative and code snippet follow
the state (the snippet, run on its own, gives the numbers the page shows)."""

from __future__ import annotations

import dataclasses
import inspect
import math
import pkgutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import regviz.experiments.claims as package
from regviz.core.grids import nice_log_values
from regviz.experiments.claims import (
    CLAIMS,
    DEFAULTS,
    PRESETS,
    Claim,
    Verdict,
    alt_text,
    at_flip,
    chosen_settings,
    claim_of,
    control_name,
    flip_preset,
    verdict_heading,
    verdict_table,
)

ROOT = Path(__file__).resolve().parents[2]
CLAIM_MODULES = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name != "common")


def _states(key: str) -> list[tuple[int, dict]]:
    """A few (seed, settings) per claim: defaults, its flip, another seed, the edges."""
    claim = CLAIMS[key]
    states = [(0, {}), (7, {}), (3, {"lam": 0.001}), (1, {"lam": 3.2})]
    if claim.flip:
        states.append((0, dict(claim.flip)))
    extra = {
        "sparse": [(12, {"k": 18}), (50, {"k": 1, "lam": 0.5})],
        "gradient": [(0, {"n_iter": 1}), (2, {"n_iter": 5000})],
        "unique": [(4, {"correlation": 0.9})],
        "collinearity": [(5, {"correlation": 0.0}), (6, {"correlation": 0.999})],
        "proportion": [(2, {"design": "scaled"}), (9, {"correlation": 0.0})],
        "outliers": [(0, {"outlier_size": 1}), (5, {"outlier_size": 40, "lam": 3.2})],
    }
    return states + extra.get(key, [])


CASES = [(key, seed, settings) for key in CLAIMS for seed, settings in _states(key)]


# ----------------------------------------------------------------------------- once


def test_one_module_per_claim_and_one_registry() -> None:
    assert CLAIM_MODULES == sorted(CLAIMS)
    for name in CLAIM_MODULES:
        module = getattr(package, name)
        records = [v for v in vars(module).values() if isinstance(v, Claim)]
        assert records == [CLAIMS[name]], f"{name} defines its claim once, as CLAIM"
        assert CLAIMS[name].id == name
        assert CLAIMS[name].check.__module__ == module.__name__


def test_the_old_parallel_tables_are_gone() -> None:
    for old in ("CHECKS", "FLIP_SETTINGS", "ClaimInfo"):
        assert not hasattr(package, old), old


@pytest.mark.parametrize("key", list(CLAIMS))
def test_a_record_names_everything_of_its_claim(key: str) -> None:
    claim = CLAIMS[key]
    signature = inspect.signature(claim.check).parameters
    assert claim.settings == {name: p.default for name, p in signature.items() if name != "seed"}
    assert set(claim.controls) <= set(claim.settings)
    assert set(claim.flip) <= set(claim.controls)
    assert bool(claim.flip) == bool(claim.flip_note)
    assert claim.figure == f"make_{key}_figure"
    assert claim.verdict.__name__ == f"{key}_verdict"
    # The check reaches its verdict through the record's rule function.
    evidence = claim.run(seed=0)
    assert claim_of(evidence) is claim


def test_page_defaults_and_presets_come_from_the_records() -> None:
    expected = {"which": "sparse", "seed": 0}
    for claim in CLAIMS.values():
        for setting, value in claim.control_defaults.items():
            expected[control_name(claim.id, setting)] = value
    assert DEFAULTS == expected
    assert set(PRESETS) == {flip_preset(k) for k, c in CLAIMS.items() if c.flip}
    for key, claim in CLAIMS.items():
        if claim.flip:
            state = {**DEFAULTS, **PRESETS[flip_preset(key)]}
            assert chosen_settings(state) == (key, {**claim.control_defaults, **claim.flip})
            assert at_flip(state) and not at_flip({**DEFAULTS, "which": key})


def test_verdict_words() -> None:
    assert [v.label for v in Verdict] == ["TRUE", "FALSE", "HALF-TRUE"]
    assert verdict_heading(CLAIMS["binary"].run(seed=0)) == "## FALSE"
    table = verdict_table()
    assert [row["claim"] for row in table] == [c.statement for c in CLAIMS.values()]
    assert [row["verdict"] for row in table] == [
        c.run(seed=0).verdict.label for c in CLAIMS.values()
    ]


def test_importing_the_claims_loads_no_sklearn() -> None:
    code = "import sys, regviz.experiments.claims; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


# ----------------------------------------------------------------------------- words


def _close(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


@pytest.mark.parametrize(("key", "seed", "settings"), CASES)
def test_code_snippet_reproduces_the_key_numbers(key, seed, settings, capsys) -> None:
    claim = CLAIMS[key]
    evidence = claim.run(seed=seed, **settings)
    namespace: dict = {}
    exec(compile(claim.code(evidence, seed), f"snippet-{key}", "exec"), namespace)
    assert capsys.readouterr().out.strip()  # it prints what it found
    numbers = claim.numbers(evidence)
    assert len({n.name for n in numbers}) == len(numbers) >= 2
    for number in numbers:
        assert _close(namespace[number.name], number.value), (number, namespace[number.name])


@pytest.mark.parametrize(("key", "seed", "settings"), CASES)
def test_numbers_and_alt_text_follow_the_evidence(key, seed, settings) -> None:
    claim = CLAIMS[key]
    evidence = claim.run(seed=seed, **settings)
    alt = alt_text(evidence)
    assert alt == f"{claim.alt(evidence)} Verdict: {evidence.verdict.label}."
    assert f"λ = {evidence.lam:.3g}" in alt or key == "outliers"
    for number in claim.numbers(evidence):
        assert number.text and number.label


def test_numbers_state_what_the_page_claims() -> None:
    sparse = {n.name: n for n in CLAIMS["sparse"].numbers(CLAIMS["sparse"].run(seed=0))}
    assert (sparse["lasso_zeros"].value, sparse["ridge_zeros"].value) == (11, 0)
    outliers = CLAIMS["outliers"].run(seed=0)
    pulls = {n.name: n.value for n in CLAIMS["outliers"].numbers(outliers)}
    assert pulls["lasso_pull"] == pytest.approx(pulls["ols_pull"], rel=1e-6)
    assert pulls["lad_pull"] < 0.2 * pulls["ols_pull"]
    assert "20 σ above the line" in alt_text(outliers)
    proportion = CLAIMS["proportion"].run(seed=0, design="orthonormal")
    texts = [n.text for n in CLAIMS["proportion"].numbers(proportion)]
    assert texts == ["0.667", "0.667", "0.667"]


def test_the_outlier_check_and_the_page_range_agree() -> None:
    """The page's slider starts where the check starts accepting an outlier."""
    low, high = package.OUTLIER_RANGE
    assert CLAIMS["outliers"].run(seed=0, outlier_size=low).verdict is Verdict.FALSE
    with pytest.raises(ValueError, match="at least 1 σ"):
        CLAIMS["outliers"].run(seed=0, outlier_size=low - 0.5)
    assert CLAIMS["outliers"].run(seed=0, outlier_size=high).verdict is Verdict.FALSE


# ----------------------------------------------------------------------------- ▶ Play

PLAY_STATES = [(key, 0, {}) for key in CLAIMS] + [
    (key, 3, dict(claim.flip)) for key, claim in CLAIMS.items() if claim.flip
]


def test_play_steps_through_the_slider_own_values_every_half_decade() -> None:
    lams = np.array(package.PLAY_LAMBDAS)
    offered = nice_log_values(*package.LAMBDA_RANGE)
    assert set(package.PLAY_LAMBDAS) <= set(offered)  # each one a λ the slider offers
    assert 7 <= lams.size <= 9
    assert lams[0] == offered[0] and lams[-1] == offered[-1]  # the slider's whole range
    assert np.allclose(np.diff(np.log10(lams)), 0.5, atol=0.02)  # log-spaced


@pytest.mark.parametrize(("key", "seed", "settings"), PLAY_STATES)
def test_a_sweep_holds_each_lambda_own_verdict(key, seed, settings) -> None:
    claim = CLAIMS[key]
    own = {**claim.control_defaults, **settings}
    sweep = package.claim_sweep(key, seed, own)  # its λ is ignored
    assert sweep.claim == key and sweep.lams == package.play_lambdas(key, own)
    for lam, evidence, label in zip(sweep.lams, sweep.evidences, sweep.labels, strict=True):
        fresh = claim.run(seed=seed, **{**own, "lam": lam})  # recomputed on its own
        assert evidence.lam == lam
        assert label == evidence.verdict.label == fresh.verdict.label
        assert package.play_text(evidence) == package.play_text(fresh)


def test_the_sparse_verdict_flips_along_the_sweep() -> None:
    labels = package.claim_sweep("sparse", 0, {"k": 5}).labels
    assert labels[0] == "HALF-TRUE" and labels[-1] == "TRUE"  # the lasso needs a large λ


def test_long_gradient_runs_sweep_fewer_lambdas() -> None:
    for n_iter in (1, 20, 625, 1000, 1500, 2000, 5000):
        lams = package.play_lambdas("gradient", {"n_iter": n_iter})
        assert lams[0] == package.PLAY_LAMBDAS[0] and lams[-1] == package.PLAY_LAMBDAS[-1]
        assert list(lams) == sorted(set(lams)) and set(lams) <= set(package.PLAY_LAMBDAS)
        assert len(lams) * n_iter <= package.PLAY_WORK or len(lams) == 2
    assert len(package.play_lambdas("gradient", {"n_iter": 1000})) == 5
    for key in CLAIMS:  # the others are cheap: always the whole grid
        if not CLAIMS[key].play_work:
            assert package.play_lambdas(key, CLAIMS[key].control_defaults) == package.PLAY_LAMBDAS


def test_play_text_names_lambda_the_verdict_and_the_key_number() -> None:
    for claim in CLAIMS.values():
        evidence = claim.run(seed=0, lam=0.032)
        number = claim.numbers(evidence)[claim.play_number]
        text = package.play_text(evidence, sep="\n")
        assert text == f"λ = 0.032 · {evidence.verdict.label}\n{number.label} {number.text}"
    assert "pull on the lasso" in package.play_text(CLAIMS["outliers"].run(seed=0))


def test_a_claim_without_lambda_has_no_sweep(monkeypatch) -> None:
    assert all(package.has_lambda(key) for key in CLAIMS)
    no_lambda = dataclasses.replace(CLAIMS["sparse"], controls=("k",))
    monkeypatch.setitem(CLAIMS, "sparse", no_lambda)
    assert not package.has_lambda("sparse")
    with pytest.raises(ValueError, match="no λ"):
        package.claim_sweep("sparse", 0, {"k": 5})


def test_the_outlier_fits_that_do_not_depend_on_lambda_are_fitted_once_per_sweep() -> None:
    from regviz.experiments.claims import outliers

    outliers._fits_without_lambda.cache_clear()
    sweep = package.claim_sweep("outliers", 11, {"outlier_size": 7})
    info = outliers._fits_without_lambda.cache_info()
    assert info.misses == 3  # clean, the outlier, one σ further: once, for every λ
    assert info.hits >= 3 * (len(sweep.lams) - 1)
    # The same numbers as fitting everything afresh at one λ.
    outliers._fits_without_lambda.cache_clear()
    fresh = CLAIMS["outliers"].run(seed=11, outlier_size=7, lam=sweep.lams[2])
    assert fresh.fits == sweep.evidences[2].fits and fresh.pulls == sweep.evidences[2].pulls
