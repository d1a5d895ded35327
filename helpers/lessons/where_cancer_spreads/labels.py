"""The words and shared look of the lesson's charts: short citations, clauses, percentages, shared caveats, and the
layout and bars the sites and brain-metastasis charts share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers import style
from helpers.text import esc, fmt_range, wrap_html

#: Colours and bar patterns for the datasets of one primary (a pattern as well as a colour: never colour alone).
DATASET_COLOURS = [style.INDIGO, style.CYAN, style.SAND, style.GREEN]
DATASET_PATTERNS = ["", "/", ".", "x"]


def first_clause(text: str) -> str:
    """The text up to its first comma or semicolon: 'Swedish Cancer Registry, nationwide; ...' -> 'Swedish Cancer Registry'."""
    return re.split(r"[,;]", str(text), maxsplit=1)[0].strip()


def cut(text: str, separators: str = ",;") -> str:
    """The text up to the first of ``separators`` that is not inside brackets.

    'Portal vein (collects blood from the gut, pancreas and spleen)' stays whole; 'Pulmonary veins to the
    left heart, then systemic arteries' -> 'Pulmonary veins to the left heart'.
    """
    depth = 0
    for i, char in enumerate(str(text)):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and char in separators:
            return str(text)[:i].strip()
    return str(text).strip()


def lower_first(text: str) -> str:
    """'Patients with ...' -> 'patients with ...' (a leading acronym such as 'US' or 'SEER' is kept)."""
    text = str(text)
    word = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if word[:1].isupper() and word[1:].islower() else text


def pct_text(value: float) -> str:
    """'48%', '14.9%'."""
    return fmt_range(value, value, "%")


def split_notes(notes: Sequence[object]) -> tuple[list[str], list[str]]:
    """Split the notes of one dataset's rows into caveats shared by every row and what is left of each row's note.

    ``(["Patients can have more than one site."], ["n = 250.", ...])``: the shared sentences are said once,
    the rest (such as a row's own count) stays with its row. Missing notes count as empty.
    """
    sentences = [
        [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", str(n).strip()) if s] if not pd.isna(n) else []
        for n in notes
    ]
    shared = [s for s in sentences[0] if all(s in other for other in sentences[1:])] if sentences else []
    rest = [" ".join(s for s in row if s not in shared) for row in sentences]
    return shared, rest


def titled_layout(
    title: str,
    subtitle: str,
    x_title: str,
    y_title: str,
    *,
    plot_px: int,
    legend_items: int = 0,
    legend_title: str = "",
) -> dict[str, Any]:
    """``style.base_layout`` with room measured in pixels: a wrapped subtitle above, a vertical legend below the x axis.

    ``plot_px`` is the height of the plotting area; the figure's height adds the title and legend space, so
    neither overlaps the axis title whatever the number of bars or legend entries.
    """
    sub = wrap_html(subtitle, 95)
    plot_px = max(plot_px, 130)  # room for the y-axis title even with a single bar
    top = 62 + 18 * (sub.count("<br>") + 1)
    bottom = 70 + (26 + 22 * legend_items if legend_items else 0)
    layout = style.base_layout(esc(title), x_title, y_title, height=top + plot_px + bottom)
    layout["title"]["subtitle"] = {"text": sub, "font": {"size": style.FONT_SIZE - 2}}
    layout["margin"].update(t=top, b=bottom)
    layout["title"].update(yref="container", y=1 - 10 / layout["height"], yanchor="top")
    layout["legend"].update(
        orientation="v",
        y=-62 / plot_px,
        yanchor="top",
        x=0,
        xanchor="left",
        title={"text": esc(legend_title)},
        traceorder="reversed",
    )
    return layout


def dataset_bar(
    i: int, name: str, rows: list[dict[str, Any]], *, pattern: dict[str, Any] | None = None, **props: Any
) -> dict[str, Any]:
    """Dataset (or study) ``i``'s horizontal bars: its own colour and a white pattern (the dataset's, or ``pattern``)."""
    shape = {"shape": DATASET_PATTERNS[i % len(DATASET_PATTERNS)], "fgcolor": "white", "solidity": 0.35}
    return style.trace(
        "bar",
        name=name,
        orientation="h",
        x=[r["pct"] for r in rows],
        textposition="outside",
        cliponaxis=False,
        marker={
            "color": DATASET_COLOURS[i % len(DATASET_COLOURS)],
            "line": {"color": style.GREY, "width": 1},
            "pattern": shape | (pattern or {}),
        },
        hoverinfo="text",
        showlegend=bool(rows),
        **props,
    )
