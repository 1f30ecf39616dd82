"""Guided lessons: predict, then reveal — a lesson is data, its answers are computed.

A :class:`Lesson` is an ordered list of :class:`Step` s. A step names a page (its slug),
the state of that page's controls (values over the page's defaults), a question with its
answer choices, and two functions of the page's *current* state: the right choice and
one sentence of why. Nothing is typed in: move a slider during a step and the answer and
its reason follow the figure.

The page frame (:mod:`regviz.ui.frame`) shows the question with the figure blurred, lets
the learner pick, reveals the computed answer and moves on; a step is a shareable link
(``?lesson=corners&step=3``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from regviz.experiments import geometry_scenes as geo

State = Mapping[str, Any]


@dataclass(frozen=True)
class Step:
    """One predict-then-reveal step.

    Attributes
    ----------
    page : str
        The slug of the page the step runs on.
    state : mapping
        Control values for the step (the others at the page's defaults).
    question : str
    choices : mapping
        Choice key → label.
    answer : callable
        The page's current values → the right choice key.
    why : callable
        The page's current values → one sentence, with the numbers on screen.
    """

    page: str
    state: Mapping[str, Any]
    question: str
    choices: Mapping[str, str]
    answer: Callable[[State], str]
    why: Callable[[State], str]


@dataclass(frozen=True)
class Lesson:
    """An ordered list of steps with a title and the confusion it addresses."""

    slug: str
    title: str
    summary: str
    steps: tuple[Step, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- geometry


def _scenes(state: State) -> tuple[geo.GeometryScene, ...]:
    values = {**geo.DEFAULTS, **state}
    loss = geo.loss_for(
        str(values["source"]),
        c1=float(values["c1"]),
        c2=float(values["c2"]),
        kappa=float(values["kappa"]),
        angle=float(values["angle"]),
        n=int(values["n"]),
        rho=float(values["rho"]),
        seed=int(values["seed"]),
    )
    penalties = ("l1", "l2") if values["side_by_side"] else (str(values["penalty"]),)
    by_budget = values["mode"] == "t" or penalties == ("lq",)
    return geo.geometry_scenes(
        loss,
        penalties,
        t=float(values["t"]) if by_budget else None,
        lam=None if by_budget else float(values["lam"]),
        l1_ratio=float(values["l1_ratio"]),
        q=float(values["q"]),
    )


def _beta(scene: geo.GeometryScene) -> str:
    return "(" + ", ".join("0" if b == 0 else f"{b:.2f}" for b in scene.beta) + ")"


def which_penalty_zeroes(state: State) -> str:
    """``"l1"``, ``"l2"``, ``"both"`` or ``"neither"``: who has an exact zero (side by side).

    Examples
    --------
    >>> which_penalty_zeroes({"side_by_side": True, "t": 1.0})
    'l1'
    """
    zeros = {scene.penalty: any(scene.zeroed) for scene in _scenes(state)}
    if zeros.get("l1") and zeros.get("l2"):
        return "both"
    for penalty in ("l1", "l2"):
        if zeros.get(penalty):
            return penalty
    return "neither"


def why_which_penalty(state: State) -> str:
    scenes = _scenes(state)
    parts = []
    for scene in scenes:
        how = "at a corner, on an axis" if any(scene.zeroed) else "away from the axes"
        parts.append(f"the {scene.name} ball is touched {how}: β̂ = {_beta(scene)}")
    return "With the same loss and budget, " + "; ".join(parts) + "."


def lasso_has_zero(state: State) -> str:
    """``"yes"`` if the (single) ball's solution has an exact zero, else ``"no"``.

    Examples
    --------
    >>> lasso_has_zero({"side_by_side": False, "penalty": "l1", "t": 1.0})
    'yes'
    """
    return "yes" if any(_scenes(state)[0].zeroed) else "no"


def why_lasso_zero(state: State) -> str:
    scene = _scenes(state)[0]
    head = f"At t = {scene.t:.2f}, β̂ = {_beta(scene)}"
    if any(scene.zeroed):
        return f"{head}: the smallest contour first touches a corner, so one coefficient is 0."
    if scene.zero_below is not None:
        return (
            f"{head}: the contour touches an edge. A zero appears only for budgets below "
            f"≈ {scene.zero_below:.2f}, where the touching point reaches the corner."
        )
    if not scene.binding:
        return f"{head}: the ball already contains the optimum, so nothing is shrunk."
    return f"{head}: the contour touches an edge, so neither coefficient is 0."


def same_solution_both_ways(state: State) -> str:
    """``"yes"`` if the penalized solution at λ equals the constrained one at t(λ).

    Examples
    --------
    >>> same_solution_both_ways({"mode": "lam", "lam": 1.0, "side_by_side": False})
    'yes'
    """
    scene = _scenes(state)[0]
    by_budget = geo.geometry_scenes(scene.loss, (scene.penalty,), t=scene.t)[0]
    return "yes" if np.allclose(by_budget.beta, scene.beta, atol=1e-8) else "no"


def why_same_solution(state: State) -> str:
    scene = _scenes(state)[0]
    return (
        f"Penalty λ = {geo.format_lambda(scene.lam)} gives β̂ = {_beta(scene)}; the ball with "
        f"budget t = ‖β̂‖ = {scene.t:.3f} has the same solution — two readings of one model."
    )


YES_NO = {"yes": "Yes", "no": "No"}

CORNERS = Lesson(
    slug="corners",
    title="Corners and zeros",
    summary="Why the diamond's corners give exact zeros, when they do not, and why the "
    "constraint picture and the penalty formula are the same model.",
    steps=(
        Step(
            page="geometry",
            state={"side_by_side": True, "mode": "t", "t": 1.0},
            question="Same loss, same budget t = 1. Which penalty will set a coefficient to "
            "exactly zero?",
            choices={"l1": "L1 only", "l2": "L2 only", "both": "Both", "neither": "Neither"},
            answer=which_penalty_zeroes,
            why=why_which_penalty,
        ),
        Step(
            page="geometry",
            state={"side_by_side": False, "penalty": "l1", "mode": "t", "t": 2.3},
            question="Give the lasso a bigger budget, t = 2.3. Is a coefficient still exactly 0?",
            choices=YES_NO,
            answer=lasso_has_zero,
            why=why_lasso_zero,
        ),
        Step(
            page="geometry",
            state={
                "side_by_side": False,
                "penalty": "l1",
                "t": 1.0,
                "c1": 1.6,
                "c2": 1.5,
                "kappa": 4.0,
                "angle": 45.0,
            },  # fmt: skip
            question="Can the ellipse touch the diamond on an edge, with no zero at all? "
            "Predict for this bowl.",
            choices=YES_NO,
            answer=lambda state: "no" if lasso_has_zero(state) == "yes" else "yes",
            why=why_lasso_zero,
        ),
        Step(
            page="geometry",
            state={
                "side_by_side": False,
                "penalty": "l1",
                "t": 1.0,
                "c1": 2.0,
                "c2": 0.6,
                "kappa": 1.0,
                "angle": 0.0,
            },  # fmt: skip
            question="Round contours (κ = 1): nothing tilts the bowl towards an axis. Does "
            "the lasso still zero the smaller coefficient?",
            choices=YES_NO,
            answer=lasso_has_zero,
            why=why_lasso_zero,
        ),
        Step(
            page="geometry",
            state={"side_by_side": False, "penalty": "l1", "mode": "lam", "lam": 1.0},
            question="Now set λ instead of t (the penalty formula). Is the solution the same "
            "as the constrained one with budget t = ‖β̂‖₁?",
            choices=YES_NO,
            answer=same_solution_both_ways,
            why=why_same_solution,
        ),
    ),
)

LESSONS: tuple[Lesson, ...] = (CORNERS,)


def lesson_for(slug: str) -> Lesson:
    """The lesson with this slug (``KeyError`` if there is none).

    Examples
    --------
    >>> lesson_for("corners").title
    'Corners and zeros'
    """
    for lesson in LESSONS:
        if lesson.slug == slug:
            return lesson
    raise KeyError(f"No lesson {slug!r}.")
