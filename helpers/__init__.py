"""Shared code of the metastasis course: data loading, charts, widgets and page text.

Notebooks import what they need from the submodules, e.g. ``from helpers.data import load_table``;
the names below are re-exported for convenience.
"""

from typing import Any

__all__ = ["DataFileError", "load_table", "load_tables", "table_names"]


def __getattr__(name: str) -> Any:
    # Re-exported lazily, so that a process importing one light submodule (the Jupyter server imports
    # helpers.server) does not load pandas and pandera.
    if name in __all__:
        import helpers.data

        return getattr(helpers.data, name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


__version__ = "0.1.0"
