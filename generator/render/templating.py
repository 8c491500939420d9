"""Render: the plan's pages through templates/*.md.j2 → {source path: Markdown}, with the sidebar.

The templates hold presentation only; every decision is made in each page's view (views/).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from generator.content.linker import Site
from generator.content.markdown_html import Converter
from generator.content.markdown_safety import escape_inline, front_matter_string, safe_markdown
from generator.render import pages as P
from generator.render.page_memo import PageMemo, comparable
from generator.render.plan import build_nav, plan, ways_in
from generator.render.qrcodes import qr_data_uri

TEMPLATES = P.TEMPLATES


@dataclass
class Rendered:
    """The output of the generator, independent of MkDocs."""

    files: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    not_in_nav: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)  # page path → YAML file
    data: dict[str, str] = field(default_factory=dict)  # files that are not pages: the open data
    # page path → the content texts rendered as Markdown on it (the `md` filter), so a link in
    # one is checked from the page it stands on (internal_links.internal_link_errors)
    texts: dict[str, list[str]] = field(default_factory=dict)
    # The ways into the site that always work (`ways_in`): the search shows them when a query finds
    # nothing, the 404 page always; the engine's templates read them as `config.extra.vive_veje_ind`.
    ways_in: list[dict[str, Any]] = field(default_factory=list)


class Markdown(Markup):
    """Text that is already Markdown (or HTML a template wrote): printed as it is.

    The templates write Markdown, so the render environment escapes every value a `{{ … }}`
    prints for Markdown (`escape_markdown`), the way Jinja escapes for HTML: only what is
    marked as this type, or as markupsafe's Markup (a macro's output, Jinja's `e` filter for
    raw HTML), passes unchanged. Content fields become Markdown through the `md` filter.
    """

    __slots__ = ()


def escape_markdown(value: object) -> Markup:
    """Jinja's `finalize`: a value, unless already Markdown, as the exact characters it holds."""
    if isinstance(value, Markup):
        return value
    return Markdown(escape_inline(str(value)))


def url_breaks(url: str) -> Markdown:
    """A printed address that wraps only after "/" or "-", never inside a word (<wbr> marks
    where it may; print.css forbids any other break). Escaped first: the URL comes from SITE_URL."""
    text = escape_inline(url)
    return Markdown(text.replace("/", "/<wbr>").replace("-", "-<wbr>"))


def printed_url(url: str) -> Markdown:
    """An address as a card prints it: without its scheme, wrapping only after "/" or "-"."""
    return url_breaks(url.split("://", 1)[1])


def qr_image(url: str) -> Markup:
    """A QR code of `url` as an image's data URI: made here, so it is printed as it is."""
    return Markup(qr_data_uri(url))


# The compiled form of a template depends on how the environment escapes (autoescape and
# finalize are compiled in); the cache's file names say which, so a cache written by a
# generator that escaped otherwise is never read.
ESCAPING = "md-finalize-1"


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates on disk (a private folder in the temp dir), so a new process
    does not compile them again; Jinja checks each template's source checksum."""
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"__vive_{ESCAPING}_%s.cache")
    except (OSError, RuntimeError):  # no usable temp dir: compile every time
        return None


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        # Every printed value is escaped, for Markdown (escape_markdown) rather than for HTML:
        # autoescape makes Jinja keep what is already marked (Markup: macros, `e`, `md`).
        autoescape=True,
        finalize=escape_markdown,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = _markdown_field
    env.filters["qr"] = qr_image
    env.filters["printed_url"] = printed_url
    return env


@dataclass
class _Page:
    """The page being rendered: the content texts the `md` filter made Markdown on it, and the
    converter (the project's Markdown settings) that makes them safe."""

    texts: list[str]
    converter: Converter


# Not a context filter: compiled templates in the bytecode cache on disk would keep calling the
# filter the way it was called when compiled. Set by `rendering` for one page at a time.
_page: contextvars.ContextVar[_Page | None] = contextvars.ContextVar("page", default=None)


@contextlib.contextmanager
def rendering(converter: Converter, texts: list[str] | None = None) -> Iterator[list[str]]:
    """While a page is rendered: the `md` filter makes texts safe with `converter` and notes
    each in the list it yields (`texts`, if given)."""
    noted = [] if texts is None else texts
    token = _page.set(_Page(noted, converter))
    try:
        yield noted
    finally:
        _page.reset(token)


def _markdown_field(text: str) -> Markdown:
    """A Markdown content field, made safe; noted as rendered on the page being rendered."""
    page = _page.get()
    if page is None:
        raise RuntimeError("the md filter works only while a page is rendered (templating.rendering)")
    page.texts.append(text)
    return Markdown(safe_markdown(text, page.converter))


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """One environment per process: `mkdocs serve` renders on every save, and compiling
    the templates was most of the render time. Edited templates are still reloaded
    (Jinja's auto_reload compares their modification time)."""
    return make_environment()


def front_matter(page: P.Page) -> str:
    """The page's front matter, each string HTML-escaped as YAML (MkDocs does not escape it)."""
    front = page.front or P.Front(page.title, page.title)
    lines = [
        "---",
        f"title: {front_matter_string(front.title)}",
        f"description: {front_matter_string(front.description)}",
    ]
    if not front.toc:
        lines += ["hide:", "  - toc"]
    if not front.searchable:
        lines += ["search:", "  exclude: true"]
    return "\n".join([*lines, "---", "", ""])


def render(
    site: Site,
    converter: Converter,
    site_url: str = "",
    pages: list[P.Page] | None = None,
    memo: PageMemo | None = None,
) -> Rendered:
    """Render every page (of `pages`, the checked plan, if given).

    `converter` (the project's Markdown settings) makes each content text safe. `site_url` (the
    published base URL) makes absolute links and QR codes. `memo` (the live preview) keeps each
    page's Markdown while its template is given the same (page_memo.py).
    """
    env = environment()
    pages = plan(site) if pages is None else pages
    out = Rendered(nav=build_nav(site, pages), ways_in=ways_in(site))
    if memo:
        memo.start()

    def absolute(target: Any) -> str:
        """The public address of another page ("" without one): printed on question cards."""
        return P.absolute_url(site_url, P.path_of(target))

    for page in pages:
        template = env.get_template(page.template)

        def href(target: Any, anchor: str = "", _from: str = page.path) -> Markdown:
            """A link between pages: made of paths and anchors from the plan, printed as it is."""
            return Markdown(P.relative(_from, P.path_of(target), anchor or P.anchor_of(target)))

        url = P.absolute_url(site_url, page.path)
        front = front_matter(page)
        key = (page.template, front, site_url, converter, comparable(page.context)) if memo else None
        if memo and (kept := memo.get(page.path, key)):
            out.files[page.path], out.texts[page.path] = kept
        else:
            with rendering(converter, out.texts.setdefault(page.path, [])):
                text = front + template.render(href=href, page_url=url, absolute=absolute, **page.context)
            out.files[page.path] = text.rstrip() + "\n"
            if memo:
                memo.keep(page.path, key, out.files[page.path], out.texts[page.path])
        if not page.in_nav:
            out.not_in_nav.add(page.path)
        if page.source_file:
            out.sources[page.path] = page.source_file
    return out
