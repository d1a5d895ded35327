"""Every state of every explorer: its figure validates, its text alternative is not empty, data text is escaped.

Each explorer is built as its notebook builds it (``helpers.lessons.catalogue``) and every state it lists is
rendered through its one ``render``. A second pass builds each from a copy of the tables in which every free-text
column carries a script tag: the tag must never come out as markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers import style
from helpers.data import data_dir, load_table
from helpers.explorer import Explorer, View
from helpers.lessons.catalogue import EXPLORERS, build
from helpers.schemas import TABLES, text_columns

SCRIPT = "<script>alert(1)</script>"
NAMES = sorted(EXPLORERS)


def views(explorer: Explorer) -> list[tuple[dict[str, object], View]]:
    return [(state, explorer.render(state)) for state in explorer.states()]


@pytest.mark.parametrize("name", NAMES)
def test_every_state_renders_a_valid_figure_and_a_text_alternative(name: str) -> None:
    explorer = build(name)
    rendered = views(explorer)
    assert rendered, f"{name} lists no states"
    for state, view in rendered:
        assert re.sub(r"<[^>]+>", "", view.text).strip(), f"{name} {state}: empty text alternative"
        if view.figure is not None:
            go.Figure(dict(view.figure))  # a wrong property fails here
            json.dumps(dict(view.figure))  # plain JSON, as the page receives it
            layout = view.figure["layout"]
            assert layout.get("title", {}).get("text"), f"{name} {state}: a chart without a title"
        assert set(view.disabled) <= set(explorer.controls), f"{name} {state}: disables an unknown control"
    if explorer.same_chart and explorer.figure is not None:
        kinds = {tuple(t.get("type") for t in view.figure["data"]) for _, view in rendered if view.figure is not None}
        assert len(kinds) == 1, f"{name}: the chart changes its traces between states: {kinds}"


@pytest.mark.parametrize("name", NAMES)
def test_the_view_of_a_state_is_remembered_and_drawn(name: str) -> None:
    explorer = build(name)
    states = list(explorer.states())
    last = states[-1]
    assert explorer.view_of(last) is explorer.view_of(dict(last))  # served from the memo the second time
    for control_name, value in last.items():
        if control_name in explorer.controls:
            explorer.controls[control_name].value = value
    view = explorer.view_of(explorer.state())
    assert explorer.text.value == view.text
    if explorer.figure is not None and view.figure is not None:
        assert explorer.figure.shown == view.figure
    assert all(explorer.html[part].value == html for part, html in view.parts.items())


@pytest.mark.parametrize("name", NAMES)
def test_every_control_has_an_accessible_name(name: str) -> None:
    explorer = build(name)
    boxes: list[w.Widget] = [explorer.view()]
    controls = []
    while boxes:
        widget = boxes.pop()
        boxes.extend(getattr(widget, "children", ()))
        if isinstance(widget, w.ValueWidget | w.Button) and not isinstance(widget, w.HTML):
            controls.append(widget)
    assert controls and all(c.description or getattr(c, "tooltip", "") for c in controls)


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], pd.DataFrame]:
    """A loader of copies of the tables in which every free-text cell ends with a script tag."""
    folder: Path = tmp_path_factory.mktemp("poisoned")
    for name, spec in TABLES.items():
        frame = pd.read_csv(data_dir() / spec.filename, dtype=str, keep_default_na=False)
        for column in text_columns(name):
            if column in frame:
                frame[column] = [f"{v} {SCRIPT}" if v else v for v in frame[column]]
        frame.to_csv(folder / spec.filename, index=False)
    return lambda table: load_table(table, folder)


@pytest.mark.parametrize("name", NAMES)
def test_text_from_data_comes_out_escaped_in_every_state(name: str, poisoned: Callable[[str], pd.DataFrame]) -> None:
    explorer = build(name, poisoned)
    seen_escaped = False
    for state, view in views(explorer):
        pieces = [view.text, *view.parts.values()]
        if view.figure is not None:
            pieces.append(json.dumps(dict(view.figure)))
        for piece in pieces:
            assert "<script" not in piece.lower(), f"{name} {state}: a script tag came out as markup"
            seen_escaped = seen_escaped or "&lt;script&gt;" in piece
    assert seen_escaped, f"{name}: no text from data reached the page, so the test checked nothing"


def colours(node: object, key: str = "") -> list[str]:
    """Every colour string of a figure's traces."""
    if isinstance(node, dict):
        return [c for k, v in node.items() for c in colours(v, k)]
    if isinstance(node, list | tuple):
        return [c for v in node for c in colours(v, key)]
    return [node] if isinstance(node, str) and "color" in key.lower() else []


def opaque(colour: str) -> str:
    """'rgba(51, 34, 136, 0.25)' -> 'rgb(51, 34, 136)': a lighter shade of a palette colour is still that colour."""
    found = re.fullmatch(r"rgba\((\d+), (\d+), (\d+), [\d.]+\)", colour)
    return f"rgb({found[1]}, {found[2]}, {found[3]})" if found else colour


@pytest.mark.parametrize("name", NAMES)
def test_every_chart_colour_is_from_the_colour_blind_safe_palette(name: str) -> None:
    allowed = {*style.SAFE, "black", "white"}
    explorer = build(name)
    for state, view in views(explorer):
        if view.figure is not None:
            strays = {c for c in colours(view.figure["data"]) if opaque(c) not in allowed}
            assert not strays, f"{name} {state}: colours outside the palette: {strays}"


@pytest.mark.parametrize("name", NAMES)
def test_the_static_page_has_the_view_of_every_state(name: str) -> None:
    """The course website's copy (helpers.static): every listed state has its view, as the notebook renders it."""
    explorer = build(name)
    html = explorer.static_html()
    payload = re.search(r'<script type="application/json" class="course-data">(.*?)</script>', html, re.S)
    assert payload and "</script" not in payload[1]
    data = json.loads(payload[1])
    specs = data["controls"]
    checked = 0
    for state in explorer.states():
        key = explorer.state_key(state, specs)
        if key is None:
            continue  # a multi-select other than all: the page filters the all-selected view
        figure_index, text, parts, disabled = data["views"][data["states"][key]]
        view = explorer.render(state)
        assert text == view.text and parts == dict(view.parts) and disabled == sorted(view.disabled)
        assert (data["figures"][figure_index] if figure_index >= 0 else None) == (
            None if view.figure is None else json.loads(view.figure.to_json())
        )
        checked += 1
    assert checked and data["initial"] in data["states"]
