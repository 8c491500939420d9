"""Privacy: loading any page asks no other host than 127.0.0.1 for anything.

Every page in both palettes is loaded by tests/browser/test_accessibility.py's axe runs, whose
recorder (conftest.new_page) fails a test on any request to another host; here: the search, the
recorder itself, and the built HTML."""

from __future__ import annotations

import re

from .conftest import LOCAL_HOST


def test_searching_requests_nothing_from_another_host(page, served_site, recorder):
    searched: list[str] = []
    page.context.on("request", lambda request: searched.append(request.url))
    page.goto(served_site.url())
    page.locator(".md-search__input").press_sequentially("sundhed")
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in url and url.endswith(".pf_index") for url in searched)  # it searched
    assert recorder.foreign == []


def test_the_recorder_catches_a_request_to_another_host(page, served_site, recorder):
    """The recorder itself must work, or the tests above prove nothing."""
    page.goto(served_site.url())
    page.evaluate("fetch('https://fonts.googleapis.com/css?family=Roboto').catch(() => null)")
    page.wait_for_load_state("networkidle")
    assert recorder.foreign == ["https://fonts.googleapis.com/css?family=Roboto"]
    recorder.foreign.clear()  # expected here; the fixture's teardown check must pass


def test_no_built_page_references_a_remote_asset(served_site):
    remote = re.compile(
        r"""<(?:script|img|iframe|link|source|video|audio)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//"""
    )
    hits = []
    for html in served_site.root.rglob("*.html"):
        for match in remote.finditer(html.read_text(encoding="utf-8")):
            tag = match.group(0)
            if LOCAL_HOST in tag or 'rel="canonical"' in tag:
                continue
            hits.append(f"{html.relative_to(served_site.root)}: {tag}")
    assert hits == []
