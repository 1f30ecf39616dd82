"""Shared statistics: counted proportions with Wilson 95 % confidence intervals, and the
standard error of a mean.

Every page that reports "how often" (Monte Carlo, explained.ai's simulation, the
p-feature runs, the claims) uses :class:`Proportion`, so intervals are computed one way;
every "± 1 standard error" of an average over repeats, folds or points is
:func:`standard_error`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

# 1.959964 = the 97.5 % quantile of the standard normal: two-sided 95 % intervals.
Z_95 = 1.959963984540054


def wilson_interval(count: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion.

    Parameters
    ----------
    count : int
        Number of successes.
    total : int
        Number of trials (0 gives the uninformative interval (0, 1)).
    z : float, default 1.96
        Normal quantile; the default gives a 95 % interval.

    Returns
    -------
    (float, float)
        Lower and upper bounds, inside [0, 1].

    Examples
    --------
    >>> [round(v, 4) for v in wilson_interval(50, 100)]
    [0.4038, 0.5962]
    """
    if total <= 0:
        return 0.0, 1.0
    p = count / total
    z2 = z * z
    denom = 1.0 + z2 / total
    mid = (p + z2 / (2.0 * total)) / denom
    half = z * np.sqrt(p * (1.0 - p) / total + z2 / (4.0 * total * total)) / denom
    # At 0 or n successes the exact bounds are 0 and 1; rounding would leave ±1e-17.
    low = 0.0 if count <= 0 else min(p, max(0.0, mid - half))
    high = 1.0 if count >= total else max(p, min(1.0, mid + half))
    return float(low), float(high)


def standard_error(values: ArrayLike, axis: int | None = None) -> NDArray[np.float64]:
    """Standard error of a mean: the sample standard deviation (ddof=1) over √n.

    Parameters
    ----------
    values : array-like
        The averaged values.
    axis : int or None, default None
        The axis averaged over (n its length); None: all values (n their number).

    Returns
    -------
    ndarray or numpy.float64
        One standard error per position of the other axes (a scalar for ``axis=None``).
        It needs n ≥ 2: one value gives NaN and a NumPy warning.

    Examples
    --------
    >>> round(float(standard_error([1.0, 2.0, 3.0, 4.0])), 6)
    0.645497
    >>> standard_error([[1.0, 10.0], [3.0, 10.0]], axis=0).tolist()
    [1.0, 0.0]
    """
    v = np.asarray(values, dtype=float)
    n = v.size if axis is None else v.shape[axis]
    return v.std(axis=axis, ddof=1) / np.sqrt(n)


@dataclass(frozen=True)
class Proportion:
    """A counted fraction with its Wilson 95 % confidence interval.

    Attributes
    ----------
    count, total : int
        Successes and the denominator.
    fraction : float
        count / total (NaN when total is 0).
    low, high : float
        The Wilson 95 % interval.

    Examples
    --------
    >>> share = Proportion(50, 100)
    >>> share.fraction, round(share.low, 4), round(share.high, 4)
    (0.5, 0.4038, 0.5962)
    """

    count: int
    total: int
    fraction: float = field(init=False)
    low: float = field(init=False)
    high: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "count", int(self.count))
        object.__setattr__(self, "total", int(self.total))
        frac = self.count / self.total if self.total > 0 else float("nan")
        low, high = wilson_interval(self.count, self.total)
        object.__setattr__(self, "fraction", float(frac))
        object.__setattr__(self, "low", float(low))
        object.__setattr__(self, "high", float(high))
