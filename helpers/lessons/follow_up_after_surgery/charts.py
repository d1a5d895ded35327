"""Follow-up after surgery: the visit timeline, when recurrences happen, and their table alternatives.

Pure builders: tables (and a :class:`~helpers.lessons.follow_up_after_surgery.dates.FollowupPlan`) in, ``go.Figure`` or
``DataFrame`` out. Every text that comes from data is escaped in the figures; the DataFrames hold
plain text and are escaped by :func:`helpers.text.html_table` when shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from helpers import style
from helpers.lessons.follow_up_after_surgery.dates import (
    HORIZON_YEARS,
    STATUS_LABELS,
    FollowupPlan,
    Visit,
    anniversaries,
    format_date,
    schedule_periods,
    start_plus_years,
    visit_months,
    visits_per_year,
    years_label,
)
from helpers.style import FigureSpec
from helpers.text import GUIDELINE_STATUS, cite, cites, esc, fmt_range, guideline_words, wrap_html

BAND_COLOUR = style.CYAN
PAST_COLOUR = style.GREY
TO_COME_COLOUR = style.INDIGO
SURGERY_COLOUR = style.PURPLE
X_TITLE = "Years after surgery (and calendar year)"
Y_TITLE = "Months since the previous visit"


# --------------------------------------------------------------------------- when recurrences happen
@dataclass(frozen=True)
class RecurrenceMark:
    """What the series say about one time point: the lowest and highest share of recurrences by then."""

    years: float
    low_pct: float
    high_pct: float
    n_series: int

    def label(self) -> str:
        """'66.5–79% of recurrences within 2 years (3 series)'."""
        share = fmt_range(self.low_pct, self.high_pct, "%")
        return f"{share} of recurrences within {self.years:g} years ({self.n_series} series)"

    def band_label(self) -> str:
        """The label of the shaded band; it says 'most' only when every series is above half."""
        return ("Most recurrences come early: " if self.low_pct > 50 else "") + self.label()


def recurrence_marks(timing: pd.DataFrame) -> list[RecurrenceMark]:
    """One mark per time point of ``recurrence_timing``, earliest first."""
    marks = []
    for years, rows in timing.groupby("years_after_surgery", sort=True):
        pct = rows["cumulative_pct_of_recurrences"].astype(float)
        marks.append(RecurrenceMark(float(years), float(pct.min()), float(pct.max()), int(rows["source_id"].nunique())))
    return marks


def series_name(source_id: str, sources: pd.DataFrame) -> str:
    """'D'Angelica 2004': the first author's surname and the year (plain text, not escaped)."""
    row = sources.set_index("source_id").loc[source_id]
    surname = str(row["authors"]).split(",")[0].rsplit(" ", 1)[0]
    return surname if pd.isna(row["year"]) else f"{surname} {row['year']}"


def series_place(population: str) -> str:
    """Where and when a series was counted: the population text before its first colon."""
    return population.split(":")[0].strip()


def _span_label(start: float, end: float | None, split_further: bool) -> str:
    if start == 0 and end is not None:
        return f"Within {end:g} years"
    if end is None:
        return f"After {start:g} years" + ("" if split_further else " (not split further)")
    return f"Between {start:g} and {end:g} years"


def recurrence_split(timing: pd.DataFrame) -> pd.DataFrame:
    """Each series' recurrences split into time spans that add up to 100%.

    From the cumulative shares (79% by 2 years) it gives the span shares: within 2 years 79%,
    after 2 years 21%. The last span of a series is everything after its last time point. Shares are
    rounded to one decimal, as the table gives them.
    """
    last_point = float(timing["years_after_surgery"].max())
    records = []
    for source_id, rows in timing.groupby("source_id", sort=False):
        previous_years, previous_pct = 0.0, 0.0
        points = sorted(
            zip(rows["years_after_surgery"].astype(float), rows["cumulative_pct_of_recurrences"].astype(float))
        )
        for years, pct in points:
            records.append(
                (
                    source_id,
                    previous_years,
                    years,
                    _span_label(previous_years, years, True),
                    round(pct - previous_pct, 1),
                )
            )
            previous_years, previous_pct = years, pct
        records.append(
            (
                source_id,
                previous_years,
                None,
                _span_label(previous_years, None, previous_years >= last_point),
                round(100 - previous_pct, 1),
            )
        )
    return pd.DataFrame(records, columns=["source_id", "from_years", "to_years", "span", "pct"])


SPAN_COLOURS = ((style.INDIGO, ""), (style.TEAL, "."), (style.SAND, "x"))  # (colour, pattern) in time order
UNSPLIT_STYLE = (style.GREY, "/")  # "after 2 years (not split further)": grey and hatched


def recurrence_timing_figure(timing: pd.DataFrame, sources: pd.DataFrame) -> FigureSpec:
    """One bar per series, split into the share of its recurrences found in each time span after surgery.

    The title says "most" only when every series found more than half of its recurrences in the first span.
    """
    split = recurrence_split(timing)
    firsts = split[split["from_years"] == 0]
    early = float(firsts["to_years"].min())
    if (firsts["pct"] > 50).all() and firsts["to_years"].nunique() == 1:
        title = f"In every series, most recurrences came within {early:g} years of surgery"
    else:
        title = "When recurrences came after gastric cancer surgery"
    names = {sid: series_name(str(sid), sources) for sid in split["source_id"].unique()}
    places = {
        sid: series_place(str(rows["population"].iloc[0])) for sid, rows in timing.groupby("source_id", sort=False)
    }
    order = list(dict.fromkeys(split["source_id"]))
    unsplit = split["span"].str.endswith("(not split further)")
    spans = split.assign(unsplit=unsplit).sort_values(["unsplit", "from_years"], kind="stable").drop_duplicates("span")
    layout = style.base_layout(
        f"{esc(title)}<br><sup>Each bar: one series of patients; its recurrences split by when they were found</sup>",
        "Share of the series' recurrences (%)",
        "Series (first author, year)",
        height=170 + 70 * len(order),
    )
    layout["xaxis"].update(range=[0, 100], dtick=10, showgrid=True)
    labels = [esc(names[sid]) for sid in order]
    layout["yaxis"].update(type="category", categoryorder="array", categoryarray=labels[::-1])
    layout["barmode"] = "stack"
    layout["legend"].update(y=-0.3, traceorder="normal")
    traces = []
    timed = 0
    for span in spans["span"]:
        if span.endswith("(not split further)"):
            colour, pattern = UNSPLIT_STYLE
        else:
            colour, pattern = SPAN_COLOURS[min(timed, len(SPAN_COLOURS) - 1)]
            timed += 1
        rows = split[split["span"] == span].set_index("source_id").reindex(order).dropna(subset=["pct"])
        traces.append(
            style.trace(
                "bar",
                name=esc(span),
                orientation="h",
                y=[esc(names[sid]) for sid in rows.index],
                x=rows["pct"].tolist(),
                text=[f"{p:g}%" for p in rows["pct"]],
                textposition="inside",
                insidetextanchor="middle",
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern, "fgcolor": "white", "size": 8},
                    "line": {"color": "white", "width": 1},
                },
                hovertext=[
                    f"{esc(names[sid])} ({esc(places[sid])})<br>{esc(span)}: {p:g}% of recurrences"
                    for sid, p in zip(rows.index, rows["pct"])
                ],
                hoverinfo="text",
            )
        )
    return style.figure(traces, layout)


def describe_timing(timing: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """The recurrence-timing chart in words, one sentence per series."""
    split = recurrence_split(timing)
    lines = []
    for source_id, rows in timing.groupby("source_id", sort=False):
        parts = [
            f"{pct:g}% {span[0].lower() + span[1:]}"
            for span, pct in split.loc[split["source_id"] == source_id, ["span", "pct"]].itertuples(index=False)
        ]
        said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        name, place = series_name(str(source_id), sources), series_place(str(rows["population"].iloc[0]))
        lines.append(f"{name}, {place}: of the recurrences found, {said}.")
    return lines


def timing_table(timing: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The recurrence-timing data as a table (the chart's table alternative), with who was counted and how."""
    return pd.DataFrame(
        {
            "Series": [series_name(s, sources) for s in timing["source_id"]],
            "Years after surgery": [f"{y:g}" for y in timing["years_after_surgery"]],
            "Share of the series' recurrences found by then": [
                f"{p:g}%" for p in timing["cumulative_pct_of_recurrences"]
            ],
            "Who was counted": timing["population"].tolist(),
            "How the figure was obtained": timing["note"].tolist(),
            "Source": cites(timing["source_id"], sources),
        }
    )


# --------------------------------------------------------------------------- the visit timeline
def _band(x0: object, x1: object, xref: str) -> dict[str, object]:
    return {
        "type": "rect",
        "xref": xref,
        "yref": "paper",
        "x0": x0,
        "x1": x1,
        "y0": 0,
        "y1": 1,
        "fillcolor": BAND_COLOUR,
        "opacity": 0.2,
        "line": {"width": 0},
        "layer": "below",
    }


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
        layout = style.base_layout(
            "Follow-up timeline: waiting for a usable surgery date", X_TITLE, Y_TITLE, height=440
        )
        layout["xaxis"].update(showticklabels=False, ticks="", showgrid=False, range=[0, 1])
        layout["yaxis"].update(range=[0, y_max], tickvals=list(y_ticks))
        layout["annotations"] = [
            {
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "text": wrap_html(message or "No surgery date.", 70),
                "font": {"size": 16},
            }
        ]
        layout["shapes"] = []
        names = ("Surgery (diamond)", "Visits already past (filled)", "Visits to come (open circles)")
        return style.figure(
            [style.trace("scatter", x=[], y=[], mode="markers", name=n, hoverinfo="skip") for n in names], layout
        )

    years = anniversaries(plan.surgery, plan.horizon_years)
    subtitle = f"Surgery on {format_date(plan.surgery)} · {len(plan.visits)} visits in {plan.horizon_years} years"
    if plan.in_future:
        subtitle += " · a plan: the surgery date is after today"
    layout = style.base_layout(
        f"Follow-up visits: {esc(plan.schedule_label)}<br><sup>{esc(subtitle)}</sup>",
        X_TITLE,
        Y_TITLE,
        height=440,
    )
    first, last = start_plus_years(plan.surgery, -0.25), start_plus_years(plan.surgery, plan.horizon_years + 0.25)
    layout["xaxis"].update(
        type="date",
        range=[_iso(first), _iso(last)],
        tickmode="array",
        tickvals=[_iso(d) for d in years],
        ticktext=["Surgery<br>" + str(years[0].year)]
        + [f"{n} y<br>{d.year}" for n, d in enumerate(years[1:], start=1)],
        showgrid=True,
        tickfont={"size": 13},
    )
    layout["yaxis"].update(range=[-0.8, y_max], tickvals=list(y_ticks), showgrid=True)
    layout["legend"].update(y=-0.3)  # below the two-line tick labels and the axis title
    shapes: list[dict[str, object]] = []
    annotations: list[dict[str, object]] = []
    for mark in marks:
        at = _iso(start_plus_years(plan.surgery, mark.years))
        if mark.years == band_years:
            shapes.append(_band(_iso(plan.surgery), at, "x"))
            annotations.append(_note(_iso(plan.surgery), mark.band_label(), "left"))
        elif mark.years <= plan.horizon_years:
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": at,
                    "x1": at,
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": style.TEAL, "dash": "dot", "width": 2},
                }
            )
            annotations.append(_note(at, mark.label(), "left", y=0.9))
    if first <= plan.today <= last:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": _iso(plan.today),
                "x1": _iso(plan.today),
                "y0": 0,
                "y1": 1,
                "line": {"color": "black", "dash": "dash", "width": 2},
            }
        )
        annotations.append(
            {
                "x": _iso(plan.today),
                "y": 0.075,
                "xref": "x",
                "yref": "paper",
                "text": f"Today, {format_date(plan.today)}",
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
                "xshift": 4,
                "font": {"size": 13},
                "bgcolor": "rgba(255,255,255,0.8)",
            }
        )
    layout["shapes"] = shapes
    layout["annotations"] = annotations

    past_name = "Visits already past (filled)"
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
    return style.figure(
        [
            surgery,
            _visit_trace(past_name, plan.past, PAST_COLOUR, "circle", plan.in_future),
            _visit_trace(to_come_name, plan.to_come, TO_COME_COLOUR, "circle-open", plan.in_future),
        ],
        layout,
    )


def _iso(day: date) -> str:
    return day.isoformat()


def _note(x: str, text: str, side: str, *, y: float = 1.0) -> dict[str, object]:
    return {
        "x": x,
        "y": y,
        "xref": "x",
        "yref": "paper",
        "text": esc(text),
        "showarrow": False,
        "xanchor": side,
        "yanchor": "top",
        "xshift": 4,
        "align": "left",
        "font": {"size": 12},
        "bgcolor": "rgba(255,255,255,0.85)",
    }


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


# --------------------------------------------------------------------------- all schedules side by side
def _schedules_in_order(schedules: pd.DataFrame) -> list[tuple[str, str]]:
    return list(dict.fromkeys(zip(schedules["schedule_id"], schedules["schedule_label"])))


def schedule_rules_table(schedules: pd.DataFrame) -> pd.DataFrame:
    """Each schedule's rule, one column per period ('every 3 months'), with its source."""
    spans = sorted({(float(a), float(b)) for a, b in zip(schedules["year_from"], schedules["year_to"])})
    records = []
    for schedule_id, label in _schedules_in_order(schedules):
        rows = schedules[schedules["schedule_id"] == schedule_id]
        record = {"Schedule": label}
        for a, b in spans:
            match = rows[(rows["year_from"] == a) & (rows["year_to"] == b)]
            record[years_label(a, b)] = f"every {int(match['interval_months'].iloc[0])} months" if len(match) else ""
        cited = cite([s for s in dict.fromkeys(rows["source_id"]) if isinstance(s, str)])
        record["Source"] = cited if cited else "none given (popular article)"
        records.append(record)
    return pd.DataFrame(records)


def visits_per_year_table(schedules: pd.DataFrame, horizon_years: int = HORIZON_YEARS) -> pd.DataFrame:
    """Visits in each year after surgery for every schedule, with the ten-year total (no dates needed)."""
    records = []
    for schedule_id, label in _schedules_in_order(schedules):
        counts = visits_per_year(visit_months(schedule_periods(schedules, schedule_id), horizon_years), horizon_years)
        record: dict[str, object] = {"Schedule": label}
        record.update({f"Year {n}": c for n, c in enumerate(counts, start=1)})
        record[f"Total in {horizon_years} years"] = sum(counts)
        records.append(record)
    return pd.DataFrame(records)


# --------------------------------------------------------------------------- guidelines and myths
def guideline_table(statements: pd.DataFrame, statement_ids: Sequence[str]) -> pd.DataFrame:
    """Chosen guideline statements, in the given order, in their own words, with version, year and status."""
    chosen = statements.set_index("statement_id").loc[list(statement_ids)]
    return pd.DataFrame(
        {
            "Who": chosen["organisation"].tolist(),
            "Version": chosen["version"].tolist(),
            "Year": [str(int(y)) for y in chosen["year"]],
            "Status": [GUIDELINE_STATUS[s] for s in chosen["status"]],
            "What it says": [guideline_words(s, q) for s, q in zip(chosen["statement"], chosen["quote_verified"])],
            "Where it was read": chosen["guideline"].tolist(),
            "Source": cites(chosen["source_id"]),
        }
    )
