"""The one canonical format of themes_data/'s YAML files, the same as the content editor writes.

One implementation writes it: `cms/canonical-yaml.js` (js-yaml's writer with fixed options and
the keys in the model's order), run here through Node (`cms/format.js`) and in the browser by
the content editor at /admin/ as its `toFile`. So a file the project formatted is written back
byte for byte by the editor, and a one-word change in a form changes one line.

    python -m generator format           rewrite every file that is not canonical (make format-content)
    python -m generator format --check   only name them, exit 1 (make test)

Comments are not part of the format (no form can keep them): what a field means is its help text,
in the schema and in the editor.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.kinds import SPECS
from generator.content.loader import content_files
from generator.content.model import Kind
from generator.content.yamlsource import YamlReadError, read_yaml
from generator.editors.schema import header_for, schema_for
from generator.errors import ContentError, ContentErrors, display_path
from generator.writer import write_atomically

CMS_DIR = Path(__file__).resolve().parent / "cms"
PROJECT_DIR = Path(__file__).resolve().parents[2]  # package.json, node_modules/
FORMAT_SCRIPT = CMS_DIR / "format.js"
NODE_MODULES = PROJECT_DIR / "node_modules"

Order = dict[str, Any]  # {"keys": [...], "props": {key: Order}, "items": Order}


class NodeMissing(Exception):
    """Node or the installed js-yaml is not there; the message is Danish and says what to run."""


def node_environment() -> dict[str, str]:
    """Node finds the project's node_modules from any working folder (a test's copy too)."""
    return {**os.environ, "NODE_PATH": str(NODE_MODULES)}


def node() -> str:
    found = shutil.which("node")
    if found is None:
        raise NodeMissing(
            "Node.js mangler (kommandoen node): installér Node.js 18 eller nyere, og kør 'make node'."
        )
    if not (NODE_MODULES / "js-yaml" / "package.json").is_file():
        raise NodeMissing(f"js-yaml er ikke installeret i {NODE_MODULES}: kør 'make node' (npm ci).")
    return found


def run_node(script: Path, payload: Any, *flags: str) -> Any:
    """Run one of the editor's Node scripts on `payload` (JSON in, JSON out)."""
    result = subprocess.run(
        [node(), str(script), *flags],
        input=json.dumps(payload, ensure_ascii=False),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=node_environment(),
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise NodeMissing(f"{script.name} stoppede med en fejl: {result.stderr.strip()[-500:]}")
    return json.loads(result.stdout)


@functools.cache
def order_for(kind: Kind) -> Order:
    """Every mapping's keys in the content model's order (its JSON Schema's property order)."""
    schema = schema_for(kind)
    defs: dict[str, Any] = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = {**defs[node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        for branch in node.get("anyOf", []):  # X | None: the branch with a shape carries it
            shaped = resolve(branch)
            if shaped.get("type") in ("object", "array"):
                return shaped
        return node

    def walk(node: dict[str, Any]) -> Order:
        node = resolve(node)
        if node.get("type") == "object" and "properties" in node:
            props = {key: walk(value) for key, value in node["properties"].items()}
            return {"keys": list(node["properties"]), "props": {k: v for k, v in props.items() if v}}
        if node.get("type") == "array" and "items" in node and (items := walk(node["items"])):
            return {"items": items}
        return {}

    return walk(schema)


def formats() -> dict[str, dict[str, Any]]:
    """Per kind: the header and key order the editor writes its files with. A kind's files
    all stand at one depth in themes_data/ (the editor's `path`), so one header fits them all."""
    return {
        spec.kind.value: {
            "header": header_for(sample_path(spec.kind), Path("themes_data"), spec.kind),
            "order": order_for(spec.kind),
        }
        for spec in SPECS
    }


# Kinds whose files stand in a subfolder per mapping (themes_data/temaer/bostoette/…).
BY_MAPPING = (Kind.temaer, Kind.perspektiver, Kind.cases)


def sample_path(kind: Kind) -> Path:
    """A file of `kind` where the editor puts one (only its depth matters for the header)."""
    folder = Path("themes_data") / kind.value
    return (folder / "kortlaegning" / "x.yaml") if kind in BY_MAPPING else folder / "x.yaml"


def canonical_texts(files: list[tuple[Any, Kind, str]]) -> list[str]:
    """The canonical text of each (data, kind, header), in one run of Node."""
    payload = [{"data": data, "order": order_for(kind), "header": header} for data, kind, header in files]
    results = run_node(FORMAT_SCRIPT, payload)
    texts = []
    for result in results:
        if "error" in result:
            raise ValueError(result["error"])
        texts.append(result["text"])
    return texts


def canonical_text(data: Any, kind: Kind, path: Path, data_dir: Path) -> str:
    return canonical_texts([(data, kind, header_for(path, data_dir, kind))])[0]


def editor_reads(texts: list[str]) -> list[Any]:
    """What the editor's reader (js-yaml with the project's scalar rules) makes of each text."""
    results = run_node(FORMAT_SCRIPT, texts, "--load")
    return [r.get("data") if "error" not in r else ValueError(r["error"]) for r in results]


@dataclass(frozen=True)
class Formatted:
    path: Path
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def format_content(data_dir: Path) -> list[Formatted]:
    """Every content file with its canonical text; ContentErrors for a file that cannot be read
    (it is never formatted: its data is not known)."""
    read: list[tuple[Path, Kind, str, Any]] = []
    errors: list[ContentError] = []
    for kind, path in content_files(data_dir):
        display = display_path(path, data_dir)
        try:
            doc = read_yaml(path, display)
        except YamlReadError as exc:
            errors.append(exc.error)
            continue
        if not isinstance(doc.data, dict):
            errors.append(ContentError(display, 1, 1, "", "filen skal bestå af felter (navn: værdi)"))
            continue
        read.append((path, kind, path.read_text(encoding="utf-8"), doc.data))
    if errors:
        raise ContentErrors(errors)
    texts = canonical_texts([(data, kind, header_for(path, data_dir, kind)) for path, kind, _, data in read])
    return [Formatted(path, before, after) for (path, _, before, _), after in zip(read, texts, strict=True)]


def write_formatted(found: list[Formatted]) -> list[Path]:
    """Write the files whose text changed (each atomically); returns them."""
    changed = [f for f in found if f.changed]
    for f in changed:
        write_atomically(f.path, f.after.encode("utf-8"))
    return [f.path for f in changed]
