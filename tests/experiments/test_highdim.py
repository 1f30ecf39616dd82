"""Tests of highdim: lasso vs ridge at matched ‖β‖₂ on random p-feature problems."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

from regviz.experiments.highdim import (
    DEFAULTS,
    describe_highdim,
    fit_pair,
    highdim_alt_text,
    random_regression,
    ridge_lambda_for_norm,
    simulate_highdim,
)


@pytest.mark.parametrize("p", [2, 10, 50])
def test_ridge_lambda_gives_the_target_norm_in_sklearn(p):
    rng = np.random.default_rng(p)
    X, y = random_regression(rng, 100, p, 0.3, 1.0)
    ols = np.linalg.lstsq(X - X.mean(0), y - y.mean(), rcond=None)[0]
    target = 0.4 * np.linalg.norm(ols)
    lam = ridge_lambda_for_norm(X, y, target)
    # Independent check: scikit-learn's Ridge at alpha = n·λ has that norm.
    coef = Ridge(alpha=len(y) * lam).fit(X, y).coef_
    assert np.linalg.norm(coef) == pytest.approx(target, rel=1e-8)
    # A target longer than least squares needs no penalty.
    assert ridge_lambda_for_norm(X, y, 2 * np.linalg.norm(ols)) == 0.0


def test_fit_pair_matches_norms_and_sklearn_lasso():
    rng = np.random.default_rng(0)
    X, y = random_regression(rng, 100, 20, 0.5, 1.0)
    b_lasso, b_ridge = fit_pair(X, y, 0.3)
    lam_max = np.abs((X - X.mean(0)).T @ (y - y.mean())).max() / len(y)
    ref = Lasso(alpha=0.3 * lam_max, tol=1e-10, max_iter=1_000_000).fit(X, y).coef_
    assert np.allclose(b_lasso, ref, atol=1e-5)
    assert np.array_equal(b_lasso == 0.0, ref == 0.0)
    assert np.linalg.norm(b_ridge) == pytest.approx(np.linalg.norm(b_lasso), rel=1e-8)
    assert np.all(b_ridge != 0.0)


def test_lasso_zeroes_more_than_ridge_and_more_with_more_features():
    res = simulate_highdim((2, 10, 50), n_problems=20, strength=0.3, seed=1)
    assert res.max_norm_mismatch < 1e-6
    assert np.all(res.lasso_zero_share >= res.ridge_near_share)
    assert res.lasso_zero_share[-1] > res.lasso_zero_share[0]
    assert sum(q.count for q in res.ridge_any_exact_zero) == 0
    assert res.lasso_any_zero[-1].fraction == 1.0


def test_stronger_lasso_zeroes_more_and_the_run_is_seeded():
    weak = simulate_highdim((10,), n_problems=10, strength=0.05, seed=3)
    strong = simulate_highdim((10,), n_problems=10, strength=0.8, seed=3)
    assert strong.lasso_zero_share[0] > weak.lasso_zero_share[0]
    again = simulate_highdim((10,), n_problems=10, strength=0.8, seed=3)
    assert np.array_equal(again.lasso_zero_share, strong.lasso_zero_share)


def test_progress_reaches_one():
    seen: list[float] = []
    simulate_highdim((2, 3), n_problems=3, progress=seen.append)
    assert len(seen) == 6 and seen[-1] == 1.0


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"p_values": (1,)}, "between 2 and 50"),
        ({"p_values": (60,)}, "between 2 and 50"),
        ({"strength": 1.0}, "strictly between"),
        ({"correlation": 1.0}, "correlation"),
        ({"epsilon": -1.0}, "ε"),
    ],
)
def test_bad_arguments_raise_plain_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        simulate_highdim(**{"n_problems": 2, **kwargs})


# --------------------------------------------------------------------------- the page's words


@pytest.fixture(scope="module")
def small_highdim():
    return simulate_highdim((2, 5, 20), n_problems=6, strength=0.3, seed=5)


def test_describe_highdim_states_the_shares_at_the_smallest_and_largest_p(small_highdim):
    r = small_highdim
    text = describe_highdim(r)
    assert text.startswith(
        f"With p = 20 features the lasso zeroes {100 * r.lasso_zero_share[-1]:.1f} % of the "
        f"coefficients (at least one in {100 * r.lasso_any_zero[-1].count / 6:.0f} % of problems)"
    )
    exact = sum(q.count for q in r.ridge_any_exact_zero)
    assert f"exactly zero in {exact} problems" in text
    assert f"With p = 2: lasso {100 * r.lasso_zero_share[0]:.1f} %" in text


def test_highdim_alt_texts_list_every_p(small_highdim):
    r = small_highdim
    problems = highdim_alt_text(r, "problems")
    coefficients = highdim_alt_text(r, "coefficients")
    for k, p in enumerate((2, 5, 20)):
        share = 100 * r.lasso_any_zero[k].count / 6
        assert f"p = {p}: lasso {share:.1f} %" in problems
        assert f"p = {p}: lasso {100 * r.lasso_zero_share[k]:.1f} %" in coefficients


def test_page_defaults_keep_the_mode_closed_and_match_simulate_highdim():
    assert DEFAULTS["highdim"] is False
    assert DEFAULTS["hd_strength"] == 0.2 and DEFAULTS["hd_corr"] == 0.3


def test_importing_the_module_does_not_import_scikit_learn():
    code = (
        "import sys, regviz.experiments.highdim; "
        "print('sklearn' in sys.modules, 'scipy.optimize' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
