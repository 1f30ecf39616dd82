"""Layout audit of every regviz page in a real browser (issue 13), and the page discovery and
settle detection that ``benchmarks/bench_browser.py`` shares (the server and the browser
come from :mod:`e2e_helpers`).

For a page and a setting (classroom 1280×720 with ``?classroom=1``, normal 1440×900, a
390×844 phone, dark 1440×900 with ``prefers-color-scheme: dark``) it measures in the DOM:

1. the first main-column ``stPlotlyChart``'s top y (px, page scrolled to the top), whether
   the figure is above the fold (``top + 0.5·height ≤ viewport height``), and the first
   control (widget) outside the sidebar lying entirely inside the first screen;
2. the smallest computed font size of visible main-column text in prose (``stMarkdown``,
   ``stCaption``, alerts), widget labels (``stWidgetLabel``) and metrics
   (``stMetricValue``/``stMetricLabel``/``stMetricDelta``); KaTeX, ``sub`` and ``sup`` are
   left out (their scripts are small by design);
3. the narrowest plotting area over all visible plotly charts (width of each subplot's
   ``.nsewdrag`` rectangle, i.e. the inner plot area; ``.bglayer rect`` as a fallback) and
   horizontal page overflow (``document.scrollingElement`` or ``stMain`` wider than the
   window);
4. the worst WCAG 2 contrast ratio of any visible text: HTML text against the first
   non-transparent ancestor background (alpha-composited down to the page), SVG text of
   plotly charts (``fill`` × ``fill-opacity``) against the annotation/legend box behind it,
   else the subplot's plot background (``rect.bg``) when the text lies inside a plot area,
   else the paper background (``.main-svg`` background), else the app background behind
   the chart; and whether the app background is dark (relative luminance < 0.2);
5. pairs of visible, non-empty SVG text boxes inside one figure that intersect by more than
   ``OVERLAP_TOL_PX`` in both directions (titles, axis titles, tick labels, annotations,
   legend text); also text that sticks out of its figure and charts that overlap each other;
6. whether a chart's modebar box intersects a title (``.gtitle`` or annotation text);
7. text cut short with "…" (``text-overflow: ellipsis`` on an element narrower than its
   text) in the main column or the open sidebar: a page link, a button, a toggle's label,
   a metric value, a page name in the navigation.

Run as a script it starts ``streamlit run app.py`` from ``--app-dir``, audits every page of
``app.py`` (plus the home page) in the four settings, saves screenshots to
``test-artifacts/layout/<setting>/<page>.png`` (the first screen; with ``--full-screenshots``
also ``<page>-full.png``, the whole page), and writes a Markdown table to ``--out``::

    python tests/e2e/layout_audit.py --app-dir /path/to/checkout --out benchmarks/RESULTS_layout.md

Playwright is imported lazily, so this module imports on a machine without it.
"""

# ruff: noqa: E501 - embedded JavaScript and Markdown table rows read better unwrapped

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from e2e_helpers import CHARTS, StreamlitServer, browser_skip_reason, git_commit, launch_browser

if TYPE_CHECKING:  # pragma: no cover - typing only
    from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "layout"
HOME_NAME = "home"
OVERLAP_TOL_PX = 2.0
SETTLE_TIMEOUT_S = 120.0
# Rules of issue 13, used only to mark table cells (the tool itself asserts nothing).
MIN_TEXT_PX = 20.0  # classroom base text
MIN_PLOT_WIDTH_PX = 280.0  # phone plotting area
MIN_CONTRAST = 4.5


# --- pages and settings ------------------------------------------------------------------


@dataclass(frozen=True)
class PageRef:
    """A page of the app: its url path ("" for home), a short name and its title."""

    name: str
    url_path: str
    title: str
    file: str | None = None


HOME = PageRef(HOME_NAME, "", "Home")


def _page_title(node: ast.AST, file_value: str) -> str | None:
    """The title next to a page file in a tuple/list entry or an ``st.Page(...)`` call."""
    if isinstance(node, ast.Call):
        for keyword in node.keywords:
            if keyword.arg == "title" and isinstance(keyword.value, ast.Constant):
                return str(keyword.value.value)
        elts = node.args
    elif isinstance(node, (ast.Tuple, ast.List)):
        elts = node.elts
    else:
        return None
    strings = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    for value in strings:
        if (
            value != file_value
            and not value.startswith(":material")
            and value != Path(file_value).stem
        ):
            return value
    return None


def read_pages(app_dir: Path | str = ROOT, *, include_home: bool = True) -> list[PageRef]:
    """The pages of a checkout, found in its source (no server needed).

    Every string literal ``pages/<name>.py`` in ``app.py`` is a page, in source order; its
    url path is the file stem (regviz's rule: url path = file name), its title the next
    string in the same tuple/list or the ``title=`` of the ``st.Page`` call around it. When
    ``app.py`` names no page file (the pages are declared elsewhere), every
    ``pages/*.py`` file is a page, in name order. A running app's navigation is more
    authoritative: see :func:`discover_pages`.

    Parameters
    ----------
    app_dir : Path or str
        The checkout holding ``app.py`` and ``pages/``.
    include_home : bool
        Put the home page (url path "") first.

    Returns
    -------
    list[PageRef]

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "app.py").write_text('P = [("pages/geo.py", "Geometry", ":material/x:")]')
    >>> [(p.name, p.url_path, p.title) for p in read_pages(d)]
    [('home', '', 'Home'), ('geo', 'geo', 'Geometry')]
    >>> _ = (d / "app.py").write_text("run_app()")
    >>> (d / "pages").mkdir(); _ = (d / "pages" / "paths.py").write_text("")
    >>> [p.name for p in read_pages(d, include_home=False)]
    ['paths']
    """
    app_dir = Path(app_dir)
    app_file = app_dir / "app.py"
    tree = ast.parse(app_file.read_text(encoding="utf-8"), filename=str(app_file))
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    found: list[tuple[int, int, str, str | None]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.fullmatch(r"pages/[\w\-]+\.py", node.value)
        ):
            parent = parents.get(id(node))
            title = _page_title(parent, node.value) if parent is not None else None
            found.append((node.lineno, node.col_offset, node.value, title))
    if not found:
        found = [
            (0, 0, f"pages/{path.name}", None)
            for path in sorted((app_dir / "pages").glob("*.py"))
            if not path.name.startswith("_")
        ]
    pages: list[PageRef] = [HOME] if include_home else []
    seen: set[str] = set()
    for _, _, file, title in sorted(found):
        if file in seen:
            continue
        seen.add(file)
        stem = Path(file).stem
        pages.append(PageRef(stem, stem, title or stem, file))
    return pages


# The links of the app's navigation (sidebar), after "view more" was opened.
NAV_LINKS_JS = """
() => {
  const seen = new Set();
  const out = [];
  for (const a of document.querySelectorAll(
      '[data-testid="stSidebarNav"] a[href], a[data-testid="stSidebarNavLink"], '
      + '[data-testid="stTopNavLink"] a[href], a[data-testid="stTopNavLink"]')) {
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || seen.has(url.pathname)) continue;
    seen.add(url.pathname);
    // The link's text without its icon (a material icon is a ligature: its name is text).
    const label = a.cloneNode(true);
    label.querySelectorAll('[data-testid="stIconMaterial"], [data-testid="stIconEmoji"]')
      .forEach((icon) => icon.remove());
    out.push({path: url.pathname.replace(/^\\/+|\\/+$/g, ''), title: label.textContent.trim()});
  }
  return out;
}
"""
NAV_MORE_JS = """
() => { const b = document.querySelector('[data-testid="stSidebarNavViewButton"]');
        if (b && /more/i.test(b.innerText)) { b.click(); return true; } return false; }
"""


def pages_from_links(links: list[dict[str, str]]) -> list[PageRef]:
    """Pages from the navigation's links (``NAV_LINKS_JS``): home first, then in order.

    Examples
    --------
    >>> [p.name for p in pages_from_links([{"path": "", "title": "Home"},
    ...                                     {"path": "geometry", "title": "Geometry"}])]
    ['home', 'geometry']
    """
    pages: list[PageRef] = [HOME]
    for link in links:
        path = link["path"]
        if path:
            pages.append(PageRef(path, path, link.get("title") or path))
    return pages


def discover_pages(
    page: Page, server: AppServer, timeout_s: float = SETTLE_TIMEOUT_S
) -> list[PageRef]:
    """The pages the running app's navigation links to (home first); falls back to
    :func:`read_pages` when the navigation shows no links (e.g. hidden navigation)."""
    page.goto(server.url(HOME), wait_until="commit", timeout=timeout_s * 1000)
    wait_settled(page, timeout_s)
    if page.evaluate(NAV_MORE_JS):
        page.wait_for_timeout(300)
    links = page.evaluate(NAV_LINKS_JS)
    return pages_from_links(links) if len(links) > 1 else read_pages(server.app_dir)


def select_pages(pages: list[PageRef], names: str | None) -> list[PageRef]:
    """Keep the pages named in a comma-separated list (url paths, or ``home``).

    Examples
    --------
    >>> ps = [HOME, PageRef("geo", "geo", "Geometry")]
    >>> [p.name for p in select_pages(ps, "geo")]
    ['geo']
    >>> [p.name for p in select_pages(ps, None)]
    ['home', 'geo']
    """
    if not names:
        return list(pages)
    wanted = [n.strip().strip("/") or HOME_NAME for n in names.split(",") if n.strip()]
    by_name = {p.name: p for p in pages}
    missing = [n for n in wanted if n not in by_name]
    if missing:
        raise ValueError(f"no page named {missing}; the app has {sorted(by_name)}")
    return [by_name[n] for n in wanted]


@dataclass(frozen=True)
class Setting:
    """A browser setting to audit a page in: viewport, device and colour scheme."""

    name: str
    width: int
    height: int
    query: str = ""
    device_scale_factor: float = 1.0
    is_mobile: bool = False
    has_touch: bool = False
    color_scheme: str = "light"

    def context_options(self) -> dict[str, Any]:
        """Keyword arguments for ``browser.new_context``."""
        return {
            "viewport": {"width": self.width, "height": self.height},
            "device_scale_factor": self.device_scale_factor,
            "is_mobile": self.is_mobile,
            "has_touch": self.has_touch,
            "color_scheme": self.color_scheme,
        }


SETTINGS: dict[str, Setting] = {
    "classroom": Setting("classroom", 1280, 720, query="classroom=1"),
    "normal": Setting("normal", 1440, 900),
    "phone": Setting("phone", 390, 844, device_scale_factor=3.0, is_mobile=True, has_touch=True),
    "dark": Setting("dark", 1440, 900, color_scheme="dark"),
    # An older XGA projector: classroom mode on 1024×768, where columns are narrowest.
    "xga": Setting("xga", 1024, 768, query="classroom=1"),
}


# --- the server ----------------------------------------------------------------------------


class AppServer(StreamlitServer):
    """``python -m streamlit run app.py`` from ``app_dir`` on a free loopback port.

    ``PYTHONPATH`` starts with ``app_dir`` so the checkout's own ``regviz`` is imported
    (not an editable install of another checkout). The app's ``.streamlit/config.toml``
    applies; nothing else is overridden besides headless, port, address and usage stats.
    """

    def __init__(
        self,
        app_dir: Path | str = ROOT,
        *,
        log_path: Path | None = None,
        startup_timeout: float = 90.0,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        app_dir = Path(app_dir).resolve()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(app_dir), *filter(None, [env.get("PYTHONPATH")])])
        super().__init__(log_path, startup_timeout, app_dir=app_dir, extra_args=extra_args, env=env)

    def check_import(self) -> str:
        """Where ``regviz`` is imported from with the server's environment (must be app_dir)."""
        out = subprocess.run(
            [sys.executable, "-c", "import regviz, sys; sys.stdout.write(regviz.__file__)"],
            cwd=self.app_dir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        where = out.stdout.strip()
        if out.returncode == 0 and not Path(where).resolve().is_relative_to(self.app_dir):
            raise RuntimeError(f"regviz would be imported from {where}, not {self.app_dir}")
        return where


# --- when is a page settled --------------------------------------------------------------

# Counts script runs started since it was installed (attribute changes away from
# "notRunning"), so a wait after a slider move can demand that a rerun happened.
COUNT_RUNS_JS = """
() => {
  window.__rvRuns = 0;
  window.__rvIdleSince = undefined;
  window.__rvSettledAt = undefined;
  const app = document.querySelector('[data-testid="stApp"]');
  if (window.__rvObserver) window.__rvObserver.disconnect();
  if (!app) return;
  window.__rvObserver = new MutationObserver((records) => {
    for (const r of records) if (r.oldValue === 'notRunning') window.__rvRuns += 1;
    if (app.getAttribute('data-test-script-state') !== 'notRunning' && window.__rvRuns === 0)
      window.__rvRuns = 1;
  });
  window.__rvObserver.observe(app, {attributes: true, attributeOldValue: true,
                                    attributeFilter: ['data-test-script-state']});
}
"""

# True once: the script is not running (and, with needRun, a run counted by COUNT_RUNS_JS
# has happened), the main column drew something, no spinner/progress/skeleton is visible,
# every visible plotly chart has drawn its SVG, and all this held for 400 ms. Records the
# moment it first held in window.__rvSettledAt (performance.now() clock).
SETTLED_JS = """
(needRun) => {
  const w = window;
  const busy = () => { w.__rvIdleSince = undefined; return false; };
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return busy();
  if (needRun && !(w.__rvRuns > 0)) return busy();
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return busy();
  const shown = (el) => el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null;
  for (const sel of ['stSpinner', 'stProgress', 'stSkeleton']) {
    for (const el of document.querySelectorAll(`[data-testid="${sel}"]`)) {
      if (shown(el)) return busy();
    }
  }
  for (const chart of document.querySelectorAll('__CHARTS__')) {
    if (shown(chart) && !chart.querySelector('.js-plotly-plot .main-svg')) return busy();
  }
  const now = performance.now();
  if (w.__rvIdleSince === undefined) w.__rvIdleSince = now;
  if (now - w.__rvIdleSince >= 400) { w.__rvSettledAt = w.__rvIdleSince; return true; }
  return false;
}
""".replace("__CHARTS__", CHARTS)

EXCEPTIONS_JS = """
() => Array.from(document.querySelectorAll('[data-testid="stException"]'),
                 (el) => el.innerText.trim().slice(0, 300))
"""


def wait_settled(page: Page, timeout_s: float = SETTLE_TIMEOUT_S, need_run: bool = False) -> bool:
    """Wait until the page is settled (see ``SETTLED_JS``); False on timeout."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(SETTLED_JS, arg=need_run, timeout=timeout_s * 1000, polling=100)
        return True
    except PlaywrightTimeout:
        return False


# --- the measurements --------------------------------------------------------------------

MEASURE_JS = r"""
(opts) => {
  const tol = opts.tol;
  const vw = window.innerWidth, vh = window.innerHeight;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const cache = new Map();
  const parse = (css) => {
    if (!css) return [0, 0, 0, 0];
    if (cache.has(css)) return cache.get(css);
    let out;
    const m = css.match(/^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,\/]\s*([\d.]+)(%?))?\s*\)$/);
    if (m) {
      let a = m[4] === undefined ? 1 : parseFloat(m[4]);
      if (m[5] === '%') a /= 100;
      out = [+m[1], +m[2], +m[3], a];
    } else if (css === 'transparent' || css === 'none') {
      out = [0, 0, 0, 0];
    } else {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = 'rgba(0,0,0,0)';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const d = ctx.getImageData(0, 0, 1, 1).data;
      out = [d[0], d[1], d[2], d[3] / 255];
    }
    cache.set(css, out);
    return out;
  };
  const over = (top, bottom) => {  // top rgba over an opaque bottom rgb
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a));
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const shown = (el) => el.checkVisibility
      ? el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
      : el.offsetParent !== null;
  const snippet = (s) => s.replace(/\s+/g, ' ').trim().slice(0, 50);
  const inSidebar = (el) => Boolean(el.closest('[data-testid="stSidebar"]'));
  const inHeader = (el) => Boolean(el.closest('header, [data-testid="stHeader"], [data-testid="stToolbar"]'));
  const opacityOf = (el) => {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const v = parseFloat(getComputedStyle(e).opacity);
      if (!isNaN(v)) o *= v;
    }
    return o;
  };
  // Effective opaque background behind a point of an HTML element: composite every
  // non-transparent ancestor background whose box holds the point (page roots always do),
  // from the page (white) up to the element.
  const ROOTS = new Set(['HTML', 'BODY']);
  const ROOT_IDS = new Set(['stApp', 'stAppViewContainer', 'stMain', 'stSidebar']);
  const backgroundAt = (el, x, y) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] <= 0) continue;
      if (!ROOTS.has(e.tagName) && !ROOT_IDS.has(e.getAttribute('data-testid'))) {
        const r = e.getBoundingClientRect();
        if (x < r.left - 0.5 || x > r.right + 0.5 || y < r.top - 0.5 || y > r.bottom + 0.5) continue;
      }
      layers.push(c);
      if (c[3] >= 1) break;
    }
    let base = [255, 255, 255];
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
    return base;
  };
  const centre = (r) => [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
  const backgroundOf = (el) => backgroundAt(el, ...centre(el.getBoundingClientRect()));
  const appEl = document.querySelector('[data-testid="stApp"]') || document.body;
  const appBg = backgroundOf(appEl);
  const result = {viewport: [vw, vh], app_background: hex(appBg),
                  app_background_luminance: lum(appBg), errors: []};

  // (1) figure and control above the fold
  const charts = Array.from(document.querySelectorAll('__CHARTS__')).filter(shown);
  const mainCharts = charts.filter((c) => !inSidebar(c));
  result.charts = charts.length;
  if (mainCharts.length) {
    const r = mainCharts[0].getBoundingClientRect();
    result.figure_top = r.top; result.figure_height = r.height;
    result.figure_above_fold = r.top + 0.5 * r.height <= vh;
    const areas = Array.from(mainCharts[0].querySelectorAll('.nsewdrag')).map((a) => a.getBoundingClientRect()).filter((a) => a.height > 0);
    result.plot_top = areas.length ? Math.min(...areas.map((a) => a.top)) : null;
  } else {
    result.figure_top = null; result.figure_height = null; result.figure_above_fold = null;
    result.plot_top = null;
  }
  const CONTROLS = ['stSlider', 'stSelectbox', 'stMultiSelect', 'stRadio', 'stCheckbox',
    'stToggle', 'stNumberInput', 'stTextInput', 'stTextArea', 'stButtonGroup', 'stButton',
    'stFormSubmitButton', 'stDateInput', 'stTimeInput', 'stColorPicker', 'stFileUploader',
    'stSegmentedControl', 'stPills', 'stDownloadButton'];
  const controls = [];
  for (const id of CONTROLS) {
    for (const el of document.querySelectorAll(`[data-testid="${id}"]`)) {
      if (inSidebar(el) || inHeader(el) || !shown(el)) continue;
      if (el.parentElement && el.parentElement.closest(CONTROLS.map((c) => `[data-testid="${c}"]`).join(','))) continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0) continue;
      const label = el.querySelector('[data-testid="stWidgetLabel"]');
      let raw = (label ? label.innerText : el.innerText) || '';
      for (const icon of el.querySelectorAll('[data-testid="stIconMaterial"]')) raw = raw.replace(icon.innerText, '');
      const text = snippet(raw);
      controls.push({kind: id.replace(/^st/, '').toLowerCase(), label: text, top: r.top,
                     above_fold: r.top >= 0 && r.bottom <= vh && r.left >= -1 && r.right <= vw + 1});
    }
  }
  controls.sort((a, b) => a.top - b.top);
  result.controls_main = controls.length;
  const first = controls.find((c) => c.above_fold);
  result.control_above_fold = first ? `${first.kind}: ${first.label}` : null;
  const firstSlider = controls.find((c) => c.above_fold && c.kind === 'slider');
  result.slider_above_fold = firstSlider ? firstSlider.label : null;
  result.first_main_control = controls.length ? {kind: controls[0].kind, label: controls[0].label, top: controls[0].top} : null;

  // (2) smallest text and (4) contrast of HTML text
  const CATEGORY = [
    ['[data-testid="stWidgetLabel"]', 'label'],
    ['[data-testid="stMetricValue"]', 'metric'],
    ['[data-testid="stMetricLabel"]', 'metric'],
    ['[data-testid="stMetricDelta"]', 'metric'],
    ['[data-testid="stSliderThumbValue"], [data-testid="stSliderTickBar"]', 'slider value'],
    ['button, [role="tab"], [data-testid="stPageLink"]', 'button'],
    ['[data-testid="stCaption"]', 'caption'],
    ['[data-testid="stAlert"], [data-testid="stAlertContainer"]', 'prose'],
    ['[data-testid="stMarkdown"], [data-testid="stText"], [data-testid="stMarkdownContainer"]', 'prose'],
  ];
  const HEADLINE = new Set(['label', 'metric', 'caption', 'prose', 'label code', 'caption code', 'prose code']);
  const minText = {};
  let worst = null;
  const walker = document.createTreeWalker(appEl, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    if (!text || !text.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('svg, script, style, noscript, .js-plotly-plot, .katex-mathml, [aria-hidden="true"], [data-testid="stIconMaterial"], [data-testid="stIconEmoji"]')) continue;
    if (!shown(el)) continue;
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0 || r.right <= 0 || r.left >= vw) continue;
    const cs = getComputedStyle(el);
    const fg = parse(cs.color);
    const alpha = fg[3] * opacityOf(el);
    if (alpha <= 0.01) continue;
    const bg = backgroundAt(el, ...centre(r));
    const c = ratio(over([fg[0], fg[1], fg[2], alpha], bg), bg);
    if (!worst || c < worst.ratio) {
      worst = {ratio: c, text: snippet(text), where: inSidebar(el) ? 'sidebar' : 'page',
               fg: hex(fg), bg: hex(bg), font_px: parseFloat(cs.fontSize)};
    }
    if (inSidebar(el) || inHeader(el) || el.closest('.katex, sub, sup')) continue;
    let category = null;
    for (const [sel, cat] of CATEGORY) { if (el.closest(sel)) { category = cat; break; } }
    if (!category) continue;
    if (el.closest('code, pre')) category += ' code';
    const px = parseFloat(cs.fontSize);
    if (!(category in minText) || px < minText[category].px) {
      minText[category] = {px: px, text: snippet(text)};
    }
  }
  result.min_text_by_category = minText;
  let headline = null;
  for (const [cat, v] of Object.entries(minText)) {
    if (HEADLINE.has(cat) && (!headline || v.px < headline.px)) headline = {px: v.px, category: cat, text: v.text};
  }
  result.min_text = headline;

  // (3) plot areas, overflow; (4) SVG text contrast; (5) overlaps; (6) modebar
  const boxOf = (el) => el.getBoundingClientRect();
  const inter = (a, b) => [Math.min(a.right, b.right) - Math.max(a.left, b.left),
                           Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)];
  let minPlot = null;
  const overlaps = [];
  const clipped = [];
  const modebar = [];
  result.plot_widths = [];
  charts.forEach((chart, k) => {
    const gd = chart.querySelector('.js-plotly-plot');
    if (!gd) return;
    const chartBox = boxOf(gd);
    // plot areas
    let areas = Array.from(gd.querySelectorAll('.nsewdrag')).map(boxOf).filter((r) => r.width > 0 && r.height > 0);
    if (!areas.length) areas = Array.from(gd.querySelectorAll('.bglayer rect')).map(boxOf).filter((r) => r.width > 0);
    let widths = areas.map((r) => r.width);
    const fl = gd._fullLayout;
    if (!widths.length && fl) {  // a static plot has no drag rectangles: ask plotly's layout
      widths = Object.keys(fl).filter((key) => /^xaxis\d*$/.test(key) && fl[key] && fl[key]._length > 0)
        .map((key) => fl[key]._length);
      if (!widths.length && fl._size && fl._size.w > 0) widths = [fl._size.w];
    }
    if (widths.length) {
      const w = Math.min(...widths);
      result.plot_widths.push(w);
      if (!minPlot || w < minPlot.px) minPlot = {px: w, chart: k, subplots: widths.length};
    }
    // backgrounds for SVG text
    const mainSvg = gd.querySelector('.main-svg');
    const paper = mainSvg ? parse(getComputedStyle(mainSvg).backgroundColor) : [0, 0, 0, 0];
    const behindChart = backgroundOf(chart);
    const paperBg = paper[3] > 0 ? over(paper, behindChart) : behindChart;
    const plotBgs = Array.from(gd.querySelectorAll('.bglayer rect.bg, .bglayer rect')).map((r) => {
      const fill = parse(getComputedStyle(r).fill);
      const fo = parseFloat(getComputedStyle(r).fillOpacity);
      return {box: boxOf(r), color: [fill[0], fill[1], fill[2], fill[3] * (isNaN(fo) ? 1 : fo)]};
    }).filter((p) => p.color[3] > 0 && p.box.width > 0);
    const boxBg = (t) => {  // an annotation or legend background box around this text
      const g = t.closest('.annotation, .legend, .infolayer > g');
      if (!g) return null;
      const rect = g.querySelector('rect.bg');
      if (!rect) return null;
      const cs = getComputedStyle(rect);
      const fill = parse(cs.fill);
      const fo = parseFloat(cs.fillOpacity);
      const a = fill[3] * (isNaN(fo) ? 1 : fo);
      return a > 0 ? [fill[0], fill[1], fill[2], a] : null;
    };
    const texts = [];
    for (const t of gd.querySelectorAll('text')) {
      if (t.closest('.hoverlayer, .modebar')) continue;
      const s = (t.textContent || '').trim();
      if (!s || !shown(t)) continue;
      const cs = getComputedStyle(t);
      const fo = parseFloat(cs.fillOpacity);
      const fill = parse(cs.fill);
      const alpha = fill[3] * (isNaN(fo) ? 1 : fo) * opacityOf(t);
      if (alpha <= 0.01) continue;
      const r = boxOf(t);
      if (r.width <= 0 || r.height <= 0) continue;
      texts.push({el: t, s: s, r: r});
      // contrast
      const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
      let bg = paperBg;
      const plot = plotBgs.find((p) => cx >= p.box.left && cx <= p.box.right && cy >= p.box.top && cy <= p.box.bottom);
      if (plot) bg = over(plot.color, paperBg);
      const own = boxBg(t);
      if (own) bg = over(own, bg);
      const c = ratio(over([fill[0], fill[1], fill[2], alpha], bg), bg);
      if (!worst || c < worst.ratio) {
        worst = {ratio: c, text: snippet(s), where: `chart ${k + 1}`, fg: hex(fill), bg: hex(bg),
                 font_px: parseFloat(cs.fontSize)};
      }
      // sticking out of the figure
      if (r.left < chartBox.left - tol || r.right > chartBox.right + tol ||
          r.top < chartBox.top - tol || r.bottom > chartBox.bottom + tol) {
        clipped.push({chart: k + 1, text: snippet(s)});
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i], b = texts[j];
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const [ix, iy] = inter(a.r, b.r);
        if (ix > tol && iy > tol) {
          if (a.s === b.s && Math.abs(a.r.left - b.r.left) < 0.5 && Math.abs(a.r.top - b.r.top) < 0.5) continue;
          overlaps.push({chart: k + 1, a: snippet(a.s), b: snippet(b.s), px: [Math.round(ix), Math.round(iy)]});
        }
      }
    }
    const bar = gd.querySelector('.modebar');
    if (bar) {
      const mb = boxOf(bar);
      if (mb.width > 0 && mb.height > 0) {
        for (const t of gd.querySelectorAll('.gtitle, .g-gtitle text, .annotation text, .legendtitletext')) {
          const s = (t.textContent || '').trim();
          if (!s || !shown(t)) continue;
          const [ix, iy] = inter(mb, boxOf(t));
          if (ix > tol && iy > tol) { modebar.push({chart: k + 1, title: snippet(s)}); break; }
        }
      }
    }
  });
  result.min_plot = minPlot;
  result.overlaps = overlaps;
  result.clipped_texts = clipped;
  result.modebar_over_title = modebar;
  const chartOverlaps = [];
  for (let i = 0; i < charts.length; i++) {
    for (let j = i + 1; j < charts.length; j++) {
      const [ix, iy] = inter(boxOf(charts[i]), boxOf(charts[j]));
      if (ix > tol && iy > tol) chartOverlaps.push([i + 1, j + 1]);
    }
  }
  result.charts_overlapping = chartOverlaps;
  const se = document.scrollingElement || document.documentElement;
  const mainEl = document.querySelector('[data-testid="stMain"]');
  result.scroll_width = se.scrollWidth;
  result.main_scroll_width = mainEl ? mainEl.scrollWidth : null;
  result.overflow = se.scrollWidth > vw + 1 || Boolean(mainEl && mainEl.scrollWidth > mainEl.clientWidth + 1);
  result.worst_contrast = worst;
  // (7) text cut short: an element of the main column or the (open) sidebar, narrower than
  // its text, whose end is replaced by "…" (text-overflow: ellipsis), e.g. a long page
  // link, a button, a toggle's label, a metric value or a page name in the navigation
  const cut = [];
  const sidebarEl = document.querySelector('[data-testid="stSidebar"]');
  for (const root of [mainEl, sidebarEl]) {
    if (!root) continue;
    for (const el of root.querySelectorAll(':not(svg, svg *)')) {
      if (getComputedStyle(el).textOverflow !== 'ellipsis' || el.scrollWidth <= el.clientWidth + 1) continue;
      const text = (el.innerText || '').trim();
      const r = el.getBoundingClientRect();  // a collapsed sidebar's contents have no width
      if (text && shown(el) && el.clientWidth > 0 && r.right > 0 && r.left < vw) {
        cut.push({text: snippet(text), where: root === mainEl ? 'page' : 'sidebar',
                  shown_px: el.clientWidth, needs_px: el.scrollWidth});
      }
    }
  }
  result.truncated_texts = cut;
  return result;
}
""".replace("__CHARTS__", CHARTS)

SCROLL_TOP_JS = """
() => {
  window.scrollTo(0, 0);
  for (const el of document.querySelectorAll(
      '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stAppScrollToBottomContainer"]'))
    el.scrollTop = 0;
}
"""

PAGE_HEIGHT_JS = """
() => Math.max(document.body.scrollHeight, ...Array.from(document.querySelectorAll(
  '[data-testid="stMain"], [data-testid="stMainBlockContainer"], [data-testid="stAppScrollToBottomContainer"]'),
  (el) => el.scrollHeight))
"""


def measure_layout(page: Page, tol_px: float = OVERLAP_TOL_PX) -> dict[str, Any]:
    """All layout measurements of the page as it is now (scrolled to the top first).

    Returns the raw dictionary of ``MEASURE_JS``: ``figure_top``, ``figure_above_fold``,
    ``control_above_fold``, ``min_text``, ``min_text_by_category``, ``min_plot``,
    ``overflow``, ``worst_contrast``, ``app_background_luminance``, ``overlaps``,
    ``clipped_texts``, ``modebar_over_title``, ``charts_overlapping``, ``truncated_texts``
    and more. Browser tests can assert on it directly.
    """
    page.evaluate(SCROLL_TOP_JS)
    page.wait_for_timeout(150)
    return page.evaluate(MEASURE_JS, {"tol": tol_px})


@dataclass(frozen=True)
class LayoutReport:
    """The audit of one page in one setting."""

    page: str
    setting: str
    settled: bool
    seconds: float
    raw: dict[str, Any] = field(default_factory=dict)
    exceptions: tuple[str, ...] = ()
    screenshot: str | None = None
    error: str | None = None

    @property
    def overlaps(self) -> list[dict[str, Any]]:
        """Overlapping text pairs found in the figures."""
        return list(self.raw.get("overlaps") or [])

    @property
    def app_background_dark(self) -> bool | None:
        """Is the app background dark (relative luminance < 0.2)?"""
        value = self.raw.get("app_background_luminance")
        return None if value is None else value < 0.2


def new_context(browser: Browser, setting: Setting) -> BrowserContext:
    """A fresh browser context in ``setting`` (its own Streamlit sessions)."""
    return browser.new_context(**setting.context_options())


def screenshot(page: Page, path: Path, *, full: bool = False) -> Path:
    """Save the first screen (or, with ``full``, the whole page) as a PNG.

    Streamlit scrolls inside its main container, so a full-page shot first stretches the
    viewport to the content height (then restores it).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate(SCROLL_TOP_JS)
    if not full:
        page.screenshot(path=str(path))
        return path
    size = page.viewport_size or {"width": 1440, "height": 900}
    height = int(min(max(page.evaluate(PAGE_HEIGHT_JS), size["height"]), 12000))
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(600)  # plotly redraws at the new size
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    page.wait_for_timeout(300)
    return path


def audit_page(
    page: Page,
    server: AppServer,
    ref: PageRef,
    setting: Setting,
    *,
    artifacts: Path | None = ARTIFACTS,
    full_screenshot: bool = False,
    timeout_s: float = SETTLE_TIMEOUT_S,
) -> LayoutReport:
    """Open ``ref`` in ``page`` (a page of a context made for ``setting``), measure, shoot."""
    start = time.monotonic()
    try:
        page.goto(server.url(ref, setting.query), wait_until="commit", timeout=timeout_s * 1000)
        page.evaluate(COUNT_RUNS_JS)
        settled = wait_settled(page, timeout_s)
        page.wait_for_timeout(300)  # plotly's responsive relayout after the last delta
        raw = measure_layout(page)
        exceptions = tuple(page.evaluate(EXCEPTIONS_JS))
        shot = None
        if artifacts is not None:
            target = artifacts / setting.name / f"{ref.name}.png"
            shot = str(screenshot(page, target))
            if full_screenshot:
                screenshot(page, target.with_name(f"{ref.name}-full.png"), full=True)
        return LayoutReport(
            ref.name, setting.name, settled, time.monotonic() - start, raw, exceptions, shot
        )
    except Exception as error:  # noqa: BLE001 - reported in the table, the run goes on
        return LayoutReport(
            ref.name, setting.name, False, time.monotonic() - start, error=repr(error)[:300]
        )


def audit_app(
    app_dir: Path | str = ROOT,
    *,
    pages: str | None = None,
    settings: str | None = None,
    artifacts: Path | None = ARTIFACTS,
    full_screenshot: bool = False,
    timeout_s: float = SETTLE_TIMEOUT_S,
    log_path: Path | None = None,
) -> tuple[list[LayoutReport], dict[str, str]]:
    """Start a server from ``app_dir`` and audit the pages × settings; return reports, info."""
    from playwright.sync_api import sync_playwright

    chosen = (
        [SETTINGS[s.strip()] for s in settings.split(",")] if settings else list(SETTINGS.values())
    )
    reports: list[LayoutReport] = []
    info: dict[str, str] = {}
    server = AppServer(app_dir, log_path=log_path)
    info["regviz_from"] = server.check_import()
    with server, sync_playwright() as playwright:
        browser = launch_browser(playwright)
        info["chromium"] = browser.version
        try:
            context = browser.new_context(**SETTINGS["normal"].context_options())
            refs = select_pages(discover_pages(context.new_page(), server, timeout_s), pages)
            context.close()
            for setting in chosen:
                context = new_context(browser, setting)
                page = context.new_page()
                for ref in refs:
                    report = audit_page(
                        page,
                        server,
                        ref,
                        setting,
                        artifacts=artifacts,
                        full_screenshot=full_screenshot,
                        timeout_s=timeout_s,
                    )
                    reports.append(report)
                    print(f"{setting.name:9s} {ref.name:18s} {_summary(report)}", flush=True)
                    if report.error:  # start over with a clean page
                        context.close()
                        context = new_context(browser, setting)
                        page = context.new_page()
                context.close()
        finally:
            browser.close()
    return reports, info


# --- the table ---------------------------------------------------------------------------


def _px(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _summary(r: LayoutReport) -> str:
    if r.error:
        return f"ERROR {r.error}"
    raw = r.raw
    text = (raw.get("min_text") or {}).get("px")
    plot = (raw.get("min_plot") or {}).get("px")
    worst = (raw.get("worst_contrast") or {}).get("ratio")
    return (
        f"fig top {_px(raw.get('figure_top'))} px, text {_px(text)} px, plot {_px(plot)} px, "
        f"contrast {worst or 0:.2f}, overlaps {len(raw.get('overlaps') or [])}, "
        f"{'settled' if r.settled else 'NOT settled'} in {r.seconds:.1f} s"
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_row(r: LayoutReport) -> str:
    """One Markdown table row of a report (columns as in :data:`TABLE_HEADER`)."""
    if r.error:
        return f"| {r.page} | {r.setting} | error: {_cell(r.error)} |" + " |" * 9
    raw = r.raw
    flag = "" if r.settled else " (not settled)"
    top = raw.get("figure_top")
    top_cell = (
        _px(top) if raw.get("plot_top") is None else f"{_px(top)} (plot {_px(raw['plot_top'])})"
    )
    fold = raw.get("figure_above_fold")
    fold_cell = "—" if fold is None else ("yes" if fold else "**no**")
    control = raw.get("control_above_fold")
    control_cell = f"yes ({_cell(control)})" if control else "**no**"
    slider = raw.get("slider_above_fold")
    control_cell += f"; slider: yes ({_cell(slider)[:30]})" if slider else "; slider: **no**"
    text = raw.get("min_text")
    text_cell = (
        "—" if not text else f"{text['px']:.0f} ({text['category']}: “{_cell(text['text'])[:24]}”)"
    )
    if text and r.setting == "classroom" and text["px"] < MIN_TEXT_PX:
        text_cell = "**" + text_cell.replace(" (", "** (", 1)
    plot = raw.get("min_plot")
    plot_cell = "—" if not plot else f"{plot['px']:.0f} (chart {plot['chart'] + 1})"
    if plot and r.setting == "phone" and plot["px"] < MIN_PLOT_WIDTH_PX:
        plot_cell = "**" + plot_cell.replace(" (", "** (", 1)
    overflow = "**yes**" if raw.get("overflow") else "no"
    worst = raw.get("worst_contrast")
    if worst:
        ratio = f"{worst['ratio']:.2f}"
        if worst["ratio"] < MIN_CONTRAST:
            ratio = f"**{ratio}**"
        contrast = (
            f"{ratio} ({worst['where']}: “{_cell(worst['text'])[:24]}” "
            f"{worst['fg']} on {worst['bg']})"
        )
    else:
        contrast = "—"
    if r.setting == "dark":
        contrast += f"; app bg {raw.get('app_background')} {'dark' if r.app_background_dark else '**light**'}"
    overlaps = raw.get("overlaps") or []
    overlap_cell = (
        "0"
        if not overlaps
        else (
            f"**{len(overlaps)}** (chart {overlaps[0]['chart']}: “{_cell(overlaps[0]['a'])[:20]}” × "
            f"“{_cell(overlaps[0]['b'])[:20]}”)"
        )
    )
    modebar = raw.get("modebar_over_title") or []
    modebar_cell = (
        "no" if not modebar else f"**yes** ({len(modebar)}: “{_cell(modebar[0]['title'])[:24]}”)"
    )
    return (
        f"| {r.page} | {r.setting}{flag} | {top_cell} | {fold_cell} | {control_cell} "
        f"| {text_cell} | {plot_cell} | {overflow} | {contrast} | {overlap_cell} | {modebar_cell} |"
    )


TABLE_HEADER = (
    "| page | setting | figure top (px) (plot-area top) | figure above fold? "
    "| control above fold? (first one; main-column slider?) "
    "| min text px (main column) | smallest plot width (px) | horizontal overflow? "
    "| worst contrast (ratio, where) | overlapping text boxes | modebar over title? |\n"
    "|" + " --- |" * 11
)


def format_markdown(reports: list[LayoutReport], info: dict[str, str], app_dir: Path | str) -> str:
    """The whole results file: how it was measured, the table, and details per row."""
    import plotly
    import streamlit

    settings = ", ".join(
        f"{s.name} {s.width}×{s.height}"
        + (f" ?{s.query}" if s.query else "")
        + (f" (dpr {s.device_scale_factor:g}, mobile, touch)" if s.is_mobile else "")
        + (f" ({s.color_scheme} colour scheme)" if s.color_scheme != "light" else "")
        for s in SETTINGS.values()
    )
    commit = git_commit(app_dir)
    lines = [
        "# Layout audit (issue 13)",
        "",
        f"Measured by `python tests/e2e/layout_audit.py --app-dir {app_dir}` "
        f"(checkout {commit}) on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"streamlit {streamlit.__version__}, plotly {plotly.__version__}, "
        f"Chromium {info.get('chromium', '?')}; regviz imported from `{info.get('regviz_from', '?')}`.",
        "",
        f"Settings: {settings}. One server, one browser context per setting; each page "
        "opened fresh and measured once settled (script not running, no spinner, every "
        "visible chart drawn, for 400 ms).",
        "",
        "Columns: *figure top* = top of the first main-column plotly chart element with the "
        "page scrolled to the top (in brackets the top of its first plotting area, "
        "`.nsewdrag`, below the figure title and legend); *above fold* = top + ½·height ≤ viewport height; *control "
        "above fold* = the first widget outside the sidebar lying entirely in the first "
        "screen; *min text* = smallest computed font size of visible main-column prose, "
        "captions, widget labels and metrics (KaTeX, sub/sup excluded); *smallest plot "
        "width* = narrowest subplot plotting area (`.nsewdrag`) over all charts; *overflow* "
        "= document or `stMain` wider than the window; *worst contrast* = lowest WCAG ratio "
        "of any visible text (HTML or chart SVG) against the effective background behind "
        "it; *overlapping text boxes* = pairs of visible SVG text boxes in one figure "
        f"intersecting by > {OVERLAP_TOL_PX:g} px both ways; *modebar over title* = the "
        "plotly modebar box (shown on hover/tap) intersects a `.gtitle` or annotation text. "
        f"Bold = breaks issue 13's rule (classroom text ≥ {MIN_TEXT_PX:g} px, phone plot ≥ "
        f"{MIN_PLOT_WIDTH_PX:g} px, contrast ≥ {MIN_CONTRAST:g}, no overlaps/overflow, figure "
        "and control above the fold).",
        "",
        TABLE_HEADER,
        *[table_row(r) for r in reports],
        "",
        "## Details",
        "",
    ]
    for r in reports:
        raw = r.raw
        lines.append(f"### {r.page} · {r.setting}")
        if r.error:
            lines += [f"- error: {r.error}", ""]
            continue
        lines.append(
            f"- settled: {r.settled} in {r.seconds:.1f} s; charts {raw.get('charts')}; "
            f"main-column controls {raw.get('controls_main')}; first main control: "
            f"{raw.get('first_main_control')}; slider above fold: {raw.get('slider_above_fold')}"
        )
        cats = raw.get("min_text_by_category") or {}
        lines.append(
            "- min font px by kind: "
            + ", ".join(
                f"{k} {v['px']:g} (“{_cell(v['text'])[:30]}”)" for k, v in sorted(cats.items())
            )
        )
        lines.append(
            f"- plot widths (min per chart, px): {[round(w) for w in raw.get('plot_widths') or []]}"
        )
        lines.append(
            f"- scroll width {raw.get('scroll_width')} (main {raw.get('main_scroll_width')}) "
            f"for viewport {raw.get('viewport')}; app background {raw.get('app_background')} "
            f"(luminance {raw.get('app_background_luminance', 0):.2f})"
        )
        worst = raw.get("worst_contrast")
        if worst:
            lines.append(f"- worst contrast: {json.dumps(worst, ensure_ascii=False)}")
        overlaps = raw.get("overlaps") or []
        if overlaps:
            shown = "; ".join(
                f"chart {o['chart']}: “{_cell(o['a'])}” × “{_cell(o['b'])}” {o['px'][0]}×{o['px'][1]} px"
                for o in overlaps[:8]
            )
            lines.append(
                f"- overlaps ({len(overlaps)}): {shown}" + (" …" if len(overlaps) > 8 else "")
            )
        clipped = raw.get("clipped_texts") or []
        if clipped:
            lines.append(
                f"- text outside its figure ({len(clipped)}): "
                + "; ".join(f"chart {c['chart']}: “{_cell(c['text'])}”" for c in clipped[:5])
            )
        cut = raw.get("truncated_texts") or []
        if cut:
            lines.append(
                f"- text cut short with … ({len(cut)}): "
                + "; ".join(f"“{_cell(c['text'])}”" for c in cut[:5])
            )
        if raw.get("charts_overlapping"):
            lines.append(f"- charts overlapping each other: {raw['charts_overlapping']}")
        if raw.get("modebar_over_title"):
            lines.append(f"- modebar over title: {raw['modebar_over_title']}")
        if r.exceptions:
            lines.append(f"- exceptions on the page: {list(r.exceptions)}")
        lines.append("")
    return "\n".join(lines) + "\n"


def app_arguments(description: str) -> argparse.ArgumentParser:
    """A command line that takes the checkout to run (``--app-dir``) and its ``--pages``;
    this audit's and ``bench_browser``'s.

    Examples
    --------
    >>> args = app_arguments("audit").parse_args(["--pages", "geometry"])
    >>> args.pages, args.app_dir == ROOT
    ('geometry', True)
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--app-dir", type=Path, default=ROOT, help="checkout with app.py (default: this repo)"
    )
    parser.add_argument(
        "--pages", help="comma-separated url paths (home for the home page); default all"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command line: audit every page × setting and write the Markdown table."""
    parser = app_arguments(__doc__.splitlines()[0])
    parser.add_argument("--settings", help=f"comma-separated subset of {','.join(SETTINGS)}")
    parser.add_argument("--out", type=Path, help="write the Markdown table here")
    parser.add_argument("--json", type=Path, help="also write the raw measurements as JSON")
    parser.add_argument("--artifacts", type=Path, default=ARTIFACTS, help="screenshot folder")
    parser.add_argument(
        "--full-screenshots",
        action="store_true",
        help="also save <page>-full.png of the whole page (slower: the viewport is stretched)",
    )
    parser.add_argument(
        "--timeout", type=float, default=SETTLE_TIMEOUT_S, help="settle timeout per page (s)"
    )
    args = parser.parse_args(argv)
    reason = browser_skip_reason()
    if reason:
        print(f"cannot run the layout audit: {reason}", file=sys.stderr)
        return 2
    started = time.monotonic()
    reports, info = audit_app(
        args.app_dir,
        pages=args.pages,
        settings=args.settings,
        artifacts=args.artifacts,
        full_screenshot=args.full_screenshots,
        timeout_s=args.timeout,
        log_path=args.artifacts / "server.log",
    )
    text = format_markdown(reports, info, args.app_dir)
    text += f"\nTotal audit time {time.monotonic() - started:.0f} s.\n"
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"written to {args.out}")
    else:
        print(text)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in reports], indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
