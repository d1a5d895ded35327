"""The session plans of ``data/session_formats.csv`` and ``data/session_plans.csv``, and the sums that must hold:
a plan's minutes in class (breaks included) are its length, and every lesson's rows, in class or out of it, add up
to that lesson's *Time to learn*."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.course import Lesson
from helpers.kit.content import WHOLE, LessonContent

MODES = {"pre_reading": "Pre-reading", "class": "In class", "break": "Break", "homework": "Homework"}


@dataclass(frozen=True)
class Totals:
    """The minutes of one plan."""

    teaching: int
    exercises: int
    discussion: int
    breaks: int

    @property
    def in_class(self) -> int:
        return self.teaching + self.exercises + self.discussion + self.breaks


def minutes(rows: pd.DataFrame) -> pd.Series:
    """Each row's minutes: teaching, exercises, discussion and break together."""
    return rows["teaching_min"] + rows["exercise_min"] + rows["discussion_min"] + rows["break_min"]


def class_totals(plans: pd.DataFrame, plan: str) -> Totals:
    """The minutes in class of one plan, split into teaching, exercises, discussion and breaks."""
    rows = plans[(plans["plan"] == plan) & plans["mode"].isin(["class", "break"])]
    return Totals(
        int(rows["teaching_min"].sum()),
        int(rows["exercise_min"].sum()),
        int(rows["discussion_min"].sum()),
        int(rows["break_min"].sum()),
    )


def timing_problems(formats: pd.DataFrame, plans: pd.DataFrame, content: list[LessonContent]) -> list[str]:
    """Every sum that does not add up, and every section that is not a heading of its notebook (empty when sound)."""
    problems = []
    by_code = {c.code: c for c in content}
    for fmt in formats.to_dict("records"):
        plan = fmt["plan"]
        rows = plans[plans["plan"] == plan]
        total = class_totals(plans, plan).in_class
        if total != fmt["class_minutes"]:
            problems.append(f"{plan}: {total} minutes in class, but the plan is {fmt['class_minutes']} minutes long")
        for code, item in by_code.items():
            lesson: Lesson = item.lesson
            spent = int(minutes(rows[rows["lesson"] == code]).sum())
            if spent != lesson.minutes:
                problems.append(f"{plan}: lesson {code} gets {spent} minutes, its time to learn is {lesson.minutes}")
        for row in rows.to_dict("records"):
            if row["mode"] == "break":
                continue
            found = by_code.get(str(row["lesson"]))
            if found is None:
                problems.append(f"{plan}, row {row['row']}: no lesson {row['lesson']!r}")
            elif row["section"] != WHOLE and row["section"] not in found.sections:
                problems.append(
                    f"{plan}, row {row['row']}: {row['section']!r} is not a heading of {found.lesson.filename}"
                )
    return problems
