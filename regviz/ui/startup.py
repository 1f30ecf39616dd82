"""What the server does once, before it answers its first visitor.

The pages import scikit-learn (and with it scipy.stats and pandas) only when they first
need it, so a page without it never pays for it. On a fresh server that first need fell on
a visitor: opening Coefficient paths, Overfitting or the Claim checker cost ~0.8–1.0
CPU-s of imports on top of the page itself. Here the server imports them while it starts,
before its health check answers and before any visitor is served (Streamlit's ``st.App``
lifespan, which ``streamlit run app.py`` uses when ``app.py`` defines ``app``). The cost
moves to the start, which a visitor of a sleeping Community Cloud app waits for anyway;
it is not removed: the process holds these modules from the start (~160 MB more resident
memory: 231 MB idle instead of 70, measured 2026-12-01) whether or not anyone opens those
pages.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import pkgutil
from collections.abc import AsyncIterator, Iterable
from typing import Any

HEAVY_MODULES: tuple[str, ...] = (
    "sklearn.datasets",
    "sklearn.exceptions",
    "sklearn.linear_model",
    "sklearn.model_selection",
    "sklearn.preprocessing",
    "scipy.optimize",
    "scipy.special",
    "pandas",
)
"""Libraries the experiments import inside their functions (so that ``import regviz`` stays
light); ``tests/ui/test_startup.py`` checks that this list covers every one of them."""

APP_PACKAGES: tuple[str, ...] = ("regviz.experiments", "regviz.figures", "regviz.ui.specs")
"""regviz's own packages whose every module a page may import."""


def app_modules(packages: Iterable[str] = APP_PACKAGES) -> tuple[str, ...]:
    """Every module below ``packages`` (the packages included), sorted.

    Examples
    --------
    >>> "regviz.experiments.paths" in app_modules(["regviz.experiments"])
    True
    """
    names: set[str] = set()
    for package_name in packages:
        package = importlib.import_module(package_name)
        names.add(package_name)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            names.add(info.name)
    return tuple(sorted(names))


def preload(
    modules: Iterable[str] = HEAVY_MODULES, packages: Iterable[str] = APP_PACKAGES
) -> tuple[str, ...]:
    """Import ``modules`` and every module of ``packages``; the names imported, in order.

    A module that is missing or fails to import is left for the page that needs it, which
    reports the failure to its visitor as it always did; the server still starts.

    Examples
    --------
    >>> import sys
    >>> "sklearn.linear_model" in preload(["sklearn.linear_model"], packages=[])
    True
    >>> "sklearn.linear_model" in sys.modules
    True
    """
    imported: list[str] = []
    for name in (*modules, *app_modules(packages)):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a page imports it again and shows its own message
            continue
        imported.append(name)
    return tuple(imported)


@contextlib.asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """The server's start-up: :func:`preload` in a worker thread, awaited before serving."""
    await asyncio.to_thread(preload)
    yield
