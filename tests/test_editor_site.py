"""/admin/ in the built site (generator/editors/admin.py, added by the vive plugin): there, from its
known sources, and nothing for readers to pay: reader pages byte-identical without it, and no
trace of it in the sitemap, the search index or the open data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.editors import admin
from generator.publish.output_check import check_folder

from .conftest import ROOT, SITE_URL, build_site
from .pagefind_bundle import fragments


@pytest.fixture(scope="module")
def editor_installed():
    if not admin.installed():
        pytest.fail("Redigeringen er ikke hentet: kør  make editor  (make test gør det selv).", pytrace=False)


def test_the_site_has_the_editor_at_admin(built_site: Path, editor_installed):
    folder = built_site / "admin"
    assert {"index.html", "config.json", "decap-cms.js", "js-yaml.min.js", "cms.js", "canonical-yaml.js"} <= {
        p.name for p in folder.iterdir()
    }
    assert (folder / "decap-cms.js").read_bytes() == (admin.pin().folder / "decap-cms.js").read_bytes()
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert '<html lang="da">' in page and '<meta name="robots" content="noindex, nofollow">' in page


def _own(built_site: Path):
    from mkdocs.config import load_config

    from generator.mkdocs_glue.config import site_own_scripts

    return site_own_scripts(
        load_config(str(ROOT / "mkdocs.yml"), site_dir=str(built_site), site_url=SITE_URL)
    )


def test_the_output_check_knows_the_editors_scripts_by_where_they_come_from(
    built_site: Path, tmp_path: Path, editor_installed
):
    own = _own(built_site)
    assert check_folder(built_site, own) == []
    assert "admin/decap-cms.js" in own.files and "admin/cms.js" in own.files
    copy = tmp_path / "site"
    shutil.copytree(built_site / "admin", copy / "admin")
    (copy / "admin" / "other.js").write_text("alert(1)", encoding="utf-8")
    page = copy / "admin" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</body>", '<script src="other.js"></script></body>'),
        encoding="utf-8",
    )
    found = check_folder(copy, own)
    assert [(f.page, f.rule.value, f.value) for f in found] == [
        ("admin/index.html", "script-file", "other.js")
    ]


def test_the_editor_is_in_no_sitemap_search_index_or_open_data(built_site: Path, editor_installed):
    import gzip

    assert "admin" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert b"admin" not in gzip.decompress((built_site / "sitemap.xml.gz").read_bytes())
    for path in (built_site / "data").rglob("*.json"):
        assert "/admin/" not in path.read_text(encoding="utf-8"), path
    indexed = list(fragments(built_site))
    assert len(indexed) > 40 and not [url for url in indexed if "admin" in url]


def test_reader_pages_are_byte_identical_without_the_editor(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, editor_installed
):
    monkeypatch.setattr(admin, "installed", lambda: False)
    without = build_site(tmp_path / "site", site_url=SITE_URL)
    assert not (without / "admin").exists()

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and p.relative_to(root).parts[0] != "admin"
        }

    with_editor, without_editor = files(built_site), files(without)
    assert sorted(with_editor) == sorted(without_editor)
    assert [rel for rel in with_editor if with_editor[rel] != without_editor[rel]] == []


def test_the_screenshots_in_the_guide_have_alt_texts_and_their_true_size():
    """The editors' guide shows the real editor (tests/editor_screenshots.py): each image with an
    alt text, its width and height (no layout shift) as the PNG has them, and small."""
    import re
    import struct

    guide = (ROOT / "content" / "redaktoervejledning.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[([^\]]*)\]\(([^)]+\.png)\)\{([^}]*)\}", guide)
    shots = sorted((ROOT / "content" / "assets" / "redigering").glob("*.png"))
    assert {Path(src).name for _, src, _ in images} == {p.name for p in shots}
    for alt, src, attributes in images:
        png = (ROOT / "content" / src).read_bytes()
        width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
        assert len(alt) > 20, src
        assert f'width="{width}"' in attributes and f'height="{height}"' in attributes, src
        assert len(png) < 150_000, src
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"(content/assets/redigering/{name})" in readme for name in ("temaer.png", "afvist.png"))


def test_make_edit_says_a_taken_port_in_danish_and_starts_nothing(capsys, editor_installed):
    import socket

    from generator.editors.edit import run

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run(ROOT, port, port + 1 if port < 65535 else port - 1) == 1
    err = capsys.readouterr().err
    assert f"Porten {port} på 127.0.0.1 til forhåndsvisningen er optaget" in err and "PORT=" in err
