"""Folders the editor's user cannot read, and files in themes_data/ that are not content.

Unreadable folders must be tested where the permissions apply: the suite runs as root (CI
too), for whom chmod 000 is no obstacle, so the command line then runs without root's power
over permissions (tests/unprivileged.py), on a copy of the content it can break.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import ContentErrors, load_site

from .conftest import DATA, ROOT
from .unprivileged import WITHOUT_ROOT_POWERS


@pytest.fixture
def reachable_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of the real content, to make unreadable."""
    data = tmp_path / "themes_data"
    shutil.copytree(DATA, data)
    try:
        yield data
    finally:
        for folder, _dirs, _files in os.walk(tmp_path):
            os.chmod(folder, 0o755)


def validate_unprivileged(data: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator validate` without root's power over permissions."""
    command = [sys.executable, "-m", "generator", "--data", str(data), "validate"]
    return subprocess.run(
        WITHOUT_ROOT_POWERS + command,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=300,
    )


@pytest.mark.build
def test_the_copy_validates_without_root_powers(reachable_copy):
    result = validate_unprivileged(reachable_copy)
    assert result.returncode == 0, result.stderr
    assert "Indholdet er gyldigt" in result.stdout


@pytest.mark.build
def test_an_unreadable_themes_data_is_a_danish_error_naming_it(reachable_copy):
    reachable_copy.chmod(0)
    result = validate_unprivileged(reachable_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "themes_data/: mappen kan ikke læses (adgang nægtet)" in result.stderr
    assert "PermissionError" not in result.stderr


@pytest.mark.build
def test_an_unreadable_sub_folder_is_named_not_skipped(reachable_copy):
    folder = reachable_copy / "cases" / "bostoette"
    assert any(folder.glob("*.yaml"))
    folder.chmod(0)
    result = validate_unprivileged(reachable_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "themes_data/cases/bostoette/: mappen kan ikke læses (adgang nægtet)" in result.stderr
    assert "filerne i den er ikke kontrolleret" in result.stderr


@pytest.mark.build
def test_a_folder_that_can_be_listed_but_not_entered_is_named(reachable_copy):
    folder = reachable_copy / "cases" / "bostoette"
    folder.chmod(0o644)  # read without execute: names are listed, files cannot be opened
    result = validate_unprivileged(reachable_copy)
    assert result.returncode == 1
    assert "themes_data/cases/bostoette/: mappen kan ikke læses (adgang nægtet)" in result.stderr
    assert "Permission denied" not in result.stderr
    assert "cases/bostoette/" in result.stderr and "filen kan ikke læses" not in result.stderr


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("ny.YAML", "omdøb filen til ny.yaml"),
        ("ny.Yml", "omdøb filen til ny.yml"),
        ("aaby.yaml.bak", "sikkerhedskopi"),
        ("aaby.yml~", "sikkerhedskopi"),
        ("noter.txt", "kun .yaml-filer læses"),
    ],
)
def test_a_file_that_would_not_be_loaded_is_named(minimal_copy, name, hint):
    shutil.copy(minimal_copy / "cases" / "aaby.yaml", minimal_copy / "cases" / name)
    with pytest.raises(ContentErrors) as info:
        load_site(minimal_copy)
    [error] = [e for e in info.value.errors if e.file == f"themes_data/cases/{name}"]
    assert error.message == "filen bliver ikke læst"
    assert hint in error.hint


def test_hidden_files_such_as_editor_swap_files_are_left_alone(minimal_copy):
    for name in (".aaby.yaml.swp", ".#aaby.yaml", ".DS_Store"):
        (minimal_copy / "cases" / name).write_text("x", encoding="utf-8")
    load_site(minimal_copy)  # no error


def test_a_folder_without_content_is_an_error_not_an_empty_site(tmp_path):
    data = tmp_path / "andet"
    (data / "schema").mkdir(parents=True)  # what is left when the content was moved away
    with pytest.raises(ContentErrors) as caught:
        load_site(data)
    assert "intet indhold" in caught.value.report()
    assert "andet/" in caught.value.report()
