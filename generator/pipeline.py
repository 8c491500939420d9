"""The generator's pipeline: load → validate → link → render.

MkDocs-free: the CLI and the MkDocs plugin both call `generate`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

from .errors import ContentError, ContentErrors
from .linker import Site, link
from .loader import load_partial
from .render import Rendered, render


def load_site(data_dir: Path) -> Site:
    """Load, validate and link; raises ContentErrors with every problem found.

    Files that fail to load are left out and the rest is still linked, so one run
    reports every problem; references to a broken file's id are not reported twice.
    """
    content, errors, failed = load_partial(data_dir)
    try:
        site = link(content)
    except ContentErrors as exc:
        errors += [e for e in exc.errors if not _about(e, failed)]
        if not errors:  # every link error came from a broken file: report those
            errors = exc.errors
    if errors:
        raise ContentErrors(errors)
    return site


def _about(error: ContentError, ids: set[str]) -> bool:
    """True if the error is about one of `ids` (a file that could not be read)."""
    return any(f"'{i}'" in error.message for i in ids)


def generate(data_dir: Path, site_url: str = "") -> Rendered:
    """`site_url` is the published base URL (for printed URLs and QR codes); "" leaves them out."""
    with gc_paused():
        return render(load_site(data_dir), site_url=site_url)


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
