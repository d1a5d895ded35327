"""Readability of every page, measured with textstat (`make readability`).

For each patient page (notebooks/patients/*.ipynb) and each learner notebook (notebooks/*.ipynb) it scores the prose a
reader sees: the markdown cells and the text of the HTML the code cells show (tables, cards, answers rendered from
data/). It leaves out code, headings, markdown tables, web addresses, style rules and reference lists (lists of
titles are not prose). Each list item, table cell and paragraph counts as a sentence of its own (one without a full
stop is given one), so that a list is not read as one endless sentence; a table cell of fewer than four words (a
number, a label) is left out.

It reports, per page, the Flesch-Kincaid grade, the mean sentence length in words and the share of long words
(three syllables or more), against the goals (patient pages grade 8 or below, learner notebooks grade 12 or below),
prints a table and writes bench/results/readability.json. It never fails; tests/test_readability.py fails when a
patient page is above grade 9.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass
from datetime import date
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

import textstat

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results" / "readability.json"
GOALS = {"patient": 8.0, "learner": 12.0}
#: Above this grade a patient page fails its test (the goal is 8; 9 leaves room for the formula's noise).
PATIENT_LIMIT = 9.0
MIN_CELL_WORDS = 4

#: HTML elements whose text is not prose: code, style rules, and the reference list (class course-references).
SKIP_TAGS = {"style", "script", "code", "pre", "svg"}
SKIP_CLASSES = {"course-references", "url", "course-review"}
BLOCK_TAGS = {"p", "li", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "summary", "br"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "th", "caption"}


class _ProseParser(HTMLParser):
    """Collects the text of an HTML fragment as pieces, one per block (paragraph, list item, table cell)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, str]] = []  # (enclosing block tag, text)
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self._text: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _, skip in self._stack)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            block = next((tag for tag, _ in reversed(self._stack) if tag in BLOCK_TAGS), "p")
            self.pieces.append((block, text))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        skip = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES) or dict(attrs).get("aria-hidden") == "true"
        if tag in BLOCK_TAGS:
            self._flush()
        if tag not in ("br", "img", "input", "hr", "meta", "link"):
            self._stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._flush()
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_pieces(html: str) -> list[str]:
    """The prose pieces of an HTML fragment: headings and short table cells left out."""
    parser = _ProseParser()
    parser.feed(html)
    parser.close()
    out = []
    for block, text in parser.pieces:
        if block in HEADINGS:
            continue
        if block == "td" and len(text.split()) < MIN_CELL_WORDS:
            continue
        out.append(text)
    return out


def markdown_pieces(markdown: str) -> list[str]:
    """The prose pieces of a markdown cell: paragraphs and list items; headings, tables, code and addresses dropped."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<details>|</details>|<summary>|</summary>", "\n\n", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"https?://\S+", "", text)
    pieces: list[str] = []
    current: list[str] = []

    def flush() -> None:
        joined = " ".join(" ".join(current).split())
        if joined:
            pieces.append(joined)
        current.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "|", "---")):
            flush()
            continue
        line = re.sub(r"^>\s*", "", line)
        item = re.match(r"^([*+-]|\d+\.)\s+(.*)$", line)
        if item:
            flush()
            line = item.group(2)
        current.append(line)
    flush()
    plain = [re.sub(r"(\*\*|\*|__|`)", "", p) for p in pieces]
    return [re.sub(r"<[^>]+>", "", p).strip() for p in plain if re.sub(r"<[^>]+>", "", p).strip()]


#: Full stops that do not end a sentence (textstat would count a sentence at each).
_NOT_AN_END = [
    (re.compile(r"(\d)\.(\d)"), r"\1\2"),  # 48.2%
    (re.compile(r"\b(e\.g|i\.e|et al|vs|approx|cf|ca|Fig|No)\.", re.I), lambda m: m.group(1).replace(".", "")),
    (re.compile(r"\b([A-Z])\.(?=\s?[A-Z])"), r"\1"),  # initials
]


def as_sentences(pieces: list[str]) -> str:
    """One text, each piece ending as a sentence ('.' added where a piece has no end mark)."""
    text = " ".join(p if re.search(r"[.!?:;]['\u201d\")]?$", p) else p + "." for p in pieces)
    for pattern, repl in _NOT_AN_END:
        text = pattern.sub(repl, text)
    return text


#: Text from data/ that a learner reads inside a control (not stored in the notebook's outputs), scored as its own
#: "page": table -> (columns, the notebook that shows it).
DATA_PROSE: dict[str, tuple[tuple[str, ...], str]] = {
    "recurrence_faq": (("short_answer", "long_answer"), "06-recurrence-faq.ipynb"),
    "myths": (("what_the_evidence_says", "better_figure"), "every lesson's myth table"),
}


def data_prose(table: str) -> str:
    """The prose of a table's learner-facing columns, one cell at a time."""
    sys.path.insert(0, str(ROOT))
    from helpers.data import load_table

    columns, _ = DATA_PROSE[table]
    frame = load_table(table)
    return as_sentences([str(v) for c in columns for v in frame[c].dropna()])


def notebook_prose(path: Path) -> str:
    """What a reader of the notebook reads: markdown cells and the HTML (or markdown) the code cells show."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    pieces: list[str] = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            pieces += markdown_pieces("".join(cell["source"]))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                pieces += html_pieces("".join(data["text/html"]))
            elif "text/markdown" in data:
                pieces += markdown_pieces("".join(data["text/markdown"]))
    return as_sentences(pieces)


@dataclass
class Score:
    page: str
    track: str
    grade: float
    words_per_sentence: float
    long_word_pct: float
    words: int
    sentences: int
    goal: float

    @property
    def meets_goal(self) -> bool:
        return self.grade <= self.goal


def score_text(text: str, page: str = "", track: str = "patient") -> Score:
    """textstat's Flesch-Kincaid grade, words per sentence and share of words of 3+ syllables of ``text``."""
    words = textstat.lexicon_count(text)
    return Score(
        page=page,
        track=track,
        grade=round(float(textstat.flesch_kincaid_grade(text)), 1),
        words_per_sentence=round(float(textstat.words_per_sentence(text)), 1),
        long_word_pct=round(100 * textstat.polysyllabcount(text) / words, 1) if words else 0.0,
        words=words,
        sentences=textstat.sentence_count(text),
        goal=GOALS[track],
    )


def pages() -> list[tuple[Path, str]]:
    patients = sorted((ROOT / "notebooks" / "patients").glob("[0-9][0-9]-*.ipynb"))
    learners = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    return [(p, "patient") for p in patients] + [(p, "learner") for p in learners]


def measure() -> list[Score]:
    scores = [
        score_text(notebook_prose(path), str(path.relative_to(ROOT / "notebooks")), track) for path, track in pages()
    ]
    scores += [
        score_text(data_prose(table), f"data/{table}.csv ({DATA_PROSE[table][1]})", "learner") for table in DATA_PROSE
    ]
    return scores


def report(scores: list[Score]) -> str:
    lines = [
        f"{'page':58} {'grade':>6} {'goal':>5} {'words/sentence':>15} {'long words %':>13} {'words':>6}",
    ]
    for s in scores:
        flag = "" if s.meets_goal else "  above goal"
        lines.append(
            f"{s.page:58} {s.grade:6.1f} {s.goal:5.0f} {s.words_per_sentence:15.1f} {s.long_word_pct:13.1f} {s.words:6d}{flag}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    scores = measure()
    print(report(scores))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "date": date.today().isoformat(),
        "textstat": version("textstat"),
        "goals": {"patient_pages_grade_at_most": GOALS["patient"], "learner_notebooks_grade_at_most": GOALS["learner"]},
        "patient_page_test_fails_above_grade": PATIENT_LIMIT,
        "pages": [{**asdict(s), "meets_goal": s.meets_goal} for s in scores],
    }
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    over = [s.page for s in scores if not s.meets_goal]
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    print("above goal: " + (", ".join(over) if over else "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
