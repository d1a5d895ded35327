"""Widget wiring of the bone-rates explorer: every control really changes its chart (in place)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from helpers import style
from helpers.data import load_tables
from helpers.lessons.bone_metastasis_rates.explorers import BoneRatesExplorer
from helpers.widgets import self_check, update_in_place
from helpers.widgets.figure import CourseFigure

TABLES = ("bone_mets_advanced", "bone_mets_at_diagnosis", "bone_mets_cumulative")


@pytest.fixture
def explorer() -> BoneRatesExplorer:
    return BoneRatesExplorer(load_tables(*TABLES))


def snapshot(fig: go.FigureWidget) -> str:
    return fig.to_json()


def test_sort_control_changes_the_chart_in_place(explorer: BoneRatesExplorer) -> None:
    figure = explorer.figure
    before = list(figure.data[0].y)
    explorer.order.value = "name"
    assert explorer.figure is figure
    assert list(figure.data[0].y) == sorted(before, key=str.lower) != before


def test_measure_control_changes_values_and_axis(explorer: BoneRatesExplorer) -> None:
    explorer.measure.value = "survival"
    fig = explorer.figure
    assert "months" in fig.layout.xaxis.title.text
    assert fig.data[2].visible is False  # the seed gives no survival figures
    assert "months" in explorer.text.value


def test_cancer_selection_changes_bars(explorer: BoneRatesExplorer) -> None:
    explorer.cancers.value = ("lung",)
    assert list(explorer.figure.data[0].y) == ["Lung"]
    explorer.cancers.value = ()
    assert len(explorer.figure.data[0].y) == 0 and "No cancer selected" in explorer.text.value


def test_seed_checkbox_hides_seed_markers(explorer: BoneRatesExplorer) -> None:
    before = snapshot(explorer.figure)
    explorer.show_seed.value = False
    assert explorer.figure.data[2].visible is False and snapshot(explorer.figure) != before


@pytest.mark.parametrize("denominator", ["at_diagnosis", "cumulative"])
def test_denominator_changes_rows_axis_and_disables_what_does_not_apply(
    explorer: BoneRatesExplorer, denominator: str
) -> None:
    before = list(explorer.figure.data[0].y)
    explorer.denominator.value = denominator
    fig = explorer.figure
    assert list(fig.data[0].y) != before
    assert set(explorer.cancers.value) == {key for _, key in explorer.cancers.options}
    assert explorer.measure.disabled and explorer.show_seed.disabled
    assert ("diagnosis" in fig.layout.xaxis.title.text) == (denominator == "at_diagnosis")
    explorer.denominator.value = "advanced"
    assert not explorer.measure.disabled and list(explorer.figure.data[0].y) == before


def test_prostate_under_three_denominators(explorer: BoneRatesExplorer) -> None:
    seen = {}
    for denominator in ("advanced", "at_diagnosis", "cumulative"):
        explorer.denominator.value = denominator
        sentences = explorer.text.value
        seen[denominator] = sentences
    assert "Prostate: 65\u201375%" in seen["advanced"]
    assert "Prostate cancer: 88.74%" in seen["at_diagnosis"]
    assert "18\u201329%" in seen["cumulative"] and "by 10 years: 8.3\u20138.5%" in seen["cumulative"]


def test_every_control_changes_the_figure(explorer: BoneRatesExplorer) -> None:
    changes = [
        (explorer.order, "low"),
        (explorer.show_seed, False),
        (explorer.cancers, ("breast", "lung")),
        (explorer.measure, "survival"),
        (explorer.denominator, "at_diagnosis"),
        (explorer.denominator, "cumulative"),
    ]
    for control, value in changes:
        before = snapshot(explorer.figure)
        control.value = value
        assert snapshot(explorer.figure) != before, control.description


def test_seed_checkbox_is_disabled_where_the_seed_gives_no_figure(explorer: BoneRatesExplorer) -> None:
    assert not explorer.show_seed.disabled
    explorer.measure.value = "survival"
    assert explorer.show_seed.disabled
    explorer.measure.value = "bone_share"
    assert not explorer.show_seed.disabled


def test_update_in_place_refuses_a_different_trace_count() -> None:
    widget = CourseFigure(style.figure([style.trace("bar", x=[1])], {}))
    with pytest.raises(ValueError, match="trace count"):
        update_in_place(widget, style.figure([style.trace("bar", x=[1]), style.trace("bar", x=[2])], {}))
    with pytest.raises(ValueError, match="changed type"):
        update_in_place(widget, style.figure([style.trace("scatter", x=[1])], {}))
    with pytest.raises(TypeError, match="FigureSpec"):
        widget.show(go.Figure())  # plotly's objects are not sent: only plain specs are


def test_self_check_gives_feedback() -> None:
    box = self_check("Q?", ["a", "b"], "b", {"a": "no <because>", "b": "yes"})
    _, choice, result = box.children
    assert result.value == ""
    choice.value = "a"
    assert "Not quite" in result.value and "&lt;because&gt;" in result.value
    choice.value = "b"
    assert "Correct" in result.value


def test_self_check_rejects_answer_not_in_options() -> None:
    with pytest.raises(ValueError):
        self_check("Q?", ["a"], "b", {})
