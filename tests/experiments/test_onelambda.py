"""Tests of onelambda: the 2-D path is scikit-learn's lasso / ridge; t(λ) links forms."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
from sklearn.linear_model import Lasso, Ridge

from regviz.core.conventions import sklearn_ridge_alpha
from regviz.core.geometry import lambda_for_budget
from regviz.experiments.onelambda import (
    DEFAULTS,
    LAMBDA_RANGE,
    PRESETS,
    alt_texts,
    at_lambda,
    code_snippet,
    data_and_path,
    default_lambdas,
    describe_point,
    fit_path,
    make_two_feature_data,
    metrics,
    play_lambdas,
    sweep,
)
from regviz.experiments.paths import coefficient_path
from regviz.figures.one_lambda import (
    make_constraint_figure,
    make_error_figure,
    make_path_figure,
    make_play_figure,
)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("correlation", [-0.6, 0.0, 0.8])
def test_lasso_path_matches_sklearn_lasso_with_intercept(seed, correlation):
    data = make_two_feature_data(25, correlation=correlation, seed=seed)
    lams = np.array([3.0, 1.0, 0.3, 0.1, 0.01])
    path = fit_path(data, "l1", lams)
    for k, lam in enumerate(path.lambdas):
        # sklearn fits the unpenalized intercept by centering, as QuadraticLoss.from_data does.
        model = Lasso(alpha=lam, tol=1e-12, max_iter=100_000).fit(data.X_train, data.y_train)
        np.testing.assert_allclose(path.betas[k], model.coef_, atol=1e-8)
        assert path.intercepts[k] == pytest.approx(model.intercept_, abs=1e-8)
        assert np.all((path.betas[k] == 0.0) == (model.coef_ == 0.0))
        residual = data.y_test - model.predict(data.X_test)
        assert path.test_mse[k] == pytest.approx(np.mean(residual**2), rel=1e-8)


@pytest.mark.parametrize("seed", range(3))
def test_ridge_path_matches_sklearn_ridge_with_alpha_n_lambda(seed):
    data = make_two_feature_data(18, seed=seed)
    path = fit_path(data, "l2", np.array([5.0, 0.5, 0.05]))
    n = len(data.y_train)
    for k, lam in enumerate(path.lambdas):
        model = Ridge(alpha=sklearn_ridge_alpha(lam, n)).fit(data.X_train, data.y_train)
        np.testing.assert_allclose(path.betas[k], model.coef_, rtol=1e-10, atol=1e-12)
        assert path.intercepts[k] == pytest.approx(model.intercept_, rel=1e-10)
        residual = data.y_train - model.predict(data.X_train)
        assert path.train_mse[k] == pytest.approx(np.mean(residual**2), rel=1e-10)


@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_path_agrees_with_the_paths_module(penalty):
    data = make_two_feature_data(30, seed=4)
    lams = np.logspace(0.5, -2, 12)
    ours = fit_path(data, penalty, lams)
    theirs = coefficient_path(data.X_train, data.y_train, penalty, lams, standardize=False)
    np.testing.assert_allclose(ours.betas, theirs.coefs.T, atol=1e-6)
    np.testing.assert_allclose(ours.intercepts, theirs.intercepts, atol=1e-6)


@pytest.mark.parametrize("penalty", ["l1", "l2"])
@pytest.mark.parametrize("lam", [0.002, 0.05, 0.4, 2.0])
def test_penalized_and_constrained_forms_are_the_same_model(penalty, lam):
    data = make_two_feature_data(seed=1)
    path = fit_path(data, penalty)
    point = at_lambda(data, path, lam)
    assert point.forms_gap < 1e-9
    if 0 < point.budget < float(np.abs(path.loss.center).sum()) and np.any(point.beta != 0):
        # And back: the KKT λ of that budget is the λ we started from.
        back = lambda_for_budget(path.loss.center, path.loss.hessian, penalty, point.budget)
        assert back == pytest.approx(lam, rel=1e-6)


def test_budget_shrinks_as_lambda_grows_and_lasso_reaches_zero():
    data = make_two_feature_data()
    path = fit_path(data, "l1")
    assert np.all(np.diff(path.lambdas) < 0)
    assert np.all(np.diff(path.budgets) >= -1e-12)  # λ decreasing → t increasing
    assert path.budgets[0] == 0.0 and np.all(path.betas[0] == 0.0)
    assert path.lambdas[0] == pytest.approx(10.0) and len(path.lambdas) == len(default_lambdas())


def test_default_data_has_an_interior_best_lambda():
    data = make_two_feature_data()
    for penalty in ("l1", "l2"):
        path = fit_path(data, penalty)
        assert path.lambdas[-1] < path.best_test_lambda < path.lambdas[0]
        assert path.test_mse.min() < path.test_mse[-1] - 0.1  # the penalty really helps


@pytest.mark.parametrize(
    "kwargs",
    [{"n_train": 3}, {"correlation": 1.0}, {"noise": -1.0}, {"correlation": float("nan")}],
)
def test_bad_data_settings_raise(kwargs):
    with pytest.raises(ValueError):
        make_two_feature_data(**kwargs)


def test_bad_penalty_and_lambda_raise():
    data = make_two_feature_data()
    with pytest.raises(ValueError, match="penalty"):
        fit_path(data, "elasticnet")
    with pytest.raises(ValueError, match="λ"):
        at_lambda(data, fit_path(data, "l1"), -1.0)


def test_figures_mark_the_chosen_lambda_in_all_three_views():
    data = make_two_feature_data()
    path = fit_path(data, "l1")
    point = at_lambda(data, path, 0.3)
    ball = make_constraint_figure(path, point)
    solution = next(t for t in ball.data if t.name.startswith("β̂(λ ="))
    assert (solution.x[0], solution.y[0]) == (point.beta[0], point.beta[1])
    assert ball.layout.yaxis.scaleanchor == "x"
    assert ball.layout.title.text == f"‖β‖₁ ≤ t = {point.budget:.3g}"
    for fig in (make_path_figure(path, point), make_error_figure(path, point)):
        cursors = [t for t in fig.data if t.name == "chosen λ"]
        assert len(cursors) == 1 and tuple(cursors[0].x) == (point.lam, point.lam)
        assert fig.layout.xaxis.type == "log" and "→" in fig.layout.xaxis.title.text
        # Ticks at powers of ten only: no minor labels to collide.
        assert all(np.log10(v) == round(np.log10(v)) for v in fig.layout.xaxis.tickvals)
        assert fig.layout.legend.orientation == "h"
    marked = next(t for t in make_path_figure(path, point).data if t.name == "at the chosen λ")
    assert tuple(marked.y) == (point.beta[0], point.beta[1], point.budget)


@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_page_words_state_the_points_numbers(penalty):
    data = make_two_feature_data()
    path = fit_path(data, penalty)
    point = at_lambda(data, path, 0.32)
    text = describe_point(path, point)
    assert f"β̂ = ({point.beta[0]:.4g}, {point.beta[1]:.4g})" in text
    assert f"t = {point.budget:.4g}" in text and "the same model" in text
    assert f"lowest test error on this grid is {path.test_mse.min():.3g}" in text
    if penalty == "l2":
        assert "no corners" in text
    labels = {r.label: r.value for r in metrics(path, point)}
    assert labels["λ"] == "0.32" and labels["test MSE"] == f"{point.test_mse:.3g}"
    ball, coefs, errors = alt_texts(path, point)
    assert f"t = {point.budget:.3g}" in ball
    assert f"β̂₁ = {point.beta[0]:.3g}" in coefs and f"{point.test_mse:.3g}" in errors


def test_description_says_where_the_best_lambda_is():
    data = make_two_feature_data()
    path = fit_path(data, "l1")
    best = path.best_test_lambda
    assert "this is (about) the best λ" in describe_point(path, at_lambda(data, path, best))
    assert "more penalty would" in describe_point(path, at_lambda(data, path, best / 10))
    assert "less penalty would" in describe_point(path, at_lambda(data, path, best * 10))
    assert "Both coefficients are exactly 0" in describe_point(path, at_lambda(data, path, 9.0))


@pytest.mark.parametrize("state", [DEFAULTS, *PRESETS.values(), {**DEFAULTS, "n": 80, "seed": 3}])
def test_code_snippet_fits_the_same_model_with_scikit_learn(state, capsys):
    namespace: dict = {}
    exec(compile(code_snippet(**state), "snippet", "exec"), namespace)
    data = make_two_feature_data(
        state["n"], correlation=state["rho"], noise=state["noise"], seed=state["seed"]
    )
    path = fit_path(data, state["penalty"])
    point = at_lambda(data, path, state["lam"])
    np.testing.assert_allclose(namespace["beta"], point.beta, atol=1e-8)
    np.testing.assert_allclose(namespace["twin"], point.beta, atol=1e-8)
    assert namespace["t"] == pytest.approx(point.budget, abs=1e-8)
    assert namespace["test_mse"] == pytest.approx(point.test_mse, rel=1e-8)
    assert namespace["train_mse"] == pytest.approx(point.train_mse, rel=1e-8)
    assert "β̂ =" in capsys.readouterr().out


def test_defaults_and_presets_are_full_states_on_the_grid():
    assert LAMBDA_RANGE == pytest.approx((1e-3, 10.0))
    for values in (DEFAULTS, *PRESETS.values()):
        assert set(values) == set(DEFAULTS)
        assert LAMBDA_RANGE[0] <= values["lam"] <= LAMBDA_RANGE[1]


@pytest.mark.parametrize("name", list(PRESETS))
def test_data_and_path_are_the_presets_data_and_fits(name):
    settings = {k: v for k, v in PRESETS[name].items() if k != "lam"}
    data, path = data_and_path(**settings)
    expected = make_two_feature_data(
        settings["n"], correlation=settings["rho"], noise=settings["noise"], seed=settings["seed"]
    )
    np.testing.assert_array_equal(data.X_train, expected.X_train)
    np.testing.assert_array_equal(data.y_test, expected.y_test)
    np.testing.assert_array_equal(path.betas, fit_path(expected, settings["penalty"]).betas)


# --------------------------------------------------------------------------- ▶ Play


@pytest.mark.parametrize("penalty", ["l1", "l2"])
@pytest.mark.parametrize("stacked", [False, True])
def test_play_frames_are_the_model_at_each_lambda_in_all_three_views(penalty, stacked):
    """Frame k shows the model at play_lambdas()[k]: the ball of its budget, β̂, the
    markers on the path and the error curves, and λ on both cursors — all together."""
    data, path = data_and_path(penalty=penalty, n=15, rho=0.7, noise=2.0, seed=0)
    lams = play_lambdas()
    points = sweep(data, path, lams)
    chosen = at_lambda(data, path, 0.32)
    fig = make_play_figure(path, points, chosen=chosen, stacked=stacked)
    go.Figure(fig.to_dict())  # built unvalidated: validate it here
    assert len(fig.frames) == len(lams) and np.all(np.diff(lams) > 0)
    assert fig.layout.sliders[0].active == int(np.argmin(abs(np.log(lams / 0.32))))
    for frame, point, lam in zip(fig.frames, points, lams, strict=True):
        assert point.lam == pytest.approx(lam)
        moved = dict(zip(frame.traces, frame.data, strict=True))
        names = {k: fig.data[k].name for k in frame.traces}
        by_name = {names[k]: moved[k] for k in frame.traces if names[k]}
        beta = by_name[f"β̂(λ = {chosen.lam:.3g})"]
        assert (beta.x[0], beta.y[0]) == pytest.approx(tuple(point.beta))
        ball = np.column_stack(
            [
                by_name[next(n for n in by_name if n.startswith("ball"))].x,
                by_name[next(n for n in by_name if n.startswith("ball"))].y,
            ]
        )
        norms = np.abs(ball).sum(axis=1) if penalty == "l1" else np.hypot(*ball.T)
        np.testing.assert_allclose(norms, point.budget, rtol=1e-4, atol=1e-6)
        markers = by_name["at the chosen λ"]
        np.testing.assert_allclose(markers.y, [*point.beta, point.budget], rtol=1e-6, atol=1e-9)
        assert by_name["training error at the chosen λ"].y[0] == pytest.approx(point.train_mse)
        assert by_name["test error at the chosen λ"].y[0] == pytest.approx(point.test_mse)
        cursors = [moved[k] for k in frame.traces if names[k] == "chosen λ"]
        assert len(cursors) == 2 and all(c.x[0] == pytest.approx(lam) for c in cursors)
        assert cursors[0].text[1] == f"λ = {lam:.3g}"
    # the right-most frame: everything is zero, the ball has shrunk to a point
    assert points[-1].budget == 0.0 or penalty == "l2"


def test_play_figure_fits_the_byte_budget_of_a_move():
    data, path = data_and_path(penalty="l2", n=200, rho=0.9, noise=4.0, seed=3)
    points = sweep(data, path, play_lambdas())
    fig = make_play_figure(path, points, chosen=points[5], classroom=True)
    assert len(fig.to_json()) < 200_000


# --------------------------------------------------------------------------- the CSV


@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_path_table_is_the_fit_at_every_grid_lambda(penalty):
    from regviz.experiments.onelambda import path_table

    data, path = data_and_path(penalty=penalty, n=15, rho=0.7, noise=2.0, seed=0)
    table = path_table(path)
    norm = "‖β̂‖₁" if penalty == "l1" else "‖β̂‖₂"
    assert table.index.name == "λ" and len(table) == len(default_lambdas())
    assert list(table.columns) == ["β̂₁", "β̂₂", f"t(λ) = {norm}", "training MSE", "test MSE"]
    np.testing.assert_array_equal(table.index, path.lambdas)
    for k in (20, 80, 140):  # scikit-learn at three grid λ
        lam = float(path.lambdas[k])
        model = (
            Lasso(alpha=lam, tol=1e-12, max_iter=100_000)
            if penalty == "l1"
            else Ridge(alpha=sklearn_ridge_alpha(lam, len(data.y_train)))
        ).fit(data.X_train, data.y_train)
        row = table.iloc[k]
        np.testing.assert_allclose(row[["β̂₁", "β̂₂"]], model.coef_, atol=1e-7)
        ord_ = 1 if penalty == "l1" else 2
        assert row[f"t(λ) = {norm}"] == pytest.approx(np.linalg.norm(model.coef_, ord_), abs=1e-7)
        for X, y, name in (
            (data.X_train, data.y_train, "training MSE"),
            (data.X_test, data.y_test, "test MSE"),
        ):
            mse = float(np.mean((y - model.predict(X)) ** 2))
            assert row[name] == pytest.approx(mse, rel=1e-7)


def test_path_table_follows_the_settings():
    from regviz.experiments.onelambda import path_table

    tables = [
        path_table(data_and_path(penalty="l1", n=15, rho=0.7, noise=2.0, seed=seed)[1])
        for seed in (0, 1)
    ]
    assert not np.allclose(tables[0]["test MSE"], tables[1]["test MSE"])


@pytest.mark.parametrize("penalty", ["l1", "l2"])
@pytest.mark.parametrize("classroom", [False, True])
def test_every_figure_validates_as_plotly_data(penalty, classroom):
    """The figures are built as plain data and made unvalidated: a misspelt property would
    pass silently, so validate each one here (the three views and Play, wide and stacked)."""
    data, path = data_and_path(penalty=penalty, n=15, rho=0.7, noise=2.0, seed=0)
    point = at_lambda(data, path, 0.32)
    figures = [
        build(path, point, classroom=classroom)
        for build in (make_constraint_figure, make_path_figure, make_error_figure)
    ]
    points = sweep(data, path, play_lambdas())
    for stacked in (False, True):
        figures.append(
            make_play_figure(path, points, chosen=point, classroom=classroom, stacked=stacked)
        )
    for fig in figures:
        go.Figure(fig.to_dict())
