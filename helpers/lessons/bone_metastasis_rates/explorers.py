"""The explorer of notebook 2: bone-metastasis rates by cancer, under three denominators, as range bars."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as w
import pandas as pd

from helpers.explorer import Explorer, Sample, State, View
from helpers.lessons.bone_metastasis_rates import ranges
from helpers.lessons.bone_metastasis_rates.charts import DENOMINATORS, Denominator, bone_view
from helpers.widgets.core import text_alternative


class BoneRatesExplorer(Explorer):
    """Denominator, measure, sort order, the cancers shown and the popular article's figures drive one range chart.

    The list of cancers depends on the denominator: changing the denominator selects all of its cancers again.
    Its states are every combination of the other controls with all cancers selected, and each cancer alone.
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame]):
        self.tables = dict(tables)
        self._views: dict[tuple[Denominator, str], tuple[pd.DataFrame, ranges.RangeMeasure]] = {}
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
        self._set_cancers()
        super().__init__(
            {
                "denominator": self.denominator,
                "measure": self.measure,
                "order": self.order,
                "cancers": self.cancers,
                "show_seed": self.show_seed,
            }
        )
        self.denominator.unobserve(self.refresh, names="value")
        self.denominator.observe(lambda _change: self.quietly(self._set_cancers), names="value")

    def full_view(self, denominator: Denominator, measure: str) -> tuple[pd.DataFrame, ranges.RangeMeasure]:
        """Every cancer under one denominator and measure (built once: the tables do not change)."""
        key = (denominator, measure)
        if key not in self._views:
            self._views[key] = bone_view(self.tables, denominator, measure)
        return self._views[key]

    def samples(self) -> Mapping[str, Sample]:
        return {"cancers": self.cancer_sample}

    def cancer_keys(self, denominator: Denominator) -> list[str]:
        return list(self.full_view(denominator, "bone_share")[0]["key"])

    def cancer_sample(self, state: State) -> Sequence[tuple[str, ...]]:
        """All cancers of the state's denominator, then each alone."""
        keys = self.cancer_keys(state["denominator"])
        return [tuple(keys), *[(key,) for key in keys]]

    def _set_cancers(self) -> None:
        view, _ = self.full_view(self.denominator.value, "bone_share")
        self.cancers.options = list(zip(view["label"], view["key"]))
        self.cancers.value = tuple(view["key"])
        self.cancers.rows = min(max(len(view), 3), 8)

    def render(self, state: State) -> View:
        denominator, measure_key = state["denominator"], state["measure"]
        advanced = denominator == "advanced"
        if not advanced:
            measure_key = "bone_share"  # survival figures exist for advanced disease only
        full, measure = self.full_view(denominator, measure_key)
        view = ranges.arrange(full, state["order"], list(state["cancers"]))
        subtitle = DENOMINATORS[denominator].subtitle
        lines = ranges.describe_ranges(view, measure) or ["No cancer selected: pick at least one in the list."]
        disabled = set() if advanced else {"measure"}
        if not (advanced and measure_key == "bone_share"):
            disabled.add("show_seed")  # the seed's figures are for that measure
        return View(
            ranges.range_chart(view, measure, show_seed=state["show_seed"], subtitle=subtitle),
            text_alternative(lines, f"The chart in words ({subtitle.lower()}):"),
            disabled=frozenset(disabled),
        )

    def layout(self) -> list[w.Widget]:
        controls = w.HBox([w.VBox([self.denominator, self.measure, self.order, self.show_seed]), self.cancers])
        return [controls, self.figure_box, self.text]
