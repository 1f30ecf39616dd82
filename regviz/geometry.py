"""Stable public path of :mod:`regviz.core.geometry` (kept for notebooks and older imports)."""

from regviz.core.geometry import *  # noqa: F403
from regviz.core.geometry import __all__  # noqa: F401
