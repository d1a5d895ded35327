"""Inside the bone: the diagram builders and table builders (pure functions, escaped text, fixed trace counts)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import style
from helpers.data import load_table
from helpers.lessons.inside_the_bone import body_map, lesion_types, skeleton, vicious_cycle
from helpers.lessons.inside_the_bone import tables as tables
from helpers.text import cite, source_ids, wrap_html

XSS = "<script>alert(1)</script>"


@pytest.fixture
def cycle() -> pd.DataFrame:
    return load_table("vicious_cycle")


@pytest.fixture
def lesions() -> pd.DataFrame:
    return load_table("lesion_types")


@pytest.fixture
def sites() -> pd.DataFrame:
    return load_table("bone_sites")


def segments(xs: list[float | None] | tuple[float | None, ...]) -> int:
    """How many polylines a None-separated coordinate list draws."""
    xs = list(xs)
    return 0 if not xs else xs.count(None) + 1


# --- the vicious cycle -----------------------------------------------------------------------


def test_each_row_names_an_actor_of_the_diagram(cycle: pd.DataFrame) -> None:
    keys = cycle.sort_values("step")["actor_key"].tolist()
    assert set(vicious_cycle.CYCLE) <= set(keys) and {"all", "drug"} <= set(keys)


def test_rewording_an_actor_does_not_move_the_diagram(cycle: pd.DataFrame) -> None:
    reworded = cycle.assign(actor=["a cell (reworded)"] * len(cycle))  # the prose no longer says 'drug' or 'osteoclast'
    assert vicious_cycle.cycle_focus(reworded) == vicious_cycle.cycle_focus(cycle)


def test_focus_follows_the_loop_round_and_back(cycle: pd.DataFrame) -> None:
    focus = vicious_cycle.cycle_focus(cycle)
    assert sorted(focus) == sorted(cycle["step"])
    signals = [f for f in focus.values() if f.kind == "signal"]
    # the four actors act in the order the arrows go round the circle
    assert [next(iter(f.nodes)) for f in signals] == list(vicious_cycle.CYCLE)
    for f in signals:
        (arrow,) = f.arrows
        assert arrow in vicious_cycle.ARROW_LABELS and arrow[0] in f.nodes
    loop = [f for f in focus.values() if f.kind == "loop"]
    assert loop, "the cycle comes back to the tumour cell"
    incoming, outgoing = loop[0].arrows
    assert incoming[1] == outgoing[0] == "tumour"
    whole = next(f for f in focus.values() if f.kind == "all")
    assert set(whole.arrows) == {a for a in vicious_cycle.ARROW_LABELS if a[0] != "drug"}
    assert "All four" in whole.describe()


def test_arrow_labels_match_the_table(cycle: pd.DataFrame) -> None:
    """The diagram's short labels say what the matching rows say."""
    focus = vicious_cycle.cycle_focus(cycle)
    rows = cycle.set_index("step")
    first = {next(iter(f.nodes)): f.step for f in focus.values() if f.kind == "signal"}
    assert "PTHrP" in rows.loc[first["tumour"], "signal"]
    assert "RANKL" in rows.loc[first["osteoblast"], "signal"]
    assert "resorb" in rows.loc[first["osteoclast"], "effect"]
    assert all(word in rows.loc[first["matrix"], "signal"] for word in ("TGF-beta", "IGFs", "calcium"))
    blastic = next(f for f in focus.values() if f.kind == "blastic")
    assert all(word in rows.loc[blastic.step, "signal"] for word in ("Endothelin-1", "Wnt"))
    drug = next(f for f in focus.values() if f.kind == "drug")
    assert "osteoclast" in rows.loc[drug.step, "signal"].lower() + rows.loc[drug.step, "effect"].lower()


def test_cycle_figure_is_a_titled_diagram_with_three_traces_at_every_step(cycle: pd.DataFrame) -> None:
    focus = vicious_cycle.cycle_focus(cycle)
    seen = set()
    for step, f in focus.items():
        fig = vicious_cycle.cycle_figure(cycle, step)
        assert len(fig.data) == 3
        assert f"Step {step} of {len(focus)}" in fig.layout.title.text
        assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
        assert segments(fig.data[1].x) == len(f.arrows)  # the thick arrows are this step's
        assert segments(fig.data[0].x) == len(vicious_cycle.ARROW_LABELS) - len(f.arrows)
        lit = [size for size in fig.data[2].marker.size if size > 40]
        assert len(lit) == len(f.nodes)
        colours = {fig.data[0].line.color, fig.data[1].line.color, *fig.data[2].marker.color}
        assert colours <= set(style.SAFE)
        seen.add(fig.to_json())
    assert len(seen) == len(focus), "every step draws a different picture"


def test_cycle_figure_refuses_an_unknown_step(cycle: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="not in the table"):
        vicious_cycle.cycle_figure(cycle, 99)
    with pytest.raises(ValueError):
        vicious_cycle.describe_cycle_step(cycle, 0)


def test_cycle_text_from_data_is_escaped(cycle: pd.DataFrame) -> None:
    cycle.loc[0, "actor"] = "tumour cell " + XSS
    cycle.loc[0, "signal"] = XSS
    step = int(cycle.loc[0, "step"])
    fig = vicious_cycle.cycle_figure(cycle, step)
    shown = fig.layout.title.text + " ".join(a.text for a in fig.layout.annotations) + " ".join(fig.data[2].hovertext)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    panel = tables.cycle_step_panel(cycle, step)
    assert "<script>" not in panel and "&lt;script&gt;" in panel


def test_an_unknown_actor_is_drawn_without_highlights(cycle: pd.DataFrame) -> None:
    cycle.loc[0, "actor_key"] = "something_else"  # the schema refuses this in the file; the chart still copes
    step = int(cycle.loc[0, "step"])
    assert vicious_cycle.cycle_focus(cycle)[step].kind == "other"
    fig = vicious_cycle.cycle_figure(cycle, step)
    assert len(fig.data) == 3 and segments(fig.data[1].x) == 0


def test_describe_cycle_step_says_signal_effect_and_where_to_look(cycle: pd.DataFrame) -> None:
    row = cycle.sort_values("step").iloc[1]
    lines = vicious_cycle.describe_cycle_step(cycle, int(row["step"]))
    text = " ".join(lines)
    assert row["signal"] in text and row["effect"] in text and "Highlighted" in text
    assert (
        f"Source: {cite(row['source_id'])}." in text and row["source_id"] not in text
    )  # a readable citation, never the raw id


def test_wrap_html_escapes_then_breaks() -> None:
    assert wrap_html("a <b> " + "word " * 20, 20).count("<br>") >= 3
    assert "&lt;b&gt;" in wrap_html("a <b>")
    assert wrap_html(None) == "" and wrap_html(float("nan")) == ""


# --- lesion types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "holes", "patches"), [("lytic", True, False), ("blastic", False, True), ("mixed", True, True)]
)
def test_lesion_sketch_shows_holes_and_or_dense_patches(
    lesions: pd.DataFrame, kind: str, holes: bool, patches: bool
) -> None:
    fig = lesion_types.lesion_figure(lesions, kind)
    assert len(fig.data) == 3
    assert bool(fig.data[0].visible) is holes and (segments(fig.data[0].x) > 0) is holes
    assert bool(fig.data[1].visible) is patches and (segments(fig.data[1].x) > 0) is patches
    label = lesions.set_index("lesion_type").loc[kind, "label"]
    assert fig.layout.title.text.startswith(label)
    assert fig.layout.xaxis2.title.text and fig.layout.yaxis2.title.text == "Lesion type"
    assert fig.layout.xaxis.visible is False  # the sketch has no scale


def test_mirels_bars_come_from_the_table_and_mark_the_shown_type(lesions: pd.DataFrame) -> None:
    names = lesion_types.lesion_names(lesions)
    scores = dict(zip(lesions["lesion_type"], lesions["mirels_score"]))
    for kind in scores:
        bars = lesion_types.lesion_figure(lesions, kind).data[2]
        assert dict(zip(bars.y, bars.x)) == {names[k]: scores[k] for k in scores}
        shown = [y for y, t in zip(bars.y, bars.text) if "shown" in t]
        assert shown == [names[kind]]
    assert scores["lytic"] > scores["mixed"] > scores["blastic"]


def test_lesion_figure_refuses_an_unknown_type(lesions: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="unknown lesion type"):
        lesion_types.lesion_figure(lesions, "sclerotic")
    with pytest.raises(ValueError):
        tables.lesion_panel(lesions, "")


def test_bone_outline_is_closed_and_inside_the_sketch() -> None:
    assert lesion_types.BONE_PATH.startswith("M ") and lesion_types.BONE_PATH.endswith(" Z")
    xs = [p[0] for p in lesion_types._BONE]
    ys = [p[1] for p in lesion_types._BONE]
    assert min(xs) > -0.3 and max(xs) < 12.3 and min(ys) > -2.2 and max(ys) < 2.2


def test_lesion_label_is_escaped(lesions: pd.DataFrame) -> None:
    lesions.loc[lesions["lesion_type"] == "lytic", "label"] = XSS
    fig = lesion_types.lesion_figure(lesions, "lytic")
    assert "<script>" not in fig.layout.title.text + " ".join(fig.data[2].y)
    assert "<script>" not in tables.lesion_panel(lesions, "lytic")


# --- body map --------------------------------------------------------------------------------


def test_views_split_whole_skeleton_sites_from_spine_parts(sites: pd.DataFrame) -> None:
    whole = body_map.sites_in_view(sites, "all")
    parts = body_map.sites_in_view(sites, "spine")
    assert len(whole) + len(parts) == len(sites) and len(parts) > 0
    assert all(p.startswith("spine_") for p in parts["site_id"]) and not any(
        p.startswith("spine_") for p in whole["site_id"]
    )
    assert "spinal" in " ".join(parts["population"]).lower()  # these shares are of spinal lesions only


def test_body_map_sizes_by_share_else_rank_and_says_which(sites: pd.DataFrame) -> None:
    fig = body_map.body_map_figure(sites, "all")
    assert len(fig.data) == 4
    share, rank, listed, plexus = fig.data
    assert "all bone metastases" in share.name and "rank" in rank.name.lower() and "not ranked" in listed.name
    whole = body_map.sites_in_view(sites, "all")
    assert len(share.x) == whole["share_pct"].notna().sum()
    assert len(rank.x) == (whole["rank"].notna() & whole["share_pct"].isna()).sum()
    assert len(listed.x) == (whole["rank"].isna() & whole["share_pct"].isna()).sum()
    ranked = whole[whole["share_pct"].isna() & whole["rank"].notna()]
    sizes = dict(zip(ranked["rank"], rank.marker.size))
    assert [sizes[r] for r in sorted(sizes)] == sorted(sizes.values(), reverse=True)  # rank 1 is largest
    assert plexus.visible is False and len(plexus.x) == 0
    assert "sized by share" in fig.layout.title.text and "rank" in fig.layout.title.text
    assert fig.layout.xaxis.visible is False and len(fig.layout.shapes) >= 5  # skull, ribs, pelvis, limbs, spine...


def test_spine_view_shows_shares_of_spinal_lesions_and_the_plexus(sites: pd.DataFrame) -> None:
    fig = body_map.body_map_figure(sites, "spine")
    share, rank, listed, plexus = fig.data
    assert "spinal" in share.name and "not of all bone metastases" in fig.layout.title.text
    assert rank.visible is False and listed.visible is False and plexus.visible is True
    whole = body_map.body_map_figure(sites, "all")
    spine_shape = [i for i, sh in enumerate(fig.layout.shapes) if sh.path == skeleton.SKELETON_PATHS["spine"]]
    assert spine_shape and fig.layout.shapes[spine_shape[0]].opacity > whole.layout.shapes[spine_shape[0]].opacity
    parts = body_map.sites_in_view(sites, "spine")
    assert list(share.marker.size) == [body_map.share_size(s) for s in parts["share_pct"]]
    assert body_map.share_size(70) > body_map.share_size(20) > body_map.share_size(10) > 0
    callouts = [a.text for a in fig.layout.annotations if a.showarrow]
    assert any("Thoracic" in t and "70%" in t for t in callouts)


def test_body_map_text_is_escaped(sites: pd.DataFrame) -> None:
    sites.loc[0, "site_label"] = XSS
    sites.loc[0, "note"] = XSS
    fig = body_map.body_map_figure(sites, "all")
    shown = " ".join(str(t) for trace in fig.data[:3] for t in list(trace.hovertext or []) + list(trace.text or []))
    assert "<script>" not in shown and "&lt;script&gt;" in shown


def test_body_map_edge_cases(sites: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="unknown view"):
        body_map.body_map_figure(sites, "legs")  # type: ignore[arg-type]
    empty = sites.iloc[0:0]
    fig = body_map.body_map_figure(empty, "all")
    assert len(fig.data) == 4 and not any(trace.visible for trace in fig.data)
    assert body_map.describe_sites(empty, "spine") == ["No sites to show."]


def test_describe_sites_names_each_site_and_the_denominator(sites: pd.DataFrame) -> None:
    whole = body_map.describe_sites(sites, "all")
    assert len(whole) == len(body_map.sites_in_view(sites, "all"))
    ranked = sites.dropna(subset=["rank"]).sort_values("rank").iloc[1]
    assert any(line.startswith(ranked["site_label"]) and f"rank {int(ranked['rank'])}" in line for line in whole)
    spine = body_map.describe_sites(sites, "spine")
    assert any("not shares of all bone metastases" in line for line in spine)
    assert any("Batson" in line for line in spine)


# --- tables and panels -----------------------------------------------------------------------


def test_clean_text_drops_pointers_to_data_files() -> None:
    assert tables.clean_text("holes; lost (see detection_thresholds.csv).") == "holes; lost."
    assert tables.clean_text(None) == "" and tables.clean_text(float("nan")) == ""


def test_cycle_table_and_panel(cycle: pd.DataFrame) -> None:
    table = tables.cycle_table(cycle)
    assert list(table["Step"]) == sorted(cycle["step"]) and list(table.columns)[:2] == ["Step", "Who acts"]
    step = int(cycle["step"].min())
    panel = tables.cycle_step_panel(cycle, step)
    assert 'role="status"' in panel and f"Step {step} of {len(cycle)}" in panel
    with pytest.raises(ValueError):
        tables.cycle_step_panel(cycle, 1000)


def test_lesion_table_highest_risk_first_without_file_pointers(lesions: pd.DataFrame) -> None:
    table = tables.lesion_table(lesions)
    assert list(table["Mirels points for lesion type (1-3)"]) == sorted(lesions["mirels_score"], reverse=True)
    assert not table.apply(lambda col: col.astype(str).str.contains(r"\.csv")).any().any()
    panel = tables.lesion_panel(lesions, "blastic")
    assert "of 3" in panel and "Prostate" in panel


def test_sites_table_lists_spine_parts_last(sites: pd.DataFrame) -> None:
    table = tables.sites_table(sites)
    assert len(table) == len(sites)
    parts = table["Site"].isin(sites.loc[sites["site_id"].str.startswith("spine_"), "site_label"])
    assert parts.tail(int(parts.sum())).all()
    spine = table.set_index("Site").loc["Spine (vertebrae)"]
    assert spine["Share (%)"] == "70" and spine["Rank"] == "1"


def test_routes_and_glossary_tables_keep_the_order_asked_for() -> None:
    routes = tables.routes_table(load_table("spread_routes"), ["batson_vertebral", "caval_to_lung"])
    assert "Batson" in routes.iloc[0]["Veins the cells travel in"]
    with pytest.raises(KeyError):
        tables.routes_table(load_table("spread_routes"), ["nowhere"])
    glossary = tables.glossary_table(load_table("glossary"), ["osteoclast", "osteoblast"])
    assert list(glossary["Term"]) == ["osteoclast", "osteoblast"]
    with pytest.raises(KeyError, match="glossary term"):
        tables.glossary_table(load_table("glossary"), ["no such term"])


def test_source_ids_collects_single_and_listed_ids_in_order() -> None:
    a = pd.DataFrame({"source_id": ["x", "y", None]})
    b = pd.DataFrame({"source_ids": ["y; z", "w;x"]})
    assert source_ids(a, b) == ["x", "y", "z", "w"]
    assert source_ids(pd.DataFrame({"other": [1]})) == []


def test_select_rows_keeps_order_and_names_missing_keys() -> None:
    frame = pd.DataFrame({"k": ["a", "b", "c"], "v": [1, 2, 3]})
    assert list(tables.select_rows(frame, "k", ["c", "a", "c"])["v"]) == [3, 1]
    with pytest.raises(KeyError, match="'q'"):
        tables.select_rows(frame, "k", ["a", "q"])
