"""The exact batched 2-D solvers against scipy, KKT conditions, properties, path and Lq.

What the 2-D and 3-D solvers share (L1 KKT and exact zeros, λ ↔ t, edge cases,
validation, broadcasting, chunking) is tested for both in ``test_batch.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from bowl_reference import constraint, loss, penalized_objective, scipy_constrained, scipy_penalized
from geometry_reference import boundary_search, polish_penalized, random_problems
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz.core.geometry import solution_path, solve_constrained, solve_lq, solve_penalized
from regviz.core.penalties import ball_radius, constraint_value

PENALTIES = ["l1", "l2", "elasticnet"]
N_REFERENCE = 1000
MIX = 0.5  # the elastic-net ball mix used against scipy
EYE = np.eye(2)


# ---------------------------------------------------------------- against scipy


@pytest.mark.parametrize("penalty", PENALTIES)
def test_constrained_agrees_with_scipy(penalty):
    centers, hessians = random_problems(N_REFERENCE, seed=11)
    budgets = np.random.default_rng(12).uniform(0.1, 3.0, N_REFERENCE)
    ours = solve_constrained(centers, hessians, penalty, budgets, MIX)
    for k in range(N_REFERENCE):
        c, h, t = centers[k], hessians[k], budgets[k]
        ref = scipy_constrained(c, h, penalty, t, MIX)
        assert np.abs(ours[k] - ref).max() <= 1e-6 * max(1.0, np.abs(ref).max()), k
        # Our point is feasible, and no worse than scipy's (whose own point may be
        # infeasible by ~1e-9, which would let it undercut the true optimum).
        assert constraint(ours[k], penalty, t, MIX).min() >= -1e-12 * max(1.0, t)
        ref_loss, our_loss = loss(ref, c, h), loss(ours[k], c, h)
        violation = max(0.0, -constraint(ref, penalty, t, MIX).min())
        slack = 1e-9 * max(ref_loss, 1e-12) + 10 * violation * np.abs(h @ (ref - c)).max()
        assert our_loss <= ref_loss + slack, k


@pytest.mark.parametrize("penalty", PENALTIES)
def test_penalized_agrees_with_scipy(penalty):
    centers, hessians = random_problems(N_REFERENCE, seed=21)
    lams = 10 ** np.random.default_rng(22).uniform(-2, 1, N_REFERENCE)
    ours = solve_penalized(centers, hessians, penalty, lams, MIX)
    for k in range(N_REFERENCE):
        c, h, lam = centers[k], hessians[k], lams[k]
        ref = scipy_penalized(c, h, penalty, lam, MIX)
        if np.abs(ours[k] - ref).max() > 1e-7:
            ref = polish_penalized(ref, c, h, penalty, lam, MIX)
        assert np.abs(ours[k] - ref).max() <= 1e-6 * max(1.0, np.abs(ref).max()), k
        ref_obj = penalized_objective(ref, c, h, penalty, lam, MIX)
        our_obj = penalized_objective(ours[k], c, h, penalty, lam, MIX)
        assert our_obj <= ref_obj * (1 + 1e-9) + 1e-15, k


@pytest.mark.parametrize("penalty", PENALTIES)
def test_ill_conditioned_problems_match_dense_boundary_search(penalty):
    # SLSQP itself fails on condition numbers ~1e4; a dense search of the boundary is the judge.
    centers, hessians = random_problems(60, seed=31, max_condition=1e4, center_scale=5.0)
    ours = solve_constrained(centers, hessians, penalty, 0.7, MIX)
    for k in range(60):
        c, h = centers[k], hessians[k]
        if constraint_value(c, penalty, MIX) <= 0.7:
            continue
        _, best = boundary_search(c, h, lambda th: ball_radius(th, penalty, 0.7, MIX), 100_001)
        assert loss(ours[k], c, h) <= best * (1 + 1e-9)


# ---------------------------------------------------------------- KKT and exact zeros


def _pull(centers, hessians, beta):
    return np.einsum("nij,nj->ni", hessians, centers - beta)


def test_constrained_l2_kkt():
    centers, hessians = random_problems(20_000, seed=43)
    t = 1.0
    beta = solve_constrained(centers, hessians, "l2", t)
    outside = np.hypot(*centers.T) > t
    b, w = beta[outside], _pull(centers[outside], hessians[outside], beta[outside])
    assert np.allclose(np.hypot(*b.T), t, rtol=1e-12)
    # The pull is a non-negative multiple of β: parallel and pointing outwards.
    cross = b[:, 0] * w[:, 1] - b[:, 1] * w[:, 0]
    assert np.all(np.abs(cross) <= 1e-9 * (1 + np.hypot(*w.T)))
    assert np.all(np.sum(b * w, axis=1) >= -1e-12)


def test_constrained_elasticnet_kkt():
    centers, hessians = random_problems(20_000, seed=44)
    t, r = 1.0, 0.4
    beta = solve_constrained(centers, hessians, "elasticnet", t, r)
    g = constraint_value(centers, "elasticnet", r)
    b = beta[g > t]
    w = _pull(centers[g > t], hessians[g > t], b)
    assert np.allclose(constraint_value(b, "elasticnet", r), t, rtol=1e-11)
    both = np.all(b != 0.0, axis=1)
    grad = r * np.sign(b[both]) + 2 * (1 - r) * b[both]  # ∇g on the smooth arcs
    nu = np.sum(w[both] * grad, axis=1) / np.sum(grad * grad, axis=1)
    assert np.all(nu >= 0)
    assert np.allclose(w[both], nu[:, None] * grad, atol=1e-8)
    assert 0.05 < 1 - both.mean() < 0.95  # some but not all land on an axis corner


# ---------------------------------------------------------------- properties


finite = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(
    c1=finite,
    c2=finite,
    log_cond=st.floats(0, 3),
    angle=st.floats(0, np.pi),
    t=st.floats(0.01, 20),
    penalty=st.sampled_from(PENALTIES),
)
def test_solution_is_feasible_and_beats_the_boundary_grid(c1, c2, log_cond, angle, t, penalty):
    cos, sin = np.cos(angle), np.sin(angle)
    rot = np.array([[cos, -sin], [sin, cos]])
    h = rot @ np.diag([1.0, 10**log_cond]) @ rot.T
    h = 0.5 * (h + h.T)
    c = np.array([c1, c2])
    beta = solve_constrained(c, h, penalty, t, MIX)
    assert constraint_value(beta, penalty, MIX) <= t * (1 + 1e-12)
    if constraint_value(c, penalty, MIX) > t:
        _, best = boundary_search(c, h, lambda th: ball_radius(th, penalty, t, MIX), 20_001)
        assert loss(beta, c, h) <= best * (1 + 1e-9) + 1e-12


@settings(max_examples=100, deadline=None)
@given(c1=finite, c2=finite, lam=st.floats(0, 100), penalty=st.sampled_from(PENALTIES))
def test_mirroring_the_center_mirrors_the_solution(c1, c2, lam, penalty):
    h = np.array([[2.0, 0.0], [0.0, 0.5]])  # axis-aligned, so the reflection is a symmetry
    beta = solve_penalized([c1, c2], h, penalty, lam)
    mirrored = solve_penalized([-c1, c2], h, penalty, lam)
    assert np.allclose(mirrored, [-beta[0], beta[1]], atol=1e-12)


# ---------------------------------------------------------------- path and Lq


@pytest.mark.parametrize("penalty", PENALTIES)
def test_solution_path_runs_from_zero_to_the_center(penalty):
    c, h = np.array([2.0, 0.5]), np.array([[1.0, 0.6], [0.6, 2.0]])
    budgets, betas = solution_path(c, h, penalty, 0.5, n_points=50)
    assert np.all(np.diff(budgets) > 0)
    assert np.array_equal(betas[0], [0.0, 0.0])
    assert np.allclose(betas[-1], c)


@pytest.mark.parametrize(("q", "penalty"), [(1.0, "l1"), (2.0, "l2")])
def test_lq_search_agrees_with_exact_solvers(q, penalty):
    centers, hessians = random_problems(30, seed=71)
    for c, h in zip(centers, hessians, strict=True):
        exact = solve_constrained(c, h, penalty, 1.0)
        numeric = solve_lq(c, h, q, 1.0)
        assert loss(numeric, c, h) <= loss(exact, c, h) * (1 + 1e-9) + 1e-12
        assert np.allclose(numeric, exact, atol=1e-6)


@pytest.mark.parametrize("q", [0.5, 0.8, 3.0, np.inf])
def test_lq_search_finds_the_global_optimum(q):
    centers, hessians = random_problems(20, seed=72)
    for c, h in zip(centers, hessians, strict=True):
        beta = solve_lq(c, h, q, 1.0)
        if constraint_value(c, "lq", q=q) <= 1.0:
            assert np.array_equal(beta, c)
            continue
        _, best = boundary_search(c, h, lambda th: ball_radius(th, "lq", 1.0, q=q), 100_001)
        assert loss(beta, c, h) <= best * (1 + 1e-9) + 1e-12


def test_lq_below_one_lands_on_an_axis_with_an_exact_zero():
    # A round bowl far out along the diagonal-ish direction still hits a cusp for q = 0.5.
    beta = solve_lq([3.0, 1.0], EYE, 0.5, 1.0)
    assert 0.0 in beta


@pytest.mark.parametrize("q", [0.0, -1.0, np.nan])
def test_lq_rejects_non_positive_q(q):
    with pytest.raises(ValueError, match="positive"):
        solve_lq([2.0, 2.0], EYE, q, 1.0)
