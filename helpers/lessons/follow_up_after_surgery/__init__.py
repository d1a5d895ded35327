"""The code of the lesson ``notebooks/07-follow-up-after-surgery.ipynb``; the figures and tables its cells show, by name."""

from helpers.lessons.follow_up_after_surgery.recurrence_timing import (
    describe_timing,
    recurrence_timing_figure,
    timing_table,
)
from helpers.lessons.follow_up_after_surgery.tables import guideline_table, schedule_rules_table, visits_per_year_table

__all__ = [
    "describe_timing",
    "guideline_table",
    "recurrence_timing_figure",
    "schedule_rules_table",
    "timing_table",
    "visits_per_year_table",
]
