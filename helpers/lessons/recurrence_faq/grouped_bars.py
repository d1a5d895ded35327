"""The one kind of chart of the recurrence FAQ: a horizontal bar chart with exactly :data:`N_TRACES` bar traces
whose rows are grouped under bold header rows (one group per study, data source or time point). Because every
chart has the same trace count and trace type, one chart widget (``CourseFigure``) can show any of them, updated
in place. Answers illustrated by a *table* get :func:`placeholder_figure` (all traces hidden).

Colours come from :mod:`helpers.style`, and never carry meaning alone: each series also has its own fill pattern,
a legend entry, a bold header row naming it, and its value written on the bar.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from helpers import style
from helpers.style import FigureSpec
from helpers.text import esc

#: Every FAQ chart has exactly this many bar traces (unused ones are empty and hidden).
N_TRACES = 4
SERIES_COLOURS: tuple[str, ...] = (style.INDIGO, style.TEAL, style.PURPLE, style.GREEN)
SERIES_PATTERNS: tuple[str, ...] = ("", "/", ".", "x")

ROW_COLUMNS = ("group", "key", "label", "value", "series", "hover")


def bar_row(group: str, key: str, label: str, value: float, series: str, hover: str) -> dict[str, Any]:
    """One row of the rows frame :func:`grouped_bar_chart` draws (the columns of :data:`ROW_COLUMNS`)."""
    return dict(zip(ROW_COLUMNS, (group, key, label, value, series, hover)))


def empty_rows() -> pd.DataFrame:
    """A rows frame with no rows (the columns :func:`grouped_bar_chart` needs)."""
    return pd.DataFrame({c: pd.Series(dtype="float" if c == "value" else "object") for c in ROW_COLUMNS})


def _bar(
    i: int, name: str, y: list[str], x: list[float | None], text: list[str], hover: list[str], visible: bool
) -> dict[str, Any]:
    """One bar trace; every trace is built here so that all of them carry the same properties."""
    return style.trace(
        "bar",
        name=name,
        orientation="h",
        x=x,
        y=y,
        text=text,
        textposition="outside",
        cliponaxis=False,
        hovertext=hover,
        hoverinfo="text",
        marker={
            "color": SERIES_COLOURS[i],
            "line": {"color": SERIES_COLOURS[i], "width": 1.5},
            "pattern": {"shape": SERIES_PATTERNS[i], "fgcolor": "white", "size": 8, "solidity": 0.3},
        },
        visible=visible,
        showlegend=visible,
    )


def _layout(
    title: str,
    subtitle: str,
    x_title: str,
    y_title: str,
    *,
    height: int,
    barmode: str,
    x_max: float,
    keys: list[str],
    ticks: list[str],
    legend_rows: int,
    visible: bool = True,
) -> dict[str, Any]:
    """The layout of every FAQ figure: the same keys always (an in-place update leaves no stale settings)."""
    text = esc(title) + (f"<br><sup>{esc(subtitle)}</sup>" if subtitle else "")
    layout = style.base_layout(text, x_title, y_title, height=height)
    layout["xaxis"].update(
        range=[0, x_max * 1.16],
        tickvals=[v for v in range(0, int(x_max) + 1, 20)],
        showgrid=True,
        visible=visible,
        zeroline=False,
    )
    ticks_at = {"tickmode": "array", "tickvals": keys, "ticktext": ticks, "ticks": ""}
    style.category_axis(layout["yaxis"], keys, autorange="reversed", visible=visible, showgrid=False, **ticks_at)
    layout.update(
        barmode=barmode, bargap=0.25, bargroupgap=0.05, showlegend=visible, uniformtext={"minsize": 12, "mode": "show"}
    )
    # The legend sits at the bottom of the whole figure, one line per series, below the x-axis title.
    layout["legend"] = {"orientation": "v", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"}
    layout["margin"] = {"l": 10, "r": 20, "t": 80, "b": 20 + 26 * legend_rows}
    return layout


def _category_rows(rows: pd.DataFrame) -> tuple[list[str], list[str], list[str]]:
    """The y-axis categories (one per bar line, a bold header per group, a gap between groups), their tick labels,
    and the header and gap categories."""
    keys: list[str] = []
    ticks: list[str] = []
    headers: list[str] = []
    for g, group in enumerate(dict.fromkeys(rows["group"])):
        if g:
            keys.append(f"gap:{g}")
            ticks.append(" ")
            headers.append(keys[-1])
        keys.append(f"head:{g}")
        ticks.append(f"<b>{esc(group)}</b>")
        headers.append(keys[-1])
        for row in rows[rows["group"] == group].drop_duplicates("key").itertuples(index=False):
            keys.append(f"row:{g}:{row.key}")
            ticks.append(esc(row.label))
    return keys, ticks, headers


def _series_trace(i: int, rows: pd.DataFrame, series: str, headers: list[str], unit: str) -> dict[str, Any]:
    """Series ``i``'s bars on their category lines; the first series also carries an empty point on every header
    and gap line, so that the axis always shows them."""
    group_index = {group: g for g, group in enumerate(dict.fromkeys(rows["group"]))}
    part = rows[rows["series"] == series]
    y = [f"row:{group_index[r.group]}:{r.key}" for r in part.itertuples(index=False)]
    x: list[float | None] = [float(v) for v in part["value"]]
    text = [f"{v:g}{unit}" for v in part["value"]]
    hover = [esc(h).replace("\n", "<br>") for h in part["hover"]]
    if i == 0:
        blank = [""] * len(headers)
        y, x, text, hover = headers + y, [cast(float | None, None)] * len(headers) + x, blank + text, blank + hover
    return _bar(i, esc(series), y, x, text, hover, True)


def grouped_bar_chart(
    rows: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    x_title: str,
    y_title: str,
    unit: str = "%",
    x_max: float = 100,
    barmode: str = "overlay",
) -> FigureSpec:
    """Horizontal bars, grouped under bold header rows; one trace per ``series`` (at most :data:`N_TRACES`).

    ``rows`` has the columns of :data:`ROW_COLUMNS`: ``group`` (header the row sits under),
    ``key`` (unique within a series; rows of different series with the same key share a line,
    side by side when ``barmode='group'``), ``label`` (the row's tick label), ``value``,
    ``series`` (legend entry) and ``hover`` (plain text). Groups and series keep the order in
    which they first appear. All text from data is escaped here.
    """
    missing = set(ROW_COLUMNS) - set(rows.columns)
    if missing:
        raise ValueError(f"rows lack the columns {sorted(missing)}")
    series = list(dict.fromkeys(rows["series"]))
    if len(series) > N_TRACES:
        raise ValueError(f"{len(series)} series but a FAQ chart has {N_TRACES} traces: merge or split the rows")
    keys, ticks, headers = _category_rows(rows)
    traces = [_series_trace(i, rows, name, headers, unit) for i, name in enumerate(series)]
    traces += [_bar(i, "", [], [], [], [], False) for i in range(len(series), N_TRACES)]
    row_px = 48 if barmode == "group" else 30  # side-by-side bars need a taller line to stay readable
    height = max(260, 130 + row_px * len(keys)) + 26 * len(series)
    layout = _layout(
        title,
        subtitle,
        x_title,
        y_title,
        height=height,
        barmode=barmode,
        x_max=x_max,
        keys=keys,
        ticks=ticks,
        legend_rows=len(series),
    )
    return style.figure(traces, layout)


def placeholder_figure(title: str) -> FigureSpec:
    """The figure shown while the view displays a table: same traces, all hidden, axes hidden."""
    traces = [_bar(i, "", [], [], [], [], False) for i in range(N_TRACES)]
    layout = _layout(
        title, "", "", "", height=120, barmode="overlay", x_max=100, keys=[], ticks=[], legend_rows=0, visible=False
    )
    return style.figure(traces, layout)


def describe_rows(rows: pd.DataFrame, unit: str = "%") -> list[str]:
    """A chart's text alternative: one sentence per bar, under its group."""
    return [f"{r.group}: {r.label}, {r.value:g}{unit}." for r in rows.itertuples(index=False)]
