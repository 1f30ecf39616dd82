"""Tests of datasets: bundled data, the synthetic generator and every bad-CSV case."""

from __future__ import annotations

import codecs
import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz.experiments import datasets
from regviz.experiments.datasets import (
    BUNDLED,
    LIMITS,
    MAX_ABS_FEATURE,
    MAX_ABS_TARGET,
    MIN_ROWS,
    UploadLimits,
    UploadRefused,
    content_key,
    dataset_from_table,
    explain_refusal,
    load_bundled,
    make_synthetic,
    no_file_message,
    read_csv,
    upload_help,
)
from regviz.experiments.paths import coefficient_path


def _csv(header: str, rows: list[str]) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


GOOD_ROWS = [f"{i},{(i * 7) % 5},{2 * i + (i % 3)}" for i in range(20)]
GOOD = _csv("a,b,y", GOOD_ROWS)


@pytest.mark.parametrize("name", list(BUNDLED))
def test_bundled_sets_load_without_download(name):
    data = load_bundled(name)
    assert data.X.ndim == 2 and data.X.shape[0] == data.y.shape[0] >= MIN_ROWS
    assert len(data.feature_names) == data.X.shape[1]
    assert np.isfinite(data.X).all() and np.isfinite(data.y).all()


def _from_sklearn(name):
    """(X, y, names) as scikit-learn's own loaders give them, written out independently."""
    from sklearn import datasets as sk

    if name == "diabetes":
        bunch = sk.load_diabetes(scaled=False)
        return bunch.data, bunch.target, list(bunch.feature_names)
    if name == "wine":
        bunch = sk.load_wine()
        keep = [i for i, n in enumerate(bunch.feature_names) if n != "alcohol"]
        alcohol = list(bunch.feature_names).index("alcohol")
        return bunch.data[:, keep], bunch.data[:, alcohol], [bunch.feature_names[i] for i in keep]
    bunch = sk.load_linnerud()
    return bunch.data, bunch.target[:, 0], list(bunch.feature_names)  # column 0: Weight


def _assert_equals_sklearns(data, name):
    """``data`` is scikit-learn's loader's data set ``name``, bit for bit."""
    X, y, names = _from_sklearn(name)
    np.testing.assert_array_equal(data.X, X)
    np.testing.assert_array_equal(data.y, y)
    assert list(data.feature_names) == list(names)


@pytest.mark.parametrize("name", list(BUNDLED))
def test_bundled_sets_equal_scikit_learns_loaders_bit_for_bit(name):
    _assert_equals_sklearns(load_bundled(name), name)


@pytest.mark.parametrize("name", list(BUNDLED))
def test_without_the_files_the_loaders_give_the_same_data(name, monkeypatch):
    def missing(folder, target):
        raise OSError("no such file")

    monkeypatch.setitem(datasets._READERS, name, missing)
    _assert_equals_sklearns(load_bundled(name), name)


def test_loading_a_bundled_set_does_not_import_scikit_learn():
    import subprocess
    import sys

    code = (
        "import sys; from regviz.experiments.datasets import load_bundled; "
        "[load_bundled(n) for n in ('diabetes', 'wine', 'linnerud')]; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', 'pandas')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_unknown_bundled_name_is_refused_naming_the_choices():
    with pytest.raises(ValueError, match="choose one of diabetes, wine, linnerud"):
        load_bundled("iris")


def test_diabetes_is_in_original_units():
    data = load_bundled("diabetes")
    assert data.X.shape == (442, 10)
    age = data.X[:, data.feature_names.index("age")]
    assert 18 <= age.min() and age.max() <= 80


def test_synthetic_keeps_the_truth_and_is_reproducible():
    a = make_synthetic(400, 30, n_informative=4, rho=0.6, noise=0.5, seed=5)
    b = make_synthetic(400, 30, n_informative=4, rho=0.6, noise=0.5, seed=5)
    np.testing.assert_array_equal(a.X, b.X)
    assert np.count_nonzero(a.true_coef) == 4
    assert np.all(np.abs(a.true_coef[a.true_coef != 0]) >= 1.0)
    corr = np.corrcoef(a.X, rowvar=False)[np.triu_indices(30, 1)]
    assert corr.mean() == pytest.approx(0.6, abs=0.08)
    residual = a.y - a.X @ a.true_coef
    assert residual.std() == pytest.approx(0.5, rel=0.15)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 5}, "at least"),
        ({"rho": 1.0}, "correlation"),
        ({"n_informative": 99}, "between 0 and"),
    ],
)
def test_synthetic_refuses_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_synthetic(**kwargs)


def test_a_good_csv_reads_cleanly():
    table = read_csv(GOOD)
    assert table.notices == ()
    data = dataset_from_table(table, "y")
    assert data.X.shape == (20, 2) and data.feature_names == ("a", "b")


# Every bad-CSV case of issue 3: the bytes, and a phrase the message must contain.
FATAL = {
    "empty file": (b"", "empty"),
    "only whitespace": (b"  \n\n", "empty"),
    "header only": (b"a,b,y\n", "no data rows"),
    "fewer than 10 rows": (_csv("a,b,y", GOOD_ROWS[:6]), "only 6 data rows"),
    "no numeric columns": (
        _csv("name,city", [f"n{i},c{i % 3}" for i in range(12)]),
        "no numeric column",
    ),
    "binary file": (b"PK\x03\x04\x00\x00binary" * 20, "binary"),
    "ragged rows": (_csv("a,b,y", [*GOOD_ROWS, "1,2,3,4,5"]), "different number of fields"),
}


@pytest.mark.parametrize("case", FATAL)
def test_unusable_csv_raises_a_plain_sentence(case):
    data, message = FATAL[case]
    with pytest.raises(ValueError, match=message):
        read_csv(data)


def test_file_over_the_upload_limit_is_refused():
    with pytest.raises(ValueError, match="over the upload limit of 1 MB"):
        read_csv(GOOD + b"0,0,0\n" * 200_000, max_bytes=2**20)


def test_non_utf8_text_is_read_with_a_notice():
    data = "größe,b,y\n".encode("cp1252") + b"\n".join(r.encode() for r in GOOD_ROWS)
    table = read_csv(data)
    assert "größe" in table.frame.columns
    assert any("not UTF-8" in n for n in table.notices)


def test_text_columns_are_one_hot_encoded_or_dropped_with_a_notice():
    rows = [f"{r},{['red', 'green', 'blue'][i % 3]},id{i}" for i, r in enumerate(GOOD_ROWS)]
    table = read_csv(_csv("a,b,y,colour,name", rows))
    assert {"colour=green", "colour=red"} <= set(table.frame.columns)
    assert "name" not in table.frame.columns
    assert any("one-hot encoded as 2 column(s)" in n and "'blue'" in n for n in table.notices)
    assert any("'name'" in n and "dropped" in n for n in table.notices)
    assert "colour=red" not in table.target_candidates


def test_missing_values_drop_rows_with_a_count():
    rows = list(GOOD_ROWS)
    rows[3] = "3,,9"
    rows[5] = "5,n/a,11"
    rows[7] = "7,2,?"
    data = dataset_from_table(read_csv(_csv("a,b,y", rows)), "y")
    assert data.n_samples == 17
    assert any("Dropped 3 of 20 rows" in n for n in data.notices)


def test_too_few_complete_rows_after_dropping_is_refused():
    rows = [f"{i},,{i}" if i > 4 else f"{i},1,{i}" for i in range(20)]
    with pytest.raises(ValueError, match="Only 5 rows"):
        dataset_from_table(read_csv(_csv("a,b,y", rows)), "y", ["b"])


def test_constant_columns_are_not_selected_dropped_if_chosen_and_refused_as_target():
    rows = [f"{r},4" for r in GOOD_ROWS]
    table = read_csv(_csv("a,b,y,c", rows))
    assert table.default_target == "y"
    assert table.default_features() == ("a", "b")
    assert "c" in table.columns and "c" not in table.target_candidates
    assert any("same value in every row" in n and "'c'" in n for n in table.notices)
    data = dataset_from_table(table, "y")
    assert data.feature_names == ("a", "b")
    chosen = dataset_from_table(table, "y", ["a", "b", "c"])
    assert "c" not in chosen.feature_names
    assert any("constant" in n and "'c'" in n for n in chosen.notices)
    with pytest.raises(ValueError, match="same value in every row"):
        dataset_from_table(table, "c")


def test_duplicated_column_names_are_renamed_with_a_notice():
    rows = [f"{r},{i}" for i, r in enumerate(GOOD_ROWS)]
    table = read_csv(_csv("a,b,y,a", rows))
    assert list(table.frame.columns) == ["a", "b", "y", "a (2)"]
    assert any("'a' → 'a (2)'" in n for n in table.notices)


def test_semicolon_separated_files_are_read():
    table = read_csv(GOOD.replace(b",", b";"))
    assert list(table.frame.columns) == ["a", "b", "y"]
    assert any("semicolons" in n for n in table.notices)


def test_a_target_without_features_is_refused():
    table = read_csv(GOOD)
    with pytest.raises(ValueError, match="at least one feature"):
        dataset_from_table(table, "y", [])


# --------------------------------------------------------------------------- encodings

UNICODE_CSV = "größe\tb\ty\n" + "\n".join(r.replace(",", "\t") for r in GOOD_ROWS) + "\n"


def _expected_columns(table) -> None:
    assert table.columns == ("größe", "b", "y")
    np.testing.assert_array_equal(table.arrays["größe"], np.arange(20.0))
    assert table.default_target == "y"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (b"", "utf-16-le"),
        (b"", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
    ids=["utf-16-le BOM", "utf-16-be BOM", "utf-16-le no BOM", "utf-16-be no BOM", "utf-32"],
)
def test_utf16_and_utf32_text_is_decoded(bom, codec):
    # Excel's "Unicode text" is tab-separated UTF-16 LE with a BOM.
    table = read_csv(bom + UNICODE_CSV.encode(codec))
    _expected_columns(table)
    assert any("UTF-16" in n or "UTF-32" in n for n in table.notices)
    assert any("tabs" in n for n in table.notices)


def test_utf8_with_a_byte_order_mark_is_decoded_silently():
    table = read_csv(codecs.BOM_UTF8 + UNICODE_CSV.encode())
    _expected_columns(table)
    assert table.notices == ("Columns are separated by tabs, not commas; read accordingly.",)


def test_utf16_with_a_broken_byte_is_refused_as_such():
    data = codecs.BOM_UTF16_LE + UNICODE_CSV.encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    with pytest.raises(UploadRefused, match="starts like UTF-16 text but byte"):
        read_csv(data)


BINARY = {
    "zip (xlsx)": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 8,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "random bytes": np.random.default_rng(0).integers(0, 256, 8192, dtype=np.uint8).tobytes(),
    "random bytes, no NUL": np.random.default_rng(1).integers(1, 256, 8192, np.uint8).tobytes(),
}


@pytest.mark.parametrize("case", BINARY)
def test_binary_files_are_refused(case):
    with pytest.raises(UploadRefused, match="binary data"):
        read_csv(BINARY[case])


# --------------------------------------------------------------------------- caps


def _wide(n_rows: int, n_columns: int) -> bytes:
    header = ",".join(f"c{j}" for j in range(n_columns))
    rows = (",".join(str((i * (j + 1)) % 97) for j in range(n_columns)) for i in range(n_rows))
    return (header + "\n" + "\n".join(rows) + "\n").encode()


def test_default_caps_are_the_documented_ones():
    assert (LIMITS.max_rows, LIMITS.max_columns, LIMITS.max_cells) == (50_000, 200, 2_000_000)
    assert LIMITS.max_bytes == 20 * 2**20
    assert "50,000 rows" in upload_help() and "200 columns" in upload_help()


def test_too_many_columns_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(datasets, "_parse_columns", None)  # would fail if reached
    with pytest.raises(UploadRefused, match="201 columns, over the limit of 200 columns") as e:
        read_csv(_wide(20, 201))
    assert e.value.cap == "columns"


def test_too_many_rows_is_refused_after_reading_at_most_the_cap(monkeypatch):
    seen = []
    original = datasets._Column.add
    monkeypatch.setattr(
        datasets._Column, "add", lambda self, s: (seen.append(len(s)), original(self, s))
    )
    limits = UploadLimits(max_rows=1000)
    with pytest.raises(UploadRefused, match=r"about 5,000 rows, over the limit of 1,000 rows"):
        read_csv(_wide(5000, 3), limits=limits)
    assert sum(seen) <= 3 * (1000 + 1)
    read_csv(_wide(1000, 3), limits=limits)  # exactly at the cap: accepted


def test_default_row_cap():
    with pytest.raises(UploadRefused, match="over the limit of 50,000 rows") as e:
        read_csv(_wide(50_001, 2))
    assert e.value.cap == "rows"


def test_too_many_cells_is_refused_naming_the_cap():
    limits = UploadLimits(max_cells=10_000)
    with pytest.raises(UploadRefused) as e:
        read_csv(_wide(1000, 20), limits=limits)
    assert e.value.cap == "cells"
    assert "over the limit of 10,000 values" in str(e.value)
    assert "at most 500 rows" in str(e.value)
    read_csv(_wide(500, 20), limits=limits)


def test_one_hot_encoding_stops_at_the_column_cap():
    rows = [f"{r},{'abcdefgh'[i % 8]},{'pqrstuvw'[i % 8]}" for i, r in enumerate(GOOD_ROWS)]
    table = read_csv(_csv("a,b,y,u,v", rows), limits=UploadLimits(max_columns=10))
    assert sum(c.startswith("u=") for c in table.columns) == 7
    assert not any(c.startswith("v=") for c in table.columns)
    assert any("not encoded" in n and "'v'" in n for n in table.notices)


def test_over_the_byte_cap_is_refused_with_the_cap():
    with pytest.raises(UploadRefused, match="over the upload limit of 1 MB") as e:
        read_csv(b"a\n" * 2**20, limits=UploadLimits(max_bytes=2**20))
    assert e.value.cap == "bytes"


# --------------------------------------------------------------------------- defaults


def test_an_all_empty_column_is_dropped_and_not_selected():
    rows = [f"{r}," for r in GOOD_ROWS]
    table = read_csv(_csv("a,b,y,empty", rows))
    assert "empty" not in table.columns
    assert any("no values" in n and "'empty'" in n for n in table.notices)
    data = dataset_from_table(table, table.default_target, table.default_features())
    assert data.n_samples == 20


def test_a_nearly_empty_column_is_not_selected_by_default():
    rows = [f"{r},{i if i < 4 else ''}" for i, r in enumerate(GOOD_ROWS)]
    table = read_csv(_csv("a,b,y,sparse", rows))
    assert table.default_features() == ("a", "b")
    assert any("fewer than 10 values" in n for n in table.notices)
    assert dataset_from_table(table, "y").n_samples == 20


def test_default_features_exclude_the_chosen_target():
    table = read_csv(GOOD)
    assert table.default_features("a") == ("b", "y")
    assert table.default_features() == ("a", "b")


@pytest.mark.parametrize("huge", ["1e308", "-1e308", "1e100"])
def test_a_target_too_large_to_square_is_named(huge):
    rows = [f"{r},{huge if i % 2 else i}" for i, r in enumerate(GOOD_ROWS)]
    table = read_csv(_csv("a,b,y,big", rows))
    assert "big" in table.target_candidates and table.default_target == "y"
    with pytest.raises(ValueError, match="target column 'big' has values too large to square"):
        dataset_from_table(table, "big", ["a", "b"])
    message = explain_refusal(_raised(dataset_from_table, table, "big", ["a", "b"]))
    assert message.startswith("Cannot use this file: The target column 'big'")


def _raised(function, *args) -> BaseException:
    try:
        function(*args)
    except BaseException as error:  # noqa: BLE001
        return error
    raise AssertionError("nothing raised")


def test_a_feature_too_large_to_square_is_not_selected_and_dropped_if_chosen():
    rows = [f"{r},{'1e200' if i % 2 else i}" for i, r in enumerate(GOOD_ROWS)]
    table = read_csv(_csv("a,b,y,big", rows))
    assert "big" not in table.default_features()
    assert any("too large to square" in n and "'big'" in n for n in table.notices)
    data = dataset_from_table(table, "y", ["a", "b", "big"])
    assert data.feature_names == ("a", "b")
    assert any("too large to square" in n for n in data.notices)


def test_values_at_the_bounds_fit_without_overflow():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((60, 3)) * MAX_ABS_FEATURE / 4
    y = rng.standard_normal(60) * MAX_ABS_TARGET / 4
    for penalty in ("l1", "l2", "elasticnet"):
        with np.errstate(over="raise"):
            path = coefficient_path(X, y, penalty, None, 0.5, True)
        assert np.isfinite(path.coefs).all()


@pytest.mark.parametrize("infinite", ["inf", "-inf", "1e400"])
def test_infinite_values_count_as_missing_with_a_notice(infinite):
    rows = list(GOOD_ROWS)
    rows[2] = f"2,3,{infinite}"
    rows[5] = f"{infinite},3,7"
    table = read_csv(_csv("a,b,y", rows))
    assert any("Infinite values" in n and "'y' (1)" in n and "'a' (1)" in n for n in table.notices)
    data = dataset_from_table(table, "y")
    assert data.n_samples == 18 and np.isfinite(data.X).all() and np.isfinite(data.y).all()


def test_booleans_are_coded_as_0_and_1_even_with_missing_values():
    rows = [f"{r},{['True', 'False', ''][i % 3]}" for i, r in enumerate(GOOD_ROWS)]
    table = read_csv(_csv("a,b,y,flag", rows))
    assert "flag" in table.numeric_columns
    assert any("true/false" in n for n in table.notices)
    assert np.nansum(table.arrays["flag"]) == 7


def test_long_column_names_are_shortened():
    name = "x" * 5000
    table = read_csv(_csv(f"{name},b,y", GOOD_ROWS))
    assert max(len(c) for c in table.columns) <= datasets.MAX_NAME_LENGTH
    assert any("shortened" in n for n in table.notices)


# --------------------------------------------------------------------------- key, sentences


def test_the_same_bytes_give_the_same_key():
    assert content_key(GOOD) == content_key(bytes(bytearray(GOOD)))
    assert content_key(GOOD) != content_key(GOOD + b"\n")
    assert len(content_key(GOOD)) == 32 and int(content_key(GOOD), 16) >= 0


def test_refusal_sentences_never_show_internals():
    refused = UploadRefused("Too big.", cap="rows")
    assert explain_refusal(refused) == "Cannot use this file: Too big."
    generic = explain_refusal(RuntimeError("/srv/site-packages/pandas/parser.py line 1"))
    assert "/" not in generic.replace("CSV UTF-8", "") and "pandas" not in generic
    assert "20 MB" in no_file_message() and "red" in no_file_message()


# --------------------------------------------------------------------------- properties


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(
        st.lists(
            st.floats(
                allow_nan=False, allow_infinity=False, width=64, min_value=-1e12, max_value=1e12
            ),
            min_size=3,
            max_size=3,
        ),
        min_size=MIN_ROWS,
        max_size=40,
    ),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_numbers_round_trip_in_every_encoding(values, codec, delimiter):
    text = delimiter.join(["a", "b", "y"]) + "\n"
    text += "".join(delimiter.join(repr(v) for v in row) + "\n" for row in values)
    matrix = np.array(values)
    varying = [np.ptp(matrix[:, j]) > 0 for j in range(3)]
    if not any(varying):
        with pytest.raises(UploadRefused, match="no numeric column to predict"):
            read_csv(text.encode(codec))
        return
    table = read_csv(text.encode(codec))
    for j, name in enumerate("aby"):
        np.testing.assert_array_equal(table.arrays[name], matrix[:, j])
    assert set(table.target_candidates) == {n for n, v in zip("aby", varying, strict=True) if v}


def test_parsing_holds_one_copy_of_the_numbers_at_a_time():
    # The table itself (float64) plus a few chunks of about _CHUNK_CELLS values; the
    # previous reader (whole text decoded, frame, cleaned copy, table) peaked at ~7x.
    shape = (4000, 100)
    matrix = np.random.default_rng(0).integers(10**8, 10**9, size=shape)
    data = _matrix_csv(matrix)
    table_bytes = matrix.size * 8
    chunk_bytes = datasets._CHUNK_CELLS * 8
    tracemalloc.start()
    try:
        table = read_csv(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    np.testing.assert_array_equal(table.arrays["c7"], matrix[:, 7])
    assert peak < 1.2 * table_bytes + 3 * chunk_bytes, f"peak {peak / 2**20:.1f} MB"


def test_text_columns_are_not_kept_once_they_cannot_be_numbers_or_levels():
    ids = [f"id{i:05d}" for i in range(3000)]
    rows = "\n".join(f"{i},{i % 7},{name}" for i, name in enumerate(ids))
    data = ("a,y,name\n" + rows + "\n").encode()
    columns = datasets._parse_columns(data, "utf-8", ",", ["a", "y", "name"], 50_000)
    name = columns[2]
    assert name.is_text and name.levels is None and name.chunks == [] and name.codes == []
    assert name.n_rows == 3000
    assert len(columns[0].chunks) >= 1 and columns[1].levels is not None


def _matrix_csv(matrix: np.ndarray, prefix: str = "") -> bytes:
    header = ",".join(f"c{j}" for j in range(matrix.shape[1]))
    body = "\n".join(",".join(prefix + str(v) for v in row) for row in matrix.tolist())
    return (header + "\n" + body + "\n").encode()
