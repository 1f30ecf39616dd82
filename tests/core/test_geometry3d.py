"""The exact batched 3-D solvers against scipy and scikit-learn, KKT, exact zeros, properties.

What the 2-D and 3-D solvers share (L1 KKT and exact zeros, λ ↔ t, edge cases,
validation, broadcasting, chunking) is tested for both in ``test_batch.py``.

References (see ``bowl_reference.py`` and ``geometry3d_reference.py``): SLSQP for the
constrained form and L-BFGS-B on split variables for the penalized form, on 1,000 random
bowls per penalty and form. Half of the bowls are ill-conditioned (κ log-uniform in
[1, 1e4]); there SLSQP in β stops early (off by up to ~1 in β at κ ~ 1e4) and L-BFGS-B
stalls. So where the first reference disagrees with the solver by more than 1e-7, an
alternate one is computed and becomes the reference for |Δβ|: SLSQP in whitened
coordinates (loss ½‖z‖², perfectly conditioned) for the constrained form, scikit-learn's
coordinate descent (tol 1e-14) for the penalized form. Where even the whitened SLSQP
disagrees (it can still be off by ~1e-6 at κ ~ 6e3: a 50-digit check of one such sphere
problem found our answer right to 6e-16 and SLSQP's off by 1.2e-6), its point is
polished: the KKT equations on the piece of the ball it lies on are solved with LAPACK
(``polish_constrained``). Our objective must be no worse than *any* reference's. A
constrained reference is first scaled into the ball (every ball is star-shaped), so the
comparison is against a feasible point: SLSQP's own points may be infeasible by ~1e-7,
which lets them undercut the true optimum.
"""

from __future__ import annotations

import numpy as np
import pytest
from bowl_reference import constraint, loss, penalized_objective, scipy_constrained, scipy_penalized
from geometry3d_reference import polish_constrained, random_problems, sklearn_penalized
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz.core.geometry import solve_constrained, solve_penalized
from regviz.core.geometry3d import solve_constrained_3d, solve_penalized_3d
from regviz.core.penalties import constraint_value

PENALTIES = ["l1", "l2", "elasticnet"]
N_REFERENCE = 1000
MAX_CONDITION = 1e4
MIX = 0.5  # the elastic-net ball mix (constrained) and l1_ratio (penalized) against scipy
DISAGREE = 1e-7  # compute the alternate reference beyond this difference
TOL_BETA = 1e-6

# Largest differences seen and how many alternate references were needed, reported at
# the end of the run.
MAX_ERRORS: dict[str, float] = {}
ALTERNATES: dict[str, str] = {}


def _into_ball(beta: np.ndarray, penalty: str, t: float) -> np.ndarray:
    """Scale β towards 0 until it is inside the ball (the balls are star-shaped)."""
    g = float(constraint_value(beta, penalty, MIX))
    if g <= t:
        return beta
    if penalty == "elasticnet":  # ρ·s‖β‖₁ + (1 − ρ)s²‖β‖² = t, the positive root in s
        a, b = MIX * np.abs(beta).sum(), (1 - MIX) * beta @ beta
        s = 2.0 * t / (a + np.sqrt(a * a + 4.0 * b * t))
    else:
        s = t / g
    return beta * s * (1 - 1e-15)


# ---------------------------------------------------------------- against scipy


@pytest.mark.parametrize("penalty", PENALTIES)
def test_constrained_agrees_with_scipy(penalty):
    centers, hessians = random_problems(N_REFERENCE, seed=11, max_condition=MAX_CONDITION)
    budgets = np.random.default_rng(12).uniform(0.1, 3.0, N_REFERENCE)
    ours = solve_constrained_3d(centers, hessians, penalty, budgets, MIX)
    worst, n_alternate, n_polished = 0.0, 0, 0
    for k in range(N_REFERENCE):
        c, h, t = centers[k], hessians[k], budgets[k]
        refs = [_into_ball(scipy_constrained(c, h, penalty, t, MIX), penalty, t)]
        if np.abs(ours[k] - refs[0]).max() > DISAGREE:
            n_alternate += 1
            refs.append(
                _into_ball(scipy_constrained(c, h, penalty, t, MIX, whiten=True), penalty, t)
            )
        if np.abs(ours[k] - refs[-1]).max() > DISAGREE:
            n_polished += 1
            polished = polish_constrained(refs[-1], c, h, penalty, t, MIX)
            refs.append(_into_ball(polished, penalty, t))
        diff = np.abs(ours[k] - refs[-1]).max()
        worst = max(worst, diff)
        assert diff <= TOL_BETA, (k, diff)
        # Our point is feasible, and no worse than any reference's feasible point.
        assert constraint(ours[k], penalty, t, MIX).min() >= -1e-12 * max(1.0, t)
        best_ref = min(loss(b, c, h) for b in refs)
        assert loss(ours[k], c, h) <= best_ref * (1 + 1e-9) + 1e-15, k
    MAX_ERRORS[f"constrained {penalty}"] = worst
    ALTERNATES[f"constrained {penalty}"] = f"{n_alternate} whitened SLSQP, {n_polished} polished"
    assert n_alternate < N_REFERENCE / 2 and n_polished < N_REFERENCE / 20


@pytest.mark.parametrize("penalty", PENALTIES)
def test_penalized_agrees_with_scipy(penalty):
    centers, hessians = random_problems(N_REFERENCE, seed=21, max_condition=MAX_CONDITION)
    lams = 10 ** np.random.default_rng(22).uniform(-2, 1, N_REFERENCE)
    ours = solve_penalized_3d(centers, hessians, penalty, lams, MIX)
    worst, n_alternate = 0.0, 0
    for k in range(N_REFERENCE):
        c, h, lam = centers[k], hessians[k], lams[k]

        def objective(b, c=c, h=h, lam=lam):
            return penalized_objective(b, c, h, penalty, lam, MIX)

        refs = [scipy_penalized(c, h, penalty, lam, MIX)]
        if np.abs(ours[k] - refs[0]).max() > DISAGREE:
            n_alternate += 1
            refs.append(sklearn_penalized(c, h, penalty, lam, MIX))
        diff = np.abs(ours[k] - refs[-1]).max()
        worst = max(worst, diff)
        assert diff <= TOL_BETA, (k, diff)
        best_ref = min(objective(b) for b in refs)
        assert objective(ours[k]) <= best_ref * (1 + 1e-9) + 1e-15, k
    MAX_ERRORS[f"penalized {penalty}"] = worst
    ALTERNATES[f"penalized {penalty}"] = f"{n_alternate} scikit-learn CD"
    assert n_alternate < N_REFERENCE / 2


def test_report_max_errors(capsys):
    # Runs after the comparisons above (pytest keeps file order); prints for the report.
    with capsys.disabled():
        for name, value in MAX_ERRORS.items():
            extra = ALTERNATES.get(name, "")
            print(f"\n  max |Δβ| vs reference, {name}: {value:.1e} ({extra})", end="")
    assert all(v <= TOL_BETA for v in MAX_ERRORS.values())


# ---------------------------------------------------------------- KKT and exact zeros


def _pull(centers, hessians, beta):
    return np.einsum("nij,nj->ni", hessians, centers - beta)


def _no_tiny_coefficients(beta):
    return not np.any((np.abs(beta) > 0) & (np.abs(beta) < 1e-9))


def test_constrained_l2_kkt():
    centers, hessians = random_problems(20_000, seed=43, max_condition=MAX_CONDITION)
    t = 1.0
    beta = solve_constrained_3d(centers, hessians, "l2", t)
    outside = np.linalg.norm(centers, axis=1) > t
    b, w = beta[outside], _pull(centers[outside], hessians[outside], beta[outside])
    assert np.allclose(np.linalg.norm(b, axis=1), t, rtol=1e-12)
    # The pull is a non-negative multiple of β: parallel and pointing outwards.
    cross = np.cross(b, w)
    assert np.all(np.linalg.norm(cross, axis=1) <= 1e-9 * (1 + np.linalg.norm(w, axis=1)))
    assert np.all(np.sum(b * w, axis=1) >= -1e-12)
    assert not np.any(b == 0.0)


def test_constrained_elasticnet_kkt_and_exact_zeros():
    centers, hessians = random_problems(20_000, seed=44, max_condition=MAX_CONDITION)
    t, rho = 1.0, 0.4
    beta = solve_constrained_3d(centers, hessians, "elasticnet", t, rho)
    outside = constraint_value(centers, "elasticnet", rho) > t
    b = beta[outside]
    w = _pull(centers[outside], hessians[outside], b)
    assert np.allclose(constraint_value(b, "elasticnet", rho), t, rtol=1e-11)
    # w = ν·(ρ·z + 2(1 − ρ)β) with z ∈ ∂‖β‖₁: on the support zᵢ = sign βᵢ, off it |zᵢ| ≤ 1.
    nz = b != 0.0
    i = np.argmax(np.abs(b), axis=1)
    rows = np.arange(len(b))
    nu = w[rows, i] / (rho * np.sign(b[rows, i]) + 2 * (1 - rho) * b[rows, i])
    assert np.all(nu >= 0)
    grad = rho * np.sign(b) + 2 * (1 - rho) * b
    scale = 1e-8 * (1 + np.abs(w).max(axis=1, keepdims=True))
    assert np.all((np.abs(w - nu[:, None] * grad) <= scale)[nz])
    assert np.all((np.abs(w) <= rho * nu[:, None] + scale)[~nz])
    n_zero = (~nz).sum(axis=1)
    assert set(np.unique(n_zero)) == {0, 1, 2}
    assert _no_tiny_coefficients(b)


# ---------------------------------------------------------------- 3-D reduces to 2-D


def _block_problems(n, seed):
    """c₃ = 0 and H = diag(H₂, h₃₃): the third coefficient is decoupled and pulled to 0."""
    rng = np.random.default_rng(seed)
    c3, h3 = random_problems(n, seed, max_condition=100.0)
    c2, h2 = c3[:, :2], h3[:, :2, :2]
    centers = np.concatenate([c2, np.zeros((n, 1))], axis=1)
    hessians = np.zeros((n, 3, 3))
    hessians[:, :2, :2] = h2
    hessians[:, 2, 2] = 10 ** rng.uniform(-1, 1, n)
    return centers, hessians, c2, h2


@pytest.mark.parametrize("penalty", PENALTIES)
def test_decoupled_third_coefficient_gives_the_2d_solution(penalty):
    centers, hessians, c2, h2 = _block_problems(5000, seed=81)
    budgets = np.random.default_rng(82).uniform(0.1, 3.0, 5000)
    lams = 10 ** np.random.default_rng(83).uniform(-2, 1, 5000)
    for ours, ref in (
        (
            solve_constrained_3d(centers, hessians, penalty, budgets, MIX),
            solve_constrained(c2, h2, penalty, budgets, MIX),
        ),
        (
            solve_penalized_3d(centers, hessians, penalty, lams, MIX),
            solve_penalized(c2, h2, penalty, lams, MIX),
        ),
    ):
        np.testing.assert_allclose(ours[:, :2], ref, atol=1e-10, rtol=1e-10)
        if penalty == "l2":
            assert np.all(np.abs(ours[:, 2]) <= 1e-14)
        else:
            assert np.all(ours[:, 2] == 0.0)
            # The 2-D solver's exact zeros are the 3-D solver's exact zeros.
            assert np.array_equal(ours[:, :2] == 0.0, ref == 0.0)


# ---------------------------------------------------------------- edge cases


@pytest.mark.parametrize(("penalty", "other"), [("elasticnet", "l1"), ("elasticnet", "l2")])
def test_elastic_net_ends_are_l1_and_l2(penalty, other):
    centers, hessians = random_problems(500, seed=91)
    r = 1.0 if other == "l1" else 0.0
    np.testing.assert_array_equal(
        solve_penalized_3d(centers, hessians, penalty, 0.7, r),
        solve_penalized_3d(centers, hessians, other, 0.7),
    )
    # The r = 0 ball is ‖β‖² ≤ t, the sphere of radius √t.
    np.testing.assert_array_equal(
        solve_constrained_3d(centers, hessians, penalty, 0.49, r),
        solve_constrained_3d(centers, hessians, other, 0.49 if r else 0.7),
    )


# ---------------------------------------------------------------- properties


finite = st.floats(-20, 20, allow_nan=False, allow_infinity=False)
unit = st.floats(-1, 1, allow_nan=False)


def _hessian(log_cond, log_mid, q):
    """H = Q diag(1, κ^m, κ) Qᵀ, Q the rotation of the (normalized) quaternion q."""
    w, x, y, z = np.asarray(q) / np.linalg.norm(q)
    rot = np.array(
        [
            [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
            [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
            [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
        ]
    )
    kappa = 10.0**log_cond
    h = rot @ np.diag([1.0, kappa**log_mid, kappa]) @ rot.T
    return 0.5 * (h + h.T)


@st.composite
def bowls(draw) -> tuple[np.ndarray, np.ndarray]:
    """A random bowl (c, H): any center, any rotation, condition number up to 1e3."""
    c = np.array(draw(st.tuples(finite, finite, finite)))
    q = draw(st.tuples(unit, unit, unit, unit).filter(lambda v: np.linalg.norm(v) > 0.1))
    return c, _hessian(draw(st.floats(0, 3)), draw(st.floats(0, 1)), q)


def _surface_points(penalty, t, n=40_000, seed=0):
    """Random points on the ball's surface, plus its 6 vertices and points on its 12 edges."""
    rng = np.random.default_rng(seed)
    u = rng.standard_normal((n, 3))
    edges = rng.standard_normal((n // 4, 3))
    edges[np.arange(len(edges)), rng.integers(0, 3, len(edges))] = 0.0
    u = np.concatenate([u, edges, np.eye(3), -np.eye(3)])
    g = constraint_value(u, penalty, MIX)
    if penalty == "elasticnet":
        a, b = MIX * np.abs(u).sum(axis=1), (1 - MIX) * (u * u).sum(axis=1)
        s = 2.0 * t / (a + np.sqrt(a * a + 4.0 * b * t))
    else:
        s = t / g
    return u * s[:, None]


@settings(max_examples=150, deadline=None)
@given(bowl=bowls(), t=st.floats(0.05, 10), penalty=st.sampled_from(PENALTIES))
def test_solution_is_feasible_and_beats_every_surface_point(bowl, t, penalty):
    c, h = bowl
    beta = solve_constrained_3d(c, h, penalty, t, MIX)
    assert constraint_value(beta, penalty, MIX) <= t * (1 + 1e-12)
    if constraint_value(c, penalty, MIX) > t:
        points = _surface_points(penalty, t)
        d = points - c
        best = 0.5 * np.einsum("ni,ij,nj->n", d, h, d).min()
        assert loss(beta, c, h) <= best * (1 + 1e-9) + 1e-12
    else:
        assert np.array_equal(beta, c)


@settings(max_examples=100, deadline=None)
@given(
    bowl=bowls(),
    lam=st.floats(0, 50),
    perm=st.permutations([0, 1, 2]),
    flips=st.tuples(*[st.sampled_from([1.0, -1.0])] * 3),
    penalty=st.sampled_from(PENALTIES),
)
def test_permuting_and_mirroring_coefficients_permutes_the_solution(
    bowl, lam, perm, flips, penalty
):
    # β ↦ Dβ with D a signed permutation maps the octahedron, sphere and elastic-net ball
    # to themselves, so it maps the solution to the solution (zeros included).
    c, h = bowl
    d = np.diag(flips)[list(perm)]
    for solve, arg in ((solve_penalized_3d, lam), (solve_constrained_3d, 1.0 + lam / 10)):
        beta = solve(c, h, penalty, arg, MIX)
        moved = solve(d @ c, d @ h @ d.T, penalty, arg, MIX)
        np.testing.assert_allclose(moved, d @ beta, atol=1e-9 * (1 + np.abs(beta).max()))
        if penalty != "l2":
            assert np.array_equal(moved == 0.0, d @ beta == 0.0)
