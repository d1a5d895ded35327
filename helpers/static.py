"""Explorers, charts and self-checks with no kernel: every state pre-rendered into the page, for the course website.

When the website is built (``make site``), the notebooks run with ``COURSE_SITE=1``. Then an explorer, a chart and a
self-check display as HTML instead of as a widget: native controls (``<select>``, radio buttons, tick boxes, Previous /
Next), and the view of every state from the same pure ``render(state)`` the notebook uses, as JSON. A small script
(``site/_static/course.js``) switches the chart (``Plotly.react``), its text alternative and the panels when a control
changes. In JupyterLab and Voila nothing changes: the widgets display as before.

States are keyed by the positions of the controls' options ("0.2.1"). A multi-select (the cancers of notebook 2) is
applied on the page as a filter of the view with every option selected: the chart keeps the points of the chosen
categories, the text alternative the sentences that name them. A date box (notebook 7) and a search box (notebook 0)
are computed on the page by a small counterpart of the Python (``course.js``), tested against it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as w

from helpers.html import render as render_template
from helpers.style import TEMPLATE, FigureSpec, template_json

SITE_ENV = "COURSE_SITE"


def site_mode() -> bool:
    """Whether the notebooks are running for the static website (``COURSE_SITE=1``)."""
    return os.environ.get(SITE_ENV) == "1"


#: Set by `make notebooks` (tools/execute_notebooks.py): each chart's output also carries its first figure, which the
#: tool turns into a picture (PNG) for the places that cannot run a widget (GitHub, nbviewer).
PICTURES_ENV = "COURSE_PICTURES"
PICTURE_MIME = "application/vnd.course.picture+json"


def with_picture(bundle: Any, figure: FigureSpec | None) -> Any:
    """The display bundle (a dict, or a (data, metadata) pair), plus the figure to picture when the notebooks are
    executed for committing."""
    if figure is None or os.environ.get(PICTURES_ENV) != "1" or not bundle:
        return bundle
    if isinstance(bundle, tuple):
        data, metadata = bundle
        return {**data, PICTURE_MIME: dict(figure)}, metadata
    return {**bundle, PICTURE_MIME: dict(figure)}


def to_json(value: Any) -> str:
    """JSON safe to put inside a ``<script type="application/json">``: no '</' can close the element."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str).replace("</", "<\\/")


class StaticBox(w.VBox):  # type: ignore[misc]
    """A VBox that, on the website, displays as the HTML its ``static`` function makes (the display protocol)."""

    def __init__(self, children: Sequence[w.Widget], static: Any, picture: Any = None, **kwargs: Any) -> None:
        super().__init__(children, **kwargs)
        self._static = static
        self._picture = picture

    def static_html(self) -> str:
        """What the website shows in place of the widget."""
        return str(self._static())

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        if site_mode():
            return {"text/html": self._static(), "text/plain": "An interactive view of the course"}
        return with_picture(super()._repr_mimebundle_(**kwargs), self._picture() if self._picture else None)


def control_spec(name: str, control: w.Widget, values: Sequence[Any]) -> dict[str, Any]:
    """How the page draws one control: its kind, accessible name, option labels and the index of each value."""
    labels: list[str]
    if isinstance(control, w.Checkbox):
        kind, labels = "checkbox", ["no", "yes"]
    elif isinstance(control, w.SelectMultiple):
        kind, labels = "multiselect", [str(label) for label, _ in control.options]
    elif isinstance(control, w.ToggleButtons | w.RadioButtons):
        kind, labels = "radio", [str(o[0]) if isinstance(o, tuple) else str(o) for o in control.options]
    elif isinstance(control, w.DatePicker):  # the page offers the explorer's declared sample of dates
        kind, labels = "select", [v.strftime("%-d %b %Y") if v is not None else "No date" for v in values]
    elif isinstance(control, w.Text):
        kind, labels = "search", []
    else:
        kind, labels = "select", [str(o[0]) if isinstance(o, tuple) else str(o) for o in control.options]
    return {
        "name": name,
        "kind": kind,
        "label": control.description,
        "labels": labels,
        "values": [str(v) for v in values],
        "placeholder": getattr(control, "placeholder", ""),
    }


def figure_html(figure: FigureSpec, alternative: str = "") -> str:
    """A chart with no control, drawn on the page from its spec."""
    return render_template(
        "static_figure.html.j2",
        spec=to_json(dict(figure)),
        plotly_template=to_json(template_json(TEMPLATE)),
        alternative=alternative,
    )


def check_html(question: str, options: Sequence[str], answer: str, feedback: Mapping[str, str]) -> str:
    """A self-check on the page: the same question, options and feedback as the notebook's widget."""
    verdicts = [("Correct." if option == answer else "Not quite.", feedback.get(option, "")) for option in options]
    return render_template("static_check.html.j2", question=question, options=list(zip(options, verdicts)))
