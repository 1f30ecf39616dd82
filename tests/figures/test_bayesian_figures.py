"""Figures of the Bayesian page: one figure per prior, MAP and mean printed on the plot,
legends below, colours visible in both themes, lean JSON."""

from __future__ import annotations

import json

import numpy as np
import plotly.io as pio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz.experiments.bayes import DEFAULTS, PRESETS, marker_labels, page_views
from regviz.figures.bayesian import (
    HEIGHTS,
    LOW_ROW,
    TOP_ROW,
    _emptiest_corner,
    _label_side,
    line_colors,
    make_bayes_figure,
    make_bayes_panel,
)
from regviz.figures.common import DARK_BACKGROUND, LIGHT_BACKGROUND, contrast_ratio


def _json(fig) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


@pytest.mark.parametrize("dims", [1, 2])
def test_one_figure_per_prior_with_title_legend_below_and_typed_arrays(dims):
    views = page_views(**DEFAULTS | {"dims": dims})
    for view, start in zip(views, ("Laplace prior → lasso", "Gaussian prior → ridge"), strict=True):
        fig = make_bayes_panel(view)
        assert fig.layout.title.text.startswith(start)
        assert [t.name for t in fig.data if t.showlegend is not False] == [
            "prior",
            "likelihood",
            "posterior",
        ]
        assert fig.layout.legend.orientation == "h" and fig.layout.legend.yanchor == "bottom"
        assert fig.layout.height == HEIGHTS[(dims, False)]
        spec = _json(fig)
        assert all("bdata" in json.dumps(trace["x"]) for trace in spec["data"][:3])
        # No text in a colour of its own: the frame gives all text the theme's colour.
        for note in spec["layout"]["annotations"]:
            assert "color" not in note.get("font", {})
        assert "color" not in spec["layout"]["title"].get("font", {})
    if dims == 2:
        assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.xaxis.constrain == "domain"


def test_one_coefficient_prints_map_and_mean_in_the_band_above_the_curves():
    laplace, gaussian = page_views(**DEFAULTS)
    fig = make_bayes_panel(laplace)
    texts = {note.text: note for note in fig.layout.annotations}
    assert set(texts) == set(marker_labels(laplace)) == {"MAP = 0 exactly", "mean = 0.332"}
    peak = max(float(np.max(t.y)) for t in fig.data[:3])
    assert texts["MAP = 0 exactly"].y == pytest.approx(TOP_ROW * peak)
    assert texts["mean = 0.332"].y == pytest.approx(LOW_ROW * peak)
    assert min(note.y for note in texts.values()) > 1.05 * peak  # above every curve
    # Each label points away from the other marker: MAP (0) left, mean (0.332) right.
    assert texts["MAP = 0 exactly"].xanchor == "right"
    assert texts["mean = 0.332"].xanchor == "left"
    map_line = next(t for t in fig.data if t.marker.symbol == "diamond")
    assert list(map_line.x) == [0.0, 0.0]
    (only,) = make_bayes_panel(gaussian).layout.annotations
    assert only.text == "MAP = mean = 0.385"


def test_a_label_that_must_point_at_the_other_line_goes_on_top():
    # The mean near the right edge: its label turns left, towards the MAP's line, so it
    # takes the top row (the MAP's line ends below it).
    view = page_views(**DEFAULTS | {"c1": 3.0, "n": 40, "prior_sd": 0.8})[0]
    fig = make_bayes_panel(view)
    by_text = {note.text.split(" =")[0]: note for note in fig.layout.annotations}
    lo, hi = view.axes[0][0], view.axes[0][-1]
    assert (view.summary.mean[0] - lo) / (hi - lo) > 0.6
    assert by_text["mean"].xanchor == "right" and view.map[0] < view.summary.mean[0]
    assert by_text["mean"].y > by_text["MAP"].y


def test_label_sides():
    assert _label_side(0.0, 0.3, -2.0, 2.0) == -1  # away from the other marker
    assert _label_side(0.3, 0.0, -2.0, 2.0) == 1
    assert _label_side(1.8, 0.0, -2.0, 2.0) == -1  # … unless it would run off the edge
    assert _label_side(-1.8, 0.0, -2.0, 2.0) == 1
    assert _label_side(-0.5, None, -2.0, 2.0) == 1  # alone: towards the middle


def test_two_coefficients_print_both_numbers_in_the_emptiest_corner():
    laplace = page_views(**PRESETS["symmetry"])[0]
    fig = make_bayes_panel(laplace)
    (block,) = fig.layout.annotations
    assert block.text == "◆ MAP = (0.434, 0)<br>○ mean = (0.518, 0 by symmetry)"
    assert block.xref == "x domain" and block.yref == "y domain"
    points = np.array([[0.0, 2.4], [-2.4, 2.4], [2.0, -2.0]])
    assert _emptiest_corner(points, (-2.5, 2.5)) == (-1, -1)
    assert _emptiest_corner(np.zeros((1, 2)), (-2.5, 2.5)) == (-1, 1)  # a tie: top left


@pytest.mark.parametrize("dark", [False, True])
def test_every_line_is_visible_against_the_plot_background(dark):
    background = DARK_BACKGROUND if dark else LIGHT_BACKGROUND
    for view in page_views(**DEFAULTS):
        for color in line_colors(view).values():
            assert contrast_ratio(color, background) >= 3.0, color
        fig = make_bayes_panel(view, dark=dark)
        halos = {t.marker.line.color for t in fig.data if t.marker.symbol == "diamond"}
        assert halos == {background}


@settings(max_examples=30, deadline=None)
@given(
    dims=st.sampled_from([1, 2]),
    c1=st.floats(-3, 3),
    c2=st.floats(-3, 3),
    rho=st.floats(-0.9, 0.9),
    sigma=st.floats(0.1, 5),
    n=st.integers(1, 500),
    sd=st.floats(0.05, 3),
)
def test_figures_stay_light_over_the_whole_slider_range(dims, c1, c2, rho, sigma, n, sd):
    views = page_views(dims=dims, c1=c1, c2=c2, rho=rho, sigma=sigma, n=n, prior_sd=sd)
    for view in views:
        for classroom in (False, True):
            size = len(pio.to_json(make_bayes_panel(view, classroom=classroom), validate=False))
            assert size < 60_000


@pytest.mark.parametrize("dims", [1, 2])
def test_side_by_side_figure_for_notebooks(dims):
    views = page_views(**DEFAULTS | {"dims": dims})
    fig = make_bayes_figure(views)
    titles = [a.text for a in fig.layout.annotations if a.yref == "paper"]
    assert "Laplace" in titles[0] and "Gaussian" in titles[1]
    maps = [t for t in fig.data if t.marker.symbol == "diamond"]
    assert len(maps) == 2 and maps[0].x[0] == views[0].map[0]
    assert sum(1 for t in fig.data if t.showlegend is not False) == 3  # one legend
    if dims == 2:
        assert fig.layout.yaxis2.scaleanchor == "x2"
    with pytest.raises(ValueError):
        make_bayes_figure([])
