"""Figures of L2 vs weight decay, built without Streamlit: bars, ticks, lines, axes, size."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
from figure_checks import json_and_dtypes

from regviz.experiments.weightdecay import (
    OPTIMIZER_NAMES,
    OPTIMIZERS,
    kept_by_lambda,
    weight_decay_experiment,
)
from regviz.figures import common as style
from regviz.figures.weight_decay import (
    DECAY_PANEL,
    DECAY_TITLE,
    FEATURE_TITLE,
    KEPT_PANEL,
    KEPT_TITLE,
    OPTIMIZER_COLORS,
    RIDGE_NAME,
    make_decay_figure,
    make_kept_figure,
)

BUILDERS = (make_kept_figure, make_decay_figure)


@pytest.fixture(scope="module")
def result():
    return weight_decay_experiment()


def test_trace_count_order_and_colours(result):
    kept, decay = make_kept_figure(result), make_decay_figure(result)
    n = len(OPTIMIZERS)
    assert len(kept.data) == n + 1 and len(decay.data) == n
    names = [OPTIMIZER_NAMES[k] for k in OPTIMIZERS]
    assert [tr.name for tr in kept.data[:n]] == names
    assert kept.data[n].name == RIDGE_NAME
    assert [tr.name for tr in decay.data] == names
    assert all(tr.type == "bar" for tr in kept.data[:n])
    # One legend entry per optimizer: the bars carry it, the lines share its group.
    assert all(tr.showlegend is False for tr in decay.data)
    assert [tr.legendgroup for tr in kept.data[:n]] == [tr.legendgroup for tr in decay.data]
    colors = [OPTIMIZER_COLORS[k] for k in OPTIMIZERS]
    assert [tr.marker.color for tr in kept.data[:n]] == colors
    assert [tr.line.color for tr in decay.data] == colors
    assert len(set(colors)) == n and OPTIMIZER_COLORS["sgd_l2"] == style.penalty_color("l2")
    # SGD + weight decay's hatching overlays its own colour (it draws over SGD + L2).
    assert {tr.marker.pattern.fillmode for tr in kept.data[:n]} == {"overlay"}


def test_bars_ticks_and_lines_show_the_result(result):
    kept, decay = make_kept_figure(result), make_decay_figure(result)
    n = len(OPTIMIZERS)
    order = np.argsort(result.scales)
    labels = [result.feature_labels[j] for j in order]
    for i in range(n):
        bar, line = kept.data[i], decay.data[i]
        assert list(bar.x) == labels == list(line.x)
        np.testing.assert_allclose(np.asarray(bar.y, float), result.kept[i, order], rtol=1e-6)
        np.testing.assert_allclose(
            np.asarray(line.y, float), result.decay_per_step[i, order], rtol=1e-6
        )
    ridge = kept.data[n]
    np.testing.assert_allclose(np.asarray(ridge.y, float), result.ridge_kept[order], rtol=1e-6)


def test_axes(result):
    kept, decay = make_kept_figure(result).layout, make_decay_figure(result).layout
    assert kept.barmode == "group"
    assert kept.xaxis.title.text == FEATURE_TITLE == decay.xaxis.title.text
    assert kept.yaxis.title.text == KEPT_TITLE and kept.yaxis.range[0] <= 0
    assert decay.yaxis.title.text == DECAY_TITLE and decay.yaxis.type == "log"
    lo, hi = (10**v for v in decay.yaxis.range)
    positive = result.decay_per_step[result.decay_per_step > 0]
    assert lo < positive.min() and positive.max() < hi
    assert all(lo <= v <= hi for v in decay.yaxis.tickvals)
    assert (kept.title.text, decay.title.text) == (KEPT_PANEL, DECAY_PANEL)


@pytest.mark.parametrize("make", BUILDERS)
def test_figures_ship_float32_and_stay_small(result, make):
    text, dtypes = json_and_dtypes(make(result))
    assert len(text) < 15_000
    assert dtypes == {"f4"}


@pytest.mark.parametrize("make", BUILDERS)
def test_classroom_mode_is_larger_and_fits_a_projector(result, make):
    normal, big = make(result), make(result, classroom=True)
    assert big.layout.font.size > normal.layout.font.size
    # Classroom: the figures stand one under the other, each above the fold at 1280×720.
    assert (big.layout.height, normal.layout.height) == (450, 550)
    assert big.layout.xaxis.title.text == ""  # the feature scales on the ticks say it
    assert make(result, height=320).layout.height == 320
    assert style.LEGEND_BELOW.items() <= normal.layout.legend.to_plotly_json().items()


# --------------------------------------------------------------------------- ▶ Play


@pytest.fixture(scope="module")
def sweep():
    return kept_by_lambda()


def test_without_a_sweep_the_kept_figure_has_no_frames(result):
    fig = make_kept_figure(result)
    assert not fig.frames and not fig.layout.updatemenus


def test_each_frame_shows_the_sweep_at_its_lambda(result, sweep):
    fig = make_kept_figure(result, sweep=sweep)
    assert len(fig.frames) == len(sweep.lams)
    order = np.argsort(sweep.scales)
    labels = []
    for f, frame in enumerate(fig.frames):
        bars = frame.data[: len(OPTIMIZERS)]
        for i, bar in enumerate(bars):
            np.testing.assert_allclose(np.asarray(bar.y), sweep.kept[f, i, order], rtol=1e-6)
        np.testing.assert_allclose(np.asarray(frame.data[-2].y), sweep.ridge_kept[f, order],
                                   rtol=1e-6)  # fmt: skip
        labels.append(frame.data[-1].text[0])
        assert list(frame.traces) == list(range(len(OPTIMIZERS) + 2))
    assert len(set(labels)) == len(labels)  # λ is written, and changes, in every frame
    # Every frame's bars fit in the y range; the figure itself shows the slider's λ.
    low, high = fig.layout.yaxis.range
    assert low <= sweep.kept.min() and sweep.kept.max() <= high
    assert fig.data[-1].text[0] == f"λ = {result.lam:.2g}"
    buttons = [b.label for b in fig.layout.updatemenus[0].buttons]
    assert buttons == ["▶ Play", "▶ Slow", "❚❚"]


def test_play_frames_stay_light(result, sweep):
    with_frames = len(make_kept_figure(result, sweep=sweep).to_json())
    assert with_frames - len(make_kept_figure(result).to_json()) < 20_000


@pytest.mark.parametrize("classroom", [False, True])
def test_figures_built_as_plain_data_validate_as_plotly_figures(result, sweep, classroom):
    # Both builders make their figures from plain data, unvalidated: a misspelt property
    # would pass silently there, and raises here.
    for fig in (
        make_kept_figure(result, classroom=classroom),
        make_kept_figure(result, classroom=classroom, sweep=sweep),
        make_decay_figure(result, classroom=classroom),
    ):
        spec = fig.to_dict()
        go.Figure(spec)
