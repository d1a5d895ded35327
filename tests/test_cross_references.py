"""Every "notebook N" a lesson points to exists, links carry the right title, and a topic is sent where it is taught."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.course import lessons

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))

#: Where each topic is taught: a sentence that names the topic and "notebook N" must name this N.
TAUGHT_IN: dict[str, int] = {
    "seed and soil": 3,
    "vicious cycle": 3,
    "urgency scale": 4,
    "warning signs": 4,
    "signs of recurrence": 6,
    "tnm": 1,
    "lymph": 1,
    "follow-up schedule": 7,
    "portal vein": 5,
}


def _markdown(path: Path) -> str:
    return "\n".join(
        "".join(c["source"])
        for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "markdown"
    )


def _sentences(path: Path) -> list[str]:
    return re.split(r"(?<=[.!?])\s+|\n\s*[*-] ", _markdown(path))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_number_named_exists(path: Path) -> None:
    numbers = {lesson.number for lesson in lessons()}
    named = {int(n) for n in re.findall(r"\bnotebooks? \[?(\d+)", _markdown(path), re.I)}
    named |= {int(n) for n in re.findall(r"\bnotebooks? \d+ and (\d+)", _markdown(path), re.I)}
    assert named <= numbers, f"{path.name} names notebooks {sorted(named - numbers)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_carry_the_number_and_title_of_the_notebook_they_open(path: Path) -> None:
    titles = {lesson.filename: (lesson.number, lesson.title) for lesson in lessons()}
    for number, title, target in re.findall(
        r"\[(?:[←→] )?(\d+)\. ([^\]→←]+?)(?: [←→])?\]\((\d\d-[^)#]+\.ipynb)\)", _markdown(path)
    ):
        assert target in titles, f"{path.name} links to {target}"
        real_number, real_title = titles[target]
        ok = int(number) == real_number and real_title.startswith(title.strip())  # a short form of the title is fine
        assert ok, f"{path.name}: [{number}. {title}] opens {target}, which is {real_number}. {real_title}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_topic_is_sent_to_the_notebook_that_teaches_it(path: Path) -> None:
    wrong = []
    for sentence in _sentences(path):
        numbers = {int(n) for n in re.findall(r"\bnotebook \[?(\d+)", sentence, re.I)}
        if len(numbers) != 1:
            continue
        for topic, where in TAUGHT_IN.items():
            if topic in sentence.lower() and where not in numbers:
                wrong.append(
                    f"{topic!r} sent to notebook {numbers.pop()} (taught in {where}): {sentence.strip()[:100]}"
                )
                break
    assert not wrong, wrong


def test_the_check_catches_the_mistakes_a_review_found() -> None:
    found = []
    for sentence in [
        'the "seed and soil" idea of notebook 1.',
        "Early peritoneal spread causes no symptoms (the signs of recurrence in notebook 4).",
    ]:
        numbers = {int(n) for n in re.findall(r"\bnotebook \[?(\d+)", sentence, re.I)}
        found += [t for t, where in TAUGHT_IN.items() if t in sentence.lower() and where not in numbers]
    assert found == ["seed and soil", "signs of recurrence"]
