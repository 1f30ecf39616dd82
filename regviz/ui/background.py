"""Work a page finishes after it has drawn: a bounded shelf of results shared by every
visitor of the process, filled by one background thread at a time.

A page computes what its current view needs at once and puts it on the shelf; what a
likely next move will need (e.g. the same study at the other values of a display option)
it hands to :meth:`Shelf.fill_later`, so that move finds it ready instead of paying for
it. Results must be read-only (frozen dataclasses): every session sees the same objects.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import streamlit as st

LOG = logging.getLogger(__name__)


class Shelf:
    """A bounded, thread-safe store: the oldest result goes when it is full.

    Examples
    --------
    >>> shelf = Shelf(size=2)
    >>> shelf.get_or_compute("a", lambda: 1), shelf.get_or_compute("a", lambda: 2)
    (1, 1)
    >>> shelf.put("b", 2); shelf.put("c", 3); shelf.get("a") is None
    True
    >>> shelf.fill_later({"d": lambda: 4}).join(); shelf.get("d")
    4
    """

    def __init__(self, size: int):
        self.size = int(size)
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: set[Hashable] = set()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            return self._items.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The shelved result, or ``compute()`` now (and shelved)."""
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value

    def fill_later(self, jobs: Mapping[Hashable, Callable[[], Any]]) -> threading.Thread | None:
        """Compute, in one daemon thread, the jobs whose results are neither shelved nor
        already being computed; returns the thread (None when there is nothing to do)."""
        with self._lock:
            busy = self._items.keys() | self._pending
            todo = {key: job for key, job in jobs.items() if key not in busy}
            self._pending.update(todo)
        if not todo:
            return None

        def work() -> None:
            for key, compute in todo.items():
                try:
                    if self.get(key) is None:
                        self.put(key, compute())
                except Exception:  # noqa: BLE001 - the page computes it itself when asked
                    LOG.exception("background work for %r failed", key)
                finally:
                    with self._lock:
                        self._pending.discard(key)

        thread = threading.Thread(target=work, name="regviz-fill-later", daemon=True)
        thread.start()
        return thread


@st.cache_resource(max_entries=16, ttl=3600, show_spinner=False)
def shelf(name: str, size: int) -> Shelf:
    """The process's shelf called ``name`` (one per kind of result)."""
    return Shelf(size)
