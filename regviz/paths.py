"""Stable public path of :mod:`regviz.experiments.paths` (kept for notebooks and older imports)."""

from regviz.experiments.paths import *  # noqa: F403
from regviz.experiments.paths import __all__  # noqa: F401
