"""Controls for the bone-metastasis rates notebook."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from helpers.charts import ranges
from helpers.charts.bone_rates import BONE_MEASURES
from helpers.widgets.core import text_alternative, update_in_place


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
        self.order = w.Dropdown(options=list(ranges.SORT_ORDERS.items()), value="high", description="Sort")
        self.cancers = w.SelectMultiple(
            options=cancers, value=tuple(c for _, c in cancers), description="Cancers", rows=min(len(cancers), 8)
        )
        self.show_seed = w.Checkbox(value=True, description="Show the seed article's figures", indent=False)
        self.figure = go.FigureWidget(self._build())
        self.summary = w.HTML(self._summary())
        for control in (self.measure, self.order, self.cancers, self.show_seed):
            control.observe(self.refresh, names="value")

    def _view(self) -> pd.DataFrame:
        measure = BONE_MEASURES[self.measure.value]
        view = ranges.range_view(self.table, measure)
        return ranges.arrange(view, self.order.value, list(self.cancers.value))

    def _build(self) -> go.Figure:
        measure = BONE_MEASURES[self.measure.value]
        return ranges.range_chart(self._view(), measure, show_seed=self.show_seed.value, subtitle="Advanced disease, mostly autopsy series")

    def _summary(self) -> str:
        measure = BONE_MEASURES[self.measure.value]
        lines = ranges.describe_ranges(self._view(), measure) or ["No cancer selected: pick at least one in the list."]
        return text_alternative(lines, "The chart in words:")

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the chart and its text alternative from the current control values."""
        self.show_seed.disabled = self.measure.value != "bone_share"  # the seed gives no survival figures
        update_in_place(self.figure, self._build())
        self.summary.value = self._summary()

    def view(self) -> w.Widget:
        controls = w.HBox([w.VBox([self.measure, self.order, self.show_seed]), self.cancers])
        return w.VBox([controls, self.figure, self.summary])
