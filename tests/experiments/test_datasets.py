"""Tests of datasets: bundled data, the synthetic generator and every bad-CSV case."""

from __future__ import annotations

import numpy as np
import pytest

from regviz.experiments.datasets import (
    BUNDLED,
    MIN_ROWS,
    dataset_from_table,
    load_bundled,
    make_synthetic,
    read_csv,
)


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


def test_constant_columns_are_dropped_and_a_constant_target_refused():
    rows = [f"{r},4" for r in GOOD_ROWS]
    data = dataset_from_table(read_csv(_csv("a,b,y,c", rows)), "y")
    assert "c" not in data.feature_names
    assert any("constant" in n and "c" in n for n in data.notices)
    assert read_csv(_csv("a,b,y,c", rows)).default_target == "y"
    with pytest.raises(ValueError, match="same value in every row"):
        dataset_from_table(read_csv(_csv("a,b,y,c", rows)), "c")


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
