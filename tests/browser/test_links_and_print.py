"""Deep links, permalinks, the /was address, the footer and the printed handout."""

from __future__ import annotations

import re

from generator.render import pages
from generator.render.qrcodes import make_qr

from ..conftest import SITE_URL


def header_bottom(page) -> float:
    return page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")


def in_view_below_header(page, selector: str) -> bool:
    top = page.locator(selector).evaluate("e => e.getBoundingClientRect().top")
    return header_bottom(page) - 1 <= top < page.viewport_size["height"]


def wait_until_in_view_below_header(page, selector: str) -> None:
    """Wait for the browser (and Material's scripts) to finish scrolling to the target."""
    page.wait_for_function(
        """selector => {
            const top = document.querySelector(selector).getBoundingClientRect().top;
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            return window.scrollY > 0 && header - 1 <= top && top < window.innerHeight;
        }""",
        arg=selector,
        timeout=30_000,
    )


def test_a_deep_link_lands_on_its_section_below_the_sticky_header(page, served_site, real_site):
    theme = real_site.mappings[0].themes[-1]  # the last theme: its sections are far down the page
    persp = theme.sections[-1][0]
    page.goto(served_site.url(pages.url_of(pages.path_of(theme))) + "#" + persp.id)
    wait_until_in_view_below_header(page, f"#{persp.id}")
    assert in_view_below_header(page, f"#{persp.id}")


def test_a_deep_link_to_a_case_section_lands_on_it(page, served_site, real_site):
    case = sorted(real_site.cases.values(), key=lambda c: c.id)[0]
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(served_site.url(pages.url_of(pages.path_of(case))) + "#temaer")
    wait_until_in_view_below_header(page, "#temaer")
    assert in_view_below_header(page, "#temaer")


def test_every_perspective_heading_has_a_visible_permalink_reachable_by_keyboard(
    page, served_site, real_site
):
    # A theme with reproduced perspectives: those are headings (the others are lines in one box).
    theme = next(t for t in real_site.themes.values() if any(not a.ikke_gengivet for _, a in t.sections))
    shown = [persp for persp, afsnit in theme.sections if not afsnit.ikke_gengivet]
    page.goto(served_site.url(pages.url_of(pages.path_of(theme))))
    for persp in shown:
        link = page.locator(f'#{persp.id} a.headerlink[href="#{persp.id}"]')
        assert link.is_visible()
        assert link.evaluate("e => getComputedStyle(e).opacity") == "1"
    target = shown[0].id
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == f"#{target}":
            break
    else:
        raise AssertionError("the permalink cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"#{target}$"))


def test_reflection_questions_have_visible_permalinks(page, served_site, real_site):
    questions = [(t, q) for t in real_site.themes.values() for q in t.model.refleksionsspoergsmaal]
    for theme, q in questions:
        page.goto(served_site.url(pages.url_of(pages.path_of(theme))) + "#" + q.id)
        link = page.locator(f'li#{q.id} a.vive-permalink[href="#{q.id}"]')
        assert link.is_visible(), q.id
        assert in_view_below_header(page, f"li#{q.id}")
    # Without questions yet (placeholder content), the theme says so instead.
    for theme in real_site.themes.values():
        if not theme.model.refleksionsspoergsmaal:
            page.goto(served_site.url(pages.url_of(pages.path_of(theme))))
            assert page.locator("#til-teammoedet ~ .vive-mangler").count() == 1
            break


def test_every_theme_has_a_team_meeting_guide_marked_as_editorial(page, served_site, real_site):
    for theme in real_site.themes.values():  # in the HTML of every theme …
        html = (served_site.root / pages.url_of(pages.path_of(theme)) / "index.html").read_text("utf-8")
        assert 'id="guide"' in html and 'class="vive-guide"' in html, theme.id
    theme = real_site.mappings[-1].themes[-1]  # … and as the reader sees it
    page.goto(served_site.url(pages.url_of(pages.path_of(theme))))
    guide = page.locator("#guide ~ .vive-guide")
    assert guide.is_visible()
    for word in ("Tid", "Roller", "Vælg spørgsmål"):
        assert word in guide.inner_text()
    assert "Redaktionel tekst" in page.locator("#guide ~ .vive-grundlag").first.inner_text()


def test_review_dates_are_near_the_top_of_every_theme(page, served_site, real_site):
    theme = real_site.mappings[-1].themes[0]
    page.goto(served_site.url(pages.url_of(pages.path_of(theme))))
    dates = page.locator(".vive-dato")
    text = dates.inner_text()
    review = theme.model.gennemgang
    assert "Fagligt gennemgået" in text
    assert ("Næste gennemgang" if review.reviewed_on else "Gennemgang planlagt") in text
    assert str(review.naeste_gennemgang.year) in text
    kort_fortalt = page.locator("#kort-fortalt").evaluate("e => e.getBoundingClientRect().top")
    assert dates.evaluate("e => e.getBoundingClientRect().top") < kort_fortalt


def test_a_theme_prints_as_its_handout_with_url_and_qr_code(page, served_site, real_site):
    theme = real_site.mappings[0].themes[0]
    path = pages.path_of(theme)
    page.goto(served_site.url(pages.url_of(path)))
    handout = page.locator(".vive-handout")
    assert handout.is_hidden()  # on screen: not shown
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-search",
        ".md-footer",
        "article > h1",  # the screen page: only the handout is printed
        "#kort-fortalt",
        ".vive-dato",
        ".vive-mangler",
        ".vive-paa-tvaers",
        ".vive-udskriv",
    ):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert handout.is_visible()
    text = handout.inner_text()
    absolute = pages.absolute_url(SITE_URL, path)
    assert absolute.startswith("https://") and absolute in text
    for expected in (
        f"{theme.model.nummer}. {theme.model.titel}",
        f"i kortlægningen af {theme.mapping.model.kort_navn.lower()}",
        "Kort fortalt",
        "Fagligt gennemgået",
        "Sådan kan I bruge spørgsmålene",
        *(q.spoergsmaal for q in theme.model.refleksionsspoergsmaal),
    ):
        assert expected in text, expected
    across = f"af {len(theme.mapping.themes)} temaer"  # the links to a perspective across themes
    for screen_only in ("Se ændringer", across, "¶", "endnu ikke gengivet"):
        assert screen_only not in text, screen_only
    qr = handout.locator("img.vive-handout__qr")
    assert qr.is_visible()
    assert qr.get_attribute("src") == make_qr(absolute)  # encodes the page's own address


def test_the_print_button_and_the_question_cards_are_linked_from_til_teammoedet(page, served_site, real_site):
    theme = real_site.mappings[-1].themes[-1]
    page.goto(served_site.url(pages.url_of(pages.path_of(theme))))
    guide = page.locator("#guide ~ .vive-guide")
    button = guide.get_by_role("button", name="Udskriv temaet på én side")
    page.evaluate("window.print = () => { window.printed = true; }")  # no dialog in a test run
    button.click()
    page.wait_for_function("window.printed === true")  # print.js opens the print dialog
    guide.get_by_role("link", name="spørgsmålskortene", exact=False).click()
    page.wait_for_url(re.compile(re.escape(pages.url_of(pages.cards_path(theme.mapping))) + "$"))
    assert page.locator(".vive-kort").count() > 1


def test_every_mapping_page_links_to_its_question_cards(page, served_site, real_site):
    for mapping in real_site.mappings:
        page.goto(served_site.url(pages.url_of(pages.path_of(mapping))))
        page.locator("article").get_by_role("link", name="som kort", exact=False).click()
        page.wait_for_url(re.compile(re.escape(pages.url_of(pages.cards_path(mapping))) + "$"))


def test_was_leads_to_the_accessibility_statement(page, served_site):
    page.goto(served_site.url("was"))  # as typed: <site>/was
    page.wait_for_url(re.compile(re.escape(pages.url_of(pages.ACCESSIBILITY)) + "$"))
    assert page.locator("h1").inner_text().replace("\xad", "") == "Tilgængelighedserklæring"


def test_the_footer_links_to_the_accessibility_statement(page, served_site, real_site):
    page.goto(served_site.url(pages.url_of(pages.path_of(real_site.mappings[0].themes[0]))))
    link = page.locator(".md-footer").get_by_role("link", name="Tilgængelighedserklæring")
    link.click()
    page.wait_for_url(re.compile(re.escape(pages.url_of(pages.ACCESSIBILITY)) + "$"))
