"""Figures of early stopping ≈ ridge, built without Streamlit: traces, markers, axes, size."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
from figure_checks import json_and_dtypes

from regviz.experiments.earlystopping import early_stopping_on
from regviz.figures import common as style
from regviz.figures.early_stopping import (
    COEF_TITLE,
    CURRENT_GD_NAME,
    CURRENT_RIDGE_NAME,
    EIGEN_TITLE,
    FILTER_HEADING,
    FILTER_TITLE,
    GD_COLOR,
    GD_FACTORS_NAME,
    GD_FILTER_NAME,
    GD_NAME,
    LAMBDA_TITLE,
    RIDGE_FACTORS_NAME,
    RIDGE_FILTER_NAME,
    RIDGE_NAME,
    STEPS_TITLE,
    TRAJECTORY_HEADING,
    make_filter_figure,
    make_trajectory_figure,
    thinned_steps,
)


@pytest.fixture(scope="module")
def result():
    return early_stopping_on()


def _named(fig: go.Figure, prefix: str) -> list:
    return [tr for tr in fig.data if tr.name and tr.name.startswith(prefix)]


def _f32(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def test_trajectory_figure_traces(result):
    fig = make_trajectory_figure(result)
    p = len(result.feature_names)
    assert len(fig.data) == 2 * p + 4
    assert [tr.name for tr in fig.data[:p]] == [RIDGE_NAME] * p
    assert [tr.name for tr in fig.data[p : 2 * p]] == [GD_NAME] * p
    assert fig.data[2 * p].mode == "text" and list(fig.data[2 * p].text) == list(
        result.feature_names
    )
    # One legend entry per family.
    assert sum(bool(tr.showlegend) for tr in fig.data[: 2 * p]) == 2
    assert fig.data[0].line.color == style.penalty_color("l2")
    assert fig.data[p].line.color == GD_COLOR


def test_current_step_markers_sit_at_the_matched_lambda(result):
    fig = make_trajectory_figure(result)
    (gd,) = _named(fig, CURRENT_GD_NAME)
    (ridge,) = _named(fig, CURRENT_RIDGE_NAME)
    assert gd.name.endswith(f"= {result.t}")
    np.testing.assert_allclose(_f32(gd.x), result.lam, rtol=1e-6)
    np.testing.assert_allclose(_f32(gd.y), result.beta_gd, rtol=1e-6, atol=1e-5)
    np.testing.assert_allclose(_f32(ridge.x), result.lam, rtol=1e-6)
    np.testing.assert_allclose(_f32(ridge.y), result.beta_ridge, rtol=1e-6, atol=1e-5)
    (line,) = fig.layout.shapes
    assert line.x0 == line.x1 == pytest.approx(result.lam)


def test_gd_lines_are_drawn_at_lambda_one_over_eta_t(result):
    fig = make_trajectory_figure(result)
    p = len(result.feature_names)
    first_gd = fig.data[p]
    steps = np.asarray(first_gd.customdata, dtype=int)
    assert steps[0] == 1 and steps[-1] == result.n_steps and result.t in steps
    np.testing.assert_allclose(_f32(first_gd.x), 1.0 / (result.eta * steps), rtol=1e-6)
    np.testing.assert_allclose(_f32(first_gd.y), result.trajectory[steps, 0], rtol=1e-5, atol=1e-5)
    ridge = fig.data[0]
    np.testing.assert_allclose(_f32(ridge.x), result.ridge_path.lambdas, rtol=1e-6)
    np.testing.assert_allclose(_f32(ridge.y), result.ridge_path.coefs[0], rtol=1e-5, atol=1e-5)


def test_trajectory_axes_and_top_axis_in_steps(result):
    fig = make_trajectory_figure(result)
    assert fig.layout.xaxis.title.text == LAMBDA_TITLE and fig.layout.xaxis.type == "log"
    assert fig.layout.yaxis.title.text == COEF_TITLE
    top = fig.layout.xaxis2
    assert top.title.text == STEPS_TITLE and top.overlaying == "x" and top.side == "top"
    # Each edge of the top axis is t = 1/(η·λ) of the same edge of the λ axis.
    for lam_edge, t_edge in zip(fig.layout.xaxis.range, top.range, strict=True):
        assert 10**t_edge == pytest.approx(1.0 / (result.eta * 10**lam_edge), rel=1e-9)
    lo, hi = sorted(10**v for v in top.range)
    assert all(lo <= v <= hi for v in top.tickvals)
    # Ticks at powers of ten only (no minor digits to collide at classroom font sizes).
    assert len(top.tickvals) >= 2
    assert all(float(np.log10(v)).is_integer() for v in top.tickvals)
    assert list(top.ticktext) == [f"{v:g}" for v in top.tickvals]
    assert fig.layout.xaxis.dtick == 1
    assert fig.layout.title.text == TRAJECTORY_HEADING


def test_filter_figure_traces_and_markers(result):
    fig = make_filter_figure(result)
    assert [tr.name for tr in fig.data] == [
        GD_FILTER_NAME, RIDGE_FILTER_NAME, GD_FACTORS_NAME, RIDGE_FACTORS_NAME,
    ]  # fmt: skip
    np.testing.assert_allclose(_f32(fig.data[2].x), result.eigenvalues, rtol=1e-6)
    np.testing.assert_allclose(_f32(fig.data[2].y), result.gd_filter, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(_f32(fig.data[3].y), result.ridge_filter, rtol=1e-6, atol=1e-7)
    for curve in fig.data[:2]:
        y = _f32(curve.y)
        assert y.min() >= 0 and y.max() <= 1 + 1e-6
        assert np.all(np.diff(y) >= -1e-6)  # both filters grow with d
    # The ridge filter is ½ at d = λ, where the dotted line stands.
    (line,) = fig.layout.shapes
    assert line.x0 == pytest.approx(result.lam)
    assert _f32(fig.data[1].x).max() >= result.lam >= _f32(fig.data[1].x).min()
    # Gradient descent's curve stops where a step would overshoot (d = 1/η).
    assert _f32(fig.data[0].x).max() <= 1.0 / result.eta * (1 + 1e-6)
    assert fig.layout.xaxis.title.text == EIGEN_TITLE and fig.layout.xaxis.type == "log"
    assert fig.layout.yaxis.title.text == FILTER_TITLE


@pytest.mark.parametrize("t", [1, 5000])
def test_lambda_line_is_in_view_at_the_ends_of_the_slider(t):
    res = early_stopping_on(t=t)
    fig = make_filter_figure(res)
    lo, hi = (10**v for v in fig.layout.xaxis.range)
    assert lo < res.lam < hi
    traj = make_trajectory_figure(res)
    lo, hi = (10**v for v in traj.layout.xaxis.range)
    assert lo < res.lam < hi


def test_figures_ship_float32_and_stay_small(result):
    for make, limit in ((make_trajectory_figure, 60_000), (make_filter_figure, 25_000)):
        text, dtypes = json_and_dtypes(make(result))
        assert len(text) < limit, (make.__name__, len(text))
        assert dtypes and dtypes <= {"f4", "i2"}, dtypes


@pytest.mark.parametrize(
    ("make", "heading"),
    [(make_trajectory_figure, TRAJECTORY_HEADING), (make_filter_figure, FILTER_HEADING)],
)
def test_figures_fit_a_column_and_a_projector(result, make, heading):
    normal, big = make(result), make(result, classroom=True)
    assert big.layout.font.size > normal.layout.font.size
    # Classroom: one under the other, each above the fold at 1280×720, no legend.
    assert big.layout.height == 450 and normal.layout.height == 630
    assert big.layout.showlegend is False and normal.layout.showlegend is True
    # The legend in the bottom margin, never beside the plot.
    assert style.LEGEND_BELOW.items() <= normal.layout.legend.to_plotly_json().items()
    for fig in (normal, big):
        assert fig.layout.title.text == heading and fig.layout.title.xanchor == "left"
        assert fig.layout.xaxis.dtick == 1
    assert make(result, height=300).layout.height == 300


@pytest.mark.parametrize("classroom", [False, True])
def test_feature_names_do_not_overlap(classroom):
    res = early_stopping_on()
    fig = make_trajectory_figure(res, classroom=classroom)
    p = len(res.feature_names)
    labels = fig.data[2 * p]
    y = np.sort(np.asarray(labels.y, dtype=float))
    layout = fig.layout
    plot_px = layout.height - layout.margin.t - layout.margin.b
    px_per_unit = plot_px / (layout.yaxis.range[1] - layout.yaxis.range[0])
    assert np.diff(y).min() * px_per_unit >= 1.4 * layout.font.size
    # The names shown are those of the biggest coefficients, in the order of their lines.
    ends = res.ridge_path.coefs[:, int(np.argmin(res.ridge_path.lambdas))]
    named = [list(res.feature_names).index(name) for name in labels.text]
    assert 3 <= len(named) <= p
    smallest_named = np.abs(ends[named]).min()
    unnamed = np.setdiff1d(np.arange(p), named)
    assert np.all(np.abs(ends[unnamed]) <= smallest_named)
    order = np.argsort(ends[named])
    assert np.array_equal(np.argsort(np.asarray(labels.y, dtype=float)), order)


def test_thinned_steps_are_log_spaced_and_include_the_current_step():
    steps = thinned_steps(5000, 37)
    assert steps[0] == 1 and steps[-1] == 5000 and 37 in steps
    assert np.all(np.diff(steps) > 0) and len(steps) <= 101


def test_play_frames_move_t_through_the_steps(result):
    """Frame k puts the gradient-descent iterate β_t and ridge at λ = 1/(η·t) at the k-th
    step, and the λ line (labelled t) with them; steps past the trajectory are skipped."""
    steps = (1, 3, 10, 30, 100, 10**9)
    fig = make_trajectory_figure(result, play_steps=steps)
    go.Figure(fig.to_dict())  # built unvalidated: validate it here
    assert len(fig.frames) == len(steps) - 1 and not fig.layout.shapes
    for frame, step in zip(fig.frames, steps, strict=False):
        gd, ridge, line = frame.data
        at = result.matched_lambdas[step]
        np.testing.assert_allclose(gd.x, at, rtol=1e-6)
        np.testing.assert_allclose(gd.y, result.trajectory[step], rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(ridge.y, result.matched_ridge[step], rtol=1e-5, atol=1e-6)
        assert line.x[0] == pytest.approx(at) and line.text[1] == f"t = {step}"
        names = [fig.data[i].name or "" for i in frame.traces]
        assert names[0].startswith("gradient descent at") and "ridge" in names[1]
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["▶ Play", "▶ Slow", "❚❚"]
    assert fig.layout.height == make_trajectory_figure(result).layout.height


@pytest.mark.parametrize("classroom", [False, True])
def test_figures_built_as_plain_data_validate_as_plotly_figures(result, classroom):
    # Both builders make their figures from plain data, unvalidated: a misspelt property
    # would pass silently there, and raises here.
    for fig in (
        make_trajectory_figure(result, classroom=classroom),
        make_trajectory_figure(result, classroom=classroom, play_steps=(1, 10, 100)),
        make_filter_figure(result, classroom=classroom),
    ):
        spec = fig.to_dict()
        go.Figure(spec)
