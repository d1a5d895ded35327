"""Recurrence FAQ explorer: every control changes the view, in place, quickly, without an Output widget."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
import pytest

from helpers.data import load_table
from helpers.lessons.recurrence_faq import answer_charts, grouped_bars
from helpers.lessons.recurrence_faq import illustrations as ill
from helpers.lessons.recurrence_faq.explorers import FaqExplorer
from helpers.text import esc


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: load_table(name) for name in answer_charts.FAQ_TABLES}


@pytest.fixture
def explorer(tables: dict[str, pd.DataFrame]) -> FaqExplorer:
    return FaqExplorer(tables)


def walk(widget: w.Widget) -> list[w.Widget]:
    children = list(getattr(widget, "children", ()))
    return [widget] + [x for c in children for x in walk(c)]


def test_every_question_is_reachable_in_faq_order(explorer: FaqExplorer, tables: dict[str, pd.DataFrame]) -> None:
    faq_table = tables["recurrence_faq"].sort_values("order")
    assert [value for _, value in explorer.question.options] == faq_table["faq_id"].tolist()
    labels = [label for label, _ in explorer.question.options]
    assert labels[0].startswith("1. Tests: ") and any(
        ": " in label and "Signs of recurrence" in label for label in labels
    )


def test_every_question_shows_its_answer_seed_sources_and_illustration(
    explorer: FaqExplorer, tables: dict[str, pd.DataFrame]
) -> None:
    for row in tables["recurrence_faq"].itertuples(index=False):
        explorer.question.value = row.faq_id
        assert esc(row.short_answer) in explorer.html["answer"].value
        assert esc(row.long_answer) in explorer.html["answer"].value
        assert esc(row.seed_answer) in explorer.html["answer"].value
        assert explorer.html["sources"].value.count("<li ") == len(set(s.strip() for s in row.source_ids.split(";")))
        assert explorer.illustration == row.illustration
        charted = row.illustration in ill.CHART_ILLUSTRATIONS
        assert explorer.figure_box.layout.display == (None if charted else "none")
        assert explorer.text.value, row.faq_id
        assert ("The chart in words" in explorer.text.value) == charted
        assert len(explorer.figure.data) == grouped_bars.N_TRACES


def test_question_dropdown_changes_answer_and_chart_in_place(explorer: FaqExplorer) -> None:
    figure = explorer.figure
    answer, chart = explorer.html["answer"].value, figure.to_json()
    explorer.question.value = "signs_liver"  # tumour markers -> metastatic sites
    assert explorer.figure is figure
    assert explorer.html["answer"].value != answer and figure.to_json() != chart
    assert "gastric cancer spreads" in figure.layout.title.text
    assert [t.name.split(":")[0] for t in figure.data if t.visible] == ["Riihimäki 2016", "Sirody 2022", "Zhang 2020"]
    explorer.question.value = "markers_rising"
    assert figure.to_json() == chart and "tumour marker" in figure.layout.title.text


def test_switching_charts_leaves_no_stale_settings(explorer: FaqExplorer, tables: dict[str, pd.DataFrame]) -> None:
    for faq_id, name in [
        ("how_confirmed", "detection_methods"),
        ("when_recurrence", "recurrence_timing"),
        ("markers_rising", "tumour_markers"),
    ]:
        explorer.question.value = faq_id
        fresh = ill.chart_for(name, tables)
        assert list(explorer.figure.layout.yaxis.ticktext) == list(fresh.layout.yaxis.ticktext)
        assert explorer.figure.layout.barmode == fresh.layout.barmode
        assert [t.visible for t in explorer.figure.data] == [t.visible for t in fresh.data]


def test_table_questions_hide_the_chart_and_show_the_table(explorer: FaqExplorer) -> None:
    explorer.question.value = "signs_brain_bone"
    assert explorer.figure_box.layout.display == "none"
    assert explorer.text.value.startswith("<table") and "Brain" in explorer.text.value
    explorer.question.value = "followup_schedule"
    assert "every 3\u20136 months" in explorer.text.value
    explorer.question.value = "reoperation"
    assert "no chart or table" in explorer.text.value


def test_next_and_previous_buttons_walk_through_and_stop_at_the_ends(explorer: FaqExplorer) -> None:
    ids = explorer.stepper.values
    assert explorer.question.value == ids[0]
    assert explorer.stepper.previous.disabled and not explorer.stepper.next.disabled
    answer = explorer.html["answer"].value
    explorer.stepper.next.click()
    assert explorer.question.value == ids[1] and explorer.html["answer"].value != answer
    assert not explorer.stepper.previous.disabled
    explorer.stepper.previous.click()
    assert explorer.question.value == ids[0]
    explorer.stepper.previous.click()  # at the first question: stays
    assert explorer.question.value == ids[0]
    for _ in range(len(ids) + 2):
        explorer.stepper.next.click()
    assert explorer.question.value == ids[-1] and explorer.stepper.next.disabled


def test_each_control_changes_the_view(explorer: FaqExplorer) -> None:
    def state() -> tuple[str, str, str, str]:
        return (
            explorer.html["answer"].value,
            explorer.text.value,
            explorer.html["sources"].value,
            explorer.figure.to_json(),
        )

    for act in (
        lambda: setattr(explorer.question, "value", "when_recurrence"),
        explorer.stepper.next.click,
        explorer.stepper.previous.click,
    ):
        before = state()
        act()
        assert state() != before


def test_view_has_no_output_widget_and_named_controls(explorer: FaqExplorer) -> None:
    widgets = walk(explorer.view())
    assert not [x for x in widgets if isinstance(x, w.Output)]
    controls = [x for x in widgets if isinstance(x, (w.Dropdown, w.Button))]
    assert len(controls) == 3 and all(c.description for c in controls)


def test_text_from_data_is_escaped_in_the_view(tables: dict[str, pd.DataFrame]) -> None:
    changed = dict(tables)
    bad = tables["recurrence_faq"].copy()
    bad.loc[bad["faq_id"] == "markers_rising", "short_answer"] = "<script>alert(1)</script>"
    changed["recurrence_faq"] = bad
    explorer = FaqExplorer(changed)
    assert "<script>" not in explorer.html["answer"].value and "&lt;script&gt;" in explorer.html["answer"].value


def test_missing_tables_or_empty_faq_are_refused(tables: dict[str, pd.DataFrame]) -> None:
    with pytest.raises(KeyError, match="needs the tables"):
        FaqExplorer({k: v for k, v in tables.items() if k != "tumour_markers"})
    empty = dict(tables)
    empty["recurrence_faq"] = tables["recurrence_faq"].iloc[0:0]
    with pytest.raises(ValueError, match="no questions"):
        FaqExplorer(empty)


def test_an_invalid_question_is_rejected_by_the_dropdown(explorer: FaqExplorer) -> None:
    from traitlets import TraitError

    with pytest.raises(TraitError):
        explorer.question.value = "no_such_question"
    explorer.stepper.next.click()
    assert explorer.question.value == explorer.stepper.values[1]
