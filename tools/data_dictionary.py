"""Write data/README.md, the human data dictionary, from the declared schemas (`make data-dictionary`).

tests/test_data_dictionary.py fails when data/README.md and helpers/schemas.py disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.schemas import TABLES, TableSpec

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "data" / "README.md"

INTRO = """# The data of the course: a data dictionary

Every chart and every fact in the notebooks comes from the CSV tables in this folder. This page is
generated from their declared schemas in [`helpers/schemas.py`](../helpers/schemas.py) by
`make data-dictionary`; a test fails when the two disagree.

## Conventions

* UTF-8 CSV with a header row (a byte-order mark, as Excel writes, is accepted). An empty cell means
  "not applicable" or "not given by the source".
* Identifiers are lowercase `snake_case`. Percentages are numbers from 0 to 100 in columns ending `_pct`
  (or named `pct`); other units are in the column name (`_months`, `_years`, `_mm`) or its description.
  A range is two columns, `_low` and `_high`, with low <= high.
* Every row names its source: `source_id` (or `source_ids`, several separated by `;`) must be a
  `source_id` of [`sources.csv`](sources.csv), which gives authors, year, title, journal, DOI or URL, the
  population the figures describe, the licence under which they are reused, and how each was verified.
  Figures from a source marked `not_verified` are not used; such a source backs wording only.
* Text cells are plain text. The course escapes them before showing them as HTML, so a cell that
  contains `<script>` is shown as text, never run.

## How the files are checked

`helpers.data.load_table(name)` is the one way the course reads a table. It reads the file as UTF-8,
checks the CSV structure, then validates it with [pandera](https://pandera.readthedocs.io) against the
table's schema: column names (none missing, none unexpected), types, empty cells, allowed values and
ranges, the key (no duplicate rows), low <= high, and that every source id exists. Any problem stops the
load with a `DataFileError` naming the file, the row (the header is row 1, as in a spreadsheet), the
column and the rule broken; nothing is returned half-loaded.

## Licence

The tables are CC BY 4.0 (see [`../LICENSE-TEXT-AND-DATA.md`](../LICENSE-TEXT-AND-DATA.md)). The figures
are published facts, each cited to its source; no article's text or table is redistributed.
"""


def _type(dtype: object) -> str:
    name = str(dtype)
    if name.startswith("float"):
        return "number"
    if name.lower().startswith("int"):
        return "whole number"
    return "text"


def _rules(col: object) -> str:
    rules = []
    for check in getattr(col, "checks", []):
        stats = getattr(check, "statistics", {}) or {}
        name = check.name
        if name == "greater_than_or_equal_to":
            rules.append(f">= {stats['min_value']:g}")
        elif name == "less_than_or_equal_to":
            rules.append(f"<= {stats['max_value']:g}")
        elif name == "greater_than":
            rules.append(f"> {stats['min_value']:g}")
        elif name == "isin":
            rules.append("one of " + ", ".join(f"`{v}`" for v in stats["allowed_values"]))
        elif name == "str_matches":
            rules.append(f"matches `{stats['pattern']}`")
        elif name == "str_length":
            continue
        else:
            rules.append(name)
    if getattr(col, "unique", False):
        rules.append("unique")
    return "; ".join(rules)


def table_section(spec: TableSpec) -> str:
    schema = spec.model.to_schema()
    lines = [f"## `{spec.filename}`: {spec.title}", ""]
    lines.append(f"* Key (no two rows alike): {', '.join(f'`{k}`' for k in spec.key)}")
    if spec.ranges:
        lines.append("* Ranges: " + "; ".join(f"`{lo}` <= `{hi}`" for lo, hi in spec.ranges))
    links = list(spec.source_columns) + list(spec.source_list_columns)
    if links:
        lines.append("* Sources: " + ", ".join(f"`{c}`" for c in links) + " must name rows of `sources.csv`")
    for check in schema.checks:
        lines.append(f"* Row rule: {check.name}")
    lines += ["", "| Column | Type | Required | Rules | Meaning |", "|---|---|---|---|---|"]
    for name, col in schema.columns.items():
        desc = (col.description or "").replace("|", "\\|")
        rules = _rules(col).replace("|", "\\|")
        lines.append(f"| `{name}` | {_type(col.dtype)} | {'no' if col.nullable else 'yes'} | {rules} | {desc} |")
    return "\n".join(lines) + "\n"


def render() -> str:
    index = ["## Tables", "", "| File | What it holds |", "|---|---|"]
    index += [f"| [`{s.filename}`]({s.filename}) | {s.title} |" for s in TABLES.values()]
    return INTRO + "\n" + "\n".join(index) + "\n\n" + "\n".join(table_section(s) for s in TABLES.values())


def main() -> None:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(TABLES)} tables)")


if __name__ == "__main__":
    sys.exit(main())
