"""Shared code of the metastasis course: data loading, charts, widgets and page text.

Notebooks import what they need from the submodules, e.g. ``from helpers.data import load_table``;
the names below are re-exported for convenience.
"""

from helpers.data import DataFileError, load_table, load_tables, table_names

__all__ = ["DataFileError", "load_table", "load_tables", "table_names"]
__version__ = "0.1.0"
