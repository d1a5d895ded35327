"""Controls for the recurrence FAQ notebook: pick a question, read the answer beside its chart or table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers.lessons.recurrence_faq import charts as charts
from helpers.lessons.recurrence_faq import illustrations as ill
from helpers.lessons.recurrence_faq.tables import answer_html, answer_sources_html, question_label
from helpers.style import FigureSpec
from helpers.widgets.core import text_alternative, update_in_place
from helpers.widgets.figure import CourseFigure


class FaqExplorer:
    """The recurrence FAQ, one question at a time.

    A Dropdown (labelled with each question's number and category) and Previous / Next buttons
    choose the question. The view shows its short and long answers, what the seed article said,
    the chart or table named in its ``illustration`` column, then its sources: charts in one
    CourseFigure updated in place (hidden when the answer is illustrated by a table), tables and
    text alternatives in an HTML widget. Everything is prepared once in ``__init__``, so a change
    of question only copies ready-made values into the widgets.
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        missing = [name for name in charts.FAQ_TABLES if name not in tables]
        if missing:
            raise KeyError(f"the FAQ view needs the tables {missing}")
        faq = tables["recurrence_faq"].sort_values("order").reset_index(drop=True)
        if faq.empty:
            raise ValueError("the FAQ table has no questions")
        self.faq = faq
        self.ids: list[str] = faq["faq_id"].tolist()
        total = len(faq)
        sources = tables["sources"]
        plain = dict(tables)
        self._illustration: dict[str, str] = dict(zip(faq["faq_id"], faq["illustration"]))
        self._answers: dict[str, str] = {
            row["faq_id"]: answer_html(row, position=i + 1, total=total) for i, row in faq.iterrows()
        }
        self._sources: dict[str, str] = {row["faq_id"]: answer_sources_html(row, sources) for _, row in faq.iterrows()}
        self._figures: dict[str, FigureSpec] = {
            name: ill.chart_for(name, plain) for name in dict.fromkeys(faq["illustration"])
        }
        self._below: dict[str, str] = {}
        for faq_id, name in self._illustration.items():
            if name in ill.CHART_ILLUSTRATIONS:
                self._below[faq_id] = text_alternative(ill.chart_sentences(name, plain), "The chart in words:")
            else:
                self._below[faq_id] = ill.illustration_table_html(name, faq_id, plain)

        self.question = w.Dropdown(
            options=[(question_label(r.order, r.category, r.question), r.faq_id) for r in faq.itertuples(index=False)],
            value=self.ids[0],
            description="Question",
            layout=w.Layout(width="98%"),
            style={"description_width": "initial"},
        )
        self.previous = w.Button(description="Previous question", tooltip="Show the previous question of the FAQ")
        self.next = w.Button(description="Next question", tooltip="Show the next question of the FAQ")
        self.answer = w.HTML()
        first = self._illustration[self.ids[0]]
        self.figure = CourseFigure(self._figures[first])
        self._shown = first
        self.figure_box = w.Box([self.figure], layout=w.Layout(width="100%"))
        self.below = w.HTML()
        self.sources = w.HTML()
        self.question.observe(self.refresh, names="value")
        self.previous.on_click(self.step_back)
        self.next.on_click(self.step_forward)
        self.refresh()

    # ------------------------------------------------------------------ callbacks
    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Show the selected question: answer, chart (or table) and the text below it."""
        faq_id = self.question.value
        if faq_id not in self._answers:  # nothing valid selected: keep the view as it is
            return
        index = self.ids.index(faq_id)
        self.previous.disabled = index == 0
        self.next.disabled = index == len(self.ids) - 1
        self.answer.value = self._answers[faq_id]
        illustration = self._illustration[faq_id]
        if illustration != self._shown:
            update_in_place(self.figure, self._figures[illustration])
            self._shown = illustration
        self.figure_box.layout.display = None if illustration in ill.CHART_ILLUSTRATIONS else "none"
        self.below.value = self._below[faq_id]
        self.sources.value = self._sources[faq_id]

    def step(self, offset: int) -> None:
        """Move ``offset`` questions forward (negative: back), staying within the FAQ."""
        index = self.ids.index(self.question.value) if self.question.value in self.ids else 0
        self.question.value = self.ids[min(max(index + offset, 0), len(self.ids) - 1)]

    def step_back(self, _button: w.Button | None = None) -> None:
        """The Previous button."""
        self.step(-1)

    def step_forward(self, _button: w.Button | None = None) -> None:
        """The Next button."""
        self.step(1)

    # ------------------------------------------------------------------ view
    @property
    def illustration(self) -> str:
        """The illustration id of the question on show."""
        return self._illustration[self.question.value]

    def view(self) -> w.Widget:
        """The whole explorer: controls, answer, chart (or table) with its text alternative, then the sources."""
        buttons = w.HBox([self.previous, self.next])
        return w.VBox([self.question, buttons, self.answer, self.figure_box, self.below, self.sources])
