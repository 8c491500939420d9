"""Every option is honoured or refused (issue 25): generated over the parser's own options.

`--data OTHER site` validated OTHER but built themes_data/; `build --content contnet` exited 0
without the hand-written pages. Here every command the parser has is run with every path
option it takes: a folder or file that is not there is a Danish error naming the option and
the path, exit 1, nothing written; and `--data`, which stands before every command, changes
what every command reads or writes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.__main__ import PATH_OPTIONS, build_parser, main
from generator.content.loader import content_files

from .conftest import MINIMAL, ROOT
from .sitecopy import write_config
from .unprivileged import WITHOUT_ROOT_POWERS


def leaf_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], list]:
    """Each runnable command (`site`, `new case` …) with the options it takes, the global ones too."""
    found: dict[tuple[str, ...], list] = {}
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return {path: list(parser._actions)}
    for name, sub in subs[0].choices.items():
        found.update(leaf_commands(sub, (*path, name)))
    return found


PARSER = build_parser()
GLOBAL = [a for a in PARSER._actions if a.option_strings and a.dest != "help"]
COMMANDS = {command: [*GLOBAL, *actions] for command, actions in leaf_commands(PARSER).items()}
# What each command needs besides the path options to run at all.
REQUIRED = {
    ("new", "theme"): ["--kortlaegning", "bostoette", "--titel", "Nyt tema"],
    ("new", "case"): ["--kortlaegning", "bostoette", "--navn", "Nyby Kommune", "--type", "kommune"],
}


def path_options(command: tuple[str, ...]) -> list[argparse.Action]:
    return [a for a in COMMANDS[command] if a.type is Path]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project: mkdocs.yml, themes_data/ and docs/ of its own."""
    data = tmp_path / "themes_data"
    shutil.copytree(MINIMAL, data)
    return write_config(tmp_path, data)


def argv(command: tuple[str, ...], project: Path, **given: str) -> list[str]:
    """The command with every path option it takes set: to the project's, or as `given`."""
    root = project.parent
    values = {
        "data": str(root / "themes_data"),
        "content": str(root / "docs"),
        "config": str(project),
        "out": str(root / "ud"),
    }
    values.update(given)
    options = {a.dest: a.option_strings[0] for a in path_options(command)}
    front = ["--data", values["data"]] if "data" in options else []
    own = [x for dest, flag in options.items() if dest != "data" for x in (flag, values[dest])]
    return [*front, *command, *own, *REQUIRED.get(command, [])]


def snapshot(*folders: Path) -> dict[str, str]:
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return found


def test_every_path_option_of_every_command_has_a_role():
    """A new option that takes a path must say what it is (generator/__main__.py: PATH_OPTIONS)."""
    for command in COMMANDS:
        for action in path_options(command):
            assert action.dest in PATH_OPTIONS, (command, action.option_strings)
    assert {a.dest for c in COMMANDS for a in path_options(c)} == set(PATH_OPTIONS)


CASES = [
    (command, action.dest, kind)
    for command in COMMANDS
    for action in path_options(command)
    if PATH_OPTIONS[action.dest] != "output"
    for kind in ("missing", "wrong kind", "too long", "links in a loop")
]
# What the message says for each kind of path the system refuses.
SAID = {
    "missing": "findes ikke",
    "too long": "navnet er længere, end filsystemet tillader",
    "links in a loop": "symbolske links peger i ring",
}


@pytest.mark.parametrize(
    ("command", "dest", "kind"), CASES, ids=lambda v: " ".join(v) if isinstance(v, tuple) else v
)
def test_a_path_that_is_not_there_or_not_usable_is_a_danish_error_naming_it(
    project, capsys, command, dest, kind
):
    root = project.parent
    role = PATH_OPTIONS[dest]
    if kind == "missing":
        bad = root / ("contnet" if dest == "content" else f"{dest}-findes-ikke")
    elif kind == "wrong kind":  # a file given for a folder, a folder for a file
        bad = project if role == "folder" else root / "docs"
    elif kind == "too long":
        bad = root / ("x" * 300)
    else:
        bad = root / "ring"
        bad.symlink_to(bad)
    before = snapshot(root, ROOT / "themes_data", ROOT / "content")
    code = main(argv(command, project, **{dest: str(bad)}))
    err = capsys.readouterr().err
    assert code == 1, err
    shown = str(bad) if kind != "too long" else str(bad)[:60]
    assert shown in err and (role == "file" or f"--{dest} {shown}" in err), err
    expected = SAID.get(kind) or ("er en fil" if role == "folder" else "er en mappe")
    assert expected in err and "Traceback" not in err and "Errno" not in err
    assert snapshot(root, ROOT / "themes_data", ROOT / "content") == before


def other_content(project: Path) -> Path:
    """A second content folder beside the project's: one case has another name."""
    other = project.parent / "andet"
    shutil.copytree(project.parent / "themes_data", other)
    case = other / "cases" / "oeby.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("Øby Kommune", "Øby i den anden mappe"), "utf-8")
    return other


def _page(root: Path, *parts: str) -> str:
    return root.joinpath(*parts).read_text(encoding="utf-8")


# What shows that a command used the content folder --data gave it (`andet/`), not the project's.
USED_OTHER = {
    ("build",): lambda root, out: "Øby i den anden mappe" in _page(root, "ud", "docs", "cases", "oeby.md"),
    ("validate",): lambda root, out: "2 cases" in out,
    ("coverage",): lambda root, out: "oeby" in out,
    ("site",): lambda root, out: "Øby i den anden mappe" in _page(root, "ud", "cases", "oeby", "index.html"),
    ("schema",): lambda root, out: any((root / "andet" / "schema").glob("*.schema.json")),
    ("new", "theme"): lambda root, out: any((root / "andet").rglob("*nyt-tema.yaml")),
    ("new", "case"): lambda root, out: any((root / "andet").rglob("nyby-kommune.yaml")),
    ("format",): lambda root, out: f"af {len(content_files(root / 'andet'))} filer formateret" in out,
}
# Commands that refuse --data, in Danish: the content editor saves into the project's own folder.
REFUSE_DATA = {("edit",)}


@pytest.mark.build
def test_every_command_is_checked_for_what_data_gives_it():
    assert set(USED_OTHER) | REFUSE_DATA == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(REFUSE_DATA), ids=" ".join)
def test_a_command_that_cannot_use_data_refuses_it_in_danish(project, command, capsys):
    assert main(["--data", str(project.parent / "themes_data"), *command]) == 1
    err = capsys.readouterr().err
    assert "--data kan ikke bruges" in err and "intet er startet" in err


@pytest.mark.build
@pytest.mark.parametrize("command", sorted(USED_OTHER), ids=" ".join)
def test_data_before_any_command_is_what_the_command_uses(project, command):
    """--data stands before the command, so every command takes it, and none may ignore it:
    `--data OTHER site` validated OTHER but built mkdocs.yml's content folder."""
    root = project.parent
    other_content(project)
    own = snapshot(root / "themes_data")
    result = subprocess.run(
        [sys.executable, "-m", "generator", *argv(command, project, data=str(root / "andet"))],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert USED_OTHER[command](root, result.stdout), result.stdout + result.stderr
    assert snapshot(root / "themes_data") == own


def test_an_option_a_command_does_not_take_is_refused_in_danish(capsys):
    for words in (["site", "--content", "x"], ["validate", "--out", "x"], ["coverage", "--config", "x"]):
        with pytest.raises(SystemExit) as exit_:
            main(words)
        err = capsys.readouterr().err
        assert exit_.value.code == 1
        assert "ukendt tilvalg for denne kommando" in err and words[1] in err


@pytest.mark.build
def test_a_file_the_system_will_not_read_midway_is_a_danish_message(project):
    """The last net: an OSError while a command works (here an unreadable page in --content,
    read as the export is put together) is said in Danish, exit 1, no traceback, nothing written."""
    root = project.parent
    page = root / "docs" / "om-sitet.md"
    page.chmod(0)
    try:
        result = subprocess.run(
            [*WITHOUT_ROOT_POWERS, sys.executable, "-m", "generator", *argv(("build",), project)],
            capture_output=True,
            text=True,
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=300,
        )
    finally:
        page.chmod(0o644)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Errno" not in result.stderr
    assert f"{page}: adgang nægtet" in result.stderr
    assert not (root / "ud").exists()
