"""Views of the pages about the site's content as a whole: the editors' coverage page (its figures
come from coverage.compute, which the `coverage` command prints too) and the open-data page."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from generator.content.linker import CaseNode, MappingNode, Site, ThemeNode
from generator.content.model import GRUNDLAG_LABELS, Grundlag
from generator.render import basis as B
from generator.render import coverage as C
from generator.render import opendata
from generator.render import pages as P
from generator.render.views import common as V


def status_counts(counter: Counter[B.Status]) -> str:
    """ "3 fra kilde, 1 redaktionel, 0 mangler": every status, in the order of Status."""
    return ", ".join(f"{counter[s]} {B.STATUS_LABELS[s]}" for s in B.Status)


class ThemeRow(NamedTuple):
    number: int
    title: str
    target: ThemeNode
    kort_fortalt: str  # status labels
    sammenfatning: str  # "–" when the theme has no summary
    sections: tuple[str, ...]  # per perspective, in the mapping's order
    cases: int
    questions: int


class CaseRow(NamedTuple):
    name: str
    target: CaseNode
    blocks: str  # "Kortlægningen: 2, Casens hjemmeside: 1" by basis label, or "ingen"
    themes: int
    examples: int
    missing: str  # "; "-separated, or "–"


class ToReadRow(NamedTuple):
    """A theme with sections whose mapping text is not on the site: where the publication has them."""

    number: int
    title: str
    target: ThemeNode
    parts: str  # plain text: "Borgerne (afsnit 2.1, 1. del), Viden (afsnit 2.1, 2. del; …)"


class MappingCoverageView(NamedTuple):
    name: str
    anchor: str  # the cases section's anchor is f"{anchor}-cases", the reading guide's f"{anchor}-laes"
    theme_count: int
    perspective_count: int
    section_count: int
    section_counts: str
    sourced: str  # the mapping's own text and placed literature apart: coverage.sourced_words
    findings: str  # plain text: each placed finding and the sections that show it; "" for none
    reviewed: int
    perspectives: tuple[str, ...]  # column headings
    themes: tuple[ThemeRow, ...]
    publication: V.Publication
    chapter: str  # plain text: where the themes stand in the publication, as far as the sources say
    to_read: tuple[ToReadRow, ...]
    link_count: int
    links: str  # "3 dybdegående praksisbeskrivelse, 2 supplerende eksempel"; "" without links
    with_mapping_material: int
    case_count: int
    cases: tuple[CaseRow, ...]


class CoverageView(NamedTuple):
    section_count: int
    section_counts: str
    sourced: str
    mappings: tuple[MappingCoverageView, ...]


def _ci_sorted(counter: Counter[str]) -> list[tuple[str, int]]:
    """By key, ignoring case (as the page has always listed them)."""
    return sorted(counter.items(), key=lambda item: item[0].lower())


def _case_row(cc: C.CaseCoverage) -> CaseRow:
    blocks = ", ".join(f"{GRUNDLAG_LABELS[Grundlag(g)]}: {n}" for g, n in _ci_sorted(cc.blocks))
    return CaseRow(
        cc.case.model.navn,
        cc.case,
        blocks or "ingen",
        cc.themes,
        cc.examples,
        "; ".join(cc.missing) or "–",
    )


def _theme_row(tc: C.ThemeCoverage) -> ThemeRow:
    labels = B.STATUS_LABELS
    return ThemeRow(
        tc.theme.model.nummer,
        tc.theme.model.titel,
        tc.theme,
        labels[tc.kort_fortalt],
        labels[tc.sammenfatning] if tc.sammenfatning else "–",
        tuple(labels[s] for s in tc.sections.values()),
        tc.cases,
        tc.questions,
    )


def _findings(mc: C.MappingCoverage) -> str:
    names = {p.id: p.model.navn for p in mc.mapping.perspectives}
    return "; ".join(
        f"{fund}: " + V.and_list([f"tema {theme.model.nummer} ({names[pid]})" for theme, pid in where])
        for fund, where in mc.findings.items()
    )


def chapter_words(mapping: MappingNode) -> str:
    """Where the mapping's themes stand in the publication, said once for its reading guide."""
    chapter = mapping.model.temakapitel
    if chapter is None:
        return "De offentlige kilder viser ikke, hvor i udgivelsen temaerne står."
    n = chapter.nummer
    text = f"Temaerne står i kapitel {n} »{chapter.titel}«: tema 1 er afsnit {n}.1, tema 2 afsnit {n}.2 osv."
    if chapter.perspektiver_i_raekkefoelge:
        order = V.and_list([p.model.navn for p in mapping.perspectives])
        text += f" Hvert afsnit har perspektiverne i samme rækkefølge: {order}."
    else:
        text += " De offentlige kilder viser ikke, hvor i afsnittet hvert perspektiv står."
    return text + " Sidetal giver de offentlige kilder ikke."


def _to_read_part(row: C.ToRead) -> str:
    notes = [row.where] if row.where else []
    if row.status in B.PLACED:
        notes.append("på sitet nu kun et fund placeret af redaktionen")
    return row.perspective.model.navn + (f" ({'; '.join(notes)})" if notes else "")


def _to_read(mc: C.MappingCoverage) -> tuple[ToReadRow, ...]:
    return tuple(
        ToReadRow(theme.model.nummer, theme.model.titel, theme, ", ".join(map(_to_read_part, rows)))
        for theme, rows in C.to_read(mc)
    )


def _mapping(mc: C.MappingCoverage) -> MappingCoverageView:
    links = mc.links
    return MappingCoverageView(
        name=mc.mapping.model.kort_navn,
        anchor=mc.mapping.id,
        theme_count=len(mc.themes),
        perspective_count=len(mc.perspective_ids),
        section_count=mc.sections.total(),
        section_counts=status_counts(mc.sections),
        sourced=C.sourced_words(mc.sections, len(mc.findings)),
        findings=_findings(mc),
        reviewed=mc.reviewed,
        perspectives=tuple(p.model.navn for p in mc.mapping.perspectives),
        themes=tuple(_theme_row(tc) for tc in mc.themes),
        publication=V.publication(mc.mapping),
        chapter=chapter_words(mc.mapping),
        to_read=_to_read(mc),
        link_count=sum(links.values()),
        links=", ".join(f"{n} {label.lower()}" for label, n in _ci_sorted(links)),
        with_mapping_material=mc.with_mapping_material,
        case_count=len(mc.cases),
        cases=tuple(_case_row(cc) for cc in mc.cases),
    )


def coverage(site: Site) -> CoverageView:
    cov = C.compute(site)
    return CoverageView(
        cov.sections.total(),
        status_counts(cov.sections),
        C.sourced_words(cov.sections, cov.findings),
        tuple(map(_mapping, cov.mappings)),
    )


class ValueChangeView(NamedTuple):
    """A value version 1 stopped using, as the data page says it."""

    date: str
    field: str
    removed: str
    replaced_by: str  # "a, b eller c"
    why: str


class OpenDataView(NamedTuple):
    """The open-data page: what the files hold, their terms and what a version promises."""

    mappings: int
    themes: int
    cases: int
    sources: int
    content: str  # page paths of the files and of the page with the terms
    schema: str
    about_site: str
    terms: str
    version: str
    version_promise: str
    value_changes: tuple[ValueChangeView, ...]


def open_data(site: Site) -> OpenDataView:
    return OpenDataView(
        mappings=len(site.mappings),
        themes=len(site.themes),
        cases=len(site.cases),
        sources=len(site.sources),
        content=P.DATA_CONTENT,
        schema=P.DATA_SCHEMA,
        about_site=P.ABOUT_SITE,
        terms=opendata.TERMS,
        version=opendata.VERSION,
        version_promise=opendata.VERSION_PROMISE,
        value_changes=tuple(
            ValueChangeView(
                V.danish_date(c.date), c.field, c.removed, V.and_list(c.replaced_by, " eller "), c.why
            )
            for c in opendata.VERSION_CHANGES
        ),
    )
