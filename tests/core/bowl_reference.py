"""Independent references for the exact bowl solvers, in any dimension: scipy.optimize.

The dimension is read off the center. Shared by the 2-D and 3-D geometry tests; the
dimension-specific references (random bowls, polishing, boundary search, scikit-learn)
are in ``geometry_reference.py`` and ``geometry3d_reference.py``.

- Constrained form: SLSQP with analytic gradients, the L1 ball written as its 2^p linear
  constraints sᵀβ ≤ t (one per sign pattern s), the L2 ball as t² − ‖β‖² ≥ 0 and the
  elastic-net ball as its 2^p smooth pieces t − ρ·sᵀβ − (1 − ρ)‖β‖² ≥ 0 (their minimum
  over s is exactly t − ρ‖β‖₁ − (1 − ρ)‖β‖²). On ill-conditioned bowls SLSQP in β stops
  early; ``whiten=True`` runs it in whitened coordinates z = R(β − c), H = RᵀR
  (Cholesky), where the loss is ½‖z‖² (perfectly conditioned) and the constraints stay
  smooth.
- Penalized form: L-BFGS-B on the split β = u − v (u, v ≥ 0), which makes ‖β‖₁ smooth.
"""

from __future__ import annotations

from functools import cache
from itertools import product

import numpy as np
from scipy.optimize import minimize


@cache
def signs(dim: int) -> np.ndarray:
    """The 2^dim sign patterns, shape (2^dim, dim): the normals of the L1 ball's faces."""
    return np.array(list(product((1.0, -1.0), repeat=dim)))


def loss(beta: np.ndarray, center: np.ndarray, hessian: np.ndarray) -> float:
    d = beta - center
    return 0.5 * float(d @ hessian @ d)


def constraint(beta: np.ndarray, penalty: str, t: float, ball_mix: float) -> np.ndarray:
    """Smooth inequality constraints (≥ 0 when feasible) describing each ball."""
    s = signs(len(beta))
    if penalty == "l1":
        return t - s @ beta
    if penalty == "l2":
        return np.atleast_1d(t * t - beta @ beta)
    return t - (ball_mix * s @ beta + (1 - ball_mix) * beta @ beta)


def constraint_jac(beta: np.ndarray, penalty: str, ball_mix: float) -> np.ndarray:
    s = signs(len(beta))
    if penalty == "l1":
        return -s
    if penalty == "l2":
        return -2.0 * beta[None]
    return -(ball_mix * s + 2.0 * (1 - ball_mix) * beta[None])


def scipy_constrained(
    center: np.ndarray,
    hessian: np.ndarray,
    penalty: str,
    t: float,
    ball_mix: float = 0.5,
    whiten: bool = False,
) -> np.ndarray:
    """SLSQP with analytic gradients, in β or in whitened coordinates z = R(β − c)."""
    if whiten:
        r = np.linalg.cholesky(hessian).T  # H = RᵀR
        r_inv = np.linalg.inv(r)

        def to_beta(z: np.ndarray) -> np.ndarray:
            return center + r_inv @ z

        result = minimize(
            lambda z: 0.5 * z @ z,
            r @ -center,  # z at β = 0, which is feasible
            jac=lambda z: z,
            method="SLSQP",
            constraints=[
                {
                    "type": "ineq",
                    "fun": lambda z: constraint(to_beta(z), penalty, t, ball_mix),
                    "jac": lambda z: constraint_jac(to_beta(z), penalty, ball_mix) @ r_inv,
                }
            ],
            options={"ftol": 1e-16, "maxiter": 1000},
        )
        return to_beta(result.x)
    result = minimize(
        lambda b: loss(b, center, hessian),
        np.zeros(len(center)),
        jac=lambda b: hessian @ (b - center),
        method="SLSQP",
        constraints=[
            {
                "type": "ineq",
                "fun": lambda b: constraint(b, penalty, t, ball_mix),
                "jac": lambda b: constraint_jac(b, penalty, ball_mix),
            }
        ],
        options={"ftol": 1e-16, "maxiter": 1000},
    )
    return result.x


def penalized_objective(
    beta: np.ndarray, center: np.ndarray, hessian: np.ndarray, penalty: str, lam: float, r: float
) -> float:
    l1, sq = np.abs(beta).sum(), beta @ beta
    p = {"l1": l1, "l2": 0.5 * sq, "elasticnet": r * l1 + 0.5 * (1 - r) * sq}[penalty]
    return loss(beta, center, hessian) + lam * p


def scipy_penalized(
    center: np.ndarray, hessian: np.ndarray, penalty: str, lam: float, r: float = 0.5
) -> np.ndarray:
    """L-BFGS-B on the split β = u − v (u, v ≥ 0), which makes the L1 term smooth."""
    dim = len(center)
    l1_weight = {"l1": lam, "l2": 0.0, "elasticnet": lam * r}[penalty]
    sq_weight = {"l1": 0.0, "l2": lam, "elasticnet": lam * (1 - r)}[penalty]

    def objective(z: np.ndarray) -> tuple[float, np.ndarray]:
        beta = z[:dim] - z[dim:]
        grad_beta = hessian @ (beta - center) + sq_weight * beta
        value = loss(beta, center, hessian) + l1_weight * z.sum() + 0.5 * sq_weight * beta @ beta
        return value, np.concatenate([grad_beta + l1_weight, -grad_beta + l1_weight])

    result = minimize(
        objective,
        np.full(2 * dim, 0.01),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0, None)] * (2 * dim),
        options={"ftol": 1e-15, "gtol": 1e-11, "maxiter": 10_000},
    )
    return result.x[:dim] - result.x[dim:]
