"""Widget wiring shared by every notebook: in-place chart updates, self-checks, text alternatives.

The pattern every notebook follows: build the chart widget (a
:class:`~helpers.widgets.figure.CourseFigure`) once, observe each control with
``.observe(callback, names="value")`` and hand the freshly built figure to :func:`update_in_place`.
Nothing is written into an ``Output`` widget while a notebook executes (Voila can hang on that), so
views use chart widgets and HTML widgets whose value is set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers.static import StaticBox, check_html
from helpers.style import FigureSpec
from helpers.text import esc, html_table, sentence_list
from helpers.urgency import levels
from helpers.widgets.figure import CourseFigure


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
        result.value = (
            f'<p role="status" aria-live="polite"><strong>{verdict}</strong> {esc(feedback.get(picked, ""))}</p>'
        )

    choice.observe(on_pick, names="value")
    children = [w.HTML(f"<p><strong>Self-check:</strong> {esc(question)}</p>"), choice, result]
    return StaticBox(children, lambda: check_html(question, options, answer, feedback))


def urgency_check(question: str, answer: str, feedback: Mapping[str, str], urgency_levels: pd.DataFrame) -> w.Widget:
    """A self-check whose options are the levels of the urgency scale (least urgent first), named as the cards
    name them; ``answer`` and the keys of ``feedback`` are level ids ('red', 'amber', 'green')."""
    scale = levels(urgency_levels)
    unknown = sorted({answer, *feedback} - set(scale))
    if unknown:
        raise ValueError(f"not levels of the urgency scale: {unknown}")
    ordered = list(scale.values())[::-1]
    labels = {lv.level: lv.label for lv in ordered}
    return self_check(
        question, [labels[lv.level] for lv in ordered], labels[answer], {labels[k]: v for k, v in feedback.items()}
    )


def check(check_id: str) -> w.Widget:
    """The self-check ``check_id`` of ``data/self_checks.csv``, its options and feedback from ``self_check_options.csv``.

    A notebook cell names the check only, so the answer is not shown in the code. For an urgency check the options are
    the levels of the urgency scale (least urgent first), named as the warning-sign cards name them.
    """
    from helpers.data import load_table

    checks = load_table("self_checks").set_index("check_id")
    if check_id not in checks.index:
        raise KeyError(f"no self-check {check_id!r} in data/self_checks.csv")
    row = checks.loc[check_id]
    options = load_table("self_check_options")
    options = options[options["check_id"] == check_id]
    right = options.loc[options["correct"] == "yes", "option"].tolist()
    if len(right) != 1:
        raise ValueError(
            f"data/self_check_options.csv: self-check {check_id!r} has {len(right)} correct options; it needs exactly one"
        )
    feedback = dict(zip(options["option"], options["feedback"]))
    if row["kind"] == "urgency":
        return urgency_check(str(row["question"]), right[0], feedback, load_table("urgency_levels"))
    labels = dict(zip(options["option"], options["label"]))
    return self_check(
        str(row["question"]), list(labels.values()), labels[right[0]], {labels[k]: v for k, v in feedback.items()}
    )


def table_widget(frame: pd.DataFrame, caption: str) -> w.HTML:
    """A table alternative as an HTML widget (escaped)."""
    return w.HTML(html_table(frame, caption))
