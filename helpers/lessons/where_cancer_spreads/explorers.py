"""The explorers of notebook 5: where each cancer's metastases go, the routes blood takes, and brain metastases.

Each is a declaration over :class:`helpers.explorer.Explorer`: its controls and one pure ``render(state)``.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from helpers.explorer import Explorer, State, Stepper, View
from helpers.lessons.where_cancer_spreads import brain_mets, labels, metastatic_sites, spread_routes
from helpers.lessons.where_cancer_spreads.tables import sites_html
from helpers.widgets.core import text_alternative

ALL_STUDIES = "all"


class SitesExplorer(Explorer):
    """Pick a primary cancer; see where its metastases were found, per dataset, as bars and as a table."""

    def __init__(self, sites: pd.DataFrame, sources: pd.DataFrame, primary: str | None = None):
        self.sites = sites
        choices = metastatic_sites.primaries(sites)
        self.labels = {key: label for label, key in choices}
        self.views = {key: metastatic_sites.site_view(sites, sources, key) for _, key in choices}
        self.n_traces = max((v["dataset"].nunique() for v in self.views.values()), default=1)
        self.primary = w.Dropdown(
            options=choices,
            value=primary if primary is not None else choices[0][1],
            description="Primary cancer",
            style={"description_width": "initial"},
            layout=w.Layout(width="max-content"),
        )
        super().__init__({"primary": self.primary})

    def render(self, state: State) -> View:
        primary = state["primary"]
        view = self.views.get(primary, self.sites.iloc[0:0])
        return View(metastatic_sites.sites_chart(view, self.n_traces, self.labels.get(primary, "")), sites_html(view))


class RoutesExplorer(Explorer):
    """The routes as a Sankey diagram; ToggleButtons (and Previous / Next) highlight one route at a time."""

    def __init__(self, routes: pd.DataFrame):
        self.routes = routes
        tips = ["Show every route at full strength"] + [
            f"{g} (for example {e})" for g, e in zip(routes["primary_group"], routes["primary_examples"])
        ]
        self.route = w.ToggleButtons(
            options=spread_routes.route_choices(routes),
            value=spread_routes.ALL_ROUTES,
            description="Route",
            tooltips=tips,
            style={"button_width": "auto"},
        )
        self.stepper = Stepper(self.route, "Previous route", "Next route", what="route")
        super().__init__({"route": self.route})

    def render(self, state: State) -> View:
        route = state["route"]
        heading = "All routes, in words:" if route == spread_routes.ALL_ROUTES else "The highlighted route, in words:"
        return View(
            spread_routes.routes_chart(self.routes, route),
            text_alternative(spread_routes.describe_routes(self.routes, route), heading),
        )

    def layout(self) -> list[w.Widget]:
        return [self.route, self.stepper.buttons(), self.figure_box, self.text]


class BrainMetsExplorer(Explorer):
    """Brain-metastasis incidence by primary, one study at a time or side by side, with the seed's figure as a line."""

    def __init__(self, brain: pd.DataFrame, sources: pd.DataFrame, myths: pd.DataFrame):
        self.studies = brain_mets.brain_studies(brain, sources)
        self.seed_pct, self.seed_order = brain_mets.seed_brain_claim(myths)
        self.study = w.Dropdown(
            options=[*self.studies, ("All studies side by side", ALL_STUDIES)],
            value=self.studies[0][1],
            description="Study",
            layout=w.Layout(width="max-content"),
        )
        self.show_seed = w.Checkbox(
            value=True, description=f"Show the popular article's {labels.pct_text(self.seed_pct)} line", indent=False
        )
        self.views = {sid: brain_mets.brain_view(brain, [sid]) for _, sid in self.studies}
        self.views[ALL_STUDIES] = brain_mets.brain_view(brain)
        super().__init__({"study": self.study, "show_seed": self.show_seed})

    def render(self, state: State) -> View:
        view, show_seed = self.views[state["study"]], state["show_seed"]
        seed = self.seed_pct if show_seed else None
        return View(
            brain_mets.brain_chart(view, self.studies, self.seed_pct, show_seed=show_seed),
            text_alternative(brain_mets.describe_brain(view, self.studies, seed), "The chart in words:"),
        )
