"""Cascade notebook builders: the schematic, the funnel and the tables (pure functions, escaped text)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import style
from helpers.data import load_table
from helpers.lessons.metastatic_cascade import cascade_funnel, schematic, step_pictures
from helpers.lessons.metastatic_cascade import tables as tables
from helpers.text import esc, source_ids, split_ids, wrap_html
from helpers.widgets.core import text_alternative

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def steps() -> pd.DataFrame:
    return load_table("cascade_steps")


@pytest.fixture
def funnel() -> pd.DataFrame:
    return load_table("cascade_funnel")


def inside(area: step_pictures.Area, x: float, y: float, slack: float = 0.0) -> bool:
    return area.x0 - slack <= x <= area.x1 + slack and area.y0 - slack <= y <= area.y1 + slack


# --------------------------------------------------------------------------- schematic


def test_every_step_has_a_titled_diagram_with_hidden_axes_and_four_traces(steps: pd.DataFrame) -> None:
    total = len(steps)
    for position, row in enumerate(step_pictures.ordered_steps(steps).itertuples()):
        fig = schematic.cascade_figure(steps, row.step_id)
        assert fig.layout.title.text.startswith(f"Step {position + 1} of {total}: {esc(row.name)}")
        assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
        assert len(fig.data) == 4
        assert {t.marker.color for t in fig.data if t.marker and t.marker.color} <= set(style.SAFE)
        labels = " ".join(a.text for a in fig.layout.annotations)
        for place in ("Primary tumour in its tissue", "Vessel wall", "Blood stream", "Distant organ", "cancer cell"):
            assert place in labels


def test_the_cell_is_inside_the_highlighted_area_and_the_outline_is_drawn(steps: pd.DataFrame) -> None:
    for step_id in steps["step_id"]:
        picture = step_pictures.STEP_PICTURES[step_id]
        fig = schematic.cascade_figure(steps, step_id)
        star = fig.data[3]
        assert star.marker.symbol == "star" and (star.x[0], star.y[0]) == (picture.x, picture.y)
        assert any(inside(step_pictures.AREAS[key], picture.x, picture.y) for key in picture.areas), step_id
        outlines = [s for s in fig.layout.shapes if s.line.dash == "dash"]
        assert len(outlines) == len(picture.areas) and all(s.line.width >= 3 and s.opacity == 1 for s in outlines)


def test_the_cell_moves_from_the_tumour_through_the_blood_to_the_organ(steps: pd.DataFrame) -> None:
    ids = list(step_pictures.ordered_steps(steps)["step_id"])
    first, last = schematic.cascade_figure(steps, ids[0]), schematic.cascade_figure(steps, ids[-1])
    assert inside(step_pictures.AREAS["primary"], first.data[3].x[0], first.data[3].y[0])
    assert inside(step_pictures.AREAS["organ"], last.data[3].x[0], last.data[3].y[0])
    assert "blood" in {a for sid in ids for a in step_pictures.STEP_PICTURES[sid].areas}
    # the route grows by one point a step and ends where the cell is
    for n, sid in enumerate(ids, start=1):
        route = schematic.cascade_figure(steps, sid).data[2]
        assert len(route.x) == n and (route.x[-1], route.y[-1]) == (
            step_pictures.STEP_PICTURES[sid].x,
            step_pictures.STEP_PICTURES[sid].y,
        )


def test_clusters_and_new_vessels_appear_only_late_and_stay_in_the_organ(steps: pd.DataFrame) -> None:
    early = schematic.cascade_figure(steps, "detachment")
    assert len(early.data[0].x) == 0 and len(early.data[1].x) == 0
    late = schematic.cascade_figure(steps, "colonisation")
    assert len(late.data[1].x) > len(schematic.cascade_figure(steps, "angiogenesis").data[1].x) > 0
    organ = step_pictures.AREAS["organ"]
    assert all(inside(organ, x, y) for x, y in zip(late.data[1].x, late.data[1].y))
    vessel_points = [(x, y) for x, y in zip(late.data[0].x, late.data[0].y) if x is not None]
    assert vessel_points and all(inside(organ, x, y, slack=0.01) for x, y in vessel_points)


def test_unknown_step_is_refused(steps: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match="no step 'nope'"):
        schematic.cascade_figure(steps, "nope")


def test_a_step_the_drawing_does_not_know_is_placed_by_its_position(steps: pd.DataFrame) -> None:
    assert step_pictures.picture_for("new_step", 0, 9) == step_pictures.STEP_PICTURES["detachment"]
    assert step_pictures.picture_for("new_step", 8, 9) == step_pictures.STEP_PICTURES["colonisation"]
    assert step_pictures.picture_for("new_step", 0, 1) == step_pictures.STEP_PICTURES["detachment"]
    renamed = steps.copy()
    renamed.loc[renamed["step"] == 3, "step_id"] = "renamed_step"
    fig = schematic.cascade_figure(renamed, "renamed_step")
    assert len(fig.data) == 4


def test_names_from_data_are_escaped_in_the_figure(steps: pd.DataFrame) -> None:
    steps.loc[0, "name"] = XSS
    fig = schematic.cascade_figure(steps, steps.loc[0, "step_id"])
    shown = fig.layout.title.text + " ".join(fig.data[3].hovertext)
    assert "<img" not in shown and "&lt;img" in shown
    words = text_alternative(schematic.describe_step(steps, steps.loc[0, "step_id"]), "In words")
    assert "<img" not in words and "&lt;img" in words


def test_describe_step_names_the_place_the_route_and_the_cluster(steps: pd.DataFrame) -> None:
    first = schematic.describe_step(steps, "detachment")
    assert first[0].startswith("Step 1 of") and "primary tumour" in " ".join(first)
    assert not any("route" in line for line in first)
    blood = " ".join(schematic.describe_step(steps, "intravasation_circulation"))
    assert "blood stream" in blood and "route" in blood
    assert "growing tumour" in " ".join(schematic.describe_step(steps, "colonisation"))


@pytest.mark.parametrize("count", [0, 1, 2, 6, 18, 20])
def test_cluster_offsets_are_distinct_and_around_the_centre(count: int) -> None:
    offsets = schematic.cluster_offsets(count)
    assert len(offsets) == count == len({(round(x, 6), round(y, 6)) for x, y in offsets})
    assert all(math.hypot(x, y) > 0.1 for x, y in offsets)


# --------------------------------------------------------------------------- funnel


def test_funnel_models_are_separate_and_in_stage_order(funnel: pd.DataFrame) -> None:
    models = cascade_funnel.funnel_models(funnel)
    assert len(models) == funnel["model"].nunique() >= 2
    for model in models:
        view = cascade_funnel.funnel_view(funnel, model)
        assert list(view["stage_order"]) == sorted(view["stage_order"]) and set(view["model"]) == {model}


def test_funnel_chart_log_axis_labels_and_counts(funnel: pd.DataFrame) -> None:
    model = cascade_funnel.funnel_models(funnel)[0]
    view = cascade_funnel.funnel_view(funnel, model)
    fig = cascade_funnel.funnel_chart(view, model)
    assert len(fig.data) == 1 and fig.data[0].marker.color in style.SAFE
    assert fig.layout.xaxis.type == "log" and "logarithmic" in fig.layout.xaxis.title.text
    assert fig.layout.yaxis.title.text and fig.layout.title.text.startswith("How many cells get through?")
    assert list(fig.data[0].x) == [float(c) for c in view["cells"]]
    assert fig.data[0].text[0] == cascade_funnel.fmt_count(
        view["cells"].iloc[0]
    )  # the start has no "% of the stage before"
    assert all("of the stage before" in t for t in fig.data[0].text[1:])
    # the first stage is drawn at the top
    assert list(fig.layout.yaxis.categoryarray)[-1] == fig.data[0].y[0]
    # the range leaves room for every bar and its label
    low, high = fig.layout.xaxis.range
    assert low < math.log10(view["cells"].min()) and high >= math.log10(view["cells"].max()) + 1


def test_funnel_chart_ordinary_axis(funnel: pd.DataFrame) -> None:
    model = cascade_funnel.funnel_models(funnel)[-1]
    fig = cascade_funnel.funnel_chart(cascade_funnel.funnel_view(funnel, model), model, log=False)
    assert fig.layout.xaxis.type == "linear" and "ordinary" in fig.layout.xaxis.title.text
    assert fig.layout.xaxis.range[1] > funnel.loc[funnel["model"] == model, "cells"].max()


def test_many_powers_of_ten_get_wider_gridlines(funnel: pd.DataFrame) -> None:
    widest = max(
        cascade_funnel.funnel_models(funnel), key=lambda m: cascade_funnel.funnel_view(funnel, m)["cells"].max()
    )
    fig = cascade_funnel.funnel_chart(cascade_funnel.funnel_view(funnel, widest), widest)
    spread = math.log10(cascade_funnel.funnel_view(funnel, widest)["cells"].max())
    assert fig.layout.xaxis.dtick == (2 if spread > 7 else 1)
    assert f"{10**fig.layout.xaxis.dtick:,} times" in fig.layout.xaxis.title.text


def test_empty_funnel_still_builds(funnel: pd.DataFrame) -> None:
    view = cascade_funnel.funnel_view(funnel, "no such model")
    fig = cascade_funnel.funnel_chart(view, "no such model")
    assert len(fig.data) == 1 and len(fig.data[0].x) == 0 and "No model selected" in fig.layout.title.text
    assert cascade_funnel.describe_funnel(view) == ["No model selected: choose one in the list."]
    assert cascade_funnel.funnel_notes(view) == []


def test_funnel_text_from_data_is_escaped(funnel: pd.DataFrame) -> None:
    model = cascade_funnel.funnel_models(funnel)[0]
    funnel.loc[funnel["model"] == model, "stage"] = XSS
    fig = cascade_funnel.funnel_chart(cascade_funnel.funnel_view(funnel, model), model)
    shown = " ".join(fig.data[0].y) + " ".join(fig.data[0].hovertext)
    assert "<img" not in shown and "&lt;img" in shown


def test_describe_funnel_gives_each_stage_and_the_overall_share(funnel: pd.DataFrame) -> None:
    for model in cascade_funnel.funnel_models(funnel):
        view = cascade_funnel.funnel_view(funnel, model)
        lines = cascade_funnel.describe_funnel(view)
        assert len(lines) == len(view) + 1
        first, last = view["cells"].iloc[0], view["cells"].iloc[-1]
        assert lines[-1].startswith(
            f"From the first stage to the last: {cascade_funnel.fmt_count(last)} of {cascade_funnel.fmt_count(first)}"
        )
        assert ("about 1 in" in lines[-1]) == (first / last >= 10)
        notes = cascade_funnel.funnel_notes(view)
        assert notes[0].startswith("Who or what was studied") and set(view["note"].dropna()) <= set(notes)


@pytest.mark.parametrize(
    ("value", "text"),
    [(12, "12%"), (1, "1%"), (80.0, "80%"), (0.12, "0.12%"), (1.7e-06, "0.0000017%"), (None, ""), (float("nan"), "")],
)
def test_fmt_pct_never_uses_scientific_notation(value: float | None, text: str) -> None:
    assert cascade_funnel.fmt_pct(value) == text


@pytest.mark.parametrize(("value", "text"), [(60_000_000, "60,000,000"), (1, "1"), (50000.0, "50,000"), (0.5, "0.5")])
def test_fmt_count(value: float, text: str) -> None:
    assert cascade_funnel.fmt_count(value) == text


def test_wrap_escapes_and_breaks() -> None:
    assert wrap_html("a <b> c", 3) == "a<br>&lt;b&gt;<br>c"
    assert wrap_html("", 10) == ""


# --------------------------------------------------------------------------- tables and panels


def test_steps_table_lists_every_step_in_order(steps: pd.DataFrame) -> None:
    table = tables.steps_table(steps)
    assert (
        list(table["Step"]) == sorted(steps["step"]) and table["Where the diagram shows the cell"].str.len().min() > 0
    )


def test_step_panel_shows_every_field_escaped(steps: pd.DataFrame) -> None:
    columns = [
        "name",
        "what_happens",
        "cells_molecules",
        "seed_wording",
        "textbook_wording",
        "where_seed_oversimplifies",
    ]
    for column in columns:
        steps.loc[0, column] = f"{column} {XSS}"
    html = tables.step_panel(steps, steps.loc[0, "step_id"], load_table("sources"))
    assert "<img" not in html
    for column in columns:
        assert f"{column} &lt;img" in html
    assert "Where the popular article oversimplifies" in html and "Source: " in html


def test_step_panel_without_seed_wording_or_oversimplification(steps: pd.DataFrame) -> None:
    steps.loc[0, ["seed_wording", "where_seed_oversimplifies"]] = None
    html = tables.step_panel(steps, steps.loc[0, "step_id"])
    assert "does not describe this step" in html and "oversimplifies" not in html
    assert f"Source: {steps.loc[0, 'source_id']}" in html


def test_step_panel_names_the_source(steps: pd.DataFrame) -> None:
    html = tables.step_panel(steps, "intravasation_circulation", load_table("sources"))
    assert "Cristofanilli M" in html and "(2004)" in html
    assert tables.source_line(load_table("sources"), "not_a_source") == "not_a_source"


def test_seed_check_card_quotes_the_table(steps: pd.DataFrame) -> None:
    row = steps.set_index("step_id").loc["angiogenesis"]
    html = tables.seed_check_card(steps, "angiogenesis")
    from helpers.text import esc

    assert esc(row["seed_wording"]) in html and esc(row["where_seed_oversimplifies"]) in html


def test_funnel_table_has_every_row_in_model_and_stage_order(funnel: pd.DataFrame) -> None:
    table = tables.funnel_table(funnel)
    assert len(table) == len(funnel)
    assert list(dict.fromkeys(table["Model"])) == [
        cascade_funnel.model_label(m) for m in cascade_funnel.funnel_models(funnel)
    ]
    assert (table["% of the stage before"] == "(start)").sum() == funnel["model"].nunique()
    assert "e-" not in " ".join(table["% of the stage before"])


def test_funnel_caution_escapes_notes() -> None:
    html = tables.funnel_caution([XSS])
    assert "order of magnitude" in html and "<img" not in html and "&lt;img" in html
    assert "Notes in the table" not in tables.funnel_caution([])


def test_terms_table_keeps_order_and_names_missing_terms() -> None:
    glossary = load_table("glossary")
    table = tables.terms_table(glossary, ["anoikis", "metastasis"])
    assert list(table["Term"]) == ["anoikis", "metastasis"]
    with pytest.raises(KeyError, match="not a term"):
        tables.terms_table(glossary, ["not a term"])


def test_source_ids_split_lists_and_skip_empty_cells() -> None:
    frame = pd.DataFrame({"source_ids": ["a; b", "b;c", None], "source_id": ["d", None, "a"]})
    assert source_ids(frame) == ["d", "a", "b", "c"]
    assert split_ids(float("nan")) == []


def test_every_source_the_notebook_cites_exists(steps: pd.DataFrame, funnel: pd.DataFrame) -> None:
    myths = load_table("myths")
    known = set(load_table("sources")["source_id"])
    cited = source_ids(steps, funnel, myths[myths["topic"] == "cascade"])
    assert cited and set(cited) <= known
