"""The Geometry page, declared: the diamond and the circle against the same loss."""

from __future__ import annotations

from regviz.core.conventions import PENALTY_NAMES
from regviz.experiments.geometry_scenes import DEFAULTS, PRESETS, SCENE_PENALTIES
from regviz.ui.controls import Choice, Slider, Toggle
from regviz.ui.spec import PageSpec
from regviz.ui.specs import common

# The Lq ball has no penalized form here: it is set by its budget t only.
_lq = common.one_ball_of("lq")
LOSS = "Shape of the loss"


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
        common.strength_mode(
            both_shown_by="the page",
            aliases={"set the budget t": "t", "set λ": "lam"},  # older links
            enabled=lambda v: not _lq(v),
        ),
        common.budget_slider(
            common.PLANE,
            visible=lambda v: v["mode"] == "t" or _lq(v),
            note="the matching λ is shown under the figure",
        ),
        common.ball_lambda(visible=lambda v: v["mode"] == "lam" and not _lq(v)),
        common.side_by_side_toggle(common.PLANE),
        common.one_ball_penalty(
            {key: PENALTY_NAMES[key] for key in SCENE_PENALTIES[:3]} | {"lq": "Lq (any q > 0)"}
        ),
        common.l1_ratio_slider(
            visible=common.one_ball_of("elasticnet"),
            note="The penalty is λ·[r‖β‖₁ + ½(1 − r)‖β‖₂²]. The ball drawn is "
            "ρ‖β‖₁ + (1 − ρ)‖β‖₂² ≤ t with ρ = 2r/(1 + r): the penalty halves the squared "
            "term, so this ball — not the one with mix r — has the same solutions.",
        ),
        Slider(
            name="q",
            label="Exponent q of the Lq ball",
            low=0.3,
            high=4.0,
            step=0.1,
            visible=_lq,
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
            group=LOSS,
            help="A bowl you shape with the sliders, or the least-squares loss of a small "
            "generated data set with two correlated features.",
        ),
        common.coefficient_slider(
            "c1",
            lambda v: "True β₁ (data)" if _data(v) else "Loss center β₁*",
            "Bowl: where the loss is smallest (the OLS optimum). Data: the true coefficient "
            "that generates y; the OLS optimum lands near it.",
            group=LOSS,
        ),
        common.coefficient_slider(
            "c2",
            lambda v: "True β₂ (data)" if _data(v) else "Loss center β₂*",
            "As β₁*, for the second coefficient.",
            group=LOSS,
        ),
        Slider(
            name="kappa",
            label="Eccentricity (condition number κ)",
            low=1.0,
            high=20.0,
            step=0.5,
            group=LOSS,
            visible=lambda v: not _data(v),
            help="Ratio of the bowl's two curvatures: 1 gives circles, larger values longer, "
            "thinner ellipses (as from correlated or unequally scaled features).",
        ),
        common.rotation_slider(
            "angle",
            "Rotation of the ellipses (degrees)",
            "Direction of the ellipses' long axis, counter-clockwise from the β₁ axis.",
            group=LOSS,
            visible=lambda v: not _data(v),
        ),
        Slider(
            name="rho",
            label="Correlation ρ of the two features",
            low=-0.95,
            high=0.95,
            step=0.05,
            group=LOSS,
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
            group=LOSS,
            visible=_data,
            help="More data: the OLS optimum moves closer to the true coefficients.",
        ),
        common.random_seed(
            "The same seed always draws the same data set.",
            high=9999,
            group=LOSS,
            visible=_data,
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
    # Every control redraws the panels: each is redrawn in place, side by side or alone.
    kept_mounted=frozenset(f"figure_{penalty}" for penalty in SCENE_PENALTIES),
)
