"""The explorer of notebook 0: a searchable glossary (type part of a word, see the matching terms, escaped)."""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as w
import pandas as pd

from helpers.explorer import Explorer, Sample, State, View
from helpers.html import render


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
    """A definition list of the rows (escaped by the template)."""
    return render("glossary.html.j2", terms=list(zip(rows["term"], rows["definition"])))


class GlossarySearch(Explorer):
    """A text box that filters the glossary as the learner types (no chart; its states are a sample of queries)."""

    def __init__(self, glossary: pd.DataFrame):
        self.glossary = glossary.sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)
        self.query = w.Text(
            value="", description="Find a term", placeholder="e.g. marrow, scan, PTHrP", continuous_update=True
        )
        super().__init__({"query": self.query})

    def samples(self) -> Mapping[str, Sample]:
        return {"query": ["", "marrow", "scan", "PTHrP", "no such term"]}

    def render(self, state: State) -> View:
        return View(None, glossary_html(matching_terms(self.glossary, state["query"])))

    def static_extra(self) -> dict[str, object]:
        """The page searches the terms itself (site/_static/course.js, tested against :func:`glossary_html`)."""
        return {
            "kind": "glossary",
            "terms": [[t, d] for t, d in zip(self.glossary["term"], self.glossary["definition"])],
        }

    def layout(self) -> list[w.Widget]:
        return [self.query, self.text]
