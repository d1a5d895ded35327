"""The code of the lesson ``notebooks/01-metastatic-cascade.ipynb``."""
