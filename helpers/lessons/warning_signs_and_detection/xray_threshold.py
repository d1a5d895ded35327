"""Would a plain X-ray show it? A bone's mineral, part of it lost, drawn against the bands of mineral loss at which
a lesion starts to show on an X-ray (``detection_thresholds.csv``); the verdict in symbols and words. Always four
traces, so a chart widget can be updated in place.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from helpers import style
from helpers.style import FigureSpec
from helpers.text import esc, fmt_range, wrap_html

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


def _mineral_traces(loss: float) -> list[dict[str, Any]]:
    """The example bone's mineral: the part lost (hatched) and the part left (solid sand)."""
    look: dict[str, Any] = {"orientation": "h", "y": [XRAY_BONE_ROW], "textposition": "inside", "hoverinfo": "text"}
    look |= {"insidetextanchor": "middle", "insidetextfont": {"color": style.INDIGO}, "width": 0.6}
    lost = style.trace(
        "bar",
        name="Mineral lost (hatched)",
        base=[0],
        x=[loss],
        text=[f"{loss:g}% lost"],
        marker={
            "color": style.ROSE,
            "line": {"color": style.ROSE, "width": 2},
            "pattern": {"shape": "x", "solidity": 0.35},
        },
        hovertext=[f"{loss:g}% of the mineral lost"],
        **look,
    )
    left = style.trace(
        "bar",
        name="Mineral left (solid)",
        base=[loss],
        x=[100 - loss],
        text=[f"{100 - loss:g}% left"],
        marker={"color": style.SAND},
        hovertext=[f"{100 - loss:g}% of the mineral left"],
        **look,
    )
    return [lost, left]


def _threshold_traces(thresholds: pd.DataFrame, labels: list[str], loss: float) -> list[dict[str, Any]]:
    """The band of each method's threshold, and a verdict mark on each at the chosen loss."""
    low = thresholds["mineral_loss_pct_low"].astype(float).tolist()
    high = thresholds["mineral_loss_pct_high"].astype(float).tolist()
    outcomes = [verdict(loss, lo, hi) for lo, hi in zip(low, high)]
    hover = [
        f"{esc(threshold_label(m))}: {esc(band_text(lo, hi, mm))}"
        for m, lo, hi, mm in zip(thresholds["method"], low, high, thresholds["min_lesion_mm"])
    ]
    bands = style.trace(
        "bar",
        name="Loss at which a lesion starts to show",
        orientation="h",
        y=labels,
        base=low,
        x=[max(hi - lo, 0.8) for lo, hi in zip(low, high)],
        marker={"color": style.INDIGO, "opacity": 0.55},
        hovertext=hover,
        hoverinfo="text",
        width=0.5,
    )
    marks = style.trace(
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
    )
    return [bands, marks]


def xray_chart(thresholds: pd.DataFrame, loss: float) -> FigureSpec:
    """A bone's mineral (hatched = lost, solid sand = left) above the bands at which an X-ray shows a lesion.

    Always four traces: mineral lost, mineral left, threshold bands, and a verdict mark on each band
    at the chosen loss (symbol and words, not colour alone). A dashed line marks the chosen loss.
    """
    if not 0 <= loss <= 100:
        raise ValueError(f"mineral loss must be between 0 and 100%, not {loss}")
    labels = [
        f"{wrap_html(threshold_label(m), 36)}<br><b>{esc(band_text(lo, hi, mm))}</b>"
        for m, lo, hi, mm in zip(
            thresholds["method"],
            thresholds["mineral_loss_pct_low"].astype(float),
            thresholds["mineral_loss_pct_high"].astype(float),
            thresholds["min_lesion_mm"],
        )
    ]
    layout = style.base_layout(
        f"Would a plain X-ray show it? {loss:g}% of the bone mineral lost"
        "<br><sup>Bands: the mineral loss at which a lesion starts to show on an X-ray</sup>",
        "Bone mineral lost (%, 0\u2013100)",
        "The bone, and the X-ray thresholds",
        height=200 + 92 * (len(thresholds) + 1),
    )
    layout["xaxis"].update(range=[0, 100], ticksuffix="%", showgrid=True, dtick=10)
    style.category_axis(layout["yaxis"], [XRAY_BONE_ROW, *labels][::-1])
    layout.update(barmode="overlay", shapes=[style.vline(loss, {"color": style.ROSE, "width": 2.5, "dash": "dash"})])
    layout["margin"] = {**layout["margin"], "t": 90}
    return style.figure([*_mineral_traces(loss), *_threshold_traces(thresholds, labels, loss)], layout)
