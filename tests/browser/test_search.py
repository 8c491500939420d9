"""Danish search in a real browser: Pagefind's index of the built site, typed into the header's box."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from generator.render import pages

from .conftest import LOCAL_HOST, Recorder

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


@pytest.fixture(scope="module")
def search_tab(browser):
    """One tab for this module's searches: Pagefind's engine and index are fetched and compiled
    once, not once a test (about 1 s each). Every request of it is recorded."""
    recorder = Recorder()
    context = browser.new_context(locale="da-DK")
    context.on("request", recorder.seen)
    context.route("**/*", recorder.route)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page, recorder
    context.close()


@pytest.fixture
def search_page(search_tab, served_site):
    """The front page with the search open, ready and empty, as a reader finds it (the shared
    tab is brought back to it: a test may have followed a result or closed the search)."""
    page, recorder = search_tab
    front = served_site.url()
    if page.url != front:
        page.goto(front)
    box = page.locator(".md-search__input")
    box.fill("")  # an empty query clears the list and its data-query at once (search.js)
    box.click()
    page.wait_for_function(
        "() => document.querySelector('.md-search[data-ready]')"
        " && document.getElementById('__search').checked"
        " && !document.querySelector('.md-search-result').hasAttribute('data-query')"
    )
    yield page
    assert recorder.foreign == [], f"Forespørgsler til andre værter end {LOCAL_HOST}: {recorder.foreign}"


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


def test_a_query_that_matches_nothing_says_so_and_offers_the_ways_in(search_page, real_site):
    search(search_page, "zxqvjkøåæ")
    assert search_page.locator(".md-search-result__item").count() == 0
    assert search_page.locator(".md-search-result__meta").inner_text() == "Ingen resultater for »zxqvjkøåæ«."
    ways = search_page.locator(".vive-search-veje")
    assert ways.is_visible()
    hrefs = [urlparse(h).path for h in ways.locator("a").evaluate_all("els => els.map(e => e.href)")]
    expected = [url(m) for m in real_site.mappings] + ["/" + pages.url_of(pages.CASES_INDEX)]
    assert hrefs == expected
    search_page.keyboard.press("ArrowDown")  # the keyboard reaches them as it reaches results
    assert urlparse(search_page.evaluate("document.activeElement.href")).path == expected[0]
    type_query(search_page, "recovery")  # a query with results: the ways in go
    assert ways.is_hidden()


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
def test_no_axe_violations_with_the_search_open(new_page, served_site, axe, palette, width, query):
    from .test_accessibility import WCAG_TAGS, describe

    page = new_page(color_scheme=palette, viewport={"width": width, "height": 800})
    page.goto(served_site.url())
    page.keyboard.press("/")
    type_query(page, query)  # results with marked words, sections, "Vis flere" or "Mente du"
    assert page.locator(".md-search-result__item").count() > 1
    assert page.locator(".md-search-result__list").is_visible()
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
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


# --- No results is an honest answer (issue 27) ------------------------------------------------


def site_words(served_site) -> set[str]:
    """Every word of the indexed text, read here from Pagefind's fragments (not from the UI's list)."""
    from generator.render.search_index import words_of

    from ..pagefind_bundle import fragments

    found: set[str] = set()
    for fragment in fragments(served_site.root).values():
        found.update(words_of(fragment["content"] + " " + " ".join(fragment["meta"].values())))
    return found


def finds_by_start(word: str, words: set[str]) -> bool:
    """True if a word of the site starts with `word`: Pagefind's honest answer to it."""
    return any(w.startswith(word) for w in words)


def nonsense_words(words: set[str], n: int, seed: int) -> list[str]:
    """Words no word of the site starts with, of Danish letters and Danish shapes (a consonant or
    two, then a vowel), 5 to 12 letters: held-out queries, not a list chosen to pass."""
    import random

    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        word = ""
        while len(word) < rng.randint(5, 12):
            word += rng.choice("bdfghjklmnprstv") + rng.choice(["", "r", "l", "j"]) + rng.choice("aeiouyæøå")
        if not finds_by_start(word, words) and word not in out:
            out.append(word)
    return out


def marks(page) -> list[str]:
    return [
        m.lower().strip(".,:;?!()»«") for m in page.locator(".md-search-result__item mark").all_inner_texts()
    ]


def check_no_false_answer(page, query: str, words: set[str]) -> list[str]:
    """What is wrong with the answer to a query no word of the site starts with."""
    problems = []
    meta = page.locator(".md-search-result__meta").inner_text()
    if not meta.startswith(f"Ingen resultater for »{query}«."):
        problems.append(f"{query!r}: status {meta!r}")
    shown = page.locator(".md-search-result__item > a:first-child").count()
    offered = suggestions(page)
    if shown and not offered:
        problems.append(f"{query!r}: {shown} resultater uden 'Mente du'")
    if shown:
        if f"Viser resultater for {offered[0]}:" not in meta:
            problems.append(f"{query!r}: status siger ikke, hvad der vises: {meta!r}")
        parts = offered[0].split()
        for part in parts:  # a suggestion is made of the site's words
            if not finds_by_start(part, words):
                problems.append(f"{query!r}: forslaget {part!r} er ikke et ord på sitet")
        for m in marks(page):  # the marks are the suggestion's words, never a short start of the query
            if not any(m.startswith(p[:3]) or p.startswith(m[:3]) for p in parts):
                problems.append(f"{query!r}: markeret {m!r}, forslag {offered[0]!r}")
    elif page.locator(".vive-search-veje").is_hidden():
        problems.append(f"{query!r}: ingen resultater og ingen veje ind")
    return problems


# The issue's words: Pagefind alone answers them with the pages of "på", "vi" and "s".
ISSUE_NONSENSE = ["patient", "parkeringsbøde", "paraply", "pandekage", "vinter", "skattefradrag"]


def test_typed_nonsense_shows_no_results_only_what_the_site_has(search_page, served_site):
    words = site_words(served_site)
    assert len(words) > 1000
    queries = [q for q in ISSUE_NONSENSE if not finds_by_start(q, words)]
    assert queries == ISSUE_NONSENSE, "the site has gained one of the issue's words"
    queries += nonsense_words(words, 12, seed=27)
    problems = []
    for query in queries:
        type_query(search_page, query)
        problems += check_no_false_answer(search_page, query, words)
    assert problems == []


def test_a_word_the_site_has_is_answered_with_its_pages(search_page, served_site, real_site):
    """The other side of the rule: a query that starts a word of the site gets that word's pages,
    each marked with a word that starts with the query (held-out: words drawn from the site; not
    the themes' hidden search words, whose results show the page's opening, not marks)."""
    import random

    hidden = {w for t in real_site.themes.values() for s in t.model.soegeord for w in s.split()}
    words = sorted(w for w in site_words(served_site) - hidden if len(w) >= 6 and w.isalpha())
    problems = []
    for word in random.Random(2027).sample(words, 8):
        query = word[: max(5, len(word) - 2)]
        type_query(search_page, query)
        meta = search_page.locator(".md-search-result__meta").inner_text()
        if meta.startswith("Ingen resultater"):
            problems.append(f"{query!r} ({word}): {meta!r}")
        elif not any(m.startswith(query) or query.startswith(m) for m in marks(search_page)):
            problems.append(f"{query!r}: markeret {marks(search_page)[:5]}")
    assert problems == []


def test_everyday_words_find_their_theme(search_page, real_site):
    familie = next(t for t in real_site.themes.values() if t.id == "familie-venner-faellesskaber")
    hverdag = next(t for t in real_site.themes.values() if t.id == "trivsel-sundhed-hverdag")
    assert url(familie) in search(search_page, "kammerater")[:TOP]
    assert url(hverdag) in search(search_page, "hverdagsliv")[:TOP]


def test_a_word_no_typo_of_a_site_word_is_offered_a_related_theme_word(search_page, served_site, real_site):
    """ "kammeratskab" shares its stem with a theme's word; a compound ending in a theme's word has
    it as its head. Generated from every theme's title words, not a list."""
    words = site_words(served_site)
    tried, problems = 0, []
    for theme in real_site.themes.values():
        head = max(re.findall(r"\w+", theme.model.titel.lower()), key=len)
        for query in (f"qvægs{head}", head[:-1] + "xqskab"):
            if finds_by_start(query, words) or len(head) < 7:
                continue
            tried += 1
            found = search(search_page, query)
            offered = suggestions(search_page)
            if not any(head in o or o.startswith(head[:5]) for o in offered):
                problems.append(f"{query!r}: Mente du {offered}")
            elif url(theme) not in found[:5]:
                problems.append(f"{query!r}: {found[:5]}")
    assert tried >= 10
    assert problems == []
    search(search_page, "kammeratskab")
    assert "kammerater" in suggestions(search_page)


def empty_perspectives(site) -> set[str]:
    return {url(p) for p in site.perspectives.values() if all(a.ikke_gengivet for _, a in p.sections)}


@pytest.mark.parametrize("query", ["fagekspert", "botilbudsleder", "praksis i dybden", "borger"])
def test_a_page_without_content_ranks_below_pages_with_it_and_says_what_it_is(search_page, real_site, query):
    empty = empty_perspectives(real_site)
    assert len(empty) >= 3
    search(search_page, query)
    found = show_all(search_page)
    at = [i for i, path in enumerate(found) if path in empty]
    assert at, f"{query!r}: no page without content among {found}"
    assert min(at) == len(found) - len(at), f"{query!r}: {found}"  # every empty page after the rest
    for i in at:
        text = search_page.locator(".md-search-result__item").nth(i).inner_text()
        assert "Ikke gengivet her endnu" in text, text


def test_the_readme_says_what_focus_fetches_and_how_much(page, served_site):
    """Focus fetches the result script before any keystroke (issue 27.5): the README says so, with
    the script's size as it is, raw and with gzip, and the vocabulary's."""
    import gzip

    from ..conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    said = re.search(r"`content/assets/search\.js` \((\d+) KB, (\d+) KB med gzip\) – også hvis", readme)
    assert said, "README's Søgning says what focus fetches"
    script = (served_site.root / "assets" / "search.js").read_bytes()
    assert (int(said[1]), int(said[2])) == (
        round(len(script) / 1024),
        round(len(gzip.compress(script)) / 1024),
    )
    vocab = re.search(r"`pagefind/vive-ord\.json`, ca\. (\d+) KB med gzip", readme)
    vocabulary = (served_site.root / "pagefind" / "vive-ord.json").read_bytes()
    assert vocab and abs(int(vocab[1]) - len(gzip.compress(vocabulary)) / 1024) <= 1.5
    requests = record_requests(page)
    page.goto(served_site.url())
    page.locator(".md-search__input").focus()
    page.wait_for_function("() => document.querySelector('.md-search[data-ready]')")
    assert of_search(requests) == ["/assets/search.js"]  # as the README says: the script, nothing more
