"""The one loading path for every table in ``data/``: read, validate, return a typed DataFrame.

A file that cannot be read or that breaks its schema (see :mod:`helpers.schemas`) raises
:class:`DataFileError`, whose message names the file, the row, the column and the rule broken.
Nothing is returned half-loaded. Row numbers count the header as row 1, as a spreadsheet does.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.schemas import TABLES, TableSpec, build_schema

#: Where the CSV files live in a clone (the package installed editable, as `make` and Binder do).
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

MAX_PROBLEMS_SHOWN = 12


@dataclass(frozen=True)
class Problem:
    """One broken rule: where it is and what it is."""

    row: int | None  # row of the file, header = 1; None when it concerns the whole file
    column: str | None
    rule: str
    value: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        place = ", ".join(where) if where else "whole file"
        value = f" (value: {self.value!r})" if self.value is not None else ""
        return f"{place}: {self.rule}{value}"


class DataFileError(ValueError):
    """A data file is missing, unreadable or breaks its schema."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = Path(path)
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        tail = f"\n  ... and {more} more" if more > 0 else ""
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{self.path}: {len(problems)} {noun}\n{shown}{tail}")

    @property
    def first(self) -> Problem:
        return self.problems[0]


def data_dir() -> Path:
    """The folder the tables are read from.

    ``METASTASIS_DATA_DIR`` if set; else the clone's ``data/`` beside the package; else, when the package
    was installed from an index (as on a class JupyterHub), the ``data/`` folder next to the notebooks
    being run (``../data`` from ``notebooks/``, or ``./data``).
    """
    if "METASTASIS_DATA_DIR" in os.environ:
        return Path(os.environ["METASTASIS_DATA_DIR"])
    for candidate in (DEFAULT_DATA_DIR, Path.cwd().parent / "data", Path.cwd() / "data"):
        if (candidate / "sources.csv").exists():
            return candidate
    return DEFAULT_DATA_DIR


def table_names() -> list[str]:
    """Names of every declared table."""
    return list(TABLES)


def load_table(name: str, directory: Path | str | None = None) -> pd.DataFrame:
    """Read ``data/<table>.csv``, validate it against its schema and return it (a fresh copy).

    Raises :class:`DataFileError` for a missing, empty, non-UTF-8, malformed or invalid file,
    and ``KeyError`` for a table name that is not declared.
    """
    if name not in TABLES:
        raise KeyError(f"no table named {name!r}; declared tables: {', '.join(TABLES)}")
    folder = Path(directory) if directory is not None else data_dir()
    path = folder / TABLES[name].filename
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise DataFileError(path, [Problem(None, None, "the file does not exist")]) from None
    depends = ["sources"] if name != "sources" else []
    depends += [table for _, table, _ in TABLES[name].links]
    stamps = tuple(_stamp(folder / TABLES[table].filename) for table in depends)
    return _load_cached(name, str(folder), stamp, stamps).copy()


def load_tables(*names: str, directory: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Several tables at once, by name (each through :func:`load_table`)."""
    return {name: load_table(name, directory) for name in names}


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return -1


@lru_cache(maxsize=64)
def _load_cached(name: str, folder: str, _stamp: int, _depends_stamps: tuple[int, ...]) -> pd.DataFrame:
    spec = TABLES[name]
    path = Path(folder) / spec.filename
    frame, rows = read_csv_text(path)
    source_ids = None
    if spec.source_columns or spec.source_list_columns:
        source_ids = frozenset(load_table("sources", folder)["source_id"])
    linked = {col: frozenset(load_table(table, folder)[key]) for col, table, key in spec.links}
    return validate(frame, rows, spec, path, source_ids, linked)


def read_csv_text(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """Read a CSV file as text cells; return the frame and the file row where each record starts."""
    raw = path.read_bytes()
    if not raw.strip():
        raise DataFileError(path, [Problem(None, None, "the file is empty (a header row is required)")])
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (as Excel writes) is accepted and dropped
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(
            path,
            [Problem(line, None, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8")],
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    starts: list[int] = []
    try:
        line = 1
        for record in reader:
            starts.append(line)
            records.append(record)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise DataFileError(path, [Problem(reader.line_num, None, f"not valid CSV: {exc}")]) from None
    header, body, body_rows = records[0], records[1:], starts[1:]
    header = [h.strip() for h in header]
    problems = [
        Problem(1, h or None, "duplicate or empty column name")
        for i, h in enumerate(header)
        if not h or h in header[:i]
    ]
    # Blank lines are skipped; a record with the wrong number of cells is an error.
    kept: list[list[str]] = []
    kept_rows: list[int] = []
    for row_no, record in zip(body_rows, body):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(Problem(row_no, None, f"has {len(record)} cells but the header has {len(header)}"))
            continue
        kept.append(record)
        kept_rows.append(row_no)
    if problems:
        raise DataFileError(path, problems)
    frame = pd.DataFrame(kept, columns=header, dtype=object)
    frame = frame.apply(lambda col: col.str.strip()).replace("", None) if len(frame) else frame
    return frame, kept_rows


# Which kinds of failure to report first: a missing column makes every other check noise.
_STAGES = (
    {"column_in_dataframe", "column_in_schema"},
    {"coerce_dtype", "dtype", "not_nullable"},
)


def validate(
    frame: pd.DataFrame,
    rows: list[int],
    spec: TableSpec,
    path: Path,
    source_ids: frozenset[str] | None,
    linked: dict[str, frozenset[str]] | None = None,
) -> pd.DataFrame:
    """Validate text cells against the table's schema; return the typed frame or raise DataFileError."""
    schema = build_schema(spec, source_ids, linked)
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise DataFileError(path, _problems(exc.failure_cases, rows)) from None


def _check_kind(check: str) -> str:
    return re.sub(r"\(.*", "", str(check))


def _problems(cases: pd.DataFrame, rows: list[int]) -> list[Problem]:
    cases = cases.copy()
    cases["kind"] = cases["check"].map(_check_kind)
    cases = cases[cases["kind"] != "dtype"]  # the same cell is reported by coerce_dtype
    empty = set(
        zip(cases.loc[cases["kind"] == "not_nullable", "index"], cases.loc[cases["kind"] == "not_nullable", "column"])
    )
    same_cell = pd.Series(
        [(i, c) in empty for i, c in zip(cases["index"], cases["column"])], index=cases.index, dtype=bool
    )
    cases = cases[~((cases["kind"] == "coerce_dtype") & same_cell)]
    for stage in _STAGES:
        chosen = cases[cases["kind"].isin(stage)]
        if len(chosen):
            cases = chosen
            break
    problems: list[Problem] = []
    seen: set[tuple[object, ...]] = set()
    for case in cases.itertuples(index=False):
        index = case.index
        row = rows[int(index)] if index is not None and not pd.isna(index) else None
        kind = case.kind
        if kind in ("column_in_dataframe", "column_in_schema"):
            missing = str(case.failure_case)
            rule = (
                "missing column (the schema requires it)"
                if kind == "column_in_dataframe"
                else "unexpected column (not in the schema)"
            )
            problem = Problem(1, missing, rule)
        elif ordered := re.fullmatch(r"(\w+) <= (\w+)", str(case.check)):
            low, high = ordered.groups()  # a row-wise rule: report it once, against its first column
            problem = Problem(row, low, f"must not be greater than {high} [rule: {low} <= {high}]")
        else:
            column = None if case.column is None or pd.isna(case.column) else str(case.column)
            problem = Problem(
                row, column, _plain(str(case.check)), None if pd.isna(case.failure_case) else str(case.failure_case)
            )
        key: tuple[object, ...] = (problem.row, problem.column, problem.rule)
        if kind == "multiple_fields_uniqueness":
            key = (problem.row, problem.rule)  # one problem per row, not one per column of the key
        if key in seen:
            continue
        seen.add(key)
        problems.append(problem)
    problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return problems


_PLAIN = [
    (r"^coerce_dtype\('?(float\d*)'?\)$", "must be a number"),
    (r"^coerce_dtype\('?(u?int\d*|Int\d+)'?\)$", "must be a whole number"),
    (r"^coerce_dtype\('?(\w+)'?\)$", r"must be of type \1"),
    (r"^not_nullable$", "must not be empty"),
    (r"^greater_than_or_equal_to\((.*)\)$", r"must be >= \1"),
    (r"^less_than_or_equal_to\((.*)\)$", r"must be <= \1"),
    (r"^in_range\((.*), (.*)\)$", r"must be between \1 and \2"),
    (r"^isin\((.*)\)$", r"must be one of \1"),
    (r"^str_matches\('(.*)'\)$", r"must match the pattern \1"),
    (r"^str_length\((.*)\)$", r"must be non-empty text"),
    (r"^field_uniqueness$", "duplicate value (must be unique)"),
    (r"^multiple_fields_uniqueness$", "duplicate key (another row has the same key)"),
]


def _plain(check: str) -> str:
    for pattern, template in _PLAIN:
        if re.match(pattern, check):
            return f"{re.sub(pattern, template, check)} [rule: {check}]"
    return f"rule '{check}' broken"


def missing_last(value: float) -> tuple[bool, float]:
    """A sort key that puts a missing value (NaN) after every number, as pandas does."""
    return (True, 0.0) if math.isnan(value) else (False, value)
