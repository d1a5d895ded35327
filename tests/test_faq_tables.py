"""Recurrence FAQ tables and answer text: complete, escaped, sourced."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.data import load_table
from helpers.lessons.recurrence_faq import answer_charts
from helpers.lessons.recurrence_faq import illustrations as ill
from helpers.lessons.recurrence_faq import tables as ft
from helpers.myths import myth_table


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: load_table(name) for name in answer_charts.FAQ_TABLES}


# The questions of the seed article (000), each with the FAQ row that answers it.
SEED_QUESTIONS = {
    "tumour markers rising": "markers_rising",
    "bone scan normal but ribs hurt": "bone_scan_normal_chest_pain",
    "can a recurrence be operated on": "reoperation",
    "treatments besides surgery": "other_treatments",
    "prevention and watching for recurrence": "followup_schedule",
    "signs: brain and bone": "signs_brain_bone",
    "signs: lung and pleura": "signs_lung_pleura",
    "signs: peritoneum": "signs_peritoneum",
    "signs: liver": "signs_liver",
    "how recurrence is confirmed": "how_confirmed",
}


def test_the_faq_answers_every_question_of_the_seed(tables: dict[str, pd.DataFrame]) -> None:
    faq_ids = set(tables["recurrence_faq"]["faq_id"])
    assert set(SEED_QUESTIONS.values()) <= faq_ids


def test_split_ids_and_labels() -> None:
    assert ft.split_ids("a; b;c ;") == ["a", "b", "c"]
    assert ft.category_label("follow_up") == "Follow-up"
    assert ft.category_label("new_kind") == "New kind"
    assert ft.question_label(3, "tests", "How?") == "3. Tests: How?"


def test_source_list_is_escaped_and_complete(tables: dict[str, pd.DataFrame]) -> None:
    sources = tables["sources"].copy()
    html = ft.source_list_html(["liang2016", "bmcsurg2022", "liang2016"], sources)
    assert html.count("<li ") == 2 and "https://doi.org/10.18632/oncotarget.10391" in html
    sources.loc[sources["source_id"] == "liang2016", "title"] = "<script>alert(1)</script>"
    sources.loc[sources["source_id"] == "liang2016", "year"] = pd.NA
    html = ft.source_list_html(["liang2016"], sources)
    assert "<script>" not in html and "&lt;script&gt;" in html and "(n.d.)" in html
    with pytest.raises(KeyError, match="unknown source"):
        ft.source_list_html(["no_such_source"], sources)


def test_answer_html_shows_every_part(tables: dict[str, pd.DataFrame]) -> None:
    row = tables["recurrence_faq"].set_index("faq_id").loc["markers_rising"].copy()
    row["faq_id"] = "markers_rising"
    html = ft.answer_html(row, position=1, total=12)
    assert "Question 1 of 12" in html and "Tests" in html
    assert "In short:" in html and "What the popular article said:" in html
    sources = ft.answer_sources_html(row, tables["sources"])
    assert "Liang Y, Wang W" in sources and "Comparison of CEA and CA19-9" in sources
    assert sources.count("<li ") == 2 and "not advice about any one person" in sources


def test_answer_html_escapes_and_handles_a_missing_seed_answer(tables: dict[str, pd.DataFrame]) -> None:
    row = tables["recurrence_faq"].iloc[0].copy()
    row["question"] = "<b onmouseover=x>Q</b>"
    row["long_answer"] = "A & B < C"
    row["seed_answer"] = None
    html = ft.answer_html(row, position=1, total=1)
    assert "<b onmouseover" not in html and "&lt;b onmouseover=x&gt;" in html
    assert "A &amp; B &lt; C" in html
    assert "The popular article does not answer this question." in html


def test_tumour_marker_table(tables: dict[str, pd.DataFrame]) -> None:
    table = ft.tumour_marker_table(tables["tumour_markers"], tables["sources"])
    assert len(table) == len(tables["tumour_markers"])
    combined = table[table["Marker"] == "CEA, CA19-9 and CA72-4 combined"].iloc[0]
    assert (
        combined["Study"] == "Liang 2016"
        and combined["Sensitivity"] == "48.2%"
        and combined["Specificity"] == "not given"
    )
    assert table[table["Marker"].str.startswith("CA19-9 raised after")]["Specificity"].iloc[0] == "93.3%"


def test_detection_table(tables: dict[str, pd.DataFrame]) -> None:
    table = ft.detection_table(tables["detection_methods"])
    assert len(table) == len(tables["detection_methods"])
    assert table.set_index("Test").loc["Bone scan (bone scintigraphy)", "Sensitivity"] == "86%"
    assert table.set_index("Test").loc["Plain X-ray (radiograph)", "Sensitivity"] == "no pooled figure"


def test_sites_for_question(tables: dict[str, pd.DataFrame]) -> None:
    signs = tables["warning_signs"].query("context == 'recurrence'")
    assert ft.sites_for_question("signs_brain_bone", signs) == ["brain", "bone"]
    assert ft.sites_for_question("signs_lung_pleura", signs) == ["lung_pleura"]
    assert ft.sites_for_question("something_else", signs) == list(dict.fromkeys(signs["site"]))


def test_recurrence_signs_table_names_each_level_and_its_timing(tables: dict[str, pd.DataFrame]) -> None:
    signs, levels = tables["warning_signs"], tables["urgency_levels"]
    table = ft.recurrence_signs_table(signs, levels, ["brain", "bone"])
    assert list(dict.fromkeys(table["Site"])) == ["Brain", "Bone"]
    assert set(table["Urgency level"]) <= {
        "Red: emergency (now: do not wait)",
        "Amber: urgent (within 24 hours)",
        "Green: not urgent (within a few days)",
    }
    red = table[table["Sign"].str.startswith("Sudden seizure")]
    assert red["Urgency level"].tolist() == ["Red: emergency (now: do not wait)"]
    assert red["What to do (general guidance)"].iloc[0].startswith(levels.set_index("level").loc["red", "what_to_do"])
    everything = ft.recurrence_signs_table(signs, levels)
    assert len(everything) == int((signs["context"] == "recurrence").sum())
    assert ft.recurrence_signs_table(signs, levels, []).empty
    cited = ft.recurrence_signs_table(signs, levels, ["brain"], tables["sources"])
    assert set(cited["Source"]) == {"Tse 2022"}


def test_followup_summary_table(tables: dict[str, pd.DataFrame]) -> None:
    table = ft.followup_summary_table(tables["followup_schedule"])
    assert list(table.columns) == [
        "Period after surgery",
        "The gastric-cancer article",
        "NCCN (older version)",
        "CSCO 2023",
    ]
    assert list(table["Period after surgery"]) == ["First 2 years", "Years 3\u20135", "After 5 years"]
    assert list(table["The gastric-cancer article"]) == ["every 3 months", "every 6 months", "every 12 months"]
    assert list(table["CSCO 2023"]) == ["every 3\u20136 months", "every 6\u201312 months", "every 12 months"]
    assert ft.followup_summary_table(tables["followup_schedule"].iloc[0:0]).empty


def test_guideline_and_myth_tables(tables: dict[str, pd.DataFrame]) -> None:
    guidelines = ft.guideline_table(tables["guideline_statements"])
    assert len(guidelines) == len(tables["guideline_statements"]) and guidelines["Year"].str.fullmatch(r"\d{4}").all()
    older = guidelines[guidelines["Status"].str.startswith("Older")]
    assert len(older) and not older["What it says"].str.startswith("Course note").any()
    # a current guideline the course could not read is said so, in the course's own words, never as a quotation
    unread = guidelines[guidelines["What it says"].str.startswith("Course note")]
    assert {"ESMO", "NCCN"} <= set(unread["Who"]) and set(unread["Status"]) == {"Current guideline"}
    myths = myth_table(tables["myths"], "recurrence_faq")
    expected = tables["myths"].query("topic == 'recurrence_faq'")
    assert len(myths) == len(expected) == 2
    assert list(myths["Verdict"]) == ["Imprecise", "Unsupported"]
    assert myths["Sources"].iloc[1] == "Chida 2008; Chiu 2009"
    assert myth_table(tables["myths"], "no_such_topic").empty


@pytest.mark.parametrize("name", ill.TABLE_ILLUSTRATIONS)
def test_table_illustrations_give_html(tables: dict[str, pd.DataFrame], name: str) -> None:
    html = ill.illustration_table_html(name, "signs_brain_bone", tables)
    assert html.startswith("<table") or name == "none"
    assert "This answer has no chart or table" in ill.illustration_table_html("none", "x", tables)


def test_chart_illustrations_give_no_table_and_unknown_is_an_error(tables: dict[str, pd.DataFrame]) -> None:
    assert all(ill.illustration_table_html(name, "x", tables) == "" for name in ill.CHART_ILLUSTRATIONS)
    with pytest.raises(KeyError):
        ill.illustration_table_html("pie_of_doom", "x", tables)
    with pytest.raises(KeyError):
        ill.illustration_source_ids("pie_of_doom", "x", tables)


def test_all_source_ids_are_known_unique_and_cover_the_answers(tables: dict[str, pd.DataFrame]) -> None:
    ids = ill.all_source_ids(tables)
    assert len(ids) == len(set(ids))
    assert set(ids) <= set(tables["sources"]["source_id"])
    for value in tables["recurrence_faq"]["source_ids"]:
        assert set(ft.split_ids(value)) <= set(ids)
    assert {"liang2016", "yang2014", "bmcsurg2022", "yang2011", "tse2022", "chida2008"} <= set(ids)
    assert "hipeccom_nd" not in ids, "peritoneal warning signs are not shown in this notebook"
