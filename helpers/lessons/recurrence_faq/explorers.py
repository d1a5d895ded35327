"""The explorer of notebook 6: the recurrence FAQ, one question at a time, each answer beside its chart or table."""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as w
import pandas as pd

from helpers.explorer import Explorer, State, Stepper, View
from helpers.lessons.recurrence_faq import answer_charts
from helpers.lessons.recurrence_faq import illustrations as ill
from helpers.lessons.recurrence_faq.tables import answer_html, answer_sources_html, question_label
from helpers.widgets.core import text_alternative


class FaqExplorer(Explorer):
    """A question list (and Previous / Next) shows the question's answers, what the popular article said, the chart or
    table named in its ``illustration`` column (charts in one chart widget, hidden for a table), then its sources."""

    same_chart = False  # each answer has its own chart, or a table instead

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        missing = [name for name in answer_charts.FAQ_TABLES if name not in tables]
        if missing:
            raise KeyError(f"the FAQ view needs the tables {missing}")
        faq = tables["recurrence_faq"].sort_values("order").reset_index(drop=True)
        if faq.empty:
            raise ValueError("the FAQ table has no questions")
        self.tables = dict(tables)
        self.rows = {row["faq_id"]: (i + 1, row) for i, row in faq.iterrows()}
        self._charts = {name: ill.chart_for(name, self.tables) for name in ill.CHART_ILLUSTRATIONS}
        self.question = w.Dropdown(
            options=[(question_label(r.order, r.category, r.question), r.faq_id) for r in faq.itertuples(index=False)],
            value=faq["faq_id"].iloc[0],
            description="Question",
            layout=w.Layout(width="98%"),
            style={"description_width": "initial"},
        )
        self.stepper = Stepper(self.question, "Previous question", "Next question", what="question of the FAQ")
        super().__init__({"question": self.question})

    def render(self, state: State) -> View:
        position, row = self.rows[state["question"]]
        name = str(row["illustration"])
        parts = {
            "answer": answer_html(row, position=position, total=len(self.rows)),
            "sources": answer_sources_html(row, self.tables["sources"]),
        }
        if name in ill.CHART_ILLUSTRATIONS:
            words = text_alternative(ill.chart_sentences(name, self.tables), "The chart in words:")
            return View(self._charts[name], words, parts)
        return View(None, ill.illustration_table_html(name, row["faq_id"], self.tables), parts)

    @property
    def illustration(self) -> str:
        """The illustration id of the question on show."""
        return str(self.rows[self.question.value][1]["illustration"])

    def layout(self) -> list[w.Widget]:
        html = self.html
        return [self.question, self.stepper.buttons(), html["answer"], self.figure_box, self.text, html["sources"]]
