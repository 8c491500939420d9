"""Relative links in content texts lead to a page and an anchor that exist (issue 17).

MkDocs checks every link of every page (mkdocs.yml `validation:`), and in a strict build a
dead one stops `make site` with an English warning about a generated `.md`. The same rules
are checked here, as content errors at the YAML field: `validate`, the build and the preview
say the same. A text is checked from each page it is rendered on (`Rendered.texts`), since a
relative link means something else from another folder; the pages are the plan's, the
hand-written ones are the files in docs_dir, the anchors are those each page's Markdown gets
(`anchors.present_anchors`, the toc's own rule).
"""

from __future__ import annotations

import difflib
import functools
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.content.loaded import Content
from generator.content.markdown_html import Converter
from generator.content.markdown_safety import ascii_safe, browser_url
from generator.content.text_links import fields_by_text
from generator.errors import ContentError
from generator.render import pages as P
from generator.render.anchors import present_anchors
from generator.render.templating import Rendered

_HINT_PATH = "skriv stien til sidens .md-fil set fra den side, teksten står på, fx '../cases/aaby.md#afsnit'"


@dataclass(frozen=True)
class Problem:
    message: str
    hint: str
    part: str  # what to look for in the text (its line)


@dataclass
class Pages:
    """Every file of the built site by source path, and a way to read each page's Markdown."""

    generated: dict[str, str]  # path → Markdown
    other_files: frozenset[str]  # hand-written pages and assets in docs_dir, data files

    @functools.cached_property
    def paths(self) -> frozenset[str]:
        return frozenset(self.generated) | self.other_files

    def anchors(self, path: str, docs_dir: Path | None) -> frozenset[str]:
        return _anchors(self, path, docs_dir)


@functools.lru_cache(maxsize=1024)
def _hand_written_anchors(file: Path, _mtime: int) -> frozenset[str]:
    return frozenset(present_anchors(file.read_text(encoding="utf-8")))


def _anchors(pages: Pages, path: str, docs_dir: Path | None) -> frozenset[str]:
    if path in pages.generated:
        return _generated_anchors(pages.generated[path])
    if docs_dir is not None and path.endswith(".md") and (docs_dir / path).is_file():
        file = docs_dir / path
        return _hand_written_anchors(file, file.stat().st_mtime_ns)
    return frozenset()


@functools.lru_cache(maxsize=4096)
def _generated_anchors(markdown_text: str) -> frozenset[str]:
    return frozenset(present_anchors(markdown_text))


def docs_files(docs_dir: Path | None) -> frozenset[str]:
    """Every file under docs_dir (hand-written pages, assets), as source paths."""
    if docs_dir is None or not docs_dir.is_dir():
        return frozenset()
    return frozenset(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file())


def problem(page: str, href: str, pages: Pages, docs_dir: Path | None) -> Problem | None:
    """What MkDocs would warn about a link `href` (decoded) on `page`, in Danish; None if fine."""
    url = browser_url(href)
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # another site (the link policy decides which are allowed)
    shown = ascii_safe(url if len(url) <= 50 else url[:49] + "…")
    if url.startswith(("/", "\\")):
        return Problem(
            f"linket '{shown}' starter med / og virker ikke, når sitet ligger i en undermappe",
            _HINT_PATH,
            url,
        )
    if not parts.path:
        if not parts.fragment or parts.fragment in pages.anchors(page, docs_dir):
            return None
        return _no_anchor(shown, parts.fragment, pages.anchors(page, docs_dir), "denne side", url)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if target not in pages.paths:
        guess = _guess(target, pages.paths)
        hint = f"mente du '{_relative(page, guess)}'?" if guess else _HINT_PATH
        return Problem(f"linket '{shown}' peger ikke på en side eller fil på sitet", hint, parts.path)
    if parts.fragment and target.endswith(".md"):
        anchors = pages.anchors(target, docs_dir)
        if parts.fragment not in anchors:
            return _no_anchor(shown, parts.fragment, anchors, f"siden {target}", url)
    return None


def _no_anchor(shown: str, fragment: str, anchors: frozenset[str], where: str, url: str) -> Problem:
    close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.6)
    if close:
        hint = f"mente du '#{close[0]}'?"
    else:
        hint = "afsnit med et id der: " + (", ".join(f"#{a}" for a in sorted(anchors)[:8]) or "ingen")
    return Problem(
        f"linket '{shown}' peger på afsnittet '#{fragment}', som ikke findes på {where}", hint, url
    )


def _guess(target: str, paths: frozenset[str]) -> str:
    """The page probably meant: a directory URL written for its .md file, or a close name."""
    stem = target.rstrip("/")
    for candidate in (f"{stem}.md", f"{stem}/index.md", stem.removesuffix(".html") + ".md"):
        if candidate in paths:
            return candidate
    pages = sorted(p for p in paths if p.endswith(".md"))
    same_name = [p for p in pages if posixpath.basename(p) == posixpath.basename(target)]
    if same_name:  # the right page, written from another folder
        return same_name[0]
    close = difflib.get_close_matches(target, pages, n=1)
    return close[0] if close else ""


def _relative(page: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def page_problems(
    texts: dict[str, list[str]],
    links_of: Callable[[str], Iterator[str]],
    pages: Pages,
    docs_dir: Path | None,
) -> Iterator[tuple[str, str, Problem]]:
    """(page, text, problem) for each dead relative link of a text on a page it is shown on."""
    for page, on_page in texts.items():
        for text in dict.fromkeys(on_page):
            for href in links_of(text):
                found = problem(page, href, pages, docs_dir)
                if found is not None:
                    yield page, text, found


def internal_link_errors(
    content: Content, rendered: Rendered, docs_dir: Path | None, converter: Converter
) -> list[ContentError]:
    """A relative link or anchor in a text that leads nowhere, at the field, checked from each
    page the text is rendered on."""

    def links_of(text: str) -> Iterator[str]:
        return (value for tag, _attr, value in converter.links(text) if tag != "[]:")

    texts = {page: [t for t in on_page if "]" in t] for page, on_page in rendered.texts.items()}
    texts = {page: on_page for page, on_page in texts.items() if on_page}
    if not texts:
        return []
    pages = Pages(rendered.files, docs_files(docs_dir) | frozenset(rendered.data))
    where = fields_by_text(content)
    errors = []
    for page, text, found in page_problems(texts, links_of, pages, docs_dir):
        for loaded, loc in where.get(text.strip(), []):
            hint = f"{found.hint} (teksten står på /{P.url_of(page)})"
            errors.append(loaded.doc.error_in_text(loc, found.part, found.message, hint))
    return errors
