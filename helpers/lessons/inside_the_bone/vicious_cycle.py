"""Inside the bone, 1: the vicious cycle as a diagram, the actors on a circle and the signals as arrows.

A pure builder (a table in, a figure spec out) that always returns the same three traces, so a chart widget
(``CourseFigure``) can be updated in place. Text that comes from ``data/`` is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from helpers import style
from helpers.style import FigureSpec
from helpers.text import cite, esc, wrap_html

ActorKey = Literal["tumour", "osteoblast", "osteoclast", "matrix", "drug", "all", "other"]

#: The four actors of the cycle, in the order the signals pass between them (clockwise).
CYCLE: tuple[ActorKey, ...] = ("tumour", "osteoblast", "osteoclast", "matrix")

#: Where each actor sits on the diagram (the four actors on a circle of radius 1; the drug outside).
POSITIONS: dict[str, tuple[float, float]] = {
    "tumour": (0.0, 1.0),
    "osteoblast": (1.0, 0.0),
    "osteoclast": (0.0, -1.0),
    "matrix": (-1.0, 0.0),
    "drug": (1.45, -1.3),
}
_ANGLES = {"tumour": 90.0, "osteoblast": 0.0, "osteoclast": -90.0, "matrix": -180.0}

NODE_LABELS: dict[str, str] = {
    "tumour": "Tumour cell",
    "osteoblast": "Osteoblast<br>(builds bone)",
    "osteoclast": "Osteoclast<br>(dissolves bone)",
    "matrix": "Bone matrix<br>(stores growth factors)",
    "drug": "Bone-targeted drug",
}
_NODE_TEXT_POSITION = {
    "tumour": "top center",
    "osteoblast": "middle right",
    "osteoclast": "bottom center",
    "matrix": "middle left",
    "drug": "middle right",
}
NODE_COLOURS: dict[str, str] = {
    "tumour": style.ROSE,
    "osteoblast": style.GREEN,
    "osteoclast": style.PURPLE,
    "matrix": style.SAND,
    "drug": style.TEAL,
}

Arrow = tuple[str, str]

#: Short labels of the diagram's arrows; the full signal and effect of each step come from the
#: table (tests check that each label's key word is in the matching row).
ARROW_LABELS: dict[Arrow, str] = {
    ("tumour", "osteoblast"): "PTHrP",
    ("osteoblast", "osteoclast"): "RANKL",
    ("osteoclast", "matrix"): "resorbs bone",
    ("matrix", "tumour"): "TGF-beta, IGFs, calcium",
    ("drug", "osteoclast"): "blocks",
}
#: In blastic lesions the tumour cell sends other signals to the osteoblast.
BLASTIC_LABEL = "endothelin-1, BMPs, Wnt"
_LABEL_ANCHORS: dict[Arrow, tuple[float, float, str]] = {
    ("tumour", "osteoblast"): (0.93, 0.93, "left"),
    ("osteoblast", "osteoclast"): (0.93, -0.93, "left"),
    ("osteoclast", "matrix"): (-0.93, -0.93, "right"),
    ("matrix", "tumour"): (-0.93, 0.93, "right"),
    ("drug", "osteoclast"): (0.72, -1.32, "center"),
}


def _next(key: str) -> str:
    return CYCLE[(CYCLE.index(key) + 1) % len(CYCLE)]


def _previous(key: str) -> str:
    return CYCLE[(CYCLE.index(key) - 1) % len(CYCLE)]


@dataclass(frozen=True)
class StepFocus:
    """What one step of the cycle highlights on the diagram."""

    step: int
    kind: Literal["signal", "loop", "all", "drug", "blastic", "other"]
    nodes: frozenset[str]
    arrows: tuple[Arrow, ...]  # in the order they are read: an arrow into the actor before one out of it
    labels: dict[Arrow, str] = field(default_factory=dict)  # arrow labels that differ at this step

    def describe(self) -> str:
        """Where to look on the diagram, in words."""
        if self.kind == "all":
            return "All four actors and all four arrows are highlighted: the loop keeps turning."
        if not self.arrows:
            return "No arrow of the diagram matches this step."
        names = [f"from the {_plain_name(a)} to the {_plain_name(b)}" for a, b in self.arrows]
        noun = "arrow" if len(names) == 1 else "arrows"
        return f"Highlighted: the {noun} " + " and ".join(names) + "."


def _plain_name(key: str) -> str:
    return NODE_LABELS[key].split("<br>")[0].lower()


def cycle_focus(cycle: pd.DataFrame) -> dict[int, StepFocus]:
    """For each step (in step order), the actors and arrows the diagram highlights.

    A step names the actor that acts; its arrow is the one leaving that actor. When the cycle
    comes back to an actor it has already visited, the arrow that brought it back is highlighted
    too (the loop closes). Blastic lesions, the whole cycle and the drug are drawn specially.
    """
    focus: dict[int, StepFocus] = {}
    seen: set[str] = set()
    for row in cycle.sort_values("step").itertuples(index=False):
        step = int(row.step)
        key = str(row.actor_key)
        if key == "all":
            arrows = tuple((a, _next(a)) for a in CYCLE)
            focus[step] = StepFocus(step, "all", frozenset(CYCLE), arrows)
        elif key == "drug":
            focus[step] = StepFocus(step, "drug", frozenset({"drug", "osteoclast"}), (("drug", "osteoclast"),))
        elif key in CYCLE and row.variant == "blastic":
            arrow = (key, _next(key))
            focus[step] = StepFocus(step, "blastic", frozenset(arrow), (arrow,), {arrow: BLASTIC_LABEL})
        elif key in CYCLE:
            outgoing = (key, _next(key))
            if key in seen:
                incoming = (_previous(key), key)
                focus[step] = StepFocus(step, "loop", frozenset({key}), (incoming, outgoing))
            else:
                focus[step] = StepFocus(step, "signal", frozenset({key}), (outgoing,))
            seen.add(key)
        else:
            focus[step] = StepFocus(step, "other", frozenset(), ())
    return focus


def _arc(start_deg: float, end_deg: float, trim_deg: float = 17.0, n: int = 24) -> tuple[list[float], list[float]]:
    """Points of a clockwise arc on the unit circle, trimmed at both ends to clear the nodes."""
    a0, a1 = start_deg - trim_deg, end_deg + trim_deg
    angles = [math.radians(a0 + (a1 - a0) * i / (n - 1)) for i in range(n)]
    return [math.cos(a) for a in angles], [math.sin(a) for a in angles]


def _segment(
    start: tuple[float, float], end: tuple[float, float], trim: float = 0.24
) -> tuple[list[float], list[float]]:
    """A straight arrow from ``start`` to ``end``, stopping ``trim`` short of the target node."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    s = trim / length
    return [start[0] + dx * s, end[0] - dx * s], [start[1] + dy * s, end[1] - dy * s]


def _arrow_path(arrow: Arrow) -> tuple[list[float], list[float]]:
    a, b = arrow
    if a in _ANGLES and b in _ANGLES:
        end = _ANGLES[b] if _ANGLES[b] < _ANGLES[a] else _ANGLES[b] - 360.0
        return _arc(_ANGLES[a], end)
    return _segment(POSITIONS[a], POSITIONS[b])


def _arrows_trace(arrows: Sequence[Arrow], *, name: str, colour: str, width: float, head: int) -> dict[str, Any]:
    """Arrows as one line trace: each path ends in an arrowhead that points along the path."""
    xs: list[Sequence[float | None]] = []
    ys: list[Sequence[float | None]] = []
    sizes: list[Sequence[float | None]] = []
    for arrow in arrows:
        x, y = _arrow_path(arrow)
        xs.append(list(x))
        ys.append(list(y))
        sizes.append([0.0] * (len(x) - 1) + [float(head)])
    return style.trace(
        "scatter",
        name=name,
        x=style.polylines(xs),
        y=style.polylines(ys),
        mode="lines+markers",
        line={"color": colour, "width": width},
        marker={"symbol": "arrow", "angleref": "previous", "size": style.polylines(sizes, gap=0.0), "color": colour},
        hoverinfo="skip",
    )


def _actors_trace(focus: StepFocus, signal: str) -> dict[str, Any]:
    """The actors as markers with their names; this step's actors large, bold and outlined."""
    nodes = list(POSITIONS)
    on = [n in focus.nodes for n in nodes]
    text = [f"<b>{NODE_LABELS[n]}</b>" if lit else NODE_LABELS[n] for n, lit in zip(nodes, on)]
    hover = [
        NODE_LABELS[n].replace("<br>", " ") + (f"<br><b>This step:</b> {wrap_html(signal)}" if lit else "")
        for n, lit in zip(nodes, on)
    ]
    return style.trace(
        "scatter",
        name="Cells and tissue",
        x=[POSITIONS[n][0] for n in nodes],
        y=[POSITIONS[n][1] for n in nodes],
        mode="markers+text",
        text=text,
        textposition=[_NODE_TEXT_POSITION[n] for n in nodes],
        hovertext=hover,
        hoverinfo="text",
        marker={
            "size": [50 if lit else 34 for lit in on],
            "color": [NODE_COLOURS[n] for n in nodes],
            "opacity": [1.0 if lit else 0.45 for lit in on],
            "line": {"color": style.INDIGO, "width": [5 if lit else 1 for lit in on]},
            "symbol": ["circle" if n != "drug" else "square" for n in nodes],
        },
        showlegend=False,
    )


def _arrow_notes(focus: StepFocus) -> list[dict[str, Any]]:
    """The arrows' labels; this step's in bold, larger and darker."""
    notes = []
    for arrow, (x, y, align) in _LABEL_ANCHORS.items():
        lit = arrow in focus.arrows
        label = esc(focus.labels.get(arrow, ARROW_LABELS[arrow]))
        font = {"color": style.INDIGO if lit else style.GREY, "size": 16 if lit else 14}
        notes.append(style.note(x, y, f"<b>{label}</b>" if lit else label, xanchor=align, font=font))
    return notes


def cycle_figure(cycle: pd.DataFrame, step: int) -> FigureSpec:
    """The vicious cycle as a diagram with the actors on a circle; ``step``'s actors and arrows stand out.

    Always three traces: the other arrows (thin), this step's arrows (thick), the actors.
    Raises ``ValueError`` for a step that is not in the table.
    """
    focus_by_step = cycle_focus(cycle)
    if step not in focus_by_step:
        raise ValueError(f"step {step!r} is not in the table (steps: {sorted(focus_by_step)})")
    focus = focus_by_step[step]
    row = cycle.set_index("step").loc[step]
    total = len(focus_by_step)
    centre = f"<b>Step {step} of {total}</b><br>{wrap_html(row['actor'], 22)}"
    title = f"The vicious cycle in bone<br><sup>Step {step} of {total}: {esc(row['actor'])}</sup>"
    layout = style.diagram_layout(title, (-2.35, 2.75), (-1.85, 1.6), height=520, legend_y=-0.02)
    layout["annotations"] = [*_arrow_notes(focus), style.note(0, 0, centre, font={"size": 15})]
    quiet = [a for a in ARROW_LABELS if a not in focus.arrows]
    loud = [a for a in ARROW_LABELS if a in focus.arrows]
    return style.figure(
        [
            _arrows_trace(quiet, name="Other signals of the cycle", colour=style.GREY, width=2, head=14),
            _arrows_trace(loud, name="This step (thick arrow, bold label)", colour=style.INDIGO, width=6, head=22),
            _actors_trace(focus, row["signal"]),
        ],
        layout,
    )


def describe_cycle_step(cycle: pd.DataFrame, step: int) -> list[str]:
    """One step of the cycle in sentences (the diagram's text alternative)."""
    focus_by_step = cycle_focus(cycle)
    if step not in focus_by_step:
        raise ValueError(f"step {step!r} is not in the table (steps: {sorted(focus_by_step)})")
    row = cycle.set_index("step").loc[step]
    return [
        f"Who acts: {row['actor']}.",
        f"Signal: {row['signal']}.",
        f"Effect: {row['effect']}",
        focus_by_step[step].describe(),
        f"Source: {cite(row['source_id'])}.",
    ]
