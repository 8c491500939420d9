"""Plan: which pages the linked site becomes, each with its template and view, and the sidebar.

Every kind of content yields its pages through the view functions its registry entry names
(kinds.SPECS: `pages` for each file's own, `index` for the page of the whole kind), resolved
here when this module is imported: a name that is not there stops the import, so no kind's
files are ever left off the site. Where a page lives and which anchors it has is pages.py's.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from generator.content.kinds import SPECS, IncompleteKind, KindSpec
from generator.content.linker import MappingNode, Site
from generator.content.markdown_safety import html_text
from generator.content.model import Kind
from generator.render import pages as P
from generator.render.views import coverage as coverage_v

NodePages = Callable[[Site, Any], list[P.Page]]
KindPages = Callable[[Site], list[P.Page]]


def _named(spec: KindSpec, part: str) -> Callable[..., list[P.Page]] | None:
    """The view function a kind's entry names in `part` ("module.function" of render/views/)."""
    name: str = getattr(spec, part)
    if not name:
        return None
    module, _, function = name.partition(".")
    try:
        found = getattr(importlib.import_module(f"generator.render.views.{module}"), function)
    except (ImportError, AttributeError):
        found = None
    if not callable(found):
        raise IncompleteKind(
            f"kind {spec.kind.value!r}: its {part} {name!r} is not a function in render/views/"
        )
    return found  # type: ignore[no-any-return]


# Each kind's page functions, found once: (the kind's own pages per file, the kind's index pages).
PAGES: dict[Kind, tuple[NodePages | None, KindPages | None]] = {
    spec.kind: (_named(spec, "pages"), _named(spec, "index")) for spec in SPECS
}


def plan(site: Site) -> list[P.Page]:
    """Every generated page: each kind's (kinds.SPECS), then the pages about all the content."""
    pages: list[P.Page] = []
    for spec in SPECS:
        node_pages, index_pages = PAGES[spec.kind]
        if index_pages:
            pages += index_pages(site)
        if node_pages:
            for node in site.of(spec.kind).values():
                pages += node_pages(site, node)
    data = P.Front("Åbne data", "Sitets indhold som JSON med JSON Schema – til udviklere", searchable=False)
    pages.append(
        P.Page(P.OPEN_DATA, "data.md.j2", "Åbne data", {"view": coverage_v.open_data(site)}, front=data)
    )
    # For editors: what is written from a source, what is editorial, what is missing.
    coverage = P.Front(
        "Dækning",
        "For redaktionen: hvad der er skrevet ud fra kilder, hvad der er redaktionel tekst, "
        "og hvad der mangler",
        searchable=False,
        toc=False,
    )
    pages.append(
        P.Page(
            P.COVERAGE,
            "coverage.md.j2",
            "Dækning",
            {"view": coverage_v.coverage(site)},
            in_nav=False,
            anchors=coverage_anchors(site),
            front=coverage,
        )
    )
    return pages


def coverage_anchors(site: Site) -> list[P.Anchor]:
    """The coverage page has a section per mapping, its reading guide and its cases (coverage.md.j2)."""
    return [
        P.Anchor(anchor, m.origin, what=f"kortlægningen '{m.id}'")
        for m in site.mappings
        for anchor in (m.id, f"{m.id}-laes", f"{m.id}-cases")
    ]


def build_nav(site: Site, pages: list[P.Page]) -> list[Any]:
    """A small sidebar: overviews and themes; case pages are reached from overviews."""
    by_path = {p.path: p for p in pages}

    def mapping_section(mapping: MappingNode) -> dict[str, list[Any]]:
        entries: list[Any] = [P.path_of(mapping)]
        # Nav titles are placed in the HTML unescaped by MkDocs/Material: escape content here.
        if P.themes_in_nav(mapping):
            entries += [{html_text(by_path[P.path_of(t)].title): P.path_of(t)} for t in mapping.themes]
        entries.append({"Temaer og cases": P.matrix_path(mapping)})
        entries.append({"Spørgsmålskort": P.cards_path(mapping)})
        return {html_text(mapping.model.kort_navn): entries}

    return [
        {"Forside": P.HOME},
        *[mapping_section(m) for m in site.mappings],
        *([{"Perspektiver": P.PERSPECTIVES_INDEX}] if by_path[P.PERSPECTIVES_INDEX].in_nav else []),
        {"Find en case": P.CASES_INDEX},
        {"Kilder": P.SOURCES},
        {
            "Om": [
                {"Om sitet": P.ABOUT_SITE},
                {"Om kortlægningerne": P.ABOUT_MAPPINGS},
                {"Redaktørvejledning": P.EDITOR_GUIDE},
                {"Tilgængelighedserklæring": P.ACCESSIBILITY},
                {"Åbne data": P.OPEN_DATA},
            ]
        },
    ]


def ways_in(site: Site) -> list[dict[str, Any]]:
    """Each mapping's page (the themes first on it) with its themes, then the case finder: plain
    values (names and URLs relative to the site's root) for the engine's templates."""
    ways: list[dict[str, Any]] = [
        {
            "navn": m.model.kort_navn,
            "tekst": f"{len(m.themes)} temaer om {m.model.kort_navn.lower()}",
            "url": P.url_of(P.path_of(m)),
            "temaer": [
                {"navn": f"{t.model.nummer}. {t.model.titel}", "url": P.url_of(P.path_of(t))}
                for t in m.themes
            ],
        }
        for m in site.mappings
    ]
    ways.append({"navn": "Find en case", "tekst": "kommuner og botilbud", "url": P.url_of(P.CASES_INDEX)})
    return ways
