"""The course map, read from the notebooks themselves (title, objectives, time), so it never goes stale."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import mistune
import pandas as pd

_MARKDOWN = mistune.create_markdown(escape=True)

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


def notebook_dir() -> Path:
    """The course's notebooks: beside the package in a clone, else the folder being run from."""
    return NOTEBOOK_DIR if NOTEBOOK_DIR.is_dir() else Path.cwd()


@dataclass(frozen=True)
class Lesson:
    """One notebook of the course, as its first cell describes it."""

    number: int
    title: str
    filename: str
    minutes: int | None
    objectives: tuple[str, ...]


def _objectives(block: str) -> tuple[str, ...]:
    """The numbered items of an objectives list, each whole (an item may run over several indented lines)."""
    items: list[str] = []
    for line in block.split("\n\n|", 1)[0].splitlines():
        start = re.match(r"^\d+\. (.+)$", line)
        if start:
            items.append(start.group(1).strip())
        elif items and line.startswith("   ") and line.strip():
            items[-1] += " " + line.strip()
    return tuple(items)


def read_lesson(path: Path) -> Lesson:
    """Parse a notebook's first markdown cell: '# N. Title', its numbered objectives and 'Time to learn'."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = "".join(cells[0]["source"]) if cells else ""
    heading = re.search(r"^# (\d+)\. (.+)$", first, re.M)
    if not heading:
        raise ValueError(f"{path.name}: the first cell does not start with '# N. Title'")
    minutes = re.search(r"\*\*Time to learn:\*\*\D*(\d+)\s*min", first)
    block = first.split("**Learning objectives.**", 1)[1] if "**Learning objectives.**" in first else ""
    return Lesson(
        int(heading.group(1)),
        heading.group(2).strip(),
        path.name,
        int(minutes.group(1)) if minutes else None,
        _objectives(block),
    )


def lessons(folder: Path | None = None) -> list[Lesson]:
    """Every numbered notebook of the course, in order."""
    found = (folder or notebook_dir()).glob("[0-9][0-9]-*.ipynb")
    return sorted((read_lesson(p) for p in found), key=lambda lesson: lesson.number)


def inline_markdown(text: str) -> str:
    """Markdown emphasis rendered as HTML (mistune), with any HTML in the text escaped; no enclosing paragraph."""
    html = str(_MARKDOWN(text)).strip()
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html


def plain_text(text: str) -> str:
    """The text with markdown emphasis marks removed ('*invasion*' -> 'invasion')."""
    return re.sub(r"(\*\*|\*|`)(.+?)\1", r"\2", text)


def course_map(items: list[Lesson]) -> pd.DataFrame:
    """The course map as a table: number, title, every learning objective (plain text), time."""
    return pd.DataFrame(
        {
            "#": [lesson.number for lesson in items],
            "Notebook": [lesson.title for lesson in items],
            "You will be able to": [
                "; ".join(plain_text(o).rstrip(";.") for o in lesson.objectives) for lesson in items
            ],
            "Time": [f"{lesson.minutes} min" if lesson.minutes else "" for lesson in items],
        }
    )


def course_map_html(items: list[Lesson]) -> str:
    """The course map as an HTML table whose titles link to the notebooks, every objective whole and rendered."""
    from helpers.html import render
    from helpers.text import CELL

    total = sum(lesson.minutes or 0 for lesson in items)
    shown = [
        {**lesson.__dict__, "objectives": [o.rstrip(";.") for o in lesson.objectives]}  # a frozen dataclass: its fields
        for lesson in items
    ]
    return render("course_map.html.j2", lessons=shown, hours=total // 60, minutes=total % 60, cell_style=CELL)


# --------------------------------------------------------------------------- review dates
#: Where a reader reports an error in the content (the repository's issue form).
REPORT_AN_ERROR = "https://github.com/metastasis-course/metastasis-course/issues/new?template=content-error.yml"


def review_dates(filename: str) -> tuple[date, date]:
    """(last reviewed, next review due) of one notebook, from data/course_review.csv."""
    from helpers.data import load_table

    table = load_table("course_review").set_index("notebook")
    if filename not in table.index:
        raise KeyError(f"data/course_review.csv has no row for {filename!r}")
    row = table.loc[filename]
    return date.fromisoformat(row["last_reviewed"]), date.fromisoformat(row["next_review_due"])


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def review_note(filename: str) -> str:
    """The line each notebook shows under its title: its review dates and how to report an error."""
    from helpers.html import render

    last, due = review_dates(filename)
    return render("review_note.html.j2", last=_long(last), due=_long(due), report=REPORT_AN_ERROR)
