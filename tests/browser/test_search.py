"""Danish search in a real browser: Pagefind's index of the built site, typed into the header's box."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from generator.site import pages

TOP = 3  # "among the first results"


def key_word(title: str) -> str:
    """The longest word of a title: what a reader would type to find the theme."""
    return max(re.findall(r"\w+", title), key=len).lower()


def url(node) -> str:
    return "/" + pages.url_of(pages.path_of(node))


def type_query(page, query: str) -> None:
    """Type `query` into the search box as a reader does; wait until the list answers it."""
    box = page.locator(".md-search__input")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result').getAttribute('data-query') === q", arg=query
    )


def search(page, query: str) -> list[str]:
    """The paths of the result pages, best first."""
    type_query(page, query)
    hrefs = page.locator(".md-search-result__item > a:first-child").evaluate_all(
        "els => els.map(e => e.href)"
    )
    return [urlparse(h).path for h in hrefs]


def show_all(page) -> list[str]:
    """Press "Vis flere" until every result is listed; the paths of all result pages."""
    more = page.locator(".vive-search-more > button")
    while more.count():
        before = page.locator(".md-search-result__item > a:first-child").count()
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.md-search-result__item > a:first-child').length > n", arg=before
        )
    hrefs = page.locator(".md-search-result__item > a:first-child").evaluate_all(
        "els => els.map(e => e.href)"
    )
    return [urlparse(h).path for h in hrefs]


def record_requests(page) -> list[str]:
    """Paths the page (and its workers: Pagefind searches in one) request from now on."""
    paths: list[str] = []
    page.context.on("request", lambda request: paths.append(urlparse(request.url).path))
    return paths


def of_search(paths: list[str]) -> list[str]:
    return [p for p in paths if p.startswith("/pagefind/") or p.endswith("/assets/search.js")]


@pytest.fixture
def search_page(page, served_site):
    page.goto(served_site.url())
    page.locator(".md-search__input").click()
    page.wait_for_function("() => document.querySelector('.md-search[data-ready]')")
    return page


def article_text(served_site, node) -> str:
    """The text of a built page's article, as Pagefind reads it (lower case)."""
    html = (served_site.root / url(node).strip("/") / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"<[^>]+>", " ", article).lower()


def test_a_themes_key_word_finds_its_page_among_the_first_results(search_page, real_site):
    misses = []
    for theme in real_site.themes.values():
        query = key_word(theme.model.titel)
        found = search(search_page, query)[:TOP]
        if url(theme) not in found:
            misses.append(f"{query!r} → {found}")
    assert misses == []


def test_a_themes_whole_title_finds_it_among_the_first_results(search_page, real_site):
    misses = []
    for theme in real_site.themes.values():
        found = search(search_page, theme.model.titel)
        if url(theme) not in found[:TOP]:
            misses.append(f"{theme.model.titel!r} → {found[:3]}")
    assert misses == []


# Inflected and compound forms, and the stem a page must contain to be an answer to them.
INFLECTED = {
    "netværket": "netværk",
    "pårørendes": "pårørende",
    "borgerens": "borger",
    "relationerne": "relation",
    "fællesskaberne": "fællesskab",
}


@pytest.mark.parametrize("query", list(INFLECTED))
def test_an_inflected_form_finds_a_theme_about_it_among_the_first_results(
    search_page, served_site, real_site, query
):
    stem = INFLECTED[query]
    about = {url(t) for t in real_site.themes.values() if stem in article_text(served_site, t)}
    assert about, f"the real content has a theme about {stem!r}"
    found = search(search_page, query)[:TOP]
    assert about & set(found), f"{query!r} → {found}; themes about {stem!r}: {sorted(about)}"


def test_a_compound_without_its_hyphen_finds_the_hyphenated_word(search_page, real_site):
    """ "recoveryorienteret" finds "recovery-orienteret", and links to the section that has it."""
    rec = next(r for r in real_site.pejlemaerker if "recovery-orienteret" in r.model.titel.lower())
    type_query(search_page, "recoveryorienteret")
    target = url(rec) + "#" + rec.id
    sections = search_page.locator(".vive-search-section").evaluate_all(
        "els => els.map(e => new URL(e.href).pathname + new URL(e.href).hash)"
    )
    assert target in sections[:TOP]


def test_queries_with_danish_letters_find_their_theme(search_page, real_site):
    danish = [t for t in real_site.themes.values() if re.search("[æøå]", key_word(t.model.titel))]
    assert danish, "the real content has theme titles with æ, ø or å"
    for theme in danish:
        query = key_word(theme.model.titel)
        assert url(theme) in search(search_page, query)[:TOP], query
    # Upper-case Danish letters too: the reader's phone may capitalise the first letter.
    theme = danish[0]
    query = key_word(theme.model.titel).upper()
    assert url(theme) in search(search_page, query)[:TOP], query


def test_a_case_name_finds_its_case_page_first(search_page, real_site):
    misses = []
    for case in real_site.cases.values():
        for query in {case.model.navn, case.model.navn.split()[0]}:
            found = search(search_page, query)[:1]
            if url(case) not in found:
                misses.append(f"{query!r} → {found}")
    assert misses == []


def test_a_case_is_found_by_its_municipality_and_region(search_page, real_site):
    misses = []
    for case in real_site.cases.values():
        for query in filter(None, [case.model.kommune, case.model.region]):
            search(search_page, query)
            if url(case) not in show_all(search_page):
                misses.append(f"{case.model.navn}: {query!r}")
    assert misses == []


def test_results_show_excerpts_with_the_words_marked_and_no_interface_text(search_page, real_site):
    theme = real_site.mappings[0].themes[0]
    type_query(search_page, key_word(theme.model.titel))
    excerpts = search_page.locator(".md-search-result__article p").all_inner_texts()
    assert excerpts
    assert search_page.locator(".md-search-result__article p mark").count() > 0
    for text in excerpts:
        assert "¶" not in text
        assert "Grundlag:" not in text


def test_a_query_that_matches_nothing_says_so(search_page):
    search(search_page, "zxqvjkøåæ")
    assert search_page.locator(".md-search-result__item").count() == 0
    assert search_page.locator(".md-search-result__meta").inner_text() == "Ingen resultater fundet"


def test_editors_pages_and_the_sources_list_are_not_in_readers_results(search_page, served_site):
    # Words that stand on the editors' guide, the coverage page and the sources list.
    for query in ("YAML", "redaktionel", "Socialstyrelsen"):
        search(search_page, query)
        found = show_all(search_page)
        for path in ("/redaktoervejledning/", "/redaktion/daekning/", "/kilder/"):
            assert path not in found, (query, found)


def test_perspective_pages_leave_the_repeated_theme_text_to_the_theme_page(search_page, real_site):
    perspective = real_site.mappings[0].perspectives[0]
    theme, section = next((t, s) for t, s in perspective.sections if not s.ikke_gengivet)
    query = theme.model.titel
    found = search(search_page, query)
    assert found[0] == url(theme)
    assert url(perspective) not in show_all(search_page)


def test_a_section_link_lands_on_its_heading(search_page, real_site):
    rec = next(r for r in real_site.pejlemaerker if "recovery-orienteret" in r.model.titel.lower())
    type_query(search_page, "recoveryorienteret")
    link = search_page.locator(f".vive-search-section[href$='#{rec.id}']").first
    link.click()
    search_page.wait_for_url(re.compile(f"#{rec.id}$"))
    heading = search_page.locator(f"[id='{rec.id}']")
    assert heading.evaluate("e => /^H[1-6]$/.test(e.tagName)")
    search_page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight; }",
        arg=rec.id,
    )
    assert not search_page.locator(".md-search__inner").is_visible() or not search_page.evaluate(
        "document.getElementById('__search').checked"
    )


def test_nothing_of_the_search_is_fetched_before_the_reader_searches(page, served_site):
    requests = record_requests(page)
    page.goto(served_site.url())
    page.wait_for_load_state("networkidle")
    assert "/" in requests  # the recorder sees the page's own requests …
    assert of_search(requests) == []  # … and nothing of the search: a reader who never searches pays nothing
    page.locator(".md-search__input").focus()
    page.wait_for_function("() => document.querySelector('.md-search[data-ready]')")  # script ran
    # Focus fetches only the small result script; engine and index wait for the first word.
    assert of_search(requests) == ["/assets/search.js"]
    type_query(page, "recovery")
    fetched = of_search(requests)
    assert "/pagefind/pagefind.js" in fetched
    assert any(p.endswith(".pagefind") for p in fetched)  # the WebAssembly engine
    assert any(p.endswith(".pf_index") for p in fetched)  # an index chunk


def test_search_works_from_the_keyboard_alone(page, served_site, real_site):
    theme = real_site.mappings[0].themes[0]
    page.goto(served_site.url(pages.url_of(pages.path_of(real_site.mappings[0]))))
    page.keyboard.press("/")  # Material's shortcut opens the search
    query = key_word(theme.model.titel)
    page.keyboard.type(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result').getAttribute('data-query') === q", arg=query
    )
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.className")
    assert "md-search-result__link" in focused
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(pages.url_of(pages.path_of(theme)))))


def test_escape_closes_the_search_from_the_box_and_from_a_result(search_page):
    assert search_page.evaluate("document.getElementById('__search').checked")
    search_page.keyboard.press("Escape")
    assert not search_page.evaluate("document.getElementById('__search').checked")
    type_query(search_page, "recovery")  # typing in the box opens it again
    assert search_page.evaluate("document.getElementById('__search').checked")
    search_page.keyboard.press("ArrowDown")
    assert search_page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    search_page.keyboard.press("Escape")
    assert not search_page.evaluate("document.getElementById('__search').checked")


# Where the header shows a Søg button (a phone) focus returns to it; where the box itself stands
# in the header (a desktop) focus returns to the box, which stays closed until the reader types.
@pytest.mark.parametrize(("width", "control"), [(360, ".vive-search-open"), (1280, ".md-search__input")])
def test_escape_returns_focus_to_the_control_that_opens_the_search(new_page, served_site, width, control):
    page = new_page(viewport={"width": width, "height": 800})
    page.goto(served_site.url())
    page.keyboard.press("/")
    page.wait_for_function("() => document.querySelector('.md-search[data-ready]')")
    for leave_from in ("box", "result"):
        type_query(page, "recovery")
        if leave_from == "result":
            page.keyboard.press("ArrowDown")
            assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")
        assert page.evaluate("s => document.activeElement.matches(s)", control), page.evaluate(
            "document.activeElement.outerHTML.slice(0, 80)"
        )
        assert page.locator(control).is_visible()
        if control == ".vive-search-open":
            page.keyboard.press("Enter")  # the button opens the search again, in the box
            page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
        assert page.evaluate("document.getElementById('__search').checked") == (
            control != ".md-search__input"
        )


def test_the_search_dialog_and_box_have_accessible_names(page, served_site):
    page.goto(served_site.url())
    assert page.get_by_role("dialog", name="Søg").count() == 1
    assert page.get_by_role("textbox", name="Søg på sitet").count() == 1


def test_on_a_phone_the_header_button_opens_the_search_and_the_results_fit(new_page, served_site, real_site):
    page = new_page(viewport={"width": 360, "height": 740})
    page.goto(served_site.url())
    button = page.get_by_role("button", name="Søg", exact=True)
    assert button.is_visible()
    button.focus()  # reachable by keyboard, not only by touch
    page.keyboard.press("Enter")
    box = page.locator(".md-search__input")
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    assert box.is_visible()
    theme = real_site.mappings[0].themes[0]
    assert url(theme) in search(page, key_word(theme.model.titel))[:TOP]
    # Material slides the open search in (a CSS transition): measure where it comes to rest.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    first = page.locator(".md-search-result__item > a").first
    assert first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box_right = first.evaluate("e => e.getBoundingClientRect().right")
    assert box_right <= 360


@pytest.mark.parametrize("query", ["recovery", "civilsamfumd"])  # results; "Mente du …?"
@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_no_axe_violations_with_the_search_open(new_page, served_site, palette, width, query):
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import WCAG_TAGS, describe

    page = new_page(color_scheme=palette, viewport={"width": width, "height": 800})
    page.goto(served_site.url())
    page.keyboard.press("/")
    type_query(page, query)  # results with marked words, sections, "Vis flere" or "Mente du"
    assert page.locator(".md-search-result__item").count() > 1
    assert page.locator(".md-search-result__list").is_visible()
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert not violations, describe(violations)


# --- Search that forgives: typos, everyday words (soegeord), compounds --------------------


def one_letter_off(word: str) -> list[str]:
    """Three typos of `word`, one edit each: a letter swapped for a wrong one, a letter left
    out, two letters swapped (all in the middle, where a thumb slips)."""
    mid = len(word) // 2
    wrong = "q" if word[mid] != "q" else "x"
    return [
        word[:mid] + wrong + word[mid + 1 :],
        word[:mid] + word[mid + 1 :],
        word[: mid - 1] + word[mid] + word[mid - 1] + word[mid + 1 :],
    ]


def suggestions(page) -> list[str]:
    return page.locator(".vive-search-suggest__ord").all_inner_texts()


def test_a_theme_word_with_one_wrong_letter_finds_the_theme(search_page, real_site):
    misses = []
    for theme in real_site.themes.values():
        word = key_word(theme.model.titel)
        for typo in one_letter_off(word):
            found = search(search_page, typo)[:TOP]
            if url(theme) not in found:
                misses.append(f"{typo!r} → {found} (Mente du: {suggestions(search_page)})")
            elif word not in suggestions(search_page) and typo != word:
                misses.append(f"{typo!r}: 'Mente du' foreslår ikke {word!r}: {suggestions(search_page)}")
    assert misses == []


def test_a_typo_that_finds_nothing_offers_the_word_and_its_results(search_page, real_site):
    theme = next(t for t in real_site.themes.values() if "civilsamfund" in t.model.titel)
    found = search(search_page, "civilsamfumd")  # Pagefind alone finds nothing for it
    meta = search_page.locator(".md-search-result__meta").inner_text()
    assert meta.startswith("Ingen resultater for »civilsamfumd«"), meta
    assert "civilsamfund" in meta  # the status line (a live region) says what is shown
    assert url(theme) in found[:TOP]
    assert suggestions(search_page)[0] == "civilsamfund"
    # The suggestion is a button: it searches for the word.
    search_page.locator(".vive-search-suggest__ord").first.click()
    search_page.wait_for_function(
        "() => document.querySelector('.md-search-result').getAttribute('data-query') === 'civilsamfund'"
    )
    assert search_page.locator(".md-search__input").input_value() == "civilsamfund"
    assert suggestions(search_page) == []
    assert url(theme) in search(search_page, "civilsamfund")[:TOP]


def theme_text(served_site, theme) -> str:
    """What the reader sees of a theme page: the article without the hidden search words."""
    text = article_text(served_site, theme)
    return text.replace(", ".join(theme.model.soegeord), " ")


def test_every_search_word_finds_its_theme_and_stays_out_of_sight(search_page, served_site, real_site):
    """Everyday words a theme's own text does not use (the editors' `soegeord`) find the theme."""
    themes = [t for t in real_site.themes.values() if t.model.soegeord]
    assert len(themes) == len(real_site.themes), "every real theme has search words"
    misses, tried = [], 0
    for theme in themes:
        visible = theme_text(served_site, theme)
        for word in theme.model.soegeord:
            if word in visible:
                continue  # found by the text itself anyway
            tried += 1
            found = search(search_page, word)[:TOP]
            if url(theme) not in found:
                misses.append(f"{word!r} → {found}, ikke {url(theme)}")
                continue
            # The result shows the theme's text, never the list of search words.
            index = found.index(url(theme))
            excerpt = (
                search_page.locator(".md-search-result__item").nth(index).locator("p").first.inner_text()
            )
            if ", ".join(theme.model.soegeord[:2]) in excerpt:
                misses.append(f"{word!r}: uddraget viser søgeordene: {excerpt!r}")
    assert tried >= 2 * len(themes)
    assert misses == []


def test_search_words_are_not_shown_on_the_theme_page(page, served_site, real_site):
    theme = next(t for t in real_site.themes.values() if t.model.soegeord)
    page.goto(served_site.url(pages.url_of(pages.path_of(theme))))
    words = page.locator(".vive-soegeord")
    assert words.count() == 1
    assert not words.is_visible()
    assert theme.model.soegeord[0] not in page.locator("article").inner_text().lower().split()


def test_a_compound_of_two_theme_words_finds_the_theme(search_page, real_site):
    """ "familienetværk" as "familie netværk": Pagefind alone matches a compound only by its start."""
    misses, tried = [], 0
    for theme in real_site.themes.values():
        words = [w.lower() for w in re.findall(r"\w+", theme.model.titel) if len(w) >= 5]
        if len(words) < 2:
            continue
        compound = words[0] + words[1]
        tried += 1
        found = search(search_page, compound)[:TOP]
        if url(theme) not in found:
            misses.append(f"{compound!r} → {found} (Mente du: {suggestions(search_page)})")
    assert tried >= 5
    assert misses == []
    found = search(search_page, "familienetværk")
    assert "familie netværk" in suggestions(search_page)
    theme = next(t for t in real_site.themes.values() if "Familie" in t.model.titel)
    assert url(theme) in found[:TOP]


def test_the_vocabulary_waits_for_a_word_the_site_does_not_have(page, served_site):
    requests = record_requests(page)
    page.goto(served_site.url())
    page.locator(".md-search__input").focus()
    page.wait_for_function("() => document.querySelector('.md-search[data-ready]')")
    assert "/pagefind/vive-ord.json" not in requests
    type_query(page, "netværket")  # words the site has: Pagefind's answer is enough
    assert page.locator(".md-search-result__item").count() > 0
    assert "/pagefind/vive-ord.json" not in requests
    type_query(page, "beskæftigelsse")  # a typo: now the vocabulary
    assert "/pagefind/vive-ord.json" in requests
