"""A page, declared: its slug, its words, its controls, defaults and presets.

A :class:`PageSpec` is plain data (no streamlit). The frame renders it, binds its
controls to the URL, resets it and offers its presets; the home page, the route, the
lessons and the tests read it too. The slug names everything of a page: its file
``pages/<slug>.py``, its spec ``regviz/ui/specs/<slug>.py``, its figures
``regviz/figures/<slug>.py``, its widget keys ``<slug>_<name>`` and its AppTest
``tests/app/test_<slug>.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from regviz.ui.controls import Control

# URL parameters the frame itself uses on every page.
GLOBAL_PARAMS = ("classroom", "lesson", "step")


@dataclass(frozen=True)
class PageSpec:
    """Everything about a page that is data.

    Attributes
    ----------
    slug : str
        ``"geometry"``: file stem, URL path, key prefix.
    title : str
        Shown in the navigation and as the page heading.
    icon : str
        A Material icon, ``":material/…:"``.
    question : str
        The one question the page answers (home page, route, the page's first line).
    intro : str
        "What you are looking at" (Markdown); one click away in classroom mode.
    controls : sequence of Control
        In the order they are rendered (a condition may read only earlier values).
    defaults : mapping
        Control name → default value; lives with the experiment the page shows.
        Names in it that no control uses are fixed settings of the page.
    presets : mapping
        Preset name → values (the rest at their defaults); lives with the experiment.
    preset_help : mapping
        Preset name → tooltip.
    legacy_prefix : str
        Links made before the page frame named values ``<prefix><name>`` (``geo_lam``);
        they still open the same figure.
    legacy_names : mapping
        Old URL name → control name, where the name changed otherwise.
    legacy_values : mapping
        Old URL name (with its prefix) → (control name, function turning the old text
        into the new text), where the meaning changed: e.g. ``one_loglam=-2`` (log₁₀ λ)
        → ``lam=0.01`` via :func:`from_log10`.
    legacy_defaults : mapping
        Control name → the default it had when old links were made: an old link (one
        that uses an old spelling) that does not name the control gets this value, so it
        still opens the figure it showed then.
    kept_mounted : frozenset of str
        Keys of the page's figures that every control redraws and that the browser
        therefore redraws in place (:mod:`regviz.ui.live_chart`) instead of drawing anew;
        :meth:`regviz.ui.frame.Page.figure` draws them so. At least one figure of the page
        stays an ordinary chart: it carries the theme the live ones copy.
    """

    slug: str
    title: str
    icon: str
    question: str
    intro: str
    controls: Sequence[Control] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)
    presets: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    preset_help: Mapping[str, str] = field(default_factory=dict)
    legacy_prefix: str = ""
    legacy_names: Mapping[str, str] = field(default_factory=dict)
    legacy_values: Mapping[str, tuple[str, Callable[[str], str]]] = field(default_factory=dict)
    legacy_defaults: Mapping[str, Any] = field(default_factory=dict)
    kept_mounted: frozenset[str] = frozenset()

    @property
    def path(self) -> str:
        """The page script, relative to the repository root."""
        return f"pages/{self.slug}.py"

    def key(self, name: str) -> str:
        """The widget key of control ``name`` (one scheme for every page)."""
        return f"{self.slug}_{name}"

    def control(self, name: str) -> Control:
        for control in self.controls:
            if control.name == name:
                return control
        raise KeyError(f"{self.slug} has no control {name!r}")

    def names(self) -> list[str]:
        return [c.name for c in self.controls]

    def url_name(self, raw_name: str) -> str | None:
        """The control a URL parameter means (current or legacy spelling), or None."""
        names = set(self.names())
        if raw_name in names:
            return raw_name
        if raw_name in self.legacy_names:
            return self.legacy_names[raw_name]
        if self.legacy_prefix and raw_name.startswith(self.legacy_prefix):
            bare = raw_name[len(self.legacy_prefix) :]
            if bare in names:
                return bare
            return self.legacy_names.get(bare)
        return None

    def translate(self, raw_name: str, raws: list[str]) -> tuple[str | None, list[str]]:
        """A URL parameter as (control name, link texts), old spellings and units included."""
        if raw_name in self.legacy_values:
            name, convert = self.legacy_values[raw_name]
            try:
                return name, [convert(raw) for raw in raws]
            except (TypeError, ValueError, OverflowError):
                return name, raws  # the control's own check will refuse it, with a notice
        return self.url_name(raw_name), raws

    def preset_values(self, name: str) -> dict[str, Any]:
        """The full state a preset stands for: its values over the defaults."""
        return {**self.defaults, **self.presets[name]}


def check_spec(spec: PageSpec) -> list[str]:
    """Problems with a spec, as sentences (empty when it is sound).

    Every control has a default, every preset value is one its control accepts, names
    are unique and none collides with the frame's own URL parameters.

    Examples
    --------
    >>> from regviz.ui.controls import Toggle
    >>> spec = PageSpec("demo", "Demo", ":material/home:", "Why?", "Intro.",
    ...                 controls=[Toggle(name="on", label="On")], defaults={"on": False})
    >>> check_spec(spec)
    []
    """
    problems = []
    names = spec.names()
    if len(set(names)) != len(names):
        problems.append(f"{spec.slug}: control names repeat")
    for name in names:
        if name in GLOBAL_PARAMS:
            problems.append(f"{spec.slug}: control {name!r} collides with a frame parameter")
        if name not in spec.defaults:
            problems.append(f"{spec.slug}: control {name!r} has no default")
    for preset, values in spec.presets.items():
        for name, value in values.items():
            if name not in spec.defaults:
                problems.append(f"{spec.slug}: preset {preset!r} sets unknown {name!r}")
                continue
            if name in names and not _static_bounds(spec.control(name)):
                continue
            if name in names and not spec.control(name).accepts(value):
                problems.append(f"{spec.slug}: preset {preset!r} has {name}={value!r}")
    for control in spec.controls:
        if control.name in spec.defaults and _static_bounds(control):
            if not control.accepts(spec.defaults[control.name]):
                problems.append(
                    f"{spec.slug}: default {control.name}={spec.defaults[control.name]!r} "
                    "is not a value its control offers"
                )
    return problems


# Controls whose range or options the page sets at run time (from the data) cannot be
# checked statically; they declare it with ``dynamic=True`` in their spec metadata.
def _static_bounds(control: Control) -> bool:
    return not getattr(control, "dynamic", False)


def from_log10(raw: str) -> str:
    """An old link's log₁₀ value as the value itself (``"-2"`` → ``"0.01"``).

    Examples
    --------
    >>> from_log10("-2"), from_log10("0.5")
    ('0.01', '3.16227766')
    """
    exponent = float(raw)
    if not -300.0 < exponent < 300.0:
        raise ValueError("exponent out of range")
    return f"{10.0**exponent:.9g}"
