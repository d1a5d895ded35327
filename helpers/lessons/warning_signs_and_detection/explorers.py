"""The explorers of notebook 4: which test sees what, and the X-ray threshold.

Each is a declaration over :class:`helpers.explorer.Explorer`: its controls and one pure ``render(state)``.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from helpers.explorer import Explorer, State, View
from helpers.html import render as render_template
from helpers.lessons.warning_signs_and_detection import accuracy, xray_threshold
from helpers.lessons.warning_signs_and_detection.tables import methods_table
from helpers.text import html_table
from helpers.widgets.core import text_alternative


class DetectionExplorer(Explorer):
    """Pick a site or suspicion: the tests used for it, a table of what each shows, and their accuracy."""

    def __init__(self, methods: pd.DataFrame, suspicion: str = accuracy.ACCURACY_SITE):
        self.table = methods
        options = accuracy.suspicion_options(methods)
        if suspicion not in [slug for _, slug in options]:
            suspicion = accuracy.ALL
        self.suspicion = w.Dropdown(
            options=options,
            value=suspicion,
            description="Site or suspicion",
            style={"description_width": "initial"},
            layout=w.Layout(width="max-content"),
        )
        self.sort_by = w.ToggleButtons(
            style={"button_width": "auto"},
            options=list(accuracy.SORT_KEYS.items()),
            value="sensitivity",
            description="Sort by",
            tooltips=["Highest sensitivity first", "Highest specificity first"],
        )
        super().__init__({"suspicion": self.suspicion, "sort_by": self.sort_by})

    def render(self, state: State) -> View:
        suspicion, sort_by = state["suspicion"], state["sort_by"]
        view = accuracy.accuracy_view(self.table, suspicion, sort_by)
        caption = f"Tests used for: {accuracy.site_label(suspicion)}"
        return View(
            accuracy.accuracy_chart(view, suspicion),
            text_alternative(accuracy.describe_accuracy(view, suspicion), "The chart in words:"),
            {"details": html_table(methods_table(self.table, suspicion), caption)},
            disabled=frozenset() if accuracy.figures_apply(suspicion) else frozenset({"sort_by"}),
        )


class XrayThresholdExplorer(Explorer):
    """Choose how much of a bone's mineral is lost: would a plain X-ray typically show the lesion?"""

    def __init__(self, thresholds: pd.DataFrame, loss: int = 30):
        if loss not in xray_threshold.LOSS_STEPS:
            raise ValueError(f"loss must be one of {xray_threshold.LOSS_STEPS}, not {loss!r}")
        self.table = thresholds
        self.loss = w.ToggleButtons(
            options=[(f"{step}%", step) for step in xray_threshold.LOSS_STEPS],
            value=loss,
            description="Mineral lost",
            tooltips=[f"{step}% of the bone mineral lost" for step in xray_threshold.LOSS_STEPS],
            style={"button_width": "4.5em"},
        )
        super().__init__({"loss": self.loss})

    def render(self, state: State) -> View:
        loss = state["loss"]
        headline = render_template("headline.html.j2", text=xray_threshold.xray_headline(self.table, loss))
        return View(
            xray_threshold.xray_chart(self.table, loss),
            text_alternative(xray_threshold.describe_xray(self.table, loss), "The chart in words:"),
            {"headline": headline},
        )

    def layout(self) -> list[w.Widget]:
        return [self.loss, self.html["headline"], self.figure_box, self.text]
