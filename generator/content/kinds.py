"""One registry of the kinds of content: everything about a kind, declared once.

A kind is a folder of themes_data/ (`model.Kind`). Its entry here says what a file of it
holds (the model), what the linker makes of it (the node), how an editor's message names it,
its JSON Schema file and hover texts, and where it is shown: its own page (`path`,
`template`) or a section of a shared page (`path` + `anchor`). Every other table — the
loader's models, the linker's wording, the schema names, the page plan's paths and nouns —
is derived from `SPECS`, and `_check` stops the import if a kind lacks a part, so a missing
entry can never surface as a KeyError at an editor's typo.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from generator.content.model import (
    Anbefaling,
    Case,
    Entity,
    Kilde,
    Kind,
    Kortlaegning,
    Litteraturstudie,
    Pejlemaerke,
    Perspektiv,
    Tema,
)
from generator.content.nodes import (
    AnbefalingNode,
    CaseNode,
    LiteratureNode,
    MappingNode,
    PejlemaerkeNode,
    PerspectiveNode,
    ThemeNode,
)


@dataclass(frozen=True)
class KindSpec:
    kind: Kind  # the folder of themes_data/
    model: type[Entity]  # what one file of the folder holds
    node: type[Any]  # what the linker makes of it (a source is linked as its model)
    ref_label: str  # "ukendt {ref_label}-id 'x'"
    noun: str  # the thing in a message, definite: "casen 'x' hører til …"
    schema_name: str  # themes_data/schema/<schema_name>.schema.json
    schema_title: str  # the editor's hover text for a file of this kind
    schema_description: str
    plural: str  # the kind in the content editor's menu (/admin/): "Kilder"
    path: str  # its page, a pattern over the node: "cases/{node.id}.md"
    page_noun: str  # its page in an editor's message: "et afsnit på temasiden"
    anchor: str = ""  # its section on a shared page ("{node.id}"); "" for a page of its own
    template: str = ""  # its own page's template stem: case → case.md.j2, which gets it as `case`


SPECS: tuple[KindSpec, ...] = (
    KindSpec(
        Kind.kilder,
        Kilde,
        Kilde,
        ref_label="kilde",
        noun="kilden",
        schema_name="kilde",
        schema_title="Kilde",
        schema_description="En udgivelse eller hjemmeside, som indholdet bygger på.",
        plural="Kilder",
        path="kilder.md",
        anchor="{node.id}",
        page_noun="kildelisten",
    ),
    KindSpec(
        Kind.kortlaegninger,
        Kortlaegning,
        MappingNode,
        ref_label="kortlægnings",
        noun="kortlægningen",
        schema_name="kortlaegning",
        schema_title="Kortlægning",
        schema_description="En af de to kortlægninger fra VIVE (2021).",
        plural="Kortlægninger",
        path="{node.id}/index.md",
        template="mapping",
        page_noun="kortlægningens side",
    ),
    KindSpec(
        Kind.litteraturstudier,
        Litteraturstudie,
        LiteratureNode,
        ref_label="litteraturstudie",
        noun="litteraturstudiet",
        schema_name="litteraturstudie",
        schema_title="Litteraturstudie",
        schema_description="Litteraturstudiet, en kortlægning bygger på.",
        plural="Litteraturstudier",
        path="litteratur/{node.id}.md",
        template="literature",
        page_noun="litteraturstudiets side",
    ),
    KindSpec(
        Kind.perspektiver,
        Perspektiv,
        PerspectiveNode,
        ref_label="perspektiv",
        noun="perspektivet",
        schema_name="perspektiv",
        schema_title="Perspektiv",
        schema_description="Et af de perspektiver, kortlægningen ser hvert tema fra.",
        plural="Perspektiver",
        path="perspektiver/{node.id}.md",
        template="perspective",
        page_noun="perspektivets side",
    ),
    KindSpec(
        Kind.pejlemaerker,
        Pejlemaerke,
        PejlemaerkeNode,
        ref_label="pejlemærke",
        noun="pejlemærket",
        schema_name="pejlemaerke",
        schema_title="Fagligt pejlemærke",
        schema_description="Et af Socialstyrelsens faglige pejlemærker for bostøtte.",
        plural="Faglige pejlemærker",
        path="pejlemaerker.md",
        anchor="{node.id}",
        page_noun="siden med faglige pejlemærker",
    ),
    KindSpec(
        Kind.anbefalinger,
        Anbefaling,
        AnbefalingNode,
        ref_label="anbefaling",
        noun="anbefalingen",
        schema_name="anbefaling",
        schema_title="Anbefaling",
        schema_description="En anbefaling fra indsatskataloget for botilbud.",
        plural="Anbefalinger",
        path="anbefalinger.md",
        anchor="{node.id}",
        page_noun="siden med anbefalinger",
    ),
    KindSpec(
        Kind.temaer,
        Tema,
        ThemeNode,
        ref_label="tema",
        noun="temaet",
        schema_name="tema",
        schema_title="Tema",
        schema_description="Et kvalitetstema i en kortlægning, set fra hvert af kortlægningens perspektiver.",
        plural="Temaer",
        path="{node.mapping.id}/{node.id}.md",
        template="theme",
        page_noun="temasiden",
    ),
    KindSpec(
        Kind.cases,
        Case,
        CaseNode,
        ref_label="case",
        noun="casen",
        schema_name="case",
        schema_title="Case",
        schema_description="En kommune eller et botilbud, som kortlægningen besøgte.",
        plural="Cases",
        path="cases/{node.id}.md",
        template="case",
        page_noun="casens side",
    ),
)


class IncompleteKind(TypeError):
    """A kind is declared without one of its parts: a programming error, found at import."""


def _check(specs: tuple[KindSpec, ...]) -> None:
    """Every kind exactly once, every part given, no two kinds sharing a model, node or schema."""
    kinds = [s.kind for s in specs]
    if sorted(kinds) != sorted(Kind) or len(set(kinds)) != len(kinds):
        missing = sorted(set(Kind) - set(kinds))
        raise IncompleteKind(f"kinds.SPECS must declare every Kind once (missing: {missing})")
    optional = {"anchor", "template"}
    for spec in specs:
        for declared in fields(spec):
            if declared.name not in optional and not getattr(spec, declared.name):
                raise IncompleteKind(f"kind {spec.kind.value!r} lacks its {declared.name}")
        if bool(spec.anchor) == bool(spec.template):
            raise IncompleteKind(f"kind {spec.kind.value!r}: either a page of its own or an anchor")
        if not issubclass(spec.model, Entity):
            raise IncompleteKind(f"kind {spec.kind.value!r}: its model must be an Entity (with an id)")
    for part in ("model", "node", "schema_name", "ref_label"):
        values = [getattr(s, part) for s in specs]
        if len(set(values)) != len(values):
            raise IncompleteKind(f"two kinds share a {part}")


_check(SPECS)

SPEC: dict[Kind, KindSpec] = {s.kind: s for s in SPECS}
KINDS: dict[Kind, type[Entity]] = {s.kind: s.model for s in SPECS}  # the loader's models
BY_NODE: dict[type[Any], KindSpec] = {s.node: s for s in SPECS}  # the page plan's paths
