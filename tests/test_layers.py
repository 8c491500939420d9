"""The tree shows the pipeline: every module of generator/ imports only its own step and the steps
before it, and no import runs in a circle.

Every module has a rank (RANKS, by the longest prefix of its name), with no exemptions:

  0  errors, writer                         shared by every step
  1  content/                               load → validate → link (and what it reads of mkdocs.yml)
  2  render/                                plan → render
  3  publish/, editors/                     write; the editors' tools beside it
  4  pipeline                               runs the steps
  5  mkdocs_glue/                           the engine: its plugin runs the pipeline
  6  engine, __main__, generator (the API)  choose the engine and pass it down

A module may import a module of its own rank or a lower one. Read from the source (ast) of the
whole module, so an import inside a function (a lazy one) or under TYPE_CHECKING counts too:
a dependency is a dependency, whenever Python meets it.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
RANKS = {
    "generator.errors": 0,
    "generator.writer": 0,
    "generator.content": 1,
    "generator.render": 2,
    "generator.publish": 3,
    "generator.editors": 3,
    "generator.pipeline": 4,
    "generator.mkdocs_glue": 5,
    "generator.engine": 6,
    "generator.__main__": 6,
    "generator": 6,  # generator/__init__.py: the API's front door
}


def _name(path: Path) -> str:
    parts = list(path.relative_to(GENERATOR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_name(path): path for path in sorted(GENERATOR.rglob("*.py"))}


def rank(module: str) -> int | None:
    prefixes = [p for p in RANKS if module == p or module.startswith(p + ".")]
    return RANKS[max(prefixes, key=len)] if prefixes else None


@cache
def imports(module: str) -> frozenset[str]:
    """The generator modules `module` imports anywhere in its source: `from a.b import c` is a
    dependency on the module a.b.c if there is one, else on a.b."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                whole = f"{node.module}.{alias.name}"
                found.add(whole if whole in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return frozenset(name for name in found if name in MODULES and name != module)


def test_every_module_has_a_rank():
    assert [m for m in MODULES if rank(m) is None] == []
    assert len(MODULES) > 60  # the walk found the tree


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_its_step_and_the_steps_before_it(module):
    up = sorted(f"{other} (rank {rank(other)})" for other in imports(module) if rank(other) > rank(module))
    assert up == [], f"{module} (rank {rank(module)}) imports up"


def test_no_import_runs_in_a_circle():
    cycles, done, path = [], set(), []

    def visit(module: str) -> None:
        path.append(module)
        for other in sorted(imports(module)):
            if other in path:
                cycles.append(" → ".join([*path[path.index(other) :], other]))
            elif other not in done:
                visit(other)
        path.pop()
        done.add(module)

    for module in MODULES:
        if module not in done:
            visit(module)
    assert cycles == []


def test_the_circle_check_sees_a_lazy_import(tmp_path):
    # The check reads the whole module: an import inside a function is an edge too.
    source = "def f():\n    from generator.pipeline import generate\n"
    tree = ast.parse(source)
    lazy = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert [n.module for n in lazy] == ["generator.pipeline"]
    assert "generator.pipeline" in imports("generator.mkdocs_glue.plugin")


def test_no_relative_imports_hide_a_room():
    # Absolute imports only: a reader sees which room a name comes from.
    relative = [
        name
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level
    ]
    assert relative == []


def test_nothing_outside_the_engine_imports_mkdocs():
    # One door: only mkdocs_glue/ knows MkDocs (and mkdocs-redirects, and MkDocs' watchdog).
    engine_only = ("mkdocs", "mkdocs_redirects", "material", "watchdog")
    found = []
    for name, path in MODULES.items():
        if name.startswith("generator.mkdocs_glue"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            found += [f"{name}: {n}" for n in names if n.split(".")[0] in engine_only]
    assert found == []


# Engines and their plugins: absent, `validate` still checks every text's HTML.
WITHOUT_THE_ENGINE = (
    "import sys\n"
    "for name in ('mkdocs', 'material', 'mkdocs_redirects', 'properdocs', 'zensical'):\n"
    "    sys.modules[name] = None  # importing it raises ModuleNotFoundError\n"
    "from generator.__main__ import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@pytest.mark.build
def test_content_is_checked_without_the_engine_installed(minimal_copy):
    import subprocess
    import sys

    case = minimal_copy / "cases" / "aaby.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("**gruppeforløb**.", "[gruppeforløb](../ingen-side.md)."), encoding="utf-8")

    def validate(data):
        command = [sys.executable, "-c", WITHOUT_THE_ENGINE, "--data", str(data), "validate"]
        return subprocess.run(command, cwd=GENERATOR.parent, capture_output=True, text=True, timeout=300)

    real = validate(GENERATOR.parent / "themes_data")
    assert real.returncode == 0, real.stderr
    broken = validate(minimal_copy)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr, broken.stderr
    assert "cases/aaby.yaml" in broken.stderr and "'../ingen-side.md'" in broken.stderr, broken.stderr
