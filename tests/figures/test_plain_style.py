"""Styling a figure written as plain data gives what styling its plotly objects gives."""

from __future__ import annotations

import copy
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from regviz.figures import common

# Figures as plain data, covering what apply_style touches: lines with and without a width,
# markers with a size, an array of sizes or none, modes with and without markers, traces
# without a line (heatmap, bar), several axes, annotations, a title as a string, a shared
# legend constant, a 3-D scene.
SPECS = {
    "lines and markers": {
        "data": [
            {"type": "scatter", "y": [1, 2, 3], "mode": "lines"},
            {"y": [3, 2], "mode": "lines+markers", "line": {"width": 1.5, "dash": "dot"}},
            {"type": "scatter", "y": [0, 1], "mode": "markers", "marker": {"size": 5}},
            {"type": "scatter", "y": [0, 1], "mode": "markers", "marker": {"size": [4, 8]}},
            {"type": "scatter", "y": [0, 1], "mode": "text", "text": ["a", "b"]},
            {"type": "scatter", "y": np.arange(3.0), "marker": {"color": "red"}},
        ],
        "layout": {"title": "A title as text", "legend": common.LEGEND_BELOW, "height": 300},
    },
    "subplots and annotations": {
        "data": [
            {"type": "scatter", "y": [1, 2], "xaxis": "x2", "yaxis": "y2"},
            {"type": "heatmap", "z": [[1, 2], [3, 4]]},
            {"type": "bar", "y": [1, 2], "marker": {"color": "blue"}},
            {"type": "contour", "z": [[1, 2], [3, 4]], "line": {"width": 0.5}},
        ],
        "layout": {
            "xaxis2": {"domain": [0.55, 1.0]},
            "yaxis2": {"anchor": "x2", "title": {"text": "y₂"}},
            "annotations": [{"text": "note", "x": 0, "y": 0, "font": {"color": "red"}}],
            "margin": {"t": 80},
        },
    },
    "a 3-D scene": {
        "data": [
            {"type": "scatter3d", "x": [0, 1], "y": [0, 1], "z": [0, 1], "mode": "lines"},
            {"type": "surface", "z": [[0, 1], [1, 0]]},
        ],
        "layout": {"scene": {"xaxis": {"title": {"text": "β₁"}}}},
    },
}


def _json(fig: go.Figure) -> dict:
    return json.loads(pio.to_json(fig))


def _styled_with_objects(fig: go.Figure, *, classroom: bool, traces: bool) -> go.Figure:
    """The reference: the styling rules written with plotly's own objects and selectors
    (as apply_style was written before it styled plain data)."""
    font = common.CLASSROOM_FONT_SIZE if classroom else common.FONT_SIZE
    width = common.CLASSROOM_LINE_WIDTH if classroom else common.LINE_WIDTH
    marker = common.CLASSROOM_MARKER_SIZE if classroom else common.MARKER_SIZE
    fig.update_layout(
        font_size=font,
        legend_font_size=font,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hoverlabel_font_size=font,
        title_font_size=round(font * 1.15),
    )
    axis = {"tickfont": {"size": font}, "title": {"font": {"size": font}}}
    fig.update_xaxes(axis)
    fig.update_yaxes(axis)
    fig.update_annotations(font_size=font)
    if not traces:
        return fig
    scale = common.CLASSROOM_LINE_WIDTH / common.LINE_WIDTH if classroom else 1.0
    for trace in fig.data:
        line = getattr(trace, "line", None)
        if line is not None:
            trace.line.width = width if line.width is None else line.width * scale
        mode = getattr(trace, "mode", None) or ""
        dot = getattr(trace, "marker", None)
        if dot is not None and "markers" in mode and not isinstance(dot.size, list | tuple):
            trace.marker.size = marker if dot.size is None else dot.size * scale
    return fig


@pytest.mark.parametrize("classroom", [False, True])
@pytest.mark.parametrize("traces", [True, False])
@pytest.mark.parametrize("name", list(SPECS))
def test_styling_plain_data_equals_styling_the_figure(name, classroom, traces):
    spec = SPECS[name]
    by_objects = _styled_with_objects(
        go.Figure(copy.deepcopy(spec)), classroom=classroom, traces=traces
    )
    as_data = common.style_spec(copy.deepcopy(spec), classroom=classroom, traces=traces)
    assert _json(go.Figure(as_data)) == _json(by_objects)
    styled = common.apply_style(go.Figure(copy.deepcopy(spec)), classroom=classroom, traces=traces)
    assert _json(styled) == _json(by_objects)


def test_styling_leaves_shared_constants_alone():
    legend = copy.deepcopy(common.LEGEND_BELOW)
    spec = {"data": [], "layout": {"legend": common.LEGEND_BELOW}}
    common.style_spec(spec, classroom=True)
    assert spec["layout"]["legend"]["font"] == {"size": common.CLASSROOM_FONT_SIZE}
    assert common.LEGEND_BELOW == legend


def test_merge_follows_plotly_update_rules():
    layout = {"title": "Loss", "margin": {"t": 80, "b": 5}, "annotations": [{"text": "a"}]}
    common.merge(layout, {"margin": {"b": 10}, "annotations": [], "title": {"x": 0}})
    assert layout == {
        "title": {"text": "Loss", "x": 0},
        "margin": {"t": 80, "b": 10},
        "annotations": [],
    }
    expected = go.Figure(layout={"title": "Loss", "margin": {"t": 80, "b": 5}})
    expected.update_layout(margin={"b": 10}, title={"x": 0})
    assert (
        _json(go.Figure(layout=layout))["layout"]["margin"] == _json(expected)["layout"]["margin"]
    )


def test_layout_axes_name_every_axis_as_plotly_selects_them():
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=2, cols=2)
    axes = ["xaxis", "xaxis2", "xaxis3", "xaxis4", "yaxis", "yaxis2", "yaxis3", "yaxis4"]
    assert common.layout_axes(fig.to_dict()["layout"]) == axes
    assert common.layout_axes({"scene3": {}}, ("scene",)) == ["scene", "scene3"]
