"""AppTest of the CSV downloads: every page offers the numbers of its main figure as a CSV
file that parses, in its default view (one page load each).

A page hands the button a function that writes the CSV when the visitor presses it (a
page load builds no table). AppTest's media manager lives for one run only, so its
``add_deferred`` is wrapped to keep every function it is handed, by the file id the
button carries; the test calls it as a press would. A table given as bytes (Coefficient
paths, which shows the table anyway) is kept from the store's ``load_and_get_id``, by the
file named in the button's URL.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from apptest_helpers import open_clean
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

LABEL = "Download the numbers (CSV)"
PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"
NOT_A_FIGURE_PAGE = {"lessons.py"}  # the lesson index shows no numbers of its own
PAGES = sorted(p.name for p in PAGES_DIR.glob("*.py") if p.name not in NOT_A_FIGURE_PAGE)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Every media file the app stores during the test, and every deferred download's
    function, by its file id."""
    files: dict[str, object] = {}
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def keep(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        if isinstance(path_or_data, bytes):
            files[file_id] = path_or_data
        return file_id

    def keep_deferred(self, data_callable, *args, **kwargs):
        file_id = original_deferred(self, data_callable, *args, **kwargs)
        files[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    monkeypatch.setattr(MediaFileManager, "add_deferred", keep_deferred)
    return files


def _csv_bytes(button, served: dict[str, object]) -> bytes:
    """What pressing the button downloads: the deferred function's output, or the file."""
    if button.proto.deferred_file_id:
        make = served[button.proto.deferred_file_id]
        assert callable(make)
        assert button.proto.url == ""  # nothing was written before the press
        return make()
    url = button.proto.url
    assert url.endswith(".csv"), url
    return served[Path(url).stem]


def test_every_figure_page_is_listed() -> None:
    assert len(PAGES) == 12 and "geometry.py" in PAGES and "app.py" not in PAGES


@pytest.mark.parametrize("name", PAGES)
def test_the_page_offers_its_numbers_as_a_csv_that_parses(
    name: str, served: dict[str, object]
) -> None:
    at = open_clean(f"pages/{name}")
    buttons = [b for b in at.get("download_button") if b.proto.label == LABEL]
    assert len(buttons) == 1, f"{name}: {len(buttons)} buttons labelled {LABEL!r}"
    data = _csv_bytes(buttons[0], served)
    assert isinstance(data, bytes)
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8")
    assert len(table) >= 1 and table.shape[1] >= 2, f"{name}: {table.shape}"
    # The index is written with its name: the first column is named, not "Unnamed: 0".
    assert not str(table.columns[0]).startswith("Unnamed"), f"{name}: {list(table.columns)}"
    numbers = table.select_dtypes("number")
    assert not numbers.empty and numbers.notna().any().any(), f"{name}: no numbers"
