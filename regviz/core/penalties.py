"""Penalties on a coefficient vector: values, (sub)gradients, proximal operators, unit balls.

Two readings of each penalty are used in regviz (see :mod:`regviz.core.conventions`):

- the *penalized* form adds λ·P(β) to the loss, with
  P = ‖β‖₁ (L1), ½‖β‖₂² (L2) or r‖β‖₁ + ½(1 − r)‖β‖₂² (elastic net);
- the *constrained* form bounds g(β) ≤ t, with
  g = ‖β‖₁ (the diamond), ‖β‖₂ (the circle), r‖β‖₁ + (1 − r)‖β‖₂² (elastic net,
  Zou & Hastie) or ‖β‖_q (the Lq ball, q in (0, ∞]).

All functions work on the last axis, so ``beta`` may be one vector of shape (p,) or a
batch of shape (N, p).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

PENALTY_KINDS = ("l1", "l2", "elasticnet")


def check_penalty(penalty: str) -> str:
    """Return ``penalty`` if it is ``"l1"``, ``"l2"`` or ``"elasticnet"``, else raise."""
    if penalty not in PENALTY_KINDS:
        raise ValueError(
            f"Unknown penalty {penalty!r}: choose 'l1' (lasso), 'l2' (ridge) or 'elasticnet'."
        )
    return penalty


def check_l1_ratio(l1_ratio: float) -> float:
    """Return ``l1_ratio`` as a float if it lies in [0, 1], else raise ``ValueError``."""
    r = float(l1_ratio)
    if not (0.0 <= r <= 1.0):
        raise ValueError(f"l1_ratio must be between 0 (ridge) and 1 (lasso); got {l1_ratio}.")
    return r


def check_q(q: float) -> float:
    """Return ``q`` as a float if it is a valid Lq exponent, q in (0, ∞], else raise."""
    q = float(q)
    if np.isnan(q) or q <= 0:
        raise ValueError(f"The exponent q of an Lq ball must be positive; got {q}.")
    return q


def l1_norm(beta: ArrayLike) -> NDArray[np.float64]:
    """‖β‖₁, the sum of absolute values, over the last axis."""
    return np.sum(np.abs(np.asarray(beta, dtype=float)), axis=-1)


def l2_norm(beta: ArrayLike) -> NDArray[np.float64]:
    """‖β‖₂, the Euclidean length, over the last axis."""
    return np.sqrt(np.sum(np.square(np.asarray(beta, dtype=float)), axis=-1))


def lq_norm(beta: ArrayLike, q: float) -> NDArray[np.float64]:
    """‖β‖_q = (Σ|βᵢ|^q)^(1/q) over the last axis; q = ∞ gives max |βᵢ|.

    For q < 1 this is a quasi-norm: its unit ball is not convex.
    """
    q = check_q(q)
    a = np.abs(np.asarray(beta, dtype=float))
    if np.isinf(q):
        return np.max(a, axis=-1)
    return np.sum(a**q, axis=-1) ** (1.0 / q)


def penalty_value(beta: ArrayLike, penalty: str, l1_ratio: float = 0.5) -> NDArray[np.float64]:
    """P(β) of the penalized form: ‖β‖₁, ½‖β‖₂² or r‖β‖₁ + ½(1 − r)‖β‖₂².

    Parameters
    ----------
    beta : array_like, shape (..., p)
        Coefficients.
    penalty : {"l1", "l2", "elasticnet"}
        Which penalty.
    l1_ratio : float, default 0.5
        The mix r for the elastic net (ignored otherwise).

    Returns
    -------
    ndarray, shape (...)
        The penalty of each vector.

    Examples
    --------
    >>> float(penalty_value([3.0, -4.0], "l2"))
    12.5
    """
    check_penalty(penalty)
    if penalty == "l1":
        return l1_norm(beta)
    half_sq = 0.5 * l2_norm(beta) ** 2
    if penalty == "l2":
        return half_sq
    r = check_l1_ratio(l1_ratio)
    return r * l1_norm(beta) + (1.0 - r) * half_sq


def constraint_value(
    beta: ArrayLike, penalty: str, l1_ratio: float = 0.5, q: float = 2.0
) -> NDArray[np.float64]:
    """g(β) of the constrained form: ‖β‖₁, ‖β‖₂, r‖β‖₁ + (1 − r)‖β‖₂², or ‖β‖_q.

    Parameters
    ----------
    beta : array_like, shape (..., p)
        Coefficients.
    penalty : {"l1", "l2", "elasticnet", "lq"}
        Which ball.
    l1_ratio : float, default 0.5
        The mix r of the elastic-net ball (ignored otherwise).
    q : float, default 2.0
        The exponent of the Lq ball (used only for ``"lq"``).

    Returns
    -------
    ndarray, shape (...)
        The value that the budget t bounds.
    """
    if penalty == "lq":
        return lq_norm(beta, q)
    check_penalty(penalty)
    if penalty == "l1":
        return l1_norm(beta)
    if penalty == "l2":
        return l2_norm(beta)
    r = check_l1_ratio(l1_ratio)
    return r * l1_norm(beta) + (1.0 - r) * l2_norm(beta) ** 2


def subgradient(beta: ArrayLike, penalty: str, l1_ratio: float = 0.5) -> NDArray[np.float64]:
    """A subgradient of P(β) (penalized form); at a zero of L1 it returns 0.

    0 is the minimum-norm element of the L1 subdifferential [−1, 1] at βᵢ = 0,
    which is what a subgradient method that "does not know" about sparsity uses.
    """
    check_penalty(penalty)
    b = np.asarray(beta, dtype=float)
    if penalty == "l1":
        return np.sign(b)
    if penalty == "l2":
        return b.copy()
    r = check_l1_ratio(l1_ratio)
    return r * np.sign(b) + (1.0 - r) * b


def soft_threshold(v: ArrayLike, threshold: float | ArrayLike) -> NDArray[np.float64]:
    """Soft-thresholding S(v, τ) = sign(v)·max(|v| − τ, 0): the proximal operator of τ‖·‖₁.

    Values with |v| ≤ τ come out as exactly 0.0.

    Examples
    --------
    >>> soft_threshold([3.0, -0.5, -2.0], 1.0).tolist()
    [2.0, 0.0, -1.0]
    """
    v = np.asarray(v, dtype=float)
    # Adding 0.0 turns the −0.0 of sign(−x)·0 into a plain 0.0.
    return np.sign(v) * np.maximum(np.abs(v) - threshold, 0.0) + 0.0


def prox(v: ArrayLike, step: float, penalty: str, l1_ratio: float = 0.5) -> NDArray[np.float64]:
    """Proximal operator of step·P: argmin_β ½‖β − v‖² + step·P(β).

    L1 soft-thresholds (exact zeros), L2 shrinks by the factor 1/(1 + step) (never
    zero), the elastic net does both: S(v, step·r) / (1 + step·(1 − r)).

    Parameters
    ----------
    v : array_like
        The point to map.
    step : float
        Non-negative step size times λ.
    penalty : {"l1", "l2", "elasticnet"}
        Which penalty.
    l1_ratio : float, default 0.5
        The elastic-net mix r.

    Returns
    -------
    ndarray
        The proximal point, same shape as ``v``.
    """
    check_penalty(penalty)
    if step < 0 or not np.isfinite(step):
        raise ValueError(f"The proximal step must be a finite non-negative number; got {step}.")
    v = np.asarray(v, dtype=float)
    if penalty == "l1":
        return soft_threshold(v, step)
    if penalty == "l2":
        return v / (1.0 + step)
    r = check_l1_ratio(l1_ratio)
    return soft_threshold(v, step * r) / (1.0 + step * (1.0 - r))


def _unit_directions(theta: ArrayLike) -> NDArray[np.float64]:
    """(cos θ, sin θ) with the 1e-16 residue of cos(π/2) etc. snapped to an exact 0.

    Without this, points meant to lie on an axis are off it by ~1e-16, which the
    q < 1 balls (with their vertical tangent at the axes) amplify to ~1e-8.
    """
    theta = np.asarray(theta, dtype=float)
    u = np.stack([np.cos(theta), np.sin(theta)], axis=-1)
    u[np.abs(u) < 1e-15] = 0.0
    return u


def ball_radius(
    theta: ArrayLike, penalty: str, t: float = 1.0, l1_ratio: float = 0.5, q: float = 2.0
) -> NDArray[np.float64]:
    """Distance from the origin to the boundary of the budget-t ball along angle θ.

    Every ball here is star-shaped around the origin, so its boundary is the
    polar curve ρ(θ)·(cos θ, sin θ).

    Parameters
    ----------
    theta : array_like
        Angles in radians.
    penalty : {"l1", "l2", "elasticnet", "lq"}
        Which ball (constrained form, see :func:`constraint_value`).
    t : float, default 1.0
        The budget.
    l1_ratio : float, default 0.5
        The mix r of the elastic-net ball.
    q : float, default 2.0
        The exponent of the Lq ball.

    Returns
    -------
    ndarray
        ρ(θ), the same shape as ``theta``.
    """
    if t < 0 or not np.isfinite(t):
        raise ValueError(f"The budget t must be a finite non-negative number; got {t}.")
    u = _unit_directions(theta)
    if penalty == "lq":
        return t / lq_norm(u, q)
    check_penalty(penalty)
    if penalty == "l1":
        return t / l1_norm(u)
    if penalty == "l2":
        return np.full(theta.shape, float(t))
    r = check_l1_ratio(l1_ratio)
    a = l1_norm(u)
    if r == 1.0:
        return t / a
    # r·ρ·a + (1 − r)·ρ² = t, the positive root, written to avoid cancellation.
    return 2.0 * t / (r * a + np.sqrt((r * a) ** 2 + 4.0 * (1.0 - r) * t))


def ball_boundary(
    penalty: str, t: float = 1.0, l1_ratio: float = 0.5, q: float = 2.0, n_points: int = 721
) -> NDArray[np.float64]:
    """Points on the boundary of the budget-t ball, as a closed curve for plotting.

    The angles include every multiple of π/2 (when ``n_points − 1`` is a multiple
    of 4), so the corners of the diamond are drawn exactly.

    Parameters
    ----------
    penalty, t, l1_ratio, q
        Which ball, its budget, the elastic-net mix r and the Lq exponent, as in
        :func:`ball_radius`.
    n_points : int, default 721
        Number of points; the first and the last coincide.

    Returns
    -------
    ndarray, shape (n_points, 2)
        The curve.

    Examples
    --------
    >>> ball_boundary("l1", t=2.0, n_points=5).round(12).tolist()
    [[2.0, 0.0], [0.0, 2.0], [-2.0, 0.0], [0.0, -2.0], [2.0, 0.0]]
    """
    theta = np.linspace(0.0, 2.0 * np.pi, int(n_points))
    rho = ball_radius(theta, penalty, t=t, l1_ratio=l1_ratio, q=q)
    points = rho[:, None] * _unit_directions(theta)
    points[-1] = points[0]
    return points
