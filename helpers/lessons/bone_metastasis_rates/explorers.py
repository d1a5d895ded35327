"""Controls for the bone-metastasis rates notebook: denominator, measure, sort, cancers, seed figures."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers.lessons.bone_metastasis_rates import ranges as ranges
from helpers.lessons.bone_metastasis_rates.charts import DENOMINATORS, bone_view
from helpers.style import FigureSpec
from helpers.widgets.core import text_alternative, update_in_place
from helpers.widgets.figure import CourseFigure


class BoneRatesExplorer:
    """Bone-metastasis rates by primary cancer, under three denominators, as range bars."""

    def __init__(self, tables: Mapping[str, pd.DataFrame]):
        self.tables = dict(tables)
        self.denominator = w.ToggleButtons(
            style={"button_width": "auto"},
            options=[(info.label, key) for key, info in DENOMINATORS.items()],
            value="advanced",
            description="Of whom?",
            tooltips=[info.subtitle for info in DENOMINATORS.values()],
        )
        self.measure = w.ToggleButtons(
            style={"button_width": "auto"},
            options=[("Bone involvement (%)", "bone_share"), ("Median survival (months)", "survival")],
            value="bone_share",
            description="Show",
            tooltips=[
                "Share of patients with advanced disease who have bone metastases",
                "Median survival after bone metastasis",
            ],
        )
        self.order = w.Dropdown(options=list(ranges.SORT_ORDERS.items()), value="high", description="Sort")
        self.cancers = w.SelectMultiple(options=[], description="Cancers", rows=8)
        self.show_seed = w.Checkbox(value=True, description="Show the popular article's figures", indent=False)
        self._quiet = False
        self._views: dict[tuple[str, str], tuple[pd.DataFrame, ranges.RangeMeasure]] = {}
        self._reset_cancers()
        view = self._view()
        self.figure = CourseFigure(self._build(view))
        self.summary = w.HTML(self._summary(view))
        self.denominator.observe(self._on_denominator, names="value")
        for control in (self.measure, self.order, self.cancers, self.show_seed):
            control.observe(self.refresh, names="value")

    def _full_view(self) -> tuple[pd.DataFrame, ranges.RangeMeasure]:
        key = (self.denominator.value, self.measure.value)
        if key not in self._views:  # the tables do not change: each view is built once
            self._views[key] = bone_view(self.tables, *key)
        return self._views[key]

    def _reset_cancers(self) -> None:
        view, _ = self._full_view()
        self._quiet = True  # setting options and value fires change events: redraw once, afterwards
        try:
            self.cancers.options = list(zip(view["label"], view["key"]))
            self.cancers.value = tuple(view["key"])
            self.cancers.rows = min(max(len(view), 3), 8)
        finally:
            self._quiet = False

    def _view(self) -> tuple[pd.DataFrame, ranges.RangeMeasure]:
        view, measure = self._full_view()
        return ranges.arrange(view, self.order.value, list(self.cancers.value)), measure

    def _build(self, arranged: tuple[pd.DataFrame, ranges.RangeMeasure]) -> FigureSpec:
        view, measure = arranged
        subtitle = DENOMINATORS[self.denominator.value].subtitle
        return ranges.range_chart(view, measure, show_seed=self.show_seed.value, subtitle=subtitle)

    def _summary(self, arranged: tuple[pd.DataFrame, ranges.RangeMeasure]) -> str:
        view, measure = arranged
        lines = ranges.describe_ranges(view, measure) or ["No cancer selected: pick at least one in the list."]
        return text_alternative(lines, f"The chart in words ({DENOMINATORS[self.denominator.value].subtitle.lower()}):")

    def _on_denominator(self, _change: Mapping[str, Any]) -> None:
        self._reset_cancers()
        self.refresh()

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the chart and its text alternative from the current control values."""
        if self._quiet:
            return
        advanced = self.denominator.value == "advanced"
        self.measure.disabled = not advanced  # survival figures exist for advanced disease only
        self.show_seed.disabled = not (
            advanced and self.measure.value == "bone_share"
        )  # the seed's figures are for that measure
        arranged = self._view()
        update_in_place(self.figure, self._build(arranged))
        self.summary.value = self._summary(arranged)

    def view(self) -> w.Widget:
        controls = w.HBox([w.VBox([self.denominator, self.measure, self.order, self.show_seed]), self.cancers])
        return w.VBox([controls, self.figure, self.summary])
