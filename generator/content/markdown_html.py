"""The HTML a content text becomes: Python-Markdown with the engine's own extensions.

The link policy is checked on this HTML (every href and src), not only on the Markdown
source: patterns over the source miss what the converter makes of a reference definition
in a list item or a line break inside a link target (issue 17). The extensions and their
settings are the project configuration's (`project_config`), as the engine completes it
(the ones it always adds): this module never asks the engine itself.
"""

from __future__ import annotations

import threading
from html import unescape
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from generator.content.markdown_bounds import ESCAPED_GROWTH, Excess, TooComplex, excess

if TYPE_CHECKING:
    import markdown

    from generator.content.project_config import ProjectConfig

# Attributes whose value a browser loads or follows as a URL.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "cite", "background"}
)
CACHE_SIZE = 4096  # texts; the live preview converts only texts that changed since the last save
# Extensions that make a link only from `[…]` or `<…>`: with only these, a text without a
# bracket needs no conversion (an extension that links bare URLs would need every text).
BRACKET_LINKS_ONLY = frozenset(
    {"abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "meta"}
    | {"sane_lists", "smarty", "tables", "toc", "wikilinks"}
)

_TOO_DEEP = "teksten er indlejret for mange niveauer dybt til at blive lavet om til HTML"
Link = tuple[str, str, str]  # (tag, attribute, value as the HTML parser decodes it)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # attribute values decoded as a browser does
        self.found: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.found.append((tag, name, value))

    handle_startendtag = handle_starttag


def links_in_html(html: str) -> list[Link]:
    """Every URL attribute in `html`, decoded by an HTML parser."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.found


class Converter:
    """One Python-Markdown instance for a project's settings, with a cache of results."""

    def __init__(self, config: ProjectConfig) -> None:
        self.config = config
        self._md: markdown.Markdown | None = None
        self._cache: dict[str, tuple[Link, ...]] = {}
        self._lock = threading.Lock()  # the preview's search thread never converts, but be safe
        self._brackets_only = set(config.markdown_extensions) <= BRACKET_LINKS_ONLY

    def _markdown(self) -> markdown.Markdown:
        if self._md is None:
            import markdown

            # The project's extensions as the engine completes them (its built-in ones first).
            names = list(self.config.markdown_extensions)
            self._md = markdown.Markdown(extensions=names, extension_configs=self.config.markdown_configs)
        return self._md

    def html(self, text: str) -> str:
        return self._convert(text)[0]

    def _convert(self, text: str) -> tuple[str, list[str]]:
        """The HTML of `text` and the targets of its reference definitions. A text beyond
        markdown_bounds is never converted (TooComplex); a recursion the bounds did not
        foresee is TooComplex too, never a traceback."""
        if found := excess(text, ESCAPED_GROWTH):
            raise TooComplex(found)
        with self._lock:
            md = self._markdown()
            md.reset()
            try:
                html = md.convert(text)
            except RecursionError:
                raise TooComplex(
                    Excess(_TOO_DEEP, "skriv teksten med færre niveauer", text[:12], 1)
                ) from None
            return html, [target for target, _title in md.references.values()]

    def links(self, text: str) -> tuple[Link, ...]:
        """The URL attributes of the HTML that `text` becomes, and the target of every reference
        definition in it, used or not: on a page, a definition in one text serves another's
        `[label]` (cached by text)."""
        if self._brackets_only and "[" not in text and "<" not in text:
            return ()  # no link can start without a bracket
        found = self._cache.get(text)
        if found is None:
            html, references = self._convert(text)
            # A definition's target goes into the HTML as written; the parser decodes it once.
            defined = tuple(("[]:", "href", unescape(target)) for target in references)
            found = tuple(links_in_html(html)) + defined
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[text] = found
        return found


_converters: dict[tuple[str, ...], Converter] = {}


def converter(config: ProjectConfig) -> Converter:
    """The converter for a project's settings (one per set of settings, kept across builds)."""
    key = (str(config.file), *config.markdown_extensions, repr(sorted(config.markdown_configs.items())))
    found = _converters.get(key)
    if found is None:
        found = _converters[key] = Converter(config)
    return found
