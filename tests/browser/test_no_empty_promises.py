"""Readers meet no empty promises (issue 18), in real Chromium: the perspectives a phone's reader
sees offered are those with content, with how much; a case's practice example comes before what
is unknown, on screen at 360 and 1,280 px; the new states pass axe.

What every page offers, counts and names as unknown is checked on every built page in
tests/test_reader_promises.py, and the decisions behind it on the views in tests/test_views.py."""

from __future__ import annotations

import re

import pytest

from generator.render import pages

from .test_accessibility import WCAG_TAGS, describe

PHONE = {"width": 360, "height": 640}
WIDE = {"width": 1280, "height": 800}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["360", "1280"])


def url(served_site, target) -> str:
    return served_site.url(pages.url_of(pages.path_of(target) if not isinstance(target, str) else target))


def shown(perspective) -> int:
    """The themes a perspective is written out for, from the YAML (not from the generator)."""
    return sum(1 for _, afsnit in perspective.sections if afsnit.blokke)


def perspective_links(page) -> dict[str, str]:
    """Visible links in the article to perspective pages: their path → the text of their line."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('article a[href]')]
              .filter(a => !a.getAttribute('href').startsWith('#') && a.checkVisibility()
                           && /perspektiver\\/[^/#]+\\/$/.test(new URL(a.href).pathname))
              .map(a => [new URL(a.href).pathname, (a.closest('li, p') || a).innerText]))"""
    )


def path_of_page(served_site, target) -> str:
    return "/" + pages.url_of(pages.path_of(target))


def test_the_perspectives_overview_offers_only_perspectives_with_content_and_how_much(
    new_page, served_site, real_site
):
    page = new_page(viewport=PHONE)
    page.goto(served_site.url(pages.url_of(pages.PERSPECTIVES_INDEX)))
    links = perspective_links(page)
    everything = list(real_site.perspectives.values())
    followable = [p for p in everything if shown(p)]
    assert followable and len(followable) < len(everything)  # the real content has both kinds
    assert set(links) == {path_of_page(served_site, p) for p in followable}
    for persp in followable:
        line = links[path_of_page(served_site, persp)]
        assert f"{shown(persp)} af {len(persp.mapping.themes)} temaer" in line, line
    text = page.locator("article").inner_text()
    for persp in everything:
        if not shown(persp):  # named, so the reader knows it exists, with the publication to read it in
            assert persp.model.navn in text, persp.id
    for mapping in real_site.mappings:
        assert page.locator(f'article a[href="{mapping.source.url}"]').count() >= (
            1 if any(not shown(p) for p in mapping.perspectives) else 0
        )


def test_the_forsides_follow_a_perspective_leads_to_the_overview_with_its_counts(
    new_page, served_site, real_site
):
    page = new_page(viewport=PHONE)
    page.goto(served_site.url(""))
    link = page.locator("article").get_by_role("link", name="Følg ét perspektiv")
    assert not perspective_links(page)  # no perspective page offered from the forside itself
    line = link.evaluate("a => a.closest('li').innerText")
    example = re.search(r"fx (\w+)", line)
    if example:  # the example it names has content to follow
        named = [p for p in real_site.perspectives.values() if example[1][:5].lower() in p.model.navn.lower()]
        assert any(shown(p) for p in named), line
    link.click()
    page.wait_for_url(f"**/{pages.url_of(pages.PERSPECTIVES_INDEX)}")
    assert re.search(r"\d+ af \d+ temaer", page.locator("article").inner_text())


def case_url(served_site, case) -> str:
    return url(served_site, case)


def top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")


@VIEWPORTS
def test_on_vista_hus_the_practice_example_comes_before_any_unknown(
    new_page, served_site, real_site, viewport
):
    case = real_site.cases["vista-hus"]
    page = new_page(viewport=viewport)
    page.goto(case_url(served_site, case))
    example = f"h3#{pages.example_anchor(case.model.praksiseksempler[0].titel)}"
    assert top(page, example) < top(page, ".vive-ukendt")
    assert page.locator(".vive-noegle dt").all_inner_texts() == ["Type"]  # only what is known


def zero_case_theme(real_site):
    return next(t for t in real_site.themes.values() if not t.cases)


@pytest.mark.parametrize("what", ["tomt-perspektiv", "finder-uden-cases", "vista-hus", "perspektiver"])
def test_the_new_states_have_no_axe_violations(new_page, served_site, real_site, axe, what):
    page = new_page(viewport=PHONE)
    empty = next(p for p in real_site.perspectives.values() if not shown(p))
    target = {
        "tomt-perspektiv": url(served_site, empty),
        "finder-uden-cases": served_site.url(pages.url_of(pages.CASES_INDEX))
        + f"?tema={zero_case_theme(real_site).id}",
        "vista-hus": case_url(served_site, real_site.cases["vista-hus"]),
        "perspektiver": served_site.url(pages.url_of(pages.PERSPECTIVES_INDEX)),
    }[what]
    page.goto(target)
    if what == "finder-uden-cases":
        page.locator(".vive-finder__tom:visible").wait_for()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert "wcag22aa" in WCAG_TAGS
    violations = results.response["violations"]
    assert not violations, describe(violations)
