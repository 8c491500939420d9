"""Coverage: what of each theme and case is written from a source, what is
editorial text and what is still missing.

Used by `python -m generator coverage` and by the editors' page
its page (`pages.COVERAGE`); both show the same numbers because both call `compute`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from generator.content.linker import CaseNode, MappingNode, PerspectiveNode, Site, ThemeNode
from generator.content.model import ROLLE_LABELS, Blok, Grundlag


class Status(StrEnum):
    kilde = "kilde"  # at least one block rests on a source
    redaktionel = "redaktionel"  # only our own framing
    mangler = "mangler"  # nothing written (not rendered yet)


STATUS_LABELS = {
    Status.kilde: "fra kilde",
    Status.redaktionel: "redaktionel",
    Status.mangler: "mangler",
}


def placed_by_us(blocks: list[Blok]) -> bool:
    """A section that rests only on a literature study's finding the editors placed there:
    sourced, but none of it is the mapping's own text for the theme."""
    return bool(blocks) and all(b.grundlag is Grundlag.litteraturstudie_placeret for b in blocks)


def status_of(blocks: list[Blok]) -> Status:
    if not blocks:
        return Status.mangler
    if any(b.grundlag is not Grundlag.redaktionel for b in blocks):
        return Status.kilde
    return Status.redaktionel


@dataclass
class ThemeCoverage:
    theme: ThemeNode
    kort_fortalt: Status
    sammenfatning: Status | None  # None: the theme has no cross-perspective summary
    sections: dict[str, Status]  # perspective id → status, in the mapping's order
    cases: int
    questions: int
    related: int
    reviewed: bool  # a subject expert has reviewed the text (a date, not "ikke endnu")
    placed: list[str] = field(default_factory=list)  # perspective ids resting only on placed literature

    @property
    def missing(self) -> list[str]:
        """Perspective ids whose section is not rendered yet."""
        return [pid for pid, s in self.sections.items() if s is Status.mangler]


@dataclass
class CaseCoverage:
    case: CaseNode
    blocks: Counter[str]  # grundlag value → number of blocks
    themes: int
    examples: int = 0  # practice examples from the mapping

    @property
    def from_mapping(self) -> bool:
        """The case page has material of its own from the mapping: a theme link or a practice example."""
        return bool(self.themes or self.examples)

    @property
    def status(self) -> Status:
        return status_of(list(self.case.model.beskrivelse))

    @property
    def missing(self) -> list[str]:
        out = []
        if not self.blocks[Grundlag.casens_hjemmeside.value]:
            out.append("intet fra casens egen hjemmeside")
        if not self.themes:
            out.append("ingen kildebelagt kobling til temaer")
        if not self.from_mapping:
            out.append("intet eget materiale fra kortlægningen")
        return out


@dataclass
class MappingCoverage:
    mapping: MappingNode
    themes: list[ThemeCoverage] = field(default_factory=list)
    cases: list[CaseCoverage] = field(default_factory=list)

    @property
    def sections(self) -> Counter[Status]:
        return Counter(s for t in self.themes for s in t.sections.values())

    @property
    def reviewed(self) -> int:
        return sum(t.reviewed for t in self.themes)

    @property
    def placed(self) -> int:
        """Sections counted as sourced that hold only a literature finding placed by the editors."""
        return sum(len(t.placed) for t in self.themes)

    @property
    def perspective_ids(self) -> list[str]:
        return [p.id for p in self.mapping.perspectives]

    @property
    def with_mapping_material(self) -> int:
        return sum(c.from_mapping for c in self.cases)

    @property
    def links(self) -> Counter[str]:
        """Case ↔ theme links by role label."""
        return Counter(ROLLE_LABELS[ref.rolle] for t in self.themes for _, ref in t.theme.cases)


@dataclass
class Coverage:
    mappings: list[MappingCoverage]

    @property
    def sections(self) -> Counter[Status]:
        total: Counter[Status] = Counter()
        for m in self.mappings:
            total.update(m.sections)
        return total


def compute(site: Site) -> Coverage:
    result = []
    for mapping in site.mappings:
        mc = MappingCoverage(mapping)
        for theme in mapping.themes:
            t = theme.model
            mc.themes.append(
                ThemeCoverage(
                    theme=theme,
                    kort_fortalt=status_of([t.kort_fortalt]),
                    sammenfatning=status_of(list(t.sammenfatning)) if t.sammenfatning else None,
                    sections={p.id: status_of(list(a.blokke)) for p, a in theme.sections},
                    cases=len(theme.cases),
                    questions=len(t.refleksionsspoergsmaal),
                    related=len(theme.related) + len(theme.pejlemaerker) + len(theme.anbefalinger),
                    reviewed=t.gennemgang.reviewed_on is not None,
                    placed=[p.id for p, a in theme.sections if placed_by_us(list(a.blokke))],
                )
            )
        for case in sorted(mapping.cases, key=lambda c: c.model.navn):
            blocks = Counter(b.grundlag.value for b in case.model.beskrivelse)
            mc.cases.append(CaseCoverage(case, blocks, len(case.themes), len(case.model.praksiseksempler)))
        result.append(mc)
    return Coverage(result)


def _links(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {label.lower()}" for label, n in sorted(counter.items())) or "ingen"


def _counts(counter: Counter[Status]) -> str:
    return ", ".join(f"{counter[s]} {STATUS_LABELS[s]}" for s in Status)


def report(cov: Coverage) -> str:
    """Plain-text report for the terminal."""
    lines = ["Dækning af indholdet", "====================", ""]
    lines.append("Status pr. afsnit: 'kilde' = skrevet ud fra en kilde, 'redaktionel' = kun egen tekst,")
    lines.append("'mangler' = ikke gengivet endnu (ikke_gengivet: true).")
    for mc in cov.mappings:
        m = mc.mapping
        n = len(mc.themes) * len(mc.perspective_ids)
        lines += [
            "",
            f"{m.model.kort_navn} ({m.id}): {len(mc.themes)} temaer × {len(mc.perspective_ids)} perspektiver",
        ]
        lines.append(f"  Perspektivafsnit: {n} i alt: {_counts(mc.sections)}")
        lines.append(f"  Heraf kun et litteraturstudie, placeret under temaet af redaktionen: {mc.placed}")
        lines.append(f"  Fagligt gennemgået: {mc.reviewed} af {len(mc.themes)} temaer")
        cols = ["kort fortalt", "sammenfatning", *mc.perspective_ids]
        width = max(len(f"{t.theme.model.nummer:>2} {t.theme.id}") for t in mc.themes) + 2
        lines.append(
            "  " + "tema".ljust(width) + "  ".join(c.ljust(max(len(c), 11)) for c in cols) + "  cases  spm."
        )
        for tc in mc.themes:
            values = [tc.kort_fortalt, tc.sammenfatning, *tc.sections.values()]
            cells = "  ".join(
                (v.value if v else "–").ljust(max(len(c), 11)) for c, v in zip(cols, values, strict=True)
            )
            name = f"{tc.theme.model.nummer:>2} {tc.theme.id}".ljust(width)
            lines.append(f"  {name}{cells}  {tc.cases:>5}  {tc.questions:>4}")
        lines += [
            "",
            f"  Koblinger mellem temaer og cases: {sum(mc.links.values())} ({_links(mc.links)})",
            f"  Cases med eget materiale fra kortlægningen: {mc.with_mapping_material} af {len(mc.cases)}",
        ]
        lines += ["", f"  Cases ({len(mc.cases)}):"]
        for cc in mc.cases:
            grundlag = ", ".join(f"{g}={n}" for g, n in sorted(cc.blocks.items())) or "ingen blokke"
            missing = "; ".join(cc.missing) or "–"
            counts = f"temaer={cc.themes}; praksiseksempler={cc.examples}"
            lines.append(f"    {cc.case.id}: {grundlag}; {counts}; mangler: {missing}")
    lines += [
        "",
        f"I alt: {sum(mc.sections.total() for mc in cov.mappings)} perspektivafsnit: {_counts(cov.sections)}",
    ]
    return "\n".join(lines) + "\n"


# What a reader is offered: a perspective or a theme choice that leads to nothing is not a
# destination. Templates show these figures; the rules that make them live here.


@dataclass(frozen=True)
class Reach:
    """How many of its mapping's themes a perspective is written out for on the site."""

    shown: int
    total: int

    @property
    def empty(self) -> bool:
        return self.shown == 0


def reach(perspective: PerspectiveNode) -> Reach:
    return Reach(sum(not a.ikke_gengivet for _, a in perspective.sections), len(perspective.sections))


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
