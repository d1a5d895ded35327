"""Controls for the 'Where cancer spreads' notebook: wiring only (the builders live in helpers.lessons.where_cancer_spreads.charts)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any, Generic, TypeVar

import ipywidgets as w
import pandas as pd

from helpers.lessons.where_cancer_spreads import charts as charts
from helpers.lessons.where_cancer_spreads.tables import sites_html
from helpers.style import FigureSpec
from helpers.widgets.core import text_alternative, update_in_place
from helpers.widgets.figure import CourseFigure

ALL_STUDIES = "all"


K = TypeVar("K", bound=Hashable)


class FigureCache(Generic[K]):
    """Figures built once per control state and kept: a callback then only copies a ready figure."""

    def __init__(self, build: Callable[[K], FigureSpec]):
        self.build = build
        self.figures: dict[K, FigureSpec] = {}

    def __call__(self, key: K) -> FigureSpec:
        if key not in self.figures:
            self.figures[key] = self.build(key)
        return self.figures[key]


class SitesExplorer:
    """Pick a primary cancer; see where its metastases were found, per dataset, as bars and as a table."""

    def __init__(self, sites: pd.DataFrame, sources: pd.DataFrame, primary: str | None = None):
        self.sites = sites
        self.sources = sources
        choices = charts.primaries(sites)
        self.labels = {key: label for label, key in choices}
        # precompute every view once: a callback then only builds a small figure
        self.views = {key: charts.site_view(sites, sources, key) for _, key in choices}
        self.n_traces = max((v["dataset"].nunique() for v in self.views.values()), default=1)
        self.primary = w.Dropdown(
            options=choices,
            value=primary if primary is not None else choices[0][1],
            description="Primary cancer",
            style={"description_width": "initial"},
            layout=w.Layout(width="max-content"),
        )
        self.figures: FigureCache[str] = FigureCache(self._build)
        self.figure = CourseFigure(self._build(self.primary.value))
        self.table = w.HTML(self._table())
        self.primary.observe(self.refresh, names="value")

    def _view(self, primary: str) -> pd.DataFrame:
        return self.views.get(primary, self.sites.iloc[0:0])

    def _build(self, primary: str) -> FigureSpec:
        return charts.sites_chart(self._view(primary), self.n_traces, self.labels.get(primary, ""))

    def _table(self) -> str:
        return sites_html(self._view(self.primary.value))

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the chart and its table for the chosen primary."""
        update_in_place(self.figure, self.figures(self.primary.value))
        self.table.value = self._table()

    def view(self) -> w.Widget:
        return w.VBox([self.primary, self.figure, self.table])


class RoutesExplorer:
    """The routes as a Sankey diagram; ToggleButtons (and Previous / Next) highlight one route at a time."""

    def __init__(self, routes: pd.DataFrame):
        self.routes = routes
        choices = charts.route_choices(routes)
        tips = ["Show every route at full strength"] + [
            f"{g} (for example {e})" for g, e in zip(routes["primary_group"], routes["primary_examples"])
        ]
        self.route = w.ToggleButtons(
            options=choices, value=charts.ALL_ROUTES, description="Route", tooltips=tips, style={"button_width": "auto"}
        )
        self.previous = w.Button(
            description="Previous route", icon="arrow-left", tooltip="Highlight the previous route"
        )
        self.next = w.Button(description="Next route", icon="arrow-right", tooltip="Highlight the next route")
        self.figures: FigureCache[str] = FigureCache(lambda key: charts.routes_chart(routes, key))
        self.figure = CourseFigure(charts.routes_chart(routes, self.route.value))
        self.words = w.HTML(self._words())
        self.route.observe(self.refresh, names="value")
        self.previous.on_click(lambda _button: self.step(-1))
        self.next.on_click(lambda _button: self.step(+1))

    def _words(self) -> str:
        heading = (
            "All routes, in words:" if self.route.value == charts.ALL_ROUTES else "The highlighted route, in words:"
        )
        return text_alternative(charts.describe_routes(self.routes, self.route.value), heading)

    def step(self, by: int) -> None:
        """Highlight the next (by=+1) or previous (by=-1) route; stops at the first and last route."""
        values = [v for _, v in self.route.options]
        position = values.index(self.route.value) + by
        self.route.value = values[min(max(position, 0), len(values) - 1)]

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the diagram and its text for the chosen route."""
        values = [v for _, v in self.route.options]
        self.previous.disabled = self.route.value == values[0]
        self.next.disabled = self.route.value == values[-1]
        update_in_place(self.figure, self.figures(self.route.value))
        self.words.value = self._words()

    def view(self) -> w.Widget:
        self.refresh()  # sets the Previous / Next buttons' state
        return w.VBox([self.route, w.HBox([self.previous, self.next]), self.figure, self.words])


class BrainMetsExplorer:
    """Brain-metastasis incidence by primary, one study at a time or side by side, with the seed's figure as a line."""

    def __init__(self, brain: pd.DataFrame, sources: pd.DataFrame, myths: pd.DataFrame):
        self.brain = brain
        self.studies = charts.brain_studies(brain, sources)
        self.seed_pct, self.seed_order = charts.seed_brain_claim(myths)
        self.study = w.Dropdown(
            options=[*self.studies, ("All studies side by side", ALL_STUDIES)],
            value=self.studies[0][1],
            description="Study",
            layout=w.Layout(width="max-content"),
        )
        self.show_seed = w.Checkbox(
            value=True, description=f"Show the popular article's {charts.pct_text(self.seed_pct)} line", indent=False
        )
        self.views = {sid: charts.brain_view(brain, [sid]) for _, sid in self.studies}
        self.views[ALL_STUDIES] = charts.brain_view(brain)
        self.figures: FigureCache[tuple[str, bool]] = FigureCache(lambda key: self._build(*key))
        self.figure = CourseFigure(self._build(self.study.value, self.show_seed.value))
        self.words = w.HTML(self._words())
        for control in (self.study, self.show_seed):
            control.observe(self.refresh, names="value")

    def _build(self, study: str, show_seed: bool) -> FigureSpec:
        return charts.brain_chart(self.views[study], self.studies, self.seed_pct, show_seed=show_seed)

    def _words(self) -> str:
        seed = self.seed_pct if self.show_seed.value else None
        return text_alternative(
            charts.describe_brain(self.views[self.study.value], self.studies, seed), "The chart in words:"
        )

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the chart and its text for the chosen study and seed line."""
        update_in_place(self.figure, self.figures((self.study.value, self.show_seed.value)))
        self.words.value = self._words()

    def view(self) -> w.Widget:
        return w.VBox([w.HBox([self.study, self.show_seed]), self.figure, self.words])
