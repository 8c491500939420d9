"""What `validate` says is what the build does (issue 17): a relative link or anchor in YAML text
that MkDocs' strict build would stop on is a content error at validate, and one it accepts is
accepted. A missing or broken mkdocs.yml is said in Danish."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from generator import ContentErrors, load_site, pipeline

from .conftest import ROOT, build_site, project_config
from .sitecopy import write_config

TEXT = "Kommunen tilbyder **gruppeforløb**."  # a Markdown field of cases/aaby.yaml (cases/aaby.md)

GOOD = [
    "../bostoette/sundhed.md",  # another page
    "../bostoette/sundhed.md#borgerne",  # a section of it (a perspective's id)
    "oeby.md",  # a page in the same folder
    "#praksiseksempler",  # a section of this page (the template's own)
    "#morgenmoeder-i-aaby",  # a practice example's anchor (its title, slugged)
    "../om-kortlaegningerne.md#pejlemaerker",  # a hand-written page's section
    "../assets/site.css",  # a file that is not a page
    "../bostoette/index.md",
]
DEAD = [
    "../bostoette/sundhd.md",  # a page that does not exist
    "../bostoette/sundhed.md#borgrne",  # a section that does not exist
    "#ingen-saadan",  # a section of this page that does not exist
    "../bostoette/sundhed/",  # the page's URL, not its file
    "/cases/oeby/",  # absolute: breaks when the site lives below a path
    "../om-kortlaegningerne.md#ingen",
    "../assets/mangler.css",
]


def _with_links(data: Path, targets: list[str]) -> Path:
    path = data / "cases" / "aaby.yaml"
    links = " ".join(f"[link {i}]({t})" for i, t in enumerate(targets))
    path.write_text(path.read_text(encoding="utf-8").replace(TEXT, f"'{TEXT} {links}'"), encoding="utf-8")
    return path


def _project(tmp_path: Path, minimal_copy: Path):
    config_file = write_config(tmp_path, minimal_copy)
    return config_file, project_config(config_file)


@pytest.mark.build
def test_links_the_build_accepts_pass_validate_and_build(tmp_path, minimal_copy):
    config_file, config = _project(tmp_path, minimal_copy)
    _with_links(minimal_copy, GOOD)
    load_site(minimal_copy, config)  # no error
    site = build_site(tmp_path / "site", config_file=config_file)  # strict: no warning
    assert 'href="../../bostoette/sundhed/#borgerne"' in (site / "cases/aaby/index.html").read_text()


@pytest.mark.build
def test_each_dead_link_is_an_error_at_validate_and_a_warning_of_the_build(
    tmp_path, minimal_copy, monkeypatch, caplog
):
    config_file, config = _project(tmp_path, minimal_copy)
    path = _with_links(minimal_copy, DEAD)
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy, config)
    errors = info.value.errors
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index(next(ln for ln in path.read_text(encoding="utf-8").splitlines() if "link 0" in ln))
    )
    for target in DEAD:
        [error] = [e for e in errors if f"'{target}'" in e.message]
        assert (error.file, error.line, error.field) == (
            "themes_data/cases/aaby.yaml",
            line + 1,
            "beskrivelse[1].tekst",
        ), error.format()
    assert len(errors) == len(DEAD)
    # The real MkDocs, with the check switched off, stops on every one of them.
    monkeypatch.setattr(pipeline, "internal_link_errors", lambda content, rendered, docs_dir, converter: [])
    caplog.set_level(logging.INFO, logger="mkdocs")
    with pytest.raises(Abort):
        build_site(tmp_path / "site", config_file=config_file)
    warned = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    for target in DEAD:
        assert f"'{target}'" in warned or f"#{target.split('#')[-1]}'" in warned, (target, warned)


def _site_command(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator", "site"],
        capture_output=True,
        text=True,
        cwd=project,
        env=env,
        timeout=600,
    )


@pytest.mark.build
@pytest.mark.parametrize(
    ("config", "said"),
    [
        (None, "mkdocs.yml: filen findes ikke"),
        ("site_name: x\ntheme: [\n", "mkdocs.yml:3:1: ugyldig YAML"),
        ("- a\n- b\n", "mkdocs.yml:1:1: filen skal bestå af indstillinger"),
        ("site_name: x\nmarkdown_extensions: toc\n", "markdown_extensions skal være en liste"),
        ("markdown_extensions:\n  - toc:\n      slugify: !!python/name:nope.nix\n", "'!!python/name:nope"),
    ],
    ids=["missing", "syntax", "not-settings", "extensions-not-a-list", "unknown-python-name"],
)
def test_a_missing_or_broken_mkdocs_yml_is_said_in_danish(tmp_path, config, said):
    _says_in_danish(tmp_path, config, said)


@pytest.mark.build
@pytest.mark.parametrize(
    ("config", "said"),
    [
        ("site_name: x\ndocs_dir: sider\n", "mkdocs.yml:2:1: feltet 'docs_dir': mappen"),
        (
            "site_name: x\nplugins:\n  - findesikke\n",
            "feltet 'plugins': pluginet 'findesikke'",
        ),
        ("site_name: x\nmarkdown_extensions:\n  - nix\n", "Markdown-udvidelsen 'nix' findes ikke"),
        ("site_name: x\ntheme:\n  name: nix\n", "mkdocs.yml:2:1: feltet 'theme': temaet 'nix' er ikke"),
        (
            "site_name: x\nsite_nme: y\n",
            "mkdocs.yml:2:1: feltet 'site_nme': ukendt indstilling — mente du 'site_name'",
        ),
        ("docs_dir: docs\n", "mkdocs.yml: feltet 'site_name': skal udfyldes"),
    ],
    ids=["docs-dir", "plugin", "extension", "theme", "unknown-setting", "no-site-name"],
)
def test_what_mkdocs_finds_wrong_in_mkdocs_yml_is_said_in_danish(tmp_path, config, said):
    (tmp_path / "docs").mkdir()
    _says_in_danish(tmp_path, config, said)


def _says_in_danish(tmp_path: Path, config: str | None, said: str) -> None:
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = _site_command(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("mkdocs.yml") and said in lines[0], result.stderr
    assert "Ret fejlene ovenfor" not in result.stderr  # never the summary with nothing above it
    assert not (tmp_path / "site").exists()
