"""The page plan: where every page lives and which anchors it has, in one place.

Paths come from ids, never from titles, so a retitled theme keeps its URL.
They are source paths (`bostoette/sundhed.md`); MkDocs turns them into
directory URLs (`/bostoette/sundhed/`).

`plan.plan` lists every generated page as a `Page` (each kind's from the view functions its
registry entry names, `entity_page` for a file's own page); `check` then finds what would
collide (two pages on one URL, two sections with one anchor) and reports it as a content
error at the YAML that caused it.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.content.kinds import SPEC, spec_of
from generator.content.model import Kind
from generator.content.nodes import MappingNode
from generator.content.slugs import slugify
from generator.errors import Code, ContentError
from generator.render.search_index import BUNDLE_DIRS as SEARCH_BUNDLE_DIRS

if TYPE_CHECKING:
    from generator.content.loaded import Loaded
    from generator.content.yamlsource import Path_

# Fixed pages: hand-written (content/) or generated from all content at once.
HOME = "index.md"
ABOUT_SITE = "om-sitet.md"
ABOUT_MAPPINGS = "om-kortlaegningerne.md"
SOURCES = SPEC[Kind.kilder].path  # one page for every source, a section each
CASES_INDEX = "cases/index.md"  # the case finder: a complete list, filtered in the browser
ACCESSIBILITY = "tilgaengelighedserklaering.md"
PERSPECTIVES_INDEX = "perspektiver/index.md"
PEJLEMAERKER = SPEC[Kind.pejlemaerker].path
ANBEFALINGER = SPEC[Kind.anbefalinger].path
EDITOR_GUIDE = "redaktoervejledning.md"
COVERAGE = "redaktion/daekning.md"  # for editors: what is written from a source, what is missing
# The content as open data (generator/render/opendata.py): a page for developers and, beside it, the
# versioned files. A new version gets a folder of its own; the old one stays published.
OPEN_DATA = "data/index.md"
OPEN_DATA_FOLDER = "data"
DATA_CONTENT = "data/v1/indhold.json"
DATA_SCHEMA = "data/v1/indhold.schema.json"

# Pages written by hand in content/: no generated page may take their URL.
HAND_WRITTEN = (HOME, ABOUT_SITE, ABOUT_MAPPINGS, EDITOR_GUIDE, ACCESSIBILITY)
# Top folders of the built site that are not only pages (styles and scripts, the open data,
# the search index).
RESERVED_FOLDERS = ("assets", OPEN_DATA_FOLDER, *SEARCH_BUNDLE_DIRS)
# The meeting mode (content/assets): fetched by a theme or cards page only when it is started.
MEETING_SCRIPT = "assets/meeting.js"
# The case finder's filter, loaded by the finder page alone (not by every page, as extra_javascript would).
FINDER_SCRIPT = "assets/finder.js"


def path_of(target: Any) -> str:
    """Source path of the page that presents `target` (a node, or a fixed path as it is).

    An entity's path is declared with its kind (`kinds.SPECS`): "cases/{node.id}.md".
    """
    if isinstance(target, str):
        return target
    spec = spec_of(target)
    if spec is None:
        raise TypeError(f"no page for {type(target).__name__}")
    return spec.path.format(node=target)


def anchor_of(target: Any) -> str:
    """Anchor of an entity that lives as a section of a shared page ("" for a page of its own)."""
    spec = spec_of(target)
    return spec.anchor.format(node=target) if spec and spec.anchor else ""


def example_anchor(titel: str) -> str:
    """Anchor of a practice example on its case page: its title, slugged."""
    return slugify(titel)


def matrix_path(mapping: MappingNode) -> str:
    return f"{mapping.id}/matrix.md"


def cards_path(mapping: MappingNode) -> str:
    """The question cards (dialogkort) of a mapping: every reflection question, to print and cut."""
    return f"{mapping.id}/spoergsmaalskort.md"


def url_of(path: str) -> str:
    """Site-relative directory URL of a source path: `bostoette/sundhed.md` → `bostoette/sundhed/`."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return stem.lstrip("/")


def file_href(from_path: str, file: str) -> str:
    """Relative URL from the built page of `from_path` (a directory URL) to a file of the site.

    For raw HTML (a script's src), which MkDocs does not rewrite as it does Markdown links."""
    return "../" * url_of(from_path).count("/") + file


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


# Material renders the whole open section of the sidebar into every page of it, so a
# mapping's themes in the sidebar cost themes² (design notes; with 100 themes a section
# it was a tenth of the build). Past this many themes, more than a sidebar can show anyway,
# the mapping's own page, which lists every theme, is the way in.
NAV_MAX_THEMES = 30


def themes_in_nav(mapping: MappingNode) -> bool:
    return len(mapping.themes) <= NAV_MAX_THEMES


def truncate(text: str, length: int) -> str:
    """As Jinja's `truncate` (whole words, "...", 5 characters' leeway): a page's description."""
    if len(text) <= length + 5:
        return text
    return text[: length - 3].rsplit(" ", 1)[0] + "..."


@dataclass(frozen=True)
class Anchor:
    """An anchor a page gets from content (a question's id, a perspective's id), and the
    YAML that gives it, so a clash is reported where the editor can fix it."""

    id: str
    origin: Loaded
    loc: Path_ = ("id",)
    what: str = ""  # how a clash names it: "spørgsmål 2"
    hint: str = ""  # what to do instead, e.g. "brug fx 'spm-kilder'"


@dataclass(frozen=True)
class Front:
    """A page's front matter: its title in the browser and search, its description, and
    whether it is searched and has a table of contents beside it."""

    title: str
    description: str
    searchable: bool = True
    toc: bool = True


@dataclass
class Page:
    """One page to render: its path, its template and what the template gets.

    `origin` is the YAML whose id decides the path (None for fixed pages); `anchors` are
    the anchors its content adds to the fixed ones of the template (`fixed_anchors`).
    """

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = True
    source_file: str = ""  # the YAML file an editor changes to change this page
    origin: Loaded | None = None
    anchors: list[Anchor] = field(default_factory=list)
    noun: str = "siden"  # the page in an editor's message: "et afsnit på temasiden"
    front: Front | None = None  # None: the title, and the title as description


TEMPLATES = Path(__file__).parent / "templates"
_LITERAL_ANCHOR = re.compile(r"\{:?\s*#([a-z0-9][a-z0-9-]*)[\s}]")  # `{ #kilder }`, not `{ #{{ id }} }`
_INCLUDE = re.compile(r"""\{%-?\s*include\s+["']([^"']+)["']""")


def fixed_anchors(template: str) -> frozenset[str]:
    """The anchors a template writes itself (`## Kilder { #kilder }`), its includes' too.

    Read from the template, so a section added there is known here without a second list.
    Each file is cached by modification time: `mkdocs serve` sees an edited template, as Jinja does.
    """
    anchors, includes = _read_template(template, (TEMPLATES / template).stat().st_mtime_ns)
    return anchors.union(*(fixed_anchors(included) for included in includes))


@functools.lru_cache(maxsize=256)
def _read_template(template: str, _mtime: int) -> tuple[frozenset[str], tuple[str, ...]]:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    return frozenset(_LITERAL_ANCHOR.findall(text)), tuple(_INCLUDE.findall(text))


REDIRECT = "redirect"  # the template of a stand-in page: an old address kept by redirect_maps


def check(pages: list[Page], redirect_sources: tuple[str, ...] = ()) -> list[ContentError]:
    """Collisions in the plan, as content errors at the YAML that causes them.

    `redirect_sources` are the old paths that mkdocs.yml's redirect_maps keep alive: a page
    there would be replaced by the redirect (or replace it), so they are taken too.
    """
    return _url_collisions(pages, redirect_sources) + [e for page in pages for e in _anchor_collisions(page)]


def _url_collisions(pages: list[Page], redirect_sources: tuple[str, ...] = ()) -> list[ContentError]:
    taken: dict[str, list[Page]] = {}
    for path in HAND_WRITTEN:
        taken.setdefault(url_of(path), []).append(Page(path, "", "en håndskrevet side"))
    for path in redirect_sources:
        taken.setdefault(url_of(path), []).append(Page(path, REDIRECT, "en omdirigering"))
    for page in pages:
        taken.setdefault(url_of(page.path), []).append(page)
    errors = []
    for url, group in taken.items():
        folder = url.split("/")[0]
        for page in group:
            if page.origin is None:
                continue
            others = [p for p in group if p is not page]
            fixed = [p for p in others if p.origin is None]
            if folder in RESERVED_FOLDERS:
                hint = f"mappen /{folder}/ bruges af sitet selv; vælg et andet id"
            elif any(p.template == REDIRECT for p in fixed):
                hint = (
                    f"/{url} er den gamle adresse på en flyttet side og sender læseren videre "
                    "(redirect_maps i mkdocs.yml); vælg et andet id"
                )
            elif fixed:
                hint = f"siden ville få samme adresse (/{url}) som siden '{fixed[0].title}'; vælg et andet id"
            elif others:
                other = others[0].origin
                assert other is not None
                hint = f"siden ville få samme adresse (/{url}) som {other.doc.display}; vælg et andet id"
            else:
                continue
            error = page.origin.error(("id",), f"id'et '{_id_of(page.origin)}' er reserveret", hint)
            errors.append(error.coded(Code.URL_TAKEN, ref=_id_of(page.origin)))
    return errors


def _anchor_collisions(page: Page) -> list[ContentError]:
    fixed = fixed_anchors(page.template) if page.template else frozenset()
    seen: dict[str, Anchor] = {}
    errors = []
    for anchor in page.anchors:
        if anchor.id in fixed:
            message = f"id'et '{anchor.id}' bruges allerede af et afsnit på {page.noun}"
        elif anchor.id in seen:
            message = f"id'et '{anchor.id}' bruges også af {seen[anchor.id].what}"
        else:
            seen[anchor.id] = anchor
            continue
        hint = anchor.hint or "et id må kun bruges én gang på en side, så links til det virker"
        errors.append(anchor.origin.error(anchor.loc, message, hint).coded(Code.ANCHOR_TAKEN, ref=anchor.id))
    return errors


def _id_of(origin: Loaded) -> str:
    return str(getattr(origin.item, "id", ""))


def entity_page(
    node: Any,
    title: str,
    description: str,
    *,
    view: object,
    in_nav: bool = True,
    anchors: list[Anchor] | None = None,
) -> Page:
    """The page of one file of content: its kind's template (kinds.SPECS) gets its `view`;
    editors edit its YAML (the page's "edit" link), and its id decides its path."""
    spec = spec_of(node)
    if spec is None or not spec.template:
        raise TypeError(f"no page of its own for {type(node).__name__}")
    return Page(
        path_of(node),
        f"{spec.template}.md.j2",
        title,
        {"view": view},
        in_nav=in_nav,
        source_file=node.origin.doc.display,
        origin=node.origin,
        anchors=anchors or [],
        noun=spec.page_noun,
        front=Front(title, description),
    )
