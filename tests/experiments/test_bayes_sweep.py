"""Tests of the Bayesian page's ▶ Play sweep: one frame per prior sd, each frame's MAP the
lasso / ridge solution at the mapped λ, its curves those of the page's own view at that sd,
and one window that holds every frame."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from sklearn.linear_model import Lasso, Ridge

from regviz.experiments.bayes import (
    DEFAULTS,
    PRESETS,
    PRIOR_SD_SWEEP,
    PRIORS,
    SWEEP_RING_POINTS,
    correlated_hessian,
    density_contours,
    log_posterior,
    page_sweeps,
    page_views,
    prior_sweep,
    sd_lambda_text,
    sweep_half_width,
)


def _settings(**changes) -> dict:
    """The page's controls without the prior sd (what the sweep is computed from)."""
    return {k: v for k, v in (DEFAULTS | changes).items() if k != "prior_sd"}


def _data(center, hessian, n: int, seed: int = 0):
    """Data X (n × p, centered) with XᵀX/n = H and least-squares estimate ĉ (y = Xĉ)."""
    p = len(center)
    rows = np.random.default_rng(seed).standard_normal((n, p))
    rows -= rows.mean(axis=0)
    q, _ = np.linalg.qr(rows)  # orthonormal columns, each orthogonal to the ones vector
    X = np.sqrt(n) * q @ np.linalg.cholesky(np.asarray(hessian, float)).T
    return X, X @ np.asarray(center, float)


def test_one_frame_per_prior_sd_widest_first():
    for dims in (1, 2):
        laplace, gaussian = page_sweeps(**_settings(dims=dims))
        for sweep in (laplace, gaussian):
            assert sweep.n_frames == len(PRIOR_SD_SWEEP) == 12
            assert sweep.sds.tolist() == list(PRIOR_SD_SWEEP)
            assert len(sweep.prior_lines) == len(sweep.posterior_lines) == sweep.n_frames
            assert sweep.maps.shape == sweep.means.shape == (12, dims)
            assert len(sweep.texts) == len(sweep.labels) == 12
        assert laplace.half_width == gaussian.half_width  # the two panels share axes
    # About log-spaced over the slider's range (0.05 … 3), each a value the slider offers.
    ratios = np.array(PRIOR_SD_SWEEP[:-1]) / np.array(PRIOR_SD_SWEEP[1:])
    assert PRIOR_SD_SWEEP[0] == 3.0 and PRIOR_SD_SWEEP[-1] == 0.05
    assert np.all((ratios > 1.15) & (ratios <= 2.0))
    assert all(abs(sd / 0.05 - round(sd / 0.05)) < 1e-9 for sd in PRIOR_SD_SWEEP)
    assert DEFAULTS["prior_sd"] in PRIOR_SD_SWEEP  # the page opens on one of the frames


@pytest.mark.parametrize("prior", PRIORS)
@pytest.mark.parametrize(
    "changes",
    [{}, {"n": 40, "c1": -1.5}, {"sigma": 0.5, "n": 200, "c1": 0.3}, {"n": 3, "sigma": 4.0}],
)
def test_each_frame_map_is_the_scikit_learn_solution_at_the_mapped_lambda_one_coefficient(
    prior, changes
):
    values = _settings(**changes)
    sweep = page_sweeps(**values)[PRIORS.index(prior)]
    c, n, sigma = values["c1"], values["n"], values["sigma"]
    X, y = _data([c], [[1.0]], n)
    for k, sd in enumerate(sweep.sds):
        # λ from the prior, computed here: b = sd/√2 (Laplace), τ = sd (Gaussian).
        lam = sigma**2 / (n * sd / np.sqrt(2)) if prior == "laplace" else sigma**2 / (n * sd**2)
        assert sweep.lams[k] == pytest.approx(lam, rel=1e-12)
        if prior == "laplace":
            closed = np.sign(c) * max(abs(c) - lam, 0.0)  # soft-threshold, H = 1
            fit = Lasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y)
            assert (sweep.maps[k, 0] == 0.0) == (closed == 0.0)  # exact zeros
        else:
            closed = c / (1.0 + lam)  # shrinkage, H = 1
            fit = Ridge(alpha=n * lam, fit_intercept=False).fit(X, y)
        assert sweep.maps[k, 0] == pytest.approx(closed, rel=1e-12, abs=1e-15)
        np.testing.assert_allclose(sweep.maps[k], fit.coef_, atol=1e-7)


@pytest.mark.parametrize("prior", PRIORS)
@pytest.mark.parametrize("preset", ["two coefficients", "symmetry"])
def test_each_frame_map_is_the_scikit_learn_solution_at_the_mapped_lambda_two_coefficients(
    prior, preset
):
    values = _settings(**PRESETS[preset])
    sweep = page_sweeps(**values)[PRIORS.index(prior)]
    center, hessian = [values["c1"], values["c2"]], correlated_hessian(values["rho"])
    X, y = _data(center, hessian, values["n"])
    for k, lam in enumerate(sweep.lams):
        if prior == "laplace":
            fit = Lasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y)
            assert np.all((sweep.maps[k] == 0.0) == (np.abs(fit.coef_) < 1e-10))
        else:
            fit = Ridge(alpha=values["n"] * lam, fit_intercept=False).fit(X, y)
        np.testing.assert_allclose(sweep.maps[k], fit.coef_, atol=1e-7)


@pytest.mark.parametrize("sd", [0.05, 0.5, 3.0])
@pytest.mark.parametrize("prior", PRIORS)
def test_frames_draw_the_page_view_at_their_sd_one_coefficient(sd, prior):
    sweep = page_sweeps(**_settings())[PRIORS.index(prior)]
    k = list(PRIOR_SD_SWEEP).index(sd)
    view = page_views(**DEFAULTS | {"prior_sd": sd}, half_width=sweep.half_width)[
        PRIORS.index(prior)
    ]
    assert view.axes[0][0] == -sweep.half_width and view.axes[0][-1] == sweep.half_width
    np.testing.assert_array_equal(sweep.maps[k], view.map)
    np.testing.assert_allclose(sweep.means[k], view.summary.mean, rtol=1e-12)
    beta, density = sweep.posterior_lines[k].T
    # The same normalized density as the view's, at the frame's own points …
    log_p = log_posterior(beta[:, None], view.center, view.hessian, view.sigma, view.n,
                          prior, view.scale)  # fmt: skip
    np.testing.assert_allclose(density, np.exp(log_p - view.summary.log_normalizer), rtol=1e-9)
    # … and, read off the frame's curve, the view's curve on the view's own axis.
    drawn = np.interp(view.axes[0], beta, density)
    np.testing.assert_allclose(drawn, view.posterior_density, atol=0.01 * density.max())
    prior_beta, prior_density = sweep.prior_lines[k].T
    np.testing.assert_allclose(
        np.interp(view.axes[0], prior_beta, prior_density),
        view.prior_density,
        atol=0.01 * prior_density.max(),
    )
    assert sweep.texts[k] == sd_lambda_text(sd, view.lam)


@pytest.mark.parametrize("sd", [0.1, 1.0])
@pytest.mark.parametrize("prior", PRIORS)
def test_frames_draw_the_page_view_at_their_sd_two_coefficients(sd, prior):
    values = PRESETS["two coefficients"]
    sweep = page_sweeps(**_settings(**values))[PRIORS.index(prior)]
    k = list(PRIOR_SD_SWEEP).index(sd)
    view = page_views(**values | {"prior_sd": sd})[PRIORS.index(prior)]
    np.testing.assert_array_equal(sweep.maps[k], view.map)
    np.testing.assert_allclose(sweep.means[k], view.summary.mean, rtol=1e-12)
    for which, lines in (("prior", sweep.prior_lines), ("posterior", sweep.posterior_lines)):
        expected = density_contours(view, which, n_points=SWEEP_RING_POINTS)
        np.testing.assert_allclose(lines[k], expected, rtol=1e-12, atol=1e-14)


def test_texts_and_labels_change_across_frames_and_tell_the_story():
    laplace, gaussian = page_sweeps(**_settings())
    for sweep in (laplace, gaussian):
        assert len(set(sweep.texts)) == sweep.n_frames
        assert len({labels for labels in sweep.labels}) == sweep.n_frames
    # The Laplace MAP reaches exactly 0 as the prior tightens; the mean never does.
    zero = laplace.maps[:, 0] == 0.0
    assert not zero[0] and zero[-1] and np.all(np.diff(zero.astype(int)) >= 0)
    assert np.all(laplace.means[:, 0] > 0.0)
    for labels, is_zero in zip(laplace.labels, zero, strict=True):
        assert (labels[0] == "MAP = 0 exactly") == bool(is_zero)
    # The ridge MAP only shrinks: never 0, smaller with every tighter prior.
    assert np.all(gaussian.maps[:, 0] > 0.0) and np.all(np.diff(gaussian.maps[:, 0]) < 0)
    assert gaussian.labels[0] == (f"MAP = mean = {gaussian.maps[0, 0]:.3g}",)
    assert laplace.texts[0] == "prior sd 3 ↔ λ = 0.189"


def test_a_mean_zero_by_symmetry_is_zero_in_every_frame():
    laplace = page_sweeps(**_settings(**PRESETS["symmetry"]))[0]
    assert laplace.exact_zero == (False, True)
    assert np.all(laplace.means[:, 1] == 0.0)
    assert all("0 by symmetry" in labels[1] for labels in laplace.labels)


@settings(max_examples=40, deadline=None)
@given(
    c=st.floats(-3, 3),
    sigma=st.floats(0.1, 5),
    n=st.integers(1, 500),
    prior=st.sampled_from(PRIORS),
)
def test_one_window_holds_every_frame_one_coefficient(c, sigma, n, prior):
    sweep = prior_sweep([c], [[1.0]], prior=prior, sigma=sigma, n=n)
    w = sweep.half_width
    assert np.all(np.abs(sweep.maps) <= w) and np.all(np.abs(sweep.means) <= w)
    like_peak = np.sqrt(n) / (sigma * np.sqrt(2 * np.pi))
    for k in range(sweep.n_frames):
        beta, posterior = sweep.posterior_lines[k].T
        prior_density = sweep.prior_lines[k][:, 1]
        assert beta[0] == -w and beta[-1] == w and np.all(np.diff(beta) >= 0)
        # Nearly all of the posterior is drawn (its tails beyond the window are nothing) …
        assert integrate.trapezoid(posterior, beta) > 0.99
        # … and the frame's density axis (up to its peak) holds all three curves.
        top = max(posterior.max(), prior_density.max(), like_peak)
        assert sweep.peaks[k] == pytest.approx(top, rel=1e-12)
        # The prior's peak at 0 is drawn exactly (0 is a point of every frame).
        assert prior_density.max() == pytest.approx(
            1 / (np.sqrt(2) * sweep.sds[k]) if prior == "laplace" else
            1 / (np.sqrt(2 * np.pi) * sweep.sds[k]),
            rel=1e-12,
        )  # fmt: skip


@pytest.mark.parametrize("preset", list(PRESETS))
def test_one_window_holds_every_posterior_of_the_presets(preset):
    values = _settings(**PRESETS[preset])
    for sweep in page_sweeps(**values):
        w = sweep.half_width
        assert np.all(np.abs(sweep.maps) <= w) and np.all(np.abs(sweep.means) <= w)
        for lines in sweep.posterior_lines:
            shown = lines[np.isfinite(lines).all(axis=1)]
            if sweep.n_coef == 1:
                assert shown[:, 0].min() == -w and shown[:, 0].max() == w
            else:
                assert np.all(np.abs(shown) <= w)


def test_sweep_window_and_bad_input():
    # The likelihood to 3.5 sds past ĉ, capped by the widest prior (as the page's view).
    assert sweep_half_width([1.0], [[1.0]], 2.0, 10, PRIOR_SD_SWEEP) == 3.5
    assert sweep_half_width([-2.0, 0.5], np.eye(2), 1.0, 400, PRIOR_SD_SWEEP) == 2.5
    with pytest.raises(ValueError, match="positive prior standard deviations"):
        sweep_half_width([1.0], [[1.0]], 2.0, 10, [])
    with pytest.raises(ValueError, match="positive"):
        prior_sweep([1.0], [[1.0]], prior="laplace", sigma=1.0, n=10, sds=[0.5, 0.0])
    with pytest.raises(ValueError, match="Unknown prior"):
        prior_sweep([1.0], [[1.0]], prior="horseshoe", sigma=1.0, n=10)
    with pytest.raises(ValueError, match="one or two"):
        page_sweeps(**_settings(dims=3))
