"""`python -m generator new theme|case …`: a valid new file with every required field.

The new file is written in the canonical format (editors/canonical.py), as the content editor
writes it, so it passes `make test`'s format check as it is; what to fill in is said on the
command line and in each field's help text (schema and editor), not in comments. A new case is
also added to its mapping's `cases:` list (the linker requires it), the mapping file written
canonically; if it cannot be read, the editor is told how to do it by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.content.loaded import Content, Loaded
from generator.content.loader import load, validate_document
from generator.content.model import NOT_YET_REVIEWED, Grundlag, Kind, Kortlaegning, Tema
from generator.content.slugs import slugify
from generator.content.yamlsource import YamlReadError, parse_yaml, read_yaml
from generator.editors.canonical import canonical_text
from generator.errors import ContentError, ContentErrors, display_path

# What to fill in, said once the new theme is written.
THEME_NOTES = (
    "Skriv temaets 'kort_fortalt', og skift 'ikke_gengivet: true' ud med 'blokke', når et perspektivs "
    "afsnit er skrevet.",
    "Tilføj refleksionsspørgsmål, søgeord og cases (kun når en kilde siger det), og sæt "
    "'fagligt_gennemgaaet' til datoen (ÅÅÅÅ-MM-DD), når en fagperson har gennemgået teksten.",
)


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
    data = {
        "id": new_id,
        "nummer": number,
        "kortlaegning": mapping_id,
        "titel": title,
        "kort_fortalt": {
            "tekst": "Skriv kort, hvad temaet handler om.",
            "grundlag": Grundlag.redaktionel.value,
        },
        "perspektiver": [{"perspektiv": p, "ikke_gengivet": True} for p in model.perspektiver],
        "kilder": [model.kilde],
        "gennemgang": {
            "fagligt_gennemgaaet": NOT_YET_REVIEWED,
            "naeste_gennemgang": (today + dt.timedelta(days=365)).isoformat(),
        },
        "aendringer": [{"dato": today.isoformat(), "tekst": "Temaet er oprettet."}],
    }
    text = canonical_text(data, Kind.temaer, path, data_dir)
    return Created(_write_new(path, text, data_dir, Kind.temaer), list(THEME_NOTES))


def new_case(
    data_dir: Path, mapping_id: str, name: str, case_type: str, *, case_id: str | None = None
) -> Created:
    if case_type not in ("kommune", "botilbud"):
        raise _fail(f"ukendt type '{case_type}'", "brug kommune eller botilbud")
    content = load(data_dir)
    mapping, model = _mapping(content, mapping_id)
    new_id = _new_id(content, Kind.cases, name, case_id)
    folder = _folder(data_dir, "cases", mapping_id)  # beside its mapping's themes and perspectives
    path = folder / f"{new_id}.yaml"
    data = {
        "id": new_id,
        "type": case_type,
        "navn": name,
        "kortlaegning": mapping_id,
        "kilder": [model.kilde],
    }
    text = canonical_text(data, Kind.cases, path, data_dir)
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
    """Append `value` to the top-level list `field` and write the file canonically.
    False (the file untouched) if it cannot be read or the field is no list."""
    try:
        doc = read_yaml(path, path.name)
    except YamlReadError:
        return False
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get(field), list):
        return False
    data = {**data, field: [*data[field], value]}
    path.write_text(canonical_text(data, Kind.kortlaegninger, path, path.parent.parent), encoding="utf-8")
    return True
