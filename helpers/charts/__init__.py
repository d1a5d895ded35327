"""Chart builders: pure functions, table in, plotly figure out; one module per topic.

They never read files or touch widgets; :mod:`helpers.widgets` wires controls to them and copies
the result into a chart widget (``CourseFigure``) in place. Every figure has a title, labelled axes and the
colour-blind-safe palette of :mod:`helpers.style`; every text that comes from data is escaped.
"""
