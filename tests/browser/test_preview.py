"""The printable preview: every notebook exported to standalone HTML whose charts show offline, with no kernel."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SCREENSHOTS

sys.path.insert(0, str(ROOT / "tools"))
import export_preview

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int]]:
    out = tmp_path_factory.mktemp("preview")
    return {page.stem: (page, charts) for page, charts, _ in export_preview.export(NOTEBOOKS, out)}


def test_every_notebook_is_exported_with_its_charts_and_nothing_from_the_internet(
    pages: dict[str, tuple[Path, int]],
) -> None:
    assert set(pages) == {p.stem for p in NOTEBOOKS}
    for name, (page, charts) in pages.items():
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', text), (
            f"{name} loads something from the internet"
        )
        assert text.count("plotly.js v") <= 2, f"{name}: plotly.js is embedded more than once"
        assert "from helpers" not in text, f"{name}: code is shown"
        if not name.startswith("00-"):
            assert charts >= 1 and text.count('class="plotly-graph-div"') == charts, name
    assert (next(iter(pages.values()))[0].parent / "index.html").exists()


def test_an_exported_page_shows_its_charts_offline(page: object, pages: dict[str, tuple[Path, int]]) -> None:
    exported, charts = pages["02-bone-metastasis-rates"]
    page.goto(exported.as_uri())  # type: ignore[attr-defined]
    page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}")  # type: ignore[attr-defined]
    assert page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length") == charts  # type: ignore[attr-defined]
    assert not page.blocked, f"the page asked the internet for: {page.blocked}"  # type: ignore[attr-defined]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "preview-02-bone-metastasis-rates.png"))  # type: ignore[attr-defined]
