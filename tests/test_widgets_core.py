"""update_in_place: the widget ends up showing exactly the new figure, whatever it showed before."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from helpers import style
from helpers.widgets.core import update_in_place


def fig(title: str, bars: list[float], *, color: str | None = None, hidden: bool = False) -> go.Figure:
    marker = {"color": color} if color else {}
    return style.figure(
        [{"type": "bar", "x": ["a", "b"], "y": bars, "marker": marker, "visible": not hidden}, {"type": "scatter", "x": [1], "y": [2]}],
        {"title": {"text": title}, "xaxis": {"title": {"text": "x"}}},
    )


def test_widget_shows_the_new_figure() -> None:
    widget = go.FigureWidget(fig("one", [1, 2], color="red"))
    update_in_place(widget, fig("two", [3, 4], hidden=True))
    assert widget.layout.title.text == "two" and list(widget.data[0].y) == [3, 4]
    assert widget.data[0].visible is False
    assert widget.data[0].marker.color is None  # removed, not merged


def test_layout_keys_the_new_figure_lacks_are_removed() -> None:
    widget = go.FigureWidget(fig("one", [1, 2]))
    widget.layout.annotations = [{"text": "old note", "showarrow": False}]
    update_in_place(widget, fig("one", [1, 2]))
    assert not widget.layout.annotations


def test_nothing_is_sent_when_nothing_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    widget = go.FigureWidget(fig("one", [1, 2]))
    sent: list[str] = []
    monkeypatch.setattr(widget, "plotly_restyle", lambda *a, **k: sent.append("restyle"))
    monkeypatch.setattr(widget, "plotly_relayout", lambda *a, **k: sent.append("relayout"))
    update_in_place(widget, fig("one", [1, 2]))
    assert sent == []


def test_trace_count_and_type_must_stay_fixed() -> None:
    widget = go.FigureWidget(fig("one", [1, 2]))
    with pytest.raises(ValueError, match="trace count"):
        update_in_place(widget, style.figure([{"type": "bar"}], {}))
    with pytest.raises(ValueError, match="changed type"):
        update_in_place(widget, style.figure([{"type": "scatter"}, {"type": "scatter"}], {}))


def test_strict_mode_rejects_invalid_properties() -> None:
    assert style.STRICT  # set by tests/conftest.py
    with pytest.raises(ValueError):
        style.figure([{"type": "bar", "no_such_property": 1}], {})
