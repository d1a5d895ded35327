"""The one myth table: every notebook shows the popular articles' claims the same way, escaped, with readable citations."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.data import load_table
from helpers.myths import VERDICTS, myth_table, select_myths
from helpers.text import html_table

MYTHS = load_table("myths")
COLUMNS = [
    "Popular article",
    "The popular article says",
    "Verdict",
    "What the evidence says",
    "Better figure",
    "Sources",
]


@pytest.mark.parametrize("topic", sorted(set(MYTHS["topic"])))
def test_each_topic_shows_all_its_myths_the_same_way(topic: str) -> None:
    table = myth_table(MYTHS, topic)
    assert list(table.columns) == COLUMNS and len(table) == (MYTHS["topic"] == topic).sum()
    assert table["The popular article says"].str.startswith("\u201c").all()
    assert set(table["Verdict"]) <= set(VERDICTS.values())
    assert table["Popular article"].isin(["The bone-metastasis article", "The gastric-cancer article"]).all()
    assert not table["Sources"].str.contains(r"\b[a-z]+\d{4}\b", regex=True).any()  # 'Yang 2011', never 'yang2011'


def test_named_extras_come_after_the_topic_once_and_unknown_ones_are_refused() -> None:
    rows = select_myths(MYTHS, "inside_bone", ["spinal_cord_haematopoietic", "spinal_cord_haematopoietic"])
    assert rows["myth_id"].tolist().count("spinal_cord_haematopoietic") == 1
    assert rows["myth_id"].iloc[-1] == "spinal_cord_haematopoietic"
    assert myth_table(MYTHS, "no_such_topic").empty
    with pytest.raises(KeyError, match="no_such_myth"):
        select_myths(MYTHS, "inside_bone", ["no_such_myth"])


def test_text_from_the_table_is_escaped() -> None:
    evil = MYTHS.copy()
    evil.loc[evil.index[0], ["seed_claim", "what_the_evidence_says", "better_figure"]] = "<script>alert(1)</script>"
    html = html_table(myth_table(evil, str(evil.loc[evil.index[0], "topic"])), "Myths")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_missing_better_figure_is_a_dash_not_nan() -> None:
    table = myth_table(pd.concat([MYTHS.iloc[[0]].assign(better_figure=None)]), str(MYTHS.iloc[0]["topic"]))
    assert table["Better figure"].iloc[0] == "\u2014"
