"""The patient-education track: its pages, the urgency card, the question sheet, the support table, framed figures."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from helpers import style
from helpers.course import REPORT_AN_ERROR, review_dates
from helpers.data import DataFileError, load_table
from helpers.lessons.patients import (
    FIGURES,
    figure_note,
    figure_with_note,
    marker_chart,
    question_sheet,
    recurrence_chart,
    support_box,
    survival_chart,
    urgency_card,
)
from helpers.lessons.patients.sheets import card_levels
from helpers.schemas import allowed_url
from helpers.text import DISCLAIMER, esc
from helpers.urgency import levels, phrases_in

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "notebooks" / "patients").glob("[0-9][0-9]-*.ipynb"))
Edit = Callable[[str, Callable[[str], str]], Path]
BUILDERS = {"recurrence_chart": recurrence_chart, "marker_chart": marker_chart, "survival_chart": survival_chart}


def load(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def shown_html(nb: nbformat.NotebookNode) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def code(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


# --------------------------------------------------------------------------- the pages
def test_the_track_covers_the_topics_of_the_issue() -> None:
    names = " ".join(p.name for p in PAGES)
    for topic in ("metastasis", "contact-your-care-team", "follow-up", "tumour-markers", "statistic", "questions"):
        assert topic in names


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_a_page_shows_its_disclaimer_review_dates_and_how_to_report_an_error(path: Path) -> None:
    nb = load(path)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert DISCLAIMER in nb.cells[0].source
    last, due = review_dates(f"patients/{path.name}")
    header = "".join(o.get("data", {}).get("text/html", "") for o in nb.cells[1].outputs)
    assert f"Last reviewed: <strong>{last.day} {last:%B %Y}</strong>" in header
    assert f"Next review due: <strong>{due.day} {due:%B %Y}</strong>" in header
    assert 'class="patient-page"' in header and "@media print" in header
    assert REPORT_AN_ERROR in nb.cells[-1].source and DISCLAIMER in nb.cells[-1].source


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_a_page_is_committed_executed_small_and_clean(path: Path) -> None:
    nb = load(path)
    assert path.stat().st_size <= 100_000 and "widgets" not in nb.metadata
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in cells)
    outputs = [o for c in cells for o in c.outputs]
    assert not [o for o in outputs if o.output_type in ("error", "stream")], "stray output (a print, a warning)"
    assert all(len(c.outputs) == 1 for c in cells), "every code cell shows exactly one thing"
    assert "# NBVAL_CHECK_OUTPUT" in code(nb) and "sys.path" not in code(nb)
    assert all(len(c.source.splitlines()) <= 10 for c in cells), "a page's code cells stay short"
    assert "support_box(" in code(nb) or "figure_with_note(" in code(nb), "every page says where to get support"
    assert "page_sources(" in code(nb)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_links_between_pages_resolve(path: Path) -> None:
    links = re.findall(r"\]\(([^)#\s]+\.ipynb)\)", "\n".join(c.source for c in load(path).cells))
    assert links and all((path.parent / link).exists() for link in links)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_no_raw_source_id_or_working_note_is_shown(path: Path) -> None:
    nb = load(path)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown") + shown_html(nb)
    shown = re.sub(r'(?:href|id|aria-labelledby)="[^"]*"', "", text)
    ids = set(load_table("sources")["source_id"])
    assert not sorted(i for i in ids if re.search(rf"(?<![\w/.-]){re.escape(i)}(?![\w-])", shown))


SEEK = re.compile(r"\b(seek|contact|call|report|tell|be seen|assessed)\b", re.I)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_a_page_speaks_of_urgency_only_through_the_scale(path: Path) -> None:
    """As for the lessons: a sentence that says to seek care with a timing must name that timing's level."""
    scale = levels(load_table("urgency_levels"))
    names = {lv.level: lv.name.split(":")[0].lower() for lv in scale.values()}
    problems = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for sentence in re.split(r"(?<=[.!?])\s+|\n\s*[*-] ", "".join(cell["source"])):
            if SEEK.search(sentence):
                problems += [p for p, lv in phrases_in(sentence, scale) if not lv or names[lv] not in sentence.lower()]
    assert problems == []


# --------------------------------------------------------------------------- the urgency card
def test_the_card_shows_every_level_with_what_to_do_and_whom_to_contact() -> None:
    card = urgency_card()
    for lv in levels(load_table("urgency_levels")).values():
        for text in (lv.name, lv.how_soon, lv.what_to_do, lv.whom_to_contact, lv.symbol):
            assert esc(text) in card
    assert 'class="patient-sheet print-sheet urgency-card"' in card and "24-hour cancer helpline:" in card


def test_every_sign_on_the_card_sits_under_the_level_of_its_warning_sign() -> None:
    level_of = load_table("warning_signs").set_index("sign_id")["level"]
    plain = load_table("patient_signs").set_index("plain_words")["sign_id"]
    placed = {sign: item["level"].level for item in card_levels() for sign in item["signs"]}
    assert set(placed) == set(plain.index)
    assert all(placed[sign] == level_of[plain[sign]] for sign in placed)
    assert all(item["signs"] for item in card_levels()), "every level has signs"


def test_a_sign_moves_when_its_level_changes(edit: Edit, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = edit(
        "warning_signs.csv",
        lambda t: re.sub(r"^(bm_local_swelling,.*),green,", r"\1,red,", t, count=1, flags=re.M),
    )
    monkeypatch.setenv("METASTASIS_DATA_DIR", str(folder))
    red = next(item for item in card_levels() if item["level"].level == "red")
    assert "A swelling or lump over a bone" in red["signs"]


def test_the_card_words_carry_no_timing_of_their_own() -> None:
    scale = levels(load_table("urgency_levels"))
    level_of = load_table("warning_signs").set_index("sign_id")["level"]
    for row in load_table("patient_signs").to_dict("records"):
        found = phrases_in(row["plain_words"], scale)
        assert all(lv == level_of[row["sign_id"]] for _, lv in found), (row["sign_id"], found)
        assert not found, f"{row['sign_id']}: how soon comes from the level, not from the sign's words"


def test_a_plain_sign_must_name_a_warning_sign(edit: Edit) -> None:
    folder = edit("patient_signs.csv", lambda t: t.replace("bm_local_swelling,", "bm_no_such_sign,", 1))
    with pytest.raises(DataFileError) as err:
        load_table("patient_signs", folder)
    assert err.value.first.column == "sign_id" and err.value.first.row is not None


# --------------------------------------------------------------------------- the question sheet
def test_the_sheet_lists_every_question_under_its_topic_and_cites_its_lists() -> None:
    sheet = question_sheet()
    questions = load_table("question_prompts")
    assert all(esc(q) in sheet for q in questions["question"])
    for topic in ("bone", "follow-up", "tumour markers"):
        assert topic in sheet.lower()
    assert "Clayton 2003" in sheet and "National Cancer Institute 2012" in sheet
    assert 'class="patient-sheet print-sheet question-sheet"' in sheet


def test_a_quoted_question_cites_a_published_list() -> None:
    sources = load_table("sources").set_index("source_id")
    for row in load_table("question_prompts").to_dict("records"):
        assert sources.loc[row["source_id"], "kind"] in ("article", "review", "web_reference", "guideline")
        assert len(row["question"].split()) <= 14, f"{row['question_id']}: a question stays short"


def test_a_question_topic_outside_the_list_is_refused(edit: Edit) -> None:
    folder = edit("question_prompts.csv", lambda t: t.replace(",follow_up,", ",diet,", 1))
    with pytest.raises(DataFileError) as err:
        load_table("question_prompts", folder)
    assert err.value.first.column == "topic"


# --------------------------------------------------------------------------- support and further reading
def test_every_organisation_is_shown_with_its_address_written_out_as_text() -> None:
    box = support_box()
    sources = load_table("sources").set_index("source_id")
    for row in load_table("support_organisations").to_dict("records"):
        url = sources.loc[row["source_id"], "url"]
        assert allowed_url(url) and url.startswith("https://")
        assert esc(row["name"]) in box and f'<span class="url">{esc(url)}</span>' in box
    assert "<a " not in box, "the addresses are text: nothing is linked or fetched"
    names = " ".join(load_table("support_organisations")["name"])
    for needed in ("National Cancer Institute", "Cancer Research UK", "Macmillan", "American Cancer Society"):
        assert needed in names


def test_an_organisation_without_a_source_is_refused(edit: Edit) -> None:
    folder = edit("support_organisations.csv", lambda t: t.replace(",macmillan\n", ",nowhere\n", 1))
    with pytest.raises(DataFileError) as err:
        load_table("support_organisations", folder)
    assert err.value.first.column == "source_id"


# --------------------------------------------------------------------------- figures framed for patients
def test_every_figure_has_a_note_drawn_from_its_own_table() -> None:
    notes = load_table("patient_figures").set_index("figure_id")
    assert set(notes.index) == {i for ids in FIGURES.values() for i in ids}
    for figure_id, row in notes.iterrows():
        assert row["source_id"] in set(load_table(row["table"])["source_id"]), figure_id
        assert (ROOT / "notebooks" / row["page"]).exists()


@pytest.mark.parametrize("builder", list(FIGURES))
def test_a_chart_is_titled_labelled_in_large_type_in_safe_colours_with_a_text_alternative(builder: str) -> None:
    spec, sentences = BUILDERS[builder]()
    layout = spec.figure.layout
    assert layout.title.text and layout.xaxis.title.text and layout.font.size >= 18
    assert builder == "marker_chart" or layout.yaxis.title.text
    colours = {t.marker.color for t in spec.figure.data if t.marker and t.marker.color}
    assert colours and colours <= set(style.SAFE)
    assert sentences and all(s.endswith(".") for s in sentences)


@pytest.mark.parametrize("builder", list(FIGURES))
def test_a_figure_says_who_when_and_that_it_is_no_prediction_next_to_support(builder: str) -> None:
    html = figure_with_note(FIGURES[builder], ["A sentence."])
    notes = load_table("patient_figures").set_index("figure_id")
    for figure_id in FIGURES[builder]:
        row = notes.loc[figure_id]
        for column in ("what_it_counts", "population", "time_span", "era", "not_a_prediction"):
            assert esc(row[column]) in html, (figure_id, column)
        assert "This is not a prediction for you." in figure_note(figure_id)
    assert "Where to get support" in html or "If these numbers worry you" in html
    assert html.count('class="patient-figure-note"') == len(FIGURES[builder])


def test_every_chart_on_a_page_is_followed_by_its_note_and_support() -> None:
    for path in PAGES:
        source = code(load(path))
        for builder in re.findall(r"spec, sentences = (\w+)\(\)", source):
            assert f'figure_with_note(FIGURES["{builder}"], sentences)' in source, (path.name, builder)
            html = shown_html(load(path))
            assert "This is not a prediction for you." in html and "If these numbers worry you" in html
