"""Self-checks come from data: every notebook cell names a check that exists, no answer is written in a code cell, and
every check is well formed (one right answer, feedback for every option, an objective the notebook has)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ipywidgets as w
import pytest

from helpers.course import lessons
from helpers.data import load_table
from helpers.widgets import check

ROOT = Path(__file__).resolve().parents[1]
CHECKS = load_table("self_checks")
OPTIONS = load_table("self_check_options")


def _code(path: Path) -> str:
    return "\n".join(
        "".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"
    )


def test_every_check_named_in_a_notebook_exists_and_every_check_is_used() -> None:
    named = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        for check_id in re.findall(r'\bcheck\("(\w+)"\)', _code(path)):
            named[check_id] = path.name[:2]
    assert set(named) == set(CHECKS["check_id"])
    assert all(CHECKS.set_index("check_id").loc[i, "notebook"] == nb for i, nb in named.items())


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")), ids=lambda p: p.name)
def test_no_answer_is_written_in_a_code_cell(path: Path) -> None:
    code = _code(path)
    assert "self_check(" not in code and "urgency_check(" not in code and "answer=" not in code
    for check_id in CHECKS.loc[CHECKS["notebook"] == path.name[:2], "check_id"]:
        right = OPTIONS[(OPTIONS["check_id"] == check_id) & (OPTIONS["correct"] == "yes")]
        label = right["label"].iloc[0]
        assert not isinstance(label, str) or label not in code, f"{check_id}: its answer is in the code"


@pytest.mark.parametrize("check_id", CHECKS["check_id"].tolist())
def test_each_check_has_one_right_answer_and_feedback_for_every_option(check_id: str) -> None:
    options = OPTIONS[OPTIONS["check_id"] == check_id]
    assert (options["correct"] == "yes").sum() == 1 and len(options) >= 2
    assert options["feedback"].str.len().gt(0).all()
    row = CHECKS.set_index("check_id").loc[check_id]
    if row["kind"] == "urgency":
        assert set(options["option"]) == set(load_table("urgency_levels")["level"]) and options["label"].isna().all()
    else:
        assert options["label"].notna().all()
    objectives = {lesson.number: lesson.objectives for lesson in lessons()}[int(row["notebook"])]
    assert 1 <= row["objective"] <= len(objectives), (
        f"{check_id}: notebook {row['notebook']} has no objective {row['objective']}"
    )
    box = check(check_id)
    radio = next(c for c in box.children if isinstance(c, w.RadioButtons))
    result = box.children[-1]
    right = options.loc[options["correct"] == "yes"].iloc[0]
    radio.value = (
        radio.options[list(options["option"]).index(right["option"])]
        if row["kind"] == "choice"
        else next(
            o
            for o in radio.options
            if o.startswith(load_table("urgency_levels").set_index("level").loc[right["option"], "name"])
        )
    )
    assert "Correct." in result.value


def test_a_check_with_two_right_answers_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import helpers.data

    broken = OPTIONS.copy()
    broken.loc[broken["check_id"] == "nb01_tnm_m1", "correct"] = "yes"
    real = helpers.data.load_table
    monkeypatch.setattr(
        helpers.data,
        "load_table",
        lambda name, *a, **k: broken if name == "self_check_options" else real(name, *a, **k),
    )
    with pytest.raises(ValueError, match="exactly one"):
        check("nb01_tnm_m1")
