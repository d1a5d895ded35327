"""Table alternatives for the 'Where cancer spreads' notebook: pure functions, tables in, DataFrames or escaped HTML out."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.lessons.where_cancer_spreads.brain_mets import is_combined
from helpers.lessons.where_cancer_spreads.labels import lower_first, pct_text
from helpers.lessons.where_cancer_spreads.metastatic_sites import missing_sites, site_order, site_view
from helpers.text import esc, html_table_rows, short_cite

NOT_REPORTED = "not reported"


def sites_html(view: pd.DataFrame) -> str:
    """The site explorer's table alternative: per dataset who was counted, of whom the percentages are, and its sites."""
    if view.empty:
        return "<p>No data for this choice.</p>"
    blocks = [
        (
            '<p role="note"><strong>Read each percentage with its denominator.</strong> Each dataset counted different '
            "people, at a different time, from different records: compare sites <em>within</em> a dataset, not figures "
            "between datasets or between primary cancers.</p>"
        )
    ]
    records = view.to_dict("records")  # a dozen rows: plain dicts, no pandas per value
    for order in sorted({r["dataset_order"] for r in records}):
        rows = [r for r in records if r["dataset_order"] == order]
        first = rows[0]
        with_notes = any(str(r["row_note"]).strip() for r in rows)
        header = ["Site", "Share with metastases there"] + (["Note"] if with_notes else [])
        cells = [[r["site_label"], pct_text(r["pct"])] + ([r["row_note"]] if with_notes else []) for r in rows]
        blocks.append(
            f"<p><strong>{esc(first['dataset_label'])}.</strong> Who was counted: {esc(first['population'])}. "
            f"Percentages are of: {esc(first['denominator'])}."
            + (f" Caveat: {esc(first['shared_note'])}" if first["shared_note"] else "")
            + (
                f" Not reported in this dataset: {esc(', '.join(missing))}."
                if (missing := missing_sites(view, first["dataset"]))
                else ""
            )
            + "</p>"
        )
        blocks.append(html_table_rows(header, cells, f"Metastatic sites, {first['dataset_label']}"))
    return '<div role="status" aria-live="polite">' + "".join(blocks) + "</div>"


def dataset_comparison(sites: pd.DataFrame, sources: pd.DataFrame, primary: str = "gastric") -> pd.DataFrame:
    """The datasets of one primary side by side: what each counts, then each site's share (or 'not reported').

    One column per dataset; rows: who was counted, of whom the percentages are, the caveats every row
    shares, one row per site (highest first) and the commonest site in each dataset.
    """
    view = site_view(sites, sources, primary)
    if view.empty:
        raise KeyError(f"no rows for primary {primary!r} in data/metastatic_sites.csv")
    datasets = view.drop_duplicates("dataset").sort_values("dataset_order")
    columns: dict[str, list[str]] = {"": ["Who was counted", "Percentages are of", "Caveats"]}
    order = site_order(view)
    columns[""] += [*order, "Commonest site in this dataset"]
    for ds in datasets.itertuples(index=False):
        rows = view[view["dataset"] == ds.dataset]
        by_site = {
            r.site_label: pct_text(r.pct) + (f"; {lower_first(r.row_note.rstrip('.'))}" if r.row_note else "")
            for r in rows.itertuples(index=False)
        }
        top = rows.loc[rows["pct"].idxmax(), "site_label"]
        columns[ds.dataset_label] = [ds.population, ds.denominator, ds.shared_note or "(none given)"]
        columns[ds.dataset_label] += [by_site.get(site, NOT_REPORTED) for site in order] + [top]
    return pd.DataFrame(columns)


def brain_order_table(brain: pd.DataFrame, sources: pd.DataFrame, seed_order: Sequence[str]) -> pd.DataFrame:
    """Rank by rank: the cancers in the order the seed lists them, beside each study's order by measured share.

    Only studies that report single cancers get a column (a study of all cancers pooled has no order).
    """
    single = brain[~brain["primary"].map(is_combined)]
    n = max([len(seed_order), *single.groupby("source_id").size().tolist()])
    columns: dict[str, list[str]] = {
        "Rank": [str(i + 1) for i in range(n)],
        "The popular article lists": [str(s)[:1].upper() + str(s)[1:] for s in seed_order]
        + [""] * (n - len(seed_order)),
    }
    for source_id, rows in single.groupby("source_id", sort=False):
        ranked = rows.sort_values("pct", ascending=False)
        cells = [f"{r.primary_label}: {pct_text(r.pct)}" for r in ranked.itertuples(index=False)]
        columns[f"{short_cite(sources, str(source_id))} ({ranked['measure'].iloc[0]})"] = cells + [""] * (
            n - len(cells)
        )
    return pd.DataFrame(columns)
