"""Drive JupyterLab and Voila pages in Chromium the way a learner does, and report what happened.

Used by the browser tests and by the benchmark (`make bench`): the round trip of each interaction
is measured in the page, from the control's change to the moment its chart or text has changed.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

HERE = Path(__file__).resolve().parent

# Every kind of ipywidgets control the course uses, as the browser sees it.
CONTROLS = ", ".join(
    [
        ".widget-dropdown select",
        ".widget-select-multiple select",
        ".widget-toggle-button",
        "button.widget-button:not(.widget-toggle-button)",
        ".widget-checkbox input[type=checkbox]",
        ".widget-radio-box input[type=radio]",
        ".widget-text input[type=text]",
        ".widget-datepicker input[type=date]",
    ]
)

_JS_HELPERS = r"""
window.__course = window.__course || {
  controls: () => Array.from(document.querySelectorAll(%CONTROLS%)),
  scope: (el) => el.closest('.jp-OutputArea') || el.closest('.jp-Cell') || document.body,
  hash: (s) => { let h = 0; for (let i = 0; i < s.length; i++) { h = (h * 31 + s.charCodeAt(i)) | 0; } return h + ':' + s.length; },
  chartSignature: (scope) => window.__course.hash(Array.from(scope.querySelectorAll('.js-plotly-plot svg.main-svg')).map((svg) => svg.innerHTML).join('|')),
  signature: (scope) => {
    const parts = [];
    scope.querySelectorAll('.js-plotly-plot svg.main-svg').forEach((svg) => parts.push(svg.innerHTML));
    scope.querySelectorAll('.widget-html-content').forEach((h) => parts.push(h.innerHTML));
    return window.__course.hash(parts.join('|'));
  },
  charts: () => Array.from(document.querySelectorAll('.js-plotly-plot')).map((plot) => {
    const scope = window.__course.scope(plot);
    const svg = Array.from(plot.querySelectorAll('svg.main-svg')).map((e) => e.innerHTML).join('|');
    return { signature: window.__course.hash(svg), controlled: scope !== document.body && scope.querySelector(%CONTROLS%) !== null };
  }),
  describe: () => window.__course.controls().map((el, i) => {
    const kind = el.tagName === 'SELECT' ? (el.multiple ? 'multiselect' : 'select')
      : el.type === 'checkbox' ? 'checkbox' : el.type === 'radio' ? 'radio' : el.type === 'text' ? 'text'
      : el.type === 'date' ? 'date' : el.classList.contains('widget-toggle-button') ? 'toggle' : 'button';
    // the first non-blank of: the widget's description, the option's own label, the element's text
    const clean = (s) => (s || '').replace(/\u200b/g, '').trim();
    const box = el.closest('.jupyter-widgets');
    const description = box && box.querySelector('.widget-label');
    const label = clean(description && description.textContent) || clean(el.closest('label') && el.closest('label').textContent)
      || clean(el.getAttribute('aria-label')) || clean(el.title) || clean(el.textContent) || el.value || '';
    return {
      index: i, kind, label: label.slice(0, 60), disabled: !!el.disabled,
      active: el.classList.contains('mod-active') || !!el.checked,
      value: el.value, options: el.tagName === 'SELECT' ? Array.from(el.options).map((o) => o.value) : [],
    };
  }),
  // Resolves [ms, chartChanged]: ms from the control's change to the moment its chart was redrawn, or
  // (no chart changed) its text; -1: nothing changed. With settle > 0 the output area must then stay
  // still for settle ms before the answer is given, so that a chart drawn after its text (the plain
  // way) is still seen; the time reported is the chart's first redraw, not the end of an animation.
  act: (index, kind, value, settle) => new Promise((resolve) => {
    const el = window.__course.controls()[index];
    const scope = window.__course.scope(el);
    let last = window.__course.signature(scope);
    const chartBefore = window.__course.chartSignature(scope);
    // a chart that is replaced (not redrawn) vanishes for a moment: wait until as many are drawn again
    const drawn = () => scope.querySelectorAll('.js-plotly-plot svg.main-svg').length;
    const chartsBefore = drawn();
    let firstAt = -1, lastAt = -1, chartAt = -1;
    const t0 = performance.now();
    if (kind === 'select' || kind === 'date') {
      el.value = value; el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (kind === 'multiselect') {
      Array.from(el.options).forEach((o) => { o.selected = o.value === value; });
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (kind === 'text') {
      el.value = value; el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    } else {
      el.click();
    }
    const answer = () => [(chartAt >= 0 ? chartAt : firstAt) - t0, chartAt >= 0];
    const check = () => {
      const now = performance.now();
      const signature = window.__course.signature(scope);
      if (signature !== last && drawn() >= chartsBefore) {
        last = signature;
        lastAt = now;
        if (firstAt < 0) firstAt = now;
        if (chartAt < 0 && window.__course.chartSignature(scope) !== chartBefore) chartAt = now;
      }
      if (firstAt >= 0 && now - lastAt >= (settle || 0)) resolve(answer());
      else if (now - t0 > %TIMEOUT%) resolve(firstAt >= 0 ? answer() : [-1, false]);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }),
};
"""

CHANGE_TIMEOUT_MS = 8000


def _install_helpers(page: Page) -> None:
    page.evaluate(
        "(src) => { if (!window.__course) { (0, eval)(src); } }",
        _JS_HELPERS.replace("%CONTROLS%", json.dumps(CONTROLS)).replace("%TIMEOUT%", str(CHANGE_TIMEOUT_MS)),
    )


@dataclass
class Interaction:
    """One change of one control, and how long the page took to show its consequence."""

    control: str
    kind: str
    value: str
    ms: float  # -1: nothing changed within the timeout
    chart: bool = False  # a chart was redrawn (not only text)


@dataclass
class PageReport:
    """What a notebook page showed and how its controls behaved."""

    notebook: str
    view: str
    seconds_to_ready: float = 0.0
    charts: int = 0
    controls: int = 0
    errors: list[str] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    axe: list[dict[str, Any]] = field(default_factory=list)
    frozen_charts: list[int] = field(default_factory=list)  # charts beside controls that never redrew

    @property
    def dead(self) -> list[Interaction]:
        return [i for i in self.interactions if i.ms < 0]

    def timings(self) -> list[float]:
        return [i.ms for i in self.interactions if i.ms >= 0]

    def summary(self) -> dict[str, Any]:
        ms = self.timings()
        return {
            "notebook": self.notebook,
            "view": self.view,
            "seconds_to_ready": round(self.seconds_to_ready, 2),
            "charts": self.charts,
            "controls": self.controls,
            "interactions": len(self.interactions),
            "round_trip_ms_median": round(statistics.median(ms), 1) if ms else None,
            "round_trip_ms_p95": round(percentile(ms, 95), 1) if ms else None,
            "dead_controls": [f"{i.control} -> {i.value}" for i in self.dead],
            "errors": self.errors,
            "blocked_requests": self.blocked,
            "axe_serious_or_critical": [v["id"] for v in self.axe],
            "frozen_charts": self.frozen_charts,
        }


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation), as benchmarks usually report it."""
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def page_errors(page: Page) -> list[str]:
    """Error outputs shown in the page (tracebacks, stderr), as text."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
              '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'
           )).map((e) => e.innerText.slice(0, 300))"""
    )


def count_charts(page: Page) -> int:
    return page.evaluate(
        "() => document.querySelectorAll('.js-plotly-plot svg.main-svg').length > 0 ? document.querySelectorAll('.js-plotly-plot').length : 0"
    )


def exercise_controls(page: Page, report: PageReport, max_per_control: int = 8, settle_ms: int = 0) -> None:
    """Change every control: each other option of a list, each toggle, each button, each tick box, each answer.

    Each change is timed to the first redraw of its output area: with ``settle_ms`` (the benchmark), to
    the first redraw of its chart, if any, after the area has stayed still for that long (the plain way
    shows its new text before its new chart).
    """
    _install_helpers(page)
    described = page.evaluate("() => window.__course.describe()")
    report.controls = len(described)
    charts_before = page.evaluate("() => window.__course.charts()")
    redrawn: set[int] = set()

    def run(index: int, label: str, kind: str, value: str) -> None:
        ms, chart = page.evaluate("([i, k, v, s]) => window.__course.act(i, k, v, s)", [index, kind, value, settle_ms])
        report.interactions.append(Interaction(label, kind, value, round(ms, 1), chart))
        now = page.evaluate("() => window.__course.charts()")
        if len(now) == len(charts_before):
            redrawn.update(i for i, (a, b) in enumerate(zip(charts_before, now)) if a["signature"] != b["signature"])

    buttons = []
    for first in described:
        current = page.evaluate("(i) => window.__course.describe()[i]", first["index"])
        if current["disabled"]:
            continue
        index, kind, label = current["index"], current["kind"], current["label"]
        if kind in ("select", "multiselect"):
            others = [o for o in current["options"] if o != current["value"]][:max_per_control]
            for option in others + ([current["value"]] if kind == "select" and others else []):
                run(index, label, kind, option)
        elif kind in ("toggle", "radio"):
            if not current["active"]:
                run(index, label, kind, label)
        elif kind == "checkbox":
            run(index, label, kind, "toggle")
            run(index, label, kind, "toggle back")
        elif kind == "text":
            run(index, label, kind, "bone")
            run(index, label, kind, "")
        elif kind == "date":
            run(index, label, kind, "2024-02-29")
        elif kind == "button":
            buttons.append(index)
            run(index, label, kind, "click")
    # buttons may enable each other (Previous is disabled on the first step): a second pass for those
    for first in described:
        if first["kind"] == "button" and first["index"] not in buttons:
            current = page.evaluate("(i) => window.__course.describe()[i]", first["index"])
            if not current["disabled"]:
                run(first["index"], current["label"], "button", "click")
    # toggles that were active at first (e.g. the first option) get their turn now
    for first in described:
        if first["kind"] in ("toggle",) and first["active"]:
            current = page.evaluate("(i) => window.__course.describe()[i]", first["index"])
            if not current["disabled"] and not current["active"]:
                run(current["index"], current["label"], "toggle", current["label"])
    # a chart that shares its output with controls must have been redrawn by one of them: text that
    # changed beside a chart that stayed the same is a dead chart, not a working control
    report.frozen_charts = [i for i, chart in enumerate(charts_before) if chart["controlled"] and i not in redrawn]


def run_all_in_lab(page: Page, base: str, notebook: str, timeout_s: float = 120) -> float:
    """Open a notebook in JupyterLab, Run All, wait until every cell has run; return the seconds taken."""
    start = time.perf_counter()
    page.goto(f"{base}/lab/tree/notebooks/{notebook}?reset", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    started = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt'))
                      .some((p) => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""
    for attempt in range(4):  # a kernel that is still connecting may drop the first Run All
        try:
            # a dialog or a menu left open by a page that is still starting can take the click: close it first
            page.keyboard.press("Escape")
            page.get_by_role("menuitem", name="Run", exact=True).click(timeout=20_000)
            page.get_by_text("Run All Cells", exact=True).click(timeout=20_000)
            page.wait_for_function(started, timeout=15_000)
            break
        except Exception:
            if attempt == 3:
                page.screenshot(path=str(HERE.parent / "artifacts" / f"run-all-{notebook}.png"))
                raise
    try:
        _wait_until_all_ran(page, timeout_s)
    except Exception:
        page.screenshot(path=str(HERE.parent / "artifacts" / f"timeout-{notebook}.png"))
        raise
    page.wait_for_timeout(300)  # let widget views attach
    return time.perf_counter() - start


def _wait_until_all_ran(page: Page, timeout_s: float) -> None:
    page.wait_for_function(
        """() => {
            const prompts = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt'));
            return prompts.length > 0 && prompts.every((p) => /\\[\\d+\\]/.test(p.textContent))
              && document.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']") !== null;
        }""",
        timeout=timeout_s * 1000,
    )


def open_in_voila(page: Page, base: str, notebook: str, timeout_s: float = 120) -> float:
    """Open a notebook in Voila and wait until it has executed and rendered; return the seconds taken."""
    start = time.perf_counter()
    page.goto(f"{base}/voila/render/{notebook}", wait_until="domcontentloaded")
    page.wait_for_function(
        """() => document.querySelector('.jp-OutputArea') !== null
              && !document.querySelector('#loading, .voila-spinner-color1')
              && !/Executing|Starting/.test((document.querySelector('#loading_text') || {}).textContent || '')""",
        timeout=timeout_s * 1000,
    )
    page.wait_for_timeout(500)
    return time.perf_counter() - start


def unrendered_outputs(page: Page) -> list[str]:
    """Outputs shown as a Python repr instead of a chart or widget (a renderer missing from the page)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))
              .map((e) => e.innerText.trim())
              .filter((t) => /^(Figure|FigureWidget|VBox|HBox)\\(/.test(t) || /^<IPython\\.core\\.display/.test(t))
              .map((t) => t.slice(0, 80))"""
    )


def reveal_all(page: Page) -> dict[str, int]:
    """Make the viewport as tall as the page, so that every widget is drawn (Voila draws a widget when it
    is scrolled into view), and wait until none says "Loading widget..."; return the old viewport size."""
    height = page.evaluate(
        "() => Math.max(document.body.scrollHeight, ...Array.from(document.querySelectorAll('body *')).map((e) => e.scrollHeight))"
    )
    size = page.viewport_size or {"width": 1280, "height": 900}
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height, size["height"]), 16000))})
    try:
        page.wait_for_function("() => !document.body.innerText.includes('Loading widget...')", timeout=15_000)
    except Exception:
        pass  # what is still loading then shows in the screenshot, and its controls are not found
    page.wait_for_timeout(300)
    return size


def full_page_screenshot(page: Page, path: str) -> None:
    """Screenshot the whole page even when it scrolls inside a container (as Voila's does)."""
    size = reveal_all(page)
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(size)  # type: ignore[arg-type]


def code_is_shown(page: Page) -> bool:
    return page.evaluate(
        "() => document.querySelectorAll('.jp-InputArea-editor, .cm-editor, .jp-InputPrompt').length > 0"
    )


def run_axe(page: Page, axe_js: Path) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page."""
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
