"""The allocator setting that lets a long-running server give freed arrays back."""

from __future__ import annotations

import ctypes.util
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from regviz.ui.memory import return_freed_memory

ROOT = Path(__file__).resolve().parents[2]

# A fresh process: free a 20 MB block (glibc then raises its threshold), allocate 4 MB
# arrays with small survivors between them (as a server's caches and sessions leave),
# free the arrays and print resident MB before, at the top and after.
SCRIPT = """
import sys, numpy as np
from regviz.ui.memory import return_freed_memory
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
if sys.argv[1] == "fixed":
    assert return_freed_memory()
block = np.ones(2_500_000); del block
before, arrays, survivors = rss(), [], []
for _ in range(50):
    arrays.append(np.ones(500_000)); survivors.append(np.ones(100))
top = rss(); del arrays
print(before, top, rss())
"""


def _run(mode: str) -> tuple[int, int, int]:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    before, top, after = map(int, out.stdout.split())
    return before, top, after


@pytest.mark.skipif(
    platform.system() != "Linux" or "libc" not in (ctypes.util.find_library("c") or ""),
    reason="glibc's mallopt only",
)
def test_freed_arrays_go_back_to_the_system_despite_small_survivors() -> None:
    before, top, after = _run("fixed")
    assert top - before > 150  # ~200 MB of arrays were really resident
    assert after - before < 30, (before, top, after)


def test_the_call_is_safe_anywhere() -> None:
    assert return_freed_memory() in (True, False)


# A fresh process: import scikit-learn (scipy, pandas), time the scan of a full
# collection as work (objects the collector visits), freeze, and collect again; then
# show that garbage made after the freeze is still collected.
FREEZE = """
import gc, sys
import sklearn.linear_model
from regviz.ui.memory import freeze_imported_objects
tracked = len(gc.get_objects())
first = freeze_imported_objects()
again = freeze_imported_objects()
left = len(gc.get_objects())  # what a full collection still scans
class Node: pass
a, b = Node(), Node(); a.other, b.other = b, a  # a reference cycle, made after freezing
del a, b
print(tracked, int(first), int(again), left, gc.collect(2) >= 2)
"""


def test_freezing_leaves_the_collector_only_what_runs_make() -> None:
    out = subprocess.run(
        [sys.executable, "-c", FREEZE], capture_output=True, text=True, cwd=ROOT, check=True
    )
    tracked, first, again, left, cycle_collected = out.stdout.split()
    assert int(tracked) > 50_000  # the imports' objects
    assert (first, again) == ("1", "0")  # froze once; nothing new imported after
    assert int(left) < int(tracked) / 100
    assert cycle_collected == "True"


RECLAIM = """
import gc, weakref
from regviz.ui.memory import freeze_imported_objects, reclaim_frozen
import json  # something new since any freeze, so the call below freezes
class Session: pass
a, b = Session(), Session(); a.other, b.other = b, a  # a session's reference cycle
alive = weakref.ref(a)
import email  # another import: the next call freezes, the session with it
assert freeze_imported_objects()
del a, b  # the session ends
gc.collect()
kept = alive() is not None  # frozen: the collector cannot reach it
found = reclaim_frozen()
print(kept, alive() is None, found >= 2, gc.get_freeze_count() > 0)
"""


def test_a_session_frozen_with_the_imports_is_reclaimed_when_it_ends() -> None:
    out = subprocess.run(
        [sys.executable, "-c", RECLAIM], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.split() == ["True", "True", "True", "True"]
