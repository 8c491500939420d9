"""Where a breach of html_policy on a built page was written, for pages written in Markdown.

A hand-written page (content/*.md) is converted with the project's Markdown settings, as
the engine converts it, and checked like a built page: `validate` and the build say the
same, at the file and line. The line is the first at which the page gets the breach: the
page is converted up to a line, halving the range (a few conversions, only for a page that
has a breach), so a reference definition, an entity or a line break in a URL is found where
it takes effect, whatever form the source gives it.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from generator.content.markdown_bounds import excess
from generator.content.markdown_html import Converter
from generator.content.project_config import shown_path
from generator.errors import ContentError
from generator.publish.html_policy import Finding, OwnScripts, Rule, page_findings
from generator.publish.own_scripts import own_scripts

Key = tuple[str, str, str, str]


def output_path(source: str) -> str:
    """The built page of a Markdown page (directory URLs, as MkDocs and Zensical make them)."""
    stem = source.removesuffix(".md")
    if posixpath.basename(stem) in ("index", "README"):
        return posixpath.join(posixpath.dirname(stem), "index.html")
    return stem + "/index.html"


def hand_written_errors(
    docs_dir: Path | None, converter: Converter, convert: bool = True
) -> list[ContentError]:
    """Every breach on the hand-written pages of `docs_dir`, at the file and line. Without
    `convert`, only the bounds (markdown_bounds), which must hold before any engine converts
    the page: its HTML is then checked once it is built (output_check, at the same line)."""
    if docs_dir is None or not docs_dir.is_dir():
        return []
    own = own_scripts((), (docs_dir,))
    errors = []
    for path in sorted(docs_dir.rglob("*.md")):
        source = path.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in source.split("/")):
            continue  # not published
        text = path.read_text(encoding="utf-8", errors="replace")
        if found := excess(text):  # never converted: its cost would not be linear
            column = max(1, text.split("\n")[found.line - 1].find(found.part) + 1)
            errors.append(ContentError(shown_path(path), found.line, column, "", found.message, found.hint))
            continue
        if not convert:
            continue
        findings = markdown_findings(text, output_path(source), converter, own)
        errors += located(path, text, findings, converter, own)
    return errors


@functools.lru_cache(maxsize=256)
def markdown_findings(text: str, page: str, converter: Converter, own: OwnScripts) -> list[Finding]:
    """The breaches of the HTML Markdown `text` becomes (kept: the preview checks each save)."""
    return page_findings(converter.html(text), page, own)


def located(
    path: Path, text: str, findings: list[Finding], converter: Converter, own: OwnScripts
) -> list[ContentError]:
    """Each finding of a Markdown file as a ContentError at the line where it is written."""
    if not findings:
        return []
    lines = text.split("\n")
    page = findings[0].page

    def has(key: Key, start: int, end: int) -> bool:
        made = markdown_findings("\n".join(lines[start - 1 : end]), page, converter, own)
        return any(f.key == key for f in made)

    errors = []
    for finding in {f.key: f for f in findings}.values():
        line, column = _place(lines, finding, functools.partial(has, finding.key))
        message, hint = finding.explain()
        errors.append(ContentError(shown_path(path), line, column, "", message, hint))
    return errors


def _place(lines: list[str], finding: Finding, has: Callable[[int, int], bool]) -> tuple[int, int]:
    """(line, column) of a finding: the lines it needs are a window [first, last] (last: the
    first line by which the page has it; first: the last start that still has it); in it, the
    line where its value or attribute is written, else the window's first line."""
    last = _smallest(1, len(lines), lambda end: has(1, end))
    if not last:
        return 0, 0
    first = last + 1 - _smallest(1, last, lambda size: has(last + 1 - size, last))
    for number in range(first, last + 1):
        if column := _column(lines[number - 1], finding):
            return number, column
    return first, 1


def _smallest(low: int, high: int, holds: Callable[[int], bool]) -> int:
    """The smallest n in low..high for which `holds` (assumed to hold from there on); 0 if it
    does not hold even at `high`. Halving: a few conversions, only for a page with a breach."""
    if high < low or not holds(high):
        return 0
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _column(line: str, finding: Finding) -> int:
    """Where on the line the breach is written (1-based), or 0: a URL by its first visible
    characters, an attribute by its name, an element (a script, <base>) by its tag."""
    value = re.split(r"[\x00-\x20&]", finding.value.strip(), maxsplit=1)[0][:12]
    tag = "<" + finding.tag
    if finding.rule in (Rule.URL, Rule.REFRESH):
        candidates = [value, tag]
    elif finding.rule in (Rule.EVENT_HANDLER, Rule.SRCDOC, Rule.ANIMATION):
        candidates = [finding.attribute, tag]
    else:
        candidates = [tag, value]
    lowered = line.lower()
    for candidate in filter(None, candidates):
        index = lowered.find(candidate.lower())
        if index >= 0:
            return index + 1
    return 0
