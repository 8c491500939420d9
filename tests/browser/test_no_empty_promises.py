"""Readers meet no empty promises (issue 18), at 360 and 1,280 px in real Chromium:
a perspective with no content is not offered as a destination, yet its URL answers; where one is
offered, the reader sees how much it holds; a case page leads with what it has and names what is
unknown once; a basis shared by several blocks is told once; no editors' notes on reader pages."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

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


@VIEWPORTS
def test_the_perspectives_overview_offers_only_perspectives_with_content_and_how_much(
    new_page, served_site, real_site, viewport
):
    page = new_page(viewport=viewport)
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


@VIEWPORTS
def test_mapping_and_theme_pages_and_the_sidebar_lead_to_no_empty_perspective(
    new_page, served_site, real_site, viewport
):
    page = new_page(viewport=viewport)
    empty = {path_of_page(served_site, p) for p in real_site.perspectives.values() if not shown(p)}
    assert empty
    for mapping in real_site.mappings:
        page.goto(url(served_site, mapping))
        links = perspective_links(page)
        assert not set(links) & empty, mapping.id
        for persp in mapping.perspectives:
            if shown(persp):
                line = links[path_of_page(served_site, persp)]
                assert f"{shown(persp)} af {len(mapping.themes)} temaer" in line, line
        sidebar = page.eval_on_selector_all(
            ".md-sidebar--primary a[href]", "as => as.map(a => new URL(a.href).pathname)"
        )
        assert not set(sidebar) & empty, mapping.id
    for theme in real_site.themes.values():
        page.goto(url(served_site, theme))
        for path, line in perspective_links(page).items():
            assert path not in empty, (theme.id, path)
            persp = next(p for p in real_site.perspectives.values() if path_of_page(served_site, p) == path)
            # A link across themes promises other themes: never one that holds only this one.
            assert shown(persp) > 1, (theme.id, persp.id)
            assert f"{shown(persp)} af {len(theme.mapping.themes)} temaer" in line, line


@VIEWPORTS
def test_the_forsides_follow_a_perspective_leads_to_the_overview_with_its_counts(
    new_page, served_site, real_site, viewport
):
    page = new_page(viewport=viewport)
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


@VIEWPORTS
def test_an_empty_perspectives_url_still_answers_with_a_useful_page(
    new_page, served_site, real_site, viewport
):
    page = new_page(viewport=viewport)
    for persp in real_site.perspectives.values():
        if shown(persp):
            continue
        response = page.goto(url(served_site, persp))
        assert response.status == 200, persp.id
        article = page.locator("article")
        assert persp.model.navn in page.locator("h1").inner_text().replace("\xad", "")
        assert " ".join(persp.model.beskrivelse.tekst.split()[:5]) in " ".join(article.inner_text().split())
        assert article.locator(f'a[href="{persp.mapping.source.url}"]').count() == 1, persp.id
        for theme, _ in persp.sections:  # on to every theme, each on its published anchor
            assert article.locator(f"li#{theme.id} a").count() == 1, (persp.id, theme.id)
        # … and to the perspectives of its mapping that do have content, with how much.
        links = perspective_links(page)
        others = [p for p in persp.mapping.perspectives if shown(p)]
        assert set(links) == {path_of_page(served_site, p) for p in others}, persp.id


def case_url(served_site, case) -> str:
    return url(served_site, case)


def top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")


@VIEWPORTS
def test_a_case_page_leads_with_what_it_has_and_names_the_unknown_once(
    new_page, served_site, real_site, viewport
):
    page = new_page(viewport=viewport)
    for case in real_site.cases.values():
        c = case.model
        page.goto(case_url(served_site, case))
        article = page.locator("article")
        text = article.inner_text()
        assert "Ikke oplyst i kilderne" not in text, case.id
        facts = article.locator(".vive-noegle dd").all_inner_texts()
        assert all("ikke oplyst" not in f.lower() for f in facts), case.id
        unknown = article.locator(".vive-ukendt")
        missing_facts = not (c.kommune and c.region and c.lovgrundlag)
        own_site = any(b.grundlag.value == "casens-hjemmeside" for b in c.beskrivelse)
        if not (missing_facts or not case.themes or c.praksiseksempler or not c.beskrivelse or own_site):
            assert unknown.count() == 0, case.id
            continue
        assert unknown.count() == 1, case.id
        assert text.count("Ikke oplyst") == 1, case.id  # once
        assert unknown.locator(f'a[href="{case.mapping.source.url}"]').count() == 1, case.id
        # After everything the page has: the facts, the text, the practice examples, the themes.
        for section in ("#fakta", "#om-casen", "#praksiseksempler", "h2#temaer"):
            if page.locator(section).count() and not page.locator(f".vive-ukendt {section}").count():
                assert top(page, section) < top(page, ".vive-ukendt"), (case.id, section)
        if not case.themes:  # the old deep link #temaer lands on the line that says so
            assert unknown.locator("li#temaer").count() == 1, case.id
        for ex in c.praksiseksempler:
            heading = page.locator(f"h3#{pages.example_anchor(ex.titel)}")
            assert heading.is_visible()
            assert top(page, f"h3#{pages.example_anchor(ex.titel)}") < top(page, ".vive-ukendt")


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


@VIEWPORTS
def test_a_case_that_describes_a_theme_in_depth_says_the_description_is_in_the_mapping(
    new_page, served_site, real_site, viewport
):
    from generator.content.model import Rolle

    page = new_page(viewport=viewport)
    checked = 0
    for case in real_site.cases.values():
        deep = [t for t, ref in case.themes if ref.rolle is Rolle.dybdegaaende]
        if not deep:
            continue
        page.goto(case_url(served_site, case))
        for theme in deep:
            line = page.locator("article li").filter(has=page.locator(f'a[href$="{theme.id}/"]'))
            assert "ikke her på sitet" in line.inner_text(), (case.id, theme.id)
            assert line.locator(f'a[href="{case.mapping.source.url}"]').count() == 1, (case.id, theme.id)
            checked += 1
    assert checked


SAME_BASIS_TWICE = """() => {
  // Two basis labels with the same words and nothing but text between them (no heading, no
  // other label): the second repeats the first.
  const out = [];
  let last = null;
  for (const el of document.querySelectorAll('article h1, article h2, article h3, article .vive-grundlag')) {
    if (!el.checkVisibility()) continue;
    if (!el.matches('.vive-grundlag')) { last = null; continue; }
    const words = el.innerText.trim();
    if (last === words) out.push(words);
    last = words;
  }
  return out;
}"""


@VIEWPORTS
def test_blocks_on_one_basis_share_one_label(new_page, served_site, real_site, viewport):
    page = new_page(viewport=viewport)
    targets = [*real_site.themes.values(), *real_site.cases.values(), *real_site.mappings]
    targets += list(real_site.perspectives.values())
    for target in targets:
        page.goto(url(served_site, target))
        assert page.evaluate(SAME_BASIS_TWICE) == [], target.id
        # Every block still shows its basis: each visible paragraph run ends at a label.
        assert page.locator("article .vive-grundlag").count() >= 1, target.id
        if target in real_site.themes.values():  # questions and guide, both the editors': one label
            labels = page.evaluate(TEAM_MEETING_LABELS)
            assert len(labels) == 1 and "spørgsmålene og vejledningen" in labels[0], (target.id, labels)


TEAM_MEETING_LABELS = """() => {
  const start = document.getElementById('til-teammoedet'), end = document.getElementById('kilder');
  return [...document.querySelectorAll('article .vive-grundlag')].filter(l => l.checkVisibility()
    && (start.compareDocumentPosition(l) & 4) && (l.compareDocumentPosition(end) & 4)).map(l => l.innerText);
}"""


@VIEWPORTS
def test_no_notes_about_the_sites_own_choices_on_case_pages(new_page, served_site, real_site, viewport):
    page = new_page(viewport=viewport)
    for case in real_site.cases.values():
        if not case.model.praksiseksempler:
            continue
        page.goto(case_url(served_site, case))
        assert "Overskriften er kortlægningens egen" not in page.locator("article").inner_text(), case.id
    page.goto(served_site.url(pages.url_of(pages.SOURCES)))  # it is said in the list of sources
    assert (
        "overskrifterne på casenes praksiseksempler er kortlægningernes egne"
        in page.locator("article").inner_text()
    )


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


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
