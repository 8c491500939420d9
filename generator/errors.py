"""One error type for everything an editor can get wrong.

Every error names the file, line and column, the field path, what was
expected and, where it helps, a hint. Messages are in Danish: they are
read by editors, not developers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""

    def format(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        text = f"{where}: "
        if self.field:
            text += f"feltet '{self.field}': "
        text += self.message
        if self.hint:
            text += f" — {self.hint}"
        return text


@dataclass
class ContentErrors(Exception):
    """All content errors of one run, reported together."""

    errors: list[ContentError] = field(default_factory=list)

    def __str__(self) -> str:
        return self.report()

    def report(self) -> str:
        lines = [e.format() for e in sorted(set(self.errors))]
        count = len(lines)
        lines.append(f"{count} fejl i indholdet – intet er udgivet.")
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """Path as the editor knows it: relative to the project when possible."""
    try:  # resolve the folder only: a symlinked file is shown where the editor sees it
        return (_resolved(path.parent) / path.name).relative_to(_resolved(root).parent).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=256)
def _resolved(folder: Path) -> Path:
    """Thousands of files share a few folders; resolving each folder once saves most of
    the cost. `loader.load` clears the cache, so a link changed between builds is seen."""
    return folder.resolve()


def clear_path_cache() -> None:
    _resolved.cache_clear()
