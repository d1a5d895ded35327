"""Inside the bone: the vicious cycle, the three kinds of lesion and the common sites, as diagrams.

Pure builders (a table in, a ``go.Figure`` out). Each builder always returns the same number of
traces whatever it is asked to show, so a chart widget (``CourseFigure``) can be updated in place. Axes are
hidden on the diagrams (they have no scale); every diagram has a title, and the notebook shows a
text or table alternative under it. Text that comes from ``data/`` is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd
from plotly.subplots import make_subplots

from helpers import style
from helpers.style import FigureSpec
from helpers.text import cite, esc, wrap_html

# ---------------------------------------------------------------------------------------------
# Shared small pieces
# ---------------------------------------------------------------------------------------------


def short_label(label: str) -> str:
    """'Proximal femur (upper thigh bone)' -> 'Proximal femur': the label without its gloss."""
    return label.split(" (")[0].strip()


def _hidden_axes(layout: dict[str, Any], x_range: Sequence[float], y_range: Sequence[float]) -> None:
    """Diagram axes: fixed ranges, equal units, nothing drawn (the diagram has no scale)."""
    layout["xaxis"].update(range=list(x_range), visible=False, fixedrange=True)
    layout["yaxis"].update(range=list(y_range), visible=False, fixedrange=True, scaleanchor="x", scaleratio=1)


def _join(parts: Iterable[Sequence[float | None]], gap: float | None = None) -> list[float | None]:
    """Concatenate polylines with ``gap`` (``None``: a break in the line) between them, so one trace draws several."""
    out: list[float | None] = []
    for part in parts:
        if out:
            out.append(gap)
        out.extend(part)
    return out


# ---------------------------------------------------------------------------------------------
# 1. The vicious cycle
# ---------------------------------------------------------------------------------------------

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
        x=_join(xs),
        y=_join(ys),
        mode="lines+markers",
        line={"color": colour, "width": width},
        marker={"symbol": "arrow", "angleref": "previous", "size": _join(sizes, gap=0.0), "color": colour},
        hoverinfo="skip",
    )


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
    all_arrows = list(ARROW_LABELS)
    quiet = [a for a in all_arrows if a not in focus.arrows]
    loud = [a for a in all_arrows if a in focus.arrows]

    nodes = list(POSITIONS)
    on = [n in focus.nodes for n in nodes]
    text = [f"<b>{NODE_LABELS[n]}</b>" if lit else NODE_LABELS[n] for n, lit in zip(nodes, on)]
    hover = [
        NODE_LABELS[n].replace("<br>", " ") + (f"<br><b>This step:</b> {wrap_html(row['signal'])}" if lit else "")
        for n, lit in zip(nodes, on)
    ]
    actors = style.trace(
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
    annotations = []
    for arrow, (x, y, align) in _LABEL_ANCHORS.items():
        lit = arrow in focus.arrows
        label = esc(focus.labels.get(arrow, ARROW_LABELS[arrow]))
        annotations.append(
            {
                "x": x,
                "y": y,
                "text": f"<b>{label}</b>" if lit else label,
                "showarrow": False,
                "xanchor": align,
                "font": {"color": style.INDIGO if lit else style.GREY, "size": 16 if lit else 14},
            }
        )
    annotations.append(
        {
            "x": 0,
            "y": 0,
            "showarrow": False,
            "text": f"<b>Step {step} of {total}</b><br>{wrap_html(row['actor'], 22)}",
            "font": {"size": 15},
        }
    )
    title = f"The vicious cycle in bone<br><sup>Step {step} of {total}: {esc(row['actor'])}</sup>"
    layout = style.base_layout(title, "", "", height=520)
    _hidden_axes(layout, (-2.35, 2.75), (-1.85, 1.6))
    layout["annotations"] = annotations
    layout["legend"].update(y=-0.02)
    layout["margin"] = {"l": 10, "r": 10, "t": 80, "b": 10}
    return style.figure(
        [
            _arrows_trace(quiet, name="Other signals of the cycle", colour=style.GREY, width=2, head=14),
            _arrows_trace(loud, name="This step (thick arrow, bold label)", colour=style.INDIGO, width=6, head=22),
            actors,
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


# ---------------------------------------------------------------------------------------------
# 2. Lytic, blastic and mixed lesions
# ---------------------------------------------------------------------------------------------

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
    return _join([list(x) for x, _ in shapes]), _join([list(y) for _, y in shapes])


def lesion_names(lesions: pd.DataFrame) -> dict[str, str]:
    """lesion_type -> short name ('Osteolytic', 'Osteoblastic', 'Mixed')."""
    return {str(t): short_label(str(label)) for t, label in zip(lesions["lesion_type"], lesions["label"])}


def lesion_figure(lesions: pd.DataFrame, lesion_type: str) -> FigureSpec:
    """A sketch of a long bone with the lesion type's holes and/or dense patches, beside its Mirels points.

    Always three traces: holes, dense patches, Mirels bars. Raises ``ValueError`` for an unknown type.
    """
    table = lesions.set_index("lesion_type")
    if lesion_type not in table.index:
        raise ValueError(f"unknown lesion type {lesion_type!r} (known: {', '.join(table.index)})")
    row = table.loc[lesion_type]
    holes, patches = LESION_MARKS.get(lesion_type, ([], []))
    hx, hy = _blobs(_HOLES, holes)
    px, py = _blobs(_PATCHES, patches)
    names = lesion_names(lesions)
    bars = lesions.sort_values(["mirels_score", "lesion_type"])
    bar_names = [esc(names[str(t)]) for t in bars["lesion_type"]]
    shown = [str(t) == lesion_type for t in bars["lesion_type"]]

    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.66, 0.34],
        horizontal_spacing=0.1,
        subplot_titles=("A long bone (a sketch, not an X-ray)", "Mirels points for lesion type"),
    )
    fig.add_trace(
        style.trace(
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
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        style.trace(
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
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        style.trace(
            "bar",
            name="Mirels points for lesion type",
            orientation="h",
            y=bar_names,
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
        ),
        row=1,
        col=2,
    )
    title = (
        f"{esc(row['label'])}<br><sup>What happens to the bone, and how many fracture-risk points the type scores</sup>"
    )
    base = style.base_layout(title, "", "", height=400)
    fig.update_layout(
        title=base["title"],
        font=base["font"],
        height=base["height"],
        hoverlabel=base["hoverlabel"],
        margin={"l": 10, "r": 30, "t": 100, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        shapes=[
            {
                "type": "path",
                "path": BONE_PATH,
                "xref": "x",
                "yref": "y",
                "fillcolor": style.SAND,
                "opacity": 0.9,
                "line": {"color": style.GREY, "width": 2},
                "layer": "below",
            },
        ],
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
    return style.from_plotly(fig)


# ---------------------------------------------------------------------------------------------
# 3. Where bone metastases are found: a body map
# ---------------------------------------------------------------------------------------------

SiteView = Literal["all", "spine"]
SITE_VIEWS: dict[str, SiteView] = {"All sites": "all", "Spine in detail": "spine"}
#: Rows whose ids start with this split the spine into parts; their shares are of spinal lesions only.
SPINE_PART_PREFIX = "spine_"

SHARE_MAX_PX = 54.0  # marker diameter for 100% (marker area is proportional to the share)


def sites_in_view(sites: pd.DataFrame, view: SiteView) -> pd.DataFrame:
    """The rows a view shows: whole-skeleton sites, or the parts of the spine."""
    parts = sites["site_id"].astype(str).str.startswith(SPINE_PART_PREFIX)
    chosen = sites[parts] if view == "spine" else sites[~parts]
    return chosen.reset_index(drop=True)


def share_size(share: float) -> float:
    """Marker diameter (px) for a share: the marker's area is proportional to the share."""
    return SHARE_MAX_PX * math.sqrt(max(float(share), 0.0) / 100.0)


def rank_size(rank: float) -> float:
    """Marker diameter (px) for a rank: 1 is largest, and every rank stays visible."""
    return max(30.0 - 4.0 * (float(rank) - 1.0), 10.0)


UNRANKED_SIZE = 12.0


def _rect(x0: float, x1: float, y0: float, y1: float) -> str:
    return f"M {x0:.2f},{y0:.2f} L {x1:.2f},{y0:.2f} L {x1:.2f},{y1:.2f} L {x0:.2f},{y1:.2f} Z"


def _skeleton_paths() -> dict[str, str]:
    """The skeleton as a few SVG paths (few shapes keep a redraw fast), in body-map coordinates."""
    vertebrae = []
    for top, bottom, count in ((86.0, 80.0, 7), (80.0, 62.0, 12), (62.0, 51.0, 5)):  # cervical, thoracic, lumbar
        step = (top - bottom) / count
        vertebrae += [_rect(48.6, 51.4, top - i * step - step * 0.82, top - i * step) for i in range(count)]
    vertebrae.append("M 47.3,51 L 52.7,51 L 50,44.5 Z")  # sacrum
    ribs = []
    for i in range(7):
        y, w = 78.0 - i * 2.3, 8.5 + min(i, 4) * 0.9
        ribs += [
            f"M 50,{y:.2f} C {50 + d * w * 0.6:.2f},{y + 1.6:.2f} {50 + d * w:.2f},{y:.2f} {50 + d * w:.2f},{y - 3.2:.2f}"
            for d in (-1, 1)
        ]
    pelvis = [
        f"M {50 + d * 2.5},50.5 C {50 + d * 9},54 {50 + d * 13},52 {50 + d * 12},46.5 C {50 + d * 11},43 {50 + d * 6},41.5 {50 + d * 3},41.5 Z"
        for d in (-1, 1)
    ]
    limbs = ["M 35,79.5 L 49,78.5", "M 51,78.5 L 65,79.5"]  # collarbones
    for d in (-1, 1):  # humerus, forearm, femur, lower leg
        for (xa, ya), (xb, yb) in (
            ((16, 79), (20, 60)),
            ((20.5, 58.5), (22.5, 44)),
            ((7.4, 44), (9, 24)),
            ((8.8, 22.5), (8.8, 4)),
        ):
            limbs.append(f"M {50 + d * xa},{ya} L {50 + d * xb},{yb}")
    return {
        "spine": " ".join(vertebrae),
        "ribs": " ".join(ribs),
        "sternum": _rect(49.2, 50.8, 66.5, 77.5),
        "pelvis": " ".join(pelvis),
        "limbs": " ".join(limbs),
    }


SKELETON_PATHS = _skeleton_paths()


def _skeleton_shapes(dim: bool, spine_focus: bool) -> list[dict[str, Any]]:
    """A simple front-view skeleton (patient's right on the left); ``dim`` fades all but the spine."""
    other = 0.35 if dim else 0.85
    spine = 0.95 if spine_focus else other

    def path(key: str, width: float, opacity: float, filled: bool = True) -> dict[str, Any]:
        return {
            "type": "path",
            "path": SKELETON_PATHS[key],
            "fillcolor": style.SAND if filled else None,
            "line": {"color": style.GREY, "width": width},
            "opacity": opacity,
            "layer": "below",
        }

    skull = {
        "type": "circle",
        "x0": 43.5,
        "x1": 56.5,
        "y0": 86.5,
        "y1": 99.0,
        "fillcolor": style.SAND,
        "line": {"color": style.GREY, "width": 2},
        "opacity": other,
        "layer": "below",
    }
    return [
        skull,
        path("ribs", 2, other, filled=False),
        path("pelvis", 2, other),
        path("limbs", 5, other, filled=False),
        path("spine", 1, spine),
        path("sternum", 1, other),
    ]


def _plexus() -> tuple[list[float | None], list[float | None]]:
    """A sketch of Batson's plexus: veins on both sides of the spine, linked to pelvic and chest veins."""
    lines = [
        ([47.0, 47.0], [45.0, 87.5]),
        ([53.0, 53.0], [45.0, 87.5]),
        ([47.0, 41.0], [47.0, 45.0]),
        ([53.0, 59.0], [47.0, 45.0]),
        ([47.0, 40.0], [72.0, 73.5]),
        ([53.0, 60.0], [72.0, 73.5]),
    ]
    return _join([list(x) for x, _ in lines]), _join([list(y) for _, y in lines])


def _site_hover(row: pd.Series) -> str:
    parts = [f"<b>{esc(row['site_label'])}</b>"]
    if not pd.isna(row["share_pct"]):
        parts.append(f"Share: {float(row['share_pct']):g}%")
    if not pd.isna(row["rank"]):
        parts.append(f"Rank among common sites: {int(row['rank'])}")
    parts.append(f"What it counts: {wrap_html(row['population'])}")
    if not pd.isna(row["note"]):
        parts.append(f"Note: {wrap_html(row['note'])}")
    parts.append(f"Source: {esc(cite(row['source_id']))}")
    return "<br>".join(parts)


def _site_text(row: pd.Series) -> str:
    name = esc(short_label(str(row["site_label"])))
    if not pd.isna(row["share_pct"]):
        return f"{name}: {float(row['share_pct']):g}%"
    if not pd.isna(row["rank"]):
        return f"{name}: rank {int(row['rank'])}"
    return f"{name}: listed"


def _site_trace(
    rows: pd.DataFrame, *, name: str, symbol: str, colour: str, sizes: list[float], labels: bool = True
) -> dict[str, Any]:
    """One kind of marker on the body map; ``labels=False`` leaves the naming to callout annotations."""
    left = [float(x) < 50 for x in rows["x"]]
    return style.trace(
        "scatter",
        name=name,
        x=list(rows["x"]),
        y=list(rows["y"]),
        mode="markers+text",
        text=[_site_text(r) if labels else "" for _, r in rows.iterrows()],
        textposition=["middle left" if lf else "middle right" for lf in left],
        hovertext=[_site_hover(r) for _, r in rows.iterrows()],
        hoverinfo="text",
        marker={
            "symbol": symbol,
            "size": sizes,
            "color": colour,
            "opacity": 0.85,
            "line": {"color": "white", "width": 1.5},
        },
        visible=bool(len(rows)),
        cliponaxis=False,
    )


def _callouts(rows: pd.DataFrame, sizes: Sequence[float], x_text: float) -> list[dict[str, Any]]:
    """Labels set off to the right with a leader line to each marker (where labels beside the markers would collide)."""
    return [
        {
            "x": float(r["x"]),
            "y": float(r["y"]),
            "ax": x_text,
            "ay": float(r["y"]),
            "axref": "x",
            "ayref": "y",
            "text": _site_text(r),
            "xanchor": "left",
            "showarrow": True,
            "arrowhead": 0,
            "arrowwidth": 1.5,
            "arrowcolor": style.GREY,
            "standoff": size / 2 + 2,
        }
        for (_, r), size in zip(rows.iterrows(), sizes)
    ]


def body_map_figure(sites: pd.DataFrame, view: SiteView = "all") -> FigureSpec:
    """Common sites of bone metastasis on a skeleton outline: size by share where one exists, else by rank.

    Always four traces: sites sized by share (circles), by rank (diamonds), listed without rank
    (triangles), and the sketch of Batson's plexus (shown in the spine view).
    """
    if view not in ("all", "spine"):
        raise ValueError(f"unknown view {view!r} (use 'all' or 'spine')")
    rows = sites_in_view(sites, view)
    has_share = rows["share_pct"].notna()
    has_rank = rows["rank"].notna() & ~has_share
    neither = ~has_share & ~has_rank
    by_share, by_rank, listed = rows[has_share], rows[has_rank], rows[neither]
    share_sizes = [share_size(v) for v in by_share["share_pct"]]
    if view == "spine":
        share_name = "Share of symptomatic spinal metastases (circle area = %)"
        subtitle = "Shares of symptomatic spinal lesions, not of all bone metastases"
    else:
        share_name = "Share of all bone metastases (circle area = %)"
        subtitle = "Circle: sized by share where a source gives one · diamond: sized by rank (larger = more common)"
    px, py = _plexus()
    plexus = style.trace(
        "scatter",
        name="Batson's plexus: valveless veins beside the spine (sketch)",
        x=px if view == "spine" else [],
        y=py if view == "spine" else [],
        mode="lines",
        line={"color": style.TEAL, "width": 3, "dash": "dot"},
        hoverinfo="name",
        visible=view == "spine",
    )
    title = f"Where bone metastases are found<br><sup>{esc(subtitle)}</sup>"
    layout = style.base_layout(title, "", "", height=640)
    _hidden_axes(layout, (0, 100), (0, 101))
    layout["shapes"] = _skeleton_shapes(dim=view == "spine", spine_focus=view == "spine")
    layout["annotations"] = (_callouts(by_share, share_sizes, 64.0) if view == "spine" else []) + [
        {
            "x": 2,
            "y": 99,
            "xanchor": "left",
            "text": "Patient's right",
            "showarrow": False,
            "font": {"color": style.GREY, "size": 13},
        },
        {
            "x": 98,
            "y": 99,
            "xanchor": "right",
            "text": "Patient's left",
            "showarrow": False,
            "font": {"color": style.GREY, "size": 13},
        },
    ]
    if view == "spine":
        layout["annotations"].append(
            {
                "x": 47.0,
                "y": 60.0,
                "ax": 30.0,
                "ay": 60.0,
                "axref": "x",
                "ayref": "y",
                "text": "Batson's plexus<br>(sketch)",
                "xanchor": "right",
                "showarrow": True,
                "arrowhead": 0,
                "arrowwidth": 1.5,
                "arrowcolor": style.TEAL,
                "standoff": 2,
            }
        )
    layout["legend"].update(y=-0.01)
    layout["margin"] = {"l": 10, "r": 10, "t": 80, "b": 10}
    return style.figure(
        [
            _site_trace(
                by_share,
                name=share_name,
                symbol="circle",
                colour=style.INDIGO,
                sizes=share_sizes,
                labels=view != "spine",
            ),
            _site_trace(
                by_rank,
                name="No share given: sized by rank (diamond)",
                symbol="diamond",
                colour=style.ROSE,
                sizes=[rank_size(r) for r in by_rank["rank"]],
            ),
            _site_trace(
                listed,
                name="Listed as common, not ranked (triangle)",
                symbol="triangle-up",
                colour=style.PURPLE,
                sizes=[UNRANKED_SIZE] * len(listed),
            ),
            plexus,
        ],
        layout,
    )


def describe_sites(sites: pd.DataFrame, view: SiteView = "all") -> list[str]:
    """The body map in sentences (its text alternative), in the map's order."""
    rows = sites_in_view(sites, view)
    lines = []
    for _, row in rows.iterrows():
        bits = []
        if not pd.isna(row["share_pct"]):
            bits.append(f"{float(row['share_pct']):g}% ({row['population']})")
        if not pd.isna(row["rank"]):
            bits.append(f"rank {int(row['rank'])} among common sites")
        if not bits:
            bits.append(f"listed as a common site, not ranked ({row['population']})")
        lines.append(f"{row['site_label']}: {'; '.join(bits)}.")
    if view == "spine" and lines:
        lines.append(
            "These shares divide the spine's own lesions between its parts; they are not shares of all bone metastases."
        )
        lines.append(
            "The dotted lines sketch Batson's plexus, the valveless veins beside the spine that link with pelvic and chest veins."
        )
    return lines or ["No sites to show."]
