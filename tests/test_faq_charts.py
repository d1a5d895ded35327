"""Recurrence FAQ charts: one chart kind, fixed trace count, studies kept apart, text escaped."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import style
from helpers.data import load_table
from helpers.lessons.recurrence_faq import answer_charts, grouped_bars
from helpers.lessons.recurrence_faq import illustrations as ill
from helpers.schemas import RecurrenceFaq
from helpers.text import short_cite


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return {name: load_table(name) for name in answer_charts.FAQ_TABLES}


def allowed_illustrations() -> list[str]:
    return RecurrenceFaq.to_schema().columns["illustration"].checks[0].statistics["allowed_values"]


def test_every_illustration_id_of_the_schema_has_a_builder(tables: dict[str, pd.DataFrame]) -> None:
    allowed = allowed_illustrations()
    assert set(allowed) == set(ill.CHART_ILLUSTRATIONS) | set(ill.TABLE_ILLUSTRATIONS)
    for name in allowed:
        fig = ill.chart_for(name, tables)
        assert len(fig.data) == grouped_bars.N_TRACES and all(isinstance(t, go.Bar) for t in fig.data)
        assert fig.layout.title.text
        sentences = ill.chart_sentences(name, tables)
        assert bool(sentences) == (name in ill.CHART_ILLUSTRATIONS)


@pytest.mark.parametrize("name", ill.CHART_ILLUSTRATIONS)
def test_charts_are_accessible(tables: dict[str, pd.DataFrame], name: str) -> None:
    fig = ill.chart_for(name, tables)
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    shown = [t for t in fig.data if t.visible]
    assert shown, "a chart illustration shows at least one series"
    assert {t.marker.color for t in fig.data} <= set(style.SAFE)
    patterns = [t.marker.pattern.shape for t in fig.data]
    assert len(set(patterns)) == len(patterns), "each series has its own pattern, not only its own colour"
    for trace in shown:  # every bar carries its value as text
        values = [x for x in trace.x if x is not None]
        assert [t for t in trace.text if t] == [f"{v:g}%" for v in values]


def test_all_faq_figures_set_the_same_layout_keys(tables: dict[str, pd.DataFrame]) -> None:
    """An in-place update overwrites keys it is given and leaves the others: so every figure sets the same ones."""
    keys = {name: set(ill.chart_for(name, tables).layout.to_plotly_json()) for name in allowed_illustrations()}
    first = next(iter(keys.values()))
    assert all(k == first for k in keys.values()), keys
    assert not {"shapes", "annotations"} & first


def test_tumour_markers_keep_the_studies_apart(tables: dict[str, pd.DataFrame]) -> None:
    markers = tables["tumour_markers"]
    fig = answer_charts.tumour_marker_chart(markers, tables["sources"])
    studies = markers["source_id"].unique()
    shown = [t for t in fig.data if t.visible]
    assert len(shown) == len(studies)
    assert [t.name.split(":")[0] for t in shown] == ["Liang 2016", "Yang 2014", "Shibata 2022"]
    ticks = list(fig.layout.yaxis.ticktext)
    headers = [t for t in ticks if t.startswith("<b>")]
    assert len(headers) == len(studies) and "Diagnosis of gastric cancer" in headers[0]
    assert "Detection of recurrence" in headers[-1]
    assert ticks.count(" ") == len(studies) - 1, "a blank line between studies"
    # every marker of the table is drawn, in its own study's trace, with its value
    drawn = {y.split(":")[-1]: x for t in shown for y, x in zip(t.y, t.x) if y.startswith("row:")}
    assert drawn == dict(zip(markers["marker"], markers["sensitivity_pct"]))
    for label in ("CEA alone", "CA19-9 alone", "CA72-4 alone", "CEA, CA19-9 and CA72-4 combined"):
        assert label in ticks
    # headers and gaps are real lines of the axis (an empty point in the first trace)
    assert all(y in fig.data[0].y for y in fig.layout.yaxis.tickvals if not y.startswith("row:"))


def test_tumour_marker_hover_gives_specificity_where_sourced(tables: dict[str, pd.DataFrame]) -> None:
    rows = answer_charts.tumour_marker_rows(tables["tumour_markers"], tables["sources"])
    postop = rows[rows["key"] == "ca19_9_postop"]["hover"].iloc[0]
    assert "sensitivity 24.1%" in postop and "specificity 93.3%" in postop
    assert "specificity" not in rows[rows["key"] == "cea"]["hover"].iloc[0]


def test_detection_chart_pairs_sensitivity_and_specificity(tables: dict[str, pd.DataFrame]) -> None:
    methods = tables["detection_methods"]
    fig = answer_charts.detection_chart(methods, tables["sources"])
    assert fig.layout.barmode == "group"
    shown = [t for t in fig.data if t.visible]
    assert [t.name.split(":")[0] for t in shown] == ["Sensitivity", "Specificity"]
    scored = methods.dropna(subset=["sensitivity_pct"])
    sens = {y.split(":")[-1]: x for y, x in zip(shown[0].y, shown[0].x) if y.startswith("row:")}
    assert sens == dict(zip(scored["method_id"], scored["sensitivity_pct"]))
    lines = answer_charts.describe_detection(answer_charts.detection_rows(methods, tables["sources"]))
    assert any("Bone scan" in line and "sensitivity 86%" in line and "specificity 81.4%" in line for line in lines)


def test_timing_chart_groups_by_time_after_surgery(tables: dict[str, pd.DataFrame]) -> None:
    fig = answer_charts.timing_chart(tables["recurrence_timing"], tables["sources"])
    headers = [t for t in fig.layout.yaxis.ticktext if t.startswith("<b>")]
    assert headers == ["<b>Within 2 years of surgery</b>", "<b>Within 5 years of surgery</b>"]
    sentences = grouped_bars.describe_rows(answer_charts.timing_rows(tables["recurrence_timing"], tables["sources"]))
    assert "Within 2 years of surgery: D'Angelica 2004, 79%." in sentences


def test_gastric_sites_only_gastric_and_grouped_by_source(tables: dict[str, pd.DataFrame]) -> None:
    sites = tables["metastatic_sites"]
    rows = answer_charts.gastric_site_rows(sites, tables["sources"])
    assert len(rows) == int((sites["primary"] == "gastric").sum())
    assert list(dict.fromkeys(rows["group"])) == [
        "Riihimäki 2016: Sweden registry",
        "Sirody 2022: US NCDB",
        "Zhang 2020: US SEER",
    ]
    first = rows[rows["group"] == rows["group"].iloc[0]]
    assert list(first["value"]) == sorted(first["value"], reverse=True)
    lines = answer_charts.describe_gastric_sites(sites, tables["sources"])
    assert lines[0].startswith("Riihimäki 2016 (Sweden registry): Liver 48%, Peritoneum 32%")
    assert "Counted: Gastric cancer patients with metastases" in lines[0]
    assert "Liver 48%" in lines[0] and "including the peritoneum 43%" in lines[1]
    assert "3 data sources" in answer_charts.gastric_sites_chart(sites, tables["sources"]).layout.title.text


def test_placeholder_hides_everything() -> None:
    fig = grouped_bars.placeholder_figure("A table instead")
    assert len(fig.data) == grouped_bars.N_TRACES and not any(t.visible for t in fig.data)
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.showlegend is False


def test_unknown_illustration_is_an_error(tables: dict[str, pd.DataFrame]) -> None:
    with pytest.raises(KeyError, match="no builder"):
        ill.chart_for("pie_of_doom", tables)
    with pytest.raises(KeyError, match="no builder"):
        ill.chart_sentences("pie_of_doom", tables)


def test_empty_rows_still_build_a_full_figure(tables: dict[str, pd.DataFrame]) -> None:
    fig = grouped_bars.grouped_bar_chart(grouped_bars.empty_rows(), title="t", subtitle="", x_title="x", y_title="y")
    assert len(fig.data) == grouped_bars.N_TRACES
    empty = answer_charts.tumour_marker_chart(tables["tumour_markers"].iloc[0:0], tables["sources"])
    assert len(empty.data) == grouped_bars.N_TRACES and not any(len(t.x) for t in empty.data)
    assert answer_charts.gastric_site_rows(
        tables["metastatic_sites"], tables["sources"], primary="no_such_cancer"
    ).empty


def test_too_many_series_or_missing_columns_are_refused() -> None:
    rows = pd.DataFrame(
        {
            "group": ["g"] * 5,
            "key": list("abcde"),
            "label": list("abcde"),
            "value": [1.0] * 5,
            "series": list("abcde"),
            "hover": [""] * 5,
        }
    )
    with pytest.raises(ValueError, match="traces"):
        grouped_bars.grouped_bar_chart(rows, title="t", subtitle="", x_title="x", y_title="y")
    with pytest.raises(ValueError, match="columns"):
        grouped_bars.grouped_bar_chart(rows.drop(columns="hover"), title="t", subtitle="", x_title="x", y_title="y")


def test_text_from_data_is_escaped(tables: dict[str, pd.DataFrame]) -> None:
    markers = tables["tumour_markers"].copy()
    markers.loc[0, "label"] = "<img src=x onerror=alert(1)>"
    markers.loc[0, "setting"] = "<script>bad()</script>"
    fig = answer_charts.tumour_marker_chart(markers, tables["sources"])
    shown = (
        " ".join(fig.layout.yaxis.ticktext)
        + " ".join(h for t in fig.data for h in t.hovertext)
        + " ".join(t.name for t in fig.data)
    )
    assert "<img" not in shown and "&lt;img" in shown
    assert "<script>" not in shown and "&lt;script&gt;" in shown


def test_short_cite() -> None:
    sources = pd.DataFrame(
        {
            "source_id": ["a", "b", "c", "d", "e", "f"],
            "authors": [
                "Liang Y, Wang W, Fang C",
                "Van den Brande R, Cornips EMJ",
                "Shibata C, et al.",
                "Chinese Society of Clinical Oncology (CSCO) gastric cancer guideline committee",
                "Tse V (Berman SA, chief editor)",
                "HIPEC.com",
            ],
            "year": pd.array([2016, 2022, 2022, 2024, 2018, None], dtype="Int64"),
            "journal": ["Oncotarget", "J Bone Oncol", "BMC Surg 2022", "Cancer Commun", "Medscape", "hipec.com"],
        }
    )
    assert [short_cite(sources, s) for s in "abcdef"] == [
        "Liang 2016",
        "Van den Brande 2022",
        "Shibata 2022",
        "CSCO 2024",
        "Tse 2018",
        "HIPEC.com",
    ]
    with pytest.raises(KeyError, match="unknown source"):
        short_cite(sources, "zzz")


def test_small_text_helpers() -> None:
    assert (
        answer_charts.first_clause("Diagnosis of gastric cancer, preoperative serum") == "Diagnosis of gastric cancer"
    )
    assert answer_charts.dataset_label("us_ncdb") == "US NCDB"
    assert answer_charts.dataset_label("sweden_registry") == "Sweden registry"
