"""Plan: which pages the linked site becomes, each with its template and view, and the sidebar.

Where a page lives and which anchors it has is pages.py's; this lists the pages that exist.
"""

from __future__ import annotations

from typing import Any

from generator.content.kinds import BY_NODE
from generator.content.linker import CaseNode, MappingNode, Site, ThemeNode
from generator.content.markdown_safety import html_text
from generator.content.model import Kind
from generator.render import pages as P
from generator.render import reach as R
from generator.render.views import case as case_v
from generator.render.views import coverage as coverage_v
from generator.render.views import mapping as mapping_v
from generator.render.views import perspective as perspective_v
from generator.render.views import sources as sources_v
from generator.render.views import theme as theme_v

# The themes × cases table has a column per case, so it grows with themes × cases: with 100
# themes and 2,500 cases in a mapping it was a 10 MB page and 40 % of the build. Past this many
# cases (already more columns than a phone or a printed page can show) the page lists each
# theme's cases instead, which grows with the number of links.
MATRIX_MAX_CASES = 30


# Material renders the whole open section of the sidebar into every page of it, so a
# mapping's themes in the sidebar cost themes² (design notes; with 100 themes a section
# it was a tenth of the build). Past this many themes, more than a sidebar can show anyway,
# the mapping's own page, which lists every theme, is the way in.
NAV_MAX_THEMES = 30


def themes_in_nav(mapping: MappingNode) -> bool:
    return len(mapping.themes) <= NAV_MAX_THEMES


def matrix_template(mapping: MappingNode) -> str:
    return "matrix.md.j2" if len(mapping.cases) <= MATRIX_MAX_CASES else "matrix-list.md.j2"


def _entity_page(
    node: Any,
    title: str,
    description: str,
    *,
    view: object,
    in_nav: bool = True,
    anchors: list[P.Anchor] | None = None,
) -> P.Page:
    """The page of one entity: its kind's template (kinds.SPECS) gets its `view`; editors
    edit its YAML."""
    spec = BY_NODE[type(node)]
    return P.Page(
        P.path_of(node),
        f"{spec.template}.md.j2",
        title,
        {"view": view},
        in_nav=in_nav,
        source_file=node.origin.doc.display,
        origin=node.origin,
        anchors=anchors or [],
        noun=spec.page_noun,
        front=P.Front(title, description),
    )


def theme_anchors(theme: ThemeNode) -> list[P.Anchor]:
    """A theme page's anchors from content: a section per perspective, one per question."""
    anchors = [P.Anchor(p.id, p.origin, what=f"perspektivet '{p.id}'") for p, _ in theme.sections]
    for i, question in enumerate(theme.model.refleksionsspoergsmaal):
        anchors.append(
            P.Anchor(
                question.id,
                theme.origin,
                ("refleksionsspoergsmaal", i, "id"),
                what=f"spørgsmål {i + 1}",
                hint=f"brug fx 'spm-{question.id}'",
            )
        )
    return anchors


def case_anchors(case: CaseNode) -> list[P.Anchor]:
    """A case page's anchors from content: one per practice example."""
    return [
        P.Anchor(
            P.example_anchor(ex.titel),
            case.origin,
            ("praksiseksempler", i, "titel"),
            what=f"praksiseksempel {i + 1}",
            hint="giv eksemplerne forskellige titler",
        )
        for i, ex in enumerate(case.model.praksiseksempler)
    ]


def coverage_anchors(site: Site) -> list[P.Anchor]:
    """The coverage page has a section per mapping, its reading guide and its cases (coverage.md.j2)."""
    return [
        P.Anchor(anchor, m.origin, what=f"kortlægningen '{m.id}'")
        for m in site.mappings
        for anchor in (m.id, f"{m.id}-laes", f"{m.id}-cases")
    ]


def plan(site: Site) -> list[P.Page]:
    """Every generated page, in navigation order."""
    pages: list[P.Page] = []
    for mapping in site.mappings:
        k = mapping.model
        pages.append(
            _entity_page(
                mapping, k.kort_navn, f"{k.titel}: {k.undertitel}", view=mapping_v.mapping(site, mapping)
            )
        )
        for theme in mapping.themes:
            title = f"{theme.model.nummer}. {theme.model.titel}"
            in_nav = themes_in_nav(mapping)
            summary = truncate(theme.model.kort_fortalt.tekst, 155)
            view = theme_v.theme_view(site, theme)
            pages.append(
                _entity_page(theme, title, summary, in_nav=in_nav, anchors=theme_anchors(theme), view=view)
            )
        about = f"kortlægningen af {k.kort_navn.lower()}"
        matrix = P.Front(f"Temaer og cases – {k.kort_navn}", f"Hvilke cases belyser hvilke temaer i {about}")
        template = matrix_template(mapping)
        table = mapping_v.matrix(mapping) if template == "matrix.md.j2" else mapping_v.matrix_list(mapping)
        pages.append(
            P.Page(P.matrix_path(mapping), template, "Temaer og cases", {"view": table}, front=matrix)
        )
        cards = P.Front(
            f"Spørgsmålskort: {k.kort_navn}",
            f"Alle spørgsmål til refleksion fra {about} som kort til teammødet, "
            "klar til at printe og klippe ud.",
            searchable=False,
        )
        pages.append(
            P.Page(
                P.cards_path(mapping),
                "cards.md.j2",
                "Spørgsmålskort",
                {"view": theme_v.cards_view(mapping)},
                front=cards,
            )
        )
    # The overview is a destination only while some perspective has content to follow.
    followable = R.any_followable(site)
    perspectives = P.Front("Perspektiver", "De perspektiver, kortlægningerne ser hvert tema fra")
    pages.append(
        P.Page(
            P.PERSPECTIVES_INDEX,
            "perspectives.md.j2",
            "Perspektiver",
            {"view": perspective_v.perspectives(site)},
            in_nav=followable,
            front=perspectives,
        )
    )
    for persp in site.perspectives.values():
        mapping_name = persp.mapping.model.kort_navn.lower()
        about = f"{perspective_v.across_themes(persp.model.navn)} i kortlægningen af {mapping_name}"
        pages.append(
            _entity_page(
                persp, persp.model.navn, about, in_nav=False, view=perspective_v.perspective(site, persp)
            )
        )
    finder = P.Front(
        "Find en case", "Find kommuner og botilbud i kortlægningerne efter type, lovgrundlag, region og tema"
    )
    pages.append(
        P.Page(P.CASES_INDEX, "cases.md.j2", "Find en case", {"view": case_v.finder_view(site)}, front=finder)
    )
    for case in sorted(site.cases.values(), key=lambda c: c.model.navn):
        about = f"Case i kortlægningen af {case.mapping.model.kort_navn.lower()}: {case.model.navn}"
        pages.append(
            _entity_page(
                case,
                case.model.navn,
                about,
                in_nav=False,
                anchors=case_anchors(case),
                view=case_v.case_view(site, case),
            )
        )
    for lit in site.literature.values():
        study = lit.model
        about = f"Litteraturstudiet {study.titel} ({study.kort_reference})"
        pages.append(
            _entity_page(lit, study.titel, about, in_nav=False, view=sources_v.literature_view(site, lit))
        )
    pages.append(
        P.Page(
            P.PEJLEMAERKER,
            "recommendations.md.j2",
            "Faglige pejlemærker",
            {"view": sources_v.recommendations_view(site, Kind.pejlemaerker, "Faglige pejlemærker")},
            in_nav=False,
        )
    )
    pages.append(
        P.Page(
            P.ANBEFALINGER,
            "recommendations.md.j2",
            "Anbefalinger for botilbud",
            {"view": sources_v.recommendations_view(site, Kind.anbefalinger, "Anbefalinger for botilbud")},
            in_nav=False,
        )
    )
    sources = P.Front("Kilder", "Alle kilder, sitets indhold bygger på", searchable=False)
    pages.append(
        P.Page(P.SOURCES, "sources.md.j2", "Kilder", {"view": sources_v.sources_view(site)}, front=sources)
    )
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


def truncate(text: str, length: int) -> str:
    """As Jinja's `truncate` (whole words, "...", 5 characters' leeway): a page's description."""
    if len(text) <= length + 5:
        return text
    return text[: length - 3].rsplit(" ", 1)[0] + "..."


def build_nav(site: Site, pages: list[P.Page]) -> list[Any]:
    """A small sidebar: overviews and themes; case pages are reached from overviews."""
    by_path = {p.path: p for p in pages}

    def mapping_section(mapping: MappingNode) -> dict[str, list[Any]]:
        entries: list[Any] = [P.path_of(mapping)]
        # Nav titles are placed in the HTML unescaped by MkDocs/Material: escape content here.
        if themes_in_nav(mapping):
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
