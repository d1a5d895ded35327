"""Warning signs and detection: every control really changes its chart and text, in place."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from helpers.data import load_table
from helpers.lessons.warning_signs_and_detection import accuracy, xray_threshold
from helpers.lessons.warning_signs_and_detection.explorers import DetectionExplorer, XrayThresholdExplorer


@pytest.fixture
def explorer() -> DetectionExplorer:
    return DetectionExplorer(load_table("detection_methods"))


@pytest.fixture
def xray() -> XrayThresholdExplorer:
    return XrayThresholdExplorer(load_table("detection_thresholds"))


def snapshot(fig: go.FigureWidget) -> str:
    return fig.to_json()


def test_explorer_starts_on_bone_with_figures(explorer: DetectionExplorer) -> None:
    assert explorer.suspicion.value == "bone"
    assert explorer.suspicion.description and explorer.sort_by.description
    assert [x for x in explorer.figure.data[0].x if x is not None] == [90.6, 89.7, 86.0, 72.9]


def test_suspicion_control_changes_chart_text_and_table_in_place(explorer: DetectionExplorer) -> None:
    figure, before = explorer.figure, snapshot(explorer.figure)
    summary, details = explorer.text.value, explorer.html["details"].value
    explorer.suspicion.value = "liver"
    assert explorer.figure is figure and snapshot(figure) != before
    assert "Liver" in figure.layout.title.text
    assert explorer.text.value != summary and "no sourced figure for this site" in explorer.text.value
    assert explorer.html["details"].value != details and "Ultrasound of the liver" in explorer.html["details"].value
    assert "Bone scan" not in explorer.html["details"].value


def test_sort_control_reorders_the_bars(explorer: DetectionExplorer) -> None:
    before = snapshot(explorer.figure)
    explorer.sort_by.value = "specificity"
    assert snapshot(explorer.figure) != before
    assert explorer.figure.data[1].x[0] == 96.8  # FDG-PET, the most specific, at the top
    assert explorer.text.value.index("FDG-PET") < explorer.text.value.index("MRI")


def test_sort_is_disabled_where_there_is_nothing_to_sort(explorer: DetectionExplorer) -> None:
    explorer.suspicion.value = "brain"
    assert explorer.sort_by.disabled
    explorer.suspicion.value = accuracy.ALL
    assert not explorer.sort_by.disabled


@pytest.mark.parametrize("slug", [slug for _, slug in accuracy.suspicion_options(load_table("detection_methods"))])
def test_every_option_builds_and_keeps_three_traces(explorer: DetectionExplorer, slug: str) -> None:
    explorer.suspicion.value = slug
    assert len(explorer.figure.data) == 3
    assert "The chart in words" in explorer.text.value and "<table" in explorer.html["details"].value


def test_every_control_changes_the_figure(explorer: DetectionExplorer) -> None:
    for control, value in [
        (explorer.sort_by, "specificity"),
        (explorer.suspicion, accuracy.ALL),
        (explorer.suspicion, "spine_cord"),
    ]:
        before = snapshot(explorer.figure)
        control.value = value
        assert snapshot(explorer.figure) != before, control.description


def test_an_unknown_start_falls_back_to_all_tests() -> None:
    explorer = DetectionExplorer(load_table("detection_methods"), suspicion="kneecap")
    assert explorer.suspicion.value == accuracy.ALL


def test_details_escape_text_from_data() -> None:
    methods = load_table("detection_methods")
    methods.loc[methods["method_id"] == "mri", "limitations"] = "<script>alert(1)</script>"
    explorer = DetectionExplorer(methods)
    assert "<script" not in explorer.html["details"].value and "&lt;script&gt;" in explorer.html["details"].value


def test_xray_each_step_changes_chart_headline_and_sentences(xray: XrayThresholdExplorer) -> None:
    figure = xray.figure
    assert xray.loss.value == 30 and xray.loss.description == "Mineral lost"
    seen = set()
    for step in xray_threshold.LOSS_STEPS:
        before = (snapshot(figure), xray.html["headline"].value, xray.text.value)
        xray.loss.value = step
        after = (snapshot(figure), xray.html["headline"].value, xray.text.value)
        if step != 30:
            assert after[0] != before[0] and after[2] != before[2]
        assert xray.figure is figure and len(figure.data) == 4
        assert figure.data[0].x[0] == step and f"At {step}% mineral lost" in xray.html["headline"].value
        seen.add(xray.html["headline"].value)
    assert len(seen) == len(xray_threshold.LOSS_STEPS)


def test_xray_first_and_last_steps(xray: XrayThresholdExplorer) -> None:
    xray.loss.value = xray_threshold.LOSS_STEPS[0]
    assert "not show the lesion yet" in xray.html["headline"].value
    xray.loss.value = xray_threshold.LOSS_STEPS[-1]
    assert "would typically show the lesion" in xray.html["headline"].value and "10 mm" in xray.html["headline"].value


def test_xray_rejects_a_start_that_is_not_a_step() -> None:
    with pytest.raises(ValueError, match="loss"):
        XrayThresholdExplorer(load_table("detection_thresholds"), loss=35)


def test_sort_starts_disabled_for_a_site_without_figures() -> None:
    explorer = DetectionExplorer(load_table("detection_methods"), suspicion="liver")
    assert explorer.sort_by.disabled and "no sourced figure for this site" in explorer.text.value


def test_no_hover_text_says_nan() -> None:
    explorer = DetectionExplorer(load_table("detection_methods"))
    for slug in ("liver", accuracy.ALL):
        explorer.suspicion.value = slug
        assert not any("nan%" in text for trace in explorer.figure.data[:2] for text in trace.hovertext)


def test_returning_to_a_state_redraws_it_exactly(explorer: DetectionExplorer, xray: XrayThresholdExplorer) -> None:
    first = (snapshot(explorer.figure), explorer.text.value, explorer.html["details"].value)
    explorer.suspicion.value = "brain"
    explorer.suspicion.value = "bone"
    assert (snapshot(explorer.figure), explorer.text.value, explorer.html["details"].value) == first
    start = (snapshot(xray.figure), xray.html["headline"].value, xray.text.value)
    xray.loss.value = 60
    xray.loss.value = 30
    assert (snapshot(xray.figure), xray.html["headline"].value, xray.text.value) == start
