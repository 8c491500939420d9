"""The content model: one class per kind of thing an editor writes in YAML.

Field names are Danish because they are the editors' interface; keep them
stable. References between files are plain ids here; `linker` resolves them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic.config import JsonDict
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from generator.content.slugs import SLUG_PATTERN

Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=80)]


class Kind(StrEnum):
    """The kinds of content: one folder of themes_data/ each (the value is the folder's name).
    Everything else about a kind (its model, node, wording, schema, page, path) is declared
    once, in `kinds.py`."""

    kilder = "kilder"
    kortlaegninger = "kortlaegninger"
    litteraturstudier = "litteraturstudier"
    perspektiver = "perspektiver"
    pejlemaerker = "pejlemaerker"
    anbefalinger = "anbefalinger"
    temaer = "temaer"
    cases = "cases"


@dataclass(frozen=True)
class RefersTo:
    """Marks an id as a reference to a file of `kind`: the content editor offers that kind's
    entries to choose from (editors/decap.py). In the JSON Schema as `x-refers-to`."""

    kind: Kind

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(schema), "x-refers-to": self.kind.value}


KildeId = Annotated[Id, RefersTo(Kind.kilder)]
KortlaegningId = Annotated[Id, RefersTo(Kind.kortlaegninger)]
LitteraturstudieId = Annotated[Id, RefersTo(Kind.litteraturstudier)]
PerspektivId = Annotated[Id, RefersTo(Kind.perspektiver)]
PejlemaerkeId = Annotated[Id, RefersTo(Kind.pejlemaerker)]
AnbefalingId = Annotated[Id, RefersTo(Kind.anbefalinger)]
TemaId = Annotated[Id, RefersTo(Kind.temaer)]
CaseId = Annotated[Id, RefersTo(Kind.cases)]


def item_label(name: str) -> JsonDict:
    """What one item of a list of plain values is called ("Tilføj søgeord"); a list of models
    names its items by the model's title (editors/schema.MODEL_TEXTS)."""
    return {"x-item-label": name}


ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


@dataclass(frozen=True)
class MarkdownText:
    """Marks a text field as Markdown: the pages render it, and the open data publishes it made
    safe, as the page shows it (render/opendata.py). Not in the JSON Schema."""


LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000), MarkdownText()
]


def _parentheses_balanced(url: str) -> str:
    """A ')' without its '(' ends a Markdown link early: the reader would get a cut address."""
    depth = 0
    for char in url:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise ValueError(
            f"adressen '{url}' har en parentes uden sin partner, så linket ville blive klippet over; "
            "skriv %28 for '(' og %29 for ')'"
        )
    return url


Url = Annotated[
    str,
    StringConstraints(pattern=r"^https://[^\s<>\"]+$", max_length=500),
    AfterValidator(_parentheses_balanced),
]
Number = Annotated[StrictInt, Field(ge=1, le=999)]


def _iso_date_text(value: object) -> object:
    """Dates are written ÅÅÅÅ-MM-DD; no timestamps, no times, no numbers."""
    if isinstance(value, dt.date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value)):
        return value
    raise PydanticCustomError("iso_date", "a date written YYYY-MM-DD")


Dato = Annotated[
    dt.date,
    BeforeValidator(_iso_date_text),
    Field(json_schema_extra={"pattern": r"^\d{4}-\d\d-\d\d$"}),
]


# What an editor writes instead of a date while no subject expert has reviewed a theme:
# a page must never claim a review that has not happened.
NOT_YET_REVIEWED = "ikke endnu"


def _review_date_text(value: object) -> object:
    if isinstance(value, str) and value.strip().lower() == NOT_YET_REVIEWED:
        return NOT_YET_REVIEWED
    try:
        return _iso_date_text(value)
    except PydanticCustomError:
        raise PydanticCustomError("review_date", "a date written YYYY-MM-DD or 'ikke endnu'") from None


ReviewDate = Annotated[
    dt.date | Literal["ikke endnu"],
    BeforeValidator(_review_date_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date", "pattern": r"^\d{4}-\d\d-\d\d$"},
                {"const": NOT_YET_REVIEWED},
            ]
        }
    ),
]


# Marks that combine with the letter before them (U+0300–036F and the other combining blocks):
# part of a word where Unicode has no composed letter for the pair.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"
# The same rule for an editor's JSON Schema validator, which may read \w as ASCII only
# (ECMA-262): any character but white space and ASCII punctuation.
_SCHEMA_WORD = r"[^\s!-/:-@\[-`{-~]+"


def _search_word(value: object) -> object:
    """A search word is plain words (letters, digits), one space or hyphen between them: it goes
    into the page's HTML for the search index, so nothing else may pass. Composed first (NFC,
    as every text: Strict), so "måltider" pasted decomposed from macOS or a PDF is letters."""
    text = unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else None
    if text is not None and re.fullmatch(rf"{_WORD}(?:[ -]{_WORD})*", text):
        return text.lower()
    raise PydanticCustomError("search_word", "plain words: letters and digits, a space or hyphen between")


Soegeord = Annotated[
    str,
    BeforeValidator(_search_word),
    StringConstraints(max_length=60),
    WithJsonSchema(
        {"type": "string", "pattern": rf"^{_SCHEMA_WORD}(?:[ -]{_SCHEMA_WORD})*$", "maxLength": 60}
    ),
]


def _composed(value: object) -> object:
    """Text as one form of Unicode (NFC), whatever it was pasted from: "å" typed, or "a" and a
    combining ring from macOS or a PDF, is one letter to every pattern, comparison and page."""
    if isinstance(value, str):
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_composed(item) for item in value]
    return value  # a nested model's fields are composed by its own validator


class Strict(BaseModel):
    """Unknown fields are errors: a typo must never be silently ignored. Every text is composed
    (NFC) before a field sees it, as slugs are (slugs.slugify)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _compose_texts(cls, data: object) -> object:
        if isinstance(data, dict):
            return {key: _composed(value) for key, value in data.items()}
        return data


class Entity(Strict):
    """One file of themes_data/: a thing with an id, which is also its file name and its URL or anchor."""

    id: Id = Field(title="Id")


class Grundlag(StrEnum):
    """What a block of content rests on; shown to the reader with the block.

    A publication other than the mapping and the literature studies is named by who publishes it,
    so that a union's trade magazine never reads as a public authority's word."""

    kortlaegning = "kortlaegning"
    litteraturstudie = "litteraturstudie"
    # Published by a public authority or state institution: Socialstyrelsen, a municipality, SFI.
    offentlig_udgivelse = "offentlig-udgivelse"
    # The partner that worked on the mapping or the pejlemærker with VIVE and Socialstyrelsen (SUS).
    projektpartner = "projektpartner"
    # An association, interest organisation or foundation: not an authority, not the mapping.
    organisation = "organisation"
    # An article in a trade magazine (a union's, such as Socialpædagogen).
    fagblad = "fagblad"
    casens_hjemmeside = "casens-hjemmeside"
    redaktionel = "redaktionel"
    # A literature study's finding that the editors, not the mapping, placed under a theme.
    litteraturstudie_placeret = "litteraturstudie-placeret"
    # Official knowledge (e.g. sbst.dk) shown on a theme as background: never the mapping's content.
    officiel_baggrund = "officiel-baggrund"


GRUNDLAG_LABELS: dict[Grundlag, str] = {
    Grundlag.kortlaegning: "Kortlægningen",
    Grundlag.litteraturstudie: "Litteraturstudiet",
    Grundlag.offentlig_udgivelse: "Offentlig udgivelse",
    Grundlag.projektpartner: "Udgivelse fra en projektpartner",
    Grundlag.organisation: "Udgivelse fra en organisation",
    Grundlag.fagblad: "Artikel i et fagblad",
    # The label says it once for every such block, so no block repeats it in a sentence.
    Grundlag.casens_hjemmeside: "Casens egen hjemmeside – ikke fra kortlægningen",
    Grundlag.redaktionel: "Redaktionel tekst",
    Grundlag.litteraturstudie_placeret: (
        "Litteraturstudiet – placeret under temaet af redaktionen, ikke af kortlægningen"
    ),
    Grundlag.officiel_baggrund: "Officiel baggrundsviden – ikke fra kortlægningen",
}

# Values of a choice that are no longer in use, and what to write now: an editor's old habit (or an
# old file) gets told what replaced it, not only the list of today's values.
RETIRED_CHOICES: dict[str, str] = {
    "anden-udgivelse": (
        "mærket er delt op efter udgiveren: 'offentlig-udgivelse' (en myndighed, fx Socialstyrelsen), "
        "'projektpartner' (fx SUS), 'organisation' (en forening eller fond) eller 'fagblad'"
    ),
}


class Blok(Strict):
    """A block of Markdown text with what it rests on."""

    tekst: LongText = Field(title="Tekst", description="Teksten, skrevet med egne ord (Markdown).")
    grundlag: Grundlag = Field(title="Grundlag", description="Hvad teksten bygger på.")
    kilder: list[KildeId] = Field(
        title="Kilder",
        default_factory=list,
        description="Kilderne i kildelisten, teksten bygger på (id'er på filer i themes_data/kilder).",
    )
    # Which finding of the study a placed block shows: the same finding under two themes is one
    # finding, and coverage counts it once (generator/render/coverage.py).
    fund: Id | None = Field(
        title="Fund",
        default=None,
        description="Kun med grundlag: litteraturstudie-placeret: et kort id for fundet i litteraturstudiet, "
        "fx 'trivsel-og-fysisk-sundhed'. Står samme fund under flere temaer, får det samme id og tæller "
        "én gang i dækningen.",
    )


class Kilde(Entity):
    """A bibliography entry."""

    titel: ShortText = Field(title="Titel")
    undertitel: ShortText | None = Field(default=None, title="Undertitel")
    forfattere: list[ShortText] = Field(
        title="Forfattere",
        description="Forfatterne, én pr. linje, som de står i udgivelsen (kan være tom).",
        json_schema_extra=item_label("forfatter"),
        default_factory=list,
    )
    udgiver: ShortText = Field(
        title="Udgiver", description="Hvem der udgiver kilden, fx 'VIVE' eller 'Socialstyrelsen'."
    )
    aar: Annotated[StrictInt, Field(ge=1900, le=2100)] | None = Field(default=None, title="År")
    url: Url = Field(title="Webadresse")
    type: Literal[
        "rapport", "litteraturstudie", "udgivelse", "nyhed", "artikel", "hjemmeside", "projektside"
    ] = Field(
        title="Type", description="Hvilken slags kilde det er; bestemmer, hvordan kilden vises i kildelisten."
    )
    note: ShortText | None = Field(default=None, title="Note")


class Noegletal(Strict):
    tal: StrictInt = Field(title="Tal", description="Tallet, som det står i kortlægningen.")
    betydning: ShortText = Field(title="Betydning", description="Hvad tallet tæller, fx 'kvalitetstemaer'.")


class Temakapitel(Strict):
    """Where a mapping's themes stand in the publication, as far as the public sources show it:
    theme n is section "{nummer}.{n}". No page numbers: the public sources do not give them."""

    nummer: Number = Field(title="Nummer", description="Kapitlets nummer i udgivelsen, fx 2.")
    titel: ShortText = Field(title="Titel", description="Kapitlets titel, som den står i udgivelsen.")
    perspektiver_i_raekkefoelge: StrictBool = Field(
        title="Perspektiverne i rækkefølge",
        description="true, når kilderne viser, at hvert temas afsnit har perspektiverne i kortlægningens "
        "rækkefølge (så er perspektiv nr. 2 afsnittets 2. del); ellers false.",
    )


class Kortlaegning(Entity):
    """One of the two VIVE 2021 mappings."""

    kort_navn: ShortText = Field(title="Kort navn", description="Kort navn i menuen, fx 'Bostøtte'.")
    titel: ShortText = Field(title="Titel")
    undertitel: ShortText = Field(title="Undertitel")
    aar: Annotated[StrictInt, Field(ge=1900, le=2100)] = Field(title="År")
    udgiver: ShortText = Field(title="Udgiver", description="Hvem der udgiver kortlægningen, fx 'VIVE'.")
    samarbejdspartnere: list[ShortText] = Field(
        title="Samarbejdspartnere",
        description="Dem, kortlægningen er lavet i samarbejde med.",
        json_schema_extra=item_label("samarbejdspartner"),
        default_factory=list,
    )
    finansieret_af: ShortText | None = Field(
        default=None, title="Finansieret af", description="Hvem der har betalt kortlægningen."
    )
    forfattere: list[ShortText] = Field(
        title="Forfattere",
        description="Kortlægningens forfattere, som de står i udgivelsen.",
        json_schema_extra=item_label("forfatter"),
    )
    e_isbn: Annotated[str, StringConstraints(pattern=r"^97[89]-[0-9-]{10,13}$")] | None = Field(
        default=None, title="E-ISBN", description="Udgivelsens e-ISBN, fx 978-87-7119-787-7."
    )
    vive_projekt: StrictInt | None = Field(
        default=None, title="VIVE-projektnummer", description="VIVE's projektnummer for kortlægningen."
    )
    sider: StrictInt | None = Field(
        default=None, title="Antal sider", description="Hvor mange sider udgivelsen har."
    )
    kilde: KildeId = Field(title="Kilde", description="Kilden (i kilder/) for selve udgivelsen.")
    bygger_paa: LitteraturstudieId = Field(
        title="Bygger på litteraturstudiet", description="Litteraturstudiet (id i litteraturstudier/)."
    )
    lovgrundlag: list[ShortText] = Field(
        title="Lovgrundlag",
        description="Paragrafferne, ydelsen gives efter, fx 'Servicelovens § 85'.",
        json_schema_extra=item_label("lovgrundlag"),
    )
    ydelse: ShortText = Field(
        title="Ydelse", description="Ydelsen, kortlægningen handler om, med læsernes ord."
    )
    perspektiver: list[PerspektivId] = Field(
        title="Perspektiver", min_length=1, description="Perspektiverne i kortlægningens rækkefølge."
    )
    cases: list[CaseId] = Field(title="Cases", description="Kortlægningens cases (id'er i cases/).")
    relationer_til: Literal["pejlemaerker", "anbefalinger"] = Field(
        title="Relationer til",
        description="Hvad kortlægningens temaer relateres til: Socialstyrelsens faglige pejlemærker "
        "(bostøtte) eller indsatskatalogets anbefalinger (botilbud).",
    )
    temakapitel: Temakapitel | None = Field(
        title="Temakapitel",
        default=None,
        description="Kapitlet med temaerne: så kan siden Dækning sige, hvor i udgivelsen et manglende "
        "afsnit står.",
    )
    om: list[Blok] = Field(
        title="Om",
        description="Hvad kortlægningen er, skrevet med egne ord; vises øverst på kortlægningens side.",
        min_length=1,
    )
    metode: list[Blok] = Field(
        title="Metode", description="Hvordan kortlægningen er lavet, skrevet med egne ord.", min_length=1
    )
    noegletal: list[Noegletal] = Field(
        title="Nøgletal",
        description="Tal fra kortlægningen, fx antal temaer eller cases, med hvad hvert tal betyder.",
        default_factory=list,
    )


class Litteraturstudie(Entity):
    titel: ShortText = Field(title="Titel")
    kilde: KildeId = Field(title="Kilde")
    kort_reference: ShortText = Field(title="Kort reference", description="Fx 'Kjær m.fl. 2020'.")
    antal_publikationer: ShortText | None = Field(
        default=None,
        title="Antal publikationer",
        description="Hvor mange publikationer studiet bygger på, som kilden siger det.",
    )
    temaer: list[ShortText] = Field(
        title="Temaer",
        description="Studiets egne temaer, som kilden nævner dem.",
        json_schema_extra=item_label("tema"),
        default_factory=list,
    )
    om: list[Blok] = Field(
        title="Om", description="Hvad studiet er og finder, skrevet med egne ord.", default_factory=list
    )


class Perspektiv(Entity):
    navn: ShortText = Field(title="Navn")
    kortlaegning: KortlaegningId = Field(title="Kortlægning")
    beskrivelse: Blok = Field(title="Beskrivelse")


class Pejlemaerke(Entity):
    nummer: Number = Field(title="Nummer")
    titel: ShortText = Field(title="Titel")
    kilde: KildeId = Field(title="Kilde")
    beskrivelse: list[Blok] = Field(
        title="Beskrivelse",
        default_factory=list,
        description="Hvad udgivelsen siger, skrevet med egne ord (valgfrit).",
    )


class Anbefaling(Entity):
    nummer: Number = Field(title="Nummer")
    titel: ShortText = Field(title="Titel")
    kilde: KildeId = Field(title="Kilde")
    beskrivelse: list[Blok] = Field(
        title="Beskrivelse",
        default_factory=list,
        description="Hvad udgivelsen siger, skrevet med egne ord (valgfrit).",
    )


class Perspektivafsnit(Strict):
    """A theme seen from one perspective. Either blocks, or not rendered yet."""

    perspektiv: PerspektivId = Field(title="Perspektiv")
    blokke: list[Blok] = Field(
        title="Blokke", description="Afsnittets tekst, i blokke med hver sit grundlag.", default_factory=list
    )
    ikke_gengivet: StrictBool = Field(
        title="Ikke gengivet endnu",
        default=False,
        description="true, når denne del af kortlægningen endnu ikke er gengivet på sitet.",
    )


class Rolle(StrEnum):
    """How the mapping uses a case under a theme, as the theme's own introduction says."""

    dybdegaaende = "dybdegaaende"
    supplerende = "supplerende"


ROLLE_LABELS: dict[Rolle, str] = {
    Rolle.dybdegaaende: "Dybdegående praksisbeskrivelse",
    Rolle.supplerende: "Supplerende eksempel",
}


class CaseHenvisning(Strict):
    """A case that illustrates a theme: only when a source says so."""

    case: CaseId = Field(title="Case")
    rolle: Rolle = Field(
        title="Rolle",
        description="dybdegaaende (en dybdegående praksisbeskrivelse) eller supplerende (et supplerende "
        "eksempel) – som kilden siger det.",
    )
    kilder: list[KildeId] = Field(title="Kilder", min_length=1)
    note: ShortText | None = Field(default=None, title="Note")


class Relationer(Strict):
    grundlag: Grundlag = Field(default=Grundlag.redaktionel, title="Grundlag")
    temaer: list[TemaId] = Field(
        title="Temaer",
        description="Temaer i den anden kortlægning, som hænger sammen med dette.",
        default_factory=list,
    )
    pejlemaerker: list[PejlemaerkeId] = Field(
        title="Pejlemærker",
        description="Socialstyrelsens faglige pejlemærker, temaet hænger sammen med.",
        default_factory=list,
    )
    anbefalinger: list[AnbefalingId] = Field(
        title="Anbefalinger",
        description="Indsatskatalogets anbefalinger, temaet hænger sammen med.",
        default_factory=list,
    )


class Spoergsmaal(Strict):
    id: Id = Field(title="Id")
    spoergsmaal: ShortText = Field(title="Spørgsmål")


class Aendring(Strict):
    dato: Dato = Field(title="Dato")
    tekst: ShortText = Field(title="Tekst")


class Gennemgang(Strict):
    fagligt_gennemgaaet: ReviewDate = Field(title="Fagligt gennemgået")
    naeste_gennemgang: Dato = Field(title="Næste gennemgang")

    @property
    def reviewed_on(self) -> dt.date | None:
        """The date of the subject review, or None while it has not happened ("ikke endnu")."""
        return self.fagligt_gennemgaaet if isinstance(self.fagligt_gennemgaaet, dt.date) else None


class Tema(Entity):
    nummer: Number = Field(title="Nummer")
    kortlaegning: KortlaegningId = Field(title="Kortlægning")
    titel: ShortText = Field(title="Titel")
    kort_fortalt: Blok = Field(title="Kort fortalt")
    sammenfatning: list[Blok] = Field(
        title="Sammenfatning",
        default_factory=list,
        description="Kortlægningens tværgående sammenfatning, når den ikke hører til ét perspektiv.",
    )
    perspektiver: list[Perspektivafsnit] = Field(
        title="Perspektiver",
        description="Ét afsnit pr. perspektiv i kortlægningens rækkefølge: blokke med tekst, "
        "eller 'ikke gengivet endnu'.",
        min_length=1,
    )
    baggrund: list[Blok] = Field(
        title="Baggrund",
        default_factory=list,
        description="Officiel baggrundsviden om temaet, som ikke står i kortlægningen "
        "(grundlag: officiel-baggrund).",
    )
    cases: list[CaseHenvisning] = Field(
        title="Cases",
        description="Cases, der belyser temaet – kun når en kilde siger det.",
        default_factory=list,
    )
    relateret: Relationer = Field(title="Relateret", default_factory=Relationer)
    refleksionsspoergsmaal: list[Spoergsmaal] = Field(
        title="Refleksionsspørgsmål",
        description="Spørgsmål til teammødet; de står på siden, på handouten og på spørgsmålskortene.",
        default_factory=list,
    )
    kilder: list[KildeId] = Field(title="Kilder", default_factory=list)
    gennemgang: Gennemgang = Field(title="Faglig gennemgang")
    aendringer: list[Aendring] = Field(
        title="Ændringer",
        description="Faglige ændringer af temaet, med dato; vises for læseren.",
        default_factory=list,
    )
    soegeord: list[Soegeord] = Field(
        title="Søgeord",
        json_schema_extra=item_label("søgeord"),
        default_factory=list,
        max_length=40,
        description=(
            "Hverdagsord, som praktikere søger på, men som temaets egen tekst ikke bruger "
            "(fx 'job' og 'arbejde' til 'Virke og beskæftigelse'). Søgningen finder temaet på dem og "
            "vægter dem højt; de vises ikke på siden. Kun bogstaver og tal, evt. flere ord med "
            "mellemrum eller bindestreg."
        ),
    )


class Praksiseksempel(Strict):
    """A practice example the mapping describes at a case, under the mapping's own title for it.

    No theme field on purpose: the public sources do not say which theme an example is
    filed under, and the site must not guess.
    """

    titel: ShortText = Field(title="Titel", description="Kortlægningens egen titel for eksemplet, ordret.")
    tekst: LongText = Field(
        title="Tekst", description="Hvad kortlægningen beskriver, skrevet med egne ord (Markdown)."
    )
    kilder: list[KildeId] = Field(title="Kilder", min_length=1, description="Kortlægningen (id i kilder/).")


class Case(Entity):
    type: Literal["kommune", "botilbud"] = Field(
        title="Type", description="Om casen er en kommune eller et botilbud."
    )
    navn: ShortText = Field(title="Navn")
    kortlaegning: KortlaegningId = Field(title="Kortlægning")
    kommune: ShortText | None = Field(
        default=None, title="Kommune", description="Kommunen, et botilbud ligger i."
    )
    region: ShortText | None = Field(default=None, title="Region", description="Regionen, casen ligger i.")
    lovgrundlag: list[Literal["§ 85", "§ 107", "§ 108"]] = Field(
        title="Lovgrundlag",
        description="Paragrafferne i serviceloven, casens tilbud gives efter.",
        default_factory=list,
    )
    hjemmeside: Url | None = Field(default=None, title="Hjemmeside")
    beskrivelse: list[Blok] = Field(
        title="Beskrivelse",
        description="Hvad casen er og gør, skrevet med egne ord ud fra kilderne.",
        default_factory=list,
    )
    praksiseksempler: list[Praksiseksempel] = Field(
        title="Praksiseksempler",
        default_factory=list,
        description="Eksempler på praksis, som kortlægningen beskriver hos casen (uden tema).",
    )
    kilder: list[KildeId] = Field(title="Kilder", default_factory=list)
