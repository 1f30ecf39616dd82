"""A plotly chart that stays mounted in the browser while its figure changes.

``st.plotly_chart`` names its element after the figure's JSON, so the browser throws the
old chart away and draws a new one whenever a setting changes it. For a 3-D figure that
means a new WebGL context per panel per slider move: in headless Chromium a remount of
the Three coefficients page's two panels costs ~1.7 CPU-s against ~0.3 CPU-s for an
update in place (``Plotly.react``), and it resets the camera the visitor had turned.

:func:`live_chart` draws the figure with an ``st.components.v2`` component whose identity
is its key alone: it mounts once, and each rerun hands it the new figure, which it draws
with ``Plotly.react`` into the same element (same WebGL context, same camera, through
the figure's ``uirevision``). A trace sent exactly as at the last update is handed back
to plotly as the object it already holds, so plotly recalculates only what changed (a
Steps move on the Optimizer page changes only its method figures' frames: together with
leaving the template out of the payload, browser CPU per move 0.66 → 0.60, median of 12
moves each, measured 2026-12-02). It uses the plotly.js that Streamlit's own chart loads
(``window.Plotly``), so nothing is downloaded twice: when no ordinary chart on the page
has loaded that code yet, the component loads the same file (:func:`plotly_chunk`).

A 3-D scene of plotly.js keeps a requestAnimationFrame loop running while the page stands
still (~9 % of a core of a headless Chromium for the two panels of Three coefficients, 0 %
with it stopped): the component stops each scene a second after the figure last changed or
the visitor last touched it, and draws it frame by frame again while they turn it
(plotly.js draws a new figure itself).

It looks like Streamlit's own charts: Streamlit themes a chart in the browser by merging
its theme into the figure's template (and bolding the title), so the component copies the
template of an ordinary chart on the same page. The frame draws one for that purpose at
the end of every page that has a live chart, hidden and never changing
(:func:`theme_carrier`), so that every figure that changes can be a live chart: an
ordinary chart that changes is drawn anew at each move (with both of its panels live, a
β̂ move on the Bayesian page went from 1.01 to 0.83 browser CPU-s, measured 2026-12-01). A
page where no ordinary chart is found gets an approximation (the theme's font, a bold
title on the left, a transparent background).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from regviz.figures.common import has_scene

NAME = "regviz_live_chart"
"""The component's name (unique in the app); with ``_3d`` appended, its 3-D variant."""

NAMES = (NAME, f"{NAME}_3d")
"""The names of both variants: for figures without and with a 3-D scene."""

CLASS = "regviz-live-chart"
"""The class of the element the figure is drawn in (the browser tests look for it)."""

HTML = f'<div class="{CLASS}" role="img"></div>'

CSS = f".{CLASS} {{ width: 100%; }}"

THEME_KEY = "regviz-theme"
"""The key of the hidden chart that carries Streamlit's theme (:func:`theme_carrier`); its
container has the class ``st-key-regviz-theme``, which the frame's style hides."""

THEME_CHART_KEY = f"{THEME_KEY}-chart"
"""The carrier chart's own key."""

THEME_FIGURE: dict[str, Any] = {
    "data": [],
    "layout": {"height": 20, "xaxis": {"visible": False}, "yaxis": {"visible": False}},
}

# The default export runs at mount and again whenever ``data`` changes; the element in
# ``parentElement`` is the same each time, so Plotly.react updates it in place.
JS = r"""
export default function ({ data: sent, parentElement }) {
  const box = parentElement.querySelector("div.__CLASS__");
  if (!box || !sent) return;
  // The payload comes as UTF-8 JSON bytes (see figure_payload).
  const bytes = sent instanceof ArrayBuffer || ArrayBuffer.isView(sent);
  const data = bytes ? JSON.parse(new TextDecoder().decode(sent)) : sent;
  box.regvizData = data;  // a draw that waited for plotly.js draws the newest figure
  box.setAttribute("aria-label", data.alt || "");
  box.style.height = `${data.height}px`;
  if (!window.Plotly && data.chunk && !window.regvizPlotly) {
    // Load Streamlit's chart code (which sets window.Plotly) now, in case no ordinary
    // chart on the page has asked for it yet; its URL is relative to the app's bundle.
    const bundle = [...document.scripts].find((s) => /\/static\/js\/index\.[^/]*\.js$/.test(s.src));
    if (bundle) {
      const url = new URL("./" + data.chunk, bundle.src).href;
      window.regvizPlotly = import(url).catch(() => null);
    }
  }
  // Streamlit themes each of its own charts by merging its theme into the figure's
  // template; any ordinary chart on the page therefore carries the template to copy.
  // The copy is kept while the theme stays the same: a new template object at every update
  // would make Plotly.react redraw the whole chart.
  const themeTemplate = () => {
    for (const gd of document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')) {
      if (!gd.layout || !gd.layout.template) continue;
      const text = JSON.stringify(gd.layout.template);
      const kept = window.regvizTheme;
      if (kept && kept.text === text) return kept.template;
      window.regvizTheme = { text: text, template: JSON.parse(text) };
      return window.regvizTheme.template;
    }
    return null;
  };
  __SCENES__
  let waited = 0;  // tenths of a second spent waiting for a theme, once plotly.js is here
  const draw = () => {
    const Plotly = window.Plotly;  // set by the plotly.js bundle of Streamlit's own chart
    if (!Plotly) {
      box.regvizWaits = (box.regvizWaits || 0) + 1;
      if (box.regvizWaits === 300) {
        // 30 s without plotly.js (a Streamlit that no longer ships it this way): say so.
        box.textContent = "This figure could not be drawn: its plotting code did not "
          + "load. Reload the page.";
      }
      setTimeout(draw, 100);
      return;
    }
    if (box.regvizWaits >= 300) box.textContent = "";
    box.regvizWaits = 0;
    // Wait for an ordinary chart on the page to carry the theme (a first drawing without
    // it would change its look at the next update): the frame draws one at the end of each
    // page with a live chart (theme_carrier); where none shows up within 3 s, the
    // approximation.
    const template = themeTemplate();
    const ordinary = document.querySelector('[data-testid="stPlotlyChart"]');
    if (!template && waited < (ordinary ? 600 : 30)) {
      waited += 1;
      setTimeout(draw, 100);
      return;
    }
    const latest = box.regvizData;
    const figure = latest.figure;
    const layout = Object.assign({}, figure.layout);
    layout.autosize = true;
    if (template) {
      // Exactly as Streamlit themes its own charts: its template, and a bold title.
      layout.template = template;
      const title = Object.assign({}, layout.title);
      if (typeof title.text === "string") title.text = `<b>${title.text}</b>`;
      layout.title = title;
    } else {
      // No ordinary chart on the page: the same look, approximately.
      layout.paper_bgcolor = layout.paper_bgcolor || "rgba(0,0,0,0)";
      layout.font = Object.assign({ family: getComputedStyle(box).fontFamily }, layout.font);
      layout.title = Object.assign({ x: 0, xanchor: "left", pad: { l: 4 } }, layout.title);
      layout.title.font = Object.assign({ weight: "bold" }, layout.title.font);
      const app = document.querySelector(".stApp") || document.body;
      const background = getComputedStyle(app).backgroundColor;
      layout.hoverlabel = Object.assign({ bgcolor: background }, layout.hoverlabel);
    }
    // Plotly.react recalculates and redraws a whole figure when any data array is a new
    // object, and parsed JSON makes every array new. A trace sent exactly as last time is
    // handed back as the object plotly already holds, so an update that changes only the
    // frames or the layout (e.g. the Optimizer's Steps) redraws no trace. Play, the step
    // slider and legend clicks change the held traces: then every trace is taken anew.
    const texts = figure.data.map((trace) => JSON.stringify(trace));
    const held = box.regvizHeld || [];
    const traces = figure.data.map((trace, i) => (
      held[i] && held[i].text === texts[i] ? held[i].trace : trace));
    box.regvizHeld = traces.map((trace, i) => ({ text: texts[i], trace: trace }));
    unstop();  // a stopped scene would ignore the new traces
    const drawn = Plotly.react(box, {
      data: traces,
      layout: layout,
      frames: figure.frames || [],
      config: Object.assign({ responsive: true }, latest.config),
    });
    settle(drawn);
    Promise.resolve(drawn).then(() => {
      if (!box.on || box.regvizForgets) return;
      box.regvizForgets = true;
      const forget = () => { box.regvizHeld = []; };
      for (const name of ["plotly_animatingframe", "plotly_sliderchange", "plotly_restyle"]) {
        box.on(name, forget);
      }
    });
    if (!box.regvizResize) {
      box.regvizResize = new ResizeObserver(() => {
        if (!box.layout) return;
        unstop();
        settle(Plotly.Plots.resize(box));
      });
      box.regvizResize.observe(box);
    }
  };
  draw();
}
"""

# A 3-D scene of plotly.js checks for something to draw from a requestAnimationFrame loop
# for as long as it lives: ~9 % of a core in headless Chromium with the page standing
# still. Each scene is stopped once the chart has been still for a second; it draws frame
# by frame again while the visitor turns, zooms or points at it. A plotly.js without this
# loop's flag is left as it is. Only figures with a 3-D scene get this code (it travels
# with every update of every live chart).
RESTING_SCENES_JS = r"""
  const scenes = () => {
    const full = box._fullLayout;
    const ids = (full && full._subplots && full._subplots.gl3d) || [];
    return ids.map((id) => full[id] && full[id]._scene && full[id]._scene.glplot)
      .filter((gl) => gl && typeof gl._stopped === "boolean" && typeof gl.redraw === "function");
  };
  const rest = () => {
    if (box.regvizAnimating) return restSoon(1000);  // ▶ Play's frames draw the scenes
    box.regvizHandled = false;
    for (const gl of scenes()) {
      if (!gl._stopped) { gl._stopped = true; gl.regvizResting = true; }
    }
  };
  const restSoon = (ms) => {
    clearTimeout(box.regvizRest);
    box.regvizRest = setTimeout(rest, ms);
  };
  const unstop = () => {
    for (const gl of scenes()) {
      if (!gl.regvizResting) continue;
      gl._stopped = false;
      gl.regvizResting = false;
      gl.regvizOwned = true;
    }
  };
  // plotly.js draws a scene itself at the end of each update (Plotly.react, a resize) and
  // of each animation frame; the scenes stay awake from the first frame to the last.
  const settle = (promise) => Promise.resolve(promise).then(() => {
    if (box.on && !box.regvizFollowsAnimation) {
      box.regvizFollowsAnimation = true;
      box.on("plotly_animating", () => { box.regvizAnimating = true; unstop(); });
      const done = () => { box.regvizAnimating = false; restSoon(1000); };
      box.on("plotly_animated", done);
      box.on("plotly_animationinterrupted", done);
    }
    restSoon(1000);
  });
  const handle = () => {
    unstop();
    restSoon(800);
    if (box.regvizHandled) return;
    box.regvizHandled = true;
    const frame = () => {
      if (!box.regvizHandled) return;
      // Only the scenes stopped once: a new scene still runs its own loop.
      for (const gl of scenes()) if (gl.regvizOwned && !gl._stopped) gl.redraw();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  if (!box.regvizListens) {
    box.regvizListens = true;
    const kinds = ["pointerdown", "pointermove", "wheel", "touchstart", "touchmove", "keydown"];
    for (const kind of kinds) {
      box.addEventListener(kind, handle, { capture: true, passive: true });
    }
    // A drag that leaves the chart still turns it until the button is released.
    box.addEventListener("pointerdown", () => {
      const end = () => {
        window.removeEventListener("pointermove", handle, true);
        window.removeEventListener("pointerup", end, true);
        handle();
      };
      window.addEventListener("pointermove", handle, true);
      window.addEventListener("pointerup", end, true);
    }, { capture: true, passive: true });
  }
"""

# A figure without a 3-D scene has nothing to wake or put to rest.
NO_SCENES_JS = """
  const unstop = () => {};
  const settle = () => {};
"""


def script(*, three_d: bool) -> str:
    """The component's code, with the 3-D scenes' resting code or without it.

    Examples
    --------
    >>> len(script(three_d=True)) > len(script(three_d=False))
    True
    """
    scenes = RESTING_SCENES_JS if three_d else NO_SCENES_JS
    return JS.replace("__CLASS__", CLASS).replace("  __SCENES__\n", scenes.lstrip("\n"))


DEFAULT_HEIGHT = 450
"""Pixels, for a figure that does not set its own height (plotly's default)."""


@functools.cache  # the same file for the life of the process
def plotly_chunk() -> str | None:
    """The file name of Streamlit's chart code in its frontend bundle (which defines
    ``window.Plotly``), or None if this Streamlit has no such file.

    Examples
    --------
    >>> name = plotly_chunk()
    >>> name is None or (name.startswith("PlotlyChart.") and name.endswith(".js"))
    True
    """
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    found = sorted(folder.glob("PlotlyChart.*.js"))
    return found[0].name if found else None


def compact(script: str) -> str:
    r"""A script without its comments and indentation: the component's code travels with
    every update of every live chart.

    Examples
    --------
    >>> print(compact("  const a = 1;  // why\n  // a note\n\n  return a;"))
    const a = 1;
    return a;
    """
    lines = (line.split(" // ")[0].strip() for line in script.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


@functools.cache  # one registration per process and variant
def _renderer(three_d: bool) -> Any:
    return st.components.v2.component(
        NAMES[three_d],
        html=HTML,
        css=CSS,
        js=compact(script(three_d=three_d)),
        isolate_styles=False,
    )


def figure_payload(fig: Any, *, alt: str, config: Mapping[str, Any]) -> bytes:
    """What the browser side receives, as UTF-8 JSON: the figure (a ``go.Figure``, or its
    ``to_dict()``) as plotly serializes it, but without its ``layout.template``; its
    height in pixels, its text alternative and the chart configuration.

    The browser side puts the template of Streamlit's theme in its place (or, with no
    ordinary chart to copy it from, plotly.js's plain defaults), so the ~3.7 kB template
    that plotly.py puts in every figure would be sent at every update for nothing. Sent as
    bytes, Streamlit forwards it as it is, without walking and re-encoding the figure.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> payload = figure_payload(go.Figure(go.Scatter(x=[0, 1], y=[1, 0])), alt="A line.",
    ...                          config={"displaylogo": False})
    >>> decoded = json.loads(payload)
    >>> decoded["figure"]["data"][0]["type"], decoded["height"], decoded["alt"]
    ('scatter', 450, 'A line.')
    >>> "template" in decoded["figure"]["layout"]
    False
    """
    figure = dict(fig) if isinstance(fig, Mapping) else fig.to_dict()
    layout = {name: value for name, value in figure.get("layout", {}).items() if name != "template"}
    figure["layout"] = layout
    height = layout.get("height")
    spec = pio.to_json(figure, validate=False)
    about = {
        "height": int(height or DEFAULT_HEIGHT),
        "alt": alt,
        "config": dict(config),
        "chunk": plotly_chunk(),
    }
    return ('{"figure":' + spec + "," + json.dumps(about, separators=(",", ":"))[1:]).encode()


def live_chart(
    fig: Any, *, key: str, alt: str, config: Mapping[str, Any], place: Any = None
) -> None:
    """Draw ``fig`` in a chart that the browser keeps mounted across reruns (see the module).

    ``key`` names the chart for the whole session: the same key, the same element.
    """
    payload = figure_payload(fig, alt=alt, config=config)
    with place if place is not None else st.container():
        _renderer(has_scene(fig))(data=payload, key=key)


def theme_carrier() -> None:
    """An ordinary chart that never changes, for the live charts to copy the theme from.

    Streamlit merges its theme (light or dark, and whatever the visitor picks) into an
    ordinary chart's template in the browser; a live chart copies that template. Its figure
    is the same at every rerun, so the browser never draws it again; the frame's style
    hides it (``regviz.ui.css``), from the eye and from screen readers.
    """
    with st.container(key=THEME_KEY):
        st.plotly_chart(
            go.Figure(THEME_FIGURE),
            key=THEME_CHART_KEY,
            config={"staticPlot": True, "displayModeBar": False},
        )
