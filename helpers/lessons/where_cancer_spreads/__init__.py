"""The code of the lesson ``notebooks/05-where-cancer-spreads.ipynb``."""
