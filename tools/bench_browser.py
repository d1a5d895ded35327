"""Browser round trips for the benchmark: the course's way against the plain way, in the app view.

Each notebook is opened twice in Voila in Chromium (offline): as it is, and as a "plain" copy whose
first cell imports ``plain_way`` (every chart re-displayed into an Output on each change). Every control
is changed through its values by the browser tests' driver, which times each change from the control's
event to the moment the chart (or text) beside it has been redrawn.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from driver import PageReport, exercise_controls, open_in_voila, percentile, reveal_all  # noqa: E402
from servers import CHROMIUM_ARGS, find_chromium, offline_page, start_voila, stop  # noqa: E402

PLAIN_PREFIX = "plain-"
# A change is timed to the last redraw of its output, once nothing has changed for this long: the plain
# way shows its new text first and its new chart later, and the chart is what the learner waits for.
SETTLE_MS = 300


def plain_copy(source: Path, target: Path) -> None:
    """The notebook with a first code cell that swaps in the plain way."""
    nb = nbformat.read(source, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell("import plain_way  # noqa: F401 (benchmark only)"))
    nbformat.write(nb, target)


def by_control(report: PageReport) -> dict[str, list[float]]:
    """Round trips (ms) of each control, in page order; changes that showed nothing are left out."""
    timings: dict[str, list[float]] = defaultdict(list)
    for interaction in report.interactions:
        if interaction.ms >= 0:
            timings[interaction.control].append(interaction.ms)
    return timings


def redraws_a_chart(report: PageReport, control: str) -> bool:
    return any(i.chart for i in report.interactions if i.control == control)


def measure(page: Any, base: str, notebook: str) -> tuple[PageReport, dict[str, list[float]]]:
    report = PageReport(notebook, "voila")
    try:
        report.seconds_to_ready = open_in_voila(page, base, notebook)
        page.set_viewport_size(reveal_all(page))  # every widget drawn, as in the browser tests
        exercise_controls(page, report, settle_ms=SETTLE_MS)
    finally:
        page.goto("about:blank")  # unloading the page makes Voila shut its kernel down
        page.context.close()
    return report, by_control(report)


def browser_round_trips(paths: list[Path]) -> list[dict[str, Any]]:
    """One row per control: the course's round trip (median, p95) and the plain way's, with their ratio."""
    chromium = find_chromium()
    if chromium is None:
        print("browser round trips skipped: Chromium not found (`sudo apt-get install chromium`)", file=sys.stderr)
        return []
    from playwright.sync_api import sync_playwright

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
        notebooks = Path(tmp) / "notebooks"
        notebooks.mkdir()
        shutil.copy(ROOT / "tools" / "plain_way.py", notebooks / "plain_way.py")
        for path in paths:
            shutil.copy(path, notebooks / path.name)
            plain_copy(path, notebooks / f"{PLAIN_PREFIX}{path.name}")
        process, base = start_voila(notebooks, ROOT / "bench" / "results" / "voila.log")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
                for path in paths:
                    ours, course = measure(offline_page(browser), base, path.name)
                    theirs, plain = measure(offline_page(browser), base, f"{PLAIN_PREFIX}{path.name}")
                    for control, ms in course.items():
                        other = plain.get(control, [])
                        row = {
                            "notebook": path.name,
                            "control": control,
                            "changes": len(ms),
                            "median_ms": round(statistics.median(ms), 1),
                            "p95_ms": round(percentile(ms, 95), 1),
                            "plain_median_ms": round(statistics.median(other), 1) if other else None,
                            "plain_p95_ms": round(percentile(other, 95), 1) if other else None,
                            "dead_changes": len([i for i in ours.dead if i.control == control]),
                            "plain_dead_changes": len([i for i in theirs.dead if i.control == control]),
                            "redraws_chart": redraws_a_chart(ours, control),
                        }
                        # only a control that redraws a chart is done differently the plain way
                        compared = other and row["median_ms"] and row["redraws_chart"]
                        row["plain_over_course"] = (
                            round(row["plain_median_ms"] / row["median_ms"], 1) if compared else None
                        )
                        rows.append(row)
                browser.close()
        finally:
            stop(process)
    return rows
