"""Views of a case's page and of the case finder (every case on one page, filtered in the browser)."""

from __future__ import annotations

from typing import NamedTuple

from generator.content.linker import CaseNode, Site
from generator.content.model import ROLLE_LABELS, Grundlag, Rolle
from generator.content.slugs import slugify
from generator.render import pages as P
from generator.render import reach as R
from generator.render.views import common as V


def kind_name(case: CaseNode) -> str:
    return "Kommune" if case.model.type == "kommune" else "Botilbud"


# --- the case page ---------------------------------------------------------------------------


class Fact(NamedTuple):
    """A line of the case's key facts; the value is plain text."""

    label: str
    value: str


class Example(NamedTuple):
    """A practice example under the mapping's own title; it rests on the mapping's sources."""

    title: str
    anchor: str
    runs: tuple[V.BlockRun, ...]


class CaseTheme(NamedTuple):
    """A theme the case sheds light on, with the case's role under it and the role's sources."""

    theme: V.ThemeLink
    role: str
    sources: tuple[V.SourceLink, ...]
    elsewhere: bool  # an in-depth case: its description is in the publication, not on the site


class Unknown(NamedTuple):
    """A line of what the public sources do not say. It keeps the anchor of the section it
    stands for ("" for none), so an old deep link to that section lands on it."""

    text: str
    anchor: str = ""


class CaseView(NamedTuple):
    name: str
    kind: str  # "Kommune" / "Botilbud"
    mapping_name: str  # lower case, as it stands in a sentence
    mapping_path: str
    publication: V.Publication  # the mapping's: where the rest is
    facts: tuple[Fact, ...]
    website: str  # "" for none
    about: tuple[V.BlockRun, ...]
    examples_words: str  # "dette eksempel" / "disse eksempler"
    examples: tuple[Example, ...]
    themes: tuple[CaseTheme, ...]  # by theme number
    unknown: tuple[Unknown, ...]  # empty: the page has everything, no box
    sources: tuple[V.Citation, ...]


def case_view(site: Site, case: CaseNode) -> CaseView:
    c = case.model
    facts = [Fact("Type", kind_name(case))]
    facts += [Fact(label, value) for label, value in (("Kommune", c.kommune), ("Region", c.region)) if value]
    if c.lovgrundlag:
        facts.append(Fact("Lovgrundlag", ", ".join(c.lovgrundlag)))
    n_examples = len(c.praksiseksempler)
    examples = tuple(
        Example(
            ex.titel,
            P.example_anchor(ex.titel),
            V.runs(site, [V.PlainBlock(ex.tekst, Grundlag.kortlaegning, ex.kilder)]),
        )
        for ex in c.praksiseksempler
    )
    themes = tuple(
        CaseTheme(
            V.theme_link(theme),
            ROLLE_LABELS[Rolle(ref.rolle)],
            V.source_links(site, ref.kilder, first=""),
            Rolle(ref.rolle) == Rolle.dybdegaaende,
        )
        for theme, ref in sorted(case.themes, key=lambda t: t[0].model.nummer)
    )
    return CaseView(
        name=c.navn,
        kind=kind_name(case),
        mapping_name=case.mapping.model.kort_navn.lower(),
        mapping_path=P.path_of(case.mapping),
        publication=V.publication(case.mapping),
        facts=tuple(facts),
        website=c.hjemmeside or "",
        about=V.runs(site, c.beskrivelse),
        examples_words=V.word(n_examples, "dette eksempel", "disse eksempler"),
        examples=examples,
        themes=themes,
        unknown=_unknown(case),
        sources=tuple(V.citation(k) for k in case.sources),
    )


# A case's own site says what the case does; no source says it is what the mapping describes there.
OWN_SITE_UNKNOWN = (
    "Om de tilbud og metoder, casen selv beskriver på sin hjemmeside, er dem, kortlægningen beskriver"
)


def _unknown(case: CaseNode) -> tuple[Unknown, ...]:
    """What the public sources do not say, once, after what the page has."""
    c = case.model
    lines: list[Unknown] = []
    facts = R.unknown_facts(case)
    if facts:
        lines.append(Unknown(V.and_list(facts).capitalize()))
    if not c.beskrivelse:
        lines.append(Unknown("Mere om casen end dens navn i kortlægningen", "om-casen"))
    examples = V.word(len(c.praksiseksempler), "eksemplet", "eksemplerne")
    if not case.themes:
        also = f" og {examples}" if c.praksiseksempler else ""
        lines.append(Unknown(f"Hvilke af kortlægningens temaer casen{also} belyser", "temaer"))
    elif c.praksiseksempler:
        # The sources do not say which theme an example is filed under (model.Praksiseksempel).
        lines.append(Unknown(f"Hvilket af kortlægningens temaer {examples} hører under"))
    if any(b.grundlag is Grundlag.casens_hjemmeside for b in c.beskrivelse):
        lines.append(Unknown(OWN_SITE_UNKNOWN))
    return tuple(lines)


# --- the case finder -------------------------------------------------------------------------


class Option(NamedTuple):
    """A choice in one of the finder's menus: the value in the address, the label shown."""

    value: str
    label: str
    suffix: str = ""  # after the label in the menu only: " (3 cases)"


class Select(NamedTuple):
    """A menu of the finder: `name` is the form field and the address parameter."""

    name: str
    label: str
    everything: str  # the first option, which filters nothing: "Alle typer"
    options: tuple[Option, ...]


class ThemeGroup(NamedTuple):
    """A mapping's themes in the theme menu, each with the number of cases it finds."""

    label: str
    options: tuple[Option, ...]
    mapping: str  # the mapping's id: finder.js tells a theme of another mapping than the cases'
    mapping_name: str  # lower case, in running text: "bostøtte"


class FinderRow(NamedTuple):
    """A case in the finder's list, with the values finder.js filters it on."""

    name: str
    path: str
    facts: str  # "Kommune · Region Hovedstaden · § 85 · 2 temaer", plain text
    type: str
    lov: str  # paragraph numbers, space-separated
    region: str  # slug
    tema: str  # theme ids, space-separated
    kortlaegning: str  # the mapping's id


class Untracked(NamedTuple):
    """A theme no public source names a case for: what the finder says when it is chosen."""

    id: str
    theme: V.ThemeLink
    publication: V.Publication


class WithoutThemes(NamedTuple):
    """The note about cases without a theme: "3 af de 40 cases" … "de" belyser."""

    lead: str
    pronoun: str


class MatrixLink(NamedTuple):
    title: str
    path: str


class FinderView(NamedTuple):
    selects: tuple[Select, ...]  # type, law, region (the theme menu has groups: `theme_groups`)
    theme_groups: tuple[ThemeGroup, ...]
    rows: tuple[FinderRow, ...]  # by name
    untracked: tuple[Untracked, ...]
    without_themes: WithoutThemes | None
    matrices: tuple[MatrixLink, ...]
    script: str  # finder.js, relative to the finder page


def finder_view(site: Site) -> FinderView:
    """The values the case finder filters on, in display order, and for each mapping its themes
    with the number of cases each finds."""
    cases = list(site.cases.values())
    regions = sorted({c.model.region for c in cases if c.model.region})
    laws = sorted({law for c in cases for law in c.model.lovgrundlag}, key=lambda law: int(_paragraph(law)))
    selects = (
        Select(
            "type",
            "Type",
            "Alle typer",
            (Option("kommune", "Kommune"), Option("botilbud", "Botilbud")),
        ),
        Select(
            "lov",
            "Lovgrundlag",
            "Alle paragraffer",
            tuple(Option(_paragraph(law), f"Servicelovens {law}") for law in laws),
        ),
        Select("region", "Region", "Alle regioner", tuple(Option(slugify(r), r) for r in regions)),
    )
    groups = tuple(
        ThemeGroup(
            m.model.kort_navn,
            tuple(
                Option(
                    t.id,
                    f"{t.model.nummer}. {t.model.titel}",
                    f" ({len(t.cases)} {V.word(len(t.cases), 'case', 'cases')})",
                )
                for t in m.themes
            ),
            m.id,
            m.model.kort_navn.lower(),
        )
        for m in site.mappings
    )
    rows = tuple(_row(c) for c in sorted(cases, key=lambda c: c.model.navn))
    untracked = tuple(
        Untracked(t.id, V.theme_link(t), V.publication(m))
        for m in site.mappings
        for t in m.themes
        if not t.cases
    )
    n = sum(not c.themes for c in cases)
    without = None
    if n:
        lead = "Én case" if n == 1 else f"{n} af de {len(rows)} cases"
        without = WithoutThemes(lead, V.word(n, "den", "de"))
    matrices = tuple(MatrixLink(m.model.kort_navn, P.matrix_path(m)) for m in site.mappings)
    script = P.file_href(P.CASES_INDEX, P.FINDER_SCRIPT)
    return FinderView(selects, groups, rows, untracked, without, matrices, script)


def _paragraph(law: str) -> str:
    """The paragraph's number of a legal basis, "§ 85" → "85": the finder's value for it."""
    return law.split()[-1]


def _row(case: CaseNode) -> FinderRow:
    c = case.model
    facts = [kind_name(case)]
    if c.region:
        facts.append(c.region)
    if c.lovgrundlag:
        facts.append(", ".join(c.lovgrundlag))
    if case.themes:
        facts.append(f"{len(case.themes)} {V.word(len(case.themes), 'tema', 'temaer')}")
    return FinderRow(
        name=c.navn,
        path=P.path_of(case),
        facts=" · ".join(facts),
        type=c.type,
        lov=" ".join(_paragraph(law) for law in c.lovgrundlag),
        region=slugify(c.region or ""),
        tema=" ".join(t.id for t, _ in case.themes),
        kortlaegning=case.mapping.id,
    )


# --- the pages cases yield (kinds.SPECS: their `pages` and `index`) ------------------------------


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


def case_pages(site: Site, node: CaseNode) -> list[P.Page]:
    """A case's page (reached from the finder and its themes, never from the sidebar)."""
    about = f"Case i kortlægningen af {node.mapping.model.kort_navn.lower()}: {node.model.navn}"
    view = case_view(site, node)
    return [P.entity_page(node, node.model.navn, about, in_nav=False, anchors=case_anchors(node), view=view)]


def finder_pages(site: Site) -> list[P.Page]:
    """The case finder: every case on one page."""
    front = P.Front(
        "Find en case", "Find kommuner og botilbud i kortlægningerne efter type, lovgrundlag, region og tema"
    )
    return [P.Page(P.CASES_INDEX, "cases.md.j2", "Find en case", {"view": finder_view(site)}, front=front)]
