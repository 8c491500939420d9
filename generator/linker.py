"""Link phase: resolve every id into a graph with links both ways.

A reference to something that does not exist is an error with the file and
line of the reference, never a dead link on the site.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .errors import ContentError, ContentErrors
from .loader import Content, Loaded
from .model import (
    Anbefaling,
    Blok,
    Case,
    CaseHenvisning,
    Grundlag,
    Kilde,
    Kortlaegning,
    Litteraturstudie,
    Pejlemaerke,
    Perspektiv,
    Perspektivafsnit,
    Tema,
)
from .yamlsource import Path_


class _ShortRepr:
    """Nodes link to each other both ways: the default dataclass repr would walk
    the whole graph (exponentially), e.g. when pytest shows a failed assertion."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"  # type: ignore[attr-defined]


@dataclass(eq=False, repr=False)
class MappingNode(_ShortRepr):
    model: Kortlaegning
    origin: Loaded
    source: Kilde
    literature: LiteratureNode
    perspectives: list[PerspectiveNode] = field(default_factory=list)
    themes: list[ThemeNode] = field(default_factory=list)
    cases: list[CaseNode] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(eq=False, repr=False)
class LiteratureNode(_ShortRepr):
    model: Litteraturstudie
    origin: Loaded
    source: Kilde
    mappings: list[MappingNode] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(eq=False, repr=False)
class PerspectiveNode(_ShortRepr):
    model: Perspektiv
    origin: Loaded
    mapping: MappingNode
    sections: list[tuple[ThemeNode, Perspektivafsnit]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(eq=False, repr=False)
class ThemeNode(_ShortRepr):
    model: Tema
    origin: Loaded
    mapping: MappingNode
    sections: list[tuple[PerspectiveNode, Perspektivafsnit]] = field(default_factory=list)
    cases: list[tuple[CaseNode, CaseHenvisning]] = field(default_factory=list)
    related: list[ThemeNode] = field(default_factory=list)
    pejlemaerker: list[RecommendationNode] = field(default_factory=list)
    anbefalinger: list[RecommendationNode] = field(default_factory=list)
    sources: list[Kilde] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(eq=False, repr=False)
class CaseNode(_ShortRepr):
    model: Case
    origin: Loaded
    mapping: MappingNode
    themes: list[tuple[ThemeNode, CaseHenvisning]] = field(default_factory=list)
    sources: list[Kilde] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(eq=False, repr=False)
class RecommendationNode(_ShortRepr):
    """A faglig pejlemærke or an anbefaling from the indsatskatalog."""

    model: Pejlemaerke | Anbefaling
    origin: Loaded
    kind: str  # "pejlemaerker" | "anbefalinger"
    source: Kilde
    themes: list[ThemeNode] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.id


@dataclass
class Site:
    """The whole linked content: what the render phase works from."""

    mappings: list[MappingNode]
    themes: dict[str, ThemeNode]
    cases: dict[str, CaseNode]
    perspectives: dict[str, PerspectiveNode]
    literature: dict[str, LiteratureNode]
    pejlemaerker: list[RecommendationNode]
    anbefalinger: list[RecommendationNode]
    sources: dict[str, Kilde]
    cited_by: dict[str, list[object]] = field(default_factory=dict)


class _Resolver:
    """Looks ids up and collects every error instead of stopping at the first."""

    def __init__(self, content: Content):
        self.content = content
        self.errors: list[ContentError] = []

    def find(self, kind: str, ref: str, origin: Loaded, loc: Path_, what: str) -> Loaded | None:
        table = self.content.of(kind)
        if ref in table:
            return table[ref]
        close = difflib.get_close_matches(ref, table, n=1, cutoff=0.6)
        hint = f"mente du '{close[0]}'?" if close else f"findes ikke i themes_data/{kind}/"
        self.fail(origin, loc, f"ukendt {what}-id '{ref}'", hint)
        return None

    def fail(self, origin: Loaded, loc: Path_, message: str, hint: str = "") -> None:
        self.errors.append(origin.error(loc, message, hint))

    def sources(self, ids: list[str], origin: Loaded, loc: Path_) -> list[Kilde]:
        found = []
        for i, ref in enumerate(ids):
            hit = self.find("kilder", ref, origin, (*loc, i), "kilde")
            if hit:
                found.append(hit.item)
        return found

    def block(self, block: Blok, origin: Loaded, loc: Path_) -> list[Kilde]:
        if block.grundlag is not Grundlag.redaktionel and not block.kilder:
            self.fail(
                origin,
                (*loc, "kilder"),
                f"en blok med grundlag '{block.grundlag.value}' skal have mindst én kilde",
                "tilføj kilder: [kilde-id], eller brug grundlag: redaktionel for egen tekst",
            )
        return self.sources(block.kilder, origin, (*loc, "kilder"))


def _require_mapping_source(r: _Resolver, model: Case, origin: Loaded, mapping: MappingNode) -> None:
    """A practice example is shown as the mapping's: only the mapping itself can be its source."""
    for i, example in enumerate(model.praksiseksempler):
        if mapping.source.id not in example.kilder:
            r.fail(
                origin,
                ("praksiseksempler", i, "kilder"),
                "et praksiseksempel vises som kortlægningens og skal have kortlægningen som kilde",
                f"tilføj '{mapping.source.id}' under kilder",
            )


def link(content: Content) -> Site:
    r = _Resolver(content)
    sources = {k: v.item for k, v in content.of("kilder").items()}

    literature: dict[str, LiteratureNode] = {}
    for lid, origin in content.of("litteraturstudier").items():
        model: Litteraturstudie = origin.item  # type: ignore[assignment]
        hit = r.find("kilder", model.kilde, origin, ("kilde",), "kilde")
        for i, block in enumerate(model.om):
            r.block(block, origin, ("om", i))
        if hit:
            literature[lid] = LiteratureNode(model, origin, hit.item)  # type: ignore[arg-type]

    mappings: dict[str, MappingNode] = {}
    for mid, origin in sorted(content.of("kortlaegninger").items()):
        model: Kortlaegning = origin.item  # type: ignore[no-redef]
        src = r.find("kilder", model.kilde, origin, ("kilde",), "kilde")
        lit = r.find("litteraturstudier", model.bygger_paa, origin, ("bygger_paa",), "litteraturstudie")
        for field_name in ("om", "metode"):
            for i, block in enumerate(getattr(model, field_name)):
                r.block(block, origin, (field_name, i))
        if src and lit and lit.item.id in literature:
            node = MappingNode(model, origin, src.item, literature[lit.item.id])  # type: ignore[arg-type]
            literature[lit.item.id].mappings.append(node)
            mappings[mid] = node

    def mapping_of(origin: Loaded, ref: str) -> MappingNode | None:
        hit = r.find("kortlaegninger", ref, origin, ("kortlaegning",), "kortlægnings")
        return mappings.get(hit.item.id) if hit else None

    perspectives: dict[str, PerspectiveNode] = {}
    for pid, origin in content.of("perspektiver").items():
        model: Perspektiv = origin.item  # type: ignore[no-redef]
        r.block(model.beskrivelse, origin, ("beskrivelse",))
        mapping = mapping_of(origin, model.kortlaegning)
        if mapping:
            perspectives[pid] = PerspectiveNode(model, origin, mapping)

    cases: dict[str, CaseNode] = {}
    for cid, origin in content.of("cases").items():
        model: Case = origin.item  # type: ignore[no-redef]
        found = r.sources(model.kilder, origin, ("kilder",))
        for i, block in enumerate(model.beskrivelse):
            found += r.block(block, origin, ("beskrivelse", i))
        for i, example in enumerate(model.praksiseksempler):
            found += r.sources(example.kilder, origin, ("praksiseksempler", i, "kilder"))
        mapping = mapping_of(origin, model.kortlaegning)
        if mapping:
            _require_mapping_source(r, model, origin, mapping)
            cases[cid] = CaseNode(model, origin, mapping, sources=_unique(found))

    for mapping in mappings.values():
        model, origin = mapping.model, mapping.origin
        for i, pid in enumerate(model.perspektiver):
            if r.find("perspektiver", pid, origin, ("perspektiver", i), "perspektiv") and pid in perspectives:
                persp = perspectives[pid]
                if persp.mapping is not mapping:
                    r.fail(
                        origin, ("perspektiver", i), f"perspektivet '{pid}' hører til '{persp.mapping.id}'"
                    )
                else:
                    mapping.perspectives.append(persp)
        for pid, persp in perspectives.items():
            if persp.mapping is mapping and pid not in model.perspektiver:
                r.fail(
                    persp.origin,
                    ("kortlaegning",),
                    f"perspektivet står ikke i kortlægningen '{mapping.id}'s liste over perspektiver",
                )
        for i, cid in enumerate(model.cases):
            if r.find("cases", cid, origin, ("cases", i), "case") and cid in cases:
                case = cases[cid]
                if case.mapping is not mapping:
                    r.fail(origin, ("cases", i), f"casen '{cid}' hører til kortlægningen '{case.mapping.id}'")
                else:
                    mapping.cases.append(case)
        listed = set(model.cases)  # a set: with thousands of cases a list lookup is quadratic
        for cid, case in cases.items():
            if case.mapping is mapping and cid not in listed:
                r.fail(
                    case.origin,
                    ("kortlaegning",),
                    f"casen står ikke i kortlægningen '{mapping.id}'s liste over cases",
                )

    recommendations: dict[str, dict[str, RecommendationNode]] = {}
    for kind in ("pejlemaerker", "anbefalinger"):
        table = recommendations[kind] = {}
        numbers: dict[int, str] = {}
        for rid, origin in sorted(content.of(kind).items(), key=lambda kv: kv[1].item.nummer):  # type: ignore[attr-defined]
            model = origin.item
            if model.nummer in numbers:  # type: ignore[attr-defined]
                r.fail(
                    origin, ("nummer",), f"nummeret {model.nummer} bruges også af '{numbers[model.nummer]}'"
                )  # type: ignore[attr-defined]
            numbers[model.nummer] = rid  # type: ignore[attr-defined]
            src = r.find("kilder", model.kilde, origin, ("kilde",), "kilde")  # type: ignore[attr-defined]
            for i, block in enumerate(model.beskrivelse):  # type: ignore[attr-defined]
                r.block(block, origin, ("beskrivelse", i))
            if src:
                table[rid] = RecommendationNode(model, origin, kind, src.item)  # type: ignore[arg-type]

    themes: dict[str, ThemeNode] = {}
    for tid, origin in content.of("temaer").items():
        model: Tema = origin.item  # type: ignore[no-redef]
        mapping = mapping_of(origin, model.kortlaegning)
        if not mapping:
            continue
        theme = themes[tid] = ThemeNode(model, origin, mapping)
        found = r.block(model.kort_fortalt, origin, ("kort_fortalt",))
        for i, block in enumerate(model.sammenfatning):
            found += r.block(block, origin, ("sammenfatning", i))
        found += r.sources(model.kilder, origin, ("kilder",))
        _link_sections(r, theme, perspectives, found)
        for i, ref in enumerate(model.cases):
            loc = ("cases", i)
            found += r.sources(ref.kilder, origin, (*loc, "kilder"))
            if r.find("cases", ref.case, origin, (*loc, "case"), "case") and ref.case in cases:
                case = cases[ref.case]
                if case.mapping is not mapping:
                    r.fail(
                        origin,
                        (*loc, "case"),
                        f"casen '{ref.case}' hører til en anden kortlægning ('{case.mapping.id}')",
                    )
                    continue
                theme.cases.append((case, ref))
                case.themes.append((theme, ref))
        for kind in ("pejlemaerker", "anbefalinger"):
            refs = getattr(model.relateret, kind)
            if refs and mapping.model.relationer_til != kind:
                r.fail(
                    origin,
                    ("relateret", kind),
                    f"kortlægningen '{mapping.id}' relaterer til {mapping.model.relationer_til}, ikke {kind}",
                )
                continue
            for i, ref in enumerate(refs):
                if (
                    r.find(kind, ref, origin, ("relateret", kind, i), _RECOMMENDATION_LABEL[kind])
                    and ref in recommendations[kind]
                ):
                    rec = recommendations[kind][ref]
                    getattr(theme, kind).append(rec)
                    rec.themes.append(theme)
        theme.sources = _unique(found)

    for theme in themes.values():
        for i, ref in enumerate(theme.model.relateret.temaer):
            loc = ("relateret", "temaer", i)
            if not r.find("temaer", ref, theme.origin, loc, "tema") or ref not in themes:
                continue
            other = themes[ref]
            if other.mapping is theme.mapping:
                r.fail(
                    theme.origin,
                    loc,
                    f"'{ref}' er i samme kortlægning; relaterede temaer skal være fra den anden kortlægning",
                )
                continue
            for a, b in ((theme, other), (other, theme)):
                if b not in a.related:
                    a.related.append(b)

    for mapping in mappings.values():
        mine = sorted((t for t in themes.values() if t.mapping is mapping), key=lambda t: t.model.nummer)
        seen: dict[int, ThemeNode] = {}
        for theme in mine:
            if theme.model.nummer in seen:
                r.fail(
                    theme.origin,
                    ("nummer",),
                    f"nummeret {theme.model.nummer} bruges også af temaet '{seen[theme.model.nummer].id}'",
                )
            seen[theme.model.nummer] = theme
        mapping.themes = mine
        for persp in mapping.perspectives:
            persp.sections = [(theme, afsnit) for theme in mine for p, afsnit in theme.sections if p is persp]

    if r.errors:
        raise ContentErrors(r.errors)

    site = Site(
        mappings=list(mappings.values()),
        themes=themes,
        cases=cases,
        perspectives=perspectives,
        literature=literature,
        pejlemaerker=list(recommendations["pejlemaerker"].values()),
        anbefalinger=list(recommendations["anbefalinger"].values()),
        sources=sources,
    )
    for theme in themes.values():
        theme.related.sort(key=lambda t: (t.mapping.id, t.model.nummer))
    return site


def _link_sections(
    r: _Resolver, theme: ThemeNode, perspectives: dict[str, PerspectiveNode], found: list[Kilde]
) -> None:
    """Each theme has exactly its mapping's perspectives, in the mapping's order."""
    origin, mapping = theme.origin, theme.mapping
    expected = mapping.model.perspektiver
    given = [afsnit.perspektiv for afsnit in theme.model.perspektiver]
    for i, afsnit in enumerate(theme.model.perspektiver):
        loc = ("perspektiver", i)
        if afsnit.perspektiv not in expected:
            close = difflib.get_close_matches(afsnit.perspektiv, expected, n=1, cutoff=0.6)
            hint = f"mente du '{close[0]}'?" if close else "perspektiverne er: " + ", ".join(expected)
            r.fail(
                origin,
                (*loc, "perspektiv"),
                f"'{afsnit.perspektiv}' er ikke et perspektiv i kortlægningen '{mapping.id}'",
                hint,
            )
            continue
        if afsnit.ikke_gengivet == bool(afsnit.blokke):
            r.fail(
                origin,
                loc,
                "et perspektiv skal enten have blokke eller ikke_gengivet: true",
                "skriv ikke en tom overskrift",
            )
        for j, block in enumerate(afsnit.blokke):
            found += r.block(block, origin, (*loc, "blokke", j))
        if afsnit.perspektiv in perspectives:
            theme.sections.append((perspectives[afsnit.perspektiv], afsnit))
    if [p for p in given if p in expected] != [p for p in expected if p in given] or len(set(given)) != len(
        given
    ):
        r.fail(
            origin,
            ("perspektiver",),
            "perspektiverne skal stå én gang hver og i kortlægningens rækkefølge",
            "rækkefølgen er: " + ", ".join(expected),
        )
    for missing in [p for p in expected if p not in given]:
        r.fail(
            origin,
            ("perspektiver",),
            f"perspektivet '{missing}' mangler",
            "tilføj det, evt. med ikke_gengivet: true",
        )


# What an unknown reference is called in the editor's message ("ukendt pejlemærke-id …").
_RECOMMENDATION_LABEL = {"pejlemaerker": "pejlemærke", "anbefalinger": "anbefaling"}


def _unique(items: list[Kilde]) -> list[Kilde]:
    seen: dict[str, Kilde] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())
