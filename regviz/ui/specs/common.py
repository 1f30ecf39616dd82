"""Controls that several pages share, each declared once.

A factory here stands for one meaning — the penalty λ, the budget t of a ball, a random
seed, a coefficient placed by hand — and holds what every page agrees on (its name, label,
range, the core of its help text). A page passes only what is really its own: a condition,
its section or group, the words of its own picture (:class:`Balls`), a sentence of help
that only it needs. Controls that merely look alike (two choices of the same shape) stay
in their page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from regviz.core.conventions import L1_RATIO_HELP, LAMBDA_HELP
from regviz.experiments.geometry_scenes import BALL_LAMBDA_RANGE
from regviz.experiments.montecarlo import NEAR_EPSILONS
from regviz.ui.controls import Choice, Condition, Integer, LogSlider, Slider, Steps, Toggle

# Play is a way of looking, not a setting: a page with ▶ Animate λ opens without it.
ANIMATION_OFF: Mapping[str, Any] = {"play": False}


@dataclass(frozen=True)
class Balls:
    """The words a picture uses for its L1 ball, its L2 ball and the loss they meet.

    Examples
    --------
    >>> PLANE.l1, SPACE.l2
    ('diamond', 'sphere')
    """

    l1: str
    l2: str
    loss: str


PLANE = Balls(l1="diamond", l2="circle", loss="loss")  # two coefficients
SPACE = Balls(l1="octahedron", l2="sphere", loss="bowl")  # three coefficients


def plain_number(value: float) -> str:
    """A value as a slider shows it: no trailing zeros.

    Examples
    --------
    >>> plain_number(0.010), plain_number(100.0)
    ('0.01', '100')
    """
    return f"{value:g}"


def with_thousands(value: int) -> str:
    """A count as a slider shows it: thousands separated by commas.

    Examples
    --------
    >>> with_thousands(12_800)
    '12,800'
    """
    return f"{value:,}"


def _with_note(help: str, note: str) -> str:
    return f"{help} {note}" if note else help


# --- penalty strength: λ, the budget t, and which of the two sets it ---------------------


def lambda_slider(low: float, high: float, *, note: str = "", **fields: Any) -> LogSlider:
    """The penalty λ, shown as itself on a log slider, with the one λ convention as help.

    Parameters
    ----------
    low, high : float
        The smallest and largest positive λ offered.
    note : str
        A sentence added after the convention (what λ acts on in this page).
    **fields
        Any other field of :class:`~regviz.ui.controls.LogSlider` (``name``, ``label``,
        ``zero``, ``visible``, ``section``, ...).

    Examples
    --------
    >>> lam = lambda_slider(0.01, 10.0, note="Here it scales a ball.")
    >>> lam.name, lam.label, lam.where, lam.help.endswith("Here it scales a ball.")
    ('lam', 'Penalty λ', 'main', True)
    """
    fields = {"name": "lam", "label": "Penalty λ", "where": "main", **fields}
    return LogSlider(low=low, high=high, help=_with_note(LAMBDA_HELP, note), **fields)


def ball_lambda(visible: Condition) -> LogSlider:
    """λ on the ball pages (Geometry, Three coefficients): 0.01 … 10 and 0 (no penalty).

    Examples
    --------
    >>> lam = ball_lambda(lambda values: values["mode"] == "lam")
    >>> lam.options()[:3], lam.is_visible({"mode": "t"})
    ((0.0, 0.01, 0.013), False)
    """
    return lambda_slider(*BALL_LAMBDA_RANGE, zero=True, visible=visible)


def strength_mode(*, both_shown_by: str, **fields: Any) -> Choice:
    """Budget t or penalty λ: which of the two (equivalent) forms sets the ball's size.

    Parameters
    ----------
    both_shown_by : str
        Where the page shows both numbers ("the page", "each figure's title").
    **fields
        Any other field of :class:`~regviz.ui.controls.Choice` (``aliases``, ``enabled``).

    Examples
    --------
    >>> mode = strength_mode(both_shown_by="the page")
    >>> mode.name, mode.options["lam"], mode.help.endswith("the page shows both numbers.")
    ('mode', 'penalty λ', True)
    """
    return Choice(
        name="mode",
        label="Penalty strength set by",
        options={"t": "budget t", "lam": "penalty λ"},
        where="main",
        help="The budget t of the ball (constrained form) or the penalty λ (penalized "
        f"form): the same solution either way; {both_shown_by} shows both numbers.",
        **fields,
    )


def budget_slider(balls: Balls, *, visible: Condition, note: str = "") -> Slider:
    """The budget t, the size of the ball the coefficients must stay in.

    Parameters
    ----------
    balls : Balls
        The words of the page's picture.
    visible : callable
        When the slider is shown (while t, not λ, sets the ball).
    note : str
        Said after "Smaller t = stronger penalty" (e.g. where the matching λ is shown).

    Examples
    --------
    >>> t = budget_slider(PLANE, visible=lambda values: True)
    >>> t.low, t.high, t.step
    (0.0, 5.0, 0.05)
    >>> t.help.split("}: ")[1]
    '‖β‖₁ ≤ t (diamond), ‖β‖₂ ≤ t (circle). Smaller t = stronger penalty.'
    """
    return Slider(
        name="t",
        label="Budget t (size of the ball)",
        help=f"The ball is {{β : g(β) ≤ t}}: ‖β‖₁ ≤ t ({balls.l1}), ‖β‖₂ ≤ t ({balls.l2}). "
        f"Smaller t = stronger penalty{'; ' + note if note else ''}.",
        low=0.0,
        high=5.0,
        step=0.05,
        where="main",
        visible=visible,
    )


# --- one ball at a time, or L1 and L2 side by side -----------------------------------------


def one_ball(values: Mapping[str, Any]) -> bool:
    """One ball is drawn (not the two side by side).

    Examples
    --------
    >>> one_ball({"side_by_side": False})
    True
    """
    return not values["side_by_side"]


def one_ball_of(penalty: str) -> Condition:
    """True while one ball is drawn and it is ``penalty``'s.

    Examples
    --------
    >>> one_ball_of("lq")({"side_by_side": False, "penalty": "lq"})
    True
    """
    return lambda values: one_ball(values) and values["penalty"] == penalty


def side_by_side_toggle(balls: Balls) -> Toggle:
    """Draw the L1 and the L2 ball next to each other instead of one ball.

    Examples
    --------
    >>> side_by_side_toggle(SPACE).help
    'The octahedron and the sphere next to each other on the same bowl.'
    """
    return Toggle(
        name="side_by_side",
        label="Side by side: L1 | L2",
        where="main",
        help=f"The {balls.l1} and the {balls.l2} next to each other on the same {balls.loss}.",
    )


def one_ball_penalty(options: Mapping[str, str]) -> Choice:
    """Which ball is drawn when one is drawn at a time.

    Examples
    --------
    >>> one_ball_penalty({"l1": "L1 (lasso)"}).is_visible({"side_by_side": True})
    False
    """
    return Choice(
        name="penalty",
        label="Penalty (one ball)",
        options=options,
        visible=one_ball,
        help="Which ball limits the coefficients when one is drawn at a time.",
    )


def l1_ratio_slider(*, high: float = 0.95, note: str = "", **fields: Any) -> Slider:
    """The elastic net's mix r (scikit-learn's ``l1_ratio``), from 0.05 up.

    Parameters
    ----------
    high : float
        The largest r offered (1 includes the lasso itself).
    note : str
        A sentence added after the convention (e.g. how the page draws the mix).
    **fields
        Any other field of :class:`~regviz.ui.controls.Slider` (``visible``, ...), or
        another ``name`` and ``label`` where a page's links already use its own.

    Examples
    --------
    >>> r = l1_ratio_slider(high=1.0)
    >>> r.name, r.label, r.low, r.high
    ('l1_ratio', 'Elastic-net mix r (l1_ratio)', 0.05, 1.0)
    >>> l1_ratio_slider(name="r", label="Elastic-net mix r").name
    'r'
    """
    fields = {"name": "l1_ratio", "label": "Elastic-net mix r (l1_ratio)", **fields}
    return Slider(low=0.05, high=high, step=0.05, help=_with_note(L1_RATIO_HELP, note), **fields)


# --- the loss: coefficients placed by hand, the bowl's turn --------------------------------


def coefficient_slider(
    name: str, label: Any, help: str, *, step: float = 0.1, **fields: Any
) -> Slider:
    """A coefficient the learner places by hand (a loss center, a start point), on −3 … 3.

    One range on every page, so a learner meets coefficients on one scale throughout.

    Examples
    --------
    >>> c = coefficient_slider("c1", "Loss center β₁", "Where the loss is smallest.")
    >>> c.low, c.high, c.step
    (-3.0, 3.0, 0.1)
    """
    return Slider(name=name, label=label, low=-3.0, high=3.0, step=step, help=help, **fields)


def rotation_slider(
    name: str, label: str, help: str, *, integer: bool = False, **fields: Any
) -> Slider:
    """The turn of a bowl in degrees, −90 … 90 in steps of 5 (a turn of 180° is no turn).

    Parameters
    ----------
    integer : bool
        Whole degrees (the value is an ``int``), else a float.

    Examples
    --------
    >>> rotation_slider("angle", "Rotation", "", integer=True).low
    -90
    >>> rotation_slider("angle", "Rotation", "").low
    -90.0
    """
    number = int if integer else float
    return Slider(
        name=name,
        label=label,
        low=number(-90),
        high=number(90),
        step=number(5),
        integer=integer,
        help=help,
        **fields,
    )


def folds_slider(*, low: int, help: str) -> Slider:
    """k, the number of cross-validation folds (up to 10). A detail (secondary).

    Examples
    --------
    >>> folds = folds_slider(low=3, help="Each fold is held out once.")
    >>> folds.name, folds.label, folds.high, folds.integer
    ('folds', 'Cross-validation folds k', 10, True)
    """
    return Slider(
        name="folds",
        label="Cross-validation folds k",
        low=low,
        high=10,
        step=1,
        integer=True,
        secondary=True,
        help=help,
    )


# --- random designs --------------------------------------------------------------------------


def random_seed(
    help: str, *, high: int = 10_000, name: str = "seed", label: str = "Random seed", **fields: Any
) -> Integer:
    """Which random draw: the same seed gives the same data. A detail (secondary).

    Examples
    --------
    >>> seed = random_seed("The same seed gives the same data.", high=9999)
    >>> seed.name, seed.low, seed.high, seed.secondary
    ('seed', 0, 9999, True)
    """
    return Integer(name=name, label=label, low=0, high=high, secondary=True, help=help, **fields)


def center_spread_slider(name: str, label: str, help: str, **fields: Any) -> Slider:
    """How far random loss centers spread, in units of the budget t (Monte Carlo designs).

    Examples
    --------
    >>> spread = center_spread_slider("scale", "Center spread s", "")
    >>> spread.low, spread.high, spread.step
    (0.5, 10.0, 0.25)
    """
    return Slider(name=name, label=label, low=0.5, high=10.0, step=0.25, help=help, **fields)


def ball_mix_slider(name: str, help: str, **fields: Any) -> Slider:
    """The mix r of the elastic-net *ball* r‖β‖₁/t + (1 − r)‖β‖₂²/t² ≤ 1 (Monte Carlo).

    Examples
    --------
    >>> mix = ball_mix_slider("mix", "")
    >>> mix.label, mix.low, mix.high
    ('Elastic-net ball mix r', 0.0, 1.0)
    """
    return Slider(
        name=name, label="Elastic-net ball mix r", low=0.0, high=1.0, step=0.05, help=help, **fields
    )


def epsilon_steps(name: str, help: str, **fields: Any) -> Steps:
    """ε: ridge never gives an exact zero, so L2 counts |βᵢ| < ε·t as zero.

    The ε offered are the ones a 2-D Monte Carlo run counts near zeros for anyway
    (:data:`~regviz.experiments.montecarlo.NEAR_EPSILONS`), so moving ε on that page needs
    no new run; the 3-D page offers the same ε, so the two pages compare.

    Examples
    --------
    >>> eps = epsilon_steps("eps", "")
    >>> eps.values, eps.fmt(0.01)
    ((0.001, 0.003, 0.01, 0.03, 0.1), '0.01')
    """
    return Steps(
        name=name,
        label="ε: L2 counts |βᵢ| < ε·t as zero",
        values=NEAR_EPSILONS,
        fmt=plain_number,
        help=help,
        **fields,
    )


def animate_lambda_toggle(help: str, label: str = "▶ Animate λ") -> Toggle:
    """▶ Animate λ: the page's figures get frames that sweep λ in the browser.

    Its default is off on every page (:data:`ANIMATION_OFF`); a shorter ``label`` fits a
    narrow column.

    Examples
    --------
    >>> animate_lambda_toggle("").label, animate_lambda_toggle("", "▶ Animate").name
    ('▶ Animate λ', 'play')
    """
    return Toggle(name="play", label=label, where="main", help=help)
