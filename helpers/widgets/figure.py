"""The course's chart widget: plotly.js drawn by a small anywidget of our own.

Why not plotly's ``go.FigureWidget``: it is an anywidget whose JavaScript module bundles all of
plotly.js (4.8 MB), sent and compiled once per chart. anywidget (0.11) gives each widget's module
2 s to load; a widget that misses it (a page with two or three charts, on a busy 2-core machine,
in Voila especially) never handles a message from the kernel again, so its chart silently stops
answering the controls. ``CourseFigure`` keeps its module tiny: plotly.js travels once per kernel,
as a plain text trait of one :class:`PlotlyLibrary` widget, and the first chart drawn on a page
evaluates it (later charts reuse it). Each chart is drawn with ``Plotly.react`` from one synced
trait (the figure's JSON).

Python code reads it like a figure (``.data``, ``.layout``, ``.to_json()``); the page is updated with
:meth:`CourseFigure.show`, which :func:`helpers.widgets.core.update_in_place` calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import ipywidgets
import plotly
import plotly.graph_objects as go
import traitlets

from helpers.static import figure_html, site_mode, with_picture
from helpers.style import TEMPLATE, FigureSpec, template_json

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

_VIEW = """
const CONFIG = { displaylogo: false, responsive: true };

// plotly.js, evaluated once per page from the PlotlyLibrary widget's text.
function loadPlotly(model) {
  if (globalThis.Plotly) return Promise.resolve(globalThis.Plotly);
  if (!globalThis.__courseLoadingPlotly) {
    globalThis.__courseLoadingPlotly = (async () => {
      const ref = String(model.get("library") || "");
      const library = await model.widget_manager.get_model(ref.replace(/^IPY_MODEL_/, ""));
      // plotly.js is a UMD bundle: with no module system in sight it sets window.Plotly
      new Function("module", "exports", "define", library.get("source"))(undefined, undefined, undefined);
      return globalThis.Plotly;
    })();
    globalThis.__courseLoadingPlotly.catch(() => { globalThis.__courseLoadingPlotly = undefined; });
  }
  return globalThis.__courseLoadingPlotly;
}

async function render({ model, el }) {
  const div = document.createElement("div");
  div.className = "course-figure";
  div.style.width = "100%";
  el.appendChild(div);
  let Plotly = null;
  const draw = () => {
    if (!Plotly) return;
    const spec = model.get("spec") || {};
    const layout = Object.assign({}, spec.layout || {}, { template: model.get("template") });
    return Plotly.react(div, spec.data || [], layout, CONFIG);
  };
  model.on("change:spec", draw);
  try {
    Plotly = await loadPlotly(model);
    draw();
  } catch (error) {
    div.textContent = "The chart could not be drawn (" + error + "). The table below it shows the same figures.";
  }
  return () => {
    model.off("change:spec", draw);
    if (Plotly) Plotly.purge(div);
  };
}

export default { render };
"""


class PlotlyLibrary(ipywidgets.Widget):
    """plotly.js as text, synced to the page once per kernel for every CourseFigure to share.

    A plain widget model (no view, no JavaScript module of its own): the page holds its state, and the
    first chart that needs plotly.js evaluates it.
    """

    source = traitlets.Unicode().tag(sync=True)


_LIBRARY: PlotlyLibrary | None = None


def plotly_library() -> PlotlyLibrary:
    """The kernel's one PlotlyLibrary (made again if it was closed, e.g. by ``Widget.close_all()``)."""
    global _LIBRARY
    if _LIBRARY is None or _LIBRARY.comm is None:
        _LIBRARY = PlotlyLibrary(source=PLOTLY_JS.read_text(encoding="utf-8"))
    return _LIBRARY


class ShowsFigure:
    """Read a chart widget like the figure it shows (``.spec``'s :class:`~helpers.style.FigureSpec`, ``.figure``,
    ``.data``, ``.layout``)."""

    _shown: FigureSpec

    @property
    def shown(self) -> FigureSpec:
        """The figure spec on show."""
        return self._shown

    @property
    def figure(self) -> go.Figure:
        """The figure on show, read and validated by plotly."""
        return self._shown.figure

    @property
    def data(self) -> tuple[Any, ...]:
        return self._shown.data

    @property
    def layout(self) -> Any:
        return self._shown.layout

    def to_dict(self) -> dict[str, Any]:
        return dict(self._shown)

    def to_json(self) -> str:
        return self._shown.to_json()


EMPTY = FigureSpec({"data": [], "layout": {}})


class CourseFigure(ShowsFigure, anywidget.AnyWidget):
    """A chart on the page: a figure spec, redrawn in place whenever :meth:`show` is called."""

    _esm = _VIEW
    spec = traitlets.Dict().tag(sync=True)
    template = traitlets.Dict().tag(sync=True)
    library = traitlets.Instance(PlotlyLibrary).tag(sync=True, **ipywidgets.widget_serialization)

    def __init__(self, figure: FigureSpec | None = None, **kwargs: Any) -> None:
        super().__init__(library=plotly_library(), **kwargs)
        self.template = template_json(TEMPLATE)
        self.show(figure if figure is not None else EMPTY)

    def show(self, figure: FigureSpec) -> None:
        """Draw ``figure`` in place of the current one (one message to the page, the spec sent as it is)."""
        if not isinstance(figure, FigureSpec):
            raise TypeError(f"CourseFigure shows a FigureSpec (helpers.style.figure), not {type(figure).__name__}")
        self._shown = figure
        self.spec = dict(figure)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        if site_mode():  # the course website: drawn from its spec, with no kernel
            return {"text/html": figure_html(self._shown), "text/plain": "A chart"}
        return with_picture(super()._repr_mimebundle_(**kwargs), self._shown)


def chart(figure: FigureSpec) -> CourseFigure:
    """Show a figure that no control changes: as a CourseFigure, so it draws in JupyterLab and Voila alike."""
    return CourseFigure(figure)
