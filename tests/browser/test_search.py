"""Danish search in a real browser: Material's built-in search with `lang: da`."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from generator import pages

TOP = 3  # "among the first results"


def key_word(title: str) -> str:
    """The longest word of a title: what a reader would type to find the theme."""
    return max(re.findall(r"\w+", title), key=len).lower()


def search(page, query: str) -> list[str]:
    """Type `query` into the search box as a reader does; the paths of the result pages, best first."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q"
        " && document.querySelectorAll('.md-search-result__item').length > 0",
        arg=query,
    )
    page.wait_for_timeout(150)  # let the last keystroke's results replace the earlier ones
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return [urlparse(h).path for h in hrefs]


@pytest.fixture
def search_page(page, served_site):
    page.goto(served_site.url())
    page.locator(".md-search__input").click()
    return page


def test_a_themes_key_word_finds_its_page_among_the_first_results(search_page, real_site):
    misses = []
    for theme in real_site.themes.values():
        query = key_word(theme.model.titel)
        found = search(search_page, query)[:TOP]
        if "/" + pages.url_of(pages.path_of(theme)) not in found:
            misses.append(f"{query!r} → {found}")
    assert misses == []


def test_queries_with_danish_letters_find_their_theme(search_page, real_site):
    danish = [t for t in real_site.themes.values() if re.search("[æøå]", key_word(t.model.titel))]
    assert danish, "the real content has theme titles with æ, ø or å"
    for theme in danish:
        query = key_word(theme.model.titel)
        assert "/" + pages.url_of(pages.path_of(theme)) in search(search_page, query)[:TOP], query
    # Upper-case Danish letters too: the reader's phone may capitalise the first letter.
    theme = danish[0]
    query = key_word(theme.model.titel).capitalize()
    assert "/" + pages.url_of(pages.path_of(theme)) in search(search_page, query)[:TOP], query


def test_a_case_name_finds_its_case_page(search_page, real_site):
    misses = []
    for case in real_site.cases.values():
        query = case.model.navn.split()[0]
        found = search(search_page, query)[:TOP]
        if "/" + pages.url_of(pages.path_of(case)) not in found:
            misses.append(f"{query!r} → {found}")
    assert misses == []


def test_search_works_from_the_keyboard_alone(page, served_site, real_site):
    theme = real_site.mappings[0].themes[0]
    page.goto(served_site.url(pages.url_of(pages.path_of(real_site.mappings[0]))))
    page.keyboard.press("/")  # Material's shortcut opens the search
    page.keyboard.type(key_word(theme.model.titel))
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(150)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.className")
    assert "md-search-result__link" in focused
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(pages.url_of(pages.path_of(theme)))))


def test_the_search_dialog_has_an_accessible_name(page, served_site):
    page.goto(served_site.url())
    assert page.get_by_role("dialog", name="Søg").count() == 1
