"""Figures of the Coefficient paths page: shades, labels, axes, text and bytes."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from regviz.core.grids import format_lambda
from regviz.experiments.crossval import study_paths
from regviz.experiments.datasets import load_bundled, make_synthetic
from regviz.experiments.paths import coefficients_at, l1_norm_fraction, lambda_span
from regviz.figures import common as style
from regviz.figures.paths import (
    MAX_LABELS,
    PLAY_FRAMES,
    feature_shades,
    make_paths_figure,
    make_paths_figures,
    play_indices,
)


@pytest.fixture(scope="module")
def diabetes():
    data = load_bundled("diabetes")
    study = study_paths(data.X, data.y, ("l1", "l2", "elasticnet"))
    return data, study


def _figures(data, study, penalties=("l1", "l2"), **kwargs):
    return make_paths_figures(
        {p: study.paths[p] for p in penalties},
        {p: study.cv[p] for p in penalties},
        lam=1.0,
        feature_names=data.feature_names,
        at_lambda=coefficients_at(data.X, data.y, 1.0),
        lam_range=lambda_span(data.X, data.y),
        **kwargs,
    )


def _lines(fig: go.Figure) -> list:
    return [
        t
        for t in fig.data
        if t.hovertemplate and t.hovertemplate.startswith("<b>") and "λ =" in t.hovertemplate
    ]


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("n", [1, 3, 10, 12])
def test_shades_stay_visible_on_the_theme_background_and_differ(penalty, dark, n):
    shades = feature_shades(style.penalty_color(penalty), n, dark=dark)
    background = style.DARK_BACKGROUND if dark else style.LIGHT_BACKGROUND
    assert len(shades) == n and len(set(shades)) == n
    assert all(style.contrast_ratio(c, background) >= 3.0 for c in shades)
    luminance = [style.relative_luminance(c) for c in shades]
    assert luminance == sorted(luminance)  # a ramp, dark to light


def test_a_single_shade_is_the_penalty_colour_when_it_shows():
    assert feature_shades("#0072B2", 1) == ["#0072b2"]


def test_side_by_side_figures_share_every_range(diabetes):
    lasso, ridge = _figures(*diabetes)
    for axis in ("xaxis", "xaxis2", "yaxis", "yaxis2"):
        assert lasso.layout[axis].range == ridge.layout[axis].range
    assert lasso.layout.xaxis2.range[0] == pytest.approx(np.log10(0.01) - 0.02 * 7)


def test_each_feature_has_its_own_shade_of_its_penalty_colour(diabetes):
    for fig, penalty in zip(_figures(*diabetes), ("l1", "l2"), strict=True):
        colors = [t.line.color for t in _lines(fig)]
        assert len(set(colors)) == len(colors) == 10
        assert set(colors) <= set(feature_shades(style.penalty_color(penalty), 10))


def test_lasso_lines_run_at_exactly_zero_to_the_right_edge(diabetes):
    lasso = _figures(*diabetes)[0]
    top = 10 ** lasso.layout.xaxis.range[1]
    for line in _lines(lasso):
        assert line.x[0] == pytest.approx(top, rel=1e-6) and line.y[0] == 0.0


def test_names_at_line_ends_are_spread_apart_and_escaped(diabetes):
    data, study = diabetes
    names = ["<a href='https://x.invalid'>x</a>", *data.feature_names[1:]]
    fig = make_paths_figure(
        study.paths["l1"], study.cv["l1"], lam=1.0, feature_names=names, classroom=True
    )
    labels = [a for a in fig.layout.annotations if a.yref == "y"]
    assert 1 <= len(labels) <= MAX_LABELS
    y = np.sort([a.y for a in labels])
    panel = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    span = np.diff(fig.layout.yaxis.range)[0]
    px_per_unit = panel * 0.58 / span
    assert np.diff(y).min() * px_per_unit >= labels[0].font.size * 1.4
    assert all(a.font.color is None for a in labels)  # the theme's text colour
    spec = fig.to_json()
    assert "<a href" not in spec and "&lt;a" in spec


@pytest.mark.parametrize("x_axis", ["lambda", "norm"])
@pytest.mark.parametrize("units", ["standardized", "original"])
@pytest.mark.parametrize("classroom", [False, True])
def test_every_variant_is_a_valid_figure_with_plain_text(diabetes, x_axis, units, classroom):
    data, study = diabetes
    fig = make_paths_figure(
        study.paths["elasticnet"], study.cv["elasticnet"], lam=1.0,
        feature_names=data.feature_names, x_axis=x_axis, units=units, classroom=classroom,
        at_lambda=coefficients_at(data.X, data.y, 1.0)["elasticnet"],
    )  # fmt: skip
    go.Figure(fig.to_dict())  # the figure is built unvalidated: validate it here
    spec = fig.to_json()
    assert "<span" not in spec
    layout = json.loads(spec)["layout"]
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            assert "color" not in axis.get("tickfont", {})
            assert "color" not in axis.get("title", {}).get("font", {})
            if axis.get("type") == "log" and axis.get("tickmode") != "array":
                assert axis["dtick"] == 1  # powers of ten, no minor labels
    assert "color" not in layout.get("legend", {}).get("font", {})
    assert layout["legend"]["orientation"] == "h"
    if x_axis == "norm":
        assert layout["xaxis2"]["title"]["text"] == "‖β‖₁ / max ‖β‖₁"
    assert layout["height"] == (430 if classroom else 500)


def test_without_cv_the_paths_take_the_whole_height(diabetes):
    data, study = diabetes
    fig = make_paths_figure(study.paths["l1"], None, lam=1.0, feature_names=data.feature_names)
    go.Figure(fig.to_dict())
    assert list(fig.layout.yaxis.domain) == [0.0, 1.0] and "yaxis2" not in fig.to_dict()["layout"]


def test_many_features_stay_light_and_valid():
    data = make_synthetic(200, 300, 5, 0.3, 1.0, 0)
    study = study_paths(data.X, data.y, ("l1", "l2", "elasticnet"), n_folds=3)
    figs = make_paths_figures(
        study.paths, study.cv, lam=0.1, feature_names=data.feature_names,
        true_coef=data.true_coef, at_lambda=coefficients_at(data.X, data.y, 0.1),
        lam_range=lambda_span(data.X, data.y),
    )  # fmt: skip
    sizes = [len(pio.to_json(f, validate=False)) for f in figs]
    assert sum(sizes) <= 250_000, sizes
    for fig in figs:
        go.Figure(fig.to_dict())
        names = {t.name for t in fig.data}
        assert {"truly zero feature", "truly non-zero feature"} <= names
        assert len(fig.data) <= 30


def test_many_features_without_truth_are_grouped_by_shade():
    data = make_synthetic(100, 120, 10, 0.3, 1.0, 0)
    study = study_paths(data.X, data.y, ("l1",), n_folds=3)
    fig = make_paths_figure(
        study.paths["l1"], study.cv["l1"], lam=0.1, feature_names=data.feature_names
    )
    go.Figure(fig.to_dict())
    assert len(fig.data) < 30
    assert len(pio.to_json(fig, validate=False)) < 85_000


def test_bad_options_are_refused(diabetes):
    data, study = diabetes
    with pytest.raises(ValueError, match="x_axis"):
        make_paths_figure(
            study.paths["l1"], None, lam=1.0, feature_names=data.feature_names, x_axis="t"
        )
    with pytest.raises(ValueError, match="feature names"):
        make_paths_figure(study.paths["l1"], None, lam=1.0, feature_names=["a"])


# --------------------------------------------------------------------------- ▶ Play


def _play_figure(diabetes, x_axis="lambda", classroom=False):
    data, study = diabetes
    return make_paths_figure(
        study.paths["l1"], study.cv["l1"], lam=1.0, feature_names=data.feature_names,
        x_axis=x_axis, classroom=classroom, play=True,
        at_lambda=coefficients_at(data.X, data.y, 1.0)["l1"],
    )  # fmt: skip


@pytest.mark.parametrize("x_axis", ["lambda", "norm"])
def test_play_frames_sweep_the_lambda_line_over_the_path(diabetes, x_axis):
    """Each frame puts the λ line, its dots and the CV-panel line at one grid λ, with the
    path's own coefficients there; λ grows from frame to frame."""
    data, study = diabetes
    path = study.paths["l1"]
    fig = _play_figure(diabetes, x_axis)
    go.Figure(fig.to_dict())  # built unvalidated: validate it here
    frames = fig.frames
    order = play_indices(len(path.lambdas))
    assert 10 <= len(frames) <= PLAY_FRAMES and len(frames) == len(order)
    assert np.all(np.diff(path.lambdas[order]) > 0)
    x_values = path.lambdas if x_axis == "lambda" else l1_norm_fraction(path)
    for frame, index in zip(frames, order, strict=True):
        line, dots, cv_line = (frame.data[k] for k in range(3))
        assert line.x[0] == line.x[1] == pytest.approx(x_values[index], rel=1e-6)
        assert cv_line.x[0] == pytest.approx(x_values[index], rel=1e-6)
        np.testing.assert_allclose(dots.y, path.standardized_coefs[:, index], rtol=1e-5, atol=1e-5)
        assert line.text[1] == f"λ = {format_lambda(float(path.lambdas[index]))}"
        # the frame moves exactly the traces that are the λ line, the dots and the CV line
        moved = [fig.data[k] for k in frame.traces]
        assert moved[0].name == "λ (chosen)" and moved[1].mode == "markers"
        assert moved[2].xaxis == "x2"
    labels = [step.label for step in fig.layout.updatemenus[0].buttons]
    assert labels[0] == "▶ Play" and "▶ Slow" in labels and labels[-1] == "❚❚"


def test_play_keeps_the_projector_height_and_stays_light(diabetes):
    plain = _figures(*diabetes, penalties=("l1", "l2", "elasticnet"))
    played = _figures(*diabetes, penalties=("l1", "l2", "elasticnet"), play=True)
    extra = sum(len(f.to_json()) for f in played) - sum(len(f.to_json()) for f in plain)
    assert 0 < extra < 120_000  # three figures of 40 frames each
    classroom = _play_figure(diabetes, classroom=True)
    assert classroom.layout.height == 430  # no room to grow on a 720 px projector


@pytest.mark.parametrize("classroom", [False, True])
@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("play", [False, True])
def test_side_by_side_figures_validate_as_plotly_data(diabetes, classroom, dark, play):
    """Built as plain data and made unvalidated: a misspelt property would pass silently,
    so every figure of the page's default view (styled, with and without Play) is
    validated here."""
    for fig in _figures(*diabetes, classroom=classroom, dark=dark, play=play):
        go.Figure(fig.to_dict())
