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
from functools import lru_cache
from typing import Any

import numpy as np

from regviz.core.grids import format_lambda, nice_log_values
from regviz.experiments import geometry_scenes as geo
from regviz.experiments import overfit
from regviz.experiments import paths as paths_ex

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
        parts.append(f"the {scene.name} ball is touched {how}: β̂ = {geo.coef_text(scene.beta)}")
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
    head = f"At t = {scene.t:.2f}, β̂ = {geo.coef_text(scene.beta)}"
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
        f"Penalty λ = {geo.format_lambda(scene.lam)} gives β̂ = {geo.coef_text(scene.beta)}; the "
        f"ball with budget t = ‖β̂‖ = {scene.t:.3f} has the same solution — two readings of one "
        "model."
    )


YES_NO = {"yes": "Yes", "no": "No"}


def asked(
    page: str,
    state: Mapping[str, Any],
    why: Callable[[State], str],
    *questions: tuple[str, Callable[[State], str]],
    choices: Mapping[str, str] = YES_NO,
) -> tuple[Step, ...]:
    """Steps asked on one page in one state: one per (question, answer), the same why.

    Examples
    --------
    >>> [s.question for s in asked("geometry", {}, why_lasso_zero, ("A?", lasso_has_zero),
    ...                            ("B?", lasso_has_zero))]
    ['A?', 'B?']
    """
    return tuple(
        Step(page, state, question, choices, answer, why) for question, answer in questions
    )


_ONE_DIAMOND = {"side_by_side": False, "penalty": "l1"}

CORNERS = Lesson(
    slug="corners",
    title="Corners and zeros",
    summary="Why the diamond's corners give exact zeros, when they do not, and why the "
    "constraint picture and the penalty formula are the same model.",
    steps=(
        *asked(
            "geometry",
            {"side_by_side": True, "mode": "t", "t": 1.0},
            why_which_penalty,
            (
                "Same loss, same budget t = 1. Which penalty will set a coefficient to "
                "exactly zero?",
                which_penalty_zeroes,
            ),
            choices={"l1": "L1 only", "l2": "L2 only", "both": "Both", "neither": "Neither"},
        ),
        *asked(
            "geometry",
            {**_ONE_DIAMOND, "mode": "t", "t": 2.3},
            why_lasso_zero,
            (
                "Give the lasso a bigger budget, t = 2.3. Is a coefficient still exactly 0?",
                lasso_has_zero,
            ),
        ),
        *asked(
            "geometry",
            {**_ONE_DIAMOND, "t": 1.0, "c1": 1.6, "c2": 1.5, "kappa": 4.0, "angle": 45.0},
            why_lasso_zero,
            (
                "Can the ellipse touch the diamond on an edge, with no zero at all? "
                "Predict for this bowl.",
                lambda state: "no" if lasso_has_zero(state) == "yes" else "yes",
            ),
        ),
        *asked(
            "geometry",
            {**_ONE_DIAMOND, "t": 1.0, "c1": 2.0, "c2": 0.6, "kappa": 1.0, "angle": 0.0},
            why_lasso_zero,
            (
                "Round contours (κ = 1): nothing tilts the bowl towards an axis. Does "
                "the lasso still zero the smaller coefficient?",
                lasso_has_zero,
            ),
        ),
        *asked(
            "geometry",
            {**_ONE_DIAMOND, "mode": "lam", "lam": 1.0},
            why_same_solution,
            (
                "Now set λ instead of t (the penalty formula). Is the solution the same "
                "as the constrained one with budget t = ‖β̂‖₁?",
                same_solution_both_ways,
            ),
        ),
    ),
)

# --------------------------------------------------------------------------- paths, λ


@lru_cache(maxsize=8)
def _paths_study(source: str, synthetic: tuple, standardize: bool, folds: int):
    # Imported here: scikit-learn is needed only once a Paths step is answered.
    from regviz.experiments.crossval import study_paths
    from regviz.experiments.datasets import load_bundled, make_synthetic

    data = make_synthetic(*synthetic) if source == "synthetic" else load_bundled(source)
    study = study_paths(
        data.X, data.y, ("l1", "l2"), standardize=standardize,
        n_lambdas=paths_ex.N_LAMBDAS, n_folds=folds,
    )  # fmt: skip
    return data, study


def _paths(state: State) -> tuple[float, dict[str, np.ndarray], Any]:
    """(λ on screen, exact coefficients of every penalty at it, the CV study) of Paths."""
    values = {**paths_ex.DEFAULTS, **state}
    source = str(values["source"])
    synthetic = tuple(paths_ex.synthetic_settings(values).values()) if source == "synthetic" else ()
    data, study = _paths_study(source, synthetic, bool(values["standardize"]), int(values["folds"]))
    lam = values["lam"]
    if lam is None:  # the page starts at the first drawn penalty's λ_1se
        lam = study.cv[paths_ex.first_penalty(str(values["view"]))].lambda_1se
    coefs = paths_ex.coefficients_at(
        data.X, data.y, float(lam), standardize=bool(values["standardize"])
    )
    return float(lam), coefs, (study, data)


ZERO_BUCKETS = {"0": "None", "1-3": "1 to 3", "4-6": "4 to 6", "7+": "7 or more"}


def _bucket(count: int) -> str:
    return "0" if count == 0 else "1-3" if count <= 3 else "4-6" if count <= 6 else "7+"


def zeros_of(penalty: str) -> Callable[[State], str]:
    """The answer "how many coefficients does ``penalty`` set to exactly 0 on screen?"."""

    def answer(state: State) -> str:
        _, coefs, _ = _paths(state)
        return _bucket(int(np.sum(coefs[penalty] == 0.0)))

    return answer


def why_zeros(state: State) -> str:
    lam, coefs, _ = _paths(state)
    p = len(coefs["l1"])
    lasso, ridge = int(np.sum(coefs["l1"] == 0.0)), int(np.sum(coefs["l2"] == 0.0))
    smallest = float(np.min(np.abs(coefs["l2"])))
    return (
        f"At λ = {format_lambda(lam)} the lasso sets {lasso} of {p} coefficients to exactly 0; "
        f"ridge sets {ridge} (its smallest is {smallest:.2g}: shrunk, not zero)."
    )


def larger_lambda(state: State) -> str:
    """``"1se"`` if λ_1se > λ_min, ``"equal"`` if they coincide (never ``"min"``).

    Examples
    --------
    >>> larger_lambda({"view": "l1"})
    '1se'
    """
    _, _, (study, _) = _paths(state)
    cv = study.cv["l1"]
    return "1se" if cv.lambda_1se > cv.lambda_min else "equal"


def why_larger_lambda(state: State) -> str:
    _, _, (study, _) = _paths(state)
    cv = study.cv["l1"]
    return (
        f"λ_min = {format_lambda(cv.lambda_min)} has the lowest CV error; λ_1se = "
        f"{format_lambda(cv.lambda_1se)} is the largest λ whose error is within one "
        "standard error of it — by construction never smaller: a simpler model that "
        "predicts about as well."
    )


@lru_cache(maxsize=8)
def _curves(truth: str, n: int, noise: float, seed: int, degree: int, basis: str, folds: int):
    data = overfit.make_dataset(truth, n=n, noise=noise, seed=seed)
    grid = nice_log_values(overfit.LAMBDA_LOW, overfit.LAMBDA_HIGH, overfit.LAMBDA_PER_DECADE)
    return overfit.error_curves(
        data, overfit.FeatureSpec(basis, degree), lambdas=np.asarray(grid), penalties=("l2",),
        n_folds=folds,
    )  # fmt: skip


def _ridge_curves(state: State):
    v = {**overfit.DEFAULTS, **state}
    curves = _curves(
        str(v["truth"]), int(v["n"]), float(v["noise"]), int(v["seed"]), int(v["degree"]),
        str(v["basis"]), int(v["folds"]),
    )  # fmt: skip
    return curves, curves.index_of(float(v["lam"])), curves.penalties["l2"]


def compare_test_error(state: State) -> str:
    """``"higher"`` if the test error at the λ on screen exceeds that at the CV-best λ."""
    _, k, ridge = _ridge_curves(state)
    best = int(np.argmin(ridge.cv_mse))
    return "higher" if ridge.test_mse[k] > ridge.test_mse[best] else "lower"


def why_test_error(state: State) -> str:
    curves, k, ridge = _ridge_curves(state)
    best = int(np.argmin(ridge.cv_mse))
    return (
        f"Ridge at λ = {format_lambda(float(curves.lambdas[k]))}: train error "
        f"{ridge.train_mse[k]:.3g}, test error {ridge.test_mse[k]:.3g}; at the CV-best λ = "
        f"{format_lambda(float(curves.lambdas[best]))} the test error is "
        f"{ridge.test_mse[best]:.3g}."
    )


def train_error_direction(state: State) -> str:
    """``"up"`` if ridge's training error at the λ on screen is above its value at the
    smallest λ (a bigger penalty fits the training rows less closely)."""
    _, k, ridge = _ridge_curves(state)
    return "up" if ridge.train_mse[k] > ridge.train_mse[0] else "down"


def cv_finds_test_optimum(state: State) -> str:
    """``"yes"`` if the CV-best λ's test error is within 10 % of the best test error."""
    _, _, ridge = _ridge_curves(state)
    best_cv = int(np.argmin(ridge.cv_mse))
    return "yes" if ridge.test_mse[best_cv] <= 1.1 * ridge.test_mse.min() else "no"


def why_cv(state: State) -> str:
    curves, _, ridge = _ridge_curves(state)
    best_cv, best_test = int(np.argmin(ridge.cv_mse)), int(np.argmin(ridge.test_mse))
    return (
        f"CV picks λ = {format_lambda(float(curves.lambdas[best_cv]))} (test error "
        f"{ridge.test_mse[best_cv]:.3g}); the best λ on fresh data would have been "
        f"{format_lambda(float(curves.lambdas[best_test]))} (test error "
        f"{ridge.test_mse[best_test]:.3g}) — which CV cannot see, it only estimates it."
    )


CHOOSING = Lesson(
    slug="choosing_lambda",
    title="Paths and choosing λ",
    summary="Coefficient paths, exact zeros against shrinkage, and how cross-validation "
    "picks λ between overfitting and underfitting.",
    steps=(
        *asked(
            "paths",
            {"view": "compare"},
            why_zeros,
            (
                "At λ_1se on the diabetes data, how many of the ten coefficients does "
                "ridge set to exactly zero?",
                zeros_of("l2"),
            ),
            ("And the lasso, at the same λ?", zeros_of("l1")),
            choices=ZERO_BUCKETS,
        ),
        *asked(
            "paths",
            {"view": "l1"},
            why_larger_lambda,
            (
                "Cross-validation marks λ_min (lowest CV error) and λ_1se. Which is larger?",
                larger_lambda,
            ),
            choices={"min": "λ_min", "1se": "λ_1se", "equal": "They are equal"},
        ),
        *asked(
            "overfitting",
            {"lam": 1e-5},
            why_test_error,
            (
                "Almost no penalty (λ = 10⁻⁵) on a degree-15 polynomial through 30 points: "
                "is the test error higher or lower than at the λ cross-validation picks?",
                compare_test_error,
            ),
            choices={"higher": "Higher", "lower": "Lower"},
        ),
        *asked(
            "overfitting",
            {"lam": 10.0},
            why_test_error,
            (
                "Now a large penalty, λ = 10. Compared with λ = 10⁻⁵, has the training "
                "error gone up or down?",
                train_error_direction,
            ),
            choices={"up": "Up", "down": "Down"},
        ),
        *asked(
            "overfitting",
            {},
            why_cv,
            (
                "Does the λ with the lowest cross-validation error also give (within 10 %) "
                "the lowest error on fresh test data?",
                cv_finds_test_optimum,
            ),
        ),
    ),
)

# --------------------------------------------------------------------------- priors


def _views(state: State):
    from regviz.experiments import bayes  # the adaptive integrator, only when asked

    v = {**bayes.DEFAULTS, **state}
    return bayes.page_views(
        dims=int(v["dims"]), c1=float(v["c1"]), c2=float(v["c2"]), rho=float(v["rho"]),
        sigma=float(v["sigma"]), n=int(v["n"]), prior_sd=float(v["prior_sd"]),
    )  # fmt: skip


def laplace_map_is_zero(state: State) -> str:
    """``"yes"`` if the Laplace prior's MAP (the lasso) has β₁ exactly 0.

    Examples
    --------
    >>> laplace_map_is_zero({})
    'yes'
    """
    laplace, _ = _views(state)
    return "yes" if laplace.map[0] == 0.0 else "no"


def laplace_mean_is_zero(state: State) -> str:
    """``"yes"`` if the Laplace posterior's mean of β₁ is exactly 0 (symmetry only)."""
    laplace, _ = _views(state)
    return "yes" if laplace.summary.mean[0] == 0.0 else "no"


def why_laplace(state: State) -> str:
    laplace, gaussian = _views(state)
    return (
        f"With λ = σ²/(n·b) = {laplace.lam:.3g} the MAP (the lasso) is "
        f"{laplace.map[0]:.3g} and the posterior mean is {laplace.summary.mean[0]:.3g}; the "
        f"Gaussian prior's MAP (ridge) is {gaussian.map[0]:.3g}. The MAP is the peak of the "
        "posterior; the mean averages a density that is positive on both sides of 0."
    )


def ridge_map_is_zero(state: State) -> str:
    """``"yes"`` if the Gaussian prior's MAP (ridge) has β₁ exactly 0."""
    _, gaussian = _views(state)
    return "yes" if gaussian.map[0] == 0.0 else "no"


def more_data_moves_map(state: State) -> str:
    """``"yes"`` if the lasso MAP is non-zero at this n (more data: smaller λ)."""
    return "no" if laplace_map_is_zero(state) == "yes" else "yes"


PRIORS_MAP = Lesson(
    slug="priors",
    title="Priors and the MAP",
    summary="The lasso is the posterior mode under a Laplace prior, ridge under a Gaussian "
    "one — and the posterior itself is never sparse.",
    steps=(
        *asked(
            "bayesian",
            {},
            why_laplace,
            (
                "Weak data (n = 10, σ = 2) and a Laplace prior: is the MAP estimate of β "
                "exactly 0?",
                laplace_map_is_zero,
            ),
            ("Same posterior: is its mean exactly 0 too?", laplace_mean_is_zero),
            ("And the Gaussian prior (ridge): is its MAP exactly 0?", ridge_map_is_zero),
        ),
        *asked(
            "bayesian",
            {"n": 40},
            why_laplace,
            ("Four times the data (n = 40). Does the lasso's MAP leave zero?", more_data_moves_map),
        ),
        *asked(
            "bayesian",
            {"prior_sd": 2.0},
            why_laplace,
            (
                "Back to n = 10 with a wide prior (sd = 2). Is the MAP exactly 0 now?",
                laplace_map_is_zero,
            ),
        ),
    ),
)

# --------------------------------------------------------------------------- correlation


def keeps_both(penalty: str) -> Callable[[State], str]:
    """The answer "does ``penalty`` keep both coefficients (no exact zero)?" on Geometry."""

    def answer(state: State) -> str:
        scene = next(s for s in _scenes(state) if s.penalty == penalty)
        return "no" if any(scene.zeroed) else "yes"

    return answer


def _found(state: State):
    lam, _, (study, data) = _paths(state)
    cv = study.cv["l1"]
    coef = study.paths["l1"].coefs[:, cv.index_1se]
    return paths_ex.support_recovery(coef, data.true_coef), cv.lambda_1se


def finds_all_true(state: State) -> str:
    """``"yes"`` if the lasso at λ_1se keeps every truly non-zero feature (synthetic data)."""
    found, _ = _found(state)
    return "yes" if found.missed == 0 else "no"


def why_found(state: State) -> str:
    found, lam = _found(state)
    return (
        f"At λ_1se = {format_lambda(lam)} the lasso keeps {found.true_positives} of the "
        f"{found.n_true} true features and {found.false_positives} of the others. Correlated "
        "features can stand in for each other, so the lasso may keep one of a group and drop "
        "the rest."
    )


CORRELATED = Lesson(
    slug="correlated",
    title="Correlated features",
    summary="When features move together the lasso picks one and drops its twin, ridge "
    "shares the weight; with many correlated features the lasso's choices get less stable.",
    steps=(
        *asked(
            "geometry",
            {"source": "data", "rho": 0.9, "side_by_side": True, "t": 1.0},
            why_which_penalty,
            (
                "Two features with correlation 0.9, true β = (2, 1). At budget t = 1, "
                "does the lasso keep both coefficients?",
                keeps_both("l1"),
            ),
            ("And ridge, on the same data and budget?", keeps_both("l2")),
        ),
        *asked(
            "geometry",
            {"source": "data", "rho": 0.0, "side_by_side": True, "t": 1.5},
            why_which_penalty,
            (
                "Uncorrelated features (ρ = 0) and t = 1.5: does the lasso keep both now?",
                keeps_both("l1"),
            ),
        ),
        *asked(
            "paths",
            {"source": "synthetic", "view": "l1", "n": 100, "p": 50, "k": 5, "rho": 0.3},
            why_found,
            (
                "Synthetic data: 5 of 50 features truly matter, correlation 0.3. At λ_1se, "
                "does the lasso keep all 5 true features?",
                finds_all_true,
            ),
        ),
        *asked(
            "paths",
            {"source": "synthetic", "view": "l1", "n": 100, "p": 50, "k": 5, "rho": 0.9},
            why_found,
            (
                "Now every pair of features has correlation 0.9. Does it still keep all 5?",
                finds_all_true,
            ),
        ),
    ),
)

LESSONS: tuple[Lesson, ...] = (CORNERS, CHOOSING, CORRELATED, PRIORS_MAP)


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
