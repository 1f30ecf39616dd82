"""Streamlit's file watcher with the module paths remembered (regviz.ui.watcher): the same
files watched, each module's paths computed once."""

from __future__ import annotations

import importlib
import os
import sys
import types
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.watcher import local_sources_watcher

from regviz.ui import watcher

ROOT = Path(__file__).resolve().parents[2]


def _original():
    current = local_sources_watcher.get_module_paths
    return current.__wrapped__ if getattr(current, "regviz_cached", False) else current


def test_cached_paths_equal_streamlits_for_every_imported_module():
    original = _original()
    cached = watcher.cached_module_paths(original)
    modules = list(sys.modules.values())
    assert len(modules) > 100
    for module in modules:
        assert cached(module) == original(module), getattr(module, "__name__", module)
        assert cached(module) == original(module)  # and from the cache


def test_each_module_is_asked_once_and_a_new_module_object_again(tmp_path):
    calls: list[str] = []
    cached = watcher.cached_module_paths(lambda m: calls.append(m.__name__) or {m.__name__})
    first = types.ModuleType("regviz_probe")
    assert cached(first) == cached(first) == {"regviz_probe"}
    assert calls == ["regviz_probe"]
    second = types.ModuleType("regviz_probe")  # as after Streamlit re-imports a changed file
    cached(second)
    assert calls == ["regviz_probe", "regviz_probe"]
    returned = cached(first)
    returned.add("changed by the caller")
    assert cached(first) == {"regviz_probe"}  # a copy: the kept answer cannot be changed


def test_a_forgotten_module_is_dropped_from_the_cache():
    calls: list[str] = []
    cached = watcher.cached_module_paths(lambda m: calls.append(m.__name__) or set())
    for _ in range(3):
        cached(types.ModuleType("short_lived"))  # each is freed at once, its id reused
    assert calls == ["short_lived"] * 3


def test_remember_module_paths_wraps_once():
    assert watcher.remember_module_paths()
    wrapped = local_sources_watcher.get_module_paths
    assert getattr(wrapped, "regviz_cached", False)
    assert watcher.remember_module_paths()
    assert local_sources_watcher.get_module_paths is wrapped  # not wrapped twice


def test_remember_module_paths_leaves_a_streamlit_without_the_function(monkeypatch):
    monkeypatch.delattr(local_sources_watcher, "get_module_paths")
    assert not watcher.remember_module_paths()


def _registered_files(visitors: int = 2) -> list[list[str]]:
    """The files each of ``visitors`` new sessions' watchers registers."""
    watched = []
    for _ in range(visitors):
        sources = local_sources_watcher.LocalSourcesWatcher(
            PagesManager(os.fspath(ROOT / "app.py"))
        )
        sources.update_watched_modules()
        watched.append(sorted(sources._watched_modules))
        sources.close()
    return watched


def test_the_watcher_registers_the_same_files(monkeypatch):
    from streamlit import config

    importlib.import_module("regviz.ui.router")
    get_option = config.get_option
    # The poll watcher: it registers files as the default one does, with no inotify watches.
    monkeypatch.setattr(
        config,
        "get_option",
        lambda key: "poll" if key == "server.fileWatcherType" else get_option(key),
    )
    monkeypatch.setattr(local_sources_watcher, "get_module_paths", _original())
    without = _registered_files(1)[0]
    assert any(path.endswith(os.path.join("regviz", "ui", "router.py")) for path in without)
    watcher.remember_module_paths()
    first, second = _registered_files(2)  # the second visitor's scan comes from the cache
    assert first == second == without
