"""Which test sees what: grouped horizontal bars of per-patient sensitivity and specificity for the tests used for
one site or suspicion (``detection_methods.csv``). Only figures that describe that question are drawn; a test
without one is *listed* as "no sourced figure", never drawn as 0. Always three traces, so a chart widget can be
updated in place.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

import pandas as pd

from helpers import style
from helpers.data import missing_last
from helpers.style import FigureSpec
from helpers.text import esc, wrap_html

#: The Dropdown value that shows every test, whatever it is used for.
ALL = "all"

#: Friendly labels for the slugs of the ``suspicions`` column, in the order the Dropdown lists them.
SITE_LABELS: dict[str, str] = {
    ALL: "All tests",
    "bone": "Bone: a suspected bone metastasis",
    "spine_cord": "Spine: possible spinal cord compression",
    "brain": "Brain",
    "liver": "Liver",
    "lung": "Lung",
    "peritoneum": "Peritoneum (the lining of the abdomen)",
    "lymph_nodes": "Lymph nodes",
}

#: The suspicion the sourced sensitivity and specificity figures describe. Every figure in
#: ``detection_methods.csv`` is per patient, for bone metastases (its ``accuracy_basis`` says so;
#: a test checks it), so they are drawn for "Bone" and "All tests" only: a CT's accuracy for bone
#: says nothing about its accuracy for the liver.
ACCURACY_SITE = "bone"

SortKey = Literal["sensitivity", "specificity"]
SORT_KEYS: dict[str, SortKey] = {"Sensitivity": "sensitivity", "Specificity": "specificity"}

NO_FIGURE = "no sourced figure"
BONE_OR_ALL = f"\u201c{SITE_LABELS[ACCURACY_SITE].split(':')[0]}\u201d or \u201c{SITE_LABELS[ALL]}\u201d"


def site_label(slug: str) -> str:
    """The friendly label of a suspicion slug (a readable fallback for a slug the course does not know)."""
    return SITE_LABELS.get(slug, slug.replace("_", " ").capitalize())


def split_suspicions(cell: object) -> list[str]:
    """The slugs of one ``suspicions`` cell ('bone;liver' -> ['bone', 'liver']); [] when empty."""
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def suspicion_options(methods: pd.DataFrame) -> list[tuple[str, str]]:
    """Dropdown options ``(label, slug)``: "All tests", then every slug the table uses, in course order."""
    used = {slug for cell in methods["suspicions"] for slug in split_suspicions(cell)}
    known = [slug for slug in SITE_LABELS if slug in used]
    unknown = sorted(used - set(SITE_LABELS))
    return [(SITE_LABELS[ALL], ALL)] + [(site_label(slug), slug) for slug in known + unknown]


def figures_apply(suspicion: str) -> bool:
    """Whether the sourced accuracy figures answer this question (bone metastases, or all tests)."""
    return suspicion in (ALL, ACCURACY_SITE)


def tests_for(methods: pd.DataFrame, suspicion: str) -> pd.DataFrame:
    """The tests used for a site or suspicion (every test for :data:`ALL`), in the table's order."""
    if suspicion == ALL:
        return methods.reset_index(drop=True)
    mask = [suspicion in split_suspicions(cell) for cell in methods["suspicions"]]
    return methods[mask].reset_index(drop=True)


def accuracy_view(methods: pd.DataFrame, suspicion: str, sort_by: SortKey = "sensitivity") -> pd.DataFrame:
    """One row per test for the chart: label, sensitivity, specificity (NaN where no figure applies).

    Tests with figures come first, highest ``sort_by`` first (ties: the other measure, then the name);
    tests without one follow in the table's order. The first row is drawn at the top.
    """
    if sort_by not in SORT_KEYS.values():
        raise ValueError(f"sort_by must be one of {sorted(SORT_KEYS.values())}, not {sort_by!r}")
    apply = figures_apply(suspicion)
    nan = float("nan")
    rows: list[dict[str, Any]] = [
        {
            "method_id": str(r["method_id"]),
            "label": str(r["method"]),
            "sensitivity": float(r["sensitivity_pct"]) if apply else nan,
            "specificity": float(r["specificity_pct"]) if apply else nan,
            "basis": r["accuracy_basis"] if apply else None,
        }
        for r in tests_for(methods, suspicion).to_dict("records")  # a dozen rows: sorted in Python, not pandas
    ]
    for r in rows:
        r["has_figures"] = not (math.isnan(r["sensitivity"]) and math.isnan(r["specificity"]))
    other = "specificity" if sort_by == "sensitivity" else "sensitivity"
    with_figures = sorted(
        (r for r in rows if r["has_figures"]),
        key=lambda r: (*missing_last(-r[sort_by]), *missing_last(-r[other]), r["label"]),
    )
    columns = ["method_id", "label", "sensitivity", "specificity", "basis", "has_figures"]
    return pd.DataFrame(with_figures + [r for r in rows if not r["has_figures"]], columns=columns)


def pct(value: float) -> str:
    """A sourced percentage as the source gives it, to one decimal place: '86.0%'."""
    return f"{value:.1f}%"


def figures_text(sensitivity: float, specificity: float) -> str:
    """'sensitivity 86.0%, specificity 81.4%' (a missing figure is left out)."""
    pairs = (("sensitivity", sensitivity), ("specificity", specificity))
    return ", ".join(f"{kind} {pct(v)}" for kind, v in pairs if not pd.isna(v))


def _accuracy_titles(suspicion: str) -> tuple[str, str, str]:
    """The title, subtitle and missing-figure note: the figures apply, or they describe another site."""
    if figures_apply(suspicion):
        subtitle = (
            "Sensitivity: people with bone metastases whom the test finds. "
            "Specificity: people without them whom it clears."
        )
        return "How often each test finds bone metastases, per patient", subtitle, NO_FIGURE
    subtitle = f"The sourced figures describe bone metastases only: choose {BONE_OR_ALL} to see them."
    return f"Tests used for: {esc(site_label(suspicion))}", subtitle, f"{NO_FIGURE} for this site"


def _measure_bars(
    view: pd.DataFrame, labels: list[str], name: str, values: list[float], kind: str, colour: str, pattern: str
) -> dict[str, Any]:
    """One measure's bars, each labelled with its name and value (no bar where there is no figure)."""
    names = [esc(lbl) for lbl in view["label"]]
    hover = [f"{n}: {kind.lower()} {pct(v)}" if not pd.isna(v) else f"{n}: {NO_FIGURE}" for n, v in zip(names, values)]
    return style.trace(
        "bar",
        name=name,
        orientation="h",
        y=labels,
        x=[None if pd.isna(v) else v for v in values],
        text=[f"{kind} {pct(v)}" if not pd.isna(v) else "" for v in values],
        textposition="outside",
        cliponaxis=False,
        marker={
            "color": colour,
            "line": {"color": colour, "width": 1.5},
            "pattern": {"shape": pattern, "solidity": 0.45},
        },
        hovertext=hover,
        hoverinfo="text",
    )


def accuracy_chart(view: pd.DataFrame, suspicion: str) -> FigureSpec:
    """Grouped horizontal bars: sensitivity (solid) and specificity (hatched) for each test of ``view``.

    Always three traces: sensitivity bars, specificity bars, and a "no sourced figure" label for each
    test without one (never a zero-length bar). The x axis runs from 0 to 100%.
    """
    labels = [wrap_html(lbl, 26) for lbl in view["label"]]
    missing = [lbl for lbl, has in zip(labels, view["has_figures"]) if not has]
    title, subtitle, note = _accuracy_titles(suspicion)
    axis = "Per-patient accuracy (%, 0\u2013100)"
    layout = style.base_layout(
        f"{title}<br><sup>{esc(subtitle)}</sup>", axis, "Test", height=190 + 64 * max(len(view), 1)
    )
    layout["xaxis"].update(range=[0, 100], ticksuffix="%", showgrid=True, dtick=20)
    # reversed axis: the first test at the top, and in each pair the sensitivity bar above the specificity bar
    style.category_axis(layout["yaxis"], labels, autorange="reversed")
    layout.update(barmode="group", bargap=0.25, bargroupgap=0.08)
    layout["margin"] = {**layout["margin"], "r": 150, "t": 90}
    unlisted = style.trace(
        "scatter",
        name=f"Test with {NO_FIGURE} (listed, not drawn)",
        mode="text",
        x=[1] * len(missing),
        y=missing,
        text=[f"({note})" for _ in missing],
        textposition="middle right",
        hoverinfo="skip",
        showlegend=bool(missing),
    )
    sens, spec = view["sensitivity"].tolist(), view["specificity"].tolist()
    return style.figure(
        [
            _measure_bars(view, labels, "Sensitivity (solid bar)", sens, "Sensitivity", style.INDIGO, ""),
            _measure_bars(view, labels, "Specificity (hatched bar)", spec, "Specificity", style.TEAL, "/"),
            unlisted,
        ],
        layout,
    )


def describe_accuracy(view: pd.DataFrame, suspicion: str) -> list[str]:
    """The accuracy chart as sentences (its text alternative), in the chart's order."""
    if view.empty:
        return [f"No test in the table is listed for {site_label(suspicion)}."]
    lines = []
    for row in view.itertuples(index=False):
        if row.has_figures:
            lines.append(f"{row.label}: {figures_text(row.sensitivity, row.specificity)} ({row.basis}).")
        else:
            lines.append(f"{row.label}: {NO_FIGURE}{'' if figures_apply(suspicion) else ' for this site'}.")
    return lines


def accuracy_text(row: Mapping[str, Any], suspicion: str) -> str:
    """One test's accuracy as a table cell: the figures and what they refer to, or why there are none."""
    if not figures_apply(suspicion):
        return f"No sourced figure for this site (the sourced figures are for bone metastases: choose {BONE_OR_ALL})."
    sens, spec = row["sensitivity_pct"], row["specificity_pct"]
    if pd.isna(sens) and pd.isna(spec):
        return "No sourced figure."
    text = figures_text(sens, spec)
    return f"{text[:1].upper()}{text[1:]} ({row['accuracy_basis']})."
