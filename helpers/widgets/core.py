"""Widget wiring shared by every notebook: in-place chart updates, text alternatives (self-checks: re-exported
from :mod:`helpers.self_checks`).

The pattern every notebook follows: build the chart widget (a
:class:`~helpers.widgets.figure.CourseFigure`) once, observe each control with
``.observe(callback, names="value")`` and hand the freshly built figure to :func:`update_in_place`.
Nothing is written into an ``Output`` widget while a notebook executes (Voila can hang on that), so
views use chart widgets and HTML widgets whose value is set.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w
import pandas as pd

from helpers.self_checks import check, self_check, urgency_check
from helpers.style import FigureSpec
from helpers.text import esc, html_table, sentence_list
from helpers.widgets.figure import CourseFigure

__all__ = ["check", "self_check", "table_widget", "text_alternative", "update_in_place", "urgency_check"]


def update_in_place(widget: CourseFigure, figure: FigureSpec) -> None:
    """Make ``widget`` show ``figure``: one message to the page, where ``Plotly.react`` redraws it.

    The figure must keep the widget's trace count and trace types (builders promise this), so that a
    control never changes what kind of chart a learner is reading, and ``Plotly.react`` can morph one
    chart into the next instead of drawing a new one.
    """
    old, new = widget.shown["data"], figure["data"]
    if len(old) != len(new):
        raise ValueError(
            f"the figure has {len(new)} traces, the widget {len(old)}: builders must keep the trace count fixed"
        )
    for index, (before, after) in enumerate(zip(old, new)):
        if before.get("type") != after.get("type"):
            raise ValueError(
                f"trace {index} changed type from {before.get('type')} to {after.get('type')}: builders must keep trace types fixed"
            )
    widget.show(figure)


def text_alternative(sentences: Sequence[str], heading: str) -> str:
    """HTML for a chart's text alternative, read out by screen readers when it changes."""
    return f'<div role="status" aria-live="polite"><strong>{esc(heading)}</strong>{sentence_list(sentences)}</div>'


def table_widget(frame: pd.DataFrame, caption: str) -> w.HTML:
    """A table alternative as an HTML widget (escaped)."""
    return w.HTML(html_table(frame, caption))
