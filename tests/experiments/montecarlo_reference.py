"""Independent references for the Monte Carlo tests, in 2-D and 3-D: scipy's SLSQP.

The dimension is read off the center. Shared by ``test_montecarlo.py``,
``test_montecarlo3d.py`` and ``test_zones.py``; the loss and the sign patterns are those
of the geometry tests' references (``tests/core/bowl_reference.py``). The balls are those
of the Monte Carlo designs, meeting the axes at ±t: the L1 ball as its 2^p linear constraints
sᵀβ ≤ t (one per sign pattern s), the L2 ball as t² − ‖β‖² ≥ 0, and the elastic-net
ball r‖β‖₁/t + (1 − r)‖β‖²/t² ≤ 1 as the intersection over s of its 2^p smooth pieces
r·sᵀβ/t + (1 − r)‖β‖²/t² ≤ 1.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

# tests/core is not on sys.path when only these tests run; the repository root is.
from tests.core.bowl_reference import loss, signs


def constraints(penalty: str, t: float, r: float, dim: int) -> list[dict]:
    """Smooth inequality constraints (≥ 0 when feasible) of the balls meeting the axes at ±t."""
    s = signs(dim)
    if penalty == "l1":
        return [{"type": "ineq", "fun": lambda b: t - s @ b, "jac": lambda b: -s}]
    if penalty == "l2":
        return [
            {
                "type": "ineq",
                "fun": lambda b: np.atleast_1d(t * t - b @ b),
                "jac": lambda b: -2.0 * b[None],
            }
        ]
    return [
        {
            "type": "ineq",
            "fun": lambda b: 1.0 - r * (s @ b) / t - (1 - r) * (b @ b) / t**2,
            "jac": lambda b: -(r * s / t + 2.0 * (1 - r) * b[None] / t**2),
        }
    ]


def scipy_reference(center, hessian, penalty, t, r) -> np.ndarray:
    """Per-trial SLSQP with analytic gradients, from β = 0."""
    res = minimize(
        lambda b: loss(b, center, hessian),
        np.zeros(len(center)),
        jac=lambda b: hessian @ (b - center),
        method="SLSQP",
        constraints=constraints(penalty, t, r, len(center)),
        options={"ftol": 1e-16, "maxiter": 1000},
    )
    return res.x
