"""Tables and text panels for the metastatic-cascade notebook (pure functions; every cell escaped).

The DataFrames returned here are shown with :func:`helpers.text.html_table`, which escapes them; the
functions that return HTML escape every value that comes from ``data/`` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from markupsafe import Markup

from helpers import style
from helpers.html import render
from helpers.lessons.metastatic_cascade.cascade_funnel import fmt_count, fmt_pct, model_label
from helpers.lessons.metastatic_cascade.step_pictures import ordered_steps, step_pictures, step_position
from helpers.text import cite, cites, source_ids

#: The two seed articles, as the course names them.


def source_line(sources: pd.DataFrame, source_id: str) -> str:
    """'Authors (year). Title. Journal.' for one source (plain text; escape it before showing it as HTML)."""
    rows = sources[sources["source_id"] == source_id]
    if not len(rows):
        return source_id
    s = rows.iloc[0]
    year = "" if pd.isna(s["year"]) else f" ({int(s['year'])})"
    return f"{s['authors']}{year}. {s['title']}. {s['journal']}."


def steps_table(steps: pd.DataFrame) -> pd.DataFrame:
    """All the steps at a glance: order, name, where the diagram puts the cell, what happens, source."""
    ordered = ordered_steps(steps)
    pictures = step_pictures(ordered)
    return pd.DataFrame(
        {
            "Step": ordered["step"].astype(int),
            "Name": ordered["name"],
            "Where the diagram shows the cell": [p.where[:1].upper() + p.where[1:] for p in pictures],
            "What happens": ordered["what_happens"],
            "Source": cites(ordered["source_id"]),
        }
    )


COLOURS = {"rose": style.ROSE, "indigo": style.INDIGO, "sand": style.SAND}


def _text(value: object) -> str:
    return value if isinstance(value, str) and value.strip() else ""


def step_panel(steps: pd.DataFrame, step_id: str, sources: pd.DataFrame | None = None) -> str:
    """HTML panel for one step: what happens, who is involved, the popular article's and the textbook's wording,
    where the article oversimplifies (when the table says so) and the source. The template escapes every value."""
    ordered = ordered_steps(steps)
    at = step_position(ordered, step_id)
    row = ordered.iloc[at].to_dict()
    return render(
        "cascade.html.j2",
        kind="step",
        row=row,
        position=at + 1,
        total=len(ordered),
        popular=_text(row["seed_wording"]) or "The popular article does not describe this step.",
        gap=_text(row["where_seed_oversimplifies"]),
        source=source_line(sources, row["source_id"]) if sources is not None else str(row["source_id"]),
        colours=COLOURS,
    )


def seed_check_card(steps: pd.DataFrame, step_id: str) -> str:
    """HTML card quoting the table for one step: the popular article's wording and where it oversimplifies."""
    row = ordered_steps(steps).iloc[step_position(steps, step_id)].to_dict()
    return render(
        "cascade.html.j2",
        kind="check",
        row=row,
        popular=_text(row["seed_wording"]),
        gap=_text(row["where_seed_oversimplifies"]),
        source=Markup(cite(row["source_id"]).html()),
        colours=COLOURS,
    )


def funnel_table(funnel: pd.DataFrame) -> pd.DataFrame:
    """Every model's funnel as text: model, stage, count, share of the stage before, source and note."""
    ordered = funnel.assign(_first=funnel["model"].map({m: i for i, m in enumerate(dict.fromkeys(funnel["model"]))}))
    ordered = ordered.sort_values(["_first", "stage_order"])
    return pd.DataFrame(
        {
            "Model": [model_label(m) for m in ordered["model"]],
            "Stage": [f"{int(o)}. {s}" for o, s in zip(ordered["stage_order"], ordered["stage"])],
            "Cells (or metastases)": [fmt_count(c) for c in ordered["cells"]],
            "% of the stage before": [fmt_pct(p) or "(start)" for p in ordered["pct_of_previous"]],
            "Source": cites(ordered["source_id"]),
            "Note": ordered["note"].fillna(""),
        }
    ).reset_index(drop=True)


def terms_table(glossary: pd.DataFrame, terms: Sequence[str]) -> pd.DataFrame:
    """The glossary entries for ``terms``, in that order; ``KeyError`` names any term it lacks."""
    by_term = glossary.set_index("term")
    missing = [t for t in terms if t not in by_term.index]
    if missing:
        raise KeyError(f"not in glossary.csv: {', '.join(missing)}")
    chosen = by_term.loc[list(terms)]
    return pd.DataFrame({"Term": list(terms), "Meaning": chosen["definition"].tolist()})


def glossary_sources(glossary: pd.DataFrame, terms: Iterable[str]) -> list[str]:
    """The source ids behind the chosen glossary terms (empty sources skipped), first seen first."""
    chosen = glossary[glossary["term"].isin(list(terms))]
    return source_ids(chosen)


FUNNEL_CAUTION = (
    "These numbers come from animal experiments and a mathematical model, not from measuring cells in a person. "
    "Read them for the order of magnitude (how many powers of ten are lost along the way), "
    "not as exact figures and never as anyone's own risk."
)


def funnel_caution(notes: Sequence[str]) -> str:
    """HTML caution under the funnel: the general warning, then the table's own notes (escaped)."""
    return render("cascade.html.j2", kind="caution", caution=FUNNEL_CAUTION, notes=list(notes), colours=COLOURS)


def tnm_table(tnm: pd.DataFrame) -> pd.DataFrame:
    """The TNM categories as learners read them: what each means, its stomach-cancer definition, what it does to the stage."""
    return pd.DataFrame(
        {
            "Category": tnm["category"],
            "What it means": tnm["meaning"],
            "For stomach cancer (AJCC/UICC 8th edition)": tnm["gastric_8th_edition"],
            "Stage": tnm["stage_note"].fillna(""),
            "Source": cites(tnm["source_id"]),
        }
    )


def lymph_node_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Lymph node spread and sentinel nodes: each figure with its count, its denominator and who was studied."""
    return pd.DataFrame(
        {
            "What was measured": figures["measure"],
            "Figure": [
                f"{pct:g}%" + ("" if pd.isna(n) else f" ({n})") for pct, n in zip(figures["pct"], figures["count"])
            ],
            "Of whom": figures["denominator"],
            "Who was studied": figures["population"],
            "Source": cites(figures["source_id"]),
        }
    )
