"""Zone maps: for one loss shape, which loss centers give a zero coefficient?

Fix the curvature H of the bowl ½(β − c)ᵀH(β − c) and move its center c over a grid.
Each center is classified, per ball (all meeting the axes at ±t, as in
:mod:`regviz.experiments.montecarlo`):

- ``INSIDE`` (0): c is inside the ball; the penalty does nothing;
- ``NONZERO`` (1): the ball binds and both coefficients are non-zero;
- ``ZERO`` (2): the ball binds and a coefficient is zero — exactly 0.0 for the
  diamond (L1) and the elastic-net ball, |βᵢ| < ε·t for the circle (L2).

For L1 the map is computed in closed form, from the KKT conditions at the corners:
the corner v = ±t·eᵢ is the solution exactly when the pull w = H(c − v) lies in the
corner's normal cone, |w_other| ≤ ±w_i, so the zero zone of each corner is the
wedge v + H⁻¹·(normal cone) — the "perpendicular zones" of the diamond, sheared by
H. For L2 and the elastic net the batched exact solver is run on every grid point.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from regviz.core.geometry import solve_constrained
from regviz.core.losses import hessian_from_shape
from regviz.core.penalties import check_penalty, constraint_value

Array = NDArray[np.float64]

INSIDE, NONZERO, ZERO = 0, 1, 2
ZONE_NAMES = {INSIDE: "inside the ball", NONZERO: "no zero", ZERO: "a zero"}


@dataclass(frozen=True)
class ZoneMap:
    """Zones of loss centers for one bowl shape.

    Attributes
    ----------
    b1, b2 : ndarray
        Grid coordinates of the center c (units of β), shapes (n1,) and (n2,).
    hessian : ndarray, shape (2, 2)
        The fixed curvature H.
    t, epsilon, l1_ratio : float
        Budget, near-zero tolerance (L2) and elastic-net ball mix.
    classes : dict[str, ndarray of uint8, shape (n2, n1)]
        Per penalty, INSIDE / NONZERO / ZERO for every grid center (row = b2).
    """

    b1: Array
    b2: Array
    hessian: Array
    t: float
    epsilon: float
    l1_ratio: float
    classes: dict[str, NDArray[np.uint8]]

    def fraction(self, penalty: str, zone: int = ZERO) -> float:
        """Fraction of the grid's *binding* centers in ``zone`` (INSIDE: of all centers)."""
        cls = self.classes[penalty]
        if zone == INSIDE:
            return float(np.mean(cls == INSIDE))
        binding = cls != INSIDE
        return float(np.sum(cls == zone) / max(1, np.sum(binding)))


def l1_corner_zone(centers: Array, hessian: Array, t: float) -> NDArray[np.bool_]:
    """Closed form: is the diamond's solution at a corner (a coefficient exactly 0)?

    Parameters
    ----------
    centers : ndarray, shape (N, 2)
        Loss centers outside or inside the diamond ‖β‖₁ ≤ t.
    hessian : ndarray, shape (2, 2)
    t : float

    Returns
    -------
    ndarray of bool, shape (N,)
        True where some corner ±t·eᵢ satisfies the KKT normal-cone condition and c
        is outside the diamond.
    """
    (a, b), (_, d) = np.asarray(hessian, dtype=float)
    c1, c2 = centers[:, 0], centers[:, 1]
    hit = np.zeros(len(centers), dtype=bool)
    for axis in (0, 1):
        for sign in (1.0, -1.0):
            e1 = c1 - (sign * t if axis == 0 else 0.0)
            e2 = c2 - (sign * t if axis == 1 else 0.0)
            w1, w2 = a * e1 + b * e2, b * e1 + d * e2
            along, across = (w1, w2) if axis == 0 else (w2, w1)
            hit |= (sign * along > 0.0) & (np.abs(across) <= sign * along)
    return hit & (np.abs(c1) + np.abs(c2) > t)


def _unit_ball_solutions(
    centers_unit: Array, hessian: Array, penalty: str, l1_ratio: float
) -> Array:
    return solve_constrained(centers_unit, hessian, penalty, 1.0, l1_ratio)


def zone_map(
    condition_number: float = 4.0,
    angle_deg: float = 30.0,
    *,
    t: float = 1.0,
    extent: float = 3.0,
    resolution: int = 400,
    epsilon: float = 0.01,
    l1_ratio: float = 0.5,
    penalties: Iterable[str] = ("l1", "l2"),
) -> ZoneMap:
    """Classify a resolution × resolution grid of loss centers for a fixed bowl shape.

    Parameters
    ----------
    condition_number : float, default 4.0
        κ ≥ 1 of H (see :func:`regviz.core.losses.hessian_from_shape`).
    angle_deg : float, default 30.0
        Rotation of the bowl's long axis.
    t : float, default 1.0
        The budget; every ball meets the axes at ±t.
    extent : float, default 3.0
        The grid covers [−extent·t, extent·t]².
    resolution : int, default 400
        Grid points per axis (2–1000).
    epsilon : float, default 0.01
        L2 "zero" means |βᵢ| < ε·t.
    l1_ratio : float, default 0.5
        Elastic-net ball mix r: r‖β‖₁/t + (1 − r)‖β‖₂²/t² ≤ 1.
    penalties : iterable of str, default ("l1", "l2")

    Returns
    -------
    ZoneMap

    Examples
    --------
    >>> zones = zone_map(4.0, 30.0, resolution=50)
    >>> zones.fraction("l1") > zones.fraction("l2")  # wedges beat slivers
    True
    """
    if not (np.isfinite(t) and t > 0):
        raise ValueError(f"The budget t must be positive; got {t}.")
    if not (np.isfinite(extent) and extent > 0):
        raise ValueError(f"The extent must be positive; got {extent}.")
    n = int(resolution)
    if n != resolution or not 2 <= n <= 1000:
        raise ValueError(f"The resolution must be a whole number from 2 to 1000; got {resolution}.")
    if not (np.isfinite(epsilon) and 0 <= epsilon < 1):
        raise ValueError(f"ε must be between 0 and 1; got {epsilon}.")
    pens = tuple(check_penalty(p) for p in penalties)
    hessian = hessian_from_shape(condition_number, angle_deg)
    axis = np.linspace(-extent, extent, n)  # units of t
    g1, g2 = np.meshgrid(axis, axis)
    centers = np.stack([g1.ravel(), g2.ravel()], axis=1)
    classes: dict[str, NDArray[np.uint8]] = {}
    for p in pens:
        inside = constraint_value(centers, p, l1_ratio) <= 1.0
        if p == "l1":
            zero = l1_corner_zone(centers, hessian, 1.0)
        else:
            beta = _unit_ball_solutions(centers, hessian, p, l1_ratio)
            small = np.minimum(np.abs(beta[:, 0]), np.abs(beta[:, 1]))
            zero = (small < epsilon) if p == "l2" else (small == 0.0)
        cls = np.where(inside, INSIDE, np.where(zero, ZERO, NONZERO)).astype(np.uint8)
        classes[p] = cls.reshape(n, n)
    return ZoneMap(axis * t, axis * t, hessian, float(t), float(epsilon), float(l1_ratio), classes)
