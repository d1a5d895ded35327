"""Inside the bone, 2: lytic, blastic and mixed lesions, a sketch of a long bone beside each type's Mirels points.

A pure builder (a table in, a figure spec out) that always returns the same three traces. Text from ``data/`` is
escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers import style
from helpers.style import FigureSpec
from helpers.text import esc, short_label

LesionKind = Literal["lytic", "blastic", "mixed"]


def _bone_outline(
    x0: float, x1: float, half: float = 0.55, radius: float = 0.8, offset: float = 0.62, n: int = 28
) -> list[tuple[float, float]]:
    """Outline of a cartoon long bone: a shaft from ``x0`` to ``x1`` with two round knobs at each end."""
    reach = math.sqrt(radius**2 - (half - offset) ** 2)  # where the shaft edge meets a knob
    meet = math.sqrt(radius**2 - offset**2)  # where the two knobs of one end meet
    e = math.degrees(math.atan2(offset - half, reach))  # angle of the shaft edge seen from a knob centre
    m = math.degrees(math.atan2(offset, meet))  # angle of the meeting point seen from a knob centre

    def arc(cx: float, cy: float, start: float, end: float) -> list[tuple[float, float]]:
        angles = [math.radians(start + (end - start) * i / (n - 1)) for i in range(n)]
        return [(cx + radius * math.cos(a), cy + radius * math.sin(a)) for a in angles]

    # clockwise all the way round: top edge, right knobs, bottom edge, left knobs
    points: list[tuple[float, float]] = [(x0 + reach, half), (x1 - reach, half)]
    points += arc(x1, offset, 180 + e, -m)
    points += arc(x1, -offset, m, -(180 + e))
    points += [(x1 - reach, -half), (x0 + reach, -half)]
    points += arc(x0, -offset, e, -(180 + m))
    points += arc(x0, offset, -(180 - m), -(360 + e))
    return points


_BONE = _bone_outline(1.0, 11.0)
BONE_PATH = "M " + " L ".join(f"{x:.3f},{y:.3f}" for x, y in _BONE) + " Z"

# Where the sketch draws holes (bone dissolved) and dense patches (new, weak bone): (x, y, radius, wobble phase).
_HOLES = [
    (3.3, 0.12, 0.3, 0.3),
    (4.35, -0.2, 0.2, 1.7),
    (5.05, 0.22, 0.16, 2.9),
    (10.85, 0.55, 0.34, 0.9),
    (10.75, -0.55, 0.2, 2.2),
]
_PATCHES = [(6.9, 0.0, 0.38, 0.5), (8.05, 0.18, 0.26, 1.3), (1.05, -0.62, 0.36, 2.4), (8.85, -0.22, 0.18, 0.1)]
#: Which holes and patches each kind of lesion shows (mixed: some of each).
LESION_MARKS: dict[str, tuple[list[int], list[int]]] = {
    "lytic": ([0, 1, 2, 3, 4], []),
    "blastic": ([], [0, 1, 2, 3]),
    "mixed": ([0, 1, 3], [0, 2]),
}


def _blob(cx: float, cy: float, r: float, phase: float, n: int = 40) -> tuple[list[float], list[float]]:
    """An irregular closed outline (a hole or a patch) around (cx, cy)."""
    xs, ys = [], []
    for i in range(n + 1):
        t = 2 * math.pi * i / n
        rr = r * (1 + 0.16 * math.sin(3 * t + phase) + 0.08 * math.cos(5 * t + 2 * phase))
        xs.append(cx + 1.25 * rr * math.cos(t))
        ys.append(cy + rr * math.sin(t))
    return xs, ys


def _blobs(
    spots: Sequence[tuple[float, float, float, float]], chosen: Sequence[int]
) -> tuple[list[float | None], list[float | None]]:
    shapes = [_blob(*spots[i]) for i in chosen]
    return style.polylines([list(x) for x, _ in shapes]), style.polylines([list(y) for _, y in shapes])


def lesion_names(lesions: pd.DataFrame) -> dict[str, str]:
    """lesion_type -> short name ('Osteolytic', 'Osteoblastic', 'Mixed')."""
    return {str(t): short_label(str(label)) for t, label in zip(lesions["lesion_type"], lesions["label"])}


def _marks_traces(lesion_type: str) -> list[dict[str, Any]]:
    """The holes (bone dissolved) and dense patches (new, weak bone) the lesion type shows on the sketch."""
    holes, patches = LESION_MARKS.get(lesion_type, ([], []))
    hx, hy = _blobs(_HOLES, holes)
    px, py = _blobs(_PATCHES, patches)
    hole = style.trace(
        "scatter",
        name="Hole: bone dissolved (dashed outline)",
        x=hx,
        y=hy,
        fill="toself",
        fillcolor="white",
        mode="lines",
        line={"color": style.INDIGO, "width": 2, "dash": "dot"},
        hoverinfo="name",
        visible=bool(holes),
    )
    patch = style.trace(
        "scatter",
        name="Dense patch: extra, weak new bone (cross-hatched)",
        x=px,
        y=py,
        fill="toself",
        mode="lines",
        fillpattern={"shape": "x", "fgcolor": style.INDIGO, "bgcolor": style.CYAN, "solidity": 0.45},
        line={"color": style.INDIGO, "width": 2},
        hoverinfo="name",
        visible=bool(patches),
    )
    return [hole, patch]


def _mirels_trace(lesions: pd.DataFrame, lesion_type: str) -> dict[str, Any]:
    """The Mirels points of every lesion type as bars, the type shown highlighted and hatched."""
    names = lesion_names(lesions)
    bars = lesions.sort_values(["mirels_score", "lesion_type"])
    shown = [str(t) == lesion_type for t in bars["lesion_type"]]
    return style.trace(
        "bar",
        name="Mirels points for lesion type",
        orientation="h",
        y=[esc(names[str(t)]) for t in bars["lesion_type"]],
        x=list(bars["mirels_score"]),
        text=[f"{int(s)} (shown)" if lit else f"{int(s)}" for s, lit in zip(bars["mirels_score"], shown)],
        textposition="outside",
        marker={
            "color": [style.INDIGO if lit else style.GREY for lit in shown],
            "pattern": {"shape": ["/" if lit else "" for lit in shown], "fgcolor": style.CYAN},
            "line": {"color": style.INDIGO, "width": [3 if lit else 0 for lit in shown]},
        },
        hovertemplate="%{y}: %{x} points<extra></extra>",
        cliponaxis=False,
        showlegend=False,
    )


#: The bone drawn under the holes and patches.
BONE_SHAPE = {
    "type": "path",
    "path": BONE_PATH,
    "xref": "x",
    "yref": "y",
    "fillcolor": style.SAND,
    "opacity": 0.9,
    "line": {"color": style.GREY, "width": 2},
    "layer": "below",
}


def _lay_out(fig: go.Figure, label: str) -> None:
    """The title, the bone, and the two panels' axes: the sketch's hidden, the points' labelled."""
    title = f"{esc(label)}<br><sup>What happens to the bone, and how many fracture-risk points the type scores</sup>"
    base = style.base_layout(title, "", "", height=400)
    fig.update_layout(
        {key: base[key] for key in ("title", "font", "height", "hoverlabel")},
        margin={"l": 10, "r": 30, "t": 100, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        shapes=[BONE_SHAPE],
    )
    fig.update_xaxes(range=[-0.3, 12.3], visible=False, fixedrange=True, row=1, col=1)
    fig.update_yaxes(range=[-2.2, 2.2], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1, row=1, col=1)
    fig.update_xaxes(
        title_text="Points (1 = lowest risk, 3 = highest)",
        range=[0, 4.6],
        tickvals=[0, 1, 2, 3],
        fixedrange=True,
        row=1,
        col=2,
    )
    fig.update_yaxes(title_text="Lesion type", fixedrange=True, row=1, col=2)


def lesion_figure(lesions: pd.DataFrame, lesion_type: str) -> FigureSpec:
    """A sketch of a long bone with the lesion type's holes and/or dense patches, beside its Mirels points.

    Always three traces: holes, dense patches, Mirels bars. Raises ``ValueError`` for an unknown type.
    """
    table = lesions.set_index("lesion_type")
    if lesion_type not in table.index:
        raise ValueError(f"unknown lesion type {lesion_type!r} (known: {', '.join(table.index)})")
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.66, 0.34],
        horizontal_spacing=0.1,
        subplot_titles=("A long bone (a sketch, not an X-ray)", "Mirels points for lesion type"),
    )
    for mark in _marks_traces(lesion_type):
        fig.add_trace(mark, row=1, col=1)
    fig.add_trace(_mirels_trace(lesions, lesion_type), row=1, col=2)
    _lay_out(fig, table.loc[lesion_type, "label"])
    return style.from_plotly(fig)
