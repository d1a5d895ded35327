"""The code of the lesson ``notebooks/06-recurrence-faq.ipynb``."""
