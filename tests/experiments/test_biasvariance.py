"""Tests of regviz.experiments.biasvariance: the decomposition adds up and matches a plain loop."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from regviz.experiments.biasvariance import bias_variance, draw_training_sets
from regviz.experiments.overfit import FeatureSpec, slider_lambdas, true_function

GRID = slider_lambdas(-4, 2, 0.5)


@pytest.mark.parametrize("penalty", ["l2", "l1", "elasticnet"])
@pytest.mark.parametrize("truth", ["sine", "step"])
def test_decomposition_adds_up_within_monte_carlo_error(penalty, truth):
    """|bias² + variance + noise − measured test MSE| ≤ 4·SE at every λ.

    With the variance divided by B, mean_b (f − P)² = bias² + variance holds exactly at
    every evaluation point, so the whole gap is the test noise: −mean_j[σ²ε_j² − σ² +
    2σε_j(f_j − P̄_j)], a mean of m independent zero-mean terms. Its standard error
    ``mc_se`` is estimated from those m terms; 4 SE makes a false alarm ~6e-5 per λ
    (normal tail), small enough over the 13 λ × 6 cases here, and large enough not to
    flake, while a wrong bias or variance (e.g. dividing by B − 1, or a biased mean)
    would leave a gap of order variance / B, far outside it for small λ.
    """
    result = bias_variance(
        truth, n=30, noise=0.3, penalty=penalty, lambdas=GRID, n_sets=40, n_eval=1500, seed=1
    )
    assert np.all(np.abs(result.gap) <= 4 * result.mc_se + 1e-12)
    np.testing.assert_allclose(result.total, result.bias2 + result.variance + 0.09)


def test_decomposition_would_catch_an_unbiased_variance():
    """The tolerance above is tight enough to reject the classic B − 1 slip at small λ."""
    result = bias_variance(n=30, noise=0.3, lambdas=GRID, n_sets=40, n_eval=1500, seed=1)
    wrong_total = result.bias2 + result.variance * 40 / 39 + result.noise
    assert np.any(np.abs(wrong_total - result.expected_test_mse) > 4 * result.mc_se)


def test_vectorized_ridge_matches_a_loop_of_sklearn_fits():
    n, n_sets, m = 25, 6, 80
    spec = FeatureSpec("legendre", 10)
    lambdas = np.array([1e-3, 0.1])
    result = bias_variance(
        "abs", n=n, noise=0.5, features=spec, penalty="l2", lambdas=lambdas,
        n_sets=n_sets, n_eval=m, seed=4,
    )  # fmt: skip
    x_sets, y_sets = draw_training_sets("abs", n=n, noise=0.5, n_sets=n_sets, seed=4)
    eval_rng = np.random.default_rng([4, 2])
    x_eval = eval_rng.uniform(0, 1, m)
    f_eval = true_function("abs", x_eval)
    y_eval = f_eval + 0.5 * eval_rng.standard_normal(m)
    for k, lam in enumerate(lambdas):
        predictions = np.array(
            [
                make_pipeline(StandardScaler(), Ridge(alpha=n * lam))
                .fit(spec.transform(x_sets[b]), y_sets[b])
                .predict(spec.transform(x_eval))
                for b in range(n_sets)
            ]
        )
        mean = predictions.mean(axis=0)
        assert result.bias2[k] == pytest.approx(np.mean((mean - f_eval) ** 2), rel=1e-8)
        assert result.variance[k] == pytest.approx(np.mean(predictions.var(axis=0)), rel=1e-8)
        assert result.expected_test_mse[k] == pytest.approx(
            np.mean((y_eval - predictions) ** 2), rel=1e-8
        )


def test_lasso_matches_a_loop_of_sklearn_fits():
    n, n_sets, m = 30, 3, 60
    spec = FeatureSpec("legendre", 8)
    lam = 0.02
    result = bias_variance(
        "sine", n=n, noise=0.3, features=spec, penalty="l1", lambdas=np.array([lam]),
        n_sets=n_sets, n_eval=m, seed=2,
    )  # fmt: skip
    x_sets, y_sets = draw_training_sets("sine", n=n, noise=0.3, n_sets=n_sets, seed=2)
    x_eval = np.random.default_rng([2, 2]).uniform(0, 1, m)
    predictions = np.array(
        [
            make_pipeline(StandardScaler(), Lasso(alpha=lam, tol=1e-10, max_iter=100_000))
            .fit(spec.transform(x_sets[b]), y_sets[b])
            .predict(spec.transform(x_eval))
            for b in range(n_sets)
        ]
    )
    assert result.variance[0] == pytest.approx(np.mean(predictions.var(axis=0)), rel=1e-3)


def test_large_lambda_gives_the_variance_of_the_sample_mean():
    """At huge λ every fit is ȳ, whose variance over sets is (Var f(X) + σ²)/n exactly.

    For the sine on Uniform(0, 1), Var f(X) = 1/2. The estimate over B sets has relative
    standard error √(2/(B − 1)) (a sample variance), so 4 of those is the tolerance.
    """
    n, n_sets, noise = 20, 400, 0.5
    result = bias_variance(
        "sine", n=n, noise=noise, lambdas=np.array([1e9]), n_sets=n_sets, n_eval=500, seed=3
    )
    expected = (0.5 + noise**2) / n
    assert result.variance[0] == pytest.approx(expected, rel=4 * np.sqrt(2 / (n_sets - 1)))
    # Bias² is then the spread of f around its mean: Var f(X) = 1/2 (up to eval sampling).
    assert result.bias2[0] == pytest.approx(0.5, abs=0.05)


def test_bias_falls_and_variance_rises_as_lambda_shrinks():
    result = bias_variance(n=30, noise=0.3, lambdas=GRID, n_sets=30, n_eval=500, seed=0)
    assert result.variance[0] > 10 * result.variance[-1]
    # (Estimated bias² at small λ carries + variance/B of Monte Carlo inflation: factor 4.)
    assert result.bias2[-1] > 4 * result.bias2[0]
    assert 0 < result.best_index < GRID.size - 1


@pytest.mark.parametrize("penalty", ["l2", "l1"])
def test_progress_is_reported_in_increasing_fractions_up_to_one(penalty):
    seen: list[float] = []
    bias_variance(penalty=penalty, lambdas=GRID, n_sets=25, n_eval=100, progress=seen.append)
    assert len(seen) >= 3
    assert np.all(np.diff(seen) > 0)
    assert seen[-1] == pytest.approx(1.0)


def test_same_seed_same_result():
    first = bias_variance(penalty="l1", lambdas=GRID, n_sets=10, n_eval=100, seed=9)
    second = bias_variance(penalty="l1", lambdas=GRID, n_sets=10, n_eval=100, seed=9)
    np.testing.assert_array_equal(first.bias2, second.bias2)
    np.testing.assert_array_equal(first.expected_test_mse, second.expected_test_mse)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"penalty": "l0"}, "Unknown penalty"),
        ({"n_sets": 1}, "at least 2 training sets"),
        ({"n": 1}, "at least 2 points"),
        ({"noise": -0.1}, "σ"),
        ({"truth": "cosine"}, "Unknown true function"),
    ],
)
def test_bad_input_raises_a_plain_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        bias_variance(**{"lambdas": GRID, "n_sets": 5, "n_eval": 10, **kwargs})
