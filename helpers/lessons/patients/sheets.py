"""The two printable sheets: the urgency card (from the urgency scale) and the questions to ask the care team."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from helpers.course import review_dates
from helpers.data import load_table
from helpers.html import render
from helpers.text import DISCLAIMER, cite
from helpers.urgency import levels

#: Where each sheet shows its review date (both sheets belong to one page each).
CARD_PAGE = "patients/02-when-to-contact-your-care-team.ipynb"
QUESTIONS_PAGE = "patients/06-questions-to-ask-your-care-team.ipynb"

#: The headings of the question sheet, in order.
TOPICS: dict[str, str] = {
    "bone_metastasis": "About cancer in the bones",
    "follow_up": "About follow-up after treatment",
    "tumour_markers": "About tumour markers (blood tests)",
    "numbers": "About numbers and statistics",
    "support": "About support",
}


def _reviewed(page: str) -> str:
    last, _ = review_dates(page)
    return f"{last.day} {last:%B %Y}"


def card_levels() -> list[dict[str, Any]]:
    """Each level of the urgency scale, most urgent first, with the card's signs of that level in plain words.

    A sign's level comes from warning_signs.csv (patient_signs.csv only words it plainly), so the card and the
    course's other sign cards cannot disagree."""
    scale = levels(load_table("urgency_levels"))
    level_of = load_table("warning_signs").set_index("sign_id")["level"]
    plain = load_table("patient_signs").sort_values("order")
    return [
        {"level": lv, "signs": [r["plain_words"] for r in plain.to_dict("records") if level_of[r["sign_id"]] == key]}
        for key, lv in scale.items()
    ]


def urgency_card() -> str:
    """The "when to contact your care team" card: every level with its signs, what to do and whom to contact."""
    sources = cite(";".join(load_table("urgency_levels")["source_ids"]))
    return render(
        "patients/urgency_card.html.j2",
        levels=card_levels(),
        disclaimer=DISCLAIMER,
        reviewed=_reviewed(CARD_PAGE),
        sources=Markup(sources.html()),
    )


def question_topics() -> list[dict[str, Any]]:
    """The question sheet's topics in order, each with its questions."""
    table = load_table("question_prompts").sort_values("order")
    return [
        {"title": title, "questions": list(table.loc[table["topic"] == topic, "question"])}
        for topic, title in TOPICS.items()
        if (table["topic"] == topic).any()
    ]


def question_sheet() -> str:
    """The printable sheet of questions to ask the care team, citing the published lists it is drawn from."""
    table = load_table("question_prompts")
    return render(
        "patients/question_sheet.html.j2",
        topics=question_topics(),
        disclaimer=DISCLAIMER,
        reviewed=_reviewed(QUESTIONS_PAGE),
        sources=Markup(cite(";".join(dict.fromkeys(table["source_id"]))).html()),
    )
