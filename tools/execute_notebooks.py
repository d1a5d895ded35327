"""Re-execute notebooks in place, top to bottom in a fresh kernel (`make notebooks`).

Each chart's output also gets a picture of its first state (JPEG, drawn by plotly.js in Debian's Chromium), beside the
widget view: GitHub and nbviewer, which cannot run a widget, show the picture; JupyterLab and Voila show the live
chart. Without Chromium the notebooks are executed without pictures (and the tool says so).

Outputs are kept, so nbval compares real outputs; widget state is NOT stored (with a FigureWidget
it would embed plotly.js, ~5 MB a notebook), and cell timing metadata is not recorded, so a
re-run changes a notebook's file only where its outputs changed.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from helpers.static import PICTURE_MIME, PICTURES_ENV
from helpers.style import TEMPLATE, template_json
from helpers.widgets.figure import PLOTLY_JS

WIDTH = 700


def chromium() -> str | None:
    return next((c for c in ("/usr/bin/chromium", shutil.which("chromium")) if c and Path(c).exists()), None)


def add_pictures(nb: Any) -> int:
    """Replace each output's figure (PICTURE_MIME) by a picture of it (JPEG: a third of a PNG's size); returns how many were drawn."""
    outputs = [o for c in nb.cells for o in c.get("outputs", []) if PICTURE_MIME in o.get("data", {})]
    browser_path = chromium()
    if not outputs or browser_path is None:
        for output in outputs:
            del output["data"][PICTURE_MIME]
        return 0
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.set_content("<div id='chart'></div>")
        page.add_script_tag(path=str(PLOTLY_JS))
        for output in outputs:
            spec = output["data"].pop(PICTURE_MIME)
            url = page.evaluate(
                """async ([spec, template, width]) => {
                     const layout = Object.assign({}, spec.layout, { template, width });
                     const div = document.getElementById('chart');
                     await Plotly.newPlot(div, spec.data, layout, { staticPlot: true });
                     return Plotly.toImage(div, { format: 'jpeg', width, height: layout.height || 450, scale: 0.7 });
                   }""",
                [spec, template_json(TEMPLATE), WIDTH],
            )
            output["data"]["image/jpeg"] = url.split(",", 1)[1]
        browser.close()
    return len(outputs)


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    os.environ[PICTURES_ENV] = "1"  # the kernel inherits it
    client.execute()
    pictures = add_pictures(nb)
    elapsed = time.perf_counter() - start
    if not pictures and chromium() is None:
        print(f"{path.name}: no pictures of the charts (Chromium is needed to draw them)")
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def main(paths: list[str]) -> None:
    if not paths:
        sys.exit("usage: execute_notebooks.py NOTEBOOK.ipynb ...")
    for name in paths:
        seconds = execute(Path(name))
        print(f"{name}: executed in {seconds:.1f} s, {Path(name).stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
