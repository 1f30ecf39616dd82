"""Tests of regviz.experiments.zones: the zone map agrees with the exact solver and with SLSQP."""

from __future__ import annotations

import time

import numpy as np
import pytest
from scipy.optimize import minimize

from regviz.core.geometry import solve_constrained
from regviz.experiments.zones import INSIDE, NONZERO, ZERO, l1_corner_zone, zone_map

SIGNS = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])


def _slsqp(center, hessian, penalty, t):
    cons = (
        {"type": "ineq", "fun": lambda b: t - SIGNS @ b, "jac": lambda b: -SIGNS}
        if penalty == "l1"
        else {
            "type": "ineq",
            "fun": lambda b: np.atleast_1d(t * t - b @ b),
            "jac": lambda b: -2.0 * b[None],
        }
    )
    res = minimize(
        lambda b: 0.5 * (b - center) @ hessian @ (b - center),
        np.zeros(2),
        jac=lambda b: hessian @ (b - center),
        method="SLSQP",
        constraints=[cons],
        options={"ftol": 1e-16, "maxiter": 1000},
    )
    return res.x


@pytest.mark.parametrize("kappa,angle", [(1.0, 0.0), (4.0, 30.0), (50.0, 100.0)])
@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_zone_map_agrees_with_the_solver_at_sampled_points(kappa, angle, penalty):
    t, eps, r = 1.5, 0.02, 0.5
    zones = zone_map(
        kappa, angle, t=t, epsilon=eps, l1_ratio=r, resolution=120, penalties=(penalty,)
    )
    rng = np.random.default_rng(0)
    rows, cols = rng.integers(0, 120, 400), rng.integers(0, 120, 400)
    for i, j in zip(rows, cols, strict=True):
        c = np.array([zones.b1[j], zones.b2[i]])
        # One problem at a time: independent of the batched map.
        # The elastic-net ball meets the axes at ±t: solve it in units of t.
        beta = solve_constrained(c / t, zones.hessian, penalty, 1.0, r) * t
        small = np.min(np.abs(beta))
        if np.allclose(beta, c, rtol=0, atol=0):
            expected = INSIDE
        elif penalty == "l2":
            expected = ZERO if small < eps * t else NONZERO
        else:
            expected = ZERO if small == 0.0 else NONZERO
        assert zones.classes[penalty][i, j] == expected, (c, beta)


@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_zone_map_agrees_with_slsqp(penalty):
    t, eps = 1.0, 0.05
    zones = zone_map(8.0, 60.0, t=t, epsilon=eps, resolution=60, penalties=(penalty,))
    rng = np.random.default_rng(1)
    checked = 0
    for i, j in zip(rng.integers(0, 60, 150), rng.integers(0, 60, 150), strict=True):
        c = np.array([zones.b1[j], zones.b2[i]])
        ref = _slsqp(c, zones.hessian, penalty, t)
        small = np.min(np.abs(ref))
        # Zero rule for the reference: |β| < 1e-7 for L1 (SLSQP never returns 0.0 exactly),
        # |β| < ε·t for L2; skip the few points the 1e-6-accurate reference cannot decide.
        threshold = 1e-7 if penalty == "l1" else eps * t
        ambiguous = (1e-7 <= small < 1e-5) if penalty == "l1" else abs(small - threshold) < 1e-6
        if ambiguous:
            continue
        inside = np.abs(c).sum() <= t if penalty == "l1" else np.hypot(*c) <= t
        expected = INSIDE if inside else (ZERO if small < threshold else NONZERO)
        assert zones.classes[penalty][i, j] == expected, (c, ref)
        checked += 1
    assert checked > 140


def test_round_bowl_wedges_have_the_analytic_area():
    """κ = 1 on [−3t, 3t]²: 4 corner wedges of area 4 each, of the 36 − 2 outside the diamond."""
    zones = zone_map(1.0, 0.0, extent=3.0, resolution=801, penalties=("l1",))
    assert zones.fraction("l1") == pytest.approx(16 / 34, abs=0.005)
    assert zones.fraction("l1", INSIDE) == pytest.approx(2 / 36, abs=0.005)


def test_l1_corner_zone_is_the_sheared_normal_cone():
    # Axis-aligned bowl H = diag(1, 4): corner (1, 0) wins iff |4·c₂| ≤ c₁ − 1.
    h = np.diag([1.0, 4.0])
    c = np.array([[3.0, 0.49], [3.0, 0.51], [0.2, 0.1], [-2.0, -0.2]])
    assert l1_corner_zone(c, h, 1.0).tolist() == [True, False, False, True]


def test_zone_map_400_by_400_is_fast():
    start = time.perf_counter()
    zones = zone_map(resolution=400, penalties=("l1", "l2"))
    elapsed = time.perf_counter() - start
    assert zones.classes["l1"].shape == (400, 400)
    assert elapsed < 5.0  # generous: the benchmark measures ≤ 1 s


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"resolution": 1}, "resolution"),
        ({"t": 0.0}, "budget"),
        ({"epsilon": 2.0}, "ε"),
        ({"extent": -1.0}, "extent"),
    ],
)
def test_bad_arguments_raise_plain_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        zone_map(**kwargs)
