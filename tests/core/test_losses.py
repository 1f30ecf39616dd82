"""Quadratic losses from a bowl shape and from data agree with direct computation."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from regviz.core.losses import QuadraticLoss, hessian_from_shape, rotated_hessian


def test_from_data_is_the_least_squares_loss_with_an_unpenalized_intercept():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 2)) @ np.array([[1.0, 0.4], [0.0, 1.0]]) + 3.0
    y = X @ np.array([1.5, -2.0]) + 4.0 + rng.normal(0, 0.5, 50)
    loss = QuadraticLoss.from_data(X, y)
    ols = LinearRegression().fit(X, y)
    assert np.allclose(loss.center, ols.coef_)
    # For any β, the bowl equals (1/2n)‖y − Xβ − b*(β)‖² with the best intercept b*.
    for beta in rng.normal(size=(5, 2)):
        b = np.mean(y - X @ beta)
        direct = np.sum((y - X @ beta - b) ** 2) / (2 * len(y))
        assert loss(beta) == pytest.approx(direct, rel=1e-12)


def test_on_grid_matches_pointwise_evaluation():
    loss = QuadraticLoss.from_bowl([1.0, -0.5], condition_number=5.0, angle_deg=30.0)
    b1, b2 = np.linspace(-2, 2, 7), np.linspace(-1, 3, 5)
    grid = loss.on_grid(b1, b2)
    assert grid.shape == (5, 7)
    pointwise = loss(np.stack(np.meshgrid(b1, b2), axis=-1))
    assert np.allclose(grid, pointwise)


def test_bowl_shape_has_the_requested_eigenvalues_and_direction():
    h = hessian_from_shape(9.0, angle_deg=90.0, scale=2.0)
    vals, vecs = np.linalg.eigh(h)
    assert np.allclose(vals, [2.0, 18.0])
    assert np.allclose(np.abs(vecs[:, 0]), [0.0, 1.0])  # long axis rotated onto β₂
    assert QuadraticLoss.from_bowl([0, 0], 9.0).condition_number == pytest.approx(9.0)


@pytest.mark.parametrize(
    ("X", "y", "message"),
    [
        (np.c_[np.arange(10.0), 2 * np.arange(10.0)], np.arange(10.0), "collinear"),
        (np.c_[np.ones(10), np.arange(10.0)], np.arange(10.0), "collinear"),
        (np.ones((10, 3)), np.arange(10.0), "exactly 2 columns"),
        (np.ones((2, 2)), np.ones(2), "At least 3"),
        (np.c_[np.arange(5.0), [0, 1, np.nan, 2, 1]], np.arange(5.0), "NaN"),
    ],
)
def test_bad_data_raise_plain_messages(X, y, message):
    with pytest.raises(ValueError, match=message):
        QuadraticLoss.from_data(X, y)


@pytest.mark.parametrize(
    "kwargs", [{"condition_number": 0.5}, {"scale": 0.0}, {"angle_deg": np.inf}]
)
def test_bad_bowl_shapes_raise(kwargs):
    with pytest.raises(ValueError):
        hessian_from_shape(**kwargs)


@pytest.mark.parametrize("k", [2, 3])
def test_rotated_hessian_has_the_curvatures_along_the_rotation_columns(k):
    rng = np.random.default_rng(k)
    rotation, _ = np.linalg.qr(rng.standard_normal((k, k)))
    curvatures = np.exp(rng.uniform(0.0, 3.0, k))
    h = rotated_hessian(rotation, curvatures)
    assert np.array_equal(h, h.T)
    np.testing.assert_allclose(h @ rotation, rotation * curvatures, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(np.linalg.eigvalsh(h), np.sort(curvatures), rtol=1e-12)


def test_rotated_hessian_zeroes_rounding_noise_only():
    quarter = np.array([[np.cos(np.pi / 2), -1.0], [1.0, np.cos(np.pi / 2)]])  # cos = 6e-17
    assert rotated_hessian(quarter, [1.0, 4.0]).tolist() == [[4.0, 0.0], [0.0, 1.0]]
    tilt = np.array([[1.0, -1e-9], [1e-9, 1.0]])  # a real off-diagonal of ~3e-9 stays
    assert rotated_hessian(tilt, [1.0, 4.0])[0, 1] != 0.0
