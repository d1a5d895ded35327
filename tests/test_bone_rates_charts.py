"""Chart builders: pure functions from a table to a figure with a title, labelled axes and escaped text."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import style
from helpers.data import load_table
from helpers.lessons.bone_metastasis_rates import ranges as charts
from helpers.lessons.bone_metastasis_rates.charts import BONE_MEASURES


@pytest.fixture
def advanced() -> pd.DataFrame:
    return load_table("bone_mets_advanced")


def view(
    advanced: pd.DataFrame, measure: str = "bone_share", order: charts.SortOrder = "high", keep=None
) -> pd.DataFrame:
    m = BONE_MEASURES[measure]
    return charts.arrange(charts.range_view(advanced, m), order, keep)


@pytest.mark.parametrize("measure", ["bone_share", "survival"])
def test_range_chart_is_accessible(advanced: pd.DataFrame, measure: str) -> None:
    m = BONE_MEASURES[measure]
    fig = charts.range_chart(view(advanced, measure), m)
    assert fig.layout.title.text.startswith(m.title)
    assert fig.layout.xaxis.title.text == m.axis and fig.layout.yaxis.title.text == "Primary cancer"
    colours = {fig.data[0].marker.color, fig.data[1].marker.color, fig.data[2].marker.color}
    assert colours <= set(style.SAFE)
    assert len(fig.data) == 3


def test_bars_run_from_low_to_high(advanced: pd.DataFrame) -> None:
    v = view(advanced)
    fig = charts.range_chart(v, BONE_MEASURES["bone_share"])
    breast = list(fig.data[0].y).index("Breast")
    assert fig.data[0].base[breast] == 65 and fig.data[0].base[breast] + fig.data[0].x[breast] == 75
    thyroid = list(fig.data[0].y).index("Thyroid")
    assert fig.data[0].x[thyroid] > 0  # a single value still shows


def test_seed_markers_show_kidney_outside_the_range(advanced: pd.DataFrame) -> None:
    v = view(advanced)
    fig = charts.range_chart(v, BONE_MEASURES["bone_share"])
    seed = dict(zip(fig.data[2].y, fig.data[2].x))
    assert seed["Kidney (renal cell)"] == 30
    assert fig.data[2].visible is True
    hidden = charts.range_chart(v, BONE_MEASURES["bone_share"], show_seed=False)
    assert hidden.data[2].visible is False and len(hidden.data[2].x) == 0
    sentences = charts.describe_ranges(v, BONE_MEASURES["bone_share"])
    assert any(s.startswith("Kidney (renal cell): 20\u201325%") and "outside the sourced range" in s for s in sentences)


@pytest.mark.parametrize(("order", "first"), [("high", "Breast"), ("low", "Melanoma"), ("name", "Bladder")])
def test_sort_orders(advanced: pd.DataFrame, order: charts.SortOrder, first: str) -> None:
    assert view(advanced, order=order)["label"].iloc[0] == first


def test_filter_keeps_only_chosen(advanced: pd.DataFrame) -> None:
    v = view(advanced, keep=["lung", "renal"])
    assert set(v["key"]) == {"lung", "renal"}
    fig = charts.range_chart(v, BONE_MEASURES["bone_share"])
    assert set(fig.data[0].y) == {"Lung", "Kidney (renal cell)"}


def test_empty_selection_still_builds(advanced: pd.DataFrame) -> None:
    fig = charts.range_chart(view(advanced, keep=[]), BONE_MEASURES["bone_share"])
    assert len(fig.data) == 3 and len(fig.data[0].y) == 0


def test_labels_from_data_are_escaped(advanced: pd.DataFrame) -> None:
    advanced.loc[0, "cancer_label"] = "<img src=x onerror=alert(1)>"
    fig = charts.range_chart(view(advanced), BONE_MEASURES["bone_share"])
    shown = " ".join(map(str, fig.data[0].y)) + " ".join(fig.data[0].hovertext)
    assert "<img" not in shown and "&lt;img" in shown


def test_survival_axis(advanced: pd.DataFrame) -> None:
    fig = charts.range_chart(view(advanced, "survival"), BONE_MEASURES["survival"])
    assert fig.layout.xaxis.range[1] >= 60
    assert not any(math.isnan(x) for x in fig.data[1].x)


def test_when_label() -> None:
    from helpers.lessons.bone_metastasis_rates.charts import when_label

    assert [when_label(0.08), when_label(1), when_label(10), when_label(None)] == [
        "by 1 month",
        "by 1 year",
        "by 10 years",
        "time points not stated",
    ]


def test_cumulative_curve_has_intervals_and_labels() -> None:
    from helpers.lessons.bone_metastasis_rates.charts import cumulative_curve

    fig = cumulative_curve(load_table("bone_mets_cumulative"))
    assert fig.layout.xaxis.title.text.startswith("Years") and "%" in fig.layout.yaxis.title.text
    assert list(fig.data[0].y)[-1] == 8.4 and fig.data[0].error_y.array is not None


@pytest.mark.parametrize("denominator", ["advanced", "at_diagnosis", "cumulative"])
def test_every_denominator_gives_an_accessible_chart(denominator: str) -> None:
    from helpers.data import load_tables
    from helpers.lessons.bone_metastasis_rates.charts import bone_view

    tables = load_tables("bone_mets_advanced", "bone_mets_at_diagnosis", "bone_mets_cumulative")
    view, measure = bone_view(tables, denominator)  # type: ignore[arg-type]
    fig = charts.range_chart(charts.arrange(view), measure, subtitle="s")
    assert len(view) > 0 and fig.layout.title.text.startswith(measure.title)
    assert fig.layout.xaxis.title.text == measure.axis and fig.layout.xaxis.range[1] >= 100
    assert view["key"].is_unique


@pytest.mark.parametrize("order", ["high", "low", "name"])
def test_arrange_sorts_as_pandas_does_with_ties_and_missing_values(order: charts.SortOrder) -> None:
    frame = pd.DataFrame(
        {
            "key": list("abcdef"),
            "label": ["beta", "Alpha", "gamma", "delta", "Epsilon", "zeta"],
            "low": [10.0, 10.0, float("nan"), 5.0, 20.0, 10.0],
            "high": [30.0, 30.0, 40.0, float("nan"), 25.0, 35.0],
            "seed_low": float("nan"),
            "seed_high": float("nan"),
        }
    )
    if order == "name":
        expected = frame.sort_values("label", key=lambda s: s.str.lower())
    elif order == "low":
        expected = frame.sort_values(["low", "high", "label"], ascending=[True, True, True])
    else:
        expected = frame.sort_values(["high", "low", "label"], ascending=[False, False, True])
    assert charts.arrange(frame, order)["key"].tolist() == expected["key"].tolist()
    assert charts.arrange(frame, order, ["f", "a"])["key"].tolist() == [k for k in expected["key"] if k in ("f", "a")]
