"""What each template gets: view objects with every decision made in Python.

A template presents a view: it loops over lists that are already in order, tests flags that are
already decided and prints words that are already chosen ("casen"/"casene"). It never sorts,
filters, groups, counts or looks anything up (tests/test_templates.py holds every template to
that and to at most 20 tags).

Views are NamedTuples: immutable and typed like frozen dataclasses, and about five times cheaper
to define. Every build imports all of them; as frozen dataclasses they took 90 ms of a fresh
build's imports.

common.py     what every page shares: text blocks with their basis line, source citations
mapping.py    a mapping's page and its themes × cases page (a table, or lists past MATRIX_MAX_CASES)
perspective.py  one perspective across the themes, and the overview of every perspective to follow
coverage.py   the editors' coverage page (from coverage.compute) and the open-data page
case.py       a case's page and the case finder
sources.py    the sources page, a literature study's page, the recommendation pages
theme.py      a theme's page, its one-page handout and the question cards: one view of the theme
"""
