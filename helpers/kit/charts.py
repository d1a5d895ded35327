"""The key charts of each lesson, for the slides and the handouts: the one place where the kit calls the lessons'
chart builders (each returns the plain figure spec that the notebook's chart widget draws)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from helpers.data import load_table
from helpers.style import FigureSpec


@dataclass(frozen=True)
class KeyChart:
    """A chart of a lesson, in its first state."""

    lesson: int
    caption: str
    build: Callable[[], FigureSpec]


def _cascade() -> FigureSpec:
    from helpers.lessons.metastatic_cascade.schematic import cascade_figure

    steps = load_table("cascade_steps")
    return cascade_figure(steps, str(steps["step_id"].iloc[0]))


def _funnel() -> FigureSpec:
    from helpers.lessons.metastatic_cascade.cascade_funnel import funnel_chart, funnel_view

    funnel = load_table("cascade_funnel")
    model = str(funnel["model"].iloc[-1])  # the breast-cancer model: from shed cells to metastases
    return funnel_chart(funnel_view(funnel, model), model)


def _cumulative() -> FigureSpec:
    from helpers.lessons.bone_metastasis_rates.charts import cumulative_curve

    return cumulative_curve(load_table("bone_mets_cumulative"))


def _cycle() -> FigureSpec:
    from helpers.lessons.inside_the_bone.vicious_cycle import cycle_figure

    return cycle_figure(load_table("vicious_cycle"), 1)


def _body_map() -> FigureSpec:
    from helpers.lessons.inside_the_bone.body_map import body_map_figure

    return body_map_figure(load_table("bone_sites"))


def _accuracy() -> FigureSpec:
    from helpers.lessons.warning_signs_and_detection.accuracy import ACCURACY_SITE, accuracy_chart, accuracy_view

    return accuracy_chart(accuracy_view(load_table("detection_methods"), ACCURACY_SITE), ACCURACY_SITE)


def _xray() -> FigureSpec:
    from helpers.lessons.warning_signs_and_detection.xray_threshold import xray_chart

    return xray_chart(load_table("detection_thresholds"), 50)


def _routes() -> FigureSpec:
    from helpers.lessons.where_cancer_spreads.spread_routes import routes_chart

    return routes_chart(load_table("spread_routes"))


def _markers() -> FigureSpec:
    from helpers.lessons.recurrence_faq.answer_charts import tumour_marker_chart

    return tumour_marker_chart(load_table("tumour_markers"), load_table("sources"))


def _timing() -> FigureSpec:
    from helpers.lessons.follow_up_after_surgery.recurrence_timing import recurrence_timing_figure

    return recurrence_timing_figure(load_table("recurrence_timing"), load_table("sources"))


KEY_CHARTS: tuple[KeyChart, ...] = (
    KeyChart(1, "The cascade, first step", _cascade),
    KeyChart(1, "How few cells make it (breast-cancer model, log scale)", _funnel),
    KeyChart(2, "Bone metastasis over time, all solid cancers", _cumulative),
    KeyChart(3, "The vicious cycle, step 1", _cycle),
    KeyChart(3, "Where bone metastases are found", _body_map),
    KeyChart(4, "Which test sees a bone metastasis: sensitivity and specificity", _accuracy),
    KeyChart(4, "Why an X-ray can look normal (50% of the mineral lost)", _xray),
    KeyChart(5, "The routes cancer cells take in the blood", _routes),
    KeyChart(6, "Tumour markers: how often they are raised", _markers),
    KeyChart(7, "When recurrences were found after gastric cancer surgery", _timing),
)


def key_charts(lesson: int) -> list[KeyChart]:
    """The key charts of one lesson (none for the start page)."""
    return [c for c in KEY_CHARTS if c.lesson == lesson]
