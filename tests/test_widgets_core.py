"""The chart widget: update_in_place makes it show exactly the new figure, whatever it showed before."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from helpers import style
from helpers.widgets.core import update_in_place
from helpers.widgets.figure import PLOTLY_JS, CourseFigure, plotly_library


def fig(title: str, bars: list[float], *, color: str | None = None, hidden: bool = False) -> go.Figure:
    marker = {"color": color} if color else {}
    return style.figure(
        [
            {"type": "bar", "x": ["a", "b"], "y": bars, "marker": marker, "visible": not hidden},
            {"type": "scatter", "x": [1], "y": [2]},
        ],
        {"title": {"text": title}, "xaxis": {"title": {"text": "x"}}},
    )


def test_widget_shows_the_new_figure() -> None:
    widget = CourseFigure(fig("one", [1, 2], color="red"))
    update_in_place(widget, fig("two", [3, 4], hidden=True))
    assert widget.layout.title.text == "two" and list(widget.data[0].y) == [3, 4]
    assert widget.data[0].visible is False
    sent = widget.spec["data"][0]
    assert sent["y"] == [3, 4] and sent["visible"] is False
    assert "color" not in sent.get("marker", {})  # replaced, not merged
    assert widget.spec["layout"]["title"]["text"] == "two"


def test_layout_keys_the_new_figure_lacks_are_removed() -> None:
    widget = CourseFigure(
        style.figure(
            [{"type": "bar", "x": ["a"], "y": [1]}, {"type": "scatter"}],
            {"annotations": [{"text": "old note", "showarrow": False}]},
        )
    )
    update_in_place(widget, fig("one", [1, 2]))
    assert "annotations" not in widget.spec["layout"] and not widget.layout.annotations


def test_the_template_is_sent_once_not_with_every_figure() -> None:
    widget = CourseFigure(fig("one", [1, 2]))
    update_in_place(widget, fig("two", [1, 2]))
    assert "template" not in widget.spec["layout"]
    assert widget.template["layout"]  # the page applies the widget's own copy


def test_nothing_is_sent_when_nothing_changed() -> None:
    widget = CourseFigure(fig("one", [1, 2]))
    sent: list[object] = []
    widget.observe(sent.append, names="spec")
    update_in_place(widget, fig("one", [1, 2]))
    assert sent == []
    update_in_place(widget, fig("one", [2, 2]))
    assert len(sent) == 1


def test_trace_count_and_type_must_stay_fixed() -> None:
    widget = CourseFigure(fig("one", [1, 2]))
    with pytest.raises(ValueError, match="trace count"):
        update_in_place(widget, style.figure([{"type": "bar"}], {}))
    with pytest.raises(ValueError, match="changed type"):
        update_in_place(widget, style.figure([{"type": "scatter"}, {"type": "scatter"}], {}))


def test_strict_mode_rejects_invalid_properties() -> None:
    assert style.STRICT  # set by tests/conftest.py
    with pytest.raises(ValueError):
        style.figure([{"type": "bar", "no_such_property": 1}], {})


def test_plotly_js_travels_once_per_kernel_not_once_per_chart() -> None:
    """Each chart's own JavaScript module stays tiny (anywidget gives a module 2 s to load, or the
    widget drops every later message); plotly.js is one shared widget's text."""
    first, second = CourseFigure(), CourseFigure()
    assert len(CourseFigure._esm) < 10_000
    assert first.library is second.library is plotly_library()
    assert first.library.source == PLOTLY_JS.read_text(encoding="utf-8")
    assert first.get_state()["library"] == f"IPY_MODEL_{first.library.model_id}"
    first.library.close()  # e.g. Widget.close_all() between tests: the next chart gets a new one
    assert CourseFigure().library.comm is not None
