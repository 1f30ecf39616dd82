"""Data for the coefficient-path page: bundled real data, a synthetic generator, CSV upload.

Every source returns a :class:`Dataset`: a numeric design matrix ``X`` (n rows, p
features), a target ``y``, readable names, and a tuple of plain-sentence ``notices``
that say what was done to the data (columns dropped or encoded, rows dropped, ...).
Unusable input raises :class:`ValueError` with one sentence a student understands
(:class:`UploadRefused` for an upload; :func:`explain_refusal` gives the page's sentence).

Uploads are capped (:class:`UploadLimits`: bytes, rows, columns, values) and read in
chunks, one copy at a time; :func:`content_key` hashes the bytes for a cache key, so the
same file uploaded twice is one cache entry.

The real data sets ship inside scikit-learn, so nothing is downloaded.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pandas is imported where a CSV is read: the router imports this module
    import pandas as pd

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

    The files are read straight from scikit-learn's installation, as its loaders read
    them, without importing scikit-learn (which costs about a CPU-second: it imports
    scipy.stats and pandas); where the files are not found, its loaders are used.

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
    if name not in BUNDLED:
        known = ", ".join(BUNDLED)
        raise ValueError(f"Unknown data set {name!r}; choose one of {known}.")
    target, description = _ABOUT[name]
    table = _read_shipped(name, target)
    X, y, names = table if table is not None else _load_with_sklearn(name, target)
    return Dataset(
        name=name,
        X=np.asarray(X, dtype=float),
        y=np.asarray(y, dtype=float),
        feature_names=tuple(str(n) for n in names),
        target_name=target,
        description=description,
    )


_ABOUT = {  # the target's name (a column of the wine and Linnerud files) and the source
    "diabetes": (
        "disease progression",
        "scikit-learn's diabetes data (Efron et al., 2004), original units.",
    ),
    "wine": ("alcohol", "scikit-learn's wine recognition data (UCI)."),
    "linnerud": ("Weight", "scikit-learn's Linnerud fitness data."),
}

# The feature names scikit-learn's loaders give (they are not in the diabetes and wine
# files); a test checks them, and the numbers, against the loaders.
_DIABETES_NAMES = ("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6")
_WINE_NAMES = (
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
    "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
    "od280/od315_of_diluted_wines", "proline",
)  # fmt: skip

Table = tuple[np.ndarray, np.ndarray, Sequence[str]]


def _split_target(table: np.ndarray, names: Sequence[str], target: str) -> Table:
    """(the other columns, the column named ``target``, the other names)."""
    column = list(names).index(target)
    others = [n for i, n in enumerate(names) if i != column]
    return np.delete(table, column, axis=1), table[:, column], others


def _read_shipped(name: str, target: str) -> Table | None:
    """(X, y, feature names) from scikit-learn's data files, or None where they are not
    as expected (another layout in another version: the caller then uses the loaders)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("sklearn")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "data"
    try:
        table = _READERS[name](folder, target)
    except (OSError, ValueError, IndexError):
        return None
    X, y, names = table
    if X.ndim != 2 or X.shape != (len(y), len(names)) or not np.isfinite(X).all():
        return None
    return table


def _read_diabetes(folder, target: str) -> Table:  # scaled=False: the original units
    X = np.loadtxt(folder / "diabetes_data_raw.csv.gz")  # numpy reads .gz itself
    return X, np.loadtxt(folder / "diabetes_target.csv.gz"), _DIABETES_NAMES


def _read_wine(folder, target: str) -> Table:  # a line of counts and class names first
    rows = np.loadtxt(folder / "wine_data.csv", delimiter=",", skiprows=1)
    return _split_target(rows[:, :-1], _WINE_NAMES, target)  # the last column: the class


def _read_linnerud(folder, target: str) -> Table:  # a header line of names, then numbers
    exercise, body = folder / "linnerud_exercise.csv", folder / "linnerud_physiological.csv"
    names = exercise.read_text(encoding="utf-8").split("\n", 1)[0].split()
    targets = body.read_text(encoding="utf-8").split("\n", 1)[0].split()
    y = np.loadtxt(body, skiprows=1)[:, targets.index(target)]
    return np.loadtxt(exercise, skiprows=1), y, names


_READERS = {"diabetes": _read_diabetes, "wine": _read_wine, "linnerud": _read_linnerud}


def _load_with_sklearn(name: str, target: str) -> Table:
    """(X, y, feature names) from scikit-learn's own loaders."""
    from sklearn import datasets as sk_datasets

    if name == "diabetes":
        bunch = sk_datasets.load_diabetes(scaled=False)
        return bunch.data, bunch.target, list(bunch.feature_names)
    if name == "wine":
        bunch = sk_datasets.load_wine()
        return _split_target(bunch.data, bunch.feature_names, target)
    bunch = sk_datasets.load_linnerud()
    y = bunch.target[:, list(bunch.target_names).index(target)]
    return bunch.data, y, list(bunch.feature_names)


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
#
# An upload is parsed with bounded memory and time, one copy at a time:
# - the caps (bytes, columns, rows, cells) are checked before or while reading, never after
#   a full parse: the header gives the column count, pandas reads at most
#   min(rows cap, cells cap / columns) + 1 rows;
# - the bytes are never decoded into one big string: pandas reads them through a BytesIO
#   (no copy) in chunks of about _CHUNK_CELLS values, and each chunk is turned into float64
#   columns right away, so text cells never exist all at once as Python strings;
# - each column's chunks are joined (and freed) one column at a time, so the largest extra
#   copy is one column.
# Values are kept as float64 (not float32): the fits run in float64, float32 would round
# numbers with more than 7 significant digits and turn values above 3.4e38 into inf.


@dataclass(frozen=True)
class UploadLimits:
    """Caps on one uploaded CSV file.

    The defaults bound one parse to about 20 MB above the upload's bytes and well under a
    second of CPU (the table at the caps is 2 million float64 values, 16 MB), and the fits
    of the coefficient-path page on the largest accepted table (path and 5-fold
    cross-validation of all three penalties, 100 λ each) to about 3 s of CPU and 90 MB —
    measured on 50,000 × 40 and 10,000 × 200 tables on one core. The 20 MB byte cap alone
    allowed 10 million values (199,000 × 50 one-digit numbers) and 5,000 columns.

    Attributes
    ----------
    max_bytes : int, default 20 MB
        Larger files are refused (the app passes ``server.maxUploadSize``).
    max_rows : int, default 50,000
        Data rows (the header row not counted).
    max_columns : int, default 200
        Columns of the file, and columns of the table after one-hot encoding.
    max_cells : int, default 2,000,000
        Rows × columns: 2 million float64 values are 16 MB.

    Examples
    --------
    >>> UploadLimits().describe()
    'at most 20 MB, 50,000 rows, 200 columns and 2,000,000 values (rows × columns)'
    >>> UploadLimits(max_bytes=5 * 2**20).max_rows
    50000
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    max_rows: int = 50_000
    max_columns: int = 200
    max_cells: int = 2_000_000

    def describe(self) -> str:
        """The caps in words, for a help text or a message."""
        return (
            f"at most {_megabytes(self.max_bytes)}, {self.max_rows:,} rows, "
            f"{self.max_columns:,} columns and {self.max_cells:,} values (rows × columns)"
        )


LIMITS = UploadLimits()
"""The default caps on an upload."""

MAX_ABS_FEATURE = 1e150
"""Largest magnitude a feature value may have: its square (1e300), summed over the capped
number of rows, stays below the float64 limit (1.8e308). Larger values are not used."""

MAX_ABS_TARGET = 1e75
"""Largest magnitude a target value may have: the fits square its errors and
cross-validation squares the per-fold mean squared errors again (for their standard
error), so y⁴ must stay finite; measured: 1e75 passes, 1e80 overflows."""

MAX_NAME_LENGTH = 100
"""Column names longer than this many characters are shortened."""

_HEAD_BYTES = 1 << 20  # the header row is read from the first 1 MB
_SAMPLE_BYTES = 4096  # bytes inspected to tell text from binary data
_CHECK_BYTES = 1 << 20  # block size of the chunked UTF check (no full decoded copy)
_CHUNK_CELLS = 200_000  # values per parsed chunk (~1.6 MB as float64)
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_BOOLEAN_TEXT = ("true", "false", "True", "False", "TRUE", "FALSE")


class UploadRefused(ValueError):
    """An uploaded file that cannot be used; ``str(error)`` is the sentence to show.

    Parameters
    ----------
    message : str
        One plain sentence (or two) saying what is wrong and what to do.
    cap : {"bytes", "rows", "columns", "cells"} or None
        The cap the file is over, if that is the reason.

    Examples
    --------
    >>> error = UploadRefused("The file is empty.", cap=None)
    >>> isinstance(error, ValueError), str(error)
    (True, 'The file is empty.')
    """

    def __init__(self, message: str, cap: str | None = None) -> None:
        super().__init__(message)
        self.cap = cap


def content_key(data: bytes) -> str:
    """A short hash of an upload's bytes, to use as its cache key.

    The same file uploaded twice (by one visitor or several) gives the same key, so a
    cache keyed by it holds one entry per distinct file — unlike Streamlit's ``file_id``,
    which is new for every upload. BLAKE2b with a 16-byte digest: about 30 ms for 20 MB.

    Parameters
    ----------
    data : bytes
        The raw file.

    Returns
    -------
    str
        32 hexadecimal characters.

    Examples
    --------
    >>> content_key(b"a,b\\n1,2\\n") == content_key(b"a,b\\n1,2\\n")
    True
    >>> content_key(b"a,b\\n1,2\\n") == content_key(b"a,b\\n1,3\\n")
    False
    >>> len(content_key(b""))
    32
    """
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def upload_help(limits: UploadLimits = LIMITS) -> str:
    """The help text of the upload widget: what a usable file looks like, with the caps.

    Examples
    --------
    >>> upload_help().startswith("A table with a header row")
    True
    """
    return (
        f"A table with a header row and one row per observation, {limits.describe()}. "
        "Comma-, semicolon- or tab-separated; UTF-8, UTF-16 or Windows-1252 text. Pick the "
        "column to predict below."
    )


def no_file_message(limits: UploadLimits = LIMITS) -> str:
    """What the page says while there is no usable upload.

    Streamlit refuses a file over ``server.maxUploadSize`` in the browser: the file's chip
    gets a red mark and the page receives no file. This sentence says so, so a visitor
    whose file was too big learns why nothing happened.

    Examples
    --------
    >>> print(no_file_message(UploadLimits(max_bytes=2**20)))  # doctest: +NORMALIZE_WHITESPACE
    No file yet: upload a CSV file (at most 1 MB, 50,000 rows, 200 columns and 2,000,000
    values (rows × columns)). A file marked with a red sign was refused by the uploader
    because it is over 1 MB: upload a sample of its rows.
    """
    return (
        f"No file yet: upload a CSV file ({limits.describe()}). A file marked with a red "
        f"sign was refused by the uploader because it is over {_megabytes(limits.max_bytes)}: "
        "upload a sample of its rows."
    )


def explain_refusal(error: BaseException) -> str:
    """The sentence the page shows when an upload cannot be used.

    Parameters
    ----------
    error : BaseException
        What :func:`read_csv` or :func:`dataset_from_table` raised.

    Returns
    -------
    str
        ``"Cannot use this file: "`` and the error's own sentence for a ``ValueError``
        (every refusal of this module is one); a plain generic sentence otherwise, never
        a traceback, an exception name or a server path.

    Examples
    --------
    >>> explain_refusal(UploadRefused("The file is empty: it has no header row and no data."))
    'Cannot use this file: The file is empty: it has no header row and no data.'
    >>> explain_refusal(MemoryError())
    'Cannot use this file: it is too large to read here. Upload a sample of its rows.'
    >>> print(explain_refusal(KeyError("/srv/app/x.py")))  # doctest: +NORMALIZE_WHITESPACE
    Cannot read this file as a CSV table. Check that it is plain text (in a spreadsheet:
    save as 'CSV UTF-8').
    """
    if isinstance(error, ValueError) and str(error):
        return f"Cannot use this file: {error}"
    if isinstance(error, MemoryError):
        return "Cannot use this file: it is too large to read here. Upload a sample of its rows."
    return (
        "Cannot read this file as a CSV table. Check that it is plain text "
        "(in a spreadsheet: save as 'CSV UTF-8')."
    )


@dataclass(frozen=True, eq=False)
class CsvTable:
    """An uploaded CSV after reading and cleaning, before the user picks columns.

    Attributes
    ----------
    arrays : dict of str to ndarray
        One float64 array of length ``n_rows`` per column, in file order: numbers as
        read, booleans as 0/1, few-level text columns one-hot encoded. Missing (and
        infinite) values are NaN.
    numeric_columns : tuple of str
        Columns that held numbers in the file (one-hot columns are not among them).
    target_candidates : tuple of str
        Numeric columns that can be predicted: at least two distinct values and at least
        :data:`MIN_ROWS` finite values. The page offers these as the target.
    usable_features : tuple of str
        Columns selected as features by default: they vary, have at least
        :data:`MIN_ROWS` values and none above :data:`MAX_ABS_FEATURE`. Empty and
        constant columns are not among them.
    default_target : str
        The target selected by default: the last candidate with no value above
        :data:`MAX_ABS_TARGET` (files usually put the outcome last).
    notices : tuple of str
        Plain sentences on what was done while reading.
    """

    arrays: dict[str, np.ndarray]
    numeric_columns: tuple[str, ...]
    target_candidates: tuple[str, ...]
    usable_features: tuple[str, ...]
    default_target: str
    notices: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column name, in order (what the feature picker offers)."""
        return tuple(self.arrays)

    @property
    def n_rows(self) -> int:
        """Number of data rows."""
        return len(next(iter(self.arrays.values())))

    @property
    def frame(self) -> pd.DataFrame:
        """The columns as a DataFrame (no copy of the values)."""
        import pandas as pd

        return pd.DataFrame(self.arrays, copy=False)

    def default_features(self, target: str | None = None) -> tuple[str, ...]:
        """The feature columns selected by default for ``target`` (default: ``default_target``).

        Every usable column except the target: no empty, constant or overflowing column.
        """
        target = self.default_target if target is None else target
        return tuple(c for c in self.usable_features if c != target)


def read_csv(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, limits: UploadLimits | None = None
) -> CsvTable:
    """Read CSV bytes into numeric columns, saying in plain words what was changed.

    Handles, in this order: the size cap, binary (non-text) files, the text encoding
    (UTF-8 with or without BOM, UTF-16 and UTF-32 with a BOM, UTF-16 without BOM, else
    Windows-1252 with a notice), empty files, the delimiter (comma, semicolon or tab),
    the column cap, duplicated or very long column names (renamed with a notice), rows of
    the wrong length, the row and cell caps, fewer than :data:`MIN_ROWS` rows,
    non-numeric columns (one-hot encoded when they have at most :data:`MAX_LEVELS`
    levels, dropped otherwise, with a notice either way), infinite values (missing, with
    a notice), empty columns (dropped), constant, nearly empty or overflowing columns
    (kept, not selected by default) and files left with no numeric column to predict.

    Memory is bounded by the caps: at the caps the parse peaks near 20 MB above the
    upload's bytes (the table itself is 16 MB) whatever the file holds.

    Parameters
    ----------
    data : bytes
        The raw file. The caller should drop its own reference after the call.
    max_bytes : int, default 20 MB
        Larger files are refused (used when ``limits`` is not given).
    limits : UploadLimits or None
        All caps; ``None`` means ``UploadLimits(max_bytes=max_bytes)``.

    Returns
    -------
    CsvTable

    Raises
    ------
    UploadRefused
        A ``ValueError`` with one sentence when the file cannot be used (``cap`` names the
        cap when the file is over one); :func:`explain_refusal` turns it into the page's
        sentence.

    Examples
    --------
    >>> rows = b"".join(b"%d,%d,7,%d\\n" % (i, i % 3, 2 * i) for i in range(12))
    >>> table = read_csv(b"a,b,c,y\\n" + rows)
    >>> table.target_candidates, table.default_target
    (('a', 'b', 'y'), 'y')
    >>> table.default_features()  # 'c' is constant: not selected by default
    ('a', 'b')
    >>> read_csv(b"a,b\\n" * 3, limits=UploadLimits(max_columns=1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    regviz.experiments.datasets.UploadRefused: The file has 2 columns, over the limit of 1 ...
    """
    limits = UploadLimits(max_bytes=max_bytes) if limits is None else limits
    if len(data) > limits.max_bytes:
        raise UploadRefused(
            f"The file is {len(data) / 2**20:.1f} MB, over the upload limit of "
            f"{_megabytes(limits.max_bytes)}. Upload a smaller sample of the rows.",
            cap="bytes",
        )
    notices: list[str] = []
    encoding = _detect_encoding(data, notices)
    head = _decode_head(data, encoding)
    if not head.strip():
        raise UploadRefused("The file is empty: it has no header row and no data.")
    delimiter = _sniff_delimiter(head, notices)
    header = _unique_header(head, delimiter, notices)
    if len(header) > limits.max_columns:
        raise UploadRefused(
            f"The file has {len(header):,} columns, over the limit of {limits.max_columns:,} "
            f"columns per upload. Keep the columns you need (at most "
            f"{limits.max_columns:,}) and upload again.",
            cap="columns",
        )
    row_cap = min(limits.max_rows, limits.max_cells // len(header))
    columns = _parse_columns(data, encoding, delimiter, header, row_cap)
    n_rows = columns[0].n_rows
    if n_rows > row_cap:
        raise _over_rows(data, encoding, len(header), row_cap, limits)
    if n_rows == 0:
        raise UploadRefused("The file has a header row but no data rows.")
    if n_rows < MIN_ROWS:
        raise UploadRefused(
            f"The file has only {n_rows} data rows; at least {MIN_ROWS} are needed "
            f"to fit and cross-validate a model."
        )
    return _build_table(columns, n_rows, limits, notices)


def dataset_from_table(
    table: CsvTable, target: str, features: Sequence[str] | None = None, *, name: str = "CSV"
) -> Dataset:
    """Build a :class:`Dataset` from a read CSV, a target column and feature columns.

    Rows with a missing value in the chosen columns are dropped (with a count in the
    notices); constant features and features with values too large to square are dropped
    (with a notice). ``X`` is built once, column by column, from the table's arrays.

    Parameters
    ----------
    table : CsvTable
        From :func:`read_csv`.
    target : str
        Name of the column to predict (one of ``table.target_candidates``).
    features : sequence of str or None
        Feature columns; ``None`` means ``table.default_features(target)``.
    name : str, default "CSV"
        Name of the data set (e.g. the file name).

    Returns
    -------
    Dataset

    Raises
    ------
    ValueError
        When the target is unknown, constant or has values too large to square, no
        feature is left, or fewer than :data:`MIN_ROWS` complete rows remain.

    Examples
    --------
    >>> rows = b"".join(b"%d,%d,%d\\n" % (i, i % 3, 2 * i) for i in range(12))
    >>> data = dataset_from_table(read_csv(b"a,b,y\\n" + rows), "y")
    >>> data.X.shape, data.feature_names
    ((12, 2), ('a', 'b'))
    >>> huge = b"".join(b"%d,%de300\\n" % (i, i) for i in range(12))
    >>> dataset_from_table(read_csv(b"a,y\\n" + huge), "y", ["a"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: The target column 'y' has values too large to square (up to 1.1e+301): ...
    """
    arrays = table.arrays
    if target not in table.numeric_columns:
        raise ValueError(f"Choose a numeric target column; {_quote(target)} is not one.")
    if features is None:
        features = table.default_features(target)
    features = [f for f in features if f != target]
    unknown = [f for f in features if f not in arrays]
    if unknown:
        raise ValueError(f"Unknown feature column(s): {_name_list(unknown)}.")
    if not features:
        raise ValueError("Choose at least one feature column besides the target.")
    notices = list(table.notices)
    complete = np.isfinite(arrays[target])
    for f in features:
        complete &= np.isfinite(arrays[f])
    n_complete = int(complete.sum())
    n_dropped = table.n_rows - n_complete
    if n_dropped:
        notices.append(
            f"Dropped {n_dropped} of {table.n_rows} rows with a missing value in the "
            f"chosen columns (rows are dropped, not imputed)."
        )
    if n_complete < MIN_ROWS:
        raise ValueError(
            f"Only {n_complete} rows have no missing value in the chosen columns; "
            f"at least {MIN_ROWS} are needed. Choose fewer columns or fill the gaps."
        )
    y = arrays[target][complete]
    largest = float(np.max(np.abs(y)))
    if largest > MAX_ABS_TARGET:
        raise ValueError(
            f"The target column {_quote(target)} has values too large to square (up to "
            f"{largest:.2g}): the fits square its errors, and cross-validation squares "
            f"those again, which would overflow. Rescale it (e.g. divide it by "
            f"{_rescale_hint(largest, MAX_ABS_TARGET):g}) and upload again."
        )
    if np.ptp(y) == 0:
        raise ValueError(
            f"The target {_quote(target)} has the same value in every row, so there is "
            f"nothing to predict."
        )
    constant, too_large, kept = [], [], []
    for f in features:
        column = arrays[f][complete]
        if np.max(np.abs(column)) > MAX_ABS_FEATURE:
            too_large.append(f)
        elif np.ptp(column) == 0:
            constant.append(f)
        else:
            kept.append(f)
    if constant:
        notices.append(
            f"Dropped {len(constant)} constant column(s) (same value in every row, so they "
            f"cannot be standardized or explain anything): {_name_list(constant)}."
        )
    if too_large:
        notices.append(
            f"Dropped {len(too_large)} column(s) with values too large to square (above "
            f"{MAX_ABS_FEATURE:g}; rescale them to use them): {_name_list(too_large)}."
        )
    if not kept:
        raise ValueError(
            "Every chosen feature is constant or too large to use: choose other feature columns."
        )
    X = np.empty((n_complete, len(kept)), order="F")
    for j, f in enumerate(kept):
        X[:, j] = arrays[f][complete]
    return Dataset(
        name=name,
        X=X,
        y=y,
        feature_names=tuple(kept),
        target_name=target,
        description=f"Uploaded file, {n_complete} rows, {len(kept)} features.",
        notices=tuple(notices),
    )


# --------------------------------------------------------------------------- encoding


def _detect_encoding(data: bytes, notices: list[str]) -> str:
    """The codec to read ``data`` with; refuses binary data with a sentence."""
    for bom, codec, label in (
        (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),  # before UTF-16 LE: same first 2 bytes
        (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", None),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
    ):
        if data.startswith(bom):
            _check_text(data, codec, label or "UTF-8")
            if label:
                notices.append(f"The file is {label} text; read accordingly.")
            return codec
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        codec = _utf16_without_bom(sample)
        if codec is None:
            raise _binary()
        _check_text(data, codec, "UTF-16")
        notices.append("The file is UTF-16 text (without a byte-order mark); read accordingly.")
        return codec
    invalid = _first_invalid(data, "utf-8")
    if invalid is None:
        _refuse_control_characters(_decode_head(data, "utf-8"))
        return "utf-8"
    # Windows-1252 maps almost every byte, so non-UTF-8 text from Excel still reads; the
    # five bytes it leaves undefined are read as Latin-1 instead.
    codec = "latin-1" if any(b in data for b in _CP1252_UNDEFINED) else "cp1252"
    _refuse_control_characters(_decode_head(data, codec))
    notices.append(
        f"The file is not UTF-8 text (byte {invalid + 1} is not valid UTF-8), so it "
        f"was read as Windows-1252 text. Check the column names; re-save as "
        f"'CSV UTF-8' if accents look wrong."
    )
    return codec


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit in alternate positions, else None.

    Text in UTF-16 stores every ASCII character (digits, commas, line breaks) as one
    ASCII byte and one NUL byte: NULs fill the odd positions (little-endian) or the even
    ones (big-endian). Binary data has NULs in both.
    """
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.3 and nul_even < 0.02:
        codec = "utf-16-le"
    elif nul_even > 0.3 and nul_odd < 0.02:
        codec = "utf-16-be"
    else:
        return None
    try:
        codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    return codec


def _check_text(data: bytes, codec: str, label: str) -> None:
    invalid = _first_invalid(data, codec)
    if invalid is not None:
        raise UploadRefused(
            f"The file starts like {label} text but byte {invalid + 1} is not valid "
            f"{label}. Save it again as 'CSV UTF-8' and upload that."
        )
    _refuse_control_characters(_decode_head(data, codec))


def _first_invalid(data: bytes, codec: str) -> int | None:
    """Position of the first byte that does not decode, checked in 1 MB blocks (no copy
    of the whole text is made), or None."""
    decoder = codecs.getincrementaldecoder(codec)()
    view = memoryview(data)
    for start in range(0, len(data), _CHECK_BYTES):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(view[start : start + _CHECK_BYTES], final=False)
        except UnicodeDecodeError as error:
            return max(0, start - pending + error.start)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        return max(0, len(data) - len(decoder.getstate()[0]) + error.start - 1)
    return None


def _refuse_control_characters(head: str) -> None:
    """Text files hold almost no control characters; binary data decoded as text does."""
    sample = head[:_SAMPLE_BYTES]
    control = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    if "\x00" in sample or control > max(2, len(sample) // 100):
        raise _binary()


def _binary() -> UploadRefused:
    return UploadRefused(
        "This does not look like a text CSV file (it contains binary data — an Excel "
        "file, perhaps?). Save it as 'CSV UTF-8' and upload that."
    )


def _decode_head(data: bytes, codec: str) -> str:
    """The first 1 MB as text (a byte-order mark removed)."""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    return decoder.decode(data[:_HEAD_BYTES], final=len(data) <= _HEAD_BYTES)


def _line_count(data: bytes, codec: str) -> int:
    """Number of line breaks (an estimate of the rows, for messages only)."""
    newline = {"utf-16-le": b"\n\x00", "utf-16-be": b"\x00\n"}.get(codec, b"\n")
    if codec == "utf-16":
        newline = b"\n\x00" if data.startswith(codecs.BOM_UTF16_LE) else b"\x00\n"
    return max(data.count(newline), data.count(newline.replace(b"\n", b"\r")))


def _over_rows(
    data: bytes, encoding: str, n_columns: int, row_cap: int, limits: UploadLimits
) -> UploadRefused:
    rows = max(_line_count(data, encoding) - 1, row_cap + 1)
    if row_cap == limits.max_rows:
        return UploadRefused(
            f"The file has about {rows:,} rows, over the limit of {limits.max_rows:,} rows "
            f"per upload. Upload a sample of at most {limits.max_rows:,} rows.",
            cap="rows",
        )
    return UploadRefused(
        f"The file has about {rows:,} rows × {n_columns} columns = about "
        f"{rows * n_columns:,} values, over the limit of {limits.max_cells:,} values per "
        f"upload (with {n_columns} columns: {row_cap:,} rows). Upload a sample of at most "
        f"{row_cap:,} rows, or fewer columns.",
        cap="cells",
    )


# --------------------------------------------------------------------------- parsing


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
    long = [name for name in names if len(name) > MAX_NAME_LENGTH]
    if long:
        names = [_shorten(name, MAX_NAME_LENGTH) for name in names]
        notices.append(
            f"{len(long)} column name(s) longer than {MAX_NAME_LENGTH} characters were shortened."
        )
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
        renamed.append(f"{_quote(name)} → {_quote(new)}")
    if renamed:
        notices.append(
            "Some column names appear more than once; the repeats were renamed: "
            + _name_list(renamed, quote=False)
            + "."
        )
    return unique


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


class _Column:
    """One column read chunk by chunk: float64 chunks plus what decides its type.

    ``n_present`` counts non-missing entries and ``n_text`` those that are not numbers;
    ``levels`` (text value → code) and ``codes`` are kept only while the column has at
    most :data:`MAX_LEVELS` distinct values, for a one-hot encoding. Once so many entries
    are text that the column cannot be numeric whatever the remaining rows hold
    (``rows_bound`` bounds the rows), its numbers are no longer parsed or kept, and once
    it also has too many levels to encode, its chunks are only counted.
    """

    def __init__(self, name: str, rows_bound: int) -> None:
        self.name = name
        self.rows_bound = rows_bound
        self.chunks: list[np.ndarray] = []
        self.n_rows = 0
        self.n_present = 0
        self.n_text = 0
        self.examples: list[str] = []
        self.boolean = True
        self.levels: dict[str, int] | None = {}
        self.codes: list[np.ndarray] = []

    @property
    def is_text(self) -> bool:
        """True once the column is text whatever its remaining rows hold."""
        return self.n_text > (1.0 - _NUMERIC_SHARE) * self.rows_bound

    def add(self, series: pd.Series) -> None:
        import pandas as pd

        n = len(series)
        self.n_rows += n
        if self.is_text and self.levels is None:
            return
        if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
            values = series.to_numpy(dtype=float, na_value=np.nan)
            present = ~np.isnan(values)
            if pd.api.types.is_bool_dtype(series):
                labels = pd.Series(np.where(values == 1.0, "True", "False"))
            else:
                self.boolean = self.boolean and not present.any()
                labels = pd.Series(values[present])
        else:
            present = series.notna().to_numpy()
            labels = series[present].astype(str).str.strip()
            values = None if self.is_text else self._parse_numbers(labels, present)
        self.n_present += int(present.sum())
        if values is not None and not self.is_text:
            self.chunks.append(values)
        else:
            self.chunks = []
        self._add_levels(labels, present, n)

    def _parse_numbers(self, text: pd.Series, present: np.ndarray) -> np.ndarray:
        import pandas as pd

        numbers = np.array(pd.to_numeric(text, errors="coerce"), dtype=float)
        boolean = text.isin(_BOOLEAN_TEXT).to_numpy()
        if boolean.any():
            numbers[boolean] = text[boolean].str.lower().eq("true").to_numpy(dtype=float)
        if not boolean.all():
            self.boolean = False
        bad = np.isnan(numbers)
        self.n_text += int(bad.sum())
        if bad.any() and len(self.examples) < 3:
            for example in text[bad].unique()[:3]:
                if example not in self.examples and len(self.examples) < 3:
                    self.examples.append(example)
        values = np.full(len(present), np.nan)
        values[present] = numbers
        return values

    def _add_levels(self, labels: pd.Series, present: np.ndarray, n: int) -> None:
        import pandas as pd

        if self.levels is None:
            return
        codes, uniques = pd.factorize(labels)
        if len(uniques) > MAX_LEVELS:
            self.levels, self.codes = None, []
            return
        lookup = np.array(
            [self.levels.setdefault(_label(u), len(self.levels)) for u in uniques], dtype=np.int8
        )
        if len(self.levels) > MAX_LEVELS:
            self.levels, self.codes = None, []
            return
        chunk = np.full(n, -1, dtype=np.int8)
        chunk[present] = lookup[codes] if len(lookup) else -1
        self.codes.append(chunk)

    def values(self) -> np.ndarray:
        """All chunks joined; the chunks are freed."""
        values = np.concatenate(self.chunks) if self.chunks else np.empty(0)
        self.chunks = []
        return values


def _parse_columns(
    data: bytes, encoding: str, delimiter: str, header: list[str], row_cap: int
) -> list[_Column]:
    """Read at most ``row_cap + 1`` rows, chunk by chunk, into per-column accumulators."""
    import pandas as pd

    rows_bound = min(row_cap + 1, _line_count(data, encoding) + 1)
    columns = [_Column(name, rows_bound) for name in header]
    chunk_rows = max(100, _CHUNK_CELLS // len(header))
    try:
        reader = pd.read_csv(
            io.BytesIO(data),  # shares the bytes' buffer: no copy
            sep=delimiter,
            header=0,
            names=header,
            encoding=encoding,
            skipinitialspace=True,
            skip_blank_lines=True,
            chunksize=chunk_rows,
            nrows=row_cap + 1,
        )
        with reader:
            for chunk in reader:
                for column, name in zip(columns, header, strict=True):
                    column.add(chunk[name])
                del chunk
    except pd.errors.ParserError as error:
        raise UploadRefused(
            f"The file is not a regular table: some rows have a different number of "
            f"fields than the header ({_first_line(str(error))})."
        ) from None
    except pd.errors.EmptyDataError:
        raise UploadRefused("The file is empty: it has no header row and no data.") from None
    except UnicodeDecodeError:
        raise UploadRefused(
            "The file's text encoding could not be read. Save it as 'CSV UTF-8' and upload that."
        ) from None
    return columns


def _build_table(
    columns: list[_Column], n_rows: int, limits: UploadLimits, notices: list[str]
) -> CsvTable:
    """Decide each column's type, join its chunks (one column at a time) and pick defaults."""
    plans: list[tuple[_Column, str]] = []
    for column in columns:
        if column.n_present == 0:
            plans.append((column, "empty"))
        elif not column.is_text and column.n_text <= (1 - _NUMERIC_SHARE) * column.n_present:
            plans.append((column, "numeric"))
        elif column.levels is None:
            plans.append((column, "many levels"))
        elif len(column.levels) == 1:
            plans.append((column, "single level"))
        else:
            plans.append((column, "one-hot"))
    budget = min(limits.max_columns, limits.max_cells // n_rows)
    budget -= sum(1 for _, kind in plans if kind == "numeric")
    arrays: dict[str, np.ndarray] = {}
    numeric: list[str] = []
    empty, infinite, over_budget = [], [], []
    for column, kind in plans:
        name = column.name
        if kind == "empty":
            empty.append(name)
        elif kind == "numeric":
            values = column.values()
            n_infinite = int(np.isinf(values).sum())
            if n_infinite:
                values[np.isinf(values)] = np.nan
                infinite.append(f"{_quote(name)} ({n_infinite})")
            if np.isnan(values).all():
                empty.append(name)
                continue
            arrays[name] = values
            numeric.append(name)
            _numeric_notices(column, notices)
        elif kind == "many levels":
            notices.append(
                f"Column {_quote(name)} is text with more than {MAX_LEVELS} different "
                f"values; dropped."
            )
        elif kind == "single level":
            notices.append(f"Column {_quote(name)} is text with a single value; dropped.")
        elif len(column.levels) - 1 > budget:
            over_budget.append(name)
        else:
            budget -= len(column.levels) - 1
            arrays.update(_one_hot(column, notices))
        column.chunks, column.codes = [], []
    if infinite:
        notices.append(
            "Infinite values (or numbers too large for a computer's floating point) count "
            f"as missing, in column(s): {_name_list(infinite, quote=False)}."
        )
    if empty:
        notices.append(f"Column(s) with no values were dropped: {_name_list(empty)}.")
    if over_budget:
        notices.append(
            f"Text column(s) not encoded because the table would pass {limits.max_columns:,} "
            f"columns or {limits.max_cells:,} values: {_name_list(over_budget)}."
        )
    if not arrays:
        raise UploadRefused(
            "The file has no numeric columns: regression needs numbers for the target and "
            "the features."
        )
    if not numeric:
        raise UploadRefused(
            "The file has no numeric column to predict: every column is text. Add a "
            "numeric target column."
        )
    candidates, usable, fine_targets = _defaults(arrays, numeric, notices)
    if not candidates:
        raise UploadRefused(
            f"The file has no numeric column to predict: none has at least {MIN_ROWS} values "
            f"and two different ones."
        )
    return CsvTable(
        arrays=arrays,
        numeric_columns=tuple(numeric),
        target_candidates=tuple(candidates),
        usable_features=tuple(usable),
        default_target=(fine_targets or candidates)[-1],
        notices=tuple(notices),
    )


def _numeric_notices(column: _Column, notices: list[str]) -> None:
    name = _quote(column.name)
    if column.boolean:
        notices.append(f"Column {name} holds true/false values; coded as 1/0.")
    elif column.n_text:
        examples = ", ".join(_quote(e, 20) for e in column.examples)
        notices.append(
            f"Column {name} is numbers with {column.n_text} entries that are not numbers "
            f"({examples}); those entries count as missing."
        )


def _one_hot(column: _Column, notices: list[str]) -> dict[str, np.ndarray]:
    codes = np.concatenate(column.codes)
    levels = sorted(column.levels)
    baseline, others = levels[0], levels[1:]
    encoded: dict[str, np.ndarray] = {}
    missing = codes < 0
    for level in others:
        dummy = (codes == column.levels[level]).astype(float)
        dummy[missing] = np.nan
        encoded[f"{column.name}={level}"] = dummy
    notices.append(
        f"Column {_quote(column.name)} is text with {len(levels)} levels; one-hot encoded as "
        f"{len(others)} column(s) ({_name_list(list(encoded), quote=False)}), with "
        f"{_quote(baseline)} as the baseline."
    )
    return encoded


def _defaults(
    arrays: dict[str, np.ndarray], numeric: list[str], notices: list[str]
) -> tuple[list[str], list[str], list[str]]:
    """Target candidates, default features and candidates small enough to be the default
    target; a notice for each kind of column left out."""
    candidates, usable, fine_targets = [], [], []
    constant, sparse, too_large = [], [], []
    for name, values in arrays.items():
        finite = values[~np.isnan(values)]
        varies = finite.size > 0 and finite.min() < finite.max()
        if not varies:
            constant.append(name)
            continue
        if finite.size < MIN_ROWS:
            sparse.append(name)
            continue
        largest = max(-finite.min(), finite.max())
        if name in numeric:
            candidates.append(name)
            if largest <= MAX_ABS_TARGET:
                fine_targets.append(name)
        if largest > MAX_ABS_FEATURE:
            too_large.append(name)
            continue
        usable.append(name)
    if constant:
        notices.append(
            f"Column(s) with the same value in every row are not selected as features: "
            f"{_name_list(constant)}."
        )
    if sparse:
        notices.append(
            f"Column(s) with fewer than {MIN_ROWS} values are not selected as features: "
            f"{_name_list(sparse)}."
        )
    if too_large:
        notices.append(
            f"Column(s) with values too large to square (above {MAX_ABS_FEATURE:g}) are not "
            f"selected: {_name_list(too_large)}. Rescale them (e.g. express them in "
            f"millions) to use them."
        )
    return candidates, usable, fine_targets


# --------------------------------------------------------------------------- wording


def _megabytes(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:g} MB"


def _label(value: object) -> str:
    """A level's name: text as it is, a whole number without '.0'."""
    if isinstance(value, float | np.floating):
        return (
            str(int(value))
            if float(value).is_integer() and abs(value) < 1e15
            else repr(float(value))
        )
    return str(value)


def _rescale_hint(largest: float, bound: float) -> float:
    """A power of ten that brings ``largest`` to ``bound`` or below."""
    return 10.0 ** (np.ceil(np.log10(largest)) - np.floor(np.log10(bound)))


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _quote(name: str, length: int = 40) -> str:
    """A column name or value in quotes, shortened for a sentence."""
    return f"'{_shorten(str(name), length)}'"


def _name_list(names: Sequence[str], *, quote: bool = True, limit: int = 10) -> str:
    shown = [_quote(n) if quote else n for n in names[:limit]]
    if len(names) > limit:
        shown.append(f"and {len(names) - limit} more")
    return ", ".join(shown)
