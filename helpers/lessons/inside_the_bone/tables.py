"""Inside the bone: the tables and text panels that go with the diagrams (pure functions, escaped HTML).

Table builders return a DataFrame with learner-facing column names (show it with
:func:`helpers.text.html_table`, which escapes every cell); panel builders return HTML in which
every piece of text from ``data/`` is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from helpers.html import render
from helpers.lessons.inside_the_bone.lesion_types import lesion_names
from helpers.lessons.inside_the_bone.vicious_cycle import cycle_focus
from helpers.text import cite, cites

_FILE_REFERENCE = re.compile(r"\s*\(see [\w.-]+\.csv\)")


def clean_text(value: object) -> str:
    """A data cell as learners read it: '' for empty, and no pointers to data files ('(see x.csv)')."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return _FILE_REFERENCE.sub("", str(value)).strip()


def select_rows(frame: pd.DataFrame, column: str, keys: Sequence[str], what: str = "row") -> pd.DataFrame:
    """Rows of ``frame`` whose ``column`` is in ``keys``, in the order of ``keys`` (each once).

    Raises ``KeyError`` naming every key that is not in the table.
    """
    keys = list(dict.fromkeys(keys))
    indexed = frame.set_index(column, drop=False)
    missing = [k for k in keys if k not in indexed.index]
    if missing:
        raise KeyError(f"no {what} {', '.join(map(repr, missing))} in the table")
    return indexed.loc[keys].reset_index(drop=True)


def glossary_table(glossary: pd.DataFrame, terms: Sequence[str]) -> pd.DataFrame:
    """The chosen glossary terms, in the order given."""
    rows = select_rows(glossary, "term", terms, "glossary term")
    return pd.DataFrame({"Term": rows["term"], "Meaning": rows["definition"], "Source": cites(rows["source_id"])})


def cycle_table(cycle: pd.DataFrame) -> pd.DataFrame:
    """Every step of the vicious cycle, in order."""
    rows = cycle.sort_values("step")
    return pd.DataFrame(
        {
            "Step": rows["step"].astype(int),
            "Who acts": rows["actor"],
            "Signal": rows["signal"],
            "Effect": rows["effect"],
            "Source": cites(rows["source_id"]),
        }
    ).reset_index(drop=True)


def cycle_step_panel(cycle: pd.DataFrame, step: int) -> str:
    """HTML panel for one step: who acts, the signal, its effect, where to look, the source (escaped).

    Raises ``ValueError`` for a step that is not in the table.
    """
    focus = cycle_focus(cycle)
    if step not in focus:
        raise ValueError(f"step {step!r} is not in the table (steps: {sorted(focus)})")
    row = cycle.set_index("step").loc[step]
    items = [
        ("Signal", row["signal"]),
        ("Effect", row["effect"]),
        ("On the diagram", focus[step].describe()),
        ("Source", cite(row["source_id"])),
    ]
    return render("panel.html.j2", heading=f"Step {int(step)} of {len(focus)}: {row['actor']}", items=items)


def lesion_table(lesions: pd.DataFrame) -> pd.DataFrame:
    """The three kinds of lesion side by side, highest Mirels points first."""
    rows = lesions.sort_values(["mirels_score", "lesion_type"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Lesion type": rows["label"],
            "What happens to the bone": rows["what_happens"].map(clean_text),
            "On an X-ray": rows["xray_look"].map(clean_text),
            "Typical primary cancers": rows["typical_primaries"],
            "Mirels points for lesion type (1-3)": rows["mirels_score"].astype(int),
            "What it means for fracture risk": rows["fracture_risk_note"],
            "Source": cites(rows["source_id"]),
        }
    ).reset_index(drop=True)


def lesion_panel(lesions: pd.DataFrame, lesion_type: str) -> str:
    """HTML panel for one kind of lesion (escaped). Raises ``ValueError`` for an unknown type."""
    table = lesions.set_index("lesion_type")
    if lesion_type not in table.index:
        raise ValueError(f"unknown lesion type {lesion_type!r} (known: {', '.join(table.index)})")
    row = table.loc[lesion_type]
    name = lesion_names(lesions)[lesion_type]
    items = [
        ("What happens to the bone", clean_text(row["what_happens"])),
        ("On an X-ray", clean_text(row["xray_look"])),
        ("Typical primary cancers", row["typical_primaries"]),
        ("Mirels points for lesion type", f"{name}: {int(row['mirels_score'])} of 3. {row['fracture_risk_note']}"),
        ("Source", cite(row["source_id"])),
    ]
    return render("panel.html.j2", heading=row["label"], items=items)


def sites_table(sites: pd.DataFrame) -> pd.DataFrame:
    """Every site of the body map, whole-skeleton sites first, with what each figure counts."""
    parts = sites["site_id"].astype(str).str.startswith("spine_")
    rows = pd.concat([sites[~parts], sites[parts]])
    return pd.DataFrame(
        {
            "Site": rows["site_label"],
            "Share (%)": [f"{v:g}" if not pd.isna(v) else "" for v in rows["share_pct"]],
            "Rank": [f"{int(v)}" if not pd.isna(v) else "" for v in rows["rank"]],
            "What the figure counts": rows["population"],
            "Source": cites(rows["source_id"]),
            "Note": rows["note"].map(clean_text),
        }
    ).reset_index(drop=True)


def routes_table(routes: pd.DataFrame, route_ids: Sequence[str]) -> pd.DataFrame:
    """The chosen spread routes, in the order given."""
    rows = select_rows(routes, "route_id", route_ids, "route")
    return pd.DataFrame(
        {
            "Cancers": rows["primary_group"],
            "For example": rows["primary_examples"],
            "Veins the cells travel in": rows["vein_system"],
            "First small vessels they meet": rows["first_capillary_bed"],
            "Then": rows["then"],
            "Source": cites(rows["source_id"]),
        }
    )


def drug_risks_table(risks: pd.DataFrame) -> pd.DataFrame:
    """The main risks of bisphosphonates and denosumab: what each is, how often, how it is guarded against, source."""
    return pd.DataFrame(
        {
            "Drug": risks["drug"],
            "Risk": risks["risk"],
            "How often": risks["figure"].fillna("no figure given by the source"),
            "How it is guarded against": risks["what_is_done"],
            "Source": cites(risks["source_id"]),
        }
    )
