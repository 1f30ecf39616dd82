"""Claim: "L1 regularization is robust to outliers."

Add one outlier to a straight-line data set and compare how hard it pulls least squares,
the lasso (an L1 *penalty*) and the least-absolute-deviation fit (an L1 *loss*).
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from regviz.experiments.claims.common import (
    Claim,
    Number,
    Verdict,
    check_lambda,
    check_seed,
    lasso_fit,
)

if TYPE_CHECKING:
    import pandas as pd

N_POINTS = 30
OUTLIER_RANGE = (1, 40)
"""Outlier distances (σ) the page offers; the check refuses < 1 (no outlier to resist)."""

OUTLIER_MODELS = (
    "least squares",
    "lasso (L1 penalty)",
    "least absolute deviation (L1 loss)",
    "Huber loss",
)


def outliers_verdict(lasso_shift: float, lad_shift: float, ols_shift: float) -> Verdict:
    """The rule of the claim "L1 regularization is robust to outliers".

    The arguments are the outlier's *pulls* (how far one more σ of outlier moves each
    fitted slope; :func:`check_outliers` measures them), named shifts for old callers.
    FALSE when the lasso is pulled at least half as hard as least squares, TRUE when no
    harder than the least-absolute-deviation fit (up to 10⁻⁹ of the least-squares pull),
    HALF-TRUE in between.

    Examples
    --------
    >>> outliers_verdict(0.05, 0.05, 0.05).value  # pulled like least squares
    'false'
    >>> outliers_verdict(0.0, 0.0, 0.05).value  # not pulled at all, like the L1 loss
    'true'
    """
    if ols_shift <= 0:
        raise ValueError("The outlier does not move least squares: nothing to compare.")
    if lasso_shift >= 0.5 * ols_shift:
        return Verdict.FALSE
    if lasso_shift <= lad_shift + 1e-9 * ols_shift:
        return Verdict.TRUE
    return Verdict.HALF_TRUE


@dataclass(frozen=True)
class OutlierEvidence:
    """Slopes of straight-line fits with and without one outlier."""

    lam: float
    outlier_size: float
    x: np.ndarray
    y: np.ndarray  # with the outlier (the last point)
    y_clean: np.ndarray
    fits: dict[str, tuple[float, float]]  # name -> (slope, intercept) with the outlier
    clean_fits: dict[str, tuple[float, float]]
    shifts: dict[str, float]  # how far the outlier moved each slope from its clean fit
    verdict: Verdict
    summary: str
    pulls: dict[str, float] | None = None  # slope change per extra σ of outlier
    pull_size: float | None = None  # outlier distance where the lasso's pull was measured


@functools.lru_cache(maxsize=128)
def _fits_without_lambda(seed: int, size: float) -> dict[str, tuple[float, float]]:
    """Least squares, least absolute deviation and Huber on the line data with the last
    point moved up by ``size`` (0: the clean data). None of them depends on λ: a sweep
    over λ (▶ Play) fits them once, not once per λ."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import HuberRegressor, LinearRegression, QuantileRegressor

    x, y_clean = clean_line_data(seed)
    X, y = x[:, None], _moved(y_clean, size)
    fits: dict[str, tuple[float, float]] = {}
    ols = LinearRegression().fit(X, y)
    fits["least squares"] = (float(ols.coef_[0]), float(ols.intercept_))
    lad = QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(X, y)
    fits["least absolute deviation (L1 loss)"] = (float(lad.coef_[0]), float(lad.intercept_))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        huber = HuberRegressor(alpha=0.0, max_iter=1000).fit(X, y)
    fits["Huber loss"] = (float(huber.coef_[0]), float(huber.intercept_))
    return fits


def _line_fits(seed: int, size: float, lam: float) -> dict[str, tuple[float, float]]:
    """Every fit of :data:`OUTLIER_MODELS` (in that order) with the last point moved up by
    ``size`` (0: the clean data); only the lasso is fitted anew for each λ."""
    fixed = _fits_without_lambda(seed, float(size))
    x, y_clean = clean_line_data(seed)
    slope, intercept = lasso_fit(x[:, None], _moved(y_clean, size), lam)
    lasso = {"lasso (L1 penalty)": (float(slope[0]), intercept)}
    return {name: lasso.get(name) or fixed[name] for name in OUTLIER_MODELS}


def clean_line_data(seed: int, n: int = N_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """Thirty points around the line y = 1 + 1.5·x with unit noise, x sorted.

    Examples
    --------
    >>> x, y = clean_line_data(0)
    >>> x.size, bool(np.all(np.diff(x) > 0))
    (30, True)
    """
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-2.0, 2.0, n))
    return x, 1.0 + 1.5 * x + rng.standard_normal(n)


def _moved(y_clean: np.ndarray, size: float) -> np.ndarray:
    y = y_clean.copy()
    y[-1] += size
    return y


def lasso_pull_distance(x: np.ndarray, y_clean: np.ndarray, lam: float, size: float) -> float:
    """The outlier distance at which to measure the outlier's pull on the lasso slope.

    ``size`` itself when the lasso's slope is non-zero there; otherwise the distance
    one σ past the point where the outlier drags the slope out of 0. With one feature
    (and an intercept) the lasso slope is non-zero exactly when |Σ(xᵢ − x̄)(yᵢ − ȳ)|/n > λ,
    and moving the last point up by s changes that sum by s·(x_last − x̄).

    Examples
    --------
    >>> x = np.array([-1.0, 0.0, 1.0]); y = np.array([0.0, 0.0, 0.0])
    >>> lasso_pull_distance(x, y, 0.1, 5.0), lasso_pull_distance(x, y, 1.0, 0.5)
    (5.0, 4.0)
    """
    n = x.size
    dx = x - x.mean()
    lever = float(dx[-1])
    start = float(dx @ (_moved(y_clean, size) - _moved(y_clean, size).mean())) / n
    if abs(start) > lam or lever == 0.0:
        return float(size)
    # The sum grows with s at rate lever/n (lever > 0: the last point has the largest x).
    escape = size + (lam - start) * n / lever if lever > 0 else size + (start + lam) * n / -lever
    return float(escape + 1.0)


def check_outliers(*, seed: int = 0, lam: float = 0.2, outlier_size: float = 20) -> OutlierEvidence:
    """How far does one outlier drag the lasso, least squares and the L1 loss?

    Parameters
    ----------
    seed : int
    lam : float
        λ of the lasso, in regviz's convention.
    outlier_size : float
        How far the last point is moved up, in units of the noise σ = 1 (≥ 1).

    Returns
    -------
    OutlierEvidence

    Examples
    --------
    >>> ev = check_outliers(seed=0, lam=3.2, outlier_size=5)  # the slope is 0 at 5 σ ...
    >>> ev.verdict.value, bool(ev.pull_size > 5)  # ... so the pull is measured further out
    ('false', True)
    """
    lam = check_lambda(lam)
    if not np.isfinite(outlier_size) or outlier_size < OUTLIER_RANGE[0]:
        raise ValueError(
            "Move the outlier at least 1 σ away from the line: without an outlier there is "
            "nothing to be robust to."
        )
    seed = check_seed(seed)
    x, y_clean = clean_line_data(seed)
    y = _moved(y_clean, float(outlier_size))  # the point with the largest x: most leverage
    fits, clean = _line_fits(seed, float(outlier_size), lam), _line_fits(seed, 0.0, lam)
    shifts = {name: abs(fits[name][0] - clean[name][0]) for name in OUTLIER_MODELS}
    size = float(outlier_size)
    lasso_size = lasso_pull_distance(x, y_clean, lam, size)
    further = _line_fits(seed, size + 1.0, lam)
    pulls = {name: abs(further[name][0] - fits[name][0]) for name in OUTLIER_MODELS}
    if lasso_size != size:  # the lasso slope is 0 here: measure where it leaves 0
        at = lasso_fit(x[:, None], _moved(y_clean, lasso_size), lam)[0][0]
        beyond = lasso_fit(x[:, None], _moved(y_clean, lasso_size + 1.0), lam)[0][0]
        pulls["lasso (L1 penalty)"] = abs(float(beyond - at))
    verdict = outliers_verdict(
        pulls["lasso (L1 penalty)"],
        pulls["least absolute deviation (L1 loss)"],
        pulls["least squares"],
    )
    ratio = pulls["lasso (L1 penalty)"] / pulls["least squares"]
    dead_zone = (
        f" (λ = {lam:.3g} sets the lasso slope to 0 until the outlier is {lasso_size - 1:.0f} σ "
        "away; measured beyond that, since a zero slope ignores every point rather than "
        "resisting one)"
        if lasso_size != size
        else ""
    )
    summary = (
        f"One outlier {outlier_size:.0f} σ above the line moves the least-squares slope by "
        f"{shifts['least squares']:.3f}, the lasso slope (λ = {lam:.3g}) by "
        f"{shifts['lasso (L1 penalty)']:.3f}, the least-absolute-deviation slope by "
        f"{shifts['least absolute deviation (L1 loss)']:.3f} and Huber's by "
        f"{shifts['Huber loss']:.3f}. Moving it 1 σ further moves the least-squares slope "
        f"by {pulls['least squares']:.3f}, the lasso slope by "
        f"{pulls['lasso (L1 penalty)']:.3f} ({ratio:.0%} of that{dead_zone}) and the "
        f"L1-loss slope by {pulls['least absolute deviation (L1 loss)']:.3f}. "
        "The L1 *penalty* shrinks coefficients by a constant "
        "but lets every point pull with its squared residual; the L1 *loss* is what caps "
        "an outlier's pull."
    )
    return OutlierEvidence(
        lam,
        float(outlier_size),
        x,
        y,
        y_clean,
        fits,
        clean,
        shifts,
        verdict,
        summary,
        pulls,
        lasso_size,
    )


def numbers(ev: OutlierEvidence) -> tuple[Number, ...]:
    """The key numbers: the outlier's pull (slope change per σ) on each fit.

    Examples
    --------
    >>> [n.label for n in numbers(check_outliers(seed=0))]
    ['pull on least squares', 'pull on the lasso', 'pull on the L1 loss']
    """
    pulls = ev.pulls or {}
    values = (
        ("ols_pull", "pull on least squares", pulls["least squares"]),
        ("lasso_pull", "pull on the lasso", pulls["lasso (L1 penalty)"]),
        ("lad_pull", "pull on the L1 loss", pulls["least absolute deviation (L1 loss)"]),
    )
    return tuple(Number(name, label, value, f"{value:.3f}") for name, label, value in values)


def table(ev: OutlierEvidence) -> pd.DataFrame:
    """The figure's lines: slope and intercept of every fit, with and without the outlier.

    Examples
    --------
    >>> t = table(check_outliers(seed=0))
    >>> t.index.name, list(t.columns)[:2], len(t) == len(OUTLIER_MODELS)
    ('fit', ['slope', 'intercept'], True)
    """
    import pandas as pd

    names = list(ev.fits)
    return pd.DataFrame(
        {
            "slope": [ev.fits[name][0] for name in names],
            "intercept": [ev.fits[name][1] for name in names],
            "slope without the outlier": [ev.clean_fits[name][0] for name in names],
            "intercept without the outlier": [ev.clean_fits[name][1] for name in names],
            "slope moved by the outlier": [ev.shifts[name] for name in names],
        },
        index=pd.Index(names, name="fit"),
    )


def alt_text(ev: OutlierEvidence) -> str:
    """What the figure shows, with its numbers (the registry adds the verdict).

    Examples
    --------
    >>> alt_text(check_outliers(seed=0))[:50]
    'Scatter of 30 points with one outlier 20 σ above t'
    """
    slopes = "; ".join(f"{name} {slope:.2f}" for name, (slope, _) in ev.fits.items())
    return (
        f"Scatter of {ev.x.size} points with one outlier {ev.outlier_size:.0f} σ above the "
        f"line, and the fitted lines (slopes: {slopes}; the lasso without the outlier "
        f"{ev.clean_fits['lasso (L1 penalty)'][0]:.2f})."
    )


def code_snippet(ev: OutlierEvidence, seed: int) -> str:
    """numpy data and scikit-learn fits measuring the same pulls.

    Examples
    --------
    >>> exec(code_snippet(check_outliers(seed=0), 0), {})
    pull per σ — least squares: 0.038 lasso: 0.038 L1 loss: 0.000
    """
    return "\n".join(
        [
            "import numpy as np",
            "from sklearn.linear_model import Lasso, LinearRegression, QuantileRegressor",
            "",
            f"rng = np.random.default_rng({int(seed)})",
            f"x = np.sort(rng.uniform(-2.0, 2.0, {N_POINTS}))",
            f"y_clean = 1.0 + 1.5 * x + rng.standard_normal({N_POINTS})",
            f"lam, size = {ev.lam!r}, {ev.outlier_size!r}",
            "",
            "def slopes(s):  # the last point (largest x: most leverage) moved up by s σ",
            "    y = y_clean.copy()",
            "    y[-1] += s",
            "    X = x[:, None]",
            "    return (",
            "        LinearRegression().fit(X, y).coef_[0],",
            "        Lasso(alpha=lam, tol=1e-10, max_iter=100_000).fit(X, y).coef_[0],",
            '        QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs")',
            "        .fit(X, y).coef_[0],",
            "    )",
            "",
            "# The pull: how far the slope moves when the outlier moves 1 σ further.",
            "ols_pull, _, lad_pull = np.abs(np.subtract(slopes(size + 1), slopes(size)))",
            "# The lasso's pull is measured where its slope is not 0 (here: "
            + ("at the outlier itself)." if ev.pull_size == ev.outlier_size else "further out)."),
            f"s = {ev.pull_size!r}",
            "lasso_pull = abs(slopes(s + 1)[1] - slopes(s)[1])",
            'print("pull per σ — least squares:", f"{ols_pull:.3f}", "lasso:",',
            '      f"{lasso_pull:.3f}", "L1 loss:", f"{lad_pull:.3f}")',
        ]
    )


CLAIM = Claim(
    id="outliers",
    statement="L1 regularization is robust to outliers.",
    rule="The outlier's pull on a fit is how far its slope moves when the outlier moves "
    "1 σ further. FALSE if the outlier pulls the lasso at least half as hard as "
    "least squares; TRUE if no harder than the L1-loss (least absolute deviation) "
    "fit; HALF-TRUE in between. If λ has set the lasso's slope to 0 even with the "
    "outlier, the pull is measured from the outlier distance where the slope leaves "
    "0: a zero slope ignores every point, it does not resist one.",
    experiment="Add one outlier to a straight-line data set; compare how far it drags least "
    "squares, the lasso (L1 penalty), and the L1 loss (least absolute deviation, "
    "plus Huber).",
    check=check_outliers,
    verdict=outliers_verdict,
    controls=("outlier_size", "lam"),
    figure="make_outliers_figure",
    numbers=numbers,
    alt=alt_text,
    code=code_snippet,
    table=table,
    play_number=1,  # the lasso's pull (least squares' is the yardstick)
)
