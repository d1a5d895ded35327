"""Tests of the browser tests: a broken notebook, a control that changes nothing, a chart that never redraws
and a page that asks another host for something must be caught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from driver import PageReport, count_charts, exercise_controls, open_in_voila, page_errors, run_all_in_lab
from test_views import check_page


def notebook(cells: list[str]) -> dict[str, object]:
    return {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [], "source": src}
            for i, src in enumerate(cells)
        ],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


BROKEN = ["from helpers.data import load_table\nload_table('no_such_table')"]
DEAD_CONTROL = [
    "import ipywidgets as w\nimport plotly.graph_objects as go\n"
    "fig = go.FigureWidget(go.Figure(go.Bar(x=[1, 2], y=[3, 4]), layout={'title': {'text': 'A chart'}}))\n"
    "choice = w.Dropdown(options=['a', 'b', 'c'], description='Pick')  # observed by nobody\n"
    "w.VBox([choice, fig])"
]
# the control changes the words under the chart, never the chart: what a chart whose updates are lost looks like
FROZEN_CHART = [
    "import ipywidgets as w\nfrom helpers import style\nfrom helpers.widgets.figure import CourseFigure\n"
    "fig = CourseFigure(style.figure([style.trace('bar', x=[1, 2], y=[3, 4])], {'title': {'text': 'A chart'}}))\n"
    "words = w.HTML('a')\nchoice = w.Dropdown(options=['a', 'b', 'c'], description='Pick')\n"
    "choice.observe(lambda change: setattr(words, 'value', change['new']), names='value')\n"
    "w.VBox([choice, fig, words])"
]

# what a CDN stylesheet or font does to a page: a request to another host, here from a widget's HTML
EXTERNAL_REQUEST = [
    'import ipywidgets as w\nw.HTML(\'<img src="https://example.org/logo.png" alt="A logo from another host">\')'
]


def write(course_root: Path, name: str, cells: list[str]) -> str:
    (course_root / "notebooks" / name).write_text(json.dumps(notebook(cells)))
    return name


def test_a_broken_notebook_fails(page: object, lab_server: str, course_root: Path) -> None:
    name = write(course_root, "zz-broken.ipynb", BROKEN)
    report = PageReport(name, "test")
    run_all_in_lab(page, lab_server, name)  # type: ignore[arg-type]
    report.errors = page_errors(page)  # type: ignore[arg-type]
    assert report.errors and "KeyError" in " ".join(report.errors) and "no_such_table" in " ".join(report.errors)
    with pytest.raises(AssertionError, match="error output shown"):
        check_page(report, name)


def exercised(page: object, lab_server: str, course_root: Path, name: str, cells: list[str]) -> PageReport:
    """Run a one-chart, one-control notebook in JupyterLab and change its control every way."""
    write(course_root, name, cells)
    report = PageReport(name, "test")
    run_all_in_lab(page, lab_server, name)  # type: ignore[arg-type]
    report.charts = count_charts(page)  # type: ignore[arg-type]
    exercise_controls(page, report)  # type: ignore[arg-type]
    assert report.charts == 1 and report.controls == 1
    return report


def test_a_control_that_changes_nothing_fails(page: object, lab_server: str, course_root: Path) -> None:
    report = exercised(page, lab_server, course_root, "zz-dead-control.ipynb", DEAD_CONTROL)
    assert len(report.dead) == 3  # 'b', 'c' and back to 'a': none redrew anything
    with pytest.raises(AssertionError, match="did not change any chart or text"):
        check_page(report, report.notebook)


def test_a_chart_that_never_redraws_fails(page: object, lab_server: str, course_root: Path) -> None:
    report = exercised(page, lab_server, course_root, "zz-frozen-chart.ipynb", FROZEN_CHART)
    assert not report.dead  # the words did change
    assert report.frozen_charts == [0]
    with pytest.raises(AssertionError, match="no control redrew these charts"):
        check_page(report, report.notebook)


def test_a_request_to_another_host_fails(page: object, voila_server: str, course_root: Path) -> None:
    name = write(course_root, "zz-external-request.ipynb", EXTERNAL_REQUEST)
    report = PageReport(name, "test")
    with page.expect_event("requestfailed", lambda request: "example.org" in request.url):  # type: ignore[attr-defined]
        open_in_voila(page, voila_server, name)  # type: ignore[arg-type]
    report.blocked = list(page.blocked)  # type: ignore[attr-defined]
    assert report.blocked == ["https://example.org/logo.png"]  # blocked: nothing left the machine
    with pytest.raises(AssertionError, match="asked another host"):
        check_page(report, name)
    page.blocked.clear()  # type: ignore[attr-defined]  # the page fixture would fail this test as well
