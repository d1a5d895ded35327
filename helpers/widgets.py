"""Widget wiring: controls call chart builders and update a ``go.FigureWidget`` in place.

The pattern every notebook follows: build the FigureWidget once, observe each control with
``.observe(callback, names="value")`` and copy the freshly built figure into the widget inside
``batch_update()``. Nothing is written into an ``Output`` widget while a notebook executes
(Voila can hang on that), so views use FigureWidgets and HTML widgets whose value is set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from helpers import charts
from helpers.text import esc, html_table, sentence_list


def update_in_place(widget: go.FigureWidget, figure: go.Figure) -> None:
    """Copy ``figure``'s traces and layout into ``widget`` in one batched message."""
    if len(widget.data) != len(figure.data):
        raise ValueError(f"the figure has {len(figure.data)} traces, the widget {len(widget.data)}: builders must keep the trace count fixed")
    with widget.batch_update():
        for target, source in zip(widget.data, figure.data):
            target.update(source.to_plotly_json(), overwrite=True)
        widget.layout.update(figure.layout.to_plotly_json(), overwrite=True)


def text_alternative(sentences: Sequence[str], heading: str) -> str:
    """HTML for a chart's text alternative, read out by screen readers when it changes."""
    return f'<div role="status" aria-live="polite"><strong>{esc(heading)}</strong>{sentence_list(sentences)}</div>'


class BoneRatesExplorer:
    """Bone-metastasis ranges by primary cancer, with sort, selection, measure and seed controls."""

    def __init__(self, advanced: pd.DataFrame):
        self.table = advanced
        cancers = list(zip(advanced["cancer_label"], advanced["cancer"]))
        self.measure = w.ToggleButtons(
            options=[("Bone involvement (%)", "bone_share"), ("Survival after it (months)", "survival")],
            value="bone_share",
            description="Show",
            tooltips=["Share of patients with advanced disease who have bone metastases", "Median survival after bone metastasis"],
        )
        self.order = w.Dropdown(options=list(charts.SORT_ORDERS.items()), value="high", description="Sort")
        self.cancers = w.SelectMultiple(
            options=cancers, value=tuple(c for _, c in cancers), description="Cancers", rows=min(len(cancers), 8)
        )
        self.show_seed = w.Checkbox(value=True, description="Show the seed article's figures", indent=False)
        self.figure = go.FigureWidget(self._build())
        self.summary = w.HTML(self._summary())
        for control in (self.measure, self.order, self.cancers, self.show_seed):
            control.observe(self.refresh, names="value")

    def _view(self) -> pd.DataFrame:
        measure = charts.BONE_MEASURES[self.measure.value]
        view = charts.range_view(self.table, measure)
        return charts.arrange(view, self.order.value, list(self.cancers.value))

    def _build(self) -> go.Figure:
        measure = charts.BONE_MEASURES[self.measure.value]
        return charts.range_chart(self._view(), measure, show_seed=self.show_seed.value, subtitle="Advanced disease, mostly autopsy series")

    def _summary(self) -> str:
        measure = charts.BONE_MEASURES[self.measure.value]
        lines = charts.describe_ranges(self._view(), measure) or ["No cancer selected: pick at least one in the list."]
        return text_alternative(lines, "The chart in words:")

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the chart and its text alternative from the current control values."""
        self.show_seed.disabled = self.measure.value != "bone_share"  # the seed gives no survival figures
        update_in_place(self.figure, self._build())
        self.summary.value = self._summary()

    def view(self) -> w.Widget:
        controls = w.HBox([w.VBox([self.measure, self.order, self.show_seed]), self.cancers])
        return w.VBox([controls, self.figure, self.summary])


def self_check(question: str, options: Sequence[str], answer: str, feedback: Mapping[str, str]) -> w.Widget:
    """A multiple-choice question that gives feedback as soon as an option is picked."""
    if answer not in options:
        raise ValueError(f"the answer {answer!r} is not one of the options")
    choice = w.RadioButtons(options=list(options), value=None, description="Answer", layout=w.Layout(width="auto"))
    result = w.HTML("")

    def on_pick(change: Mapping[str, Any]) -> None:
        picked = change["new"]
        if picked is None:
            result.value = ""
            return
        verdict = "Correct." if picked == answer else "Not quite."
        result.value = f'<p role="status" aria-live="polite"><strong>{verdict}</strong> {esc(feedback.get(picked, ""))}</p>'

    choice.observe(on_pick, names="value")
    return w.VBox([w.HTML(f"<p><strong>Self-check:</strong> {esc(question)}</p>"), choice, result])


def table_widget(frame: pd.DataFrame, caption: str) -> w.HTML:
    """A table alternative as an HTML widget (escaped)."""
    return w.HTML(html_table(frame, caption))


