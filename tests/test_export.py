"""The exported project builds with MkDocs, ProperDocs and Zensical, without the generator.

`python -m generator build --out DIR` is exported once; each engine builds it once, in a
subprocess that reports which modules it imported. Each build must have the real site's
pages, every published URL and anchor (tests/published-urls.txt) and no broken link.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from . import published_urls as urls
from .conftest import ROOT, SITE_URL

ENGINES = ("mkdocs", "properdocs", "zensical")
# The commands a user types in the exported folder: the engines' console scripts, run with no
# PYTHONPATH and no `python -m` (which would put the folder on the import path).
COMMANDS = {
    "mkdocs": ["mkdocs", "build", "--strict"],
    "properdocs": ["properdocs", "build", "--strict"],
    "zensical": ["zensical", "build"],
}
BIN = Path(sys.executable).parent
_IMPORT_TIME = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", re.M)


def imported(stderr: str) -> set[str]:
    """The top-level packages a process imported, from PYTHONPROFILEIMPORTTIME's report."""
    return {name.split(".")[0] for name in _IMPORT_TIME.findall(stderr)}


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`command` as a user runs it; Python reports every module it imports on stderr."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("PYTHONPATH", None)
    env["PYTHONPROFILEIMPORTTIME"] = "1"
    executable = str(BIN / command[0]) if (BIN / command[0]).is_file() else command[0]
    return subprocess.run(
        [executable, *command[1:]], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def _build(engine: str, project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    shutil.rmtree(project / "site", ignore_errors=True)
    result = run(COMMANDS[engine], project)  # each builds into the config's site_dir, site/
    if (project / "site").is_dir():
        shutil.move(project / "site", site)
    return result


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.__main__ import main

    out = tmp_path_factory.mktemp("export") / "projekt"
    args = ["--data", str(ROOT / "themes_data"), "build", "--out", str(out), "--site-url", SITE_URL]
    assert main(args) == 0
    return out


@pytest.fixture(scope="module")
def builds(exported: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Each engine's site and what it printed, built one after the other from one export."""
    out = {}
    for engine in ENGINES:
        site = tmp_path_factory.mktemp(engine) / "site"
        result = _build(engine, exported, site)
        assert result.returncode == 0, f"{engine}:\n{result.stdout}\n{result.stderr}"
        out[engine] = (site, result.stderr)
    return out


def test_the_export_is_a_complete_project(exported: Path):
    import yaml

    from generator.site.anchors import explicit_anchors

    assert {"mkdocs.yml", "vive_search.py", "docs", "overrides"} <= {p.name for p in exported.iterdir()}
    assert not (exported / "vive_slugs.py").exists()
    for asset in (ROOT / "content").rglob("*"):
        if asset.is_file():
            copy = exported / "docs" / asset.relative_to(ROOT / "content")
            if asset.suffix == ".md":  # hand-written pages get their anchors written out
                assert copy.read_text("utf-8") == explicit_anchors(asset.read_text("utf-8")), copy
            else:
                assert copy.read_bytes() == asset.read_bytes(), copy
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "generator." not in config and "vive:" not in config
    assert "python/name" not in config and "slugify" not in config
    assert "/redaktion/daekning.md" in yaml.safe_load(config)["not_in_nav"]


_ATX = re.compile(r"^#{1,6} .*$", re.M)


def test_every_heading_of_every_exported_page_carries_its_anchor(exported: Path):
    headings = [
        h for page in (exported / "docs").rglob("*.md") for h in _ATX.findall(page.read_text("utf-8"))
    ]
    assert len(headings) > 200
    assert not [h for h in headings if not re.search(r"\{:? ?#[\w-]+ ?\}$", h)]


def test_the_export_builds_its_search_index_without_the_generator(builds, exported: Path, tmp_path: Path):
    """The site's search is Pagefind run over the built HTML (#14): the export carries that step."""
    site = tmp_path / "site"
    shutil.copytree(builds["mkdocs"][0], site)
    result = run([sys.executable, "vive_search.py", str(site)], exported)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {"pagefind", "pagefind_bin"} & imported(result.stderr)  # the report is there
    assert not imported(result.stderr) & {"generator", "pydantic", "pydantic_core"}
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind").glob("index/*")), "an index was written"


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engine_builds_without_importing_the_generator(engine: str, builds):
    _, stderr = builds[engine]
    modules = imported(stderr)
    assert engine in modules, stderr[-2000:]  # the report is there: the check could fail
    assert not modules & {"generator", "pydantic", "pydantic_core", "vive_slugs"}


def _pages(site: Path) -> set[str]:
    return set(urls.read_site(site))


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engine_builds_the_same_pages_with_every_published_url_and_anchor(
    engine: str, builds, built_site
):
    site, _ = builds[engine]
    assert _pages(site) == _pages(built_site)
    gone = urls.problems(urls.read_manifest(), site)
    assert not gone, f"{engine}:\n" + "\n\n".join(gone)


_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')


def broken_links(site: Path) -> list[str]:
    """Internal links (in each page's article) to a page or an anchor that does not exist."""
    pages = urls.read_site(site)
    ids: dict[str, set[str]] = {}
    broken = []
    for url, page in pages.items():
        if page.redirect_to is not None:
            continue
        text = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        article = urls._ARTICLE.search(text)
        for href in _HREF.findall(article.group(1) if article else ""):
            href = html.unescape(href)
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "data:")):
                continue
            target = urlsplit(urljoin(url, href))
            path = unquote(target.path)
            if path not in pages:
                if not (site / path.lstrip("/")).is_file():
                    broken.append(f"{url} → {href}")
                continue
            if target.fragment:
                if path not in ids:
                    ids[path] = set(_ID.findall((site / path.strip("/") / "index.html").read_text("utf-8")))
                if unquote(target.fragment) not in ids[path]:
                    broken.append(f"{url} → {href}")
    return broken


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engine_leaves_no_broken_internal_link(engine: str, builds):
    site, _ = builds[engine]
    assert not broken_links(site), engine


def test_the_link_check_finds_a_broken_link(builds, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(builds["mkdocs"][0], site)
    page = site / "kilder" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("</article>", '<a href="../findes-ikke/">x</a><a href="#nej">y</a></article>')
    )
    assert sorted(broken_links(site)) == ["/kilder/ → #nej", "/kilder/ → ../findes-ikke/"]


def test_mkdocs_builds_the_export_into_the_same_article_html_as_the_real_build(builds, built_site):
    site, _ = builds["mkdocs"]
    for url, page in urls.read_site(built_site).items():
        if page.redirect_to is not None:
            continue
        ours = (built_site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        theirs = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        assert urls._ARTICLE.search(ours).group(1) == urls._ARTICLE.search(theirs).group(1), url


TRICKY_PAGE = """# 4. Sundhed og trivsel

## Kilder

## Kilder

## Fælles \\*faglig\\* tilgang & [link](https://sbst.dk/)

## Kilder { #kilder_1 }

```
# not a heading
```

Tekst med <span id="om">et id</span>, som toc ikke ser.

<div markdown id="boks">

## Boks

</div>

## Om
"""


def test_written_anchors_are_the_ones_the_toc_would_make():
    """The same HTML as Python-Markdown's toc with our slug function makes: numbers, duplicates,
    escapes, links, ids taken by attribute lists or raw HTML, and fenced code."""
    import markdown

    from generator.content.slugs import toc_slugify
    from generator.site.anchors import explicit_anchors

    def html_of(text: str) -> str:
        md = markdown.Markdown(
            extensions=["attr_list", "fenced_code", "md_in_html", "toc"],
            extension_configs={"toc": {"slugify": toc_slugify}},
        )
        return md.convert(text)

    written = explicit_anchors(TRICKY_PAGE)
    assert "# 4. Sundhed og trivsel { #4-sundhed-og-trivsel }" in written
    assert "## Kilder { #kilder }" in written and "## Kilder { #kilder_2 }" in written
    assert "## Om { #om }" in written and "## Boks { #boks_1 }" in written
    assert "# not a heading\n" in written
    assert html_of(written) == html_of(TRICKY_PAGE)


def test_a_python_name_left_in_mkdocs_yml_stops_the_export_in_danish(tmp_path, capsys):
    from generator.__main__ import main

    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text + "\nhooks_like:\n  - !!python/name:mine.funktion\n", encoding="utf-8")
    out = tmp_path / "export"
    args = ["--data", str(ROOT / "themes_data"), "build", "--out", str(out), "--config", str(config)]
    assert main([*args, "--content", str(ROOT / "content")]) == 1
    assert "mine.funktion" in capsys.readouterr().err and not out.exists()
