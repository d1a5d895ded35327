"""Colours and layout shared by every chart: colour-blind-safe, large enough for a projector."""

from __future__ import annotations

import os
from typing import Any

import plotly.graph_objects as go

import plotly.io as pio
from plotly.colors import qualitative

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


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from plain trace and layout dicts.

    Plotly's property validation costs about 20 times the drawing work, on every redraw; builders
    therefore skip it at run time, and the tests (COURSE_STRICT_FIGURES=1) validate every figure.
    """
    spec = {"data": data, "layout": layout}
    return go.Figure(spec) if STRICT else go.Figure(spec, _validate=False)
