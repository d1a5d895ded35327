"""'Where cancer spreads' builders and tables: pure functions from the tables to figures, sentences and tables."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import style
from helpers.data import load_table
from helpers.lessons.where_cancer_spreads import brain_mets, labels, metastatic_sites, spread_routes
from helpers.lessons.where_cancer_spreads.tables import brain_order_table, dataset_comparison, sites_html
from helpers.text import short_cite, source_ids, wrap_html

EVIL = "<script>alert(1)</script>"


@pytest.fixture
def sites() -> pd.DataFrame:
    return load_table("metastatic_sites")


@pytest.fixture
def sources() -> pd.DataFrame:
    return load_table("sources")


@pytest.fixture
def routes() -> pd.DataFrame:
    return load_table("spread_routes")


@pytest.fixture
def brain() -> pd.DataFrame:
    return load_table("brain_mets_incidence")


@pytest.fixture
def myths() -> pd.DataFrame:
    return load_table("myths")


def all_text(fig: object) -> str:
    return fig.to_json()  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- small text helpers
@pytest.mark.parametrize(
    ("source_id", "expected"),
    [
        ("riihimaki2016", "Riihimäki 2016"),
        ("barnholtzsloan2004", "Barnholtz-Sloan 2004"),
        ("vangestel2014", "van Gestel 2014"),
    ],
)
def test_short_citation(sources: pd.DataFrame, source_id: str, expected: str) -> None:
    assert short_cite(sources, source_id) == expected


def test_short_citation_rejects_unknown_source(sources: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match="nope"):
        short_cite(sources, "nope")


def test_cut_keeps_brackets_together() -> None:
    assert (
        labels.cut("Portal vein (collects blood from the gut, pancreas and spleen)")
        == "Portal vein (collects blood from the gut, pancreas and spleen)"
    )
    assert (
        labels.cut("Pulmonary veins to the left heart, then systemic arteries") == "Pulmonary veins to the left heart"
    )
    assert (
        labels.cut("Vertebrae, pelvic bones and sacrum; the plexus reaches up to the skull", ";")
        == "Vertebrae, pelvic bones and sacrum"
    )


def test_lower_first_keeps_acronyms() -> None:
    assert labels.lower_first("Patients with cancer") == "patients with cancer"
    assert labels.lower_first("SEER patients") == "SEER patients"
    assert labels.lower_first("11,918 patients") == "11,918 patients"


def test_wrap_escapes_each_line() -> None:
    wrapped = wrap_html(f"a long line {EVIL} that must be broken", 12)
    assert "<br>" in wrapped and "<script>" not in wrapped and "&lt;script&gt;" in wrapped


def test_split_notes_separates_shared_caveats_from_row_notes() -> None:
    shared, rest = labels.split_notes(
        ["n = 250. Patients can have more than one site.", "n = 234. Patients can have more than one site."]
    )
    assert shared == ["Patients can have more than one site."]
    assert rest == ["n = 250.", "n = 234."]
    assert labels.split_notes([float("nan"), None]) == ([], ["", ""])
    assert labels.split_notes([]) == ([], [])


# --------------------------------------------------------------------------- metastatic sites
def test_primaries_in_table_order(sites: pd.DataFrame) -> None:
    choices = metastatic_sites.primaries(sites)
    assert choices[0] == ("Stomach (gastric) cancer", "gastric")
    assert len(choices) == sites["primary"].nunique()


def test_site_view_names_each_gastric_dataset(sites: pd.DataFrame, sources: pd.DataFrame) -> None:
    view = metastatic_sites.site_view(sites, sources, "gastric")
    labels = list(dict.fromkeys(view["dataset_label"]))
    assert labels == [
        "Swedish Cancer Registry (Riihimäki 2016)",
        "US National Cancer Database (Sirody 2022)",
        "SEER 2010-2015 (Zhang 2020)",
    ]
    sweden = view[view["dataset"] == "sweden_registry"]
    assert sweden["pct"].tolist() == sorted(sweden["pct"], reverse=True)


def test_site_view_tells_datasets_of_one_cancer_apart(sites: pd.DataFrame, sources: pd.DataFrame) -> None:
    gastric = sites[sites["primary"] == "gastric"]
    labels = set(metastatic_sites.site_view(gastric, sources, "gastric")["dataset_label"])
    assert len(labels) == gastric["dataset"].nunique() >= 2


def test_site_view_of_unknown_primary_is_empty(sites: pd.DataFrame, sources: pd.DataFrame) -> None:
    view = metastatic_sites.site_view(sites, sources, "no_such_cancer")
    assert view.empty
    fig = metastatic_sites.sites_chart(view, 3)
    assert len(fig.data) == 3 and "No data" in fig.layout.title.subtitle.text
    assert "No data" in sites_html(view)


@pytest.mark.parametrize("primary", ["gastric", "breast", "pancreas", "lung_nsclc", "kidney"])
def test_sites_chart_is_accessible_with_a_fixed_trace_count(
    sites: pd.DataFrame, sources: pd.DataFrame, primary: str
) -> None:
    view = metastatic_sites.site_view(sites, sources, primary)
    fig = metastatic_sites.sites_chart(view, 3)
    assert len(fig.data) == 3
    assert fig.layout.title.text.startswith("Where metastases were found")
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text == "Metastatic site"
    assert {t.marker.color for t in fig.data} <= set(style.SAFE)
    used = [t for t in fig.data if len(t.x)]
    assert len(used) == view["dataset"].nunique()
    assert len({t.marker.pattern.shape for t in used}) == len(used)  # a pattern per dataset, not colour alone
    assert sorted(x for t in fig.data for x in t.x) == sorted(view["pct"])


def test_sites_chart_shows_the_denominator_of_a_single_dataset(sites: pd.DataFrame, sources: pd.DataFrame) -> None:
    fig = metastatic_sites.sites_chart(metastatic_sites.site_view(sites, sources, "prostate"), 3)
    assert "74,826 patients with metastatic prostate cancer" in fig.layout.title.subtitle.text
    bars = next(t for t in fig.data if len(t.x))
    assert "of 74,826 patients" in bars.hovertext[0]


def test_sites_chart_puts_the_first_dataset_on_top(sites: pd.DataFrame, sources: pd.DataFrame) -> None:
    fig = metastatic_sites.sites_chart(metastatic_sites.site_view(sites, sources, "gastric"), 3)
    assert fig.data[-1].name.startswith("Swedish") and fig.layout.legend.traceorder == "reversed"
    assert list(fig.layout.yaxis.categoryarray)[-1] == "Liver"  # the highest share at the top


def test_sites_chart_refuses_too_few_traces(sites: pd.DataFrame, sources: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="n_traces"):
        metastatic_sites.sites_chart(metastatic_sites.site_view(sites, sources, "gastric"), 2)


def test_the_table_says_what_a_dataset_does_not_report(sites: pd.DataFrame, sources: pd.DataFrame) -> None:
    view = metastatic_sites.site_view(sites, sources, "gastric")
    assert metastatic_sites.missing_sites(view, "us_seer") == [
        "Other distant sites, including the peritoneum",
        "Peritoneum",
        "Distant lymph nodes",
        "Bone, brain or lung (combined in the source)",
    ]
    assert metastatic_sites.missing_sites(view, "sweden_registry")[-1] == "Brain"
    page = sites_html(view)
    seer = page[page.index("<strong>SEER") :]
    assert (
        "Not reported in this dataset: Other distant sites, including the peritoneum, Peritoneum" in seer
        and "SEER does not code peritoneum" in seer
    )
    assert "Not reported" not in sites_html(metastatic_sites.site_view(sites, sources, "breast"))


def test_site_text_from_data_is_escaped(sites: pd.DataFrame, sources: pd.DataFrame) -> None:
    sites.loc[sites["primary"] == "gastric", "site_label"] = EVIL
    sites.loc[sites["primary"] == "gastric", "population"] = EVIL
    view = metastatic_sites.site_view(sites, sources, "gastric")
    assert "<script>" not in all_text(metastatic_sites.sites_chart(view, 3))
    assert "<script>" not in sites_html(view) and "&lt;script&gt;" in sites_html(view)


def test_sites_html_is_a_table_per_dataset_with_the_warning(sites: pd.DataFrame, sources: pd.DataFrame) -> None:
    page = sites_html(metastatic_sites.site_view(sites, sources, "gastric"))
    assert page.count("<table") == 3 and "Read each percentage with its denominator" in page
    assert "Percentages are of: Gastric cancer patients with metastases" in page


# --------------------------------------------------------------------------- routes
def test_route_choices_start_with_all(routes: pd.DataFrame) -> None:
    choices = spread_routes.route_choices(routes)
    assert choices[0] == ("All routes", spread_routes.ALL_ROUTES)
    assert ("Gut cancers", "portal_to_liver") in choices and len(choices) == len(routes) + 1


def test_routes_chart_is_one_sankey_with_four_stages_per_route(routes: pd.DataFrame) -> None:
    fig = spread_routes.routes_chart(routes)
    assert len(fig.data) == 1 and fig.data[0].type == "sankey"
    assert len(fig.data[0].node.label) == 4 * len(routes) and len(fig.data[0].link.source) == 3 * len(routes)
    assert fig.layout.title.text == "The routes cancer cells take"
    assert fig.layout.xaxis.visible is False and fig.layout.annotations[0].text == "<b>Where it starts</b>"


def test_highlight_fades_the_other_routes_and_names_the_route(routes: pd.DataFrame) -> None:
    fig = spread_routes.routes_chart(routes, "portal_to_liver")
    links = list(fig.data[0].link.color)
    assert all(c.endswith("0.75)") for c in links[:3]) and all(c.endswith("0.12)") for c in links[3:])
    assert "Highlighted: Gut cancers drained by the portal vein" in fig.layout.title.subtitle.text
    assert "Liver (hepatic sinusoids)" in fig.layout.title.subtitle.text
    everything = spread_routes.routes_chart(routes)
    assert all(c.endswith("0.75)") for c in everything.data[0].link.color)


def test_unknown_route_fails_loudly(routes: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match="no_route"):
        spread_routes.routes_chart(routes, "no_route")
    with pytest.raises(KeyError):
        spread_routes.describe_routes(routes, "no_route")


def test_describe_routes(routes: pd.DataFrame) -> None:
    assert len(spread_routes.describe_routes(routes)) == len(routes)
    batson = spread_routes.describe_routes(routes, "batson_vertebral")
    assert batson[0] == "Route highlighted: Cancers of the pelvis and breast."
    assert any("Batson's plexus" in line for line in batson) and batson[-1].startswith("Note: ")


def test_route_text_is_escaped(routes: pd.DataFrame) -> None:
    routes.loc[0, "vein_system"] = EVIL
    assert "<script>" not in all_text(spread_routes.routes_chart(routes, routes.loc[0, "route_id"]))


# --------------------------------------------------------------------------- brain metastases
def test_seed_claim_is_read_from_the_myths_table(myths: pd.DataFrame) -> None:
    pct, order = brain_mets.seed_brain_claim(myths)
    assert pct == 20
    assert order == ["breast cancer", "melanoma", "renal cell carcinoma", "colorectal cancer", "lung cancer"]


def test_seed_claim_errors_are_clear(myths: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match=brain_mets.SEED_BRAIN_MYTH):
        brain_mets.seed_brain_claim(myths[myths["myth_id"] != brain_mets.SEED_BRAIN_MYTH])
    myths.loc[myths["myth_id"] == brain_mets.SEED_BRAIN_MYTH, "seed_claim"] = "something else"
    with pytest.raises(ValueError, match="cannot read"):
        brain_mets.seed_brain_claim(myths)


def test_brain_view_orders_single_cancers_then_pooled(brain: pd.DataFrame) -> None:
    view = brain_mets.brain_view(brain, ["barnholtzsloan2004"])
    assert view["primary"].tolist() == ["lung", "melanoma", "renal", "breast", "colorectal", "all_five"]
    assert brain_mets.brain_view(brain, []).empty


def test_brain_chart_has_a_trace_per_study_and_the_seed_line(brain: pd.DataFrame, sources: pd.DataFrame) -> None:
    studies = brain_mets.brain_studies(brain, sources)
    assert [sid for _, sid in studies] == ["barnholtzsloan2004", "schouten2002", "habbous2021"]
    fig = brain_mets.brain_chart(brain_mets.brain_view(brain, ["schouten2002"]), studies, 20)
    assert len(fig.data) == 3 and sum(bool(len(t.x)) for t in fig.data) == 1
    assert fig.layout.shapes[0].x0 == 20 and fig.layout.shapes[0].visible is True
    assert "20% of cancer patients" in fig.layout.annotations[0].text
    assert fig.layout.xaxis.range[1] > 20
    assert fig.layout.yaxis.title.text == "Primary cancer" and "brain metastases" in fig.layout.xaxis.title.text
    hidden = brain_mets.brain_chart(brain_mets.brain_view(brain, ["schouten2002"]), studies, 20, show_seed=False)
    assert hidden.layout.shapes[0].visible is False and hidden.layout.annotations[0].visible is False


def test_pooled_rows_are_labelled_and_hatched(brain: pd.DataFrame, sources: pd.DataFrame) -> None:
    studies = brain_mets.brain_studies(brain, sources)
    fig = brain_mets.brain_chart(brain_mets.brain_view(brain, ["barnholtzsloan2004"]), studies, 20)
    bars = next(t for t in fig.data if len(t.x))
    pooled = list(bars.y).index("All five cancers combined")
    assert bars.text[pooled].endswith("(pooled)") and bars.marker.pattern.shape[pooled] == "/"


def test_describe_brain_gives_the_order_and_the_seed(brain: pd.DataFrame, sources: pd.DataFrame) -> None:
    studies = brain_mets.brain_studies(brain, sources)
    lines = brain_mets.describe_brain(brain_mets.brain_view(brain, ["barnholtzsloan2004"]), studies, 20)
    assert "Lung cancer 19.9%, Melanoma 6.9%, Kidney (renal) cancer 6.5%" in lines[0]
    assert lines[-1].startswith("The popular article says 20% of cancer patients") and "Lung cancer, 19.9%" in lines[-1]
    assert brain_mets.describe_brain(brain_mets.brain_view(brain, []), studies) == ["No study chosen."]


# --------------------------------------------------------------------------- tables
def test_dataset_comparison_puts_gastric_datasets_side_by_side(sites: pd.DataFrame, sources: pd.DataFrame) -> None:
    table = dataset_comparison(sites, sources, "gastric").set_index("")
    sweden, ncdb, seer = table.columns
    assert table.loc["Commonest site in this dataset"].tolist() == [
        "Liver",
        "Other distant sites, including the peritoneum",
        "Liver",
    ]
    assert table.loc["Peritoneum", seer] == "not reported" and table.loc["Peritoneum", ncdb] == "not reported"
    assert table.loc["Other distant sites, including the peritoneum", ncdb].startswith("43%; n = 2,028")
    assert table.loc["Liver", sweden] == "48%"
    with pytest.raises(KeyError):
        dataset_comparison(sites, sources, "no_such_cancer")


def test_brain_order_table_ranks_lung_first(brain: pd.DataFrame, sources: pd.DataFrame, myths: pd.DataFrame) -> None:
    _, order = brain_mets.seed_brain_claim(myths)
    table = brain_order_table(brain, sources, order)
    assert table["The popular article lists"].tolist()[0] == "Breast cancer"
    assert list(table.columns)[2:] == [
        "Barnholtz-Sloan 2004 (incidence proportion, 1973-2001)",
        "Schouten 2002 (5-year cumulative incidence)",
    ]
    assert table.iloc[0, 2] == "Lung cancer: 19.9%" and table.iloc[-1, 2] == "Colorectal cancer: 1.8%"


def test_source_ids_split_lists_and_keep_first_order(myths: pd.DataFrame, routes: pd.DataFrame) -> None:
    ids = source_ids(routes, myths[myths["topic"] == "where_spreads"])
    assert ids[0] == routes["source_id"].iloc[0]
    named = {i.strip() for cell in myths[myths["topic"] == "where_spreads"]["source_ids"] for i in cell.split(";")}
    assert named <= set(ids) and len(ids) == len(set(ids))
    assert not any(";" in i for i in ids)


def test_percentages_are_formatted_without_trailing_zeros() -> None:
    assert labels.pct_text(45.0) == "45%" and labels.pct_text(14.9) == "14.9%"
