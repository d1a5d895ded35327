"""The recurrence FAQ (notebook 6): the charts that illustrate its answers.

Pure builders: tables in, plotly figures out; nothing here reads a file or touches a widget.
Every chart of the FAQ view is one kind of figure, a horizontal bar chart with exactly
:data:`N_TRACES` bar traces whose rows are grouped under bold header rows (one group per study,
data source or time point). Because every builder returns the same trace count and trace type,
one chart widget (``CourseFigure``) can show any of them, updated in place. Answers illustrated by a *table*
get :func:`placeholder_figure` (all traces hidden) and the table goes into an HTML widget instead.

Colours come from :mod:`helpers.style`, and never carry meaning alone: each series also has its
own fill pattern, a legend entry, a bold header row naming it, and its value written on the bar.
"""

from __future__ import annotations

import re
from typing import Any, cast

import pandas as pd

from helpers import style
from helpers.style import FigureSpec
from helpers.text import cite_map, esc, short_cite

#: The tables the FAQ view draws on (each loaded with ``helpers.data.load_table``).
FAQ_TABLES: tuple[str, ...] = (
    "recurrence_faq",
    "sources",
    "tumour_markers",
    "detection_methods",
    "warning_signs",
    "urgency_levels",
    "followup_schedule",
    "recurrence_timing",
    "metastatic_sites",
    "guideline_statements",
    "myths",
)


#: Every FAQ chart has exactly this many bar traces (unused ones are empty and hidden).
N_TRACES = 4
SERIES_COLOURS: tuple[str, ...] = (style.INDIGO, style.TEAL, style.PURPLE, style.GREEN)
SERIES_PATTERNS: tuple[str, ...] = ("", "/", ".", "x")

ROW_COLUMNS = ("group", "key", "label", "value", "series", "hover")


# --------------------------------------------------------------------------- citations
def first_clause(text: str) -> str:
    """The text up to its first comma or bracket ('Diagnosis of gastric cancer, serum' -> 'Diagnosis of gastric cancer')."""
    return re.split(r"[,(;]", str(text), maxsplit=1)[0].strip()


def dataset_label(dataset: str) -> str:
    """A readable name for a dataset slug ('us_ncdb' -> 'US NCDB', 'sweden_registry' -> 'Sweden registry')."""
    words = str(dataset).split("_")
    shown = [w.upper() if len(w) <= 4 else (w.capitalize() if i == 0 else w) for i, w in enumerate(words)]
    return " ".join(shown)


# --------------------------------------------------------------------------- the one chart kind
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
    layout["yaxis"].update(
        type="category",
        categoryorder="array",
        categoryarray=keys,
        tickmode="array",
        tickvals=keys,
        ticktext=ticks,
        autorange="reversed",
        visible=visible,
        showgrid=False,
        ticks="",
    )
    layout.update(
        barmode=barmode, bargap=0.25, bargroupgap=0.05, showlegend=visible, uniformtext={"minsize": 12, "mode": "show"}
    )
    # The legend sits at the bottom of the whole figure, one line per series, below the x-axis title.
    layout["legend"] = {"orientation": "v", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"}
    layout["margin"] = {"l": 10, "r": 20, "t": 80, "b": 20 + 26 * legend_rows}
    return layout


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
    group_index = {group: g for g, group in enumerate(dict.fromkeys(rows["group"]))}
    traces = []
    for i in range(N_TRACES):
        if i < len(series):
            part = rows[rows["series"] == series[i]]
            y = [f"row:{group_index[r.group]}:{r.key}" for r in part.itertuples(index=False)]
            x: list[float | None] = [float(v) for v in part["value"]]
            text = [f"{v:g}{unit}" for v in part["value"]]
            hover = [esc(h).replace("\n", "<br>") for h in part["hover"]]
            if i == 0:  # header and gap lines carry an empty point, so that the axis always shows them
                y, x, text, hover = (
                    headers + y,
                    [cast(float | None, None)] * len(headers) + x,
                    [""] * len(headers) + text,
                    [""] * len(headers) + hover,
                )
            traces.append(_bar(i, esc(series[i]), y, x, text, hover, True))
        else:
            traces.append(_bar(i, "", [], [], [], [], False))
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


# --------------------------------------------------------------------------- tumour markers
def tumour_marker_rows(markers: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per marker result, grouped (and coloured) by study and the purpose of the test."""
    if markers.empty:
        return empty_rows()
    cites = cite_map(sources, markers["source_id"])
    groups = [f"{cites[s]}: {first_clause(setting)}" for s, setting in zip(markers["source_id"], markers["setting"])]
    hover = []
    for m in markers.itertuples(index=False):
        spec = "" if pd.isna(m.specificity_pct) else f", specificity {m.specificity_pct:g}%"
        hover.append(f"{m.label}: sensitivity {m.sensitivity_pct:g}%{spec}\n{m.population}")
    return pd.DataFrame(
        {
            "group": groups,
            "key": markers["marker"].astype(str).tolist(),
            "label": markers["label"].astype(str).tolist(),
            "value": markers["sensitivity_pct"].astype(float).tolist(),
            "series": groups,
            "hover": hover,
        }
    )


def tumour_marker_chart(markers: pd.DataFrame, sources: pd.DataFrame) -> FigureSpec:
    """Sensitivity of CEA, CA19-9, CA72-4 (alone and combined), each study in its own group."""
    return grouped_bar_chart(
        tumour_marker_rows(markers, sources),
        title="How often is a tumour marker raised when there is cancer?",
        subtitle="Sensitivity: of 100 people with cancer, how many had a raised marker (each study in its own block)",
        x_title="Sensitivity (%)",
        y_title="Marker, grouped by study",
    )


# --------------------------------------------------------------------------- detection methods
def detection_rows(methods: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Sensitivity and specificity of each test that has sourced figures (two series side by side)."""
    scored = methods.dropna(subset=["sensitivity_pct"])
    cites = cite_map(sources, scored["source_id"])
    rows = []
    for m in scored.itertuples(index=False):
        basis = "" if pd.isna(m.accuracy_basis) else str(m.accuracy_basis).split("(")[0].strip(" ,;")
        group = cites[m.source_id] + (f" ({basis})" if basis else "")
        for measure, value in (
            ("Sensitivity: finds disease that is there", m.sensitivity_pct),
            ("Specificity: gives the all-clear when there is none", m.specificity_pct),
        ):
            if pd.isna(value):
                continue
            rows.append(
                {
                    "group": group,
                    "key": m.method_id,
                    "label": m.method,
                    "value": float(value),
                    "series": measure,
                    "hover": f"{m.method}: {measure.split(':')[0].lower()} {value:g}%\n{m.accuracy_basis}",
                }
            )
    return pd.DataFrame(rows, columns=list(ROW_COLUMNS)) if rows else empty_rows()


def detection_chart(methods: pd.DataFrame, sources: pd.DataFrame) -> FigureSpec:
    """How well each imaging test finds bone metastases (sensitivity beside specificity)."""
    return grouped_bar_chart(
        detection_rows(methods, sources),
        title="How well does each test find bone metastases?",
        subtitle="Pooled results of many studies; no test finds every metastasis",
        x_title="Per patient (%)",
        y_title="Test",
        barmode="group",
    )


def describe_detection(rows: pd.DataFrame) -> list[str]:
    """The detection chart in words: one sentence per test."""
    lines = []
    for _key, part in rows.groupby("key", sort=False):
        label = part["label"].iloc[0]
        measures = ", ".join(f"{s.split(':')[0].lower()} {v:g}%" for s, v in zip(part["series"], part["value"]))
        lines.append(f"{part['group'].iloc[0]}: {label}, {measures}.")
    return lines


# --------------------------------------------------------------------------- recurrence timing
def timing_rows(timing: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Share of recurrences that had appeared by each time point, grouped by time point, one series per study."""
    if timing.empty:
        return empty_rows()
    ordered = timing.sort_values(["years_after_surgery"], kind="stable")
    cite = cite_map(sources, ordered["source_id"])
    cites = [cite[s] for s in ordered["source_id"]]
    notes = ["" if pd.isna(n) else f"\n{n}" for n in ordered["note"]]
    return pd.DataFrame(
        {
            "group": [f"Within {y:g} years of surgery" for y in ordered["years_after_surgery"]],
            "key": [f"{s}:{y:g}" for s, y in zip(ordered["source_id"], ordered["years_after_surgery"])],
            "label": cites,
            "value": ordered["cumulative_pct_of_recurrences"].astype(float).tolist(),
            "series": [f"{c}: {p.split(':')[0]}" for c, p in zip(cites, ordered["population"])],
            "hover": [f"{p}{n}" for p, n in zip(ordered["population"], notes)],
        }
    )


def timing_chart(timing: pd.DataFrame, sources: pd.DataFrame) -> FigureSpec:
    """When recurrences appear after gastric cancer surgery, in each series."""
    return grouped_bar_chart(
        timing_rows(timing, sources),
        title="When do recurrences appear after surgery?",
        subtitle="Share of all recurrences in each series that had appeared by then",
        x_title="Share of all recurrences (%)",
        y_title="Study",
    )


# --------------------------------------------------------------------------- where gastric cancer spreads
def gastric_site_rows(sites: pd.DataFrame, sources: pd.DataFrame, primary: str = "gastric") -> pd.DataFrame:
    """Metastatic sites of one primary cancer, grouped by data source (largest share first within each)."""
    chosen = sites[sites["primary"] == primary]
    if chosen.empty:
        return empty_rows()
    rows = []
    for (source_id, dataset), part in chosen.groupby(["source_id", "dataset"], sort=False):
        group = f"{short_cite(sources, source_id)}: {dataset_label(dataset)}"
        for r in part.sort_values("pct", ascending=False, kind="stable").itertuples(index=False):
            note = "" if pd.isna(r.note) else f"\n{r.note}"
            rows.append(
                {
                    "group": group,
                    "key": r.site,
                    "label": r.site_label,
                    "value": float(r.pct),
                    "series": group,
                    "hover": f"{r.site_label}: {r.pct:g}% of {r.denominator}{note}",
                }
            )
    return pd.DataFrame(rows, columns=list(ROW_COLUMNS))


def gastric_sites_chart(sites: pd.DataFrame, sources: pd.DataFrame) -> FigureSpec:
    """Where gastric cancer spreads, in each data source (each counts a different group of patients)."""
    rows = gastric_site_rows(sites, sources)
    count = rows["group"].nunique()
    return grouped_bar_chart(
        rows,
        title=f"Where gastric cancer spreads, in {count} data source{'s' if count != 1 else ''}",
        subtitle="Each source counts a different group of patients: read the denominators below",
        x_title="% of the source's patients",
        y_title="Site, grouped by data source",
    )


def describe_gastric_sites(sites: pd.DataFrame, sources: pd.DataFrame, primary: str = "gastric") -> list[str]:
    """The sites chart in words, with each source's denominator."""
    chosen = sites[sites["primary"] == primary]
    lines = []
    for (source_id, dataset), part in chosen.groupby(["source_id", "dataset"], sort=False):
        ranked = part.sort_values("pct", ascending=False, kind="stable")
        shares = ", ".join(f"{r.site_label} {r.pct:g}%" for r in ranked.itertuples(index=False))
        lines.append(
            f"{short_cite(sources, source_id)} ({dataset_label(dataset)}): {shares}. Counted: {ranked['denominator'].iloc[0]}."
        )
    return lines
