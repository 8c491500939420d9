"""Nothing lost, nothing half-published, and the same sources give the same bytes.

These run `python -m generator site`, the command `make site` runs, in a subprocess.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.publish.sitebuild import source_date_epoch

from .cli import run_generator
from .conftest import MINIMAL, ROOT
from .sitecopy import write_config


def snapshot(site: Path) -> dict[str, str]:
    """Every file under `site` with the SHA-256 of its bytes."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def make_site(config: Path, out: Path, *, real: bool = False, **env: str) -> subprocess.CompletedProcess[str]:
    """What `make site` runs, with the config and output folder of a test copy: in this process
    (tests/cli.py), or as a real process (`real`) where the process is the point."""
    args = ["site", "--out", str(out), "--config", str(config)]
    if not real:
        return run_generator(args, cwd=config.parent, env={"SOURCE_DATE_EPOCH": None, **env})
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    environment.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env=environment,
        timeout=300,
    )


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    """(mkdocs.yml, themes_data/) of a small project copy."""
    data = tmp_path / "themes_data"
    shutil.copytree(MINIMAL, data)
    return write_config(tmp_path, data), data


def test_the_makefile_builds_the_site_through_the_atomic_build():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nsite:", 1)[1].split("\n\n", 1)[0]
    assert "python -m generator site --out site" in recipe
    assert "mkdocs build" not in recipe


@pytest.mark.build
def test_a_content_error_leaves_the_published_site_byte_for_byte_unchanged(project):
    config, data = project
    site = config.parent / "site"
    first = make_site(config, site)
    assert first.returncode == 0, first.stderr
    before = snapshot(site)
    assert "index.html" in before and "cases/aaby/index.html" in before

    theme = data / "temaer" / "01-fleksibel.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("nummer: 1", "nummer: 01"), encoding="utf-8")
    failed = make_site(config, site, real=True)  # the command's exit code and message, as a process

    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr + failed.stdout
    assert "themes_data/temaer/01-fleksibel.yaml:" in failed.stderr
    assert "'01' er ikke et heltal" in failed.stderr
    assert "Sitet blev ikke bygget. Det udgivne site/ er ikke ændret." in failed.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in config.parent.iterdir() if p.name.startswith("site")) == ["site"]


@pytest.mark.build
def test_a_failure_after_mkdocs_has_emptied_its_output_leaves_the_site_unchanged(project):
    """A broken link aborts the strict build while rendering, after MkDocs cleaned site_dir."""
    config, _ = project
    site = config.parent / "site"
    assert make_site(config, site).returncode == 0
    before = snapshot(site)
    (config.parent / "docs" / "om-sitet.md").write_text("# Om\n\n[væk](findes-ikke.md)\n", encoding="utf-8")
    failed = make_site(config, site)
    assert failed.returncode == 1
    assert "findes-ikke.md" in failed.stderr and "Traceback" not in failed.stderr
    assert snapshot(site) == before


@pytest.mark.build
def test_a_successful_build_replaces_the_site(project):
    config, data = project
    site = config.parent / "site"
    extra = config.parent / "docs" / "assets" / "gammel.css"
    extra.write_text("/* udgået */\n", encoding="utf-8")
    assert make_site(config, site).returncode == 0
    assert (site / "assets" / "gammel.css").is_file()
    extra.unlink()  # a file the last build published and this one does not
    case = data / "cases" / "oeby.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("Øby Kommune", "Øby Kommune Nord"), "utf-8")
    assert make_site(config, site).returncode == 0
    assert not (site / "assets" / "gammel.css").exists()
    assert "Øby Kommune Nord" in (site / "cases" / "oeby" / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path):
    """The real site, built twice: sitemap dates and the gzip header come from SOURCE_DATE_EPOCH."""
    first, second = tmp_path / "a" / "site", tmp_path / "b" / "site"
    for out in (first, second):  # two processes: each with its own hash seed (set order)
        result = make_site(ROOT / "mkdocs.yml", out, real=True)
        assert result.returncode == 0, result.stderr
    one, two = snapshot(first), snapshot(second)
    assert len(one) > 50
    # The marker records the inode of its folder (how the build knows its own folders): the
    # one file that differs. The files it lists, and their content, are the same.
    one.pop(".vive-site"), two.pop(".vive-site")
    assert one == two
    manifests = [json.loads((site / ".vive-site").read_text(encoding="utf-8")) for site in (first, second)]
    assert manifests[0]["files"] == manifests[1]["files"]
    assert set(manifests[0]["files"]) == set(one)
    epoch = int(source_date_epoch(ROOT))
    with (first / "sitemap.xml.gz").open("rb") as handle:
        header = handle.read(10)
    # MkDocs stamps the gzip header with the date (UTC midnight) of the newest page.
    assert int.from_bytes(header[4:8], "little") == epoch - epoch % 86400
    assert gzip.decompress((first / "sitemap.xml.gz").read_bytes()) == (first / "sitemap.xml").read_bytes()


@pytest.mark.build
def test_plain_mkdocs_build_shows_the_danish_report_without_traceback(project):
    """Editors who run `mkdocs build` themselves see the same messages (PluginError)."""
    config, data = project
    (data / "cases" / "oeby.yaml").write_text("id: oeby\nnavn: [\n", encoding="utf-8")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "-f",
            str(config),
            "-d",
            str(config.parent / "o"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Indholdet i themes_data/ har fejl:" in result.stderr
    assert "themes_data/cases/oeby.yaml:3:1: ugyldig YAML" in result.stderr
