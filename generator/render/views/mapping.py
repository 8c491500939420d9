"""Views of a mapping's pages: the mapping itself, and its themes × cases page (a table, or lists
when the mapping has more cases than a table can show: MATRIX_MAX_CASES), and its question cards."""

from __future__ import annotations

from typing import NamedTuple

from generator.content.linker import CaseNode, LiteratureNode, MappingNode, Site, ThemeNode
from generator.content.model import ROLLE_LABELS
from generator.render import pages as P
from generator.render import reach as R
from generator.render.views import common as V
from generator.render.views.perspective import FollowLink, follow_links, rest_names
from generator.render.views.theme import cards_view


class CaseLink(NamedTuple):
    name: str
    target: CaseNode


class KeyFigure(NamedTuple):
    tal: int
    betydning: str


class Detail(NamedTuple):
    """An optional line of the publication's details, shown only when the mapping gives it."""

    term: str
    value: str  # plain text


class MappingView(NamedTuple):
    name: str
    title: str
    subtitle: str
    publisher: str
    year: int
    themes: tuple[V.ThemeLink, ...]
    matrix: str  # page paths
    cards: str
    about: tuple[V.BlockRun, ...]
    perspective_count: int
    followable: tuple[FollowLink, ...]
    follow_words: str  # "et af dem" / "disse"
    rest: str  # the perspectives that cannot be followed, as "a, b og c"; "" if none
    rest_lead: str  # "De" when none can be followed, else "De andre"
    cases: tuple[CaseLink, ...]
    method: tuple[V.BlockRun, ...]
    key_figures: tuple[KeyFigure, ...]
    literature_title: str
    literature: LiteratureNode
    authors: str
    details: tuple[Detail, ...]  # between the publisher and the service, in this order
    service: str
    laws: str  # "§ 85, § 107"
    source_url: str


def mapping(site: Site, node: MappingNode) -> MappingView:
    k = node.model
    shown = R.followable(node)
    details = [
        Detail("Samarbejde", ", ".join(k.samarbejdspartnere)) if k.samarbejdspartnere else None,
        Detail("Finansieret af", k.finansieret_af) if k.finansieret_af else None,
        Detail("E-ISBN", k.e_isbn) if k.e_isbn else None,
        Detail("Sider", str(k.sider)) if k.sider else None,
    ]
    return MappingView(
        name=k.kort_navn,
        title=k.titel,
        subtitle=k.undertitel,
        publisher=k.udgiver,
        year=k.aar,
        themes=tuple(V.theme_link(t) for t in node.themes),
        matrix=P.matrix_path(node),
        cards=P.cards_path(node),
        about=V.runs(site, k.om),
        perspective_count=len(node.perspectives),
        followable=follow_links(shown),
        follow_words=V.word(len(shown), "et af dem", "disse"),
        rest=rest_names(node, shown),
        rest_lead="De andre" if shown else "De",
        cases=tuple(CaseLink(c.model.navn, c) for c in node.cases),
        method=V.runs(site, k.metode),
        key_figures=tuple(KeyFigure(n.tal, n.betydning) for n in k.noegletal),
        literature_title=node.literature.model.titel,
        literature=node.literature,
        authors=", ".join(k.forfattere),
        details=tuple(d for d in details if d),
        service=k.ydelse,
        laws=", ".join(k.lovgrundlag),
        source_url=node.source.url,
    )


class MatrixRow(NamedTuple):
    """A theme's row: per case of the mapping (in column order) its role mark, or None."""

    number: int
    title: str
    target: ThemeNode
    cells: tuple[V.RoleMark | None, ...]


class ExampleLink(NamedTuple):
    name: str
    target: CaseNode
    sep: str  # what follows it: ", ", " og " before the last, "" after it


class MatrixView(NamedTuple):
    name: str
    cases: tuple[CaseLink, ...]  # the columns
    rows: tuple[MatrixRow, ...]
    examples: tuple[ExampleLink, ...]  # cases with practice examples, which have no theme


def _separated(cases: list[CaseNode]) -> tuple[ExampleLink, ...]:
    seps = V.list_separators(len(cases))
    return tuple(ExampleLink(c.model.navn, c, sep) for c, sep in zip(cases, seps, strict=True))


def matrix(node: MappingNode) -> MatrixView:
    rows = []
    for theme in node.themes:
        roles = {case.id: ref.rolle for case, ref in theme.cases}
        cells = tuple(V.role_mark(roles[c.id]) if c.id in roles else None for c in node.cases)
        rows.append(MatrixRow(theme.model.nummer, theme.model.titel, theme, cells))
    return MatrixView(
        name=node.model.kort_navn,
        cases=tuple(CaseLink(c.model.navn, c) for c in node.cases),
        rows=tuple(rows),
        examples=_separated([c for c in node.cases if c.model.praksiseksempler]),
    )


class ListedCase(NamedTuple):
    name: str
    target: CaseNode
    role: str  # "Dybdegående praksisbeskrivelse"


class ListedTheme(NamedTuple):
    number: int
    title: str
    anchor: str
    cases: tuple[ListedCase, ...]  # as the theme lists them


class MatrixListView(NamedTuple):
    """The themes × cases page as lists: it grows with the links, not with themes × cases."""

    name: str
    case_count: int
    themes: tuple[ListedTheme, ...]
    unlinked: int  # cases with no theme
    cases_index: str


def matrix_list(node: MappingNode) -> MatrixListView:
    themes = tuple(
        ListedTheme(
            t.model.nummer,
            t.model.titel,
            t.id,
            tuple(ListedCase(c.model.navn, c, ROLLE_LABELS[ref.rolle]) for c, ref in t.cases),
        )
        for t in node.themes
    )
    return MatrixListView(
        name=node.model.kort_navn,
        case_count=len(node.cases),
        themes=themes,
        unlinked=sum(not c.themes for c in node.cases),
        cases_index=P.CASES_INDEX,
    )


# --- the pages a mapping yields (kinds.SPECS: its `pages`) ---------------------------------------

# The themes × cases table has a column per case, so it grows with themes × cases: with 100
# themes and 2,500 cases in a mapping it was a 10 MB page and 40 % of the build. Past this many
# cases (already more columns than a phone or a printed page can show) the page lists each
# theme's cases instead, which grows with the number of links.
MATRIX_MAX_CASES = 30


def matrix_template(node: MappingNode) -> str:
    return "matrix.md.j2" if len(node.cases) <= MATRIX_MAX_CASES else "matrix-list.md.j2"


def mapping_pages(site: Site, node: MappingNode) -> list[P.Page]:
    """A mapping's own page, its themes × cases page and its question cards."""
    k = node.model
    about = f"kortlægningen af {k.kort_navn.lower()}"
    template = matrix_template(node)
    table = matrix(node) if template == "matrix.md.j2" else matrix_list(node)
    matrix_front = P.Front(
        f"Temaer og cases – {k.kort_navn}", f"Hvilke cases belyser hvilke temaer i {about}"
    )
    cards_front = P.Front(
        f"Spørgsmålskort: {k.kort_navn}",
        f"Alle spørgsmål til refleksion fra {about} som kort til teammødet, klar til at printe og klippe ud.",
        searchable=False,
    )
    return [
        P.entity_page(node, k.kort_navn, f"{k.titel}: {k.undertitel}", view=mapping(site, node)),
        P.Page(P.matrix_path(node), template, "Temaer og cases", {"view": table}, front=matrix_front),
        P.Page(
            P.cards_path(node), "cards.md.j2", "Spørgsmålskort", {"view": cards_view(node)}, front=cards_front
        ),
    ]
