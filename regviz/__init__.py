"""regviz: see why L1 (lasso) and L2 (ridge) regularization behave differently.

The package is the pure compute core of the regviz app: numpy and scikit-learn in,
arrays and small frozen dataclasses out. Only :mod:`regviz.ui` imports streamlit, and
``import regviz`` loads neither streamlit nor scikit-learn: the names below are imported
on first use.

One objective is used everywhere (scikit-learn's ElasticNet objective)::

    (1/2n)·‖y − Xβ − b‖² + λ·[ r·‖β‖₁ + ½(1 − r)·‖β‖₂² ]

with r = ``l1_ratio`` (r = 1 lasso, r = 0 ridge) and the intercept b never
penalized. See :mod:`regviz.core.conventions`.

Layers (imports point one way): :mod:`regviz.core` (penalties, losses, exact solvers,
grids, statistics) ← :mod:`regviz.experiments` (paths, CV, overfitting, Monte Carlo, …)
← :mod:`regviz.figures` (plotly) ← :mod:`regviz.ui` (streamlit) ← ``pages/``.

Examples
--------
>>> from regviz import solve_constrained
>>> solve_constrained([2.0, 0.5], [[1.0, 0.0], [0.0, 1.0]], penalty="l1", t=1.0).tolist()
[1.0, 0.0]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_PUBLIC = {
    "solve_constrained": "regviz.core.geometry",
    "solve_penalized": "regviz.core.geometry",
    "solve_constrained_3d": "regviz.core.geometry3d",
    "solve_penalized_3d": "regviz.core.geometry3d",
    "QuadraticLoss": "regviz.core.losses",
    "lambda_grid": "regviz.core.grids",
    "Proportion": "regviz.core.stats",
    "coefficient_path": "regviz.experiments.paths",
    "cross_validate_path": "regviz.experiments.crossval",
    "simulate": "regviz.experiments.montecarlo",
    "bias_variance": "regviz.experiments.biasvariance",
    "zone_map": "regviz.experiments.zones",
    "posterior_summary": "regviz.experiments.bayes",
}

__all__ = [
    "Proportion",
    "QuadraticLoss",
    "bias_variance",
    "coefficient_path",
    "cross_validate_path",
    "lambda_grid",
    "posterior_summary",
    "simulate",
    "solve_constrained",
    "solve_constrained_3d",
    "solve_penalized",
    "solve_penalized_3d",
    "zone_map",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from regviz.core.geometry import solve_constrained, solve_penalized
    from regviz.core.geometry3d import solve_constrained_3d, solve_penalized_3d
    from regviz.core.grids import lambda_grid
    from regviz.core.losses import QuadraticLoss
    from regviz.core.stats import Proportion
    from regviz.experiments.bayes import posterior_summary
    from regviz.experiments.biasvariance import bias_variance
    from regviz.experiments.crossval import cross_validate_path
    from regviz.experiments.montecarlo import simulate
    from regviz.experiments.paths import coefficient_path
    from regviz.experiments.zones import zone_map


def __getattr__(name: str) -> Any:
    # PEP 562: import the defining module on first use, so `import regviz` stays light.
    try:
        module = _PUBLIC[name]
    except KeyError:
        raise AttributeError(f"module 'regviz' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
