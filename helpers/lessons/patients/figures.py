"""The patient pages' charts: simplified, in large type, each framed by data/patient_figures.csv and shown beside
where to get support.

Every figure here is a survival or recurrence figure of a sourced table. Its note says what it counts, who was counted,
over what time, when they were treated, and that it is not a prediction (:func:`figure_note`); :func:`figure_with_note`
puts the note beside the support box, so the two are always shown together.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from helpers import style
from helpers.data import load_table
from helpers.html import render
from helpers.lessons.patients.page import support_box
from helpers.text import cite

#: Large type for a projector or a phone held at arm's length.
FONT_SIZE = 20

#: Each chart builder by the figure ids it draws (their notes are rows of patient_figures.csv).
FIGURES: dict[str, tuple[str, ...]] = {
    "recurrence_chart": ("recurrence_usa", "recurrence_korea"),
    "marker_chart": ("ca19_9_after_surgery",),
    "survival_chart": ("survival_bone",),
}


def _layout(title: str, x_title: str, y_title: str, *, height: int = 460) -> dict[str, Any]:
    layout = style.base_layout(title, x_title, y_title, height=height)
    layout["font"] = {**layout["font"], "size": FONT_SIZE}
    layout["hoverlabel"] = {"font": {"size": FONT_SIZE}}
    layout["title"] = {**layout["title"], "font": {"size": FONT_SIZE + 4}}
    layout["margin"] = {"l": 10, "r": 30, "t": 80, "b": 10}
    return layout


def _note(figure_id: str) -> dict[str, Any]:
    notes = load_table("patient_figures").set_index("figure_id")
    if figure_id not in notes.index:
        raise KeyError(f"data/patient_figures.csv has no row for figure {figure_id!r}")
    return {"figure_id": figure_id, **notes.loc[figure_id].to_dict()}


def recurrence_chart() -> tuple[style.FigureSpec, list[str]]:
    """When stomach cancer came back after surgery, among those in whom it did (recurrence_timing.csv), for the two
    studies whose years of operation are known; with its text alternative."""
    rows = load_table("recurrence_timing")
    studies = [
        ("dangelica2004", "USA, operations 1985-2000", style.INDIGO),
        ("shin2016", "Korea, 1998-2002", style.SAND),
    ]
    data, sentences = [], []
    for source_id, label, colour in studies:
        own = rows[rows["source_id"] == source_id].sort_values("years_after_surgery")
        x = [f"By {int(y)} years" for y in own["years_after_surgery"]]
        y = [float(p) for p in own["cumulative_pct_of_recurrences"]]
        text = [f"{p:.0f} in 100" for p in y]
        data.append(
            style.trace(
                "bar",
                x=x,
                y=y,
                name=label,
                marker={"color": colour},
                text=text,
                textposition="outside",
                textfont={"size": FONT_SIZE},
                hovertemplate="%{y:.0f} in 100<extra>" + label + "</extra>",
            )
        )
        sentences += [
            f"{label}: of every 100 people whose cancer came back, it had come back {when.lower()} in about {p:.0f}."
            for p, when in zip(y, x)
        ]
    layout = _layout(
        "When the cancer came back, in people whose cancer did come back",
        "Time after surgery",
        "Out of 100 people whose cancer came back",
    )
    layout["yaxis"] = {**layout["yaxis"], "range": [0, 110]}
    layout["barmode"] = "group"
    return style.figure(data, layout), sentences


def marker_chart() -> tuple[style.FigureSpec, list[str]]:
    """How often the CA19-9 blood test was raised or normal after surgery, in people whose cancer came back and in
    people whose cancer did not (tumour_markers.csv, row ca19_9_postop); with its text alternative."""
    row = load_table("tumour_markers").set_index("marker").loc["ca19_9_postop"]
    back_raised, clear_normal = float(row["sensitivity_pct"]), float(row["specificity_pct"])
    groups = ["Cancer came back", "Cancer did not come back"]
    raised, normal = [back_raised, 100 - clear_normal], [100 - back_raised, clear_normal]
    data = [
        style.trace(
            "bar",
            y=groups,
            x=values,
            name=name,
            orientation="h",
            marker={"color": colour},
            text=[f"{v:.0f} in 100" for v in values],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"size": FONT_SIZE},
            hovertemplate="%{x:.0f} in 100<extra>" + name + "</extra>",
        )
        for name, values, colour in (("Test raised", raised, style.ROSE), ("Test normal", normal, style.CYAN))
    ]
    layout = _layout("The CA19-9 blood test after surgery for stomach cancer", "Out of 100 people", "", height=380)
    layout["barmode"] = "stack"
    layout["xaxis"] = {**layout["xaxis"], "range": [0, 100]}
    sentences = [
        f"Of every 100 people whose cancer came back, about {back_raised:.0f} had a raised test and about "
        f"{100 - back_raised:.0f} had a normal test.",
        f"Of every 100 people whose cancer did not come back, about {clear_normal:.0f} had a normal test and about "
        f"{100 - clear_normal:.0f} had a raised test.",
    ]
    return style.figure(data, layout), sentences


def survival_chart() -> tuple[style.FigureSpec, list[str]]:
    """The median time lived after cancer was found in the bone, as the range the studies give, by kind of cancer
    (bone_mets_advanced.csv); with its text alternative."""
    rows = load_table("bone_mets_advanced").sort_values("survival_months_high")
    labels = list(rows["cancer_label"])
    low, high = [float(v) for v in rows["survival_months_low"]], [float(v) for v in rows["survival_months_high"]]
    words = [f"{lo:g} months" if lo == hi else f"{lo:g} to {hi:g} months" for lo, hi in zip(low, high)]
    data = [
        style.trace(
            "scatter",
            x=[lo, hi],
            y=[label, label],
            mode="lines+markers",
            showlegend=False,
            line={"color": style.INDIGO, "width": 8},
            marker={"size": 16, "color": style.INDIGO},
            hovertemplate=f"{label}: {w}<extra></extra>",
        )
        for label, lo, hi, w in zip(labels, low, high, words)
    ]
    data.append(
        style.trace(
            "scatter",
            x=high,
            y=labels,
            mode="text",
            text=[f"  {w}" for w in words],
            textposition="middle right",
            textfont={"size": FONT_SIZE - 2},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    layout = _layout(
        "The middle (median) time people lived after cancer was found in the bone, in older studies",
        "Months after cancer was found in the bone",
        "Kind of cancer",
        height=520,
    )
    layout["xaxis"] = {**layout["xaxis"], "range": [0, 75]}
    sentences = [f"{label}: {w}." for label, w in zip(labels, words)]
    return style.figure(data, layout), sentences


def figure_note(figure_id: str, support: str = "") -> str:
    """What one figure shows and does not: what it counts, who was counted, over what time, when they were treated,
    that it is not a prediction, and its source (data/patient_figures.csv); ``support`` (HTML) is shown beside it."""
    note = _note(figure_id)
    source = Markup(cite(note["source_id"]).html())
    return render(
        "patients/figure_note.html.j2", figure_id=figure_id, note=note, source=source, support=Markup(support)
    )


def figure_with_note(figure_ids: tuple[str, ...], sentences: list[str], heading: str = "The chart in words") -> str:
    """The text alternative of a chart, then the note of each of its figures, the last one beside where to get
    support, so that no figure is shown without both."""
    alternative = render("patients/text_alternative.html.j2", heading=heading, sentences=sentences)
    last = figure_ids[-1]
    support = support_box("If these numbers worry you", f"support-{last}")
    return alternative + "".join(figure_note(i, support if i == last else "") for i in figure_ids)
