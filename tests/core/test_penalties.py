"""Penalty values, subgradients, proximal operators and ball boundaries."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from regviz.core.penalties import (
    ball_boundary,
    ball_radius,
    constraint_value,
    lq_norm,
    penalty_value,
    prox,
    soft_threshold,
    subgradient,
)

BETA = np.array([3.0, -4.0])


def test_penalty_values_follow_the_convention():
    assert penalty_value(BETA, "l1") == 7.0
    assert penalty_value(BETA, "l2") == 12.5  # ½‖β‖²
    assert penalty_value(BETA, "elasticnet", 0.4) == pytest.approx(0.4 * 7 + 0.5 * 0.6 * 25)


def test_constraint_values_are_the_balls():
    assert constraint_value(BETA, "l1") == 7.0
    assert constraint_value(BETA, "l2") == 5.0
    assert constraint_value(BETA, "elasticnet", 0.4) == pytest.approx(0.4 * 7 + 0.6 * 25)
    assert constraint_value(BETA, "lq", q=np.inf) == 4.0
    assert lq_norm(BETA, 0.5) == pytest.approx((np.sqrt(3) + 2) ** 2)


def test_soft_threshold_gives_exact_zeros():
    out = soft_threshold([3.0, -0.5, 0.5, -2.0], 1.0)
    assert out.tolist() == [2.0, 0.0, 0.0, -1.0]
    assert not np.signbit(out[1])  # a plain 0.0, not −0.0


@settings(max_examples=200, deadline=None)
@given(
    v=st.floats(-10, 10),
    step=st.floats(0, 5),
    penalty=st.sampled_from(["l1", "l2", "elasticnet"]),
    r=st.floats(0, 1),
)
def test_prox_is_the_argmin_of_its_definition(v, step, penalty, r):
    def objective(b: float) -> float:
        return 0.5 * (b - v) ** 2 + step * float(penalty_value(np.array([b]), penalty, r))

    ref = minimize_scalar(objective, bounds=(-11, 11), method="bounded", options={"xatol": 1e-12})
    ours = float(prox(np.array([v]), step, penalty, r)[0])
    assert objective(ours) <= objective(ref.x) + 1e-12
    assert ours == pytest.approx(ref.x, abs=1e-6)


def test_prox_l1_zeroes_and_l2_only_shrinks():
    v = np.array([0.3, -0.3, 2.0])
    assert prox(v, 0.5, "l1").tolist() == [0.0, 0.0, 1.5]
    assert np.all(prox(v, 0.5, "l2") != 0.0)
    assert np.allclose(prox(v, 0.5, "l2"), v / 1.5)


def test_subgradient_uses_zero_at_zero_for_l1():
    assert subgradient([0.0, -2.0], "l1").tolist() == [0.0, -1.0]
    assert subgradient([1.0, -2.0], "l2").tolist() == [1.0, -2.0]


@pytest.mark.parametrize(
    ("penalty", "kwargs"),
    [
        ("l1", {}),
        ("l2", {}),
        ("elasticnet", {"l1_ratio": 0.3}),
        ("lq", {"q": 0.5}),
        ("lq", {"q": 4}),
    ],
)
def test_ball_boundary_lies_on_the_ball(penalty, kwargs):
    points = ball_boundary(penalty, t=1.7, n_points=401, **kwargs)
    assert np.allclose(constraint_value(points, penalty, **kwargs), 1.7, rtol=1e-12)
    assert np.array_equal(points[0], points[-1])


def test_diamond_corners_are_exact():
    points = ball_boundary("l1", t=2.0, n_points=9)
    corners = {tuple(p) for p in points}
    assert {(2.0, 0.0), (0.0, 2.0), (-2.0, 0.0), (0.0, -2.0)} <= corners


def test_elasticnet_ball_meets_the_axes_where_the_quadratic_says():
    r, t = 0.5, 1.0
    rho = ball_radius(np.array([0.0]), "elasticnet", t=t, l1_ratio=r)[0]
    assert r * rho + (1 - r) * rho**2 == pytest.approx(t)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: penalty_value(BETA, "l0"), "Unknown penalty"),
        (lambda: penalty_value(BETA, "elasticnet", 2.0), "between 0"),
        (lambda: lq_norm(BETA, 0.0), "positive"),
        (lambda: prox(BETA, -1.0, "l1"), "non-negative"),
        (lambda: ball_radius(0.0, "l1", t=-1.0), "non-negative"),
    ],
)
def test_bad_arguments_raise_value_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()
