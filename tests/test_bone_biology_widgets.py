"""Inside the bone: every control really changes its diagram (in place) and its text panel."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers.data import load_table
from helpers.lessons.inside_the_bone.explorers import BodyMapExplorer, LesionExplorer, ViciousCycleExplorer


@pytest.fixture
def cycle_explorer() -> ViciousCycleExplorer:
    return ViciousCycleExplorer(load_table("vicious_cycle"))


def snapshot(fig: go.FigureWidget) -> str:
    return fig.to_json()


def test_next_and_previous_step_round_the_cycle_in_place(cycle_explorer: ViciousCycleExplorer) -> None:
    e = cycle_explorer
    figure, first = e.figure, e.stepper.values[0]
    assert e.step.value == first and e.stepper.previous.disabled and not e.stepper.next.disabled
    before, panel = snapshot(figure), e.text.value
    e.stepper.next.click()
    assert e.step.value == e.stepper.values[1] and e.figure is figure
    assert snapshot(figure) != before and e.text.value != panel
    assert f"Step {e.stepper.values[1]} of" in figure.layout.title.text and not e.stepper.previous.disabled
    e.stepper.previous.click()
    assert e.step.value == first and snapshot(figure) == before and e.text.value == panel


def test_every_step_is_reachable_with_next_and_the_ends_stop(cycle_explorer: ViciousCycleExplorer) -> None:
    e = cycle_explorer
    pictures = {snapshot(e.figure)}
    for _ in e.stepper.values[1:]:
        e.stepper.next.click()
        pictures.add(snapshot(e.figure))
    assert e.step.value == e.stepper.values[-1] and e.stepper.next.disabled and len(pictures) == len(e.stepper.values)
    last = snapshot(e.figure)
    e.stepper.go(+1)  # a click on a disabled button (or a stray call) does nothing
    assert e.step.value == e.stepper.values[-1] and snapshot(e.figure) == last
    e.step.value = e.stepper.values[0]
    e.stepper.go(-1)
    assert e.step.value == e.stepper.values[0] and e.stepper.previous.disabled


def test_the_dropdown_jumps_to_a_step(cycle_explorer: ViciousCycleExplorer) -> None:
    e = cycle_explorer
    before, panel = snapshot(e.figure), e.text.value
    e.step.value = e.stepper.values[-1]
    row = e.table.set_index("step").loc[e.stepper.values[-1]]
    assert snapshot(e.figure) != before and e.text.value != panel
    assert row["effect"][:30] in e.text.value.replace("&#x27;", "'")
    assert not e.stepper.previous.disabled and e.stepper.next.disabled


def test_cycle_panel_escapes_data() -> None:
    cycle = load_table("vicious_cycle")
    cycle.loc[cycle["step"] == cycle["step"].max(), "effect"] = "<img src=x onerror=alert(1)>"
    e = ViciousCycleExplorer(cycle)
    e.step.value = e.stepper.values[-1]
    assert "<img" not in e.text.value and "&lt;img" in e.text.value


def test_explorers_refuse_empty_tables() -> None:
    with pytest.raises(ValueError, match="no rows"):
        ViciousCycleExplorer(load_table("vicious_cycle").iloc[0:0])
    with pytest.raises(ValueError, match="no rows"):
        LesionExplorer(load_table("lesion_types").iloc[0:0])


def test_lesion_toggle_changes_sketch_bars_and_panel() -> None:
    e = LesionExplorer(load_table("lesion_types"))
    figure = e.figure
    assert e.kind.description and len(e.kind.options) == 3
    seen = {snapshot(figure)}
    for kind in [k for _, k in e.kind.options][1:]:
        panel = e.text.value
        e.kind.value = kind
        assert e.figure is figure and e.text.value != panel
        seen.add(snapshot(figure))
        label = e.table.set_index("lesion_type").loc[kind, "label"]
        assert figure.layout.title.text.startswith(label)
    assert len(seen) == 3


def test_body_map_toggle_switches_between_all_sites_and_spine() -> None:
    sites: pd.DataFrame = load_table("bone_sites")
    e = BodyMapExplorer(sites)
    figure, before, summary = e.figure, snapshot(e.figure), e.text.value
    assert figure.data[3].visible is False and "Pelvis" in summary
    e.show.value = "spine"
    assert e.figure is figure and snapshot(figure) != before and e.text.value != summary
    assert figure.data[3].visible is True and "Thoracic" in e.text.value and "Pelvis" not in e.text.value
    e.show.value = "all"
    assert snapshot(figure) == before and e.text.value == summary


def test_views_are_widgets_with_named_controls(cycle_explorer: ViciousCycleExplorer) -> None:
    for explorer in (
        cycle_explorer,
        LesionExplorer(load_table("lesion_types")),
        BodyMapExplorer(load_table("bone_sites")),
    ):
        box = explorer.view()
        assert box.children
    assert (
        cycle_explorer.stepper.previous.description
        and cycle_explorer.stepper.next.description
        and cycle_explorer.step.description
    )
