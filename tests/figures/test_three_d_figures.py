"""Figures of three coefficients, built without Streamlit: traces, markers, labels, bytes."""

from __future__ import annotations

import json
import re

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from figure_checks import decoded

from regviz.core.geometry3d import solve_constrained_3d, solve_penalized_3d
from regviz.experiments.geometry3d_scenes import (
    DEFAULTS,
    PRESETS,
    Bowl3D,
    ball_scene_3d,
    ball_scenes_3d,
    play_sweeps_3d,
    scenes_for_settings,
    sweeps_for_settings,
    zero_label,
    zero_tag,
)
from regviz.experiments.montecarlo3d import simulate_3d
from regviz.figures import common as style
from regviz.figures.three_d import (
    LEVEL_SET_NAME,
    OLS_NAME,
    OUTLINE_NAME,
    UIREVISION,
    ZERO_BAR_LABELS,
    make_ball_3d_figure,
    make_ball_3d_play_figure,
    make_montecarlo_3d_figure,
    make_side_by_side_3d_figure,
    panel_title,
)

TILTED = Bowl3D.from_shape([2.0, 1.2, 0.6], 6.0, 0.5, -30.0, -30.0, 0.0)
# Figure JSON as Streamlit sends it; the side-by-side view must stay light.
MAX_SIDE_BY_SIDE_BYTES = 150_000


def _solution(fig: go.Figure, scene_key: str = "scene") -> go.Scatter3d:
    return next(
        tr for tr in fig.data if tr.name.startswith("β̂") and (tr.scene or "scene") == scene_key
    )


def _bytes(fig: go.Figure) -> int:
    return len(pio.to_json(fig, validate=False))


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_trace_count_and_order(penalty):
    scene = ball_scene_3d(TILTED, penalty, t=1.0)
    fig = make_ball_3d_figure(scene)
    assert [tr.type for tr in fig.data] == ["mesh3d", "scatter3d", "mesh3d", "scatter3d"] + [
        "scatter3d"
    ]
    names = [tr.name for tr in fig.data]
    assert names[:4] == [f"{scene.name} ball", OUTLINE_NAME, LEVEL_SET_NAME, OLS_NAME]
    assert names[4] == zero_label(scene)
    assert fig.data[0].color == style.penalty_color(penalty)


def test_no_level_set_when_the_optimum_is_inside_the_ball():
    scene = ball_scene_3d(TILTED, "l2", t=3.0)
    fig = make_ball_3d_figure(scene)
    assert LEVEL_SET_NAME not in [tr.name for tr in fig.data]
    assert len(fig.data) == 4
    marker = _solution(fig)
    np.testing.assert_allclose([marker.x[0], marker.y[0], marker.z[0]], TILTED.center, rtol=1e-6)


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
@pytest.mark.parametrize("by", [{"t": 0.7}, {"lam": 0.8}])
def test_solution_marker_is_at_the_solvers_point_and_its_label_counts_the_zeros(penalty, by):
    scene = ball_scene_3d(TILTED, penalty, l1_ratio=0.5, **by)
    c, h = TILTED.center, TILTED.hessian
    if "t" in by:
        mix = 2 * 0.5 / 1.5 if penalty == "elasticnet" else 0.5
        beta = solve_constrained_3d(c, h, penalty, by["t"], mix)
    else:
        beta = solve_penalized_3d(c, h, penalty, by["lam"], 0.5)
    marker = _solution(make_ball_3d_figure(scene))
    xyz = np.array([marker.x[0], marker.y[0], marker.z[0]], dtype=float)
    np.testing.assert_allclose(xyz, beta, rtol=1e-6, atol=1e-7)  # float32 in the figure
    # Exact zeros survive the float32 conversion, and the label counts them.
    assert np.array_equal(xyz == 0.0, beta == 0.0)
    n_zero = int((beta == 0.0).sum())
    expected = {0: "no coefficient", 1: "1 of 3 coefficients", 2: "2 of 3 coefficients"}
    assert marker.name.endswith(f"{expected[n_zero]} exactly 0")
    assert marker.text[0] == zero_tag(scene)
    assert ("no zero" in marker.text[0]) == (n_zero == 0)


def test_zero_tag_names_the_zeroed_coefficients():
    l1, _ = scenes_for_settings(PRESETS["tilted bowl: two zeros"])
    fig = make_ball_3d_figure(l1)
    assert _solution(fig).text[0] == "β̂: β₁ = β₂ = 0"


def test_equal_axes_with_the_scene_range():
    scene = ball_scene_3d(TILTED, "l1", t=1.0)
    layout = make_ball_3d_figure(scene).layout.scene
    assert layout.aspectmode == "cube"
    for axis in (layout.xaxis, layout.yaxis, layout.zaxis):
        assert tuple(axis.range) == scene.axis_range


def test_meshes_are_sent_as_float32_and_small_integers():
    fig = make_ball_3d_figure(ball_scene_3d(TILTED, "l2", t=1.0))
    ball = fig.data[0]
    assert ball.x.dtype == np.float32 and ball.i.dtype == np.uint16
    spec = pio.to_json(fig, validate=False)
    assert '"bdata"' in spec and '"dtype":"f4"' in spec


def test_side_by_side_has_one_scene_per_penalty_with_equal_ranges():
    scenes = scenes_for_settings(DEFAULTS)
    fig = make_side_by_side_3d_figure(scenes)
    assert {tr.scene for tr in fig.data} == {"scene", "scene2"}
    per_scene = [sum(tr.scene == key for tr in fig.data) for key in ("scene", "scene2")]
    assert per_scene == [5, 5]
    assert fig.layout.scene.xaxis.range == fig.layout.scene2.zaxis.range
    assert fig.layout.scene2.aspectmode == "cube"
    l1_marker, l2_marker = _solution(fig, "scene"), _solution(fig, "scene2")
    assert l1_marker.text[0] == "β̂: β₃ = 0" and l2_marker.text[0] == "β̂: no zero"
    # Shared legend entries appear once.
    assert sum(tr.name == OLS_NAME and tr.showlegend for tr in fig.data) == 1
    with pytest.raises(ValueError, match="at least one scene"):
        make_side_by_side_3d_figure(())


@pytest.mark.parametrize("name", list(PRESETS))
def test_side_by_side_figure_json_stays_small(name):
    fig = make_side_by_side_3d_figure(scenes_for_settings({**PRESETS[name], "side_by_side": True}))
    assert _bytes(fig) <= MAX_SIDE_BY_SIDE_BYTES


def test_classroom_mode_enlarges_fonts_and_lines():
    scene = ball_scene_3d(TILTED, "l1", t=1.0)
    normal, big = make_ball_3d_figure(scene), make_ball_3d_figure(scene, classroom=True)
    assert big.layout.font.size > normal.layout.font.size
    assert big.data[1].line.width > normal.data[1].line.width


def test_montecarlo_bars_show_the_shares_with_their_intervals():
    res = simulate_3d(4_000, seed=0, compare_2d=False)
    fig = make_montecarlo_3d_figure(res)
    assert len(fig.data) == 3
    for trace, (p, o) in zip(fig.data, res.outcomes.items(), strict=True):
        assert tuple(trace.x) == ZERO_BAR_LABELS
        np.testing.assert_allclose(trace.y, [100 * q.fraction for q in o.zeros])
        np.testing.assert_allclose(
            trace.error_y.array, [100 * (q.high - q.fraction) for q in o.zeros]
        )
        np.testing.assert_allclose(
            trace.error_y.arrayminus, [100 * (q.fraction - q.low) for q in o.zeros]
        )
        assert trace.marker.color == style.penalty_color(p)
    assert "ε" not in fig.data[0].name and "0.01·t" in fig.data[1].name


def test_ball_scenes_of_all_penalties_render():
    scenes = ball_scenes_3d(TILTED, ("l1", "l2", "elasticnet"), lam=1.0)
    fig = make_side_by_side_3d_figure(scenes)
    assert {tr.scene for tr in fig.data} == {"scene", "scene2", "scene3"}


# --------------------------------------------------------------------------- ▶ Play

# Both Play figures of the page, sent together when the toggle is turned on.
MAX_PLAY_PAGE_BYTES = 250_000


def _play_dict(sweep, **kwargs) -> dict:
    return json.loads(pio.to_json(make_ball_3d_play_figure(sweep, **kwargs), validate=False))


def _frame_beta(frame: dict) -> np.ndarray:
    solution = frame["data"][-1]
    return np.array([decoded(solution[axis])[0] for axis in "xyz"], dtype=float)


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
@pytest.mark.parametrize("by", [{"t": 1.0}, {"lam": 0.3}])
def test_play_frames_draw_the_solvers_beta_at_each_frames_t(penalty, by):
    (sweep,) = play_sweeps_3d(TILTED, (penalty,), l1_ratio=0.5, **by)
    fig = _play_dict(sweep)
    c, h = TILTED.center, TILTED.hessian
    mix = 2 * 0.5 / 1.5 if penalty == "elasticnet" else 0.5
    assert len(fig["frames"]) == len(sweep.frames)
    for frame, value in zip(fig["frames"], sweep.values, strict=True):
        # The frame names its t and λ; β̂ is solved again here, from that number alone.
        title = frame["layout"]["title"]["text"]
        t_text, lam_text = re.search(r"t = ([\d.]+) ↔ λ = ([\d.e+-]+|∞)", title).groups()
        if sweep.by == "t":
            assert float(t_text) == pytest.approx(value, abs=5e-3)
            expected = solve_constrained_3d(c, h, penalty, float(value), mix)
        else:
            assert float(lam_text) == pytest.approx(value, rel=5e-3)
            expected = solve_penalized_3d(c, h, penalty, float(value), 0.5)
        np.testing.assert_allclose(_frame_beta(frame), expected, atol=1e-6)  # float32
        assert (_frame_beta(frame) == 0.0).tolist() == (expected == 0.0).tolist()
        # β̂'s tag sits at β̂ and names its exact zeros.
        (tag,) = frame["layout"]["scene"]["annotations"]
        assert [tag[axis] for axis in "xyz"] == _frame_beta(frame).tolist()
        zeros = [f"β{'₁₂₃'[k]}" for k in range(3) if expected[k] == 0.0]
        assert tag["text"] == ("β̂: " + " = ".join(zeros) + " = 0" if zeros else "β̂: no zero")


def test_play_figure_starts_at_the_pages_setting_and_its_labels_change():
    l1, l2 = sweeps_for_settings(DEFAULTS)
    for sweep in (l1, l2):
        fig = _play_dict(sweep)
        names = [frame["name"] for frame in fig["frames"]]
        assert names == [str(k) for k in range(len(sweep.frames))]
        slider = fig["layout"]["sliders"][0]
        assert slider["active"] == sweep.active and len(slider["steps"]) == len(names)
        assert [step["args"][0] for step in slider["steps"]] == [[name] for name in names]
        # The figure first shows the page's own β̂, title and tag.
        scene = sweep.current
        assert fig["layout"]["title"]["text"] == f"<b>{panel_title(scene)}</b>"
        first_title = fig["frames"][sweep.active]["layout"]["title"]["text"]
        assert first_title == fig["layout"]["title"]["text"]
        drawn = np.array([decoded(fig["data"][-1][axis])[0] for axis in "xyz"], dtype=float)
        np.testing.assert_allclose(drawn, scene.beta, atol=1e-6)
        # Every frame's title differs (t grows); the zero tags change along the way.
        titles = [frame["layout"]["title"]["text"] for frame in fig["frames"]]
        assert len(set(titles)) == len(titles)
        tags = {frame["layout"]["scene"]["annotations"][0]["text"] for frame in fig["frames"]}
        assert len(tags) >= 2
    tags = [f["layout"]["scene"]["annotations"][0]["text"] for f in _play_dict(l1)["frames"]]
    assert tags[0] == "β̂: β₁ = β₂ = β₃ = 0" and tags[-1] == "β̂: no zero"
    assert "β̂: β₃ = 0" in tags  # the edge of the default picture


def test_play_frames_redraw_and_send_only_vertices():
    sweep = sweeps_for_settings(DEFAULTS)[1]  # the sphere: round meshes
    fig = _play_dict(sweep)
    buttons = fig["layout"]["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == ["▶ Play", "▶ Slow", "❚❚"]
    assert all(b["args"][1]["frame"]["redraw"] for b in buttons)
    assert fig["layout"]["uirevision"] == fig["layout"]["scene"]["uirevision"] == UIREVISION
    ball, level_set = fig["data"][0], fig["data"][2]
    assert ball["type"] == level_set["type"] == "mesh3d"
    for frame in fig["frames"]:
        assert frame["traces"] == [0, 1, 2, 4]
        for index, trace in zip(frame["traces"], frame["data"], strict=True):
            assert trace["type"] == fig["data"][index]["type"]
            assert not {"i", "j", "k"} & set(trace)  # the triangles of the first frame
        for mesh, base in ((frame["data"][0], ball), (frame["data"][2], level_set)):
            assert mesh["x"]["dtype"] == "f4"
            assert len(decoded(mesh["x"])) == len(decoded(base["x"]))
            assert int(decoded(base["i"]).max()) < len(decoded(mesh["x"]))


def test_a_frame_where_beta_is_the_optimum_collapses_the_level_set_onto_it():
    (sweep,) = play_sweeps_3d(TILTED, ("l2",), t=1.0)
    fig = _play_dict(sweep)
    last = sweep.frames[-1]
    assert last.level_set is None and not last.binding
    level_set = fig["frames"][-1]["data"][2]
    points = np.column_stack([decoded(level_set[axis]) for axis in "xyz"])
    np.testing.assert_allclose(points, np.broadcast_to(TILTED.center, points.shape), rtol=1e-6)


def test_without_play_the_figure_has_no_frames():
    for scene in scenes_for_settings(DEFAULTS):
        fig = make_ball_3d_figure(scene)
        assert fig.frames == () and not fig.layout.updatemenus and not fig.layout.sliders
        assert fig.layout.title.text == panel_title(scene)


@pytest.mark.parametrize("settings", [*PRESETS.values(), {"mode": "lam"}])
@pytest.mark.parametrize("classroom", [False, True])
def test_both_play_figures_stay_within_a_moves_byte_budget(settings, classroom):
    sweeps = sweeps_for_settings(settings)
    sizes = [_bytes(make_ball_3d_play_figure(s, classroom=classroom)) for s in sweeps]
    assert sum(sizes) <= MAX_PLAY_PAGE_BYTES, sizes


def test_narrow_play_figure_puts_the_slider_below_the_buttons():
    sweep = sweeps_for_settings(DEFAULTS)[0]
    wide, narrow = _play_dict(sweep), _play_dict(sweep, narrow=True)
    assert wide["layout"]["sliders"][0]["x"] > 0.3
    assert wide["layout"]["sliders"][0]["y"] == wide["layout"]["updatemenus"][0]["y"]
    assert narrow["layout"]["sliders"][0]["x"] == 0.0
    assert narrow["layout"]["sliders"][0]["y"] < narrow["layout"]["updatemenus"][0]["y"]
    assert narrow["layout"]["height"] > wide["layout"]["height"]
    # The scene keeps its size: the Play row is added above it.
    still = make_ball_3d_figure(sweep.current)
    assert wide["layout"]["height"] > still.layout.height


@pytest.mark.parametrize("classroom", [False, True])
@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_ball_figures_built_as_plain_data_are_valid_plotly(penalty, classroom):
    # Both ball figures skip plotly's validation for speed; a misspelt property would pass
    # silently there, so validate them here.
    scene = ball_scene_3d(TILTED, penalty, t=1.0)
    sweep = play_sweeps_3d(TILTED, (penalty,), t=1.0)[0]
    for fig in (
        make_ball_3d_figure(scene, classroom=classroom, legend=True),
        make_ball_3d_play_figure(sweep, classroom=classroom, narrow=True),
    ):
        spec = fig.to_dict()
        assert go.Figure(spec).to_dict().keys() == spec.keys()  # raises on an unknown name
