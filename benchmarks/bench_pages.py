"""Per page: time to first figure in a real browser and peak memory of the Streamlit server.

Run ``python benchmarks/bench_pages.py`` (add ``--write`` to save the table to
``benchmarks/RESULTS_pages.md``, ``--quick`` for the home page only, ``--page URL_PATH`` to
pick pages). Every page of ``app.py``'s ``PAGES`` list is measured, each on its OWN fresh
``streamlit run app.py`` server, so the server's peak resident memory (``VmHWM`` from
``/proc/<pid>/status``) belongs to that page alone and its first load is cold (empty
``st.cache_data``). Measured per page, side by side in one run:

- *cold first figure*: navigation start → the first ``stPlotlyChart`` drawn, fresh server;
- *warm first figure*: the same in a new browser session on the same server (cache warm),
  and the ratio cold / warm;
- server memory before any page was opened, the peak after the first figure, and the peak
  after every slider of the page was pushed to its maximum with the keyboard (``End``): the
  largest settings a student can reach by sliders, checked against Community Cloud's
  ~800 MB budget.

Uses Debian's Chromium (``/usr/bin/chromium``) through Playwright, like ``tests/e2e``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The browser helpers, and regviz itself (they name its live chart) without an install.
sys.path[:0] = [str(ROOT / "tests" / "e2e"), str(ROOT)]

from e2e_helpers import (  # noqa: E402
    ARTIFACTS,
    HOME,
    VIEWPORT,
    PageEntry,
    StreamlitServer,
    all_pages,
    browser_skip_reason,
    chromium_version,
    count_reruns,
    launch_browser,
    memory_kb,
    wait_for_figure,
    wait_until_idle,
)

RESULTS = ROOT / "benchmarks" / "RESULTS_pages.md"
CLOUD_MEMORY_MB = 800
PAGE_TIMEOUT_MS = 180_000


@dataclass(frozen=True)
class PageResult:
    """What one page cost, measured on its own fresh server."""

    name: str
    title: str
    ready_s: float
    cold_figure_s: float | None
    warm_figure_s: float | None
    server_start_mb: float
    peak_first_mb: float
    peak_max_settings_mb: float | None
    max_settings_s: float | None
    sliders: int

    @property
    def cold_over_warm(self) -> float | None:
        """How many times slower the first (cold-cache) figure is than a warm one."""
        if self.cold_figure_s is None or not self.warm_figure_s:
            return None
        return self.cold_figure_s / self.warm_figure_s


def _mb(kb: int) -> float:
    return kb / 1024


def _load(page, url: str, has_figure: bool) -> tuple[float, float | None]:
    """Open ``url``; return (seconds until the script is done, seconds to the first figure)."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
    figure_s = None
    if has_figure:
        wait_for_figure(page, PAGE_TIMEOUT_MS)
        figure_s = time.perf_counter() - start
    wait_until_idle(page, PAGE_TIMEOUT_MS)
    return time.perf_counter() - start, figure_s


def _wait_for_rerun(page, timeout_s: float = PAGE_TIMEOUT_MS / 1000) -> None:
    """Wait for the rerun a key press started (none starts when the slider did not move)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        started = page.evaluate("() => (window.__regvizRuns || 0) > 0")
        if started:
            wait_until_idle(page, int(timeout_s * 1000))
            return
        if time.monotonic() - start > 3.0:
            return
        page.wait_for_timeout(100)


def _push_sliders_to_max(page) -> int:
    """Press End on every thumb of every slider (last thumb first); return the slider count."""
    sliders = page.get_by_test_id("stSlider")
    count = sliders.count()
    for i in range(count):
        thumbs = sliders.nth(i).locator('input[type="range"], [role="slider"]')
        for j in reversed(range(thumbs.count())):
            count_reruns(page)
            thumbs.nth(j).focus()
            thumbs.nth(j).press("End")
            _wait_for_rerun(page)
    return count


def measure_page(browser, entry: PageEntry, *, max_settings: bool = True) -> PageResult:
    """Measure one page on a fresh server: cold and warm first figure, peak memory."""
    log = ARTIFACTS / f"bench-{entry.name}.log"
    with StreamlitServer(log_path=log) as server:
        start_mb = _mb(memory_kb(server.pid)["VmRSS"])
        has_figure = not entry.is_home
        url = server.url(entry)

        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        ready_s, cold_s = _load(page, url, has_figure)
        context.close()
        peak_first = _mb(memory_kb(server.pid)["VmHWM"])

        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        _, warm_s = _load(page, url, has_figure)
        sliders, peak_max, max_s = 0, None, None
        if max_settings and has_figure:
            t0 = time.perf_counter()
            sliders = _push_sliders_to_max(page)
            max_s = time.perf_counter() - t0
            peak_max = _mb(memory_kb(server.pid)["VmHWM"])
        context.close()
    return PageResult(
        name=entry.name,
        title=entry.title,
        ready_s=ready_s,
        cold_figure_s=cold_s,
        warm_figure_s=warm_s,
        server_start_mb=start_mb,
        peak_first_mb=peak_first,
        peak_max_settings_mb=peak_max,
        max_settings_s=max_s,
        sliders=sliders,
    )


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def format_table(results: list[PageResult]) -> str:
    """The results as a Markdown table (readable as plain text too)."""
    header = (
        "| page | ready (s) | cold first figure (s) | warm first figure (s) | cold/warm "
        "| server at start (MB) | peak after first figure (MB) "
        "| peak, all sliders at max (MB) | sliders | time to reach max (s) |"
    )
    lines = [header, "|" + " --- |" * 10]
    for r in results:
        lines.append(
            f"| {r.title} (`/{'' if r.name == HOME.name else r.name}`) | {_fmt(r.ready_s)} "
            f"| {_fmt(r.cold_figure_s)} | {_fmt(r.warm_figure_s)} | {_fmt(r.cold_over_warm, 1)} "
            f"| {_fmt(r.server_start_mb, 0)} | {_fmt(r.peak_first_mb, 0)} "
            f"| {_fmt(r.peak_max_settings_mb, 0)} | {r.sliders} | {_fmt(r.max_settings_s, 1)} |"
        )
    return "\n".join(lines)


def _machine() -> str:
    chromium = chromium_version() or "chromium: unknown"
    import streamlit

    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
        f"{os.cpu_count()} CPUs (shared with other jobs: timings are pessimistic), "
        f"Python {platform.python_version()}, streamlit {streamlit.__version__}, {chromium}"
    )


def write_results(results: list[PageResult], path: Path = RESULTS) -> Path:
    """Write the table and how it was measured to ``benchmarks/RESULTS_pages.md``."""
    heaviest = max(results, key=lambda r: r.peak_max_settings_mb or r.peak_first_mb)
    peak = heaviest.peak_max_settings_mb or heaviest.peak_first_mb
    text = (
        "# Per-page time to first figure and peak memory\n\n"
        "Measured by `python benchmarks/bench_pages.py --write`: each page on its own fresh "
        "`streamlit run app.py` server, driven by headless Debian Chromium. *Cold* = first "
        "load on that server (empty cache), *warm* = a new browser session afterwards. Memory "
        "is the server's resident set (`VmRSS` at start, peak `VmHWM` from "
        "`/proc/<pid>/status`); *all sliders at max* pushes every slider thumb to its end "
        "with the keyboard.\n\n"
        f"Machine: {_machine()}.\n\n"
        f"{format_table(results)}\n\n"
        f"Heaviest page: **{heaviest.title}**, peak {peak:.0f} MB "
        f"({peak / CLOUD_MEMORY_MB:.0%} of the ~{CLOUD_MEMORY_MB} MB Community Cloud budget).\n"
    )
    path.write_text(text, encoding="utf-8")
    return path


def main(
    quick: bool = False, write: bool = False, pages: list[str] | None = None
) -> list[PageResult]:
    """Measure the pages and print the table.

    Parameters
    ----------
    quick : bool
        Only the home page, no max-settings pass (for the smoke test).
    write : bool
        Also write the table to ``benchmarks/RESULTS_pages.md``.
    pages : list of str or None
        Url paths to measure (``home`` for the home page); default: every page.

    Returns
    -------
    list[PageResult]
        One result per measured page.
    """
    reason = browser_skip_reason()
    if reason:
        raise RuntimeError(f"cannot run the browser benchmark: {reason}")
    entries = all_pages()
    if quick:
        entries = [HOME]
    elif pages:
        entries = [e for e in entries if e.name in pages]
        if not entries:
            raise ValueError(f"no page with url path in {pages}")

    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            for entry in entries:
                result = measure_page(browser, entry, max_settings=not quick)
                results.append(result)
                print(
                    f"{entry.name}: ready {result.ready_s:.2f} s, "
                    f"peak {result.peak_max_settings_mb or result.peak_first_mb:.0f} MB",
                    flush=True,
                )
        finally:
            browser.close()
    print()
    print(format_table(results))
    if write:
        print(f"\nwritten to {write_results(results)}")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="home page only, no max settings")
    parser.add_argument("--write", action="store_true", help=f"write the table to {RESULTS}")
    parser.add_argument("--page", action="append", help="url path to measure (repeatable)")
    args = parser.parse_args()
    main(quick=args.quick, write=args.write, pages=args.page)
