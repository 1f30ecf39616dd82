"""Figures of the Monte Carlo page: what they draw, how light they are, text that reads."""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from figure_checks import assert_text_takes_the_theme_colour

from regviz.core.conventions import PENALTIES
from regviz.experiments.explainedai import boundary_sweep, reproduce
from regviz.experiments.highdim import simulate_highdim
from regviz.experiments.montecarlo import simulate
from regviz.experiments.zones import INSIDE, ZERO, zone_map_for_design
from regviz.figures.common import penalty_color, rgba_bytes
from regviz.figures.monte_carlo import (
    CLOUD_POINTS,
    INSIDE_FILL,
    make_article_cloud_figure,
    make_article_comparison_figure,
    make_boundary_sweep_figure,
    make_highdim_figure,
    make_smaller_coefficient_figure,
    make_solution_figure,
    make_zero_fraction_figure,
    make_zone_figure,
)

# The longest title line a third of a 1280-px page holds at the classroom font (titles 25 px).
MAX_NARROW_TITLE = 23


@pytest.fixture(scope="module")
def result():
    return simulate(40_000, seed=2, keep=2 * CLOUD_POINTS)


@pytest.fixture(scope="module")
def zones(result):
    return zone_map_for_design(result.design, 4.0, 30.0, resolution=120)


@pytest.fixture(scope="module")
def article():
    boundary = reproduce("general", n_trials=2_000, keep=CLOUD_POINTS)
    exact = reproduce("general", method="exact", n_trials=2_000, keep=CLOUD_POINTS)
    return boundary, exact, boundary_sweep("general", (100, 400), n_trials=2_000)


def _b64(text: str) -> bytes:
    return base64.b64decode(text)


def _json(fig) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


def _all_figures(result, zones, article, classroom=False):
    boundary, exact, sweep = article
    room = {"classroom": classroom}
    highdim = simulate_highdim((2, 5), n_problems=3)
    wide = [
        make_zero_fraction_figure(result, **room),
        make_smaller_coefficient_figure(result, **room),
        make_article_comparison_figure(boundary, exact, **room),
        make_boundary_sweep_figure(sweep, **room),
    ]
    narrow = [  # side by side on a screen, stacked on a phone
        *[make_solution_figure(result, p, **room) for p in PENALTIES],
        *[make_zone_figure(zones, p, **room) for p in PENALTIES],
        *[make_article_cloud_figure(exact, p, **room) for p in ("l1", "l2")],
        *[make_highdim_figure(highdim, k, **room) for k in ("problems", "coefficients")],
    ]
    return [(f, False) for f in wide] + [(f, True) for f in narrow]


def test_zero_fraction_bars_carry_the_counts_and_their_intervals(result):
    fig = _json(make_zero_fraction_figure(result))
    exact, near = fig["data"]
    assert exact["type"] == near["type"] == "bar"
    l1 = result.outcomes["l1"].exact_zero
    assert exact["y"][0] == pytest.approx(100 * l1.fraction, abs=1e-4)
    assert exact["error_y"]["array"][0] == pytest.approx(100 * (l1.high - l1.fraction), abs=1e-4)
    assert exact["text"][0] == f"{100 * l1.fraction:.1f} %"
    assert "40,000" in fig["layout"]["title"]["text"]


def test_each_ball_is_its_own_square_figure_with_counts_at_the_corners(result):
    for penalty in PENALTIES:
        fig = _json(make_solution_figure(result, penalty))
        assert fig["layout"]["yaxis"]["scaleanchor"] == "x"
        points = fig["data"][1]
        assert points["x"]["dtype"] == "f4"  # float32, base64
        out = result.outcomes[penalty]
        shown = out.sample_solutions[~out.sample_inside][:CLOUD_POINTS]
        off_axis = int((~np.any(shown == 0.0, axis=1)).sum())
        assert len(np.frombuffer(_b64(points["x"]["bdata"]), np.float32)) == off_axis
        if penalty != "l2":  # the diamond's and the elastic net's corners, with their counts
            corners = fig["data"][2]
            total = sum(int(t.replace(",", "")) for t in corners["text"])
            assert total == len(shown) - off_axis > 0


def _png_pixels(uri: str) -> np.ndarray:
    """Decode the RGBA PNG of a data URI (filter type 0 rows, as png_data_uri writes)."""
    import struct
    import zlib

    data = base64.b64decode(uri.split(",", 1)[1])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    rows = np.frombuffer(zlib.decompress(idat), np.uint8).reshape(height, 1 + 4 * width)
    assert not rows[:, 0].any()
    return rows[:, 1:].reshape(height, width, 4)


def test_zone_map_is_an_image_of_the_classes_on_the_monte_carlos_box(zones):
    for penalty in PENALTIES:
        fig = _json(make_zone_figure(zones, penalty))
        image = fig["data"][0]
        assert image["type"] == "image" and image["source"].startswith("data:image/png;base64,")
        assert image["x0"] == pytest.approx(-2.0) and image["y0"] == pytest.approx(-2.0)
        assert image["dx"] == pytest.approx(zones.b1[1] - zones.b1[0]) and image["dx"] > 0
        pixels = _png_pixels(image["source"])
        classes = np.asarray(zones.classes[penalty])
        assert pixels.shape[:2] == classes.shape
        # one colour per class, row 0 (the lowest c₂) drawn at y0
        zero = np.array(rgba_bytes(penalty_color(penalty)), np.uint8)
        np.testing.assert_array_equal(np.all(pixels == zero, axis=2), classes == ZERO)
        inside = np.array(rgba_bytes(INSIDE_FILL), np.uint8)
        np.testing.assert_array_equal(np.all(pixels == inside, axis=2), classes == INSIDE)
        assert f"{100 * zones.fraction(penalty):.1f} %" in fig["layout"]["title"]["text"]
        assert len(pio.to_json(make_zone_figure(zones, penalty), validate=False)) < 20_000


def test_text_takes_the_theme_font_colour_and_titles_fit(result, zones, article):
    for classroom in (False, True):
        for fig, narrow in _all_figures(result, zones, article, classroom):
            spec = _json(fig)
            layout = spec["layout"]
            assert_text_takes_the_theme_colour(spec)
            for trace in spec["data"]:
                assert "color" not in trace.get("textfont", {})
            if layout.get("showlegend", True) and len(spec["data"]) > 1:
                legend = layout.get("legend", {})
                assert legend.get("orientation") == "h" and legend.get("yanchor") == "bottom"
            if narrow:
                for line in layout["title"]["text"].split("<br>"):
                    assert len(line) <= MAX_NARROW_TITLE, line


def test_figures_built_as_plain_data_validate_as_plotly_figures(result, zones, article):
    # Every builder makes its figure from plain data, unvalidated: a misspelt property
    # would pass silently there, and raises here.
    assert result.design.epsilon > 0  # so the histogram draws its ε line and label
    for classroom in (False, True):
        for fig, _ in _all_figures(result, zones, article, classroom):
            spec = fig.to_dict()
            go.Figure(spec)


def test_classroom_figures_fit_under_one_row_of_controls(result):
    assert _json(make_zero_fraction_figure(result, classroom=True))["layout"]["height"] <= 400


def test_histogram_ticks_every_other_decade_with_a_bar_for_exact_zeros(result):
    fig = _json(make_smaller_coefficient_figure(result))
    ticks = fig["layout"]["xaxis"]["ticktext"]
    assert ticks == ["0", "1e-8", "1e-6", "1e-4", "1e-2", "1"]
    zero_bars = [t for t in fig["data"] if t["name"].endswith("exactly 0")]
    l1 = result.outcomes["l1"]
    assert zero_bars[1]["y"][0] == pytest.approx(100 * l1.exact_zero.count / l1.binding, abs=1e-4)


def test_a_first_view_is_light(result, zones):
    figures = [
        make_zero_fraction_figure(result),
        *[make_solution_figure(result, p) for p in PENALTIES],
        make_smaller_coefficient_figure(result),
        *[make_zone_figure(zones, p) for p in PENALTIES],
    ]
    assert sum(len(pio.to_json(f, validate=False)) for f in figures) < 250_000


def test_article_clouds_show_at_most_the_cloud_points(article):
    boundary, _, _ = article
    for penalty in ("l1", "l2"):
        fig = _json(make_article_cloud_figure(boundary, penalty))
        shown = sum(len(np.frombuffer(_b64(t["x"]["bdata"]), np.float32)) for t in fig["data"][:2])
        assert shown == min(CLOUD_POINTS, len(boundary.sample_centers[penalty]))


def test_a_design_where_nothing_binds_draws_no_nan_text():
    idle = simulate(2_000, seed=0, keep=500, center_scale=0.5)
    zones = zone_map_for_design(idle.design, resolution=40)
    figures = [
        make_zero_fraction_figure(idle),
        *[make_solution_figure(idle, p) for p in PENALTIES],
        *[make_zone_figure(zones, p) for p in PENALTIES],
    ]
    for fig in figures:
        spec = _json(fig)
        texts = [spec["layout"]["title"]["text"]]
        texts += [t for trace in spec["data"] for t in (trace.get("text") or [])]
        assert not any("nan" in str(t).lower() for t in texts), texts
    assert "never binds" in _json(make_solution_figure(idle, "l1"))["layout"]["title"]["text"]


def test_the_ball_outline_meets_the_axes_at_the_budget_and_stays_out_of_legend_and_hover():
    from regviz.figures.monte_carlo import _add_ring

    traces: list[dict] = []
    _add_ring(traces, "l1", 2.0, width=1.5)
    (ring,) = go.Figure({"data": traces}).data  # validated: the plain data is plotly's
    assert ring.mode == "lines" and ring.hoverinfo == "skip" and ring.showlegend is False
    assert ring.line.width == 1.5
    assert np.isclose(max(ring.x), 2.0) and np.isclose(max(ring.y), 2.0)
    assert np.isclose(min(ring.x), -2.0) and np.isclose(min(ring.y), -2.0)
