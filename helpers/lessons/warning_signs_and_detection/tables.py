"""Warning signs and detection as cards and tables: every cell from ``data/``, every cell escaped.

* :func:`signal_cards`: the warning signs of bone metastasis, grouped as the four signals of the
  seed article, one card per sign (what it is like, why, and its level of the urgency scale, which says
  what to do, how soon and whom to contact).
* :func:`methods_table`, :func:`accuracy_table`, :func:`thresholds_table`: the tables behind the
  detection charts. :func:`myth_table`: a notebook topic's rows of ``myths.csv``.
"""

from __future__ import annotations

import pandas as pd

from helpers import style
from helpers.lessons.warning_signs_and_detection.accuracy import accuracy_text, pct, tests_for
from helpers.lessons.warning_signs_and_detection.xray_threshold import threshold_label
from helpers.text import cite_map, cites, fmt_range
from helpers.urgency import levels

#: The four signals of bone metastasis, in the seed article's order, and the signs (``sign_id`` of
#: ``warning_signs.csv``) under each. The table has no group column, so the grouping lives here; a
#: sign not listed is shown under "Other signs" rather than dropped (and a test flags it).
SIGNAL_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pain": ("1. Pain", ("bm_pain_rest_night", "bm_pain_movement", "bm_spinal_pain")),
    "fracture": ("2. Pathological fracture", ("bm_pathological_fracture",)),
    "compression": ("3. Compression symptoms and local swelling", ("bm_cord_compression", "bm_local_swelling")),
    "systemic": ("4. Systemic symptoms", ("bm_hypercalcaemia", "bm_hypercalcaemia_severe", "bm_systemic")),
}
OTHER_GROUP = ("other", "Other signs")


def signal_group(sign_id: str) -> str:
    """The signal group key of a sign ('other' when the course does not place it)."""
    for key, (_, ids) in SIGNAL_GROUPS.items():
        if sign_id in ids:
            return key
    return OTHER_GROUP[0]


def bone_signs(signs: pd.DataFrame) -> pd.DataFrame:
    """The bone-metastasis rows of ``warning_signs.csv`` with their signal group, in group order."""
    rows = signs[signs["context"] == "bone_metastasis"].copy()
    rows["group"] = rows["sign_id"].map(signal_group)
    order = {key: i for i, key in enumerate([*SIGNAL_GROUPS, OTHER_GROUP[0]])}
    rows["_order"] = rows["group"].map(order)
    rows["_row"] = range(len(rows))
    return rows.sort_values(["_order", "_row"]).drop(columns=["_order", "_row"]).reset_index(drop=True)


BOX = "border-radius:6px;padding:8px 12px;margin:8px 0;max-width:60em"


def signal_cards(signs: pd.DataFrame, urgency_levels: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The warning signs of bone metastasis as HTML cards under the four signals, red signs listed first.

    Each card shows its level's badge (name and how soon, in words) and takes what to do and whom to contact from the
    level; the template escapes every value from the tables."""
    from helpers.html import render

    rows = bone_signs(signs)
    if rows.empty:
        return "<p>No warning signs of bone metastasis in the table.</p>"
    scale = levels(urgency_levels)
    cites = cite_map(sources, rows["source_id"])
    first = next(iter(scale.values()))
    titles = {key: title for key, (title, _) in SIGNAL_GROUPS.items()} | {OTHER_GROUP[0]: OTHER_GROUP[1]}
    groups = [
        {
            "title": titles[str(key)],
            "cards": [
                {
                    "sign": row["sign"],
                    "details": row["details"],
                    "mechanism": row["mechanism"],
                    "advice": None if pd.isna(row["advice"]) else row["advice"],
                    "level": scale[row["level"]],
                    "cite": cites[row["source_id"]],
                }
                for row in group.to_dict("records")
            ],
        }
        for key, group in rows.groupby("group", sort=False)
    ]
    most_urgent = rows.loc[rows["level"] == first.level, "sign"].tolist()
    return render("signal_cards.html.j2", groups=groups, most_urgent=most_urgent, first=first, box=BOX, grey=style.GREY)


def methods_table(methods: pd.DataFrame, suspicion: str) -> pd.DataFrame:
    """The tests used for a site or suspicion as a learner-facing table (plain text cells)."""
    rows = tests_for(methods, suspicion)
    return pd.DataFrame(
        {
            "Test": rows["method"],
            "What it shows": rows["what_it_shows"],
            "Typical use": rows["typical_use"],
            "Limitations": rows["limitations"],
            "Sensitivity and specificity": [accuracy_text(row, suspicion) for row in rows.to_dict("records")],
            "Source": cites(rows["source_id"]),
        }
    )


def accuracy_table(methods: pd.DataFrame) -> pd.DataFrame:
    """Every test with its sourced per-patient accuracy, or 'no sourced figure' (never 0)."""
    return pd.DataFrame(
        {
            "Test": methods["method"],
            "Sensitivity": [pct(v) if not pd.isna(v) else "no sourced figure" for v in methods["sensitivity_pct"]],
            "Specificity": [pct(v) if not pd.isna(v) else "no sourced figure" for v in methods["specificity_pct"]],
            "What the figures refer to": methods["accuracy_basis"].fillna(""),
            "Source": cites(methods["source_id"]),
        }
    ).reset_index(drop=True)


def thresholds_table(thresholds: pd.DataFrame) -> pd.DataFrame:
    """The X-ray thresholds as learners read them: the band, the smallest lesion, the caveat."""
    return pd.DataFrame(
        {
            "Method and study": [threshold_label(m) for m in thresholds["method"]],
            "Mineral loss before a lesion shows": [
                fmt_range(lo, hi, "%")
                for lo, hi in zip(thresholds["mineral_loss_pct_low"], thresholds["mineral_loss_pct_high"])
            ],
            "Smallest lesion": [f"{mm:g} mm" if not pd.isna(mm) else "" for mm in thresholds["min_lesion_mm"]],
            "Caveat": thresholds["note"],
            "Source": cites(thresholds["source_id"]),
        }
    ).reset_index(drop=True)
