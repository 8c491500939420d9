"""The generator's pipeline: load → validate → link → plan → render, each step's checks its own.

This module only runs the steps and gathers every problem of a run; each check lives with the
step it belongs to. Engine-free: what it needs of the engine comes in the project configuration
the caller passes (generator/engine.py); the commands and the MkDocs plugin both call `generate`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

from generator.content.linker import Site, link
from generator.content.loaded import Content
from generator.content.loader import load_partial
from generator.content.markdown_html import converter
from generator.content.project_config import ProjectConfig
from generator.content.text_links import html_link_errors
from generator.errors import Code, ContentError, ContentErrors
from generator.publish.page_sources import hand_written_errors
from generator.render import opendata
from generator.render import pages as P
from generator.render.internal_links import internal_link_errors
from generator.render.page_memo import PageMemo
from generator.render.plan import plan
from generator.render.siteurl import public_address
from generator.render.templating import Rendered, render
from generator.render.views.theme import handout_errors


def load_site(data_dir: Path, config: ProjectConfig) -> Site:
    """Load, validate, link, plan and render; raises ContentErrors with every problem found.

    What `validate` runs: every check of a build (a dead link in a text too), writing nothing.
    `config` is what the engine will do with the content (engine.Engine.project_config).
    """
    return _generated(data_dir, "", config)[0]


def _planned(
    data_dir: Path, config: ProjectConfig, output_checked: bool = False
) -> tuple[Content, Site, list[P.Page]]:
    """Load → validate → link → plan, every problem of the run together (ContentErrors).

    Files that fail to load are left out and the rest is still linked, so one run reports
    every problem; references to a broken file's id are not reported twice. Collisions in
    the plan (two pages on one URL, one anchor twice) are content errors too.
    `output_checked`: the caller holds every built page's HTML to the policy (generate).
    """
    content, errors, failed = load_partial(data_dir)
    text_html = converter(config)
    errors += html_link_errors(content, text_html)
    # content/*.md, published as written: bounded here always, converted and checked here
    # unless the built pages are checked (the same breach, at the same line: output_check).
    errors += hand_written_errors(config.docs_dir, text_html, convert=not output_checked)
    try:
        site = link(content)
    except ContentErrors as exc:
        errors += [e for e in exc.errors if not _about(e, failed)]
        if not errors:  # every link error came from a broken file: report those
            errors = exc.errors
        raise ContentErrors(errors) from None
    pages = plan(site)
    errors += P.check(pages, config.redirect_sources)
    errors += handout_errors(site)  # a promise on paper: every handout is one A4 page
    if errors:
        raise ContentErrors(errors)
    return content, site, pages


def _about(error: ContentError, ids: set[str]) -> bool:
    """True if the error is a reference to one of `ids` (a file that could not be read)."""
    return error.code is Code.UNKNOWN_REF and error.ref in ids


def generate(
    data_dir: Path,
    site_url: str = "",
    *,
    config: ProjectConfig,
    memo: PageMemo | None = None,
    output_checked: bool = False,
) -> Rendered:
    """`config` is the project configuration as the engine completed it. `site_url` is the
    published base URL (for printed URLs and QR codes); "" or one that is not public
    (siteurl.public_address) leaves them out. `memo`: the live preview's pages kept from the
    last save (page_memo.py). `output_checked`: the caller checks the HTML of every page it
    builds (the engine's plugin: publish/output_check.py), so the hand-written pages are not
    converted here a second time."""
    return _generated(data_dir, site_url, config, memo, output_checked)[1]


def _generated(
    data_dir: Path,
    site_url: str,
    config: ProjectConfig,
    memo: PageMemo | None = None,
    output_checked: bool = False,
) -> tuple[Site, Rendered]:
    with gc_paused():
        content, site, pages = _planned(data_dir, config, output_checked)
        address = public_address(site_url)
        text_html = converter(config)
        rendered = render(site, text_html, site_url=address, pages=pages, memo=memo)
        rendered.data = opendata.files(site, text_html, site_url=address)
        if errors := internal_link_errors(content, rendered, config.docs_dir, text_html):
            raise ContentErrors(errors)
        return site, rendered


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
