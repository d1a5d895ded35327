"""Controls for the metastatic-cascade notebook: a step-through schematic and the inefficiency funnel.

Wiring only: the figures come from :mod:`helpers.lessons.metastatic_cascade.charts`, the text panels from
:mod:`helpers.lessons.metastatic_cascade.tables`. Each view builds its chart widget (``CourseFigure``) once; every control updates
it in place (:func:`helpers.widgets.core.update_in_place`) and sets the ``value`` of HTML widgets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers.lessons.metastatic_cascade import charts as charts
from helpers.lessons.metastatic_cascade.tables import funnel_caution, step_panel
from helpers.style import FigureSpec
from helpers.widgets.core import text_alternative, update_in_place
from helpers.widgets.figure import CourseFigure


class CascadeStepper:
    """Step through the cascade: Previous / Next buttons and a step list drive the schematic and the panel.

    The step list (``self.step``) holds the current step; the buttons only move it. Every step's
    figure and text are built once here, so that a click only copies them into the widgets.
    """

    def __init__(self, steps: pd.DataFrame, sources: pd.DataFrame | None = None):
        self.steps = charts.ordered_steps(steps)
        self.ids: list[str] = list(self.steps["step_id"])
        if not self.ids:
            raise ValueError("the cascade has no steps")
        names = [f"{int(n)}. {name}" for n, name in zip(self.steps["step"], self.steps["name"])]
        self.step = w.Dropdown(
            options=list(zip(names, self.ids)),
            value=self.ids[0],
            description="Step",
            layout=w.Layout(width="32em", max_width="95%"),
        )
        self.previous = w.Button(
            description="\u25c0 Previous", tooltip="Go to the previous step", layout=w.Layout(width="9em")
        )
        self.next = w.Button(description="Next \u25b6", tooltip="Go to the next step", layout=w.Layout(width="9em"))
        self._figures = {sid: charts.cascade_figure(self.steps, sid) for sid in self.ids}
        self._texts = {
            sid: text_alternative(charts.describe_step(self.steps, sid), "The diagram in words:") for sid in self.ids
        }
        self._panels = {sid: step_panel(self.steps, sid, sources) for sid in self.ids}
        self.figure = CourseFigure(charts.cascade_figure(self.steps, self.ids[0]))
        self.diagram_text = w.HTML(self._texts[self.ids[0]])
        self.panel = w.HTML(self._panels[self.ids[0]])
        self.step.observe(self.refresh, names="value")
        self.previous.on_click(lambda _button: self.go(-1))
        self.next.on_click(lambda _button: self.go(+1))
        self._set_buttons()

    @property
    def position(self) -> int:
        """Where the current step is (0 = first)."""
        return self.ids.index(self.step.value)

    def go(self, offset: int) -> None:
        """Move ``offset`` steps forward (negative: back), stopping at the first and last step."""
        self.step.value = self.ids[min(max(self.position + offset, 0), len(self.ids) - 1)]

    def _set_buttons(self) -> None:
        """Previous is off on the first step, Next on the last."""
        self.previous.disabled = self.position == 0
        self.next.disabled = self.position == len(self.ids) - 1

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Show the current step: the schematic (in place), its words and the step's panel."""
        sid = self.step.value
        update_in_place(self.figure, self._figures[sid])
        self.diagram_text.value = self._texts[sid]
        self.panel.value = self._panels[sid]
        self._set_buttons()

    def view(self) -> w.Widget:
        """Controls, schematic, its text alternative and the step panel, top to bottom."""
        controls = w.HBox(
            [self.previous, self.next, self.step], layout=w.Layout(flex_flow="row wrap", align_items="center")
        )
        return w.VBox([controls, self.figure, self.diagram_text, self.panel])


class FunnelExplorer:
    """The inefficiency funnel: choose the model and the axis; the bars, words and caveats follow.

    Every (model, axis) figure is built once here, so that a change only copies one into the widget.
    """

    def __init__(self, funnel: pd.DataFrame):
        self.table = funnel
        models = charts.funnel_models(funnel)
        if not models:
            raise ValueError("the funnel table has no models")
        self.model = w.Dropdown(
            options=[(charts.model_label(m), m) for m in models],
            value=models[0],
            description="Model",
            layout=w.Layout(width="95%", max_width="56em"),
        )
        # A Dropdown, not ToggleButtons: in the app view (Voila 0.5) clicks on these two toggle
        # buttons did not reach the kernel in tests here, while a Dropdown worked every time.
        self.scale = w.Dropdown(
            options=[
                ("Logarithmic (each gridline 10 times the one before)", "log"),
                ("Ordinary (equal steps: small counts vanish)", "linear"),
            ],
            value="log",
            description="Axis",
        )
        self._figures = {(m, scale): self._build(m, scale) for m in models for scale in ("log", "linear")}
        self._summaries = {m: self._summary(m) for m in models}
        self.figure = CourseFigure(self._build(self.model.value, self.scale.value))
        self.summary = w.HTML(self._summaries[self.model.value])
        for control in (self.model, self.scale):
            control.observe(self.refresh, names="value")

    def _build(self, model: str, scale: str) -> FigureSpec:
        """The funnel of one model on one kind of axis ("log" or "linear")."""
        return charts.funnel_chart(charts.funnel_view(self.table, model), model, log=scale == "log")

    def _summary(self, model: str) -> str:
        """The funnel of one model in words, then its caveats."""
        view = charts.funnel_view(self.table, model)
        return text_alternative(charts.describe_funnel(view), "The chart in words:") + funnel_caution(
            charts.funnel_notes(view)
        )

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the funnel (in place) and its words from the current control values."""
        key = (self.model.value, self.scale.value)
        update_in_place(self.figure, self._figures[key])
        self.summary.value = self._summaries[key[0]]

    def view(self) -> w.Widget:
        """Controls, funnel chart, then its words and caveats."""
        return w.VBox([self.model, self.scale, self.figure, self.summary])
