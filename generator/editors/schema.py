"""JSON Schema for editors: autocompletion and inline errors in their editor.

`python -m generator schema` writes one schema per kind to
themes_data/schema/<kind>.schema.json, made from the content model. Every YAML
file starts with a `# yaml-language-server: $schema=…` line pointing at its
schema (VS Code with the YAML extension, and other editors using
yaml-language-server, pick it up).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from generator.content.kinds import KINDS, SPEC, SPECS
from generator.content.model import GRUNDLAG_LABELS, ROLLE_LABELS, Kind
from generator.writer import write_atomically

SCHEMA_DIR = "schema"

# Folder in themes_data/ → schema name (singular, as editors say it), from kinds.SPECS.
SCHEMA_NAMES: dict[Kind, str] = {s.kind: s.schema_name for s in SPECS}

# Danish titles and descriptions shown by the editor on hover (model docstrings are English):
# a kind's own from its entry in kinds.SPECS, the parts of a file here.
MODEL_TEXTS: dict[str, tuple[str, str]] = {
    **{s.model.__name__: (s.schema_title, s.schema_description) for s in SPECS},
    "Blok": ("Blok", "Et stykke tekst (Markdown, ingen HTML) og det, teksten bygger på."),
    "Grundlag": ("Grundlag", "Hvad teksten bygger på; vises for læseren sammen med teksten."),
    "Noegletal": ("Nøgletal", "Et tal fra kortlægningen og hvad det betyder."),
    "Perspektivafsnit": (
        "Perspektivafsnit",
        "Temaet set fra ét perspektiv: enten blokke med tekst eller ikke_gengivet: true.",
    ),
    "CaseHenvisning": ("Case-henvisning", "En case, der belyser temaet – kun når en kilde siger det."),
    "Rolle": (
        "Rolle",
        "Hvordan kortlægningen bruger casen under temaet: dybdegaaende (dybdegående praksisbeskrivelse) "
        "eller supplerende (supplerende eksempel).",
    ),
    "Praksiseksempel": (
        "Praksiseksempel",
        "Et eksempel på praksis hos casen under kortlægningens egen titel. "
        "Intet tema: kilderne siger ikke hvilket.",
    ),
    "Relationer": ("Relateret", "Temaer, pejlemærker eller anbefalinger, temaet hænger sammen med."),
    "Spoergsmaal": ("Refleksionsspørgsmål", "Et spørgsmål til teammødet, med sit eget id (til links)."),
    "Aendring": ("Ændring", "En faglig ændring af temaet, med dato."),
    "Gennemgang": ("Gennemgang", "Hvornår temaet sidst blev gennemgået fagligt, og hvornår det skal igen."),
}

# The reader's words for the values of a choice, by the choice's name (the content editor's lists).
OPTION_LABELS: dict[str, dict[str, str]] = {
    "Grundlag": {str(k): v for k, v in GRUNDLAG_LABELS.items()},
    "Rolle": {str(k): v for k, v in ROLLE_LABELS.items()},
}

# Descriptions for fields that have none in the model.
FIELD_TEXTS: dict[str, str] = {
    "id": "Entydigt id: små bogstaver a-z, tal og bindestreg (æ→ae, ø→oe, å→aa). Bruges i adressen.",
    "titel": "Titel, som læseren ser den.",
    "undertitel": "Undertitel.",
    "navn": "Navn, som læseren ser det.",
    "nummer": "Nummeret i rækkefølgen (1, 2, 3 …).",
    "kortlaegning": "Kortlægningen, det hører til (id: bostoette eller botilbud).",
    "kilde": "Kilden i kildelisten (id på en fil i themes_data/kilder).",
    "kilder": "Kilderne i kildelisten, det bygger på (id'er på filer i themes_data/kilder).",
    "url": "Webadresse, der starter med https://.",
    "hjemmeside": "Webadresse, der starter med https://.",
    "aar": "Årstal, fx 2021.",
    "note": "Kort note.",
    "dato": "Dato på formen ÅÅÅÅ-MM-DD.",
    "fagligt_gennemgaaet": "Dato for den faglige gennemgang (ÅÅÅÅ-MM-DD), eller 'ikke endnu', så længe "
    "ingen fagperson har gennemgået teksten.",
    "naeste_gennemgang": "Dato på formen ÅÅÅÅ-MM-DD.",
    "tekst": "Tekst i Markdown.",
    "spoergsmaal": "Spørgsmålet, som det står på siden.",
    "perspektiv": "Et af kortlægningens perspektiver (id i themes_data/perspektiver).",
    "case": "En af kortlægningens cases (id i themes_data/cases).",
}


MARKDOWN_POLICY = "Rå HTML er ikke tilladt; links skal starte med https:// eller mailto: eller være relative."


def schema_name(kind: str) -> str:
    return SPEC[Kind(kind)].schema_name


def schema_path(data_dir: Path, kind: str) -> Path:
    return data_dir / SCHEMA_DIR / f"{schema_name(kind)}.schema.json"


def header_for(yaml_file: Path, data_dir: Path, kind: str) -> str:
    """The first line every YAML file of `kind` starts with."""
    rel = os.path.relpath(schema_path(data_dir, kind), yaml_file.parent)
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}"


def _danish(node: Any) -> None:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name, prop in props.items():
                if isinstance(prop, dict):
                    if "description" not in prop and name in FIELD_TEXTS:
                        prop["description"] = FIELD_TEXTS[name]
                    if name == "tekst":
                        prop["description"] = f"{prop.get('description', '')} {MARKDOWN_POLICY}".strip()
        for value in node.values():
            _danish(value)
    elif isinstance(node, list):
        for value in node:
            _danish(value)


def _name_model(schema: dict[str, Any], name: str) -> None:
    if name in MODEL_TEXTS:
        schema["title"], schema["description"] = MODEL_TEXTS[name]
    if name in OPTION_LABELS:
        schema["x-labels"] = OPTION_LABELS[name]


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of a kind's files, in Danish (a copy: the caller may change it)."""
    return copy.deepcopy(_schema(kind))


@functools.cache  # the model is the process's; the editor's form asks for each kind more than once
def _schema(kind: str) -> dict[str, Any]:
    model = KINDS[Kind(kind)]
    schema = model.model_json_schema()
    _danish(schema)
    for name, definition in schema.get("$defs", {}).items():
        _name_model(definition, name)
    _name_model(schema, model.__name__)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def render_schemas() -> dict[str, str]:
    """{file name: JSON text} for every kind, deterministic, each stamped as this command's (_stamped)."""
    return {f"{schema_name(kind)}.schema.json": _stamped(schema_for(kind)) for kind in KINDS}


# A schema file says it was written by this command, and with what content: the SHA-256 of its JSON
# without the stamp. A file whose content still has that hash is the command's to replace; one edited
# by hand (or another tool's) is not, and is never overwritten (the rule of generator/publish/manifest).
_STAMP = (
    "Skrevet af 'make schema' (python -m generator schema) ud fra indholdsmodellen; ret ikke her. sha256:"
)


def _json(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _stamped(schema: dict[str, Any]) -> str:
    digest = hashlib.sha256(_json(schema).encode("utf-8")).hexdigest()
    first, *rest = schema.items()  # "$schema" stays the first key
    return _json(dict([first, ("$comment", _STAMP + digest), *rest]))


def written_by_this_command(text: str) -> bool:
    """Whether a schema file's text is as this command wrote it (its stamp matches its content)."""
    try:
        schema = json.loads(text)
    except ValueError:
        return False
    stamp = schema.pop("$comment", None) if isinstance(schema, dict) else None
    if not (isinstance(stamp, str) and stamp.startswith(_STAMP)):
        return False
    return hashlib.sha256(_json(schema).encode("utf-8")).hexdigest() == stamp.removeprefix(_STAMP)


class SchemaFilesNotOurs(Exception):
    """Schema files this command did not write (or that were changed since): nothing is written."""


def write_schemas(data_dir: Path) -> list[Path]:
    """Write every schema; returns the files whose content changed. Refuses, writing nothing, when a
    file it would replace is not as this command wrote it (SchemaFilesNotOurs, Danish)."""
    folder = data_dir / SCHEMA_DIR
    wanted = render_schemas()
    unstamped = {f"{schema_name(kind)}.schema.json": _json(schema_for(kind)) for kind in KINDS}
    foreign = []
    for name, text in wanted.items():
        target = folder / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            foreign.append(name)
        elif target.is_file():
            current = target.read_text(encoding="utf-8", errors="replace")
            # Ours: as stamped now, stamped and unchanged since, or what we write now without the
            # stamp (files from before it), so nothing is lost by writing.
            if current not in (text, unstamped[name]) and not written_by_this_command(current):
                foreign.append(name)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" … ({len(foreign)} i alt)" if len(foreign) > 5 else "")
        raise SchemaFilesNotOurs(
            f"{folder}/ har filer, som 'make schema' ikke selv har skrevet, eller som er rettet siden: "
            f"{shown}. Intet er skrevet. Skemaerne laves ud fra indholdsmodellen "
            "(generator/content/model.py): ret dér, flyt de rettede filer væk (eller gendan dem med "
            "git checkout), og kør igen."
        )
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in wanted.items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            write_atomically(target, text.encode("utf-8"))
            changed.append(target)
    return changed
