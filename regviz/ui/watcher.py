"""Streamlit's file watcher, asked once per module instead of once per visitor.

The watcher (kept on: Community Cloud applies a pushed commit through it, see
``.streamlit/config.toml``) gives every new session its own list of the files to watch. On
the session's first run it asks, for every module in ``sys.modules``, which files it came
from (``streamlit.watcher.local_sources_watcher.get_module_paths``): an
``os.path.realpath`` of each, ~40,000 ``lstat`` calls for the ~2,200 modules of a server
that has imported scikit-learn, ~0.24 CPU-s of every visitor's first page (measured
2026-12-01). A module's files do not move while it is imported (Streamlit re-imports a
changed module as a new module object), so :func:`remember_module_paths` keeps the answer
per module object: a new visitor's scan then costs a lookup per module.

It wraps one function of Streamlit's that is not public API. A Streamlit without it is left
as it is (the watcher then works as Streamlit wrote it); ``tests/ui/test_watcher.py`` checks
that the watcher registers the same files with and without the wrapper.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from types import ModuleType

_PatchTarget = Callable[[ModuleType], set[str]]
_lock = threading.Lock()


def cached_module_paths(get_module_paths: _PatchTarget) -> _PatchTarget:
    """``get_module_paths`` that computes each module object's paths once.

    Examples
    --------
    >>> import json
    >>> calls = []
    >>> paths = cached_module_paths(lambda m: calls.append(m) or {m.__file__})
    >>> paths(json) == paths(json) == {json.__file__}, len(calls)
    (True, 1)
    """
    known: dict[int, tuple[weakref.ref[ModuleType], frozenset[str]]] = {}

    @functools.wraps(get_module_paths)
    def paths(module: ModuleType) -> set[str]:
        entry = known.get(id(module))
        if entry is not None and entry[0]() is module:  # the same module, not a reused id
            return set(entry[1])
        found = get_module_paths(module)
        key = id(module)

        def forget(dead: weakref.ref[ModuleType]) -> None:
            if known.get(key, (None,))[0] is dead:
                del known[key]

        try:
            reference = weakref.ref(module, forget)
        except TypeError:  # an object in sys.modules that is not a module: ask every time
            return found
        known[key] = (reference, frozenset(found))
        return set(found)

    paths.regviz_cached = True  # type: ignore[attr-defined]
    return paths


def remember_module_paths() -> bool:
    """Put :func:`cached_module_paths` in front of Streamlit's watcher, once per process;
    True if it is in place.

    Examples
    --------
    >>> remember_module_paths() in (True, False)
    True
    """
    with _lock:
        try:
            from streamlit.watcher import local_sources_watcher as watcher
        except ImportError:
            return False
        current = getattr(watcher, "get_module_paths", None)
        if current is None:
            return False
        if not getattr(current, "regviz_cached", False):
            watcher.get_module_paths = cached_module_paths(current)
        return True
