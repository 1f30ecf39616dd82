"""Tests of regviz.experiments.samplecomplexity (Ng 2004 reproduction) and its page's words."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, special, stats

from regviz.experiments.samplecomplexity import (
    DEFAULT_RESULTS_PATH,
    DEFAULTS,
    FULL_FEATURES,
    FULL_TRAIN_SIZES,
    LIVE_N_EVAL,
    LIVE_PRESETS,
    MAX_LIVE_TRIALS,
    PRESETS,
    SETTINGS,
    SUMMARY_COLUMNS,
    LivePlan,
    SampleComplexityResult,
    alt_text,
    bayes_risk,
    check_live_budget,
    check_sizes,
    code_snippet,
    describe_live_plan,
    describe_live_run,
    describe_point,
    describe_run_settings,
    live_feature_grid,
    live_plan,
    load_results,
    main,
    make_model,
    nearest_point,
    population_metrics,
    run_experiment,
    run_live,
    run_trial,
    sample_data,
    save_results,
    true_theta,
)


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("d", [3, 10, 1000])
def test_every_setting_has_norm_ten(setting: str, d: int) -> None:
    theta = true_theta(setting, d)
    assert theta.shape == (d,)
    # (iii) is truncated: ‖θ‖² = 100·(1 − 4^(−d)).
    expected = 100 * (1 - 4.0**-d) if setting == "exponential" else 100.0
    assert theta @ theta == pytest.approx(expected)


def test_relevant_features() -> None:
    assert np.count_nonzero(true_theta("one", 50)) == 1
    assert np.count_nonzero(true_theta("three", 50)) == 3
    assert true_theta("exponential", 4)[1] == pytest.approx(np.sqrt(75) / 2)


def _bayes_error_by_quadrature(a: float) -> float:
    # E[σ(−|a z|)], z ~ N(0, 1), by adaptive quadrature over z ≥ 0 (symmetric integrand).
    value, _ = integrate.quad(lambda z: 2 * stats.norm.pdf(z) * special.expit(-a * z), 0, np.inf)
    return value


@pytest.mark.parametrize("norm", [0.0, 1.0, 10.0])
def test_bayes_error_monte_carlo_matches_quadrature(norm: float) -> None:
    risk = bayes_risk(norm, n_points=1_000_000)
    assert risk.error == pytest.approx(
        _bayes_error_by_quadrature(norm), abs=4 * risk.error_se + 1e-12
    )
    if norm == 0:
        assert risk.error == 0.5 and risk.log_loss == pytest.approx(np.log(2))


def test_bayes_error_of_ten_is_about_five_percent() -> None:
    # A small-slope check independent of both estimates: 2φ(0)·ln 2 / a for large a.
    assert _bayes_error_by_quadrature(10.0) == pytest.approx(
        2 * stats.norm.pdf(0) * np.log(2) / 10, rel=0.02
    )


def test_population_metrics_match_a_real_test_set() -> None:
    rng = np.random.default_rng(3)
    theta = true_theta("three", 30)
    w = theta + rng.standard_normal(30)
    X, _ = sample_data(theta, 200_000, rng)
    p1, score = special.expit(X @ theta), X @ w
    error = np.where(score > 0, 1 - p1, p1).mean()
    log_loss = -(p1 * special.log_expit(score) + (1 - p1) * special.log_expit(-score)).mean()
    got_error, got_log_loss = population_metrics(w, theta)
    assert got_error == pytest.approx(error, abs=4e-3)
    assert got_log_loss == pytest.approx(log_loss, rel=2e-2)


def test_population_metrics_of_zero_and_true_classifier() -> None:
    theta = true_theta("one", 5)
    assert population_metrics(np.zeros(5), theta) == pytest.approx((0.5, np.log(2)), abs=5e-3)
    error, _ = population_metrics(theta, theta)
    assert error == pytest.approx(_bayes_error_by_quadrature(10.0), abs=3e-3)


def test_trials_are_reproducible() -> None:
    assert run_trial("one", 20, 40, seed=5) == run_trial("one", 20, 40, seed=5)
    assert run_trial("one", 20, 40, seed=5) != run_trial("one", 20, 40, seed=6)


def test_l1_model_gives_exact_zeros_on_irrelevant_features() -> None:
    # 3 relevant features among 60: the L1 model must zero most irrelevant ones exactly
    # (an L2 model, which scikit-learn < 1.8 silently fitted for l1_ratio=1.0 without
    # penalty="l1", zeroes none). No deprecation warning either: the spelling is current.
    rng = np.random.default_rng(3)
    theta = true_theta("three", 60)
    X, y = sample_data(theta, 150, rng)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        l1 = make_model("l1", C=0.1).fit(X, y).coef_.ravel()
        l2 = make_model("l2", C=0.1).fit(X, y).coef_.ravel()
    irrelevant = theta == 0
    assert np.count_nonzero(l1[irrelevant] == 0.0) >= 0.8 * irrelevant.sum()
    assert np.all(l1[~irrelevant] != 0.0)
    assert np.count_nonzero(l2 == 0.0) == 0


def test_dependency_floor_is_the_version_whose_l1_ratio_behaviour_make_model_relies_on() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert '"scikit-learn>=1.8"' in pyproject


def test_l1_beats_l2_with_many_irrelevant_features() -> None:
    res = run_experiment(
        settings=["one"], features=[300], train_sizes=[50], repeats=8, seed=1, n_eval=20_000
    )
    l1 = res.curve("one", 50, "l1").iloc[0]
    l2 = res.curve("one", 50, "l2").iloc[0]
    assert l1.error_mean + 3 * (l1.error_se + l2.error_se) < l2.error_mean
    assert l1.nonzero_mean < 30 and l2.nonzero_mean == 300
    assert l1.error_mean < 0.2 < l2.error_mean


def test_parallel_run_equals_serial_run() -> None:
    kwargs = {
        "settings": ["three"],
        "features": [5],
        "train_sizes": [30],
        "repeats": 2,
        "n_eval": 5_000,
        "n_bayes": 10_000,
    }
    serial = run_experiment(n_jobs=1, **kwargs).summary
    parallel = run_experiment(n_jobs=2, **kwargs).summary
    pd.testing.assert_frame_equal(serial, parallel)


def test_summary_columns_and_standard_errors() -> None:
    progress: list[float] = []
    res = run_experiment(
        settings=["one"],
        features=[4, 8],
        train_sizes=[30],
        repeats=3,
        n_eval=5_000,
        n_bayes=10_000,
        progress=progress.append,
    )
    # The shipped columns, then the count of fits that hit liblinear's iteration limit.
    assert list(res.summary.columns) == [*SUMMARY_COLUMNS, "not_converged"]
    assert (res.summary.not_converged >= 0).all()
    assert len(res.summary) == 4 and (res.summary.n_repeats == 3).all()
    assert (res.summary.error_se > 0).all()
    assert progress[-1] == 1.0 and len(progress) == 6


@pytest.mark.parametrize(
    ("d", "m", "setting"),
    [(0, 100, "one"), (2, 100, "three"), (10, 5, "one"), (10, 100, "four"), (10**6, 100, "one")],
)
def test_invalid_sizes_raise(d: int, m: int, setting: str) -> None:
    with pytest.raises(ValueError):
        check_sizes(d, m, setting)


def test_live_helpers() -> None:
    assert live_feature_grid(1000, 3) == [3, 502, 1000]
    assert live_feature_grid(10, 20) == list(range(3, 11))
    check_live_budget(6, MAX_LIVE_TRIALS // 6)
    with pytest.raises(ValueError, match="too many"):
        check_live_budget(8, 40)
    check_live_budget(6, 10, n_train=200)  # 60 training sets of m = 200 fit
    with pytest.raises(ValueError, match="at most 60"):
        check_live_budget(6, 15, n_train=200)


def test_csv_round_trip_and_command(tmp_path) -> None:
    out = tmp_path / "r.csv"
    assert (
        main(
            [
                "--repeats",
                "2",
                "--features",
                "3",
                "6",
                "--m",
                "20",
                "--settings",
                "one",
                "--jobs",
                "1",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    res = load_results(out)
    assert res.metadata["repeats"] == "2"
    assert "python -m regviz.samplecomplexity" in res.metadata["command"]
    assert sorted(res.summary.n_features.unique()) == [3, 6]
    again = tmp_path / "again.csv"
    save_results(res, again)
    pd.testing.assert_frame_equal(load_results(again).summary, res.summary)


def test_bad_csv_raises(tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(ValueError, match="lacks the columns"):
        load_results(bad)
    with pytest.raises(ValueError, match="not found"):
        load_results(tmp_path / "missing.csv")


def test_shipped_full_results_load_and_show_the_effect() -> None:
    res = load_results()
    assert DEFAULT_RESULTS_PATH.is_file()
    s = res.summary
    assert set(s.setting) == set(SETTINGS)
    assert {100, 200} <= set(s.n_train)
    assert s.n_features.max() == 1000
    assert int(res.metadata["repeats"]) == s.n_repeats.min()
    for m in (100, 200):
        big = nearest_point(res, "one", m, 1000)
        assert big.loc["l1"].error_mean < big.loc["l2"].error_mean
    assert s.bayes_error.between(0.05, 0.06).all()


# ------------------------------------------------------------------------------ sentences


def test_error_se_bound_matches_the_spread_of_a_coin_flip_classifier():
    """At error 0.42 with 100,000 test inputs the standard error is ~0.0016, not < 0.001."""
    from regviz.experiments.samplecomplexity import error_se_bound, population_metrics

    assert error_se_bound(0.42, 100_000) == pytest.approx(0.00156, abs=5e-5)
    # Measured: the error of one poor classifier on 40 independent test sets of 100,000.
    theta = true_theta("one", 50)
    w = np.zeros(50)
    w[0], w[1:] = 0.2, 1.0  # mostly noise directions: error near 0.45
    errors = [population_metrics(w, theta, seed=s)[0] for s in range(40)]
    spread = float(np.std(errors, ddof=1))
    bound = error_se_bound(float(np.mean(errors)), 100_000)
    assert 0.7 * bound < spread < 1.3 * bound


def test_texts_do_not_call_every_feature_noise_nor_present_the_bound_as_typical():
    from regviz.experiments.samplecomplexity import INTRO, describe_full_run

    assert "pure noise" not in INTRO
    assert "every feature carries some" in INTRO
    assert "worst-case lower bound" in INTRO
    text = describe_full_run(load_results(), 100, 1000)
    assert "worst case over problems" in text
    assert "at most √(e(1 − e)/100,000): up to 0.0016" in text


def test_test_precision_is_computed_from_the_run():
    from regviz.experiments.samplecomplexity import (
        describe_test_precision,
        error_se_bound,
        eval_points_per_fit,
    )

    result = load_results()
    assert eval_points_per_fit(result) == 100_000
    worst = result.summary.error_mean.max()
    assert f"up to {error_se_bound(worst, 100_000):.4f}" in describe_test_precision(result)
    expected = f"up to {error_se_bound(worst, 10_000):.4f}"
    assert expected in describe_test_precision(result, n_points=10_000)


# ---------------------------------------------------------------- the page's state and words


def test_importing_the_experiment_loads_no_scikit_learn() -> None:
    """The page's first visit reads the shipped run: scikit-learn waits for a fit."""
    code = (
        "import sys, regviz.experiments.samplecomplexity as sc; sc.load_results(); "
        "print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_defaults_and_presets_describe_the_shipped_run_and_a_live_run_in_budget() -> None:
    res = load_results()
    assert FULL_FEATURES == tuple(sorted(set(res.summary.n_features)))
    assert FULL_TRAIN_SIZES == tuple(sorted(set(res.summary.n_train)))
    assert res.metadata["features"] == " ".join(map(str, FULL_FEATURES))
    for name, preset in {"defaults": DEFAULTS, **PRESETS}.items():
        state = {**DEFAULTS, **preset}
        assert set(state) == set(DEFAULTS), name
        assert state["m"] in FULL_TRAIN_SIZES and FULL_FEATURES[0] <= state["features"]
        plan = live_plan(
            state["live_setting"],
            state["live_n_train"],
            state["live_max_features"],
            state["live_n_points"],
            state["live_repeats"],
            state["live_seed"],
        )
        assert plan.trials <= MAX_LIVE_TRIALS, name
    # The benchmark's view of the live presets is read off the same two states.
    assert LIVE_PRESETS["Quick (≈ 3 s)"]["repeats"] == DEFAULTS["live_repeats"]
    assert (
        LIVE_PRESETS["Reduced (≈ 10 s)"]["n_points"]
        == PRESETS["live run, setting (ii)"]["live_n_points"]
    )


def test_live_plan_checks_what_the_controls_ask_for() -> None:
    plan = live_plan("three", 150, 500, 4, 5, 7)
    assert plan == LivePlan("three", 150, (3, 169, 334, 500), 5, 7)
    assert plan.trials == 20
    assert hash(plan) == hash(LivePlan("three", 150, (3, 169, 334, 500), 5, 7))
    with pytest.raises(ValueError, match="too many"):
        live_plan("one", 100, 1000, 8, 40, 0)
    with pytest.raises(ValueError, match="Unknown setting"):
        live_plan("four", 100, 1000, 3, 3, 0)
    text = describe_live_plan(plan)
    assert text.startswith("Press **Run**")
    assert "(ii) three relevant features" in text and "{3, 169, 334, 500}" in text
    assert "m = 150" in text and "5 repeats" in text and "20 training sets" in text


def test_run_live_uses_the_small_test_set_and_is_described() -> None:
    plan = LivePlan("one", 40, (5, 60), 3, 0)
    progress: list[float] = []
    run = run_live(plan, progress=progress.append)
    assert run.metadata["test_set"].startswith(f"{LIVE_N_EVAL} ")
    assert progress[-1] == 1.0 and len(progress) == plan.trials
    text = describe_live_run(run, plan.setting, plan.n_train, plan.features)
    b = nearest_point(run, "one", 40, 60)
    assert f"at d = 60: L1 {b.loc['l1'].error_mean:.3f} ± {b.loc['l1'].error_se:.3f}" in text
    assert "with m = 40" in text
    alt = alt_text(run, plan.setting, plan.n_train, plan.features[-1])
    assert f"L2 {b.loc['l2'].error_mean:.3f} ± {b.loc['l2'].error_se:.3f}" in alt


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("metric", ["error", "log_loss"])
def test_alt_text_states_both_ends_and_the_point_read_off(setting, metric) -> None:
    res = load_results()
    text = alt_text(res, setting, 200, 450, metric)
    mean, se = ("error_mean", "error_se") if metric == "error" else ("log_loss_mean", "log_loss_se")
    s = res.summary
    curve = s[(s.setting == setting) & (s.n_train == 200)]
    for d in (3, 400):  # the smallest d, and the computed d nearest 450
        for penalty, name in (("l1", "L1"), ("l2", "L2")):
            row = curve[(curve.n_features == d) & (curve.penalty == penalty)].iloc[0]
            assert f"{name} {row[mean]:.3f} ± {row[se]:.3f}" in text
        assert f"at d = {d}:" in text
    assert ("0/1 error" if metric == "error" else "log-loss") in text
    at_d = curve[curve.n_features == 400].iloc[0]  # (iii)'s Bayes value moves a little with d
    bayes = at_d["bayes_error" if metric == "error" else "bayes_log_loss"]
    assert text.endswith(f"the Bayes value there is {bayes:.3f}.")


def test_run_settings_sentence_reads_the_metadata() -> None:
    res = load_results()
    text = describe_run_settings(res)
    assert text.startswith("**Settings of this run.** 100 independent training sets")
    assert res.metadata["command"] in text and "`" not in text  # no small code font
    bare = describe_run_settings(SampleComplexityResult(res.summary, {}))
    assert bare.count("?") >= 8


@pytest.mark.parametrize("setting", SETTINGS)
def test_code_snippet_prints_the_plotted_numbers_and_fits_one_training_set(setting, capsys) -> None:
    res = load_results()
    code = code_snippet(res, 100, 1000, setting)
    namespace: dict = {}
    exec(compile(code, "snippet", "exec"), namespace)
    printed = capsys.readouterr().out
    for s in SETTINGS:  # every setting's plotted mean and SE at (m, d), as the page words them
        sentence = describe_point(res, s, 100, 1000)
        rows = nearest_point(res, s, 100, 1000)
        for penalty, name in (("l1", "L1"), ("l2", "L2")):
            row = rows.loc[penalty]
            assert f"{name} {row.error_mean:.3f} ± {row.error_se:.3f}" in sentence
            assert f"{row.error_mean:.3f}" in printed
    theta = namespace["theta"]
    np.testing.assert_allclose(theta, true_theta(setting, 1000))
    plotted = nearest_point(res, setting, 100, 1000)
    for penalty, name in (("l1", "L1"), ("l2", "L2")):
        row = plotted.loc[penalty]
        spread = row.error_se * np.sqrt(row.n_repeats) + 0.5 / np.sqrt(5_000)
        assert abs(namespace["errors"][name] - row.error_mean) < 5 * spread
    assert namespace["errors"]["L1"] < namespace["errors"]["L2"]


# --------------------------------------------------------------------------- the CSV


@pytest.mark.parametrize(("m", "metric"), [(100, "error"), (200, "log_loss")])
def test_curves_table_is_the_shipped_csv_at_m_for_the_metric(m, metric):
    from regviz.experiments.samplecomplexity import SETTING_LABELS, curves_table, load_results

    table = curves_table(load_results(), m, metric)
    raw = pd.read_csv(DEFAULT_RESULTS_PATH, comment="#")
    raw = raw[raw.n_train == m]
    title = "test 0/1 error" if metric == "error" else "test log-loss"
    mean, se = f"{metric}_mean", f"{metric}_se"
    assert list(table.index.names) == ["setting", "features d"] and len(table) == len(raw) // 2
    assert (table["training examples m"] == m).all()
    for setting in SETTINGS:
        rows = table.loc[SETTING_LABELS[setting]]
        for penalty, name in (("l1", "L1"), ("l2", "L2")):
            ref = raw[(raw.setting == setting) & (raw.penalty == penalty)].sort_values("n_features")
            assert rows.index.tolist() == ref.n_features.tolist()
            np.testing.assert_array_equal(rows[f"{name} {title}"], ref[mean])
            np.testing.assert_array_equal(rows[f"{name} standard error"], ref[se])
            np.testing.assert_array_equal(rows[f"{name} non-zero weights"], ref.nonzero_mean)
        bayes = "bayes_error" if metric == "error" else "bayes_log_loss"
        l1 = raw[(raw.setting == setting) & (raw.penalty == "l1")].sort_values("n_features")
        np.testing.assert_array_equal(rows[f"Bayes {title}"], l1[bayes])


def test_curves_table_follows_m_and_refuses_a_missing_m():
    from regviz.experiments.samplecomplexity import curves_table, load_results

    full = load_results()
    small, large = curves_table(full, 100), curves_table(full, 200)
    assert not np.allclose(small["L1 test 0/1 error"], large["L1 test 0/1 error"])
    with pytest.raises(ValueError, match="m = 7"):
        curves_table(full, 7)
