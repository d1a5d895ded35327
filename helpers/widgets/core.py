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
from helpers.widgets.figure import CourseFigure


def _same(a: object, b: object) -> bool:
    try:
        return bool(a == b)
    except (ValueError, TypeError):  # arrays compare element-wise: treat as changed
        return False


_FIXED = ("type", "uid")
_LAYOUT_ARRAYS = frozenset({"annotations", "shapes", "images", "sliders", "updatemenus", "selections"})


def update_in_place(widget: CourseFigure | go.FigureWidget, figure: go.Figure) -> None:
    """Make ``widget`` show ``figure``.

    A :class:`~helpers.widgets.figure.CourseFigure` (what the course uses) is redrawn from the figure's
    JSON by ``Plotly.react`` in the page. For a plotly ``go.FigureWidget``, only the trace and layout
    properties that changed are sent.

    Properties are replaced, not merged (a property the new figure lacks is removed). This reads the
    figures' raw property dicts (plotly's ``_data`` and ``_layout``) and sends one restyle message per
    changed trace and one relayout message, without re-validating: ``batch_update`` with
    ``trace.update(...)`` re-validates every property and took 50-100 times longer per redraw.
    """
    if len(widget.data) != len(figure.data):
        raise ValueError(f"the figure has {len(figure.data)} traces, the widget {len(widget.data)}: builders must keep the trace count fixed")
    if isinstance(widget, CourseFigure):
        for index, (old, new) in enumerate(zip(widget.figure._data, figure._data)):
            if old.get("type") != new.get("type"):
                raise ValueError(f"trace {index} changed type from {old.get('type')} to {new.get('type')}: builders must keep trace types fixed")
        widget.show(figure)
        return
    for index, (old, new) in enumerate(zip(widget._data, figure._data)):
        if old.get("type") != new.get("type"):
            raise ValueError(f"trace {index} changed type from {old.get('type')} to {new.get('type')}: builders must keep trace types fixed")
        restyle = {k: [v] for k, v in new.items() if k not in _FIXED and not _same(old.get(k), v)}
        restyle.update({k: [None] for k in old if k not in new and k not in _FIXED})
        if restyle:
            widget.plotly_restyle(restyle, trace_indexes=[index])
    layout = figure._layout
    relayout = {k: v for k, v in layout.items() if k != "template" and not _same(widget._layout.get(k), v)}
    relayout.update({k: None for k in widget._layout if k not in layout and k != "template"})
    # Lists of shapes, annotations... are assigned as properties: a relayout would leave plotly's
    # Python-side objects for them stale (the page is right, ``widget.layout.shapes`` would not be).
    arrays = {k: relayout.pop(k) or [] for k in list(relayout) if k in _LAYOUT_ARRAYS}
    if relayout:
        widget.plotly_relayout(relayout)
    if arrays:
        with widget.batch_update():
            for key, value in arrays.items():
                widget.layout[key] = value


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


