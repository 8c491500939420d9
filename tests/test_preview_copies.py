"""What the preview keeps between saves besides pages: static files' copies, finished HTML, and
the theme's assets in the browser.

In-process, on MkDocs' own File objects: a static file is copied again only when its source or
its copy changed (preview.KeptSiteDir.copy), and the plugin's pass over a page's HTML is run
again only when that HTML changed (reuse.HtmlReuse.finished). The browser may keep the theme's
fingerprinted assets, and only those (preview.cache_fingerprinted; on the real server:
tests/test_live_preview.py). tests/test_preview_reuse.py
proves the folder equal to a full build after a save of each kind, a static file's included.
"""

from __future__ import annotations

import mkdocs.utils
import pytest
from mkdocs.structure.files import File, Files

from generator.mkdocs_glue.preview import KEEP_FINGERPRINTED, KeptSiteDir, cache_fingerprinted
from generator.mkdocs_glue.reuse import HtmlReuse


@pytest.fixture
def kept(tmp_path, monkeypatch):
    monkeypatch.setattr(mkdocs.utils, "clean_directory", mkdocs.utils.clean_directory)  # put back after
    folder = KeptSiteDir()
    folder._mark(str(tmp_path / "site"))
    yield folder
    folder.close()


def _static(tmp_path, name: str = "assets/site.css") -> File:
    (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / name).write_text("a { color: red }\n", encoding="utf-8")
    return File(name, str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)


def test_a_static_file_is_copied_again_only_when_its_source_or_its_copy_changed(tmp_path, kept):
    file = _static(tmp_path)
    copies: list[str] = []

    def copy_file(dirty: bool = False) -> None:
        copies.append(file.src_uri)
        File.copy_file(file, dirty)

    target = tmp_path / "site" / "assets" / "site.css"
    kept.copy(file, copy_file)
    assert copies == ["assets/site.css"] and target.read_text() == "a { color: red }\n"
    before = target.stat().st_mtime_ns
    kept.copy(file, copy_file)  # nothing changed: kept, and its time set (written by this build)
    assert copies == ["assets/site.css"] and target.stat().st_mtime_ns >= before
    (tmp_path / "docs" / "assets" / "site.css").write_text("a { color: blue }\n", encoding="utf-8")
    kept.copy(file, copy_file)
    assert len(copies) == 2 and target.read_text() == "a { color: blue }\n"
    target.write_text("a { color: red }\n", encoding="utf-8")  # the copy touched by something else
    kept.copy(file, copy_file)
    assert len(copies) == 3 and target.read_text() == "a { color: blue }\n"
    target.unlink()
    kept.copy(file, copy_file)
    assert len(copies) == 4 and target.exists()


def test_the_preview_keeps_copies_of_static_files_only(tmp_path, kept):
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict(
        {"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")}
    )
    static = _static(tmp_path)
    assert config.validate() == ([], [])
    (tmp_path / "docs" / "a.md").write_text("# A\n", encoding="utf-8")
    page = File("a.md", str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)
    config.plugins._current_plugin = "vive"  # as while the plugin's on_files runs
    generated = File.generated(config, "data/v1/indhold.json", content="{}\n")
    kept.keep_copies(Files([static, page, generated]))
    assert "copy_file" in vars(static)
    assert "copy_file" not in vars(page) and "copy_file" not in vars(generated)  # written every time
    static.copy_file()
    assert (tmp_path / "site" / "assets" / "site.css").read_text() == "a { color: red }\n"


def test_the_plugins_pass_over_a_pages_html_runs_again_only_when_the_html_changed():
    reuse = HtmlReuse()
    page = type("P", (), {"file": type("F", (), {"src_uri": "a.md"})()})()
    runs: list[str] = []

    def step(html: str) -> str:
        runs.append(html)
        return html.upper()

    assert reuse.finished(page, "<h1>a</h1>", step) == "<H1>A</H1>"
    assert reuse.finished(page, "".join(["<h1>", "a</h1>"]), step) == "<H1>A</H1>"  # equal, not identical
    assert runs == ["<h1>a</h1>"]
    assert reuse.finished(page, "<h1>b</h1>", step) == "<H1>B</H1>" and len(runs) == 2


@pytest.mark.parametrize(
    ("path", "status", "kept"),
    [
        ("/assets/javascripts/bundle.a5f9d56c.min.js", "200 OK", True),
        ("/sti/assets/stylesheets/main.57a0d79d.min.css", "200 OK", True),
        ("/assets/javascripts/bundle.a5f9d56c.min.js", "404 Not Found", False),
        ("/assets/site.css", "200 OK", False),  # the site's own: may change on any save
        ("/assets/print.js", "200 OK", False),
        ("/bostoette/", "200 OK", False),
        ("/assets/javascripts/bundle.a5f9d56c.min.js.map", "200 OK", False),
        ("/livereload/1/2", "200 OK", False),
    ],
)
def test_the_browser_may_keep_the_themes_fingerprinted_assets_only(path, status, kept):
    said: list[tuple[str, list[tuple[str, str]]]] = []

    def serve(environ, start_response):
        start_response(status, [("Content-Type", "text/plain")])
        return [b"x"]

    body = cache_fingerprinted(serve)({"PATH_INFO": path}, lambda s, h, exc_info=None: said.append((s, h)))
    assert body == [b"x"] and said[0][0] == status
    assert (("Cache-Control", KEEP_FINGERPRINTED) in said[0][1]) is kept
