"""Views that every page shares: text blocks with their basis line, and source citations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

from generator.content.linker import MappingNode, Site, ThemeNode
from generator.content.model import GRUNDLAG_LABELS, ROLLE_LABELS, Grundlag, Kilde, Rolle
from generator.render import pages as P

MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip


def danish_date(value: dt.date) -> str:
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


class _Block(Protocol):
    @property
    def tekst(self) -> str: ...
    @property
    def grundlag(self) -> Grundlag: ...
    @property
    def kilder(self) -> Sequence[str]: ...


class SourceLink(NamedTuple):
    """A source named in running text, linked to its entry on the sources page."""

    title: str
    path: str
    anchor: str
    sep: str  # what stands before it: " · " before the first, ", " between


class Basis(NamedTuple):
    """The line after a block that tells the reader what it rests on."""

    label: str  # "Kortlægningen"
    css: str  # the basis as a modifier class: vive-grundlag--kortlaegning
    sources: tuple[SourceLink, ...]


class BlockRun(NamedTuple):
    """Consecutive blocks on the same basis and sources: the basis is told once, after them."""

    texts: tuple[str, ...]  # Markdown, made safe by the template's `md` filter
    basis: Basis


class PlainBlock(NamedTuple):
    """A block that is not a model's `Blok` (a practice example: the mapping, its sources)."""

    tekst: str
    grundlag: Grundlag
    kilder: Sequence[str]


def source_links(site: Site, ids: Iterable[str], first: str = " · ") -> tuple[SourceLink, ...]:
    links = []
    for i, kid in enumerate(ids):
        links.append(SourceLink(site.sources[kid].titel, P.SOURCES, kid, first if i == 0 else ", "))
    return tuple(links)


def basis(site: Site, block: _Block) -> Basis:
    grundlag = Grundlag(block.grundlag)
    return Basis(GRUNDLAG_LABELS[grundlag], grundlag.value, source_links(site, block.kilder))


def runs(site: Site, blocks: Iterable[_Block]) -> tuple[BlockRun, ...]:
    """Blocks in order, grouped into runs on the same basis and sources."""
    out: list[tuple[list[str], _Block]] = []
    for block in blocks:
        key = (Grundlag(block.grundlag), tuple(block.kilder))
        if out and (Grundlag(out[-1][1].grundlag), tuple(out[-1][1].kilder)) == key:
            out[-1][0].append(block.tekst)
        else:
            out.append(([block.tekst], block))
    return tuple(BlockRun(tuple(texts), basis(site, last)) for texts, last in out)


def editorial(what: str) -> Basis:
    """The basis line of text the editors wrote themselves: "– {what}"."""
    return Basis(f"{GRUNDLAG_LABELS[Grundlag.redaktionel]} – {what}", Grundlag.redaktionel.value, ())


class Citation(NamedTuple):
    """A source as one line of a bibliography: each part already decided, none optional."""

    lead: str  # "Kjær, Bech (2020): " or ""
    title: str
    rest: str  # ". Undertitel. VIVE, 2020" as it applies
    url: str


def citation(k: Kilde) -> Citation:
    lead = ""
    if k.forfattere:
        lead = ", ".join(k.forfattere) + (f" ({k.aar})" if k.aar else "") + ": "
    rest = (f". {k.undertitel}" if k.undertitel else "") + f". {k.udgiver}"
    if k.aar and not k.forfattere:
        rest += f", {k.aar}"
    return Citation(lead, k.titel, rest, k.url)


class RoleMark(NamedTuple):
    """A case's role under a theme as a table cell: a shape (not colour alone) and its words."""

    css: str
    symbol: str
    words: str


def role_mark(rolle: Rolle) -> RoleMark:
    return RoleMark(rolle.value, "●" if rolle == Rolle.dybdegaaende else "○", ROLLE_LABELS[rolle])


def word(n: int, one: str, many: str) -> str:
    """The word that fits a count: word(1, "casen", "casene") → "casen"."""
    return one if n == 1 else many


def list_separators(n: int, last: str = " og ") -> tuple[str, ...]:
    """What follows each of n items in running Danish: ", " between, `last` before the last,
    "" after it (a list of links gets them one by one; names as one string: and_list)."""
    return tuple(last if i == n - 2 else (", " if i < n - 1 else "") for i in range(n))


def and_list(items: Sequence[str], last: str = " og ") -> str:
    """Names in running Danish: and_list(["a", "b", "c"]) → "a, b og c";
    with last=" eller ": "a, b eller c"."""
    return "".join(item + sep for item, sep in zip(items, list_separators(len(items), last), strict=True))


class Publication(NamedTuple):
    """A publication named with a link to it: "[titel](url) (udgiver år)"."""

    title: str
    url: str
    by: str  # publisher and year, as a page prints them in brackets: "VIVE 2021"


def by(publisher: str, year: int | None) -> str:
    """A publisher and year as pages print them after a title: "VIVE 2021"."""
    return f"{publisher} {year}" if year else publisher


def publication(mapping: MappingNode) -> Publication:
    """The mapping's own publication, where a reader finds whatever the site does not reproduce."""
    k = mapping.model
    return Publication(mapping.source.titel, mapping.source.url, by(k.udgiver, k.aar))


class ThemeLink(NamedTuple):
    """A link to a theme under its number and title."""

    number: int
    title: str
    target: ThemeNode


def theme_link(theme: ThemeNode) -> ThemeLink:
    return ThemeLink(theme.model.nummer, theme.model.titel, theme)
