"""The glossary covers the jargon learners meet: every listed term, and every listed term set in bold.

A term matches a glossary row when it equals one of the row's names, ignoring case, apostrophes and
the kind of dash, and allowing a simple plural or singular. A row's names are its whole term, the term
without its brackets, what the brackets hold, and the parts of each between commas or semicolons:
"blastic (osteoblastic, sclerotic) lesion" is also "blastic lesion", "osteoblastic" and "sclerotic".
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

import helpers.data
from helpers.data import load_table

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: Technical terms that learners meet in the notebooks or in the tables they show; each needs a glossary row.
JARGON: tuple[str, ...] = (
    # the cascade
    "metastasis",
    "primary tumour",
    "invasion-metastasis cascade",
    "invasion",
    "intravasation",
    "extravasation",
    "circulating tumour cell",
    "anoikis",
    "epithelial-mesenchymal transition",
    "epithelial cell",
    "basement membrane",
    "extracellular matrix",
    "stroma",
    "matrix metalloproteinase",
    "E-cadherin",
    "endothelial cell",
    "VEGF",
    "angiogenesis",
    "dormancy",
    "micrometastasis",
    "colonisation",
    "cancer stem cell",
    "seed and soil",
    "prognostic",
    "logarithmic scale",
    "order of magnitude",
    # cancers, groups and numbers
    "carcinoma",
    "melanoma",
    "renal cell carcinoma",
    "myeloma",
    "solid tumour",
    "advanced cancer",
    "autopsy",
    "autopsy series",
    "denominator",
    "median",
    "overall survival",
    "confidence interval",
    "meta-analysis",
    "randomised trial",
    "cancer registry",
    "SEER",
    "NCDB",
    "synchronous metastasis",
    "metachronous metastasis",
    "cumulative incidence",
    "incidence proportion",
    "popular articles",
    # bone
    "osteoblast",
    "osteoclast",
    "bone matrix",
    "PTHrP",
    "RANKL",
    "osteoprotegerin",
    "TGF-beta",
    "IGF",
    "vicious cycle",
    "bone marrow",
    "haematopoietic",
    "vertebra",
    "vertebral body",
    "spinal cord",
    "cauda equina",
    "lesion",
    "lytic lesion",
    "blastic lesion",
    "pathological fracture",
    "functional pain",
    "Mirels score",
    "skeletal complications",
    "spinal cord compression",
    "hypercalcaemia",
    "bisphosphonate",
    "denosumab",
    "osteonecrosis of the jaw",
    "hypocalcaemia",
    # tests and signs
    "plain X-ray",
    "ionising radiation",
    "contrast agent",
    "contrast-enhanced ultrasound",
    "bone scan",
    "FDG-PET",
    "PET/CT",
    "CT",
    "MRI",
    "biopsy",
    "endoscopy",
    "sensitivity",
    "specificity",
    "tumour marker",
    "CEA",
    "CA19-9",
    "CA72-4",
    "systemic symptoms",
    "urgency level",
    "UKONS",
    "NICE",
    # lymph nodes and staging
    "lymph node",
    "lymph vessel",
    "lymphatic spread",
    "sentinel lymph node",
    "TNM staging",
    "N category",
    "M category",
    "M1",
    "stage IV",
    # routes and organs
    "portal vein",
    "capillary bed",
    "sinusoid",
    "venae cavae",
    "pulmonary vein",
    "adrenal gland",
    "Batson's plexus",
    "peritoneum",
    "peritoneal metastasis",
    "pleura",
    "ascites",
    "lymphangitic carcinomatosis",
    "bowel obstruction",
    "cirrhosis",
    "primary liver cancer",
    # surgery and follow-up
    "resection",
    "gastrectomy",
    "R0 resection",
    "curative treatment",
    "recurrence",
    "follow-up",
    "NCCN",
    "ESMO",
    "CSCO",
    "JGCA",
)

#: Terms of JARGON that no notebook or table uses yet, because the course is adding their topics now.
COMING_SOON: frozenset[str] = (
    frozenset()
)  # every term is taught now (lymph nodes and TNM in notebook 1, drug risks in notebook 3)

#: How a JARGON term is written where the course does not spell it out.
SEEN_AS: dict[str, str] = {
    "confidence interval": "95% CI",
    "synchronous metastasis": "synchronous",
    "metachronous metastasis": "metachronous",
    "R0 resection": "R0",
    "haematopoietic": "hematopoietic",  # as the bone-metastasis article spells it, in quotation
    "TNM staging": "TNM",
    "N category": "N0",
    "M category": "M0",
}

#: Bold phrases in the notebooks that are not worded as a JARGON entry but name a glossary row.
GLOSSED_BOLD: tuple[str, ...] = ("red marrow", "advanced disease", "logarithmic axis")


def _clean(text: str) -> str:
    """Dashes as '-', no apostrophes, single spaces, no trailing punctuation."""
    text = re.sub(r"[\u2010-\u2015]", "-", text).replace("'", "").replace("\u2019", "")
    return " ".join(text.split()).strip(" .:;,")


def _variants(phrase: str) -> set[str]:
    """The phrase (lower case) and its simple plural or singular forms."""
    p = _clean(phrase).lower()
    out = {p, p + "s", p + "es", p + "e"}
    for end, repl in (("ies", "y"), ("es", ""), ("s", ""), ("is", "es"), ("es", "is"), ("ae", "a"), ("y", "ies")):
        if p.endswith(end):
            out.add(p[: -len(end)] + repl)
    return out


def _names(term: str) -> set[str]:
    """Every name a glossary term gives (see the module docstring)."""
    whole = [term, re.sub(r"\s*\([^)]*\)", "", term), *re.findall(r"\(([^)]*)\)", term)]
    parts = [piece for name in whole for piece in [name, *re.split(r"[,;]\s*", name)]]
    return {_clean(p).lower() for p in parts if _clean(p)}


def glossary_names(glossary: pd.DataFrame) -> set[str]:
    """Every name that some glossary row gives."""
    return {name for term in glossary["term"] for name in _names(term)}


def missing_from(glossary: pd.DataFrame, terms: tuple[str, ...] | list[str]) -> list[str]:
    """The terms that no glossary row names."""
    names = glossary_names(glossary)
    return [t for t in terms if not _variants(t) & names]


def bold_phrases() -> list[tuple[str, str]]:
    """(notebook, phrase) for every **bold** phrase in the notebooks' markdown cells."""
    found: list[tuple[str, str]] = []
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                bold = re.findall(r"\*\*(.+?)\*\*", "".join(cell["source"]), re.S)
                found += [(path.name, " ".join(b.split())) for b in bold]
    return found


def checked_bold(phrases: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The bold phrases that are jargon: in JARGON or GLOSSED_BOLD (case-insensitive, plural allowed)."""
    listed = {v for term in (*JARGON, *GLOSSED_BOLD) for v in _variants(term)}
    return [(nb, p) for nb, p in phrases if _clean(p).lower() in listed]


@cache
def course_text() -> str:
    """Markdown and code of every notebook, and every file of data/ except the glossary itself."""
    texts = ["".join(c["source"]) for p in NOTEBOOKS for c in json.loads(p.read_text(encoding="utf-8"))["cells"]]
    data = [p for p in sorted((ROOT / "data").rglob("*")) if p.suffix in (".csv", ".md") and p.name != "glossary.csv"]
    texts += [p.read_text(encoding="utf-8") for p in data]
    return _clean("\n".join(texts))


def absent_from_course(terms: tuple[str, ...] | list[str], text: str) -> list[str]:
    """The terms (or their SEEN_AS form) that the text never uses; abbreviations must match in case."""
    absent: list[str] = []
    for term in terms:
        shown = SEEN_AS.get(term, term)
        flags = 0 if sum(ch.isupper() for ch in shown) >= 2 else re.I
        forms = _variants(shown) if flags else {_clean(shown), _clean(shown) + "s"}
        if not any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text, flags) for f in forms):
            absent.append(term)
    return absent


def test_lists_are_consistent() -> None:
    assert len(JARGON) == len({t.lower() for t in JARGON}), "a term is listed twice"
    assert COMING_SOON <= set(JARGON) and set(SEEN_AS) <= set(JARGON)


def test_every_jargon_term_has_a_glossary_row() -> None:
    assert missing_from(load_table("glossary"), JARGON) == []


def test_every_jargon_term_set_in_bold_has_a_glossary_row() -> None:
    checked = checked_bold(bold_phrases())
    assert len(checked) >= 30, "the bold check has stopped finding the notebooks' bold terms"
    missing = set(missing_from(load_table("glossary"), [p for _, p in checked]))
    assert [(nb, p) for nb, p in checked if p in missing] == []


def test_every_glossed_bold_phrase_is_still_bold_somewhere() -> None:
    bold = {_clean(p).lower() for _, p in bold_phrases()}
    assert [p for p in GLOSSED_BOLD if p not in bold] == []


def test_every_jargon_term_is_used_in_the_course() -> None:
    used_now = [t for t in JARGON if t not in COMING_SOON]
    assert absent_from_course(used_now, course_text()) == []


def test_matching_allows_plurals_brackets_and_lists() -> None:
    terms = ["blastic (osteoblastic, sclerotic) lesion", "CEA, CA19-9, CA72-4", "vertebra", "Mirels score"]
    glossary = pd.DataFrame({"term": terms})
    assert missing_from(glossary, ["blastic lesions", "sclerotic", "ca19-9", "vertebrae", "Mirels' score"]) == []
    assert missing_from(glossary, ["lesion", "CA 19-9", "blastic"]) == ["lesion", "CA 19-9", "blastic"]


def test_a_removed_row_is_reported(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each check fails when a row it relies on is taken out of a copy of the glossary."""
    full = load_table("glossary")
    path = data_copy / "glossary.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(("stroma,", "portal vein,"))]
    path.write_text("".join(kept), encoding="utf-8")
    monkeypatch.setenv("METASTASIS_DATA_DIR", str(data_copy))
    helpers.data._load_cached.cache_clear()  # load_table caches by folder and file time: start afresh
    glossary = load_table("glossary")
    assert helpers.data.data_dir() == data_copy and len(glossary) == len(full) - 2
    assert missing_from(glossary, JARGON) == ["stroma", "portal vein"]
    checked = checked_bold(bold_phrases())
    assert "portal vein" in missing_from(glossary, [p for _, p in checked])  # nb 5 sets it in bold


def test_a_term_the_course_does_not_use_is_reported() -> None:
    text = course_text()
    terms = ["metastasis", "quasi-metastatic drift", "Mirels score", "confidence interval"]
    assert absent_from_course(terms, text) == ["quasi-metastatic drift"]
    assert absent_from_course(["CEA"], "cease and ceased") == ["CEA"]  # abbreviations match whole words, in case
