"""The Monte Carlo bookkeeping the 2-D and 3-D runs share: seeds, blocks, checks, counts.

:func:`regviz.experiments.montecarlo.simulate` (2-D bowls) and
:func:`regviz.experiments.montecarlo3d.simulate_3d` (3-D bowls) differ only in how a
block of random problems is drawn, which exact solver answers it and what is counted;
everything else is here, once:

- the random designs' common checks (:func:`check_choices`, :func:`check_ranges`) and
  their keyword-argument builder (:func:`make_design`);
- the seeding: trials come in fixed blocks of :data:`RNG_BLOCK`, block k drawn from
  ``SeedSequence(seed, spawn_key=(k,))`` (:func:`block_rng`), so trial i and every count
  are the same however a run is cut (:func:`take`);
- the run's checks (:func:`check_run`) and the one loop over the blocks
  (:func:`run_trials`): each block is drawn, solved as one batch per penalty, counted by a
  per-penalty tally, its first trials kept in full (:class:`Sample`), and progress is
  reported every few blocks;
- the headline rule (:func:`reads_epsilon`, :func:`headline`) and the percentages of the
  sentences (:func:`pct`, :func:`ci`).

Examples
--------
>>> take(lambda k: (np.arange(k * RNG_BLOCK, (k + 1) * RNG_BLOCK),), RNG_BLOCK - 1, RNG_BLOCK + 2)
(array([16383, 16384, 16385]),)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from regviz.core.penalties import check_penalty
from regviz.core.stats import Proportion

__all__ = [
    "RNG_BLOCK",
    "CHUNK_SIZE",
    "CENTER_DISTRIBUTIONS",
    "EXACT_ZEROS",
    "check_choices",
    "check_ranges",
    "make_design",
    "block_rng",
    "draw_centers",
    "take",
    "check_n_trials",
    "Run",
    "check_run",
    "Sample",
    "run_trials",
    "PerPenalty",
    "reads_epsilon",
    "headline",
    "pct",
    "ci",
]

Array = NDArray[np.float64]
D = TypeVar("D")
S = TypeVar("S")

# Trials are drawn and solved in blocks of this size, each block from its own seed, so
# that no result depends on how the run is chunked. 16k problems per solver call is
# also about the fastest batch size (the temporaries stay in cache).
RNG_BLOCK = 16_384

# Default number of trials between two progress reports.
CHUNK_SIZE = 65_536

CENTER_DISTRIBUTIONS = ("uniform", "gaussian")

EXACT_ZEROS = ("l1", "elasticnet")
"""The penalties whose zeros are counted exactly (ε plays no part in them)."""


# --------------------------------------------------------------------------- designs


def check_choices(design: Any, rotations: tuple[str, ...]) -> None:
    """Check a design's center distribution and rotation against the offered choices."""
    if design.center_distribution not in CENTER_DISTRIBUTIONS:
        raise ValueError(
            f"The center distribution must be 'uniform' or 'gaussian'; "
            f"got {design.center_distribution!r}."
        )
    if design.rotation not in rotations:
        names = " or ".join(repr(r) for r in rotations)
        raise ValueError(f"The rotation must be {names}; got {design.rotation!r}.")


def check_ranges(design: Any, *, epsilon_below: float, epsilon_range: str) -> None:
    """Check a design's lengths, condition numbers, mix and ε (and a fixed angle, if any).

    ε must lie in [0, ``epsilon_below``); ``epsilon_range`` says so in the message.
    """
    for name in ("center_scale", "t"):
        value = getattr(design, name)
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a positive number; got {value}.")
    if not (np.isfinite(design.condition_min) and design.condition_min >= 1.0):
        raise ValueError(f"The condition number must be at least 1; got {design.condition_min}.")
    if not (np.isfinite(design.condition_max) and design.condition_max >= design.condition_min):
        raise ValueError(
            "The largest condition number must be finite and at least the smallest one; "
            f"got {design.condition_min} to {design.condition_max}."
        )
    if design.condition_max > 1e8:
        raise ValueError("Condition numbers above 1e8 make the bowls numerically singular.")
    if not np.isfinite(getattr(design, "angle_deg", 0.0)):  # 2-D designs fix an angle
        raise ValueError("The rotation angle must be a finite number of degrees.")
    if not (0.0 <= design.l1_ratio <= 1.0):
        raise ValueError(f"The elastic-net mix must be between 0 and 1; got {design.l1_ratio}.")
    if not (np.isfinite(design.epsilon) and 0.0 <= design.epsilon < epsilon_below):
        raise ValueError(f"ε must be {epsilon_range}; got {design.epsilon}.")


def make_design(cls: type[D], design: Mapping[str, object]) -> D:
    """Build a design dataclass from keyword arguments, rejecting unknown names plainly."""
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(design) - known)
    if unknown:
        raise ValueError(
            f"Unknown design setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}."
        )
    return cls(**design)


# --------------------------------------------------------------------------- blocks


def block_rng(seed: int, block: int) -> np.random.Generator:
    """The generator of block ``block`` of a run seeded with ``seed``."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(block,)))


def draw_centers(rng: np.random.Generator, design: Any, dim: int) -> Array:
    """The centers of one block in units of t: uniform in [−s, s]^dim or N(0, s²) each."""
    s = design.center_scale
    if design.center_distribution == "uniform":
        return rng.uniform(-s, s, size=(RNG_BLOCK, dim))
    return s * rng.standard_normal((RNG_BLOCK, dim))


def take(
    draw_block: Callable[[int], tuple[Array, ...]], start: int, stop: int
) -> tuple[Array, ...]:
    """Rows [start, stop) of the arrays ``draw_block(k)`` draws for each block k."""
    parts = []
    for k in range(start // RNG_BLOCK, (stop - 1) // RNG_BLOCK + 1):
        lo = max(start, k * RNG_BLOCK) - k * RNG_BLOCK
        hi = min(stop, (k + 1) * RNG_BLOCK) - k * RNG_BLOCK
        parts.append(tuple(a[lo:hi] for a in draw_block(k)))
    if len(parts) == 1:
        return parts[0]
    return tuple(np.concatenate(p) for p in zip(*parts, strict=True))


def check_n_trials(n_trials: int, most: int) -> int:
    """The number of trials as an int: a whole number from 1 to ``most`` (whole millions)."""
    n = int(n_trials)
    if n != n_trials or n < 1:
        raise ValueError(f"The number of trials must be a positive whole number; got {n_trials}.")
    if n > most:
        raise ValueError(
            f"At most {most // 1_000_000} million trials per run, to keep the run short."
        )
    return n


@dataclass(frozen=True)
class Run:
    """A checked run: its size, penalties, trials kept in full, blocks between reports."""

    n: int
    penalties: tuple[str, ...]
    n_keep: int
    blocks_per_report: int


def check_run(
    n_trials: int, penalties: Iterable[str], keep: int, chunk_size: int, *, most: int
) -> Run:
    """Check the size, penalties and chunking of a run (see :func:`run_trials`)."""
    n = check_n_trials(n_trials, most)
    pens = tuple(check_penalty(p) for p in penalties)
    if not pens:
        raise ValueError("Choose at least one penalty.")
    if int(chunk_size) < 1:
        raise ValueError("chunk_size must be a positive whole number.")
    return Run(n, pens, min(max(int(keep), 0), n), -(-int(chunk_size) // RNG_BLOCK))


# --------------------------------------------------------------------------- the loop


class Tally(Protocol):
    """What :func:`run_trials` needs of a penalty's counts."""

    def add(self, beta_unit: Array, inside: NDArray[np.bool_], epsilon: float) -> None: ...


class Sample:
    """The first ``n_keep`` trials of a run in full, in the units of β.

    Attributes
    ----------
    centers : ndarray, shape (n_keep, dim)
    hessians : ndarray, shape (n_keep, dim, dim)
    solutions : dict of str to ndarray, shape (n_keep, dim)
        Per penalty.
    inside : dict of str to ndarray of bool, shape (n_keep,)
        Per penalty: whether the center was already inside the ball.
    """

    def __init__(self, n_keep: int, dim: int, penalties: Iterable[str], t: float) -> None:
        self.t = t
        self.centers = np.empty((n_keep, dim))
        self.hessians = np.empty((n_keep, dim, dim))
        self.solutions = {p: np.empty((n_keep, dim)) for p in penalties}
        self.inside = {p: np.empty(n_keep, dtype=bool) for p in penalties}
        self._rows, self._count = slice(0, 0), 0

    def keep_problems(self, start: int, stop: int, centers: Array, hessians: Array) -> None:
        """Keep what falls in the sample of trials [start, stop) (centers in units of t)."""
        self._count = max(0, min(stop, len(self.centers)) - start)
        self._rows = slice(start, start + self._count)
        if self._count:
            self.centers[self._rows] = centers[: self._count] * self.t
            self.hessians[self._rows] = hessians[: self._count]

    def keep_solutions(self, penalty: str, beta_unit: Array, inside: NDArray[np.bool_]) -> None:
        """Keep one penalty's solutions (units of t) of the trials last given."""
        if self._count:
            self.solutions[penalty][self._rows] = beta_unit[: self._count] * self.t
            self.inside[penalty][self._rows] = inside[: self._count]


def run_trials(
    run: Run,
    design: Any,
    *,
    dim: int,
    take: Callable[[int, int], tuple[Array, Array]],
    solve: Callable[[Array, Array, str, float], tuple[Array, NDArray[np.bool_]]],
    tally: Callable[[], S],
    progress: Callable[[float], None] | None = None,
    share: float = 1.0,
) -> tuple[dict[str, S], Sample]:
    """Draw, solve and count a run block by block; the one loop of every Monte Carlo run.

    Parameters
    ----------
    run : Run
        From :func:`check_run`.
    design : Design or Design3D
        Its ``t``, ``l1_ratio`` and ``epsilon`` are read.
    dim : int
        Coefficients per problem.
    take : callable
        ``take(start, stop) -> (centers in units of t, hessians)`` of trials [start, stop).
    solve : callable
        ``solve(centers, hessians, penalty, l1_ratio) -> (beta in units of t, inside)``
        against the ball that meets the axes at ±1.
    tally : callable
        A new empty tally of one penalty, with ``add(beta, inside, epsilon)``.
    progress : callable, optional
        Called with ``share`` × the fraction done after every ``run.blocks_per_report``
        blocks and after the last.
    share : float, default 1.0
        The share of a larger job this run is (for ``progress``).

    Returns
    -------
    tallies : dict of str to tally
        Per penalty, in the order of ``run.penalties``.
    sample : Sample
        The first ``run.n_keep`` trials in full.
    """
    tallies = {p: tally() for p in run.penalties}
    sample = Sample(run.n_keep, dim, run.penalties, design.t)
    n_blocks = -(-run.n // RNG_BLOCK)
    for k in range(n_blocks):
        # One block = one solver batch: the results cannot depend on chunk_size.
        start, stop = k * RNG_BLOCK, min((k + 1) * RNG_BLOCK, run.n)
        centers, hessians = take(start, stop)
        sample.keep_problems(start, stop, centers, hessians)
        for p in run.penalties:
            beta, inside = solve(centers, hessians, p, design.l1_ratio)
            tallies[p].add(beta, inside, design.epsilon)  # type: ignore[attr-defined]
            sample.keep_solutions(p, beta, inside)
        if progress is not None and ((k + 1) % run.blocks_per_report == 0 or k + 1 == n_blocks):
            progress(share * stop / run.n)
    return tallies, sample


class PerPenalty:
    """What every Monte Carlo result reads off its ``outcomes`` (a dict by penalty)."""

    outcomes: Mapping[str, Any]

    @property
    def penalties(self) -> tuple[str, ...]:
        """The penalties simulated, in order."""
        return tuple(self.outcomes)

    @property
    def inside_fraction(self) -> dict[str, float]:
        """Share of all trials whose unconstrained optimum was inside the ball."""
        return {p: o.inside.fraction for p, o in self.outcomes.items()}


# --------------------------------------------------------------------------- words


def reads_epsilon(penalty: str) -> bool:
    """Does the near-zero rule |βᵢ| < ε·t decide this penalty's zeros? Only ridge's: the
    lasso and the elastic net are counted by their exact zeros, whatever ε is.

    Examples
    --------
    >>> [reads_epsilon(p) for p in ("l1", "l2", "elasticnet")]
    [False, True, False]
    """
    return penalty not in EXACT_ZEROS


def headline(penalty: str, exact: S, near: S) -> S:
    """The counts that decide a penalty's zeros: ``near`` for ridge, ``exact`` otherwise."""
    return near if reads_epsilon(penalty) else exact


def pct(fraction: float, digits: int = 1) -> str:
    """A fraction as a percentage, e.g. ``12.3 %``."""
    return f"{100 * fraction:.{digits}f} %"


def ci(share: Proportion, digits: int = 1) -> str:
    """The Wilson 95 % interval of a share, e.g. ``95 % CI 11.9–12.7 %``."""
    return f"95 % CI {100 * share.low:.{digits}f}–{100 * share.high:.{digits}f} %"
