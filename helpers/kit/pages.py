"""Pages for the classroom: the printable quiz and answer key, the lesson handouts and the urgency-scale sheet (HTML
printed to PDF by Chromium), and the reveal.js decks. Every page is self-contained: plotly.js and reveal.js are
copied next to it, and printing blocks every request that does not come from the build folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup

from helpers.course import review_dates
from helpers.data import load_table
from helpers.html import render
from helpers.kit.charts import key_charts
from helpers.kit.content import LessonContent, all_content, glossary_terms
from helpers.self_checks import SelfCheck, load_checks
from helpers.text import DISCLAIMER, short_cite
from helpers.urgency import badge_html, levels, scale_html

CHROMIUM = "/usr/bin/chromium"
T = TypeVar("T")
LETTERS = "ABCDEFGH"


def css() -> Markup:
    return Markup(render("kit_style.css.j2"))


def plotly_js(folder: Path) -> Path:
    """plotly.js as the installed plotly package bundles it, copied into ``folder``."""
    from plotly.offline import get_plotlyjs

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "plotly.min.js"
    if not target.exists():
        target.write_text(get_plotlyjs(), encoding="utf-8")
    return target


def in_own_thread(work: Callable[[], T]) -> T:
    """Run ``work`` in a thread of its own: Playwright's sync API refuses a thread whose asyncio loop is running
    (a Jupyter kernel's, or a test session's that drives a browser)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def print_pdfs(pages: Sequence[tuple[Path, Path]], wait_for_charts: bool = False) -> list[Path]:
    """Print each (HTML, PDF) pair with headless Chromium (Playwright); only file:// requests are let through."""
    return in_own_thread(lambda: _print_pdfs(pages, wait_for_charts))


def _print_pdfs(pages: Sequence[tuple[Path, Path]], wait_for_charts: bool) -> list[Path]:
    from playwright.sync_api import Route, sync_playwright

    def local_only(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.route("**/*", local_only)
            for html, pdf in pages:
                page.goto(html.resolve().as_uri(), wait_until="load")
                if wait_for_charts:  # a page with charts sets __plotsDone, a promise that resolves once all are drawn
                    page.evaluate("() => window.__plotsDone || true")
                page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()
    return [pdf for _, pdf in pages]


# --------------------------------------------------------------------------- quiz and key
def _groups(items: Iterable[SelfCheck]) -> list[dict[str, Any]]:
    from helpers.kit.bank import lesson_titles

    sources = load_table("sources")
    titles = lesson_titles()
    groups: list[dict[str, Any]] = []
    for number, item in enumerate(items, start=1):
        if not groups or groups[-1]["code"] != item.notebook:
            groups.append({"code": item.notebook, "title": titles[item.notebook], "questions": []})
        groups[-1]["questions"].append(
            {
                "number": number,
                "check_id": item.check_id,
                "question": item.question,
                "options": item.options,
                "letter": LETTERS[item.answer_position],
                "sources": "; ".join(short_cite(sources, s) for s in item.source_ids),
            }
        )
    return groups


def printable_quiz(items: Sequence[SelfCheck], out: Path) -> list[Path]:
    """The printable quiz (no answers) and the separate answer key, as HTML and PDF."""
    written = []
    pairs = []
    for name, key, title in (
        ("quiz", False, "How cancer spreads: quiz"),
        ("answer-key", True, "How cancer spreads: quiz answer key (for instructors)"),
    ):
        html = out / f"{name}.html"
        html.write_text(
            render("kit_quiz.html.j2", title=title, key=key, groups=_groups(items), disclaimer=DISCLAIMER, css=css()),
            encoding="utf-8",
        )
        written.append(html)
        pairs.append((html, out / f"{name}.pdf"))
    return written + print_pdfs(pairs)


# --------------------------------------------------------------------------- handouts
def _review(content: LessonContent) -> str:
    last, due = review_dates(content.lesson.filename)
    return f"Content last reviewed {last:%d %B %Y}; next review due {due:%d %B %Y}."


def handout_html(content: LessonContent, checks: Sequence[SelfCheck], plotly_src: str) -> str:
    lesson = content.lesson
    glossary = glossary_terms(content, load_table("glossary")).to_dict("records")
    return render(
        "kit_handout.html.j2",
        title=f"{lesson.number}. {lesson.title}",
        disclaimer=DISCLAIMER,
        review=_review(content),
        objectives=[o.rstrip(";.") for o in lesson.objectives],
        key_points=list(content.key_points),
        charts=[{"caption": c.caption, "spec": c.build()} for c in key_charts(lesson.number)],
        glossary=glossary,
        questions=[c for c in checks if c.notebook == content.code],
        plotly_src=plotly_src,
        css=css(),
    )


def urgency_html() -> str:
    scale = levels(load_table("urgency_levels"))
    signs = load_table("warning_signs")
    sources = load_table("sources")
    ids = sorted({s for lv in load_table("urgency_levels")["source_ids"] for s in lv.split(";")})
    groups = [
        {
            "level": lv,
            "badge": Markup(badge_html(lv)),
            "signs": sorted(set(signs.loc[signs["level"] == key, "sign"])),
        }
        for key, lv in scale.items()
    ]
    return render(
        "kit_urgency.html.j2",
        title="When to contact your care team",
        disclaimer=DISCLAIMER,
        intro=(
            "The course's urgency scale, with the warning signs it places at each level. Each level says how soon to act "
            "and whom to contact; the signs come from the course's lessons on bone metastasis and on recurrence after "
            "gastric cancer surgery. Local services and the care team's own instructions come first."
        ),
        scale=Markup(scale_html(scale, caption="The urgency scale")),
        groups=groups,
        sources="Modelled on: " + "; ".join(short_cite(sources, s.strip()) for s in ids) + ".",
        css=css(),
    )


def write_handouts(out: Path) -> list[Path]:
    """One PDF per lesson and the urgency-scale sheet (with their HTML), into ``out``."""
    plotly_js(out / "assets")
    checks = list(load_checks().values())
    pairs = []
    for content in all_content():
        html = out / f"handout-{content.code}.html"
        html.write_text(handout_html(content, checks, "assets/plotly.min.js"), encoding="utf-8")
        pairs.append((html, out / f"handout-{content.code}.pdf"))
    sheet = out / "when-to-contact-your-care-team.html"
    sheet.write_text(urgency_html(), encoding="utf-8")
    pairs.append((sheet, out / "when-to-contact-your-care-team.pdf"))
    return print_pdfs(pairs, wait_for_charts=True)


# --------------------------------------------------------------------------- slides
REVEAL_FILES = ("dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "LICENSE")


def copy_reveal(reveal: Path, folder: Path) -> None:
    """The reveal.js files the decks use, copied from the npm package (tools/slides, installed with npm ci)."""
    if not (reveal / "dist" / "reveal.js").exists():
        raise FileNotFoundError(f"{reveal}: reveal.js is not installed (run `npm ci --prefix tools/slides`)")
    for name in REVEAL_FILES:
        target = folder / name.removeprefix("dist/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(reveal / name, target)


def _chunks(items: Sequence[str], size: int) -> list[list[str]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]


def slides_html(content: LessonContent) -> str:
    lesson = content.lesson
    prompts = load_table("discussion_prompts")
    return render(
        "kit_slides.html.j2",
        title=f"{lesson.number}. {lesson.title}",
        disclaimer=DISCLAIMER,
        objectives=[o.rstrip(";.") for o in lesson.objectives],
        charts=[{"caption": c.caption, "spec": c.build()} for c in key_charts(lesson.number)],
        key_points=_chunks(content.key_points, 4),
        prompts=list(prompts.loc[prompts["lesson"] == content.code, "prompt"]),
    )


def write_slides(out: Path, reveal: Path) -> list[Path]:
    """One reveal.js deck per lesson, with reveal.js and plotly.js copied into ``out/assets``."""
    copy_reveal(reveal, out / "assets" / "reveal")
    plotly_js(out / "assets")
    written = []
    for content in all_content():
        deck = out / f"slides-{content.code}.html"
        deck.write_text(slides_html(content), encoding="utf-8")
        written.append(deck)
    return written
