"""The exported project builds with MkDocs, ProperDocs and Zensical, without the generator.

`python -m generator build --out DIR` is exported once; each engine builds it once, in a
subprocess that reports which modules it imported. Each build must publish every address of
the real build (every file, the open data included, every page and every anchor in its article;
nothing else for MkDocs and ProperDocs), keep every line of tests/published-urls.txt and leave no
broken link.
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

import material
import pytest

from . import layers
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
@layers.builds
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

    from generator.render.anchors import explicit_anchors

    assert {"mkdocs.yml", "vive_search.py", "docs", "overrides"} <= {p.name for p in exported.iterdir()}
    assert not (exported / "vive_slugs.py").exists()
    for asset in (ROOT / "content").rglob("*"):
        if asset.is_file():
            copy = exported / "docs" / asset.relative_to(ROOT / "content")
            if asset.suffix == ".md":  # hand-written pages get their anchors written out
                expected = explicit_anchors(asset.read_text("utf-8"), hyphenated=True)
                assert copy.read_text("utf-8") == expected, copy
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


_ID = re.compile(r'\bid="([^"]+)"')


def addresses(site: Path) -> set[str]:
    """Every address a built site publishes: each file (pages, assets, the open data in /data/v1/),
    each page's URL and each id in each page's article (an anchor a link can point at)."""
    found = {"/" + p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    for url, page in urls.read_site(site).items():
        found.add(url)
        if page.redirect_to is None:
            article = urls._ARTICLE.search((site / url.strip("/") / "index.html").read_text("utf-8"))
            found.update(f"{url}#{anchor}" for anchor in _ID.findall(article.group(1) if article else ""))
    return found


# Made after the build by the export's vive_search.py (tested above), not by an engine.
SEARCH_INDEX = "/pagefind/"
# The content editor: added by the project's own build (the vive plugin, generator/editors/admin.py),
# not part of the readers' site the export carries to another engine.
EDITOR = "/admin/"
# Zensical ships its own build of the Material theme (its scripts and styles have other names)
# and writes no sitemap.xml.gz: those of the real build's addresses are the engine's, not ours.
_MATERIAL_THEME = Path(material.__file__).parent / "templates"
ENGINE_OWN = {
    "zensical": {
        "/" + p.relative_to(_MATERIAL_THEME).as_posix()
        for p in (_MATERIAL_THEME / "assets").rglob("*")
        if p.is_file()
    }
    | {"/sitemap.xml.gz"}
}


def missing_addresses(real: set[str], built: set[str], engine: str) -> list[str]:
    """The real build's addresses that an engine's build of the export lacks."""
    excused = ENGINE_OWN.get(engine, set())
    return sorted(a for a in real - built if not a.startswith((SEARCH_INDEX, EDITOR)) and a not in excused)


@pytest.fixture(scope="module")
def real_addresses(built_site: Path) -> set[str]:
    return addresses(built_site)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engine_publishes_every_address_of_the_real_build(
    engine: str, builds, built_site: Path, real_addresses
):
    """Every file, page, anchor and open-data file of the real build (not a list of examples)."""
    site, _ = builds[engine]
    built = addresses(site)
    assert {"/data/v1/indhold.json", "/data/v1/indhold.schema.json"} <= real_addresses
    assert len(real_addresses) > 700  # the comparison covers the whole site
    assert not missing_addresses(real_addresses, built, engine), engine
    assert set(urls.read_site(site)) == set(urls.read_site(built_site)), engine  # pages: no more, no fewer
    if engine not in ENGINE_OWN:  # MkDocs and ProperDocs: the same addresses, none added
        assert sorted(built - real_addresses) == [], engine
    gone = urls.problems(urls.read_manifest(), site)  # and every line of the manifest still leads there
    assert not gone, f"{engine}:\n" + "\n\n".join(gone)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engine_publishes_the_same_open_data(engine: str, builds, built_site: Path):
    site, _ = builds[engine]
    for name in ("indhold.json", "indhold.schema.json"):
        ours = (built_site / "data" / "v1" / name).read_bytes()
        assert (site / "data" / "v1" / name).read_bytes() == ours, f"{engine}: {name}"


def test_the_address_comparison_finds_what_a_build_lacks(builds, real_addresses, tmp_path: Path):
    """The comparison could fail: an export build without its open data and one anchor is caught."""
    site = tmp_path / "site"
    shutil.copytree(builds["mkdocs"][0], site)
    shutil.rmtree(site / "data" / "v1")
    page = site / "kilder" / "index.html"
    text = page.read_text(encoding="utf-8")
    first_id = _ID.search(urls._ARTICLE.search(text).group(1)).group(1)
    page.write_text(text.replace(f'id="{first_id}"', 'id="omdoebt"', 1), encoding="utf-8")
    assert missing_addresses(real_addresses, addresses(site), "mkdocs") == [
        "/data/v1/indhold.json",
        "/data/v1/indhold.schema.json",
        f"/kilder/#{first_id}",
    ]


_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')


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

### Tilgængelighedserklæring om [Anbefalingerne](https://sbst.dk/anbefalingerne) &shy; <b>Botilbudslederne</b>

## Fagekspertperspektivet { #fagekspertperspektivet-x }

#### Tilgængelighedserklæring på fjerde niveau
"""


def test_written_anchors_are_the_ones_the_toc_would_make():
    """The same HTML as Python-Markdown's toc with our slug function makes: numbers, duplicates,
    escapes, links, ids taken by attribute lists or raw HTML, and fenced code; written with the
    soft hyphens of the headings, the same HTML as the plugin's hyphenation of the built page."""
    import markdown

    from generator.content.slugs import toc_slugify
    from generator.render.anchors import explicit_anchors
    from generator.render.hyphenate import SOFT_HYPHEN, hyphenate_headings

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
    hyphenated = explicit_anchors(TRICKY_PAGE, hyphenated=True)
    assert hyphenated.count(SOFT_HYPHEN) > 10 and "(https://sbst.dk/anbefalingerne)" in hyphenated
    assert "{ #fagekspertperspektivet-x }" in hyphenated and "<b>Botilbudslederne</b>" not in hyphenated
    assert "#### Tilgængelighedserklæring på fjerde niveau {" in hyphenated  # h4 and below: whole
    assert html_of(hyphenated) == hyphenate_headings(html_of(TRICKY_PAGE))


def test_a_python_name_left_in_mkdocs_yml_stops_the_export_in_danish(tmp_path, capsys):
    from generator.__main__ import main

    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text + "\nhooks_like:\n  - !!python/name:mine.funktion\n", encoding="utf-8")
    out = tmp_path / "export"
    args = ["--data", str(ROOT / "themes_data"), "build", "--out", str(out), "--config", str(config)]
    assert main([*args, "--content", str(ROOT / "content")]) == 1
    assert "mine.funktion" in capsys.readouterr().err and not out.exists()
