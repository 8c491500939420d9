"""The theme page, its one-page handout and the question cards: one view of a theme for all three.

A theme's identity (its number, title, place in the mapping and the facts about it) is built once,
in `ThemeHeading`; the page, the handout and every card print it from there, so a fact added to
`facts()` reaches each of them that it is meant for (tests/test_theme_view.py adds one).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from generator.content.linker import CaseNode, MappingNode, PerspectiveNode, Site, ThemeNode
from generator.content.model import GRUNDLAG_LABELS, ROLLE_LABELS, Blok, Grundlag, Rolle, Tema
from generator.errors import ContentError
from generator.render import pages as P
from generator.render import reach as R
from generator.render.views import common as V

# ---- the theme's identity: the same on the page, the handout and the cards


class Fact(NamedTuple):
    """One fact about a theme, with where it is printed."""

    label: str
    value: str
    on_page: bool = True
    on_handout: bool = True
    on_cards: bool = False


def facts(theme: ThemeNode) -> list[Fact]:
    """The facts printed with a theme's title: its subject review, on the page and the handout."""
    review = theme.model.gennemgang
    reviewed = review.reviewed_on
    return [
        Fact("Fagligt gennemgået", V.danish_date(reviewed) if reviewed else "ikke endnu"),
        Fact(
            "Næste gennemgang" if reviewed else "Gennemgang planlagt", V.danish_date(review.naeste_gennemgang)
        ),
    ]


class ThemeHeading(NamedTuple):
    """Who a theme is: printed above its page and its handout, and at the foot of its cards."""

    target: ThemeNode  # for href() and absolute()
    number: int
    title: str
    of: int  # the number of themes in its mapping
    mapping: MappingNode
    mapping_name: str  # "Bostøtte"
    publisher: str  # "VIVE 2021"
    page_facts: tuple[Fact, ...]
    handout_facts: tuple[Fact, ...]
    card_facts: tuple[Fact, ...]


def heading(theme: ThemeNode) -> ThemeHeading:
    k = theme.mapping.model
    all_facts = facts(theme)
    return ThemeHeading(
        target=theme,
        number=theme.model.nummer,
        title=theme.model.titel,
        of=len(theme.mapping.themes),
        mapping=theme.mapping,
        mapping_name=k.kort_navn,
        publisher=V.by(k.udgiver, k.aar),
        page_facts=tuple(f for f in all_facts if f.on_page),
        handout_facts=tuple(f for f in all_facts if f.on_handout),
        card_facts=tuple(f for f in all_facts if f.on_cards),
    )


# ---- the meeting mode's button (the theme's guide and the cards)


class MeetingButton(NamedTuple):
    """The button that starts the meeting mode (assets/meeting.js) on a page."""

    kind: str  # "tema": Start teammødet; "traek": Træk et kort
    label: str
    minutes: str  # the guide's time boxes, "5 20 5", for the timer; "" for none
    param: str  # the address parameter that opens the mode directly: ?teammoede=2, ?traek
    script: str  # assets/meeting.js relative to the page


# The guide's time boxes in minutes (read aloud, talk, agree), as the guide says and the timer runs.
MEETING_MINUTES = (5, 20, 5)


def meeting_button(page_path: str, kind: str) -> MeetingButton:
    script = P.file_href(page_path, P.MEETING_SCRIPT)
    if kind == "tema":
        minutes = " ".join(str(m) for m in MEETING_MINUTES)
        return MeetingButton(kind, "Start teammødet", minutes, "teammoede", script)
    return MeetingButton(kind, "Træk et kort", "", "traek", script)


# ---- the theme page


class Missing(NamedTuple):
    """The one box that names the parts of a theme the site does not reproduce yet."""

    what: str  # "denne del" / "disse dele"
    parts: tuple[tuple[str, str], ...]  # (perspective's name, its anchor), so old links still land


class Across(NamedTuple):
    """A link from a perspective's section to the same perspective across the mapping's themes."""

    name: str
    target: PerspectiveNode
    shown: int
    total: int


class Section(NamedTuple):
    name: str
    anchor: str
    runs: tuple[V.BlockRun, ...]
    across: Across | None  # only when the perspective has content under more than this theme


class CaseLine(NamedTuple):
    """A case under the theme: its role, note and the sources that give the link."""

    name: str
    target: CaseNode
    role: str  # "Dybdegående praksisbeskrivelse"
    note: str
    sources: tuple[V.SourceLink, ...]


class Related(NamedTuple):
    lead: str  # "Fagligt pejlemærke 3: "
    title: str
    target: object


class Question(NamedTuple):
    number: int
    text: str
    anchor: str
    # A card has a fixed size on paper: a long question gets smaller type (print.css).
    card_size: str  # "", " .vive-kort__spm--lang" or both modifiers


# What the handout and the cards say of their questions and guide.
QUESTIONS_BASIS = V.editorial("spørgsmål og vejledning er skrevet af redaktionen.")

# Question lengths (characters) past which a card sets the question in smaller type.
LONG_QUESTION = 120
VERY_LONG_QUESTION = 200


def _card_size(text: str) -> str:
    size = " .vive-kort__spm--lang" if len(text) > LONG_QUESTION else ""
    return size + (" .vive-kort__spm--meget-lang" if len(text) > VERY_LONG_QUESTION else "")


class Meeting(NamedTuple):
    """The guide to a team discussion under the questions (_teammoede.md.j2)."""

    minutes: tuple[int, ...]
    mapping_name: str  # lower case, in running text
    cards: str  # the mapping's question cards
    button: MeetingButton
    basis: V.Basis  # the questions' and the guide's: the editors wrote them


class Change(NamedTuple):
    date: str
    text: str


class Review(NamedTuple):
    reviewed: str  # a Danish date, "" while the theme has not been reviewed
    next: str
    link: str  # the heading's link to the review section: "Se ændringer" / "Om gennemgangen"
    changes: tuple[Change, ...]  # newest first


class HandoutCase(NamedTuple):
    name: str
    role: str  # lower case, in running text
    sources: tuple[V.SourceLink, ...]


class Handout(NamedTuple):
    """What a theme's handout prints beyond its fixed parts, as much as fits on the A4 page."""

    summary: tuple[V.BlockRun, ...] = ()  # the mapping's summary of the theme
    citizens: str = ""  # the name of the citizens' perspective, when its blocks fit
    citizens_runs: tuple[V.BlockRun, ...] = ()
    literature: str = ""  # the name of the perspective with the literature's findings, when they fit
    literature_runs: tuple[V.BlockRun, ...] = ()
    cases: tuple[HandoutCase, ...] = ()
    left_out: bool = False  # something sourced did not fit: the page says it is online


class ThemeView(NamedTuple):
    heading: ThemeHeading
    summary: tuple[V.BlockRun, ...]  # Kort fortalt
    search_words: str  # the editors' search words, never shown
    publication: V.Publication
    missing: Missing | None
    overview: tuple[V.BlockRun, ...]  # the mapping's summary
    sections: tuple[Section, ...]
    background: tuple[V.BlockRun, ...]
    cases: tuple[CaseLine, ...]
    cases_word: str  # "casen" / "casene"
    related: tuple[Related, ...]
    related_basis: V.Basis
    questions: tuple[Question, ...]
    questions_basis: V.Basis  # on the handout
    meeting: Meeting
    sources: tuple[V.Citation, ...]
    review: Review
    handout: Handout = Handout()


def _section(site: Site, persp: PerspectiveNode, blocks: list[Blok]) -> Section:
    reach = R.reach(persp)
    across = Across(persp.model.navn, persp, reach.shown, reach.total) if reach.shown > 1 else None
    return Section(persp.model.navn, persp.id, V.runs(site, blocks), across)


def _case_lines(site: Site, theme: ThemeNode) -> tuple[CaseLine, ...]:
    """The theme's cases, in-depth before supplementary, each role in the order the theme lists them."""
    ordered = sorted(theme.cases, key=lambda c: c[1].rolle.value)
    return tuple(
        CaseLine(
            case.model.navn,
            case,
            ROLLE_LABELS[Rolle(ref.rolle)],
            ref.note or "",
            V.source_links(site, ref.kilder, first=""),
        )
        for case, ref in ordered
    )


def questions(theme: ThemeNode) -> tuple[Question, ...]:
    """The theme's reflection questions, numbered, as its page, handout and cards print them."""
    return tuple(
        Question(i, q.spoergsmaal, q.id, _card_size(q.spoergsmaal))
        for i, q in enumerate(theme.model.refleksionsspoergsmaal, start=1)
    )


def _related(theme: ThemeNode) -> tuple[Related, ...]:
    lines = [
        Related(
            f"Tema i kortlægningen af {other.mapping.model.kort_navn.lower()}: ",
            f"{other.model.nummer}. {other.model.titel}",
            other,
        )
        for other in theme.related
    ]
    lines += [Related(f"Fagligt pejlemærke {r.model.nummer}: ", r.model.titel, r) for r in theme.pejlemaerker]
    lines += [Related(f"Anbefaling {r.model.nummer}: ", r.model.titel, r) for r in theme.anbefalinger]
    return tuple(lines)


def _related_basis(theme: ThemeNode) -> V.Basis:
    grundlag = Grundlag(theme.model.relateret.grundlag)
    label = GRUNDLAG_LABELS[grundlag]
    if grundlag == Grundlag.redaktionel:
        label += " – koblingerne er vores forslag, ikke kortlægningens"
    return V.Basis(label + ".", grundlag.value, ())


def _review(theme: ThemeNode) -> Review:
    t = theme.model
    reviewed = t.gennemgang.reviewed_on
    changes = sorted(t.aendringer, key=lambda c: c.dato, reverse=True)
    return Review(
        V.danish_date(reviewed) if reviewed else "",
        V.danish_date(t.gennemgang.naeste_gennemgang),
        "Se ændringer" if t.aendringer else "Om gennemgangen",
        tuple(Change(V.danish_date(c.dato), c.tekst) for c in changes),
    )


def theme_view(site: Site, theme: ThemeNode) -> ThemeView:
    t = theme.model
    mapping = theme.mapping
    missing = [persp for persp, part in theme.sections if part.ikke_gengivet]
    cases = _case_lines(site, theme)
    asked = questions(theme)
    return ThemeView(
        heading=heading(theme),
        summary=V.runs(site, [t.kort_fortalt]),
        search_words=", ".join(t.soegeord),
        publication=V.publication(mapping),
        missing=(
            Missing(
                V.word(len(missing), "denne del", "disse dele"), tuple((p.model.navn, p.id) for p in missing)
            )
            if missing
            else None
        ),
        overview=V.runs(site, t.sammenfatning),
        sections=tuple(
            _section(site, persp, part.blokke) for persp, part in theme.sections if not part.ikke_gengivet
        ),
        background=V.runs(site, t.baggrund),
        cases=cases,
        cases_word=V.word(len(cases), "casen", "casene"),
        related=_related(theme),
        related_basis=_related_basis(theme),
        questions=asked,
        questions_basis=QUESTIONS_BASIS,
        meeting=Meeting(
            MEETING_MINUTES,
            mapping.model.kort_navn.lower(),
            P.cards_path(mapping),
            meeting_button(P.path_of(theme), "tema"),
            V.editorial(f"{'spørgsmålene og ' if asked else ''}vejledningen er skrevet af redaktionen."),
        ),
        sources=tuple(V.citation(k) for k in theme.sources),
        review=_review(theme),
        handout=handout(site, theme),
    )


# ---- the handout: one A4 page (print.css shows only this block when a theme page is printed)

# The handout's page, computed from its layout (content/assets/print.css; keep the two in step).
# A4 is 297 mm, 12 mm margins: 273 mm of which 2 are kept free. Body text is 10.5 pt with a line
# height of 1.4 (5.19 mm a line) and about 95 characters a line (Danish text measures ~100, so a
# line of 95 is on the safe side); every paragraph of the handout, a part's 13 pt heading and the
# title included, has 2 mm under it (`.vive-handout p`).
# Whatever the parts leave becomes lines for the team's notes (at least two).
# tests/browser/test_print_kit.py prints every theme and a Kort fortalt at its limit, and counts pages.
PAGE_MM = 271
LINE_MM = 10.5 * 1.4 * 25.4 / 72
_HEADING_MM = 13 * 1.4 * 25.4 / 72 + 2
_GAP_MM = 2  # after a paragraph or a list
_BASIS_MM = 8.5 * 1.4 * 25.4 / 72 + _GAP_MM  # a "Grundlag: …" line
_TITLE_LINE_MM = 20 * 1.2 * 25.4 / 72
# The parts every handout has, besides the title's lines and the questions: the context line
# (9 pt), the title's margins, the review box, the headings of Kort fortalt, the questions, the
# guide and the notes, Kort fortalt's basis line, the "more online" line, the guide (a fixed text
# of four lines and its basis), two note lines, and the address with its 30 mm QR code.
FIXED_MM = (
    (9 * 1.4 * 25.4 / 72 + _GAP_MM)
    + _GAP_MM
    + (8.2 + _GAP_MM)
    + 4 * _HEADING_MM
    + _BASIS_MM
    + (LINE_MM + _GAP_MM)
    + (4 * LINE_MM + 4 + _GAP_MM + _BASIS_MM)
    + 16
    + (36.7 + 5)
)
_HANDOUT_LINE = 95  # characters on one printed line: a short paragraph still takes a line
_TITLE_LINE = 48  # characters of the 20 pt title on one line
_HANDOUT_PART = round((_HEADING_MM + _BASIS_MM) / LINE_MM * _HANDOUT_LINE)  # a part's heading and basis
_HANDOUT_CASE = round((LINE_MM + 1) / LINE_MM * _HANDOUT_LINE)  # one case's line and its gap
_PARAGRAPHS = re.compile(r"\n\s*\n|\n(?=\s*[-*] )")


def _printed(text: str) -> int:
    """Characters a text takes on paper, rounded up to whole lines per paragraph."""
    paragraphs = _PARAGRAPHS.split(text.strip())  # a list item starts a line of its own
    return sum(-(-max(len(p), 1) // _HANDOUT_LINE) * _HANDOUT_LINE for p in paragraphs)


class _Room:
    """The room left on the handout's page, taken a part at a time."""

    def __init__(self, chars: int) -> None:
        self.chars = chars
        self.left_out = False

    def fit(self, blocks: list[Blok]) -> list[Blok]:
        """The part's blocks, in order, while they fit (a part heading and basis line included)."""
        taken: list[Blok] = []
        cost = _HANDOUT_PART
        for block in blocks:
            more = _printed(block.tekst) + _HANDOUT_LINE  # its basis line or the gap after it
            if cost + more > self.chars:
                self.left_out = True
                break
            cost += more
            taken.append(block)
        if taken:
            self.chars -= cost
        return taken


def _free_lines(t: Tema) -> int:
    """Body lines left on the handout's page after its fixed parts, the title and the questions:
    Kort fortalt's, then the sourced content's, then the notes'."""
    title_lines = -(-len(t.titel) // _TITLE_LINE)
    questions = sum(_printed(q.spoergsmaal) // _HANDOUT_LINE * LINE_MM + 1 for q in t.refleksionsspoergsmaal)
    used = FIXED_MM + title_lines * _TITLE_LINE_MM + questions + (_GAP_MM if t.refleksionsspoergsmaal else 0)
    return int((PAGE_MM - used - _GAP_MM) // LINE_MM)


def kort_fortalt_limit(t: Tema) -> int:
    """The most printed characters (whole lines per paragraph) Kort fortalt may take, so that the
    handout stays one A4 page with this theme's title and questions: `validate` holds it."""
    return max(_free_lines(t), 0) * _HANDOUT_LINE


def handout_errors(site: Site) -> list[ContentError]:
    """A Kort fortalt longer than its handout has room for: an error at the text, with the limit."""
    errors = []
    for theme in site.themes.values():
        t = theme.model
        limit, printed = kort_fortalt_limit(t), _printed(t.kort_fortalt.tekst)
        if printed > limit:
            questions = len(t.refleksionsspoergsmaal)
            errors.append(
                theme.origin.doc.error(
                    ("kort_fortalt", "tekst"),
                    f"'Kort fortalt' er for lang til temaets handout på én A4-side: med temaets titel og "
                    f"{questions} {V.word(questions, 'spørgsmål', 'spørgsmål')} er der plads til højst "
                    f"{limit} tegn ({limit // _HANDOUT_LINE} linjer à {_HANDOUT_LINE} tegn; hvert afsnit "
                    f"begynder på en ny linje), og teksten fylder {printed}",
                    "forkort teksten – mere kan stå i 'sammenfatning' – eller gør spørgsmålene kortere",
                )
            )
    return errors


def _literature(theme: ThemeNode) -> tuple[PerspectiveNode, list[Blok]] | None:
    """The perspective whose blocks rest on a literature study (the theme page's literature block)."""
    studies = (Grundlag.litteraturstudie, Grundlag.litteraturstudie_placeret)
    for persp, part in theme.sections:
        blocks = [b for b in part.blokke if Grundlag(b.grundlag) in studies]
        if not part.ikke_gengivet and blocks:
            return persp, blocks
    return None


def handout(site: Site, theme: ThemeNode) -> Handout:
    t = theme.model
    room = _Room(kort_fortalt_limit(t) - _printed(t.kort_fortalt.tekst))
    out = Handout(summary=V.runs(site, room.fit(list(t.sammenfatning))))
    # Both mappings open every theme with the citizens' own words and list that perspective
    # first: the handout carries it where the site reproduces it.
    first = theme.sections[0] if theme.sections else None
    if first and not first[1].ikke_gengivet and (blocks := room.fit(list(first[1].blokke))):
        out = out._replace(citizens=first[0].model.navn, citizens_runs=V.runs(site, blocks))
    # Then what the literature found (the bostøtte themes' "Viden fra litteraturen", the botilbud
    # themes' literature perspective), where the site has it.
    found = _literature(theme)
    if found and found[0] is not (first[0] if first else None) and (blocks := room.fit(found[1])):
        out = out._replace(literature=found[0].model.navn, literature_runs=V.runs(site, blocks))
    cases = sorted(theme.cases, key=lambda c: (c[1].rolle.value, c[0].model.navn))
    if cases and _HANDOUT_PART + _HANDOUT_CASE * len(cases) <= room.chars:
        lines = tuple(
            HandoutCase(
                case.model.navn, ROLLE_LABELS[Rolle(ref.rolle)].lower(), V.source_links(site, ref.kilder, "")
            )
            for case, ref in cases
        )
        out = out._replace(cases=lines)
    elif cases:
        room.left_out = True
    return out._replace(left_out=room.left_out)


# ---- the question cards of a mapping

# Question cards on an A4 sheet: 2 columns × 4 rows, each about 9 × 6.5 cm (print.css).
CARDS_PER_SHEET = 8


class Card(NamedTuple):
    """A question and the theme it belongs to; `question` None is the guide card."""

    question: Question | None
    theme: ThemeHeading | None


class Sheet(NamedTuple):
    cards: tuple[Card, ...]
    css: str  # its classes: the last sheet has no page break after it (print.css)


class CardsView(NamedTuple):
    mapping: MappingNode
    mapping_name: str
    questions: int
    themes: int
    pages: str  # "1 side" / "3 sider"
    cards_per_sheet: int
    button: MeetingButton
    basis: V.Basis
    sheets: tuple[Sheet, ...]


def cards_view(mapping: MappingNode) -> CardsView:
    """Every reflection question of a mapping as a card, after one guide card, in sheets."""
    cards = [Card(None, None)]
    for theme in mapping.themes:
        card_heading = heading(theme)
        cards += [Card(q, card_heading) for q in questions(theme)]
    chunks = [tuple(cards[i : i + CARDS_PER_SHEET]) for i in range(0, len(cards), CARDS_PER_SHEET)]
    last = len(chunks) - 1
    sheets = tuple(
        Sheet(chunk, "vive-kortark vive-kortark--sidste" if n == last else "vive-kortark")
        for n, chunk in enumerate(chunks)
    )
    return CardsView(
        mapping=mapping,
        mapping_name=mapping.model.kort_navn,
        questions=len(cards) - 1,
        themes=len(mapping.themes),
        pages=f"{len(sheets)} {V.word(len(sheets), 'side', 'sider')}",
        cards_per_sheet=CARDS_PER_SHEET,
        button=meeting_button(P.cards_path(mapping), "traek"),
        basis=QUESTIONS_BASIS,
        sheets=sheets,
    )


# --- the page a theme yields (kinds.SPECS: its `pages`) ------------------------------------------


def theme_anchors(theme: ThemeNode) -> list[P.Anchor]:
    """A theme page's anchors from content: a section per perspective, one per question."""
    anchors = [P.Anchor(p.id, p.origin, what=f"perspektivet '{p.id}'") for p, _ in theme.sections]
    for i, question in enumerate(theme.model.refleksionsspoergsmaal):
        anchors.append(
            P.Anchor(
                question.id,
                theme.origin,
                ("refleksionsspoergsmaal", i, "id"),
                what=f"spørgsmål {i + 1}",
                hint=f"brug fx 'spm-{question.id}'",
            )
        )
    return anchors


def theme_pages(site: Site, node: ThemeNode) -> list[P.Page]:
    """A theme's page (in the sidebar while its mapping's themes fit there)."""
    title = f"{node.model.nummer}. {node.model.titel}"
    summary = P.truncate(node.model.kort_fortalt.tekst, 155)
    view = theme_view(site, node)
    in_nav = P.themes_in_nav(node.mapping)
    return [P.entity_page(node, title, summary, in_nav=in_nav, anchors=theme_anchors(node), view=view)]
