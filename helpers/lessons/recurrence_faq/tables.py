"""The recurrence FAQ (notebook 6): its tables and answer text (pure functions, tables in).

Tables come back as small DataFrames for :func:`helpers.text.html_table`, which escapes every
cell; the HTML built here (answers, source lists) escapes every value from data with
:func:`helpers.text.esc`. Nothing here reads a file: the notebook loads the tables and passes them in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from markupsafe import Markup

from helpers import style
from helpers.html import render
from helpers.text import GUIDELINE_STATUS, cite_map, guideline_words, split_ids
from helpers.text import source_list_html as _source_list_html
from helpers.urgency import levels

CATEGORY_LABELS: dict[str, str] = {
    "tests": "Tests",
    "symptoms": "Symptoms",
    "treatment": "Treatment",
    "follow_up": "Follow-up",
    "signs": "Signs of recurrence",
    "lifestyle": "Everyday life",
}

SITE_LABELS: dict[str, str] = {
    "brain": "Brain",
    "bone": "Bone",
    "spine": "Spine",
    "lung_pleura": "Lung and pleura",
    "peritoneum": "Peritoneum",
    "liver": "Liver",
    "general": "Anywhere (general)",
}


NO_ILLUSTRATION = "This answer has no chart or table: it rests on the sources listed with it."


def category_label(category: str) -> str:
    """The category as learners read it ('follow_up' -> 'Follow-up')."""
    return CATEGORY_LABELS.get(category, str(category).replace("_", " ").capitalize())


def question_label(order: int, category: str, question: str) -> str:
    """A Dropdown option: '1. Tests: My tumour markers have risen ...' (plain text, not HTML)."""
    return f"{order}. {category_label(category)}: {question}"


# --------------------------------------------------------------------------- sources
def source_list_html(source_ids: Iterable[str], sources: pd.DataFrame) -> str:
    """A numbered, escaped list of an answer's sources (links open in a new tab)."""
    return _source_list_html(source_ids, sources, population=False, new_tab=True)


# --------------------------------------------------------------------------- the answer
def answer_html(row: Mapping[str, object] | pd.Series, *, position: int, total: int) -> str:
    """One FAQ answer as HTML: the question, the short and long answers and what the popular article said."""
    popular = row["seed_answer"]
    return render(
        "faq_answer.html.j2",
        position=position,
        total=total,
        category=category_label(str(row["category"])),
        question=row["question"],
        short_answer=row["short_answer"],
        long_answer=row["long_answer"],
        popular_answer=popular if isinstance(popular, str) else "The popular article does not answer this question.",
        grey=style.GREY,
    )


def answer_sources_html(row: Mapping[str, object] | pd.Series, sources: pd.DataFrame) -> str:
    """The sources of one FAQ answer, and the reminder that the answer is general information."""
    listed = Markup(
        source_list_html(split_ids(str(row["source_ids"])), sources)
    )  # rendered (and escaped) by its template
    return render("faq_sources.html.j2", sources=listed)


# --------------------------------------------------------------------------- tables
def tumour_marker_table(markers: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The marker chart's table alternative: one row per result, with the study and whom it tested."""
    cites = cite_map(sources, markers["source_id"])
    return pd.DataFrame(
        {
            "Study": [cites[s] for s in markers["source_id"]],
            "Marker": markers["label"].tolist(),
            "Sensitivity": [f"{v:g}%" for v in markers["sensitivity_pct"]],
            "Specificity": ["not given" if pd.isna(v) else f"{v:g}%" for v in markers["specificity_pct"]],
            "What the test was used for": markers["setting"].tolist(),
            "Who was tested": markers["population"].tolist(),
        }
    )


def detection_table(methods: pd.DataFrame) -> pd.DataFrame:
    """Which test shows what, when it is used, and its accuracy for bone metastases where sourced."""

    def pct(value: float) -> str:
        return "no pooled figure" if pd.isna(value) else f"{value:g}%"

    return pd.DataFrame(
        {
            "Test": methods["method"].tolist(),
            "What it shows": methods["what_it_shows"].tolist(),
            "When it is used": methods["typical_use"].tolist(),
            "Sensitivity": [pct(v) for v in methods["sensitivity_pct"]],
            "Specificity": [pct(v) for v in methods["specificity_pct"]],
        }
    )


def sites_for_question(faq_id: str, signs: pd.DataFrame) -> list[str]:
    """The warning-sign sites a question names in its id ('signs_brain_bone' -> brain, bone); all when none."""
    sites = list(dict.fromkeys(signs["site"]))
    named = [site for site in sites if site in str(faq_id)]
    return named or sites


def recurrence_signs_table(
    signs: pd.DataFrame,
    urgency_levels: pd.DataFrame,
    sites: Iterable[str] | None = None,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Signs of recurrence (context 'recurrence') at the given sites: sign, its urgency level and how soon, what
    to do (from the level, then the sign's own advice) and source."""
    scale = levels(urgency_levels)
    chosen = signs[signs["context"] == "recurrence"]
    if sites is not None:
        wanted = list(sites)
        chosen = chosen[chosen["site"].isin(wanted)]
        chosen = chosen.assign(_order=chosen["site"].map({s: i for i, s in enumerate(wanted)})).sort_values(
            "_order", kind="stable"
        )
    table = pd.DataFrame(
        {
            "Site": [SITE_LABELS.get(s, s) for s in chosen["site"]],
            "Sign": chosen["sign"].tolist(),
            "Urgency level": [scale[lv].label for lv in chosen["level"]],
            "What to do (general guidance)": [
                scale[lv].what_to_do + ("" if pd.isna(advice) else f" {advice}")
                for lv, advice in zip(chosen["level"], chosen["advice"])
            ],
        }
    )
    if sources is not None:
        cites = cite_map(sources, chosen["source_id"])
        table["Source"] = [cites[s] for s in chosen["source_id"]]
    return table


def _period_label(year_from: float, year_to: float, last: float) -> str:
    if year_from == 0:
        return f"First {year_to:g} years"
    if year_to == last:
        return f"After {year_from:g} years"
    return f"Years {year_from + 1:g}\u2013{year_to:g}"


def followup_summary_table(schedule: pd.DataFrame) -> pd.DataFrame:
    """Visits after surgery, period by period: the seed's schedule beside each guideline's range.

    Schedules whose id starts with the same word ('nccn_most', 'nccn_least') are one guideline's
    range: their intervals are shown together ('every 3\u20136 months').
    """
    if schedule.empty:
        return pd.DataFrame({"Period after surgery": []})
    frame = schedule.assign(family=schedule["schedule_id"].str.split("_").str[0])
    names = {f: str(label).split(",")[0] for f, label in zip(frame["family"], frame["schedule_label"])}
    last = float(frame["year_to"].max())
    periods = frame[["year_from", "year_to"]].drop_duplicates().sort_values("year_from")
    table: dict[str, list[str]] = {
        "Period after surgery": [_period_label(a, b, last) for a, b in periods.itertuples(index=False)]
    }
    for family, name in names.items():
        cells = []
        for a, b in periods.itertuples(index=False):
            months = frame[(frame["family"] == family) & (frame["year_from"] == a) & (frame["year_to"] == b)][
                "interval_months"
            ]
            lo, hi = (int(months.min()), int(months.max())) if len(months) else (None, None)
            cells.append("" if lo is None else (f"every {lo} months" if lo == hi else f"every {lo}\u2013{hi} months"))
        table[name] = cells
    return pd.DataFrame(table)


def guideline_table(statements: pd.DataFrame) -> pd.DataFrame:
    """What guidelines say about follow-up, in their own words, with each one's version, year and status."""
    return pd.DataFrame(
        {
            "Who": statements["organisation"].tolist(),
            "Guideline": statements["guideline"].tolist(),
            "Version": statements["version"].tolist(),
            "Year": [str(int(y)) for y in statements["year"]],
            "Status": [GUIDELINE_STATUS[s] for s in statements["status"]],
            "What it says": [
                guideline_words(s, q) for s, q in zip(statements["statement"], statements["quote_verified"])
            ],
        }
    )
