"""The popular articles' claims beside the evidence: the one myth table every notebook shows (``data/myths.csv``)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.text import article_name, cites

#: How each verdict reads in a table.
VERDICTS: dict[str, str] = {
    "wrong": "Wrong",
    "overstated": "Overstated",
    "imprecise": "Imprecise",
    "unsupported": "Unsupported",
}


def select_myths(myths: pd.DataFrame, topic: str, also: Sequence[str] = ()) -> pd.DataFrame:
    """The myths of ``topic``, then those named in ``also`` (each once). KeyError for an unknown myth id."""
    unknown = sorted(set(also) - set(myths["myth_id"]))
    if unknown:
        raise KeyError(f"no myth {unknown} in data/myths.csv")
    extra = myths.set_index("myth_id").loc[list(dict.fromkeys(also))].reset_index() if also else myths.iloc[0:0]
    return pd.concat([myths[myths["topic"] == topic], extra]).drop_duplicates("myth_id").reset_index(drop=True)


def myth_table(myths: pd.DataFrame, topic: str, also: Sequence[str] = ()) -> pd.DataFrame:
    """The claims on ``topic`` (plus the myths named in ``also``): which article, what it says, the verdict, the evidence,
    the better figure and the sources, cited as 'Yang 2011' (every cell plain text; :func:`helpers.text.html_table`
    escapes it)."""
    rows = select_myths(myths, topic, also)
    return pd.DataFrame(
        {
            "Popular article": [article_name(a) for a in rows["article"]],
            "The popular article says": [f"\u201c{claim}\u201d" for claim in rows["seed_claim"]],
            "Verdict": [VERDICTS.get(v, v) for v in rows["verdict"]],
            "What the evidence says": rows["what_the_evidence_says"].tolist(),
            "Better figure": rows["better_figure"].fillna("\u2014").tolist(),
            "Sources": cites(rows["source_ids"]),
        }
    )
