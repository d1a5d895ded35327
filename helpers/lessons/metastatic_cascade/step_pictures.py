"""Where each step of the metastatic cascade is drawn: the places of the schematic and, for each step id of
``cascade_steps.csv``, where the cell is and which places are outlined. Drawing decisions, not facts (the facts
about each step come from the table); :mod:`.schematic` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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
