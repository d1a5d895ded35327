"""The course's benchmark (`make bench`): how fast and how small it is, against the plain approach.

Prints a table of every figure against its target and writes bench/results/bench.json. It is a
benchmark, not a test: it never fails on timing. Parts:

* notebooks: execution top to bottom in a fresh kernel and again in the same (warm) kernel; size on disk;
* callbacks: every control of every notebook is changed through all its values in this process, and the
  kernel-side time of its callback is taken (median, p95); the same change is also made the plain way
  most tutorials use (rebuild a validated figure and re-display it into an Output), as a ratio;
* browser: round trips (control changed -> chart redrawn) of the course's way and of the plain way, in
  the app view (Voila) in Chromium, reusing the browser tests' driver (`--browser`; needs Chromium; see
  tools/bench_browser.py and tools/plain_way.py);
* environment: `import helpers` time, size of the installed environment, time of a fresh install (`--install`).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))

TARGETS = {
    "warm_s": 5.0,
    "callback_median_ms": 5.0,
    "round_trip_p95_ms": 100.0,
    "notebook_kb": 300.0,
    "import_helpers_s": 1.5,
    "environment_mb": 700.0,
}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    return "within" if value <= target else "OVER"


# --------------------------------------------------------------------------- notebooks
def time_notebook(path: Path) -> dict[str, float]:
    """Seconds to execute every cell in a fresh kernel (start included), then again in the warm kernel."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        fresh = time.perf_counter() - start
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        warm = time.perf_counter() - start
    return {"fresh_s": round(fresh, 2), "warm_s": round(warm, 2), "size_kb": round(path.stat().st_size / 1024, 1)}


# --------------------------------------------------------------------------- callbacks
@dataclass
class ControlTiming:
    notebook: str
    control: str
    kind: str
    course_ms: list[float] = field(default_factory=list)
    plain_ms: list[float] = field(default_factory=list)
    seen_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        med = statistics.median(self.course_ms) if self.course_ms else None
        plain = statistics.median(self.plain_ms) if self.plain_ms else None
        return {
            "notebook": self.notebook,
            "control": self.control,
            "kind": self.kind,
            "changes": len(self.course_ms),
            "callback_median_ms": round(med, 2) if med is not None else None,
            "callback_p95_ms": round(percentile(self.course_ms, 95), 2) if self.course_ms else None,
            "plain_median_ms": round(plain, 2) if plain is not None else None,
            "plain_over_course": round(plain / med, 1) if plain and med else None,
            "seen_median_ms": round(statistics.median(self.seen_ms), 3) if self.seen_ms else None,
        }


def run_notebook_code(path: Path) -> dict[str, Any]:
    """Run a notebook's code cells in this process (as a kernel would), quietly; return its namespace."""
    import nbformat

    namespace: dict[str, Any] = {"__name__": "__main__"}
    nb = nbformat.read(path, as_version=4)
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in nb.cells:
                if cell.cell_type == "code":
                    exec(compile(cell.source, f"{path.name}", "exec"), namespace)
    finally:
        os.chdir(cwd)
    return namespace


def control_values(control: Any) -> list[Any]:
    """Every value a learner can give the control, ending where it started."""
    import ipywidgets as w

    if isinstance(control, w.SelectMultiple):
        keys = (
            [v for _, v in control.options]
            if control.options and isinstance(control.options[0], tuple)
            else list(control.options)
        )
        return [(k,) for k in keys] + [tuple(keys)]
    if isinstance(control, (w.Dropdown, w.ToggleButtons, w.RadioButtons, w.Select)):
        keys = [o[1] if isinstance(o, tuple) else o for o in control.options]
        start = control.value
        return [k for k in keys if k != start] + [start]
    if isinstance(control, w.Checkbox):
        return [not control.value, control.value]
    if isinstance(control, w.Text):
        return ["bone", "scan", ""]
    return []


def plain_redraw(figures: list[Any]) -> float:
    """The plain way: rebuild each chart as a new, validated figure and display it into an Output; ms."""
    import ipywidgets as w
    import plotly.graph_objects as go
    import plotly.io as pio

    out = w.Output()
    start = time.perf_counter()
    out.clear_output(wait=True)
    for fig in figures:
        shown = go.Figure(dict(fig.shown))  # validated, as go.Figure(...) in a tutorial is
        out.outputs = (
            {
                "output_type": "display_data",
                "data": {"application/vnd.plotly.v1+json": pio.to_json(shown)},
                "metadata": {},
            },
        )
    return (time.perf_counter() - start) * 1000


@contextlib.contextmanager
def spy_updates() -> Iterator[list[tuple[Any, float]]]:
    """Record each update_in_place call (the widget and the ms it took) made by the course's widgets."""
    import helpers.widgets.core as core

    calls: list[tuple[Any, float]] = []
    original = core.update_in_place

    def timed(widget: Any, figure: Any) -> None:
        start = time.perf_counter()
        original(widget, figure)
        calls.append((widget, (time.perf_counter() - start) * 1000))

    modules = [
        m
        for name, m in sys.modules.items()
        if name.startswith(("helpers.widgets", "helpers.explorer")) and getattr(m, "update_in_place", None) is original
    ]
    for module in modules:
        module.update_in_place = timed
    try:
        yield calls
    finally:
        for module in modules:
            module.update_in_place = original


def time_controls(path: Path) -> list[ControlTiming]:
    """Kernel-side time of every control's callback, and of the same change made the plain way.

    The plain way keeps the callback's data work (everything but the in-place update) and replaces the
    in-place update by rebuilding each updated chart as a validated figure displayed into an Output.
    """
    import ipywidgets as w

    with warnings.catch_warnings():  # Widget.widgets is deprecated, and the simplest registry of instances
        warnings.simplefilter("ignore", DeprecationWarning)
        registry = w.Widget.widgets
    before = set(registry)
    run_notebook_code(path)
    created = [registry[k] for k in list(registry) if k not in before]
    kinds = (
        w.Dropdown,
        w.ToggleButtons,
        w.RadioButtons,
        w.Select,
        w.SelectMultiple,
        w.Checkbox,
        w.Text,
        w.Button,
        w.DatePicker,
    )
    controls = [x for x in created if isinstance(x, kinds)]
    results = []
    for control in controls:
        if getattr(control, "disabled", False):
            continue
        label = control.description or getattr(control, "tooltip", "") or type(control).__name__
        timing = ControlTiming(path.name, label, type(control).__name__)
        if isinstance(control, w.Button):
            actions = [control.click] * 6
        elif isinstance(control, w.DatePicker):
            import datetime as dt

            start_value = control.value
            actions = [
                (lambda d=d, c=control: setattr(c, "value", d))
                for d in (dt.date(2020, 1, 31), dt.date(2024, 2, 29), start_value)
            ]
        else:
            actions = [(lambda v=v, c=control: setattr(c, "value", v)) for v in control_values(control)]
        for act in actions:
            with spy_updates() as calls:
                start = time.perf_counter()
                act()
                total = (time.perf_counter() - start) * 1000
            timing.course_ms.append(total)
            if calls:
                data_work = total - sum(ms for _, ms in calls)
                timing.plain_ms.append(data_work + plain_redraw([widget for widget, _ in calls]))
        for act in actions:  # again: every state is now one the explorer has seen (served from its memo)
            start = time.perf_counter()
            act()
            timing.seen_ms.append((time.perf_counter() - start) * 1000)
        if timing.course_ms:
            results.append(timing)
    return results


# --------------------------------------------------------------------------- environment
def import_time() -> float:
    code = "import time; t = time.perf_counter(); import helpers, helpers.widgets, helpers.lessons; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    ]
    return round(statistics.median(runs), 2)


def environment_mb(prefix: Path) -> float:
    total = 0
    for dirpath, _, files in os.walk(prefix):
        for name in files:
            with contextlib.suppress(OSError):
                total += (Path(dirpath) / name).lstat().st_size
    return round(total / 1e6, 0)


def runtime_environment_mb() -> tuple[float, float]:
    """Size of a fresh environment with only what the notebooks need at run time (and JupyterLab), and its install time."""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pins = [
            line for line in (ROOT / "requirements.lock").read_text().splitlines() if line and not line.startswith("#")
        ]
        runtime = set(_runtime_closure())
        wanted = [p for p in pins if p.split("==")[0].lower() in runtime]
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *wanted],
            check=True,
        )
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "-e",
                str(ROOT),
            ],
            check=True,
        )
        seconds = time.perf_counter() - start
        return environment_mb(venv), round(seconds, 1)


def _runtime_closure() -> Iterator[str]:
    """Names of the run-time packages (dependencies + the lab extra) and everything they require, from this environment."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = ["pandas", "pandera", "plotly", "anywidget", "ipywidgets", "jupyterlab", "voila", "ipykernel", "setuptools"]
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        for req in dist.requires or []:
            r = Requirement(req)
            if r.marker is None or r.marker.evaluate({"extra": ""}):
                todo.append(r.name)
    yield from seen


def fresh_install_s() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["git", "clone", "-q", str(ROOT), tmp], check=True)
        start = time.perf_counter()
        subprocess.run(["make", "-s", "-C", tmp, ".venv/.installed"], check=True, capture_output=True)
        return round(time.perf_counter() - start, 1)


# --------------------------------------------------------------------------- report
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="benchmark the course")
    parser.add_argument("--browser", action="store_true", help="also measure browser round trips (needs Chromium)")
    parser.add_argument(
        "--install", action="store_true", help="also time a fresh install and size a run-time environment"
    )
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or NOTEBOOKS
    os.environ.pop("COURSE_STRICT_FIGURES", None)
    result: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "targets": TARGETS,
    }
    result["import_helpers_s"] = import_time()
    result["notebooks"] = {p.name: time_notebook(p) for p in paths}
    result["callbacks"] = [t.summary() for p in paths for t in time_controls(p)]
    if args.install:
        result["environment_mb"], result["runtime_install_s"] = runtime_environment_mb()
        result["fresh_install_s"] = fresh_install_s()
    if args.browser:
        from bench_browser import browser_round_trips

        result["browser"] = browser_round_trips(paths)
        from bench_site import bench_site

        result["site"] = bench_site()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench.json").write_text(json.dumps(result, indent=2))
    report(result)


def report(r: dict[str, Any]) -> None:
    t = r["targets"]
    print(f"Machine: {r['machine']['cpus']} CPUs, Python {r['machine']['python']}, {r['machine']['platform']}")
    print(
        f"\nimport helpers: {r['import_helpers_s']:.2f} s (target <= {t['import_helpers_s']} s: {verdict(r['import_helpers_s'], t['import_helpers_s'])})"
    )
    if "environment_mb" in r:
        print(
            f"run-time environment: {r['environment_mb']:.0f} MB (target <= {t['environment_mb']:.0f} MB: {verdict(r['environment_mb'], t['environment_mb'])})"
        )
        print(
            f"fresh install (`make` environment, all extras): {r['fresh_install_s']:.0f} s; run-time only: {r['runtime_install_s']:.0f} s"
        )
    print(f"\n{'notebook':42} {'fresh s':>8} {'warm s':>7} {'<=5 s':>7} {'KB':>6} {'<=300':>7}")
    for name, n in r["notebooks"].items():
        print(
            f"{name:42} {n['fresh_s']:8.1f} {n['warm_s']:7.2f} {verdict(n['warm_s'], t['warm_s']):>7} {n['size_kb']:6.0f} {verdict(n['size_kb'], t['notebook_kb']):>7}"
        )
    print(
        f"\n{'notebook':32} {'control':30} {'n':>3} {'median ms':>9} {'p95 ms':>7} {'<=5 ms':>7} {'plain ms':>8} {'plain/ours':>10} {'seen ms':>8} {'<=1 ms':>7}"
    )
    for c in r["callbacks"]:
        print(
            f"{c['notebook'][:32]:32} {c['control'][:30]:30} {c['changes']:3d} {c['callback_median_ms']:9.2f} {c['callback_p95_ms']:7.2f} "
            f"{verdict(c['callback_median_ms'], t['callback_median_ms']):>7} {c['plain_median_ms'] or 0:8.1f} {c['plain_over_course'] or 0:10.1f} "
            f"{c['seen_median_ms'] or 0:8.3f} {verdict(c['seen_median_ms'] or 0, 1.0):>7}"
        )
    if "browser" in r:
        print(
            "\nBrowser round trips in the app view (Voila), control changed -> chart or text redrawn; plain = Output re-display"
        )
        print(
            f"{'notebook':32} {'control':30} {'n':>3} {'median ms':>9} {'p95 ms':>7} {'<=100':>7} {'plain med':>9} {'plain p95':>9} {'plain/ours':>10}"
        )
        for b in r["browser"]:
            ratio = (
                f"{b['plain_over_course']:10.1f}"
                if b.get("plain_over_course")
                else f"{'text only' if not b['redraws_chart'] else 'n/a':>10}"
            )
            print(
                f"{b['notebook'][:32]:32} {b['control'][:30]:30} {b['changes']:3d} {b['median_ms']:9.1f} {b['p95_ms']:7.1f} "
                f"{verdict(b['p95_ms'], t['round_trip_p95_ms']):>7} {b.get('plain_median_ms') or 0:9.1f} {b.get('plain_p95_ms') or 0:9.1f} {ratio}"
            )
    if "site" in r:
        site = r["site"]
        app = [b["median_ms"] for b in r.get("browser", []) if b.get("redraws_chart")]
        app_median = statistics.median(app) if app else None
        print("\nThe course website (make site), from file://, offline")
        print(
            f"build: {site['build_s']:.0f} s; size {site['site_mb']:.1f} MB (target <= 15 MB), plotly.js {site['plotly_js_mb']:.1f} MB"
        )
        kb, page = site["largest_page_data_kb"]
        print(f"largest page data: {kb:.0f} KB ({page}; target <= 2048 KB)")
        print(f"first chart drawn: median {site['first_chart_median_ms']} ms over the pages (target <= 500 ms)")
        ratio = (
            f", {app_median / site['change_median_ms']:.1f}x faster than the app view's chart redraws"
            if app_median
            else ""
        )
        print(
            f"control change to redrawn chart: median {site['change_median_ms']} ms, p95 {site['change_p95_ms']} ms "
            f"over {site['changes']} changes (target p95 <= 16 ms){ratio}"
        )
    print(f"\nwritten: {OUT.relative_to(ROOT) / 'bench.json'}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
