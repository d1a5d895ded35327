"""The follow-up timeline: ten years of visits on a date axis labelled in years after surgery, with the band where
most recurrences come; and its text alternatives. Pure builders: a
:class:`~helpers.lessons.follow_up_after_surgery.dates.FollowupPlan` in, a figure spec, sentences or a DataFrame out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

from helpers import style
from helpers.lessons.follow_up_after_surgery.dates import (
    STATUS_LABELS,
    FollowupPlan,
    Visit,
    anniversaries,
    format_date,
    start_plus_years,
    years_label,
)
from helpers.lessons.follow_up_after_surgery.recurrence_timing import RecurrenceMark
from helpers.style import FigureSpec
from helpers.text import esc, wrap_html

BAND_COLOUR = style.CYAN
PAST_COLOUR = style.GREY
TO_COME_COLOUR = style.INDIGO
SURGERY_COLOUR = style.PURPLE
X_TITLE = "Years after surgery (and calendar year)"
Y_TITLE = "Months since the previous visit"


def _band(x0: object, x1: object, xref: str) -> dict[str, object]:
    band = {"fillcolor": BAND_COLOUR, "opacity": 0.2, "line": {"width": 0}, "layer": "below"}
    return style.shape("rect", x0, 0, x1, 1, xref=xref, yref="paper", **band)


def _visit_hover(visit: Visit, in_future: bool) -> str:
    status = "planned" if in_future else STATUS_LABELS[visit.status].lower()
    since = "since surgery" if visit.number == 1 else "after the previous visit"
    return (
        f"Visit {visit.number}: {format_date(visit.when)}<br>{visit.months} months after surgery (year {visit.year})"
        f"<br>{visit.interval} months {since}<br>Status: {status}"
    )


def _visit_trace(name: str, visits: Sequence[Visit], colour: str, symbol: str, in_future: bool) -> dict[str, Any]:
    return style.trace(
        "scatter",
        name=name,
        mode="markers",
        x=[v.when.isoformat() for v in visits],
        y=[v.interval for v in visits],
        marker={"color": colour, "symbol": symbol, "size": 12, "line": {"color": colour, "width": 2.5}},
        hovertext=[_visit_hover(v, in_future) for v in visits],
        hoverinfo="text",
    )


def _waiting_figure(message: str, y_ticks: Sequence[int], y_max: float) -> FigureSpec:
    """The timeline before there is a usable surgery date: empty traces and ``message``."""
    layout = style.base_layout("Follow-up timeline: waiting for a usable surgery date", X_TITLE, Y_TITLE, height=440)
    layout["xaxis"].update(showticklabels=False, ticks="", showgrid=False, range=[0, 1])
    layout["yaxis"].update(range=[0, y_max], tickvals=list(y_ticks))
    text = wrap_html(message or "No surgery date.", 70)
    layout["annotations"] = [style.note(0.5, 0.5, text, xref="paper", yref="paper", font={"size": 16})]
    layout["shapes"] = []
    names = ("Surgery (diamond)", "Visits already past (filled)", "Visits to come (open circles)")
    return style.figure(
        [style.trace("scatter", x=[], y=[], mode="markers", name=n, hoverinfo="skip") for n in names], layout
    )


def _year_axis(plan: FollowupPlan, first: date, last: date) -> dict[str, Any]:
    """A date axis labelled at each anniversary of the surgery: 'Surgery 2025', '1 y 2026', ..."""
    years = anniversaries(plan.surgery, plan.horizon_years)
    return {
        "type": "date",
        "range": [_iso(first), _iso(last)],
        "tickmode": "array",
        "tickvals": [_iso(d) for d in years],
        "ticktext": ["Surgery<br>" + str(years[0].year)]
        + [f"{n} y<br>{d.year}" for n, d in enumerate(years[1:], start=1)],
        "showgrid": True,
        "tickfont": {"size": 13},
    }


def _marks_and_today(
    plan: FollowupPlan, marks: Sequence[RecurrenceMark], band_years: float, first: date, last: date
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Shapes and notes: the early-recurrence band, a dotted line at each later mark, a dashed line at today."""
    shapes: list[dict[str, object]] = []
    notes: list[dict[str, object]] = []
    for mark in marks:
        at = _iso(start_plus_years(plan.surgery, mark.years))
        if mark.years == band_years:
            shapes.append(_band(_iso(plan.surgery), at, "x"))
            notes.append(_note(_iso(plan.surgery), mark.band_label(), "left"))
        elif mark.years <= plan.horizon_years:
            shapes.append(style.vline(at, {"color": style.TEAL, "dash": "dot", "width": 2}, xref="x"))
            notes.append(_note(at, mark.label(), "left", y=0.9))
    if first <= plan.today <= last:
        today = _iso(plan.today)
        shapes.append(style.vline(today, {"color": "black", "dash": "dash", "width": 2}, xref="x"))
        notes.append(
            style.note(
                today,
                0.075,
                f"Today, {format_date(plan.today)}",
                xref="x",
                yref="paper",
                xanchor="left",
                yanchor="bottom",
                xshift=4,
                font={"size": 13},
                bgcolor="rgba(255,255,255,0.8)",
            )
        )
    return shapes, notes


def _plan_traces(plan: FollowupPlan) -> list[dict[str, Any]]:
    """Surgery, the visits already past, the visits to come."""
    to_come_name = "Planned visits (open circles)" if plan.in_future else "Visits to come (open circles)"
    surgery = style.trace(
        "scatter",
        name="Surgery (diamond)",
        mode="markers",
        x=[_iso(plan.surgery)],
        y=[0],
        marker={"color": SURGERY_COLOUR, "symbol": "diamond", "size": 15},
        hovertext=[f"Surgery: {format_date(plan.surgery)}"],
        hoverinfo="text",
    )
    return [
        surgery,
        _visit_trace("Visits already past (filled)", plan.past, PAST_COLOUR, "circle", plan.in_future),
        _visit_trace(to_come_name, plan.to_come, TO_COME_COLOUR, "circle-open", plan.in_future),
    ]


def timeline_figure(
    plan: FollowupPlan | None,
    marks: Sequence[RecurrenceMark],
    *,
    y_ticks: Sequence[int] = (0, 3, 6, 12),
    message: str = "",
    band_years: float = 2.0,
) -> FigureSpec:
    """Ten years of visits on a date axis labelled in years after surgery, with the early-recurrence band.

    Always three traces (surgery, visits already past, visits to come) so that a chart widget can be
    updated in place. With no plan (no usable date) the traces are empty and ``message`` is shown.
    """
    y_max = max(y_ticks) * 1.45  # head room above the top row for the recurrence labels
    if plan is None:
        return _waiting_figure(message, y_ticks, y_max)
    subtitle = f"Surgery on {format_date(plan.surgery)} · {len(plan.visits)} visits in {plan.horizon_years} years"
    if plan.in_future:
        subtitle += " · a plan: the surgery date is after today"
    layout = style.base_layout(
        f"Follow-up visits: {esc(plan.schedule_label)}<br><sup>{esc(subtitle)}</sup>", X_TITLE, Y_TITLE, height=440
    )
    first, last = start_plus_years(plan.surgery, -0.25), start_plus_years(plan.surgery, plan.horizon_years + 0.25)
    layout["xaxis"].update(_year_axis(plan, first, last))
    layout["yaxis"].update(range=[-0.8, y_max], tickvals=list(y_ticks), showgrid=True)
    layout["legend"].update(y=-0.3)  # below the two-line tick labels and the axis title
    layout["shapes"], layout["annotations"] = _marks_and_today(plan, marks, band_years, first, last)
    return style.figure(_plan_traces(plan), layout)


def _iso(day: date) -> str:
    return day.isoformat()


def _note(x: str, text: str, side: str, *, y: float = 1.0) -> dict[str, object]:
    look = {"xanchor": side, "yanchor": "top", "xshift": 4, "align": "left", "font": {"size": 12}}
    return style.note(x, y, esc(text), xref="x", yref="paper", bgcolor="rgba(255,255,255,0.85)", **look)


def describe_plan(plan: FollowupPlan, marks: Sequence[RecurrenceMark], *, band_years: float = 2.0) -> list[str]:
    """The timeline in words (its text alternative)."""
    lines = [f"Surgery on {format_date(plan.surgery, long=True)}; schedule: {plan.schedule_label}."]
    months = [v.months for v in plan.visits]
    for period in plan.periods:
        start, end = round(period.year_from * 12), min(round(period.year_to * 12), plan.horizon_years * 12)
        if start >= end:
            continue
        n = sum(start < m <= end for m in months)
        lines.append(
            f"{years_label(period.year_from, min(period.year_to, plan.horizon_years))}: a visit every {period.interval_months} months ({n} visits)."
        )
    lines.append(f"In all, {len(plan.visits)} visits in {plan.horizon_years} years.")
    for mark in marks:
        at = format_date(start_plus_years(plan.surgery, mark.years))
        if mark.years == band_years:
            lines.append(
                f"A shaded band covers the first {mark.years:g} years after surgery (to {at}): {mark.label()}."
            )
        elif mark.years <= plan.horizon_years:
            lines.append(f"A dotted line marks {mark.years:g} years after surgery ({at}): {mark.label()}.")
    if plan.in_future:
        lines.append("The surgery date is after today, so the timeline is a plan: every visit is still to come.")
    elif not plan.to_come:
        lines.append(f"As of today ({format_date(plan.today)}), every visit drawn is in the past.")
    else:
        nxt = plan.to_come[0]
        lines.append(
            f"As of today ({format_date(plan.today)}), {len(plan.past)} visits are past and {len(plan.to_come)} are to come; "
            f"the next, visit {nxt.number}, falls on {format_date(nxt.when)}."
        )
    return lines


def per_year_frame(plan: FollowupPlan) -> pd.DataFrame:
    """Visits in each year after surgery, for one plan."""
    return pd.DataFrame({"Year after surgery": list(range(1, plan.horizon_years + 1)), "Visits": plan.per_year})
