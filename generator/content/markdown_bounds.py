"""What the Markdown converter is given is bounded, so no text costs more than linear time.

Python-Markdown's work is linear in a text only while two things stay small (measured with
mkdocs.yml's extensions, BENCHMARKS.md):

- **Nesting.** Each level of a block container (a block quote, a list item, an indented
  block of a definition list or an admonition, an HTML block with `markdown`) parses its
  content again, and each level is a recursion: the work grows with depth × size (1,000
  lines each one level deeper: 20 s), and some hundred levels end in `RecursionError`.
- **One run of inline text.** Inline parsing works on one run at a time: the text between
  two blank lines (a paragraph, a list, a table). For every opener that does not close
  (`[a](`, `<https://`, …) it searches the rest of the run, and every match rebuilds the
  run: the work grows with (markup in the run) × (length of the run). 4,900 `[a](` in one
  run cost 8 s; emphasis nested 1,000 deep ends in `RecursionError`.

So a text is refused, before it is converted, when a line is nested deeper than
`MAX_DEPTH` (quote markers `>`, list markers, and indentation in steps of four spaces;
HTML elements with a `markdown` attribute count as levels wherever they stand), or when a
run between blank lines is longer than `MAX_RUN` characters or has more than `MAX_MARKS`
of the characters that start inline markup (`MARKS`). Within these bounds a run costs at
most a constant, so a text costs at most a constant per run: linear in its size, whatever
its shape. The bounds are far above what the site's texts use (the longest run today:
2,448 characters with 169 marks, in the editors' guide; the deepest line: 2 levels).

The check is one pass over the text (a few `str.count` per line), run by `validate`, the
build and the preview for every YAML string and every page of content/ before any
conversion; the converter refuses a text beyond the bounds too (`Converter`), so nothing
reaches Python-Markdown unchecked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 10  # nested block levels on one line
MAX_RUN = 5_000  # characters between two blank lines
MAX_MARKS = 500  # characters that start inline markup, between two blank lines
MARKS = "[<`*_{"
MAX_MARKDOWN_BLOCKS = 10  # HTML elements with a markdown attribute (md_in_html) in one text
ESCAPED_GROWTH = 5  # escaping makes a text at most this much longer (`&` → `&amp;`), never adds marks

_PREFIX = re.compile(r"[ \t>]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+[ \t>]*)*")
_LIST_MARKER = re.compile(r"(?:[*+-]|\d{1,9}[.)])[ \t]")
_MARKDOWN_BLOCK = re.compile(r"<[A-Za-z][^<>]*?\smarkdown\b", re.IGNORECASE)


@dataclass(frozen=True)
class Excess:
    """Where a text goes past a bound, in Danish for the editor."""

    message: str
    hint: str
    part: str  # the start of the offending line, to find its line in the file
    line: int  # 1-based line in the text


def excess(text: str, scale: int = 1) -> Excess | None:
    """The first place `text` goes past a bound, or None. Linear: one pass over its lines.
    `scale` widens the length of a run: the converter is also given texts after escaping
    (markdown_safety: `&` becomes `&amp;`), at most ESCAPED_GROWTH times as long."""
    max_run = MAX_RUN * scale
    run_start = run_length = run_marks = 0
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip(" \t>"):
            run_start = run_length = run_marks = 0
            continue
        if not run_start:
            run_start = number
        run_length += len(line) + 1
        run_marks += sum(line.count(mark) for mark in MARKS)
        if (depth := nesting(line)) > MAX_DEPTH:
            return _deep(line, number, depth)
        if run_length > max_run or run_marks > MAX_MARKS:
            return _long(line, number, run_start, run_length > max_run)
    return _markdown_blocks(text)


def nesting(line: str) -> int:
    """Block levels a line opens: quote markers, list markers, indentation (4 columns a level)."""
    prefix = _PREFIX.match(line)
    head = prefix.group(0) if prefix else ""
    quotes = head.count(">")
    lists = len(_LIST_MARKER.findall(head))
    columns = len(head.replace("\t", "    ")) - quotes - sum(len(m) for m in _LIST_MARKER.findall(head))
    return quotes + lists + max(0, columns) // 4


def _deep(line: str, number: int, depth: int) -> Excess:
    return Excess(
        f"linje {number} i teksten er indlejret {depth} niveauer dybt (citater '>', lister og indrykning); "
        f"højst {MAX_DEPTH} er tilladt",
        "skriv teksten med færre niveauer (fx færre '>' eller mindre indrykning)",
        line.strip()[:12],
        number,
    )


def _long(line: str, number: int, start: int, too_long: bool) -> Excess:
    what = f"mere end {MAX_RUN} tegn" if too_long else f"mere end {MAX_MARKS} af tegnene {' '.join(MARKS)}"
    return Excess(
        f"afsnittet, der begynder på linje {start} i teksten, har {what} uden en tom linje imellem",
        "del afsnittet, listen eller tabellen med en tom linje",
        line.strip()[:12],
        number,
    )


def _markdown_blocks(text: str) -> Excess | None:
    if "markdown" not in text:
        return None
    found = list(_MARKDOWN_BLOCK.finditer(text))
    if len(found) <= MAX_MARKDOWN_BLOCKS:
        return None
    start = found[MAX_MARKDOWN_BLOCKS].start()
    number = text.count("\n", 0, start) + 1
    return Excess(
        f"teksten har mere end {MAX_MARKDOWN_BLOCKS} HTML-elementer med markdown-attributten",
        f"brug højst {MAX_MARKDOWN_BLOCKS}",
        text[start : start + 12],
        number,
    )


class TooComplex(Exception):
    """A text beyond the bounds was given to the converter."""

    def __init__(self, found: Excess) -> None:
        super().__init__(found.message)
        self.excess = found
