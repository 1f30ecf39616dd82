"""What every claim shares: the verdict, the claim record, checks of settings, data and fits.

A claim module (``sparse``, ``binary``, …) defines its experiment once and describes
itself with one :class:`Claim` record; :mod:`regviz.experiments.claims` collects the
records in its registry. All penalized fits follow regviz's one λ convention
(:mod:`regviz.core.conventions`)::

    (1/2n)·‖y − Xβ − b‖² + λ·[ r·‖β‖₁ + ½(1 − r)·‖β‖₂² ]

so the lasso is ``Lasso(alpha=λ)`` and ridge is ``Ridge(alpha=n·λ)``. scikit-learn is
imported inside the functions that fit, so importing a claim loads none of it.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import numpy as np

from regviz.core.conventions import CD_TOL, sklearn_ridge_alpha

if TYPE_CHECKING:
    import pandas as pd

# The claims compare zero patterns and slopes to many digits: their coordinate-descent
# fits run 10,000× tighter than the app's CD_TOL (regviz.core.conventions).
EXACT_CD_TOL = CD_TOL * 1e-4
CD_MAX_ITER = 100_000
ZERO_TOL = 0.0  # a coefficient counts as zero only when it is exactly 0.0

LAMBDA_RANGE = (1e-3, 10**0.5)
"""λ the claim page offers: 10^(−3.0), 10^(−2.9), …, 10^0.5, shown to two digits."""

SEED_RANGE = (0, 50)
"""Seeds the claim page offers (the tests check some statements on every one of them)."""


class Verdict(StrEnum):
    """The computed verdict on a claim."""

    TRUE = "true"
    FALSE = "false"
    HALF_TRUE = "half-true"

    @property
    def label(self) -> str:
        """The verdict as the page shows it.

        Examples
        --------
        >>> Verdict.HALF_TRUE.label, Verdict.TRUE.label
        ('HALF-TRUE', 'TRUE')
        """
        return self.value.upper()


@dataclass(frozen=True)
class Number:
    """One key number of a claim's evidence: shown on the page, reproduced by its code.

    ``name`` is the variable the code snippet assigns; ``text`` is how the page shows
    ``value`` under ``label``.
    """

    name: str
    label: str
    value: float
    text: str


@dataclass(frozen=True)
class Claim:
    """One claim, defined once: everything the registry, the page and the figures need.

    Attributes
    ----------
    id : str
        Short name (``"sparse"``): the registry key and the prefix of its page controls.
    statement : str
        The claim as people state it.
    rule : str
        How the evidence decides the verdict, in words.
    experiment : str
        What the experiment does, in words.
    check : callable
        ``check(*, seed, **settings) -> evidence``; its keyword defaults are the claim's
        default settings (:attr:`settings`).
    verdict : callable
        The rule as a function of the measured numbers (the check calls it).
    controls : tuple of str
        The settings the page lets a learner change, main one first.
    flip : mapping
        Settings where the evidence, and with it the verdict, flips (empty: none found).
    flip_note : str
        What the flip settings change, in a few words.
    figure : str
        Name of the figure builder in :mod:`regviz.figures.claims`.
    numbers : callable
        ``numbers(evidence) -> tuple[Number, ...]``: the key numbers shown and reproduced.
    alt : callable
        ``alt(evidence) -> str``: a text alternative for the figure.
    code : callable
        ``code(evidence, seed) -> str``: runnable code giving the same key numbers.
    table : callable
        ``table(evidence) -> pandas.DataFrame``: the numbers the figure shows (for a CSV).
    play_number : int
        Which of ``numbers(evidence)`` ▶ Play writes beside each λ's verdict (the one the
        rule turns on).
    play_work : str
        The setting one run's work grows with (e.g. iterations), if any: ▶ Play then
        sweeps fewer λ when it is large (``regviz.experiments.claims.play_lambdas``).
    """

    id: str
    statement: str
    rule: str
    experiment: str
    check: Callable[..., Any]
    verdict: Callable[..., Verdict]
    controls: tuple[str, ...]
    figure: str
    numbers: Callable[[Any], tuple[Number, ...]]
    alt: Callable[[Any], str]
    code: Callable[[Any, int], str]
    table: Callable[[Any], pd.DataFrame]
    flip: Mapping[str, Any] = field(default_factory=dict)
    flip_note: str = ""
    play_number: int = 0
    play_work: str = ""

    @property
    def settings(self) -> dict[str, Any]:
        """Default settings: the check's keyword defaults (the seed apart)."""
        return {
            name: p.default
            for name, p in inspect.signature(self.check).parameters.items()
            if name != "seed" and p.default is not inspect.Parameter.empty
        }

    @property
    def control_defaults(self) -> dict[str, Any]:
        """The defaults of the settings the page offers."""
        settings = self.settings
        return {name: settings[name] for name in self.controls}

    def run(self, seed: int = 0, **settings: Any) -> Any:
        """The experiment at ``settings`` (the rest at their defaults)."""
        return self.check(seed=seed, **settings)


# ----------------------------------------------------------------------------- checks


def check_seed(seed: int) -> int:
    """The seed as an int; a plain ValueError unless it is a whole number ≥ 0."""
    if int(seed) != seed or seed < 0:
        raise ValueError("The seed must be a whole number of at least 0.")
    return int(seed)


def check_lambda(lam: float) -> float:
    """λ as a float; a plain ValueError unless finite and ≥ 0."""
    lam = float(lam)
    if not np.isfinite(lam) or lam < 0:
        raise ValueError("λ must be a finite number of at least 0.")
    return lam


def check_correlation(rho: float, *, allow_one: bool = False) -> float:
    """A correlation in [0, 0.999] (or [0, 1] with ``allow_one``)."""
    rho = float(rho)
    high = 1.0 if allow_one else 0.999
    if not np.isfinite(rho) or not (0.0 <= rho <= high):
        raise ValueError(f"The correlation must lie between 0 and {high}.")
    return rho


# ----------------------------------------------------------------------------- fits


def lasso_fit_counted(X: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, float, int]:
    """Lasso coefficients, intercept and 1 if coordinate descent hit its limit, else 0.

    scikit-learn's ``ConvergenceWarning`` is caught here (it would go to the server log);
    non-convergence is read off the iteration count instead and reported by the checks.

    Examples
    --------
    >>> X, y, _ = sparse_regression_data(seed=0)
    >>> coef, intercept, not_converged = lasso_fit_counted(X, y, 0.1)
    >>> not_converged
    0
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import Lasso, LinearRegression

    if lam == 0:
        model = LinearRegression().fit(X, y)
        return model.coef_.copy(), float(model.intercept_), 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = Lasso(alpha=lam, tol=EXACT_CD_TOL, max_iter=CD_MAX_ITER).fit(X, y)
    return model.coef_.copy(), float(model.intercept_), int(model.n_iter_ >= CD_MAX_ITER)


def lasso_fit(X: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, float]:
    """Lasso coefficients and intercept at λ (scikit-learn ``Lasso(alpha=λ)``, tight tol).

    Examples
    --------
    >>> X, y, _ = sparse_regression_data(seed=0)
    >>> coef, intercept = lasso_fit(X, y, 0.1)
    >>> int(np.sum(coef == 0.0))
    11
    """
    coef, intercept, _ = lasso_fit_counted(X, y, lam)
    return coef, intercept


def solver_note(n_not_converged: int) -> str:
    """A sentence when some coordinate-descent fit stopped at its iteration limit.

    Examples
    --------
    >>> solver_note(0)
    ''
    >>> solver_note(2).strip().startswith("(Coordinate descent stopped")
    True
    """
    if n_not_converged == 0:
        return ""
    return (
        f" (Coordinate descent stopped at its iteration limit in {n_not_converged} fit(s): "
        "the numbers above are approximate.)"
    )


def ridge_fit(X: np.ndarray, y: np.ndarray, lam: float, solver: str = "auto") -> np.ndarray:
    """Ridge coefficients at λ: ``Ridge(alpha=n·λ)`` (regviz's convention).

    Examples
    --------
    >>> X = np.array([[1.0], [-1.0]]); y = np.array([1.0, -1.0])
    >>> ridge_fit(X, y, 1.0).round(6).tolist()  # (XᵀX + nλ)⁻¹Xᵀy = 2/(2 + 2)
    [0.5]
    """
    from sklearn.linear_model import Ridge

    alpha = sklearn_ridge_alpha(lam, X.shape[0])
    return Ridge(alpha=alpha, solver=solver, tol=1e-12).fit(X, y).coef_.copy()


def _centered_loss(X: np.ndarray, y: np.ndarray, beta: np.ndarray) -> np.float64:
    """(1/2n)‖yc − Xc·β‖²: the data term of both objectives below, with the unpenalized
    intercept profiled out by centering X and y."""
    xc, yc = X - X.mean(axis=0), y - y.mean()
    r = yc - xc @ beta
    return r @ r / (2 * len(y))


def lasso_objective(X: np.ndarray, y: np.ndarray, beta: np.ndarray, lam: float) -> float:
    """(1/2n)‖yc − Xc·β‖² + λ‖β‖₁ on centered data (the intercept profiled out).

    Examples
    --------
    >>> lasso_objective(np.array([[1.0], [-1.0]]), np.array([1.0, -1.0]), np.array([1.0]), 0.5)
    0.5
    """
    return float(_centered_loss(X, y, beta) + lam * np.abs(beta).sum())


def ridge_objective(X: np.ndarray, y: np.ndarray, beta: np.ndarray, lam: float) -> float:
    """(1/2n)‖yc − Xc·β‖² + (λ/2)‖β‖² on centered data.

    Examples
    --------
    >>> ridge_objective(np.array([[1.0], [-1.0]]), np.array([1.0, -1.0]), np.array([1.0]), 0.5)
    0.25
    """
    return float(_centered_loss(X, y, beta) + 0.5 * lam * beta @ beta)


# ----------------------------------------------------------------------------- data


def sparse_regression_data(
    *, seed: int, n: int = 60, p: int = 20, k: int = 5, noise: float = 1.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gaussian features, the first k with true weights of varied size, the rest 0.

    Returns
    -------
    (X, y, beta_true)

    Examples
    --------
    >>> X, y, beta = sparse_regression_data(seed=0, n=10, p=4, k=2)
    >>> X.shape, np.abs(beta).tolist()
    ((10, 4), [3.0, 0.5, 0.0, 0.0])
    """
    if not (1 <= k <= p):
        raise ValueError("The number of relevant features must be between 1 and p.")
    if n < 5:
        raise ValueError("At least 5 data points are needed.")
    rng = np.random.default_rng(check_seed(seed))
    X = rng.standard_normal((n, p))
    beta = np.zeros(p)
    beta[:k] = rng.choice([-1.0, 1.0], size=k) * np.linspace(3.0, 0.5, k)
    y = X @ beta + noise * rng.standard_normal(n)
    return X, y, beta


SPARSE_DATA_CODE = """\
rng = np.random.default_rng({seed})
X = rng.standard_normal(({n}, {p}))
beta_true = np.zeros({p})
beta_true[:{k}] = rng.choice([-1.0, 1.0], size={k}) * np.linspace(3.0, 0.5, {k})
y = X @ beta_true + rng.standard_normal({n})"""
"""The lines of a code snippet that draw :func:`sparse_regression_data` (noise 1)."""


def sparse_data_code(*, seed: int, n: int = 60, p: int = 20, k: int = 5) -> str:
    """Code drawing the same data as ``sparse_regression_data(seed=…, n=…, p=…, k=…)``.

    Examples
    --------
    >>> namespace = {"np": np}
    >>> exec(sparse_data_code(seed=3, n=8, p=3, k=2), namespace)
    >>> bool(np.array_equal(namespace["X"], sparse_regression_data(seed=3, n=8, p=3, k=2)[0]))
    True
    """
    return SPARSE_DATA_CODE.format(seed=int(seed), n=int(n), p=int(p), k=int(k))


def fmt_gap(value: float) -> str:
    """A relative gap as the page shows it: ``1.2e-07``, or ``0`` when exactly 0.

    Examples
    --------
    >>> fmt_gap(0.0), fmt_gap(1.234e-7)
    ('0', '1.2e-07')
    """
    return "0" if value == 0 else f"{value:.1e}"
