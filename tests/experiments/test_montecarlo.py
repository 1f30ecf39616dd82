"""Tests of montecarlo: exact solutions against scipy, counts, CIs, determinism."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from montecarlo_reference import loss, scipy_reference
from scipy.stats import binomtest

from regviz.core.penalties import ball_radius
from regviz.core.stats import Proportion, wilson_interval
from regviz.experiments.montecarlo import (
    DEFAULTS,
    HIST_EDGES,
    LOG_HIST_EDGES,
    MANY_TRIALS,
    NEAR_EPSILONS,
    PRESETS,
    TRIALS,
    Design,
    alt_text,
    code_snippet,
    describe_histogram,
    describe_result,
    describe_solutions,
    histogram_alt_text,
    make_design,
    sample_problems,
    simulate,
    simulation_settings,
    solutions_alt_text,
    with_epsilon,
)

# The reference's zero rule: SLSQP stops ~1e-9 away from a corner, never at exactly 0.0.
REFERENCE_ZERO_TOL = 1e-7
AGREE_TOL = 1e-6


# --------------------------------------------------------------------------- references


def boundary_search(center, hessian, penalty, t, r, n_grid=20_000) -> np.ndarray:
    """Dense search over the boundary (plus the 4 axis points), refined by golden section."""
    radius = (lambda th: t * ball_radius(th, penalty, 1.0, r)) if penalty != "l2" else None

    def points(theta):
        rho = np.full(np.shape(theta), t) if radius is None else radius(np.asarray(theta))
        return np.stack([rho * np.cos(theta), rho * np.sin(theta)], axis=-1)

    def losses(beta):
        d = beta - center
        return 0.5 * np.einsum("...i,ij,...j->...", d, hessian, d)

    grid = np.linspace(0, 2 * np.pi, n_grid, endpoint=False)
    k = int(np.argmin(losses(points(grid))))
    lo, hi = grid[k] - 2 * np.pi / n_grid, grid[k] + 2 * np.pi / n_grid
    g = (np.sqrt(5) - 1) / 2
    for _ in range(100):
        m1, m2 = hi - g * (hi - lo), lo + g * (hi - lo)
        if losses(points(np.array(m1))) < losses(points(np.array(m2))):
            hi = m2
        else:
            lo = m1
    cands = np.concatenate([t * np.eye(2), -t * np.eye(2), points(np.array([0.5 * (lo + hi)]))])
    return cands[int(np.argmin(losses(cands)))]


# --------------------------------------------------------------------------- correctness


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_solutions_agree_with_scipy_and_counts_are_identical(penalty):
    """2,000 trials: batched solutions equal SLSQP to 1e-6 (a dense boundary search arbitrates
    where SLSQP stops early), and recounting zeros from the reference gives the same counts.

    Recount rule: a reference coefficient with |β| < 1e-7 counts as an exact zero (SLSQP never
    returns 0.0 exactly); the ε-rule |β| < ε·t is applied to both as is.
    """
    n, t, r, eps = 2_000, 1.5, 0.4, 0.02
    res = simulate(
        n,
        seed=11,
        keep=n,
        condition_max=100.0,
        t=t,
        l1_ratio=r,
        epsilon=eps,
        penalties=(penalty,),
        chunk_size=700,
    )
    out = res.outcomes[penalty]
    centers, hessians = res.sample_centers, res.sample_hessians
    ref = np.empty((n, 2))
    arbitrated = 0
    for i in range(n):
        mine = out.sample_solutions[i]
        candidate = scipy_reference(centers[i], hessians[i], penalty, t, r)
        if np.max(np.abs(candidate - mine)) > AGREE_TOL:
            arbitrated += 1
            dense = boundary_search(centers[i], hessians[i], penalty, t, r)
            assert np.max(np.abs(dense - mine)) <= AGREE_TOL, (i, mine, candidate, dense)
            assert (
                loss(mine, centers[i], hessians[i])
                <= loss(candidate, centers[i], hessians[i]) + 1e-12
            )
            candidate = dense
        ref[i] = candidate
    assert arbitrated <= 0.01 * n

    binding = ~out.sample_inside
    ref_small = np.min(np.abs(ref), axis=1)
    mine_small = np.min(np.abs(out.sample_solutions), axis=1)
    assert int(np.sum(binding & (ref_small < REFERENCE_ZERO_TOL))) == out.exact_zero.count
    assert int(np.sum(binding & (mine_small == 0.0))) == out.exact_zero.count
    assert int(np.sum(binding & (ref_small < eps * t))) == out.near_zero.count
    assert out.binding + out.inside.count == n
    # Binding trials recounted from the centers: the unconstrained optimum violates the ball.
    c1, c2 = np.abs(centers[:, 0]), np.abs(centers[:, 1])
    outside = {
        "l1": c1 + c2 > t,
        "l2": np.hypot(c1, c2) > t,
        "elasticnet": r * (c1 + c2) / t + (1 - r) * (c1**2 + c2**2) / t**2 > 1,
    }[penalty]
    assert out.binding == int(outside.sum())


def test_round_bowls_match_the_area_of_the_corner_wedges():
    """κ = 1, centers uniform in [−2t, 2t]²: the diamond zeroes a coefficient exactly when c lies
    in one of the 4 wedges |c₁| − t ≥ |c₂| (or swapped), area 4 of the 14 outside the diamond."""
    res = simulate(200_000, seed=5, condition_min=1.0, condition_max=1.0, center_scale=2.0)
    l1 = res.outcomes["l1"]
    assert l1.exact_zero.low <= 4 / 14 <= l1.exact_zero.high
    assert l1.inside.low <= 2 / 16 <= l1.inside.high
    # The circle's inside share is the disk's area π of the box's 16.
    assert res.outcomes["l2"].inside.low <= np.pi / 16 <= res.outcomes["l2"].inside.high


def test_ridge_has_no_exact_zeros_and_l1_has_many():
    res = simulate(100_000, seed=2)
    assert res.outcomes["l2"].exact_zero.count == 0
    assert res.zero_fraction["l1"] > 10 * res.zero_fraction["l2"]
    assert (
        res.zero_fraction["l1"]
        > res.zero_fraction["elasticnet"]
        > res.outcomes["l2"].exact_zero.fraction
    )
    for p in res.penalties:
        assert 0.0 <= res.zero_fraction[p] <= 1.0


# --------------------------------------------------------------------------- intervals


@pytest.mark.parametrize("count,total", [(0, 10), (1, 10), (50, 100), (99, 100), (3, 1_000_000)])
def test_wilson_matches_scipy(count, total):
    ci = binomtest(count, total).proportion_ci(confidence_level=0.95, method="wilson")
    low, high = wilson_interval(count, total)
    assert low == pytest.approx(ci.low, abs=1e-9)
    assert high == pytest.approx(ci.high, abs=1e-9)


def test_cis_cover_a_ten_times_larger_independent_run():
    small = simulate(30_000, seed=101)
    large = simulate(300_000, seed=202)
    for p in small.penalties:
        for rule in ("zeroed", "exact_zero", "near_zero", "inside"):
            q_small = getattr(small.outcomes[p], rule)
            q_large = getattr(large.outcomes[p], rule)
            assert q_small.low <= q_large.fraction <= q_small.high, (p, rule)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 1000), st.integers(1, 1000))
def test_proportion_interval_contains_the_fraction(count, total):
    count = min(count, total)
    q = Proportion(count, total)
    assert 0.0 <= q.low <= q.fraction <= q.high <= 1.0


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_result_whatever_the_chunk_size():
    runs = [simulate(60_000, seed=7, chunk_size=c, keep=60_000) for c in (999, 16_384, 60_000)]
    first = runs[0]
    for other in runs[1:]:
        assert other.zero_fraction == first.zero_fraction
        assert np.array_equal(other.sample_centers, first.sample_centers)
        for p in first.penalties:
            a, b = first.outcomes[p], other.outcomes[p]
            assert np.array_equal(a.sample_solutions, b.sample_solutions)
            assert np.array_equal(a.hist_counts, b.hist_counts)
            assert np.array_equal(a.log_hist_counts, b.log_hist_counts)
            assert a.inside == b.inside and a.near_zero == b.near_zero


def test_trials_do_not_depend_on_the_number_of_trials_and_seeds_differ():
    short = simulate(5_000, seed=3, keep=5_000)
    long = simulate(30_000, seed=3, keep=5_000)
    assert np.array_equal(short.sample_centers, long.sample_centers)
    other = simulate(5_000, seed=4, keep=5_000)
    assert not np.array_equal(short.sample_centers, other.sample_centers)
    centers, hessians = sample_problems(5_000, seed=3)
    assert np.array_equal(centers, short.sample_centers)
    assert np.array_equal(hessians, short.sample_hessians)


def test_progress_is_reported_per_chunk_and_ends_at_one():
    seen: list[float] = []
    simulate(100_000, seed=0, chunk_size=20_000, progress=seen.append)
    # 20,000 rounds up to 2 blocks of 16,384: reports after blocks 2, 4, 6 and the last (7th).
    assert seen == sorted(seen) and len(seen) == 4 and seen[-1] == 1.0


# --------------------------------------------------------------------------- design


def test_design_controls_the_random_problems():
    centers, hessians = sample_problems(
        20_000,
        seed=1,
        center_scale=3.0,
        condition_min=5.0,
        condition_max=5.0,
        rotation="fixed",
        angle_deg=0.0,
        t=2.0,
    )
    assert np.abs(centers).max() <= 6.0 and np.abs(centers).max() > 5.9
    assert np.allclose(hessians, np.diag([1.0, 5.0]))
    g_centers, g_hessians = sample_problems(20_000, seed=1, center_distribution="gaussian")
    assert np.std(g_centers) == pytest.approx(2.0, rel=0.03)
    kappa = np.linalg.cond(g_hessians)
    assert kappa.min() >= 1.0 - 1e-9 and kappa.max() <= 10.0 + 1e-9
    # log-uniform: the median condition number is the geometric mean of the ends.
    assert np.median(kappa) == pytest.approx(np.sqrt(10.0), rel=0.05)


def test_histograms_cover_every_binding_trial():
    res = simulate(20_000, seed=9)
    for out in res.outcomes.values():
        assert out.hist_counts.sum() == out.binding
        assert out.log_hist_counts.sum() + out.exact_zero.count == out.binding
        assert len(out.hist_counts) == len(HIST_EDGES) - 1
        assert len(out.log_hist_counts) == len(LOG_HIST_EDGES) - 1


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"center_distribution": "cauchy"}, "center distribution"),
        ({"rotation": "random"}, "rotation"),
        ({"center_scale": 0.0}, "center_scale"),
        ({"t": -1.0}, "positive"),
        ({"condition_min": 0.5}, "at least 1"),
        ({"condition_min": 10.0, "condition_max": 2.0}, "at least the smallest"),
        ({"l1_ratio": 1.5}, "mix"),
        ({"epsilon": -0.1}, "ε"),
        ({"colour": "red"}, "Unknown design setting"),
    ],
)
def test_bad_design_raises_a_plain_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        simulate(100, **kwargs)


@pytest.mark.parametrize("n_trials", [0, -5, 2.5])
def test_bad_number_of_trials_is_rejected(n_trials):
    with pytest.raises(ValueError, match="number of trials"):
        simulate(n_trials)


def test_unknown_penalty_is_rejected():
    with pytest.raises(ValueError):
        simulate(100, penalties=("l3",))


# --------------------------------------------------------------------------- the page's words


def _design_of(values: dict) -> Design:
    settings = simulation_settings(values)
    return make_design(**{k: v for k, v in settings.items() if k not in ("n_trials", "seed")})


def test_page_defaults_are_the_design_defaults_and_the_angle_is_30_degrees():
    assert Design().angle_deg == 30.0  # one value for the page and the core (was 30 vs 0)
    assert _design_of(DEFAULTS) == Design()
    settings = simulation_settings(DEFAULTS)
    assert settings["n_trials"] == TRIALS and settings["seed"] == 0
    assert simulation_settings({**DEFAULTS, "million": True})["n_trials"] == MANY_TRIALS


def test_presets_are_states_of_the_page_controls():
    for values in PRESETS.values():
        assert set(values) <= set(DEFAULTS)
        _design_of({**DEFAULTS, **values})  # a valid design


def test_the_fixed_angle_reaches_the_design_only_for_fixed_rotations():
    uniform = simulation_settings({**DEFAULTS, "angle": 75.0})
    fixed = simulation_settings({**DEFAULTS, "angle": 75.0, "rotation": "fixed"})
    assert uniform["angle_deg"] == Design().angle_deg and fixed["angle_deg"] == 75.0


def test_zero_budget_is_refused_with_a_sentence():
    with pytest.raises(ValueError, match="budget t = 0"):
        simulate(100, t=0.0)


@pytest.fixture(scope="module")
def small_run():
    return simulate(30_000, seed=4, keep=3_000, condition_max=50.0, center_scale=3.0)


def _pct(count: int, total: int, digits: int = 1) -> str:
    return f"{100 * count / total:.{digits}f} %"


def test_describe_result_states_the_counts(small_run):
    text = describe_result(small_run)
    out = small_run.outcomes
    l1, l2, en = out["l1"], out["l2"], out["elasticnet"]
    assert text.startswith("Over 30,000 random bowls")
    assert f"**{_pct(l1.exact_zero.count, l1.binding)}**" in text
    assert f"**{_pct(l2.exact_zero.count, l2.binding, 2)}** exactly" in text
    assert f"{_pct(l2.near_zero.count, l2.binding, 2)} within ε·t = 0.01·t" in text
    assert f"elastic net in {_pct(en.exact_zero.count, en.binding)}" in text
    assert f"{_pct(l2.inside.count, 30_000)} (circle)" in text
    low, high = l1.exact_zero.low, l1.exact_zero.high
    assert f"95 % CI {100 * low:.1f}–{100 * high:.1f} %" in text


def test_texts_under_the_clouds_and_the_histogram_state_the_counts(small_run):
    l1, l2 = small_run.outcomes["l1"], small_run.outcomes["l2"]
    solutions = describe_solutions(small_run)
    assert f"On the diamond {_pct(l1.exact_zero.count, l1.binding)}" in solutions
    assert f"{l2.exact_zero.count:,} lie exactly on one" in solutions
    histogram = describe_histogram(small_run)
    assert f"only {l2.exact_zero.count:,} of {l2.binding:,} binding trials" in histogram
    assert f"{_pct(l1.exact_zero.count, l1.binding)} into the 'exactly 0' bar" in histogram
    assert _pct(l2.near_zero.count, l2.binding, 2) in histogram_alt_text(small_run)


def test_alt_texts_carry_the_numbers_of_the_figures(small_run):
    text = alt_text(small_run)
    for outcome in small_run.outcomes.values():
        assert f"of {outcome.binding:,} binding trials" in text
        assert _pct(outcome.near_zero.count, outcome.binding, 2) in text
    l1 = small_run.outcomes["l1"]
    shown = l1.sample_solutions[~l1.sample_inside][:500]
    on_axis = int(np.any(shown == 0.0, axis=1).sum())
    assert f"{on_axis:,} of them" in solutions_alt_text(small_run, "l1", 500)
    assert "first 500 binding trials on the diamond" in solutions_alt_text(small_run, "l1", 500)


@settings(max_examples=4, deadline=None)
@given(
    scale=st.sampled_from([0.5, 1.5, 4.0]),
    kappa=st.sampled_from([(1.0, 1.0), (2.0, 50.0), (10.0, 1000.0)]),
    rotation=st.sampled_from(["uniform", "fixed"]),
    mix=st.sampled_from([0.0, 0.35, 1.0]),
    seed=st.integers(0, 10_000),
)
def test_code_snippet_reproduces_every_count(scale, kappa, rotation, mix, seed):
    values = {**DEFAULTS, "scale": scale, "kappa": kappa, "rotation": rotation, "mix": mix}
    settings = {**simulation_settings({**values, "seed": seed}), "n_trials": 5_000}
    result = simulate(keep=0, **settings)
    namespace: dict = {}
    exec(compile(code_snippet(result), "snippet", "exec"), namespace)  # prints the fractions
    for penalty, outcome in result.outcomes.items():
        again = namespace["res"].outcomes[penalty]
        for rule in ("exact_zero", "near_zero", "inside"):
            a, b = getattr(again, rule), getattr(outcome, rule)
            assert (a.count, a.total) == (b.count, b.total)
    assert namespace["res"].design == result.design


def test_a_design_where_no_ball_binds_says_so_instead_of_printing_nan():
    result = simulate(3_000, seed=0, keep=100, center_scale=0.5)
    assert all(o.binding == 0 for o in result.outcomes.values())
    for text in (describe_result(result), alt_text(result)):
        assert "inside the diamond, the circle and the elastic-net ball" in text
    for text in (describe_solutions(result), describe_histogram(result)):
        assert "nan" not in text and text.startswith("No trial binds")


@pytest.mark.parametrize("epsilon", NEAR_EPSILONS)
def test_with_epsilon_equals_a_run_with_that_epsilon(epsilon):
    run = simulate(20_000, seed=9, keep=0, condition_max=100.0, epsilon=0.02)
    again = simulate(20_000, seed=9, keep=0, condition_max=100.0, epsilon=epsilon)
    read = with_epsilon(run, epsilon)
    assert read.design == again.design
    for penalty, outcome in again.outcomes.items():
        mine = read.outcomes[penalty]
        assert (mine.near_zero.count, mine.near_zero.total) == (
            outcome.near_zero.count,
            outcome.near_zero.total,
        )
        assert mine.zeroed.count == outcome.zeroed.count
        assert mine.exact_zero == run.outcomes[penalty].exact_zero
    with pytest.raises(ValueError, match="near zeros only for ε in"):
        with_epsilon(run, 0.05)
    assert with_epsilon(run, 0.02).outcomes["l2"].near_zero == run.outcomes["l2"].near_zero


# --------------------------------------------------------------------------- the CSV


def test_zero_fraction_table_recounts_the_kept_trials_and_follows_epsilon():
    """Every trial kept: the table's counts are recounted from the solutions themselves,
    its intervals are Wilson's, and moving ε changes only the below-ε·t bars."""
    from regviz.experiments.montecarlo import zero_fraction_table

    run = simulate(3_000, seed=1, keep=3_000)
    for eps in (0.01, 0.1):
        result = with_epsilon(run, eps)
        table = zero_fraction_table(result)
        assert table.index.name == "penalty"
        assert table.index.tolist() == ["L1 (lasso)", "L2 (ridge)", "Elastic net"]
        for name, out in zip(table.index, result.outcomes.values(), strict=True):
            row = table.loc[name]
            binding = ~out.sample_inside
            small = np.min(np.abs(out.sample_solutions[binding]), axis=1) / result.design.t
            assert row["trials"] == 3_000 and row["binding trials"] == binding.sum()
            assert row["exactly 0 (count)"] == np.sum(small == 0.0)
            assert row["below ε·t (count)"] == np.sum(small < eps)
            assert row["ε"] == eps
            n = int(binding.sum())
            for label in ("exactly 0", "below ε·t"):
                count = int(row[f"{label} (count)"])
                assert row[f"{label} (% of binding trials)"] == pytest.approx(100 * count / n)
                low, high = wilson_interval(count, n)
                assert row[f"{label}: 95 % CI low (%)"] == pytest.approx(100 * low)
                assert row[f"{label}: 95 % CI high (%)"] == pytest.approx(100 * high)
            inside = 100 * out.sample_inside.mean()
            assert row["center inside the ball (% of all trials)"] == pytest.approx(inside)
    low, high = (zero_fraction_table(with_epsilon(run, e)) for e in (0.01, 0.1))
    assert (low["exactly 0 (count)"] == high["exactly 0 (count)"]).all()
    assert high.loc["L2 (ridge)", "below ε·t (count)"] > low.loc["L2 (ridge)", "below ε·t (count)"]
