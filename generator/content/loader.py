"""Load phase: YAML files → validated models, keeping where every value came from."""

from __future__ import annotations

import dataclasses
import difflib
import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.content import pydantic_messages
from generator.content.kinds import KINDS
from generator.content.loaded import Content, Loaded
from generator.content.markdown_safety import content_problems
from generator.content.model import Entity, Kind
from generator.content.yamlsource import (
    DocumentMemo,
    Path_,
    YamlDocument,
    YamlReadError,
    os_reason,
    read_yaml,
)
from generator.errors import Code, ContentError, ContentErrors, clear_path_cache, display_path

YAML_SUFFIXES = (".yaml", ".yml")
SCHEMA_DIR = "schema"  # JSON Schema for editors' autocompletion, not content


def content_files(root: Path) -> list[tuple[Kind, Path]]:
    """(kind, path) for every YAML file, in a stable order."""
    found = []
    for kind in KINDS:
        folder = root / kind
        if folder.is_dir():
            found += [
                (kind, p)
                for p in sorted(folder.rglob("*"))
                if p.suffix in YAML_SUFFIXES and not p.name.startswith(".")  # editors' swap/lock files
            ]
    return found


def load(root: Path) -> Content:
    """Read and validate every file; raise ContentErrors with all problems found."""
    content, errors, _ = load_partial(root)
    if errors:
        raise ContentErrors(errors)
    return content


def load_partial(root: Path) -> tuple[Content, list[ContentError], set[str]]:
    """(the files that are valid, the errors of the others, the ids the broken files may have had).

    Lets the linker check the valid files in the same run, so an editor sees every
    problem at once; references to a broken file's id are not reported twice.
    """
    clear_path_cache()
    content = Content(root)
    errors: list[ContentError] = []
    failed: set[str] = set()
    if not root.is_dir():
        raise ContentErrors([ContentError(str(root), message="mappen med indhold findes ikke")])
    scan = scan_folders(root)
    if root in scan.unreadable:
        raise ContentErrors(scan.errors)
    errors += scan.errors
    errors += _unknown_folders(root)
    for kind, path in content_files(root):
        if scan.hides(path):
            continue
        display = display_path(path, root)
        outside = _points_outside(path, root)
        if outside:
            errors.append(ContentError(display, message=outside))
            continue
        try:
            doc = read_yaml(path, display)
        except YamlReadError as exc:
            errors.append(exc.error)
            continue
        item, problems = _validated(kind, doc)
        if item is None:
            errors += problems
            continue
        same = content.of(kind).get(item.id)
        if same is not None:
            errors.append(
                doc.error(
                    ("id",),
                    f"id'et '{item.id}' bruges allerede",
                    f"også i {same.doc.display}; et id skal være unikt",
                )
            )
            continue
        if path.stem != item.id and not path.stem.endswith(item.id):
            errors.append(
                doc.error(
                    ("id",),
                    f"filnavnet '{path.name}' passer ikke med id'et '{item.id}'",
                    f"kald filen {item.id}.yaml",
                )
            )
        content.of(kind)[item.id] = Loaded(item, doc)
    if not errors and not any(content.items.values()):
        # A folder with no content (a wrong --data, only schema/ left) is not an empty, valid site.
        shown = display_path(root, root)
        errors.append(
            ContentError(
                f"{shown}/",
                message="mappen har intet indhold: ingen YAML-filer i kortlaegninger/, temaer/, cases/ …",
                hint="angiv mappen med indholdet (fx --data themes_data)",
            )
        )
    loaded = {item.doc.path for table in content.items.values() for item in table.values()}
    for _kind, path in content_files(root):
        if path not in loaded:
            failed.add(path.stem)
            failed.add(re.sub(r"^\d+-", "", path.stem))
    return content, errors, failed


# While documents are remembered (the live preview), each one's validation is kept with it:
# validating every file again was most of the generator's time in a save (0.2 s at 500 cases).
_VALIDATED: DocumentMemo[tuple[Entity | None, list[ContentError]]] = DocumentMemo()


def _validated(kind: Kind, doc: YamlDocument) -> tuple[Entity | None, list[ContentError]]:
    item, problems = _VALIDATED.get(doc, kind, lambda: validate_document(kind, doc))
    return item, list(problems)  # the caller adds to it


def validate_document(kind: Kind, doc: YamlDocument) -> tuple[Entity | None, list[ContentError]]:
    """One file's model, or the errors that keep it out: its fields, then the content policy."""
    model = KINDS[kind]
    if not isinstance(doc.data, dict):
        hint = "fx første linje: id: mit-id"
        return None, [doc.error((), "filen skal bestå af felter (navn: værdi)", hint)]
    policy = _policy_errors(doc, doc.data, ())
    try:
        item = model.model_validate(doc.data)
    except ValidationError as exc:
        return None, _merge_typos([_translate(err, doc, model) for err in exc.errors()]) + policy
    return (None, policy) if policy else (item, [])


def _merge_typos(errors: list[ContentError]) -> list[ContentError]:
    """A misspelt field name also leaves the real field missing: say it once, at the typo."""
    missing = {e.field for e in errors if e.code is Code.MISSING_FIELD}
    typo_of: dict[str, ContentError] = {}  # missing field → the unknown field that was meant as it
    for e in errors:
        if e.code is Code.UNKNOWN_FIELD and e.meant:
            parent = e.field.rpartition(".")[0]
            meant = f"{parent}.{e.meant}" if parent else e.meant
            if meant in missing:
                typo_of[meant] = e
    merged = []
    for e in errors:
        if e.code is Code.MISSING_FIELD and e.field in typo_of:
            continue
        if e in typo_of.values():
            e = dataclasses.replace(e, hint=f"{e.hint} Så mangler '{e.meant}' ikke længere.")
        merged.append(e)
    return merged


def _policy_errors(doc: YamlDocument, value: Any, loc: Path_) -> list[ContentError]:
    """The content policy (no raw HTML, only safe links) for every text value in a file."""
    if isinstance(value, str):
        return [
            doc.error_in_text(loc, part, message, hint) for message, hint, part in content_problems(value)
        ]
    if isinstance(value, dict):
        return [e for key, item in value.items() for e in _policy_errors(doc, item, (*loc, key))]
    if isinstance(value, list):
        return [e for i, item in enumerate(value) for e in _policy_errors(doc, item, (*loc, i))]
    return []


def _unknown_folders(root: Path) -> list[ContentError]:
    errors = []
    for child in sorted(root.iterdir()):
        if child.is_dir() and child.name not in KINDS and child.name != SCHEMA_DIR:
            close = difflib.get_close_matches(child.name, KINDS, n=1)
            hint = f"mente du '{close[0]}'?" if close else "kendte mapper: " + ", ".join(KINDS)
            errors.append(ContentError(display_path(child, root), message="ukendt mappe", hint=hint))
        elif child.is_file() and child.suffix in YAML_SUFFIXES:
            errors.append(
                ContentError(
                    display_path(child, root),
                    message="filen ligger ikke i en mappe og bliver ikke læst",
                    hint="flyt den til den mappe, der passer: " + ", ".join(KINDS),
                )
            )
    return errors


@dataclass
class FolderScan:
    """What a walk through themes_data/ found besides the content: folders that cannot be
    read (their files are not checked) and files that are there but are not content."""

    errors: list[ContentError] = field(default_factory=list)
    unreadable: set[Path] = field(default_factory=set)

    def hides(self, path: Path) -> bool:
        return any(path.is_relative_to(folder) for folder in self.unreadable)


# Files an editor never means as content: hidden files (editor swap and lock files,
# .DS_Store …) are left alone; every other file in a content folder must be YAML.
def scan_folders(root: Path) -> FolderScan:
    """Walk themes_data/ and its content folders; name what a build would silently skip."""
    scan = FolderScan()

    def unreadable(exc: OSError) -> None:
        folder = Path(exc.filename)
        scan.unreadable.add(folder)
        scan.errors.append(
            ContentError(
                display_path(folder, root) + "/",
                message=f"mappen kan ikke læses ({os_reason(exc)})",
                hint="giv din bruger lov til at læse mappen (fx chmod -R u+rwX på den); filerne i den "
                "er ikke kontrolleret, og henvisninger til dem kan give fejl i andre filer",
            )
        )

    try:
        top = sorted(root.iterdir())
        if not os.access(root, os.R_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "", str(root))
    except OSError as exc:
        exc.filename = str(root)
        unreadable(exc)
        return scan
    for path in top:
        if path.is_file() and not path.name.startswith(".") and _yaml_like(path.name):
            if path.suffix not in YAML_SUFFIXES:
                scan.errors.append(_not_loaded(path, root))
    for kind in KINDS:
        if not (root / kind).is_dir():
            continue
        for folder, dirs, names in os.walk(root / kind, onerror=unreadable):
            here = Path(folder)
            if not os.access(here, os.R_OK | os.X_OK):
                unreadable(PermissionError(errno.EACCES, "", folder))
                dirs.clear()
                continue
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for linked in [d for d in dirs if (here / d).is_symlink()]:  # os.walk never enters them
                scan.errors.append(_linked_folder(here / linked, root))
            for name in sorted(names):
                if not name.startswith(".") and Path(name).suffix not in YAML_SUFFIXES:
                    scan.errors.append(_not_loaded(here / name, root))
    return scan


def _linked_folder(path: Path, root: Path) -> ContentError:
    return ContentError(
        display_path(path, root) + "/",
        message="mappen er et link til en anden mappe, og filerne i den bliver ikke læst",
        hint="flyt filerne ind i en almindelig mappe her (et link kan pege uden for themes_data/ "
        "eller læse de samme filer to gange)",
    )


def _yaml_like(name: str) -> bool:
    lower = name.lower()
    return any(s in lower for s in YAML_SUFFIXES)


def _not_loaded(path: Path, root: Path) -> ContentError:
    stem, dot, suffix = path.name.rpartition(".")
    if dot and "." + suffix.lower() in YAML_SUFFIXES:
        hint = f"endelsen skal skrives med små bogstaver: omdøb filen til {stem}.{suffix.lower()}"
    elif _yaml_like(path.name):
        hint = "er det en sikkerhedskopi, så slet den eller flyt den ud af themes_data/"
    else:
        hint = "kun .yaml-filer læses; slet filen eller flyt den ud af themes_data/"
    return ContentError(display_path(path, root), message="filen bliver ikke læst", hint=hint)


def _points_outside(path: Path, root: Path) -> str:
    try:
        # Only the components below root can be links we must judge (a few lstat calls).
        current = str(root)  # strings, not Paths: this runs for every file on every save
        for part in path.relative_to(root).parts:
            current = os.path.join(current, part)
            if os.path.islink(current):
                if not path.resolve(strict=False).is_relative_to(root.resolve()):
                    return "filen er et link til en fil uden for themes_data/ og læses ikke"
                break
    except (OSError, RuntimeError):  # a symlink loop
        return "filen er et link, der peger på sig selv (en løkke), og læses ikke"
    return ""


# --- pydantic errors in Danish: the table is pydantic_messages.RULES ---------------


def _translate(err: Any, doc: YamlDocument, model: type[BaseModel]) -> ContentError:
    said = pydantic_messages.explain(err, model)
    loc: Path_ = tuple(err["loc"])
    return doc.error(loc, said.message, said.hint, at_key=said.at_key).coded(said.code, meant=said.meant)
