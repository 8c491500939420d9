"""Tools for editors, apart from the pipeline: they help write the YAML, they do not build the site.

scaffold.py           `python -m generator new …`: a new file with every field, ready to fill in
canonical.py          `make format-content`: every YAML file in the one format the content editor writes
cms/                  the content editor's JavaScript: the canonical YAML writer (Node and /admin/)
schema.py             `make schema`: JSON Schemas for the editor's hover texts and completion
lix.py                readability (LIX) of the texts, which the content tests hold to a level
"""
