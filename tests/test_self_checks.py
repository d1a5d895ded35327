"""Self-checks come from data: every notebook cell names a check that exists, no answer is written in a code cell,
every check is well formed (one right answer, feedback for every option, an objective the notebook has), every
learning objective is assessed, the right answer cannot be guessed from its position or its length, the options keep
one fixed order, and the learner's score follows the answers."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import ipywidgets as w
import pytest
from markupsafe import escape

from helpers import self_checks as sc
from helpers.course import lessons
from helpers.data import load_table
from helpers.widgets import check

ROOT = Path(__file__).resolve().parents[1]
CHECKS = load_table("self_checks")
OPTIONS = load_table("self_check_options")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _code(path: Path) -> str:
    return "\n".join(
        "".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"
    )


def _radio(box: w.Widget) -> w.RadioButtons:
    return next(c for c in box.children if isinstance(c, w.RadioButtons))


def test_every_inline_check_is_named_in_its_notebook_and_no_review_check_is() -> None:
    named = {}
    for path in NOTEBOOKS:
        for check_id in re.findall(r'\bcheck\("(\w+)"\)', _code(path)):
            named[check_id] = path.name[:2]
    inline = set(CHECKS.loc[CHECKS["placement"] == "inline", "check_id"])
    assert set(named) == inline
    assert all(CHECKS.set_index("check_id").loc[i, "notebook"] == nb for i, nb in named.items())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_closes_with_its_review_and_score(path: Path) -> None:
    assert f'review("{path.name[:2]}")' in _code(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
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
    item = sc.load_checks()[check_id]
    box = check(check_id)
    radio, result = _radio(box), box.children[-1]
    assert list(radio.options) == [o.label for o in item.options]
    wrong = next(o for o in item.options if not o.correct)
    radio.value = wrong.label
    assert "Not quite." in result.value and str(escape(wrong.feedback)) in result.value
    radio.value = item.answer.label
    assert "Correct." in result.value


def test_every_learning_objective_is_assessed_by_a_question() -> None:
    assessed = {(int(nb), int(obj)) for nb, obj in zip(CHECKS["notebook"], CHECKS["objective"])}
    missing = [
        f"notebook {lesson.number}, objective {i}: {objective[:60]}"
        for lesson in lessons()
        for i, objective in enumerate(lesson.objectives, start=1)
        if (lesson.number, i) not in assessed
    ]
    assert missing == []


def test_the_right_answer_cannot_be_guessed_from_position_or_length() -> None:
    items = list(sc.load_checks().values())
    assert len(items) >= 30
    assert sc.answer_cues(items) == []


def test_a_favoured_position_or_a_telling_length_is_reported() -> None:
    items = list(sc.load_checks().values())
    first = [
        replace(c, options=(c.answer, *(o for o in c.options if not o.correct))) for c in items if c.kind == "choice"
    ]
    assert any("position 1" in p for p in sc.answer_cues(first))
    longest = [
        replace(c, options=tuple(replace(o, label=o.label + " x" * 80) if o.correct else o for o in c.options))
        for c in items
    ]
    assert any("longest" in p for p in sc.answer_cues(longest))


def test_the_order_is_shuffled_once_and_then_fixed() -> None:
    keys = ["a", "b", "c", "d"]
    assert sc.shown_order("nb05_brain_risk", keys) == sc.shown_order("nb05_brain_risk", list(reversed(keys)))
    orders = {tuple(sc.shown_order(f"q{i}", keys)) for i in range(30)}
    assert len(orders) > 5, "the order must depend on the question"
    first, again = sc.load_checks(), sc.load_checks()
    assert all([o.key for o in first[i].options] == [o.key for o in again[i].options] for i in first)
    assert any(
        [o.key for o in c.options] != sorted(o.key for o in c.options) for c in first.values() if c.kind == "choice"
    )


def test_urgency_questions_show_the_scale_in_its_own_order() -> None:
    for item in sc.load_checks().values():
        if item.kind == "urgency":
            assert [o.key for o in item.options] == ["green", "amber", "red"]


def test_the_score_counts_first_answers_and_follows_every_answer() -> None:
    sc._BOARDS.pop("07", None)
    shown = sc.score("07")
    total = len(sc.checks_for("07"))
    assert f"none of the {total} self-checks" in shown.value
    box = check("nb07_calendar_months")
    item = sc.load_checks()["nb07_calendar_months"]
    wrong = next(o for o in item.options if not o.correct)
    _radio(box).value = wrong.label
    _radio(box).value = item.answer.label  # a second pick does not change the score
    assert f"0 of {total} right at the first try (1 of {total} answered)" in shown.value
    right_box = check("nb07_when_recurrences")
    _radio(right_box).value = sc.load_checks()["nb07_when_recurrences"].answer.label
    assert f"1 of {total} right at the first try (2 of {total} answered)" in shown.value


def test_review_shows_the_review_questions_then_the_score() -> None:
    sc._BOARDS.pop("04", None)
    box = sc.review("04")
    review_ids = CHECKS.loc[(CHECKS["notebook"] == "04") & (CHECKS["placement"] == "review"), "check_id"]
    assert len(box.children) == len(review_ids) + 1
    assert "Your score for this notebook" in box.children[-1].value
    with pytest.raises(KeyError):
        sc.review("99")


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
