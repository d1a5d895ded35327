"""The routes cancer cells take in the blood, as a Sankey diagram: where a route starts, the vessels, the first
capillary bed, then where next. One trace; the highlighted route is named in the title, never by colour alone.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from helpers import style
from helpers.lessons.where_cancer_spreads.labels import cut, titled_layout
from helpers.style import FigureSpec
from helpers.text import esc, wrap_html

#: The four stages of a route: column of data/spread_routes.csv, what the diagram calls it, and where its
#: short label (in the diagram and the title) is cut (see :func:`cut`; "" keeps the whole text).
ROUTE_STAGES: list[tuple[str, str, str]] = [
    ("primary_group", "Where it starts", ""),
    ("vein_system", "Travels in", ",;"),
    ("first_capillary_bed", "First capillary bed it meets", ";"),
    ("then", "Then", ""),
]
ALL_ROUTES = "all"


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


#: Where each stage's column of nodes sits across the diagram (paper units).
STAGE_X = [0.001, 0.30, 0.62, 0.999]


def _sankey_trace(routes: pd.DataFrame, highlight: str) -> dict[str, Any]:
    """Each route a band through its four stages; the highlighted route (or all) strong, the others faded."""
    n = len(routes)
    label, colour, custom, node_x, node_y = [], [], [], [], []
    sources, targets, link_colour, link_custom = [], [], [], []
    for i, row in enumerate(routes.itertuples(index=False)):
        on = highlight in (ALL_ROUTES, row.route_id)
        for c, (column, stage, separators) in enumerate(ROUTE_STAGES):
            text = getattr(row, column)
            label.append(wrap_html(cut(text, separators), 24))
            colour.append(_rgba(style.INDIGO, 1.0 if on else 0.25))
            custom.append(f"<b>{esc(stage)}</b><br>{wrap_html(text, 50)}")
            node_x.append(STAGE_X[c])
            node_y.append((i + 0.5) / max(n, 1))
            if c:
                sources.append(i * len(ROUTE_STAGES) + c - 1)
                targets.append(i * len(ROUTE_STAGES) + c)
                link_colour.append(_rgba(style.CYAN, 0.75 if on else 0.12))
                link_custom.append(
                    f"<b>{esc(row.primary_group)}</b><br>{esc(ROUTE_STAGES[c - 1][1])} \u2192 {esc(stage)}"
                )
    hover = "%{customdata}<extra></extra>"
    return style.trace(
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
            "hovertemplate": hover,
        },
        link={
            "source": sources,
            "target": targets,
            "value": [1] * len(sources),
            "color": link_colour,
            "customdata": link_custom,
            "hovertemplate": hover,
        },
        textfont={"size": 13, "color": "black"},
    )


def _stage_notes() -> list[dict[str, Any]]:
    """The name of each stage above its column of nodes."""
    return [
        style.note(
            x,
            1.0,
            f"<b>{esc(stage)}</b>",
            xref="paper",
            yref="paper",
            yanchor="bottom",
            yshift=6,
            xanchor="right" if x > 0.9 else "left",
        )
        for (_, stage, _), x in zip(ROUTE_STAGES, STAGE_X)
    ]


def routes_chart(routes: pd.DataFrame, highlight: str = ALL_ROUTES) -> FigureSpec:
    """A Sankey diagram: each route a band from where it starts, through its vessels and first capillary bed, to where next.

    ``highlight`` (a route_id, or ``ALL_ROUTES``) is drawn at full strength and the others faded; the
    title names it in words, so the highlight never relies on colour. Always one trace.
    """
    if highlight != ALL_ROUTES:
        _route(routes, highlight)  # unknown ids fail loudly
    plot_px = 110 * max(len(routes), 1)
    name = route_title(routes, highlight)
    sub = "Each band is one route; pick a route to highlight it" if highlight == ALL_ROUTES else f"Highlighted: {name}"
    layout = titled_layout("The routes cancer cells take", sub, "", "", plot_px=plot_px)
    layout["margin"].update(t=layout["margin"]["t"] + 34, b=10, l=10, r=10)
    layout["height"] = layout["margin"]["t"] + plot_px + 10
    layout["title"]["y"] = 1 - 10 / layout["height"]
    layout["xaxis"].update(visible=False)
    layout["yaxis"].update(visible=False)
    layout["showlegend"] = False
    layout["annotations"] = _stage_notes()
    return style.figure([_sankey_trace(routes, highlight)], layout)


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
