"""The generator's pipeline: load → validate → link → plan → render.

MkDocs-free: the CLI and the MkDocs plugin both call `generate`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

from . import opendata
from . import pages as P
from .errors import Code, ContentError, ContentErrors
from .linker import Site, link
from .loader import load_partial
from .render import Rendered, plan, render
from .siteurl import public_address


def load_site(data_dir: Path) -> Site:
    """Load, validate, link and plan; raises ContentErrors with every problem found."""
    return planned_site(data_dir)[0]


def planned_site(data_dir: Path) -> tuple[Site, list[P.Page]]:
    """The linked site and its checked page plan; raises ContentErrors with every problem.

    Files that fail to load are left out and the rest is still linked, so one run
    reports every problem; references to a broken file's id are not reported twice.
    Collisions in the plan (two pages on one URL, one anchor twice) are content errors too.
    """
    content, errors, failed = load_partial(data_dir)
    try:
        site = link(content)
    except ContentErrors as exc:
        errors += [e for e in exc.errors if not _about(e, failed)]
        if not errors:  # every link error came from a broken file: report those
            errors = exc.errors
        raise ContentErrors(errors) from None
    pages = plan(site)
    errors += P.check(pages)
    if errors:
        raise ContentErrors(errors)
    return site, pages


def _about(error: ContentError, ids: set[str]) -> bool:
    """True if the error is a reference to one of `ids` (a file that could not be read)."""
    return error.code is Code.UNKNOWN_REF and error.ref in ids


def generate(data_dir: Path, site_url: str = "") -> Rendered:
    """`site_url` is the published base URL (for printed URLs and QR codes); "" or one that is
    not public (siteurl.public_address) leaves them out."""
    with gc_paused():
        site, pages = planned_site(data_dir)
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
