"""Every page of regviz, in the order of the suggested route.

The route (:data:`ROUTE`) is the path the home page suggests to a newcomer; the other
pages follow it in the navigation. Each page's spec lives in ``specs/<slug>.py``.
"""

from __future__ import annotations

from regviz.ui.spec import PageSpec
from regviz.ui.specs import (
    bayesian,
    claims,
    early_stopping,
    geometry,
    monte_carlo,
    one_lambda,
    optimizer,
    overfitting,
    paths,
    sample_complexity,
    three_d,
    weight_decay,
)

# The suggested path through the ideas, then the deeper pages.
SPECS: tuple[PageSpec, ...] = (
    geometry.SPEC,
    paths.SPEC,
    overfitting.SPEC,
    monte_carlo.SPEC,
    three_d.SPEC,
    one_lambda.SPEC,
    early_stopping.SPEC,
    weight_decay.SPEC,
    bayesian.SPEC,
    optimizer.SPEC,
    claims.SPEC,
    sample_complexity.SPEC,
)
ROUTE: tuple[str, ...] = ("geometry", "paths", "overfitting", "monte_carlo")


def spec_for(slug: str) -> PageSpec:
    """The spec of the page with this slug.

    Examples
    --------
    >>> spec_for("geometry").path
    'pages/geometry.py'
    """
    for spec in SPECS:
        if spec.slug == slug:
            return spec
    raise KeyError(f"No page {slug!r}.")


def next_spec(slug: str) -> PageSpec | None:
    """The page after this one (the route first, then the rest); None at the end.

    Examples
    --------
    >>> next_spec("geometry").slug
    'paths'
    """
    slugs = [spec.slug for spec in SPECS]
    index = slugs.index(slug)
    return SPECS[index + 1] if index + 1 < len(SPECS) else None
