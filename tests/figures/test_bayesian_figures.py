"""Figures of the Bayesian page: one figure per prior, MAP and mean printed on the plot,
legends below, colours visible in both themes, lean JSON."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from figure_checks import decoded
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz.experiments.bayes import (
    DEFAULTS,
    PRESETS,
    PRIOR_SD_SWEEP,
    marker_labels,
    page_sweeps,
    page_views,
    panel_title,
    sd_lambda_text,
)
from regviz.figures.bayesian import (
    HEIGHTS,
    LOW_ROW,
    PLAY_Y_TOP,
    TOP_ROW,
    _emptiest_corner,
    _label_side,
    line_colors,
    make_bayes_figure,
    make_bayes_panel,
)
from regviz.figures.common import (
    DARK_BACKGROUND,
    LIGHT_BACKGROUND,
    PLAY_AND_SLOW,
    contrast_ratio,
)

# Any setting the page's controls allow (sd: the prior standard deviation).
ANY_SETTING = {
    "dims": st.sampled_from([1, 2]),
    "c1": st.floats(-3, 3),
    "c2": st.floats(-3, 3),
    "rho": st.floats(-0.9, 0.9),
    "sigma": st.floats(0.1, 5),
    "n": st.integers(1, 500),
    "sd": st.floats(0.05, 3),
}


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
@given(**ANY_SETTING)
def test_figures_stay_light_over_the_whole_slider_range(dims, c1, c2, rho, sigma, n, sd):
    views = page_views(dims=dims, c1=c1, c2=c2, rho=rho, sigma=sigma, n=n, prior_sd=sd)
    for view in views:
        for classroom in (False, True):
            size = len(pio.to_json(make_bayes_panel(view, classroom=classroom), validate=False))
            assert size < 60_000


def _steady_axis(axis: dict) -> None:
    """Ticks fixed by the range: a step of 1, 2 or 5 x 10^k from 0, at most 8 steps."""
    low, high = axis["range"]
    assert axis["tickmode"] == "linear" and axis["tick0"] == 0
    step = axis["dtick"]
    mantissa = step / 10 ** np.floor(np.log10(step))
    assert np.isclose(mantissa, [1, 2, 5]).any(), step
    assert (high - low) / step <= 8 + 1e-9
    assert (high - low) / step > 8 / 5 - 1e-9  # and no coarser than the next step allows


@settings(max_examples=30, deadline=None)
@given(**ANY_SETTING)
def test_beta_axes_have_steady_ticks_over_the_whole_slider_range(dims, c1, c2, rho, sigma, n, sd):
    # Automatic ticks can flip from move to move (the margins change the axis length),
    # and plotly then redraws a panel again and again.
    views = page_views(dims=dims, c1=c1, c2=c2, rho=rho, sigma=sigma, n=n, prior_sd=sd)
    for view in views:
        layout = _json(make_bayes_panel(view))["layout"]
        for name in ("xaxis", "yaxis") if dims == 2 else ("xaxis",):
            _steady_axis(layout[name])


@pytest.mark.parametrize("dims", [1, 2])
def test_play_panels_have_steady_ticks_on_the_sweeps_window(dims):
    _views, sweeps, panels = _play_panels(dims)
    for sweep, fig in zip(sweeps, panels, strict=True):
        layout = _json(fig)["layout"]
        assert layout["xaxis"]["range"] == [-sweep.half_width, sweep.half_width]
        for name in ("xaxis", "yaxis") if dims == 2 else ("xaxis",):
            _steady_axis(layout[name])


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


# ------------------------------------------------------------------ ▶ Play over the prior sd


def _play_panels(dims: int = 1, classroom: bool = False, **changes):
    """Both panels with ▶ Play, as the page draws them (views in the sweep's window)."""
    values = DEFAULTS | {"dims": dims, **changes}
    sweeps = page_sweeps(**{k: v for k, v in values.items() if k != "prior_sd"})
    views = page_views(**values, half_width=sweeps[0].half_width)
    panels = [
        make_bayes_panel(v, sweep=s, classroom=classroom)
        for v, s in zip(views, sweeps, strict=True)
    ]
    return views, sweeps, panels


@pytest.mark.parametrize("dims", [1, 2])
def test_without_a_sweep_there_are_no_frames_and_no_buttons(dims):
    for view in page_views(**DEFAULTS | {"dims": dims}):
        spec = _json(make_bayes_panel(view))
        assert "frames" not in spec or not spec["frames"]
        assert not spec["layout"].get("updatemenus") and not spec["layout"].get("sliders")
        assert spec["layout"]["title"]["text"] == panel_title(view)


@pytest.mark.parametrize("dims", [1, 2])
def test_play_gives_each_panel_a_frame_per_prior_sd_with_buttons(dims):
    views, sweeps, panels = _play_panels(dims)
    for view, sweep, fig in zip(views, sweeps, panels, strict=True):
        spec = _json(fig)
        frames = spec["frames"]
        assert [f["name"] for f in frames] == [str(k) for k in range(len(PRIOR_SD_SWEEP))]
        (menu,) = spec["layout"]["updatemenus"]
        labels = [button["label"] for button in menu["buttons"]]
        assert labels == [label for label, _ in PLAY_AND_SLOW] + ["❚❚"]
        play = menu["buttons"][0]["args"]
        # In the browser, every frame redrawn (a rescaled density axis needs it).
        assert play[0] is None and play[1]["frame"]["redraw"] is True
        # Frames only name traces that exist, and send typed (float32) arrays.
        for frame in frames:
            assert len(frame["traces"]) == len(frame["data"])
            assert max(frame["traces"]) < len(spec["data"])
            for i, data in zip(frame["traces"], frame["data"], strict=True):
                assert spec["data"][i]["type"] == "scatter"
                if i in (0, 2):  # prior and posterior
                    assert data["x"]["dtype"] == data["y"]["dtype"] == "f4"
        # The title leaves λ out (no frame changes it); the plot says it.
        assert spec["layout"]["title"]["text"] == panel_title(view, with_lambda=False)
        said = [frame["data"][-1]["text"] for frame in frames]
        texts = [text[0] if isinstance(text, list) else text for text in said]
        assert all(sweep.texts[k] in text for k, text in enumerate(texts))
        assert len(set(texts)) == len(frames)  # the text changes with every frame
        base = spec["data"][frames[0]["traces"][-1]]
        assert base["mode"] == "text" and sd_lambda_text(view.prior_sd, view.lam) in base["text"][0]


def test_one_coefficient_frames_move_the_marks_and_set_their_own_density_axis():
    views, sweeps, panels = _play_panels(1)
    for view, sweep, fig in zip(views, sweeps, panels, strict=True):
        spec = _json(fig)
        x_range = spec["layout"]["xaxis"]["range"]
        assert x_range == [-sweep.half_width, sweep.half_width]
        base_top = spec["layout"]["yaxis"]["range"][1]
        assert base_top == pytest.approx(
            PLAY_Y_TOP
            * max(
                float(np.max(d))
                for d in (view.prior_density, view.likelihood_density, view.posterior_density)
            )  # fmt: skip
        )
        for k, frame in enumerate(spec["frames"]):
            top = frame["layout"]["yaxis"]["range"][1]
            prior, posterior, *marks, _ = frame["data"]
            drawn = max(decoded(prior["y"]).max(), decoded(posterior["y"]).max())
            assert drawn <= top / PLAY_Y_TOP * (1 + 1e-6)  # every curve under the band
            for data in (prior, posterior):
                x = decoded(data["x"])
                assert x.min() >= x_range[0] - 1e-6 and x.max() <= x_range[1] + 1e-6
            # The MAP's mark sits at the frame's MAP, with the frame's label.
            assert marks[0]["x"] == [pytest.approx(float(sweep.maps[k, 0]))] * 2
            assert marks[0]["text"][1] == sweep.labels[k][0]
            # The marks, then the sd ↔ λ text: above every curve, under the frame's top.
            said = frame["data"][-1]
            for mark in marks:
                assert drawn * 1.05 < max(mark["y"]) < said["y"][0] < top
        labels = [frame["data"][2]["text"][1] for frame in spec["frames"]]
        if view.prior == "laplace":  # the MAP snaps to exactly 0 as the prior tightens
            assert labels[0] != "MAP = 0 exactly" and labels[-1] == "MAP = 0 exactly"


def test_two_coefficient_frames_keep_every_posterior_and_marker_in_the_square():
    for preset in ("two coefficients", "symmetry"):
        views, sweeps, panels = _play_panels(**PRESETS[preset])
        for sweep, fig in zip(sweeps, panels, strict=True):
            spec = _json(fig)
            lim = sweep.half_width
            assert (
                spec["layout"]["xaxis"]["range"]
                == spec["layout"]["yaxis"]["range"]
                == [
                    -lim,
                    lim,
                ]
            )
            for frame in spec["frames"]:
                posterior = np.column_stack(
                    [decoded(frame["data"][1]["x"]), decoded(frame["data"][1]["y"])]
                )
                shown = posterior[np.isfinite(posterior).all(axis=1)]
                assert np.all(np.abs(shown) <= lim * (1 + 1e-6))
                for marker in frame["data"][2:-1]:
                    assert abs(marker["x"][0]) <= lim and abs(marker["y"][0]) <= lim
                assert "layout" not in frame  # a square view: the axes never change


@pytest.mark.parametrize("classroom", [False, True])
@pytest.mark.parametrize("dims", [1, 2])
def test_the_play_row_sits_between_title_and_plot(dims, classroom):
    plain = make_bayes_panel(page_views(**DEFAULTS | {"dims": dims})[0], classroom=classroom)
    fig = _play_panels(dims, classroom=classroom)[2][0]
    (menu,) = fig.layout.updatemenus
    row = fig.layout.margin.t - plain.layout.margin.t
    assert row > 0 and fig.layout.height - plain.layout.height == row  # the plot keeps its size
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert menu.yanchor == "top" and menu.y == pytest.approx(1 + row / plot_px)
    # The buttons' top is where the plot began without the row: just under the title.
    assert (menu.y - 1) * plot_px + plot_px + fig.layout.margin.b == pytest.approx(
        fig.layout.height - plain.layout.margin.t
    )


@settings(max_examples=25, deadline=None)
@given(**ANY_SETTING)
def test_both_play_panels_stay_under_250_kB(dims, c1, c2, rho, sigma, n, sd):
    changes = {"c1": c1, "c2": c2, "rho": rho, "sigma": sigma, "n": n, "prior_sd": sd}
    for classroom in (False, True):
        panels = _play_panels(dims, classroom=classroom, **changes)[2]
        assert sum(len(pio.to_json(fig, validate=False)) for fig in panels) < 250_000


def test_a_sweep_of_another_prior_is_refused():
    views, sweeps, _ = _play_panels(1)
    with pytest.raises(ValueError, match="the view's prior"):
        make_bayes_panel(views[0], sweep=sweeps[1])


@pytest.mark.parametrize("classroom", [False, True])
@pytest.mark.parametrize("dims", [1, 2])
def test_panels_built_as_plain_data_validate_as_plotly_figures(dims, classroom):
    # make_bayes_panel makes its figure from plain data, unvalidated: a misspelt property
    # would pass silently there, and raises here. Still and ▶ Play panels, both themes.
    views, sweeps, panels = _play_panels(dims, classroom=classroom)
    for view in views:
        for dark in (False, True):
            panels.append(make_bayes_panel(view, classroom=classroom, dark=dark))
    for fig in panels:
        spec = fig.to_dict()
        go.Figure(spec)
