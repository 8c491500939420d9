"""Browser fixtures: the real site, built once, served on 127.0.0.1, driven by Debian's Chromium.

One build (the session's `built_site`), one HTTP server and one browser per session;
a fresh browser context per test.
Every request to another host than 127.0.0.1 is recorded, blocked and fails the test.
A missing browser fails (never skips): the issue requires these tests to run in CI.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ..chromium import CHROMIUM, CHROMIUM_ARGS

LOCAL_HOST = "127.0.0.1"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


class _ShortRepr:
    """The linked site with a short repr: pytest prints test arguments on failure, and the
    repr of the whole graph (dataclasses with links both ways) takes minutes."""

    def __init__(self, site):
        self._site = site

    def __getattr__(self, name):
        return getattr(self._site, name)

    def __repr__(self) -> str:
        return "<the real site from themes_data/>"


@pytest.fixture(scope="session")
def real_site(real_site):  # noqa: F811 - wraps the session fixture of tests/conftest.py
    return _ShortRepr(real_site)


@dataclass
class Served:
    root: Path
    base: str  # http://127.0.0.1:PORT/

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[Served]:
    root = built_site  # the session's one strict build of the real site
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(root, f"http://{LOCAL_HOST}:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium mangler ({CHROMIUM}). Kør `make browser` (installerer Debians chromium), "
            "eller sæt CHROMIUM=/sti/til/chromium. Browsertestene springes aldrig over.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Playwright gives up on a launch after 30 s; a loaded CI machine may need longer.
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=180_000)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe():
    """axe-core for Playwright (its script read once for the run)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@dataclass
class Recorder:
    """Every request the page made to a host other than 127.0.0.1."""

    foreign: list[str] = field(default_factory=list)
    local: int = 0

    @staticmethod
    def is_foreign(url: str) -> bool:
        parts = urlparse(url)
        return parts.scheme not in ("data", "blob", "about") and parts.hostname != LOCAL_HOST

    def seen(self, request) -> None:
        if self.is_foreign(request.url):
            if request.url not in self.foreign:
                self.foreign.append(request.url)
        else:
            self.local += 1

    def route(self, route) -> None:
        if self.is_foreign(route.request.url):
            route.abort()  # recorded by `seen`; never wait on the network
        else:
            route.continue_()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def new_page(browser, recorder):
    """Factory for pages in fresh contexts (palette, viewport, JavaScript), all recorded."""
    contexts = []

    def make(**context_options):
        context = browser.new_context(locale="da-DK", **context_options)
        context.on("request", recorder.seen)
        context.route("**/*", recorder.route)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(60_000)  # an upper bound for each wait; a loaded CI machine is slow
        return page

    yield make
    for context in contexts:
        context.close()
    assert recorder.foreign == [], f"Forespørgsler til andre værter end {LOCAL_HOST}: {recorder.foreign}"


@pytest.fixture
def page(new_page):
    return new_page()


def page_kinds(site) -> dict[str, str]:
    """One URL path for every kind of page, from stable facts of the real content."""
    from generator.render import pages

    first_theme = site.mappings[0].themes[0]
    first_case = sorted(site.cases.values(), key=lambda c: c.id)[0]
    first_perspective = site.mappings[0].perspectives[0]
    return {
        "forside": "",
        "kortlaegning": pages.url_of(pages.path_of(site.mappings[0])),
        "tema": pages.url_of(pages.path_of(first_theme)),
        "case": pages.url_of(pages.path_of(first_case)),
        "perspektiv": pages.url_of(pages.path_of(first_perspective)),
        "matrix": pages.url_of(pages.matrix_path(site.mappings[0])),
        "spoergsmaalskort": pages.url_of(pages.cards_path(site.mappings[0])),
        "casefinder": pages.url_of(pages.CASES_INDEX),
        "kilder": pages.url_of(pages.SOURCES),
        "tilgaengelighed": pages.url_of(pages.ACCESSIBILITY),
        "aabne-data": pages.url_of(pages.OPEN_DATA),
    }
