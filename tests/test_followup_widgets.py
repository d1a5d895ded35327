"""The follow-up calculator: every control changes the chart in place; bad dates give a message, not a traceback."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import pytest

from helpers.data import load_table
from helpers.lessons.follow_up_after_surgery.dates import EXAMPLE_SURGERY_DATE
from helpers.lessons.follow_up_after_surgery.explorers import FollowupCalculator

TODAY = date(2026, 11, 21)


@pytest.fixture
def calc() -> FollowupCalculator:
    return FollowupCalculator(load_table("followup_schedule"), load_table("recurrence_timing"), today=TODAY)


def snapshot(fig: go.FigureWidget) -> str:
    return fig.to_json()


def test_starts_at_the_example_date_with_the_seed_schedule(calc: FollowupCalculator) -> None:
    assert calc.surgery.value == EXAMPLE_SURGERY_DATE and calc.schedule.value == "seed"
    assert calc.surgery.description and calc.schedule.description and calc.reset.description
    assert (
        "19 visits in 10 years" in calc.html["status"].value
        and "As of today (21 Nov 2026): 6 past, 13 to come." in calc.html["status"].value
    )
    assert "care team" in calc.html["status"].value
    assert "Visit dates" in calc.html["tables"].value and "3 Mar 2026" in calc.html["tables"].value
    assert "The timeline in words" in calc.text.value


def test_schedule_control_changes_the_chart_in_place(calc: FollowupCalculator) -> None:
    figure, before = calc.figure, snapshot(calc.figure)
    calc.schedule.value = "nccn_least"
    assert calc.figure is figure and snapshot(figure) != before
    assert len(figure.data[1].x) + len(figure.data[2].x) == 12
    assert (
        "NCCN (older version), least frequent" in figure.layout.title.text and "12 visits" in calc.html["status"].value
    )


def test_date_control_changes_the_chart_and_tables(calc: FollowupCalculator) -> None:
    before, tables = snapshot(calc.figure), calc.html["tables"].value
    calc.surgery.value = date(2025, 1, 31)
    assert snapshot(calc.figure) != before and calc.html["tables"].value != tables
    assert calc.figure.data[0].x == ("2025-01-31",)
    assert "30 Apr 2025" in calc.html["tables"].value  # 31 Jan + 3 months


def test_reset_button_goes_back_to_the_example_date(calc: FollowupCalculator) -> None:
    calc.surgery.value = None
    before = snapshot(calc.figure)
    calc.reset.click()
    assert calc.surgery.value == EXAMPLE_SURGERY_DATE and snapshot(calc.figure) != before
    calc.reset.click()  # already at the example: still fine
    assert "19 visits" in calc.html["status"].value


def test_every_control_changes_the_figure(calc: FollowupCalculator) -> None:
    for control, value in [(calc.schedule, "csco_least"), (calc.surgery, date(2020, 6, 30)), (calc.surgery, None)]:
        before = snapshot(calc.figure)
        control.value = value
        assert snapshot(calc.figure) != before, control.description


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "No surgery date yet"),
        (date(1985, 6, 1), "before 1 January 1990"),
        (date(2040, 1, 1), "more than 5 years from today"),
    ],
)
def test_unusable_dates_give_a_message_not_a_traceback(
    calc: FollowupCalculator, value: date | None, words: str
) -> None:
    calc.surgery.value = value
    assert "Check the date" in calc.html["status"].value and words in calc.html["status"].value
    assert len(calc.figure.data) == 3 and all(len(t.x) == 0 for t in calc.figure.data)
    assert words in calc.figure.layout.annotations[0].text
    assert "No tables yet" in calc.html["tables"].value and words in calc.text.value
    calc.schedule.value = "nccn_most"  # changing the schedule meanwhile is harmless
    assert "Check the date" in calc.html["status"].value
    calc.surgery.value = EXAMPLE_SURGERY_DATE  # and a good date brings everything back
    assert "19 visits" in calc.html["status"].value and len(calc.figure.data[2].x) > 0


def test_a_future_date_is_a_plan(calc: FollowupCalculator) -> None:
    calc.surgery.value = date(2027, 5, 1)
    assert "the timeline is a plan" in calc.html["status"].value
    assert len(calc.figure.data[1].x) == 0 and calc.figure.data[2].name.startswith("Planned")
    assert "To come" in calc.html["tables"].value and "Past" not in calc.html["tables"].value


def test_today_defaults_to_the_clock() -> None:
    calc = FollowupCalculator(load_table("followup_schedule"), load_table("recurrence_timing"))
    assert calc.today() == date.today()


def test_schedule_labels_from_data_are_escaped() -> None:
    schedules = load_table("followup_schedule")
    schedules.loc[schedules["schedule_id"] == "seed", "schedule_label"] = "<b>Seed</b>"
    calc = FollowupCalculator(schedules, load_table("recurrence_timing"), today=TODAY)
    assert "<b>Seed" not in calc.html["status"].value and "&lt;b&gt;Seed" in calc.html["status"].value
    assert "&lt;b&gt;Seed" in calc.figure.layout.title.text and "&lt;b&gt;Seed" in calc.text.value


def test_redraws_keep_the_course_template(calc: FollowupCalculator) -> None:
    template = calc.figure.template
    assert template["layout"]["plot_bgcolor"] == "white"  # sent once, when the widget was built
    calc.schedule.value = "csco_most"
    calc.surgery.value = None
    calc.surgery.value = date(2024, 2, 29)
    assert calc.figure.template == template and "template" not in calc.figure.spec["layout"]
