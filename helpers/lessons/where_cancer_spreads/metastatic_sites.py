"""Where metastases were found, by primary cancer: one bar group per dataset, each with its own denominator.

Pure builders (tables in, views, figures and sentences out) with a fixed number of traces, so a chart widget can be
updated in place; text from data is escaped.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers import style
from helpers.lessons.where_cancer_spreads.labels import (
    dataset_bar,
    first_clause,
    lower_first,
    pct_text,
    split_notes,
    titled_layout,
)
from helpers.style import FigureSpec
from helpers.text import esc, short_cite, wrap_html


def primaries(sites: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, id) of each primary in data/metastatic_sites.csv, in the table's order (for a Dropdown)."""
    first = sites.drop_duplicates("primary")
    return list(zip(first["primary_label"].astype(str), first["primary"].astype(str)))


def site_view(sites: pd.DataFrame, sources: pd.DataFrame, primary: str) -> pd.DataFrame:
    """The rows of one primary, with a readable ``dataset_label`` and each row's own part of the note.

    Datasets keep the table's order; within a dataset, sites run from the highest share down.
    Columns added: ``dataset_label``, ``dataset_order``, ``shared_note`` (caveats common to the dataset's
    rows) and ``row_note`` (the rest). An unknown primary gives an empty view.
    """
    view = sites[sites["primary"] == primary].copy()
    if view.empty:
        return view.assign(dataset_label=[], dataset_order=[], shared_note=[], row_note=[])
    datasets = list(dict.fromkeys(view["dataset"]))
    names = {d: first_clause(view.loc[view["dataset"] == d, "population"].iloc[0]) for d in datasets}
    labels = {}
    for d in datasets:
        name = names[d]
        twins = [o for o in datasets if names[o] == name and o != d]
        if twins:  # two datasets of one registry: name them by what differs in their ids
            prefix = _common_prefix([d, *twins])
            name = f"{name}, {d[len(prefix) :].replace('_', ' ')}"
        source = view.loc[view["dataset"] == d, "source_id"].iloc[0]
        labels[d] = f"{name} ({short_cite(sources, source)})"
    view["dataset_label"] = view["dataset"].map(labels)
    view["dataset_order"] = view["dataset"].map({d: i for i, d in enumerate(datasets)})
    view["shared_note"] = ""
    view["row_note"] = ""
    for d in datasets:
        rows = view["dataset"] == d
        shared, rest = split_notes(view.loc[rows, "note"].tolist())
        view.loc[rows, "shared_note"] = " ".join(shared)
        view.loc[rows, "row_note"] = rest
    view = view.sort_values(["dataset_order", "pct"], ascending=[True, False], kind="stable")
    return view.reset_index(drop=True)


def _common_prefix(words: list[str]) -> str:
    prefix = words[0]
    for word in words[1:]:
        while not word.startswith(prefix):
            prefix = prefix[:-1]
    return prefix[: prefix.rfind("_") + 1] if "_" in prefix else prefix


def site_order(view: pd.DataFrame) -> list[str]:
    """Site labels from the highest share (in any dataset) down: the chart's top-to-bottom order."""
    best: dict[str, float] = {}
    for label, pct in zip(view["site_label"], view["pct"]):
        best[label] = max(best.get(label, pct), pct)
    return sorted(best, key=lambda label: -best[label])  # stable: ties keep the table's order


def _sites_subtitle(view: pd.DataFrame, datasets: list[str]) -> str:
    if len(datasets) == 1:
        first = view.iloc[0]
        return f"% of {lower_first(first['denominator'])}. {first['dataset_label']}"
    if datasets:
        return f"{len(datasets)} datasets, each with its own denominator: hover a bar, or read the table below"
    return "No data for this choice"


def _dataset_trace(i: int, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Dataset ``i``'s bars (an empty trace, hidden from the legend, when there are fewer datasets)."""
    hover = [
        f"<b>{esc(r['site_label'])}: {pct_text(r['pct'])}</b><br>of {wrap_html(r['denominator'], 60)}<br><i>{esc(r['dataset_label'])}</i>"
        for r in rows
    ]
    return dataset_bar(
        i,
        esc(rows[0]["dataset_label"]) if rows else f"(no dataset {i + 1})",
        rows,
        y=[esc(r["site_label"]) for r in rows],
        text=[pct_text(r["pct"]) for r in rows],
        hovertext=hover,
        visible=True,
    )


def sites_chart(view: pd.DataFrame, n_traces: int, primary_label: str = "") -> FigureSpec:
    """Horizontal bars of metastatic sites, one bar group per dataset (colour, pattern and legend name).

    Always ``n_traces`` bar traces (unused ones are empty and hidden from the legend), so a chart widget
    can be updated in place whichever primary is chosen.
    """
    records = view.to_dict("records")  # plain dicts: a dozen rows, read without pandas on every change
    datasets = list(dict.fromkeys(r["dataset"] for r in records))
    if len(datasets) > n_traces:
        raise ValueError(f"{len(datasets)} datasets but only {n_traces} traces: raise n_traces")
    order = site_order(view)
    traces = [
        _dataset_trace(i, [r for r in records if r["dataset"] == datasets[i]] if i < len(datasets) else [])
        for i in range(n_traces)
    ]
    label = primary_label or (str(view["primary_label"].iloc[0]) if not view.empty else "")
    layout = titled_layout(
        f"Where metastases were found: {label}",
        _sites_subtitle(view, datasets),
        "Share of the dataset's denominator with metastases at this site (%)",
        "Metastatic site",
        plot_px=30 + (14 + 24 * max(len(datasets), 1)) * max(len(order), 1),
        legend_items=len(datasets),
        legend_title="Dataset (colour and pattern):",
    )
    layout["xaxis"].update(range=[0, 100], showgrid=True, ticksuffix="%")
    style.category_axis(layout["yaxis"], [esc(v) for v in order[::-1]])
    layout["barmode"] = "group"
    layout["bargap"] = 0.25
    # the first dataset's bars on top of each group, and first in the legend
    return style.figure(traces[::-1], layout)


def missing_sites(view: pd.DataFrame, dataset: str) -> list[str]:
    """Sites that another dataset of the same primary reports and ``dataset`` does not, in chart order."""
    own = set(view.loc[view["dataset"] == dataset, "site_label"])
    return [site for site in site_order(view) if site not in own]
