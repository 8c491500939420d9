"""Where every page lives: the one place that turns an entity into a path.

Paths come from ids, never from titles, so a retitled theme keeps its URL.
They are source paths (`bostoette/sundhed.md`); MkDocs turns them into
directory URLs (`/bostoette/sundhed/`).
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from typing import Any

from .linker import (
    CaseNode,
    LiteratureNode,
    MappingNode,
    PerspectiveNode,
    RecommendationNode,
    ThemeNode,
)

# Fixed pages: hand-written (content/) or generated from all content at once.
HOME = "index.md"
ABOUT_SITE = "om-sitet.md"
ABOUT_MAPPINGS = "om-kortlaegningerne.md"
SOURCES = "kilder.md"
CASES_INDEX = "cases/index.md"  # the case finder: a complete list, filtered in the browser
ACCESSIBILITY = "tilgaengelighedserklaering.md"
PERSPECTIVES_INDEX = "perspektiver/index.md"
PEJLEMAERKER = "pejlemaerker.md"
ANBEFALINGER = "anbefalinger.md"


def path_of(target: Any) -> str:
    """Source path of the page that presents `target`."""
    if isinstance(target, str):
        return target
    if isinstance(target, MappingNode):
        return f"{target.id}/index.md"
    if isinstance(target, ThemeNode):
        return f"{target.mapping.id}/{target.id}.md"
    if isinstance(target, CaseNode):
        return f"cases/{target.id}.md"
    if isinstance(target, PerspectiveNode):
        return f"perspektiver/{target.id}.md"
    if isinstance(target, LiteratureNode):
        return f"litteratur/{target.id}.md"
    if isinstance(target, RecommendationNode):
        return PEJLEMAERKER if target.kind == "pejlemaerker" else ANBEFALINGER
    raise TypeError(f"no page for {type(target).__name__}")


def anchor_of(target: Any) -> str:
    """Anchor of an entity that lives as a section of a shared page."""
    if isinstance(target, RecommendationNode):
        return target.id
    return ""


def matrix_path(mapping: MappingNode) -> str:
    return f"{mapping.id}/matrix.md"


def url_of(path: str) -> str:
    """Site-relative directory URL of a source path: `bostoette/sundhed.md` → `bostoette/sundhed/`."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return stem.lstrip("/")


def absolute_url(site_url: str, path: str) -> str:
    """Absolute URL of a page, or "" when the site's base URL is not known."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + url_of(path)


def relative(from_path: str, to_path: str, anchor: str = "") -> str:
    """Relative Markdown link from one source path to another (MkDocs validates these).

    Both are clean paths inside the docs folder ('a/b.md'), so plain string work does what
    posixpath.relpath does without its call to os.getcwd() for each of thousands of links.
    """
    link = "" if to_path == from_path else _relative(posixpath.dirname(from_path), to_path)
    return f"{link}#{anchor}" if anchor else link


@functools.lru_cache(maxsize=65536)
def _relative(from_dir: str, to_path: str) -> str:
    start = from_dir.split("/") if from_dir else []
    target = to_path.split("/")
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


@dataclass
class Page:
    """One page to render: its path, its template and what the template gets."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = True
    source_file: str = ""  # the YAML file an editor changes to change this page
