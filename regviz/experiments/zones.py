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

The box of centers is the Monte Carlo's (:mod:`regviz.experiments.montecarlo`): one
parameter, the design's center spread s, passed through :func:`zone_map_for_design`,
so the map covers the centers the simulation draws (uniform in [−s·t, s·t]²; for
Gaussian centers the map spans ±3s·t and its fractions are weighted by the density).

The Monte Carlo zero fraction is exactly the zone-map fraction averaged over the
design's bowl shapes: whether a trial binds depends on its center alone, so
P(zero | binding) = E_shape[area of the zero zone] / area of the binding region.
:func:`shape_zero_fractions` computes the zone areas of one shape exactly, as polygons
clipped to the box (the L1 and elastic-net wedges v + H⁻¹·N(v) at the four corners, and
the L2 slivers swept by the rays c = β(θ) + μ·H⁻¹β(θ), μ ≥ 0, from the arcs
|sin θ| < ε or |cos θ| < ε of the circle), and :func:`design_zero_fractions` averages
them over the design's κ (Gauss–Legendre in log κ) and rotation (midpoint rule over a
period), for comparison with :func:`regviz.experiments.montecarlo.simulate`
(:func:`describe_zones` words the comparison).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from regviz.core.conventions import PENALTIES
from regviz.core.geometry import solve_constrained
from regviz.core.losses import hessian_from_shape
from regviz.core.penalties import check_penalty, constraint_value
from regviz.core.quadrature import adaptive_gauss_kronrod
from regviz.experiments.montecarlo import (
    EXACT_ZEROS,
    NEAR_EPSILONS,
    Design,
    MonteCarloResult,
    make_design,
)

Array = NDArray[np.float64]

INSIDE, NONZERO, ZERO = 0, 1, 2
ZONE_NAMES = {INSIDE: "inside the ball", NONZERO: "no zero", ZERO: "a zero"}

DEFAULT_EXTENT = Design().center_scale
"""The default half-width of the map, in units of t: the Monte Carlo's default spread s."""
GAUSSIAN_EXTENT_SDS = 3.0
"""For Gaussian centers the map spans ±3 standard deviations (s·t each)."""


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
    weights: Array | None = None
    center_distribution: str = "uniform"

    def fraction(self, penalty: str, zone: int = ZERO) -> float:
        """Fraction of the grid's *binding* centers in ``zone`` (INSIDE: of all centers).

        With ``weights`` (Gaussian centers) every grid center counts with its density.
        """
        cls = self.classes[penalty]
        w = np.ones(cls.shape) if self.weights is None else self.weights
        if zone == INSIDE:
            return float(np.sum(w * (cls == INSIDE)) / np.sum(w))
        binding = np.sum(w * (cls != INSIDE))
        return float(np.sum(w * (cls == zone)) / binding) if binding > 0 else float("nan")


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
    extent: float = DEFAULT_EXTENT,
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
    extent : float, default 2.0
        The grid covers [−extent·t, extent·t]²: the Monte Carlo's box when it equals
        the design's center spread s (:func:`zone_map_for_design` passes it on).
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


def zone_extent(design: Design) -> float:
    """Half-width of the zone map for a design, in units of t.

    Uniform centers: the Monte Carlo's box [−s·t, s·t]², so the map shows exactly the
    centers the simulation draws. Gaussian centers: ±3 standard deviations (3s).

    Examples
    --------
    >>> zone_extent(Design(center_scale=2.5))
    2.5
    >>> zone_extent(Design(center_distribution="gaussian", center_scale=1.0))
    3.0
    """
    if design.center_distribution == "uniform":
        return float(design.center_scale)
    return GAUSSIAN_EXTENT_SDS * float(design.center_scale)


def zone_map_for_design(
    design: Design,
    condition_number: float = 4.0,
    angle_deg: float = 30.0,
    *,
    resolution: int = 400,
    penalties: Iterable[str] = PENALTIES,
) -> ZoneMap:
    """The zone map of one bowl shape on the Monte Carlo design's box of centers.

    The budget t, the box (:func:`zone_extent`), ε and the elastic-net mix all come from
    ``design``, so the map's fractions are those the simulation averages over bowls.
    For Gaussian centers every grid center is weighted by its density.

    Parameters
    ----------
    design : Design
        The Monte Carlo design (:func:`regviz.experiments.montecarlo.make_design`).
    condition_number, angle_deg : float
        The bowl shape shown.
    resolution : int, default 400
    penalties : iterable of str, default all three

    Returns
    -------
    ZoneMap

    Examples
    --------
    >>> zones = zone_map_for_design(Design(center_scale=2.0), resolution=50)
    >>> float(zones.b1[-1])
    2.0
    """
    extent = zone_extent(design)
    zones = zone_map(
        condition_number,
        angle_deg,
        t=design.t,
        extent=extent,
        resolution=resolution,
        epsilon=design.epsilon,
        l1_ratio=design.l1_ratio,
        penalties=penalties,
    )
    if design.center_distribution == "uniform":
        return zones
    g1, g2 = np.meshgrid(zones.b1 / design.t, zones.b2 / design.t)
    weights = np.exp(-(g1**2 + g2**2) / (2.0 * design.center_scale**2))
    return ZoneMap(
        zones.b1,
        zones.b2,
        zones.hessian,
        zones.t,
        zones.epsilon,
        zones.l1_ratio,
        zones.classes,
        weights=weights,
        center_distribution="gaussian",
    )


# --------------------------------------------------------------- exact zone areas


def _clip_to_box(polygon: Array, half: float) -> Array:
    """Sutherland–Hodgman: the part of a polygon inside the box [−half, half]²."""
    points = [(float(x), float(y)) for x, y in polygon]
    for axis in (0, 1):
        for sign in (1.0, -1.0):
            if not points:
                return np.zeros((0, 2))
            kept: list[tuple[float, float]] = []
            for i, p in enumerate(points):
                q = points[(i + 1) % len(points)]
                p_in, q_in = sign * p[axis] <= half, sign * q[axis] <= half
                if p_in:
                    kept.append(p)
                if p_in != q_in:
                    s = (sign * half - p[axis]) / (q[axis] - p[axis])
                    kept.append((p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])))
            points = kept
    return np.array(points) if points else np.zeros((0, 2))


def _shoelace(polygon: Array) -> float:
    """Signed area of a polygon (counter-clockwise positive)."""
    n = len(polygon)
    if n < 3:
        return 0.0
    pts = [(float(x), float(y)) for x, y in polygon]
    twice = 0.0
    for i in range(n):
        x0, y0 = pts[i]
        x1, y1 = pts[(i + 1) % n]
        twice += x0 * y1 - x1 * y0
    return 0.5 * twice


def _gaussian_mass(polygon: Array, sd: float, order: int = 24) -> float:
    """∫ over a simple polygon of the N(0, sd²·I) density (signed fan of triangles).

    Each triangle (p₀, pᵢ, pᵢ₊₁) is mapped from the unit square by the collapsed
    (Duffy) map x = p₀ + u·(pᵢ − p₀ + v·(pᵢ₊₁ − pᵢ)), with Gauss–Legendre in u and v.
    """
    polygon = np.asarray(polygon, dtype=float)
    if len(polygon) < 3:
        return 0.0
    u, v, wu = _collapsed_rule(order)
    p0 = polygon[0]
    a = polygon[1:-1] - p0  # (T, 2)
    b = polygon[2:] - polygon[1:-1]
    det = a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]  # twice the signed area
    step = a[:, None, None, :] + v[None, :, :, None] * b[:, None, None, :]
    pts = p0 + u[None, :, :, None] * step
    density = np.exp(-np.sum(pts**2, axis=-1) / (2.0 * sd * sd)) / (2.0 * np.pi * sd * sd)
    return float(np.sum(det * np.sum(density * wu, axis=(1, 2))))


@functools.lru_cache(maxsize=4)
def _collapsed_rule(order: int) -> tuple[Array, Array, Array]:
    """Gauss–Legendre nodes u, v on [0, 1]² and weights times the Jacobian factor u."""
    x, w = np.polynomial.legendre.leggauss(order)
    x, w = 0.5 * (x + 1.0), 0.5 * w
    u, v = np.meshgrid(x, x, indexing="ij")
    return u, v, np.outer(w, w) * u


Point = tuple[float, float]


def _reach_along(origin: Point, direction: Point, reach: float) -> float:
    """The largest coefficient μ ≥ 0 at which origin + μ·direction is still near the box."""
    dx, dy = direction
    norm2 = dx * dx + dy * dy
    best = 0.0
    for cx in (reach, -reach):
        for cy in (reach, -reach):
            best = max(best, ((cx - origin[0]) * dx + (cy - origin[1]) * dy) / norm2)
    return 1.01 * best + 1.0


def _wedge_polygon(apex: Point, d1: Point, d2: Point, reach: float) -> list[Point]:
    """The parallelogram apex + a·d1 + b·d2, 0 ≤ a, b ≤ R, covering the wedge in the box.

    R is the largest coordinate a or b of a corner of the box [−reach, reach]² in the
    basis (d1, d2), so every point of the wedge inside the box lies in the parallelogram.
    """
    det = d1[0] * d2[1] - d1[1] * d2[0]
    r = 0.0
    for cx in (reach, -reach):
        for cy in (reach, -reach):
            qx, qy = cx - apex[0], cy - apex[1]
            r = max(r, (qx * d2[1] - qy * d2[0]) / det, (d1[0] * qy - d1[1] * qx) / det)
    r = 1.01 * r + 1.0
    return [
        apex,
        (apex[0] + r * d1[0], apex[1] + r * d1[1]),
        (apex[0] + r * (d1[0] + d2[0]), apex[1] + r * (d1[1] + d2[1])),
        (apex[0] + r * d2[0], apex[1] + r * d2[1]),
    ]


def _corner_normals(penalty: str, l1_ratio: float) -> tuple[Point, Point]:
    """Generators of the normal cone at the corner (1, 0) of the diamond / elastic-net ball."""
    r = 1.0 if penalty == "l1" else float(l1_ratio)
    return (2.0 - r, r), (2.0 - r, -r)


# Points on each arc |θ − θ₀| ≤ arcsin ε of an L2 sliver: the polygon misses at most
# (2/3)·α³/64 of area per arc (α = arcsin ε), ~1e-5 at the largest ε = 0.1.
_ARC_POINTS = 9


def _zero_zone_polygons(
    hessian: Array, penalty: str, l1_ratio: float, epsilon: float, reach: float, count: int = 4
) -> list[list[Point]]:
    """Polygons (units of t) whose union, within the box of half-width ``reach``, is the
    zero zone: the corner wedges (L1, elastic net) or slivers (L2, |βᵢ| < ε), starting
    at the corner (1, 0) and turning by quarter turns (``count`` of the four)."""
    (a, b), (_, d) = np.asarray(hessian, dtype=float)
    det = a * d - b * b

    def h_inv(x: float, y: float) -> Point:
        return ((d * x - b * y) / det, (a * y - b * x) / det)

    def turn(point: Point, k: int) -> Point:  # k quarter turns counter-clockwise
        x, y = point
        for _ in range(k):
            x, y = -y, x
        return (x, y)

    polygons = []
    if penalty in ("l1", "elasticnet"):
        if penalty == "elasticnet" and l1_ratio == 0.0:
            return []  # the circle: no corners, no wedge
        n1, n2 = _corner_normals(penalty, l1_ratio)
        for k in range(count):
            apex = turn((1.0, 0.0), k)
            polygons.append(_wedge_polygon(apex, h_inv(*turn(n1, k)), h_inv(*turn(n2, k)), reach))
        return polygons
    half_angle = float(np.arcsin(min(epsilon, 1.0)))
    if half_angle == 0.0:
        return []
    # Each sliver is swept by the rays β(θ) + μ·H⁻¹β(θ), μ ≥ 0, |θ − θ₀| ≤ arcsin ε. The
    # ray directions turn monotonically with θ (H⁻¹ keeps orientation) through less than
    # a half turn, so the sliver within a big disc of radius R is bounded by the two edge
    # rays, the arc of the unit circle and an arc of the big circle between the rays' ends.
    big = 4.0 * np.sqrt(2.0) * max(reach, 1.0) + 2.0
    arc = np.linspace(-half_angle, half_angle, _ARC_POINTS)
    for k in range(count):
        theta = arc + k * np.pi / 2.0
        points = [(float(np.cos(t)), float(np.sin(t))) for t in theta]
        ends = []
        for p in (points[0], points[-1]):
            dx, dy = h_inv(*p)  # H⁻¹β(θ): the ray of centers whose solution is β(θ)
            # |p + μ·d| = R: the positive root of a quadratic in μ.
            qa, qb, qc = dx * dx + dy * dy, 2.0 * (p[0] * dx + p[1] * dy), 1.0 - big * big
            mu = (-qb + np.sqrt(qb * qb - 4.0 * qa * qc)) / (2.0 * qa)
            ends.append((p[0] + mu * dx, p[1] + mu * dy))
        start, stop = (np.arctan2(e[1], e[0]) for e in ends)
        sweep = (stop - start) % (2.0 * np.pi)  # counter-clockwise from the first edge
        n_outer = int(np.ceil(sweep / np.radians(5.0))) + 1
        outer = [
            (big * float(np.cos(a)), big * float(np.sin(a)))
            for a in start + np.linspace(sweep, 0.0, n_outer)[1:-1]
        ]
        polygons.append([ends[0], *points, ends[1], *outer])
    return polygons


def _ball_polygon(penalty: str, l1_ratio: float, n_points: int = 2_000) -> Array:
    """The ball meeting the axes at ±1 as a polygon (exact for the diamond)."""
    if penalty == "l1":
        return np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    theta = np.linspace(0.0, 2.0 * np.pi, n_points, endpoint=False)
    direction = np.column_stack([np.cos(theta), np.sin(theta)])
    if penalty == "l2":
        return direction
    # r·ρ·(|cos| + |sin|) + (1 − r)·ρ² = 1 along each direction: solve for the radius ρ.
    r = float(l1_ratio)
    a = r * np.abs(direction).sum(axis=1)
    radius = 1.0 / a if r == 1.0 else (-a + np.sqrt(a * a + 4.0 * (1.0 - r))) / (2.0 * (1.0 - r))
    return direction * radius[:, None]


def _measure(polygon: Array, distribution: str, spread: float, order: int = 16) -> float:
    """Area inside the box [−s, s]² (uniform centers) or N(0, s²I) mass (Gaussian)."""
    if distribution == "uniform":
        return abs(_shoelace(_clip_to_box(polygon, spread)))
    clipped = _clip_to_box(polygon, 8.0 * spread)  # beyond 8 sd the density is < 1e-14
    return abs(_gaussian_mass(clipped, spread, order))


def _binding_measure(penalty: str, l1_ratio: float, distribution: str, spread: float) -> float:
    """Area (uniform) or probability (Gaussian) of the centers outside the ball."""
    total = 4.0 * spread * spread if distribution == "uniform" else 1.0
    if penalty == "l2" and distribution == "gaussian":
        return float(np.exp(-1.0 / (2.0 * spread * spread)))  # P(‖c‖ > 1), a χ² tail
    if penalty == "l2" and distribution == "uniform" and spread >= 1.0:
        return total - np.pi
    # The thin fan triangles of a 2,000-gon need few Gauss points for a smooth density.
    return total - _measure(_ball_polygon(penalty, l1_ratio), distribution, spread, order=6)


def _shape_fractions(
    hessian: Array,
    pens: tuple[str, ...],
    binding: dict[str, float],
    distribution: str,
    spread: float,
    l1_ratio: float,
    epsilon: float,
) -> dict[str, float]:
    reach = spread if distribution == "uniform" else 8.0 * spread
    total = 4.0 * spread * spread if distribution == "uniform" else 1.0
    out = {}
    for penalty in pens:
        # The zones at opposite corners are mirror images through 0, and so is the box
        # (and the density): measure two of the four and double.
        polygons = _zero_zone_polygons(hessian, penalty, l1_ratio, epsilon, reach, count=2)
        zero = 2.0 * sum(_measure(poly, distribution, spread) for poly in polygons)
        out[penalty] = zero / binding[penalty] if binding[penalty] > 1e-12 * total else np.nan
    return out


def shape_zero_fractions(
    condition_number: float,
    angle_deg: float,
    *,
    center_scale: float = DEFAULT_EXTENT,
    center_distribution: str = "uniform",
    l1_ratio: float = 0.5,
    epsilon: float = 0.01,
    penalties: Iterable[str] = PENALTIES,
) -> dict[str, float]:
    """Exact zero-zone fractions of one bowl shape on the Monte Carlo's distribution of centers.

    For each penalty, the share of the *binding* centers (outside the ball) whose
    solution has a zero — exactly 0.0 for L1 and the elastic net, |βᵢ| < ε·t for L2 (the
    Monte Carlo's headline rules) — with centers uniform in [−s·t, s·t]² or Gaussian
    N(0, (s·t)²·I). The zones are polygons (see the module docstring) clipped to the
    box, so the areas carry no grid error. The fractions do not depend on t.

    Parameters
    ----------
    condition_number, angle_deg : float
        The bowl shape (:func:`regviz.core.losses.hessian_from_shape`).
    center_scale : float, default 2.0
        s: half-width of the box or standard deviation, in units of t.
    center_distribution : {"uniform", "gaussian"}
    l1_ratio, epsilon : float
        The elastic-net ball mix r and the L2 near-zero ε.
    penalties : iterable of str

    Returns
    -------
    dict of str to float
        NaN for a penalty whose ball covers every center of the box.

    Examples
    --------
    >>> f = shape_zero_fractions(1.0, 0.0, center_scale=3.0, penalties=("l1",))
    >>> round(f["l1"], 6)  # four wedges of area 4 out of the 36 − 2 outside the diamond
    0.470588
    """
    design = make_design(
        center_distribution=center_distribution,
        center_scale=center_scale,
        condition_min=condition_number,
        condition_max=condition_number,
        l1_ratio=l1_ratio,
        epsilon=epsilon,
    )
    pens = tuple(check_penalty(p) for p in penalties)
    spread = float(design.center_scale)
    binding = {p: _binding_measure(p, l1_ratio, center_distribution, spread) for p in pens}
    hessian = hessian_from_shape(condition_number, angle_deg)
    return _shape_fractions(hessian, pens, binding, center_distribution, spread, l1_ratio, epsilon)


@dataclass(frozen=True)
class DesignZeroFractions:
    """Zone-map zero fractions averaged over a Monte Carlo design's bowl shapes.

    Attributes
    ----------
    design : Design
    fractions : dict of str to float
        Per penalty, the average over bowl shapes of :func:`shape_zero_fractions`: what
        the Monte Carlo's zero fraction estimates.
    n_shapes : int
        Bowl shapes whose zones were measured.
    """

    design: Design
    fractions: dict[str, float]
    n_shapes: int


def _angle_breakpoints(kappa: float, epsilon: float, l1_ratio: float) -> Array:
    """Breakpoints on [0°, 45°] graded towards the rotations where zones change fast.

    A long thin bowl's zones jump when its long axis lines up with an edge of a zone:
    an axis (0°), the diamond's face normals (45°), the elastic-net corner normals
    (atan(r/(2 − r))) and the edges of the L2 slivers (arcsin ε), each folded into
    [0°, 45°] by the symmetries. Panels shrink by factors of 4 towards each, down to
    ~45°/(4κ); the adaptive quadrature refines from there.
    """

    def fold(angle: float) -> float:
        angle = angle % 90.0
        return min(angle, 90.0 - angle)

    centers = {0.0, 45.0, fold(float(np.degrees(np.arcsin(min(epsilon, 1.0)))))}
    if 0.0 < l1_ratio < 1.0:
        centers.add(fold(float(np.degrees(np.arctan2(l1_ratio, 2.0 - l1_ratio)))))
    steps = 45.0 * 0.25 ** np.arange(1, int(np.ceil(np.log(max(kappa, 2.0)) / np.log(4.0))) + 2)
    points = [np.array([0.0, 45.0])]
    for c in centers:
        points.extend([np.array([c]), c + steps, c - steps])
    all_points = np.concatenate(points)
    return np.unique(all_points[(all_points >= 0.0) & (all_points <= 45.0)])


def design_zero_fractions(
    design: Design | None = None,
    *,
    penalties: Iterable[str] = PENALTIES,
    n_kappa: int = 8,
    angle_rtol: float = 1e-4,
    **design_settings: object,
) -> DesignZeroFractions:
    """The zone-map zero fractions averaged over the design's distribution of bowls.

    κ is log-uniform in [κ_min, κ_max] (Gauss–Legendre nodes in log κ) and the rotation
    uniform over [0°, 180°) or fixed. The rotation average is taken over [0°, 45°] only
    (mirroring a bowl in an axis or in the diagonal, or turning it a quarter turn, moves
    the box and the balls onto themselves), by adaptive Gauss–Kronrod quadrature
    (:func:`regviz.core.quadrature.adaptive_gauss_kronrod`) on panels graded towards the
    rotations where long thin bowls change their zones quickly. Since whether a trial binds
    depends on its center only, this average is what
    :func:`regviz.experiments.montecarlo.simulate` estimates as its zero fraction.

    Parameters
    ----------
    design : Design, optional
        The design; or give its fields as keyword arguments.
    penalties : iterable of str
    n_kappa : int, default 8
        Gauss–Legendre nodes over log κ.
    angle_rtol : float, default 1e-4
        Relative tolerance of the rotation average.

    Returns
    -------
    DesignZeroFractions

    Examples
    --------
    >>> avg = design_zero_fractions(center_scale=2.0, n_kappa=4)
    >>> avg.fractions["l1"] > avg.fractions["elasticnet"] > avg.fractions["l2"]
    True
    """
    if design is None:
        design = make_design(**design_settings)
    elif design_settings:
        raise ValueError("Give either a Design or its settings, not both.")
    pens = tuple(check_penalty(p) for p in penalties)
    lo, hi = np.log(design.condition_min), np.log(design.condition_max)
    if hi > lo:
        x, w = np.polynomial.legendre.leggauss(int(n_kappa))
        kappas, kappa_weights = np.exp(lo + (hi - lo) * 0.5 * (x + 1.0)), 0.5 * w
    else:
        kappas, kappa_weights = np.array([design.condition_min]), np.array([1.0])
    spread = float(design.center_scale)
    distribution = design.center_distribution
    binding = {p: _binding_measure(p, design.l1_ratio, distribution, spread) for p in pens}
    total = 4.0 * spread * spread if distribution == "uniform" else 1.0
    live = tuple(p for p in pens if binding[p] > 1e-12 * total)
    totals = {p: (0.0 if p in live else float("nan")) for p in pens}
    n_shapes = 0

    def fractions_at(kappa: float, angles: Array) -> Array:
        out = np.empty((len(live), len(angles)))
        for i, angle in enumerate(angles):
            fr = _shape_fractions(
                hessian_from_shape(kappa, float(angle)),
                live,
                binding,
                distribution,
                spread,
                design.l1_ratio,
                design.epsilon,
            )
            out[:, i] = [fr[p] for p in live]
        return out

    for kappa, wk in zip(kappas, kappa_weights, strict=True):
        if not live:
            break
        if design.rotation == "fixed":
            values = fractions_at(float(kappa), np.array([design.angle_deg]))[:, 0]
            n_shapes += 1
        else:
            breakpoints = _angle_breakpoints(float(kappa), design.epsilon, design.l1_ratio)
            result = adaptive_gauss_kronrod(
                lambda angles, k=float(kappa): fractions_at(k, angles),
                breakpoints,
                rtol=angle_rtol,
                atol=1e-7 * 45.0,
            )
            values = result.integral / 45.0
            n_shapes += result.n_evaluations
        for p, value in zip(live, values, strict=True):
            totals[p] += wk * float(value)
    return DesignZeroFractions(design, {p: float(v) for p, v in totals.items()}, n_shapes)


def design_zero_fractions_by_epsilon(
    design: Design,
    epsilons: Iterable[float] = NEAR_EPSILONS,
    *,
    progress: Callable[[float], None] | None = None,
    fixed: DesignZeroFractions | None = None,
) -> dict[float, DesignZeroFractions]:
    """:func:`design_zero_fractions` of a design for several near-zero ε at once.

    The diamond's and the elastic net's zones do not depend on ε: they are averaged once;
    the circle's slivers once per ε. The Monte Carlo page reads the average for its current
    ε from here, so moving ε measures nothing again.

    Parameters
    ----------
    design : Design
    epsilons : iterable of float, default :data:`~regviz.experiments.montecarlo.NEAR_EPSILONS`
    progress : callable, optional
        Called with the fraction done (0–1] after each average.
    fixed : DesignZeroFractions, optional
        The diamond's and the elastic net's averages for this design, when already
        measured (they do not depend on ε): a page that measures one ε at a time measures
        them once.

    Returns
    -------
    dict of float to DesignZeroFractions
        Keyed by ε; each holds the three penalties' fractions for ``design`` with that ε.

    Examples
    --------
    >>> by_eps = design_zero_fractions_by_epsilon(Design(), (0.01, 0.1))
    >>> by_eps[0.1].fractions["l2"] > by_eps[0.01].fractions["l2"]
    True
    >>> by_eps[0.1].fractions["l1"] == by_eps[0.01].fractions["l1"]
    True
    >>> fixed = design_zero_fractions(Design(), penalties=("l1", "elasticnet"))
    >>> one = design_zero_fractions_by_epsilon(Design(), (0.1,), fixed=fixed)
    >>> one[0.1].fractions == by_eps[0.1].fractions
    True
    """
    eps_list = [float(e) for e in epsilons]
    steps = len(eps_list) + 1
    if fixed is None:
        fixed = design_zero_fractions(design, penalties=("l1", "elasticnet"))
    elif replace(fixed.design, epsilon=design.epsilon) != design:
        raise ValueError("These diamond and elastic-net averages belong to another design.")
    if progress is not None:
        progress(1 / steps)
    out = {}
    for k, eps in enumerate(eps_list, start=2):
        with_eps = replace(design, epsilon=eps)
        circle = design_zero_fractions(with_eps, penalties=("l2",))
        fractions = {
            "l1": fixed.fractions["l1"],
            "l2": circle.fractions["l2"],
            "elasticnet": fixed.fractions["elasticnet"],
        }
        out[eps] = DesignZeroFractions(with_eps, fractions, max(fixed.n_shapes, circle.n_shapes))
        if progress is not None:
            progress(k / steps)
    return out


# --------------------------------------------------------------------------- shipped averages

SHIPPED_AVERAGES = Path(__file__).with_name("data") / "zone_averages.json"
"""The zone averages of the Monte Carlo page's default and preset designs, measured once
by :func:`write_shipped_averages` (each costs the server ~0.2–1 CPU-s to measure, and
every visitor's default view needs them). A test measures them again and compares."""


def _design_key(design: Design, penalties: Iterable[str]) -> tuple:
    return tuple(sorted(asdict(design).items())), tuple(sorted(penalties))


@functools.cache
def _shipped() -> dict[tuple, DesignZeroFractions]:
    if not SHIPPED_AVERAGES.exists():
        return {}
    table = {}
    for row in json.loads(SHIPPED_AVERAGES.read_text(encoding="utf-8")):
        design = Design(**row["design"])
        average = DesignZeroFractions(design, dict(row["fractions"]), int(row["n_shapes"]))
        table[_design_key(design, row["fractions"])] = average
    return table


def shipped_average(design: Design, penalties: Iterable[str]) -> DesignZeroFractions | None:
    """:func:`design_zero_fractions` of ``design`` for ``penalties``, as shipped in
    :data:`SHIPPED_AVERAGES`, or None when that design was not measured there.

    Examples
    --------
    >>> from regviz.experiments.montecarlo import DEFAULTS, simulation_settings
    >>> settings = simulation_settings(DEFAULTS)
    >>> design = make_design(**{k: v for k, v in settings.items() if k not in ("n_trials", "seed")})
    >>> shipped = shipped_average(design, ("l1", "elasticnet"))
    >>> shipped.fractions == design_zero_fractions(design, penalties=("l1", "elasticnet")).fractions
    True
    >>> shipped_average(replace(design, center_scale=1.23), ("l1",)) is None
    True
    """
    return _shipped().get(_design_key(design, penalties))


def corner_averages(design: Design) -> DesignZeroFractions:
    """The diamond's and the elastic net's averages of ``design`` (no ε in them): shipped
    (:func:`shipped_average`) or measured (:func:`design_zero_fractions`)."""
    shipped = shipped_average(design, EXACT_ZEROS)
    return shipped or design_zero_fractions(design, penalties=EXACT_ZEROS)


def average_at_epsilon(
    design: Design, epsilon: float, corners: DesignZeroFractions | None = None
) -> DesignZeroFractions:
    """All three averages of ``design`` at near-zero threshold ``epsilon``: shipped
    (:func:`shipped_average`) or measured, reusing ``corners`` (:func:`corner_averages`).

    Examples
    --------
    >>> design = Design(center_scale=1.5)
    >>> at = average_at_epsilon(design, 0.1)
    >>> at.design.epsilon, sorted(at.fractions)
    (0.1, ['elasticnet', 'l1', 'l2'])
    """
    shipped = shipped_average(replace(design, epsilon=float(epsilon)), PENALTIES)
    if shipped is not None:
        return shipped
    return design_zero_fractions_by_epsilon(design, (float(epsilon),), fixed=corners)[
        float(epsilon)
    ]


def page_designs() -> list[Design]:
    """The designs whose averages are shipped: the Monte Carlo page's default and presets.

    Examples
    --------
    >>> [d.condition_max for d in page_designs()]
    [10.0, 1.0, 100.0, 10.0]
    """
    from regviz.experiments.montecarlo import DEFAULTS, PRESETS, design_of

    return [design_of(DEFAULTS)] + [design_of({**DEFAULTS, **p}) for p in PRESETS.values()]


def write_shipped_averages(
    designs: Sequence[Design], path: Path = SHIPPED_AVERAGES
) -> list[dict[str, object]]:
    """Measure, for every design, the averages the Monte Carlo page reads — the diamond's
    and the elastic net's (no ε in them) and all three at every ε of
    :data:`~regviz.experiments.montecarlo.NEAR_EPSILONS` — and write them to ``path``.

    Returns
    -------
    list of dict
        The rows written (design fields, fractions by penalty, number of bowl shapes).
    """
    rows = []
    for design in designs:
        corners = design_zero_fractions(design, penalties=EXACT_ZEROS)
        measured = [corners, *design_zero_fractions_by_epsilon(design, fixed=corners).values()]
        rows += [
            {"design": asdict(m.design), "fractions": m.fractions, "n_shapes": m.n_shapes}
            for m in measured
        ]
    path.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _shipped.cache_clear()
    return rows


def describe_zones(
    zones: ZoneMap, result: MonteCarloResult, average: DesignZeroFractions | None = None
) -> str:
    """The Monte Carlo page's caption under the zone map, computed from both numbers.

    It gives this bowl's zone fractions and, when ``average`` (the zone-map fractions
    averaged over the design's bowls, :func:`design_zero_fractions`) is given, compares
    them with the Monte Carlo fractions and their 95 % intervals — saying whether each
    lies inside the interval rather than asserting it. The zone map must cover the
    Monte Carlo's box (:func:`zone_map_for_design`); if it does not, the caption says so.

    Parameters
    ----------
    zones : ZoneMap
    result : MonteCarloResult
    average : DesignZeroFractions, optional

    Returns
    -------
    str

    Examples
    --------
    >>> from regviz.experiments.montecarlo import simulate
    >>> result = simulate(20_000, seed=0)
    >>> zones = zone_map_for_design(result.design, resolution=60)
    >>> avg = design_zero_fractions(result.design, n_kappa=4)
    >>> "Averaged over the same random bowls" in describe_zones(zones, result, avg)
    True
    """
    design = result.design
    pens = [p for p in zones.classes if p in result.outcomes and result.outcomes[p].binding > 0]
    if not pens:
        return "Every center of this box lies inside every ball: no center gives a zero."
    names = {"l1": "the diamond", "l2": "the circle", "elasticnet": "the elastic net"}
    rules = {"l1": "an exact zero", "l2": "a coefficient within ε·t", "elasticnet": "an exact zero"}
    box = (
        f"[−{design.center_scale:g}·t, {design.center_scale:g}·t]²"
        if design.center_distribution == "uniform"
        else f"Gaussian centers (sd {design.center_scale:g}·t, density-weighted)"
    )
    parts = [f"{100 * zones.fraction(p):.1f} % give {names[p]} {rules[p]}" for p in pens]
    sentences = [
        f"For this bowl (condition number "
        f"{np.linalg.cond(zones.hessian):.3g}), of the binding centers in {box}, "
        + ", ".join(parts)
        + " — whole wedges beyond the diamond's corners (the corner's normal cone sheared by "
        "H), thin slivers along the axes for the circle."
    ]
    same_box = (
        np.isclose(zones.b1[-1], zone_extent(design) * design.t)
        and zones.center_distribution == design.center_distribution
        and np.isclose(zones.t, design.t)
    )
    if not same_box:
        sentences.append(
            "This map does not cover the Monte Carlo's box of centers, so its areas are not "
            "the fractions above."
        )
    elif average is not None:
        comparisons = []
        inside = True
        for p in pens:
            proportion = result.outcomes[p].zeroed
            value = average.fractions[p]
            hit = proportion.low <= value <= proportion.high
            inside &= hit
            comparisons.append(
                f"{names[p]} {100 * value:.1f} % vs {100 * proportion.fraction:.1f} % "
                f"(95 % CI {100 * proportion.low:.1f}–{100 * proportion.high:.1f} %"
                + ("" if hit else ", outside it")
                + ")"
            )
        verdict = (
            "every one inside the Monte Carlo's 95 % interval"
            if inside
            else "not every one inside the Monte Carlo's 95 % interval"
        )
        sentences.append(
            "Averaged over the same random bowls as the Monte Carlo (zone areas computed "
            f"exactly, {average.n_shapes} bowl shapes), the zone maps give "
            + "; ".join(comparisons)
            + f" — {verdict}."
        )
    return " ".join(sentences)


# --------------------------------------------------------------------------- the page

DEFAULTS: dict[str, object] = {"zone_kappa": 4.0, "zone_angle": 30.0}
"""The Monte Carlo page's zone-map bowl: the defaults of :func:`zone_map`."""
MAP_RESOLUTION = 180
"""Grid points per axis of the page's zone maps: finer than a plot's pixels need at 1/3 width."""


def zones_alt_text(zones: ZoneMap, penalty: str) -> str:
    """A text alternative of one ball's zone map, with its share of zeros.

    Examples
    --------
    >>> zones = zone_map_for_design(Design(), 4.0, 30.0, resolution=60)
    >>> zones_alt_text(zones, "l1").split(":")[0]
    'Zone map of loss centers for one bowl (condition number 4), the diamond'
    """
    names = {"l1": "the diamond", "l2": "the circle", "elasticnet": "the elastic-net ball"}
    rule = "a coefficient within ε·t of 0" if penalty == "l2" else "an exact zero"
    half = float(zones.b1[-1])
    return (
        f"Zone map of loss centers for one bowl (condition number "
        f"{np.linalg.cond(zones.hessian):.3g}), {names[penalty]}: centers c in "
        f"[−{half:g}, {half:g}]² coloured by whether the ball contains c, binds without a "
        f"zero, or binds with {rule}; {100 * zones.fraction(penalty):.1f} % of the binding "
        f"centers give {rule}, {100 * zones.fraction(penalty, INSIDE):.1f} % of all centers "
        "lie inside the ball."
    )
