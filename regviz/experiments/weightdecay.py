"""L2 penalty vs weight decay: the same under SGD, not the same under Adam.

Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019): adding
(λ/2)‖w‖² to the loss and multiplying the weights by (1 − ηλ) every step are the same thing
for plain SGD, but not for adaptive methods such as Adam — there the gradient of the
penalty, λw, is divided by Adam's running gradient scale √v̂ along with the loss gradient,
so weights with large gradients are decayed *less* than the others. AdamW decouples the
decay from the adaptive step, so every weight decays at the same rate ηλ per step.

**The experiment.** Linear regression without intercept on n rows, p features of
deliberately unequal scales: feature j is a standard normal column times
10^(aⱼ), with aⱼ evenly spaced over ``scale_decades`` decades centred on 0; every true
weight is 1 and y = Xw* + noise. The loss of a minibatch B (rows drawn with replacement,
seeded) is (1/2|B|)‖y_B − X_B w‖², regviz's one convention; its gradient for feature j is
proportional to the feature's scale, so the large-scale features are the large-gradient
ones. Four optimizers start from w = 0 and see the same minibatches for K steps, with the
same λ:

- **SGD + L2**: g ← ∇L(w) + λw; w ← w − η·g;
- **SGD + weight decay**: w ← (1 − δ)·w − η·∇L(w), with decay δ per step (δ = ηλ by
  default, which makes it *identical* to SGD + L2: (1 − ηλ)w − η∇L = w − η(∇L + λw));
- **Adam + L2**: g ← ∇L(w) + λw; m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
  m̂ = m/(1 − β₁ᵏ), v̂ = v/(1 − β₂ᵏ); w ← w − η·m̂/(√v̂ + ε) (PyTorch's
  ``Adam(weight_decay=λ)``);
- **AdamW**: the same moments of g ← ∇L(w) only; w ← w − η·(m̂/(√v̂ + ε) + λw)
  (PyTorch's ``AdamW(weight_decay=λ)``).

L&H's Algorithm 2 writes AdamW as θ ← θ − η_k(α·m̂/(√v̂ + ε) + λ_LH·θ) with learning
rate α and schedule multiplier η_k. With a constant schedule (η_k = 1) that is the rule
above with η = α and λ = λ_LH/α: λ is counted per unit learning rate, as in PyTorch, so
the same λ means the same per-step decay ηλ in SGD + weight decay and in AdamW.

**What is measured.** The final weights; the fraction of the unregularized optimum each
keeps, wⱼ/ŵⱼ (ŵ the least-squares weights on all n rows); the exact ridge weights at λ
(the minimizer of the full-data loss + (λ/2)‖w‖², where SGD + L2 and Adam + L2 both
converge); per feature, the relative decay per step the regularizer applies — ηλ for SGD
+ L2, δ for SGD + weight decay, ηλ for AdamW, and ηλ/(√v̂ⱼ + ε) for Adam + L2 (the
penalty's share of Adam's step), averaged over the second half of training — and the
RMS of the minibatch loss gradient over the same steps.

**What it shows** (tested at the defaults and over seeds): Adam + L2 ends near the ridge
solution, which keeps hⱼ/(hⱼ + λ) of each weight (hⱼ ≈ scaleⱼ², the curvature), so the
small-scale features lose most of their weight and the large-scale (large-gradient)
features almost none — less than under AdamW — while AdamW keeps a similar fraction of
every weight.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

if TYPE_CHECKING:
    import pandas as pd

Array = NDArray[np.float64]

__all__ = [
    "OPTIMIZERS",
    "OPTIMIZER_NAMES",
    "UPDATE_RULES",
    "DEFAULTS",
    "PRESETS",
    "MAX_STEPS",
    "WeightDecayProblem",
    "WeightDecayResult",
    "make_problem",
    "minibatches",
    "update",
    "sgd_l2_step",
    "sgd_wd_step",
    "adam_l2_step",
    "adamw_step",
    "train",
    "weight_decay_experiment",
    "LAMBDA_RANGE",
    "PLAY_LAMBDAS",
    "LambdaSweep",
    "kept_by_lambda",
    "describe_weight_decay",
    "final_weights",
    "kept_table",
    "alt_text",
    "code_snippet",
]

OPTIMIZERS = ("sgd_l2", "sgd_wd", "adam_l2", "adamw")
OPTIMIZER_NAMES = {
    "sgd_l2": "SGD + L2",
    "sgd_wd": "SGD + weight decay",
    "adam_l2": "Adam + L2",
    "adamw": "AdamW",
}

UPDATE_RULES = {
    "sgd_l2": "g ← ∇L(w) + λw;   w ← w − η·g",
    "sgd_wd": "g ← ∇L(w);   w ← (1 − δ)·w − η·g,   δ = η·λ",
    "adam_l2": (
        "g ← ∇L(w) + λw;   m ← β₁m + (1−β₁)g;   v ← β₂v + (1−β₂)g²;   w ← w − η·m̂/(√v̂ + ε)"
    ),
    "adamw": (
        "g ← ∇L(w);   m ← β₁m + (1−β₁)g;   v ← β₂v + (1−β₂)g²;   w ← w − η·(m̂/(√v̂ + ε) + λw)"
    ),
}
"""The four update rules side by side (m̂ = m/(1 − β₁ᵏ), v̂ = v/(1 − β₂ᵏ) at step k)."""

MAX_STEPS = 10_000
"""Largest number of training steps accepted."""

DEFAULTS: dict[str, object] = {
    "n_features": 5,
    "scale_decades": 1.0,
    "lam": 0.3,
    "lr_adam": 0.003,
    "sgd_step_scale": 0.5,
    "n_steps": 2000,
    "batch_size": 32,
    "n_samples": 500,
    "noise": 0.1,
    "seed": 0,
}

PRESETS: dict[str, dict[str, object]] = {
    # Features ×0.32 … ×3.2: Adam + L2 follows ridge, AdamW shrinks every weight alike.
    "unequal scales": {**DEFAULTS},
    # All features on one scale: the four optimizers end close together.
    "equal scales": {**DEFAULTS, "scale_decades": 0.0},
    # ×0.1 … ×10: the contrast grows; plain SGD, whose step is limited by the largest
    # scale, has not converged on the smallest-scale features after K steps.
    "very unequal scales": {**DEFAULTS, "scale_decades": 2.0},
    # A weak penalty: every weight is kept almost fully, except the smallest-scale ones
    # under the L2 penalty.
    "weak penalty": {**DEFAULTS, "lam": 0.03},
}


@dataclass(frozen=True, eq=False)
class WeightDecayProblem:
    """The regression data of the experiment.

    Attributes
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    scales : ndarray of shape (n_features,)
        10^(aⱼ), the scale of feature j.
    true_weights : ndarray of shape (n_features,)
        All ones.
    """

    X: Array
    y: Array
    scales: Array
    true_weights: Array

    @property
    def least_squares(self) -> Array:
        """ŵ = argmin (1/2n)‖y − Xw‖², the unregularized optimum."""
        return np.linalg.lstsq(self.X, self.y, rcond=None)[0]

    def ridge(self, lam: float) -> Array:
        """argmin (1/2n)‖y − Xw‖² + (λ/2)‖w‖², i.e. (XᵀX/n + λI)w = Xᵀy/n."""
        n, p = self.X.shape
        return np.linalg.solve(self.X.T @ self.X / n + lam * np.eye(p), self.X.T @ self.y / n)

    def gd_lag(self, lam: float, lr: float, n_steps: int) -> Array:
        """|((I − η(A + λI))^K·w_ridge)ⱼ| / |w_ridgeⱼ|: what full-batch GD on the ridge loss
        from 0 has still to travel after K steps, per weight (A = XᵀX/n)."""
        n, p = self.X.shape
        contraction = np.eye(p) - lr * (self.X.T @ self.X / n + lam * np.eye(p))
        target = self.ridge(lam)
        remaining = np.linalg.matrix_power(contraction, int(n_steps)) @ target
        return np.abs(remaining) / np.abs(target)

    @property
    def lipschitz(self) -> float:
        """L, the largest eigenvalue of XᵀX/n (plain SGD needs η < 2/L)."""
        return float(np.linalg.norm(self.X, ord=2) ** 2 / self.X.shape[0])


@dataclass(frozen=True, eq=False)
class WeightDecayResult:
    """Four optimizers trained on the same minibatches, and what they did to each weight.

    Rows of the (4, p) arrays follow :data:`OPTIMIZERS`.

    Attributes
    ----------
    optimizers : tuple of str
        :data:`OPTIMIZERS`.
    scales, true_weights : ndarray of shape (p,)
    lam : float
        λ, the same for all four.
    lr_sgd, lr_adam : float
        Learning rates η of the SGD and Adam runs.
    sgd_decay : float
        δ, the per-step decay of SGD + weight decay.
    n_steps, batch_size, n_samples, seed : int
    noise, beta1, beta2, eps : float
    weights : ndarray of shape (4, p)
        Final weights.
    least_squares : ndarray of shape (p,)
        The unregularized optimum ŵ on all rows.
    ridge : ndarray of shape (p,)
        The exact L2-penalized optimum at λ on all rows.
    decay_per_step : ndarray of shape (4, p)
        Relative decay per step applied by the regularizer, mean over the second half
        (ηλ, δ, ηλ/(√v̂ⱼ + ε), ηλ).
    gradient_rms : ndarray of shape (4, p)
        RMS of the minibatch loss gradient (penalty excluded) over the second half.
    sgd_max_difference : float
        max over every step and weight of |w(SGD + L2) − w(SGD + weight decay)|.
    sgd_expected_lag : ndarray of shape (p,)
        How far from ridge plain SGD + L2 is expected to be after K steps, per weight, as
        a fraction of the ridge weight: |((I − η(A + λI))^K·w_ridge)ⱼ| / |w_ridgeⱼ|, the
        lag of its average iterate (full-batch gradient descent with the same step, from
        0). Large when the step, limited by the largest feature scale, is too small for
        the smallest ones.
    checkpoints : ndarray of int, shape (c,)
        Steps at which ``history`` was recorded (0 … K).
    history : ndarray of shape (c, 4, p)
        Weights at the checkpoints.
    sweep : LambdaSweep or None
        The same four runs at other λ, trained alongside (``play_lams`` of
        :func:`weight_decay_experiment`); None when none were asked for.
    """

    optimizers: tuple[str, ...]
    scales: Array
    true_weights: Array
    lam: float
    lr_sgd: float
    lr_adam: float
    sgd_decay: float
    n_steps: int
    batch_size: int
    n_samples: int
    seed: int
    noise: float
    beta1: float
    beta2: float
    eps: float
    weights: Array
    least_squares: Array
    ridge: Array
    decay_per_step: Array
    gradient_rms: Array
    sgd_max_difference: float
    sgd_expected_lag: Array
    checkpoints: Array
    history: Array
    sweep: LambdaSweep | None = None

    def row(self, optimizer: str) -> int:
        """Index of an optimizer in the (4, p) arrays."""
        try:
            return self.optimizers.index(optimizer)
        except ValueError:
            known = ", ".join(self.optimizers)
            raise ValueError(f"Unknown optimizer {optimizer!r}; choose one of {known}.") from None

    @property
    def kept(self) -> Array:
        """wⱼ/ŵⱼ, the fraction of the unregularized optimum each weight keeps, (4, p)."""
        return self.weights / self.least_squares

    @property
    def shrinkage(self) -> Array:
        """1 − wⱼ/ŵⱼ, how much of each weight the regularizer took away, (4, p)."""
        return 1.0 - self.kept

    @property
    def ridge_kept(self) -> Array:
        """The exact ridge weights as a fraction of ŵ, (p,)."""
        return self.ridge / self.least_squares

    @property
    def feature_labels(self) -> tuple[str, ...]:
        """One label per feature, its scale: ``"×0.32"``, ..., ``"×3.2"``."""
        return tuple(f"×{s:.2g}" for s in self.scales)


# --------------------------------------------------------------------------- data


def make_problem(
    *,
    n_features: int = int(DEFAULTS["n_features"]),
    scale_decades: float = float(DEFAULTS["scale_decades"]),
    n_samples: int = int(DEFAULTS["n_samples"]),
    noise: float = float(DEFAULTS["noise"]),
    seed: int = int(DEFAULTS["seed"]),
) -> WeightDecayProblem:
    """Regression data whose features have unequal scales and whose true weights are 1.

    Parameters
    ----------
    n_features : int, default 5
        p ≥ 1.
    scale_decades : float, default 1.0
        Feature j is scaled by 10^(aⱼ), aⱼ evenly spaced over [−D/2, D/2] with D this
        number (0 ≤ D ≤ 4); D = 1 gives scales 0.32 … 3.2.
    n_samples : int, default 500
        n ≥ 2p.
    noise : float, default 0.1
        Standard deviation σ ≥ 0 of the noise.
    seed : int, default 0

    Returns
    -------
    WeightDecayProblem

    Examples
    --------
    >>> problem = make_problem(n_features=3, scale_decades=2.0)
    >>> problem.scales.tolist()
    [0.1, 1.0, 10.0]
    """
    if not 1 <= int(n_features) <= 20:
        raise ValueError(f"Use between 1 and 20 features (got {n_features}).")
    if not (np.isfinite(scale_decades) and 0.0 <= scale_decades <= 4.0):
        raise ValueError(f"The scales must span 0 to 4 decades (got {scale_decades}).")
    if int(n_samples) < 2 * int(n_features):
        raise ValueError(f"Use at least {2 * int(n_features)} samples (got {n_samples}).")
    if not (np.isfinite(noise) and noise >= 0.0):
        raise ValueError(f"The noise level σ cannot be negative (got {noise}).")
    data_seed, _ = np.random.SeedSequence(int(seed)).spawn(2)
    rng = np.random.default_rng(data_seed)
    exponents = np.linspace(-scale_decades / 2, scale_decades / 2, int(n_features))
    scales = 10.0**exponents
    if int(n_features) == 1:
        scales = np.ones(1)
    X = rng.standard_normal((int(n_samples), int(n_features))) * scales
    true_weights = np.ones(int(n_features))
    y = X @ true_weights + noise * rng.standard_normal(int(n_samples))
    return WeightDecayProblem(X=X, y=y, scales=scales, true_weights=true_weights)


def minibatches(
    n_samples: int, batch_size: int, n_steps: int, seed: int = int(DEFAULTS["seed"])
) -> NDArray[np.intp]:
    """Row indices of every minibatch, drawn with replacement, shape (n_steps, batch_size).

    Seeded by the second child of ``SeedSequence(seed)`` (the first makes the data).

    Examples
    --------
    >>> minibatches(100, 8, 3).shape
    (3, 8)
    """
    if not 1 <= int(batch_size) <= int(n_samples):
        raise ValueError(f"The batch size must be between 1 and {n_samples} (got {batch_size}).")
    _, batch_seed = np.random.SeedSequence(int(seed)).spawn(2)
    rng = np.random.default_rng(batch_seed)
    return rng.integers(0, int(n_samples), size=(int(n_steps), int(batch_size)))


# --------------------------------------------------------------------------- update rules


def update(
    w: Array,
    grad: Array,
    m: Array,
    v: Array,
    step: int,
    *,
    lr: ArrayLike,
    l2: ArrayLike,
    decay: ArrayLike,
    adaptive: ArrayLike,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[Array, Array, Array]:
    """One step of the general rule that the four optimizers are special cases of.

    g = grad + l2·w; with ``adaptive``, m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g² and the
    direction is m̂/(√v̂ + ε) (m̂ = m/(1 − β₁ᵏ), v̂ = v/(1 − β₂ᵏ), k = ``step``), else the
    direction is g; then w ← w − lr·direction − decay·w. Every keyword broadcasts, so rows
    of ``w`` can be different optimizers.

    Parameters
    ----------
    w, grad, m, v : ndarray
        Weights, loss gradient (penalty excluded), first and second moments (same shape).
    step : int
        k ≥ 1, the number of this step (for the bias corrections).
    lr : float or array
        η.
    l2 : float or array
        λ of an L2 penalty added to the loss (0 for none).
    decay : float or array
        Decoupled decay per step (δ for SGD + weight decay, η·λ for AdamW, 0 for none).
    adaptive : bool or array of bool
        Adam's direction (True) or the plain gradient (False).
    beta1, beta2, eps : float
        Adam's constants.

    Returns
    -------
    w, m, v : ndarray
        The new weights and moments (the moments are updated for SGD rows too, unused).

    Examples
    --------
    >>> w, m, v = update(np.array([1.0]), np.array([2.0]), np.zeros(1), np.zeros(1), 1,
    ...                  lr=0.1, l2=0.0, decay=0.0, adaptive=False)
    >>> w.tolist()
    [0.8]
    """
    g = grad + np.asarray(l2) * w
    m = beta1 * m + (1.0 - beta1) * g
    v = beta2 * v + (1.0 - beta2) * g * g
    m_hat = m / (1.0 - beta1**step)
    v_hat = v / (1.0 - beta2**step)
    direction = np.where(adaptive, m_hat / (np.sqrt(v_hat) + eps), g)
    w = w - np.asarray(lr) * direction - np.asarray(decay) * w
    return w, m, v


def sgd_l2_step(w: Array, grad: Array, *, lr: float, lam: float) -> Array:
    """SGD + L2: w ← w − η·(∇L(w) + λw).

    Examples
    --------
    >>> sgd_l2_step(np.array([1.0]), np.array([2.0]), lr=0.1, lam=0.5).tolist()
    [0.75]
    """
    zero = np.zeros_like(w)
    return update(w, grad, zero, zero, 1, lr=lr, l2=lam, decay=0.0, adaptive=False)[0]


def sgd_wd_step(w: Array, grad: Array, *, lr: float, decay: float) -> Array:
    """SGD + weight decay: w ← (1 − δ)·w − η·∇L(w).

    Examples
    --------
    >>> sgd_wd_step(np.array([1.0]), np.array([2.0]), lr=0.1, decay=0.05).tolist()
    [0.75]
    """
    zero = np.zeros_like(w)
    return update(w, grad, zero, zero, 1, lr=lr, l2=0.0, decay=decay, adaptive=False)[0]


def adam_l2_step(
    w: Array,
    grad: Array,
    m: Array,
    v: Array,
    step: int,
    *,
    lr: float,
    lam: float,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[Array, Array, Array]:
    """Adam + L2: Adam on the gradient ∇L(w) + λw.

    Examples
    --------
    >>> w, m, v = adam_l2_step(np.array([1.0]), np.array([2.0]), np.zeros(1), np.zeros(1), 1,
    ...                        lr=0.1, lam=0.5)
    >>> round(float(w[0]), 6)  # the first Adam step has length η whatever the gradient
    0.9
    """
    return update(
        w, grad, m, v, step, lr=lr, l2=lam, decay=0.0, adaptive=True,
        beta1=beta1, beta2=beta2, eps=eps,
    )  # fmt: skip


def adamw_step(
    w: Array,
    grad: Array,
    m: Array,
    v: Array,
    step: int,
    *,
    lr: float,
    lam: float,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[Array, Array, Array]:
    """AdamW: w ← w − η·(m̂/(√v̂ + ε) + λw), the moments of ∇L(w) only.

    Examples
    --------
    >>> w, m, v = adamw_step(np.array([1.0]), np.array([2.0]), np.zeros(1), np.zeros(1), 1,
    ...                      lr=0.1, lam=0.5)
    >>> round(float(w[0]), 6)
    0.85
    """
    return update(
        w, grad, m, v, step, lr=lr, l2=0.0, decay=lr * lam, adaptive=True,
        beta1=beta1, beta2=beta2, eps=eps,
    )  # fmt: skip


# --------------------------------------------------------------------------- training


def train(
    problem: WeightDecayProblem,
    batches: NDArray[np.intp],
    *,
    lam: float,
    lr_sgd: float,
    lr_adam: float,
    sgd_decay: float | None = None,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    n_checkpoints: int = 100,
    sweep_lams: ArrayLike = (),
) -> dict[str, object]:
    """Train the four optimizers of :data:`OPTIMIZERS` side by side on the same minibatches.

    Parameters
    ----------
    problem : WeightDecayProblem
    batches : ndarray of int, shape (K, batch_size)
        Row indices of each step's minibatch (:func:`minibatches`).
    lam : float
        λ ≥ 0 for all four.
    lr_sgd, lr_adam : float
        Learning rates of the SGD and Adam runs.
    sgd_decay : float or None
        δ of SGD + weight decay; None means η_sgd·λ (identical to SGD + L2).
    beta1, beta2, eps : float
        Adam's constants.
    n_checkpoints : int, default 100
        About this many snapshots of the weights are kept (plus the start).
    sweep_lams : array-like of float, default ()
        Other λ at which the four are trained alongside, on the same minibatches, with
        δ = η_sgd·λ (the one loop costs about what a single λ costs).

    Returns
    -------
    dict
        ``weights`` (4, p), ``decay_per_step`` (4, p), ``gradient_rms`` (4, p),
        ``sgd_max_difference``, ``checkpoints`` (c,), ``history`` (c, 4, p), ``sgd_decay``,
        ``sweep_weights`` (F, 4, p), the final weights at each of ``sweep_lams``.

    Examples
    --------
    >>> problem = make_problem(n_features=2)
    >>> out = train(problem, minibatches(500, 10, 5), lam=0.1, lr_sgd=0.1, lr_adam=0.01)
    >>> out["weights"].shape
    (4, 2)
    """
    n_steps = batches.shape[0]
    if sgd_decay is None:
        sgd_decay = lr_sgd * lam
    # One row of settings a λ (each a block of the four optimizers): row 0 is λ itself,
    # the rows after it the sweep's λ.
    sweep = np.asarray(sweep_lams, dtype=float).reshape(-1)
    rows = _optimizer_rows(
        np.concatenate([[lam], sweep]), lr_sgd=lr_sgd, lr_adam=lr_adam,
        sgd_decay=np.concatenate([[sgd_decay], lr_sgd * sweep]),
    )  # fmt: skip
    half = n_steps // 2
    final, weights, late_grads, late_v = _descend(
        problem, batches, *rows, beta1=beta1, beta2=beta2, eps=eps, record_from=half
    )
    every = max(1, n_steps // max(1, n_checkpoints))
    checkpoints = [k for k in range(n_steps + 1) if k % every == 0 or k == n_steps]
    # The regularizer's relative decay per step over the second half: fixed for three
    # optimizers, ηλ/(√v̂ + ε) for Adam + L2 (the penalty's share of Adam's step).
    counted = max(1, n_steps - half)
    late_steps = np.arange(half + 1, n_steps + 1)[:, None]
    v_hat = late_v[:, 2] / (1.0 - beta2**late_steps)
    decay_per_step = np.repeat(
        np.array([lr_sgd * lam, sgd_decay, 0.0, lr_adam * lam])[:, None], weights.shape[-1], 1
    )
    decay_per_step[2] = (lr_adam * lam / (np.sqrt(v_hat) + eps)).sum(axis=0) / counted
    sgd_gap = np.abs(weights[:, 0] - weights[:, 1])
    return {
        "weights": weights[-1],
        "decay_per_step": decay_per_step,
        "gradient_rms": np.sqrt((late_grads * late_grads).sum(axis=0) / counted),
        "sgd_max_difference": float(np.nanmax(sgd_gap, initial=0.0)),
        "checkpoints": np.array(checkpoints),
        "history": weights[checkpoints],
        "sgd_decay": float(sgd_decay),
        "sweep_weights": final[1:],
    }


def _optimizer_rows(
    lams: Array, *, lr_sgd: float, lr_adam: float, sgd_decay: Array | None = None
) -> tuple[Array, Array, Array, NDArray[np.bool_]]:
    """η, the L2 λ, the decoupled decay and Adam's flag of the four optimizers at each λ.

    Each has shape (len(lams), 4, 1): axis 0 the λ, axis 1 the optimizers in the order of
    :data:`OPTIMIZERS`, broadcasting over the weights. ``sgd_decay`` is δ of SGD + weight
    decay at each λ (η_sgd·λ when None).
    """
    lam = lams[:, None, None]
    delta = lr_sgd * lam if sgd_decay is None else sgd_decay[:, None, None]
    zero = np.zeros_like(lam)
    lr = np.broadcast_to(np.array([lr_sgd, lr_sgd, lr_adam, lr_adam])[:, None], (lams.size, 4, 1))
    l2 = np.concatenate([lam, zero, lam, zero], axis=1)
    decay = np.concatenate([zero, delta, zero, lr_adam * lam], axis=1)
    adaptive = np.array([False, False, True, True])[None, :, None]
    return lr, l2, decay, adaptive


CHUNK_BYTES = 4_000_000
"""The minibatches' rows gathered at once take at most about this much memory (bytes)."""


def _descend(
    problem: WeightDecayProblem,
    batches: NDArray[np.intp],
    lr: Array,
    l2: Array,
    decay: Array,
    adaptive: NDArray[np.bool_],
    *,
    beta1: float,
    beta2: float,
    eps: float,
    record_from: int | None = None,
) -> tuple[Array, Array, Array, Array]:
    """Run :func:`update` for every row of settings at once over the same minibatches.

    The minibatch gradient (1/|B|)·X_Bᵀ(X_B w − y_B) is written X_BᵀX_B/|B| · w − X_Bᵀy_B/|B|,
    both formed for a chunk of steps in one batched product: one small product per step
    instead of a gather and two (the loop runs thousands of steps on a shared server).

    Returns
    -------
    final : ndarray, shape (R, 4, p)
        The weights after the last step, one (4, p) block a row of settings.
    trace : ndarray, shape (K + 1, 4, p)
        Row 0's weights after every step (step 0 is the start); empty without
        ``record_from``.
    late_grads, late_v : ndarray, shape (K − record_from, 4, p)
        Row 0's loss gradient and Adam's second moment at steps record_from + 1 … K
        (empty without ``record_from``).
    """
    X, y = problem.X, problem.y
    n_steps, batch_size = batches.shape
    shape = np.broadcast_shapes(lr.shape, l2.shape, decay.shape, adaptive.shape)[:-1]
    w = np.zeros((*shape, X.shape[1]))
    m, v = np.zeros_like(w), np.zeros_like(w)
    record = record_from is not None
    trace = np.zeros((n_steps + 1 if record else 0, *w.shape[1:]))
    late = n_steps - record_from if record else 0
    late_grads, late_v = np.empty((late, *w.shape[1:])), np.empty((late, *w.shape[1:]))
    # Steps a chunk: 512 for the page's minibatches, fewer for large ones (a public server).
    chunk = int(min(512, max(1, CHUNK_BYTES // (8 * batch_size * X.shape[1]))))
    for start in range(0, n_steps, chunk):
        X_b = X[batches[start : start + chunk]]  # (chunk, |B|, p)
        gram = np.matmul(X_b.transpose(0, 2, 1), X_b) / batch_size
        cross = np.matmul(y[batches[start : start + chunk]][:, None, :], X_b)[:, 0]
        cross /= batch_size
        for i in range(gram.shape[0]):
            k = start + i + 1
            grad = w @ gram[i] - cross[i]
            w, m, v = update(
                w, grad, m, v, k, lr=lr, l2=l2, decay=decay, adaptive=adaptive,
                beta1=beta1, beta2=beta2, eps=eps,
            )  # fmt: skip
            if record:
                trace[k] = w[0]
                if k > record_from:
                    late_grads[k - record_from - 1] = grad[0]
                    late_v[k - record_from - 1] = v[0]
    return w, trace, late_grads, late_v


def _check_training(
    lam: float,
    lr_adam: float,
    sgd_step_scale: float,
    n_steps: int,
    sgd_decay: float | None = None,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> None:
    """Raise ValueError, in words a learner can act on, for settings that cannot train."""
    if not (np.isfinite(lam) and lam >= 0.0):
        raise ValueError(f"λ must be a finite non-negative number (got {lam}).")
    if not (np.isfinite(lr_adam) and 0.0 < lr_adam <= 1.0):
        raise ValueError(f"Adam's learning rate must be in (0, 1] (got {lr_adam}).")
    if not (np.isfinite(sgd_step_scale) and 0.0 < sgd_step_scale <= 1.0):
        raise ValueError(
            f"The SGD step must be a fraction of 1/L in (0, 1] (got {sgd_step_scale})."
        )
    if not 1 <= int(n_steps) <= MAX_STEPS:
        raise ValueError(f"The number of steps must be between 1 and {MAX_STEPS} (got {n_steps}).")
    if sgd_decay is not None and not (np.isfinite(sgd_decay) and 0.0 <= sgd_decay < 1.0):
        raise ValueError(f"The decay per step δ must be in [0, 1) (got {sgd_decay}).")
    if not (0.0 <= beta1 < 1.0 and 0.0 <= beta2 < 1.0 and eps > 0.0):
        raise ValueError("Adam needs 0 ≤ β₁, β₂ < 1 and ε > 0.")


DIVERGED = 1e3
"""A run whose weights grow beyond this many times the largest least-squares weight has
diverged (a regularized run keeps at most about all of each weight)."""


def _diverged(weights: Array, least_squares: Array) -> NDArray[np.bool_]:
    """Per run (the last axis holds the weights): overflowed or grown beyond DIVERGED."""
    bound = DIVERGED * max(1.0, float(np.max(np.abs(least_squares))))
    return ~(np.abs(weights) <= bound).all(axis=-1)  # NaN compares False: diverged


def _setup(
    n_features: int,
    scale_decades: float,
    n_samples: int,
    noise: float,
    seed: int,
    batch_size: int,
    n_steps: int,
    sgd_step_scale: float,
) -> tuple[WeightDecayProblem, NDArray[np.intp], float]:
    """The data, the minibatches (the same seed) and plain SGD's step η = scale/L."""
    problem = make_problem(
        n_features=n_features, scale_decades=scale_decades, n_samples=n_samples,
        noise=noise, seed=seed,
    )  # fmt: skip
    batches = minibatches(n_samples, batch_size, n_steps, seed)
    return problem, batches, float(sgd_step_scale) / problem.lipschitz


def _check_converged(weights: Array, least_squares: Array, lam: float) -> None:
    """Raise ValueError, in words, when a run diverged."""
    lost = _diverged(weights, least_squares)
    diverged = [OPTIMIZER_NAMES[k] for k, gone in zip(OPTIMIZERS, lost, strict=True) if gone]
    if diverged:
        raise ValueError(
            f"At λ = {lam:g} {' and '.join(diverged)} diverge: the step times the loss's "
            "curvature plus λ exceeds 2, so every step overshoots. Choose a smaller λ, a "
            "shorter SGD step or a wider spread of the feature scales."
        )


def weight_decay_experiment(
    *,
    n_features: int = int(DEFAULTS["n_features"]),
    scale_decades: float = float(DEFAULTS["scale_decades"]),
    lam: float = float(DEFAULTS["lam"]),
    lr_adam: float = float(DEFAULTS["lr_adam"]),
    sgd_step_scale: float = float(DEFAULTS["sgd_step_scale"]),
    sgd_decay: float | None = None,
    n_steps: int = int(DEFAULTS["n_steps"]),
    batch_size: int = int(DEFAULTS["batch_size"]),
    n_samples: int = int(DEFAULTS["n_samples"]),
    noise: float = float(DEFAULTS["noise"]),
    seed: int = int(DEFAULTS["seed"]),
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    play_lams: ArrayLike | None = None,
) -> WeightDecayResult:
    """SGD + L2, SGD + weight decay, Adam + L2 and AdamW on features of unequal scales.

    Parameters
    ----------
    n_features, scale_decades, n_samples, noise, seed
        The data (:func:`make_problem`); the seed also draws the minibatches.
    lam : float, default 0.3
        λ ≥ 0, the same for all four optimizers.
    lr_adam : float, default 0.003
        η of Adam + L2 and AdamW.
    sgd_step_scale : float, default 0.5
        η of the SGD runs as a fraction of 1/L (L the largest eigenvalue of XᵀX/n), in
        (0, 1].
    sgd_decay : float or None
        δ of SGD + weight decay; None means η_sgd·λ, which makes it identical to SGD + L2.
    n_steps : int, default 2000
        K, 1 … :data:`MAX_STEPS`.
    batch_size : int, default 32
    beta1, beta2, eps : float
        Adam's constants (Kingma & Ba's defaults).
    play_lams : array-like of float or None
        Other λ to train alongside in the same loop (the frames of ▶ Play, e.g.
        :data:`PLAY_LAMBDAS`): the result's ``sweep``, as :func:`kept_by_lambda` gives it.

    Returns
    -------
    WeightDecayResult

    Examples
    --------
    >>> res = weight_decay_experiment(n_steps=200)
    >>> res.weights.shape
    (4, 5)
    >>> bool(res.sgd_max_difference < 1e-12)
    True
    >>> with_play = weight_decay_experiment(n_steps=200, play_lams=[0.01, 1.0])
    >>> with_play.sweep.kept.shape  # the four optimizers at two more λ, in the same loop
    (2, 4, 5)
    """
    _check_training(lam, lr_adam, sgd_step_scale, n_steps, sgd_decay, beta1, beta2, eps)
    sweep_lams = np.asarray(() if play_lams is None else play_lams, dtype=float).reshape(-1)
    for value in sweep_lams:
        _check_training(value, lr_adam, sgd_step_scale, n_steps, None, beta1, beta2, eps)
    problem, batches, lr_sgd = _setup(
        n_features, scale_decades, n_samples, noise, seed, batch_size, n_steps, sgd_step_scale
    )
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is reported below
        out = train(
            problem, batches, lam=lam, lr_sgd=lr_sgd, lr_adam=lr_adam, sgd_decay=sgd_decay,
            beta1=beta1, beta2=beta2, eps=eps, sweep_lams=sweep_lams,
        )  # fmt: skip
    _check_converged(out["weights"], problem.least_squares, lam)
    sweep = None if play_lams is None else _lambda_sweep(problem, sweep_lams, out["sweep_weights"])
    return WeightDecayResult(
        optimizers=OPTIMIZERS,
        scales=problem.scales,
        true_weights=problem.true_weights,
        lam=float(lam),
        lr_sgd=lr_sgd,
        lr_adam=float(lr_adam),
        sgd_decay=out["sgd_decay"],
        n_steps=int(n_steps),
        batch_size=int(batch_size),
        n_samples=int(n_samples),
        seed=int(seed),
        noise=float(noise),
        beta1=float(beta1),
        beta2=float(beta2),
        eps=float(eps),
        weights=out["weights"],
        least_squares=problem.least_squares,
        ridge=problem.ridge(lam),
        decay_per_step=out["decay_per_step"],
        gradient_rms=out["gradient_rms"],
        sgd_max_difference=out["sgd_max_difference"],
        sgd_expected_lag=problem.gd_lag(lam, lr_sgd, n_steps),
        checkpoints=out["checkpoints"],
        history=out["history"],
        sweep=sweep,
    )


# --------------------------------------------------------------------------- λ sweep

LAMBDA_RANGE = (0.0003, 3.0)
"""The λ the page offers (its slider's ends)."""

PLAY_LAMBDAS: tuple[float, ...] = tuple(float(f"{x:.2g}") for x in np.geomspace(*LAMBDA_RANGE, 13))
"""λ of the frames ▶ Play shows: 13 values, three a decade, over :data:`LAMBDA_RANGE`."""


@dataclass(frozen=True, eq=False)
class LambdaSweep:
    """What each optimizer keeps of every weight, for several λ (the frames of ▶ Play).

    Attributes
    ----------
    lams : ndarray of shape (F,)
    optimizers : tuple of str
        :data:`OPTIMIZERS`.
    scales : ndarray of shape (p,)
    kept : ndarray of shape (F, 4, p)
        wⱼ/ŵⱼ of each optimizer after K steps at each λ.
    ridge_kept : ndarray of shape (F, p)
        The exact ridge weights at each λ as a fraction of ŵ.
    """

    lams: Array
    optimizers: tuple[str, ...]
    scales: Array
    kept: Array
    ridge_kept: Array


def kept_by_lambda(
    *,
    lams: ArrayLike = PLAY_LAMBDAS,
    n_features: int = int(DEFAULTS["n_features"]),
    scale_decades: float = float(DEFAULTS["scale_decades"]),
    lr_adam: float = float(DEFAULTS["lr_adam"]),
    sgd_step_scale: float = float(DEFAULTS["sgd_step_scale"]),
    n_steps: int = int(DEFAULTS["n_steps"]),
    batch_size: int = int(DEFAULTS["batch_size"]),
    n_samples: int = int(DEFAULTS["n_samples"]),
    noise: float = float(DEFAULTS["noise"]),
    seed: int = int(DEFAULTS["seed"]),
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> LambdaSweep:
    """The four optimizers of :func:`weight_decay_experiment` at every λ of ``lams`` at once.

    The same data and minibatches as the experiment (same seed), SGD + weight decay with
    δ = η·λ; all λ train together, one row of the update per (λ, optimizer), so a sweep of
    13 λ costs about what one run costs.

    Parameters
    ----------
    lams : array-like of float, default :data:`PLAY_LAMBDAS`
        λ ≥ 0 values.
    n_features, scale_decades, lr_adam, sgd_step_scale, n_steps, batch_size, n_samples, \
noise, seed, beta1, beta2, eps
        As in :func:`weight_decay_experiment`.

    Returns
    -------
    LambdaSweep

    Examples
    --------
    >>> sweep = kept_by_lambda(lams=[0.01, 1.0], n_steps=300)
    >>> sweep.kept.shape
    (2, 4, 5)
    >>> one = weight_decay_experiment(lam=1.0, n_steps=300)
    >>> bool(np.allclose(sweep.kept[1], one.kept))
    True
    """
    lam = np.asarray(lams, dtype=float).reshape(-1)
    for value in lam:
        _check_training(value, lr_adam, sgd_step_scale, n_steps, None, beta1, beta2, eps)
    problem, batches, lr_sgd = _setup(
        n_features, scale_decades, n_samples, noise, seed, batch_size, n_steps, sgd_step_scale
    )
    with np.errstate(over="ignore", invalid="ignore"):  # diverging λ are left out below
        w, *_ = _descend(
            problem, batches, *_optimizer_rows(lam, lr_sgd=lr_sgd, lr_adam=lr_adam),
            beta1=beta1, beta2=beta2, eps=eps,
        )  # fmt: skip
    return _lambda_sweep(problem, lam, w)


def _lambda_sweep(problem: WeightDecayProblem, lams: Array, weights: Array) -> LambdaSweep:
    """The sweep of the final ``weights`` (F, 4, p) at ``lams``, diverged λ left out."""
    # A λ so large that plain SGD's step overshoots (η·(curvature + λ) > 2) diverges: its
    # frame would show nothing true, so the sweep stops before it.
    least_squares = problem.least_squares
    finite = ~_diverged(weights, least_squares).any(axis=1)
    ridge = np.array([problem.ridge(value) for value in lams[finite]])
    return LambdaSweep(
        lams=lams[finite],
        optimizers=OPTIMIZERS,
        scales=problem.scales,
        kept=weights[finite] / least_squares,
        ridge_kept=ridge.reshape(-1, least_squares.size) / least_squares,
    )


# --------------------------------------------------------------------------- description

SGD_CONVERGED_TOL = 0.05
"""SGD counts as converged when its average iterate is within this fraction of every ridge
weight (:attr:`WeightDecayResult.sgd_expected_lag`)."""


def describe_weight_decay(result: WeightDecayResult) -> str:
    """The page's "what to notice" sentences, with the numbers of this result.

    Examples
    --------
    >>> res = weight_decay_experiment(n_steps=300)
    >>> "AdamW" in describe_weight_decay(res)
    True
    """
    r = result
    kept = r.kept
    labels = r.feature_labels
    big, small = int(np.argmax(r.scales)), int(np.argmin(r.scales))
    adam, adamw, sgd = r.row("adam_l2"), r.row("adamw"), r.row("sgd_l2")
    sentences = [f"Every optimizer uses the same λ = {r.lam:g}."]
    if big != small:
        sentences.append(
            f"Adam + L2 keeps {_pct(kept[adam, big])} of the weight of the {labels[big]} "
            f"feature (the largest gradients) but only {_pct(kept[adam, small])} of the "
            f"{labels[small]} feature, close to the ridge solution ({_pct(r.ridge_kept[big])} "
            f"and {_pct(r.ridge_kept[small])}): the penalty's gradient λw is divided by "
            f"Adam's √v̂ like the loss gradient, so it decays the {labels[big]} weight by "
            f"{r.decay_per_step[adam, big]:.2g} per step and the {labels[small]} weight by "
            f"{r.decay_per_step[adam, small]:.2g}."
        )
        sentences.append(
            f"AdamW decays every weight by η·λ = {r.decay_per_step[adamw, big]:.2g} per step "
            f"and keeps between {_pct(kept[adamw].min())} and {_pct(kept[adamw].max())} of "
            f"each — it shrinks the {labels[big]} weight "
            + ("more" if kept[adamw, big] < kept[adam, big] else "no more")
            + f" ({_pct(1 - kept[adamw, big])} vs {_pct(1 - kept[adam, big])}) and the "
            f"{labels[small]} weight much less."
        )
    else:
        sentences.append(
            f"All features have the same scale: Adam + L2 keeps between "
            f"{_pct(kept[adam].min())} and {_pct(kept[adam].max())} of each weight, AdamW "
            f"between {_pct(kept[adamw].min())} and {_pct(kept[adamw].max())}."
        )
    identical = abs(r.sgd_decay - r.lr_sgd * r.lam) <= 1e-12 * max(1.0, r.sgd_decay)
    if identical:
        sentences.append(
            f"SGD + L2 and SGD + weight decay with δ = η·λ = {r.sgd_decay:.2g} are the same "
            f"update: their weights never differ by more than {r.sgd_max_difference:.0e}."
        )
    else:
        sentences.append(
            f"SGD + weight decay with δ = {r.sgd_decay:.2g} ≠ η·λ = {r.lr_sgd * r.lam:.2g} is "
            f"a different regularizer from SGD + L2 (weights differ by up to "
            f"{r.sgd_max_difference:.2g})."
        )
    worst = int(np.argmax(r.sgd_expected_lag))
    if r.sgd_expected_lag[worst] > SGD_CONVERGED_TOL:
        sentences.append(
            f"After {r.n_steps} steps plain SGD, whose step is limited by the largest feature "
            f"scale, has not converged on the {labels[worst]} feature: even on average it "
            f"would still be {_pct(r.sgd_expected_lag[worst])} short of the ridge weight "
            f"(it keeps {_pct(kept[sgd, worst])} where ridge keeps "
            f"{_pct(r.ridge_kept[worst])})."
        )
    return " ".join(sentences)


def _pct(value: float) -> str:
    """A fraction as a percentage: one decimal near 0 and near 100 %, none in between."""
    if 0.095 <= abs(value) <= 0.99:
        return f"{100 * value:.0f} %"
    return f"{100 * value:.1f} %"


# --------------------------------------------------------------------------- the page's words


def final_weights(result: WeightDecayResult, optimizer: str) -> str:
    """One optimizer's final weights and what they keep, in one line (features by scale).

    Examples
    --------
    >>> res = weight_decay_experiment(n_features=2, n_steps=100)
    >>> final_weights(res, "adamw").startswith("w = (")
    True
    """
    r = result
    i = r.row(optimizer)
    order = np.argsort(r.scales, kind="stable")
    weights = ", ".join(f"{r.weights[i, j]:.3f}" for j in order)
    kept = r.kept[i, order]
    return f"w = ({weights}); keeps {_pct(kept.min())} … {_pct(kept.max())} of ŵ"


def kept_table(result: WeightDecayResult) -> pd.DataFrame:
    """The numbers of the "share of each weight kept" figure, one row per feature by scale.

    Parameters
    ----------
    result : WeightDecayResult

    Returns
    -------
    pandas.DataFrame
        Indexed by ``feature`` (1 … p, as generated), rows ordered by scale as in the
        figure; columns ``scale`` (the feature's scale), ``least squares ŵⱼ``, then
        ``wⱼ / ŵⱼ`` for each optimizer (``SGD + L2: wⱼ / ŵⱼ``, ...) and for the exact
        ridge solution at λ (``exact ridge at λ: wⱼ / ŵⱼ``).

    Examples
    --------
    >>> res = weight_decay_experiment(n_steps=50)
    >>> table = kept_table(res)
    >>> table.shape, list(table.columns)[2]
    ((5, 7), 'SGD + L2: wⱼ / ŵⱼ')
    >>> bool((table["AdamW: wⱼ / ŵⱼ"] == res.kept[res.row("adamw")]).all())
    True
    """
    import pandas as pd

    r = result
    order = np.argsort(r.scales, kind="stable")
    columns = {"scale": r.scales[order], "least squares ŵⱼ": r.least_squares[order]}
    for key in r.optimizers:
        columns[f"{OPTIMIZER_NAMES[key]}: wⱼ / ŵⱼ"] = r.kept[r.row(key), order]
    columns["exact ridge at λ: wⱼ / ŵⱼ"] = r.ridge_kept[order]
    return pd.DataFrame(columns, index=pd.Index(order + 1, name="feature"))


def alt_text(result: WeightDecayResult) -> str:
    """A text alternative for the page's figure, with its current numbers.

    Examples
    --------
    >>> res = weight_decay_experiment(n_steps=300)
    >>> alt_text(res).startswith("Same λ = 0.3 for four optimizers after 300 steps")
    True
    """
    r = result
    order = np.argsort(r.scales, kind="stable")
    labels = [r.feature_labels[j] for j in order]
    kept = r.kept[:, order]
    decay = r.decay_per_step[:, order]
    adam, adamw = r.row("adam_l2"), r.row("adamw")
    if labels[0] == labels[-1]:
        # One scale: the order of the features means nothing, give each optimizer's range.
        parts = [
            f"Same λ = {r.lam:g} for four optimizers after {r.n_steps} steps, every feature "
            f"on the same scale ({labels[0]}). Share of each weight kept:"
        ]
        ends = np.stack([kept.min(axis=1), kept.max(axis=1)], axis=1)
        ridge_ends = (r.ridge_kept.min(), r.ridge_kept.max())
        word, decay_ends = "between", (decay[adam].min(), decay[adam].max())
    else:
        parts = [
            f"Same λ = {r.lam:g} for four optimizers after {r.n_steps} steps. Share of each "
            f"weight kept, from the smallest feature scale ({labels[0]}) to the largest "
            f"({labels[-1]}):"
        ]
        ends = kept[:, [0, -1]]
        ridge_ends = (r.ridge_kept[order][0], r.ridge_kept[order][-1])
        word, decay_ends = "from", (decay[adam, 0], decay[adam, -1])
    joiner = "and" if word == "between" else "to"
    lead = "between " if word == "between" else ""
    for i, key in enumerate(r.optimizers):
        parts.append(
            f"{OPTIMIZER_NAMES[key]} {lead}{_pct(ends[i, 0])} {joiner} {_pct(ends[i, 1])};"
        )
    parts.append(
        f"exact ridge {lead}{_pct(ridge_ends[0])} {joiner} {_pct(ridge_ends[1])}. Decay per step "
        f"applied by the regularizer: Adam + L2 {word} {decay_ends[0]:.2g} {joiner} "
        f"{decay_ends[1]:.2g}, AdamW {decay[adamw, 0]:.2g} for every weight."
    )
    return " ".join(parts)


def code_snippet(result: WeightDecayResult) -> str:
    """Runnable numpy code that reproduces the final weights of Adam + L2 and AdamW.

    The same data, minibatches and update rules as :func:`weight_decay_experiment`, written
    out; the two optimizers differ in one line.

    Examples
    --------
    >>> res = weight_decay_experiment(n_features=3, n_steps=50)
    >>> namespace = {}
    >>> exec(code_snippet(res), namespace)  # doctest: +ELLIPSIS
    Adam + L2: ...
    >>> bool(np.allclose(namespace["w_adamw"], res.weights[res.row("adamw")], atol=1e-12))
    True
    """
    r = result
    p = len(r.scales)
    # Scales 10^a, a evenly spaced over [−D/2, D/2] (rounded back to the slider's D).
    half = round(float(np.log10(r.scales.max())), 10) if p > 1 else 0.0
    scales = f"10.0 ** np.linspace({-half!r}, {half!r}, p)" if half > 0 else "np.ones(p)"
    lines = [
        "import numpy as np",
        "",
        "# The data: feature j is a standard normal column times its scale; true weights 1.",
        f"n, p, lam, eta, K, batch = {r.n_samples}, {p}, {r.lam!r}, {r.lr_adam!r}, "
        f"{r.n_steps}, {r.batch_size}",
        f"data_seed, batch_seed = np.random.SeedSequence({r.seed}).spawn(2)",
        "rng = np.random.default_rng(data_seed)",
        f"scales = {scales}",
        "X = rng.standard_normal((n, p)) * scales",
        f"y = X @ np.ones(p) + {r.noise!r} * rng.standard_normal(n)",
        "batches = np.random.default_rng(batch_seed).integers(0, n, size=(K, batch))",
        "",
        f"b1, b2, eps = {r.beta1!r}, {r.beta2!r}, {r.eps!r}",
        "w_adam, m_adam, v_adam = np.zeros(p), np.zeros(p), np.zeros(p)  # Adam + L2",
        "w_adamw, m_adamw, v_adamw = np.zeros(p), np.zeros(p), np.zeros(p)  # AdamW",
        "for k in range(1, K + 1):",
        "    Xb, yb = X[batches[k - 1]], y[batches[k - 1]]",
        "    # Adam + L2: the penalty's gradient lam·w joins the loss gradient in g.",
        "    g = (w_adam @ Xb.T - yb) @ Xb / batch + lam * w_adam",
        "    m_adam = b1 * m_adam + (1 - b1) * g",
        "    v_adam = b2 * v_adam + (1 - b2) * g * g",
        "    step = (m_adam / (1 - b1**k)) / (np.sqrt(v_adam / (1 - b2**k)) + eps)",
        "    w_adam = w_adam - eta * step",
        "    # AdamW: the moments see the loss gradient only; the decay eta·lam·w is apart.",
        "    g = (w_adamw @ Xb.T - yb) @ Xb / batch",
        "    m_adamw = b1 * m_adamw + (1 - b1) * g",
        "    v_adamw = b2 * v_adamw + (1 - b2) * g * g",
        "    step = (m_adamw / (1 - b1**k)) / (np.sqrt(v_adamw / (1 - b2**k)) + eps)",
        "    w_adamw = w_adamw - eta * step - eta * lam * w_adamw",
        "",
        "order = np.argsort(scales)  # features from the smallest scale to the largest",
        'print("Adam + L2:", np.round(w_adam[order], 3).tolist())',
        'print("AdamW:    ", np.round(w_adamw[order], 3).tolist())',
    ]
    return "\n".join(lines)
