"""Follow-up chart and table builders: accessible figures, fixed trace counts, escaped data."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from helpers import style
from helpers.data import load_table
from helpers.lessons.follow_up_after_surgery import recurrence_timing, tables, timeline
from helpers.lessons.follow_up_after_surgery.dates import EXAMPLE_SURGERY_DATE, follow_up_plan, schedule_periods
from helpers.myths import VERDICTS, myth_table
from helpers.text import html_table

TODAY = date(2026, 11, 21)
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def schedules() -> pd.DataFrame:
    return load_table("followup_schedule")


@pytest.fixture
def timing() -> pd.DataFrame:
    return load_table("recurrence_timing")


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return load_table("sources")


def plan_for(
    schedules: pd.DataFrame, schedule_id: str = "seed", surgery: date = EXAMPLE_SURGERY_DATE, today: date = TODAY
):
    label = schedules.loc[schedules["schedule_id"] == schedule_id, "schedule_label"].iloc[0]
    return follow_up_plan(
        surgery, schedule_periods(schedules, schedule_id), today, schedule_id=schedule_id, schedule_label=label
    )


# --------------------------------------------------------------------------- recurrence timing
def test_recurrence_marks(timing: pd.DataFrame) -> None:
    two, five = recurrence_timing.recurrence_marks(timing)
    assert (two.years, two.low_pct, two.high_pct, two.n_series) == (2.0, 66.5, 79.0, 3)
    assert two.label() == "66.5\u201379% of recurrences within 2 years (3 series)"
    assert two.band_label().startswith("Most recurrences come early")
    assert (five.years, five.low_pct, five.n_series) == (5.0, 91.4, 1)


def test_band_says_most_only_when_every_series_is_above_half() -> None:
    mark = recurrence_timing.RecurrenceMark(2.0, 40.0, 79.0, 2)
    assert not mark.band_label().startswith("Most")


def test_recurrence_split_adds_up_to_100(timing: pd.DataFrame) -> None:
    split = recurrence_timing.recurrence_split(timing)
    assert split.groupby("source_id")["pct"].sum().round(6).eq(100).all()
    shin = split[split["source_id"] == "shin2016"]
    assert shin["span"].tolist() == ["Within 2 years", "Between 2 and 5 years", "After 5 years"]
    assert shin["pct"].tolist() == [68.4, 23.0, 8.6]
    dangelica = split[split["source_id"] == "dangelica2004"]
    assert dangelica["span"].tolist() == ["Within 2 years", "After 2 years (not split further)"]


def test_recurrence_timing_figure_is_accessible(timing: pd.DataFrame, sources: pd.DataFrame) -> None:
    fig = recurrence_timing.recurrence_timing_figure(timing, sources)
    assert fig.layout.title.text.startswith("In every series, most recurrences came within 2 years")
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert fig.layout.barmode == "stack"
    assert {t.marker.color for t in fig.data} <= set(style.SAFE)
    assert len({t.marker.pattern.shape for t in fig.data}) == len(fig.data)  # not colour alone
    within = fig.data[0]
    assert within.name == "Within 2 years" and list(within.x) == [79.0, 68.4, 66.5]
    assert "D&#39;Angelica 2004" in within.y


def test_recurrence_timing_title_is_neutral_when_not_every_series_is_above_half(
    timing: pd.DataFrame, sources: pd.DataFrame
) -> None:
    timing.loc[timing["source_id"] == "kang2015", "cumulative_pct_of_recurrences"] = 40.0
    assert recurrence_timing.recurrence_timing_figure(timing, sources).layout.title.text.startswith(
        "When recurrences came"
    )


def test_recurrence_timing_escapes_data(timing: pd.DataFrame, sources: pd.DataFrame) -> None:
    timing["population"] = EVIL + ": counted"
    fig = recurrence_timing.recurrence_timing_figure(timing, sources)
    hover = " ".join(h for t in fig.data for h in t.hovertext)
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    assert "<script>" not in html_table(recurrence_timing.timing_table(timing, sources), "t")


def test_describe_timing(timing: pd.DataFrame, sources: pd.DataFrame) -> None:
    lines = recurrence_timing.describe_timing(timing, sources)
    assert lines[1] == (
        "Shin 2016, Inje University Seoul Paik Hospital, Korea, 1998-2002: of the recurrences found, "
        "68.4% within 2 years, 23% between 2 and 5 years and 8.6% after 5 years."
    )
    assert len(lines) == timing["source_id"].nunique()


# --------------------------------------------------------------------------- the timeline
def test_timeline_has_title_axes_and_three_traces(schedules: pd.DataFrame, timing: pd.DataFrame) -> None:
    fig = timeline.timeline_figure(plan_for(schedules), recurrence_timing.recurrence_marks(timing))
    assert fig.layout.title.text.startswith("Follow-up visits: The gastric-cancer article")
    assert fig.layout.xaxis.title.text == timeline.X_TITLE and fig.layout.yaxis.title.text == timeline.Y_TITLE
    assert len(fig.data) == 3
    assert {fig.data[0].marker.color, fig.data[1].marker.color, fig.data[2].marker.color} <= set(style.SAFE)
    assert len({t.marker.symbol for t in fig.data}) == 3  # diamond, filled and open circles: not colour alone
    assert len(fig.data[1].x) == 6 and len(fig.data[2].x) == 13
    assert list(fig.layout.xaxis.ticktext[:3]) == ["Surgery<br>2025", "1 y<br>2026", "2 y<br>2027"]
    assert fig.layout.xaxis.tickvals[1] == "2026-03-03"


def test_timeline_band_and_today_line(schedules: pd.DataFrame, timing: pd.DataFrame) -> None:
    fig = timeline.timeline_figure(plan_for(schedules), recurrence_timing.recurrence_marks(timing))
    band = fig.layout.shapes[0]
    assert band.type == "rect" and (band.x0, band.x1) == ("2025-03-03", "2027-03-03")
    assert fig.layout.annotations[0].text.startswith("Most recurrences come early: 66.5\u201379%")
    today = [s for s in fig.layout.shapes if s.x0 == "2026-11-21"]
    assert len(today) == 1 and any(a.text == "Today, 21 Nov 2026" for a in fig.layout.annotations)
    far_past = timeline.timeline_figure(
        plan_for(schedules, surgery=date(2010, 1, 1)), recurrence_timing.recurrence_marks(timing)
    )
    assert not any(a.text.startswith("Today") for a in far_past.layout.annotations)
    assert len(far_past.data[2].x) == 0 and len(far_past.data[1].x) == 19


def test_timeline_for_a_future_date_says_plan(schedules: pd.DataFrame, timing: pd.DataFrame) -> None:
    fig = timeline.timeline_figure(
        plan_for(schedules, "nccn_least", date(2027, 5, 1)), recurrence_timing.recurrence_marks(timing)
    )
    assert "a plan" in fig.layout.title.text and fig.data[2].name.startswith("Planned")
    assert len(fig.data[1].x) == 0 and len(fig.data[2].x) == 12
    assert "Status: planned" in fig.data[2].hovertext[0]


def test_timeline_without_a_date_keeps_three_empty_traces_and_shows_the_message(timing: pd.DataFrame) -> None:
    message = "1 January 1980 is before 1 January 1990, the earliest date the calculator accepts: " + EVIL
    fig = timeline.timeline_figure(None, recurrence_timing.recurrence_marks(timing), message=message)
    assert len(fig.data) == 3 and all(len(t.x) == 0 for t in fig.data)
    text = fig.layout.annotations[0].text
    assert "<br>" in text and "<script>" not in text and "&lt;script&gt;" in text
    assert fig.layout.xaxis.title.text == timeline.X_TITLE


def test_timeline_escapes_the_schedule_label(schedules: pd.DataFrame, timing: pd.DataFrame) -> None:
    plan = follow_up_plan(EXAMPLE_SURGERY_DATE, schedule_periods(schedules, "seed"), TODAY, schedule_label=EVIL)
    fig = timeline.timeline_figure(plan, recurrence_timing.recurrence_marks(timing))
    assert "<script>" not in fig.layout.title.text and "&lt;script&gt;" in fig.layout.title.text


def test_describe_plan(schedules: pd.DataFrame, timing: pd.DataFrame) -> None:
    lines = timeline.describe_plan(plan_for(schedules), recurrence_timing.recurrence_marks(timing))
    assert "Years 1\u20132: a visit every 3 months (8 visits)." in lines
    assert "In all, 19 visits in 10 years." in lines
    assert any(
        line.startswith("A shaded band covers the first 2 years after surgery (to 3 Mar 2027)") for line in lines
    )
    assert (
        lines[-1]
        == "As of today (21 Nov 2026), 6 visits are past and 13 are to come; the next, visit 7, falls on 3 Dec 2026."
    )
    future = timeline.describe_plan(plan_for(schedules, surgery=date(2027, 1, 1)), [])
    assert "timeline is a plan" in future[-1]
    past = timeline.describe_plan(plan_for(schedules, surgery=date(2010, 1, 1)), [])
    assert "every visit drawn is in the past" in past[-1]


# --------------------------------------------------------------------------- schedules side by side
def test_visits_per_year_table(schedules: pd.DataFrame) -> None:
    table = tables.visits_per_year_table(schedules)
    assert list(table.columns) == ["Schedule"] + [f"Year {n}" for n in range(1, 11)] + ["Total in 10 years"]
    totals = dict(zip(table["Schedule"], table["Total in 10 years"]))
    assert (
        totals["The gastric-cancer article"] == 19 and totals["NCCN (older version), least frequent end of range"] == 12
    )
    assert len(table) == schedules["schedule_id"].nunique()


def test_schedule_rules_table(schedules: pd.DataFrame) -> None:
    table = tables.schedule_rules_table(schedules)
    assert list(table.columns) == ["Schedule", "Years 1\u20132", "Years 3\u20135", "Years 6\u201310", "Source"]
    seed = table.iloc[0]
    assert seed["Years 1\u20132"] == "every 3 months" and seed["Source"] == "none given (popular article)"
    assert table.iloc[2]["Years 3\u20135"] == "every 12 months" and table.iloc[2]["Source"] == "D'Ugo 2015"


def test_guideline_and_myth_tables_are_escaped() -> None:
    statements = load_table("guideline_statements")
    statements.loc[statements["statement_id"] == "csco_no_high_level_evidence", "statement"] = EVIL
    table = tables.guideline_table(statements, ["csco_no_high_level_evidence", "nccn_schedule"])
    assert table["Year"].tolist() == ["2023", "2015"] and table["Status"].iloc[1].startswith("Older")
    html = html_table(table, "Guidelines")
    assert "<script>" not in html and "&lt;script&gt;" in html
    myths = load_table("myths")
    myths.loc[myths["topic"] == "followup", "seed_claim"] = EVIL
    mt = myth_table(myths, "followup")
    assert len(mt) >= 1 and mt.iloc[0]["Verdict"] in VERDICTS.values()
    assert "<script>" not in html_table(mt, "Myths")
