"""Monte Carlo: how often does each penalty set a coefficient to zero?

Many random 2-D bowls L(β) = ½(β − c)ᵀH(β − c) are drawn from an explicit,
adjustable design (:class:`Design`), each is solved *exactly* under the L1 diamond,
the L2 circle and the elastic-net ball (:func:`regviz.core.geometry.solve_constrained`),
and the zeros are counted (:func:`simulate`).

The random design, all lengths in units of the budget t
------------------------------------------------------
- **Center c** (the unpenalized optimum): uniform in the box [−s·t, s·t]² or
  Gaussian with standard deviation s·t in each coordinate (s = ``center_scale``).
- **Curvature H** = R(φ)·diag(1, κ)·R(φ)ᵀ: the condition number κ is log-uniform in
  [``condition_min``, ``condition_max``] (fixed when the two are equal); the
  rotation φ is uniform in [0°, 180°) or fixed at ``angle_deg``. The overall scale
  of H is irrelevant (multiplying H by a constant does not move a constrained
  optimum), so the smaller curvature is 1.
- **Balls**, all meeting the axes at ±t so that they are comparable: the diamond
  ‖β‖₁ ≤ t, the circle ‖β‖₂ ≤ t, and the elastic-net ball
  r‖β‖₁/t + (1 − r)‖β‖₂²/t² ≤ 1 with the ball mix r = ``l1_ratio``.

How zeros are counted (denominators stated once, here)
------------------------------------------------------
For each penalty a trial is *binding* when c lies outside the ball; otherwise the
unconstrained optimum is already allowed, the penalty does nothing, and the trial
is counted in ``inside`` (denominator: all trials) and left out of the zero counts.
Among the binding trials (the denominator of every zero fraction):

- ``exact_zero``: at least one coefficient is exactly 0.0 — the exact solver puts
  L1 and elastic-net corners at exactly 0.0;
- ``near_zero``: at least one coefficient has |βᵢ| < ε·t (ε = ``epsilon``).

Ridge (L2) almost never gives an exact zero: the circle has no corners, so an
exact zero needs c exactly on an axis or H aligned with it, a probability-zero
event for a continuous design. Its headline number is therefore the ε-rule:
``zero_fraction["l2"]`` is the ``near_zero`` fraction, ``zero_fraction["l1"]`` and
``zero_fraction["elasticnet"]`` are ``exact_zero`` fractions. Each comes with a
Wilson 95 % confidence interval.

Randomness and memory
---------------------
Trials are generated and solved in fixed blocks of :data:`RNG_BLOCK` trials, block k
drawn from ``SeedSequence(seed, spawn_key=(k,))`` and handed to the solver as one
batch. So trial i, its solution and every count are the same whatever ``chunk_size``
is used (``chunk_size`` only sets how often ``progress`` is called; it is rounded up
to whole blocks). The batch matters because the L2 solver iterates until the whole
batch has converged, which can move a solution by an ulp. A million trials never
hold more than a few MB of temporaries per block. Only the first ``keep`` trials'
centers, curvatures and solutions are returned (trials are independent and
identically distributed, so these are a uniform random sample); counts and
histograms cover every trial.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from regviz.core.conventions import PENALTIES, PENALTY_NAMES
from regviz.core.geometry import solve_constrained
from regviz.core.stats import Proportion
from regviz.experiments import trials
from regviz.experiments.trials import (
    CENTER_DISTRIBUTIONS,
    CHUNK_SIZE,
    RNG_BLOCK,
    ci,
    headline,
    pct,
)

# Re-exported: the pages and figures read the headline rule from here.
from regviz.experiments.trials import EXACT_ZEROS as EXACT_ZEROS
from regviz.experiments.trials import reads_epsilon as reads_epsilon

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "RNG_BLOCK",
    "CHUNK_SIZE",
    "HIST_EDGES",
    "LOG_HIST_EDGES",
    "CENTER_DISTRIBUTIONS",
    "ROTATIONS",
    "Design",
    "make_design",
    "hessians_from_shapes",
    "sample_problems",
    "solve_unit_balls",
    "smaller_abs",
    "PenaltyOutcome",
    "MonteCarloResult",
    "simulate",
]


Array = NDArray[np.float64]

# The blocks of trials (RNG_BLOCK, each from its own seed) and the progress reports
# (CHUNK_SIZE) are those of :mod:`regviz.experiments.trials`, shared with the 3-D runs.

# Histogram of the smaller |coefficient| / t over binding trials: linear and log10 bins.
HIST_EDGES = np.linspace(0.0, 0.75, 151)
LOG_HIST_EDGES = np.linspace(-8.0, 0.0, 81)

# Every run also counts |βᵢ| < ε·t for these ε, so a result can be read at any of them
# (:func:`with_epsilon`) without solving again.
NEAR_EPSILONS = (0.001, 0.003, 0.01, 0.03, 0.1)

ROTATIONS = ("uniform", "fixed")
MOST_TRIALS = 20_000_000  # per run, to keep a run short


# --------------------------------------------------------------------------- design


@dataclass(frozen=True)
class Design:
    """The random design of :func:`simulate`; lengths are in units of the budget t.

    Attributes
    ----------
    center_distribution : {"uniform", "gaussian"}
        Uniform in the box [−s·t, s·t]², or Gaussian N(0, (s·t)²) per coordinate.
    center_scale : float
        s > 0, the half-width of the box or the standard deviation, in units of t.
    condition_min, condition_max : float
        Range of the condition number κ ≥ 1 of H (log-uniform; fixed if equal).
    rotation : {"uniform", "fixed"}
        Rotation of the bowl's long axis: uniform in [0°, 180°) or ``angle_deg``.
    angle_deg : float
        The fixed rotation, degrees counter-clockwise from the β₁ axis (default 30°, a
        generic tilt; 0° would align every bowl with the axes, a special case).
    t : float
        The budget t > 0: every ball meets the axes at ±t.
    l1_ratio : float
        The elastic-net ball mix r in [0, 1]: r‖β‖₁/t + (1 − r)‖β‖₂²/t² ≤ 1.
    epsilon : float
        ε ≥ 0 of the near-zero rule |βᵢ| < ε·t.
    """

    center_distribution: str = "uniform"
    center_scale: float = 2.0
    condition_min: float = 1.0
    condition_max: float = 10.0
    rotation: str = "uniform"
    angle_deg: float = 30.0
    t: float = 1.0
    l1_ratio: float = 0.5
    epsilon: float = 0.01

    def __post_init__(self) -> None:
        trials.check_choices(self, ROTATIONS)
        if self.t == 0:
            raise ValueError(
                "With a budget t = 0 every ball is a single point, so every penalty sets every "
                "coefficient to zero and there is nothing to compare. Choose t > 0."
            )
        trials.check_ranges(self, epsilon_below=1.0, epsilon_range="between 0 and 1")


def make_design(**design: object) -> Design:
    """Build a :class:`Design` from keyword arguments, rejecting unknown names plainly."""
    return trials.make_design(Design, design)


# --------------------------------------------------------------------------- sampling


def hessians_from_shapes(condition: Array, angle_rad: Array) -> Array:
    """H = R(φ)·diag(1, κ)·R(φ)ᵀ for arrays of κ and φ (radians); shape (N, 2, 2)."""
    # With the double angle: H = (1 + κ)/2·I + (1 − κ)/2·[[cos 2φ, sin 2φ], [sin 2φ, −cos 2φ]].
    mean, half = 0.5 * (1.0 + condition), 0.5 * (1.0 - condition)
    cos2, sin2 = np.cos(2.0 * angle_rad), np.sin(2.0 * angle_rad)
    h = np.empty((len(condition), 2, 2))
    h[:, 0, 0] = mean + half * cos2
    h[:, 1, 1] = mean - half * cos2
    h[:, 0, 1] = h[:, 1, 0] = half * sin2
    return h


def _draw_block(design: Design, seed: int, block: int) -> tuple[Array, Array, Array]:
    """Centers (in units of t), κ and φ of the RNG_BLOCK trials of one block."""
    rng = trials.block_rng(seed, block)
    centers = trials.draw_centers(rng, design, 2)
    lo, hi = np.log(design.condition_min), np.log(design.condition_max)
    condition = np.exp(rng.uniform(lo, hi, RNG_BLOCK)) if hi > lo else np.full(RNG_BLOCK, 1.0)
    if hi <= lo:
        condition *= design.condition_min
    if design.rotation == "uniform":
        angle = rng.uniform(0.0, np.pi, RNG_BLOCK)
    else:
        angle = np.full(RNG_BLOCK, np.deg2rad(design.angle_deg))
    return centers, condition, angle


def _take(design: Design, seed: int, start: int, stop: int) -> tuple[Array, Array]:
    """Trials [start, stop): centers in units of t, shape (m, 2), Hessians, shape (m, 2, 2)."""
    draw = partial(_draw_block, design, seed)
    centers, condition, angle = trials.take(draw, start, stop)
    return centers, hessians_from_shapes(condition, angle)


def sample_problems(n_trials: int, seed: int = 0, **design: object) -> tuple[Array, Array]:
    """The first ``n_trials`` random problems of :func:`simulate`, in the units of β.

    Returns
    -------
    centers : ndarray, shape (n_trials, 2)
    hessians : ndarray, shape (n_trials, 2, 2)
    """
    d = make_design(**design)
    centers, hessians = _take(d, int(seed), 0, trials.check_n_trials(n_trials, MOST_TRIALS))
    return centers * d.t, hessians


# --------------------------------------------------------------------------- solving


def solve_unit_balls(
    centers_unit: Array, hessians: Array, penalty: str, l1_ratio: float
) -> tuple[Array, Array]:
    """Solve in units of t against the ball that meets the axes at ±1.

    Returns the solutions (units of t) and the mask of trials whose center was
    already inside the ball. The solver returns c itself exactly when c is inside
    (and a boundary point ≠ c otherwise), so "inside" is read off its answer and
    agrees with the solver's own test to the last bit.
    """
    beta = solve_constrained(centers_unit, hessians, penalty, 1.0, l1_ratio)
    inside = (beta[:, 0] == centers_unit[:, 0]) & (beta[:, 1] == centers_unit[:, 1])
    return beta, inside


def smaller_abs(beta: Array) -> Array:
    """min(|β₁|, |β₂|) per row."""
    return np.minimum(np.abs(beta[:, 0]), np.abs(beta[:, 1]))


@dataclass
class _Tally:
    inside: int = 0
    exact: int = 0
    near: int = 0
    hist: Array = field(default_factory=lambda: np.zeros(len(HIST_EDGES) - 1, dtype=np.int64))
    log_hist: Array = field(
        default_factory=lambda: np.zeros(len(LOG_HIST_EDGES) - 1, dtype=np.int64)
    )
    near_by: dict[float, int] = field(default_factory=lambda: dict.fromkeys(NEAR_EPSILONS, 0))

    def add(self, beta_unit: Array, inside: Array, epsilon: float) -> None:
        small = smaller_abs(beta_unit)[~inside]
        self.inside += int(inside.sum())
        exact = small == 0.0
        self.exact += int(exact.sum())
        self.near += int((small < epsilon).sum())
        for eps in self.near_by:
            self.near_by[eps] += int((small < eps).sum())
        self.hist += _uniform_bin_counts(small, HIST_EDGES)
        self.log_hist += _uniform_bin_counts(np.log10(small[~exact]), LOG_HIST_EDGES)


def _uniform_bin_counts(values: Array, edges: Array) -> NDArray[np.int64]:
    """Counts on evenly spaced edges, values beyond either end put in the end bins.

    Same as ``np.histogram`` after clipping, but by index arithmetic (several times faster).
    """
    n_bins = len(edges) - 1
    index = np.floor((values - edges[0]) * (n_bins / (edges[-1] - edges[0])))
    index = np.clip(index, 0, n_bins - 1).astype(np.intp)
    return np.bincount(index, minlength=n_bins)


@dataclass(frozen=True)
class PenaltyOutcome:
    """Counts for one penalty over all trials of a :func:`simulate` run.

    Attributes
    ----------
    penalty : str
        "l1", "l2" or "elasticnet".
    inside : Proportion
        Trials whose center was already inside the ball (denominator: all trials).
    binding : int
        Trials where the ball binds (the denominator of every zero fraction).
    exact_zero : Proportion
        Binding trials with a coefficient exactly 0.0.
    near_zero : Proportion
        Binding trials with a coefficient |βᵢ| < ε·t.
    zeroed : Proportion
        The headline rule: ``exact_zero`` for L1 and elastic net, ``near_zero`` for L2.
    hist_counts : ndarray
        Histogram of the smaller |βᵢ|/t over binding trials on :data:`HIST_EDGES`
        (values past the last edge go in the last bin).
    log_hist_counts : ndarray
        Histogram of log10(smaller |βᵢ|/t) over binding trials *without* an exact
        zero, on :data:`LOG_HIST_EDGES` (clipped to its ends).
    sample_solutions : ndarray, shape (keep, 2)
        Solutions of the first ``keep`` trials, in the units of β.
    sample_inside : ndarray of bool, shape (keep,)
        Whether each kept trial's center was inside the ball.
    near_counts : dict of float to int
        Binding trials with |βᵢ| < ε·t for each ε of :data:`NEAR_EPSILONS` and the design's.
    """

    penalty: str
    inside: Proportion
    binding: int
    exact_zero: Proportion
    near_zero: Proportion
    zeroed: Proportion
    hist_counts: NDArray[np.int64]
    log_hist_counts: NDArray[np.int64]
    sample_solutions: Array
    sample_inside: NDArray[np.bool_]
    near_counts: dict[float, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MonteCarloResult(trials.PerPenalty):
    """The result of :func:`simulate`.

    Attributes
    ----------
    design : Design
        The random design.
    n_trials, seed : int
        Run size and seed.
    outcomes : dict[str, PenaltyOutcome]
        Per penalty counts, CIs, histograms and the kept sample.
    sample_centers : ndarray, shape (keep, 2)
        Centers of the first ``keep`` trials (units of β).
    sample_hessians : ndarray, shape (keep, 2, 2)
        Their curvatures.
    """

    design: Design
    n_trials: int
    seed: int
    outcomes: dict[str, PenaltyOutcome]
    sample_centers: Array
    sample_hessians: Array

    @property
    def zero_fraction(self) -> dict[str, float]:
        """Headline zero fraction per penalty (exact for L1/EN, |βᵢ| < ε·t for L2)."""
        return {p: o.zeroed.fraction for p, o in self.outcomes.items()}

    @property
    def zeroci(self) -> dict[str, tuple[float, float]]:
        """Wilson 95 % interval of :attr:`zero_fraction` per penalty."""
        return {p: (o.zeroed.low, o.zeroed.high) for p, o in self.outcomes.items()}


def simulate(
    n_trials: int = 100_000,
    seed: int = 0,
    *,
    penalties: Iterable[str] = PENALTIES,
    keep: int = 20_000,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[float], None] | None = None,
    **design: object,
) -> MonteCarloResult:
    """Solve many random 2-D bowls exactly under each ball and count the zeros.

    Parameters
    ----------
    n_trials : int, default 100_000
        Number of random problems (each solved once per penalty: a paired design).
    seed : int, default 0
        Seed; the same seed gives the same trials and results whatever ``chunk_size``.
    penalties : iterable of str, default ("l1", "l2", "elasticnet")
        Which balls to solve.
    keep : int, default 20_000
        How many of the first trials to return in full (centers, H, solutions).
    chunk_size : int, default 65_536
        Trials between two ``progress`` reports (rounded up to whole blocks of
        :data:`RNG_BLOCK`); never changes the result.
    progress : callable, optional
        Called with the fraction done (0–1] after each chunk.
    **design
        Fields of :class:`Design`: ``center_distribution``, ``center_scale``,
        ``condition_min``, ``condition_max``, ``rotation``, ``angle_deg``, ``t``,
        ``l1_ratio`` (the elastic-net ball mix), ``epsilon``.

    Returns
    -------
    MonteCarloResult
        ``res.zero_fraction["l1"]`` etc.; see the module docstring for the exact
        counting rules and denominators.

    Raises
    ------
    ValueError
        For an unknown design setting or penalty, or a value out of range.

    Examples
    --------
    >>> res = simulate(20_000, seed=1)
    >>> res.zero_fraction["l1"] > res.zero_fraction["l2"]
    True
    """
    d = make_design(**design)
    run = trials.check_run(n_trials, penalties, keep, chunk_size, most=MOST_TRIALS)
    take = partial(_take, d, int(seed))
    tallies, sample = trials.run_trials(
        run, d, dim=2, take=take, solve=solve_unit_balls, tally=_Tally, progress=progress
    )
    n = run.n
    outcomes = {}
    for p, tl in tallies.items():
        binding = n - tl.inside
        exact = Proportion(tl.exact, binding)
        near = Proportion(tl.near, binding)
        outcomes[p] = PenaltyOutcome(
            penalty=p,
            inside=Proportion(tl.inside, n),
            binding=binding,
            exact_zero=exact,
            near_zero=near,
            zeroed=headline(p, exact, near),
            hist_counts=tl.hist,
            log_hist_counts=tl.log_hist,
            sample_solutions=sample.solutions[p],
            sample_inside=sample.inside[p],
            near_counts={**tl.near_by, d.epsilon: tl.near},
        )
    return MonteCarloResult(
        design=d,
        n_trials=n,
        seed=int(seed),
        outcomes=outcomes,
        sample_centers=sample.centers,
        sample_hessians=sample.hessians,
    )


def with_epsilon(result: MonteCarloResult, epsilon: float) -> MonteCarloResult:
    """The same run read with another near-zero rule |βᵢ| < ε·t (no solving again).

    Every run counts the near zeros for each ε of :data:`NEAR_EPSILONS` (and its own ε), so
    the result equals ``simulate`` with ``epsilon=epsilon`` and everything else the same.

    Raises
    ------
    ValueError
        For an ε the run did not count.

    Examples
    --------
    >>> run = simulate(5_000, seed=0, keep=0)
    >>> again = simulate(5_000, seed=0, keep=0, epsilon=0.1)
    >>> with_epsilon(run, 0.1).outcomes["l2"].near_zero == again.outcomes["l2"].near_zero
    True
    """
    eps = float(epsilon)
    outcomes = {}
    for p, out in result.outcomes.items():
        if eps not in out.near_counts:
            counted = ", ".join(f"{e:g}" for e in sorted(out.near_counts))
            raise ValueError(f"This run counted near zeros only for ε in {counted}; got {eps:g}.")
        near = Proportion(out.near_counts[eps], out.binding)
        outcomes[p] = replace(out, near_zero=near, zeroed=headline(p, out.exact_zero, near))
    return replace(result, design=replace(result.design, epsilon=eps), outcomes=outcomes)


# --------------------------------------------------------------------------- the page

TRIALS = 100_000
"""Trials of the Monte Carlo page's default run (about a third of a second)."""
MANY_TRIALS = 1_000_000
"""Trials when the learner asks for a million (narrower intervals, a few seconds)."""

_DESIGN = Design()

DEFAULTS: dict[str, object] = {
    "scale": _DESIGN.center_scale,
    "kappa": (_DESIGN.condition_min, _DESIGN.condition_max),
    "million": False,
    "eps": _DESIGN.epsilon,
    "center_dist": _DESIGN.center_distribution,
    "rotation": _DESIGN.rotation,
    "angle": _DESIGN.angle_deg,
    "t": _DESIGN.t,
    "mix": _DESIGN.l1_ratio,
    "seed": 0,
}
"""The Monte Carlo page's design controls at their defaults (the :class:`Design` defaults)."""

PRESETS: dict[str, dict[str, object]] = {
    "Round bowls (κ = 1)": {"kappa": (1.0, 1.0)},
    "Long thin bowls (κ 10–100)": {"kappa": (10.0, 100.0)},
    "Gaussian centers": {"center_dist": "gaussian"},
}
"""Examples of random designs (each a full state over :data:`DEFAULTS`)."""


def simulation_settings(values: Mapping[str, object]) -> dict[str, object]:
    """The arguments of :func:`simulate` for the page's control values, ε left out.

    A run counts near zeros for every ε of :data:`NEAR_EPSILONS`, so the page reads the
    chosen ε off one run with :func:`with_epsilon` (moving ε solves nothing again). The fixed
    rotation angle is passed only when the rotation is fixed (else it has no effect and stays
    at its default, so equal designs have equal settings).

    Examples
    --------
    >>> settings = simulation_settings(DEFAULTS)
    >>> settings["n_trials"], settings["center_scale"], settings["angle_deg"]
    (100000, 2.0, 30.0)
    """
    low, high = values["kappa"]  # type: ignore[misc]
    fixed = values["rotation"] == "fixed"
    return {
        "n_trials": MANY_TRIALS if values["million"] else TRIALS,
        "seed": int(values["seed"]),  # type: ignore[call-overload]
        "center_distribution": str(values["center_dist"]),
        "center_scale": float(values["scale"]),  # type: ignore[arg-type]
        "condition_min": float(low),
        "condition_max": float(high),
        "rotation": str(values["rotation"]),
        # The angle matters only to fixed rotations (one cached run for every angle else).
        "angle_deg": float(values["angle"]) if fixed else _DESIGN.angle_deg,  # type: ignore[arg-type]
        "t": float(values["t"]),  # type: ignore[arg-type]
        "l1_ratio": float(values["mix"]),  # type: ignore[arg-type]
    }


_BALLS = {"l1": "the diamond", "l2": "the circle", "elasticnet": "the elastic-net ball"}


def design_of(values: Mapping[str, object]) -> Design:
    """The random design the page's control values describe (what the zone averages of
    :mod:`regviz.experiments.zones` depend on; no trial count, seed or ε in it).

    Examples
    --------
    >>> design_of(DEFAULTS).center_scale, design_of(DEFAULTS).condition_max
    (2.0, 10.0)
    """
    settings = simulation_settings(values)
    return make_design(**{k: v for k, v in settings.items() if k not in ("n_trials", "seed")})


def describe_no_binding(result: MonteCarloResult) -> str | None:
    """A sentence when some ball contains every center (nothing to count), else None.

    Examples
    --------
    >>> describe_no_binding(simulate(2_000, seed=0, keep=0, center_scale=0.5))[:40]
    'Every center of this design lies inside '
    >>> describe_no_binding(simulate(2_000, seed=0, keep=0)) is None
    True
    """
    idle = [_BALLS[p] for p, o in result.outcomes.items() if o.binding == 0]
    if not idle:
        return None
    balls = idle[0] if len(idle) == 1 else ", ".join(idle[:-1]) + " and " + idle[-1]
    return (
        f"Every center of this design lies inside {balls}, so the penalty never binds there "
        "and there are no zeros to count: spread the centers wider (a larger s)."
    )


def describe_result(result: MonteCarloResult) -> str:
    """What to notice under the zero-fraction chart, from the counts.

    Examples
    --------
    >>> text = describe_result(simulate(20_000, seed=0, keep=0))
    >>> text.startswith("Over 20,000 random bowls, the diamond put a coefficient at exactly 0")
    True
    """
    if (idle := describe_no_binding(result)) is not None:
        return idle
    out = result.outcomes
    l1, l2, en = out["l1"], out["l2"], out["elasticnet"]
    eps = result.design.epsilon
    return (
        f"Over {result.n_trials:,} random bowls, the diamond put a coefficient at exactly 0 in "
        f"**{pct(l1.exact_zero.fraction)}** ({ci(l1.exact_zero)}) of the trials where it "
        f"binds; the circle in **{pct(l2.exact_zero.fraction, 2)}** exactly and in "
        f"{pct(l2.near_zero.fraction, 2)} within ε·t = {eps:g}·t; the elastic net in "
        f"{pct(en.exact_zero.fraction)}. The centers were already inside the ball (no "
        f"penalty effect, left out above) in {pct(l1.inside.fraction)} (diamond), "
        f"{pct(l2.inside.fraction)} (circle) and {pct(en.inside.fraction)} (elastic net) "
        "of all trials."
    )


def alt_text(result: MonteCarloResult) -> str:
    """A text alternative of the zero-fraction chart with its numbers.

    Examples
    --------
    >>> alt_text(simulate(20_000, seed=0, keep=0)).split(":")[0]
    'Bar chart of zero coefficients in 20,000 random problems'
    """
    if (idle := describe_no_binding(result)) is not None:
        return idle
    names = {"l1": "L1 (diamond)", "l2": "L2 (circle)", "elasticnet": "elastic net"}
    parts = [
        f"{names[p]} exactly 0 in {pct(o.exact_zero.fraction, 2)}, below ε·t in "
        f"{pct(o.near_zero.fraction, 2)} of {o.binding:,} binding trials"
        for p, o in result.outcomes.items()
    ]
    return (
        f"Bar chart of zero coefficients in {result.n_trials:,} random problems: "
        + "; ".join(parts)
        + f" (ε = {result.design.epsilon:g}; error bars are 95 % Wilson intervals)."
    )


def _shown(outcome: PenaltyOutcome, limit: int) -> Array:
    return outcome.sample_solutions[~outcome.sample_inside][:limit]


def describe_solutions(result: MonteCarloResult) -> str:
    """What to notice under the three clouds of solutions.

    Examples
    --------
    >>> "exactly on a corner" in describe_solutions(simulate(20_000, seed=0, keep=2_000))
    True
    """
    if describe_no_binding(result) is not None:
        return "No trial binds, so no solution lies on a ball's boundary."
    l1, l2 = result.outcomes["l1"], result.outcomes["l2"]
    return (
        f"On the diamond {pct(l1.exact_zero.fraction)} of the solutions sit exactly on a "
        "corner (big markers, counts beside them): every center in a whole wedge of the plane "
        "ends up there. On the circle the solutions spread around the ring; only "
        f"{pct(l2.near_zero.fraction, 2)} come within ε·t of an axis, and "
        f"{l2.exact_zero.count:,} lie exactly on one."
    )


def solutions_alt_text(result: MonteCarloResult, penalty: str, limit: int) -> str:
    """A text alternative of one ball's cloud of solutions (the first ``limit`` shown).

    Examples
    --------
    >>> solutions_alt_text(simulate(5_000, seed=0, keep=1_000), "l1", 500).split(",")[0]
    'Solutions of the first 500 binding trials on the diamond'
    """
    beta = _shown(result.outcomes[penalty], limit)
    names = {"l1": "the diamond", "l2": "the circle", "elasticnet": "the elastic-net ball"}
    on_axis = int(np.any(beta == 0.0, axis=1).sum())
    share = on_axis / len(beta) if len(beta) else 0.0
    return (
        f"Solutions of the first {len(beta):,} binding trials on {names[penalty]}, "
        f"{on_axis:,} of them ({pct(share)}) exactly on an axis."
    )


def describe_histogram(result: MonteCarloResult) -> str:
    """What to notice under the histogram of the smaller coefficient.

    Examples
    --------
    >>> "into the 'exactly 0' bar" in describe_histogram(simulate(20_000, seed=0, keep=0))
    True
    """
    if describe_no_binding(result) is not None:
        return "No trial binds, so there is no smaller coefficient to count."
    l1, l2 = result.outcomes["l1"], result.outcomes["l2"]
    return (
        f"L2's smaller coefficient reaches tiny values — {pct(l2.near_zero.fraction, 2)} are "
        f"below ε·t — but only {l2.exact_zero.count:,} of {l2.binding:,} binding trials are "
        f"exactly 0. L1 puts {pct(l1.exact_zero.fraction)} into the 'exactly 0' bar."
    )


def histogram_alt_text(result: MonteCarloResult) -> str:
    """A text alternative of the histogram of the smaller coefficient.

    Examples
    --------
    >>> histogram_alt_text(simulate(5_000, seed=0, keep=0)).startswith("Histogram")
    True
    """
    if (idle := describe_no_binding(result)) is not None:
        return idle
    l1, l2 = result.outcomes["l1"], result.outcomes["l2"]
    return (
        "Histogram of the smaller |βᵢ|/t on a log scale over binding trials: L2 has a tail "
        f"towards zero with {pct(l2.near_zero.fraction, 2)} below ε·t and "
        f"{pct(l2.exact_zero.fraction, 2)} exactly 0; L1 has a bar of "
        f"{pct(l1.exact_zero.fraction)} at exactly 0."
    )


def zero_fraction_table(result: MonteCarloResult) -> pd.DataFrame:
    """The numbers of the zero-fraction chart: one row per penalty (ball).

    Parameters
    ----------
    result : MonteCarloResult
        A run, read at the page's ε (:func:`with_epsilon`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``penalty``; columns ``trials``, ``binding trials`` (the denominator of
        the bars), for each bar (``exactly 0``, ``below ε·t``) the count, the ``% of
        binding trials`` and its Wilson 95 % interval (``95 % CI low (%)``, ``95 % CI high
        (%)``), the rule's ``ε``, and the ``center inside the ball (% of all trials)``.

    Examples
    --------
    >>> table = zero_fraction_table(simulate(2_000, seed=0, keep=0))
    >>> table.index.tolist()
    ['L1 (lasso)', 'L2 (ridge)', 'Elastic net']
    >>> int(table.loc["L2 (ridge)", "exactly 0 (count)"])  # the circle: no exact zero
    0
    """
    import pandas as pd

    rows = {}
    for penalty, out in result.outcomes.items():
        row: dict[str, float] = {"trials": result.n_trials, "binding trials": out.binding}
        for label, share in (("exactly 0", out.exact_zero), ("below ε·t", out.near_zero)):
            row[f"{label} (count)"] = share.count
            row[f"{label} (% of binding trials)"] = 100 * share.fraction
            row[f"{label}: 95 % CI low (%)"] = 100 * share.low
            row[f"{label}: 95 % CI high (%)"] = 100 * share.high
        row["ε"] = result.design.epsilon
        row["center inside the ball (% of all trials)"] = 100 * out.inside.fraction
        rows[PENALTY_NAMES[penalty]] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("penalty")


def code_snippet(result: MonteCarloResult) -> str:
    """Runnable code that reproduces the page's counts (same design, seed and trials).

    Examples
    --------
    >>> result = simulate(5_000, seed=3, keep=0, center_scale=1.5)
    >>> namespace = {}
    >>> exec(code_snippet(result), namespace)  # doctest: +ELLIPSIS
    l1 exactly 0: ...
    >>> namespace["res"].outcomes["l1"].exact_zero == result.outcomes["l1"].exact_zero
    True
    """
    d = result.design
    settings = ",\n".join(f"    {f.name}={getattr(d, f.name)!r}" for f in fields(Design))
    return "\n".join(
        [
            "from regviz import simulate",
            "",
            "# The page's design, seed and number of trials: the same trials, the same counts.",
            "res = simulate(",
            f"    n_trials={result.n_trials:_},",
            f"    seed={result.seed},",
            settings + ",",
            ")",
            "for penalty, out in res.outcomes.items():",
            '    print(penalty, "exactly 0:", f"{out.exact_zero.fraction:.2%}",',
            '          "below ε·t:", f"{out.near_zero.fraction:.2%}",',
            '          "of", out.binding, "binding trials")',
        ]
    )
