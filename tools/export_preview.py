"""Export every notebook to a standalone HTML page for previewing, printing or a course website (`make preview`).

Each notebook is executed in a fresh kernel with its widget state kept in memory; every widget view is
then replaced by static HTML: a chart (FigureWidget) becomes a plotly chart drawn by the plotly.js that
the page embeds once, an HTML widget keeps its text, and a control is written out as what it shows
(a self-check lists its options). Code is left out, as in the app view. The pages load nothing from
the internet and need no kernel.
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
import plotly.graph_objects as go
import plotly.io as pio
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from plotly.offline import get_plotlyjs

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = Path(__file__).resolve().parent / "preview_template"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
CONTAINERS = {"VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel", "AccordionModel", "TabModel"}
CHOICES = {"ToggleButtonsModel", "DropdownModel", "RadioButtonsModel", "SelectModel", "SelectMultipleModel"}
NOTE = (
    '<div class="course-preview-note">Printable preview: the charts show their first state. '
    "Open the notebook in JupyterLab or the app view to change the controls.</div>"
)


class WidgetRenderer:
    """Turns a stored widget tree into static HTML."""

    def __init__(self, state: dict[str, Any]):
        self.state = state
        self.charts = 0

    def render(self, model_id: str) -> str:
        model = self.state.get(model_id)
        if model is None:
            return ""
        name, st = model["model_name"], model["state"]
        if name in CONTAINERS:
            return (
                "<div>"
                + "".join(self.render(ref.removeprefix("IPY_MODEL_")) for ref in st.get("children", []))
                + "</div>"
            )
        if name == "HTMLModel":
            return str(st.get("value", ""))  # the course's HTML widgets hold already-escaped HTML
        if "spec" in st and "template" in st:  # the course's CourseFigure
            spec = st["spec"]
            return self.chart(
                {"data": spec.get("data", []), "layout": {**spec.get("layout", {}), "template": st["template"]}}
            )
        if "_widget_data" in st:  # a plotly FigureWidget
            return self.chart({"data": st["_widget_data"], "layout": st["_widget_layout"]})
        return self.control(name, st)

    def chart(self, figure: dict[str, Any]) -> str:
        """One chart as a div drawn by the page's single copy of plotly.js."""
        self.charts += 1
        return str(
            pio.to_html(
                go.Figure(figure),
                include_plotlyjs=False,
                full_html=False,
                div_id=f"chart-{self.charts}",
                config={"displaylogo": False},
            )
        )

    @staticmethod
    def control(name: str, st: dict[str, Any]) -> str:
        label = html.escape(str(st.get("description", "")))
        if name in CHOICES:
            options = [html.escape(str(o)) for o in st.get("_options_labels", [])]
            chosen = st.get("index")
            chosen = chosen if isinstance(chosen, list) else [chosen]
            if name == "RadioButtonsModel":  # a self-check: print its options as a list to tick
                return "<ul>" + "".join(f"<li>&#9744; {o}</li>" for o in options) + "</ul>"
            shown = ", ".join(options[i] for i in chosen if isinstance(i, int) and i < len(options))
            return f'<p class="course-control">{label} {shown}</p>'
        if name in ("CheckboxModel", "ToggleButtonModel"):
            return f'<p class="course-control">{label}: {"yes" if st.get("value") else "no"}</p>'
        if name in ("TextModel", "DatePickerModel"):
            value = st.get("value") or ""
            if isinstance(value, dict):
                value = f"{value.get('year')}-{value.get('month', 0) + 1:02d}-{value.get('date'):02d}"
            return f'<p class="course-control">{label} {html.escape(str(value))}</p>'
        return ""  # buttons and layout-only widgets


def static_notebook(path: Path, timeout: int = 180) -> tuple[nbformat.NotebookNode, int]:
    """Execute a copy of the notebook and replace its widget views by static HTML."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
    ).execute()
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    renderer = WidgetRenderer(state)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                output["data"] = {"text/html": renderer.render(data[WIDGET_VIEW]["model_id"])}
    nb.metadata.pop("widgets", None)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(NOTE))
    return nb, renderer.charts


def export(paths: list[Path], out_dir: Path) -> list[tuple[Path, int, float]]:
    """Write one HTML page per notebook and an index page; return (page, charts, seconds)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="preview_template", extra_template_basedirs=[str(TEMPLATE_DIR.parent)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    plotly_js = get_plotlyjs()
    done = []
    for path in paths:
        start = time.perf_counter()
        nb, charts = static_notebook(path)
        body, _ = exporter.from_notebook_node(nb, resources={"plotly_js": plotly_js, "metadata": {"name": path.stem}})
        body = body.replace('.ipynb"', '.html"').replace(".ipynb#", ".html#")  # links between notebooks
        page = out_dir / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        done.append((page, charts, time.perf_counter() - start))
    items = "".join(f'<li><a href="{html.escape(p.name)}">{html.escape(p.stem)}</a></li>' for p, _, _ in done)
    (out_dir / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>How cancer spreads: printable preview</title></head>'
        f"<body><h1>How cancer spreads: printable preview</h1><ul>{items}</ul></body></html>",
        encoding="utf-8",
    )
    return done


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to export (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "preview", help="output folder")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    for page, charts, seconds in export(paths, args.out):
        print(
            f"{page.relative_to(ROOT) if page.is_relative_to(ROOT) else page}: {charts} charts, {page.stat().st_size / 1e6:.1f} MB, {seconds:.1f} s"
        )


if __name__ == "__main__":
    sys.exit(main())
