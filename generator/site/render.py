"""Render phase: the linked site → {source path: Markdown}, plus the navigation."""

from __future__ import annotations

import contextvars
import functools
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from generator.content.kinds import BY_NODE
from generator.content.linker import CaseNode, MappingNode, Site, ThemeNode
from generator.content.markdown_safety import escape_inline, front_matter_string, html_text, safe_markdown
from generator.content.model import Kind
from generator.site import coverage as C
from generator.site import pages as P
from generator.site.page_memo import PageMemo, comparable
from generator.site.qrcodes import qr_data_uri
from generator.site.views import case as case_v
from generator.site.views import coverage as coverage_v
from generator.site.views import mapping as mapping_v
from generator.site.views import perspective as perspective_v
from generator.site.views import sources as sources_v
from generator.site.views import theme as theme_v

TEMPLATES = P.TEMPLATES


@dataclass
class Rendered:
    """The output of the generator, independent of MkDocs."""

    files: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    not_in_nav: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)  # page path → YAML file
    data: dict[str, str] = field(default_factory=dict)  # files that are not pages: the open data
    # page path → the content texts rendered as Markdown on it (the `md` filter), so a link in
    # one is checked from the page it stands on (pipeline.internal_link_errors)
    texts: dict[str, list[str]] = field(default_factory=dict)
    # The ways into the site that always work (`ways_in`): the search shows them when a query finds
    # nothing, the 404 page always; the engine's templates read them as `config.extra.vive_veje_ind`.
    ways_in: list[dict[str, Any]] = field(default_factory=list)


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


class Markdown(Markup):
    """Text that is already Markdown (or HTML a template wrote): printed as it is.

    The templates write Markdown, so the render environment escapes every value a `{{ … }}`
    prints for Markdown (`escape_markdown`), the way Jinja escapes for HTML: only what is
    marked as this type, or as markupsafe's Markup (a macro's output, Jinja's `e` filter for
    raw HTML), passes unchanged. Content fields become Markdown through the `md` filter.
    """

    __slots__ = ()


def escape_markdown(value: object) -> Markup:
    """Jinja's `finalize`: a value, unless already Markdown, as the exact characters it holds."""
    if isinstance(value, Markup):
        return value
    return Markdown(escape_inline(str(value)))


def url_breaks(url: str) -> Markdown:
    """A printed address that wraps only after "/" or "-", never inside a word (<wbr> marks
    where it may; print.css forbids any other break). Escaped first: the URL comes from SITE_URL."""
    text = escape_inline(url)
    return Markdown(text.replace("/", "/<wbr>").replace("-", "-<wbr>"))


def printed_url(url: str) -> Markdown:
    """An address as a card prints it: without its scheme, wrapping only after "/" or "-"."""
    return url_breaks(url.split("://", 1)[1])


def qr_image(url: str) -> Markup:
    """A QR code of `url` as an image's data URI: made here, so it is printed as it is."""
    return Markup(qr_data_uri(url))


# The compiled form of a template depends on how the environment escapes (autoescape and
# finalize are compiled in); the cache's file names say which, so a cache written by a
# generator that escaped otherwise is never read.
ESCAPING = "md-finalize-1"


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates on disk (a private folder in the temp dir), so a new process
    does not compile them again; Jinja checks each template's source checksum."""
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"__vive_{ESCAPING}_%s.cache")
    except (OSError, RuntimeError):  # no usable temp dir: compile every time
        return None


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        # Every printed value is escaped, for Markdown (escape_markdown) rather than for HTML:
        # autoescape makes Jinja keep what is already marked (Markup: macros, `e`, `md`).
        autoescape=True,
        finalize=escape_markdown,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = _markdown_field
    env.filters["qr"] = qr_image
    env.filters["printed_url"] = printed_url
    return env


# The Markdown texts of the page being rendered. Not a context filter: compiled templates in the
# bytecode cache on disk would keep calling the filter the way it was called when compiled.
_page_texts: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("page_texts", default=None)


def _markdown_field(text: str) -> Markdown:
    """A Markdown content field, made safe; noted as rendered on the page being rendered."""
    noted = _page_texts.get()
    if noted is not None:
        noted.append(text)
    return Markdown(safe_markdown(text))


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """One environment per process: `mkdocs serve` renders on every save, and compiling
    the templates was most of the render time. Edited templates are still reloaded
    (Jinja's auto_reload compares their modification time)."""
    return make_environment()


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
    followable = C.any_followable(site)
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
    """Jinja's `truncate` (whole words, "...", 5 characters' leeway): a page's description."""
    return str(jinja2.filters.do_truncate(environment(), text, length))


def front_matter(page: P.Page) -> str:
    """The page's front matter, each string HTML-escaped as YAML (MkDocs does not escape it)."""
    front = page.front or P.Front(page.title, page.title)
    lines = [
        "---",
        f"title: {front_matter_string(front.title)}",
        f"description: {front_matter_string(front.description)}",
    ]
    if not front.toc:
        lines += ["hide:", "  - toc"]
    if not front.searchable:
        lines += ["search:", "  exclude: true"]
    return "\n".join([*lines, "---", "", ""])


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


def render(
    site: Site, site_url: str = "", pages: list[P.Page] | None = None, memo: PageMemo | None = None
) -> Rendered:
    """Render every page (of `pages`, the checked plan, if given).

    `site_url` (the published base URL) makes absolute links and QR codes. `memo` (the live
    preview) keeps each page's Markdown while its template is given the same (page_memo.py).
    """
    env = environment()
    pages = plan(site) if pages is None else pages
    out = Rendered(nav=build_nav(site, pages), ways_in=ways_in(site))
    if memo:
        memo.start()

    def absolute(target: Any) -> str:
        """The public address of another page ("" without one): printed on question cards."""
        return P.absolute_url(site_url, P.path_of(target))

    for page in pages:
        template = env.get_template(page.template)

        def href(target: Any, anchor: str = "", _from: str = page.path) -> Markdown:
            """A link between pages: made of paths and anchors from the plan, printed as it is."""
            return Markdown(P.relative(_from, P.path_of(target), anchor or P.anchor_of(target)))

        url = P.absolute_url(site_url, page.path)
        key = (page.template, front_matter(page), site_url, comparable(page.context)) if memo else None
        if memo and (kept := memo.get(page.path, key)):
            out.files[page.path], out.texts[page.path] = kept
        else:
            token = _page_texts.set(out.texts.setdefault(page.path, []))
            try:
                text = front_matter(page) + template.render(
                    href=href, page_url=url, absolute=absolute, **page.context
                )
            finally:
                _page_texts.reset(token)
            out.files[page.path] = text.rstrip() + "\n"
            if memo:
                memo.keep(page.path, key, out.files[page.path], out.texts[page.path])
        if not page.in_nav:
            out.not_in_nav.add(page.path)
        if page.source_file:
            out.sources[page.path] = page.source_file
    return out
