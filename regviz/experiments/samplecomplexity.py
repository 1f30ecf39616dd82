"""Why sparsity needs fewer samples: a reproduction of Ng (2004), §5 / Figure 1.

Andrew Y. Ng, "Feature selection, L1 vs. L2 regularization, and rotational
invariance", ICML 2004, proves an *upper* bound for L1-regularized logistic regression:
the number of training examples it needs grows at most *logarithmically* with the number
of irrelevant features. For any rotationally invariant method -- L2-regularized logistic
regression among them -- he proves a *worst-case lower* bound: there are problems on
which it needs a number of examples that grows at least *linearly* in the number of
features. That is a statement about the worst case, not the typical growth of L2's
error curve. His Figure 1 shows the experiment below: with 100 training examples in up
to 1,000 dimensions, L1 stays near the Bayes error while L2 drifts towards 0.5.

The experiment
--------------
- Inputs x ~ N(0, I_d): d independent standard normal features.
- Labels from a logistic model without intercept, P(y = 1 | x) = σ(θᵀx), in three
  settings of θ, all with ‖θ‖ = 10 and therefore the same Bayes error:

  * ``"one"`` -- (i) θ₁ = 10, every other θᵢ = 0 (one relevant feature; the others
    are irrelevant, pure noise to the classifier);
  * ``"three"`` -- (ii) θ₁ = θ₂ = θ₃ = 10/√3 (three relevant features);
  * ``"exponential"`` -- (iii) θᵢ = √75·(½)^(i−1) (*every* feature relevant, with
    geometrically decaying weight; ‖θ‖² = 100·(1 − 4^(−d)) ≈ 100). No feature is pure
    noise here, though all but the first few carry almost no signal.

- Models: scikit-learn ``LogisticRegression`` with an L1 penalty (``liblinear``) or an
  L2 penalty (``liblinear``, dual form, which is fast when d > m), no intercept (the
  true model has none).
- Choosing C: the m training examples are split 70 % / 30 %; every C of a log grid
  (:data:`C_GRID`, 10⁻³ … 10², 11 values) is fitted on the 70 % and scored on the 30 %
  hold-out by 0/1 error (ties broken by hold-out log-loss, then by the smaller C); the
  chosen C is then **refitted on all m training examples**.
- Test error: the expected 0/1 error and log-loss of the fitted classifier over the
  input distribution (an infinitely large test set), estimated on
  :data:`N_EVAL_POINTS` test inputs, with a Monte Carlo standard error of at most
  √(e(1 − e)/N) at error e (:func:`error_se_bound`: 0.0016 at e = 0.42, N = 100,000).
  Every fit is scored on the same test inputs, so this error does not shrink when the
  errors of many repeats are averaged, and the ±1 SE over repeats does not include it.
  Because x is Gaussian, the pair (θᵀx, wᵀx) is bivariate normal, so the test inputs
  are drawn directly as that pair -- the same distribution as a d-dimensional test set,
  at a cost independent of d -- and each label is averaged out exactly
  (P(y = 1 | x) = σ(θᵀx)).
- Bayes error: the error of the true classifier sign(θᵀx), E[σ(−|θᵀx|)], estimated by
  Monte Carlo on :data:`N_BAYES_POINTS` test inputs (about 0.055 for ‖θ‖ = 10).

Run the full experiment from a shell (2 cores, progress bar on stderr)::

    python -m regviz.samplecomplexity --repeats 100 --jobs 2 \
        --out regviz/experiments/data/ng2004_results.csv

Its output ships with regviz and is read by :func:`load_results`.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from regviz.core.stats import standard_error

if TYPE_CHECKING:  # scikit-learn is imported where a model is fitted: the page's first
    # visit reads the shipped run from CSV and needs none of it (~0.6 CPU-s to import).
    # pandas and scipy.special too are imported where used: the router imports this
    # module for the page's settings, and every page's first visit would pay for them.
    import pandas as pd
    from sklearn.linear_model import LogisticRegression

SETTINGS: tuple[str, ...] = ("one", "three", "exponential")
SETTING_LABELS: dict[str, str] = {
    "one": "(i) one relevant feature: θ₁ = 10",
    "three": "(ii) three relevant features: θ₁ = θ₂ = θ₃ = 10/√3",
    "exponential": "(iii) decaying weights: θᵢ = √75·(½)^(i−1)",
}
PENALTIES: tuple[str, ...] = ("l1", "l2")

# The regularization grid searched on the hold-out set (C = 1 / (λ·m) in sklearn terms).
C_GRID: np.ndarray = np.logspace(-3, 2, 11)
HOLDOUT_FRACTION = 0.3
N_EVAL_POINTS = 100_000
N_BAYES_POINTS = 2_000_000
MAX_FEATURES = 5_000
MIN_TRAIN = 10
# liblinear visits coordinates in a random order: fix it so that every run is reproducible.
LIBLINEAR_SEED = 0

# The columns of the summary table (and of the CSV the page reads).
SUMMARY_COLUMNS: tuple[str, ...] = (
    "setting",
    "n_train",
    "n_features",
    "penalty",
    "n_repeats",
    "error_mean",
    "error_se",
    "log_loss_mean",
    "log_loss_se",
    "nonzero_mean",
    "C_median",
    "bayes_error",
    "bayes_error_se",
    "bayes_log_loss",
)

DEFAULT_RESULTS_PATH = Path(__file__).resolve().parent / "data" / "ng2004_results.csv"


# --------------------------------------------------------------------------- the truth


def check_setting(setting: str) -> str:
    """Return ``setting`` if it is one of :data:`SETTINGS`, else raise ``ValueError``."""
    if setting not in SETTINGS:
        raise ValueError(
            f"Unknown setting {setting!r}; choose one of {', '.join(SETTINGS)} "
            "(one, three or exponentially decaying relevant weights)."
        )
    return setting


def check_sizes(n_features: int, n_train: int, setting: str = "one") -> None:
    """Raise ``ValueError`` with a plain sentence when a problem size makes no sense."""
    check_setting(setting)
    if int(n_features) != n_features or n_features < 1:
        raise ValueError("The number of features must be a whole number of at least 1.")
    if setting == "three" and n_features < 3:
        raise ValueError("Setting (ii) has three relevant features: choose at least 3 features.")
    if n_features > MAX_FEATURES:
        raise ValueError(f"At most {MAX_FEATURES:,} features are supported here.")
    if int(n_train) != n_train or n_train < MIN_TRAIN:
        raise ValueError(
            f"At least {MIN_TRAIN} training examples are needed: 30 % of them are held "
            "out to choose the regularization strength."
        )


def true_theta(setting: str, n_features: int) -> np.ndarray:
    """Return the true parameter vector θ of a setting in ``n_features`` dimensions.

    Parameters
    ----------
    setting : {"one", "three", "exponential"}
        Ng's settings (i), (ii) and (iii).
    n_features : int
        Total number of features d (relevant plus irrelevant).

    Returns
    -------
    ndarray of shape (n_features,)

    Examples
    --------
    >>> true_theta("three", 4).round(3).tolist()
    [5.774, 5.774, 5.774, 0.0]
    """
    check_sizes(n_features, MIN_TRAIN, setting)
    theta = np.zeros(int(n_features))
    if setting == "one":
        theta[0] = 10.0
    elif setting == "three":
        theta[:3] = 10.0 / np.sqrt(3.0)
    else:
        theta[:] = np.sqrt(75.0) * 0.5 ** np.arange(n_features)
    return theta


def sample_data(
    theta: np.ndarray, n_samples: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``n_samples`` examples x ~ N(0, I), y ~ Bernoulli(σ(θᵀx)), labels in {0, 1}."""
    from scipy.special import expit

    X = rng.standard_normal((int(n_samples), theta.size))
    y = (rng.random(int(n_samples)) < expit(X @ theta)).astype(np.int64)
    return X, y


# --------------------------------------------------------------------- test and Bayes error


@functools.lru_cache(maxsize=4)
def _eval_pairs(seed: int, n_points: int) -> np.ndarray:
    # Common random numbers: every model is scored on the same test inputs.
    pairs = np.random.default_rng([seed, 20040704]).standard_normal((2, n_points))
    pairs.flags.writeable = False
    return pairs


def population_metrics(
    w: np.ndarray, theta: np.ndarray, *, n_points: int = N_EVAL_POINTS, seed: int = 0
) -> tuple[float, float]:
    """Expected test 0/1 error and log-loss of the linear classifier w on the true model.

    The classifier predicts y = 1 when wᵀx > 0 and gives P(y = 1 | x) = σ(wᵀx). Over
    x ~ N(0, I) the pair (u, v) = (θᵀx, wᵀx) is bivariate normal with variances ‖θ‖²,
    ‖w‖² and covariance θᵀw, so ``n_points`` test inputs are drawn as that pair; each
    label is averaged out exactly using P(y = 1 | x) = σ(u).

    Parameters
    ----------
    w : ndarray of shape (d,)
        Fitted coefficients (no intercept).
    theta : ndarray of shape (d,)
        True coefficients.
    n_points : int, default N_EVAL_POINTS
        Number of test inputs. The Monte Carlo standard error of the 0/1 error e is at
        most √(e(1 − e)/n_points) (:func:`error_se_bound`): 0.0016 at e = 0.42 with the
        default 100,000 points, not below 0.001.
    seed : int, default 0
        Seed of the test inputs; the same seed gives every model the same test set.

    Returns
    -------
    (float, float)
        0/1 error and mean log-loss (natural log).

    Examples
    --------
    >>> theta = true_theta("one", 3)
    >>> error, _ = population_metrics(theta, theta, n_points=20_000)  # the true classifier
    >>> bool(abs(error - 0.055) < 3 * error_se_bound(0.055, 20_000))  # the Bayes error
    True
    """
    from scipy.special import expit, log_expit

    w = np.asarray(w, dtype=float).ravel()
    theta = np.asarray(theta, dtype=float).ravel()
    if w.shape != theta.shape:
        raise ValueError("The fitted and the true coefficients must have the same length.")
    z1, z2 = _eval_pairs(seed, n_points)
    a = float(np.linalg.norm(theta))
    u = a * z1
    norm_w = float(np.linalg.norm(w))
    if norm_w == 0.0:
        v = np.zeros_like(u)
    else:
        rho = float(np.clip(theta @ w / (a * norm_w), -1.0, 1.0))
        v = norm_w * (rho * z1 + np.sqrt(max(0.0, 1.0 - rho * rho)) * z2)
    p1 = expit(u)  # P(y = 1 | x)
    predicts_one = v > 0  # sklearn predicts class 0 on a zero score
    error = np.where(predicts_one, 1.0 - p1, p1).mean()
    log_loss = (-(p1 * log_expit(v) + (1.0 - p1) * log_expit(-v))).mean()
    return float(error), float(log_loss)


@dataclass(frozen=True)
class BayesRisk:
    """Error of the true classifier sign(θᵀx), estimated by Monte Carlo.

    Attributes
    ----------
    error, error_se : float
        Bayes 0/1 error E[σ(−|θᵀx|)] and its Monte Carlo standard error.
    log_loss : float
        Log-loss of the true probabilities (the lowest achievable log-loss).
    n_points : int
        Size of the Monte Carlo test set.
    """

    error: float
    error_se: float
    log_loss: float
    n_points: int


def bayes_risk(theta_norm: float, *, n_points: int = N_BAYES_POINTS, seed: int = 0) -> BayesRisk:
    """Estimate the Bayes error and log-loss on a big Monte Carlo test set.

    Only ‖θ‖ matters: θᵀx ~ N(0, ‖θ‖²) for x ~ N(0, I).

    Parameters
    ----------
    theta_norm : float
        ‖θ‖ (10 in every setting of Ng's experiment).
    n_points : int, default N_BAYES_POINTS
    seed : int, default 0

    Returns
    -------
    BayesRisk
    """
    from scipy.special import expit, log_expit

    if not np.isfinite(theta_norm) or theta_norm < 0:
        raise ValueError("‖θ‖ must be a finite number of at least 0.")
    u = theta_norm * np.random.default_rng([seed, 1]).standard_normal(int(n_points))
    miss = expit(-np.abs(u))  # the true classifier is wrong with probability σ(−|u|)
    p1 = expit(u)
    entropy = -(p1 * log_expit(u) + (1.0 - p1) * log_expit(-u))
    return BayesRisk(
        error=float(miss.mean()),
        error_se=float(standard_error(miss)),
        log_loss=float(entropy.mean()),
        n_points=int(n_points),
    )


# ----------------------------------------------------------------------------- one trial


def make_model(penalty: str, C: float) -> LogisticRegression:
    """The scikit-learn model for ``penalty`` ("l1" or "l2") at inverse strength C.

    The penalty is chosen by ``l1_ratio`` alone (1.0: L1, 0.0: L2), which needs
    scikit-learn ≥ 1.8 — the floor in ``pyproject.toml`` and ``requirements.txt``. Before
    1.8 ``l1_ratio`` was ignored unless ``penalty="elasticnet"``, so this L1 model would
    silently fit L2; from 1.8 ``penalty=`` is deprecated (a FutureWarning, removed in
    1.10), so no spelling works quietly on both sides of 1.8.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((200, 30))
    >>> y = (X[:, 0] > 0).astype(int)  # only the first feature matters
    >>> w = make_model("l1", C=0.1).fit(X, y).coef_.ravel()
    >>> bool(w[0] > 0), int(np.count_nonzero(w[1:] == 0.0)) > 20
    (True, True)
    """
    from sklearn.linear_model import LogisticRegression

    if penalty not in ("l1", "l2"):
        raise ValueError(f"Unknown penalty {penalty!r}; expected 'l1' or 'l2'.")
    return LogisticRegression(
        C=C,
        l1_ratio=1.0 if penalty == "l1" else 0.0,
        solver="liblinear",
        # L2 in the dual form, fast when d > m; liblinear solves L1 in the primal only.
        dual=penalty == "l2",
        fit_intercept=False,
        max_iter=1000,
        random_state=LIBLINEAR_SEED,
    )


def _fit_coef_counted(
    penalty: str, C: float, X: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, int]:
    """Coefficients, and 1 if liblinear stopped at its iteration limit (else 0).

    scikit-learn's ``ConvergenceWarning`` is caught (it would go to the server log);
    non-convergence is read off the iteration count and counted in the results.
    """
    if np.unique(y).size < 2:
        # One class only: the best linear model without intercept is w = 0.
        return np.zeros(X.shape[1]), 0
    from sklearn.exceptions import ConvergenceWarning

    model = make_model(penalty, C)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    stopped = int(np.max(np.atleast_1d(model.n_iter_)) >= model.max_iter)
    return model.coef_.ravel().copy(), stopped


def _fit_coef(penalty: str, C: float, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    return _fit_coef_counted(penalty, C, X, y)[0]


def _holdout_scores(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from scipy.special import log_expit

    score = X @ w
    error = float(np.mean((score > 0) != (y == 1)))
    signed = np.where(y == 1, score, -score)
    return error, float(-log_expit(signed).mean())


def choose_C(
    penalty: str,
    X: np.ndarray,
    y: np.ndarray,
    *,
    C_grid: Sequence[float] = tuple(C_GRID),
    holdout_fraction: float = HOLDOUT_FRACTION,
    rng: np.random.Generator,
) -> float:
    """Pick C on a random hold-out split: lowest 0/1 error, then log-loss, then smaller C.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X, y = sample_data(true_theta("one", 5), 40, rng)
    >>> float(choose_C("l1", X, y, rng=rng)) in set(C_GRID)
    True
    """
    return _choose_C_counted(
        penalty, X, y, C_grid=C_grid, holdout_fraction=holdout_fraction, rng=rng
    )[0]


def _choose_C_counted(
    penalty: str,
    X: np.ndarray,
    y: np.ndarray,
    *,
    C_grid: Sequence[float],
    holdout_fraction: float,
    rng: np.random.Generator,
) -> tuple[float, int]:
    n = y.size
    n_hold = int(round(holdout_fraction * n))
    order = rng.permutation(n)
    hold, fit = order[:n_hold], order[n_hold:]
    best: tuple[float, float, float] | None = None
    stopped = 0
    for C in sorted(C_grid):
        w, flag = _fit_coef_counted(penalty, C, X[fit], y[fit])
        stopped += flag
        error, loss = _holdout_scores(w, X[hold], y[hold])
        key = (error, loss, C)
        if best is None or key < best:
            best = key
    assert best is not None
    return float(best[2]), stopped


def run_trial(
    setting: str,
    n_features: int,
    n_train: int,
    seed: int,
    *,
    C_grid: Sequence[float] = tuple(C_GRID),
    n_eval: int = N_EVAL_POINTS,
) -> list[dict[str, float | int | str]]:
    """One repeat: draw a training set, fit L1 and L2 (C chosen on a hold-out), evaluate.

    Parameters
    ----------
    setting : {"one", "three", "exponential"}
    n_features : int
        Total number of features d.
    n_train : int
        Number of training examples m (30 % of them are the hold-out for C).
    seed : int
        Seed of this repeat's training set and split.
    C_grid : sequence of float
        Inverse regularization strengths tried.
    n_eval : int
        Size of the test set (see :func:`population_metrics`).

    Returns
    -------
    list of dict
        One row per penalty with ``error``, ``log_loss``, ``C``, ``n_nonzero`` and
        ``n_not_converged`` (liblinear fits of this repeat, the C search included, that
        stopped at the iteration limit).

    Examples
    --------
    >>> rows = run_trial("one", 5, 40, seed=0, n_eval=2_000)
    >>> [(r["penalty"], r["n_not_converged"]) for r in rows]
    [('l1', 0), ('l2', 0)]
    """
    check_sizes(n_features, n_train, setting)
    rng = np.random.default_rng(seed)
    theta = true_theta(setting, n_features)
    X, y = sample_data(theta, n_train, rng)
    rows: list[dict[str, float | int | str]] = []
    for penalty in PENALTIES:
        C, stopped = _choose_C_counted(
            penalty, X, y, C_grid=C_grid, holdout_fraction=HOLDOUT_FRACTION, rng=rng
        )
        w, flag = _fit_coef_counted(penalty, C, X, y)
        error, loss = population_metrics(w, theta, n_points=n_eval)
        rows.append(
            {
                "setting": setting,
                "n_train": int(n_train),
                "n_features": int(n_features),
                "penalty": penalty,
                "seed": int(seed),
                "error": error,
                "log_loss": loss,
                "C": C,
                "n_nonzero": int(np.count_nonzero(w)),
                "n_not_converged": stopped + flag,
            }
        )
    return rows


# ------------------------------------------------------------------------ the experiment


@dataclass(frozen=True)
class SampleComplexityResult:
    """Means and standard errors of every (setting, m, d, penalty) point.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per point with the columns :data:`SUMMARY_COLUMNS`.
    metadata : dict of str to str
        How the numbers were made (repeats, C grid, hold-out, seed, run time, ...).
    """

    summary: pd.DataFrame
    metadata: dict[str, str] = field(default_factory=dict)

    def curve(self, setting: str, n_train: int, penalty: str) -> pd.DataFrame:
        """The rows of one curve, sorted by number of features."""
        s = self.summary
        rows = s[(s.setting == setting) & (s.n_train == n_train) & (s.penalty == penalty)]
        return rows.sort_values("n_features").reset_index(drop=True)


def trial_seed(seed: int, setting: str, n_train: int, n_features: int, repeat: int) -> int:
    """A seed that depends only on the point and the repeat (not on the job order)."""
    ss = np.random.SeedSequence([seed, SETTINGS.index(setting), n_train, n_features, repeat])
    return int(ss.generate_state(1)[0])


def experiment_tasks(
    settings: Iterable[str],
    features: Iterable[int],
    train_sizes: Iterable[int],
    repeats: int,
    seed: int,
) -> list[tuple[str, int, int, int]]:
    """Every (setting, d, m, trial seed) of an experiment, after checking the sizes."""
    if int(repeats) != repeats or repeats < 1:
        raise ValueError("The number of repeats must be a whole number of at least 1.")
    settings, features, train_sizes = list(settings), list(features), list(train_sizes)
    if not settings or not features or not train_sizes:
        raise ValueError("Choose at least one setting, one feature count and one sample size.")
    tasks = []
    for setting in settings:
        for m in train_sizes:
            for d in features:
                check_sizes(d, m, setting)
                for r in range(int(repeats)):
                    tasks.append((setting, int(d), int(m), trial_seed(seed, setting, m, d, r)))
    return tasks


def summarize(trials: pd.DataFrame, *, n_bayes: int = N_BAYES_POINTS) -> pd.DataFrame:
    """Mean, standard error (sd/√repeats) and Bayes risk of every point of a trial table.

    Examples
    --------
    >>> import pandas as pd
    >>> trials = pd.DataFrame(run_trial("one", 5, 40, seed=0, n_eval=2_000))
    >>> summarize(trials, n_bayes=2_000)[["penalty", "n_repeats", "not_converged"]].values.tolist()
    [['l1', 1, 0], ['l2', 1, 0]]
    """
    keys = ["setting", "n_train", "n_features", "penalty"]
    grouped = trials.groupby(keys, sort=True)
    out = grouped.agg(
        n_repeats=("error", "size"),
        error_mean=("error", "mean"),
        error_sd=("error", "std"),
        log_loss_mean=("log_loss", "mean"),
        log_loss_sd=("log_loss", "std"),
        nonzero_mean=("n_nonzero", "mean"),
        C_median=("C", "median"),
    ).reset_index()
    root_n = np.sqrt(out["n_repeats"].to_numpy(dtype=float))
    out["error_se"] = out.pop("error_sd").fillna(0.0).to_numpy() / root_n
    out["log_loss_se"] = out.pop("log_loss_sd").fillna(0.0).to_numpy() / root_n
    bayes_cache: dict[float, BayesRisk] = {}
    bayes_rows = []
    for setting, d in zip(out["setting"], out["n_features"], strict=True):
        norm = round(float(np.linalg.norm(true_theta(setting, int(d)))), 12)
        if norm not in bayes_cache:
            bayes_cache[norm] = bayes_risk(norm, n_points=n_bayes)
        bayes_rows.append(bayes_cache[norm])
    out["bayes_error"] = [b.error for b in bayes_rows]
    out["bayes_error_se"] = [b.error_se for b in bayes_rows]
    out["bayes_log_loss"] = [b.log_loss for b in bayes_rows]
    columns = list(SUMMARY_COLUMNS)
    if "n_not_converged" in trials:
        # Fits (C search and refit, over all repeats) that hit liblinear's iteration limit.
        out["not_converged"] = grouped["n_not_converged"].sum().to_numpy()
        columns.append("not_converged")
    return out[columns]


def run_experiment(
    *,
    settings: Sequence[str] = SETTINGS,
    features: Sequence[int] = (10, 100, 1000),
    train_sizes: Sequence[int] = (100,),
    repeats: int = 10,
    seed: int = 0,
    n_jobs: int = 1,
    C_grid: Sequence[float] = tuple(C_GRID),
    n_eval: int = N_EVAL_POINTS,
    n_bayes: int = N_BAYES_POINTS,
    progress: Callable[[float], None] | None = None,
) -> SampleComplexityResult:
    """Run Ng's experiment on a grid of settings, feature counts and training sizes.

    Parameters
    ----------
    settings : sequence of {"one", "three", "exponential"}
    features : sequence of int
        Total numbers of features d.
    train_sizes : sequence of int
        Numbers of training examples m.
    repeats : int
        Independent training sets per point.
    seed : int
        Master seed; every trial's seed depends only on its point and repeat number.
    n_jobs : int, default 1
        Worker processes (joblib); 1 runs in this process.
    C_grid, n_eval, n_bayes
        See :func:`run_trial` and :func:`bayes_risk`.
    progress : callable or None
        Called with the finished fraction in [0, 1] after every trial.

    Returns
    -------
    SampleComplexityResult

    Examples
    --------
    >>> res = run_experiment(settings=["one"], features=[5], train_sizes=[40], repeats=2)
    >>> sorted(res.summary.penalty)
    ['l1', 'l2']
    """
    import pandas as pd
    import sklearn

    tasks = experiment_tasks(settings, features, train_sizes, repeats, seed)
    grid = tuple(float(c) for c in C_grid)
    if not grid or min(grid) <= 0:
        raise ValueError("Every C of the grid must be a positive number.")
    start = time.perf_counter()
    rows: list[dict[str, float | int | str]] = []
    if n_jobs == 1:
        for i, (setting, d, m, s) in enumerate(tasks, start=1):
            rows.extend(run_trial(setting, d, m, s, C_grid=grid, n_eval=n_eval))
            if progress is not None:
                progress(i / len(tasks))
    else:
        from joblib import Parallel, delayed

        # Refer to the importable module, not __main__, so workers unpickle by name.
        from regviz.experiments import samplecomplexity as module

        parallel = Parallel(n_jobs=n_jobs, return_as="generator_unordered")
        jobs = (
            delayed(module.run_trial)(st, d, m, s, C_grid=grid, n_eval=n_eval)
            for st, d, m, s in tasks
        )
        for i, trial_rows in enumerate(parallel(jobs), start=1):
            rows.extend(trial_rows)
            if progress is not None:
                progress(i / len(tasks))
    summary = summarize(pd.DataFrame(rows), n_bayes=n_bayes)
    metadata = {
        "repeats": str(int(repeats)),
        "settings": " ".join(settings),
        "features": " ".join(str(int(d)) for d in features),
        "train_sizes": " ".join(str(int(m)) for m in train_sizes),
        "seed": str(int(seed)),
        "C_grid": " ".join(f"{c:.4g}" for c in grid),
        "C_choice": (
            f"{int(HOLDOUT_FRACTION * 100)} % hold-out of the training set, lowest hold-out "
            "0/1 error (ties: log-loss), then refit on all training examples"
        ),
        "solvers": "liblinear (L1: primal; L2: dual), no intercept",
        "test_set": f"{n_eval} Gaussian test inputs per fit, labels averaged exactly",
        "bayes_test_set": f"{n_bayes} Monte Carlo test inputs",
        "software": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "elapsed_seconds": f"{time.perf_counter() - start:.1f}",
    }
    return SampleComplexityResult(summary=summary, metadata=metadata)


# ------------------------------------------------------------------ the page's settings

# The shipped full run (its command-line defaults): every d and m the page can read off.
FULL_FEATURES: tuple[int, ...] = (3, 10, 30, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000)
FULL_TRAIN_SIZES: tuple[int, ...] = (100, 200)

# Columns of a summary for each measure the figures can show:
# (mean, standard error over repeats, the Bayes value, axis title).
METRIC_COLUMNS: dict[str, tuple[str, str, str, str]] = {
    "error": ("error_mean", "error_se", "bayes_error", "test 0/1 error"),
    "log_loss": ("log_loss_mean", "log_loss_se", "bayes_log_loss", "test log-loss"),
}
METRIC_NAMES: dict[str, str] = {"error": "0/1 error", "log_loss": "log-loss"}

# Live runs on the page: fewer points and repeats, a smaller test set.
LIVE_N_EVAL = 20_000
LIVE_N_BAYES = 400_000
# About 0.1 s per trial on one shared core: 120 trials keep a live run under ~20 s.
MAX_LIVE_TRIALS = 120
SECONDS_PER_TRIAL = 0.1

DEFAULTS: dict[str, object] = {
    # The shipped full run: Ng's m = 100, read off at the largest d, by the 0/1 error.
    "m": 100,
    "features": 1000,
    "metric": "error",
    # The live reduced run (about 3 s): setting (i), m = 100, d ∈ {3, 502, 1000}, 3 repeats.
    "live_setting": "one",
    "live_n_train": 100,
    "live_max_features": 1000,
    "live_n_points": 3,
    "live_repeats": 3,
    "live_seed": 0,
}
"""Every control of the sample-complexity page at its default (the page holds none)."""

PRESETS: dict[str, dict[str, object]] = {
    # Ng's Figure 1: m = 100, the errors read off at d = 1000, where L2 is near 0.42.
    "Ng's Figure 1 (m = 100)": {**DEFAULTS},
    # Twice the examples: L2 still drifts, a little more slowly; L1 barely moves.
    "twice the examples (m = 200)": {**DEFAULTS, "m": 200},
    # At d = 30 the gap has already opened in settings (i) and (iii).
    "the gap opens (d = 30)": {**DEFAULTS, "features": 30},
    # A longer live run (90 training sets, about 10 s) on three relevant features.
    "live run, setting (ii)": {
        **DEFAULTS,
        "live_setting": "three",
        "live_n_points": 6,
        "live_repeats": 15,
    },
}
"""Named full states of the page (every value given; the frame offers them as buttons)."""


def _live_fields(state: dict[str, object]) -> dict[str, object]:
    return {
        "max_features": state["live_max_features"],
        "n_points": state["live_n_points"],
        "repeats": state["live_repeats"],
        "n_train": state["live_n_train"],
    }


# The live run's default and its longer preset in the shape benchmarks/bench_claims_ng.py
# reads: derived from DEFAULTS and PRESETS above, not a second home for them.
LIVE_PRESETS: dict[str, dict[str, object]] = {
    "Quick (≈ 3 s)": _live_fields(DEFAULTS),
    "Reduced (≈ 10 s)": _live_fields(PRESETS["live run, setting (ii)"]),
}


def nearest_full_features(raw: str) -> str:
    """An old link's feature count as the nearest count of the full run, as link text.

    Links made before the page frame could name any d from 3 to 1000 (the numbers were
    read off at the nearest computed count); the control now offers those counts only.
    Ties go to the smaller count, as :func:`nearest_point` reads them.

    Examples
    --------
    >>> nearest_full_features("250"), nearest_full_features("999")
    ('200', '1000')
    """
    value = float(raw)
    if not FULL_FEATURES[0] <= value <= FULL_FEATURES[-1]:
        raise ValueError(f"outside {FULL_FEATURES[0]} … {FULL_FEATURES[-1]}")
    return str(min(FULL_FEATURES, key=lambda d: abs(d - value)))


def check_live_budget(n_points: int, repeats: int, n_train: int = 100) -> None:
    """Raise ``ValueError`` when a live run would take longer than about 20 seconds.

    A trial costs roughly in proportion to m beyond 100 examples, so the allowance of
    :data:`MAX_LIVE_TRIALS` training sets shrinks for larger m (60 at m = 200).
    """
    trials = int(n_points) * int(repeats)
    allowed = int(MAX_LIVE_TRIALS / max(1.0, n_train / 100))
    if trials > allowed:
        raise ValueError(
            f"{n_points} feature counts × {repeats} repeats = {trials} training sets is too "
            f"many for a live run with m = {n_train} (at most {allowed}, about 20 seconds): "
            "choose fewer repeats, fewer feature counts or fewer training examples. The full "
            "run above has 100 repeats per point."
        )


def live_feature_grid(max_features: int, n_points: int, setting: str = "one") -> list[int]:
    """Evenly spaced feature counts from the smallest allowed up to ``max_features``.

    Examples
    --------
    >>> live_feature_grid(1000, 3)
    [3, 502, 1000]
    """
    if int(n_points) != n_points or n_points < 1:
        raise ValueError("Choose at least one feature count.")
    smallest = 3
    check_sizes(max_features, MIN_TRAIN, setting)
    if max_features < smallest:
        return [int(max_features)]
    grid = np.linspace(smallest, max_features, int(n_points)).round().astype(int)
    return sorted({int(d) for d in grid})


@dataclass(frozen=True)
class LivePlan:
    """A checked live run: one setting, one m, a few feature counts, a few repeats."""

    setting: str
    n_train: int
    features: tuple[int, ...]
    repeats: int
    seed: int

    @property
    def trials(self) -> int:
        """Training sets the run fits (each: a C search and a refit, L1 and L2)."""
        return len(self.features) * self.repeats


def live_plan(
    setting: str, n_train: int, max_features: int, n_points: int, repeats: int, seed: int
) -> LivePlan:
    """The live run the page's controls ask for, or ``ValueError`` with a plain sentence.

    Examples
    --------
    >>> live_plan("one", 100, 1000, 3, 3, 0)
    LivePlan(setting='one', n_train=100, features=(3, 502, 1000), repeats=3, seed=0)
    """
    check_setting(setting)
    check_live_budget(n_points, repeats, n_train)
    features = tuple(live_feature_grid(max_features, n_points, setting))
    for d in features:
        check_sizes(d, n_train, setting)
    return LivePlan(setting, int(n_train), features, int(repeats), int(seed))


def run_live(
    plan: LivePlan, progress: Callable[[float], None] | None = None
) -> SampleComplexityResult:
    """Run a :class:`LivePlan` (test set of :data:`LIVE_N_EVAL` inputs), in this process.

    Examples
    --------
    >>> run = run_live(LivePlan("one", 40, (5, 40), 2, 0))
    >>> sorted(set(run.summary.n_features))
    [5, 40]
    """
    return run_experiment(
        settings=[plan.setting],
        features=plan.features,
        train_sizes=[plan.n_train],
        repeats=plan.repeats,
        seed=plan.seed,
        n_eval=LIVE_N_EVAL,
        n_bayes=LIVE_N_BAYES,
        progress=progress,
    )


def nearest_point(
    result: SampleComplexityResult, setting: str, n_train: int, n_features: int
) -> pd.DataFrame:
    """The L1 and L2 rows of ``result`` at the feature count closest to ``n_features``."""
    s = result.summary
    rows = s[(s.setting == setting) & (s.n_train == n_train)]
    if rows.empty:
        raise ValueError(f"There are no results for this setting with m = {n_train}.")
    d = int(rows.n_features.iloc[(rows.n_features - n_features).abs().argmin()])
    return rows[rows.n_features == d].set_index("penalty")


# ------------------------------------------------------------------------- sentences

INTRO = (
    "A reproduction of Andrew Ng's experiment (ICML 2004, "
    "*Feature selection, L1 vs. L2 regularization, and rotational invariance*, Figure 1). "
    "Inputs are d standard normal features; the label is drawn from a logistic model. In "
    "settings (i) and (ii) only one or three features carry signal and the others are "
    "irrelevant; in setting (iii) every feature carries some, with a weight that halves from "
    "one feature to the next, so all but the first few matter very little. L1- and "
    "L2-regularized logistic regression are trained on m = 100 or 200 examples, and their "
    "error on fresh data is plotted against the total number of features d. Ng proved that "
    "the examples L1 needs grow at most like log d, and that for L2 — like every "
    "rotationally invariant method — there are problems on which the examples needed grow "
    "at least like d: a worst-case lower bound, not a prediction of this curve. Here L2 "
    "drifts towards a coin flip (0.5) as features pile up, while L1 stays near the Bayes "
    "error (the best any classifier can do)."
)
"""The sample-complexity page's "what you are looking at" paragraph (no computed numbers)."""

LIVE_INTRO = (
    "The same experiment, smaller: one setting, a few feature counts and repeats, and a "
    f"test set of {LIVE_N_EVAL:,} inputs instead of {N_EVAL_POINTS:,}. Choose the settings "
    f"and press **Run**: at most {MAX_LIVE_TRIALS} training sets at m ≤ 100, fewer for "
    "larger m (about 20 s). Finished runs are kept, so going back to earlier settings is "
    "instant."
)
"""The paragraph above the live run's controls (the live limits, from the constants)."""


def error_se_bound(error: float | np.ndarray, n_points: int = N_EVAL_POINTS) -> float | np.ndarray:
    """Upper bound on the Monte Carlo standard error of a 0/1 test error.

    The error is the mean over ``n_points`` test inputs of the probability of a mistake
    at that input, a number in [0, 1] with mean e; such a number has variance at most
    e(1 − e), so the standard error is at most √(e(1 − e)/n_points). For a classifier
    close to a coin flip the mistakes are nearly all-or-nothing and the bound is nearly
    attained.

    Examples
    --------
    >>> round(float(error_se_bound(0.42, 100_000)), 4)
    0.0016
    """
    e = np.clip(np.asarray(error, dtype=float), 0.0, 1.0)
    out = np.sqrt(e * (1.0 - e) / int(n_points))
    return float(out) if out.ndim == 0 else out


def eval_points_per_fit(result: SampleComplexityResult) -> int:
    """Test inputs per fit of a run, read from its metadata (default :data:`N_EVAL_POINTS`).

    Examples
    --------
    >>> eval_points_per_fit(load_results())
    100000
    """
    text = result.metadata.get("test_set", "")
    head = text.split(" ", 1)[0].replace(",", "")
    return int(head) if head.isdigit() else N_EVAL_POINTS


def describe_test_precision(result: SampleComplexityResult, n_points: int | None = None) -> str:
    """How precise the plotted test errors are, computed from the run.

    Examples
    --------
    >>> "0.0016" in describe_test_precision(load_results())
    True
    """
    n = eval_points_per_fit(result) if n_points is None else int(n_points)
    errors = result.summary["error_mean"].to_numpy(dtype=float)
    worst = float(errors[np.argmax(error_se_bound(errors, n))])
    return (
        f"Each test error is measured on {n:,} Gaussian test inputs, so its Monte Carlo "
        f"standard error is at most √(e(1 − e)/{n:,}): up to {error_se_bound(worst, n):.4f} "
        f"here (at error {worst:.2f}). Every fit is scored on the same test inputs, so "
        "averaging over repeats does not shrink this error, and the ±1 SE bars (the spread "
        "over repeats) leave it out."
    )


def _setting_name(setting: str) -> str:
    return SETTING_LABELS[setting].split(":")[0]


def describe_point(
    result: SampleComplexityResult, setting: str, n_train: int, n_features: int
) -> str:
    """One sentence: L1 and L2 errors at the feature count nearest ``n_features``.

    Examples
    --------
    >>> describe_point(load_results(), "one", 100, 1000)[:40]
    '(i) one relevant feature, d = 1000: L1 0'
    """
    rows = nearest_point(result, setting, n_train, n_features)
    l1, l2 = rows.loc["l1"], rows.loc["l2"]
    return (
        f"{_setting_name(setting)}, d = {int(l1.n_features)}: "
        f"L1 {l1.error_mean:.3f} ± {l1.error_se:.3f} "
        f"(≈ {l1.nonzero_mean:.0f} non-zero weights), "
        f"L2 {l2.error_mean:.3f} ± {l2.error_se:.3f}, Bayes {l1.bayes_error:.3f}."
    )


def describe_full_run(result: SampleComplexityResult, n_train: int, n_features: int) -> str:
    """The page's "what to notice" under the full run's figures, computed from it.

    The errors of every setting at the feature count read off, how much going from the
    fewest to the most features raises each error in setting (i), and how precise the
    numbers are (:func:`describe_test_precision`).

    Examples
    --------
    >>> text = describe_full_run(load_results(), 100, 1000)
    >>> "pure noise" in text, "worst case" in text
    (False, True)
    """
    rows = result.summary[result.summary.n_train == n_train]
    if rows.empty:
        raise ValueError(f"There are no results with m = {n_train}.")
    notices = [
        describe_point(result, s, n_train, n_features) for s in SETTINGS if s in set(rows.setting)
    ]
    d_min, d_max = int(rows.n_features.min()), int(rows.n_features.max())
    first = nearest_point(result, "one", n_train, d_min)
    last = nearest_point(result, "one", n_train, d_max)
    rise_l1 = last.loc["l1"].error_mean - first.loc["l1"].error_mean
    rise_l2 = last.loc["l2"].error_mean - first.loc["l2"].error_mean
    return (
        " ".join(notices) + f" In setting (i), one relevant feature among d, going from d = "
        f"{int(first.loc['l1'].n_features)} to d = {int(last.loc['l1'].n_features)} raises "
        f"L1's error by {rise_l1:+.3f} but L2's by {rise_l2:+.3f}: with m = {n_train} "
        f"examples the sparse model stays within "
        f"{last.loc['l1'].error_mean - last.loc['l1'].bayes_error:.3f} of the Bayes error. "
        "(Ng's linear growth for L2 is a worst case over problems; this is one problem.) "
        + describe_test_precision(result)
    )


def describe_live_run(
    live: SampleComplexityResult, setting: str, n_train: int, features: Sequence[int]
) -> str:
    """The page's caption under a live run: errors at the fewest and most features.

    Examples
    --------
    >>> run = run_experiment(settings=["one"], features=[5, 40], train_sizes=[40],
    ...                      repeats=2, n_eval=2_000, n_bayes=2_000)
    >>> describe_live_run(run, "one", 40, [5, 40]).startswith("Live run of (i)")
    True
    """
    small, large = int(features[0]), int(features[-1])
    a = nearest_point(live, setting, n_train, small)
    b = nearest_point(live, setting, n_train, large)
    gap = b.loc["l2"].error_mean - b.loc["l1"].error_mean
    combined = max(b.loc["l2"].error_se + b.loc["l1"].error_se, 1e-12)
    return (
        f"Live run of {_setting_name(setting)} with m = {n_train}, in "
        f"{live.metadata.get('elapsed_seconds', '?')} s. "
        f"At d = {small}: L1 {a.loc['l1'].error_mean:.3f}, L2 {a.loc['l2'].error_mean:.3f}; "
        f"at d = {large}: L1 {b.loc['l1'].error_mean:.3f} ± {b.loc['l1'].error_se:.3f}, "
        f"L2 {b.loc['l2'].error_mean:.3f} ± {b.loc['l2'].error_se:.3f} — L2 is "
        f"{'worse' if gap > 0 else 'not worse'} by {abs(gap):.3f} "
        f"({abs(gap) / combined:.1f} combined standard errors over repeats; the test set adds "
        f"up to {error_se_bound(b.loc['l2'].error_mean, eval_points_per_fit(live)):.3f})."
    )


def describe_live_plan(plan: LivePlan) -> str:
    """What pressing Run will do, for the prompt shown before a live run.

    The time is a rough guess from :data:`SECONDS_PER_TRIAL` (larger m costs more).

    Examples
    --------
    >>> text = describe_live_plan(live_plan("one", 100, 1000, 3, 3, 0))
    >>> print(text[text.index("d ∈") :])
    d ∈ {3, 502, 1000} features, m = 100 examples and 3 repeats per point: 9 training sets, ...
    """
    seconds = max(1, round(plan.trials * SECONDS_PER_TRIAL * max(1.0, plan.n_train / 100)))
    return (
        f"Press **Run** to train L1 and L2 on {_setting_name(plan.setting)} with "
        f"d ∈ {{{', '.join(map(str, plan.features))}}} features, m = {plan.n_train} examples "
        f"and {plan.repeats} repeats per point: {plan.trials} training sets, up to about "
        f"{seconds} s."
    )


def describe_run_settings(result: SampleComplexityResult) -> str:
    """How the full run was made, from its metadata (what is missing reads "?").

    Examples
    --------
    >>> describe_run_settings(load_results())[:60]
    '**Settings of this run.** 100 independent training sets per '
    """
    meta = result.metadata
    return (
        f"**Settings of this run.** {meta.get('repeats', '?')} independent training sets per "
        f"point (error bars: ±1 standard error over them); m ∈ {{{meta.get('train_sizes', '?')}}}; "
        f"d ∈ {{{meta.get('features', '?')}}}; C chosen by {meta.get('C_choice', '?')}, from "
        f"C ∈ {{{meta.get('C_grid', '?')}}}; solver {meta.get('solvers', '?')}; test error: "
        f"{meta.get('test_set', '?')} (the same distribution as a d-dimensional test set); "
        f"Bayes error: {meta.get('bayes_test_set', '?')}. Run with "
        f"“{meta.get('command', '?')}” on {meta.get('jobs', '?')} cores in "
        f"{meta.get('elapsed_seconds', '?')} s (started {meta.get('started_utc', '?')} UTC)."
    )


def alt_text(
    result: SampleComplexityResult,
    setting: str,
    n_train: int,
    n_features: int,
    metric: str = "error",
) -> str:
    """A live text alternative of one setting's figure: its numbers at both ends and at d.

    Examples
    --------
    >>> alt_text(load_results(), "one", 100, 1000)[:73]
    'Test 0/1 error against the number of features d, (i) one relevant feature'
    """
    mean, se, bayes, title = METRIC_COLUMNS[metric]
    rows = nearest_point(result, setting, n_train, n_features)
    s = result.summary
    curve = s[(s.setting == setting) & (s.n_train == n_train)]
    first = nearest_point(result, setting, n_train, int(curve.n_features.min()))

    def pair(at: pd.DataFrame) -> str:
        l1, l2 = at.loc["l1"], at.loc["l2"]
        return (
            f"at d = {int(l1.n_features)}: L1 {l1[mean]:.3f} ± {l1[se]:.3f}, "
            f"L2 {l2[mean]:.3f} ± {l2[se]:.3f}"
        )

    return (
        f"{title[0].upper()}{title[1:]} against the number of features d, "
        f"{_setting_name(setting)}, m = {n_train} training examples; {pair(first)}; "
        f"{pair(rows)}; the Bayes value there is {rows.loc['l1'][bayes]:.3f}."
    )


def curves_table(
    result: SampleComplexityResult, n_train: int, metric: str = "error"
) -> pd.DataFrame:
    """The numbers of the three figures at m training examples: one row per setting and d.

    Parameters
    ----------
    result : SampleComplexityResult
        The full run (:func:`load_results`) or a live one.
    n_train : int
        m, the training-set size the figures show.
    metric : {"error", "log_loss"}, default "error"
        The y axis: test 0/1 error or test log-loss.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``setting`` and ``features d``; columns ``training examples m``, the
        metric's mean for ``L1`` and ``L2`` (e.g. ``L1 test 0/1 error``) with their
        ``standard error`` over the training sets (the error bars), the ``Bayes`` value,
        the mean number of ``non-zero weights`` of each and the ``training sets`` averaged.

    Examples
    --------
    >>> table = curves_table(load_results(), 100)
    >>> list(table.index.names), list(table.columns)[1:3]
    (['setting', 'features d'], ['L1 test 0/1 error', 'L1 standard error'])
    >>> sorted(set(table.index.get_level_values("setting"))) == sorted(SETTING_LABELS.values())
    True
    """
    import pandas as pd

    if metric not in METRIC_COLUMNS:
        raise ValueError(f"Unknown metric {metric!r}; expected 'error' or 'log_loss'.")
    mean, se, bayes, title = METRIC_COLUMNS[metric]
    parts = []
    for setting in SETTINGS:
        l1, l2 = (result.curve(setting, n_train, penalty) for penalty in ("l1", "l2"))
        if l1.empty:
            continue
        if not l1.n_features.equals(l2.n_features):
            raise ValueError(f"The L1 and L2 curves of setting {setting!r} differ in d.")
        index = pd.MultiIndex.from_arrays(
            [[SETTING_LABELS[setting]] * len(l1), l1.n_features.to_numpy()],
            names=["setting", "features d"],
        )
        columns = {
            "training examples m": int(n_train),
            f"L1 {title}": l1[mean].to_numpy(),
            "L1 standard error": l1[se].to_numpy(),
            f"L2 {title}": l2[mean].to_numpy(),
            "L2 standard error": l2[se].to_numpy(),
            f"Bayes {title}": l1[bayes].to_numpy(),
            "L1 non-zero weights": l1.nonzero_mean.to_numpy(),
            "L2 non-zero weights": l2.nonzero_mean.to_numpy(),
            "training sets": l1.n_repeats.to_numpy(),
        }
        parts.append(pd.DataFrame(columns, index=index))
    if not parts:
        raise ValueError(f"There are no results with m = {n_train}.")
    return pd.concat(parts)


_THETA_CODE = {
    "one": "theta[0] = 10.0  # setting (i): one relevant feature",
    "three": "theta[:3] = 10 / np.sqrt(3)  # setting (ii): three relevant features",
    "exponential": "theta[:] = np.sqrt(75) * 0.5 ** np.arange(d)  # setting (iii)",
}


def code_snippet(
    result: SampleComplexityResult, n_train: int, n_features: int, setting: str = "one"
) -> str:
    """Runnable code: the plotted means and SEs at (m, d) read from the shipped run, and one
    training set of ``setting`` fitted with scikit-learn at the run's median C.

    The first part prints exactly the numbers the page shows at the feature count read
    off; the second draws one of the 100 training sets such a point averages over, so its
    test errors scatter around those means (by about √100 standard errors).

    Examples
    --------
    >>> code = code_snippet(load_results(), 100, 1000)
    >>> "n_features == 1000" in code and '("L1", 1.0, 0.1)' in code
    True
    """
    rows = nearest_point(result, check_setting(setting), n_train, n_features)
    d = int(rows.loc["l1"].n_features)
    c1, c2 = float(rows.loc["l1"].C_median), float(rows.loc["l2"].C_median)
    return "\n".join(
        [
            "import numpy as np",
            "import pandas as pd",
            "from scipy.special import expit",
            "from sklearn.linear_model import LogisticRegression",
            "",
            "from regviz.experiments.samplecomplexity import DEFAULT_RESULTS_PATH",
            "",
            f"# 1. The plotted points at m = {n_train}, d = {d}: mean and ±1 SE over the",
            "#    training sets of the shipped full run.",
            'runs = pd.read_csv(DEFAULT_RESULTS_PATH, comment="#")',
            f"point = runs.query('n_train == {n_train} and n_features == {d}')",
            'columns = ["setting", "penalty", "error_mean", "error_se"]',
            "print(point[columns].round(3).to_string(index=False))",
            "",
            "# 2. One such training set, fitted with scikit-learn at the run's median C",
            "#    (its errors scatter around the means above).",
            f"d, m = {d}, {n_train}",
            "rng = np.random.default_rng(1)",
            "theta = np.zeros(d)",
            _THETA_CODE[setting],
            "X = rng.standard_normal((m, d))",
            "y = (rng.random(m) < expit(X @ theta)).astype(int)  # P(y = 1 | x) = σ(θᵀx)",
            "X_test = rng.standard_normal((5_000, d))",
            "p_test = expit(X_test @ theta)",
            "errors = {}",
            f'for name, l1_ratio, C in (("L1", 1.0, {c1!r}), ("L2", 0.0, {c2!r})):',
            "    model = LogisticRegression(",
            '        C=C, l1_ratio=l1_ratio, solver="liblinear", fit_intercept=False',
            "    )",
            "    w = model.fit(X, y).coef_.ravel()",
            "    # the expected 0/1 error: P(mistake | x) averaged over the test inputs",
            "    errors[name] = np.mean(np.where(X_test @ w > 0, 1 - p_test, p_test))",
            '    print(f"{name}: test error {errors[name]:.3f}, "',
            '          f"{np.count_nonzero(w)} non-zero weights")',
        ]
    )


# ------------------------------------------------------------------------ CSV in and out


def save_results(result: SampleComplexityResult, path: str | Path) -> Path:
    """Write the summary as CSV, preceded by ``# key: value`` metadata lines."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# regviz reproduction of Ng (2004), Feature selection, L1 vs. L2, Figure 1\n")
        for key, value in result.metadata.items():
            fh.write(f"# {key}: {value}\n")
        result.summary.to_csv(fh, index=False, float_format="%.6g")
    return path


def load_results(path: str | Path | None = None) -> SampleComplexityResult:
    """Read a results CSV written by :func:`save_results` (default: the shipped full run).

    Raises
    ------
    ValueError
        If the file is missing or lacks the columns of :data:`SUMMARY_COLUMNS`.
    """
    import pandas as pd

    path = DEFAULT_RESULTS_PATH if path is None else Path(path)
    if not path.is_file():
        raise ValueError(f"The results file {path.name} was not found.")
    metadata: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            key, sep, value = line[1:].partition(":")
            if sep:
                metadata[key.strip()] = value.strip()
    try:
        summary = pd.read_csv(path, comment="#")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ValueError(f"The results file {path.name} is not a readable CSV table.") from exc
    missing = [c for c in SUMMARY_COLUMNS if c not in summary.columns]
    if missing:
        raise ValueError(f"The results file {path.name} lacks the columns {', '.join(missing)}.")
    return SampleComplexityResult(summary=summary[list(SUMMARY_COLUMNS)], metadata=metadata)


# ------------------------------------------------------------------------------- command


def _progress_bar(stream=sys.stderr, width: int = 40) -> Callable[[float], None]:
    start = time.perf_counter()

    def show(fraction: float) -> None:
        elapsed = time.perf_counter() - start
        eta = elapsed * (1 - fraction) / fraction if fraction > 0 else float("nan")
        filled = int(round(width * fraction))
        stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {100 * fraction:5.1f} %  "
            f"elapsed {elapsed:6.0f} s  left ~{eta:6.0f} s"
        )
        if fraction >= 1:
            stream.write("\n")
        stream.flush()

    return show


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: run the full experiment and write the CSV."""
    parser = argparse.ArgumentParser(
        prog="python -m regviz.samplecomplexity",
        description="Reproduce Ng (2004), Figure 1: L1 vs L2 logistic regression with "
        "many irrelevant features.",
    )
    parser.add_argument("--repeats", type=int, default=100, help="training sets per point")
    parser.add_argument(
        "--features",
        type=int,
        nargs="+",
        default=list(FULL_FEATURES),
        help="total numbers of features d",
    )
    parser.add_argument(
        "--m", type=int, nargs="+", default=list(FULL_TRAIN_SIZES), help="training sizes"
    )
    parser.add_argument("--settings", nargs="+", default=list(SETTINGS), choices=SETTINGS)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=DEFAULT_RESULTS_PATH)
    args = parser.parse_args(argv)
    started = datetime.now(UTC)
    try:
        result = run_experiment(
            settings=args.settings,
            features=args.features,
            train_sizes=args.m,
            repeats=args.repeats,
            seed=args.seed,
            n_jobs=args.jobs,
            progress=_progress_bar(),
        )
    except ValueError as exc:
        parser.error(str(exc))
    metadata = dict(result.metadata)
    metadata["jobs"] = str(args.jobs)
    metadata["started_utc"] = started.strftime("%Y-%m-%d %H:%M")
    metadata["command"] = "python -m regviz.samplecomplexity " + " ".join(
        sys.argv[1:] if argv is None else argv
    )
    path = save_results(SampleComplexityResult(result.summary, metadata), args.out)
    print(f"wrote {path} ({len(result.summary)} rows)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
