"""Every explorer of the course, by the name of its class, built from the tables the way its notebook builds it.

The tests render every state of every one, and the course website pre-renders them; each entry names the notebook
it belongs to, so that a newcomer can go from an explorer to its lesson and back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from helpers.data import load_table
from helpers.explorer import Explorer

Loader = Callable[[str], pd.DataFrame]


@dataclass(frozen=True)
class Entry:
    notebook: str
    build: Callable[[Loader], Explorer]


def _glossary(load: Loader) -> Explorer:
    from helpers.lessons.start_here.explorers import GlossarySearch

    return GlossarySearch(load("glossary"))


def _cascade(load: Loader) -> Explorer:
    from helpers.lessons.metastatic_cascade.explorers import CascadeStepper

    return CascadeStepper(load("cascade_steps"), load("sources"))


def _funnel(load: Loader) -> Explorer:
    from helpers.lessons.metastatic_cascade.explorers import FunnelExplorer

    return FunnelExplorer(load("cascade_funnel"))


def _bone_rates(load: Loader) -> Explorer:
    from helpers.lessons.bone_metastasis_rates.explorers import BoneRatesExplorer

    names = ("bone_mets_advanced", "bone_mets_at_diagnosis", "bone_mets_cumulative")
    return BoneRatesExplorer({name: load(name) for name in names})


def _cycle(load: Loader) -> Explorer:
    from helpers.lessons.inside_the_bone.explorers import ViciousCycleExplorer

    return ViciousCycleExplorer(load("vicious_cycle"))


def _lesions(load: Loader) -> Explorer:
    from helpers.lessons.inside_the_bone.explorers import LesionExplorer

    return LesionExplorer(load("lesion_types"))


def _body_map(load: Loader) -> Explorer:
    from helpers.lessons.inside_the_bone.explorers import BodyMapExplorer

    return BodyMapExplorer(load("bone_sites"))


def _detection(load: Loader) -> Explorer:
    from helpers.lessons.warning_signs_and_detection.explorers import DetectionExplorer

    return DetectionExplorer(load("detection_methods"))


def _xray(load: Loader) -> Explorer:
    from helpers.lessons.warning_signs_and_detection.explorers import XrayThresholdExplorer

    return XrayThresholdExplorer(load("detection_thresholds"))


def _sites(load: Loader) -> Explorer:
    from helpers.lessons.where_cancer_spreads.explorers import SitesExplorer

    return SitesExplorer(load("metastatic_sites"), load("sources"), primary="gastric")


def _routes(load: Loader) -> Explorer:
    from helpers.lessons.where_cancer_spreads.explorers import RoutesExplorer

    return RoutesExplorer(load("spread_routes"))


def _brain(load: Loader) -> Explorer:
    from helpers.lessons.where_cancer_spreads.explorers import BrainMetsExplorer

    return BrainMetsExplorer(load("brain_mets_incidence"), load("sources"), load("myths"))


def _faq(load: Loader) -> Explorer:
    from helpers.lessons.recurrence_faq.answer_charts import FAQ_TABLES
    from helpers.lessons.recurrence_faq.explorers import FaqExplorer

    return FaqExplorer({name: load(name) for name in FAQ_TABLES})


def _followup(load: Loader) -> Explorer:
    from helpers.lessons.follow_up_after_surgery.explorers import FollowupCalculator

    return FollowupCalculator(load("followup_schedule"), load("recurrence_timing"))


EXPLORERS: dict[str, Entry] = {
    "GlossarySearch": Entry("00-start-here.ipynb", _glossary),
    "CascadeStepper": Entry("01-metastatic-cascade.ipynb", _cascade),
    "FunnelExplorer": Entry("01-metastatic-cascade.ipynb", _funnel),
    "BoneRatesExplorer": Entry("02-bone-metastasis-rates.ipynb", _bone_rates),
    "ViciousCycleExplorer": Entry("03-inside-the-bone.ipynb", _cycle),
    "LesionExplorer": Entry("03-inside-the-bone.ipynb", _lesions),
    "BodyMapExplorer": Entry("03-inside-the-bone.ipynb", _body_map),
    "DetectionExplorer": Entry("04-warning-signs-and-detection.ipynb", _detection),
    "XrayThresholdExplorer": Entry("04-warning-signs-and-detection.ipynb", _xray),
    "SitesExplorer": Entry("05-where-cancer-spreads.ipynb", _sites),
    "RoutesExplorer": Entry("05-where-cancer-spreads.ipynb", _routes),
    "BrainMetsExplorer": Entry("05-where-cancer-spreads.ipynb", _brain),
    "FaqExplorer": Entry("06-recurrence-faq.ipynb", _faq),
    "FollowupCalculator": Entry("07-follow-up-after-surgery.ipynb", _followup),
}


def build(name: str, load: Loader = load_table) -> Explorer:
    """The explorer ``name``, from the course's tables (or those ``load`` gives)."""
    if name not in EXPLORERS:
        raise KeyError(f"no explorer {name!r}; the course has {', '.join(EXPLORERS)}")
    return EXPLORERS[name].build(load)
