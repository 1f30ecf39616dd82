"""Independent references for the 2-D solvers: random bowls, polishing, boundary search.

The scipy references of both dimensions (SLSQP, L-BFGS-B) are in ``bowl_reference.py``.
Shared by the geometry tests (and usable by any other test that needs a reference).
"""

from __future__ import annotations

import numpy as np
from bowl_reference import penalized_objective
from scipy.optimize import minimize


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
