"""Controls for the warning-signs-and-detection notebook: which test sees what, and the X-ray threshold."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from helpers.charts import detection as charts
from helpers.detection_tables import methods_table
from helpers.text import html_table
from helpers.widgets.core import text_alternative, update_in_place


class DetectionExplorer:
    """Pick a site or suspicion: the tests used for it, a table of what each shows, and their accuracy."""

    def __init__(self, methods: pd.DataFrame, suspicion: str = charts.ACCURACY_SITE):
        self.table = methods
        options = charts.suspicion_options(methods)
        if suspicion not in [slug for _, slug in options]:
            suspicion = charts.ALL
        self.suspicion = w.Dropdown(
            options=options, value=suspicion, description="Site or suspicion", style={"description_width": "initial"}, layout=w.Layout(width="max-content")
        )
        self.sort_by = w.ToggleButtons(
            options=list(charts.SORT_KEYS.items()),
            value="sensitivity",
            description="Sort by",
            tooltips=["Highest sensitivity first", "Highest specificity first"],
        )
        self.figure = go.FigureWidget(self._build())
        self.summary = w.HTML(self._summary())
        self.details = w.HTML(self._details())
        for control in (self.suspicion, self.sort_by):
            control.observe(self.refresh, names="value")

    def _view(self) -> pd.DataFrame:
        return charts.accuracy_view(self.table, self.suspicion.value, self.sort_by.value)

    def _build(self) -> go.Figure:
        return charts.accuracy_chart(self._view(), self.suspicion.value)

    def _summary(self) -> str:
        return text_alternative(charts.describe_accuracy(self._view(), self.suspicion.value), "The chart in words:")

    def _details(self) -> str:
        label = charts.site_label(self.suspicion.value)
        return html_table(methods_table(self.table, self.suspicion.value), f"Tests used for: {label}")

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the chart, its text alternative and the table from the current control values."""
        self.sort_by.disabled = not charts.figures_apply(self.suspicion.value)  # nothing to sort without figures
        update_in_place(self.figure, self._build())
        self.summary.value = self._summary()
        self.details.value = self._details()

    def view(self) -> w.Widget:
        return w.VBox([w.HBox([self.suspicion, self.sort_by]), self.figure, self.summary, self.details])


class XrayThresholdExplorer:
    """Choose how much of a bone's mineral is lost: would a plain X-ray typically show the lesion?"""

    def __init__(self, thresholds: pd.DataFrame, loss: int = 30):
        self.table = thresholds
        if loss not in charts.LOSS_STEPS:
            raise ValueError(f"loss must be one of {charts.LOSS_STEPS}, not {loss!r}")
        self.loss = w.ToggleButtons(
            options=[(f"{step}%", step) for step in charts.LOSS_STEPS],
            value=loss,
            description="Mineral lost",
            tooltips=[f"{step}% of the bone mineral lost" for step in charts.LOSS_STEPS],
            style={"button_width": "4.5em"},
        )
        self.figure = go.FigureWidget(self._build())
        self.summary = w.HTML(self._summary())
        self.loss.observe(self.refresh, names="value")

    def _build(self) -> go.Figure:
        return charts.xray_chart(self.table, self.loss.value)

    def _summary(self) -> str:
        return text_alternative(charts.describe_xray(self.table, self.loss.value), "The chart in words:")

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the bone, the verdict marks and the sentences for the chosen loss."""
        update_in_place(self.figure, self._build())
        self.summary.value = self._summary()

    def view(self) -> w.Widget:
        return w.VBox([self.loss, self.figure, self.summary])
