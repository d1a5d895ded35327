"""When recurrences happen after gastric cancer surgery: each series' recurrences split into time spans, as stacked
bars, in words and as a table. Pure builders: tables in, figure specs, sentences or DataFrames out (text from data
escaped in the figures; the DataFrames hold plain text, escaped by :func:`helpers.text.html_table`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers import style
from helpers.style import FigureSpec
from helpers.text import cites, esc, fmt_range


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


def _timing_title(split: pd.DataFrame) -> str:
    """'In every series, most recurrences came within 2 years of surgery' only when every series says so."""
    firsts = split[split["from_years"] == 0]
    if (firsts["pct"] > 50).all() and firsts["to_years"].nunique() == 1:
        return f"In every series, most recurrences came within {float(firsts['to_years'].min()):g} years of surgery"
    return "When recurrences came after gastric cancer surgery"


def _span_styles(spans: Sequence[str]) -> list[tuple[str, str]]:
    """(colour, pattern) of each span: timed spans in time order, "not split further" grey and hatched."""
    styles, timed = [], 0
    for span in spans:
        if span.endswith("(not split further)"):
            styles.append(UNSPLIT_STYLE)
        else:
            styles.append(SPAN_COLOURS[min(timed, len(SPAN_COLOURS) - 1)])
            timed += 1
    return styles


def _span_trace(
    rows: pd.DataFrame, span: str, look: tuple[str, str], names: dict[str, str], places: dict[str, str]
) -> dict[str, Any]:
    """One span's share of each series' recurrences, a segment of each series' bar."""
    colour, pattern = look
    return style.trace(
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


def recurrence_timing_figure(timing: pd.DataFrame, sources: pd.DataFrame) -> FigureSpec:
    """One bar per series, split into the share of its recurrences found in each time span after surgery.

    The title says "most" only when every series found more than half of its recurrences in the first span.
    """
    split = recurrence_split(timing)
    names = {sid: series_name(str(sid), sources) for sid in split["source_id"].unique()}
    places = {
        sid: series_place(str(rows["population"].iloc[0])) for sid, rows in timing.groupby("source_id", sort=False)
    }
    order = list(dict.fromkeys(split["source_id"]))
    unsplit = split["span"].str.endswith("(not split further)")
    spans = split.assign(unsplit=unsplit).sort_values(["unsplit", "from_years"], kind="stable").drop_duplicates("span")
    layout = style.base_layout(
        f"{esc(_timing_title(split))}<br><sup>Each bar: one series of patients; its recurrences split by when they were found</sup>",
        "Share of the series' recurrences (%)",
        "Series (first author, year)",
        height=170 + 70 * len(order),
    )
    layout["xaxis"].update(range=[0, 100], dtick=10, showgrid=True)
    style.category_axis(layout["yaxis"], [esc(names[sid]) for sid in order][::-1])
    layout["barmode"] = "stack"
    layout["legend"].update(y=-0.3, traceorder="normal")
    traces = [
        _span_trace(
            split[split["span"] == span].set_index("source_id").reindex(order).dropna(subset=["pct"]),
            span,
            look,
            names,
            places,
        )
        for span, look in zip(spans["span"], _span_styles(list(spans["span"])))
    ]
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
