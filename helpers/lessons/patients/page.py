"""What every patient page shows: large type and print rules, its review dates, where to get support, its sources."""

from __future__ import annotations

from collections.abc import Iterable

from helpers.course import review_note
from helpers.data import load_table
from helpers.html import render
from helpers.text import reference_list, source_ids

#: The sources every patient page relies on whatever it shows: the support table's organisations.
SUPPORT_TABLE = "support_organisations"


def page_header(notebook: str) -> str:
    """The top of a patient page (``notebook`` as in data/course_review.csv, e.g. 'patients/02-...ipynb'): the page's
    large-type and print rules, then its review dates and how to report an error."""
    return render("patients/style.html.j2") + review_note(notebook)


def organisations(kind: str | None = None) -> list[dict[str, str]]:
    """The support table's rows in order (only one kind, 'organisation' or 'information', if given), each with the
    address of its own page from sources.csv."""
    table = load_table(SUPPORT_TABLE).sort_values("order")
    urls = load_table("sources").set_index("source_id")["url"]
    rows = table if kind is None else table[table["kind"] == kind]
    return [{**row, "url": str(urls[row["source_id"]])} for row in rows.to_dict("records")]


def support_box(heading: str = "Where to get support", heading_id: str = "support") -> str:
    """Where to get support: the care team first, then each organisation with its address written out (no link is
    followed and nothing is fetched)."""
    return render("patients/support.html.j2", organisations=organisations(), heading=heading, heading_id=heading_id)


def page_sources(*columns: object) -> str:
    """The page's reference list: the sources of what it shows (see :func:`helpers.text.source_ids`), then those of
    the support table."""
    ids: Iterable[str] = source_ids(*columns, load_table(SUPPORT_TABLE))
    return reference_list(ids)
