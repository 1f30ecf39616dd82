"""Independent references for the 3-D solvers: random bowls, polishing and scikit-learn.

- Constrained form: SLSQP (``bowl_reference.scipy_constrained``), the octahedron written
  as its 8 linear constraints sᵀβ ≤ t, the sphere as t² − ‖β‖² ≥ 0 and the elastic-net
  ball as its 8 smooth pieces. On ill-conditioned bowls (κ ≳ 1e3) SLSQP in β stops
  early, off by up to ~1e-4; the alternate reference runs the same SLSQP in *whitened*
  coordinates (``whiten=True``), where the loss is ½‖z‖² (perfectly conditioned).
- Polish (:func:`polish_constrained`): where even the whitened SLSQP is off (at κ ~ 1e4
  it can still be off by ~1e-6), keep the piece of the ball its point lies on — its
  signs and zeros — and solve the KKT equations on that piece to machine precision with
  LAPACK: a linear system for an octahedron face, edge or vertex; bisection on the
  multiplier (with an LU solve per step) for the sphere and the elastic-net pieces.
- Penalized form: L-BFGS-B on the split β = u − v (``bowl_reference.scipy_penalized``);
  where it disagrees with the solver under test, scikit-learn's coordinate descent
  (``ElasticNet``/``Lasso`` on a 3-row design X with XᵀX/3 = H, tol 1e-14) is the
  alternate reference (L-BFGS-B stalls on ill-conditioned bowls).
"""

from __future__ import annotations

import warnings

import numpy as np
from bowl_reference import loss
from scipy.stats import special_ortho_group


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


def polish_constrained(
    reference: np.ndarray,
    center: np.ndarray,
    hessian: np.ndarray,
    penalty: str,
    t: float,
    ball_mix: float = 0.5,
) -> np.ndarray:
    """Solve the KKT equations exactly on the piece of the ball that ``reference`` lies on.

    The piece is read off the reference: coefficients with |βᵢ| below a threshold are 0,
    the others keep their signs s. Several thresholds (1e-9 to 1e-5 of max(1, t)) are
    tried; a polished point counts only if it stays on its piece (its signs are s), and
    the one with the lowest loss is returned (the reference itself if none stays).
    With g = Hc and S the nonzero coefficients:

    - octahedron: H_SS·β_S + ν·s = g_S and sᵀβ_S = t, one linear system;
    - sphere: β(μ) = (H + μI)⁻¹g with ‖β(μ)‖ = t, bisection on μ ≥ 0 (no zeros: S is
      always all three coefficients);
    - elastic-net ball: with y = β_S − m, m = −ρs/(2(1 − ρ)), the piece is the sphere
      ‖y‖² = t/(1 − ρ) + ‖m‖²; y(ν) = (H_SS + 2ν(1 − ρ)I)⁻¹(g_S − H_SS·m), bisection on
      ν ≥ 0 for ρ·sᵀβ_S + (1 − ρ)‖β_S‖² = t.
    """
    best, best_loss = reference, loss(reference, center, hessian)
    supports = set()
    for tol in (1e-9, 1e-7, 1e-6, 1e-5):
        support = np.flatnonzero(np.abs(reference) > tol * max(1.0, t))
        supports.add(tuple(range(3)) if penalty == "l2" else tuple(support))
    for support in supports:
        if not support:
            continue
        idx = np.array(support)
        signs = np.sign(reference[idx]) if penalty != "l2" else None
        beta = np.zeros(3)
        beta[idx] = _polish_on_piece(center, hessian, penalty, t, ball_mix, idx, signs)
        on_piece = penalty == "l2" or np.array_equal(np.sign(beta[idx]), signs)
        value = loss(beta, center, hessian)
        if on_piece and value < best_loss:
            best, best_loss = beta, value
    return best


def _polish_on_piece(center, hessian, penalty, t, ball_mix, support, signs) -> np.ndarray:
    g = (hessian @ center)[support]
    h_ss = hessian[np.ix_(support, support)]
    eye = np.eye(len(support))
    if penalty == "l1":
        k = len(support)
        system = np.zeros((k + 1, k + 1))
        system[:k, :k], system[:k, k], system[k, :k] = h_ss, signs, signs
        return np.linalg.solve(system, np.append(g, t))[:k]
    if penalty == "l2":

        def point(mu: float) -> np.ndarray:
            return np.linalg.solve(h_ss + mu * eye, g)

        def excess(b: np.ndarray) -> float:
            return float(np.linalg.norm(b)) - t

        hi = np.linalg.norm(g) / t
    else:
        rho = ball_mix
        m = -rho * signs / (2.0 * (1.0 - rho))
        pull = g - h_ss @ m

        def point(nu: float) -> np.ndarray:
            return m + np.linalg.solve(h_ss + 2.0 * nu * (1.0 - rho) * eye, pull)

        def excess(b: np.ndarray) -> float:
            return float(rho * signs @ b + (1.0 - rho) * b @ b) - t

        hi = np.linalg.norm(pull) / (2.0 * (1.0 - rho) * np.sqrt(t / (1.0 - rho) + m @ m))
    lo = 0.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if excess(point(mid)) > 0:
            lo = mid
        else:
            hi = mid
    return point(0.5 * (lo + hi))
