"""Colouring a figure's text as plain data gives what colouring its plotly objects gives."""

from __future__ import annotations

import copy
import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.subplots import make_subplots

from regviz.experiments.geometry3d_scenes import Bowl3D, ball_scene_3d
from regviz.experiments.optimizers import DEFAULTS, runs_for_settings
from regviz.figures import optimizer, three_d
from regviz.figures.common import has_scene, play_controls
from regviz.ui.frame import CONTROL_BACKGROUND, TEXT_COLOR, readable_spec, readable_text


def _subplots() -> go.Figure:
    fig = make_subplots(rows=1, cols=2, subplot_titles=("left", "right"))
    fig.add_scatter(y=[1, 2], row=1, col=1)
    fig.add_scatter(y=[2, 1], row=1, col=2)
    fig.update_layout(title="Two panels", legend={"font": {"size": 20}})
    return fig


def _playable() -> go.Figure:
    fig = go.Figure(go.Scatter(y=[0, 1]), frames=[go.Frame(name="0"), go.Frame(name="1")])
    fig.update_layout(play_controls(["0", "1"], ["0", "1"]))
    return fig


def _optimizer() -> go.Figure:
    loss, runs = runs_for_settings(DEFAULTS)
    return optimizer.make_method_figure(runs[0], loss, optimizer.view_range(runs, loss))


def _scene() -> go.Figure:
    fig = go.Figure(go.Scatter3d(x=[0, 1], y=[0, 1], z=[0, 1]))
    fig.update_layout(scene2={"domain": {"x": [0.5, 1]}}, scene={"zaxis": {"title": "z"}})
    return fig


def _ball_3d() -> go.Figure:
    bowl = Bowl3D.from_shape([2.0, 1.2, 0.6], 6.0, 0.5, -30.0, -30.0, 0.0)
    return three_d.make_ball_3d_figure(ball_scene_3d(bowl, "l1", t=1.0))


FIGURES = {
    "3-D ball": _ball_3d,
    "subplots": _subplots,
    "play controls": _playable,
    "optimizer": _optimizer,
    "3-D scenes": _scene,
    "plain": lambda: go.Figure(),
}


def _coloured_with_objects(fig: go.Figure, *, dark: bool) -> go.Figure:
    """The reference: the colour rules written with plotly's own objects and selectors (as
    readable_text was written before it coloured plain data)."""
    theme = "dark" if dark else "light"
    color = TEXT_COLOR[theme]
    axis = {"tickfont": {"color": color}, "title": {"font": {"color": color}}}
    fig.update_layout(font_color=color, title_font_color=color, legend_font_color=color)
    fig.update_xaxes(axis)
    fig.update_yaxes(axis)
    fig.update_annotations(font_color=color)
    for control in (*(fig.layout.updatemenus or ()), *(fig.layout.sliders or ())):
        control.bgcolor = CONTROL_BACKGROUND[theme]
        control.font.color = color
    if has_scene(fig):
        fig.update_scenes(xaxis=axis, yaxis=axis, zaxis=axis)
    return fig


def _json(fig) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("name", list(FIGURES))
def test_plain_data_gets_the_colours_the_objects_get(name, dark):
    fig = FIGURES[name]()
    by_objects = _coloured_with_objects(copy.deepcopy(fig), dark=dark)
    assert _json(readable_text(copy.deepcopy(fig), dark=dark)) == _json(by_objects)
    as_data = readable_spec(fig.to_dict(), dark=dark)
    assert _json(as_data) == _json(by_objects)
