"""Figure of L2 vs weight decay, built without Streamlit: bars, ticks, lines, axes, size."""

from __future__ import annotations

import json

import numpy as np
import pytest

from regviz.experiments.weightdecay import OPTIMIZER_NAMES, OPTIMIZERS, weight_decay_experiment
from regviz.figures import common as style
from regviz.figures.weight_decay import (
    DECAY_TITLE,
    FEATURE_TITLE,
    KEPT_TITLE,
    OPTIMIZER_COLORS,
    RIDGE_NAME,
    make_weight_decay_figure,
)


@pytest.fixture(scope="module")
def result():
    return weight_decay_experiment()


def test_trace_count_order_and_colours(result):
    fig = make_weight_decay_figure(result)
    n = len(OPTIMIZERS)
    assert len(fig.data) == 2 * n + 1
    names = [OPTIMIZER_NAMES[k] for k in OPTIMIZERS]
    assert [tr.name for tr in fig.data[:n]] == names
    assert fig.data[n].name == RIDGE_NAME
    assert [tr.name for tr in fig.data[n + 1 :]] == names
    assert all(tr.type == "bar" for tr in fig.data[:n])
    # One legend entry per optimizer: the bars carry it, the lines share its group.
    assert all(tr.showlegend is False for tr in fig.data[n + 1 :])
    assert [tr.legendgroup for tr in fig.data[:n]] == [tr.legendgroup for tr in fig.data[n + 1 :]]
    colors = [OPTIMIZER_COLORS[k] for k in OPTIMIZERS]
    assert [tr.marker.color for tr in fig.data[:n]] == colors
    assert len(set(colors)) == n and OPTIMIZER_COLORS["sgd_l2"] == style.penalty_color("l2")


def test_bars_ticks_and_lines_show_the_result(result):
    fig = make_weight_decay_figure(result)
    n = len(OPTIMIZERS)
    order = np.argsort(result.scales)
    labels = [result.feature_labels[j] for j in order]
    for i in range(n):
        bar, line = fig.data[i], fig.data[n + 1 + i]
        assert list(bar.x) == labels == list(line.x)
        np.testing.assert_allclose(np.asarray(bar.y, float), result.kept[i, order], rtol=1e-6)
        np.testing.assert_allclose(
            np.asarray(line.y, float), result.decay_per_step[i, order], rtol=1e-6
        )
        assert (bar.xaxis, bar.yaxis, line.xaxis, line.yaxis) == ("x", "y", "x2", "y2")
    ridge = fig.data[n]
    np.testing.assert_allclose(np.asarray(ridge.y, float), result.ridge_kept[order], rtol=1e-6)


def test_axes(result):
    fig = make_weight_decay_figure(result)
    layout = fig.layout
    assert layout.barmode == "group"
    assert layout.xaxis.title.text == FEATURE_TITLE == layout.xaxis2.title.text
    assert layout.yaxis.title.text == KEPT_TITLE and layout.yaxis.range[0] <= 0
    assert layout.yaxis2.title.text == DECAY_TITLE and layout.yaxis2.type == "log"
    lo, hi = (10**v for v in layout.yaxis2.range)
    positive = result.decay_per_step[result.decay_per_step > 0]
    assert lo < positive.min() and positive.max() < hi
    assert all(lo <= v <= hi for v in layout.yaxis2.tickvals)
    assert f"λ = {result.lam:g}" in layout.title.text


def test_figure_ships_float32_and_stays_small(result):
    text = make_weight_decay_figure(result).to_json()
    assert len(text) < 25_000
    spec = json.loads(text)
    dtypes = {
        value["dtype"]
        for trace in spec["data"]
        for value in trace.values()
        if isinstance(value, dict) and "bdata" in value
    }
    assert dtypes == {"f4"}


def test_classroom_mode_is_larger(result):
    normal = make_weight_decay_figure(result)
    big = make_weight_decay_figure(result, classroom=True)
    assert big.layout.font.size > normal.layout.font.size
    assert big.layout.height > normal.layout.height
