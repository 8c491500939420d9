"""Integration: the real site built by the real MkDocs in strict mode."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from mkdocs.exceptions import Abort

from generator.render import pages

from .conftest import ROOT, build_site
from .pagefind_bundle import fragments
from .sitecopy import write_config


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_of(site: Path, src_path: str) -> Path:
    """The HTML file MkDocs writes for a Markdown source path (directory URLs)."""
    return site / pages.url_of(src_path) / "index.html"


def page_url(site: Path, html: Path) -> str:
    return "/" + html.parent.relative_to(site).as_posix().strip(".") + "/"


def resolve(site: Path, html: Path, href: str) -> tuple[str, str]:
    """(path of the target page relative to the site root, fragment)."""
    url = urlparse(urljoin(page_url(site, html).replace("//", "/"), href))
    return url.path, url.fragment


def test_every_theme_case_publication_and_perspective_has_a_page(built_site, real_site):
    expected = (
        [pages.path_of(t) for t in real_site.themes.values()]
        + [pages.path_of(c) for c in real_site.cases.values()]
        + [pages.path_of(m) for m in real_site.mappings]
        + [pages.path_of(p) for p in real_site.perspectives.values()]
    )
    assert len(expected) == 14 + 14 + 2 + 9
    missing = [p for p in expected if not html_of(built_site, p).is_file()]
    assert missing == []


def test_pages_are_danish(built_site):
    for html in [built_site / "index.html", *built_site.glob("bostoette/*/index.html")]:
        assert parse(html).lang == "da", html


def test_a_moved_pages_old_address_is_danish(built_site):
    html = built_site / "was" / "index.html"  # redirect_maps in mkdocs.yml
    parsed = parse(html)
    text = html.read_text(encoding="utf-8")
    assert parsed.lang == "da"
    assert "Siden er flyttet" in text and "redirect" not in text.lower().replace("http-equiv", "")
    assert parsed.hrefs == ["../tilgaengelighedserklaering/"]


def test_theme_and_case_pages_link_to_each_other(built_site, real_site):
    pairs = [(t, c) for t in real_site.themes.values() for c, _ in t.cases]
    assert pairs, "the content must tie at least one case to a theme"
    for theme, case in pairs:
        theme_html, case_html = (
            html_of(built_site, pages.path_of(theme)),
            html_of(built_site, pages.path_of(case)),
        )
        theme_targets = {resolve(built_site, theme_html, h)[0] for h in parse(theme_html).hrefs}
        case_targets = {resolve(built_site, case_html, h)[0] for h in parse(case_html).hrefs}
        assert page_url(built_site, case_html) in theme_targets
        assert page_url(built_site, theme_html) in case_targets


def test_every_internal_link_and_anchor_resolves(built_site):
    problems = []
    ids_cache: dict[Path, set[str]] = {}
    for html in built_site.rglob("*.html"):
        if html.name == "404.html":
            continue
        for href in parse(html).hrefs:
            if re.match(r"^[a-z]+:", href):
                continue
            path, fragment = resolve(built_site, html, href)
            target = built_site / path.lstrip("/")
            target = target / "index.html" if target.is_dir() or path.endswith("/") else target
            if not target.exists():
                problems.append(f"{html.relative_to(built_site)} → {href}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids_cache:  # each target page parsed once (setdefault parsed it each time)
                    ids_cache[target] = parse(target).ids
                ids = ids_cache[target]
                if fragment not in ids:
                    problems.append(f"{html.relative_to(built_site)} → {href} (anker)")
    assert problems == []


def test_perspective_sections_have_id_anchors(built_site, real_site):
    for theme in real_site.themes.values():
        ids = parse(html_of(built_site, pages.path_of(theme))).ids
        for persp, _ in theme.sections:
            assert persp.id in ids
        for question in theme.model.refleksionsspoergsmaal:
            assert question.id in ids


def test_case_pages_are_not_in_the_sidebar(built_site, real_site):
    theme_html = html_of(built_site, pages.path_of(next(iter(real_site.themes.values()))))
    nav = theme_html.read_text(encoding="utf-8")
    nav = nav[nav.index('class="md-nav md-nav--primary"') : nav.index("</nav>")]
    assert "/cases/horsens/" not in nav and "cases/horsens/" not in nav


@pytest.mark.build
def test_a_broken_link_in_content_fails_the_strict_build(tmp_path, caplog):
    docs = tmp_path / "content"
    shutil.copytree(ROOT / "content", docs)
    (docs / "om-sitet.md").write_text("# Om\n\n[findes ikke](findes-ikke.md)\n", encoding="utf-8")
    config = write_config(tmp_path, ROOT / "themes_data", docs)
    with pytest.raises(Abort):
        build_site(tmp_path / "site", config_file=config)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("findes-ikke.md" in w for w in warnings), warnings


def test_readers_search_leaves_out_the_editors_pages_and_the_sources_list(built_site, real_site):
    indexed = fragments(built_site)
    assert not (built_site / "search" / "search_index.json").exists()  # Material's lunr index is gone
    for path in ("redaktion/daekning/", "redaktoervejledning/", pages.url_of(pages.SOURCES)):
        assert "/" + path not in indexed, path
        assert (built_site / path / "index.html").is_file()  # still published
    assert "/404.html" not in indexed
    for node in [*real_site.themes.values(), *real_site.cases.values()]:
        assert "/" + pages.url_of(pages.path_of(node)) in indexed


def test_perspective_pages_leave_the_repeated_theme_texts_to_the_theme_pages_in_search(built_site, real_site):
    indexed = fragments(built_site)
    checked = 0
    for perspective in real_site.perspectives.values():
        url = pages.url_of(pages.path_of(perspective))
        fragment = indexed["/" + url]  # the page itself is found (its title and introduction)
        anchors = {a["id"] for a in fragment["anchors"]}
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        for theme, afsnit in perspective.sections:
            assert theme.id not in anchors  # no theme section: those are on the theme pages
            on_theme_page = indexed["/" + pages.url_of(pages.path_of(theme))]["content"]
            for block in afsnit.blokke:
                phrase = " ".join(block.tekst.split()[:6])
                if phrase in on_theme_page:  # the same words, found on the theme page …
                    assert phrase not in fragment["content"]  # … are not found here
                    checked += 1
            assert f'id="{theme.id}"' in html  # published anchors stay
    assert checked > 0  # the real content has perspective sections written out


def test_no_interface_text_in_the_search_index(built_site, real_site):
    indexed = fragments(built_site)
    for url, fragment in indexed.items():
        text = fragment["content"]
        assert all("¶" not in a["text"] for a in fragment["anchors"]), url  # section titles
        assert "Grundlag:" not in text, url
        assert "Rediger" not in text and "Redigér" not in text, url
    for theme in real_site.themes.values():  # every heading and question has a permalink
        assert "¶" not in indexed["/" + pages.url_of(pages.path_of(theme))]["content"]


def test_a_themes_title_and_summary_weigh_more_in_search(built_site, real_site):
    theme = real_site.mappings[0].themes[0]
    html = (built_site / pages.url_of(pages.path_of(theme)) / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<article [^>]*data-pagefind-body", html)
    summary = re.search(r'<div data-pagefind-weight="(\d+)">(.*?)</div>', html, re.S)
    assert summary and int(summary[1]) > 1
    assert " ".join(theme.model.kort_fortalt.tekst.split()[:4]) in re.sub(r"\s+", " ", summary[2])


def test_the_finders_script_loads_on_the_finder_page_alone(built_site):
    """finder.js is the finder's: every other page (the forside first) is lighter without it,
    and on the finder page its address leads to the built file."""
    script = re.compile(r'<script src="([^"]*finder\.js)"')
    finder = html_of(built_site, pages.CASES_INDEX)
    loading = {html for html in built_site.rglob("*.html") if script.search(html.read_text(encoding="utf-8"))}
    assert loading == {finder}
    src = script.search(finder.read_text(encoding="utf-8")).group(1)
    path, _ = resolve(built_site, finder, src)
    assert (built_site / path.lstrip("/")).is_file(), src
