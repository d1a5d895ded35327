"""The explorers of notebook 1: a step-through schematic of the cascade, and the inefficiency funnel.

Each is a declaration over :class:`helpers.explorer.Explorer`: its controls and one pure ``render(state)``. The
figures come from :mod:`.schematic` and :mod:`.cascade_funnel`, the text panels from :mod:`.tables`.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from helpers.explorer import Explorer, State, Stepper, View
from helpers.lessons.metastatic_cascade import cascade_funnel, schematic, step_pictures
from helpers.lessons.metastatic_cascade.tables import funnel_caution, step_panel
from helpers.widgets.core import text_alternative


class CascadeStepper(Explorer):
    """Step through the cascade: a step list (and Previous / Next) drives the schematic and the step's panel."""

    def __init__(self, steps: pd.DataFrame, sources: pd.DataFrame | None = None):
        self.steps = step_pictures.ordered_steps(steps)
        self.sources = sources
        ids = list(self.steps["step_id"])
        if not ids:
            raise ValueError("the cascade has no steps")
        names = [f"{int(n)}. {name}" for n, name in zip(self.steps["step"], self.steps["name"])]
        self.step = w.Dropdown(
            options=list(zip(names, ids)),
            value=ids[0],
            description="Step",
            layout=w.Layout(width="32em", max_width="95%"),
        )
        self.stepper = Stepper(self.step, "\u25c0 Previous", "Next \u25b6", what="step")
        super().__init__({"step": self.step})

    def render(self, state: State) -> View:
        sid = state["step"]
        return View(
            schematic.cascade_figure(self.steps, sid),
            text_alternative(schematic.describe_step(self.steps, sid), "The diagram in words:"),
            {"panel": step_panel(self.steps, sid, self.sources)},
        )

    def layout(self) -> list[w.Widget]:
        controls = w.HBox(
            [self.stepper.previous, self.stepper.next, self.step],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        return [controls, self.figure_box, self.text, self.html["panel"]]


class FunnelExplorer(Explorer):
    """The inefficiency funnel: choose the model and the axis; the bars, words and caveats follow."""

    def __init__(self, funnel: pd.DataFrame):
        self.table = funnel
        models = cascade_funnel.funnel_models(funnel)
        if not models:
            raise ValueError("the funnel table has no models")
        self.model = w.Dropdown(
            options=[(cascade_funnel.model_label(m), m) for m in models],
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
        super().__init__({"model": self.model, "scale": self.scale})

    def render(self, state: State) -> View:
        model = state["model"]
        view = cascade_funnel.funnel_view(self.table, model)
        words = text_alternative(cascade_funnel.describe_funnel(view), "The chart in words:")
        return View(
            cascade_funnel.funnel_chart(view, model, log=state["scale"] == "log"),
            words + funnel_caution(cascade_funnel.funnel_notes(view)),
        )

    def layout(self) -> list[w.Widget]:
        return [self.model, self.scale, self.figure_box, self.text]
