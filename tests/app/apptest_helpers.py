"""Shared helpers for the AppTest suites: every test starts the real app.py.

Import them in a test module with ``from apptest_helpers import open_page, plotly_specs``.
The checks every page's AppTest makes (presets, reset, links, ...) are in ``page_checks``.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
from streamlit.testing.v1 import AppTest

from regviz.ui import live_chart
from regviz.ui.controls import Control
from regviz.ui.spec import PageSpec

APP_PATH = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(page: str | None = None, *, query: dict[str, str] | None = None) -> AppTest:
    """Run app.py and switch to ``page`` (e.g. ``"pages/geometry.py"``); return the AppTest."""
    at = AppTest.from_file(APP_PATH, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def charts(at: AppTest) -> list[Any]:
    """Every figure on the page, in order: the plotly charts and the charts the frame keeps
    mounted in the browser (:mod:`regviz.ui.live_chart`); not the hidden chart that only
    carries the theme (:func:`regviz.ui.live_chart.theme_carrier`)."""
    return [
        element
        for element in (*at.main, *at.sidebar)
        if (element.type == "plotly_chart" and element.key != live_chart.THEME_CHART_KEY)
        or (element.type == "bidi_component" and element.proto.component_name in live_chart.NAMES)
    ]


def _payload(chart: Any) -> dict:
    return json.loads(chart.proto.bytes)  # live_chart.figure_payload: UTF-8 JSON bytes


def chart_spec(chart: Any) -> str:
    """A figure's JSON (a live chart's: the figure in the component's data)."""
    if chart.type == "plotly_chart":
        return chart.proto.spec
    return json.dumps(_payload(chart)["figure"], separators=(",", ":"))


def chart_alt(chart: Any) -> str:
    """A figure's text alternative."""
    return chart.proto.alt if chart.type == "plotly_chart" else _payload(chart)["alt"]


def chart_config(chart: Any) -> dict:
    """A figure's plotly configuration (toolbar, download format)."""
    return (
        json.loads(chart.proto.config)
        if chart.type == "plotly_chart"
        else _payload(chart)["config"]
    )


def plotly_specs(at: AppTest) -> list[str]:
    """The JSON spec of every figure on the page, in order."""
    return [chart_spec(chart) for chart in charts(at)]


def notes(at: AppTest) -> list[str]:
    """Every caption and markdown text on the page (where "What to notice" lives)."""
    return [c.value for c in at.caption] + [m.value for m in at.markdown]


def open_clean(page: str, query: dict[str, str] | None = None) -> AppTest:
    """:func:`open_page`, asserting that the page ran without an exception."""
    at = open_page(page, query=query)
    assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> list[dict]:
    """Every plotly chart on the page as a figure dictionary, in order."""
    return [json.loads(spec) for spec in plotly_specs(at)]


def figure(at: AppTest, index: int = 0) -> dict:
    """One plotly chart on the page as a figure dictionary."""
    specs = plotly_specs(at)
    assert specs, "the page draws no plotly figure"
    return json.loads(specs[index])


def what_to_notice(at: AppTest) -> str:
    """The page's "What to notice" text."""
    return next(text for text in notes(at) if "What to notice" in text)


def decoded(values: object) -> np.ndarray:
    """A trace's array as floats, from what plotly ships: a list or a base64 typed array."""
    if isinstance(values, dict) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        return array.astype(float)
    return np.asarray(values, dtype=float)


def assert_light(at: AppTest, max_bytes: int) -> None:
    """Every figure on the page is at most ``max_bytes`` of JSON."""
    for spec in plotly_specs(at):
        assert len(spec) <= max_bytes, f"a figure of {len(spec):,} bytes"


def assert_inert_notices(at: AppTest, query: dict[str, str]) -> None:
    """A tampered link gave at least one notice, each short and inert: the link's values
    appear only inside code spans, so no image, link or HTML is rendered."""
    notices = [info.value for info in at.info]
    assert notices, f"no notice for {query}"
    for text in notices:
        assert len(text) < 400
        outside = re.sub(r"`[^`]*`", "", text)
        assert "![" not in outside and "<script>" not in outside and "](" not in outside


def run_snippet(at: AppTest, containing: str = "") -> dict[str, Any]:
    """Run the page's "show me the code" snippet (the first code block that contains
    ``containing``) as a student would paste it; return the variables it defines."""
    code = next(block.value for block in at.code if containing in block.value)
    namespace: dict[str, Any] = {}
    exec(compile(code, "snippet", "exec"), namespace)
    return namespace


# --------------------------------------------------------------------------- controls

# The AppTest widget list each kind of control is drawn in (RENDERERS in regviz/ui/frame.py).
WIDGETS = {
    "slider": "slider",
    "log_slider": "select_slider",
    "steps": "select_slider",
    "range": "select_slider",
    "toggle": "toggle",
    "integer": "number_input",
    "many": "multiselect",
}
CHOICE_WIDGETS = {"radio": "radio", "select": "selectbox", "segmented": "segmented_control"}


def widget_kind(control: Control) -> str:
    """The AppTest widget list a control is drawn in (``"slider"``, ``"radio"``, …)."""
    if control.kind == "choice":
        return CHOICE_WIDGETS[control.widget]
    return WIDGETS[control.kind]


def control_widget(at: AppTest, spec: PageSpec, name: str):
    """The widget of control ``name`` (a KeyError when the page does not draw it)."""
    return getattr(at, widget_kind(spec.control(name)))(key=spec.key(name))


def drawn_values(at: AppTest, spec: PageSpec) -> dict[str, Any]:
    """What every control the page draws shows (a range as a tuple), by control name."""
    values = {}
    for control in spec.controls:
        key = spec.key(control.name)
        for widget in at.get(widget_kind(control)):
            if widget.key == key:
                value = widget.value
                values[control.name] = tuple(value) if isinstance(value, list) else value
    return values


def assert_shown(name: str, shown: Any, expected: Any) -> None:
    """A control shows the value expected (an on/off switch: that very bool)."""
    assert shown == expected, f"{name} shows {shown!r}, not {expected!r}"
    if isinstance(expected, bool):
        assert shown is expected, name
