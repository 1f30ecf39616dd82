"""Data for the coefficient-path page: bundled real data, a synthetic generator, CSV upload.

Every source returns a :class:`Dataset`: a numeric design matrix ``X`` (n rows, p
features), a target ``y``, readable names, and a tuple of plain-sentence ``notices``
that say what was done to the data (columns dropped or encoded, rows dropped, ...).
Unusable input raises :class:`ValueError` with one sentence a student understands.

The real data sets ship inside scikit-learn, so nothing is downloaded.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn import datasets as sk_datasets

MIN_ROWS = 10
"""Fewer rows than this cannot support a path and a 5-fold cross-validation."""

MAX_LEVELS = 10
"""Text columns with at most this many distinct values are one-hot encoded; others dropped."""

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Upload limit in bytes; the app passes ``server.maxUploadSize`` from its config."""

# A mostly-numeric text column (e.g. numbers with a few "n/a" or "?" entries) is read as
# numbers when at least this share of its non-empty entries parse as numbers.
_NUMERIC_SHARE = 0.9


@dataclass(frozen=True, eq=False)
class Dataset:
    """A regression problem ready for :func:`regviz.paths.coefficient_path`.

    Attributes
    ----------
    name : str
        Short name shown in the app.
    X : ndarray of shape (n_samples, n_features)
        Features, float64, finite.
    y : ndarray of shape (n_samples,)
        Target, float64, finite.
    feature_names : tuple of str
        One name per column of ``X``.
    target_name : str
        Name of the target.
    description : str
        One sentence on where the data come from.
    true_coef : ndarray of shape (n_features,) or None
        The coefficients that generated ``y`` (synthetic data only).
    notices : tuple of str
        What was done to the input, in plain sentences (CSV only; may be empty).
    """

    name: str
    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    target_name: str
    description: str
    true_coef: np.ndarray | None = None
    notices: tuple[str, ...] = ()

    @property
    def n_samples(self) -> int:
        """Number of rows n."""
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        """Number of features p."""
        return int(self.X.shape[1])


# --------------------------------------------------------------------------- bundled data

BUNDLED = {
    "diabetes": "Diabetes (442 patients, 10 features)",
    "wine": "Wine chemistry (178 wines: predict alcohol from 12 measurements)",
    "linnerud": "Linnerud (20 men: predict body weight from 3 exercises)",
}
"""Bundled real data sets (key → label). All ship with scikit-learn: no download."""


def load_bundled(name: str = "diabetes") -> Dataset:
    """Load one of scikit-learn's bundled data sets as a regression problem.

    Parameters
    ----------
    name : {"diabetes", "wine", "linnerud"}, default "diabetes"
        ``"diabetes"``: disease progression after one year from age, sex, BMI, blood
        pressure and six blood serum measurements (s1–s6). ``"wine"``: the alcohol
        content of 178 Italian wines from their 12 other chemical measurements.
        ``"linnerud"``: body weight of 20 men from chin-ups, sit-ups and jumps.

    Returns
    -------
    Dataset

    Examples
    --------
    >>> data = load_bundled("diabetes")
    >>> data.X.shape
    (442, 10)
    """
    if name == "diabetes":
        # scaled=False keeps the original units (age in years, BMI in kg/m², ...).
        bunch = sk_datasets.load_diabetes(scaled=False)
        X, y, names = bunch.data, bunch.target, list(bunch.feature_names)
        target, description = (
            "disease progression",
            "scikit-learn's diabetes data (Efron et al., 2004), original units.",
        )
    elif name == "wine":
        bunch = sk_datasets.load_wine()
        names = list(bunch.feature_names)
        column = names.index("alcohol")
        y = bunch.data[:, column]
        X = np.delete(bunch.data, column, axis=1)
        names.pop(column)
        target, description = "alcohol", "scikit-learn's wine recognition data (UCI)."
    elif name == "linnerud":
        bunch = sk_datasets.load_linnerud()
        X, names = bunch.data, list(bunch.feature_names)
        y = bunch.target[:, list(bunch.target_names).index("Weight")]
        target, description = "Weight", "scikit-learn's Linnerud fitness data."
    else:
        known = ", ".join(BUNDLED)
        raise ValueError(f"Unknown data set {name!r}; choose one of {known}.")
    return Dataset(
        name=name,
        X=np.asarray(X, dtype=float),
        y=np.asarray(y, dtype=float),
        feature_names=tuple(str(n) for n in names),
        target_name=target,
        description=description,
    )


# --------------------------------------------------------------------------- synthetic data


def make_synthetic(
    n_samples: int = 200,
    n_features: int = 50,
    n_informative: int = 5,
    rho: float = 0.3,
    noise: float = 1.0,
    seed: int = 0,
) -> Dataset:
    """Simulate y = Xβ + σ·ε with a sparse, known β and equicorrelated features.

    Each row of X is drawn from N(0, Σ) with Σ = (1 − ρ)·I + ρ·11ᵀ (every pair of
    features has correlation ρ), built as √(1 − ρ)·Z + √ρ·f with a shared factor f.
    Exactly ``n_informative`` coefficients, at random positions, are non-zero, with
    random signs and sizes between 1 and 3.

    Parameters
    ----------
    n_samples : int, default 200
        Number of rows n (at least 10).
    n_features : int, default 50
        Number of features p (at least 1).
    n_informative : int, default 5
        Number k of truly non-zero coefficients, 0 ≤ k ≤ p.
    rho : float, default 0.3
        Pairwise feature correlation, 0 ≤ ρ < 1.
    noise : float, default 1.0
        Standard deviation σ ≥ 0 of the noise.
    seed : int, default 0
        Seed of the random generator; the same seed gives the same data.

    Returns
    -------
    Dataset
        With ``true_coef`` set to the β that generated y.

    Examples
    --------
    >>> data = make_synthetic(100, 20, n_informative=3, seed=1)
    >>> int((data.true_coef != 0).sum())
    3
    """
    if n_samples < MIN_ROWS:
        raise ValueError(f"Use at least {MIN_ROWS} samples (got {n_samples}).")
    if n_features < 1:
        raise ValueError("Use at least one feature.")
    if not 0 <= n_informative <= n_features:
        raise ValueError(
            f"The number of non-zero coefficients must be between 0 and {n_features} "
            f"(got {n_informative})."
        )
    if not 0.0 <= rho < 1.0:
        raise ValueError(f"The correlation ρ must be in [0, 1) (got {rho}).")
    if noise < 0:
        raise ValueError(f"The noise level σ cannot be negative (got {noise}).")
    rng = np.random.default_rng(seed)
    shared = rng.standard_normal((n_samples, 1))
    X = np.sqrt(1.0 - rho) * rng.standard_normal((n_samples, n_features)) + np.sqrt(rho) * shared
    beta = np.zeros(n_features)
    support = rng.choice(n_features, size=n_informative, replace=False)
    beta[support] = rng.choice([-1.0, 1.0], size=n_informative) * rng.uniform(
        1.0, 3.0, size=n_informative
    )
    y = X @ beta + noise * rng.standard_normal(n_samples)
    width = len(str(n_features))
    return Dataset(
        name="synthetic",
        X=X,
        y=y,
        feature_names=tuple(f"x{j + 1:0{width}d}" for j in range(n_features)),
        target_name="y",
        description=(
            f"Simulated: n = {n_samples}, p = {n_features}, {n_informative} truly non-zero "
            f"coefficients, correlation ρ = {rho:g}, noise σ = {noise:g}, seed {seed}."
        ),
        true_coef=beta,
    )


# --------------------------------------------------------------------------- CSV upload


@dataclass(frozen=True, eq=False)
class CsvTable:
    """An uploaded CSV after reading and cleaning, before the user picks columns.

    Attributes
    ----------
    frame : pandas.DataFrame
        Only numeric (float) columns: numbers as read, booleans as 0/1, few-level
        text columns one-hot encoded. Missing values are still NaN here.
    target_candidates : tuple of str
        Columns that held numbers in the file (one-hot columns are not offered as target).
    notices : tuple of str
        Plain sentences on what was done while reading.
    """

    frame: pd.DataFrame
    target_candidates: tuple[str, ...]
    notices: tuple[str, ...]

    @property
    def default_target(self) -> str:
        """The last numeric column that varies (files usually put the outcome last)."""
        varying = [c for c in self.target_candidates if self.frame[c].nunique(dropna=True) > 1]
        return (varying or list(self.target_candidates))[-1]


def read_csv(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> CsvTable:
    """Read CSV bytes into numeric columns, saying in plain words what was changed.

    Handles, in this order: the size limit, empty files, binary (non-text) files,
    non-UTF-8 text (read as Windows-1252 with a notice), the delimiter (comma,
    semicolon or tab), duplicated column names (renamed with a notice), rows of the
    wrong length, fewer than :data:`MIN_ROWS` rows, non-numeric columns (one-hot
    encoded when they have at most :data:`MAX_LEVELS` levels, dropped otherwise, with a
    notice either way) and files left with no numeric column.

    Parameters
    ----------
    data : bytes
        The raw file.
    max_bytes : int, default 20 MB
        Larger files are refused.

    Returns
    -------
    CsvTable

    Raises
    ------
    ValueError
        With one sentence when the file cannot be used.

    Examples
    --------
    >>> rows = b"".join(b"%d,%d,%d\\n" % (i, i % 3, 2 * i) for i in range(12))
    >>> table = read_csv(b"a,b,y\\n" + rows)
    >>> table.target_candidates
    ('a', 'b', 'y')
    """
    if len(data) > max_bytes:
        raise ValueError(
            f"The file is {len(data) / 2**20:.1f} MB, over the upload limit of "
            f"{max_bytes / 2**20:.0f} MB. Upload a smaller sample of the rows."
        )
    notices: list[str] = []
    text = _decode(data, notices)
    if not text.strip():
        raise ValueError("The file is empty: it has no header row and no data.")
    delimiter = _sniff_delimiter(text, notices)
    header = _unique_header(text, delimiter, notices)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=0,
            names=header,
            skipinitialspace=True,
            skip_blank_lines=True,
        )
    except pd.errors.ParserError as error:
        raise ValueError(
            f"The file is not a regular table: some rows have a different number of "
            f"fields than the header ({_first_line(str(error))})."
        ) from None
    except pd.errors.EmptyDataError:
        raise ValueError("The file is empty: it has no header row and no data.") from None
    if frame.shape[0] == 0:
        raise ValueError("The file has a header row but no data rows.")
    if frame.shape[0] < MIN_ROWS:
        raise ValueError(
            f"The file has only {frame.shape[0]} data rows; at least {MIN_ROWS} are needed "
            f"to fit and cross-validate a model."
        )
    columns: dict[str, pd.Series] = {}
    candidates: list[str] = []
    for name in frame.columns:
        column = frame[name]
        numeric = _as_numeric(column, name, notices)
        if numeric is not None:
            columns[name] = numeric
            candidates.append(name)
            continue
        encoded = _one_hot_or_drop(column, name, notices)
        columns.update(encoded)
    if not columns:
        raise ValueError(
            "The file has no numeric columns: regression needs numbers for the target and "
            "the features."
        )
    table = pd.DataFrame(columns, index=frame.index)
    if not candidates:
        raise ValueError(
            "The file has no numeric column to predict: every column is text. Add a "
            "numeric target column."
        )
    return CsvTable(frame=table, target_candidates=tuple(candidates), notices=tuple(notices))


def dataset_from_table(
    table: CsvTable, target: str, features: Sequence[str] | None = None, *, name: str = "CSV"
) -> Dataset:
    """Build a :class:`Dataset` from a read CSV, a target column and feature columns.

    Rows with a missing value in the chosen columns are dropped (with a count in the
    notices); constant features are dropped (with a notice).

    Parameters
    ----------
    table : CsvTable
        From :func:`read_csv`.
    target : str
        Name of the column to predict (one of ``table.target_candidates``).
    features : sequence of str or None
        Feature columns; ``None`` means every other column.
    name : str, default "CSV"
        Name of the data set (e.g. the file name).

    Returns
    -------
    Dataset

    Raises
    ------
    ValueError
        When the target is unknown or constant, no feature is left, or fewer than
        :data:`MIN_ROWS` complete rows remain.
    """
    frame = table.frame
    if target not in table.target_candidates:
        raise ValueError(f"Choose a numeric target column; {target!r} is not one.")
    if features is None:
        features = [c for c in frame.columns if c != target]
    features = [f for f in features if f != target]
    unknown = [f for f in features if f not in frame.columns]
    if unknown:
        raise ValueError(f"Unknown feature column(s): {', '.join(unknown)}.")
    if not features:
        raise ValueError("Choose at least one feature column besides the target.")
    notices = list(table.notices)
    chosen = frame[[*features, target]]
    complete = chosen.dropna(axis=0, how="any")
    n_dropped = chosen.shape[0] - complete.shape[0]
    if n_dropped:
        notices.append(
            f"Dropped {n_dropped} of {chosen.shape[0]} rows with a missing value in the "
            f"chosen columns (rows are dropped, not imputed)."
        )
    if complete.shape[0] < MIN_ROWS:
        raise ValueError(
            f"Only {complete.shape[0]} rows have no missing value in the chosen columns; "
            f"at least {MIN_ROWS} are needed. Choose fewer columns or fill the gaps."
        )
    y = complete[target].to_numpy(dtype=float)
    if np.ptp(y) == 0:
        raise ValueError(
            f"The target {target!r} has the same value in every row, so there is nothing "
            f"to predict."
        )
    constant = [f for f in features if np.ptp(complete[f].to_numpy(dtype=float)) == 0]
    if constant:
        notices.append(
            f"Dropped {len(constant)} constant column(s) (same value in every row, so they "
            f"cannot be standardized or explain anything): {', '.join(constant)}."
        )
    kept = [f for f in features if f not in constant]
    if not kept:
        raise ValueError("Every chosen feature is constant: choose other feature columns.")
    return Dataset(
        name=name,
        X=complete[kept].to_numpy(dtype=float),
        y=y,
        feature_names=tuple(kept),
        target_name=target,
        description=f"Uploaded file, {complete.shape[0]} rows, {len(kept)} features.",
        notices=tuple(notices),
    )


def _decode(data: bytes, notices: list[str]) -> str:
    if b"\x00" in data[:4096]:
        raise ValueError(
            "This does not look like a text CSV file (it contains binary data — an Excel "
            "file, perhaps?). Save it as 'CSV UTF-8' and upload that."
        )
    try:
        return codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError as error:
        # Windows-1252 maps almost every byte, so non-UTF-8 text from Excel still reads.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        notices.append(
            f"The file is not UTF-8 text (byte {error.start + 1} is not valid UTF-8), so it "
            f"was read as Windows-1252 text. Check the column names; re-save as "
            f"'CSV UTF-8' if accents look wrong."
        )
        return text


def _sniff_delimiter(text: str, notices: list[str]) -> str:
    first = _first_line(text)
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get)
    if counts[delimiter] == 0:
        delimiter = ","
    if delimiter != ",":
        label = "semicolons" if delimiter == ";" else "tabs"
        notices.append(f"Columns are separated by {label}, not commas; read accordingly.")
    return delimiter


def _unique_header(text: str, delimiter: str, notices: list[str]) -> list[str]:
    row = next(csv.reader(io.StringIO(_first_line(text)), delimiter=delimiter), [])
    names = [cell.strip() or f"column {i + 1}" for i, cell in enumerate(row)]
    seen: dict[str, int] = {}
    renamed: list[str] = []
    unique: list[str] = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        if seen[name] == 1:
            unique.append(name)
            continue
        new = f"{name} ({seen[name]})"
        while new in names or new in unique:
            new += "'"
        unique.append(new)
        renamed.append(f"'{name}' → '{new}'")
    if renamed:
        notices.append(
            "Some column names appear more than once; the repeats were renamed: "
            + ", ".join(renamed)
            + "."
        )
    return unique


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _as_numeric(column: pd.Series, name: str, notices: list[str]) -> pd.Series | None:
    """The column as floats if it holds numbers (or booleans), else None."""
    if pd.api.types.is_bool_dtype(column):
        notices.append(f"Column '{name}' holds true/false values; coded as 1/0.")
        return column.astype(float)
    if pd.api.types.is_numeric_dtype(column):
        values = column.astype(float)
        return _drop_infinite(values, name, notices)
    present = column.dropna()
    if present.empty:
        notices.append(f"Column '{name}' is empty; dropped.")
        return None
    parsed = pd.to_numeric(present.astype(str).str.strip(), errors="coerce")
    share = parsed.notna().mean()
    if share >= _NUMERIC_SHARE:
        bad = present[parsed.isna()].astype(str).unique()[:3]
        examples = ", ".join(repr(b) for b in bad)
        notices.append(
            f"Column '{name}' is numbers with {int(parsed.isna().sum())} entries that are "
            f"not numbers ({examples}); those entries count as missing."
        )
        numeric = pd.to_numeric(column.astype(str).str.strip(), errors="coerce")
        numeric[column.isna()] = np.nan
        return _drop_infinite(numeric.astype(float), name, notices)
    return None


def _drop_infinite(values: pd.Series, name: str, notices: list[str]) -> pd.Series:
    infinite = np.isinf(values.to_numpy())
    if infinite.any():
        notices.append(
            f"Column '{name}' has {int(infinite.sum())} infinite values; they count as missing."
        )
        values = values.mask(infinite)
    return values


def _one_hot_or_drop(column: pd.Series, name: str, notices: list[str]) -> dict[str, pd.Series]:
    present = column.dropna().astype(str).str.strip()
    if present.empty:
        # The notice for an all-empty column was written by _as_numeric.
        return {}
    levels = sorted(present.unique())
    if len(levels) == 1:
        notices.append(f"Column '{name}' is text with a single value; dropped.")
        return {}
    if len(levels) > MAX_LEVELS:
        notices.append(
            f"Column '{name}' is text with {len(levels)} different values (more than "
            f"{MAX_LEVELS}); dropped."
        )
        return {}
    baseline, others = levels[0], levels[1:]
    text = column.astype("string").str.strip()
    encoded = {}
    for level in others:
        dummy = (text == level).astype(float)
        encoded[f"{name}={level}"] = dummy.where(column.notna())
    notices.append(
        f"Column '{name}' is text with {len(levels)} levels; one-hot encoded as "
        f"{len(others)} column(s) ({', '.join(encoded)}), with '{baseline}' as the baseline."
    )
    return encoded
