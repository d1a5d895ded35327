"""What illustrates each answer of the recurrence FAQ (notebook 6): one registry, one small object per illustration.

An answer names its illustration in ``recurrence_faq.csv`` (schema-checked). Each entry says how to draw it (a chart
and its sentences, or a table, or a short note) and which sources it shows; there are no parallel if-chains to keep
in step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from helpers.lessons.recurrence_faq import answer_charts, grouped_bars
from helpers.lessons.recurrence_faq.tables import (
    NO_ILLUSTRATION,
    SITE_LABELS,
    followup_summary_table,
    guideline_table,
    recurrence_signs_table,
    sites_for_question,
)
from helpers.style import FigureSpec
from helpers.text import esc, html_table, source_ids

Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Illustration:
    """How one illustration is shown, and the sources behind it."""

    sources: Callable[[str, Tables], list[str]]
    chart: Callable[[Tables], FigureSpec] | None = None
    sentences: Callable[[Tables], list[str]] | None = None
    table: Callable[[str, Tables], str] | None = None

    @property
    def is_chart(self) -> bool:
        return self.chart is not None


def _column(
    table: str, frame: Callable[[pd.DataFrame], pd.DataFrame] = lambda t: t
) -> Callable[[str, Tables], list[str]]:
    return lambda _faq_id, tables: [str(s) for s in frame(tables[table])["source_id"].dropna()]


def _recurrence_signs(faq_id: str, tables: Tables) -> pd.DataFrame:
    signs = tables["warning_signs"]
    signs = signs[signs["context"] == "recurrence"]
    return signs[signs["site"].isin(sites_for_question(faq_id, signs))]


def _signs_table(faq_id: str, tables: Tables) -> str:
    sites = sites_for_question(faq_id, tables["warning_signs"].query("context == 'recurrence'"))
    names = ", ".join(SITE_LABELS.get(s, s) for s in sites)
    table = recurrence_signs_table(tables["warning_signs"], tables["urgency_levels"], sites, tables["sources"])
    return html_table(table, f"Signs of recurrence: {names}")


ILLUSTRATIONS: dict[str, Illustration] = {
    "tumour_markers": Illustration(
        sources=_column("tumour_markers"),
        chart=lambda t: answer_charts.tumour_marker_chart(t["tumour_markers"], t["sources"]),
        sentences=lambda t: grouped_bars.describe_rows(
            answer_charts.tumour_marker_rows(t["tumour_markers"], t["sources"])
        ),
    ),
    "detection_methods": Illustration(
        sources=_column("detection_methods", lambda m: m.dropna(subset=["sensitivity_pct"])),
        chart=lambda t: answer_charts.detection_chart(t["detection_methods"], t["sources"]),
        sentences=lambda t: answer_charts.describe_detection(
            answer_charts.detection_rows(t["detection_methods"], t["sources"])
        ),
    ),
    "recurrence_timing": Illustration(
        sources=_column("recurrence_timing"),
        chart=lambda t: answer_charts.timing_chart(t["recurrence_timing"], t["sources"]),
        sentences=lambda t: grouped_bars.describe_rows(answer_charts.timing_rows(t["recurrence_timing"], t["sources"])),
    ),
    "metastatic_sites": Illustration(
        sources=_column("metastatic_sites", lambda s: s[s["primary"] == "gastric"]),
        chart=lambda t: answer_charts.gastric_sites_chart(t["metastatic_sites"], t["sources"]),
        sentences=lambda t: answer_charts.describe_gastric_sites(t["metastatic_sites"], t["sources"]),
    ),
    "warning_signs": Illustration(
        sources=lambda faq_id, t: [str(s) for s in _recurrence_signs(faq_id, t)["source_id"]], table=_signs_table
    ),
    "followup_schedule": Illustration(
        sources=_column("followup_schedule"),
        table=lambda _faq_id, t: html_table(
            followup_summary_table(t["followup_schedule"]),
            "Visits after gastric cancer surgery: the popular article's schedule and the guidelines' ranges (notebook 7 has the calculator)",
        ),
    ),
    "guideline_statements": Illustration(
        sources=_column("guideline_statements"),
        table=lambda _faq_id, t: html_table(
            guideline_table(t["guideline_statements"]), "What guidelines say about follow-up, in their words"
        ),
    ),
    "none": Illustration(
        sources=lambda _faq_id, _t: [], table=lambda _faq_id, _t: f"<p><em>{esc(NO_ILLUSTRATION)}</em></p>"
    ),
}

CHART_ILLUSTRATIONS: tuple[str, ...] = tuple(name for name, item in ILLUSTRATIONS.items() if item.is_chart)
TABLE_ILLUSTRATIONS: tuple[str, ...] = tuple(name for name, item in ILLUSTRATIONS.items() if not item.is_chart)


def illustration(name: str) -> Illustration:
    """The registry entry of one illustration; KeyError names an unknown one."""
    if name not in ILLUSTRATIONS:
        raise KeyError(f"no builder for the illustration {name!r}")
    return ILLUSTRATIONS[name]


def chart_for(name: str, tables: Tables) -> FigureSpec:
    """The figure of a chart illustration, or the hidden placeholder for a table illustration."""
    item = illustration(name)
    return (
        item.chart(tables)
        if item.chart
        else grouped_bars.placeholder_figure("This answer is illustrated by the table below")
    )


def chart_sentences(name: str, tables: Tables) -> list[str]:
    """The text alternative of a chart illustration ([] for a table illustration)."""
    item = illustration(name)
    return item.sentences(tables) if item.sentences else []


def illustration_table_html(name: str, faq_id: str, tables: Tables) -> str:
    """The HTML of a table illustration ('' for a chart illustration)."""
    item = illustration(name)
    return item.table(faq_id, tables) if item.table else ""


def illustration_source_ids(name: str, faq_id: str, tables: Tables) -> list[str]:
    """The sources behind what one illustration shows (for the reference list)."""
    return illustration(name).sources(faq_id, tables)


def all_source_ids(tables: Tables, *, myth_topic: str = "recurrence_faq") -> list[str]:
    """Every source the FAQ view and the notebook's own tables cite, in a stable order, without repeats: the answers'
    sources (in FAQ order), those of each answer's illustration, then the tumour markers, the tests and the myths."""
    faq = tables["recurrence_faq"].sort_values("order")
    shown = [illustration_source_ids(name, faq_id, tables) for faq_id, name in zip(faq["faq_id"], faq["illustration"])]
    myths = tables["myths"]
    return source_ids(
        faq["source_ids"],
        *shown,
        tables["tumour_markers"],
        tables["detection_methods"],
        myths[myths["topic"] == myth_topic],
    )
