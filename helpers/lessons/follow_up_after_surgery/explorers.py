"""Controls for the follow-up notebook: a surgery date and a schedule drive a ten-year visit timeline."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers.lessons.follow_up_after_surgery import charts as charts
from helpers.lessons.follow_up_after_surgery.dates import (
    EXAMPLE_SURGERY_DATE,
    HORIZON_YEARS,
    DateCheck,
    FollowupPlan,
    check_surgery_date,
    follow_up_plan,
    format_date,
    schedule_periods,
    visits_frame,
)
from helpers.style import FigureSpec
from helpers.text import esc, html_table
from helpers.widgets.core import text_alternative, update_in_place
from helpers.widgets.figure import CourseFigure

CARE_TEAM = "Real schedules are set by the care team for each person; this calculator only shows what a published schedule looks like on a calendar."


class FollowupCalculator:
    """Surgery date + schedule -> timeline of visits (CourseFigure), status line, tables and text alternative.

    ``today`` fixes the date that visits are compared with (tests pass one); by default the clock is
    asked at every redraw, so a page left open overnight stays right.
    """

    def __init__(
        self,
        schedules: pd.DataFrame,
        timing: pd.DataFrame,
        *,
        today: date | None = None,
        example: date = EXAMPLE_SURGERY_DATE,
        schedule_id: str | None = None,
    ) -> None:
        self._fixed_today = today
        self.example = example
        options = list(dict.fromkeys(zip(schedules["schedule_label"], schedules["schedule_id"])))
        self.periods = {sid: schedule_periods(schedules, sid) for _, sid in options}
        self.labels = {sid: label for label, sid in options}
        self.marks = charts.recurrence_marks(timing)
        self.y_ticks = sorted({0} | {p.interval_months for periods in self.periods.values() for p in periods})

        self.surgery = w.DatePicker(value=example, description="Surgery date", style={"description_width": "initial"})
        self.schedule = w.Dropdown(
            options=options, value=schedule_id or options[0][1], description="Schedule", layout=w.Layout(width="430px")
        )
        self.reset = w.Button(
            description="Back to the example date", tooltip=f"Set the surgery date to {format_date(example)}"
        )
        self.status = w.HTML()
        self.summary = w.HTML()
        self.tables = w.HTML()
        plan, check = self._state()
        self.figure = CourseFigure(self._figure(plan, check))
        self._fill(plan, check)
        self.surgery.observe(self.refresh, names="value")
        self.schedule.observe(self.refresh, names="value")
        self.reset.on_click(self._back_to_example)

    # ----------------------------------------------------------------- state
    def today(self) -> date:
        """The date visits are compared with: the fixed one if given, else the clock's."""
        return self._fixed_today or date.today()

    def _state(self) -> tuple[FollowupPlan | None, DateCheck]:
        today = self.today()
        check = check_surgery_date(self.surgery.value, today)
        if not check.ok or check.surgery is None:
            return None, check
        sid = self.schedule.value
        plan = follow_up_plan(
            check.surgery,
            self.periods[sid],
            today,
            schedule_id=sid,
            schedule_label=self.labels[sid],
            horizon_years=HORIZON_YEARS,
        )
        return plan, check

    def _figure(self, plan: FollowupPlan | None, check: DateCheck) -> FigureSpec:
        return charts.timeline_figure(plan, self.marks, y_ticks=self.y_ticks, message=check.message)

    # ----------------------------------------------------------------- views
    def _status(self, plan: FollowupPlan | None, check: DateCheck) -> str:
        if plan is None:
            return (
                f'<p role="status" aria-live="polite"><strong>\u26a0 Check the date.</strong> {esc(check.message)}</p>'
            )
        head = f"Surgery on {format_date(plan.surgery, long=True)}, schedule \u201c{plan.schedule_label}\u201d: {len(plan.visits)} visits in {plan.horizon_years} years."
        if plan.in_future:
            when = f"This date is after today ({format_date(plan.today)}), so the timeline is a plan: every visit is still to come."
        elif not plan.to_come:
            when = f"As of today ({format_date(plan.today)}), all {len(plan.visits)} visits drawn are in the past."
        else:
            when = f"As of today ({format_date(plan.today)}): {len(plan.past)} past, {len(plan.to_come)} to come."
        return f'<p role="status" aria-live="polite"><strong>{esc(head)}</strong> {esc(when)}<br><em>{esc(CARE_TEAM)}</em></p>'

    def _tables(self, plan: FollowupPlan | None) -> str:
        if plan is None:
            return "<p>No tables yet: they appear once the surgery date can be used.</p>"
        per_year = html_table(charts.per_year_frame(plan), "Visits in each year after surgery")
        dates = html_table(visits_frame(plan), f"Visit dates (status as of {format_date(plan.today)})")
        return f'<div style="display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start"><div>{per_year}</div><div>{dates}</div></div>'

    def _summary(self, plan: FollowupPlan | None, check: DateCheck) -> str:
        lines = charts.describe_plan(plan, self.marks) if plan is not None else [f"No timeline: {check.message}"]
        return text_alternative(lines, "The timeline in words:")

    def _fill(self, plan: FollowupPlan | None, check: DateCheck) -> None:
        self.status.value = self._status(plan, check)
        self.summary.value = self._summary(plan, check)
        self.tables.value = self._tables(plan)

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Recompute the visits and redraw the timeline, status, text alternative and tables."""
        plan, check = self._state()
        figure = self._figure(plan, check)
        update_in_place(self.figure, figure)
        self._fill(plan, check)

    def _back_to_example(self, _button: w.Button | None = None) -> None:
        if self.surgery.value == self.example:
            self.refresh()  # same value: the observer would not fire
        else:
            self.surgery.value = self.example  # the observer redraws

    def view(self) -> w.Widget:
        """The calculator as one widget: controls, status line, timeline, text alternative, tables."""
        controls = w.HBox([self.surgery, self.schedule, self.reset], layout=w.Layout(flex_flow="row wrap", gap="0.5em"))
        return w.VBox([controls, self.status, self.figure, self.summary, self.tables])
