"""Tests of regviz.experiments.paths against independent scikit-learn fits."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge

from regviz.experiments.paths import (
    coefficient_path,
    entry_order,
    glmnet_grid,
    l1_norm_fraction,
    lambda_max,
    support_recovery,
)

PENALTIES = ("l1", "elasticnet", "l2")


def _diabetes():
    return load_diabetes(return_X_y=True)


def _synthetic(n=200, p=50, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) * rng.uniform(0.5, 3.0, p) + rng.uniform(-2, 2, p)
    beta = np.zeros(p)
    beta[:8] = rng.uniform(-3, 3, 8)
    y = X @ beta + 1.5 + rng.standard_normal(n)
    return X, y


DATA = {"diabetes": _diabetes, "synthetic 200x50": _synthetic}


def _reference(penalty, lam, n, l1_ratio=0.5):
    if penalty == "l1":
        return Lasso(alpha=lam, tol=1e-14, max_iter=10**7)
    if penalty == "elasticnet":
        return ElasticNet(alpha=lam, l1_ratio=l1_ratio, tol=1e-14, max_iter=10**7)
    return Ridge(alpha=n * lam)


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("penalty", PENALTIES)
def test_every_column_equals_an_individual_sklearn_fit(data, penalty):
    X, y = DATA[data]()
    # A tight solver tolerance, so that the comparison tests the model, not the stopping rule.
    path = coefficient_path(X, y, penalty, standardize=False, tol=1e-12, max_iter=10**6)
    assert path.coefs.shape == (X.shape[1], 100)
    for k, lam in enumerate(path.lambdas):
        model = _reference(penalty, lam, X.shape[0]).fit(X, y)
        np.testing.assert_allclose(path.coefs[:, k], model.coef_, rtol=0, atol=1e-6)
        np.testing.assert_allclose(path.intercepts[k], model.intercept_, rtol=0, atol=1e-6)


@pytest.mark.parametrize("penalty", ["l1", "elasticnet"])
def test_default_tolerance_is_close_to_the_exact_fit(penalty):
    """With the default tol=1e-6 the path agrees to 1e-4 of the largest coefficient."""
    X, y = _diabetes()
    path = coefficient_path(X, y, penalty, standardize=False)
    for k in range(0, 100, 11):
        model = _reference(penalty, path.lambdas[k], X.shape[0]).fit(X, y)
        scale = np.abs(model.coef_).max() + 1.0
        assert np.abs(path.coefs[:, k] - model.coef_).max() <= 1e-4 * scale


@pytest.mark.parametrize("penalty", PENALTIES)
def test_standardized_fit_equals_sklearn_on_scaled_x_mapped_back(penalty):
    X, y = _synthetic(seed=3)
    path = coefficient_path(X, y, penalty, standardize=True, tol=1e-12, max_iter=10**6)
    sd = X.std(axis=0)
    Xs = (X - X.mean(axis=0)) / sd
    for k in (0, 30, 60, 99):
        model = _reference(penalty, path.lambdas[k], X.shape[0]).fit(Xs, y)
        np.testing.assert_allclose(path.coefs[:, k] * sd, model.coef_, atol=1e-6)
        np.testing.assert_allclose(path.predict(X)[:, k], model.predict(Xs), atol=1e-6)


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("standardize", [True, False])
def test_lasso_is_all_zero_from_lambda_max_up(data, standardize):
    X, y = DATA[data]()
    top = lambda_max(X, y, standardize=standardize)
    path = coefficient_path(X, y, "l1", [top, 1.5 * top, 10 * top], standardize=standardize)
    assert np.all(path.coefs == 0.0)
    np.testing.assert_allclose(path.intercepts, y.mean())
    below = coefficient_path(X, y, "l1", [0.99 * top], standardize=standardize)
    assert np.count_nonzero(below.coefs) >= 1


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("penalty", PENALTIES)
def test_tiny_lambda_approaches_least_squares(data, penalty):
    X, y = DATA[data]()
    assert X.shape[0] > X.shape[1]
    ols = LinearRegression().fit(X, y)
    path = coefficient_path(X, y, penalty, [1e-9], tol=1e-12, max_iter=10**6)
    np.testing.assert_allclose(path.coefs[:, 0], ols.coef_, rtol=1e-4, atol=1e-3)
    np.testing.assert_allclose(path.intercepts[0], ols.intercept_, rtol=1e-4, atol=1e-3)


def test_lambdas_come_back_decreasing_and_exact_zeros_are_counted():
    X, y = _diabetes()
    path = coefficient_path(X, y, "l1", [0.1, 10.0, 1.0])
    np.testing.assert_array_equal(path.lambdas, [10.0, 1.0, 0.1])
    assert list(path.n_nonzero) == sorted(path.n_nonzero)
    # Exact zeros are +0.0 (coordinate descent can return -0.0, shown as "-0" in tables).
    assert not np.any(np.signbit(path.coefs) & (path.coefs == 0))
    ridge = coefficient_path(X, y, "l2", [0.1, 10.0, 1.0])
    assert np.all(ridge.n_nonzero == X.shape[1])


def test_lambda_grid_is_glmnet_like():
    X, y = _diabetes()
    grid = glmnet_grid(X, y, penalty="l1", n_lambdas=50, eps=1e-4)
    assert grid.shape == (50,) and np.all(np.diff(grid) < 0)
    np.testing.assert_allclose(grid[0], lambda_max(X, y))
    np.testing.assert_allclose(grid[-1] / grid[0], 1e-4)
    np.testing.assert_allclose(np.diff(np.log(grid)), np.log(grid[1] / grid[0]))
    enet = glmnet_grid(X, y, penalty="elasticnet", l1_ratio=0.25)
    np.testing.assert_allclose(enet[0], 4 * grid[0])
    ridge = glmnet_grid(X, y, penalty="l2")
    np.testing.assert_allclose(ridge[0], 1000 * grid[0])
    # Ridge at the top of its grid is essentially zero.
    top = coefficient_path(X, y, "l2", ridge[:1])
    assert np.abs(top.standardized_coefs).max() < 1e-2 * np.abs(y - y.mean()).max()


def test_entry_order_and_norm_fraction():
    X, y = _diabetes()
    path = coefficient_path(X, y, "l1")
    order = entry_order(path)
    entries = [lam for _, lam in order]
    assert entries == sorted(entries, reverse=True)
    assert order[0][0] == 2  # bmi is the first feature the lasso lets in on diabetes
    fraction = l1_norm_fraction(path)
    assert fraction[0] == 0.0 and fraction.max() == 1.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"penalty": "l3"}, "Unknown penalty"),
        ({"penalty": "elasticnet", "l1_ratio": 0.0}, "l1_ratio"),
        ({"lambdas": [-1.0]}, "positive"),
    ],
)
def test_invalid_input_raises_a_plain_sentence(kwargs, message):
    X, y = _diabetes()
    with pytest.raises(ValueError, match=message):
        coefficient_path(X, y, **kwargs)


def test_missing_values_are_refused():
    X, y = _diabetes()
    X = X.copy()
    X[0, 0] = np.nan
    with pytest.raises(ValueError, match="missing"):
        coefficient_path(X, y)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(5, 40), p=st.integers(1, 30))
def test_ridge_norm_shrinks_as_lambda_grows(seed, n, p):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = rng.standard_normal(n)
    path = coefficient_path(X, y, "l2", np.geomspace(1e3, 1e-3, 30))
    norms = np.linalg.norm(path.penalized_coefs, axis=0)
    # λ decreases along the grid, so the norm must not decrease.
    assert np.all(np.diff(norms) >= -1e-10 * (1 + norms[:-1]))


def test_support_recovery_counts_hits_false_alarms_and_misses():
    found = support_recovery(np.array([0.5, 0.0, -2.0, 0.0, 1e-12]), np.array([1, 3, 0, 0, 2.0]))
    assert (found.selected, found.true_positives, found.false_positives) == (3, 2, 1)
    assert (found.missed, found.n_true) == (1, 3)
    with pytest.raises(ValueError, match="Shapes differ"):
        support_recovery(np.zeros(3), np.zeros(4))


# --------------------------------------------------------------------------- the page


def _page_result(units="standardized", standardize=True, lam=1.0, shown=("l1", "l2"), data=None):
    from regviz.experiments.crossval import study_paths
    from regviz.experiments.datasets import load_bundled
    from regviz.experiments.paths import PathsAtLambda, coefficients_at

    data = data or load_bundled("diabetes")
    study = study_paths(data.X, data.y, shown, standardize=standardize, l1_ratio=0.5)
    return data, PathsAtLambda(
        lam=lam,
        shown=shown,
        paths=study.paths,
        cvs=study.cv,
        coefs=coefficients_at(data.X, data.y, lam, standardize=standardize),
        feature_names=data.feature_names,
        units=units,
        true_coef=data.true_coef,
    )


def test_defaults_and_presets_are_full_states_of_the_same_settings():
    from regviz.experiments.paths import DEFAULTS, PRESETS, VIEW_PENALTIES

    assert DEFAULTS["view"] == "compare" and VIEW_PENALTIES["compare"] == ("l1", "l2")
    assert DEFAULTS["units"] == "standardized"
    for name, preset in PRESETS.items():
        assert set(preset) == set(DEFAULTS), name
        assert preset["view"] in VIEW_PENALTIES
    assert PRESETS["can the lasso find the truth?"]["source"] == "synthetic"


@pytest.mark.parametrize("standardize", [True, False])
def test_exact_coefficients_at_lambda_equal_sklearn(standardize):
    from regviz.experiments.paths import coefficients_at

    X, y = _synthetic(seed=5)
    lam = 0.07
    coefs = coefficients_at(X, y, lam, l1_ratio=0.3, standardize=standardize)
    sd = X.std(axis=0) if standardize else np.ones(X.shape[1])
    Z = (X - X.mean(axis=0)) / sd
    for penalty, key in (("l1", "l1"), ("elasticnet", "elasticnet"), ("l2", "l2")):
        model = _reference(penalty, lam, X.shape[0], l1_ratio=0.3).fit(Z, y)
        np.testing.assert_allclose(coefs[key] * sd, model.coef_, atol=1e-4)
        assert ((coefs[key] == 0) == (model.coef_ == 0)).all()


def test_lambda_span_holds_every_penalty_grid_and_ends_at_powers_of_ten():
    from regviz.experiments.paths import lambda_span

    X, y = _synthetic(seed=2)
    low, high = lambda_span(X, y)
    assert np.log10(low) == round(np.log10(low)) and np.log10(high) == round(np.log10(high))
    for penalty, r in (("l1", 1.0), ("l2", 0.5), ("elasticnet", 0.05), ("elasticnet", 1.0)):
        grid = glmnet_grid(X, y, penalty=penalty, l1_ratio=r)
        assert low <= grid.min() and grid.max() <= high


def test_describe_paths_counts_what_independent_fits_find():
    from regviz.experiments.paths import describe_paths

    data, result = _page_result(lam=2.0)
    n = data.X.shape[0]
    sd = data.X.std(axis=0)
    Z = (data.X - data.X.mean(axis=0)) / sd
    kept = {p: int(np.count_nonzero(_reference(p, 2.0, n).fit(Z, data.y).coef_)) for p in PENALTIES}
    text = describe_paths(result)
    assert f"the lasso keeps {kept['l1']} of 10 coefficients" in text
    assert f"sets {10 - kept['l1']} to exactly zero" in text
    assert "ridge at the same λ keeps all 10 non-zero" in text
    assert f"the elastic net (r = 0.5) keeps {kept['elasticnet']}." in text
    for penalty, word in (("l1", "the lasso"), ("l2", "ridge")):
        cv = result.cvs[penalty]
        assert f"for {word}, λ_min = {cv.lambda_min:.3g}" in text
        assert f"λ_1se = {cv.lambda_1se:.3g}" in text


def test_describe_convergence_counts_stopped_fits():
    from dataclasses import replace

    from regviz.experiments.paths import describe_convergence

    _, result = _page_result()
    assert describe_convergence(result) == ""
    slow = replace(result.paths["l1"], n_not_converged=3)
    stopped = replace(result, paths={**result.paths, "l1": slow})
    text = describe_convergence(stopped)
    assert text.startswith("L1 (lasso): Coordinate descent stopped at its iteration limit")
    assert "in 3 of 100 λ values of the full fit" in text and "L2 (ridge)" not in text


def test_alt_text_table_and_title_follow_units_and_lambda():
    from regviz.experiments.paths import alt_text, coefficient_table, table_title

    data, result = _page_result(units="original", lam=0.5, shown=("l2",))
    assert table_title(result) == "Coefficients at λ = 0.5, per unit of x"
    table = coefficient_table(result)
    assert list(table.columns) == ["L2 (ridge)", "L1 (lasso)", "Elastic net"]
    np.testing.assert_allclose(table["L1 (lasso)"], result.coefs["l1"])
    _, per_sd = _page_result(units="standardized", lam=0.5, shown=("l2",))
    np.testing.assert_allclose(
        coefficient_table(per_sd)["L2 (ridge)"], result.coefs["l2"] * data.X.std(axis=0)
    )
    alt = alt_text(result, "l2")
    assert alt.startswith("L2 (ridge): paths of 10 coefficients") and "per unit of x" in alt
    assert "At λ = 0.5: 10 non-zero, 0 exactly zero" in alt


@pytest.mark.parametrize(
    ("units", "standardize", "source"),
    [
        ("standardized", True, "diabetes"),
        ("original", False, "diabetes"),
        ("original", True, "synthetic"),
    ],
)
def test_code_snippet_reproduces_the_table(units, standardize, source):
    from regviz.experiments.datasets import make_synthetic
    from regviz.experiments.paths import code_snippet, coefficient_table

    settings = {"n": 120, "p": 15, "k": 3, "rho": 0.4, "sigma": 1.0, "seed": 4}
    data = make_synthetic(120, 15, 3, 0.4, 1.0, 4) if source == "synthetic" else None
    _, result = _page_result(units=units, standardize=standardize, lam=0.3, data=data)
    code = code_snippet(result, source=source, settings=settings, standardize=standardize)
    namespace: dict = {}
    exec(compile(code, "snippet", "exec"), namespace)
    table = coefficient_table(result)
    for name, values in namespace["coefs"].items():
        scale = np.abs(table[name]).max()
        np.testing.assert_allclose(values, table[name], rtol=1e-4, atol=1e-5 * scale)
        assert ((values == 0) == (table[name].to_numpy() == 0)).all(), name


def test_code_for_an_upload_names_the_file_and_columns():
    from regviz.experiments.paths import data_code

    lines = data_code("csv", {"file": "my data.csv", "target": "y", "features": ["a", "b"]})
    assert "open('my data.csv', 'rb')" in lines[1]
    assert lines[-1] == "data = dataset_from_table(table, 'y', ['a', 'b'])"


def test_support_report_on_a_clear_sparse_truth():
    from regviz.experiments.datasets import make_synthetic
    from regviz.experiments.paths import describe_support, support_metrics

    data = make_synthetic(300, 30, 4, 0.2, 0.5, 1)
    _, result = _page_result(data=data, shown=("l1",))
    cv = result.cvs["l1"]
    found = support_recovery(result.paths["l1"].coefs[:, cv.index_1se], data.true_coef)
    metrics = support_metrics(found)
    assert [m[0] for m in metrics] == ["True positives", "False positives", "Missed"]
    assert metrics[0][1] == f"{found.true_positives} of 4" and found.true_positives == 4
    assert f"{found.false_positives} of the 26 truly zero ones" in describe_support(
        found, cv.lambda_1se, 30
    )


def test_entry_table_lists_features_in_entry_order():
    from regviz.experiments.paths import entry_table

    data, result = _page_result(shown=("l1",))
    table = entry_table(result.paths["l1"], data.feature_names)
    order = entry_order(result.paths["l1"])
    assert table["feature"].tolist() == [data.feature_names[j] for j, _ in order]
    assert table.index[0] == 1


MARKDOWN = "\\`*_[]<>!#|~$"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80))
def test_plain_text_escapes_every_markdown_character_and_reads_the_same(text):
    from regviz.experiments.paths import plain_text

    out = plain_text(text)
    assert "\n" not in out
    # Every active character is escaped by one backslash; unescaping gives the flat text.
    unescaped = re_unescape(out).replace("\u200b", "")
    assert unescaped == " ".join(text.replace("\u200b", "").split()) or "\u200b" in text
    index = 0
    while index < len(out):
        if out[index] == "\\":
            assert out[index + 1] in MARKDOWN
            index += 2
            continue
        assert out[index] not in MARKDOWN
        index += 1


def re_unescape(text: str) -> str:
    import re

    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize(
    "link", ["https://host.invalid/x", "www.host.invalid", "me@host.invalid", "![x](u.png)"]
)
def test_plain_text_breaks_links(link):
    import re

    from regviz.experiments.paths import plain_text

    out = plain_text(f"Column '{link}' dropped.")
    assert not re.search(r"https?://|www\.|[\w.+-]@|!\[", out)


# --------------------------------------------------------------------------- the CSV


def test_the_coefficient_table_is_the_lasso_per_sd_and_follows_lambda():
    """The Paths page's download: per-SD coefficients equal scikit-learn's Lasso on the
    standardized features, and another λ gives other rows."""
    from sklearn.preprocessing import StandardScaler

    from regviz.experiments.paths import coefficient_table

    data, weak = _page_result(lam=0.1)
    _, strong = _page_result(lam=10.0)
    table = coefficient_table(weak)
    assert table.index.name == "feature" and list(table.index) == list(data.feature_names)
    Xs = StandardScaler().fit_transform(data.X)
    lasso = Lasso(alpha=0.1, tol=1e-12, max_iter=100_000).fit(Xs, data.y).coef_
    # The page's fit stops at the app's CD_TOL: agreement to 1e-4 of the largest coefficient.
    scale = float(np.abs(lasso).max())
    np.testing.assert_allclose(table["L1 (lasso)"], lasso, rtol=0, atol=1e-4 * scale)
    zeros = [int((coefficient_table(r)["L1 (lasso)"] == 0).sum()) for r in (weak, strong)]
    assert zeros[1] > zeros[0]
    assert not np.allclose(coefficient_table(strong)["L2 (ridge)"], table["L2 (ridge)"])
