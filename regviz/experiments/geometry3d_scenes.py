"""Everything a 3-D geometry picture needs, as pure functions: bowl, ball, β̂, meshes.

One *scene* is one rotatable panel: a 3-D bowl L(β) = ½(β − c)ᵀH(β − c), a penalty
ball of budget t (the octahedron, the sphere or the elastic-net ball), the exact
solution β̂ (read both as budget t and as penalty λ), and the level set of the loss
through β̂ — the ellipsoid {β : L(β) = L(β̂)} that just touches the ball. The ball and
the ellipsoid are triangle meshes, small enough to send to a browser.

The solvers live in :mod:`regviz.core.geometry3d`; this module puts their answers
together, so a page stays a thin script and :mod:`regviz.figures.three_d` stays free of
numerics. :data:`DEFAULTS` and :data:`PRESETS` hold the settings of a future page.

Examples
--------
>>> loss = Bowl3D.from_shape([2.0, 1.5, 0.3], condition_number=1.0)
>>> scene = ball_scene_3d(loss, "l1", t=1.0)
>>> scene.beta.tolist(), scene.n_zero
([0.75, 0.25, 0.0], 1)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from regviz.core.geometry3d import (
    budget_for_lambda_3d,
    check_centers_3d,
    check_hessians_3d,
    lambda_for_budget_3d,
    solve_constrained_3d,
    solve_penalized_3d,
)
from regviz.core.losses import rotated_hessian
from regviz.core.penalties import ball_boundary, check_penalty, constraint_value
from regviz.experiments.geometry_scenes import (
    BALL_LAMBDA_RANGE,
    ExactSolvers,
    budget_or_lambda,
    coef_text,
    comparison_text,
    drawn_ball_mix,
    format_lambda,
    level_through,
    readings_text,
    scene_name,
    solve_either_way,
    unbound_text,
    view_half_width,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MESH_LEVEL",
    "BALL_NAMES_3D",
    "Bowl3D",
    "hessian_3d_from_shape",
    "TriangleMesh",
    "ball_mesh",
    "level_set_mesh",
    "cull_mesh",
    "ball_outline",
    "Ball3DScene",
    "ball_scenes_3d",
    "ball_scene_3d",
    "zero_label",
    "zero_tag",
    "describe_scene_3d",
    "describe_comparison_3d",
    "DEFAULTS",
    "PRESETS",
    "loss_for_3d",
    "scenes_for_settings",
    "PLAY_MESH_LEVEL",
    "PLAY_OUTLINE_POINTS",
    "PLAY_BUDGET_STEPS",
    "PLAY_LAMBDAS",
    "PlaySweep3D",
    "play_values_3d",
    "play_sweeps_3d",
    "sweeps_for_settings",
    "solution_table_3d",
    "alt_text",
    "code_snippet",
]

Array = NDArray[np.float64]

# Subdivisions of each octahedron face for the round meshes (sphere, elastic-net ball,
# ellipsoid): 8·MESH_LEVEL² triangles. 10 looks round on a projector and keeps the
# side-by-side figure near 100 kB.
MESH_LEVEL = 10

BALL_NAMES_3D = {
    "l1": "octahedron ‖β‖₁ ≤ t",
    "l2": "sphere ‖β‖₂ ≤ t",
    "elasticnet": "elastic-net ball ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t",
}

_SUBSCRIPTS = "₁₂₃"


# --------------------------------------------------------------------------- the bowl


def hessian_3d_from_shape(
    condition_number: float = 1.0,
    middle: float = 0.5,
    yaw_deg: float = 0.0,
    pitch_deg: float = 0.0,
    roll_deg: float = 0.0,
) -> Array:
    """The Hessian of an ellipsoidal bowl: curvatures (1, κ^m, κ), rotated by three angles.

    H = R·diag(1, κ^m, κ)·Rᵀ with R = R_z(yaw)·R_y(pitch)·R_x(roll): the bowl's long
    axis (smallest curvature) points along R·e₁.

    Parameters
    ----------
    condition_number : float, default 1.0
        κ ≥ 1, the ratio of the largest to the smallest curvature (1: a round bowl).
    middle : float, default 0.5
        m in [0, 1]: where the middle curvature sits between 1 and κ, on a log scale.
    yaw_deg, pitch_deg, roll_deg : float, default 0.0
        Rotation angles in degrees about the β₃, β₂ and β₁ axes.

    Returns
    -------
    ndarray, shape (3, 3)
        A symmetric positive-definite matrix.

    Examples
    --------
    >>> hessian_3d_from_shape(4.0, 0.5).tolist()
    [[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 4.0]]
    """
    if not (np.isfinite(condition_number) and 1.0 <= condition_number <= 1e8):
        raise ValueError(f"The condition number must be between 1 and 1e8; got {condition_number}.")
    if not (np.isfinite(middle) and 0.0 <= middle <= 1.0):
        raise ValueError(f"The middle curvature position must be between 0 and 1; got {middle}.")
    if not all(np.isfinite([yaw_deg, pitch_deg, roll_deg])):
        raise ValueError("The rotation angles must be finite numbers of degrees.")
    yaw, pitch, roll = np.deg2rad([yaw_deg, pitch_deg, roll_deg])
    rz = np.array([[np.cos(yaw), -np.sin(yaw), 0], [np.sin(yaw), np.cos(yaw), 0], [0, 0, 1]])
    ry = np.array(
        [[np.cos(pitch), 0, np.sin(pitch)], [0, 1, 0], [-np.sin(pitch), 0, np.cos(pitch)]]
    )
    rx = np.array([[1, 0, 0], [0, np.cos(roll), -np.sin(roll)], [0, np.sin(roll), np.cos(roll)]])
    kappa = float(condition_number)
    return rotated_hessian(rz @ ry @ rx, [1.0, kappa**middle, kappa])


@dataclass(frozen=True)
class Bowl3D:
    """A 3-D bowl L(β) = ½ (β − c)ᵀ H (β − c).

    Attributes
    ----------
    center : ndarray, shape (3,)
        c, the unpenalized optimum.
    hessian : ndarray, shape (3, 3)
        H, symmetric positive definite.

    Examples
    --------
    >>> bowl = Bowl3D.from_shape([1.0, 2.0, 3.0], condition_number=10.0)
    >>> float(bowl([1.0, 2.0, 3.0])), round(bowl.condition_number, 9)
    (0.0, 10.0)
    """

    center: Array
    hessian: Array

    def __post_init__(self) -> None:
        object.__setattr__(self, "center", check_centers_3d(self.center).reshape(3))
        object.__setattr__(self, "hessian", check_hessians_3d(self.hessian).reshape(3, 3))

    @classmethod
    def from_shape(
        cls,
        center: ArrayLike,
        condition_number: float = 1.0,
        middle: float = 0.5,
        yaw_deg: float = 0.0,
        pitch_deg: float = 0.0,
        roll_deg: float = 0.0,
    ) -> Bowl3D:
        """A bowl from its center and shape; see :func:`hessian_3d_from_shape`."""
        h = hessian_3d_from_shape(condition_number, middle, yaw_deg, pitch_deg, roll_deg)
        return cls(np.asarray(center, dtype=float), h)

    def __call__(self, beta: ArrayLike) -> Array:
        """L(β) for β of shape (..., 3)."""
        d = np.asarray(beta, dtype=float) - self.center
        return 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d)

    @property
    def condition_number(self) -> float:
        """Ratio of the largest to the smallest curvature."""
        eig = np.linalg.eigvalsh(self.hessian)
        return float(eig[-1] / eig[0])


# --------------------------------------------------------------------------- meshes


@dataclass(frozen=True)
class TriangleMesh:
    """A triangle mesh: vertex coordinates and, per triangle, three vertex indices.

    Attributes
    ----------
    vertices : ndarray, shape (m, 3)
    faces : ndarray of int, shape (f, 3)
    """

    vertices: Array
    faces: NDArray[np.int64]


def _octahedron_grid(level: int) -> TriangleMesh:
    """Each face of the unit octahedron ‖β‖₁ = 1 cut into level² triangles, facing outwards.

    Vertices on the coordinate planes are repeated on both sides, so a mesh built on
    this grid keeps a sharp crease where a ball has one (the octahedron's edges, the
    elastic-net ball's ridges).
    """
    n = int(level)
    points, faces = [], []
    index = {}
    for s in np.array(np.meshgrid([1, -1], [1, -1], [1, -1], indexing="ij")).reshape(3, -1).T:
        base = len(points)
        index.clear()
        for i in range(n + 1):
            for j in range(n + 1 - i):
                index[i, j] = len(points) - base
                points.append(s * np.array([i, j, n - i - j]) / n)
        flip = np.prod(s) < 0  # mirrored octants reverse the orientation
        for i in range(n):
            for j in range(n - i):
                tris = [(index[i, j], index[i + 1, j], index[i, j + 1])]
                if j + 1 <= n - i - 1:
                    tris.append((index[i + 1, j], index[i + 1, j + 1], index[i, j + 1]))
                for a, b, c in tris:
                    faces.append(
                        (base + a, base + c, base + b) if flip else (base + a, base + b, base + c)
                    )
    return TriangleMesh(np.array(points, dtype=float), np.array(faces, dtype=np.int64))


def _merge_duplicates(mesh: TriangleMesh) -> TriangleMesh:
    """Merge repeated vertices (for smooth surfaces without creases)."""
    keys = np.round(mesh.vertices, 12)
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    first = np.zeros(len(unique), dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(keys))[::-1]
    return TriangleMesh(mesh.vertices[first], inverse.reshape(-1)[mesh.faces])


def _unit_sphere(level: int) -> TriangleMesh:
    grid = _merge_duplicates(_octahedron_grid(level))
    v = grid.vertices / np.linalg.norm(grid.vertices, axis=1, keepdims=True)
    return TriangleMesh(v, grid.faces)


def ball_mesh(
    penalty: str, t: float, ball_mix: float = 0.5, level: int = MESH_LEVEL
) -> TriangleMesh:
    """The surface of the budget-t ball as a triangle mesh.

    The octahedron is drawn with its 8 faces exactly; the sphere and the elastic-net
    ball on an octahedron grid of ``level`` subdivisions pushed out to the surface
    (every vertex exactly on it), so the elastic-net ball's ridges on the coordinate
    planes are edges of the mesh.

    Parameters
    ----------
    penalty : {"l1", "l2", "elasticnet"}
        Which ball.
    t : float
        The budget, t ≥ 0.
    ball_mix : float, default 0.5
        The mix ρ of the elastic-net ball ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t.
    level : int, default MESH_LEVEL
        Subdivisions per octahedron face (round balls only).

    Returns
    -------
    TriangleMesh

    Examples
    --------
    >>> mesh = ball_mesh("l1", 2.0)
    >>> mesh.vertices.shape, mesh.faces.shape, float(np.abs(mesh.vertices).sum(axis=1).max())
    ((6, 3), (8, 3), 2.0)
    """
    check_penalty(penalty)
    if not (np.isfinite(t) and t >= 0):
        raise ValueError(f"The budget t must be a finite non-negative number; got {t}.")
    if penalty == "l1":
        return TriangleMesh(
            t * (grid := _merge_duplicates(_octahedron_grid(1))).vertices, grid.faces
        )
    if penalty == "l2":
        sphere = _unit_sphere(level)
        return TriangleMesh(t * sphere.vertices, sphere.faces)
    grid = _octahedron_grid(level)
    u = grid.vertices / np.linalg.norm(grid.vertices, axis=1, keepdims=True)
    a = np.abs(u).sum(axis=1)
    r = float(ball_mix)
    if r == 1.0:
        radius = t / a
    else:  # r·ρ·a + (1 − r)·ρ² = t, the positive root written without cancellation
        radius = 2.0 * t / (r * a + np.sqrt((r * a) ** 2 + 4.0 * (1.0 - r) * t))
    return TriangleMesh(u * radius[:, None], grid.faces)


def _rotation_taking(a: Array, b: Array) -> Array:
    """A rotation matrix taking the unit vector a to the unit vector b (Rodrigues)."""
    v = np.cross(a, b)
    cos = float(a @ b)
    if cos < -1.0 + 1e-12:  # opposite: turn half way round any axis perpendicular to a
        axis = np.cross(a, [1.0, 0.0, 0.0] if abs(a[0]) < 0.9 else [0.0, 1.0, 0.0])
        axis /= np.linalg.norm(axis)
        return 2.0 * np.outer(axis, axis) - np.eye(3)
    k = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    return np.eye(3) + k + k @ k / (1.0 + cos)


def level_set_mesh(loss: Bowl3D, beta: ArrayLike, level: int = MESH_LEVEL) -> TriangleMesh | None:
    """The ellipsoid {β : L(β) = L(β̂)} through β̂ as a triangle mesh, β̂ one of its vertices.

    With H = V diag(μ) Vᵀ and ℓ = L(β̂), the level set is c + √(2ℓ)·V diag(μ^(−½))Vᵀ·u
    for unit vectors u. The unit-sphere mesh is turned so that one vertex maps exactly
    to β̂: the drawn ellipsoid touches the ball exactly there.

    Returns None when β̂ is the optimum c (the level set is a single point).

    Examples
    --------
    >>> bowl = Bowl3D.from_shape([2.0, 0.0, 0.0])
    >>> mesh = level_set_mesh(bowl, [1.0, 0.0, 0.0])
    >>> bool(np.allclose(bowl(mesh.vertices), 0.5)), [1.0, 0.0, 0.0] in mesh.vertices.tolist()
    (True, True)
    """
    beta = np.asarray(beta, dtype=float)
    if (through := level_through(loss, beta)) is None:
        return None
    offset, excess, mu, vectors = through
    whiten = vectors @ np.diag(np.sqrt(mu)) @ vectors.T  # H^(1/2)
    unwhiten = vectors @ np.diag(1.0 / np.sqrt(mu)) @ vectors.T  # H^(−1/2)
    radius = math.sqrt(2.0 * excess)
    u0 = whiten @ offset / radius  # unit vector: β̂ = c + radius·H^(−1/2)·u0
    sphere = _unit_sphere(level)
    top = int(np.argmax(sphere.vertices[:, 2]))  # the vertex (0, 0, 1)
    units = sphere.vertices @ _rotation_taking(sphere.vertices[top], u0).T
    points = loss.center + radius * units @ unwhiten.T
    points[top] = beta
    return TriangleMesh(points, sphere.faces)


def cull_mesh(mesh: TriangleMesh, half_width: float) -> TriangleMesh:
    """Drop the triangles that lie wholly beyond one face of the cube [−h, h]³.

    Plotly clips a 3-D scene to its axis ranges smoothly, so triangles that cross the
    cube's surface are kept; only those that cannot show are dropped (fewer bytes).
    Unused vertices are dropped and the rest re-indexed.

    Examples
    --------
    >>> mesh = TriangleMesh(np.array([[0.0, 0, 0], [3, 0, 0], [3, 1, 0], [4, 0, 0]]),
    ...                     np.array([[0, 1, 2], [1, 2, 3]]))
    >>> cull_mesh(mesh, 2.0).faces.tolist()
    [[0, 1, 2]]
    """
    tri = mesh.vertices[mesh.faces]  # (f, 3 vertices, 3 coordinates)
    limit = half_width * (1 + 1e-9)
    beyond = np.any(np.all(tri > limit, axis=1) | np.all(tri < -limit, axis=1), axis=1)
    faces = mesh.faces[~beyond]
    used = np.unique(faces)
    new_index = np.full(len(mesh.vertices), -1, dtype=np.int64)
    new_index[used] = np.arange(len(used))
    return TriangleMesh(mesh.vertices[used], new_index[faces])


def ball_outline(
    penalty: str, t: float, ball_mix: float = 0.5, n_points: int | None = None
) -> Array:
    """Where the ball meets the 3 coordinate planes, as one polyline (pieces split by NaN).

    For the octahedron these are its 12 edges, for the sphere 3 great circles, for the
    elastic-net ball its ridges: the 2-D balls of :func:`regviz.core.penalties.ball_boundary`.
    ``n_points`` per curve (a multiple of 4 plus 1 keeps the corners on the axes): 5 for
    the octahedron, 97 for the round balls when None.

    Returns
    -------
    ndarray, shape (m, 3)

    Examples
    --------
    >>> ball_outline("l1", 1.0).shape
    (18, 3)
    """
    if penalty == "l1":
        n_points = 5  # the corners alone: a multiple of 4 plus 1 keeps them on the axes
    elif n_points is None:
        n_points = 97
    curve = ball_boundary(penalty, t, l1_ratio=ball_mix, n_points=n_points)
    pieces = []
    for i, j in ((0, 1), (0, 2), (1, 2)):
        piece = np.zeros((len(curve) + 1, 3))
        piece[:-1, i], piece[:-1, j] = curve[:, 0], curve[:, 1]
        piece[-1] = np.nan
        pieces.append(piece)
    return np.concatenate(pieces)


# --------------------------------------------------------------------------- scenes


@dataclass(frozen=True)
class Ball3DScene:
    """One rotatable 3-D panel: bowl, ball, solution, level set, meshes and view.

    Attributes
    ----------
    loss : Bowl3D
        The bowl L(β) = ½(β − c)ᵀH(β − c).
    penalty : str
        ``"l1"``, ``"l2"`` or ``"elasticnet"``.
    t : float
        The budget of the drawn ball.
    lam : float
        The penalty strength λ whose penalized solution is ``beta`` (scikit-learn's
        convention); ``inf`` for L2 at t = 0.
    l1_ratio : float
        The *penalized* elastic-net mix r (used only for ``"elasticnet"``).
    ball_mix : float
        The mix ρ = 2r/(1 + r) of the drawn elastic-net ball.
    beta : ndarray, shape (3,)
        The solution β̂; coefficients on an edge or at a vertex are exactly 0.0.
    binding : bool
        True when c lies outside the ball, so β̂ sits on its surface.
    ball : TriangleMesh
        The ball's surface.
    outline : ndarray, shape (m, 3)
        Where the ball meets the coordinate planes (NaN-separated polyline).
    level_set : TriangleMesh or None
        The ellipsoid L(β) = L(β̂) through β̂ (triangles wholly outside the view
        dropped); None when β̂ = c.
    half_width : float
        The view is the cube [−half_width, half_width]³.
    """

    loss: Bowl3D
    penalty: str
    t: float
    lam: float
    l1_ratio: float
    ball_mix: float
    beta: Array
    binding: bool
    ball: TriangleMesh
    outline: Array
    level_set: TriangleMesh | None
    half_width: float

    @property
    def zeroed(self) -> tuple[bool, bool, bool]:
        """Which coefficients of β̂ are exactly 0.0."""
        return tuple(bool(b == 0.0) for b in self.beta)  # type: ignore[return-value]

    @property
    def n_zero(self) -> int:
        """How many coefficients of β̂ are exactly 0.0."""
        return int(sum(self.zeroed))

    @property
    def axis_range(self) -> tuple[float, float]:
        """The range of all three axes."""
        return (-self.half_width, self.half_width)

    @property
    def name(self) -> str:
        """A short name of the penalty for titles and legends."""
        return scene_name(self.penalty, self.l1_ratio)


_SOLVERS_3D = ExactSolvers(
    solve_constrained_3d, solve_penalized_3d, lambda_for_budget_3d, budget_for_lambda_3d
)


def ball_scenes_3d(
    loss: Bowl3D,
    penalties: Sequence[str],
    *,
    t: float | None = None,
    lam: float | None = None,
    l1_ratio: float = 0.5,
    mesh_level: int = MESH_LEVEL,
) -> tuple[Ball3DScene, ...]:
    """One scene per penalty on the same bowl, sharing one view (the cube of the largest).

    The three-coefficient :func:`regviz.experiments.geometry_scenes.geometry_scenes`:
    ``t``, ``lam`` and ``l1_ratio`` are the same (give exactly one of ``t`` and ``lam``).

    Parameters
    ----------
    loss : Bowl3D
        The bowl.
    penalties : sequence of {"l1", "l2", "elasticnet"}
        One scene per entry, e.g. ``("l1", "l2")`` for the side-by-side view.
    mesh_level : int, default MESH_LEVEL
        Subdivisions per octahedron face of the round meshes.

    Returns
    -------
    tuple of Ball3DScene
        In the order of ``penalties``.

    Raises
    ------
    ValueError
        If both or neither of ``t`` and ``lam`` are given, or for invalid inputs.
    """
    budget_or_lambda(t, lam)  # refuses both or neither
    _check_balls(penalties, mesh_level)
    solved = [solve_either_way(loss, p, t, lam, l1_ratio, _SOLVERS_3D) for p in penalties]
    balls = [
        ball_mesh(p, budget, mix, int(mesh_level))
        for p, (budget, _, mix, _) in zip(penalties, solved, strict=True)
    ]
    half = view_half_width(loss.center, [b.vertices for b in balls])
    scenes = []
    for penalty, one, ball in zip(penalties, solved, balls, strict=True):
        budget, _, mix, beta = one
        level_set = level_set_mesh(loss, beta, int(mesh_level))
        culled = None if level_set is None else cull_mesh(level_set, half)
        outline = ball_outline(penalty, budget, mix)
        scenes.append(_scene(loss, penalty, one, l1_ratio, ball, outline, culled, half))
    return tuple(scenes)


def _check_balls(penalties: Sequence[str], mesh_level: int) -> None:
    for penalty in penalties:
        check_penalty(penalty)
    if int(mesh_level) < 1 or int(mesh_level) > 40:
        raise ValueError(f"The mesh level must be between 1 and 40; got {mesh_level}.")


def _scene(
    loss: Bowl3D,
    penalty: str,
    solved: tuple[float, float, float, Array],
    l1_ratio: float,
    ball: TriangleMesh,
    outline: Array,
    level_set: TriangleMesh | None,
    half: float,
) -> Ball3DScene:
    """The scene of one ball from :func:`solve_either_way`'s (t, λ, mix, β̂) and its
    drawn pieces (the still picture and ▶ Play's frames draw them at different detail)."""
    budget, lam_value, mix, beta = solved
    return Ball3DScene(
        loss=loss,
        penalty=penalty,
        t=budget,
        lam=lam_value,
        l1_ratio=float(l1_ratio),
        ball_mix=float(mix),
        beta=np.asarray(beta, dtype=float),
        binding=bool(float(constraint_value(loss.center, penalty, mix)) > budget),
        ball=ball,
        outline=outline,
        level_set=level_set,
        half_width=half,
    )


def ball_scene_3d(loss: Bowl3D, penalty: str, **kwargs: object) -> Ball3DScene:
    """One scene; the keyword arguments are those of :func:`ball_scenes_3d`."""
    return ball_scenes_3d(loss, (penalty,), **kwargs)[0]  # type: ignore[arg-type]


# --------------------------------------------------------------------------- words


def zero_label(scene: Ball3DScene) -> str:
    """The label of β̂ in the figure: its coordinates and how many are exactly 0.

    Examples
    --------
    >>> scene = ball_scene_3d(Bowl3D.from_shape([2.0, 1.0, 0.5]), "l1", t=1.0)
    >>> zero_label(scene)
    'β̂ = (1.00, 0, 0): 2 of 3 coefficients exactly 0'
    """
    n = scene.n_zero
    count = {0: "no coefficient", 1: "1 of 3 coefficients", 2: "2 of 3 coefficients"}.get(
        n, "all 3 coefficients"
    )
    return f"β̂ = {coef_text(scene.beta)}: {count} exactly 0"


def zero_tag(scene: Ball3DScene) -> str:
    """A short tag for the marker of β̂: which coefficients are exactly 0.

    Examples
    --------
    >>> scene = ball_scene_3d(Bowl3D.from_shape([2.0, 1.0, 0.5]), "l1", t=1.0)
    >>> zero_tag(scene)
    'β̂: β₂ = β₃ = 0'
    """
    if scene.n_zero == 0:
        return "β̂: no zero"
    return "β̂: " + " = ".join(f"β{_SUBSCRIPTS[k]}" for k in range(3) if scene.zeroed[k]) + " = 0"


def describe_scene_3d(scene: Ball3DScene) -> str:
    """The "What to notice" text for one 3-D scene, computed from its numbers (Markdown).

    Examples
    --------
    >>> scene = ball_scene_3d(Bowl3D.from_shape([2.0, 1.0, 0.5]), "l2", t=1.0)
    >>> describe_scene_3d(scene).startswith("**No coefficient is zero.**")
    True
    """
    ball = BALL_NAMES_3D[scene.penalty]
    parts = []
    if (opening := unbound_text(scene, ball)) is not None:
        parts.append(opening)
    elif scene.n_zero:
        names = " and ".join(f"β{_SUBSCRIPTS[k]}" for k in range(3) if scene.zeroed[k])
        where = "a vertex" if scene.n_zero == 2 else "an edge"
        parts.append(
            f"**{names} = 0 exactly.** The smallest loss ellipsoid that reaches the {ball} "
            f"touches it at {where}, β̂ = {coef_text(scene.beta)}. In 3-D the ball has 6 "
            "vertices (two zeros each) and 12 edges (one zero each) sticking out towards the "
            "ellipsoids, so a whole range of bowl tilts first touches one of them."
        )
    else:
        smallest = float(np.abs(scene.beta).min())
        if scene.penalty == "l2":
            parts.append(
                f"**No coefficient is zero.** The sphere has no edges or vertices: the ellipsoid "
                f"touches it where the two are tangent, at β̂ = {coef_text(scene.beta)}. All "
                f"three coefficients are shrunk (the smallest is {smallest:.2f}), none to 0."
            )
        else:
            parts.append(
                f"**No coefficient is zero at this budget.** The ellipsoid touches the {ball} "
                f"on a face, at β̂ = {coef_text(scene.beta)} (smallest |β̂ᵢ| = {smallest:.2f}). "
                "Lower t and the touching point moves to an edge or a vertex."
            )
    return " ".join(parts + readings_text(scene))


def describe_comparison_3d(scenes: Sequence[Ball3DScene]) -> str:
    """One sentence comparing the zeros of several scenes (e.g. L1 next to L2).

    Examples
    --------
    >>> bowl = Bowl3D.from_shape([2.0, 1.0, 0.5])
    >>> text = describe_comparison_3d(ball_scenes_3d(bowl, ("l1", "l2"), t=1.0))
    >>> for part in text.split(" — ")[1].split("; "):
    ...     print(part)
    L1 (lasso): β̂ = (1.00, 0, 0), 2 of 3 coefficients exactly 0 (t = 1, λ = 1)
    L2 (ridge): β̂ = (0.87, 0.44, 0.22), no exact zero (t = 1, λ = 1.29).
    """

    def zeros(scene: Ball3DScene) -> str:
        n = scene.n_zero
        return "no exact zero" if n == 0 else f"{n} of 3 coefficients exactly 0"

    return comparison_text(scenes, "bowl", zeros)


# --------------------------------------------------------------------------- presets

# The 3-D page's defaults and its presets, by control name (regviz.ui.specs.three_d).
# "mode" says whether t or λ sets the ball; the bowl is c = (c1, c2, c3) with curvatures
# (1, κ^middle, κ) turned by yaw, pitch and roll (degrees).
DEFAULTS: dict[str, object] = {
    "penalty": "l1",
    "side_by_side": True,
    "mode": "t",
    "t": 1.0,
    "lam": 1.0,
    "l1_ratio": 0.5,
    "c1": 2.0,
    "c2": 1.2,
    "c3": 0.6,
    "kappa": 6.0,
    "middle": 0.5,
    "yaw": -30.0,
    "pitch": -30.0,
    "roll": 0.0,
}

PRESETS: dict[str, dict[str, object]] = {
    # The default view: a tilted bowl whose ellipsoid first touches an edge of the
    # octahedron (β₃ = 0 exactly) and the sphere off every coordinate plane (no zero).
    "the classic picture": {**DEFAULTS},
    # A round bowl (uncorrelated features of equal scale): the lasso soft-thresholds and
    # zeroes the smallest coefficient; ridge shrinks c straight towards 0.
    "round bowl": {**DEFAULTS, "c1": 2.0, "c2": 1.5, "c3": 0.3, "kappa": 1.0},
    # A tilted bowl whose ellipsoid first touches a vertex: two of three coefficients
    # are exactly 0 for the lasso, none for ridge — and the one the lasso keeps is β₃,
    # whose unpenalized value is the smallest.
    "tilted bowl: two zeros": {
        **DEFAULTS,
        "c1": 1.6,
        "c2": 1.4,
        "c3": 1.2,
        "kappa": 10.0,
        "yaw": 45.0,
        "pitch": 30.0,
        "roll": 0.0,
    },
    # A round bowl with c₃ almost 0 and a small budget: the lasso zeroes β₂ and β₃, the
    # sphere shrinks every coefficient in proportion and leaves β₃ small but not 0.
    "sphere never zeroes": {
        **DEFAULTS,
        "c1": 2.0,
        "c2": 1.0,
        "c3": 0.1,
        "kappa": 1.0,
        "t": 0.5,
    },
}


def loss_for_3d(
    *,
    c1: float,
    c2: float,
    c3: float,
    kappa: float,
    middle: float,
    yaw: float,
    pitch: float,
    roll: float,
) -> Bowl3D:
    """The page's bowl from its settings (see :data:`DEFAULTS`).

    Examples
    --------
    >>> loss_for_3d(c1=1, c2=2, c3=3, kappa=1, middle=0.5, yaw=0, pitch=0, roll=0).center.tolist()
    [1.0, 2.0, 3.0]
    """
    return Bowl3D.from_shape([c1, c2, c3], kappa, middle, yaw, pitch, roll)


def _read_settings(
    settings: Mapping[str, object],
) -> tuple[Bowl3D, tuple[str, ...], dict[str, float], float]:
    """The bowl, the penalties drawn, ``{"t": t}`` or ``{"lam": λ}`` and the mix r."""
    values = {**DEFAULTS, **settings}
    unknown = sorted(set(values) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"Unknown setting(s) {', '.join(unknown)}.")
    if values["mode"] not in ("t", "lam"):
        raise ValueError(f"The mode must be 't' or 'lam'; got {values['mode']!r}.")
    loss = loss_for_3d(
        **{
            k: float(values[k])
            for k in ("c1", "c2", "c3", "kappa", "middle", "yaw", "pitch", "roll")
        }  # type: ignore[arg-type]
    )
    penalties = ("l1", "l2") if values["side_by_side"] else (str(values["penalty"]),)
    mode = str(values["mode"])
    by = {mode: float(values[mode])}  # type: ignore[arg-type]
    return loss, penalties, by, float(values["l1_ratio"])  # type: ignore[arg-type]


def scenes_for_settings(settings: Mapping[str, object]) -> tuple[Ball3DScene, ...]:
    """The scenes a page shows for its settings (a preset, or :data:`DEFAULTS` overridden).

    ``side_by_side`` gives L1 | L2; otherwise one scene of ``penalty``. ``mode`` ``"t"``
    uses the budget ``t``, ``"lam"`` the penalty strength ``lam``.

    Examples
    --------
    >>> [s.n_zero for s in scenes_for_settings(PRESETS["tilted bowl: two zeros"])]
    [2, 0]
    """
    loss, penalties, by, l1_ratio = _read_settings(settings)
    return ball_scenes_3d(loss, penalties, l1_ratio=l1_ratio, **by)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- ▶ Play

# The frames of ▶ Play travel to the browser with every move, so they are coarser than
# the still picture: 8·5² = 200 triangles per round mesh, a point every 11.25° on the
# outlines (a multiple of 4 plus 1: the corners stay on the axes).
PLAY_MESH_LEVEL = 5
PLAY_OUTLINE_POINTS = 33
# Budget mode: t from 0 to the budget at which the largest ball drawn holds the optimum c.
PLAY_BUDGET_STEPS = 14
# λ mode: the page's λ range (BALL_LAMBDA_RANGE), 4 values a decade, increasing (the ball shrinks).
PLAY_LAMBDAS = np.geomspace(*BALL_LAMBDA_RANGE, 13)


@dataclass(frozen=True)
class PlaySweep3D:
    """The frames of ▶ Play for one ball: the same bowl at a range of budgets t (or λ).

    Every frame is a :class:`Ball3DScene` whose meshes share their triangles with every
    other frame (the level set is not culled, and drawn at :data:`PLAY_MESH_LEVEL`), so a
    browser needs only the new vertex coordinates to move from one frame to the next.

    Attributes
    ----------
    by : {"t", "lam"}
        What the sweep steps: the budget t (increasing: the ball grows) or λ (increasing:
        the ball shrinks).
    frames : tuple of Ball3DScene
        In playing order; one of them is the page's own setting.
    active : int
        The index of the frame at the page's own t (or λ): what the figure shows first.

    Examples
    --------
    >>> sweep = play_sweeps_3d(Bowl3D.from_shape([2.0, 1.0, 0.5]), ("l1",), t=1.0)[0]
    >>> len(sweep.frames), float(sweep.values[sweep.active]), sweep.frames[sweep.active].n_zero
    (15, 1.0, 2)
    """

    by: str
    frames: tuple[Ball3DScene, ...]
    active: int

    @property
    def values(self) -> Array:
        """The t (or λ) of each frame, in playing order."""
        return np.array([getattr(frame, self.by) for frame in self.frames], dtype=float)

    @property
    def current(self) -> Ball3DScene:
        """The frame at the page's own setting."""
        return self.frames[self.active]


def play_values_3d(
    loss: Bowl3D,
    penalties: Sequence[str],
    *,
    t: float | None = None,
    lam: float | None = None,
    l1_ratio: float = 0.5,
) -> Array:
    """The budgets t (or the λ) that ▶ Play steps through, the page's own value among them.

    With ``t``: :data:`PLAY_BUDGET_STEPS` + 1 budgets from 0 to the one at which the
    largest ball drawn just holds the optimum c (or to ``t``, if larger). With ``lam``:
    :data:`PLAY_LAMBDAS`. The page's own ``t`` (or ``lam``) is added where it falls.

    Parameters
    ----------
    loss, penalties, t, lam, l1_ratio
        As in :func:`ball_scenes_3d`: the page's bowl, balls (side by side, they share one
        sweep of t), budget or λ (give exactly one) and penalized mix.

    Returns
    -------
    ndarray
        Increasing.

    Examples
    --------
    >>> bowl = Bowl3D.from_shape([2.0, 1.2, 0.6])
    >>> values = play_values_3d(bowl, ("l1", "l2"), t=1.0)  # ‖c‖₁ = 3.8 holds c
    >>> len(values), float(values[0]), round(float(values[-1]), 6), 1.0 in values
    (16, 0.0, 3.8, True)
    >>> values = play_values_3d(bowl, ("l1",), lam=0.1)
    >>> len(values), float(values[0]), float(values[-1])
    (13, 0.01, 10.0)
    """
    _, current = budget_or_lambda(t, lam)
    if not (np.isfinite(current) and current >= 0):
        raise ValueError(f"The budget t or λ must be a finite non-negative number; got {current}.")
    if t is None:
        grid = PLAY_LAMBDAS
    else:
        holds_c = max(
            float(constraint_value(loss.center, p, drawn_ball_mix(p, l1_ratio))) for p in penalties
        )
        end = max(holds_c, current)
        grid = np.linspace(0.0, end if end > 0 else 1.0, PLAY_BUDGET_STEPS + 1)
    if np.any(np.isclose(grid, current, rtol=1e-9, atol=1e-12)):
        return grid.copy()
    return np.sort(np.append(grid, current))


def play_sweeps_3d(
    loss: Bowl3D,
    penalties: Sequence[str],
    *,
    t: float | None = None,
    lam: float | None = None,
    l1_ratio: float = 0.5,
    mesh_level: int = PLAY_MESH_LEVEL,
) -> tuple[PlaySweep3D, ...]:
    """The frames of ▶ Play, one sweep per ball: the same problem at every t (or λ) of
    :func:`play_values_3d`, solved exactly as the still picture is.

    All frames of all balls share one view: the cube of the page's own scenes, widened to
    hold every β̂ of the sweep (the largest balls may reach past it; plotly clips them).

    Parameters
    ----------
    loss, penalties, l1_ratio, mesh_level
        As in :func:`ball_scenes_3d` (one sweep per penalty; ``mesh_level`` defaults to
        :data:`PLAY_MESH_LEVEL` here).
    t, lam : float, optional
        The page's budget t or λ (give exactly one): the sweep steps the same quantity,
        and its frame :attr:`PlaySweep3D.active` is the page's own setting.

    Returns
    -------
    tuple of PlaySweep3D
        In the order of ``penalties``.

    Examples
    --------
    >>> l1, l2 = play_sweeps_3d(Bowl3D.from_shape([2.0, 1.0, 0.1]), ("l1", "l2"), t=0.5)
    >>> [frame.n_zero for frame in l1.frames]  # β̂ leaves a vertex, then an edge
    [3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]
    >>> [frame.n_zero for frame in l2.frames][:3]  # the sphere zeroes only at t = 0
    [3, 0, 0]
    """
    values = play_values_3d(loss, penalties, t=t, lam=lam, l1_ratio=l1_ratio)
    by, current = budget_or_lambda(t, lam)
    level = int(mesh_level)
    _check_balls(penalties, level)
    solved = {
        p: [solve_either_way(loss, p, *_t_or_lam(by, v), l1_ratio, _SOLVERS_3D) for v in values]
        for p in penalties
    }
    active = int(np.argmin(np.abs(values - current)))
    # The view of the still picture (c and the page's balls), widened for every β̂.
    balls = [ball_mesh(p, s[active][0], s[active][2], 1).vertices for p, s in solved.items()]
    betas = [np.array([beta for *_, beta in s]) for s in solved.values()]
    half = view_half_width(loss.center, balls + betas)
    sweeps = []
    for penalty, per_value in solved.items():
        frames = tuple(
            _scene(
                loss,
                penalty,
                (budget, lam_value, mix, beta),
                l1_ratio,
                ball_mesh(penalty, budget, mix, level),
                ball_outline(penalty, budget, mix, PLAY_OUTLINE_POINTS),
                level_set_mesh(loss, beta, level),  # uncut: every frame, the same triangles
                half,
            )
            for budget, lam_value, mix, beta in per_value
        )
        sweeps.append(PlaySweep3D(by=by, frames=frames, active=active))
    return tuple(sweeps)


def _t_or_lam(by: str, value: float) -> tuple[float | None, float | None]:
    return (float(value), None) if by == "t" else (None, float(value))


def sweeps_for_settings(settings: Mapping[str, object]) -> tuple[PlaySweep3D, ...]:
    """The ▶ Play sweeps of the scenes :func:`scenes_for_settings` gives for ``settings``.

    The sweep steps t when ``mode`` is ``"t"``, λ when it is ``"lam"``.

    Examples
    --------
    >>> sweeps = sweeps_for_settings({"mode": "lam", "lam": 0.5})
    >>> [s.by for s in sweeps], [float(s.values[s.active]) for s in sweeps]
    (['lam', 'lam'], [0.5, 0.5])
    """
    loss, penalties, by, l1_ratio = _read_settings(settings)
    return play_sweeps_3d(loss, penalties, l1_ratio=l1_ratio, **by)  # type: ignore[arg-type]


def solution_table_3d(scenes: Sequence[Ball3DScene]) -> pd.DataFrame:
    """The numbers of the 3-D figures, one row per ball: t, λ, β̂₁, β̂₂, β̂₃ and the zeros.

    Parameters
    ----------
    scenes : sequence of Ball3DScene
        The panels drawn (from :func:`scenes_for_settings`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``ball`` (the penalty's name); columns ``budget t``, ``penalty λ``
        (``inf`` for L2 at t = 0), ``β̂₁``, ``β̂₂``, ``β̂₃`` and ``exact zeros``.

    Examples
    --------
    >>> table = solution_table_3d(scenes_for_settings(PRESETS["tilted bowl: two zeros"]))
    >>> table.loc["L1 (lasso)", ["budget t", "β̂₁", "β̂₂", "β̂₃"]].tolist()
    [1.0, 0.0, 0.0, 1.0]
    >>> table["exact zeros"].tolist()
    [2, 0]
    """
    import pandas as pd

    rows = {
        scene.name: {
            "budget t": float(scene.t),
            "penalty λ": float(scene.lam),
            **{f"β̂{_SUBSCRIPTS[k]}": float(scene.beta[k]) for k in range(3)},
            "exact zeros": scene.n_zero,
        }
        for scene in scenes
    }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("ball")


# --------------------------------------------------------------------------- the page's words

_COUNT_WORDS = ("no coefficient is", "one coefficient is", "two coefficients are")


def alt_text(scenes: Sequence[Ball3DScene]) -> str:
    """A text alternative for the 3-D figures that states their key numbers (screen readers).

    Examples
    --------
    >>> bowl = Bowl3D.from_shape([2.0, 1.0, 0.5])
    >>> print(alt_text(ball_scenes_3d(bowl, ("l1", "l2"), t=1.0)))  # doctest: +NORMALIZE_WHITESPACE
    L1 (lasso), octahedron: β̂ = (1.00, 0.00, 0.00); two coefficients are exactly zero
    (β₂ and β₃). Budget t = 1, λ = 1. L2 (ridge), sphere: β̂ = (0.87, 0.44, 0.22); no
    coefficient is exactly zero. Budget t = 1, λ = 1.29.
    """
    parts = []
    for scene in scenes:
        ball = BALL_NAMES_3D[scene.penalty].split(" ")[0]
        coefs = ", ".join(f"{0.0 if b == 0.0 else b:.2f}" for b in scene.beta)
        zeros = [f"β{_SUBSCRIPTS[k]}" for k in range(3) if scene.zeroed[k]]
        if scene.t == 0:
            state = "the ball is a single point, so all three coefficients are exactly zero"
        elif not scene.binding:
            state = "the ball does not bind, so β̂ is the unpenalized optimum"
        else:
            state = _COUNT_WORDS[len(zeros)] + " exactly zero"
            if zeros:
                state += " (" + " and ".join(zeros) + ")"
        lam = "∞" if math.isinf(scene.lam) else format_lambda(scene.lam)
        parts.append(
            f"{scene.name}, {ball}: β̂ = ({coefs}); {state}. Budget t = {scene.t:.3g}, λ = {lam}."
        )
    return " ".join(parts)


def code_snippet(scenes: Sequence[Ball3DScene], *, mode: str = "t") -> str:
    """Runnable code that reproduces β̂ of every scene with regviz's public API.

    ``mode="t"`` solves the constrained form at each ball's budget t (as the page does
    when t sets the ball); ``mode="lam"`` solves the penalized form at λ and checks it
    against the constrained form at the matching t. Numbers are written in full
    precision, so the snippet returns the page's β̂ to the last digit.

    Examples
    --------
    >>> scene = ball_scene_3d(Bowl3D.from_shape([2.0, 1.0, 0.5]), "l1", t=1.0)
    >>> namespace = {}
    >>> exec(code_snippet([scene]), namespace)
    L1 (lasso): β̂ = [1.0, 0.0, 0.0], exact zeros: 2
    >>> namespace["beta"]["l1"].tolist() == scene.beta.tolist()
    True
    """
    if mode not in ("t", "lam"):
        raise ValueError(f"The mode must be 't' or 'lam'; got {mode!r}.")
    c, h = scenes[0].loss.center, scenes[0].loss.hessian
    names = "solve_constrained_3d" + (", solve_penalized_3d" if mode == "lam" else "")
    rows = ",\n".join("    [" + ", ".join(repr(float(x)) for x in row) + "]" for row in h)
    lines = [
        "import numpy as np",
        f"from regviz import {names}",
        "",
        "# The bowl ½(β − c)ᵀH(β − c) as drawn: its center c and Hessian H.",
        "c = np.array([" + ", ".join(repr(float(x)) for x in c) + "])",
        f"H = np.array([\n{rows},\n])",
        "beta = {}",
    ]
    for scene in scenes:
        p = scene.penalty
        if mode == "t":
            mix = f", l1_ratio={scene.ball_mix!r}" if p == "elasticnet" else ""
            lines.append(
                f'beta["{p}"] = solve_constrained_3d(c, H, penalty="{p}", t={scene.t!r}{mix})'
            )
        else:
            mix = f", l1_ratio={scene.l1_ratio!r}" if p == "elasticnet" else ""
            lines.append(
                f'beta["{p}"] = solve_penalized_3d(c, H, penalty="{p}", lam={scene.lam!r}{mix})'
            )
        lines.append(
            f'print("{scene.name}: β̂ =", np.round(beta["{p}"], 4).tolist(), end=", ")\n'
            f'print("exact zeros:", int(np.sum(beta["{p}"] == 0.0)))'
        )
        if mode == "lam":
            mix = f", l1_ratio={scene.ball_mix!r}" if p == "elasticnet" else ""
            lines += [
                "# The constrained form with the matching budget t gives the same β̂:",
                f'same = solve_constrained_3d(c, H, penalty="{p}", t={scene.t!r}{mix})',
                'print("  as budget t:", np.round(same, 4).tolist())',
            ]
    return "\n".join(lines)
