"""What every notebook must have, checked on the committed files (nbval runs them; this reads them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers.text import DISCLAIMER

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
MAX_BYTES = 300_000
CDNS = ("cdn.plot.ly", "cdn.jsdelivr.net", "cdnjs.cloudflare.com", "unpkg.com", "mathjax")


def load(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def markdown(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def code(nb: nbformat.NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_header_has_title_objectives_prerequisites_time_and_disclaimer(path: Path) -> None:
    first = load(path).cells[0]
    assert first.cell_type == "markdown"
    assert re.match(rf"# {int(path.name[:2])}\. \S", first.source)
    for needed in ("Learning objectives", "Prerequisite", "Time to learn", DISCLAIMER):
        assert needed in first.source, f"{path.name}: the first cell lacks {needed!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_executed_small_and_without_widget_state(path: Path) -> None:
    nb = load(path)
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_size <= MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"
    assert "widgets" not in nb.metadata, "widget state is stored (re-execute with `make notebooks`)"
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in cells), "every code cell must be executed"
    outputs = [o for c in cells for o in c.outputs]
    assert outputs and not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"], "stray warnings in outputs"
    assert not any(cdn in text for cdn in CDNS), "an output loads a script from the internet"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_nbval_compares_some_outputs(path: Path) -> None:
    assert "# NBVAL_CHECK_OUTPUT" in code(load(path))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_short_and_import_helpers_cleanly(path: Path) -> None:
    nb = load(path)
    assert "sys.path" not in code(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 25, (
                f"{path.name}: a code cell of {len(cell.source.splitlines())} lines"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_self_checks_exercise_key_points_and_references(path: Path) -> None:
    nb = load(path)
    if path.name.startswith("00-"):
        return  # the start page is a map, not a lesson
    assert len(re.findall(r"\bcheck\(\"\w+\"\)", code(nb))) >= 2  # self-checks named by id, from data/self_checks.csv
    assert "<details>" in markdown(nb) and "<summary>" in markdown(nb)
    assert "## Key points" in markdown(nb)
    assert "reference_list(" in code(nb)
    assert re.search(r"myth and fact", markdown(nb), re.I)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_between_notebooks_resolve(path: Path) -> None:
    links = re.findall(r"\]\(([^)#\s]+\.ipynb)\)", markdown(load(path)))
    assert links
    for link in links:
        assert (path.parent / link).exists(), f"{path.name} links to missing {link}"


def test_notebooks_are_valid_json() -> None:
    for path in NOTEBOOKS:
        json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_shows_its_review_dates_from_data_and_how_to_report_an_error(path: Path) -> None:
    from helpers.course import REPORT_AN_ERROR, review_dates

    nb = load(path)
    last, due = review_dates(path.name)
    shown = "".join(
        o.get("data", {}).get("text/html", "") for c in nb.cells[:3] if c.cell_type == "code" for o in c.outputs
    )
    assert f"Last reviewed: <strong>{last.day} {last:%B %Y}</strong>" in shown
    assert f"Next review due: <strong>{due.day} {due:%B %Y}</strong>" in shown
    assert REPORT_AN_ERROR in nb.cells[-1].source and "CONTRIBUTING.md" in nb.cells[-1].source


def test_every_chart_also_carries_a_picture_for_github() -> None:
    """Where no widget can run (GitHub, nbviewer) a chart shows its first state as a picture, beside the live view."""
    from helpers.lessons.catalogue import EXPLORERS, build

    charted = {name for name, entry in EXPLORERS.items() if build(name).figure is not None}
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        outputs = [o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", [])]
        pictures = [d for d in outputs if "image/jpeg" in d]
        wanted = sum(1 for name in charted if EXPLORERS[name].notebook == path.name)
        assert len(pictures) >= wanted, f"{path.name}: {len(pictures)} pictures for {wanted} explorer charts"
        assert all("application/vnd.jupyter.widget-view+json" in d for d in pictures), path.name
        assert not [d for d in outputs if "application/vnd.course.picture+json" in d], path.name
