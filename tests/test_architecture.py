"""ARCHITECTURE.md and README.md's module tree say what is true, and stay so: what a test can see
in them is checked against the code (the trees, the paths and names they cite, the recipe for an
engine, the recipe for a kind, the size of a page's templates)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import ROOT

GENERATOR = ROOT / "generator"
ARCHITECTURE = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
ROOMS = sorted(p.name for p in GENERATOR.iterdir() if p.is_dir() and not p.name.startswith("__"))


def _contents(folder: Path) -> set[str]:
    """A room's modules (without .py) and its folders (with /), as a tree names them."""
    modules = {p.stem for p in folder.glob("*.py") if p.name != "__init__.py"}
    folders = {f"{p.name}/" for p in folder.iterdir() if p.is_dir() and not p.name.startswith("__")}
    return modules | folders


def _architecture_tree() -> str:
    start = ARCHITECTURE.index("```\ngenerator/\n")
    return ARCHITECTURE[start + 4 : ARCHITECTURE.index("```", start + 4)]


def _listed(room: str) -> set[str]:
    """The names the ARCHITECTURE tree lists for a room: after its step's words and ':', each
    name before a comma, any (description) left out."""
    lines = _architecture_tree().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"  {room}/"))
    text = lines[start]
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        text += " " + line.strip()
    names = re.sub(r"\([^()]*\)", "", text.split(":", 1)[1])
    return {name.strip() for name in names.split(",")}


@pytest.mark.parametrize("room", ROOMS)
def test_the_architecture_tree_names_every_module_of_a_room_and_nothing_else(room):
    assert _listed(room) == _contents(GENERATOR / room)


def test_the_architecture_tree_names_every_module_at_the_top():
    top = {p.name for p in GENERATOR.glob("*.py")}
    named = set(re.findall(r"^  ((?:[\w]+\.py(?:, )?)+)", _architecture_tree(), re.M))
    assert {name for group in named for name in group.split(", ")} == top
    assert {line.split("/")[0].strip() for line in re.findall(r"^  \w+/", _architecture_tree(), re.M)} == set(
        ROOMS
    )


def _readme_tree() -> set[str]:
    """Every path the README's tree of generator/ names, from its indentation: 'render/views/theme.py'."""
    block = README[README.index("\ngenerator/     ") + 1 : README.index("\ncontent/       håndskrevne")]
    found, folders = set(), {0: ""}
    for line in block.splitlines()[1:]:
        match = re.match(r"^( +)((?:[\w]+(?:\.py|/)(?:, )?)+)(?:\s|$)", line)
        if not match:
            continue  # a description continued on its own line
        depth = len(match.group(1)) // 2
        for name in match.group(2).split(", "):
            path = folders[depth - 1] + name
            found.add(path)
            if name.endswith("/"):
                folders[depth] = path
    return found


def test_the_readme_tree_names_every_module_and_nothing_else():
    actual = {p.relative_to(GENERATOR).as_posix() for p in GENERATOR.rglob("*.py") if p.name != "__init__.py"}
    folders = {
        p.relative_to(GENERATOR).as_posix() + "/"
        for p in GENERATOR.rglob("*")
        if p.is_dir() and "__" not in p.name and "node_modules" not in p.parts
    }
    named = _readme_tree()
    assert {n for n in named if n.endswith(".py")} == actual
    assert {n for n in named if n.endswith("/")} == folders


# Where the documents cite a file or folder of the code ("content/kinds.py", "render/views/") or a
# name in a module ("render/plan.build_nav"): it must be there.
_CITED = re.compile(
    r"`((?:generator/)?(?:content|render|publish|editors|mkdocs_glue)/[\w/]*?(?:\.py)?|tests/[\w/]+\.(?:py|txt))"
    r"(?:\.(\w+))?`"
)


def _cited() -> list[tuple[str, str]]:
    return sorted({m.groups("") for m in _CITED.finditer(ARCHITECTURE)})


@pytest.mark.parametrize("path, name", _cited(), ids=lambda v: v or "-")
def test_every_file_and_name_the_architecture_cites_is_there(path, name):
    if name and (ROOT / f"{path}.{name}").is_file():  # a file of the project: `content/assets/meeting.js`
        return
    base = ROOT if path.startswith(("tests/", "generator/")) else GENERATOR
    target = base / path
    if not target.exists() and not path.endswith((".py", "/", ".txt")):
        target = base / f"{path}.py"  # `render/plan.build_nav`: the module render/plan.py
    assert target.exists(), path
    if name:
        source = target.read_text(encoding="utf-8")
        defined = rf"^\s*(def|class)\s+{name}\b|^{name}\s*[:=]|^\s+{name}\s*[:=]"
        assert re.search(defined, source, re.M), f"{path} has no {name}"


def test_the_citations_are_found():
    assert len(_cited()) > 60  # the pattern reads the document


# --- the engine: every part that moves when it changes is named --------------------------------


def _switching() -> str:
    start = ARCHITECTURE.index("Switching `make site` to another engine")
    return ARCHITECTURE[start : ARCHITECTURE.index("`patches.py` is the one place", start)]


_ENGINE_NAME = re.compile(r"mkdocs(\.plugins(\.\w+)*)?")  # the command, or its logger


def _runs_the_engine(path: Path) -> bool:
    """A module that starts MkDocs or reads its log by name (the string "mkdocs" as a value)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    values = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)]
    return any(isinstance(v, str) and _ENGINE_NAME.fullmatch(v) for v in values)


def test_the_engine_recipe_names_every_part_that_moves():
    section = _switching()
    for part in (
        "generator/engine.py",
        "MARKDOWN_BUILTINS",  # the Markdown configuration the engine completes
        "mkdocs_glue/templates/",  # the preview's panels
        "overrides/",
        "Makefile's `serve`",
        "tests/conftest.build_site",
        '"mkdocs"',  # the logger
        "mkdocs.yml",
        "toc.slugify",
    ):
        assert part in section, part
    outside = [
        path.relative_to(GENERATOR).as_posix()
        for path in sorted(GENERATOR.rglob("*.py"))
        if "mkdocs_glue" not in path.parts and _runs_the_engine(path)
    ]
    assert outside  # `make edit` starts `mkdocs serve`
    assert [path for path in outside if f"`{path}`" not in section] == []
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([\w-]+):[^\n]*\n(?:\t[^\n]*\n)*?\t[^\n]*\$\(BIN\)/mkdocs\b", makefile, re.M)
    assert targets and [t for t in targets if f"`{t}`" not in section] == []


def test_the_engine_check_sees_a_module_that_runs_mkdocs(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('import subprocess\nsubprocess.run(["mkdocs", "serve"])\n', encoding="utf-8")
    assert _runs_the_engine(module)
    module.write_text('NAME = "mkdocs.yml is read elsewhere"\n', encoding="utf-8")
    assert not _runs_the_engine(module)


# --- a kind of content, and the size of a page's templates --------------------------------------


def test_the_recipe_for_a_kind_is_what_the_test_that_adds_one_changes(tmp_path):
    from .test_kinds import _add_a_kind

    start = ARCHITECTURE.index("**A kind of content (a new folder).**")
    recipe = ARCHITECTURE[start : ARCHITECTURE.index("**An engine.**", start)]
    assert "Four parts and nothing else: its model, its spec, its view\nand its template." in recipe
    tree = tmp_path / "tree"
    import shutil

    shutil.copytree(
        GENERATOR, tree / "generator", ignore=shutil.ignore_patterns("__pycache__", "node_modules")
    )
    for changed in _add_a_kind(tree):
        where = changed.removeprefix("generator/content/").removeprefix("generator/")
        folder = where.rsplit("/", 1)[0] + "/" if "/" in where else where
        assert f"`{where}`" in recipe or f"`{folder}" in recipe, changed


def _included(template: str, seen: list[str]) -> list[str]:
    if template not in seen:
        seen.append(template)
        text = (GENERATOR / "render" / "templates" / template).read_text(encoding="utf-8")
        for name in re.findall(r"""\{%-?\s*(?:include|import|from)\s+["']([^"']+)["']""", text):
            _included(name, seen)
    return seen


def test_the_size_of_the_theme_page_is_as_the_architecture_says():
    files = _included("theme.md.j2", [])
    tags = sum(
        (GENERATOR / "render" / "templates" / f).read_text(encoding="utf-8").count("{%") for f in files
    )
    assert f"the theme page is {len(files)} files and {tags} tags in all" in ARCHITECTURE
