"""The mathematical core: penalties, losses, exact solvers, λ grids, shared statistics.

numpy and scipy only; every module here can be read on its own, like a textbook page.
Nothing in :mod:`regviz.core` imports from the other layers of regviz.
"""
