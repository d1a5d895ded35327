"""One package per lesson, named like its notebook: its figures (``charts``), tables, and explorers."""
