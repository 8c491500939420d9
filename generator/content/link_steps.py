"""The link steps: what the linker does for each kind of content, one step per kind.

Each kind's entry in the registry (kinds.py) names its step (`link`), the kinds it needs linked
before it (`link_after`) and, if it keeps links back from others, a step run once every kind is
linked (`finish`). A step gets the resolver (resolver.py: every missing id a Danish error at the
reference) and what is linked so far, by kind, and returns its nodes by id. A kind with no links
of its own takes `plain`: every reference in it (model.RefersTo) is checked, and its node is a
plain `Node`.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from generator.content.loaded import Loaded
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
    RefersTo,
    Strict,
    Tema,
)
from generator.content.nodes import (
    CaseNode,
    LiteratureNode,
    MappingNode,
    Node,
    PerspectiveNode,
    RecommendationNode,
    ThemeNode,
)
from generator.content.resolver import Resolver
from generator.content.yamlsource import Path_
from generator.errors import Code

# What is linked so far: each kind's nodes by id (a source is linked as its model).
Linked = Mapping[Kind, dict[str, Any]]

RECOMMENDATION_KINDS = (Kind.pejlemaerker, Kind.anbefalinger)


def literature(r: Resolver, kind: Kind, linked: Linked) -> dict[str, LiteratureNode]:
    """Literature study → its source."""
    literature = {}
    for lid, origin, model in r.items(Kind.litteraturstudier, Litteraturstudie):
        source = r.source(model.kilde, origin, ("kilde",))
        r.blocks(model.om, origin, "om")
        if source:
            literature[lid] = LiteratureNode(model, origin, source)
    return literature


def mappings(r: Resolver, kind: Kind, linked: Linked) -> dict[str, MappingNode]:
    """Mapping → its source and the literature study it builds on."""
    literature: dict[str, LiteratureNode] = linked[Kind.litteraturstudier]
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
    r: Resolver, mappings: dict[str, MappingNode], origin: Loaded, ref: str
) -> MappingNode | None:
    hit = r.find(Kind.kortlaegninger, ref, origin, ("kortlaegning",))
    return mappings.get(hit.item.id) if hit else None


def perspectives(r: Resolver, kind: Kind, linked: Linked) -> dict[str, PerspectiveNode]:
    """Perspective → its mapping."""
    mappings: dict[str, MappingNode] = linked[Kind.kortlaegninger]
    perspectives = {}
    for pid, origin, model in r.items(Kind.perspektiver, Perspektiv):
        r.block(model.beskrivelse, origin, ("beskrivelse",))
        mapping = _mapping_of(r, mappings, origin, model.kortlaegning)
        if mapping:
            perspectives[pid] = PerspectiveNode(model, origin, mapping)
    return perspectives


def cases(r: Resolver, kind: Kind, linked: Linked) -> dict[str, CaseNode]:
    """Case → its mapping and sources (a practice example must cite the mapping itself)."""
    mappings: dict[str, MappingNode] = linked[Kind.kortlaegninger]
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


def _require_mapping_source(r: Resolver, model: Case, origin: Loaded, mapping: MappingNode) -> None:
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
    r: Resolver, mapping: MappingNode, kind: Kind, nodes: dict[str, _Member], into: list[_Member]
) -> None:
    """Mapping → its perspectives or cases (`kind`), in its order, appended to `into`; each
    one is in its own mapping's list. The YAML field is named like the kind."""
    noun = r.wording[kind].noun
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


def _numbered(r: Resolver, kind: Kind) -> list[tuple[str, Loaded, Pejlemaerke | Anbefaling]]:
    found = []
    for rid, origin, model in r.items(kind, Entity):
        assert isinstance(model, Pejlemaerke | Anbefaling)
        found.append((rid, origin, model))
    return found


def recommendations(
    r: Resolver, kind: Kind, linked: Linked, *, node: type[RecommendationNode]
) -> dict[str, RecommendationNode]:
    """Pejlemærke or anbefaling → its source; numbers are unique within the kind."""
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
            table[rid] = node(model, origin, kind, source)
    return table


def themes(r: Resolver, kind: Kind, linked: Linked) -> dict[str, ThemeNode]:
    """Theme → its mapping, sources, perspective sections, cases and recommendations."""
    mappings: dict[str, MappingNode] = linked[Kind.kortlaegninger]
    perspectives: dict[str, PerspectiveNode] = linked[Kind.perspektiver]
    cases: dict[str, CaseNode] = linked[Kind.cases]
    recommendations: dict[Kind, dict[str, RecommendationNode]] = {k: linked[k] for k in RECOMMENDATION_KINDS}
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


def _check_placed_labels(r: Resolver, theme: ThemeNode) -> None:
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


def _link_theme_cases(r: Resolver, theme: ThemeNode, cases: dict[str, CaseNode]) -> list[Kilde]:
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
    r: Resolver, theme: ThemeNode, kind: Kind, table: dict[str, RecommendationNode]
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


def _link_related_themes(r: Resolver, themes: dict[str, ThemeNode]) -> None:
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


def _order_themes(r: Resolver, mapping: MappingNode, themes: dict[str, ThemeNode]) -> None:
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
    r: Resolver, theme: ThemeNode, perspectives: dict[str, PerspectiveNode], found: list[Kilde]
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


def sources(r: Resolver, kind: Kind, linked: Linked) -> dict[str, Kilde]:
    """A source refers to nothing: it is linked as its model."""
    return {k: item for k, _, item in r.items(Kind.kilder, Kilde)}


def plain(r: Resolver, kind: Kind, linked: Linked) -> dict[str, Node]:
    """A kind with no links of its own to keep: every reference in it (a field marked
    model.RefersTo) must exist, every block has its sources, and its node is a plain `Node`."""
    found = {}
    for item_id, origin, model in r.items(kind, Entity):
        check_references(r, origin, model, ())
        found[item_id] = Node(model, origin, kind)
    return found


def check_references(r: Resolver, origin: Loaded, item: Strict, loc: Path_) -> None:
    """Every id in `item` that refers to a file (model.RefersTo) is found; every block is checked."""
    for name, declared in type(item).model_fields.items():
        kind = refers_to(declared.annotation, declared.metadata)
        _check_value(r, origin, getattr(item, name), kind, (*loc, name))


def _check_value(r: Resolver, origin: Loaded, value: object, kind: Kind | None, loc: Path_) -> None:
    if isinstance(value, list):
        for i, item in enumerate(value):
            _check_value(r, origin, item, kind, (*loc, i))
    elif isinstance(value, Blok):
        r.block(value, origin, loc)
    elif isinstance(value, Strict):
        check_references(r, origin, value, loc)
    elif isinstance(value, str) and kind is not None:
        r.find(kind, value, origin, loc)


def refers_to(annotation: object, metadata: list[object]) -> Kind | None:
    """The kind an id field refers to (model.RefersTo), in a list or optional too."""
    for mark in [*metadata, *getattr(annotation, "__metadata__", ())]:
        if isinstance(mark, RefersTo):
            return mark.kind
    for arg in typing.get_args(annotation):
        if (kind := refers_to(arg, [])) is not None:
            return kind
    return None


def mapping_members(r: Resolver, linked: Linked) -> None:
    """Mapping → its perspectives and cases, in its order (once every kind is linked)."""
    for mapping in linked[Kind.kortlaegninger].values():
        _link_mapping_members(r, mapping, Kind.perspektiver, linked[Kind.perspektiver], mapping.perspectives)
        _link_mapping_members(r, mapping, Kind.cases, linked[Kind.cases], mapping.cases)


def themes_in_order(r: Resolver, linked: Linked) -> None:
    """Theme ↔ related theme; each mapping's themes by number, each perspective's sections in
    that order (once every kind is linked)."""
    themes: dict[str, ThemeNode] = linked[Kind.temaer]
    _link_related_themes(r, themes)
    for mapping in linked[Kind.kortlaegninger].values():
        _order_themes(r, mapping, themes)
    for theme in themes.values():
        theme.related.sort(key=lambda t: (t.mapping.id, t.model.nummer))
