"""A searchable glossary: type part of a word, see the matching terms (an HTML widget, escaped)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers.text import esc


def matching_terms(glossary: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose term or definition contains ``query`` (case-insensitive); all rows for an empty query."""
    query = query.strip().lower()
    if not query:
        return glossary
    hit = glossary["term"].str.lower().str.contains(query, regex=False) | glossary[
        "definition"
    ].str.lower().str.contains(query, regex=False)
    return glossary[hit]


def glossary_html(rows: pd.DataFrame) -> str:
    """A definition list of the rows, escaped."""
    if rows.empty:
        return '<p role="status">No term matches. Try a shorter word.</p>'
    items = "".join(
        f"<dt><strong>{esc(t)}</strong></dt><dd>{esc(d)}</dd>" for t, d in zip(rows["term"], rows["definition"])
    )
    return f'<p role="status">{len(rows)} term{"s" if len(rows) != 1 else ""}</p><dl>{items}</dl>'


class GlossarySearch:
    """A text box that filters the glossary as the learner types."""

    def __init__(self, glossary: pd.DataFrame):
        self.glossary = glossary.sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)
        self.query = w.Text(
            value="", description="Find a term", placeholder="e.g. marrow, scan, PTHrP", continuous_update=True
        )
        self.results = w.HTML(glossary_html(self.glossary))
        self.query.observe(self.refresh, names="value")

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Show the terms that match the current query."""
        self.results.value = glossary_html(matching_terms(self.glossary, self.query.value))

    def view(self) -> w.Widget:
        return w.VBox([self.query, self.results])
