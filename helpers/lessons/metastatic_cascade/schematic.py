"""The metastatic cascade as a step-by-step schematic (plotly shapes and scatter traces, hidden axes).

A primary tumour in its tissue, a blood vessel (its wall and the blood stream) and a distant organ. One cancer
cell, marked with a star and a label, moves from place to place as the step changes, and the area where the
current step happens is outlined and labelled. Where each step is drawn (:data:`STEP_PICTURES`) is a drawing
decision, not a fact: the facts about each step come from ``cascade_steps.csv``. Always four traces, so that a
chart widget (``CourseFigure``) can be updated in place.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from helpers import style
from helpers.lessons.metastatic_cascade.step_pictures import (
    AREAS,
    MEMBRANE_RADIUS,
    PRIMARY_CENTRE,
    PRIMARY_RADIUS,
    X_RANGE,
    Y_RANGE,
    StepPicture,
    ordered_steps,
    step_pictures,
    step_position,
)
from helpers.style import FigureSpec
from helpers.text import esc


def cluster_offsets(count: int, spacing: float = 0.36) -> list[tuple[float, float]]:
    """Positions of ``count`` cells packed around a centre cell (hexagonal rings), centre excluded."""
    offsets: list[tuple[float, float]] = []
    ring = 1
    while len(offsets) < count:
        corners = [(math.cos(math.pi / 3 * k), math.sin(math.pi / 3 * k)) for k in range(6)]
        for side in range(6):
            (ax, ay), (bx, by) = corners[side], corners[(side + 1) % 6]
            for j in range(ring):
                t = j / ring
                offsets.append((ring * spacing * (ax + (bx - ax) * t), ring * spacing * (ay + (by - ay) * t)))
        ring += 1
    return offsets[:count]


def _new_vessel_lines(picture: StepPicture) -> tuple[list[float | None], list[float | None]]:
    """Sprouting vessels from the organ's vessel wall up to the cluster (None separates the lines)."""
    if not picture.new_vessels:
        return [], []
    top = AREAS["wall_organ"].y1
    xs: list[float | None] = []
    ys: list[float | None] = []
    for start, bend in ((-0.9, -0.55), (0.0, 0.15), (0.95, 0.6)):
        xs += [picture.x + start, picture.x + bend, picture.x + bend * 0.5, None]
        ys += [top, top + 0.7, picture.y - 0.35, None]
    return xs, ys


def _schematic_shapes(highlight: tuple[str, ...]) -> list[dict[str, Any]]:
    """The fixed drawing (tissue, tumour, vessel, organ) plus a thick dashed outline around the highlighted areas.

    Every shape sets its own opacity and fill: the default template's shape defaults (semi-transparent,
    filled) would otherwise turn the outline grey and fill the membrane ring.
    """
    below, clear = {"layer": "below", "line": {"width": 0}}, "rgba(0,0,0,0)"
    fills = {"primary": (style.SAND, 0.30), "organ": (style.GREEN, 0.22), "blood": (style.ROSE, 0.22)}
    shapes = [
        style.shape("rect", AREAS[key].x0, AREAS[key].y0, AREAS[key].x1, AREAS[key].y1, fillcolor=c, opacity=o, **below)
        for key, (c, o) in fills.items()
    ]
    # the vessel walls: the band under both tissues, and the vessel's lower wall
    shapes += [
        style.shape("rect", 0.3, y0, 11.7, y1, fillcolor=style.TEAL, opacity=0.55, **below)
        for y0, y1 in ((2.3, 2.7), (0.5, 0.9))
    ]
    (cx, cy), r, m = PRIMARY_CENTRE, PRIMARY_RADIUS, MEMBRANE_RADIUS
    tumour = {"color": style.PURPLE, "width": 2}
    shapes.append(
        style.shape(
            "circle", cx - r, cy - r, cx + r, cy + r, fillcolor=style.PURPLE, opacity=0.45, line=tumour, layer="below"
        )
    )
    ring = {"color": style.GREY, "width": 2.5, "dash": "dot"}
    shapes.append(
        style.shape("circle", cx - m, cy - m, cx + m, cy + m, line=ring, fillcolor=clear, opacity=1, layer="below")
    )
    outline = {"color": "black", "width": 4, "dash": "dash"}
    for a in (AREAS[key] for key in highlight):
        d = 0.06
        shapes.append(
            style.shape(
                "rect", a.x0 - d, a.y0 - d, a.x1 + d, a.y1 + d, line=outline, fillcolor=clear, opacity=1, layer="above"
            )
        )
    return shapes


def _schematic_annotations(picture: StepPicture) -> list[dict[str, Any]]:
    """Labels of the places, a pointer to the cell, and the key to the dashed outline."""

    def note(x: float, y: float, text: str, size: int = 14, colour: str = "black", **extra: object) -> dict[str, Any]:
        return style.note(x, y, text, xref="x", yref="y", font={"size": size, "color": colour}, **extra)

    primary, organ = AREAS["primary"], AREAS["organ"]
    cx, cy = PRIMARY_CENTRE
    return [
        note(primary.x0 + 0.1, primary.y1 + 0.28, "<b>Primary tumour in its tissue</b>", xanchor="left"),
        note(organ.x0 + 0.1, organ.y1 + 0.28, "<b>Distant organ</b>", xanchor="left"),
        note(cx, cy, "primary<br>tumour", 13),
        note(cx, cy - MEMBRANE_RADIUS - 0.38, "basement membrane<br>(dotted ring)", 12),
        note((primary.x1 + organ.x0) / 2, 5.4, "the rest<br>of the body", 12, style.GREY),
        note(0.45, 2.5, "<b>Vessel wall</b>", 13, xanchor="left"),
        note(11.55, 2.5, "<b>Vessel wall</b>", 13, xanchor="right"),
        note(0.45, 1.6, "<b>Blood stream</b>", xanchor="left"),
        note(11.55, 1.6, "blood flow \u2192", 13, xanchor="right"),
        note(6.0, 0.2, "Dashed outline: where this step happens. Schematic, not to scale.", 12, style.GREY),
        {
            "x": picture.x,
            "y": picture.y,
            "xref": "x",
            "yref": "y",
            "text": "<b>cancer cell</b>",
            "showarrow": True,
            "arrowhead": 2,
            "arrowwidth": 1.5,
            "standoff": 14,
            "ax": picture.label_ax,
            "ay": picture.label_ay,
            "font": {"size": 14},
            "bgcolor": "rgba(255,255,255,0.85)",
        },
    ]


def _cell_traces(pictures: list[StepPicture], at: int, hover: str) -> list[dict[str, Any]]:
    """New vessels, the other cancer cells, the route so far, and the cell we follow (a star)."""
    picture = pictures[at]
    others = cluster_offsets(picture.cluster)
    vessel_x, vessel_y = _new_vessel_lines(picture)
    outline = {"color": "black", "width": 1}
    return [
        style.trace(
            "scatter",
            name="New blood vessels",
            mode="lines",
            x=vessel_x,
            y=vessel_y,
            line={"color": style.ROSE, "width": 4},
            hoverinfo="skip",
        ),
        style.trace(
            "scatter",
            name="Other cancer cells in the new site",
            mode="markers",
            x=[picture.x + dx for dx, _ in others],
            y=[picture.y + dy for _, dy in others],
            marker={"color": style.PURPLE, "size": 13, "symbol": "circle", "line": outline},
            hoverinfo="skip",
        ),
        style.trace(
            "scatter",
            name="Route of the cell so far",
            mode="lines+markers",
            x=[p.x for p in pictures[: at + 1]],
            y=[p.y for p in pictures[: at + 1]],
            line={"color": style.GREY, "width": 2, "dash": "dot"},
            marker={"color": style.GREY, "size": 7},
            hoverinfo="skip",
        ),
        style.trace(
            "scatter",
            name="The cancer cell we follow",
            mode="markers",
            x=[picture.x],
            y=[picture.y],
            marker={"color": style.INDIGO, "size": 26, "symbol": "star", "line": {**outline, "width": 1.5}},
            hovertext=[hover],
            hoverinfo="text",
        ),
    ]


def cascade_figure(steps: pd.DataFrame, step_id: str) -> FigureSpec:
    """The schematic at one step: the cell (a labelled star) where that step puts it, its route so far,
    the other cancer cells and new vessels where the step has them, and the step's area outlined.

    Always four traces. Raises ``KeyError`` for a step id that is not in ``steps``.
    """
    ordered = ordered_steps(steps)
    at = step_position(ordered, step_id)
    pictures = step_pictures(ordered)
    picture = pictures[at]
    heading = f"Step {at + 1} of {len(ordered)}: {esc(ordered.iloc[at]['name'])}"
    where = f"The cancer cell is {esc(picture.where)}."
    layout = style.diagram_layout(f"{heading}<br><sup>{where}</sup>", X_RANGE, Y_RANGE, height=540, legend_y=-0.02)
    layout["shapes"] = _schematic_shapes(picture.areas)
    layout["annotations"] = _schematic_annotations(picture)
    return style.figure(_cell_traces(pictures, at, f"{heading}<br>{where}"), layout)


def cluster_words(count: int) -> str:
    """The cluster around the cell in words (the drawing shows a few, a small cluster or many cells)."""
    if count <= 0:
        return "no other cancer cells"
    if count <= 2:
        return "a few other cancer cells"
    if count <= 6:
        return "a small cluster of cancer cells"
    return "many cancer cells, a growing tumour"


def describe_step(steps: pd.DataFrame, step_id: str) -> list[str]:
    """The schematic at one step, in words (its text alternative)."""
    ordered = ordered_steps(steps)
    at = step_position(ordered, step_id)
    picture = step_pictures(ordered)[at]
    places = " and ".join(AREAS[key].spoken for key in picture.areas)
    lines = [
        f"Step {at + 1} of {len(ordered)}: {ordered.iloc[at]['name']}.",
        f"The cancer cell (a star) is {picture.where}.",
        f"Outlined with a dashed line, where this step happens: {places}.",
    ]
    if picture.cluster:
        lines.append(f"Around it, purple circles show {cluster_words(picture.cluster)}.")
    if picture.new_vessels:
        lines.append("New blood vessels grow from the vessel wall towards the cells.")
    if at > 0:
        lines.append("A dotted line shows the route the cell has taken so far.")
    lines.append(
        "The picture: a primary tumour in its tissue (top left), a blood vessel along the bottom "
        "(its wall and the blood stream) and a distant organ (top right)."
    )
    return lines
