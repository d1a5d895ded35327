"""'Where cancer spreads' widgets: every control really changes its chart and its text, in place."""

from __future__ import annotations

import pytest

from helpers.data import load_table
from helpers.lessons.where_cancer_spreads import spread_routes
from helpers.lessons.where_cancer_spreads.explorers import (
    ALL_STUDIES,
    BrainMetsExplorer,
    RoutesExplorer,
    SitesExplorer,
)


@pytest.fixture
def sites_explorer() -> SitesExplorer:
    return SitesExplorer(load_table("metastatic_sites"), load_table("sources"))


@pytest.fixture
def routes_explorer() -> RoutesExplorer:
    explorer = RoutesExplorer(load_table("spread_routes"))
    explorer.view()
    return explorer


@pytest.fixture
def brain_explorer() -> BrainMetsExplorer:
    return BrainMetsExplorer(load_table("brain_mets_incidence"), load_table("sources"), load_table("myths"))


def test_every_primary_redraws_chart_and_table_in_place(sites_explorer: SitesExplorer) -> None:
    figure = sites_explorer.figure
    assert sites_explorer.primary.value == "gastric"
    for label, key in sites_explorer.primary.options[1:] + sites_explorer.primary.options[:1]:
        before, table = figure.to_json(), sites_explorer.text.value
        sites_explorer.primary.value = key
        assert sites_explorer.figure is figure and len(figure.data) == sites_explorer.n_traces
        assert figure.to_json() != before and sites_explorer.text.value != table
        assert label in figure.layout.title.text
        shown = sorted(x for t in figure.data for x in t.x)
        assert shown == sorted(sites_explorer.views[key]["pct"])


def test_update_keeps_the_course_template(sites_explorer: SitesExplorer) -> None:
    sites_explorer.primary.value = "breast"
    sites_explorer.primary.value = "gastric"
    assert sites_explorer.figure.template["layout"]["plot_bgcolor"] == "white"
    assert "template" not in sites_explorer.figure.spec["layout"]


def test_route_buttons_change_diagram_and_words(routes_explorer: RoutesExplorer) -> None:
    figure = routes_explorer.figure
    for _, key in routes_explorer.route.options[1:]:
        before, words = figure.to_json(), routes_explorer.text.value
        routes_explorer.route.value = key
        assert routes_explorer.figure is figure
        assert figure.to_json() != before and routes_explorer.text.value != words
        assert "Route highlighted" in routes_explorer.text.value
        assert "Highlighted:" in figure.layout.title.subtitle.text
    routes_explorer.route.value = spread_routes.ALL_ROUTES
    assert "All routes, in words" in routes_explorer.text.value


def test_previous_and_next_step_through_routes_and_stop_at_the_ends(routes_explorer: RoutesExplorer) -> None:
    values = [v for _, v in routes_explorer.route.options]
    assert routes_explorer.route.value == values[0] and routes_explorer.stepper.previous.disabled
    routes_explorer.stepper.previous.click()
    assert routes_explorer.route.value == values[0]
    routes_explorer.stepper.next.click()
    assert routes_explorer.route.value == values[1] and not routes_explorer.stepper.previous.disabled
    for _ in range(len(values) + 2):
        routes_explorer.stepper.next.click()
    assert routes_explorer.route.value == values[-1] and routes_explorer.stepper.next.disabled
    routes_explorer.stepper.previous.click()
    assert routes_explorer.route.value == values[-2] and not routes_explorer.stepper.next.disabled


def test_study_dropdown_changes_bars_and_words(brain_explorer: BrainMetsExplorer) -> None:
    figure = brain_explorer.figure
    for _, key in brain_explorer.study.options[1:]:
        before, words = figure.to_json(), brain_explorer.text.value
        brain_explorer.study.value = key
        assert brain_explorer.figure is figure and len(figure.data) == len(brain_explorer.studies)
        assert figure.to_json() != before and brain_explorer.text.value != words
    assert brain_explorer.study.value == ALL_STUDIES
    assert sum(bool(len(t.x)) for t in figure.data) == len(brain_explorer.studies)


def test_seed_checkbox_hides_and_shows_the_line(brain_explorer: BrainMetsExplorer) -> None:
    layout = brain_explorer.figure.layout
    assert layout.shapes[0].visible is True and "popular article says" in brain_explorer.text.value
    brain_explorer.show_seed.value = False
    layout = brain_explorer.figure.layout
    assert layout.shapes[0].visible is False and layout.annotations[0].visible is False
    assert "popular article says" not in brain_explorer.text.value
    brain_explorer.show_seed.value = True
    assert brain_explorer.figure.layout.shapes[0].visible is True


def test_controls_have_accessible_names(
    sites_explorer: SitesExplorer, routes_explorer: RoutesExplorer, brain_explorer: BrainMetsExplorer
) -> None:
    controls = [
        sites_explorer.primary,
        routes_explorer.route,
        routes_explorer.stepper.previous,
        routes_explorer.stepper.next,
        brain_explorer.study,
        brain_explorer.show_seed,
    ]
    assert all(c.description for c in controls)
    assert "20%" in brain_explorer.show_seed.description
