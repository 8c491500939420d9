"""The generator's pipeline: load → validate → link → plan → render.

MkDocs-free: the CLI and the MkDocs plugin both call `generate`.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from pathlib import Path

from generator.content.linker import Site, link
from generator.content.loader import Content, Loaded, load_partial
from generator.content.markdown_html import Converter, use
from generator.content.markdown_safety import html_link_problem, unsafe_html_links
from generator.content.yamlsource import Path_
from generator.errors import Code, ContentError, ContentErrors
from generator.project_config import ProjectConfig, load_project_config
from generator.site import internal_links as L
from generator.site import opendata
from generator.site import pages as P
from generator.site.render import Rendered, plan, render
from generator.site.siteurl import public_address


def load_site(data_dir: Path, config: ProjectConfig | None = None) -> Site:
    """Load, validate, link, plan and render; raises ContentErrors with every problem found.

    What `validate` runs: every check of a build (a dead link in a text too), writing nothing.
    `config` is what the engine will do with the content (mkdocs.yml; the project's own if None).
    """
    return _generated(data_dir, "", config)[0]


def planned_site(data_dir: Path, config: ProjectConfig | None = None) -> tuple[Site, list[P.Page]]:
    """The linked site and its checked page plan; raises ContentErrors with every problem.

    Files that fail to load are left out and the rest is still linked, so one run
    reports every problem; references to a broken file's id are not reported twice.
    Collisions in the plan (two pages on one URL, one anchor twice) are content errors too.
    """
    return _planned(data_dir, config or load_project_config())[1:]


def _planned(data_dir: Path, config: ProjectConfig) -> tuple[Content, Site, list[P.Page]]:
    content, errors, failed = load_partial(data_dir)
    errors += html_link_errors(content, use(config))
    try:
        site = link(content)
    except ContentErrors as exc:
        errors += [e for e in exc.errors if not _about(e, failed)]
        if not errors:  # every link error came from a broken file: report those
            errors = exc.errors
        raise ContentErrors(errors) from None
    pages = plan(site)
    errors += P.check(pages, config.redirect_sources)
    if errors:
        raise ContentErrors(errors)
    return content, site, pages


def _about(error: ContentError, ids: set[str]) -> bool:
    """True if the error is a reference to one of `ids` (a file that could not be read)."""
    return error.code is Code.UNKNOWN_REF and error.ref in ids


def html_link_errors(content: Content, converter: Converter) -> list[ContentError]:
    """The link policy on the HTML every text becomes (every href and src, as a browser reads
    them), at the field: the source patterns of markdown_safety miss forms the converter makes."""
    errors = []
    for table in content.items.values():
        for loaded in table.values():
            for loc, text in _texts(loaded.doc.data, ()):
                for value in unsafe_html_links(text, converter)[:1]:
                    message, hint = html_link_problem(value)
                    # The line: where the target's first visible characters stand.
                    snippet = re.split(r"[\x00-\x20&]", value.strip(), maxsplit=1)[0][:12]
                    errors.append(loaded.doc.error_in_text(loc, snippet, message, hint))
    return errors


def _texts(value: object, loc: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*loc, i))


def generate(data_dir: Path, site_url: str = "", config: ProjectConfig | None = None) -> Rendered:
    """`site_url` is the published base URL (for printed URLs and QR codes); "" or one that is
    not public (siteurl.public_address) leaves them out."""
    return _generated(data_dir, site_url, config)[1]


def _generated(data_dir: Path, site_url: str, config: ProjectConfig | None) -> tuple[Site, Rendered]:
    config = config or load_project_config()
    with gc_paused():
        content, site, pages = _planned(data_dir, config)
        address = public_address(site_url)
        rendered = render(site, site_url=address, pages=pages)
        rendered.data = opendata.files(site, site_url=address)
        if errors := internal_link_errors(content, rendered, config):
            raise ContentErrors(errors)
        return site, rendered


def internal_link_errors(content: Content, rendered: Rendered, config: ProjectConfig) -> list[ContentError]:
    """A relative link or anchor in a text that leads nowhere, at the field (internal_links.py)."""
    converter = use(config)

    def links_of(text: str) -> Iterator[str]:
        return (value for tag, _attr, value in converter.links(text) if tag != "[]:")

    texts = {page: [t for t in on_page if "]" in t] for page, on_page in rendered.texts.items()}
    texts = {page: on_page for page, on_page in texts.items() if on_page}
    if not texts:
        return []
    pages = L.Pages(rendered.files, L.docs_files(config.docs_dir) | frozenset(rendered.data))
    where = _fields_by_text(content)
    errors = []
    for page, text, problem in L.page_problems(texts, links_of, pages, config.docs_dir):
        for loaded, loc in where.get(text.strip(), []):
            hint = f"{problem.hint} (teksten står på /{P.url_of(page)})"
            errors.append(loaded.doc.error_in_text(loc, problem.part, problem.message, hint))
    return errors


def _fields_by_text(content: Content) -> dict[str, list[tuple[Loaded, Path_]]]:
    """Where each text with a possible link stands in the YAML (the model strips its ends)."""
    where: dict[str, list[tuple[Loaded, Path_]]] = {}
    for table in content.items.values():
        for loaded in table.values():
            for loc, text in _texts(loaded.doc.data, ()):
                if "]" in text:
                    where.setdefault(text.strip(), []).append((loaded, loc))
    return where


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the generator runs.

    Loading and rendering allocate many small objects that all stay alive until the end,
    so the collector's passes find nothing, yet they rescan everything already in the
    process (all of MkDocs): about a third of the generator's time at 5,000 cases
    (BENCHMARKS.md). Collection resumes afterwards; nothing is lost, it only happens later.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
