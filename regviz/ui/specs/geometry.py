"""The Geometry page, declared: the diamond and the circle against the same loss."""

from __future__ import annotations

from regviz.core.conventions import L1_RATIO_HELP, LAMBDA_HELP, PENALTY_NAMES
from regviz.experiments.geometry_scenes import DEFAULTS, PRESETS, SCENE_PENALTIES
from regviz.ui.controls import Choice, Integer, LogSlider, Slider, Toggle
from regviz.ui.spec import PageSpec


def _single(values) -> bool:
    return not values["side_by_side"]


def _lq(values) -> bool:
    # The Lq ball has no penalized form here: it is set by its budget t only.
    return _single(values) and values["penalty"] == "lq"


def _data(values) -> bool:
    return values["source"] == "data"


SPEC = PageSpec(
    slug="geometry",
    title="Geometry: diamond vs circle",
    icon=":material/change_history:",
    question="Why does the L1 diamond give exact zeros when the L2 circle does not?",
    intro=(
        "The coloured ellipses are the contours of a model's loss over two coefficients "
        "β₁, β₂; its bottom (✖ OLS) is the fit without penalty. A penalty keeps β inside a "
        "*ball* of budget t: a **diamond** ‖β‖₁ ≤ t for L1 (lasso), a **circle** ‖β‖₂ ≤ t "
        "for L2 (ridge). The penalized solution β̂ (●) is where the smallest loss contour "
        "first touches the ball. The diamond has corners on the axes, so the touch often "
        "happens *at* a corner — and there one coefficient is exactly 0. Set the size of "
        "the ball by its budget t or by the penalty λ: both name the same solution."
    ),
    controls=(
        Choice(
            name="mode",
            label="Penalty strength set by",
            options={"t": "budget t", "lam": "penalty λ"},
            aliases={"set the budget t": "t", "set λ": "lam"},  # older links
            where="main",
            help="The budget t of the ball (constrained form) or the penalty λ (penalized "
            "form): the same solution either way; the page shows both numbers.",
            enabled=lambda v: not _lq(v),
        ),
        Slider(
            name="t",
            label="Budget t (size of the ball)",
            low=0.0,
            high=5.0,
            step=0.05,
            where="main",
            visible=lambda v: v["mode"] == "t" or _lq(v),
            help="The ball is {β : g(β) ≤ t}: ‖β‖₁ ≤ t (diamond), ‖β‖₂ ≤ t (circle). "
            "Smaller t = stronger penalty; the matching λ is shown under the figure.",
        ),
        LogSlider(
            name="lam",
            label="Penalty λ",
            low=0.01,
            high=10.0,
            zero=True,
            where="main",
            visible=lambda v: v["mode"] == "lam" and not _lq(v),
            help=LAMBDA_HELP,
        ),
        Toggle(
            name="side_by_side",
            label="Side by side: L1 | L2",
            where="main",
            help="The diamond and the circle next to each other on the same loss.",
        ),
        Choice(
            name="penalty",
            label="Penalty (one ball)",
            options={key: PENALTY_NAMES[key] for key in SCENE_PENALTIES[:3]}
            | {"lq": "Lq (any q > 0)"},
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
            help=f"{L1_RATIO_HELP} The penalty is λ·[r‖β‖₁ + ½(1 − r)‖β‖₂²]. The ball drawn "
            "is ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t with ρ = 2r/(1 + r): the penalty halves the squared "
            "term, so this ball — not the one with mix r — has the same solutions.",
        ),
        Slider(
            name="q",
            label="Exponent q of the Lq ball",
            low=0.3,
            high=4.0,
            step=0.1,
            visible=lambda v: _single(v) and v["penalty"] == "lq",
            help="‖β‖_q = (|β₁|^q + |β₂|^q)^(1/q). q = 1 is the diamond, q = 2 the circle; "
            "q < 1 gives a non-convex ball with sharper cusps (the solver then searches its "
            "whole boundary), q > 2 a rounded square. Set by the budget t only.",
        ),
        Toggle(
            name="path",
            label="Show the solution path",
            help="Trace β̂ as the budget t grows from 0 (β̂ = 0) to the point where the ball "
            "contains the OLS optimum: the 2-D coefficient path.",
        ),
        Choice(
            name="source",
            label="Loss",
            options={"bowl": "shape the bowl by hand", "data": "from a small data set"},
            horizontal=False,
            group="Shape of the loss",
            help="A bowl you shape with the sliders, or the least-squares loss of a small "
            "generated data set with two correlated features.",
        ),
        Slider(
            name="c1",
            label=lambda v: "True β₁ (data)" if _data(v) else "Loss center β₁*",
            low=-3.0,
            high=3.0,
            step=0.1,
            group="Shape of the loss",
            help="Bowl: where the loss is smallest (the OLS optimum). Data: the true "
            "coefficient that generates y; the OLS optimum lands near it.",
        ),
        Slider(
            name="c2",
            label=lambda v: "True β₂ (data)" if _data(v) else "Loss center β₂*",
            low=-3.0,
            high=3.0,
            step=0.1,
            group="Shape of the loss",
            help="As β₁*, for the second coefficient.",
        ),
        Slider(
            name="kappa",
            label="Eccentricity (condition number κ)",
            low=1.0,
            high=20.0,
            step=0.5,
            group="Shape of the loss",
            visible=lambda v: not _data(v),
            help="Ratio of the bowl's two curvatures: 1 gives circles, larger values longer, "
            "thinner ellipses (as from correlated or unequally scaled features).",
        ),
        Slider(
            name="angle",
            label="Rotation of the ellipses (degrees)",
            low=-90.0,
            high=90.0,
            step=5.0,
            group="Shape of the loss",
            visible=lambda v: not _data(v),
            help="Direction of the ellipses' long axis, counter-clockwise from the β₁ axis.",
        ),
        Slider(
            name="rho",
            label="Correlation ρ of the two features",
            low=-0.95,
            high=0.95,
            step=0.05,
            group="Shape of the loss",
            visible=_data,
            help="Correlated features stretch the loss ellipses along a diagonal.",
        ),
        Slider(
            name="n",
            label="Number of data points n",
            low=10,
            high=500,
            step=10,
            integer=True,
            group="Shape of the loss",
            visible=_data,
            help="More data: the OLS optimum moves closer to the true coefficients.",
        ),
        Integer(
            name="seed",
            label="Random seed",
            low=0,
            high=9999,
            group="Shape of the loss",
            visible=_data,
            secondary=True,
            help="The same seed always draws the same data set.",
        ),
    ),
    defaults=DEFAULTS,
    presets=PRESETS,
    preset_help={
        "the classic picture": "Tilted ellipses: the diamond is touched at a corner (β₂ = 0), "
        "the circle off the axes.",
        "one ball and its path": "The diamond alone, with the path β̂ takes as t grows.",
        "round bowl": "Round contours: ridge shrinks straight towards 0, the lasso still "
        "zeroes the smaller coefficient.",
        "correlated features": "Two strongly correlated features: the lasso keeps one, ridge "
        "spreads the weight.",
    },
    legacy_prefix="geo_",
)
