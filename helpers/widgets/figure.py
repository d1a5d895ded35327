"""The course's FigureWidget: plotly's, with its browser code evaluated once per page instead of once per chart.

Plotly's FigureWidget ships its browser code (about 5 MB: plotly.js and the widget view) to anywidget,
which imports it afresh for every chart, and gives each chart's model only 2 seconds to become ready.
With two or three charts on a page, on a busy 2-core machine, a later chart regularly missed that
deadline in Voila and stopped answering its controls. ``CourseFigure`` wraps the same code so that the
first chart on a page evaluates it and keeps the result on ``globalThis``; every later chart reuses it
and only pre-parses the (uncalled) wrapper.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import plotly
import plotly.graph_objects as go

_BUNDLE = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
_EXPORT = re.compile(r"export\s*\{([^{}]*\bas default\b[^{}]*)\};?\s*(/\*![^*]*\*+(?:[^/*][^*]*\*+)*/\s*)?$", re.S)


@lru_cache(maxsize=1)
def shared_esm() -> str:
    """Plotly's widget module, wrapped so that a page evaluates it once."""
    code = _BUNDLE.read_text(encoding="utf-8")
    match = _EXPORT.search(code)
    if match is None:  # an unknown bundle layout: fall back to plotly's own loading
        return code
    names = [part.strip().split(" as ") for part in match.group(1).split(",")]
    exported = ", ".join(f"{alias}: {local}" for local, alias in names)
    key = "__course_plotly_widget_" + hashlib.sha1(code.encode()).hexdigest()[:12]
    body = code[: match.start()]
    return (
        f"function load() {{\n{body}\nreturn {{ {exported} }};\n}}\n"
        f"const g = globalThis;\nif (!g.{key}) {{ g.{key} = load(); }}\n"
        f"export default g.{key}.default;\n"
        + (match.group(2) or "")  # the bundle's licence notices
    )


class CourseFigure(go.FigureWidget):
    """A plotly FigureWidget whose browser code is evaluated once per page (see the module's docstring)."""

    _esm = shared_esm()


def chart(figure: go.Figure) -> CourseFigure:
    """Show a figure that no control changes: as a CourseFigure, so it draws in JupyterLab and Voila alike."""
    return CourseFigure(figure)
