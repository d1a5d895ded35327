"""Brain metastases by primary cancer: one bar trace per study, pooled rows hatched, and the popular article's
figure as a labelled dashed line (hidden, not removed, so the chart updates in place).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers import style
from helpers.lessons.where_cancer_spreads.labels import (
    dataset_bar,
    first_clause,
    pct_text,
    titled_layout,
)
from helpers.style import FigureSpec
from helpers.text import esc, short_cite, wrap_html

#: Brain-metastasis rows whose ``primary`` starts with this prefix pool several cancers ("all_five", "all_cancers").
COMBINED_PREFIX = "all_"

#: The myth row (data/myths.csv) that holds the seed article's brain-metastasis claim.
SEED_BRAIN_MYTH = "brain_20pct_order"


def is_combined(primary: str) -> bool:
    """Whether a brain-metastasis row pools several cancers (its id starts with 'all_')."""
    return str(primary).startswith(COMBINED_PREFIX)


def seed_brain_claim(myths: pd.DataFrame) -> tuple[float, list[str]]:
    """The seed article's brain-metastasis claim, read from data/myths.csv: (its percentage, the cancers it lists in order)."""
    row = myths[myths["myth_id"] == SEED_BRAIN_MYTH]
    if row.empty:
        raise KeyError(f"data/myths.csv has no row {SEED_BRAIN_MYTH!r}")
    claim = str(row["seed_claim"].iloc[0])
    pct = re.search(r"(\d+(?:\.\d+)?)% of cancer patients", claim)
    listed = re.search(r"highest in (.+?)\.?$", claim)
    if not pct or not listed:
        raise ValueError(f"cannot read the percentage and the list of cancers from the seed claim: {claim!r}")
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed.group(1)) if n.strip()]
    return float(pct.group(1)), names


def brain_studies(brain: pd.DataFrame, sources: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, source_id) of each study in data/brain_mets_incidence.csv, in the table's order."""
    ids = list(dict.fromkeys(brain["source_id"].astype(str)))
    labels = []
    for source_id in ids:
        place = first_clause(brain.loc[brain["source_id"] == source_id, "population"].iloc[0])
        labels.append(f"{short_cite(sources, source_id)}: {place}")
    return list(zip(labels, ids))


def brain_view(brain: pd.DataFrame, studies: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows of the chosen studies (all when None): single cancers from the highest share down, pooled rows last."""
    view = brain if studies is None else brain[brain["source_id"].isin(list(studies))]
    view = view.assign(combined=view["primary"].map(is_combined))
    best = view.groupby("primary_label")["pct"].transform("max")
    view = view.assign(best=best).sort_values(
        ["combined", "best", "pct"], ascending=[True, False, False], kind="stable"
    )
    return view.drop(columns="best").reset_index(drop=True)


def _study_trace(i: int, study_label: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One study's bars; its pooled rows hatched and labelled."""
    hover = [
        f"<b>{esc(r['primary_label'])}: {pct_text(r['pct'])}</b><br>{esc(r['measure'])}<br><i>{wrap_html(study_label, 60)}</i>"
        for r in rows
    ]
    return dataset_bar(
        i,
        esc(study_label),
        rows,
        pattern={"shape": ["/" if r["combined"] else "" for r in rows], "solidity": 0.4},
        y=[esc(r["primary_label"]) for r in rows],
        text=[pct_text(r["pct"]) + (" (pooled)" if r["combined"] else "") for r in rows],
        hovertext=hover,
    )


def _brain_subtitle(records: list[dict[str, Any]], studies: Sequence[tuple[str, str]], shown: list[str]) -> str:
    if len(shown) == 1:
        measures = list(dict.fromkeys(r["measure"] for r in records))
        measure = measures[0] if len(measures) == 1 else "measures differ between rows: hover a bar"
        return f"{_study_label(studies, shown[0])}; {measure}"
    if shown:
        return "Studies side by side: each counted differently (hover a bar for its measure)"
    return "No study chosen"


def _seed_marks(layout: dict[str, Any], seed_pct: float, show_seed: bool) -> None:
    """The seed article's figure: a dashed line and its label (hidden, not removed, when not shown)."""
    line = {"color": style.ROSE, "width": 3, "dash": "dash"}
    layout["shapes"] = [style.vline(seed_pct, line, visible=show_seed, opacity=1, layer="above", xref="x")]
    text = f"Popular article: \u201c{pct_text(seed_pct)} of cancer patients\u201d"
    layout["annotations"] = [
        style.note(
            seed_pct,
            1,
            text,
            xref="x",
            yref="paper",
            visible=show_seed,
            yanchor="bottom",
            xanchor="right",
            font={"color": style.ROSE},
        )
    ]


def brain_chart(
    view: pd.DataFrame, studies: Sequence[tuple[str, str]], seed_pct: float | None = None, *, show_seed: bool = True
) -> FigureSpec:
    """Bars of brain-metastasis incidence by primary, one trace per study, with the seed's figure as a labelled line.

    ``studies`` lists every study (label, source_id) so the trace count is fixed; pooled rows ("all five
    cancers", "all cancers") are hatched and labelled. The seed's percentage is a dashed vertical line with
    a label; ``show_seed=False`` hides it but keeps it in the layout (an in-place update cannot remove a shape).
    """
    records = view.to_dict("records")
    shown = list(dict.fromkeys(r["source_id"] for r in records))
    order = list(dict.fromkeys(r["primary_label"] for r in records))
    traces = [
        _study_trace(i, label, [r for r in records if r["source_id"] == sid]) for i, (label, sid) in enumerate(studies)
    ]
    layout = titled_layout(
        "Brain metastases by primary cancer",
        _brain_subtitle(records, studies, shown),
        "Patients with that cancer found to have brain metastases (%)",
        "Primary cancer",
        plot_px=40 + (14 + 24 * max(len(shown), 1)) * max(len(order), 1),
        legend_items=len(shown),
        legend_title="Study (colour):",
    )
    top = max([*(r["pct"] for r in records), seed_pct or 0, 1.0])
    layout["xaxis"].update(range=[0, top * 1.25], showgrid=True, ticksuffix="%")
    style.category_axis(layout["yaxis"], [esc(v) for v in order[::-1]])
    layout["barmode"] = "group"
    if seed_pct is not None:
        _seed_marks(layout, seed_pct, show_seed)
    return style.figure(traces[::-1], layout)  # the first study on top, and first in the legend


def _study_label(studies: Sequence[tuple[str, str]], source_id: str) -> str:
    return next((label for label, sid in studies if sid == source_id), source_id)


def describe_brain(view: pd.DataFrame, studies: Sequence[tuple[str, str]], seed_pct: float | None = None) -> list[str]:
    """The chart in sentences: per study its figures from highest to lowest, then the seed's figure beside them."""
    if view.empty:
        return ["No study chosen."]
    records = view.to_dict("records")  # a few rows: plain dicts, no pandas per value
    lines = []
    for source_id in dict.fromkeys(r["source_id"] for r in records):
        rows = [r for r in records if r["source_id"] == source_id]
        single = sorted((r for r in rows if not r["combined"]), key=lambda r: -r["pct"])
        parts = []
        if single:
            parts.append(
                "from highest to lowest, " + ", ".join(f"{r['primary_label']} {pct_text(r['pct'])}" for r in single)
            )
            parts.append(f"measure: {single[0]['measure']}")
        for r in rows:
            if r["combined"]:
                parts.append(f"{r['primary_label']}: {pct_text(r['pct'])} ({r['measure']})")
        lines.append(f"{_study_label(studies, str(source_id))}: " + "; ".join(parts) + ".")
    if seed_pct is not None:
        pooled = [r for r in records if r["combined"]]
        single = [r for r in records if not r["combined"]]
        line = f"The popular article says {pct_text(seed_pct)} of cancer patients (dashed line)."
        if pooled:
            line += (
                " Pooled figures here: "
                + ", ".join(
                    f"{r['primary_label']} {pct_text(r['pct'])} ({_study_label(studies, r['source_id']).split(':')[0]})"
                    for r in pooled
                )
                + "."
            )
        if single:
            top = max(single, key=lambda r: r["pct"])  # the first of equal highest, as idxmax
            line += f" The highest single-cancer figure is {top['primary_label']}, {pct_text(top['pct'])}."
        lines.append(line)
    return lines
