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
from generator.content.markdown_bounds import excess
from generator.content.markdown_html import Converter, use
from generator.content.markdown_safety import html_link_problem, unsafe_html_links
from generator.content.yamlsource import Path_
from generator.errors import Code, ContentError, ContentErrors
from generator.project_config import ProjectConfig, load_project_config
from generator.publish.html_policy import Finding, OwnScripts, page_findings
from generator.publish.own_scripts import own_scripts
from generator.publish.page_sources import hand_written_errors, located
from generator.render import internal_links as L
from generator.render import opendata
from generator.render import pages as P
from generator.render.page_memo import PageMemo
from generator.render.plan import plan
from generator.render.siteurl import public_address
from generator.render.templating import Rendered, render
from generator.render.views.theme import handout_errors


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
    errors += hand_written_errors(config.docs_dir, use(config))  # content/*.md: what the build publishes
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


def html_link_errors(content: Content, converter: Converter) -> list[ContentError]:
    """The link policy on the HTML every text becomes (every href and src, as a browser reads
    them), at the field: the source patterns of markdown_safety miss forms the converter makes."""
    errors = []
    for table in content.items.values():
        for loaded in table.values():
            for loc, text in _texts(loaded.doc.data, ()):
                if found := excess(text):  # never converted: its cost would not be linear
                    errors.append(loaded.doc.error_in_text(loc, found.part, found.message, found.hint))
                    continue
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


def generate(
    data_dir: Path, site_url: str = "", config: ProjectConfig | None = None, memo: PageMemo | None = None
) -> Rendered:
    """`site_url` is the published base URL (for printed URLs and QR codes); "" or one that is
    not public (siteurl.public_address) leaves them out. `memo`: the live preview's pages kept
    from the last save (page_memo.py)."""
    return _generated(data_dir, site_url, config, memo)[1]


def _generated(
    data_dir: Path, site_url: str, config: ProjectConfig | None, memo: PageMemo | None = None
) -> tuple[Site, Rendered]:
    config = config or load_project_config()
    with gc_paused():
        content, site, pages = _planned(data_dir, config)
        address = public_address(site_url)
        rendered = render(site, site_url=address, pages=pages, memo=memo)
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


def _fields_by_text(content: Content, everything: bool = False) -> dict[str, list[tuple[Loaded, Path_]]]:
    """Where each text with a possible link (every text) stands in the YAML (the model strips its ends)."""
    where: dict[str, list[tuple[Loaded, Path_]]] = {}
    for table in content.items.values():
        for loaded in table.values():
            for loc, text in _texts(loaded.doc.data, ()):
                if everything or "]" in text:
                    where.setdefault(text.strip(), []).append((loaded, loc))
    return where


def output_errors(
    findings: list[Finding],
    sources: dict[str, str],
    data_dir: Path,
    rendered: Rendered,
    config: ProjectConfig,
) -> list[ContentError]:
    """Each breach of html_policy on a built page where it was written: a generated page's YAML
    text (file:line, field), a hand-written page's line, else the built page (theme, plugin).
    `sources` maps a built page to the Markdown page it was made from (MkDocs: dest → src)."""
    converter = use(config)
    by_page: dict[str, list[Finding]] = {}
    for finding in findings:
        by_page.setdefault(finding.page, []).append(finding)
    content: Content | None = None
    errors = []
    for page, found in by_page.items():
        source = sources.get(page, "")
        docs = config.docs_dir
        hand_written = docs / source if docs and source else None
        left = found
        if source in rendered.files:
            content = content or load_partial(data_dir)[0]
            placed, left = _text_errors(content, rendered.texts.get(source, []), found, converter)
            errors += placed
        elif docs and hand_written and hand_written.is_file():
            text = hand_written.read_text(encoding="utf-8", errors="replace")
            errors += located(hand_written, text, found, converter, own_scripts((), (docs,)))
            continue
        made_by = f"sidens skabelon ({rendered.sources[source]})" if source in rendered.sources else "temaet"
        for finding in left:
            message, hint = finding.explain()
            errors.append(ContentError(page, 0, 0, "", message, f"{hint}; det kommer fra {made_by}"))
    return errors


def _text_errors(
    content: Content, texts: list[str], findings: list[Finding], converter: Converter
) -> tuple[list[ContentError], list[Finding]]:
    """The findings of a generated page that a YAML text on it makes, at the text's line;
    and the findings no text makes (the page's template made them)."""
    wanted = {f.key: f for f in findings}
    where = _fields_by_text(content, everything=True)
    errors, placed = [], set()
    for text in dict.fromkeys(texts):
        for made in page_findings(converter.html(text), findings[0].page, OwnScripts()):
            if (finding := wanted.get(made.key)) is None or not (fields := where.get(text.strip())):
                continue
            placed.add(made.key)
            message, hint = finding.explain()
            snippet = re.split(r"[\x00-\x20&]", finding.value.strip(), maxsplit=1)[0][:12]
            errors += [loaded.doc.error_in_text(loc, snippet, message, hint) for loaded, loc in fields]
    return errors, [f for f in findings if f.key not in placed]


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
