"""Read one YAML file into plain Python values, remembering where each value stood.

PyYAML's YAML 1.1 rules turn `no` into False, `010` into 8 and `2021-06-03`
into a date without telling anyone. Editors get YAML 1.2-like rules instead:
only `true`/`false` are booleans, integers have no leading zeros, and dates
stay text until the content model parses them as dates.

Rule for yes/no/on/off: they are text. In a true/false field that is an error
(the model wants true or false); in a text field they stay exactly as written,
so they are not flagged there (documented in content/redaktoervejledning.md).
Anchors, aliases, merge keys and explicit tags are refused while composing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import yaml

from generator.content.yaml_messages import (
    YamlProblem as YamlProblem,  # re-exported; their home is yaml_messages.py
)
from generator.content.yaml_messages import explain_yaml_error as explain_yaml_error
from generator.errors import ContentError
from generator.errors import os_reason as os_reason

MAX_FILE_BYTES = 1_000_000  # the largest real file is a few KB

Path_ = tuple[str | int, ...]


MAX_DEPTH = 40  # content nests a handful of levels; PyYAML's composer is recursive


class Refused(yaml.YAMLError):
    """A YAML feature content never needs, refused while composing, before any expansion."""

    def __init__(self, mark: Any, message: str, hint: str):
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint


# The composer a _RefusingComposer is mixed in before (for the type checker; at run time the
# loaders below list it themselves).
if TYPE_CHECKING:
    _Composer = yaml.composer.Composer
else:
    _Composer = object


class _RefusingComposer(_Composer):
    """Composes with YAML 1.2 core-schema scalars, no anchors, aliases or tags.

    Anchors and aliases are refused while composing, at the first one met, so a
    "billion laughs" file fails fast with memory bounded by the file size.
    """

    depth = 0
    if TYPE_CHECKING:  # given by the loader it is mixed into (yaml.parser.Parser)

        def peek_event(self) -> yaml.Event: ...

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise Refused(mark, "et YAML-alias (*) bruges ikke i indholdet", _NO_ANCHORS)
        if getattr(event, "anchor", None) is not None:
            raise Refused(mark, "et YAML-anker (&) bruges ikke i indholdet", _NO_ANCHORS)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise Refused(
                mark,
                f"YAML-mærket '{str(tag).replace('tag:yaml.org,2002:', '!!')}' bruges ikke i indholdet",
                "slet mærket (det, der starter med !), eller sæt teksten i anførselstegn",
            )
        if self.depth >= MAX_DEPTH:
            raise Refused(mark, "felterne er indrykket i for mange niveauer", "tjek indrykningen")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_NO_ANCHORS = "skriv værdien ud i stedet for at genbruge den med & og *"


class _StrictLoader(_RefusingComposer, yaml.SafeLoader):
    """Pure-Python loader: its error messages are the ones the Danish texts are written for."""


_StrictLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]{0,17})$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?)$",
        "-+0123456789",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


# The fast path: libyaml's scanner and parser (about 15 times faster than the
# pure-Python ones) feeding the same refusing Python composer, so anchors, aliases,
# tags and deep nesting are refused exactly as above. A file libyaml rejects is read
# again by the pure-Python loader for its error message; a file with a tab goes there
# directly, because libyaml accepts a tab after `key:` where the editors' message
# (from the pure-Python loader) refuses it.
_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser  # where yaml.cyaml takes it from

    class _FastStrictLoader(
        _RefusingComposer,
        yaml.composer.Composer,
        CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FastLoader = _FastStrictLoader


# The fastest path: libyaml composes the whole tree in C, for a file that cannot trigger
# any refusal: no anchor, alias or tag indicator anywhere (a conservative scan: `**bold**`
# after a space also sends a file to the slower path), and so few nesting indicators that
# libyaml's recursive composer stays shallow. Depth itself is then checked in `_to_python`.
_INDICATOR = re.compile(r"(?:^|[\s\[\{,])[&*!]", re.M)
_MAX_NESTING_MARKS = 5_000
_CLoader: type | None = None
if _FastLoader is not None:

    class _CStrictLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers

    _CLoader = _CStrictLoader


def _c_composable(text: str) -> bool:
    marks = sum(text.count(c) for c in "[{-:?")
    if marks > _MAX_NESTING_MARKS:
        return False
    # The regex only where an indicator character occurs at all (most files have none).
    return not ("&" in text or "*" in text or "!" in text) or not _INDICATOR.search(text)


def _compose(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (None for an empty document) and the loader that made it."""
    if _FastLoader is not None and "\t" not in text:
        fast = (_CLoader if _CLoader is not None and _c_composable(text) else _FastLoader)(text)
        try:
            return fast.get_single_node(), fast
        except Refused:
            raise
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
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    end_lines: dict[Path_, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list, repr=False)

    def position(self, loc: Path_) -> tuple[int, int]:
        """Position of the value at `loc`, or of its nearest parent that has one."""
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in self.positions:
                return self.positions[loc[:cut]]
        return (1, 1)

    def error(self, loc: Path_, message: str, hint: str = "", *, at_key: bool = False) -> ContentError:
        """An error at the value of `loc` (or at its field name, for unknown fields)."""
        line, column = self.key_positions[loc] if at_key and loc in self.key_positions else self.position(loc)
        return ContentError(self.display, line, column, format_loc(loc), message, hint)

    def locate(self, loc: Path_, snippet: str) -> tuple[int, int] | None:
        """Line and column of `snippet` inside the value at `loc` (for multi-line texts)."""
        snippet = snippet.split("\n", 1)[0].strip()
        if loc not in self.positions or not snippet:
            return None
        first = self.positions[loc][0]
        last = self.end_lines.get(loc, first)
        for number in range(first, min(last, len(self.lines)) + 1):
            column = self.lines[number - 1].find(snippet)
            if column >= 0:
                return number, column + 1
        return None

    def error_in_text(self, loc: Path_, offset_text: str, message: str, hint: str = "") -> ContentError:
        """An error about a part of a text value: points at the line where that part is."""
        found = self.locate(loc, offset_text)
        if found is None:
            return self.error(loc, message, hint)
        return ContentError(self.display, found[0], found[1], format_loc(loc), message, hint)


def format_loc(loc: Path_) -> str:
    """('perspektiver', 0, 'tekst') → 'perspektiver[1].tekst' (1-based for editors)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def shorten(value: object, limit: int = 60) -> str:
    """A value as quoted in a message: long values are cut, so a message stays one line."""
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class YamlReadError(Exception):
    def __init__(self, error: ContentError):
        super().__init__(error.format())
        self.error = error


# The live preview reads every file again on every save. With remember_documents() (only
# `mkdocs serve` calls it), a file whose time, size and inode are unchanged gives the document
# read before: a tenth of a second per save at 500 cases. Files that failed are read again.
_remembered: dict[Path, tuple[tuple[int, ...], str, YamlDocument]] | None = None


def remember_documents() -> None:
    global _remembered
    if _remembered is None:
        _remembered = {}


def documents_remembered() -> bool:
    """Whether parsed documents are kept between loads (remember_documents: the live preview)."""
    return _remembered is not None


T = TypeVar("T")


class DocumentMemo(Generic[T]):
    """A value worked out from one document, kept while the preview keeps that document.

    A save changes a file or two, and the steps that look at every document (validation, the
    link policy on every text) did that work again for all of them. While documents are
    remembered (remember_documents: the live preview), the value is kept with the document it
    came from and given again for the same document object and `key`; otherwise it is always
    worked out. One entry per file: a changed file replaces its own.
    """

    def __init__(self) -> None:
        self._known: dict[Path, tuple[YamlDocument, Hashable, T]] = {}

    def get(self, doc: YamlDocument, key: Hashable, work_out: Callable[[], T]) -> T:
        if _remembered is None:
            return work_out()
        known = self._known.get(doc.path)
        if known is not None and known[0] is doc and known[1] == key:
            return known[2]
        value = work_out()
        self._known[doc.path] = (doc, key, value)
        return value


def read_yaml(path: Path, display: str) -> YamlDocument:
    """Parse `path`; raise YamlReadError with a Danish message if it cannot be read."""
    if _remembered is None:
        return _read_yaml(path, display)
    try:
        st = path.stat()
    except OSError:
        return _read_yaml(path, display)
    stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
    known = _remembered.get(path)
    if known is not None and known[0] == stamp and known[1] == display:
        return known[2]
    doc = _read_yaml(path, display)
    _remembered[path] = (stamp, display, doc)
    return doc


def _read_yaml(path: Path, display: str) -> YamlDocument:

    def fail(message: str, line: int = 0, column: int = 0, hint: str = "") -> YamlReadError:
        return YamlReadError(ContentError(display, line, column, "", message, hint))

    def too_big(size: str) -> YamlReadError:
        return fail(
            f"filen er for stor ({size} bytes; højst {MAX_FILE_BYTES:,})".replace(",", "."),
            hint="en indholdsfil er normalt få kilobyte – er det den rigtige fil?",
        )

    try:
        if not path.is_file():
            raise fail("er ikke en almindelig fil", hint="læg kun YAML-filer i themes_data/")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise too_big(f"{size:,}")
        # Never read more than the cap, even if the file grows after stat().
        with path.open("rb") as handle:
            raw = handle.read(size + 1)
            if len(raw) > size:  # the file grew (or stat() lied): read on, but never past the cap
                raw += handle.read(max(0, MAX_FILE_BYTES + 1 - len(raw)))
    except OSError as exc:
        raise fail(f"filen kan ikke læses ({os_reason(exc)})", hint="tjek filens rettigheder") from None
    if len(raw) > MAX_FILE_BYTES:
        raise too_big(f"over {MAX_FILE_BYTES:,}")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte order mark, as some Windows editors write it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            f"filen er ikke gemt som UTF-8 (byten 0x{raw[exc.start]:02X} er ikke gyldig UTF-8)",
            line,
            column,
            "gem filen med tegnsættet UTF-8 i din editor",
        ) from None
    return parse_yaml(text, path, display)


def parse_yaml(text: str, path: Path, display: str) -> YamlDocument:
    """Parse decoded YAML `text` (of `path`, shown as `display`); YamlReadError if it cannot be."""

    def fail(message: str, line: int = 0, column: int = 0, hint: str = "") -> YamlReadError:
        return YamlReadError(ContentError(display, line, column, "", message, hint))

    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise fail("filen er tom", 1, 1, "en indholdsfil skal mindst have et 'id'")
    if invisible := _INVISIBLE.search(text):
        raise fail(*_invisible_problem(text, invisible.start()))
    try:
        node, loader = _compose(text)
    except Refused as exc:
        raise fail(exc.message, exc.mark.line + 1, exc.mark.column + 1, exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        problem = explain_yaml_error(exc, text)
        raise fail(problem.message, problem.line, problem.column, problem.hint) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise fail(
            f"filen indeholder et kontroltegn ({_codepoint(exc.character)}), der ikke må stå i en tekstfil",
            line,
            1,
            "slet tegnet; det kommer ofte med, når tekst kopieres fra et andet program",
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks its other errors
        raise fail(f"ugyldig YAML: {exc}") from None

    doc = YamlDocument(path, display, None, lines=text.splitlines())
    doc.data = None if node is None else _to_python(node, (), doc, set(), loader.construct_object)
    return doc


# Characters an editor cannot see, which come along when text is pasted from a web page, a PDF
# or a word processor. PyYAML counts the first three as line breaks (so every line number after
# them would be off) and keeps the others inside a value (a zero-width space in an id or a
# title): each is named at its true line, counted as editors count lines, by line feeds.
_INVISIBLE_NAMES = {
    "\u2028": "linjeskift-tegnet LINE SEPARATOR",
    "\u2029": "afsnitstegnet PARAGRAPH SEPARATOR",
    "\u0085": "linjeskift-tegnet NEXT LINE (NEL)",
    "\u200b": "et mellemrum uden bredde (ZERO WIDTH SPACE)",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "et byte order mark (BOM) inde i filen",
    "\u200e": "en usynlig skriveretningsmarkering (LEFT-TO-RIGHT MARK)",
    "\u200f": "en usynlig skriveretningsmarkering (RIGHT-TO-LEFT MARK)",
}
_INVISIBLE = re.compile("[" + "".join(_INVISIBLE_NAMES) + "\u202a-\u202e\u2066-\u2069]")


def _invisible_problem(text: str, index: int) -> tuple[str, int, int, str]:
    """(message, line, column, hint) for an invisible character at `index` of `text`."""
    char = text[index]
    line_start = text.rfind("\n", 0, index) + 1
    name = _INVISIBLE_NAMES.get(char, "en usynlig styring af skriveretningen")
    return (
        f"filen indeholder et usynligt tegn: {name} ({_codepoint(char)})",
        text.count("\n", 0, index) + 1,
        index - line_start + 1,
        "slet tegnet ved kolonnen (mange editorer kan vise usynlige tegn); det kommer ofte med, "
        "når tekst kopieres fra en hjemmeside, en PDF eller Word",
    )


def _codepoint(char: object) -> str:
    code = ord(char) if isinstance(char, str) else int(char)  # type: ignore[call-overload]
    return f"U+{code:04X}"


_STR = "tag:yaml.org,2002:str"


def _to_python(node: yaml.Node, loc: Path_, doc: YamlDocument, seen: set[int], construct: Any) -> Any:
    """Turn a composed node into plain values, recording positions.

    Anchors and aliases are refused: no content needs them, and refusing them
    is what keeps a "billion laughs" file from expanding.
    """
    if len(loc) >= MAX_DEPTH:  # the C composer does not count depth (see _c_composable)
        raise YamlReadError(
            doc.error(loc[:-1], "felterne er indrykket i for mange niveauer", "tjek indrykningen")
        )
    if id(node) in seen:
        raise YamlReadError(
            doc.error(
                loc[:-1],
                "YAML-ankre og -aliaser (& og *) bruges ikke i indholdet",
                "skriv værdien ud i stedet",
            )
        )
    doc.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    doc.end_lines[loc] = node.end_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value  # what the constructor returns for text, without its calls
        try:
            return construct(node)
        except (yaml.YAMLError, ValueError):
            raise YamlReadError(doc.error(loc, f"værdien '{shorten(node.value)}' kan ikke læses")) from None
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
                        f"første gang på linje {doc.key_positions[(*loc, key)][0]}; slet det ene",
                    )
                )
            doc.key_positions[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _to_python(value_node, (*loc, key), doc, seen, construct)
        return result
    raise YamlReadError(doc.error(loc, "ukendt YAML-element"))  # pragma: no cover
