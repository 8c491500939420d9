"""A page's Markdown kept between renders while its template is given the same (the live preview).

`mkdocs serve` renders the whole site again on every save, and a save changes what a few
pages are given. Each page's template gets its view (plain values) and nodes it only passes
to `href` and `absolute` (which read the node's path and anchor): two renders given views that
compare equal, nodes read as their path and anchor, print the same Markdown. The memo is kept
by the caller (the MkDocs plugin while serving); `make site` and the export render every page.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any

from generator.content.kinds import BY_NODE
from generator.render import pages as P

_PLAIN = frozenset({str, int, float, bool, type(None)})  # by exact type: most values of a view


def comparable(value: Any) -> Any:
    """`value` as plain, comparable values: a node becomes the page and anchor it leads to; an
    object of any other kind is compared by identity, so a page given one is never reused."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, str | int | float | bool | enum.Enum):
        return value
    if isinstance(value, tuple | list):
        return (type(value).__name__, *[comparable(item) for item in value])
    if isinstance(value, dict):
        return ("dict", *((key, comparable(item)) for key, item in value.items()))
    if type(value) in BY_NODE:
        return ("node", P.path_of(value), P.anchor_of(value))
    return ("object", id(value))


def _templates_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The templates' files, as Jinja's auto_reload sees them: an edited template (or macro
    file) renders every page again."""
    found = []
    for path in sorted(Path(folder).iterdir()):
        stat = path.stat()
        found.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


class PageMemo:
    """Each page's Markdown and the texts noted on it, by what its template was given."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[Any, str, list[str]]] = {}
        self._templates: tuple[tuple[str, int, int], ...] = ()
        self.reused = 0

    def start(self) -> None:
        """Once per render, before the first page."""
        stamp = _templates_stamp(P.TEMPLATES)
        if stamp != self._templates:
            self._pages.clear()
            self._templates = stamp
        self.reused = 0

    def get(self, path: str, key: Any) -> tuple[str, list[str]] | None:
        found = self._pages.get(path)
        if found is None or found[0] != key:
            return None
        self.reused += 1
        return found[1], list(found[2])

    def keep(self, path: str, key: Any, text: str, texts: list[str]) -> None:
        self._pages[path] = (key, text, list(texts))
