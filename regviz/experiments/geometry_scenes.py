"""Everything the Geometry page computes for one picture, as pure functions.

One "scene" is one panel of the Geometry page: a 2-D quadratic loss, a penalty ball
of budget t, the constrained solution β̂ (read both as budget t and as penalty λ),
the loss contour through β̂ (the level set that just touches the ball), the loss
on a grid with log-spaced contour levels, and optionally the solution path as t
grows from 0 to the unpenalized optimum.

The exact solvers live in :mod:`regviz.core.geometry`; this module only puts their
answers together, so the page stays a thin script and the figure builders in
:mod:`regviz.figures.geometry` stay free of numerics.

Examples
--------
>>> from regviz.core.losses import QuadraticLoss
>>> loss = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-45.0)
>>> scene = geometry_scene(loss, "l1", t=1.0)
>>> scene.beta.tolist(), scene.zeroed
([1.0, 0.0], (False, True))
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from regviz.core.conventions import PENALTY_NAMES
from regviz.core.geometry import (
    ball_mix_for_l1_ratio,
    budget_for_lambda,
    lambda_for_budget,
    solution_path,
    solve_constrained,
    solve_lq,
    solve_penalized,
)
from regviz.core.losses import QuadraticLoss
from regviz.core.penalties import ball_boundary, ball_radius, check_q, constraint_value
from regviz.core.readouts import Readout

if TYPE_CHECKING:  # pandas is imported where a table is made: the router loads this module
    import pandas as pd

Array = NDArray[np.float64]

# Which balls the page offers: the three exact ones and the numeric Lq ball.
SCENE_PENALTIES = ("l1", "l2", "elasticnet", "lq")

BALL_NAMES = {
    "l1": "diamond ‖β‖₁ ≤ t",
    "l2": "circle ‖β‖₂ ≤ t",
    "elasticnet": "elastic-net ball ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t",
    "lq": "Lq ball ‖β‖_q ≤ t",
}

# Points on a drawn ball (a multiple of 4, plus 1, puts the corners exactly on the axes)
# and on a drawn contour: enough for a smooth curve on a projector, light to send.
BALL_POINTS = 121
CURVE_POINTS = 121
FRAME_POINTS = 61

# Number of contour levels and the ratio of the highest to the lowest level (log-spaced).
N_LEVELS = 14
LEVEL_DECADES = 3.0


@dataclass(frozen=True)
class GeometryScene:
    """One panel of the Geometry page: loss, ball, solution, tangent contour, path.

    Attributes
    ----------
    loss : QuadraticLoss
        The 2-D loss L(β) = ½(β − c)ᵀH(β − c) + L_min.
    penalty : str
        ``"l1"``, ``"l2"``, ``"elasticnet"`` or ``"lq"``.
    t : float
        The budget of the drawn ball.
    lam : float or None
        The penalty strength λ whose penalized solution is ``beta`` (scikit-learn's
        convention); ``inf`` for L2 at t = 0; ``None`` for the Lq ball.
    l1_ratio : float
        The *penalized* elastic-net mix r (used only for ``"elasticnet"``).
    ball_mix : float
        The mix ρ = 2r/(1 + r) of the drawn elastic-net ball (whose constrained
        solutions equal the penalized ones with mix r).
    q : float
        The exponent of the Lq ball (used only for ``"lq"``).
    beta : ndarray, shape (2,)
        The solution β̂. Coefficients at a corner are exactly 0.0.
    binding : bool
        True when the unpenalized optimum lies outside the ball, so β̂ sits on its boundary.
    ball : ndarray, shape (n, 2)
        The boundary of the ball, a closed curve.
    tangent : ndarray, shape (m, 2) or None
        The level set {β : L(β) = L(β̂)}, an ellipse computed from H whose first point is
        β̂; ``None`` when β̂ is the optimum itself (the level set is a single point).
    path_budgets, path : ndarray or None
        Budgets from 0 to g(c) and the solution at each, shape (k,) and (k, 2).
    grid_b1, grid_b2 : ndarray
        The grid axes; ``loss_grid[j, i]`` is L at (grid_b1[i], grid_b2[j]).
    loss_grid : ndarray, shape (len(grid_b2), len(grid_b1))
        The loss on the grid.
    levels : ndarray
        Log-spaced contour levels of the excess loss L − L_min, increasing.
    half_width : float
        The view is the square [−half_width, half_width]² (covers the ball and c).
    zero_below : float or None
        For L1 and the elastic net: the largest budget (on a fine grid of budgets,
        up to g(c)) at which some coefficient is exactly 0; ``None`` if never, or for
        L2 and Lq.
    """

    loss: QuadraticLoss
    penalty: str
    t: float
    lam: float | None
    l1_ratio: float
    ball_mix: float
    q: float
    beta: Array
    binding: bool
    ball: Array
    tangent: Array | None
    path_budgets: Array | None
    path: Array | None
    grid_b1: Array
    grid_b2: Array
    loss_grid: Array
    levels: Array
    half_width: float
    zero_below: float | None

    @property
    def zeroed(self) -> tuple[bool, bool]:
        """Which coefficients of β̂ are exactly 0.0."""
        return bool(self.beta[0] == 0.0), bool(self.beta[1] == 0.0)

    @property
    def axis_range(self) -> tuple[float, float]:
        """The range of both axes, [−half_width, half_width]."""
        return (-self.half_width, self.half_width)

    @property
    def name(self) -> str:
        """A short name of the penalty for titles and legends."""
        return scene_name(self.penalty, self.l1_ratio, self.q)


def scene_name(penalty: str, l1_ratio: float, q: float = 1.0) -> str:
    """A short name of a scene's penalty for titles and legends (2-D and 3-D scenes).

    Examples
    --------
    >>> scene_name("l1", 0.5), scene_name("elasticnet", 0.5), scene_name("lq", 0.5, q=0.7)
    ('L1 (lasso)', 'Elastic net, r = 0.5', 'Lq, q = 0.7')
    """
    if penalty == "lq":
        return f"Lq, q = {q:g}"
    if penalty == "elasticnet":
        return f"Elastic net, r = {l1_ratio:g}"
    return PENALTY_NAMES[penalty]


# --------------------------------------------------------------------------- losses


def two_feature_data(
    n_samples: int = 50,
    correlation: float = 0.7,
    coef: ArrayLike = (2.0, 1.0),
    seed: int = 0,
    noise: float = 1.0,
) -> tuple[Array, Array]:
    """A small regression data set with two correlated standard-normal features.

    Parameters
    ----------
    n_samples : int, default 50
        Number of rows n (at least 3).
    correlation : float, default 0.7
        The correlation ρ of the two features, in (−1, 1).
    coef : array_like of 2 floats, default (2.0, 1.0)
        The true coefficients; y = X·coef + noise·ε (no intercept).
    seed : int, default 0
        Seed of the random generator: the same seed gives the same data.
    noise : float, default 1.0
        Standard deviation of the noise ε.

    Returns
    -------
    X : ndarray, shape (n_samples, 2)
    y : ndarray, shape (n_samples,)
    """
    if not (-1.0 < correlation < 1.0):
        raise ValueError(
            f"The feature correlation must lie strictly between −1 and 1; got {correlation}."
        )
    if int(n_samples) < 3:
        raise ValueError(
            "At least 3 data points are needed to fit 2 coefficients and an intercept."
        )
    rng = np.random.default_rng(int(seed))
    cov = np.array([[1.0, correlation], [correlation, 1.0]])
    X = rng.multivariate_normal(np.zeros(2), cov, size=int(n_samples))
    y = X @ np.asarray(coef, dtype=float) + noise * rng.standard_normal(int(n_samples))
    return X, y


def data_loss(
    n_samples: int = 50,
    correlation: float = 0.7,
    coef: ArrayLike = (2.0, 1.0),
    seed: int = 0,
    noise: float = 1.0,
) -> QuadraticLoss:
    """The least-squares loss of :func:`two_feature_data`, via ``QuadraticLoss.from_data``."""
    X, y = two_feature_data(n_samples, correlation, coef, seed, noise)
    return QuadraticLoss.from_data(X, y)


# --------------------------------------------------------------------------- pieces


def log_levels(top: float, n_levels: int = N_LEVELS, decades: float = LEVEL_DECADES) -> Array:
    """Log-spaced contour levels of the excess loss, from top·10^(−decades) up to top.

    Parameters
    ----------
    top : float
        The largest excess loss to draw (e.g. the largest value on the grid).
    n_levels : int, default 14
        Number of levels.
    decades : float, default 3.0
        How many powers of ten the levels span.

    Returns
    -------
    ndarray, shape (n_levels,)
        Increasing levels with a constant ratio between neighbours.
    """
    top = float(top)
    if not (np.isfinite(top) and top > 0):
        raise ValueError(f"The top contour level must be a positive number; got {top}.")
    return np.geomspace(top * 10.0 ** (-decades), top, int(n_levels))


def tangent_ellipse(loss: QuadraticLoss, beta: ArrayLike, n_points: int = 241) -> Array | None:
    """The level set {β : L(β) = L(β̂)} of the loss through β̂, as a closed ellipse.

    With H = V diag(μ) Vᵀ and ℓ = L(β̂) − L_min, the level set is
    c + √(2ℓ)·V diag(μ^(−½)) u(θ) for unit vectors u(θ). θ starts at the direction of
    β̂, so the first point of the curve is β̂ itself (to rounding).

    Parameters
    ----------
    loss : QuadraticLoss
        The loss.
    beta : array_like, shape (2,)
        The point the level set goes through.
    n_points : int, default 241
        Number of points (the first and last coincide).

    Returns
    -------
    ndarray, shape (n_points, 2) or None
        The ellipse, or None when β̂ is the optimum c (the level set is one point).
    """
    beta = np.asarray(beta, dtype=float)
    if (through := level_through(loss, beta)) is None:
        return None
    offset, excess, mu, vectors = through
    # Whitened coordinates of β̂ − c: the unit circle there is the level set here.
    u0 = np.sqrt(mu) * (vectors.T @ offset) / math.sqrt(2.0 * excess)
    start = math.atan2(u0[1], u0[0])
    theta = start + np.linspace(0.0, 2.0 * np.pi, int(n_points))
    unit = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    curve = loss.center + math.sqrt(2.0 * excess) * (unit / np.sqrt(mu)) @ vectors.T
    curve[0] = curve[-1] = beta
    return curve


def level_through(loss: Any, beta: Array) -> tuple[Array, float, Array, Array] | None:
    """The loss's level set through β̂, for drawing it: β̂ − c, the excess loss and H's
    eigenvalues and eigenvectors; None when β̂ is the optimum c (a single point).

    ``loss`` is a 2-D :class:`~regviz.core.losses.QuadraticLoss` or a 3-D bowl (any object
    with ``center`` and ``hessian``).

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 0.0])
    >>> offset, excess, mu, vectors = level_through(loss, np.array([1.0, 0.0]))
    >>> offset.tolist(), float(excess)
    ([-1.0, 0.0], 0.5)
    """
    offset = beta - loss.center
    excess = 0.5 * offset @ loss.hessian @ offset
    if not excess > 0:
        return None
    mu, vectors = np.linalg.eigh(loss.hessian)
    return offset, excess, mu, vectors


def lq_solution_path(
    loss: QuadraticLoss, q: float, n_points: int = 80, n_grid: int = 2048
) -> tuple[Array, Array]:
    """The Lq-ball solution as t grows from 0 to ‖c‖_q, by a vectorized boundary search.

    For each budget the loss is evaluated at ``n_grid`` angles on the boundary plus the
    4 axis points (exact zeros), and the best is kept: the *global* optimum on the
    boundary to the grid's resolution, so the non-convex balls (q < 1) are handled.
    For drawing only; the marked solution uses :func:`regviz.core.geometry.solve_lq`.

    Parameters
    ----------
    loss : QuadraticLoss
        The loss.
    q : float
        The exponent, q > 0.
    n_points : int, default 80
        Number of budgets, evenly spaced from 0 to ‖c‖_q.
    n_grid : int, default 2048
        Number of boundary angles searched per budget.

    Returns
    -------
    budgets : ndarray, shape (n_points,)
    betas : ndarray, shape (n_points, 2)
    """
    q = check_q(q)
    c, h = loss.center, loss.hessian
    t_end = float(constraint_value(c, "lq", q=q))
    budgets = np.linspace(0.0, t_end, int(n_points))
    theta = np.linspace(0.0, 2.0 * np.pi, int(n_grid), endpoint=False)
    # The boundary of the unit ball, scaled by t: points t·ρ₁(θ)·u(θ), plus the 4 axis points.
    unit = ball_radius(theta, "lq", t=1.0, q=q)[:, None] * np.stack(
        [np.cos(theta), np.sin(theta)], axis=1
    )
    unit = np.concatenate([np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]]), unit])
    # L(t·u) − L_min = ½t²·uᵀHu − t·uᵀHc + const: a quadratic in t for each boundary point.
    quad = 0.5 * np.einsum("ki,ij,kj->k", unit, h, unit)
    lin = unit @ (h @ c)
    values = np.outer(budgets**2, quad) - np.outer(budgets, lin)
    best = np.argmin(values, axis=1)
    betas = budgets[:, None] * unit[best]
    betas[-1] = c
    return budgets, betas


def _zero_below(
    loss: QuadraticLoss, penalty: str, ball_mix: float, n_budgets: int = 500
) -> float | None:
    """The largest budget with an exact zero in β̂(t), on a fine grid of budgets (L1/EN)."""
    if penalty not in ("l1", "elasticnet"):
        return None
    t_end = float(constraint_value(loss.center, penalty, ball_mix))
    budgets = np.linspace(0.0, t_end, n_budgets)[1:-1]
    if budgets.size == 0:
        return None
    betas = solve_constrained(loss.center[None], loss.hessian[None], penalty, budgets, ball_mix)
    has_zero = np.any(betas == 0.0, axis=1)
    return float(budgets[has_zero].max()) if np.any(has_zero) else None


def _nice_ceil(value: float) -> float:
    """Round up to a multiple of 0.5 (of 5·10^k for other scales), so the view jumps rarely."""
    step = 0.5 * 10.0 ** math.floor(math.log10(max(value, 1e-12)))
    return math.ceil(value / step - 1e-9) * step


def view_half_width(center: ArrayLike, balls: Sequence[Array], margin: float = 1.15) -> float:
    """Half the side of a square view centred at 0 that holds c and every ball, with a margin."""
    extent = float(np.abs(np.asarray(center, dtype=float)).max())
    for ball in balls:
        extent = max(extent, float(np.abs(ball).max()))
    return _nice_ceil(max(margin * extent, 0.5))


# --------------------------------------------------------------------------- scenes


class ExactSolvers(NamedTuple):
    """The exact solvers of one dimension: constrained and penalized, and t ↔ λ."""

    constrained: Callable[..., Array]
    penalized: Callable[..., Array]
    lambda_for_budget: Callable[..., Any]
    budget_for_lambda: Callable[..., Any]


SOLVERS_2D = ExactSolvers(solve_constrained, solve_penalized, lambda_for_budget, budget_for_lambda)


BALL_LAMBDA_RANGE = (0.01, 10.0)
"""The λ the ball pages (Geometry, Three coefficients) offer besides 0 (no penalty)."""


def drawn_ball_mix(penalty: str, l1_ratio: float) -> float:
    """The mix of the ball drawn for ``penalty``: ρ = 2r/(1 + r) for the elastic net (its
    ball ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t has the penalty's solutions), r itself otherwise.

    Examples
    --------
    >>> drawn_ball_mix("elasticnet", 0.5), drawn_ball_mix("l1", 0.5)
    (0.6666666666666666, 0.5)
    """
    return ball_mix_for_l1_ratio(l1_ratio) if penalty == "elasticnet" else float(l1_ratio)


def budget_or_lambda(t: float | None, lam: float | None) -> tuple[str, float]:
    """Which of the budget t and λ sets the balls, ``"t"`` or ``"lam"``, and its value.

    The scene and ▶ Play functions take both as optional keywords; exactly one must be given.

    Raises
    ------
    ValueError
        If both or neither are given.

    Examples
    --------
    >>> budget_or_lambda(None, 0.5)
    ('lam', 0.5)
    """
    if (t is None) == (lam is None):
        raise ValueError("Give exactly one of the budget t and the penalty strength λ.")
    return ("t", float(t)) if t is not None else ("lam", float(lam))  # type: ignore[arg-type]


def solve_either_way(
    loss: Any,
    penalty: str,
    t: float | None,
    lam: float | None,
    l1_ratio: float,
    solvers: ExactSolvers = SOLVERS_2D,
) -> tuple[float, float, float, Array]:
    """(t, λ, ball mix, β̂) for one penalty, from either the budget t or λ.

    The constrained solution at t is read as the penalized one at the matching λ, and the
    other way round; the elastic-net ball's mix ρ = 2r/(1 + r) has the same solutions as
    the penalty with mix r. ``loss`` is 2-D or 3-D, ``solvers`` the matching
    :class:`ExactSolvers`.

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-45.0)
    >>> t, lam, mix, beta = solve_either_way(loss, "l1", 1.0, None, 0.5)
    >>> t, lam, beta.tolist()
    (1.0, 4.0, [1.0, 0.0])
    """
    c, h = loss.center, loss.hessian
    mix = drawn_ball_mix(penalty, l1_ratio)
    if t is not None:
        beta = solvers.constrained(c, h, penalty, float(t), mix)
        lam_value = float(solvers.lambda_for_budget(c, h, penalty, float(t), l1_ratio))
        return float(t), lam_value, mix, beta
    beta = solvers.penalized(c, h, penalty, float(lam), l1_ratio)  # type: ignore[arg-type]
    budget = float(solvers.budget_for_lambda(c, h, penalty, float(lam), l1_ratio))  # type: ignore[arg-type]
    return budget, float(lam), mix, beta  # type: ignore[arg-type]


def _solve_one(
    loss: QuadraticLoss,
    penalty: str,
    t: float | None,
    lam: float | None,
    l1_ratio: float,
    q: float,
) -> tuple[float, float | None, float, Array]:
    """(t, λ, ball mix, β̂) for one penalty, from either the budget t or λ (t only for Lq)."""
    if penalty == "lq":
        if t is None:
            raise ValueError(
                "The Lq ball is set by its budget t; "
                "λ is offered only for L1, L2 and the elastic net."
            )
        return float(t), None, l1_ratio, solve_lq(loss.center, loss.hessian, q, float(t))
    return solve_either_way(loss, penalty, t, lam, l1_ratio)


def geometry_scenes(
    loss: QuadraticLoss,
    penalties: Sequence[str],
    *,
    t: float | None = None,
    lam: float | None = None,
    l1_ratio: float = 0.5,
    q: float = 1.0,
    show_path: bool = False,
    grid_points: int = 121,
) -> tuple[GeometryScene, ...]:
    """Compute one scene per penalty on the same loss, sharing one view and one grid.

    Give exactly one of ``t`` (the same budget for every ball) or ``lam`` (the same λ
    for every penalty; each ball then has its own budget).

    Parameters
    ----------
    loss : QuadraticLoss
        The 2-D loss.
    penalties : sequence of {"l1", "l2", "elasticnet", "lq"}
        One scene per entry, e.g. ``("l1", "l2")`` for the side-by-side view.
    t : float, optional
        The budget t ≥ 0.
    lam : float, optional
        The penalty strength λ ≥ 0 (not for ``"lq"``).
    l1_ratio : float, default 0.5
        The penalized elastic-net mix r; the drawn ball has mix 2r/(1 + r).
    q : float, default 1.0
        The exponent of the Lq ball.
    show_path : bool, default False
        Also compute the solution path for t from 0 to g(c).
    grid_points : int, default 121
        Points per axis of the loss grid.

    Returns
    -------
    tuple of GeometryScene
        In the order of ``penalties``.

    Raises
    ------
    ValueError
        If both or neither of ``t`` and ``lam`` are given, or for invalid inputs
        (see the solvers in :mod:`regviz.core.geometry`).
    """
    budget_or_lambda(t, lam)  # refuses both or neither
    for penalty in penalties:
        if penalty not in SCENE_PENALTIES:
            raise ValueError(
                f"Unknown penalty {penalty!r}: choose one of {', '.join(SCENE_PENALTIES)}."
            )
    solved = [_solve_one(loss, p, t, lam, l1_ratio, q) for p in penalties]
    balls = [
        ball_boundary(p, budget, l1_ratio=mix, q=q, n_points=BALL_POINTS)
        for p, (budget, _, mix, _) in zip(penalties, solved, strict=True)
    ]
    half = view_half_width(loss.center, balls)
    axis = np.linspace(-half, half, int(grid_points))
    grid = loss.on_grid(axis, axis)
    levels = log_levels(float(grid.max() - loss.minimum))
    scenes = []
    for penalty, (budget, lam_value, mix, beta), ball in zip(penalties, solved, balls, strict=True):
        binding = bool(float(constraint_value(loss.center, penalty, mix, q)) > budget)
        path_budgets = path = None
        if show_path:
            if penalty == "lq":
                path_budgets, path = lq_solution_path(loss, q)
            else:
                path_budgets, path = solution_path(loss.center, loss.hessian, penalty, l1_ratio)
        scenes.append(
            GeometryScene(
                loss=loss,
                penalty=penalty,
                t=budget,
                lam=lam_value,
                l1_ratio=float(l1_ratio),
                ball_mix=float(mix),
                q=float(q),
                beta=np.asarray(beta, dtype=float),
                binding=binding,
                ball=ball,
                tangent=tangent_ellipse(loss, beta, CURVE_POINTS),
                path_budgets=path_budgets,
                path=path,
                grid_b1=axis,
                grid_b2=axis,
                loss_grid=grid,
                levels=levels,
                half_width=half,
                zero_below=_zero_below(loss, penalty, mix),
            )
        )
    return tuple(scenes)


@dataclass(frozen=True)
class BudgetSweep:
    """The frames of the Play animation: β̂, the ball and the tangent contour as t grows.

    Attributes
    ----------
    penalty : str
    budgets : ndarray, shape (n_frames,)
        From 0 to the budget at which the ball reaches the unpenalized optimum.
    lams : ndarray, shape (n_frames,)
        The λ of each frame (``inf`` at t = 0 for L2; NaN for the Lq ball).
    betas : ndarray, shape (n_frames, 2)
    balls : tuple of ndarray
        The ball of each frame (5 points for the diamond, FRAME_POINTS otherwise).
    tangents : tuple of ndarray
        The contour through each β̂ (an empty array where β̂ is the optimum).
    """

    penalty: str
    budgets: Array
    lams: Array
    betas: Array
    balls: tuple[Array, ...]
    tangents: tuple[Array, ...]


def budget_sweep(
    loss: QuadraticLoss,
    penalty: str,
    *,
    l1_ratio: float = 0.5,
    q: float = 1.0,
    n_frames: int = 21,
) -> BudgetSweep:
    """Solve the page's problem for ``n_frames`` budgets from 0 to the optimum's budget.

    Computed once per setting, the frames let the browser play the whole sweep with no
    further work on the server.

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-45.0)
    >>> sweep = budget_sweep(loss, "l1", n_frames=5)
    >>> sweep.budgets.tolist()
    [0.0, 0.75, 1.5, 2.25, 3.0]
    >>> [int(np.sum(b == 0.0)) for b in sweep.betas]  # exact zeros along the way
    [2, 1, 0, 0, 0]
    """
    if penalty not in SCENE_PENALTIES:
        choices = ", ".join(SCENE_PENALTIES)
        raise ValueError(f"Unknown penalty {penalty!r}: choose one of {choices}.")
    mix = drawn_ball_mix(penalty, l1_ratio)
    t_end = float(constraint_value(loss.center, penalty, mix, q))
    budgets = np.linspace(0.0, t_end, int(n_frames))
    c, h = loss.center, loss.hessian
    if penalty == "lq":
        betas = np.array([solve_lq(c, h, q, float(t)) for t in budgets])
        lams = np.full(len(budgets), np.nan)
    else:
        betas = solve_constrained(c[None], h[None], penalty, budgets, mix)
        lams = np.array([lambda_for_budget(c, h, penalty, float(t), l1_ratio) for t in budgets])
    # Frames travel to the browser on every move: the diamond needs only its 4 corners,
    # curves a point every 6°.
    ball_points = 5 if penalty == "l1" else FRAME_POINTS
    balls = tuple(
        ball_boundary(penalty, float(t), l1_ratio=mix, q=q, n_points=ball_points) for t in budgets
    )
    tangents = tuple(
        curve
        if (curve := tangent_ellipse(loss, beta, FRAME_POINTS)) is not None
        else np.empty((0, 2))
        for beta in betas
    )
    return BudgetSweep(penalty, budgets, lams, np.asarray(betas, dtype=float), balls, tangents)


def contour_rings(loss: QuadraticLoss, levels: ArrayLike, n_points: int = CURVE_POINTS) -> Array:
    """The loss contours {β : L(β) − L_min = ℓ} for each level ℓ, as exact ellipses.

    Drawn as curves rather than a contour of a grid: exact, and a few kilobytes instead of
    a 121 × 121 grid.

    Returns
    -------
    ndarray, shape (len(levels), n_points, 2)

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([0.0, 0.0])
    >>> rings = contour_rings(loss, [0.5, 2.0], n_points=5)
    >>> np.round(np.hypot(*rings[:, 0].T), 6).tolist()  # radii √(2ℓ) of round bowls
    [1.0, 2.0]
    """
    mu, vectors = np.linalg.eigh(loss.hessian)
    theta = np.linspace(0.0, 2.0 * np.pi, int(n_points))
    unit = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    shape = (unit / np.sqrt(mu)) @ vectors.T
    radii = np.sqrt(2.0 * np.asarray(levels, dtype=float))
    return loss.center + radii[:, None, None] * shape[None]


def geometry_scene(loss: QuadraticLoss, penalty: str, **kwargs: object) -> GeometryScene:
    """One scene; the keyword arguments are those of :func:`geometry_scenes`."""
    return geometry_scenes(loss, (penalty,), **kwargs)[0]  # type: ignore[arg-type]


# --------------------------------------------------------------------------- words


def format_lambda(lam: float | None) -> str:
    """λ for people: 3 significant digits, ∞, or "not defined" for the Lq ball."""
    if lam is None:
        return "not defined"
    if math.isinf(lam):
        return "∞"
    return f"{lam:.3g}"


def coefficient_metrics(beta: ArrayLike) -> list[Readout]:
    """Each coefficient of β̂ as a number under a figure; an exact zero is shown as 0 with
    the note "exactly" (a short value: it must read in a narrow column on a projector).

    Examples
    --------
    >>> [tuple(r[:3]) for r in coefficient_metrics([0.0, 1.23456, -0.5])]
    [('β̂₁', '0', 'exactly'), ('β̂₂', '1.235', None), ('β̂₃', '-0.500', None)]
    """
    subscripts = "₁₂₃₄₅₆₇₈₉"
    return [
        Readout(f"β̂{subscripts[k]}", "0", note="exactly")
        if value == 0.0
        else Readout(f"β̂{subscripts[k]}", f"{value:.3f}")
        for k, value in enumerate(np.asarray(beta, dtype=float))
    ]


def solution_metrics(scene: GeometryScene) -> list[Readout]:
    """The numbers under a Geometry panel: the budget t, the matching λ and β̂.

    Examples
    --------
    >>> from regviz.core.losses import QuadraticLoss
    >>> loss = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-60.0)
    >>> [(r.label, r.value) for r in solution_metrics(geometry_scene(loss, "l1", t=1.0))]
    [('budget t', '1'), ('penalty λ', '4.55'), ('β̂₁', '1.000'), ('β̂₂', '0')]
    """
    return [
        Readout("budget t", f"{scene.t:.3g}"),
        Readout("penalty λ", format_lambda(scene.lam)),
        *coefficient_metrics(scene.beta),
    ]


def coef_text(beta: ArrayLike) -> str:
    """Coefficients for a sentence: exact zeros as 0, the others to two decimals.

    Examples
    --------
    >>> coef_text([1.0, 0.0, -0.123])
    '(1.00, 0, -0.12)'
    """
    return "(" + ", ".join("0" if b == 0.0 else f"{b:.2f}" for b in beta) + ")"


def unbound_text(scene: Any, ball: str) -> str | None:
    """The opening sentence when the ball is a point (t = 0) or does not bind, else None.

    ``scene`` is a 2-D or 3-D scene, ``ball`` the name of its ball.

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([0.5, 0.2])
    >>> unbound_text(geometry_scene(loss, "l1", t=1.0), "diamond")[:36]
    '**The constraint does not bind.** Th'
    """
    if scene.t == 0:
        return f"With t = 0 the ball is a single point: β̂ = {coef_text(np.zeros(len(scene.beta)))}."
    if not scene.binding:
        return (
            f"**The constraint does not bind.** The unpenalized optimum "
            f"c = {coef_text(scene.loss.center)} lies inside the {ball} with t = {scene.t:.2f}, "
            "so β̂ = c and nothing is shrunk. Lower t to see the penalty act."
        )
    return None


def readings_text(scene: Any) -> list[str]:
    """The sentences reading a 2-D or 3-D scene's β̂ both ways: budget t and penalty λ.

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-45.0)
    >>> readings_text(geometry_scene(loss, "l1", t=1.0))[0][:40]
    'Budget t = 1 and penalty λ = 4 are two r'
    """
    parts = [
        f"Budget t = {scene.t:.3g} and penalty λ = {format_lambda(scene.lam)} are two "
        "readings of the same solution: the penalized problem with this λ returns the same β̂."
    ]
    if scene.penalty == "elasticnet":
        parts.append(
            f"(The ball is drawn with mix ρ = 2r/(1 + r) = {scene.ball_mix:.2f}, which has the "
            f"same solutions as the penalty with l1_ratio r = {scene.l1_ratio:g}.)"
        )
    return parts


def comparison_text(scenes: Sequence[Any], subject: str, zeros: Callable[[Any], str]) -> str:
    """One sentence comparing several 2-D or 3-D scenes on the same ``subject``.

    ``zeros(scene)`` says how many coefficients are exactly 0.

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-45.0)
    >>> comparison_text([geometry_scene(loss, "l1", t=1.0)], "loss", lambda s: "one zero")
    'Same loss, side by side — L1 (lasso): β̂ = (1.00, 0), one zero (t = 1, λ = 4).'
    """
    bits = [
        f"{scene.name}: β̂ = {coef_text(scene.beta)}, {zeros(scene)} (t = {scene.t:.3g}, "
        f"λ = {format_lambda(scene.lam)})"
        for scene in scenes
    ]
    return f"Same {subject}, side by side — " + "; ".join(bits) + "."


def _pull_text(scene: GeometryScene) -> str:
    """Why a corner is optimal: the loss's pull H(c − β̂) lies in the corner's cone."""
    pull = scene.loss.hessian @ (scene.loss.center - scene.beta)
    i = 0 if scene.zeroed[1] else 1  # the non-zero coordinate
    j = 1 - i
    return (
        f"The loss pulls β̂ towards the optimum with H(c − β̂) = ({pull[0]:.2f}, {pull[1]:.2f}); "
        f"since |pull on β{'₁₂'[j]}| = {abs(pull[j]):.2f} is at most "
        f"{'' if scene.penalty == 'l1' else 'a fixed fraction of '}|pull on β{'₁₂'[i]}| = "
        f"{abs(pull[i]):.2f}, the pull points into the corner's cone and no move along the "
        "ball lowers the loss."
    )


def describe_scene(scene: GeometryScene) -> str:
    """The "What to notice" text for one scene, computed from its numbers (Markdown).

    Parameters
    ----------
    scene : GeometryScene
        The scene to describe.

    Returns
    -------
    str
        A few sentences: where the solution is, whether a coefficient is exactly zero
        and why, and the λ that matches the budget t.
    """
    ball = BALL_NAMES[scene.penalty]
    parts = []
    if (opening := unbound_text(scene, ball)) is not None:
        parts.append(opening)
    elif any(scene.zeroed):
        zero = " and ".join(f"β{'₁₂'[k]}" for k in range(2) if scene.zeroed[k])
        corner = "corner" if scene.penalty in ("l1", "elasticnet") else "cusp"
        parts.append(
            f"**{zero} = 0 exactly.** The smallest loss contour that reaches the {ball} touches "
            f"it at a {corner} on the axis, β̂ = {coef_text(scene.beta)}. Corners stick out "
            "towards the contours, so a whole range of contour tilts first touches the ball there."
        )
        if scene.penalty in ("l1", "elasticnet"):
            parts.append(_pull_text(scene))
    else:
        smallest = float(np.abs(scene.beta).min())
        if scene.penalty == "l2":
            parts.append(
                f"**No coefficient is zero.** The circle has no corners: the contour touches it "
                f"where it is tangent, at β̂ = {coef_text(scene.beta)}. Both coefficients are "
                f"shrunk (the smaller is {smallest:.2f}), but ridge zeroes a coefficient only "
                "if its unpenalized value is already 0."
            )
        else:
            parts.append(
                f"**No coefficient is zero at this budget.** The tangent contour touches the "
                f"{ball} on an edge or arc, at β̂ = {coef_text(scene.beta)} (smallest "
                f"|β̂ᵢ| = {smallest:.2f})."
            )
        if scene.zero_below is not None:
            parts.append(
                f"Lower t below ≈ {scene.zero_below:.2f} and the touching point reaches a "
                "corner: one coefficient becomes exactly 0."
            )
    if scene.penalty == "lq":
        if scene.q < 1:
            parts.append(
                f"The Lq ball with q = {scene.q:g} < 1 is not convex (its cusps stick out even "
                "further than the diamond's corners), so the solver searches the whole boundary "
                "for the global optimum instead of following the slope."
            )
        parts.append("(λ is not shown for Lq balls: set the budget t.)")
    else:
        parts += readings_text(scene)
    return " ".join(parts)


def describe_comparison(scenes: Sequence[GeometryScene]) -> str:
    """One sentence comparing the zeros of several scenes (e.g. L1 next to L2)."""

    def zeros(scene: GeometryScene) -> str:
        n_zero = sum(scene.zeroed)
        return "no exact zero" if n_zero == 0 else f"{n_zero} of 2 coefficients exactly 0"

    return comparison_text(scenes, "loss", zeros)


# --------------------------------------------------------------------------- presets

# The page's defaults and its presets, by control name (regviz.ui.specs.geometry). "c1",
# "c2" are the loss center in bowl mode and the true coefficients in data mode. The page
# opens on its point: the diamond and the circle side by side on the same loss.
DEFAULTS: dict[str, object] = {
    "penalty": "l1",
    "side_by_side": True,
    "mode": "t",
    "t": 1.0,
    "lam": 1.0,
    "l1_ratio": 0.5,
    "q": 0.5,
    "path": True,
    "source": "bowl",
    "c1": 2.0,
    "c2": 1.0,
    "kappa": 4.0,
    "angle": -60.0,
    "n": 50,
    "rho": 0.7,
    "seed": 0,
}

PRESETS: dict[str, dict[str, object]] = {
    # Tilted ellipses: the first contour to reach the diamond touches its corner (β₂ = 0),
    # while the circle is touched off the axes.
    "the classic picture": {
        **DEFAULTS,
        "side_by_side": True,
    },
    # One ball at a time, with the 2-D path of β̂ as t grows.
    "one ball and its path": {
        **DEFAULTS,
        "side_by_side": False,
    },
    # Circular contours (uncorrelated features of equal scale): ridge shrinks c straight
    # towards 0, the lasso soft-thresholds and still zeroes the smaller coefficient.
    "round bowl": {
        **DEFAULTS,
        "side_by_side": True,
        "c1": 2.0,
        "c2": 0.6,
        "kappa": 1.0,
        "angle": 0.0,
    },
    # Two strongly correlated features: the lasso keeps one, ridge spreads the weight.
    "correlated features": {
        **DEFAULTS,
        "side_by_side": True,
        "source": "data",
        "rho": 0.9,
    },
}


def loss_for(
    source: str,
    *,
    c1: float,
    c2: float,
    kappa: float,
    angle: float,
    n: int,
    rho: float,
    seed: int,
) -> QuadraticLoss:
    """The page's loss: a bowl from its shape, or least squares on generated data.

    Parameters
    ----------
    source : {"bowl", "data"}
        How the loss is made.
    c1, c2 : float
        The center of the bowl, or the true coefficients that generate the data.
    kappa, angle : float
        Condition number and rotation (degrees) of the bowl (bowl mode only).
    n, rho, seed : int, float, int
        Rows, feature correlation and random seed of the data (data mode only).

    Returns
    -------
    QuadraticLoss
        The loss.
    """
    if source == "bowl":
        return QuadraticLoss.from_bowl([c1, c2], condition_number=kappa, angle_deg=angle)
    if source == "data":
        return data_loss(n_samples=n, correlation=rho, coef=(c1, c2), seed=seed)
    raise ValueError(f"Unknown loss source {source!r}: choose 'bowl' or 'data'.")


# --------------------------------------------------------------------------- words and code


def describe_data(loss: QuadraticLoss, *, n: int, rho: float, coef: Sequence[float]) -> str:
    """The data-mode sentence: the sample, its OLS optimum and the ellipses' shape.

    Examples
    --------
    >>> loss = data_loss(50, 0.7, (2.0, 1.0), seed=0)
    >>> describe_data(loss, n=50, rho=0.7, coef=(2.0, 1.0)).startswith("Data mode: 50 points")
    True
    """
    c = loss.center
    return (
        f"Data mode: {n} points, features with correlation {rho:g}, true β = "
        f"({coef[0]:g}, {coef[1]:g}); the OLS optimum is ({c[0]:.2f}, {c[1]:.2f}) and the "
        f"loss ellipses have condition number {loss.condition_number:.1f}."
    )


def alt_text(scenes: Sequence[GeometryScene]) -> str:
    """A text alternative for the figure that states its key numbers (for screen readers).

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-45.0)
    >>> alt_text([geometry_scene(loss, "l1", t=1.0)])
    'L1 (lasso): β̂ = (1.00, 0.00); β₂ is exactly zero. Budget t = 1, λ = 4.'
    """
    parts = []
    for scene in scenes:
        zeros = [f"β{'₁₂'[k]}" for k in range(2) if scene.zeroed[k]]
        if zeros:
            state = " and ".join(zeros) + (" is" if len(zeros) == 1 else " are") + " exactly zero"
        else:
            state = "no coefficient is exactly zero"
        lam = "" if scene.penalty == "lq" else f", λ = {format_lambda(scene.lam)}"
        parts.append(
            f"{scene.name}: β̂ = ({scene.beta[0]:.2f}, {scene.beta[1]:.2f}); {state}. "
            f"Budget t = {scene.t:.3g}{lam}."
        )
    return " ".join(parts)


def code_snippet(
    scenes: Sequence[GeometryScene],
    *,
    source: str,
    data: Mapping[str, float] | None = None,
) -> str:
    """Runnable code that reproduces β̂ of every scene with regviz's public API.

    For a bowl the snippet calls :func:`regviz.solve_constrained` with the bowl's center
    and Hessian; for data it also fits scikit-learn's ``Lasso`` / ``Ridge`` at the same λ
    on the same data (with the intercept, as the page does).

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-45.0)
    >>> code = code_snippet([geometry_scene(loss, "l1", t=1.0)], source="bowl")
    >>> namespace = {}
    >>> exec(code, namespace)
    β̂ L1 (lasso): [1.0, 0.0]
    """
    c, h = scenes[0].loss.center, scenes[0].loss.hessian
    lines = [
        "import numpy as np",
        "from regviz import solve_constrained",
        "",
        "# The loss ½(β − c)ᵀH(β − c): its center c and Hessian H, as drawn.",
        f"c = np.array([{c[0]!r}, {c[1]!r}])",
        f"H = np.array([[{h[0, 0]!r}, {h[0, 1]!r}], [{h[1, 0]!r}, {h[1, 1]!r}]])",
    ]
    for scene in scenes:
        if scene.penalty == "lq":
            lines += [
                "from regviz.core.geometry import solve_lq",
                f"beta = solve_lq(c, H, q={scene.q!r}, t={scene.t!r})",
            ]
        else:
            mix = f", l1_ratio={scene.ball_mix!r}" if scene.penalty == "elasticnet" else ""
            lines.append(
                f'beta = solve_constrained(c, H, penalty="{scene.penalty}", t={scene.t!r}{mix})'
            )
        lines.append(f'print("β̂ {scene.name}:", np.round(beta, 4).tolist())')
    if source == "data" and data is not None:
        lam_lines = [s for s in scenes if s.penalty in ("l1", "l2") and s.lam and s.binding]
        if lam_lines:
            lines += [
                "",
                "# The same fits with scikit-learn on the same data (λ = alpha; Ridge: n·λ).",
                "from sklearn.linear_model import Lasso, Ridge",
                "from regviz.experiments.geometry_scenes import two_feature_data",
                f"X, y = two_feature_data({int(data['n'])}, {data['rho']!r}, "
                f"({data['c1']!r}, {data['c2']!r}), seed={int(data['seed'])})",
            ]
            for scene in lam_lines:
                if scene.penalty == "l1":
                    model = f"Lasso(alpha={scene.lam!r}, tol=1e-12)"
                else:
                    model = f"Ridge(alpha=len(y) * {scene.lam!r})"
                lines.append(
                    f'print("{scene.name}, scikit-learn:", '
                    f"np.round({model}.fit(X, y).coef_, 4).tolist())"
                )
    return "\n".join(lines)


def solution_table(scenes: Sequence[GeometryScene]) -> pd.DataFrame:
    """The numbers of the figure, one row per ball: t, λ, β̂₁, β̂₂ and how many are exactly 0.

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-45.0)
    >>> solution_table([geometry_scene(loss, "l1", t=1.0)]).loc["L1 (lasso)"].tolist()
    [1.0, 4.0, 1.0, 0.0, 1.0]
    """
    import pandas as pd

    rows = {
        scene.name: {
            "budget t": scene.t,
            "penalty λ": np.nan if scene.lam is None else scene.lam,
            "β̂₁": float(scene.beta[0]),
            "β̂₂": float(scene.beta[1]),
            "exact zeros": int(np.sum(scene.beta == 0.0)),
        }
        for scene in scenes
    }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("ball")
