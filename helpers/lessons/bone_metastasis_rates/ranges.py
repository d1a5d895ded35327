"""Range (dumbbell) charts: one bar per row from its low to its high value, the seed's figure beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from helpers import style
from helpers.data import missing_last
from helpers.style import FigureSpec
from helpers.text import esc, fmt_range

SortOrder = Literal["high", "low", "name"]
SORT_ORDERS: dict[str, SortOrder] = {
    "Highest first": "high",
    "Lowest first": "low",
    "Alphabetical": "name",
}


@dataclass(frozen=True)
class RangeMeasure:
    """One numeric range of a table, as a chart shows it."""

    low: str
    high: str
    title: str
    axis: str
    unit: str
    x_max: float
    seed_low: str | None = None
    seed_high: str | None = None


def range_view(
    table: pd.DataFrame, measure: RangeMeasure, *, key: str = "cancer", label: str = "cancer_label"
) -> pd.DataFrame:
    """The columns a range chart needs: key, label, low, high, seed_low, seed_high."""
    view = pd.DataFrame(
        {
            "key": table[key].astype(str),
            "label": table[label].astype(str),
            "low": table[measure.low].astype(float),
            "high": table[measure.high].astype(float),
        }
    )
    view["seed_low"] = table[measure.seed_low].astype(float) if measure.seed_low else float("nan")
    view["seed_high"] = table[measure.seed_high].astype(float) if measure.seed_high else float("nan")
    return view.reset_index(drop=True)


def arrange(view: pd.DataFrame, order: SortOrder = "high", keep: list[str] | None = None) -> pd.DataFrame:
    """Filter to the ``keep`` keys (all when None) and sort; the first row is drawn at the top.

    Sorted in Python and taken with one ``iloc``: on tables of a dozen rows, pandas' own filter and sort
    cost ten times as much, on every change of a control.
    """
    kept = set(keep) if keep is not None else None
    rows = [
        (i, key, label, low, high)
        for i, (key, label, low, high) in enumerate(zip(view["key"], view["label"], view["low"], view["high"]))
        if kept is None or key in kept
    ]
    if order == "name":
        rows.sort(key=lambda r: r[2].lower())
    elif order == "low":
        rows.sort(key=lambda r: (*missing_last(r[3]), *missing_last(r[4]), r[2]))
    else:
        rows.sort(key=lambda r: (*missing_last(-r[4]), *missing_last(-r[3]), r[2]))
    return view.iloc[[r[0] for r in rows]].reset_index(drop=True)


def _seed_trace(columns: dict[str, list[Any]], unit: str, show_seed: bool) -> dict[str, Any]:
    """The popular article's figures: one diamond for a single value, two for a range."""
    seed = [
        (lbl, lo, hi)
        for lbl, lo, hi in zip(columns["label"], columns["seed_low"], columns["seed_high"])
        if show_seed and not pd.isna(lo)
    ]
    points = [(lbl, x, lo, hi) for lbl, lo, hi in seed for x in ([lo] if lo == hi else [lo, hi])]
    marker = {"color": style.ROSE, "size": 14, "symbol": "diamond-open", "line": {"width": 3}}
    return style.trace(
        "scatter",
        name="Popular article's figure",
        mode="markers",
        x=[x for _, x, _, _ in points],
        y=[esc(lbl) for lbl, _, _, _ in points],
        marker=marker,
        hovertext=[f"Popular article: {esc(fmt_range(lo, hi, unit))}" for _, _, lo, hi in points],
        hoverinfo="text",
        visible=bool(show_seed and len(points)),
    )


def range_chart(view: pd.DataFrame, measure: RangeMeasure, *, show_seed: bool = True, subtitle: str = "") -> FigureSpec:
    """Range (dumbbell) bars, one per row of ``view``: low to high, with the seed's figure beside it.

    Always three traces (range bars, end points, seed figures) so that a chart widget can be
    updated in place whatever the controls select.
    """
    columns = view.to_dict("list")  # plain lists: one conversion, then no pandas per value
    labels = [esc(v) for v in columns["label"]]
    low, high = columns["low"], columns["high"]
    hover = [f"{esc(lbl)}: {esc(fmt_range(lo, hi, measure.unit))}" for lbl, lo, hi in zip(columns["label"], low, high)]
    title = measure.title + (f"<br><sup>{esc(subtitle)}</sup>" if subtitle else "")
    layout = style.base_layout(title, measure.axis, "Primary cancer", height=150 + 42 * max(len(view), 1))
    layout["xaxis"].update(range=[0, measure.x_max * 1.02], showgrid=True)
    style.category_axis(layout["yaxis"], labels[::-1])
    # the legend at the foot of the whole figure, below the room the tick labels and the x-axis title need
    layout["legend"] = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0}
    layout["margin"] = {**layout["margin"], "b": 100}
    layout["height"] += 90
    ranges = style.trace(
        "bar",
        name="Sourced range",
        orientation="h",
        y=labels,
        base=low,
        x=[max(hi - lo, measure.x_max * 0.006) for lo, hi in zip(low, high)],  # a single value still shows a sliver
        marker={"color": style.INDIGO, "opacity": 0.35},
        hovertext=hover,
        hoverinfo="text",
        width=0.5,
    )
    ends = style.trace(
        "scatter",
        name="Range ends (low, high)",
        mode="markers",
        x=low + high,
        y=labels + labels,
        marker={"color": style.INDIGO, "size": 11, "symbol": "circle"},
        hovertext=hover + hover,
        hoverinfo="text",
    )
    return style.figure([ranges, ends, _seed_trace(columns, measure.unit, show_seed)], layout)


def describe_ranges(view: pd.DataFrame, measure: RangeMeasure) -> list[str]:
    """The chart as sentences (its text alternative), in the chart's order."""
    lines = []
    for row in view.itertuples(index=False):
        line = f"{row.label}: {fmt_range(row.low, row.high, measure.unit)}"
        if not pd.isna(row.seed_low):
            seed = fmt_range(row.seed_low, row.seed_high, measure.unit)
            agrees = row.seed_low >= row.low and row.seed_high <= row.high
            line += f" (the popular article says {seed}{'' if agrees else ', outside the sourced range'})"
        lines.append(line + ".")
    return lines
