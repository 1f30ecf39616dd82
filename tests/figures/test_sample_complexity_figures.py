"""Figures of the sample-complexity page, built without Streamlit: one per setting."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from regviz.experiments.samplecomplexity import SETTINGS, load_results, run_experiment
from regviz.figures.common import CLASSROOM_FONT_SIZE, TRUTH_COLOR, penalty_color
from regviz.figures.sample_complexity import (
    CLASSROOM_HEIGHT,
    FIGURE_HEIGHT,
    TITLES,
    make_setting_figure,
    y_range,
)

FULL = load_results()


@pytest.mark.parametrize("setting", SETTINGS)
def test_one_setting_per_figure_with_l1_l2_and_bayes(setting) -> None:
    fig = make_setting_figure(FULL, setting, n_train=100)
    assert [t.name for t in fig.data] == ["L1", "L2", "Bayes"]
    assert fig.layout.title.text == TITLES[setting]
    assert fig.data[0].line.color == penalty_color("l1")
    assert fig.data[1].line.color == penalty_color("l2")
    assert fig.data[2].line.color == TRUTH_COLOR and fig.data[2].line.dash == "dash"
    curve = FULL.curve(setting, 100, "l2")
    np.testing.assert_allclose(fig.data[1].y, curve.error_mean, rtol=1e-6)
    np.testing.assert_allclose(fig.data[1].error_y.array, curve.error_se, rtol=1e-6)
    assert list(fig.data[1].x) == list(curve.n_features)
    assert not fig.layout.shapes  # no cursor unless asked for


def test_cursor_metric_and_shared_y_range() -> None:
    fig = make_setting_figure(FULL, "one", n_train=200, cursor=250)
    (line,) = fig.layout.shapes
    assert line.x0 == line.x1 == 250
    assert fig.layout.yaxis.title.text == "test 0/1 error"
    assert list(fig.layout.yaxis.range) == y_range(FULL)
    log_fig = make_setting_figure(FULL, "three", n_train=100, metric="log_loss")
    assert log_fig.layout.yaxis.title.text == "test log-loss"
    assert list(log_fig.layout.yaxis.range) == y_range(FULL, "log_loss")
    top = float((FULL.summary.log_loss_mean + FULL.summary.log_loss_se).max())
    assert y_range(FULL, "log_loss")[1] >= top  # every error bar fits
    shared = make_setting_figure(FULL, "one", n_train=100, y_limits=(0.0, 0.7))
    assert list(shared.layout.yaxis.range) == [0.0, 0.7]


def test_room_layout_legend_below_no_coloured_text_and_compact_arrays() -> None:
    fig = make_setting_figure(FULL, "exponential", n_train=100, cursor=30, classroom=True)
    assert fig.layout.height == CLASSROOM_HEIGHT < FIGURE_HEIGHT
    legend = fig.layout.legend  # one row under the x-axis title, inside the bottom margin
    assert legend.orientation == "h" and legend.y < 0 and legend.yanchor == "top"
    plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    below = -legend.y * plot_height  # px from the plot's foot to the legend's top
    assert 2.5 * CLASSROOM_FONT_SIZE < below < fig.layout.margin.b - 1.5 * CLASSROOM_FONT_SIZE
    assert list(fig.layout.xaxis.tickvals) == [0, 500, 1000]  # no label cut at the edge
    assert fig.layout.font.size == CLASSROOM_FONT_SIZE
    spec = json.loads(pio.to_json(fig, validate=False))
    # Text takes the theme's colour (the frame sets it): none is set here.
    for path in ("font", "title", "legend"):
        assert "color" not in json.dumps(spec["layout"].get(path, {}).get("font", {}))
    assert spec["layout"]["font"].get("color") is None
    # Numbers travel as compact typed arrays (plotly's base64 "bdata").
    assert all("bdata" in json.dumps(trace["y"]) for trace in spec["data"])
    assert len(pio.to_json(fig, validate=False)) < 12_000


@pytest.mark.parametrize("classroom", [False, True])
def test_figures_built_as_plain_data_validate_as_plotly_figures(classroom) -> None:
    # The builder makes its figure from plain data, unvalidated: a misspelt property
    # would pass silently there, and raises here.
    for setting in SETTINGS:
        for metric, cursor in (("error", 1000), ("log_loss", None)):
            fig = make_setting_figure(
                FULL, setting, n_train=100, metric=metric, cursor=cursor, classroom=classroom
            )
            spec = fig.to_dict()
            go.Figure(spec)


def test_a_live_run_draws_with_the_same_builder() -> None:
    live = run_experiment(
        settings=["three"], features=[3, 20], train_sizes=[30], repeats=2,
        n_eval=2_000, n_bayes=2_000,
    )  # fmt: skip
    fig = make_setting_figure(live, "three", n_train=30)
    assert list(fig.data[0].x) == [3, 20]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"setting": "one", "n_train": 999}, "m = 999"),
        ({"setting": "four", "n_train": 100}, "Unknown setting"),
        ({"setting": "one", "n_train": 100, "metric": "auc"}, "Unknown metric"),
    ],
)
def test_impossible_requests_raise_a_sentence(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        make_setting_figure(FULL, **kwargs)
