"""The code of the lesson ``notebooks/00-start-here.ipynb``."""
