"""What the exact 2-D and 3-D solvers share (regviz.core.batch), tested through both.

Every test here runs on the 2-D solvers (:mod:`regviz.core.geometry`) and on the 3-D
ones (:mod:`regviz.core.geometry3d`): the same KKT conditions and exact zeros, λ ↔ t,
edge cases, validation, broadcasting and chunking, whatever the dimension. What only
one dimension has is tested in ``test_geometry.py`` and ``test_geometry3d.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geometry3d_reference
import geometry_reference
import numpy as np
import pytest

from regviz.core import geometry, geometry3d
from regviz.core.batch import ball_mix_for_l1_ratio

PENALTIES = ["l1", "l2", "elasticnet"]


@dataclass(frozen=True)
class Solvers:
    """The public solvers of one dimension, and random bowls of that dimension."""

    dim: int
    solve_penalized: Callable[..., np.ndarray]
    solve_constrained: Callable[..., np.ndarray]
    budget_for_lambda: Callable[..., np.ndarray]
    lambda_for_budget: Callable[..., np.ndarray]
    chunk_size: int
    random_problems: Callable[..., tuple[np.ndarray, np.ndarray]]
    max_condition: float  # the hardest bowls the KKT tests use

    def eye(self) -> np.ndarray:
        return np.eye(self.dim)


SOLVERS = {
    2: Solvers(
        2,
        geometry.solve_penalized,
        geometry.solve_constrained,
        geometry.budget_for_lambda,
        geometry.lambda_for_budget,
        geometry.CHUNK_SIZE,
        geometry_reference.random_problems,
        1e2,
    ),
    3: Solvers(
        3,
        geometry3d.solve_penalized_3d,
        geometry3d.solve_constrained_3d,
        geometry3d.budget_for_lambda_3d,
        geometry3d.lambda_for_budget_3d,
        geometry3d.CHUNK_SIZE,
        geometry3d_reference.random_problems,
        1e4,
    ),
}

# A fixed bowl; its leading 2×2 block is the 2-D one.
CENTER = np.array([2.0, -1.0, 0.5])
HESSIAN = np.array([[2.0, 0.5, 0.1], [0.5, 1.0, 0.2], [0.1, 0.2, 1.5]])


@pytest.fixture(params=[2, 3], ids=["2d", "3d"])
def solvers(request) -> Solvers:
    return SOLVERS[request.param]


def _pull(centers, hessians, beta):
    return np.einsum("nij,nj->ni", hessians, centers - beta)


def _no_tiny_coefficients(beta):
    return not np.any((np.abs(beta) > 0) & (np.abs(beta) < 1e-9))


# ---------------------------------------------------------------- KKT and exact zeros


@pytest.mark.parametrize(("penalty", "r"), [("l1", 1.0), ("elasticnet", 0.3)])
def test_penalized_kkt_and_exact_zeros(solvers, penalty, r):
    centers, hessians = solvers.random_problems(
        20_000, seed=41, max_condition=solvers.max_condition
    )
    lam = 1.0
    beta = solvers.solve_penalized(centers, hessians, penalty, lam, r)
    # KKT of ½(β − c)ᵀH(β − c) + λ[r‖β‖₁ + ½(1 − r)‖β‖²]: w − λ(1 − r)β ∈ λr·∂‖β‖₁.
    w = _pull(centers, hessians, beta) - lam * (1 - r) * beta
    scale = 1e-9 * (1 + np.abs(w))
    nonzero = beta != 0.0
    assert np.all(np.abs(w - lam * r * np.sign(beta))[nonzero] <= scale[nonzero])
    assert np.all(np.abs(w[~nonzero]) <= lam * r + scale[~nonzero])
    n_zero = (~nonzero).sum(axis=1)
    for count in range(solvers.dim + 1):  # every sparsity level occurs
        assert np.any(n_zero == count)
    assert _no_tiny_coefficients(beta)  # zeros are 0.0, not 1e-12


def test_constrained_l1_kkt_and_exact_zeros(solvers):
    centers, hessians = solvers.random_problems(
        20_000, seed=42, max_condition=solvers.max_condition
    )
    t = 1.0
    beta = solvers.solve_constrained(centers, hessians, "l1", t)
    outside = np.abs(centers).sum(axis=1) > t
    b, w = beta[outside], _pull(centers[outside], hessians[outside], beta[outside])
    assert np.allclose(np.abs(b).sum(axis=1), t, rtol=1e-12)
    nu = np.abs(w).max(axis=1)  # the multiplier: β on the L1 ball, w ∈ ν·∂‖β‖₁
    nz = b != 0.0
    tol = np.broadcast_to((1e-9 * (1 + nu))[:, None], b.shape)
    assert np.all(np.abs(w - nu[:, None] * np.sign(b))[nz] <= tol[nz])
    n_zero = (b == 0.0).sum(axis=1)
    # Every face occurs: no zero (facets) up to dim − 1 zeros (vertices).
    assert set(np.unique(n_zero)) == set(range(solvers.dim))
    assert 0.3 < np.mean(n_zero > 0) < 0.99
    assert _no_tiny_coefficients(b)
    assert np.array_equal(beta[~outside], centers[~outside])


# ---------------------------------------------------------------- λ ↔ t


@pytest.mark.parametrize("penalty", PENALTIES)
@pytest.mark.parametrize("l1_ratio", [0.2, 0.7])
def test_penalized_and_constrained_forms_are_the_same_family(solvers, penalty, l1_ratio):
    centers, hessians = solvers.random_problems(3000, seed=51)
    lams = 10 ** np.random.default_rng(52).uniform(-2, 1, 3000)
    penalized = solvers.solve_penalized(centers, hessians, penalty, lams, l1_ratio)
    budgets = solvers.budget_for_lambda(centers, hessians, penalty, lams, l1_ratio)
    mix = ball_mix_for_l1_ratio(l1_ratio) if penalty == "elasticnet" else l1_ratio
    constrained = solvers.solve_constrained(centers, hessians, penalty, budgets, mix)
    np.testing.assert_allclose(constrained, penalized, atol=1e-9, rtol=1e-7)
    if penalty != "l2":
        assert np.array_equal(constrained == 0.0, penalized == 0.0)
    back = solvers.lambda_for_budget(centers, hessians, penalty, budgets, l1_ratio)
    active = budgets > 1e-9
    np.testing.assert_allclose(back[active], lams[active], rtol=1e-6)


def test_lambda_for_zero_budget_is_the_smallest_lambda_that_zeroes_l1(solvers):
    d = solvers.dim
    c, h = CENTER[:d], HESSIAN[:d, :d]
    lam_max = solvers.lambda_for_budget(c, h, "l1", 0.0)
    assert lam_max == pytest.approx(np.abs(h @ c).max())
    assert np.all(solvers.solve_penalized(c, h, "l1", lam_max) == 0.0)
    assert np.any(solvers.solve_penalized(c, h, "l1", lam_max * 0.999) != 0.0)
    assert solvers.lambda_for_budget(c, h, "l2", 0.0) == np.inf


# ---------------------------------------------------------------- edge cases


@pytest.mark.parametrize("penalty", PENALTIES)
def test_center_inside_ball_is_the_answer(solvers, penalty):
    c = np.array([0.2, -0.1, 0.05])[: solvers.dim]
    assert np.array_equal(solvers.solve_constrained(c, solvers.eye(), penalty, 1.0), c)


@pytest.mark.parametrize("penalty", PENALTIES)
def test_center_at_origin_and_zero_budget_give_zero(solvers, penalty):
    zero, eye = np.zeros(solvers.dim), solvers.eye()
    far = np.array([3.0, 1.0, -2.0])[: solvers.dim]
    assert np.array_equal(solvers.solve_constrained(zero, eye, penalty, 1.0), zero)
    assert np.array_equal(solvers.solve_constrained(far, eye, penalty, 0.0), zero)
    assert np.array_equal(solvers.solve_penalized(zero, eye, penalty, 1.0), zero)


@pytest.mark.parametrize("penalty", PENALTIES)
def test_zero_lambda_gives_the_center_and_huge_lambda_gives_zero(solvers, penalty):
    d = solvers.dim
    c = np.array([1.5, -0.7, 0.3])[:d]
    h = np.array([[2.0, 0.3, 0.0], [0.3, 1.0, -0.2], [0.0, -0.2, 0.8]])[:d, :d]
    np.testing.assert_allclose(solvers.solve_penalized(c, h, penalty, 0.0), c, atol=1e-14)
    huge = solvers.solve_penalized(c, h, penalty, 1e12)
    assert np.all(np.abs(huge) < 1e-11)
    if penalty != "l2":
        assert np.all(huge == 0.0)


def _invalid_cases(d: int) -> list[tuple[dict, str]]:
    """(arguments that replace valid ones, the message expected) in dimension d."""
    eye = np.eye(d)
    asymmetric = eye.copy()
    asymmetric[0, 1] = 0.5
    with_nan = eye.copy()
    with_nan[0, 0] = np.nan
    return [
        ({"hessians": np.ones((d, d))}, "positive definite"),
        ({"hessians": np.diag([1.0] * (d - 1) + [-1.0])}, "positive definite"),
        ({"hessians": np.diag([1.0] * (d - 1) + [0.0])}, "positive definite"),
        ({"hessians": asymmetric}, "symmetric"),
        ({"hessians": with_nan}, "NaN"),
        ({"hessians": np.eye(d + 1)}, f"{d}×{d}"),
        ({"hessians": eye[None, None]}, "shape"),
        ({"centers": [np.inf] + [0.0] * (d - 1)}, "NaN or infinite"),
        ({"centers": np.ones(d + 1)}, f"{d} coordinates"),
        ({"centers": 1.0}, f"{d} coordinates"),
        ({"t": -1.0}, "zero or positive"),
        ({"t": np.nan}, "finite"),
        ({"penalty": "l3"}, "Unknown penalty"),
        ({"l1_ratio": 1.5}, "between 0"),
        ({"centers": np.zeros((3, d)), "t": np.ones(4)}, "Batch sizes"),
        ({"centers": np.zeros((2, d)), "hessians": np.stack([eye] * 3)}, "Batch sizes"),
    ]


@pytest.mark.parametrize("case", range(len(_invalid_cases(2))))
def test_invalid_input_raises_a_plain_value_error(solvers, case):
    kwargs, message = _invalid_cases(solvers.dim)[case]
    d = solvers.dim
    spd = np.array([[2.0, 0.1, 0.0], [0.1, 1.0, 0.0], [0.0, 0.0, 1.0]])[:d, :d]
    args = {"centers": np.ones(d), "hessians": spd, "penalty": "l1", "t": 1.0}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        solvers.solve_constrained(**args)


def test_negative_or_nan_lambda_is_rejected(solvers):
    ones, eye = np.ones(solvers.dim), solvers.eye()
    with pytest.raises(ValueError, match="zero or positive"):
        solvers.solve_penalized(ones, eye, "l1", -0.1)
    with pytest.raises(ValueError, match="finite"):
        solvers.solve_penalized(ones, eye, "l2", np.inf)


def test_single_problem_and_broadcast_shapes(solvers):
    d, eye = solvers.dim, solvers.eye()
    assert solvers.solve_constrained(2.0 * eye[0], eye, "l1", 1.0).shape == (d,)
    centers = np.stack([2.0 * eye[0], 3.0 * eye[1], np.ones(d)])
    out = solvers.solve_constrained(centers, eye, "l1", np.array([1.0, 2.0, 0.5]))
    assert out.shape == (3, d)
    assert np.array_equal(out[:2], [eye[0], 2.0 * eye[1]])
    np.testing.assert_allclose(out[2], np.full(d, 0.5 / d))
    assert solvers.solve_penalized(centers, eye, "l2", [0.0, 1.0, 3.0]).shape == (3, d)


@pytest.mark.parametrize("penalty", PENALTIES)
def test_results_do_not_depend_on_chunking(solvers, penalty):
    centers, hessians = solvers.random_problems(solvers.chunk_size + 1000, seed=61)
    for solve in (solvers.solve_constrained, solvers.solve_penalized):
        whole = solve(centers, hessians, penalty, 1.0)
        part = solve(centers[-1000:], hessians[-1000:], penalty, 1.0)
        assert np.array_equal(whole[-1000:], part)
