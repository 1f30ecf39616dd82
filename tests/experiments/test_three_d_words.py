"""The Three coefficients page's words and snippet: alt texts, code, Monte Carlo defaults."""

from __future__ import annotations

import contextlib
import io
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz.experiments.geometry3d_scenes import (
    PRESETS,
    Bowl3D,
    alt_text,
    ball_scenes_3d,
    code_snippet,
    scenes_for_settings,
)
from regviz.experiments.montecarlo3d import (
    DEFAULTS,
    KAPPA_RANGES,
    MOVE_TRIALS,
    alt_text_3d,
    simulate_3d,
)

BOWL = Bowl3D.from_shape([2.0, 1.2, 0.6], 6.0, 0.5, -30.0, -30.0, 0.0)


def _run(code: str) -> tuple[dict, str]:
    namespace: dict = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "snippet", "exec"), namespace)
    return namespace, out.getvalue()


@pytest.mark.parametrize("name", list(PRESETS))
def test_alt_text_names_the_zeros_of_each_scene(name):
    scenes = scenes_for_settings(PRESETS[name])
    text = alt_text(scenes)
    words = {0: "no coefficient is", 1: "one coefficient is", 2: "two coefficients are"}
    for scene in scenes:
        assert f"{scene.name}, " in text
        coefs = ", ".join(f"{0.0 if b == 0 else b:.2f}" for b in scene.beta)
        assert f"β̂ = ({coefs})" in text
        assert f"{words[scene.n_zero]} exactly zero" in text
    # Which coefficients are zero, by name, for the octahedron.
    l1 = scenes[0]
    for k in range(3):
        assert (f"β{'₁₂₃'[k]}" in text.split(". ")[0]) == l1.zeroed[k]


def test_alt_text_for_a_point_ball_and_a_ball_that_does_not_bind():
    point, loose = ball_scenes_3d(BOWL, ("l1",), t=0.0)[0], ball_scenes_3d(BOWL, ("l2",), t=5.0)[0]
    assert "all three coefficients are exactly zero" in alt_text([point])
    assert "does not bind" in alt_text([loose]) and "β̂ = (2.00, 1.20, 0.60)" in alt_text([loose])
    assert "λ = 0" in alt_text([loose])


@pytest.mark.parametrize("penalties", [("l1", "l2"), ("elasticnet",), ("l2",)])
@pytest.mark.parametrize("by", [{"t": 0.8}, {"lam": 0.5}, {"t": 0.0}, {"lam": 0.0}])
def test_code_snippet_reproduces_beta_to_the_last_digit(penalties, by):
    scenes = ball_scenes_3d(BOWL, penalties, l1_ratio=0.3, **by)
    mode = "t" if "t" in by else "lam"
    code = code_snippet(scenes, mode=mode)
    assert "from regviz import solve_constrained_3d" in code
    namespace, out = _run(code)
    for scene in scenes:
        assert np.array_equal(namespace["beta"][scene.penalty], scene.beta)
        assert f"exact zeros: {scene.n_zero}" in out
    if mode == "lam":  # the constrained form at the matching t gives the same β̂
        shown = re.findall(r"as budget t: \[([^\]]*)\]", out)
        for scene, text in zip(scenes, shown, strict=True):
            assert np.allclose([float(x) for x in text.split(",")], scene.beta, atol=1e-4)


@settings(max_examples=25, deadline=None)
@given(
    center=st.lists(st.floats(-3, 3), min_size=3, max_size=3),
    kappa=st.floats(1, 20),
    angles=st.lists(st.floats(-90, 90), min_size=3, max_size=3),
    t=st.floats(0.05, 3),
)
def test_code_snippet_matches_on_random_bowls(center, kappa, angles, t):
    bowl = Bowl3D.from_shape(center, kappa, 0.5, *angles)
    scenes = ball_scenes_3d(bowl, ("l1", "l2"), t=t)
    namespace, _ = _run(code_snippet(scenes))
    for scene in scenes:
        assert np.array_equal(namespace["beta"][scene.penalty], scene.beta)


def test_code_snippet_refuses_an_unknown_mode():
    with pytest.raises(ValueError, match="mode"):
        code_snippet(ball_scenes_3d(BOWL, ("l1",), t=1.0), mode="budget")


def test_monte_carlo_defaults_make_a_valid_design_and_the_alt_text_states_its_shares():
    lo, hi = KAPPA_RANGES[DEFAULTS["mc_kappa"]]
    assert all(lo_ <= hi_ for lo_, hi_ in KAPPA_RANGES.values())
    result = simulate_3d(
        MOVE_TRIALS,
        DEFAULTS["mc_seed"],
        keep=0,
        center_distribution=DEFAULTS["mc_centers"],
        center_scale=DEFAULTS["mc_spread"],
        condition_min=lo,
        condition_max=hi,
        rotation=DEFAULTS["mc_rotation"],
        l1_ratio=DEFAULTS["mc_mix"],
        epsilon=DEFAULTS["mc_eps"],
    )
    text = alt_text_3d(result)
    assert text.startswith(f"Bars over {MOVE_TRIALS:,} random bowls")
    for ball, penalty in (
        ("octahedron", "l1"),
        ("sphere", "l2"),
        ("elastic-net ball", "elasticnet"),
    ):
        shares = ", ".join(f"{100 * z.fraction:.1f} %" for z in result.outcomes[penalty].zeros)
        assert f"{ball} {shares}" in text
    assert "|βᵢ| < 0.01·t" in text
