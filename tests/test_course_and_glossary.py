"""The course map (read from the notebooks) and the glossary search."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.course import course_map, course_map_html, lessons, read_lesson
from helpers.data import load_table
from helpers.lessons.start_here.explorers import GlossarySearch, glossary_html, matching_terms

ROOT = Path(__file__).resolve().parent.parent


def test_every_notebook_is_a_numbered_lesson_with_objectives_and_time() -> None:
    items = lessons()
    assert [lesson.number for lesson in items] == list(range(len(items)))
    for lesson in items:
        assert lesson.objectives, lesson.filename
        assert lesson.minutes and 5 <= lesson.minutes <= 60, lesson.filename


def test_course_map_links_and_escapes(tmp_path: Path) -> None:
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "source": "# 1. <b>Bold</b> title\n\n**Learning objectives.** x\n\n1. learn <i>it</i>;\n\n**Time to learn:** about 15 minutes.",
            }
        ]
    }
    path = tmp_path / "01-x.ipynb"
    import json

    path.write_text(json.dumps(nb))
    lesson = read_lesson(path)
    assert lesson.minutes == 15 and lesson.objectives == ("learn <i>it</i>;",)
    assert "<i>it" not in course_map_html([lesson]) and "&lt;i&gt;it" in course_map_html([lesson])
    html = course_map_html([lesson])
    assert "<b>Bold" not in html and "&lt;b&gt;Bold" in html and 'href="01-x.ipynb"' in html
    assert list(course_map([lesson]).columns) == ["#", "Notebook", "You will be able to", "Time"]


def test_a_notebook_without_a_numbered_title_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "09-x.ipynb"
    path.write_text('{"cells": [{"cell_type": "markdown", "source": "no title"}]}')
    with pytest.raises(ValueError, match=r"N\. Title"):
        read_lesson(path)


def test_readme_lists_every_notebook() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for lesson in lessons():
        assert f"(notebooks/{lesson.filename})" in readme, f"README does not list {lesson.filename}"


def test_glossary_search_filters_and_escapes() -> None:
    glossary = load_table("glossary")
    search = GlossarySearch(glossary)
    everything = search.text.value
    search.query.value = "osteoclast"
    assert search.text.value != everything and "steoclast" in search.text.value
    search.query.value = "zzzz-no-such-term"
    assert "No term matches" in search.text.value
    rows = pd.DataFrame({"term": ["<script>x</script>"], "definition": ["a & b"]})
    assert "<script>" not in glossary_html(rows) and "a &amp; b" in glossary_html(rows)
    assert len(matching_terms(glossary, "  ")) == len(glossary)


def test_the_course_map_shows_every_objective_whole_and_rendered(tmp_path: Path) -> None:
    import json

    source = "# 1. T\n\n**Learning objectives.** x\n\n1. tell apart *invasion*\n   and **anoikis**;\n2. read a scale.\n\n| a |\n|---|\n\n**Time to learn:** about 15 minutes."
    path = tmp_path / "01-x.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": source}]}))
    lesson = read_lesson(path)
    assert lesson.objectives == ("tell apart *invasion* and **anoikis**;", "read a scale.")
    html = course_map_html([lesson])
    assert (
        "<li>tell apart <em>invasion</em> and <strong>anoikis</strong></li><li>read a scale</li>" in html
        and "*" not in html
    )
    assert course_map([lesson])["You will be able to"].iloc[0] == "tell apart invasion and anoikis; read a scale"
    for real in lessons():
        assert all(o.rstrip().endswith((";", ".")) for o in real.objectives), real.filename  # none cut off mid-sentence
