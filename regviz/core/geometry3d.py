"""Exact solvers for penalized and constrained 3-D quadratic problems, batched.

The 3-D companion of :mod:`regviz.core.geometry`, with the same conventions. Every
problem is a bowl L(β) = ½ (β − c)ᵀ H (β − c) in three coefficients, H symmetric
positive definite. Two forms are solved, for N problems at once with numpy (no Python
loop per problem):

- penalized: minimize L(β) + λ·P(β), P = ‖β‖₁ (L1), ½‖β‖₂² (L2) or
  r‖β‖₁ + ½(1 − r)‖β‖₂² (elastic net) — :func:`solve_penalized_3d`;
- constrained: minimize L(β) subject to ‖β‖₁ ≤ t (the octahedron), ‖β‖₂ ≤ t (the
  sphere) or ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t (the elastic-net ball) — :func:`solve_constrained_3d`.

"Exact" means a finite list of candidates, each in closed form or from a 1-D root
finder run to machine precision, and the KKT conditions to pick the right one. A
coefficient that L1 sets to zero is exactly 0.0. How it works:

- L1 / elastic-net penalized: the optimum has one of 27 sign patterns (each βᵢ is
  negative, zero or positive). On a support S the minimizer solves
  (H + λ(1 − r)I)_SS β_S = (Hc)_S − λr·s_S in closed form; it is the answer when its
  signs are s and the gradient off the support fits in λr·[−1, 1]. The sparsest
  pattern that passes is taken.
- L1 constrained: the octahedron has 6 vertices (two zeros), 12 edges (one zero) and
  8 triangular faces. A vertex is optimal when the loss's pull H(c − β) lies in its
  normal cone; an edge point when the H-projection of c onto the edge's line falls
  inside the edge and the pull across it is small enough; a face point when the
  H-projection onto the face's plane falls inside the triangle.
- L2 constrained: in the eigenbasis of H, β(μ) = (H + μI)⁻¹Hc; Newton's method on the
  secular equation 1/‖β(μ)‖ = 1/t, with a bisection safeguard, finds μ ≥ 0.
- Elastic-net constrained: the ball's surface is 8 pieces of spheres (one per octant),
  12 pieces of circles (one per quadrant of each coordinate plane, where one
  coefficient is 0) and 6 vertices on the axes. Each sphere and circle piece is an
  L2 problem on a shifted sphere (or on a shifted circle in the plane); the KKT
  conditions pick the piece, sparsest first.

The constrained form with t and the penalized form with λ are the same family of
solutions; :func:`lambda_for_budget_3d` and :func:`budget_for_lambda_3d` read one as
the other (for the elastic net the matching ball has mix ρ = 2r/(1 + r), see
:func:`regviz.core.geometry.ball_mix_for_l1_ratio`).
"""

from __future__ import annotations

from itertools import combinations, product

import numpy as np
from numpy.typing import ArrayLike, NDArray

from regviz.core.batch import KKT_RTOL, BatchSolver, ChunkSolver
from regviz.core.losses import check_centers

__all__ = [
    "CHUNK_SIZE",
    "check_centers_3d",
    "check_hessians_3d",
    "solve_penalized_3d",
    "solve_constrained_3d",
    "budget_for_lambda_3d",
    "lambda_for_budget_3d",
]

# Problems are solved in chunks, so a million problems never hold more than a few tens
# of MB of temporaries at once (each chunk keeps ~100 arrays of CHUNK_SIZE × 3 floats).
CHUNK_SIZE = 16_384

# Newton iterations on the secular equation stop long before this (typically 6–10).
_MAX_NEWTON = 100

Array = NDArray[np.float64]

_EPS = np.finfo(float).eps


# --------------------------------------------------------------------------- inputs


def check_centers_3d(centers: ArrayLike) -> Array:
    """Validate a (…, 3) array of bowl centers: finite numbers.

    Examples
    --------
    >>> check_centers_3d([1, 2, 3]).tolist()
    [1.0, 2.0, 3.0]
    """
    return check_centers(centers, dim=3)


def _validated_hessians(hessians: ArrayLike) -> Array:
    """The Hessians as floats, not symmetrized (no copy); raise unless each 3×3 is SPD.

    Raises a plain ValueError unless every matrix is finite, symmetric and positive
    definite. Works entry by entry (arrays of one value per matrix), so a million
    matrices need no full-size temporaries.
    """
    h = np.asarray(hessians, dtype=float)
    if h.ndim < 2 or h.shape[-2:] != (3, 3):
        raise ValueError(f"A Hessian must be a 3×3 matrix; got shape {h.shape}.")
    entry = {(i, j): h[..., i, j] for i in range(3) for j in range(3)}
    scale = np.zeros(h.shape[:-2])
    for value in entry.values():
        if not np.all(np.isfinite(value)):
            raise ValueError("The Hessian contains NaN or infinite values.")
        scale = np.maximum(scale, np.abs(value))
    scale = np.maximum(scale, np.finfo(float).tiny)
    for i, j in ((0, 1), (0, 2), (1, 2)):
        if np.any(np.abs(entry[i, j] - entry[j, i]) > 1e-9 * scale):
            raise ValueError("The Hessian must be symmetric (H[i, j] equal to H[j, i]).")
    a, d, f = entry[0, 0], entry[1, 1], entry[2, 2]
    b = 0.5 * (entry[0, 1] + entry[1, 0])
    c = 0.5 * (entry[0, 2] + entry[2, 0])
    e = 0.5 * (entry[1, 2] + entry[2, 1])
    with np.errstate(divide="ignore", invalid="ignore"):
        minor2 = a * d - b * b
        det = a * (d * f - e * e) - b * (b * f - c * e) + c * (b * e - c * d)
        pivots = (a, minor2 / a, det / minor2)
    floor = 1e-14 * scale
    if not all(np.all(p > floor) for p in pivots):
        raise ValueError(
            "The Hessian must be positive definite: the loss has to curve upwards in every "
            "direction (a singular or flat direction has no unique optimum)."
        )
    return h


def _symmetrized(h: Array) -> Array:
    return 0.5 * (h + np.swapaxes(h, -1, -2))


def check_hessians_3d(hessians: ArrayLike) -> Array:
    """Validate a (…, 3, 3) stack of Hessians: finite, symmetric, positive definite.

    Positive definiteness is tested by the pivots of a Cholesky factorization
    (Schur complements), each of which must exceed 1e-14 of the matrix's largest
    entry: a numerically singular bowl is rejected.

    Parameters
    ----------
    hessians : array_like, shape (3, 3) or (N, 3, 3)
        One curvature H of a 3-D bowl, or a stack of N.

    Returns
    -------
    ndarray, the shape of ``hessians``
        The matrices as floats, symmetrized exactly: ½(H + Hᵀ).

    Raises
    ------
    ValueError
        With a plain sentence when a matrix is not 3×3, has a NaN or infinite entry,
        is not symmetric (to 1e-9 of its largest entry) or not positive definite.

    Examples
    --------
    >>> check_hessians_3d(np.eye(3)).shape
    (3, 3)
    """
    return _symmetrized(_validated_hessians(hessians))


# --------------------------------------------------------------------------- small algebra


def _matvec(h: Array, x: Array) -> Array:
    """H x for stacks of (k, k) matrices and k-vectors."""
    return np.einsum("nij,nj->ni", h, x)


def _inverse(m: Array) -> Array:
    """Inverse of a stack of symmetric positive-definite 1×1, 2×2 or 3×3 matrices.

    Written out (adjugate over determinant): for k ≤ 3 this is several times faster
    than ``np.linalg.inv`` on a stack, with errors of the same order (κ·ε).
    """
    k = m.shape[-1]
    if k == 1:
        return 1.0 / m
    if k == 2:
        a, b, d = m[:, 0, 0], m[:, 0, 1], m[:, 1, 1]
        det = a * d - b * b
        out = np.empty_like(m)
        out[:, 0, 0], out[:, 1, 1] = d / det, a / det
        out[:, 0, 1] = out[:, 1, 0] = -b / det
        return out
    a, b, c = m[:, 0, 0], m[:, 0, 1], m[:, 0, 2]
    d, e, f = m[:, 1, 1], m[:, 1, 2], m[:, 2, 2]
    c00, c01, c02 = d * f - e * e, c * e - b * f, b * e - c * d
    c11, c12, c22 = a * f - c * c, b * c - a * e, a * d - b * b
    det = a * c00 + b * c01 + c * c02
    out = np.empty_like(m)
    out[:, 0, 0], out[:, 1, 1], out[:, 2, 2] = c00 / det, c11 / det, c22 / det
    out[:, 0, 1] = out[:, 1, 0] = c01 / det
    out[:, 0, 2] = out[:, 2, 0] = c02 / det
    out[:, 1, 2] = out[:, 2, 1] = c12 / det
    return out


def _loss_rows(h: Array, c: Array, beta: Array) -> Array:
    """L(β) = ½(β − c)ᵀH(β − c) per row."""
    d = beta - c
    return 0.5 * np.einsum("ni,nij,nj->n", d, h, d)


def _trust_region(l: Array, w: Array, radius: Array) -> Array:
    """Eigen-coordinates of argmin ½(y − y₀)ᵀΛ(y − y₀) over ‖y‖ ≤ radius, y₀ = w/l.

    ``l`` (n, k) are the eigenvalues of the Hessian, ``w`` (n, k) = Λy₀ the pull at 0 in
    its eigenbasis. The answer is y(μ) = w/(l + μ) with μ = 0 if ‖y₀‖ ≤ radius, else the
    root of the secular equation 1/‖y(μ)‖ = 1/radius, found by Newton's method (the
    function is nearly linear in μ) with a bisection safeguard on [lo, hi].

    Each problem stops iterating when it has converged (only the unconverged ones are
    carried on), so its answer does not depend on the other problems of the batch.
    """
    tiny = np.finfo(float).tiny
    k = l.shape[1]
    mu = np.zeros(len(l))
    norm0 = np.sqrt(sum((w[:, i] / l[:, i]) ** 2 for i in range(k)))
    rows = np.flatnonzero(norm0 > radius)
    # Components of the unconverged problems, as separate 1-D arrays (sums over a short
    # axis of an (n, k) array are several times slower than adding k arrays).
    ls = [l[rows, i] for i in range(k)]
    ws = [w[rows, i] for i in range(k)]
    rad = radius[rows]
    m = np.zeros(len(rows))
    lo = np.zeros(len(rows))
    hi = np.sqrt(sum(wi * wi for wi in ws)) / np.maximum(rad, tiny)  # ‖y(μ)‖ ≤ radius beyond
    for _ in range(_MAX_NEWTON):
        if len(rows) == 0:
            break
        denom = [li + m for li in ls]
        p = [wi / di for wi, di in zip(ws, denom, strict=True)]
        sq = [pi * pi for pi in p]
        norm = np.sqrt(sum(sq))
        residual = norm - rad
        lo = np.where(residual > 0, m, lo)
        hi = np.where(residual < 0, m, hi)
        slope = sum(si / di for si, di in zip(sq, denom, strict=True)) / np.maximum(norm, tiny)
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = m + residual * norm / (rad * slope)
        new_m = np.where((newton > lo) & (newton < hi), newton, 0.5 * (lo + hi))
        # Stop where the residual is at rounding level (keep μ) or μ no longer moves.
        hit = np.abs(residual) <= 2.0 * _EPS * rad
        new_m = np.where(hit, m, new_m)
        stop = hit | (np.abs(new_m - m) <= 4.0 * _EPS * new_m)
        mu[rows] = new_m
        if np.any(stop):
            keep = ~stop
            rows, m, lo, hi, rad = rows[keep], new_m[keep], lo[keep], hi[keep], rad[keep]
            ls = [li[keep] for li in ls]
            ws = [wi[keep] for wi in ws]
        else:
            m = new_m
    return w / (l + mu[:, None])


# --------------------------------------------------------------------------- penalized

# Supports in order of size, and the sign patterns on each: 1 + 6 + 12 + 8 = 27 patterns.
_SUPPORTS = [list(s) for size in (1, 2, 3) for s in combinations(range(3), size)]


def _lasso_3d(a: Array, g: Array, lam: Array) -> Array:
    """Exact argmin of ½βᵀAβ − gᵀβ + lam‖β‖₁ for positive-definite 3×3 matrices A.

    The sparsest sign pattern whose closed-form candidate passes the KKT test wins.
    Each support size works only on the problems that no sparser pattern has solved.
    """
    n = len(g)
    bound = lam + KKT_RTOL * (np.abs(g).max(axis=1) + lam)
    beta = np.zeros((n, 3))
    # Support ∅: 0 is optimal when the gradient −g fits in lam·[−1, 1]³.
    rows = np.flatnonzero(np.any(np.abs(g) > bound[:, None], axis=1))
    for size in (1, 2, 3):
        if len(rows) == 0:
            break
        a_r, g_r, lam_r, bound_r = a[rows], g[rows], lam[rows], bound[rows]
        found = np.zeros(len(rows), dtype=bool)
        for support in (s for s in _SUPPORTS if len(s) == size):
            out = [j for j in range(3) if j not in support]
            inv = _inverse(np.ascontiguousarray(a_r[:, support][:, :, support]))
            free = _matvec(inv, g_r[:, support])
            for signs in product((1.0, -1.0), repeat=size):
                b = free - lam_r[:, None] * (inv @ np.array(signs))
                ok = ~found
                for m, sign in enumerate(signs):  # the signs of β_S are the pattern's
                    ok &= sign * b[:, m] > 0.0
                for j in out:  # off the support the pull fits in lam·[−1, 1]
                    pull = g_r[:, j] - sum(a_r[:, j, q] * b[:, m] for m, q in enumerate(support))
                    ok &= np.abs(pull) <= bound_r
                if np.any(ok):
                    beta[np.ix_(rows[ok], support)] = b[ok]
                    found |= ok
        rows = rows[~found]
    if len(rows):
        # Rounding right at a kink can leave no pattern passing: take the best of all 27
        # closed-form candidates there, which is exact up to that rounding.
        beta[rows] = _best_lasso_candidate(a[rows], g[rows], lam[rows])
    _refine_on_support(a, g, lam, beta)
    return beta


def _refine_on_support(a: Array, g: Array, lam: Array, beta: Array) -> None:
    """One step of iterative refinement of A_SS β_S = g_S − lam·sign(β_S), in place.

    The adjugate inverse is not backward stable: on a bowl with κ ~ 1e4 its solution
    leaves a residual ~1e-9·‖A‖‖β‖. One correction brings that down to rounding level;
    zeros and signs are kept.
    """
    pattern = (beta != 0.0) @ np.array([1, 2, 4])
    for support in _SUPPORTS:
        rows = np.flatnonzero(pattern == sum(1 << i for i in support))
        if len(rows) == 0:
            continue
        b = beta[np.ix_(rows, support)]
        a_ss = a[np.ix_(rows, support, support)]
        residual = g[np.ix_(rows, support)] - lam[rows, None] * np.sign(b) - _matvec(a_ss, b)
        refined = b + _matvec(_inverse(a_ss), residual)
        keep = np.all(np.sign(refined) == np.sign(b), axis=1)
        beta[np.ix_(rows[keep], support)] = refined[keep]


def _best_lasso_candidate(a: Array, g: Array, lam: Array) -> Array:
    """The lowest-objective point among all 27 closed-form candidates (a safe fallback)."""
    n = len(g)
    best = np.zeros((n, 3))
    best_obj = np.zeros(n)  # the candidate β = 0 has objective 0
    for support in _SUPPORTS:
        inv = _inverse(np.ascontiguousarray(a[:, support][:, :, support]))
        free = _matvec(inv, g[:, support])
        for signs in product((1.0, -1.0), repeat=len(support)):
            cand = np.zeros((n, 3))
            cand[:, support] = free - lam[:, None] * (inv @ np.array(signs))
            obj = 0.5 * np.einsum("ni,nij,nj->n", cand, a, cand) - np.sum(g * cand, axis=1)
            obj += lam * np.abs(cand).sum(axis=1)
            better = obj < best_obj
            best[better], best_obj[better] = cand[better], obj[better]
    return best


def _ridge_3d(h: Array, c: Array, lam: Array) -> Array:
    """(H + λI)⁻¹Hc, written as c − λ(H + λI)⁻¹c (exact c at λ = 0), refined once."""
    shifted = h + lam[:, None, None] * np.eye(3)
    inv = _inverse(shifted)
    x = _matvec(inv, c)
    x += _matvec(inv, c - _matvec(shifted, x))
    return c - lam[:, None] * x


def _penalized_chunk(penalty: str, l1_ratio: float) -> ChunkSolver:
    # An elastic net with r = 1 is the lasso; with r = 0 it is ridge, solved as such.
    if penalty == "elasticnet" and l1_ratio in (0.0, 1.0):
        penalty = "l1" if l1_ratio == 1.0 else "l2"

    def solve(c: Array, h: Array, lam: Array) -> Array:
        if penalty == "l2":
            return _ridge_3d(h, c, lam)
        g = _matvec(h, c)
        if penalty == "l1":
            return _lasso_3d(h, g, lam)
        a = h + (lam * (1.0 - l1_ratio))[:, None, None] * np.eye(3)
        return _lasso_3d(a, g, lam * l1_ratio)

    return solve


def solve_penalized_3d(
    centers: ArrayLike,
    hessians: ArrayLike,
    penalty: str = "l1",
    lam: float | ArrayLike = 1.0,
    l1_ratio: float = 0.5,
) -> Array:
    """Exactly minimize ½(β − c)ᵀH(β − c) + λ·P(β) for a batch of 3-D problems.

    The three-coefficient :func:`regviz.core.geometry.solve_penalized`: the same
    parameters, penalties, errors and exact zeros, with centers of shape (N, 3) or
    (3,) and Hessians of shape (N, 3, 3) or (3, 3).

    Returns
    -------
    ndarray, shape (N, 3) or (3,)
        The minimizers.

    Examples
    --------
    >>> solve_penalized_3d([2.0, 0.5, -3.0], np.eye(3), "l1", lam=1.0).tolist()
    [1.0, 0.0, -2.0]
    >>> solve_penalized_3d([2.0, 0.5, -3.0], np.eye(3), "l2", lam=1.0).tolist()
    [1.0, 0.25, -1.5]
    """
    return _SOLVER.solve_penalized(centers, hessians, penalty, lam, l1_ratio)


# --------------------------------------------------------------------------- constrained

_AXES = [(i, s) for i in range(3) for s in (1.0, -1.0)]  # the 6 vertices s·e_i
_EDGES = [  # the 12 edges: coordinates i < j nonzero with signs (si, sj), k = 0
    (i, j, si, sj) for i, j in combinations(range(3), 2) for si in (1.0, -1.0) for sj in (1.0, -1.0)
]
_OCTANTS = [np.array(s) for s in product((1.0, -1.0), repeat=3)]


def _columns(h: Array, g: Array) -> tuple[dict[tuple[int, int], Array], list[Array]]:
    """The entries of H and of g = Hc as contiguous 1-D arrays (one value per problem).

    The vertex and edge tests below work on these: on 3-vectors, arithmetic on separate
    components is several times faster than on (N, 3) arrays with reductions over axis 1.
    """
    entries = {(i, j): np.ascontiguousarray(h[:, i, j]) for i in range(3) for j in range(3)}
    return entries, [np.ascontiguousarray(g[:, i]) for i in range(3)]


def _take_vertices(
    h: Array, g: Array, radius: Array, opening: float | Array, beta: Array, done: Array
) -> None:
    """Where a vertex ±radius·e_i passes the KKT test, it is the answer (in place).

    The test: the loss's pull w = H(c − v) lies in the vertex's normal cone,
    sign·w_i ≥ 0 and |w_j| ≤ opening·sign·w_i for the two other j (opening = 1 for the
    octahedron; smaller for the elastic-net ball, whose vertices are blunter).
    """
    hh, gg = _columns(h, g)
    for axis, sign in _AXES:
        w = [gg[j] - (sign * radius) * hh[j, axis] for j in range(3)]
        along = sign * w[axis]
        limit = opening * along + KKT_RTOL * (np.abs(w[0]) + np.abs(w[1]) + np.abs(w[2]))
        ok = ~done & (along >= 0.0)
        for j in range(3):
            if j != axis:
                ok &= np.abs(w[j]) <= limit
        if np.any(ok):
            beta[ok] = 0.0
            beta[ok, axis] = sign * radius[ok]
            done |= ok


def _lowest_loss(h: Array, c: Array, candidates: list[tuple[Array, Array]]) -> tuple[Array, Array]:
    """Among (point, valid) candidates, the valid one with the lowest loss, and that loss."""
    best = np.zeros_like(c)
    best_loss = np.full(len(c), np.inf)
    for x, valid in candidates:
        loss = np.where(valid, _loss_rows(h, c, x), np.inf)
        lower = loss < best_loss
        best[lower], best_loss[lower] = x[lower], loss[lower]
    return best, best_loss


def _octahedron_chunk(c: Array, h: Array, t: Array) -> Array:
    """Exact argmin of L over the octahedron ‖β‖₁ ≤ t (c outside it)."""
    n = len(c)
    g = _matvec(h, c)
    beta = np.zeros((n, 3))
    done = np.zeros(n, dtype=bool)
    # 1. The 6 vertices (two coefficients exactly 0).
    _take_vertices(h, g, t, 1.0, beta, done)
    if np.all(done):
        return beta
    # 2. The 12 edges (one coefficient exactly 0), for the problems left: the H-projection
    #    of c onto the line through t·si·e_i and t·sj·e_j, β(f) = t·si·e_i·(1 − f) +
    #    t·sj·e_j·f, clipped to the edge. It is optimal when it falls inside the edge and
    #    the pull across the edge fits in the subgradient: |w_k| ≤ ν = si·w_i.
    rest = np.flatnonzero(~done)
    hh, gg = _columns(h[rest], g[rest])
    tr = t[rest]
    found = np.zeros(len(rest), dtype=bool)
    edges = np.zeros((len(rest), 3))
    edge_points = []
    for i, j, si, sj in _EDGES:
        k = 3 - i - j
        num = sj * (gg[j] - tr * si * hh[j, i]) - si * (gg[i] - tr * si * hh[i, i])
        den = tr * (hh[i, i] + hh[j, j] - 2.0 * si * sj * hh[i, j])
        f = num / den
        fc = np.clip(f, 0.0, 1.0)
        xi, xj = tr * si * (1.0 - fc), tr * sj * fc
        edge_points.append((i, j, xi, xj))
        w = [gg[m] - xi * hh[m, i] - xj * hh[m, j] for m in range(3)]
        nu = si * w[i]
        slack = KKT_RTOL * (np.abs(w[0]) + np.abs(w[1]) + np.abs(w[2]))
        ok = ~found & (f > 0.0) & (f < 1.0) & (nu >= 0.0) & (np.abs(w[k]) <= nu + slack)
        if np.any(ok):
            edges[ok, i], edges[ok, j] = xi[ok], xj[ok]
            found |= ok
    beta[rest[found]] = edges[found]
    done[rest[found]] = True
    if np.all(done):
        return beta
    # Keep the clipped edge points of the problems still left, for the fallback below.
    left = ~found
    edge_points = [(i, j, xi[left], xj[left]) for i, j, xi, xj in edge_points]
    # 3. The 8 faces: the H-projection of c onto the plane sᵀβ = t, inside the triangle.
    rest = np.flatnonzero(~done)
    cr, tr = c[rest], t[rest]
    hr = h[rest]
    h_inv = _inverse(hr)
    face_points, face_ok = [], []
    for s in _OCTANTS:
        q = h_inv @ s
        q += _matvec(h_inv, s - _matvec(hr, q))  # one step of iterative refinement
        mu = (cr @ s - tr) / (q @ s)
        x = cr - mu[:, None] * q
        face_points.append(x)
        face_ok.append((mu >= 0.0) & np.all(x * s > 0.0, axis=1))
    # Normally exactly one face passes (the lowest loss breaks ties from rounding). Where
    # none does, the best clipped edge point or feasible face point is the answer.
    best, best_loss = _lowest_loss(hr, cr, list(zip(face_points, face_ok, strict=True)))
    lost = ~np.isfinite(best_loss)
    if np.any(lost):
        always = np.ones(int(lost.sum()), dtype=bool)
        candidates = []
        for i, j, xi, xj in edge_points:
            x = np.zeros((int(lost.sum()), 3))
            x[:, i], x[:, j] = xi[lost], xj[lost]
            candidates.append((x, always))
        candidates += [(x[lost], ok[lost]) for x, ok in zip(face_points, face_ok, strict=True)]
        best[lost] = _lowest_loss(hr[lost], cr[lost], candidates)[0]
    beta[rest] = best
    return beta


def _sphere_chunk(c: Array, h: Array, t: Array) -> Array:
    """Exact argmin of L over the ball ‖β‖₂ ≤ t (c outside it), in the eigenbasis of H."""
    l, v = np.linalg.eigh(h)
    w = l * np.einsum("nji,nj->ni", v, c)  # Vᵀ(Hc) = Λ·Vᵀc
    return _matvec(v, _trust_region(l, w, t))


def _eigen2(a: Array, b: Array, d: Array) -> tuple[Array, Array]:
    """Eigenvalues (n, 2) and eigenvectors (n, 2, 2) of symmetric 2×2 matrices [[a, b], [b, d]]."""
    mean = 0.5 * (a + d)
    radius = np.hypot(0.5 * (a - d), b)
    phi = 0.5 * np.arctan2(2.0 * b, a - d)
    cos, sin = np.cos(phi), np.sin(phi)
    vectors = np.empty((len(a), 2, 2))
    vectors[:, 0, 0], vectors[:, 1, 0] = cos, sin
    vectors[:, 0, 1], vectors[:, 1, 1] = -sin, cos
    # The smaller eigenvalue as det / larger avoids cancellation on ill-conditioned blocks.
    large = mean + radius
    return np.stack([large, (a * d - b * b) / large], axis=1), vectors


def _en_vertex_radius(rho: float, t: Array) -> Array:
    """Where the elastic-net ball meets the axes: ρ·a + (1 − ρ)·a² = t (positive root)."""
    return 2.0 * t / (rho + np.sqrt(rho * rho + 4.0 * (1.0 - rho) * t))


def _en_circle_pieces(
    rho: float, c: Array, h: Array, g: Array, t: Array
) -> list[tuple[Array, Array, Array]]:
    """The 12 circle pieces of the elastic-net ball in the coordinate planes βₖ = 0.

    In quadrant (si, sj) of the plane the ball is the disk ‖x − m‖ ≤ R₂ with
    m = −shift·(si, sj): a 2-D trust-region problem for the loss restricted to the plane
    (curvature H_SS, pull g_S − H_SS·m at m). Returns (point, on_piece, kkt) per piece:
    the disk's minimizer, whether it lies in the open quadrant, and whether it also
    passes the KKT test across the plane (|w_k| ≤ ρ·ν), i.e. is the optimum.
    """
    n = len(c)
    shift = rho / (2.0 * (1.0 - rho))
    radius = np.sqrt(t / (1.0 - rho) + 2.0 * shift * shift)
    pieces = []
    for i, j in combinations(range(3), 2):
        k = 3 - i - j
        hs = np.ascontiguousarray(h[:, [i, j]][:, :, [i, j]])
        l2, v2 = _eigen2(hs[:, 0, 0], hs[:, 0, 1], hs[:, 1, 1])
        for si, sj in product((1.0, -1.0), repeat=2):
            m = -shift * np.array([si, sj])
            pull = g[:, [i, j]] - hs @ m
            xs = m + _matvec(v2, _trust_region(l2, np.einsum("nji,nj->ni", v2, pull), radius))
            x = np.zeros((n, 3))
            x[:, i], x[:, j] = xs[:, 0], xs[:, 1]
            on_piece = (np.sign(xs[:, 0]) == si) & (np.sign(xs[:, 1]) == sj)
            # KKT: in the plane the pull is ν·∇g (the trust region made it so); across
            # the plane it must fit in the subgradient: |w_k| ≤ ν·ρ.
            w = g - _matvec(h, x)
            n1 = rho * si + 2.0 * (1.0 - rho) * xs[:, 0]
            n2 = rho * sj + 2.0 * (1.0 - rho) * xs[:, 1]
            nu = (w[:, i] * n1 + w[:, j] * n2) / (n1 * n1 + n2 * n2)
            slack = KKT_RTOL * (np.abs(w[:, 0]) + np.abs(w[:, 1]) + np.abs(w[:, 2]))
            kkt = on_piece & (nu >= 0.0) & (np.abs(w[:, k]) <= rho * nu + slack)
            pieces.append((x, on_piece, kkt))
    return pieces


def _en_sphere_pieces(rho: float, c: Array, h: Array, t: Array) -> list[tuple[Array, Array]]:
    """The 8 sphere pieces: in octant s the ball is ‖β − m‖ ≤ R₃ with m = −shift·s.

    Returns (point, in_octant) per octant: the minimizer over that sphere's ball, and
    whether it lies in the open octant (then it is on the elastic-net ball's surface).
    """
    shift = rho / (2.0 * (1.0 - rho))
    radius = np.sqrt(t / (1.0 - rho) + 3.0 * shift * shift)
    l3, v3 = np.linalg.eigh(h)
    pieces = []
    for s in _OCTANTS:
        m = -shift * s
        w = l3 * np.einsum("nji,nj->ni", v3, c - m)
        x = m + _matvec(v3, _trust_region(l3, w, radius))
        pieces.append((x, np.all(np.sign(x) == s, axis=1)))
    return pieces


def _elasticnet_ball_chunk(rho: float) -> ChunkSolver:
    """Exact argmin of L over ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t, for 0 < ρ < 1 (c outside it).

    Sparsest first: a vertex that passes the KKT test, else a circle piece (one zero)
    that passes it, else the sphere piece whose minimizer lies in its own octant.
    """

    def solve(c: Array, h: Array, t: Array) -> Array:
        n = len(c)
        g = _matvec(h, c)
        beta = np.zeros((n, 3))
        done = np.zeros(n, dtype=bool)
        # 1. The 6 vertices (two coefficients exactly 0). The cone of a vertex at
        #    distance a is narrower than the octahedron's: opening ρ/(ρ + 2(1 − ρ)a).
        a = _en_vertex_radius(rho, t)
        _take_vertices(h, g, a, rho / (rho + 2.0 * (1.0 - rho) * a), beta, done)
        # 2. The 12 circle pieces (one coefficient exactly 0).
        rest = np.flatnonzero(~done)
        if len(rest):
            found = np.zeros(len(rest), dtype=bool)
            sub = beta[rest]
            for x, _, kkt in _en_circle_pieces(rho, c[rest], h[rest], g[rest], t[rest]):
                ok = kkt & ~found
                sub[ok] = x[ok]
                found |= ok
            beta[rest] = sub
            done[rest] = found
        # 3. The 8 sphere pieces (no zero).
        rest = np.flatnonzero(~done)
        if len(rest):
            cr, hr = c[rest], h[rest]
            best, best_loss = _lowest_loss(hr, cr, _en_sphere_pieces(rho, cr, hr, t[rest]))
            beta[rest] = best
            done[rest] = np.isfinite(best_loss)
        # 4. Where rounding leaves no piece passing: the lowest-loss point on the ball
        #    among all candidates (vertices, circle and sphere pieces).
        rest = np.flatnonzero(~done)
        if len(rest):
            cr, hr, tr = c[rest], h[rest], t[rest]
            ar = _en_vertex_radius(rho, tr)
            candidates = []
            for axis, sign in _AXES:
                x = np.zeros((len(rest), 3))
                x[:, axis] = sign * ar
                candidates.append((x, np.ones(len(rest), dtype=bool)))
            candidates += [(x, on) for x, on, _ in _en_circle_pieces(rho, cr, hr, g[rest], tr)]
            candidates += _en_sphere_pieces(rho, cr, hr, tr)
            beta[rest] = _lowest_loss(hr, cr, candidates)[0]
        return beta

    return solve


def _ball_chunk(penalty: str, rho: float) -> ChunkSolver:
    """The chunk solver of the octahedron, the sphere or the elastic-net ball of mix ρ."""
    if penalty == "elasticnet":
        return _elasticnet_ball_chunk(rho)
    return _octahedron_chunk if penalty == "l1" else _sphere_chunk


# The shared driver around the solvers above: 3-D problems, validation, broadcasting,
# chunks, the answers that need no solver, λ ↔ t. The Hessians are validated without a
# copy; each chunk is symmetrized when solved.
_SOLVER = BatchSolver(
    3, CHUNK_SIZE, _validated_hessians, _penalized_chunk, _ball_chunk, symmetrize=_symmetrized
)


def solve_constrained_3d(
    centers: ArrayLike,
    hessians: ArrayLike,
    penalty: str = "l1",
    t: float | ArrayLike = 1.0,
    l1_ratio: float = 0.5,
) -> Array:
    """Exactly minimize ½(β − c)ᵀH(β − c) subject to g(β) ≤ t, for a batch of 3-D problems.

    The three-coefficient :func:`regviz.core.geometry.solve_constrained`: the same
    parameters and errors, with centers of shape (N, 3) or (3,) and Hessians of shape
    (N, 3, 3) or (3, 3). The balls are the octahedron ‖β‖₁ ≤ t, the sphere ‖β‖₂ ≤ t
    and the elastic-net ball ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t (ρ = ``l1_ratio``).

    Returns
    -------
    ndarray, shape (N, 3) or (3,)
        The minimizers: c itself where c is inside the ball, else a point on its
        surface. Coefficients at a vertex or on an edge of the octahedron (or of the
        elastic-net ball) are exactly 0.0.

    Examples
    --------
    >>> solve_constrained_3d([2.0, 0.5, 0.2], np.eye(3), "l1", t=1.0).tolist()
    [1.0, 0.0, 0.0]
    >>> solve_constrained_3d([2.0, 2.0, 1.0], np.eye(3), "l2", t=1.5).round(12).tolist()
    [1.0, 1.0, 0.5]
    """
    return _SOLVER.solve_constrained(centers, hessians, penalty, t, l1_ratio)


# --------------------------------------------------------------------------- λ ↔ t


def budget_for_lambda_3d(
    centers: ArrayLike,
    hessians: ArrayLike,
    penalty: str = "l1",
    lam: float | ArrayLike = 1.0,
    l1_ratio: float = 0.5,
) -> Array:
    """The budget t whose constrained solution equals the penalized solution at λ (3-D).

    The three-coefficient :func:`regviz.core.geometry.budget_for_lambda`, with the
    inputs of :func:`solve_penalized_3d`.

    Examples
    --------
    >>> float(budget_for_lambda_3d([2.0, 0.5, -3.0], np.eye(3), "l1", lam=1.0))
    3.0
    """
    return _SOLVER.budget_for_lambda(centers, hessians, penalty, lam, l1_ratio)


def lambda_for_budget_3d(
    centers: ArrayLike,
    hessians: ArrayLike,
    penalty: str = "l1",
    t: float | ArrayLike = 1.0,
    l1_ratio: float = 0.5,
) -> Array:
    """The λ whose penalized solution equals the constrained solution at budget t (3-D).

    The three-coefficient :func:`regviz.core.geometry.lambda_for_budget` (read off the
    KKT conditions), with the inputs of :func:`solve_penalized_3d`.

    Examples
    --------
    >>> float(lambda_for_budget_3d([2.0, 0.5, -3.0], np.eye(3), "l1", t=3.0))
    1.0
    """
    return _SOLVER.lambda_for_budget(centers, hessians, penalty, t, l1_ratio)
