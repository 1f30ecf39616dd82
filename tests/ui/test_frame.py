"""The page frame on a small declared page: controls, links, ranges, reset (AppTest)."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from regviz.ui.frame import TEXT_COLOR
from regviz.ui.live_chart import THEME_CHART_KEY

DEMO = """
import streamlit as st
from regviz.ui import frame
from regviz.ui.controls import Integer, LogSlider, Range, Slider
from regviz.ui.spec import PageSpec, from_log10

st.session_state[frame.ROUTER_FLAG] = True  # as if app.py had routed here
SPEC = PageSpec(
    "demo", "Demo", ":material/home:", "Does the frame work?", "A page of controls.",
    controls=[
        Slider(name="t", label="t", low=0.0, high=5.0, step=0.05, where="main"),
        LogSlider(name="lam", label="λ", low=0.01, high=10.0, zero=True),
        Range(name="kappa", label="κ", values=(1.0, 2.0, 5.0, 10.0)),
        Integer(name="seed", label="seed", low=0, high=9999),
    ],
    defaults={"t": 1.0, "lam": 1.0, "kappa": (1.0, 10.0), "seed": 0},
    presets={"small": {"t": 0.5, "kappa": (2.0, 5.0)}},
    legacy_prefix="old_",
    legacy_values={"old_loglam": ("lam", from_log10)},
)
page = frame.open_page(SPEC)
v = page.controls()
st.write(f"values {v.t} {v.lam} {v.kappa} {v.seed}")
page.presets()
page.finish()
"""


def _demo(tmp_path: Path, query: dict | None = None) -> AppTest:
    script = tmp_path / "demo.py"
    script.write_text(DEMO)
    at = AppTest.from_file(str(script), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def _values(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("values"))


def test_defaults_then_url_follows_every_change(tmp_path):
    at = _demo(tmp_path)
    assert _values(at) == "values 1.0 1.0 (1.0, 10.0) 0"
    assert dict(at.query_params) == {}
    at.slider(key="demo_t").set_value(2.5).run()
    at.select_slider(key="demo_kappa").set_range(2.0, 5.0).run()
    assert _values(at) == "values 2.5 1.0 (2.0, 5.0) 0"
    assert at.query_params["t"] == "2.5"
    assert at.query_params["kappa"] == ["2", "5"]


def test_a_link_opens_the_same_values_old_spellings_included(tmp_path):
    at = _demo(tmp_path, {"t": "2.5", "kappa": ["2", "5"], "old_loglam": "-1", "old_seed": "7"})
    assert _values(at) == "values 2.5 0.1 (2.0, 5.0) 7"
    assert not at.info


def test_bad_link_values_fall_back_with_an_inert_notice(tmp_path):
    at = _demo(tmp_path, {"t": "1e400", "seed": "9" * 400, "kappa": "banana", "x": "![a](b)"})
    assert _values(at) == "values 1.0 1.0 (1.0, 10.0) 0"
    notices = " ".join(info.value for info in at.info)
    assert "`x`" in notices and "Random" not in notices
    assert "9" * 50 not in notices  # long values are shortened


def test_preset_is_a_full_state_and_reset_restores_defaults(tmp_path):
    at = _demo(tmp_path, {"seed": "42"})
    at.button(key="demo_preset_0").click().run()
    assert _values(at) == "values 0.5 1.0 (2.0, 5.0) 0"
    at.button(key="demo_reset").click().run()
    assert _values(at) == "values 1.0 1.0 (1.0, 10.0) 0"
    assert dict(at.query_params) == {}


def test_classroom_keeps_hidden_secondary_values_in_the_link(tmp_path):
    script = tmp_path / "demo.py"
    script.write_text(
        DEMO.replace('Integer(name="seed", label="seed", low=0, high=9999)',
                     'Integer(name="seed", label="seed", low=0, high=9999, secondary=True)')
        .replace("st.session_state[frame.ROUTER_FLAG] = True",
                 "st.session_state[frame.ROUTER_FLAG] = True\n"
                 "st.session_state[frame.CLASSROOM_ON] = True")
    )  # fmt: skip
    at = AppTest.from_file(str(script), default_timeout=60)
    at.query_params["seed"] = "7"
    at.run()
    assert not at.exception
    assert not at.number_input  # hidden in classroom mode ...
    assert _values(at).endswith(" 7") and at.query_params["seed"] == "7"  # ... still in the link


def test_old_links_keep_the_defaults_they_were_made_with(tmp_path):
    script = tmp_path / "demo.py"
    script.write_text(
        DEMO.replace('legacy_prefix="old_",', 'legacy_prefix="old_", legacy_defaults={"seed": 20},')
    )
    at = AppTest.from_file(str(script), default_timeout=60)
    at.query_params["old_t"] = "2"
    at.run()
    assert _values(at) == "values 2.0 1.0 (1.0, 10.0) 20"
    new = AppTest.from_file(str(script), default_timeout=60)
    new.query_params["t"] = "2"
    new.run()
    assert _values(new) == "values 2.0 1.0 (1.0, 10.0) 0"


CHARTS = """
import plotly.graph_objects as go
import streamlit as st
from regviz.ui import frame
from regviz.ui.spec import PageSpec

st.session_state[frame.ROUTER_FLAG] = True  # as if app.py had routed here
SPEC = PageSpec(
    "charts", "Charts", ":material/home:", "Which charts?", "Figures.",
    controls=[], defaults={}, kept_mounted=frozenset({"live"}),
)
page = frame.open_page(SPEC)
page.figure(go.Figure(go.Scatter(x=[0, 1], y=[1, 0])), key="plain", alt="A line.")
if st.query_params.get("live") == "1":
    page.figure(go.Figure(go.Scatter(x=[0, 1], y=[0, 1])), key="live", alt="A line.")
page.finish()
"""


def _carriers(tmp_path: Path, live: bool) -> list:
    script = tmp_path / "charts.py"
    script.write_text(CHARTS)
    at = AppTest.from_file(str(script), default_timeout=60)
    if live:
        at.query_params["live"] = "1"
    at.run()
    assert not at.exception
    return [e for e in at.main if e.type == "plotly_chart" and e.key == THEME_CHART_KEY]


def test_the_theme_carrier_is_drawn_only_with_a_live_chart(tmp_path):
    assert len(_carriers(tmp_path, live=True)) == 1
    assert _carriers(tmp_path, live=False) == []  # an ordinary chart carries its own theme


SHARED = """
import json
import plotly.graph_objects as go
import streamlit as st
from regviz.ui import frame
from regviz.ui.spec import PageSpec

st.session_state[frame.ROUTER_FLAG] = True  # as if app.py had routed here
SPEC = PageSpec(
    "shared", "Shared", ":material/home:", "A shared figure", "Figures.",
    controls=[], defaults={}, kept_mounted=frozenset({"live"}),
)


@st.cache_resource
def shared() -> go.Figure:  # one figure for every visitor, as the 3-D page keeps them
    return go.Figure(go.Scatter(x=[0, 1], y=[1, 0]), layout={"title": "Shared"})


page = frame.open_page(SPEC)
before = shared().to_json()
page.figure(shared(), key="plain", alt="A line.")
page.figure(shared(), key="live", alt="A line.")
st.write("unchanged" if shared().to_json() == before else "changed")
page.finish()
"""


def test_drawing_a_figure_leaves_it_unchanged_for_other_visitors(tmp_path):
    script = tmp_path / "shared.py"
    script.write_text(SHARED)
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception
    assert "unchanged" in [m.value for m in at.markdown]
    # ...and what was drawn still takes the theme's text colour.
    plain = json.loads(next(e for e in at.main if e.type == "plotly_chart").proto.spec)
    assert plain["layout"]["title"]["font"]["color"] in TEXT_COLOR.values()
