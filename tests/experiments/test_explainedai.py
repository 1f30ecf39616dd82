"""Tests of explainedai: the article's design, its boundary solver, what it gets wrong."""

from __future__ import annotations

import numpy as np
import pytest

from regviz.experiments.explainedai import (
    ARTICLE_BUDGET,
    ARTICLE_N_BOUNDARY,
    ARTICLE_RATES,
    ARTICLE_TRIALS,
    DEFAULTS,
    VARIANTS,
    article_alt_text,
    article_boundary,
    boundary_sweep,
    cloud_alt_text,
    describe_article,
    describe_sweep,
    has_zero,
    reproduce,
    sample_article_problems,
    solve_on_boundary_points,
    sweep_alt_text,
)


@pytest.mark.parametrize("penalty", ["l1", "l2"])
@pytest.mark.parametrize("n_points", [8, 100, 101, 1600])
def test_boundary_points_lie_on_the_ball_and_include_the_axis_points(penalty, n_points):
    pts = article_boundary(penalty, 2.0, n_points)
    assert pts.shape == (4 * (n_points // 4), 2)
    norm = np.abs(pts).sum(axis=1) if penalty == "l1" else np.hypot(pts[:, 0], pts[:, 1])
    assert np.allclose(norm, 2.0, atol=1e-12)
    for axis_point in ([2, 0], [0, 2], [-2, 0], [0, -2]):
        assert np.any(np.all(np.abs(pts - axis_point) <= 1e-12, axis=1))
    # Only the 4 axis points (each listed twice) pass the article's zero test.
    assert has_zero(pts).sum() == 8


def test_boundary_solver_equals_a_direct_loss_evaluation():
    centers, hessians = sample_article_problems(500, "general", "l2", seed=4)
    pts = article_boundary("l2", ARTICLE_BUDGET, 100)
    diff = pts[None, :, :] - centers[:, None, :]
    direct = np.einsum("npi,nij,npj->np", diff, hessians, diff)
    chosen = solve_on_boundary_points(centers, hessians, pts)
    best = pts[np.argmin(direct, axis=1)]
    # Same point, or a tie in loss to rounding (the two forms round differently).
    same = np.all(chosen == best, axis=1)
    lc = np.einsum("ni,nij,nj->n", chosen - centers, hessians, chosen - centers)
    assert np.all(same | np.isclose(lc, direct.min(axis=1), rtol=1e-12))


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_article_design(variant, penalty):
    centers, h = sample_article_problems(4_000, variant, penalty, seed=1)
    assert np.all(np.abs(centers) <= 10.0)
    outside = np.abs(centers).sum(1) > 2 if penalty == "l1" else np.hypot(*centers.T) > 2
    assert outside.all()
    assert np.all(np.linalg.eigvalsh(h) > 0)
    a, b, c = h[:, 0, 0] / 2, h[:, 1, 1] / 2, h[:, 0, 1]
    if variant == "symmetric":
        assert np.allclose(a, b) and np.all(c == 0)
    elif variant == "orthogonal":
        assert np.all(c == 0) and np.all(np.isclose(a, 0.1) | np.isclose(b, 0.1))
        stretch = np.where(np.isclose(a, 0.1), b, a)
        assert stretch.max() < 10.0 and stretch.mean() == pytest.approx(5.0, abs=0.3)
    else:
        assert c.min() < -1.9 and c.max() > 1.9 and a.max() < 10 and b.max() < 10


@pytest.mark.parametrize("variant", VARIANTS)
def test_reproduces_the_published_rates_with_the_article_method(variant):
    """5,000 trials, 100 boundary points: within 3 points of the published (floored) numbers."""
    run = reproduce(variant, method="boundary", n_boundary=100, n_trials=5_000, seed=0)
    for p in ("l1", "l2"):
        assert run.zero[p].fraction == pytest.approx(ARTICLE_RATES[variant][p], abs=0.03)


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_l2_zero_rate_is_an_artefact_of_the_coarse_boundary(variant):
    sweep = boundary_sweep(variant, (100, 400, 1_600, 6_400), n_trials=5_000, seed=2)
    l2 = [q.fraction for q in sweep.boundary["l2"]]
    l1 = [q.fraction for q in sweep.boundary["l1"]]
    # The exact solver never lands on an axis point for the circle.
    assert sweep.exact["l2"].count == 0
    # The boundary method's L2 rate shrinks about 4× per 4× more points, towards 0 …
    assert all(later < earlier for earlier, later in zip(l2, l2[1:], strict=False))
    assert l2[-1] < 0.01 and l2[-1] < l2[0] / 10
    # … while its L1 rate settles on the exact one (inside the exact rate's CI).
    exact = sweep.exact["l1"]
    assert exact.low <= l1[-1] <= exact.high
    assert abs(l1[0] - exact.fraction) < 0.03


def test_exact_method_agrees_with_a_very_fine_boundary_on_l1_zeros():
    exact = reproduce("general", method="exact", n_trials=1_500, seed=3)
    fine = reproduce("general", method="boundary", n_boundary=20_000, n_trials=1_500, seed=3)
    disagree = has_zero(exact.sample_solutions["l1"]) != has_zero(fine.sample_solutions["l1"])
    assert disagree.mean() < 0.004


def test_reproduce_is_deterministic_for_a_seed():
    a = reproduce("orthogonal", n_trials=1_000, seed=9)
    b = reproduce("orthogonal", n_trials=1_000, seed=9)
    assert a.zero == b.zero
    assert np.array_equal(a.sample_centers["l1"], b.sample_centers["l1"])


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"variant": "round"}, "Unknown variant"),
        ({"method": "grid"}, "Unknown method"),
        ({"n_boundary": 4}, "at least 8"),
    ],
)
def test_bad_arguments_raise_plain_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        reproduce(**{"n_trials": 10, **kwargs})


# --------------------------------------------------------------------------- the page's words


def test_page_defaults_are_the_articles_own_settings():
    assert DEFAULTS["art_n"] == ARTICLE_N_BOUNDARY == 100
    assert DEFAULTS["art_trials"] == ARTICLE_TRIALS == 5_000
    assert DEFAULTS["art_variant"] in VARIANTS and DEFAULTS["article"] is False


@pytest.mark.parametrize("variant", VARIANTS)
def test_describe_article_states_published_reproduced_and_exact_rates(variant):
    boundary = reproduce(variant, n_boundary=200, n_trials=800, seed=3)
    exact = reproduce(variant, method="exact", n_trials=800, seed=3)
    text = describe_article(boundary, exact)
    published = ARTICLE_RATES[variant]
    assert text.startswith(
        f"The article reported {100 * published['l1']:.0f} % (L1) vs "
        f"{100 * published['l2']:.0f} % (L2). Its method with N = 200 points"
    )
    for run, digits in ((boundary, 1), (exact, 1)):
        count = int(has_zero(run.sample_solutions["l1"]).sum())  # keep ≥ trials: all of them
        assert f"{100 * count / 800:.{digits}f} %" in text
    alt = article_alt_text(boundary, exact)
    assert f"its method {100 * boundary.zero['l2'].fraction:.1f} %" in alt


def test_cloud_alt_text_counts_the_shown_zeros():
    run = reproduce("general", n_trials=600, seed=1)
    shown = int(has_zero(run.sample_solutions["l2"][:250]).sum())
    text = cloud_alt_text(run, "l2", 250)
    assert f"first 250 trials outside the circle (t = {ARTICLE_BUDGET:g})" in text
    assert f"{shown:,} of them have a zero" in text and "100 boundary points" in text


def test_describe_sweep_follows_the_l2_rate_down_and_names_the_exact_rates():
    sweep = boundary_sweep("general", (100, 1600), n_trials=1_000, seed=2)
    text = describe_sweep(sweep)
    first, last = sweep.boundary["l2"]
    assert f"With 100 boundary points the circle 'zeroes' {100 * first.fraction:.1f} %" in text
    assert f"with 1,600 points {100 * last.fraction:.2f} %" in text
    assert f"exact {100 * sweep.exact['l2'].fraction:.2f} %" in text
    assert sweep_alt_text(sweep).count("exact") == 2
