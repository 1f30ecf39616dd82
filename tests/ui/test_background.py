"""The shelf of shared results and its background filling."""

from __future__ import annotations

import threading

from regviz.ui.background import Shelf


def test_a_shelf_computes_once_and_keeps_the_newest():
    shelf, calls = Shelf(size=2), []

    def compute(value):
        calls.append(value)
        return value

    assert shelf.get_or_compute("a", lambda: compute(1)) == 1
    assert shelf.get_or_compute("a", lambda: compute(2)) == 1
    shelf.put("b", 2)
    shelf.put("c", 3)
    assert calls == [1] and shelf.get("a") is None and shelf.get("c") == 3


def test_fill_later_computes_only_what_is_missing_and_survives_a_failure():
    shelf = Shelf(size=8)
    shelf.put("ready", 0)
    release, done = threading.Event(), []

    def slow(value):
        release.wait(10)
        done.append(value)
        return value

    def broken():
        raise RuntimeError("no")

    thread = shelf.fill_later(
        {"ready": lambda: slow(-1), "x": lambda: slow(1), "bad": broken, "y": lambda: slow(2)}
    )
    # asked again while it runs: nothing new to start
    assert shelf.fill_later({"x": lambda: slow(9), "y": lambda: slow(9)}) is None
    release.set()
    thread.join(10)
    assert done == [1, 2] and shelf.get("x") == 1 and shelf.get("y") == 2
    assert shelf.get("bad") is None and shelf.get("ready") == 0
    # a failed job can be asked for again
    again = shelf.fill_later({"bad": lambda: 5})
    again.join(10)
    assert shelf.get("bad") == 5
