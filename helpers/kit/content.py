"""What the kit reads from the notebooks themselves: sections, key points, exercises with their solutions, and the
glossary terms each lesson uses. Reading them from the notebooks keeps the kit from drifting away from the course."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.course import Lesson, lessons, notebook_dir

WHOLE = "(whole notebook)"


@dataclass(frozen=True)
class Exercise:
    """A notebook's exercise: the task and the solution hidden behind *Show a solution*."""

    task: str
    solution: str


@dataclass(frozen=True)
class LessonContent:
    """One lesson as the kit uses it."""

    lesson: Lesson
    sections: tuple[str, ...]
    key_points: tuple[str, ...]
    exercises: tuple[Exercise, ...]
    markdown: str

    @property
    def code(self) -> str:
        """The lesson's number as the data tables write it ('04')."""
        return f"{self.lesson.number:02d}"


def _markdown_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def _bullets(block: str) -> tuple[str, ...]:
    items: list[str] = []
    for line in block.splitlines():
        if line.startswith("* "):
            items.append(line[2:].strip())
        elif items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()
    return tuple(items)


def _section(text: str, heading: str) -> str:
    """The text under '## heading' up to the next '## ' heading."""
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    return match.group(1) if match else ""


def _exercises(cells: list[str]) -> tuple[Exercise, ...]:
    found = []
    for cell in cells:
        if "### Exercise" not in cell:
            continue
        body = cell.split("### Exercise", 1)[1]
        task, _, rest = body.partition("<details>")
        solution = rest.split("</summary>", 1)[-1].split("</details>", 1)[0]
        found.append(Exercise(task.strip(), solution.strip()))
    return tuple(found)


def read_content(lesson: Lesson) -> LessonContent:
    """A lesson's sections, key points and exercises, read from its notebook."""
    cells = _markdown_cells(notebook_dir() / lesson.filename)
    text = "\n\n".join(cells)
    sections = tuple(re.findall(r"^## (.+?)\s*$", text, re.M))
    return LessonContent(lesson, sections, _bullets(_section(text, "Key points")), _exercises(cells), text)


def all_content() -> list[LessonContent]:
    """Every lesson of the course, in order."""
    return [read_content(lesson) for lesson in lessons()]


def _names(term: str) -> list[str]:
    """'circulating tumour cell (CTC)' -> ['circulating tumour cell', 'CTC']."""
    base = re.sub(r"\s*\(.*?\)", "", term).strip()
    inside = re.findall(r"\((.*?)\)", term)
    return [n for n in [base, *inside] if len(n) >= 3]


def glossary_terms(content: LessonContent, glossary: pd.DataFrame) -> pd.DataFrame:
    """The glossary rows whose term (or its abbreviation) the lesson's text uses."""
    text = content.markdown.lower()

    def used(term: str) -> bool:
        return any(re.search(rf"(?<![\w-]){re.escape(n.lower())}(e?s)?(?![\w-])", text) for n in _names(term))

    return glossary[[used(str(t)) for t in glossary["term"]]]
