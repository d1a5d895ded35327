"""The course's chart widget: plotly.js drawn by a small anywidget of our own.

Why not plotly's ``go.FigureWidget``: in the app view (Voila 0.5 with plotly 7 and anywidget 0.11),
the second FigureWidget on a page regularly stopped answering updates (its model's messages never
reached its view; 5 of 6 loads of a two-chart page in one test here, also with plain plotly code).
``CourseFigure`` keeps the part that works everywhere: plotly.js, drawn with ``Plotly.react`` from one
synced trait (the figure's JSON). It also evaluates plotly.js once per page, not once per chart.

Python code reads it like a figure (``.data``, ``.layout``, ``.to_json()``); the page is updated with
:meth:`CourseFigure.show`, which :func:`helpers.widgets.core.update_in_place` calls.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import anywidget
import plotly
import plotly.graph_objects as go
import plotly.io as pio
import traitlets
from plotly.utils import PlotlyJSONEncoder

_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

_VIEW = """
const Plotly = globalThis.Plotly;
const CONFIG = { displaylogo: false, responsive: true };

function render({ model, el }) {
  const div = document.createElement("div");
  div.className = "course-figure";
  div.style.width = "100%";
  el.appendChild(div);
  const draw = () => {
    const spec = model.get("spec") || {};
    const layout = Object.assign({}, spec.layout || {}, { template: model.get("template") });
    return Plotly.react(div, spec.data || [], layout, CONFIG);
  };
  draw();
  model.on("change:spec", draw);
  return () => {
    model.off("change:spec", draw);
    Plotly.purge(div);
  };
}

export default { render };
"""


@lru_cache(maxsize=1)
def view_esm() -> str:
    """plotly.js (wrapped so that a page evaluates it once) and the view that draws a figure."""
    plotly_js = _PLOTLY_JS.read_text(encoding="utf-8")
    return f"function loadPlotly() {{\n{plotly_js}\n}}\nif (!globalThis.Plotly) {{ loadPlotly(); }}\n{_VIEW}"


@lru_cache(maxsize=4)
def template_json(name: str) -> dict[str, Any]:
    """The plotly template the course uses, as JSON (sent once per chart, not with every change)."""
    return json.loads(json.dumps(pio.templates[name].to_plotly_json(), cls=PlotlyJSONEncoder))


def figure_json(figure: go.Figure) -> dict[str, Any]:
    """A figure's data and layout as plain JSON (numpy and pandas values converted), without a template."""
    spec = json.loads(pio.to_json(figure, validate=False))
    spec.get("layout", {}).pop("template", None)
    return {"data": spec.get("data", []), "layout": spec.get("layout", {})}


class CourseFigure(anywidget.AnyWidget):
    """A chart on the page: a plotly figure, redrawn in place whenever :meth:`show` is called."""

    _esm = view_esm()
    spec = traitlets.Dict().tag(sync=True)
    template = traitlets.Dict().tag(sync=True)

    def __init__(self, figure: go.Figure | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.template = template_json(pio.templates.default)
        self._figure = go.Figure()
        self.show(figure if figure is not None else go.Figure())

    def show(self, figure: go.Figure) -> None:
        """Draw ``figure`` in place of the current one (one message to the page)."""
        self._figure = figure
        self.spec = figure_json(figure)

    # Read it like the figure it shows.
    @property
    def figure(self) -> go.Figure:
        return self._figure

    @property
    def data(self) -> tuple[Any, ...]:
        return self._figure.data

    @property
    def layout(self) -> Any:
        return self._figure.layout

    def to_dict(self) -> dict[str, Any]:
        return self._figure.to_dict()

    def to_json(self, *args: Any, **kwargs: Any) -> str:
        return self._figure.to_json(*args, **kwargs)

    def to_plotly_json(self) -> dict[str, Any]:
        return self._figure.to_plotly_json()


def chart(figure: go.Figure) -> CourseFigure:
    """Show a figure that no control changes: as a CourseFigure, so it draws in JupyterLab and Voila alike."""
    return CourseFigure(figure)
