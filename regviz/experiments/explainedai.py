"""A reproduction of explained.ai's L1-vs-L2 simulation, and what its boundary sampling does.

Terence Parr's article "The difference between L1 and L2 regularization"
(explained.ai, code in the public repository parrt/website-explained.ai under
``regularization/code/``) draws random 2-D losses and counts how often the
constrained optimum has a zero coefficient. This module re-implements its design
(no code is copied) and its way of solving, vectorized:

Design (per trial, budget t = 2)
    Loss a(β₁ − c₁)² + b(β₂ − c₂)² + c(β₁ − c₁)(β₂ − c₂), i.e. the bowl
    ½(β − c)ᵀH(β − c) with H = [[2a, c], [c, 2b]].

    - ``"general"``: a, b ~ U(0, 10), c ~ U(−2, 2);
    - ``"symmetric"``: b = a ~ U(0, 10), c = 0 (circular bowls);
    - ``"orthogonal"``: c = 0 and, with probability ½ each, b = 0.1 and
      a ~ U(−5, 10), or a = 0.1 and b ~ U(−5, 10) ("taco" bowls along an axis).

    Draws that are not bowls are rejected and redrawn. The article rejects a draw
    when the loss goes below its center value anywhere on a 100 × 100 grid over
    [−10, 10]²; here the exact test (H positive definite, 4ab > c²) is used, which
    that grid check approximates. The center (c₁, c₂) ~ U(−10, 10)² is redrawn
    until it lies *outside* the ball being tested (the diamond for L1, the circle
    for L2 — two separate sets of trials, as in the article).

Solving like the article (``method="boundary"``)
    The loss is evaluated at ``n_boundary`` points on the ball's boundary (4 pieces
    of n/4 evenly spaced points, one per quadrant, each including both of its axis
    end points: by ‖β‖₁ along the diamond's edges, by angle along the circle) and
    the lowest point is the answer. A trial counts as a zero when a coordinate of
    that point is 0 up to numpy's ``isclose`` default (|βᵢ| ≤ 1e-8), so only the
    axis points count. The article used n = 100 and 5,000 trials and reported
    L1 vs L2 zero rates of 66 % vs 3 % (symmetric), 72 % vs 5 % (general) and
    80 % vs 45 % (orthogonal).

Solving exactly (``method="exact"``)
    :func:`regviz.core.geometry.solve_constrained`, counted with the same rule.

With the boundary method a circle trial "has a zero" whenever the exact optimum
is closer to an axis than about half the spacing between boundary points, so the
L2 rate falls like 1/n as n grows (to ~0), while the L1 rate converges to the
exact rate: :func:`boundary_sweep` shows both side by side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from regviz.core.geometry import solve_constrained
from regviz.core.stats import Proportion

Array = NDArray[np.float64]

VARIANTS = ("symmetric", "general", "orthogonal")
ARTICLE_PENALTIES = ("l1", "l2")
ARTICLE_BUDGET = 2.0
ARTICLE_HALF_WIDTH = 10.0
ARTICLE_TRIALS = 5_000
ARTICLE_N_BOUNDARY = 100
# The article's published (L1, L2) zero rates, from its figure titles.
ARTICLE_RATES = {
    "symmetric": {"l1": 0.66, "l2": 0.03},
    "general": {"l1": 0.72, "l2": 0.05},
    "orthogonal": {"l1": 0.80, "l2": 0.45},
}
# numpy.isclose(x, 0) with its default atol: the article's test for "a zero".
ZERO_ATOL = 1e-8
METHODS = ("exact", "boundary")

# At most this many loss values (trials × boundary points) are held at once: 8 MB
# (a server shared by a class keeps its peak low; larger blocks were no faster).
_MAX_SCORES = 1_000_000


def _check_variant(variant: str) -> str:
    if variant not in VARIANTS:
        raise ValueError(f"Unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}.")
    return variant


def _check_n_boundary(n_boundary: int) -> int:
    n = int(n_boundary)
    if n != n_boundary or n < 8:
        raise ValueError(f"Use at least 8 boundary points; got {n_boundary}.")
    if n > 1_000_000:
        raise ValueError("At most a million boundary points.")
    return n


# --------------------------------------------------------------------------- design


def _draw_shapes(rng: np.random.Generator, variant: str, m: int) -> tuple[Array, Array, Array]:
    """m candidate (a, b, c) triples of the article's loss, before rejection."""
    a = rng.random(m) * 10.0
    b = rng.random(m) * 10.0
    c = rng.random(m) * 4.0 - 2.0
    if variant == "symmetric":
        b, c = a, np.zeros(m)
    elif variant == "orthogonal":
        first = rng.random(m) > 0.5
        stretch = rng.random(m) * 15.0 - 5.0
        a = np.where(first, stretch, 0.1)
        b = np.where(first, 0.1, stretch)
        c = np.zeros(m)
    return a, b, c


def _inside(centers: Array, penalty: str, t: float) -> Array:
    if penalty == "l1":
        return np.abs(centers).sum(axis=1) <= t
    return np.hypot(centers[:, 0], centers[:, 1]) <= t


def sample_article_problems(
    n_trials: int, variant: str = "general", penalty: str = "l1", seed: int = 0
) -> tuple[Array, Array]:
    """Random bowls of the article's design, with centers outside the ball of ``penalty``.

    Parameters
    ----------
    n_trials : int
        Number of problems.
    variant : {"symmetric", "general", "orthogonal"}
        The loss family.
    penalty : {"l1", "l2"}
        Centers are redrawn until outside the diamond (L1) or the circle (L2), t = 2.
    seed : int
        Seed; each penalty uses its own stream (as the article ran them separately).

    Returns
    -------
    centers : ndarray, shape (n_trials, 2)
    hessians : ndarray, shape (n_trials, 2, 2)
        H = [[2a, c], [c, 2b]], positive definite.
    """
    _check_variant(variant)
    if penalty not in ARTICLE_PENALTIES:
        raise ValueError("The article compares only 'l1' and 'l2'.")
    n = int(n_trials)
    if n < 1:
        raise ValueError("The number of trials must be at least 1.")
    key = (ARTICLE_PENALTIES.index(penalty), VARIANTS.index(variant))
    rng = np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=key))

    shapes: list[Array] = []
    have = 0
    while have < n:
        a, b, c = _draw_shapes(rng, variant, 2 * (n - have) + 16)
        scale = np.maximum(np.abs(a), np.abs(b))
        # Positive definite, with a floor so that no bowl is numerically flat.
        ok = (a > 0) & (4.0 * a * b - c * c > 1e-12 * (2.0 * scale) ** 2)
        block = np.stack([a[ok], b[ok], c[ok]], axis=1)
        shapes.append(block)
        have += len(block)
    abc = np.concatenate(shapes)[:n]

    centers_parts: list[Array] = []
    have = 0
    w = ARTICLE_HALF_WIDTH
    while have < n:
        cand = rng.random((2 * (n - have) + 16, 2)) * 2.0 * w - w
        cand = cand[~_inside(cand, penalty, ARTICLE_BUDGET)]
        centers_parts.append(cand)
        have += len(cand)
    centers = np.concatenate(centers_parts)[:n]

    hessians = np.empty((n, 2, 2))
    hessians[:, 0, 0] = 2.0 * abc[:, 0]
    hessians[:, 1, 1] = 2.0 * abc[:, 1]
    hessians[:, 0, 1] = hessians[:, 1, 0] = abc[:, 2]
    return centers, hessians


# --------------------------------------------------------------------------- boundary method


def article_boundary(penalty: str, t: float = ARTICLE_BUDGET, n_points: int = 100) -> Array:
    """The article's boundary sample: 4 pieces of n_points // 4 points, axis to axis.

    Each piece runs from one axis point to the next (both included), evenly spaced
    along the diamond's edge (L1) or in angle along the circle (L2); axis points
    therefore appear twice, as in the article.

    Returns
    -------
    ndarray, shape (4 * (n_points // 4), 2)
    """
    if penalty not in ARTICLE_PENALTIES:
        raise ValueError("The article's boundary exists only for 'l1' and 'l2'.")
    m = _check_n_boundary(n_points) // 4
    s = np.linspace(0.0, 1.0, m)
    pieces = []
    for k in range(4):
        if penalty == "l1":
            axis_from = np.array([np.cos(k * np.pi / 2), np.sin(k * np.pi / 2)]).round()
            axis_to = np.array([np.cos((k + 1) * np.pi / 2), np.sin((k + 1) * np.pi / 2)]).round()
            pieces.append(t * ((1.0 - s)[:, None] * axis_from + s[:, None] * axis_to))
        else:
            theta = (k + s) * np.pi / 2
            pieces.append(t * np.stack([np.cos(theta), np.sin(theta)], axis=1))
    return np.concatenate(pieces)


def solve_on_boundary_points(centers: Array, hessians: Array, points: Array) -> Array:
    """For each problem, the boundary point with the lowest loss (the article's solver).

    The loss ½(p − c)ᵀH(p − c) differs from pᵀHp − 2pᵀHc by a constant per problem,
    so all problems × points are scored by one matrix product, in chunks.

    Parameters
    ----------
    centers : ndarray, shape (N, 2)
    hessians : ndarray, shape (N, 2, 2)
    points : ndarray, shape (P, 2)
        Candidate points (e.g. :func:`article_boundary`).

    Returns
    -------
    ndarray, shape (N, 2)
        The chosen point per problem (the first one on exact ties).
    """
    centers = np.asarray(centers, dtype=float).reshape(-1, 2)
    hessians = np.asarray(hessians, dtype=float).reshape(-1, 2, 2)
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    px, py = points[:, 0], points[:, 1]
    features = np.stack([px * px, 2.0 * px * py, py * py, -2.0 * px, -2.0 * py])  # (5, P)
    a, b, d = hessians[:, 0, 0], hessians[:, 0, 1], hessians[:, 1, 1]
    g = np.einsum("nij,nj->ni", hessians, centers)
    coefs = np.stack([a, b, d, g[:, 0], g[:, 1]], axis=1)  # (N, 5)
    rows = max(1, _MAX_SCORES // len(points))
    best = np.empty(len(centers), dtype=np.intp)
    for start in range(0, len(centers), rows):
        scores = coefs[start : start + rows] @ features
        best[start : start + rows] = np.argmin(scores, axis=1)
    return points[best]


def has_zero(beta: Array, atol: float = ZERO_ATOL) -> NDArray[np.bool_]:
    """The article's rule: some |βᵢ| ≤ atol (numpy.isclose(β, 0).any())."""
    return np.any(np.abs(beta) <= atol, axis=1)


# --------------------------------------------------------------------------- runs


@dataclass(frozen=True)
class ArticleRun:
    """Zero rates of one reproduction run.

    Attributes
    ----------
    variant, method : str
        The loss family and "exact" or "boundary".
    n_boundary : int
        Boundary points (used by the boundary method only).
    n_trials, seed : int
        Trials per penalty and seed.
    zero : dict[str, Proportion]
        Per penalty, trials with a zero (article's rule) / trials; Wilson 95 % CIs.
    sample_centers, sample_solutions : dict[str, ndarray]
        The first ``keep`` trials per penalty, for plotting.
    """

    variant: str
    method: str
    n_boundary: int
    n_trials: int
    seed: int
    zero: dict[str, Proportion]
    sample_centers: dict[str, Array]
    sample_solutions: dict[str, Array]

    @property
    def zero_fraction(self) -> dict[str, float]:
        """Fraction with a zero, per penalty."""
        return {p: q.fraction for p, q in self.zero.items()}


def reproduce(
    variant: str = "general",
    *,
    method: str = "boundary",
    n_boundary: int = ARTICLE_N_BOUNDARY,
    n_trials: int = ARTICLE_TRIALS,
    seed: int = 0,
    keep: int = 5_000,
) -> ArticleRun:
    """Run the article's simulation for L1 and L2, solved by its method or exactly.

    Parameters
    ----------
    variant : {"symmetric", "general", "orthogonal"}, default "general"
    method : {"boundary", "exact"}, default "boundary"
        "boundary": lowest of ``n_boundary`` boundary points (the article's way);
        "exact": :func:`regviz.core.geometry.solve_constrained`.
    n_boundary : int, default 100
    n_trials : int, default 5000
        Trials per penalty (the article used 5,000).
    seed : int, default 0
    keep : int, default 5000
        How many trials per penalty to return for plotting.

    Returns
    -------
    ArticleRun
    """
    _check_variant(variant)
    if method not in METHODS:
        raise ValueError(f"Unknown method {method!r}; choose 'exact' or 'boundary'.")
    n_b = _check_n_boundary(n_boundary)
    zero, centers_kept, solutions_kept = {}, {}, {}
    for p in ARTICLE_PENALTIES:
        centers, hessians = sample_article_problems(n_trials, variant, p, seed)
        if method == "exact":
            beta = solve_constrained(centers, hessians, p, ARTICLE_BUDGET)
        else:
            points = article_boundary(p, ARTICLE_BUDGET, n_b)
            beta = solve_on_boundary_points(centers, hessians, points)
        zero[p] = Proportion(int(has_zero(beta).sum()), len(beta))
        centers_kept[p], solutions_kept[p] = centers[:keep], beta[:keep]
    return ArticleRun(
        variant, method, n_b, int(n_trials), int(seed), zero, centers_kept, solutions_kept
    )


@dataclass(frozen=True)
class BoundarySweep:
    """Zero rates of the boundary method as the number of points grows, next to exact.

    Attributes
    ----------
    variant : str
    n_trials, seed : int
    n_boundary : ndarray of int
        The numbers of boundary points tried.
    boundary : dict[str, list[Proportion]]
        Per penalty, the rate at each n_boundary (same trials for every n).
    exact : dict[str, Proportion]
        Per penalty, the exact solver's rate on the same trials.
    """

    variant: str
    n_trials: int
    seed: int
    n_boundary: NDArray[np.int64]
    boundary: dict[str, list[Proportion]]
    exact: dict[str, Proportion]


def boundary_sweep(
    variant: str = "general",
    n_boundary: Iterable[int] = (100, 400, 1_600, 6_400),
    *,
    n_trials: int = ARTICLE_TRIALS,
    seed: int = 0,
) -> BoundarySweep:
    """The article's method with more and more boundary points, on the same trials.

    Returns
    -------
    BoundarySweep
        As n grows the L2 rate falls towards the exact rate (~0) while the L1 rate
        settles at the exact rate.
    """
    _check_variant(variant)
    ns = np.array([_check_n_boundary(n) for n in n_boundary], dtype=np.int64)
    boundary: dict[str, list[Proportion]] = {}
    exact: dict[str, Proportion] = {}
    for p in ARTICLE_PENALTIES:
        centers, hessians = sample_article_problems(n_trials, variant, p, seed)
        exact[p] = Proportion(
            int(has_zero(solve_constrained(centers, hessians, p, ARTICLE_BUDGET)).sum()),
            len(centers),
        )
        boundary[p] = [
            Proportion(
                int(
                    has_zero(
                        solve_on_boundary_points(
                            centers, hessians, article_boundary(p, ARTICLE_BUDGET, int(n))
                        )
                    ).sum()
                ),
                len(centers),
            )
            for n in ns
        ]
    return BoundarySweep(variant, int(n_trials), int(seed), ns, boundary, exact)


# --------------------------------------------------------------------------- the page

SWEEP_POINTS = (100, 400, 1_600, 6_400)
"""Numbers of boundary points of the Monte Carlo page's sweep."""

DEFAULTS: dict[str, object] = {
    "article": False,
    "art_variant": "general",
    "art_boundary": True,
    "art_n": ARTICLE_N_BOUNDARY,
    "art_trials": ARTICLE_TRIALS,
}
"""The explained.ai section of the Monte Carlo page: closed, the article's own settings."""

_NAMES = {"l1": "L1", "l2": "L2"}


def _interval(q: Proportion, digits: int = 1) -> str:
    return f"{100 * q.fraction:.{digits}f} % [{100 * q.low:.{digits}f}, {100 * q.high:.{digits}f}]"


def describe_article(boundary_run: ArticleRun, exact_run: ArticleRun) -> str:
    """What to notice under the comparison with the article's published rates.

    Examples
    --------
    >>> b = reproduce("general", n_trials=500)
    >>> e = reproduce("general", method="exact", n_trials=500)
    >>> describe_article(b, e).startswith("The article reported 72 % (L1) vs 5 % (L2).")
    True
    """
    published = ARTICLE_RATES[boundary_run.variant]
    b, e = boundary_run.zero, exact_run.zero
    return (
        f"The article reported {100 * published['l1']:.0f} % (L1) vs "
        f"{100 * published['l2']:.0f} % (L2). Its method with N = {boundary_run.n_boundary:,} "
        f"points gives {_interval(b['l1'])} vs {_interval(b['l2'])}; the exact solver on the "
        f"same design gives {_interval(e['l1'])} vs {_interval(e['l2'], 2)}. The L1 number "
        "survives; the L2 zeros are points that the coarse boundary rounded onto an axis."
    )


def article_alt_text(boundary_run: ArticleRun, exact_run: ArticleRun) -> str:
    """A text alternative of the comparison chart.

    Examples
    --------
    >>> b = reproduce("symmetric", n_trials=300)
    >>> e = reproduce("symmetric", method="exact", n_trials=300)
    >>> article_alt_text(b, e).split(":")[0]
    'Bars of the share of trials with a zero, L1 and L2, in explained.ai’s symmetric design'
    """
    published = ARTICLE_RATES[boundary_run.variant]
    parts = [
        f"{_NAMES[p]} published {100 * published[p]:.0f} %, its method "
        f"{100 * boundary_run.zero[p].fraction:.1f} %, exact "
        f"{100 * exact_run.zero[p].fraction:.1f} %"
        for p in ARTICLE_PENALTIES
    ]
    return (
        "Bars of the share of trials with a zero, L1 and L2, in explained.ai’s "
        f"{boundary_run.variant} design: " + "; ".join(parts) + "."
    )


def cloud_alt_text(run: ArticleRun, penalty: str, limit: int) -> str:
    """A text alternative of one ball's cloud of loss centers (the first ``limit`` shown).

    Examples
    --------
    >>> run = reproduce("general", n_trials=300)
    >>> cloud_alt_text(run, "l1", 200).startswith("Loss centers of the first 200 trials")
    True
    """
    centers = run.sample_centers[penalty][:limit]
    zero = has_zero(run.sample_solutions[penalty][:limit])
    how = f"{run.n_boundary:,} boundary points" if run.method == "boundary" else "the exact solver"
    ball = "diamond" if penalty == "l1" else "circle"
    return (
        f"Loss centers of the first {len(centers):,} trials outside the {ball} (t = "
        f"{ARTICLE_BUDGET:g}), solved with {how}: {int(zero.sum()):,} of them have a zero "
        f"coefficient ({100 * run.zero[penalty].fraction:.1f} % of all trials)."
    )


def describe_sweep(sweep: BoundarySweep) -> str:
    """What to notice under the sweep over the number of boundary points.

    Examples
    --------
    >>> sweep = boundary_sweep("general", (100, 400), n_trials=300)
    >>> describe_sweep(sweep).startswith("With 100 boundary points the circle 'zeroes'")
    True
    """
    first, last = sweep.boundary["l2"][0], sweep.boundary["l2"][-1]
    return (
        f"With {int(sweep.n_boundary[0]):,} boundary points the circle 'zeroes' "
        f"{100 * first.fraction:.1f} % of the trials; with {int(sweep.n_boundary[-1]):,} "
        f"points {100 * last.fraction:.2f} %, heading to the exact "
        f"{100 * sweep.exact['l2'].fraction:.2f} %. The diamond goes from "
        f"{100 * sweep.boundary['l1'][0].fraction:.1f} % to "
        f"{100 * sweep.boundary['l1'][-1].fraction:.1f} % (exact "
        f"{100 * sweep.exact['l1'].fraction:.1f} %)."
    )


def sweep_alt_text(sweep: BoundarySweep) -> str:
    """A text alternative of the sweep chart.

    Examples
    --------
    >>> sweep = boundary_sweep("general", (100, 400), n_trials=300)
    >>> sweep_alt_text(sweep).startswith("Share of trials with a zero against")
    True
    """
    parts = []
    for p in ARTICLE_PENALTIES:
        rates = ", ".join(
            f"{100 * q.fraction:.1f} % at {int(n):,}"
            for n, q in zip(sweep.n_boundary, sweep.boundary[p], strict=True)
        )
        parts.append(f"{_NAMES[p]} {rates} (exact {100 * sweep.exact[p].fraction:.1f} %)")
    return (
        "Share of trials with a zero against the number of boundary points N: "
        + "; ".join(parts)
        + "."
    )
