"""The bad-input corpus: what an editor can get wrong, and what they are told.

Each row breaks a copy of tests/fixtures/minimal/ in one way and says which
error the editor must see: the file, the line (the first line of the broken
file containing `at`, or `line`), the field path and a fragment of the Danish
message (and of the hint). Rows with `cli=True` also run the real command line
(`python -m generator validate`) in a subprocess: exit code 1, no traceback.

Read it as the specification of the editors' error messages.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Mutation = Callable[[Path], None]

THEME = "temaer/01-fleksibel.yaml"
THEME2 = "temaer/02-sundhed.yaml"
CASE = "cases/aaby.yaml"
CASE2 = "cases/oeby.yaml"
MAPPING = "kortlaegninger/bostoette.yaml"
SOURCE = "kilder/rapport.yaml"
PERSPECTIVE = "perspektiver/borgerne.yaml"


@dataclass(frozen=True)
class Bad:
    name: str
    mutate: Mutation
    file: str  # relative to themes_data/
    fragment: str  # part of the message
    field: str = ""  # expected field path; "" = the file itself
    at: str | None = None  # the expected line is the first one containing this text
    line: int | None = None  # … or this line number
    hint: str = ""  # part of the hint
    cli: bool = False  # also run the real CLI in a subprocess

    def __str__(self) -> str:
        return self.name


# --- mutations ----------------------------------------------------------------


def replace(rel: str, old: str, new: str) -> Mutation:
    def run(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return run


def write(rel: str, text: str | bytes) -> Mutation:
    def run(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return run


def delete(rel: str) -> Mutation:
    return lambda root: (root / rel).unlink()


def copy(rel: str, new_rel: str) -> Mutation:
    return lambda root: (root / new_rel).write_bytes((root / rel).read_bytes())


def both(*mutations: Mutation) -> Mutation:
    def run(root: Path) -> None:
        for m in mutations:
            m(root)

    return run


def rename(rel: str, old_id: str, new_id: str) -> Mutation:
    """Give the file at `rel` a new id (and the file name that goes with it)."""

    def run(root: Path) -> None:
        replace(rel, f"id: {old_id}", f"id: {new_id}")(root)
        path = root / rel
        path.rename(path.with_name(path.name.replace(old_id, new_id)))

    return run


def rename_mapping(new_id: str) -> Mutation:
    """Rename the mapping 'bostoette' everywhere it is referred to."""

    def run(root: Path) -> None:
        for path in root.rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("ning: bostoette", f"ning: {new_id}"), encoding="utf-8")
        rename(MAPPING, "bostoette", new_id)(root)

    return run


def sparse_file(rel: str, size: int) -> Mutation:
    """A file of `size` bytes that takes no disk space (and must not be read)."""

    def run(root: Path) -> None:
        with (root / rel).open("wb") as handle:
            handle.truncate(size)

    return run


def symlink_out(rel: str) -> Mutation:
    def run(root: Path) -> None:
        outside = root.parent / "outside.yaml"
        outside.write_text((root / CASE2).read_text(encoding="utf-8"), encoding="utf-8")
        os.symlink(outside, root / rel)

    return run


def linked_folder(rel: str) -> Mutation:
    """A folder in themes_data/ that is a symbolic link to a folder of YAML files elsewhere."""

    def run(root: Path) -> None:
        outside = root.parent / "flere-cases"
        outside.mkdir()
        (outside / "ny.yaml").write_text((root / CASE2).read_text(encoding="utf-8"), encoding="utf-8")
        os.symlink(outside, root / rel)

    return run


BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    + ["id: bombe"]
)
DEEP = "id: dyb\nnavn: " + "[" * 5000 + "]" * 5000 + "\n"
LONG = "x" * 100_000
INDENTED_FIRST_FIELD = (
    "# yaml-language-server: $schema=../schema/kilde.schema.json\n id: indrykket\ntitel: x\n"
)


# One row per case: Bad(name, mutation, file, message fragment, field=…, at=…/line=…, hint=…, cli=…).
# fmt: off
CORPUS: list[Bad] = [
    # --- YAML syntax ------------------------------------------------------------
    Bad("tab-indentation", replace(THEME, "  grundlag: redaktionel", "\tgrundlag: redaktionel"), THEME,
        "tabulatortegn (tab)", at="\tgrundlag", hint="mellemrum", cli=True),
    Bad("unclosed-quote", replace(THEME2, "titel: Sundhed", 'titel: "Sundhed'), THEME2,
        "anførselstegn bliver ikke afsluttet", at='titel: "Sundhed', cli=True),
    Bad("missing-colon", replace(THEME2, "titel: Sundhed", "titel Sundhed"), THEME2,
        "mangler et kolon", at="titel Sundhed"),
    Bad("colon-inside-text", replace(THEME2, "titel: Sundhed", "titel: Sundhed: krop og sind"), THEME2,
        "et kolon står et sted", at="titel: Sundhed:", hint="anførselstegn", cli=True),
    Bad("line-indented-too-far", replace(CASE2, "navn: Øby Kommune", "  navn: Øby Kommune"), CASE2,
        "ugyldig YAML", at="  navn:", hint="rykket"),
    Bad("list-item-out-of-line", replace(MAPPING, "  - tal: 2", "  - tal: 2\n betydning: x"), MAPPING,
        "ugyldig YAML", at=" betydning: x"),
    Bad("two-documents", replace(CASE2, "navn: Øby", "---\nnavn: Øby"), CASE2,
        "kun indeholde ét dokument", at="---"),
    Bad("control-character", replace(CASE2, "Øby Kommune", "Øby\x07 Kommune"), CASE2,
        "kontroltegn (U+0007)", at="Øby\x07"),
    Bad("python-tag", replace(CASE2, "navn: Øby Kommune", "navn: !!python/object:os.system ls"), CASE2,
        "YAML-mærket '!!python/object:os.system'", at="navn:", cli=True),
    # One row for each row of generator/yaml_messages.RULES (test_validation_corpus checks it).
    Bad("anchor-without-name", replace(CASE2, "navn: Øby Kommune", "navn: & Øby"), CASE2,
        "tegnet '&' kan ikke stå først", at="navn: &", hint="anførselstegn"),
    Bad("at-sign-first", replace(CASE2, "navn: Øby Kommune", "navn: @Øby"), CASE2,
        "tegnet '@' kan ikke stå først", at="navn: @", hint="anførselstegn"),
    Bad("directive-twice", replace(CASE2, "id: oeby", "%YAML 1.1\n%YAML 1.1\nid: oeby"), CASE2,
        "starter med %", line=2, hint="slet"),
    Bad("line-after-document-end", replace(CASE2, "kilder: [rapport]", "...\nkilder"), CASE2,
        "hører ikke til noget felt", line=6),
    Bad("list-item-after-field", replace(CASE2, "kilder: [rapport]", "kilder: [rapport]\n- a"), CASE2,
        "linje med '- '", at="- a", hint="under feltnavnet"),
    Bad("question-mark-key", replace(CASE2, "navn: Øby Kommune", "navn: ? Øby"), CASE2,
        "kan ikke læses som YAML fra dette sted", at="navn: ?"),
    Bad("text-after-bar", replace(CASE2, "navn: Øby Kommune", "navn: |x\n  Øby"), CASE2,
        "efter | eller >", at="navn: |x", hint="næste linje"),
    Bad("text-after-closing-quote", replace(CASE2, "navn: Øby Kommune", 'navn: "Øby" Kommune'), CASE2,
        "tekst efter det afsluttende anførselstegn", at='navn: "Øby"'),
    Bad("unclosed-list", replace(CASE2, "kilder: [rapport]", "kilder: [rapport"), CASE2,
        "liste i [ ] bliver ikke lukket", at="kilder: [rapport", hint="]"),
    Bad("unclosed-braces", replace(CASE2, "navn: Øby Kommune", "navn: {a: 1"), CASE2,
        "samling i { } bliver ikke lukket", at="navn: {", hint="}"),
    Bad("unknown-escape", replace(CASE2, "navn: Øby Kommune", 'navn: "Øby\\q"'), CASE2,
        "omvendt skråstreg", at='navn: "Øby', hint="\\\\"),
    Bad("closing-brace-alone", replace(CASE2, "navn: Øby Kommune", "navn: }"), CASE2,
        "tegnet } står uden et {", at="navn: }", hint="anførselstegn"),
    Bad("deep-nesting", write("cases/dyb.yaml", DEEP), "cases/dyb.yaml", "for mange niveauer", line=2),
    Bad("duplicate-key", replace(CASE2, "navn: Øby Kommune", "navn: Øby Kommune\nnavn: Åby"), CASE2,
        "feltet står to gange", field="navn", at="navn: Åby", hint="første gang på linje 3", cli=True),
    # --- anchors and aliases ------------------------------------------------------
    Bad("billion-laughs", write("cases/bombe.yaml", BILLION_LAUGHS), "cases/bombe.yaml",
        "YAML-anker (&)", line=1, hint="skriv værdien ud", cli=True),
    Bad("alias-to-scalar", replace(CASE2, "kilder: [rapport]", "kilder: [*r]"), CASE2,
        "YAML-alias (*)", at="kilder: [*r]"),
    Bad("merge-key", replace(CASE2, "navn: Øby Kommune", "navn: &n Øby Kommune\n<<: *n"), CASE2,
        "YAML-anker (&)", at="navn: &n"),
    # --- files --------------------------------------------------------------------
    Bad("empty-file", write("cases/tom.yaml", ""), "cases/tom.yaml", "filen er tom", line=1, cli=True),
    Bad("only-comments", write("cases/kommentar.yaml", "# yaml-language-server: x\n# id: x\n"),
        "cases/kommentar.yaml", "filen er tom", line=1),
    Bad("latin-1", write("cases/latin.yaml", "id: latin\nnavn: \xc5by\n".encode("latin-1")),
        "cases/latin.yaml", "ikke gemt som UTF-8", line=2, hint="UTF-8", cli=True),
    Bad("utf-16", write("cases/utf16.yaml", "id: utf16\n".encode("utf-16")), "cases/utf16.yaml",
        "ikke gemt som UTF-8", line=1),
    Bad("list-instead-of-fields", write("cases/liste.yaml", "- id: liste\n- navn: x\n"),
        "cases/liste.yaml", "filen skal bestå af felter", line=1),
    Bad("text-instead-of-fields", write("cases/tekst.yaml", "bare en tekst\n"), "cases/tekst.yaml",
        "filen skal bestå af felter", line=1),
    Bad("50-mb-file", sparse_file("cases/stor.yaml", 50 * 1024 * 1024), "cases/stor.yaml",
        "filen er for stor (52.428.800 bytes", hint="rigtige fil", cli=True),
    Bad("symlink-out-of-tree", symlink_out("cases/udenfor.yaml"), "cases/udenfor.yaml",
        "et link til en fil uden for themes_data/", cli=True),
    Bad("symlink-loop", both(lambda r: os.symlink("b.yaml", r / "cases/a.yaml"),
        lambda r: os.symlink("a.yaml", r / "cases/b.yaml")), "cases/a.yaml", "en løkke"),
    Bad("folder-named-like-a-file", lambda r: (r / "cases/mappe.yaml").mkdir(), "cases/mappe.yaml",
        "er ikke en almindelig fil"),
    Bad("file-outside-any-folder", copy(CASE2, "oeby.yaml"), "oeby.yaml", "ligger ikke i en mappe",
        hint="kilder, kortlaegninger"),
    Bad("unknown-folder", write("temaerr/x.yaml", "id: x\n"), "temaerr", "ukendt mappe",
        hint="mente du 'temaer'?"),
    Bad("file-name-does-not-match-id", replace(CASE2, "id: oeby", "id: oe-by"), CASE2,
        "filnavnet 'oeby.yaml' passer ikke med id'et 'oe-by'", field="id", at="id:", hint="oe-by.yaml"),
    Bad("markup-in-search-word",
        replace(THEME, "nummer: 1\n", "nummer: 1\nsoegeord:\n- job\n- <b>arbejde</b>\n"), THEME,
        "'<b>arbejde</b>' er ikke et søgeord", field="soegeord[2]", at="<b>arbejde</b>",
        hint="kun bogstaver og tal"),
    # --- wrong types and YAML 1.1 traps -------------------------------------------
    Bad("yes-as-boolean", replace(THEME, "ikke_gengivet: true", "ikke_gengivet: yes"), THEME,
        "'yes' er ikke en sandhedsværdi", field="perspektiver[2].ikke_gengivet", at="ikke_gengivet: yes",
        hint="yes/no/on/off", cli=True),
    Bad("no-as-boolean", replace(THEME2, "ikke_gengivet: true", "ikke_gengivet: no"), THEME2,
        "'no' er ikke en sandhedsværdi", field="perspektiver[1].ikke_gengivet", at="ikke_gengivet: no"),
    Bad("on-as-boolean", replace(THEME2, "ikke_gengivet: true", "ikke_gengivet: on"), THEME2,
        "'on' er ikke en sandhedsværdi", field="perspektiver[1].ikke_gengivet", at="ikke_gengivet: on"),
    Bad("off-as-boolean", replace(THEME2, "ikke_gengivet: true", "ikke_gengivet: off"), THEME2,
        "'off' er ikke en sandhedsværdi", field="perspektiver[1].ikke_gengivet", at="ikke_gengivet: off"),
    Bad("quoted-true", replace(THEME2, "ikke_gengivet: true", 'ikke_gengivet: "true"'), THEME2,
        "'true' er ikke en sandhedsværdi", field="perspektiver[1].ikke_gengivet", at='"true"',
        hint="uden anførselstegn"),
    Bad("octal-number", replace(THEME2, "nummer: 2", "nummer: 010"), THEME2,
        "'010' er ikke et heltal: tal må ikke starte med 0", field="nummer", at="nummer: 010",
        hint="skriv 10", cli=True),
    Bad("quoted-number", replace(THEME2, "nummer: 2", 'nummer: "2"'), THEME2,
        "skal være et heltal, ikke '2'", field="nummer", at="nummer:", hint="uden anførselstegn"),
    Bad("word-as-number", replace(THEME2, "nummer: 2", "nummer: to"), THEME2,
        "skal være et heltal, ikke 'to'", field="nummer", at="nummer:"),
    Bad("number-as-text", replace(CASE2, "navn: Øby Kommune", "navn: 2021"), CASE2,
        "skal være tekst", field="navn", at="navn:", hint="anførselstegn"),
    Bad("list-as-text", replace(CASE2, "navn: Øby Kommune", "navn: [Øby, Kommune]"), CASE2,
        "skal være tekst, ikke en liste", field="navn", at="navn:"),
    Bad("text-as-list", replace(MAPPING, "perspektiver: [borgerne, viden]", "perspektiver: borgerne"),
        MAPPING, "skal være en liste", field="perspektiver", at="perspektiver:"),
    Bad("text-as-fields", replace(PERSPECTIVE, "beskrivelse:\n  tekst: Hvad borgerne fortæller.\n"
        "  grundlag: redaktionel", "beskrivelse: Hvad borgerne fortæller."), PERSPECTIVE,
        "skal være en samling af felter", field="beskrivelse", at="beskrivelse:"),
    Bad("unknown-enum-value", replace(THEME, "grundlag: kortlaegning", "grundlag: kortlægning"), THEME,
        "'kortlægning' er ikke en gyldig værdi", field="perspektiver[1].blokke[1].grundlag",
        at="grundlag: kortlægning", hint="mente du 'kortlaegning'?", cli=True),
    # An old file or an old habit: the value that was split up says what replaced it (issue 28).
    Bad("retired-enum-value", replace(THEME, "grundlag: kortlaegning", "grundlag: anden-udgivelse"), THEME,
        "'anden-udgivelse' bruges ikke længere", field="perspektiver[1].blokke[1].grundlag",
        at="grundlag: anden-udgivelse", hint="'offentlig-udgivelse' (en myndighed", cli=True),
    Bad("unknown-literal", replace(CASE2, "type: kommune", "type: kommunen"), CASE2,
        "'kommunen' er ikke en gyldig værdi", field="type", at="type:", hint="mente du 'kommune'?"),
    Bad("year-out-of-range", replace(SOURCE, "aar: 2021", "aar: 1850"), SOURCE,
        "uden for det tilladte område (mindst 1900)", field="aar", at="aar:"),
    Bad("http-url", replace(SOURCE, "url: https://", "url: http://"), SOURCE,
        "er ikke en gyldig webadresse", field="url", at="url:", hint="https://"),
    Bad("number-too-large", replace(THEME2, "nummer: 2", "nummer: 1000"), THEME2,
        "uden for det tilladte område (højst 999)", field="nummer", at="nummer:"),
    Bad("decimal-number", replace(THEME2, "nummer: 2", "nummer: 2.5"), THEME2,
        "skal være et heltal", field="nummer", at="nummer:"),
    Bad("isbn-of-wrong-form", replace(MAPPING, "ydelse: Bostøtte", "e_isbn: 12-34\nydelse: Bostøtte"),
        MAPPING, "'12-34' har ikke den forventede form", field="e_isbn", at="e_isbn:"),
    Bad("text-too-long-for-one-block", replace(THEME2, "tekst: Et sundt liv.", "tekst: " + "Sundt. " * 3000),
        THEME2, "teksten er for lang (20999 tegn; højst 20000)", field="kort_fortalt.tekst",
        at="tekst: Sundt.", hint="del teksten op i flere blokke"),
    # --- missing fields -----------------------------------------------------------
    Bad("missing-title", replace(THEME2, "titel: Sundhed\n", ""), THEME2, "mangler", field="titel", line=1,
        cli=True),
    Bad("missing-nested-block", replace(THEME2, "gennemgang:\n  fagligt_gennemgaaet: 2026-11-01\n"
        "  naeste_gennemgang: 2027-11-01", "gennemgang:\n  naeste_gennemgang: 2027-11-01"), THEME2,
        "mangler", field="gennemgang.fagligt_gennemgaaet", at="naeste_gennemgang"),
    Bad("missing-id", replace(CASE2, "id: oeby\n", ""), CASE2, "mangler", field="id", line=1),
    Bad("empty-title", replace(CASE2, "navn: Øby Kommune", 'navn: ""'), CASE2, "må ikke være tom",
        field="navn", at="navn:"),
    Bad("null-title", replace(CASE2, "navn: Øby Kommune", "navn:"), CASE2, "skal være tekst, ikke tom",
        field="navn", at="navn:"),
    # --- unknown fields (typos) ---------------------------------------------------
    Bad("typo-in-field", replace(CASE2, "navn: Øby", "nanv: Øby"), CASE2, "ukendt felt", field="nanv",
        at="nanv:", hint="mente du 'navn'?", cli=True),
    Bad("typo-in-nested-field", replace(THEME2, "  grundlag: redaktionel", "  grundlg: redaktionel"),
        THEME2, "ukendt felt", field="kort_fortalt.grundlg", at="grundlg:", hint="mente du 'grundlag'?"),
    Bad("danish-letters-in-field", replace(THEME, "refleksionsspoergsmaal:", "refleksionsspørgsmål:"),
        THEME, "ukendt felt", field="refleksionsspørgsmål", at="refleksionsspørgsmål:",
        hint="mente du 'refleksionsspoergsmaal'?"),
    # --- references ---------------------------------------------------------------
    Bad("unknown-case", replace(THEME, "- case: aaby", "- case: aby"), THEME, "ukendt case-id 'aby'",
        field="cases[1].case", at="case: aby", hint="mente du 'aaby'?", cli=True),
    Bad("unknown-theme", replace(THEME, "  pejlemaerker: [pejlemaerke-01]",
        "  pejlemaerker: [pejlemaerke-01]\n  temaer: [sundhd]"), THEME, "ukendt tema-id 'sundhd'",
        field="relateret.temaer[1]", at="temaer: [sundhd]", hint="mente du 'sundhed'?"),
    Bad("unknown-source", replace(CASE2, "kilder: [rapport]", "kilder: [raport]"), CASE2,
        "ukendt kilde-id 'raport'", field="kilder[1]", at="kilder:", hint="mente du 'rapport'?"),
    Bad("unknown-perspective", replace(THEME2, "- perspektiv: viden", "- perspektiv: videnn"), THEME2,
        "'videnn' er ikke et perspektiv i kortlægningen 'bostoette'", field="perspektiver[2].perspektiv",
        at="perspektiv: videnn", hint="mente du 'viden'?"),
    Bad("dangling-after-delete", delete("kilder/hjemmeside.yaml"), CASE, "ukendt kilde-id 'hjemmeside'",
        field="beskrivelse[1].kilder[1]", at="kilder: [hjemmeside]", cli=True),
    Bad("unknown-mapping", replace(CASE2, "kortlaegning: bostoette", "kortlaegning: botilbud"), CASE2,
        "ukendt kortlægnings-id 'botilbud'", field="kortlaegning", at="kortlaegning:"),
    # --- duplicate ids and slugs --------------------------------------------------
    Bad("duplicate-id", copy(CASE2, "cases/oeby-kopi.yaml"), "cases/oeby.yaml",
        "id'et 'oeby' bruges allerede", field="id", at="id:", hint="oeby-kopi.yaml", cli=True),
    # Collisions in the page plan (pages.check) are found once everything links.
    Bad("reserved-theme-id-takes-a-url", rename(THEME2, "sundhed", "matrix"), "temaer/02-matrix.yaml",
        "id'et 'matrix' er reserveret", field="id", at="id:", hint="samme adresse (/bostoette/matrix/)"),
    Bad("reserved-case-id", both(rename(CASE2, "oeby", "index"),
        replace(MAPPING, "cases: [aaby, oeby]", "cases: [aaby, index]")), "cases/index.yaml",
        "id'et 'index' er reserveret", field="id", at="id:", hint="siden 'Find en case'"),
    Bad("mapping-id-takes-a-fixed-page", rename_mapping("kilder"), "kortlaegninger/kilder.yaml",
        "id'et 'kilder' er reserveret", field="id", at="id:", hint="siden 'Kilder'", cli=True),
    Bad("mapping-id-takes-the-assets-folder", rename_mapping("assets"), "kortlaegninger/assets.yaml",
        "id'et 'assets' er reserveret", field="id", at="id:", hint="mappen /assets/"),
    # Was silently replaced by the coverage page (issue 10).
    Bad("theme-takes-the-coverage-page",
        both(rename_mapping("redaktion"), rename(THEME2, "sundhed", "daekning")),
        "temaer/02-daekning.yaml", "id'et 'daekning' er reserveret", field="id", at="id:",
        hint="samme adresse (/redaktion/daekning/) som siden 'Dækning'", cli=True),
    # A page kind added later (#12's question cards) is guarded with no list to update.
    Bad("theme-takes-the-question-cards-page", rename(THEME2, "sundhed", "spoergsmaalskort"),
        "temaer/02-spoergsmaalskort.yaml", "id'et 'spoergsmaalskort' er reserveret", field="id", at="id:",
        hint="siden 'Spørgsmålskort'"),
    Bad("mapping-takes-the-editors-guide", rename_mapping("redaktoervejledning"),
        "kortlaegninger/redaktoervejledning.yaml", "id'et 'redaktoervejledning' er reserveret", field="id",
        at="id:", hint="en håndskrevet side"),
    Bad("duplicate-question-id", replace(THEME, "    spoergsmaal: Hvornår giver vi plads til det uventede?",
        "    spoergsmaal: Hvornår?\n  - id: spm-plads\n    spoergsmaal: Hvordan?"), THEME,
        "id'et 'spm-plads' bruges også af spørgsmål 1", field="refleksionsspoergsmaal[2].id",
        at="  - id: spm-plads\n    spoergsmaal: Hvordan"),
    Bad("question-id-takes-an-anchor", replace(THEME, "- id: spm-plads", "- id: kilder"), THEME,
        "bruges allerede af et afsnit på temasiden", field="refleksionsspoergsmaal[1].id", at="- id: kilder",
        hint="spm-kilder"),
    # Sections the old hand-made list (loader.THEME_PAGE_ANCHORS) had forgotten: a duplicate id (issue 10).
    *[Bad(f"question-id-takes-the-{anchor}-anchor",
          replace(THEME, "- id: spm-plads", f"- id: {anchor}"), THEME,
          f"id'et '{anchor}' bruges allerede af et afsnit på temasiden", field="refleksionsspoergsmaal[1].id",
          at=f"- id: {anchor}", hint=f"spm-{anchor}", cli=anchor == "guide")
      for anchor in ("guide", "spoergsmaal", "sammenfatning")],
    Bad("question-id-takes-a-perspective-anchor", replace(THEME, "- id: spm-plads", "- id: viden"), THEME,
        "id'et 'viden' bruges også af perspektivet 'viden'", field="refleksionsspoergsmaal[1].id",
        at="- id: viden"),
    Bad("perspective-id-takes-a-theme-anchor", both(rename(PERSPECTIVE, "borgerne", "cases"),
        lambda root: [replace(r, "borgerne", "cases")(root) for r in (MAPPING, THEME, THEME2)]),
        "perspektiver/cases.yaml", "id'et 'cases' bruges allerede af et afsnit på temasiden",
        field="id", at="id:"),
    Bad("duplicate-theme-number", replace(THEME2, "nummer: 2", "nummer: 1"), THEME2,
        "nummeret 1 bruges også af temaet 'fleksibel'", field="nummer", at="nummer:"),
    # --- dates --------------------------------------------------------------------
    Bad("date-does-not-exist", replace(THEME, "  - dato: 2026-11-01", "  - dato: 2026-02-30"), THEME,
        "datoen '2026-02-30' findes ikke", field="aendringer[1].dato", at="dato: 2026-02-30", cli=True),
    Bad("danish-date-order", replace(THEME2, "naeste_gennemgang: 2027-11-01",
        "naeste_gennemgang: 01-11-2027"), THEME2, "'01-11-2027' er ikke en dato på formen ÅÅÅÅ-MM-DD",
        field="gennemgang.naeste_gennemgang", at="naeste_gennemgang:"),
    Bad("timestamp-number-as-date", replace(THEME2, "naeste_gennemgang: 2027-11-01",
        "naeste_gennemgang: 1700000000"), THEME2, "'1700000000' er ikke en dato",
        field="gennemgang.naeste_gennemgang", at="naeste_gennemgang:"),
    Bad("date-with-time", replace(THEME2, "naeste_gennemgang: 2027-11-01",
        "naeste_gennemgang: 2027-11-01 10:00"), THEME2, "er ikke en dato på formen ÅÅÅÅ-MM-DD",
        field="gennemgang.naeste_gennemgang", at="naeste_gennemgang:"),
    Bad("review-date-misspelt", replace(THEME2, "fagligt_gennemgaaet: 2026-11-01",
        "fagligt_gennemgaaet: ikke ennu"), THEME2,
        "'ikke ennu' er hverken en dato på formen ÅÅÅÅ-MM-DD eller 'ikke endnu'",
        field="gennemgang.fagligt_gennemgaaet", at="fagligt_gennemgaaet:"),
    # --- ids with path parts ------------------------------------------------------
    Bad("id-with-dot-dot", replace(CASE2, "id: oeby", "id: ../oeby"), CASE2,
        "'../oeby' er ikke et gyldigt id", field="id", at="id:", hint="små bogstaver", cli=True),
    Bad("id-with-slash", replace(CASE2, "id: oeby", "id: cases/oeby"), CASE2,
        "'cases/oeby' er ikke et gyldigt id", field="id", at="id:"),
    Bad("reference-with-path", replace(THEME, "- case: aaby", "- case: ../cases/aaby"), THEME,
        "'../cases/aaby' er ikke et gyldigt id", field="cases[1].case", at="case: ../"),
    Bad("id-with-danish-letter", replace(CASE2, "kortlaegning: bostoette", "kortlaegning: bostøtte"), CASE2,
        "'bostøtte' er ikke et gyldigt id", field="kortlaegning", at="kortlaegning:", hint="ø→oe"),
    # --- very long strings ----------------------------------------------------------
    Bad("very-long-title", replace(CASE2, "navn: Øby Kommune", f"navn: {LONG}"), CASE2,
        "teksten er for lang (100000 tegn; højst 300)", field="navn", at="navn:"),
    Bad("very-long-id", replace(CASE2, "kortlaegning: bostoette", f"kortlaegning: {'a' * 5000}"), CASE2,
        "for lang (5000 tegn; højst 80)", field="kortlaegning", at="kortlaegning:"),
    # --- content policy (see also test_safe_content.py) ---------------------------
    Bad("raw-html", replace(CASE, "Kommunen tilbyder", "<script>alert(1)</script> Kommunen tilbyder"), CASE,
        "rå HTML er ikke tilladt", field="beskrivelse[1].tekst", at="<script>", cli=True),
    Bad("javascript-link", replace(CASE, "**gruppeforløb**", "[gruppeforløb](javascript:alert(1))"), CASE,
        "linket 'javascript:alert(1' er ikke tilladt", field="beskrivelse[1].tekst", at="javascript:",
        hint="https://"),
    Bad("html-deep-in-a-long-text", replace(CASE, "  - tekst: Kommunen tilbyder **gruppeforløb**.",
        "  - tekst: |\n      Kommunen tilbyder.\n\n      Mere:\n      <img src=x onerror=alert(1)>"),
        CASE, "rå HTML er ikke tilladt", field="beskrivelse[1].tekst", at="<img"),
    Bad("attribute-list", replace(CASE, "**gruppeforløb**.", "**gruppeforløb**. {.x onclick=alert(1) }"),
        CASE, "attributlister", field="beskrivelse[1].tekst", at="{.x"),
    # --- labels the editors place (issue 19) ---------------------------------------------
    Bad("background-without-its-label", replace(THEME, "cases:\n", "baggrund:\n  - tekst: Viden om emnet.\n"
        "    grundlag: offentlig-udgivelse\n    kilder: [hjemmeside]\ncases:\n"), THEME,
        "skal have grundlag: officiel-baggrund", field="baggrund[1].grundlag",
        at="grundlag: offentlig-udgivelse",
        hint="ikke står i kortlægningen", cli=True),
    Bad("placed-literature-in-kort-fortalt", replace(THEME, "  grundlag: redaktionel",
        "  grundlag: litteraturstudie-placeret\n  kilder: [studie]"), THEME,
        "hører ikke til under kort_fortalt", field="kort_fortalt.grundlag", at="litteraturstudie-placeret",
        hint="flyt blokken til perspektiver"),
    Bad("placed-literature-citing-the-mapping", replace(THEME, "        grundlag: kortlaegning",
        "        grundlag: litteraturstudie-placeret"), THEME, "må ikke have kortlægningen som kilde",
        field="perspektiver[1].blokke[1].grundlag", at="litteraturstudie-placeret"),
    # --- the fault hunt (issue 13); unreadable folders: tests/test_folders.py -------------
    Bad("first-field-indented", write("kilder/indrykket.yaml", INDENTED_FIRST_FIELD), "kilder/indrykket.yaml",
        "filens første felt er rykket ind", line=2, hint="fjern mellemrummene før 'id'", cli=True),
    Bad("suffix-in-capitals", copy(CASE2, "cases/ny.YAML"), "cases/ny.YAML", "filen bliver ikke læst",
        hint="omdøb filen til ny.yaml", cli=True),
    Bad("backup-copy", copy(CASE, "cases/aaby.yaml.bak"), "cases/aaby.yaml.bak", "filen bliver ikke læst",
        hint="sikkerhedskopi"),
    Bad("url-unmatched-parenthesis", replace(SOURCE, "url: https://example.org/rapport",
        "url: https://www.odense.dk/a)b"), SOURCE, "parentes uden sin partner", field="url", at="url:",
        cli=True),
    # --- issue 17: links only the HTML shows, ids, invisible characters -------------------
    Bad("reference-definition-in-a-list-item", replace(CASE, "  - tekst: Kommunen tilbyder **gruppeforløb**.",
        "  - tekst: |\n      - Se [her][r].\n\n        [r]: javascript:alert(1)"), CASE,
        "linket 'javascript:alert(1)' er ikke tilladt", field="beskrivelse[1].tekst", at="[r]: javascript",
        cli=True),
    Bad("line-break-in-a-link-target", replace(CASE, "  - tekst: Kommunen tilbyder **gruppeforløb**.",
        "  - tekst: |\n      Se [her](java\n      script:alert(1))."), CASE,
        "linket 'javascript:alert(1)' er ikke tilladt", field="beskrivelse[1].tekst", at="[her](java",
        hint="linjeskift"),
    Bad("protocol-relative-link", replace(CASE, "**gruppeforløb**", "[gruppeforløb](//evil.example/x)"), CASE,
        "starter med // og er ikke et https-link", field="beskrivelse[1].tekst", at="//evil", hint="https://"),
    # Dead relative links and anchors: MkDocs' strict build fails on them (tests/test_validation_links.py).
    Bad("dead-internal-link", replace(CASE, "**gruppeforløb**", "[gruppeforløb](../bostoette/sundhd.md)"),
        CASE, "linket '../bostoette/sundhd.md' peger ikke på en side", field="beskrivelse[1].tekst",
        at="sundhd", hint="mente du '../bostoette/sundhed.md'?", cli=True),
    Bad("dead-anchor", replace(CASE, "**gruppeforløb**", "[gruppeforløb](../bostoette/sundhed.md#borgrne)"),
        CASE, "afsnittet '#borgrne', som ikke findes på siden bostoette/sundhed.md",
        field="beskrivelse[1].tekst", at="#borgrne", hint="mente du '#borgerne'?"),
    Bad("directory-url-as-link", replace(CASE, "**gruppeforløb**", "[gruppeforløb](../bostoette/sundhed/)"),
        CASE, "peger ikke på en side", field="beskrivelse[1].tekst", at="sundhed/",
        hint="'../bostoette/sundhed.md'"),
    Bad("absolute-internal-link", replace(CASE, "**gruppeforløb**", "[gruppeforløb](/cases/oeby/)"), CASE,
        "starter med / og virker ikke", field="beskrivelse[1].tekst", at="/cases/oeby/"),
    # A theme's perspective section is shown on the theme page and on the perspective's page too.
    Bad("link-right-on-one-page-wrong-on-another",
        replace(THEME, "tekst: Borgerne ønsker plads til det uventede.", "tekst: Se [sundhed](sundhed.md)."),
        THEME, "linket 'sundhed.md' peger ikke på en side", field="perspektiver[1].blokke[1].tekst",
        at="(sundhed.md)",
        hint="mente du '../bostoette/sundhed.md'? (teksten står på /perspektiver/borgerne/)"),
    Bad("mapping-id-takes-a-redirect-source", rename_mapping("was"), "kortlaegninger/was.yaml",
        "id'et 'was' er reserveret", field="id", at="id:", hint="redirect_maps i mkdocs.yml", cli=True),
    Bad("symlinked-folder", linked_folder("cases/flere"), "cases/flere/", "mappen er et link", cli=True),
    *[Bad(f"invisible-{name}", replace(CASE2, "type: kommune", f"type: kommune\n#x{char}"), CASE2,
          f"usynligt tegn: {shown} (U+{ord(char):04X})", at=f"#x{char}")
      for name, char, shown in [
          ("line-separator", "\u2028", "linjeskift-tegnet LINE SEPARATOR"),
          ("paragraph-separator", "\u2029", "afsnitstegnet PARAGRAPH SEPARATOR"),
          ("next-line", "\u0085", "linjeskift-tegnet NEXT LINE (NEL)"),
          ("zero-width-space", "\u200b", "et mellemrum uden bredde (ZERO WIDTH SPACE)"),
          ("zero-width-non-joiner", "\u200c", "ZERO WIDTH NON-JOINER"),
          ("zero-width-joiner", "\u200d", "ZERO WIDTH JOINER"),
          ("word-joiner", "\u2060", "WORD JOINER"),
          ("byte-order-mark-inside", "\ufeff", "et byte order mark (BOM) inde i filen"),
          ("bidi-override", "\u202e", "en usynlig styring af skriveretningen"),
      ]],
    Bad("invisible-in-an-id", replace(CASE2, "id: oeby", "id: oe\u200bby"), CASE2,
        "usynligt tegn: et mellemrum uden bredde (ZERO WIDTH SPACE) (U+200B)", at="id: oe", cli=True),
    # PyYAML reads U+2028 in a value as a line break (folded to a space, silently): named at its line.
    Bad("line-separator-in-a-name", replace(CASE2, "navn: Øby Kommune", "navn: Øby\u2028Kommune"), CASE2,
        "LINE SEPARATOR (U+2028)", at="navn: Øby"),
]
# fmt: on
