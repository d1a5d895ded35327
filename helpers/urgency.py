"""The course's one urgency scale (``data/urgency_levels.csv``): how soon to act on a warning sign.

Every warning sign names one level; what to do, how soon and whom to contact come from the level, never
from the sign's own text, so the two cannot disagree. :func:`timing_conflicts` finds a sign whose own
words name a timing that belongs to another level (a test keeps that list empty). A level is always
shown by its name and symbol, never by its colour alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from helpers.text import CELL

#: Words that name no defined timing and so may not stand in any sign or answer ("promptly" meant
#: "within 24 hours" on one card and "within a week or two" in a self-check).
VAGUE_PHRASES: tuple[str, ...] = ("promptly", "as soon as possible", "week or two", "shortly")

#: The text columns of ``warning_signs.csv`` that a learner reads.
SIGN_TEXT_COLUMNS: tuple[str, ...] = ("sign", "details", "mechanism", "advice")


@dataclass(frozen=True)
class Level:
    """One level of the scale, as the table defines it."""

    level: str
    rank: int
    name: str
    colour: str
    symbol: str
    how_soon: str
    what_to_do: str
    whom_to_contact: str
    time_phrases: tuple[str, ...]

    @property
    def label(self) -> str:
        """'Red: emergency (now: do not wait)': the name and how soon, as options and badges show it."""
        return f"{self.name} ({self.how_soon[0].lower()}{self.how_soon[1:]})"


def levels(table: pd.DataFrame) -> dict[str, Level]:
    """The levels of ``urgency_levels.csv``, most urgent first."""
    ordered = table.sort_values("rank")
    return {
        row["level"]: Level(
            level=row["level"],
            rank=int(row["rank"]),
            name=row["name"],
            colour=row["colour"],
            symbol=row["symbol"],
            how_soon=row["how_soon"],
            what_to_do=row["what_to_do"],
            whom_to_contact=row["whom_to_contact"],
            time_phrases=tuple(p.strip().lower() for p in row["time_phrases"].split(";") if p.strip()),
        )
        for row in ordered.to_dict("records")
    }


def _mentions(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text.lower()) is not None


def phrases_in(text: object, scale: Mapping[str, Level]) -> list[tuple[str, str]]:
    """The (phrase, level) pairs whose timing phrase ``text`` uses; vague phrases come as (phrase, '')."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    found = [(p, lv.level) for lv in scale.values() for p in lv.time_phrases if _mentions(str(text), p)]
    found += [(p, "") for p in VAGUE_PHRASES if _mentions(str(text), p)]
    # 'within 24 hours' also contains '24 hours': report the longer phrase only
    return [(p, lv) for p, lv in found if not any(p != q and p in q for q, _ in found)]


def timing_conflicts(signs: pd.DataFrame, scale: Mapping[str, Level]) -> list[str]:
    """Every place where a sign's own text names a timing its level does not allow (empty when consistent)."""
    problems = []
    for row in signs.to_dict("records"):
        for column in SIGN_TEXT_COLUMNS:
            for phrase, level in phrases_in(row.get(column), scale):
                if level != row["level"]:
                    owner = f"belongs to level {level!r}" if level else "names no defined timing"
                    problems.append(
                        f"{row['sign_id']}, column {column!r}: {phrase!r} {owner}, but the sign is {row['level']!r}"
                    )
    return problems


def badge_html(level: Level) -> str:
    """The level as a badge: symbol, name and how soon in words, with its colour as a border (never alone)."""
    from helpers.html import render

    return render("urgency_badge.html.j2", level=level)


def scale_table(scale: Mapping[str, Level]) -> pd.DataFrame:
    """The scale as a learner-facing table (level, how soon, what to do, whom to contact)."""
    return pd.DataFrame(
        {
            "Level": [lv.name for lv in scale.values()],
            "How soon": [lv.how_soon for lv in scale.values()],
            "What to do (general guidance)": [lv.what_to_do for lv in scale.values()],
            "Whom to contact": [lv.whom_to_contact for lv in scale.values()],
        }
    )


def scale_html(scale: Mapping[str, Level], caption: str = "The course's urgency scale") -> str:
    """The scale as an HTML table whose first column shows each level's badge (every value escaped)."""
    from helpers.html import render

    return render("urgency_scale.html.j2", levels=list(scale.values()), caption=caption, cell_style=CELL)
