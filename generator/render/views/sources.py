"""Views of the pages that present what the site rests on: the sources page, a literature
study's page, and the recommendation pages (pejlemærker, anbefalinger)."""

from __future__ import annotations

from typing import NamedTuple

from generator.content.linker import LiteratureNode, Site
from generator.content.model import Kind
from generator.render import pages as P
from generator.render.views import common as V

# --- the sources page ------------------------------------------------------------------------


class SourceEntry(NamedTuple):
    """A source's section on the sources page: its anchor is the source's id."""

    id: str
    title: str
    citation: V.Citation
    note: str  # "" for none


class SourcesView(NamedTuple):
    entries: tuple[SourceEntry, ...]  # by title, ignoring case


def sources_view(site: Site) -> SourcesView:
    ordered = sorted(site.sources.values(), key=lambda k: k.titel.lower())  # as Jinja's `sort` did
    return SourcesView(tuple(SourceEntry(k.id, k.titel, V.citation(k), k.note or "") for k in ordered))


# --- a literature study's page ---------------------------------------------------------------


class MappingLink(NamedTuple):
    name: str  # lower case, as it stands in a sentence
    path: str


class LiteratureView(NamedTuple):
    title: str
    short_ref: str  # "Kjær m.fl. 2020"
    mappings: tuple[MappingLink, ...]  # the mappings it is the basis of
    about: tuple[V.BlockRun, ...]
    themes: tuple[str, ...]  # the study's own themes, numbered on the page
    source: V.Citation


def literature_view(site: Site, lit: LiteratureNode) -> LiteratureView:
    study = lit.model
    return LiteratureView(
        title=study.titel,
        short_ref=study.kort_reference,
        mappings=tuple(MappingLink(m.model.kort_navn.lower(), P.path_of(m)) for m in lit.mappings),
        about=V.runs(site, study.om),
        themes=tuple(study.temaer),
        source=V.citation(lit.source),
    )


# --- the recommendation pages ----------------------------------------------------------------


class Recommendation(NamedTuple):
    """A pejlemærke or anbefaling as a section; `themes` are our suggested links to themes."""

    id: str
    number: int
    title: str
    about: tuple[V.BlockRun, ...]
    themes: tuple[V.ThemeLink, ...]
    source: V.SourceLink  # its entry on the sources page


class Intro(NamedTuple):
    """Where the recommendations come from, and the section of "Om kortlægningerne" on them."""

    publication: V.Publication
    about_path: str
    about_anchor: str


class RecommendationsView(NamedTuple):
    title: str
    intro: Intro | None  # None: the page has no recommendations
    items: tuple[Recommendation, ...]


def recommendations_view(site: Site, kind: Kind, title: str) -> RecommendationsView:
    """The page of one kind (Kind.pejlemaerker or Kind.anbefalinger) under its page title."""
    items = site.pejlemaerker if kind == Kind.pejlemaerker else site.anbefalinger
    intro = None
    if items:
        src = items[0].source  # one publication holds every item of a kind
        anchor = "pejlemaerker" if kind == Kind.pejlemaerker else "indsatskatalog"
        intro = Intro(V.Publication(src.titel, src.url, V.by(src.udgiver, src.aar)), P.ABOUT_MAPPINGS, anchor)
    recs = tuple(
        Recommendation(
            rec.id,
            rec.model.nummer,
            rec.model.titel,
            V.runs(site, rec.model.beskrivelse),
            tuple(V.theme_link(t) for t in rec.themes),
            V.source_links(site, [rec.source.id], first="")[0],
        )
        for rec in items
    )
    return RecommendationsView(title, intro, recs)


# --- the pages sources, literature studies and recommendations yield (kinds.SPECS) ---------------


def sources_pages(site: Site) -> list[P.Page]:
    """The sources page: a section per source."""
    front = P.Front("Kilder", "Alle kilder, sitets indhold bygger på", searchable=False)
    return [P.Page(P.SOURCES, "sources.md.j2", "Kilder", {"view": sources_view(site)}, front=front)]


def literature_pages(site: Site, node: LiteratureNode) -> list[P.Page]:
    study = node.model
    about = f"Litteraturstudiet {study.titel} ({study.kort_reference})"
    return [P.entity_page(node, study.titel, about, in_nav=False, view=literature_view(site, node))]


def pejlemaerker_pages(site: Site) -> list[P.Page]:
    """The page of the faglige pejlemærker: a section each."""
    view = recommendations_view(site, Kind.pejlemaerker, "Faglige pejlemærker")
    return [P.Page(P.PEJLEMAERKER, "recommendations.md.j2", view.title, {"view": view}, in_nav=False)]


def anbefalinger_pages(site: Site) -> list[P.Page]:
    """The page of the indsatskatalog's anbefalinger: a section each."""
    view = recommendations_view(site, Kind.anbefalinger, "Anbefalinger for botilbud")
    return [P.Page(P.ANBEFALINGER, "recommendations.md.j2", view.title, {"view": view}, in_nav=False)]
