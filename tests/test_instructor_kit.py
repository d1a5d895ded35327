"""The instructor guide: session plans whose minutes add up, notes for every lesson, case scenarios tied to the
urgency scale, and an answer key with every self-check and exercise, all generated from the notebooks and data/."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.course import lessons
from helpers.data import load_table
from helpers.kit.content import all_content
from helpers.kit.guide import guide_files, level_block
from helpers.kit.plans import timing_problems
from helpers.self_checks import load_checks
from helpers.urgency import levels, phrases_in

ROOT = Path(__file__).resolve().parents[1]
SEEK = re.compile(
    r"\b(seek|contact|call|called|phone|report|reported|tell|told|pass|passed|get in touch|be seen|assessed)\b", re.I
)
SCALE = levels(load_table("urgency_levels"))
CONTENT = all_content()


def readme_minutes() -> dict[int, int]:
    """The Time column of the README's notebook table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {int(n): int(m) for n, m in re.findall(r"^\| (\d) \| \[.*\| (\d+) min \|$", text, re.M)}


def test_readme_and_notebooks_give_the_same_lesson_times() -> None:
    assert readme_minutes() == {lesson.number: lesson.minutes for lesson in lessons()}
    assert sum(readme_minutes().values()) == 200


def test_session_plans_add_up() -> None:
    assert timing_problems(load_table("session_formats"), load_table("session_plans"), CONTENT) == []


def test_a_plan_that_does_not_add_up_is_reported() -> None:
    plans = load_table("session_plans").copy()
    first = plans.index[(plans["plan"] == "lecture_50") & (plans["mode"] == "class")][0]
    plans.loc[first, "discussion_min"] += 5
    plans.loc[plans.index[-1], "section"] = "No such heading"
    problems = timing_problems(load_table("session_formats"), plans, CONTENT)
    assert any("55 minutes in class" in p for p in problems)
    assert any("lesson 01 gets 30 minutes" in p for p in problems)
    assert any("'No such heading' is not a heading" in p for p in problems)


def test_the_committed_guide_is_up_to_date() -> None:
    folder = ROOT / "instructors"
    files = guide_files()
    assert sorted(p.name for p in folder.glob("*.md")) == sorted(files)
    stale = [name for name, text in files.items() if (folder / name).read_text(encoding="utf-8") != text]
    assert stale == [], f"run `make instructors`: {stale} are out of date"


@pytest.mark.parametrize("lesson", [c.code for c in CONTENT])
def test_every_lesson_has_notes(lesson: str) -> None:
    cases = load_table("case_scenarios")
    assert 1 <= (cases["lesson"] == lesson).sum() <= 2
    assert (load_table("discussion_prompts")["lesson"] == lesson).sum() >= 1
    assert (load_table("misconceptions")["lesson"] == lesson).sum() >= 1
    text = guide_files()[f"lesson-{lesson}.md"]
    for heading in (
        "Learning objectives and the questions",
        "Common misconceptions",
        "Discussion prompts",
        "Case scenarios",
    ):
        assert f"## {heading}" in text
    assert "(none yet)" not in text, "every objective is assessed by a question"


def test_misconceptions_point_to_real_sections_and_checks_of_their_lesson() -> None:
    by_code = {c.code: c for c in CONTENT}
    checks = load_checks()
    for row in load_table("misconceptions").to_dict("records"):
        assert row["section"] in by_code[row["lesson"]].sections, row["misconception_id"]
        assert checks[row["check_id"]].notebook == row["lesson"], row["misconception_id"]


def test_case_scenarios_take_their_timing_from_the_scale_only() -> None:
    signs = load_table("warning_signs").set_index("sign_id")
    for row in load_table("case_scenarios").to_dict("records"):
        level = signs.loc[row["sign_id"], "level"]
        assert "{level}" in row["good_answer"] or "{" + level + "}" in row["good_answer"], row["case_id"]
        for column in ("title", "scenario", "good_answer"):
            assert phrases_in(row[column], SCALE) == [], f"{row['case_id']}, {column}: a timing of its own"
    for row in load_table("misconceptions").to_dict("records"):
        assert phrases_in(row["misconception"] + " " + row["how_the_lesson_addresses_it"], SCALE) == []


def _sentences(text: str) -> list[str]:
    for lv in SCALE.values():  # a level's own wording, and its name ('Green: not urgent'), carry its timing
        text = text.replace(level_block(lv), "").replace(lv.name, lv.name.split(":")[0])
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


def free_timings(text: str) -> list[str]:
    """Outside a level's own wording, a sentence that tells a reader to seek care and names a timing must name that
    timing's level (the rule tests/test_urgency.py applies to the notebooks)."""
    names = {lv.level: lv.name.split(":")[0].lower() for lv in SCALE.values()}
    problems = []
    for sentence in _sentences(text):
        if not SEEK.search(sentence):
            continue
        for phrase, level in phrases_in(sentence, SCALE):
            if not level or names[level] not in sentence.lower():
                problems.append(f"{phrase!r} in {sentence.strip()[:100]!r}")
    return problems


@pytest.mark.parametrize("name", sorted(guide_files()))
def test_the_guide_speaks_of_urgency_only_through_the_scale(name: str) -> None:
    assert free_timings(guide_files()[name]) == []


def test_a_free_text_timing_is_caught() -> None:
    assert free_timings("Call the team promptly.") and free_timings("Tell the care team within 24 hours.")
    assert free_timings(level_block(SCALE["amber"])) == []


def test_level_wording_comes_from_the_urgency_table() -> None:
    text = guide_files()["lesson-04.md"]
    red = SCALE["red"]
    assert red.what_to_do in text and red.whom_to_contact in text and red.how_soon in text


def test_the_answer_key_has_every_question_and_exercise_and_stays_out_of_the_notebooks() -> None:
    key = guide_files()["answer-key.md"]
    for check in load_checks().values():
        assert f"`{check.check_id}`" in key
        assert all(o.feedback in key for o in check.options)
    exercises = [e for c in CONTENT for e in c.exercises]
    assert len(exercises) >= 7 and all(e.solution[:60] in key for e in exercises)
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        assert "answer-key" not in path.read_text(encoding="utf-8")


def test_plans_cover_every_lesson_in_each_plan() -> None:
    plans = load_table("session_plans")
    for plan in load_table("session_formats")["plan"]:
        taught = set(plans.loc[(plans["plan"] == plan) & plans["lesson"].notna(), "lesson"])
        assert taught == {c.code for c in CONTENT}
    assert pd.api.types.is_integer_dtype(plans["teaching_min"])
