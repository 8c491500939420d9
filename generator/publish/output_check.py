"""One pass over a built site: every document it publishes is held to html_policy's rule.

Engine-agnostic: it reads a folder of files after the engine wrote them, whatever wrote
each one (a page generated from YAML, a hand-written page of content/, the theme's 404
page, a redirect page, a plugin's page). Every file a browser opens as a document is read
once (`DOCUMENT_SUFFIXES`); the cost is one parse per file, linear in the output.
`check_pages` checks only some pages (the live preview: those a save rewrote).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from generator.publish.html_policy import Finding, OwnScripts, page_findings

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
