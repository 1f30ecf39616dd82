"""Figures of the claim checker: one builder per claim, found by the name its record gives;
valid, sized for the room, no coloured text, light to send."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from figure_checks import assert_text_takes_the_theme_colour

import regviz.figures.claims as figures
from regviz.core.grids import format_lambda
from regviz.experiments.claims import CLAIMS, PLAY_LAMBDAS, claim_sweep, play_lambdas
from regviz.figures.claims import (
    HEIGHT,
    PLAY_KEYS,
    claim_play_frames,
    make_claim_figure,
    make_claim_play_figure,
    thin_log,
)

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
def test_figures_built_as_plain_data_validate_as_plotly_figures(key, settings) -> None:
    # Every builder makes its figure from plain data, unvalidated: a misspelt property
    # would pass silently there, and raises here. Unstyled too (what ▶ Play's frames take),
    # each builder called directly as well as through its claim's record.
    evidence = CLAIMS[key].run(seed=0, **settings)
    builder = getattr(figures, CLAIMS[key].figure)
    for classroom in (False, True):
        for styled in (True, False):
            spec = builder(evidence, classroom=classroom, styled=styled).to_dict()
            go.Figure(spec)


@pytest.mark.parametrize(("key", "settings"), STATES)
def test_no_text_is_coloured_by_the_figure(key, settings) -> None:
    """Colours mark lines, markers and bars; text takes the theme's colour (the frame)."""
    spec = json.loads(pio.to_json(_figure(key, settings), validate=False))
    assert_text_takes_the_theme_colour(spec)
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


# ----------------------------------------------------------------------------- ▶ Play

PLAY_STATES = [(key, {}) for key in CLAIMS] + [
    (key, dict(claim.flip)) for key, claim in CLAIMS.items() if claim.flip
]


def _settings(key: str, settings: dict) -> dict:
    return {**CLAIMS[key].control_defaults, **settings}


def _play(key: str, settings: dict, classroom: bool = False, **kwargs):
    own = _settings(key, settings)
    frames = claim_play_frames(claim_sweep(key, 0, own), classroom=classroom)
    evidence = CLAIMS[key].run(seed=0, **own)
    return evidence, make_claim_play_figure(evidence, frames, classroom=classroom, **kwargs)


def _frame_text(frame) -> str:
    return frame.data[-1].text[0]


@pytest.mark.parametrize(("key", "settings"), PLAY_STATES)
def test_each_frame_writes_the_verdict_its_own_lambda_computes(key, settings) -> None:
    evidence, fig = _play(key, settings)
    lams = sorted({*play_lambdas(key, _settings(key, settings)), evidence.lam})
    assert [float(frame.name) for frame in fig.frames] == lams
    for lam, frame in zip(lams, fig.frames, strict=True):
        fresh = CLAIMS[key].run(seed=0, **{**_settings(key, settings), "lam": lam})
        head = _frame_text(frame).split("<br>")[0]
        assert head == f"<b>λ = {format_lambda(lam)} · {fresh.verdict.label}</b>"
        assert len(frame.data) == len(fig.data)  # every trace, and the text last
    # The figure opens on the slider's λ: its frame, its text.
    active = fig.layout.sliders[0].active
    assert float(fig.frames[active].name) == evidence.lam
    assert fig.data[-1].text[0] == _frame_text(fig.frames[active])


def test_the_text_follows_a_verdict_that_flips() -> None:
    _, fig = _play("sparse", {})
    heads = [_frame_text(frame).split("<br>")[0] for frame in fig.frames]
    assert "HALF-TRUE" in heads[0] and "TRUE" in heads[-1] and "HALF" not in heads[-1]
    assert len(set(heads)) == len(heads)  # λ changes in every frame
    _, fig = _play("proportion", {})
    labels = {_frame_text(frame).split(" · ")[1].split("<")[0] for frame in fig.frames}
    assert labels == {"HALF-TRUE", "FALSE"}


def test_a_lambda_off_the_grid_gets_a_frame_of_its_own() -> None:
    _, on_grid = _play("sparse", {"lam": 0.1})
    _, off_grid = _play("sparse", {"lam": 0.05})
    assert len(off_grid.frames) == len(on_grid.frames) + 1 == len(PLAY_LAMBDAS) + 1
    assert off_grid.layout.sliders[0].active == [f.name for f in off_grid.frames].index("0.05")


def _values(values, log: bool) -> np.ndarray:
    found = np.asarray(values, dtype=float).ravel()
    found = found[np.isfinite(found)]
    return np.log10(found[found > 0]) if log else found


@pytest.mark.parametrize(("key", "settings"), PLAY_STATES)
def test_every_frame_stays_inside_the_axes(key, settings) -> None:
    _, fig = _play(key, settings)
    n = len(fig.data) - 1  # the last trace is the text, on axes of its own
    for axis in ("x", "y"):
        layout = fig.layout[f"{axis}axis"]
        if layout.range is None:  # left to plotly: the data span the same on this axis
            spans = set()
            for frame in fig.frames:
                values = np.concatenate([_values(t[axis], False) for t in frame.data[:n]])
                spans.add((values.min(), values.max()))
            assert len(spans) == 1, spans
            continue
        low, high = layout.range
        for frame in fig.frames:
            for trace in frame.data[:n]:
                values = _values(trace[axis], layout.type == "log")
                assert values.size == 0 or (low <= values.min() and values.max() <= high)


@pytest.mark.parametrize(("key", "settings"), PLAY_STATES)
@pytest.mark.parametrize("classroom", [False, True])
def test_play_figures_are_valid_and_light(key, settings, classroom) -> None:
    _, fig = _play(key, settings, classroom, stacked=classroom)
    go.Figure(fig.to_dict())  # validates every property, frames included
    assert len(fig.to_json()) <= MAX_BYTES
    assert fig.layout.updatemenus[0].buttons[0].args[1]["frame"]["redraw"] is True
    text = fig.data[-1]
    assert text.mode == "text" and text.xaxis == "x2" and text.textfont.color is None
    # Title, Play row and the text above the data share the space above the plot.
    assert fig.layout.margin.t >= 70 and fig.layout.height > HEIGHT[classroom]


def test_frames_carry_the_data_of_the_figure_at_that_lambda() -> None:
    """A frame moves each trace to what the figure at its λ draws (styles stay)."""
    for key in CLAIMS:
        evidence = CLAIMS[key].run(seed=0, lam=0.32)
        frames = claim_play_frames(claim_sweep(key, 0, CLAIMS[key].control_defaults))
        frame = frames.frames[list(frames.lams).index(0.32)]
        for trace, moved in zip(make_claim_figure(evidence).data, frame["data"], strict=False):
            for k in PLAY_KEYS:
                if trace[k] is not None:
                    assert np.array_equal(np.asarray(trace[k]), np.asarray(moved[k])), (key, k)
        title = make_claim_figure(evidence).layout.title.text
        assert frame["layout"]["title"]["text"] == f"<b>{title}</b>"  # as Streamlit draws it


def test_play_off_is_the_figure_as_before() -> None:
    for key in CLAIMS:
        fig = make_claim_figure(CLAIMS[key].run(seed=0))
        assert not fig.frames and not fig.layout.updatemenus and not fig.layout.sliders


def test_frames_of_another_claim_are_refused() -> None:
    frames = claim_play_frames(claim_sweep("sparse", 0, {"k": 5}, lams=(0.01, 0.1)))
    with pytest.raises(ValueError, match="another claim"):
        make_claim_play_figure(CLAIMS["gradient"].run(seed=0), frames)


def test_fit_lines_and_coefficient_pairs_are_drawn_from_their_numbers() -> None:
    traces: list[dict] = []
    layout: dict = {}
    figures._add_fit_line(
        traces, np.array([-1.0, 3.0]), 0.5, 2.0, name="fit", line={"color": "red"}, fit="least"
    )
    pairs = np.array([[1.0, 0.0], [0.25, 0.75]])
    figures._add_pairs(traces, pairs, name="pairs")
    figures._beta_plane_axes(layout, [-1.0, 2.0], zeroline=True)
    fig = go.Figure({"data": traces, "layout": layout})  # validated: the plain data is plotly's
    line, points = fig.data
    np.testing.assert_allclose(line.y, [1.5, 3.5])
    assert line.mode == "lines" and line.hovertemplate == "slope 0.500<extra>least</extra>"
    np.testing.assert_allclose(np.column_stack([points.x, points.y]), pairs)
    assert points.mode == "markers" and points.x.dtype == np.float32
    assert fig.layout.xaxis.title.text == "β₁" and fig.layout.yaxis.title.text == "β₂"
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.xaxis.zeroline is True
    assert list(fig.layout.xaxis.range) == list(fig.layout.yaxis.range) == [-1.0, 2.0]
