"""One error type for everything an editor can get wrong.

Every error names the file, line and column, the field path, what was
expected and, where it helps, a hint. Messages are in Danish: they are
read by editors, not developers.
"""

from __future__ import annotations

import dataclasses
import errno
import functools
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Code(StrEnum):
    """What kind of error it is, for logic; never shown to editors. Logic tests the code
    and `ref`/`meant`, never the wording of a (Danish) message."""

    OTHER = "other"
    UNKNOWN_FIELD = "unknown-field"  # meant: the field name that was probably meant
    MISSING_FIELD = "missing-field"
    UNKNOWN_REF = "unknown-ref"  # ref: the id that does not exist; meant: a close existing one
    WRONG_MAPPING = "wrong-mapping"  # ref: the id that belongs to another mapping
    NOT_LISTED = "not-listed"  # a case or perspective missing from its mapping's list
    DUPLICATE_NUMBER = "duplicate-number"
    NEEDS_SOURCE = "needs-source"
    SECTIONS = "sections"  # a theme's perspective sections do not match its mapping's
    RELATION = "relation"  # a relation the content model does not allow
    LABEL = "label"  # a block's grundlag does not fit where the block stands
    URL_TAKEN = "url-taken"  # two pages on one URL (pages.check)
    ANCHOR_TAKEN = "anchor-taken"  # one anchor twice on a page (pages.check)


@dataclass(frozen=True, order=True)
class ContentError:
    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""
    code: Code = Code.OTHER
    ref: str = ""  # the id the error is about (a referenced id), for logic
    meant: str = ""  # what the editor probably meant (a field name or an id), for logic

    def coded(self, code: Code, *, ref: str = "", meant: str = "") -> ContentError:
        return dataclasses.replace(self, code=code, ref=ref, meant=meant)

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


# The operating system's reasons in Danish (its own texts are English), for any path a user gives.
_OS_REASONS = {
    errno.EACCES: "adgang nægtet",
    errno.EPERM: "adgang nægtet",
    errno.ENOENT: "findes ikke",
    errno.EIO: "fejl ved læsning fra disken",
    errno.ENOTDIR: "er ikke en mappe",
    errno.EISDIR: "er en mappe",
    errno.EEXIST: "findes allerede",
    errno.ENAMETOOLONG: "navnet er længere, end filsystemet tillader",
    errno.ELOOP: "symbolske links peger i ring",
    errno.ENOSPC: "der er ikke mere plads på disken",
    errno.EDQUOT: "din kvote på disken er brugt op",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.EBUSY: "er i brug (fx et monteringspunkt)",
    errno.EXDEV: "ligger på et andet filsystem",
    errno.ENOTEMPTY: "mappen er ikke tom",
}


def os_reason(exc: OSError) -> str:
    """The operating system's reason in Danish."""
    return _OS_REASONS.get(exc.errno or 0, f"fejl {errno.errorcode.get(exc.errno or 0, exc.errno)}")


def abbreviated(path: object, limit: int = 160) -> str:
    """A path as a message shows it: whole, unless it is too long to read (a 300-character
    name the file system refused), then its start and end."""
    text = str(path)
    return text if len(text) <= limit else f"{text[: limit // 2]}…{text[-limit // 4 :]}"
