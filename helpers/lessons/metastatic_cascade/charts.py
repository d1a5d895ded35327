"""The metastatic cascade: a step-by-step schematic and the funnel of metastatic inefficiency.

Two pure builders, table in, figure out:

* :func:`cascade_figure` draws a schematic (plotly shapes and scatter traces, hidden axes): a primary
  tumour in its tissue, a blood vessel (its wall and the blood stream) and a distant organ. One cancer
  cell, marked with a star and a label, moves from place to place as the step changes, and the area
  where the current step happens is outlined and labelled.
* :func:`funnel_chart` draws how many cells are left at each stage of one model of
  ``cascade_funnel.csv`` as horizontal bars on a logarithmic (or ordinary) axis.

Where each step is drawn (:data:`STEP_PICTURES`) is a drawing decision, not a fact: the facts about
each step (what happens, which cells and molecules, the wording of the seed article and of the
textbooks) come from ``cascade_steps.csv``. Both builders always return the same number of traces,
so that a chart widget (``CourseFigure``) can be updated in place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from helpers import style
from helpers.style import FigureSpec
from helpers.text import esc, wrap_html

# --------------------------------------------------------------------------- the schematic

#: Extent of the drawing, in its own units (the axes are hidden; one unit is the same length on both).
X_RANGE = (0.0, 12.0)
Y_RANGE = (0.0, 7.4)


@dataclass(frozen=True)
class Area:
    """One place in the schematic: a rectangle, its label and how the text alternative names it."""

    key: str
    label: str
    spoken: str
    x0: float
    y0: float
    x1: float
    y1: float


#: The places of the schematic, left to right: a tissue with its primary tumour, a blood vessel
#: running beneath (its wall, the blood stream) and a distant organ.
AREAS: dict[str, Area] = {
    area.key: area
    for area in [
        Area("primary", "Primary tumour in its tissue", "the primary tumour's tissue (top left)", 0.3, 2.7, 5.2, 6.2),
        Area(
            "wall_primary", "Vessel wall", "the wall of the blood vessel under the primary tumour", 0.3, 2.3, 5.2, 2.7
        ),
        Area("blood", "Blood stream", "the blood stream (the band along the bottom)", 0.3, 0.9, 11.7, 2.3),
        Area("wall_organ", "Vessel wall", "the wall of the blood vessel under the distant organ", 6.8, 2.3, 11.7, 2.7),
        Area("organ", "Distant (target) organ", "the distant organ (top right)", 6.8, 2.7, 11.7, 6.2),
    ]
}

PRIMARY_CENTRE = (2.1, 4.75)
PRIMARY_RADIUS = 1.0
MEMBRANE_RADIUS = 1.25  # the basement membrane around the tumour, drawn as a dotted ring


@dataclass(frozen=True)
class StepPicture:
    """How one step is drawn: where the cell is, which areas are outlined, what else is shown.

    ``label_ax`` / ``label_ay`` place the "cancer cell" label relative to the cell, in pixels
    (positive ``label_ay`` is downwards, as in plotly), clear of the cells around it.
    """

    x: float
    y: float
    areas: tuple[str, ...]
    where: str  # completes "The cancer cell is ..."
    cluster: int = 0  # other cancer cells drawn around it (a picture, not a count)
    new_vessels: bool = False
    label_ax: int = 45
    label_ay: int = -40


#: Drawing decisions for the step ids of ``cascade_steps.csv`` (an unknown id is drawn by its position).
STEP_PICTURES: dict[str, StepPicture] = {
    "detachment": StepPicture(
        3.05, 4.05, ("primary",), "at the edge of the primary tumour, letting go of its neighbours"
    ),
    "local_invasion": StepPicture(
        4.3,
        3.25,
        ("primary",),
        "in the tissue around the tumour, moving towards a blood vessel",
        label_ax=0,
        label_ay=-50,
    ),
    "intravasation_circulation": StepPicture(
        6.0,
        1.6,
        ("wall_primary", "blood"),
        "in the blood stream, after crossing the vessel wall",
        label_ax=85,
        label_ay=0,
    ),
    "arrest_extravasation": StepPicture(
        8.0,
        2.5,
        ("wall_organ",),
        "stuck in a small vessel of the distant organ, crossing its wall",
        label_ax=-40,
        label_ay=-55,
    ),
    "micrometastasis_dormancy": StepPicture(
        8.6,
        3.45,
        ("organ",),
        "in the distant organ, alone or in a tiny cluster, perhaps dormant",
        cluster=2,
        label_ax=-50,
        label_ay=-45,
    ),
    "angiogenesis": StepPicture(
        9.3,
        4.4,
        ("organ",),
        "in a small cluster that is recruiting new blood vessels",
        cluster=6,
        new_vessels=True,
        label_ax=-45,
        label_ay=-55,
    ),
    "colonisation": StepPicture(
        9.3,
        4.4,
        ("organ",),
        "in a growing metastasis in the distant organ",
        cluster=18,
        new_vessels=True,
        label_ax=-45,
        label_ay=-55,
    ),
}
_PICTURE_ORDER = list(STEP_PICTURES)


def picture_for(step_id: str, position: int = 0, total: int = 1) -> StepPicture:
    """The drawing of a step; a step id the drawing does not know is placed by its position in the cascade.

    ``position`` counts from 0 and ``total`` is the number of steps (used only for an unknown id).
    """
    if step_id in STEP_PICTURES:
        return STEP_PICTURES[step_id]
    if total <= 1:
        return STEP_PICTURES[_PICTURE_ORDER[0]]
    share = min(max(position, 0), total - 1) / (total - 1)
    return STEP_PICTURES[_PICTURE_ORDER[round(share * (len(_PICTURE_ORDER) - 1))]]


def ordered_steps(steps: pd.DataFrame) -> pd.DataFrame:
    """The steps in their order (column ``step``), indexed 0..n-1."""
    return steps.sort_values("step").reset_index(drop=True)


def step_position(steps: pd.DataFrame, step_id: str) -> int:
    """Where ``step_id`` is in the ordered steps (0 = first); ``KeyError`` for an unknown id."""
    ids = list(ordered_steps(steps)["step_id"])
    if step_id not in ids:
        raise KeyError(f"no step {step_id!r} in the cascade; steps: {', '.join(ids)}")
    return ids.index(step_id)


def step_pictures(steps: pd.DataFrame) -> list[StepPicture]:
    """The drawing of every step, in order."""
    ordered = ordered_steps(steps)
    return [picture_for(sid, i, len(ordered)) for i, sid in enumerate(ordered["step_id"])]


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
    shapes: list[dict[str, Any]] = []
    fills = {"primary": (style.SAND, 0.30), "organ": (style.GREEN, 0.22), "blood": (style.ROSE, 0.22)}
    for key, (colour, opacity) in fills.items():
        a = AREAS[key]
        shapes.append(
            {
                "type": "rect",
                "x0": a.x0,
                "y0": a.y0,
                "x1": a.x1,
                "y1": a.y1,
                "fillcolor": colour,
                "opacity": opacity,
                "line": {"width": 0},
                "layer": "below",
            }
        )
    # the vessel walls: the band under both tissues, and the vessel's lower wall
    for y0, y1 in ((2.3, 2.7), (0.5, 0.9)):
        shapes.append(
            {
                "type": "rect",
                "x0": 0.3,
                "y0": y0,
                "x1": 11.7,
                "y1": y1,
                "fillcolor": style.TEAL,
                "opacity": 0.55,
                "line": {"width": 0},
                "layer": "below",
            }
        )
    cx, cy = PRIMARY_CENTRE
    shapes.append(
        {
            "type": "circle",
            "x0": cx - PRIMARY_RADIUS,
            "y0": cy - PRIMARY_RADIUS,
            "x1": cx + PRIMARY_RADIUS,
            "y1": cy + PRIMARY_RADIUS,
            "fillcolor": style.PURPLE,
            "opacity": 0.45,
            "line": {"color": style.PURPLE, "width": 2},
            "layer": "below",
        }
    )
    shapes.append(
        {
            "type": "circle",
            "x0": cx - MEMBRANE_RADIUS,
            "y0": cy - MEMBRANE_RADIUS,
            "x1": cx + MEMBRANE_RADIUS,
            "y1": cy + MEMBRANE_RADIUS,
            "line": {"color": style.GREY, "width": 2.5, "dash": "dot"},
            "fillcolor": "rgba(0,0,0,0)",
            "opacity": 1,
            "layer": "below",
        }
    )
    for key in highlight:
        a = AREAS[key]
        shapes.append(
            {
                "type": "rect",
                "x0": a.x0 - 0.06,
                "y0": a.y0 - 0.06,
                "x1": a.x1 + 0.06,
                "y1": a.y1 + 0.06,
                "line": {"color": "black", "width": 4, "dash": "dash"},
                "fillcolor": "rgba(0,0,0,0)",
                "opacity": 1,
                "layer": "above",
            }
        )
    return shapes


def _schematic_annotations(picture: StepPicture) -> list[dict[str, Any]]:
    """Labels of the places, a pointer to the cell, and the key to the dashed outline."""

    def note(x: float, y: float, text: str, size: int = 14, colour: str = "black", **extra: object) -> dict[str, Any]:
        return {
            "x": x,
            "y": y,
            "text": text,
            "showarrow": False,
            "xref": "x",
            "yref": "y",
            "font": {"size": size, "color": colour},
            **extra,
        }

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


def cascade_figure(steps: pd.DataFrame, step_id: str) -> FigureSpec:
    """The schematic at one step: the cell (a labelled star) where that step puts it, its route so far,
    the other cancer cells and new vessels where the step has them, and the step's area outlined.

    Always four traces. Raises ``KeyError`` for a step id that is not in ``steps``.
    """
    ordered = ordered_steps(steps)
    at = step_position(ordered, step_id)
    pictures = step_pictures(ordered)
    picture = pictures[at]
    row = ordered.iloc[at]
    name = esc(row["name"])
    total = len(ordered)

    route = [(p.x, p.y) for p in pictures[: at + 1]]
    route_x = [x for x, _ in route]
    route_y = [y for _, y in route]
    others = cluster_offsets(picture.cluster)
    vessel_x, vessel_y = _new_vessel_lines(picture)
    hover = f"Step {at + 1} of {total}: {name}<br>The cancer cell is {esc(picture.where)}."

    layout = style.base_layout(
        f"Step {at + 1} of {total}: {name}<br><sup>The cancer cell is {esc(picture.where)}.</sup>", "", "", height=540
    )
    layout["xaxis"].update(visible=False, range=list(X_RANGE), fixedrange=True)
    layout["yaxis"].update(visible=False, range=list(Y_RANGE), fixedrange=True, scaleanchor="x", scaleratio=1)
    layout["margin"] = {"l": 10, "r": 10, "t": 80, "b": 10}
    layout["legend"] = {"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0}
    layout["shapes"] = _schematic_shapes(picture.areas)
    layout["annotations"] = _schematic_annotations(picture)
    return style.figure(
        [
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
                marker={"color": style.PURPLE, "size": 13, "symbol": "circle", "line": {"color": "black", "width": 1}},
                hoverinfo="skip",
            ),
            style.trace(
                "scatter",
                name="Route of the cell so far",
                mode="lines+markers",
                x=route_x,
                y=route_y,
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
                marker={"color": style.INDIGO, "size": 26, "symbol": "star", "line": {"color": "black", "width": 1.5}},
                hovertext=[hover],
                hoverinfo="text",
            ),
        ],
        layout,
    )


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


# --------------------------------------------------------------------------- the funnel


def fmt_count(value: float) -> str:
    """A count with thousands separators: 60000000 -> '60,000,000'; 0.5 -> '0.5'."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2g}"


def fmt_pct(value: float | None) -> str:
    """A percentage without scientific notation: 12 -> '12%', 1.7e-06 -> '0.0000017%'; '' when missing."""
    if value is None or pd.isna(value):
        return ""
    if value >= 1:
        return f"{value:g}%"
    return np.format_float_positional(float(value), precision=2, unique=True, fractional=False, trim="-") + "%"


def funnel_models(funnel: pd.DataFrame) -> list[str]:
    """The models of the funnel table, in the order they first appear."""
    return list(dict.fromkeys(funnel["model"]))


def model_label(model: str) -> str:
    """A model as a control shows it: first letter capitalised."""
    return model[:1].upper() + model[1:]


def funnel_view(funnel: pd.DataFrame, model: str) -> pd.DataFrame:
    """The stages of one model in order (empty for a model that is not in the table)."""
    view = funnel[funnel["model"] == model].sort_values("stage_order")
    return view.reset_index(drop=True)


def stage_label(row: pd.Series) -> str:
    """Text shown on a bar: the count, and the share of the previous stage where there is one."""
    pct = fmt_pct(row["pct_of_previous"])
    return fmt_count(row["cells"]) + (f" ({pct} of the stage before)" if pct else "")


def funnel_chart(view: pd.DataFrame, model: str, *, log: bool = True) -> FigureSpec:
    """Horizontal bars, first stage at the top: cells left at each stage of one model.

    ``log=True`` puts the counts on a logarithmic axis (each gridline 10 or 100 times the one before),
    the only way to see a count in the millions and a count of one on the same chart. Always one
    trace, even for an empty view.
    """
    labels = [wrap_html(f"{int(o)}. {s}", 26) for o, s in zip(view["stage_order"], view["stage"])]
    cells = [float(c) for c in view["cells"]]
    text = [stage_label(row) for _, row in view.iterrows()]
    hover = [f"{lbl}: {esc(t)}" for lbl, t in zip(labels, text)]
    title = "How many cells get through? Cells left at each stage"
    subtitle = esc(model_label(model)) if len(view) else "No model selected"
    low = math.log10(min(cells)) if cells else 0.0
    high = math.log10(max(cells)) if cells else 1.0
    step = 1 if high - min(low, 0.0) <= 7 else 2  # powers of ten per gridline: keep the tick labels apart
    scale = (
        f"logarithmic scale: each gridline is {10**step:,} times the one before"
        if log
        else "ordinary scale: equal steps"
    )
    layout = style.base_layout(
        f"{title}<br><sup>{subtitle}</sup>",
        f"Cells (or metastases) at this stage<br><sup>{scale}</sup>",
        "Stage",
        height=220 + 70 * max(len(view), 1),
    )
    layout["margin"] = {"l": 10, "r": 30, "t": 80, "b": 10}
    layout["yaxis"].update(type="category", categoryorder="array", categoryarray=labels[::-1])
    if log:
        layout["xaxis"].update(
            type="log",
            range=[min(low, 0.0) - 0.3, high + 1.0],
            dtick=step,
            showgrid=True,
            exponentformat="none",
            separatethousands=True,
        )
    else:
        layout["xaxis"].update(
            type="linear",
            range=[0, (max(cells) if cells else 1.0) * 1.3],
            showgrid=True,
            nticks=5,
            exponentformat="none",
            separatethousands=True,
        )
    return style.figure(
        [
            style.trace(
                "bar",
                name="Cells at this stage",
                orientation="h",
                y=labels,
                x=cells,
                text=[esc(t) for t in text],
                textposition="auto",
                insidetextanchor="end",
                cliponaxis=False,
                marker={"color": style.INDIGO},
                hovertext=hover,
                hoverinfo="text",
                width=0.6,
                showlegend=False,
            ),
        ],
        layout,
    )


def describe_funnel(view: pd.DataFrame) -> list[str]:
    """The funnel of one model in words (its text alternative), ending with the overall share."""
    if not len(view):
        return ["No model selected: choose one in the list."]
    lines = []
    for _, row in view.iterrows():
        pct = fmt_pct(row["pct_of_previous"])
        lines.append(f"{row['stage']}: {fmt_count(row['cells'])}" + (f" ({pct} of the stage before)." if pct else "."))
    first, last = float(view["cells"].iloc[0]), float(view["cells"].iloc[-1])
    if len(view) > 1 and first > 0:
        overall = f"From the first stage to the last: {fmt_count(last)} of {fmt_count(first)}, that is {fmt_pct(100 * last / first)}"
        ratio = first / last if last else math.inf
        if ratio >= 10 and math.isfinite(ratio):
            overall += f", about 1 in {fmt_count(round(ratio))}"
        lines.append(overall + ".")
    return lines


def funnel_notes(view: pd.DataFrame) -> list[str]:
    """The caveats of one model: who was studied, then each distinct note of the table."""
    if not len(view):
        return []
    notes = [f"Who or what was studied: {view['population'].iloc[0]}."]
    notes += [str(n) for n in dict.fromkeys(view["note"].dropna())]
    return notes
