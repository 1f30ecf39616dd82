"""Stable public path of :mod:`regviz.experiments.montecarlo` (for notebooks)."""

from regviz.experiments.montecarlo import *  # noqa: F403
from regviz.experiments.montecarlo import __all__  # noqa: F401
