"""The generator's pipeline: load → validate → link → plan → render.

MkDocs-free: the CLI and the MkDocs plugin both call `generate`.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from pathlib import Path

from . import opendata
from . import pages as P
from .errors import Code, ContentError, ContentErrors
from .linker import Site, link
from .loader import Content, load_partial
from .markdown_html import Converter, use
from .markdown_safety import html_link_problem, unsafe_html_links
from .project_config import ProjectConfig, load_project_config
from .render import Rendered, plan, render
from .siteurl import public_address
from .yamlsource import Path_


def load_site(data_dir: Path, config: ProjectConfig | None = None) -> Site:
    """Load, validate, link and plan; raises ContentErrors with every problem found.

    `config` is what the engine will do with the content (mkdocs.yml; the project's own if None).
    """
    return planned_site(data_dir, config)[0]


def planned_site(data_dir: Path, config: ProjectConfig | None = None) -> tuple[Site, list[P.Page]]:
    """The linked site and its checked page plan; raises ContentErrors with every problem.

    Files that fail to load are left out and the rest is still linked, so one run
    reports every problem; references to a broken file's id are not reported twice.
    Collisions in the plan (two pages on one URL, one anchor twice) are content errors too.
    """
    config = config or load_project_config()
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
    return site, pages


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
    with gc_paused():
        site, pages = planned_site(data_dir, config)
        address = public_address(site_url)
        rendered = render(site, site_url=address, pages=pages)
        rendered.data = opendata.files(site, site_url=address)
        return rendered


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
