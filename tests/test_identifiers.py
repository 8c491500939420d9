"""Identifiers are what the editor meant (issue 17): one slug for one title, whatever its Unicode
form, and `new theme|case` accepts exactly the ids loading accepts."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.content.slugs import slugify, toc_slugify
from generator.editors.scaffold import new_case, new_theme
from generator.render import pages as P

from .conftest import ROOT

TITLES = ["Sådan gør vi", "Ærlig snak på Østerbro", "Åben dør", "Café og æblekage"]


@pytest.mark.parametrize("title", TITLES)
def test_a_decomposed_title_gets_the_same_slug(title: str):
    decomposed = unicodedata.normalize("NFD", title)
    assert decomposed != title  # really another sequence of code points
    assert slugify(decomposed) == slugify(title)
    assert toc_slugify(decomposed, "-") == toc_slugify(title, "-")  # heading anchors (mkdocs.yml)
    assert P.example_anchor(decomposed) == P.example_anchor(title)  # practice examples' anchors


def test_sadan_is_saadan_in_either_form():
    assert slugify(unicodedata.normalize("NFD", "Sådan")) == "saadan"
    assert slugify(unicodedata.normalize("NFKD", "Ø-gruppen")) == "oe-gruppen"


def test_the_exported_slug_module_is_still_standard_library_only():
    source = (ROOT / "generator" / "content" / "slugs.py").read_text(encoding="utf-8")
    imports = {ln.split()[1] for ln in source.splitlines() if ln.startswith(("import ", "from "))}
    assert imports <= {"__future__", "re", "unicodedata"}


# --- new theme|case: the id is checked before anything is written ------------------------


BAD_IDS = ["../../../x", "../x", "a/b", "/tmp/x", "Store", "æble", "x" * 81, "-x", "a--b", ".", "a b"]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.build
@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("what", ["theme", "case"])
def test_new_refuses_an_id_that_loading_refuses_and_writes_nothing(tmp_path, minimal_copy, capsys, what, bad):
    before = _files(tmp_path)
    kind = ["theme", "--titel", "Ny"] if what == "theme" else ["case", "--navn", "Ny", "--type", "kommune"]
    code = main(["--data", str(minimal_copy), "new", *kind, "--kortlaegning", "bostoette", f"--id={bad}"])
    stderr = capsys.readouterr().err
    assert code == 1, stderr
    [first, summary] = stderr.splitlines()
    assert first.startswith("kommandolinjen: feltet '--id': ")
    assert "gyldigt id" in first or "for lang" in first
    assert summary.startswith("1 fejl")
    assert _files(tmp_path) == before  # no new file, the mapping's list of cases unchanged
    assert not (tmp_path.parent / "x.yaml").exists() and not Path("/tmp/x.yaml").exists()


@pytest.mark.build
def test_an_empty_id_makes_one_from_the_title(minimal_copy: Path):
    created = new_case(minimal_copy, "bostoette", "Sådan Kommune", "kommune", case_id="")
    assert created.path.name == "saadan-kommune.yaml"


@pytest.mark.build
def test_new_still_writes_a_good_id(minimal_copy: Path):
    created = new_theme(minimal_copy, "bostoette", "Ny", theme_id="nyt-tema")
    assert created.path.parent == minimal_copy / "temaer"
    assert created.path.name == "03-nyt-tema.yaml"


@pytest.mark.build
def test_new_refuses_a_title_with_html(minimal_copy: Path):
    from generator import ContentErrors

    with pytest.raises(ContentErrors) as info:
        new_theme(minimal_copy, "bostoette", "<script>alert(1)</script>")
    assert [e.field for e in info.value.errors] == ["--titel"]
    assert not list((minimal_copy / "temaer").glob("03-*"))
