"""The data package as a whole: documented, sourced, and checked against what the fact-check verified."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.data import load_table, table_names
from helpers.schemas import TABLES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import data_dictionary  # noqa: E402


def test_every_csv_in_data_is_declared() -> None:
    files = {p.name for p in (ROOT / "data").glob("*.csv")}
    assert files == {spec.filename for spec in TABLES.values()}


def test_data_dictionary_is_up_to_date() -> None:
    written = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert written == data_dictionary.render(), "data/README.md is stale: run `make data-dictionary`"


def test_data_dictionary_documents_every_column() -> None:
    written = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for spec in TABLES.values():
        for column in spec.model.to_schema().columns:
            assert f"| `{column}` |" in written, f"{spec.filename}: {column} is not documented"
        for column, col in spec.model.to_schema().columns.items():
            assert col.description, f"{spec.filename}: column {column} has no description"


NON_FIGURES = {
    "x",
    "y",
    "rank",
    "step",
    "stage_order",
    "order",
    "year",
    "years",
    "year_from",
    "year_to",
    "mirels_score",
}


@pytest.mark.parametrize("name", [n for n in table_names() if n != "sources"])
def test_figures_never_rest_on_an_unverified_source(name: str) -> None:
    frame = load_table(name)
    sources = load_table("sources").set_index("source_id")["verified"]
    spec = TABLES[name]
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) and c not in NON_FIGURES]
    for row in frame.itertuples(index=False):
        values = [getattr(row, c) for c in numeric]
        if not any(pd.notna(v) for v in values):
            continue
        ids = [getattr(row, c) for c in spec.source_columns]
        ids += [
            p.strip()
            for c in spec.source_list_columns
            if pd.notna(getattr(row, c))  # an empty list: the row states no sourced figure
            for p in str(getattr(row, c)).split(";")
        ]
        for sid in ids:
            if pd.notna(sid):
                assert sources[sid] != "not_verified", f"{name}: a figure rests on unverified source {sid}"


def test_every_source_is_used() -> None:
    used: set[str] = set()
    for name in table_names():
        spec = TABLES[name]
        frame = load_table(name)
        for c in spec.source_columns:
            used |= set(frame[c].dropna())
        for c in spec.source_list_columns:
            used |= {p.strip() for v in frame[c].dropna() for p in v.split(";")}
    notebooks = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "notebooks").rglob("*.ipynb"))
    unused = [s for s in load_table("sources")["source_id"] if s not in used and s not in notebooks]
    assert not unused, f"sources listed but never used: {unused}"


# The verified figures of shared/facts (verification.md) that the course relies on, checked cell by cell.
def test_coleman_table_matches_the_verified_text() -> None:
    t = load_table("bone_mets_advanced").set_index("cancer")
    assert tuple(t.loc["renal", ["bone_pct_low", "bone_pct_high"]]) == (20, 25)
    assert tuple(t.loc["breast", ["survival_months_low", "survival_months_high"]]) == (19, 25)
    assert tuple(t.loc["renal", ["seed_pct_low", "seed_pct_high"]]) == (30, 30)
    assert "myeloma" not in t.index  # unverified row, and not a metastasis


def test_gastric_sources_disagree_on_the_first_site() -> None:
    sites = load_table("metastatic_sites")
    gastric = sites[sites["primary"] == "gastric"]
    top = gastric.sort_values("pct", ascending=False).groupby("dataset")["site"].first()
    assert "liver" in set(top) and len(set(top)) >= 2
    # the NCDB's largest group is "other distant sites, including peritoneum", never labelled as the peritoneum alone
    ncdb = gastric[gastric["source_id"] == "sirody2022"]
    assert "peritoneum" not in set(ncdb["site"]) and ncdb["population"].str.contains("2016").all()


def test_brain_incidence_ordering() -> None:
    brain = load_table("brain_mets_incidence")
    detroit = brain[brain["source_id"] == "barnholtzsloan2004"].set_index("primary")["pct"]
    assert (
        detroit["lung"] == 19.9
        and detroit["lung"] > detroit["melanoma"] > detroit["renal"] > detroit["breast"] > detroit["colorectal"]
    )
