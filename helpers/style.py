"""Colours and layout shared by every chart: colour-blind-safe, large enough for a projector."""

from __future__ import annotations

import json
import os
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

# Every course figure uses the plain "simple_white" look. Set once as the default rather than in
# each figure: materialising a template inside every rebuilt figure costs ~20 ms a redraw.
TEMPLATE = "simple_white"
pio.templates.default = TEMPLATE


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


#: Validate every figure a builder makes (the tests set this: an invalid property then fails loudly).
STRICT = os.environ.get("COURSE_STRICT_FIGURES") == "1"


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """One trace as a plain dict, e.g. ``trace("bar", x=[...], y=[...], marker={"color": style.INDIGO})``."""
    return {"type": kind, **props}


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from plain trace and layout dicts (see :func:`trace`), built without plotly's validation.

    Validating every property cost 10-30 ms a redraw, several times the rest of a callback; builders
    therefore skip it at run time. The tests (COURSE_STRICT_FIGURES=1) validate every figure, and check
    that plotly reads it exactly as it is sent (no value that validation would coerce, e.g. a number
    given as a trace name).
    """
    # the template given as plain JSON: plotly would otherwise deep-copy its template object into every figure
    spec = {"data": data, "layout": {"template": template_json(TEMPLATE), **layout}}
    fast = go.Figure(spec, _validate=False)
    if STRICT:
        _check(fast, go.Figure(spec))  # go.Figure(spec) raises on an invalid property
    return fast


@lru_cache(maxsize=4)
def template_json(name: str) -> dict[str, Any]:
    """A plotly template as JSON (chart widgets send it once per chart, not with every change)."""
    return json.loads(json.dumps(pio.templates[name].to_plotly_json(), cls=PlotlyJSONEncoder))  # type: ignore[no-any-return]


def figure_json(fig: go.Figure) -> dict[str, Any]:
    """A figure's data and layout as plain JSON (numpy and pandas values converted), without its template.

    Reads plotly's raw property dicts rather than ``to_json()``: that would first copy and serialise
    the full template every figure carries (a chart widget sends its template once, on its own).
    """
    layout = {key: value for key, value in fig._layout.items() if key != "template"}
    return json.loads(json.dumps({"data": fig._data, "layout": layout}, cls=PlotlyJSONEncoder))  # type: ignore[no-any-return]


def _plain(fig: go.Figure) -> Any:
    return _prune(figure_json(fig))


def _prune(value: Any) -> Any:
    """Without empty and unset properties (``marker={}``, ``shapes=[]``, ``fillcolor=None``: plotly drops
    some of them, and plotly.js reads them all as unset); ``None`` inside a data array (a gap) stays."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ({}, [], None)}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _check(fast: go.Figure, validated: go.Figure) -> None:
    sent, read = _plain(fast), _plain(validated)
    if sent != read:
        traces = zip(sent.get("data", []), read.get("data", []))
        where = [f"trace {i}" for i, (a, b) in enumerate(traces) if a != b]
        layouts = sent.get("layout", {}), read.get("layout", {})
        where += [f"layout.{k}" for k in set(layouts[0]) | set(layouts[1]) if layouts[0].get(k) != layouts[1].get(k)]
        raise ValueError(
            f"plotly reads this figure differently from the JSON sent to the page (at {', '.join(where) or 'the trace list'}): give each property the type plotly expects"
        )
