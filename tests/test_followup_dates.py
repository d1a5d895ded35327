"""Follow-up visit dates: calendar months (not days), month ends, leap years, input checks, "today"."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from helpers.data import load_table
from helpers.lessons.follow_up_after_surgery.dates import (
    EXAMPLE_SURGERY_DATE,
    MIN_SURGERY_DATE,
    Period,
    add_months,
    anniversaries,
    check_surgery_date,
    follow_up_plan,
    format_date,
    month_end_demo,
    parse_date,
    schedule_periods,
    visit_months,
    visits_frame,
    visits_per_year,
    years_label,
)

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def schedules() -> pd.DataFrame:
    return load_table("followup_schedule")


# --------------------------------------------------------------------------- month arithmetic
@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),  # 31 Jan + 1 month -> end of February
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # ... in a leap year, 29 Feb
        (date(2025, 1, 31), 3, date(2025, 4, 30)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a leap day's anniversary in a common year
        (date(2024, 2, 29), 48, date(2028, 2, 29)),  # ... and in the next leap year
        (date(2025, 3, 3), 120, date(2035, 3, 3)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),  # across a year end
    ],
)
def test_add_months_clips_to_the_end_of_the_month(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_agrees_with_pandas_dateoffset_for_every_day_of_three_years() -> None:
    day = date(2023, 1, 1)
    while day < date(2026, 1, 1):
        for months in (1, 3, 6, 12, 30, 120):
            assert add_months(day, months) == (pd.Timestamp(day) + pd.DateOffset(months=months)).date(), (day, months)
        day += timedelta(days=1)


def test_month_end_visits_do_not_drift(schedules: pd.DataFrame) -> None:
    """Each visit is counted from the surgery day, so 31 Jan gives 30 Apr, then 31 Jul (not 30 Jul)."""
    plan = follow_up_plan(date(2025, 1, 31), schedule_periods(schedules, "seed"), TODAY)
    first = [v.when for v in plan.visits[:5]]
    assert first == [date(2025, 4, 30), date(2025, 7, 31), date(2025, 10, 31), date(2026, 1, 31), date(2026, 4, 30)]
    assert all((v.when + timedelta(days=1)).day == 1 for v in plan.visits)  # every visit on a month's last day


def test_naive_day_counting_drifts_and_the_demo_shows_it() -> None:
    demo = month_end_demo(date(2024, 1, 31), [1, 12, 24])
    assert demo["Calendar months (relativedelta)"].tolist() == ["29 Feb 2024", "31 Jan 2025", "31 Jan 2026"]
    assert demo["30-day blocks added by hand"].tolist() == ["1 Mar 2024", "25 Jan 2025", "20 Jan 2026"]


def test_anniversaries_of_a_leap_day() -> None:
    years = anniversaries(date(2024, 2, 29), 4)
    assert years == [date(2024, 2, 29), date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]


def test_format_date_is_the_same_in_every_locale() -> None:
    assert format_date(date(2025, 3, 3)) == "3 Mar 2025"
    assert format_date(date(2025, 3, 3), long=True) == "3 March 2025"


def test_years_label() -> None:
    assert [years_label(0, 2), years_label(2, 5), years_label(5, 10), years_label(0, 1)] == [
        "Years 1\u20132",
        "Years 3\u20135",
        "Years 6\u201310",
        "Year 1",
    ]


# --------------------------------------------------------------------------- schedules
def test_seed_schedule_months(schedules: pd.DataFrame) -> None:
    months = visit_months(schedule_periods(schedules, "seed"))
    assert months == [3, 6, 9, 12, 15, 18, 21, 24, 30, 36, 42, 48, 54, 60, 72, 84, 96, 108, 120]


@pytest.mark.parametrize(
    ("schedule_id", "per_year"),
    [
        ("seed", [4, 4, 2, 2, 2, 1, 1, 1, 1, 1]),
        ("nccn_most", [4, 4, 2, 2, 2, 1, 1, 1, 1, 1]),
        ("nccn_least", [2, 2, 1, 1, 1, 1, 1, 1, 1, 1]),
        ("csco_most", [4, 4, 2, 2, 2, 1, 1, 1, 1, 1]),
        ("csco_least", [2, 2, 1, 1, 1, 1, 1, 1, 1, 1]),
    ],
)
def test_visits_per_year_of_every_schedule(schedules: pd.DataFrame, schedule_id: str, per_year: list[int]) -> None:
    assert visits_per_year(visit_months(schedule_periods(schedules, schedule_id))) == per_year


def test_a_visit_at_month_12_belongs_to_year_1() -> None:
    assert visits_per_year([12, 13, 24, 25], 3) == [1, 2, 1]
    assert visits_per_year([130], 10) == [0] * 10  # beyond the horizon: not counted


def test_visit_months_stop_at_the_horizon_and_reject_a_zero_interval() -> None:
    assert visit_months([Period(0, 10, 12)], horizon_years=3) == [12, 24, 36]
    with pytest.raises(ValueError, match="at least 1 month"):
        visit_months([Period(0, 2, 0)])


def test_unknown_schedule_is_a_clear_error(schedules: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match="no schedule 'weekly'"):
        schedule_periods(schedules, "weekly")


# --------------------------------------------------------------------------- the entered date
@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_date(value: object) -> None:
    check = check_surgery_date(value, TODAY)
    assert check.status == "missing" and not check.ok and check.surgery is None and "No surgery date" in check.message


@pytest.mark.parametrize("value", ["31/02/2025", "2025-02-30", "yesterday", 42, pd.NaT, [2025, 3, 3]])
def test_unreadable_date(value: object) -> None:
    check = check_surgery_date(value, TODAY)
    assert check.status == "invalid" and "not a date" in check.message


def test_date_before_the_minimum() -> None:
    check = check_surgery_date(date(1989, 12, 31), TODAY)
    assert check.status == "too_early" and "1 January 1990" in check.message
    assert check_surgery_date(MIN_SURGERY_DATE, TODAY).ok


def test_future_dates_are_accepted_as_a_plan_up_to_five_years_ahead() -> None:
    assert check_surgery_date(date(2031, 11, 21), TODAY).ok
    far = check_surgery_date(date(2031, 11, 22), TODAY)
    assert far.status == "too_far_ahead" and "check the year" in far.message
    assert check_surgery_date(date(9999, 12, 31), TODAY).status == "too_far_ahead"  # no overflow


@pytest.mark.parametrize(
    "value", [date(2025, 3, 3), datetime(2025, 3, 3, 14, 30), pd.Timestamp("2025-03-03"), "2025-03-03", " 2025-03-03 "]
)
def test_dates_in_any_usual_form(value: object) -> None:
    check = check_surgery_date(value, TODAY)
    assert check.ok and check.surgery == date(2025, 3, 3) and parse_date(value) == date(2025, 3, 3)


# --------------------------------------------------------------------------- past, today and to come
def test_visits_are_marked_against_the_injected_today(schedules: pd.DataFrame) -> None:
    periods = schedule_periods(schedules, "seed")
    plan = follow_up_plan(EXAMPLE_SURGERY_DATE, periods, TODAY)
    assert [v.status for v in plan.visits[:7]] == ["past"] * 6 + ["to_come"]
    assert len(plan.past) == 6 and len(plan.to_come) == 13 and not plan.in_future
    on_the_day = follow_up_plan(EXAMPLE_SURGERY_DATE, periods, date(2025, 6, 3))
    assert on_the_day.visits[0].status == "today" and on_the_day.visits[0] in on_the_day.to_come


def test_a_future_surgery_date_gives_a_plan(schedules: pd.DataFrame) -> None:
    plan = follow_up_plan(date(2027, 5, 1), schedule_periods(schedules, "nccn_least"), TODAY)
    assert plan.in_future and not plan.past and len(plan.to_come) == 12
    assert plan.visits[0].when == date(2027, 11, 1)


def test_a_long_past_date_has_every_visit_past(schedules: pd.DataFrame) -> None:
    plan = follow_up_plan(date(2010, 1, 1), schedule_periods(schedules, "seed"), TODAY)
    assert len(plan.past) == len(plan.visits) == 19 and plan.end == date(2020, 1, 1)


def test_visits_frame(schedules: pd.DataFrame) -> None:
    frame = visits_frame(follow_up_plan(EXAMPLE_SURGERY_DATE, schedule_periods(schedules, "seed"), TODAY))
    assert list(frame.columns) == ["Visit", "Date", "Months after surgery", "Year after surgery", "Status"]
    assert frame.iloc[3].tolist() == [4, "3 Mar 2026", 12, 1, "Past"]
    assert frame.iloc[6]["Status"] == "To come"
