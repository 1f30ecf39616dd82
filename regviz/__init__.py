"""regviz: see why L1 (lasso) and L2 (ridge) regularization behave differently.

The package is the pure compute core of the regviz app: numpy and scikit-learn in,
arrays and small frozen dataclasses out. It never imports streamlit, so every
function here can be used from a notebook or a test.

One objective is used everywhere (scikit-learn's ElasticNet objective)::

    (1/2n)·‖y − Xβ − b‖² + λ·[ r·‖β‖₁ + ½(1 − r)·‖β‖₂² ]

with r = ``l1_ratio`` (r = 1 lasso, r = 0 ridge) and the intercept b never
penalized. See :mod:`regviz.conventions`.
"""

__version__ = "0.1.0"
