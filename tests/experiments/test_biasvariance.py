"""Tests of regviz.experiments.biasvariance: the decomposition adds up and matches a plain loop."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from regviz.experiments.biasvariance import (
    BiasVariance,
    bias_variance,
    describe_bias_variance,
    draw_training_sets,
    low_bias_at_small_lambda,
)
from regviz.experiments.overfit import FeatureSpec, slider_lambdas, true_function

GRID = slider_lambdas(-4, 2, 0.5)


@pytest.mark.parametrize("penalty", ["l2", "l1", "elasticnet"])
@pytest.mark.parametrize("truth", ["sine", "step"])
def test_decomposition_adds_up_within_monte_carlo_error(penalty, truth):
    """|bias² + variance + noise − measured test MSE| ≤ 4·SE at every λ.

    bias² (with s²/B subtracted) + variance (denominator B − 1) = mean_b (f − P)² holds
    exactly at every evaluation point, so the whole gap is the test noise: −mean_j[σ²ε_j²
    − σ² + 2σε_j(f_j − P̄_j)], a mean of m independent zero-mean terms. Its standard error
    ``mc_se`` is estimated from those m terms; 4 SE makes a false alarm ~6e-5 per λ
    (normal tail), small enough over the 13 λ × 6 cases here, and large enough not to
    flake, while a wrong bias or variance (e.g. a bias² that keeps the variance/B of the
    mean) would leave a gap of order variance / B, far outside it for small λ.
    """
    result = bias_variance(
        truth, n=30, noise=0.3, penalty=penalty, lambdas=GRID, n_sets=40, n_eval=1500, seed=1
    )
    assert np.all(np.abs(result.gap) <= 4 * result.mc_se + 1e-12)
    np.testing.assert_allclose(result.total, result.bias2 + result.variance + 0.09)


def test_decomposition_would_catch_the_old_inflated_bias():
    """The tolerance above rejects bias² = (P̄ − f)² without the s²/B correction."""
    result = bias_variance(n=30, noise=0.3, lambdas=GRID, n_sets=40, n_eval=1500, seed=1)
    wrong_total = result.total + result.variance / 40
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
        s2 = predictions.var(axis=0, ddof=1)
        expected_bias2 = np.mean((mean - f_eval) ** 2 - s2 / n_sets)
        assert result.bias2[k] == pytest.approx(expected_bias2, rel=1e-8)
        assert result.variance[k] == pytest.approx(np.mean(s2), rel=1e-8)
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
    assert result.variance[0] == pytest.approx(np.mean(predictions.var(axis=0, ddof=1)), rel=1e-3)


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


# ------------------------------------------------------- an unbiased bias² and its error

UNBIASED_GRID = np.array([1e-5, 1e-3, 1e-1, 10.0])


def _runs(penalty: str, n_sets: int, seeds: range, n_eval: int = 200) -> list:
    return [
        bias_variance(
            "sine",
            n=30,
            noise=0.3,
            penalty=penalty,
            lambdas=UNBIASED_GRID,
            n_sets=n_sets,
            n_eval=n_eval,
            seed=s,
            eval_seed=999,
        )  # fmt: skip
        for s in seeds
    ]


@pytest.mark.parametrize(
    ("penalty", "n_sets", "n_repeats", "reference_sets"),
    [("l2", 5, 300, 4000), ("l2", 10, 200, 4000), ("l1", 5, 120, 1000)],
)
def test_bias2_is_unbiased_at_small_B_against_a_large_B_reference(
    penalty, n_sets, n_repeats, reference_sets
):
    """Averaged over many seeds, bias² from B = 5 or 10 sets equals the large-B value.

    The page's defaults (sine, n = 30, σ = 0.3, Legendre degree 15), on the same 200
    evaluation points (``eval_seed``), at λ from 10⁻⁵ (where the old estimate rose) to 10.
    The reference is one run with thousands of sets (independent training sets: seed
    10,000). |mean − reference| must stay within 4 combined standard errors (the spread
    over seeds / √repeats and the reference's jackknife SE), while the old estimate
    (P̄ − f)², which is bias² + s²/B, is rejected by the same test at every small λ.
    """
    runs = _runs(penalty, n_sets, range(n_repeats))
    reference = _runs(penalty, reference_sets, range(10_000, 10_001))[0]
    new = np.array([r.bias2 for r in runs])
    old = new + np.array([r.variance for r in runs]) / n_sets
    for estimate, should_pass in ((new, True), (old, False)):
        se = np.hypot(estimate.std(axis=0, ddof=1) / np.sqrt(n_repeats), reference.bias2_se)
        z = (estimate.mean(axis=0) - reference.bias2) / se
        if should_pass:
            assert np.all(np.abs(z) < 4), z
        else:
            assert np.all(z[:2] > 4), z  # λ = 1e-5 and 1e-3: the inflation is detected


def test_jackknife_standard_error_matches_the_spread_over_seeds():
    runs = _runs("l2", 20, range(150))
    spread = np.array([r.bias2 for r in runs]).std(axis=0, ddof=1)
    typical_se = np.sqrt(np.mean(np.square([r.bias2_se for r in runs]), axis=0))
    assert np.all((typical_se > 0.6 * spread) & (typical_se < 1.6 * spread)), (typical_se, spread)
    spread_v = np.array([r.variance for r in runs]).std(axis=0, ddof=1)
    typical_v = np.sqrt(np.mean(np.square([r.variance_se for r in runs]), axis=0))
    assert np.all((typical_v > 0.6 * spread_v) & (typical_v < 1.6 * spread_v))


def test_two_sets_have_no_standard_error():
    result = bias_variance(lambdas=GRID, n_sets=2, n_eval=50)
    assert np.all(np.isnan(result.bias2_se)) and np.all(np.isfinite(result.bias2))


@pytest.mark.parametrize("penalty", ["l2", "l1"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_page_claim_small_lambda_low_bias_holds_at_B_10(penalty, seed):
    """The page's slider grid and defaults, B = 10 (the slider's minimum)."""
    result = bias_variance(
        "sine", n=30, noise=0.3, penalty=penalty, lambdas=slider_lambdas(-5, 2, 0.1),
        n_sets=10, n_eval=500, seed=seed,
    )  # fmt: skip
    assert low_bias_at_small_lambda(result)
    assert describe_bias_variance({penalty: result}).startswith(
        "**What to notice.** Small λ: low bias, high variance."
    )


def _fake(bias2, se, variance=(9.0, 1.0, 0.1, 0.01)) -> BiasVariance:
    n = len(bias2)
    return BiasVariance(
        penalty="l2", lambdas=np.geomspace(1e-3, 1.0, n), bias2=np.array(bias2, float),
        variance=np.array(variance, float), noise=0.09, expected_test_mse=np.ones(n),
        mc_se=np.ones(n), n_sets=10, n_eval=100, bias2_se=np.array(se, float),
        variance_se=np.full(n, 0.01),
    )  # fmt: skip


def test_low_bias_rule_flips_when_the_evidence_does():
    # bias² + variance is lowest at index 2; bias² below it is flat, above it rises.
    assert low_bias_at_small_lambda(_fake([0.05, 0.04, 0.04, 0.5], [0.01] * 4))
    # bias² that rises towards small λ by far more than its error: the rule fails ...
    assert not low_bias_at_small_lambda(_fake([2.0, 0.04, 0.04, 0.5], [0.01] * 4))
    # ... but not when the same rise is within two standard errors.
    assert low_bias_at_small_lambda(_fake([2.0, 0.04, 0.04, 0.5], [1.5, 0.01, 0.01, 0.01]))
    # No rise at large λ: the rule fails too.
    assert not low_bias_at_small_lambda(_fake([0.05, 0.04, 0.04, 0.045], [0.01] * 4))
    text = describe_bias_variance({"l2": _fake([2.0, 0.04, 0.04, 0.5], [0.01] * 4)})
    assert "not yet clearly low" in text and "low bias, high variance" not in text


def test_caption_reports_bias_with_its_standard_error():
    result = bias_variance(lambdas=GRID, n_sets=20, n_eval=200, seed=4)
    text = describe_bias_variance({"l2": result})
    assert f"bias² goes from {result.bias2[0]:.2g} ± {result.bias2_se[0]:.1g}" in text
    assert "L2 (ridge)" in text and "Monte Carlo standard errors at worst" in text
