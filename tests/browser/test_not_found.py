"""The 404 page as a host serves it (issue 27.4): for any missing address, at any depth, in
Danish, with search and both mappings' themes; its styles, scripts and links work; zero requests
to other hosts; axe-clean. Served as GitHub Pages and nginx do: the site under a path
(/socialpsykiatri/, the session's SITE_URL) or at the host's root (no SITE_URL), and 404.html
with status 404 for every address that has no file."""

from __future__ import annotations

import functools
import mimetypes
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from generator.render import pages

from ..conftest import SITE_URL, build_site
from .conftest import LOCAL_HOST
from .test_accessibility import axe_violations, describe
from .test_search import type_query


class _StaticHost(BaseHTTPRequestHandler):
    """A static host: the site's files under `prefix`, 404.html (status 404) for anything else."""

    def __init__(self, *args, root: Path, prefix: str, **kwargs):
        self.root, self.prefix = root, prefix
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = unquote(urlparse(self.path).path)
        found = None
        if path.startswith(self.prefix):
            candidate = (self.root / path[len(self.prefix) :]).resolve()
            if candidate.is_relative_to(self.root.resolve()):
                if candidate.is_dir() and path.endswith("/"):
                    candidate = candidate / "index.html"
                if candidate.is_file():
                    found = candidate
        status = 200 if found else 404
        body = (found or self.root / "404.html").read_bytes()
        kind = mimetypes.guess_type(str(found or "404.html"))[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(root: Path, prefix: str) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_StaticHost, root=root, prefix=prefix)
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{LOCAL_HOST}:{server.server_address[1]}{prefix}"


@pytest.fixture(scope="module")
def site_without_address(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built as `make site` does with SITE_URL unset."""
    return build_site(tmp_path_factory.mktemp("no-site-url") / "site")


@pytest.fixture(scope="module", params=["pages-path", "root"])
def host(request, built_site, site_without_address) -> Iterator[str]:
    """The base URL of the site on a static host: under SITE_URL's path, or at the root."""
    if request.param == "pages-path":
        server, base = _serve(built_site, urlparse(SITE_URL).path)
    else:
        server, base = _serve(site_without_address, "/")
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


MISSING = ["findes-ikke", "a/b/c/", "bostoette/findes-ikke/dybt/nede/", "kilder/gammel-side.html"]


def open_missing(page, host: str, path: str) -> list[str]:
    """Go to a missing address; the URLs of every other request that failed on the way."""
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != host + path else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    response = page.goto(host + path)
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    return failed


@pytest.mark.parametrize("path", MISSING)
def test_a_missing_address_at_any_depth_gets_the_danish_page_with_its_styles(page, host, path):
    failed = open_missing(page, host, path)
    assert failed == []  # styles, scripts, icons: every address in the page works from this depth
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.title().startswith("Siden findes ikke")
    assert page.locator("article h1").inner_text() == "Siden findes ikke"
    assert "404 - Not found" not in page.content()
    # Material's styles and the site's own are applied: the sticky header, the system font stack.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    font = "getComputedStyle(document.documentElement).getPropertyValue('--md-text-font-family')"
    assert "system-ui" in page.evaluate(font)  # assets/site.css


def test_the_404_page_offers_every_theme_the_finder_and_the_front_page(page, host, real_site):
    open_missing(page, host, "a/b/c/")
    hrefs = page.locator("article a").evaluate_all("els => els.map(e => e.href)")
    expected = {host + pages.url_of(pages.path_of(t)) for t in real_site.themes.values()}
    expected |= {host + pages.url_of(pages.path_of(m)) for m in real_site.mappings}
    expected |= {host + pages.url_of(pages.CASES_INDEX), host}
    assert set(hrefs) == expected
    for href in sorted(expected):  # each leads to a page that exists
        assert page.request.get(href).status == 200, href


def test_search_works_from_the_404_page(page, host):
    open_missing(page, host, "bostoette/findes-ikke/dybt/nede/")
    page.get_by_role("button", name="Søg på sitet").click()
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    page.wait_for_function("() => document.querySelector('.md-search[data-ready]')")
    type_query(page, "recovery")
    first = page.locator(".md-search-result__item > a:first-child").first
    assert page.request.get(first.evaluate("e => e.href")).status == 200


def test_a_moved_address_goes_through_its_redirect_not_to_the_404_page(page, host):
    response = page.goto(host + "was/")  # redirect_maps: was.md → tilgaengelighedserklaering.md
    assert response.status == 200
    page.wait_for_url(host + pages.url_of(pages.ACCESSIBILITY))
    assert "Siden findes ikke" not in page.locator("article h1").inner_text()


@pytest.mark.parametrize(("width", "palette"), [(360, "light"), (1280, "dark")])
def test_the_404_page_has_no_axe_violations(new_page, host, axe, width, palette):
    page = new_page(color_scheme=palette, viewport={"width": width, "height": 800})
    open_missing(page, host, "a/b/c/")
    violations = axe_violations(page, axe.axe_script)
    assert not violations, describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
