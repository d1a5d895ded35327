"""Notebook 1 quotes figures only from the tables, and shows the cascade's pieces the brief asks for."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.data import load_table

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "01-metastatic-cascade.ipynb"

# A figure worth checking: thousands with commas, decimals, or a number with a unit.
FIGURE = re.compile(r"\d+(?:,\d{3})+|\d+\.\d+|\d+(?:[-\u2013]\d+)?(?=\s*(?:%|mm|months|mL|million)\b|%)")


def normalise(text: str) -> str:
    return text.replace("\u2013", "-").replace("\u2014", "-")


@pytest.fixture(scope="module")
def notebook() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def test_every_figure_in_the_text_is_in_the_tables(notebook: nbformat.NotebookNode) -> None:
    tables = ["cascade_steps", "cascade_funnel", "myths", "sources", "glossary"]
    data = normalise(" ".join(load_table(name).astype(str).to_csv(index=False) for name in tables))
    narrative = [c.source for c in notebook.cells[1:] if c.cell_type == "markdown"]  # the header holds times and links
    checks = load_table("self_checks")
    options = load_table("self_check_options")
    ids = checks.loc[checks["notebook"] == "01", "check_id"]
    narrative += checks.loc[checks["notebook"] == "01", "question"].tolist()
    narrative += [
        str(v)
        for v in options.loc[options["check_id"].isin(ids), ["label", "feedback"]].to_numpy().ravel()
        if isinstance(v, str)
    ]
    figures = {m.group(0) for text in narrative for m in FIGURE.finditer(normalise(text))}
    assert figures, "the pattern should find the quoted figures"
    missing = sorted(f for f in figures if f not in data)
    assert not missing, f"figures in the notebook that no table holds: {missing}"


def test_the_interactive_pieces_are_built_once_and_shown(notebook: nbformat.NotebookNode) -> None:
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "CascadeStepper(" in code and "FunnelExplorer(" in code
    assert "interact(" not in code and ".show()" not in code and "Output(" not in code


def test_the_oversimplifications_are_discussed(notebook: nbformat.NotebookNode) -> None:
    text = " ".join(c.source for c in notebook.cells if c.cell_type == "markdown").lower()
    for needed in (
        "anoikis",
        "matrix metalloproteinases",
        "hypothesis",
        "perhaps 2-3 mm",
        "prognostic",
        "order of magnitude",
    ):
        assert needed in text, needed
