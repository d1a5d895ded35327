"""The charts that illustrate the recurrence FAQ's answers: tumour markers, detection tests, when recurrences come,
and where gastric cancer spreads; each a table's rows for :func:`~.grouped_bars.grouped_bar_chart`, and sentences.

Pure builders: tables in, rows, figure specs and sentences out; nothing here reads a file or touches a widget.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.lessons.recurrence_faq.grouped_bars import ROW_COLUMNS, bar_row, empty_rows, grouped_bar_chart
from helpers.style import FigureSpec
from helpers.text import cite_map, short_cite

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


def first_clause(text: str) -> str:
    """The text up to its first comma or bracket ('Diagnosis of gastric cancer, serum' -> 'Diagnosis of gastric cancer')."""
    return re.split(r"[,(;]", str(text), maxsplit=1)[0].strip()


def dataset_label(dataset: str) -> str:
    """A readable name for a dataset slug ('us_ncdb' -> 'US NCDB', 'sweden_registry' -> 'Sweden registry')."""
    words = str(dataset).split("_")
    shown = [w.upper() if len(w) <= 4 else (w.capitalize() if i == 0 else w) for i, w in enumerate(words)]
    return " ".join(shown)


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
            hover = f"{m.method}: {measure.split(':')[0].lower()} {value:g}%\n{m.accuracy_basis}"
            rows.append(bar_row(group, m.method_id, m.method, float(value), measure, hover))
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
            hover = f"{r.site_label}: {r.pct:g}% of {r.denominator}{note}"
            rows.append(bar_row(group, r.site, r.site_label, float(r.pct), group, hover))
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
