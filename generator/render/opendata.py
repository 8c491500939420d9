"""The content as open data: the linked site as versioned JSON with its JSON Schema.

The published shape is its own pydantic model, apart from the editors' input model
(`model.py`): editors' fields may be renamed or split without breaking anyone who reads
`/data/v1/`, and what the data promises (`VERSION_PROMISE`) is kept here, in one place.
Both the MkDocs plugin and the export publish what `files` returns (pipeline.generate).

Reproducible like the HTML: keys sorted, lists in the site's own order, no timestamps.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from generator.content.kinds import SPECS, KindSpec
from generator.content.linker import (
    CaseNode,
    LiteratureNode,
    MappingNode,
    PerspectiveNode,
    RecommendationNode,
    Site,
    ThemeNode,
)
from generator.content.markdown_html import Converter
from generator.content.markdown_safety import safe_markdown
from generator.content.model import (
    GRUNDLAG_LABELS,
    ROLLE_LABELS,
    Blok,
    Entity,
    Grundlag,
    Kilde,
    Kind,
    MarkdownText,
    Rolle,
    Strict,
)
from generator.render import pages as P

VERSION = "1"
CONTENT_FILE = P.DATA_CONTENT
SCHEMA_FILE = P.DATA_SCHEMA
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The terms of the data are the terms of the site's text (mkdocs.yml: copyright).
TERMS = (
    "Samme vilkår som sitets tekst: teksterne er sitets egne, skrevet med egne ord ud fra offentlige "
    "kilder. Kortlægningerne selv er VIVEs og Socialstyrelsens; dataene gengiver ikke deres tekst, "
    "men henviser til dem."
)
VERSION_PROMISE = (
    "Inden for version 1 bliver intet felt fjernet, omdøbt eller får en ny betydning, og id'er "
    "bliver ved med at betyde det samme (som sidernes adresser). Nye felter og nye poster kan "
    "komme til. En ændring, der ville bryde det, udgives som version 2 under /data/v2/, ved siden "
    "af version 1."
)


@dataclass(frozen=True)
class ValueChange:
    """A published value that version 1 no longer uses: the one kind of break it has made, said
    openly on /data/ and in the data (tests/test_opendata.py fails on any other)."""

    date: dt.date
    field: str  # as the schema names it, e.g. "Grundlag" (a definition) or "CaseV1.type"
    removed: str
    replaced_by: tuple[str, ...]
    why: str


VERSION_CHANGES: tuple[ValueChange, ...] = (
    ValueChange(
        date=dt.date(2026, 12, 6),
        field="Grundlag",
        removed="anden-udgivelse",
        replaced_by=("offentlig-udgivelse", "projektpartner", "organisation", "fagblad"),
        why=(
            "'Anden offentlig udgivelse' blev læst, som om en myndighed stod bag; nu siger grundlaget, "
            "hvem der udgiver kilden: en myndighed, en projektpartner, en organisation eller et fagblad."
        ),
    ),
)


class Out(BaseModel):
    """A part of the published shape: every field always present (null when empty)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


SidePath = Field(
    description="Sidens adresse i forhold til sitets rod (site_url), fx 'bostoette/sundhed/'; "
    "et anker efter '#', når posten er et afsnit på en side."
)


class BlokV1(Out):
    tekst: str = Field(description="Teksten (Markdown, uden HTML), som den står på siden.")
    grundlag: Grundlag = Field(description="Hvad teksten bygger på.")
    grundlag_tekst: str = Field(description="Grundlaget, som læseren ser det, fx 'Kortlægningen'.")
    kilder: list[str] = Field(description="Id'er på kilder (se 'kilder').")
    fund: str | None = Field(
        description="Kun med grundlag 'litteraturstudie-placeret': fundets id i litteraturstudiet; "
        "samme fund under flere temaer har samme id. Ellers null."
    )


class NoegletalV1(Out):
    tal: int
    betydning: str


class TemakapitelV1(Out):
    nummer: int = Field(description="Kapitlets nummer i udgivelsen; tema n er afsnit {nummer}.n.")
    titel: str
    perspektiver_i_raekkefoelge: bool = Field(
        description="true: hvert temas afsnit har perspektiverne i kortlægningens rækkefølge."
    )


class KortlaegningV1(Out):
    id: str
    side: str = SidePath
    kort_navn: str
    titel: str
    undertitel: str
    aar: int
    udgiver: str
    samarbejdspartnere: list[str]
    finansieret_af: str | None
    forfattere: list[str]
    e_isbn: str | None
    vive_projekt: int | None = Field(description="Projektets nummer hos VIVE.")
    sider: int | None = Field(description="Udgivelsens antal sider.")
    lovgrundlag: list[str]
    ydelse: str
    kilde: str = Field(description="Id på kilden for selve udgivelsen.")
    bygger_paa: str = Field(description="Id på litteraturstudiet, kortlægningen bygger på.")
    perspektiver: list[str] = Field(description="Perspektivernes id'er i kortlægningens rækkefølge.")
    temaer: list[str] = Field(description="Temaernes id'er i nummerorden.")
    cases: list[str] = Field(description="Casenes id'er i kortlægningens rækkefølge.")
    relationer_til: Literal["pejlemaerker", "anbefalinger"]
    temakapitel: TemakapitelV1 | None = Field(
        description="Kapitlet med temaerne i udgivelsen, så langt de offentlige kilder viser det; "
        "null: ukendt."
    )
    om: list[BlokV1]
    metode: list[BlokV1]
    noegletal: list[NoegletalV1]


class LitteraturstudieV1(Out):
    id: str
    side: str = SidePath
    titel: str
    kilde: str
    kort_reference: str
    antal_publikationer: str | None
    temaer: list[str]
    om: list[BlokV1]
    kortlaegninger: list[str]


class PerspektivV1(Out):
    id: str
    side: str = SidePath
    navn: str
    kortlaegning: str
    beskrivelse: BlokV1


class PerspektivafsnitV1(Out):
    perspektiv: str
    navn: str
    side: str = SidePath
    ikke_gengivet: bool = Field(
        description="true: denne del af kortlægningen er ikke gengivet på sitet endnu."
    )
    blokke: list[BlokV1]


class CaseHenvisningV1(Out):
    case: str
    rolle: Rolle
    rolle_tekst: str = Field(description="Rollen, som læseren ser den.")
    kilder: list[str] = Field(description="Kilderne, der siger, at casen belyser temaet.")
    note: str | None


class RelationerV1(Out):
    grundlag: Grundlag
    temaer: list[str] = Field(description="Relaterede temaer i den anden kortlægning.")
    pejlemaerker: list[str]
    anbefalinger: list[str]


class SpoergsmaalV1(Out):
    id: str
    side: str = SidePath
    spoergsmaal: str


class GennemgangV1(Out):
    fagligt_gennemgaaet: dt.date | None = Field(description="null: ikke fagligt gennemgået endnu.")
    naeste_gennemgang: dt.date


class AendringV1(Out):
    dato: dt.date
    tekst: str


class VaerdiaendringV1(Out):
    """En værdi, version 1 ikke længere bruger (se versionsloefte)."""

    dato: dt.date
    felt: str = Field(description="Feltet eller typen i indhold.schema.json, fx 'Grundlag'.")
    fjernet: str
    erstattet_af: list[str]
    begrundelse: str


class TemaV1(Out):
    id: str
    side: str = SidePath
    kortlaegning: str
    nummer: int
    titel: str
    kort_fortalt: BlokV1
    sammenfatning: list[BlokV1]
    perspektiver: list[PerspektivafsnitV1]
    baggrund: list[BlokV1] = Field(
        description="Officiel baggrundsviden om temaet, som ikke står i kortlægningen."
    )
    cases: list[CaseHenvisningV1]
    relateret: RelationerV1
    refleksionsspoergsmaal: list[SpoergsmaalV1]
    kilder: list[str] = Field(description="Alle kilder, temaets tekst og links bygger på.")
    gennemgang: GennemgangV1
    aendringer: list[AendringV1]


class PraksiseksempelV1(Out):
    titel: str
    side: str = SidePath
    tekst: str
    kilder: list[str]


class CaseV1(Out):
    id: str
    side: str = SidePath
    type: Literal["kommune", "botilbud"]
    navn: str
    kortlaegning: str
    kommune: str | None
    region: str | None
    lovgrundlag: list[str]
    hjemmeside: str | None
    beskrivelse: list[BlokV1]
    praksiseksempler: list[PraksiseksempelV1]
    temaer: list[str] = Field(description="Temaer, casen belyser (rolle og kilder står under temaet).")
    kilder: list[str]


class AnbefalingV1(Out):
    """A faglig pejlemærke or an anbefaling: the same shape."""

    id: str
    side: str = SidePath
    nummer: int
    titel: str
    kilde: str
    beskrivelse: list[BlokV1]
    temaer: list[str]


class KildeV1(Out):
    id: str
    side: str = SidePath
    titel: str
    undertitel: str | None
    forfattere: list[str]
    udgiver: str
    aar: int | None
    url: str = Field(description="Kildens officielle adresse.")
    type: str
    note: str | None


class IndholdV1(Out):
    """Kvalitet i socialpsykiatrien: hele indholdet, sammenkædet."""

    version: Literal["1"]
    site_url: str | None = Field(description="Sitets adresse; 'side' er i forhold til den. null: ukendt.")
    vilkaar: str
    versionsloefte: str
    vaerdiaendringer: list[VaerdiaendringV1] = Field(
        description="Værdier, version 1 er holdt op med at bruge, med dato og hvad der bruges i stedet."
    )
    kortlaegninger: list[KortlaegningV1]
    litteraturstudier: list[LitteraturstudieV1]
    perspektiver: list[PerspektivV1]
    temaer: list[TemaV1]
    cases: list[CaseV1]
    pejlemaerker: list[AnbefalingV1]
    anbefalinger: list[AnbefalingV1]
    kilder: list[KildeV1]


def side(path: str, anchor: str = "") -> str:
    return P.url_of(path) + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class _Texts:
    """A text as the pages show it: Markdown made safe with the project's converter."""

    converter: Converter

    def markdown(self, text: str) -> str:
        return safe_markdown(text, self.converter)

    def block(self, b: Blok) -> BlokV1:
        return BlokV1(
            tekst=self.markdown(b.tekst),
            grundlag=b.grundlag,
            grundlag_tekst=GRUNDLAG_LABELS[b.grundlag],
            kilder=list(b.kilder),
            fund=b.fund,
        )


def _mapping(m: MappingNode, tx: _Texts) -> KortlaegningV1:
    k = m.model
    return KortlaegningV1(
        id=m.id,
        side=side(P.path_of(m)),
        kort_navn=k.kort_navn,
        titel=k.titel,
        undertitel=k.undertitel,
        aar=k.aar,
        udgiver=k.udgiver,
        samarbejdspartnere=list(k.samarbejdspartnere),
        finansieret_af=k.finansieret_af,
        forfattere=list(k.forfattere),
        e_isbn=k.e_isbn,
        vive_projekt=k.vive_projekt,
        sider=k.sider,
        lovgrundlag=list(k.lovgrundlag),
        ydelse=k.ydelse,
        kilde=m.source.id,
        bygger_paa=m.literature.id,
        perspektiver=[p.id for p in m.perspectives],
        temaer=[t.id for t in m.themes],
        cases=[c.id for c in m.cases],
        relationer_til=k.relationer_til,
        temakapitel=TemakapitelV1(**k.temakapitel.model_dump()) if k.temakapitel else None,
        om=[tx.block(b) for b in k.om],
        metode=[tx.block(b) for b in k.metode],
        noegletal=[NoegletalV1(tal=n.tal, betydning=n.betydning) for n in k.noegletal],
    )


def _literature(lit: LiteratureNode, tx: _Texts) -> LitteraturstudieV1:
    k = lit.model
    return LitteraturstudieV1(
        id=lit.id,
        side=side(P.path_of(lit)),
        titel=k.titel,
        kilde=lit.source.id,
        kort_reference=k.kort_reference,
        antal_publikationer=k.antal_publikationer,
        temaer=list(k.temaer),
        om=[tx.block(b) for b in k.om],
        kortlaegninger=[m.id for m in lit.mappings],
    )


def _perspective(p: PerspectiveNode, tx: _Texts) -> PerspektivV1:
    return PerspektivV1(
        id=p.id,
        side=side(P.path_of(p)),
        navn=p.model.navn,
        kortlaegning=p.mapping.id,
        beskrivelse=tx.block(p.model.beskrivelse),
    )


def _theme(theme: ThemeNode, tx: _Texts) -> TemaV1:
    t, path = theme.model, P.path_of(theme)
    return TemaV1(
        id=theme.id,
        side=side(path),
        kortlaegning=theme.mapping.id,
        nummer=t.nummer,
        titel=t.titel,
        kort_fortalt=tx.block(t.kort_fortalt),
        sammenfatning=[tx.block(b) for b in t.sammenfatning],
        perspektiver=[
            PerspektivafsnitV1(
                perspektiv=p.id,
                navn=p.model.navn,
                side=side(path, p.id),
                ikke_gengivet=afsnit.ikke_gengivet,
                blokke=[tx.block(b) for b in afsnit.blokke],
            )
            for p, afsnit in theme.sections
        ],
        baggrund=[tx.block(b) for b in t.baggrund],
        cases=[
            CaseHenvisningV1(
                case=case.id,
                rolle=ref.rolle,
                rolle_tekst=ROLLE_LABELS[ref.rolle],
                kilder=list(ref.kilder),
                note=ref.note,
            )
            for case, ref in theme.cases
        ],
        relateret=RelationerV1(
            grundlag=t.relateret.grundlag,
            temaer=[o.id for o in theme.related],
            pejlemaerker=[r.id for r in theme.pejlemaerker],
            anbefalinger=[r.id for r in theme.anbefalinger],
        ),
        refleksionsspoergsmaal=[
            SpoergsmaalV1(id=q.id, side=side(path, q.id), spoergsmaal=q.spoergsmaal)
            for q in t.refleksionsspoergsmaal
        ],
        kilder=[k.id for k in theme.sources],
        gennemgang=GennemgangV1(
            fagligt_gennemgaaet=t.gennemgang.reviewed_on, naeste_gennemgang=t.gennemgang.naeste_gennemgang
        ),
        aendringer=[
            AendringV1(dato=c.dato, tekst=c.tekst) for c in sorted(t.aendringer, key=lambda c: c.dato)
        ],
    )


def _case(case: CaseNode, tx: _Texts) -> CaseV1:
    c, path = case.model, P.path_of(case)
    return CaseV1(
        id=case.id,
        side=side(path),
        type=c.type,
        navn=c.navn,
        kortlaegning=case.mapping.id,
        kommune=c.kommune,
        region=c.region,
        lovgrundlag=list(c.lovgrundlag),
        hjemmeside=c.hjemmeside,
        beskrivelse=[tx.block(b) for b in c.beskrivelse],
        praksiseksempler=[
            PraksiseksempelV1(
                titel=ex.titel,
                side=side(path, P.example_anchor(ex.titel)),
                tekst=tx.markdown(ex.tekst),
                kilder=list(ex.kilder),
            )
            for ex in c.praksiseksempler
        ],
        temaer=[t.id for t, _ in case.themes],
        kilder=[k.id for k in case.sources],
    )


def _recommendation(rec: RecommendationNode, tx: _Texts) -> AnbefalingV1:
    return AnbefalingV1(
        id=rec.id,
        side=side(P.path_of(rec), P.anchor_of(rec)),
        nummer=rec.model.nummer,
        titel=rec.model.titel,
        kilde=rec.source.id,
        beskrivelse=[tx.block(b) for b in rec.model.beskrivelse],
        temaer=[t.id for t in rec.themes],
    )


def _source(k: Kilde) -> KildeV1:
    return KildeV1(
        id=k.id,
        side=side(P.SOURCES, k.id),
        titel=k.titel,
        undertitel=k.undertitel,
        forfattere=list(k.forfattere),
        udgiver=k.udgiver,
        aar=k.aar,
        url=k.url,
        type=k.type,
        note=k.note,
    )


# The kinds published in a shape of their own (the classes above: v1 as first published), each
# list in the site's own order. Any other kind is published in a shape derived from its model
# (`derived_model`): every field but the ones its registry entry keeps private.
Section = Callable[[Site, _Texts], list[Any]]
SECTIONS: dict[Kind, Section] = {
    Kind.kortlaegninger: lambda site, tx: [_mapping(m, tx) for m in site.mappings],
    Kind.litteraturstudier: lambda site, tx: [
        _literature(lit, tx) for _, lit in sorted(site.literature.items())
    ],
    Kind.perspektiver: lambda site, tx: [_perspective(p, tx) for m in site.mappings for p in m.perspectives],
    Kind.temaer: lambda site, tx: [_theme(t, tx) for m in site.mappings for t in m.themes],
    Kind.cases: lambda site, tx: [_case(c, tx) for _, c in sorted(site.cases.items())],
    Kind.pejlemaerker: lambda site, tx: [_recommendation(r, tx) for r in site.pejlemaerker],
    Kind.anbefalinger: lambda site, tx: [_recommendation(r, tx) for r in site.anbefalinger],
    Kind.kilder: lambda site, tx: [_source(k) for _, k in sorted(site.sources.items())],
}


def _derived_section(spec: KindSpec) -> Section:
    def section(site: Site, tx: _Texts) -> list[Any]:
        model = derived_model(spec.model, spec.private)
        nodes = sorted(site.of(spec.kind).items())
        return [model(**_derived_values(node, spec.private, tx)) for _, node in nodes]

    return section


def section_of(spec: KindSpec) -> Section:
    """How a kind's list in /data/v1/ is made: its own shape, or one derived from its model."""
    return SECTIONS.get(spec.kind) or _derived_section(spec)


@functools.cache
def content_model() -> type[IndholdV1]:
    """IndholdV1 with a list for every kind of the registry: a kind without a shape of its own
    adds its derived list (within v1 a field may be added, never removed)."""
    added: dict[str, Any] = {
        spec.data_name: (list[derived_model(spec.model, spec.private)], Field(description=spec.plural))  # type: ignore[misc]
        for spec in SPECS
        if spec.kind not in SECTIONS
    }
    return create_model("IndholdV1", __base__=IndholdV1, **added) if added else IndholdV1


def content(site: Site, converter: Converter, site_url: str = "") -> IndholdV1:
    """The whole linked site in the published shape, in the site's own order."""
    tx = _Texts(converter)
    return content_model()(
        version=VERSION,
        site_url=site_url or None,
        vilkaar=TERMS,
        versionsloefte=VERSION_PROMISE,
        vaerdiaendringer=[
            VaerdiaendringV1(
                dato=c.date,
                felt=c.field,
                fjernet=c.removed,
                erstattet_af=list(c.replaced_by),
                begrundelse=c.why,
            )
            for c in VERSION_CHANGES
        ],
        **{spec.data_name: section_of(spec)(site, tx) for spec in SPECS},
    )


# --- a shape derived from the editors' model ------------------------------------------------


@functools.cache
def derived_model(model: type[Strict], private: frozenset[str] = frozenset()) -> type[Out]:
    """The published shape of a model: `id` and `side` (its page) for a file of content, then
    every field but the private ones ("a.b" below field a), blocks as `BlokV1`, a nested model
    as its own derived shape, Markdown made safe as the page shows it."""
    fields: dict[str, Any] = {}
    if issubclass(model, Entity):
        fields = {"id": (str, ...), "side": (str, SidePath)}
    for name, declared in model.model_fields.items():
        if name in private or name in fields:
            continue
        below = frozenset(p.split(".", 1)[1] for p in private if p.startswith(f"{name}."))
        fields[name] = (_out_type(declared.annotation, below), Field(description=declared.description))
    return create_model(f"{model.__name__}V1", __base__=Out, **fields)


def _out_type(annotation: Any, private: frozenset[str]) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Blok):
        return BlokV1
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return derived_model(annotation, private)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _out_type(args[0], private)
    if origin is list:
        return list[_out_type(args[0], private)]  # type: ignore[misc]
    if origin in (typing.Union, types.UnionType):
        return functools.reduce(operator.or_, [_out_type(arg, private) for arg in args])
    return annotation


def _derived_values(node: Any, private: frozenset[str], tx: _Texts) -> dict[str, Any]:
    model = getattr(node, "model", node)  # a source is linked as its model
    values = _field_values(model, private, tx)
    return values | {"id": model.id, "side": side(P.path_of(node), P.anchor_of(node))}


def _field_values(item: Strict, private: frozenset[str], tx: _Texts) -> dict[str, Any]:
    values = {}
    for name, declared in type(item).model_fields.items():
        if name in private:
            continue
        below = frozenset(p.split(".", 1)[1] for p in private if p.startswith(f"{name}."))
        markdown = any(isinstance(mark, MarkdownText) for mark in declared.metadata)
        values[name] = _out_value(getattr(item, name), below, markdown, tx)
    return values


def _out_value(value: Any, private: frozenset[str], markdown: bool, tx: _Texts) -> Any:
    if isinstance(value, list):
        return [_out_value(item, private, markdown, tx) for item in value]
    if isinstance(value, Blok):
        return tx.block(value)
    if isinstance(value, Strict):
        return _field_values(value, private, tx)
    if isinstance(value, str) and markdown:
        return tx.markdown(value)
    return value


def schema() -> dict[str, object]:
    """The JSON Schema of the published shape (what a reader of /data/v1/ may rely on)."""
    out = content_model().model_json_schema(mode="serialization")
    return {"$schema": SCHEMA_DIALECT, **out}


@functools.cache  # the model is the process's: the preview made it again on every save
def _schema_text() -> str:
    return dump(schema())


def dump(value: object) -> str:
    """Stable text: keys sorted, Danish letters as they are, one newline at the end."""
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def files(site: Site, converter: Converter, site_url: str = "") -> dict[str, str]:
    """{site path: JSON text} of the open data, for the plugin and the export alike."""
    return {
        CONTENT_FILE: dump(content(site, converter, site_url).model_dump(mode="json")),
        SCHEMA_FILE: _schema_text(),
    }
