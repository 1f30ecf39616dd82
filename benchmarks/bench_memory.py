"""Memory of the whole server under hostile load (issue 12): peak and idle resident memory.

ONE ``streamlit run app.py`` server (started from the repo root, Community Cloud's shape:
one process for every visitor) is driven by headless Debian Chromium
(``/usr/bin/chromium``) through Playwright, from three browser contexts (three visitors):

1. *uploads* — each visitor opens Coefficient paths with ``source=csv`` and uploads its own
   ~20 MB CSV (199,000 rows × 50 columns; at that size only one-digit numbers fit under the
   20 MB cap, as in the issue's reproduction; different contents per visitor); one visitor
   uploads the same file a second time; one visitor then uploads a file AT the parser's caps
   (40,000 rows × 50 float columns, ~16 MB, accepted) with all three penalties and 10-fold
   cross-validation, the heaviest upload the page accepts. Each visitor keeps its upload
   tab open (its session, upload and cache entries stay alive).
2. *heavy pages* — in a second tab per visitor, in turn, shared links that open the heavy
   pages at their maxima (and button clicks where a study runs on demand): a dozen
   distinct maximal settings, the last three opened by the three visitors at the same time.
3. *idle* — every context is closed; 40 s later one light visit (home page) in a new
   context; the resident memory a few seconds after it is the *idle* figure. In the full
   run a *late idle* reading follows once Streamlit's disconnected-session TTL (120 s)
   has passed.

The server's ``VmRSS`` and ``VmHWM`` (``/proc/<pid>/status``) are polled every 0.2 s in a
thread; per step the table shows RSS before and after, the highest RSS polled during the
step, and ``VmHWM`` (the kernel's exact peak) after it. Targets (issue 12): peak
(``VmHWM`` at the end) ≤ 650 MB, idle ≤ 450 MB. MB = 2**20 bytes.

Every wait is bounded: a step that does not settle in time is reported, not waited for.

Run::

    python benchmarks/bench_memory.py                      # writes benchmarks/RESULTS_memory.md
    python benchmarks/bench_memory.py --quick --out /tmp/m.md --json /tmp/m.json  # smoke test
"""

# ruff: noqa: E501 - Markdown table rows read better unwrapped

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from harness import load_average

ROOT = Path(__file__).resolve().parents[1]
# The browser helpers, and regviz itself (they name its live chart) without an install.
sys.path[:0] = [str(ROOT / "tests" / "e2e"), str(ROOT)]

from e2e_helpers import (  # noqa: E402
    _IDLE_JS,
    CHARTS,
    StreamlitServer,
    browser_skip_reason,
    chromium_version,
    exception_texts,
    git_commit,
    launch_browser,
    memory_kb,
)

RESULTS = ROOT / "benchmarks" / "RESULTS_memory.md"
WORK = ROOT / "test-artifacts" / "bench_memory"
VIEWPORT = {"width": 1400, "height": 1000}
POLL_S = 0.2
PEAK_TARGET_MB = 650
IDLE_TARGET_MB = 450
STEP_TIMEOUT_MS = 300_000
# Streamlit keeps a disconnected session (its state and uploads) this long (its default).
SESSION_TTL_S = 120

# The upload files: 199,000 × 50 one-digit values are 19.9 MB, just under the 20 MB cap.
BIG_ROWS, BIG_COLUMNS = 199_000, 50
# At the parser's caps (UploadLimits: 2,000,000 values, 200 columns, 50,000 rows).
CAP_ROWS, CAP_COLUMNS = 40_000, 50

# Before an action: note when each script run starts from now on.
_WATCH_RUNS_JS = """
() => {
  window.__regvizRunStarts = [];
  window.__regvizMark = performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  if (window.__regvizStartObserver) window.__regvizStartObserver.disconnect();
  window.__regvizStartObserver = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running')
      window.__regvizRunStarts.push(performance.now());
  });
  window.__regvizStartObserver.observe(app, {attributes: true,
                                             attributeFilter: ['data-test-script-state']});
}
"""
# A script run started since the mark has finished and the page has been idle for 400 ms.
_RAN_JS = f"() => window.__regvizRunStarts.length > 0 && ({_IDLE_JS})()"
# In every page of a context: note when each file upload (a PUT to /_stcore/upload_file)
# has finished. (Resource timings cannot tell the PUT from the DELETE of a replaced file.)
_NOTE_UPLOADS_JS = """
(() => {
  window.__regvizUploadsDone = [];
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (String(method).toUpperCase() === 'PUT' && String(url).includes('/_stcore/upload_file'))
      this.addEventListener('loadend', () => window.__regvizUploadsDone.push(performance.now()));
    return open.call(this, method, url, ...rest);
  };
})();
"""
# An upload finished after the mark, a script run started after it, and the page is idle.
_UPLOADED_JS = f"""
() => {{
  const done = (window.__regvizUploadsDone || []).filter((t) => t >= window.__regvizMark);
  if (!done.length) return false;
  const end = Math.max(...done);
  return window.__regvizRunStarts.some((t) => t >= end) && ({_IDLE_JS})();
}}
"""
_ALERTS_JS = """
() => Array.from(document.querySelectorAll(
  '[data-testid="stMain"] [data-testid="stAlert"], [data-testid="stSidebar"] [data-testid="stAlert"]'))
  .map((el) => el.innerText.trim()).filter((t) => t)
"""
_SHOWN_JS = """
() => Boolean(Array.from(document.querySelectorAll('__CHARTS__')).some(
    (chart) => chart.querySelector('.main-svg'))
  || document.querySelector(
    '[data-testid="stMain"] [data-testid="stAlert"], [data-testid="stException"]'))
""".replace("__CHARTS__", CHARTS)
_UPLOAD_ERROR_JS = """
() => Array.from(document.querySelectorAll('[data-testid="stFileUploader"]'))
  .map((el) => el.innerText.replace(/\\s+/g, ' ').trim())
"""


# --- /proc -------------------------------------------------------------------------------


def mb(kb: float) -> float:
    """kB → MB (2**20 bytes)."""
    return kb / 1024


class MemorySampler:
    """Polls ``/proc/<pid>/status`` every :data:`POLL_S` seconds in a daemon thread."""

    def __init__(self, pid: int, interval: float = POLL_S) -> None:
        self.pid = pid
        self.interval = interval
        self.samples: list[tuple[float, int, int]] = []  # (monotonic s, VmRSS kB, VmHWM kB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> dict[str, int]:
        """Read the status now, keep it, and return it."""
        status = memory_kb(self.pid, ("VmRSS", "VmHWM", "Threads"))
        if "VmRSS" in status:
            self.samples.append((time.monotonic(), status["VmRSS"], status["VmHWM"]))
        return status

    def peak_rss_since(self, start: float) -> int:
        """The highest RSS (kB) polled since ``start`` (monotonic seconds)."""
        values = [rss for t, rss, _ in list(self.samples) if t >= start]
        return max(values, default=0)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


# --- the server ----------------------------------------------------------------------------


def server_env(extra: dict[str, str]) -> dict[str, str]:
    """The server's environment: this one, BLAS on one thread unless it says otherwise (like
    the test suite and a Cloud container's fraction of a core), then ``extra``."""
    env = dict(os.environ)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env.setdefault(name, "1")
    return env | extra


# --- CSV files ---------------------------------------------------------------------------


def digits_csv(path: Path, rows: int, columns: int, seed: int) -> Path:
    """A CSV of one-digit values (2 bytes per value): ``rows`` × ``columns`` plus a header.

    The last column is a noisy linear function of the others (so it is a real target).
    """
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 10, size=(rows, columns), dtype=np.uint8)
    weights = rng.normal(size=columns - 1)
    target = values[:, :-1].astype(float) @ weights
    span = np.ptp(target) or 1.0
    values[:, -1] = np.clip(np.rint((target - target.min()) / span * 9), 0, 9).astype(np.uint8)
    text = np.empty((rows, 2 * columns), dtype=np.uint8)
    text[:, 0::2] = values + ord("0")
    text[:, 1::2] = ord(",")
    text[:, -1] = ord("\n")
    header = ",".join([f"x{j + 1}" for j in range(columns - 1)] + ["y"]) + "\n"
    path.write_bytes(header.encode() + text.tobytes())
    return path


def float_csv(path: Path, rows: int, columns: int, seed: int) -> Path:
    """A CSV of floats with 4 decimals; the last column is y = Xβ + noise (5 true features)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, columns - 1))
    beta = np.zeros(columns - 1)
    true = (3.0, -2.0, 1.5, 1.0, -1.0)[: columns - 1]
    beta[: len(true)] = true
    y = X @ beta + rng.normal(size=rows)
    header = ",".join([f"x{j + 1}" for j in range(columns - 1)] + ["y"])
    np.savetxt(path, np.column_stack([X, y]), fmt="%.4f", delimiter=",", header=header, comments="")
    return path


@dataclass(frozen=True)
class Files:
    """The CSV files the visitors upload."""

    big: tuple[Path, ...]  # one ~20 MB file per visitor, different contents
    cap: Path | None  # the largest table the parser accepts
    small: Path | None  # --quick


def make_files(folder: Path, quick: bool) -> Files:
    folder.mkdir(parents=True, exist_ok=True)
    if quick:
        return Files(big=(), cap=None, small=float_csv(folder / "small.csv", 2_000, 10, seed=0))
    big = tuple(
        digits_csv(folder / f"big_{name}.csv", BIG_ROWS, BIG_COLUMNS, seed=seed)
        for seed, name in enumerate("abc", start=1)
    )
    cap = float_csv(folder / "cap.csv", CAP_ROWS, CAP_COLUMNS, seed=4)
    return Files(big=big, cap=cap, small=None)


# --- steps -------------------------------------------------------------------------------


@dataclass
class Step:
    """One measured step: what a visitor did and what the server's memory did."""

    name: str
    visitor: str
    what: str
    rss_before_mb: float = 0.0
    rss_after_mb: float = 0.0
    peak_rss_mb: float = 0.0
    hwm_after_mb: float = 0.0
    threads: int = 0
    seconds: float = 0.0
    settled: bool = True
    outcome: str = ""
    exceptions: list[str] = field(default_factory=list)


class Bench:
    """Runs the steps against one server, recording memory around each."""

    def __init__(self, server: StreamlitServer, sampler: MemorySampler, timeout_ms: int) -> None:
        self.server = server
        self.sampler = sampler
        self.timeout_ms = timeout_ms
        self.steps: list[Step] = []

    @contextmanager
    def step(self, name: str, visitor: str, what: str) -> Iterator[Step]:
        record = Step(name=name, visitor=visitor, what=what)
        before = self.sampler.sample()
        record.rss_before_mb = mb(before.get("VmRSS", 0))
        start = time.monotonic()
        try:
            yield record
        except Exception as error:  # noqa: BLE001 - a failed step is reported, not fatal
            record.settled = False
            record.outcome = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
        record.seconds = time.monotonic() - start
        after = self.sampler.sample()
        record.rss_after_mb = mb(after.get("VmRSS", 0))
        record.hwm_after_mb = mb(after.get("VmHWM", 0))
        record.threads = after.get("Threads", 0)
        record.peak_rss_mb = max(mb(self.sampler.peak_rss_since(start)), record.rss_after_mb)
        self.steps.append(record)
        flag = "" if record.settled else "  (NOT SETTLED)"
        print(
            f"{len(self.steps):>2} {record.visitor:<3} {name:<44} rss {record.rss_before_mb:6.0f} → "
            f"{record.rss_after_mb:6.0f} MB  peak {record.peak_rss_mb:6.0f}  hwm "
            f"{record.hwm_after_mb:6.0f}  {record.seconds:6.1f} s{flag}",
            flush=True,
        )

    # -- page helpers

    @staticmethod
    def new_context(browser: Any) -> Any:
        """A browser context (a visitor) whose pages note when their uploads finish."""
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(_NOTE_UPLOADS_JS)
        return context

    def settle_after(self, page: Any, action: Callable[[], None]) -> None:
        """Do ``action`` (which starts a rerun) and wait until that rerun has finished."""
        page.evaluate(_WATCH_RUNS_JS)
        action()
        page.wait_for_function(_RAN_JS, timeout=self.timeout_ms, polling=150)

    def open(self, page: Any, path: str) -> None:
        """Open a shared link and wait until the page script has finished."""
        page.goto(self.server.url(path), wait_until="domcontentloaded", timeout=self.timeout_ms)
        page.wait_for_function(_IDLE_JS, timeout=self.timeout_ms, polling=150)

    def click(self, page: Any, label: str) -> None:
        """Click the button named ``label`` and wait for the run it starts."""
        button = page.get_by_role("button", name=label).first
        button.wait_for(state="visible", timeout=self.timeout_ms)
        self.settle_after(page, button.click)

    def upload(self, page: Any, path: Path) -> None:
        """Put ``path`` into the page's file uploader and wait for the rerun it starts."""
        field_ = page.get_by_test_id("stFileUploader").locator('input[type="file"]').first
        field_.set_input_files([])  # the same file again would not count as a change
        page.evaluate(_WATCH_RUNS_JS)
        field_.set_input_files(str(path))
        page.wait_for_function(_UPLOADED_JS, timeout=self.timeout_ms, polling=150)

    def remove_upload(self, page: Any) -> None:
        """Remove the uploaded file (the ✕ on its chip) and wait for the rerun it starts."""
        chip = page.get_by_test_id("stFileUploader").get_by_test_id("stFileChipDeleteBtn").first
        chip.wait_for(state="visible", timeout=self.timeout_ms)
        self.settle_after(page, chip.click)

    @staticmethod
    def describe(page: Any, record: Step) -> None:
        """What the visitor sees: exception boxes (must be none) and the page's notices.

        Plotly's bundle loads lazily: a chart may appear a moment after the script ended,
        so this waits (at most 15 s) for a chart, a notice or an exception box first.
        """
        try:
            page.wait_for_function(_SHOWN_JS, timeout=15_000, polling=150)
        except Exception:  # noqa: BLE001 - a page with nothing to show is reported as such
            pass
        record.exceptions = exception_texts(page)
        alerts = [" ".join(a.split()) for a in page.evaluate(_ALERTS_JS)]
        chips = [c for c in page.evaluate(_UPLOAD_ERROR_JS) if "error" in c.lower()]
        shown = [a[:160] for a in alerts if "upload" in a.lower() or "file" in a.lower()]
        charts = page.locator(CHARTS).count()
        parts = [f"{charts} charts"] + shown[:1] + chips[:1]
        if record.exceptions:
            parts.append(f"{len(record.exceptions)} exception box(es)")
        record.outcome = "; ".join(parts)


# The heavy pages at their maxima: (visitor index, step name, link, button to click or None).
HEAVY: tuple[tuple[int, str, str, str | None], ...] = (
    (0, "paths synthetic n=2000 p=300 ρ=0.95",
     "paths?source=synthetic&n=2000&p=300&k=50&rho=0.95&view=all&folds=10", None),
    (1, "overfitting n=500 deg 20 + bias–variance B=300",
     "overfitting?n=500&degree=20&view=with_enet&b=300", "Run the bias–variance study"),
    (2, "monte_carlo a million trials",
     "monte_carlo?million=1", None),
    (0, "monte_carlo explained.ai N=12,800, 50,000 trials",
     "monte_carlo?million=1&article=1&art_variant=general&art_n=12800&art_trials=50000", None),
    (1, "monte_carlo p features, 100 problems, ρ=0.9",
     "monte_carlo?million=1&highdim=1&hd_problems=100&hd_corr=0.9&hd_strength=0.05", None),
    (2, "three_d 250,000 random bowls",
     "three_d", "Run 250,000 random bowls"),
    (0, "sample_complexity live m=200, d≤1000, 6×10",
     "sample_complexity?live_setting=exponential&live_n_train=200&live_max_features=1000"
     "&live_n_points=6&live_repeats=10", "Run"),
    (1, "early_stopping diabetes T=20,000",
     "early_stopping?dataset=diabetes&n_steps=20000&t=20000", None),
    (2, "weight_decay K=3000, 10 features",
     "weight_decay?n_steps=3000&n_features=10&scale_decades=3", None),
    (0, "overfitting rbf n=500 + bias–variance B=300",
     "overfitting?n=500&degree=20&basis=rbf&view=with_enet&b=300", "Run the bias–variance study"),
    (1, "monte_carlo a million, κ 10–100, Gaussian",
     "monte_carlo?million=1&kappa=10&kappa=100&center_dist=gaussian&seed=1", None),
    (2, "early_stopping wine T=20,000",
     "early_stopping?dataset=wine&n_steps=20000&t=20000", None),
)  # fmt: skip
# Opened by the three visitors at the same moment, after the others.
BURST: tuple[tuple[int, str, str, str | None], ...] = (
    (0, "paths synthetic n=2000 p=300 ρ=0.95 seed 1",
     "paths?source=synthetic&n=2000&p=300&k=50&rho=0.95&view=all&folds=10&seed=1", None),
    (1, "monte_carlo a million, seed 2",
     "monte_carlo?million=1&seed=2", None),
    (2, "overfitting step n=500 + bias–variance B=300",
     "overfitting?n=500&degree=20&truth=step&view=with_enet&b=300", "Run the bias–variance study"),
)  # fmt: skip
QUICK_HEAVY = ((0, "early_stopping T=20,000", "early_stopping?n_steps=20000&t=20000", None),)
VISITORS = ("A", "B", "C")


def run_heavy(bench: Bench, page: Any, visitor: str, item: tuple) -> None:
    _, name, link, button = item
    with bench.step(name, visitor, f"`/{link}`" + (f" + «{button}»" if button else "")) as rec:
        bench.open(page, link)
        if button:
            bench.click(page, button)
        bench.describe(page, rec)


def run_burst(bench: Bench, pages: list[Any]) -> None:
    """The burst's links opened at once in three tabs; buttons clicked once each has drawn."""
    names = " | ".join(name for _, name, _, _ in BURST)
    with bench.step("burst: " + names, "ABC", "three links at the same moment") as rec:
        for (_, _, link, _), page in zip(BURST, pages, strict=True):
            page.goto(bench.server.url(link), wait_until="commit", timeout=bench.timeout_ms)
        for (_, _, _, button), page in zip(BURST, pages, strict=True):
            page.wait_for_function(_IDLE_JS, timeout=bench.timeout_ms, polling=150)
            if button:
                bench.click(page, button)
        outcomes = []
        for page in pages:
            bench.describe(page, rec)
            outcomes.append(rec.outcome)
        rec.outcome = " / ".join(outcomes)


def scenario(bench: Bench, browser: Any, files: Files, quick: bool, idle_wait: float,
             late: bool) -> dict[str, float]:  # fmt: skip
    """Uploads, heavy pages, then idle; returns the idle readings (MB)."""
    contexts = [bench.new_context(browser) for _ in VISITORS]
    upload_tabs, heavy_tabs = [], []
    for context in contexts:
        context.set_default_timeout(bench.timeout_ms)
    with bench.step("server started, nothing opened", "-", "baseline"):
        pass

    # --- uploads: one tab per visitor that stays open
    if quick:
        tab = contexts[0].new_page()
        upload_tabs.append(tab)
        with bench.step("paths: upload a small CSV (2,000 × 10)", "A", "accepted") as rec:
            bench.open(tab, "paths?source=csv")
            bench.upload(tab, files.small)
            bench.describe(tab, rec)
    else:
        links = ("paths?source=csv&view=all&folds=10", "paths?source=csv", "paths?source=csv")
        for visitor, context, link, path in zip(VISITORS, contexts, links, files.big, strict=True):
            tab = context.new_page()
            upload_tabs.append(tab)
            label = f"paths: upload {path.name} ({path.stat().st_size / 1e6:.1f} MB)"
            with bench.step(label, visitor, f"`/{link}`, 199,000 × 50") as rec:
                bench.open(tab, link)
                bench.upload(tab, path)
                bench.describe(tab, rec)
        with bench.step(
            f"paths: the same {files.big[2].name} again", "C", "removed, then uploaded again"
        ) as rec:
            bench.remove_upload(upload_tabs[2])
            bench.upload(upload_tabs[2], files.big[2])
            bench.describe(upload_tabs[2], rec)
        size = files.cap.stat().st_size / 1e6
        with bench.step(f"paths: upload {files.cap.name} at the caps ({size:.1f} MB)", "A",
                        "40,000 × 50 floats, all penalties, 10-fold CV") as rec:  # fmt: skip
            bench.upload(upload_tabs[0], files.cap)
            bench.describe(upload_tabs[0], rec)

    # --- heavy pages, one tab per visitor, links followed in turn
    heavy_tabs = [context.new_page() for context in contexts]
    for item in QUICK_HEAVY if quick else HEAVY:
        run_heavy(bench, heavy_tabs[item[0]], VISITORS[item[0]], item)
    if not quick:
        run_burst(bench, heavy_tabs)

    # --- idle
    readings: dict[str, float] = {}
    with bench.step("all contexts closed", "-", "every tab and context closed"):
        for context in contexts:
            context.close()
        closed_at = time.monotonic()
        time.sleep(2)

    def light_visit(label: str, wait_until: float) -> float:
        time.sleep(max(0.0, wait_until - time.monotonic()))
        with bench.step(label, "D", "home page in a new context, then closed") as rec:
            context = bench.new_context(browser)
            page = context.new_page()
            bench.open(page, "")
            bench.describe(page, rec)
            context.close()
            time.sleep(3)
        return rec.rss_after_mb

    readings["idle_mb"] = light_visit(
        f"idle: light visit {idle_wait:.0f} s after closing", closed_at + idle_wait
    )
    readings["idle_after_s"] = time.monotonic() - closed_at
    if late:
        readings["late_idle_mb"] = light_visit(
            f"late idle: light visit {SESSION_TTL_S + 10} s after closing",
            closed_at + SESSION_TTL_S + 10,
        )
        readings["late_idle_after_s"] = time.monotonic() - closed_at
    return readings


# --- report ------------------------------------------------------------------------------


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in ("streamlit", "numpy", "scipy", "sklearn", "pandas", "plotly", "playwright"):
        try:
            module = __import__(name)
            found[name] = getattr(module, "__version__", "?")
        except Exception:  # noqa: BLE001 - a missing package is just not listed
            pass
    if "playwright" not in found or found["playwright"] == "?":
        try:
            from importlib.metadata import version

            found["playwright"] = version("playwright")
        except Exception:  # noqa: BLE001
            pass
    found["chromium"] = chromium_version() or "?"
    found["regviz commit"] = git_commit(ROOT)
    return found


def render(data: dict[str, Any]) -> str:
    peak, idle = data["peak_mb"], data["idle_mb"]
    verdict = lambda value, target: "**met**" if value <= target else "**missed**"  # noqa: E731
    lines = [
        "# Server memory under three uploading visitors and the heavy pages at their maxima",
        "",
        f"Measured by `python benchmarks/bench_memory.py{' --quick' if data['quick'] else ''}` "
        f"on {data['date']}: one `streamlit run app.py` server (pid's `VmRSS`/`VmHWM` from "
        "`/proc`, polled every 0.2 s), driven by headless Debian Chromium from three browser "
        "contexts (visitors A, B, C; D is the light visit). MB = 2²⁰ bytes.",
        "",
        f"Machine: {data['nproc']} CPUs, load average {data['load_before']} before and "
        f"{data['load_after']} after (1, 5, 15 min); server environment "
        f"{data['server_env']}.",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in data["versions"].items()) + ".",
        "",
        "## Against the targets (issue 12)",
        "",
        "| | measured | target | |",
        "| --- | --- | --- | --- |",
        f"| peak (`VmHWM` at the end) | {peak:.0f} MB | ≤ {PEAK_TARGET_MB} MB | {verdict(peak, PEAK_TARGET_MB)} |",
        f"| idle (`VmRSS` {data['idle_after_s']:.0f} s after every context closed, after one light visit) | {idle:.0f} MB | ≤ {IDLE_TARGET_MB} MB | {verdict(idle, IDLE_TARGET_MB)} |",
    ]
    if "late_idle_mb" in data:
        lines.append(
            f"| late idle (`VmRSS` {data['late_idle_after_s']:.0f} s after closing: past "
            f"Streamlit's {SESSION_TTL_S} s disconnected-session TTL) | {data['late_idle_mb']:.0f} MB | "
            f"(≤ {IDLE_TARGET_MB} MB) | {verdict(data['late_idle_mb'], IDLE_TARGET_MB)} |"
        )
    lines += [
        "",
        "## Per step",
        "",
        "RSS before → after the step, the highest RSS polled during it, the kernel's peak "
        "(`VmHWM`) after it, the server's thread count, the step's wall time (a loaded "
        "machine, not a benchmark of speed) and what the visitor saw.",
        "",
        "| # | visitor | step | what | RSS before (MB) | RSS after (MB) | peak RSS in step (MB) | VmHWM after (MB) | threads | s | outcome |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for i, s in enumerate(data["steps"], start=1):
        outcome = s["outcome"].replace("|", "/") + ("" if s["settled"] else " — **did not settle**")
        lines.append(
            f"| {i} | {s['visitor']} | {s['name']} | {s['what']} | {s['rss_before_mb']:.0f} | "
            f"{s['rss_after_mb']:.0f} | {s['peak_rss_mb']:.0f} | {s['hwm_after_mb']:.0f} | "
            f"{s['threads']} | {s['seconds']:.1f} | {outcome} |"
        )
    failed = [s["name"] for s in data["steps"] if not s["settled"] or s["exceptions"]]
    lines += [
        "",
        f"Steps that did not settle or showed an exception box: {', '.join(failed) or 'none'}.",
        "",
    ]
    if data.get("notes"):
        lines += ["## Notes", "", data["notes"].strip(), ""]
    return "\n".join(lines)


def print_table(data: dict[str, Any]) -> None:
    print()
    print(
        f"{'#':>2} {'who':<3} {'step':<52} {'before':>7} {'after':>7} {'peak':>7} {'hwm':>7} {'s':>6}"
    )
    for i, s in enumerate(data["steps"], start=1):
        print(
            f"{i:>2} {s['visitor']:<3} {s['name'][:52]:<52} {s['rss_before_mb']:7.0f} "
            f"{s['rss_after_mb']:7.0f} {s['peak_rss_mb']:7.0f} {s['hwm_after_mb']:7.0f} "
            f"{s['seconds']:6.1f}" + ("" if s["settled"] else "  NOT SETTLED")
        )
    print(
        f"\npeak (VmHWM) {data['peak_mb']:.0f} MB (target ≤ {PEAK_TARGET_MB}); idle "
        f"{data['idle_mb']:.0f} MB (target ≤ {IDLE_TARGET_MB})"  # fmt: skip
        + (f"; late idle {data['late_idle_mb']:.0f} MB" if "late_idle_mb" in data else "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="one small upload and one heavy page (smoke test)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=None,
                        help=f"Markdown results (default {RESULTS.relative_to(ROOT)}; with "
                        "--quick test-artifacts/bench_memory/RESULTS_memory_quick.md)")  # fmt: skip
    parser.add_argument("--json", type=Path, default=None, help="also write the raw numbers")
    parser.add_argument("--idle-wait", type=float, default=None,
                        help="seconds between closing every context and the light visit "
                        "(default 40; 2 with --quick)")  # fmt: skip
    parser.add_argument("--no-late", action="store_true",
                        help="skip the late idle reading after the 120 s session TTL")  # fmt: skip
    parser.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                        help="an environment variable for the server only, e.g. "
                        "MALLOC_ARENA_MAX=2 (repeatable; named in the results)")  # fmt: skip
    parser.add_argument("--notes", type=Path, default=None,
                        help="a Markdown file whose text is added under 'Notes'")  # fmt: skip
    args = parser.parse_args(argv)

    reason = browser_skip_reason()
    if reason:
        print(f"cannot run: {reason}")
        return 2
    from playwright.sync_api import sync_playwright

    out = args.out or (WORK / "RESULTS_memory_quick.md" if args.quick else RESULTS)
    idle_wait = args.idle_wait if args.idle_wait is not None else (2.0 if args.quick else 40.0)
    late = not (args.quick or args.no_late)
    WORK.mkdir(parents=True, exist_ok=True)
    load_before = load_average(sep=" ")
    started = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory(prefix="bench_memory_") as tmp:
        files = make_files(Path(tmp), args.quick)
        extra = dict(item.split("=", 1) for item in args.server_env)
        env = server_env(extra)
        # The app's own .streamlit/config.toml applies (file watcher left at its default,
        # as on Community Cloud).
        server = StreamlitServer(
            WORK / ("server_quick.log" if args.quick else "server.log"),
            startup_timeout=90.0,
            extra_args=(),
            env=env,
        )
        with server, MemorySampler(server.pid) as sampler, sync_playwright() as pw:
            browser = launch_browser(pw)
            try:
                bench = Bench(server, sampler, STEP_TIMEOUT_MS)
                readings = scenario(bench, browser, files, args.quick, idle_wait, late)
            finally:
                browser.close()
            final = sampler.sample()
    data: dict[str, Any] = {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "quick": args.quick,
        "nproc": os.cpu_count(),
        "load_before": load_before,
        "load_after": load_average(sep=" "),
        "server_env": ", ".join(
            f"{k}={env[k]}" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", *extra)
        ),
        "versions": versions(),
        "steps": [asdict(s) for s in bench.steps],
        "peak_mb": mb(final.get("VmHWM", 0)) or max(s.hwm_after_mb for s in bench.steps),
        "peak_rss_polled_mb": max(s.peak_rss_mb for s in bench.steps),
        "peak_target_mb": PEAK_TARGET_MB,
        "idle_target_mb": IDLE_TARGET_MB,
        **readings,
    }
    if args.notes is not None:
        data["notes"] = args.notes.read_text()
    print_table(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(data))
    print(f"wrote {out}")
    if args.json is not None:
        args.json.write_text(json.dumps(data, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
