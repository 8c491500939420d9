"""Tools for editors: JSON Schema for autocompletion, and `new` for a valid new file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from generator import load_site
from generator.__main__ import main
from generator.content.kinds import KINDS
from generator.content.loader import content_files
from generator.content.yamlsource import read_yaml
from generator.editors.canonical import format_content
from generator.editors.schema import (
    SCHEMA_NAMES,
    header_for,
    render_schemas,
    schema_for,
    schema_path,
    written_by_this_command,
)

from .conftest import DATA, MINIMAL, ROOT, build_site
from .sitecopy import write_config

EXPECTED_SCHEMAS = {
    "kilde", "kortlaegning", "litteraturstudie", "perspektiv", "pejlemaerke", "anbefaling", "tema", "case",
}  # fmt: skip


def test_there_is_one_schema_per_kind():
    assert set(SCHEMA_NAMES) == set(KINDS)
    assert {n.removesuffix(".schema.json") for n in render_schemas()} == EXPECTED_SCHEMAS


def test_the_committed_schema_is_up_to_date():
    stale = [
        name
        for name, text in render_schemas().items()
        if not (DATA / "schema" / name).is_file()
        or (DATA / "schema" / name).read_text(encoding="utf-8") != text
    ]
    assert stale == [], (
        f"themes_data/schema/ passer ikke med indholdsmodellen ({', '.join(stale)}): "
        "kør  python -m generator schema  og commit filerne"
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_yaml_file_starts_with_its_schema_comment(kind):
    files = [p for k, p in content_files(DATA) if k == kind]
    assert files, kind
    wrong = []
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if first != header_for(path, DATA, kind):
            wrong.append(f"{path.relative_to(ROOT)}: {first!r}")
        target = first.split("$schema=", 1)[-1]
        assert (path.parent / target).resolve().is_file(), path
    assert wrong == []


def test_the_schema_speaks_danish_and_knows_the_rules():
    tema = schema_for("temaer")
    assert tema["title"] == "Tema"
    assert tema["additionalProperties"] is False
    assert set(tema["required"]) >= {"id", "nummer", "titel", "kortlaegning", "perspektiver", "gennemgang"}
    assert tema["properties"]["id"]["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert "små bogstaver" in tema["properties"]["id"]["description"]
    assert tema["$defs"]["Blok"]["description"].startswith("Et stykke tekst")
    assert "HTML" in tema["$defs"]["Blok"]["properties"]["tekst"]["description"]
    assert tema["$defs"]["Perspektivafsnit"]["properties"]["ikke_gengivet"]["type"] == "boolean"
    case = schema_for("cases")
    assert case["properties"]["type"]["enum"] == ["kommune", "botilbud"]


def test_the_schema_command_writes_the_files(tmp_path):
    data = tmp_path / "themes_data"
    data.mkdir()
    assert main(["--data", str(data), "schema"]) == 0
    written = sorted(p.name for p in (data / "schema").iterdir())
    assert written == sorted(render_schemas())
    json.loads((data / "schema" / "tema.schema.json").read_text(encoding="utf-8"))


def test_the_schema_command_replaces_only_files_it_wrote(tmp_path, capsys):
    """A schema file edited by hand, or one another tool wrote there, is never overwritten: the
    command names it, writes nothing and exits 1; its own files (stamped with their content's
    SHA-256) it replaces."""
    data = tmp_path / "themes_data"
    data.mkdir()
    assert main(["--data", str(data), "schema"]) == 0
    tema = data / "schema" / "tema.schema.json"
    assert written_by_this_command(tema.read_text(encoding="utf-8"))
    tema.write_text(tema.read_text(encoding="utf-8").replace('"Tema"', '"Mit tema"', 1), encoding="utf-8")
    (data / "schema" / "case.schema.json").write_text("{}\n", encoding="utf-8")
    kilde = data / "schema" / "kilde.schema.json"
    kilde.unlink()  # missing: simply written again
    before = {p.name: p.read_bytes() for p in (data / "schema").iterdir()}
    assert main(["--data", str(data), "schema"]) == 1
    message = capsys.readouterr().err
    assert "tema.schema.json" in message and "case.schema.json" in message and "Intet er skrevet" in message
    assert {p.name: p.read_bytes() for p in (data / "schema").iterdir()} == before
    tema.unlink()
    (data / "schema" / "case.schema.json").unlink()
    assert main(["--data", str(data), "schema"]) == 0
    assert sorted(p.name for p in (data / "schema").iterdir()) == sorted(render_schemas())


def test_the_committed_schemas_are_the_command_s_own():
    for path in sorted((DATA / "schema").glob("*.schema.json")):
        assert written_by_this_command(path.read_text(encoding="utf-8")), path.name


# --- new theme / new case -------------------------------------------------------


def run_new(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--data", str(data), "new", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )


@pytest.mark.build
def test_new_theme_writes_a_valid_canonical_file_and_says_what_to_fill_in(minimal_copy):
    result = run_new(minimal_copy, "theme", "--kortlaegning", "bostoette", "--titel", "Bolig og økonomi")
    assert result.returncode == 0, result.stderr
    path = minimal_copy / "temaer" / "03-bolig-og-oekonomi.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == header_for(path, minimal_copy, "temaer")
    assert "ÅÅÅÅ-MM-DD" in result.stdout and "kort_fortalt" in result.stdout
    assert [f.path for f in format_content(minimal_copy) if f.path == path and f.changed] == []
    site = load_site(minimal_copy)
    theme = site.themes["bolig-og-oekonomi"]
    assert theme.model.nummer == 3 and theme.model.titel == "Bolig og økonomi"
    assert [p.id for p, _ in theme.sections] == ["borgerne", "viden"]


@pytest.mark.build
def test_new_case_writes_a_valid_file_and_joins_its_mapping(minimal_copy):
    result = run_new(
        minimal_copy, "case", "--kortlaegning", "bostoette", "--navn", "Æby Kommune", "--type", "kommune"
    )
    assert result.returncode == 0, result.stderr
    assert "er tilføjet til listen 'cases:'" in result.stdout
    site = load_site(minimal_copy)
    assert site.cases["aeby-kommune"].model.navn == "Æby Kommune"
    assert [c.id for c in site.mappings[0].cases] == ["aaby", "oeby", "aeby-kommune"]


@pytest.mark.build
def test_new_case_writes_its_mapping_canonically(minimal_copy):
    mapping = minimal_copy / "kortlaegninger" / "bostoette.yaml"
    mapping.write_text(
        mapping.read_text(encoding="utf-8").replace("cases: [aaby, oeby]", "cases:\n- aaby\n- oeby  # sidst"),
        encoding="utf-8",
    )
    assert (
        run_new(
            minimal_copy, "case", "--kortlaegning", "bostoette", "--navn", "Ny", "--type", "botilbud"
        ).returncode
        == 0
    )
    assert "- oeby\n- ny\n" in mapping.read_text(encoding="utf-8")
    assert "ny" in load_site(minimal_copy).cases
    assert [f.path for f in format_content(minimal_copy) if f.changed and f.path == mapping] == []


@pytest.mark.build
def test_new_refuses_an_existing_id_and_an_unknown_mapping(minimal_copy):
    taken = run_new(minimal_copy, "case", "--kortlaegning", "bostoette", "--navn", "Åby", "--type", "kommune")
    assert taken.returncode == 1 and "id'et 'aaby' bruges allerede" in taken.stderr
    unknown = run_new(minimal_copy, "theme", "--kortlaegning", "bostote", "--titel", "X")
    assert unknown.returncode == 1 and "ukendt kortlægning 'bostote'" in unknown.stderr
    assert "Traceback" not in taken.stderr + unknown.stderr


@pytest.mark.build
def test_new_theme_and_case_build_with_the_real_mkdocs(minimal_copy, tmp_path):
    assert (
        run_new(minimal_copy, "theme", "--kortlaegning", "bostoette", "--titel", "Nyt tema").returncode == 0
    )
    assert (
        run_new(
            minimal_copy, "case", "--kortlaegning", "bostoette", "--navn", "Ny", "--type", "kommune"
        ).returncode
        == 0
    )
    site = build_site(tmp_path / "site", config_file=write_config(tmp_path, minimal_copy))
    assert (site / "bostoette" / "nyt-tema" / "index.html").is_file()
    assert (site / "cases" / "ny" / "index.html").is_file()


def test_the_minimal_fixture_is_valid():
    assert load_site(MINIMAL).themes


# --- the editor guide -----------------------------------------------------------


def test_the_editor_guide_is_in_the_nav_under_om(real_site):
    from generator.render.plan import build_nav, plan

    nav = build_nav(real_site, plan(real_site))
    om = next(entry["Om"] for entry in nav if isinstance(entry, dict) and "Om" in entry)
    assert {"Redaktørvejledning": "redaktoervejledning.md"} in om
    assert (ROOT / "content" / "redaktoervejledning.md").is_file()


def test_the_error_messages_quoted_in_the_guide_are_real(corpus_results):
    """Every example message in the guide (after the first) is what the corpus really prints."""
    guide = (ROOT / "content" / "redaktoervejledning.md").read_text(encoding="utf-8")
    quoted = [ln for ln in guide.splitlines() if ln.startswith("themes_data/")][1:]
    assert len(quoted) >= 15
    printed: set[str] = set()
    for name, (_, raised) in corpus_results.items():
        assert raised is not None, name
        printed |= {e.format() for e in raised.errors}
    assert [q for q in quoted if q not in printed] == []


@pytest.mark.build
def test_new_case_in_the_real_content_goes_to_the_kind_folder(tmp_path):
    import shutil

    data = tmp_path / "themes_data"
    shutil.copytree(DATA, data)
    result = run_new(
        data, "case", "--kortlaegning", "bostoette", "--navn", "Testby Kommune", "--type", "kommune"
    )
    assert result.returncode == 0, result.stderr
    path = data / "cases" / "bostoette" / "testby-kommune.yaml"
    assert path.is_file()
    assert path.read_text(encoding="utf-8").splitlines()[0] == header_for(path, data, "cases")
    if "er tilføjet" in result.stdout:
        assert "testby-kommune" in load_site(data).cases
    else:  # the mapping's list could not be edited safely: the editor is told what to do
        assert "Tilføj 'testby-kommune' til listen 'cases:'" in result.stdout


def _committed_schema(kind: str) -> jsonschema.Draft202012Validator:
    """A validator for the schema file an editor's YAML extension reads."""
    return jsonschema.Draft202012Validator(json.loads(schema_path(DATA, kind).read_text(encoding="utf-8")))


@pytest.mark.parametrize("data", [DATA, MINIMAL], ids=["rigtigt", "minimal"])
def test_every_content_file_is_valid_against_the_schema_its_editor_uses(data):
    """The schema is what an editor's autocompletion checks against while typing: a file the
    generator accepts must not be marked wrong there (jsonschema, the reference validator)."""
    validators = {kind: _committed_schema(kind) for kind in KINDS}
    problems = []
    for kind, path in content_files(data):
        errors = validators[kind].iter_errors(read_yaml(path, path.name).data)
        problems += [f"{path.name}: {e.json_path}: {e.message}" for e in errors]
    assert len(content_files(data)) > len(KINDS)
    assert problems == []


def test_the_schema_rejects_what_the_generator_rejects():
    validator = _committed_schema("temaer")
    theme = next(p for k, p in content_files(DATA) if k == "temaer")
    good = read_yaml(theme, theme.name).data
    assert validator.is_valid(good)
    for broken in [
        {**good, "titel": 7},  # a number where text is expected
        {**good, "ukendt_felt": "x"},  # a field the model does not have
        {k: v for k, v in good.items() if k != "id"},  # a required field missing
    ]:
        assert not validator.is_valid(broken)
