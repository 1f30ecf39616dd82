"""Helpers shared by the figure modules: label spreading, column titles, the legend below."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plotly.subplots import make_subplots

from regviz.figures.common import (
    LEGEND_BELOW,
    column_title,
    label_gap,
    layout_axes,
    spread_labels,
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(-100, 100), min_size=1, max_size=15),
    st.floats(0.1, 5.0),
)
def test_spread_labels_keep_order_and_distance_and_bounds(ys, gap):
    y = np.array(ys)
    low, high = -200.0, 200.0
    out = spread_labels(y, gap=gap, low=low, high=high)
    order = np.argsort(y, kind="stable")
    assert np.all(np.diff(out[order]) >= gap - 1e-6)
    assert out.min() >= low - 1e-9 and out.max() <= high + 1e-9


def test_labels_that_need_no_room_stay_put():
    y = np.array([-5.0, 0.0, 5.0])
    np.testing.assert_allclose(spread_labels(y, gap=1.0, low=-10, high=10), y)


def test_label_gap_is_the_font_height_in_data_units():
    # 10 units over 300 px: a 15 px font one line apart is 0.5 units.
    assert label_gap(10.0, 300.0, 15.0, lines=1.0) == 0.5
    assert label_gap(10.0, 0.0, 15.0) > 0  # no division by zero on a collapsed plot


def test_column_title_sits_left_below_the_toolbar():
    title = column_title("Paths")
    assert (title["text"], title["xanchor"], title["xref"], title["yanchor"]) == (
        "Paths", "left", "container", "top",
    )  # fmt: skip
    assert column_title("Paths", classroom=True)["pad"]["t"] < title["pad"]["t"]


def test_legend_below_is_horizontal_in_the_bottom_margin():
    assert LEGEND_BELOW == {
        "orientation": "h", "yref": "container", "y": 0.0, "yanchor": "bottom", "x": 0.0,
    }  # fmt: skip


@pytest.mark.parametrize(
    "make",
    [
        lambda: go.Figure(go.Scatter(x=[0, 1], y=[1, 0])),
        lambda: make_subplots(rows=2, cols=6),  # xaxis10 and more: numbers sort as numbers
        lambda: make_subplots(rows=1, cols=2, specs=[[{"secondary_y": True}, {}]]),
        lambda: make_subplots(rows=1, cols=2, specs=[[{"type": "scene"}, {}]]),
        lambda: go.Figure(go.Scatter3d(x=[0], y=[0], z=[0])),
    ],
)
def test_one_update_of_the_layout_axes_matches_update_xaxes_and_yaxes(make):
    # The axes layout_axes names in a figure's plain data, set in one update_layout, give
    # the same figure (byte for byte) as plotly's own update_xaxes and update_yaxes.
    font = {"tickfont": {"size": 21}, "title": {"font": {"size": 21}}}
    expected, fig = make(), make()
    expected.update_xaxes(font)
    expected.update_yaxes(font)
    fig.update_layout(dict.fromkeys(layout_axes(fig.to_dict()["layout"]), font))
    assert fig.to_json() == expected.to_json()
