"""What a reader sees where the report is not reproduced, on screen: deep links that still land,
the theme × case table at 360 and 1,280 px, a mapping's themes first on a phone, permalinks on
phones. What the pages say and link to (the one box, the empty perspective's links, the role
marks, the facts) is checked on every built page in tests/test_reader_promises.py."""

from __future__ import annotations

import pytest

from generator.render import pages

from .test_links_and_print import in_view_below_header

PHONE = {"width": 360, "height": 640}
WIDE = {"width": 1280, "height": 800}


def theme_url(served_site, theme) -> str:
    return served_site.url(pages.url_of(pages.path_of(theme)))


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["360", "1280"])
def test_a_deep_link_to_a_perspective_not_reproduced_lands_on_its_line(
    new_page, served_site, real_site, viewport
):
    theme, persp = next((t, p) for t in real_site.themes.values() for p, a in t.sections if a.ikke_gengivet)
    page = new_page(viewport=viewport)
    page.goto(theme_url(served_site, theme) + "#" + persp.id)
    line = page.locator(f".vive-ikke-gengivet li#{persp.id}")
    assert line.is_visible()
    assert persp.model.navn in line.inner_text()
    assert in_view_below_header(page, f"li#{persp.id}")


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["360", "1280"])
def test_the_theme_case_table_shows_every_column_and_whole_words(new_page, served_site, real_site, viewport):
    page = new_page(viewport=viewport)
    for mapping in real_site.mappings:
        page.goto(served_site.url(pages.url_of(pages.matrix_path(mapping))))
        table = page.locator(".vive-matrix table")
        fits = table.evaluate(
            """t => { const w = t.closest('.md-typeset__scrollwrap') || t.parentElement;
                      return t.getBoundingClientRect().right <= w.getBoundingClientRect().right + 0.5
                             && document.documentElement.scrollWidth <= innerWidth; }"""
        )
        assert fits, f"{mapping.id} at {viewport['width']} px: columns cut off or scrolled away"
        headers = table.locator("thead th")
        assert headers.count() == len(mapping.cases) + 1
        for i in range(headers.count()):
            assert headers.nth(i).is_visible()
        # A theme name may wrap between words, never inside one: every word is one box on screen.
        split = table.evaluate(
            """t => [...t.querySelectorAll('tbody td:first-child a')].flatMap(a => {
                 const node = a.firstChild, out = [];
                 let at = 0;
                 for (const word of node.textContent.split(' ')) {
                   const r = document.createRange();
                   r.setStart(node, at); r.setEnd(node, at + word.length); at += word.length + 1;
                   const lines = new Set([...r.getClientRects()].map(b => Math.round(b.top)));
                   if (lines.size > 1) out.push(word);
                 }
                 return out; })"""
        )
        assert split == [], f"{mapping.id}: words cut in two: {split}"


def test_on_a_phone_a_mapping_lists_its_themes_before_the_long_text(new_page, served_site, real_site):
    page = new_page(viewport=PHONE)
    for mapping in real_site.mappings:
        page.goto(served_site.url(pages.url_of(pages.path_of(mapping))))
        themes_top = page.locator("h2#temaer").evaluate("e => e.getBoundingClientRect().top")
        about_top = page.locator("h2#om").evaluate("e => e.getBoundingClientRect().top")
        assert (
            themes_top
            < about_top
            < page.locator("h2#perspektiver").evaluate("e => e.getBoundingClientRect().top")
        )
        assert themes_top < 640, "the list of themes starts on the first screen"


def test_on_a_phone_headings_are_their_own_permalink_without_the_pilcrow(new_page, served_site, real_site):
    theme = next(iter(real_site.themes.values()))
    page = new_page(viewport=PHONE)
    page.goto(theme_url(served_site, theme))
    heading = page.locator("h2#kort-fortalt")
    assert not heading.locator("a.headerlink").is_visible()
    assert "¶" not in heading.inner_text()
    heading.locator("a.toclink").click()
    page.wait_for_url("**#kort-fortalt")
    wide = new_page(viewport=WIDE)
    wide.goto(theme_url(served_site, theme))
    assert wide.locator("h2#kort-fortalt a.headerlink").is_visible()
