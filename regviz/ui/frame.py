"""The page frame: every page's shared behaviour, written once.

A page script does::

    page = open_page(SPEC)                 # guard, title, intro, presets, notices
    values = page.controls()               # the declared controls, bound to the URL
    result = page.run(compute, values.x)   # a plain message instead of a traceback
    page.figure(make_figure(result), key="main", alt=describe(result))
    page.notes(describe(result))
    page.done()                            # the next page on the route

State. Each control's widget key is ``<slug>_<name>``. Its value comes, in this order,
from the widget, a shared link (checked by the control, never by Streamlit's
deserializer), the value it had when the learner last left the page, or its default.
After every run :func:`sync_url` writes every value that differs from its default into
the URL, so the address bar is always a link to what is on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import streamlit as st

from regviz.core.readouts import Readout
from regviz.figures.common import (
    has_scene,
    layout_axes,
    merge,
    merge_fonts,
    plain_figure,
)
from regviz.ui import css, lesson_mode
from regviz.ui.controls import (
    Choice,
    Control,
    Integer,
    LinkValueError,
    LogSlider,
    Many,
    Range,
    Slider,
    Steps,
    Toggle,
    shown,
)
from regviz.ui.live_chart import live_chart, theme_carrier
from regviz.ui.spec import GLOBAL_PARAMS, PageSpec

LOG = logging.getLogger("regviz")
T = TypeVar("T")

ROUTER_FLAG = "_regviz_router"
DEEP_LINK = "_regviz_deep_link"
CURRENT = "_regviz_current_page"
MEMORY = "_regviz_memory"  # slug -> {name: value}, kept across page switches
PENDING = "_regviz_link"  # slug -> {name: [raw, ...]}, link values not yet applied
NOTICES = "_regviz_notices"  # slug -> [sentence, ...]
WRITTEN = "_regviz_written"  # the query parameters this frame last wrote
CLASSROOM = "classroom"  # the sidebar toggle's key and the URL parameter
CLASSROOM_ON = "_regviz_classroom"  # the setting itself (outlives the toggle's widget state)
PAGE_OBJECT = "_regviz_page_object"  # the Page opened by this run, if any

PLOTLY_CONFIG = {
    "displaylogo": False,
    # Slides: the camera button saves the figure at projector resolution.
    "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1},
}
# The format the camera button saves in (the shared sidebar's choice; plotly draws the
# file in the browser, so SVG needs nothing on the server).
FIGURE_FORMAT = "_regviz_figure_format"
FIGURE_FORMATS = {"PNG": "png", "SVG": "svg"}


class Values(dict):
    """Control values by name, readable as attributes (``values.lam``)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class PageStopped(Exception):
    """Raised inside :meth:`Page.run` only to be turned into ``st.stop()``."""


# --------------------------------------------------------------------------- session


def classroom_on() -> bool:
    """Is classroom (projector) mode on for this session?"""
    return bool(st.session_state.get(CLASSROOM_ON, False))


def theme_is_dark() -> bool:
    """Does the visitor see Streamlit's dark theme (their system's choice)?"""
    try:
        return st.context.theme.type == "dark"
    except Exception:  # noqa: BLE001 - no browser (AppTest): the light theme
        return False


def on_a_phone() -> bool:
    """Does the visitor's browser say it is a phone? (A figure built for the width it will
    have: a server cannot measure the screen, the user agent is the hint it gets.)"""
    try:
        agent = st.context.headers.get("User-Agent", "") or ""
    except Exception:  # noqa: BLE001 - no browser (AppTest): not a phone
        return False
    return any(word in agent for word in ("Mobi", "Android", "iPhone"))


def _memory(slug: str) -> dict[str, Any]:
    return st.session_state.setdefault(MEMORY, {}).setdefault(slug, {})


def _link_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _enter(spec: PageSpec) -> None:
    """On arriving at a page: read its link (if it is one) into the pending values.

    Reruns on the same page never read the URL again (the frame wrote it); in-app jumps
    to a state (presets, lesson steps, reset) go through :func:`apply_state` instead.
    """
    if st.session_state.get(CURRENT) == spec.slug:
        return
    st.session_state[CURRENT] = spec.slug
    params = _link_params()
    written = st.session_state.get(WRITTEN)
    if written is not None and written[0] not in (None, spec.slug) and params == written[1]:
        params = {}  # parameters left over from the page the learner just left
    if lesson_mode.read_link(spec, params, apply_state):
        params = {}  # a lesson step sets the whole state
    pending: dict[str, list[str]] = {}
    unknown: list[str] = []
    old_link = False
    for raw_name, raws in params.items():
        if raw_name in GLOBAL_PARAMS:
            continue
        name, texts = spec.translate(raw_name, raws)
        if name is None or not spec.control(name).url:
            unknown.append(raw_name)
        else:
            pending[name] = texts
            old_link = old_link or name != raw_name
    if old_link:
        for name, value in spec.legacy_defaults.items():
            if name not in pending:
                text = spec.control(name).to_url(value)
                pending[name] = [text] if isinstance(text, str) else list(text)
    if pending:
        # A link states the whole view: what it does not name is at its default.
        _memory(spec.slug).clear()
        for control in spec.controls:
            st.session_state.pop(spec.key(control.name), None)
    st.session_state.setdefault(PENDING, {})[spec.slug] = pending
    notices = st.session_state.setdefault(NOTICES, {})
    notices[spec.slug] = []
    if unknown:
        names = ", ".join(f"`{shown(name)}`" for name in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        notices[spec.slug].append(
            f"This link has settings this page does not know, so it ignores them: {names}{more}."
        )


def _notice(spec: PageSpec, sentence: str) -> None:
    st.session_state.setdefault(NOTICES, {}).setdefault(spec.slug, []).append(sentence)


def sync_url() -> None:
    """Write the current page's non-default values (and classroom mode) into the URL."""
    page: Page | None = st.session_state.get(PAGE_OBJECT)
    params: dict[str, list[str]] = {}
    if classroom_on():
        params[CLASSROOM] = ["1"]
    slug = None
    if page is not None and page.spec.slug == st.session_state.get(CURRENT):
        slug = page.spec.slug
        for name, value in page.url_values().items():
            params[name] = value
        for name, value in lesson_mode.url_params(slug).items():
            params[name] = [value]
    # Written when the browser's URL or our last write differs: a rerun that interrupts
    # another can arrive with a URL older than the one the interrupted run wrote, and
    # then the browser would keep a stale link.
    if _link_params() != params or st.session_state.get(WRITTEN) != (slug, params):
        st.query_params.from_dict(params)
    st.session_state[WRITTEN] = (slug, params)


# --------------------------------------------------------------------------- the page


class Page:
    """One run of one page: its spec, its values so far and its place on the screen."""

    def __init__(self, spec: PageSpec):
        self.spec = spec
        self.classroom = classroom_on()
        self.dark = theme_is_dark()
        self.phone = on_a_phone()
        self.values = Values()
        self.rendered: dict[str, Any] = {}
        self._notice_box = None
        self._lesson_box = None
        self._finished = False
        self._live_charts = False  # whether a figure of this run was drawn as a live chart

    # ----- controls

    def peek(self) -> None:
        """Fill ``values`` with what every control holds now (conditions may read any)."""
        pending = st.session_state.get(PENDING, {}).get(self.spec.slug, {})
        memory = _memory(self.spec.slug)
        for control in self.spec.controls:
            if control.name in self.values or control.name not in self.spec.defaults:
                continue
            key = self.spec.key(control.name)
            value = self.spec.defaults[control.name]
            if key in st.session_state:
                value = st.session_state[key]
            elif control.name in pending and not control.dynamic:
                try:
                    value = control.parse(pending[control.name])
                except ValueError:
                    pass
            elif control.name in memory:
                value = memory[control.name]
            self.values[control.name] = value

    def controls(self, section: str = "top") -> Values:
        """Render the section's controls (main row first, then the sidebar); their values."""
        chosen = [c for c in self.spec.controls if c.section == section]
        main = [c for c in chosen if c.where == "main"]
        if main:
            self._main_row(main)
        sidebar = [c for c in chosen if c.where == "sidebar"]
        if sidebar:
            with st.sidebar:
                self._sidebar(sidebar)
        return self.values

    def control(self, name: str, **bounds: Any) -> Any:
        """Render one control here, with bounds set at run time (``low``, ``high``,
        ``options``, ``values``, ``default``)."""
        return self._render(self.spec.control(name), st.container(), bounds)

    def _main_row(self, controls: Sequence[Control]) -> None:
        visible = [c for c in controls if self._shows(c)]
        for control in controls:
            if control not in visible:
                self._keep(control)
        if not visible:
            return
        # Up to three cells per row: wide enough for a slider's label on a projector.
        cells = main_cells(visible)
        for start in range(0, len(cells), 3):
            row = cells[start : start + 3]
            columns = st.columns(len(row), gap="medium")
            for column, cell in zip(columns, row, strict=True):
                for control in cell:
                    self._render(control, column, {})

    def _sidebar(self, controls: Sequence[Control]) -> None:
        groups: dict[str | None, Any] = {}
        for control in controls:
            if not self._shows(control):
                self._keep(control)
                continue
            if control.group is None:
                place = st.container()
            else:
                if control.group not in groups:
                    groups[control.group] = st.expander(control.group, expanded=not self.classroom)
                place = groups[control.group]
            self._render(control, place, {})

    def _shows(self, control: Control) -> bool:
        if self.classroom and control.secondary:
            return False
        return control.is_visible(self.values)

    def _default(self, control: Control, bounds: Mapping[str, Any]) -> Any:
        if "default" not in bounds:
            return self.spec.defaults[control.name]
        default = bounds["default"]
        if control.accepts(default, **bounds):
            return default
        # A default computed at run time (e.g. λ_1se) snaps to the nearest offered value.
        text = control.to_url(default)
        try:
            return control.parse([text] if isinstance(text, str) else text, **bounds)
        except (LinkValueError, TypeError, ValueError):
            return default

    def _keep(self, control: Control, bounds: Mapping[str, Any] | None = None) -> Any:
        """A control that is not drawn: its link value, remembered value or default.

        A control hidden in classroom mode still shapes the figure, so it stays in the URL
        (a shared link shows the same view); one hidden by a condition does not.
        """
        bounds = bounds or {}
        value = self._initial(control, bounds)
        self.values[control.name] = value
        if self.classroom and control.secondary and control.is_visible(self.values):
            self.rendered[control.name] = (control, bounds)
        return value

    def _initial(self, control: Control, bounds: Mapping[str, Any]) -> Any:
        slug = self.spec.slug
        pending = st.session_state.get(PENDING, {}).get(slug, {})
        default = self._default(control, bounds)
        if control.name in pending:
            raws = pending.pop(control.name)
            try:
                value = control.parse(raws, **bounds)
            except ValueError as problem:  # LinkValueError, or any parse slip
                label = shown(control.label_for(self.values))
                _notice(
                    self.spec,
                    f"The link's value `{shown(', '.join(raws))}` for “{label}” cannot be "
                    f"used ({problem}), so the page shows its default.",
                )
                value = default
            _memory(slug)[control.name] = value
            return value
        remembered = _memory(slug).get(control.name, default)
        return remembered if control.accepts(remembered, **bounds) else default

    def _render(self, control: Control, place: Any, bounds: Mapping[str, Any]) -> Any:
        key = self.spec.key(control.name)
        if self.classroom and control.secondary or not control.is_visible(self.values):
            return self._keep(control, bounds)
        state = st.session_state
        if key not in state or not control.accepts(state[key], **bounds):
            state[key] = self._initial(control, bounds)
        else:
            # A link may still name it (a control drawn after the one the link fixed).
            pending = state.get(PENDING, {}).get(self.spec.slug, {})
            if control.name in pending:
                state[key] = self._initial(control, bounds)
        with place:
            value = RENDERERS[control.kind](control, key, self, bounds)
        _memory(self.spec.slug)[control.name] = value
        self.values[control.name] = value
        self.rendered[control.name] = (control, bounds)
        return value

    def url_values(self) -> dict[str, list[str]]:
        """Values shown on screen that differ from their default, as URL text."""
        out: dict[str, list[str]] = {}
        for name, (control, bounds) in self.rendered.items():
            if not control.url:
                continue
            value = self.values[name]
            if value == self._default(control, bounds):
                continue
            text = control.to_url(value)
            out[name] = [text] if isinstance(text, str) else list(text)
        return out

    # ----- presets, reset

    def presets(self) -> None:
        """One button per preset: the page jumps to that full state."""
        names = list(self.spec.presets)
        if not names:
            return
        per_row = 3 if self.classroom else 4  # full names, also on a projector
        columns = [
            column
            for start in range(0, len(names), per_row)
            for column in st.columns(min(per_row, len(names) - start))
        ]
        for index, (column, name) in enumerate(zip(columns, names, strict=True)):
            column.button(
                name,
                key=f"{self.spec.slug}_preset_{index}",
                on_click=apply_state,
                args=(self.spec, self.spec.preset_values(name)),
                help=self.spec.preset_help.get(name, "Set every control to this example."),
                use_container_width=True,
            )

    # ----- computing and showing

    def run(
        self,
        compute: Callable[..., T],
        *args: Any,
        what: str = "",
        hint: str = "Change a setting or press “Reset to defaults”.",
        **kwargs: Any,
    ) -> T:
        """``compute(*args, **kwargs)``, or a plain message and the end of the page.

        A ``ValueError`` is a setting the computation refuses: its sentence is shown, then
        ``hint`` (what the visitor can do). Any other exception is logged on the server and
        the visitor reads a short apology — never a traceback.
        """
        try:
            return compute(*args, **kwargs)
        except ValueError as problem:
            prefix = f"{what}: " if what else ""
            st.error(f"{prefix}{problem} {hint}".strip())
        except Exception:  # noqa: BLE001 - a visitor reads a sentence, the log the details
            LOG.exception("regviz: %s failed on %s", compute, self.spec.slug)
            st.error(
                "Something went wrong with these settings. Change a setting or press "
                "“Reset to defaults”; the problem was logged."
            )
        self.finish()
        st.stop()
        raise AssertionError("unreachable")  # pragma: no cover

    def stop(self, message: str, *, kind: str = "info") -> None:
        """End the page early with a message (e.g. "upload a file first"), URL kept."""
        {"info": st.info, "warning": st.warning, "error": st.error}[kind](message)
        self.finish()
        st.stop()

    def figure(
        self,
        fig: Any,
        *,
        key: str,
        alt: str,
        place: Any = None,
        config: Mapping[str, Any] | None = None,
    ) -> None:
        """Draw a plotly figure with the frame's configuration and a live text alternative.

        ``config`` adds to (or overrides) the frame's plotly configuration, e.g.
        ``{"displayModeBar": False}`` for a figure whose title the toolbar would cover.
        A figure whose key is in the spec's ``kept_mounted`` is drawn with
        :func:`regviz.ui.live_chart.live_chart`, which the browser updates in place instead
        of drawing anew (see that module).
        """
        target = place if place is not None else st
        config = {**PLOTLY_CONFIG, **(config or {})}
        config["toImageButtonOptions"] = {
            **PLOTLY_CONFIG["toImageButtonOptions"],
            "format": FIGURE_FORMATS.get(st.session_state.get(FIGURE_FORMAT, "PNG"), "png"),
            "filename": f"regviz-{self.spec.slug}-{key}",
        }
        # Coloured as plain data, on a copy: cheaper than through plotly's objects, and a
        # figure that visitors share (a page's st.cache_resource) is never changed.
        spec = readable_spec(fig.to_dict(), dark=self.dark)
        if key in self.spec.kept_mounted:
            self._live_charts = True
            live_chart(spec, key=f"{self.spec.slug}_{key}", alt=alt, config=config, place=place)
        else:
            drawn = plain_figure(spec)
            target.plotly_chart(drawn, key=f"{self.spec.slug}_{key}", alt=alt, config=config)

    def readouts(
        self, readouts: Sequence[Readout], *, place: Any = None, per_row: int | None = None
    ) -> None:
        """The numbers under a figure, in rows of ``per_row`` columns (all in one row when
        None). A readout's note is shown small under its value, in the text colour."""
        if not readouts:
            return
        target = place if place is not None else st
        per_row = per_row or len(readouts)
        for start in range(0, len(readouts), per_row):
            row = readouts[start : start + per_row]
            for cell, r in zip(target.columns(per_row), row, strict=False):
                cell.metric(
                    r.label,
                    r.value,
                    delta=r.note,
                    delta_color="off",
                    delta_arrow="off",
                    help=r.help,
                )

    def notes(self, text: str, *, place: Any = None) -> None:
        """A computed "What to notice" sentence under a figure (kept back in a lesson step
        until the learner has predicted)."""
        if lesson_mode.hides_answers(self.spec.slug):
            return
        (place if place is not None else st).caption(f"**What to notice.** {text}")

    def download_table(
        self,
        table: Any,
        *args: Any,
        name: str,
        label: str = "Download the numbers (CSV)",
        place: Any = None,
    ) -> None:
        """Offer a table of the numbers on screen as a CSV file (for slides and notebooks).

        ``table`` is a DataFrame, or a function that makes one from ``args``; a function
        runs only when the visitor presses the button, so a page load builds no table and
        imports no pandas.
        """
        if lesson_mode.hides_answers(self.spec.slug):
            return
        if callable(table):

            def data() -> bytes:
                return table(*args).to_csv(index=True).encode("utf-8")

        else:
            data = table.to_csv(index=True).encode("utf-8")
        target = place if place is not None else st
        target.download_button(
            label,
            data=data,
            file_name=f"regviz-{self.spec.slug}-{name}.csv",
            mime="text/csv",
            key=f"{self.spec.slug}_download_{name}",
            icon=":material/download:",
            on_click="ignore",
        )

    def code(self, snippet: str, *, place: Any = None) -> None:
        """'Show me the code': a runnable snippet that reproduces the numbers on screen."""
        if lesson_mode.hides_answers(self.spec.slug):
            return
        target = place if place is not None else st
        with target.expander("Show me the code", icon=":material/code:"):
            st.code(snippet, language="python")

    def finish(self) -> None:
        """Show the link notices and write the URL (also when the page stops early)."""
        if self._finished:
            return
        self._finished = True
        if self._live_charts:  # they copy Streamlit's theme from it
            theme_carrier()
        self.show_notices()
        lesson_mode.panel(self.spec, self.values, apply_state, self._lesson_box)
        sync_url()

    def done(self) -> None:
        """The end of the page: the next page along the route, notices, the URL."""
        from regviz.ui.specs import next_spec  # the route is data beside the specs

        self.finish()
        following = next_spec(self.spec.slug)
        if following is not None:
            st.divider()
            st.page_link(
                following.path,
                label=f"Next: {following.title} — {following.question}",
                icon=":material/arrow_forward:",
            )

    def show_notices(self) -> None:
        sentences = st.session_state.get(NOTICES, {}).get(self.spec.slug, [])
        if sentences and self._notice_box is not None:
            with self._notice_box:
                for sentence in sentences:
                    st.info(sentence, icon=":material/link_off:")


# Text in the theme's own colours: Streamlit's plotly theme draws ticks and axis titles
# in a grey (#808495) that is only 3.7:1 on white; these reach 12:1 and 18:1.
TEXT_COLOR = {"light": "#31333F", "dark": "#FAFAFA"}
CONTROL_BACKGROUND = {"light": "#F0F2F6", "dark": "#262730"}


def main_cells(controls: Sequence[Control]) -> list[list[Control]]:
    """The main row's cells (three to a row): one control each, except that toggles side
    by side in the spec share a cell (two switches are as tall as one slider), and a
    toggle that would open a row of its own goes under the choice before it (a line
    instead of a row of the page).

    Examples
    --------
    >>> from regviz.ui.controls import Choice, Slider, Toggle
    >>> s = Slider(name="s", label="s", low=0.0, high=1.0, step=0.1)
    >>> a, b = Toggle(name="a", label="a"), Toggle(name="b", label="b")
    >>> c = Choice(name="c", label="c", options={1: "one", 2: "two"})
    >>> def names(cells):
    ...     return [[control.name for control in cell] for cell in cells]
    >>> names(main_cells([s, a, b]))
    [['s'], ['a', 'b']]
    >>> names(main_cells([s, c, a])), names(main_cells([s, s, c, a]))
    ([['s'], ['c'], ['a']], [['s'], ['s'], ['c', 'a']])
    """
    cells: list[list[Control]] = []
    for control in controls:
        if cells and isinstance(control, Toggle) and all(isinstance(c, Toggle) for c in cells[-1]):
            cells[-1].append(control)
        else:
            cells.append([control])
    last = cells[-1] if cells else []
    alone = len(cells) % 3 == 1 and len(last) == 1 and isinstance(last[0], Toggle)
    if alone and len(cells) > 1 and [type(c) for c in cells[-2]] == [Choice]:
        cells[-2:] = [cells[-2] + last]
    return cells


def readable_text(fig: Any, *, dark: bool) -> Any:
    """Give every text of a figure (titles, ticks, legend, annotations, buttons) a colour
    with ≥ 4.5:1 contrast on the theme's background; returns a new figure
    (:func:`readable_spec` applied to ``fig.to_dict()``)."""
    return plain_figure(readable_spec(fig.to_dict(), dark=dark))


def readable_spec(spec: dict, *, dark: bool) -> dict:
    """The text colours of :func:`readable_text` for a figure written as plain data (a
    ``to_dict()``), in place; returns ``spec``. Set as data, without plotly's object model
    (~7 ms a figure).

    Examples
    --------
    >>> spec = readable_spec({"data": [], "layout": {"title": "Loss"}}, dark=True)
    >>> spec["layout"]["title"], spec["layout"]["yaxis"]["tickfont"]
    ({'text': 'Loss', 'font': {'color': '#FAFAFA'}}, {'color': '#FAFAFA'})
    """
    theme = "dark" if dark else "light"
    color = TEXT_COLOR[theme]
    layout = merge_fonts(spec.setdefault("layout", {}), {"color": color})
    for control in [*layout.get("updatemenus", ()), *layout.get("sliders", ())]:
        merge(control, {"bgcolor": CONTROL_BACKGROUND[theme], "font": {"color": color}})
    if has_scene(spec):
        axis = {"tickfont": {"color": color}, "title": {"font": {"color": color}}}
        scene = {"xaxis": axis, "yaxis": axis, "zaxis": axis}
        merge(layout, dict.fromkeys(layout_axes(layout, ("scene",)), scene))
    return spec


def apply_state(spec: PageSpec, values: Mapping[str, Any]) -> None:
    """Put a page into a full state (a preset, a lesson step, reset) before its next run."""
    memory = _memory(spec.slug)
    memory.clear()
    for control in spec.controls:
        st.session_state.pop(spec.key(control.name), None)
        if control.name in values and control.name in spec.defaults:
            if values[control.name] != spec.defaults[control.name]:
                memory[control.name] = values[control.name]
    st.session_state.setdefault(PENDING, {})[spec.slug] = {}
    st.session_state.setdefault(NOTICES, {})[spec.slug] = []


def reset(spec: PageSpec) -> None:
    """Every control of the page back to its default (classroom mode is kept)."""
    apply_state(spec, spec.defaults)


# --------------------------------------------------------------------------- opening


def follow_guard(spec: PageSpec) -> None:
    """A shared link that reached the page before ``app.py`` ran goes through the router.

    On a freshly started server Streamlit runs a deep-linked page file on its own; the
    router then sends the visitor on to the same page with the same link.
    """
    follow_guard_path(spec.path)


def follow_guard_path(path: str) -> None:
    """:func:`follow_guard` for a page without a spec (e.g. the lessons index)."""
    if ROUTER_FLAG not in st.session_state:
        st.session_state[DEEP_LINK] = (path, _link_params())
        st.switch_page("app.py")


def open_page(spec: PageSpec) -> Page:
    """Start a page: guard, classroom styling, title, question, intro, presets, notices."""
    follow_guard(spec)
    lesson_mode.follow()
    _enter(spec)
    page = Page(spec)
    page.peek()
    st.session_state[PAGE_OBJECT] = page
    st.html(css.page_css(classroom=page.classroom))
    st.title(spec.title)
    if page.classroom:
        # One line on a projector: the question opens the explanation.
        with st.expander(f"{spec.question} — what you are looking at"):
            st.markdown(spec.intro)
    else:
        # Closed by default: on a phone an open intro pushes the figure a screen down.
        st.markdown(f"*{spec.question}*")
        with st.expander("What you are looking at"):
            st.markdown(spec.intro)
    page._lesson_box = st.container()
    page._notice_box = st.container()
    with st.sidebar:
        st.button(
            "↺ Reset to defaults",
            key=f"{spec.slug}_reset",
            on_click=reset,
            args=(spec,),
            help="Put every control of this page back to its default value.",
        )
    return page


def after_run() -> None:
    """What the frame does after every page run (called by the router, also on st.stop)."""
    page: Page | None = st.session_state.get(PAGE_OBJECT)
    if page is None:
        return  # the home page, or a page not (yet) built on the frame
    page.finish()


@contextmanager
def section(title: str) -> Iterator[None]:
    """A titled part of a page (a subheader and its content)."""
    st.subheader(title)
    yield


# --------------------------------------------------------------------------- widgets


def _slider(control: Slider, key: str, page: Page, bounds: Mapping[str, Any]) -> Any:
    low, high = bounds.get("low", control.low), bounds.get("high", control.high)
    cast = int if control.integer else float
    return st.slider(
        control.label_for(page.values),
        min_value=cast(low),
        max_value=cast(high),
        step=cast(control.step),
        key=key,
        help=control.help or None,
        format=control.fmt,
        disabled=not control.is_enabled(page.values),
    )


def _log_slider(control: LogSlider, key: str, page: Page, bounds: Mapping[str, Any]) -> Any:
    return st.select_slider(
        control.label_for(page.values),
        options=control.options(**bounds),
        format_func=control.format,
        key=key,
        help=control.help or None,
        disabled=not control.is_enabled(page.values),
    )


def _choice(control: Choice, key: str, page: Page, bounds: Mapping[str, Any]) -> Any:
    options = dict(bounds.get("options", control.options))
    common = {
        "options": list(options),
        "format_func": lambda v: options.get(v, str(v)),
        "key": key,
        "help": control.help or None,
        "disabled": not control.is_enabled(page.values),
    }
    label = control.label_for(page.values)
    if control.widget == "select":
        return st.selectbox(label, **common)
    if control.widget == "segmented":
        chosen = st.segmented_control(label, required=True, **common)
        return chosen if chosen is not None else st.session_state.get(key)
    return st.radio(label, horizontal=control.horizontal, **common)


def _toggle(control: Toggle, key: str, page: Page, bounds: Mapping[str, Any]) -> Any:
    return st.toggle(
        control.label_for(page.values),
        key=key,
        help=control.help or None,
        disabled=not control.is_enabled(page.values),
    )


def _integer(control: Integer, key: str, page: Page, bounds: Mapping[str, Any]) -> Any:
    return st.number_input(
        control.label_for(page.values),
        min_value=control.low,
        max_value=control.high,
        step=control.step,
        key=key,
        help=control.help or None,
        disabled=not control.is_enabled(page.values),
    )


def _steps(control: Steps | Range, key: str, page: Page, bounds: Mapping[str, Any]) -> Any:
    # A two-handled slider is told by its value being a pair: give it the pair it holds.
    pair = {"value": tuple(st.session_state[key])} if isinstance(control, Range) else {}
    value = st.select_slider(
        control.label_for(page.values),
        options=list(bounds.get("values", control.values)),
        **pair,
        format_func=control.fmt or str,
        key=key,
        help=control.help or None,
        disabled=not control.is_enabled(page.values),
    )
    return tuple(value) if isinstance(control, Range) else value


def _many(control: Many, key: str, page: Page, bounds: Mapping[str, Any]) -> Any:
    return tuple(
        st.multiselect(
            control.label_for(page.values),
            options=list(bounds.get("options", control.options)),
            key=key,
            help=control.help or None,
            disabled=not control.is_enabled(page.values),
        )
    )


RENDERERS: dict[str, Callable[..., Any]] = {
    "slider": _slider,
    "log_slider": _log_slider,
    "choice": _choice,
    "toggle": _toggle,
    "integer": _integer,
    "steps": _steps,
    "range": _steps,
    "many": _many,
}
