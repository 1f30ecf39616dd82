"""Monte Carlo in three coefficients: how often are 0, 1 or 2 of them exactly zero?

The 3-D companion of :mod:`regviz.experiments.montecarlo`. Many random 3-D bowls
L(β) = ½(β − c)ᵀH(β − c) are drawn from an explicit design (:class:`Design3D`), each is
solved *exactly* under the octahedron, the sphere and the elastic-net ball
(:func:`regviz.core.geometry3d.solve_constrained_3d`), and the zeros of each solution
are counted (:func:`simulate_3d`). The same design is also run in 2-D, so the page can
say how the share of sparse solutions changes from two coefficients to three.

The random design, all lengths in units of the budget t
------------------------------------------------------
- **Center c**: uniform in the cube [−s·t, s·t]³ or Gaussian with standard deviation
  s·t per coordinate (s = ``center_scale``), as in 2-D.
- **Curvature H** = Q·diag(1, κ^u, κ)·Qᵀ: the condition number κ is log-uniform in
  [``condition_min``, ``condition_max``], the middle curvature log-uniform between
  the two (u uniform in [0, 1]); Q is a uniformly random rotation (Haar measure on
  SO(3), from a uniformly random unit quaternion) or the identity
  (``rotation="aligned"``: the bowl's axes along the coefficient axes). The overall
  scale of H does not move a constrained optimum, so the smallest curvature is 1.
- **Balls**, all meeting the axes at ±t: the octahedron ‖β‖₁ ≤ t, the sphere
  ‖β‖₂ ≤ t, and the elastic-net ball r‖β‖₁/t + (1 − r)‖β‖₂²/t² ≤ 1 with the ball mix
  r = ``l1_ratio``.

How zeros are counted
---------------------
For each penalty a trial is *binding* when c lies outside the ball; otherwise the
penalty does nothing and the trial is counted in ``inside`` (denominator: all trials).
Among the binding trials (the denominator of every zero count) the solution lies on
the ball's surface, so at most 2 of its 3 coefficients can be zero: 0 (a face or a
sphere piece), 1 (an edge) or 2 (a vertex). Counted per trial:

- exact zeros: coefficients that are exactly 0.0 (the exact solver puts the L1 and
  elastic-net edges and vertices at exactly 0.0);
- near zeros: coefficients with |βᵢ| < ε·t (ε = ``epsilon``).

As in 2-D, the sphere has no edges or vertices, so an exact zero is a probability-zero
event there; its headline counts use the ε-rule, the L1 and elastic-net ones the exact
rule. Every share comes with a Wilson 95 % interval (:class:`regviz.core.stats.Proportion`).

Randomness
----------
Trials are drawn and solved in fixed blocks of :data:`RNG_BLOCK`, block k from
``SeedSequence(seed, spawn_key=(k,))``, so every count is the same whatever
``chunk_size`` is (it only sets how often ``progress`` is called).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from numpy.typing import NDArray

from regviz.core.conventions import PENALTIES
from regviz.core.geometry3d import solve_constrained_3d
from regviz.core.stats import Proportion
from regviz.experiments import trials
from regviz.experiments.montecarlo import simulate
from regviz.experiments.trials import CENTER_DISTRIBUTIONS, CHUNK_SIZE, RNG_BLOCK, ci, headline, pct

__all__ = [
    "RNG_BLOCK",
    "CENTER_DISTRIBUTIONS",
    "ROTATIONS",
    "Design3D",
    "make_design_3d",
    "rotations_from_quaternions",
    "sample_problems_3d",
    "count_zeros",
    "PenaltyOutcome3D",
    "MonteCarlo3DResult",
    "simulate_3d",
    "describe_result_3d",
    "DEFAULTS",
    "MOVE_TRIALS",
    "LARGE_TRIALS",
    "KAPPA_RANGES",
    "alt_text_3d",
]

Array = NDArray[np.float64]

ROTATIONS = ("uniform", "aligned")
MAX_ZEROS = 2  # on the surface of a ball, at most 2 of 3 coefficients are zero
MOST_TRIALS = 5_000_000  # per run, to keep a run short


# --------------------------------------------------------------------------- design


@dataclass(frozen=True)
class Design3D:
    """The 3-D design of :func:`simulate_3d`, in units of the budget t.

    The fields of :class:`regviz.experiments.montecarlo.Design` except ``angle_deg``, with
    the same defaults and meanings (``center_scale``, ``condition_min``,
    ``condition_max``, ``t``, ``l1_ratio``), except for these:

    Attributes
    ----------
    center_distribution : {"uniform", "gaussian"}
        Uniform in the cube [−s·t, s·t]³, or Gaussian N(0, (s·t)²) per coordinate.
    rotation : {"uniform", "aligned"}
        A uniformly random rotation of the bowl, or none (axes along the coefficients).
    epsilon : float
        ε in [0, 1/3) of the near-zero rule |βᵢ| < ε·t.
    """

    center_distribution: str = "uniform"
    center_scale: float = 2.0
    condition_min: float = 1.0
    condition_max: float = 10.0
    rotation: str = "uniform"
    t: float = 1.0
    l1_ratio: float = 0.5
    epsilon: float = 0.01

    def __post_init__(self) -> None:
        trials.check_choices(self, ROTATIONS)
        # Every ball here has a coefficient ≥ t/3 on its surface, so with ε below 1/3 at
        # most two of the three coefficients can count as near zero.
        trials.check_ranges(self, epsilon_below=1.0 / 3.0, epsilon_range="at least 0 and below 1/3")

    def two_d(self) -> dict[str, object]:
        """The matching 2-D design of :func:`regviz.experiments.montecarlo.simulate`."""
        return {
            "center_distribution": self.center_distribution,
            "center_scale": self.center_scale,
            "condition_min": self.condition_min,
            "condition_max": self.condition_max,
            "rotation": "uniform" if self.rotation == "uniform" else "fixed",
            "angle_deg": 0.0,
            "t": self.t,
            "l1_ratio": self.l1_ratio,
            "epsilon": self.epsilon,
        }


def make_design_3d(**design: object) -> Design3D:
    """Build a :class:`Design3D` from keyword arguments, rejecting unknown names plainly.

    Examples
    --------
    >>> make_design_3d(center_scale=3.0).center_scale
    3.0
    """
    return trials.make_design(Design3D, design)


# --------------------------------------------------------------------------- sampling


def rotations_from_quaternions(q: Array) -> Array:
    """Rotation matrices, shape (N, 3, 3), from quaternions (N, 4) (normalized here).

    A quaternion drawn uniformly on the unit sphere S³ (normalized Gaussian 4-vector)
    gives a rotation uniformly distributed on SO(3) (the Haar measure).

    Examples
    --------
    >>> rotations_from_quaternions(np.array([[1.0, 0.0, 0.0, 0.0]]))[0].tolist()
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    q = np.asarray(q, dtype=float)
    w, x, y, z = (q / np.linalg.norm(q, axis=1, keepdims=True)).T
    rot = np.empty((len(q), 3, 3))
    rot[:, 0, 0] = 1 - 2 * (y * y + z * z)
    rot[:, 0, 1] = 2 * (x * y - z * w)
    rot[:, 0, 2] = 2 * (x * z + y * w)
    rot[:, 1, 0] = 2 * (x * y + z * w)
    rot[:, 1, 1] = 1 - 2 * (x * x + z * z)
    rot[:, 1, 2] = 2 * (y * z - x * w)
    rot[:, 2, 0] = 2 * (x * z - y * w)
    rot[:, 2, 1] = 2 * (y * z + x * w)
    rot[:, 2, 2] = 1 - 2 * (x * x + y * y)
    return rot


def _draw_block(design: Design3D, seed: int, block: int) -> tuple[Array, Array]:
    """Centers (units of t) and Hessians of the RNG_BLOCK trials of one block."""
    rng = trials.block_rng(seed, block)
    centers = trials.draw_centers(rng, design, 3)
    lo, hi = np.log(design.condition_min), np.log(design.condition_max)
    kappa = np.exp(rng.uniform(lo, hi, RNG_BLOCK))
    middle = kappa ** rng.uniform(0.0, 1.0, RNG_BLOCK)
    eig = np.stack([np.ones(RNG_BLOCK), middle, kappa], axis=1)
    if design.rotation == "uniform":
        rot = rotations_from_quaternions(rng.standard_normal((RNG_BLOCK, 4)))
        h = np.einsum("nij,nj,nkj->nik", rot, eig, rot)
        h = 0.5 * (h + np.swapaxes(h, 1, 2))
    else:
        h = np.zeros((RNG_BLOCK, 3, 3))
        h[:, [0, 1, 2], [0, 1, 2]] = eig
    return centers, h


def _take(design: Design3D, seed: int, start: int, stop: int) -> tuple[Array, Array]:
    """Trials [start, stop) of a seeded design: centers in units of t, Hessians."""
    return trials.take(partial(_draw_block, design, seed), start, stop)  # type: ignore[return-value]


def sample_problems_3d(n_trials: int, seed: int = 0, **design: object) -> tuple[Array, Array]:
    """The first ``n_trials`` random problems of :func:`simulate_3d`, in the units of β.

    Returns
    -------
    centers : ndarray, shape (n_trials, 3)
    hessians : ndarray, shape (n_trials, 3, 3)

    Examples
    --------
    >>> centers, hessians = sample_problems_3d(5, seed=1)
    >>> centers.shape, hessians.shape
    ((5, 3), (5, 3, 3))
    """
    d = make_design_3d(**design)
    centers, hessians = _take(d, int(seed), 0, trials.check_n_trials(n_trials, MOST_TRIALS))
    return centers * d.t, hessians


# --------------------------------------------------------------------------- counting


def count_zeros(beta: Array, threshold: float | None = None) -> NDArray[np.int64]:
    """Zeros per row of β: exactly 0.0 (``threshold=None``) or |βᵢ| < threshold.

    Examples
    --------
    >>> count_zeros(np.array([[1.0, 0.0, 0.0], [0.5, 1e-3, 2.0]])).tolist()
    [2, 0]
    >>> count_zeros(np.array([[0.5, 1e-3, 2.0]]), threshold=0.01).tolist()
    [1]
    """
    small = beta == 0.0 if threshold is None else np.abs(beta) < threshold
    return small.sum(axis=1)


def _solve_unit_balls(
    centers_unit: Array, hessians: Array, penalty: str, l1_ratio: float
) -> tuple[Array, NDArray[np.bool_]]:
    """Solve in units of t against the ball that meets the axes at ±1; also "inside".

    The solver returns c itself exactly when c is inside, so "inside" is read off its answer.
    """
    beta = solve_constrained_3d(centers_unit, hessians, penalty, 1.0, l1_ratio)
    return beta, np.all(beta == centers_unit, axis=1)


def _zero_counts() -> NDArray[np.int64]:
    return np.zeros(MAX_ZEROS + 1, dtype=np.int64)


@dataclass
class _Tally:
    """Binding trials with 0, 1 and 2 exact (and near) zeros, and the inside count."""

    inside: int = 0
    exact: NDArray[np.int64] = field(default_factory=_zero_counts)
    near: NDArray[np.int64] = field(default_factory=_zero_counts)

    def add(self, beta_unit: Array, inside: NDArray[np.bool_], epsilon: float) -> None:
        binding = beta_unit[~inside]
        self.inside += int(inside.sum())
        self.exact += np.bincount(count_zeros(binding), minlength=3)[: MAX_ZEROS + 1]
        self.near += np.bincount(count_zeros(binding, epsilon), minlength=3)[: MAX_ZEROS + 1]


@dataclass(frozen=True)
class PenaltyOutcome3D:
    """Counts for one penalty over all trials of a :func:`simulate_3d` run.

    ``penalty``, ``inside`` and ``binding`` (the denominator of every count below) are
    those of :class:`regviz.experiments.montecarlo.PenaltyOutcome`.

    Attributes
    ----------
    exact : tuple of 3 Proportion
        Binding trials with exactly 0, 1 and 2 coefficients equal to 0.0.
    near : tuple of 3 Proportion
        Binding trials with exactly 0, 1 and 2 coefficients |βᵢ| < ε·t.
    zeros : tuple of 3 Proportion
        The headline rule: ``exact`` for L1 and the elastic net, ``near`` for L2.
    at_least_one : Proportion
        Binding trials with at least one zero under the headline rule.
    sample_solutions : ndarray, shape (keep, 3)
        Solutions of the first ``keep`` trials, in the units of β.
    """

    penalty: str
    inside: Proportion
    binding: int
    exact: tuple[Proportion, Proportion, Proportion]
    near: tuple[Proportion, Proportion, Proportion]
    zeros: tuple[Proportion, Proportion, Proportion]
    at_least_one: Proportion
    sample_solutions: Array


@dataclass(frozen=True)
class MonteCarlo3DResult(trials.PerPenalty):
    """The result of :func:`simulate_3d`.

    The fields of :class:`regviz.experiments.montecarlo.MonteCarloResult` (its
    ``design`` a :class:`Design3D`, its ``outcomes`` :class:`PenaltyOutcome3D`, its
    samples of 3 coefficients), and the 2-D comparison:

    Attributes
    ----------
    two_d : dict[str, Proportion] or None
        The 2-D run of the same design (same size and seed): binding trials with a
        zero coefficient (the headline rule of :mod:`regviz.experiments.montecarlo`).
    """

    design: Design3D
    n_trials: int
    seed: int
    outcomes: dict[str, PenaltyOutcome3D]
    two_d: dict[str, Proportion] | None
    sample_centers: Array
    sample_hessians: Array

    @property
    def zero_fraction(self) -> dict[str, float]:
        """Share of binding trials with at least one zero (headline rule), per penalty."""
        return {p: o.at_least_one.fraction for p, o in self.outcomes.items()}

    @property
    def count_fractions(self) -> dict[str, tuple[float, float, float]]:
        """Shares of binding trials with 0, 1 and 2 zeros (headline rule), per penalty."""
        return {p: tuple(z.fraction for z in o.zeros) for p, o in self.outcomes.items()}


def simulate_3d(
    n_trials: int = 100_000,
    seed: int = 0,
    *,
    penalties: Iterable[str] = PENALTIES,
    keep: int = 2_000,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[float], None] | None = None,
    compare_2d: bool = True,
    **design: object,
) -> MonteCarlo3DResult:
    """Solve many random 3-D bowls exactly under each ball and count the zeros.

    The three-coefficient :func:`regviz.experiments.montecarlo.simulate`: the same
    parameters and errors (``keep`` defaults to 2_000 here; ``progress`` also covers the
    2-D run), the design's fields those of :class:`Design3D`, and one more:

    Parameters
    ----------
    compare_2d : bool, default True
        Also run the matching 2-D design (:meth:`Design3D.two_d`) with the same size
        and seed, for :attr:`MonteCarlo3DResult.two_d`.

    Returns
    -------
    MonteCarlo3DResult
        See the module docstring for the counting rules and denominators.

    Examples
    --------
    >>> res = simulate_3d(20_000, seed=1)
    >>> res.zero_fraction["l1"] > res.two_d["l1"].fraction > res.zero_fraction["l2"]
    True
    """
    d = make_design_3d(**design)
    run = trials.check_run(n_trials, penalties, keep, chunk_size, most=MOST_TRIALS)
    tallies, sample = trials.run_trials(
        run,
        d,
        dim=3,
        take=partial(_take, d, int(seed)),
        solve=_solve_unit_balls,
        tally=_Tally,
        progress=progress,
        share=0.5 if compare_2d else 1.0,
    )
    n, pens = run.n, run.penalties
    outcomes = {}
    for p, tl in tallies.items():
        binding = n - tl.inside
        ex = tuple(Proportion(int(v), binding) for v in tl.exact)
        nr = tuple(Proportion(int(v), binding) for v in tl.near)
        head = headline(p, ex, nr)
        outcomes[p] = PenaltyOutcome3D(
            penalty=p,
            inside=Proportion(tl.inside, n),
            binding=binding,
            exact=ex,  # type: ignore[arg-type]
            near=nr,  # type: ignore[arg-type]
            zeros=head,  # type: ignore[arg-type]
            at_least_one=Proportion(binding - head[0].count, binding),
            sample_solutions=sample.solutions[p],
        )

    two_d = None
    if compare_2d:
        inner = None if progress is None else (lambda f: progress(0.5 + 0.5 * f))
        res2 = simulate(n, int(seed), penalties=pens, keep=0, progress=inner, **d.two_d())
        two_d = {p: res2.outcomes[p].zeroed for p in pens}
    return MonteCarlo3DResult(
        design=d,
        n_trials=n,
        seed=int(seed),
        outcomes=outcomes,
        two_d=two_d,
        sample_centers=sample.centers,
        sample_hessians=sample.hessians,
    )


# --------------------------------------------------------------------------- words

_BALL_3D = {"l1": "octahedron", "l2": "sphere", "elasticnet": "elastic-net ball"}
_BALL_2D = {"l1": "diamond", "l2": "circle", "elasticnet": "elastic-net ball"}


def _pct(share: Proportion) -> str:
    return pct(share.fraction)


def describe_result_3d(result: MonteCarlo3DResult) -> str:
    """The page's sentences about a 3-D Monte Carlo run, linked to the 2-D run (Markdown).

    Parameters
    ----------
    result : MonteCarlo3DResult
        A run of :func:`simulate_3d`.

    Returns
    -------
    str
        One sentence per penalty (2-D vs 3-D share with a zero, and how many are zero),
        then the share of trials where the ball did not bind.

    Examples
    --------
    >>> res = simulate_3d(16_384, seed=0, penalties=("l1",))
    >>> print(describe_result_3d(res))  # doctest: +ELLIPSIS
    In 2-D the diamond zeroes one of two coefficients in 37.7 % of problems (exactly 0); in 3-D ...
    """
    eps = result.design.epsilon
    parts = []
    for p, o in result.outcomes.items():
        if o.binding == 0:
            parts.append(f"The {_BALL_3D[p]} never binds in this design (c is always inside it).")
            continue
        if p == "l2":
            rule = f" (|βᵢ| < {eps:g}·t; the sphere has no edges, so no coefficient is exactly 0)"
        else:
            rule = " (exactly 0)"
        three = (
            f"in 3-D the {_BALL_3D[p]} zeroes at least one of three in {_pct(o.at_least_one)} "
            f"({ci(o.at_least_one)}): one in {_pct(o.zeros[1])}, two in {_pct(o.zeros[2])}"
        )
        if result.two_d is not None and p in result.two_d:
            two = result.two_d[p]
            parts.append(
                f"In 2-D the {_BALL_2D[p]} zeroes one of two coefficients in {_pct(two)} of "
                f"problems{rule}; {three}."
            )
        else:
            parts.append(f"{three[0].upper()}{three[1:]}{rule}.")
    inside = ", ".join(f"{_BALL_3D[p]} {_pct(o.inside)}" for p, o in result.outcomes.items())
    parts.append(
        f"Shares are among the trials where the ball binds; of all {result.n_trials:,} "
        f"trials, c was already inside the ball (the penalty did nothing) for the {inside}."
    )
    return " ".join(parts)


# --------------------------------------------------------------------------- the page

# The Monte Carlo section of the "Three coefficients" page: its controls' defaults, by
# the names its links use (the design of :class:`Design3D`), and its run sizes — a small
# run on every control move (~0.1 CPU-s with the 2-D comparison), a large one on request.
DEFAULTS: dict[str, object] = {
    "mc_spread": 2.0,
    "mc_kappa": "1-10",
    "mc_rotation": "uniform",
    "mc_centers": "uniform",
    "mc_mix": 0.5,
    "mc_eps": 0.01,
    "mc_seed": 0,
}
MOVE_TRIALS = 8_192
LARGE_TRIALS = 250_000
# Ranges of the condition number κ the section offers: link text → (κ_min, κ_max).
KAPPA_RANGES: dict[str, tuple[float, float]] = {
    "1": (1.0, 1.0),
    "1-10": (1.0, 10.0),
    "1-100": (1.0, 100.0),
    "10-100": (10.0, 100.0),
    "1-1000": (1.0, 1000.0),
}


def alt_text_3d(result: MonteCarlo3DResult) -> str:
    """A text alternative for the bar chart of a 3-D run: the shares it draws.

    Examples
    --------
    >>> res = simulate_3d(4_096, seed=0, penalties=("l1",), compare_2d=False)
    >>> alt_text_3d(res)  # doctest: +ELLIPSIS
    'Bars over 4,096 random bowls, share of binding trials with 0, 1 and 2 zeros: octahedron ...'
    """
    eps = result.design.epsilon
    parts = []
    for p, o in result.outcomes.items():
        shares = ", ".join(_pct(z) for z in o.zeros)
        rule = f"|βᵢ| < {eps:g}·t" if p == "l2" else "exactly 0"
        parts.append(f"{_BALL_3D[p]} {shares} ({rule})")
    return (
        f"Bars over {result.n_trials:,} random bowls, share of binding trials with 0, 1 and 2 "
        "zeros: " + "; ".join(parts) + "."
    )
