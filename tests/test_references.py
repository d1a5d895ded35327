"""References a reader can trust: findable links on the publishers' own pages, readable citations, no working notes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers.data import DataFileError, load_table
from helpers.schemas import WORKING_NOTE, allowed_url
from helpers.text import Cite, cite, esc, html_table_rows, reference_list

ROOT = Path(__file__).resolve().parents[1]
Edit = Callable[[str, Callable[[str], str]], Path]


def _learner_text() -> dict[str, str]:
    """Everything a learner sees in each committed notebook: its markdown and its stored outputs (not its code)."""
    seen = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        parts = []
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                parts.append("".join(cell["source"]))
            for output in cell.get("outputs", []):
                for kind in ("text/html", "text/plain", "text/markdown"):
                    parts.append("".join(output.get("data", {}).get(kind, "")))
        seen[path.name] = "\n".join(parts)
    return seen


def test_every_article_has_a_doi_or_a_pubmed_link_and_no_third_party_copy() -> None:
    sources = load_table("sources")
    for row in sources.to_dict("records"):
        assert isinstance(row["doi"], str) or allowed_url(row["url"]), row["source_id"]
        if row["kind"] in ("article", "review"):
            assert isinstance(row["doi"], str) or re.match(
                r"https://(pubmed|pmc)\.ncbi\.nlm\.nih\.gov/", str(row["url"])
            ), row["source_id"]


@pytest.mark.parametrize(
    "url",
    [
        "https://ar.scribd.com/document/1/x",
        "http://120.26.44.124:3004/details/1",
        "https://user-biackli.cld.bz/Porth/743",
        "http://cancerlink.ru/gastric-cancer/x",
        "https://studylib.net/doc/8179203/x",
        "https://tokyo-2-qrcode.vukou.com/19207068",
    ],
)
def test_a_third_party_copy_is_refused(edit: Edit, url: str) -> None:
    folder = edit("sources.csv", lambda t: t.replace("https://pmc.ncbi.nlm.nih.gov/articles/PMC5444408/", url, 1))
    with pytest.raises(DataFileError) as err:
        load_table("sources", folder)
    assert err.value.first.column == "url" and "third-party" in err.value.first.rule and err.value.first.row is not None


def test_an_article_without_doi_or_pubmed_link_is_refused(edit: Edit) -> None:
    folder = edit(
        "sources.csv",
        lambda t: t.replace("10.4081/oncol.2017.321,https://pmc.ncbi.nlm.nih.gov/articles/PMC5444408/", ",", 1),
    )
    with pytest.raises(DataFileError) as err:
        load_table("sources", folder)
    assert "DOI or a PubMed/PMC link" in str(err.value)


@pytest.mark.parametrize(
    "note",
    [
        "Melato M et al. (authors from memory)",
        "Cagney DN (first author not confirmed)",
        "Folkman J (attribution not shown)",
    ],
)
def test_a_working_note_in_a_source_is_refused(edit: Edit, note: str) -> None:
    folder = edit("sources.csv", lambda t: t.replace('"Macedo F, Ladeira K', f'"{note}, Macedo F, Ladeira K', 1))
    with pytest.raises(DataFileError) as err:
        load_table("sources", folder)
    assert err.value.first.column == "authors" and "working notes" in err.value.first.rule


@pytest.mark.parametrize("notebook", sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")))
def test_no_learner_sees_working_notes_raw_ids_or_seed_labels(notebook: str) -> None:
    text = _learner_text()[notebook]
    assert not re.search(WORKING_NOTE, text), re.search(WORKING_NOTE, text)
    assert not re.search(r"\bseed (?:0|article)", text, re.I), "the popular articles are never called 'seed'"
    shown = re.sub(r'(?:href|id)="[^"]*"', "", text)  # anchors may carry ids; the visible text may not
    ids = set(load_table("sources")["source_id"])
    leaked = sorted(i for i in ids if re.search(rf"(?<![\w/.-]){re.escape(i)}(?![\w-])", shown))
    assert not leaked, f"raw source ids shown: {leaked}"


def test_a_citation_reads_as_author_and_year_and_links_to_the_reference_list() -> None:
    c = cite("yang2011; salvo2009")
    assert isinstance(c, Cite) and c == "Yang 2011; Salvo 2009"
    html = html_table_rows(["Source"], [[c]], "caption")
    assert '<a href="#ref-yang2011">Yang 2011</a>' in html
    refs = reference_list(["yang2011"])
    assert 'id="ref-yang2011"' in refs and "<strong>Yang 2011.</strong>" in refs


def test_guidelines_show_their_version_and_year() -> None:
    statements = load_table("guideline_statements")
    assert statements["year"].notna().all() and statements["version"].notna().all()
    current = statements[statements["status"] == "current"]
    assert {"CSCO", "ESMO", "NCCN"} <= set(current["organisation"])


@pytest.mark.parametrize("notebook", sorted(p.name for p in (ROOT / "notebooks").glob("0[1-7]-*.ipynb")))
def test_every_lesson_cites_the_popular_articles_it_quotes_as_what_they_are(notebook: str) -> None:
    text = _learner_text()[notebook]
    assert "The popular articles quoted here" in text
    titles = load_table("popular_articles").set_index("article_id")["title"]
    assert any(esc(title) in text for title in titles)
