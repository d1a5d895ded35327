"""The code of the lesson ``notebooks/03-inside-the-bone.ipynb``."""
