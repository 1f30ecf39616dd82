"""The bias–variance decomposition of a penalized fit, estimated over fresh training sets.

Draw B independent training sets of n points from y = f(x) + σ·ε, fit the model on each
for every λ of a grid, and predict at m fixed evaluation points x₁…x_m. With P_bj the
prediction of set b at x_j, P̄_j its mean over the B sets and s²_j its sample variance
over the sets (denominator B − 1):

    variance(λ) = mean_j s²_j                               (unbiased for Var P(x_j))
    bias²(λ)    = mean_j [(P̄_j − f(x_j))² − s²_j / B]         (unbiased for (E P(x_j) − f)²)
    noise       = σ²

Why subtract s²_j/B: P̄_j is itself a Monte Carlo estimate, with variance Var P(x_j)/B,
so E[(P̄_j − f_j)²] = bias²_j + Var P(x_j)/B. The plain (P̄_j − f_j)² overstates bias²
by variance/B — at small λ, where the variance is large and B is small, so much that
the bias² curve *rose* towards small λ (13.6 at λ = 10⁻⁵ with B = 10 on the page's
defaults). Removing s²_j/B makes bias² unbiased; it can then come out slightly negative
when the true bias² is far below its Monte Carlo error, which :attr:`BiasVariance.bias2_se`
states. (Equivalently, bias²_j is the U-statistic mean over pairs a ≠ b of
(P_aj − f_j)(P_bj − f_j).)

The three terms still add up exactly on the training sets drawn:
bias²_j + s²_j = (P̄_j − f_j)² + (B − 1)/B·s²_j = mean_b (f_j − P_bj)², the mean squared
distance of the B fits from the truth. Each evaluation point also carries one fresh noisy
response y_j = f(x_j) + σ·ε_j, and the *measured* expected test error is
mean_j mean_b (y_j − P_bj)². So the only gap between bias² + variance + noise and the
measured error is the Monte Carlo error of the test noise,
−mean_j [σ²ε_j² − σ² + 2σε_j(f_j − P̄_j)], which has mean 0 and whose standard error is
reported as :attr:`BiasVariance.mc_se`.

Monte Carlo standard errors of bias² and variance (over the training sets) come from a
delete-a-group jackknife: the B sets are dealt into G = min(B, 10) groups, each group is
left out in turn, and the spread of the G leave-out estimates gives the standard error.

Ridge is solved in closed form for all B sets and all λ at once (batched SVD); the lasso
and the elastic net use one ``lasso_path``/``enet_path`` per training set. The λ
convention is that of :mod:`regviz.experiments.overfit` (penalty on standardized features,
intercept never penalized).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from regviz.core.conventions import PENALTY_NAMES
from regviz.core.stats import standard_error
from regviz.experiments.overfit import FeatureSpec, PathFit, fit_path, slider_lambdas, true_function

ProgressCallback = Callable[[float], None]

# Training sets per batch: bounds peak memory at chunk · m · n_lambdas doubles (~13 MB).
SET_CHUNK = 10
# Groups of the delete-a-group jackknife for the standard errors of bias² and variance:
# keeps G · m · n_lambdas doubles (~11 MB at the page's m = 2000 and 71 λ).
JACKKNIFE_GROUPS = 10


@dataclass(frozen=True)
class BiasVariance:
    """Bias², variance, noise and measured test error of one penalty over a λ grid.

    Attributes
    ----------
    penalty : str
        ``"l2"``, ``"l1"`` or ``"elasticnet"``.
    lambdas : ndarray, shape (n_lambdas,)
        Increasing λ grid.
    bias2 : ndarray, shape (n_lambdas,)
        Unbiased estimate of the squared bias, averaged over the evaluation points:
        mean_j [(P̄_j − f_j)² − s²_j/B] (see the module docstring). Can be slightly
        negative where the true bias² is below its Monte Carlo error.
    variance : ndarray, shape (n_lambdas,)
        Unbiased estimate of the variance of the fit, mean_j s²_j (denominator B − 1).
    noise : float
        σ², the error no model can remove.
    expected_test_mse : ndarray, shape (n_lambdas,)
        Measured mean squared error on noisy test responses, averaged over the B fits.
    mc_se : ndarray, shape (n_lambdas,)
        Monte Carlo standard error of ``total − expected_test_mse`` (test-noise only).
    n_sets, n_eval : int
        B training sets and m evaluation points.
    bias2_se, variance_se : ndarray, shape (n_lambdas,)
        Monte Carlo standard errors of ``bias2`` and ``variance`` over the training sets
        (delete-a-group jackknife, G = min(B, 10) groups; NaN for B = 2).
    """

    penalty: str
    lambdas: np.ndarray
    bias2: np.ndarray
    variance: np.ndarray
    noise: float
    expected_test_mse: np.ndarray
    mc_se: np.ndarray
    n_sets: int
    n_eval: int
    bias2_se: np.ndarray | None = None
    variance_se: np.ndarray | None = None

    @property
    def total(self) -> np.ndarray:
        """bias² + variance + noise for every λ."""
        return self.bias2 + self.variance + self.noise

    @property
    def gap(self) -> np.ndarray:
        """total − measured expected test error (Monte Carlo error only)."""
        return self.total - self.expected_test_mse

    @property
    def best_index(self) -> int:
        """Index of the λ with the smallest bias² + variance."""
        return int(np.argmin(self.bias2 + self.variance))


def draw_training_sets(
    truth: str, *, n: int, noise: float, n_sets: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Draw B independent training sets, x ~ Uniform(0, 1), y = f(x) + σ·ε.

    Parameters
    ----------
    truth : str
        A key of :data:`regviz.experiments.overfit.TRUTHS`.
    n, n_sets : int
        Points per set and number of sets B.
    noise : float
        σ.
    seed : int
        Seed; the sets use their own stream, independent of :func:`make_dataset`'s.

    Returns
    -------
    x, y : ndarray, shape (n_sets, n)
    """
    rng = np.random.default_rng([int(seed), 1])
    x = rng.uniform(0.0, 1.0, (n_sets, n))
    y = true_function(truth, x) + noise * rng.standard_normal((n_sets, n))
    return x, y


def _ridge_predictions(
    phi: np.ndarray, y: np.ndarray, phi_eval: np.ndarray, lambdas: np.ndarray
) -> np.ndarray:
    """Ridge predictions of every set at every evaluation point and λ, shape (B, m, L).

    The closed form β(λ) = V·diag(s/(s² + nλ))·Uᵀy of
    :func:`regviz.experiments.overfit.ridge_coefs_svd`,
    batched over the leading axis of ``phi`` (one stacked SVD, no Python loop over sets).
    """
    n = phi.shape[1]
    means = phi.mean(axis=1, keepdims=True)
    scales = phi.std(axis=1, keepdims=True)
    scales = np.where(scales > 1e-12, scales, 1.0)
    z = (phi - means) / scales
    y_mean = y.mean(axis=1)
    u, s, vt = np.linalg.svd(z, full_matrices=False)
    keep = s > s.max(axis=1, keepdims=True) * max(z.shape[1:]) * np.finfo(float).eps
    s_safe = np.where(keep, s, 1.0)
    shrink = np.where(
        keep[..., None], s[..., None] / (s_safe[..., None] ** 2 + n * lambdas), 0.0
    )  # (B, k, L)
    uty = np.einsum("bnk,bn->bk", u, y - y_mean[:, None])
    coefs = np.matmul(np.swapaxes(vt, 1, 2), shrink * uty[..., None])  # (B, p, L)
    return _predict_batch(coefs, means[:, 0, :], scales[:, 0, :], y_mean, phi_eval)


def _predict_batch(
    coefs: np.ndarray,
    means: np.ndarray,
    scales: np.ndarray,
    intercepts: np.ndarray,
    phi_eval: np.ndarray,
) -> np.ndarray:
    """Predictions of a batch of fits, shape (sets, m, L), from one matrix product.

    ``coefs`` (sets, p, L) are in standardized units, with per-set feature ``means`` and
    ``scales`` (sets, p) and ``intercepts`` (sets,) or (sets, L). Folding the
    standardization into the coefficients turns all predictions into one
    (m, p) × (p, sets·L) product: many tiny products cost far more in BLAS call overhead.
    """
    weights = coefs / scales[:, :, None]
    offsets = np.asarray(intercepts, dtype=float).reshape(coefs.shape[0], -1) - np.einsum(
        "sp,spl->sl", means / scales, coefs
    )
    sets, p, n_lambdas = weights.shape
    flat = phi_eval @ weights.transpose(1, 0, 2).reshape(p, sets * n_lambdas)
    return flat.reshape(-1, sets, n_lambdas).transpose(1, 0, 2) + offsets[:, None, :]


def _path_predictions(fits: list[PathFit], phi_eval: np.ndarray) -> np.ndarray:
    """Predictions of several path fits at once, shape (len(fits), m, L)."""
    return _predict_batch(
        np.stack([fit.coefs for fit in fits]),
        np.stack([fit.means for fit in fits]),
        np.stack([fit.scales for fit in fits]),
        np.stack([fit.intercepts for fit in fits]),
        phi_eval,
    )


def bias_variance(
    truth: str = "sine",
    *,
    n: int = 30,
    noise: float = 0.3,
    features: FeatureSpec | None = None,
    penalty: str = "l2",
    lambdas: np.ndarray | None = None,
    l1_ratio: float = 0.5,
    n_sets: int = 100,
    n_eval: int = 2_000,
    seed: int = 0,
    progress: ProgressCallback | None = None,
    eval_seed: int | None = None,
) -> BiasVariance:
    """Estimate bias², variance and expected test error over B fresh training sets.

    Parameters
    ----------
    truth : str, default "sine"
        A key of :data:`regviz.experiments.overfit.TRUTHS`.
    n : int, default 30
        Training points per set.
    noise : float, default 0.3
        Noise standard deviation σ.
    features : FeatureSpec, optional
        Basis; Legendre polynomials of degree 15 by default.
    penalty : {"l2", "l1", "elasticnet"}, default "l2"
    lambdas : ndarray, optional
        Increasing λ grid; :func:`regviz.experiments.overfit.slider_lambdas` by default.
    l1_ratio : float, default 0.5
        r of the elastic net.
    n_sets : int, default 100
        B, the number of training sets (at least 2).
    n_eval : int, default 2000
        m, evaluation points (each with one fresh noisy response).
    seed : int, default 0
        The same seed draws the same sets, so penalties are compared on equal data.
    progress : callable, optional
        Called with the completed fraction in [0, 1] after each chunk of
        ``SET_CHUNK`` training sets.
    eval_seed : int, optional
        Seed of the evaluation points and their noisy responses (default: ``seed``).
        Fix it to compare runs with different training sets on the same points.

    Returns
    -------
    BiasVariance

    Examples
    --------
    >>> bv = bias_variance("sine", n=30, n_sets=20, n_eval=200, seed=0)
    >>> bool(np.all(np.abs(bv.gap) <= 5 * bv.mc_se + 1e-12))
    True
    """
    features = features or FeatureSpec()
    lambdas = slider_lambdas() if lambdas is None else np.asarray(lambdas, dtype=float)
    if penalty not in {"l2", "l1", "elasticnet"}:
        raise ValueError(f"Unknown penalty {penalty!r}; use 'l2', 'l1' or 'elasticnet'.")
    if n < 2:
        raise ValueError("Each training set needs at least 2 points.")
    if n_sets < 2:
        raise ValueError("The decomposition needs at least 2 training sets.")
    if n_eval < 2:
        raise ValueError("Use at least 2 evaluation points.")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError("The noise level σ must be a number ≥ 0.")
    if lambdas.ndim != 1 or lambdas.size < 1 or np.any(lambdas < 0):
        raise ValueError("Give λ values ≥ 0.")

    x_sets, y_sets = draw_training_sets(truth, n=n, noise=noise, n_sets=n_sets, seed=seed)
    eval_rng = np.random.default_rng([int(seed if eval_seed is None else eval_seed), 2])
    x_eval = eval_rng.uniform(0.0, 1.0, n_eval)
    f_eval = true_function(truth, x_eval)
    eps_eval = eval_rng.standard_normal(n_eval)
    y_eval = f_eval + noise * eps_eval
    phi_eval = features.transform(x_eval)

    # Running sums over sets of d = P − f and d², and of (y − P)², each (m, L); and per
    # jackknife group the sum of d (G, m, L) and the point-mean of Σ d² (G, L).
    n_groups = min(n_sets, JACKKNIFE_GROUPS)
    sum_d = np.zeros((n_eval, lambdas.size))
    sum_d2 = np.zeros_like(sum_d)
    sum_err = np.zeros_like(sum_d)
    group_d = np.zeros((n_groups, n_eval, lambdas.size))
    group_d2 = np.zeros((n_groups, lambdas.size))
    group_size = np.zeros(n_groups, dtype=int)
    next_set = 0

    def accumulate(pred: np.ndarray) -> None:  # pred: (b, m, L)
        nonlocal next_set
        d = pred - f_eval[None, :, None]
        d2 = np.square(d)
        sum_d[...] += d.sum(axis=0)
        sum_d2[...] += d2.sum(axis=0)
        sum_err[...] += np.square(y_eval[None, :, None] - pred).sum(axis=0)
        for k in range(pred.shape[0]):  # set b goes to group b mod G
            g = (next_set + k) % n_groups
            group_d[g] += d[k]
            group_d2[g] += d2[k].mean(axis=0)
            group_size[g] += 1
        next_set += pred.shape[0]

    if penalty == "l2":
        for start in range(0, n_sets, SET_CHUNK):
            rows = slice(start, min(start + SET_CHUNK, n_sets))
            phi = features.transform(x_sets[rows])
            accumulate(_ridge_predictions(phi, y_sets[rows], phi_eval, lambdas))
            if progress is not None:
                progress(min(start + SET_CHUNK, n_sets) / n_sets)
    else:
        for start in range(0, n_sets, SET_CHUNK):
            stop = min(start + SET_CHUNK, n_sets)
            fits = [
                fit_path(
                    features.transform(x_sets[b]), y_sets[b], penalty, lambdas, l1_ratio=l1_ratio
                )
                for b in range(start, stop)
            ]
            accumulate(_path_predictions(fits, phi_eval))
            if progress is not None:
                progress(stop / n_sets)

    bias2, variance = _unbiased_terms(sum_d, sum_d2.mean(axis=0), n_sets)
    bias2_se, variance_se = _jackknife_se(sum_d, sum_d2.mean(axis=0), group_d, group_d2, group_size)
    mean_p = f_eval[:, None] + sum_d / n_sets
    # Per-point test-noise term whose mean over points is the whole gap (see module doc).
    noise_term = (noise * eps_eval[:, None]) ** 2 + 2 * noise * eps_eval[:, None] * (
        f_eval[:, None] - mean_p
    )
    mc_se = standard_error(noise_term, axis=0)
    return BiasVariance(
        penalty=penalty,
        lambdas=lambdas,
        bias2=bias2,
        variance=variance,
        noise=float(noise) ** 2,
        expected_test_mse=sum_err.mean(axis=0) / n_sets,
        mc_se=mc_se,
        n_sets=int(n_sets),
        n_eval=int(n_eval),
        bias2_se=bias2_se,
        variance_se=variance_se,
    )


def _unbiased_terms(
    sum_d: np.ndarray, mean_sum_d2: np.ndarray, n_sets: int | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """bias² and variance, averaged over points, from Σ_b d (…, m, L) and mean_j Σ_b d².

    With S1 = Σ_b d_bj and S2 = Σ_b d²_bj (d = P − f):
    bias²_j = (S1² − S2)/(B(B − 1)) = (P̄ − f)² − s²/B and s²_j = (S2 − S1²/B)/(B − 1).
    """
    b = np.asarray(n_sets, dtype=float)
    mean_s1_sq = np.mean(np.square(sum_d), axis=-2)
    bias2 = (mean_s1_sq - mean_sum_d2) / (b * (b - 1.0))
    variance = (mean_sum_d2 - mean_s1_sq / b) / (b - 1.0)
    return bias2, variance


def _jackknife_se(
    sum_d: np.ndarray,
    mean_sum_d2: np.ndarray,
    group_d: np.ndarray,
    group_d2: np.ndarray,
    group_size: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Delete-a-group jackknife standard errors of bias² and variance, shape (L,) each."""
    n_groups = group_size.size
    left = group_size.sum() - group_size  # sets left when group g is deleted
    if n_groups < 2 or np.any(left < 2):
        nan = np.full(sum_d.shape[-1], np.nan)
        return nan, nan
    bias2_g, variance_g = _unbiased_terms(
        sum_d[None] - group_d, mean_sum_d2[None] - group_d2, left[:, None]
    )
    factor = (n_groups - 1) / n_groups

    def spread(values: np.ndarray) -> np.ndarray:
        return np.sqrt(factor * np.sum(np.square(values - values.mean(axis=0)), axis=0))

    return spread(bias2_g), spread(variance_g)


# ------------------------------------------------------------------------------ captions


def _pm(value: float, se: float | None) -> str:
    if se is None or not np.isfinite(se):
        return f"{value:.2g}"
    return f"{value:.2g} ± {se:.1g}"


def _se(values: np.ndarray | None, index: int) -> float | None:
    return None if values is None else float(values[index])


def low_bias_at_small_lambda(result: BiasVariance, *, z: float = 2.0) -> bool:
    """The rule behind "small λ: low bias, large λ: high bias", stated with its error.

    True when (a) at no λ below the best one (lowest bias² + variance) is bias²
    significantly above its value at the best λ — more than ``z`` combined Monte Carlo
    standard errors — and (b) at the largest λ it is significantly above it. Judged on
    the unbiased bias² with its standard error; the plain (P̄ − f)², inflated by
    variance/B, used to break (a) at tiny λ.

    Examples
    --------
    >>> bv = bias_variance("sine", n=30, lambdas=np.array([1e-3, 1e-1, 1e2]), n_sets=40,
    ...                    n_eval=200)
    >>> low_bias_at_small_lambda(bv)
    True
    """
    best = result.best_index
    se = np.zeros_like(result.bias2) if result.bias2_se is None else result.bias2_se
    se = np.where(np.isfinite(se), se, 0.0)
    excess = result.bias2 - result.bias2[best]
    limit = z * np.hypot(se, se[best])
    below_best_is_low = bool(np.all(excess[:best] <= limit[:best]))
    top_is_high = bool(excess[-1] > limit[-1])
    return below_best_is_low and top_is_high


def describe_bias_variance(results: Mapping[str, BiasVariance]) -> str:
    """The Overfitting page's "what to notice" caption under the bias–variance figure.

    Computed from the results: "small λ: low bias, high variance" only when
    :func:`low_bias_at_small_lambda` holds for every penalty and the variance falls
    from the smallest to the largest λ; then per penalty bias² (± its Monte Carlo
    standard error) and variance at both ends, the λ with the lowest bias² + variance,
    and how closely bias² + variance + noise matches the measured test error.

    Parameters
    ----------
    results : mapping of penalty name to BiasVariance

    Returns
    -------
    str

    Examples
    --------
    >>> bv = bias_variance("sine", n=30, lambdas=np.array([1e-3, 1e-1, 1e2]), n_sets=40,
    ...                    n_eval=200)
    >>> describe_bias_variance({"l2": bv}).startswith("**What to notice.** Small λ: low bias")
    True
    """
    if not results:
        raise ValueError("Give at least one bias–variance result.")
    low = all(low_bias_at_small_lambda(r) for r in results.values())
    variance_falls = all(r.variance[0] > r.variance[-1] for r in results.values())
    if low and variance_falls:
        lead = (
            "Small λ: low bias, high variance. Large λ: the reverse. (Below the best λ, bias² "
            "stays within 2 Monte Carlo standard errors of its value there; ± is that error.)"
        )
    elif variance_falls:
        lead = (
            "Small λ: high variance; large λ: high bias. Below the best λ the bias² estimate "
            "is not yet clearly low: ± is its Monte Carlo standard error, so raise B."
        )
    else:
        lead = "Here the variance does not fall as λ grows: look at the curves, not the rule."
    sentences = [lead]
    for penalty, r in results.items():
        best = r.best_index
        worst = int(np.argmax(np.abs(r.gap) / r.mc_se))
        sentences.append(
            f"{PENALTY_NAMES.get(penalty, penalty)}: from λ = {r.lambdas[0]:.2g} to "
            f"{r.lambdas[-1]:.2g}, bias² goes from {_pm(r.bias2[0], _se(r.bias2_se, 0))} to "
            f"{_pm(r.bias2[-1], _se(r.bias2_se, -1))} and the variance from "
            f"{r.variance[0]:.2g} to {r.variance[-1]:.2g}; lowest bias² + variance at "
            f"λ = {r.lambdas[best]:.2g} (bias² {_pm(r.bias2[best], _se(r.bias2_se, best))}, "
            f"variance {_pm(r.variance[best], _se(r.variance_se, best))}); bias² + variance "
            f"+ noise matches the measured test error to within "
            f"{abs(r.gap[worst]) / r.mc_se[worst]:.1f} Monte Carlo standard errors at worst."
        )
    return "**What to notice.** " + " ".join(sentences)
