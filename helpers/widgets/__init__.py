"""Widget wiring: controls call chart builders and redraw a chart in place.

The pattern every notebook follows: build the chart widget (:class:`helpers.widgets.figure.CourseFigure`)
once, observe each control with ``.observe(callback, names="value")`` and hand the freshly built figure
to :func:`helpers.widgets.core.update_in_place`, which redraws it with ``Plotly.react`` in the page.
Nothing is written into an ``Output`` widget while a notebook executes (Voila can hang on that), so
views use chart widgets and HTML widgets whose value is set. One module per notebook topic; shared
pieces in ``core`` and ``figure``.
"""

from helpers.widgets.core import check, self_check, table_widget, text_alternative, update_in_place, urgency_check

__all__ = ["check", "self_check", "table_widget", "text_alternative", "update_in_place", "urgency_check"]
