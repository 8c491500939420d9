"""What a published document may contain: no script runs from a page but the site's own.

The rule is checked on the final HTML of a page, parsed as a browser parses it (the WHATWG
tree builder of Lexbor, through selectolax, with scripting on: a `<noscript>` is text, as in
a browser that runs scripts). Source patterns miss what the parser makes of them: entities,
a line break in a scheme, an attribute hidden in a comment or a `<style>`; the tree does not.

A page breaks the rule when any element, in any namespace (HTML, SVG, MathML, and the
content of a `<template>`), has

1. **a URL attribute** (`URL_ATTRIBUTES`: href, src, srcset, action, formaction, xlink:href,
   poster, data, …) whose URL, read as a browser reads it (`markdown_safety.browser_url`: C0
   controls and spaces at the ends stripped, tabs and line breaks removed, the scheme in any
   case), is not https:, mailto: or a path on the site: the link policy of the content,
   applied to every page. `javascript:`, `data:`, `vbscript:`, `//other.host/` are refused.
   Two exceptions: a `data:image/…` `<img src>` (the handouts' QR codes: an image runs no
   script), and the site's own address (`site_url`, which may be http: in the preview or on
   an intranet; the theme writes it into the canonical link). `srcset` is checked word by
   word (a URL cannot hide behind a descriptor).
2. **an event-handler attribute** (any name starting with `on`): the site's own scripts
   attach their handlers from script files, so no page needs one, and each runs script.
3. **a `<script>` that is not one of the site's own** (`OwnScripts`), known by where it
   comes from: a script file (`src`, or `href`/`xlink:href` in SVG) must resolve, from the
   page, to a script file of the theme or of the project's assets; an inline script must be
   one of the scripts written in the theme's or the generator's templates, where a
   template's `"{{ value }}"` may hold a value that cannot leave its quotes (no `"`, `\\`,
   `<`, `>` or line break). A `<script type="application/json">` is data, never run.
   Anything else (an editor's `<script>`, one in an SVG, a module of another host) is refused.
4. **an element that loads or redirects past the rules above**: `<base>` (it would move every
   relative URL of the page, the own scripts too: refused whatever its target), `srcdoc` (a
   page inside the page), `<meta http-equiv="refresh">` to a URL outside rule 1, and SVG
   animation (`<animate>`, `<set>` …) aimed at a URL attribute (it sets an href later).
   `<iframe>`, `<frame>`, `<object>`, `<embed>` are held to rule 1 by their URL attributes.
5. **an XML stylesheet** (`<?xml-stylesheet …?>`) in an SVG or XML file: XSLT can write script.

Out of scope, knowingly: CSS (`style`, `<style>`): no current browser runs script from it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.content.markdown_safety import ascii_safe, browser_url, html_link_problem, is_safe_url

# Attributes whose value a browser loads, follows or submits to as a URL (any element).
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "imagesrcset", "action", "formaction", "xlink:href", "poster", "data"}
    | {"cite", "background", "ping", "longdesc", "manifest", "codebase", "archive", "classid"}
    | {"usemap", "icon", "lowsrc", "dynsrc"}
)
_WORDS = frozenset({"srcset", "imagesrcset", "ping", "archive"})  # lists of URLs
_SCRIPT_SOURCES = ("src", "href", "xlink:href")
_DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
_ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform", "animatecolor"})
_XML_STYLESHEET = re.compile(rb"<\?xml-stylesheet", re.IGNORECASE)
_REFRESH_URL = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?[\"']?([^\"']*)", re.IGNORECASE)
_SPLIT_WORDS = re.compile(r"[\s,]+")


class Rule(StrEnum):
    URL = "url"
    EVENT_HANDLER = "event-handler"
    INLINE_SCRIPT = "inline-script"
    SCRIPT_FILE = "script-file"
    BASE = "base"
    SRCDOC = "srcdoc"
    REFRESH = "refresh"
    ANIMATION = "animation"
    XML_STYLESHEET = "xml-stylesheet"


@dataclass(frozen=True)
class OwnScripts:
    """What is the site's own: the scripts that may run on its pages (own_scripts.py), and its
    address (a link to it, such as Material's canonical link, is a link on the site)."""

    files: frozenset[str] = frozenset()  # site paths of the theme's and the project's script files
    inline: frozenset[str] = frozenset()  # template scripts without a value in them, as written
    patterns: tuple[re.Pattern[str], ...] = ()  # template scripts with "{{ value }}"s
    base_path: str = "/"  # the site's path on its host ("/socialpsykiatri/"): root-relative URLs
    # The site's own address: its pages' canonical links lead there, over http in the live
    # preview (http://127.0.0.1:8000/), which the link policy would otherwise refuse.
    site_url: str = ""

    def has_inline(self, text: str) -> bool:
        return text in self.inline or any(p.fullmatch(text) for p in self.patterns)


@dataclass(frozen=True)
class Finding:
    """One breach of the rule on one page: which element, which attribute, what value."""

    page: str  # the document's path in the site ("om-sitet/index.html")
    rule: Rule
    tag: str
    attribute: str = ""
    value: str = ""  # the URL or attribute value as the browser reads it; a script's start

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What identifies the finding apart from the page (to find it in a source's HTML)."""
        return (self.rule, self.tag, self.attribute, self.value)

    def explain(self) -> tuple[str, str]:
        """(message, hint) in Danish."""
        shown = ascii_safe(self.value if len(self.value) <= 60 else self.value[:59] + "…")
        if self.rule in (Rule.URL, Rule.REFRESH):
            message, hint = html_link_problem(self.value)
            where = "en omdirigering (meta refresh)" if self.rule is Rule.REFRESH else self.attribute
            return f"{message} (<{self.tag} {where}>)", hint
        message, hint = _MESSAGES[self.rule]
        return message.format(tag=self.tag, attribute=self.attribute, shown=shown), hint


_OWN_HINT = "sitets scripts kommer kun fra temaet, overrides/ og content/assets/"
# (message, hint) by rule; {tag}, {attribute} and {shown} (the value, shortened) filled in.
_MESSAGES: dict[Rule, tuple[str, str]] = {
    Rule.EVENT_HANDLER: (
        "attributten '{attribute}' på <{tag}> kører script og er ikke tilladt",
        "fjern attributten; " + _OWN_HINT,
    ),
    Rule.INLINE_SCRIPT: (
        "<{tag}> på siden er ikke et af sitets egne scripts ('{shown}')",
        "fjern det; " + _OWN_HINT,
    ),
    Rule.SCRIPT_FILE: (
        "<{tag} {attribute}='{shown}'> henter et script, der ikke er et af sitets egne",
        "fjern det; et script skal være en .js-fil fra temaet eller content/assets/",
    ),
    Rule.BASE: (
        "<base> er ikke tilladt: den flytter alle sidens links og scripts til en anden adresse",
        "fjern <base>",
    ),
    Rule.SRCDOC: (
        "attributten srcdoc på <{tag}> indsætter en side med egne scripts og er ikke tilladt",
        "fjern attributten",
    ),
    Rule.ANIMATION: (
        "<{tag} attributeName='{shown}'> ændrer et link, mens siden vises, og er ikke tilladt",
        "fjern animationen",
    ),
    Rule.XML_STYLESHEET: (
        "<?xml-stylesheet …?> kan skrive script ind i filen og er ikke tilladt",
        "fjern linjen",
    ),
}


def page_findings(document: str | bytes, page: str, own: OwnScripts) -> list[Finding]:
    """Every breach of the rule in one document (`page`: its path in the site, for resolving
    its script files). Linear in the document: one parse, one walk over its elements."""
    found: list[Finding] = []
    raw = document.encode("utf-8") if isinstance(document, str) else document
    if _XML_STYLESHEET.search(raw):
        found.append(Finding(page, Rule.XML_STYLESHEET, "?xml-stylesheet"))
    _walk(LexborHTMLParser(raw, scripting=True).root, page, own, found)
    return found


def _walk(root: LexborNode | None, page: str, own: OwnScripts, found: list[Finding]) -> None:
    """Every element, the content of every <template> (a script may clone it) included."""
    if root is None:
        return
    for node in root.traverse(include_text=False):
        tag = node.tag or "-"
        if tag[0] == "-":  # -comment, -doctype
            continue
        attributes = node.attributes
        if attributes:
            _attribute_findings(tag, attributes, page, own, found)
        if tag in _SPECIAL_TAGS:
            found += _special_findings(
                node, tag, {k.lower(): v or "" for k, v in attributes.items()}, page, own
            )
        elif tag == "template":
            for fragment in node.template_fragments():
                _walk(fragment, page, own, found)


def _attribute_findings(
    tag: str, attributes: dict[str, str | None], page: str, own: OwnScripts, found: list[Finding]
) -> None:
    # The tokenizer lowercases attribute names (SVG's adjusted ones, such as attributeName, are
    # the only mixed-case names, and none starts with "on").
    for name, value in attributes.items():
        if name in URL_ATTRIBUTES:
            if tag != "script" and value and not _plainly_relative(value):
                found += [
                    Finding(page, Rule.URL, tag, name, url) for url in _unsafe_urls(tag, name, value, own)
                ]
        elif name[:2] == "on" or name == "srcdoc":
            rule = Rule.SRCDOC if name == "srcdoc" else Rule.EVENT_HANDLER
            found.append(Finding(page, rule, tag, name, (value or "")[:60]))


def _plainly_relative(value: str) -> bool:
    """A path on the site at a glance (most of a page's links: the sidebar): a letter, digit,
    '.' or '#' first and no ':', no control character, no backslash anywhere."""
    return (
        (value[0].isalnum() or value[0] in ".#")
        and value.isprintable()
        and ":" not in value
        and "\\" not in value
    )


_SPECIAL_TAGS = frozenset({"script", "base", "meta"}) | _ANIMATIONS


def _special_findings(
    node: LexborNode, tag: str, attributes: dict[str, str], page: str, own: OwnScripts
) -> list[Finding]:
    if tag == "script":
        return _script_findings(node, attributes, page, own)
    if tag == "base":
        return [Finding(page, Rule.BASE, tag, "href", attributes.get("href", ""))]
    if tag == "meta" and attributes.get("http-equiv", "").strip().lower() == "refresh":
        url = _refresh_url(attributes.get("content", ""))
        if url and not is_safe_url(url) and not _on_site(url, own.site_url):
            return [Finding(page, Rule.REFRESH, tag, "content", url)]
    if tag in _ANIMATIONS and attributes.get("attributename", "").strip().lower() in URL_ATTRIBUTES:
        return [Finding(page, Rule.ANIMATION, tag, "attributename", attributes["attributename"])]
    return []


def _unsafe_urls(tag: str, name: str, value: str, own: OwnScripts) -> list[str]:
    urls = [w for w in _SPLIT_WORDS.split(value) if w] if name in _WORDS else [value]
    unsafe = [url for url in urls if not is_safe_url(url) and not _on_site(url, own.site_url)]
    if tag == "img" and name == "src":  # an image runs no script: the QR codes are data: images
        unsafe = [url for url in unsafe if not browser_url(url).lower().startswith("data:image/")]
    return unsafe


def _on_site(url: str, site_url: str) -> bool:
    """True for an address on the site's own address (which ends in '/', so no other host
    starts with it)."""
    return site_url.endswith("/") and browser_url(url).startswith(site_url)


def _refresh_url(content: str) -> str:
    match = _REFRESH_URL.match(content)
    return match.group(1).strip() if match else ""


def _script_findings(
    node: LexborNode, attributes: dict[str, str], page: str, own: OwnScripts
) -> list[Finding]:
    sources = [(name, attributes[name]) for name in _SCRIPT_SOURCES if name in attributes]
    if sources:
        return [
            Finding(page, Rule.SCRIPT_FILE, "script", name, url)
            for name, url in sources
            if site_path(url, page, own.base_path) not in own.files
        ]
    script_type = attributes.get("type", "").split(";", 1)[0].strip().lower()
    if script_type in _DATA_SCRIPT_TYPES:
        return []  # a data block: the browser never runs it
    text = node.text(deep=True)
    if own.has_inline(text):
        return []
    return [Finding(page, Rule.INLINE_SCRIPT, "script", "", " ".join(text.split())[:60])]


def site_path(url: str, page: str, base_path: str = "/") -> str | None:
    """The file of the site that `url` on `page` leads to ("assets/print.js"); None for
    another host, a scheme, or a path outside the site (above `base_path`)."""
    url = browser_url(url).replace("\\", "/")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    path = unquote(parts.path)
    here = base_path.rstrip("/") + "/" + posixpath.dirname(page)
    absolute = path if path.startswith("/") else here.rstrip("/") + "/" + path
    normal = posixpath.normpath(absolute)
    root = base_path.rstrip("/") + "/"
    return normal[len(root) :] if normal.startswith(root) else None


def findings_by_key(findings: Iterable[Finding]) -> dict[tuple[str, str, str, str], Finding]:
    return {f.key: f for f in findings}
