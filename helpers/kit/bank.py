"""The question bank: every self-check of the course exported for learning-management systems (``make quiz``).

* **Moodle XML** (``<quiz>``, one ``<question type="multichoice">`` each, answer ``fraction`` 100 for the right option
  and 0 for the others), written with the standard library's ElementTree;
* **GIFT** (Moodle's plain-text format), one category per lesson;
* **QTI 1.2 for Canvas**, built by text2qti from its plain-text format;
* a **printable quiz** without answers and a separate **answer key** (HTML, printed to PDF by :mod:`helpers.kit.pages`).

Options keep the fixed order the notebooks show (``helpers.self_checks.shown_order``), and every export turns
shuffling off, so that the letters of the answer key are the letters every learner sees.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from markupsafe import escape

from helpers.course import lessons
from helpers.self_checks import SelfCheck, load_checks

TITLE = "How cancer spreads: the course's question bank"
DESCRIPTION = (
    "The self-checks of the metastasis course, one category per notebook. For education only: the questions teach "
    "general facts and are not medical advice."
)
LETTERS = "abcdefgh"


def lesson_titles() -> dict[str, str]:
    """'04' -> '4. Warning signs and detection'."""
    return {f"{lesson.number:02d}": f"{lesson.number}. {lesson.title}" for lesson in lessons()}


def category(notebook: str) -> str:
    """The question-bank category of a lesson, named after its notebook file (letters, digits and '_' only: every GIFT parser reads it)."""
    stem = next(lesson.filename for lesson in lessons() if f"{lesson.number:02d}" == notebook).removesuffix(".ipynb")
    return f"$course$/metastasis_course/{stem.replace('-', '_')}"


def bank() -> list[SelfCheck]:
    """Every question, lesson by lesson, in table order."""
    return sorted(load_checks().values(), key=lambda c: c.notebook)


# --------------------------------------------------------------------------- Moodle XML
def _text(parent: ET.Element, tag: str, text: str, html: bool = True) -> ET.Element:
    node = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(node, "text").text = str(escape(text)) if html else text
    return node


def moodle_xml(items: list[SelfCheck]) -> str:
    """The bank as Moodle XML: a category per lesson, a single-answer multichoice question per self-check."""
    quiz = ET.Element("quiz")
    titles = lesson_titles()
    current = None
    for item in items:
        if item.notebook != current:
            current = item.notebook
            heading = ET.SubElement(quiz, "question", {"type": "category"})
            ET.SubElement(ET.SubElement(heading, "category"), "text").text = category(item.notebook)
            _text(heading, "info", titles[item.notebook])
        question = ET.SubElement(quiz, "question", {"type": "multichoice"})
        name = ET.SubElement(question, "name")
        ET.SubElement(name, "text").text = item.check_id
        _text(question, "questiontext", item.question)
        _text(question, "generalfeedback", "")
        for tag, value in (
            ("defaultgrade", "1"),
            ("penalty", "0"),
            ("hidden", "0"),
            ("idnumber", item.check_id),
            ("single", "true"),
            ("shuffleanswers", "0"),
            ("answernumbering", "abc"),
        ):
            ET.SubElement(question, tag).text = value
        for option in item.options:
            answer = ET.SubElement(question, "answer", {"fraction": "100" if option.correct else "0", "format": "html"})
            ET.SubElement(answer, "text").text = str(escape(option.label))
            _text(answer, "feedback", option.feedback)
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- GIFT
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    """GIFT's special characters (~ = # { } : \\) escaped with a backslash."""
    return _GIFT_SPECIAL.sub(r"\\\1", text)


def gift(items: list[SelfCheck]) -> str:
    """The bank in GIFT: a $CATEGORY line per lesson, then '::id:: question {=right#feedback ~wrong#feedback}'."""
    titles = lesson_titles()
    out = [f"// {TITLE}", f"// {DESCRIPTION}", ""]
    current = None
    for item in items:
        if item.notebook != current:
            current = item.notebook
            out += [f"// {titles[item.notebook]}", f"$CATEGORY: {category(item.notebook)}", ""]
        out.append(f"::{item.check_id}:: {gift_escape(item.question)} {{")
        for option in item.options:
            mark = "=" if option.correct else "~"
            out.append(f"{mark}{gift_escape(option.label)}#{gift_escape(option.feedback)}")
        out += ["}", ""]
    return "\n".join(out)


def gift_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


# --------------------------------------------------------------------------- QTI (text2qti)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]$])")


def qti_escape(text: str) -> str:
    """Plain text for text2qti's Markdown: Markdown's marks backslash-escaped, HTML's characters as entities."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(text)).replace("&#39;", "'").replace("&#34;", '"'))


def text2qti_source(items: list[SelfCheck]) -> str:
    """The bank in text2qti's plain-text quiz format (one question per self-check, titled by its id)."""
    out = [
        f"Quiz title: {qti_escape(TITLE)}",
        f"Quiz description: {qti_escape(DESCRIPTION)}",
        "Shuffle answers: false",
        "",
    ]
    for number, item in enumerate(items, start=1):
        out += [f"Title: {item.check_id}", f"{number}.  {qti_escape(item.question)}"]
        for letter, option in zip(LETTERS, item.options):
            mark = "*" if option.correct else ""
            out += [f"{mark}{letter}) {qti_escape(option.label)}", f"... {qti_escape(option.feedback)}"]
        out.append("")
    return "\n".join(out)


def qti_zip(items: list[SelfCheck], path: Path) -> Path:
    """A QTI package for Canvas, built by text2qti from :func:`text2qti_source`."""
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    quiz = Quiz(text2qti_source(items), config=Config(), source_name=str(path.with_suffix(".txt")))
    QTI(quiz).save(path)
    return path


# --------------------------------------------------------------------------- all of it
def write_quiz(out: Path) -> list[Path]:
    """Every export of the bank into ``out``: Moodle XML, GIFT, the text2qti source and its QTI zip, the printable
    quiz and the answer key (HTML and PDF)."""
    from helpers.kit.pages import printable_quiz

    items = bank()
    written = []
    for name, text in (
        ("metastasis-course.moodle.xml", moodle_xml(items)),
        ("metastasis-course.gift.txt", gift(items)),
        ("metastasis-course.text2qti.txt", text2qti_source(items)),
    ):
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    written.append(qti_zip(items, out / "metastasis-course.qti.zip"))
    written += printable_quiz(items, out)
    return written
