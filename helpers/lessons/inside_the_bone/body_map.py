"""Inside the bone, 3: where bone metastases are found, as markers on a front-view skeleton.

A pure builder (a table in, a figure spec out) that always returns the same four traces. Text from ``data/`` is
escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import pandas as pd

from helpers import style
from helpers.lessons.inside_the_bone.skeleton import plexus, skeleton_shapes
from helpers.style import FigureSpec
from helpers.text import cite, esc, short_label, wrap_html

SiteView = Literal["all", "spine"]
SITE_VIEWS: dict[str, SiteView] = {"All sites": "all", "Spine in detail": "spine"}
#: Rows whose ids start with this split the spine into parts; their shares are of spinal lesions only.
SPINE_PART_PREFIX = "spine_"

SHARE_MAX_PX = 54.0  # marker diameter for 100% (marker area is proportional to the share)


def sites_in_view(sites: pd.DataFrame, view: SiteView) -> pd.DataFrame:
    """The rows a view shows: whole-skeleton sites, or the parts of the spine."""
    parts = sites["site_id"].astype(str).str.startswith(SPINE_PART_PREFIX)
    chosen = sites[parts] if view == "spine" else sites[~parts]
    return chosen.reset_index(drop=True)


def share_size(share: float) -> float:
    """Marker diameter (px) for a share: the marker's area is proportional to the share."""
    return SHARE_MAX_PX * math.sqrt(max(float(share), 0.0) / 100.0)


def rank_size(rank: float) -> float:
    """Marker diameter (px) for a rank: 1 is largest, and every rank stays visible."""
    return max(30.0 - 4.0 * (float(rank) - 1.0), 10.0)


UNRANKED_SIZE = 12.0


def _site_hover(row: pd.Series) -> str:
    parts = [f"<b>{esc(row['site_label'])}</b>"]
    if not pd.isna(row["share_pct"]):
        parts.append(f"Share: {float(row['share_pct']):g}%")
    if not pd.isna(row["rank"]):
        parts.append(f"Rank among common sites: {int(row['rank'])}")
    parts.append(f"What it counts: {wrap_html(row['population'])}")
    if not pd.isna(row["note"]):
        parts.append(f"Note: {wrap_html(row['note'])}")
    parts.append(f"Source: {esc(cite(row['source_id']))}")
    return "<br>".join(parts)


def _site_text(row: pd.Series) -> str:
    name = esc(short_label(str(row["site_label"])))
    if not pd.isna(row["share_pct"]):
        return f"{name}: {float(row['share_pct']):g}%"
    if not pd.isna(row["rank"]):
        return f"{name}: rank {int(row['rank'])}"
    return f"{name}: listed"


def _site_trace(
    rows: pd.DataFrame, *, name: str, symbol: str, colour: str, sizes: list[float], labels: bool = True
) -> dict[str, Any]:
    """One kind of marker on the body map; ``labels=False`` leaves the naming to callout annotations."""
    left = [float(x) < 50 for x in rows["x"]]
    return style.trace(
        "scatter",
        name=name,
        x=list(rows["x"]),
        y=list(rows["y"]),
        mode="markers+text",
        text=[_site_text(r) if labels else "" for _, r in rows.iterrows()],
        textposition=["middle left" if lf else "middle right" for lf in left],
        hovertext=[_site_hover(r) for _, r in rows.iterrows()],
        hoverinfo="text",
        marker={
            "symbol": symbol,
            "size": sizes,
            "color": colour,
            "opacity": 0.85,
            "line": {"color": "white", "width": 1.5},
        },
        visible=bool(len(rows)),
        cliponaxis=False,
    )


def _callouts(rows: pd.DataFrame, sizes: Sequence[float], x_text: float) -> list[dict[str, Any]]:
    """Labels set off to the right with a leader line to each marker (where labels beside the markers would collide)."""
    return [
        style.leader(
            float(r["x"]),
            float(r["y"]),
            _site_text(r),
            at=(x_text, float(r["y"])),
            colour=style.GREY,
            standoff=size / 2 + 2,
            xanchor="left",
        )
        for (_, r), size in zip(rows.iterrows(), sizes)
    ]


def _plexus_trace(spine: bool) -> dict[str, Any]:
    px, py = plexus()
    return style.trace(
        "scatter",
        name="Batson's plexus: valveless veins beside the spine (sketch)",
        x=px if spine else [],
        y=py if spine else [],
        mode="lines",
        line={"color": style.TEAL, "width": 3, "dash": "dot"},
        hoverinfo="name",
        visible=spine,
    )


def _side_notes() -> list[dict[str, Any]]:
    """Which side is which: the map is a front view, the patient's right on the left."""
    font = {"color": style.GREY, "size": 13}
    return [
        style.note(2, 99, "Patient's right", xanchor="left", font=font),
        style.note(98, 99, "Patient's left", xanchor="right", font=font),
    ]


PLEXUS_NOTE = style.leader(
    47.0, 60.0, "Batson's plexus<br>(sketch)", at=(30.0, 60.0), colour=style.TEAL, standoff=2, xanchor="right"
)


def _site_traces(rows: pd.DataFrame, view: SiteView) -> list[dict[str, Any]]:
    """Sites sized by share (circles), by rank (diamonds), and listed without rank (triangles)."""
    has_share = rows["share_pct"].notna()
    has_rank = rows["rank"].notna() & ~has_share
    by_share, by_rank, listed = rows[has_share], rows[has_rank], rows[~has_share & ~has_rank]
    if view == "spine":
        share_name = "Share of symptomatic spinal metastases (circle area = %)"
    else:
        share_name = "Share of all bone metastases (circle area = %)"
    return [
        _site_trace(
            by_share,
            name=share_name,
            symbol="circle",
            colour=style.INDIGO,
            sizes=[share_size(v) for v in by_share["share_pct"]],
            labels=view != "spine",
        ),
        _site_trace(
            by_rank,
            name="No share given: sized by rank (diamond)",
            symbol="diamond",
            colour=style.ROSE,
            sizes=[rank_size(r) for r in by_rank["rank"]],
        ),
        _site_trace(
            listed,
            name="Listed as common, not ranked (triangle)",
            symbol="triangle-up",
            colour=style.PURPLE,
            sizes=[UNRANKED_SIZE] * len(listed),
        ),
    ]


def body_map_figure(sites: pd.DataFrame, view: SiteView = "all") -> FigureSpec:
    """Common sites of bone metastasis on a skeleton outline: size by share where one exists, else by rank.

    Always four traces: sites sized by share (circles), by rank (diamonds), listed without rank
    (triangles), and the sketch of Batson's plexus (shown in the spine view).
    """
    if view not in ("all", "spine"):
        raise ValueError(f"unknown view {view!r} (use 'all' or 'spine')")
    rows = sites_in_view(sites, view)
    spine = view == "spine"
    if spine:
        subtitle = "Shares of symptomatic spinal lesions, not of all bone metastases"
    else:
        subtitle = "Circle: sized by share where a source gives one · diamond: sized by rank (larger = more common)"
    title = f"Where bone metastases are found<br><sup>{esc(subtitle)}</sup>"
    layout = style.diagram_layout(title, (0, 100), (0, 101), height=640, legend_y=-0.01)
    layout["shapes"] = skeleton_shapes(dim=spine, spine_focus=spine)
    traces = [*_site_traces(rows, view), _plexus_trace(spine)]
    if spine:
        by_share = rows[rows["share_pct"].notna()]
        callouts = _callouts(by_share, traces[0]["marker"]["size"], 64.0)
        layout["annotations"] = [*callouts, *_side_notes(), PLEXUS_NOTE]
    else:
        layout["annotations"] = _side_notes()
    return style.figure(traces, layout)


def describe_sites(sites: pd.DataFrame, view: SiteView = "all") -> list[str]:
    """The body map in sentences (its text alternative), in the map's order."""
    rows = sites_in_view(sites, view)
    lines = []
    for _, row in rows.iterrows():
        bits = []
        if not pd.isna(row["share_pct"]):
            bits.append(f"{float(row['share_pct']):g}% ({row['population']})")
        if not pd.isna(row["rank"]):
            bits.append(f"rank {int(row['rank'])} among common sites")
        if not bits:
            bits.append(f"listed as a common site, not ranked ({row['population']})")
        lines.append(f"{row['site_label']}: {'; '.join(bits)}.")
    if view == "spine" and lines:
        lines.append(
            "These shares divide the spine's own lesions between its parts; they are not shares of all bone metastases."
        )
        lines.append(
            "The dotted lines sketch Batson's plexus, the valveless veins beside the spine that link with pelvic and chest veins."
        )
    return lines or ["No sites to show."]
