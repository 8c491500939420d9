"""What a reader is offered: a perspective or a theme choice that leads to nothing is not a
destination, and a case page names the facts no source gives. The views show these figures;
the rules that make them live here.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.linker import CaseNode, MappingNode, PerspectiveNode, Site
from generator.render.basis import Status, findings_in, status_of


@dataclass(frozen=True)
class Reach:
    """How many of its mapping's themes a perspective is written out for on the site, and on what:
    the mapping's own text, or literature findings the editors placed (each finding counted once)."""

    total: int
    mapping: int = 0  # themes whose section has the mapping's own text
    placed: int = 0  # themes whose section has only literature findings the editors placed
    findings: int = 0  # distinct findings in those sections: one under two themes is one
    other: int = 0  # themes whose section rests on another source or on our own text only

    @property
    def shown(self) -> int:
        return self.mapping + self.placed + self.other

    @property
    def empty(self) -> bool:
        return self.shown == 0


def reach(perspective: PerspectiveNode) -> Reach:
    rendered = [list(a.blokke) for _, a in perspective.sections if not a.ikke_gengivet]
    statuses = [status_of(blocks) for blocks in rendered]
    placed = [blocks for blocks, s in zip(rendered, statuses, strict=True) if s is Status.placeret]
    mapping = statuses.count(Status.kortlaegning)
    return Reach(
        total=len(perspective.sections),
        mapping=mapping,
        placed=len(placed),
        findings=len(set().union(*map(findings_in, placed))) if placed else 0,
        other=len(statuses) - mapping - len(placed),
    )


def followable(mapping: MappingNode) -> list[PerspectiveNode]:
    """The perspectives of a mapping that a reader can follow across themes: those with content."""
    return [p for p in mapping.perspectives if not reach(p).empty]


def any_followable(site: Site) -> bool:
    return any(followable(m) for m in site.mappings)


def unknown_facts(case: CaseNode) -> list[str]:
    """The facts of a case page that no public source gives, as the page names them."""
    c = case.model
    facts = {"kommune": c.kommune, "region": c.region, "lovgrundlag": c.lovgrundlag}
    return [name for name, value in facts.items() if not value]
