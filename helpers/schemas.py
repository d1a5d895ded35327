"""The declared schema of every table in ``data/``: the one place where columns, types and rules live.

Each table is a pandera ``DataFrameModel`` (column names, types, per-column rules and a description
of each column, which ``data/README.md`` repeats) plus a :class:`TableSpec` that names its file, its
key (no duplicates), its ranges (``low <= high``) and the columns that must name a row of
``sources.csv``. :func:`helpers.data.load_table` is the only code that reads these files.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pandera.pandas as pa
from pandera.typing import Series

SLUG = r"^[a-z0-9_]+$"

#: Percentages are numbers from 0 to 100 (not fractions, no % sign).
def pct(description: str, *, nullable: bool = False) -> Any:
    """A percentage column: a number from 0 to 100."""
    return pa.Field(ge=0, le=100, nullable=nullable, description=f"{description} (%, 0-100)")


def text(description: str, *, nullable: bool = False) -> Any:
    """A free-text column (plain text; shown escaped, never as HTML)."""
    return pa.Field(nullable=nullable, str_length={"min_value": 1}, description=description)


def slug(description: str, *, nullable: bool = False) -> Any:
    """An identifier column: lowercase letters, digits and underscores."""
    return pa.Field(nullable=nullable, str_matches=SLUG, description=description)


class _Table(pa.DataFrameModel):
    class Config:
        strict = True  # an unexpected column is an error
        coerce = True  # text from the CSV is converted to the declared type (and reported if it cannot be)


# --------------------------------------------------------------------------- sources
class Sources(_Table):
    source_id: Series[str] = slug("Identifier that other tables use in their source_id column")
    authors: Series[str] = text("Authors, 'Surname AB, Surname CD, et al.'")
    year: Series[int] = pa.Field(ge=1800, le=2100, description="Year of publication")
    title: Series[str] = text("Title of the article, chapter or guideline")
    journal: Series[str] = text("Journal, book or publisher")
    doi: Series[str] = pa.Field(nullable=True, str_matches=r"^10\.\d{4,9}/\S+$", description="DOI without the https://doi.org/ prefix")
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://\S+$", description="Stable web address (PMC, journal or guideline page)")
    population: Series[str] = text("Population or setting the figures describe (autopsy series, registry, advanced disease...)")
    licence: Series[str] = text("How the course reuses the source (figures cited with attribution; article licence)")
    verified: Series[str] = pa.Field(isin=["verified", "partial", "not_verified"], description="Whether the figures were checked against the source's own text")
    verification_note: Series[str] = text("Where the figures were checked, and what was left unverified", nullable=True)


# --------------------------------------------------------------------------- bone metastasis rates
class BoneMetsAdvanced(_Table):
    cancer: Series[str] = slug("Primary cancer (identifier)")
    cancer_label: Series[str] = text("Primary cancer (as shown to learners)")
    bone_pct_low: Series[float] = pct("Share of patients with advanced disease who have bone metastases, low end")
    bone_pct_high: Series[float] = pct("Same share, high end")
    survival_months_low: Series[float] = pa.Field(ge=0, le=240, description="Median survival after bone metastasis is diagnosed, low end (months)")
    survival_months_high: Series[float] = pa.Field(ge=0, le=240, description="Median survival after bone metastasis, high end (months)")
    seed_pct_low: Series[float] = pct("The seed article's figure for the same share, low end (empty: the seed gives none)", nullable=True)
    seed_pct_high: Series[float] = pct("The seed article's figure, high end", nullable=True)
    population: Series[str] = text("Who was counted")
    source_id: Series[str] = slug("Source of the figures (a source_id of sources.csv)")
    note: Series[str] = text("Caveats", nullable=True)


@dataclass(frozen=True)
class TableSpec:
    """How one CSV file of ``data/`` is checked beyond its column types."""

    name: str
    filename: str
    model: type[pa.DataFrameModel]
    title: str
    key: tuple[str, ...]
    ranges: tuple[tuple[str, str], ...] = ()
    source_columns: tuple[str, ...] = ("source_id",)
    source_list_columns: tuple[str, ...] = ()


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in [
        TableSpec("sources", "sources.csv", Sources, "Sources", key=("source_id",), source_columns=()),
        TableSpec(
            "bone_mets_advanced",
            "bone_mets_advanced.csv",
            BoneMetsAdvanced,
            "Bone metastasis in advanced disease, and survival after it, by primary cancer",
            key=("cancer",),
            ranges=(("bone_pct_low", "bone_pct_high"), ("survival_months_low", "survival_months_high"), ("seed_pct_low", "seed_pct_high")),
        ),
    ]
}


def range_check(low: str, high: str) -> pa.Check:
    """``low <= high`` on every row where both are given."""
    return pa.Check(
        lambda df: df[low].isna() | df[high].isna() | (df[low] <= df[high]),
        name=f"{low} <= {high}",
    )


def source_check(source_ids: frozenset[str]) -> pa.Check:
    """The value names a row of sources.csv."""
    return pa.Check(lambda s: s.isin(source_ids), name="source id exists in sources.csv")


def source_list_check(source_ids: frozenset[str]) -> pa.Check:
    """Every id of a ';'-separated list names a row of sources.csv."""
    return pa.Check(
        lambda v: all(part.strip() in source_ids for part in str(v).split(";")),
        element_wise=True,
        name="every source id (separated by ';') exists in sources.csv",
    )


def build_schema(spec: TableSpec, source_ids: frozenset[str] | None) -> pa.DataFrameSchema:
    """The full schema of one table: its model, plus key, ranges and links to sources.csv."""
    schema = copy.deepcopy(spec.model.to_schema())  # to_schema() is cached: never mutate it
    schema.checks = list(schema.checks) + [range_check(lo, hi) for lo, hi in spec.ranges]
    schema.unique = list(spec.key)
    if source_ids is not None:
        updates: dict[str, dict[str, Any]] = {}
        for col in spec.source_columns:
            updates[col] = {"checks": list(schema.columns[col].checks) + [source_check(source_ids)]}
        for col in spec.source_list_columns:
            updates[col] = {"checks": list(schema.columns[col].checks) + [source_list_check(source_ids)]}
        if updates:
            schema = schema.update_columns(updates)
    return schema


def column_descriptions(spec: TableSpec) -> dict[str, str]:
    """Column name -> description, in file order (for the data dictionary)."""
    schema = spec.model.to_schema()
    return {name: col.description or "" for name, col in schema.columns.items()}


__all__ = ["TABLES", "TableSpec", "build_schema", "column_descriptions"]
