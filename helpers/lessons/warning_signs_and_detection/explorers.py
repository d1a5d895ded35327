"""Controls for the warning-signs-and-detection notebook: which test sees what, and the X-ray threshold.

Each explorer builds the figure and texts of a control state once, the first time that state is
shown, and reuses them afterwards: a callback then only copies a ready figure into the widget.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers.lessons.warning_signs_and_detection import charts as charts
from helpers.lessons.warning_signs_and_detection.tables import methods_table
from helpers.style import FigureSpec
from helpers.text import esc, html_table
from helpers.widgets.core import text_alternative, update_in_place
from helpers.widgets.figure import CourseFigure


@dataclass(frozen=True)
class _Frame:
    """Everything one control state shows: the figure and the HTML around it."""

    figure: FigureSpec
    summary: str
    extra: str


class DetectionExplorer:
    """Pick a site or suspicion: the tests used for it, a table of what each shows, and their accuracy."""

    def __init__(self, methods: pd.DataFrame, suspicion: str = charts.ACCURACY_SITE):
        self.table = methods
        self._frames: dict[tuple[str, str], _Frame] = {}
        options = charts.suspicion_options(methods)
        if suspicion not in [slug for _, slug in options]:
            suspicion = charts.ALL
        self.suspicion = w.Dropdown(
            options=options,
            value=suspicion,
            description="Site or suspicion",
            style={"description_width": "initial"},
            layout=w.Layout(width="max-content"),
        )
        self.sort_by = w.ToggleButtons(
            style={"button_width": "auto"},
            options=list(charts.SORT_KEYS.items()),
            value="sensitivity",
            description="Sort by",
            tooltips=["Highest sensitivity first", "Highest specificity first"],
        )
        frame = self._frame()
        self.sort_by.disabled = not charts.figures_apply(suspicion)  # nothing to sort without figures
        self.figure = CourseFigure(frame.figure)
        self.summary = w.HTML(frame.summary)
        self.details = w.HTML(frame.extra)
        for control in (self.suspicion, self.sort_by):
            control.observe(self.refresh, names="value")

    def _frame(self) -> _Frame:
        """The figure, sentences and table of the current state (built once per state)."""
        key = (self.suspicion.value, self.sort_by.value)
        if key not in self._frames:
            suspicion, sort_by = key
            view = charts.accuracy_view(self.table, suspicion, sort_by)
            caption = f"Tests used for: {charts.site_label(suspicion)}"
            self._frames[key] = _Frame(
                charts.accuracy_chart(view, suspicion),
                text_alternative(charts.describe_accuracy(view, suspicion), "The chart in words:"),
                html_table(methods_table(self.table, suspicion), caption),
            )
        return self._frames[key]

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the chart, its text alternative and the table from the current control values."""
        self.sort_by.disabled = not charts.figures_apply(self.suspicion.value)
        frame = self._frame()
        update_in_place(self.figure, frame.figure)
        self.summary.value = frame.summary
        self.details.value = frame.extra

    def view(self) -> w.Widget:
        """The controls, the chart, the chart in words and the table, stacked."""
        return w.VBox([w.HBox([self.suspicion, self.sort_by]), self.figure, self.summary, self.details])


class XrayThresholdExplorer:
    """Choose how much of a bone's mineral is lost: would a plain X-ray typically show the lesion?"""

    def __init__(self, thresholds: pd.DataFrame, loss: int = 30):
        if loss not in charts.LOSS_STEPS:
            raise ValueError(f"loss must be one of {charts.LOSS_STEPS}, not {loss!r}")
        self.table = thresholds
        self._frames: dict[int, _Frame] = {}
        self.loss = w.ToggleButtons(
            options=[(f"{step}%", step) for step in charts.LOSS_STEPS],
            value=loss,
            description="Mineral lost",
            tooltips=[f"{step}% of the bone mineral lost" for step in charts.LOSS_STEPS],
            style={"button_width": "4.5em"},
        )
        frame = self._frame()
        self.headline = w.HTML(frame.extra)
        self.figure = CourseFigure(frame.figure)
        self.summary = w.HTML(frame.summary)
        self.loss.observe(self.refresh, names="value")

    def _frame(self) -> _Frame:
        """The figure, sentences and headline for the chosen loss (built once per step)."""
        loss = self.loss.value
        if loss not in self._frames:
            headline = charts.xray_headline(self.table, loss)
            self._frames[loss] = _Frame(
                charts.xray_chart(self.table, loss),
                text_alternative(charts.describe_xray(self.table, loss), "The chart in words:"),
                f'<p style="font-size:1.1em"><strong>{esc(headline)}</strong></p>',
            )
        return self._frames[loss]

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the bone, the verdict marks, the headline and the sentences for the chosen loss."""
        frame = self._frame()
        update_in_place(self.figure, frame.figure)
        self.headline.value = frame.extra
        self.summary.value = frame.summary

    def view(self) -> w.Widget:
        """The control, the headline, the chart and the chart in words, stacked."""
        return w.VBox([self.loss, self.headline, self.figure, self.summary])
