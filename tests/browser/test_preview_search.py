"""The live preview's search in a real browser: while the index of the last save is being built
(just after the page is shown: SearchInBackground), the search box says so, in Danish, as a
status the screen reader reads; when it is in place the query runs again on the new index."""

from __future__ import annotations

import json

from ..bench.serve_latency import fetch, served_folder, wait_until


def _state(folder, state: str) -> None:
    path = folder / "pagefind" / "vive-forhaandsvisning.json"
    path.write_text(json.dumps({"soegning": state}), encoding="utf-8")


def test_the_search_box_says_when_the_preview_is_catching_up(served, new_page):
    work, _yaml_file, url, _title = served
    base = "/".join(url.split("/", 3)[:3])
    state_url = base + "/pagefind/vive-forhaandsvisning.json"
    assert (
        wait_until(lambda: json.loads(fetch(state_url))["soegning"] == "opdateret", timeout=180) is not None
    )
    folder = served_folder(work)
    page = new_page()
    try:
        _state(folder, "opdateres")  # as from the end of a build until its index is in place
        page.goto(url, wait_until="load")
        page.locator(".md-search__input").focus()
        page.locator(".md-search__input").press_sequentially("netværk")
        note = page.locator(".vive-search-forhaandsvisning[role=status]")
        note.get_by_text("søgningen opdateres efter din seneste ændring").wait_for(timeout=60_000)
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)  # the last index meanwhile
        with page.expect_request(lambda request: "pagefind-entry.json" in request.url):  # loaded again
            _state(folder, "opdateret")
        page.wait_for_function("() => !document.querySelector('.vive-search-forhaandsvisning').textContent")
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)  # the query again
        _state(folder, "fejl")
        page.locator(".md-search__input").press_sequentially("s")
        note.get_by_text("søgningen kunne ikke opdateres").wait_for(timeout=60_000)
    finally:
        _state(folder, "opdateret")
