"""The pages of a built site as a reader's browser parses them (Lexbor, through selectolax), for
tests that check what a page says and links to without starting a browser. What only a browser
shows (layout, focus, scripts) stays in tests/browser/."""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.render import pages as P


def words(text: str) -> str:
    """Text as a reader reads it: soft hyphens (the headings' break points) out, spaces collapsed."""
    return " ".join(text.replace("\u00ad", "").split())


class BuiltPage:
    def __init__(self, root: Path, url: str) -> None:
        self.url = "/" + url.strip("/") + ("/" if url.strip("/") else "")
        self.html = (root / url.strip("/") / "index.html").read_text(encoding="utf-8")
        self.tree = LexborHTMLParser(self.html)
        article = self.tree.css_first("article")
        assert article is not None, self.url
        self.article = article

    def text(self, node: LexborNode | None = None) -> str:
        return words((node or self.article).text(deep=True, separator=" "))

    def path(self, href: str) -> str:
        """The site path a link leads to (its anchor left off)."""
        return urlsplit(urljoin(self.url, href)).path

    def links(self, node: LexborNode | None = None) -> list[tuple[str, LexborNode]]:
        """(path, element) of every link in `node` (the article) to a page of the site."""
        out = []
        for a in (node or self.article).css("a[href]"):
            href = a.attributes.get("href") or ""
            if not href.startswith(("#", "http:", "https:", "mailto:")):
                out.append((self.path(href), a))
        return out

    def perspective_links(self, node: LexborNode | None = None) -> dict[str, str]:
        """Links to perspective pages: their path → the text of their line (the li or p around)."""
        found = {}
        for path, a in self.links(node):
            parts = path.strip("/").split("/")
            if len(parts) == 2 and parts[0] == "perspektiver":
                found[path] = self.text(line_of(a))
        return found

    def count(self, selector: str, node: LexborNode | None = None) -> int:
        return len((node or self.article).css(selector))


def line_of(node: LexborNode) -> LexborNode:
    here: LexborNode | None = node
    while here is not None and here.tag not in ("li", "p"):
        here = here.parent
    return here or node


def before(first: LexborNode, second: LexborNode) -> bool:
    """`first` starts before `second` in the document (the order a reader meets them in)."""
    root = first
    while root.parent is not None:
        root = root.parent
    order = {node.mem_id: i for i, node in enumerate(root.traverse(include_text=False))}
    return order[first.mem_id] < order[second.mem_id]


@functools.cache
def page_path(target: object) -> str:
    """The URL path of a node's page: "/bostoette/sundhed/"."""
    return "/" + P.url_of(P.path_of(target))
