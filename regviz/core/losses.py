"""2-D quadratic losses, given as a bowl or computed from a small dataset.

Every least-squares loss in two coefficients is a bowl::

    L(β) = ½ (β − c)ᵀ H (β − c) + L_min

with c the unpenalized optimum (ordinary least squares) and H symmetric positive
definite. :class:`QuadraticLoss` holds c, H and L_min; build one from its shape
(:meth:`QuadraticLoss.from_bowl`) or from data (:meth:`QuadraticLoss.from_data`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray


def check_hessians(hessians: ArrayLike) -> NDArray[np.float64]:
    """Validate a (…, 2, 2) stack of Hessians: finite, symmetric, positive definite.

    Parameters
    ----------
    hessians : array_like, shape (2, 2) or (N, 2, 2)
        The matrices.

    Returns
    -------
    ndarray
        The same matrices as floats, exactly symmetrized.

    Raises
    ------
    ValueError
        With a plain sentence when a matrix is not usable as the curvature of a bowl.
    """
    h = np.asarray(hessians, dtype=float)
    if h.shape[-2:] != (2, 2):
        raise ValueError(f"A Hessian must be a 2×2 matrix; got shape {h.shape}.")
    if not np.all(np.isfinite(h)):
        raise ValueError("The Hessian contains NaN or infinite values.")
    a, b, c, d = h[..., 0, 0], h[..., 0, 1], h[..., 1, 0], h[..., 1, 1]
    scale = np.maximum(np.abs(h).max(axis=(-2, -1)), np.finfo(float).tiny)
    if np.any(np.abs(b - c) > 1e-9 * scale):
        raise ValueError("The Hessian must be symmetric (H[0, 1] equal to H[1, 0]).")
    det = a * d - 0.25 * (b + c) ** 2
    # Positive definite ⇔ a > 0 and det > 0; a relative floor rejects numerically singular bowls.
    if np.any(a <= 0) or np.any(det <= 1e-14 * scale**2):
        raise ValueError(
            "The Hessian must be positive definite: the loss has to curve upwards in every "
            "direction (a singular or flat direction has no unique optimum)."
        )
    sym = h.copy()
    sym[..., 0, 1] = sym[..., 1, 0] = 0.5 * (b + c)
    return sym


def check_centers(centers: ArrayLike, dim: int = 2) -> NDArray[np.float64]:
    """Validate a (…, dim) array of bowl centers: finite numbers (dim = 2 unless told)."""
    c = np.asarray(centers, dtype=float)
    if c.ndim == 0 or c.shape[-1] != dim:
        raise ValueError(f"A loss center must have {dim} coordinates; got shape {c.shape}.")
    if not np.all(np.isfinite(c)):
        raise ValueError("The loss center contains NaN or infinite values.")
    return c


def rotated_hessian(rotation: ArrayLike, curvatures: ArrayLike) -> NDArray[np.float64]:
    """H = R·diag(curvatures)·Rᵀ for one rotation R, cleaned of rounding noise.

    The bowl's principal curvatures are ``curvatures``, along the columns of R. Entries
    below 1e-15 of the largest curvature (rounding left by the rotation, e.g. cos 90°)
    are set to exactly 0, and the result is symmetrized exactly: ½(H + Hᵀ).

    Parameters
    ----------
    rotation : array_like, shape (k, k)
        An orthogonal matrix.
    curvatures : array_like, shape (k,)
        The eigenvalues of H, all positive.

    Returns
    -------
    ndarray, shape (k, k)
        A symmetric matrix, positive definite for positive curvatures.

    Examples
    --------
    >>> quarter = np.array([[0.0, -1.0], [1.0, 0.0]])  # 90° counter-clockwise
    >>> rotated_hessian(quarter, [1.0, 4.0]).tolist()
    [[4.0, 0.0], [0.0, 1.0]]
    """
    eig = np.asarray(curvatures, dtype=float)
    rot = np.asarray(rotation, dtype=float)
    h = rot @ np.diag(eig) @ rot.T
    h[np.abs(h) < 1e-15 * eig.max()] = 0.0
    return 0.5 * (h + h.T)


def hessian_from_shape(
    condition_number: float = 1.0, angle_deg: float = 0.0, scale: float = 1.0
) -> NDArray[np.float64]:
    """The Hessian of an elliptical bowl: eigenvalues (scale, scale·κ), rotated by an angle.

    Parameters
    ----------
    condition_number : float, default 1.0
        κ ≥ 1, the ratio of the two curvatures (1 gives circular contours).
    angle_deg : float, default 0.0
        Rotation of the direction of the *smaller* curvature (the long axis of the
        ellipses), in degrees counter-clockwise from the β₁ axis.
    scale : float, default 1.0
        The smaller eigenvalue.

    Returns
    -------
    ndarray, shape (2, 2)
        A symmetric positive-definite matrix.

    Examples
    --------
    >>> hessian_from_shape(4.0, 0.0).tolist()
    [[1.0, 0.0], [0.0, 4.0]]
    """
    if not (np.isfinite(condition_number) and condition_number >= 1.0):
        raise ValueError(f"The condition number must be at least 1; got {condition_number}.")
    if not (np.isfinite(scale) and scale > 0):
        raise ValueError(f"The curvature scale must be positive; got {scale}.")
    if not np.isfinite(angle_deg):
        raise ValueError("The rotation angle must be a finite number of degrees.")
    phi = np.deg2rad(angle_deg)
    rotation = np.array([[np.cos(phi), -np.sin(phi)], [np.sin(phi), np.cos(phi)]])
    return rotated_hessian(rotation, [scale, scale * condition_number])


@dataclass(frozen=True)
class QuadraticLoss:
    """A 2-D bowl L(β) = ½ (β − c)ᵀ H (β − c) + L_min.

    Attributes
    ----------
    center : ndarray, shape (2,)
        c, the unpenalized optimum.
    hessian : ndarray, shape (2, 2)
        H, symmetric positive definite.
    minimum : float
        L_min, the loss at the optimum (0 for a bowl; the residual loss for data).

    Examples
    --------
    >>> loss = QuadraticLoss.from_bowl([2.0, 1.0], condition_number=4.0)
    >>> float(loss([2.0, 1.0]))  # the bottom of the bowl
    0.0
    >>> loss.condition_number
    4.0
    """

    center: NDArray[np.float64]
    hessian: NDArray[np.float64]
    minimum: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "center", check_centers(self.center).reshape(2))
        object.__setattr__(self, "hessian", check_hessians(self.hessian).reshape(2, 2))

    @classmethod
    def from_bowl(
        cls,
        center: ArrayLike,
        condition_number: float = 1.0,
        angle_deg: float = 0.0,
        scale: float = 1.0,
    ) -> QuadraticLoss:
        """A bowl from its center and shape; see :func:`hessian_from_shape`."""
        return cls(
            np.asarray(center, dtype=float), hessian_from_shape(condition_number, angle_deg, scale)
        )

    @classmethod
    def from_data(cls, X: ArrayLike, y: ArrayLike) -> QuadraticLoss:
        """The least-squares loss (1/2n)‖y − Xβ − b‖² of two features, minimized over b.

        The intercept b is not penalized, so it is profiled out by centering X and y;
        then H = XcᵀXc / n, c = the OLS coefficients, and L_min the residual loss.

        Parameters
        ----------
        X : array_like, shape (n, 2)
            Two feature columns.
        y : array_like, shape (n,)
            Targets.

        Returns
        -------
        QuadraticLoss
            The same bowl that the penalized problems on (X, y) see.
        """
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        if X.ndim != 2 or X.shape[1] != 2:
            raise ValueError(f"X must have exactly 2 columns; got shape {X.shape}.")
        if y.shape != (X.shape[0],):
            raise ValueError("y must have one value per row of X.")
        if X.shape[0] < 3:
            raise ValueError(
                "At least 3 data points are needed to fit 2 coefficients and an intercept."
            )
        if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y))):
            raise ValueError("The data contain NaN or infinite values.")
        n = X.shape[0]
        xc = X - X.mean(axis=0)
        yc = y - y.mean()
        h = xc.T @ xc / n
        try:
            h = check_hessians(h)
        except ValueError:
            raise ValueError(
                "The two features are collinear (or one is constant), so least squares has no "
                "unique optimum; choose data whose columns vary independently."
            ) from None
        center = np.linalg.solve(h, xc.T @ yc / n)
        residual = yc - xc @ center
        return cls(center, h, float(residual @ residual / (2 * n)))

    def __call__(self, beta: ArrayLike) -> NDArray[np.float64]:
        """L(β) for β of shape (..., 2)."""
        d = np.asarray(beta, dtype=float) - self.center
        return 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d) + self.minimum

    def gradient(self, beta: ArrayLike) -> NDArray[np.float64]:
        """∇L(β) = H (β − c) for β of shape (..., 2)."""
        return (np.asarray(beta, dtype=float) - self.center) @ self.hessian

    def on_grid(self, b1: ArrayLike, b2: ArrayLike) -> NDArray[np.float64]:
        """L on the grid b1 × b2, shape (len(b2), len(b1)) as plotly's contour expects.

        Uses the expanded quadratic form, so a 300×300 grid costs about a millisecond.
        """
        d1 = np.asarray(b1, dtype=float)[None, :] - self.center[0]
        d2 = np.asarray(b2, dtype=float)[:, None] - self.center[1]
        (a, b), (_, d) = self.hessian
        return 0.5 * (a * d1**2 + 2.0 * b * d1 * d2 + d * d2**2) + self.minimum

    @property
    def condition_number(self) -> float:
        """Ratio of the larger to the smaller curvature of the bowl."""
        eig = np.linalg.eigvalsh(self.hessian)
        return float(eig[-1] / eig[0])
