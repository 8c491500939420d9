"""The real content held to the rules of the content issue.

Every block says what it rests on and cites a known source of the right kind;
every theme has a short, readable "Kort fortalt", all perspectives of its
mapping and 3–6 questions for the team meeting; the coverage report shows
exactly what the YAML holds. Expectations are computed from the YAML files
themselves, not written into the tests.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
import yaml
from pydantic import BaseModel

from generator import generate, load_site
from generator.__main__ import main
from generator.content.model import GRUNDLAG_LABELS, ROLLE_LABELS, Blok, Grundlag
from generator.editors.lix import lix, measure, words
from generator.render import basis, pages
from generator.render import coverage as cov

from .conftest import DATA, ROOT, project_converter

MAX_WORDS = 80
MAX_LIX = 40
CONTENT_PAGES = ["om-sitet.md", "om-kortlaegningerne.md"]
# content-facts: nothing is public about these two botilbud beyond their names.
UNKNOWN_BOTILBUD = {"cirklen", "vista-hus"}
# content-facts-2/3, audit-4 §4a: a place of this name is likely, not surely, the mapping's: an
# article's near-identical wording (Mette Marie, "meget sandsynligt"), or only the name and the kind of
# place (Orion, "sandsynligt"; another botilbud bears the name). Nothing goes into the facts box.
PROBABLY_IDENTIFIED = {"mette-marie": "meget sandsynligt", "orion": "sandsynligt"}
# Official addresses for background knowledge: the agency's own sites (Vidensportalen was the agency's
# knowledge portal until it closed in January 2024; a text from it says so).
OFFICIAL_HOSTS = (
    "https://www.sbst.dk/",
    "https://sbst.dk/",
    "https://socialstyrelsen.dk/",
    "https://vidensportal.dk/",
)


def blocks_in(value: object, path: str = "") -> Iterator[tuple[str, Blok]]:
    """Every Blok anywhere inside a model, with a readable path."""
    if isinstance(value, Blok):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from blocks_in(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from blocks_in(item, f"{path}[{i}]")


def all_models(site) -> Iterator[tuple[str, BaseModel]]:
    for m in site.mappings:
        yield f"kortlaegninger/{m.id}", m.model
    for kind, table in (
        ("temaer", site.themes),
        ("cases", site.cases),
        ("perspektiver", site.perspectives),
        ("litteraturstudier", site.literature),
    ):
        for key, node in table.items():
            yield f"{kind}/{key}", node.model
    for rec in site.pejlemaerker + site.anbefalinger:
        yield f"{rec.kind.value}/{rec.id}", rec.model


def all_blocks(site) -> list[tuple[str, Blok]]:
    return [(f"{name}{p}", b) for name, model in all_models(site) for p, b in blocks_in(model)]


def raw_yaml(folder: str) -> dict[str, dict]:
    """The YAML files of one folder as plain data, by id (independent of the generator)."""
    out = {}
    for path in sorted((DATA / folder).rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["id"]] = data
    return out


@pytest.fixture(scope="module")
def rendered():
    return generate(DATA)


# --- source labels -----------------------------------------------------------


def test_every_block_has_a_label_and_known_sources(real_site):
    found = all_blocks(real_site)
    assert len(found) > 50, "the walk must find the content's blocks"
    assert {b.grundlag for _, b in found} == set(Grundlag), "every kind of label is in use"
    for where, block in found:
        assert block.grundlag in Grundlag, where
        if block.grundlag is not Grundlag.redaktionel:
            assert block.kilder, f"{where}: a block that is not editorial needs a source"
        for kid in block.kilder:
            assert kid in real_site.sources, f"{where}: unknown source {kid}"


def test_labels_match_the_kind_of_source_they_cite(real_site):
    mapping_sources = {m.source.id for m in real_site.mappings}
    literature_sources = {lit.source.id for lit in real_site.literature.values()}
    for where, block in all_blocks(real_site):
        kinds = {real_site.sources[k].type for k in block.kilder}
        if block.grundlag is Grundlag.kortlaegning:
            assert mapping_sources & set(block.kilder), f"{where}: must cite a mapping"
        elif block.grundlag is Grundlag.litteraturstudie:
            assert set(block.kilder) <= literature_sources, f"{where}: must cite a literature study"
        elif block.grundlag is Grundlag.casens_hjemmeside:
            assert kinds == {"hjemmeside"}, f"{where}: must cite the case's own website"
            assert where.startswith("cases/"), f"{where}: a case's website belongs on its case page"
        elif block.grundlag in OTHER_PUBLICATIONS:
            assert not (mapping_sources & set(block.kilder)), f"{where}: cites the mapping itself"
            for kid in block.kilder:
                publisher = publisher_kind(real_site, real_site.sources[kid])
                assert publisher is block.grundlag, f"{where}: {kid} is published by a {publisher}"
        elif block.grundlag is Grundlag.litteraturstudie_placeret:
            # Our placement of a study's finding: only under a theme's perspective, citing the study.
            assert re.match(r"temaer/[^.]+\.perspektiver\[\d+\]\.blokke", where), where
            assert set(block.kilder) <= literature_sources, f"{where}: must cite a literature study"
        elif block.grundlag is Grundlag.officiel_baggrund:
            assert re.match(r"temaer/[^.]+\.baggrund\[\d+\]$", where), where
            assert not (mapping_sources & set(block.kilder)), f"{where}: background is not the mapping's"
            for kid in block.kilder:
                assert real_site.sources[kid].url.startswith(OFFICIAL_HOSTS), (
                    f"{where}: {kid} is not official"
                )


# The four labels of publications other than the mapping and its literature: named by who publishes.
OTHER_PUBLICATIONS = {
    Grundlag.offentlig_udgivelse,
    Grundlag.projektpartner,
    Grundlag.organisation,
    Grundlag.fagblad,
}
PUBLIC_BODIES = ("Socialstyrelsen", "Social- og Boligstyrelsen", "Kommune", "Region ", "SFI")


def publisher_kind(site, source) -> Grundlag:
    """Which of the four labels a source's publisher calls for, from the source file alone."""
    partners = {p for m in site.mappings for p in m.model.samarbejdspartnere}
    if source.type == "artikel":
        return Grundlag.fagblad
    if source.udgiver in partners:
        return Grundlag.projektpartner
    if any(body in source.udgiver for body in PUBLIC_BODIES):
        return Grundlag.offentlig_udgivelse
    return Grundlag.organisation


def test_each_publisher_gets_the_label_that_names_it(real_site):
    """A union's magazine, an association and the project partner are never called official."""
    kinds = {kid: publisher_kind(real_site, k) for kid, k in real_site.sources.items()}
    assert kinds["sl-foelelsen-af-familie"] is Grundlag.fagblad
    assert kinds["selveje-god-kvalitet-paa-botilbud"] is Grundlag.organisation
    assert kinds["sus-projekt-faglige-pejlemaerker"] is Grundlag.projektpartner
    assert kinds["faglige-pejlemaerker-2021"] is Grundlag.offentlig_udgivelse
    labelled = {b.grundlag for _, b in all_blocks(real_site)} & OTHER_PUBLICATIONS
    assert labelled == OTHER_PUBLICATIONS, "each of the four labels is in use"


RETIRED_NOTE = "Bruges ikke længere"


def test_every_source_has_an_official_url_and_is_cited(real_site):
    cited: set[str] = {k for _, b in all_blocks(real_site) for k in b.kilder}
    for theme in real_site.themes.values():
        cited |= set(theme.model.kilder) | {k for ref in theme.model.cases for k in ref.kilder}
    for case in real_site.cases.values():
        cited |= set(case.model.kilder)
    cited |= {m.source.id for m in real_site.mappings}
    cited |= {lit.source.id for lit in real_site.literature.values()}
    cited |= {r.source.id for r in real_site.pejlemaerker + real_site.anbefalinger}
    for page in CONTENT_PAGES:
        cited |= set(re.findall(r"kilder\.md#([a-z0-9-]+)", (ROOT / "content" / page).read_text("utf-8")))
    for kid, source in real_site.sources.items():
        assert source.url.startswith("https://"), kid
        assert "9pdf" not in source.url, f"{kid}: cite the official page, never a document mirror"
    # A source no longer cited keeps its entry (its address on the sources page may be shared),
    # with a note that says so first; every other source is cited somewhere.
    retired = {kid for kid, k in real_site.sources.items() if (k.note or "").startswith(RETIRED_NOTE)}
    assert set(real_site.sources) - retired <= cited, "every source file is used somewhere"
    assert not retired & cited, f"cited, but its note says it is not: {sorted(retired & cited)}"
    assert cited <= set(real_site.sources), "every cited source exists"


def test_no_text_links_to_a_document_mirror():
    texts = [p.read_text("utf-8") for p in DATA.rglob("*.yaml") if "schema" not in p.parts]
    texts += [(ROOT / "content" / page).read_text("utf-8") for page in CONTENT_PAGES]
    assert texts and not [t for t in texts if "9pdf" in t.lower()]


def test_hand_written_pages_label_their_sections(real_site):
    # Om kortlægningerne retells the sources: every section says what it rests on.
    text = (ROOT / "content" / "om-kortlaegningerne.md").read_text("utf-8")
    sections = re.split(r"\n## ", text)[1:]
    assert sections
    for section in sections:
        assert "Grundlag:</span>" in section, f"section '{section.splitlines()[0]}' has no label"
    for page in CONTENT_PAGES:
        for kid in re.findall(r"kilder\.md#([a-z0-9-]+)", (ROOT / "content" / page).read_text("utf-8")):
            assert kid in real_site.sources, f"{page}: unknown source {kid}"


def test_about_page_links_to_the_official_publications_and_coverage(real_site):
    text = (ROOT / "content" / "om-sitet.md").read_text("utf-8")
    for mapping in real_site.mappings:
        assert mapping.source.url in text
    assert f"({pages.COVERAGE})" in text
    for publisher in ("VIVE", "SUS", "Socialstyrelsen"):
        assert publisher in text
    assert "ikke** den officielle udgave" in text


# --- themes ------------------------------------------------------------------


def test_kort_fortalt_is_short_and_plain(real_site):
    measured = {}
    for tid, theme in real_site.themes.items():
        text = theme.model.kort_fortalt.tekst
        n = len(words(text))
        assert 20 <= n <= MAX_WORDS, f"{tid}: {n} words"
        measured[tid] = lix(text)
        assert measured[tid] < MAX_LIX, f"{tid}: LIX {measured[tid]:.1f}"
        assert "er et af kortlægningens kvalitetstemaer" not in text, f"{tid}: placeholder left"
    assert len(measured) == 14


def _sentences(text: str) -> set[str]:
    """Sentences of a text, whitespace and case normalised, without Markdown emphasis."""
    flat = " ".join(re.sub(r"[*_]", "", text).split()).lower()
    return {s.strip() for s in re.split(r"(?<=[.!?])\s+", flat) if len(s.split()) >= 4}


def test_kort_fortalt_repeats_no_sentence_of_its_own_theme(real_site):
    checked = 0
    for tid, theme in real_site.themes.items():
        own = _sentences(theme.model.kort_fortalt.tekst)
        rest = [b for _, afsnit in theme.sections for b in afsnit.blokke] + list(theme.model.sammenfatning)
        for block in rest:
            repeated = own & _sentences(block.tekst)
            assert not repeated, f"{tid}: Kort fortalt repeats {sorted(repeated)}"
            checked += 1
    assert checked >= 8, "the themes' perspective and summary blocks are compared"


def test_every_theme_has_its_mappings_perspectives_in_order(real_site):
    for tid, theme in real_site.themes.items():
        assert [p.id for p, _ in theme.sections] == theme.mapping.model.perspektiver, tid
        for persp, afsnit in theme.sections:
            assert afsnit.ikke_gengivet != bool(afsnit.blokke), f"{tid}/{persp.id}"


def test_reflection_questions(real_site):
    page_anchors = {
        "kort-fortalt",
        "sammenfatning",
        "baggrund",
        "cases",
        "relateret",
        "til-teammoedet",
        "kilder",
        "gennemgang",
    }
    for tid, theme in real_site.themes.items():
        qs = theme.model.refleksionsspoergsmaal
        assert 3 <= len(qs) <= 6, tid
        ids = [q.id for q in qs]
        assert len(set(ids)) == len(ids), f"{tid}: question ids must be unique"
        assert not set(ids) & (page_anchors | {p.id for p, _ in theme.sections}), tid
        assert all(q.spoergsmaal.endswith("?") for q in qs), tid


def test_themes_have_sources_dates_changes_and_editorial_relations(real_site):
    for tid, theme in real_site.themes.items():
        t = theme.model
        assert theme.mapping.source.id in t.kilder, tid
        reviewed = t.gennemgang.reviewed_on
        assert reviewed is None or t.gennemgang.naeste_gennemgang > reviewed, tid
        assert t.aendringer, tid
        assert t.relateret.grundlag is Grundlag.redaktionel, tid
        assert theme.related, f"{tid}: no related theme in the other mapping"
        assert theme.pejlemaerker or theme.anbefalinger, tid


def test_related_themes_are_listed_both_ways_in_yaml():
    themes = raw_yaml("temaer")
    for tid, data in themes.items():
        for other in data.get("relateret", {}).get("temaer", []):
            assert tid in themes[other]["relateret"].get("temaer", []), f"{tid} → {other} not listed back"


def test_every_recommendation_is_related_to_a_theme(real_site):
    for rec in real_site.pejlemaerker + real_site.anbefalinger:
        assert rec.themes, rec.id


# --- cases -------------------------------------------------------------------


def test_no_case_is_tied_to_a_theme_without_its_mapping_as_source(real_site):
    pairs = [(t, c, ref) for t in real_site.themes.values() for c, ref in t.cases]
    assert pairs
    for theme, case, ref in pairs:
        assert ref.kilder, f"{theme.id} → {case.id}"
        # Only the mapping itself says which case illustrates which theme.
        assert theme.mapping.source.id in ref.kilder, f"{theme.id} → {case.id}"


@pytest.mark.parametrize(
    ("left_out", "field"),
    [("    kilder: [rapport]\n", "kilder"), ("    rolle: dybdegaaende\n", "rolle")],
    ids=["without-source", "without-role"],
)
def test_a_theme_case_link_without_source_or_role_is_rejected(minimal_copy, left_out, field):
    from generator import ContentErrors

    path = minimal_copy / "temaer" / "01-fleksibel.yaml"
    text = path.read_text()
    link = "    rolle: dybdegaaende\n    kilder: [rapport]\n"
    assert link in text, "the fixture's case link has a role and a source"
    path.write_text(text.replace(link, link.replace(left_out, "")))
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    assert any(field in e.format() for e in info.value.errors)


def test_a_practice_example_must_cite_its_mapping(minimal_copy):
    from generator import ContentErrors

    path = minimal_copy / "cases" / "aaby.yaml"
    path.write_text(path.read_text().replace("    kilder: [rapport]\n", "    kilder: [hjemmeside]\n"))
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    messages = [e.format() for e in info.value.errors]
    wanted = [m for m in messages if "praksiseksempler[1].kilder" in m and "kortlægningen som kilde" in m]
    assert wanted, messages


def test_every_case_says_what_the_mapping_and_its_own_site_say(real_site, rendered):
    for cid, case in real_site.cases.items():
        c = case.model
        grundlag = Counter(b.grundlag for b in c.beskrivelse)
        assert grundlag[Grundlag.kortlaegning], f"{cid}: say what the mapping says about the case"
        if cid in UNKNOWN_BOTILBUD | set(PROBABLY_IDENTIFIED):
            # Nothing public: no borrowed facts from places with the same name.
            assert (c.kommune, c.region, c.lovgrundlag, c.hjemmeside) == (None, None, [], None), cid
            if cid in UNKNOWN_BOTILBUD:
                assert not grundlag[Grundlag.casens_hjemmeside], cid
            # Said plainly, once, in the page's box of what the public sources do not tell.
            page = rendered.files[pages.path_of(case)]
            assert page.count("Ikke oplyst i de offentlige kilder") == 1, cid
        else:
            assert c.kommune and c.region, cid
            assert c.hjemmeside, cid
        if c.type == "kommune":
            assert c.lovgrundlag == ["§ 85"], cid


# The case ↔ theme links the mappings' own theme introductions name (content-facts-2.md, A).
SOURCED_LINKS = {
    ("familie-venner-faellesskaber", "slagelse"): "dybdegaaende",
    ("brobygning-civilsamfund", "rudersdal"): "dybdegaaende",
    ("trivsel-personlig-udvikling", "odense"): "dybdegaaende",
    ("trivsel-personlig-udvikling", "horsens"): "dybdegaaende",
    ("trivsel-personlig-udvikling", "rudersdal"): "supplerende",
    ("helhed-sammenhaeng", "silkeborg"): "dybdegaaende",
    ("helhed-sammenhaeng", "holstebro"): "supplerende",
    ("helhed-sammenhaeng", "odense"): "supplerende",
    ("fleksibel-indsats", "horsens"): "dybdegaaende",
    ("fleksibel-indsats", "rudersdal"): "dybdegaaende",
}


def test_case_links_are_exactly_the_sourced_ones_with_their_roles(real_site):
    links = {(t.id, c.id): ref.rolle.value for t in real_site.themes.values() for c, ref in t.cases}
    # No link by elimination: a link no source names fails here, and so does a lost one.
    assert links == SOURCED_LINKS


def test_case_links_are_shown_both_ways_with_role_and_source(rendered, real_site):
    shown = 0
    for theme in real_site.themes.values():
        for case, ref in theme.cases:
            label = ROLLE_LABELS[ref.rolle]
            source = f"kilder.md#{theme.mapping.source.id}"
            theme_page = rendered.files[pages.path_of(theme)]
            line = next(ln for ln in theme_page.splitlines() if f"cases/{case.id}.md)" in ln)
            assert label in line and source in line, line
            case_page = rendered.files[pages.path_of(case)]
            line = next(
                ln for ln in case_page.splitlines() if f"/{theme.id}.md)" in ln and ln.startswith("- ")
            )
            assert label in line and source in line, line
            shown += 1
    assert shown == len(SOURCED_LINKS)


def test_practice_examples_are_the_mappings_and_belong_to_no_theme(rendered, real_site):
    examples = [(c, ex) for c in real_site.cases.values() for ex in c.model.praksiseksempler]
    assert {c.id for c, _ in examples} == {"tuesten-huse", "vista-hus", "mette-marie"}
    for case, ex in examples:
        assert case.mapping.source.id in ex.kilder, case.id
        page = rendered.files[pages.path_of(case)]
        assert f"### {ex.titel}" in page, case.id
        unknown = page.split('class="vive-mangler vive-ukendt"', 1)[1]  # said once, after the examples
        assert "Hvilke af kortlægningens temaer casen og eksemplet belyser" in unknown, case.id
        assert "Grundlag:</span> Kortlægningen" in page.split(f"### {ex.titel}")[1], case.id
        for theme in real_site.themes.values():
            assert ex.titel not in rendered.files[pages.path_of(theme)], f"{ex.titel} on {theme.id}"


# --- LIX ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentences", "per_sentence", "long_per_sentence"), [(1, 5, 0), (3, 8, 2), (4, 10, 5)]
)
def test_lix_follows_the_formula(sentences, per_sentence, long_per_sentence):
    short, long_ = "hus", "bostøttemedarbejder"
    sentence = " ".join([long_] * long_per_sentence + [short] * (per_sentence - long_per_sentence)) + "."
    text = " ".join([sentence.capitalize()] * sentences)
    expected = per_sentence + 100 * long_per_sentence / per_sentence
    m = measure(text)
    assert (m.words, m.sentences, m.long_words) == (
        sentences * per_sentence,
        sentences,
        sentences * long_per_sentence,
    )
    assert lix(text) == pytest.approx(expected)


def test_lix_counts_only_what_the_reader_sees():
    assert words("Se [temaet](../bostoette/fleksibel-indsats.md#borgerne) her") == ["Se", "temaet", "her"]
    assert words("en recovery-orienteret tilgang") == ["en", "recovery-orienteret", "tilgang"]
    assert measure("Seks letters: abcdef. Syv: abcdefg").long_words == 2  # "letters", "abcdefg"
    assert measure("Ingen punktum til sidst").sentences == 1


# --- coverage ----------------------------------------------------------------


# The statuses as the coverage page names them, worked out here from the raw YAML alone.
LABELS = {
    "kortlaegning": "fra kortlægningen",
    "anden-kilde": "anden kilde",
    "placeret": "placeret litteratur",
    "samme-fund": "samme fund igen",
    "redaktionel": "redaktionel",
    "mangler": "mangler",
}


def _section_status(section: dict, counted: set[str]) -> str:
    if section.get("ikke_gengivet"):
        return "mangler"
    kinds = {b["grundlag"] for b in section["blokke"]}
    if "kortlaegning" in kinds:
        return "kortlaegning"
    if kinds - {"redaktionel", "litteraturstudie-placeret"}:
        return "anden-kilde"
    if "litteraturstudie-placeret" in kinds:
        found = {b["fund"] for b in section["blokke"] if b["grundlag"] == "litteraturstudie-placeret"}
        repeated = found <= counted
        counted |= found
        return "samme-fund" if repeated else "placeret"
    return "redaktionel"


def _expected(themes: dict[str, dict], mappings: dict[str, dict]) -> dict[str, dict[str, list[str]]]:
    """mapping id → theme id → section statuses, in the site's order of mappings and themes."""
    counted: set[str] = set()
    out: dict[str, dict[str, list[str]]] = {}
    for mid in mappings:
        mine = sorted((t for t in themes.values() if t["kortlaegning"] == mid), key=lambda t: t["nummer"])
        out[mid] = {t["id"]: [_section_status(s, counted) for s in t["perspektiver"]] for t in mine}
    return out


def _counts_line(c: Counter[str]) -> str:
    return ", ".join(f"{c[s]} {label}" for s, label in LABELS.items())


def test_coverage_command_matches_the_yaml(capsys):
    assert main(["--data", str(DATA), "coverage"]) == 0
    out = capsys.readouterr().out
    themes = raw_yaml("temaer")
    mappings = raw_yaml("kortlaegninger")
    expected = _expected(themes, mappings)
    total: Counter[str] = Counter()
    for mid, mapping in mappings.items():
        statuses = Counter(s for row in expected[mid].values() for s in row)
        total.update(statuses)
        n = sum(statuses.values())
        assert n == len(mapping["perspektiver"]) * len(expected[mid])
        assert f"Perspektivafsnit: {n} i alt: {_counts_line(statuses)}" in out, mid
        sourced = f"{statuses['kortlaegning']} fra kortlægningen + {statuses['placeret']} placeret litteratur"
        assert f"Skrevet ud fra en kilde: {sourced}" in out, mid
        mine = [t for t in themes.values() if t["kortlaegning"] == mid]
        reviewed = sum(str(t["gennemgang"]["fagligt_gennemgaaet"]) != "ikke endnu" for t in mine)
        assert f"Fagligt gennemgået: {reviewed} af {len(mine)} temaer" in out, mid
    assert f"I alt: {sum(total.values())} perspektivafsnit: {_counts_line(total)}" in out
    for cid, data in raw_yaml("cases").items():
        blocks = Counter(b["grundlag"] for b in data.get("beskrivelse", []))
        linked = sum(ref["case"] == cid for t in themes.values() for ref in t.get("cases", []))
        grundlag = ", ".join(f"{g}={n}" for g, n in sorted(blocks.items()))
        examples = len(data.get("praksiseksempler", []))
        assert f"    {cid}: {grundlag}; temaer={linked}; praksiseksempler={examples};" in out, cid
    links = [ref for t in themes.values() if t["kortlaegning"] == "bostoette" for ref in t.get("cases", [])]
    assert f"Koblinger mellem temaer og cases: {len(links)} (" in out
    for tid, data in themes.items():
        row = next(line for line in out.splitlines() if re.match(rf"\s+{data['nummer']} {tid}\s", line))
        statuses = row.split()[2:-2]
        assert statuses[2:] == expected[data["kortlaegning"]][tid], tid  # after kort fortalt, sammenfatning
        assert row.split()[-1] == str(len(data["refleksionsspoergsmaal"])), tid


def test_coverage_page_shows_the_same_numbers(rendered, real_site):
    report = cov.compute(real_site)
    page = rendered.files[pages.COVERAGE]
    total = report.sections
    line = f"I alt {total.total()} perspektivafsnit: " + ", ".join(
        f"{total[s]} {basis.STATUS_LABELS[s]}" for s in basis.Status
    )
    assert line in page
    assert f"Skrevet ud fra en kilde: {cov.sourced_words(total, report.findings)}" in page
    assert pages.COVERAGE in rendered.not_in_nav
    assert pages.COVERAGE not in str(rendered.nav)
    for mc in report.mappings:
        for tc in mc.themes:
            assert f"| [{tc.theme.model.nummer}. " in page
        for cc in mc.cases:
            assert f"[{cc.case.model.navn}]" in page


def test_the_coverage_page_says_where_to_read_every_empty_section(rendered, real_site):
    """Issue 28: for every section the site lacks, the page names the mapping's section (and the
    part of it, where the sources show the order) – never a page number."""
    page = rendered.files[pages.COVERAGE]
    checked = 0
    for mapping in real_site.mappings:
        guide = page.split(f"{{ #{mapping.id}-laes }}")[1].split("\n### ")[0]
        assert mapping.source.url in guide and "Sidetal" in guide
        assert not re.search(r"\bs(ide)?\.? ?\d", guide), "no page numbers"
        for theme in mapping.themes:
            line = next((ln for ln in guide.splitlines() if f"/{theme.id}.md)" in ln), "")
            for persp, afsnit in theme.sections:
                if afsnit.ikke_gengivet:
                    where = cov.where_to_read(theme, persp)
                    assert where.startswith(f"afsnit 2.{theme.model.nummer}"), where
                    assert f"{persp.model.navn} ({where}" in line, (theme.id, persp.id)
                    checked += 1
    assert checked == cov.compute(real_site).sections[basis.Status.mangler]


def test_coverage_sees_editorial_sections(minimal_copy):
    before = cov.compute(load_site(minimal_copy)).sections
    path = minimal_copy / "temaer" / "01-fleksibel.yaml"
    path.write_text(
        path.read_text().replace(
            "  - perspektiv: viden\n    ikke_gengivet: true\n",
            "  - perspektiv: viden\n    blokke:\n"
            "      - tekst: Vores egen tekst.\n        grundlag: redaktionel\n",
        )
    )
    after = cov.compute(load_site(minimal_copy)).sections
    assert after[basis.Status.redaktionel] == before[basis.Status.redaktionel] + 1
    assert after[basis.Status.mangler] == before[basis.Status.mangler] - 1
    assert after[basis.Status.kortlaegning] == before[basis.Status.kortlaegning]


def test_theme_summary_blocks_are_rendered(rendered, real_site):
    with_summary = [t for t in real_site.themes.values() if t.model.sammenfatning]
    assert with_summary
    for theme in with_summary:
        page = rendered.files[f"{theme.mapping.id}/{theme.id}.md"]
        assert "{ #sammenfatning }" in page
        for block in theme.model.sammenfatning:
            first_line = block.tekst.splitlines()[0]
            assert first_line.replace("&", "&amp;") in page


def test_every_yaml_file_starts_with_its_schema_line():
    files = [p for p in DATA.rglob("*.yaml") if "schema" not in p.relative_to(DATA).parts]
    assert len(files) > 60
    for path in files:
        depth = len(path.relative_to(DATA).parts) - 1
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith(f"# yaml-language-server: $schema={'../' * depth}schema/"), path


def test_text_blocks_use_no_relative_links(real_site):
    # A block may be shown on more than one page; a relative link would break on some of them.
    for where, block in all_blocks(real_site):
        for target in re.findall(r"\]\(([^)]*)\)", block.tekst):
            assert target.startswith("https://"), f"{where}: {target}"


def test_the_about_page_says_what_is_true_of_the_reviews(real_site):
    """Om sitet says no theme is reviewed yet; the first recorded review must update that text."""
    text = (ROOT / "content" / "om-sitet.md").read_text("utf-8")
    reviewed = [tid for tid, t in real_site.themes.items() if t.model.gennemgang.reviewed_on]
    if "ingen af temaerne gennemgået af en fagperson" in text.replace("\n", " "):
        assert reviewed == [], f"ret content/om-sitet.md: {', '.join(reviewed)} er gennemgået"
    else:
        assert reviewed, "content/om-sitet.md should say that no theme is reviewed yet"


# --- issue 19: what the audit asked for ------------------------------------------


def _theme_pages(real_site) -> set[str]:
    return {pages.path_of(t) for t in real_site.themes.values()}


def test_no_case_page_links_to_a_theme_no_source_ties_it_to(rendered, real_site):
    """A case page may link to a theme only through a sourced case link; its text links to none."""
    theme_paths = _theme_pages(real_site)
    for cid, case in real_site.cases.items():
        page = rendered.files[pages.path_of(case)]
        linked = {p for p in theme_paths if f"/{p.split('/')[-1]})" in page or f"({p})" in page}
        expected = {pages.path_of(t) for t, _ in case.themes}
        assert {p.split("/")[-1] for p in linked} == {p.split("/")[-1] for p in expected}, cid
        texts = [b.tekst for b in case.model.beskrivelse] + [ex.tekst for ex in case.model.praksiseksempler]
        for text in texts:
            assert not any(p.split("/")[-1] in text for p in theme_paths), f"{cid}: text links to a theme"


def test_herning_has_its_matching_practice_and_no_theme(rendered, real_site):
    herning = real_site.cases["herning"]
    assert herning.themes == [], "no source says which theme Herning illustrates"
    practice = [b for b in herning.model.beskrivelse if "forløbskoordinator" in b.tekst]
    assert len(practice) == 1
    block = practice[0]
    # Read in the pejlemærker, which refer to the mapping: labelled as the pejlemærker's.
    assert block.grundlag is Grundlag.offentlig_udgivelse and block.kilder == ["faglige-pejlemaerker-2021"]
    for fact in ("koordinationsudvalg", "første måned", "tre ledere og to", "kemien"):
        assert fact in block.tekst, fact
    page = rendered.files[pages.path_of(herning)]
    assert "koordinationsudvalg" in page
    assert not [t for t in _theme_pages(real_site) if t.split("/")[-1] in page]


def test_a_probably_identified_botilbud_is_hedged(rendered, real_site):
    for cid, strength in PROBABLY_IDENTIFIED.items():
        case = real_site.cases[cid]
        c = case.model
        # Not confirmed: nothing from the article or the site goes into the facts box as if certain.
        assert (c.kommune, c.region, c.lovgrundlag, c.hjemmeside) == (None, None, [], None), cid
        hedges = [b for b in c.beskrivelse if b.grundlag is Grundlag.redaktionel and "sandsynlig" in b.tekst]
        assert len(hedges) == 1, cid
        flat = " ".join(hedges[0].tekst.split())
        # As strong as the evidence, no stronger: Mette Marie's wording, Orion's name only.
        assert f"er {strength}" in flat or f"Det er {strength}" in flat, (cid, flat)
        assert "bekræfter det ikke" in flat, cid
        first_fact = next(i for i, b in enumerate(c.beskrivelse) if b.grundlag is not Grundlag.kortlaegning)
        assert c.beskrivelse[first_fact] is hedges[0], f"{cid}: the hedge comes before what it hedges"
        others = [b for b in c.beskrivelse if b.grundlag not in (Grundlag.kortlaegning, Grundlag.redaktionel)]
        assert others, cid
        for b in others:
            assert b.grundlag is Grundlag.casens_hjemmeside or "ikke fra kortlægningen" in b.tekst, cid
        assert "ikke fundet offentlige oplysninger" not in rendered.files[pages.path_of(case)], cid


# What Socialstyrelsen's page on the botilbud mapping says each perspective holds (content-facts-3 B.1).
PERSPECTIVE_DEFINITIONS = {
    "borger": ["erfaring fra botilbud", "ikke nødvendigvis nuværende beboere"],
    "praksis": ["lovende praksis", "seks botilbud"],
    "botilbudsleder": ["lederes refleksioner"],
    "fagekspert": ["fageksperters refleksioner"],
    "litteratur": ["centrale for temaet", "Kvalitet på botilbud"],
}


def test_the_botilbud_perspectives_are_defined_on_their_pages(rendered, real_site):
    mapping = next(m for m in real_site.mappings if m.id == "botilbud")
    assert [p.id for p in mapping.perspectives] == list(PERSPECTIVE_DEFINITIONS)
    assert mapping.source.url.startswith("https://www.sbst.dk/")
    for persp in mapping.perspectives:
        block = persp.model.beskrivelse
        assert block.grundlag is Grundlag.kortlaegning and block.kilder == [mapping.source.id], persp.id
        flat = " ".join(block.tekst.split())
        for phrase in PERSPECTIVE_DEFINITIONS[persp.id]:
            assert phrase in flat, f"{persp.id}: {phrase}"
        page = " ".join(rendered.files[pages.path_of(persp)].split())
        assert flat in page and f"kilder.md#{mapping.source.id}" in page, persp.id


def test_no_block_is_only_a_placeholder(real_site):
    """What is not reproduced uses ikke_gengivet, so coverage does not count it as written."""
    for where, block in all_blocks(real_site):
        assert "ikke gengivet" not in block.tekst.lower(), where


# Sentences about the site's own choices belong in the editors' guide, not on readers' pages.
SITE_NOTES = re.compile(r"\bsitet (bruger|følger|viser)\b|\bvi bruger ikke\b|\boverskriften er\b", re.I)


def test_reader_text_says_nothing_about_the_sites_own_choices(real_site):
    texts = [(where, b.tekst) for where, b in all_blocks(real_site)]
    texts += [
        (f"cases/{c.id}", ex.tekst) for c in real_site.cases.values() for ex in c.model.praksiseksempler
    ]
    texts.append(("om-kortlaegningerne.md", (ROOT / "content" / "om-kortlaegningerne.md").read_text("utf-8")))
    assert len(texts) > 100
    found = [
        (where, m.group(0)) for where, text in texts for m in [SITE_NOTES.search(" ".join(text.split()))] if m
    ]
    assert not found
    guide = (ROOT / "content" / "redaktoervejledning.md").read_text("utf-8")
    assert (
        "{ #redaktionelle-valg }" in guide
        and "uden anførselstegn" not in guide.split("{ #redaktionelle-valg }")[0]
    )


def test_placed_literature_and_background_are_labelled_on_the_page(rendered, real_site):
    shown = 0
    for theme in real_site.themes.values():
        page = rendered.files[pages.path_of(theme)]
        for persp, afsnit in theme.sections:
            for block in afsnit.blokke:
                if block.grundlag is Grundlag.litteraturstudie_placeret:
                    section = page.split(f"{{ #{persp.id} }}")[1].split("\n## ")[0]
                    assert GRUNDLAG_LABELS[block.grundlag] in section, (theme.id, persp.id)
                    shown += 1
        if theme.model.baggrund:
            section = page.split("{ #baggrund }")[1].split("\n## ")[0]
            for block in theme.model.baggrund:
                assert block.tekst.split()[0] in section
            assert GRUNDLAG_LABELS[Grundlag.officiel_baggrund] in section, theme.id
            shown += 1
        else:
            assert "{ #baggrund }" not in page, theme.id
    assert shown >= 8


def test_enough_sections_have_sourced_content(real_site):
    """Issue 19's floor: at least 11 of the 60 theme × perspective sections rest on a source."""
    report = cov.compute(real_site)
    assert report.sections.total() == 60
    # Each placed finding counted once (issue 28); the mapping's own text is counted apart.
    assert sum(report.sections[s] for s in basis.SOURCED) >= 11
    assert report.sections[basis.Status.kortlaegning] >= 5


def test_the_open_data_carries_the_background_with_its_label(real_site):
    from generator.render import opendata

    data = opendata.content(real_site, project_converter())
    themes = {t.id: t for t in data.temaer}
    with_background = [t for t in real_site.themes.values() if t.model.baggrund]
    assert with_background
    for theme in with_background:
        published = themes[theme.id].baggrund
        assert [b.tekst for b in published] == [b.tekst for b in theme.model.baggrund]
        assert {b.grundlag_tekst for b in published} == {GRUNDLAG_LABELS[Grundlag.officiel_baggrund]}


def test_a_mapping_names_the_publisher_its_colophon_does(real_site):
    # The colophon says "© VIVE og Socialstyrelsen"; the mapping's page must not say VIVE alone.
    for mapping in real_site.mappings:
        assert mapping.model.udgiver == mapping.source.udgiver == "VIVE og Socialstyrelsen", mapping.id


# A sentence about what the sources do not say is ours, whatever block it sits in: it goes in an
# editorial block, never in one labelled as the mapping's, a publication's or a case's own words.
ABOUT_THE_SOURCES = re.compile(
    r"\b(de offentlige (kilder|uddrag)|kilderne)\b[^.]*\b(oplyser|siger|viser|bekræfter)\b[^.]*\bikke\b"
    r"|\bses ikke i de offentlige\b",
    re.I,
)


def test_what_the_sources_do_not_say_is_labelled_as_ours(real_site):
    texts = [(where, b.grundlag, b.tekst) for where, b in all_blocks(real_site)]
    texts += [
        (f"cases/{c.id}.praksiseksempler", Grundlag.kortlaegning, ex.tekst)
        for c in real_site.cases.values()
        for ex in c.model.praksiseksempler
    ]
    editorial = [
        w for w, g, t in texts if g is Grundlag.redaktionel and ABOUT_THE_SOURCES.search(" ".join(t.split()))
    ]
    assert len(editorial) >= 5, "the gaps are still named, in editorial blocks"
    wrong = [
        w
        for w, g, t in texts
        if g is not Grundlag.redaktionel and ABOUT_THE_SOURCES.search(" ".join(t.split()))
    ]
    assert not wrong


def test_a_case_sites_label_says_once_that_it_is_not_the_mapping(real_site):
    assert GRUNDLAG_LABELS[Grundlag.casens_hjemmeside].endswith("ikke fra kortlægningen")
    own = [
        (w, " ".join(b.tekst.split()))
        for w, b in all_blocks(real_site)
        if b.grundlag is Grundlag.casens_hjemmeside
    ]
    assert len(own) > 10
    repeated = re.compile(
        r"egne oplysninger|ikke (fra )?kortlægningen|kortlægningens\.|kortlægningen beskriver"
    )
    assert not [w for w, t in own if repeated.search(t)]


# Hedges and attributions the facts files carry, which a rewrite must keep (content-facts-2/3).
KEPT_HEDGES = {
    "temaer/botilbuddet-som-hjem.sammenfatning[0]": ["måske"],
    "pejlemaerker/pejlemaerke-03.beskrivelse[0]": ["sandsynligvis"],
    "pejlemaerker/pejlemaerke-06.beskrivelse[0]": ["sandsynligvis"],
    "pejlemaerker/pejlemaerke-08.beskrivelse[0]": ["formentlig"],
    "cases/mette-marie.beskrivelse[1]": ["meget sandsynligt", "offentlig"],
}


def test_rewritten_blocks_keep_the_facts_hedges(real_site):
    blocks = dict(all_blocks(real_site))
    for where, words_kept in KEPT_HEDGES.items():
        block = blocks[where]
        assert block.grundlag is Grundlag.redaktionel or where.startswith("temaer/"), where
        for word in words_kept:
            assert word in block.tekst, f"{where}: {word}"
    # One resident's and one staff member's words, not "the residents'" (content-facts-2 B.3).
    example = real_site.cases["mette-marie"].model.praksiseksempler[0].tekst
    assert "En beboer fortæller" in example and "En medarbejder fortæller" in example


def test_a_case_page_names_what_is_unknown_in_its_one_box_only(real_site):
    """The case page's "Ikke oplyst i de offentlige kilder" box names the gap and links to the
    publication; no block of the case says it again ("… kender vi ikke", "læs kortlægningen")."""
    repeated = re.compile(r"kender vi (ingen|ikke)|ingen offentlige oplysninger|vil du vide mere", re.I)
    said_again = [
        f"cases/{case.id}{where}"
        for case in real_site.cases.values()
        for where, block in blocks_in(case.model)
        if repeated.search(" ".join(block.tekst.split()))
    ]
    assert not said_again


# --- issue 28: the fourth audit's corrections ---------------------------------------------------

# What audit 4 found wrong or stronger than its source; none of it may come back (§3.1, §4a).
AUDIT_4_WRONG = {
    "litteraturstudier/kvalitet-paa-botilbud.om[0]": ["fysiske rammer"],  # F1: not a topic it names
    "cases/mette-marie.beskrivelse[2]": ["lyse gardiner"],  # F4: the curtains are bright green
    "kortlaegninger/bostoette.om[0]": ["Kortlægningen peger på, at både"],  # F5: the studies it cites
    "kortlaegninger/bostoette.metode[1]": ["en tidligere undersøgelse"],  # F6: several, e.g. Jensen & Hansen
    "temaer/botilbuddet-som-hjem.sammenfatning[1]": [" skal "],  # F10: the source says "bør"
}


def test_what_audit_4_found_wrong_stays_out(real_site):
    blocks = dict(all_blocks(real_site))
    for where, phrases in AUDIT_4_WRONG.items():
        flat = " ".join(blocks[where].tekst.split())
        for phrase in phrases:
            assert phrase not in flat, f"{where}: {phrase}"
    praksis = " ".join(real_site.perspectives["praksis"].model.beskrivelse.tekst.split())
    assert "25 fageksperter" in praksis and "ledere af 10 botilbud" in praksis  # F7
    mette = " ".join(real_site.cases["mette-marie"].model.praksiseksempler[0].tekst.split())
    assert "som et fundament" in mette and "ikke altid" in mette  # F8
    vista = " ".join(real_site.cases["vista-hus"].model.praksiseksempler[0].tekst.split())
    assert "fællesrum, der kan bruges til aktiviteter" in vista and "Kernen" not in vista  # F9


def test_orions_figures_cite_the_pages_that_give_them(real_site):
    """F2: the homes' number, size and staffing stand on the Orion pages that say them."""
    orion = real_site.cases["orion"].model
    block = next(b for b in orion.beskrivelse if "Planetstien" in b.tekst)
    flat = " ".join(block.tekst.split())
    assert {"orion-i-hilleroed", "orion-maalgruppe", "orion-tilbud-og-visitation"} <= set(block.kilder)
    assert "12 og 16" in flat and "45–50 m²" in flat and "Nivå" in flat
    assert "omkring 50 m²" not in flat


def test_a_case_page_says_its_own_site_may_not_be_what_the_mapping_describes(rendered, real_site):
    """F11: "not from the mapping" says where a text comes from; the box says we do not know whether
    the case's own offers are what the mapping describes there, once, on every such case page."""
    from generator.render.views.case import OWN_SITE_UNKNOWN

    with_own_site = [
        c
        for c in real_site.cases.values()
        if any(b.grundlag is Grundlag.casens_hjemmeside for b in c.model.beskrivelse)
    ]
    assert {"holstebro", "silkeborg", "odense"} <= {c.id for c in with_own_site}
    for case in real_site.cases.values():
        page = rendered.files[pages.path_of(case)]
        box = page.split('class="vive-mangler vive-ukendt"', 1)[1] if "vive-ukendt" in page else ""
        assert (OWN_SITE_UNKNOWN in box) == (case in with_own_site), case.id
        assert page.count(OWN_SITE_UNKNOWN) == (case in with_own_site), case.id


PARTNER_MUNICIPALITIES = ("herning", "randers", "rudersdal")


def test_the_partnership_rests_on_socialstyrelsens_own_pages(real_site):
    """Audit 4, F12: what the union magazine said is now cited from Socialstyrelsen."""
    for cid in PARTNER_MUNICIPALITIES:
        blocks = [b for b in real_site.cases[cid].model.beskrivelse if "partnerskab" in b.tekst]
        assert len(blocks) == 1, cid
        block = blocks[0]
        assert block.grundlag is Grundlag.offentlig_udgivelse, cid
        for kid in block.kilder:
            assert real_site.sources[kid].url.startswith(OFFICIAL_HOSTS), (cid, kid)
        flat = " ".join(block.tekst.split())
        for fact in ("fire partnerskabskommuner", "22 kommuner", "otte faglige principper", "2022"):
            assert fact in flat, (cid, fact)
    assert "sbst-nyheder-fra-omlaegningen-2020" in next(
        b.kilder for b in real_site.cases["rudersdal"].model.beskrivelse if "partnerskab" in b.tekst
    )


NUMBER_WORDS = {7: "syv", 8: "otte", 9: "ni", 10: "ti", 11: "elleve", 12: "tolv"}


def test_every_label_is_explained_to_readers_and_editors():
    """The labels are defined where they are explained: the reader's "Om sitet" and the editors'
    guide; no hand-written page still shows a label the site no longer has."""
    about = (ROOT / "content" / "om-sitet.md").read_text("utf-8")
    guide = (ROOT / "content" / "redaktoervejledning.md").read_text("utf-8")
    section = about.split("{ #grundlag }")[1].split("\n## ")[0]
    assert f"Der er {NUMBER_WORDS[len(Grundlag)]} slags grundlag" in section
    bullets = re.findall(r"^- \*\*([^*]+)\*\*", section, re.M)
    assert len(bullets) == len(Grundlag)
    for g, label in GRUNDLAG_LABELS.items():
        assert any(label.startswith(b) for b in bullets), label
        assert f"| `{g.value}` | {label} |" in guide, g.value
    shown = re.findall(
        r"Grundlag:</span> ([^·\n]+)", (ROOT / "content" / "om-kortlaegningerne.md").read_text()
    )
    assert shown and {s.strip() for s in shown} <= set(GRUNDLAG_LABELS.values())


# Audit 4, §5: each new fact stands on its page, in a block with its source and label.
NEW_FACTS = [
    ("cases/herning", "Recovery Star", "herning-polaris-socialfaglig-stoette", "casens-hjemmeside"),
    ("cases/herning", "§ 82 b", "herning-polaris-sundhedsfremmende", "casens-hjemmeside"),
    ("cases/rudersdal", "Jobfokus tidligt i forløbet", "faglige-pejlemaerker-2021", "offentlig-udgivelse"),
    ("cases/silkeborg", "Jobfokus tidligt i forløbet", "faglige-pejlemaerker-2021", "offentlig-udgivelse"),
    ("pejlemaerker/pejlemaerke-07", "ungeindsats", "faglige-pejlemaerker-2021", "offentlig-udgivelse"),
    ("cases/orion", "vågne medarbejdere om natten", "orion-maalgruppe", "casens-hjemmeside"),
    ("cases/orion", "dagbrugere", "orion-kulturhuset", "casens-hjemmeside"),
    ("cases/orion", "egen indgang til deres", "regionh-orion-mere-plads", "offentlig-udgivelse"),
    ("cases/orion", "efteråret 2002", "boligsocial-planetstien", "organisation"),
    ("cases/tangkaer-socialpsykiatri", "bomiljø-SP", "rm-tangkaer-socialpsykiatri", "casens-hjemmeside"),
    (
        "cases/tangkaer-socialpsykiatri",
        "usædvanlige mennesker",
        "rm-tangkaer-aktiviteter",
        "casens-hjemmeside",
    ),
    ("cases/mette-marie", "overfaldsalarmer", "sl-foelelsen-af-familie", "fagblad"),
    (
        "litteraturstudier/kvalitet-paa-botilbud",
        "syv temaer",
        "socialstyrelsen-kvalitetsmodel",
        "offentlig-udgivelse",
    ),
    (
        "temaer/oensker-droemme-motivation",
        "håb, ønsker og drømme",
        "sbst-recovery-vejledning-2023",
        "officiel-baggrund",
    ),
    (
        "temaer/oensker-droemme-motivation",
        "ikke længere som",
        "sbst-nyhed-litteraturstudier-2020",
        "officiel-baggrund",
    ),
    (
        "temaer/faglighed-kompetencer-menneskesyn",
        "ikke længere for kroniske",
        "sbst-nyhed-litteraturstudier-2020",
        "officiel-baggrund",
    ),
    ("temaer/sundhed", "15–20 år", "vidensportal-sundt-liv", "officiel-baggrund"),
    ("temaer/sundhed", "lukkede 3. januar 2024", "vidensportal-sundt-liv", "officiel-baggrund"),
    ("temaer/helhed-sammenhaeng", "som helhed", "sbst-om-psykiske-vanskeligheder", "officiel-baggrund"),
    ("temaer/faelles-faglig-tilgang", "otte", "sbst-recovery-vejledning-2023", "officiel-baggrund"),
    (
        "temaer/det-gode-forloeb",
        "så tidligt som muligt",
        "sbst-recovery-vejledning-2023",
        "officiel-baggrund",
    ),
]


@pytest.mark.parametrize(("where", "fact", "source", "label"), NEW_FACTS, ids=lambda v: str(v)[:30])
def test_each_new_fact_stands_with_its_source_and_label(real_site, where, fact, source, label):
    blocks = [(w, b) for w, b in all_blocks(real_site) if w.startswith(where + ".")]
    holding = [(w, b) for w, b in blocks if fact in " ".join(b.tekst.split())]
    assert holding, f"{where}: {fact}"
    assert any(source in b.kilder and b.grundlag.value == label for _, b in holding), (where, fact)


def test_no_new_fact_links_a_case_to_a_theme(real_site):
    """Rudersdal and Silkeborg's job example names no theme, so none is linked (audit 4, §5 B.6)."""
    assert {(t.id, c.id) for t in real_site.themes.values() for c, _ in t.cases} == set(SOURCED_LINKS)
