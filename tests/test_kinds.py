"""One registry of kinds (generator/content/kinds.py): complete, or the import fails; every table derived."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from generator.content import kinds
from generator.content.kinds import SPEC, SPECS, IncompleteKind
from generator.content.model import Kind
from generator.errors import Code
from generator.render import pages

from .conftest import DATA, MINIMAL, ROOT


def test_every_kind_is_declared_once_with_every_part():
    kinds._check(SPECS)  # what the import runs
    assert [s.kind for s in SPECS] == list(Kind)


@pytest.mark.parametrize(
    "broken",
    [
        lambda specs: specs[:-1],  # a kind without an entry
        lambda specs: (*specs, specs[0]),  # a kind twice
        lambda specs: (dataclasses.replace(specs[0], ref_label=""), *specs[1:]),
        lambda specs: (dataclasses.replace(specs[1], noun=""), *specs[2:], specs[0]),
        lambda specs: (dataclasses.replace(specs[6], anchor="{node.id}"), *specs[:6], specs[7]),
        lambda specs: (dataclasses.replace(specs[7], node=specs[6].node), *specs[:7]),
    ],
    ids=["missing", "twice", "no-label", "no-noun", "page-and-anchor", "shared-node"],
)
def test_a_kind_that_lacks_a_part_stops_the_import(broken):
    with pytest.raises(IncompleteKind):
        kinds._check(broken(SPECS))


@pytest.mark.build
def test_a_kind_without_its_entry_fails_when_the_generator_is_imported(tmp_path):
    """Not at an editor's typo: the import itself stops, naming what is missing."""
    code = (
        "import generator.content.model as m, enum\n"
        "m.Kind = enum.StrEnum('Kind', [*(k.value for k in m.Kind), 'nyt'])\n"
        "import generator.content.kinds\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0 and "IncompleteKind" in result.stderr and "nyt" in result.stderr


@pytest.mark.parametrize("kind", list(Kind))
def test_a_mistyped_id_of_every_kind_is_a_danish_error(kind: Kind):
    from generator.content.linker import _Resolver
    from generator.content.loader import load

    content = load(MINIMAL)
    origin = next(iter(content.of(Kind.temaer).values()))
    resolver = _Resolver(content)
    assert resolver.find(kind, "findes-ikke", origin, ("cases", 0, "case")) is None
    (error,) = resolver.errors
    assert error.code is Code.UNKNOWN_REF and error.ref == "findes-ikke"
    assert error.message == f"ukendt {SPEC[kind].ref_label}-id 'findes-ikke'"
    assert f"themes_data/{kind.value}/" in error.hint or error.hint.startswith("mente du")


def test_every_entity_of_the_real_site_has_its_path_and_template_from_its_kind(real_site):
    nodes = [
        *real_site.mappings,
        *real_site.themes.values(),
        *real_site.cases.values(),
        *real_site.perspectives.values(),
        *real_site.literature.values(),
        *real_site.pejlemaerker,
        *real_site.anbefalinger,
        *real_site.sources.values(),
    ]
    seen = set()
    for node in nodes:
        spec = kinds.BY_NODE[type(node)]
        seen.add(spec.kind)
        path = pages.path_of(node)
        assert path.endswith(".md") and "{" not in path
        assert (pages.anchor_of(node) == node.id) == bool(spec.anchor)
        if spec.template:
            assert (pages.TEMPLATES / f"{spec.template}.md.j2").is_file(), spec.kind
    assert seen == set(Kind)


def test_the_derived_tables_follow_the_registry():
    from generator.content.kinds import KINDS
    from generator.editors import schema

    assert KINDS == {s.kind: s.model for s in SPECS}
    assert schema.SCHEMA_NAMES == {s.kind: s.schema_name for s in SPECS}
    for spec in SPECS:
        assert schema.schema_for(spec.kind)["title"] == spec.schema_title
        assert spec.model.model_fields["id"].is_required()
    assert pages.PEJLEMAERKER == SPEC[Kind.pejlemaerker].path and pages.SOURCES == SPEC[Kind.kilder].path


def test_the_real_content_folders_are_the_kinds():
    folders = {p.name for p in DATA.iterdir() if p.is_dir() and p.name != "schema"}
    assert folders == {k.value for k in Kind}
