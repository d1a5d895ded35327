"""Widget wiring: controls call chart builders and update a ``go.FigureWidget`` in place.

The pattern every notebook follows: build the FigureWidget once, observe each control with
``.observe(callback, names="value")`` and copy the freshly built figure into the widget inside
``batch_update()`` (:func:`helpers.widgets.core.update_in_place`). Nothing is written into an
``Output`` widget while a notebook executes (Voila can hang on that), so views use FigureWidgets
and HTML widgets whose value is set. One module per notebook topic; shared pieces in ``core``.
"""

from helpers.widgets.core import self_check, table_widget, text_alternative, update_in_place

__all__ = ["self_check", "table_widget", "text_alternative", "update_in_place"]
