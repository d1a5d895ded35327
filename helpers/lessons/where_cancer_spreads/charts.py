"""Where cancer spreads: metastatic sites by primary, the routes blood takes, brain-metastasis incidence.

Pure builders: tables in, tidy views, figures and sentences out. Nothing here reads a file or touches
a widget (:mod:`helpers.lessons.where_cancer_spreads.explorers` wires the controls). Every text that comes from data is
escaped before plotly shows it, and every builder returns a fixed number of traces so that a
chart widget (``CourseFigure``) can be updated in place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from helpers import style
from helpers.style import FigureSpec
from helpers.text import esc, fmt_range, short_cite, wrap_html

#: Colours and bar patterns for the datasets of one primary (a pattern as well as a colour: never colour alone).
DATASET_COLOURS = [style.INDIGO, style.CYAN, style.SAND, style.GREEN]
DATASET_PATTERNS = ["", "/", ".", "x"]

#: Brain-metastasis rows whose ``primary`` starts with this prefix pool several cancers ("all_five", "all_cancers").
COMBINED_PREFIX = "all_"

#: The myth row (data/myths.csv) that holds the seed article's brain-metastasis claim.
SEED_BRAIN_MYTH = "brain_20pct_order"

#: The four stages of a route: column of data/spread_routes.csv, what the diagram calls it, and where its
#: short label (in the diagram and the title) is cut (see :func:`cut`; "" keeps the whole text).
ROUTE_STAGES: list[tuple[str, str, str]] = [
    ("primary_group", "Where it starts", ""),
    ("vein_system", "Travels in", ",;"),
    ("first_capillary_bed", "First capillary bed it meets", ";"),
    ("then", "Then", ""),
]
ALL_ROUTES = "all"


# --------------------------------------------------------------------------- labels and citations
def short_citation(source_id: str, sources: pd.DataFrame) -> str:
    """'Riihimäki 2016': :func:`helpers.text.short_cite` with the arguments in this module's order."""
    return short_cite(sources, source_id)


def first_clause(text: str) -> str:
    """The text up to its first comma or semicolon: 'Swedish Cancer Registry, nationwide; ...' -> 'Swedish Cancer Registry'."""
    return re.split(r"[,;]", str(text), maxsplit=1)[0].strip()


def cut(text: str, separators: str = ",;") -> str:
    """The text up to the first of ``separators`` that is not inside brackets.

    'Portal vein (collects blood from the gut, pancreas and spleen)' stays whole; 'Pulmonary veins to the
    left heart, then systemic arteries' -> 'Pulmonary veins to the left heart'.
    """
    depth = 0
    for i, char in enumerate(str(text)):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and char in separators:
            return str(text)[:i].strip()
    return str(text).strip()


def lower_first(text: str) -> str:
    """'Patients with ...' -> 'patients with ...' (a leading acronym such as 'US' or 'SEER' is kept)."""
    text = str(text)
    word = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if word[:1].isupper() and word[1:].islower() else text


def pct_text(value: float) -> str:
    """'48%', '14.9%'."""
    return fmt_range(value, value, "%")


def split_notes(notes: Sequence[object]) -> tuple[list[str], list[str]]:
    """Split the notes of one dataset's rows into caveats shared by every row and what is left of each row's note.

    ``(["Patients can have more than one site."], ["n = 250.", ...])``: the shared sentences are said once,
    the rest (such as a row's own count) stays with its row. Missing notes count as empty.
    """
    sentences = [
        [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", str(n).strip()) if s] if not pd.isna(n) else []
        for n in notes
    ]
    shared = [s for s in sentences[0] if all(s in other for other in sentences[1:])] if sentences else []
    rest = [" ".join(s for s in row if s not in shared) for row in sentences]
    return shared, rest


def titled_layout(
    title: str,
    subtitle: str,
    x_title: str,
    y_title: str,
    *,
    plot_px: int,
    legend_items: int = 0,
    legend_title: str = "",
) -> dict[str, Any]:
    """``style.base_layout`` with room measured in pixels: a wrapped subtitle above, a vertical legend below the x axis.

    ``plot_px`` is the height of the plotting area; the figure's height adds the title and legend space, so
    neither overlaps the axis title whatever the number of bars or legend entries.
    """
    sub = wrap_html(subtitle, 95)
    plot_px = max(plot_px, 130)  # room for the y-axis title even with a single bar
    top = 62 + 18 * (sub.count("<br>") + 1)
    bottom = 70 + (26 + 22 * legend_items if legend_items else 0)
    layout = style.base_layout(esc(title), x_title, y_title, height=top + plot_px + bottom)
    layout["title"]["subtitle"] = {"text": sub, "font": {"size": style.FONT_SIZE - 2}}
    layout["margin"].update(t=top, b=bottom)
    layout["title"].update(yref="container", y=1 - 10 / layout["height"], yanchor="top")
    layout["legend"].update(
        orientation="v",
        y=-62 / plot_px,
        yanchor="top",
        x=0,
        xanchor="left",
        title={"text": esc(legend_title)},
        traceorder="reversed",
    )
    return layout


# --------------------------------------------------------------------------- metastatic sites by primary
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
        labels[d] = f"{name} ({short_citation(source, sources)})"
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
    traces = []
    for i in range(n_traces):
        rows = [r for r in records if r["dataset"] == datasets[i]] if i < len(datasets) else []
        name = esc(rows[0]["dataset_label"]) if rows else f"(no dataset {i + 1})"
        hover = [
            f"<b>{esc(r['site_label'])}: {pct_text(r['pct'])}</b><br>of {wrap_html(r['denominator'], 60)}<br><i>{esc(r['dataset_label'])}</i>"
            for r in rows
        ]
        traces.append(
            style.trace(
                "bar",
                name=name,
                orientation="h",
                y=[esc(r["site_label"]) for r in rows],
                x=[r["pct"] for r in rows],
                text=[pct_text(r["pct"]) for r in rows],
                textposition="outside",
                cliponaxis=False,
                marker={
                    "color": DATASET_COLOURS[i % len(DATASET_COLOURS)],
                    "line": {"color": style.GREY, "width": 1},
                    "pattern": {
                        "shape": DATASET_PATTERNS[i % len(DATASET_PATTERNS)],
                        "fgcolor": "white",
                        "solidity": 0.35,
                    },
                },
                hovertext=hover,
                hoverinfo="text",
                showlegend=bool(rows),
                visible=True,
            )
        )
    label = primary_label or (str(view["primary_label"].iloc[0]) if not view.empty else "")
    if len(datasets) == 1:
        first = view.iloc[0]
        sub = f"% of {lower_first(first['denominator'])}. {first['dataset_label']}"
    elif datasets:
        sub = f"{len(datasets)} datasets, each with its own denominator: hover a bar, or read the table below"
    else:
        sub = "No data for this choice"
    layout = titled_layout(
        f"Where metastases were found: {label}",
        sub,
        "Share of the dataset's denominator with metastases at this site (%)",
        "Metastatic site",
        plot_px=30 + (14 + 24 * max(len(datasets), 1)) * max(len(order), 1),
        legend_items=len(datasets),
        legend_title="Dataset (colour and pattern):",
    )
    layout["xaxis"].update(range=[0, 100], showgrid=True, ticksuffix="%")
    layout["yaxis"].update(type="category", categoryorder="array", categoryarray=[esc(v) for v in order[::-1]])
    layout["barmode"] = "group"
    layout["bargap"] = 0.25
    # the first dataset's bars on top of each group, and first in the legend
    return style.figure(traces[::-1], layout)


def missing_sites(view: pd.DataFrame, dataset: str) -> list[str]:
    """Sites that another dataset of the same primary reports and ``dataset`` does not, in chart order."""
    own = set(view.loc[view["dataset"] == dataset, "site_label"])
    return [site for site in site_order(view) if site not in own]


# --------------------------------------------------------------------------- routes
def route_choices(routes: pd.DataFrame) -> list[tuple[str, str]]:
    """(short name, route_id) of each route, after an 'All routes' choice (for ToggleButtons)."""
    names = [re.split(r" \(| drained by ", str(g))[0] for g in routes["primary_group"]]
    return [("All routes", ALL_ROUTES), *zip(names, routes["route_id"].astype(str))]


def route_title(routes: pd.DataFrame, highlight: str) -> str:
    """The route in one line: 'Gut cancers drained by the portal vein → Portal vein → Liver ...'. Plain text."""
    if highlight == ALL_ROUTES:
        return "All routes"
    row = _route(routes, highlight)
    return " \u2192 ".join(cut(row[column], separators) for column, _, separators in ROUTE_STAGES)


def _route(routes: pd.DataFrame, route_id: str) -> pd.Series:
    match = routes[routes["route_id"] == route_id]
    if match.empty:
        raise KeyError(f"unknown route {route_id!r}; routes: {', '.join(routes['route_id'])}")
    return match.iloc[0]


def _rgba(colour: str, alpha: float) -> str:
    """'rgb(51, 34, 136)' or '#332288' with an opacity, as 'rgba(51, 34, 136, 0.8)'."""
    if colour.startswith("#"):
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    else:
        r, g, b = (int(v) for v in re.findall(r"\d+", colour)[:3])
    return f"rgba({r}, {g}, {b}, {alpha:g})"


def routes_chart(routes: pd.DataFrame, highlight: str = ALL_ROUTES) -> FigureSpec:
    """A Sankey diagram: each route a band from where it starts, through its vessels and first capillary bed, to where next.

    ``highlight`` (a route_id, or ``ALL_ROUTES``) is drawn at full strength and the others faded; the
    title names it in words, so the highlight never relies on colour. Always one trace.
    """
    if highlight != ALL_ROUTES:
        _route(routes, highlight)  # unknown ids fail loudly
    n = len(routes)
    xs = [0.001, 0.30, 0.62, 0.999]
    label, colour, custom, node_x, node_y = [], [], [], [], []
    sources, targets, link_colour, link_custom = [], [], [], []
    for i, row in enumerate(routes.itertuples(index=False)):
        on = highlight in (ALL_ROUTES, row.route_id)
        for c, (column, stage, separators) in enumerate(ROUTE_STAGES):
            text = getattr(row, column)
            label.append(wrap_html(cut(text, separators), 24))
            colour.append(_rgba(style.INDIGO, 1.0 if on else 0.25))
            custom.append(f"<b>{esc(stage)}</b><br>{wrap_html(text, 50)}")
            node_x.append(xs[c])
            node_y.append((i + 0.5) / max(n, 1))
            if c:
                sources.append(i * len(ROUTE_STAGES) + c - 1)
                targets.append(i * len(ROUTE_STAGES) + c)
                link_colour.append(_rgba(style.CYAN, 0.75 if on else 0.12))
                link_custom.append(
                    f"<b>{esc(row.primary_group)}</b><br>{esc(ROUTE_STAGES[c - 1][1])} \u2192 {esc(stage)}"
                )
    sankey = style.trace(
        "sankey",
        arrangement="fixed",
        node={
            "label": label,
            "color": colour,
            "x": node_x,
            "y": node_y,
            "pad": 18,
            "thickness": 14,
            "line": {"color": style.GREY, "width": 0.5},
            "customdata": custom,
            "hovertemplate": "%{customdata}<extra></extra>",
        },
        link={
            "source": sources,
            "target": targets,
            "value": [1] * len(sources),
            "color": link_colour,
            "customdata": link_custom,
            "hovertemplate": "%{customdata}<extra></extra>",
        },
        textfont={"size": 13, "color": "black"},
    )
    name = route_title(routes, highlight)
    sub = "Each band is one route; pick a route to highlight it" if highlight == ALL_ROUTES else f"Highlighted: {name}"
    layout = titled_layout("The routes cancer cells take", sub, "", "", plot_px=110 * max(n, 1))
    layout["margin"].update(t=layout["margin"]["t"] + 34, b=10, l=10, r=10)
    layout["height"] = layout["margin"]["t"] + 110 * max(n, 1) + 10
    layout["title"]["y"] = 1 - 10 / layout["height"]
    layout["xaxis"].update(visible=False)
    layout["yaxis"].update(visible=False)
    layout["showlegend"] = False
    layout["annotations"] = [
        {
            "text": f"<b>{esc(stage)}</b>",
            "x": x,
            "y": 1.0,
            "xref": "paper",
            "yref": "paper",
            "yanchor": "bottom",
            "yshift": 6,
            "showarrow": False,
            "xanchor": "right" if x > 0.9 else "left",
        }
        for (_, stage, _), x in zip(ROUTE_STAGES, xs)
    ]
    return style.figure([sankey], layout)


def describe_routes(routes: pd.DataFrame, highlight: str = ALL_ROUTES) -> list[str]:
    """The highlighted route in words (every route, one sentence each, for ``ALL_ROUTES``)."""
    if highlight == ALL_ROUTES:
        return [
            f"{row.primary_group} (for example {row.primary_examples}): {row.vein_system}; first capillary bed: "
            f"{row.first_capillary_bed}; then: {row.then}."
            for row in routes.itertuples(index=False)
        ]
    row = _route(routes, highlight)
    lines = [
        f"Route highlighted: {row['primary_group']}.",
        f"Examples: {row['primary_examples']}.",
        f"The cells travel in: {row['vein_system']}.",
        f"The first capillary bed they meet: {row['first_capillary_bed']}.",
        f"Then: {row['then']}.",
    ]
    if not pd.isna(row["note"]):
        lines.append(f"Note: {row['note']}")
    return lines


# --------------------------------------------------------------------------- brain metastases
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
        labels.append(f"{short_citation(source_id, sources)}: {place}")
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
    traces = []
    for i, (study_label, source_id) in enumerate(studies):
        rows = [r for r in records if r["source_id"] == source_id]
        hover = [
            f"<b>{esc(r['primary_label'])}: {pct_text(r['pct'])}</b><br>{esc(r['measure'])}<br><i>{wrap_html(study_label, 60)}</i>"
            for r in rows
        ]
        traces.append(
            style.trace(
                "bar",
                name=esc(study_label),
                orientation="h",
                y=[esc(r["primary_label"]) for r in rows],
                x=[r["pct"] for r in rows],
                text=[pct_text(r["pct"]) + (" (pooled)" if r["combined"] else "") for r in rows],
                textposition="outside",
                cliponaxis=False,
                marker={
                    "color": DATASET_COLOURS[i % len(DATASET_COLOURS)],
                    "line": {"color": style.GREY, "width": 1},
                    "pattern": {
                        "shape": ["/" if r["combined"] else "" for r in rows],
                        "fgcolor": "white",
                        "solidity": 0.4,
                    },
                },
                hovertext=hover,
                hoverinfo="text",
                showlegend=bool(rows),
            )
        )
    if len(shown) == 1:
        measures = list(dict.fromkeys(r["measure"] for r in records))
        sub = f"{_study_label(studies, shown[0])}; " + (
            measures[0] if len(measures) == 1 else "measures differ between rows: hover a bar"
        )
    elif shown:
        sub = "Studies side by side: each counted differently (hover a bar for its measure)"
    else:
        sub = "No study chosen"
    layout = titled_layout(
        "Brain metastases by primary cancer",
        sub,
        "Patients with that cancer found to have brain metastases (%)",
        "Primary cancer",
        plot_px=40 + (14 + 24 * max(len(shown), 1)) * max(len(order), 1),
        legend_items=len(shown),
        legend_title="Study (colour):",
    )
    top = max([*(r["pct"] for r in records), seed_pct or 0, 1.0])
    layout["xaxis"].update(range=[0, top * 1.25], showgrid=True, ticksuffix="%")
    layout["yaxis"].update(type="category", categoryorder="array", categoryarray=[esc(v) for v in order[::-1]])
    layout["barmode"] = "group"
    if seed_pct is not None:
        layout["shapes"] = [
            {
                "type": "line",
                "visible": show_seed,
                "opacity": 1,
                "layer": "above",
                "x0": seed_pct,
                "x1": seed_pct,
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "xref": "x",
                "line": {"color": style.ROSE, "width": 3, "dash": "dash"},
            }
        ]
        layout["annotations"] = [
            {
                "x": seed_pct,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "visible": show_seed,
                "yanchor": "bottom",
                "xanchor": "right",
                "showarrow": False,
                "text": f"Popular article: \u201c{pct_text(seed_pct)} of cancer patients\u201d",
                "font": {"color": style.ROSE},
            }
        ]
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
