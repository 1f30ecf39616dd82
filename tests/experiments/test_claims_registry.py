"""The claim registry: every claim defined once, in its own module; the page's defaults and
presets read from it; each claim's key numbers, text alternative and code snippet follow
the state (the snippet, run on its own, gives the numbers the page shows)."""

from __future__ import annotations

import inspect
import math
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import regviz.experiments.claims as package
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
