"""Helpers shared by the browser tests (``tests/e2e``), the layout audit, the AppTest fuzz
and the browser benchmarks (``bench_pages``, ``bench_browser``, ``bench_memory``).

Everything here is generic over the pages declared in :mod:`regviz.ui.specs`, so a page
registered there is covered by every test and benchmark without further edits.

Playwright is imported lazily, so this module imports fine on a machine without it (the
tests then skip with a reason instead of failing at collection).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regviz.ui import live_chart

if TYPE_CHECKING:  # pragma: no cover - typing only
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
APP_FILE = ROOT / "app.py"
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
# Debian's package; REGVIZ_CHROMIUM overrides it (e.g. to check the skip path).
CHROMIUM = os.environ.get("REGVIZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Wide enough for layout="wide" and a projector-sized figure.
VIEWPORT = {"width": 1400, "height": 1000}
# Generous: the machine is shared and a cold page computes its first result.
PAGE_TIMEOUT_MS = 90_000
HOME_NAME = "home"


@dataclass(frozen=True)
class PageEntry:
    """One line of ``app.py``'s ``PAGES`` list (or the home page, with ``file=None``)."""

    file: str | None
    title: str
    icon: str
    url_path: str
    description: str

    @property
    def name(self) -> str:
        """A short name for test ids and file names: the url path, or ``home``."""
        return self.url_path or HOME_NAME

    @property
    def is_home(self) -> bool:
        """True for the home page, which has no figure and no slider."""
        return self.file is None


HOME = PageEntry(None, "Home", ":material/home:", "", "links to every page")


def read_pages(app_file: Path = APP_FILE) -> list[PageEntry]:
    """Every page of the app, in navigation order, from :data:`regviz.ui.specs.SPECS`.

    ``app_file`` is kept for callers that name it; the page list itself is data in
    :mod:`regviz.ui.specs` (importing it starts no Streamlit server).

    Returns
    -------
    list[PageEntry]
        The registered pages in sidebar order (the home page is not included).
    """
    sys.path.insert(0, str(app_file.resolve().parent))
    from regviz.ui.specs import SPECS

    return [PageEntry(spec.path, spec.title, spec.icon, spec.slug, spec.question) for spec in SPECS]


def all_pages(app_file: Path = APP_FILE) -> list[PageEntry]:
    """The home page followed by every page of ``PAGES``."""
    return [HOME, *read_pages(app_file)]


def browser_skip_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can.

    Only a missing Chromium or a missing playwright package is a reason to skip;
    anything else (a browser that is installed but crashes) must fail loudly.
    """
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as err:
        return f"the playwright Python package is not installed ({err}); pip install playwright"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        found = shutil.which("chromium")
        hint = f" (a chromium exists at {found}, but the tests use {CHROMIUM})" if found else ""
        return (
            f"Debian's Chromium is not installed at {CHROMIUM}{hint}; "
            "install it with `apt-get install -y chromium` (.ci/run does this when it can)"
        )
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """``python -m streamlit run app.py`` from ``app_dir`` on a free localhost port.

    The one server of the browser tests, the layout audit and the browser benchmarks. Use
    as a context manager, or call :meth:`start` and :meth:`stop`.

    Parameters
    ----------
    log_path : Path or None
        Where the server's stdout and stderr go (kept as a test artifact).
    startup_timeout : float
        Seconds to wait for ``/_stcore/health`` to answer ``ok``.
    app_dir : Path or str
        The checkout holding ``app.py``, the server's working directory (this repo).
    extra_args : tuple of str
        More ``streamlit run`` options after headless, port, address and usage stats; by
        default the file watcher is off (nothing edits the app while tests run).
    env : dict or None
        The server's environment; None inherits this process's.
    """

    def __init__(
        self,
        log_path: Path | None = None,
        startup_timeout: float = 60.0,
        *,
        app_dir: Path | str = ROOT,
        extra_args: tuple[str, ...] = ("--server.fileWatcherType=none",),
        env: dict[str, str] | None = None,
    ) -> None:
        self.app_dir = Path(app_dir).resolve()
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.startup_timeout = startup_timeout
        self.extra_args = extra_args
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self._log: Any = None

    @property
    def pid(self) -> int:
        """Process id of the running server."""
        assert self.process is not None, "server not started"
        return self.process.pid

    def start(self) -> StreamlitServer:
        """Start the server and block until its health endpoint answers."""
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless=true",
            f"--server.port={self.port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
            *self.extra_args,
        ]
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        output = self._log if self._log is not None else subprocess.DEVNULL
        self.process = subprocess.Popen(
            command,
            cwd=self.app_dir,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        url = f"{self.base_url}/_stcore/health"
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with code {self.process.returncode} before answering "
                    f"{url}; see {self.log_path}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200 and response.read().strip() == b"ok":
                        return
            except OSError:  # not listening yet (URLError, ConnectionError, TimeoutError)
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not answer {url} within {self.startup_timeout:.0f} s")

    def stop(self) -> None:
        """Stop the server (terminate, then kill after 15 s)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def url(self, page: PageEntry | str, query: str = "") -> str:
        """The address of ``page`` (a page, or a url path with or without its query string)
        on this server, with an optional query string."""
        path = page if isinstance(page, str) else page.url_path
        return f"{self.base_url}/{path.lstrip('/')}" + (f"?{query}" if query else "")

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def launch_browser(playwright: Any) -> Any:
    """Launch Debian's headless Chromium (never a Playwright-downloaded browser).

    ``playwright`` is a sync or an async Playwright object (the async one returns an
    awaitable).
    """
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def chromium_version() -> str | None:
    """What ``chromium --version`` prints (e.g. ``Chromium 140.0 built on Debian``), or None."""
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.stdout.strip().splitlines()
    return lines[-1] if lines else None


def memory_kb(pid: int, keys: tuple[str, ...] = ("VmRSS", "VmHWM")) -> dict[str, int]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process in kB (or other
    ``keys`` of ``/proc/<pid>/status``); empty when the process is gone.

    Examples
    --------
    >>> mine = memory_kb(os.getpid(), ("VmRSS", "VmHWM", "Threads"))
    >>> sorted(mine), 0 < mine["VmRSS"] <= mine["VmHWM"]
    (['Threads', 'VmHWM', 'VmRSS'], True)
    """
    values: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in keys:
                    values[key] = int(rest.split()[0])
    except OSError:
        pass
    return values


def git_commit(checkout: Path | str = ROOT) -> str:
    """The short commit hash of a checkout's HEAD, or ``?``.

    Examples
    --------
    >>> git_commit("/nonexistent/checkout")
    '?'
    """
    try:
        out = subprocess.run(
            ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        return out.stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


# --- waiting for Streamlit -------------------------------------------------------------

# True once the script finished, nothing spins, and the page has drawn at least one
# element (the initial client state is also "notRunning", before the first run starts).
_IDLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') {
    window.__regvizIdleSince = undefined;
    return false;
  }
  const main = document.querySelector('[data-testid="stMain"]');
  const drawn = main && main.querySelector('[data-testid="stElementContainer"]');
  const spinning = document.querySelector('[data-testid="stSpinner"]');
  if (!drawn || spinning) { window.__regvizIdleSince = undefined; return false; }
  // Stay idle for a moment: a rerun requested by a widget starts a few ms later.
  const now = performance.now();
  if (window.__regvizIdleSince === undefined) window.__regvizIdleSince = now;
  return now - window.__regvizIdleSince > 400;
}
"""

# Every figure: plotly charts (but the hidden one that only carries the theme) and live charts.
CHARTS = (
    f'[data-testid="stPlotlyChart"]:not(.st-key-{live_chart.THEME_KEY} *), '
    f'[data-testid^="stBidiComponent"]:has(.{live_chart.CLASS})'
)
"""CSS selector of every figure: Streamlit's plotly charts and the charts regviz keeps
mounted in the browser (:mod:`regviz.ui.live_chart`); either holds a ``.js-plotly-plot``."""

# A fingerprint of the first plotly figure: data and layout without plotly's private
# ("_"-prefixed) bookkeeping. Null while the figure is not drawn.
_FIGURE_JS = """
(index) => {
  const charts = document.querySelectorAll('__CHARTS__');
  if (charts.length <= index) return null;
  const gd = charts[index].querySelector('.js-plotly-plot');
  if (!gd || !gd.data || !gd.querySelector('.main-svg')) return null;
  const seen = new WeakSet();
  const replacer = (key, value) => {
    if (typeof key === 'string' && key.startsWith('_')) return undefined;
    if (value && typeof value === 'object') {
      if (seen.has(value)) return undefined;
      seen.add(value);
      if (ArrayBuffer.isView(value)) return Array.from(value);
    }
    return value;
  };
  let text;
  try { text = JSON.stringify({data: gd.data, layout: gd.layout}, replacer); }
  catch (e) { text = JSON.stringify({data: gd.data}, replacer); }
  return {text: text, traces: gd.data.length};
}
""".replace("__CHARTS__", CHARTS)

_EXCEPTION = '[data-testid="stException"]'


def wait_until_idle(page: Page, timeout_ms: int = PAGE_TIMEOUT_MS) -> None:
    """Block until Streamlit has finished running the script and nothing spins."""
    page.wait_for_function(_IDLE_JS, timeout=timeout_ms, polling=100)


def exception_texts(page: Page) -> list[str]:
    """The text of every exception box (``stException``) on the page."""
    return [text.strip()[:2000] for text in page.locator(_EXCEPTION).all_inner_texts()]


def figure_fingerprint(page: Page, index: int = 0) -> str | None:
    """A short hash of the plotly figure number ``index`` on the page, or None if not drawn."""
    result: dict[str, Any] | None = page.evaluate(_FIGURE_JS, index)
    if result is None or not result["traces"]:
        return None
    return hashlib.sha256(result["text"].encode()).hexdigest()[:16]


def wait_for_figure(page: Page, timeout_ms: int = PAGE_TIMEOUT_MS) -> None:
    """Block until the first plotly chart is drawn (or an exception box appears)."""
    page.wait_for_function(
        """() => {
          if (document.querySelector('[data-testid="stException"]')) return true;
          const chart = document.querySelector('__CHARTS__');
          const gd = chart && chart.querySelector('.js-plotly-plot');
          return Boolean(gd && gd.data && gd.data.length && gd.querySelector('.main-svg'));
        }""".replace("__CHARTS__", CHARTS),
        timeout=timeout_ms,
        polling=100,
    )


def open_and_wait(page: Page, url: str, timeout_ms: int = PAGE_TIMEOUT_MS) -> float:
    """Navigate to ``url`` and wait for the script to finish; return the seconds it took."""
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    wait_until_idle(page, timeout_ms)
    return time.perf_counter() - start


@dataclass(frozen=True)
class SliderMove:
    """What happened when the first slider was moved by the keyboard."""

    label: str
    before: str
    after: str


def first_slider_thumb(page: Page):
    """The keyboard-focusable thumb of the first visible ``stSlider`` on the page (one in
    a collapsed expander is in the DOM but hidden).

    Streamlit 1.67 draws it as a visually hidden ``<input type="range">`` (react-aria);
    older releases used a ``[role=slider]`` div. Both are accepted.
    """
    slider = page.get_by_test_id("stSlider").filter(visible=True).first
    return slider.locator('input[type="range"], [role="slider"]').first


_THUMB_STATE_JS = """
(el) => ({
  value: el.getAttribute('aria-valuenow') ?? String(el.value ?? ''),
  max: el.getAttribute('aria-valuemax') ?? String(el.max ?? ''),
  text: el.getAttribute('aria-valuetext') ?? '',
})
"""


def slider_value(page: Page) -> str:
    """The first slider's current value as the browser holds it (value or aria-valuenow)."""
    return first_slider_thumb(page).evaluate(_THUMB_STATE_JS)["value"]


def move_first_slider(page: Page, presses: int = 3) -> SliderMove:
    """Move the first slider a few steps with the arrow keys, away from its end stop.

    Returns
    -------
    SliderMove
        The slider's label and its value before and after.
    """
    slider = page.get_by_test_id("stSlider").filter(visible=True).first
    thumb = first_slider_thumb(page)
    label = (slider.get_by_test_id("stWidgetLabel").first.inner_text() or "").strip()
    state = thumb.evaluate(_THUMB_STATE_JS)
    key = "ArrowLeft" if state["value"] == state["max"] else "ArrowRight"
    count_reruns(page)
    thumb.focus()
    for _ in range(presses):
        thumb.press(key)
    return SliderMove(label=label, before=state["value"], after=slider_value(page))


_COUNT_RUNS_JS = """
() => {
  window.__regvizRuns = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  if (window.__regvizObserver) window.__regvizObserver.disconnect();
  window.__regvizObserver = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__regvizRuns += 1;
  });
  window.__regvizObserver.observe(app, {attributes: true,
                                        attributeFilter: ['data-test-script-state']});
}
"""


def count_reruns(page: Page) -> None:
    """Start counting script runs, so a wait can tell "rerun done, nothing changed"."""
    page.evaluate(_COUNT_RUNS_JS)


def wait_for_figure_change(page: Page, old: str, timeout_ms: int = PAGE_TIMEOUT_MS) -> str | None:
    """Wait until the first figure's fingerprint differs from ``old``; return the new one.

    Returns early (with the unchanged fingerprint) when an exception box appears, or when
    a rerun counted by :func:`count_reruns` has finished and the figure stayed the same
    for a second, so a page whose slider does nothing fails fast instead of timing out.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    idle_since: float | None = None
    while time.monotonic() < deadline:
        if page.locator(_EXCEPTION).count():
            break
        current = figure_fingerprint(page)
        if current is not None and current != old:
            return current
        rerun_done = page.evaluate("() => (window.__regvizRuns || 0) > 0") and page.evaluate(
            _IDLE_JS
        )
        if not rerun_done:
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > 1.0:
            break
        page.wait_for_timeout(150)
    return figure_fingerprint(page)


def screenshot(page: Page, entry: PageEntry) -> Path:
    """Save a screenshot of the whole page to ``test-artifacts/e2e/<url_path>.png``.

    Streamlit scrolls inside its main container, not the document, so ``full_page`` alone
    shows only the first screen: the viewport is stretched to the content height first.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{entry.name}.png"
    height = page.evaluate(
        """() => Math.max(document.body.scrollHeight, ...Array.from(
             document.querySelectorAll(
               '[data-testid="stMain"], [data-testid="stMainBlockContainer"]'),
             (el) => el.scrollHeight))"""
    )
    tall = {"width": VIEWPORT["width"], "height": int(min(max(height, VIEWPORT["height"]), 8000))}
    page.set_viewport_size(tall)
    page.wait_for_timeout(400)  # plotly redraws at the new size
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(VIEWPORT)
    return path


_FOCUSED_CONTROL_JS = """() => {
  const el = document.activeElement;
  if (!el || el.closest('[data-testid="stSidebar"]')) return null;
  const ids = ['stSlider', 'stRadio', 'stSelectbox', 'stToggle', 'stCheckbox',
               'stNumberInput', 'stSegmentedControl', 'stButtonGroup', 'stMultiSelect'];
  for (const id of ids) { if (el.closest(`[data-testid="${id}"]`)) return id; }
  return null;
}"""


def control_within_tabs(page: Page, presses: int = 5) -> str | None:
    """The kind of main-column control (``stSlider``, ``stRadio``, ...) that keyboard focus
    reaches within ``presses`` Tab presses from the page title, or None.

    Starts where a reader starts: a click on the title moves the keyboard's starting point
    to the top of the main column.
    """
    page.locator('[data-testid="stMain"] h1').first.click()
    for _ in range(presses):
        page.keyboard.press("Tab")
        reached = page.evaluate(_FOCUSED_CONTROL_JS)
        if reached:
            return reached
    return None
