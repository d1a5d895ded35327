"""Re-execute notebooks in place, top to bottom in a fresh kernel (`make notebooks`).

Outputs are kept, so nbval compares real outputs; widget state is NOT stored (with a FigureWidget
it would embed plotly.js, ~5 MB a notebook), and cell timing metadata is not recorded, so a
re-run changes a notebook's file only where its outputs changed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


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
    client.execute()
    elapsed = time.perf_counter() - start
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
