"""The code of the lesson ``notebooks/02-bone-metastasis-rates.ipynb``."""
