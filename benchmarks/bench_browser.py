"""Browser benchmark (issue 14): what a visit and every slider move cost the server, the
network and the visitor's browser, per page, plus a class burst.

Debian Chromium (``/usr/bin/chromium``) through Playwright against ``streamlit run app.py``
on a loopback port (the app's own ``.streamlit/config.toml`` applies). The server runs from a
copy of ``--app-dir``'s files as git lists them, with Python's bytecode compiled, and the
Python environment elsewhere: the layout of an app on Community Cloud (see
:func:`deployed_copy`; ``--in-place`` runs the checkout itself). Every wait is bounded; what
does not settle in time is reported, not waited for.

Per page (pages found in ``app.py``; home included), on a FRESH server process per page:

- *cold visit*: the first visit of that page on a fresh server (its first ``app.py`` run,
  first imports of what the page needs, empty caches);
- *warm visit*: a second browser context (a new Streamlit session) visiting the same page;
- *every slider* (``stSlider`` in the DOM, sidebar and expanders included) of the warm
  page, one after the other: focus the first thumb, press ArrowRight once (ArrowLeft when
  it is at its maximum), wait until the rerun it starts has settled.

Numbers per visit and per move:

- server CPU-s: utime + stime of the streamlit server process (all its threads) from
  ``/proc/<pid>/stat``, after minus before, divided by ``SC_CLK_TCK``;
- kB to the browser: payload bytes of the websocket frames the page received
  (``page.on("websocket")`` → ``framereceived``; decompressed payload) plus HTTP response
  bodies of data requests (``/media``, ``/_stcore``); static files (HTML, JS, CSS, fonts)
  are counted apart; kB = 1000 bytes;
- browser CPU-s: utime + stime summed over every Chromium process of this benchmark's
  browser (browser, renderers, GPU/utility processes) from ``/proc``; also the renderer
  main thread's busy time from CDP ``Performance.getMetrics`` (``TaskDuration``);
- after the page settles, the sample waits until server and browser have both been quiet
  (≤ 2 clock ticks per 0.4 s, at most 6 s), so the CPU of drawing is counted too.

"Settled": ``stApp`` has ``data-test-script-state="notRunning"`` (after a move: a rerun was
seen first), the main column drew something, no spinner/progress/skeleton is visible, every
visible plotly chart has its SVG, and all this held for 400 ms.

Class burst (``--burst``): on a fresh server warmed by one visit, K browser contexts arrive
spread evenly over 2 s on a page, each waits for a settled page and then moves its first
slider three times; reported: p50/p95 time to a settled page, p50/p95 move latency
(key press → settled), how many did not settle in time, server CPU-s vs the CPU-s of all
Chromium processes, and the server's peak resident memory (``VmRSS`` polled every 0.2 s;
``VmHWM`` at the end, which includes the warm-up visit).

Run::

    python benchmarks/bench_browser.py --app-dir . --out benchmarks/RESULTS_browser.md
    python benchmarks/bench_browser.py --quick            # one page, no burst (smoke test)
"""

# ruff: noqa: E501 - embedded JavaScript and Markdown table rows read better unwrapped

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The browser helpers, and regviz itself (they name its live chart) without an install.
sys.path[:0] = [str(ROOT / "tests" / "e2e"), str(ROOT)]

from e2e_helpers import browser_skip_reason, git_commit, launch_browser, memory_kb  # noqa: E402
from layout_audit import (  # noqa: E402
    COUNT_RUNS_JS,
    EXCEPTIONS_JS,
    HOME,
    NAV_LINKS_JS,
    NAV_MORE_JS,
    SETTLED_JS,
    AppServer,
    PageRef,
    app_arguments,
    pages_from_links,
    read_pages,
    select_pages,
)

RESULTS = ROOT / "benchmarks" / "RESULTS_browser.md"
LOGS = ROOT / "test-artifacts" / "bench_browser"
CLK_TCK = os.sysconf("SC_CLK_TCK")
VIEWPORT = {"width": 1440, "height": 900}
BURST_PAGES = ("geometry", "monte_carlo")
BURST_SIZES = (10, 30)
MAX_SLIDERS = 40


@dataclass(frozen=True)
class Budget:
    """Issue 14's budgets."""

    move_server_cpu: float = 0.3
    move_kb: float = 250.0
    move_browser_cpu: float = 0.8
    warm_server_cpu: float = 0.6
    warm_kb: float = 600.0
    cold_server_cpu: float = 2.0


BUDGET = Budget()


# --- /proc ------------------------------------------------------------------------------


def cpu_ticks(pid: int) -> int | None:
    """utime + stime of a process (all threads), in clock ticks; None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5)


def _process_table() -> dict[int, tuple[int, str]]:
    table: dict[int, tuple[int, str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                text = stat.read()
        except OSError:
            continue
        comm = text[text.find("(") + 1 : text.rfind(")")]
        ppid = int(text.rsplit(")", 1)[1].split()[1])
        table[int(entry)] = (ppid, comm)
    return table


def chromium_pids(root: int | None = None) -> list[int]:
    """Chromium processes descending from this Python process (our browser only)."""
    root = os.getpid() if root is None else root
    table = _process_table()
    found = []
    for pid, (_, comm) in table.items():
        if "chrom" not in comm.lower():
            continue
        ancestor, hops = pid, 0
        while ancestor > 1 and hops < 64:
            ancestor = table.get(ancestor, (1, ""))[0]
            hops += 1
            if ancestor == root:
                found.append(pid)
                break
    return found


@dataclass(frozen=True)
class CpuSample:
    """CPU ticks of the server and of each Chromium process at one moment."""

    server: int
    browser: dict[int, int]
    at: float


class CpuMeter:
    """Samples the server's and the browser's CPU ticks from /proc."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid

    def sample(self) -> CpuSample:
        browser = {}
        for pid in chromium_pids():
            ticks = cpu_ticks(pid)
            if ticks is not None:
                browser[pid] = ticks
        return CpuSample(cpu_ticks(self.server_pid) or 0, browser, time.monotonic())

    @staticmethod
    def server_s(a: CpuSample, b: CpuSample) -> float:
        """Server CPU-seconds between two samples."""
        return (b.server - a.server) / CLK_TCK

    @staticmethod
    def browser_ticks(a: CpuSample, b: CpuSample) -> int:
        """Chromium CPU ticks between two samples (new processes count from zero)."""
        return sum(max(t - a.browser.get(pid, 0), 0) for pid, t in b.browser.items())

    @classmethod
    def browser_s(cls, a: CpuSample, b: CpuSample) -> float:
        """Chromium CPU-seconds between two samples."""
        return cls.browser_ticks(a, b) / CLK_TCK


async def wait_quiet(meter: CpuMeter, max_s: float = 6.0, window_s: float = 0.4) -> bool:
    """Wait until neither server nor browser used more than 2 ticks in ``window_s``."""
    deadline = time.monotonic() + max_s
    previous = meter.sample()
    while time.monotonic() < deadline:
        await asyncio.sleep(window_s)
        current = meter.sample()
        if current.server - previous.server <= 2 and meter.browser_ticks(previous, current) <= 2:
            return True
        previous = current
    return False


# --- what a page receives -----------------------------------------------------------------


def _is_data_request(url: str) -> bool:
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    return path.startswith(("media/", "_stcore/", "component/"))


class Traffic:
    """Bytes one page receives: websocket payloads and HTTP bodies (static vs data)."""

    def __init__(self, page: Any) -> None:
        self.ws_bytes = 0
        self.ws_frames = 0
        self.requests: list[Any] = []
        page.on("websocket", self._on_websocket)
        page.on("requestfinished", self._on_request)

    def _on_request(self, request: Any) -> None:
        self.requests.append(request)

    def _on_websocket(self, websocket: Any) -> None:
        websocket.on("framereceived", self._on_frame)

    def _on_frame(self, payload: str | bytes) -> None:
        self.ws_frames += 1
        self.ws_bytes += len(payload) if isinstance(payload, bytes) else len(payload.encode())

    async def http_bytes(self, since: int = 0) -> tuple[int, int]:
        """(static, data) HTTP response bytes (body + headers) of requests ``[since:]``."""
        static = data = 0
        for request in self.requests[since:]:
            try:
                sizes = await request.sizes()
            except Exception:  # noqa: BLE001 - a request whose page is gone
                continue
            size = max(sizes.get("responseBodySize", 0), 0) + max(
                sizes.get("responseHeadersSize", 0), 0
            )
            if _is_data_request(request.url):
                data += size
            else:
                static += size
        return static, data


async def renderer_busy_s(cdp: Any) -> dict[str, float]:
    """CDP ``Performance.getMetrics``: the renderer main thread's busy times (s)."""
    try:
        metrics = (await cdp.send("Performance.getMetrics"))["metrics"]
    except Exception:  # noqa: BLE001 - target gone
        return {}
    wanted = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
    return {m["name"]: m["value"] for m in metrics if m["name"] in wanted}


def _cdp_delta(a: dict[str, float], b: dict[str, float], key: str = "TaskDuration") -> float | None:
    if key not in b:
        return None
    start = a.get(key, 0.0)
    return b[key] - start if b[key] >= start else b[key]  # a new renderer starts from 0


async def wait_settled(
    page: Any, timeout_s: float, need_run: bool = False, polling: int = 100
) -> bool:
    """Wait for ``SETTLED_JS``; False on timeout (or when the page went away)."""
    if timeout_s <= 0:
        return False
    try:
        await page.wait_for_function(
            SETTLED_JS, arg=need_run, timeout=timeout_s * 1000, polling=polling
        )
        return True
    except Exception:  # noqa: BLE001 - timeout or closed page: not settled
        return False


async def settled_wall_time(page: Any) -> float:
    """The ``time.monotonic()`` value at which the page first looked settled."""
    now_wall = time.monotonic()
    now_page, settled_at = await page.evaluate(
        "() => [performance.now(), window.__rvSettledAt ?? performance.now()]"
    )
    return now_wall - (now_page - settled_at) / 1000


async def discover_pages(browser: Any, app_dir: Path, timeout_s: float) -> list[PageRef]:
    """The pages the app's navigation links to (home first), from a throw-away server;
    the source-based :func:`read_pages` when the navigation shows no links."""
    server = AppServer(app_dir, log_path=LOGS / "server-discover.log")
    await asyncio.to_thread(server.start)
    try:
        context = await browser.new_context(viewport=VIEWPORT)
        page = await context.new_page()
        await page.goto(server.url(HOME), wait_until="commit", timeout=timeout_s * 1000)
        await wait_settled(page, timeout_s)
        if await page.evaluate(NAV_MORE_JS):
            await asyncio.sleep(0.3)
        links = await page.evaluate(NAV_LINKS_JS)
        await context.close()
    finally:
        await asyncio.to_thread(server.stop)
    return pages_from_links(links) if len(links) > 1 else read_pages(app_dir)


# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cost:
    """What one visit or one move cost."""

    what: str
    settled: bool
    seconds: float | None  # to settled
    server_cpu_s: float
    ws_bytes: int
    data_http_bytes: int
    static_http_bytes: int
    browser_cpu_s: float
    renderer_task_s: float | None
    note: str = ""

    @property
    def kb(self) -> float:
        """kB shipped to the browser (websocket payload + data HTTP), 1 kB = 1000 bytes."""
        return (self.ws_bytes + self.data_http_bytes) / 1000


@dataclass(frozen=True)
class PageResult:
    """A page's cold and warm visit and its slider moves."""

    name: str
    title: str
    load_before: tuple[float, float, float]
    cold: Cost | None
    warm: Cost | None
    moves: tuple[Cost, ...] = ()
    server_peak_mb: float | None = None
    exceptions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    start_cpu_s: float | None = None
    start_rss_mb: float | None = None


@dataclass(frozen=True)
class BurstResult:
    """A class burst on one page."""

    page: str
    k: int
    arrivals_s: float
    settle_s: tuple[float | None, ...]
    move_s: tuple[float | None, ...]
    moves_planned: int
    server_cpu_s: float
    browser_cpu_s: float
    wall_s: float
    peak_rss_mb: float
    hwm_mb: float
    errors: tuple[str, ...] = ()
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)


# --- one page -------------------------------------------------------------------------------

THUMB_JS = """
(el) => ({
  value: el.getAttribute('aria-valuenow') ?? String(el.value ?? ''),
  min: el.getAttribute('aria-valuemin') ?? String(el.min ?? ''),
  max: el.getAttribute('aria-valuemax') ?? String(el.max ?? ''),
  text: el.getAttribute('aria-valuetext') ?? '',
})
"""

SLIDER_LABELS_JS = """
() => Array.from(document.querySelectorAll('[data-testid="stSlider"]'), (s) => {
  const label = s.querySelector('[data-testid="stWidgetLabel"]');
  return ((label && label.innerText) || '').replace(/\\s+/g, ' ').trim() || '(no label)';
})
"""

# Make a slider reachable: open the closed expander or the inactive tab holding it, or
# the collapsed sidebar. Returns what it did.
REVEAL_JS = """
(el) => {
  const done = [];
  for (let d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) {
    if (!d.open) { const s = d.querySelector(':scope > summary'); if (s) { s.click(); done.push('expander'); } }
  }
  const panel = el.closest('[role="tabpanel"]');
  if (panel && panel.hidden !== false && !panel.checkVisibility()) {
    const id = panel.getAttribute('aria-labelledby');
    const tab = id && document.getElementById(id);
    if (tab) { tab.click(); done.push('tab'); }
  }
  if (el.closest('[data-testid="stSidebar"]') && !el.checkVisibility()) {
    const b = document.querySelector('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button');
    if (b) { b.click(); done.push('sidebar'); }
  }
  return done.join(',');
}
"""


def _thumb(slider: Any) -> Any:
    return slider.locator('input[type="range"], [role="slider"]').first


def _at_max(state: dict[str, str]) -> bool:
    try:
        return float(state["value"]) >= float(state["max"])
    except (TypeError, ValueError):
        return False


async def _press_thumb(page: Any, slider: Any) -> tuple[str, str, str, bool]:
    """Move the slider's first thumb one step; return (key, before, after, moved)."""
    thumb = _thumb(slider)
    state = await thumb.evaluate(THUMB_JS)
    key = "ArrowLeft" if _at_max(state) else "ArrowRight"
    await thumb.focus()
    await thumb.press(key)
    after = state
    for _ in range(10):  # the thumb's value follows within a frame or two
        after = await thumb.evaluate(THUMB_JS)
        if after["value"] != state["value"]:
            break
        await asyncio.sleep(0.05)
    before_text = state["text"] or state["value"]
    after_text = after["text"] or after["value"]
    return key, before_text, after_text, after["value"] != state["value"]


async def _visit(
    browser: Any, meter: CpuMeter, url: str, what: str, timeout_s: float
) -> tuple[Cost, Any, Any, Traffic, Any]:
    context = await browser.new_context(viewport=VIEWPORT, color_scheme="light")
    page = await context.new_page()
    traffic = Traffic(page)
    cdp = await context.new_cdp_session(page)
    await cdp.send("Performance.enable")
    m0 = await renderer_busy_s(cdp)
    before = meter.sample()
    start = time.monotonic()
    note = ""
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        settled = await wait_settled(page, timeout_s - (time.monotonic() - start))
    except Exception as error:  # noqa: BLE001
        settled, note = False, f"navigation failed: {error!r}"[:200]
    seconds = (await settled_wall_time(page)) - start if settled else None
    quiet = await wait_quiet(meter)
    after = meter.sample()
    m1 = await renderer_busy_s(cdp)
    static, data = await traffic.http_bytes()
    if not quiet:
        note = (note + " CPU still busy after 6 s").strip()
    cost = Cost(
        what=what,
        settled=settled,
        seconds=seconds,
        server_cpu_s=meter.server_s(before, after),
        ws_bytes=traffic.ws_bytes,
        data_http_bytes=data,
        static_http_bytes=static,
        browser_cpu_s=meter.browser_s(before, after),
        renderer_task_s=_cdp_delta(m0, m1),
        note=note,
    )
    return cost, context, page, traffic, cdp


async def _move_once(
    page: Any,
    slider: Any,
    traffic: Traffic,
    cdp: Any,
    meter: CpuMeter,
    timeout: float,
    in_form: bool,
) -> tuple[Cost, bool]:
    """Press one slider's thumb once and measure until the rerun has settled; returns the
    cost (``what``: the values before and after, and the key) and whether the value moved."""
    await page.evaluate(COUNT_RUNS_JS)
    m0 = await renderer_busy_s(cdp)
    ws0, req0 = traffic.ws_bytes, len(traffic.requests)
    before = meter.sample()
    pressed = time.monotonic()
    key, value_before, value_after, moved = await _press_thumb(page, slider)
    if in_form:  # applies with the form's Run button: no rerun to wait for
        timeout = 2.0
    settled = await wait_settled(page, timeout if moved else 3.0, need_run=True)
    seconds = (await settled_wall_time(page)) - pressed if settled else None
    await wait_quiet(meter)
    after = meter.sample()
    m1 = await renderer_busy_s(cdp)
    static, data = await traffic.http_bytes(req0)
    note = "" if moved else "value did not change (disabled or at a stop)"
    if moved and not settled:
        note = f"did not settle within {timeout:.0f} s"
    if in_form:
        note = FORM_NOTE
    cost = Cost(
        what=f"{value_before} → {value_after}, {key}",
        settled=settled,
        seconds=seconds,
        server_cpu_s=meter.server_s(before, after),
        ws_bytes=traffic.ws_bytes - ws0,
        data_http_bytes=data,
        static_http_bytes=static,
        browser_cpu_s=meter.browser_s(before, after),
        renderer_task_s=_cdp_delta(m0, m1),
        note=note,
    )
    return cost, moved


def median_cost(label: str, costs: list[Cost]) -> Cost:
    """One slider's moves as one row: each number the median over the moves (a single
    move on a shared machine can be off by a few tenths of a CPU-second); ``what`` names the
    values passed through. A move that did not settle makes the row unsettled.

    Examples
    --------
    >>> one = Cost("1 → 2, ArrowRight", True, 0.5, 0.1, 1000, 0, 0, 0.6, 0.4)
    >>> two = Cost("2 → 3, ArrowRight", True, 0.7, 0.3, 3000, 0, 0, 0.2, 0.2)
    >>> three = Cost("3 → 4, ArrowRight", True, 0.6, 0.2, 2000, 0, 0, 0.9, 0.3)
    >>> row = median_cost("Budget t", [one, two, three])
    >>> row.what
    'Budget t [1 → 2, ArrowRight; 2 → 3, ArrowRight; 3 → 4, ArrowRight: median of 3]'
    >>> row.server_cpu_s, row.ws_bytes, row.browser_cpu_s, row.seconds
    (0.2, 2000, 0.6, 0.6)
    >>> median_cost("Budget t", [one]).what
    'Budget t [1 → 2, ArrowRight]'
    """

    def median(values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return statistics.median(known) if known else None

    many = len(costs) > 1
    what = "; ".join(c.what for c in costs) + (f": median of {len(costs)}" if many else "")
    return Cost(
        what=f"{label} [{what}]",
        settled=all(c.settled for c in costs),
        seconds=median([c.seconds for c in costs]) if all(c.settled for c in costs) else None,
        server_cpu_s=median([c.server_cpu_s for c in costs]),
        ws_bytes=int(median([c.ws_bytes for c in costs])),
        data_http_bytes=int(median([c.data_http_bytes for c in costs])),
        static_http_bytes=int(median([c.static_http_bytes for c in costs])),
        browser_cpu_s=median([c.browser_cpu_s for c in costs]),
        renderer_task_s=median([c.renderer_task_s for c in costs]),
        note=next((c.note for c in costs if c.note), ""),
    )


async def _move_every_slider(
    page: Any,
    traffic: Traffic,
    cdp: Any,
    meter: CpuMeter,
    move_timeout_s: float,
    deadline: float,
    repeat: int = 1,
) -> tuple[list[Cost], list[str]]:
    moves: list[Cost] = []
    notes: list[str] = []
    done: set[tuple[str, int]] = set()
    for _ in range(MAX_SLIDERS):
        labels = await page.evaluate(SLIDER_LABELS_JS)
        keys = []
        seen: dict[str, int] = {}
        for label in labels:
            seen[label] = seen.get(label, 0) + 1
            keys.append((label, seen[label]))
        todo = [i for i, key in enumerate(keys) if key not in done]
        if not todo:
            break
        if time.monotonic() > deadline:
            notes.append(
                f"time budget for this page used up: {len(todo)} slider(s) not moved: "
                + ", ".join(keys[i][0] for i in todo)
            )
            break
        index = todo[0]
        done.add(keys[index])
        label = keys[index][0]
        slider = page.get_by_test_id("stSlider").nth(index)
        try:
            revealed = await slider.evaluate(REVEAL_JS)
            if revealed:
                await asyncio.sleep(0.4)
                await wait_settled(page, 10)
                await wait_quiet(meter, max_s=3.0)
            in_form = await slider.evaluate("(el) => !!el.closest('[data-testid=\"stForm\"]')")
            costs: list[Cost] = []
            for _ in range(repeat):
                timeout = max(
                    min(move_timeout_s, deadline + move_timeout_s - time.monotonic()), 5.0
                )
                cost, moved = await _move_once(page, slider, traffic, cdp, meter, timeout, in_form)
                costs.append(cost)
                if moved and not cost.settled and not in_form:  # let it finish, then stop
                    await wait_settled(page, move_timeout_s)
                if cost.note:  # did not move, did not settle, or a form: once is enough
                    break
            row = median_cost(label, costs)
            if revealed:
                row = replace(row, what=f"{row.what} (opened {revealed})")
            moves.append(row)
            print(f"    {row.what}: {_cost_line(row)}", flush=True)
        except Exception as error:  # noqa: BLE001 - reported, the run goes on
            notes.append(f"slider {label!r}: {error!r}"[:300])
    return moves, notes


def _cost_line(cost: Cost) -> str:
    secs = "not settled" if cost.seconds is None else f"{cost.seconds:.2f} s"
    return (
        f"server {cost.server_cpu_s:.2f} CPU-s, {cost.kb:.0f} kB (+{cost.static_http_bytes / 1000:.0f} kB static), "
        f"browser {cost.browser_cpu_s:.2f} CPU-s, {secs}"
    )


async def measure_page(
    browser: Any,
    app_dir: Path,
    ref: PageRef,
    *,
    visit_timeout_s: float,
    move_timeout_s: float,
    page_budget_s: float,
    sliders: bool = True,
    repeat: int = 1,
) -> PageResult:
    """Cold visit on a fresh server, warm visit in a second context, then every slider."""
    load = os.getloadavg()
    server = AppServer(app_dir, log_path=LOGS / f"server-{ref.name}.log")
    await asyncio.to_thread(server.start)
    notes: list[str] = []
    exceptions: tuple[str, ...] = ()
    cold = warm = None
    start_cpu_s = start_rss_mb = None
    moves: list[Cost] = []
    try:
        meter = CpuMeter(server.pid)
        await asyncio.sleep(1.0)
        await wait_quiet(meter, max_s=5.0)
        # What the server spent before any visit: its start-up (app.py's st.App lifespan
        # imports what the pages need, regviz.ui.startup), not counted in the cold visit.
        start_cpu_s = meter.sample().server / CLK_TCK
        start_rss_mb = memory_kb(server.pid).get("VmRSS", 0) / 1024
        print(f"  start: {start_cpu_s:.2f} CPU-s, {start_rss_mb:.0f} MB", flush=True)
        url = server.url(ref)
        cold, context, _, _, _ = await _visit(
            browser, meter, url, "cold visit (fresh server)", visit_timeout_s
        )
        print(f"  cold: {_cost_line(cold)}", flush=True)
        await context.close()
        warm, context, page, traffic, cdp = await _visit(
            browser, meter, url, "warm visit (second context)", visit_timeout_s
        )
        print(f"  warm: {_cost_line(warm)}", flush=True)
        try:
            if sliders and warm.settled:
                moves, notes = await _move_every_slider(
                    page,
                    traffic,
                    cdp,
                    meter,
                    move_timeout_s,
                    time.monotonic() + page_budget_s,
                    repeat=repeat,
                )
            elif sliders:
                notes.append("warm visit did not settle: sliders not moved")
            exceptions = tuple(await page.evaluate(EXCEPTIONS_JS))
        finally:
            await context.close()
        peak = memory_kb(server.pid).get("VmHWM", 0) / 1024
    finally:
        await asyncio.to_thread(server.stop)
    return PageResult(
        ref.name,
        ref.title,
        load,
        cold,
        warm,
        tuple(moves),
        peak,
        exceptions,
        tuple(notes),
        start_cpu_s,
        start_rss_mb,
    )


# --- the class burst --------------------------------------------------------------------------


async def _student(
    browser: Any,
    url: str,
    delay_s: float,
    deadline: float,
    visit_timeout_s: float,
    move_timeout_s: float,
    moves: int,
) -> tuple[float | None, list[float | None], str | None, Any]:
    await asyncio.sleep(delay_s)
    context = await browser.new_context(viewport=VIEWPORT, color_scheme="light")
    latencies: list[float | None] = []
    settle = None
    error = None
    try:
        page = await context.new_page()
        arrive = time.monotonic()
        await page.goto(url, wait_until="commit", timeout=visit_timeout_s * 1000)
        ok = await wait_settled(
            page,
            min(visit_timeout_s, deadline - time.monotonic()) - (time.monotonic() - arrive),
            polling=250,
        )
        if not ok:
            return None, [None] * moves, None, context
        settle = (await settled_wall_time(page)) - arrive
        slider = page.get_by_test_id("stSlider").first
        if not await slider.count():
            return settle, [], "no slider on the page", context
        for _ in range(moves):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                latencies.append(None)
                continue
            await page.evaluate(COUNT_RUNS_JS)
            pressed = time.monotonic()
            _, _, _, moved = await _press_thumb(page, slider)
            if not moved:
                latencies.append(None)
                error = "slider did not move"
                continue
            ok = await wait_settled(
                page, min(move_timeout_s, remaining), need_run=True, polling=250
            )
            latencies.append((await settled_wall_time(page)) - pressed if ok else None)
            if not ok:
                latencies.extend([None] * (moves - len(latencies)))
                break
    except Exception as err:  # noqa: BLE001 - counted as not settled
        error = repr(err)[:200]
        latencies.extend([None] * (moves - len(latencies)))
    return settle, latencies, error, context


async def measure_burst(
    browser: Any,
    app_dir: Path,
    ref: PageRef,
    k: int,
    *,
    spread_s: float = 2.0,
    total_timeout_s: float,
    visit_timeout_s: float,
    move_timeout_s: float,
    moves: int = 3,
) -> BurstResult:
    """K contexts arrive within ``spread_s`` on a warmed fresh server; each moves 3 times."""
    load = os.getloadavg()
    server = AppServer(app_dir, log_path=LOGS / f"server-burst-{ref.name}-{k}.log")
    await asyncio.to_thread(server.start)
    try:
        meter = CpuMeter(server.pid)
        url = server.url(ref)
        # The teacher opened the page before the class: caches hold the default view.
        warmup = await browser.new_context(viewport=VIEWPORT)
        page = await warmup.new_page()
        await page.goto(url, wait_until="commit", timeout=visit_timeout_s * 1000)
        await wait_settled(page, visit_timeout_s)
        await warmup.close()
        await wait_quiet(meter, max_s=5.0)

        peak = {"rss": memory_kb(server.pid).get("VmRSS", 0)}
        stop = asyncio.Event()

        async def poll_memory() -> None:
            while not stop.is_set():
                peak["rss"] = max(peak["rss"], memory_kb(server.pid).get("VmRSS", 0))
                await asyncio.sleep(0.2)

        poller = asyncio.create_task(poll_memory())
        before = meter.sample()
        t0 = time.monotonic()
        deadline = t0 + total_timeout_s
        outcomes = await asyncio.gather(
            *(
                _student(
                    browser,
                    url,
                    i * spread_s / k,
                    deadline,
                    visit_timeout_s,
                    move_timeout_s,
                    moves,
                )
                for i in range(k)
            )
        )
        wall = time.monotonic() - t0
        after = meter.sample()
        stop.set()
        await poller
        hwm = memory_kb(server.pid).get("VmHWM", 0)
        for *_, context in outcomes:
            try:
                await context.close()
            except Exception:  # noqa: BLE001
                pass
    finally:
        await asyncio.to_thread(server.stop)
    errors = tuple(sorted({e for _, _, e, _ in outcomes if e}))
    return BurstResult(
        page=ref.name,
        k=k,
        arrivals_s=spread_s,
        settle_s=tuple(s for s, *_ in outcomes),
        move_s=tuple(m for _, ms, _, _ in outcomes for m in ms),
        moves_planned=k * moves,
        server_cpu_s=meter.server_s(before, after),
        browser_cpu_s=meter.browser_s(before, after),
        wall_s=wall,
        peak_rss_mb=peak["rss"] / 1024,
        hwm_mb=hwm / 1024,
        errors=errors,
        load_before=load,
    )


# --- report ----------------------------------------------------------------------------------


def percentile(values: list[float | None], q: float) -> float | None:
    """Nearest-rank percentile; values that did not settle (None) count as +inf.

    Examples
    --------
    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.0
    >>> percentile([1.0, None], 95)
    inf
    >>> percentile([], 50) is None
    True
    """
    if not values:
        return None
    ordered = sorted(math.inf if v is None else v for v in values)
    rank = max(math.ceil(q / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def _f(value: float | None, digits: int = 2, timeout: float | None = None) -> str:
    if value is None:
        return "—"
    if math.isinf(value):
        return f"> {timeout:.0f} (not settled)" if timeout else "not settled"
    return f"{value:.{digits}f}"


def _mark(value: float, limit: float) -> str:
    return "✓" if value <= limit else "✗"


FORM_NOTE = "in a form: applies when its Run / Simulate button is pressed (no rerun, no budget)"


def move_score(cost: Cost, budget: Budget = BUDGET) -> float:
    """How far a move is from its budget: the largest of the three ratios (≤ 1 is within)."""
    return max(
        cost.server_cpu_s / budget.move_server_cpu,
        cost.kb / budget.move_kb,
        cost.browser_cpu_s / budget.move_browser_cpu,
    )


def _move_within(cost: Cost, budget: Budget = BUDGET) -> bool:
    if cost.note == FORM_NOTE:
        return True  # not a live control: the budget is for moves that rerun the page
    return cost.settled and move_score(cost, budget) <= 1.0


def page_table(result: PageResult, budget: Budget = BUDGET) -> list[str]:
    """The per-page Markdown table: cold, warm, every slider (worst flagged)."""
    lines = [
        f"### {result.title} (`/{'' if result.name == 'home' else result.name}`)",
        "",
        f"Load average before: {result.load_before[0]:.2f}; server start-up (before any "
        f"visit) {_f(result.start_cpu_s)} CPU-s, {_f(result.start_rss_mb, 0)} MB resident; "
        f"server peak memory (VmHWM) {_f(result.server_peak_mb, 0)} MB.",
        "",
        "| what | server CPU-s | kB to browser | static kB | browser CPU-s (all Chromium) "
        "| renderer main thread s (CDP) | time to settled (s) | budget |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    worst = max(
        (
            m
            for m in result.moves
            if m.note != FORM_NOTE and (m.settled or m.note.startswith("did not settle"))
        ),
        key=move_score,
        default=None,
    )

    def row(cost: Cost, verdict: str, bold: bool = False) -> str:
        what = cost.what.replace("|", "\\|")
        if bold:
            what = f"**worst slider: {what}**"
        note = f" — {cost.note}" if cost.note else ""
        return (
            f"| {what}{note} | {cost.server_cpu_s:.2f} | {cost.kb:.0f} | {cost.static_http_bytes / 1000:.0f} "
            f"| {cost.browser_cpu_s:.2f} | {_f(cost.renderer_task_s)} "
            f"| {_f(cost.seconds) if cost.settled else 'not settled'} | {verdict} |"
        )

    if result.cold:
        c = result.cold
        lines.append(
            row(
                c,
                f"{_mark(c.server_cpu_s, budget.cold_server_cpu)} ≤ {budget.cold_server_cpu:g} CPU-s",
            )
        )
    if result.warm:
        w = result.warm
        lines.append(
            row(
                w,
                f"{_mark(w.server_cpu_s, budget.warm_server_cpu)} ≤ {budget.warm_server_cpu:g} CPU-s, "
                f"{_mark(w.kb, budget.warm_kb)} ≤ {budget.warm_kb:g} kB",
            )
        )
    for move in result.moves:
        verdict = (
            f"{_mark(move.server_cpu_s, budget.move_server_cpu)} "
            f"{_mark(move.kb, budget.move_kb)} {_mark(move.browser_cpu_s, budget.move_browser_cpu)}"
        )
        lines.append(row(move, verdict, bold=move is worst))
    if not result.moves:
        lines.append("| (no slider moved) | | | | | | | |")
    for note in result.notes:
        lines.append(f"\nNote: {note}")
    if result.exceptions:
        lines.append(f"\nExceptions shown on the page: {list(result.exceptions)}")
    return lines


def worst_move(result: PageResult) -> Cost | None:
    """The move farthest over its budget (see :func:`move_score`)."""
    return max((m for m in result.moves if m.note != FORM_NOTE), key=move_score, default=None)


def summary_table(results: list[PageResult], budget: Budget = BUDGET) -> list[str]:
    """One line per page: cold, warm, the worst slider."""
    lines = [
        "| page | start CPU-s | cold CPU-s | cold kB | warm CPU-s | warm kB | sliders (over budget) "
        "| worst slider | its server CPU-s | its kB | its browser CPU-s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        worst = worst_move(r)
        over = sum(not _move_within(m) for m in r.moves)
        cold = r.cold
        warm = r.warm
        label = worst.what.split(" [", 1)[0].replace("|", "\\|") if worst else "—"
        lines.append(
            f"| {r.name} | {_f(r.start_cpu_s)} | {_f(cold.server_cpu_s if cold else None)} | {_f(cold.kb if cold else None, 0)} "
            f"| {_f(warm.server_cpu_s if warm else None)} | {_f(warm.kb if warm else None, 0)} "
            f"| {len(r.moves)} ({over}) | {label} | {_f(worst.server_cpu_s if worst else None)} "
            f"| {_f(worst.kb if worst else None, 0)} | {_f(worst.browser_cpu_s if worst else None)} |"
        )
    return lines


def burst_table(bursts: list[BurstResult], total_timeout_s: float) -> list[str]:
    """The class-burst Markdown table."""
    lines = [
        "| page | K | settled pages | time to settled p50 / p95 (s) | moves settled "
        "| move latency p50 / p95 (s) | server CPU-s | browser CPU-s (all Chromium) "
        "| browser / server | server peak RSS (MB, polled / VmHWM) | wall (s) | load before |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for b in bursts:
        settled = sum(s is not None for s in b.settle_s)
        moved = sum(m is not None for m in b.move_s)
        ratio = b.browser_cpu_s / b.server_cpu_s if b.server_cpu_s else math.inf
        lines.append(
            f"| {b.page} | {b.k} | {settled}/{b.k} "
            f"| {_f(percentile(list(b.settle_s), 50), 1, total_timeout_s)} / "
            f"{_f(percentile(list(b.settle_s), 95), 1, total_timeout_s)} "
            f"| {moved}/{b.moves_planned} "
            f"| {_f(percentile(list(b.move_s), 50), 2, total_timeout_s)} / "
            f"{_f(percentile(list(b.move_s), 95), 2, total_timeout_s)} "
            f"| {b.server_cpu_s:.1f} | {b.browser_cpu_s:.1f} | {ratio:.1f} "
            f"| {b.peak_rss_mb:.0f} / {b.hwm_mb:.0f} | {b.wall_s:.0f} | {b.load_before[0]:.2f} |"
        )
    errors = sorted({e for b in bursts for e in b.errors})
    if errors:
        lines.append("")
        lines.append("Errors seen in bursts: " + "; ".join(errors))
    return lines


def format_results(
    results: list[PageResult],
    bursts: list[BurstResult],
    info: dict[str, Any],
    args: argparse.Namespace,
) -> str:
    """The whole RESULTS_browser Markdown file."""
    b = BUDGET
    lines = [
        "# Browser benchmark: server CPU, bytes and browser CPU per visit and per slider move",
        "",
        f"Measured by `python benchmarks/bench_browser.py --app-dir {args.app_dir}"
        + (f" --pages {args.pages}" if args.pages else "")
        + ("" if args.burst else " --no-burst")
        + ("  --quick" if args.quick else "")
        + (f" --repeat {args.repeat}" if args.repeat != 1 else "")
        + f"` on checkout {info['commit']}, {info['started']} UTC.",
        "",
        f"Machine: {platform.machine()}, nproc {os.cpu_count()} (shared with other jobs; "
        f"CPU-seconds are per process and robust to that, wall times are not), "
        f"load average before {info['load_before'][0]:.2f} / {info['load_before'][1]:.2f} / "
        f"{info['load_before'][2]:.2f}, after {info['load_after'][0]:.2f} / "
        f"{info['load_after'][1]:.2f} / {info['load_after'][2]:.2f} (1/5/15 min); "
        f"Python {platform.python_version()}, streamlit {info['streamlit']}, plotly {info['plotly']}, "
        f"Chromium {info['chromium']}; regviz imported from `{info['regviz_from']}`. "
        f"Total run time {info['seconds']:.0f} s.",
        "",
        "## How it is measured",
        "",
        "- One `streamlit run app.py` server on 127.0.0.1, started fresh for every page (so the "
        "*cold visit* is the first visit of that page on a fresh server process: first "
        "`app.py` run, first imports, empty caches; server start-up itself is not counted here but apart, as "
        "*start CPU-s*: the CPU the server spent before it answered its health check and went "
        "quiet, which includes what `app.py`'s start-up imports for every page) and "
        "for every burst. The app's own `.streamlit/config.toml` applies. "
        + (
            "It ran from the checkout itself (`--in-place`): its `.venv`, if any, lies in "
            "the folder Streamlit's file watcher follows."
            if args.in_place
            else "It ran from a copy of the checkout's files as git lists them, bytecode "
            "compiled, with the Python environment elsewhere, as Community Cloud lays out an "
            "app (`deployed_copy`): a checkout's `.venv` inside the watched folder would add "
            "the watcher's walk of its folders for each new session (~0.3 CPU-s on a warm "
            "visit of Geometry)."
        ),
        "- *Warm visit*: a second browser context (new Streamlit session) on the same server. "
        "Then, in that context, every `stSlider` on the page (sidebar and expanders included, "
        f"in DOM order): focus its first thumb, press ArrowRight (ArrowLeft when at its "
        f"maximum), wait until the rerun has settled; {args.repeat} such move(s) per slider, "
        "each number in its row the median over them (one move on a shared machine can be off "
        "by a few tenths of a CPU-second). A slider inside a form (a "
        "setting that applies when the form's Run / Simulate button is pressed) makes no "
        "rerun: it is listed with its cost but not held to the per-move budget, as the "
        "issue exempts explicit Run buttons.",
        "- *Server CPU-s*: utime + stime of the server process from `/proc/<pid>/stat`, "
        "after − before, ÷ SC_CLK_TCK (resolution 0.01 s).",
        "- *kB to browser*: websocket frame payloads received by the page (decompressed) + "
        "HTTP bodies/headers of data requests (`/media`, `/_stcore`); *static kB* = HTML, JS, CSS "
        "and fonts of the app shell (loaded once per visitor, cacheable). 1 kB = 1000 bytes.",
        "- *Browser CPU-s*: utime + stime summed over every process of this Chromium "
        "(browser, renderer, GPU and utility processes) from `/proc`; *renderer main "
        "thread s* = CDP `Performance.getMetrics` TaskDuration delta of the page (busy time of "
        "its main thread: script, style, layout, paint).",
        "- Settled = `stApp[data-test-script-state=notRunning]` (after a move: a rerun was "
        "seen first), the main column drew, no spinner/progress/skeleton visible, every "
        "visible plotly chart drawn, all for 400 ms; *time to settled* ends at the start of "
        "those 400 ms. CPU is sampled once server and browser have been quiet (≤ 2 ticks per "
        "0.4 s, at most 6 s), so drawing is included.",
        f"- Budgets (issue 14): per move ≤ {b.move_server_cpu:g} server CPU-s, ≤ {b.move_kb:g} kB, "
        f"≤ {b.move_browser_cpu:g} browser CPU-s (columns: ✓/✗ for each, in that order); second "
        f"visitor ≤ {b.warm_server_cpu:g} CPU-s and ≤ {b.warm_kb:g} kB; first visit on a fresh "
        f"server ≤ {b.cold_server_cpu:g} CPU-s. The *worst slider* is the one farthest over "
        "budget (largest of its three ratios to the budget).",
        f"- Timeouts: visit {args.visit_timeout:g} s, move {args.move_timeout:g} s, slider "
        f"time per page {args.page_budget:g} s, burst {args.burst_timeout:g} s in total.",
        "",
        "## Summary per page",
        "",
        *summary_table(results),
        "",
        "## Per page",
        "",
    ]
    for r in results:
        lines += page_table(r)
        lines.append("")
    lines += ["## Class burst", ""]
    if bursts:
        lines += [
            f"K browser contexts arrive spread evenly over {bursts[0].arrivals_s:g} s on a fresh "
            "server warmed by one visit; each waits for a settled page, then moves its first "
            "slider three times (waiting for each rerun). Pages or moves not settled within "
            f"the burst's {args.burst_timeout:g} s count as +∞ in the percentiles. Server CPU-s "
            "vs browser CPU-s (all Chromium processes, all contexts) over the whole burst shows "
            "which side saturated (2 cores shared by both).",
            "",
            *burst_table(bursts, args.burst_timeout),
        ]
    else:
        lines.append("Not run (`--no-burst` or `--quick`).")
    return "\n".join(lines) + "\n"


# --- the app as deployed -------------------------------------------------------------------


def deployed_copy(app_dir: Path) -> Path:
    """Copy the app the way Community Cloud lays it out, and return the copy's folder.

    Cloud serves a clone of the repository with the Python environment installed elsewhere.
    A checkout used for development usually holds its ``.venv`` (the README creates it
    there), and Streamlit's file watcher watches the app's folder recursively: each new
    session's watcher walks every folder of the environment again (~0.3 CPU-s on a warm
    visit of Geometry, measured 2026-12-01), and every file Python opens there while a
    session is open becomes an inotify event that the watcher's thread handles in Python.
    The copy holds the files git lists (tracked ones as they are in
    the working tree, untracked ones git does not ignore), with their bytecode compiled as
    any earlier run of the app would have left it (this sandbox sets
    ``PYTHONDONTWRITEBYTECODE``, so without it every server start would compile regviz).
    Without git, every file but the environment, caches and test artifacts is copied.
    """
    copy = Path(tempfile.mkdtemp(prefix="regviz-deployed-"))
    listed = subprocess.run(
        ["git", "-C", str(app_dir), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=False,
    )
    if listed.returncode == 0:
        for name in filter(None, listed.stdout.decode().split("\0")):
            source = app_dir / name
            if source.is_file():  # a tracked file deleted in the working tree is not copied
                (copy / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy / name)
    else:
        skip = shutil.ignore_patterns(".venv", "venv", ".git", "__pycache__", "test-artifacts")
        shutil.copytree(app_dir, copy, ignore=skip, dirs_exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-x", r"(^|/)\.", str(copy)],
        check=True,
        capture_output=True,
    )
    return copy


# --- main ------------------------------------------------------------------------------------


async def run(
    args: argparse.Namespace,
) -> tuple[list[PageResult], list[BurstResult], dict[str, Any]]:
    """Run the page measurements and the bursts."""
    from playwright.async_api import async_playwright

    checkout = args.app_dir.resolve()
    app_dir = checkout if args.in_place else deployed_copy(checkout)
    info: dict[str, Any] = {
        "started": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}",
        "load_before": os.getloadavg(),
        "commit": git_commit(checkout),
        "regviz_from": AppServer(app_dir).check_import(),
        "served_from": "the checkout itself" if args.in_place else "a copy as deployed",
    }
    import plotly
    import streamlit

    info["streamlit"], info["plotly"] = streamlit.__version__, plotly.__version__
    started = time.monotonic()
    results: list[PageResult] = []
    bursts: list[BurstResult] = []
    async with async_playwright() as playwright:
        browser = await launch_browser(playwright)
        info["chromium"] = browser.version
        try:
            pages = await discover_pages(browser, app_dir, args.visit_timeout)
            info["pages"] = [p.name for p in pages]
            if args.quick:
                refs = select_pages(pages, args.pages or "geometry")[:1]
            else:
                refs = select_pages(pages, args.pages)
            for ref in [] if args.skip_pages else refs:
                print(f"{ref.name}:", flush=True)
                results.append(
                    await measure_page(
                        browser,
                        app_dir,
                        ref,
                        visit_timeout_s=args.visit_timeout,
                        move_timeout_s=args.move_timeout,
                        page_budget_s=args.page_budget,
                        repeat=args.repeat,
                    )
                )
            if args.burst and not args.quick:
                by_name = {p.name: p for p in pages}
                for name in args.burst_pages.split(","):
                    if name not in by_name:
                        print(f"burst: no page {name!r} in this app, skipped", flush=True)
                        continue
                    for k in (int(size) for size in args.burst_sizes.split(",")):
                        result = await measure_burst(
                            browser,
                            app_dir,
                            by_name[name],
                            k,
                            total_timeout_s=args.burst_timeout,
                            visit_timeout_s=args.burst_timeout,
                            move_timeout_s=args.move_timeout,
                        )
                        bursts.append(result)
                        print("\n".join(burst_table([result], args.burst_timeout)[2:]), flush=True)
        finally:
            await browser.close()
            if app_dir != checkout:
                shutil.rmtree(app_dir, ignore_errors=True)
    info["load_after"] = os.getloadavg()
    info["seconds"] = time.monotonic() - started
    return results, bursts, info


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = app_arguments(__doc__.splitlines()[0])
    parser.add_argument(
        "--burst",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run the class bursts (default: yes)",
    )
    parser.add_argument("--burst-pages", default=",".join(BURST_PAGES), help="pages for the bursts")
    parser.add_argument("--burst-sizes", default=",".join(map(str, BURST_SIZES)), help="K values")
    parser.add_argument(
        "--skip-pages", action="store_true", help="bursts only, no per-page numbers"
    )
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="serve the checkout itself, not a copy laid out as on Community Cloud "
        "(with a .venv inside, the file watcher follows every file Python opens there)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="one page (geometry or the first of --pages), no burst"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="Markdown results file")
    parser.add_argument("--json", type=Path, help="also write the raw numbers as JSON")
    parser.add_argument(
        "--visit-timeout", type=float, default=120.0, help="s for a visit to settle"
    )
    parser.add_argument(
        "--move-timeout", type=float, default=60.0, help="s for one slider move to settle"
    )
    parser.add_argument(
        "--page-budget", type=float, default=240.0, help="s for all slider moves of a page"
    )
    parser.add_argument("--burst-timeout", type=float, default=120.0, help="s for a whole burst")
    parser.add_argument(
        "--repeat",
        type=int,
        help="moves per slider, reported as their median (default 3; 1 with --quick)",
    )
    args = parser.parse_args(argv)
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    reason = browser_skip_reason()
    if reason:
        print(f"cannot run the browser benchmark: {reason}", file=sys.stderr)
        return 2
    results, bursts, info = asyncio.run(run(args))
    text = format_results(results, bursts, info, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"\nwritten to {args.out}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "info": info,
            "pages": [
                asdict(r) | {"moves": [asdict(m) | {"kb": m.kb} for m in r.moves]} for r in results
            ],
            "bursts": [asdict(b) for b in bursts],
        }
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
