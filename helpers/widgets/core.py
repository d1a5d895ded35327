"""Widget wiring shared by every notebook: in-place figure updates, self-checks, text alternatives.

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


