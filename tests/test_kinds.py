"""One registry of kinds (generator/content/kinds.py): complete, or the import fails; every table,
step, page and open-data section derived from it, and a new kind is its model, spec, view and
template, nothing else."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content import kinds
from generator.content.kinds import SPEC, SPECS, IncompleteKind
from generator.content.model import Kind
from generator.errors import Code
from generator.render import opendata, pages

from .conftest import DATA, MINIMAL, ROOT, project_converter


def test_every_kind_is_declared_once_with_every_part():
    kinds._check(SPECS)  # what the import runs
    assert [s.kind for s in SPECS] == list(Kind)


def _replace(kind: Kind, **changes):
    return tuple(dataclasses.replace(s, **changes) if s.kind is kind else s for s in SPECS)


@pytest.mark.parametrize(
    "broken",
    [
        lambda: SPECS[:-1],  # a kind without an entry
        lambda: (*SPECS, SPECS[0]),  # a kind twice
        lambda: _replace(Kind.kilder, ref_label=""),
        lambda: _replace(Kind.kortlaegninger, noun=""),
        lambda: _replace(Kind.temaer, anchor="{node.id}"),  # a page of its own and a section
        lambda: _replace(Kind.cases, node=SPEC[Kind.temaer].node),
        lambda: _replace(Kind.cases, pages=""),  # a page of its own, but no pages: its files dropped
        lambda: _replace(Kind.pejlemaerker, index=""),  # sections, but no page holds them
        lambda: _replace(Kind.kortlaegninger, link_after=(Kind.temaer,)),  # themes link after mappings
        lambda: _replace(Kind.temaer, private=frozenset({"findes_ikke"})),
        lambda: _replace(Kind.cases, data="temaer"),  # two lists of one name in the open data
    ],
    ids=[
        "missing",
        "twice",
        "no-label",
        "no-noun",
        "page-and-anchor",
        "shared-node",
        "no-pages",
        "no-index",
        "link-circle",
        "unknown-private",
        "shared-data",
    ],
)
def test_a_kind_that_lacks_a_part_stops_the_import(broken):
    with pytest.raises(IncompleteKind):
        kinds._check(broken())


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


def test_a_kind_whose_pages_are_not_there_stops_the_import_of_the_plan():
    from generator.render import plan

    with pytest.raises(IncompleteKind, match="case.findes_ikke"):
        plan._named(dataclasses.replace(SPEC[Kind.cases], pages="case.findes_ikke"), "pages")


@pytest.mark.parametrize("kind", list(Kind))
def test_a_mistyped_id_of_every_kind_is_a_danish_error(kind: Kind):
    from generator.content.loader import load
    from generator.content.resolver import Resolver

    content = load(MINIMAL)
    origin = next(iter(content.of(Kind.temaer).values()))
    resolver = Resolver(content, SPEC)
    assert resolver.find(kind, "findes-ikke", origin, ("cases", 0, "case")) is None
    (error,) = resolver.errors
    assert error.code is Code.UNKNOWN_REF and error.ref == "findes-ikke"
    assert error.message == f"ukendt {SPEC[kind].ref_label}-id 'findes-ikke'"
    assert f"themes_data/{kind.value}/" in error.hint or error.hint.startswith("mente du")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind.value)
def test_every_file_of_every_kind_is_on_its_page_and_in_the_open_data(spec, real_site, real_rendered):
    """Derived from the registry: each file's page (or its section on the shared page) is
    rendered, and the open data lists it under the kind's name with that page's address."""
    nodes = real_site.of(spec.kind)
    assert nodes, spec.kind  # the real site has files of every kind
    published = {
        item["id"]: item for item in json.loads(real_rendered.data[pages.DATA_CONTENT])[spec.data_name]
    }
    assert set(published) == set(nodes), spec.kind
    for node_id, node in nodes.items():
        path, anchor = pages.path_of(node), pages.anchor_of(node)
        assert path in real_rendered.files and "{" not in path, (spec.kind, path)
        assert (anchor == node_id) == bool(spec.anchor)
        if anchor:
            assert f"#{anchor}" in real_rendered.files[path], (spec.kind, node_id)
        else:
            assert real_rendered.files[path].startswith("---\n"), path
        if spec.template:
            assert (pages.TEMPLATES / f"{spec.template}.md.j2").is_file(), spec.kind
        assert published[node_id]["side"] == pages.url_of(path) + (f"#{anchor}" if anchor else "")


@pytest.fixture(scope="module")
def real_rendered():
    from generator import generate

    return generate(DATA)


def test_the_derived_tables_follow_the_registry():
    from generator.content.kinds import BY_NODE, KINDS, LINK_ORDER
    from generator.editors import schema

    assert KINDS == {s.kind: s.model for s in SPECS}
    assert schema.SCHEMA_NAMES == {s.kind: s.schema_name for s in SPECS}
    for spec in SPECS:
        assert schema.schema_for(spec.kind)["title"] == spec.schema_title
        assert spec.model.model_fields["id"].is_required()
        assert spec.data_name in opendata.content_model().model_fields
        if spec.node is not kinds.Node:
            assert BY_NODE[spec.node] is spec
        position = LINK_ORDER.index(spec)
        assert all(LINK_ORDER.index(SPEC[before]) < position for before in spec.link_after)
    assert pages.PEJLEMAERKER == SPEC[Kind.pejlemaerker].path and pages.SOURCES == SPEC[Kind.kilder].path


def test_the_real_content_folders_are_the_kinds():
    folders = {p.name for p in DATA.iterdir() if p.is_dir() and p.name != "schema"}
    assert folders == {k.value for k in Kind}


# --- every field of the content model is published or kept private -----------------------------


def _unpublished(model, out, private: frozenset[str], where: str) -> list[str]:
    """Fields of the editors' `model` that its published shape `out` lacks, and are not private;
    nested models are compared with the published field of the same name."""
    missing = []
    for name, declared in model.model_fields.items():
        if name in private:
            continue
        if name not in out.model_fields:
            missing.append(f"{where}.{name}")
            continue
        below = frozenset(p.split(".", 1)[1] for p in private if p.startswith(f"{name}."))
        published = kinds.nested_models(out.model_fields[name].annotation, base=opendata.Out)
        for sub in kinds.nested_models(declared.annotation):
            if not published:
                missing.append(f"{where}.{name} (published without its fields)")
                continue
            missing += _unpublished(sub, published[0], below, f"{where}.{name}")
    return missing


def _published_shape(spec):
    annotation = opendata.content_model().model_fields[spec.data_name].annotation
    (shape,) = kinds.nested_models(annotation, base=opendata.Out)
    return shape


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind.value)
def test_every_field_of_the_model_is_published_or_declared_private(spec):
    """/data/v1/ carries every field an editor writes, unless its kind says it keeps it to itself
    (`private`): a field added to the model and forgotten in the open data fails here."""
    assert _unpublished(spec.model, _published_shape(spec), spec.private, spec.model.__name__) == []


def test_the_field_check_sees_a_field_the_open_data_lacks():
    from pydantic import create_model

    from generator.content.model import Tema

    wider = create_model("Tema", __base__=Tema, nyt_felt=(str, "x"))
    assert _unpublished(wider, opendata.TemaV1, SPEC[Kind.temaer].private, "Tema") == ["Tema.nyt_felt"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind.value)
def test_a_kind_without_a_shape_of_its_own_would_be_published_in_one_derived_from_its_model(spec, real_site):
    """What a new kind gets: its model's fields (blocks and Markdown made safe), its id and page."""
    section = opendata._derived_section(spec)(real_site, opendata._Texts(project_converter()))
    assert [item.id for item in section] == sorted(real_site.of(spec.kind))
    shape = opendata.derived_model(spec.model, spec.private)
    assert set(shape.model_fields) == {"id", "side"} | set(spec.model.model_fields) - spec.private
    assert _unpublished(spec.model, shape, spec.private, spec.model.__name__) == []


# --- a new kind: its model, its spec, its view and its template; nothing else -------------------

NEW_MODEL = '''

class Redskab(Entity):
    """A tool for the team (added by tests/test_kinds.py in a copy of the generator)."""

    titel: ShortText
    tekst: LongText
    tema: TemaId | None = None
'''

NEW_SPEC = """    KindSpec(
        Kind.redskaber,
        Redskab,
        ref_label="redskab",
        noun="redskabet",
        schema_name="redskab",
        schema_title="Redskab",
        schema_description="Et redskab til teamet.",
        plural="Redskaber",
        path="redskaber/{node.id}.md",
        template="redskab",
        page_noun="redskabets side",
        pages="redskab.redskab_pages",
        index="redskab.redskaber_pages",
    ),
)
"""

NEW_VIEW = '''"""Views of a tool's page and of the list of every tool."""

from __future__ import annotations

from typing import NamedTuple

from generator.content.linker import Node, Site
from generator.content.model import Kind
from generator.render import pages as P


class RedskabView(NamedTuple):
    title: str
    text: str


class RedskabLink(NamedTuple):
    title: str
    target: Node


class RedskaberView(NamedTuple):
    items: tuple[RedskabLink, ...]


def redskab_pages(site: Site, node: Node) -> list[P.Page]:
    view = RedskabView(node.model.titel, node.model.tekst)
    return [P.entity_page(node, node.model.titel, node.model.titel, view=view, in_nav=False)]


def redskaber_pages(site: Site) -> list[P.Page]:
    tools = sorted(site.of(Kind.redskaber).values(), key=lambda n: n.model.titel)
    view = RedskaberView(tuple(RedskabLink(n.model.titel, n) for n in tools))
    return [P.Page("redskaber/index.md", "redskaber.md.j2", "Redskaber", {"view": view}, in_nav=False)]
'''

NEW_TEMPLATES = {
    "redskab.md.j2": "# {{ view.title }}\n\n{{ view.text | md }}\n",
    "redskaber.md.j2": (
        "# Redskaber\n\n{% for item in view.items %}\n"
        "- [{{ item.title }}]({{ href(item.target) }})\n{% endfor %}\n"
    ),
}

TOOL = """id: tjekliste
titel: Tjekliste til teammødet
tekst: |-
  Gå **listen** igennem før mødet.
tema: sundhed
"""


def _add_a_kind(tree: Path) -> list[str]:
    """Add the kind "redskaber" to a copy of the generator: the four parts. Returns what changed."""
    model = tree / "generator" / "content" / "model.py"
    text = model.read_text(encoding="utf-8")
    text = text.replace('    cases = "cases"\n', '    cases = "cases"\n    redskaber = "redskaber"\n', 1)
    model.write_text(text + NEW_MODEL, encoding="utf-8")
    spec = tree / "generator" / "content" / "kinds.py"
    text = spec.read_text(encoding="utf-8").replace(
        "\n)\n\n\nclass IncompleteKind", "\n" + NEW_SPEC + "\n\nclass IncompleteKind", 1
    )
    text = text.replace("    Pejlemaerke,\n", "    Pejlemaerke,\n    Redskab,\n", 1)
    spec.write_text(text, encoding="utf-8")
    (tree / "generator" / "render" / "views" / "redskab.py").write_text(NEW_VIEW, encoding="utf-8")
    for name, template in NEW_TEMPLATES.items():
        (tree / "generator" / "render" / "templates" / name).write_text(template, encoding="utf-8")
    return [
        "generator/content/model.py",
        "generator/content/kinds.py",
        "generator/render/views/redskab.py",
        *(f"generator/render/templates/{name}" for name in NEW_TEMPLATES),
    ]


@pytest.mark.build
def test_a_new_kind_is_its_model_spec_view_and_template_and_reaches_its_page_and_the_open_data(tmp_path):
    tree = tmp_path / "repo"
    tree.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "node_modules")
    for part in ("generator", "content", "overrides", "themes_data"):
        shutil.copytree(ROOT / part, tree / part, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", tree / "mkdocs.yml")
    changed = _add_a_kind(tree)
    (tree / "themes_data" / "redskaber").mkdir()
    (tree / "themes_data" / "redskaber" / "tjekliste.yaml").write_text(TOOL, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
    }

    def run(*command: str, cwd: Path = tree) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)

    assert sorted(changed) == sorted(
        str(p.relative_to(tree))
        for p in tree.joinpath("generator").rglob("*")
        if p.is_file() and _differs(p, tree)
    )
    validated = run(sys.executable, "-m", "generator", "validate")
    assert validated.returncode == 0, validated.stderr
    export = run(sys.executable, "-m", "generator", "build", "--out", str(tmp_path / "ud"))
    assert export.returncode == 0, export.stderr
    built = run(str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", cwd=tmp_path / "ud")
    assert built.returncode == 0, built.stderr
    site = tmp_path / "ud" / "site"
    page = (site / "redskaber" / "tjekliste" / "index.html").read_text(encoding="utf-8")
    assert ">Tjekliste til teammødet</a>" in page and "<strong>listen</strong>" in page
    listing = (site / "redskaber" / "index.html").read_text(encoding="utf-8")
    assert 'href="tjekliste/"' in listing and "Tjekliste til teammødet" in listing
    data = json.loads((site / "data" / "v1" / "indhold.json").read_text(encoding="utf-8"))
    assert data["redskaber"] == [
        {
            "id": "tjekliste",
            "side": "redskaber/tjekliste/",
            "titel": "Tjekliste til teammødet",
            "tekst": "Gå **listen** igennem før mødet.",
            "tema": "sundhed",
        }
    ]
    schema = json.loads((site / "data" / "v1" / "indhold.schema.json").read_text(encoding="utf-8"))
    assert "redskaber" in schema["properties"] and "RedskabV1" in schema["$defs"]
    # Its references are checked like any other kind's: a theme that is not there is an error.
    tool = tree / "themes_data" / "redskaber" / "tjekliste.yaml"
    tool.write_text(TOOL.replace("tema: sundhed", "tema: sundhd"), encoding="utf-8")
    wrong = run(sys.executable, "-m", "generator", "validate")
    assert wrong.returncode == 1 and "redskaber/tjekliste.yaml:5" in wrong.stderr, wrong.stderr
    assert "ukendt tema-id 'sundhd'" in wrong.stderr and "mente du 'sundhed'" in wrong.stderr


def _differs(path: Path, tree: Path) -> bool:
    original = ROOT / path.relative_to(tree)
    return not original.is_file() or original.read_bytes() != path.read_bytes()
