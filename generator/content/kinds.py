"""One registry of the kinds of content: everything about a kind, declared once.

A kind is a folder of themes_data/ (`model.Kind`). Its entry here says what a file of it
holds (the model), how an editor's message names it, its JSON Schema file and hover texts,
where it is shown (its own page: `path`, `template`; or a section of a shared page: `path` +
`anchor`), and what is particular to it:

- how it links: its step in link_steps.py (`link`; `plain` checks every reference and makes a
  plain `Node`), the kinds linked before it (`link_after`), a step once all are linked (`finish`);
- which pages it yields: functions of render/views/ named "module.function" (`pages` for each
  file's own pages, `index` for the page that lists them all or holds their sections);
- how it is published as open data: its list in /data/v1/indhold.json (`data`) and the model
  fields it keeps to itself (`private`; render/opendata.py publishes the rest).

Every other table — the loader's models, the linker's steps and wording, the schema names, the
page plan, the open data's sections, the content editor's forms — is derived from `SPECS`, and
`_check` stops the import if a kind lacks a part (render/plan.py checks the named view
functions when it is imported), so a kind is never silently left out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.content import link_steps as steps
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
    Strict,
    Tema,
)
from generator.content.nodes import (
    AnbefalingNode,
    CaseNode,
    LiteratureNode,
    MappingNode,
    Node,
    PejlemaerkeNode,
    PerspectiveNode,
    ThemeNode,
)
from generator.content.resolver import Resolver

# A kind's link step: (resolver, its kind, what is linked so far by kind) → its nodes by id.
LinkStep = Callable[[Resolver, Kind, Mapping[Kind, dict[str, Any]]], Mapping[str, Any]]
# A step once every kind is linked: links back from the kinds linked after it.
FinishStep = Callable[[Resolver, Mapping[Kind, dict[str, Any]]], None]


@dataclass(frozen=True)
class KindSpec:
    kind: Kind  # the folder of themes_data/
    model: type[Entity]  # what one file of the folder holds
    ref_label: str  # "ukendt {ref_label}-id 'x'"
    noun: str  # the thing in a message, definite: "casen 'x' hører til …"
    schema_name: str  # themes_data/schema/<schema_name>.schema.json
    schema_title: str  # the editor's hover text for a file of this kind
    schema_description: str
    plural: str  # the kind in the content editor's menu (/admin/): "Kilder"
    path: str  # its page, a pattern over the node: "cases/{node.id}.md"
    page_noun: str  # its page in an editor's message: "et afsnit på temasiden"
    anchor: str = ""  # its section on a shared page ("{node.id}"); "" for a page of its own
    template: str = ""  # its own page's template stem: case → case.md.j2
    # How it links (link_steps.py).
    node: type[Any] = Node  # what its link step makes of a file (a source is linked as its model)
    link: LinkStep = steps.plain
    link_after: tuple[Kind, ...] = ()  # the kinds its step reads linked
    finish: FinishStep | None = None
    # Which pages it yields: "module.function" of render/views/ (render/plan.py calls them).
    pages: str = ""  # (site, node) → its own pages, the one at `path` first; "" for a section
    index: str = ""  # (site) → the page(s) for the whole kind: a list, or the page of its sections
    # How it is published as open data (render/opendata.py).
    data: str = ""  # its list in /data/v1/indhold.json; "" for the folder's name
    private: frozenset[str] = field(default=frozenset())  # model fields not published ("a.b" below a)

    @property
    def data_name(self) -> str:
        return self.data or self.kind.value


SPECS: tuple[KindSpec, ...] = (
    KindSpec(
        Kind.kilder,
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
        node=Kilde,
        link=steps.sources,
        index="sources.sources_pages",
    ),
    KindSpec(
        Kind.kortlaegninger,
        Kortlaegning,
        ref_label="kortlægnings",
        noun="kortlægningen",
        schema_name="kortlaegning",
        schema_title="Kortlægning",
        schema_description="En af de to kortlægninger fra VIVE (2021).",
        plural="Kortlægninger",
        path="{node.id}/index.md",
        template="mapping",
        page_noun="kortlægningens side",
        node=MappingNode,
        link=steps.mappings,
        link_after=(Kind.litteraturstudier,),
        finish=steps.mapping_members,
        pages="mapping.mapping_pages",
    ),
    KindSpec(
        Kind.litteraturstudier,
        Litteraturstudie,
        ref_label="litteraturstudie",
        noun="litteraturstudiet",
        schema_name="litteraturstudie",
        schema_title="Litteraturstudie",
        schema_description="Litteraturstudiet, en kortlægning bygger på.",
        plural="Litteraturstudier",
        path="litteratur/{node.id}.md",
        template="literature",
        page_noun="litteraturstudiets side",
        node=LiteratureNode,
        link=steps.literature,
        pages="sources.literature_pages",
    ),
    KindSpec(
        Kind.perspektiver,
        Perspektiv,
        ref_label="perspektiv",
        noun="perspektivet",
        schema_name="perspektiv",
        schema_title="Perspektiv",
        schema_description="Et af de perspektiver, kortlægningen ser hvert tema fra.",
        plural="Perspektiver",
        path="perspektiver/{node.id}.md",
        template="perspective",
        page_noun="perspektivets side",
        node=PerspectiveNode,
        link=steps.perspectives,
        link_after=(Kind.kortlaegninger,),
        pages="perspective.perspective_pages",
        index="perspective.overview_pages",
    ),
    KindSpec(
        Kind.pejlemaerker,
        Pejlemaerke,
        ref_label="pejlemærke",
        noun="pejlemærket",
        schema_name="pejlemaerke",
        schema_title="Fagligt pejlemærke",
        schema_description="Et af Socialstyrelsens faglige pejlemærker for bostøtte.",
        plural="Faglige pejlemærker",
        path="pejlemaerker.md",
        anchor="{node.id}",
        page_noun="siden med faglige pejlemærker",
        node=PejlemaerkeNode,
        link=functools.partial(steps.recommendations, node=PejlemaerkeNode),
        index="sources.pejlemaerker_pages",
    ),
    KindSpec(
        Kind.anbefalinger,
        Anbefaling,
        ref_label="anbefaling",
        noun="anbefalingen",
        schema_name="anbefaling",
        schema_title="Anbefaling",
        schema_description="En anbefaling fra indsatskataloget for botilbud.",
        plural="Anbefalinger",
        path="anbefalinger.md",
        anchor="{node.id}",
        page_noun="siden med anbefalinger",
        node=AnbefalingNode,
        link=functools.partial(steps.recommendations, node=AnbefalingNode),
        index="sources.anbefalinger_pages",
    ),
    KindSpec(
        Kind.temaer,
        Tema,
        ref_label="tema",
        noun="temaet",
        schema_name="tema",
        schema_title="Tema",
        schema_description="Et kvalitetstema i en kortlægning, set fra hvert af kortlægningens perspektiver.",
        plural="Temaer",
        path="{node.mapping.id}/{node.id}.md",
        template="theme",
        page_noun="temasiden",
        node=ThemeNode,
        link=steps.themes,
        link_after=(Kind.kortlaegninger, Kind.perspektiver, Kind.cases, Kind.pejlemaerker, Kind.anbefalinger),
        finish=steps.themes_in_order,
        pages="theme.theme_pages",
        # The site search's own words for a theme (not shown on its page): not content to reuse.
        private=frozenset({"soegeord"}),
    ),
    KindSpec(
        Kind.cases,
        Case,
        ref_label="case",
        noun="casen",
        schema_name="case",
        schema_title="Case",
        schema_description="En kommune eller et botilbud, som kortlægningen besøgte.",
        plural="Cases",
        path="cases/{node.id}.md",
        template="case",
        page_noun="casens side",
        node=CaseNode,
        link=steps.cases,
        link_after=(Kind.kortlaegninger,),
        pages="case.case_pages",
        index="case.finder_pages",
    ),
)


class IncompleteKind(TypeError):
    """A kind is declared without one of its parts: a programming error, found at import."""


# Parts a kind may leave out; every other part must be given.
OPTIONAL = frozenset({"anchor", "template", "link_after", "finish", "pages", "index", "data", "private"})


def _check(specs: tuple[KindSpec, ...]) -> None:
    """Every kind exactly once, every part given, no two kinds sharing a model, node or schema,
    and a page for every kind: none can be left out of the site without a word."""
    kinds = [s.kind for s in specs]
    if sorted(kinds) != sorted(Kind) or len(set(kinds)) != len(kinds):
        missing = sorted(set(Kind) - set(kinds))
        raise IncompleteKind(f"kinds.SPECS must declare every Kind once (missing: {missing})")
    for spec in specs:
        _check_parts(spec)
    for part in ("model", "schema_name", "ref_label", "data_name"):
        values = [getattr(s, part) for s in specs]
        if len(set(values)) != len(values):
            raise IncompleteKind(f"two kinds share a {part}")
    nodes = [s.node for s in specs if s.node is not Node]
    if len(set(nodes)) != len(nodes):
        raise IncompleteKind("two kinds share a node")
    link_order(specs)


def _check_parts(spec: KindSpec) -> None:
    name = spec.kind.value
    for part in (f for f in spec.__dataclass_fields__ if f not in OPTIONAL):
        if not getattr(spec, part):
            raise IncompleteKind(f"kind {name!r} lacks its {part}")
    if bool(spec.anchor) == bool(spec.template):
        raise IncompleteKind(f"kind {name!r}: either a page of its own (template) or an anchor")
    if spec.template and not spec.pages:
        raise IncompleteKind(f"kind {name!r} has a template but no pages: its files would be left out")
    if spec.anchor and not spec.index:
        raise IncompleteKind(f"kind {name!r} is a section (anchor) but no index page holds it")
    if not issubclass(spec.model, Entity):
        raise IncompleteKind(f"kind {name!r}: its model must be an Entity (with an id)")
    for dotted in spec.private:
        if not _has_field(spec.model, dotted.split(".")):
            raise IncompleteKind(f"kind {name!r}: private field {dotted!r} is not in {spec.model.__name__}")


def _has_field(model: type[BaseModel], path: list[str]) -> bool:
    declared = model.model_fields.get(path[0])
    if declared is None:
        return False
    if len(path) == 1:
        return True
    return any(_has_field(sub, path[1:]) for sub in nested_models(declared.annotation))


def nested_models(annotation: object, base: type[BaseModel] = Strict) -> list[type[BaseModel]]:
    """The models (of `base`) a field holds, in a list or optional too."""
    if isinstance(annotation, type) and issubclass(annotation, base):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in nested_models(arg, base)]


def link_order(specs: tuple[KindSpec, ...]) -> tuple[KindSpec, ...]:
    """The kinds in the order their steps run: each after the kinds it reads (`link_after`),
    otherwise in the registry's order."""
    by_kind = {s.kind: s for s in specs}
    done: list[KindSpec] = []

    def visit(spec: KindSpec, seen: tuple[Kind, ...]) -> None:
        if spec in done:
            return
        if spec.kind in seen:
            raise IncompleteKind(f"kinds link after each other in a circle: {[k.value for k in seen]}")
        for before in spec.link_after:
            if before not in by_kind:
                raise IncompleteKind(f"kind {spec.kind.value!r} links after an unknown kind {before!r}")
            visit(by_kind[before], (*seen, spec.kind))
        done.append(spec)

    for spec in specs:
        visit(spec, ())
    return tuple(done)


_check(SPECS)

SPEC: dict[Kind, KindSpec] = {s.kind: s for s in SPECS}
KINDS: dict[Kind, type[Entity]] = {s.kind: s.model for s in SPECS}  # the loader's models
BY_NODE: dict[type[Any], KindSpec] = {s.node: s for s in SPECS if s.node is not Node}
LINK_ORDER = link_order(SPECS)


def spec_of(node: object) -> KindSpec | None:
    """The kind of a linked node (a plain `Node` says its own)."""
    if isinstance(node, Node):
        return SPEC[node.kind]
    return BY_NODE.get(type(node))
