"""Shared code of the metastasis course: data loading, charts, widgets and page text.

Notebooks import what they need from the submodules, e.g. ``from helpers.data import load_table``;
the names below are re-exported for convenience.
"""

import sys

# Speed: plotly's widget imports nbformat, whose jsonschema then compiles ~40 grammars of the optional
# `rfc3987_syntax` package (IRI format checks the course never uses). Measured here: 1.5-2 s of every
# kernel's first chart, 6 s under load. Marking the module absent makes jsonschema skip it; it only
# affects this Python process. Remove when jsonschema loads it lazily.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from typing import Any  # noqa: E402

__all__ = ["DataFileError", "load_table", "load_tables", "table_names"]


def __getattr__(name: str) -> Any:
    # Re-exported lazily, so that a process importing one light submodule (the Jupyter server imports
    # helpers.server) does not load pandas and pandera.
    if name in __all__:
        import helpers.data

        return getattr(helpers.data, name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


__version__ = "0.1.0"
