"""The course website in the benchmark: build time, sizes, time to the first chart, and control changes.

Each page is opened from file:// in Chromium (every other request blocked). The time to the first chart runs from
the start of navigation to the moment plotly.js has drawn the page's first chart (``performance.now()``). A control
change is timed in the page, from setting the control to the end of the chart's redraw (``Plotly.react``'s promise).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "tools"))

from driver import percentile  # noqa: E402
from servers import CHROMIUM_ARGS, find_chromium  # noqa: E402

CHANGE_ALL = """async () => {
  const times = [];
  for (const el of document.querySelectorAll('.course-explorer')) {
    for (const select of el.querySelectorAll('select:not([multiple])')) {
      for (let i = 0; i < select.options.length; i++) {
        const t0 = performance.now();
        select.selectedIndex = i;
        select.dispatchEvent(new Event('change'));
        await CourseSite.lastDraw;
        times.push(performance.now() - t0);
      }
    }
    for (const input of el.querySelectorAll('.course-radio input, .course-checkbox input')) {
      if (input.disabled) continue;
      const t0 = performance.now();
      input.click();
      await CourseSite.lastDraw;
      times.push(performance.now() - t0);
    }
  }
  return times;
}"""


def page_data_bytes(html: str) -> int:
    return sum(
        len(m) for m in re.findall(r'<script type="application/json" class="course-data">(.*?)</script>', html, re.S)
    )


def bench_site(out: Path = ROOT / "build" / "site") -> dict[str, Any]:
    import build_site  # tools/build_site.py
    from playwright.sync_api import sync_playwright

    built = build_site.build(out)
    files = [p for p in out.rglob("*") if p.is_file() and ".doctrees" not in p.parts]
    pages = sorted(
        p
        for p in files
        if p.suffix == ".html" and "_static" not in p.parts and p.name not in ("genindex.html", "search.html")
    )
    result: dict[str, Any] = {
        "build_s": round(built, 1),
        "site_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
        "plotly_js_mb": round((out / "_static" / "plotly.min.js").stat().st_size / 1e6, 2),
        "largest_page_data_kb": max(
            (round(page_data_bytes(p.read_text(encoding="utf-8")) / 1024, 1), str(p.relative_to(out))) for p in pages
        ),
        "first_chart_ms": {},
        "changes_ms": [],
    }
    chromium = find_chromium()
    if chromium is None:
        return result
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page = context.new_page()
        for path in pages:
            page.goto(path.as_uri())
            page.wait_for_selector("html[data-course-ready='1']", state="attached")
            if page.locator(".course-figure:not([hidden])").count():
                try:
                    page.wait_for_function("document.documentElement.dataset.firstChartMs", timeout=10_000)
                except Exception as error:
                    raise RuntimeError(f"{path.name}: no chart drawn") from error
                result["first_chart_ms"][str(path.relative_to(out))] = round(
                    float(page.evaluate("document.documentElement.dataset.firstChartMs")), 1
                )
            result["changes_ms"] += page.evaluate(CHANGE_ALL)
        browser.close()
    changes = result.pop("changes_ms")
    firsts = list(result["first_chart_ms"].values())
    result["first_chart_median_ms"] = round(statistics.median(firsts), 1) if firsts else None
    result["change_median_ms"] = round(statistics.median(changes), 2) if changes else None
    result["change_p95_ms"] = round(percentile(changes, 95), 2) if changes else None
    result["changes"] = len(changes)
    return result


if __name__ == "__main__":
    started = time.perf_counter()
    print(bench_site())
