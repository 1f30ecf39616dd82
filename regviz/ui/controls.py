"""Controls as data: what a page lets the learner change, declared once.

A control names its value (``name``), how it is shown (``label``, ``help``, where it sits)
and what values it accepts; the page frame (:mod:`regviz.ui.frame`) turns it into a
Streamlit widget, binds it to the page's URL and resets it. Its default lives with the
experiment it configures (``PageSpec.defaults``), never here.

This module imports no streamlit: specs, link parsing and lesson states are checked by
plain unit tests.

Every control parses the text a shared link carries (:meth:`Control.parse`) and writes
its value back as text (:meth:`Control.to_url`); a value it cannot take raises
:class:`LinkValueError`, and the page shows the default with a plain notice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from regviz.core.grids import format_lambda, nice_log_values

Where = Literal["main", "sidebar"]
Condition = Callable[[Mapping[str, Any]], bool]

# Longest text from a link that is ever shown back to a visitor.
MAX_SHOWN = 40


class LinkValueError(ValueError):
    """A value in a shared link that this control cannot take."""


def shown(raw: object, limit: int = MAX_SHOWN) -> str:
    """A link or file value as inert, short text: no markup, no line breaks.

    The result is meant for a Markdown code span, so backticks are removed; anything
    longer than ``limit`` characters is cut with an ellipsis.

    Examples
    --------
    >>> shown("![x](https://host/x.png)")
    '![x](https://host/x.png)'
    >>> shown("a`b\\nc")
    'ab c'
    >>> shown("9" * 100, limit=5)
    '9999…'
    >>> shown("  ")
    '(empty)'
    """
    text = " ".join(str(raw).replace("`", "").split())
    if not text:
        return "(empty)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def same_value(a: Any, b: Any) -> bool:
    """Equal, with floats compared to 9 significant digits (slider steps accumulate).

    Examples
    --------
    >>> same_value(0.1 * 3, 0.3), same_value((1.0, 2.0), (1.0, 2.0)), same_value("a", 1)
    (True, True, False)
    """
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b and type(a) is type(b)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def _number(raw: str) -> float:
    text = raw.strip()
    if not text or len(text) > 32:
        raise LinkValueError("not a number")
    try:
        value = float(text)
    except ValueError:
        raise LinkValueError("not a number") from None
    if not math.isfinite(value):
        raise LinkValueError("not a finite number")
    return value


def _single(raws: Sequence[str]) -> str:
    # A parameter given twice (?k=1&k=2) is used deliberately: the last one wins, as in a
    # form where a later field overrides an earlier one.
    if not raws:
        raise LinkValueError("empty")
    return raws[-1]


@dataclass(frozen=True, kw_only=True)
class Control:
    """What every control shares.

    A control that takes one value and finds it twice in a link (``?k=1&k=2``) uses the
    last one, as a form does when a later field repeats an earlier one.

    Attributes
    ----------
    name : str
        The value's name: its key in the page's defaults, presets and ``Values``, and its
        URL parameter (``?lam=0.5``).
    label : str or callable
        Shown above the widget; a callable gets the values so far (e.g. a label that
        changes with the data source).
    help : str
        The tooltip.
    where : {"sidebar", "main"}
        In the sidebar, or in the row of main controls right above the figure.
    section : str
        Which call of ``page.controls(section)`` renders it (pages with several figures
        put each figure's controls next to it).
    group : str or None
        Sidebar controls of one group sit in one expander (closed in classroom mode).
    secondary : bool
        Hidden in classroom mode (its value still applies).
    visible, enabled : callable or None
        Conditions on the values so far; a control that is not visible keeps its value.
    url : bool
        Mirrored in the URL (False for values that cannot travel in a link, e.g. the
        columns of an uploaded file).
    dynamic : bool
        Its range or options are set by the page at run time (from the data), so specs
        and presets are checked against it only then.
    """

    name: str
    label: str | Callable[[Mapping[str, Any]], str]
    help: str = ""
    where: Where = "sidebar"
    section: str = "top"
    group: str | None = None
    secondary: bool = False
    visible: Condition | None = None
    enabled: Condition | None = None
    url: bool = True
    dynamic: bool = False

    kind = "control"

    def label_for(self, values: Mapping[str, Any]) -> str:
        return self.label(values) if callable(self.label) else self.label

    def is_visible(self, values: Mapping[str, Any]) -> bool:
        return self.visible is None or bool(self.visible(values))

    def is_enabled(self, values: Mapping[str, Any]) -> bool:
        return self.enabled is None or bool(self.enabled(values))

    def parse(self, raws: Sequence[str], **bounds: Any) -> Any:
        """The value a link's text stands for; raises :class:`LinkValueError`."""
        raise NotImplementedError

    def to_url(self, value: Any) -> str | list[str]:
        """The value as link text (the inverse of :meth:`parse`)."""
        return str(value)

    def accepts(self, value: Any, **bounds: Any) -> bool:
        """Can the widget show ``value`` (with the current dynamic bounds)?"""
        try:
            raws = self.to_url(value)
            parsed = self.parse([raws] if isinstance(raws, str) else raws, **bounds)
        except (LinkValueError, TypeError, ValueError):
            return False
        return same_value(parsed, value)


@dataclass(frozen=True, kw_only=True)
class Slider(Control):
    """A number on an evenly stepped range (``st.slider``).

    Examples
    --------
    >>> s = Slider(name="t", label="Budget t", low=0.0, high=5.0, step=0.05)
    >>> s.parse(["1.23"])
    1.25
    >>> s.to_url(1.25)
    '1.25'
    """

    low: float
    high: float
    step: float
    integer: bool = False
    fmt: str | None = None

    kind = "slider"

    def parse(self, raws: Sequence[str], **bounds: Any) -> Any:
        low, high = bounds.get("low", self.low), bounds.get("high", self.high)
        value = _number(_single(raws))
        tolerance = 1e-9 * max(1.0, abs(high - low))
        if not low - tolerance <= value <= high + tolerance:
            raise LinkValueError(f"outside {low:g} … {high:g}")
        # Snap to the slider's steps so the widget shows exactly this value.
        snapped = low + round((value - low) / self.step) * self.step
        snapped = min(max(snapped, low), high)
        return int(round(snapped)) if self.integer else round(snapped, 10)

    def to_url(self, value: Any) -> str:
        return str(int(value)) if self.integer else f"{float(value):.10g}"


@dataclass(frozen=True, kw_only=True)
class LogSlider(Control):
    """λ (or another positive scale) shown as itself on a log-spaced slider.

    The slider offers :func:`nice_log_values` between ``low`` and ``high`` (and 0 first
    when ``zero``); a link value is snapped to the nearest offered value.

    Examples
    --------
    >>> lam = LogSlider(name="lam", label="λ", low=0.01, high=10.0, zero=True)
    >>> lam.parse(["0.5"])
    0.5
    >>> lam.parse(["0"]), lam.format(0.016)
    (0.0, '0.016')
    """

    low: float
    high: float
    per_decade: int = 10
    zero: bool = False

    kind = "log_slider"

    def options(self, **bounds: Any) -> tuple[float, ...]:
        low, high = bounds.get("low", self.low), bounds.get("high", self.high)
        values = nice_log_values(low, high, self.per_decade)
        return ((0.0,) if self.zero else ()) + values

    def format(self, value: float) -> str:
        return format_lambda(value)

    def parse(self, raws: Sequence[str], **bounds: Any) -> Any:
        value = _number(_single(raws))
        options = self.options(**bounds)
        if value == 0.0 and self.zero:
            return 0.0
        positive = [v for v in options if v > 0]
        if value <= 0 or not positive[0] * 0.999 <= value <= positive[-1] * 1.001:
            raise LinkValueError(f"outside {positive[0]:g} … {positive[-1]:g}")
        return min(positive, key=lambda v: abs(math.log(v) - math.log(value)))

    def to_url(self, value: Any) -> str:
        return f"{float(value):.10g}"


@dataclass(frozen=True, kw_only=True)
class Choice(Control):
    """One of a few named options (radio buttons, a select box or a segmented control).

    The link carries the option's key (``l2``); the displayed label (``L2 (ridge)``), as
    older links carried it, is accepted too.

    Examples
    --------
    >>> c = Choice(name="penalty", label="Penalty", options={"l1": "L1 (lasso)", "l2": "L2"})
    >>> c.parse(["L1 (lasso)"]), c.parse(["l2"])
    ('l1', 'l2')
    """

    options: Mapping[Any, str]
    widget: Literal["radio", "select", "segmented"] = "radio"
    horizontal: bool = True
    aliases: Mapping[str, Any] = field(default_factory=dict)

    kind = "choice"

    def keys(self, **bounds: Any) -> list[Any]:
        return list(bounds.get("options", self.options))

    def parse(self, raws: Sequence[str], **bounds: Any) -> Any:
        raw = _single(raws).strip()
        options = dict(bounds.get("options", self.options))
        if raw in self.aliases and self.aliases[raw] in options:
            return self.aliases[raw]
        # Exact spellings first: options may differ only by case ("Y" and "y").
        for key, label in options.items():
            if raw == str(key) or raw == label:
                return key
        for key in options:
            if raw.lower() == str(key).lower():
                return key
        raise LinkValueError("not one of the options")

    def to_url(self, value: Any) -> str:
        return str(value)


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


@dataclass(frozen=True, kw_only=True)
class Toggle(Control):
    """On or off (``st.toggle``); links say 1/0 (true/false, yes/no and on/off work too).

    Examples
    --------
    >>> Toggle(name="path", label="Show the path").parse(["true"])
    True
    """

    kind = "toggle"

    def parse(self, raws: Sequence[str], **bounds: Any) -> Any:
        raw = _single(raws).strip().lower()
        if raw in TRUE_WORDS:
            return True
        if raw in FALSE_WORDS:
            return False
        raise LinkValueError("not on/off")

    def to_url(self, value: Any) -> str:
        return "1" if value else "0"


@dataclass(frozen=True, kw_only=True)
class Integer(Control):
    """A whole number typed in a box (``st.number_input``), e.g. a random seed.

    The link text is checked here, before any widget sees it: ``inf``, ``1e400`` or a
    400-digit number is refused with a notice, never a traceback.

    Examples
    --------
    >>> seed = Integer(name="seed", label="Seed", low=0, high=9999)
    >>> seed.parse(["42"])
    42
    >>> try:
    ...     seed.parse(["inf"])
    ... except LinkValueError as problem:
    ...     print(problem)
    not a whole number
    """

    low: int
    high: int
    step: int = 1

    kind = "integer"

    def parse(self, raws: Sequence[str], **bounds: Any) -> Any:
        raw = _single(raws).strip()
        body = raw[1:] if raw[:1] in ("+", "-") else raw
        # ASCII digits only: "²".isdigit() is True, but int("²") fails.
        if not (body.isascii() and body.isdigit()) or len(body) > 12:
            raise LinkValueError("not a whole number")
        value = int(raw)
        if not self.low <= value <= self.high:
            raise LinkValueError(f"outside {self.low} … {self.high}")
        return value


@dataclass(frozen=True, kw_only=True)
class Steps(Control):
    """One value from a fixed list, on a slider (``st.select_slider``).

    Examples
    --------
    >>> eps = Steps(name="eps", label="ε", values=(0.001, 0.01, 0.1))
    >>> eps.parse(["0.01"])
    0.01
    """

    values: tuple[Any, ...]
    fmt: Callable[[Any], str] | None = None

    kind = "steps"

    def parse(self, raws: Sequence[str], **bounds: Any) -> Any:
        return _match(_single(raws), bounds.get("values", self.values))

    def to_url(self, value: Any) -> str:
        return f"{value:.10g}" if isinstance(value, float) else str(value)


def _match(raw: str, values: Sequence[Any]) -> Any:
    raw = raw.strip()
    for value in values:
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                number = _number(raw)
            except LinkValueError:
                continue
            if math.isclose(number, float(value), rel_tol=1e-9, abs_tol=1e-12):
                return value
        elif raw == str(value):
            return value
    raise LinkValueError("not one of the offered values")


@dataclass(frozen=True, kw_only=True)
class Range(Control):
    """A range (low, high) of values from a fixed list (a two-handled select slider).

    A link gives both ends as a repeated parameter (``?kappa=1&kappa=10``) or as ``1,10``.

    Examples
    --------
    >>> r = Range(name="kappa", label="κ", values=(1.0, 2.0, 10.0))
    >>> r.parse(["1", "10"]), r.parse(["10,2"])
    ((1.0, 10.0), (2.0, 10.0))
    """

    values: tuple[Any, ...]
    fmt: Callable[[Any], str] | None = None

    kind = "range"

    def parse(self, raws: Sequence[str], **bounds: Any) -> Any:
        parts = list(raws)
        if len(parts) == 1:
            parts = parts[0].split(",")
        if len(parts) != 2:
            raise LinkValueError("needs two ends")
        values = bounds.get("values", self.values)
        ends = sorted((_match(p, values) for p in parts), key=list(values).index)
        return tuple(ends)

    def to_url(self, value: Any) -> list[str]:
        return [f"{v:.10g}" if isinstance(v, float) else str(v) for v in value]


@dataclass(frozen=True, kw_only=True)
class Many(Control):
    """Several options at once (``st.multiselect``); options usually come from the data."""

    options: tuple[Any, ...] = ()

    kind = "many"

    def parse(self, raws: Sequence[str], **bounds: Any) -> Any:
        options = list(bounds.get("options", self.options))
        chosen = [_match(raw, options) for raw in raws if raw != ""]
        return tuple(dict.fromkeys(chosen))

    def to_url(self, value: Any) -> list[str]:
        return [str(v) for v in value]
