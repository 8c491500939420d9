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

# Runs `python -m <engine> …` and then says which of the generator's modules were imported.
# `-c` puts the current folder (the export) first on the import path, as `python -m` does.
WRAPPER = """
import atexit, runpy, sys
def report():
    found = sorted(m for m in sys.modules if m.split(".")[0] in ("generator", "pydantic", "pydantic_core"))
    slug = sys.modules.get("vive_slugs")
    print("IMPORTED:" + ",".join(found), file=sys.stderr)
    print("SLUGS:" + (getattr(slug, "__file__", "") or ""), file=sys.stderr)
atexit.register(report)
engine = sys.argv[1]
sys.argv = [engine, *sys.argv[2:]]
runpy.run_module(engine, run_name="__main__", alter_sys=True)
"""


def _build(engine: str, project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    args = {
        "mkdocs": ["build", "--strict", "-d", str(site)],
        "properdocs": ["build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        "zensical": ["build", "--strict", "--clean"],  # builds into the config's site_dir
    }[engine]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, engine, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if engine == "zensical" and (project / "site").is_dir():
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

    assert {"mkdocs.yml", "vive_slugs.py", "docs", "overrides"} <= {p.name for p in exported.iterdir()}
    for asset in (ROOT / "content").rglob("*"):
        if asset.is_file():
            copy = exported / "docs" / asset.relative_to(ROOT / "content")
            assert copy.read_bytes() == asset.read_bytes(), copy
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "generator." not in config and "vive:" not in config
    assert "/redaktion/daekning.md" in yaml.safe_load(config.replace("!!python/name:", ""))["not_in_nav"]


def test_the_standalone_slug_module_is_the_generators(exported: Path):
    from generator import slugs

    assert (exported / "vive_slugs.py").read_bytes() == Path(slugs.__file__).read_bytes()


def test_the_export_builds_its_search_index_without_the_generator(builds, exported: Path, tmp_path: Path):
    """The site's search is Pagefind run over the built HTML (#14): the export carries that step."""
    site = tmp_path / "site"
    shutil.copytree(builds["mkdocs"][0], site)
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, "vive_search", str(site)],
        cwd=exported,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "IMPORTED:\n" in result.stderr, result.stderr[-2000:]
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind").glob("index/*")), "an index was written"


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engine_builds_without_importing_the_generator(engine: str, builds, exported: Path):
    _, stderr = builds[engine]
    assert "IMPORTED:\n" in stderr, stderr[-2000:]  # neither generator nor pydantic
    assert f"SLUGS:{exported / 'vive_slugs.py'}" in stderr  # the export's own copy


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
