"""Plain language, measured: every patient page at grade 9 or below (goal 8), and the measure itself can fail."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import readability  # noqa: E402

PATIENT_PAGES = sorted((ROOT / "notebooks" / "patients").glob("[0-9][0-9]-*.ipynb"))

HARD = (
    "After curative gastrectomy in 149 patients, 7 of 15 (47%) with a raised postoperative CA19-9 developed a "
    "recurrence against 22 of 134 (16%), a difference that persisted after multivariable adjustment for "
    "clinicopathological characteristics including lymphovascular invasion."
)


def test_there_are_patient_pages() -> None:
    assert len(PATIENT_PAGES) >= 5


@pytest.mark.parametrize("path", PATIENT_PAGES, ids=lambda p: p.name)
def test_a_patient_page_reads_at_grade_9_or_below(path: Path) -> None:
    score = readability.score_text(readability.notebook_prose(path), path.name)
    assert score.words >= 200, f"{path.name}: only {score.words} words were measured"
    assert score.grade <= readability.PATIENT_LIMIT, f"{path.name} reads at grade {score.grade} (limit 9, goal 8)"


def test_the_measure_fails_on_a_hard_sentence() -> None:
    assert readability.score_text(HARD).grade > readability.PATIENT_LIMIT


def test_list_items_and_table_cells_are_sentences_and_code_and_references_are_not_prose() -> None:
    pieces = readability.markdown_pieces(
        "# Heading\n\n* one item here\n* another item\n\n| a | b |\n|---|---|\n| x | y |"
    )
    assert pieces == ["one item here", "another item"]
    html = (
        "<style>.x{}</style><p>A short sentence here.</p><table><tr><th>Head</th><td>12%</td>"
        "<td>a cell with enough words</td></tr></table>"
        '<ol class="course-references"><li>Very long title of an article about metastasis.</li></ol>'
    )
    assert readability.html_pieces(html) == ["A short sentence here.", "a cell with enough words"]
    assert readability.as_sentences(["no stop", "a stop."]) == "no stop. a stop."


def test_decimals_and_abbreviations_do_not_end_a_sentence() -> None:
    text = readability.as_sentences(["Sensitivity was 48.2% in Liang et al. and e.g. lower in others"])
    assert readability.score_text(text).sentences == 1


def test_the_report_covers_every_page_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "readability.json"
    assert readability.main(["--out", str(out)]) == 0
    written = json.loads(out.read_text())
    pages = {p["page"] for p in written["pages"]}
    assert {f"patients/{p.name}" for p in PATIENT_PAGES} <= pages
    assert {p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")} <= pages
    for page in written["pages"]:
        assert {"grade", "words_per_sentence", "long_word_pct", "goal", "meets_goal"} <= set(page)
        assert page["goal"] == (8 if page["track"] == "patient" else 12)
