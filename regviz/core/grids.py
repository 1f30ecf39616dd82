"""The λ grids of regviz: log-spaced, in the one λ convention (see :mod:`regviz.core.conventions`).

Every page and experiment draws its λ values from :func:`lambda_grid`: the coefficient
paths (glmnet's grid from λ_max down, via :func:`regviz.experiments.paths.glmnet_grid`)
and the overfitting curves (a fixed grid whose points are the slider's positions).
"""

from __future__ import annotations

import math

import numpy as np


def lambda_grid(
    lam_low: float,
    lam_high: float,
    *,
    n: int | None = None,
    per_decade: float | None = None,
    decreasing: bool = True,
) -> np.ndarray:
    """Log-spaced λ values between ``lam_low`` and ``lam_high`` (both included).

    Give either the number of values ``n`` or the density ``per_decade``; with
    ``per_decade`` the points are 10^(log₁₀ lam_low + k / per_decade), rounded to 10
    decimals in log₁₀ so that a slider moving in the same steps lands on them exactly.

    Parameters
    ----------
    lam_low, lam_high : float
        Positive ends, ``lam_low < lam_high``.
    n : int, optional
        Number of values (at least 2).
    per_decade : float, optional
        Values per factor of ten (``(log₁₀ lam_high − log₁₀ lam_low) · per_decade`` must be
        a whole number, up to rounding).
    decreasing : bool, default True
        Largest λ first (glmnet's and scikit-learn's path order); ``False`` for increasing.

    Returns
    -------
    ndarray

    Examples
    --------
    >>> lambda_grid(0.01, 1.0, n=3)
    array([1.  , 0.1 , 0.01])
    >>> lambda_grid(1e-2, 1.0, per_decade=2, decreasing=False).round(4)
    array([0.01  , 0.0316, 0.1   , 0.3162, 1.    ])
    """
    lam_low, lam_high = float(lam_low), float(lam_high)
    if not (np.isfinite(lam_low) and np.isfinite(lam_high) and 0.0 < lam_low < lam_high):
        raise ValueError(
            f"A λ grid needs 0 < smallest λ < largest λ (got {lam_low:g} and {lam_high:g})."
        )
    if (n is None) == (per_decade is None):
        raise ValueError("Give either the number of λ values n or per_decade, not both.")
    low, high = np.log10(lam_low), np.log10(lam_high)
    if per_decade is not None:
        if not per_decade > 0:
            raise ValueError(f"per_decade must be positive (got {per_decade}).")
        n = int(round((high - low) * per_decade)) + 1
        exponents = np.round(np.linspace(low, high, n), 10)
    else:
        if n < 2:
            raise ValueError(f"A grid needs at least 2 values of λ (got {n}).")
        exponents = np.linspace(low, high, int(n))
    grid = 10.0**exponents
    if per_decade is None:
        # geomspace-like: the ends exactly as given.
        grid[0], grid[-1] = lam_low, lam_high
    return grid[::-1].copy() if decreasing else grid


def nice_log_values(low: float, high: float, per_decade: int = 10) -> tuple[float, ...]:
    """Log-spaced values from ``low`` to ``high``, rounded to 2 significant digits.

    These are what a λ control offers: evenly spaced on the log axis the figures use,
    and short to read (0.013, not 0.012589).

    Examples
    --------
    >>> nice_log_values(0.1, 1.0, per_decade=4)
    (0.1, 0.18, 0.32, 0.56, 1.0)
    """
    if not 0.0 < low < high:
        raise ValueError(f"A log scale needs 0 < low < high (got {low:g}, {high:g}).")
    a, b = math.log10(low), math.log10(high)
    count = max(2, int(round((b - a) * per_decade)) + 1)
    values = []
    for k in range(count):
        v = 10 ** (a + (b - a) * k / (count - 1))
        digits = 1 - int(math.floor(math.log10(v)))
        values.append(round(v, digits))
    return tuple(dict.fromkeys(values))


def format_lambda(value: float) -> str:
    """λ as a learner reads it: two significant digits, powers of ten when tiny or huge.

    Examples
    --------
    >>> format_lambda(0.013), format_lambda(2.5e-05), format_lambda(0.0)
    ('0.013', '2.5×10⁻⁵', '0')
    """
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.2g}" if abs(value) < 100 else f"{value:.0f}"
    mantissa, exponent = f"{value:.1e}".split("e")
    sup = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa}×10{sup}"
