"""The canonical format of themes_data/ (generator/editors/canonical.py, one writer: js-yaml in
cms/canonical-yaml.js, run by Node here and by the content editor in the browser).

Every file is canonical; formatting never changes what a file means (same data with its types,
same validated model), for every file and for generated awkward texts; the project's reader
(PyYAML with the project's rules) and the editor's reader (js-yaml with the same rules) read
every canonical text alike."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.kinds import KINDS
from generator.content.loader import content_files, validate_document
from generator.content.model import Kind
from generator.content.yamlsource import parse_yaml, read_yaml
from generator.editors.canonical import canonical_texts, editor_reads, format_content, formats, order_for
from generator.editors.schema import header_for

from . import layers
from .conftest import DATA, ROOT


@pytest.fixture(scope="module")
@layers.builds
def formatted():
    return format_content(DATA)


def test_every_content_file_is_canonical(formatted):
    stale = [f.path.relative_to(ROOT).as_posix() for f in formatted if f.changed]
    assert stale == [], f"ikke i det fælles format: {stale} – kør  make format-content"


@pytest.mark.build
def test_the_format_command_checks_and_writes(tmp_path):
    data = tmp_path / "themes_data"
    (data / "kilder").mkdir(parents=True)
    path = data / "kilder" / "x.yaml"
    messy = (
        "# yaml-language-server: $schema=../schema/kilde.schema.json\n"
        "url: https://example.org/x  # en kommentar\n"
        "id: x\ntitel: >\n  En lang\n  titel\nudgiver: Et sted\ntype: rapport\n"
    )
    path.write_text(messy, encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", "--data", str(data), "format", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
        )

    check = run("--check")
    assert check.returncode == 1 and "make format-content" in check.stderr
    assert path.read_text(encoding="utf-8") == messy  # --check writes nothing
    assert run().returncode == 0
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema/kilde.schema.json\n"
        "id: x\ntitel: |\n  En lang titel\nudgiver: Et sted\nurl: https://example.org/x\ntype: rapport\n"
    )
    assert run("--check").returncode == 0


def _model(kind: Kind, text: str, path: Path):
    item, errors = validate_document(kind, parse_yaml(text, path, path.name))
    assert errors == [], errors
    return item


def test_formatting_keeps_every_files_meaning(formatted):
    """Parse before and after: the same data (types included) and the same validated model."""
    kinds = dict((path, kind) for kind, path in content_files(DATA))
    for f in formatted:
        before = read_yaml(f.path, f.path.name).data
        after = parse_yaml(f.after, f.path, f.path.name).data
        assert after == before and _types(after) == _types(before), f.path
        kind = kinds[f.path]
        assert _model(kind, f.after, f.path) == _model(kind, f.before, f.path), f.path


def test_the_canonical_text_is_a_fixed_point_and_the_editor_reads_it_alike(formatted):
    texts = [f.after for f in formatted]
    again = canonical_texts(
        [
            (parse_yaml(f.after, f.path, "x").data, _kind_of(f.path), f.after.split("\n", 1)[0])
            for f in formatted
        ]
    )
    assert again == texts
    for f, read in zip(formatted, editor_reads(texts), strict=True):
        assert read == parse_yaml(f.after, f.path, "x").data, f.path


def test_the_header_is_the_one_the_editor_writes_for_the_files_kind(formatted):
    """The editor writes one header per kind: every file of a kind must stand at that depth."""
    header = {kind: spec["header"] for kind, spec in formats().items()}
    for f in formatted:
        kind = _kind_of(f.path)
        assert f.after.split("\n", 1)[0] == header[kind] == header_for(f.path, DATA, kind), f.path


def _kind_of(path: Path) -> Kind:
    return Kind(path.relative_to(DATA).parts[0])


def _types(value):
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


# Pieces that trouble YAML writers and readers: indicators, quotes, words other readers take for
# booleans, numbers, dates or null, white space at the ends and inside, line breaks, Unicode.
PIECES = [
    ": ", " #", "#", "'", '"', "|", ">", "&", "*", "!", "%", "@", "`", "- ", "? ", ",", "[", "]", "{", "}",
    "yes", "no", "on", "off", "y", "n", "true", "False", "null", "~", "NULL", "0", "007", "0x1F", "0o17",
    "1e3", "1.5", "-1", "+2", ".inf", ".nan", "2026-02-30", "12:30", "1_000", "\n", "\n\n", " ", "  ",
    "\t", "æøå", "ÆØÅ", "§ 85", "–", "…", "\u00a0", "é", "😀", "\\", "\\n", "---", "...", "<b>", "a", "ord",
    "Tekst med flere ord", "https://example.org/a?b=c#d", "-", "?", ":", "x:", "=", "<<", "\r",
]  # fmt: skip


def _awkward(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6)))


@pytest.mark.build
def test_generated_awkward_texts_survive_the_writer_and_both_readers():
    """Each text as a field, a list item and inside a list of mappings: written by the one writer,
    read back exactly by the project's reader and by the editor's."""
    rng = random.Random(30)
    texts = [_awkward(rng) for _ in range(3000)]
    files = [
        (
            {"id": "x", "titel": t, "forfattere": [t, "b"], "noegletal": [{"tal": 1, "betydning": t}]},
            Kind.kilder,
        )
        for t in texts
    ]
    header = "# yaml-language-server: $schema=../schema/kilde.schema.json"
    written = canonical_texts([(data, kind, header) for data, kind in files])
    readable, refused = [], []
    for (data, _), text in zip(files, written, strict=True):
        assert text.startswith(header + "\n")
        try:
            back = parse_yaml(text, Path("x.yaml"), "x.yaml").data
        except Exception as exc:  # the project's reader refuses some characters on purpose
            refused.append((data["titel"], str(exc)))
            continue
        assert back == data, (data["titel"], text)
        readable.append((data, text))
    for (data, _), read in zip(readable, editor_reads([t for _, t in readable]), strict=True):
        assert read == data
    # What the project's reader refuses is only what it refuses in any file: invisible characters.
    assert all("usynligt tegn" in why or "kontroltegn" in why for _, why in refused), refused[:3]
    assert len(readable) > 2500


def test_the_key_order_is_the_models():
    assert order_for(Kind.temaer)["keys"][:4] == ["id", "nummer", "kortlaegning", "titel"]
    assert order_for(Kind.temaer)["props"]["kort_fortalt"]["keys"] == ["tekst", "grundlag", "kilder", "fund"]
    assert set(formats()) == {k.value for k in KINDS}
