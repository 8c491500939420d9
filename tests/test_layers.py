"""The tree shows the pipeline: each room of generator/ imports only the rooms before it.

content/ (load → validate → link) < render/ (plan → render) < publish/ (write); editors/ stands
beside them; pipeline.py, __main__.py and mkdocs_glue/ put them together. errors.py,
project_config.py and writer.py are shared by every step. Read from the source (ast), so a
lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
SHARED = {"generator", "generator.errors", "generator.project_config", "generator.writer"}
# What each room may import besides the shared modules and itself.
ALLOWED = {
    "content": set(),
    "render": {"content"},
    "publish": {"content", "render"},
    "editors": {"content", "render"},
}
# The one import across the door: `make site` runs the engine's build, imported when it builds.
EXCEPTIONS = {("publish/sitebuild.py", "generator.mkdocs_glue.build")}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "generator" or name.startswith("generator.")}


def _room(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


@pytest.mark.parametrize("room", sorted(ALLOWED))
def test_a_room_imports_only_the_rooms_before_it(room):
    wrong = []
    for path in sorted((GENERATOR / room).rglob("*.py")):
        rel = path.relative_to(GENERATOR).as_posix()
        for module in sorted(_imports(path)):
            ok = module in SHARED or _room(module) in {room, *ALLOWED[room]} or (rel, module) in EXCEPTIONS
            if not ok:
                wrong.append(f"{rel} imports {module}")
    assert wrong == []


def test_no_relative_imports_hide_a_room():
    # Absolute imports only: a reader sees which room a name comes from.
    relative = [
        path.relative_to(GENERATOR).as_posix()
        for path in sorted(GENERATOR.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level
    ]
    assert relative == []


def test_every_module_lives_in_a_room_or_is_shared():
    top = {p.name for p in GENERATOR.glob("*.py")}
    assert top == {"__init__.py", "__main__.py", "pipeline.py", "errors.py", "project_config.py", "writer.py"}
    rooms = {p.name for p in GENERATOR.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert rooms == {*ALLOWED, "mkdocs_glue"}
