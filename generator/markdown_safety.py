"""Content fields are Markdown, never HTML.

Policy: raw HTML written by an editor is escaped so it shows as text; links
may only point to https:, mailto: or relative targets. Templates are trusted
and may use HTML; content passes through these filters on its way in.
"""

from __future__ import annotations

import re

_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SAFE_TARGET = re.compile(r"^(https://|mailto:|#|\.{0,2}/|[a-z0-9-]+(\.md)?(#|$))", re.I)
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]#])")


def unsafe_link_targets(text: str) -> list[str]:
    """Link targets in Markdown `text` with a scheme we do not publish."""
    return [t for t in _LINK_TARGET.findall(text) if t and not _SAFE_TARGET.match(t)]


def safe_markdown(text: str) -> str:
    """Escape raw HTML and disarm unsafe link targets in a Markdown content field."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Keep Markdown block quotes working: '>' at line start was escaped above.
    text = re.sub(r"(?m)^(\s*)&gt;", r"\1>", text)
    return _LINK_TARGET.sub(
        lambda m: m.group(0) if not m.group(1) or _SAFE_TARGET.match(m.group(1)) else "](#",
        text,
    )


def escape_inline(text: str) -> str:
    """A plain-text value (title, name) placed inside Markdown: no markup at all."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE_SPECIAL.sub(r"\\\1", text)
