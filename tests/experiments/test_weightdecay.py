"""L2 vs weight decay: the SGD identity, each update rule against a hand-written step, the
direction Loshchilov & Hutter (ICLR 2019) predict under Adam, and determinism."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LinearRegression, Ridge

from regviz.experiments.weightdecay import (
    DEFAULTS,
    OPTIMIZER_NAMES,
    OPTIMIZERS,
    PLAY_LAMBDAS,
    PRESETS,
    UPDATE_RULES,
    adam_l2_step,
    adamw_step,
    alt_text,
    code_snippet,
    describe_weight_decay,
    final_weights,
    kept_by_lambda,
    make_problem,
    minibatches,
    sgd_l2_step,
    sgd_wd_step,
    train,
    update,
    weight_decay_experiment,
)

B1, B2, EPS = 0.9, 0.999, 1e-8


@pytest.fixture(scope="module")
def default():
    return weight_decay_experiment()


# --------------------------------------------------------------------------- hand-written steps
# Written out coordinate by coordinate in plain Python, independently of the module.


def hand_sgd_l2(w, g, lr, lam):
    return [wi - lr * (gi + lam * wi) for wi, gi in zip(w, g, strict=True)]


def hand_sgd_wd(w, g, lr, decay):
    return [(1 - decay) * wi - lr * gi for wi, gi in zip(w, g, strict=True)]


def hand_adam(w, g, m, v, k, lr, lam, decoupled):
    """Kingma & Ba's Adam on g (+ λw unless decoupled); AdamW adds −η·λ·w (L&H Alg. 2)."""
    w2, m2, v2 = [], [], []
    for wi, gi, mi, vi in zip(w, g, m, v, strict=True):
        gt = gi if decoupled else gi + lam * wi
        mi = B1 * mi + (1 - B1) * gt
        vi = B2 * vi + (1 - B2) * gt * gt
        m_hat = mi / (1 - B1**k)
        v_hat = vi / (1 - B2**k)
        step = m_hat / (v_hat**0.5 + EPS)
        if decoupled:
            step += lam * wi
        w2.append(wi - lr * step)
        m2.append(mi)
        v2.append(vi)
    return w2, m2, v2


def _loss_gradient(problem, w, rows):
    Xb, yb = problem.X[rows], problem.y[rows]
    return (Xb @ w - yb) @ Xb / len(rows)


@pytest.mark.parametrize("k", [1, 2, 7])
def test_each_wrapper_matches_its_hand_written_step(k):
    rng = np.random.default_rng(k)
    w, g = rng.standard_normal(4), rng.standard_normal(4)
    m, v = rng.standard_normal(4), rng.random(4)
    lr, lam = 0.05, 0.3
    np.testing.assert_allclose(sgd_l2_step(w, g, lr=lr, lam=lam), hand_sgd_l2(w, g, lr, lam))
    np.testing.assert_allclose(
        sgd_wd_step(w, g, lr=lr, decay=0.02), hand_sgd_wd(w, g, lr, 0.02), rtol=1e-15
    )
    for wrapper, decoupled in ((adam_l2_step, False), (adamw_step, True)):
        got = wrapper(w, g, m, v, k, lr=lr, lam=lam)
        want = hand_adam(w, g, m, v, k, lr, lam, decoupled)
        for a, b in zip(got, want, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-15)


def test_training_steps_match_hand_written_steps():
    """Three steps of :func:`train` against the hand-written rules on the same minibatches."""
    problem = make_problem(n_features=3, n_samples=60, seed=4)
    batches = minibatches(60, 8, 3, seed=4)
    lam, lr_sgd, lr_adam, decay = 0.3, 0.05, 0.01, 0.007
    out = train(problem, batches, lam=lam, lr_sgd=lr_sgd, lr_adam=lr_adam, sgd_decay=decay)
    ws = [np.zeros(3) for _ in range(4)]
    ms = [[0.0] * 3, [0.0] * 3]
    vs = [[0.0] * 3, [0.0] * 3]
    for k, rows in enumerate(batches, start=1):
        grads = [_loss_gradient(problem, w, rows) for w in ws]
        ws[0] = np.array(hand_sgd_l2(ws[0], grads[0], lr_sgd, lam))
        ws[1] = np.array(hand_sgd_wd(ws[1], grads[1], lr_sgd, decay))
        for i, decoupled in ((2, False), (3, True)):
            w, ms[i - 2], vs[i - 2] = hand_adam(
                ws[i], grads[i], ms[i - 2], vs[i - 2], k, lr_adam, lam, decoupled
            )
            ws[i] = np.array(w)
    np.testing.assert_allclose(out["weights"], np.array(ws), rtol=1e-12, atol=1e-14)
    assert list(out["checkpoints"]) == [0, 1, 2, 3]
    np.testing.assert_allclose(out["history"][-1], out["weights"])


def test_first_adam_step_has_length_eta_in_every_coordinate():
    w, m, v = update(
        np.zeros(3), np.array([1e-3, 1.0, 1e3]), np.zeros(3), np.zeros(3), 1,
        lr=0.01, l2=0.0, decay=0.0, adaptive=True,
    )  # fmt: skip
    np.testing.assert_allclose(w, [-0.01, -0.01, -0.01], rtol=1e-4)


# --------------------------------------------------------------------------- SGD: L2 ≡ decay


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_sgd_l2_equals_sgd_weight_decay_when_decay_is_eta_lambda(preset):
    res = weight_decay_experiment(**PRESETS[preset])
    assert res.sgd_decay == pytest.approx(res.lr_sgd * res.lam, rel=1e-15)
    assert res.sgd_max_difference <= 1e-12
    np.testing.assert_allclose(res.history[:, 0], res.history[:, 1], rtol=0, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(
    lam=st.floats(0.0, 2.0),
    step_scale=st.floats(0.05, 1.0),
    seed=st.integers(0, 10_000),
    decades=st.floats(0.0, 2.0),
)
def test_sgd_identity_holds_for_any_lambda_step_and_seed(lam, step_scale, seed, decades):
    """SGD + L2 and SGD + decay ηλ are one run: equal where they train, and where the step
    is too long they diverge together (the experiment then refuses in words). Full-batch
    gradient descent is stable while η·(L + λ) < 2; a minibatch's curvature may exceed L,
    so the test asks only η·(L + λ) > 1 of a refused setting."""
    settings_ = dict(seed=seed, scale_decades=decades)
    try:
        res = weight_decay_experiment(lam=lam, sgd_step_scale=step_scale, n_steps=150, **settings_)
    except ValueError as refused:
        assert "SGD + L2 and SGD + weight decay diverge" in str(refused)
        lipschitz = make_problem(**settings_).lipschitz
        assert step_scale / lipschitz * (lipschitz + lam) > 1.0
        return
    scale = max(1.0, float(np.abs(res.history[:, :2]).max()))
    assert res.sgd_max_difference <= 1e-12 * scale


def test_a_too_long_sgd_step_is_refused_in_words_naming_both_sgd_runs():
    with pytest.raises(ValueError, match="SGD \\+ L2 and SGD \\+ weight decay diverge"):
        weight_decay_experiment(lam=2.0, sgd_step_scale=1.0, scale_decades=0.0, n_steps=150)


def test_sgd_weight_decay_with_another_rate_is_another_regularizer():
    res = weight_decay_experiment(sgd_decay=0.001)
    assert res.sgd_max_difference > 1e-3
    assert "≠ η·λ" in describe_weight_decay(res)


# --------------------------------------------------------------------------- Adam: L2 ≠ AdamW


@pytest.mark.parametrize("seed", range(5))
def test_adam_l2_and_adamw_differ_in_the_direction_of_the_paper(seed):
    """Features ×0.32 … ×3.2, the same λ = 0.3 (L&H 2019, Section 2):

    1. Adam + L2 ends at the L2 (ridge) optimum in raw units — within 0.05 of the share
       of each weight ridge keeps — so its shrinkage depends strongly on the scale:
       the share kept rises with the feature scale (= gradient scale), across ≥ 0.6.
    2. The largest-gradient weight is shrunk *less* by Adam + L2 than by AdamW (by more
       than one percentage point), the smallest-gradient one much *more* (by > 30 points).
    3. AdamW's share kept is roughly equal across features: its range is at most a third
       of Adam + L2's.
    4. The mechanism: Adam + L2 decays weight j by ηλ/(√v̂ⱼ + ε) per step, falling with
       the gradient scale and below AdamW's ηλ for the largest-gradient weight; AdamW
       decays every weight by exactly ηλ.
    """
    res = weight_decay_experiment(seed=seed)
    adam, adamw = res.kept[res.row("adam_l2")], res.kept[res.row("adamw")]
    order = np.argsort(res.scales)
    small, big = order[0], order[-1]
    # 1.
    np.testing.assert_allclose(adam, res.ridge_kept, atol=0.05)
    assert np.all(np.diff(adam[order]) > 0)
    assert adam[big] - adam[small] > 0.6
    # 2.
    shrink_adam, shrink_adamw = 1 - adam, 1 - adamw
    assert shrink_adam[big] < shrink_adamw[big] - 0.01
    assert shrink_adam[small] > shrink_adamw[small] + 0.3
    # 3.
    assert np.ptp(adamw) <= np.ptp(adam) / 3
    # 4.
    decay_adam = res.decay_per_step[res.row("adam_l2")]
    assert np.all(np.diff(decay_adam[order]) < 0)
    eta_lam = res.lr_adam * res.lam
    np.testing.assert_allclose(res.decay_per_step[res.row("adamw")], eta_lam, rtol=1e-12)
    assert decay_adam[big] < 0.7 * eta_lam
    # The large-scale features are indeed the large-gradient ones.
    assert np.all(np.diff(res.gradient_rms[res.row("adam_l2")][order]) > 0)


def test_with_equal_scales_adamw_and_adam_l2_shrink_every_weight_alike():
    res = weight_decay_experiment(**PRESETS["equal scales"])
    for name in ("adam_l2", "adamw"):
        assert np.ptp(res.kept[res.row(name)]) < 0.1


def test_sgd_l2_reaches_ridge_when_it_has_converged(default):
    assert default.sgd_expected_lag.max() < 1e-3
    np.testing.assert_allclose(default.kept[default.row("sgd_l2")], default.ridge_kept, atol=0.05)


def test_expected_sgd_lag_is_full_batch_gradient_descent():
    problem = make_problem(scale_decades=2.0)
    lam, lr, K = 0.3, 0.005, 500
    A = problem.X.T @ problem.X / problem.X.shape[0]
    c = problem.X.T @ problem.y / problem.X.shape[0]
    w = np.zeros(A.shape[0])
    for _ in range(K):
        w = w - lr * (A @ w - c + lam * w)
    ridge = problem.ridge(lam)
    np.testing.assert_allclose(
        problem.gd_lag(lam, lr, K), np.abs(w - ridge) / np.abs(ridge), rtol=1e-8, atol=1e-12
    )


# --------------------------------------------------------------------------- the data


def test_problem_scales_weights_and_optima():
    problem = make_problem()
    np.testing.assert_allclose(problem.scales, 10.0 ** np.linspace(-0.5, 0.5, 5))
    np.testing.assert_array_equal(problem.true_weights, np.ones(5))
    np.testing.assert_allclose(problem.X.std(axis=0) / problem.scales, 1.0, atol=0.1)
    ols = LinearRegression(fit_intercept=False).fit(problem.X, problem.y).coef_
    np.testing.assert_allclose(problem.least_squares, ols, rtol=1e-10)
    n = problem.X.shape[0]
    ridge = Ridge(alpha=n * 0.3, fit_intercept=False).fit(problem.X, problem.y).coef_
    np.testing.assert_allclose(problem.ridge(0.3), ridge, rtol=1e-10)


def test_minibatches_are_seeded_and_in_range():
    a, b = minibatches(50, 7, 20, seed=3), minibatches(50, 7, 20, seed=3)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (20, 7) and a.min() >= 0 and a.max() < 50
    assert not np.array_equal(a, minibatches(50, 7, 20, seed=4))


def test_same_seed_same_result_other_seed_other_result(default):
    again = weight_decay_experiment()
    for field in dataclasses.fields(default):
        a, b = getattr(default, field.name), getattr(again, field.name)
        if isinstance(a, np.ndarray):
            np.testing.assert_array_equal(a, b, err_msg=field.name)
        else:
            assert a == b, field.name
    other = weight_decay_experiment(seed=1)
    assert not np.array_equal(other.weights, default.weights)


# --------------------------------------------------------------------------- the page's API


def test_update_rules_and_names_cover_the_four_optimizers(default):
    assert tuple(UPDATE_RULES) == OPTIMIZERS == tuple(OPTIMIZER_NAMES) == default.optimizers
    assert "λw" in UPDATE_RULES["sgd_l2"] and "(1 − δ)" in UPDATE_RULES["sgd_wd"]
    assert "√v̂" in UPDATE_RULES["adam_l2"] and "+ λw)" in UPDATE_RULES["adamw"]
    assert "g ← ∇L(w) + λw" in UPDATE_RULES["adam_l2"]
    assert "g ← ∇L(w);" in UPDATE_RULES["adamw"]


def test_description_uses_the_computed_numbers(default):
    text = describe_weight_decay(default)
    adam, adamw = default.row("adam_l2"), default.row("adamw")
    big = int(np.argmax(default.scales))
    assert f"λ = {default.lam:g}" in text
    assert f"{100 * default.kept[adam, big]:.0f} %" in text
    assert f"{100 * default.kept[adamw].min():.0f} %" in text
    assert f"{default.decay_per_step[adam, big]:.2g}" in text
    assert "the same update" in text and "not converged" not in text


def test_description_of_the_other_presets():
    equal = describe_weight_decay(weight_decay_experiment(**PRESETS["equal scales"]))
    assert "same scale" in equal
    slow = weight_decay_experiment(**{**PRESETS["very unequal scales"], "lam": 0.03})
    assert slow.sgd_expected_lag.max() > 0.05
    assert "has not converged on the ×0.1 feature" in describe_weight_decay(slow)


def test_presets_use_only_known_settings(default):
    for name, preset in PRESETS.items():
        assert set(preset) == set(DEFAULTS), name
    assert default.n_steps == DEFAULTS["n_steps"] and default.lam == DEFAULTS["lam"]


def test_result_is_frozen(default):
    with pytest.raises(dataclasses.FrozenInstanceError):
        default.lam = 1.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lam": -1.0}, "λ"),
        ({"lr_adam": 0.0}, "learning rate"),
        ({"sgd_step_scale": 2.0}, "fraction of 1/L"),
        ({"n_steps": 0}, "number of steps"),
        ({"sgd_decay": 1.0}, "decay per step"),
        ({"scale_decades": 5.0}, "decades"),
        ({"batch_size": 10_000}, "batch size"),
        ({"n_samples": 4}, "samples"),
    ],
)
def test_invalid_settings_raise_plain_sentences(kwargs, message):
    with pytest.raises(ValueError, match=message):
        weight_decay_experiment(**kwargs)


# --------------------------------------------------------------------------- alt text, code


def test_final_weights_lists_every_weight_by_scale(default):
    order = np.argsort(default.scales)
    for key in OPTIMIZERS:
        text = final_weights(default, key)
        i = default.row(key)
        assert text.startswith("w = (" + ", ".join(f"{w:.3f}" for w in default.weights[i, order]))
        assert f"{100 * default.kept[i].min():.0f} %" in text


def test_alt_text_states_the_current_numbers(default):
    text = alt_text(default)
    adam, adamw = default.row("adam_l2"), default.row("adamw")
    small, big = int(np.argmin(default.scales)), int(np.argmax(default.scales))
    assert f"λ = {default.lam:g}" in text and f"after {default.n_steps} steps" in text
    assert f"Adam + L2 {100 * default.kept[adam, small]:.0f} % to" in text
    assert f"AdamW {100 * default.kept[adamw, small]:.0f} % to" in text
    assert f"{default.decay_per_step[adam, big]:.2g}" in text
    equal = alt_text(weight_decay_experiment(scale_decades=0.0, n_steps=200))
    assert "same scale" in equal and "between" in equal


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"scale_decades": 0.0}, {"scale_decades": 2.5, "n_features": 7, "lam": 0.03},
     {"n_features": 1, "n_steps": 300}, {"seed": 11, "lr_adam": 0.03, "n_steps": 500}],
)  # fmt: skip
def test_code_snippet_reproduces_adam_l2_and_adamw(kwargs, capsys):
    res = weight_decay_experiment(**kwargs)
    namespace: dict = {}
    exec(compile(code_snippet(res), "snippet", "exec"), namespace)
    assert "AdamW:" in capsys.readouterr().out
    np.testing.assert_allclose(namespace["scales"], res.scales, rtol=1e-12)
    np.testing.assert_allclose(namespace["w_adam"], res.weights[res.row("adam_l2")], atol=1e-12)
    np.testing.assert_allclose(namespace["w_adamw"], res.weights[res.row("adamw")], atol=1e-12)


# --------------------------------------------------------------------------- the CSV


def test_kept_table_is_each_optimizers_share_of_least_squares_by_scale():
    from regviz.experiments.weightdecay import kept_table

    result = weight_decay_experiment(n_steps=200)
    table = kept_table(result)
    order = np.argsort(result.scales)
    assert table.index.name == "feature" and table.index.tolist() == (order + 1).tolist()
    np.testing.assert_array_equal(table["scale"], np.sort(result.scales))
    problem = make_problem()
    ols = LinearRegression(fit_intercept=False).fit(problem.X, problem.y).coef_
    np.testing.assert_allclose(table["least squares ŵⱼ"], ols[order], rtol=1e-10)
    for key in OPTIMIZERS:
        kept = result.weights[result.row(key)] / ols
        column = f"{OPTIMIZER_NAMES[key]}: wⱼ / ŵⱼ"
        np.testing.assert_allclose(table[column], kept[order], rtol=1e-9)
    n = problem.X.shape[0]
    ridge = Ridge(alpha=n * result.lam, fit_intercept=False).fit(problem.X, problem.y).coef_
    np.testing.assert_allclose(table["exact ridge at λ: wⱼ / ŵⱼ"], (ridge / ols)[order], rtol=1e-9)
    weaker = kept_table(weight_decay_experiment(n_steps=200, lam=0.03))
    assert (weaker["exact ridge at λ: wⱼ / ŵⱼ"] > table["exact ridge at λ: wⱼ / ŵⱼ"]).all()


# --------------------------------------------------------------------------- ▶ Play's λ sweep


@pytest.mark.parametrize(
    "settings",
    [{}, {"scale_decades": 2.0, "n_features": 3, "seed": 7, "n_steps": 500, "lr_adam": 0.01}],
)
def test_the_sweep_is_the_experiment_at_every_lambda(settings):
    lams = (0.0, 0.003, 0.3, 3.0)
    sweep = kept_by_lambda(lams=lams, **settings)
    assert sweep.kept.shape == (len(lams), len(OPTIMIZERS), sweep.scales.size)
    for f, lam in enumerate(lams):
        one = weight_decay_experiment(lam=lam, **settings)
        np.testing.assert_allclose(sweep.kept[f], one.kept, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(sweep.ridge_kept[f], one.ridge_kept, rtol=1e-12)


@pytest.mark.parametrize("lam", [0.0003, 0.3, 2.0])
def test_the_sweep_trained_alongside_is_the_sweep_whatever_lambda(lam):
    """▶ Play's frames trained in the experiment's loop are :func:`kept_by_lambda`'s, and
    the experiment's own numbers do not change for training them alongside."""
    settings = {"scale_decades": 2.0, "n_features": 3, "seed": 5, "n_steps": 700}
    alone = weight_decay_experiment(lam=lam, **settings)
    together = weight_decay_experiment(lam=lam, play_lams=PLAY_LAMBDAS, **settings)
    sweep = kept_by_lambda(**settings)
    np.testing.assert_array_equal(together.sweep.lams, sweep.lams)
    np.testing.assert_allclose(together.sweep.kept, sweep.kept, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(together.sweep.ridge_kept, sweep.ridge_kept, rtol=1e-14)
    assert alone.sweep is None
    for name in ("weights", "decay_per_step", "gradient_rms", "history"):
        np.testing.assert_allclose(
            getattr(together, name), getattr(alone, name), rtol=1e-12, atol=1e-15
        )
    assert together.sgd_max_difference <= 1e-12


def test_the_sweeps_ridge_is_scikit_learns_ridge():
    # (1/2n)‖y − Xw‖² + (λ/2)‖w‖² is scikit-learn's Ridge with alpha = n·λ, no intercept.
    problem = make_problem()
    sweep = kept_by_lambda(lams=(0.01, 1.0), n_steps=10)
    n = problem.X.shape[0]
    ols = LinearRegression(fit_intercept=False).fit(problem.X, problem.y).coef_
    for f, lam in enumerate(sweep.lams):
        ridge = Ridge(alpha=n * lam, fit_intercept=False).fit(problem.X, problem.y).coef_
        np.testing.assert_allclose(sweep.ridge_kept[f], ridge / ols, rtol=1e-8)


def test_the_sweep_shows_more_shrinkage_as_lambda_grows():
    sweep = kept_by_lambda()
    assert list(sweep.lams) == sorted(PLAY_LAMBDAS)
    # Every optimizer keeps less of the smallest-scale weight at the largest λ than at the
    # smallest, and the ridge share falls monotonically.
    small = int(np.argmin(sweep.scales))
    assert np.all(sweep.kept[-1, :, small] < sweep.kept[0, :, small] - 0.2)
    assert np.all(np.diff(sweep.ridge_kept[:, small]) < 0)


@pytest.mark.parametrize("bad", [{"lams": (0.1, -1.0)}, {"lams": (float("nan"),)}, {"n_steps": 0}])
def test_the_sweep_refuses_what_the_experiment_refuses(bad):
    with pytest.raises(ValueError):
        kept_by_lambda(**bad)


def test_a_diverging_run_is_refused_in_words_and_left_out_of_the_sweep():
    # Equal scales, two features: plain SGD's step 0.5/L overshoots once λ ≈ 3·L.
    settings = {"scale_decades": 0.0, "n_features": 2, "n_steps": 3000}
    with pytest.raises(ValueError, match="diverge"):
        weight_decay_experiment(lam=3.0, **settings)
    sweep = kept_by_lambda(**settings)
    assert 3.0 not in sweep.lams and 0.3 in sweep.lams
    assert np.all(np.abs(sweep.kept) < 10) and sweep.ridge_kept.shape == (sweep.lams.size, 2)
    for f, lam in enumerate(sweep.lams):  # what is kept is still the experiment at that λ
        if lam in (0.0003, 1.4):
            one = weight_decay_experiment(lam=lam, **settings)
            np.testing.assert_allclose(sweep.kept[f], one.kept, rtol=1e-9)


def test_large_minibatches_are_gathered_a_few_steps_at_a_time(monkeypatch):
    """The chunked gradients give the same run whatever the chunk, and a large minibatch
    does not gather hundreds of steps' rows at once."""
    from regviz.experiments import weightdecay

    settings = {"n_features": 4, "n_samples": 400, "batch_size": 300, "n_steps": 60, "seed": 3}
    whole = weight_decay_experiment(**settings)
    gathered = []
    original = np.matmul

    def counting_matmul(a, b, *args, **kwargs):
        if np.ndim(a) == 3 and np.ndim(b) == 3 and a.shape[1] == settings["n_features"]:
            gathered.append(b.nbytes)  # X_b of one chunk
        return original(a, b, *args, **kwargs)

    monkeypatch.setattr(weightdecay, "CHUNK_BYTES", 8 * 300 * 4 * 7)  # 7 steps a chunk
    monkeypatch.setattr(weightdecay.np, "matmul", counting_matmul)
    chunked = weight_decay_experiment(**settings)
    monkeypatch.undo()
    assert len(gathered) == 9 and max(gathered) <= 8 * 300 * 4 * 7  # ⌈60 / 7⌉ chunks
    np.testing.assert_allclose(chunked.weights, whole.weights, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(chunked.history, whole.history, rtol=1e-12, atol=1e-15)
