"""Pure plotly figure builders: a regviz result in, a ``plotly.graph_objects.Figure`` out.

Each page has its own module (``figures.geometry``, ``figures.paths``, ...); shared
styling lives in :mod:`regviz.figures.common`.
"""
