"""The one λ convention of regviz, stated once for code and once for the UI.

regviz minimizes scikit-learn's ElasticNet objective for data (X, y) with n rows::

    (1/2n)·‖y − Xβ − b‖² + λ·[ r·‖β‖₁ + ½(1 − r)·‖β‖₂² ]

- r = ``l1_ratio``: r = 1 is the lasso, r = 0 is ridge; the intercept b is never penalized.
- λ equals scikit-learn's ``alpha`` for ``Lasso`` and ``ElasticNet``.
- scikit-learn's ``Ridge`` minimizes ‖y − Xβ‖² + α‖β‖², so the same model is
  ``Ridge(alpha=n·λ)``: see :func:`sklearn_ridge_alpha`.

For a 2-D quadratic loss L(β) = ½(β − c)ᵀH(β − c) the penalized form is
L(β) + λ·P(β) with P = ‖β‖₁ (L1), ½‖β‖₂² (L2) or the elastic-net mix above; the
constrained form bounds ‖β‖₁ ≤ t (diamond), ‖β‖₂ ≤ t (circle) or
r‖β‖₁ + (1 − r)‖β‖₂² ≤ t (elastic net, Zou & Hastie).
"""

from __future__ import annotations

PENALTIES = ("l1", "l2", "elasticnet")

CD_TOL = 1e-6
"""Coordinate-descent tolerance for every scikit-learn lasso / elastic-net fit. Its default
1e-4 (a duality gap scaled by ‖y‖²) left coefficient errors up to 1 % on a 1000×200
problem; 1e-6 costs ≤ 10 % more time (DESIGN.md)."""

PENALTY_NAMES = {
    "l1": "L1 (lasso)",
    "l2": "L2 (ridge)",
    "elasticnet": "Elastic net",
    "ols": "No penalty (least squares)",
    "lq": "Lq",
}

# Shown as the help tooltip of every λ control in the app.
LAMBDA_HELP = (
    "λ (lambda) is the penalty strength in scikit-learn's ElasticNet objective "
    "(1/2n)·‖y − Xβ − b‖² + λ·[r·‖β‖₁ + ½(1 − r)·‖β‖₂²], with r = l1_ratio "
    "(r = 1 lasso, r = 0 ridge). λ equals scikit-learn's `alpha` for Lasso and "
    "ElasticNet; the same ridge model is Ridge(alpha = n·λ)."
)

L1_RATIO_HELP = (
    "r = l1_ratio mixes the two penalties: r = 1 is pure L1 (lasso), r = 0 pure L2 "
    "(ridge), values in between are the elastic net."
)


def sklearn_ridge_alpha(lam: float, n_samples: int) -> float:
    """Return scikit-learn's ``Ridge`` ``alpha`` for regviz's λ on n samples.

    Parameters
    ----------
    lam : float
        Penalty strength λ in regviz's (ElasticNet) convention.
    n_samples : int
        Number of rows n of the data.

    Returns
    -------
    float
        ``n_samples * lam``, because ``Ridge`` does not divide its loss by 2n.

    Examples
    --------
    >>> sklearn_ridge_alpha(0.1, 442)
    44.2
    """
    return float(n_samples) * float(lam)
