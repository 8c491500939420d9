"""Danish hyphenation points in headings: soft hyphens (U+00AD) where a long word may break.

`hyphens: auto` needs a hyphenation dictionary in the browser; Chromium on Linux (and the
headless Chromium the tests run) has none, so at 360 px a long heading word
("Tilgængelighedserklæring") was broken anywhere, without a hyphen. A soft hyphen is a break
point every browser honours, with a hyphen shown only where the line breaks; search ignores it
(Pagefind strips it; search_index.words_of too).

The points are the Danish TeX patterns (pyphen's da_DK), corrected where they are known to be
wrong for Danish compounds: a part of one letter ("bud-s-le-der") joins the part before it, the
joining s of a compound stays with its first part ("hed-ser-klæ-ring" → "heds-er-klæ-ring"), and
"psyk" is not split ("socialp-sykiatrien" → "social-psykiatrien").
"""

from __future__ import annotations

import functools
import re
from typing import Any

SOFT_HYPHEN = "\u00ad"
MIN_WORD = 10  # shorter words fit a phone's line as they are
_EDGE = 3  # letters kept together at either end of a word
# First parts of Danish compounds that take a joining s: the s belongs to them.
_JOINING_S = re.compile(r"(hed|else|ing|tion|sion|skab|dom|tet|bud|ning|lig)$")
_HEADING = re.compile(r"(<h[1-3]\b[^>]*>)(.*?)(</h[1-3]>)", re.S | re.I)
_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")
_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD},}}")


@functools.lru_cache(maxsize=1)
def _dictionary() -> Any:  # pyphen has no type hints
    import pyphen

    return pyphen.Pyphen(lang="da_DK", left=_EDGE, right=_EDGE)


@functools.lru_cache(maxsize=4096)
def hyphenate_word(word: str) -> str:
    """`word` with soft hyphens at its Danish hyphenation points (none if it is short)."""
    if len(word) < MIN_WORD:
        return word
    parts = _dictionary().inserted(word, hyphen="\x00").split("\x00")
    fixed: list[str] = []
    for part in parts:
        if fixed and len(part) == 1:  # a part of one letter: with the part before it
            fixed[-1] += part
            continue
        if fixed and part[0] == "s" and len(part) > 2 and _JOINING_S.search(fixed[-1].lower()):
            fixed[-1] += "s"  # the joining s of a compound stays with its first part
            part = part[1:]
        elif fixed and fixed[-1].endswith("p") and part.startswith("sy") and len(fixed[-1]) > 1:
            fixed[-1] = fixed[-1][:-1]  # "psyk-" stays whole: "social-psykiatrien"
            part = "p" + part
        fixed.append(part)
    return SOFT_HYPHEN.join(fixed)


def hyphenate_headings(html: str) -> str:
    """The page's HTML with soft hyphens in the long words of its h1–h3 headings' text."""

    def heading(match: re.Match[str]) -> str:
        inner = _TEXT.sub(
            lambda m: m.group(1) or _WORD.sub(lambda w: hyphenate_word(w.group(0)), m.group(2)),
            match.group(2),
        )
        return match.group(1) + inner + match.group(3)

    return _HEADING.sub(heading, html)


# What a Markdown heading holds besides the words it shows: a link's address or reference, an
# attribute list (`{ #anker }`), HTML (a tag, an autolink) and an entity.
_NOT_SHOWN = re.compile(r"(\]\([^)]*\)|\]\[[^\]]*\]|\{:?[^{}]*\}|<[^>]*>|&#?\w+;)")


def hyphenate_markdown_heading(text: str) -> str:
    """A Markdown heading's text with the soft hyphens `hyphenate_headings` gives it in HTML: for
    a build without the plugin (the export, publish/export.py), so its headings break alike."""
    parts = _NOT_SHOWN.split(text)  # odd parts are what the reader does not see as words
    return "".join(
        part if i % 2 else _WORD.sub(lambda w: hyphenate_word(w.group(0)), part)
        for i, part in enumerate(parts)
    )
