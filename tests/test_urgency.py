"""The one urgency scale: every sign names one level, and no text names a timing its level does not allow."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.data import load_table
from helpers.urgency import badge_html, levels, phrases_in, scale_html, timing_conflicts

ROOT = Path(__file__).resolve().parents[1]

#: Free text that learners read and that may speak of how soon to seek care: none of it may carry its own
#: timing ("promptly", "the same day"); the advice comes from the signs' levels.
ANSWER_COLUMNS = {
    "recurrence_faq": ("short_answer", "long_answer"),
    "myths": ("what_the_evidence_says", "better_figure"),
    "glossary": ("definition",),
}


@pytest.fixture
def scale() -> dict:
    return levels(load_table("urgency_levels"))


def test_the_scale_has_three_levels_most_urgent_first(scale: dict) -> None:
    assert list(scale) == ["red", "amber", "green"]
    phrases = [p for lv in scale.values() for p in lv.time_phrases]
    assert len(phrases) == len(set(phrases)), "a timing phrase belongs to one level only"


def test_no_sign_names_a_timing_its_level_does_not_allow(scale: dict) -> None:
    assert timing_conflicts(load_table("warning_signs"), scale) == []


@pytest.mark.parametrize(
    ("level", "text", "expected"),
    [
        (
            "green",
            "Contact your cancer team urgently, within 24 hours.",
            {"'urgently' belongs to level 'amber'", "'within 24 hours' belongs to level 'amber'"},
        ),
        (
            "amber",
            "This is an emergency: seek care immediately.",
            {"'emergency' belongs to level 'red'", "'immediately' belongs to level 'red'"},
        ),
        ("red", "Tell your care team promptly.", {"'promptly' names no defined timing"}),
        ("amber", "NICE advised contacting the team within 24 hours.", set()),
    ],
)
def test_a_conflicting_timing_is_found(scale: dict, level: str, text: str, expected: set[str]) -> None:
    sign = pd.DataFrame(
        [{"sign_id": "x", "sign": "A sign", "details": text, "mechanism": "m", "advice": None, "level": level}]
    )
    found = timing_conflicts(sign, scale)
    assert {f.split(": ", 1)[1].split(", but")[0] for f in found} == expected


def test_answers_shown_to_learners_carry_no_timing_of_their_own(scale: dict) -> None:
    found = []
    for table, columns in ANSWER_COLUMNS.items():
        for row in load_table(table).to_dict("records"):
            for column in columns:
                found += [
                    (table, column, phrase)
                    for phrase, _ in phrases_in(row.get(column), scale)
                    if phrase not in ("emergency", "emergencies")
                ]
    assert found == []


SEEK = re.compile(r"\b(seek|contact|call|report|reported|tell|told|care the|be seen|assessed)\b", re.I)


def _notebook_sentences() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            out += [(path.name, s) for s in re.split(r"(?<=[.!?])\s+|\n\s*[*-] ", text)]
    return out


def test_notebooks_speak_of_urgency_only_through_the_scale(scale: dict) -> None:
    """A sentence that tells a reader to seek care and names a timing must name that timing's level too."""
    names = {lv.level: lv.name.split(":")[0].lower() for lv in scale.values()}
    problems = []
    for notebook, sentence in _notebook_sentences():
        if not SEEK.search(sentence):
            continue
        for phrase, level in phrases_in(sentence, scale):
            if not level or names[level] not in sentence.lower():
                problems.append(f"{notebook}: {phrase!r} in {sentence.strip()[:120]!r}")
    assert problems == []


def test_a_level_is_never_shown_by_colour_alone(scale: dict) -> None:
    for lv in scale.values():
        html = badge_html(lv)
        assert lv.name in html and lv.how_soon in html and lv.colour in html
    assert all(lv.name in scale_html(scale) for lv in scale.values())
