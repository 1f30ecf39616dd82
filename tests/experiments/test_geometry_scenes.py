"""geometry_scenes: the Geometry page's scenes, checked against the solvers and sklearn."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from regviz.core.geometry import ball_mix_for_l1_ratio, solve_lq
from regviz.core.losses import QuadraticLoss
from regviz.core.penalties import constraint_value
from regviz.experiments.geometry_scenes import (
    PRESETS,
    describe_comparison,
    describe_scene,
    format_lambda,
    geometry_scene,
    geometry_scenes,
    log_levels,
    loss_for,
    lq_solution_path,
    tangent_ellipse,
    two_feature_data,
    view_half_width,
)

CLASSIC = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0, angle_deg=-60.0)


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet"])
@pytest.mark.parametrize("t", [0.2, 0.7, 1.5])
def test_budget_and_lambda_read_the_same_solution(penalty, t):
    by_t = geometry_scene(CLASSIC, penalty, t=t, l1_ratio=0.4)
    by_lam = geometry_scene(CLASSIC, penalty, lam=by_t.lam, l1_ratio=0.4)
    np.testing.assert_allclose(by_lam.beta, by_t.beta, atol=1e-9)
    assert by_lam.t == pytest.approx(t, rel=1e-9)


@pytest.mark.parametrize("r", [0.1, 0.5, 0.9])
def test_elastic_net_draws_the_matching_ball_and_the_solution_is_on_it(r):
    scene = geometry_scene(CLASSIC, "elasticnet", t=1.0, l1_ratio=r)
    assert scene.ball_mix == pytest.approx(ball_mix_for_l1_ratio(r))
    on_ball = constraint_value(scene.ball, "elasticnet", scene.ball_mix)
    np.testing.assert_allclose(on_ball, 1.0, rtol=1e-9)
    assert constraint_value(scene.beta, "elasticnet", scene.ball_mix) == pytest.approx(1.0)


@pytest.mark.parametrize("penalty", ["l1", "l2", "elasticnet", "lq"])
def test_tangent_ellipse_is_the_level_set_through_the_solution(penalty):
    scene = geometry_scene(CLASSIC, penalty, t=0.8, q=0.5)
    level = CLASSIC(scene.beta)
    np.testing.assert_allclose(CLASSIC(scene.tangent), level, rtol=1e-9)
    np.testing.assert_array_equal(scene.tangent[0], scene.beta)


def test_tangent_ellipse_is_none_at_the_optimum():
    assert tangent_ellipse(CLASSIC, CLASSIC.center) is None


def test_classic_picture_lasso_hits_a_corner_ridge_does_not():
    l1, l2 = geometry_scenes(CLASSIC, ("l1", "l2"), t=1.0)
    assert l1.beta.tolist() == [1.0, 0.0] and l1.zeroed == (False, True)
    assert not any(l2.zeroed) and np.all(np.abs(l2.beta) > 0.3)
    assert "exactly" in describe_scene(l1) and "No coefficient is zero" in describe_scene(l2)
    assert f"λ = {format_lambda(l1.lam)}" in describe_scene(l1)
    comparison = describe_comparison((l1, l2))
    assert "1 of 2 coefficients exactly 0" in comparison and "no exact zero" in comparison


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_shows_a_lasso_zero_and_no_ridge_zero(name):
    p = PRESETS[name]
    loss = loss_for(
        p["source"], **{k: p[k] for k in ("c1", "c2", "kappa", "angle", "n", "rho", "seed")}
    )
    l1, l2 = geometry_scenes(loss, ("l1", "l2"), t=p["t"], show_path=True)
    assert any(l1.zeroed) and not any(l2.zeroed)
    assert "exactly 0" in describe_comparison((l1, l2))


def test_description_says_when_the_constraint_does_not_bind():
    scene = geometry_scene(CLASSIC, "l1", t=4.0)
    assert not scene.binding and scene.lam == 0.0
    assert "does not bind" in describe_scene(scene)


def test_description_of_nonconvex_lq_ball_says_the_whole_boundary_is_searched():
    text = describe_scene(geometry_scene(CLASSIC, "lq", t=1.0, q=0.5))
    assert "not convex" in text and "whole boundary" in text


def test_data_loss_center_is_the_ols_fit_of_sklearn():
    X, y = two_feature_data(n_samples=80, correlation=0.8, coef=(1.5, -0.5), seed=3)
    loss = loss_for("data", c1=1.5, c2=-0.5, kappa=1.0, angle=0.0, n=80, rho=0.8, seed=3)
    np.testing.assert_allclose(loss.center, LinearRegression().fit(X, y).coef_, rtol=1e-10)
    assert np.corrcoef(X.T)[0, 1] == pytest.approx(0.8, abs=0.1)


def test_same_seed_same_data_and_bad_correlation_is_refused():
    a, b = two_feature_data(seed=5), two_feature_data(seed=5)
    np.testing.assert_array_equal(a[0], b[0])
    with pytest.raises(ValueError, match="correlation"):
        two_feature_data(correlation=1.0)


def test_log_levels_have_a_constant_ratio():
    levels = log_levels(50.0, n_levels=7, decades=3.0)
    assert levels[-1] == pytest.approx(50.0) and levels[0] == pytest.approx(0.05)
    np.testing.assert_allclose(levels[1:] / levels[:-1], 10**0.5)
    with pytest.raises(ValueError):
        log_levels(0.0)


def test_view_covers_center_and_ball_and_jumps_in_half_steps():
    ball = np.array([[1.3, 0.0], [0.0, -1.3]])
    half = view_half_width([2.0, 1.0], [ball])
    assert half >= 2.0 * 1.15 and (half * 2).is_integer()


@pytest.mark.parametrize("q", [0.5, 1.5])
def test_lq_path_matches_solve_lq_at_grid_resolution(q):
    budgets, betas = lq_solution_path(CLASSIC, q, n_points=9, n_grid=4096)
    for t, beta in zip(budgets[1:-1], betas[1:-1], strict=True):
        exact = solve_lq(CLASSIC.center, CLASSIC.hessian, q, float(t))
        # The global optimum is never beaten, and the grid search comes within 0.1 %.
        assert float(CLASSIC(beta)) >= float(CLASSIC(exact)) * (1 - 1e-12)
        assert CLASSIC(beta) == pytest.approx(float(CLASSIC(exact)), rel=1e-3)
    np.testing.assert_array_equal(betas[0], [0.0, 0.0])
    np.testing.assert_array_equal(betas[-1], CLASSIC.center)


def test_exactly_one_of_t_and_lambda_and_no_lambda_for_lq():
    with pytest.raises(ValueError, match="exactly one"):
        geometry_scenes(CLASSIC, ("l1",), t=1.0, lam=1.0)
    with pytest.raises(ValueError, match="Lq"):
        geometry_scene(CLASSIC, "lq", lam=1.0)
    with pytest.raises(ValueError, match="Unknown penalty"):
        geometry_scene(CLASSIC, "l3", t=1.0)


def test_zero_below_marks_where_the_lasso_path_has_a_zero():
    scene = geometry_scene(CLASSIC, "l1", t=1.0, show_path=True)
    assert scene.zero_below is not None and scene.zero_below >= 1.0
    on_path = scene.path[scene.path_budgets < scene.zero_below * 0.99]
    assert np.all(np.any(on_path[1:] == 0.0, axis=1))
