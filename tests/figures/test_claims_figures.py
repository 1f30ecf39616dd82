"""Figures of the claim checker: one builder per claim, found by the name its record gives;
valid, sized for the room, no coloured text, light to send."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest

import regviz.figures.claims as figures
from regviz.experiments.claims import CLAIMS
from regviz.figures.claims import HEIGHT, make_claim_figure, thin_log

MAX_BYTES = 250_000

# Each claim at its defaults, at its flip and at the heaviest setting the page offers.
STATES = (
    [(key, {}) for key in CLAIMS]
    + [(key, dict(claim.flip)) for key, claim in CLAIMS.items() if claim.flip]
    + [("gradient", {"n_iter": 5000}), ("outliers", {"outlier_size": 1, "lam": 3.2})]
)


def _figure(key: str, settings: dict, classroom: bool = False) -> go.Figure:
    return make_claim_figure(CLAIMS[key].run(seed=0, **settings), classroom=classroom)


@pytest.mark.parametrize("key", list(CLAIMS))
def test_every_record_names_a_builder_and_the_dispatcher_uses_it(key, monkeypatch) -> None:
    builder = getattr(figures, CLAIMS[key].figure)
    assert callable(builder)
    called = []
    monkeypatch.setattr(figures, CLAIMS[key].figure, lambda ev, **kw: called.append(ev) or 1)
    evidence = CLAIMS[key].run(seed=0)
    assert make_claim_figure(evidence) == 1 and called == [evidence]


def test_no_second_table_of_claims_in_the_figures() -> None:
    assert not hasattr(figures, "_BUILDERS")
    with pytest.raises(ValueError, match="No claim"):
        make_claim_figure(object())


@pytest.mark.parametrize(("key", "settings"), STATES)
@pytest.mark.parametrize("classroom", [False, True])
def test_figures_are_valid_sized_and_light(key, settings, classroom) -> None:
    fig = _figure(key, settings, classroom)
    go.Figure(fig.to_dict())  # validates every property
    assert fig.layout.height == HEIGHT[classroom] == (400 if classroom else 460)
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.yanchor == "bottom"
    title = fig.layout.title.text
    assert title and len(title) <= 45, title  # one short line, also on a phone
    assert len(pio.to_json(fig, validate=False)) <= MAX_BYTES


@pytest.mark.parametrize(("key", "settings"), STATES)
def test_no_text_is_coloured_by_the_figure(key, settings) -> None:
    """Colours mark lines, markers and bars; text takes the theme's colour (the frame)."""
    spec = json.loads(pio.to_json(_figure(key, settings), validate=False))
    layout = spec["layout"]
    assert "color" not in layout.get("font", {})
    assert "color" not in layout.get("title", {}).get("font", {})
    for annotation in layout.get("annotations", []):
        assert "color" not in annotation.get("font", {})
    for trace in spec["data"]:
        assert "textfont" not in trace


def test_long_runs_are_thinned_on_a_log_axis() -> None:
    fig = _figure("gradient", {"n_iter": 5000})
    assert all(len(trace.x) <= 400 for trace in fig.data)
    assert fig.data[0].x[-1] == 5000  # the last iteration is kept
    assert thin_log(3).tolist() == [0, 1, 2]
    assert fig.layout.yaxis.dtick == 4 and fig.layout.xaxis.dtick == 1  # powers of ten only


def test_the_sparse_figure_marks_exactly_the_lasso_zeros() -> None:
    evidence = CLAIMS["sparse"].run(seed=0)
    marks = next(t for t in make_claim_figure(evidence).data if t.name == "lasso exactly 0")
    assert len(marks.x) == evidence.lasso_zeros == 11
