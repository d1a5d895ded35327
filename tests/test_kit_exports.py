"""make quiz, make handouts and make slides: every export of the question bank is parsed back and still holds every
question, option, right answer and piece of feedback; each handout PDF opens and carries its lesson's text; each
deck builds offline and references nothing remote."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape
from pypdf import PdfReader

from helpers.kit import bank
from helpers.kit.content import all_content
from helpers.kit.pages import CHROMIUM, in_own_thread, write_handouts, write_slides
from helpers.self_checks import SelfCheck

ROOT = Path(__file__).resolve().parents[1]
ITEMS = bank.bank()
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium (apt-get install chromium)"
)


def plain(markup: str) -> str:
    """HTML back to the text it was made from: tags dropped, entities and typographic quotes undone."""
    text = html.unescape(re.sub(r"<[^>]+>", "", markup))
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"').strip()


def squash(text: str) -> str:
    """Text as a PDF gives it back, comparable: ligatures undone (NFKC), runs of white space as one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def quiz(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("quiz")
    bank.write_quiz(out)
    return out


def test_no_question_text_carries_a_backslash() -> None:
    assert not any(
        "\\" in t for i in ITEMS for t in (i.question, *(o.label for o in i.options), *(o.feedback for o in i.options))
    )


def _expected(item: SelfCheck) -> tuple[str, list[tuple[str, bool, str]]]:
    return item.question, [(o.label, o.correct, o.feedback) for o in item.options]


def test_moodle_xml_round_trip(quiz: Path) -> None:
    root = ET.parse(quiz / "metastasis-course.moodle.xml").getroot()
    assert root.tag == "quiz"
    categories = root.findall("question[@type='category']")
    assert len(categories) == len({i.notebook for i in ITEMS})
    questions = root.findall("question[@type='multichoice']")
    assert len(questions) == len(ITEMS) == len(root.findall("question")) - len(categories)
    for item, q in zip(ITEMS, questions):
        assert q.findtext("name/text") == item.check_id and q.findtext("single") == "true"
        fractions = [float(a.get("fraction", "nan")) for a in q.findall("answer")]
        assert sorted(fractions) == [0.0] * (len(fractions) - 1) + [100.0] and sum(fractions) == 100
        found = [
            (plain(a.findtext("text") or ""), a.get("fraction") == "100", plain(a.findtext("feedback/text") or ""))
            for a in q.findall("answer")
        ]
        assert (plain(q.findtext("questiontext/text") or ""), found) == _expected(item)


def test_gift_round_trip_with_pygiftparser(quiz: Path) -> None:
    from pygiftparser import parser

    with (quiz / "metastasis-course.gift.txt").open(encoding="utf-8") as f:
        parsed = parser.parseFile(f)
    assert len(parsed) == len(ITEMS)
    for item, q in zip(ITEMS, parsed):
        assert q.valid and q.title == item.check_id
        found = [
            (bank.gift_unescape(a.answer), a.fraction == 100, bank.gift_unescape(a.feedback)) for a in q.answers.answers
        ]
        assert (bank.gift_unescape(q.text), found) == _expected(item)
    assert {q.cat for q in parsed} == {bank.category(i.notebook) for i in ITEMS}


def test_gift_escaping_survives_special_characters(tmp_path: Path) -> None:
    from pygiftparser import parser

    tricky = "A question: a ~tilde, = sign, # hash"  # no brace or backslash: pygiftparser 1.1 mangles them
    (tmp_path / "t.gift").write_text(
        f"::x:: {bank.gift_escape(tricky)} {{\n=yes#{bank.gift_escape(tricky)}\n~no#n\n}}\n"
    )
    with (tmp_path / "t.gift").open() as f:
        q = parser.parseFile(f)[0]
    assert bank.gift_unescape(q.text) == tricky and bank.gift_unescape(q.answers.answers[0].feedback) == tricky


def _qti_items(path: Path) -> list[ET.Element]:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert "imsmanifest.xml" in names
        ET.fromstring(z.read("imsmanifest.xml"))
        [main] = [n for n in names if n.endswith(".xml") and "/" in n and not n.endswith("assessment_meta.xml")]
        root = ET.fromstring(z.read(main))
    for element in root.iter():  # drop the QTI namespace
        element.tag = element.tag.split("}")[-1]
    return root.findall(".//item")


def test_qti_round_trip(quiz: Path) -> None:
    items = _qti_items(quiz / "metastasis-course.qti.zip")
    assert len(items) == len(ITEMS)
    for item, q in zip(ITEMS, items):
        assert q.get("title") == item.check_id
        question = plain(q.findtext("presentation/material/mattext") or "")
        labels = {r.get("ident"): plain(r.findtext("material/mattext") or "") for r in q.iter("response_label")}
        right = {
            v.text
            for c in q.iter("respcondition")
            if any(s.text == "100" for s in c.iter("setvar"))
            for v in c.iter("varequal")
        }
        feedback = {f.get("ident"): plain(f.findtext(".//mattext") or "") for f in q.findall("itemfeedback")}
        found = [(labels[i], i in right, feedback[f"{i}_fb"]) for i in labels]
        assert len(right) == 1 and (question, found) == _expected(item)


def test_printable_quiz_and_key(quiz: Path) -> None:
    page = (quiz / "quiz.html").read_text(encoding="utf-8")
    key = (quiz / "answer-key.html").read_text(encoding="utf-8")
    for item in ITEMS:
        assert str(escape(item.question)) in page and str(escape(item.question)) in key
        assert all(str(escape(o.label)) in page for o in item.options)
        assert all(str(escape(o.feedback)) not in page for o in item.options)
        assert all(str(escape(o.feedback)) in key for o in item.options)
    assert "(correct)" not in page and key.count("(correct)") == len(ITEMS)
    for name in ("quiz.pdf", "answer-key.pdf"):
        reader = PdfReader(quiz / name)
        text = squash(" ".join(p.extract_text() for p in reader.pages))
        assert len(reader.pages) >= 3
        missing = [i.check_id for i in ITEMS if squash(i.question)[:30] not in text]
        assert missing == [], f"{name}: questions missing from the PDF's text"


@needs_chromium
def test_handouts(tmp_path_factory: pytest.TempPathFactory) -> None:
    out = tmp_path_factory.mktemp("handouts")
    written = write_handouts(out)
    content = all_content()
    assert len(written) == len(content) + 1
    for lesson in content:
        reader = PdfReader(out / f"handout-{lesson.code}.pdf")
        text = squash(" ".join(p.extract_text() for p in reader.pages))
        assert 1 <= len(reader.pages) <= 12
        assert lesson.lesson.title in text and "Key points" in text and "Check your understanding" in text
        assert "For education only" in text and "(correct)" not in text
        for item in (i for i in ITEMS if i.notebook == lesson.code):
            assert squash(item.question)[:30] in text, item.check_id
        page = (out / f"handout-{lesson.code}.html").read_text(encoding="utf-8")
        assert "http://" not in page and "https://" not in page
        charts = page.count('class="chart"')
        assert charts == (0 if lesson.code == "00" else charts) and (lesson.code == "00" or charts >= 1)
    sheet = squash(" ".join(p.extract_text() for p in PdfReader(out / "when-to-contact-your-care-team.pdf").pages))
    assert "When to contact your care team" in sheet
    from helpers.data import load_table
    from helpers.urgency import levels

    for lv in levels(load_table("urgency_levels")).values():
        assert lv.name in sheet and squash(lv.what_to_do)[:40] in sheet


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]


@pytest.fixture(scope="module")
def slides(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reveal = ROOT / "tools" / "slides" / "node_modules" / "reveal.js"
    if not (reveal / "dist" / "reveal.js").exists():  # as make slides does: the pinned version, from the lock file
        subprocess.run(["npm", "ci", "--prefix", str(ROOT / "tools" / "slides"), "--no-audit", "--no-fund"], check=True)
    out = tmp_path_factory.mktemp("slides")
    write_slides(out, reveal)
    return out


def test_slides_build_and_reference_nothing_remote(slides: Path) -> None:
    lock = (ROOT / "tools" / "slides" / "package-lock.json").read_text(encoding="utf-8")
    assert '"reveal.js"' in lock and '"integrity"' in lock
    decks = sorted(slides.glob("slides-*.html"))
    assert len(decks) == len(all_content())
    for deck in decks:
        text = deck.read_text(encoding="utf-8")
        refs = _Refs()
        refs.feed(text)
        assert refs.refs, deck.name
        for ref in refs.refs:
            assert not re.match(r"^[a-z]+:|^//", ref), f"{deck.name}: {ref} is not local"
            assert (slides / ref).exists(), f"{deck.name}: {ref} is missing"
        assert "Discussion" in text and "You will be able to" in text and "Key points" in text
    for asset in ("assets/reveal/reveal.js", "assets/reveal/theme/white.css", "assets/plotly.min.js"):
        body = (slides / asset).read_text(encoding="utf-8")
        assert not re.search(r"(@import|url\()\s*['\"]?https?://", body), f"{asset} loads something remote"


@needs_chromium
def test_a_deck_runs_offline_with_live_charts(slides: Path) -> None:
    assert in_own_thread(lambda: _open_deck(slides / "slides-04.html")) == []


def _open_deck(deck: Path) -> list[str]:
    """Open a deck offline, go to its first chart and wait for plotly to draw it; the requests that were blocked."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith("file://")
                else (blocked.append(route.request.url), route.abort())
            ),
        )
        page.goto(deck.resolve().as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        page.evaluate(
            "() => Reveal.slide(Array.from(document.querySelectorAll('.slides > section')).findIndex((s) => s.dataset.chart))"
        )
        page.wait_for_selector("section.present .js-plotly-plot svg.main-svg", timeout=15_000)
        browser.close()
    return blocked
