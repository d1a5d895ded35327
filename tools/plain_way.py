"""The plain way most tutorials wire a chart to a control: for the benchmark's comparison only.

Imported first by the "plain" copies of the notebooks that `tools/bench_browser.py` makes, it swaps the
course's chart widget for an ``Output`` into which every change re-displays a newly built, validated
``go.Figure`` (``clear_output(wait=True)`` then ``display``), drawn by plotly's own JupyterLab renderer.
The explorers' memo is switched off (a tutorial builds the view again on every change); the data work
of each callback and the text panels stay as they are.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import display

import helpers.explorer as explorer_module
import helpers.widgets as widgets_package
import helpers.widgets.core as core
import helpers.widgets.figure as figure_module
from helpers.style import TEMPLATE, FigureSpec, template_json

pio.renderers.default = "plotly_mimetype"  # what JupyterLab and Voila render without a CDN


class PlainFigure(figure_module.ShowsFigure, w.Output):
    """An Output that shows a figure, re-displayed from scratch on every change."""

    def __init__(self, figure: FigureSpec | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._set(figure if figure is not None else figure_module.EMPTY)

    def _validated(self, figure: FigureSpec) -> go.Figure:
        self._shown = figure
        return go.Figure({"data": figure["data"], "layout": {**figure["layout"], "template": template_json(TEMPLATE)}})

    def _set(self, figure: FigureSpec) -> None:
        # while the notebook executes, the figure is set as the Output's content, not captured with
        # `with self:`: Voila 0.5 can hang on output captured during execution
        shown = self._validated(figure)  # validated, as go.Figure(...) in a tutorial is
        bundle = shown._repr_mimebundle_(include=None, exclude=None)
        self.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)

    def show(self, figure: FigureSpec) -> None:
        if _executing_a_cell():  # e.g. a view() that refreshes its controls once before it is shown
            self._set(figure)
            return
        shown = self._validated(figure)
        self.clear_output(wait=True)
        with self:
            display(shown)


def _executing_a_cell() -> bool:
    """Whether the kernel is running a cell (not a control's callback, which answers a comm message)."""
    from IPython import get_ipython

    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    if kernel is None:
        return False
    return kernel.get_parent().get("header", {}).get("msg_type") == "execute_request"


def plain_update(widget: PlainFigure, figure: FigureSpec) -> None:
    widget.show(figure)


figure_module.CourseFigure = PlainFigure  # type: ignore[misc]
figure_module.chart = PlainFigure  # type: ignore[assignment]
core.update_in_place = plain_update  # type: ignore[assignment]
widgets_package.update_in_place = plain_update  # type: ignore[assignment]
explorer_module.CourseFigure = PlainFigure  # type: ignore[misc]
explorer_module.update_in_place = plain_update  # type: ignore[assignment]
explorer_module.MEMO_SIZE = 0  # a tutorial builds the view again on every change
