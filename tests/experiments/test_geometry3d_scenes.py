"""geometry3d_scenes: bowls, meshes, scenes and presets, checked against the solvers."""

from __future__ import annotations

import numpy as np
import pytest

from regviz.core.geometry import ball_mix_for_l1_ratio
from regviz.core.geometry3d import solve_constrained_3d, solve_penalized_3d
from regviz.core.penalties import constraint_value
from regviz.experiments.geometry3d_scenes import (
    DEFAULTS,
    MESH_LEVEL,
    PRESETS,
    Bowl3D,
    ball_mesh,
    ball_outline,
    ball_scene_3d,
    ball_scenes_3d,
    cull_mesh,
    describe_comparison_3d,
    describe_scene_3d,
    hessian_3d_from_shape,
    level_set_mesh,
    scenes_for_settings,
    zero_label,
    zero_tag,
)

TILTED = Bowl3D.from_shape([2.0, 1.2, 0.6], 6.0, 0.5, -30.0, -30.0, 0.0)


def test_hessian_from_shape_has_the_requested_curvatures():
    h = hessian_3d_from_shape(9.0, 0.5, 20.0, -35.0, 70.0)
    np.testing.assert_allclose(np.linalg.eigvalsh(h), [1.0, 3.0, 9.0], rtol=1e-12)
    np.testing.assert_array_equal(h, h.T)
    with pytest.raises(ValueError, match="condition number"):
        hessian_3d_from_shape(0.5)
    with pytest.raises(ValueError, match="middle"):
        hessian_3d_from_shape(2.0, 1.5)
    with pytest.raises(ValueError, match="angles"):
        hessian_3d_from_shape(2.0, 0.5, np.nan)


def test_bowl_rejects_invalid_input():
    with pytest.raises(ValueError, match="3 coordinates"):
        Bowl3D(np.zeros(2), np.eye(3))
    with pytest.raises(ValueError, match="positive definite"):
        Bowl3D(np.zeros(3), np.diag([1.0, 1.0, 0.0]))


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
@pytest.mark.parametrize("t", [0.3, 1.0, 2.0])
def test_budget_and_lambda_read_the_same_solution(penalty, t):
    by_t = ball_scene_3d(TILTED, penalty, t=t, l1_ratio=0.4)
    mix = ball_mix_for_l1_ratio(0.4) if penalty == "elasticnet" else 0.4
    np.testing.assert_array_equal(
        by_t.beta, solve_constrained_3d(TILTED.center, TILTED.hessian, penalty, t, mix)
    )
    by_lam = ball_scene_3d(TILTED, penalty, lam=by_t.lam, l1_ratio=0.4)
    np.testing.assert_allclose(by_lam.beta, by_t.beta, atol=1e-9)
    np.testing.assert_array_equal(
        by_lam.beta, solve_penalized_3d(TILTED.center, TILTED.hessian, penalty, by_t.lam, 0.4)
    )
    assert by_lam.t == pytest.approx(t, rel=1e-9)
    assert by_t.n_zero == by_lam.n_zero


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
def test_ball_mesh_vertices_lie_on_the_ball(penalty):
    mesh = ball_mesh(penalty, 1.7, 0.6, level=6)
    np.testing.assert_allclose(constraint_value(mesh.vertices, penalty, 0.6), 1.7, rtol=1e-12)
    assert mesh.faces.min() == 0 and mesh.faces.max() == len(mesh.vertices) - 1
    # Closed surface facing outwards: the signed volume is positive and matches the ball's.
    tri = mesh.vertices[mesh.faces]
    volume = np.einsum("ni,ni->n", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() / 6
    exact = {"l1": 4 / 3 * 1.7**3, "l2": 4 / 3 * np.pi * 1.7**3}.get(penalty)
    assert volume > 0
    if exact is not None:
        assert volume == pytest.approx(exact, rel=0.05)


def test_octahedron_mesh_is_its_six_vertices_and_eight_faces():
    mesh = ball_mesh("l1", 1.0)
    assert sorted(map(tuple, mesh.vertices.tolist())) == sorted(
        map(tuple, np.concatenate([np.eye(3), -np.eye(3)]).tolist())
    )
    assert mesh.faces.shape == (8, 3)


def test_round_meshes_have_the_requested_resolution():
    assert len(ball_mesh("l2", 1.0, level=MESH_LEVEL).faces) == 8 * MESH_LEVEL**2
    assert len(ball_mesh("elasticnet", 1.0, level=4).faces) == 8 * 16


def test_level_set_passes_through_beta_and_is_a_level_set():
    beta = solve_constrained_3d(TILTED.center, TILTED.hessian, "l1", 1.0)
    mesh = level_set_mesh(TILTED, beta)
    np.testing.assert_allclose(TILTED(mesh.vertices), TILTED(beta), rtol=1e-9)
    assert any(np.array_equal(v, beta) for v in mesh.vertices)
    assert level_set_mesh(TILTED, TILTED.center) is None


def test_level_set_touches_the_ball_from_outside():
    # Every vertex of the ellipsoid through β̂ is outside the octahedron or on it.
    for penalty in ("l1", "l2", "elasticnet"):
        scene = ball_scene_3d(TILTED, penalty, t=1.0)
        g = constraint_value(scene.level_set.vertices, penalty, scene.ball_mix)
        assert g.min() >= scene.t * (1 - 1e-9)


def test_cull_keeps_triangles_that_cross_the_view():
    mesh = level_set_mesh(TILTED, [0.0, 0.0, 0.0])
    culled = cull_mesh(mesh, 1.0)
    assert 0 < len(culled.faces) < len(mesh.faces)
    # Every dropped triangle lies beyond one face of the cube.
    kept = {tuple(sorted(map(tuple, culled.vertices[f].round(12).tolist()))) for f in culled.faces}
    for f in mesh.faces:
        tri = mesh.vertices[f]
        if tuple(sorted(map(tuple, tri.round(12).tolist()))) not in kept:
            assert np.any(np.all(tri > 1.0, axis=0) | np.all(tri < -1.0, axis=0))


def test_outline_lies_on_the_coordinate_planes_and_the_ball():
    outline = ball_outline("elasticnet", 1.0, 0.5)
    points = outline[~np.isnan(outline).any(axis=1)]
    assert np.all((points == 0.0).sum(axis=1) >= 1)
    np.testing.assert_allclose(constraint_value(points, "elasticnet", 0.5), 1.0, rtol=1e-9)


def test_scenes_share_one_view_that_holds_the_center_and_the_balls():
    scenes = ball_scenes_3d(TILTED, ("l1", "l2", "elasticnet"), lam=0.5)
    assert len({s.half_width for s in scenes}) == 1
    half = scenes[0].half_width
    assert np.abs(TILTED.center).max() <= half
    for s in scenes:
        assert np.abs(s.ball.vertices).max() <= half


def test_not_binding_scene_has_no_level_set():
    scene = ball_scene_3d(TILTED, "l2", t=5.0)
    assert not scene.binding and scene.level_set is None
    np.testing.assert_array_equal(scene.beta, TILTED.center)
    assert "does not bind" in describe_scene_3d(scene)


def test_zero_labels_and_descriptions_follow_the_solution():
    round_bowl = Bowl3D.from_shape([2.0, 1.0, 0.5])
    l1, l2 = ball_scenes_3d(round_bowl, ("l1", "l2"), t=1.0)
    assert l1.beta.tolist() == [1.0, 0.0, 0.0] and l1.n_zero == 2
    assert zero_label(l1) == "β̂ = (1.00, 0, 0): 2 of 3 coefficients exactly 0"
    assert zero_tag(l1) == "β̂: β₂ = β₃ = 0"
    assert zero_tag(l2) == "β̂: no zero" and l2.n_zero == 0
    assert describe_scene_3d(l1).startswith("**β₂ and β₃ = 0 exactly.**")
    assert "at a vertex" in describe_scene_3d(l1)
    edge = ball_scene_3d(TILTED, "l1", t=1.0)
    assert edge.n_zero == 1 and "at an edge" in describe_scene_3d(edge)
    face = ball_scene_3d(TILTED, "l1", t=2.5)
    assert face.binding and face.n_zero == 0 and "on a face" in describe_scene_3d(face)
    assert "2 of 3 coefficients exactly 0" in describe_comparison_3d((l1, l2))
    assert "no exact zero" in describe_comparison_3d((l1, l2))
    en = ball_scene_3d(TILTED, "elasticnet", t=1.0, l1_ratio=0.5)
    assert "ρ = 2r/(1 + r) = 0.67" in describe_scene_3d(en)


def test_zero_budget_and_invalid_requests():
    scene = ball_scene_3d(TILTED, "l1", t=0.0)
    assert scene.beta.tolist() == [0.0, 0.0, 0.0]
    assert "single point" in describe_scene_3d(scene)
    with pytest.raises(ValueError, match="exactly one"):
        ball_scenes_3d(TILTED, ("l1",))
    with pytest.raises(ValueError, match="exactly one"):
        ball_scenes_3d(TILTED, ("l1",), t=1.0, lam=1.0)
    with pytest.raises(ValueError, match="Unknown penalty"):
        ball_scenes_3d(TILTED, ("lq",), t=1.0)
    with pytest.raises(ValueError, match="zero or positive"):
        ball_scenes_3d(TILTED, ("l1",), t=-1.0)


# ---------------------------------------------------------------- presets


def test_defaults_show_one_zero_for_the_octahedron_and_none_for_the_sphere():
    l1, l2 = scenes_for_settings(DEFAULTS)
    assert (l1.penalty, l2.penalty) == ("l1", "l2")
    assert l1.zeroed == (False, False, True)
    assert l2.n_zero == 0 and np.abs(l2.beta).min() > 0.1


@pytest.mark.parametrize(
    ("name", "zeros"),
    [
        ("the classic picture", [1, 0]),
        ("round bowl", [1, 0]),
        ("tilted bowl: two zeros", [2, 0]),
        ("sphere never zeroes", [2, 0]),
    ],
)
def test_presets_show_what_their_names_say(name, zeros):
    scenes = scenes_for_settings(PRESETS[name])
    assert [s.n_zero for s in scenes] == zeros
    assert all(s.binding for s in scenes)
    # The zero pattern holds for nearby budgets too (the preset is not on a knife edge).
    t = float(PRESETS[name]["t"])
    for factor in (0.9, 1.1):
        nearby = scenes_for_settings({**PRESETS[name], "t": factor * t})
        assert [s.n_zero for s in nearby] == zeros


def test_tilted_preset_keeps_the_coefficient_with_the_smallest_unpenalized_value():
    l1, _ = scenes_for_settings(PRESETS["tilted bowl: two zeros"])
    assert np.argmin(np.abs(l1.loss.center)) == 2
    assert l1.zeroed == (True, True, False)


def test_settings_in_lambda_mode_and_single_penalty():
    (scene,) = scenes_for_settings({"side_by_side": False, "penalty": "elasticnet", "mode": "lam"})
    assert scene.penalty == "elasticnet" and scene.lam == DEFAULTS["lam"]
    with pytest.raises(ValueError, match="Unknown setting"):
        scenes_for_settings({"colour": 1})
    with pytest.raises(ValueError, match="mode"):
        scenes_for_settings({"mode": "q"})


# --------------------------------------------------------------------------- the CSV


def test_solution_table_3d_holds_each_balls_solution_and_follows_t():
    from scipy.optimize import minimize

    from regviz.experiments.geometry3d_scenes import solution_table_3d

    scenes = scenes_for_settings(DEFAULTS)
    table = solution_table_3d(scenes)
    assert table.index.name == "ball" and table.index.tolist() == ["L1 (lasso)", "L2 (ridge)"]
    assert list(table.columns) == ["budget t", "penalty λ", "β̂₁", "β̂₂", "β̂₃", "exact zeros"]
    for scene in scenes:
        row = table.loc[scene.name]
        assert row[["β̂₁", "β̂₂", "β̂₃"]].tolist() == scene.beta.tolist()
        assert row["budget t"] == scene.t and row["penalty λ"] == scene.lam
        assert row["exact zeros"] == int(np.sum(scene.beta == 0.0))
    # The sphere's β̂, from scipy's SLSQP on the same bowl and budget.
    sphere = scenes[1]
    c, H, t = sphere.loss.center, sphere.loss.hessian, sphere.t
    found = minimize(
        lambda b: 0.5 * (b - c) @ H @ (b - c),
        np.zeros(3),
        jac=lambda b: H @ (b - c),
        constraints=[{"type": "ineq", "fun": lambda b: t**2 - b @ b, "jac": lambda b: -2 * b}],
        method="SLSQP",
        options={"ftol": 1e-14, "maxiter": 500},
    ).x
    np.testing.assert_allclose(table.loc["L2 (ridge)", ["β̂₁", "β̂₂", "β̂₃"]], found, atol=1e-6)
    assert np.abs(table.loc["L1 (lasso)", ["β̂₁", "β̂₂", "β̂₃"]]).sum() == pytest.approx(t)
    other = solution_table_3d(scenes_for_settings({**DEFAULTS, "t": 0.5}))
    assert (other["budget t"] == 0.5).all()
    assert not np.allclose(other[["β̂₁", "β̂₂", "β̂₃"]], table[["β̂₁", "β̂₂", "β̂₃"]])
    one = solution_table_3d(scenes_for_settings({**DEFAULTS, "side_by_side": False}))
    assert one.index.tolist() == ["L1 (lasso)"]
