"""Every notebook, the way people use it: Run All in JupyterLab, and the app view in Voila, offline.

For each page: no cell shows an error, charts and controls render, and changing each control (each
option of a list, each toggle, each button, each tick box, each answer) visibly changes its chart or
text. The round trip of every change is measured and reported; a request to another host is blocked
and fails the test (the app view must work offline: no CDN, no font from the internet).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ARTIFACTS, ROOT, SCREENSHOTS, record
from driver import (
    PageReport,
    code_is_shown,
    count_charts,
    exercise_controls,
    full_page_screenshot,
    open_in_voila,
    page_errors,
    run_all_in_lab,
    run_axe,
    unrendered_outputs,
)

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
LESSONS = [n for n in NOTEBOOKS if not n.startswith("00-")]


def check_page(report: PageReport, notebook: str) -> None:
    assert not report.blocked, f"{notebook}: the page asked another host for: {report.blocked}"
    assert not report.errors, f"{notebook}: error output shown: {report.errors}"
    if notebook in LESSONS:
        assert report.charts >= 1, f"{notebook}: no chart rendered"
    assert report.controls >= 1, f"{notebook}: no control rendered"
    assert report.interactions, f"{notebook}: no control could be changed"
    dead = [f"{i.control!r} -> {i.value!r}" for i in report.dead]
    assert not dead, f"{notebook}: these changes did not change any chart or text: {dead}"
    assert not report.frozen_charts, (
        f"{notebook}: no control redrew these charts (numbered from 0 down the page): {report.frozen_charts}"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_in_jupyterlab(page: object, lab_server: str, notebook: str) -> None:
    report = PageReport(notebook, "lab")
    try:
        report.seconds_to_ready = run_all_in_lab(page, lab_server, notebook)  # type: ignore[arg-type]
        report.errors = page_errors(page) + unrendered_outputs(page)  # type: ignore[arg-type]
        report.charts = count_charts(page)  # type: ignore[arg-type]
        SCREENSHOTS.joinpath("lab").mkdir(parents=True, exist_ok=True)
        page.evaluate(
            "() => { const el = document.querySelector('.jupyter-widgets, .js-plotly-plot'); if (el) el.scrollIntoView(); }"
        )  # type: ignore[attr-defined]
        page.screenshot(path=str(SCREENSHOTS / "lab" / f"{Path(notebook).stem}.png"))  # type: ignore[attr-defined]
        exercise_controls(page, report)  # type: ignore[arg-type]
    finally:
        report.blocked = list(page.blocked)  # type: ignore[attr-defined]
        record(report)
    check_page(report, notebook)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_in_voila(page: object, voila_server: str, axe_js: Path, notebook: str) -> None:
    report = PageReport(notebook, "voila")
    try:
        report.seconds_to_ready = open_in_voila(page, voila_server, notebook)  # type: ignore[arg-type]
        report.errors = page_errors(page) + unrendered_outputs(page)  # type: ignore[arg-type]
        assert not code_is_shown(page), f"{notebook}: the app view shows code"  # type: ignore[arg-type]
        SCREENSHOTS.joinpath("voila").mkdir(parents=True, exist_ok=True)
        # the full-page screenshot makes every chart visible, so all have been drawn when they are counted
        full_page_screenshot(page, str(SCREENSHOTS / "voila" / f"{Path(notebook).stem}.png"))  # type: ignore[arg-type]
        report.charts = count_charts(page)  # type: ignore[arg-type]
        report.axe = run_axe(page, axe_js)  # type: ignore[arg-type]
        exercise_controls(page, report)  # type: ignore[arg-type]
    finally:
        report.blocked = list(page.blocked)  # type: ignore[attr-defined]
        record(report)
    check_page(report, notebook)
    assert not report.axe, f"{notebook}: serious or critical accessibility violations: {report.axe}"


def test_servers_send_kernel_messages_without_delay(page: object, lab_server: str, voila_server: str) -> None:
    """JupyterLab and Voila load jupyter-config/ (as `make lab` and `make app` do): no 40 ms stall per message."""
    open_in_voila(page, voila_server, NOTEBOOKS[0])  # type: ignore[arg-type]
    run_all_in_lab(page, lab_server, NOTEBOOKS[0])  # type: ignore[arg-type]
    for log in ("voila.log", "jupyterlab.log"):
        text = (ARTIFACTS / log).read_text(errors="replace")
        assert "sent without delay (TCP_NODELAY)" in text, (
            f"{log}: the kernel websocket does not use helpers.server.QuickKernelWebsocketConnection"
        )


def test_app_view_opens_from_pre_started_kernels(page: object, voila_server: str) -> None:
    """Voila loads jupyter-config/voila.json: each notebook has a pool of kernels that have already run it."""
    open_in_voila(page, voila_server, LESSONS[0])  # type: ignore[arg-type]
    text = (ARTIFACTS / "voila.log").read_text(errors="replace")
    for notebook in NOTEBOOKS:
        assert f"Kernel pool of {notebook} is filled" in text, f"{notebook}: no pre-started kernel"
    assert re.search(rf"Using pre-heated kernel: \S+ for {re.escape(LESSONS[0])}", text), (
        "the page started a new kernel"
    )


def test_the_landing_page_lists_every_notebook_offline(page: object, voila_server: str) -> None:
    """The page a class opens first; the page fixture fails the test if it asks another host for anything."""
    page.goto(f"{voila_server}/")  # type: ignore[attr-defined]
    page.get_by_text(NOTEBOOKS[-1]).first.wait_for()  # type: ignore[attr-defined]
    text = page.evaluate("() => document.body.innerText")  # type: ignore[attr-defined]
    assert all(notebook in text for notebook in NOTEBOOKS)
