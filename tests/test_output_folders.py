"""`site --out DIR` (`make site`) and `build --out DIR` (the export) write only where they may.

A folder that is missing, empty or written by an earlier run of the same command (its
marker; generator/publish/outdir.py); never the project, a folder above it, its content and code
folders or a file; whatever a user keeps there (.git, notes, the engine's site/) survives.
Every refusal is a Danish message, exit 1, no traceback, and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINIMAL, ROOT
from .sitecopy import write_config
from .unprivileged import WITHOUT_ROOT_POWERS

COMMANDS = ("site", "build")


def run(command: str, config: Path, out: str, *, cwd: Path | None = None, prefix=(), **env: str):
    """`python -m generator site|build --out OUT` on the project of `config`."""
    data = config.parent / "themes_data"
    args = ["--data", str(data), command, "--out", out, "--config", str(config)]
    if command == "build":
        args += ["--content", str(config.parent / "docs")]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", **env}
    environment.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=cwd or config.parent,
        env=environment,
        timeout=300,
    )


def tree(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (links not followed) with a digest of its bytes."""
    found = {}
    for here, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(here, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = "-> " + os.readlink(path)
            elif path.is_file():
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[key] = "dir"
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """mkdocs.yml of a small project copy that looks like a clone: .git, content, code."""
    root = tmp_path / "projekt"
    root.mkdir()
    shutil.copytree(MINIMAL, root / "themes_data")
    config = write_config(root, root / "themes_data")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    for name in ("content", "overrides", "generator", "tests"):
        (root / name).mkdir()
        (root / name / "fil.txt").write_text(name, encoding="utf-8")
    return config


def refused(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    said = ("intet er skrevet", "intet er ændret", "Der må ikke skrives")
    assert any(words in result.stderr for words in said), result.stderr
    return result.stderr


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "out",
    [".", "./", "..", "../..", "themes_data", "themes_data/", "themes_data/cases", "content", "overrides",
     "generator", "tests", "docs", "link-to-project", "link-to-project/themes_data", "mkdocs.yml", "home"],
)  # fmt: skip
def test_a_folder_the_command_did_not_make_is_refused_and_left_as_it_was(project, command, out):
    root = project.parent
    (root / "link-to-project").symlink_to(root)
    home = root / "home"  # a home folder: the user's own files
    (home / "Dokumenter").mkdir(parents=True)
    (home / ".bashrc").write_text("# mine\n", encoding="utf-8")
    before = tree(root.parent)
    err = refused(run(command, project, out, cwd=root))
    assert tree(root.parent) == before, err
    assert out.rstrip("/") in err or str(root) in err  # the folder is named


@pytest.mark.parametrize("command", COMMANDS)
def test_the_code_repository_is_refused_too(project, command):
    """The project of a copy (tests) is not the clone the code runs from: that is protected too."""
    for out in (str(ROOT), str(ROOT / "generator"), str(ROOT / "tests" / "ny")):
        refused(run(command, project, out))
    assert not (ROOT / "tests" / "ny").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_non_empty_folder_of_the_other_command_is_refused(project, command):
    """The site build's marker does not let the export in, nor the other way round."""
    other = {"site": "build", "build": "site"}[command]
    out = project.parent / "ud"
    first = run(other, project, str(out))
    assert first.returncode == 0, first.stderr
    before = tree(out)
    err = refused(run(command, project, str(out)))
    assert "mærket" in err
    assert tree(out) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_or_empty_folder_is_written_and_marked_and_a_second_run_may_replace_it(project, command):
    for out in (project.parent / "ny" / "dybt", project.parent / "tom"):
        if out.name == "tom":
            out.mkdir()
        assert run(command, project, str(out) + "/").returncode == 0
        marker = json.loads((out / (".vive-site" if command == "site" else ".vive-export")).read_text())
        assert marker["tool"] == "vive-generator"
        again = run(command, project, str(out))
        assert again.returncode == 0, again.stderr


def test_make_site_removes_only_staging_folders_with_its_own_name_and_marker(project):
    root = project.parent
    assert run("site", project, "site").returncode == 0
    users = {  # names the old code treated as its own
        "site.backup-2024.old": "min sikkerhedskopi",
        "site.abc123.new": "mit udkast",
        "site.vive-0000aaaa.old": "ligner, men har ikke mærket",
    }
    for name, text in users.items():
        (root / name / "sub").mkdir(parents=True)
        (root / name / "sub" / "noter.txt").write_text(text, encoding="utf-8")
    killed = root / "site.vive-1234abcd.new"  # a killed build's staging folder: name and marker
    shutil.copytree(root / "site", killed)
    before = {name: tree(root / name) for name in users}
    assert run("site", project, "site").returncode == 0
    assert not killed.exists()
    assert {name: tree(root / name) for name in users} == before


def test_a_user_folder_named_like_a_backup_is_never_put_back_as_the_site(project):
    """With no site/, the old code renamed any site.*.old to site/ (then replaced and deleted it)."""
    root = project.parent
    backup = root / "site.backup-2024.old"
    backup.mkdir()
    (backup / "noter.txt").write_text("mine", encoding="utf-8")
    result = run("site", project, "site")
    assert result.returncode == 0, result.stderr
    assert "lagt tilbage" not in result.stderr
    assert (backup / "noter.txt").read_text(encoding="utf-8") == "mine"
    assert (root / "site" / "index.html").is_file()


def test_an_old_site_without_the_marker_is_not_replaced(project):
    """A site/ from plain `mkdocs build` or an older version of the tool: the user decides."""
    root = project.parent
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<p>gammel</p>", encoding="utf-8")
    err = refused(run("site", project, "site"))
    assert ".vive-site" in err and "slet den selv" in err
    assert tree(root / "site") == {"index.html": tree(root / "site")["index.html"]}


def test_the_published_site_gets_the_permissions_any_new_folder_gets(project):
    """mkdtemp's 0700 made the swapped-in site/ unreadable for a web server (403)."""
    root = project.parent
    result = subprocess.run(
        [
            "sh",
            "-c",
            'umask 022 && exec "$@"',
            "sh",
            sys.executable,
            "-m",
            "generator",
            "site",
            "--out",
            "site",
        ]
        + ["--config", str(project)],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    site = root / "site"
    modes = {p.relative_to(root).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")]}
    assert modes["site"] == 0o755
    assert {mode for path, mode in modes.items() if (root / path).is_dir()} == {0o755}
    assert {mode for path, mode in modes.items() if (root / path).is_file()} == {0o644}


@pytest.mark.parametrize("read_only", ["site", "site/assets"])
def test_a_read_only_old_site_is_a_danish_message_and_no_copy_is_left_behind(project, read_only):
    root = project.parent
    assert run("site", project, "site").returncode == 0
    (root / read_only).chmod(0o555)
    try:
        before = tree(root)
        err = refused(run("site", project, "site", prefix=WITHOUT_ROOT_POWERS))
        assert "skrivebeskyttet" in err and "chmod" in err
        assert tree(root) == before  # no site.*.old / .new copy beside it
    finally:
        (root / read_only).chmod(0o755)


def test_a_site_in_a_read_only_folder_is_a_danish_message(project):
    parent = project.parent / "laast"
    parent.mkdir(mode=0o555)
    try:
        result = run("site", project, str(parent / "site"), prefix=WITHOUT_ROOT_POWERS)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "Der må ikke skrives" in result.stderr, result.stderr
        assert os.listdir(parent) == []
    finally:
        parent.chmod(0o755)


def test_a_re_export_removes_only_what_the_previous_export_wrote(project):
    root = project.parent
    out = root / "eksport"
    assert run("build", project, str(out)).returncode == 0
    written = json.loads((out / ".vive-export").read_text(encoding="utf-8"))["files"]
    assert "docs/cases/oeby.md" in written and "mkdocs.yml" in written
    # The user's things in the export: a repository, notes, the engine's output, a page of their own.
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref\n", encoding="utf-8")
    (out / "noter.txt").write_text("mine", encoding="utf-8")
    (out / "site" / "cases" / "oeby").mkdir(parents=True)
    (out / "site" / "cases" / "oeby" / "index.html").write_text("<p>bygget</p>", encoding="utf-8")
    (out / "docs" / "mine.md").write_text("# Min side\n", encoding="utf-8")
    kept = {
        k: v for k, v in tree(out).items() if k.split("/")[0] in (".git", "noter.txt", "site") or "mine" in k
    }
    (root / "themes_data" / "cases" / "oeby.yaml").unlink()  # the case is gone from the content …
    for yaml_file in [
        *(root / "themes_data" / "temaer").glob("*.yaml"),
        root / "themes_data" / "kortlaegninger" / "bostoette.yaml",
    ]:
        lines = (
            yaml_file.read_text(encoding="utf-8").replace("[aaby, oeby]", "[aaby]").splitlines(keepends=True)
        )
        yaml_file.write_text("".join(line for line in lines if "oeby" not in line), encoding="utf-8")
    again = run("build", project, str(out))
    assert again.returncode == 0, again.stderr
    assert not (out / "docs" / "cases" / "oeby.md").exists()  # … so its page goes
    assert {k: v for k, v in tree(out).items() if k in kept} == kept
    assert "docs/cases/oeby.md" not in json.loads((out / ".vive-export").read_text(encoding="utf-8"))["files"]


def test_an_export_without_a_manifest_is_not_emptied(project):
    """The old code took any folder with vive_slugs.py for an export and deleted the rest."""
    out = project.parent / "eksport"
    out.mkdir()
    (out / "vive_slugs.py").write_text("# gammel eksport\n", encoding="utf-8")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref\n", encoding="utf-8")
    before = tree(out)
    err = refused(run("build", project, str(out)))
    assert ".vive-export" in err
    assert tree(out) == before


def test_a_manifest_never_reaches_outside_the_export_nor_into_dot_folders(project):
    root = project.parent
    out = root / "eksport"
    assert run("build", project, str(out)).returncode == 0
    (out / ".git").mkdir()
    (out / ".git" / "config").write_text("x", encoding="utf-8")
    (root / "udenfor.txt").write_text("mine", encoding="utf-8")
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("x", encoding="utf-8")
    manifest = json.loads((out / ".vive-export").read_text(encoding="utf-8"))
    manifest["files"] += ["../udenfor.txt", str(root / "udenfor.txt"), ".git/config", "site/index.html"]
    (out / ".vive-export").write_text(json.dumps(manifest), encoding="utf-8")
    assert run("build", project, str(out)).returncode == 0
    assert (root / "udenfor.txt").is_file() and (out / ".git" / "config").is_file()
    assert (out / "site" / "index.html").is_file()


def test_an_export_through_a_symlink_out_of_the_folder_is_refused(project):
    root = project.parent
    out = root / "eksport"
    assert run("build", project, str(out)).returncode == 0
    elsewhere = root / "andetsteds"
    shutil.move(out / "docs", elsewhere)
    (out / "docs").symlink_to(elsewhere)
    (elsewhere / "mine.md").write_text("# Min\n", encoding="utf-8")
    before = tree(elsewhere)
    err = refused(run("build", project, str(out)))
    assert "symbolsk link" in err
    assert tree(elsewhere) == before


def test_exported_files_get_the_permissions_any_new_file_gets(project):
    """write_atomically's mkstemp gave 0600."""
    out = project.parent / "eksport"
    result = subprocess.run(
        ["sh", "-c", 'umask 022 && exec "$@"', "sh", sys.executable, "-m", "generator"]
        + [
            "--data",
            str(project.parent / "themes_data"),
            "build",
            "--out",
            str(out),
            "--config",
            str(project),
        ]
        + ["--content", str(project.parent / "docs")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*") if p.is_file()} == {0o644}


def test_an_export_into_a_read_only_folder_is_a_danish_message(project):
    out = project.parent / "laast"
    out.mkdir(mode=0o555)
    try:
        err = refused(run("build", project, str(out), prefix=WITHOUT_ROOT_POWERS))
        assert "laast" in err and os.listdir(out) == []
    finally:
        out.chmod(0o755)


def test_an_export_that_cannot_be_written_half_way_is_a_danish_message(project):
    """A sub-folder of an earlier export made read-only: the write fails midway."""
    out = project.parent / "eksport"
    assert run("build", project, str(out)).returncode == 0
    (out / "docs" / "cases").chmod(0o555)
    (project.parent / "themes_data" / "cases" / "aaby.yaml").write_text(
        (project.parent / "themes_data" / "cases" / "aaby.yaml")
        .read_text(encoding="utf-8")
        .replace("Åby Kommune", "Åby Kommune Syd"),
        encoding="utf-8",
    )
    try:
        result = run("build", project, str(out), prefix=WITHOUT_ROOT_POWERS)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "Eksporten kunne ikke skrives færdig" in result.stderr
    finally:
        (out / "docs" / "cases").chmod(0o755)
