"""Coverage, for the editors: what of each theme and case is written from a source, what is
editorial text and what is still missing, and where in the publication to read it.

Used by `python -m generator coverage` and by the editors' page (`pages.COVERAGE`); both show
the same numbers because both call `compute`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.content.linker import CaseNode, MappingNode, PerspectiveNode, Site, ThemeNode
from generator.content.model import ROLLE_LABELS, Grundlag
from generator.render.basis import PLACED, SOURCED, STATUS_LABELS, Status, findings_in, status_of


def where_to_read(theme: ThemeNode, perspective: PerspectiveNode) -> str:
    """Where in the publication an editor with the PDF reads this section: the theme's chapter
    section, and the part of it where the sources show the perspectives' order. Never a page."""
    chapter = theme.mapping.model.temakapitel
    if chapter is None:
        return ""
    where = f"afsnit {chapter.nummer}.{theme.model.nummer}"
    if chapter.perspektiver_i_raekkefoelge:
        part = [p.id for p in theme.mapping.perspectives].index(perspective.id) + 1
        where += f", {part}. del"
    return where


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
    findings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # perspective id → placed findings

    @property
    def missing(self) -> list[str]:
        """Perspective ids whose section is not rendered yet."""
        return [pid for pid, s in self.sections.items() if s is Status.mangler]

    @property
    def placed(self) -> list[str]:
        """Perspective ids whose section rests only on literature the editors placed there."""
        return [pid for pid, s in self.sections.items() if s in PLACED]

    @property
    def without_mapping_text(self) -> list[str]:
        """Perspective ids where the mapping's own text is still to be read and written: missing
        sections and sections with only placed literature, in the mapping's order."""
        return [pid for pid, s in self.sections.items() if s is Status.mangler or s in PLACED]


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
    def sourced(self) -> int:
        """Sections written from a source, each placed finding counted once."""
        return sum(self.sections[s] for s in SOURCED)

    @property
    def placed_sections(self) -> int:
        """Sections that hold only literature the editors placed, a finding shown twice included."""
        return sum(self.sections[s] for s in PLACED)

    @property
    def findings(self) -> dict[str, list[tuple[ThemeNode, str]]]:
        """Each placed finding with the sections (theme, perspective id) that show it, in order."""
        out: dict[str, list[tuple[ThemeNode, str]]] = {}
        for tc in self.themes:
            for pid, found in tc.findings.items():
                for fund in found:
                    out.setdefault(fund, []).append((tc.theme, pid))
        return out

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

    @property
    def findings(self) -> int:
        """Distinct literature findings placed by the editors, over every mapping."""
        return len({f for m in self.mappings for f in m.findings})


def sourced_words(sections: Counter[Status], findings: int) -> str:
    """ "5 fra kortlægningen + 7 placeret litteratur af 60 (…)": the mapping's own text and the
    literature the editors placed, apart; a finding under two themes counted once."""
    parts = [f"{sections[Status.kortlaegning]} fra kortlægningen"]
    parts.append(f"{sections[Status.placeret]} placeret litteratur")
    if sections[Status.anden_kilde]:
        parts.append(f"{sections[Status.anden_kilde]} anden kilde")
    text = " + ".join(parts) + f" af {sections.total()} afsnit"
    notes = []
    if findings:
        notes.append(f"{findings} fund fra litteraturstudierne, hvert talt én gang")
    if sections[Status.samme_fund]:
        n = sections[Status.samme_fund]
        notes.append(f"{n} afsnit mere viser et fund, der er talt i et andet afsnit")
    return text + (f" ({'; '.join(notes)})" if notes else "")


@dataclass(frozen=True)
class ToRead:
    """A section whose mapping text is not on the site, and where the publication has it."""

    perspective: PerspectiveNode
    where: str  # "afsnit 2.5, 2. del"; "" when the mapping gives no chapter
    status: Status  # mangler, or placed literature only


def to_read(mc: MappingCoverage) -> list[tuple[ThemeNode, list[ToRead]]]:
    """For each theme with sections still to be read in the publication: those sections."""
    persp = {p.id: p for p in mc.mapping.perspectives}
    out = []
    for tc in mc.themes:
        rows = [
            ToRead(persp[pid], where_to_read(tc.theme, persp[pid]), tc.sections[pid])
            for pid in tc.without_mapping_text
        ]
        if rows:
            out.append((tc.theme, rows))
    return out


def compute(site: Site) -> Coverage:
    result = []
    counted: set[str] = set()  # placed findings already counted, across the whole site
    for mapping in site.mappings:
        mc = MappingCoverage(mapping)
        for theme in mapping.themes:
            t = theme.model
            sections: dict[str, Status] = {}
            findings: dict[str, tuple[str, ...]] = {}
            for persp, afsnit in theme.sections:
                status = status_of(list(afsnit.blokke))
                found = findings_in(afsnit.blokke)
                if found:
                    findings[persp.id] = tuple(sorted(found))
                if status is Status.placeret:
                    if found <= counted:
                        status = Status.samme_fund
                    counted |= found
                sections[persp.id] = status
            mc.themes.append(
                ThemeCoverage(
                    theme=theme,
                    kort_fortalt=status_of([t.kort_fortalt]),
                    sammenfatning=status_of(list(t.sammenfatning)) if t.sammenfatning else None,
                    sections=sections,
                    cases=len(theme.cases),
                    questions=len(t.refleksionsspoergsmaal),
                    related=len(theme.related) + len(theme.pejlemaerker) + len(theme.anbefalinger),
                    reviewed=t.gennemgang.reviewed_on is not None,
                    findings=findings,
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


def _to_read_line(row: ToRead) -> str:
    notes = [row.where] if row.where else []
    if row.status in PLACED:
        notes.append("nu kun placeret litteratur")
    return row.perspective.id + (f" ({'; '.join(notes)})" if notes else "")


def report(cov: Coverage) -> str:
    """Plain-text report for the terminal."""
    lines = ["Dækning af indholdet", "====================", ""]
    lines += [
        "Status pr. afsnit: 'kortlaegning' = kortlægningens egen tekst; 'placeret' = et fund fra et",
        "litteraturstudie, som redaktionen har placeret (hvert fund tælles én gang, i det første afsnit);",
        "'samme-fund' = et fund, der allerede er talt; 'anden-kilde'; 'redaktionel' = kun egen tekst;",
        "'mangler' = ikke gengivet endnu (ikke_gengivet: true).",
    ]
    for mc in cov.mappings:
        m = mc.mapping
        n = len(mc.themes) * len(mc.perspective_ids)
        lines += [
            "",
            f"{m.model.kort_navn} ({m.id}): {len(mc.themes)} temaer × {len(mc.perspective_ids)} perspektiver",
        ]
        lines.append(f"  Perspektivafsnit: {n} i alt: {_counts(mc.sections)}")
        lines.append(f"  Skrevet ud fra en kilde: {sourced_words(mc.sections, len(mc.findings))}")
        lines.append(f"  Fagligt gennemgået: {mc.reviewed} af {len(mc.themes)} temaer")
        cols = ["kort fortalt", "sammenfatning", *mc.perspective_ids]
        width = max(len(f"{t.theme.model.nummer:>2} {t.theme.id}") for t in mc.themes) + 2
        lines.append(
            "  " + "tema".ljust(width) + "  ".join(c.ljust(max(len(c), 12)) for c in cols) + "  cases  spm."
        )
        for tc in mc.themes:
            values = [tc.kort_fortalt, tc.sammenfatning, *tc.sections.values()]
            cells = "  ".join(
                (v.value if v else "–").ljust(max(len(c), 12)) for c, v in zip(cols, values, strict=True)
            )
            name = f"{tc.theme.model.nummer:>2} {tc.theme.id}".ljust(width)
            lines.append(f"  {name}{cells}  {tc.cases:>5}  {tc.questions:>4}")
        for fund, where in mc.findings.items():
            shown = ", ".join(f"tema {theme.model.nummer} {pid}" for theme, pid in where)
            lines.append(f"  Fund {fund}: {shown}")
        chapter = m.model.temakapitel
        lines += ["", "  Læs i udgivelsen (her står det, der endnu ikke er gengivet fra kortlægningen):"]
        if chapter:
            lines.append(f"  kapitel {chapter.nummer} '{chapter.titel}'; tema n er afsnit {chapter.nummer}.n")
        for theme, rows in to_read(mc):
            lines.append(f"    tema {theme.model.nummer} {theme.id}: " + ", ".join(map(_to_read_line, rows)))
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
        f"Skrevet ud fra en kilde: {sourced_words(cov.sections, cov.findings)}",
    ]
    return "\n".join(lines) + "\n"
