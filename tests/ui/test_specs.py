"""Every page spec is sound: defaults for every control, presets it accepts, one key scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from regviz.ui.spec import GLOBAL_PARAMS, check_spec
from regviz.ui.specs import ROUTE, SPECS, next_spec, spec_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.slug)
def test_spec_is_sound(spec):
    assert check_spec(spec) == []


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.slug)
def test_one_slug_names_the_page_its_spec_and_its_figures(spec):
    assert (ROOT / spec.path).is_file()
    assert (ROOT / "regviz" / "ui" / "specs" / f"{spec.slug}.py").is_file()
    assert (ROOT / "regviz" / "figures" / f"{spec.slug}.py").is_file()
    assert (ROOT / "tests" / "app" / f"test_{spec.slug}_page.py").is_file()
    for control in spec.controls:
        assert spec.key(control.name) == f"{spec.slug}_{control.name}"
        assert control.name not in GLOBAL_PARAMS


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.slug)
def test_every_default_survives_a_round_trip_through_a_link(spec):
    for control in spec.controls:
        if control.url and not control.dynamic:
            value = spec.defaults[control.name]
            text = control.to_url(value)
            raws = [text] if isinstance(text, str) else text
            assert (
                control.parse(raws) == pytest.approx(value)
                if isinstance(value, float)
                else control.parse(raws) == value
            )


def test_route_starts_with_the_suggested_path_and_visits_every_page():
    assert [s.slug for s in SPECS[: len(ROUTE)]] == list(ROUTE)
    seen, slug = [ROUTE[0]], ROUTE[0]
    while (following := next_spec(slug)) is not None:
        slug = following.slug
        seen.append(slug)
    assert seen == [s.slug for s in SPECS]
    assert spec_for("geometry").title.startswith("Geometry")
