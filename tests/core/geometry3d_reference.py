"""Independent references for the 3-D solvers: scipy.optimize and scikit-learn.

- Constrained form: SLSQP with analytic gradients, the octahedron written as its 8
  linear constraints sᵀβ ≤ t (one per sign pattern s), the sphere as t² − ‖β‖² ≥ 0 and
  the elastic-net ball as its 8 smooth pieces t − ρ·sᵀβ − (1 − ρ)‖β‖² ≥ 0 (their
  minimum over s is exactly t − ρ‖β‖₁ − (1 − ρ)‖β‖²). On ill-conditioned bowls
  (κ ≳ 1e3) SLSQP in β stops early, off by up to ~1e-4; the alternate reference runs
  the same SLSQP in *whitened* coordinates z = R(β − c), H = RᵀR (Cholesky), where the
  loss is ½‖z‖² (perfectly conditioned) and the constraints stay smooth.
- Penalized form: L-BFGS-B on the split β = u − v (u, v ≥ 0), which makes ‖β‖₁ smooth;
  where it disagrees with the solver under test, scikit-learn's coordinate descent
  (``ElasticNet``/``Lasso`` on a 3-row design X with XᵀX/3 = H, tol 1e-14) is the
  alternate reference (L-BFGS-B stalls on ill-conditioned bowls).
"""

from __future__ import annotations

import warnings
from itertools import product

import numpy as np
from scipy.optimize import minimize
from scipy.stats import special_ortho_group

SIGNS = np.array(list(product((1.0, -1.0), repeat=3)))  # (8, 3)


def random_problems(
    n: int, seed: int, max_condition: float = 100.0, center_scale: float = 3.0
) -> tuple[np.ndarray, np.ndarray]:
    """Random 3-D bowls: centers ~ N(0, scale²); H = Q diag(λ) Qᵀ with Q Haar-random.

    The smallest eigenvalue is 10^U(−1, 1), the condition number κ is log-uniform in
    [1, max_condition] and the middle eigenvalue log-uniform between the two.
    """
    rng = np.random.default_rng(seed)
    centers = rng.normal(0.0, center_scale, (n, 3))
    rotations = special_ortho_group.rvs(3, size=n, random_state=rng).reshape(n, 3, 3)
    small = 10 ** rng.uniform(-1, 1, n)
    kappa = 10 ** rng.uniform(0, np.log10(max_condition), n)
    middle = kappa ** rng.uniform(0, 1, n)
    eig = small[:, None] * np.stack([np.ones(n), middle, kappa], axis=1)
    h = np.einsum("nij,nj,nkj->nik", rotations, eig, rotations)
    return centers, 0.5 * (h + np.swapaxes(h, 1, 2))


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
        np.zeros(3),
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
        beta = z[:3] - z[3:]
        grad_beta = hessian @ (beta - center) + sq_weight * beta
        value = loss(beta, center, hessian) + l1_weight * z.sum() + 0.5 * sq_weight * beta @ beta
        return value, np.concatenate([grad_beta + l1_weight, -grad_beta + l1_weight])

    result = minimize(
        objective,
        np.full(6, 0.01),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0, None)] * 6,
        options={"ftol": 1e-15, "gtol": 1e-11, "maxiter": 10_000},
    )
    return result.x[:3] - result.x[3:]


def sklearn_penalized(
    center: np.ndarray, hessian: np.ndarray, penalty: str, lam: float, r: float = 0.5
) -> np.ndarray:
    """scikit-learn's coordinate descent on X = √3·R, y = X·c (so XᵀX/3 = H, XᵀY/3 = Hc).

    Its objective (1/2n)‖y − Xβ‖² + λ[r‖β‖₁ + ½(1 − r)‖β‖²] equals ours up to a constant.
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import ElasticNet

    x = np.sqrt(3.0) * np.linalg.cholesky(hessian).T
    y = x @ center
    ratio = {"l1": 1.0, "l2": 0.0, "elasticnet": r}[penalty]
    if penalty == "l2":
        return np.linalg.solve(hessian + lam * np.eye(3), hessian @ center)
    if lam == 0:
        return center.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = ElasticNet(
            alpha=lam, l1_ratio=ratio, fit_intercept=False, tol=1e-14, max_iter=1_000_000
        )
        model.fit(x, y)
    return model.coef_.copy()
