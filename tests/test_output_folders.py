"""`site --out DIR` (`make site`) and `build --out DIR` (the export) write only where they may.

A folder that is missing, empty or written by an earlier run of the same command (its
marker; generator/publish/outdir.py); never the project, a folder above it, its content and code
folders or a file; whatever a user keeps there (.git, notes, the engine's site/) survives.
Every refusal is a Danish message, exit 1, no traceback, and changes nothing.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .cli import run_generator
from .conftest import MINIMAL, ROOT
from .sitecopy import write_config
from .unprivileged import WITHOUT_ROOT_POWERS

# `site` builds with MkDocs: the build layer; `build` (the export) runs in this process.
COMMANDS = (pytest.param("site", marks=pytest.mark.build), "build")


def run(
    command: str,
    config: Path,
    out: str,
    *,
    cwd: Path | None = None,
    prefix=(),
    interrupt: tuple[str, int, str, str] | None = None,
    **env: str,
):
    """`python -m generator site|build --out OUT` on the project of `config`: in this process
    (tests/cli.py), or a real process where the process is the point: run by another user
    (`prefix`), or stopped for real at a chosen call (`interrupt`, tests/killpoint.py)."""
    data = config.parent / "themes_data"
    args = ["--data", str(data), command, "--out", out, "--config", str(config)]
    if command == "build":
        args += ["--content", str(config.parent / "docs")]
    if not prefix and interrupt is None:
        return run_generator(args, cwd=cwd or config.parent, env={"SOURCE_DATE_EPOCH": None, **env})
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", **env}
    environment.pop("SOURCE_DATE_EPOCH", None)
    module = ["generator"] if interrupt is None else ["tests.killpoint", *map(str, interrupt), "--"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", *module, *args],
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


@pytest.mark.build
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


@pytest.mark.build
def test_make_site_removes_only_staging_folders_it_made_itself(project):
    """A build killed while MkDocs writes leaves its staging folder: the next build removes it.
    Look-alikes stay: names the old code treated as its own, and a copy of the killed build's
    own folder, marker and all (its marker records another folder's inode)."""
    root = project.parent
    assert run("site", project, "site").returncode == 0
    users = {
        "site.backup-2024.old": "min sikkerhedskopi",
        "site.abc123.new": "mit udkast",
        "site.vive-0000aaaa.old": "ligner, men har ikke mærket",
    }
    for name, text in users.items():
        (root / name / "sub").mkdir(parents=True)
        (root / name / "sub" / "noter.txt").write_text(text, encoding="utf-8")
    killed = run("site", project, "site", interrupt=("mkdocs.utils:write_file", 3, "KILL", ""))
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    [staging] = [p for p in root.glob("site.vive-*.new")]
    assert (staging / ".vive-site").is_file() and any(staging.rglob("*.html"))
    copy = root / "site.vive-1234abcd.new"
    shutil.copytree(staging, copy)
    before = {name: tree(root / name) for name in [*users, copy.name]}
    result = run("site", project, "site")
    assert result.returncode == 0, result.stderr
    assert not staging.exists()
    assert {name: tree(root / name) for name in [*users, copy.name]} == before
    assert str(copy) in result.stderr and "ikke rørt" in result.stderr  # named, not removed


@pytest.mark.build
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


@pytest.mark.build
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


@pytest.mark.build
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


@pytest.mark.build
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


def test_a_manifest_never_reaches_outside_the_export_nor_into_version_control(project):
    """A planted manifest, even with the right sizes and hashes, cannot claim a file outside
    the export, in .git/ or in the engine's site/."""
    root = project.parent
    out = root / "eksport"
    assert run("build", project, str(out)).returncode == 0
    (out / ".git").mkdir()
    (out / ".git" / "config").write_text("x", encoding="utf-8")
    (root / "udenfor.txt").write_text("mine", encoding="utf-8")
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("x", encoding="utf-8")
    manifest = json.loads((out / ".vive-export").read_text(encoding="utf-8"))
    planted = {"../udenfor.txt": root / "udenfor.txt", str(root / "udenfor.txt"): root / "udenfor.txt"}
    planted |= {".git/config": out / ".git" / "config", "site/index.html": out / "site" / "index.html"}
    for rel, path in planted.items():
        data = path.read_bytes()
        manifest["files"][rel] = [len(data), hashlib.sha256(data).hexdigest()]
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


@pytest.mark.build
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


@pytest.mark.build
def test_an_export_into_a_read_only_folder_is_a_danish_message(project):
    out = project.parent / "laast"
    out.mkdir(mode=0o555)
    try:
        err = refused(run("build", project, str(out), prefix=WITHOUT_ROOT_POWERS))
        assert "laast" in err and os.listdir(out) == []
    finally:
        out.chmod(0o755)


@pytest.mark.build
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


# Ownership is per file (issue 25): a marker vouches only for the files its manifest lists,
# with the content it lists; whatever else is found is named, kept, and nothing changes.


def manifest_of(folder: Path, marker: str = ".vive-site") -> dict:
    return json.loads((folder / marker).read_text(encoding="utf-8"))


@pytest.mark.build
def test_the_manifest_lists_every_file_the_build_wrote_with_its_size_and_hash(project):
    root = project.parent
    assert run("site", project, "site").returncode == 0
    site = root / "site"
    manifest = manifest_of(site)
    files = {k: v for k, v in tree(site).items() if v != "dir" and k != ".vive-site"}
    assert set(manifest["files"]) == set(files) and "index.html" in files
    for rel, (size, sha) in manifest["files"].items():
        assert (site / rel).stat().st_size == size and files[rel] == sha
    assert manifest["folder_inode"] == site.stat().st_ino


@pytest.mark.build
def test_a_copied_marker_does_not_make_a_web_root_replaceable(project):
    """`cp -r site/. www/` carries the marker into a web root; a later `--out www` deleted
    its .git/, .htaccess and another site's files. Now they are named and nothing changes."""
    root = project.parent
    assert run("site", project, "site").returncode == 0
    www = root / "www"
    (www / ".git").mkdir(parents=True)
    (www / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (www / ".htaccess").write_text("Options -Indexes\n", encoding="utf-8")
    (www / "andet-site").mkdir()
    for n in range(7):
        (www / "andet-site" / f"side{n}.html").write_text("<p>andet</p>", encoding="utf-8")
    shutil.copytree(root / "site", www, dirs_exist_ok=True)
    before = tree(root)
    err = refused(run("site", project, str(www)))
    assert tree(root) == before
    assert ".git/" in err and ".htaccess" in err and "andet-site/" in err
    assert "ikke selv har skrevet" in err and "Flyt dem" in err and "CNAME" in err
    # Loose files are named one by one: the first few and how many in all.
    shutil.rmtree(www / "andet-site")
    for n in range(7):
        (www / f"gammel{n}.html").write_text("<p>gammel</p>", encoding="utf-8")
    err = refused(run("site", project, str(www)))
    assert "(9 i alt)" in err and "gammel0.html" in err


@pytest.mark.build
def test_a_faithful_copy_holds_only_the_builds_files_and_may_be_replaced(project):
    """Ownership is per file: a copy of the site with nothing added is still only ours."""
    root = project.parent
    assert run("site", project, "site").returncode == 0
    shutil.copytree(root / "site", root / "www")
    result = run("site", project, str(root / "www"))
    assert result.returncode == 0, result.stderr
    assert manifest_of(root / "www")["folder_inode"] == (root / "www").stat().st_ino


@pytest.mark.build
@pytest.mark.parametrize(
    ("added", "shown"),
    [("CNAME", "CNAME"), (".nojekyll", ".nojekyll"), (".git/HEAD", ".git/"),
     ("cases/noter.txt", "cases/noter.txt"), ("tom/", "tom/")],
)  # fmt: skip
def test_a_file_put_into_site_is_named_and_kept(project, added, shown):
    root = project.parent
    site = root / "site"
    assert run("site", project, "site").returncode == 0
    path = site / added.rstrip("/")
    if added.endswith("/"):
        path.mkdir()
    else:
        path.parent.mkdir(exist_ok=True)
        path.write_text("vive.example.org\n", encoding="utf-8")
    before = tree(root)
    err = refused(run("site", project, "site"))
    assert tree(root) == before
    assert shown in err, err


@pytest.mark.build
@pytest.mark.parametrize("how", ["changed", "same size", "link"])
def test_a_published_file_changed_by_hand_is_not_replaced(project, how):
    root = project.parent
    site = root / "site"
    assert run("site", project, "site").returncode == 0
    page = site / "om-sitet" / "index.html"
    text = page.read_text(encoding="utf-8")
    if how == "changed":
        page.write_text(text.replace("</body>", "<!-- min rettelse --></body>"), encoding="utf-8")
    elif how == "same size":
        page.write_text(text.replace("<html", "<HTML", 1), encoding="utf-8")
    else:
        page.unlink()
        page.symlink_to(root / "mkdocs.yml")
    before = tree(root)
    err = refused(run("site", project, "site"))
    assert tree(root) == before
    assert "om-sitet/index.html" in err
    assert ("ændret" in err) if how != "link" else ("ikke selv har skrevet" in err)


@pytest.mark.build
def test_a_host_file_from_content_is_carried_into_the_site_and_the_export(project):
    """The README's way to keep CNAME, .nojekyll and _headers: put them in content/ (a dotfile
    needs `exclude_docs: "!.nojekyll"` in mkdocs.yml, for MkDocs leaves out dotfiles)."""
    root = project.parent
    docs = root / "docs"
    host = {
        "CNAME": "kvalitet.example.dk\n",
        ".nojekyll": "",
        "_headers": "/*\n  X-Frame-Options: DENY\n",
        ".well-known/security.txt": "Contact: mailto:redaktion@example.dk\n",
    }
    for name, text in host.items():
        (docs / name).parent.mkdir(exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = project.read_text(encoding="utf-8")
    assert "exclude_docs" not in config
    project.write_text(config + "\nexclude_docs: |\n  !.nojekyll\n  !.well-known/\n", encoding="utf-8")
    for _ in range(2):  # the second build replaces them: they are the build's own now
        result = run("site", project, "site")
        assert result.returncode == 0, result.stderr
    site = root / "site"
    for name, text in host.items():
        assert (site / name).read_text(encoding="utf-8") == text
        assert name in manifest_of(site)["files"]
    out = root / "eksport"
    assert run("build", project, str(out)).returncode == 0
    for name, text in host.items():
        assert (out / "docs" / name).read_text(encoding="utf-8") == text
    assert "!.nojekyll" in (out / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_marker_is_in_neither_the_sitemap_nor_the_search(project):
    root = project.parent
    assert run("site", project, "site").returncode == 0
    site = root / "site"
    assert ".vive-site" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    for path in (site / "pagefind").rglob("*"):
        if path.is_file():
            assert b".vive-site" not in path.read_bytes(), path


def add_case(data: Path, case_id: str, name: str) -> None:
    """A new case in the small project's content, as an editor adds one."""
    text = (data / "cases" / "aaby.yaml").read_text(encoding="utf-8")
    text = text.replace("id: aaby", f"id: {case_id}").replace("Åby", name).replace("/aaby", f"/{case_id}")
    (data / "cases" / f"{case_id}.yaml").write_text(text, encoding="utf-8")
    mapping = data / "kortlaegninger" / "bostoette.yaml"
    listed = mapping.read_text(encoding="utf-8")
    if case_id not in listed:
        mapping.write_text(listed.replace("cases: [aaby, oeby]", f"cases: [aaby, oeby, {case_id}]"), "utf-8")


def test_a_re_export_never_overwrites_a_file_the_user_added_where_a_new_page_goes(project):
    """The user's docs/cases/nyby.md, then an editor adds that case: the export refuses."""
    root = project.parent
    out = root / "eksport"
    assert run("build", project, str(out)).returncode == 0
    (out / "docs" / "cases" / "nyby.md").write_text("# Mine noter om Nyby\n", encoding="utf-8")
    add_case(root / "themes_data", "nyby", "Nyby")
    before = tree(out)
    err = refused(run("build", project, str(out)))
    assert tree(out) == before
    assert "docs/cases/nyby.md" in err and "ikke selv har skrevet" in err
    (out / "docs" / "cases" / "nyby.md").unlink()  # moved away: now the export may write it
    assert run("build", project, str(out)).returncode == 0
    assert "Nyby" in (out / "docs" / "cases" / "nyby.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("gone", [False, True])
def test_a_re_export_never_overwrites_or_removes_an_exported_file_changed_by_hand(project, gone):
    """Overwritten (the page is generated again) or removed (its source is gone): either loses
    the user's edit, so the export refuses."""
    root = project.parent
    out = root / "eksport"
    source = root / "docs" / "assets" / "ekstra.css"
    source.write_text("/* ekstra */\n", encoding="utf-8")
    assert run("build", project, str(out)).returncode == 0
    exported = out / "docs" / "assets" / "ekstra.css"
    exported.write_text("/* min rettelse */\n", encoding="utf-8")
    if gone:
        source.unlink()
    else:
        source.write_text("/* ekstra, ny version */\n", encoding="utf-8")
    before = tree(out)
    err = refused(run("build", project, str(out)))
    assert tree(out) == before
    assert "docs/assets/ekstra.css" in err and "ændret" in err


@pytest.mark.build
def test_an_interrupted_export_is_finished_by_the_next(project):
    """Killed half-way through writing: the manifest lists old and new content, so every file
    is still recognised and the next export completes."""
    root = project.parent
    out = root / "eksport"
    assert run("build", project, str(out)).returncode == 0
    for path in (root / "themes_data").rglob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("Åby", "Åby Syd"), encoding="utf-8")
    killed = run("build", project, str(out), interrupt=("os:replace", 5, "KILL", re.escape(str(out))))
    assert killed.returncode == -signal.SIGKILL
    assert "earlier" in manifest_of(out, ".vive-export")
    assert list(out.rglob(".*.tmp"))  # the file being written when it was killed
    result = run("build", project, str(out))
    assert result.returncode == 0, result.stderr
    assert "earlier" not in manifest_of(out, ".vive-export")
    assert "Åby Syd" in (out / "docs" / "cases" / "aaby.md").read_text(encoding="utf-8")
    assert not list(out.rglob(".*.tmp"))  # announced in the manifest, so known and removed


@pytest.mark.build
@pytest.mark.parametrize("signame", ["KILL", "INT"])
def test_an_interrupted_removal_of_the_old_site_is_finished_by_the_next_build(project, signame):
    """Killed (or Ctrl-C) while the old site is deleted: the marker goes last, so the half-removed
    folder is still recognised; it is finished, never put back as the site."""
    root = project.parent
    assert run("site", project, "site").returncode == 0
    count = len(manifest_of(root / "site")["files"])
    result = run("site", project, "site", interrupt=("os:unlink", 10, signame, r"\.vive-[0-9a-f]{8}\.old/"))
    assert result.returncode == (-signal.SIGKILL if signame == "KILL" else 130), result.stderr
    assert "Traceback" not in result.stderr
    [old] = root.glob("site.vive-*.old")
    marker = manifest_of(old)
    assert marker["removing"] is True and marker["folder_inode"] == old.stat().st_ino
    left = [p for p in old.rglob("*") if p.is_file() and p.name != ".vive-site"]
    assert 0 < len(left) < count
    site = tree(root / "site")
    shutil.rmtree(root / "site")  # even with no site/ at all, the half-removed one is not put back
    again = run("site", project, "site")
    assert again.returncode == 0, again.stderr
    assert "lagt tilbage" not in again.stderr
    assert not old.exists()
    assert tree(root / "site").keys() == site.keys()


@pytest.mark.build
def test_a_build_killed_between_the_two_renames_puts_the_last_site_back(project):
    root = project.parent
    assert run("site", project, "site").returncode == 0
    before = tree(root / "site")
    # The second rename: the staging folder's.
    killed = run("site", project, "site", interrupt=("os:rename", 1, "KILL", r"\.vive-[0-9a-f]{8}\.new$"))
    assert killed.returncode == -signal.SIGKILL
    assert not (root / "site").exists()
    again = run("site", project, "site")
    assert again.returncode == 0, again.stderr
    assert "lagt tilbage" in again.stderr
    assert tree(root / "site").keys() == before.keys()
    assert not list(root.glob("site.vive-*"))


# A site/ that is a mount point (an empty Docker volume mounted there) cannot be renamed: the
# build writes into it file by file. Mounted for real, in a mount namespace of the test's own
# (`unshare --user --map-root-user --mount`: no root needed, and the mount ends with it).


def mount_namespace() -> list[str]:
    for prefix in (["unshare", "--user", "--map-root-user", "--mount"], ["unshare", "--mount"]):
        try:
            probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=60)
        except OSError:
            continue
        if probe.returncode == 0:
            return prefix
    reason = "this kernel allows no mount namespace (unshare --user --map-root-user --mount)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def mounted(volume: Path, at: Path) -> list[str]:
    """A command prefix: bind-mount `volume` at `at`, then run the command in that namespace."""
    script = 'mount --bind "$1" "$2" && shift 2 && exec "$@"'
    return [*mount_namespace(), "sh", "-c", script, "sh", str(volume), str(at)]


@pytest.mark.build
def test_a_site_folder_that_is_a_mount_point_is_written_in_place(project):
    root = project.parent
    volume, site = root / "volume", root / "site"
    volume.mkdir()
    site.mkdir()
    extra = root / "docs" / "assets" / "gammel.css"
    extra.write_text("/* udgået */\n", encoding="utf-8")
    first = run("site", project, "site", prefix=mounted(volume, site))
    assert first.returncode == 0, first.stderr
    assert "monteringspunkt" in first.stderr and str(site) in first.stderr
    assert "make validate" not in first.stderr
    assert (volume / "index.html").is_file() and (volume / "assets" / "gammel.css").is_file()
    assert set(manifest_of(volume)["files"]) == {k for k, v in tree(volume).items() if v != "dir"} - {
        ".vive-site"
    }
    assert tree(site) == {}  # everything went into the volume
    extra.unlink()
    case = root / "themes_data" / "cases" / "oeby.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("Øby Kommune", "Øby Kommune Nord"), "utf-8")
    second = run("site", project, "site", prefix=mounted(volume, site))
    assert second.returncode == 0, second.stderr
    assert not (volume / "assets" / "gammel.css").exists()
    assert "Øby Kommune Nord" in (volume / "cases" / "oeby" / "index.html").read_text(encoding="utf-8")
    assert "earlier" not in manifest_of(volume)
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("site")) == ["site"]
    # Killed while writing in place: the next build knows every file, and finishes.
    case.write_text(case.read_text(encoding="utf-8").replace("Kommune Nord", "Kommune Syd"), "utf-8")
    stop = ("os:replace", 3, "KILL", re.escape(str(site)) + r"/.*\.tmp$")
    killed = run("site", project, "site", prefix=mounted(volume, site), interrupt=stop)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert manifest_of(volume)["writing"] and list(volume.rglob(".*.tmp"))
    third = run("site", project, "site", prefix=mounted(volume, site))
    assert third.returncode == 0, third.stderr
    assert not list(volume.rglob(".*.tmp")) and "writing" not in manifest_of(volume)
    assert "Øby Kommune Syd" in (volume / "cases" / "oeby" / "index.html").read_text(encoding="utf-8")
    (volume / "CNAME").write_text("kvalitet.example.dk\n", encoding="utf-8")
    before = tree(volume)
    err = refused(run("site", project, "site", prefix=mounted(volume, site)))
    assert "CNAME" in err and tree(volume) == before


@pytest.mark.build
def test_the_swap_falls_back_to_writing_in_place_when_the_folder_cannot_be_renamed(tmp_path):
    """The second net behind the mount table: rename says EBUSY, the site is written in place."""
    volume, site = tmp_path / "volume", tmp_path / "site"
    volume.mkdir()
    site.mkdir()
    code = (
        "import sys; from pathlib import Path\n"
        "from generator.publish import outdir, manifest\n"
        "from generator.publish.sitebuild import _swap\n"
        "site = Path(sys.argv[1]); new = outdir.new_folder(site, outdir.SITE, 'new')\n"
        "(new / 'index.html').write_text('ny', encoding='utf-8')\n"
        "files = manifest.digest_files(new, manifest.files_in(new, outdir.SITE))\n"
        "outdir.SITE.write(new, files)\n"
        "print(_swap(new, site, files))\n"
    )
    result = subprocess.run(
        [*mounted(volume, site), sys.executable, "-c", code, str(site)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "monteringspunkt" in result.stdout
    assert (volume / "index.html").read_text(encoding="utf-8") == "ny"
    assert "index.html" in manifest_of(volume)["files"]


# Paths the file system refuses are Danish messages too, never `OSError: [Errno 36]`.


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("out", ["x" * 300, "ny/" + "y" * 300 + "/dybt", "mkdocs.yml/ny", "ring/ny"])
def test_an_output_path_the_file_system_cannot_take_is_a_danish_message(project, command, out):
    root = project.parent
    (root / "ring").symlink_to(root / "ring")
    before = tree(root)
    err = refused(run(command, project, out))
    assert tree(root) == before
    assert "Errno" not in err and "OSError" not in err
    assert any(words in err for words in ("tillader højst", "er en fil", "symbolske links peger i ring")), err


def test_a_site_name_that_leaves_no_room_for_the_staging_suffix_is_refused_before_building(project):
    root = project.parent
    err = refused(run("site", project, "z" * 250))
    assert "midlertidige mappe" in err and "Errno" not in err
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("z")) == []
    result = run("build", project, "z" * 250)  # the export makes no staging folder: it fits
    assert result.returncode == 0, result.stderr


@pytest.mark.build
def test_two_exports_into_one_folder_take_turns(project):
    """A second export waits for the first (a lock on the folder), so the manifest one writes
    is never lost under the other's files. Seen in /proc/locks, not timed."""
    root = project.parent
    out = root / "eksport"
    assert run("build", project, str(out)).returncode == 0
    before = tree(out)
    fd = os.open(out, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a first export holds it
    try:
        data = root / "themes_data"
        args = [
            "--data",
            str(data),
            "build",
            "--out",
            str(out),
            "--config",
            str(project),
            "--content",
            str(root / "docs"),
        ]
        case = data / "cases" / "oeby.yaml"
        case.write_text(case.read_text(encoding="utf-8").replace("Øby Kommune", "Øby Kommune Vest"), "utf-8")
        second = subprocess.Popen(
            [sys.executable, "-m", "generator", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        deadline = time.monotonic() + 300
        while not any(
            "-> FLOCK" in line and f" {second.pid} " in line
            for line in Path("/proc/locks").read_text().splitlines()
        ):
            assert second.poll() is None, second.communicate()
            assert time.monotonic() < deadline, "the second export never waited for the lock"
            time.sleep(0.01)
        assert tree(out) == before  # waiting, it has written nothing
    finally:
        os.close(fd)
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert "Øby Kommune Vest" in (out / "docs" / "cases" / "oeby.md").read_text(encoding="utf-8")
