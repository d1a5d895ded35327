"""Self-checks from data: loading, the fixed shuffle of their options, the question widget and the score.

A self-check is a row of ``data/self_checks.csv`` with its options in ``data/self_check_options.csv``. A notebook
cell names a check by its id (``check("nb04_cord_compression_level")``), so its answer is never in the code; the
review questions of a notebook (``placement`` ``review``) and the learner's score come from one closing cell,
``review("04")``.

**The order of the options** is shuffled once and then fixed: the options of a choice question are shown sorted by
the SHA-256 of ``"<SHUFFLE_SALT>:<check_id>:<option>"``. The order is derived from the id, never stored, the same on
every run, in every export and on every machine; the letters a, b, c in the data say nothing about where an option
is shown. The options of an urgency question are the levels of the urgency scale, always shown in the scale's own
order (least urgent first), as the warning-sign cards show them. ``tests/test_self_checks.py`` checks that no
position holds the right answer in more than 40% of the questions, and that the right answer is the longest option
in at most 40% of them.

**The score** counts each question's first answer: a learner may then pick the other options to read their feedback
(as the course invites) without changing it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
import pandas as pd

from helpers.html import render
from helpers.static import StaticBox, check_html

#: Changing the salt reshuffles every question (the tests then check the balance again).
SHUFFLE_SALT = "metastasis-course"


@dataclass(frozen=True)
class Option:
    """One option as the learner sees it."""

    key: str
    label: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class SelfCheck:
    """One question, its options in the order they are shown."""

    check_id: str
    notebook: str
    objective: int
    kind: str
    placement: str
    question: str
    options: tuple[Option, ...]
    source_ids: tuple[str, ...]

    @property
    def answer(self) -> Option:
        """The right option."""
        return next(o for o in self.options if o.correct)

    @property
    def answer_position(self) -> int:
        """Where the right option is shown (0 for the first)."""
        return next(i for i, o in enumerate(self.options) if o.correct)


def shown_order(check_id: str, keys: Sequence[str]) -> list[str]:
    """The option keys of a choice question in the order they are shown: fixed, derived from the id."""
    return sorted(keys, key=lambda key: hashlib.sha256(f"{SHUFFLE_SALT}:{check_id}:{key}".encode()).hexdigest())


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _build(row: Mapping[str, Any], options: pd.DataFrame, urgency: pd.DataFrame) -> SelfCheck:
    from helpers.urgency import levels

    check_id = str(row["check_id"])
    right = options.loc[options["correct"] == "yes", "option"].tolist()
    if len(right) != 1:
        raise ValueError(
            f"data/self_check_options.csv: self-check {check_id!r} has {len(right)} correct options; it needs exactly one"
        )
    by_key = {str(r["option"]): r for r in options.to_dict("records")}
    if row["kind"] == "urgency":
        scale = levels(urgency)
        unknown = sorted(set(by_key) - set(scale))
        if unknown:
            raise ValueError(
                f"data/self_check_options.csv: self-check {check_id!r}: not levels of the urgency scale: {unknown}"
            )
        keys = [key for key in reversed(list(scale)) if key in by_key]  # least urgent first
        labels = {key: scale[key].label for key in keys}
    else:
        keys = shown_order(check_id, list(by_key))
        labels = {key: _text(by_key[key]["label"]) for key in keys}
    shown = tuple(
        Option(key, labels[key], by_key[key]["correct"] == "yes", _text(by_key[key]["feedback"])) for key in keys
    )
    sources = tuple(s.strip() for s in _text(row.get("source_ids")).split(";") if s.strip())
    return SelfCheck(
        check_id,
        str(row["notebook"]),
        int(row["objective"]),
        str(row["kind"]),
        str(row.get("placement", "inline")),
        str(row["question"]),
        shown,
        sources,
    )


def load_checks() -> dict[str, SelfCheck]:
    """Every self-check of the course, in the order of ``data/self_checks.csv``, options in their shown order."""
    from helpers.data import load_table

    options = load_table("self_check_options")
    urgency = load_table("urgency_levels")
    return {
        str(row["check_id"]): _build(row, options[options["check_id"] == row["check_id"]], urgency)
        for row in load_table("self_checks").to_dict("records")
    }


def checks_for(notebook: str) -> list[SelfCheck]:
    """The self-checks of one notebook ('04'), in table order."""
    return [c for c in load_checks().values() if c.notebook == notebook]


#: No position may hold the right answer in more than this share of the questions, and the right answer may be the
#: longest (or the shortest) option in no more than this share.
MAX_CUE_SHARE = 0.4


def answer_cues(items: Sequence[SelfCheck], limit: float = MAX_CUE_SHARE) -> list[str]:
    """Every way the right answer could be guessed without knowing it: a favoured position, or a telling length.

    A tie for the longest (or shortest) counts as longest (shortest). Urgency questions, whose options are the
    scale's levels, count for positions but not for lengths."""
    problems = []
    total = len(items)
    for position in range(max((len(c.options) for c in items), default=0)):
        share = sum(c.answer_position == position for c in items) / total
        if share > limit:
            problems.append(f"position {position + 1} holds the right answer in {share:.0%} of the questions")
    for name, pick in (("longest", max), ("shortest", min)):
        telling = [c for c in items if len(c.answer.label) == pick(len(o.label) for o in c.options)]
        if name == "shortest":
            telling = [c for c in telling if c.kind == "choice"]
        if len(telling) / total > limit:
            problems.append(f"the right answer is the {name} option in {len(telling) / total:.0%} of the questions")
    return problems


# --------------------------------------------------------------------------- widgets
def self_check(
    question: str,
    options: Sequence[str],
    answer: str,
    feedback: Mapping[str, str],
    on_answer: Callable[[bool], None] | None = None,
) -> w.Widget:
    """A multiple-choice question that gives feedback as soon as an option is picked.

    ``on_answer(correct)`` is called with every pick (the score keeps the first)."""
    if answer not in options:
        raise ValueError(f"the answer {answer!r} is not one of the options")
    choice = w.RadioButtons(options=list(options), value=None, description="Answer", layout=w.Layout(width="auto"))
    result = w.HTML("")

    def on_pick(change: Mapping[str, Any]) -> None:
        picked = change["new"]
        if picked is None:
            result.value = ""
            return
        result.value = render(
            "self_check_feedback.html.j2", correct=picked == answer, feedback=feedback.get(picked, "")
        )
        if on_answer is not None:
            on_answer(picked == answer)

    choice.observe(on_pick, names="value")
    children = [w.HTML(render("self_check_question.html.j2", question=question)), choice, result]
    return StaticBox(children, lambda: check_html(question, options, answer, feedback))


def urgency_check(question: str, answer: str, feedback: Mapping[str, str], urgency_levels: pd.DataFrame) -> w.Widget:
    """A self-check whose options are the levels of the urgency scale (least urgent first), named as the cards
    name them; ``answer`` and the keys of ``feedback`` are level ids ('red', 'amber', 'green')."""
    from helpers.urgency import levels

    scale = levels(urgency_levels)
    unknown = sorted({answer, *feedback} - set(scale))
    if unknown:
        raise ValueError(f"not levels of the urgency scale: {unknown}")
    ordered = list(scale.values())[::-1]
    labels = {lv.level: lv.label for lv in ordered}
    return self_check(
        question, [labels[lv.level] for lv in ordered], labels[answer], {labels[k]: v for k, v in feedback.items()}
    )


def widget_for(item: SelfCheck) -> w.Widget:
    """The question widget of one self-check; each answer is recorded on its notebook's scoreboard."""
    board = scoreboard(item.notebook)
    return self_check(
        item.question,
        [o.label for o in item.options],
        item.answer.label,
        {o.label: o.feedback for o in item.options},
        on_answer=lambda correct: board.record(item.check_id, correct),
    )


def check(check_id: str) -> w.Widget:
    """The self-check ``check_id`` of ``data/self_checks.csv``, its options in their fixed shown order."""
    found = load_checks()
    if check_id not in found:
        raise KeyError(f"no self-check {check_id!r} in data/self_checks.csv")
    return widget_for(found[check_id])


# --------------------------------------------------------------------------- the score
class Scoreboard:
    """The learner's answers to one notebook's self-checks: the first answer to each counts."""

    def __init__(self, notebook: str, check_ids: Sequence[str]) -> None:
        self.notebook = notebook
        self.check_ids = tuple(check_ids)
        self.first: dict[str, bool] = {}
        self.views: list[w.HTML] = []

    def record(self, check_id: str, correct: bool) -> None:
        """Note an answer (only the first per question counts) and refresh every score shown."""
        self.first.setdefault(check_id, correct)
        for view in self.views:
            view.value = self.html()

    def html(self) -> str:
        """The score as HTML (a live region, so a screen reader reads each change)."""
        return render(
            "self_check_score.html.j2",
            total=len(self.check_ids),
            answered=len(self.first),
            first_right=sum(self.first.values()),
        )

    def view(self) -> w.HTML:
        """A widget that shows the score and follows every answer."""
        shown = w.HTML(self.html())
        self.views.append(shown)
        return shown


_BOARDS: dict[str, Scoreboard] = {}


def scoreboard(notebook: str) -> Scoreboard:
    """The one scoreboard of a notebook in this kernel."""
    if notebook not in _BOARDS:
        _BOARDS[notebook] = Scoreboard(notebook, [c.check_id for c in checks_for(notebook)])
    return _BOARDS[notebook]


def score(notebook: str) -> w.HTML:
    """The learner's score for one notebook ('04'), updated with every answer."""
    return scoreboard(notebook).view()


def review(notebook: str) -> w.Widget:
    """A notebook's closing cell: its review questions (those no cell names), then the learner's score."""
    items = [c for c in checks_for(notebook) if c.placement == "review"]
    if not checks_for(notebook):
        raise KeyError(f"data/self_checks.csv has no self-check for notebook {notebook!r}")
    questions = [widget_for(c) for c in items]
    # on the course website: the same questions, each answering on the page (the score needs the kernel)
    return StaticBox([*questions, score(notebook)], lambda: "".join(q.static_html() for q in questions))


__all__ = [
    "MAX_CUE_SHARE",
    "SHUFFLE_SALT",
    "Option",
    "Scoreboard",
    "SelfCheck",
    "answer_cues",
    "check",
    "checks_for",
    "load_checks",
    "review",
    "score",
    "scoreboard",
    "self_check",
    "shown_order",
    "urgency_check",
    "widget_for",
]
