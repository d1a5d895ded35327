"""Cascade notebook wiring: every control really changes its chart and text, in place, quickly."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers.data import load_table
from helpers.lessons.metastatic_cascade.explorers import CascadeStepper, FunnelExplorer


@pytest.fixture
def stepper() -> CascadeStepper:
    return CascadeStepper(load_table("cascade_steps"), load_table("sources"))


@pytest.fixture
def explorer() -> FunnelExplorer:
    return FunnelExplorer(load_table("cascade_funnel"))


def star(fig: go.FigureWidget) -> tuple[float, float]:
    return fig.data[3].x[0], fig.data[3].y[0]


def test_starts_at_the_first_step_with_previous_disabled(stepper: CascadeStepper) -> None:
    assert stepper.step.value == stepper.stepper.values[0]
    assert stepper.stepper.previous.disabled and not stepper.stepper.next.disabled
    assert "Step 1 of" in stepper.figure.layout.title.text and "Step 1 of" in stepper.html["panel"].value


def test_next_moves_the_cell_and_updates_every_view_in_place(stepper: CascadeStepper) -> None:
    figure = stepper.figure
    before = (figure.to_json(), stepper.text.value, stepper.html["panel"].value, star(figure))
    stepper.stepper.next.click()
    assert stepper.figure is figure
    assert stepper.step.value == stepper.stepper.values[1]
    after = (figure.to_json(), stepper.text.value, stepper.html["panel"].value, star(figure))
    assert all(b != a for b, a in zip(before, after))
    assert "Step 2 of" in figure.layout.title.text and not stepper.stepper.previous.disabled


def test_previous_goes_back(stepper: CascadeStepper) -> None:
    first = stepper.figure.spec  # what the page draws
    stepper.stepper.next.click()
    assert stepper.figure.spec != first
    stepper.stepper.previous.click()
    assert stepper.step.value == stepper.stepper.values[0] and stepper.figure.spec == first


def test_last_step_disables_next_and_stops_there(stepper: CascadeStepper) -> None:
    for _ in range(len(stepper.stepper.values) + 3):
        stepper.stepper.next.click()
    assert stepper.step.value == stepper.stepper.values[-1]
    assert stepper.stepper.next.disabled and not stepper.stepper.previous.disabled
    stepper.stepper.go(+5)
    assert stepper.step.value == stepper.stepper.values[-1]
    stepper.stepper.go(-50)
    assert stepper.step.value == stepper.stepper.values[0] and stepper.stepper.previous.disabled


def test_the_step_list_jumps_and_every_step_looks_different(stepper: CascadeStepper) -> None:
    seen = set()
    for step_id in stepper.stepper.values:
        stepper.step.value = step_id
        seen.add((stepper.figure.to_json(), stepper.html["panel"].value, stepper.text.value))
        assert stepper.figure.layout.title.text.startswith(f"Step {stepper.stepper.values.index(step_id) + 1} of")
    assert len(seen) == len(stepper.stepper.values)


def test_the_widget_keeps_its_template_after_updates(stepper: CascadeStepper, explorer: FunnelExplorer) -> None:
    stepper.stepper.next.click()
    explorer.scale.value = "linear"
    for fig in (stepper.figure, explorer.figure):
        assert fig.template["layout"]["plot_bgcolor"] == "white"  # simple_white still applies
        assert "template" not in fig.spec["layout"]  # sent once, not with every change


def test_panel_escapes_text_from_data() -> None:
    steps = load_table("cascade_steps")
    steps.loc[0, "what_happens"] = "<script>alert(1)</script>"
    stepper = CascadeStepper(steps)
    assert "<script>" not in stepper.html["panel"].value and "&lt;script&gt;" in stepper.html["panel"].value


def test_empty_tables_are_refused() -> None:
    with pytest.raises(ValueError, match="no steps"):
        CascadeStepper(load_table("cascade_steps").iloc[0:0])
    with pytest.raises(ValueError, match="no models"):
        FunnelExplorer(load_table("cascade_funnel").iloc[0:0])


def test_model_control_changes_the_bars_and_the_notes(explorer: FunnelExplorer) -> None:
    figure = explorer.figure
    before = (list(figure.data[0].x), explorer.text.value)
    explorer.model.value = explorer.model.options[-1][1]
    assert explorer.figure is figure
    assert list(figure.data[0].x) != before[0] and explorer.text.value != before[1]
    assert "order of magnitude" in explorer.text.value


def test_axis_control_switches_log_and_ordinary(explorer: FunnelExplorer) -> None:
    assert explorer.figure.layout.xaxis.type == "log"
    before = explorer.figure.to_json()
    explorer.scale.value = "linear"
    assert explorer.figure.layout.xaxis.type == "linear" and explorer.figure.to_json() != before
    explorer.scale.value = "log"
    assert explorer.figure.layout.xaxis.type == "log"


def test_every_funnel_control_changes_the_figure(explorer: FunnelExplorer) -> None:
    changes = [
        (explorer.model, explorer.model.options[1][1]),
        (explorer.scale, "linear"),
        (explorer.model, explorer.model.options[2][1]),
    ]
    for control, value in changes:
        before = explorer.figure.to_json()
        control.value = value
        assert explorer.figure.to_json() != before, control.description


def test_steps_given_out_of_order_are_shown_in_order() -> None:
    steps = load_table("cascade_steps")
    stepper = CascadeStepper(steps.iloc[::-1].reset_index(drop=True))
    assert stepper.stepper.values == list(steps.sort_values("step")["step_id"])
    assert isinstance(stepper.steps, pd.DataFrame)
