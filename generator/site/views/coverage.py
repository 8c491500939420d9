"""Views of the pages about the site's content as a whole: the editors' coverage page (its figures
come from coverage.compute, which the `coverage` command prints too) and the open-data page."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from generator.content.linker import CaseNode, Site, ThemeNode
from generator.content.model import GRUNDLAG_LABELS, Grundlag
from generator.site import coverage as C
from generator.site import opendata
from generator.site import pages as P


def status_counts(counter: Counter[C.Status]) -> str:
    """ "3 fra kilde, 1 redaktionel, 0 mangler": every status, in the order of Status."""
    return ", ".join(f"{counter[s]} {C.STATUS_LABELS[s]}" for s in C.Status)


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


class MappingCoverageView(NamedTuple):
    name: str
    anchor: str  # the cases section's anchor is f"{anchor}-cases"
    theme_count: int
    perspective_count: int
    section_count: int
    section_counts: str
    placed: int
    reviewed: int
    perspectives: tuple[str, ...]  # column headings
    themes: tuple[ThemeRow, ...]
    link_count: int
    links: str  # "3 dybdegående praksisbeskrivelse, 2 supplerende eksempel"; "" without links
    with_mapping_material: int
    case_count: int
    cases: tuple[CaseRow, ...]


class CoverageView(NamedTuple):
    section_count: int
    section_counts: str
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
    labels = C.STATUS_LABELS
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


def _mapping(mc: C.MappingCoverage) -> MappingCoverageView:
    links = mc.links
    return MappingCoverageView(
        name=mc.mapping.model.kort_navn,
        anchor=mc.mapping.id,
        theme_count=len(mc.themes),
        perspective_count=len(mc.perspective_ids),
        section_count=mc.sections.total(),
        section_counts=status_counts(mc.sections),
        placed=mc.placed,
        reviewed=mc.reviewed,
        perspectives=tuple(p.model.navn for p in mc.mapping.perspectives),
        themes=tuple(_theme_row(tc) for tc in mc.themes),
        link_count=sum(links.values()),
        links=", ".join(f"{n} {label.lower()}" for label, n in _ci_sorted(links)),
        with_mapping_material=mc.with_mapping_material,
        case_count=len(mc.cases),
        cases=tuple(_case_row(cc) for cc in mc.cases),
    )


def coverage(site: Site) -> CoverageView:
    cov = C.compute(site)
    return CoverageView(cov.sections.total(), status_counts(cov.sections), tuple(map(_mapping, cov.mappings)))


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
    )
