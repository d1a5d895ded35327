"""The explorers of notebook 3: step round the vicious cycle, switch lesion types, read the body map.

Each is a declaration over :class:`helpers.explorer.Explorer`: its control and one pure ``render(state)``; the
figures come from :mod:`.vicious_cycle`, :mod:`.lesion_types` and :mod:`.body_map`, the panels from :mod:`.tables`.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from helpers.explorer import Explorer, State, Stepper, View
from helpers.lessons.inside_the_bone import body_map, lesion_types, tables, vicious_cycle
from helpers.widgets.core import text_alternative


class ViciousCycleExplorer(Explorer):
    """Step round the bone vicious cycle with Previous / Next buttons or a list of steps."""

    def __init__(self, cycle: pd.DataFrame):
        if cycle.empty:
            raise ValueError("the vicious-cycle table has no rows")
        self.table = cycle.sort_values("step").reset_index(drop=True)
        steps = [int(s) for s in self.table["step"]]
        options = [
            (f"{s}. {str(actor)[:1].upper()}{str(actor)[1:]}", s) for s, actor in zip(steps, self.table["actor"])
        ]
        self.step = w.Dropdown(options=options, value=steps[0], description="Step", layout=w.Layout(width="auto"))
        self.stepper = Stepper(self.step, "Previous step", "Next step", what="step round the cycle")
        self.stepper.next.button_style = "primary"
        super().__init__({"step": self.step})

    def render(self, state: State) -> View:
        step = int(state["step"])
        return View(
            vicious_cycle.cycle_figure(self.table, step),
            tables.cycle_step_panel(self.table, step),  # the step's panel says what the diagram shows
        )

    def layout(self) -> list[w.Widget]:
        controls = w.HBox([self.stepper.previous, self.stepper.next, self.step])
        return [controls, self.figure_box, self.text]


class LesionExplorer(Explorer):
    """Switch between lytic, blastic and mixed lesions: a sketch of the bone, Mirels points, a text panel."""

    def __init__(self, lesions: pd.DataFrame):
        if lesions.empty:
            raise ValueError("the lesion-type table has no rows")
        self.table = lesions
        kinds = [str(t) for t in lesions["lesion_type"]]
        names = lesion_types.lesion_names(lesions)
        self.kind = w.ToggleButtons(
            style={"button_width": "auto"},
            options=[(names[k], k) for k in kinds],
            value=kinds[0],
            description="Lesion type",
            tooltips=[str(label) for label in lesions["label"]],
        )
        super().__init__({"kind": self.kind})

    def render(self, state: State) -> View:
        kind = state["kind"]
        return View(
            lesion_types.lesion_figure(self.table, kind),
            tables.lesion_panel(self.table, kind),  # the panel describes what the sketch shows
        )


class BodyMapExplorer(Explorer):
    """The common sites of bone metastasis on a skeleton: all sites, or the spine in detail."""

    def __init__(self, sites: pd.DataFrame):
        self.table = sites
        self.show = w.ToggleButtons(
            style={"button_width": "auto"},
            options=list(body_map.SITE_VIEWS.items()),
            value="all",
            description="Show",
            tooltips=[
                "Common sites over the whole skeleton",
                "How spinal lesions divide between neck, chest and lower back",
            ],
        )
        super().__init__({"show": self.show})

    def render(self, state: State) -> View:
        return View(
            body_map.body_map_figure(self.table, state["show"]),
            text_alternative(body_map.describe_sites(self.table, state["show"]), "The map in words:"),
        )
