"""The Overfitting figures: valid plotly, one panel each, lean float32 arrays, room-ready.

The builders skip plotly's validation for speed (every slider move rebuilds them), so
these tests validate every figure's JSON with plotly itself.
"""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from regviz.core.grids import format_lambda
from regviz.experiments.biasvariance import bias_variance
from regviz.experiments.overfit import (
    FIT_PENALTIES,
    FeatureSpec,
    error_curves,
    make_dataset,
    slider_lambdas,
)
from regviz.figures.overfitting import (
    PLAY_FRAMES,
    make_bias_variance_figure,
    make_coefficient_figure,
    make_error_curves_figure,
    make_fit_figure,
)

GRID = slider_lambdas(-5, 2, 0.1)


@pytest.fixture(scope="module")
def curves():
    return error_curves(make_dataset(n=30, seed=0), FeatureSpec("legendre", 15), lambdas=GRID)


@pytest.fixture(scope="module")
def study():
    return bias_variance("sine", n=30, n_sets=10, n_eval=200, lambdas=GRID[::2], seed=0)


def _all_figures(curves, study, *, classroom: bool) -> dict[str, go.Figure]:
    style = {"lam": 0.01, "penalties": FIT_PENALTIES, "classroom": classroom, "height": 400}
    return {
        "fit": make_fit_figure(curves, **style),
        "errors": make_error_curves_figure(curves, **style),
        "coefficients": make_coefficient_figure(curves, **style),
        "bias_variance": make_bias_variance_figure(
            {"l1": study}, lam=0.01, classroom=classroom, height=400
        ),
    }


@pytest.mark.parametrize("classroom", [False, True])
def test_every_figure_is_valid_plotly_with_one_panel_and_the_legend_below(curves, study, classroom):
    for name, fig in _all_figures(curves, study, classroom=classroom).items():
        spec = fig.to_dict()
        go.Figure(spec)  # validates every property the builder set without checking
        assert "xaxis2" not in spec["layout"], name
        legend = spec["layout"]["legend"]
        assert legend["orientation"] == "h" and legend["y"] < 0, name
        assert spec["layout"]["height"] == 400


@pytest.mark.parametrize("classroom", [False, True])
def test_figures_built_as_plain_data_validate_as_plotly_figures(curves, study, classroom):
    # Every builder makes its figure from plain data, unvalidated: a misspelt property
    # would pass silently there, and raises here. Also ▶ Play's fit, the elastic net and a
    # bias–variance panel without the λ line.
    style = {"lam": 0.5, "penalties": FIT_PENALTIES, "classroom": classroom}
    figures = [
        make_fit_figure(curves, **style, play=True),
        make_fit_figure(curves, **style),
        make_error_curves_figure(curves, **style),
        make_coefficient_figure(curves, **style),
        make_bias_variance_figure({"l1": study}, classroom=classroom),
    ]
    for fig in figures:
        spec = fig.to_dict()
        go.Figure(spec)


def test_arrays_travel_as_float32_and_figures_stay_small(curves, study):
    for name, fig in _all_figures(curves, study, classroom=False).items():
        text = fig.to_json()
        assert '"dtype":"f8"' not in text, name
        assert len(text) < 40_000, (name, len(text))
        for trace in json.loads(text)["data"]:
            for axis in ("x", "y"):
                value = trace.get(axis)
                if isinstance(value, dict):
                    assert value["dtype"] in {"f4", "i1", "i2", "i4"}, (name, trace["name"])
    fit = make_fit_figure(curves, lam=0.01)
    assert max(len(t.x) for t in fit.data) <= 200  # the eye resolves no more across a figure


@pytest.mark.parametrize(("classroom", "dtick"), [(False, 1), (True, 2)])
def test_lambda_axes_tick_at_powers_of_ten_only(curves, study, classroom, dtick):
    # Eight labels of 22 px would turn on their side on a projector: every other decade.
    figures = _all_figures(curves, study, classroom=classroom)
    for name in ("errors", "bias_variance"):
        axis = figures[name].layout.xaxis
        assert axis.type == "log" and axis.exponentformat == "power"
        assert axis.dtick == dtick and axis.tickangle == 0


def test_cursor_sits_at_the_chosen_lambda_and_the_fit_follows_it(curves):
    k = 30
    lam = float(GRID[k])
    errors = make_error_curves_figure(curves, lam=lam)
    assert errors.layout.shapes[0].x0 == pytest.approx(lam)
    fit = make_fit_figure(curves, lam=lam, penalties=("l1",))
    lasso = next(t for t in fit.data if t.name == "lasso")
    np.testing.assert_allclose(lasso.y, curves.penalties["l1"].curve[:, k], rtol=1e-6, atol=1e-6)
    assert fit.layout.title.text == f"Fits at λ = {lam:.2g}"


def test_error_figure_title_names_each_penalty_in_its_colour(curves):
    title = make_error_curves_figure(curves, lam=0.01, penalties=("l2", "l1")).layout.title.text
    assert "color:#0072B2'>ridge" in title and "color:#D55E00'>lasso" in title


def test_bias_variance_figure_draws_its_parts(study):
    fig = make_bias_variance_figure({"l1": study}, lam=0.1)
    names = {t.name for t in fig.data}
    assert {"L1 (lasso): bias²", "L1 (lasso): variance", "noise σ²"} <= names
    assert any("(B = 10)" in (t.name or "") for t in fig.data)
    with pytest.raises(ValueError, match="at least one"):
        make_bias_variance_figure({})


def test_play_frames_are_the_fits_at_increasing_lambdas(curves):
    """Frame k shows every penalty's fit at one grid λ (λ growing from frame to frame) and
    names that λ in the plot; the data, the truth and λ = 0 stay put."""
    fig = make_fit_figure(curves, lam=0.01, play=True)
    go.Figure(fig.to_dict())  # built unvalidated: validate it here
    frames = fig.frames
    assert 10 <= len(frames) <= PLAY_FRAMES
    shown = [t.name for t in fig.data if t.name in ("ridge", "lasso")]
    seen = []
    for frame in frames:
        *fits, label = frame.data
        moved = [fig.data[i].name for i in frame.traces]
        assert moved[: len(shown)] == shown and fig.data[frame.traces[-1]].mode == "text"
        labels = [f"λ = {format_lambda(float(lam))}" for lam in curves.lambdas]
        k = labels.index(label.text[0])
        seen.append(k)
        for name, fit in zip(shown, fits, strict=True):
            penalty = "l2" if name == "ridge" else "l1"
            np.testing.assert_allclose(
                fit.y, curves.penalties[penalty].curve[:, k], rtol=1e-5, atol=1e-6
            )
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == len(curves.lambdas) - 1
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["▶ Play", "▶ Slow", "❚❚"]
    assert len(fig.to_json()) < 120_000
