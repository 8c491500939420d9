"""Every string field of every model, filled with Markdown's metacharacters, reaches the built
site as exactly the characters the editor typed (issue 25).

The fields come from the models of the kinds' registry (kinds.SPECS), walked to their leaves, so
a field added tomorrow is planted too. Each gets a value that starts with a block marker and
holds every metacharacter, in a copy of the minimal fixture. Validation either refuses it at
the field (ids, dates, search words, fixed values) or accepts it; the accepted ones are built
together with the real MkDocs and a SITE_URL with metacharacters. Then, in the built HTML:
wherever a value's marker is shown (text, title, alt, description, menu labels) the whole
value is there, as written; every table keeps its columns; a page has the same elements as
with plain letters in the same places (no emphasis, link, heading, list or cell of a value's
own); and the printed address is SITE_URL as given.
"""

from __future__ import annotations

import re
import shutil
import types
import typing
from collections import Counter
from collections.abc import Iterator
from enum import Enum
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, BeforeValidator, StringConstraints

from generator import ContentErrors, generate, load_site
from generator.content import model
from generator.content.kinds import SPECS
from generator.render import pages as P
from generator.render.qrcodes import qr_data_uri

from . import layers
from .conftest import MINIMAL, build_site, project_converter
from .sitecopy import write_config

Path_ = tuple[str | int, ...]

# An address with every character siteurl.check allows in a path that Markdown could read.
SITE_URL = "https://kvalitet.dk/*vive*/__x__/~a!b$c+d,e;f=g:h@i-j.k/"

# What the minimal fixture lacks for every field to have a place: one of each optional part.
# A field of the registry with no place here fails the test, naming what to add.
FILL: dict[str, dict[str, Any]] = {
    "kortlaegninger/bostoette.yaml": {
        "samarbejdspartnere": ["Partner"],
        "finansieret_af": "Fonden",
        "e_isbn": "978-87-7119-787-7",
        "temakapitel": {"nummer": 2, "titel": "Temaerne", "perspektiver_i_raekkefoelge": True},
    },
    "litteraturstudier/studiet.yaml": {
        "antal_publikationer": "30",
        "temaer": ["Et tema"],
        "om": [{"tekst": "Om studiet.", "grundlag": "litteraturstudie", "kilder": ["studie"]}],
    },
    "kilder/rapport.yaml": {"undertitel": "En undertitel", "note": "En note"},
    "temaer/01-fleksibel.yaml": {
        "soegeord": ["hverdag"],
        "sammenfatning": [{"tekst": "Sammenfatning.", "grundlag": "kortlaegning", "kilder": ["rapport"]}],
        "baggrund": [{"tekst": "Baggrund.", "grundlag": "officiel-baggrund", "kilder": ["hjemmeside"]}],
    },
    "pejlemaerker/pejlemaerke-01.yaml": {
        "beskrivelse": [{"tekst": "Pejlemærket.", "grundlag": "offentlig-udgivelse", "kilder": ["rapport"]}],
    },
    "anbefalinger/anbefaling-01.yaml": {
        "id": "anbefaling-01",
        "nummer": 1,
        "titel": "En anbefaling",
        "kilde": "rapport",
        "beskrivelse": [{"tekst": "Anbefalingen.", "grundlag": "offentlig-udgivelse", "kilder": ["rapport"]}],
    },
}
FILL_NESTED: list[tuple[str, Path_, Any]] = [("temaer/01-fleksibel.yaml", ("cases", 0, "note"), "En note")]

# Fields validated but shown on no page (the open data carries them): their marker must appear
# nowhere, so a field that starts to be shown is checked from then on.
NOT_SHOWN = {("litteraturstudier", ("antal_publikationer",)): "in the open data only"}

# Where a value's marker may stand in the HTML, and must then stand with the whole value.
SHOWN_IN = ("title", "alt", "content", "label", "data-navn", "aria-label")

_START = ["# ", "- ", "1. ", "> ", "= ", ": ", "~~~ ", "!!! ", "+ ", "* ", "| ", "--- ", "` "]
_BODY = (
    "a|b *c* _d_ __e__ [f](g) ![h] `i` <3> &amp; & \\j {k} ~~l~~ +m -n .o) "
    "(p \"q\" 'r' ^s $t @u <https://v.dk/> #"
)


def plain_value(n: int) -> str:
    return f"{_START[n % len(_START)]}F{n:02d} {_BODY}"


def url_value(n: int) -> str:
    return f"https://x.dk/F{n:02d}_a*b|c[d]e(f)g{{h}}i~j!k+l-m.n\\o/__p__/#q"


def markdown_value(n: int) -> str:
    return f"F{n:02d} a | b | c\n--- | --- | ---\nd | e | f"


def as_plain(value: str) -> str:
    """The same length in letters: the baseline a page's elements are compared with."""
    return re.sub(r"[^\w\s/:.]", "x", value).replace("\n---", "\nxxx")


# ---- the fields, from the registry


def _leaves(annotation: Any, metadata: list[Any], path: Path_) -> Iterator[tuple[Path_, str]]:
    """(path, how it is written) for each string leaf under a field's annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        yield from _leaves(inner, [*metadata, *extra], path)
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                yield from _leaves(arg, metadata, path)
    elif origin is list:
        yield from _leaves(typing.get_args(annotation)[0], [], (*path, 0))
    elif origin is typing.Literal:
        if any(isinstance(a, str) for a in typing.get_args(annotation)):
            yield path, "fixed"
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            yield from _leaves(info.annotation, list(info.metadata), (*path, name))
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        yield path, "fixed"
    elif annotation is str:
        constraints = [m for m in metadata if isinstance(m, StringConstraints)]
        if typing.get_args(model.LongText)[1] in constraints:
            yield path, "markdown"
        elif typing.get_args(model.Url)[1] in constraints:
            yield path, "url"
        elif any(c.pattern for c in constraints) or any(isinstance(m, BeforeValidator) for m in metadata):
            yield path, "pattern"  # an id, a search word, an ISBN: only some characters
        else:
            yield path, "text"


def string_fields() -> list[tuple[str, Path_, str]]:
    """(kind folder, path in a file, how it is written) for every string field of every kind."""
    found: dict[tuple[str, Path_], str] = {}
    for spec in SPECS:
        for path, how in _leaves(spec.model, [], ()):
            found.setdefault((spec.kind.value, path), how)  # a date-or-"ikke endnu" is one field
    return [(kind, path, how) for (kind, path), how in found.items()]


FIELDS = string_fields()


def test_the_fields_are_the_registrys_and_many():
    kinds = {kind for kind, _, _ in FIELDS}
    assert kinds == {spec.kind.value for spec in SPECS}
    assert {how for _, _, how in FIELDS} == {"text", "markdown", "url", "pattern", "fixed"}
    assert len([f for f in FIELDS if f[2] == "text"]) >= 30
    assert ("cases", ("praksiseksempler", 0, "titel"), "text") in FIELDS


# ---- planting


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _put(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def filled_copy(target: Path) -> Path:
    shutil.copytree(MINIMAL, target)
    for rel, fields in FILL.items():
        file = target / rel
        _dump(file, {**(_load(file) if file.exists() else {}), **fields})
    for rel, path, value in FILL_NESTED:
        data = _load(target / rel)
        _put(data, path, value)
        _dump(target / rel, data)
    return target


def _file_of(root: Path, kind: str, path: Path_) -> tuple[Path, Any]:
    """The first file of `kind` with a place for `path`: every part but a last list of values
    (made here) must be there."""
    for file in sorted((root / kind).glob("*.yaml")):
        data = node = _load(file)
        for i, part in enumerate(path[:-1]):
            if path[-1] == 0 and i == len(path) - 2 and isinstance(node, dict) and not node.get(part):
                node[part] = [None]  # a list of strings, filled by _put
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        else:
            return file, data
    raise AssertionError(f"no file of {kind}/ has {path}: add one to FILL so the field is tested")


def plant(root: Path, fields: list[tuple[str, Path_, str]], make: Any) -> dict[tuple[str, Path_], str]:
    """Write make(n, how) into each field; returns the value per field."""
    values = {}
    for n, (kind, path, how) in enumerate(fields):
        file, data = _file_of(root, kind, path)
        values[(kind, path)] = value = make(n, how)
        _put(data, path, value)
        _dump(file, data)
    return values


def metachar(n: int, how: str) -> str:
    return {"markdown": markdown_value, "url": url_value}.get(how, plain_value)(n)


def _accepted(tmp: Path) -> list[tuple[str, Path_, str]]:
    """The fields validation accepts a metacharacter value in (text, Markdown, addresses); the
    others (ids, search words, fixed values) refuse it with an error at the field."""
    accepted = []
    for i, (kind, path, how) in enumerate(FIELDS):
        root = filled_copy(tmp / f"f{i}")
        file, data = _file_of(root, kind, path)
        _put(data, path, metachar(i, how))
        _dump(file, data)
        try:
            load_site(root)  # every check of `validate`
            errors = []
        except ContentErrors as refused:
            errors = refused.errors
        shutil.rmtree(root)
        if not errors:
            accepted.append((kind, path, how))
            continue
        name = next(p for p in reversed(path) if isinstance(p, str))
        assert how in ("pattern", "fixed"), (kind, path, [e.format() for e in errors])
        assert any(name in e.field for e in errors), (kind, path, [e.format() for e in errors])
    return accepted


# ---- reading the built HTML


class _Html(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []  # text nodes and the attributes readers see
        self.hrefs: list[str] = []
        self.tags: Counter[str] = Counter()
        self.rows: list[list[int]] = []  # per table, the cells of each row
        self.srcs: list[str] = []
        self.feed(text.replace("<wbr>", ""))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name in SHOWN_IN and value:
                self.shown.append(value)
            elif name == "href" and value:
                self.hrefs.append(value)
            elif name == "src" and value:
                self.srcs.append(value)
        if tag == "table":
            self.rows.append([])
        elif tag == "tr" and self.rows:
            self.rows[-1].append(0)
        elif tag in ("td", "th") and self.rows and self.rows[-1]:
            self.rows[-1][-1] += 1

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.shown.append(data)


def _words(text: str) -> str:
    return " ".join(text.split())


def _marker(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9A-Za-z])F{n:02d}(?![0-9])", re.I)


@pytest.fixture(scope="module")
@layers.builds
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("escaping")
    accepted = _accepted(tmp / "validate")
    root = filled_copy(tmp / "themes_data")
    values = plant(root, accepted, metachar)
    site = build_site(tmp / "site", config_file=write_config(tmp, root), site_url=SITE_URL)
    pages = {
        p.relative_to(site).as_posix(): _Html(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")
    }
    baseline = filled_copy(tmp / "baseline")
    plant(baseline, accepted, lambda n, how: as_plain(metachar(n, how)))
    return {"accepted": accepted, "values": values, "pages": pages, "root": root, "baseline": baseline}


def test_validation_refuses_what_a_field_cannot_hold_and_accepts_the_rest(built):
    accepted = {(kind, path) for kind, path, _ in built["accepted"]}
    text = [(kind, path) for kind, path, how in FIELDS if how in ("text", "markdown", "url")]
    refused = [f for f in text if f not in accepted]
    assert refused == [], f"plain text refused: {refused}"
    assert len(accepted) >= 35


def test_every_value_is_shown_whole_and_as_written_wherever_it_is_shown(built):
    pages: dict[str, _Html] = built["pages"]
    wrong, unshown = [], []
    for n, (kind, path, how) in enumerate(built["accepted"]):
        value = built["values"][(kind, path)]
        whole = _words(value) if how != "markdown" else _words(value.split("\n")[0])
        marker = _marker(n)
        hits = 0
        for page, html in pages.items():
            for shown in html.shown:
                if marker.search(shown):
                    hits += 1
                    if whole not in _words(shown) and whole.lower() not in _words(shown):
                        wrong.append(f"{kind} {path} on {page}: {_words(shown)[:160]!r}")
            if how == "url":
                for href in html.hrefs:
                    if marker.search(href) and href != value:
                        wrong.append(f"{kind} {path} on {page}: href {href!r}")
        if (kind, path) in NOT_SHOWN:
            assert hits == 0, f"{kind} {path} is shown now: take it off NOT_SHOWN"
        elif not hits:
            unshown.append((kind, path))
    assert not wrong, "\n".join(wrong[:40])
    assert not unshown, f"shown nowhere: {unshown}; if that is right, put them in NOT_SHOWN"


def test_every_table_keeps_its_columns_and_markdown_fields_make_none(built):
    for page, html in built["pages"].items():
        for rows in html.rows:
            assert len(set(rows)) == 1, f"{page}: cells per row {rows}"
    matrix = built["pages"][P.url_of("bostoette/matrix.md") + "index.html"]
    assert matrix.rows[0] == [3] * 3  # a theme column and the two cases; a header row and two themes
    assert sum(html.tags["table"] for html in built["pages"].values()) == sum(
        1 for html in built["pages"].values() for _ in html.rows
    )


def test_no_value_adds_an_element_to_a_page(built):
    """Generated Markdown to HTML, as with plain letters of the same length in the same fields."""
    convert = project_converter().html

    def elements(root: Path) -> dict[str, Counter[str]]:
        files = generate(root, SITE_URL).files
        return {path: _Html(convert(text.split("\n---\n", 1)[1])).tags for path, text in files.items()}

    poisoned, plain = elements(built["root"]), elements(built["baseline"])
    assert poisoned.keys() == plain.keys()
    differ = {
        p: (poisoned[p] - plain[p]) + (plain[p] - poisoned[p]) for p in plain if poisoned[p] != plain[p]
    }
    assert not differ, differ


def test_the_printed_address_is_site_url_as_given(built):
    theme = P.url_of("bostoette/fleksibel.md")
    address = SITE_URL + theme
    page = built["pages"][theme + "index.html"]
    assert address in [_words(s) for s in page.shown]  # the handout: "Hele temaet på nettet"
    assert qr_data_uri(address) in page.srcs
    cards = built["pages"][P.url_of("bostoette/spoergsmaalskort.md") + "index.html"]
    assert address.split("://", 1)[1] in [_words(s) for s in cards.shown]
    assert qr_data_uri(address) in cards.srcs
