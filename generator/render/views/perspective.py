"""Views of the perspective pages: one perspective across its mapping's themes, and the overview
of every perspective a reader can follow."""

from __future__ import annotations

from typing import NamedTuple

from generator.content.linker import MappingNode, PerspectiveNode, Site, ThemeNode
from generator.render import pages as P
from generator.render import reach as R
from generator.render.views import common as V


class FollowLink(NamedTuple):
    """A perspective a reader can follow, with how many of its mapping's themes it is written for."""

    name: str
    target: PerspectiveNode
    counts: str  # "5 af 10 temaer, med kortlægningens egen tekst": reach_words


PLACED_WORDS = "fra litteraturstudiet, som redaktionen har placeret"


def reach_words(r: R.Reach) -> str:
    """How many themes a perspective is written out for, and on what: the mapping's own text apart
    from literature the editors placed, whose findings are counted once however many themes show them."""
    parts = []
    if r.mapping:
        parts.append((r.mapping, "med kortlægningens egen tekst"))
    if r.placed:
        parts.append((r.placed, f"med {r.findings} fund {PLACED_WORDS}"))
    if r.other:
        parts.append((r.other, "med tekst fra andre kilder eller redaktionen"))
    head = f"{r.shown} af {r.total} temaer"
    if len(parts) == 1:
        return f"{head}, {parts[0][1]}"
    return f"{head}: " + V.and_list([f"{n} {words}" for n, words in parts])


def follow_links(perspectives: list[PerspectiveNode]) -> tuple[FollowLink, ...]:
    return tuple(FollowLink(p.model.navn, p, reach_words(R.reach(p))) for p in perspectives)


class ThemeRef(NamedTuple):
    """A theme not written out for this perspective: listed, with its id as the section's anchor."""

    number: int
    title: str
    target: ThemeNode
    anchor: str


class Section(NamedTuple):
    """A theme as this perspective sees it; the link back goes to the section on the theme page."""

    number: int
    title: str
    anchor: str
    blocks: tuple[V.BlockRun, ...]
    target: ThemeNode


def across_themes(name: str) -> str:
    """The title of a perspective followed across its mapping's themes. A name that already says
    "på tværs af …" ("Erfaringer på tværs af kommunerne") is not given the phrase a second time."""
    if "på tværs" in name.lower():
        return f"{name}, tema for tema"
    return f"{name} på tværs af temaerne"


class PerspectiveView(NamedTuple):
    name: str
    title: str  # across_themes(name)
    id: str  # the anchor of this perspective's section on each theme page
    mapping_name: str
    mapping: MappingNode
    description: tuple[V.BlockRun, ...]
    publication: V.Publication
    empty: tuple[ThemeRef, ...]  # themes whose section is not rendered yet
    none_shown: bool  # no theme at all: the page says so and points elsewhere
    others: tuple[FollowLink, ...]  # only when none is shown: the mapping's perspectives to follow
    others_words: str  # "dette perspektiv" / "disse perspektiver"
    sections: tuple[Section, ...]  # the rendered sections, in the mapping's theme order
    # A page without content (no theme shown): what its search result says it is (Pagefind meta
    # "tom", no commas: they separate Pagefind's meta values); "" on a page with content.
    search_note: str


def perspective(site: Site, node: PerspectiveNode) -> PerspectiveView:
    p = node.model
    empty = tuple(
        ThemeRef(t.model.nummer, t.model.titel, t, t.id) for t, a in node.sections if a.ikke_gengivet
    )
    none_shown = len(empty) == len(node.sections)
    others = follow_links([o for o in R.followable(node.mapping) if o is not node]) if none_shown else ()
    sections = tuple(
        Section(t.model.nummer, t.model.titel, t.id, V.runs(site, a.blokke), t)
        for t, a in node.sections
        if not a.ikke_gengivet
    )
    return PerspectiveView(
        name=p.navn,
        title=across_themes(p.navn),
        id=node.id,
        mapping_name=node.mapping.model.kort_navn,
        mapping=node.mapping,
        description=V.runs(site, [p.beskrivelse]),
        publication=V.publication(node.mapping),
        empty=empty,
        none_shown=none_shown,
        others=others,
        others_words=V.word(len(others), "dette perspektiv", "disse perspektiver"),
        sections=sections,
        search_note=EMPTY_NOTE if none_shown else "",
    )


# A perspective page that reproduces no theme: its search result ranks after every page with
# content (filter "indhold: tom", content/assets/search.js) and says this instead of an excerpt.
EMPTY_NOTE = "Ikke gengivet her endnu – siden henviser til kortlægningen og til temaerne"


class MappingPerspectives(NamedTuple):
    """A mapping's perspectives on the overview: those to follow, and the names of the rest."""

    name: str
    anchor: str
    followable: tuple[FollowLink, ...]
    rest: str  # the others' names as "a, b og c"; "" when every perspective can be followed
    rest_lead: str  # "Perspektiverne" when none can be followed, else "Disse perspektiver"
    publication: V.Publication


class PerspectivesView(NamedTuple):
    mappings: tuple[MappingPerspectives, ...]


def rest_names(mapping: MappingNode, shown: list[PerspectiveNode]) -> str:
    """The names of a mapping's perspectives that cannot be followed, as one Danish list."""
    return V.and_list([p.model.navn for p in mapping.perspectives if p not in shown])


def perspectives(site: Site) -> PerspectivesView:
    out = []
    for mapping in site.mappings:
        shown = R.followable(mapping)
        out.append(
            MappingPerspectives(
                name=mapping.model.kort_navn,
                anchor=mapping.id,
                followable=follow_links(shown),
                rest=rest_names(mapping, shown),
                rest_lead="Disse perspektiver" if shown else "Perspektiverne",
                publication=V.publication(mapping),
            )
        )
    return PerspectivesView(tuple(out))


# --- the pages perspectives yield (kinds.SPECS: their `pages` and `index`) -------------------------


def perspective_pages(site: Site, node: PerspectiveNode) -> list[P.Page]:
    """A perspective across its mapping's themes (reached from the overview, not the sidebar)."""
    about = f"{across_themes(node.model.navn)} i kortlægningen af {node.mapping.model.kort_navn.lower()}"
    return [P.entity_page(node, node.model.navn, about, in_nav=False, view=perspective(site, node))]


def overview_pages(site: Site) -> list[P.Page]:
    """The overview of every perspective: in the sidebar only while some has content to follow."""
    front = P.Front("Perspektiver", "De perspektiver, kortlægningerne ser hvert tema fra")
    view = {"view": perspectives(site)}
    in_nav = R.any_followable(site)
    return [
        P.Page(P.PERSPECTIVES_INDEX, "perspectives.md.j2", "Perspektiver", view, in_nav=in_nav, front=front)
    ]
