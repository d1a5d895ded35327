"""The plain way most tutorials wire a chart to a control: for the benchmark's comparison only.

Imported first by the "plain" copies of the notebooks that `tools/bench_browser.py` makes, it swaps the
course's chart widget for an ``Output`` into which every change re-displays a newly built, validated
``go.Figure`` (``clear_output(wait=True)`` then ``display``), drawn by plotly's own JupyterLab renderer.
Everything else (the data work of each callback, the text panels) stays as it is, so the difference
between the two runs is the chart update alone.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import display

import helpers.widgets as widgets_package
import helpers.widgets.core as core
import helpers.widgets.figure as figure_module

pio.renderers.default = "plotly_mimetype"  # what JupyterLab and Voila render without a CDN


class PlainFigure(figure_module.ShowsFigure, w.Output):
    """An Output that shows a figure, re-displayed from scratch on every change."""

    def __init__(self, figure: go.Figure | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._figure = go.Figure((figure if figure is not None else go.Figure()).to_dict())
        # the first figure is set as the Output's content, not captured with `with self:` while the
        # notebook executes: Voila 0.5 can hang on output captured during execution
        bundle = self._figure._repr_mimebundle_(include=None, exclude=None)
        self.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)

    def show(self, figure: go.Figure) -> None:
        self._figure = go.Figure(figure.to_dict())  # validated, as go.Figure(...) in a tutorial is
        self.clear_output(wait=True)
        with self:
            display(self._figure)


def plain_update(widget: PlainFigure, figure: go.Figure) -> None:
    widget.show(figure)


figure_module.CourseFigure = PlainFigure  # type: ignore[misc]
figure_module.chart = PlainFigure  # type: ignore[assignment]
core.update_in_place = plain_update  # type: ignore[assignment]
widgets_package.update_in_place = plain_update  # type: ignore[assignment]
