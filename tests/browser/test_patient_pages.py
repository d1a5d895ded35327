"""The patient pages in the app view (Voila), offline: no code, no error, large type, no accessibility finding; the
urgency card and the question sheet each print on one page (Chromium's PDF, pages counted with pypdf)."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, SCREENSHOTS, record
from driver import (
    PageReport,
    code_is_shown,
    count_charts,
    full_page_screenshot,
    open_in_voila,
    page_errors,
    run_axe,
    unrendered_outputs,
)

PAGES = sorted(p.name for p in (ROOT / "notebooks" / "patients").glob("[0-9][0-9]-*.ipynb"))
SHEETS = {
    "02-when-to-contact-your-care-team.ipynb": "urgency-card",
    "06-questions-to-ask-your-care-team.ipynb": "question-sheet",
}


def charts_in(notebook: str) -> int:
    return len(re.findall(r"chart\(spec\)", (ROOT / "notebooks" / "patients" / notebook).read_text(encoding="utf-8")))


@pytest.mark.parametrize("notebook", PAGES)
def test_patient_page_in_voila(page: object, voila_server: str, axe_js: Path, notebook: str) -> None:
    report = PageReport(f"patients/{notebook}", "voila")
    try:
        report.seconds_to_ready = open_in_voila(page, voila_server, f"patients/{notebook}")  # type: ignore[arg-type]
        report.errors = page_errors(page) + unrendered_outputs(page)  # type: ignore[arg-type]
        assert not code_is_shown(page), f"{notebook}: the app view shows code"  # type: ignore[arg-type]
        SCREENSHOTS.joinpath("voila").mkdir(parents=True, exist_ok=True)
        full_page_screenshot(page, str(SCREENSHOTS / "voila" / f"patients-{Path(notebook).stem}.png"))  # type: ignore[arg-type]
        report.charts = count_charts(page)  # type: ignore[arg-type]
        report.axe = run_axe(page, axe_js)  # type: ignore[arg-type]
        font = page.evaluate(  # type: ignore[attr-defined]
            "() => parseFloat(getComputedStyle(document.querySelector('.jp-RenderedMarkdown p')).fontSize)"
        )
    finally:
        report.blocked = list(page.blocked)  # type: ignore[attr-defined]
        record(report)
    assert not report.errors, f"{notebook}: error output shown: {report.errors}"
    assert report.charts == charts_in(notebook), f"{notebook}: {report.charts} charts drawn"
    assert font >= 20, f"{notebook}: body text is {font}px, not large type"
    assert not report.axe, f"{notebook}: serious or critical accessibility violations: {report.axe}"


def _words(text: str) -> str:
    """Lower-case words only (NFKC turns the PDF's ligatures, such as 'ﬁ', back into letters)."""
    return " ".join(re.sub(r"[^\w%]+", " ", unicodedata.normalize("NFKC", text)).split()).lower()


@pytest.mark.parametrize("notebook", sorted(SHEETS))
def test_the_sheet_prints_on_one_page(page: object, voila_server: str, notebook: str) -> None:
    from pypdf import PdfReader

    from helpers.data import load_table
    from helpers.urgency import levels

    open_in_voila(page, voila_server, f"patients/{notebook}")  # type: ignore[arg-type]
    pdf = page.pdf(format="A4", print_background=True)  # type: ignore[attr-defined]
    (ROOT / "tests" / "artifacts").mkdir(parents=True, exist_ok=True)
    (ROOT / "tests" / "artifacts" / f"print-{Path(notebook).stem}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = _words(" ".join(p.extract_text() or "" for p in reader.pages))
    if SHEETS[notebook] == "urgency-card":
        expected = [lv.name for lv in levels(load_table("urgency_levels")).values()]
        expected += list(load_table("patient_signs")["plain_words"])
    else:
        expected = list(load_table("question_prompts")["question"])
    missing = [e for e in expected if _words(e) not in text]
    assert not missing, f"{notebook}: the printout lacks {missing[:3]}"
    assert "course map" not in text and "where these facts come from" not in text, "the rest of the page was printed"
    assert len(reader.pages) == 1, f"{notebook}: the sheet prints on {len(reader.pages)} pages"
