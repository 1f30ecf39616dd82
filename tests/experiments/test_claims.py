"""Tests of the claims' experiments: verdicts follow the stated rules and flip with the evidence.

The registry itself, the key numbers, texts and code snippets: test_claims_registry.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LinearRegression, Ridge, lars_path

from regviz.experiments.claims import (
    CLAIMS,
    PROPORTION_DESIGN_HELP,
    Verdict,
    binary_verdict,
    check_binary,
    check_collinearity,
    check_gradient,
    check_outliers,
    check_proportion,
    check_sparse,
    check_unique,
    collinearity_verdict,
    common_shrinkage,
    gradient_verdict,
    ista_on_data,
    lasso_objective,
    lasso_pull_distance,
    lasso_zero_threshold,
    outliers_verdict,
    proportion_verdict,
    ridge_fit,
    sparse_regression_data,
    sparse_verdict,
    unique_verdict,
)

# What the rules give on the seeded default experiments.
EXPECTED_DEFAULT = {
    "sparse": Verdict.TRUE,
    "binary": Verdict.FALSE,
    "gradient": Verdict.FALSE,
    "unique": Verdict.TRUE,
    "collinearity": Verdict.TRUE,
    "proportion": Verdict.FALSE,
    "outliers": Verdict.FALSE,
}


def test_every_claim_has_a_check_and_a_rule() -> None:
    assert set(CLAIMS) == set(EXPECTED_DEFAULT)
    assert all(claim.rule and claim.statement and claim.check for claim in CLAIMS.values())


@pytest.mark.parametrize("claim", list(EXPECTED_DEFAULT))
def test_default_verdict(claim: str) -> None:
    evidence = CLAIMS[claim].run(seed=0)
    assert evidence.verdict is EXPECTED_DEFAULT[claim]
    assert evidence.summary


@pytest.mark.parametrize("claim", [key for key, claim in CLAIMS.items() if claim.flip])
def test_flip_settings_change_the_verdict(claim: str) -> None:
    default = CLAIMS[claim].run(seed=0).verdict
    flipped = CLAIMS[claim].run(seed=0, **CLAIMS[claim].flip).verdict
    assert flipped is not default


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_default_verdicts_are_not_a_lucky_seed(seed: int) -> None:
    for claim in ("sparse", "binary", "unique", "outliers", "collinearity"):
        assert CLAIMS[claim].run(seed=seed).verdict is EXPECTED_DEFAULT[claim], claim
    # Correlated features never shrink in one proportion; whether some coefficient also
    # grows or flips sign (FALSE rather than HALF-TRUE) depends on the data set.
    assert CLAIMS["proportion"].run(seed=seed).verdict is not Verdict.TRUE


# ----------------------------------------------------------------- rules on evidence


def test_sparse_rule_and_evidence() -> None:
    ev = check_sparse(seed=0)
    assert ev.verdict is sparse_verdict(ev.lasso_zeros, ev.ridge_zeros)
    assert ev.lasso_zeros == int(np.sum(ev.lasso_coef == 0.0)) > 0
    assert ev.ridge_zeros == 0
    # Same λ convention as scikit-learn: Lasso(alpha=λ), Ridge(alpha=n·λ).
    X, y, _ = sparse_regression_data(seed=0)
    ref = Lasso(alpha=0.1, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    np.testing.assert_allclose(ev.lasso_coef, ref, atol=1e-7)
    np.testing.assert_allclose(ev.ridge_coef, Ridge(alpha=len(y) * 0.1).fit(X, y).coef_)
    assert sparse_verdict(3, 1) is Verdict.FALSE
    assert sparse_verdict(0, 0) is Verdict.HALF_TRUE


def test_binary_rule() -> None:
    ev = check_binary(seed=0)
    assert ev.verdict is binary_verdict(ev.lasso_coef[ev.lasso_coef != 0])
    assert ev.n_not_unit > 0
    assert binary_verdict(np.array([1.0, -1.0, 1.0])) is Verdict.TRUE
    assert binary_verdict(np.array([])) is Verdict.HALF_TRUE
    # A huge λ zeroes everything: nothing is left to judge.
    assert check_binary(seed=0, lam=100.0).verdict is Verdict.HALF_TRUE


def test_ista_reaches_the_coordinate_descent_optimum() -> None:
    ev = check_gradient(seed=0, n_iter=2000)
    np.testing.assert_allclose(ev.ista_coef, ev.reference_coef, atol=1e-6)
    assert np.array_equal(ev.ista_coef == 0, ev.reference_coef == 0)
    assert ev.ista_zeros > 0 and ev.subgradient_zeros == 0
    assert ev.ista_gap[-1] <= 1e-6 < ev.subgradient_gap[-1]
    assert gradient_verdict(1e-9, True) is Verdict.FALSE
    assert gradient_verdict(1e-9, False) is Verdict.HALF_TRUE
    # TRUE needs a stall: a long run whose second half did not even halve the gap ...
    assert gradient_verdict(0.5, False, halfway_gap=0.52, n_iter=1000) is Verdict.TRUE
    # ... not a short run, a run still making progress, or a run whose progress is unknown.
    assert gradient_verdict(0.5, False, halfway_gap=0.52, n_iter=5) is Verdict.HALF_TRUE
    assert gradient_verdict(0.5, False, halfway_gap=5.0, n_iter=1000) is Verdict.HALF_TRUE
    assert gradient_verdict(0.5, False) is Verdict.HALF_TRUE


@pytest.mark.parametrize("n_iter", [1, 2, 3, 5, 10, 19])
@pytest.mark.parametrize("lam", [0.001, 0.1])
def test_gradient_too_few_iterations_is_never_true(n_iter, lam) -> None:
    """The slider starts at 1 iteration: ISTA is far from done, which proves nothing."""
    evidence = check_gradient(seed=0, n_iter=n_iter, lam=lam)
    assert evidence.verdict is not Verdict.TRUE


def test_ista_objective_decreases_monotonically() -> None:
    X, y, _ = sparse_regression_data(seed=4)
    xc, yc = X - X.mean(axis=0), y - y.mean()
    beta, history = ista_on_data(xc, yc, 0.1, 200)
    assert np.all(np.diff(history) <= 1e-12)
    assert history[-1] == pytest.approx(lasso_objective(X, y, beta, 0.1))


def test_unique_duplicate_feature_gives_many_lasso_solutions() -> None:
    ev = check_unique(seed=0)
    sums = ev.lasso_pairs.sum(axis=1)
    np.testing.assert_allclose(sums, sums[0], rtol=1e-6)  # same total weight
    assert ev.lasso_spread > 0.5  # ... split in clearly different ways
    assert ev.lasso_objective_spread <= 1e-8
    np.testing.assert_allclose(ev.ridge_pairs[:, 0], ev.ridge_pairs[:, 1], rtol=1e-8)
    assert unique_verdict(0.5, 1e-12, 1e-3) is Verdict.FALSE
    # Different coefficients at unequal cost: an unfinished solver, not two solutions.
    assert unique_verdict(0.5, 1e-3, 0.0) is Verdict.HALF_TRUE
    assert unique_verdict(0.5, 1e-12, 0.0) is Verdict.TRUE
    assert "unequal cost" in CLAIMS["unique"].rule


def test_collinearity_uses_the_exact_2d_solver_like_sklearn() -> None:
    ev = check_collinearity(seed=0, n_sets=5)
    rng = np.random.default_rng(0)
    z = rng.standard_normal((5, 50, 2))
    x2 = ev.correlation * z[..., 0] + np.sqrt(1 - ev.correlation**2) * z[..., 1]
    X = np.stack([z[..., 0], x2], axis=-1)
    y = X.sum(axis=-1) + rng.standard_normal((5, 50))
    for s in range(5):
        ref = Lasso(alpha=ev.lam, tol=1e-12, max_iter=100_000).fit(X[s], y[s]).coef_
        np.testing.assert_allclose(ev.lasso_betas[s], ref, atol=1e-6)
    assert collinearity_verdict(0.1, 0.6) is Verdict.TRUE
    assert collinearity_verdict(0.1, 0.1) is Verdict.HALF_TRUE
    assert collinearity_verdict(0.5, 0.1) is Verdict.FALSE


@pytest.mark.parametrize(
    ("design", "expected"),
    [("orthonormal", Verdict.TRUE), ("scaled", Verdict.HALF_TRUE), ("correlated", Verdict.FALSE)],
)
def test_proportion_depends_on_the_design(design: str, expected: Verdict) -> None:
    ev = check_proportion(seed=0, design=design)
    assert ev.verdict is expected
    if design == "orthonormal":
        np.testing.assert_allclose(ev.ratios, 1 / (1 + ev.lam), rtol=1e-8)


def test_proportion_rule() -> None:
    assert proportion_verdict(np.full(4, 0.5)) is Verdict.TRUE
    assert proportion_verdict(np.array([0.2, 0.9])) is Verdict.HALF_TRUE
    assert proportion_verdict(np.array([0.2, 1.3])) is Verdict.FALSE


@pytest.mark.parametrize("scale", [0.5, 1.0, 3.0])
def test_equal_proportions_for_any_gram_proportional_to_identity(scale) -> None:
    """Not only orthonormal features: XᵀX/n = c·I gives the common ratio c/(c + λ)."""
    rng = np.random.default_rng(1)
    n, lam = 40, 0.7
    z = rng.standard_normal((n, 4))
    q, _ = np.linalg.qr(z - z.mean(axis=0))  # centered, orthonormal columns
    X = np.sqrt(n * scale) * q  # XᵀX/n = scale·I
    y = X @ np.array([1.0, -2.0, 0.5, 3.0]) + rng.standard_normal(n)
    ratios = ridge_fit(X, y, lam) / LinearRegression().fit(X, y).coef_
    np.testing.assert_allclose(ratios, scale / (scale + lam), rtol=1e-8)
    assert proportion_verdict(ratios) is Verdict.TRUE
    assert common_shrinkage(X, lam) == pytest.approx(scale / (scale + lam))
    # Stretch one feature: the Gram matrix is no longer ∝ I and the verdict flips.
    stretched = X * np.array([1.0, 1.0, 1.0, 2.0])
    ratios = ridge_fit(stretched, y, lam) / LinearRegression().fit(stretched, y).coef_
    assert proportion_verdict(ratios) is Verdict.HALF_TRUE
    assert common_shrinkage(stretched, lam) is None


def test_proportion_texts_say_proportional_gram_not_only_orthonormal() -> None:
    assert "XᵀX ∝ I" in CLAIMS["proportion"].rule
    assert "XᵀX ∝ I" in PROPORTION_DESIGN_HELP
    assert "only" not in check_proportion(seed=0, design="orthonormal").summary
    assert "XᵀX ∝ I" in check_proportion(seed=0, design="scaled").summary


def test_outliers_lasso_moves_with_least_squares_lad_does_not() -> None:
    ev = check_outliers(seed=0)
    shifts = ev.shifts
    assert shifts["lasso (L1 penalty)"] == pytest.approx(shifts["least squares"], rel=1e-4)
    assert shifts["least absolute deviation (L1 loss)"] < 0.2 * shifts["least squares"]
    assert outliers_verdict(0.1, 0.1, 1.0) is Verdict.TRUE
    assert outliers_verdict(0.3, 0.1, 1.0) is Verdict.HALF_TRUE
    with pytest.raises(ValueError, match="nothing to compare"):
        outliers_verdict(0.0, 0.0, 0.0)


@pytest.mark.parametrize("lam", [0.001, 0.2, 1.0, 3.2])
@pytest.mark.parametrize("size", [1, 5, 20, 40])
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_outlier_verdict_measures_the_pull_over_the_whole_slider_range(lam, size, seed) -> None:
    """The lasso's slope follows the outlier like least squares wherever it is not 0.

    At the top of the λ range the old rule (shift from the clean slope) read a zero
    clean slope as resistance and said TRUE or HALF-TRUE; the pull cannot be fooled so.
    """
    ev = check_outliers(seed=seed, lam=lam, outlier_size=size)
    assert ev.verdict is Verdict.FALSE
    assert ev.pulls["lasso (L1 penalty)"] == pytest.approx(ev.pulls["least squares"], rel=1e-6)
    # The lasso slope is non-zero where its pull was measured, as sklearn confirms.
    y = ev.y_clean.copy()
    y[-1] += ev.pull_size
    slope = Lasso(alpha=lam, tol=1e-12, max_iter=100_000).fit(ev.x[:, None], y).coef_[0]
    assert slope != 0.0


def test_outlier_verdict_flips_when_the_evidence_does() -> None:
    ev = check_outliers(seed=0, lam=0.2, outlier_size=20)
    lad = ev.pulls["least absolute deviation (L1 loss)"]
    ols = ev.pulls["least squares"]
    # A fit that resists like the L1 loss is TRUE; one pulled a third as hard, HALF-TRUE.
    assert outliers_verdict(lad, lad, ols) is Verdict.TRUE
    assert outliers_verdict(lad + ols / 3, lad, ols) is Verdict.HALF_TRUE
    assert outliers_verdict(ev.pulls["lasso (L1 penalty)"], lad, ols) is Verdict.FALSE


def test_lasso_pull_distance_is_where_the_slope_leaves_zero() -> None:
    ev = check_outliers(seed=1, lam=3.2, outlier_size=5)
    assert ev.pull_size > 5  # λ = 3.2 keeps the slope at 0 with a 5 σ outlier

    def slope(size):
        y = ev.y_clean.copy()
        y[-1] += size
        return Lasso(alpha=3.2, tol=1e-12, max_iter=100_000).fit(ev.x[:, None], y).coef_[0]

    assert slope(5.0) == 0.0 and slope(ev.pull_size - 1.01) == 0.0
    assert slope(ev.pull_size - 0.99) != 0.0
    assert lasso_pull_distance(ev.x, ev.y_clean, 3.2, 40.0) == 40.0


# The (seed, k) slider settings where the old grid-based "every λ ≥ λ₀" was false.
OLD_FAILURES = [(0, 8), (0, 11), (9, 4), (12, 18), (19, 7), (36, 19)]


@pytest.mark.parametrize(("seed", "k"), OLD_FAILURES + [(0, 5), (3, 20), (50, 1), (25, 12)])
def test_exact_zeros_for_every_lambda_above_lambda0(seed, k) -> None:
    """Checked with scikit-learn's Lasso on a fine grid from λ₀ to λ_max, and just below."""
    X, y, _ = sparse_regression_data(seed=seed, p=20, k=k)
    lam0, warned = lasso_zero_threshold(X, y)
    assert warned == 0
    xc, yc = X - X.mean(axis=0), y - y.mean()
    lam_max = np.abs(xc.T @ yc).max() / len(y)

    def zeros(lam):
        coef = Lasso(alpha=lam, tol=1e-12, max_iter=1_000_000).fit(X, y).coef_
        return int(np.sum(coef == 0.0))

    for lam in np.geomspace(lam0 * (1 + 1e-6), lam_max, 40):
        assert zeros(lam) > 0, lam
    if lam0 > 0:
        assert zeros(lam0 * (1 - 1e-3)) == 0
    assert f"for every λ ≥ {lam0:.3g}" in check_sparse(seed=seed, k=k).summary


def test_lambda0_statement_holds_on_every_slider_combination() -> None:
    """All 51 seeds × 20 values of k: λ₀ from the exact path, re-checked on its own knots."""
    for seed in range(51):
        for k in range(1, 21):
            X, y, _ = sparse_regression_data(seed=seed, p=20, k=k)
            lam0, _ = lasso_zero_threshold(X, y)
            xc, yc = X - X.mean(axis=0), y - y.mean()
            alphas, _, coefs = lars_path(xc, yc, method="lasso")
            # Every interval of the exact path above λ₀ keeps some coefficient at 0.
            for j in range(len(alphas) - 1):
                if alphas[j + 1] >= lam0:
                    assert np.any((coefs[:, j] == 0) & (coefs[:, j + 1] == 0)), (seed, k)


@pytest.mark.parametrize(
    ("check", "kwargs"),
    [
        (check_sparse, {"lam": -1.0}),
        (check_sparse, {"k": 0}),
        (check_gradient, {"n_iter": 0}),
        (check_unique, {"lam": 0.0}),
        (check_collinearity, {"correlation": 1.0}),
        (check_proportion, {"design": "diagonal"}),
        (check_outliers, {"outlier_size": 0.0}),
        (check_binary, {"seed": -3}),
    ],
)
def test_invalid_settings_raise_plain_value_errors(check, kwargs) -> None:
    with pytest.raises(ValueError):
        check(**kwargs)


# --------------------------------------------------------------------------- the CSV


@pytest.mark.parametrize("claim_id", list(CLAIMS))
def test_every_claim_has_a_table_of_its_figure_with_a_named_index(claim_id):
    from regviz.experiments.claims import claim_table

    table = claim_table(CLAIMS[claim_id].run(seed=0))
    assert len(table) >= 2 and table.shape[1] >= 1
    assert all(name for name in table.index.names), table.index.names
    assert table.select_dtypes("number").notna().all().all()


def test_claim_tables_hold_the_evidence_and_follow_the_settings():
    from regviz.experiments.claims import claim_table

    ev = check_sparse(seed=0, lam=0.1)
    table = claim_table(ev)
    X, y, beta = sparse_regression_data(seed=0)
    lasso = Lasso(alpha=0.1, tol=1e-12, max_iter=200_000).fit(X, y).coef_
    np.testing.assert_array_equal(table["truth"], beta)
    np.testing.assert_allclose(table["lasso (L1)"], lasso, atol=1e-6)
    assert table["lasso exactly 0"].tolist() == (ev.lasso_coef == 0.0).tolist()
    ridge = Ridge(alpha=len(y) * 0.1).fit(X, y).coef_
    np.testing.assert_allclose(table["ridge (L2)"], ridge, rtol=1e-8, atol=1e-10)
    tiny = claim_table(check_sparse(seed=0, lam=0.001))
    assert tiny["lasso exactly 0"].sum() < table["lasso exactly 0"].sum()

    gradient = check_gradient(seed=0, n_iter=40)
    gaps = claim_table(gradient)
    assert gaps.index.tolist() == list(range(1, 41))
    np.testing.assert_array_equal(gaps.iloc[:, 0], gradient.ista_gap)
    assert len(claim_table(check_gradient(seed=0, n_iter=60))) == 60

    unique = check_unique(seed=0)
    points = claim_table(unique)
    np.testing.assert_array_equal(points.loc["lasso (L1)", ["β₁", "β₂"]], unique.lasso_pairs)
    np.testing.assert_array_equal(points.loc["ridge (L2)", "objective"], unique.ridge_objectives)

    collinear = check_collinearity(seed=0)
    pairs = claim_table(collinear)
    np.testing.assert_array_equal(pairs.loc["lasso (L1)", ["β₁", "β₂"]], collinear.lasso_betas)

    proportion = check_proportion(seed=0)
    bars = claim_table(proportion)
    np.testing.assert_allclose(bars["ridge ÷ least squares"], bars["ridge"] / bars["least squares"])
    flipped = claim_table(check_proportion(seed=0, **CLAIMS["proportion"].flip))
    assert np.ptp(flipped["ridge ÷ least squares"]) < np.ptp(bars["ridge ÷ least squares"])

    outliers = check_outliers(seed=0)
    lines = claim_table(outliers)
    x, y_out = outliers.x, outliers.y
    slope, intercept = np.polyfit(x, y_out, 1)
    assert lines.loc["least squares", "slope"] == pytest.approx(slope, rel=1e-8)
    assert lines.loc["least squares", "intercept"] == pytest.approx(intercept, rel=1e-8, abs=1e-10)
    further = claim_table(check_outliers(seed=0, outlier_size=40))
    assert further.loc["least squares", "slope"] > lines.loc["least squares", "slope"]

    binary = check_binary(seed=0)
    np.testing.assert_array_equal(claim_table(binary)["lasso (L1)"], binary.lasso_coef)
