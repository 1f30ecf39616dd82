"""Fuzz every page: random valid widget values and both ends of every range, no crash.

For each page of ``app.py``'s ``PAGES`` (read with :mod:`ast`, so new pages join
automatically) the AppTest tree is searched for every widget a student can touch —
``slider``, ``select_slider``, ``number_input``, ``selectbox``, ``radio``, ``toggle``,
``checkbox``, ``multiselect``, ``pills`` / ``segmented_control``, ``file_uploader`` (fed
small CSV files, valid or broken: NaN, text columns, header only, empty, one column, binary
bytes, constant columns, inf, semicolons, duplicate header, two rows) — including the
shared classroom toggle. With a fixed seed each combination sets every widget at once, each
to its low end, its high end or a random valid value (the first two combinations put all widgets
at their low, then at their high end; the next ones walk each widget through both of its
ends while the others are random). One in four combinations also clicks one of the page's
buttons (presets, play, run), so button-triggered work is fuzzed too. After each run the
page must show no exception and either draw a plotly figure or explain itself with an
``st.error`` / ``st.warning`` that has a message.

Budget. ≥ 200 combinations in total are spread evenly over the pages
(``ceil(200 / number of pages)`` each; the home page gets 4 once real pages exist, and all
200 while it is the only page). The whole file must stay under 4 minutes on 2 shared cores
even with ~9 pages, so the pages share ``FUZZ_BUDGET_S`` seconds: each page gets what is
left of it divided by the number of pages still to fuzz (a heavy page thus leaves less to
the pages after it, and a fast page more). The run time of every combination is measured,
and a page stops early (after at least its two all-low / all-high combinations, which always
run) when its slowest combination so far would not fit in its share; a capped page is
reported as a warning with its count and slowest run. The last test then tops the total
up to 200 with more combinations of the fastest uncapped pages, within what is left of the
budget (only if the budget runs out first is the shortfall a warning). Measured on 2 cores
shared with other jobs (load 8), 9 pages: most pages run all their combinations in 2–12 s;
the overfitting page needs ~40 s for its all-high combination alone and Monte Carlo
~17 s, so those two are capped; the file takes about 2 minutes. No button is skipped.
Not fuzzed: text
inputs and widgets inside forms (no page used them when this was written).
"""

from __future__ import annotations

import math
import random
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from apptest_helpers import open_page, plotly_specs
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from e2e_helpers import HOME, PageEntry, read_pages  # noqa: E402

SEED = 20_261_123
TOTAL_COMBINATIONS = 200
# Seconds of fuzzing for all pages together; start-up and the first run of each page come
# on top (measured ~3 s per page here), which keeps the file well under 4 minutes.
FUZZ_BUDGET_S = 180.0
HOME_COMBINATIONS_WITH_PAGES = 4
BUTTON_CLICK_PROBABILITY = 0.25

PAGES = read_pages()
ENTRIES = [HOME, *PAGES]


def _quota(entry: PageEntry) -> int:
    if not PAGES:
        return TOTAL_COMBINATIONS
    if entry.is_home:
        return HOME_COMBINATIONS_WITH_PAGES
    return math.ceil(TOTAL_COMBINATIONS / len(PAGES))


def _budget_s(entry: PageEntry) -> float:
    """This page's share of what is left of the fuzz budget (home: a few seconds)."""
    if entry.is_home and PAGES:
        return 5.0
    spent = sum(s.seconds for s in STATS.values())
    to_go = sum(1 for e in ENTRIES if e.name not in STATS and not (e.is_home and PAGES))
    return max(FUZZ_BUDGET_S - spent, 0.0) / max(to_go, 1)


@dataclass
class PageStats:
    """How much of its quota a page got through, for the summary test."""

    runs: int
    quota: int
    seconds: float
    slowest: float
    rng: random.Random
    failed: bool


STATS: dict[str, PageStats] = {}


# --- choosing values -------------------------------------------------------------------


def _force_state(widget: Any, field: str, value: Any) -> None:
    """Make ``widget`` send ``value`` as its raw widget state on the next run.

    Option widgets (selectbox, radio, select_slider, multiselect, pills) travel as their
    *formatted* option strings. Sending those directly works whatever the option type or
    ``format_func`` is, where ``set_value`` would need the unformatted Python object.
    """
    state = WidgetState(id=widget.id)
    if field == "string_value":
        state.string_value = value
    else:
        getattr(state, field).data[:] = value
    cls = type(widget)
    forced = type(f"Forced{cls.__name__}", (cls,), {"_widget_state": property(lambda _: state)})
    widget.__class__ = forced


def _grid_value(low: float, high: float, step: float, rng: random.Random, end: str) -> float:
    if end == "low" or high <= low:
        return low
    if end == "high":
        return high
    n_steps = max(int(math.floor((high - low) / step + 1e-9)), 0) if step > 0 else 0
    if n_steps == 0:
        return rng.uniform(low, high)
    return min(high, round(low + rng.randint(0, n_steps) * step, 12))


def _slider(w: Any, rng: random.Random, end: str) -> Any:
    is_int = w.proto.data_type == w.proto.INT
    if w.proto.data_type not in (w.proto.INT, w.proto.FLOAT):
        return None  # date/time sliders: none in regviz
    low, high, step = float(w.proto.min), float(w.proto.max), float(w.proto.step or 0)
    cast = int if is_int else float
    if isinstance(w.value, list | tuple):
        ends = {"low": (low, low), "high": (high, high)}
        if end in ends:
            pair = ends[end]
        else:
            pair = sorted(_grid_value(low, high, step, rng, "random") for _ in range(2))
        value = [cast(round(v)) if is_int else cast(v) for v in pair]
    else:
        v = _grid_value(low, high, step, rng, end)
        value = cast(round(v)) if is_int else cast(v)
    w.set_value(value)
    return value


def _number_input(w: Any, rng: random.Random, end: str) -> Any:
    is_int = w.proto.data_type == w.proto.INT
    step = float(w.step or 1)
    current = float(w.value if w.value is not None else 0)
    # Unbounded sides: a hundred steps away is "far" for a hand-typed value.
    low = float(w.min) if w.min is not None else current - 100 * step
    high = float(w.max) if w.max is not None else current + 100 * step
    v = _grid_value(low, high, step, rng, end)
    value = int(round(v)) if is_int else float(v)
    w.set_value(value)
    return value


def _single_option(w: Any, rng: random.Random, end: str) -> Any:
    if not w.options:
        return None
    index = {"low": 0, "high": len(w.options) - 1}.get(end, rng.randrange(len(w.options)))
    option = w.options[index]
    _force_state(w, "string_value", option)
    return option


def _select_slider(w: Any, rng: random.Random, end: str) -> Any:
    n = len(w.options)
    if n == 0:
        return None
    if isinstance(w.value, list | tuple):
        ends = {"low": (0, 0), "high": (n - 1, n - 1)}
        pair = ends.get(end) or tuple(sorted(rng.randrange(n) for _ in range(2)))
        chosen = [w.options[i] for i in pair]
    else:
        index = {"low": 0, "high": n - 1}.get(end, rng.randrange(n))
        chosen = [w.options[index]]
    _force_state(w, "string_array_value", chosen)
    return chosen


def _many_options(w: Any, rng: random.Random, end: str, limit: int) -> Any:
    n = len(w.options)
    limit = limit if limit > 0 else n
    if end == "low":
        chosen: list[str] = []
    elif end == "high":
        chosen = list(w.options[:limit])
    else:
        chosen = rng.sample(list(w.options), rng.randint(0, min(n, limit)))
    _force_state(w, "string_array_value", chosen)
    return chosen


def _button_group(w: Any, rng: random.Random, end: str) -> Any:
    if w.proto.click_mode == w.proto.MULTI_SELECT:
        return _many_options(w, rng, end, 0)
    n = len(w.options)
    if n == 0:
        return None
    index = {"low": 0, "high": n - 1}.get(end, rng.randrange(n))
    _force_state(w, "string_array_value", [w.options[index]])
    return w.options[index]


def _boolean(w: Any, rng: random.Random, end: str) -> Any:
    value = {"low": False, "high": True}.get(end, rng.random() < 0.5)
    w.set_value(value)
    return value


def _csv_payload(rng: random.Random) -> tuple[str, bytes]:
    """A small CSV file, valid or broken in one of the ways students' files are."""
    n, k = rng.randint(3, 40), rng.randint(1, 5)
    header = ",".join([f"x{j}" for j in range(k)] + ["y"])
    rows = [",".join(f"{rng.gauss(0, 1):.4g}" for _ in range(k + 1)) for _ in range(n)]
    kind = rng.choice(
        [
            "valid",
            "nan",
            "text",
            "header-only",
            "empty",
            "one-column",
            "binary",
            "constant",
            "inf",
            "semicolons",
            "duplicate-header",
            "two-rows",
        ]
    )
    if kind == "nan":
        rows[rng.randrange(n)] = ",".join(["", "nan"] + ["1"] * (k - 1))
    elif kind == "text":
        rows = [row + ",abc" for row in rows]
        header += ",label"
    elif kind == "header-only":
        rows = []
    elif kind == "empty":
        return kind, b""
    elif kind == "one-column":
        header, rows = "y", [f"{rng.random():.3f}" for _ in range(n)]
    elif kind == "binary":
        return kind, bytes(rng.randrange(256) for _ in range(200))
    elif kind == "constant":
        rows = [",".join(["1.0"] * (k + 1)) for _ in range(n)]
    elif kind == "inf":
        rows[0] = ",".join(["inf"] * (k + 1))
    elif kind == "semicolons":
        header, rows = header.replace(",", ";"), [row.replace(",", ";") for row in rows]
    elif kind == "duplicate-header":
        header = ",".join(["x"] * (k + 1))
    elif kind == "two-rows":
        rows = rows[:2]
    return kind, ("\n".join([header, *rows]) + "\n").encode()


def _file_uploader(w: Any, rng: random.Random, end: str) -> Any:
    if end == "low":
        w.set_value(None)
        return None
    kind, payload = _csv_payload(rng)
    w.set_value((f"fuzz-{kind}.csv", payload, "text/csv"))
    return f"{kind} CSV ({len(payload)} bytes)"


SETTERS = {
    "slider": _slider,
    "select_slider": _select_slider,
    "number_input": _number_input,
    "selectbox": _single_option,
    "radio": _single_option,
    "toggle": _boolean,
    "checkbox": _boolean,
    "multiselect": lambda w, rng, end: _many_options(w, rng, end, w.proto.max_selections),
    "button_group": _button_group,
    "file_uploader": _file_uploader,
}


def fuzzable_widgets(at: AppTest) -> list[tuple[str, Any]]:
    """Every enabled widget outside a form that the fuzz knows how to set, in page order."""
    found = []
    for kind in SETTERS:
        for widget in getattr(at, kind):
            if getattr(widget, "disabled", False) or getattr(widget, "form_id", ""):
                continue
            found.append((kind, widget))
    return found


def _name(kind: str, widget: Any) -> str:
    return f"{kind}:{widget.key or getattr(widget, 'label', '?')}"


def set_combination(at: AppTest, rng: random.Random, index: int) -> dict[str, Any]:
    """Set every widget for combination ``index``; return what was chosen, for messages."""
    widgets = fuzzable_widgets(at)
    chosen: dict[str, Any] = {}
    for position, (kind, widget) in enumerate(widgets):
        if index == 0:
            end = "low"
        elif index == 1:
            end = "high"
        elif widgets and (index - 2) // 2 % len(widgets) == position:
            end = "low" if index % 2 == 0 else "high"
        else:
            end = rng.choice(["low", "high", "random", "random"])
        chosen[_name(kind, widget)] = SETTERS[kind](widget, rng, end)
    buttons = [b for b in at.button if not getattr(b, "disabled", False)]
    if buttons and index >= 2 and rng.random() < BUTTON_CLICK_PROBABILITY:
        button = rng.choice(buttons)
        button.click()
        chosen["clicked"] = button.label
    return chosen


# --- the checks ------------------------------------------------------------------------


def assert_page_is_fine(at: AppTest, entry: PageEntry, context: str) -> None:
    """No exception, and a figure or an explained error/warning (the home page: a title)."""
    if at.exception:
        messages = "\n".join(f"{e.message}\n{''.join(e.stack_trace)[-1500:]}" for e in at.exception)
        pytest.fail(f"{context}: the page raised:\n{messages}")
    if entry.is_home:
        assert at.title and at.title[0].value.strip(), f"{context}: home page lost its title"
        return
    if plotly_specs(at):
        return
    alerts = [a.value.strip() for a in [*at.error, *at.warning] if a.value and a.value.strip()]
    assert alerts, f"{context}: no plotly figure and no st.error / st.warning explaining why"


def fuzz_page(
    entry: PageEntry, rng: random.Random, first: int, count: int, budget: float
) -> tuple[int, float]:
    """Run combinations ``first, first + 1, ...`` (at most ``count``) within ``budget`` s.

    Combinations 0 and 1 (all low, all high) always run. Returns (runs, slowest run in s).
    """
    started = time.perf_counter()
    at = open_page(entry.file)
    assert_page_is_fine(at, entry, f"{entry.name}: default values")
    slowest, runs = 0.0, 0
    for index in range(first, first + count):
        elapsed = time.perf_counter() - started
        if index >= 2 and elapsed + slowest > budget:
            break
        chosen = set_combination(at, rng, index)
        run_start = time.perf_counter()
        at.run()
        slowest = max(slowest, time.perf_counter() - run_start)
        runs += 1
        assert_page_is_fine(at, entry, f"{entry.name}, combination {index}: {chosen}")
    return runs, slowest


@pytest.mark.slow
@pytest.mark.parametrize("entry", [pytest.param(e, id=e.name) for e in ENTRIES])
def test_random_and_extreme_widget_values_never_crash(entry: PageEntry) -> None:
    rng = random.Random(f"{SEED}-{entry.name}")
    quota, budget = _quota(entry), _budget_s(entry)
    started = time.perf_counter()
    stats = PageStats(runs=0, quota=quota, seconds=0.0, slowest=0.0, rng=rng, failed=True)
    # Recorded even on failure, so the pages after this one get a fair share.
    STATS[entry.name] = stats
    try:
        stats.runs, stats.slowest = fuzz_page(entry, rng, 0, quota, budget)
        stats.failed = False
    finally:
        stats.seconds = time.perf_counter() - started
    print(f"{entry.name}: {stats.runs}/{quota} combinations in {stats.seconds:.1f} s")
    if stats.runs < quota:
        warnings.warn(
            f"robustness fuzz of {entry.name!r} capped at {stats.runs}/{quota} combinations "
            f"by its {budget:.0f} s share of the budget (slowest run {stats.slowest:.1f} s)",
            stacklevel=1,
        )


def test_fuzz_reached_its_total() -> None:
    """After the page tests: top up to ≥ 200 combinations on the fast pages, then count.

    Pages capped by their time share leave the total short; what is left of the budget
    goes, round-robin, to the pages that finished their quota, continuing their seeded
    sequences. If the budget runs out first (a very slow machine) the shortfall is a
    warning, not a failure: the 4-minute limit wins over the count.
    """
    if len(STATS) < len(ENTRIES):
        pytest.skip("run the whole file to count the combinations of every page")
    fast = [e for e in ENTRIES if not STATS[e.name].failed and STATS[e.name].runs >= _quota(e)]
    fast = [e for e in fast if not (e.is_home and PAGES)]
    while fast and sum(s.runs for s in STATS.values()) < TOTAL_COMBINATIONS:
        left = FUZZ_BUDGET_S - sum(s.seconds for s in STATS.values())
        missing = TOTAL_COMBINATIONS - sum(s.runs for s in STATS.values())
        if left <= 0:
            break
        # Spread the missing combinations over the fast pages, fastest first.
        entry = min(fast, key=lambda e: STATS[e.name].seconds / max(STATS[e.name].runs, 1))
        stats = STATS[entry.name]
        started = time.perf_counter()
        share = math.ceil(missing / len(fast))
        runs, _ = fuzz_page(entry, stats.rng, stats.runs, share, left)
        stats.seconds += time.perf_counter() - started
        stats.runs += runs
        fast.remove(entry)
        print(f"top-up: {runs} more combinations of {entry.name}")
    total = sum(s.runs for s in STATS.values())
    capped = {name: f"{s.runs}/{s.quota}" for name, s in STATS.items() if s.runs < s.quota}
    print(f"robustness fuzz: {total} combinations over {len(STATS)} pages; capped: {capped}")
    # Every page ran at least its all-low and all-high combinations.
    assert total >= 2 * len(ENTRIES)
    if total < TOTAL_COMBINATIONS:
        # The time budget wins over the count on a machine this slow: say so loudly.
        warnings.warn(
            f"robustness fuzz: only {total}/{TOTAL_COMBINATIONS} combinations fitted in the "
            f"{FUZZ_BUDGET_S:.0f} s budget; capped: {capped}",
            stacklevel=1,
        )
