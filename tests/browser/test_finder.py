"""The case finder: filters, URL state, shared links, keyboard, and the list without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from generator.content.slugs import slugify
from generator.render import pages

FINDER = pages.url_of(pages.CASES_INDEX)
ITEMS = ".vive-finder__case"


def visible_names(page) -> set[str]:
    return set(page.locator(f"{ITEMS}:visible > a").all_inner_texts())


def names(cases) -> set[str]:
    return {c.model.navn for c in cases}


def shows(page, expected: set[str], timeout: float = 30_000) -> set[str]:
    """The names the list shows once it shows `expected` (waits for the filter to apply;
    on a busy machine the list may still show the previous filter's result for a moment).
    If it never does, the names it shows after `timeout` ms, for the assertion's message."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            """expected => {
                const shown = [...document.querySelectorAll('.vive-finder__case')]
                    .filter(li => li.checkVisibility())
                    .map(li => li.querySelector(':scope > a').innerText.trim()).sort();
                return JSON.stringify(shown) === JSON.stringify(expected);
            }""",
            arg=sorted(expected),
            timeout=timeout,
        )
    except PlaywrightTimeout:
        pass
    return visible_names(page)


def query_becomes(page, expected: dict[str, list[str]], timeout: float = 30_000) -> dict[str, list[str]]:
    """The page's query once it is `expected` (the finder writes it after filtering)."""
    page.wait_for_url(lambda url: parse_qs(urlparse(url).query) == expected, timeout=timeout)
    return parse_qs(urlparse(page.url).query)


def test_without_javascript_the_finder_is_a_complete_list(new_page, served_site, real_site):
    page = new_page(java_script_enabled=False)
    page.goto(served_site.url(FINDER))
    assert visible_names(page) == names(real_site.cases.values())
    assert page.locator("#vive-finder").is_hidden()  # no controls that cannot work


def test_filtering_by_kind_shows_only_that_kind_and_puts_it_in_the_url(page, served_site, real_site):
    page.goto(served_site.url(FINDER))
    assert visible_names(page) == names(real_site.cases.values())
    page.select_option("#finder-type", "botilbud")
    expected = names(c for c in real_site.cases.values() if c.model.type == "botilbud")
    assert shows(page, expected) == expected
    assert query_becomes(page, {"type": ["botilbud"]}) == {"type": ["botilbud"]}
    assert str(len(expected)) in page.locator("#finder-status").inner_text()


def test_filters_combine_legal_basis_region_and_theme(page, served_site, real_site):
    page.goto(served_site.url(FINDER))
    case = next(c for c in real_site.cases.values() if c.model.region and c.model.lovgrundlag)
    law, region = case.model.lovgrundlag[0], case.model.region
    page.select_option("#finder-lov", law.split()[-1])
    page.select_option("#finder-region", slugify(region))
    expected = names(
        c for c in real_site.cases.values() if law in c.model.lovgrundlag and c.model.region == region
    )
    assert case.model.navn in expected
    assert shows(page, expected) == expected

    theme = next(t for t in real_site.themes.values() if t.cases)
    page.select_option("#finder-lov", "")
    page.select_option("#finder-region", "")
    page.select_option("#finder-tema", theme.id)
    expected = names(c for c, _ in theme.cases)
    assert shows(page, expected) == expected
    assert query_becomes(page, {"tema": [theme.id]}) == {"tema": [theme.id]}

    page.get_by_role("button", name="Vis alle").click()  # the form's reset applies after a tick
    everything = names(real_site.cases.values())
    assert shows(page, everything) == everything
    assert query_becomes(page, {}) == {}


def test_a_shared_filtered_url_opens_the_same_view(page, served_site, real_site):
    case = next(c for c in real_site.cases.values() if c.model.region)
    kind, region = case.model.type, case.model.region
    page.goto(served_site.url(f"{FINDER}?type={kind}&region={slugify(region)}"))
    assert page.locator("#finder-type").input_value() == kind
    assert page.locator("#finder-region").input_value() == slugify(region)
    expected = names(c for c in real_site.cases.values() if c.model.type == kind and c.model.region == region)
    assert shows(page, expected) == expected
    assert len(expected) < len(real_site.cases)


def test_a_filter_that_matches_nothing_says_so(page, served_site, real_site):
    kinds = {c.model.type for c in real_site.cases.values() if "§ 85" in c.model.lovgrundlag}
    other = ({"kommune", "botilbud"} - kinds).pop()
    page.goto(served_site.url(f"{FINDER}?type={other}&lov=85"))
    assert shows(page, set()) == set()
    assert page.locator(".vive-finder__ingen").is_visible()


def test_an_unknown_value_in_the_url_is_ignored(page, served_site, real_site):
    page.goto(served_site.url(f"{FINDER}?type=findes-ikke"))
    assert page.locator("#finder-type").input_value() == ""
    everything = names(real_site.cases.values())
    assert shows(page, everything) == everything


def test_the_finder_works_from_the_keyboard_alone(page, served_site, real_site):
    page.goto(served_site.url(FINDER))
    for _ in range(200):  # Tab through the page as a keyboard user does
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "finder-type":
            break
    else:
        raise AssertionError("the kind filter cannot be reached with Tab")
    page.keyboard.type("Botilbud")  # a closed select picks the option by typing its name
    expected = names(c for c in real_site.cases.values() if c.model.type == "botilbud")
    assert shows(page, expected) == expected
    assert query_becomes(page, {"type": ["botilbud"]}) == {"type": ["botilbud"]}


# --- Never an empty list without a reason (issue 18) -----------------------------------------

# The finder's choices and reasons are its script's, not its layout's: checked on a phone.
PHONE = {"width": 360, "height": 640}


def option_labels(page, select: str) -> dict[str, str]:
    return page.eval_on_selector_all(
        f"{select} option",
        "os => Object.fromEntries(os.filter(o => o.value).map(o => [o.value, o.textContent]))",
    )


def cases_label(n: int) -> str:
    return f"({n} case)" if n == 1 else f"({n} cases)"


def test_every_theme_choice_says_how_many_cases_it_finds(new_page, served_site, real_site):
    page = new_page(viewport=PHONE)
    page.goto(served_site.url(FINDER))
    labels = option_labels(page, "#finder-tema")
    assert set(labels) == set(real_site.themes)
    for theme in real_site.themes.values():
        n = len({c.id for c, _ in theme.cases})
        assert labels[theme.id].endswith(cases_label(n)), labels[theme.id]
    # The counts follow the other choices: with one kind chosen, each theme counts only that kind.
    page.select_option("#finder-type", "botilbud")
    botilbud = {c.id for c in real_site.cases.values() if c.model.type == "botilbud"}
    expected = {
        t.id: cases_label(len({c.id for c, _ in t.cases} & botilbud)) for t in real_site.themes.values()
    }
    page.wait_for_function(
        "expected => [...document.querySelectorAll('#finder-tema option')].filter(o => o.value)"
        ".every(o => o.textContent.endsWith(expected[o.value]))",
        arg=expected,
    )


def test_a_theme_that_finds_no_case_says_why_and_where_to_read_more(new_page, served_site, real_site):
    page = new_page(viewport=PHONE)
    empty = [t for t in real_site.themes.values() if not t.cases]
    assert any(t.mapping.id == "botilbud" for t in empty)  # the real content has such themes
    page.goto(served_site.url(FINDER))
    for theme in empty:
        page.select_option("#finder-tema", theme.id)
        assert shows(page, set()) == set()
        reason = page.locator(f'.vive-finder__tom[data-tema="{theme.id}"]')
        reason.wait_for(state="visible")
        text = reason.inner_text()
        assert "oplyser ikke, hvilke cases" in text and theme.model.titel in text, text
        assert reason.locator(f'a[href="{theme.mapping.source.url}"]').count() == 1
        assert reason.get_by_role("link", name="temaet her på sitet").count() == 1
        assert page.locator(".vive-finder__tom:visible").count() == 1  # only this theme's reason
        assert page.locator(".vive-finder__ingen").is_hidden()
        assert page.locator(".vive-finder__raad").is_hidden()  # removing "one of the choices" is not it


def test_the_advice_to_remove_a_choice_comes_only_with_several_choices_and_no_result(
    new_page, served_site, real_site
):
    page = new_page(viewport=PHONE)
    page.goto(served_site.url(FINDER))
    advice = page.locator(".vive-finder__raad")
    for kind in ("kommune", "botilbud"):  # one choice: a result, no advice
        page.select_option("#finder-type", kind)
        expected = names(c for c in real_site.cases.values() if c.model.type == kind)
        assert shows(page, expected) == expected
        assert advice.is_hidden() and page.locator(".vive-finder__ingen").is_hidden()
    # Two choices that find nothing together, each of which finds something alone, and the theme's
    # own mapping has cases in the region (else the reason is the mapping: the test below).
    theme, region = next(
        (t, c.model.region)
        for t in real_site.themes.values()
        if t.cases
        for c in t.mapping.cases
        if c.model.region and c.model.region not in {k.model.region for k, _ in t.cases}
    )
    page.select_option("#finder-type", "")
    page.select_option("#finder-region", slugify(region))
    page.select_option("#finder-tema", theme.id)
    assert shows(page, set()) == set()
    advice.wait_for(state="visible")
    assert "Prøv at fjerne et af valgene" in advice.inner_text()
    assert page.locator(".vive-finder__ingen").is_visible()
    assert page.locator(".vive-finder__anden:visible").count() == 0
    page.select_option("#finder-region", "")  # back to one choice: results, and the advice goes
    expected = names(c for c, _ in theme.cases)
    assert shows(page, expected) == expected
    advice.wait_for(state="hidden")


def test_a_theme_of_the_other_mapping_says_so_instead_of_an_empty_list(new_page, served_site, real_site):
    """Botilbud chosen and a bostøtte theme: the reason is that the theme belongs to the other
    mapping, whether the sources name cases for the theme or not."""
    page = new_page(viewport=PHONE)
    page.goto(served_site.url(FINDER))
    kinds = {m.id: {c.model.type for c in m.cases} for m in real_site.mappings}
    tried = set()
    for theme in real_site.themes.values():
        others = [
            m for m in real_site.mappings if m is not theme.mapping and kinds[m.id] - kinds[theme.mapping.id]
        ]
        for other in others:
            kind = sorted(kinds[other.id] - kinds[theme.mapping.id])[0]
            page.select_option("#finder-type", kind)
            page.select_option("#finder-tema", theme.id)
            assert shows(page, set()) == set()
            reason = page.locator(f'.vive-finder__anden[data-kortlaegning="{theme.mapping.id}"]')
            reason.wait_for(state="visible")
            text = " ".join(reason.inner_text().split())
            assert f"{theme.model.nummer}. {theme.model.titel}" in text, text
            assert f"hører til kortlægningen af {theme.mapping.model.kort_navn.lower()}" in text, text
            assert f"kortlægningen af {other.model.kort_navn.lower()}" in text.split("hører til")[1], text
            assert page.locator(".vive-finder__tom:visible, .vive-finder__ingen:visible").count() == 0
            assert page.locator(".vive-finder__raad").is_hidden()
            tried.add(bool(theme.cases))
            page.select_option("#finder-type", "")
    assert tried == {True, False}  # themes with and without cases of their own


def test_rows_without_a_theme_are_compact_and_the_gap_is_said_once(new_page, served_site, real_site):
    for javascript in (False, True):
        page = new_page(viewport=PHONE, java_script_enabled=javascript)
        page.goto(served_site.url(FINDER))
        rows = page.locator(ITEMS)
        assert rows.count() == len(real_site.cases)
        text = page.locator(".vive-finder__liste").inner_text()
        assert "ingen temaer" not in text.lower() and "ikke oplyst" not in text.lower()
        without = [c for c in real_site.cases.values() if not c.themes]
        assert without
        note = page.locator(".vive-finder__note")
        assert note.count() == 1 and note.is_visible()
        assert str(len(without)) in note.inner_text()
        for case in real_site.cases.values():
            row = rows.filter(has=page.get_by_role("link", name=case.model.navn, exact=True)).inner_text()
            if case.themes:
                n = len(case.themes)
                assert f"{n} tema" in row, row
            else:
                assert "tema" not in row, row
