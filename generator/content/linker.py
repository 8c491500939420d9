"""Link phase: resolve every id into a graph with links both ways.

A reference to something that does not exist is an error with the file and line of the
reference, never a dead link on the site. The steps are the registry's (kinds.py: each kind's
`link`, in `LINK_ORDER`, then each `finish`); what they make is one `Site`, its nodes by kind.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from generator.content.kinds import LINK_ORDER, SPEC, SPECS
from generator.content.loaded import Content
from generator.content.model import Kilde, Kind
from generator.content.nodes import (  # re-exported: the nodes are the linker's product
    AnbefalingNode,
    CaseNode,
    LiteratureNode,
    MappingNode,
    Node,
    PejlemaerkeNode,
    PerspectiveNode,
    RecommendationNode,
    ThemeNode,
)
from generator.content.resolver import Resolver
from generator.errors import ContentErrors

__all__ = [
    "AnbefalingNode",
    "CaseNode",
    "LiteratureNode",
    "MappingNode",
    "Node",
    "PejlemaerkeNode",
    "PerspectiveNode",
    "RecommendationNode",
    "Site",
    "ThemeNode",
    "link",
]


@dataclass(eq=False)
class Site:
    """The whole linked content, what the render phase works from: every kind's nodes by id,
    in the order their link step gave them (`of`), and typed views of the kinds the pages name."""

    nodes: dict[Kind, dict[str, Any]]

    def of(self, kind: Kind) -> dict[str, Any]:
        return self.nodes[kind]

    @functools.cached_property
    def mappings(self) -> list[MappingNode]:
        return list(self.nodes[Kind.kortlaegninger].values())

    @property
    def themes(self) -> dict[str, ThemeNode]:
        return self.nodes[Kind.temaer]

    @property
    def cases(self) -> dict[str, CaseNode]:
        return self.nodes[Kind.cases]

    @property
    def perspectives(self) -> dict[str, PerspectiveNode]:
        return self.nodes[Kind.perspektiver]

    @property
    def literature(self) -> dict[str, LiteratureNode]:
        return self.nodes[Kind.litteraturstudier]

    @functools.cached_property
    def pejlemaerker(self) -> list[RecommendationNode]:
        return list(self.nodes[Kind.pejlemaerker].values())

    @functools.cached_property
    def anbefalinger(self) -> list[RecommendationNode]:
        return list(self.nodes[Kind.anbefalinger].values())

    @property
    def sources(self) -> dict[str, Kilde]:
        return self.nodes[Kind.kilder]


def link(content: Content) -> Site:
    """Every reference resolved, one step per kind; ContentErrors with all problems."""
    r = Resolver(content, SPEC)
    linked: dict[Kind, dict[str, Any]] = {}
    for spec in LINK_ORDER:
        linked[spec.kind] = dict(spec.link(r, spec.kind, linked))
    for spec in SPECS:
        if spec.finish is not None:
            spec.finish(r, linked)
    if r.errors:
        raise ContentErrors(r.errors)
    return Site({spec.kind: linked[spec.kind] for spec in SPECS})
