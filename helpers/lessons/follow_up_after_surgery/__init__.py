"""The code of the lesson ``notebooks/07-follow-up-after-surgery.ipynb``."""
