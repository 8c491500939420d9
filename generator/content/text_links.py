"""The links in the loaded texts: the link policy on the HTML each text becomes, and where a text stands.

The source patterns of markdown_safety miss forms the converter makes (issue 17), so at
`validate` every text is converted and every href and src of its HTML held to the policy,
reported at the YAML field. A check made later on a text (a dead link after render,
render/internal_links.py; a breach in the built page, publish/output_check.py) finds the
fields that hold it with `fields_by_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from generator.content.loaded import Content, Loaded
from generator.content.markdown_bounds import excess
from generator.content.markdown_html import Converter
from generator.content.markdown_safety import html_link_problem, unsafe_html_links
from generator.content.yamlsource import DocumentMemo, Path_
from generator.errors import ContentError


def html_link_errors(content: Content, converter: Converter) -> list[ContentError]:
    """The link policy on the HTML every text becomes (every href and src, as a browser reads
    them), at the field: the source patterns of markdown_safety miss forms the converter makes."""
    errors = []
    for table in content.items.values():
        for loaded in table.values():
            errors += _CHECKED.get(loaded.doc, id(converter), partial(_link_errors, loaded, converter))
    return errors


# The live preview checks only the documents a save changed (yamlsource.DocumentMemo).
_CHECKED: DocumentMemo[list[ContentError]] = DocumentMemo()


def _link_errors(loaded: Loaded, converter: Converter) -> list[ContentError]:
    errors = []
    for loc, text in texts_of(loaded.doc.data, ()):
        if found := excess(text):  # never converted: its cost would not be linear
            errors.append(loaded.doc.error_in_text(loc, found.part, found.message, found.hint))
            continue
        for value in unsafe_html_links(text, converter)[:1]:
            message, hint = html_link_problem(value)
            errors.append(loaded.doc.error_in_text(loc, first_characters(value), message, hint))
    return errors


def first_characters(url: str) -> str:
    """Where an error about `url` points in the text: the target's first visible characters."""
    return re.split(r"[\x00-\x20&]", url.strip(), maxsplit=1)[0][:12]


def texts_of(value: object, loc: Path_) -> Iterator[tuple[Path_, str]]:
    """Every string in a YAML value, with its field path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_of(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from texts_of(item, (*loc, i))


def fields_by_text(content: Content, everything: bool = False) -> dict[str, list[tuple[Loaded, Path_]]]:
    """Where each text with a possible link (every text) stands in the YAML (the model strips its ends)."""
    where: dict[str, list[tuple[Loaded, Path_]]] = {}
    for table in content.items.values():
        for loaded in table.values():
            for loc, text in texts_of(loaded.doc.data, ()):
                if everything or "]" in text:
                    where.setdefault(text.strip(), []).append((loaded, loc))
    return where
