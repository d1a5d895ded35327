"""The instructor's kit: session plans, instructor notes, the answer key, the question-bank exports, the slides and
the handouts, all generated from the notebooks and the tables of ``data/`` (``tools/instructor_kit.py`` builds them).

Nothing here runs in a learner's notebook: the learner-facing self-checks live in :mod:`helpers.self_checks`.
"""
