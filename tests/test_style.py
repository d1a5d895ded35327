"""Figures are built without plotly's validation at run time; the tests check what that skips."""

from __future__ import annotations

import pytest

from helpers import style


def test_a_valid_figure_is_sent_as_written() -> None:
    fig = style.figure(
        [style.trace("bar", x=["a"], y=[1], marker={"color": style.INDIGO})], style.base_layout("T", "x", "y")
    )
    assert fig.data[0].marker.color == style.INDIGO and fig.layout.title.text == "T"


def test_an_invalid_property_fails() -> None:
    with pytest.raises(ValueError, match=r"colour|color|Invalid"):
        style.figure([style.trace("bar", x=["a"], y=[1], colour="red")], {})


def test_a_value_plotly_would_coerce_fails() -> None:
    """Validation turns the name 5 into "5"; without it the page would get a number."""
    with pytest.raises(ValueError, match=r"reads this figure differently.*trace 0"):
        style.figure([style.trace("bar", x=["a"], y=[1], name=5)], {})
