"""Figures of the Geometry page, built without Streamlit: traces, axes, markers, call-outs."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from regviz.core.geometry import solve_constrained, solve_lq, solve_penalized
from regviz.core.losses import QuadraticLoss
from regviz.experiments.geometry_scenes import (
    N_LEVELS,
    budget_sweep,
    geometry_scene,
    geometry_scenes,
)
from regviz.figures import common as style
from regviz.figures.geometry import (
    AXIS_TITLES,
    CONTOUR_NAME,
    OLS_NAME,
    PATH_NAME,
    TANGENT_NAME,
    make_geometry_figure,
    zero_annotation_text,
)

CLASSIC = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-60.0)


def _trace(fig: go.Figure, name: str) -> go.BaseTraceType:
    matches = [tr for tr in fig.data if tr.name == name]
    assert len(matches) >= 1, f"no trace named {name!r} in {[tr.name for tr in fig.data]}"
    return matches[0]


def _solution(fig: go.Figure) -> go.Scatter:
    return next(tr for tr in fig.data if tr.name and tr.name.startswith("β̂"))


def _zero_annotations(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations if "0 exactly" in (a.text or "")]


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet", "lq"])
@pytest.mark.parametrize("show_path", [True, False])
def test_trace_count_and_order(penalty, show_path):
    scene = geometry_scene(CLASSIC, penalty, t=1.0, q=0.5, show_path=show_path)
    fig = make_geometry_figure(scene, show_path=show_path)
    names = [tr.name for tr in fig.data]
    expected = [CONTOUR_NAME] * N_LEVELS
    expected += [PATH_NAME] if show_path else []
    expected += [OLS_NAME, f"{scene.name} ball", TANGENT_NAME]
    assert names[:-1] == expected
    # β̂ is last: the Play frames replace the ball, the tangent contour and β̂.
    assert names[-1].startswith("β̂")


def test_no_tangent_contour_when_the_optimum_is_inside_the_ball():
    scene = geometry_scene(CLASSIC, "l2", t=4.0)
    assert not scene.binding
    fig = make_geometry_figure(scene, show_path=False)
    assert len(_trace(fig, TANGENT_NAME).x) == 0  # kept, empty, for the Play frames
    np.testing.assert_array_equal(_solution(fig).x, [2.0])


def test_axis_titles_equal_aspect_and_stable_ranges():
    fig = make_geometry_figure(geometry_scene(CLASSIC, "l1", t=1.0))
    assert fig.layout.xaxis.title.text == AXIS_TITLES[0]
    assert fig.layout.yaxis.title.text == AXIS_TITLES[1]
    assert "β₁" in AXIS_TITLES[0] and "β₂" in AXIS_TITLES[1]
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.yaxis.scaleratio == 1
    assert tuple(fig.layout.xaxis.range) == tuple(fig.layout.yaxis.range)
    # Moving t a little (one slider step) must not move the view.
    other = make_geometry_figure(geometry_scene(CLASSIC, "l1", t=1.05))
    assert tuple(other.layout.xaxis.range) == tuple(fig.layout.xaxis.range)


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet", "lq"])
@pytest.mark.parametrize("t", [0.3, 1.0, 2.0])
def test_ranges_cover_the_ball_and_the_optimum(penalty, t):
    scene = geometry_scene(CLASSIC, penalty, t=t, q=0.5)
    fig = make_geometry_figure(scene)
    lo, hi = fig.layout.xaxis.range
    ball = _trace(fig, f"{scene.name} ball")
    for values in (ball.x, ball.y, [2.0, 1.0]):
        assert lo <= np.min(values) and np.max(values) <= hi


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
@pytest.mark.parametrize("t", [0.0, 0.4, 1.0, 1.7])
def test_solution_marker_is_where_the_solver_says(penalty, t):
    mix = 2 * 0.5 / 1.5 if penalty == "elasticnet" else 0.5
    expected = solve_constrained(CLASSIC.center, CLASSIC.hessian, penalty, t, mix)
    fig = make_geometry_figure(geometry_scene(CLASSIC, penalty, t=t, l1_ratio=0.5))
    marker = _solution(fig)
    assert marker.x[0] == expected[0] and marker.y[0] == expected[1]
    assert marker.marker.color == style.penalty_color(penalty)


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_solution_marker_in_lambda_mode_matches_the_penalized_solver(penalty):
    expected = solve_penalized(CLASSIC.center, CLASSIC.hessian, penalty, 1.3, 0.5)
    marker = _solution(make_geometry_figure(geometry_scene(CLASSIC, penalty, lam=1.3)))
    assert marker.x[0] == expected[0] and marker.y[0] == expected[1]


def test_lq_marker_matches_solve_lq():
    expected = solve_lq(CLASSIC.center, CLASSIC.hessian, 0.5, 1.2)
    marker = _solution(make_geometry_figure(geometry_scene(CLASSIC, "lq", t=1.2, q=0.5)))
    assert marker.x[0] == expected[0] and marker.y[0] == expected[1]


def test_hover_shows_the_coordinates_and_exact_zero():
    fig = make_geometry_figure(geometry_scene(CLASSIC, "l1", t=1.0))
    hover = _solution(fig).hovertext[0]
    assert "β̂₁ = 1.0000" in hover and "β̂₂ = 0 (exactly)" in hover and "λ =" in hover


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet", "lq"])
def test_zero_annotation_appears_exactly_when_a_coefficient_is_zero(penalty):
    rng = np.random.default_rng(7)
    seen = set()
    for _ in range(25):
        center = rng.uniform(-3, 3, 2)
        loss = QuadraticLoss.from_bowl(
            center, condition_number=rng.uniform(1, 10), angle_deg=rng.uniform(-90, 90)
        )
        scene = geometry_scene(loss, penalty, t=float(rng.uniform(0.0, 2.5)), q=0.6)
        fig = make_geometry_figure(scene, show_path=False)
        has_zero = bool(np.any(scene.beta == 0.0))
        notes = _zero_annotations(fig)
        assert bool(notes) == has_zero, (scene.beta, notes)
        if has_zero:
            k = int(np.flatnonzero(scene.beta == 0.0)[0])
            assert f"β{'₁₂'[k]}" in notes[0]
        seen.add(has_zero)
    if penalty != "l2":
        assert seen == {True, False}, "the sample should contain both cases"


def test_zero_annotation_text_names_both_coefficients_at_the_origin():
    scene = geometry_scene(CLASSIC, "l1", t=0.0)
    assert zero_annotation_text(scene) == "β₁ = β₂ = 0 exactly"


def test_contour_rings_are_log_spaced_level_sets_of_the_loss():
    scene = geometry_scene(CLASSIC, "l2", t=1.0)
    rings = [tr for tr in make_geometry_figure(scene).data if tr.name == CONTOUR_NAME]
    ratios = scene.levels[1:] / scene.levels[:-1]
    np.testing.assert_allclose(ratios, ratios[0])
    assert ratios[0] > 1.2
    assert len(rings) == len(scene.levels)
    for ring, level in zip(rings, scene.levels, strict=True):
        points = np.stack([np.asarray(ring.x, float), np.asarray(ring.y, float)], axis=1)
        excess = CLASSIC(points) - CLASSIC.minimum
        np.testing.assert_allclose(excess, level, rtol=1e-5)  # float32 coordinates


def test_contour_colours_read_on_both_themes():
    scene = geometry_scene(CLASSIC, "l2", t=1.0)
    for dark, background in ((False, style.LIGHT_BACKGROUND), (True, style.DARK_BACKGROUND)):
        fig = make_geometry_figure(scene, dark=dark)
        for ring in (tr for tr in fig.data if tr.name == CONTOUR_NAME):
            assert style.contrast_ratio(ring.line.color, background) >= 3.0


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_play_frames_follow_the_exact_solution_as_t_grows(penalty):
    scene = geometry_scene(CLASSIC, penalty, t=1.0)
    sweep = budget_sweep(CLASSIC, penalty, n_frames=12)
    fig = make_geometry_figure(scene, sweep=sweep)
    assert len(fig.frames) == 12
    mix = 2 * 0.5 / 1.5 if penalty == "elasticnet" else 0.5
    for frame, t in zip(fig.frames, sweep.budgets, strict=True):
        expected = solve_constrained(CLASSIC.center, CLASSIC.hessian, penalty, float(t), mix)
        beta = frame.data[2]
        assert (beta.x[0], beta.y[0]) == (expected[0], expected[1])
        assert f"t = {t:.2f}" in frame.layout.title.text
    # The frames replace the last three traces: ball, tangent contour, β̂.
    n = len(fig.data)
    assert list(fig.frames[0].traces) == [n - 3, n - 2, n - 1]
    play = fig.layout.updatemenus[0].buttons[0]
    assert play.method == "animate" and "Play" in play.label
    # Light enough to send on every slider move (issue 14: ≤ 250 kB for the page).
    assert len(fig.to_json()) < 100_000


def test_tangent_contour_goes_through_the_solution():
    fig = make_geometry_figure(geometry_scene(CLASSIC, "l2", t=1.0))
    tangent = _trace(fig, TANGENT_NAME)
    marker = _solution(fig)
    assert (tangent.x[0], tangent.y[0]) == (marker.x[0], marker.y[0])


def test_side_by_side_scenes_share_one_view():
    scenes = geometry_scenes(CLASSIC, ("l1", "l2"), t=1.0, show_path=True)
    figures = [make_geometry_figure(scene) for scene in scenes]
    assert tuple(figures[0].layout.xaxis.range) == tuple(figures[1].layout.xaxis.range)
    colors = [_solution(fig).marker.color for fig in figures]
    assert colors == [style.penalty_color("l1"), style.penalty_color("l2")]
    # The classic picture: the lasso's β₂ is exactly zero, ridge's is not.
    assert [_zero_annotations(fig) for fig in figures] == [["<b>β̂: β₂ = 0 exactly</b>"], []]


def test_classroom_mode_uses_bigger_fonts():
    scene = geometry_scene(CLASSIC, "l1", t=1.0)
    normal = make_geometry_figure(scene)
    big = make_geometry_figure(scene, classroom=True)
    assert big.layout.font.size == style.CLASSROOM_FONT_SIZE > normal.layout.font.size


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet", "lq"])
@pytest.mark.parametrize("classroom", [False, True])
def test_figure_built_as_plain_data_is_valid_plotly(penalty, classroom):
    # The figure skips plotly's validation for speed; a misspelt property would pass
    # silently there, so validate it here, with its Play frames and its zero call-out.
    scene = geometry_scene(CLASSIC, penalty, t=1.0, q=0.5)
    sweep = budget_sweep(CLASSIC, penalty, q=0.5)
    fig = make_geometry_figure(scene, classroom=classroom, sweep=sweep)
    spec = fig.to_dict()
    assert go.Figure(spec).to_dict().keys() == spec.keys()  # raises on an unknown name
    assert len(fig.frames) == len(sweep.budgets) and fig.layout.updatemenus
