"""Table alternatives: each chart's data as a small, readable table (pure functions)."""

from __future__ import annotations

import pandas as pd

from helpers.text import cites, fmt_range


def bone_rates_table(advanced: pd.DataFrame) -> pd.DataFrame:
    """The Coleman table as learners read it: ranges as text, the seed's figure beside the source's."""
    ordered = advanced.sort_values(["bone_pct_high", "bone_pct_low"], ascending=False)
    return pd.DataFrame(
        {
            "Primary cancer": ordered["cancer_label"],
            "Bone metastases in advanced disease": [
                fmt_range(lo, hi, "%") for lo, hi in zip(ordered["bone_pct_low"], ordered["bone_pct_high"])
            ],
            "The popular article says": [
                fmt_range(lo, hi, "%") or "(not given)"
                for lo, hi in zip(ordered["seed_pct_low"], ordered["seed_pct_high"])
            ],
            "Median survival after bone metastasis": [
                fmt_range(lo, hi, " months")
                for lo, hi in zip(ordered["survival_months_low"], ordered["survival_months_high"])
            ],
            "Source": cites(ordered["source_id"]),
        }
    ).reset_index(drop=True)


def studies_table(studies: pd.DataFrame, cancer: str) -> pd.DataFrame:
    """One cancer's share in several studies of the same registry, lowest first, with the years and whom each counted."""
    rows = studies[studies["cancer"] == cancer].sort_values("bone_pct_of_metastatic")
    return pd.DataFrame(
        {
            "Study": rows["study"],
            "SEER years": rows["seer_years"],
            "Bone involvement among those metastatic at diagnosis": [f"{v:g}%" for v in rows["bone_pct_of_metastatic"]],
            "Whom it counted": rows["counted"],
            "Source": cites(rows["source_id"]),
        }
    )
