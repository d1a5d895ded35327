"""Controls for the "Inside the bone" notebook: step round the vicious cycle, switch lesion types, read the body map.

Each explorer builds its figures once in ``__init__`` (there are only a handful of states), keeps one
chart widget (``CourseFigure``) and copies the chosen figure into it in place; text panels are HTML widgets whose
value is set. Nothing is written into an ``Output`` widget.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers.lessons.inside_the_bone import charts as charts
from helpers.lessons.inside_the_bone import tables as tables
from helpers.widgets.core import text_alternative, update_in_place
from helpers.widgets.figure import CourseFigure


class ViciousCycleExplorer:
    """Step round the bone vicious cycle with Previous / Next buttons or a list of steps."""

    def __init__(self, cycle: pd.DataFrame):
        if cycle.empty:
            raise ValueError("the vicious-cycle table has no rows")
        self.table = cycle.sort_values("step").reset_index(drop=True)
        self.steps = [int(s) for s in self.table["step"]]
        self._figures = {s: charts.cycle_figure(self.table, s) for s in self.steps}
        self._panels = {s: tables.cycle_step_panel(self.table, s) for s in self.steps}
        options = [
            (f"{s}. {str(actor)[:1].upper()}{str(actor)[1:]}", s) for s, actor in zip(self.steps, self.table["actor"])
        ]
        self.step = w.Dropdown(options=options, value=self.steps[0], description="Step", layout=w.Layout(width="auto"))
        self.previous = w.Button(description="Previous step", tooltip="Go back one step round the cycle")
        self.next = w.Button(description="Next step", tooltip="Go on one step round the cycle", button_style="primary")
        self.figure = CourseFigure(self._figures[self.steps[0]])
        self.panel = w.HTML(self._panels[self.steps[0]])
        self.step.observe(self.refresh, names="value")
        self.previous.on_click(self.go_previous)
        self.next.on_click(self.go_next)
        self._sync_buttons()

    def _move(self, by: int) -> None:
        index = self.steps.index(self.step.value) + by
        if 0 <= index < len(self.steps):
            self.step.value = self.steps[index]  # the Dropdown's observer redraws

    def go_previous(self, _button: w.Button | None = None) -> None:
        """One step back (nothing happens on the first step)."""
        self._move(-1)

    def go_next(self, _button: w.Button | None = None) -> None:
        """One step on (nothing happens on the last step)."""
        self._move(+1)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.step.value == self.steps[0]
        self.next.disabled = self.step.value == self.steps[-1]

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the diagram and the step's panel for the chosen step."""
        step = int(self.step.value)
        update_in_place(self.figure, self._figures[step])
        self.panel.value = self._panels[step]
        self._sync_buttons()

    def view(self) -> w.Widget:
        """The controls, the diagram and the step's panel, stacked."""
        return w.VBox([w.HBox([self.previous, self.next, self.step]), self.figure, self.panel])


class LesionExplorer:
    """Switch between lytic, blastic and mixed lesions: a sketch of the bone, Mirels points, a text panel."""

    def __init__(self, lesions: pd.DataFrame):
        if lesions.empty:
            raise ValueError("the lesion-type table has no rows")
        self.table = lesions
        kinds = [str(t) for t in lesions["lesion_type"]]
        names = charts.lesion_names(lesions)
        self._figures = {k: charts.lesion_figure(lesions, k) for k in kinds}
        self._panels = {k: tables.lesion_panel(lesions, k) for k in kinds}
        self.kind = w.ToggleButtons(
            style={"button_width": "auto"},
            options=[(names[k], k) for k in kinds],
            value=kinds[0],
            description="Lesion type",
            tooltips=[str(label) for label in lesions["label"]],
        )
        self.figure = CourseFigure(self._figures[kinds[0]])
        self.panel = w.HTML(self._panels[kinds[0]])
        self.kind.observe(self.refresh, names="value")

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the sketch and the panel for the chosen lesion type."""
        update_in_place(self.figure, self._figures[self.kind.value])
        self.panel.value = self._panels[self.kind.value]

    def view(self) -> w.Widget:
        """The control, the figure and the panel, stacked."""
        return w.VBox([self.kind, self.figure, self.panel])


class BodyMapExplorer:
    """The common sites of bone metastasis on a skeleton: all sites, or the spine in detail."""

    def __init__(self, sites: pd.DataFrame):
        self.table = sites
        self._figures = {v: charts.body_map_figure(sites, v) for v in charts.SITE_VIEWS.values()}
        self._texts = {
            v: text_alternative(charts.describe_sites(sites, v), "The map in words:")
            for v in charts.SITE_VIEWS.values()
        }
        self.show = w.ToggleButtons(
            style={"button_width": "auto"},
            options=list(charts.SITE_VIEWS.items()),
            value="all",
            description="Show",
            tooltips=[
                "Common sites over the whole skeleton",
                "How spinal lesions divide between neck, chest and lower back",
            ],
        )
        self.figure = CourseFigure(self._figures["all"])
        self.summary = w.HTML(self._texts["all"])
        self.show.observe(self.refresh, names="value")

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Redraw the map and its text alternative for the chosen view."""
        update_in_place(self.figure, self._figures[self.show.value])
        self.summary.value = self._texts[self.show.value]

    def view(self) -> w.Widget:
        """The control, the map and its text alternative, stacked."""
        return w.VBox([self.show, self.figure, self.summary])
