"""The Three coefficients page, declared: the octahedron and the sphere against one 3-D bowl."""

from __future__ import annotations

from regviz.core.conventions import L1_RATIO_HELP, LAMBDA_HELP, PENALTY_NAMES
from regviz.experiments import geometry3d_scenes, montecarlo3d
from regviz.ui.controls import Choice, Integer, LogSlider, Slider, Steps, Toggle
from regviz.ui.spec import PageSpec

EPSILONS = (0.001, 0.003, 0.01, 0.03, 0.1)
BOWL = "Shape of the bowl"


def _single(values) -> bool:
    return not values["side_by_side"]


def _angle(name: str, label: str, axis: str, secondary: bool = False) -> Slider:
    return Slider(
        name=name,
        label=label,
        low=-90.0,
        high=90.0,
        step=5.0,
        group=BOWL,
        secondary=secondary,
        help=f"Turns the bowl about the {axis} axis (degrees). Turned bowls stand for "
        "correlated features: their ellipsoids lie slanted to the coefficient axes.",
    )


def _center(k: int) -> Slider:
    sub = "₁₂₃"[k - 1]
    return Slider(
        name=f"c{k}",
        label=f"Loss center c{sub}",
        low=-3.0,
        high=3.0,
        step=0.1,
        group=BOWL,
        help=f"Where the loss is smallest along β{sub}: the unpenalized (OLS) optimum c.",
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
        Choice(
            name="mode",
            label="Penalty strength set by",
            options={"t": "budget t", "lam": "penalty λ"},
            where="main",
            help="The budget t of the ball (constrained form) or the penalty λ (penalized "
            "form): the same solution either way; each figure's title shows both numbers.",
        ),
        Slider(
            name="t",
            label="Budget t (size of the ball)",
            low=0.0,
            high=5.0,
            step=0.05,
            where="main",
            visible=lambda v: v["mode"] == "t",
            help="The ball is {β : g(β) ≤ t}: ‖β‖₁ ≤ t (octahedron), ‖β‖₂ ≤ t (sphere). "
            "Smaller t = stronger penalty.",
        ),
        LogSlider(
            name="lam",
            label="Penalty λ",
            low=0.01,
            high=10.0,
            zero=True,
            where="main",
            visible=lambda v: v["mode"] == "lam",
            help=LAMBDA_HELP,
        ),
        Toggle(
            name="side_by_side",
            label="Side by side: L1 | L2",
            where="main",
            help="The octahedron and the sphere next to each other on the same bowl.",
        ),
        Choice(
            name="penalty",
            label="Penalty (one ball)",
            options={key: PENALTY_NAMES[key] for key in ("l1", "l2", "elasticnet")},
            visible=_single,
            help="Which ball limits the coefficients when one is drawn at a time.",
        ),
        Slider(
            name="l1_ratio",
            label="Elastic-net mix r (l1_ratio)",
            low=0.05,
            high=0.95,
            step=0.05,
            visible=lambda v: _single(v) and v["penalty"] == "elasticnet",
            help=f"{L1_RATIO_HELP} The ball drawn is ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t with "
            "ρ = 2r/(1 + r), which has the same solutions as the penalty with mix r.",
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
        Slider(
            name="mc_spread",
            label="Spread s of the centers (units of t)",
            low=0.5,
            high=10.0,
            step=0.25,
            where="main",
            section="montecarlo",
            help="Centers c are uniform in the cube [−s·t, s·t]³ (or Gaussian with sd s·t). "
            "Larger s: the unpenalized optimum usually lies far outside the balls.",
        ),
        Choice(
            name="mc_kappa",
            label="Condition numbers κ of the bowls",
            options={
                key: "1 (round bowls)" if lo == hi else f"{lo:g} to {hi:g}"
                for key, (lo, hi) in montecarlo3d.KAPPA_RANGES.items()
            },
            widget="select",
            where="main",
            section="montecarlo",
            help="Each bowl's κ (largest over smallest curvature) is drawn log-uniformly in "
            "this range, its middle curvature in between. 1 gives round bowls.",
        ),
        Choice(
            name="mc_rotation",
            label="Bowls turned",
            options={"uniform": "at random", "aligned": "not (axes aligned)"},
            where="main",
            section="montecarlo",
            help="At random: a uniformly random rotation per bowl. Not: the bowls' axes lie "
            "along the coefficient axes (uncorrelated features).",
        ),
        Choice(
            name="mc_centers",
            label="Centers drawn",
            options={"uniform": "uniform in a cube", "gaussian": "Gaussian"},
            where="main",
            section="montecarlo",
            help="Uniform in the cube [−s·t, s·t]³, or Gaussian around 0 with sd s·t.",
        ),
        Slider(
            name="mc_mix",
            label="Elastic-net ball mix r",
            low=0.0,
            high=1.0,
            step=0.05,
            where="main",
            section="montecarlo",
            help="The elastic-net ball r‖β‖₁/t + (1 − r)‖β‖₂²/t² ≤ 1: r = 1 is the "
            "octahedron, r = 0 the sphere. (A ball mix, not scikit-learn's l1_ratio.)",
        ),
        Steps(
            name="mc_eps",
            label="ε: L2 counts |βᵢ| < ε·t as zero",
            values=EPSILONS,
            fmt=lambda e: f"{e:g}",
            where="main",
            section="montecarlo",
            help="The sphere zeroes a coefficient exactly only when c lies exactly on a "
            "coordinate plane (probability 0), so it is judged by |βᵢ| < ε·t instead.",
        ),
        Integer(
            name="mc_seed",
            label="Random seed (Monte Carlo)",
            low=0,
            high=1_000_000,
            section="montecarlo",
            secondary=True,
            help="The same seed gives exactly the same random bowls.",
        ),
    ),
    defaults={**geometry3d_scenes.DEFAULTS, **montecarlo3d.DEFAULTS},
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
)
