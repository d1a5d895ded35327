"""Follow-up visit dates after surgery: calendar arithmetic, input checks and "today".

Visits are counted in calendar months from the day of surgery, with :class:`dateutil.relativedelta`
rather than by adding days by hand: 31 January + 1 month is 28 (or 29) February, and every visit is
counted from the surgery date itself, so a month-end date never drifts (31 Jan -> 30 Apr -> 31 Jul).

"Today" is always passed in (tests fix it; the calculator asks the clock at each redraw), so nothing
here depends on the day the code runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, cast

import pandas as pd
from dateutil.relativedelta import relativedelta

#: The example surgery date the calculator starts from (a fixed date, so examples are reproducible).
EXAMPLE_SURGERY_DATE = date(2025, 3, 3)
#: Earliest surgery date the calculator accepts: an earlier date is almost always a typing slip.
MIN_SURGERY_DATE = date(1990, 1, 1)
#: A surgery date further ahead than this is treated as a slip in the year.
MAX_YEARS_AHEAD = 5
#: How many years after surgery the course draws ("annually thereafter" is drawn to year 10).
HORIZON_YEARS = 10

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

DateStatus = Literal["ok", "missing", "invalid", "too_early", "too_far_ahead"]


# --------------------------------------------------------------------------- formatting
def format_date(day: date, *, long: bool = False) -> str:
    """'3 Mar 2025' (or '3 March 2025' with ``long``), the same in every locale."""
    names = _MONTHS_LONG if long else _MONTHS
    return f"{day.day} {names[day.month - 1]} {day.year}"


def years_label(year_from: float, year_to: float) -> str:
    """'Years 1–2' for the period from 0 to 2 years after surgery (years counted from 1)."""
    first, last = int(year_from) + 1, int(year_to)
    return f"Year {first}" if first == last else f"Years {first}\u2013{last}"


# --------------------------------------------------------------------------- calendar arithmetic
def add_months(start: date, months: int) -> date:
    """``start`` plus a number of calendar months; a day past the month's end becomes its last day."""
    return cast(date, start + relativedelta(months=months))


def add_days_by_hand(start: date, months: int, days_per_month: int = 30) -> date:
    """The naive way (``months`` x 30 days), kept only to show in the notebook why it drifts."""
    return start + timedelta(days=months * days_per_month)


def anniversaries(surgery: date, years: int = HORIZON_YEARS) -> list[date]:
    """The surgery date and each anniversary after it, up to ``years`` (29 Feb -> 28 Feb in other years)."""
    return [start_plus_years(surgery, n) for n in range(years + 1)]


def start_plus_years(start: date, years: float) -> date:
    """``start`` plus a (whole or fractional) number of years, counted in calendar months."""
    return add_months(start, round(years * 12))


# --------------------------------------------------------------------------- schedules
@dataclass(frozen=True)
class Period:
    """One row of a schedule: a visit every ``interval_months`` from ``year_from`` to ``year_to``."""

    year_from: float
    year_to: float
    interval_months: int


def schedule_periods(schedules: pd.DataFrame, schedule_id: str) -> list[Period]:
    """The periods of one schedule of ``followup_schedule``, in order; KeyError for an unknown id."""
    rows = schedules[schedules["schedule_id"] == schedule_id].sort_values("year_from")
    if rows.empty:
        raise KeyError(
            f"no schedule {schedule_id!r} in the table; known: {', '.join(dict.fromkeys(schedules['schedule_id']))}"
        )
    return [Period(float(r.year_from), float(r.year_to), int(r.interval_months)) for r in rows.itertuples(index=False)]


def visit_months(periods: Sequence[Period], horizon_years: int = HORIZON_YEARS) -> list[int]:
    """Months after surgery of every visit, up to the horizon.

    Within a period the visits fall at the end of each interval: "every 3 months for 2 years" is
    months 3, 6, ..., 24. The next period counts on from where the previous one ended.
    """
    horizon = horizon_years * 12
    months: set[int] = set()
    for period in periods:
        if period.interval_months < 1:
            raise ValueError(f"a visit interval must be at least 1 month, not {period.interval_months}")
        start, end = round(period.year_from * 12), min(round(period.year_to * 12), horizon)
        months.update(range(start + period.interval_months, end + 1, period.interval_months))
    return sorted(months)


def visits_per_year(months: Sequence[int], horizon_years: int = HORIZON_YEARS) -> list[int]:
    """How many visits fall in each year after surgery (year 1 = months 1-12, a visit at month 12 included)."""
    counts = [0] * horizon_years
    for month in months:
        year = (month - 1) // 12
        if 0 <= year < horizon_years:
            counts[year] += 1
    return counts


# --------------------------------------------------------------------------- the date a learner enters
@dataclass(frozen=True)
class DateCheck:
    """The outcome of checking an entered surgery date: a usable date, or a message saying why not."""

    status: DateStatus
    surgery: date | None
    message: str

    @property
    def ok(self) -> bool:
        """True when the date can be used."""
        return self.status == "ok"


def parse_date(value: object) -> date | None:
    """A ``date`` from a date, datetime, pandas Timestamp or ISO text ('2025-03-03'); None if unreadable."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return cast(date, value.date())
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def check_surgery_date(value: object, today: date) -> DateCheck:
    """Check an entered surgery date against the sensible range; the message is plain text for learners."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DateCheck(
            "missing", None, "No surgery date yet: pick or type a date (day, month, year) to see the timeline."
        )
    surgery = parse_date(value)
    if surgery is None:
        return DateCheck(
            "invalid",
            None,
            "That is not a date the calculator can read: pick a date from the calendar, or type it as day, month and year.",
        )
    if surgery < MIN_SURGERY_DATE:
        return DateCheck(
            "too_early",
            surgery,
            f"{format_date(surgery, long=True)} is before {format_date(MIN_SURGERY_DATE, long=True)}, the earliest date the "
            "calculator accepts: a date that early is most likely a slip in the year. Please check it.",
        )
    latest = today + relativedelta(years=MAX_YEARS_AHEAD)
    if surgery > latest:
        return DateCheck(
            "too_far_ahead",
            surgery,
            f"{format_date(surgery, long=True)} is more than {MAX_YEARS_AHEAD} years from today. Please check the year.",
        )
    return DateCheck("ok", surgery, "")


# --------------------------------------------------------------------------- a plan of visits
@dataclass(frozen=True)
class Visit:
    """One follow-up visit."""

    number: int
    months: int  # months after surgery
    when: date
    interval: int  # months since the previous visit (or since surgery, for the first)
    status: Literal["past", "today", "to_come"]

    @property
    def year(self) -> int:
        """Year after surgery the visit falls in (1 = the first year; month 12 is still year 1)."""
        return (self.months - 1) // 12 + 1


STATUS_LABELS = {"past": "Past", "today": "Today", "to_come": "To come"}


@dataclass(frozen=True)
class FollowupPlan:
    """The visits of one schedule for one surgery date, each marked past or to come as of ``today``."""

    surgery: date
    today: date
    schedule_id: str
    schedule_label: str
    periods: tuple[Period, ...]
    visits: tuple[Visit, ...]
    horizon_years: int = HORIZON_YEARS

    @property
    def in_future(self) -> bool:
        """True when the surgery date is after today: the timeline is then a plan."""
        return self.surgery > self.today

    @property
    def end(self) -> date:
        """The last day the timeline draws (the horizon's anniversary)."""
        return start_plus_years(self.surgery, self.horizon_years)

    @property
    def past(self) -> list[Visit]:
        """Visits before today."""
        return [v for v in self.visits if v.status == "past"]

    @property
    def to_come(self) -> list[Visit]:
        """Visits today or later."""
        return [v for v in self.visits if v.status != "past"]

    @property
    def per_year(self) -> list[int]:
        """Visits in each year after surgery."""
        return visits_per_year([v.months for v in self.visits], self.horizon_years)


def _status(day: date, today: date) -> Literal["past", "today", "to_come"]:
    if day < today:
        return "past"
    return "today" if day == today else "to_come"


def follow_up_plan(
    surgery: date,
    periods: Sequence[Period],
    today: date,
    *,
    schedule_id: str = "",
    schedule_label: str = "",
    horizon_years: int = HORIZON_YEARS,
) -> FollowupPlan:
    """Every visit of a schedule after ``surgery``, each dated from the surgery day and marked against ``today``."""
    months = visit_months(periods, horizon_years)
    visits = []
    previous = 0
    for number, month in enumerate(months, start=1):
        when = add_months(surgery, month)
        visits.append(Visit(number, month, when, month - previous, _status(when, today)))
        previous = month
    return FollowupPlan(surgery, today, schedule_id, schedule_label, tuple(periods), tuple(visits), horizon_years)


def visits_frame(plan: FollowupPlan) -> pd.DataFrame:
    """The plan's visits as a table a learner reads (dates as text, status in words)."""
    return pd.DataFrame(
        {
            "Visit": [v.number for v in plan.visits],
            "Date": [format_date(v.when) for v in plan.visits],
            "Months after surgery": [v.months for v in plan.visits],
            "Year after surgery": [v.year for v in plan.visits],
            "Status": [STATUS_LABELS[v.status] for v in plan.visits],
        },
    )


def month_end_demo(surgery: date, months: Sequence[int]) -> pd.DataFrame:
    """Calendar months (the right way) beside 30-day blocks added by hand, from the same start date."""
    return pd.DataFrame(
        {
            "Months after surgery": list(months),
            "Calendar months (relativedelta)": [format_date(add_months(surgery, m)) for m in months],
            "30-day blocks added by hand": [format_date(add_days_by_hand(surgery, m)) for m in months],
        }
    )
