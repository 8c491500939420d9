"""Every heading's anchor written into the Markdown (`# Titel { #titel }`, attr_list).

An engine then needs no slug function of ours: the console scripts `mkdocs`, `properdocs`
and `zensical` do not put the project folder on the import path, so a `mkdocs.yml` that
names a slug module builds only with `python -m` (design notes). The export runs every page
through `explicit_anchors`, generated or hand-written, so templates and content/ stay as
they are and each anchor is the one Python-Markdown's toc makes with `slugs.toc_slugify`
(tests/test_export.py compares the built article HTML with the real build's).
"""

from __future__ import annotations

import html
import re

import markdown

from generator.content.slugs import toc_slugify
from generator.render.hyphenate import hyphenate_markdown_heading

# An ATX heading (setext headings are not used on this site), its text and closing #s.
_HEADING = re.compile(r"^(?P<marks>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
# An attribute list closing a heading: `{ #id }`, `{: #id .class }`.
_ATTR_LIST_END = re.compile(r"\{:?[^{}]*\}[ \t]*$")
# The ids toc sees before it makes its own: attribute lists, and the tags of HTML blocks that
# md_in_html parses (`<div markdown id="…">`); other raw HTML is opaque to it.
_IDS = re.compile(
    r"""\{:?[^{}\n]*?#([\w-]+)[^{}\n]*\}|<\w+\b(?=[^>]*\bmarkdown\b)[^>]*\bid=["']([^"']+)["']"""
)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_TAGS = re.compile(r"<[^>]*>")
_COUNT = re.compile(r"^(.*)_([0-9]+)$")


def plain_text(heading_text: str) -> str:
    """A heading's text as toc sees it: rendered as a heading (so "4. Titel" is not read as a
    list), its tags stripped, unescaped."""
    rendered = markdown.markdown(f"# {heading_text}")
    return html.unescape(_TAGS.sub("", rendered)).strip()


def _unique(anchor: str, used: set[str]) -> str:
    """toc's rule: a taken (or empty) id gets `_1`, `_2` … (markdown.extensions.toc.unique)."""
    if anchor in used or not anchor:
        match = _COUNT.match(anchor)
        base, count = (match.group(1), int(match.group(2))) if match else (anchor, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        anchor = f"{base}_{count}"
    used.add(anchor)
    return anchor


def explicit_anchors(text: str, hyphenated: bool = False) -> str:
    """`text` with an explicit `{ #anchor }` on every heading that has none; `hyphenated`: and
    with the soft hyphens the plugin puts into h1–h3 (hyphenate.py), for the export, which is
    built without the plugin."""
    used = {a or b for a, b in _IDS.findall(text)}
    out = []
    fence = ""
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1).startswith(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        elif heading := _HEADING.match(line):
            marks, words = heading["marks"], heading["text"]
            if not _ATTR_LIST_END.search(line):
                anchor = _unique(toc_slugify(plain_text(words), "-"), used)
                line = f"{marks} {words} {{ #{anchor} }}"
            if hyphenated and len(marks) <= 3:
                line = f"{marks} {hyphenate_markdown_heading(line[len(marks) :].lstrip())}"
        out.append(line)
    return "\n".join(out)


# Ids a page's raw HTML gives (MkDocs counts them as anchors too: `<div id="…">`).
_HTML_ID = re.compile(r"""<\w+\b[^>]*?\bid=["']([^"']+)["']""")


def present_anchors(text: str) -> set[str]:
    """Every anchor a page with Markdown `text` has: its headings' (the toc's rule, as in
    `explicit_anchors`), its attribute lists' and its HTML's ids (internal_links.py)."""
    ids = {a or b for a, b in _IDS.findall(explicit_anchors(text))}
    return ids | set(_HTML_ID.findall(text))
