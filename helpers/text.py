"""Text shown to learners: escaped HTML tables, plain-language summaries and reference lists.

Everything that comes from ``data/`` is escaped before it becomes HTML (a cell that contains
``<script>`` is shown as text, never run).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import escape

import pandas as pd

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
    return escape(str(value), quote=True)


def wrap_html(text: object, width: int = 48) -> str:
    """Escape ``text`` and break it into lines of about ``width`` characters joined with ``<br>`` (for
    plotly labels and hover text); '' for missing or blank text."""
    plain = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    return _wrap_html(plain, width)


@lru_cache(maxsize=4096)
def _wrap_html(text: str, width: int) -> str:  # the same labels come back on every redraw; textwrap is slow
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width))


def html_table(frame: pd.DataFrame, caption: str) -> str:
    """An accessible HTML table (caption, header cells with scope) with every cell escaped."""
    return html_table_rows(list(frame.columns), frame.itertuples(index=False, name=None), caption)


def html_table_rows(header: Sequence[object], rows: Iterable[Sequence[object]], caption: str) -> str:
    """:func:`html_table` from a header and rows of plain values (no DataFrame to build for a few rows)."""
    head = "".join(f'<th scope="col">{esc(col)}</th>' for col in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(value)}</td>" for value in row) + "</tr>" for row in rows)
    return (
        '<table class="course-table">'
        f"<caption>{esc(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def fmt_range(low: float | None, high: float | None, unit: str = "") -> str:
    """'65-75%' for a range, '60%' for a single value, '' when missing."""
    if low is None or pd.isna(low):
        return ""
    lo = f"{low:g}"
    if high is None or pd.isna(high) or high == low:
        return f"{lo}{unit}"
    return f"{lo}\u2013{high:g}{unit}"


def source_list_html(source_ids: Iterable[str], sources: pd.DataFrame, *, population: bool = True, new_tab: bool = False) -> str:
    """A numbered, escaped list of sources (authors, year, title, journal, link), in the given order."""
    table = sources.set_index("source_id")
    target = ' target="_blank" rel="noopener"' if new_tab else ""
    items = []
    for source_id in dict.fromkeys(source_ids):
        if source_id not in table.index:
            raise KeyError(f"unknown source id {source_id!r} (not in data/sources.csv)")
        s = table.loc[source_id]
        link = f"https://doi.org/{s['doi']}" if not pd.isna(s["doi"]) else s["url"]
        who = f" <small>Population: {esc(s['population'])}.</small>" if population else ""
        items.append(
            f"<li>{esc(s['authors'])} ({esc(s['year']) or 'n.d.'}). {esc(s['title'])}. <i>{esc(s['journal'])}</i>. "
            f'<a href="{esc(link)}"{target}>{esc(link)}</a>{"." if population else ""}{who}</li>'
        )
    return '<ol class="course-references">' + "".join(items) + "</ol>"


def reference_list(source_ids: Iterable[str]) -> str:
    """Numbered HTML reference list for the given source ids, with the population each describes."""
    return source_list_html(source_ids, load_table("sources"))


def sentence_list(sentences: Sequence[str]) -> str:
    """Escaped sentences as an HTML list (the text alternative of a chart)."""
    return "<ul>" + "".join(f"<li>{esc(s)}</li>" for s in sentences) + "</ul>"
