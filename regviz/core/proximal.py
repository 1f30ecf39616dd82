"""Proximal gradient descent (ISTA) for a quadratic loss plus an L1 penalty.

One implementation serves the Optimizer page (a 2-D bowl) and the claim checker
(least squares on data): both losses are quadratic, ½βᵀGβ − bᵀβ + const, so the
gradient is Gβ − b. With the bowl ½(β − c)ᵀH(β − c), G = H and b = Hc; with data,
G = XᵀX/n and b = Xᵀy/n.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from regviz.core.penalties import soft_threshold

Array = NDArray[np.float64]


def ista(
    gram: ArrayLike,
    linear: ArrayLike,
    lam: float,
    n_steps: int,
    *,
    start: ArrayLike | None = None,
    step: float | None = None,
) -> Array:
    """ISTA iterates β ← S(β − η(Gβ − b), ηλ) for ½βᵀGβ − bᵀβ + λ‖β‖₁.

    The soft-threshold S(·, ηλ) — the proximal operator of ηλ‖·‖₁ — sets every
    coordinate whose gradient step lands within ηλ of 0 to *exactly* 0.0.

    Parameters
    ----------
    gram : array_like, shape (p, p)
        G, symmetric positive semi-definite.
    linear : array_like, shape (p,)
        b.
    lam : float
        λ ≥ 0.
    n_steps : int
        Number of steps.
    start : array_like, shape (p,), optional
        First iterate; zeros by default.
    step : float, optional
        η; 1/L by default, with L the largest eigenvalue of G (the Lipschitz constant
        of the gradient). ISTA converges for 0 < η < 2/L.

    Returns
    -------
    ndarray, shape (n_steps + 1, p)
        The start and every iterate.

    Examples
    --------
    >>> path = ista([[1.0, 0.0], [0.0, 1.0]], [2.0, 0.5], lam=1.0, n_steps=3)
    >>> path[-1].tolist()
    [1.0, 0.0]
    """
    gram = np.asarray(gram, dtype=float)
    linear = np.asarray(linear, dtype=float)
    if lam < 0 or not np.isfinite(lam):
        raise ValueError(f"λ must be a finite number ≥ 0 (got {lam}).")
    if step is None:
        step = 1.0 / float(np.linalg.eigvalsh(gram)[-1])
    beta = np.zeros(linear.shape) if start is None else np.asarray(start, dtype=float).copy()
    out = np.empty((int(n_steps) + 1, beta.size))
    out[0] = beta
    for k in range(int(n_steps)):
        beta = soft_threshold(beta - step * (gram @ beta - linear), step * lam)
        out[k + 1] = beta
    return out
