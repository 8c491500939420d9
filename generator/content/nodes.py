"""The linked content's nodes: what the linker makes of each file, linked both ways.

The link steps (`link_steps.py`) make them; everything after it (the page plan, templates, the
open data) reads them. A kind that keeps links of its own has a class here (a theme's cases, a
case's themes); any other kind's files become a plain `Node`. Which node belongs to which kind
is declared once, in `kinds.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.content.model import (
    Anbefaling,
    Case,
    CaseHenvisning,
    Entity,
    Kilde,
    Kind,
    Kortlaegning,
    Litteraturstudie,
    Pejlemaerke,
    Perspektiv,
    Perspektivafsnit,
    Tema,
)

if TYPE_CHECKING:
    from generator.content.loaded import Loaded


class _ShortRepr:
    """Nodes link to each other both ways: the default dataclass repr would walk
    the whole graph (exponentially), e.g. when pytest shows a failed assertion."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"  # type: ignore[attr-defined]


@dataclass(eq=False, repr=False)
class Node(_ShortRepr):
    """A file of a kind with no links of its own to keep (link_steps.plain): its model, where it
    was written, and its kind."""

    model: Entity
    origin: Loaded
    kind: Kind

    @property
    def id(self) -> str:
        return self.model.id


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
    kind: Kind  # Kind.pejlemaerker | Kind.anbefalinger
    source: Kilde
    themes: list[ThemeNode] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(eq=False, repr=False)
class PejlemaerkeNode(RecommendationNode):
    """A faglig pejlemærke (Socialstyrelsen, bostøtte)."""


@dataclass(eq=False, repr=False)
class AnbefalingNode(RecommendationNode):
    """An anbefaling from the indsatskatalog for botilbud."""
