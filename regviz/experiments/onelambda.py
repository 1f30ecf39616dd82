"""One λ, three views: the same penalized model as a point on the 2-D picture, the path
and the error curve, and the budget t(λ) that makes the constrained form the same model.

With two features the whole least-squares problem *is* a 2-D bowl
(:meth:`regviz.core.losses.QuadraticLoss.from_data`: the intercept is profiled out by
centering), so the exact 2-D solver gives the lasso / ridge fit at every λ:

    β̂(λ) = argmin (1/2n)‖y − Xβ − b‖² + λ·P(β),  b̂ = ȳ − x̄·β̂(λ),

which is scikit-learn's ``Lasso(alpha=λ)`` and ``Ridge(alpha=n·λ)``. Its budget
t(λ) = ‖β̂(λ)‖₁ (L1) or ‖β̂(λ)‖₂ (L2) gives the constrained problem
min L(β) s.t. ‖β‖ ≤ t(λ), whose answer is the same β̂(λ).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from regviz.core.geometry import solve_constrained, solve_penalized
from regviz.core.losses import QuadraticLoss
from regviz.core.penalties import constraint_value
from regviz.core.readouts import Readout

if TYPE_CHECKING:
    import pandas as pd

Array = NDArray[np.float64]

PENALTIES = ("l1", "l2")
LOG_LAMBDA_RANGE = (-3.0, 1.0)
N_LAMBDAS = 161


@dataclass(frozen=True)
class TwoFeatureData:
    """A small regression dataset with two correlated features and a held-out test set.

    Attributes
    ----------
    X_train, y_train : ndarray
        Shapes (n, 2) and (n,): what the model is fitted on.
    X_test, y_test : ndarray
        A large fresh sample from the same distribution, for the test error.
    true_beta : ndarray, shape (2,)
        The coefficients the data were drawn with (intercept ``true_intercept``).
    true_intercept : float
    noise : float
        Noise standard deviation σ.
    """

    X_train: Array
    y_train: Array
    X_test: Array
    y_test: Array
    true_beta: Array
    true_intercept: float
    noise: float


def make_two_feature_data(
    n_train: int = 15,
    *,
    correlation: float = 0.7,
    noise: float = 2.0,
    true_beta: tuple[float, float] = (1.5, 0.3),
    true_intercept: float = 1.0,
    n_test: int = 2000,
    seed: int = 0,
) -> TwoFeatureData:
    """Draw y = b + Xβ + ε with X ~ N(0, [[1, ρ], [ρ, 1]]) and ε ~ N(0, σ²).

    Parameters
    ----------
    n_train : int, default 15
        Training rows (at least 4).
    correlation : float, default 0.7
        ρ, strictly between −1 and 1.
    noise : float, default 2.0
        σ ≥ 0.
    true_beta : tuple of 2 floats, default (1.5, 0.3)
        One strong and one weak true coefficient.
    true_intercept : float, default 1.0
    n_test : int, default 2000
        Test rows.
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    TwoFeatureData
    """
    if int(n_train) < 4:
        raise ValueError(f"Use at least 4 training points for two features; got {n_train}.")
    if not (np.isfinite(correlation) and -1.0 < correlation < 1.0):
        raise ValueError(f"The correlation must lie strictly between −1 and 1; got {correlation}.")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"The noise level must be a non-negative number; got {noise}.")
    rng = np.random.default_rng(seed)
    cov = np.array([[1.0, correlation], [correlation, 1.0]])
    factor = np.linalg.cholesky(cov)
    beta = np.asarray(true_beta, dtype=float)

    def draw(n: int) -> tuple[Array, Array]:
        X = rng.standard_normal((n, 2)) @ factor.T
        return X, true_intercept + X @ beta + noise * rng.standard_normal(n)

    X_train, y_train = draw(int(n_train))
    X_test, y_test = draw(int(n_test))
    return TwoFeatureData(X_train, y_train, X_test, y_test, beta, float(true_intercept), noise)


def default_lambdas() -> Array:
    """The fixed λ grid of the page: 161 values from 10⁻³ to 10¹, decreasing."""
    return np.logspace(LOG_LAMBDA_RANGE[1], LOG_LAMBDA_RANGE[0], N_LAMBDAS)


@dataclass(frozen=True)
class LambdaPath:
    """The fitted model at every λ of a grid, with its budget and errors.

    Attributes
    ----------
    penalty : str
        ``"l1"`` or ``"l2"``.
    loss : QuadraticLoss
        The 2-D bowl of the training data.
    lambdas : ndarray, shape (m,)
        Decreasing λ values.
    betas : ndarray, shape (m, 2)
        β̂(λ) (exact; L1 zeros are 0.0).
    intercepts : ndarray, shape (m,)
        b̂(λ) = ȳ − x̄·β̂(λ).
    budgets : ndarray, shape (m,)
        t(λ) = ‖β̂(λ)‖₁ (L1) or ‖β̂(λ)‖₂ (L2).
    train_mse, test_mse : ndarray, shape (m,)
        Mean squared errors on the training and the test set.
    """

    penalty: str
    loss: QuadraticLoss
    lambdas: Array
    betas: Array
    intercepts: Array
    budgets: Array
    train_mse: Array
    test_mse: Array

    @property
    def best_test_lambda(self) -> float:
        """The grid λ with the smallest test error."""
        return float(self.lambdas[int(np.argmin(self.test_mse))])


def _mse(X: Array, y: Array, betas: Array, intercepts: Array) -> Array:
    residual = y[None, :] - betas @ X.T - intercepts[:, None]
    return np.mean(residual**2, axis=1)


def fit_path(data: TwoFeatureData, penalty: str, lambdas: Array | None = None) -> LambdaPath:
    """Exact lasso or ridge fits of the two-feature data at every λ.

    Parameters
    ----------
    data : TwoFeatureData
        The dataset.
    penalty : {"l1", "l2"}
        Lasso (P = ‖β‖₁) or ridge (P = ½‖β‖₂²).
    lambdas : array_like, optional
        λ ≥ 0 values (default :func:`default_lambdas`); sorted decreasing.

    Returns
    -------
    LambdaPath
    """
    if penalty not in PENALTIES:
        raise ValueError(f"Choose the penalty 'l1' (lasso) or 'l2' (ridge); got {penalty!r}.")
    lams = default_lambdas() if lambdas is None else np.sort(np.asarray(lambdas, float))[::-1]
    loss = QuadraticLoss.from_data(data.X_train, data.y_train)
    n = len(lams)
    betas = solve_penalized(
        np.broadcast_to(loss.center, (n, 2)),
        np.broadcast_to(loss.hessian, (n, 2, 2)),
        penalty,
        lams,
    )
    intercepts = data.y_train.mean() - betas @ data.X_train.mean(axis=0)
    return LambdaPath(
        penalty=penalty,
        loss=loss,
        lambdas=lams,
        betas=betas,
        intercepts=intercepts,
        budgets=constraint_value(betas, penalty),
        train_mse=_mse(data.X_train, data.y_train, betas, intercepts),
        test_mse=_mse(data.X_test, data.y_test, betas, intercepts),
    )


@dataclass(frozen=True)
class LambdaPoint:
    """The one model selected by λ, seen in penalized and in constrained form.

    Attributes
    ----------
    lam : float
        λ.
    beta : ndarray, shape (2,)
        β̂(λ), the penalized solution.
    intercept : float
        b̂(λ).
    budget : float
        t(λ) = ‖β̂(λ)‖₁ or ‖β̂(λ)‖₂.
    constrained_beta : ndarray, shape (2,)
        argmin L(β) subject to ‖β‖ ≤ t(λ): equal to ``beta`` (the two forms agree).
    train_mse, test_mse : float
    """

    lam: float
    beta: Array
    intercept: float
    budget: float
    constrained_beta: Array
    train_mse: float
    test_mse: float

    @property
    def forms_gap(self) -> float:
        """max |β̂_penalized − β̂_constrained|: 0 up to rounding."""
        return float(np.max(np.abs(self.beta - self.constrained_beta)))


def at_lambda(data: TwoFeatureData, path: LambdaPath, lam: float) -> LambdaPoint:
    """The model at one λ (not necessarily on the grid), and its constrained twin.

    Parameters
    ----------
    data : TwoFeatureData
        The dataset the path was fitted on.
    path : LambdaPath
        From :func:`fit_path` (gives the bowl and the penalty).
    lam : float
        λ ≥ 0.

    Returns
    -------
    LambdaPoint
    """
    if not (np.isfinite(lam) and lam >= 0):
        raise ValueError(f"λ must be a finite non-negative number; got {lam}.")
    loss = path.loss
    beta = solve_penalized(loss.center, loss.hessian, path.penalty, float(lam))
    budget = float(constraint_value(beta, path.penalty))
    twin = solve_constrained(loss.center, loss.hessian, path.penalty, budget)
    intercept = float(data.y_train.mean() - beta @ data.X_train.mean(axis=0))
    one = np.array([intercept])
    return LambdaPoint(
        lam=float(lam),
        beta=beta,
        intercept=intercept,
        budget=budget,
        constrained_beta=twin,
        train_mse=float(_mse(data.X_train, data.y_train, beta[None], one)[0]),
        test_mse=float(_mse(data.X_test, data.y_test, beta[None], one)[0]),
    )


def play_lambdas(per_decade: int = 10) -> Array:
    """The λ values ▶ Play steps through: increasing (the ball shrinks), evenly spaced on
    the log axis over the page's λ range.

    Examples
    --------
    >>> lams = play_lambdas()
    >>> len(lams), float(lams[0]), float(lams[-1])
    (41, 0.001, 10.0)
    """
    low, high = LOG_LAMBDA_RANGE
    return np.logspace(low, high, int(round((high - low) * per_decade)) + 1)


def sweep(data: TwoFeatureData, path: LambdaPath, lambdas: Array) -> tuple[LambdaPoint, ...]:
    """The model at each λ of ``lambdas``: the frames of the ▶ Play animation.

    Examples
    --------
    >>> data, path = data_and_path(penalty="l1", n=15, rho=0.7, noise=2.0, seed=0)
    >>> points = sweep(data, path, play_lambdas())
    >>> float(points[-1].budget)  # λ = 10: everything is zero
    0.0
    """
    return tuple(at_lambda(data, path, float(lam)) for lam in lambdas)


# --------------------------------------------------------------------------- the page

# The λ control's range: the grid's ends, shown as λ itself.
LAMBDA_RANGE = (10.0 ** LOG_LAMBDA_RANGE[0], 10.0 ** LOG_LAMBDA_RANGE[1])

# The One λ page's defaults and presets, by control name (regviz.ui.specs.one_lambda):
# λ, the penalty, and the data (feature correlation ρ, noise σ, training rows n, seed).
DEFAULTS: dict[str, object] = {
    "lam": 0.32,
    "penalty": "l1",
    "rho": 0.7,
    "noise": 2.0,
    "n": 15,
    "seed": 0,
}

PRESETS: dict[str, dict[str, object]] = {
    # A moderate λ: the diamond is touched at a corner, β₂ is exactly 0.
    "the classic picture": {**DEFAULTS},
    # λ past the point where the budget shrinks to nothing: both coefficients are 0.
    "too much penalty": {**DEFAULTS, "lam": 3.2},
    # The same data and λ with the circle: no coefficient is exactly 0.
    "ridge, same data": {**DEFAULTS, "penalty": "l2"},
}


def data_and_path(
    *, penalty: str, n: int, rho: float, noise: float, seed: int
) -> tuple[TwoFeatureData, LambdaPath]:
    """The page's data set and its exact fits over the λ grid, from every setting but λ
    (named as in :data:`DEFAULTS`): a move of λ reuses both.

    Examples
    --------
    >>> data, path = data_and_path(penalty="l2", n=15, rho=0.7, noise=2.0, seed=0)
    >>> data.X_train.shape, path.penalty
    ((15, 2), 'l2')
    """
    data = make_two_feature_data(int(n), correlation=float(rho), noise=float(noise), seed=int(seed))
    return data, fit_path(data, penalty)


def _norm_name(penalty: str, hat: bool = True) -> str:
    beta = "β̂" if hat else "β"
    return f"‖{beta}‖₁" if penalty == "l1" else f"‖{beta}‖₂"


def _zeros(beta: Array) -> list[str]:
    return [f"β{'₁₂'[j]}" for j in (0, 1) if beta[j] == 0.0]


def metrics(path: LambdaPath, point: LambdaPoint) -> list[Readout]:
    """The numbers under the figures.

    Examples
    --------
    >>> data = make_two_feature_data()
    >>> path = fit_path(data, "l1")
    >>> [r.label for r in metrics(path, at_lambda(data, path, 0.32))]
    ['λ', 't(λ) = ‖β̂‖₁', 'training MSE', 'test MSE']
    """
    return [
        Readout("λ", f"{point.lam:.3g}"),
        Readout(f"t(λ) = {_norm_name(path.penalty)}", f"{point.budget:.3g}"),
        Readout("training MSE", f"{point.train_mse:.3g}"),
        Readout("test MSE", f"{point.test_mse:.3g}"),
    ]


def path_table(path: LambdaPath) -> pd.DataFrame:
    """The numbers of the path and error views: one row per λ of the grid, largest first.

    Parameters
    ----------
    path : LambdaPath
        From :func:`fit_path` (or :func:`data_and_path`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``λ``; columns ``β̂₁``, ``β̂₂``, the budget ``t(λ) = ‖β̂‖₁`` (or ``‖β̂‖₂``),
        ``training MSE`` and ``test MSE``, exactly as fitted.

    Examples
    --------
    >>> data, path = data_and_path(penalty="l1", n=15, rho=0.7, noise=2.0, seed=0)
    >>> table = path_table(path)
    >>> len(table), list(table.columns)
    (161, ['β̂₁', 'β̂₂', 't(λ) = ‖β̂‖₁', 'training MSE', 'test MSE'])
    >>> table.iloc[0, :3].tolist()  # λ = 10: every coefficient is exactly 0
    [0.0, 0.0, 0.0]
    >>> bool((table["test MSE"] == path.test_mse).all())
    True
    """
    import pandas as pd

    return pd.DataFrame(
        {
            "β̂₁": path.betas[:, 0],
            "β̂₂": path.betas[:, 1],
            f"t(λ) = {_norm_name(path.penalty)}": path.budgets,
            "training MSE": path.train_mse,
            "test MSE": path.test_mse,
        },
        index=pd.Index(path.lambdas, name="λ"),
    )


def describe_point(path: LambdaPath, point: LambdaPoint) -> str:
    """The page's "What to notice": the two forms agree, the zeros, the test error.

    Examples
    --------
    >>> data = make_two_feature_data()
    >>> path = fit_path(data, "l1")
    >>> text = describe_point(path, at_lambda(data, path, 4.0))
    >>> "the same model" in text, "Both coefficients are exactly 0" in text
    (True, True)
    """
    lam, beta, t = point.lam, point.beta, point.budget
    zeros = _zeros(beta)
    if len(zeros) == 2:
        sparsity = "Both coefficients are exactly 0: the budget t has shrunk to nothing."
    elif zeros:
        sparsity = f"{zeros[0]} is exactly 0: the contour touches the diamond at a corner."
    elif path.penalty == "l1":
        sparsity = "No coefficient is zero yet: the contour touches an edge of the diamond."
    else:
        sparsity = "Ridge's circle has no corners, so no coefficient is exactly 0."
    best = path.best_test_lambda
    if lam > 0 and abs(np.log10(lam) - np.log10(best)) < 0.03:
        direction = "this is (about) the best λ for the test data"
    elif best < lam:
        direction = "less penalty would fit the test data better"
    else:
        direction = "more penalty would fit the test data better"
    twin = point.constrained_beta
    return (
        f"At λ = {lam:.3g} the penalized fit is β̂ = ({beta[0]:.4g}, {beta[1]:.4g}) with "
        f"{_norm_name(path.penalty)} = t = {t:.4g}; solving the *constrained* problem "
        f"{_norm_name(path.penalty, hat=False)} ≤ {t:.4g} instead gives "
        f"({twin[0]:.4g}, {twin[1]:.4g}) — the same model (largest difference "
        f"{point.forms_gap:.1e}). {sparsity} Its test error is {point.test_mse:.3g} against "
        f"{point.train_mse:.3g} in training; the lowest test error on this grid is "
        f"{path.test_mse.min():.3g} at λ = {best:.3g}, so {direction}."
    )


def alt_texts(path: LambdaPath, point: LambdaPoint) -> tuple[str, str, str]:
    """Text alternatives of the three figures (constraint picture, path, errors).

    Examples
    --------
    >>> data = make_two_feature_data()
    >>> path = fit_path(data, "l1")
    >>> ball, coefs, errors = alt_texts(path, at_lambda(data, path, 0.32))
    >>> "β₂ is exactly 0" in ball, coefs.startswith("Coefficient path of L1"), "test MSE" in errors
    (True, True, True)
    """
    beta, c = point.beta, path.loss.center
    zeros = _zeros(beta)
    if zeros:
        state = " and ".join(zeros) + (" is" if len(zeros) == 1 else " are") + " exactly 0"
    else:
        state = "no coefficient is exactly 0"
    ball = (
        f"Constrained form: the ball {_norm_name(path.penalty, hat=False)} ≤ t = "
        f"{point.budget:.3g} and the loss contour through β̂ = ({beta[0]:.3g}, {beta[1]:.3g}) "
        f"touch there; {state}. Least squares (λ = 0) is at ({c[0]:.3g}, {c[1]:.3g})."
    )
    name = "L1 (lasso)" if path.penalty == "l1" else "L2 (ridge)"
    coefs = (
        f"Coefficient path of {name} for λ from {path.lambdas.min():.3g} to "
        f"{path.lambdas.max():.3g}: at λ = {point.lam:.3g}, β̂₁ = {beta[0]:.3g}, "
        f"β̂₂ = {beta[1]:.3g} and t(λ) = {point.budget:.3g}."
    )
    errors = (
        f"Training MSE {point.train_mse:.3g} and test MSE {point.test_mse:.3g} at λ = "
        f"{point.lam:.3g}; the lowest test MSE on the grid is {path.test_mse.min():.3g} at "
        f"λ = {path.best_test_lambda:.3g}."
    )
    return ball, coefs, errors


def code_snippet(*, lam: float, penalty: str, rho: float, noise: float, n: int, seed: int) -> str:
    """Runnable code: scikit-learn's ``Lasso`` / ``Ridge`` at the same λ on the same data.

    It prints β̂, the budget t(λ), the training and test errors, and the constrained
    problem's answer for that budget (regviz's exact solver) — the numbers on the page.

    Examples
    --------
    >>> code = code_snippet(**DEFAULTS)
    >>> namespace = {}
    >>> exec(code, namespace)  # doctest: +ELLIPSIS
    β̂ = [...]
    ...
    >>> float(namespace["beta"][1])
    0.0
    """
    if penalty == "l1":
        model = [
            "from sklearn.linear_model import Lasso",
            "model = Lasso(alpha=lam, tol=1e-12, max_iter=100_000)  # λ is Lasso's alpha",
        ]
        budget = "t = np.abs(beta).sum()  # the budget t(λ) = ‖β̂‖₁"
    else:
        model = [
            "from sklearn.linear_model import Ridge",
            "# Ridge minimizes ‖y − Xβ‖² + α‖β‖² (no 1/2n), so the same model has α = n·λ.",
            "model = Ridge(alpha=len(data.y_train) * lam)",
        ]
        budget = "t = np.sqrt((beta**2).sum())  # the budget t(λ) = ‖β̂‖₂"
    return "\n".join(
        [
            "import numpy as np",
            "from regviz import QuadraticLoss, solve_constrained",
            "from regviz.experiments.onelambda import make_two_feature_data",
            "",
            f"# The page's data: {int(n)} training rows (and 2,000 test rows).",
            f"data = make_two_feature_data({int(n)}, correlation={float(rho)!r}, "
            f"noise={float(noise)!r}, seed={int(seed)})",
            f"lam = {float(lam)!r}",
            *model,
            "model.fit(data.X_train, data.y_train)",
            "beta = model.coef_",
            budget,
            "train_mse = np.mean((data.y_train - model.predict(data.X_train)) ** 2)",
            "test_mse = np.mean((data.y_test - model.predict(data.X_test)) ** 2)",
            "",
            "# The constrained form with that budget gives the same model.",
            "loss = QuadraticLoss.from_data(data.X_train, data.y_train)",
            f"twin = solve_constrained(loss.center, loss.hessian, penalty='{penalty}', t=t)",
            "print('β̂ =', np.round(beta, 4).tolist(), ' t(λ) =', round(t, 4))",
            "print('constrained β̂ =', np.round(twin, 4).tolist())",
            "print('training MSE', round(train_mse, 4), ' test MSE', round(test_mse, 4))",
        ]
    )
