"""One pass over a built site: every document it publishes is held to html_policy's rule.

Engine-agnostic: it reads a folder of files after the engine wrote them, whatever wrote
each one (a page generated from YAML, a hand-written page of content/, the theme's 404
page, a redirect page, a plugin's page). Every file a browser opens as a document is read
once (`DOCUMENT_SUFFIXES`); the cost is one parse per file, linear in the output.
`check_pages` checks only some pages (the live preview: those a save rewrote);
`output_errors` says each breach where it was written: the YAML field, the hand-written page's
line, else the built page.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from generator.content.loaded import Content
from generator.content.loader import load_partial
from generator.content.markdown_html import Converter
from generator.content.text_links import fields_by_text, first_characters
from generator.errors import ContentError
from generator.publish.html_policy import Finding, OwnScripts, page_findings
from generator.publish.own_scripts import own_scripts
from generator.publish.page_sources import located
from generator.render.templating import Rendered

UNSAFE_PAGES = "Sitet ville få sider, hvor script kan køre, eller links, der ikke er tilladt"
# Files a browser shows as a document, in which script could run (an SVG or XML file too).
DOCUMENT_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".svg", ".xml")


def documents(folder: Path) -> list[str]:
    """Every document under `folder`, as site paths ("om-sitet/index.html"), sorted."""
    found = []
    for current, dirs, files in os.walk(folder):
        dirs.sort()
        here = Path(current).relative_to(folder).as_posix()
        prefix = "" if here == "." else here + "/"
        found += [prefix + name for name in sorted(files) if name.lower().endswith(DOCUMENT_SUFFIXES)]
    return found


def check_folder(folder: Path, own: OwnScripts) -> list[Finding]:
    """Every breach of the rule in every document under `folder` (the built site)."""
    return check_pages(folder, documents(folder), own)


def check_pages(folder: Path, pages: Iterable[str], own: OwnScripts) -> list[Finding]:
    """The breaches in the given documents of the site in `folder` (site paths)."""
    found: list[Finding] = []
    for page in pages:
        found += page_findings((folder / page).read_bytes(), page, own)
    return found


def report(findings: list[Finding], limit: int = 20) -> str:
    """The findings in Danish, one line each, by page (used when no source is known)."""
    lines = []
    for finding in findings[:limit]:
        message, hint = finding.explain()
        lines.append(f"{finding.page}: {message} — {hint}")
    if len(findings) > limit:
        lines.append(f"… og {len(findings) - limit} mere")
    return "\n".join(lines)


def output_errors(
    findings: list[Finding],
    sources: dict[str, str],
    data_dir: Path,
    rendered: Rendered,
    docs_dir: Path | None,
    converter: Converter,
) -> list[ContentError]:
    """Each breach of html_policy on a built page where it was written: a generated page's YAML
    text (file:line, field), a hand-written page's line, else the built page (theme, plugin).
    `sources` maps a built page to the Markdown page it was made from (MkDocs: dest → src)."""
    by_page: dict[str, list[Finding]] = {}
    for finding in findings:
        by_page.setdefault(finding.page, []).append(finding)
    content: Content | None = None
    errors = []
    for page, found in by_page.items():
        source = sources.get(page, "")
        hand_written = docs_dir / source if docs_dir and source else None
        left = found
        if source in rendered.files:
            content = content or load_partial(data_dir)[0]
            placed, left = _text_errors(content, rendered.texts.get(source, []), found, converter)
            errors += placed
        elif docs_dir and hand_written and hand_written.is_file():
            text = hand_written.read_text(encoding="utf-8", errors="replace")
            errors += located(hand_written, text, found, converter, own_scripts((), (docs_dir,)))
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
    where = fields_by_text(content, everything=True)
    errors, placed = [], set()
    for text in dict.fromkeys(texts):
        for made in page_findings(converter.html(text), findings[0].page, OwnScripts()):
            if (finding := wanted.get(made.key)) is None or not (fields := where.get(text.strip())):
                continue
            placed.add(made.key)
            message, hint = finding.explain()
            snippet = first_characters(finding.value)
            errors += [loaded.doc.error_in_text(loc, snippet, message, hint) for loaded, loc in fields]
    return errors, [f for f in findings if f.key not in placed]
