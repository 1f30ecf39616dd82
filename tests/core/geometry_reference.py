"""Independent references for the 2-D solvers: scipy.optimize and dense boundary search.

Shared by the geometry tests (and usable by any other test that needs a reference).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

SIGNS = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])


def random_problems(
    n: int, seed: int, max_condition: float = 100.0, center_scale: float = 3.0
) -> tuple[np.ndarray, np.ndarray]:
    """Random bowls: centers ~ N(0, scale²), rotated Hessians with condition ≤ max_condition."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(0.0, center_scale, (n, 2))
    angle = rng.uniform(0.0, np.pi, n)
    small = 10 ** rng.uniform(-1, 1, n)
    large = small * 10 ** rng.uniform(0, np.log10(max_condition), n)
    cos, sin = np.cos(angle), np.sin(angle)
    h = np.empty((n, 2, 2))
    h[:, 0, 0] = cos * cos * small + sin * sin * large
    h[:, 1, 1] = sin * sin * small + cos * cos * large
    h[:, 0, 1] = h[:, 1, 0] = cos * sin * (small - large)
    return centers, h


def loss(beta: np.ndarray, center: np.ndarray, hessian: np.ndarray) -> float:
    d = beta - center
    return 0.5 * float(d @ hessian @ d)


def constraint(beta: np.ndarray, penalty: str, t: float, ball_mix: float) -> np.ndarray:
    """Smooth inequality constraints (≥ 0 when feasible) describing each ball."""
    if penalty == "l1":
        return t - SIGNS @ beta
    if penalty == "l2":
        return np.atleast_1d(t * t - beta @ beta)
    return t - (ball_mix * SIGNS @ beta + (1 - ball_mix) * beta @ beta)


def constraint_jac(beta: np.ndarray, penalty: str, ball_mix: float) -> np.ndarray:
    if penalty == "l1":
        return -SIGNS
    if penalty == "l2":
        return -2.0 * beta[None]
    return -(ball_mix * SIGNS + 2.0 * (1 - ball_mix) * beta[None])


def scipy_constrained(
    center: np.ndarray, hessian: np.ndarray, penalty: str, t: float, ball_mix: float = 0.5
) -> np.ndarray:
    """SLSQP with analytic gradients; the L1 ball as the 4 linear constraints ±β₁ ± β₂ ≤ t."""
    result = minimize(
        lambda b: loss(b, center, hessian),
        np.zeros(2),
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
    l1_weight = {"l1": lam, "l2": 0.0, "elasticnet": lam * r}[penalty]
    sq_weight = {"l1": 0.0, "l2": lam, "elasticnet": lam * (1 - r)}[penalty]

    def objective(z: np.ndarray) -> tuple[float, np.ndarray]:
        beta = z[:2] - z[2:]
        grad_beta = hessian @ (beta - center) + sq_weight * beta
        value = loss(beta, center, hessian) + l1_weight * z.sum() + 0.5 * sq_weight * beta @ beta
        return value, np.concatenate([grad_beta + l1_weight, -grad_beta + l1_weight])

    result = minimize(
        objective,
        np.full(4, 0.01),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0, None)] * 4,
        options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 5000},
    )
    return result.x[:2] - result.x[2:]


def polish_penalized(
    beta: np.ndarray, center: np.ndarray, hessian: np.ndarray, penalty: str, lam: float, r: float
) -> np.ndarray:
    """Nelder-Mead on β itself, from a given start: no gradient needed at the kinks.

    L-BFGS-B can stall on ill-conditioned bowls; this polishes its answer (slowly, so
    only where it disagrees with the solver under test).
    """
    return minimize(
        lambda b: penalized_objective(b, center, hessian, penalty, lam, r),
        beta,
        method="Nelder-Mead",
        options={"xatol": 1e-12, "fatol": 1e-16, "maxiter": 4000},
    ).x


def boundary_search(
    center: np.ndarray, hessian: np.ndarray, radius_fn, n_angles: int = 400_001
) -> tuple[np.ndarray, float]:
    """The lowest loss on a star-shaped boundary ρ(θ), by dense search over angles."""
    theta = np.linspace(0.0, 2.0 * np.pi, n_angles)
    rho = radius_fn(theta)
    points = np.stack([rho * np.cos(theta), rho * np.sin(theta)], axis=1)
    d = points - center
    values = 0.5 * np.einsum("ni,ij,nj->n", d, hessian, d)
    k = int(np.argmin(values))
    return points[k], float(values[k])
