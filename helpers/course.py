"""The course map, read from the notebooks themselves (title, objectives, time), so it never goes stale."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

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


def read_lesson(path: Path) -> Lesson:
    """Parse a notebook's first markdown cell: '# N. Title', its numbered objectives and 'Time to learn'."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = "".join(cells[0]["source"]) if cells else ""
    heading = re.search(r"^# (\d+)\. (.+)$", first, re.M)
    if not heading:
        raise ValueError(f"{path.name}: the first cell does not start with '# N. Title'")
    minutes = re.search(r"\*\*Time to learn:\*\*\D*(\d+)\s*min", first)
    block = first.split("**Learning objectives.**", 1)[1] if "**Learning objectives.**" in first else ""
    objectives = tuple(re.findall(r"^\d+\. (.+)$", block.split("\n\n|", 1)[0], re.M))
    return Lesson(int(heading.group(1)), heading.group(2).strip(), path.name, int(minutes.group(1)) if minutes else None, objectives)


def lessons(folder: Path | None = None) -> list[Lesson]:
    """Every numbered notebook of the course, in order."""
    found = (folder or notebook_dir()).glob("[0-9][0-9]-*.ipynb")
    return sorted((read_lesson(p) for p in found), key=lambda lesson: lesson.number)


def course_map(items: list[Lesson]) -> pd.DataFrame:
    """The course map as a table: number, title, what it teaches (first objective), time."""
    return pd.DataFrame(
        {
            "#": [lesson.number for lesson in items],
            "Notebook": [lesson.title for lesson in items],
            "You will be able to": [lesson.objectives[0].rstrip(";.") if lesson.objectives else "" for lesson in items],
            "Time": [f"{lesson.minutes} min" if lesson.minutes else "" for lesson in items],
        }
    )


def course_map_html(items: list[Lesson]) -> str:
    """The course map as an escaped HTML table whose titles link to the notebooks."""
    from helpers.text import esc

    rows = "".join(
        f'<tr><td>{lesson.number}</td><td><a href="{esc(lesson.filename)}">{esc(lesson.title)}</a></td>'
        f"<td>{esc(lesson.objectives[0].rstrip(';.') if lesson.objectives else '')}</td>"
        f"<td>{esc(f'{lesson.minutes} min' if lesson.minutes else '')}</td></tr>"
        for lesson in items
    )
    total = sum(lesson.minutes or 0 for lesson in items)
    return (
        '<table class="course-table"><caption>The course map (about '
        f"{total // 60} h {total % 60:02d} min in all)</caption>"
        '<thead><tr><th scope="col">#</th><th scope="col">Notebook</th><th scope="col">You will be able to</th>'
        f'<th scope="col">Time</th></tr></thead><tbody>{rows}</tbody></table>'
    )
