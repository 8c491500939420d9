"""LIX, the Danish/Scandinavian readability index (Björnsson 1968).

LIX = words / sentences + 100 × long words / words, where a long word has more
than six letters. Under 40 reads easily. Markdown link targets and markup are
left out, so only the text a reader sees is measured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>\[\]]")
# A word: letters and digits, hyphenated parts kept together ("recovery-orienteret").
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# A sentence ends at . ! ? or : followed by space or the end of the text.
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float:
        if not self.words:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words


def plain(text: str) -> str:
    """The visible text of a Markdown snippet."""
    return _MARKUP.sub("", _LINK_TARGET.sub("", text))


def words(text: str) -> list[str]:
    return _WORD.findall(plain(text))


def measure(text: str) -> Lix:
    found = words(text)
    letters = [sum(ch.isalpha() for ch in w) for w in found]
    text = plain(text).strip()
    sentences = len(_SENTENCE_END.findall(text))
    if text and not _SENTENCE_END.search(text[-1:] + " "):
        sentences += 1  # a last sentence without a full stop still counts
    return Lix(len(found), max(sentences, 1), sum(n > 6 for n in letters))


def lix(text: str) -> float:
    return measure(text).value
