"""Tests of optimizers: every method reaches solve_penalized; only ISTA/CD hit exact 0."""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import Lasso, Ridge

from regviz.core.conventions import sklearn_ridge_alpha
from regviz.core.geometry import solve_penalized
from regviz.core.losses import QuadraticLoss
from regviz.experiments.optimizers import (
    DEFAULTS,
    METHOD_SHORT,
    METHODS,
    PLAY_LAMBDAS,
    PRESETS,
    alt_text,
    code_snippet,
    coordinate_descent,
    describe_runs,
    describe_zero_hits,
    describe_zeros,
    end_label,
    lipschitz_constant,
    proximal_gradient,
    run_all,
    run_optimizer,
    runs_for_settings,
    runs_over_lambda,
    subgradient_descent,
    weight_decay_descent,
    weight_decay_factor,
)
from regviz.figures.common import loss_ellipses
from regviz.figures.optimizer import (
    FRAME_TRAIL_POINTS,
    frame_steps,
    make_coordinate_figure,
    make_distance_figure,
    make_method_figure,
    trail_index,
    view_range,
)


def _values(array) -> np.ndarray:
    """A trace's numbers, whether a list, an array or plotly's base64 typed array."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
    return np.asarray(array)


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


def test_animation_opens_at_step_0_and_frames_replay_the_iterates():
    loss = QuadraticLoss.from_bowl([2.0, 0.5], condition_number=4.0, angle_deg=30.0)
    runs = run_all(loss, 1.0, 120, (-1.5, 2.5))
    lim = view_range(runs, loss)
    steps = frame_steps(120)
    assert steps[0] == 0 and steps[-1] == 120 and len(steps) <= 30
    assert steps[:15] == list(range(15))  # every early step, where the iterates move
    for run in runs:
        fig = make_method_figure(run, loss, lim)
        trail, head = fig.data[4], fig.data[5]
        # Drawn at step 0: the trail is the start, the current iterate is the start.
        assert (_values(trail.x).tolist(), _values(trail.y).tolist()) == ([-1.5], [2.5])
        assert (head.x[0], head.y[0]) == (-1.5, 2.5)
        assert fig.layout.sliders[0].active == 0
        assert [f.name for f in fig.frames] == [str(s) for s in steps]
        assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["▶ Play", "▶ Slow", "❚❚"]
        assert fig.layout.updatemenus[0].y >= 1 and fig.layout.sliders[0].y >= 1
        for frame, step in zip(fig.frames, steps, strict=True):
            frame_trail, frame_head = frame.data
            assert len(frame_trail.x) <= FRAME_TRAIL_POINTS
            # The trail runs from the start to the frame's iterate through iterates only.
            expected = run.iterates[trail_index(step)].astype(np.float32)
            np.testing.assert_array_equal(_values(frame_trail.x), expected[:, 0])
            np.testing.assert_array_equal(_values(frame_trail.y), expected[:, 1])
            assert (frame_head.x[0], frame_head.y[0]) == tuple(run.iterates[step])
        # The exact answer is drawn where solve_penalized puts it.
        assert (fig.data[2].x[0], fig.data[2].y[0]) == tuple(run.solution)


@pytest.mark.parametrize("step", [0, 5, 39, 40, 41, 77, 300])
def test_trail_index_keeps_the_early_steps_and_ends_at_the_step(step):
    index = trail_index(step)
    assert index[0] == 0 and index[-1] == step and len(index) <= FRAME_TRAIL_POINTS
    assert np.all(np.diff(index) > 0)
    dense = min(step + 1, FRAME_TRAIL_POINTS // 2)
    assert index[:dense].tolist() == list(range(dense))


@pytest.mark.parametrize("n_steps", [1, 5, 29, 30, 100, 300, 5000])
def test_frame_steps_are_increasing_and_bounded(n_steps):
    steps = frame_steps(n_steps)
    assert steps[0] == 0 and steps[-1] == n_steps and len(steps) <= 30
    assert np.all(np.diff(steps) > 0)


def test_convergence_figures():
    loss = QuadraticLoss.from_bowl([2.0, 0.5], condition_number=4.0, angle_deg=30.0)
    runs = run_all(loss, 1.0, 100, (-1.5, 2.5))
    distance = make_distance_figure(runs)
    assert distance.layout.yaxis.type == "log" and len(distance.data) == len(runs)
    for trace, run in zip(distance.data, runs, strict=True):
        np.testing.assert_allclose(_values(trace.y), np.maximum(run.distance, 1e-16), rtol=1e-6)
    coordinate = make_coordinate_figure(runs)
    # β₂ is the lasso answer's zero; only the three L1 methods, only the zoomed steps.
    assert len(coordinate.data) == 3 and coordinate.layout.xaxis.range == (20, 100)
    assert coordinate.data[0].x0 == 20 and len(_values(coordinate.data[0].y)) == 81
    np.testing.assert_array_equal(_values(coordinate.data[1].y), 0.0)  # ISTA sits on 0


def test_weight_decay_factor_is_one_minus_eta_lambda():
    loss = QuadraticLoss.from_bowl([1.0, -2.0], condition_number=6.0, angle_deg=15.0)
    run = run_optimizer(loss, "gd_l2", 0.7, 3, (0.5, 0.5), step_scale=1.3)
    eta = 1.3 / (np.linalg.eigvalsh(loss.hessian)[-1] + 0.7)
    assert weight_decay_factor(run) == pytest.approx(1 - eta * 0.7, rel=1e-12)
    with pytest.raises(ValueError, match="decay factor"):
        weight_decay_factor(run_optimizer(loss, "ista", 0.7, 3))


def test_descriptions_state_the_runs_numbers():
    loss = QuadraticLoss.from_bowl([2.0, 0.5], condition_number=4.0, angle_deg=30.0)
    runs = run_all(loss, 1.0, 100, (-1.5, 2.5))
    by = {r.method: r for r in runs}
    text = describe_runs(runs)
    assert f"from step {by['ista'].exact_zero_step(1)}" in text
    assert f"still at |β₂| = {abs(by['subgradient'].iterates[-1, 1]):.1e}" in text
    assert f"multiplies β by {weight_decay_factor(by['gd_l2']):.3f}" in text
    assert f"Subgradient (L1) {by['subgradient'].distance[-1]:.1e}" in text
    assert "Coordinate descent (L1) 0 (exactly)" in text
    for run in runs:
        alt = alt_text(run)
        assert alt.startswith(f"{METHOD_SHORT[run.method]}, λ = 1: 100 steps from (-1.5, 2.5)")
        assert f"{run.solution[0]:.3g}" in alt
    assert "never exactly 0" in alt_text(by["subgradient"])
    assert "Each step multiplies β by 0.800" in alt_text(by["gd_l2"])
    # A bowl whose lasso answer has no zero says so.
    round_bowl = run_all(QuadraticLoss.from_bowl([2.0, 2.0]), 0.5, 10)
    assert describe_zero_hits(round_bowl).startswith("The lasso answer here has no zero")


@pytest.mark.parametrize("state", [DEFAULTS, *PRESETS.values(), {**DEFAULTS, "steps": 7}])
def test_code_snippet_reproduces_the_runs(state, capsys):
    namespace: dict = {}
    exec(compile(code_snippet(**state), "snippet", "exec"), namespace)
    loss = QuadraticLoss.from_bowl(
        [state["c1"], state["c2"]], condition_number=state["kappa"], angle_deg=state["angle"]
    )
    runs = {
        r.method: r
        for r in run_all(
            loss,
            state["lam"],
            state["steps"],
            (state["start_1"], state["start_2"]),
            state["step_scale"],
        )
    }
    # Written out by hand, ISTA gives the same iterate bit for bit, zeros included.
    np.testing.assert_array_equal(namespace["ista_beta"], runs["ista"].iterates[-1])
    np.testing.assert_allclose(namespace["decay_beta"], runs["gd_l2"].iterates[-1], atol=1e-13)
    np.testing.assert_array_equal(namespace["lasso"], runs["ista"].solution)
    assert namespace["decay"] == pytest.approx(weight_decay_factor(runs["gd_l2"]), rel=1e-14)
    assert "exact lasso answer" in capsys.readouterr().out


def test_presets_are_full_states_over_the_defaults():
    for values in PRESETS.values():
        assert set(values) == set(DEFAULTS)


def test_loss_ellipses_are_level_sets():
    loss = QuadraticLoss.from_bowl([1.0, -0.5], condition_number=6.0, angle_deg=40.0)
    rings = loss_ellipses(loss, [-3.0, 3.0], n_levels=5)
    points = rings[~np.isnan(rings[:, 0])].reshape(5, 121, 2)
    values = 2 * (loss(points) - loss.minimum)
    # Each ring is one level (up to the 5-decimal rounding of the drawn points).
    assert np.all(np.ptp(values, axis=1) < 1e-3 * values.max())


@pytest.mark.parametrize("name", list(PRESETS))
def test_runs_for_settings_solve_the_presets_bowl_from_its_start(name):
    values = PRESETS[name]
    loss, runs = runs_for_settings(values)
    # The bowl, rebuilt from its definition: H = R diag(κ, 1) Rᵀ (up to scale), centre c.
    np.testing.assert_allclose(loss.center, [values["c1"], values["c2"]])
    eigenvalues = np.linalg.eigvalsh(loss.hessian)
    assert eigenvalues[-1] / eigenvalues[0] == pytest.approx(values["kappa"])
    for run in runs:
        np.testing.assert_array_equal(run.iterates[0], [values["start_1"], values["start_2"]])
        assert len(run.iterates) == values["steps"] + 1 and run.lam == values["lam"]
        np.testing.assert_allclose(
            run.solution,
            solve_penalized(
                loss.center,
                loss.hessian,
                "l2" if run.method == "gd_l2" else "l1",
                lam=values["lam"],
            ),
            atol=1e-12,
        )


def test_runs_for_settings_fill_in_defaults_and_refuse_unknown_names():
    _, runs = runs_for_settings({"steps": 5})
    assert all(len(run.iterates) == 6 for run in runs)
    with pytest.raises(ValueError, match="Unknown setting"):
        runs_for_settings({"step": 5})


# --------------------------------------------------------------------------- the CSV


def test_iterates_table_holds_every_methods_steps_and_follows_the_settings():
    from regviz.experiments.optimizers import METHOD_NAMES, iterates_table, runs_for_settings

    loss, runs = runs_for_settings({"steps": 30})
    table = iterates_table(runs)
    assert list(table.index.names) == ["method", "step k"] and len(table) == 4 * 31
    c, H = loss.center, loss.hessian
    for run in runs:
        rows = table.loc[METHOD_NAMES[run.method]]
        assert rows.index.tolist() == list(range(31))
        np.testing.assert_array_equal(rows[["β₁", "β₂"]], run.iterates)
        assert rows.loc[0, "β₁"] == DEFAULTS["start_1"] and rows.loc[0, "β₂"] == DEFAULTS["start_2"]
        beta = rows[["β₁", "β₂"]].to_numpy()
        # The objective ½(β − c)ᵀH(β − c) + λ·P(β) up to the bowl's constant, written out here.
        bowl = 0.5 * np.einsum("ki,ij,kj->k", beta - c, H, beta - c)
        penalty = np.abs(beta).sum(axis=1) if run.penalty == "l1" else 0.5 * (beta**2).sum(axis=1)
        ours = rows["objective L(β) + λ·P(β)"].to_numpy()
        expected = bowl + run.lam * penalty
        np.testing.assert_allclose(ours - ours[0], expected - expected[0], atol=1e-10)
        exact = solve_penalized(c, H, run.penalty, run.lam)
        distance = np.hypot(*(beta - exact).T)
        np.testing.assert_allclose(rows["distance ‖βₖ − β̂‖ to the answer"], distance, atol=1e-12)
    _, more = runs_for_settings({"steps": 30, "lam": 0.5})
    assert not np.allclose(iterates_table(more)["β₁"], table["β₁"])


# --------------------------------------------------------------------------- ▶ Play over λ


def test_the_lambda_sweep_is_the_page_runs_at_every_lambda():
    settings = {**PRESETS["narrow valley (slow)"], "steps": 60}
    sweep = runs_over_lambda(settings)
    assert [len(runs) for runs in sweep] == [len(PLAY_LAMBDAS)] * len(METHODS)
    assert PLAY_LAMBDAS[0] == 0.0 and PLAY_LAMBDAS[-1] == 4.0
    for k, lam in enumerate(PLAY_LAMBDAS):
        _, runs = runs_for_settings({**settings, "lam": lam})
        for method_runs, run in zip(sweep, runs, strict=True):
            np.testing.assert_array_equal(method_runs[k].iterates, run.iterates)
            assert method_runs[k].lam == lam and method_runs[k].method == run.method


def test_the_end_label_prints_exact_zeros_as_0():
    _, runs = runs_for_settings(DEFAULTS)
    by_method = {run.method: run for run in runs}
    assert by_method["ista"].iterates[-1][1] == 0.0
    assert end_label(by_method["ista"]).endswith(", 0)")
    assert not end_label(by_method["subgradient"]).endswith(", 0)")


def test_lambda_frames_replay_each_lambdas_whole_run():
    loss, runs = runs_for_settings(DEFAULTS)
    sweep = runs_over_lambda(DEFAULTS)
    lim = view_range(runs + tuple(r for method in sweep for r in method), loss)
    for i, run in enumerate(runs):
        fig = make_method_figure(run, loss, lim, sweep=sweep[i])
        # Drawn at the run's last step, at the slider's λ.
        trail, head, label = fig.data[4], fig.data[5], fig.data[6]
        assert (head.x[0], head.y[0]) == tuple(run.iterates[-1])
        assert len(_values(trail.x)) == len(trail_index(run.n_steps))
        assert label.text[0] == end_label(run)
        slider = fig.layout.sliders[0]
        assert slider.currentvalue.prefix == "λ = "
        assert PLAY_LAMBDAS[slider.active] == run.lam  # λ = 1 is on the grid
        assert len(fig.frames) == len(PLAY_LAMBDAS)
        texts = set()
        for frame, other in zip(fig.frames, sweep[i], strict=True):
            ball, answer, frame_trail, frame_head, frame_label = frame.data
            assert list(frame.traces) == [1, 2, 4, 5, 6]
            # The exact answer at this λ, from solve_penalized, independent of the figure.
            expected = solve_penalized(loss.center, loss.hessian, other.penalty, other.lam)
            np.testing.assert_allclose([answer.x[0], answer.y[0]], expected, atol=1e-8)
            assert (frame_head.x[0], frame_head.y[0]) == tuple(other.iterates[-1])
            np.testing.assert_array_equal(
                _values(frame_trail.x),
                other.iterates[trail_index(other.n_steps), 0].astype(np.float32),
            )
            texts.add(frame_label.text[0])
        assert len(texts) == len(PLAY_LAMBDAS)  # the label changes in every frame


@pytest.mark.parametrize("classroom", [False, True])
def test_figures_built_as_plain_data_are_valid_plotly(classroom):
    # The figures skip plotly's validation for speed; a misspelt property would pass
    # silently there, so validate them here.
    loss = QuadraticLoss.from_bowl([2.0, 0.5], condition_number=4.0, angle_deg=30.0)
    runs = run_all(loss, 1.0, 100, (-1.5, 2.5))
    lim = view_range(runs, loss)
    sweep = [run_all(loss, lam, 100, (-1.5, 2.5))[1] for lam in (0.5, 1.0, 2.0)]
    figures = [
        make_method_figure(runs[1], loss, lim, classroom=classroom),
        make_method_figure(runs[1], loss, lim, classroom=classroom, sweep=sweep),
        make_distance_figure(runs, classroom=classroom),
        make_coordinate_figure(runs, classroom=classroom),
    ]
    for fig in figures:
        spec = fig.to_dict()
        assert go.Figure(spec).to_dict().keys() == spec.keys()  # raises on an unknown name
