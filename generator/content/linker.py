"""Link phase: resolve every id into a graph with links both ways.

A reference to something that does not exist is an error with the file and
line of the reference, never a dead link on the site.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from generator.content.kinds import SPEC
from generator.content.loaded import Content, Loaded
from generator.content.model import (
    Anbefaling,
    Blok,
    Case,
    Entity,
    Grundlag,
    Kilde,
    Kind,
    Kortlaegning,
    Litteraturstudie,
    Pejlemaerke,
    Perspektiv,
    Strict,
    Tema,
)
from generator.content.nodes import (  # re-exported: the nodes are the linker's product
    AnbefalingNode,
    CaseNode,
    LiteratureNode,
    MappingNode,
    PejlemaerkeNode,
    PerspectiveNode,
    RecommendationNode,
    ThemeNode,
)
from generator.content.yamlsource import Path_
from generator.errors import Code, ContentError, ContentErrors

__all__ = [
    "AnbefalingNode",
    "CaseNode",
    "LiteratureNode",
    "MappingNode",
    "PejlemaerkeNode",
    "PerspectiveNode",
    "RecommendationNode",
    "Site",
    "ThemeNode",
    "link",
]


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


RECOMMENDATION_KINDS = (Kind.pejlemaerker, Kind.anbefalinger)
T = TypeVar("T", bound=Strict)


class _Resolver:
    """Looks ids up and collects every error instead of stopping at the first."""

    def __init__(self, content: Content):
        self.content = content
        self.errors: list[ContentError] = []

    def items(self, kind: Kind, model: type[T]) -> Iterator[tuple[str, Loaded, T]]:
        """(id, origin, validated model) of every file of one kind."""
        for item_id, origin in self.content.of(kind).items():
            assert isinstance(origin.item, model)
            yield item_id, origin, origin.item

    def find(self, kind: Kind, ref: str, origin: Loaded, loc: Path_) -> Loaded | None:
        table = self.content.of(kind)
        if ref in table:
            return table[ref]
        close = difflib.get_close_matches(ref, table, n=1, cutoff=0.6)
        hint = f"mente du '{close[0]}'?" if close else f"findes ikke i themes_data/{kind}/"
        meant = close[0] if close else ""
        label = SPEC[kind].ref_label
        self.fail(origin, loc, f"ukendt {label}-id '{ref}'", hint, Code.UNKNOWN_REF, ref, meant)
        return None

    def fail(
        self,
        origin: Loaded,
        loc: Path_,
        message: str,
        hint: str = "",
        code: Code = Code.OTHER,
        ref: str = "",
        meant: str = "",
    ) -> None:
        self.errors.append(origin.error(loc, message, hint).coded(code, ref=ref, meant=meant))

    def sources(self, ids: list[str], origin: Loaded, loc: Path_) -> list[Kilde]:
        found = []
        for i, ref in enumerate(ids):
            hit = self.find(Kind.kilder, ref, origin, (*loc, i))
            if hit:
                assert isinstance(hit.item, Kilde)
                found.append(hit.item)
        return found

    def source(self, ref: str, origin: Loaded, loc: Path_) -> Kilde | None:
        hit = self.find(Kind.kilder, ref, origin, loc)
        if hit is None:
            return None
        assert isinstance(hit.item, Kilde)
        return hit.item

    def block(self, block: Blok, origin: Loaded, loc: Path_) -> list[Kilde]:
        if block.grundlag is not Grundlag.redaktionel and not block.kilder:
            self.fail(
                origin,
                (*loc, "kilder"),
                f"en blok med grundlag '{block.grundlag.value}' skal have mindst én kilde",
                "tilføj kilder: [kilde-id], eller brug grundlag: redaktionel for egen tekst",
                Code.NEEDS_SOURCE,
            )
        placed = block.grundlag is Grundlag.litteraturstudie_placeret
        if placed and block.fund is None:
            self.fail(
                origin,
                (*loc, "grundlag"),
                "en blok med grundlag 'litteraturstudie-placeret' skal sige, hvilket fund den viser",
                "tilføj fund: <id>, fx fund: trivsel-og-fysisk-sundhed; samme fund under to temaer får "
                "samme id og tæller én gang i dækningen",
                Code.LABEL,
            )
        elif not placed and block.fund is not None:
            self.fail(
                origin,
                (*loc, "fund"),
                "fund bruges kun med grundlag: litteraturstudie-placeret",
                "slet linjen med fund, eller ret grundlaget",
                Code.LABEL,
            )
        return self.sources(block.kilder, origin, (*loc, "kilder"))

    def blocks(self, blocks: list[Blok], origin: Loaded, field_name: str) -> list[Kilde]:
        return [k for i, b in enumerate(blocks) for k in self.block(b, origin, (field_name, i))]


def link(content: Content) -> Site:
    """Every reference resolved, one step per kind of reference; ContentErrors with all problems."""
    r = _Resolver(content)
    literature = _link_literature(r)
    mappings = _link_mappings(r, literature)
    perspectives = _link_perspectives(r, mappings)
    cases = _link_cases(r, mappings)
    for mapping in mappings.values():
        _link_mapping_members(r, mapping, Kind.perspektiver, perspectives, mapping.perspectives)
        _link_mapping_members(r, mapping, Kind.cases, cases, mapping.cases)
    recommendations = {kind: _link_recommendations(r, kind) for kind in RECOMMENDATION_KINDS}
    themes = _link_themes(r, mappings, perspectives, cases, recommendations)
    _link_related_themes(r, themes)
    for mapping in mappings.values():
        _order_themes(r, mapping, themes)
    if r.errors:
        raise ContentErrors(r.errors)
    for theme in themes.values():
        theme.related.sort(key=lambda t: (t.mapping.id, t.model.nummer))
    return Site(
        mappings=list(mappings.values()),
        themes=themes,
        cases=cases,
        perspectives=perspectives,
        literature=literature,
        pejlemaerker=list(recommendations[Kind.pejlemaerker].values()),
        anbefalinger=list(recommendations[Kind.anbefalinger].values()),
        sources={k: item for k, _, item in r.items(Kind.kilder, Kilde)},
    )


def _link_literature(r: _Resolver) -> dict[str, LiteratureNode]:
    """Literature study → its source."""
    literature = {}
    for lid, origin, model in r.items(Kind.litteraturstudier, Litteraturstudie):
        source = r.source(model.kilde, origin, ("kilde",))
        r.blocks(model.om, origin, "om")
        if source:
            literature[lid] = LiteratureNode(model, origin, source)
    return literature


def _link_mappings(r: _Resolver, literature: dict[str, LiteratureNode]) -> dict[str, MappingNode]:
    """Mapping → its source and the literature study it builds on."""
    mappings = {}
    for mid, origin, model in sorted(r.items(Kind.kortlaegninger, Kortlaegning)):
        source = r.source(model.kilde, origin, ("kilde",))
        lit = r.find(Kind.litteraturstudier, model.bygger_paa, origin, ("bygger_paa",))
        r.blocks(model.om, origin, "om")
        r.blocks(model.metode, origin, "metode")
        if source and lit and lit.item.id in literature:
            node = MappingNode(model, origin, source, literature[lit.item.id])
            literature[lit.item.id].mappings.append(node)
            mappings[mid] = node
    return mappings


def _mapping_of(
    r: _Resolver, mappings: dict[str, MappingNode], origin: Loaded, ref: str
) -> MappingNode | None:
    hit = r.find(Kind.kortlaegninger, ref, origin, ("kortlaegning",))
    return mappings.get(hit.item.id) if hit else None


def _link_perspectives(r: _Resolver, mappings: dict[str, MappingNode]) -> dict[str, PerspectiveNode]:
    """Perspective → its mapping."""
    perspectives = {}
    for pid, origin, model in r.items(Kind.perspektiver, Perspektiv):
        r.block(model.beskrivelse, origin, ("beskrivelse",))
        mapping = _mapping_of(r, mappings, origin, model.kortlaegning)
        if mapping:
            perspectives[pid] = PerspectiveNode(model, origin, mapping)
    return perspectives


def _link_cases(r: _Resolver, mappings: dict[str, MappingNode]) -> dict[str, CaseNode]:
    """Case → its mapping and sources (a practice example must cite the mapping itself)."""
    cases = {}
    for cid, origin, model in r.items(Kind.cases, Case):
        found = r.sources(model.kilder, origin, ("kilder",)) + r.blocks(
            model.beskrivelse, origin, "beskrivelse"
        )
        for i, example in enumerate(model.praksiseksempler):
            found += r.sources(example.kilder, origin, ("praksiseksempler", i, "kilder"))
        mapping = _mapping_of(r, mappings, origin, model.kortlaegning)
        if mapping:
            _require_mapping_source(r, model, origin, mapping)
            cases[cid] = CaseNode(model, origin, mapping, sources=_unique(found))
    return cases


def _require_mapping_source(r: _Resolver, model: Case, origin: Loaded, mapping: MappingNode) -> None:
    """A practice example is shown as the mapping's: only the mapping itself can be its source."""
    for i, example in enumerate(model.praksiseksempler):
        if mapping.source.id not in example.kilder:
            r.fail(
                origin,
                ("praksiseksempler", i, "kilder"),
                "et praksiseksempel vises som kortlægningens og skal have kortlægningen som kilde",
                f"tilføj '{mapping.source.id}' under kilder",
                Code.NEEDS_SOURCE,
            )


_Member = TypeVar("_Member", PerspectiveNode, CaseNode)


def _link_mapping_members(
    r: _Resolver, mapping: MappingNode, kind: Kind, nodes: dict[str, _Member], into: list[_Member]
) -> None:
    """Mapping → its perspectives or cases (`kind`), in its order, appended to `into`; each
    one is in its own mapping's list. The YAML field is named like the kind."""
    noun = SPEC[kind].noun
    listed: list[str] = getattr(mapping.model, kind.value)
    for i, mid in enumerate(listed):
        if r.find(kind, mid, mapping.origin, (kind.value, i)) and mid in nodes:
            node = nodes[mid]
            if node.mapping is not mapping:
                message = f"{noun} '{mid}' hører til kortlægningen '{node.mapping.id}'"
                r.fail(mapping.origin, (kind.value, i), message, code=Code.WRONG_MAPPING, ref=mid)
            else:
                into.append(node)
    in_list = set(listed)  # a set: with thousands of cases a list lookup is quadratic
    for mid, node in nodes.items():
        if node.mapping is mapping and mid not in in_list:
            message = f"{noun} står ikke i kortlægningen '{mapping.id}'s liste over {kind.value}"
            r.fail(node.origin, ("kortlaegning",), message, code=Code.NOT_LISTED)


def _numbered(r: _Resolver, kind: Kind) -> list[tuple[str, Loaded, Pejlemaerke | Anbefaling]]:
    found = []
    for rid, origin, model in r.items(kind, Entity):
        assert isinstance(model, Pejlemaerke | Anbefaling)
        found.append((rid, origin, model))
    return found


def _link_recommendations(r: _Resolver, kind: Kind) -> dict[str, RecommendationNode]:
    """Pejlemærke or anbefaling → its source; numbers are unique within the kind."""
    spec = SPEC[kind]
    table = {}
    numbers: dict[int, str] = {}
    for rid, origin, model in sorted(_numbered(r, kind), key=lambda item: item[2].nummer):
        if model.nummer in numbers:
            message = f"nummeret {model.nummer} bruges også af '{numbers[model.nummer]}'"
            r.fail(origin, ("nummer",), message, code=Code.DUPLICATE_NUMBER)
        numbers[model.nummer] = rid
        source = r.source(model.kilde, origin, ("kilde",))
        r.blocks(model.beskrivelse, origin, "beskrivelse")
        if source:
            table[rid] = spec.node(model, origin, kind, source)
    return table


def _link_themes(
    r: _Resolver,
    mappings: dict[str, MappingNode],
    perspectives: dict[str, PerspectiveNode],
    cases: dict[str, CaseNode],
    recommendations: dict[Kind, dict[str, RecommendationNode]],
) -> dict[str, ThemeNode]:
    """Theme → its mapping, sources, perspective sections, cases and recommendations."""
    themes = {}
    for tid, origin, model in r.items(Kind.temaer, Tema):
        mapping = _mapping_of(r, mappings, origin, model.kortlaegning)
        if not mapping:
            continue
        theme = themes[tid] = ThemeNode(model, origin, mapping)
        found = r.block(model.kort_fortalt, origin, ("kort_fortalt",))
        found += r.blocks(model.sammenfatning, origin, "sammenfatning")
        found += r.blocks(model.baggrund, origin, "baggrund")
        found += r.sources(model.kilder, origin, ("kilder",))
        _link_sections(r, theme, perspectives, found)
        _check_placed_labels(r, theme)
        found += _link_theme_cases(r, theme, cases)
        for kind in RECOMMENDATION_KINDS:
            _link_theme_recommendations(r, theme, kind, recommendations[kind])
        theme.sources = _unique(found)
    return themes


# Labels that say the editors placed the text under the theme, and the one field where each belongs.
_PLACED_LABELS = {
    Grundlag.officiel_baggrund: "baggrund",
    Grundlag.litteraturstudie_placeret: "perspektiver",
}


def _check_placed_labels(r: _Resolver, theme: ThemeNode) -> None:
    """Background and literature placed by the editors stand apart from the mapping's own text:
    background only in `baggrund` (and nothing else there), a placed finding only in a perspective
    section, and neither may cite the mapping, which does not say it."""
    t = theme.model
    where: list[tuple[str, Path_, Blok]] = [("kort_fortalt", ("kort_fortalt",), t.kort_fortalt)]
    where += [("sammenfatning", ("sammenfatning", i), b) for i, b in enumerate(t.sammenfatning)]
    where += [("baggrund", ("baggrund", i), b) for i, b in enumerate(t.baggrund)]
    where += [
        ("perspektiver", ("perspektiver", i, "blokke", j), b)
        for i, afsnit in enumerate(t.perspektiver)
        for j, b in enumerate(afsnit.blokke)
    ]
    for field_name, loc, block in where:
        belongs = _PLACED_LABELS.get(block.grundlag)
        if field_name == "baggrund" and block.grundlag is not Grundlag.officiel_baggrund:
            message = "en blok under baggrund skal have grundlag: officiel-baggrund"
            hint = (
                "baggrund er viden, der ikke står i kortlægningen; "
                "kortlægningens egen tekst hører til perspektiverne"
            )
        elif belongs and belongs != field_name:
            message = f"grundlag '{block.grundlag.value}' hører ikke til under {field_name}"
            hint = f"flyt blokken til {belongs}"
        elif belongs and theme.mapping.source.id in block.kilder:
            message = f"en blok med grundlag '{block.grundlag.value}' må ikke have kortlægningen som kilde"
            hint = "kortlægningen siger det ikke; brug grundlag: kortlaegning for kortlægningens egen tekst"
        else:
            continue
        r.fail(theme.origin, (*loc, "grundlag"), message, hint, Code.LABEL)


def _link_theme_cases(r: _Resolver, theme: ThemeNode, cases: dict[str, CaseNode]) -> list[Kilde]:
    """Theme ↔ case, both ways; a case of another mapping is an error. Returns the links' sources."""
    found = []
    for i, ref in enumerate(theme.model.cases):
        loc = ("cases", i)
        found += r.sources(ref.kilder, theme.origin, (*loc, "kilder"))
        if not (r.find(Kind.cases, ref.case, theme.origin, (*loc, "case")) and ref.case in cases):
            continue
        case = cases[ref.case]
        if case.mapping is not theme.mapping:
            message = f"casen '{ref.case}' hører til en anden kortlægning ('{case.mapping.id}')"
            r.fail(theme.origin, (*loc, "case"), message, code=Code.WRONG_MAPPING, ref=ref.case)
            continue
        theme.cases.append((case, ref))
        case.themes.append((theme, ref))
    return found


def _link_theme_recommendations(
    r: _Resolver, theme: ThemeNode, kind: Kind, table: dict[str, RecommendationNode]
) -> None:
    """Theme ↔ pejlemærker or anbefalinger, both ways, of the kind its mapping relates to."""
    refs = getattr(theme.model.relateret, kind)
    mapping = theme.mapping
    if refs and mapping.model.relationer_til != kind:
        message = f"kortlægningen '{mapping.id}' relaterer til {mapping.model.relationer_til}, ikke {kind}"
        r.fail(theme.origin, ("relateret", kind), message, code=Code.RELATION)
        return
    for i, ref in enumerate(refs):
        if r.find(kind, ref, theme.origin, ("relateret", kind, i)) and ref in table:
            rec = table[ref]
            getattr(theme, kind).append(rec)
            rec.themes.append(theme)


def _link_related_themes(r: _Resolver, themes: dict[str, ThemeNode]) -> None:
    """Theme ↔ theme of the other mapping, both ways."""
    for theme in themes.values():
        for i, ref in enumerate(theme.model.relateret.temaer):
            loc = ("relateret", "temaer", i)
            if not r.find(Kind.temaer, ref, theme.origin, loc) or ref not in themes:
                continue
            other = themes[ref]
            if other.mapping is theme.mapping:
                message = (
                    f"'{ref}' er i samme kortlægning; relaterede temaer skal være fra den anden kortlægning"
                )
                r.fail(theme.origin, loc, message, code=Code.RELATION, ref=ref)
                continue
            for a, b in ((theme, other), (other, theme)):
                if b not in a.related:
                    a.related.append(b)


def _order_themes(r: _Resolver, mapping: MappingNode, themes: dict[str, ThemeNode]) -> None:
    """A mapping's themes by number (unique), and each perspective's sections in that order."""
    mine = sorted((t for t in themes.values() if t.mapping is mapping), key=lambda t: t.model.nummer)
    seen: dict[int, ThemeNode] = {}
    for theme in mine:
        if theme.model.nummer in seen:
            message = f"nummeret {theme.model.nummer} bruges også af temaet '{seen[theme.model.nummer].id}'"
            r.fail(theme.origin, ("nummer",), message, code=Code.DUPLICATE_NUMBER)
        seen[theme.model.nummer] = theme
    mapping.themes = mine
    for persp in mapping.perspectives:
        persp.sections = [(theme, afsnit) for theme in mine for p, afsnit in theme.sections if p is persp]


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
                Code.SECTIONS,
                meant=close[0] if close else "",
            )
            continue
        if afsnit.ikke_gengivet == bool(afsnit.blokke):
            r.fail(
                origin,
                loc,
                "et perspektiv skal enten have blokke eller ikke_gengivet: true",
                "skriv ikke en tom overskrift",
                Code.SECTIONS,
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
            Code.SECTIONS,
        )
    for missing in [p for p in expected if p not in given]:
        r.fail(
            origin,
            ("perspektiver",),
            f"perspektivet '{missing}' mangler",
            "tilføj det, evt. med ikke_gengivet: true",
            Code.SECTIONS,
        )


def _unique(items: list[Kilde]) -> list[Kilde]:
    seen: dict[str, Kilde] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())
