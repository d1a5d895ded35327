"""Warning signs and detection: chart builders, verdicts, cards and tables (pure functions)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import style
from helpers.data import load_table
from helpers.lessons.warning_signs_and_detection import accuracy, xray_threshold
from helpers.lessons.warning_signs_and_detection import tables as tables
from helpers.text import source_ids, wrap_html

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def methods() -> pd.DataFrame:
    return load_table("detection_methods")


@pytest.fixture
def thresholds() -> pd.DataFrame:
    return load_table("detection_thresholds")


@pytest.fixture
def signs() -> pd.DataFrame:
    return load_table("warning_signs")


# --------------------------------------------------------------------------- which test sees what
def test_options_list_every_suspicion_with_a_friendly_label(methods: pd.DataFrame) -> None:
    options = accuracy.suspicion_options(methods)
    assert options[0] == ("All tests", accuracy.ALL)
    used = {s for cell in methods["suspicions"] for s in accuracy.split_suspicions(cell)}
    assert {slug for _, slug in options[1:]} == used
    assert dict((slug, label) for label, slug in options)["spine_cord"] == "Spine: possible spinal cord compression"
    assert all("_" not in label for label, _ in options)


def test_an_unknown_slug_gets_a_readable_label(methods: pd.DataFrame) -> None:
    methods.loc[0, "suspicions"] = "bone;adrenal_gland"
    assert ("Adrenal gland", "adrenal_gland") in accuracy.suspicion_options(methods)


def test_split_suspicions_handles_empty_cells() -> None:
    assert accuracy.split_suspicions(None) == [] and accuracy.split_suspicions(float("nan")) == []
    assert accuracy.split_suspicions("bone;liver") == ["bone", "liver"]


def test_tests_for_a_site(methods: pd.DataFrame) -> None:
    bone = set(accuracy.tests_for(methods, "bone")["method_id"])
    assert {"xray", "ct", "mri", "bone_scan", "fdg_pet", "pet_ct"} <= bone
    assert "tumour_markers" not in bone and "brain_mri" not in bone
    assert set(accuracy.tests_for(methods, "spine_cord")["method_id"]) == {"mri"}
    assert len(accuracy.tests_for(methods, accuracy.ALL)) == len(methods)
    assert accuracy.tests_for(methods, "nowhere").empty


def test_every_sourced_figure_is_per_patient_for_bone_metastases(methods: pd.DataFrame) -> None:
    """The chart draws the figures for 'bone' only: that must stay what they describe."""
    with_figures = methods[methods["sensitivity_pct"].notna() | methods["specificity_pct"].notna()]
    assert len(with_figures) == 4
    assert all("per patient, bone metastases" in basis for basis in with_figures["accuracy_basis"])
    assert all(accuracy.ACCURACY_SITE in accuracy.split_suspicions(cell) for cell in with_figures["suspicions"])


@pytest.mark.parametrize(
    ("sort_by", "order"),
    [("sensitivity", ["mri", "fdg_pet", "bone_scan", "ct"]), ("specificity", ["fdg_pet", "mri", "ct", "bone_scan"])],
)
def test_accuracy_view_sorts_tests_with_figures_first(
    methods: pd.DataFrame, sort_by: accuracy.SortKey, order: list[str]
) -> None:
    view = accuracy.accuracy_view(methods, "bone", sort_by)
    assert view["method_id"].tolist()[:4] == order
    assert set(view["method_id"].tolist()[4:]) == {"xray", "pet_ct"}
    assert not view["has_figures"].iloc[4:].any()


def test_accuracy_view_rejects_an_unknown_sort(methods: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="sort_by"):
        accuracy.accuracy_view(methods, "bone", "price")  # type: ignore[arg-type]


def test_figures_are_not_borrowed_for_other_sites(methods: pd.DataFrame) -> None:
    view = accuracy.accuracy_view(methods, "liver")
    assert "ct" in set(view["method_id"]) and not view["has_figures"].any()
    fig = accuracy.accuracy_chart(view, "liver")
    assert all(x is None for x in fig.data[0].x) and all(x is None for x in fig.data[1].x)
    assert len(fig.data[2].y) == len(view) and all("for this site" in t for t in fig.data[2].text)
    assert "Bone" in fig.layout.title.text


@pytest.mark.parametrize("suspicion", [accuracy.ALL, "bone", "spine_cord", "liver", "brain", "lymph_nodes"])
def test_accuracy_chart_is_accessible_and_keeps_three_traces(methods: pd.DataFrame, suspicion: str) -> None:
    fig = accuracy.accuracy_chart(accuracy.accuracy_view(methods, suspicion), suspicion)
    assert len(fig.data) == 3
    assert (
        fig.layout.title.text
        and fig.layout.xaxis.title.text.startswith("Per-patient accuracy")
        and fig.layout.yaxis.title.text == "Test"
    )
    assert tuple(fig.layout.xaxis.range) == (0, 100)
    assert {fig.data[0].marker.color, fig.data[1].marker.color} <= set(style.SAFE)
    # not colour alone: the specificity bars are hatched and every bar carries its name
    assert not fig.data[0].marker.pattern.shape and fig.data[1].marker.pattern.shape == "/"
    assert all(t.startswith("Sensitivity") for t in fig.data[0].text if t)
    assert all(t.startswith("Specificity") for t in fig.data[1].text if t)


def test_bone_chart_draws_the_sourced_figures_and_lists_the_rest(methods: pd.DataFrame) -> None:
    fig = accuracy.accuracy_chart(accuracy.accuracy_view(methods, "bone"), "bone")
    sens = dict(zip(fig.data[0].y, fig.data[0].x))
    spec = dict(zip(fig.data[1].y, fig.data[1].x))
    by_id = methods.set_index("method_id")
    assert (
        sens["FDG-PET"] == by_id.loc["fdg_pet", "sensitivity_pct"]
        and spec["FDG-PET"] == by_id.loc["fdg_pet", "specificity_pct"]
    )
    assert sens[wrap_html(by_id.loc["bone_scan", "method"], 26)] == by_id.loc["bone_scan", "sensitivity_pct"]
    pet_ct = wrap_html(by_id.loc["pet_ct", "method"], 26)
    assert sens[pet_ct] is None and spec[pet_ct] is None  # listed, not drawn as zero
    assert pet_ct in fig.data[2].y and wrap_html(by_id.loc["xray", "method"], 26) in fig.data[2].y
    assert fig.data[2].showlegend is True


def test_describe_accuracy(methods: pd.DataFrame) -> None:
    lines = accuracy.describe_accuracy(accuracy.accuracy_view(methods, "bone"), "bone")
    assert lines[0].startswith("MRI") and "sensitivity 90.6%, specificity 95.4%" in lines[0]
    assert any(line.startswith("PET/CT") and line.endswith("no sourced figure.") for line in lines)
    assert any("FDG-PET alone, not PET/CT" in line for line in lines)
    liver = accuracy.describe_accuracy(accuracy.accuracy_view(methods, "liver"), "liver")
    assert all(line.endswith("no sourced figure for this site.") for line in liver)
    assert accuracy.describe_accuracy(accuracy.accuracy_view(methods, "nowhere"), "nowhere")[0].startswith("No test")


def test_accuracy_chart_escapes_labels_from_data(methods: pd.DataFrame) -> None:
    methods.loc[methods["method_id"] == "mri", "method"] = XSS
    methods.loc[methods["method_id"] == "pet_ct", "method"] = XSS + " 2"
    fig = accuracy.accuracy_chart(accuracy.accuracy_view(methods, "bone"), "bone")
    shown = " ".join(map(str, [*fig.data[0].y, *fig.data[0].hovertext, *fig.data[2].y]))
    assert "<img" not in shown and "&lt;img" in shown


def test_empty_selection_still_builds(methods: pd.DataFrame) -> None:
    fig = accuracy.accuracy_chart(accuracy.accuracy_view(methods, "nowhere"), "nowhere")
    assert len(fig.data) == 3 and len(fig.data[0].y) == 0 and fig.data[2].showlegend is False


# --------------------------------------------------------------------------- the X-ray threshold
@pytest.mark.parametrize(
    ("loss", "low", "high", "expected"),
    [
        (10, 30, 50, "not_yet"),
        (30, 30, 50, "may_show"),
        (40, 30, 50, "may_show"),
        (50, 30, 50, "shows"),
        (60, 30, 50, "shows"),
        (49, 50, 50, "not_yet"),
        (50, 50, 50, "shows"),
    ],
)
def test_verdict_edges(loss: float, low: float, high: float, expected: str) -> None:
    assert xray_threshold.verdict(loss, low, high) == expected


def test_rows_split_into_clinical_and_laboratory(thresholds: pd.DataFrame) -> None:
    kinds = thresholds["method"].map(xray_threshold.is_experiment).tolist()
    assert kinds.count(True) == 2 and kinds.count(False) == 2


@pytest.mark.parametrize(
    ("loss", "words"),
    [
        (10, "would typically not show the lesion yet"),
        (20, "would typically not show"),
        (30, "may or may not show"),
        (40, "may or may not show"),
        (50, "would typically show the lesion, provided the lesion is also at least 10 mm (1 cm)"),
        (60, "would typically show"),
    ],
)
def test_headline_for_each_step(thresholds: pd.DataFrame, loss: int, words: str) -> None:
    headline = xray_threshold.xray_headline(thresholds, loss)
    assert headline.startswith(f"At {loss}% mineral lost") and words in headline
    assert "30\u201350%" in headline or loss >= 50


def test_caveat_gives_the_laboratory_range(thresholds: pd.DataFrame) -> None:
    assert "3\u201316%" in xray_threshold.xray_caveat(
        thresholds
    ) and "not a clinical detection rate" in xray_threshold.xray_caveat(thresholds)
    assert xray_threshold.xray_caveat(thresholds[~thresholds["method"].map(xray_threshold.is_experiment)]) == ""
    assert xray_threshold.xray_headline(
        thresholds[thresholds["method"].map(xray_threshold.is_experiment)], 30
    ).startswith("The table has no")


def test_describe_xray(thresholds: pd.DataFrame) -> None:
    lines = xray_threshold.describe_xray(thresholds, 30)
    assert len(lines) == len(thresholds) + 2
    assert "at least 10 mm across; at 30% a lesion would typically not show yet" in lines[1]
    assert "30\u201350%" in lines[2] and "may or may not show" in lines[2]
    assert "(laboratory experiment)" in lines[3] and "visible in the experiment" in lines[3]


@pytest.mark.parametrize("loss", xray_threshold.LOSS_STEPS)
def test_xray_chart_for_every_step(thresholds: pd.DataFrame, loss: int) -> None:
    fig = xray_threshold.xray_chart(thresholds, loss)
    assert len(fig.data) == 4
    assert fig.layout.title.text.startswith("Would a plain X-ray show it?") and f"{loss}%" in fig.layout.title.text
    assert fig.layout.xaxis.title.text.startswith("Bone mineral lost") and fig.layout.yaxis.title.text
    assert tuple(fig.layout.xaxis.range) == (0, 100)
    lost, left, bands, marks = fig.data
    assert lost.x[0] == loss and left.base[0] == loss and lost.x[0] + left.x[0] == 100
    assert lost.marker.pattern.shape and not left.marker.pattern.shape  # lost is hatched, not just a colour
    assert fig.layout.shapes[0].x0 == loss == fig.layout.shapes[0].x1
    assert list(bands.base) == thresholds["mineral_loss_pct_low"].tolist()
    assert all(width > 0 for width in bands.x)  # a single value (50-50) still shows
    assert len(marks.x) == len(thresholds) and set(marks.x) == {loss}
    assert {lost.marker.color, left.marker.color, bands.marker.color, marks.marker.color} <= set(style.SAFE)


def test_xray_marks_use_symbols_and_words(thresholds: pd.DataFrame) -> None:
    marks = xray_threshold.xray_chart(thresholds, 30).data[3]
    assert list(marks.text) == ["\u2717 not yet", "? may show", "\u2713 shows", "\u2713 shows"]
    assert list(marks.marker.symbol) == ["x-thin-open", "diamond-open", "circle", "circle"]


def test_xray_chart_rejects_an_impossible_loss(thresholds: pd.DataFrame) -> None:
    with pytest.raises(ValueError):
        xray_threshold.xray_chart(thresholds, 120)


def test_xray_chart_escapes_labels_from_data(thresholds: pd.DataFrame) -> None:
    thresholds.loc[0, "method"] = XSS
    fig = xray_threshold.xray_chart(thresholds, 30)
    shown = " ".join(map(str, [*fig.data[2].y, *fig.data[2].hovertext, *fig.data[3].hovertext]))
    assert "<img" not in shown and "&lt;img" in shown


def test_band_text() -> None:
    assert xray_threshold.band_text(30, 50) == "30\u201350% lost"
    assert xray_threshold.band_text(50, 50, 10) == "50% lost, lesion \u2265 10 mm"


# --------------------------------------------------------------------------- cards and tables
def test_every_bone_sign_belongs_to_one_of_the_four_signals(signs: pd.DataFrame) -> None:
    rows = tables.bone_signs(signs)
    assert len(rows) == (signs["context"] == "bone_metastasis").sum()
    assert set(rows["group"]) == set(tables.SIGNAL_GROUPS)  # none left in "other"
    assert rows["group"].tolist() == sorted(rows["group"], key=list(tables.SIGNAL_GROUPS).index)
    mapped = [i for _, ids in tables.SIGNAL_GROUPS.values() for i in ids]
    assert set(mapped) <= set(signs["sign_id"])


def _cards(signs: pd.DataFrame) -> str:
    return tables.signal_cards(signs, load_table("urgency_levels"), load_table("sources"))


def test_signal_cards_show_the_four_signals_in_order_and_name_the_level_of_each(signs: pd.DataFrame) -> None:
    html = _cards(signs)
    titles = [title for title, _ in tables.SIGNAL_GROUPS.values()]
    assert [html.index(t) for t in titles] == sorted(html.index(t) for t in titles)
    bone = tables.bone_signs(signs)
    for level, name in [("red", "Red: emergency"), ("amber", "Amber: urgent"), ("green", "Green: not urgent")]:
        # every card shows its level by name (never by colour alone); the box at the top names red once more
        assert html.count(f"{name} —") == (bone["level"] == level).sum() + (level == "red"), level
    box = html[: html.index(titles[0])]
    assert "Red: emergency" in box and "possible spinal cord compression" in box
    assert "Amber" not in box and "Green" not in box
    assert "not related to activities" in html  # the pain correction is on the movement card
    assert "Recurrence" not in html and "jaundice" not in html  # recurrence rows are not bone signals


def test_a_card_takes_what_to_do_from_its_level(signs: pd.DataFrame) -> None:
    levels = load_table("urgency_levels").set_index("level")
    one = signs[signs["sign_id"] == "bm_cord_compression"]
    html = _cards(one)
    assert html.count(str(levels.loc["red", "what_to_do"]).split(".")[0]) == 1
    html = _cards(one.assign(level="green"))
    assert str(levels.loc["red", "what_to_do"]).split(".")[0] not in html
    assert str(levels.loc["green", "what_to_do"]).split(";")[0] in html


def test_cards_cite_sources_by_author_and_year_not_by_id(signs: pd.DataFrame) -> None:
    html = _cards(signs)
    assert "Source: NICE 2023" in html and "nice2023" not in html


def test_an_unplaced_sign_is_shown_under_other_signs(signs: pd.DataFrame) -> None:
    extra = signs.iloc[[0]].assign(sign_id="bm_new_sign", sign="A new sign")
    html = _cards(pd.concat([signs, extra]))
    assert "Other signs" in html and html.index("Other signs") < html.index("A new sign")


def test_signal_cards_escape_text_from_data(signs: pd.DataFrame) -> None:
    signs.loc[0, "sign"] = XSS
    signs.loc[0, "advice"] = "<script>alert(1)</script>"
    html = _cards(signs)
    assert "<img" not in html and "<script" not in html and "&lt;script&gt;" in html


def test_signal_cards_with_no_bone_rows(signs: pd.DataFrame) -> None:
    assert "No warning signs" in _cards(signs[signs["context"] == "recurrence"])


def test_methods_table(methods: pd.DataFrame) -> None:
    bone = tables.methods_table(methods, "bone")
    scan = bone[bone["Test"].str.startswith("Bone scan")].iloc[0]
    assert scan["Sensitivity and specificity"].startswith("Sensitivity 86.0%, specificity 81.4% (per patient")
    assert bone[bone["Test"].str.startswith("PET/CT")].iloc[0]["Sensitivity and specificity"] == "No sourced figure."
    liver = tables.methods_table(methods, "liver")
    assert all(cell.startswith("No sourced figure for this site") for cell in liver["Sensitivity and specificity"])
    assert list(liver.columns) == [
        "Test",
        "What it shows",
        "Typical use",
        "Limitations",
        "Sensitivity and specificity",
        "Source",
    ]


def test_accuracy_table_never_shows_a_missing_figure_as_zero(methods: pd.DataFrame) -> None:
    table = tables.accuracy_table(methods)
    assert len(table) == len(methods)
    assert (table["Sensitivity"] == "no sourced figure").sum() == methods["sensitivity_pct"].isna().sum()
    assert not any(cell.startswith("0") for cell in table["Sensitivity"])
    assert table.loc[table["Test"] == "FDG-PET", "Sensitivity"].iloc[0] == "89.7%"


def test_thresholds_table(thresholds: pd.DataFrame) -> None:
    table = tables.thresholds_table(thresholds)
    assert table["Mineral loss before a lesion shows"].tolist()[:2] == ["50%", "30\u201350%"]
    assert table["Smallest lesion"].tolist()[0] == "10 mm" and table["Smallest lesion"].tolist()[1] == ""


def test_sources_used_keeps_first_appearance_and_splits_lists() -> None:
    assert source_ids(["b", "a"], ["a;c", "d; b"], []) == ["b", "a", "c", "d"]


def test_every_source_shown_is_in_sources_csv(
    signs: pd.DataFrame, methods: pd.DataFrame, thresholds: pd.DataFrame
) -> None:
    myths = load_table("myths")
    used = source_ids(
        tables.bone_signs(signs)["source_id"],
        methods["source_id"],
        thresholds["source_id"],
        myths[myths["topic"] == "signs_detection"]["source_ids"],
    )
    assert set(used) <= set(load_table("sources")["source_id"])
    assert {"yang2011", "salvo2009", "baek2016", "nice2023"} <= set(used)
