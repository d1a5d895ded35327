"""The course website (`make site`) in Chromium, opened from file:// with every request to another host blocked.

On every page: no console error, no request leaves the folder, axe-core finds no serious or critical violation, every
control can take keyboard focus; every control of every explorer is moved through every option and the page's chart
and text alternative must then be those Python renders for that state (the same render(state) the notebooks use);
the glossary search and the self-checks answer as the notebooks do.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from driver import run_axe

from helpers.explorer import Explorer
from helpers.lessons.catalogue import build
from helpers.lessons.start_here.explorers import glossary_html, matching_terms

ROOT = Path(__file__).resolve().parents[2]
PAGES = [p.stem for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))] + ["index", "glossary", "search"]
PAGES += [f"patients/{p.stem}" for p in sorted((ROOT / "notebooks" / "patients").glob("[0-9][0-9]-*.ipynb"))]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), "--out", str(out)], check=True, env=env)
    return out


@pytest.fixture
def file_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    errors: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.blocked, page.errors = blocked, errors
    yield page
    context.close()


def open_page(page: Any, site: Path, name: str) -> None:
    page.goto((site / f"{name}.html").as_uri())
    page.wait_for_selector("html[data-course-ready='1']", state="attached")


def normalised(page: Any, html: str) -> str:
    """HTML as the browser serialises it (so that '&#34;' and '"' compare equal)."""
    return str(
        page.evaluate("(h) => { const t = document.createElement('div'); t.innerHTML = h; return t.innerHTML; }", html)
    )


def shown(page: Any, index: int) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """(i) => { const el = document.querySelectorAll('.course-explorer')[i];
                 const fig = el.querySelector('.course-figure');
                 return { text: el.querySelector('.course-text').innerHTML, hidden: fig.hidden,
                          data: fig.data ? fig.data.map((t) => [t.type, t.x, t.y]) : null,
                          title: fig.layout && fig.layout.title ? fig.layout.title.text : null }; }""",
            index,
        )
    )


def expected(explorer: Explorer, spec: list[dict[str, Any]], positions: list[int]) -> dict[str, Any]:
    state = explorer.state()
    for control, position in zip(spec, positions):
        if control["kind"] not in ("multiselect", "search"):
            state[control["name"]] = next(
                v for v in _values(explorer, control) if str(v) == control["values"][position]
            )
    for control in spec:  # a multi-select shows every option of the state (the page filters it afterwards)
        sample = explorer.samples().get(control["name"])
        if control["kind"] == "multiselect":
            state[control["name"]] = sample(state)[0] if callable(sample) else _values(explorer, control)[0]
    view = explorer.render(state)
    figure = None if view.figure is None else json.loads(view.figure.to_json())
    return {"text": view.text, "figure": figure}


def _values(explorer: Explorer, control: dict[str, Any]) -> list[Any]:
    sample = explorer.samples().get(control["name"])
    from helpers.explorer import options_of

    return options_of(explorer.controls[control["name"]]) if sample is None or callable(sample) else list(sample)


def check_matches(page: Any, index: int, explorer: Explorer, spec: list[dict[str, Any]], positions: list[int]) -> None:
    want = expected(explorer, spec, positions)
    got = shown(page, index)
    assert got["text"] == normalised(page, want["text"]), f"{type(explorer).__name__} {positions}: text differs"
    if want["figure"] is not None:
        assert not got["hidden"]
        assert got["data"] == [[t.get("type", "scatter"), t.get("x"), t.get("y")] for t in want["figure"]["data"]]
        assert got["title"] == want["figure"]["layout"].get("title", {}).get("text")


@pytest.mark.parametrize("name", PAGES)
def test_every_page_works_offline_from_a_folder(file_page: Any, site: Path, axe_js: Path, name: str) -> None:
    page = file_page
    open_page(page, site, name)
    page.wait_for_timeout(300)
    assert not page.errors, f"{name}: console errors: {page.errors}"
    assert not page.blocked, f"{name}: requests to another host: {page.blocked}"
    assert not run_axe(page, axe_js), f"{name}: axe-core found serious or critical violations"
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('.course-explorer select, .course-explorer input, .course-check input,'
                 + ' .course-explorer button')].filter((c) => !(c.labels && c.labels.length) && !c.textContent.trim()
                 && !c.getAttribute('aria-label')).length"""
    )
    assert unnamed == 0, f"{name}: {unnamed} controls without an accessible name"
    unreachable = page.evaluate(
        "() => [...document.querySelectorAll('.course-explorer select, .course-explorer input')].filter((c) => c.tabIndex < 0).length"
    )
    assert unreachable == 0


@pytest.mark.parametrize("name", [p for p in PAGES if p[:2].isdigit()])
def test_every_control_shows_the_python_render_of_its_state(file_page: Any, site: Path, name: str) -> None:
    page = file_page
    open_page(page, site, name)
    explorers = page.evaluate(
        "() => [...document.querySelectorAll('.course-explorer')].map((e) => JSON.parse(e.querySelector('script.course-data').textContent))"
    )
    for index, data in enumerate(explorers):
        explorer = build(data["name"])
        spec = data["controls"]
        root = page.locator(".course-explorer").nth(index)
        positions = [int(p) for p in str(data["initial"]).split(".")]
        check_matches(page, index, explorer, spec, positions)
        for i, control in enumerate(spec):
            if control["kind"] == "search":
                box = root.locator("input[type=search]")
                for query in ("marrow", "scan", "no such term", ""):
                    box.fill(query)
                    want = glossary_html(matching_terms(explorer.glossary, query))  # type: ignore[attr-defined]
                    assert shown(page, index)["text"] == normalised(page, want)
                continue
            if control["kind"] == "multiselect":
                select = root.locator("select[multiple]")
                labels = select.locator("option").all_inner_texts()
                select.select_option(label=[labels[-1]])
                one = shown(page, index)
                assert one["text"].count("<li>") == 1 and labels[-1] in one["text"]
                assert one["data"] and all(len(t[2] or []) <= 2 for t in one["data"])  # the points of one category
                select.select_option(label=labels)
                continue
            for position in range(len(control["labels"])):
                same_kind = [c for c in spec if c["kind"] == control["kind"]].index(control)
                if control["kind"] == "radio":
                    radio = root.locator("fieldset.course-radio").nth(same_kind).locator("input").nth(position)
                    if radio.is_disabled():
                        continue
                    radio.check()
                elif control["kind"] == "checkbox":
                    box = root.locator("label.course-checkbox input").nth(same_kind)
                    if box.is_disabled():
                        continue
                    box.set_checked(position == 1)
                else:
                    select = root.locator("select:not([multiple])").nth(same_kind)
                    if select.is_disabled():
                        continue
                    select.select_option(index=position)
                positions[i] = position
                check_matches(page, index, explorer, spec, positions)
        for piece in data["layout"]:
            if not piece.startswith("stepper:"):
                continue
            i = [c["name"] for c in spec].index(piece.removeprefix("stepper:"))
            previous = root.locator("button", has_text="Previous").first
            following = root.locator("button", has_text="Next").first
            while not previous.is_disabled():
                previous.click()
            positions[i] = 0
            check_matches(page, index, explorer, spec, positions)
            following.click()
            positions[i] = 1
            check_matches(page, index, explorer, spec, positions)
    checks = page.locator(".course-check")
    for c in range(checks.count()):
        option = checks.nth(c).locator("input[type=radio]").first
        option.check()
        verdict = option.get_attribute("data-verdict")
        assert verdict and verdict in checks.nth(c).locator(".course-feedback").inner_text()
    assert not page.blocked and not page.errors, (page.blocked, page.errors)
