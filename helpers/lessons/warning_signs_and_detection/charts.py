"""Warning signs and detection: which test sees what, and how much bone an X-ray needs to lose.

Pure builders: a table in, a ``go.Figure`` (or sentences) out. Two figures:

* :func:`accuracy_chart`: grouped horizontal bars of per-patient sensitivity and specificity for
  the tests used for one site or suspicion (``detection_methods.csv``). Only figures that describe
  that question are drawn; a test without one is *listed* as "no sourced figure", never drawn as 0.
* :func:`xray_chart`: a bone's mineral, part of it lost, drawn against the bands of mineral loss at
  which a lesion starts to show on an X-ray (``detection_thresholds.csv``).

Both always return the same number of traces, so a chart widget can be updated in place.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

import pandas as pd

from helpers import style
from helpers.data import missing_last
from helpers.style import FigureSpec
from helpers.text import esc, fmt_range, wrap_html

# --------------------------------------------------------------------------- which test sees what
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


def accuracy_chart(view: pd.DataFrame, suspicion: str) -> FigureSpec:
    """Grouped horizontal bars: sensitivity (solid) and specificity (hatched) for each test of ``view``.

    Always three traces: sensitivity bars, specificity bars, and a "no sourced figure" label for each
    test without one (never a zero-length bar). The x axis runs from 0 to 100%.
    """
    labels = [wrap_html(lbl, 26) for lbl in view["label"]]
    sens = view["sensitivity"].tolist()
    spec = view["specificity"].tolist()
    names = [esc(lbl) for lbl in view["label"]]
    missing = [lbl for lbl, has in zip(labels, view["has_figures"]) if not has]
    if figures_apply(suspicion):
        title = "How often each test finds bone metastases, per patient"
        subtitle = (
            "Sensitivity: people with bone metastases whom the test finds. "
            "Specificity: people without them whom it clears."
        )
        note = NO_FIGURE
    else:
        title = f"Tests used for: {esc(site_label(suspicion))}"
        subtitle = f"The sourced figures describe bone metastases only: choose {BONE_OR_ALL} to see them."
        note = f"{NO_FIGURE} for this site"
    height = 190 + 64 * max(len(view), 1)
    axis = "Per-patient accuracy (%, 0\u2013100)"
    layout = style.base_layout(f"{title}<br><sup>{esc(subtitle)}</sup>", axis, "Test", height=height)
    layout["xaxis"].update(range=[0, 100], ticksuffix="%", showgrid=True, dtick=20)
    # reversed axis: the first test at the top, and in each pair the sensitivity bar above the specificity bar
    layout["yaxis"].update(type="category", categoryorder="array", categoryarray=labels, autorange="reversed")
    layout.update(barmode="group", bargap=0.25, bargroupgap=0.08)
    layout["margin"] = {**layout["margin"], "r": 150, "t": 90}

    def bar(name: str, values: list[float], kind: str, colour: str, pattern: str) -> dict[str, Any]:
        """One measure's bars, each labelled with its name and value (no bar where there is no figure)."""
        text = [f"{kind} {pct(v)}" if not pd.isna(v) else "" for v in values]
        hover = [
            f"{n}: {kind.lower()} {pct(v)}" if not pd.isna(v) else f"{n}: {NO_FIGURE}" for n, v in zip(names, values)
        ]
        return style.trace(
            "bar",
            name=name,
            orientation="h",
            y=labels,
            x=[None if pd.isna(v) else v for v in values],
            text=text,
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

    fig = style.figure(
        [
            bar("Sensitivity (solid bar)", sens, "Sensitivity", style.INDIGO, ""),
            bar("Specificity (hatched bar)", spec, "Specificity", style.TEAL, "/"),
            style.trace(
                "scatter",
                name=f"Test with {NO_FIGURE} (listed, not drawn)",
                mode="text",
                x=[1] * len(missing),
                y=missing,
                text=[f"({note})" for _ in missing],
                textposition="middle right",
                hoverinfo="skip",
                showlegend=bool(missing),
            ),
        ],
        layout,
    )
    return fig


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


# --------------------------------------------------------------------------- the X-ray threshold
#: The choices of the "mineral lost" control (%), a teaching scale, not figures from a source.
LOSS_STEPS: tuple[int, ...] = (10, 20, 30, 40, 50, 60)

Verdict = Literal["shows", "may_show", "not_yet"]
VERDICT_WORDS: dict[Verdict, str] = {
    "shows": "would typically show",
    "may_show": "may or may not show (inside the range)",
    "not_yet": "would typically not show yet",
}
#: Marker symbol and short label of each verdict: the meaning never rests on colour alone.
VERDICT_MARKS: dict[Verdict, tuple[str, str]] = {
    "shows": ("circle", "\u2713 shows"),
    "may_show": ("diamond-open", "? may show"),
    "not_yet": ("x-thin-open", "\u2717 not yet"),
}


def verdict(loss: float, low: float, high: float) -> Verdict:
    """Whether a lesion with ``loss`` % of its mineral gone shows, against a low-high band."""
    if loss >= high:
        return "shows"
    if loss >= low:
        return "may_show"
    return "not_yet"


def is_experiment(method: str) -> bool:
    """Whether a threshold row is the laboratory (cadaver) experiment rather than a clinical figure."""
    return "cadaver" in method.lower()


def threshold_label(method: str) -> str:
    """A threshold row's method as a label: first letter capitalised."""
    return method[:1].upper() + method[1:]


def _band(rows: pd.DataFrame) -> tuple[float, float]:
    return float(rows["mineral_loss_pct_low"].min()), float(rows["mineral_loss_pct_high"].max())


def _min_size_mm(rows: pd.DataFrame) -> float | None:
    sizes = rows["min_lesion_mm"].dropna()
    return float(sizes.min()) if len(sizes) else None


def xray_headline(thresholds: pd.DataFrame, loss: float) -> str:
    """One sentence: would a plain X-ray typically show a lesion that has lost ``loss`` % of its mineral?"""
    clinical = thresholds[~thresholds["method"].map(is_experiment)]
    if clinical.empty:
        return "The table has no clinical X-ray threshold."
    low, high = _band(clinical)
    band = fmt_range(low, high, "%")
    size = _min_size_mm(clinical)
    size_text = f", provided the lesion is also at least {size:g} mm ({size / 10:g} cm) across" if size else ""
    outcome = verdict(loss, low, high)
    start = f"At {loss:g}% mineral lost, a plain X-ray"
    if outcome == "not_yet":
        return f"{start} would typically not show the lesion yet: in the clinic about {band} has to be lost first."
    if outcome == "may_show":
        return f"{start} may or may not show the lesion: {loss:g}% is inside the {band} range at which lesions start to show."
    return f"{start} would typically show the lesion{size_text}."


def xray_caveat(thresholds: pd.DataFrame) -> str:
    """The laboratory caveat: how little loss modern radiography revealed under ideal conditions."""
    lab = thresholds[thresholds["method"].map(is_experiment)]
    if lab.empty:
        return ""
    low, high = _band(lab)
    return (
        f"Under ideal laboratory conditions (segments of cadaver bone), modern radiography showed a change at only "
        f"{fmt_range(low, high, '%')} mineral loss. That is what the technique can reveal, not a clinical detection rate."
    )


#: What a verdict means for the laboratory experiment's rows (a change seen on the film, not a diagnosis).
LAB_VERDICT_WORDS: dict[Verdict, str] = {
    "shows": "the change was visible in the experiment",
    "may_show": "inside the range at which the change became visible",
    "not_yet": "the change was not yet visible in the experiment",
}


def describe_xray(thresholds: pd.DataFrame, loss: float) -> list[str]:
    """The X-ray chart as sentences: the headline, then each band and what it says at ``loss``."""
    lines = [xray_headline(thresholds, loss)]
    for row in thresholds.itertuples(index=False):
        band = fmt_range(row.mineral_loss_pct_low, row.mineral_loss_pct_high, "%")
        outcome = verdict(loss, row.mineral_loss_pct_low, row.mineral_loss_pct_high)
        label = threshold_label(row.method)
        if is_experiment(row.method):
            said = LAB_VERDICT_WORDS[outcome]
            lines.append(
                f"{label} (laboratory experiment): a change became visible at {band} mineral lost; at {loss:g}% {said}."
            )
        else:
            size = f" and a lesion at least {row.min_lesion_mm:g} mm across" if not pd.isna(row.min_lesion_mm) else ""
            said = VERDICT_WORDS[outcome]
            lines.append(f"{label}: needs about {band} of the mineral lost{size}; at {loss:g}% a lesion {said}.")
    caveat = xray_caveat(thresholds)
    return lines + ([caveat] if caveat else [])


def band_text(low: float, high: float, min_mm: float | None = None) -> str:
    """A threshold band in words: '30–50% lost', '50% lost, lesion ≥ 10 mm'."""
    size = f", lesion \u2265 {min_mm:g} mm" if min_mm is not None and not pd.isna(min_mm) else ""
    return f"{fmt_range(low, high, '%')} lost{size}"


XRAY_BONE_ROW = "This example: mineral<br>at the lesion site"


def xray_chart(thresholds: pd.DataFrame, loss: float) -> FigureSpec:
    """A bone's mineral (hatched = lost, solid sand = left) above the bands at which an X-ray shows a lesion.

    Always four traces: mineral lost, mineral left, threshold bands, and a verdict mark on each band
    at the chosen loss (symbol and words, not colour alone). A dashed line marks the chosen loss.
    """
    if not 0 <= loss <= 100:
        raise ValueError(f"mineral loss must be between 0 and 100%, not {loss}")
    low = thresholds["mineral_loss_pct_low"].astype(float).tolist()
    high = thresholds["mineral_loss_pct_high"].astype(float).tolist()
    labels = [
        f"{wrap_html(threshold_label(m), 36)}<br><b>{esc(band_text(lo, hi, mm))}</b>"
        for m, lo, hi, mm in zip(thresholds["method"], low, high, thresholds["min_lesion_mm"])
    ]
    outcomes = [verdict(loss, lo, hi) for lo, hi in zip(low, high)]
    sizes = thresholds["min_lesion_mm"].tolist()
    methods = thresholds["method"].tolist()
    band_hover = [
        f"{esc(threshold_label(m))}: {esc(band_text(lo, hi, mm))}" for m, lo, hi, mm in zip(methods, low, high, sizes)
    ]
    order = [XRAY_BONE_ROW, *labels]
    layout = style.base_layout(
        f"Would a plain X-ray show it? {loss:g}% of the bone mineral lost"
        "<br><sup>Bands: the mineral loss at which a lesion starts to show on an X-ray</sup>",
        "Bone mineral lost (%, 0\u2013100)",
        "The bone, and the X-ray thresholds",
        height=200 + 92 * (len(thresholds) + 1),
    )
    layout["xaxis"].update(range=[0, 100], ticksuffix="%", showgrid=True, dtick=10)
    layout["yaxis"].update(type="category", categoryorder="array", categoryarray=order[::-1])
    layout.update(
        barmode="overlay",
        shapes=[
            {
                "type": "line",
                "x0": loss,
                "x1": loss,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": style.ROSE, "width": 2.5, "dash": "dash"},
            }
        ],
    )
    layout["margin"] = {**layout["margin"], "t": 90}
    fig = style.figure(
        [
            style.trace(
                "bar",
                name="Mineral lost (hatched)",
                orientation="h",
                y=[XRAY_BONE_ROW],
                base=[0],
                x=[loss],
                text=[f"{loss:g}% lost"],
                textposition="inside",
                insidetextanchor="middle",
                insidetextfont={"color": style.INDIGO},
                marker={
                    "color": style.ROSE,
                    "line": {"color": style.ROSE, "width": 2},
                    "pattern": {"shape": "x", "solidity": 0.35},
                },
                hovertext=[f"{loss:g}% of the mineral lost"],
                hoverinfo="text",
                width=0.6,
            ),
            style.trace(
                "bar",
                name="Mineral left (solid)",
                orientation="h",
                y=[XRAY_BONE_ROW],
                base=[loss],
                x=[100 - loss],
                text=[f"{100 - loss:g}% left"],
                textposition="inside",
                insidetextanchor="middle",
                insidetextfont={"color": style.INDIGO},
                marker={"color": style.SAND},
                hovertext=[f"{100 - loss:g}% of the mineral left"],
                hoverinfo="text",
                width=0.6,
            ),
            style.trace(
                "bar",
                name="Loss at which a lesion starts to show",
                orientation="h",
                y=labels,
                base=low,
                x=[max(hi - lo, 0.8) for lo, hi in zip(low, high)],
                marker={"color": style.INDIGO, "opacity": 0.55},
                hovertext=band_hover,
                hoverinfo="text",
                width=0.5,
            ),
            style.trace(
                "scatter",
                name="At your choice: \u2713 shows, ? may show, \u2717 not yet",
                mode="markers+text",
                x=[loss] * len(labels),
                y=labels,
                marker={
                    "color": style.ROSE,
                    "size": 15,
                    "symbol": [VERDICT_MARKS[o][0] for o in outcomes],
                    "line": {"width": 2.5, "color": style.ROSE},
                },
                text=[VERDICT_MARKS[o][1] for o in outcomes],
                textposition="top right",
                hovertext=[f"{lbl}: {VERDICT_WORDS[o]}" for lbl, o in zip(labels, outcomes)],
                hoverinfo="text",
                cliponaxis=False,
            ),
        ],
        layout,
    )
    return fig
