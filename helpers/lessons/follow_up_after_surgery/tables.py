"""The lesson's tables of schedules and guidelines: every schedule side by side, and what guidelines say.

Pure functions, tables in, DataFrames of plain text out (escaped by :func:`helpers.text.html_table` when shown).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.lessons.follow_up_after_surgery.dates import (
    HORIZON_YEARS,
    schedule_periods,
    visit_months,
    visits_per_year,
    years_label,
)
from helpers.text import GUIDELINE_STATUS, cite, cites, guideline_words


def _schedules_in_order(schedules: pd.DataFrame) -> list[tuple[str, str]]:
    return list(dict.fromkeys(zip(schedules["schedule_id"], schedules["schedule_label"])))


def schedule_rules_table(schedules: pd.DataFrame) -> pd.DataFrame:
    """Each schedule's rule, one column per period ('every 3 months'), with its source."""
    spans = sorted({(float(a), float(b)) for a, b in zip(schedules["year_from"], schedules["year_to"])})
    records = []
    for schedule_id, label in _schedules_in_order(schedules):
        rows = schedules[schedules["schedule_id"] == schedule_id]
        record = {"Schedule": label}
        for a, b in spans:
            match = rows[(rows["year_from"] == a) & (rows["year_to"] == b)]
            record[years_label(a, b)] = f"every {int(match['interval_months'].iloc[0])} months" if len(match) else ""
        cited = cite([s for s in dict.fromkeys(rows["source_id"]) if isinstance(s, str)])
        record["Source"] = cited if cited else "none given (popular article)"
        records.append(record)
    return pd.DataFrame(records)


def visits_per_year_table(schedules: pd.DataFrame, horizon_years: int = HORIZON_YEARS) -> pd.DataFrame:
    """Visits in each year after surgery for every schedule, with the ten-year total (no dates needed)."""
    records = []
    for schedule_id, label in _schedules_in_order(schedules):
        counts = visits_per_year(visit_months(schedule_periods(schedules, schedule_id), horizon_years), horizon_years)
        record: dict[str, object] = {"Schedule": label}
        record.update({f"Year {n}": c for n, c in enumerate(counts, start=1)})
        record[f"Total in {horizon_years} years"] = sum(counts)
        records.append(record)
    return pd.DataFrame(records)


# --------------------------------------------------------------------------- guidelines and myths
def guideline_table(statements: pd.DataFrame, statement_ids: Sequence[str]) -> pd.DataFrame:
    """Chosen guideline statements, in the given order, in their own words, with version, year and status."""
    chosen = statements.set_index("statement_id").loc[list(statement_ids)]
    return pd.DataFrame(
        {
            "Who": chosen["organisation"].tolist(),
            "Version": chosen["version"].tolist(),
            "Year": [str(int(y)) for y in chosen["year"]],
            "Status": [GUIDELINE_STATUS[s] for s in chosen["status"]],
            "What it says": [guideline_words(s, q) for s, q in zip(chosen["statement"], chosen["quote_verified"])],
            "Where it was read": chosen["guideline"].tolist(),
            "Source": cites(chosen["source_id"]),
        }
    )
