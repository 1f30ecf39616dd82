"""Exact solvers for penalized and constrained 2-D quadratic problems, batched.

Every problem is a bowl L(β) = ½ (β − c)ᵀ H (β − c) in two coefficients (see
:mod:`regviz.core.losses`). Two forms are solved, for N problems at once with numpy
(no Python loop per problem):

- penalized: minimize L(β) + λ·P(β), P = ‖β‖₁ (L1), ½‖β‖₂² (L2) or
  r‖β‖₁ + ½(1 − r)‖β‖₂² (elastic net) — :func:`solve_penalized`;
- constrained: minimize L(β) subject to ‖β‖₁ ≤ t (diamond), ‖β‖₂ ≤ t (circle) or
  r‖β‖₁ + (1 − r)‖β‖₂² ≤ t (elastic-net ball) — :func:`solve_constrained`.

"Exact" means a closed form, or a finite list of candidates (corners, edges, arcs)
with a root-finder run to machine precision: a coefficient that L1 sets to zero is
exactly 0.0, never 1e-9. How it works:

- L1/elastic-net penalized: the optimum has one of 9 supports (∅, {1}, {2}, or both
  with one of 4 sign patterns); each has a closed form, and the KKT conditions pick
  the right one, trying the sparsest first.
- L1 constrained: if c is outside the diamond the optimum lies on it — at one of
  the 4 corners (checked by the KKT normal-cone test) or at the H-projection onto
  one of the 4 edges.
- L2 constrained: in the eigenbasis of H, β(μ) = (H + μI)⁻¹Hc; Newton's method on
  the secular equation 1/‖β(μ)‖ = 1/t (with a bisection safeguard) finds μ.
- Elastic-net constrained: the ball's boundary is 4 corners on the axes joined by
  4 circular arcs (one per quadrant), so each arc is an L2 problem on a shifted circle.

The penalized form with λ and the constrained form with t are the same family of
solutions; :func:`lambda_for_budget` and :func:`budget_for_lambda` read one as the
other. For the elastic net the matching ball has mix ρ = 2r/(1 + r)
(:func:`ball_mix_for_l1_ratio`), because the penalized form halves the squared term.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from regviz.core.batch import (
    KKT_RTOL,
    BatchSolver,
    ChunkSolver,
    ball_mix_for_l1_ratio,
    matching_ball_mix,
)
from regviz.core.losses import check_centers, check_hessians
from regviz.core.penalties import (
    ball_radius,
    check_penalty,
    check_q,
    constraint_value,
    lq_norm,
    soft_threshold,
)

__all__ = [
    "CHUNK_SIZE",
    "solve_penalized",
    "ball_mix_for_l1_ratio",
    "solve_constrained",
    "budget_for_lambda",
    "lambda_for_budget",
    "solution_path",
    "solve_lq",
]


# Problems are solved in chunks so that a million of them never hold more than
# a few tens of MB of temporaries at once.
CHUNK_SIZE = 65_536

Array = NDArray[np.float64]


# --------------------------------------------------------------------------- 2×2 helpers


def _entries(h: Array) -> tuple[Array, Array, Array]:
    return h[:, 0, 0], h[:, 0, 1], h[:, 1, 1]


def _quad(a: Array, b: Array, d: Array, x: Array) -> Array:
    """xᵀHx for each row x of shape (N, 2)."""
    return a * x[:, 0] ** 2 + 2.0 * b * x[:, 0] * x[:, 1] + d * x[:, 1] ** 2


def _matvec(a: Array, b: Array, d: Array, x: Array) -> Array:
    return np.stack([a * x[:, 0] + b * x[:, 1], b * x[:, 0] + d * x[:, 1]], axis=1)


def _solve2(a: Array, b: Array, d: Array, g: Array) -> Array:
    """Solve [[a, b], [b, d]] x = g for each row, by Cramer's rule."""
    det = a * d - b * b
    return np.stack([(d * g[:, 0] - b * g[:, 1]) / det, (a * g[:, 1] - b * g[:, 0]) / det], axis=1)


def _eigen(a: Array, b: Array, d: Array) -> tuple[Array, Array, Array, Array]:
    """Eigenvalues (l1, l2) and the rotation (cos φ, sin φ) of a symmetric 2×2 matrix."""
    mean = 0.5 * (a + d)
    radius = np.hypot(0.5 * (a - d), b)
    phi = 0.5 * np.arctan2(2.0 * b, a - d)
    return mean + radius, mean - radius, np.cos(phi), np.sin(phi)


# --------------------------------------------------------------------------- penalized


def _lasso_2d(a: Array, b: Array, d: Array, g: Array, lam: Array) -> Array:
    """Exact argmin of ½βᵀAβ − gᵀβ + lam‖β‖₁ for A = [[a, b], [b, d]] positive definite."""
    n = len(a)
    tol = KKT_RTOL * (np.abs(g).max(axis=1) + lam)
    beta = np.empty((n, 2))
    done = np.zeros(n, dtype=bool)

    # Support ∅: 0 is optimal when the gradient −g fits in lam·[−1, 1]².
    zero = np.abs(g).max(axis=1) <= lam + tol
    beta[zero] = 0.0
    done |= zero

    # Support {i}: a 1-D lasso in βᵢ, optimal when the other gradient fits in lam·[−1, 1].
    for i, (aii, j) in enumerate(((a, 1), (d, 0))):
        bi = soft_threshold(g[:, i], lam) / aii
        other_grad = b * bi - g[:, j]
        ok = ~done & (bi != 0.0) & (np.abs(other_grad) <= lam + tol)
        beta[ok, i] = bi[ok]
        beta[ok, j] = 0.0
        done |= ok

    # Full support: A β = g − lam·s for the sign pattern s that β turns out to have.
    rest = ~done
    if np.any(rest):
        ar, br, dr, gr, lr = a[rest], b[rest], d[rest], g[rest], lam[rest]
        best = np.full((len(ar), 2), np.nan)
        best_obj = np.full(len(ar), np.inf)
        for s in ((1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)):
            sv = np.array(s)
            cand = _solve2(ar, br, dr, gr - lr[:, None] * sv)
            consistent = np.all(np.sign(cand) == sv, axis=1)
            obj = 0.5 * _quad(ar, br, dr, cand) - np.sum(gr * cand, axis=1)
            obj += lr * np.abs(cand).sum(axis=1)
            better = consistent & (obj < best_obj)
            best[better], best_obj[better] = cand[better], obj[better]
        # Rounding can leave no sign-consistent pattern right at a kink: fall back to the
        # best of all closed-form candidates, which is exact up to that rounding.
        lost = ~np.isfinite(best_obj)
        if np.any(lost):
            best[lost] = _best_candidate(ar[lost], br[lost], dr[lost], gr[lost], lr[lost])
        beta[rest] = best
    return beta


def _best_candidate(a: Array, b: Array, d: Array, g: Array, lam: Array) -> Array:
    """The candidate with the lowest objective among all 7 closed forms (a safe fallback)."""
    cands = [np.zeros((len(a), 2))]
    for i, aii in ((0, a), (1, d)):
        c = np.zeros((len(a), 2))
        c[:, i] = soft_threshold(g[:, i], lam) / aii
        cands.append(c)
    for s in ((1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)):
        cands.append(_solve2(a, b, d, g - lam[:, None] * np.array(s)))
    stack = np.stack(cands)  # (7, N, 2)
    obj = np.stack(
        [
            0.5 * _quad(a, b, d, c) - np.sum(g * c, axis=1) + lam * np.abs(c).sum(axis=1)
            for c in cands
        ]
    )
    return stack[np.argmin(obj, axis=0), np.arange(len(a))]


def _penalized_chunk(penalty: str, l1_ratio: float) -> ChunkSolver:
    def solve(c: Array, h: Array, lam: Array) -> Array:
        a, b, d = _entries(h)
        g = _matvec(a, b, d, c)
        if penalty == "l2":
            return _solve2(a + lam, b, d + lam, g)
        l1_weight = lam if penalty == "l1" else lam * l1_ratio
        ridge = 0.0 if penalty == "l1" else lam * (1.0 - l1_ratio)
        return _lasso_2d(a + ridge, b, d + ridge, g, l1_weight)

    return solve


def solve_penalized(
    centers: ArrayLike,
    hessians: ArrayLike,
    penalty: str = "l1",
    lam: float | ArrayLike = 1.0,
    l1_ratio: float = 0.5,
) -> Array:
    """Exactly minimize ½(β − c)ᵀH(β − c) + λ·P(β) for a batch of 2-D problems.

    Parameters
    ----------
    centers : array_like, shape (N, 2) or (2,)
        The unpenalized optima c.
    hessians : array_like, shape (N, 2, 2) or (2, 2)
        Symmetric positive-definite curvatures H (broadcast against ``centers``).
    penalty : {"l1", "l2", "elasticnet"}, default "l1"
        P = ‖β‖₁, ½‖β‖₂² or r‖β‖₁ + ½(1 − r)‖β‖₂².
    lam : float or array_like of shape (N,), default 1.0
        λ ≥ 0, the penalty strength (scikit-learn's ``alpha`` convention).
    l1_ratio : float, default 0.5
        The elastic-net mix r (ignored for L1 and L2).

    Returns
    -------
    ndarray, shape (N, 2) or (2,)
        The minimizers. L1 and elastic-net zeros are exactly 0.0.

    Raises
    ------
    ValueError
        For an unknown penalty, λ < 0, l1_ratio outside [0, 1], NaN or infinite
        inputs, or a Hessian that is not symmetric positive definite.

    Examples
    --------
    >>> solve_penalized([2.0, 0.5], [[1.0, 0.0], [0.0, 1.0]], "l1", lam=1.0).tolist()
    [1.0, 0.0]
    """
    return _SOLVER.solve_penalized(centers, hessians, penalty, lam, l1_ratio)


# --------------------------------------------------------------------------- constrained


_UNIT_CORNERS = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])

# The constrained solvers below work on component arrays (c1, c2, a, b, d, ...) and
# pick among candidates with np.where rather than boolean masks: on 2-vectors that is
# several times faster than (N, 2) arrays, reductions over axis 1 and fancy indexing.


def _corner_cone_test(
    a: Array,
    b: Array,
    d: Array,
    c1: Array,
    c2: Array,
    v: float | Array,
    axis: int,
    sign: float,
    opening: float | Array,
) -> Array:
    """Is the axis point sign·v·e_axis optimal? Test the KKT normal-cone condition.

    w = H(c − corner) is the pull towards c; the corner is optimal when it points out
    of the ball inside the corner's normal cone: sign·w_axis ≥ 0 and
    |w_other| ≤ opening·sign·w_axis (opening = 1 for the diamond).
    """
    e1, e2 = c1 - (sign * v if axis == 0 else 0.0), c2 - (sign * v if axis == 1 else 0.0)
    w1, w2 = a * e1 + b * e2, b * e1 + d * e2
    along, across = (w1, w2) if axis == 0 else (w2, w1)
    slack = KKT_RTOL * (np.abs(w1) + np.abs(w2))
    return (sign * along >= 0.0) & (np.abs(across) <= opening * sign * along + slack)


def _keep_lower(
    best: tuple[Array, Array, Array], x1: Array, x2: Array, loss: Array
) -> tuple[Array, Array, Array]:
    """Replace the current best (x1, x2, loss) wherever the new candidate is strictly lower."""
    lower = loss < best[2]
    return (
        np.where(lower, x1, best[0]),
        np.where(lower, x2, best[1]),
        np.where(lower, loss, best[2]),
    )


def _take_corners(
    a: Array,
    b: Array,
    d: Array,
    c1: Array,
    c2: Array,
    v: Array,
    opening: float | Array,
    x1: Array,
    x2: Array,
) -> tuple[Array, Array]:
    """Where an axis point passes the cone test, it is the answer: coordinates exactly 0."""
    for axis, sign in ((0, 1.0), (1, 1.0), (0, -1.0), (1, -1.0)):
        ok = _corner_cone_test(a, b, d, c1, c2, v, axis, sign, opening)
        x1 = np.where(ok, sign * v if axis == 0 else 0.0, x1)
        x2 = np.where(ok, sign * v if axis == 1 else 0.0, x2)
    return x1, x2


def _l1_ball_chunk(c: Array, h: Array, t: Array) -> Array:
    """Exact argmin of L over the diamond ‖β‖₁ ≤ t (c outside it)."""
    a, b, d = _entries(h)
    c1, c2 = c[:, 0], c[:, 1]
    inf = np.full(len(c), np.inf)
    best = (inf, inf, inf)
    for k in range(4):
        s1, s2 = _UNIT_CORNERS[k]
        e1, e2 = _UNIT_CORNERS[(k + 1) % 4] - _UNIT_CORNERS[k]
        # The H-projection of c onto the edge from t·(s1, s2) along t·(e1, e2), clipped to it.
        r1, r2 = c1 - t * s1, c2 - t * s2
        num = e1 * (a * r1 + b * r2) + e2 * (b * r1 + d * r2)
        den = t * (a * e1 * e1 + 2.0 * b * e1 * e2 + d * e2 * e2)
        frac = np.clip(num / den, 0.0, 1.0)
        x1, x2 = t * (s1 + frac * e1), t * (s2 + frac * e2)
        q1, q2 = x1 - c1, x2 - c2
        best = _keep_lower(best, x1, x2, a * q1 * q1 + 2.0 * b * q1 * q2 + d * q2 * q2)
    x1, x2 = _take_corners(a, b, d, c1, c2, t, 1.0, best[0], best[1])
    return np.stack([x1, x2], axis=1)


def _circle_components(
    c1: Array, c2: Array, a: Array, b: Array, d: Array, radius: Array
) -> tuple[Array, Array]:
    """Exact argmin of L over the disk ‖β‖₂ ≤ radius (trust region), componentwise.

    Returns c itself where c is inside the disk.
    """
    l1, l2, cos, sin = _eigen(a, b, d)
    # Coordinates of H·c in the eigenbasis: β(μ) has components wᵢ / (lᵢ + μ).
    w1 = l1 * (cos * c1 + sin * c2)
    w2 = l2 * (-sin * c1 + cos * c2)
    lo = np.zeros_like(c1)
    hi = np.hypot(w1, w2) / np.maximum(radius, np.finfo(float).tiny)  # ‖β(μ)‖ ≤ radius beyond
    mu = lo.copy()
    for _ in range(100):
        p1, p2 = w1 / (l1 + mu), w2 / (l2 + mu)
        norm = np.hypot(p1, p2)
        residual = norm - radius
        lo = np.where(residual > 0, mu, lo)
        hi = np.where(residual < 0, mu, hi)
        # Newton on ψ(μ) = 1/‖β(μ)‖ − 1/radius, nearly linear in μ; bisect if it leaves [lo, hi].
        slope = (p1 * p1 / (l1 + mu) + p2 * p2 / (l2 + mu)) / norm
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = mu + residual * norm / (radius * slope)
        inside = (newton > lo) & (newton < hi)
        new_mu = np.where(inside, newton, 0.5 * (lo + hi))
        # Inside the disk (residual ≤ 0 at μ = 0) the answer is μ = 0, i.e. c itself.
        new_mu = np.where(residual <= 0, np.where(mu == 0, 0.0, new_mu), new_mu)
        converged = np.abs(new_mu - mu) <= 4 * np.finfo(float).eps * new_mu
        mu = new_mu
        if np.all(converged | (np.abs(residual) <= 2 * np.finfo(float).eps * radius)):
            break
    p1, p2 = w1 / (l1 + mu), w2 / (l2 + mu)
    return cos * p1 - sin * p2, sin * p1 + cos * p2


def _l2_ball_chunk(c: Array, h: Array, t: Array) -> Array:
    a, b, d = _entries(h)
    x1, x2 = _circle_components(c[:, 0], c[:, 1], a, b, d, t)
    return np.stack([x1, x2], axis=1)


def _elasticnet_ball_chunk(r: float) -> ChunkSolver:
    """Exact argmin of L over r‖β‖₁ + (1 − r)‖β‖₂² ≤ t, for 0 < r < 1 (c outside it)."""

    def solve(c: Array, h: Array, t: Array) -> Array:
        a, b, d = _entries(h)
        c1, c2 = c[:, 0], c[:, 1]
        inf = np.full(len(c), np.inf)
        best = (inf, inf, inf)
        # In quadrant s the boundary is the circle ‖β − m‖ = R with m = −r·s / (2(1 − r)):
        # solve the disk problem there and keep it if it lands in that quadrant.
        shift = r / (2.0 * (1.0 - r))
        radius = np.sqrt(t / (1.0 - r) + 2.0 * shift * shift)
        for s1, s2 in ((1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)):
            m1, m2 = -shift * s1, -shift * s2
            x1, x2 = _circle_components(c1 - m1, c2 - m2, a, b, d, radius)
            x1, x2 = x1 + m1, x2 + m2
            on_arc = (np.sign(x1) == s1) & (np.sign(x2) == s2)
            q1, q2 = x1 - c1, x2 - c2
            loss = np.where(on_arc, a * q1 * q1 + 2.0 * b * q1 * q2 + d * q2 * q2, np.inf)
            best = _keep_lower(best, x1, x2, loss)
        # Where the ball meets the axes: r·ρ + (1 − r)·ρ² = t.
        rho = 2.0 * t / (r + np.sqrt(r * r + 4.0 * (1.0 - r) * t))
        x1, x2 = best[0], best[1]
        # Rounding right at a corner can leave no valid arc: start from the best corner then.
        corner_losses = []
        for k in range(4):
            q1, q2 = rho * _UNIT_CORNERS[k, 0] - c1, rho * _UNIT_CORNERS[k, 1] - c2
            corner_losses.append(a * q1 * q1 + 2.0 * b * q1 * q2 + d * q2 * q2)
        nearest = np.argmin(np.stack(corner_losses), axis=0)
        lost = ~np.isfinite(best[2])
        x1 = np.where(lost, rho * _UNIT_CORNERS[nearest, 0], x1)
        x2 = np.where(lost, rho * _UNIT_CORNERS[nearest, 1], x2)
        opening = r / (r + 2.0 * (1.0 - r) * rho)
        x1, x2 = _take_corners(a, b, d, c1, c2, rho, opening, x1, x2)
        return np.stack([x1, x2], axis=1)

    return solve


def _ball_chunk(penalty: str, mix: float) -> ChunkSolver:
    """The chunk solver of the diamond, the circle or the elastic-net ball of mix ``mix``."""
    if penalty == "elasticnet":
        return _elasticnet_ball_chunk(mix)
    return _l1_ball_chunk if penalty == "l1" else _l2_ball_chunk


# The shared driver around the solvers above: 2-D problems, validation, broadcasting,
# chunks, the answers that need no solver, λ ↔ t.
_SOLVER = BatchSolver(2, CHUNK_SIZE, check_hessians, _penalized_chunk, _ball_chunk)


def solve_constrained(
    centers: ArrayLike,
    hessians: ArrayLike,
    penalty: str = "l1",
    t: float | ArrayLike = 1.0,
    l1_ratio: float = 0.5,
) -> Array:
    """Exactly minimize ½(β − c)ᵀH(β − c) subject to g(β) ≤ t, for a batch of 2-D problems.

    Parameters
    ----------
    centers, hessians
        As in :func:`solve_penalized` (the centers are the unconstrained optima).
    penalty : {"l1", "l2", "elasticnet"}, default "l1"
        The ball: ‖β‖₁ ≤ t (diamond), ‖β‖₂ ≤ t (circle) or r‖β‖₁ + (1 − r)‖β‖₂² ≤ t.
    t : float or array_like of shape (N,), default 1.0
        The budget, t ≥ 0.
    l1_ratio : float, default 0.5
        The mix r of the elastic-net ball. (The *penalized* mix with the same
        solutions is r/(2 − r); see :func:`ball_mix_for_l1_ratio`.)

    Returns
    -------
    ndarray, shape (N, 2) or (2,)
        The minimizers: c itself where c is inside the ball, else a point on its
        boundary. Coefficients at a corner of the diamond are exactly 0.0.

    Raises
    ------
    ValueError
        As :func:`solve_penalized` does, and for t < 0.

    Examples
    --------
    >>> solve_constrained([2.0, 0.5], [[1.0, 0.0], [0.0, 1.0]], "l1", t=1.0).tolist()
    [1.0, 0.0]
    >>> solve_constrained([3.0, 4.0], [[1.0, 0.0], [0.0, 1.0]], "l2", t=1.0).round(12).tolist()
    [0.6, 0.8]
    """
    return _SOLVER.solve_constrained(centers, hessians, penalty, t, l1_ratio)


# --------------------------------------------------------------------------- λ ↔ t


def budget_for_lambda(
    centers: ArrayLike,
    hessians: ArrayLike,
    penalty: str = "l1",
    lam: float | ArrayLike = 1.0,
    l1_ratio: float = 0.5,
) -> Array:
    """The budget t whose constrained solution equals the penalized solution at λ.

    t = g(β̂(λ)) with g the ball of the same penalty: ‖β‖₁, ‖β‖₂, or for the
    elastic net ρ‖β‖₁ + (1 − ρ)‖β‖₂² with ρ = 2r/(1 + r).

    Parameters
    ----------
    centers, hessians, penalty, lam, l1_ratio
        As in :func:`solve_penalized` (``l1_ratio`` is the penalized mix r).

    Returns
    -------
    ndarray, shape (N,) or scalar
        The budgets.

    Examples
    --------
    >>> float(budget_for_lambda([2.0, 0.5], np.eye(2), "l1", lam=1.0))
    1.0
    """
    return _SOLVER.budget_for_lambda(centers, hessians, penalty, lam, l1_ratio)


def lambda_for_budget(
    centers: ArrayLike,
    hessians: ArrayLike,
    penalty: str = "l1",
    t: float | ArrayLike = 1.0,
    l1_ratio: float = 0.5,
) -> Array:
    """The λ whose penalized solution equals the constrained solution at budget t.

    Read off the KKT conditions at the constrained solution β̂: the pull
    w = H(c − β̂) must equal λ·∂P(β̂). λ = 0 where c is inside the ball; at t = 0
    it is the smallest λ that zeroes every coefficient (∞ for pure L2).

    Parameters
    ----------
    centers, hessians, penalty, l1_ratio
        As in :func:`solve_penalized` (``l1_ratio`` is the penalized mix r; the
        ball used is the matching one, see :func:`ball_mix_for_l1_ratio`).
    t : float or array_like of shape (N,)
        Budgets, t ≥ 0.

    Returns
    -------
    ndarray, shape (N,) or scalar
        The matching λ values.

    Examples
    --------
    >>> float(lambda_for_budget([2.0, 0.5], np.eye(2), "l1", t=1.0))
    1.0
    """
    return _SOLVER.lambda_for_budget(centers, hessians, penalty, t, l1_ratio)


def solution_path(
    center: ArrayLike,
    hessian: ArrayLike,
    penalty: str = "l1",
    l1_ratio: float = 0.5,
    n_points: int = 200,
) -> tuple[Array, Array]:
    """The 2-D coefficient path: the constrained solution as t grows from 0 to g(c).

    Parameters
    ----------
    center : array_like, shape (2,)
        The unconstrained optimum c.
    hessian : array_like, shape (2, 2)
        The curvature H.
    penalty : {"l1", "l2", "elasticnet"}, default "l1"
        Which ball.
    l1_ratio : float, default 0.5
        The *penalized* mix r; the matching ball is used (so this path is also the
        penalized path as λ falls from ∞ to 0).
    n_points : int, default 200
        Number of budgets, evenly spaced from 0 to the budget at which the
        constraint stops binding.

    Returns
    -------
    budgets : ndarray, shape (n_points,)
    betas : ndarray, shape (n_points, 2)
    """
    check_penalty(penalty)
    mix = matching_ball_mix(penalty, l1_ratio)
    c = check_centers(center).reshape(2)
    t_end = float(constraint_value(c, penalty, mix))
    budgets = np.linspace(0.0, t_end, int(n_points))
    betas = solve_constrained(c[None], np.asarray(hessian)[None], penalty, budgets, mix)
    return budgets, betas


# --------------------------------------------------------------------------- Lq (numeric)


def solve_lq(
    center: ArrayLike, hessian: ArrayLike, q: float, t: float, n_grid: int = 4096
) -> Array:
    """Minimize ½(β − c)ᵀH(β − c) subject to ‖β‖_q ≤ t, numerically, for one problem.

    For q < 1 the ball is not convex and local search can stop at the wrong
    point, so the whole boundary is searched: the loss is evaluated at ``n_grid``
    angles plus the 4 axis points (the cusps, where q < 1 solutions usually sit),
    and the best grid point is refined by golden-section search on its bracket.
    If c lies inside the ball the answer is c.

    Parameters
    ----------
    center, hessian
        The problem, as in :func:`solution_path`: c of shape (2,), H of shape (2, 2).
    q : float
        The exponent, q in (0, ∞] (q = ∞ is the square).
    t : float
        The budget, t ≥ 0.
    n_grid : int, default 4096
        Number of angles searched before refinement.

    Returns
    -------
    ndarray, shape (2,)
        The global minimizer, to about 1e-10 in angle.
    """
    q = check_q(q)
    c = check_centers(center).reshape(2)
    h = check_hessians(hessian).reshape(2, 2)
    if not (np.isfinite(t) and t >= 0):
        raise ValueError(f"The budget t must be a finite non-negative number; got {t}.")
    if t == 0:
        return np.zeros(2)
    if lq_norm(c, q) <= t:
        return c.copy()

    def point(theta: Array) -> Array:
        rho = ball_radius(theta, "lq", t=t, q=q)
        return np.stack([rho * np.cos(theta), rho * np.sin(theta)], axis=-1)

    def loss(beta: Array) -> Array:
        diff = beta - c
        return 0.5 * np.einsum("...i,ij,...j->...", diff, h, diff)

    axes = t * _UNIT_CORNERS
    candidates = [axes]
    if np.isinf(q):
        candidates.append(t * np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]]))
    grid = np.linspace(0.0, 2.0 * np.pi, int(n_grid), endpoint=False)
    values = loss(point(grid))
    k = int(np.argmin(values))
    width = 2.0 * np.pi / n_grid
    lo, hi = grid[k] - width, grid[k] + width
    golden = (np.sqrt(5.0) - 1.0) / 2.0
    for _ in range(80):
        m1, m2 = hi - golden * (hi - lo), lo + golden * (hi - lo)
        if loss(point(np.array(m1))) < loss(point(np.array(m2))):
            hi = m2
        else:
            lo = m1
    candidates.append(point(np.array([0.5 * (lo + hi)])))
    stacked = np.concatenate(candidates)
    losses = loss(stacked)
    # Prefer an exact axis point (exact zero) unless the refined point is really better.
    best = int(np.argmin(losses))
    if losses[: len(axes)].min() <= losses[best] * (1 + 1e-12) + 1e-300:
        best = int(np.argmin(losses[: len(axes)]))
    return stacked[best].copy()
