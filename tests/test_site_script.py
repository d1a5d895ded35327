"""The website's script (site/_static/course.js) computes what the Python computes, run under Node.

Its pure functions are checked against the Python they stand in for: the follow-up calculator's month arithmetic on
more than 500 dates (29-31 January, leap days, year ends), the glossary search on many queries, and the filter of a
multi-select's sentences.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from helpers.data import load_table
from helpers.lessons.follow_up_after_surgery.dates import add_months
from helpers.lessons.start_here.explorers import glossary_html, matching_terms

SCRIPT = Path(__file__).resolve().parents[1] / "site" / "_static" / "course.js"
NODE = shutil.which("node")


def run(calls: list[tuple[str, list[Any]]]) -> list[Any]:
    """Call course.js's functions under Node, one result per call."""
    if NODE is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("Node.js is needed to test the website's script")
        pytest.skip("Node.js is needed to test the website's script")
    program = (
        f"const api = require({json.dumps(str(SCRIPT))});"
        "const calls = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(calls.map(([f, args]) => api[f](...args))));"
    )
    done = subprocess.run([NODE, "-e", program], input=json.dumps(calls), capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


def test_month_arithmetic_matches_python_on_500_dates() -> None:
    starts = [date(2023, 12, 15) + timedelta(days=n) for n in range(0, 800, 7)]  # every weekday over two years
    starts += [date(y, 1, d) for y in (2023, 2024, 2100) for d in (28, 29, 30, 31)]  # month ends, 2100 not leap
    starts += [date(2024, 2, 29), date(2000, 2, 29), date(2023, 12, 31), date(2024, 12, 31), date(1999, 12, 31)]
    cases = [(start, months) for start in starts for months in (1, 3, 6, 12, 13, 25, 60, 119)]
    assert len(cases) >= 500
    got = run([("addMonths", [start.isoformat(), months]) for start, months in cases])
    want = [add_months(start, months).isoformat() for start, months in cases]
    mismatches = [(c, g, w) for c, g, w in zip(cases, got, want) if g != w]
    assert not mismatches, mismatches[:5]


def test_glossary_search_matches_python() -> None:
    glossary = load_table("glossary").sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)
    terms = [[t, d] for t, d in zip(glossary["term"], glossary["definition"])]
    queries = ["", "  ", "bone", "BONE", "marrow", "scan", "PTHrP", "ct", "x-ray", "cell", "no such term", "<b>", "é"]
    got = run([("glossaryHtml", [terms, q]) for q in queries])
    want = [glossary_html(matching_terms(glossary, q)) for q in queries]
    assert got == want


def test_escaping_matches_markupsafe() -> None:
    from markupsafe import escape

    texts = ["<script>alert('x')</script>", 'a "quoted" & more', "plain"]
    assert run([("esc", [t]) for t in texts]) == [str(escape(t)) for t in texts]


def test_the_multi_select_filter_keeps_the_chosen_sentences() -> None:
    html = "<div><strong>The chart in words:</strong><ul><li>Breast: 65%.</li><li>Lung: 30%.</li></ul></div>"
    one, none = run([("filterText", [html, ["Lung"], "Nothing"]), ("filterText", [html, [], "Nothing"])])
    assert one == "<div><strong>The chart in words:</strong><ul><li>Lung: 30%.</li></ul></div>"
    assert "<li>Nothing</li>" in none and "Breast" not in none
