"""Lessons: every step is a valid state of its page, and its answer follows that state."""

from __future__ import annotations

import pytest

from regviz.experiments.lessons import (
    LESSONS,
    lasso_has_zero,
    lesson_for,
    same_solution_both_ways,
    which_penalty_zeroes,
)
from regviz.ui.specs import spec_for

STEPS = [
    pytest.param(lesson, index, id=f"{lesson.slug}-{index + 1}")
    for lesson in LESSONS
    for index in range(len(lesson.steps))
]


def test_every_lesson_has_five_to_eight_steps():
    assert len(LESSONS) >= 1
    for lesson in LESSONS:
        assert 5 <= len(lesson.steps) <= 8, lesson.slug
        assert lesson_for(lesson.slug) is lesson


@pytest.mark.parametrize(("lesson", "index"), STEPS)
def test_step_state_is_one_its_page_accepts_and_the_answer_is_a_choice(lesson, index):
    step = lesson.steps[index]
    spec = spec_for(step.page)
    for name, value in step.state.items():
        assert name in spec.defaults, f"{lesson.slug} step {index + 1}: unknown {name!r}"
        control = next((c for c in spec.controls if c.name == name), None)
        if control is not None and not control.dynamic:
            assert control.accepts(value), f"{lesson.slug} step {index + 1}: {name}={value!r}"
    state = {**spec.defaults, **step.state}
    assert step.answer(state) in step.choices
    why = step.why(state)
    assert why.endswith(".") and len(why) > 20


def test_which_penalty_zeroes_follows_the_bowl():
    base = {"side_by_side": True, "mode": "t"}
    assert which_penalty_zeroes({**base, "t": 1.0}) == "l1"
    # A small budget: the diamond's corner still wins, the circle still has no zero.
    assert which_penalty_zeroes({**base, "t": 0.3}) == "l1"
    # Round bowl centred on the diagonal: the diamond is touched on its edge's midpoint.
    assert which_penalty_zeroes({**base, "t": 1.0, "c1": 2.0, "c2": 2.0, "kappa": 1.0}) == (
        "neither"
    )
    # The ball holds the optimum: nothing is shrunk, no zero.
    assert which_penalty_zeroes({**base, "t": 5.0}) == "neither"


def test_lasso_zero_answer_follows_the_budget():
    base = {"side_by_side": False, "penalty": "l1", "mode": "t"}
    assert lasso_has_zero({**base, "t": 1.0}) == "yes"
    assert lasso_has_zero({**base, "t": 2.3}) == "no"
    assert lasso_has_zero({**base, "t": 0.0}) == "yes"  # β̂ = 0: both coefficients zero
    # Ridge zeroes nothing for a center off the axes.
    assert lasso_has_zero({**base, "penalty": "l2", "t": 1.0}) == "no"


def test_penalized_and_constrained_agree_for_every_lambda():
    for lam in (0.0, 0.3, 1.0, 4.0, 10.0):
        state = {"mode": "lam", "lam": lam, "side_by_side": False, "penalty": "l1"}
        assert same_solution_both_ways(state) == "yes"


def test_prior_answers_follow_the_state():
    from regviz.experiments.lessons import (
        laplace_map_is_zero,
        laplace_mean_is_zero,
        ridge_map_is_zero,
    )

    assert laplace_map_is_zero({}) == "yes"
    assert laplace_map_is_zero({"n": 40}) == "no"  # λ falls below |β̂|
    assert laplace_mean_is_zero({}) == "no"
    assert laplace_mean_is_zero({"c1": 0.0}) == "yes"  # symmetric posterior
    assert ridge_map_is_zero({}) == "no"
    assert ridge_map_is_zero({"c1": 0.0}) == "yes"
