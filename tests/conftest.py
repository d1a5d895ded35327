from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

# Validate every figure the builders make (at run time they skip plotly's slow validation).
os.environ["COURSE_STRICT_FIGURES"] = "1"

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("_staging", "*.md"))
    return target


@pytest.fixture
def edit(data_copy: Path) -> Callable[[str, Callable[[str], str]], Path]:
    """Rewrite one CSV of the copy with a text transformation; returns the copy's folder."""

    def _edit(filename: str, change: Callable[[str], str]) -> Path:
        path = data_copy / filename
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        return data_copy

    return _edit
