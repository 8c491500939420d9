"""The one slug function for page URLs, heading anchors and cross-links.

Danish public sites transliterate rather than drop letters: æ→ae, ø→oe, å→aa.
MkDocs' default slugify drops them ("tværs" → "tvrs"), so mkdocs.yml points
`toc.slugify` here too.

The export does not need it: every heading's anchor is written into the exported Markdown
(generator/render/anchors.py), so other engines make the same anchors without the generator.
"""

from __future__ import annotations

import re
import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def slugify(text: str, separator: str = "-") -> str:
    """Lower-case ASCII slug; Danish letters transliterated, other accents stripped.

    NFC first: a title typed or pasted decomposed (macOS, PDFs: "a" + combining ring) is the
    same title, so "Sådan" gives "saadan" in either form, never "sadan".
    """
    text = unicodedata.normalize("NFC", text).translate(_DANISH)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub(separator, text.lower()).strip(separator)


def toc_slugify(value: str, separator: str) -> str:
    """Signature expected by Python-Markdown's toc extension."""
    return slugify(value, separator)
