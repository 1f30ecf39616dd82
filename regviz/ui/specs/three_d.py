"""The Three coefficients page, declared: the octahedron and the sphere against one 3-D bowl."""

from __future__ import annotations

from regviz.core.conventions import PENALTY_NAMES
from regviz.experiments import geometry3d_scenes, montecarlo3d
from regviz.ui.controls import Choice, Slider
from regviz.ui.spec import PageSpec
from regviz.ui.specs import common

BOWL = "Shape of the bowl"
MONTE_CARLO = {"where": "main", "section": "montecarlo"}  # above the Monte Carlo figure


def _angle(name: str, label: str, axis: str, secondary: bool = False) -> Slider:
    return common.rotation_slider(
        name,
        label,
        f"Turns the bowl about the {axis} axis (degrees). Turned bowls stand for "
        "correlated features: their ellipsoids lie slanted to the coefficient axes.",
        group=BOWL,
        secondary=secondary,
    )


def _center(k: int) -> Slider:
    sub = "₁₂₃"[k - 1]
    return common.coefficient_slider(
        f"c{k}",
        f"Loss center c{sub}",
        f"Where the loss is smallest along β{sub}: the unpenalized (OLS) optimum c.",
        group=BOWL,
    )


SPEC = PageSpec(
    slug="three_d",
    title="Three coefficients: octahedron vs sphere",
    icon=":material/view_in_ar:",
    question="With three coefficients, does the L1 ball still give exact zeros — and how many?",
    intro=(
        "The same picture as Geometry, one dimension up; drag a figure to turn it. The L1 "
        "ball ‖β‖₁ ≤ t is an **octahedron**: 6 vertices (two coefficients 0) joined by 12 "
        "edges (one coefficient 0). The L2 ball ‖β‖₂ ≤ t is a **sphere**, with no edges at "
        "all. The grey surface is the loss ellipsoid through the penalized solution β̂ (●): "
        "the smallest one that reaches the ball, touching it at β̂. ◆ marks the unpenalized "
        "optimum c. Below, many random bowls count how often 0, 1 or 2 of the three "
        "coefficients come out exactly 0."
    ),
    controls=(
        common.strength_mode(both_shown_by="each figure's title"),
        common.budget_slider(common.SPACE, visible=lambda v: v["mode"] == "t"),
        common.ball_lambda(visible=lambda v: v["mode"] == "lam"),
        common.side_by_side_toggle(common.SPACE),
        common.animate_lambda_toggle(
            "Each figure gets ▶ Play: the budget t grows from 0 until the ball holds the "
            "optimum c (with λ setting the ball: λ grows from 0.01 to 10), in your browser, "
            "with no waiting for the server. β̂'s label shows t, λ and its zeros as it "
            "leaves the vertices and edges.",
            "▶ Animate",
        ),
        common.one_ball_penalty({key: PENALTY_NAMES[key] for key in ("l1", "l2", "elasticnet")}),
        common.l1_ratio_slider(
            visible=common.one_ball_of("elasticnet"),
            note="The ball drawn is ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t with ρ = 2r/(1 + r), which has "
            "the same solutions as the penalty with mix r.",
        ),
        _center(1),
        _center(2),
        _center(3),
        Slider(
            name="kappa",
            label="Condition number κ",
            low=1.0,
            high=20.0,
            step=0.5,
            group=BOWL,
            help="Ratio of the bowl's largest to smallest curvature: 1 gives spheres, larger "
            "values long, flat ellipsoids (as from correlated or unequally scaled features).",
        ),
        _angle("yaw", "Rotation about β₃ (degrees)", "β₃"),
        _angle("pitch", "Rotation about β₂ (degrees)", "β₂"),
        _angle("roll", "Rotation about β₁ (degrees)", "β₁", secondary=True),
        Slider(
            name="middle",
            label="Middle curvature (0 = like the flattest, 1 = like the steepest)",
            low=0.0,
            high=1.0,
            step=0.05,
            group=BOWL,
            secondary=True,
            help="The bowl's curvatures are 1, κ^m and κ: m places the middle one.",
        ),
        # The Monte Carlo section: its own controls above its own figure.
        common.center_spread_slider(
            "mc_spread",
            "Spread s of the centers (units of t)",
            "Centers c are uniform in the cube [−s·t, s·t]³ (or Gaussian with sd s·t). "
            "Larger s: the unpenalized optimum usually lies far outside the balls.",
            **MONTE_CARLO,
        ),
        Choice(
            name="mc_kappa",
            label="Condition numbers κ of the bowls",
            options={
                key: "1 (round bowls)" if lo == hi else f"{lo:g} to {hi:g}"
                for key, (lo, hi) in montecarlo3d.KAPPA_RANGES.items()
            },
            widget="select",
            **MONTE_CARLO,
            help="Each bowl's κ (largest over smallest curvature) is drawn log-uniformly in "
            "this range, its middle curvature in between. 1 gives round bowls.",
        ),
        Choice(
            name="mc_rotation",
            label="Bowls turned",
            options={"uniform": "at random", "aligned": "not (axes aligned)"},
            **MONTE_CARLO,
            help="At random: a uniformly random rotation per bowl. Not: the bowls' axes lie "
            "along the coefficient axes (uncorrelated features).",
        ),
        Choice(
            name="mc_centers",
            label="Centers drawn",
            options={"uniform": "uniform in a cube", "gaussian": "Gaussian"},
            **MONTE_CARLO,
            help="Uniform in the cube [−s·t, s·t]³, or Gaussian around 0 with sd s·t.",
        ),
        common.ball_mix_slider(
            "mc_mix",
            "The elastic-net ball r‖β‖₁/t + (1 − r)‖β‖₂²/t² ≤ 1: r = 1 is the octahedron, "
            "r = 0 the sphere. (A ball mix, not scikit-learn's l1_ratio.)",
            **MONTE_CARLO,
        ),
        common.epsilon_steps(
            "mc_eps",
            "The sphere zeroes a coefficient exactly only when c lies exactly on a coordinate "
            "plane (probability 0), so it is judged by |βᵢ| < ε·t instead.",
            **MONTE_CARLO,
        ),
        common.random_seed(
            "The same seed gives exactly the same random bowls.",
            name="mc_seed",
            label="Random seed (Monte Carlo)",
            high=1_000_000,
            section="montecarlo",
        ),
    ),
    defaults={**geometry3d_scenes.DEFAULTS, **montecarlo3d.DEFAULTS, **common.ANIMATION_OFF},
    presets=geometry3d_scenes.PRESETS,
    preset_help={
        "the classic picture": "A turned bowl: the octahedron is touched on an edge "
        "(β₃ = 0), the sphere off every axis.",
        "round bowl": "A round bowl: the lasso zeroes the smallest coefficient, ridge "
        "shrinks all three towards 0 in proportion.",
        "tilted bowl: two zeros": "The ellipsoid first touches a vertex: two of three "
        "coefficients exactly 0 for the lasso, none for ridge.",
        "sphere never zeroes": "c₃ almost 0 and a small ball: the lasso zeroes β₂ and β₃, the "
        "sphere leaves β₃ small but not 0.",
    },
    # The 3-D scenes are redrawn in place: a scene rests while nobody turns it.
    kept_mounted=frozenset(f"figure_{penalty}" for penalty in ("l1", "l2", "elasticnet")),
)
