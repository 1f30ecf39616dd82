"""What the batched 2-D and 3-D bowl solvers share, written once.

:mod:`regviz.core.geometry` (two coefficients) and :mod:`regviz.core.geometry3d`
(three) solve N problems L(β) = ½ (β − c)ᵀ H (β − c) at once. Their algebra differs;
the steps around it are the same and live here:

- :class:`BatchSolver`: the public solvers' common driver — validate the inputs,
  broadcast them to one batch, answer what needs no solver, and hand the rest to the
  module's chunk solvers a chunk at a time; also λ ↔ t;
- :func:`broadcast_problems`: centers, Hessians and one scalar per problem (λ or t)
  broadcast to one batch size;
- :func:`check_nonnegative`: λ ≥ 0 and t ≥ 0, with a plain message;
- :func:`reduce_ball` and :func:`start_constrained`: an elastic-net ball with mix 1 or
  0 is the L1 or the L2 ball, and the problems whose center is inside the ball (or
  whose budget is 0) are answered before any solver runs;
- :func:`matching_ball_mix`: the ball whose constrained solutions are the penalized
  ones;
- :func:`lambda_from_kkt`: the λ read off the KKT conditions at a constrained
  solution.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from regviz.core.losses import check_centers
from regviz.core.penalties import check_l1_ratio, check_penalty, constraint_value, l2_norm

__all__ = [
    "KKT_RTOL",
    "BatchSolver",
    "ChunkSolver",
    "ball_mix_for_l1_ratio",
    "broadcast_problems",
    "check_nonnegative",
    "lambda_from_kkt",
    "matching_ball_mix",
    "reduce_ball",
    "start_constrained",
]

Array = NDArray[np.float64]

# A chunk solver: (centers (n, dim), symmetric Hessians (n, dim, dim), λ or t (n,)) → β (n, dim).
ChunkSolver = Callable[[Array, Array, Array], Array]

# Relative slack of the KKT tests that decide an exact zero, in 2-D and 3-D. Loose enough
# for rounding in the gradient, tight enough that a true coefficient is never zeroed
# unless it is below ~1e-12 of the problem's scale.
KKT_RTOL = 1e-12


@dataclass(frozen=True)
class BatchSolver:
    """The exact batched solvers in ``dim`` coefficients, around the module's chunk solvers.

    :mod:`regviz.core.geometry` and :mod:`regviz.core.geometry3d` each build one from
    their own algebra (the chunk solvers); the methods do what is the same in 2-D and
    3-D: validate the inputs, broadcast them to one batch, answer the problems that
    need no solver, and run the chunk solvers ``chunk_size`` problems at a time (no
    Python work per problem). The public functions of those modules call these methods
    and document them.

    Attributes
    ----------
    dim : int
        The number of coefficients.
    chunk_size : int
        Problems per call of a chunk solver: bounds the memory of its temporaries.
    check_hessians : callable
        Validates a stack of Hessians (a plain ``ValueError`` otherwise) and returns
        it as floats.
    penalized : callable
        ``penalized(penalty, l1_ratio)``: the chunk solver of the penalized form.
    constrained : callable
        ``constrained(penalty, mix)``: the chunk solver of the constrained form on that
        ball (given centers outside it, budgets t > 0; an elastic-net ball with mix 0
        or 1 comes as the L2 or L1 ball).
    symmetrize : callable or None, default None
        Applied to each chunk's Hessians first, where ``check_hessians`` returns them
        unsymmetrized (to make no full-size copy).

    Examples
    --------
    >>> from regviz.core.geometry import solve_constrained
    >>> solve_constrained([2.0, 0.5], np.eye(2), "l1", t=1.0).tolist()  # via BatchSolver
    [1.0, 0.0]
    """

    dim: int
    chunk_size: int
    check_hessians: Callable[[ArrayLike], Array]
    penalized: Callable[[str, float], ChunkSolver]
    constrained: Callable[[str, float], ChunkSolver]
    symmetrize: Callable[[Array], Array] | None = None

    def solve_penalized(
        self, centers: ArrayLike, hessians: ArrayLike, penalty: str, lam: ArrayLike, l1_ratio: float
    ) -> Array:
        """Minimize ½(β − c)ᵀH(β − c) + λ·P(β) for each problem (see ``solve_penalized``)."""
        c, h, lam_arr, r, single = self._inputs(centers, hessians, penalty, lam, l1_ratio)
        check_nonnegative(lam_arr, "λ")
        beta = np.empty((len(c), self.dim))
        self._in_chunks(self.penalized(penalty, r), None, c, h, lam_arr, beta)
        return beta[0] if single else beta

    def solve_constrained(
        self, centers: ArrayLike, hessians: ArrayLike, penalty: str, t: ArrayLike, l1_ratio: float
    ) -> Array:
        """Minimize ½(β − c)ᵀH(β − c) subject to g(β) ≤ t (see ``solve_constrained``)."""
        c, h, t_arr, r, single = self._inputs(centers, hessians, penalty, t, l1_ratio)
        beta = self._constrained(c, h, penalty, t_arr, r)
        return beta[0] if single else beta

    def budget_for_lambda(
        self, centers: ArrayLike, hessians: ArrayLike, penalty: str, lam: ArrayLike, l1_ratio: float
    ) -> Array:
        """The budget t = g(β̂(λ)) on the matching ball (see ``budget_for_lambda``)."""
        beta = self.solve_penalized(centers, hessians, penalty, lam, l1_ratio)
        return constraint_value(beta, penalty, matching_ball_mix(penalty, l1_ratio))

    def lambda_for_budget(
        self, centers: ArrayLike, hessians: ArrayLike, penalty: str, t: ArrayLike, l1_ratio: float
    ) -> Array:
        """The λ read off the KKT conditions at budget t (see ``lambda_for_budget``)."""
        c, h, t_arr, r, single = self._inputs(centers, hessians, penalty, t, l1_ratio)
        beta = self._constrained(c, h, penalty, t_arr, matching_ball_mix(penalty, r))
        lam = lambda_from_kkt(c, h, beta, t_arr, penalty, r)
        return lam[0] if single else lam

    def _inputs(
        self,
        centers: ArrayLike,
        hessians: ArrayLike,
        penalty: str,
        scalar: ArrayLike,
        l1_ratio: float,
    ) -> tuple[Array, Array, Array, float, bool]:
        """Validated (N, dim) centers, (N, dim, dim) Hessians, (N,) λ or t, the mix, single."""
        check_penalty(penalty)
        r = check_l1_ratio(l1_ratio)
        c = check_centers(centers, self.dim)
        h = self.check_hessians(hessians)
        c, h, (values,), single = broadcast_problems(c, h, (scalar,), self.dim)
        return c, h, values, r, single

    def _constrained(self, c: Array, h: Array, penalty: str, t: Array, mix: float) -> Array:
        """The constrained solutions of validated, broadcast problems on the ball of ``mix``."""
        check_nonnegative(t, "The budget t")
        penalty, t = reduce_ball(penalty, mix, t)
        beta, outside = start_constrained(c, penalty, mix, t)
        self._in_chunks(self.constrained(penalty, mix), np.flatnonzero(outside), c, h, t, beta)
        return beta

    def _in_chunks(
        self,
        solve: ChunkSolver,
        rows: NDArray[np.intp] | None,
        c: Array,
        h: Array,
        values: Array,
        out: Array,
    ) -> None:
        """Solve the problems ``rows`` (all if None) into ``out``, ``chunk_size`` at a time.

        Each chunk takes its own rows of the inputs, so no full-size copy is made.
        """
        n = len(c) if rows is None else len(rows)
        for start in range(0, n, self.chunk_size):
            if rows is None:
                idx: slice | NDArray[np.intp] = slice(start, start + self.chunk_size)
            else:
                idx = rows[start : start + self.chunk_size]
            h_chunk = h[idx] if self.symmetrize is None else self.symmetrize(h[idx])
            out[idx] = solve(c[idx], h_chunk, values[idx])


def broadcast_problems(
    c: Array, h: Array, scalars: tuple[ArrayLike, ...], dim: int
) -> tuple[Array, Array, list[Array], bool]:
    """Broadcast checked centers, Hessians and per-problem scalars to one batch size N.

    Parameters
    ----------
    c : ndarray, shape (dim,) or (N, dim)
        Centers, already checked.
    h : ndarray, shape (dim, dim) or (N, dim, dim)
        Hessians, already checked.
    scalars : tuple of array_like, each a scalar or of shape (N,)
        λ or budgets t.
    dim : int
        The number of coefficients (2 or 3).

    Returns
    -------
    c : ndarray, shape (N, dim)
    h : ndarray, shape (N, dim, dim)
    scalars : list of ndarray, each of shape (N,)
    single : bool
        True when every input was a single problem (the caller then returns one row).

    Raises
    ------
    ValueError
        When an input has too many axes or the batch sizes disagree.

    Examples
    --------
    >>> c, h, (lam,), single = broadcast_problems(np.zeros((3, 2)), np.eye(2), (0.5,), 2)
    >>> c.shape, h.shape, lam.tolist(), single
    ((3, 2), (3, 2, 2), [0.5, 0.5, 0.5], False)
    """
    if c.ndim > 2 or h.ndim > 3:
        raise ValueError(f"centers must have shape (N, {dim}) and hessians (N, {dim}, {dim}).")
    single = c.ndim == 1 and h.ndim == 2 and all(np.ndim(s) == 0 for s in scalars)
    c2, h2 = c.reshape(-1, dim), h.reshape(-1, dim, dim)
    sizes = {len(c2), len(h2), *(np.size(s) for s in scalars)} - {1}
    if len(sizes) > 1:
        raise ValueError(
            f"Batch sizes do not match: {len(c2)} centers, {len(h2)} Hessians, "
            f"and budgets/λ of sizes {[np.size(s) for s in scalars]}."
        )
    n = sizes.pop() if sizes else 1
    c2 = np.broadcast_to(c2, (n, dim))
    h2 = np.broadcast_to(h2, (n, dim, dim))
    flat = [np.broadcast_to(np.asarray(s, dtype=float).reshape(-1), (n,)) for s in scalars]
    return c2, h2, flat, single


def check_nonnegative(values: Array, name: str) -> None:
    """Raise a plain ``ValueError`` unless every value is finite and ≥ 0.

    Examples
    --------
    >>> check_nonnegative(np.array([0.0, 2.0]), "λ")
    >>> check_nonnegative(np.array([-1.0]), "λ")
    Traceback (most recent call last):
    ...
    ValueError: λ must be zero or positive; got -1.
    """
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{name} must be a finite number; got NaN or infinity.")
    if np.any(values < 0):
        raise ValueError(f"{name} must be zero or positive; got {values.min():g}.")


def ball_mix_for_l1_ratio(l1_ratio: float) -> float:
    """The mix ρ of the elastic-net *ball* whose solutions equal the *penalized* mix r.

    The penalized form weighs ‖β‖₁ : ‖β‖₂² as r : ½(1 − r); the ball
    ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t weighs them ρ : (1 − ρ). Equal ratios give ρ = 2r/(1 + r).

    Examples
    --------
    >>> round(ball_mix_for_l1_ratio(0.5), 12)
    0.666666666667
    """
    r = check_l1_ratio(l1_ratio)
    return 2.0 * r / (1.0 + r)


def matching_ball_mix(penalty: str, l1_ratio: float) -> float:
    """The ``l1_ratio`` of the ball whose constrained solutions are the penalized ones.

    The elastic net's ball mix is :func:`ball_mix_for_l1_ratio` of the penalized mix;
    for L1 and L2 the ratio is unused and returned as given.

    Examples
    --------
    >>> round(matching_ball_mix("elasticnet", 0.5), 12), matching_ball_mix("l1", 0.5)
    (0.666666666667, 0.5)
    """
    return ball_mix_for_l1_ratio(l1_ratio) if penalty == "elasticnet" else l1_ratio


def reduce_ball(penalty: str, l1_ratio: float, t: Array) -> tuple[str, Array]:
    """An elastic-net ball with mix 1 is the L1 ball, with mix 0 the L2 ball of radius √t.

    Examples
    --------
    >>> reduce_ball("elasticnet", 0.0, np.array([4.0]))
    ('l2', array([2.]))
    >>> reduce_ball("elasticnet", 1.0, np.array([4.0]))
    ('l1', array([4.]))
    """
    if penalty == "elasticnet" and l1_ratio == 1.0:
        return "l1", t
    if penalty == "elasticnet" and l1_ratio == 0.0:
        return "l2", np.sqrt(t)
    return penalty, t


def start_constrained(
    c: Array, penalty: str, l1_ratio: float, t: Array
) -> tuple[Array, NDArray[np.bool_]]:
    """The answers that need no solver, and which problems still need one.

    A center inside the ball is its own answer; a budget of 0 has the answer 0.

    Returns
    -------
    beta : ndarray, shape (N, dim)
        c where the center is inside the ball, 0 where t = 0 (other rows: c, to be
        overwritten by the solver).
    outside : ndarray of bool, shape (N,)
        The problems whose center lies outside a ball of positive size.

    Examples
    --------
    >>> beta, outside = start_constrained(np.array([[0.5, 0.0], [2.0, 0.0]]), "l1", 0.5,
    ...                                   np.array([1.0, 1.0]))
    >>> outside.tolist()
    [False, True]
    """
    beta = np.array(c, dtype=float)
    outside = (constraint_value(c, penalty, l1_ratio) > t) & (t > 0)
    beta[t == 0] = 0.0
    return beta, outside


def lambda_from_kkt(
    c: Array, h: Array, beta: Array, t: Array, penalty: str, l1_ratio: float
) -> Array:
    """λ read off the KKT conditions at constrained solutions β̂ of the matching ball.

    The pull w = H(c − β̂) equals λ·∂P(β̂). λ = 0 where c is inside the ball; at β̂ = 0
    it is the smallest λ that zeroes every coefficient (∞ for pure L2).

    Parameters
    ----------
    c : ndarray, shape (N, dim)
        The centers.
    h : ndarray, shape (N, dim, dim)
        The Hessians.
    beta : ndarray, shape (N, dim)
        The constrained solutions at budgets t, on the ball
        ``matching_ball_mix(penalty, l1_ratio)``.
    t : ndarray, shape (N,)
        The budgets.
    penalty : {"l1", "l2", "elasticnet"}
        The penalized form's penalty.
    l1_ratio : float
        The penalized mix r.

    Returns
    -------
    ndarray, shape (N,)
        The λ values.

    Examples
    --------
    >>> c, h = np.array([[2.0, 0.5]]), np.eye(2)[None]
    >>> lambda_from_kkt(c, h, np.array([[1.0, 0.0]]), np.array([1.0]), "l1", 0.5).tolist()
    [1.0]
    """
    r = l1_ratio
    w = np.einsum("nij,nj->ni", h, c - beta)
    with np.errstate(divide="ignore", invalid="ignore"):
        if penalty == "l1" or (penalty == "elasticnet" and r == 1.0):
            lam = np.abs(w).max(axis=1)
        elif penalty == "l2" or r == 0.0:
            lam = l2_norm(w) / l2_norm(beta)
        else:
            # On the largest coefficient: wᵢ = λ·(r·sign βᵢ + (1 − r)·βᵢ).
            rows = np.arange(len(beta))
            i = np.argmax(np.abs(beta), axis=1)
            bi, wi = beta[rows, i], w[rows, i]
            lam = wi / (r * np.sign(bi) + (1.0 - r) * bi)
            at_zero = np.all(beta == 0.0, axis=1)
            lam[at_zero] = np.abs(w[at_zero]).max(axis=1) / r
    inside = constraint_value(c, penalty, matching_ball_mix(penalty, r)) <= t
    return np.where(inside, 0.0, lam)
