"""How iterative optimizers reach (or miss) the exact zeros of the lasso, on a 2-D bowl.

Four methods minimize L(β) + λ·P(β) for a :class:`regviz.core.losses.QuadraticLoss`
L(β) = ½(β − c)ᵀH(β − c) + L_min, with L = the largest eigenvalue of H (the
Lipschitz constant of ∇L):

- **subgradient descent on L1**: β ← β − ηₖ(∇L(β) + λ·sign(β)), ηₖ = s/(L·√(k + 1)).
  It treats |β| like any other function: the λ·sign(β) kick overshoots 0 and the
  iterate zig-zags around it with shrinking steps, but lands on 0.0 only by accident;
- **proximal gradient (ISTA) on L1**: a gradient step on L, then soft-thresholding
  β ← S(β − η∇L(β), ηλ), η = s/L. Every coordinate whose gradient step lands
  within ηλ of 0 is set to *exactly* 0.0 — the update subtracts a constant;
- **gradient descent with L2 (weight decay)**: β ← (1 − ηλ)·β − η∇L(β),
  η = s/(L + λ). The penalty multiplies β by a factor each step: it shrinks, never
  zeroes;
- **coordinate descent on L1**: minimize exactly over one coordinate at a time,
  βⱼ ← S(Hⱼⱼcⱼ − Σ_{k≠j} Hⱼₖ(βₖ − cₖ), λ) / Hⱼⱼ, alternating j = 1, 2 (what
  scikit-learn's ``Lasso`` does).

``s`` is the step-size factor; ISTA and gradient descent converge for 0 < s < 2.
The exact answer to compare with is :func:`regviz.core.geometry.solve_penalized`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from regviz.core.geometry import solve_penalized
from regviz.core.losses import QuadraticLoss
from regviz.core.penalties import penalty_value, soft_threshold, subgradient
from regviz.core.proximal import ista

if TYPE_CHECKING:
    import pandas as pd

Array = NDArray[np.float64]

METHODS = ("subgradient", "ista", "gd_l2", "cd")
METHOD_NAMES = {
    "subgradient": "Subgradient descent (L1)",
    "ista": "Proximal gradient / ISTA (L1)",
    "gd_l2": "Gradient descent with L2 (weight decay)",
    "cd": "Coordinate descent (L1)",
}
METHOD_PENALTY = {"subgradient": "l1", "ista": "l1", "gd_l2": "l2", "cd": "l1"}
MAX_STEPS = 5000


@dataclass(frozen=True)
class OptimizerRun:
    """The iterates of one method on one penalized 2-D problem.

    Attributes
    ----------
    method : str
        One of :data:`METHODS`.
    penalty : str
        ``"l1"`` or ``"l2"``, the penalty this method minimizes with.
    lam : float
        λ.
    step : float
        The base step size η (for subgradient descent, η₀; the k-th step is η₀/√(k+1)).
        0 for coordinate descent, which needs none.
    iterates : ndarray, shape (n_steps + 1, 2)
        β₀ (the start), β₁, ..., one row per step.
    objective : ndarray, shape (n_steps + 1,)
        L(βₖ) + λ·P(βₖ).
    solution : ndarray, shape (2,)
        The exact minimizer from :func:`regviz.core.geometry.solve_penalized`.
    """

    method: str
    penalty: str
    lam: float
    step: float
    iterates: Array
    objective: Array
    solution: Array

    @property
    def n_steps(self) -> int:
        """Number of steps taken."""
        return len(self.iterates) - 1

    @property
    def distance(self) -> Array:
        """‖βₖ − β̂‖₂ for every k: how far each iterate is from the exact answer."""
        return np.hypot(*(self.iterates - self.solution).T)

    def exact_zero_step(self, coordinate: int) -> int | None:
        """The first step from which coordinate j stays exactly 0.0, or None if it never does."""
        column = self.iterates[:, coordinate]
        nonzero = np.flatnonzero(column != 0.0)
        if len(nonzero) == 0:
            return 0
        last = int(nonzero[-1])
        return None if last == len(column) - 1 else last + 1


def lipschitz_constant(loss: QuadraticLoss) -> float:
    """The largest eigenvalue of H: ∇L changes at most this fast, so η = 1/L is safe."""
    return float(np.linalg.eigvalsh(loss.hessian)[-1])


def _check_settings(lam: float, n_steps: int, step_scale: float, start: ArrayLike) -> Array:
    if not (np.isfinite(lam) and lam >= 0):
        raise ValueError(f"λ must be a finite non-negative number; got {lam}.")
    if not (1 <= int(n_steps) <= MAX_STEPS):
        raise ValueError(f"The number of steps must be between 1 and {MAX_STEPS}; got {n_steps}.")
    if not (np.isfinite(step_scale) and 0 < step_scale < 2):
        raise ValueError(
            f"The step-size factor must lie strictly between 0 and 2 (in units of 1/L); got "
            f"{step_scale}. At 2 or more a gradient step overshoots and the iterates diverge."
        )
    beta0 = np.asarray(start, dtype=float).reshape(-1)
    if beta0.shape != (2,) or not np.all(np.isfinite(beta0)):
        raise ValueError("The starting point must be two finite numbers.")
    return beta0


def _objective(loss: QuadraticLoss, betas: Array, lam: float, penalty: str) -> Array:
    return loss(betas) + lam * penalty_value(betas, penalty)


def subgradient_descent(
    loss: QuadraticLoss, lam: float, n_steps: int, start: ArrayLike, step_scale: float = 1.0
) -> Array:
    """Iterates of β ← β − ηₖ(∇L(β) + λ·sign(β)) with ηₖ = step_scale / (L·√(k + 1)).

    The diminishing steps make the iterates converge (slowly), but a coordinate
    whose answer is 0 keeps hopping across 0 instead of stopping on it.

    Returns
    -------
    ndarray, shape (n_steps + 1, 2)
    """
    beta = _check_settings(lam, n_steps, step_scale, start)
    eta0 = step_scale / lipschitz_constant(loss)
    out = np.empty((int(n_steps) + 1, 2))
    out[0] = beta
    for k in range(int(n_steps)):
        beta = beta - eta0 / np.sqrt(k + 1.0) * (
            loss.gradient(beta) + lam * subgradient(beta, "l1")
        )
        out[k + 1] = beta
    return out


def proximal_gradient(
    loss: QuadraticLoss,
    lam: float,
    n_steps: int,
    start: ArrayLike,
    step_scale: float = 1.0,
) -> Array:
    """ISTA iterates: β ← S(β − η∇L(β), ηλ), η = step_scale / L (soft-thresholding).

    Returns
    -------
    ndarray, shape (n_steps + 1, 2)
        Coordinates set to zero by the threshold are exactly 0.0.
    """
    beta = _check_settings(lam, n_steps, step_scale, start)
    eta = step_scale / lipschitz_constant(loss)
    hessian = loss.hessian
    return ista(hessian, hessian @ loss.center, lam, int(n_steps), start=beta, step=eta)


def weight_decay_descent(
    loss: QuadraticLoss, lam: float, n_steps: int, start: ArrayLike, step_scale: float = 1.0
) -> Array:
    """Gradient descent on L + (λ/2)‖β‖²: β ← (1 − ηλ)·β − η∇L(β), η = step_scale/(L + λ).

    The factor (1 − ηλ) is the "weight decay": the penalty shrinks β by a constant
    *proportion* each step, so a coefficient never becomes exactly zero.

    Returns
    -------
    ndarray, shape (n_steps + 1, 2)
    """
    beta = _check_settings(lam, n_steps, step_scale, start)
    eta = step_scale / (lipschitz_constant(loss) + lam)
    out = np.empty((int(n_steps) + 1, 2))
    out[0] = beta
    for k in range(int(n_steps)):
        beta = (1.0 - eta * lam) * beta - eta * loss.gradient(beta)
        out[k + 1] = beta
    return out


def coordinate_descent(
    loss: QuadraticLoss, lam: float, n_steps: int, start: ArrayLike, penalty: str = "l1"
) -> Array:
    """Exact one-coordinate updates, alternating β₁, β₂, β₁, ... (one coordinate per step).

    For L1, βⱼ ← S(zⱼ, λ)/Hⱼⱼ with zⱼ = Hⱼⱼcⱼ − Hⱼₖ(βₖ − cₖ): the exact minimizer
    over βⱼ with the other coordinate held fixed (for L2, zⱼ/(Hⱼⱼ + λ)).

    Returns
    -------
    ndarray, shape (n_steps + 1, 2)
    """
    beta = _check_settings(lam, n_steps, 1.0, start).copy()
    if penalty not in ("l1", "l2"):
        raise ValueError(f"Coordinate descent here handles 'l1' or 'l2'; got {penalty!r}.")
    h, c = loss.hessian, loss.center
    out = np.empty((int(n_steps) + 1, 2))
    out[0] = beta
    for k in range(int(n_steps)):
        j = k % 2
        other = 1 - j
        z = h[j, j] * c[j] - h[j, other] * (beta[other] - c[other])
        if penalty == "l1":
            beta[j] = float(soft_threshold(z, lam)) / h[j, j]
        else:
            beta[j] = z / (h[j, j] + lam)
        out[k + 1] = beta
    return out


def run_optimizer(
    loss: QuadraticLoss,
    method: str,
    lam: float,
    n_steps: int = 100,
    start: ArrayLike = (0.0, 0.0),
    step_scale: float = 1.0,
) -> OptimizerRun:
    """Run one method and bundle its iterates with the exact answer.

    Parameters
    ----------
    loss : QuadraticLoss
        The 2-D bowl.
    method : {"subgradient", "ista", "gd_l2", "cd"}
        Which optimizer (see the module docstring).
    lam : float
        λ ≥ 0 (regviz's convention; the penalty is ‖β‖₁ or ½‖β‖₂²).
    n_steps : int, default 100
        Number of steps (for coordinate descent: single-coordinate updates).
    start : array_like, shape (2,), default (0, 0)
        The starting point β₀.
    step_scale : float, default 1.0
        Step size in units of 1/L (0 < s < 2); ignored by coordinate descent.

    Returns
    -------
    OptimizerRun

    Raises
    ------
    ValueError
        For an unknown method, λ < 0, a step factor outside (0, 2), a bad start or a
        number of steps outside [1, 5000].

    Examples
    --------
    >>> from regviz.core.losses import QuadraticLoss
    >>> loss = QuadraticLoss.from_bowl([2.0, 0.5])
    >>> run = run_optimizer(loss, "ista", lam=1.0, n_steps=5, start=(0.0, 0.0))
    >>> run.iterates[-1].tolist(), run.solution.tolist()
    ([1.0, 0.0], [1.0, 0.0])
    """
    if method not in METHODS:
        raise ValueError(f"Unknown optimizer {method!r}; choose one of {', '.join(METHODS)}.")
    penalty = METHOD_PENALTY[method]
    lipschitz = lipschitz_constant(loss)
    if method == "subgradient":
        iterates = subgradient_descent(loss, lam, n_steps, start, step_scale)
        step = step_scale / lipschitz
    elif method == "ista":
        iterates = proximal_gradient(loss, lam, n_steps, start, step_scale)
        step = step_scale / lipschitz
    elif method == "gd_l2":
        iterates = weight_decay_descent(loss, lam, n_steps, start, step_scale)
        step = step_scale / (lipschitz + lam)
    else:
        iterates = coordinate_descent(loss, lam, n_steps, start, "l1")
        step = 0.0
    solution = solve_penalized(loss.center, loss.hessian, penalty, lam)
    return OptimizerRun(
        method=method,
        penalty=penalty,
        lam=float(lam),
        step=float(step),
        iterates=iterates,
        objective=_objective(loss, iterates, lam, penalty),
        solution=solution,
    )


def run_all(
    loss: QuadraticLoss,
    lam: float,
    n_steps: int = 100,
    start: ArrayLike = (0.0, 0.0),
    step_scale: float = 1.0,
) -> tuple[OptimizerRun, ...]:
    """:func:`run_optimizer` for every method in :data:`METHODS`, in that order."""
    return tuple(run_optimizer(loss, m, lam, n_steps, start, step_scale) for m in METHODS)


def describe_zeros(runs: tuple[OptimizerRun, ...]) -> list[str]:
    """Plain sentences on when each L1 method reached the exact zeros of the solution.

    For every coordinate that is exactly 0 in the lasso answer: the step from which each
    method keeps it at exactly 0.0, or how far from 0 it still is at the end.
    """
    sentences = []
    names = ("β₁", "β₂")
    l1_runs = [r for r in runs if r.penalty == "l1"]
    if not l1_runs:
        return sentences
    zero_coords = [j for j in (0, 1) if l1_runs[0].solution[j] == 0.0]
    for j in zero_coords:
        parts = []
        for run in l1_runs:
            label = METHOD_NAMES[run.method].split(" (")[0]
            step = run.exact_zero_step(j)
            if step is None:
                parts.append(
                    f"{label} is still at |{names[j]}| = {abs(run.iterates[-1, j]):.1e} after "
                    f"{run.n_steps} steps"
                )
            else:
                parts.append(f"{label} holds {names[j]} = 0 exactly from step {step}")
        sentences.append(f"The lasso answer has {names[j]} = 0: " + "; ".join(parts) + ".")
    return sentences


# --------------------------------------------------------------------------- the page

METHOD_SHORT = {
    "subgradient": "Subgradient (L1)",
    "ista": "ISTA (L1)",
    "gd_l2": "Weight decay (L2)",
    "cd": "Coordinate descent (L1)",
}

# The Optimizer page's defaults and presets, by control name (regviz.ui.specs.optimizer):
# λ, the bowl (center c1, c2, condition number κ, rotation in degrees), the number of
# steps, the step size in units of 1/L and the common start (start_1, start_2).
DEFAULTS: dict[str, object] = {
    "lam": 1.0,
    "c1": 2.0,
    "c2": 0.5,
    "kappa": 4.0,
    "steps": 100,
    "angle": 30,
    "step_scale": 1.0,
    "start_1": -1.5,
    "start_2": 2.5,
}

PRESETS: dict[str, dict[str, object]] = {
    # A tilted bowl whose lasso answer has β₂ = 0: ISTA and coordinate descent land on it,
    # subgradient descent hops across it, weight decay shrinks without reaching it.
    "the classic picture": {**DEFAULTS},
    # Round contours: every gradient method heads straight for its answer.
    "round bowl": {**DEFAULTS, "kappa": 1.0, "angle": 0},
    # A long, thin valley (κ = 20): every gradient method crawls along it.
    "narrow valley (slow)": {**DEFAULTS, "lam": 0.5, "c2": 1.0, "kappa": 20.0, "angle": 45},
}


def runs_for_settings(
    settings: Mapping[str, object],
) -> tuple[QuadraticLoss, tuple[OptimizerRun, ...]]:
    """The page's bowl and every method's iterates, for settings named as in :data:`DEFAULTS`.

    Settings not given take their default; an unknown name is refused.

    Examples
    --------
    >>> loss, runs = runs_for_settings(PRESETS["round bowl"])
    >>> [run.method for run in runs] == list(METHODS), float(loss.condition_number)
    (True, 1.0)
    """
    values = {**DEFAULTS, **settings}
    unknown = sorted(set(values) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"Unknown setting(s) {', '.join(unknown)}.")
    number = {k: float(v) for k, v in values.items()}  # type: ignore[arg-type]
    loss = QuadraticLoss.from_bowl(
        [number["c1"], number["c2"]], condition_number=number["kappa"], angle_deg=number["angle"]
    )
    start = (number["start_1"], number["start_2"])
    return loss, run_all(loss, number["lam"], int(number["steps"]), start, number["step_scale"])


LAMBDA_RANGE = (0.0, 4.0)
"""The λ the page offers (its slider's ends)."""

PLAY_LAMBDAS: tuple[float, ...] = tuple(float(x) for x in np.linspace(*LAMBDA_RANGE, 17))
"""λ of the frames ▶ Play shows: :data:`LAMBDA_RANGE`, a quarter apart."""


def runs_over_lambda(
    settings: Mapping[str, object], lams: Sequence[float] = PLAY_LAMBDAS
) -> tuple[tuple[OptimizerRun, ...], ...]:
    """:func:`runs_for_settings` at every λ of ``lams`` (``settings["lam"]`` is ignored).

    Returns
    -------
    tuple
        One tuple of runs per method, in the order of :data:`METHODS`; each holds that
        method's run at every λ, in the order of ``lams``.

    Examples
    --------
    >>> sweep = runs_over_lambda(DEFAULTS, lams=(0.0, 2.0))
    >>> [len(runs) for runs in sweep], [run.lam for run in sweep[1]]
    ([2, 2, 2, 2], [0.0, 2.0])
    """
    by_lambda = [runs_for_settings({**settings, "lam": float(lam)})[1] for lam in lams]
    return tuple(zip(*by_lambda, strict=True))


def weight_decay_factor(run: OptimizerRun) -> float:
    """The factor 1 − ηλ by which weight decay multiplies β before each gradient step.

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 0.5])
    >>> weight_decay_factor(run_optimizer(loss, "gd_l2", lam=1.0, n_steps=1))
    0.5
    """
    if run.method != "gd_l2":
        raise ValueError(f"Only weight decay has a decay factor; got {run.method!r}.")
    return 1.0 - run.step * run.lam


def _distance_text(value: float) -> str:
    return "0 (exactly)" if value == 0.0 else f"{value:.1e}"


def _point_text(beta: ArrayLike) -> str:
    b = np.asarray(beta, dtype=float)
    return f"({b[0]:.3g}, {b[1]:.3g})"


def end_label(run: OptimizerRun) -> str:
    """λ and where the run ended, as ▶ Play writes it in the plot (exact zeros print as 0).

    Examples
    --------
    >>> loss, runs = runs_for_settings(DEFAULTS)
    >>> end_label(runs[1])  # ISTA lands exactly on β₂ = 0
    'λ = 1: ends at (1.06, 0)'
    """
    return f"λ = {run.lam:.3g}: ends at {_point_text(run.iterates[-1])}"


def iterates_table(runs: tuple[OptimizerRun, ...]) -> pd.DataFrame:
    """The numbers of the method figures: one row per method and step.

    Parameters
    ----------
    runs : tuple of OptimizerRun
        From :func:`run_all` (or :func:`runs_for_settings`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``method`` and ``step k`` (0 is the start); columns ``β₁``, ``β₂`` (the
        iterate βₖ), ``objective L(β) + λ·P(β)`` and ``distance ‖βₖ − β̂‖ to the answer``.

    Examples
    --------
    >>> loss, runs = runs_for_settings({"steps": 10})
    >>> table = iterates_table(runs)
    >>> table.shape, list(table.index.names)
    ((44, 4), ['method', 'step k'])
    >>> table.loc[(METHOD_NAMES["ista"], 0), ["β₁", "β₂"]].tolist()  # the start
    [-1.5, 2.5]
    """
    import pandas as pd

    parts = [
        pd.DataFrame(
            {
                "β₁": run.iterates[:, 0],
                "β₂": run.iterates[:, 1],
                "objective L(β) + λ·P(β)": run.objective,
                "distance ‖βₖ − β̂‖ to the answer": run.distance,
            },
            index=pd.MultiIndex.from_arrays(
                [[METHOD_NAMES[run.method]] * (run.n_steps + 1), np.arange(run.n_steps + 1)],
                names=["method", "step k"],
            ),
        )
        for run in runs
    ]
    return pd.concat(parts)


def describe_zero_hits(runs: tuple[OptimizerRun, ...]) -> str:
    """When each L1 method reached the lasso answer's exact zeros (or that it has none).

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 2.0])
    >>> describe_zero_hits(run_all(loss, 0.5, 10)).startswith("The lasso answer here has no zero")
    True
    """
    sentences = describe_zeros(runs) or [
        "The lasso answer here has no zero coefficient (raise λ or move the bowl toward an "
        "axis to see one)."
    ]
    return " ".join(sentences)


def describe_distances(runs: tuple[OptimizerRun, ...]) -> str:
    """How far each method's last iterate is from its exact answer.

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 0.5])
    >>> print(describe_distances(run_all(loss, 1.0, 5, (0.0, 0.0))))
    ... # doctest: +NORMALIZE_WHITESPACE
    Distance to the exact answer after 5 steps: Subgradient (L1) 1.5e-01;
    ISTA (L1) 0 (exactly); Weight decay (L2) 0 (exactly); Coordinate descent (L1) 0 (exactly).
    """
    distances = "; ".join(
        f"{METHOD_SHORT[run.method]} {_distance_text(float(run.distance[-1]))}" for run in runs
    )
    return f"Distance to the exact answer after {runs[0].n_steps} steps: {distances}."


def describe_runs(runs: tuple[OptimizerRun, ...]) -> str:
    """The page's "What to notice": exact zeros, the weight-decay factor, final distances.

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 0.5], condition_number=4.0, angle_deg=30.0)
    >>> text = describe_runs(run_all(loss, 1.0, 100, (-1.5, 2.5)))
    >>> "multiplies β by 0.800" in text, "ISTA holds β₂ = 0 exactly from step 2" in text
    (True, True)
    """
    sentences = [describe_zero_hits(runs)]
    by_method = {run.method: run for run in runs}
    if "gd_l2" in by_method:
        ridge = by_method["gd_l2"]
        sentences.append(
            f"Weight decay multiplies β by {weight_decay_factor(ridge):.3f} before each "
            f"gradient step (η = {ridge.step:.3g}, λ = {ridge.lam:g}), so its coefficients "
            f"shrink by a proportion and the ridge answer {_point_text(ridge.solution)} has "
            "no zero."
        )
    sentences.append(describe_distances(runs))
    return " ".join(sentences)


def alt_text(run: OptimizerRun) -> str:
    """A text alternative for one method's figure, with its key numbers.

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 0.5], condition_number=4.0, angle_deg=30.0)
    >>> print(alt_text(run_optimizer(loss, "cd", 1.0, 100, (-1.5, 2.5))))
    ... # doctest: +NORMALIZE_WHITESPACE
    Coordinate descent (L1), λ = 1: 100 steps from (-1.5, 2.5) to (1.06, 0);
    the exact answer ★ is (1.06, 0), 0 (exactly) away. β₂ is exactly 0 from step 4.
    """
    end = run.iterates[-1]
    parts = [
        f"{METHOD_SHORT[run.method]}, λ = {run.lam:g}: {run.n_steps} steps from "
        f"{_point_text(run.iterates[0])} to {_point_text(end)}; the exact answer ★ is "
        f"{_point_text(run.solution)}, {_distance_text(float(run.distance[-1]))} away."
    ]
    for j, name in enumerate(("β₁", "β₂")):
        if run.solution[j] != 0.0:
            continue
        step = run.exact_zero_step(j)
        if step is None:
            parts.append(f"{name} is never exactly 0 (|{name}| = {abs(end[j]):.1e} at the end).")
        else:
            parts.append(f"{name} is exactly 0 from step {step}.")
    if run.method == "gd_l2":
        parts.append(f"Each step multiplies β by {weight_decay_factor(run):.3f}.")
    return " ".join(parts)


def code_snippet(
    *,
    lam: float,
    c1: float,
    c2: float,
    kappa: float,
    angle: float,
    steps: int,
    step_scale: float,
    start_1: float,
    start_2: float,
) -> str:
    """Runnable code: the exact answers, ISTA and weight decay by hand, on the page's bowl.

    ISTA is written out (a gradient step, then soft-thresholding by ηλ) and lands on the
    exact lasso answer of :func:`regviz.solve_penalized`, zeros included; weight decay
    multiplies β by 1 − ηλ each step and only approaches the ridge answer.

    Examples
    --------
    >>> code = code_snippet(**DEFAULTS)
    >>> namespace = {}
    >>> exec(code, namespace)  # doctest: +ELLIPSIS
    exact lasso answer ★: [1.0574, 0.0]
    ...
    >>> bool(namespace["ista_beta"][1] == 0.0)
    True
    """
    return "\n".join(
        [
            "import numpy as np",
            "from regviz import QuadraticLoss, solve_penalized",
            "",
            "# The page's bowl ½(β − c)ᵀH(β − c), λ, the step size and the start.",
            f"loss = QuadraticLoss.from_bowl([{float(c1)!r}, {float(c2)!r}], "
            f"condition_number={float(kappa)!r}, angle_deg={float(angle)!r})",
            f"c, H, lam, n_steps = loss.center, loss.hessian, {float(lam)!r}, {int(steps)}",
            f"start = np.array([{float(start_1)!r}, {float(start_2)!r}])",
            "L = np.linalg.eigvalsh(H)[-1]  # the largest curvature",
            "lasso = solve_penalized(c, H, penalty='l1', lam=lam)  # the exact answers (★)",
            "ridge = solve_penalized(c, H, penalty='l2', lam=lam)",
            "",
            "# ISTA: a gradient step, then soft-thresholding by η·λ (exact zeros).",
            f"eta = {float(step_scale)!r} / L",
            "b, beta = H @ c, start.copy()",
            "for k in range(n_steps):",
            "    z = beta - eta * (H @ beta - b)",
            "    beta = np.sign(z) * np.maximum(np.abs(z) - eta * lam, 0.0) + 0.0",
            "ista_beta = beta",
            "",
            "# Weight decay: multiply β by (1 − ηλ), then a gradient step on the loss.",
            f"eta = {float(step_scale)!r} / (L + lam)",
            "decay, beta = 1.0 - eta * lam, start.copy()",
            "for k in range(n_steps):",
            "    beta = decay * beta - eta * ((beta - c) @ H)",
            "decay_beta = beta",
            "",
            "print('exact lasso answer ★:', np.round(lasso, 4).tolist())",
            "print(f'ISTA after {n_steps} steps:', np.round(ista_beta, 4).tolist(),",
            "      'distance', np.linalg.norm(ista_beta - lasso))",
            "print('exact ridge answer ★:', np.round(ridge, 4).tolist())",
            "print(f'weight decay factor {decay:.3f}; after {n_steps} steps:',",
            "      np.round(decay_beta, 4).tolist(),",
            "      'distance', np.linalg.norm(decay_beta - ridge))",
        ]
    )
