"""The search step: Pagefind over any folder of HTML, in every build that publishes."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.render.search_index import ALLOCATOR, BUNDLE_DIRS, MARKER, VOCABULARY, pagefind_env

from .conftest import ROOT
from .pagefind_bundle import fragments
from .test_sitebuild import make_site, project, snapshot  # noqa: F401 - `project` is a fixture

PAGE = """<!doctype html>
<html lang="da"><head><title>{title}</title></head>
<body><nav>Menu</nav><main data-pagefind-body><h1>{title}</h1>
<h2 id="afsnit">Afsnit <a class="headerlink" href="#afsnit">¶</a></h2><p>{text}</p></main></body></html>
"""


def run_cli(folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.render.search_index", str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=300,
    )


def test_pagefind_gives_freed_memory_back_at_once_unless_told_otherwise():
    """jemalloc in Pagefind's binary keeps freed memory for 10 s unless told (BENCHMARKS.md: the
    peak at 5,000 cases, 620 → 491 MB); a setting of the user's own is kept."""
    assert pagefind_env({"PATH": "/bin"}) == {"PATH": "/bin", ALLOCATOR[0]: ALLOCATOR[1]}
    assert pagefind_env({ALLOCATOR[0]: "narenas:1"}) == {ALLOCATOR[0]: "narenas:1"}


@pytest.mark.build
def test_the_installed_pagefind_reads_the_allocator_setting():
    """The setting works only while Pagefind's binary allocates with jemalloc, which reads it (it
    prints its statistics when told to): an upgrade that changes that fails here, not unseen."""
    from pagefind_bin import get_executable

    name, _ = ALLOCATOR
    env = {**os.environ, name: "stats_print:true"}
    proc = subprocess.run(
        [get_executable(), "--version"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0 and "jemalloc statistics" in proc.stdout + proc.stderr


@pytest.mark.build
def test_the_command_indexes_any_folder_of_html(tmp_path):
    """Another engine's output works too: only the HTML counts."""
    (tmp_path / "netvaerk").mkdir()
    (tmp_path / "index.html").write_text(PAGE.format(title="Forside", text="Velkommen."), "utf-8")
    (tmp_path / "netvaerk" / "index.html").write_text(
        PAGE.format(title="Netværket", text="Pårørende og venner betyder meget."), "utf-8"
    )
    result = run_cli(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Søgeindekset er bygget" in result.stderr
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert not list((tmp_path / "pagefind").glob("pagefind-ui.*"))  # the site has its own UI
    indexed = fragments(tmp_path)
    assert set(indexed) == {"/", "/netvaerk/"}
    page = indexed["/netvaerk/"]
    assert page["meta"]["title"] == "Netværket"
    assert "Pårørende og venner" in page["content"]
    assert "Menu" not in page["content"]  # only what data-pagefind-body marks
    assert "¶" not in page["content"]  # permalinks are interface text
    assert {a["id"] for a in page["anchors"]} >= {"afsnit"}


def bundle_files(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}


@pytest.mark.build
def test_a_new_index_replaces_the_old_one_only_when_it_is_complete(tmp_path):
    """The live preview serves the site while Pagefind rebuilds: the old bundle stays in place
    until the new one is whole, a failed run keeps it, and a removed page leaves no fragment."""
    for name, title in (("netvaerk", "Netværket"), ("sundhed", "Sundhed")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(PAGE.format(title=title, text="Tekst."), "utf-8")
    (tmp_path / "index.html").write_text(PAGE.format(title="Forside", text="Velkommen."), "utf-8")
    assert run_cli(tmp_path).returncode == 0
    before = bundle_files(tmp_path)

    failed = run_cli(tmp_path, PAGEFIND_GLOB="ingen/*.html")
    assert failed.returncode == 1, failed.stderr
    assert bundle_files(tmp_path) == before

    (tmp_path / "sundhed" / "index.html").unlink()
    assert run_cli(tmp_path).returncode == 0
    assert set(fragments(tmp_path)) == {"/", "/netvaerk/"}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("pagefind")) == ["pagefind"]


@pytest.mark.build
def test_a_folder_without_html_is_a_danish_error(tmp_path):
    result = run_cli(tmp_path)
    assert result.returncode == 1
    assert "Søgningen kan ikke bygges" in result.stderr and "ingen HTML-sider" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.build
def test_a_failed_search_step_publishes_nothing(project):  # noqa: F811 - the fixture
    """Pagefind stops with an error (here: told by its own setting to read no files):
    the build fails in Danish and the published site stays as it was."""
    config, _ = project
    site = config.parent / "site"
    assert make_site(config, site).returncode == 0
    before = snapshot(site)
    assert any(name.startswith("pagefind/") for name in before)

    failed = make_site(config, site, PAGEFIND_GLOB="ingen/*.html")

    assert failed.returncode == 1
    assert "Søgningen kunne ikke bygges" in failed.stderr
    assert "Sitet blev ikke bygget. Det udgivne site/ er ikke ændret." in failed.stderr
    assert "Traceback" not in failed.stderr + failed.stdout
    assert snapshot(site) == before


@pytest.mark.build
def test_the_vocabulary_holds_the_indexed_words_and_no_interface_text(tmp_path):
    """ "Mente du …?" suggests only words the index has: from Pagefind's own fragments, so
    permalinks and other ignored interface text never become a suggestion."""
    (tmp_path / "index.html").write_text(
        PAGE.format(title="Beskæftigelse", text="Recovery-orienteret beskæftigelse og job. Beskæftigelse."),
        "utf-8",
    )
    result = run_cli(tmp_path)
    assert result.returncode == 0, result.stderr
    words = json.loads((tmp_path / "pagefind" / VOCABULARY).read_text("utf-8"))["ord"]
    assert words[0] == "beskæftigelse"  # the most frequent first (title, text twice)
    assert {"recovery", "orienteret", "recoveryorienteret", "job", "afsnit"} <= set(words)
    assert "menu" not in words  # outside data-pagefind-body
    assert all(len(w) >= 3 and w == w.lower() for w in words)
    assert "og" not in words


THEME_PAGE = """<!doctype html>
<html lang="da"><head><title>{title}</title></head>
<body><main data-pagefind-body><h1>Fa&shy;mi&shy;lie, venner og fæl&shy;les&shy;ska&shy;ber</h1>
<p hidden data-pagefind-meta="soegeord">kammerater, socialt netværk, børn</p>
<p>Tekst om familien.</p></main></body></html>
"""


@pytest.mark.build
def test_the_theme_words_are_the_theme_pages_title_and_search_words(tmp_path):
    """ "Mente du" for a word that is no typo of a site word suggests a theme's own word: the
    words of each theme page's title and soegeord (the pages with that meta), whole words
    however the heading is hyphenated; short words relate to nothing and are left out."""
    (tmp_path / "tema").mkdir()
    (tmp_path / "tema" / "index.html").write_text(THEME_PAGE.format(title="Tema"), "utf-8")
    (tmp_path / "index.html").write_text(PAGE.format(title="Forside", text="Velkommen og farvel."), "utf-8")
    assert run_cli(tmp_path).returncode == 0
    data = json.loads((tmp_path / "pagefind" / VOCABULARY).read_text("utf-8"))
    assert data["temaord"] == ["familie", "fællesskaber", "kammerater", "netværk", "socialt", "venner"]
    assert "fællesskaber" in data["ord"] and "fæl" not in data["ord"]  # soft hyphens are no word break
    assert "velkommen" in data["ord"] and "velkommen" not in data["temaord"]


def test_the_real_sites_vocabulary_is_small(built_site):
    """It travels with a reader's first query (content/assets/search.js): a few KB compressed."""
    raw = (built_site / "pagefind" / VOCABULARY).read_bytes()
    assert 500 < len(gzip.compress(raw)) <= 12_000


def _one_page_site(site: Path) -> None:
    (site / "index.html").write_text(PAGE.format(title="Forside", text="Velkommen."), "utf-8")


@pytest.mark.build
def test_the_bundle_carries_the_steps_marker_and_a_rebuild_replaces_it(tmp_path):
    _one_page_site(tmp_path)
    assert run_cli(tmp_path).returncode == 0
    assert (tmp_path / "pagefind" / MARKER).is_file()
    assert run_cli(tmp_path).returncode == 0, "its own bundle is replaced"


@pytest.mark.build
@pytest.mark.parametrize("name", BUNDLE_DIRS)
def test_a_folder_of_a_bundles_name_that_the_step_did_not_make_is_left_alone(tmp_path, name):
    """A user's (or another tool's) pagefind/, pagefind.new/ or pagefind.old/ is never removed:
    the step refuses in Danish and the folder keeps every file."""
    _one_page_site(tmp_path)
    theirs = tmp_path / name
    (theirs / ".git").mkdir(parents=True)
    (theirs / "noter.txt").write_text("mine noter", "utf-8")
    before = sorted(p.relative_to(theirs) for p in theirs.rglob("*"))

    result = run_cli(tmp_path)

    assert result.returncode == 1
    assert "ikke lavet af sitets søgetrin" in result.stderr and name in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(theirs) for p in theirs.rglob("*")) == before
    assert (theirs / "noter.txt").read_text("utf-8") == "mine noter"


@pytest.mark.build
def test_a_link_of_a_bundles_name_is_not_followed(tmp_path):
    _one_page_site(tmp_path)
    elsewhere = tmp_path.parent / f"{tmp_path.name}-andet"
    elsewhere.mkdir()
    (elsewhere / MARKER).write_text("", "utf-8")  # even a marker behind a link is not ours
    (elsewhere / "vigtig.txt").write_text("bliv", "utf-8")
    (tmp_path / "pagefind.old").symlink_to(elsewhere, target_is_directory=True)
    assert run_cli(tmp_path).returncode == 1
    assert (elsewhere / "vigtig.txt").is_file()
