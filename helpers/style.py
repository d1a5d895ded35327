"""Colours and layout shared by every chart: colour-blind-safe, large enough for a projector."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import qualitative
from plotly.utils import PlotlyJSONEncoder

# Paul Tol's "muted"-style safe palette as shipped by plotly (designed for colour-vision deficiency).
SAFE = qualitative.Safe
INDIGO = SAFE[4]  # main data
ROSE = SAFE[1]  # the seed article's figures
GREEN = SAFE[3]
CYAN = SAFE[0]
SAND = SAFE[2]
PURPLE = SAFE[5]
TEAL = SAFE[6]
GREY = SAFE[10]

FONT_SIZE = 15

# Every course figure uses the plain "simple_white" look. The chart widget sends it to the page once per chart
# (materialising a template inside every rebuilt figure cost ~20 ms a redraw); plotly's global default is left alone,
# so a learner's own plots look as plotly draws them.
TEMPLATE = "simple_white"


def base_layout(title: str, x_title: str, y_title: str, *, height: int = 420) -> dict[str, Any]:
    """Layout every chart starts from: a title, labelled axes, large type, a legend below."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "xaxis": {"title": {"text": x_title}, "automargin": True},
        "yaxis": {"title": {"text": y_title}, "automargin": True},
        "font": {"size": FONT_SIZE, "family": "Arial, Helvetica, sans-serif"},
        "height": height,
        "margin": {"l": 10, "r": 20, "t": 60, "b": 10},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        "hoverlabel": {"font": {"size": FONT_SIZE}},
    }


def diagram_layout(
    title: str, x_range: Sequence[float], y_range: Sequence[float], *, height: int, legend_y: float
) -> dict[str, Any]:
    """Layout of a diagram: axes hidden at fixed ranges with equal units (a diagram has no scale), a tight margin."""
    layout = base_layout(title, "", "", height=height)
    layout["xaxis"].update(range=list(x_range), visible=False, fixedrange=True)
    layout["yaxis"].update(range=list(y_range), visible=False, fixedrange=True, scaleanchor="x", scaleratio=1)
    layout["legend"].update(y=legend_y)
    layout["margin"] = {"l": 10, "r": 10, "t": 80, "b": 10}
    return layout


def category_axis(axis: dict[str, Any], order: Sequence[str], **props: Any) -> None:
    """Make ``axis`` (a layout's axis dict) a category axis drawn in ``order``."""
    axis.update(type="category", categoryorder="array", categoryarray=list(order), **props)


def note(x: Any, y: Any, text: str, **props: Any) -> dict[str, Any]:
    """An annotation without an arrow: ``text`` placed at (x, y)."""
    return {"x": x, "y": y, "text": text, "showarrow": False, **props}


def leader(
    x: float, y: float, text: str, *, at: tuple[float, float], colour: str, standoff: float, **props: Any
) -> dict[str, Any]:
    """An annotation placed at ``at`` (data units) with a plain leader line to the point (x, y)."""
    line = {"showarrow": True, "arrowhead": 0, "arrowwidth": 1.5, "arrowcolor": colour, "standoff": standoff}
    return {"x": x, "y": y, "ax": at[0], "ay": at[1], "axref": "x", "ayref": "y", "text": text, **line, **props}


def shape(kind: str, x0: Any, y0: Any, x1: Any, y1: Any, **props: Any) -> dict[str, Any]:
    """A layout shape (``"rect"``, ``"circle"``, ``"line"``) from (x0, y0) to (x1, y1)."""
    return {"type": kind, "x0": x0, "y0": y0, "x1": x1, "y1": y1, **props}


def vline(x: Any, line: dict[str, Any], **props: Any) -> dict[str, Any]:
    """A vertical line at ``x`` across the whole plot height."""
    return shape("line", x, 0, x, 1, yref="paper", line=line, **props)


def polylines(parts: Iterable[Sequence[float | None]], gap: float | None = None) -> list[float | None]:
    """Concatenate polylines with ``gap`` (``None``: a break in the line) between them, so one trace draws several."""
    out: list[float | None] = []
    for part in parts:
        if out:
            out.append(gap)
        out.extend(part)
    return out


#: Validate every figure a builder makes (the tests set this: an invalid property then fails loudly).
STRICT = os.environ.get("COURSE_STRICT_FIGURES") == "1"


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """One trace as a plain dict, e.g. ``trace("bar", x=[...], y=[...], marker={"color": style.INDIGO})``."""
    return {"type": kind, **props}


class FigureSpec(dict[str, Any]):
    """A figure as plotly.js draws it: ``{"data": [...], "layout": {...}}`` in plain JSON values, sent to the page as
    it is. ``.figure`` is the same figure read and validated by plotly (``go.Figure(spec)``), for tests and for code
    that wants plotly's objects; ``.data`` and ``.layout`` read it."""

    @property
    def figure(self) -> go.Figure:
        if "_figure" not in self.__dict__:
            self.__dict__["_figure"] = go.Figure(
                {"data": self["data"], "layout": {**self["layout"], "template": template_json(TEMPLATE)}}
            )
        return self.__dict__["_figure"]

    @property
    def data(self) -> tuple[Any, ...]:
        return tuple(self.figure.data)

    @property
    def layout(self) -> Any:
        return self.figure.layout

    def to_json(self) -> str:
        """The spec as JSON text, exactly as the page receives it."""
        return json.dumps(self, sort_keys=True)


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> FigureSpec:
    """A figure from plain trace and layout dicts (see :func:`trace`), as a :class:`FigureSpec`.

    Nothing is validated at run time: plotly's validation of every property cost 10-30 ms a redraw, several times
    the rest of a callback. The tests (COURSE_STRICT_FIGURES=1) validate every figure with ``go.Figure(spec)`` and
    check that plotly reads it exactly as it is sent (no value that validation would coerce, e.g. a number given as
    a trace name).
    """
    spec = FigureSpec(json.loads(json.dumps({"data": data, "layout": layout}, cls=PlotlyJSONEncoder)))
    if STRICT:
        _check(spec)
    return spec


def from_plotly(fig: go.Figure) -> FigureSpec:
    """A :class:`FigureSpec` of a figure plotly built (e.g. with ``make_subplots``), without its template."""
    plain = json.loads(json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder))
    plain["layout"].pop("template", None)
    return FigureSpec({"data": plain["data"], "layout": plain["layout"]})


@lru_cache(maxsize=4)
def template_json(name: str) -> dict[str, Any]:
    """A plotly template as JSON (chart widgets send it once per chart, not with every change)."""
    return json.loads(json.dumps(pio.templates[name].to_plotly_json(), cls=PlotlyJSONEncoder))  # type: ignore[no-any-return]


def _plain(spec: dict[str, Any]) -> Any:
    layout = {key: value for key, value in spec["layout"].items() if key != "template"}
    return _prune({"data": spec["data"], "layout": layout})


def _prune(value: Any) -> Any:
    """Without empty and unset properties (``marker={}``, ``shapes=[]``, ``fillcolor=None``: plotly drops
    some of them, and plotly.js reads them all as unset); ``None`` inside a data array (a gap) stays."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ({}, [], None)}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _check(spec: FigureSpec) -> None:
    """Raise when plotly cannot read ``spec`` (an invalid property) or reads it differently from what is sent."""
    validated = json.loads(json.dumps(spec.figure.to_plotly_json(), cls=PlotlyJSONEncoder))
    sent, read = _plain(spec), _plain(validated)
    if sent != read:
        traces = zip(sent.get("data", []), read.get("data", []))
        where = [f"trace {i}" for i, (a, b) in enumerate(traces) if a != b]
        layouts = sent.get("layout", {}), read.get("layout", {})
        where += [f"layout.{k}" for k in set(layouts[0]) | set(layouts[1]) if layouts[0].get(k) != layouts[1].get(k)]
        raise ValueError(
            f"plotly reads this figure differently from the JSON sent to the page (at {', '.join(where) or 'the trace list'}): give each property the type plotly expects"
        )
