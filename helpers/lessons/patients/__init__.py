"""The patient-education track (``notebooks/patients/``): plain-language pages for patients and families.

Each page is a notebook that opens in the app view (Voila). Its code cells call these functions and show HTML rendered
from templates that escape by default (``helpers/templates/patients/``):

* :func:`page_header`: large type, the print rules and the review dates of a page;
* :func:`urgency_card`: the printable "when to contact your care team" card, built from the urgency scale;
* :func:`question_sheet`: the printable sheet of questions to ask the care team;
* :func:`support_box`: where to get support (national organisations and trusted information);
* :func:`figure_with_note` and the chart builders of :mod:`.figures`: each survival or recurrence figure framed (who
  was counted, over what time, when they were treated, that it is not a prediction) and shown next to support.
"""

from helpers.lessons.patients.figures import (
    FIGURES,
    figure_note,
    figure_with_note,
    marker_chart,
    recurrence_chart,
    survival_chart,
)
from helpers.lessons.patients.page import page_header, page_sources, support_box
from helpers.lessons.patients.sheets import question_sheet, urgency_card

__all__ = [
    "FIGURES",
    "figure_note",
    "figure_with_note",
    "marker_chart",
    "page_header",
    "page_sources",
    "question_sheet",
    "recurrence_chart",
    "support_box",
    "survival_chart",
    "urgency_card",
]
