"""Read one YAML file into plain Python values, remembering where each value stood.

PyYAML's YAML 1.1 rules turn `no` into False, `010` into 8 and `2021-06-03`
into a date without telling anyone. Editors get YAML 1.2-like rules instead:
only `true`/`false` are booleans, integers have no leading zeros, and dates
stay text until the content model parses them as dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

MAX_FILE_BYTES = 1_000_000  # the largest real file is a few KB

Path_ = tuple[str | int, ...]


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars."""


_StrictLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?)$",
        "-+0123456789",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


# libyaml's parser, with the same scalar rules, reads a file about 15 times faster.
# It is only the fast path: a file it rejects is read again by the pure-Python
# loader above, whose error messages the Danish texts below are written for; and a
# file with a tab goes to that loader directly, because libyaml accepts a tab after
# `key:` where the pure-Python loader (and so the editors' error message) refuses it.
_FastLoader: type | None = None
if hasattr(yaml, "CSafeLoader"):

    class _FastStrictLoader(yaml.CSafeLoader):  # type: ignore[misc, name-defined]
        yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers

    _FastLoader = _FastStrictLoader


def _compose(text: str) -> tuple[yaml.Node, Any]:
    """The document's node tree and the loader that made it (to construct scalars)."""
    if _FastLoader is not None and "\t" not in text:
        fast = _FastLoader(text)
        try:
            return fast.get_single_node(), fast
        except yaml.YAMLError:
            pass  # read again below for the error message
        finally:
            fast.dispose()
    loader = _StrictLoader(text)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


@dataclass
class YamlDocument:
    """The data of one file plus the position (line, column; 1-based) of every value."""

    path: Path
    display: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Path_) -> tuple[int, int]:
        """Position of the value at `loc`, or of its nearest parent that has one."""
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in self.positions:
                return self.positions[loc[:cut]]
        return (1, 1)

    def error(self, loc: Path_, message: str, hint: str = "") -> ContentError:
        line, column = self.position(loc)
        return ContentError(self.display, line, column, format_loc(loc), message, hint)


def format_loc(loc: Path_) -> str:
    """('perspektiver', 0, 'tekst') → 'perspektiver[1].tekst' (1-based for editors)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class YamlReadError(Exception):
    def __init__(self, error: ContentError):
        super().__init__(error.format())
        self.error = error


def read_yaml(path: Path, display: str) -> YamlDocument:
    """Parse `path`; raise YamlReadError with a Danish message if it cannot be read."""

    def fail(message: str, line: int = 0, column: int = 0, hint: str = "") -> YamlReadError:
        return YamlReadError(ContentError(display, line, column, "", message, hint))

    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise fail(
            f"filen er for stor ({size:,} bytes; højst {MAX_FILE_BYTES:,})".replace(",", "."),
            hint="en indholdsfil er normalt få kilobyte – er det den rigtige fil?",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(
            "filen er ikke gemt som UTF-8",
            line,
            1,
            "gem filen med tegnsættet UTF-8 i din editor",
        ) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise fail("filen er tom", 1, 1, "en indholdsfil skal mindst have et 'id'")
    try:
        node, loader = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise fail(_danish_yaml_problem(exc), line, column, _yaml_hint(exc, text, mark)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML always marks its errors
        raise fail(f"ugyldig YAML: {exc}") from None

    doc = YamlDocument(path, display, None)
    doc.data = _to_python(node, (), doc, set(), loader.construct_object)
    return doc


def _danish_yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if "found character '\\t'" in problem or "\\t" in problem:
        return "tabulatortegn (tab) må ikke bruges til indrykning i YAML"
    if "mapping values are not allowed" in problem:
        return "ugyldig YAML: et kolon står et sted, hvor der ikke må stå et"
    if "could not find expected ':'" in problem:
        return "ugyldig YAML: der mangler et kolon efter et feltnavn"
    if "found undefined alias" in problem or "found undefined anchor" in problem:
        return "ugyldig YAML: et alias (*) henviser til et anker, der ikke findes"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "ugyldig YAML: indrykningen passer ikke med linjerne over"
    if "found unexpected end of stream" in problem:
        return "ugyldig YAML: en tekst i anførselstegn bliver ikke afsluttet"
    return f"ugyldig YAML ({problem or exc.context})"


def _yaml_hint(exc: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    problem = exc.problem or ""
    if "\\t" in problem:
        return "brug mellemrum i stedet for tab"
    if "mapping values are not allowed" in problem:
        return "sæt teksten i anførselstegn, hvis den selv indeholder ': '"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "ryk linjen ind med samme antal mellemrum som felterne ved siden af"
    return ""


def _to_python(node: yaml.Node, loc: Path_, doc: YamlDocument, seen: set[int], construct: Any) -> Any:
    """Turn a composed node into plain values, recording positions.

    Anchors and aliases are refused: no content needs them, and refusing them
    is what keeps a "billion laughs" file from expanding.
    """
    if id(node) in seen:
        raise YamlReadError(
            doc.error(
                loc[:-1],
                "YAML-ankre og -aliaser (& og *) bruges ikke i indholdet",
                "skriv værdien ud i stedet",
            )
        )
    doc.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return construct(node)
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*loc, i), doc, seen, construct) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlReadError(doc.error(loc, "et feltnavn skal være en enkel tekst"))
            key = str(key_node.value)
            if key == "<<":
                raise YamlReadError(
                    doc.error(loc, "YAML-fletning (<<) bruges ikke i indholdet", "skriv felterne ud")
                )
            if key in result:
                line = key_node.start_mark.line + 1
                raise YamlReadError(
                    ContentError(
                        doc.display,
                        line,
                        key_node.start_mark.column + 1,
                        format_loc((*loc, key)),
                        "feltet står to gange",
                        f"første gang på linje {doc.positions[(*loc, key)][0]}; slet det ene",
                    )
                )
            result[key] = _to_python(value_node, (*loc, key), doc, seen, construct)
        return result
    raise YamlReadError(doc.error(loc, "ukendt YAML-element"))  # pragma: no cover
