"""The bias–variance decomposition of a penalized fit, estimated over fresh training sets.

Draw B independent training sets of n points from y = f(x) + σ·ε, fit the model on each
for every λ of a grid, and predict at m fixed evaluation points x₁…x_m. With P_bj the
prediction of set b at x_j and P̄_j its mean over the B sets:

    bias²(λ)    = mean_j (P̄_j − f(x_j))²
    variance(λ) = mean_j mean_b (P_bj − P̄_j)²          (divided by B, not B − 1)
    noise       = σ²

Each evaluation point also carries one fresh noisy response y_j = f(x_j) + σ·ε_j, and the
*measured* expected test error is mean_j mean_b (y_j − P_bj)². Because the variance is
divided by B, mean_b (f_j − P_bj)² = (bias² + variance)_j exactly, so the only gap
between bias² + variance + noise and the measured error is the Monte Carlo error of the
test noise, −mean_j [σ²ε_j² − σ² + 2σε_j(f_j − P̄_j)], which has mean 0 and whose
standard error is reported as :attr:`BiasVariance.mc_se`.

Ridge is solved in closed form for all B sets and all λ at once (batched SVD); the lasso
and the elastic net use one ``lasso_path``/``enet_path`` per training set. The λ
convention is that of :mod:`regviz.experiments.overfit` (penalty on standardized features,
intercept never penalized).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from regviz.experiments.overfit import FeatureSpec, PathFit, fit_path, slider_lambdas, true_function

ProgressCallback = Callable[[float], None]

# Training sets per batch: bounds peak memory at chunk · m · n_lambdas doubles (~13 MB).
SET_CHUNK = 10


@dataclass(frozen=True)
class BiasVariance:
    """Bias², variance, noise and measured test error of one penalty over a λ grid.

    Attributes
    ----------
    penalty : str
        ``"l2"``, ``"l1"`` or ``"elasticnet"``.
    lambdas : ndarray, shape (n_lambdas,)
        Increasing λ grid.
    bias2, variance : ndarray, shape (n_lambdas,)
        Averaged over the evaluation points.
    noise : float
        σ², the error no model can remove.
    expected_test_mse : ndarray, shape (n_lambdas,)
        Measured mean squared error on noisy test responses, averaged over the B fits.
    mc_se : ndarray, shape (n_lambdas,)
        Monte Carlo standard error of ``total − expected_test_mse`` (test-noise only).
    n_sets, n_eval : int
        B training sets and m evaluation points.
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
    eval_rng = np.random.default_rng([int(seed), 2])
    x_eval = eval_rng.uniform(0.0, 1.0, n_eval)
    f_eval = true_function(truth, x_eval)
    eps_eval = eval_rng.standard_normal(n_eval)
    y_eval = f_eval + noise * eps_eval
    phi_eval = features.transform(x_eval)

    # Running sums over sets: Σ P, Σ P², Σ (y − P)², each (m, L).
    sum_p = np.zeros((n_eval, lambdas.size))
    sum_p2 = np.zeros_like(sum_p)
    sum_err = np.zeros_like(sum_p)

    def accumulate(pred: np.ndarray) -> None:  # pred: (b, m, L)
        sum_p[...] += pred.sum(axis=0)
        sum_p2[...] += np.square(pred).sum(axis=0)
        sum_err[...] += np.square(y_eval[None, :, None] - pred).sum(axis=0)

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

    mean_p = sum_p / n_sets
    variance_j = np.maximum(sum_p2 / n_sets - mean_p**2, 0.0)
    bias2 = np.mean((mean_p - f_eval[:, None]) ** 2, axis=0)
    # Per-point test-noise term whose mean over points is the whole gap (see module doc).
    noise_term = (noise * eps_eval[:, None]) ** 2 + 2 * noise * eps_eval[:, None] * (
        f_eval[:, None] - mean_p
    )
    mc_se = noise_term.std(axis=0, ddof=1) / np.sqrt(n_eval)
    return BiasVariance(
        penalty=penalty,
        lambdas=lambdas,
        bias2=bias2,
        variance=variance_j.mean(axis=0),
        noise=float(noise) ** 2,
        expected_test_mse=sum_err.mean(axis=0) / n_sets,
        mc_se=mc_se,
        n_sets=int(n_sets),
        n_eval=int(n_eval),
    )
