"""What the benchmark scripts share: timings, traced memory, the load average, aligned rows.

The scripts import it as a sibling module (``from harness import timed``): Python puts a
script's own folder first on ``sys.path`` (``python benchmarks/bench_deep.py``), and
``benchmarks/tests/bench_loader.py`` does the same when a smoke test loads a script. The
browser plumbing (server, Chromium, ``/proc`` memory) lives in ``tests/e2e/e2e_helpers.py``.
"""

from __future__ import annotations

import os
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple


class Timing(NamedTuple):
    """Median wall and CPU seconds of a piece of work, and what its last run returned."""

    wall_s: float
    cpu_s: float
    result: Any


def timed(work: Callable[[], object], repeats: int, *, warmup: bool = False) -> Timing:
    """Run ``work`` ``repeats`` times; the median wall and CPU (this process) seconds.

    On a shared machine wall time includes waiting for a core; CPU time does not, so the
    scripts print both.

    Parameters
    ----------
    work : callable
        The work, called without arguments.
    repeats : int
        How many measured runs (at least 1).
    warmup : bool, default False
        Run ``work`` once before the measured runs (not counted).

    Returns
    -------
    Timing
        ``(wall_s, cpu_s, result)``, unpacked like a tuple.

    Examples
    --------
    >>> calls = []
    >>> wall_s, cpu_s, result = timed(lambda: calls.append(1) or len(calls), 3, warmup=True)
    >>> result, len(calls), wall_s >= 0.0, cpu_s >= 0.0
    (4, 4, True, True)
    """
    result = work() if warmup else None
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus), result)


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The smallest wall time (s) of ``repeats`` calls of ``work`` (the machine may be shared).

    Examples
    --------
    >>> best_of(3, lambda: sum(range(1000))) >= 0.0
    True
    """
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def traced_peak(work: Callable[[], object]) -> float:
    """The ``tracemalloc`` peak (bytes) of one call of ``work`` (what existed before excluded).

    Examples
    --------
    >>> traced_peak(lambda: bytearray(10**6)) >= 10**6
    True
    """
    tracemalloc.start()
    tracemalloc.reset_peak()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return float(peak)


def traced_growth(
    peak: Callable[[str, int], float], penalties: Sequence[str], sizes: tuple[int, int]
) -> dict[str, tuple[float, float, int, int]]:
    """How one call's traced memory grows with the problem count, per penalty.

    Parameters
    ----------
    peak : callable
        ``peak(penalty, n)``: the peak (bytes) of one call on ``n`` problems (a script's
        ``peak_memory``, usually by :func:`traced_peak`).
    penalties : sequence of str
        Measured in this order, each at the smaller size first.
    sizes : (int, int)
        The smaller and the larger problem count.

    Returns
    -------
    dict
        ``{penalty: (peak_small, peak_large, n_small, n_large)}``.

    Examples
    --------
    >>> traced_growth(lambda penalty, n: 8.0 * n, ("l1",), (10, 100))
    {'l1': (80.0, 800.0, 10, 100)}
    """
    small, large = sizes
    return {p: (peak(p, small), peak(p, large), small, large) for p in penalties}


def load_average(values: Sequence[float] | None = None, *, digits: int = 2, sep: str = ", ") -> str:
    """The 1, 5 and 15 min load averages as text: ``values``, or the machine's now.

    Examples
    --------
    >>> load_average((0.5, 1.25, 2.0))
    '0.50, 1.25, 2.00'
    >>> load_average((0.5, 1.25, 2.0), digits=1, sep=" ")
    '0.5 1.2 2.0'
    """
    values = os.getloadavg() if values is None else values
    return sep.join(f"{x:.{digits}f}" for x in values)


def print_row(
    label: str, value: str, note: str = "", *, widths: tuple[int, int] = (44, 18)
) -> None:
    """Print one indented row: the label left-aligned, the value right-aligned, a note.

    Examples
    --------
    >>> print_row("rate", "3 M/s", "(target ≥ 1 M/s)", widths=(6, 7))
      rate     3 M/s  (target ≥ 1 M/s)
    """
    print(f"  {label:<{widths[0]}} {value:>{widths[1]}}  {note}")
