"""The code of the lesson ``notebooks/04-warning-signs-and-detection.ipynb``."""
