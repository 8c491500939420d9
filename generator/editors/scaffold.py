"""`python -m generator new theme|case …`: a valid new file with every required field.

The new file has short Danish comments saying what to fill in. A new case is
also added to its mapping's `cases:` list (the linker requires it); if that
list cannot be edited safely, the editor is told how to do it by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.content.loader import Content, Loaded, load, validate_document
from generator.content.model import NOT_YET_REVIEWED, Grundlag, Kind, Kortlaegning, Tema
from generator.content.slugs import slugify
from generator.content.yamlsource import YamlReadError, parse_yaml, read_yaml
from generator.editors.schema import header_for
from generator.errors import ContentError, ContentErrors, display_path

# Every basis a block can have, for the comment beside a new theme's first one.
_GRUNDLAG_CHOICES = ", ".join(g.value for g in Grundlag)


@dataclass
class Created:
    path: Path
    notes: list[str]


def _fail(message: str, hint: str = "", file: str = "kommandolinjen") -> ContentErrors:
    return ContentErrors([ContentError(file, message=message, hint=hint)])


def _mapping(content: Content, mapping_id: str) -> tuple[Loaded, Kortlaegning]:
    mappings = content.of(Kind.kortlaegninger)
    if mapping_id not in mappings:
        raise _fail(
            f"ukendt kortlægning '{mapping_id}'",
            "kendte kortlægninger: " + ", ".join(sorted(mappings)),
        )
    found = mappings[mapping_id]
    assert isinstance(found.item, Kortlaegning)
    return found, found.item


def _new_id(content: Content, kind: Kind, title: str, wanted: str | None) -> str:
    new_id = wanted or slugify(title)[:60].strip("-")
    if not new_id:
        raise _fail("der kan ikke laves et id ud fra titlen", "angiv et id med --id")
    if new_id in content.of(kind):
        raise _fail(
            f"id'et '{new_id}' bruges allerede",
            f"af {content.of(kind)[new_id].doc.display}; angiv et andet id med --id",
        )
    return new_id


# What the editor typed on the command line, named as the option that holds it.
_OPTIONS = {name: f"--{name}" for name in ("id", "titel", "navn", "type", "kortlaegning")}


def _from_command_line(error: ContentError) -> ContentError:
    """A loading error about the new file, said of the option it came from (no file or line yet)."""
    option = _OPTIONS.get(error.field.split(".")[0].split("[")[0], "")
    return ContentError("kommandolinjen", field=option, message=error.message, hint=error.hint)


def _folder(data_dir: Path, kind: str, sub: str) -> Path:
    nested = data_dir / kind / sub
    return nested if nested.is_dir() else data_dir / kind


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_theme(data_dir: Path, mapping_id: str, title: str, *, theme_id: str | None = None) -> Created:
    content = load(data_dir)
    mapping, model = _mapping(content, mapping_id)
    new_id = _new_id(content, Kind.temaer, title, theme_id)
    themes = [t.item for t in content.of(Kind.temaer).values() if isinstance(t.item, Tema)]
    numbers = [t.nummer for t in themes if t.kortlaegning == mapping_id]
    number = max(numbers, default=0) + 1
    today = dt.date.today()
    folder = _folder(data_dir, "temaer", mapping_id)
    path = folder / f"{number:02d}-{new_id}.yaml"
    perspectives = "".join(
        f"- perspektiv: {p}\n  ikke_gengivet: true  # skift til blokke:, når afsnittet er skrevet\n"
        for p in model.perspektiver
    )
    text = (
        f"{header_for(path, data_dir, 'temaer')}\n"
        f"# Nyt tema i kortlægningen '{mapping_id}'. Felter med # forklaring kan udfyldes nu eller senere.\n"
        f"id: {new_id}  # bruges i adressen; ændr det ikke, når temaet er udgivet\n"
        f"nummer: {number}  # temaets nummer i kortlægningen\n"
        f"kortlaegning: {mapping_id}\n"
        f"titel: {_quote(title)}\n"
        "kort_fortalt:  # det korte resumé øverst på siden\n"
        "  tekst: Skriv kort, hvad temaet handler om.\n"
        f"  grundlag: redaktionel  # {_GRUNDLAG_CHOICES}\n"
        "# Ét afsnit pr. perspektiv, i kortlægningens rækkefølge.\n"
        f"perspektiver:\n{perspectives}"
        "cases: []  # - case: <case-id>, rolle: dybdegaaende eller supplerende, kilder: [<kilde-id>]\n"
        "refleksionsspoergsmaal: []  # - id: spm-noget  og  spoergsmaal: Hvordan …?\n"
        "soegeord: []  # hverdagsord, søgningen skal finde temaet på, fx [job, praktik]\n"
        f"kilder: [{model.kilde}]\n"
        "gennemgang:\n"
        f"  fagligt_gennemgaaet: {NOT_YET_REVIEWED}"
        "  # datoen (ÅÅÅÅ-MM-DD), når en fagperson har gennemgået teksten\n"
        f"  naeste_gennemgang: {(today + dt.timedelta(days=365)).isoformat()}\n"
        "aendringer:\n"
        f"  - dato: {today.isoformat()}\n"
        "    tekst: Temaet er oprettet.\n"
    )
    return Created(_write_new(path, text, data_dir, Kind.temaer), [])


def new_case(
    data_dir: Path, mapping_id: str, name: str, case_type: str, *, case_id: str | None = None
) -> Created:
    if case_type not in ("kommune", "botilbud"):
        raise _fail(f"ukendt type '{case_type}'", "brug kommune eller botilbud")
    content = load(data_dir)
    mapping, model = _mapping(content, mapping_id)
    new_id = _new_id(content, Kind.cases, name, case_id)
    folder = _folder(data_dir, "cases", "kommuner" if case_type == "kommune" else "botilbud")
    path = folder / f"{new_id}.yaml"
    text = (
        f"{header_for(path, data_dir, 'cases')}\n"
        f"# Ny case i kortlægningen '{mapping_id}'.\n"
        f"id: {new_id}  # bruges i adressen; ændr det ikke, når casen er udgivet\n"
        f"type: {case_type}  # kommune eller botilbud\n"
        f"navn: {_quote(name)}\n"
        f"kortlaegning: {mapping_id}\n"
        "# kommune: Navn  ·  region: Region …  ·  hjemmeside: https://…  (kan tilføjes)\n"
        'lovgrundlag: []  # fx ["§ 85"] eller ["§ 107", "§ 108"]\n'
        "beskrivelse: []  # - tekst: …  grundlag: casens-hjemmeside  kilder: [<kilde-id>]\n"
        f"kilder: [{model.kilde}]\n"
    )
    created = Created(_write_new(path, text, data_dir, Kind.cases), [])
    if not _append_to_list(mapping.doc.path, "cases", new_id):
        created.notes.append(
            f"Tilføj '{new_id}' til listen 'cases:' i {mapping.doc.display}, ellers er casen ikke med."
        )
    else:
        created.notes.append(f"'{new_id}' er tilføjet til listen 'cases:' i {mapping.doc.display}.")
    return created


def _write_new(path: Path, text: str, data_dir: Path, kind: Kind) -> Path:
    """Write the new file once it is what loading accepts: an id that loading would refuse
    (`--id ../../x`) never becomes a path, a file or an entry in the mapping's list."""
    try:
        _, errors = validate_document(kind, parse_yaml(text, path, "kommandolinjen"))
    except YamlReadError as exc:
        errors = [exc.error]
    if errors:
        raise ContentErrors([_from_command_line(e) for e in errors])
    if not path.resolve().is_relative_to((data_dir / kind).resolve()):
        raise _fail("filen ville ligge uden for themes_data/", "angiv et id uden / og ..")
    if path.exists():
        raise _fail("filen findes allerede", "vælg et andet id med --id", display_path(path, data_dir))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _append_to_list(path: Path, field: str, value: str) -> bool:
    """Append `value` to the top-level list `field` in place; keep comments. False if unsure."""
    original = path.read_text(encoding="utf-8")
    try:
        doc = read_yaml(path, path.name)
    except YamlReadError:
        return False
    items = doc.data.get(field) if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return False
    lines = original.splitlines(keepends=True)
    if items:
        line, column = doc.positions[(field, len(items) - 1)]
        last = lines[line - 1]
        start, _ = doc.positions[(field,)]
        if start == line and "[" in last:  # flow list on one line: [a, b]
            close = last.rfind("]")
            lines[line - 1] = last[:close] + f", {value}" + last[close:]
        else:  # block list: copy the "- " prefix of the last item
            prefix = last[: column - 1]
            if not last.endswith("\n"):
                lines[line - 1] = last + "\n"
            lines.insert(line, prefix + value + "\n")
    else:
        line, _ = doc.positions[(field,)]
        current = lines[line - 1]
        if "[]" not in current:
            return False
        lines[line - 1] = current.replace("[]", f"[{value}]", 1)
    path.write_text("".join(lines), encoding="utf-8")
    try:
        ok = bool(read_yaml(path, path.name).data.get(field) == [*items, value])
    except YamlReadError:
        ok = False
    if not ok:
        path.write_text(original, encoding="utf-8")
    return ok
