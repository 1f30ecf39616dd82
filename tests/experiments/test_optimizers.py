"""Tests of optimizers: every method reaches solve_penalized; only ISTA/CD hit exact 0."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import Lasso, Ridge

from regviz.core.conventions import sklearn_ridge_alpha
from regviz.core.geometry import solve_penalized
from regviz.core.losses import QuadraticLoss
from regviz.experiments.optimizers import (
    METHODS,
    coordinate_descent,
    describe_zeros,
    lipschitz_constant,
    proximal_gradient,
    run_all,
    run_optimizer,
    subgradient_descent,
    weight_decay_descent,
)
from regviz.figures.optimizer import (
    frame_steps,
    loss_ellipses,
    make_convergence_figure,
    make_optimizer_figure,
)


def _random_problems(seed: int, count: int):
    """Random bowls (κ ≤ 10, any angle), λ values and starts; many with a zero answer."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        loss = QuadraticLoss.from_bowl(
            rng.uniform(-3, 3, size=2),
            condition_number=rng.uniform(1, 10),
            angle_deg=rng.uniform(-90, 90),
            scale=rng.uniform(0.3, 3),
        )
        yield loss, float(rng.uniform(0, 3)), rng.uniform(-3, 3, size=2)


@pytest.mark.parametrize("seed", range(4))
def test_ista_and_coordinate_descent_reach_the_exact_answer_to_1e_8(seed):
    n_zero_coordinates = 0
    for loss, lam, start in _random_problems(seed, 25):
        exact = solve_penalized(loss.center, loss.hessian, "l1", lam)
        for method in ("ista", "cd"):
            run = run_optimizer(loss, method, lam, n_steps=1500, start=start)
            np.testing.assert_allclose(run.iterates[-1], exact, atol=1e-8)
            # Exact zeros, bit for bit, where the answer has them.
            assert np.all(run.iterates[-1][exact == 0.0] == 0.0)
        n_zero_coordinates += int(np.sum(exact == 0.0))
    assert n_zero_coordinates > 5  # the random problems do exercise the zeros


@pytest.mark.parametrize("seed", range(3))
def test_weight_decay_descent_reaches_the_ridge_answer(seed):
    for loss, lam, start in _random_problems(100 + seed, 20):
        exact = solve_penalized(loss.center, loss.hessian, "l2", lam)
        run = run_optimizer(loss, "gd_l2", lam, n_steps=1500, start=start)
        np.testing.assert_allclose(run.iterates[-1], exact, atol=1e-8)


@pytest.mark.parametrize("seed", range(3))
def test_subgradient_descent_gets_close_but_never_lands_on_zero(seed):
    landed = 0
    zero_coordinates = 0
    for loss, lam, start in _random_problems(200 + seed, 20):
        exact = solve_penalized(loss.center, loss.hessian, "l1", lam)
        run = run_optimizer(loss, "subgradient", lam, n_steps=3000, start=start)
        objective_gap = run.objective[-1] - (loss(exact) + lam * np.abs(exact).sum())
        assert -1e-12 <= objective_gap < 0.05
        assert np.linalg.norm(run.iterates[-1] - exact) < 0.2
        zeros = exact == 0.0
        zero_coordinates += int(zeros.sum())
        landed += int(np.sum(run.iterates[-1][zeros] == 0.0))
    assert zero_coordinates > 0
    assert landed == 0


@pytest.mark.parametrize("seed", range(4))
def test_ista_on_data_equals_sklearn_lasso_and_weight_decay_equals_ridge(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(50, 2)) @ np.array([[1.0, 0.6], [0.0, 0.8]])
    y = X @ np.array([1.5, 0.05]) + 0.7 + rng.normal(size=50)
    loss = QuadraticLoss.from_data(X, y)
    lam = 0.3
    lasso = Lasso(alpha=lam, tol=1e-12, max_iter=100_000).fit(X, y)
    ista = run_optimizer(loss, "ista", lam, n_steps=2000, start=(0.0, 0.0))
    np.testing.assert_allclose(ista.iterates[-1], lasso.coef_, atol=1e-7)
    ridge = Ridge(alpha=sklearn_ridge_alpha(lam, len(y))).fit(X, y)
    decay = run_optimizer(loss, "gd_l2", lam, n_steps=2000, start=(0.0, 0.0))
    np.testing.assert_allclose(decay.iterates[-1], ridge.coef_, atol=1e-8)


def test_one_step_formulas():
    loss = QuadraticLoss.from_bowl([2.0, -1.0], condition_number=3.0, angle_deg=20.0)
    beta0, lam = np.array([0.5, 0.4]), 0.7
    lip = lipschitz_constant(loss)
    eta = 1.0 / lip
    grad = loss.hessian @ (beta0 - loss.center)
    # Subgradient: a constant-size kick λ·sign(β).
    expected = beta0 - eta * (grad + lam * np.sign(beta0))
    np.testing.assert_allclose(subgradient_descent(loss, lam, 1, beta0)[1], expected)
    # ISTA: subtract ηλ from |v| and clip at 0.
    v = beta0 - eta * grad
    expected = np.sign(v) * np.maximum(np.abs(v) - eta * lam, 0.0)
    np.testing.assert_allclose(proximal_gradient(loss, lam, 1, beta0)[1], expected)
    # Weight decay: shrink by the factor (1 − ηλ), then the gradient step.
    eta2 = 1.0 / (lip + lam)
    expected = (1 - eta2 * lam) * beta0 - eta2 * grad
    np.testing.assert_allclose(weight_decay_descent(loss, lam, 1, beta0)[1], expected)


def test_coordinate_descent_step_is_the_exact_one_dimensional_minimizer():
    loss = QuadraticLoss.from_bowl([1.0, 2.0], condition_number=5.0, angle_deg=-35.0)
    lam, beta0 = 0.4, np.array([-1.0, 0.3])
    beta1 = coordinate_descent(loss, lam, 1, beta0)[1]
    assert beta1[1] == beta0[1]  # only β₁ moved
    grid = np.linspace(-4, 4, 200_001)
    points = np.stack([grid, np.full_like(grid, beta0[1])], axis=1)
    objective = loss(points) + lam * np.abs(points).sum(axis=1)
    assert beta1[0] == pytest.approx(grid[np.argmin(objective)], abs=1e-4)


@settings(max_examples=30, deadline=None)
@given(
    c1=st.floats(-3, 3),
    c2=st.floats(-3, 3),
    kappa=st.floats(1, 20),
    angle=st.floats(-90, 90),
    lam=st.floats(0, 3),
    scale=st.floats(0.1, 1.0),
)
def test_ista_objective_never_increases(c1, c2, kappa, angle, lam, scale):
    loss = QuadraticLoss.from_bowl([c1, c2], condition_number=kappa, angle_deg=angle)
    run = run_optimizer(loss, "ista", lam, n_steps=60, start=(-2.0, 2.0), step_scale=scale)
    assert np.all(np.diff(run.objective) <= 1e-12 * (1 + np.abs(run.objective[:-1])))


def test_exact_zero_step_and_description():
    loss = QuadraticLoss.from_bowl([2.0, 0.5], condition_number=4.0, angle_deg=30.0)
    runs = run_all(loss, 1.0, 100, (-1.5, 2.5))
    assert [r.method for r in runs] == list(METHODS)
    ista = runs[1]
    assert ista.solution[1] == 0.0
    k = ista.exact_zero_step(1)
    assert k is not None and np.all(ista.iterates[k:, 1] == 0.0) and ista.iterates[k - 1, 1] != 0
    assert runs[0].exact_zero_step(1) is None
    text = describe_zeros(runs)[0]
    assert f"from step {k}" in text and "still at" in text


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"method": "adam"}, "Unknown optimizer"),
        ({"lam": -1.0}, "λ"),
        ({"step_scale": 2.0}, "step-size"),
        ({"n_steps": 0}, "number of steps"),
        ({"start": (np.nan, 0.0)}, "starting point"),
    ],
)
def test_invalid_settings_raise_plain_value_errors(kwargs, message):
    loss = QuadraticLoss.from_bowl([1.0, 1.0])
    settings_ = {"method": "ista", "lam": 1.0, "n_steps": 10, "start": (0.0, 0.0)} | kwargs
    with pytest.raises(ValueError, match=message):
        run_optimizer(loss, **settings_)


def test_animation_frames_replay_the_iterates():
    loss = QuadraticLoss.from_bowl([2.0, 0.5], condition_number=4.0, angle_deg=30.0)
    runs = run_all(loss, 1.0, 120, (-1.5, 2.5))
    fig = make_optimizer_figure(runs, loss)
    steps = frame_steps(120)
    assert steps[0] == 0 and steps[-1] == 120 and len(steps) <= 30
    assert [f.name for f in fig.frames] == [str(s) for s in steps]
    last = fig.frames[-1]
    for run, trace, static in zip(runs, last.data[0::2], fig.data[4::6], strict=True):
        # The drawn trail is every iterate; frames carry a thinned trail ending at the last.
        np.testing.assert_allclose(static.x, run.iterates[:, 0], atol=1e-8)
        assert len(trace.x) <= 81
        assert (trace.x[0], trace.y[-1]) == pytest.approx(
            (run.iterates[0, 0], run.iterates[-1, 1]), abs=1e-8
        )
        assert np.all(np.isin(np.round(trace.x, 8), np.round(run.iterates[:, 0], 8)))
    assert fig.layout.sliders[0].active == len(steps) - 1
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["▶ Play", "❚❚ Pause"]
    convergence = make_convergence_figure(runs)
    assert convergence.layout.yaxis.type == "log"


def test_loss_ellipses_are_level_sets():
    loss = QuadraticLoss.from_bowl([1.0, -0.5], condition_number=6.0, angle_deg=40.0)
    rings = loss_ellipses(loss, [-3.0, 3.0], n_levels=5)
    points = rings[~np.isnan(rings[:, 0])].reshape(5, 121, 2)
    values = 2 * (loss(points) - loss.minimum)
    # Each ring is one level (up to the 5-decimal rounding of the drawn points).
    assert np.all(np.ptp(values, axis=1) < 1e-3 * values.max())
