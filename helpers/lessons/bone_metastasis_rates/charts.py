"""Bone-metastasis rates by primary cancer under three denominators, as range-chart views (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from helpers import style
from helpers.lessons.bone_metastasis_rates.ranges import RangeMeasure, range_view
from helpers.style import FigureSpec
from helpers.text import cites, esc

Denominator = Literal["advanced", "at_diagnosis", "cumulative"]

BONE_MEASURES: dict[str, RangeMeasure] = {
    "bone_share": RangeMeasure(
        "bone_pct_low",
        "bone_pct_high",
        "How often bone is involved in advanced cancer",
        "Patients with advanced disease who have bone metastases (%)",
        "%",
        100,
        "seed_pct_low",
        "seed_pct_high",
    ),
    "survival": RangeMeasure(
        "survival_months_low",
        "survival_months_high",
        "Median survival after bone metastasis is found",
        "Median survival after bone metastasis (months)",
        " months",
        60,
    ),
    "at_diagnosis": RangeMeasure(
        "bone_pct_of_metastatic",
        "bone_pct_of_metastatic",
        "How often bone is involved when cancer has already spread at diagnosis",
        "Patients metastatic at diagnosis who have bone metastases (%)",
        "%",
        100,
    ),
    "cumulative": RangeMeasure(
        "pct_low",
        "pct_high",
        "How many of ALL patients develop a bone metastasis over time",
        "All patients who develop a bone metastasis (%, cumulative)",
        "%",
        100,
    ),
}


@dataclass(frozen=True)
class DenominatorInfo:
    """What one denominator counts, in words for learners."""

    label: str
    subtitle: str
    table: str


DENOMINATORS: dict[str, DenominatorInfo] = {
    "advanced": DenominatorInfo(
        "Advanced disease", "Of people with advanced, metastatic cancer (mostly autopsy series)", "bone_mets_advanced"
    ),
    "at_diagnosis": DenominatorInfo(
        "Metastatic at diagnosis",
        "Of people whose cancer had already spread when it was diagnosed (US SEER registry)",
        "bone_mets_at_diagnosis",
    ),
    "cumulative": DenominatorInfo(
        "All patients, over time",
        "Of ALL people diagnosed with a solid cancer, followed over time (US oncology records)",
        "bone_mets_cumulative",
    ),
}


def when_label(years: float | None) -> str:
    """'by 1 year', 'by 10 years', 'by 1 month'; '' when the time point is not given."""
    if years is None or pd.isna(years):
        return "time points not stated"
    if years < 1:
        months = max(1, round(years * 12))
        return f"by {months} month" + ("s" if months != 1 else "")
    return f"by {years:g} year" + ("s" if years != 1 else "")


def cumulative_rows(cumulative: pd.DataFrame) -> pd.DataFrame:
    """One row per cancer and time point, labelled with the time, keyed so rows stay distinct."""
    out = cumulative.copy()
    out["cancer_label"] = [f"{lbl}, {when_label(y)}" for lbl, y in zip(out["cancer_label"], out["years"])]
    out["cancer"] = [f"{c}_{'na' if pd.isna(y) else f'{y:g}'}" for c, y in zip(out["cancer"], out["years"])]
    return out


def bone_view(
    tables: dict[str, pd.DataFrame], denominator: Denominator, measure: str = "bone_share"
) -> tuple[pd.DataFrame, RangeMeasure]:
    """The range-chart view of one denominator (``measure`` applies to advanced disease only)."""
    if denominator == "advanced":
        chosen = BONE_MEASURES[measure]
        return range_view(tables["bone_mets_advanced"], chosen), chosen
    if denominator == "at_diagnosis":
        chosen = BONE_MEASURES["at_diagnosis"]
        table = tables["bone_mets_at_diagnosis"].dropna(subset=["bone_pct_of_metastatic"])
        return range_view(table, chosen), chosen
    chosen = BONE_MEASURES["cumulative"]
    return range_view(cumulative_rows(tables["bone_mets_cumulative"]), chosen), chosen


def cumulative_curve(cumulative: pd.DataFrame, cancer: str = "all_solid") -> FigureSpec:
    """Cumulative incidence of bone metastasis over time for one cancer, with its 95% interval."""
    rows = cumulative[(cumulative["cancer"] == cancer) & cumulative["years"].notna()].sort_values("years")
    label = esc(rows["cancer_label"].iloc[0]) if len(rows) else esc(cancer)
    layout = style.base_layout(
        f"Bone metastasis over time: {label}",
        "Years since cancer diagnosis",
        "With a bone metastasis (%)",
        height=400,
    )
    layout["margin"] = {**layout["margin"], "t": 80}  # room between the title and the top of the y-axis title
    layout["yaxis"].update(rangemode="tozero")
    hover = [
        f"{when_label(y)}: {p:g}% (95% CI {lo:g}\u2013{hi:g}%)"
        for y, p, lo, hi in zip(rows["years"], rows["pct"], rows["pct_low"], rows["pct_high"])
    ]
    return style.figure(
        [
            {
                "type": "scatter",
                "name": "Cumulative incidence",
                "x": rows["years"].tolist(),
                "y": rows["pct"].tolist(),
                "mode": "lines+markers",
                "marker": {"color": style.INDIGO, "size": 9},
                "line": {"color": style.INDIGO, "width": 3},
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": (rows["pct_high"] - rows["pct"]).tolist(),
                    "arrayminus": (rows["pct"] - rows["pct_low"]).tolist(),
                },
                "hovertext": hover,
                "hoverinfo": "text",
            }
        ],
        layout,
    )


def cumulative_table(cumulative: pd.DataFrame) -> pd.DataFrame:
    """The cumulative-incidence rows as learners read them (the curve's table alternative)."""
    return pd.DataFrame(
        {
            "Cancer": cumulative["cancer_label"],
            "When": [when_label(y) for y in cumulative["years"]],
            "Cumulative incidence": ["" if pd.isna(p) else f"{p:g}%" for p in cumulative["pct"]],
            "Interval": [
                f"{lo:g}\u2013{hi:g}% ({kind})"
                for lo, hi, kind in zip(cumulative["pct_low"], cumulative["pct_high"], cumulative["range_kind"])
            ],
            "Source": cites(cumulative["source_id"]),
        }
    ).reset_index(drop=True)
