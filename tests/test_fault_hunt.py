"""The fault hunt's findings that are about building: each reproduced for real.

A source address with an unmatched parenthesis, a Jinja syntax error in overrides/, a disk
that fills up during the build (a small tmpfs), and a build killed between the two renames
of the swap (SIGKILL from an audit hook at the second rename).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import ContentErrors, generate, load_site

from . import layers
from .conftest import MINIMAL, ROOT
from .sitecopy import write_config
from .test_sitebuild import make_site, snapshot


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "themes_data"
    shutil.copytree(MINIMAL, data)
    return write_config(tmp_path, data), data


def set_url(data: Path, url: str) -> None:
    source = data / "kilder" / "rapport.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("url: https://example.org/rapport", f"url: {url}"), encoding="utf-8")


@pytest.mark.parametrize(
    "url", ["https://www.odense.dk/a)b", "https://www.odense.dk/a(b", "https://x.dk/(a))("]
)
def test_a_source_address_with_an_unmatched_parenthesis_is_refused(minimal_copy, url):
    set_url(minimal_copy, url)
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    [error] = info.value.errors
    assert (error.file, error.field, error.line) == ("themes_data/kilder/rapport.yaml", "url", 6)
    assert "parentes uden sin partner" in error.message and "%29" in error.message


def test_a_source_address_with_balanced_parentheses_is_published_whole(minimal_copy):
    import markdown

    set_url(minimal_copy, "https://da.wikipedia.org/wiki/Bost%C3%B8tte_(Danmark)")
    page = generate(minimal_copy).files["kilder.md"]
    html = markdown.markdown(page)
    assert 'href="https://da.wikipedia.org/wiki/Bost%C3%B8tte_(Danmark)"' in html


@pytest.mark.build
def test_a_jinja_syntax_error_in_overrides_names_file_and_line(project):
    config, _ = project
    overrides = config.parent / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    text = config.read_text(encoding="utf-8").replace(
        f"custom_dir: {ROOT / 'overrides'}", f"custom_dir: {overrides}"
    )
    config.write_text(text, encoding="utf-8")
    site = config.parent / "site"
    assert make_site(config, site).returncode == 0
    before = snapshot(site)
    partial = overrides / "partials" / "copyright.html"
    lines = partial.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "{% if %}")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")

    failed = make_site(config, site)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "Skabelonen overrides/partials/copyright.html:2 har en syntaksfejl" in failed.stderr, failed.stderr
    assert snapshot(site) == before


def tree_bytes(folder: Path) -> int:
    """Space the tree takes on disk (whole blocks: the search index is many small files)."""
    return sum(f.stat().st_blocks * 512 for f in folder.rglob("*"))


@pytest.fixture
@layers.builds
def small_disk(project: tuple[Path, Path], tmp_path: Path) -> Iterator[Path]:
    """A real file system of its own, with room for the site once and a half: a tmpfs."""
    config, _ = project
    probe = tmp_path / "probe" / "site"
    assert make_site(config, probe).returncode == 0
    mount = tmp_path / "disk"
    mount.mkdir()
    size = tree_bytes(probe) * 3 // 2 + 1024 * 1024
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True, text=True
    )
    assert result.returncode == 0, f"tmpfs kunne ikke monteres (testen kræver root): {result.stderr}"
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_gives_a_danish_message_and_leaves_the_site(project, small_disk):
    config, _ = project
    site = small_disk / "site"
    first = make_site(config, site)
    assert first.returncode == 0, first.stderr
    before = snapshot(site)
    filler = small_disk / "fyld"
    try:  # fill what is left, as other files on a busy disk would
        with filler.open("wb") as handle:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
    except OSError as exc:
        assert exc.errno == errno.ENOSPC, exc
    failed = make_site(config, site)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr, failed.stderr
    assert "Der er ikke mere plads på disken" in failed.stderr
    assert "Det udgivne site/ er ikke ændret" in failed.stderr
    assert snapshot(site) == before
    assert {p.name for p in small_disk.iterdir()} - {"fyld"} == {"site"}  # no staging folder left


KILL_AT_SECOND_RENAME = """
import os, runpy, signal, sys
renamed = []
def hook(event, args):
    if event == "os.rename" and str(args[0]).endswith("/site"):
        renamed.append(args)
    elif event == "os.rename" and renamed and str(args[1]).endswith("/site"):
        os.kill(os.getpid(), signal.SIGKILL)  # between the swap's two renames
sys.addaudithook(hook)
sys.argv = ["generator", *sys.argv[1:]]
runpy.run_module("generator", run_name="__main__")
"""


@pytest.mark.build
def test_a_build_killed_between_the_renames_is_recovered_by_the_next_build(project):
    config, data = project
    site = config.parent / "site"
    assert make_site(config, site).returncode == 0
    before = snapshot(site)
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT_SECOND_RENAME, "site", "--out", str(site), "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert killed.returncode == -9, killed.stderr
    assert not site.exists()
    names = sorted(p.name.rsplit(".", 1)[-1] for p in config.parent.glob("site.*"))
    assert names == ["new", "old"]

    # The next build fails (a content error), yet the last good site comes back.
    theme = data / "temaer" / "01-fleksibel.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("nummer: 1", "nummer: 01"), encoding="utf-8")
    failed = make_site(config, site)
    assert failed.returncode == 1
    assert "det sidst udgivne site/ er lagt tilbage" in failed.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in config.parent.iterdir() if p.name.startswith("site")) == ["site"]
