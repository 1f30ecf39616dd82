"""Tests of montecarlo3d: counts against scipy, interval coverage, determinism, the design."""

from __future__ import annotations

import numpy as np
import pytest
from montecarlo_reference import scipy_reference
from threadpoolctl import threadpool_limits

from regviz.core.stats import Proportion
from regviz.experiments.montecarlo import simulate
from regviz.experiments.montecarlo3d import (
    RNG_BLOCK,
    count_zeros,
    describe_result_3d,
    make_design_3d,
    rotations_from_quaternions,
    sample_problems_3d,
    simulate_3d,
)


@pytest.fixture(autouse=True, scope="module")
def _one_blas_thread():
    """Run scipy's per-problem references with one BLAS thread.

    SLSQP and L-BFGS-B call BLAS on 3- to 6-vectors; on a busy shared machine a threaded
    BLAS makes each call ~30× slower (measured: 100 ms instead of 3 ms per L-BFGS-B solve).
    """
    with threadpool_limits(limits=1):
        yield


# SLSQP stops ~1e-9 away from an edge or vertex, never at exactly 0.0: the reference
# calls a coefficient zero below this.
REFERENCE_ZERO_TOL = 1e-6


def _inside(center, penalty, t, r) -> bool:
    if penalty == "l1":
        return np.abs(center).sum() <= t
    if penalty == "l2":
        return center @ center <= t * t
    return r * np.abs(center).sum() / t + (1 - r) * (center @ center) / t**2 <= 1


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_counts_match_scipy_reference_solutions(penalty):
    design = {"t": 0.8, "center_scale": 2.0, "condition_max": 10.0, "l1_ratio": 0.5}
    n = 300
    res = simulate_3d(n, seed=5, keep=n, compare_2d=False, **design)
    centers, hessians = sample_problems_3d(n, seed=5, **design)
    np.testing.assert_array_equal(res.sample_centers, centers)
    out = res.outcomes[penalty]
    eps_t = res.design.epsilon * design["t"]
    exact = np.zeros(3, dtype=int)
    near = np.zeros(3, dtype=int)
    inside = 0
    for c, h in zip(centers, hessians, strict=True):
        if _inside(c, penalty, design["t"], design["l1_ratio"]):
            inside += 1
            continue
        ref = scipy_reference(c, h, penalty, design["t"], design["l1_ratio"])
        exact[int((np.abs(ref) < REFERENCE_ZERO_TOL).sum())] += 1
        near[int((np.abs(ref) < eps_t).sum())] += 1
    assert out.inside.count == inside
    assert out.binding == n - inside
    if penalty == "l2":  # the sphere gives no exact zero
        assert [q.count for q in out.exact] == [n - inside, 0, 0]
    else:
        assert [q.count for q in out.exact] == exact.tolist()
    assert [q.count for q in out.near] == near.tolist()
    # Every kept solution agrees with the reference.
    for k in np.flatnonzero(~np.all(out.sample_solutions == centers, axis=1))[:60]:
        ref = scipy_reference(centers[k], hessians[k], penalty, design["t"], design["l1_ratio"])
        np.testing.assert_allclose(out.sample_solutions[k], ref, atol=1e-6)


def test_wilson_intervals_cover_a_larger_independent_run():
    # 40 independent small runs: their 95 % intervals should cover the share of a run
    # 100 times larger about 95 % of the time (at least 85 % here, for 40 × 3 intervals
    # the chance of a false alarm is below 1e-4).
    big = simulate_3d(200_000, seed=1_000, compare_2d=False)
    covered, total = 0, 0
    for seed in range(40):
        small = simulate_3d(2_000, seed=seed, compare_2d=False, keep=0)
        for p, o in small.outcomes.items():
            truth = big.outcomes[p].at_least_one.fraction
            covered += o.at_least_one.low <= truth <= o.at_least_one.high
            total += 1
    assert covered / total >= 0.85, covered / total


def test_results_do_not_depend_on_chunk_size():
    n = 2 * RNG_BLOCK + 123
    a = simulate_3d(n, seed=3, chunk_size=1_000, keep=500, compare_2d=False)
    b = simulate_3d(n, seed=3, chunk_size=10 * n, keep=500, compare_2d=False)
    for p in a.outcomes:
        assert a.outcomes[p].exact == b.outcomes[p].exact
        assert a.outcomes[p].near == b.outcomes[p].near
        assert a.outcomes[p].inside == b.outcomes[p].inside
        np.testing.assert_array_equal(
            a.outcomes[p].sample_solutions, b.outcomes[p].sample_solutions
        )
    np.testing.assert_array_equal(a.sample_hessians, b.sample_hessians)


def test_counts_add_up_and_the_headline_rules():
    res = simulate_3d(20_000, seed=2)
    for p, o in res.outcomes.items():
        assert o.inside.count + o.binding == res.n_trials
        assert sum(q.count for q in o.exact) == o.binding
        assert sum(q.count for q in o.near) == o.binding
        assert o.zeros == (o.near if p == "l2" else o.exact)
        assert o.at_least_one.count == o.zeros[1].count + o.zeros[2].count
    l1, l2, en = (res.outcomes[p] for p in ("l1", "l2", "elasticnet"))
    # The octahedron zeroes more often than the elastic-net ball, which beats the sphere.
    assert l1.at_least_one.low > en.at_least_one.high > en.at_least_one.low > l2.at_least_one.high
    assert l2.exact[0].fraction == 1.0
    # In 3-D, more solutions are sparse than in 2-D, for the same design.
    assert res.two_d is not None
    assert l1.at_least_one.low > res.two_d["l1"].high


def test_two_d_comparison_is_the_2d_simulation_of_the_same_design():
    res = simulate_3d(5_000, seed=4, center_scale=3.0, condition_max=4.0, t=2.0)
    ref = simulate(5_000, 4, center_scale=3.0, condition_max=4.0, t=2.0, keep=0, rotation="uniform")
    for p in res.outcomes:
        assert res.two_d[p] == ref.outcomes[p].zeroed


def test_progress_reaches_one():
    seen: list[float] = []
    simulate_3d(3 * RNG_BLOCK, seed=0, chunk_size=RNG_BLOCK, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0) and len(seen) >= 4


def test_sample_problems_follow_the_design():
    centers, hessians = sample_problems_3d(
        4_000, seed=7, t=0.5, center_scale=3.0, condition_min=2.0, condition_max=20.0
    )
    assert np.all(np.abs(centers) <= 1.5)
    eig = np.linalg.eigvalsh(hessians)
    np.testing.assert_allclose(eig[:, 0], 1.0, rtol=1e-9)
    kappa = eig[:, 2] / eig[:, 0]
    assert kappa.min() >= 2.0 - 1e-9 and kappa.max() <= 20.0 + 1e-9
    np.testing.assert_allclose(hessians, np.swapaxes(hessians, 1, 2))
    # Haar rotations: the eigenvector of the largest curvature is uniform on the sphere,
    # so each squared coordinate has mean 1/3.
    vectors = np.linalg.eigh(hessians)[1][:, :, 2]
    np.testing.assert_allclose((vectors**2).mean(axis=0), 1 / 3, atol=0.02)
    aligned = sample_problems_3d(50, seed=7, rotation="aligned")[1]
    assert np.all(aligned[:, [0, 0, 1], [1, 2, 2]] == 0.0)


def test_rotations_are_orthogonal_with_determinant_one():
    rot = rotations_from_quaternions(np.random.default_rng(0).standard_normal((500, 4)))
    np.testing.assert_allclose(
        rot @ np.swapaxes(rot, 1, 2), np.broadcast_to(np.eye(3), rot.shape), atol=1e-12
    )
    np.testing.assert_allclose(np.linalg.det(rot), 1.0)


def test_count_zeros():
    beta = np.array([[0.0, 0.0, 1.0], [1e-3, -2e-3, 0.5], [0.3, 0.3, 0.4]])
    assert count_zeros(beta).tolist() == [2, 0, 0]
    assert count_zeros(beta, 0.01).tolist() == [2, 2, 0]


def test_describe_result_states_the_computed_numbers():
    res = simulate_3d(10_000, seed=8)
    text = describe_result_3d(res)
    l1 = res.outcomes["l1"]
    assert f"in {100 * res.two_d['l1'].fraction:.1f} % of problems" in text
    assert f"at least one of three in {100 * l1.at_least_one.fraction:.1f} %" in text
    assert f"two in {100 * l1.zeros[2].fraction:.1f} %" in text
    assert "|βᵢ| < 0.01·t" in text and "no coefficient is exactly 0" in text
    assert f"{res.n_trials:,}" in text
    alone = describe_result_3d(simulate_3d(2_000, seed=8, penalties=("l1",), compare_2d=False))
    assert alone.startswith("In 3-D the octahedron zeroes at least one of three")


def test_describe_result_when_the_ball_never_binds():
    res = simulate_3d(500, seed=0, center_scale=0.3, compare_2d=False)
    assert "never binds" in describe_result_3d(res)
    assert res.outcomes["l1"].binding == 0
    assert np.isnan(res.zero_fraction["l1"])
    assert isinstance(res.outcomes["l1"].zeros[0], Proportion)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"center_distribution": "cauchy"}, "center distribution"),
        ({"rotation": "fixed"}, "rotation"),
        ({"center_scale": 0.0}, "positive"),
        ({"condition_min": 0.5}, "at least 1"),
        ({"condition_min": 5.0, "condition_max": 2.0}, "at least the smallest"),
        ({"condition_max": 1e9}, "1e8"),
        ({"l1_ratio": 1.5}, "between 0 and 1"),
        ({"epsilon": 0.4}, "below 1/3"),
        ({"colour": "red"}, "Unknown design setting"),
    ],
)
def test_invalid_designs_raise_plain_value_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_design_3d(**kwargs)


def test_invalid_runs_raise_plain_value_errors():
    with pytest.raises(ValueError, match="positive whole number"):
        simulate_3d(0)
    with pytest.raises(ValueError, match="Unknown penalty"):
        simulate_3d(10, penalties=("l3",))
    with pytest.raises(ValueError, match="at least one penalty"):
        simulate_3d(10, penalties=())
