"""What a reader sees where the report is not reproduced: one compact box on a theme page,
deep links that still land, the theme × case table at 360 and 1,280 px, permalinks on phones."""

from __future__ import annotations

import pytest

from generator.content.model import ROLLE_LABELS, Rolle
from generator.render import pages

from .test_links_and_print import in_view_below_header

PHONE = {"width": 360, "height": 640}
WIDE = {"width": 1280, "height": 800}


def theme_url(served_site, theme) -> str:
    return served_site.url(pages.url_of(pages.path_of(theme)))


def test_a_theme_page_names_what_is_not_reproduced_in_one_box(page, served_site, real_site):
    for theme in real_site.themes.values():
        missing = [p for p, a in theme.sections if a.ikke_gengivet]
        page.goto(theme_url(served_site, theme))
        boxes = page.locator(".vive-ikke-gengivet")
        assert page.locator(".vive-mangler").count() <= 1, theme.id
        if not missing:
            assert boxes.count() == 0, theme.id
            continue
        assert boxes.count() == 1, theme.id
        box = boxes.first
        publication = box.locator(f'a[href="{theme.mapping.source.url}"]')
        assert publication.count() == 1, theme.id
        assert [li.get_attribute("id") for li in box.locator("li").all()] == [p.id for p in missing]
        # Near the top: before the first section heading after Kort fortalt.
        assert box.evaluate("b => !!(b.compareDocumentPosition(document.getElementById('cases')) & 4)")
        for persp in missing:
            assert page.locator(f"h2#{persp.id}").count() == 0, (theme.id, persp.id)


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


def test_a_perspective_page_without_content_says_so_once_and_links_on(page, served_site, real_site):
    empty = [p for p in real_site.perspectives.values() if all(a.ikke_gengivet for _, a in p.sections)]
    assert empty
    for persp in empty:
        page.goto(served_site.url(pages.url_of(pages.path_of(persp))))
        assert page.locator(".vive-mangler").count() == 1, persp.id
        box = page.locator(".vive-mangler")
        assert box.locator(f'a[href="{persp.mapping.source.url}"]').count() == 1
        for theme, _ in persp.sections:  # every theme is one working link on; its anchor stays
            link = box.locator(f"li#{theme.id} a")
            assert link.count() == 1, (persp.id, theme.id)
        page.locator(f"li#{persp.sections[0][0].id} a").click()
        page.wait_for_url(f"**/{pages.url_of(pages.path_of(persp.sections[0][0]))}")


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


def test_roles_are_told_apart_by_shape_and_words_not_colour(page, served_site, real_site):
    mapping = next(m for m in real_site.mappings if any(t.cases for t in m.themes))
    page.goto(served_site.url(pages.url_of(pages.matrix_path(mapping))))
    refs = [ref for t in mapping.themes for _, ref in t.cases]
    for rolle, shape in ((Rolle.dybdegaaende, "●"), (Rolle.supplerende, "○")):
        marks = page.locator(f".vive-matrix .vive-rolle--{rolle.value}")
        assert marks.count() == sum(r.rolle is rolle for r in refs) > 0
        assert marks.first.locator("[aria-hidden]").inner_text() == shape
        assert marks.first.locator(".vive-sr").inner_text() == ROLLE_LABELS[rolle]


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


def test_key_value_facts_have_no_empty_table_header(page, served_site, real_site):
    known = next(
        c for c in real_site.cases.values() if c.model.kommune and c.model.region and c.model.lovgrundlag
    )
    for node in [known, real_site.mappings[0]]:  # a case page lists only the facts that are known
        page.goto(served_site.url(pages.url_of(pages.path_of(node))))
        empty = page.evaluate(
            "() => [...document.querySelectorAll('article thead tr')]"
            ".filter(tr => !tr.textContent.trim()).length"
        )
        assert empty == 0
        assert page.locator(".vive-noegle dl dt").count() >= 4
