"""Bone-metastasis rates by primary cancer: which measures the range chart can show."""

from __future__ import annotations

from helpers.charts.ranges import RangeMeasure

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
}
