"""The explorer of notebook 7: a surgery date and a schedule drive a ten-year timeline of follow-up visits."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import ipywidgets as w
import pandas as pd

from helpers.explorer import Explorer, Sample, State, View
from helpers.html import render as render_template
from helpers.lessons.follow_up_after_surgery import recurrence_timing, timeline
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
from helpers.text import html_table
from helpers.widgets.core import text_alternative

SAMPLE_DATES = (date(2024, 1, 29), date(2024, 1, 31), date(2024, 2, 29), date(2023, 12, 31), date(2030, 6, 15))
CARE_TEAM = "Real schedules are set by the care team for each person; this calculator only shows what a published schedule looks like on a calendar."


class FollowupCalculator(Explorer):
    """Surgery date + schedule -> timeline of visits, status line, tables and text alternative.

    ``today`` fixes the date that visits are compared with (tests pass one); by default the clock is asked at every
    redraw, so a page left open overnight stays right. 'Today' is part of the state, so the view stays a pure
    function of it. The date has no list of options: its states are a declared sample (month ends, a leap day, a
    year end, no date at all).
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
        self.marks = recurrence_timing.recurrence_marks(timing)
        self.y_ticks = sorted({0} | {p.interval_months for periods in self.periods.values() for p in periods})
        self.surgery = w.DatePicker(value=example, description="Surgery date", style={"description_width": "initial"})
        self.schedule = w.Dropdown(
            options=options, value=schedule_id or options[0][1], description="Schedule", layout=w.Layout(width="430px")
        )
        self.reset = w.Button(
            description="Back to the example date", tooltip=f"Set the surgery date to {format_date(example)}"
        )
        self.reset.on_click(self._back_to_example)
        super().__init__({"surgery": self.surgery, "schedule": self.schedule})

    def today(self) -> date:
        """The date visits are compared with: the fixed one if given, else the clock's."""
        return self._fixed_today or date.today()

    def samples(self) -> Mapping[str, Sample]:
        return {"surgery": [self.example, *SAMPLE_DATES, None]}

    def extra_state(self) -> dict[str, date]:
        return {"today": self.today()}

    def plan(self, state: State) -> tuple[FollowupPlan | None, DateCheck]:
        """The visits of a state, or why there are none (the date check)."""
        today = state["today"]
        check = check_surgery_date(state["surgery"], today)
        if not check.ok or check.surgery is None:
            return None, check
        sid = state["schedule"]
        plan = follow_up_plan(
            check.surgery,
            self.periods[sid],
            today,
            schedule_id=sid,
            schedule_label=self.labels[sid],
            horizon_years=HORIZON_YEARS,
        )
        return plan, check

    def render(self, state: State) -> View:
        plan, check = self.plan(state)
        lines = timeline.describe_plan(plan, self.marks) if plan is not None else [f"No timeline: {check.message}"]
        return View(
            self._figure(plan, check),
            text_alternative(lines, "The timeline in words:"),
            {"status": self._status(plan, check), "tables": self._tables(plan)},
        )

    def _figure(self, plan: FollowupPlan | None, check: DateCheck) -> FigureSpec:
        return timeline.timeline_figure(plan, self.marks, y_ticks=self.y_ticks, message=check.message)

    def _status(self, plan: FollowupPlan | None, check: DateCheck) -> str:
        if plan is None:
            return render_template("followup_status.html.j2", problem=check.message)
        head = (
            f"Surgery on {format_date(plan.surgery, long=True)}, schedule \u201c{plan.schedule_label}\u201d: "
            f"{len(plan.visits)} visits in {plan.horizon_years} years."
        )
        if plan.in_future:
            when = f"This date is after today ({format_date(plan.today)}), so the timeline is a plan: every visit is still to come."
        elif not plan.to_come:
            when = f"As of today ({format_date(plan.today)}), all {len(plan.visits)} visits drawn are in the past."
        else:
            when = f"As of today ({format_date(plan.today)}): {len(plan.past)} past, {len(plan.to_come)} to come."
        return render_template("followup_status.html.j2", head=head, when=when, note=CARE_TEAM)

    def _tables(self, plan: FollowupPlan | None) -> str:
        if plan is None:
            return "<p>No tables yet: they appear once the surgery date can be used.</p>"
        per_year = html_table(timeline.per_year_frame(plan), "Visits in each year after surgery")
        dates = html_table(visits_frame(plan), f"Visit dates (status as of {format_date(plan.today)})")
        return render_template("side_by_side.html.j2", parts=[per_year, dates])

    def _back_to_example(self, _button: w.Button | None = None) -> None:
        if self.surgery.value == self.example:
            self.refresh()  # same value: the observer would not fire
        else:
            self.surgery.value = self.example  # the observer redraws

    def layout(self) -> list[w.Widget]:
        controls = w.HBox([self.surgery, self.schedule, self.reset], layout=w.Layout(flex_flow="row wrap", gap="0.5em"))
        return [controls, self.html["status"], self.figure_box, self.text, self.html["tables"]]
