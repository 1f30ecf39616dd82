"""Memory of the one process that serves every visitor: hand freed memory back to the
operating system, and keep the garbage collector off what the imports made.

glibc's allocator raises its mmap threshold each time a large block is freed (up to
32 MB), after which arrays of a few MB come from the heap and stay in the process's
resident memory when freed: a server that once parsed an upload or ran a big study keeps
that memory for good. A fixed threshold keeps the blocks of 1 MiB or more mmapped, so
freeing one returns it at once. Elsewhere than glibc this does nothing.

Streamlit runs a full garbage collection after every script run (``runner.postScriptGC``,
kept on so that each visitor's garbage goes at once). With scikit-learn, scipy and pandas
imported, the collector tracks ~180,000 objects, and a full collection takes ~50 ms of
every rerun, scanning module-level objects that live as long as the process. Freezing
them (:func:`gc.freeze`) leaves the collector only what the runs make; a background
thread collects, every 20 s while visitors are active, what was frozen and has become
garbage since.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import sys
import threading
import time

M_MMAP_THRESHOLD = -3  # mallopt's parameter number in glibc's malloc.h
MMAP_THRESHOLD_BYTES = 1 << 20


@functools.cache  # once per process: the router calls it on every run
def return_freed_memory(threshold: int = MMAP_THRESHOLD_BYTES) -> bool:
    """Fix glibc's mmap threshold at ``threshold`` bytes; True if it was set.

    Examples
    --------
    >>> return_freed_memory() in (True, False)
    True
    """
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, int(threshold)))
    except (OSError, AttributeError):  # not glibc: nothing to tune
        return False


RECLAIM_EVERY_S = 20.0
"""Seconds between two reclaims of frozen garbage (:func:`reclaim_frozen`)."""

RECLAIM_AFTER_LAST_RUN_S = 300.0
"""Reclaims go on this long after the last run (sessions end up to 120 s after their tab
closed); an idle server then spends nothing."""

_frozen = {"modules": 0, "last_run": 0.0}
_freezing = threading.Lock()


def freeze_imported_objects() -> bool:
    """Move every object alive now into the collector's permanent generation, when modules
    were imported since the last time; True if it froze now.

    The router calls it at the start of every run, so it acts on the run after a page's
    first imports: a handful of times in a process's life. It collects nothing itself:
    Streamlit's full collection at the end of the run that imported has just run, and a
    second one here (~40–90 ms) was paid by the visitor who happened to be first. What is
    alive at a freeze is not only the imports: the sessions of that moment are frozen too,
    and when they end, their reference cycles (and the uploads they hold) would stay for
    good; a background thread therefore reclaims them (:func:`reclaim_frozen`, every
    :data:`RECLAIM_EVERY_S` s while runs happen and :data:`RECLAIM_AFTER_LAST_RUN_S` s
    after the last one), and garbage a freeze caught goes with them.

    Examples
    --------
    >>> freeze_imported_objects() in (True, False)
    True
    >>> freeze_imported_objects()  # nothing imported since
    False
    """
    _start_reclaimer()
    with _freezing:
        _frozen["last_run"] = time.monotonic()
        modules = len(sys.modules)
        if modules <= _frozen["modules"]:
            return False
        gc.freeze()
        _frozen["modules"] = modules
        return True


def reclaim_frozen() -> int:
    """Collect what was frozen and has become garbage since, then freeze again; returns the
    number of unreachable objects found (0 when nothing is frozen).

    One full collection over every object (~50–70 ms with scikit-learn imported).

    Examples
    --------
    >>> reclaim_frozen() >= 0
    True
    """
    with _freezing:
        if not gc.get_freeze_count():
            return 0
        gc.unfreeze()
        found = gc.collect()
        gc.freeze()
        return found


def _reclaim_while_active() -> None:
    while True:
        time.sleep(RECLAIM_EVERY_S)
        if time.monotonic() - _frozen["last_run"] <= RECLAIM_AFTER_LAST_RUN_S:
            reclaim_frozen()


@functools.cache  # one thread per process
def _start_reclaimer() -> None:
    threading.Thread(target=_reclaim_while_active, name="regviz-reclaim", daemon=True).start()
