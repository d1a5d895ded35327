"""Text shown to learners: escaped HTML tables, plain-language summaries and reference lists.

Everything that comes from ``data/`` is escaped before it becomes HTML (a cell that contains
``<script>`` is shown as text, never run).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from functools import lru_cache

import pandas as pd
from markupsafe import escape

from helpers.data import load_table

DISCLAIMER = (
    "For education only. This course explains how cancer spreads in general; it is not medical advice "
    "and cannot tell anyone what is happening in their own body. Questions about a diagnosis, symptoms "
    "or follow-up belong with the care team."
)


def esc(value: object) -> str:
    """HTML-escape any value (None and missing values become an empty string)."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    return str(escape(str(value)))  # markupsafe, as the templates escape


def wrap_html(text: object, width: int = 48) -> str:
    """Escape ``text`` and break it into lines of about ``width`` characters joined with ``<br>`` (for
    plotly labels and hover text); '' for missing or blank text."""
    plain = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    return _wrap_html(plain, width)


@lru_cache(maxsize=4096)
def _wrap_html(text: str, width: int) -> str:  # the same labels come back on every redraw; textwrap is slow
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width))


# --------------------------------------------------------------------------- citations
_INITIALS = re.compile(r"^[A-Z][A-Z\-]{0,3}$")


def short_cite(sources: pd.DataFrame, source_id: str) -> str:
    """'Liang 2016' for a source: the first author's surname (or an organisation's acronym) and the year.

    Never the raw source id: a learner reads the citation and finds it in the reference list below it.
    """
    rows = sources[sources["source_id"] == source_id]
    if rows.empty:
        raise KeyError(f"unknown source id {source_id!r} (not in data/sources.csv)")
    row = rows.iloc[0]
    year = "" if pd.isna(row["year"]) else str(int(row["year"]))
    authors = str(row["authors"])
    plain = re.sub(r"\(.*?(\)|$)|\bet al\.?", "", authors)
    first = plain.split(",")[0].strip()
    acronym = re.search(r"\(([A-Z]{2,8})\)", authors)
    words = first.split()
    while len(words) > 1 and _INITIALS.match(words[-1]):
        words.pop()
    name = acronym.group(1) if acronym and len(words) > 2 else " ".join(words)
    return f"{name} {year}".strip()


class Cite(str):
    """A citation shown in a table: reads as 'Yang 2011; Salvo 2009', and :func:`html_table` links each part to its
    entry of the reference list (``#ref-<source_id>``)."""

    parts: tuple[tuple[str, str], ...]

    def __new__(cls, parts: Sequence[tuple[str, str]]) -> Cite:
        made = super().__new__(cls, "; ".join(label for _, label in parts))
        made.parts = tuple(parts)
        return made

    def html(self) -> str:
        return "; ".join(f'<a href="#ref-{esc(i)}">{esc(label)}</a>' for i, label in self.parts)


def split_ids(source_ids: object) -> list[str]:
    """'a; b;c' -> ['a', 'b', 'c'] (the ';'-separated source lists); [] for an empty cell."""
    if source_ids is None or (not isinstance(source_ids, (list, tuple)) and pd.isna(source_ids)):
        return []
    if isinstance(source_ids, (list, tuple)):
        return [str(part).strip() for part in source_ids if str(part).strip()]
    return [part.strip() for part in str(source_ids).split(";") if part.strip()]


def source_ids(*columns: object) -> list[str]:
    """Every source id named in ``columns``, first seen first, each once. A column is a table (its ``source_id`` and
    ``source_ids`` columns are read), a column of ids or ';'-separated lists, or a plain list of ids."""
    seen: dict[str, None] = {}
    for column in columns:
        if isinstance(column, pd.DataFrame):
            cells: list[object] = [
                v for name in ("source_id", "source_ids") if name in column.columns for v in column[name]
            ]
        else:
            cells = list(column)  # type: ignore[call-overload]
        for cell in cells:
            for source_id in split_ids(cell):
                seen.setdefault(source_id, None)
    return list(seen)


def cite(source_ids: object, sources: pd.DataFrame | None = None) -> Cite:
    """The readable citation of one source id, or of a ';'-separated list of them ('' for none)."""
    table = load_table("sources") if sources is None else sources
    return Cite([(i, short_cite(table, i)) for i in dict.fromkeys(split_ids(source_ids))])


def cites(column: Iterable[object], sources: pd.DataFrame | None = None) -> list[Cite]:
    """:func:`cite` of every cell of a source column (the sources table is read once)."""
    table = load_table("sources") if sources is None else sources
    return [cite(cell, table) for cell in column]


#: Table cells read as text: left-aligned and top-aligned (JupyterLab right-aligns table cells by default).
CELL = "text-align:left;vertical-align:top"


def html_table(frame: pd.DataFrame, caption: str) -> str:
    """An accessible HTML table (caption, header cells with scope) with every cell escaped."""
    return html_table_rows(list(frame.columns), frame.itertuples(index=False, name=None), caption)


def html_table_rows(header: Sequence[object], rows: Iterable[Sequence[object]], caption: str) -> str:
    """:func:`html_table` from a header and rows of plain values (no DataFrame to build for a few rows)."""
    from helpers.html import render

    return render(
        "table.html.j2", header=list(header), rows=[list(row) for row in rows], caption=caption, cell_style=CELL
    )


def short_label(label: str) -> str:
    """'Proximal femur (upper thigh bone)' -> 'Proximal femur': the label without its gloss."""
    return label.split(" (")[0].strip()


def fmt_range(low: float | None, high: float | None, unit: str = "") -> str:
    """'65-75%' for a range, '60%' for a single value, '' when missing."""
    if low is None or pd.isna(low):
        return ""
    lo = f"{low:g}"
    if high is None or pd.isna(high) or high == low:
        return f"{lo}{unit}"
    return f"{lo}\u2013{high:g}{unit}"


def source_list_html(
    source_ids: Iterable[str], sources: pd.DataFrame, *, population: bool = True, new_tab: bool = False
) -> str:
    """A numbered, escaped list of sources (citation, authors, year, title, journal, link), in the given order."""
    from helpers.html import render

    table = sources.set_index("source_id")
    items = []
    for source_id in dict.fromkeys(source_ids):
        if source_id not in table.index:
            raise KeyError(f"unknown source id {source_id!r} (not in data/sources.csv)")
        s = table.loc[source_id]
        items.append(
            {
                "source_id": source_id,
                "label": short_cite(sources, source_id),
                "authors": s["authors"],
                "year": "n.d." if pd.isna(s["year"]) else int(s["year"]),
                "title": s["title"],
                "journal": s["journal"],
                "link": f"https://doi.org/{s['doi']}" if not pd.isna(s["doi"]) else s["url"],
                "population": s["population"],
            }
        )
    return render("references.html.j2", items=items, population=population, new_tab=new_tab)


def reference_list(source_ids: Iterable[str]) -> str:
    """Numbered HTML reference list for the given source ids, with the population each describes."""
    return source_list_html(source_ids, load_table("sources"))


def article_name(article_id: str) -> str:
    """How the course names a popular article it quotes ('The bone-metastasis article'), from popular_articles.csv."""
    names = dict(zip(*(load_table("popular_articles")[c] for c in ("article_id", "short_name"))))
    if article_id not in names:
        raise KeyError(f"unknown popular article {article_id!r} (not in data/popular_articles.csv)")
    name = str(names[article_id])
    return name[:1].upper() + name[1:]


def popular_articles_html(article_ids: Iterable[str]) -> str:
    """The popular articles a notebook quotes, cited as what they are: title, outlet and date where known."""
    from helpers.html import render

    table = load_table("popular_articles").set_index("article_id")
    items = [
        {
            "name": article_name(article_id),
            "title": table.loc[article_id, "title"],
            "outlet": table.loc[article_id, "outlet"],
            "date": "date not stated"
            if pd.isna(table.loc[article_id, "published"])
            else table.loc[article_id, "published"],
        }
        for article_id in dict.fromkeys(article_ids)
    ]
    return render("popular_articles.html.j2", items=items)


GUIDELINE_STATUS: dict[str, str] = {
    "current": "Current guideline",
    "older": "Older version (a newer one exists)",
    "review": "Review or consensus (not a guideline)",
}


def guideline_words(statement: str, quote_verified: str) -> str:
    """A guideline's words in quotation marks when they were read in the source; the course's own note otherwise."""
    return f"\u201c{statement}\u201d" if quote_verified == "yes" else f"Course note: {statement}"


def sentence_list(sentences: Sequence[str]) -> str:
    """Escaped sentences as an HTML list (the text alternative of a chart)."""
    return "<ul>" + "".join(f"<li>{esc(s)}</li>" for s in sentences) + "</ul>"


def cite_map(sources: pd.DataFrame, source_ids: Iterable[str]) -> dict[str, str]:
    """:func:`short_cite` of each distinct id (computed once per id)."""
    return {source_id: short_cite(sources, source_id) for source_id in dict.fromkeys(source_ids)}
